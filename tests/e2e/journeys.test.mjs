// End-to-end journeys on the release build (dist/), served as static files under a sub-path, in Debian's Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useServerAndBrowser, server, browser, newPage, OUT } from './harness.mjs';

useServerAndBrowser();

const CODE = '1310100001';
const YEAR = '2568';

// Ticks per item-rule indicator, and the expected score and level shown on screen.
const TICKS = {
  '1.1': [[1, 2, 4, 5], '4', 'ดี'],
  '2.1': [[1, 2, 3, 5], '3', 'พอใช้'],
  '2.2': [[1, 2, 3, 4, 5], '5', 'ดีมาก'],
  '2.3': [[2, 4, 5], '4', 'ดี'], // + item 3 decided from counts below
  '2.4': [[1, 2, 3, 4, 5], '5', 'ดีมาก'],
  '2.5': [[1, 2], '2', 'ต้องปรับปรุง'],
  '2.6': [[1], '1', 'ต้องปรับปรุงเร่งด่วน'],
  '3.1': [[], '0', 'ไม่มีผลตามประเด็น'],
  '3.2': [[2, 3, 4, 5], '0', 'ไม่มีผลตามประเด็น'],
  '3.3': [[1, 2, 3, 4, 5], '5', 'ดีมาก'],
  '3.4': [[1, 2, 3], '3', 'พอใช้'],
  '4.1': [[1, 2, 3, 4], '4', 'ดี'],
};

async function expectScores(page) {
  for (const [id, [, score, level]] of Object.entries(TICKS)) {
    assert.equal(await page.getByTestId(`score-${id}`).textContent(), score, `score of ${id}`);
    assert.equal((await page.getByTestId(`level-${id}`).textContent()).trim(), level, `level of ${id}`);
  }
  assert.equal(await page.getByTestId('score-1.2').textContent(), '4.16');
  assert.equal((await page.getByTestId('level-1.2').textContent()).trim(), 'ดี');
  assert.equal(await page.getByTestId('score-4.2').textContent(), '4.80');
  assert.equal((await page.getByTestId('level-4.2').textContent()).trim(), 'ดีมาก');
  // Overall: (4 + 4.16 + 3+5+4+5+2+1 + 0+0+5+3 + 4+4.80) / 14 = 3.2114… → 3.21 พอใช้
  assert.match(await page.getByTestId('overall').textContent(), /3\.21.*พอใช้/);
}

async function waitSaved(page) {
  await page.getByTestId('save-state').filter({ hasText: 'บันทึกแล้ว' }).waitFor();
}

test('home page renders Thai with the bundled font and loads nothing from other hosts', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  const hosts = new Set();
  page.on('request', (r) => hosts.add(new URL(r.url()).host));
  await page.goto(server.base);
  await page.getByTestId('job-qa').waitFor();
  await page.getByTestId('storage-health').getByText('ใช้ไป').waitFor();
  await page.evaluate(() => document.fonts.ready);
  const fontOk = await page.evaluate(async () => {
    await document.fonts.load('16px Sarabun', 'มาตรฐาน');
    return [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'Sarabun' && f.status === 'loaded')
      && document.fonts.check('16px Sarabun', 'มาตรฐาน');
  });
  assert.ok(fontOk, 'Sarabun (bundled) is loaded for Thai text');
  await page.screenshot({ path: path.join(OUT, 'home.png'), fullPage: true });
  assert.deepEqual([...hosts], [new URL(server.base).host], 'only the app host is contacted');
  assert.ok(server.requests.some((u) => u.includes('sarabun-thai-400-normal.woff2')), 'the Thai font file was fetched from the app');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a new user fills a whole assessment, reloads, prints the report, exports and re-imports', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  await page.goto(server.base);
  await page.getByTestId('job-qa').click();

  // Bad input is refused with a message naming the field.
  await page.getByTestId('college-code').fill('12345');
  await page.getByTestId('college-name').fill('วิทยาลัยเทคนิคทดสอบ');
  await page.getByTestId('college-add').click();
  await page.getByText('รหัสสถานศึกษา:').waitFor();

  await page.getByTestId('college-code').fill(CODE);
  await page.getByTestId('college-add').click();
  await page.getByTestId('year-input').fill(YEAR);
  await page.getByTestId('year-add').click();
  await page.getByTestId('ind-1.1').waitFor();

  for (const [id, [items]] of Object.entries(TICKS)) {
    for (const n of items) await page.getByTestId(`item-${id}-${n}`).check();
  }
  // 2.3 item 3 decided from counts: 30 of 40 teachers trained ≥ 10 hours = 75.00 % ≥ 75 %.
  const counts = page.getByTestId('ind-2.3');
  await counts.locator('summary').click();
  await page.getByTestId('bycounts-2.3-3').check();
  const boxes = counts.locator('.counts input');
  await boxes.nth(0).fill('40');
  await boxes.nth(1).fill('30');
  await page.getByTestId('num-1.2').fill('-5');
  await page.getByTestId('ind-1.2').getByRole('alert').filter({ hasText: 'ต้องไม่ติดลบ' }).waitFor();
  await page.getByTestId('num-1.2').fill('200');
  await page.getByTestId('den-1.2').fill('300');
  await page.getByTestId('num-4.2').fill('10');
  await page.getByTestId('den-4.2').fill('13');
  await waitSaved(page);
  await expectScores(page);
  assert.match(await page.getByTestId('working-1.2').textContent(), /66\.66/);
  assert.match(await page.getByTestId('advice-1.2').textContent(), /\d+/);
  assert.equal(await page.getByTestId('score-chart').locator('rect.bar').count(), 14);

  // Reload: everything comes back from IndexedDB exactly.
  await page.reload();
  await page.getByTestId('ind-1.1').waitFor();
  await expectScores(page);
  assert.equal(await page.getByTestId('num-1.2').inputValue(), '200');
  assert.ok(await page.getByTestId('bycounts-2.3-3').isChecked());
  await page.screenshot({ path: path.join(OUT, 'editor.png') });

  // The printable report.
  await page.getByTestId('report-link').click();
  const report = page.getByTestId('report');
  await report.waitFor();
  assert.equal(await page.getByTestId('report-table').locator('tbody tr').count(), 14);
  const reportText = await report.textContent();
  assert.ok(reportText.includes(CODE) && reportText.includes('ปีการศึกษา 2568'));
  assert.match(reportText, /พิมพ์เมื่อ \d{1,2} \S+ 25\d\d/, 'printed date in พ.ศ.');
  const signatures = await page.getByTestId('report-signatures').textContent();
  assert.ok(signatures.includes('ผู้รายงาน') && signatures.includes('ผู้อำนวยการ'), signatures);
  await page.emulateMedia({ media: 'print' });
  // Printed as on A4 (about 700 px between the margins): every evidence source whole on one line, and the notes
  // kept with the signatures in one block that a page break never splits.
  await page.setViewportSize({ width: 700, height: 1000 });
  const terms = await page.getByTestId('report-table').evaluate((t) => [...t.querySelectorAll('.term')].map((e) =>
    ({ text: e.textContent, lines: e.getClientRects().length, wrap: getComputedStyle(e).whiteSpace })));
  assert.ok(terms.length >= 14, `evidence terms: ${terms.length}`);
  for (const t of terms) assert.ok(t.lines === 1 && t.wrap === 'nowrap', `evidence "${t.text}" broken: ${JSON.stringify(t)}`);
  // Lines of text in each column head (a range over its text has one box per line).
  const heads = await page.getByTestId('report-table').evaluate((t) => [...t.querySelectorAll('th')].map((e) => {
    const r = document.createRange(); r.selectNodeContents(e); return r.getClientRects().length;
  }));
  assert.deepEqual(heads, heads.map(() => 1), 'every column head on one line');
  assert.equal(await page.getByTestId('report-end').evaluate((e) => getComputedStyle(e).breakInside), 'avoid');
  await page.screenshot({ path: path.join(OUT, 'report-print.png'), fullPage: true });
  await page.pdf({ path: path.join(OUT, 'report.pdf'), format: 'A4' });
  assert.ok(fs.statSync(path.join(OUT, 'report.pdf')).size > 10_000);
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1100, height: 900 });

  // Export a backup …
  await page.goto(`${server.base}#/qa/${CODE}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-export').click()]);
  const backupPath = path.join(OUT, 'backup.json');
  await download.saveAs(backupPath);
  const backup = JSON.parse(fs.readFileSync(backupPath, 'utf8'));
  assert.equal(backup.org, CODE);
  assert.equal(backup.records.length, 2);
  assert.deepEqual(errors, []);
  await context.close();

  // … and import it on a fresh device (new browser context = empty IndexedDB).
  const fresh = await newPage(browser, errors);
  await fresh.page.goto(`${server.base}#/qa`);
  // A corrupt file is refused and nothing is stored.
  const corrupt = path.join(OUT, 'corrupt.json');
  fs.writeFileSync(corrupt, fs.readFileSync(backupPath, 'utf8').replace('"1.2"', '"1.3"'));
  await fresh.page.getByTestId('backup-import').setInputFiles(corrupt);
  await fresh.page.getByRole('alert').filter({ hasText: 'ไม่มีข้อมูลใดถูกเปลี่ยน' }).waitFor();
  assert.equal(await fresh.page.getByTestId('college-list').count(), 0);
  await fresh.page.getByTestId('backup-import').setInputFiles(backupPath);
  await fresh.page.getByTestId('college-list').getByText(CODE).click();
  await fresh.page.getByTestId(`year-${YEAR}`).getByText('กรอก/แก้ไข').click();
  await fresh.page.getByTestId('ind-1.1').waitFor();
  await expectScores(fresh.page);
  assert.deepEqual(errors, []);
  await fresh.context.close();
});

test('4.2 is suggested from last year and can be overridden', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  await page.goto(`${server.base}#/qa`);
  await page.getByTestId('college-code').fill('1310100002');
  await page.getByTestId('college-name').fill('วิทยาลัยสารพัดช่างทดสอบ');
  await page.getByTestId('college-add').click();
  await page.getByTestId('year-input').fill('2567');
  await page.getByTestId('year-add').click();
  await page.getByTestId('item-2.1-1').check();
  await page.getByTestId('item-2.2-1').check();
  await page.getByTestId('num-1.2').fill('100');
  await page.getByTestId('den-1.2').fill('200');
  await waitSaved(page);
  await page.goto(`${server.base}#/qa/1310100002`);
  await page.getByTestId('year-input').fill('2568');
  await page.getByTestId('year-add').click();
  // Assessed both years: 2.1 rises (1 → 2), 1.2 rises (3.12 → 5.00), 2.2 stays at 1: 2 of 3 developed.
  await page.getByTestId('item-2.1-1').check();
  await page.getByTestId('item-2.1-2').check();
  await page.getByTestId('item-2.2-1').check();
  await page.getByTestId('num-1.2').fill('200');
  await page.getByTestId('den-1.2').fill('200');
  await waitSaved(page);
  assert.match(await page.getByTestId('dev-suggestion').textContent(), /2 จาก 3/);
  assert.equal(await page.getByTestId('score-4.2').textContent(), '4.16'); // 66.66 % → 4.16
  assert.ok(await page.getByTestId('num-4.2').isDisabled());
  await page.getByTestId('dev-manual').check();
  await page.getByTestId('num-4.2').fill('10');
  await page.getByTestId('den-4.2').fill('13');
  assert.equal(await page.getByTestId('score-4.2').textContent(), '4.80');
  await waitSaved(page);
  await page.reload();
  await page.getByTestId('ind-4.2').waitFor();
  assert.equal(await page.getByTestId('score-4.2').textContent(), '4.80');
  assert.match(await page.getByTestId('dev-source').textContent(), /กรอกเอง/);
  await page.goto(`${server.base}#/qa/1310100002/compare`);
  await page.getByTestId('compare-table').waitFor(); // a hash-only goto does not wait for the page's data
  assert.equal(await page.getByTestId('compare-table').locator('thead th').count(), 3);
  assert.deepEqual(errors, []);
  await context.close();
});
