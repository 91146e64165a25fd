// Item analysis of a Section 26 test session on the release build: a small standard and session (10 candidates, 6
// questions from the bank, one yes/no practical item) arrive as a session file; the item-analysis page lists the
// session, the analysis shows the bank item and task under each question, norm-referenced groups, then the
// criterion groups from the session's verdicts (a candidate without a final result and one without answers are left
// out and named), survives a reload, prints form (19), and follows a new mark made on the session page (live); and
// the session compared with a later sitting imported as a data set (issue 16 point 6), through the comparison page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, newPage, OUT } from './harness.mjs';
import { sessionFile, markRecords, backup } from './s26-fixture.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

// Key ก ข ค ง ก ข. Answers as letters ('-' omitted); practical: true/false = yes/no mark, null = not marked.
const KEY = [0, 1, 2, 3, 0, 1];
const PEOPLE = [
  ['กขคงกข', true], // A001 6 → pass
  ['กขคงกก', true], // A002 5 → pass
  ['กขคขคข', true], // A003 4 → pass (4/6 ≥ 60 %)
  ['กกคงขง', false], // A004 3, practical failed → fail
  ['ขขกกกข', true], // A005 3 → fail (knowledge)
  ['คกขก-ข', true], // A006 1 → fail
  ['กข----', true], // A007 2 (the rest left blank) → fail; typed only partly it would be undecided, never a fail
  ['งงงงงง', null], // A008 1, practical not marked → result not final
  ['', true], // A009 no answers entered
  ['ขกคกกข', false], // A010 3 → fail
];
const letters = (s) => [...s].map((c) => (c === '-' ? null : 'กขคง'.indexOf(c)));

function fixture() {
  const f = sessionFile({
    candidates: PEOPLE.length,
    items: [{ id: '1', title: 'สวมอุปกรณ์ป้องกัน', full: '5', type: 'yes_no' }],
    key: KEY,
    bank: [11, 12, 13, 14, 15, 16],
    answers: (i) => letters(PEOPLE[i][0]),
    standard: {
      duties: [{ title: 'เชื่อมชิ้นงาน', tasks: [{ id: 1, title: 'เชื่อมต่อชน', objectives: ['บอกขั้นตอนได้'] }] }],
      bank: [11, 12, 13, 14, 15, 16].map((id, q) => ({
        id, task: 1, objective: 0, stem: `คำถาม ${id}`, options: ['1', '2', '3', '4'], key: KEY[q],
      })),
    },
  });
  const marks = f.candidates.flatMap((c, i) => (PEOPLE[i][1] === null ? [] : [{
    candidate: c.id, module: '1', item: '1', judge: 0, value: PEOPLE[i][1] ? 1 : 0,
  }]));
  return { ...f, text: backup(f.org, [...f.records, ...markRecords(f.org, 'device-chief', 'นายหัวหน้า ทดสอบ', marks)]) };
}

const cell = async (page, id) => (await page.getByTestId(id).textContent()).trim();

test('analyse a test session: list, norm groups, verdict groups, reload, form (19), live after a new mark', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  const f = fixture();
  const file = path.join(OUT, 'ia-session-fixture.json');
  fs.writeFileSync(file, f.text);
  await page.goto(`${server.base}#/judge`);
  await page.getByTestId('judge-receive').setInputFiles(file);
  await page.getByTestId('judge-sessions').filter({ hasText: 'ช่างเชื่อมแม็ก' }).waitFor();

  // The item-analysis page lists the session with its standard, date (พ.ศ.) and candidates.
  await page.goto(server.base);
  await page.getByTestId('job-ia').click();
  const listed = page.getByTestId('ia-sessions');
  await listed.waitFor();
  assert.match(await listed.textContent(), /ช่างเชื่อมแม็ก สาขางานเชื่อม ระดับ 1.*รอบทดสอบ 20 มกราคม 2564 · วิทยาลัยเทคนิคนนทบุรี · ผู้เข้าทดสอบ 10 คน/);
  await page.getByTestId(`ia-session-link-${f.session}`).click();

  // Norm 25 %: 9 with answers (A009 left out); g = round(2.25) = 2: upper A001, A002; lower A006, A008 (scores 1, 1).
  await page.getByTestId('ia-items').waitFor();
  assert.match(await cell(page, 'ia-groups'), /กลุ่มละ 2 คน \(25 %\)/);
  assert.match(await cell(page, 'ia-left-out'), /^ไม่นับ 1 คนที่ยังไม่ได้บันทึกคำตอบภาคความรู้: A009$/);
  assert.match(await cell(page, 'ia-as-of'), /^คำนวณจากคำตอบและผลตัดสินของรอบทดสอบเมื่อ \d+ .+ 25\d\d เวลา \d\d:\d\d น\.$/);
  // Item 1 (ก): upper 2, lower 0 → p 0.50, r 1.00. Item 4 (ง): upper 2, lower 1 (A008) → p 0.75, r 0.50.
  assert.equal(await cell(page, 'ia-p-1'), '0.50');
  assert.equal(await cell(page, 'ia-r-1'), '1.00');
  assert.equal(await cell(page, 'ia-p-4'), '0.75');
  assert.equal(await cell(page, 'ia-r-4'), '0.50');
  assert.match(await cell(page, 'ia-row-1'), /^1คลัง #11 · งานย่อย 1\.1 เชื่อมต่อชน/);
  assert.match(await cell(page, 'ia-stats'), /ผู้เข้าสอบ \(N\)9/);

  // Criterion from the verdicts: pass A001–A003, fail A004–A007, A010; A008 not final, left out and named.
  await page.getByTestId('ia-session-verdicts').check();
  await page.waitForURL(/#\/ia\/session\/[0-9a-f-]{36}\/verdicts$/);
  await page.getByTestId('ia-groups').filter({ hasText: 'ผ่านเกณฑ์ 3 คน ไม่ผ่านเกณฑ์ 5 คน' }).waitFor();
  assert.match(await cell(page, 'ia-left-out'), /ไม่นับ 1 คนที่ผลการทดสอบยังไม่สิ้นสุด .*: A008/);
  // Item 1: U = 3 of 3, L = 2 of 5 (A004, A007) → p = 5/8 = 0.63, B = 1 − 0.40 = 0.60.
  assert.equal(await cell(page, 'ia-p-1'), '0.63');
  assert.equal(await cell(page, 'ia-r-1'), '0.60');

  await page.reload();
  await page.getByTestId('ia-items').waitFor();
  assert.equal(await page.getByTestId('ia-session-verdicts').isChecked(), true);
  assert.match(await cell(page, 'ia-groups'), /ผ่านเกณฑ์ 3 คน ไม่ผ่านเกณฑ์ 5 คน/);
  assert.equal(await cell(page, 'ia-r-1'), '0.60');

  // Form (19) with the same groups, the bank item under the question number, and where the figures came from.
  await page.getByTestId('ia-report-link').click();
  const form = page.getByTestId('ia-form19');
  await form.waitFor();
  assert.equal(await form.locator('tbody tr').count(), 6);
  assert.match(await form.locator('tbody tr').first().textContent(), /^1คลัง #11 · งานย่อย 1\.1 เชื่อมต่อชน\s*3\s*2\s*0\.63\s*0\.60/);
  assert.match(await cell(page, 'ia-report-sizes'), /n ผ่านเกณฑ์ 3 คน {2}n ไม่ผ่านเกณฑ์ 5 คน {2}รวม N = 8/);
  assert.match(await cell(page, 'ia-report-source'), /คำนวณจากคำตอบและผลตัดสินของรอบทดสอบเมื่อ .*A008/);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: path.join(OUT, 'item-analysis-session-report.pdf'), format: 'A4' });
  await page.emulateMedia({ media: 'screen' });

  // Live: mark A008's practical item on the session page; its result becomes final (fail), and the analysis opened
  // from the session page's link counts it: fail group 6, item 1 L = 2 of 6 → p = 5/9 = 0.56, B = 1 − 0.33 = 0.67.
  await page.getByRole('link', { name: 'กลับไปหน้าวิเคราะห์' }).click();
  await page.getByRole('link', { name: 'กลับไปรอบทดสอบ' }).click();
  await page.getByTestId('s26-mark-A008').click();
  await page.getByTestId('s26-m1-i1-yes').click();
  await page.getByTestId('save-state').filter({ hasText: 'บันทึกแล้ว' }).waitFor();
  await page.getByTestId('s26-result-A008').filter({ hasText: 'ไม่ผ่าน' }).waitFor();
  await page.getByTestId('s26-ia-link').click();
  await page.getByTestId('ia-session-verdicts').check();
  await page.getByTestId('ia-groups').filter({ hasText: 'ผ่านเกณฑ์ 3 คน ไม่ผ่านเกณฑ์ 6 คน' }).waitFor();
  assert.equal(await cell(page, 'ia-p-1'), '0.56');
  assert.equal(await cell(page, 'ia-r-1'), '0.67');
  assert.doesNotMatch(await cell(page, 'ia-left-out'), /A008/);
  await page.screenshot({ path: path.join(OUT, 'item-analysis-session.png'), fullPage: true });

  assert.deepEqual(errors, []);
  await context.close();
});

test('compare a test session with a data set of the same test: items side by side, Δp and Δr, drift flags', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  const f = fixture();
  const file = path.join(OUT, 'ia-compare-fixture.json');
  fs.writeFileSync(file, f.text);
  await page.goto(`${server.base}#/judge`);
  await page.getByTestId('judge-receive').setInputFiles(file);
  await page.getByTestId('judge-sessions').filter({ hasText: 'ช่างเชื่อมแม็ก' }).waitFor();

  // The session's figures as its own page shows them (norm 25 %, the method the comparison uses for a session).
  const figures = async () => {
    await page.getByTestId('ia-items').waitFor();
    const out = {};
    for (let i = 1; i <= 6; i++) out[i] = { p: await cell(page, `ia-p-${i}`), r: await cell(page, `ia-r-${i}`) };
    return out;
  };
  await page.goto(`${server.base}ia.html#/ia`);
  await page.getByTestId(`ia-session-link-${f.session}`).click();
  const a = await figures();
  assert.deepEqual(a[1], { p: '0.50', r: '1.00' });

  // A later sitting of the same six questions, imported as a data set; its item 6 keyed ค, not ข.
  const later = [
    'candidate,1,2,3,4,5,6',
    'B01,ก,ข,ค,ง,ก,ค', 'B02,ก,ข,ค,ง,ข,ค', 'B03,ก,ข,ค,ก,ก,ข', 'B04,ข,ข,ค,ง,ก,ค',
    'B05,ก,ก,ข,ง,ก,ก', 'B06,ข,ก,ค,ก,ข,ข', 'B07,ก,ค,ก,ข,ก,ค', 'B08,ค,ข,ข,ก,ข,ก',
  ].join('\n') + '\n';
  const key = 'item,key\n1,ก\n2,ข\n3,ค\n4,ง\n5,ก\n6,ค\n';
  await page.goto(`${server.base}ia.html#/ia`);
  await page.getByTestId('ia-centre').fill('TC-20');
  await page.getByTestId('ia-title').fill('รอบถัดไป');
  await page.getByTestId('ia-options').selectOption('4');
  await page.getByTestId('ia-responses').setInputFiles({ name: 'later.csv', mimeType: 'text/csv', buffer: Buffer.from(later) });
  await page.getByTestId('ia-key').setInputFiles({ name: 'key.csv', mimeType: 'text/csv', buffer: Buffer.from(key) });
  await page.getByTestId('ia-import').click();
  const b = await figures();

  // The comparison page: session (A) against the data set (B), picked by their names in the two lists.
  await page.goto(`${server.base}ia.html#/ia`);
  await page.getByTestId('ia-compare-link').click();
  await page.getByTestId('ia-compare-a').waitFor();
  const value = async (side, text) => page.getByTestId(side).locator('option', { hasText: text }).getAttribute('value');
  await page.getByTestId('ia-compare-a').selectOption(await value('ia-compare-a', 'รอบทดสอบ: ช่างเชื่อมแม็ก'));
  await page.getByTestId('ia-compare-b').selectOption(await value('ia-compare-b', 'ชุดข้อมูล: รอบถัดไป (ศูนย์ TC-20 · 8 คน · 6 ข้อ)'));
  const table = page.getByTestId('ia-compare');
  await table.waitFor();
  assert.equal(await table.locator('tbody > tr').count(), 6);
  const signed = (x) => (x > 0 ? '+' : '') + x.toFixed(2);
  const delta = (from, to) => signed(Math.round((Number(to) - Number(from)) * 100) / 100);
  for (let i = 1; i <= 6; i++) {
    const row = await cell(page, `ia-compare-row-${i}`);
    assert.ok(row.startsWith(`${i}${a[i].p}${a[i].r}${b[i].p}${b[i].r}`), `item ${i}: ${row}`);
    const dp = delta(a[i].p, b[i].p);
    assert.equal(await cell(page, `ia-compare-dp-${i}`), dp, `item ${i}`);
    assert.equal(await cell(page, `ia-compare-dr-${i}`), delta(a[i].r, b[i].r), `item ${i}`);
    const note = await cell(page, `ia-compare-note-${i}`);
    assert.equal(note.includes('p เปลี่ยนมาก'), Math.abs(Number(dp)) >= 0.1, `item ${i}: ${note}`);
    assert.equal(note.includes('เฉลยต่างกัน'), i === 6, `item ${i}: ${note}`);
    assert.equal(await page.getByTestId(`ia-compare-row-${i}`).evaluate((tr) => tr.classList.contains('flagged')), note !== '');
  }
  assert.match(await cell(page, 'ia-compare-summary'), /มีเฉพาะในชุด A: ไม่มี · มีเฉพาะในชุด B: ไม่มี · เฉลยต่างกัน: ข้อ 6 \(A ข, B ค\)$/);
  // Sorted by |Δr|, largest first.
  await page.getByTestId('ia-compare-sort-dr').click();
  const drs = await table.locator('tbody > tr').evaluateAll((trs) => trs.map((tr) => Math.abs(Number(tr.children[6].textContent))));
  assert.deepEqual(drs, [...drs].sort((x, y) => y - x));
  assert.deepEqual(errors, []);
  await context.close();
});
