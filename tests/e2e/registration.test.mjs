// Tool registration end to end: two colleges register and export their files, the province imports both files twice
// (nothing is double-counted), a newer file replaces an older one, one outside institution is added, and the totals
// on the report are right. Runs against the release build under a sub-path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useServerAndBrowser, server, browser, newPage, OUT } from './harness.mjs';
import { waitSaved, openCollege as open, pick, expectText, exportFile } from './registration-pages.mjs';
import { registrationFile } from './registration-files.mjs';

useServerAndBrowser();

const YEAR = '2569';
const PROVINCE = '13'; // ปทุมธานี

test('two colleges register, the province imports their files twice plus an outside institution, totals are right', async () => {
  const errors = [];

  // College A: ปวช.62 ยานยนต์ 12 + ไฟฟ้ากำลัง 20, ปวส.63 ไฟฟ้ากำลัง 7 = 39.
  const a = await newPage(browser, errors);
  await openCollege(a.page, '1310016201', 'วิทยาลัยเทคนิคทดสอบ ก');
  const banner = await a.page.getByTestId('catalogue-status').textContent();
  assert.match(banner, /รายการหลักสูตรเริ่มต้น/, 'the starter catalogue is marked as such on screen');
  await pick(a.page, 'pvc62', 'ยานยนต์', 12);
  // The type → major choice narrows the list.
  await a.page.getByTestId('ptype-pvc62').selectOption('อุตสาหกรรม');
  await a.page.getByTestId('major-pvc62').selectOption('ช่างไฟฟ้ากำลัง');
  await a.page.getByTestId('option-pvc62-0').filter({ hasText: 'ช่างไฟฟ้ากำลัง' }).waitFor();
  await a.page.getByTestId('option-pvc62-1').waitFor({ state: 'detached' });
  await a.page.getByTestId('count-pvc62').fill('0');
  await a.page.getByTestId('confirm-pvc62').click();
  await a.page.getByTestId('picker-pvc62').getByRole('alert').filter({ hasText: 'อย่างน้อย 1 คน' }).waitFor();
  await a.page.getByTestId('count-pvc62').fill('20');
  await a.page.getByTestId('confirm-pvc62').click();
  await a.page.getByTestId('entries-pvc62').getByText('ไฟฟ้ากำลัง').waitFor();
  // Enter confirms from anywhere: type in the ปวส.63 picker, click elsewhere, press Enter.
  await a.page.getByTestId('search-hvc63').fill('ไฟฟ้ากำลัง');
  await a.page.getByTestId('count-hvc63').fill('7');
  await a.page.locator('h1').click();
  await a.page.keyboard.press('Enter');
  await a.page.getByTestId('entries-hvc63').getByText('ไฟฟ้ากำลัง').waitFor();
  await waitSaved(a.page);
  assert.equal(await a.page.getByTestId('total-all').textContent(), '39');
  assert.equal(await a.page.getByTestId('total-pvc62').textContent(), '32');
  // Reload: everything comes back from IndexedDB.
  await a.page.reload();
  await a.page.getByTestId('entries-pvc62').waitFor();
  assert.equal(await a.page.getByTestId('total-all').textContent(), '39');
  const fileA = await exportFile(a.page, 'registration-A.json');
  const json = JSON.parse(fs.readFileSync(fileA, 'utf8'));
  assert.equal(json.format, 'mattrathan-tool-registration');
  assert.equal(json.version, 1);
  assert.equal(json.college.code, '1310016201');
  assert.equal(json.year, 2569);
  assert.match(json.checksum, /^[0-9a-f]{8}$/);
  // The printable report groups and totals.
  await a.page.getByTestId('reg-report-link').click();
  await a.page.getByTestId('reg-report').waitFor();
  assert.equal(await a.page.getByTestId('reg-report-table-total').textContent(), '39');
  await a.page.emulateMedia({ media: 'print' });
  await a.page.pdf({ path: path.join(OUT, 'registration-report.pdf'), format: 'A4' });
  await a.page.emulateMedia({ media: 'screen' });

  // College B: ปวช.62 ยานยนต์ 30, ปวส.63 การบัญชี 5 = 35.
  const b = await newPage(browser, errors);
  await openCollege(b.page, '1310016202', 'วิทยาลัยอาชีวศึกษาทดสอบ ข');
  await pick(b.page, 'pvc62', 'ยานยนต์', 30);
  await pick(b.page, 'hvc63', 'การบัญชี', 5);
  await waitSaved(b.page);
  assert.equal(await b.page.getByTestId('total-all').textContent(), '35');
  const fileB = await exportFile(b.page, 'registration-B.json');

  // The province.
  const p = await newPage(browser, errors);
  await p.page.goto(`${server.base}#/reg`);
  await p.page.getByTestId('reg-province').selectOption(PROVINCE);
  await p.page.getByTestId('reg-province-year').fill(YEAR);
  await p.page.getByTestId('reg-province-open').click();
  // A private college that has closed.
  await p.page.getByTestId('pc-code').fill('1310016299');
  await p.page.getByTestId('pc-name').fill('วิทยาลัยเอกชนปิดแล้ว');
  await p.page.getByTestId('pc-add').click();
  await p.page.getByTestId('reason-1310016299').selectOption('closed');
  await waitSaved(p.page);

  await p.page.getByTestId('reg-files').setInputFiles([fileA, fileB]);
  await p.page.getByTestId('import-summary').filter({ hasText: 'เพิ่มใหม่ 2' }).waitFor();
  await expectText(p.page, 'count-students', '74');
  // Both files again: duplicates, never counted twice.
  await p.page.getByTestId('reg-files').setInputFiles([fileA, fileB, fileA]);
  await p.page.getByTestId('import-summary').filter({ hasText: 'ซ้ำ (ไม่นับซ้ำ) 3' }).waitFor();
  await expectText(p.page, 'count-students', '74');
  await expectText(p.page, 'count-registered', '2');

  // College A corrects ยานยนต์ 12 → 13 and exports again: the newer file replaces the older, and the screen says so.
  await a.page.goto(`${server.base}#/reg/college/1310016201/${YEAR}`);
  await a.page.getByTestId('entry-count-pvc62-ยานยนต์').fill('13');
  await waitSaved(a.page);
  const fileA2 = await exportFile(a.page, 'registration-A2.json');
  await p.page.getByTestId('reg-files').setInputFiles([fileA2, fileA]);
  await p.page.getByTestId('import-summary').filter({ hasText: 'แทนที่ข้อมูลเดิม 1' }).waitFor();
  const results = await p.page.getByTestId('import-results').textContent();
  assert.match(results, /แทนที่ข้อมูลเดิมของ วิทยาลัยเทคนิคทดสอบ ก/);
  await expectText(p.page, 'count-students', '75');

  // One outside institution: ปวช.62 ยานยนต์ 4.
  await p.page.getByTestId('outside-add').click();
  await p.page.getByTestId('outside-name-0').fill('โรงเรียนมัธยมทดสอบ (ทวิศึกษา)');
  await p.page.getByTestId('outside-affiliation-0').fill('สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน');
  await pick(p.page, 'o0-pvc62', 'ยานยนต์', 4);
  await waitSaved(p.page);
  assert.equal(await p.page.getByTestId('outside-total-0').textContent(), '4');
  assert.ok(await p.page.getByTestId('outside-none').isDisabled(), 'cannot confirm "none" with a row present');

  // Check view: the closed college keeps its reason after a reload.
  await p.page.reload();
  await p.page.getByTestId('check-table').waitFor();
  assert.equal(await p.page.getByTestId('reason-1310016299').inputValue(), 'closed');
  assert.match(await p.page.getByTestId('check-1310016201').textContent(), /ลงทะเบียนแล้ว/);

  // Report: ยานยนต์ ปวช.62 = 13 + 30 + 4 = 47 from 3 institutions; grand total 40 + 35 + 4 = 79.
  await p.page.getByTestId('province-report-link').click();
  await p.page.getByTestId('province-report').waitFor();
  assert.equal(await p.page.getByTestId('totals-table-total').textContent(), '79');
  assert.equal(await p.page.getByTestId('institutions-total').textContent(), '79');
  const row = p.page.getByTestId('totals-table').locator('tr', { hasText: 'สาขางานยานยนต์' }).first();
  assert.deepEqual(await row.locator('td.n').allTextContents(), ['3', '47']);
  const [csv] = await Promise.all([p.page.waitForEvent('download'), p.page.getByTestId('csv-totals').click()]);
  const csvPath = path.join(OUT, 'tool-totals.csv');
  await csv.saveAs(csvPath);
  const lines = fs.readFileSync(csvPath, 'utf8').trim().split(/\r\n/);
  assert.match(lines.at(-1), /รวมทั้งหมด.*,79$/);
  await p.page.screenshot({ path: path.join(OUT, 'registration-province-report.png'), fullPage: true });

  assert.deepEqual(errors, []);
  for (const x of [a, b, p]) await x.context.close();
});

test('a bad catalogue CSV is refused with line numbers and nothing changes; a good one replaces the starter', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  await page.goto(`${server.base}#/reg`);
  await page.getByTestId('catalogue-status').filter({ hasText: 'เริ่มต้น' }).waitFor();
  const bad = path.join(OUT, 'catalogue-bad.csv');
  fs.writeFileSync(bad, 'level,curriculum,program_type,major,specialisation,code\nปวช.,62,อุตสาหกรรม,ช่างยนต์,ยานยนต์,20101\nปวท.,62,อุตสาหกรรม,ช่างยนต์,ยานยนต์,\n');
  await page.getByTestId('catalogue-import').setInputFiles(bad);
  await page.getByRole('alert').filter({ hasText: 'บรรทัด 3' }).waitFor();
  await page.getByTestId('catalogue-status').filter({ hasText: 'เริ่มต้น' }).waitFor();
  const good = path.join(OUT, 'catalogue-good.csv');
  fs.writeFileSync(good, 'ปวช.,62,อุตสาหกรรม,ช่างยนต์,ยานยนต์,20101\nปวช.,56,พาณิชยกรรม,คอมพิวเตอร์ธุรกิจ,คอมพิวเตอร์ธุรกิจ,\n');
  await page.getByTestId('catalogue-import').setInputFiles(good);
  await page.getByText('นำเข้ารายการหลักสูตร 2 สาขางาน').waitFor();
  // Kept in IndexedDB: still in use after a reload, offline from the app's file.
  await page.reload();
  await page.getByTestId('catalogue-status').filter({ hasText: 'นำเข้า catalogue-good.csv' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

function openCollege(page, code, name) {
  return open(page, server.base, { code, name, province: PROVINCE, year: YEAR });
}

test('a province imports 300 college files at once: a progress bar while they are read, then every file counted', async () => {
  const errors = [];
  const made = Array.from({ length: 300 }, (_, i) => registrationFile(i, { rows: 40, province: PROVINCE, year: Number(YEAR) }));
  const students = made.reduce((s, f) => s + f.students, 0);
  const p = await newPage(browser, errors);
  await p.page.goto(`${server.base}reg-province.html#/reg/province/${PROVINCE}/${YEAR}`);
  await p.page.getByTestId('reg-files').waitFor();
  // Every state of the progress bar the page draws while the import runs: (value, max).
  await p.page.evaluate(() => {
    window.seen = [];
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid=import-progress]');
      if (bar) window.seen.push([Number(bar.getAttribute('value') ?? bar.value), Number(bar.getAttribute('max') ?? bar.max)]);
    }).observe(document.body, { childList: true, subtree: true, attributes: true });
  });
  await p.page.getByTestId('reg-files').setInputFiles(made.map((f) => f.file));
  await p.page.getByTestId('import-summary').filter({ hasText: 'เพิ่มใหม่ 300' }).waitFor({ timeout: 120_000 });
  await expectText(p.page, 'count-students', String(students));
  await expectText(p.page, 'count-registered', '300');
  assert.equal(await p.page.getByTestId('import-progress').count(), 0, 'the bar goes once the import is done');
  const seen = await p.page.evaluate(() => window.seen);
  assert.ok(seen.length > 0, 'the progress bar was drawn while the import ran');
  assert.ok(seen.every(([, max]) => max === 300), JSON.stringify(seen));
  assert.ok(seen.some(([value]) => value > 0 && value < 300), `the bar moved part way: ${JSON.stringify(seen)}`);
  // The per-file list of a large import is drawn when opened.
  await p.page.getByTestId('import-results').locator('summary').click();
  await p.page.getByTestId('import-results').locator('li').nth(299).waitFor();
  assert.match(await p.page.getByTestId('import-results').locator('li').first().textContent(), /เพิ่มข้อมูลของ วิทยาลัยทดสอบที่ 1/);
  assert.deepEqual(errors, []);
  await p.context.close();
});
