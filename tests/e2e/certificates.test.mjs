// End-to-end: the "Giấy khen" screen of the real app on the demo office. The clerk moves the
// name field on the live preview, saves the layout, and saves the PDF of all the certificates
// of a decision; the PDF is then read back with pdftotext (poppler-utils).
//
// The native save dialog cannot be driven by WebDriver: THIDUA_TEST_PICK (src-tauri/src/
// files.rs) makes it return the given path at once, granted like a chosen one.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shot, thidua, useXvfb, withDriver } from './harness.mjs';

useXvfb();

const MM = 72 / 25.4;

test('a clerk adjusts the certificate layout on the preview and saves a decision’s certificates as PDF', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-e2e-gk-'));
  thidua(dataDir, 'demo');
  const calibrationPdf = join(dataDir, 'can-chinh.pdf');
  const pdf = join(dataDir, 'giay-khen.pdf');
  // The test hook answers a save dialog with the first listed path not written yet: the
  // calibration page first, then the certificates.
  process.env.THIDUA_TEST_PICK = `${calibrationPdf}\n${pdf}`;
  try {
    await withDriver(dataDir, async (start) => {
      const s = await start();
      await s.waitFor('[data-testid=nav-certificates]');
      await s.click('[data-testid=nav-certificates]');
      await s.waitFor('[data-testid=cert-preview]');
      await s.waitUntil(
        'preview shows a recipient',
        `return document.querySelectorAll('[data-testid=cert-preview] .box').length === 7`,
      );
      await shot(s, 'gk-01-man-hinh-giay-khen');

      // Choose the CSTĐCS decision: its certificates say the title.
      const option = await s.execute(
        `return [...document.querySelectorAll('[data-testid=cert-decision] option')]
           .find((o) => o.textContent.includes('129/QĐ-UBND'))?.value`,
      );
      assert.ok(option, 'decision 129/QĐ-UBND is offered');
      await s.select('[data-testid=cert-decision]', option);
      await s.waitUntil(
        'preview shows the title',
        `return document.querySelector('[data-testid=cert-preview]').textContent.includes('Chiến sĩ thi đua cơ sở')`,
      );

      // Move the name 10 mm to the right: the box on the preview moves with it.
      const leftBefore = await s.execute(
        `return document.querySelector('[data-testid=cert-preview] .box').getBoundingClientRect().left`,
      );
      await s.execute(
        `const i = document.querySelector('[data-testid=cert-x-0]');
         i.value = '50'; i.dispatchEvent(new Event('input', { bubbles: true }));`,
      );
      await s.waitUntil(
        'box moved',
        `return document.querySelector('[data-testid=cert-preview] .box').getBoundingClientRect().left > arguments[0] + 10`,
        [leftBefore],
      );
      await s.execute(`document.querySelector('[data-testid=cert-preview]').scrollIntoView()`);
      await shot(s, 'gk-02-da-doi-vi-tri');
      await s.click('[data-testid=cert-save]');
      await s.waitUntil('saved', `return document.body.textContent.includes('Đã lưu mẫu')`);

      await s.click('[data-testid=cert-calibration]');
      await s.waitFor('[data-testid=cert-written]', 30000);
      const calibration = execFileSync('pdftotext', ['-layout', calibrationPdf, '-'], { encoding: 'utf8' });
      assert.match(calibration, /Trang căn chỉnh/);
      assert.match(calibration, /Tên người \(tập thể\) được khen — x 50, y 98/, 'the saved position');
      await s.click('[data-testid=cert-print]');
      await s.waitUntil(
        'certificates written',
        `return /Đã ghi (?!1 trang)\\d+ trang/.test(document.querySelector('[data-testid=cert-written]')?.textContent ?? '')`,
        [],
        30000,
      );
      const written = await s.text('[data-testid=cert-written]');
      assert.match(written, /Đã ghi \d+ trang/);
      await shot(s, 'gk-03-da-luu-pdf');
    });
  } finally {
    delete process.env.THIDUA_TEST_PICK;
  }
  assert.ok(existsSync(pdf));
  const pages = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const count = Number(/Pages:\s+(\d+)/.exec(pages)[1]);
  const awards = JSON.parse(thidua(dataDir, 'awards', 'list', '--year', '2025', '--json')).filter(
    (a) => a.decision_number === '129/QĐ-UBND',
  );
  assert.equal(count, awards.length, 'one page per recipient');
  // The saved layout moved the name: its box now spans 50–267 mm, centred at 158.5 mm.
  const xml = execFileSync('pdftotext', ['-bbox-layout', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' });
  const line = /<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"/.exec(xml);
  const centre = (Number(line[1]) + Number(line[2])) / 2 / MM;
  assert.ok(Math.abs(centre - 158.5) <= 1, `name centred at ${centre.toFixed(2)} mm`);
});
