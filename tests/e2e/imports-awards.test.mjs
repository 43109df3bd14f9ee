// End-to-end: a clerk's year on the demo office, in the real app. Import a unit's
// registration file (correcting one row in the preview), record a decision with ten
// recipients — some pasted from a block copied as from Excel through the real X clipboard —
// export the roll-up and a template, and undo the import from its history.
//
// The native file dialogs cannot be driven by WebDriver: THIDUA_TEST_PICK (see
// src-tauri/src/files.rs) makes them answer with the listed paths. Needs xclip.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentDisplay, shot, sql, thidua, useXvfb, withDriver } from './harness.mjs';

useXvfb();

const EXAMPLE = '/work/shared/domain/examples/truong-thcs-hong-ky-dang-ky-2025.xlsx';
// The file writes "Thuý" (old tone placement); the clerk corrects it to "Thúy".
const THUY = "('Dương Thị Thúy', 'Dương Thị Thuý')";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Rows of an SQL query on the data file (python3's sqlite3: no driver needed in node). */
/** Puts `text` on the CLIPBOARD selection of the test's X display, as Excel's Ctrl+C would;
 *  returns the xclip process serving it (-quiet keeps it in the foreground so it can be ended). */
function copyToClipboard(text) {
  const xclip = spawn('xclip', ['-quiet', '-selection', 'clipboard', '-i'], {
    env: { ...process.env, DISPLAY: currentDisplay() },
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  xclip.stdin.end(text);
  return xclip;
}

const count = (css) => `return document.querySelectorAll(${JSON.stringify(css)}).length`;

test('a clerk imports a registration file with a correction, records a decision of ten, and undoes the import', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-e2e-import-'));
  const db = join(dataDir, 'thidua.db');
  thidua(dataDir, 'demo', '--year', '2026');
  const files = mkdtempSync(join(tmpdir(), 'thidua-e2e-files-'));
  const source = join(files, 'truong-thcs-hong-ky-dang-ky-2025.xlsx');
  copyFileSync(EXAMPLE, source);
  const templatePath = join(files, 'mau-dang-ky.xlsx');
  const rollupPath = join(files, 'bang-tong-hop.xlsx');
  const pick = [source, rollupPath, templatePath].join('\n'); // saves take the first path not yet written

  // Who will be on the decision: registered for LĐTT in 2026, names that occur once.
  const registered = sql(
    db,
    `SELECT p.full_name, u.name FROM registrations r JOIN persons p ON p.id = r.person_id
     JOIN units u ON u.id = p.unit_id
     WHERE r.year = 2026 AND r.code = 'LDTT'
       AND (SELECT count(*) FROM persons q WHERE q.full_name = p.full_name) = 1
     ORDER BY u.name, p.full_name`,
  );
  const fromList = 'Trạm Y tế xã';
  const others = registered.filter(([, unit]) => unit !== fromList);
  const pasted = others.slice(0, 3).map(([name]) => name);
  const searched = others[5][0];
  const newcomer = 'Hoàng Thị Mới';
  let xclip;

  await withDriver(
    dataDir,
    async (start) => {
      const s = await start();
      // WebKit hands out the last painted frame: give the page a moment to paint first.
      const snap = async (name) => {
        await sleep(400);
        await shot(s, name);
      };
      await s.click('[data-testid=nav-imports]');
      await s.waitFor('[data-testid=import-drop]');
      await snap('20-nhap-excel-trong');

      // Pick the unit's file: previewed, nothing written yet.
      await s.click('[data-testid=import-pick]');
      await s.waitUntil('preview rows', `${count('[data-testid=import-row]')} === 8`);
      assert.match(await s.text('[data-testid=import-counts]'), /9 đăng ký, 7 người mới, 1 đơn vị mới/);
      assert.equal(sql(db, `SELECT count(*) FROM persons WHERE full_name IN ${THUY}`)[0][0], 0);
      await snap('21-xem-truoc');

      // Correct row 17: the name written with the old tone placement.
      await s.click('[data-testid=import-row][data-row="17"] [data-testid=row-edit]');
      await s.waitFor('[data-testid=row-form]');
      await s.type('[data-testid=row-form] [name=name]', 'Dương Thị Thúy');
      await s.waitUntil('typed', `return document.querySelector('[data-testid=row-form] [name=name]').value === 'Dương Thị Thúy'`);
      await snap('22-sua-dong');
      await s.click('[data-testid=row-save]');
      await s.waitUntil(
        'row 17 corrected',
        `const r = document.querySelector('[data-testid=import-row][data-row="17"]');
         return r && r.textContent.includes('Dương Thị Thúy') && r.textContent.includes('đã sửa')`,
      );
      await snap('23-da-sua-dong');

      await s.click('[data-testid=import-commit]');
      await s.waitFor('[data-testid=import-outcome]');
      await s.waitUntil('history row', `${count('[data-testid=history-row]')} === 1`);
      await snap('24-da-ghi');
      // Stored as corrected, not as the file spelled it.
      assert.deepEqual(sql(db, `SELECT full_name FROM persons WHERE full_name IN ${THUY}`), [['Dương Thị Thúy']]);
      assert.equal(sql(db, `SELECT count(*) FROM registrations WHERE import_id IS NOT NULL`)[0][0], 9);

      // The same file again: recognised by its content, nothing to add, and said so.
      await s.click('[data-testid=import-pick]');
      await s.waitUntil(
        'second tab',
        `const tabs = document.querySelectorAll('[data-testid=import-file]');
         return tabs.length === 2 && tabs[1].textContent.includes('Đã nhập trước đây')`,
      );
      assert.match(await s.text('[data-testid=import-issues]'), /đã được nhập lúc .* Nhập lại sẽ không thêm gì/);
      assert.equal(await s.execute(`return document.querySelector('[data-testid=import-commit]').disabled`), true);
      await snap('24b-cung-tep-lan-hai');

      // A decision for the 2026 LĐTT, recipients from three sources.
      await s.click('[data-testid=nav-decisions]');
      await s.click('[data-testid=decision-add]');
      await s.waitFor('[data-testid=decision-form]');
      await s.type('[data-testid=decision-form] [name=number]', '135/QĐ-UBND');
      await s.type('[data-testid=decision-form] [name=decision_date]', '28/12/2026');
      await s.type('[data-testid=decision-form] [name=year]', '2026');
      await snap('25-them-quyet-dinh');
      await s.click('[data-testid=decision-save]');
      await s.waitFor('[data-testid=draft-body]');

      // 1. A block copied from Excel (name, position, title) on the real X clipboard, pasted
      //    into the entry grid with Ctrl+V.
      await s.waitFor('[data-testid=draft-body]');
      const block = [...pasted, newcomer].map((n) => `${n}\tChuyên viên\tLao động tiên tiến`).join('\r\n') + '\r\n';
      xclip = copyToClipboard(block);
      await sleep(300);
      const grid = await s.waitFor('[data-testid=draft-body]');
      await s.cmd('POST', `/element/${grid}/click`, {});
      await s.cmd('POST', `/element/${grid}/value`, { text: '\uE009v\uE000' });
      await s.waitUntil('4 drafts', `${count('[data-testid=draft-body] .row')} === 4`);
      await s.waitUntil(
        'names looked up',
        `return [...document.querySelectorAll('[data-testid=draft-body] [data-col=who]')].every((c) => c.textContent.trim() !== '')`,
      );
      await snap('26-dan-tu-excel');

      // 2. Found by name typed without marks.
      await s.type('[data-testid=person-search]', searched.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D'));
      await s.waitUntil('search result', `return document.querySelectorAll('[data-testid=person-results] button').length > 1`);
      await snap('27-tim-nguoi');
      await s.click('[data-testid=person-results] li:first-child button');
      await s.waitUntil('5 drafts', `${count('[data-testid=draft-body] .row')} === 5`);

      // 3. From the registration list: five of one unit.
      await s.click('[data-testid=from-registrations]');
      await s.waitFor('[data-testid=candidates]');
      await s.select('[data-testid=candidate-unit]', fromList);
      await s.waitUntil('unit filter', `${count('[data-testid=candidate]')} <= 12`);
      await s.execute(
        `const boxes = [...document.querySelectorAll('[data-testid=candidate]')];
         boxes.forEach((b, i) => { if (b.checked !== (i < 5)) b.click(); });`,
      );
      await snap('28-tu-danh-sach-dang-ky');
      await s.click('[data-testid=candidates-take]');
      await s.waitUntil('10 drafts', `${count('[data-testid=draft-body] .row')} === 10`);
      await snap('29-cho-them');

      await s.click('[data-testid=drafts-add]');
      await s.waitUntil('10 awards', `${count('[data-testid=awards-body] .row')} === 10`);
      await s.execute(`document.querySelector('[data-testid=awards]').scrollIntoView()`);
      // textContent: WebDriver's element text is empty for cells scrolled out of view.
      const amounts = await s.execute(
        `return [...document.querySelectorAll('[data-testid=awards-body] [data-col=amount]')].map((c) => c.textContent.trim())`,
      );
      const money = amounts.map((a) => Number(a.replace(/[^\d]/g, '')));
      assert.ok(money.every((m) => m > 0), `every award has money: ${amounts}`);
      assert.ok(amounts.every((a) => /^\d{1,3}(\.\d{3})+$/.test(a.trim())), `grouped with dots: ${amounts}`);
      const sum = money.reduce((a, b) => a + b, 0);
      const [shownTotal, footTotal] = await s.execute(
        `return ['[data-testid=award-total]', '[data-testid=awards-totals] [data-col=amount]']
           .map((css) => document.querySelector(css).textContent.trim())`,
      );
      assert.equal(Number(shownTotal.replace(/\./g, '')), sum);
      assert.equal(Number(footTotal.replace(/\./g, '')), sum);
      // The person's history beside the row: Enter on a row.
      const cells = await s.findAll('[data-testid=awards-body] [data-col=recipient_name]');
      await s.cmd('POST', `/element/${cells[1]}/click`, {});
      const body = await s.find('[data-testid=awards-body]');
      await s.cmd('POST', `/element/${body}/value`, { text: '\uE007' });
      await s.waitUntil('history', `return document.querySelector('[data-testid=person-history]').textContent.includes('QĐ')`);
      await snap('30-quyet-dinh-10-nguoi');
      const stored = sql(
        db,
        `SELECT p.full_name FROM awards a JOIN decisions d ON d.id = a.decision_id JOIN persons p ON p.id = a.person_id
         WHERE d.number = '135/QĐ-UBND'`,
      ).map(([n]) => n);
      assert.equal(stored.length, 10);
      for (const n of [...pasted, newcomer, searched]) assert.ok(stored.includes(n), `${n} is on the decision`);

      // The roll-up of the year, to the path the (test) save dialog answers.
      await s.click('[data-testid=decision-back]');
      await s.click('[data-testid=export-rollup]');
      await s.waitUntil('rollup saved', `const n = document.querySelector('[data-testid=notice]'); return n && n.textContent.includes('bảng tổng hợp')`);
      assert.ok(existsSync(rollupPath), 'roll-up written');
      await snap('31-xuat-bang-tong-hop');

      // Proposals sent upward, with where each stands.
      await s.click('[data-testid=nav-proposals]');
      await s.click('[data-testid=proposal-open]');
      await s.waitFor('[data-testid=proposal-items]');
      await snap('31b-to-trinh');

      // Undo the import from its history: its registrations and new people are gone.
      await s.click('[data-testid=nav-imports]');
      await s.click('[data-testid=history-undo]');
      await snap('32-hoan-tac-xac-nhan');
      await s.click('dialog .btn.danger.solid');
      await s.waitUntil('undone', `const r = document.querySelector('[data-testid=history-row]'); return r && r.textContent.includes('Đã hoàn tác')`);
      await snap('33-da-hoan-tac');
      assert.equal(sql(db, `SELECT count(*) FROM registrations WHERE import_id IS NOT NULL`)[0][0], 0);
      assert.equal(sql(db, `SELECT count(*) FROM persons WHERE full_name = 'Dương Thị Thúy'`)[0][0], 0);
      // Both open tabs of that file are previewed again: it can be imported anew.
      await s.waitUntil(
        'tabs refreshed',
        `return [...document.querySelectorAll('[data-testid=import-file]')].every((t) => /8 dòng/.test(t.textContent))`,
      );

      // A blank template for a unit.
      await s.click('[data-testid=template-open]');
      await s.waitFor('[data-testid=template-form]');
      await s.click('[data-testid=template-save]');
      await s.waitUntil('template saved', `const n = document.querySelector('[data-testid=notice]'); return n && n.textContent.includes('mẫu')`);
      await snap('34-tai-mau');
      assert.ok(existsSync(templatePath) && existsSync(rollupPath), 'both exports written');
      await s.end();
    },
    { THIDUA_TEST_PICK: pick },
  ).finally(() => xclip?.kill());
});
