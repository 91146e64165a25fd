// Scale figure for tool registration (not an asserted test; run by hand):
//   cd tests/e2e && node registration-scale.mjs [files=1000] [rows=40]
// Generates college registration files (valid checksums, as the app writes them), imports them all at once on the
// provincial committee's page of the release build, and prints the time and memory it took, then the time to open
// the totals report and to import the same files again (all duplicates).
import { serveDist, launch, newPage } from './harness.mjs';
import { crc32Hex, canonical } from './checksum.mjs';

const FILES = Number(process.argv[2] ?? 1000);
const ROWS = Number(process.argv[3] ?? 40);
const PROVINCE = '13';
const YEAR = 2569;

const GROUPS = ['pvc62', 'pvc56', 'hvc63', 'hvc57'];
function makeFile(i) {
  const code = `13${String(10000000 + i).slice(1)}0`.slice(0, 10);
  const college = { code, name: `วิทยาลัยทดสอบที่ ${i + 1}`, province: PROVINCE, affiliation: 'สำนักงานคณะกรรมการการอาชีวศึกษา', sector: 'government' };
  const entries = Array.from({ length: ROWS }, (_, r) => ({
    group: GROUPS[r % 4],
    program_type: `ประเภทวิชาทดสอบ ${r % 5}`,
    major: `สาขาวิชาทดสอบ ${r % 10}`,
    specialisation: `สาขางานทดสอบ ${r}`,
    code: '',
    count: 1 + ((i + r) % 30),
  }));
  const checksum = crc32Hex(canonical({ college, year: YEAR, entries }));
  const file = { format: 'mattrathan-tool-registration', version: 1, college, year: YEAR, exported: '2026-11-21T10:00:00.000Z', catalogue: 'scale', count: ROWS, checksum, entries };
  const students = entries.reduce((s, e) => s + e.count, 0);
  return { name: `registration-${code}-${YEAR}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file, null, 2)), students };
}

const files = Array.from({ length: FILES }, (_, i) => makeFile(i));
const expected = files.reduce((s, f) => s + f.students, 0);
const bytes = files.reduce((s, f) => s + f.buffer.length, 0);
const payload = files.map(({ name, mimeType, buffer }) => ({ name, mimeType, buffer }));

const server = await serveDist();
const browser = await launch();
const errors = [];
const { context, page } = await newPage(browser, errors);
await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; }));
const cdp = await context.newCDPSession(page);
await cdp.send('Performance.enable');
const metrics = async () => {
  const { metrics: m } = await cdp.send('Performance.getMetrics');
  const get = (n) => m.find((x) => x.name === n)?.value ?? 0;
  const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? 0);
  const storage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  return { jsHeap: get('JSHeapUsedSize'), wasm, storage };
};
const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;

await page.goto(`${server.base}#/reg/province/${PROVINCE}/${YEAR}`);
await page.getByTestId('reg-files').waitFor();
const m0 = await metrics();
let t = performance.now();
await page.getByTestId('reg-files').setInputFiles(payload);
await page.getByTestId('import-summary').filter({ hasText: `เพิ่มใหม่ ${FILES}` }).waitFor({ timeout: 600_000 });
await page.getByTestId('count-students').filter({ hasText: String(expected) }).waitFor({ timeout: 600_000 });
const importMs = performance.now() - t;
const m1 = await metrics();

t = performance.now();
await page.getByTestId('province-report-link').click();
await page.getByTestId('totals-table-total').filter({ hasText: String(expected) }).waitFor({ timeout: 600_000 });
const reportMs = performance.now() - t;

await page.goto(`${server.base}#/reg/province/${PROVINCE}/${YEAR}`);
await page.getByTestId('reg-files').waitFor();
t = performance.now();
await page.getByTestId('reg-files').setInputFiles(payload);
await page.getByTestId('import-summary').filter({ hasText: `ซ้ำ (ไม่นับซ้ำ) ${FILES}` }).waitFor({ timeout: 600_000 });
const againMs = performance.now() - t;
const m2 = await metrics();

console.log(`files: ${FILES} × ${ROWS} rows = ${FILES * ROWS} rows, ${mb(bytes)} of JSON, ${expected} students`);
console.log(`import (read, check, plan, one IndexedDB transaction, reload the page data): ${(importMs / 1000).toFixed(1)} s`);
console.log(`open the totals report: ${(reportMs / 1000).toFixed(1)} s`);
console.log(`import the same files again (all duplicates): ${(againMs / 1000).toFixed(1)} s`);
console.log(`JS heap used: ${mb(m0.jsHeap)} before → ${mb(m1.jsHeap)} after import → ${mb(m2.jsHeap)} after re-import`);
console.log(`wasm linear memory: ${mb(m0.wasm)} before → ${mb(m1.wasm)} after import → ${mb(m2.wasm)} after re-import`);
console.log(`IndexedDB/storage usage: ${mb(m0.storage)} → ${mb(m1.storage)}`);
if (errors.length) console.log('page errors:', errors);
await browser.close();
await server.close();
