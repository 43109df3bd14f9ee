// End-to-end: what a clerk trips over on screen (demo office, real app, Xvfb). The wide grids
// fit a 1280-px window without sideways scrolling; the grid's line count agrees with its total
// row; the Giấy khen save button stays in sight at 1366×768; the award history on the
// decision follows the cursor; and closing the window (as the title bar's × does, through X11)
// with unsaved prose asks first, Hủy keeps the window and the text, and confirming closes it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentDisplay, paintedShot as painted, shot, thidua, useXvfb, withDriver } from './harness.mjs';

useXvfb();

async function go(s, screen) {
  await s.click(`[data-testid=nav-${screen}]`);
  await s.waitUntil(`${screen} shown`, `return document.querySelector('[data-testid=nav-${screen}]').getAttribute('aria-current') === 'page'`);
}

/** [scrollWidth, clientWidth] of a grid's scrolling body. */
const widths = (testid) =>
  `const b = document.querySelector('[data-testid=${testid}-body]'); return [b.scrollWidth, b.clientWidth]`;

/** The title bar's ×: the window manager's close request, sent by hand (no WM on Xvfb). */
function closeRequest() {
  const asked = execFileSync('python3', [join(import.meta.dirname, 'close_window.py')], {
    env: { ...process.env, DISPLAY: currentDisplay() },
    encoding: 'utf8',
  });
  assert.ok(Number(asked) >= 1, `windows asked to close: ${asked}`);
}

test('grids fit 1280 px, counts agree, Giấy khen saves in sight, history follows the cursor, closing asks', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-e2e-fit-'));
  thidua(dataDir, 'demo');
  await withDriver(dataDir, async (start) => {
    const s = await start();
    await s.waitFor('[data-testid=nav-home]');

    // --- A 1280×768 window: the two widest grids fit beside the sidebar.
    await s.cmd('POST', '/window/rect', { x: 0, y: 0, width: 1280, height: 768 });
    await s.waitUntil('1280 wide', `return window.innerWidth <= 1280`);
    await go(s, 'scoring');
    await s.waitFor('[data-testid=scores-body] [data-row="0"]');
    const scores = await s.execute(widths('scores'));
    await painted(s, 'fit-01-cham-diem-1280');
    assert.ok(scores[0] <= scores[1], `Chấm điểm khối scrolls sideways: ${scores}`);

    await go(s, 'persons');
    await s.waitFor('[data-testid=persons-body] [data-row="0"]');
    const persons = await s.execute(widths('persons'));
    await painted(s, 'fit-02-ca-nhan-1280');
    assert.ok(persons[0] <= persons[1], `Cá nhân scrolls sideways: ${persons}`);

    // --- The toolbar's count and the total row's count of names say the same, also with a
    // blank line added (it is not one more person).
    const counts = `return [document.querySelector('[data-testid=persons-count]').textContent.trim(),
      document.querySelector('[data-testid=persons-totals] [data-col=full_name]').textContent.trim()]`;
    const [line, total] = await s.execute(counts);
    assert.equal(line, `${total} dòng`);
    await s.click('[data-testid=persons-add]');
    await s.waitUntil('blank line', `return document.querySelector('[data-testid=persons-body] .cell.cursor')?.closest('.row')?.dataset.key.startsWith('moi-')`);
    assert.deepEqual(await s.execute(counts), [line, total]);

    // --- Giấy khen at 1366×768: the save button is on screen without scrolling.
    await s.cmd('POST', '/window/rect', { x: 0, y: 0, width: 1366, height: 768 });
    await go(s, 'certificates');
    await s.waitFor('[data-testid=cert-save]');
    const save = await s.execute(
      `const r = document.querySelector('[data-testid=cert-save]').getBoundingClientRect();
       return [r.top, r.bottom, window.innerHeight]`,
    );
    assert.ok(save[0] >= 0 && save[1] <= save[2], `Lưu mẫu is off screen: ${save}`);
    assert.deepEqual(
      await s.execute(`return [...document.querySelectorAll('td.styles input')].slice(0, 3).map((i) => i.getAttribute('aria-label'))`),
      ['Đậm', 'Nghiêng', 'In hoa'],
    );
    await painted(s, 'fit-03-giay-khen');

    // --- Decision: one click on a line shows that person's history beside (no Enter).
    await go(s, 'decisions');
    await s.click('[data-testid=decision-open]');
    await s.waitFor('[data-testid=awards-body] [data-row="1"]');
    const cells = await s.findAll('[data-testid=awards-body] [data-col=recipient_name]');
    const name = await s.execute(`return document.querySelectorAll('[data-testid=awards-body] [data-col=recipient_name]')[1].textContent.trim()`);
    assert.ok(name, 'a name on the second line');
    await s.cmd('POST', `/element/${cells[1]}/click`, {});
    await s.waitUntil(
      'history of the clicked line (a person’s awards, or a word that it is a collective)',
      `const h = document.querySelector('[data-testid=person-history]').textContent;
       return h.includes(arguments[0]) && !h.includes('Đang tải')`,
      [name],
    );
    assert.ok(
      await s.execute(`return [...document.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Bỏ người đang chọn' && !b.disabled)`),
      'Bỏ người đang chọn is offered for the clicked line',
    );
    await painted(s, 'fit-04-quyet-dinh-lich-su');

    // --- Closing the window with unsaved prose asks; Hủy keeps the window and the text.
    await go(s, 'reports');
    await s.click('[data-testid=report-tab-write]');
    await s.waitFor('[data-testid=narrative-ton_tai]');
    const text = 'Hồ sơ của hai thôn còn thiếu biên bản bình xét.';
    await s.execute(
      `const t = document.querySelector('[data-testid=narrative-ton_tai]');
       t.focus(); t.value = arguments[0]; t.dispatchEvent(new Event('input', { bubbles: true }));`,
      [text],
    );
    await s.waitUntil('unsaved', `return document.querySelector('[data-testid=narrative-state]').textContent.includes('chưa lưu')`);
    closeRequest();
    await s.waitUntil('closing is asked', `return document.querySelector('dialog[open]')?.textContent.includes('Đóng ứng dụng?')`);
    await painted(s, 'fit-05-dong-ung-dung-hoi-lai');
    await s.execute(`[...document.querySelectorAll('dialog[open] button')].find((b) => b.textContent.trim() === 'Hủy').click()`);
    await s.waitUntil('the dialog is gone', `return !document.querySelector('dialog[open]')`);
    assert.equal(await s.execute(`return document.querySelector('[data-testid=narrative-ton_tai]').value`), text);

    // Confirming closes the window: the app is gone, and the web view with it.
    closeRequest();
    await s.waitUntil('closing is asked again', `return document.querySelector('dialog[open]')?.textContent.includes('Đóng ứng dụng?')`);
    // Clicked just after the script returns: the window may be gone before the reply.
    await s.execute(`const b = [...document.querySelectorAll('dialog[open] button')].find((b) => b.textContent.trim() === 'Bỏ thay đổi, đóng');
      setTimeout(() => b.click(), 100);`);
    let gone = false;
    for (let i = 0; i < 50 && !gone; i++) {
      await new Promise((r) => setTimeout(r, 200));
      gone = await s.execute('return 1').then(() => false, () => true);
    }
    assert.ok(gone, 'the window closed after the clerk confirmed');
  });
});
