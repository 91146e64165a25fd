// Benchmark (not a test; `.ci/bench` runs it after a release build, printed only): registration at province scale
// (issue 15 goal 3). Generates college registration files (valid checksums, as the app writes them), imports them all
// at once on the provincial committee's page of the release build, then opens the totals report; each run on a
// fresh device (its own IndexedDB). Prints each run and the medians:
// - import: from the file input's change (the files handed over) until the summary says every file was added and
//   the page shows the new student total (read, check, plan, store, reload the page data);
// - totals report: from the click on the report link until its grand total is drawn;
// - the same files imported again (all duplicates), the JS heap and wasm memory, the storage used.
// Times are taken in the page (performance.now() in a change/click listener and a MutationObserver), so playwright's
// own work handing 11 MB of files to the page is not counted.
//   cd tests/e2e && node registration.bench.mjs [files=1000] [rows=40] [runs=5]
import { serveDist, launch, newPage } from './harness.mjs';
import { registrationFile } from './registration-files.mjs';

const FILES = Number(process.argv[2] ?? 1000);
const ROWS = Number(process.argv[3] ?? 40);
const RUNS = Number(process.argv[4] ?? process.env.REG_BENCH_RUNS ?? 5);
const PROVINCE = '13';
const YEAR = 2569;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

const files = Array.from({ length: FILES }, (_, i) => registrationFile(i, { rows: ROWS, province: PROVINCE, year: YEAR }));
const expected = files.reduce((s, f) => s + f.students, 0);
const payload = files.map((f) => f.file);
const bytes = payload.reduce((s, f) => s + f.buffer.length, 0);
const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;

/**
 * Starts a clock in the page at the first `event` on `trigger` (a selector) and stops it when `done()` (evaluated in
 * the page after each DOM change) holds; returns a promise of the milliseconds in between, read once `act` is done.
 */
async function timed(page, trigger, event, done, act) {
  await page.evaluate(([trigger, event, done]) => {
    window.__bench = { start: null, end: null };
    const check = new Function(`return (${done})`);
    document.querySelector(trigger).addEventListener(event, () => { window.__bench.start = performance.now(); }, { capture: true, once: true });
    const obs = new MutationObserver(() => {
      if (window.__bench.start !== null && check()) { window.__bench.end = performance.now(); obs.disconnect(); }
    });
    obs.observe(document.body, { childList: true, subtree: true, characterData: true });
  }, [trigger, event, done.toString()]);
  await act();
  await page.waitForFunction(() => window.__bench.end !== null, null, { timeout: 600_000, polling: 50 });
  return page.evaluate(() => window.__bench.end - window.__bench.start);
}

const imported = (n, students) => `(() => {
  const s = document.querySelector('[data-testid=import-summary]')?.textContent ?? '';
  const c = document.querySelector('[data-testid=count-students]')?.textContent ?? '';
  return s.includes(${JSON.stringify(n)}) && c === ${JSON.stringify(String(students))};
})()`;

const server = await serveDist();
const browser = await launch();
const errors = [];
const measured = { import: [], report: [], again: [] };
let memory = '';
let progressSeen = 0;
for (let run = 0; run < RUNS; run++) {
  const { context, page } = await newPage(browser, errors);
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; }));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => {
    const { metrics: m } = await cdp.send('Performance.getMetrics');
    const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? 0);
    const storage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    return { jsHeap: m.find((x) => x.name === 'JSHeapUsedSize')?.value ?? 0, wasm, storage };
  };
  await page.goto(`${server.base}reg-province.html#/reg/province/${PROVINCE}/${YEAR}`);
  await page.getByTestId('reg-files').waitFor();
  // Whether the progress bar was drawn while the import ran.
  await page.evaluate(() => {
    window.__progress = 0;
    new MutationObserver(() => { if (document.querySelector('[data-testid=import-progress]')) window.__progress++; })
      .observe(document.body, { childList: true, subtree: true, attributes: true });
  });
  const m0 = await metrics();
  const importMs = await timed(page, '[data-testid=reg-files]', 'change', imported(`เพิ่มใหม่ ${FILES}`, expected),
    () => page.getByTestId('reg-files').setInputFiles(payload));
  progressSeen += await page.evaluate(() => window.__progress);
  const m1 = await metrics();
  const reportMs = await timed(page, '[data-testid=province-report-link]', 'click', `(() => {
    return document.querySelector('[data-testid=totals-table-total]')?.textContent === ${JSON.stringify(String(expected))};
  })()`, () => page.getByTestId('province-report-link').click());
  await page.goto(`${server.base}reg-province.html#/reg/province/${PROVINCE}/${YEAR}`);
  await page.getByTestId('reg-files').waitFor();
  const againMs = await timed(page, '[data-testid=reg-files]', 'change', imported(`ซ้ำ (ไม่นับซ้ำ) ${FILES}`, expected),
    () => page.getByTestId('reg-files').setInputFiles(payload));
  const m2 = await metrics();
  measured.import.push(importMs);
  measured.report.push(reportMs);
  measured.again.push(againMs);
  console.log(`[registration bench] run ${run + 1}/${RUNS}: import ${(importMs / 1000).toFixed(2)} s, totals report ${reportMs.toFixed(0)} ms, `
    + `import again (duplicates) ${(againMs / 1000).toFixed(2)} s`);
  memory = `JS heap used: ${mb(m0.jsHeap)} before → ${mb(m1.jsHeap)} after import → ${mb(m2.jsHeap)} after re-import; `
    + `wasm memory: ${mb(m0.wasm)} → ${mb(m1.wasm)} → ${mb(m2.wasm)}; storage: ${mb(m0.storage)} → ${mb(m1.storage)}`;
  await context.close();
}
await browser.close();
await server.close();

const imp = median(measured.import) / 1000;
const rep = median(measured.report);
console.log(`\nregistration at province scale: ${FILES} files × ${ROWS} rows = ${FILES * ROWS} rows, ${mb(bytes)} of JSON, ${expected} students (median of ${RUNS} runs)`);
console.log(`  import all files at once   ${imp.toFixed(2).padStart(7)} s    target ≤ 2 s     ${imp <= 2 ? 'ok' : 'MISSED'}`);
console.log(`  open the totals report     ${rep.toFixed(0).padStart(7)} ms   target ≤ 200 ms  ${rep <= 200 ? 'ok' : 'MISSED'}`);
console.log(`  import again (duplicates)  ${(median(measured.again) / 1000).toFixed(2).padStart(7)} s`);
console.log(`  progress bar drawn during the imports: ${progressSeen > 0 ? 'yes' : 'NO'}`);
console.log(`  last run: ${memory}`);
if (errors.length) console.log('page errors:', errors);
