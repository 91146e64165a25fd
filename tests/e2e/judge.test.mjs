// Judge tablets with the network off: each judge on their own browser context (own IndexedDB, own device id) after
// one online visit; marks a module, reloads, closes and reopens; the marks files go to the chief tester's context,
// which merges them by judge, shows a conflict for a decision, blocks an item on the spread rule until it is re-marked,
// and prints form 15 — all offline. Then: a tap shown as saved survives the page being killed; a closed database is
// reopened; and when it cannot be, the page says so loudly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, newPage, OUT } from './harness.mjs';
import { sessionFile } from './s26-fixture.mjs';
import { openAsJudge as open, tap } from './judge-pages.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const offlineNoise = (e) => !e.includes('ERR_INTERNET_DISCONNECTED');

/** A new "tablet": its own context; first visit online until the service worker controls the page, then offline. */
async function tablet(errors) {
  const { context, page } = await newPage(browser, errors);
  await page.goto(server.base);
  await page.getByTestId('job-judge').waitFor();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    while (!navigator.serviceWorker.controller) await new Promise((r) => setTimeout(r, 50));
  });
  await context.setOffline(true);
  return { context, page };
}

async function download(page, testid, name) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const file = path.join(OUT, name);
  await dl.saveAs(file);
  return file;
}

/** Waits for `testid` to contain `text`; a timeout reports what it says instead. */
async function expectText(page, testid, text) {
  try {
    await page.getByTestId(testid).filter({ hasText: text }).waitFor({ timeout: 15_000 });
  } catch (e) {
    const actual = await page.getByTestId(testid).allTextContents().catch(() => []);
    throw new Error(`${testid}: expected “${text}”, found ${JSON.stringify(actual)}`);
  }
}

function openAsJudge(page, sessionPath, j) {
  return open(page, server.base, sessionPath, j);
}

async function pick(page, number) {
  const options = await page.getByTestId('judge-candidate').locator('option').allTextContents();
  await page.getByTestId('judge-candidate').selectOption(String(options.findIndex((o) => o.startsWith(number))));
  await page.getByTestId('judge-current').filter({ hasText: number }).waitFor();
}

test('three judges mark offline, the chief merges, decides a conflict, enforces the spread rule and prints form 15', async () => {
  const errors = [];
  const fixture = sessionFile();
  const fixturePath = path.join(OUT, 'judge-fixture-session.json');
  fs.writeFileSync(fixturePath, fixture.text);

  const chief = await tablet(errors);
  const judges = [await tablet(errors), await tablet(errors), await tablet(errors)];
  const spare = await tablet(errors); // a second tablet that judge 3 also picked up

  // The chief receives the prepared session, then sends it out to the judges as a file — offline.
  await chief.page.goto(`${server.base}#/judge`);
  await chief.page.getByTestId('offline').waitFor();
  await chief.page.getByTestId('judge-receive').setInputFiles(fixturePath);
  await chief.page.getByTestId('judge-chief').click();
  const sessionPath = await download(chief.page, 'chief-send', 'judge-session-out.json');

  // Judge 1: big buttons, keypad with the verdict at once, toggles; reload mid-way loses nothing.
  const p1 = judges[0].page;
  await openAsJudge(p1, sessionPath, 1);
  assert.match(await p1.getByTestId('judge-current').textContent(), /A001/);
  assert.match(await p1.getByTestId('judge-current-module').textContent(), /โมดูล 1/);
  assert.match(await p1.getByTestId('judge-i1-2').textContent(), /สูงกว่าเกณฑ์บางส่วน/);
  await tap(p1, 'judge-i1-2', '1');
  await p1.reload();
  await p1.getByTestId('judge-bar').waitFor();
  assert.equal(await p1.getByTestId('judge-i1-2').getAttribute('aria-pressed'), 'true', 'saved mark survives reload');
  assert.equal(await p1.getByTestId('judge-saved-1').getAttribute('data-state'), 'saved');
  await tap(p1, 'judge-i2-1', '2');
  for (const k of ['2', '5', '2']) await p1.getByTestId(`judge-i3-key-${k}`).click();
  assert.match(await p1.getByTestId('judge-i3-verdict').textContent(), /นอกเกณฑ์ 250 ± 1/);
  await p1.getByTestId('judge-i3-key-back').click();
  await p1.getByTestId('judge-i3-key-0').click();
  await p1.getByTestId('judge-i3-key-dot').click();
  await p1.getByTestId('judge-i3-key-5').click();
  assert.equal(await p1.getByTestId('judge-i3-display').textContent(), '250.5');
  assert.match(await p1.getByTestId('judge-i3-verdict').textContent(), /✓ อยู่ในเกณฑ์ 250 ± 1 → 5 คะแนน/);
  await tap(p1, 'judge-i3-save', '3');
  await tap(p1, 'judge-i4-yes', '4');
  await tap(p1, 'judge-i5-no', '5');
  await tap(p1, 'judge-i5-yes', '5'); // a change is a new record replacing the first
  assert.match(await p1.getByTestId('judge-progress').textContent(), /5\/5/);
  await pick(p1, 'A002');
  await tap(p1, 'judge-i1-3', '1');
  await tap(p1, 'judge-i2-2', '2');
  assert.ok(await p1.getByTestId('judge-i3-save').isDisabled(), 'nothing typed yet: the save key is disabled');
  for (const k of ['2', '6', '0']) await p1.getByTestId(`judge-i3-key-${k}`).click();
  await tap(p1, 'judge-i3-save', '3');
  await tap(p1, 'judge-i4-yes', '4');
  await tap(p1, 'judge-i5-no', '5');

  // Judge 2 marks, closes the tab, reopens: the marks are there. A001 item 2 gets 3 (spread with judge 1's 1).
  const p2 = judges[1].page;
  await openAsJudge(p2, sessionPath, 2);
  await tap(p2, 'judge-i1-2', '1');
  await tap(p2, 'judge-i2-3', '2');
  await pick(p2, 'A002');
  await tap(p2, 'judge-i1-3', '1');
  await tap(p2, 'judge-i2-2', '2');
  await p2.close();
  const p2b = await judges[1].context.newPage();
  p2b.on('pageerror', (e) => errors.push(String(e)));
  await p2b.goto(`${server.base}#/judge/${fixture.session}`);
  await p2b.getByTestId('judge-me').filter({ hasText: 'คนที่ 2' }).waitFor();
  assert.equal(await p2b.getByTestId('judge-i2-3').getAttribute('aria-pressed'), 'true');

  // Judge 3 on their tablet, and by mistake also on the spare one with a different score for A001 item 1.
  const p3 = judges[2].page;
  await openAsJudge(p3, sessionPath, 3);
  await tap(p3, 'judge-i1-3', '1');
  await tap(p3, 'judge-i2-2', '2');
  await pick(p3, 'A002');
  await tap(p3, 'judge-i1-3', '1');
  await tap(p3, 'judge-i2-2', '2');
  const ps = spare.page;
  await openAsJudge(ps, sessionPath, 3);
  await tap(ps, 'judge-i1-1', '1');

  // Marks files to the chief.
  const files = [
    await download(p1, 'judge-export', 'judge-marks-1.json'),
    await download(p2b, 'judge-export', 'judge-marks-2.json'),
    await download(p3, 'judge-export', 'judge-marks-3.json'),
    await download(ps, 'judge-export', 'judge-marks-3-spare.json'),
  ];
  const cp = chief.page;
  await cp.getByTestId('chief-import').setInputFiles(files);
  await expectText(cp, 'chief-import-msg', 'นำเข้าคะแนนใหม่ 20 รายการจาก 4 ไฟล์');
  // The same files again change nothing.
  await cp.getByTestId('chief-import').setInputFiles(files);
  await expectText(cp, 'chief-import-msg', 'ไม่มีคะแนนใหม่: ทั้ง 20 รายการ');

  // Conflict (judge 3: 3 on one tablet, 1 on the other) is shown, not silently resolved; the spread rule blocks item 2.
  await cp.getByTestId('chief-conflict-0').filter({ hasText: 'กรรมการ 3' }).waitFor();
  assert.match(await cp.getByTestId('chief-A001-m1-i1').textContent(), /ต้องตัดสิน/);
  assert.match(await cp.getByTestId('chief-A001-m1-i2').textContent(), /1, 3, 2 .*ต้องให้คะแนนใหม่/);
  assert.match(await cp.getByTestId('chief-A001-m1-result').textContent(), /ยังสรุปผลไม่ได้/);
  // A002 is complete: 3,3,3 → 5.000; 2,2,2 → 3.333; 260 out of tolerance → 0; critical passed; yes/no failed.
  assert.equal(await cp.getByTestId('chief-A002-m1-i1').textContent(), '5.000');
  assert.match(await cp.getByTestId('chief-A002-m1-result').textContent(), /สรุปผลได้: 8\.333 จาก 20 คะแนน \(41\.67%\) — ไม่ผ่าน/);

  await cp.getByTestId('chief-decide-0-3').click();
  await cp.getByTestId('chief-no-conflicts').waitFor();
  assert.equal(await cp.getByTestId('chief-A001-m1-i1').textContent(), '3.889');

  // Judge 2 re-marks item 2 (3 → 2) on their tablet and sends the file again; the chief imports it.
  await tap(p2b, 'judge-i2-2', '2');
  const again = await download(p2b, 'judge-export', 'judge-marks-2b.json');
  await cp.getByTestId('chief-import').setInputFiles(again);
  await expectText(cp, 'chief-import-msg', 'นำเข้าคะแนนใหม่ 1 รายการจาก 1 ไฟล์ · มีอยู่แล้ว 4 รายการ');
  // 1, 2, 2 → 5 × 5 / 9 = 2.778; module 3.889 + 2.778 + 5 + 0 + 5 = 16.667 / 20 = 83.335 → 83.34 % (half-up) → passes.
  assert.equal(await cp.getByTestId('chief-A001-m1-i2').textContent(), '2.778');
  assert.match(await cp.getByTestId('chief-A001-m1-result').textContent(), /สรุปผลได้: 16\.667 จาก 20 คะแนน \(83\.34%\) — ผ่าน/);

  // Form 15, offline, printed to A4.
  await cp.getByTestId('chief-summary-link').click();
  await cp.getByTestId('s26-summary').waitFor();
  const sheet = await cp.getByTestId('s26-summary').textContent();
  assert.match(sheet, /16\.667/);
  assert.match(sheet, /8\.333/);
  await cp.getByTestId('offline').waitFor(); // still offline
  await cp.emulateMedia({ media: 'print' });
  await cp.pdf({ path: path.join(OUT, 'judge-summary.pdf'), format: 'A4' });
  await cp.screenshot({ path: path.join(OUT, 'judge-chief.png'), fullPage: true }).catch(() => {});
  await p1.screenshot({ path: path.join(OUT, 'judge-tablet.png') });

  assert.deepEqual(errors.filter(offlineNoise), []);
  for (const t of [chief, ...judges, spare]) await t.context.close();
});

test('a tap shown as saved survives the page being killed right after', async () => {
  const errors = [];
  const fixture = sessionFile();
  const fixturePath = path.join(OUT, 'judge-fixture-kill.json');
  fs.writeFileSync(fixturePath, fixture.text);
  const { context, page } = await tablet(errors);
  await openAsJudge(page, fixturePath, 1);
  await tap(page, 'judge-i1-3', '1');
  // Crash the renderer the moment "saved" is shown.
  const cdp = await context.newCDPSession(page);
  const crashed = page.waitForEvent('crash');
  cdp.send('Page.crash').catch(() => {}); // never answers: the renderer is gone
  await crashed;
  let page2 = await context.newPage();
  await page2.goto(`${server.base}#/judge/${fixture.session}`);
  await page2.getByTestId('judge-bar').waitFor();
  assert.equal(await page2.getByTestId('judge-i1-3').getAttribute('aria-pressed'), 'true', 'survives a renderer crash');
  // And closing the tab without any unload handling.
  await tap(page2, 'judge-i2-1', '2');
  await page2.close({ runBeforeUnload: false });
  page2 = await context.newPage();
  await page2.goto(`${server.base}#/judge/${fixture.session}`);
  await page2.getByTestId('judge-bar').waitFor();
  assert.equal(await page2.getByTestId('judge-i2-1').getAttribute('aria-pressed'), 'true', 'survives closing the tab');
  assert.equal(await page2.getByTestId('judge-i1-3').getAttribute('aria-pressed'), 'true');
  await context.close();
});

test('a database closed under the page is reopened; when it cannot be, the page says so loudly', async () => {
  const errors = [];
  const fixture = sessionFile();
  const fixturePath = path.join(OUT, 'judge-fixture-close.json');
  fs.writeFileSync(fixturePath, fixture.text);
  const { context, page } = await tablet(errors);
  await openAsJudge(page, fixturePath, 1);
  await tap(page, 'judge-i1-1', '1');

  // Another connection asks for an upgrade and then abandons it: the app's connection is closed (versionchange).
  const bump = (abort) => page.evaluate((abort) => new Promise((resolve, reject) => {
    const probe = indexedDB.open(`mattrathan:${location.pathname.replace(/[^/]*$/, '')}`);
    probe.onsuccess = () => {
      const v = probe.result.version;
      probe.result.close();
      const req = indexedDB.open(`mattrathan:${location.pathname.replace(/[^/]*$/, '')}`, v + 1);
      req.onupgradeneeded = () => { if (abort) req.transaction.abort(); };
      req.onsuccess = () => { req.result.close(); resolve('upgraded'); };
      req.onerror = (e) => { e.preventDefault(); resolve('aborted'); };
      req.onblocked = () => reject(new Error('blocked: the app did not step aside'));
    };
  }), abort);
  assert.equal(await bump(true), 'aborted');
  await tap(page, 'judge-i1-2', '1');
  assert.equal(await page.getByTestId('judge-failure').count(), 0);
  await page.reload();
  await page.getByTestId('judge-bar').waitFor();
  assert.equal(await page.getByTestId('judge-i1-2').getAttribute('aria-pressed'), 'true', 'written after reopening');

  // Now a real upgrade by "another version": reopening is impossible, and the page says so instead of pretending.
  assert.equal(await bump(false), 'upgraded');
  await page.getByTestId('judge-i1-3').click();
  await page.getByTestId('judge-failure').waitFor();
  assert.match(await page.getByTestId('judge-failure').textContent(), /บันทึกคะแนนไม่ได้/);
  assert.equal(await page.getByTestId('judge-saved-1').getAttribute('data-state'), 'failed');
  assert.match(await page.getByTestId('judge-saved-1').textContent(), /ยังไม่ได้บันทึก/);
  await context.close();
  assert.deepEqual(errors.filter(offlineNoise), []);
});
