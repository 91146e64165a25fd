// Excel workbooks in and out (issue 17 points 1–2), end to end on the release build: every CSV importer also takes an
// .xlsx (the province's college list, the curriculum catalogue, item-analysis responses and key, the Section 26 bank
// and a session's answers) through the spreadsheet worker, with the CSV path's checks: a bad row is named ("แถว N")
// and nothing is stored; a workbook of several sheets offers a Thai select of its sheets; a file that is not a
// workbook is refused in Thai. Every export (the province's totals and institutions, the item table with its
// distractors, form 15, a college's 14 indicators) is downloaded and read back with the native reader: numbers are
// number cells, Thai text is intact. Fixtures are written with the same native writer (the command line).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useServerAndBrowser, server, browser, newPage, OUT } from './harness.mjs';
import { openProvince, pick, waitSaved } from './registration-pages.mjs';
import { startImport } from './ia-pages.mjs';
import { sessionFile } from './s26-fixture.mjs';
import { writeXlsx, readXlsx } from './xlsx.mjs';

useServerAndBrowser();

/** Clicks the button `testid` and saves the download as OUT/`name`; returns its path and suggested file name. */
async function download(page, testid, name) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const file = path.join(OUT, name);
  await d.saveAs(file);
  return { file, suggested: d.suggestedFilename() };
}

/** Writes `records` straight into this deployment's database (as a restore or an older release would have). */
async function putRecords(page, records) {
  await page.evaluate(async (records) => {
    const name = `mattrathan:${location.pathname.replace(/[^/]*$/, '')}`;
    const db = await new Promise((ok, bad) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => ok(r.result);
      r.onerror = () => bad(r.error);
    });
    const tx = db.transaction('records', 'readwrite');
    for (const rec of records) tx.objectStore('records').put(rec);
    await new Promise((ok, bad) => { tx.oncomplete = ok; tx.onerror = () => bad(tx.error); });
    db.close();
  }, records);
}

test('a province imports its college list from a workbook (bad row named, sheet chosen) and exports its report as Excel', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  await openProvince(page, server.base, '13', '2569');
  const head = 'code,name,sector\n';
  const good = `${head}1310016201,วิทยาลัยเทคนิคปทุมธานี,รัฐบาล\n1310016202,"วิทยาลัยสารพัดช่าง, ปทุมธานี",เอกชน\n`;
  const bad = `${head}1310016201,วิทยาลัยเทคนิคปทุมธานี,รัฐบาล\n1310016209,วิทยาลัยผิด,ไม่รู้\n`;

  // One bad row: refused naming the sheet's row, nothing added.
  await page.getByTestId('pc-import').setInputFiles(await writeXlsx('colleges-bad.xlsx', [['รายชื่อ', bad]]));
  const refused = page.getByRole('alert').filter({ hasText: 'colleges-bad.xlsx' });
  await refused.waitFor();
  assert.match(await refused.textContent(), /แถว 3/);
  assert.doesNotMatch(await refused.textContent(), /บรรทัด/);
  assert.equal(await page.getByTestId('check-1310016201').count(), 0, 'nothing stored');

  // Two sheets: the first (bad) is read at once; the select offers both; choosing the good one imports it.
  await page.getByTestId('pc-import').setInputFiles(await writeXlsx('colleges-2.xlsx', [['ร่าง', bad], ['ส่งจริง', good]]));
  await page.getByRole('alert').filter({ hasText: 'colleges-2.xlsx' }).filter({ hasText: 'แถว 3' }).waitFor();
  const choice = page.getByTestId('sheet-choice');
  await choice.waitFor();
  assert.deepEqual(await choice.locator('option').allTextContents(), ['ร่าง', 'ส่งจริง']);
  await choice.selectOption('ส่งจริง');
  const done = page.getByRole('status').filter({ hasText: 'แผ่นงาน "ส่งจริง"' });
  await done.waitFor();
  assert.match(await done.textContent(), /colleges-2\.xlsx.*เพิ่มใหม่ 2 แห่ง/);
  await page.getByTestId('check-1310016202').filter({ hasText: 'วิทยาลัยสารพัดช่าง, ปทุมธานี' }).waitFor();
  // A number cell holding a college code reads as its digits (no ".0", no exponent).
  await page.getByTestId('check-1310016201').waitFor();

  // Not a workbook: refused in Thai, naming the file.
  const fake = path.join(OUT, 'not-a-workbook.xlsx');
  fs.writeFileSync(fake, 'code,name,sector\n');
  await page.getByTestId('pc-import').setInputFiles(fake);
  await page.getByRole('alert').filter({ hasText: 'not-a-workbook.xlsx: ไม่ใช่ไฟล์ Excel (.xlsx) หรือไฟล์เสียหาย' }).waitFor();

  // An outside institution gives the report something to total; the workbook has both tables.
  await page.getByTestId('outside-add').click();
  await page.getByTestId('outside-name-0').fill('โรงเรียนมัธยมทดสอบ (ทวิศึกษา)');
  await page.getByTestId('outside-affiliation-0').fill('สพฐ.');
  await pick(page, 'o0-pvc62', 'ยานยนต์', 4);
  await waitSaved(page);
  await page.getByTestId('province-report-link').click();
  await page.getByTestId('province-report').waitFor();
  const { file, suggested } = await download(page, 'xlsx-totals', 'province-report.xlsx');
  assert.equal(suggested, 'ยอดรวมเครื่องมือ-จังหวัดปทุมธานี-2569.xlsx');
  const totals = await readXlsx(file);
  assert.deepEqual(totals.sheets, ['ยอดรวมตามสาขางาน', 'สรุปรายสถานศึกษา']);
  assert.deepEqual(totals.rows[0], ['ปีการศึกษา', 'หลักสูตร', 'ประเภทวิชา', 'สาขาวิชา', 'สาขางาน', 'รหัสสาขางาน', 'จำนวนสถานศึกษา', 'จำนวนผู้เรียน']);
  const car = totals.rows.find((r) => String(r[4]).includes('ยานยนต์'));
  assert.equal(car[0], 2569);
  assert.deepEqual(car.slice(6), [1, 4], 'counts are number cells');
  assert.deepEqual(totals.rows.at(-1).filter((v) => v !== null), [2569, 'รวมทั้งหมด', 4]);
  const inst = await readXlsx(file, 'สรุปรายสถานศึกษา');
  assert.deepEqual(inst.rows[1].slice(0, 2), ['นอกสังกัด', 'โรงเรียนมัธยมทดสอบ (ทวิศึกษา)']);
  assert.equal(inst.rows[1][3], 4, 'ปวช.62 students, a number cell');
  assert.deepEqual([inst.rows.at(-1)[1], inst.rows.at(-1).at(-1)], ['รวม', 4]);
  await page.getByRole('status').filter({ hasText: 'ส่งออกแล้ว: ยอดรวมเครื่องมือ' }).waitFor();

  assert.deepEqual(errors, []);
  await context.close();
});

test('the curriculum catalogue imports from a workbook: a bad row named, then a good one replaces the starter', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  await page.goto(`${server.base}#/reg`);
  await page.getByTestId('catalogue-status').filter({ hasText: 'เริ่มต้น' }).waitFor();
  const head = 'level,curriculum,program_type,major,specialisation,code\n';
  const bad = await writeXlsx('catalogue-bad.xlsx', [['Sheet1', `${head}ปวช.,62,อุตสาหกรรม,ช่างยนต์,ยานยนต์,20101\nปวท.,62,อุตสาหกรรม,ช่างยนต์,ยานยนต์,\n`]]);
  await page.getByTestId('catalogue-import').setInputFiles(bad);
  await page.getByRole('alert').filter({ hasText: 'แถว 3' }).waitFor();
  await page.getByTestId('catalogue-status').filter({ hasText: 'เริ่มต้น' }).waitFor();
  const good = await writeXlsx('catalogue-good.xlsx', [['Sheet1', `${head}ปวช.,62,อุตสาหกรรม,ช่างยนต์,ยานยนต์,20101\nปวช.,56,พาณิชยกรรม,คอมพิวเตอร์ธุรกิจ,คอมพิวเตอร์ธุรกิจ,\n`]]);
  await page.getByTestId('catalogue-import').setInputFiles(good);
  await page.getByText('นำเข้ารายการหลักสูตร 2 สาขางาน').waitFor();
  await page.reload();
  await page.getByTestId('catalogue-status').filter({ hasText: 'นำเข้า catalogue-good.xlsx' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

/** 40 candidates × 5 items, key ก for every item: the better half answers more items right. */
function responses() {
  const lines = ['candidate,1,2,3,4,5'];
  for (let c = 0; c < 40; c++) {
    const row = [];
    for (let i = 0; i < 5; i++) row.push((c * 7 + i * 3) % 10 < 4 + (c >= 20 ? 4 : 0) - i % 2 ? 'ก' : ['ข', 'ค', 'ง'][(c + i) % 3]);
    lines.push(`S${String(c + 1).padStart(3, '0')},${row.join(',')}`);
  }
  return lines.join('\n') + '\n';
}
const KEY5 = 'item,key\n1,ก\n2,ก\n3,ก\n4,ก\n5,ก\n';

test('item analysis imports responses and key workbooks (a bad row named, nothing stored) and exports its table as Excel', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  await page.goto(`${server.base}ia.html#/ia`);
  await page.getByTestId('ia-centre').waitFor();
  const key = await writeXlsx('ia-key.xlsx', [['เฉลย', KEY5]]);
  const bad = await writeXlsx('ia-bad.xlsx', [['คำตอบ', responses().replace('S002,', 'S002,X').replace(/S002,X[^,\n]*/, 'S002,X')]]);
  await startImport(page, { centre: 'TC-01', title: 'จากไฟล์ Excel ผิด', responses: bad, key, options: 4 });
  const refused = page.getByRole('alert').filter({ hasText: 'ไฟล์คำตอบ แถว 3' });
  await refused.waitFor();
  assert.doesNotMatch(await refused.textContent(), /บรรทัด/);
  assert.equal(await page.getByTestId('ia-items').count(), 0);

  await page.goto(`${server.base}ia.html#/ia`);
  await page.getByTestId('ia-centre').waitFor();
  const good = await writeXlsx('ia-responses.xlsx', [['คำตอบ', responses()]]);
  await startImport(page, { centre: 'TC-01', title: 'จากไฟล์ Excel', responses: good, key, options: 4 });
  await page.getByTestId('ia-items').waitFor();
  assert.match(await page.getByTestId('ia-stats').textContent(), /40/);
  const p1 = (await page.getByTestId('ia-p-1').textContent()).trim();

  const { file, suggested } = await download(page, 'ia-xlsx', 'ia-table.xlsx');
  assert.equal(suggested, 'ผลวิเคราะห์ข้อสอบ.xlsx');
  const items = await readXlsx(file);
  assert.deepEqual(items.sheets, ['รายข้อ', 'ตัวลวง']);
  assert.equal(items.rows.length, 1 + 5);
  assert.deepEqual(items.rows[0].slice(0, 6), ['ข้อ', 'เฉลย', 'ถูก (กลุ่มสูง)', 'ถูก (กลุ่มต่ำ)', 'p', 'r']);
  const row1 = items.rows.find((r) => r[0] === '1');
  assert.equal(row1[1], 'ก');
  assert.equal(row1[4], Number(p1), 'p is a number cell, as shown');
  const options = await readXlsx(file, 'ตัวลวง');
  assert.equal(options.rows.length, 1 + 5 * 4);
  assert.equal(options.rows.filter((r) => r[2] === '✓').length, 5, 'one key per item');
  assert.ok(options.rows.slice(1).every((r) => typeof r[5] === 'number'), 'choices are counted as numbers');

  assert.deepEqual(errors, []);
  await context.close();
});

test('the Section 26 bank imports from a workbook, all or nothing, a refusal naming row and column', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  await page.goto(server.base);
  await page.getByTestId('job-s26').click();
  await page.getByTestId('s26-new-occupation').fill('ช่างไฟฟ้า Excel');
  await page.getByTestId('s26-create').click();
  await page.getByTestId('s26-title').filter({ hasText: 'ช่างไฟฟ้า Excel' }).waitFor();
  await page.getByTestId('s26-add-duty').click();
  await page.getByTestId('s26-duty-1').fill('ติดตั้ง');
  await page.getByTestId('s26-add-task-1').click();
  await page.getByTestId('s26-task-1.1-title').fill('เดินสาย');
  await page.getByTestId('s26-task-1.1-objectives').fill('บอกชนิดสายได้\nเลือกขนาดสายได้');
  await waitSaved(page);
  await page.locator('summary', { hasText: 'นำเข้า/ส่งออกคลังข้อสอบ' }).click();
  const head = 'ข้อ,งานย่อย,วัตถุประสงค์,คำถาม,ก,ข,ค,ง,จ,เฉลย\n';
  const bad = await writeXlsx('s26-bank-bad.xlsx', [['คลัง', `${head},1.1,2,ขนาดสาย,1,2,3,4,,ข\n,1.1,3,เกินวัตถุประสงค์,1,2,3,4,,ก\n`]]);
  await page.getByTestId('s26-bank-csv-file').setInputFiles(bad);
  await page.getByText('แถว 3 คอลัมน์ 3 (วัตถุประสงค์): ต้องเป็นเลข 1–2 (ได้ “3”) (ยังไม่ได้นำเข้าข้อใด)').waitFor();
  assert.equal(await page.getByTestId('s26-bank-1-stem').count(), 0);
  const good = await writeXlsx('s26-bank.xlsx', [['คลัง', `${head},1.1,2,"สาย THW, VAF ต่างกันอย่างไร",แสงสว่าง,เต้ารับ,แอร์,ปั๊ม,,ข\n`]]);
  await page.getByTestId('s26-bank-csv-file').setInputFiles(good);
  await page.getByText('s26-bank.xlsx (แผ่นงาน "คลัง"): เพิ่ม 1 ข้อ แก้ 0 ข้อ').waitFor();
  await waitSaved(page);
  assert.equal(await page.getByTestId('s26-bank-1-stem').inputValue(), 'สาย THW, VAF ต่างกันอย่างไร');
  assert.equal(await page.getByTestId('s26-bank-1-key').inputValue(), '1');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a session imports answers from a workbook and exports form 15 as Excel', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  await page.goto(`${server.base}s26.html#/s26`);
  await page.getByTestId('s26-new-occupation').waitFor();
  const fx = sessionFile({ judges: 3, candidates: 2, answers: () => [] });
  await putRecords(page, fx.records);
  await page.goto(`${server.base}s26-session.html#/s26/session/${fx.session}`);
  await page.getByTestId('s26-results').waitFor();
  await page.locator('summary', { hasText: 'นำเข้าจาก CSV หรือ Excel' }).click();
  const bad = await writeXlsx('answers-bad.xlsx', [['คำตอบ', 'candidate,1,2\nA001,ก,ข\nA002,ค,X\n']]);
  await page.getByTestId('s26-csv-file').setInputFiles(bad);
  await page.getByText('answers-bad.xlsx: แถว 3 คอลัมน์ 3 (ข้อ 2): “X” ไม่ใช่ตัวเลือก').waitFor();
  const good = await writeXlsx('answers.xlsx', [['คำตอบ', 'candidate,1,2\nA001,ก,ข\nA002,ค,ก\n']]);
  await page.getByTestId('s26-csv-file').setInputFiles(good);
  // Said once the answers are committed to IndexedDB (one transaction).
  await page.getByText('นำเข้าคำตอบ 2 คนแล้ว (แผ่นงาน "คำตอบ")').waitFor();
  await page.goto(`${server.base}s26-session.html#/s26/session/${fx.session}/summary`);
  await page.getByTestId('s26-summary').waitFor();
  const { file, suggested } = await download(page, 's26-form15-xlsx', 'form15.xlsx');
  assert.equal(suggested, 'แบบ15-ช่างเชื่อมแม็ก-2021-01-20.xlsx');
  const form = await readXlsx(file);
  assert.deepEqual(form.sheets, ['แบบ 15']);
  assert.deepEqual(form.rows[0].slice(0, 7), ['ลำดับ', 'หมายเลข', 'ชื่อ-สกุล', 'ภาคความรู้ คะแนน', 'ภาคความรู้ ผ่าน/ไม่ผ่าน', 'โมดูล 1 คะแนน', 'โมดูล 1 ผ่าน/ไม่ผ่าน']);
  assert.equal(form.rows.length, 1 + 2);
  // In the printed sheet's order (ลำดับ 1, 2), each candidate's row as printed.
  assert.deepEqual(form.rows.slice(1).map((r) => r[0]), [1, 2]);
  const a001 = form.rows.find((r) => r[1] === 'A001');
  const a002 = form.rows.find((r) => r[1] === 'A002');
  assert.deepEqual(a001.slice(2, 4), ['ผู้เข้าทดสอบ 1', 2], 'A001 answered both right: 2, a number');
  assert.deepEqual(a002.slice(2, 4), ['ผู้เข้าทดสอบ 2', 0]);
  assert.equal(a001[7], 1, 'knowledge 100 % is a percent cell: the fraction 1, shown 100.00%');
  assert.equal(a002[7], 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a college exports its 14 indicators and their scores as Excel', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  await page.goto(server.base);
  await page.getByTestId('job-qa').click();
  await page.getByTestId('college-code').fill('1310100077');
  await page.getByTestId('college-name').fill('วิทยาลัยทดสอบ Excel');
  await page.getByTestId('college-add').click();
  await page.getByTestId('year-input').fill('2568');
  await page.getByTestId('year-add').click();
  await page.getByTestId('ind-1.1').waitFor();
  await page.getByTestId('ind-1.1').locator('summary').click();
  for (const n of [1, 2, 4]) await page.getByTestId(`item-1.1-${n}`).check();
  await waitSaved(page);
  await page.goto(`${server.base}qa.html#/qa/1310100077/2568/report`);
  await page.getByTestId('report').waitFor();
  const { file, suggested } = await download(page, 'qa-xlsx', 'qa.xlsx');
  assert.equal(suggested, 'ประเมินตนเอง-1310100077-2568.xlsx');
  const ind = await readXlsx(file);
  assert.deepEqual(ind.sheets, ['ตัวบ่งชี้', 'สรุปผล']);
  assert.equal(ind.rows.length, 1 + 14);
  assert.deepEqual(ind.rows[0], ['ตัวบ่งชี้', 'ชื่อ', 'ผลการดำเนินงาน', 'ร้อยละ', 'คะแนน', 'ระดับ']);
  assert.deepEqual([ind.rows[1][0], ind.rows[1][2], ind.rows[1][4]], ['1.1', 'ผ่านข้อ 1, 2, 4', 3]);
  const summary = await readXlsx(file, 'สรุปผล');
  assert.equal(summary.rows.at(-1)[0], 'ภาพรวม');
  assert.deepEqual(errors, []);
  await context.close();
});
