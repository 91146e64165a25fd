// Benchmark (not a test; `.ci/bench` runs it after a release build, printed only): our sync client against PouchDB 9,
// side by side in one run (issue 15 goal 1). Both run in the same headless Chromium against the same PouchDB
// Server (in memory, started here), on the same records: a college's self-assessment records as the app stores them
// (tests/e2e/couch.mjs backupFile).
//
// - Ours: the records are imported from a backup on a fresh device, and "sync now" is timed on the sync page until
//   it reports done. That run pushes, then pulls the echo: what a user waits for. Then a second fresh device signs
//   in and "sync now" is timed while it pulls everything.
// - PouchDB: the same records written to a local PouchDB (IndexedDB adapter, the default in the browser) on a page
//   of the same origin, then PouchDB.replicate(local → server) timed, then PouchDB.replicate(server → a fresh local
//   database) timed, with batch_size 100 (what the issue measured) and with 500.
// Each organisation has its own database, provisioned like a college (`mattrathan provision`). Sizes and runs:
// SYNC_BENCH_SIZES (default "10000 50000"), SYNC_BENCH_RUNS (default 3 for 10,000, 1 above). Prints the medians and
// our time ÷ PouchDB's.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, launch, newPage } from './harness.mjs';
import { startCouch, provision, collegeCode, backupFile } from './couch.mjs';
import { go, signIn, syncNow } from './sync-pages.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const POUCH = path.join(here, 'node_modules/pouchdb/dist/pouchdb.min.js');
const SIZES = (process.env.SYNC_BENCH_SIZES ?? '10000 50000').split(/\s+/).filter(Boolean).map(Number);
const runsFor = (n) => Number(process.env.SYNC_BENCH_RUNS ?? (n <= 10000 ? 3 : 1));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const seconds = async (work) => { const t0 = performance.now(); await work(); return (performance.now() - t0) / 1000; };

const couch = await startCouch();
const server = await serveDist();
const browser = await launch();
const errors = [];

/** A fresh device (its own IndexedDB) on the app's home page. */
async function device() {
  const d = await newPage(browser, errors);
  await d.page.goto(server.base);
  await d.page.getByTestId('job-qa').waitFor();
  return d;
}

async function ours(n) {
  const code = collegeCode();
  const account = provision(couch.url, code, 'college');
  const A = await device();
  await go(A.page, '#/qa', 'backup-import');
  await A.page.getByTestId('backup-import').setInputFiles(backupFile(code, n));
  await A.page.locator('.msg.ok').filter({ hasText: String(n) }).waitFor({ timeout: 600_000 });
  await signIn(A.page, couch.url, code, account);
  let status = '';
  const push = await seconds(async () => { status = await syncNow(A.page, 1_800_000); });
  if (!/เสร็จ/.test(status)) throw new Error(`our push did not finish: ${status}`);
  const B = await device();
  await signIn(B.page, couch.url, code, account);
  const pull = await seconds(async () => { status = await syncNow(B.page, 1_800_000); });
  if (!/เสร็จ/.test(status)) throw new Error(`our pull did not finish: ${status}`);
  await A.context.close();
  await B.context.close();
  return { push, pull };
}

async function pouch(n, batch) {
  const code = collegeCode();
  const account = provision(couch.url, code, 'college');
  const records = JSON.parse(fs.readFileSync(backupFile(code, n), 'utf8')).records;
  // A page of the app's origin, without the app: PouchDB is added as a script (the app's policy allows only its own).
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${server.base}crash.js`);
  await page.addScriptTag({ path: POUCH });
  const remote = `${couch.url}/${account.database}`;
  const auth = { username: account.user, password: account.password };
  await page.evaluate(async (docs) => {
    const local = new PouchDB(`bench-${Date.now()}`);
    for (let i = 0; i < docs.length; i += 1000) {
      await local.bulkDocs(docs.slice(i, i + 1000).map(({ id, ...rest }) => ({ _id: id, ...rest })));
    }
    window.benchLocal = local;
  }, records);
  const push = await page.evaluate(async ([remote, auth, batch]) => {
    const t0 = performance.now();
    const result = await PouchDB.replicate(window.benchLocal, new PouchDB(remote, { auth }), { batch_size: batch });
    if (!result.ok || result.docs_written !== result.docs_read) throw new Error(JSON.stringify(result));
    return (performance.now() - t0) / 1000;
  }, [remote, auth, batch]);
  const pull = await page.evaluate(async ([remote, auth, batch, n]) => {
    const fresh = new PouchDB(`bench-fresh-${Date.now()}`);
    const t0 = performance.now();
    await PouchDB.replicate(new PouchDB(remote, { auth }), fresh, { batch_size: batch });
    const seconds = (performance.now() - t0) / 1000;
    const info = await fresh.info();
    if (info.doc_count !== n) throw new Error(`PouchDB pulled ${info.doc_count} of ${n}`);
    return seconds;
  }, [remote, auth, batch, n]);
  await context.close();
  return { push, pull };
}

const rows = [];
try {
  for (const n of SIZES) {
    const runs = runsFor(n);
    const measured = { ours: [], pouch100: [], pouch500: [] };
    for (let r = 0; r < runs; r++) {
      // Alternate which client goes first, so neither always meets a warmer server.
      const order = r % 2 === 0 ? ['ours', 'pouch100', 'pouch500'] : ['pouch500', 'pouch100', 'ours'];
      for (const who of order) {
        const t = who === 'ours' ? await ours(n) : await pouch(n, who === 'pouch100' ? 100 : 500);
        measured[who].push(t);
        console.log(`[sync bench] ${n} records, run ${r + 1}/${runs}, ${who}: push ${t.push.toFixed(1)} s, pull ${t.pull.toFixed(1)} s`);
      }
    }
    const med = (who, what) => median(measured[who].map((t) => t[what]));
    rows.push({ n, runs, ours: [med('ours', 'push'), med('ours', 'pull')], pouch100: [med('pouch100', 'push'), med('pouch100', 'pull')],
      pouch500: [med('pouch500', 'push'), med('pouch500', 'pull')] });
  }
} finally {
  await browser.close();
  await server.close();
  await couch.stop();
}

console.log('\nsync: ours vs PouchDB 9 (IndexedDB adapter) in the same Chromium and PouchDB Server, medians');
console.log('records  runs | ours push  pull | PouchDB b=100 push  pull | b=500 push  pull | ours ÷ PouchDB (b=100) push  pull');
for (const r of rows) {
  const f = (x) => `${x.toFixed(1).padStart(6)} s`;
  console.log(`${String(r.n).padStart(7)} ${String(r.runs).padStart(5)} | ${f(r.ours[0])} ${f(r.ours[1])} | ${f(r.pouch100[0])} ${f(r.pouch100[1])} | `
    + `${f(r.pouch500[0])} ${f(r.pouch500[1])} | ${(r.ours[0] / r.pouch100[0]).toFixed(2).padStart(5)} × ${(r.ours[1] / r.pouch100[1]).toFixed(2).padStart(5)} ×`);
}
console.log('(our push is a sync: push, then the pull of its echo — what the user waits for)');
// A first sync reads its checkpoint, which is not there yet: the browser logs that 404 as an error.
const unexpected = errors.filter((e) => !/status of 404/.test(e));
if (unexpected.length) console.log('page errors:', unexpected);
