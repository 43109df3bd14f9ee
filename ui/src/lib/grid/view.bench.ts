// `npx vitest bench --run` in ui/: what typing in the search box costs over 50.000 people,
// the grid's own work without the web view (numbers for the report, never asserted).
import { bench, describe } from 'vitest';
import { foldVi } from '../text';
import type { GridColumn, GridRow } from './types';
import { filterOrder, RowTextCache, SearchMemo, sortOrder } from './view';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thanh', 'Ngọc', 'Quang', 'Xuân', 'Thu', 'Hồng', 'Công'];
const GIVEN = ['An', 'Anh', 'Ánh', 'Bình', 'Cúc', 'Dũng', 'Đông', 'Giang', 'Hà', 'Hải', 'Hoa', 'Hòa', 'Hùng', 'Hương', 'Khánh', 'Lan', 'Linh', 'Long'];
const cols: GridColumn[] = [
  { key: 'full_name', label: 'Họ và tên', kind: 'text', sortAs: 'person' },
  { key: 'birth_year', label: 'Năm sinh', kind: 'text' },
  { key: 'position', label: 'Chức vụ', kind: 'text' },
  { key: 'unit', label: 'Đơn vị', kind: 'text' },
];
const rows: GridRow[] = Array.from({ length: 50000 }, (_, i) => ({
  full_name: `${FAMILY[i % 16]} ${MIDDLE[(i / 7) % 12 | 0]} ${GIVEN[(i * 13 + ((i / 11) | 0)) % 18]}`,
  birth_year: String(1960 + (i % 40)),
  position: 'Giáo viên',
  unit: `Trường Tiểu học số ${i % 40}`,
}));
const cache = new RowTextCache(cols);
const order = sortOrder(rows, cols, { key: 'full_name', dir: 'asc' }, cache);
const texts = rows.map((r) => cache.rowText(r));
const query = 'nguyen van an';
const spec = (search: string) => ({ search, filters: {}, sort: null });

describe('search over 50.000 rows', () => {
  bench('fold the search text of every row (once, when the list loads)', () => {
    for (const r of rows) foldVi(`${r.full_name} ${r.birth_year} ${r.position} ${r.unit}`);
  });
  bench('sort by person name (keys cached)', () => {
    sortOrder(rows, cols, { key: 'full_name', dir: 'asc' }, cache);
  });
  bench('first letter, over all rows', () => {
    filterOrder(order, rows, cols, spec('n'), cache, texts);
  });
  bench('typing "nguyen van an" letter by letter, each narrowing the last', () => {
    const memo = new SearchMemo();
    for (let i = 1; i <= query.length; i++) {
      const q = query.slice(0, i);
      const found = memo.lookup(order, '{}', q);
      if ('from' in found) memo.remember(q, filterOrder(found.from, rows, cols, spec(q), cache, texts));
    }
  });
  bench('typing "nguyen van an" letter by letter, each over all rows', () => {
    for (let i = 1; i <= query.length; i++) filterOrder(order, rows, cols, spec(query.slice(0, i)), cache, texts);
  });
});
