// End-to-end safety tests in the real app: a damaged data file at start offers the latest
// good backup and restoring it brings the clerk's data back; a data file already open in
// another window is refused with a clear message instead of being written by two programs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, appGone, shot, thidua, useXvfb, withDriver } from './harness.mjs';

useXvfb();

test('a damaged data file at start: the latest good backup is offered, restored, and the data is back', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-e2e-safety-'));
  thidua(dataDir, 'demo');
  await withDriver(dataDir, async (start) => {
    // The first start of the day takes the automatic backup.
    let s = await start();
    await s.waitFor('[data-testid=office-name]');
    assert.equal(await s.text('[data-testid=office-name]'), 'UBND xã An Bình');
    await s.end();
    await appGone(dataDir);
    const backups = readdirSync(join(dataDir, 'backups'));
    assert.ok(backups.some((f) => f.includes('tu-dong') && f.endsWith('.db')), backups.join(', '));

    // The disk (or a careless tool) damages the start of the file.
    const fd = openSync(join(dataDir, 'thidua.db'), 'r+');
    writeSync(fd, Buffer.alloc(100, 0x42), 0, 100, 0);
    closeSync(fd);

    s = await start();
    await s.waitFor('[data-testid=error]');
    await s.waitFor('[data-testid=restore]');
    assert.match(await s.text('[data-testid=error]'), /bị hỏng/);
    assert.match(await s.text('[data-testid=backup-when]'), /ngày \d\d\/\d\d\/\d{4}/);
    await new Promise((r) => setTimeout(r, 500)); // let the page paint before the screenshot
    await shot(s, 'an-toan-01-tep-hong-de-nghi-khoi-phuc');
    await s.click('[data-testid=restore-start]');
    await s.waitFor('[data-testid=restore-confirm]');
    await shot(s, 'an-toan-02-xac-nhan-khoi-phuc');
    await s.click('[data-testid=restore-confirm]');

    await s.waitFor('[data-testid=office-name]');
    assert.equal(await s.text('[data-testid=office-name]'), 'UBND xã An Bình');
    await s.click('[data-testid=nav-units]');
    await s.waitUntil('units listed', `return document.querySelectorAll('[data-testid=unit-row]').length > 0`);
    await shot(s, 'an-toan-03-da-khoi-phuc');
    await s.end();
  });
  // The damaged file was kept aside for a technician, not deleted.
  const kept = readdirSync(join(dataDir, 'backups'));
  assert.ok(kept.some((f) => f.includes('-hong-truoc-khoi-phuc-')), kept.join(', '));
  assert.equal(JSON.parse(thidua(dataDir, 'info', '--json')).integrity_ok, true);
});

test('a second window on the same data file is refused with a clear message', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-e2e-lock-'));
  thidua(dataDir, 'demo');
  // Another running copy of the program, as the OS sees it: a process holding the lock.
  const holder = spawn('flock', ['--exclusive', join(dataDir, 'thidua.db.lock'), 'sleep', '120'], {
    stdio: 'ignore',
  });
  try {
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(existsSync(join(dataDir, 'thidua.db.lock')));
    await withDriver(dataDir, async (start) => {
      const s = await start();
      await s.waitFor('[data-testid=error]');
      assert.match(await s.text('[data-testid=error]'), /đang được mở trong một cửa sổ/);
      await shot(s, 'an-toan-04-da-mo-o-cua-so-khac');
      await s.end();
    });
  } finally {
    holder.kill();
  }
});

test('the shell grants only the app’s own commands and its CSP forbids remote content and inline script', () => {
  const conf = JSON.parse(readFileSync(join(ROOT, 'tauri.conf.json'), 'utf8'));
  const csp = conf.app.security.csp;
  assert.equal(conf.app.withGlobalTauri, false);
  for (const [directive, value] of Object.entries(csp)) {
    assert.doesNotMatch(value, /unsafe-inline|unsafe-eval|https?:\/\/(?!ipc\.localhost)|\*/, `${directive}: ${value}`);
  }
  assert.equal(csp['default-src'], "'self'");
  assert.equal(csp['script-src'], "'self'");
  assert.equal(csp['object-src'], "'none'");

  const cap = JSON.parse(readFileSync(join(ROOT, 'src-tauri/capabilities/main-window.json'), 'utf8'));
  const build = readFileSync(join(ROOT, 'src-tauri/build.rs'), 'utf8');
  const commands = [...build.slice(build.indexOf('const COMMANDS')).matchAll(/^\s+"([a-z_]+)",$/gm)].map((m) => m[1]);
  assert.ok(commands.includes('restore_latest_backup'));
  const allowed = cap.permissions.filter((p) => !p.startsWith('core:'));
  // exactly one permission per app command, nothing from a plugin (fs, shell, http, opener…)
  assert.deepEqual(
    [...allowed].sort(),
    commands.map((c) => `allow-${c.replaceAll('_', '-')}`).sort(),
  );
  assert.deepEqual(
    cap.permissions.filter((p) => p.startsWith('core:')).sort(),
    // events (the import's progress, the window's close request) and closing the window once
    // the clerk has agreed to leave unsaved work — no other window, path or webview API
    ['core:event:allow-listen', 'core:event:allow-unlisten', 'core:window:allow-destroy'],
  );
  // no HTTP client anywhere in the Rust dependencies
  const manifests = ['Cargo.toml', 'src-tauri/crates/core/Cargo.toml', 'src-tauri/crates/cli/Cargo.toml'];
  for (const m of manifests) {
    assert.doesNotMatch(readFileSync(join(ROOT, m), 'utf8'), /^(reqwest|ureq|hyper|tauri-plugin-http|tauri-plugin-shell)\b/m, m);
  }
});
