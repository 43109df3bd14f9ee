// End-to-end tests of the real app: the built binary in its real web view (WebKitGTK),
// driven through tauri-driver + WebKitWebDriver under Xvfb at 1366×768, each run on a fresh
// data folder (never the user's). Screenshots of every screen visited are saved to
// tests/e2e/screenshots/ for people to look at.
//
// Needs: the app built (target/debug/thidua-app, with the UI embedded), the CLI
// (target/debug/thidua), Xvfb, WebKitWebDriver and tauri-driver. `bash .ci/dev test` sets
// all of that up.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, memoryMiB, pids, shot, thidua, useXvfb, withDriver } from './harness.mjs';

useXvfb();

const rowsMatching = `return [...document.querySelectorAll('[data-testid=unit-row]')]
  .map((r) => r.textContent).filter((t) => t.includes(arguments[0])).length`;

test('a clerk sets up the office, adds units, finds them without diacritics, and finds them again after a restart', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-e2e-'));
  await withDriver(dataDir, async (start) => {
    const t0 = performance.now();
    const s = await start();
    await s.waitFor('[data-testid=setup-form]');
    const startupMs = Math.round(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 500));
    console.log(`# start-up to first screen: ${startupMs} ms; memory (app + WebKit): ${memoryMiB()} MiB`);
    await shot(s, '01-thiet-lap-co-quan');

    await s.type('[data-testid=setup-form] [name=name]', 'UBND xã An Bình');
    await s.select('[data-testid=setup-form] [name=level]', 'xa');
    await s.type('[data-testid=setup-form] [name=parent_authority]', 'UBND tỉnh Bắc Ninh');
    await s.type('[data-testid=setup-form] [name=place_name]', 'An Bình');
    await s.type('[data-testid=setup-form] [name=signer_name]', 'Nguyễn Văn Thành');
    await s.type('[data-testid=setup-form] [name=signer_title]', 'Chủ tịch');
    await shot(s, '02-thiet-lap-da-dien');
    await s.click('[data-testid=setup-submit]');

    await s.waitFor('[data-testid=nav-units]');
    assert.equal(await s.text('[data-testid=office-name]'), 'UBND xã An Bình');
    await s.click('[data-testid=nav-units]');
    await s.waitFor('[data-testid=unit-add]');
    await shot(s, '03-don-vi-chua-co');

    const units = [
      ['TH-AB', 'Trường Tiểu học An Bình', 'don_vi_su_nghiep', '38'],
      ['T01', 'Thôn Đông', 'thon_to_dan_pho', '5'],
      ['HPN', 'Hội Liên hiệp Phụ nữ xã', 'khac', ''],
    ];
    for (const [i, [code, name, kind, staff]] of units.entries()) {
      await s.click('[data-testid=unit-add]');
      await s.waitFor('[data-testid=unit-form]');
      await s.type('[data-testid=unit-form] [name=code]', code);
      await s.type('[data-testid=unit-form] [name=name]', name);
      await s.select('[data-testid=unit-form] [name=kind]', kind);
      if (staff) await s.type('[data-testid=unit-form] [name=staff_count]', staff);
      if (i === 0) await shot(s, '04-them-don-vi');
      await s.click('[data-testid=unit-save]');
      await s.waitUntil(`row for ${name}`, rowsMatching, [name]);
    }
    // A code already taken is refused with the core's Vietnamese message, and nothing is lost.
    await s.click('[data-testid=unit-add]');
    await s.type('[data-testid=unit-form] [name=code]', 't01');
    await s.type('[data-testid=unit-form] [name=name]', 'Thôn Đông mới');
    await s.click('[data-testid=unit-save]');
    const error = await s.text('[data-testid=error]');
    assert.match(error, /đã dùng cho đơn vị "Thôn Đông"/);
    await shot(s, '05-loi-trung-ma');
    await s.execute(`document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))`);
    await s.waitUntil('form closed', `return !document.querySelector('[data-testid=unit-form]')`);

    const names = await s.texts('[data-testid=unit-row]');
    assert.equal(names.length, 3);
    // Vietnamese order: Hội < Thôn < Trường
    assert.match(names[0], /Hội Liên hiệp Phụ nữ xã/);
    assert.match(names[1], /Thôn Đông/);
    assert.match(names[2], /Trường Tiểu học An Bình/);
    await shot(s, '06-danh-sach-don-vi');

    await s.type('[data-testid=unit-search]', 'an binh');
    await s.waitUntil('search result', `return document.querySelectorAll('[data-testid=unit-row]').length === 1`);
    assert.match((await s.texts('[data-testid=unit-row]'))[0], /Trường Tiểu học An Bình/);
    await shot(s, '07-tim-khong-dau');

    await s.click('[data-testid=nav-blocks]');
    await s.waitFor('[data-testid=block-add]');
    await shot(s, '08-khoi-thi-dua');
    await s.click('[data-testid=nav-office]');
    await s.waitFor('h1');
    await shot(s, '09-thong-tin-co-quan');

    // The Content Security Policy is enforced: an inline <style> or <script> put into the
    // page has no effect (only the bundled files may style the page or run code).
    const injected = await s.execute(
      `const st = document.createElement('style');
       st.textContent = 'body { visibility: hidden !important; }';
       document.head.appendChild(st);
       const sc = document.createElement('script');
       sc.textContent = 'window.__injected = true;';
       document.head.appendChild(sc);
       return [getComputedStyle(document.body).visibility, window.__injected === true];`,
    );
    assert.deepEqual(injected, ['visible', false]);

    // Pull the plug: SIGKILL the app itself (the one on this test's data folder), no clean
    // shutdown.
    const appPids = pids(/thidua-app/).filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`THIDUA_DATA_DIR=${dataDir}`);
      } catch {
        return false;
      }
    });
    assert.ok(appPids.length > 0, 'the app process is found');
    for (const pid of appPids) process.kill(Number(pid), 'SIGKILL');
    await s.end().catch(() => {}); // the session's app is gone
  });

  // The killed app left a sound file: it opens and passes the integrity check.
  const info = JSON.parse(thidua(dataDir, 'info', '--json'));
  assert.equal(info.integrity_ok, true);

  // What the UI saved is in the database, in NFC, as the CLI sees it.
  const saved = JSON.parse(thidua(dataDir, 'units', 'list', '--json'));
  assert.deepEqual(
    saved.map((u) => [u.code, u.name]),
    [
      ['HPN', 'Hội Liên hiệp Phụ nữ xã'],
      ['T01', 'Thôn Đông'],
      ['TH-AB', 'Trường Tiểu học An Bình'],
    ],
  );
  assert.ok(saved.every((u) => u.name === u.name.normalize('NFC')));
  assert.equal(saved[2].staff_count, 38);

  await withDriver(dataDir, async (start) => {
    const s = await start();
    await s.waitFor('[data-testid=nav-units]'); // no set-up screen the second time
    await s.click('[data-testid=nav-units]');
    await s.waitUntil('units after restart', rowsMatching, ['Trường Tiểu học An Bình']);
    assert.equal((await s.texts('[data-testid=unit-row]')).length, 3);
    await shot(s, '10-sau-khi-khoi-dong-lai');
    await s.end();
  });
});

test('the demo office shows its units and its blocks per year', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-e2e-demo-'));
  thidua(dataDir, 'demo', '--year', '2026');
  const active = JSON.parse(thidua(dataDir, 'units', 'list', '--json')).length;
  await withDriver(dataDir, async (start) => {
    const s = await start();
    await s.click('[data-testid=nav-units]');
    await s.waitUntil('demo units', `return document.querySelectorAll('[data-testid=unit-row]').length === arguments[0]`, [active]);
    assert.match(await s.text('[data-testid=unit-count]'), new RegExp(String(active)));
    await shot(s, '11-mau-don-vi');

    await s.click('[data-testid=nav-blocks]');
    await s.select('[data-testid=block-year]', '2026');
    await s.waitUntil('2026 blocks', `return document.querySelectorAll('[data-testid=block-card]').length === 3`);
    const cards = await s.texts('[data-testid=block-card]');
    assert.ok(cards.some((c) => c.includes('Khối Giáo dục - Y tế') && c.includes('Trường Tiểu học An Bình')));
    await shot(s, '12-mau-khoi-2026');
    await s.end();
  });
});

test('a data file from a newer version is refused with a clear message and left untouched', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-e2e-newer-'));
  thidua(dataDir, 'init', '--name', 'UBND xã Tương Lai', '--level', 'xa');
  const db = join(dataDir, 'thidua.db');
  // Mark the file as written by a future schema version (Python's sqlite3 module).
  execFileSync('python3', ['-c', `import sqlite3; c = sqlite3.connect(${JSON.stringify(db)}); c.execute('PRAGMA user_version = 999'); c.commit()`]);
  const before = readFileSync(db);
  await withDriver(dataDir, async (start) => {
    const s = await start();
    const message = await s.text('[data-testid=error]');
    assert.match(message, /phiên bản mới hơn/);
    await shot(s, '13-tep-phien-ban-moi-hon');
    await s.end();
  });
  assert.ok(readFileSync(db).equals(before), 'the file is byte for byte as before');
});
