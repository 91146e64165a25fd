// Item analysis's import worker end to end on the release build (issue 16 point 1): a big file (100,000 candidates
// × 100 items, 40 MB) is read and parsed in the worker while the page shows the rows read, the share and the time
// left, and the data set is stored packed; cancelling stops the worker and stores nothing; a bad cell far down a big
// file and a file in no known encoding are refused naming the line, exactly as the page said before, storing nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useServerAndBrowser, server, browser, newPage, OUT } from './harness.mjs';
import { startImport } from './ia-pages.mjs';

useServerAndBrowser();

const LETTERS = ['ก', 'ข', 'ค', 'ง'];

/** A seeded sitting (an LCG) of `n` candidates × `k` items, written to OUT; `bad(c, i)` may replace a cell. */
function bigFiles(name, n, k, bad = () => null) {
  let seed = 4242;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const key = Array.from({ length: k }, () => Math.floor(rand() * 4));
  const difficulty = Array.from({ length: k }, () => rand() * 2 - 1);
  const file = path.join(OUT, `${name}.csv`);
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, 'candidate,' + key.map((_, i) => i + 1).join(',') + '\n');
  let chunk = [];
  for (let c = 0; c < n; c++) {
    const ability = rand() * 2 - 1;
    const row = key.map((right, i) => {
      const replaced = bad(c, i);
      if (replaced !== null) return replaced;
      if (rand() < 0.01) return '';
      return rand() < 0.5 + (ability - difficulty[i]) * 0.4 ? LETTERS[right] : LETTERS[Math.floor(rand() * 4)];
    });
    chunk.push(`C${c},${row.join(',')}`);
    if (chunk.length === 5000) { fs.writeSync(out, chunk.join('\n') + '\n'); chunk = []; }
  }
  if (chunk.length) fs.writeSync(out, chunk.join('\n') + '\n');
  fs.closeSync(out);
  const keyFile = path.join(OUT, `${name}-key.csv`);
  fs.writeFileSync(keyFile, ['item,key', ...key.map((r, i) => `${i + 1},${LETTERS[r]}`)].join('\n') + '\n');
  return { responses: file, key: keyFile };
}

const BIG = { n: 100_000, k: 100 };
let big;
const bigSet = () => (big ??= bigFiles('ia-worker-big', BIG.n, BIG.k));

/** Opens the import form and starts watching what the progress line says (every change, kept in the page). */
async function openForm(page) {
  await page.goto(`${server.base}ia.html#/ia`);
  await page.getByTestId('ia-centre').waitFor();
  await page.evaluate(() => {
    window.__seen = [];
    new MutationObserver(() => {
      const rows = document.querySelector('[data-testid="ia-import-rows"]');
      const bar = document.querySelector('[data-testid="ia-import-progress"] progress');
      if (rows && window.__seen.at(-1)?.text !== rows.textContent) {
        window.__seen.push({ text: rows.textContent, value: bar ? bar.value : null });
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}


/** The data sets stored in this page's database, as IndexedDB holds them. */
async function storedDatasets(page) {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name).filter((n) => n.startsWith('mattrathan'));
    const out = [];
    for (const name of names) {
      const db = await new Promise((ok, no) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); });
      if (!db.objectStoreNames.contains('records')) { db.close(); continue; }
      const all = await new Promise((ok, no) => {
        const r = db.transaction('records').objectStore('records').getAll();
        r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error);
      });
      db.close();
      out.push(...all.filter((r) => r.kind === 'ia_dataset'));
    }
    return out.map((r) => ({ candidates: r.candidates.length, answers: typeof r.answers, length: r.answers.length }));
  });
}

test('a 100,000 × 100 file is read in the worker with its progress shown, and stored packed', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  const files = bigSet();
  const workerFiles = [];
  page.on('request', (r) => { if (/mattrathan-ia-worker/.test(r.url())) workerFiles.push(r.url().split('/').pop()); });
  await openForm(page);
  assert.deepEqual(workerFiles, [], 'the worker is loaded on demand, not with the page');
  const started = Date.now();
  await startImport(page, { centre: 'TC-10', title: 'ระดับชาติ (ย่อ)', ...files, options: 4 });
  await page.getByTestId('ia-items').locator(`tbody > tr >> nth=${BIG.k - 1}`).waitFor({ timeout: 180_000 });
  const seconds = (Date.now() - started) / 1000;
  assert.deepEqual(workerFiles.sort(), ['mattrathan-ia-worker.js', 'mattrathan-ia-worker_bg.wasm', 'mattrathan-ia-worker_loader.js']);

  // What the progress line said on the way: rows read rising, the share, then the time left.
  const seen = await page.evaluate(() => window.__seen);
  const read = seen.map((s) => s.text.match(/^อ่านแล้ว (\d+) แถว \((\d+) %\)/)).filter(Boolean);
  assert.ok(read.length >= 2, JSON.stringify(seen));
  const rows = read.map((m) => Number(m[1]));
  assert.deepEqual(rows, [...rows].sort((a, b) => a - b));
  assert.ok(rows.at(-1) > 0 && rows.at(-1) <= BIG.n, JSON.stringify(rows));
  assert.ok(seen.some((s) => /เหลืออีกราว \d+ วินาที$/.test(s.text)), JSON.stringify(seen));
  assert.ok(seen.some((s) => s.value > 0 && s.value < 1), 'the bar moves');
  console.log(`100,000 × 100 through the worker: file to table in ${seconds.toFixed(1)} s, ${read.length} progress updates`);

  assert.equal(await page.getByTestId('ia-items').locator('tbody > tr').count(), BIG.k);
  assert.match(await page.getByTestId('ia-groups').textContent(), /กลุ่มละ 25000 คน/);
  // Stored packed: one base64 string, ⌈100,000 / 2⌉ bytes per item.
  assert.deepEqual(await storedDatasets(page), [{ candidates: BIG.n, answers: 'string', length: Math.ceil((BIG.n / 2) * BIG.k / 3) * 4 }]);
  await page.reload();
  await page.getByTestId('ia-items').waitFor({ timeout: 60_000 });
  assert.match(await page.getByTestId('ia-groups').textContent(), /กลุ่มละ 25000 คน/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('cancel stops the worker and stores nothing', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  const files = bigSet();
  await openForm(page);
  await startImport(page, { centre: 'TC-11', title: 'ยกเลิก', ...files, options: 4 });
  await page.getByTestId('ia-import-cancel').click();
  await page.getByText('ยกเลิกการนำเข้าแล้ว — ไม่ได้บันทึกข้อมูลใด').waitFor();
  assert.equal(await page.getByTestId('ia-import-progress').count(), 0);
  assert.equal(await page.getByTestId('ia-import').isDisabled(), false);
  assert.match(page.url(), /ia\.html#\/ia$/);
  // Nothing arrives later either: the worker is gone.
  await page.waitForTimeout(3000);
  assert.deepEqual(await storedDatasets(page), []);
  await page.reload();
  await page.getByText('ยังไม่มี — นำเข้าไฟล์คำตอบและไฟล์เฉลยด้านล่าง').waitFor();

  // Cancelled while rows were being read (after the first progress message), the same.
  await openForm(page);
  await startImport(page, { centre: 'TC-11', title: 'ยกเลิกกลางทาง', ...files, options: 4 });
  await page.getByTestId('ia-import-rows').filter({ hasText: /^อ่านแล้ว [1-9]\d* แถว/ }).waitFor({ timeout: 60_000 });
  await page.getByTestId('ia-import-cancel').click();
  await page.getByText('ยกเลิกการนำเข้าแล้ว — ไม่ได้บันทึกข้อมูลใด').waitFor();
  await page.waitForTimeout(3000);
  assert.deepEqual(await storedDatasets(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a bad cell far down a big file, and a file in no known encoding, are refused naming the line', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  // Row 50,000 (line 50,001 with the header), item 2: "X".
  const files = bigFiles('ia-worker-bad', 60_000, 50, (c, i) => (c === 49_999 && i === 1 ? 'X' : null));
  await openForm(page);
  await startImport(page, { centre: 'TC-12', title: 'ผิด', ...files, options: 4 });
  await page.getByRole('alert').filter({ hasText: 'ไฟล์คำตอบ บรรทัด 50001 คอลัมน์ 3 (ข้อ 2): “X” ไม่ใช่ตัวเลือก' }).waitFor({ timeout: 60_000 });
  assert.equal(await page.getByTestId('ia-import-progress').count(), 0);

  // 0x81 is neither UTF-8 nor Windows-874: the file, the line and the byte are named.
  const bytes = Buffer.concat([Buffer.from('candidate,1\nS1,', 'utf8'), Buffer.from([0x81]), Buffer.from('\n')]);
  await page.getByTestId('ia-responses').setInputFiles({ name: 'bytes.csv', mimeType: 'text/csv', buffer: bytes });
  await page.getByTestId('ia-key').setInputFiles({ name: 'k.csv', mimeType: 'text/csv', buffer: Buffer.from('1,ก\n') });
  await page.getByTestId('ia-import').click();
  await page.getByRole('alert')
    .filter({ hasText: 'bytes.csv: อ่านไม่ได้ — ไม่ใช่ข้อความ UTF-8 หรือ Windows-874 (TIS-620): บรรทัด 2 ไบต์ที่ 15 (0x81)' })
    .waitFor();
  assert.deepEqual(await storedDatasets(page), []);
  await page.reload();
  await page.getByText('ยังไม่มี — นำเข้าไฟล์คำตอบและไฟล์เฉลยด้านล่าง').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a stored data set is reopened through the worker: the same table; damaged answers are refused, named', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  const files = bigFiles('ia-worker-reopen', 3_001, 30);
  await openForm(page);
  await startImport(page, { centre: 'TC-13', title: 'เปิดซ้ำ', ...files, options: 4 });
  await page.getByTestId('ia-items').locator('tbody > tr >> nth=29').waitFor({ timeout: 60_000 });
  const table = () => page.getByTestId('ia-items').locator('tbody').innerText();
  const stats = () => page.getByTestId('ia-stats').innerText();
  const [before, statsBefore] = [await table(), await stats()];
  assert.match(statsBefore, /3001/);

  // Reopened afresh: the page starts a worker for it (the import handed its data set over, so none was started).
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.reload();
  await page.getByTestId('ia-items').locator('tbody > tr >> nth=29').waitFor({ timeout: 60_000 });
  assert.equal(workers.length, 1, 'the data set is read in a worker');
  assert.equal(await table(), before);
  assert.equal(await stats(), statsBefore);

  // A settings change is saved with the whole record (read again), which then still reopens.
  await page.getByTestId('ia-method-criterion').check();
  await page.getByTestId('ia-groups').filter({ hasText: 'แบบอิงเกณฑ์' }).waitFor();
  await page.getByText('บันทึกแล้ว').first().waitFor();
  const criterion = await table();
  await page.reload();
  await page.getByTestId('ia-groups').filter({ hasText: 'แบบอิงเกณฑ์' }).waitFor({ timeout: 60_000 });
  assert.equal(await table(), criterion);
  assert.deepEqual(await storedDatasets(page), [{ candidates: 3_001, answers: 'string', length: Math.ceil(1501 * 30 / 3) * 4 }]);

  // Answers damaged in storage (a nibble no option has): refused with why, nothing drawn, no crash.
  await page.evaluate(async () => {
    const name = (await indexedDB.databases()).map((d) => d.name).find((n) => n.startsWith('mattrathan:'));
    const db = await new Promise((ok, no) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); });
    const tx = db.transaction('records', 'readwrite');
    const store = tx.objectStore('records');
    const all = await new Promise((ok) => { const r = store.getAll(); r.onsuccess = () => ok(r.result); });
    const record = all.find((r) => r.kind === 'ia_dataset');
    record.answers = 'mZ' + record.answers.slice(2); // the first byte 0x99: option 9 for the first two candidates
    store.put(record);
    await new Promise((ok) => { tx.oncomplete = ok; });
    db.close();
  });
  await page.reload();
  await page.getByRole('alert').filter({ hasText: 'คำตอบของผู้เข้าสอบ C0 ในข้อมูลเสียหาย' }).waitFor({ timeout: 60_000 });
  assert.equal(await page.getByTestId('ia-items').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
