// End-to-end tests of the data folder the clerk moved the data to (Cài đặt → Thư mục dữ
// liệu), in the real app: when that folder is missing at start (a USB drive not plugged in)
// nothing is created there and a start screen says which folder and offers to try again, to
// pick the folder where the data is now, or to open the default folder for this session
// without forgetting the remembered one. A move to another folder takes the backups along,
// so a restore after the move still finds them.
//
// No THIDUA_DATA_DIR here: the app uses its per-user folder and the remembered choice, both
// pointed at temporary folders through the XDG variables (never the real config of the user).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, paintedShot, useXvfb, withDriver } from './harness.mjs';

useXvfb();

const cli = (db, ...args) => execFileSync(CLI, ['--db', db, ...args], { encoding: 'utf8' });

/** A clerk's machine: the default folder holds the copy the move left behind (the demo office),
 *  the data itself went to a USB drive (another office name, to tell them apart), and the
 *  remembered choice names that drive, which is not plugged in. */
function clerkWithUnpluggedDrive(name) {
  const home = mkdtempSync(join(tmpdir(), `thidua-e2e-${name}-`));
  const xdgData = join(home, 'data');
  const xdgConfig = join(home, 'config');
  const usb = join(home, 'media', 'USB', 'Sổ thi đua');
  cli(join(xdgData, 'vn.sothidua.desktop', 'thidua.db'), 'demo');
  const onDrive = join(home, 'ban-tren-usb.db');
  cli(onDrive, 'init', '--name', 'UBND xã Trên Ổ USB', '--level', 'xa');
  mkdirSync(join(xdgConfig, 'vn.sothidua.desktop'), { recursive: true });
  const remembered = join(xdgConfig, 'vn.sothidua.desktop', 'thu-muc-du-lieu.txt');
  writeFileSync(remembered, `${usb}\n`);
  return { home, xdgData, xdgConfig, usb, onDrive, remembered };
}

test('the remembered folder missing at start: nothing is created, the folder is named, and "Thử lại" opens the data once the drive is back', async () => {
  const c = clerkWithUnpluggedDrive('folder-retry');
  const env = { THIDUA_DATA_DIR: '', XDG_DATA_HOME: c.xdgData, XDG_CONFIG_HOME: c.xdgConfig };
  await withDriver(
    c.home,
    async (start) => {
      const s = await start();
      await s.waitFor('[data-testid=missing-folder]');
      const message = await s.text('[data-testid=error]');
      assert.match(message, /Không tìm thấy thư mục dữ liệu/);
      assert.ok(message.includes(c.usb), message);
      assert.equal((await s.text('[data-testid=missing-folder]')).replace(/\s/g, ''), c.usb.replace(/\s/g, ''));
      // What "use the default folder" would open is said before the clerk picks it.
      assert.match(await s.text('[data-testid=folder-default]'), /UBND xã An Bình[\s\S]*bản cũ/);
      await paintedShot(s, 'thu-muc-01-khong-tim-thay-thu-muc');
      assert.ok(!existsSync(c.usb), 'nothing created in the missing folder');

      // Still unplugged: told so, nothing created.
      await s.click('[data-testid=folder-retry]');
      await s.waitFor('[data-testid=folder-error]');
      assert.match(await s.text('[data-testid=folder-error]'), /Vẫn chưa thấy tệp dữ liệu/);
      assert.ok(!existsSync(c.usb), 'nothing created on retry');
      await paintedShot(s, 'thu-muc-02-van-chua-thay');

      // The drive is plugged in.
      mkdirSync(c.usb, { recursive: true });
      copyFileSync(c.onDrive, join(c.usb, 'thidua.db'));
      await s.click('[data-testid=folder-retry]');
      await s.waitFor('[data-testid=office-name]');
      assert.equal(await s.text('[data-testid=office-name]'), 'UBND xã Trên Ổ USB');
      await s.end();
    },
    env,
  );
  assert.equal(readFileSync(c.remembered, 'utf8').trim(), c.usb);
});

test('the default folder for one session keeps the remembered choice; "Chọn thư mục khác" opens the drive under another name and remembers it', async () => {
  const c = clerkWithUnpluggedDrive('folder-choose');
  // The same drive, mounted elsewhere this time (E: became F:).
  const elsewhere = join(c.home, 'media', 'USB1', 'Sổ thi đua');
  mkdirSync(elsewhere, { recursive: true });
  copyFileSync(c.onDrive, join(elsewhere, 'thidua.db'));
  const env = {
    THIDUA_DATA_DIR: '',
    XDG_DATA_HOME: c.xdgData,
    XDG_CONFIG_HOME: c.xdgConfig,
    THIDUA_TEST_PICK: elsewhere,
  };
  await withDriver(
    c.home,
    async (start) => {
      let s = await start();
      await s.click('[data-testid=folder-default-start]');
      await s.waitFor('[data-testid=folder-default-confirm]');
      await paintedShot(s, 'thu-muc-03-xac-nhan-thu-muc-mac-dinh');
      await s.click('[data-testid=folder-default-confirm]');
      await s.waitFor('[data-testid=office-name]');
      assert.equal(await s.text('[data-testid=office-name]'), 'UBND xã An Bình');
      await s.click('[data-testid=nav-settings]');
      await s.click('[data-testid=tab-folder]');
      await s.waitFor('[data-testid=remembered-missing]');
      assert.ok((await s.text('[data-testid=remembered-missing]')).includes(c.usb));
      await paintedShot(s, 'thu-muc-04-dang-dung-thu-muc-mac-dinh');
      await s.end();
      assert.equal(readFileSync(c.remembered, 'utf8').trim(), c.usb, 'the remembered choice is kept');

      // Next start: the remembered folder is looked for again; this time the clerk picks the
      // folder where the drive is now.
      s = await start();
      await s.waitFor('[data-testid=missing-folder]');
      await s.click('[data-testid=folder-pick]');
      await s.waitFor('[data-testid=office-name]');
      assert.equal(await s.text('[data-testid=office-name]'), 'UBND xã Trên Ổ USB');
      await s.end();
    },
    env,
  );
  assert.equal(readFileSync(c.remembered, 'utf8').trim(), elsewhere, 'the picked folder is remembered');
  assert.ok(!existsSync(c.usb), 'never created');
});

test('moving the data takes the backups along: the Backup tab lists them in the new folder and one is restored there', async () => {
  const home = mkdtempSync(join(tmpdir(), 'thidua-e2e-folder-move-'));
  const xdgData = join(home, 'data');
  const xdgConfig = join(home, 'config');
  const oldDir = join(xdgData, 'vn.sothidua.desktop');
  const newDir = join(home, 'o-D', 'Sổ thi đua');
  mkdirSync(newDir, { recursive: true });
  cli(join(oldDir, 'thidua.db'), 'demo');
  cli(join(oldDir, 'thidua.db'), 'backup'); // one made by hand before the move
  const env = { THIDUA_DATA_DIR: '', XDG_DATA_HOME: xdgData, XDG_CONFIG_HOME: xdgConfig, THIDUA_TEST_PICK: newDir };
  await withDriver(
    home,
    async (start) => {
      const s = await start(); // takes the automatic copy of the day in the old folder
      await s.waitFor('[data-testid=office-name]');
      await s.click('[data-testid=nav-settings]');
      await s.click('[data-testid=tab-folder]');
      await s.click('[data-testid=move-pick]');
      await s.click('[data-testid=move-confirm]');
      await s.waitFor('[data-testid=notice]');
      assert.match(await s.text('[data-testid=notice]'), /Các bản sao lưu \(2 tệp\) cũng đã được chép sang/);
      await paintedShot(s, 'thu-muc-05-da-chuyen-kem-sao-luu');

      await s.click('[data-testid=tab-backup]');
      await s.waitUntil('both backups listed', `return document.querySelectorAll('[data-testid=backup-row]').length === 2`);
      const table = await s.text('[data-testid=backup-table]');
      assert.match(table, /thủ công/i);
      assert.match(table, /tự động/i);
      await paintedShot(s, 'thu-muc-06-sao-luu-o-thu-muc-moi');
      await s.click('[data-testid=backup-restore]');
      await s.waitFor('[data-testid=restore-confirm]');
      await s.click('[data-testid=restore-confirm-ok]');
      await s.waitFor('[data-testid=office-name]');
      assert.match(await s.text('[data-testid=notice]'), /Đã khôi phục dữ liệu/);
      await s.end();
    },
    env,
  );
  const moved = readdirSync(join(newDir, 'backups'));
  assert.ok(moved.some((f) => f.includes('truoc-khoi-phuc')), `the restore ran in the new folder: ${moved.join(', ')}`);
  const old = readdirSync(join(oldDir, 'backups'));
  assert.equal(old.filter((f) => f.endsWith('.db')).length, 2, `the originals stay: ${old.join(', ')}`);
  assert.ok(existsSync(join(oldDir, 'thidua.db')), 'the old file is kept');
});
