// End-to-end tests of the Settings screen in the real app: a coefficient changed from a date
// leaves the money of an earlier decision alone; a backup made from the screen is restored
// after a change and the change is gone; the optional password locks the app at the next
// start, the shell itself refuses data commands while locked, a wrong password is refused
// and the right one opens the office.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, appGone, shot, thidua, useXvfb, withDriver } from './harness.mjs';

useXvfb();

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

async function openSettings(s, tab) {
  await s.waitFor('[data-testid=office-name]');
  await s.click('[data-testid=nav-settings]');
  await s.click(`[data-testid=tab-${tab}]`);
}

test('a coefficient changed from a date: a decision dated before keeps its money, one after gets the new figure', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-e2e-settings-coef-'));
  thidua(dataDir, 'demo');
  const unit = JSON.parse(thidua(dataDir, 'units', 'list', '--json'))[0].code;
  thidua(dataDir, 'awards', 'decide', '--number', '101/QĐ-THU', '--date', '15/12/2025', '--year', '2025');
  thidua(dataDir, 'awards', 'add', '--decision', '101/QĐ-THU', '--code', 'GK_XA', '--unit', unit);
  const amount = (decision) => JSON.parse(thidua(dataDir, 'awards', 'list', '--decision', decision, '--json'))[0].amount;
  // 0,3 × 2.340.000 × 2 (tập thể) = 1.404.000 → 1.410.000
  assert.equal(amount('101/QĐ-THU'), 1_410_000);

  await withDriver(dataDir, async (start) => {
    const s = await start();
    await openSettings(s, 'coefficients');
    await s.type('[data-testid=catalog-search]', 'giay khen xa');
    await s.click('[data-testid=catalog-GK_XA]');
    await s.waitFor('[data-testid=coef-form]');
    // The legal reference is required: refused with a Vietnamese message, nothing added.
    await s.type('[data-testid=coef-form] input[name=from]', '01/01/2026');
    await s.type('[data-testid=coef-form] input[name=value]', '0,5');
    await s.click('[data-testid=coef-add]');
    assert.match(await s.text('[data-testid=error]'), /căn cứ pháp lý/);
    await s.type('[data-testid=coef-form] input[name=ref]', 'Quyết định 99/2025/QĐ-UBND (thử)');
    await s.click('[data-testid=coef-add]');
    await s.waitFor('[data-testid=notice]');
    assert.match(await s.text('[data-testid=notice]'), /từ 01\/01\/2026/);
    await s.waitUntil('the new row listed', `return document.querySelector('[data-testid=coef-history]').textContent.includes('01/01/2026')`);
    const rows = await s.texts('[data-testid=coef-history] tbody tr');
    assert.ok(rows.some((r) => /01\/01\/2026/.test(r) && /0,5/.test(r) && /Đang áp dụng/.test(r)), rows.join('\n'));
    assert.ok(rows.some((r) => /01\/07\/2025/.test(r) && /0,3/.test(r)), rows.join('\n'));
    await pause(300);
    await shot(s, 'cai-dat-01-he-so-theo-ngay');

    // Removing the change asks first, and can be undone.
    await s.click('[data-testid=coef-remove]');
    await s.waitFor('dialog .btn.danger');
    await shot(s, 'cai-dat-12-xac-nhan-xoa-he-so');
    await s.click('dialog .btn.danger');
    await s.waitUntil('removed', `return !document.querySelector('[data-testid=coef-history]').textContent.includes('01/01/2026')`);
    assert.match(await s.text('[data-testid=notice]'), /Đã xóa hệ số/);
    await s.click('[data-testid=coef-undo]');
    await s.waitUntil('put back', `return document.querySelector('[data-testid=coef-history]').textContent.includes('01/01/2026')`);

    // A local form the catalog lacks, with its legal reference; then its money from a date.
    await s.click('[data-testid=catalog-new]');
    await s.type('[data-testid=catalog-new-form] input[name=code]', 'gk_dang_uy');
    await s.type('[data-testid=catalog-new-form] input[name=name]', 'Giấy khen của Đảng ủy xã');
    await s.type('[data-testid=catalog-new-form] input[name=ref]', 'Quy định 15-QĐ/ĐU (thử)');
    await pause(200);
    await shot(s, 'cai-dat-13-them-hinh-thuc');
    await s.click('[data-testid=catalog-new-save]');
    await s.waitUntil('the new form chosen', `return document.querySelector('[data-testid=coef-title]')?.textContent === 'Giấy khen của Đảng ủy xã'`);
    await s.type('[data-testid=coef-form] input[name=from]', '01/01/2026');
    await s.type('[data-testid=coef-form] input[name=value]', '0,2');
    await s.type('[data-testid=coef-form] input[name=ref]', 'Quy định 15-QĐ/ĐU (thử)');
    await s.click('[data-testid=coef-add]');
    await s.waitUntil('its coefficient', `return document.querySelector('[data-testid=coef-history]').textContent.includes('0,2')`);
    await s.end();
    await appGone(dataDir);
  });

  // The earlier decision keeps 0,3; a decision dated after the change is paid 0,5.
  assert.equal(amount('101/QĐ-THU'), 1_410_000);
  thidua(dataDir, 'awards', 'decide', '--number', '102/QĐ-THU', '--date', '15/02/2026', '--year', '2025');
  thidua(dataDir, 'awards', 'add', '--decision', '102/QĐ-THU', '--code', 'GK_XA', '--unit', unit);
  assert.equal(amount('102/QĐ-THU'), 2_340_000); // 0,5 × 2.340.000 × 2
  // adding to the earlier decision again computes with its own date: still 0,3
  thidua(dataDir, 'awards', 'add', '--decision', '101/QĐ-THU', '--code', 'GK_XA', '--unit', JSON.parse(thidua(dataDir, 'units', 'list', '--json'))[1].code);
  const earlier = JSON.parse(thidua(dataDir, 'awards', 'list', '--decision', '101/QĐ-THU', '--json')).map((a) => a.amount);
  assert.deepEqual(earlier, [1_410_000, 1_410_000]);
  const local = JSON.parse(thidua(dataDir, 'rules', 'money', '--code', 'GK_DANG_UY', '--date', '01/03/2026', '--json'));
  assert.equal(local.amount, 470_000); // 0,2 × 2.340.000 = 468.000 → 470.000
});

test('a backup made in Settings is restored after a change, and the change is gone', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-e2e-settings-backup-'));
  thidua(dataDir, 'demo');
  await withDriver(dataDir, async (start) => {
    const s = await start();
    await openSettings(s, 'backup');
    await s.waitFor('[data-testid=backup-row]'); // the automatic copy of the day
    const before = (await s.findAll('[data-testid=backup-row]')).length;
    await s.click('[data-testid=backup-now]');
    await s.waitFor('[data-testid=notice]');
    assert.match(await s.text('[data-testid=notice]'), /Đã sao lưu lúc/);
    await s.waitUntil('one more backup', `return document.querySelectorAll('[data-testid=backup-row]').length === ${before + 1}`);
    const first = await s.text('[data-testid=backup-row]');
    assert.match(first, /Sao lưu thủ công/);
    assert.match(first, /Toàn vẹn/);

    // A change after the backup: a new base salary row.
    await s.click('[data-testid=tab-salary]');
    await s.type('[data-testid=salary-form] input[name=from]', '01/07/2030');
    await s.type('[data-testid=salary-form] input[name=amount]', '3.100.000');
    await s.type('[data-testid=salary-form] input[name=ref]', 'Nghị định thử 2030');
    await s.click('[data-testid=salary-add]');
    await s.waitUntil('row added', `return document.querySelector('[data-testid=salary-table]').textContent.includes('3.100.000')`);
    await pause(300);
    await shot(s, 'cai-dat-08-luong-co-so');

    await s.click('[data-testid=tab-backup]');
    await s.waitFor('[data-testid=backup-row]');
    await s.click('[data-testid=backup-restore]'); // the newest: the manual one
    await s.waitFor('[data-testid=restore-confirm]');
    assert.match(await s.text('[data-testid=restore-confirm]'), /tự động sao lưu/);
    await pause(300);
    await shot(s, 'cai-dat-02-xac-nhan-khoi-phuc');
    await s.click('[data-testid=restore-confirm-ok]');
    await s.waitFor('[data-testid=office-name]');
    assert.match(await s.text('[data-testid=notice]'), /Đã khôi phục dữ liệu từ bản sao lưu lúc \d\d:\d\d/);

    await s.click('[data-testid=nav-settings]');
    await s.click('[data-testid=tab-salary]');
    await s.waitFor('[data-testid=salary-table]');
    await s.waitUntil('salary rows', `return document.querySelectorAll('[data-testid=salary-table] tbody tr').length > 0`);
    assert.doesNotMatch(await s.text('[data-testid=salary-table]'), /3\.100\.000/);
    await s.click('[data-testid=tab-backup]');
    await s.waitUntil('the copy taken before the restore is listed', `return document.querySelector('[data-testid=backup-table]').textContent.includes('Trước khi khôi phục')`);
    await pause(300);
    await shot(s, 'cai-dat-03-sao-luu-sau-khoi-phuc');
    await s.click('[data-testid=tab-params]');
    await s.waitFor('[data-testid=params-table]');
    await pause(300);
    await shot(s, 'cai-dat-09-ty-le-gioi-han');
    await s.click('[data-testid=tab-regimes]');
    await s.waitFor('[data-testid=roundings]');
    await pause(300);
    await shot(s, 'cai-dat-10-che-do-lam-tron');
    await s.end();
  });
  const kept = readdirSync(join(dataDir, 'backups'));
  assert.ok(kept.some((f) => f.includes('truoc-khoi-phuc')), kept.join(', '));
});

test('the app password: lock screen at the next start, data refused by the shell, wrong password refused, right one opens', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-e2e-settings-password-'));
  thidua(dataDir, 'demo');
  const password = 'Mật khẩu thử 2025';
  await withDriver(dataDir, async (start) => {
    let s = await start();
    await openSettings(s, 'password');
    await s.type('[data-testid=pw-new]', password);
    await s.type('[data-testid=pw-repeat]', password + 'x');
    await s.click('[data-testid=pw-save]');
    assert.match(await s.text('[data-testid=error]'), /không giống nhau/);
    await s.type('[data-testid=pw-repeat]', password);
    await s.click('[data-testid=pw-save]');
    await s.waitFor('[data-testid=notice]');
    assert.match(await s.text('[data-testid=password-state]'), /Đã đặt mật khẩu/);
    await s.waitFor('[data-testid=lock-now]');
    await pause(300);
    await shot(s, 'cai-dat-04-mat-khau');
    await s.end();
    await appGone(dataDir);

    s = await start();
    await s.waitFor('[data-testid=lock-screen]');
    await pause(300);
    await shot(s, 'cai-dat-05-man-hinh-khoa');
    // The gate is in the shell: a data command sent by the page itself is refused.
    await s.execute(
      `window.__gate = null;
       window.__TAURI_INTERNALS__.invoke('list_base_salaries').then(
         () => { window.__gate = 'answered'; },
         (e) => { window.__gate = e.code; });`,
    );
    assert.equal(await s.waitUntil('the shell answers', 'return window.__gate'), 'locked');

    await s.type('[data-testid=unlock-password]', 'sai mật khẩu');
    await s.click('[data-testid=unlock-submit]');
    assert.match(await s.text('[data-testid=unlock-error]'), /Mật khẩu không đúng/);
    await shot(s, 'cai-dat-06-sai-mat-khau');
    // Third wrong try in a row: the next one has to wait.
    for (let i = 0; i < 2; i++) {
      await s.type('[data-testid=unlock-password]', 'sai nữa');
      await s.click('[data-testid=unlock-submit]');
      await pause(200);
    }
    await s.type('[data-testid=unlock-password]', password);
    await s.click('[data-testid=unlock-submit]');
    await s.waitUntil('asked to wait', `return (document.querySelector('[data-testid=unlock-error]')?.textContent ?? '').includes('đợi')`);
    await pause(2200);
    await s.type('[data-testid=unlock-password]', password);
    await s.click('[data-testid=unlock-submit]');
    await s.waitFor('[data-testid=office-name]');
    assert.equal(await s.text('[data-testid=office-name]'), 'UBND xã An Bình');
    await s.waitFor('[data-testid=lock-now]');
    await shot(s, 'cai-dat-11-da-mo-khoa');

    // "Khóa ngay" in the sidebar locks again.
    await s.click('[data-testid=lock-now]');
    await s.waitFor('[data-testid=lock-screen]');
    await s.end();
  });
  await appGone(dataDir);
  // The way out of a forgotten password, for whoever holds the file.
  assert.equal(JSON.parse(thidua(dataDir, 'password', '--json')).password, true);
  thidua(dataDir, 'password', '--remove');
  assert.equal(JSON.parse(thidua(dataDir, 'password', '--json')).password, false);
});

test('the data folder is moved through the folder dialog, checked, remembered at the next start, and the old file kept', async () => {
  // No THIDUA_DATA_DIR here: the app uses its per-user folder and the remembered choice, both
  // pointed at temporary folders through the XDG variables (never the real config of the user).
  const home = mkdtempSync(join(tmpdir(), 'thidua-e2e-settings-move-'));
  const xdgData = join(home, 'data');
  const xdgConfig = join(home, 'config');
  const oldDb = join(xdgData, 'vn.sothidua.desktop', 'thidua.db');
  const newDir = join(home, 'o-khac');
  mkdirSync(newDir);
  execFileSync(CLI, ['--db', oldDb, 'demo'], { encoding: 'utf8' });
  const env = { THIDUA_DATA_DIR: '', XDG_DATA_HOME: xdgData, XDG_CONFIG_HOME: xdgConfig, THIDUA_TEST_PICK: newDir };
  await withDriver(
    home,
    async (start) => {
      let s = await start();
      await openSettings(s, 'folder');
      await s.waitFor('[data-testid=data-path]');
      assert.equal(await s.execute(`return document.querySelector('[data-testid=data-path]').value`), oldDb);
      await s.click('[data-testid=move-pick]');
      await s.click('[data-testid=move-confirm]');
      await s.waitFor('[data-testid=notice]');
      assert.match(await s.text('[data-testid=notice]'), /Đã chuyển dữ liệu/);
      await s.click('[data-testid=nav-settings]');
      await s.click('[data-testid=tab-folder]');
      await s.waitUntil(
        'the new path shown',
        `return document.querySelector('[data-testid=data-path]')?.value === arguments[0]`,
        [join(newDir, 'thidua.db')],
      );
      await pause(300);
      await shot(s, 'cai-dat-07-thu-muc-du-lieu');
      await s.end();
      await appGone(newDir);

      s = await start();
      await openSettings(s, 'folder');
      await s.waitUntil(
        'the remembered folder used at start',
        `return document.querySelector('[data-testid=data-path]')?.value === arguments[0]`,
        [join(newDir, 'thidua.db')],
      );
      assert.equal(await s.text('[data-testid=office-name]'), 'UBND xã An Bình');
      await s.end();
    },
    env,
  );
  assert.ok(existsSync(oldDb), 'the old file is kept');
  assert.equal(readFileSync(join(xdgConfig, 'vn.sothidua.desktop', 'thu-muc-du-lieu.txt'), 'utf8').trim(), newDir);
  const info = JSON.parse(execFileSync(CLI, ['--db', join(newDir, 'thidua.db'), 'info', '--json'], { encoding: 'utf8' }));
  assert.equal(info.integrity_ok, true);
});
