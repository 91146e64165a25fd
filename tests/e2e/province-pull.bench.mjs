// Benchmark (not a test; `.ci/bench` runs it after a release build, printed only): many databases at once (issue 15
// goal 2). A province's 100 colleges, each with its own server database (`mattrathan provision`, PouchDB Server in
// memory started here) of 40 documents — its profile, its registration for the year and 38 other records of its own
// (self-assessments, which the province leaves on the server) — are pulled from the committee's page on a fresh
// device (its own IndexedDB), as the app does it (6 colleges at a time) and one college at a time (the page's
// `mattrathan:pull-at-once` setting, kept in the browser's local storage for this comparison). Each run is timed from
// the click on "ดึงข้อมูลจากเซิร์ฟเวอร์" until the summary is shown with every college pulled and every registration
// counted. Prints each run and the medians. Sizes: PULL_BENCH_COLLEGES (100), PULL_BENCH_ROWS (40), PULL_BENCH_RUNS (3).
import { randomUUID } from 'node:crypto';
import { serveDist, launch, newPage } from './harness.mjs';
import { startCouch, provision, admin, collegeCode } from './couch.mjs';
import { go, signIn } from './sync-pages.mjs';
import { openProvince } from './registration-pages.mjs';

const COLLEGES = Number(process.env.PULL_BENCH_COLLEGES ?? 100);
const ROWS = Number(process.env.PULL_BENCH_ROWS ?? 40);
const RUNS = Number(process.env.PULL_BENCH_RUNS ?? 3);
const YEAR = '2569';
const PROVINCE = '26';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

const couch = await startCouch();
const server = await serveDist();
const browser = await launch();
const errors = [];

const account = provision(couch.url, PROVINCE, 'province');
const codes = [];
let students = 0;
const now = new Date().toISOString();
for (let i = 0; i < COLLEGES; i++) {
  const code = collegeCode();
  codes.push(code);
  provision(couch.url, code, 'college', PROVINCE);
  const meta = (kind) => ({ id: randomUUID(), kind, org: code, created: now, updated: now, schema: 1 });
  const entries = Array.from({ length: 40 }, (_, r) => ({
    group: 'pvc62', program_type: 'อุตสาหกรรม', major: `สาขาวิชา ${r % 8}`, specialisation: `สาขางาน ${r}`, code: '', count: 1 + ((i + r) % 25),
  }));
  students += entries.reduce((s, e) => s + e.count, 0);
  const docs = [
    { ...meta('reg_college'), code, name: `วิทยาลัยทดสอบ ${i + 1}`, province: PROVINCE, affiliation: 'สำนักงานคณะกรรมการการอาชีวศึกษา', sector: 'government' },
    { ...meta('reg_registration'), college: code, year: Number(YEAR), entries },
    ...Array.from({ length: ROWS - 2 }, (_, k) => ({ ...meta('qa_assessment'), college: code, year: 3000 + k, input: { indicators: {} } })),
  ].map((d) => ({ ...d, _id: d.id }));
  const res = await admin(couch.url, `/mt_${code}/_bulk_docs`, { method: 'POST', body: JSON.stringify({ docs }) });
  if (!res.every((r) => r.ok)) throw new Error(JSON.stringify(res));
}

/** One pull of every college on a fresh device, `atOnce` colleges at a time; returns the seconds and the summary. */
async function pull(atOnce) {
  const P = await newPage(browser, errors);
  await openProvince(P.page, server.base, PROVINCE, YEAR);
  await P.page.evaluate((n) => localStorage.setItem('mattrathan:pull-at-once', String(n)), atOnce);
  const signed = await signIn(P.page, couch.url, PROVINCE, account);
  if (!/ลงชื่อเข้าใช้/.test(signed)) throw new Error(signed);
  await go(P.page, `#/reg/province/${PROVINCE}/${YEAR}`, 'pull-go');
  await P.page.getByTestId('pull-codes').fill(codes.join(' '));
  const t0 = performance.now();
  await P.page.getByTestId('pull-go').click();
  await P.page.waitForFunction(() => document.querySelector('[data-testid=pull-summary]') || document.querySelector('[data-testid=pull-error]'),
    null, { timeout: 900_000, polling: 20 });
  const seconds = (performance.now() - t0) / 1000;
  const summary = (await P.page.locator('[data-testid=pull-summary], [data-testid=pull-error]').first().textContent()).trim();
  if (!summary.includes(`ดึงจากเซิร์ฟเวอร์ ${COLLEGES} แห่ง (ไม่สำเร็จ 0)`) || !summary.includes(`เพิ่มใหม่ ${COLLEGES}`)) throw new Error(summary);
  await P.page.getByTestId('count-students').filter({ hasText: String(students) }).waitFor();
  await P.context.close();
  return { seconds, summary };
}

const measured = { 6: [], 1: [] };
try {
  for (let r = 0; r < RUNS; r++) {
    // Alternate which goes first, so neither always meets a warmer server.
    for (const n of r % 2 === 0 ? [6, 1] : [1, 6]) {
      const { seconds, summary } = await pull(n);
      measured[n].push(seconds);
      console.log(`[province pull bench] run ${r + 1}/${RUNS}, ${n} at a time: ${seconds.toFixed(2)} s — ${summary}`);
    }
  }
} finally {
  await browser.close();
  await server.close();
  await couch.stop();
}
const c = median(measured[6]);
const s = median(measured[1]);
console.log(`\nprovince pull: ${COLLEGES} colleges × ${ROWS} documents, a fresh device each run (median of ${RUNS} runs)`);
console.log(`  6 at a time (the app)  ${c.toFixed(2).padStart(6)} s   target ≤ 5 s  ${c <= 5 ? 'ok' : 'MISSED'}`);
console.log(`  one at a time          ${s.toFixed(2).padStart(6)} s   (${(s / c).toFixed(1)} × the concurrent time)`);
const unexpected = errors.filter((e) => !/status of 404/.test(e));
if (unexpected.length) console.log('page errors:', unexpected);
