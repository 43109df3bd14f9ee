// End-to-end: what a clerk would still miss on the screens (issue #5 follow-ups), in the real
// app (WebKitGTK under Xvfb, 1366×768). The persons list of 50.000 people from the click to
// the painted list, with the size of what the core sends; two records merged and the merge
// undone; a pasted block of people undone in one step. Screenshots go to
// tests/e2e/screenshots/polish-*.png.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keys, loadAverage, officeWithManyPeople, paintedShot, sql, thidua, until, useXvfb, withDriver } from './harness.mjs';

useXvfb();

/** Runs `script` in the page as an async function body; its return value comes back. */
const inPage = (s, script, args = []) =>
  s.cmd('POST', '/execute/async', {
    script: `const done = arguments[arguments.length - 1]; (async (...args) => { ${script} })(...Array.from(arguments).slice(0, -1)).then(done, (e) => done({ error: String(e?.message ?? e) }));`,
    args,
  });

test('50.000 people: the persons list from the click to the painted list, and what the core sends', async () => {
  const dataDir = officeWithManyPeople('polish-50k');
  await withDriver(dataDir, async (start) => {
    const s = await start();
    await s.waitFor('[data-testid=nav-persons]');
    // In the page: from the click to the frame after the first line is in the list.
    const opened = await inPage(
      s,
      `const t0 = performance.now();
       document.querySelector('[data-testid=nav-persons]').click();
       while (!document.querySelector('[data-testid=persons-body] [data-row="0"]')) await new Promise((r) => setTimeout(r, 5));
       await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
       return performance.now() - t0;`,
    );
    assert.equal(typeof opened, 'number', JSON.stringify(opened));
    assert.match(await s.text('[data-testid=persons-count]'), /^50\.158 dòng$/);
    // What each way of asking costs: everyone's whole records (what the grid was sent before,
    // search_persons without a search) and the grid's lines, each asked three times (time to
    // the parsed answer, and its JSON size).
    const asked = await inPage(
      s,
      `const invoke = window.__TAURI_INTERNALS__.invoke;
       const out = {};
       for (const [name, params] of args[0]) {
         const times = [];
         let size = 0;
         try {
           for (let i = 0; i < 3; i++) {
             const t0 = performance.now();
             const reply = await invoke(name, params);
             times.push(Math.round(performance.now() - t0));
             size = JSON.stringify(reply).length;
           }
           out[name] = { times, size };
         } catch (e) {
           out[name] = { error: JSON.stringify(e) };
         }
       }
       return out;`,
      [
        [
          ['search_persons', { query: { search: null, unit_id: null, include_merged: false, limit: null } }],
          ['list_person_lines', {}],
        ],
      ],
    );
    console.log(`# 50.158 people: click → painted list ${Math.round(opened)} ms (load ${loadAverage()})`);
    for (const [name, m] of Object.entries(asked)) {
      console.log(`# ${name}: ${m.error ?? `${m.times.join(' / ')} ms, ${(m.size / 1e6).toFixed(1)} MB of JSON`}`);
    }
    assert.ok(asked.list_person_lines && !asked.list_person_lines.error, JSON.stringify(asked));
    assert.ok(asked.list_person_lines.size * 2 < asked.search_persons.size, 'the grid gets less than half of the whole records');
    await paintedShot(s, 'polish-01-ca-nhan-50000');
    await s.end();
  });
});

const KEY = { Control: '\uE009', Shift: '\uE008', Down: '\uE015' };

const setValue = `const i = document.querySelector(arguments[0]); i.value = arguments[1]; i.dispatchEvent(new Event('input', { bubbles: true }));`;

const pasteScript = `const target = document.querySelector(arguments[1]);
  target.focus();
  const ev = new Event('paste', { bubbles: true, cancelable: true });
  Object.defineProperty(ev, 'clipboardData', { value: { getData: () => arguments[0] } });
  target.dispatchEvent(ev);`;

/** Clicks a grid cell (sent to the element: cells sit in the grid's translated row layer). */
async function clickCell(s, grid, row, col) {
  const css = `[data-testid=${grid}-body] [data-row="${row}"] [data-col=${col}]`;
  await s.waitUntil(css, `return !!document.querySelector(arguments[0])`, [css]);
  await s.execute(`document.querySelector(arguments[0]).scrollIntoView({ block: 'nearest' }); document.querySelector(arguments[0]).click()`, [css]);
}

test('Cá nhân: a pasted block taken back in one step; a merge undone with its links', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-e2e-polish-persons-'));
  thidua(dataDir, 'demo', '--year', '2026');
  await withDriver(dataDir, async (start) => {
    const s = await start();
    await s.click('[data-testid=nav-persons]');
    await s.waitFor('[data-testid=persons-body] [data-row="0"]');
    const before = sql(dataDir, `SELECT count(*) FROM persons`)[0][0];

    // Three people pasted below the last line, then Ctrl+Z: all three leave the file at once.
    await s.click('[data-testid=persons-add]');
    const block = ['Hà Thị Phương Thảo\tNữ\t1990', 'Lò Văn Pâng\tnam\t1979', 'Vàng Thị Mỷ\tnu\t2001'].join('\r\n');
    await s.execute(pasteScript, [block + '\r\n', '[data-testid=persons-body]']);
    await until('three people in the file', () => sql(dataDir, `SELECT count(*) FROM persons`)[0][0] === before + 3);
    await s.execute(`document.querySelector('[data-testid=persons-body]').focus()`);
    await keys(s, [KEY.Control, 'z']);
    await until('paste undone', () => sql(dataDir, `SELECT count(*) FROM persons`)[0][0] === before);
    await s.waitUntil('said so', `return document.querySelector('[data-testid=notice]')?.textContent.includes('Đã bỏ 3 người vừa thêm')`);

    // Two records of one person merged, then the merge taken back from the message.
    const links = (name) =>
      sql(
        dataDir,
        `SELECT p.id, (SELECT count(*) FROM awards a WHERE a.person_id = p.id), (SELECT count(*) FROM registrations r WHERE r.person_id = p.id), p.merged_into, p.birth_year FROM persons p WHERE p.full_name = '${name}' ORDER BY p.id`,
      );
    const was = links('Đặng Thu Lan');
    assert.equal(was.length, 2);
    await s.execute(setValue, ['[data-testid=persons-search]', 'dang thu lan']);
    await s.waitUntil('two records', `return document.querySelector('[data-testid=persons-count]').textContent.trim().startsWith('2 /')`);
    await clickCell(s, 'persons', 0, 'full_name');
    await keys(s, [KEY.Shift, KEY.Down]);
    await s.waitUntil('merge offered', `return !document.querySelector('[data-testid=persons-merge]').disabled`);
    await s.click('[data-testid=persons-merge]');
    await s.waitFor('dialog[open]');
    assert.match(await s.text('dialog[open]'), /Gộp nhầm thì bấm “Hoàn tác gộp”/);
    await s.execute(`[...document.querySelectorAll('dialog[open] button')].find((b) => b.textContent.trim() === 'Gộp').click()`);
    await s.waitUntil('one record left', `return document.querySelector('[data-testid=persons-count]').textContent.trim().startsWith('1 /')`);
    assert.equal(sql(dataDir, `SELECT count(*) FROM persons WHERE full_name = 'Đặng Thu Lan' AND merged_into IS NOT NULL`)[0][0], 1);
    await s.waitFor('[data-testid=persons-merge-undo]');
    await paintedShot(s, 'polish-02-gop-xong-hoan-tac');
    await s.click('[data-testid=persons-merge-undo]');
    await s.waitUntil('two records again', `return document.querySelector('[data-testid=persons-count]').textContent.trim().startsWith('2 /')`);
    assert.match(await s.text('[data-testid=notice]'), /Đã hoàn tác: Đặng Thu Lan lại là một hồ sơ riêng/);
    assert.deepEqual(links('Đặng Thu Lan'), was, 'awards, registrations and birth years as before the merge');
    await paintedShot(s, 'polish-03-da-hoan-tac-gop');
    await s.end();
  });
});

test('Home chart labels whole; Danh mục: a local item renamed and dated, an official one only given its end; Tờ trình: a household proposed, an answer taken back', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-e2e-polish-catalog-'));
  thidua(dataDir, 'demo', '--year', '2026');
  const [[head]] = sql(dataDir, `SELECT head_name FROM households ORDER BY head_name LIMIT 1`);
  const plain = head.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  await withDriver(dataDir, async (start) => {
    const s = await start();
    await s.waitFor('[data-testid=office-name]');
    // Home: each form's label beside its bar is whole (abbreviated, on two lines), inside the chart.
    await s.waitFor('[data-testid=chart-forms]');
    const labels = await s.execute(`return [...document.querySelectorAll('[data-testid=chart-label]')].map((t) => ({
      lines: [...t.querySelectorAll('tspan')].map((l) => l.textContent), x: t.getBBox().x, full: t.querySelector('title').textContent }))`);
    assert.ok(labels.length > 0);
    for (const l of labels) {
      assert.ok(l.x >= 0, `inside the chart: ${JSON.stringify(l)}`);
      assert.ok(!l.lines.join(' ').includes('…'), `not cut: ${JSON.stringify(l)}`);
    }
    assert.ok(labels.some((l) => l.lines.length === 2), JSON.stringify(labels));
    await paintedShot(s, 'polish-07-trang-chu-bieu-do');
    await s.click('[data-testid=nav-settings]');
    await s.click('[data-testid=tab-coefficients]');

    // A local form: added, then its name and validity corrected.
    await s.click('[data-testid=catalog-new]');
    await s.type('[data-testid=catalog-new-form] input[name=code]', 'gk_dang_uy');
    await s.type('[data-testid=catalog-new-form] input[name=name]', 'Giấy khen Đảng ủy');
    await s.type('[data-testid=catalog-new-form] input[name=ref]', 'Quy định 15-QĐ/ĐU');
    await s.click('[data-testid=catalog-new-save]');
    await s.waitUntil('chosen', `return document.querySelector('[data-testid=coef-title]')?.textContent === 'Giấy khen Đảng ủy'`);
    await s.click('[data-testid=catalog-edit]');
    await s.waitFor('[data-testid=catalog-edit-form]');
    await s.execute(setValue, ['[data-testid=catalog-edit-form] input[name=name]', 'Giấy khen của Ban Chấp hành Đảng bộ xã']);
    await s.execute(setValue, ['[data-testid=catalog-edit-form] input[name=from]', '01/07/2025']);
    await s.execute(setValue, ['[data-testid=catalog-edit-form] input[name=to]', '30/06/2025']);
    await s.click('[data-testid=catalog-edit-save]');
    await s.waitFor('[data-testid=catalog-edit-error]');
    assert.match(await s.text('[data-testid=catalog-edit-error]'), /Ngày hết áp dụng phải sau ngày bắt đầu áp dụng/);
    await s.execute(setValue, ['[data-testid=catalog-edit-form] input[name=to]', '31/12/2030']);
    await s.click('[data-testid=catalog-edit-save]');
    await s.waitUntil('saved', `return document.querySelector('[data-testid=coef-title]')?.textContent === 'Giấy khen của Ban Chấp hành Đảng bộ xã'`);
    assert.deepEqual(sql(dataDir, `SELECT name, valid_from, valid_to FROM catalog_items WHERE code = 'GK_DANG_UY'`), [
      ['Giấy khen của Ban Chấp hành Đảng bộ xã', '2025-07-01', '2030-12-31'],
    ]);
    assert.match(await s.text('[data-testid=notice]'), /áp dụng từ 01\/07\/2025 đến 31\/12\/2030/);

    // An official item: the legal name cannot be changed; its end needs the document.
    await s.execute(setValue, ['[data-testid=catalog-search]', 'giay khen xa']);
    await s.click('[data-testid=catalog-GK_XA]');
    await s.click('[data-testid=catalog-edit]');
    await s.waitFor('[data-testid=catalog-edit-official]');
    assert.equal(await s.execute(`return document.querySelector('[data-testid=catalog-edit-form] input[name=name]').disabled`), true);
    await s.execute(setValue, ['[data-testid=catalog-edit-form] input[name=to]', '31/12/2030']);
    await s.click('[data-testid=catalog-edit-save]');
    await s.waitFor('[data-testid=catalog-edit-error]');
    assert.match(await s.text('[data-testid=catalog-edit-error]'), /ghi thêm vào căn cứ pháp lý/);
    await paintedShot(s, 'polish-04-danh-muc-het-ap-dung');
    const ref = await s.execute(`return document.querySelector('[data-testid=catalog-edit-form] input[name=ref]').value`);
    await s.execute(setValue, ['[data-testid=catalog-edit-form] input[name=ref]', `${ref}; NĐ 01/2030/NĐ-CP (thử)`]);
    await s.click('[data-testid=catalog-edit-save]');
    await s.waitUntil('saved', `return !document.querySelector('dialog[open]')`);
    assert.deepEqual(sql(dataDir, `SELECT name, valid_to FROM catalog_items WHERE code = 'GK_XA'`), [
      ['Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã', '2030-12-31'],
    ]);

    // Tờ trình: a household proposed for Gia đình văn hóa, answered, the answer taken back.
    await s.click('[data-testid=nav-proposals]');
    await s.click('[data-testid=proposal-add]');
    await s.waitFor('[data-testid=proposal-form]');
    await s.type('[data-testid=proposal-form] input[name=number]', '21/TTr-UBND');
    await s.click('[data-testid=proposal-save]');
    await s.waitUntil('open', `return document.body.textContent.includes('Tờ trình 21/TTr-UBND')`);
    await s.execute(setValue, ['[data-testid=proposal-who]', plain]);
    await s.waitUntil('household found', `return [...document.querySelectorAll('[data-testid=proposal-item-form] .found button')].some((b) => b.textContent.includes('hộ gia đình'))`);
    await paintedShot(s, 'polish-05-to-trinh-tim-ho');
    await s.execute(`[...document.querySelectorAll('[data-testid=proposal-item-form] .found button')].find((b) => b.textContent.includes('hộ gia đình')).click()`);
    await s.select('[data-testid=proposal-code]', 'GDVH');
    await s.click('[data-testid=proposal-item-add]');
    await s.waitUntil('the line is added', `return document.querySelector('[data-testid=proposal-items]')?.textContent.includes(arguments[0])`, [head]);
    const status = () => sql(dataDir, `SELECT i.status, i.household_id IS NOT NULL FROM proposal_items i JOIN proposals p ON p.id = i.proposal_id WHERE p.number = '21/TTr-UBND'`);
    assert.deepEqual(status(), [['de_nghi', 1]]);
    assert.equal(await s.execute(`return document.querySelector('[data-testid=proposal-item-pending]').disabled`), true);
    await s.execute(`[...document.querySelectorAll('[data-testid=proposal-items] button')].find((b) => b.textContent.trim() === 'Không duyệt').click()`);
    await s.waitUntil('answered', `return document.querySelector('[data-testid=proposal-items] .status.khong_duyet') !== null`);
    await s.click('[data-testid=proposal-item-pending]');
    await s.waitUntil('waiting again', `return document.querySelector('[data-testid=proposal-items] .status.de_nghi') !== null`);
    assert.deepEqual(status(), [['de_nghi', 1]]);
    assert.match(await s.text('[data-testid=notice]'), /chờ kết quả/);
    await paintedShot(s, 'polish-06-to-trinh-ho-gia-dinh-cho');
    await s.end();
  });
});
