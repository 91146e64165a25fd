// Lighthouse per page (a benchmark run by .ci/bench, not a test): serves dist/ as static files under the tests' sub-path
// (harness.mjs) and runs the pinned Lighthouse 12.2.3 (npx) with Debian's Chromium on every page, printing per page
// the performance and accessibility scores, FCP, LCP and TBT. Lighthouse's own Chrome profile is fresh, so the pages
// open empty (no data); the accessibility of pages with data is what a11y.test.mjs checks with axe.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveDist } from './harness.mjs';

const run = promisify(execFile);
const LIGHTHOUSE = 'lighthouse@12.2.3';
// The page and an address it shows (its first route).
const PAGES = [
  ['index', ''], ['qa', 'qa.html#/qa'], ['s26', 's26.html#/s26'], ['s26-session', 's26-session.html#/s26/session/none'],
  ['s26-print', 's26-print.html#/s26/none/paper'], ['reg', 'reg.html#/reg'], ['reg-province', 'reg-province.html#/reg/province/13/2569'],
  ['ia', 'ia.html#/ia'], ['judge', 'judge.html#/judge'], ['sync', 'sync.html#/sync'],
].filter(([name]) => !process.env.LIGHTHOUSE_PAGES || process.env.LIGHTHOUSE_PAGES.split(' ').includes(name));

const server = await serveDist();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lighthouse-'));
const rows = [];
try {
  for (const [name, rel] of PAGES) {
    const out = path.join(dir, `${name}.json`);
    await run('npx', ['--yes', LIGHTHOUSE, server.base + rel, '--quiet', '--output=json', `--output-path=${out}`,
      '--only-categories=performance,accessibility', '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage'],
    { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM ?? '/usr/bin/chromium' }, maxBuffer: 64 << 20 });
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    const ms = (id) => r.audits[id]?.numericValue;
    rows.push({
      page: name, performance: Math.round(r.categories.performance.score * 100),
      accessibility: Math.round(r.categories.accessibility.score * 100),
      fcp: ms('first-contentful-paint'), lcp: ms('largest-contentful-paint'), tbt: ms('total-blocking-time'),
      failed: Object.values(r.audits).filter((a) => r.categories.accessibility.auditRefs.some((x) => x.id === a.id && x.weight > 0) && a.score === 0).map((a) => a.id),
    });
    const w = rows.at(-1);
    console.log(`${w.page.padEnd(13)} performance ${String(w.performance).padStart(3)}  accessibility ${String(w.accessibility).padStart(3)}  `
      + `FCP ${(w.fcp / 1000).toFixed(2)} s  LCP ${(w.lcp / 1000).toFixed(2)} s  TBT ${Math.round(w.tbt)} ms`
      + (w.failed.length ? `  (failed: ${w.failed.join(', ')})` : ''));
  }
} finally {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
