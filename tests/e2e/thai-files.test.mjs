// Thai offices' files end to end (issue 17 points 3, 4, 6): a college list saved by Thai Excel as Windows-874 is
// imported with its Thai names intact and says how it was read; a file in neither UTF-8 nor Windows-874 is refused
// naming the file and the byte; the file picker is Thai; and a CSV export of a name starting with "=" is
// neutralised so Excel does not run it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useServerAndBrowser, server, browser, newPage, OUT } from './harness.mjs';
import { openProvince, expectText } from './registration-pages.mjs';

useServerAndBrowser();

/** `text` as Windows-874 (TIS-620) bytes, as Thai Excel saves "CSV (Comma delimited)": ASCII as is, the Thai block
 * U+0E01–U+0E5B at 0xA1–0xFB. */
function windows874(text) {
  return Buffer.from([...text].map((ch) => {
    const c = ch.codePointAt(0);
    if (c < 0x80) return c;
    if (c >= 0x0e01 && c <= 0x0e5b) return c - 0x0e01 + 0xa1;
    throw new Error(`not in Windows-874: ${ch}`);
  }));
}

test('a Windows-874 college list imports with its Thai names; a formula-like name is exported neutralised', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  await openProvince(page, server.base, '13', '2569');

  // The picker is Thai, not the browser's "Choose File / No file chosen".
  const picker = page.locator('label.file-field', { has: page.getByTestId('pc-import') });
  assert.match(await picker.textContent(), /เลือกไฟล์.*ยังไม่ได้เลือกไฟล์/);

  const csv = 'code,name,sector\r\n1310016201,วิทยาลัยเทคนิคปทุมธานี,รัฐบาล\r\n'
    + '1310016202,"=HYPERLINK(""http://x.example/"",""คลิก"")",เอกชน\r\n';
  const bytes = windows874(csv);
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'the file is not UTF-8');
  const file = path.join(OUT, 'colleges-windows-874.csv');
  fs.writeFileSync(file, bytes);
  await page.getByTestId('pc-import').setInputFiles(file);
  const done = page.getByRole('status').filter({ hasText: 'อ่านเป็น Windows-874 (TIS-620)' });
  await done.waitFor();
  assert.match(await done.textContent(), /colleges-windows-874\.csv.*เพิ่มใหม่ 2 แห่ง/);
  await page.getByTestId('check-1310016201').filter({ hasText: 'วิทยาลัยเทคนิคปทุมธานี' }).waitFor();

  // Neither UTF-8 nor Windows-874: refused, naming the file, the line and the byte; nothing added.
  const bad = path.join(OUT, 'colleges-bad.csv');
  fs.writeFileSync(bad, Buffer.concat([windows874('code,name,sector\r\n1310016203,ก'), Buffer.from([0xff]), Buffer.from(',รัฐบาล\r\n')]));
  await page.getByTestId('pc-import').setInputFiles(bad);
  const refused = page.getByRole('alert').filter({ hasText: 'colleges-bad.csv' });
  await refused.waitFor();
  assert.match(await refused.textContent(), /บรรทัด 2 ไบต์ที่ 30 \(0xFF\)/);
  assert.equal(await page.getByTestId('check-1310016203').count(), 0);
  assert.match(await picker.textContent(), /เลือกไฟล์\s*colleges-bad\.csv/, 'the picker names the file picked');

  // The check CSV: the "=" name is prefixed with ' (a text cell in Excel), the Thai name is as typed.
  await page.getByTestId('province-report-link').click();
  await page.getByTestId('province-report').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-check').click()]);
  const out = path.join(OUT, 'check-neutralised.csv');
  await download.saveAs(out);
  const text = fs.readFileSync(out, 'utf8');
  assert.ok(text.startsWith('\ufeff'), 'UTF-8 with a byte-order mark for Excel');
  const lines = text.slice(1).trim().split('\r\n');
  assert.ok(lines.some((l) => l.startsWith('2569,1310016201,วิทยาลัยเทคนิคปทุมธานี,')), lines.join('\n'));
  assert.ok(lines.some((l) => l.startsWith('2569,1310016202,"\'=HYPERLINK(""http://x.example/"",""คลิก"")",')), lines.join('\n'));
  assert.ok(!lines.some((l) => /(^|,)=/.test(l)), 'no cell starts with =');

  assert.deepEqual(errors, []);
  await context.close();
});
