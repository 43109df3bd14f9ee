// End-to-end: the "Báo cáo, văn bản in" screen of the real app on the demo office. The clerk
// picks the year's tổng kết report, reads it on screen as it will print, saves it as PDF and
// as Word, then picks one decision with its list; the files are read back (poppler) and
// their page count is the one the screen announced.
//
// The save dialog cannot be driven by WebDriver: THIDUA_TEST_PICK (src-tauri/src/files.rs)
// answers it with the first listed path not written yet.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shot, thidua, useXvfb, withDriver } from './harness.mjs';

useXvfb();

const pdfPages = (file) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1]);

test('a clerk previews the annual report, saves it as PDF and Word, and previews a decision', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-e2e-bc-'));
  thidua(dataDir, 'demo');
  const pdf = join(dataDir, 'tong-ket.pdf');
  const docx = join(dataDir, 'tong-ket.docx');
  await withDriver(
    dataDir,
    async (start) => {
      const s = await start();
      await s.waitFor('[data-testid=nav-reports]');
      await s.click('[data-testid=nav-reports]');
      await s.waitFor('[data-testid=report-preview]');
      await shot(s, 'bc-00-man-hinh-bao-cao');
      // The demo's closed year: 2025.
      await s.select('[data-testid=report-year]', '2025');
      await s.waitUntil(
        'the 2025 report is shown',
        `return document.querySelector('[data-testid=report-preview]')?.textContent.includes('khen thưởng năm 2025')`,
      );
      const text = await s.text('[data-testid=report-preview]');
      assert.match(text, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
      assert.match(text, /BÁO CÁO/);
      assert.match(text, /Nơi nhận/);
      // Styled by the document's own rules (the preview stylesheet), not the app's.
      const font = await s.execute(
        `return getComputedStyle(document.querySelector('[data-testid=report-preview] .sheet')).fontFamily`,
      );
      assert.match(font, /Times New Roman/);
      const announced = Number(/(\d+) trang A4/.exec(await s.text('[data-testid=report-pages]'))[1]);
      assert.ok(announced >= 2, `${announced} pages`);
      await shot(s, 'bc-01-xem-truoc-tong-ket');

      await s.click('[data-testid=report-pdf]');
      await s.waitUntil('PDF saved', `return !!document.querySelector('[data-testid=report-saved]')`, [], 30000);
      assert.ok(existsSync(pdf));
      assert.equal(pdfPages(pdf), announced, 'the PDF has the pages the screen announced');
      assert.match(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }), /BÁO CÁO/);
      await s.click('[data-testid=report-docx]');
      await s.waitUntil('Word saved', `return document.querySelector('[data-testid=report-saved]')?.textContent.includes('.docx')`, [], 30000);
      // A real Word file: a zip whose main part is WordprocessingML.
      assert.equal(readFileSync(docx).subarray(0, 2).toString(), 'PK');
      await shot(s, 'bc-02-da-luu');

      const kinds = await s.execute(
        `return [...document.querySelectorAll('[data-testid=report-kind] option')].map((o) => o.value)`,
      );
      assert.equal(kinds.length, 7, 'every document kind is offered');
      await s.select('[data-testid=report-kind]', 'quyet_dinh');
      await s.waitUntil(
        'a decision is shown',
        `return document.querySelector('[data-testid=report-preview]')?.textContent.includes('QUYẾT ĐỊNH')`,
      );
      await s.waitFor('[data-testid=report-number]');
      await shot(s, 'bc-03-quyet-dinh');
    },
    { THIDUA_TEST_PICK: `${pdf}\n${docx}` },
  );
});
