// Section 26 journey on the release build: create a small standard, open a test session, add three candidates,
// type their answers, mark them with three judges, hit the spread rule and fix it by re-marking (history kept),
// print the summary sheet (form 15) — reloading in between and losing nothing.
// Then editing: rows of the standard editor moved and deleted (a delete that would leave a reference dangling is
// refused, a delete can be undone), an application number issued for a standard and shown on it; a session's
// candidates edited with the adding checks and removed while unmarked, knowledge answers imported from a CSV file
// (all or nothing, errors naming line and column), and a conflict between two tablets keeping the session page and
// form 15 at "รอตัดสิน" until the chief decides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useServerAndBrowser, server, browser, newPage, OUT } from './harness.mjs';
import { sessionFile, marksFile } from './s26-fixture.mjs';
import { assertAccessible } from './axe.mjs';

useServerAndBrowser();

async function waitSaved(page) {
  await page.getByTestId('save-state').filter({ hasText: 'บันทึกแล้ว' }).waitFor();
}

async function fill(page, id, text) {
  await page.getByTestId(id).fill(text);
}

/** A new page with a new standard of `occupation` open in the editor. */
async function newStandard(occupation) {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  await page.goto(server.base);
  await page.getByTestId('job-s26').click();
  await fill(page, 's26-new-occupation', occupation);
  await page.getByTestId('s26-create').click();
  await page.getByTestId('s26-title').filter({ hasText: occupation }).waitFor();
  return { errors, context, page };
}

test('build a small standard, mark three candidates with three judges, print form 15', async () => {
  const { errors, context, page } = await newStandard('ช่างเชื่อมแม็ก');

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

  // The question paper with the handbook's header and instructions, the answer sheet, the key on its own page, printed
  // to A4 PDF (issue 14 point 2).
  await fill(page, 's26-paper-set', '1');
  await fill(page, 's26-paper-minutes', '90');
  await waitSaved(page);
  await page.getByTestId('s26-paper-link').click();
  assert.equal(await page.getByTestId('s26-paper-part').textContent(),
    'ภาคความรู้ ชุด 1 เวลา 1 ชั่วโมง 30 นาที คะแนนเต็ม 2 คะแนน คิดเป็นร้อยละ 30 ของคะแนนทั้งหมด เกณฑ์ผ่านร้อยละ 60');
  assert.match(await page.getByTestId('s26-paper').textContent(), /แบบทดสอบมาตรฐานฝีมือแรงงานตามมาตรา 26สาขาอาชีพช่างเชื่อมแม็ก สาขางานเชื่อม ระดับ 1/);
  assert.match(await page.getByTestId('s26-paper-instructions').textContent(), /ข้อสอบมีทั้งหมด 2 ข้อ.*กากบาท \(X\)/);
  const sheet0 = await page.getByTestId('s26-answer-sheet').textContent();
  assert.match(sheet0, /ชื่อ – นามสกุล .*เลขที่/);
  assert.match(sheet0, /พ\.ศ\. \.+ ชุด 1/);
  assert.match(await page.getByTestId('s26-answer-score').textContent(), /คะแนนเต็ม2คะแนนที่ได้/);
  assert.match(await page.getByTestId('s26-key').textContent(), /ชุด 1 · 2 ข้อ/);
  assert.equal(await page.getByTestId('s26-key').evaluate((e) => getComputedStyle(e).breakBefore), 'page');
  await page.emulateMedia({ media: 'print' });
  const paperPdf = await page.pdf({ path: path.join(OUT, 's26-paper.pdf'), preferCSSPageSize: true });
  assert.equal((paperPdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length, 3, 'paper, answer sheet, key: one page each');
  await page.emulateMedia({ media: 'screen' });
  await page.goBack();
  await page.getByTestId('s26-title').filter({ hasText: 'ช่างเชื่อมแม็ก' }).waitFor();

  // A test session with the default three judges; dates are typed day/month/พ.ศ. year.
  await fill(page, 's26-session-date', '20/01/2564');
  await fill(page, 's26-session-place', 'วิทยาลัยเทคนิคนนทบุรี');
  await fill(page, 's26-session-tester', 'นายทดสอบ ใจดี');
  // Two items break the bank rules: the session is refused until a reason is typed (issue 14 point 9).
  await page.getByTestId('s26-session-create').click();
  await page.getByText('สร้างรอบทดสอบไม่ได้: คลังข้อสอบไม่ผ่านเกณฑ์ — ข้อสอบภาคความรู้ต้องมีอย่างน้อย 40 ข้อ').waitFor();
  await fill(page, 's26-session-override', 'รอบฝึกซ้อมของศูนย์ทดสอบ');
  await page.getByTestId('s26-session-create').click();
  await page.getByTestId('s26-candidates').waitFor();

  const people = [
    ['A001', 'นายหนึ่ง ตั้งใจ', '1103702071811', '20/01/2546'], // exactly 18 on 20 Jan 2021 (2564)
    ['A002', 'นางสาวสอง ขยัน', '3100100000006', '1 พ.ค. 2533'],
    ['A003', 'นายสาม อดทน', '1101700123456', '๓๑/๑๒/๒๕๓๘'], // Thai digits
  ];
  // A wrong check digit is refused, naming the field.
  await fill(page, 's26-cand-number', 'X');
  await fill(page, 's26-cand-name', 'ผิด');
  await fill(page, 's26-cand-id', '1103702071812');
  await page.getByTestId('s26-cand-add').click();
  await page.getByText('เลขประจำตัวประชาชน: หลักตรวจสอบไม่ถูกต้อง').waitFor();
  // The date of birth is typed in พ.ศ. (no Christian-era mm/dd/yyyy box): an impossible date is refused under the
  // field and by the form, naming the field, and nothing is saved; a real one is shown as a Thai long date.
  const birth = page.getByTestId('s26-cand-birth');
  assert.equal(await birth.getAttribute('type'), 'text');
  assert.equal(await birth.getAttribute('placeholder'), 'วว/ดด/ปปปป (พ.ศ.)');
  await fill(page, 's26-cand-id', '1103702071811');
  await fill(page, 's26-cand-birth', '31/02/2543');
  await page.getByTestId('s26-cand-add').click();
  await page.locator('.msg.error', { hasText: 'วันเกิด: ไม่มีวันที่ 31 กุมภาพันธ์ 2543' }).waitFor();
  assert.equal(await birth.getAttribute('aria-invalid'), 'true');
  const described = await birth.getAttribute('aria-describedby');
  assert.equal(await page.locator(`#${described}`).textContent(), 'วันเกิด: ไม่มีวันที่ 31 กุมภาพันธ์ 2543');
  assert.doesNotMatch(await page.getByTestId('s26-candidates').textContent(), /ผิด/);
  // A Christian-era year is refused with the พ.ศ. one as a hint.
  await fill(page, 's26-cand-birth', '12/05/2000');
  await page.getByTestId('s26-cand-add').click();
  await page.locator('.msg.error', { hasText: 'ใส่ปี พ.ศ. เช่น 2543' }).waitFor();
  await fill(page, 's26-cand-birth', '12/05/2543');
  await page.getByTestId('s26-cand-birth-be').filter({ hasText: 'เกิด 12 พฤษภาคม 2543' }).waitFor();
  assert.equal(await birth.getAttribute('aria-invalid'), 'false');
  await fill(page, 's26-cand-number', 'A000');
  await page.getByTestId('s26-cand-add').click();
  await page.getByTestId('s26-cand-row-A000').filter({ hasText: '12 พฤษภาคม 2543' }).waitFor();
  assert.match(await page.getByTestId('s26-cand-row-A000').textContent(), /20 ปี/);
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('s26-cand-remove-A000').click();
  await page.getByText('ลบผู้เข้าทดสอบหมายเลข A000 แล้ว').waitFor();
  for (const [num, name, id, birth] of people) {
    await fill(page, 's26-cand-number', num);
    await fill(page, 's26-cand-name', name);
    await fill(page, 's26-cand-id', id);
    await fill(page, 's26-cand-birth', birth);
    await page.getByTestId('s26-cand-add').click();
    await page.getByTestId('s26-candidates').filter({ hasText: name }).waitFor();
  }
  // The same person twice in one session is refused, naming the other candidate (issue 14 point 12).
  await fill(page, 's26-cand-number', 'A004');
  await fill(page, 's26-cand-name', 'ซ้ำ คนเดิม');
  await fill(page, 's26-cand-id', people[0][2]);
  await page.getByTestId('s26-cand-add').click();
  await page.getByText(`เลขประจำตัวประชาชน: ซ้ำกับผู้เข้าทดสอบหมายเลข ${people[0][0]} ${people[0][1]}`).waitFor();
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
  // A refused key is said, never dropped silently; the answers show numbered in groups (issue 14 point 15).
  await page.getByTestId('s26-answers-A001').focus();
  await page.keyboard.press('x');
  await page.getByTestId('s26-answers-A001-refused').filter({ hasText: 'ไม่รับปุ่ม “x”' }).waitFor();
  await page.keyboard.press('c');
  await page.getByTestId('s26-answers-A001-refused').filter({ hasText: 'บันทึกครบ 2 ข้อแล้ว' }).waitFor();
  assert.equal(await page.getByTestId('s26-answers-A001-groups').textContent(), '1–2 กข');
  assert.match(await page.getByTestId('s26-answers-A001').inputValue(), /^กข .*ถูก 2/);

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
  // A result that is not complete is never a fail (issue 14 point 11): with one of A003's two answers taken back, its
  // full practical marks give no decision; the knowledge cell says how many answers are recorded.
  await page.getByTestId('s26-answers-A003').focus();
  await page.keyboard.press('Backspace');
  await waitSaved(page);
  await page.getByTestId('s26-result-A003').filter({ hasText: 'บันทึก 1/2 ข้อ' }).waitFor();
  const partial = await page.getByTestId('s26-result-A003').textContent();
  assert.match(partial, /ยังสรุปไม่ได้/);
  assert.doesNotMatch(partial, /ไม่ผ่าน/);
  assert.match(partial, /–.*100\.00.*–/); // knowledge and total % wait for the answers; the skill % stands
  await page.keyboard.press('-');
  await waitSaved(page);
  await page.getByTestId('s26-result-A003').filter({ hasText: 'ไม่ผ่าน' }).waitFor();

  // After the test (issue 14 point 5): the result report for the registrar and the certificates of those who passed.
  await page.getByTestId('s26-report-link').click();
  assert.equal(await page.getByTestId('s26-report-counts').textContent(), 'ผู้เข้ารับการทดสอบ 3 คน ผ่าน 1 คน ไม่ผ่าน 2 คน ยังสรุปไม่ได้ 0 คน');
  assert.match(await page.getByTestId('s26-report-A001').textContent(), /100\.00.*77\.78.*84\.45ผ่าน/);
  assert.match(await page.getByTestId('s26-report-model').textContent(), /แบบที่ 1/);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: path.join(OUT, 's26-report.pdf'), preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  await page.goBack();
  await page.getByTestId('s26-cert-link').click();
  const cert = await page.getByTestId('s26-cert-A001').textContent();
  assert.match(cert, /หนังสือรับรองผู้ผ่านการทดสอบมาตรฐานฝีมือแรงงานตามมาตรา 26/);
  assert.match(cert, /นายหนึ่ง ตั้งใจ.*เลขประจำตัวประชาชน 1-1037-02071-81-1.*สาขาอาชีพช่างเชื่อมแม็ก สาขางานเชื่อม ระดับ 1.*20 มกราคม 2564/);
  assert.equal(await page.getByTestId('s26-cert-A002').count(), 0, 'no certificate for a fail');
  await assertAccessible(page, 'certificates, one candidate passed');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: path.join(OUT, 's26-certificates.pdf'), preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  await page.goBack();

  // Summary sheet, printed to A4 PDF.
  await page.reload();
  await page.getByTestId('s26-summary-link').click();
  await page.getByTestId('s26-summary').waitFor();
  assert.equal((await page.getByTestId('s26-summary-date').textContent()).includes('20 มกราคม 2564'), true);
  const sheet = await page.getByTestId('s26-summary').textContent();
  for (const [, name] of people) assert.ok(sheet.includes(name), name);
  assert.match(sheet, /3\.889/);
  assert.match(await page.getByTestId('s26-form15-override').textContent(), /ไม่ผ่านเกณฑ์ \(ข้อสอบภาคความรู้ต้องมีอย่างน้อย 40 ข้อ.*\) — เหตุผล: รอบฝึกซ้อมของศูนย์ทดสอบ/);
  // Issue 14 point 16: names kept whole, the tester's signature in the table's footer (printed on the table's page),
  // each judge named on a signature line of every score sheet, form 15 on landscape A4 and the score sheets portrait.
  assert.equal(await page.locator('.s26-form15 td.name').first().evaluate((e) => getComputedStyle(e).whiteSpace), 'nowrap');
  await page.getByTestId('s26-form15-signature').filter({ hasText: 'ผู้ทดสอบมาตรฐานฝีมือแรงงาน' }).waitFor();
  assert.equal(await page.getByTestId('s26-scoresheet-A001-knowledge').textContent(), 'ภาคความรู้: ถูก 2 จาก 2 ข้อ (100.00 %) — ผ่าน');
  assert.match(await page.getByTestId('s26-scoresheet-A001-total').textContent(), /คะแนนรวม 84\.45 % — ผลการทดสอบ: ผ่าน/);
  const signs = await page.getByTestId('s26-scoresheet-A001-signatures').textContent();
  assert.match(signs, /กรรมการคนที่ 1.*กรรมการคนที่ 2.*กรรมการคนที่ 3.*ผู้ทดสอบมาตรฐานฝีมือแรงงาน/);
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ path: path.join(OUT, 's26-summary.pdf'), preferCSSPageSize: true });
  const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [+m[1], +m[2]]);
  assert.ok(boxes.length >= 2, `pages: ${boxes.length}`);
  assert.ok(boxes.some(([w, h]) => w > h) && boxes.some(([w, h]) => w < h), JSON.stringify(boxes));
  assert.deepEqual(errors, []);
  await context.close();
});

const value = (page, id) => page.getByTestId(id).inputValue();
const bar = (page, text) => page.getByTestId('s26-action-bar').filter({ hasText: text }).waitFor();

test('editor rows move and delete, refused when referenced, undone, kept across a reload; an application number names its standard', async () => {
  const { errors, context, page } = await newStandard('ช่างไฟฟ้าภายในอาคาร');

  // DACUM: one duty, tasks ก and ข, task ก with three steps.
  await page.getByTestId('s26-add-duty').click();
  await fill(page, 's26-duty-1', 'ติดตั้งระบบไฟฟ้า');
  await page.getByTestId('s26-add-task-1').click();
  await fill(page, 's26-task-1.1-title', 'งาน ก');
  await page.getByTestId('s26-add-task-1').click();
  await fill(page, 's26-task-1.2-title', 'งาน ข');
  for (let i = 1; i <= 3; i++) {
    await page.getByTestId('s26-add-step-1.1').click();
    await fill(page, `s26-step-1-1-${i}-title`, `ขั้น ${i}`);
  }
  assert.equal(await page.getByTestId('s26-task-1.1-up').isDisabled(), true, 'the first task cannot go up');

  // Keyboard: move task ข up with Enter; the focus follows the row to its new place.
  await page.getByTestId('s26-task-1.2-up').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 's26-task-1.1-down');
  assert.equal(await value(page, 's26-task-1.1-title'), 'งาน ข');
  assert.equal(await value(page, 's26-task-1.2-title'), 'งาน ก');
  assert.equal(await value(page, 's26-step-1-2-3-title'), 'ขั้น 3', 'steps travel with their task');

  // Delete a step, undo it, delete it again; move a step.
  await page.getByTestId('s26-step-1-2-2-del').click();
  await bar(page, 'ลบขั้นตอนที่ 2 ของงานย่อย 1.2 “ขั้น 2” แล้ว');
  assert.equal(await value(page, 's26-step-1-2-2-title'), 'ขั้น 3');
  await page.getByTestId('s26-undo').click();
  await bar(page, 'เลิกทำการลบแล้ว');
  assert.equal(await value(page, 's26-step-1-2-2-title'), 'ขั้น 2');
  await page.getByTestId('s26-step-1-2-2-del').click();
  await page.getByTestId('s26-step-1-2-2-up').click();
  assert.equal(await value(page, 's26-step-1-2-1-title'), 'ขั้น 3');
  assert.equal(await value(page, 's26-step-1-2-2-title'), 'ขั้น 1');

  // Bank: two items, both on the first task (ข). That task cannot be deleted while they refer to it.
  for (const [n, stem] of [[1, 'ข้อ หนึ่ง'], [2, 'ข้อ สอง']]) {
    await page.getByTestId('s26-add-item').click();
    await fill(page, `s26-bank-${n}-stem`, stem);
  }
  await page.getByTestId('s26-task-1.1-del').click();
  await bar(page, 'ลบงานย่อย 1.1 “งาน ข” ไม่ได้: ข้อสอบในคลัง #1, #2 ผูกกับงานย่อยนี้');
  assert.equal(await value(page, 's26-task-1.1-title'), 'งาน ข', 'a refused delete changes nothing');
  await page.getByTestId('s26-bank-2-up').click();
  assert.equal(await value(page, 's26-bank-1-stem'), 'ข้อ สอง');
  await page.getByTestId('s26-bank-2-del').click();
  await bar(page, 'ลบข้อสอบ #1 แล้ว');

  // Practical: modules M1 (items i1, i2) and M2; M2 moved first, then deleted; M1's first item deleted.
  await page.getByTestId('s26-add-module').click();
  await fill(page, 's26-mod-1-name', 'M1');
  for (const [i, title] of [[1, 'i1'], [2, 'i2']]) {
    await page.getByTestId('s26-mod-1-add-item').click();
    await fill(page, `s26-mod-1-item-${i}-title`, title);
  }
  await page.getByTestId('s26-add-module').click();
  await fill(page, 's26-mod-2-name', 'M2');
  await page.getByTestId('s26-mod-2-up').click();
  assert.equal(await value(page, 's26-mod-1-name'), 'M2');
  await page.getByTestId('s26-mod-2-item-1-del').click();
  await bar(page, 'ลบรายการ 1 “i1” ของโมดูล 1 แล้ว');
  await page.getByTestId('s26-mod-1-del').click();
  await bar(page, 'ลบโมดูล 2 “M2” แล้ว');
  assert.equal(await value(page, 's26-mod-1-name'), 'M1');
  await waitSaved(page);

  await page.reload();
  await page.getByTestId('s26-title').filter({ hasText: 'ช่างไฟฟ้าภายในอาคาร' }).waitFor();
  assert.equal(await value(page, 's26-task-1.1-title'), 'งาน ข');
  assert.equal(await value(page, 's26-task-1.2-title'), 'งาน ก');
  assert.deepEqual(
    [await value(page, 's26-step-1-2-1-title'), await value(page, 's26-step-1-2-2-title')],
    ['ขั้น 3', 'ขั้น 1'],
  );
  assert.equal(await page.getByTestId('s26-step-1-2-3-title').count(), 0);
  assert.equal(await value(page, 's26-bank-1-stem'), 'ข้อ สอง');
  assert.equal(await page.getByTestId('s26-bank-2-stem').count(), 0);
  assert.equal(await value(page, 's26-mod-1-name'), 'M1');
  assert.equal(await page.getByTestId('s26-mod-2-name').count(), 0);
  assert.equal(await value(page, 's26-mod-1-item-1-title'), 'i2');
  assert.match(await page.getByTestId('s26-app-numbers').textContent(), /ยังไม่ได้ออกเลขที่รับคำขอ/);

  // An application number is issued for a chosen standard, and the standard shows it.
  await page.getByTestId('s26-app-numbers').getByRole('link').click();
  await page.getByTestId('s26-app-issue').click();
  await page.getByText('มาตรฐานที่ยื่นขอรับรอง: ต้องเลือก').waitFor();
  await page.getByTestId('s26-app-standard').selectOption({ label: 'ช่างไฟฟ้าภายในอาคาร ระดับ 1' });
  await fill(page, 's26-app-date', '20/12/2563');
  await fill(page, 's26-app-applicant', 'บริษัท ไฟฟ้าดี จำกัด');
  await page.getByTestId('s26-app-issue').click();
  await page.getByText('ออกเลขที่รับคำขอ 12-001-2564 แล้ว').waitFor();
  await page.getByTestId('s26-app-list').filter({ hasText: 'ช่างไฟฟ้าภายในอาคาร ระดับ 1' }).waitFor();
  await page.getByTestId('s26-standards').filter({ hasText: 'คำขอเลขที่ 12-001-2564' }).waitFor();
  await page.getByTestId('s26-standards').getByRole('link', { name: 'ช่างไฟฟ้าภายในอาคาร ระดับ 1' }).click();
  await page.getByTestId('s26-app-numbers').filter({ hasText: '12-001-2564' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('candidates edited and removed, answers CSV from a file, a conflict keeps form 15 at รอตัดสิน until the chief decides', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  const fx = sessionFile({ judges: 3, candidates: 3, items: [{ id: '1', title: 'ความเรียบร้อย', full: '5', type: 'judgement' }] });
  const file = (name, text) => {
    const p = path.join(OUT, name);
    fs.writeFileSync(p, text);
    return p;
  };
  const sessionPath = file('s26-edit-session.json', fx.text);
  const a1 = fx.candidates[0].id;
  const m = (judge, v) => ({ candidate: a1, module: '1', item: '1', judge, value: v });
  // Judge 3 marked A001 on two tablets: 3 on one, 2 on the other. Taking the later mark would give 2,2,3 → 3.889.
  const marksA = file('s26-edit-marks-a.json', marksFile(fx.org, 'device-a', 'กรรมการ', [m(1, 2), m(2, 2), m(3, 3)]));
  const marksB = file('s26-edit-marks-b.json', marksFile(fx.org, 'device-b', 'กรรมการ 3', [m(3, 2)]));

  await page.goto(server.base);
  await page.getByTestId('job-judge').click();
  await page.getByTestId('judge-receive').setInputFiles(sessionPath);
  await page.getByTestId('judge-chief').click();
  await page.getByTestId('chief-import').setInputFiles([marksA, marksB]);
  await page.getByTestId('chief-conflict-0').waitFor();

  // The session page: the conflicted item, its module and A001's result wait for the decision.
  await page.getByRole('link', { name: 'หน้ารอบทดสอบ' }).click();
  await page.getByTestId('s26-candidates').waitFor();
  assert.match(await page.getByTestId('s26-result-A001').textContent(), /1: 0 \(รอตัดสิน\).*ยังสรุปไม่ได้ \(รอตัดสิน\)/);
  await page.getByTestId('s26-mark-A001').click();
  await page.getByTestId('s26-m1-i1-status').filter({ hasText: 'รอตัดสิน' }).waitFor();
  assert.match(await page.getByTestId('s26-m1-status').textContent(), /รอตัดสิน/);

  // Form 15: no points, no result for A001.
  await page.getByTestId('s26-summary-link').click();
  const row = await page.getByTestId('s26-form15-A001').textContent();
  assert.match(row, /รอตัดสิน/);
  assert.match(row, /ยังสรุปไม่ได้ \(รอตัดสิน\)/);
  assert.doesNotMatch(row, /3\.889/);

  // The session page links to the chief's page; the chief decides 3, and form 15 shows the mark.
  await page.getByRole('link', { name: 'กลับไปรอบทดสอบ' }).click();
  await page.getByTestId('s26-chief-link').click();
  await page.getByTestId('chief-decide-0-3').click();
  await page.getByTestId('chief-no-conflicts').waitFor();
  await page.getByTestId('chief-summary-link').click();
  await page.getByTestId('s26-form15-A001').filter({ hasText: '3.889' }).waitFor();
  assert.doesNotMatch(await page.getByTestId('s26-form15-A001').textContent(), /รอตัดสิน/);
  await page.getByRole('link', { name: 'กลับไปรอบทดสอบ' }).click();
  await page.getByTestId('s26-candidates').waitFor();

  // Editing A002 uses the same checks as adding.
  await page.getByTestId('s26-cand-edit-A002').click();
  await fill(page, 's26-edit-id', '1103702071812');
  await page.getByTestId('s26-edit-save').click();
  await page.getByText('เลขประจำตัวประชาชน: หลักตรวจสอบไม่ถูกต้อง').waitFor();
  await fill(page, 's26-edit-id', '1103702071811');
  await fill(page, 's26-edit-number', 'A001');
  await page.getByTestId('s26-edit-save').click();
  await page.getByText('หมายเลข: มีผู้เข้าทดสอบหมายเลข A001 แล้ว').waitFor();
  await fill(page, 's26-edit-number', 'A010');
  await fill(page, 's26-edit-name', 'นายสิบ แก้ไขแล้ว');
  assert.equal(await value(page, 's26-edit-birth'), '01/01/2533'); // the fixture's 1990-01-01
  // Picked from the calendar (the browser's date input behind the "ปฏิทิน" button, never shown as a box).
  assert.equal(await page.getByTestId('s26-edit-birth-picker').evaluate((el) => getComputedStyle(el).opacity), '0');
  await page.getByTestId('s26-edit-birth-picker').evaluate((el) => {
    el.value = '2003-01-21';
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
  assert.equal(await value(page, 's26-edit-birth'), '21/01/2546');
  await page.getByTestId('s26-edit-birth-be').filter({ hasText: '21 มกราคม 2546' }).waitFor();
  await page.getByTestId('s26-edit-save').click();
  await page.getByTestId('s26-cand-row-A010').filter({ hasText: 'อายุ 17 ปีในวันทดสอบ' }).waitFor();
  // One day older: exactly 18 on the test date.
  await page.getByTestId('s26-cand-edit-A010').click();
  assert.equal(await value(page, 's26-edit-name'), 'นายสิบ แก้ไขแล้ว');
  assert.equal(await value(page, 's26-edit-birth'), '21/01/2546');
  await fill(page, 's26-edit-birth', '20 มกราคม 2546');
  await page.getByTestId('s26-edit-save').click();
  await page.getByTestId('s26-cand-row-A010').filter({ hasText: 'มีสิทธิ์สอบ' }).waitFor();
  assert.match(await page.getByTestId('s26-cand-row-A010').textContent(), /20 มกราคม 2546.*18 ปี/);

  // A candidate with marks stays; one without goes after a confirmation.
  await page.getByTestId('s26-cand-remove-A001').click();
  await page.getByText('ลบผู้เข้าทดสอบหมายเลข A001 ไม่ได้: มีคะแนนภาคความสามารถแล้ว').waitFor();
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('s26-cand-remove-A003').click();
  await page.getByText('ลบผู้เข้าทดสอบหมายเลข A003 แล้ว').waitFor();
  assert.equal(await page.getByTestId('s26-cand-row-A003').count(), 0);

  // Answers from CSV files: a bad cell or an unknown candidate imports nothing and names where; a good file imports all.
  assert.match(await value(page, 's26-answers-A001'), /^กข /);
  await page.getByTestId('s26-csv-file').setInputFiles(file('s26-bad.csv', 'candidate,1,2\nA001,ข,ข\nA010,ค,X\n'));
  await page.getByText('s26-bad.csv: บรรทัด 3 คอลัมน์ 3 (ข้อ 2): “X” ไม่ใช่ตัวเลือก').waitFor();
  await page.getByTestId('s26-csv-file').setInputFiles(file('s26-gone.csv', 'A001,ข,ข\nA003,ก,ข\n'));
  await page.getByText('s26-gone.csv: ไม่มีผู้เข้าทดสอบหมายเลข “A003” ในรอบนี้ (ยังไม่ได้นำเข้าข้อมูลใด)').waitFor();
  assert.match(await value(page, 's26-answers-A001'), /^กข /, 'nothing was imported');
  await page.getByTestId('s26-csv-file').setInputFiles(file('s26-good.csv', '\ufeffcandidate,1,2\r\nA001,ข,ข\r\nA010,B,\r\n'));
  await page.getByText('นำเข้าคำตอบ 2 คนแล้ว').waitFor();
  assert.match(await value(page, 's26-answers-A001'), /^ขข .*ถูก 1/);

  await page.reload();
  await page.getByTestId('s26-cand-row-A010').filter({ hasText: 'นายสิบ แก้ไขแล้ว' }).waitFor();
  assert.equal(await page.getByTestId('s26-cand-row-A003').count(), 0);
  assert.equal(await page.getByTestId('s26-cand-row-A002').count(), 0);
  assert.match(await value(page, 's26-answers-A010'), /^ข- /);
  assert.match(await value(page, 's26-answers-A001'), /^ขข /);
  assert.match(await page.getByTestId('s26-result-A001').textContent(), /1: 3\.889 \(/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('editor rows moved and deleted by keyboard keep the focus on their button, and typing afterwards edits the right row', async () => {
  const { errors, context, page } = await newStandard('ช่างทดสอบแป้นพิมพ์');
  const focused = (id) => page.waitForFunction((t) => document.activeElement?.dataset.testid === t, id);

  // One duty, one task with three steps.
  await page.getByTestId('s26-add-duty').click();
  await fill(page, 's26-duty-1', 'งานหลัก ก');
  await page.getByTestId('s26-add-task-1').click();
  await fill(page, 's26-task-1.1-title', 'งานย่อย ก');
  for (let i = 1; i <= 3; i++) {
    await page.getByTestId('s26-add-step-1.1').click();
    await fill(page, `s26-step-1-1-${i}-title`, `ขั้น ${i}`);
  }
  // The add button keeps the focus while rows are added under it.
  await page.getByTestId('s26-add-step-1.1').focus();
  await page.keyboard.press('Enter');
  await focused('s26-add-step-1.1');
  await page.getByTestId('s26-step-1-1-4-del').click();

  // Step 3 up twice with Enter: the focus stays on its ↑, then goes to its ↓ at the top.
  await page.getByTestId('s26-step-1-1-3-up').focus();
  await page.keyboard.press('Enter');
  await focused('s26-step-1-1-2-up');
  await page.keyboard.press('Enter');
  await focused('s26-step-1-1-1-down');
  assert.deepEqual(
    [await value(page, 's26-step-1-1-1-title'), await value(page, 's26-step-1-1-2-title'), await value(page, 's26-step-1-1-3-title')],
    ['ขั้น 3', 'ขั้น 1', 'ขั้น 2'],
  );

  // Typing after the move edits the row now at that place.
  await fill(page, 's26-step-1-1-2-title', 'ขั้น หนึ่ง');
  await fill(page, 's26-step-1-1-1-tools', 'คีม');
  assert.equal(await value(page, 's26-step-1-1-1-title'), 'ขั้น 3');

  // Delete step 2 with Enter: the focus goes to the delete button of the step that takes its place.
  await page.getByTestId('s26-step-1-1-2-del').focus();
  await page.keyboard.press('Enter');
  await bar(page, 'ลบขั้นตอนที่ 2 ของงานย่อย 1.1 “ขั้น หนึ่ง” แล้ว');
  await focused('s26-step-1-1-2-del');
  await fill(page, 's26-step-1-1-2-title', 'ขั้น สอง');
  assert.equal(await page.getByTestId('s26-step-1-1-3-title').count(), 0);

  // A second duty, typed in, moved up: it keeps its text and the focus.
  await page.getByTestId('s26-add-duty').click();
  await fill(page, 's26-duty-2', 'งานหลัก ข');
  await page.getByTestId('s26-duty-2-up').focus();
  await page.keyboard.press('Enter');
  await focused('s26-duty-1-down');
  assert.equal(await value(page, 's26-duty-1'), 'งานหลัก ข');
  assert.equal(await value(page, 's26-duty-2'), 'งานหลัก ก');
  assert.equal(await value(page, 's26-step-2-1-1-title'), 'ขั้น 3', 'steps travel with their duty');
  await fill(page, 's26-duty-1', 'งานหลัก ข (แก้)');
  await waitSaved(page);

  await page.reload();
  await page.getByTestId('s26-title').filter({ hasText: 'ช่างทดสอบแป้นพิมพ์' }).waitFor();
  assert.deepEqual(
    [await value(page, 's26-duty-1'), await value(page, 's26-duty-2'), await value(page, 's26-task-2.1-title')],
    ['งานหลัก ข (แก้)', 'งานหลัก ก', 'งานย่อย ก'],
  );
  assert.deepEqual(
    [await value(page, 's26-step-2-1-1-title'), await value(page, 's26-step-2-1-1-tools'), await value(page, 's26-step-2-1-2-title')],
    ['ขั้น 3', 'คีม', 'ขั้น สอง'],
  );
  assert.equal(await page.getByTestId('s26-step-2-1-3-title').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the item bank goes out to a CSV and comes back all or nothing, a refusal naming line and column (issue 14 point 13)', async () => {
  const { errors, context, page } = await newStandard('ช่างไฟฟ้าคลังข้อสอบ');
  await page.getByTestId('s26-add-duty').click();
  await fill(page, 's26-duty-1', 'ติดตั้ง');
  await page.getByTestId('s26-add-task-1').click();
  await fill(page, 's26-task-1.1-title', 'เดินสาย');
  await fill(page, 's26-task-1.1-objectives', 'บอกชนิดสายได้\nเลือกขนาดสายได้');
  await page.getByTestId('s26-add-item').click();
  await fill(page, 's26-bank-1-stem', '=สายชนิดใดใช้เดินในท่อ');
  for (let o = 1; o <= 4; o++) await fill(page, `s26-bank-1-opt-${o}`, `สาย ${o}`);
  await waitSaved(page);

  // Export: the header, the item by its number and task code, the formula-like question neutralised.
  const [d] = await Promise.all([page.waitForEvent('download'), page.locator('summary', { hasText: 'นำเข้า/ส่งออกคลังข้อสอบ' }).click().then(() => page.getByTestId('s26-bank-csv-export').click())]);
  const exported = path.join(OUT, 's26-bank.csv');
  await d.saveAs(exported);
  const text = fs.readFileSync(exported, 'utf8');
  assert.equal(text.split('\r\n')[0], '\ufeffข้อ,งานย่อย,วัตถุประสงค์,คำถาม,ก,ข,ค,ง,จ,เฉลย,ประเภท,ชุดจับคู่');
  assert.equal(text.split('\r\n')[1], "1,1.1,1,'=สายชนิดใดใช้เดินในท่อ,สาย 1,สาย 2,สาย 3,สาย 4,,ก,ปรนัย,");

  // A file with one bad row among good ones changes nothing, and says where.
  const write = (name, body) => { const p = path.join(OUT, name); fs.writeFileSync(p, body); return p; };
  const head = 'ข้อ,งานย่อย,วัตถุประสงค์,คำถาม,ก,ข,ค,ง,จ,เฉลย\r\n';
  await page.getByTestId('s26-bank-csv-file').setInputFiles(write('s26-bank-bad.csv', head + ',1.1,2,ขนาดสาย,1,2,3,4,,ข\r\n,1.1,3,เกินวัตถุประสงค์,1,2,3,4,,ก\r\n'));
  await page.getByText('บรรทัด 3 คอลัมน์ 3 (วัตถุประสงค์): ต้องเป็นเลข 1–2 (ได้ “3”) (ยังไม่ได้นำเข้าข้อใด)').waitFor();
  assert.equal(await page.getByTestId('s26-bank-2-stem').count(), 0);

  // The exported file edited in a spreadsheet: item 1's key changed, two new items; all applied, kept on reload.
  const edited = text.replace(/,ก,ปรนัย,\r\n$/, ',ค,ปรนัย,\r\n') + ',1.1,2,ขนาดสาย 2.5 ตร.มม. ใช้กับวงจรใด,แสงสว่าง,เต้ารับ,แอร์,ปั๊ม,,ข,,\r\n,1.1,1,"สาย THW, VAF ต่างกันอย่างไร",1,2,3,4,5,จ,ปรนัย,\r\n';
  await page.getByTestId('s26-bank-csv-file').setInputFiles(write('s26-bank-edited.csv', edited));
  await page.getByText('s26-bank-edited.csv: เพิ่ม 2 ข้อ แก้ 1 ข้อ').waitFor();
  await waitSaved(page);
  await page.reload();
  await page.getByTestId('s26-bank-3-stem').waitFor();
  assert.equal(await page.getByTestId('s26-bank-1-stem').inputValue(), '=สายชนิดใดใช้เดินในท่อ');
  assert.equal(await page.getByTestId('s26-bank-1-key').inputValue(), '2');
  assert.equal(await page.getByTestId('s26-bank-3-stem').inputValue(), 'สาย THW, VAF ต่างกันอย่างไร');
  assert.equal(await page.getByTestId('s26-bank-3-opt-5').inputValue(), '5');
  assert.equal(await page.getByTestId('s26-bank-3-key').inputValue(), '4');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a bank that learns: an item the latest analysis says to revise is left out of the draw until a reason is typed (issue 14 point 8)', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  // Items 1 and 2 were tested on 8 candidates: item 1 answered right by the top half (p 0.50, r 1.00: good), item 2
  // by everyone (p 1.00, r 0.00: ควรปรับปรุง). Item 3 is new. The next test has 3 questions.
  const fx = sessionFile({
    candidates: 8, key: [0, 0], bank: [1, 2],
    answers: (i) => [i < 4 ? 0 : 1, 0],
    standard: {
      duties: [{ id: 1, title: 'ติดตั้ง', tasks: [{ id: 1, title: 'เดินสาย', objectives: ['บอกชนิดสายได้'] }] }],
      weights: { raters: ['ผู้ประเมิน'], use_training: false, ratings: { 1: [[5, 5, 5, 5, null]] } },
      test_length: 3,
      bank: [1, 2, 3].map((id) => ({ id, task: 1, objective: 0, stem: `คำถาม ${id}`, options: ['1', '2', '3', '4'], key: 0 })),
    },
  });
  const file = path.join(OUT, 's26-history-fixture.json');
  fs.writeFileSync(file, fx.text);
  await page.goto(`${server.base}#/judge`);
  await page.getByTestId('judge-receive').setInputFiles(file);
  await page.getByTestId('judge-sessions').filter({ hasText: 'ช่างเชื่อมแม็ก' }).waitFor();
  await page.goto(`${server.base}#/s26/${fx.org}`);
  await page.getByTestId('s26-title').waitFor();

  assert.match(await page.getByTestId('s26-bank-1-quality').textContent(), /20 มกราคม 2564 ข้อ 1: p 0\.50 r 1\.00 เป็นข้อสอบที่ดี/);
  const q2 = await page.getByTestId('s26-bank-2-quality').textContent();
  assert.match(q2, /ไม่นำมาจัดชุด: ผลวิเคราะห์ล่าสุด \(20 มกราคม 2564\) ควรปรับปรุง: p = 1\.00, r = 0\.00/);
  assert.match(await page.getByTestId('s26-bank-3-quality').textContent(), /ยังไม่เคยวิเคราะห์/);
  // Left out, the bank cannot fill three questions, and says why.
  await page.getByTestId('s26-assembly').filter({ hasText: 'ไม่นับข้อที่คัดออกตามคุณภาพ: #2' }).waitFor();
  // The bank sorted by quality puts item 2 first.
  await page.getByTestId('s26-bank-sort').click();
  await page.getByTestId('s26-bank-1-quality').filter({ hasText: 'ควรปรับปรุง' }).waitFor();
  assert.equal(await page.getByTestId('s26-bank-1-stem').inputValue(), 'คำถาม 2');
  // Included on purpose with a reason: drawn again, and the key's page records it.
  await fill(page, 's26-bank-1-include', 'ข้อบังคับตามหลักสูตร ปรับตัวลวงแล้ว');
  await page.getByTestId('s26-assembly').filter({ hasText: 'จัดได้ 3 ข้อ' }).waitFor();
  await waitSaved(page);
  await page.reload();
  assert.equal(await page.getByTestId('s26-bank-1-include').inputValue(), 'ข้อบังคับตามหลักสูตร ปรับตัวลวงแล้ว');
  await page.getByTestId('s26-paper-link').click();
  assert.match(await page.getByTestId('s26-key-quality').textContent(), /ใช้ข้อ #2 แม้ผลคุณภาพควรปรับปรุง — เหตุผล: ข้อบังคับตามหลักสูตร ปรับตัวลวงแล้ว/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a standard shows where it stands on the way to certification (issue 14 point 7)', async () => {
  const { errors, context, page } = await newStandard('ช่างซ่อมรถจักรยานยนต์');
  await page.getByTestId('s26-cert-status').filter({ hasText: 'ยังไม่เริ่มขั้นตอนการขอรับรอง' }).waitFor();
  await fill(page, 's26-step-1-date', '10/01/2569');
  await fill(page, 's26-step-2-date', '1 ก.พ. 2569');
  await fill(page, 's26-step-2-note', 'รับคำขอเลขที่ 12-001-2569');
  await page.getByTestId('s26-cert-status').filter({ hasText: 'ขั้นที่ 2/7: ยื่นคำขอให้รับรองพร้อมเอกสาร 2.1–2.4 (1 กุมภาพันธ์ 2569)' }).waitFor();
  // A later step dated before an earlier one is named.
  await fill(page, 's26-step-4-date', '20/01/2569');
  await page.getByText('ขั้นที่ 4: วันที่ 20 มกราคม 2569 ก่อนขั้นที่ 2 (1 กุมภาพันธ์ 2569)').waitFor();
  // An impossible date is refused in the box and changes nothing.
  await fill(page, 's26-step-4-date', '31/04/2569');
  await page.getByText('วันที่: ไม่มีวันที่ 31 เมษายน 2569').waitFor();
  assert.equal(await page.getByTestId('s26-step-4-date').getAttribute('aria-invalid'), 'true');
  await page.getByText('ขั้นที่ 4: วันที่ 20 มกราคม 2569 ก่อนขั้นที่ 2 (1 กุมภาพันธ์ 2569)').waitFor();
  await fill(page, 's26-step-4-date', '');
  await waitSaved(page);
  await page.reload();
  assert.equal(await page.getByTestId('s26-step-2-note').inputValue(), 'รับคำขอเลขที่ 12-001-2569');
  assert.equal(await page.getByTestId('s26-step-2-date').inputValue(), '01/02/2569');
  assert.equal(await page.getByTestId('s26-step-4-date').inputValue(), '');
  await page.goto(`${server.base}#/s26`);
  await page.getByTestId('s26-standards').filter({ hasText: 'ช่างซ่อมรถจักรยานยนต์ ระดับ 1 · ขั้นที่ 2/7' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
