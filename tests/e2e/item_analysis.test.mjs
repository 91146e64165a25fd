// Item analysis end to end on the release build: import a responses CSV and a key CSV, check the item table against
// the seed's worked example, sort, open a distractor table, switch method, reload (the data set and its settings
// survive), refuse a malformed file naming the line and column, print the form (19) report, and import a
// 10,000 × 100 set while the page stays responsive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useServerAndBrowser, server, browser, newPage, OUT } from './harness.mjs';
import { startImport } from './ia-pages.mjs';

useServerAndBrowser();

/** The seed's example: 120 candidates, 10 items; item 3 right for 12 of the upper 30 and 8 of the lower 30. */
function seed120() {
  const lines = ['candidate,1,2,3,4,5,6,7,8,9,10'];
  for (let c = 0; c < 120; c++) {
    const row = [];
    for (let i = 0; i < 10; i++) {
      let right;
      if (i === 2) right = c < 30 ? c < 12 : c >= 90 ? c < 98 : true;
      else right = c < 30 ? true : c < 90 ? i < 6 : false;
      row.push(right ? 'ก' : (c + i) % 3 === 0 ? 'ค' : 'ข');
    }
    lines.push(`S${String(c).padStart(3, '0')},${row.join(',')}`);
  }
  return lines.join('\n') + '\n';
}
const KEY10 = ['item,key', ...Array.from({ length: 10 }, (_, i) => `${i + 1},ก`)].join('\n') + '\n';

const csv = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

async function importFiles(page, files) {
  await page.goto(`${server.base}ia.html#/ia`);
  await startImport(page, files);
}

const cell = async (page, id) => (await page.getByTestId(id).textContent()).trim();

test('import the seed example, check the table, sort, distractors, method, reload, report', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  await page.goto(server.base);
  await page.getByTestId('job-ia').click();
  await page.getByTestId('ia-centre').waitFor();

  await importFiles(page, { centre: 'TC-01', title: 'ช่างไฟฟ้า ระดับ 1', responses: csv('seed120.csv', seed120()), key: csv('key.csv', KEY10), options: 4 });
  await page.getByTestId('ia-items').waitFor();
  assert.match(page.url(), /#\/ia\/[0-9a-f-]{36}$/);
  assert.match(await cell(page, 'ia-groups'), /กลุ่มละ 30 คน \(25 %\)/);
  assert.equal(await cell(page, 'ia-p-3'), '0.33');
  assert.equal(await cell(page, 'ia-r-3'), '0.13');
  assert.equal(await cell(page, 'ia-verdict-3'), 'ควรปรับปรุง');
  assert.match(await cell(page, 'ia-row-3'), /ค่อนข้างยาก.*จำแนกไม่ได้/);
  assert.equal((await cell(page, 'ia-stats')).includes('120'), true);

  // Flagged rows first by default; item 3 is flagged, so the first row is a flagged one.
  const rows = page.getByTestId('ia-items').locator('tbody > tr');
  assert.equal(await rows.count(), 10);
  assert.match(await rows.first().getAttribute('class'), /flagged/);
  // Sort by p ascending, then descending.
  await page.getByTestId('ia-sort-p').click();
  const pColumn = async () => (await rows.evaluateAll((trs) => trs.map((tr) => tr.children[4].textContent))).map(Number);
  const asc = await pColumn();
  assert.deepEqual(asc, [...asc].sort((a, b) => a - b));
  await page.getByTestId('ia-sort-p').click();
  const desc = await pColumn();
  assert.deepEqual(desc, [...desc].sort((a, b) => b - a));

  // Item 3's distractors: the key ก is flagged (r 0.13 ≤ 0.19); ง was chosen by nobody → replace.
  await page.getByTestId('ia-open-3').click();
  const options = page.getByTestId('ia-options-3');
  await options.waitFor();
  assert.match(await options.textContent(), /\(ก\) ตัวถูก.*0\.33.*0\.13.*ตัวถูกจำแนกไม่ได้/);
  assert.match(await options.locator('tbody tr').nth(3).textContent(), /ตัดทิ้งแล้วสร้างตัวลวงใหม่/);
  // Colour flags as CITAS shows them (issue 16 point 5): item 3's r 0.13 is yellow. The reliability panel (point 4):
  // KR-20 with Feldt's interval, KR-21, Spearman–Brown for a typed change of length.
  assert.match(await page.getByTestId('ia-r-3').getAttribute('class'), /r-low/);
  const rel = await cell(page, 'ia-reliability');
  assert.match(rel, /KR-20 \(ช่วงเชื่อมั่น 95 % แบบ Feldt\)-?\d\.\d{3} \(-?\d\.\d{3}–-?\d\.\d{3}\)KR-21-?\d\.\d{3}/);
  assert.doesNotMatch(rel, /จุดตัด/, 'no cut under the norm method');
  await page.getByTestId('ia-sb-change').fill('-5');
  await page.getByTestId('ia-sb-result').filter({ hasText: /^5 ข้อ: KR-20 ที่คาด -?\d\.\d{3}$/ }).waitFor();
  await page.getByTestId('ia-histogram').locator('svg rect').first().waitFor();
  assert.equal(await page.getByTestId('ia-scatter').locator('svg circle, svg rect[fill="#b3261e"]').count(), 10);
  await page.screenshot({ path: path.join(OUT, 'item-analysis.png'), fullPage: true });

  // Criterion-referenced with a cut of 50 %: the groups change; the settings are saved with the data set.
  await page.getByTestId('ia-method-criterion').check();
  await page.getByTestId('ia-cut').fill('50');
  await page.getByTestId('ia-groups').filter({ hasText: 'เกณฑ์ผ่านร้อยละ 50' }).waitFor();
  assert.match(await cell(page, 'ia-groups'), /^แบบอิงเกณฑ์: ผ่านเกณฑ์ 90 คน ไม่ผ่านเกณฑ์ 30 คน/);
  assert.match(await cell(page, 'ia-reliability'), /คะแนนจุดตัด5 จาก 10SEM ที่จุดตัด.*\d\.\d{2}.*p₀ \(Subkoviak\)0\.\d{3}kappa.*Φ\(λ\) ของ Brennan–Kane-?\d\.\d{3}/);
  await page.getByTestId('save-state').filter({ hasText: 'บันทึกแล้ว' }).waitFor();

  await page.reload();
  await page.getByTestId('ia-items').waitFor();
  assert.equal(await page.getByTestId('ia-method-criterion').isChecked(), true);
  assert.match(await cell(page, 'ia-groups'), /ผ่านเกณฑ์ 90 คน/);
  await page.getByTestId('ia-method-norm').check();
  await page.getByTestId('ia-groups').filter({ hasText: 'กลุ่มละ 30 คน' }).waitFor();
  assert.equal(await cell(page, 'ia-p-3'), '0.33');
  await page.getByTestId('save-state').filter({ hasText: 'บันทึกแล้ว' }).waitFor();

  // The printable form (19).
  await page.getByTestId('ia-report-link').click();
  const form = page.getByTestId('ia-form19');
  await form.waitFor();
  assert.equal(await form.locator('tbody tr').count(), 10);
  assert.match(await form.locator('tbody tr').nth(2).textContent(), /^3\s*12\s*8\s*0\.33\s*0\.13\s*ข้อสอบที่ดี\s*จำแนกไม่ได้/);
  assert.match(await cell(page, 'ia-report-sizes'), /กลุ่มสูง 30 คน {2}กลุ่มต่ำ 30 คน {2}รวม N = 60/);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: path.join(OUT, 'item-analysis-report.pdf'), format: 'A4' });
  assert.ok(fs.statSync(path.join(OUT, 'item-analysis-report.pdf')).size > 10_000);
  await page.emulateMedia({ media: 'screen' });

  // The list keeps the data set across a reload.
  await page.goto(`${server.base}#/ia`);
  // The home page forwards #/ia to ia.html; reloading before that navigation lands detaches the frame.
  await page.waitForURL(/ia\.html#\/ia$/);
  await page.reload();
  await page.getByTestId('ia-list').getByText('ช่างไฟฟ้า ระดับ 1').waitFor();
  assert.match(await page.getByTestId('ia-list').textContent(), /ศูนย์ TC-01 · 120 คน · 10 ข้อ · 4 ตัวเลือก/);

  assert.deepEqual(errors, []);
  await context.close();
});

test('a malformed file is refused naming the line and column, and nothing is saved', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  await importFiles(page, {
    centre: 'TC-02', title: 'ผิดรูปแบบ',
    responses: csv('bad.csv', 'candidate,1,2\nS1,ก,ข\nS2,ก,X\n'), key: csv('key.csv', 'item,key\n1,ก\n2,ข\n'),
  });
  await page.getByRole('alert').filter({ hasText: 'ไฟล์คำตอบ บรรทัด 3 คอลัมน์ 3 (ข้อ 2): “X” ไม่ใช่ตัวเลือก' }).waitFor();
  await importFiles(page, {
    centre: 'TC 02', title: 'รหัสผิด', responses: csv('r.csv', 'candidate,1\nS1,ก\n'), key: csv('k.csv', '1,ก\n'),
  });
  await page.getByRole('alert').filter({ hasText: 'รหัสศูนย์ทดสอบ:' }).waitFor();
  await page.reload();
  await page.getByText('ยังไม่มี — นำเข้าไฟล์คำตอบและไฟล์เฉลยด้านล่าง').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('10,000 candidates × 100 items import and analyse without freezing the page', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  // A seeded set (an LCG): ability and difficulty make it realistic enough for the table to have both verdicts.
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const letters = ['ก', 'ข', 'ค', 'ง'];
  const key = Array.from({ length: 100 }, () => Math.floor(rand() * 4));
  const difficulty = Array.from({ length: 100 }, () => rand() * 2 - 1);
  const lines = ['candidate,' + key.map((_, i) => i + 1).join(',')];
  for (let c = 0; c < 10000; c++) {
    const ability = rand() * 2 - 1;
    const row = key.map((k, i) => {
      if (rand() < 0.01) return '';
      return rand() < 0.5 + (ability - difficulty[i]) * 0.4 ? letters[k] : letters[Math.floor(rand() * 4)];
    });
    lines.push(`C${c},${row.join(',')}`);
  }
  const keyCsv = ['item,key', ...key.map((k, i) => `${i + 1},${letters[k]}`)].join('\n');

  await page.goto(`${server.base}ia.html#/ia`); // the page itself: an old ./#/ia address would load it a second time
  await page.evaluate(() => {
    window.__longest = 0;
    window.__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__longest = Math.max(window.__longest, e.duration);
        window.__tasks.push(`${e.startTime.toFixed(0)}+${e.duration.toFixed(0)}`);
      }
    }).observe({ type: 'longtask', buffered: false });
  });
  const started = Date.now();
  // Picked from disk (a buffer handed to setInputFiles is copied into the page by Playwright in one long task).
  const onDisk = (name, text) => { const file = path.join(OUT, name); fs.writeFileSync(file, text); return file; };
  await importFiles(page, {
    centre: 'TC-03', title: 'ชุดใหญ่', responses: onDisk('big.csv', lines.join('\n')), key: onDisk('big-key.csv', keyCsv), options: 4,
  });
  // The rows come in blocks (one per turn of the event loop): the table is whole once its 100th row is drawn.
  await page.getByTestId('ia-items').locator('tbody > tr >> nth=99').waitFor({ timeout: 60_000 });
  const seconds = (Date.now() - started) / 1000;
  assert.equal(await page.getByTestId('ia-items').locator('tbody > tr').count(), 100);
  assert.match(await cell(page, 'ia-groups'), /กลุ่มละ 2500 คน/);
  const longest = await page.evaluate(() => window.__longest);
  console.log(`10,000 × 100: import + analysis + table in ${seconds.toFixed(1)} s; longest main-thread task ${longest.toFixed(0)} ms`);
  if (longest >= 50) {
    // Where: the long tasks (start+duration) beside the page's marks (`ui::item_analysis::mark`), ms from navigation.
    console.log(await page.evaluate(() => `long tasks ${window.__tasks.join(' ')}; marks `
      + performance.getEntriesByType('mark').map((m) => `${m.name}@${m.startTime.toFixed(0)}`).join(' ')));
  }
  // Reading, storing and unpacking the 4 MB file run in the worker, analysing and drawing the table in chunks. A
  // loose bound (the machine is shared, 2 cores for several jobs), yet below what storing on the page used to take.
  assert.ok(longest < 250, `longest task ${longest} ms`);
  // A long test's option plots wait for the button (issue 16 point 3), then draw one per item.
  const plots = page.getByTestId('ia-option-plots');
  assert.equal(await plots.locator('figure.ia-optplot').count(), 0);
  await page.getByTestId('ia-show-plots').click();
  await plots.getByTestId('ia-optplot-100').waitFor();
  assert.equal(await plots.locator('figure.ia-optplot').count(), 100);
  await page.reload();
  await page.getByTestId('ia-items').waitFor({ timeout: 60_000 });
  assert.deepEqual(errors, []);
  await context.close();
});
