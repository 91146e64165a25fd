// Section 26 journey on the release build: create a small standard, open a test session, add three candidates,
// type their answers, mark them with three judges, hit the spread rule and fix it by re-marking (history kept),
// print the summary sheet (form 15) — reloading in between and losing nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serveDist, launch, newPage, OUT } from './harness.mjs';

let server, browser;
before(async () => {
  server = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function waitSaved(page) {
  await page.getByTestId('save-state').filter({ hasText: 'บันทึกแล้ว' }).waitFor();
}

async function fill(page, id, text) {
  await page.getByTestId(id).fill(text);
}

test('build a small standard, mark three candidates with three judges, print form 15', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  await page.goto(server.base);
  await page.getByTestId('job-s26').click();
  await fill(page, 's26-new-occupation', 'ช่างเชื่อมแม็ก');
  await page.getByTestId('s26-create').click();
  await page.getByTestId('s26-title').filter({ hasText: 'ช่างเชื่อมแม็ก' }).waitFor();

  // Header, DACUM (one duty, one task, two steps).
  await fill(page, 's26-branch', 'งานเชื่อม');
  await page.getByTestId('s26-add-duty').click();
  await fill(page, 's26-duty-1', 'เชื่อมชิ้นงาน');
  await page.getByTestId('s26-add-task-1').click();
  await fill(page, 's26-task-1.1-title', 'เชื่อมต่อชน');
  await fill(page, 's26-task-1.1-objectives', 'บอกขั้นตอนการเชื่อมได้');
  await page.getByTestId('s26-add-step-1.1').click();
  // One step only: the DACUM flag shows.
  await page.getByTestId('s26-dacum-flags').filter({ hasText: 'งานย่อย 1.1' }).waitFor();
  await page.getByTestId('s26-add-step-1.1').click();
  await fill(page, 's26-step-1-1-1-title', 'เตรียมชิ้นงาน');
  await fill(page, 's26-step-1-1-2-title', 'เชื่อม');
  assert.equal((await page.getByTestId('s26-dacum-flags').textContent()).trim(), '');

  // Weights: one rater, 5 on the four criteria → all items to the one task.
  await fill(page, 's26-raters', 'ผู้ประเมิน 1');
  await page.getByTestId('s26-raters').press('Tab');
  for (let c = 1; c <= 4; c++) await page.getByTestId(`s26-rate-1.1-1-${c}`).selectOption('5');
  await fill(page, 's26-test-length', '2');
  await page.getByTestId('s26-allocation').filter({ hasText: '2.00' }).waitFor();

  // Bank: two items; the live rules say what is short.
  for (let n = 1; n <= 2; n++) {
    await page.getByTestId('s26-add-item').click();
    await fill(page, `s26-bank-${n}-stem`, `คำถามข้อ ${n}`);
    for (let o = 1; o <= 4; o++) await fill(page, `s26-bank-${n}-opt-${o}`, `ตัวเลือก ${o}`);
  }
  await page.getByTestId('s26-bank-2-key').selectOption('1');
  const rules = await page.getByTestId('s26-bank-rules').textContent();
  assert.match(rules, /อย่างน้อย 40 ข้อ/);
  assert.match(rules, /1\.5 เท่า/);
  await page.getByTestId('s26-assembly').filter({ hasText: 'จัดได้ 2 ข้อ' }).waitFor();

  // Practical: one module, one judgement item of 5 marks.
  await page.getByTestId('s26-add-module').click();
  await fill(page, 's26-mod-1-name', 'เชื่อมต่อชนท่าราบ');
  await page.getByTestId('s26-mod-1-add-item').click();
  await fill(page, 's26-mod-1-item-1-title', 'ความเรียบร้อยของแนวเชื่อม');
  await waitSaved(page);

  // Reload: the standard is all there.
  await page.reload();
  await page.getByTestId('s26-title').filter({ hasText: 'ช่างเชื่อมแม็ก' }).waitFor();
  assert.equal(await page.getByTestId('s26-branch').inputValue(), 'งานเชื่อม');
  assert.equal(await page.getByTestId('s26-step-1-1-2-title').inputValue(), 'เชื่อม');
  assert.equal(await page.getByTestId('s26-mod-1-item-1-title').inputValue(), 'ความเรียบร้อยของแนวเชื่อม');
  await page.getByTestId('s26-assembly').filter({ hasText: 'จัดได้ 2 ข้อ' }).waitFor();
  const checklist = await page.getByTestId('s26-checklist').textContent();
  assert.match(checklist, /\(16\) ตารางวิเคราะห์งานหลัก งานย่อย และขั้นตอนการปฏิบัติงาน ✓/);
  assert.match(checklist, /\(12\) แบบทดสอบภาคความรู้ พร้อมเฉลย — /);

  // A test session with the default three judges.
  await fill(page, 's26-session-date', '2021-01-20');
  await fill(page, 's26-session-place', 'วิทยาลัยเทคนิคนนทบุรี');
  await fill(page, 's26-session-tester', 'นายทดสอบ ใจดี');
  await page.getByTestId('s26-session-create').click();
  await page.getByTestId('s26-candidates').waitFor();

  const people = [
    ['A001', 'นายหนึ่ง ตั้งใจ', '1103702071811', '2003-01-20'], // exactly 18 on 20 Jan 2021
    ['A002', 'นางสาวสอง ขยัน', '3100100000006', '1990-05-01'],
    ['A003', 'นายสาม อดทน', '1101700123456', '1995-12-31'],
  ];
  // A wrong check digit is refused, naming the field.
  await fill(page, 's26-cand-number', 'X');
  await fill(page, 's26-cand-name', 'ผิด');
  await fill(page, 's26-cand-id', '1103702071812');
  await page.getByTestId('s26-cand-add').click();
  await page.getByText('เลขประจำตัวประชาชน: หลักตรวจสอบไม่ถูกต้อง').waitFor();
  for (const [num, name, id, birth] of people) {
    await fill(page, 's26-cand-number', num);
    await fill(page, 's26-cand-name', name);
    await fill(page, 's26-cand-id', id);
    await fill(page, 's26-cand-birth', birth);
    await page.getByTestId('s26-cand-add').click();
    await page.getByTestId('s26-candidates').filter({ hasText: name }).waitFor();
  }
  const cands = await page.getByTestId('s26-candidates').textContent();
  assert.match(cands, /18 ปี/);
  assert.equal((cands.match(/มีสิทธิ์สอบ/g) ?? []).length, 3);

  // Answers, one key per answer (key is ก ข): a–e / A–E / 1–5 here; Thai letters need a Thai keyboard layout.
  for (const [num, keys] of [['A001', ['a', 'b']], ['A002', ['A', '3']], ['A003', ['1', 'Backspace', '2', '-']]]) {
    await page.getByTestId(`s26-answers-${num}`).focus();
    for (const k of keys) await page.keyboard.press(k);
  }
  await waitSaved(page);
  assert.match(await page.getByTestId('s26-answers-A001').inputValue(), /^กข .*ถูก 2/);
  assert.match(await page.getByTestId('s26-answers-A003').inputValue(), /^ข- .*ถูก 0/);

  // Marking: A001 2,2,3 → 3.889; A002 1,3,2 → blocked by the spread rule; A003 3,3,3 → 5.000.
  const mark = async (num, scores) => {
    await page.getByTestId(`s26-mark-${num}`).click();
    await page.getByTestId('s26-marking-who').filter({ hasText: num }).waitFor();
    for (let j = 0; j < 3; j++) await page.getByTestId(`s26-m1-i1-j${j + 1}-${scores[j]}`).click();
    await waitSaved(page);
  };
  await mark('A001', [2, 2, 3]);
  await page.getByTestId('s26-m1-i1-status').filter({ hasText: '3.889' }).waitFor();
  await mark('A002', [1, 3, 2]);
  await page.getByTestId('s26-m1-i1-status').filter({ hasText: 'ต่างกันเกิน 1 คะแนน' }).waitFor();
  await mark('A003', [3, 3, 3]);
  await page.getByTestId('s26-m1-i1-status').filter({ hasText: '5.000' }).waitFor();
  assert.match(await page.getByTestId('s26-result-A002').textContent(), /ยังสรุปไม่ได้/);

  // Reload: answers and marks are all there, A002 still blocked.
  await page.reload();
  await page.getByTestId('s26-mark-A002').click();
  await page.getByTestId('s26-m1-i1-status').filter({ hasText: 'ต่างกันเกิน 1 คะแนน' }).waitFor();
  assert.match(await page.getByTestId('s26-answers-A002').inputValue(), /^กค /);
  // Judge 1 re-marks 1 → 2: 2,3,2 → 3.889, and the change is kept.
  await page.getByTestId('s26-m1-i1-j1-2').click();
  await waitSaved(page);
  await page.getByTestId('s26-m1-i1-status').filter({ hasText: '3.889' }).waitFor();
  assert.match(await page.getByTestId('s26-m1-i1-j1-history').textContent(), /1 → 2/);

  // Results: A001 knowledge 100 %, skill 77.78 % (3.889/5), total 0.3×100 + 0.7×77.78 = 84.446 → 84.45, passes model 1.
  const r1 = await page.getByTestId('s26-result-A001').textContent();
  assert.match(r1, /100\.00.*77\.78.*84\.45.*ผ่าน/);
  assert.match(await page.getByTestId('s26-result-A003').textContent(), /0\.00.*100\.00.*70\.00.*ไม่ผ่าน/);

  // Summary sheet, printed to A4 PDF.
  await page.reload();
  await page.getByTestId('s26-summary-link').click();
  await page.getByTestId('s26-summary').waitFor();
  assert.equal((await page.getByTestId('s26-summary-date').textContent()).includes('20 มกราคม 2564'), true);
  const sheet = await page.getByTestId('s26-summary').textContent();
  for (const [, name] of people) assert.ok(sheet.includes(name), name);
  assert.match(sheet, /3\.889/);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: path.join(OUT, 's26-summary.pdf'), format: 'A4' });
  assert.deepEqual(errors, []);
  await context.close();
});
