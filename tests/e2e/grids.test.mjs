// End-to-end: the clerk's grids and screens on the demo office, in the real app (WebKitGTK
// under Xvfb, 1366×768). People edited in the list and still there after the list is read
// again; three people pasted as from Excel and the paste undone; two records of one person
// merged after a confirmation; a criteria line edited and
// the total following; a file tab with a correction closed only after a confirmation; a cell
// of the home matrix opening the import of that unit's file; each screen fitting the window.
// Then 50.000 people searched key by key, with the time from the key to the painted list.
// Screenshots go to tests/e2e/screenshots/grids-*.png.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clickCell, KEY, keys, loadAverage, officeWithManyPeople, paintedShot, pasteScript, rowCells, sql, thidua, until, useXvfb, withDriver } from './harness.mjs';

useXvfb();

const shot = paintedShot;

const EXAMPLE = '/work/shared/domain/examples/truong-thcs-hong-ky-dang-ky-2025.xlsx';

/** Types into an input as the input method delivers Vietnamese: whole words at once. */
const setValue = (event) => `const i = document.querySelector(arguments[0]); i.value = arguments[1]; i.dispatchEvent(new Event('${event}', { bubbles: true }));`;

/** How far the page is taller than the window (0 when it fits) and what sticks out. */
const overflow = `const over = document.documentElement.scrollHeight - window.innerHeight;
  const out = [];
  if (over > 0) for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if (r.bottom > window.innerHeight + 1 && r.height > 0 && !e.closest('.content')) out.push(e.tagName + '.' + e.className);
  }
  return { over, culprits: out.slice(0, 5) };`;

async function search(s, grid, text) {
  await s.execute(setValue('input'), [`[data-testid=${grid}-search]`, text]);
}

test('persons grid: edit inline, refuse a bad birth year, paste three people and undo, merge two records', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-e2e-grids-'));
  thidua(dataDir, 'demo', '--year', '2026');
  const [[unitName]] = sql(dataDir, `SELECT name FROM units WHERE code = 'VP'`);
  await withDriver(dataDir, async (start) => {
    const s = await start();
    await s.click('[data-testid=nav-persons]');
    await s.waitFor('[data-testid=persons-body] [data-row="0"]');
    const first = await s.execute(rowCells, ['persons', 0]);
    const [[id]] = sql(dataDir, `SELECT id FROM persons WHERE full_name = '${first.full_name}' AND merged_into IS NULL LIMIT 1`);

    // Rename the first person: F2, the new name, Enter.
    await clickCell(s, 'persons', 0, 'full_name');
    await keys(s, KEY.F2);
    await s.waitFor('[data-testid=persons-editor]');
    await s.execute(setValue('input'), ['[data-testid=persons-editor]', '  Trịnh   Thị Ánh Tuyết ']);
    await keys(s, KEY.Enter);
    await until('rename saved', () => sql(dataDir, `SELECT full_name FROM persons WHERE id = '${id}'`)[0][0] === 'Trịnh Thị Ánh Tuyết');

    // A birth year of two digits is refused in Vietnamese and the cell keeps its value.
    await search(s, 'persons', 'anh tuyet');
    await s.waitUntil('found', `return document.querySelector('[data-testid=persons-count]').textContent.includes('1 /')`);
    const beforeYear = (await s.execute(rowCells, ['persons', 0])).birth_year;
    await clickCell(s, 'persons', 0, 'birth_year');
    await keys(s, KEY.F2);
    await s.execute(setValue('input'), ['[data-testid=persons-editor]', '85']);
    await keys(s, KEY.Enter);
    await s.waitFor('[data-testid=persons-error]');
    assert.match(await s.text('[data-testid=persons-error]'), /Năm sinh “85” của Trịnh Thị Ánh Tuyết không hợp lệ: gõ 4 chữ số/);
    await s.waitUntil('year kept', `return document.querySelector('[data-testid=persons-body] [data-row="0"] [data-col=birth_year]').textContent.trim() === arguments[0]`, [beforeYear]);
    await shot(s, 'grids-01-ca-nhan-sua-loi');

    // Read again from the file: away and back, the new name is there, sorted by given name.
    await s.click('[data-testid=nav-home]');
    await s.click('[data-testid=nav-persons]');
    await s.waitFor('[data-testid=persons-body] [data-row="0"]');
    await search(s, 'persons', 'trinh anh tuyet');
    await s.waitUntil('found again', `return document.querySelector('[data-testid=persons-count]').textContent.includes('1 /') && document.querySelector('[data-testid=persons-body] [data-row="0"] [data-col=full_name]')?.textContent.trim() === 'Trịnh Thị Ánh Tuyết'`);
    await search(s, 'persons', '');

    // Three people pasted as copied from Excel, below the last line.
    const before = sql(dataDir, `SELECT count(*) FROM persons`)[0][0];
    await s.click('[data-testid=persons-add]');
    // The blank line is where the cursor is; the count of lines (filled ones) does not move.
    await s.waitUntil('blank line', `return document.querySelector('[data-testid=persons-body] .cell.cursor')?.closest('.row')?.dataset.key.startsWith('moi-') && document.querySelector('[data-testid=persons-count]').textContent.trim() === arguments[0]`, [`${before} dòng`.replace(/\B(?=(\d{3})+(?!\d))/g, '.')]);
    const block = [
      ['Hà Thị Phương Thảo', 'Nữ', '1990', 'Giáo viên', unitName, 'Trực tiếp'],
      ['Lò Văn Pâng', 'nam', '1979', 'Tổ trưởng', unitName, 'truc tiep'],
      ['Vàng Thị Mỷ', 'nu', '2001', 'Nhân viên', unitName, ''],
    ]
      .map((r) => r.join('\t'))
      .join('\r\n');
    await s.execute(pasteScript, [block + '\r\n', '[data-testid=persons-body]']);
    await until('three people in the file', () =>
      sql(dataDir, `SELECT count(*) FROM persons p JOIN units u ON u.id = p.unit_id WHERE p.full_name IN ('Hà Thị Phương Thảo', 'Lò Văn Pâng', 'Vàng Thị Mỷ') AND p.birth_year IS NOT NULL AND u.code = 'VP'`)[0][0] === 3,
    );
    assert.deepEqual(sql(dataDir, `SELECT gender, birth_year, position FROM persons WHERE full_name = 'Lò Văn Pâng'`), [['nam', 1979, 'Tổ trưởng']]);
    await s.waitFor('[data-testid=notice]');
    assert.match(await s.text('[data-testid=notice]'), /Đã thêm 3 người/);
    await shot(s, 'grids-02-ca-nhan-dan-3-nguoi');

    // Ctrl+Z takes the three back out of the file.
    await s.execute(`document.querySelector('[data-testid=persons-body]').focus()`);
    await keys(s, [KEY.Control, 'z']);
    await until('paste undone', () => sql(dataDir, `SELECT count(*) FROM persons`)[0][0] === before);

    // Two records of one person: both lines selected (Shift+↓), merged after the confirmation.
    await search(s, 'persons', 'dang thu lan');
    await s.waitUntil('two records', `return document.querySelector('[data-testid=persons-count]').textContent.trim().startsWith('2 /')`);
    await clickCell(s, 'persons', 0, 'full_name');
    await keys(s, [KEY.Shift, KEY.Down]);
    await s.waitUntil('merge offered', `return !document.querySelector('[data-testid=persons-merge]').disabled`);
    await s.click('[data-testid=persons-merge]');
    await s.waitFor('dialog[open]');
    assert.match(await s.text('dialog[open]'), /Giữ hồ sơ Đặng Thu Lan .* và gộp Đặng Thu Lan .* vào đó/s);
    await shot(s, 'grids-02b-gop-hai-ban-ghi');
    await s.execute(`[...document.querySelectorAll('dialog[open] button')].find((b) => b.textContent.trim() === 'Gộp').click()`);
    await s.waitUntil('one record left', `return document.querySelector('[data-testid=persons-count]').textContent.trim().startsWith('1 /')`);
    assert.equal(sql(dataDir, `SELECT count(*) FROM persons WHERE full_name = 'Đặng Thu Lan' AND merged_into IS NOT NULL`)[0][0], 1);
    await s.end();
  });
});

test('criteria table: edit a line and add one, the total follows; a scored line asks before it goes', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-e2e-criteria-'));
  thidua(dataDir, 'demo', '--year', '2026');
  await withDriver(dataDir, async (start) => {
    const s = await start();
    await s.click('[data-testid=nav-scoring]');
    // Last year's blocks were scored line by line in the demo.
    await s.select('[data-testid=year-picker]', '2025');
    await s.waitFor('[data-testid=scores-body] [data-row="0"]');
    await s.click('[data-testid=criteria-edit]');
    await s.waitFor('[data-testid=criteria-editor]');
    const total = async () => Number((await s.text('[data-testid=criteria-total-max]')).replace(',', '.'));
    const start100 = await total();

    // A new line at the end, worth 5: the total goes up by 5 as soon as it is typed.
    await s.click('[data-testid=criteria-add]');
    const n = (await s.findAll('[data-testid=criteria-line]')).length;
    await s.execute(setValue('change'), [`[data-testid=criteria-line]:nth-child(${n}) [data-testid=criteria-title]`, 'Ứng dụng chuyển đổi số trong công tác']);
    await s.execute(setValue('change'), [`[data-testid=criteria-line]:nth-child(${n}) [data-testid=criteria-max]`, '5']);
    await s.waitUntil('total +5', `return document.querySelector('[data-testid=criteria-total-max]').textContent.trim() === arguments[0]`, [String(start100 + 5)]);

    // The text of the first line edited.
    await s.execute(setValue('change'), ['[data-testid=criteria-line]:nth-child(1) [data-testid=criteria-title]', 'Công tác chỉ đạo, tổ chức phong trào thi đua (sửa)']);

    // Removing a line units have points on says whose points go, and can be refused.
    const scored = sql(dataDir, `SELECT DISTINCT c.title FROM criterion_scores s JOIN criteria c ON c.id = s.criterion_id JOIN criteria_sets cs ON cs.id = c.set_id JOIN blocks b ON b.id = cs.block_id WHERE b.year = 2025 AND b.name = 'Cụm Thôn, tổ dân phố'`).map((r) => r[0]);
    assert.ok(scored.length > 0, 'the demo block has points by line');
    const index = await s.execute(
      `return [...document.querySelectorAll('[data-testid=criteria-title]')].findIndex((i) => i.value === arguments[0])`,
      [scored[0]],
    );
    assert.ok(index >= 0, `line “${scored[0]}” is in the editor`);
    await s.execute(`document.querySelectorAll('[data-testid=criteria-remove]')[arguments[0]].click()`, [index]);
    await s.waitFor('dialog[open]');
    assert.match(await s.text('dialog[open]'), /đã có điểm chấm của .*Nếu xoá và lưu bảng, số điểm đó bị xoá theo/s);
    await shot(s, 'grids-03-xoa-tieu-chi-da-cham');
    await s.execute(`[...document.querySelectorAll('dialog[open] button')].find((b) => b.textContent.trim() === 'Hủy').click()`);
    assert.equal((await s.findAll('[data-testid=criteria-line]')).length, n, 'nothing removed');
    await shot(s, 'grids-04-sua-bang-tieu-chi');

    await s.click('[data-testid=criteria-save]');
    await s.waitUntil('saved', `return !document.querySelector('[data-testid=criteria-editor]')`);
    assert.equal(sql(dataDir, `SELECT max_points FROM criteria WHERE title = 'Ứng dụng chuyển đổi số trong công tác'`)[0][0], 5);
    assert.equal(sql(dataDir, `SELECT count(*) FROM criteria WHERE title = 'Công tác chỉ đạo, tổ chức phong trào thi đua (sửa)'`)[0][0], 1);
    assert.match(await s.text('.criteria'), new RegExp(`tối đa ${start100 + 5} điểm`));
    await s.end();
  });
});

test('home matrix opens the import of a unit’s file; a tab with a correction asks before closing; screens fit 1366×768', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-e2e-home-'));
  thidua(dataDir, 'demo', '--year', '2026');
  const files = mkdtempSync(join(tmpdir(), 'thidua-e2e-homefiles-'));
  const source = join(files, 'truong-thcs-hong-ky-dang-ky-2025.xlsx');
  copyFileSync(EXAMPLE, source);
  await withDriver(
    dataDir,
    async (start) => {
      const s = await start();
      await s.waitFor('[data-testid=doc-matrix]');
      const fits = {};
      fits.home = await s.execute(overflow);
      await shot(s, 'grids-05-trang-chu');

      // One click on the unit's registration cell: the picker opens, the file is read as that unit's.
      await s.execute(`document.querySelector('[data-testid=doc-cell-PKT-registration]').click()`);
      await s.waitFor('[data-testid=import-summary]', 30000);
      assert.equal(await s.execute(`return document.querySelector('[data-testid=import-unit]').value`), 'PKT');
      assert.equal(await s.execute(`return document.querySelector('[data-testid=import-kind]').value`), 'registrations');
      fits.imports = await s.execute(overflow);
      await shot(s, 'grids-06-nhap-tu-trang-chu');

      // A correction (one row skipped), then the tab's ×: asked first; "Hủy" keeps it.
      await s.execute(`[...document.querySelectorAll('[data-testid=import-row] button')].find((b) => b.textContent.trim() === 'Bỏ qua').click()`);
      await s.waitUntil('row skipped', `return !!document.querySelector('[data-testid=import-row].skipped')`);
      await s.click('[data-testid=import-close]');
      await s.waitFor('dialog[open]');
      assert.match(await s.text('dialog[open]'), /có 1 chỉnh sửa .*chưa ghi vào dữ liệu/s);
      await shot(s, 'grids-07-dong-tep-co-chinh-sua');
      await s.execute(`[...document.querySelectorAll('dialog[open] button')].find((b) => b.textContent.trim() === 'Hủy').click()`);
      assert.equal((await s.findAll('[data-testid=import-file]')).length, 1, 'the tab stays');
      await s.click('[data-testid=import-close]');
      await s.waitFor('dialog[open]');
      await s.execute(`[...document.querySelectorAll('dialog[open] button')].find((b) => b.textContent.trim() === 'Đóng, bỏ chỉnh sửa').click()`);
      await s.waitUntil('tab closed', `return document.querySelectorAll('[data-testid=import-file]').length === 0`);

      for (const [screen, ready] of [
        ['persons', '[data-testid=persons-body] [data-row="0"]'],
        ['scoring', '[data-testid=scores-body] [data-row="0"]'],
        ['certificates', '[data-testid=cert-preview]'],
      ]) {
        await s.click(`[data-testid=nav-${screen}]`);
        await s.waitFor(ready);
        fits[screen] = await s.execute(overflow);
        await shot(s, `grids-08-${screen}-1366x768`);
      }
      console.log(`# page taller than the 1366×768 window by (px): ${JSON.stringify(fits)}`);
      for (const [screen, f] of Object.entries(fits)) assert.ok(f.over <= 0, `${screen} fits the window: ${JSON.stringify(f)}`);
      await s.end();
    },
    { THIDUA_TEST_PICK: source },
  );
});

test('50.000 people: each key to the painted list, and scrolling frame by frame', async () => {
  const dataDir = officeWithManyPeople('50k-grids');
  await withDriver(dataDir, async (start) => {
    const s = await start();
    const t0 = Date.now();
    await s.click('[data-testid=nav-persons]');
    await s.waitFor('[data-testid=persons-body] [data-row="0"]', 60000);
    console.log(`# 50.158 people listed ${Date.now() - t0} ms after the click (load ${loadAverage()})`);
    assert.match(await s.text('[data-testid=persons-count]'), /50\.\d{3} dòng/);

    // In the page: from each keydown in the search box to the list changed in the page (the
    // first mutation of the rows or the count; none when the key changes nothing shown) and
    // to the frame after the update (requestAnimationFrame, then a task: the frame is painted).
    await s.execute(`
      const input = document.querySelector('[data-testid=persons-search]');
      const body = document.querySelector('[data-testid=persons-body]');
      const count = document.querySelector('[data-testid=persons-count]');
      window.__keys = [];
      let pending = null;
      const seen = new MutationObserver(() => {
        if (pending && pending.dom === null) pending.dom = performance.now() - pending.t0;
      });
      seen.observe(body, { childList: true, subtree: true, characterData: true });
      seen.observe(count, { childList: true, subtree: true, characterData: true });
      input.addEventListener('keydown', (e) => { pending = { key: e.key, t0: e.timeStamp, dom: null }; }, true);
      input.addEventListener('input', () => {
        const p = pending;
        if (!p) return;
        requestAnimationFrame(() => setTimeout(() => { p.paint = performance.now() - p.t0; window.__keys.push(p); }, 0));
      }, true);
      input.focus();`);
    // The clerk looks at the list a moment, then types (a real key each time, ~4 per second),
    // corrects with Backspace (the list widens again) and types on: 28 keys.
    await new Promise((r) => setTimeout(r, 1500));
    const typed = [...'nguyen van an', ...Array(6).fill(KEY.Backspace), ...'thi huong'];
    for (const k of typed) {
      await keys(s, k);
      await new Promise((r) => setTimeout(r, 250));
    }
    await s.waitUntil('all keys measured', `return window.__keys.length === arguments[0]`, [typed.length]);
    const measured = await s.execute('return window.__keys');
    const loadTyping = loadAverage();
    const shown = await s.text('[data-testid=persons-count]');
    assert.match(shown, /^[1-9][\d.]* \/ 50\.\d{3} dòng$/);
    const first = await s.execute(rowCells, ['persons', 0]);
    assert.equal(first.full_name, 'Nguyễn Thị Hương');
    const stat = (xs) => {
      const v = xs.map(Math.round).sort((a, b) => a - b);
      return `median ${v[Math.floor(v.length / 2)]}, max ${v[v.length - 1]}`;
    };
    const changed = measured.filter((m) => m.dom !== null);
    console.log(`# ${measured.length} keys over 50.158 people (load ${loadTyping}): key→list ${stat(changed.map((m) => m.dom))} ms (${changed.length} keys changed the list); key→painted ${stat(measured.map((m) => m.paint))} ms`);
    console.log(`# per key (key→list/painted ms): ${measured.map((m) => `${m.key === 'Backspace' ? '⌫' : m.key}${m.dom === null ? '–' : Math.round(m.dom)}/${Math.round(m.paint)}`).join(' ')}`);
    await shot(s, 'grids-09-tim-50000');

    // Scrolling: 120 px per frame (a mouse wheel) for 30 frames, then 20 jumps of 3.000 px.
    await search(s, 'persons', '');
    await s.waitUntil('all rows', `return /^50\\.\\d{3} dòng$/.test(document.querySelector('[data-testid=persons-count]').textContent.trim())`);
    const scroll = async (step, frames) =>
      s.cmd('POST', '/execute/async', {
        script: `const done = arguments[arguments.length - 1];
          const body = document.querySelector('[data-testid=persons-body]');
          const gaps = [];
          let last = null, n = 0;
          const step = (t) => {
            if (last !== null) gaps.push(t - last);
            last = t;
            body.scrollTop += arguments[0];
            if (++n <= arguments[1]) requestAnimationFrame(step);
            else done({ gaps, rows: body.querySelectorAll('[data-row]').length });
          };
          requestAnimationFrame(step);`,
        args: [step, frames],
      });
    // What any frame with a change costs on this machine now: the heading's text changed
    // frame by frame, nothing in the grid (the floor under the numbers above and below).
    const floor = await s.cmd('POST', '/execute/async', {
      script: `const done = arguments[arguments.length - 1];
        const h1 = document.querySelector('h1');
        const gaps = [];
        let last = null, n = 0;
        const step = (t) => {
          if (last !== null) gaps.push(t - last);
          last = t;
          h1.textContent = 'Cá nhân' + (n % 2 ? '' : ' ');
          if (++n <= 20) requestAnimationFrame(step);
          else done(gaps);
        };
        requestAnimationFrame(step);`,
      args: [],
    });
    console.log(`# a frame changing only the heading (load ${loadAverage()}): ${stat(floor)} ms`);
    for (const [step, frames] of [[120, 30], [3000, 20]]) {
      const r = await scroll(step, frames);
      console.log(`# scrolling ${step} px a frame (load ${loadAverage()}): frame ${stat(r.gaps)} ms over ${r.gaps.length} frames, ${r.rows} rows in the page`);
      assert.ok(r.rows < 60, 'only the rows in view are in the page');
    }
    await shot(s, 'grids-10-cuon-50000');
    await s.end();
  });
});
