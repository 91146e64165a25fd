// Benchmark (not a test; `.ci/bench` runs it on the release build in dist/), printed only: item analysis in the
// browser (issue 16 point 1), from the file picked to the item table on screen, for each set named on the command line
//
//     node ia.bench.mjs DIR…        (each DIR holds responses.csv and key.csv, e.g. 10,000 × 100 and 140,000 × 290)
//
// For each: the import (read, parsed and stored packed in the data-set worker, handed to the page, analysed in
// chunks, the table drawn in blocks), the longest
// main-thread task meanwhile (PerformanceObserver 'longtask'), the page's peak JS heap (DevTools' JSHeapUsedSize, sampled)
// and the browser's peak memory (the resident set of every Chromium process of this run, from /proc: JS heaps, the
// worker's and the page's wasm memory, everything), then reopening the stored data set (its address loaded afresh,
// read and unpacked in the worker, to the item table on screen) and the longest main-thread task of that. With
// IA_BENCH_TASKS=1 it also prints every long task (start+duration) beside the page's milestones and its
// `performance.mark`s (`ui::item_analysis::mark`: the steps of taking the worker's reply, prepare, items, results). Goals: file to table ≤ 10 s (140,000 × 290) and
// ≤ 0.5 s (10,000 × 100), no main-thread task over 50 ms during the import, reopen ≤ 1 s.
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, newPage } from './harness.mjs';

const dirs = process.argv.slice(2);
if (!dirs.length) throw new Error('usage: node ia.bench.mjs DIR… (each with responses.csv and key.csv)');

/** Resident memory (MB) of every process descending from this one: the browser Playwright started and its children. */
function browserRss() {
  const parent = new Map();
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      parent.set(Number(pid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* gone */ }
  }
  const ours = (pid) => { for (let p = pid; p > 1; p = parent.get(p) ?? 0) if (p === process.pid) return true; return false; };
  let kb = 0;
  for (const pid of parent.keys()) {
    if (pid === process.pid || !ours(pid)) continue;
    try { kb += Number(fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0); } catch { /* gone */ }
  }
  return kb / 1024;
}

/** Watches the page's long tasks from now on. */
async function watch(page) {
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
}

/** Notes when the page's milestones appear (for IA_BENCH_TASKS): the analysis address, its progress line, the table. */
function milestones() {
  window.__seen = [];
  const note = (what) => { if (!window.__seen.some((s) => s.startsWith(what))) window.__seen.push(`${what}@${performance.now().toFixed(0)}`); };
  window.addEventListener('hashchange', () => note(location.hash.split('/').slice(0, 3).join('/')));
  new MutationObserver(() => {
    if (document.querySelector('[data-testid="ia-progress"]')) note('analysing');
    if (document.querySelector('[data-testid="ia-items"]')) note('table');
  }).observe(document, { subtree: true, childList: true });
}

/** With IA_BENCH_TASKS=1, every long task (start+duration, ms since the page's navigation) is printed, and when
 * the page's milestones appeared. */
async function printTasks(page, what) {
  if (!process.env.IA_BENCH_TASKS) return;
  const [tasks, seen, marks] = await page.evaluate(() => [window.__tasks, window.__seen ?? [],
    performance.getEntriesByType('mark').filter((m) => m.name.startsWith('ia:')).map((m) => `${m.name.slice(3)}@${m.startTime.toFixed(0)}`)]);
  console.log(`  ${what}: long tasks ${tasks.join(' ') || 'none'}; ${seen.join(' ')}; marks ${marks.join(' ')}`);
}

const server = await serveDist();
const browser = await launch();
const rows = [];
try {
  for (const dir of dirs) {
    const responses = path.join(dir, 'responses.csv');
    const key = path.join(dir, 'key.csv');
    const [header, ...lines] = fs.readFileSync(key, 'utf8').trim().split('\n');
    const items = lines.length + (/^\d/.test(header) ? 1 : 0);
    const mb = fs.statSync(responses).size / 1e6;
    const bytes = fs.readFileSync(responses);
    let candidates = -1; // the header
    for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) candidates += 1;
    const errors = [];
    const { context, page } = await newPage(browser, errors);
    await page.goto(`${server.base}ia.html#/ia`);
    await page.getByTestId('ia-centre').waitFor();
    await watch(page);
    await page.evaluate(milestones);
    // The page's JS heap through the DevTools protocol (performance.memory is coarse and cached), every 100 ms.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    let heap = 0;
    const heapNow = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize').value;
    let peakRss = browserRss();
    const before = peakRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, browserRss());
      heapNow().then((h) => { heap = Math.max(heap, h); }, () => {});
    }, 100);

    await page.getByTestId('ia-centre').fill('BENCH');
    await page.getByTestId('ia-title').fill(path.basename(dir));
    await page.getByTestId('ia-options').selectOption('4');
    await page.getByTestId('ia-responses').setInputFiles(responses);
    await page.getByTestId('ia-key').setInputFiles(key);
    const started = Date.now();
    await page.getByTestId('ia-import').click();
    await page.getByTestId('ia-items').locator(`tbody > tr >> nth=${items - 1}`).waitFor({ timeout: 600_000 });
    const toTable = (Date.now() - started) / 1000;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, browserRss());
    heap = Math.max(heap, await heapNow());
    const longest = await page.evaluate(() => window.__longest);
    await printTasks(page, `${path.basename(dir)} import`);

    // Reopen: the data set's address loaded afresh, to its item table on screen.
    const address = page.url();
    await page.goto('about:blank');
    await page.addInitScript(() => {
      window.__longest = 0;
      window.__tasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          window.__longest = Math.max(window.__longest, e.duration);
          window.__tasks.push(`${e.startTime.toFixed(0)}+${e.duration.toFixed(0)}`);
        }
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.addInitScript(milestones);
    const reopened = Date.now();
    await page.goto(address);
    await page.getByTestId('ia-items').locator(`tbody > tr >> nth=${items - 1}`).waitFor({ timeout: 120_000 });
    const reopen = (Date.now() - reopened) / 1000;
    const reopenLongest = await page.evaluate(() => window.__longest);
    await printTasks(page, `${path.basename(dir)} reopen`);
    if (errors.length) throw new Error(`${dir}: ${errors.join('; ')}`);
    rows.push({ set: `${candidates} × ${items}`, mb, toTable, longest, heap: heap / 2 ** 20, rss: peakRss, base: before, reopen, reopenLongest });
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

console.log();
console.log('item analysis in Chromium (release build): the file picked → the item table on screen');
console.log('  set               CSV      file→table  longest task  page JS heap  browser RSS (before)  reopen (longest task)');
for (const r of rows) {
  const goal = r.set.startsWith('140000') ? 10 : r.set.startsWith('10000 ') ? 0.5 : null;
  console.log(
    `  ${r.set.padEnd(16)} ${r.mb.toFixed(0).padStart(4)} MB ${r.toTable.toFixed(2).padStart(8)} s ${r.longest.toFixed(0).padStart(9)} ms`
    + ` ${r.heap.toFixed(0).padStart(9)} MB ${r.rss.toFixed(0).padStart(9)} MB (${r.base.toFixed(0)}) ${r.reopen.toFixed(2).padStart(8)} s (${r.reopenLongest.toFixed(0)} ms)`
    + (goal === null ? '' : `   goals: ≤ ${goal} s ${r.toTable <= goal ? 'ok' : 'MISSED'}, task ≤ 50 ms ${r.longest <= 50 ? 'ok' : 'MISSED'},`
      + ` reopen ≤ 1 s ${r.reopen <= 1 ? 'ok' : 'MISSED'}`),
  );
}
