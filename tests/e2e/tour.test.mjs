// End-to-end: a clerk walks every screen of the demo office at 1366×768, one screenshot each
// (tour-NN-<screen>.png, looked at by a person), and on each screen the window itself never
// scrolls (only the content area does). Then the things a clerk must be able to trust:
// a delete asks first and Cancel keeps the row, the keys list opens with F1 and Ctrl+digit
// moves between screens, the report's prose is written on screen, kept after a reload and
// printed in the preview, and unsaved prose is not lost by a click on the sidebar.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keys, paintedShot as painted, shot, thidua, useXvfb, withDriver } from './harness.mjs';

useXvfb();

const KEY = { Escape: '\uE00C', Control: '\uE009', F1: '\uE031', Delete: '\uE017' };

/** One number from the real data file. */
function count(dataDir, query) {
  return Number(
    execFileSync('python3', ['-c', 'import sqlite3,sys\nprint(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])', join(dataDir, 'thidua.db'), query], {
      encoding: 'utf8',
    }),
  );
}

const dialogOpen = `return !!document.querySelector('dialog[open]')`;
const dialogClosed = `return !document.querySelector('dialog[open]')`;

/** Clicks the button of the open dialog whose text is `label`. */
async function dialogButton(s, label) {
  await s.execute(
    `[...document.querySelectorAll('dialog[open] button')].find((b) => b.textContent.trim() === arguments[0]).click()`,
    [label],
  );
}

test('a clerk visits every screen of the sidebar', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-e2e-tour-'));
  thidua(dataDir, 'demo');
  await withDriver(dataDir, async (start) => {
    const s = await start();
    await s.waitFor('[data-testid=nav-home]');
    const screens = await s.execute(
      `return [...document.querySelectorAll('nav [data-testid^=nav-]')].map((b) => b.dataset.testid)`,
    );
    assert.ok(screens.length >= 14, `${screens.length} screens in the sidebar`);
    const scrolling = [];
    const english = [];
    for (const [i, id] of screens.entries()) {
      await s.click(`[data-testid=${id}]`);
      await s.waitUntil(
        `${id} is shown`,
        `const b = document.querySelector('[data-testid=${id}]');
         return b.getAttribute('aria-current') === 'page' && !document.querySelector('main [role=status]')`,
      );
      // Let the screen's data arrive and lay out.
      await new Promise((r) => setTimeout(r, 700));
      await shot(s, `tour-${String(i).padStart(2, '0')}-${id.slice(4)}`);
      const scroll = await s.execute(
        `const e = document.scrollingElement; return [e.scrollHeight, e.clientHeight, e.scrollWidth, e.clientWidth]`,
      );
      if (scroll[0] > scroll[1] || scroll[2] > scroll[3]) scrolling.push(`${id} ${scroll}`);
      // No English UI words or leaked programming values in what the clerk reads (key names
      // such as Delete, Enter, Esc are what is printed on the keyboard, so they stay).
      const body = await s.execute(`return document.querySelector('main').innerText`);
      const leaked = /\b(undefined|null|NaN|Loading|Save|Cancel|Error|Submit)\b|\[object Object\]/.exec(body);
      if (leaked) english.push(`${id}: “${leaked[0]}”`);
    }
    assert.deepEqual(scrolling, [], 'screens on which the whole window scrolls');
    assert.deepEqual(english, [], 'screens showing English or leaked values');
  });
});

test('nothing is lost by one click, the keys work, and the report prose is written on screen', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-e2e-tour2-'));
  thidua(dataDir, 'demo');
  await withDriver(dataDir, async (start) => {
    const s = await start();
    await s.waitFor('[data-testid=nav-home]');

    // --- Keys: F1 lists them, Esc closes the list, Ctrl+digit goes to a screen.
    await keys(s, KEY.F1);
    await s.waitUntil('the keys list is open', `return !!document.querySelector('[data-testid=shortcuts]')`);
    assert.match(await s.text('[data-testid=shortcuts]'), /Ctrl\+2\s+Đăng ký thi đua/);
    await painted(s, 'tour-20-phim-tat');
    await keys(s, KEY.Escape);
    await s.waitUntil('the keys list is closed', dialogClosed);
    await keys(s, [KEY.Control, '5']);
    await s.waitUntil('Ctrl+5 opens the decisions', `return document.querySelector('[data-testid=nav-decisions]').getAttribute('aria-current') === 'page'`);

    // --- Decisions: each line shows what the person was given before.
    await s.click('[data-testid=decision-open]');
    await s.waitFor('[data-testid=awards-body]');
    await s.waitUntil(
      'the history column is filled',
      `return [...document.querySelectorAll('[data-testid=awards-body] [data-row]')].some((r) => /\\d{4}: |Chưa được khen/.test(r.textContent))`,
    );
    await painted(s, 'tour-21-quyet-dinh-lich-su');
    // A decision made by mistake (nobody on it yet) can be deleted, after a question.
    await s.click('[data-testid=decision-back]');
    await s.click('[data-testid=decision-add]');
    await s.waitFor('[data-testid=decision-form]');
    await s.type('[data-testid=decision-form] input[name=number]', '99/QĐ-UBND');
    await s.type('[data-testid=decision-form] input[name=decision_date]', '15/11/2026');
    await s.click('[data-testid=decision-save]');
    await s.waitFor('[data-testid=decision-delete]');
    await s.click('[data-testid=decision-delete]');
    await s.waitUntil('deleting is asked', dialogOpen);
    await dialogButton(s, 'Hủy');
    await s.waitUntil('the dialog is gone', dialogClosed);
    await s.click('[data-testid=decision-delete]');
    await s.waitUntil('deleting is asked', dialogOpen);
    await dialogButton(s, 'Xóa quyết định');
    await s.waitUntil('deleted', `return document.body.textContent.includes('Đã xóa quyết định 99/QĐ-UBND')`);
    assert.doesNotMatch(await s.text('[data-testid=decision-list]'), /99\/QĐ-UBND/);
    // One with people on it offers no delete.
    await s.click('[data-testid=decision-open]');
    await s.waitFor('[data-testid=awards-body]');
    assert.equal((await s.findAll('[data-testid=decision-delete]')).length, 0);

    // --- Blocks: Xóa asks first; Hủy (and Esc) keep the block; a scored block is refused.
    await s.click('[data-testid=nav-blocks]');
    await s.waitFor('[data-testid=block-card]');
    const cards = async () => (await s.findAll('[data-testid=block-card]')).length;
    const before = await cards();
    await s.click('[data-testid=block-card] button.danger');
    await s.waitUntil('the delete is asked', dialogOpen);
    await painted(s, 'tour-22-xoa-khoi-hoi-lai');
    await dialogButton(s, 'Hủy');
    await s.waitUntil('the dialog is gone', dialogClosed);
    assert.equal(await cards(), before, 'Hủy keeps the block');
    await s.click('[data-testid=block-card] button.danger');
    await s.waitUntil('the delete is asked again', dialogOpen);
    await keys(s, KEY.Escape);
    await s.waitUntil('Esc closes it', dialogClosed);
    assert.equal(await cards(), before, 'Esc keeps the block');
    // 2025 was scored in the demo: its blocks cannot be deleted with their scores.
    await s.select('[data-testid=block-year]', '2025');
    await s.waitUntil('2025 blocks', `return document.body.textContent.includes('trong năm 2025')`);
    const before2025 = await cards();
    await s.click('[data-testid=block-card] button.danger');
    await s.waitUntil('the delete is asked', dialogOpen);
    await dialogButton(s, 'Xóa khối');
    await s.waitUntil('the refusal is shown', `return document.body.textContent.includes('đã có điểm chấm')`);
    assert.equal(await cards(), before2025, 'a scored block is kept');
    await painted(s, 'tour-23-khoi-da-cham-diem');

    // --- Units: Xóa đơn vị asks first and Hủy keeps it.
    await s.click('[data-testid=nav-units]');
    await s.waitFor('[data-testid=unit-row]');
    const units = (await s.findAll('[data-testid=unit-row]')).length;
    await s.click('[data-testid=unit-row] button.name');
    await s.waitUntil('the unit panel', `return [...document.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Xóa đơn vị')`);
    await s.execute(`[...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Xóa đơn vị').click()`);
    await s.waitUntil('the delete is asked', `return document.body.textContent.includes('Xóa hẳn')`);
    await painted(s, 'tour-24-xoa-don-vi-hoi-lai');
    await dialogButton(s, 'Hủy');
    await keys(s, KEY.Escape);
    await s.waitUntil('all dialogs closed', dialogClosed);
    assert.equal((await s.findAll('[data-testid=unit-row]')).length, units, 'Hủy keeps the unit');

    // --- Registrations: Delete on a line's name takes it out of the file, says so, and
    // Ctrl+Z brings it back.
    await s.click('[data-testid=nav-registrations]');
    const cell = '[data-testid=reg-body] [data-row="1"] [data-col=subject]';
    await s.waitUntil('the grid', `return !!document.querySelector(arguments[0])`, [cell]);
    const regs = count(dataDir, 'SELECT count(*) FROM registrations');
    await s.execute(`document.querySelector(arguments[0]).click()`, [cell]);
    await keys(s, KEY.Delete);
    await s.waitFor('[data-testid=reg-removed]');
    assert.match(await s.text('[data-testid=reg-removed]'), /Đã xóa 1 dòng đăng ký.*Ctrl\+Z/);
    assert.equal(count(dataDir, 'SELECT count(*) FROM registrations'), regs - 1);
    await painted(s, 'tour-30-dang-ky-da-xoa');
    await keys(s, [KEY.Control, 'z']);
    await s.waitUntil('the line is back', `return !document.querySelector('[data-testid=reg-removed]')`);
    assert.equal(count(dataDir, 'SELECT count(*) FROM registrations'), regs, 'Ctrl+Z puts it back in the file');

    // --- Self-assessment: typed text is not lost by picking another unit.
    await s.click('[data-testid=nav-assessment]');
    await s.waitFor('[data-testid=assess-form] textarea');
    await s.type('[data-testid=assess-form] textarea[name=results]', 'Hoàn thành các chỉ tiêu');
    const firstUnit = await s.execute(`return document.querySelector('[data-testid=assess-unit]').value`);
    const otherUnit = await s.execute(`return document.querySelectorAll('[data-testid=assess-unit] option')[1].value`);
    await s.select('[data-testid=assess-unit]', otherUnit);
    await s.waitUntil('changing unit is asked', `return document.body.textContent.includes('Bỏ nội dung chưa lưu?')`);
    await dialogButton(s, 'Hủy');
    await s.waitUntil('the dialog is gone', dialogClosed);
    assert.equal(await s.execute(`return document.querySelector('[data-testid=assess-unit]').value`), firstUnit);
    assert.equal(
      await s.execute(`return document.querySelector('[data-testid=assess-form] textarea[name=results]').value`),
      'Hoàn thành các chỉ tiêu',
    );
    await s.click('[data-testid=nav-proposals]');
    await s.waitUntil('leaving is asked', `return document.body.textContent.includes('Rời màn hình này?')`);
    await dialogButton(s, 'Bỏ thay đổi, rời đi');

    // --- Proposals: each tờ trình says where it stands.
    await s.waitFor('[data-testid=proposal-status]');
    assert.match(await s.text('[data-testid=proposal-status]'), /chờ|duyệt/i);
    await s.click('[data-testid=proposal-open]');
    await s.waitFor('[data-testid=proposal-items]');
    await painted(s, 'tour-25-to-trinh');
    // A new tờ trình: made, a person added and answered; deleting a line or the whole asks.
    await s.click('[data-testid=proposal-add]');
    await s.waitFor('[data-testid=proposal-form]');
    await s.type('[data-testid=proposal-form] input[name=number]', '15/TTr-UBND');
    await s.type('[data-testid=proposal-form] input[name=to]', 'Chủ tịch UBND tỉnh Bắc Ninh');
    await s.click('[data-testid=proposal-save]');
    await s.waitUntil('the new tờ trình is open', `return document.body.textContent.includes('Tờ trình 15/TTr-UBND')`);
    await s.type('[data-testid=proposal-who]', 'le hong hoa');
    await s.waitUntil('people found', `return !!document.querySelector('[data-testid=proposal-item-form] .found button')`);
    await s.click('[data-testid=proposal-item-form] .found button');
    await s.select('[data-testid=proposal-code]', 'CSTD_CS');
    await s.click('[data-testid=proposal-item-add]');
    await s.waitUntil('the line is added', `return document.querySelector('[data-testid=proposal-items]')?.textContent.includes('Lê Hồng Hòa')`);
    await s.execute(
      `[...document.querySelectorAll('[data-testid=proposal-items] button')].find((b) => b.textContent.trim() === 'Được duyệt').click()`,
    );
    await s.waitUntil('the answer is recorded', `return document.querySelector('[data-testid=proposal-items] .status.duoc_duyet') !== null`);
    await s.execute(`document.querySelector('[data-testid=proposal-items] button.danger').click()`);
    await s.waitUntil('removing a line is asked', dialogOpen);
    await dialogButton(s, 'Hủy');
    await s.waitUntil('the dialog is gone', dialogClosed);
    assert.match(await s.text('[data-testid=proposal-items]'), /Lê Hồng Hòa/, 'Hủy keeps the line');
    await painted(s, 'tour-29-to-trinh-moi');
    await s.click('[data-testid=proposal-delete]');
    await s.waitUntil('deleting is asked', dialogOpen);
    await dialogButton(s, 'Hủy');
    await s.waitUntil('the dialog is gone', dialogClosed);
    assert.equal((await s.findAll('[data-testid=proposal-open]')).length, 2, 'Hủy keeps the tờ trình');
    await s.click('[data-testid=proposal-delete]');
    await s.waitUntil('deleting is asked', dialogOpen);
    await dialogButton(s, 'Xóa tờ trình');
    await s.waitUntil('deleted', `return document.querySelectorAll('[data-testid=proposal-open]').length === 1`);
    assert.match(await s.text('[data-testid=proposal-list]'), /08\/TTr-UBND/, 'the other tờ trình stays');

    // --- Report prose: written on screen, asked about before leaving, saved, printed.
    await s.click('[data-testid=nav-reports]');
    await s.waitFor('[data-testid=report-preview]');
    await s.select('[data-testid=report-year]', '2025');
    await s.waitUntil('the 2025 report', `return document.querySelector('[data-testid=report-preview]')?.textContent.includes('năm 2025')`);
    await s.click('[data-testid=report-tab-write]');
    await s.waitFor('[data-testid=narrative-ton_tai]');
    const text = 'Một số thôn gửi hồ sơ chậm.\nTỷ lệ khen người lao động trực tiếp còn thấp.';
    // Put in decomposed, as some Vietnamese keyboards and pastes bring it (WebDriver's own
    // typing composes it and drops the line end): kept NFC.
    await s.execute(
      `const t = document.querySelector('[data-testid=narrative-ton_tai]');
       t.scrollIntoView({ block: 'center' });
       t.focus();
       t.value = arguments[0];
       t.dispatchEvent(new Event('input', { bubbles: true }));`,
      [text.normalize('NFD')],
    );
    await s.waitUntil('one section unsaved', `return document.querySelector('[data-testid=narrative-state]').textContent.includes('1 mục chưa lưu')`);
    await painted(s, 'tour-26-soan-noi-dung');
    // Saving the PDF now would leave the new text out: the screen says to save it first.
    await s.click('[data-testid=report-pdf]');
    await s.waitUntil('told to save first', `return document.querySelector('[data-testid=error]')?.textContent.includes('chưa lưu')`);
    await s.click('[data-testid=nav-home]');
    await s.waitUntil('leaving is asked', `return document.body.textContent.includes('Rời màn hình này?')`);
    await painted(s, 'tour-27-roi-di-hoi-lai');
    await dialogButton(s, 'Hủy');
    await s.waitUntil('the dialog is gone', dialogClosed);
    assert.equal(
      await s.execute(`return document.querySelector('[data-testid=narrative-ton_tai]').value`),
      text.normalize('NFD'),
      'the text is still there',
    );
    await s.click('[data-testid=narrative-save]');
    await s.waitUntil('saved', `return document.querySelector('[data-testid=narrative-source-ton_tai]').textContent === 'Đã lưu'`);
    await s.click('[data-testid=report-tab-preview]');
    await s.waitUntil('the preview prints it', `return document.querySelector('[data-testid=report-preview]')?.textContent.includes('Tỷ lệ khen người lao động trực tiếp còn thấp.')`);

    // After a reload the text comes back from the data file, NFC, and is printed.
    await s.execute('location.reload()');
    await s.waitFor('[data-testid=nav-reports]');
    await s.click('[data-testid=nav-reports]');
    await s.select('[data-testid=report-year]', '2025');
    await s.waitUntil(
      'the saved prose is printed after a reload',
      `return document.querySelector('[data-testid=report-preview]')?.textContent.includes('Một số thôn gửi hồ sơ chậm.')`,
    );
    await painted(s, 'tour-28-ban-in-co-noi-dung');
    await s.click('[data-testid=report-tab-write]');
    await s.waitFor('[data-testid=narrative-ton_tai]');
    assert.equal(await s.execute(`return document.querySelector('[data-testid=narrative-ton_tai]').value`), text.normalize('NFC'));
    // 2026 has no prose of its own: 2025's is offered to copy in.
    await s.select('[data-testid=report-year]', '2026');
    await s.waitUntil('2026 offers last year', `return document.querySelector('[data-testid=narrative-source-ton_tai]')?.textContent.includes('năm 2025')`);
  });
});
