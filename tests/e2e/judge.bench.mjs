// Benchmark (not a test; run `node judge.bench.mjs` in tests/e2e after `trunk build --release`), printed only:
//  1. tap → confirmed saved on a judge tablet: 1,000 taps in headless Chromium, median and p95 (issue 15 goal 5: p95
//     ≤ 16 ms), on a fresh tablet and on one holding 20,000 marks of the day (10 judges × 200 candidates × 10 items).
//     Each tap is timed in the page from the click to the item's badge saying "saved" for that very mark.
//  2. the chief importing 10 judges' marks files of 1,000 marks each (100 candidates × 10 judgement items), from
//     picking the files to the result message (files checked, merged, written in one transaction, board redrawn),
//     and importing the same 10 files again (nothing changes).
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, newPage, OUT } from './harness.mjs';
import { sessionFile, marksFile, markRecords, backup } from './s26-fixture.mjs';

const server = await serveDist();
const browser = await launch();
const errors = [];
const judgementItems = (n) => Array.from({ length: n }, (_, i) => ({ id: String(i + 1), title: `รายการ ${i + 1}`, full: '5', type: 'judgement' }));
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };

async function receive(page, text, name) {
  const file = path.join(OUT, name);
  fs.writeFileSync(file, text);
  await page.goto(`${server.base}#/judge`);
  await page.getByTestId('judge-receive').setInputFiles(file);
}

try {
  // 1. Taps, on a fresh tablet and on one holding a full day of marks (issue 15 goal 5: 20,000 marks stored).
  for (const dayMarks of [0, 20_000]) {
    // The tapped candidate is the first; the day's marks belong to the others (10 judges × 10 items each).
    const others = dayMarks / 100;
    const fx = sessionFile({ judges: 10, candidates: 1 + others, items: judgementItems(10) });
    const day = [];
    for (let j = 1; j <= 10; j++) {
      const marks = fx.candidates.slice(1).flatMap((cand, c) => Array.from({ length: 10 }, (_, i) => (
        { candidate: cand.id, module: '1', item: String(i + 1), judge: j, value: (c + i + j) % 4 })));
      day.push(...markRecords(fx.org, `bench-device-${j}`, `กรรมการ ${j}`, marks));
    }
    const { context, page } = await newPage(browser, errors);
    await receive(page, backup(fx.org, [...fx.records, ...day]), `bench-taps-session-${dayMarks}.json`);
    await page.locator('.msg').filter({ hasText: 'รับรอบทดสอบจาก' }).waitFor({ timeout: 300_000 });
    await page.getByTestId('judge-open').click();
    await page.getByTestId('judge-me-1').click();
    await page.getByTestId('judge-bar').waitFor();
    const times = await page.evaluate(async () => {
      const out = [];
      for (let i = 0; i < 1000; i++) {
        const item = (i % 10) + 1;
        const v = Math.floor(i / 10) % 4;
        const badge = document.querySelector(`[data-testid="judge-saved-${item}"]`);
        const prev = badge.dataset.mark;
        const button = document.querySelector(`[data-testid="judge-i${item}-${v}"]`);
        const t0 = performance.now();
        button.click();
        await new Promise((resolve) => {
          const done = () => badge.dataset.state === 'saved' && badge.dataset.mark !== prev;
          if (done()) return resolve();
          const obs = new MutationObserver(() => { if (done()) { obs.disconnect(); resolve(); } });
          obs.observe(badge, { attributes: true });
        });
        out.push(performance.now() - t0);
      }
      return out;
    });
    const stored = await page.evaluate(() => new Promise((resolve) => {
      const req = indexedDB.open(`mattrathan:${location.pathname.replace(/[^/]*$/, '')}`);
      req.onsuccess = () => {
        const tx = req.result.transaction('records');
        const c = tx.objectStore('records').index('kind').count('s26_mark');
        c.onsuccess = () => resolve(c.result);
      };
    }));
    console.log(`taps: ${times.length}, marks stored: ${stored} (${dayMarks} before the taps)`);
    console.log(`tap → saved with ${dayMarks} marks stored: median ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`);
    await context.close();
  }

  // 2. Import on the chief's tablet.
  {
    const judges = 10;
    const fx = sessionFile({ judges, candidates: 100, items: judgementItems(10) });
    const files = [];
    for (let j = 1; j <= judges; j++) {
      const marks = [];
      for (const [c, cand] of fx.candidates.entries()) {
        for (let i = 1; i <= 10; i++) marks.push({ candidate: cand.id, module: '1', item: String(i), judge: j, value: ((c + i) % 3) + (j % 2) });
      }
      const file = path.join(OUT, `bench-marks-j${j}.json`);
      fs.writeFileSync(file, marksFile(fx.org, `bench-device-${j}`, `กรรมการ ${j}`, marks));
      files.push(file);
    }
    const { context, page } = await newPage(browser, errors);
    await receive(page, fx.text, 'bench-import-session.json');
    await page.getByTestId('judge-chief').click();
    await page.getByTestId('chief-board').waitFor();
    let t0 = performance.now();
    await page.getByTestId('chief-import').setInputFiles(files);
    await page.getByTestId('chief-import-msg').filter({ hasText: 'นำเข้าคะแนนใหม่ 10000 รายการจาก 10 ไฟล์' }).waitFor({ timeout: 120_000 });
    const first = performance.now() - t0;
    const finals = await page.locator('[data-testid$="-m1-result"]').filter({ hasText: 'สรุปผลได้' }).count();
    t0 = performance.now();
    await page.getByTestId('chief-import').setInputFiles(files);
    await page.getByTestId('chief-import-msg').filter({ hasText: 'ไม่มีคะแนนใหม่: ทั้ง 10000 รายการ' }).waitFor({ timeout: 120_000 });
    const second = performance.now() - t0;
    console.log(`import 10 files × 1,000 marks: ${(first / 1000).toFixed(2)} s (modules finalisable: ${finals}/100); same files again: ${(second / 1000).toFixed(2)} s`);
    await context.close();
  }
  if (errors.length) console.log('page errors:', errors);
} finally {
  await browser.close();
  await server.close();
}
