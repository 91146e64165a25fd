// Benchmark (not a test; run `node s26.bench.mjs` in tests/e2e after `trunk build --release`; `.ci/bench` runs it),
// printed only: scoring 1,000 candidates from an answers CSV in the browser (release build, headless Chromium).
// A session of 1,000 candidates × 60 questions (one practical module, no marks) is received as a session file; the
// session page is opened (timed until the last candidate's result row shows); then an answers CSV of 1,000 rows is
// picked with the file picker and timed from picking the file to the last candidate's new score showing in the
// results table (the CSV read, checked all-or-nothing, 1,000 records written in one IndexedDB transaction, every
// candidate re-scored and the table redrawn). Three imports with different answers; the median is printed.
// The native figure for the same work is printed by `cargo test --release --features cli --test cli s26::`.
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, newPage, OUT } from './harness.mjs';
import { sessionFile } from './s26-fixture.mjs';

const CANDIDATES = 1000;
const QUESTIONS = 60;
const RUNS = 3;
const LETTERS = ['ก', 'ข', 'ค', 'ง'];

/** Run `run`'s answers: the key is q % 4; the last candidate has exactly 10 + 10 × run correct, the others a mix. */
function answersCsv(numbers, run) {
  const lines = [`candidate,${Array.from({ length: QUESTIONS }, (_, q) => q + 1).join(',')}`];
  numbers.forEach((num, c) => {
    const last = c === numbers.length - 1;
    const cells = Array.from({ length: QUESTIONS }, (_, q) => {
      if (last) return LETTERS[q < 10 + 10 * run ? q % 4 : (q + 1) % 4];
      if ((q * 7 + c + run) % 11 === 0) return '';
      return LETTERS[(q + (c * 13 + run) % 5) % 4];
    });
    lines.push(`${num},${cells.join(',')}`);
  });
  return lines.join('\n') + '\n';
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await serveDist();
const browser = await launch();
const errors = [];
try {
  const fx = sessionFile({
    judges: 3,
    candidates: CANDIDATES,
    questions: QUESTIONS,
    items: [
      { id: '1', title: 'ความเรียบร้อย', full: '5', type: 'judgement' },
      { id: '2', title: 'ระยะ A–B', full: '5', type: 'measurement', nominal: '250', tolerance: '1' },
    ],
  });
  const numbers = fx.candidates.map((c) => c.number);
  const lastNumber = numbers[numbers.length - 1];
  const sessionPath = path.join(OUT, 'bench-s26-session.json');
  fs.writeFileSync(sessionPath, fx.text);

  const { context, page } = await newPage(browser, errors);
  await page.goto(server.base);
  await page.getByTestId('job-judge').click();
  await page.getByTestId('judge-receive').setInputFiles(sessionPath);
  await page.getByTestId('judge-open').waitFor();
  await page.goto(server.base);
  await page.getByTestId('job-s26').click();
  await page.getByTestId('s26-standards').getByRole('link').first().click();
  const lastRow = page.getByTestId(`s26-result-${lastNumber}`);
  let t0 = performance.now();
  await page.getByTestId('s26-sessions').getByRole('link').first().click();
  await lastRow.waitFor({ timeout: 120_000 });
  const open = performance.now() - t0;

  const times = [];
  for (let run = 1; run <= RUNS; run++) {
    const csv = path.join(OUT, `bench-s26-answers-${run}.csv`);
    fs.writeFileSync(csv, answersCsv(numbers, run));
    const expected = `${10 + 10 * run}/${QUESTIONS}`;
    t0 = performance.now();
    await page.getByTestId('s26-csv-file').setInputFiles(csv);
    await lastRow.filter({ hasText: expected }).waitFor({ timeout: 120_000 });
    times.push(performance.now() - t0);
    await page.getByText(`นำเข้าคำตอบ ${CANDIDATES} คนแล้ว`).waitFor();
  }
  const stored = await page.evaluate((questions) => new Promise((resolve, reject) => {
    const req = indexedDB.open(`mattrathan:${location.pathname.replace(/[^/]*$/, '')}`);
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const all = req.result.transaction('records').objectStore('records').index('kind').getAll('s26_candidate');
      all.onsuccess = () => resolve(all.result.filter((c) => c.answers.length === questions).length);
    };
  }), QUESTIONS);
  console.log(`s26 browser: session page with ${CANDIDATES} candidates opened in ${(open / 1000).toFixed(2)} s`);
  console.log(`s26 browser: answers CSV of ${CANDIDATES} candidates × ${QUESTIONS} questions picked → scores shown: `
    + `median ${(median(times) / 1000).toFixed(2)} s (runs: ${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s); `
    + `candidates stored with ${QUESTIONS} answers: ${stored}`);
  await context.close();
  if (errors.length) console.log('page errors:', errors);
} finally {
  await browser.close();
  await server.close();
}
