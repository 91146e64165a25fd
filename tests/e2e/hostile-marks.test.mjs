// Issue 12, points 3 and 11, against the release build: forged marks files (a mark added to judge 1's file naming
// judge 2's mark, checksum recomputed) are refused whole on the chief tester's tablet, naming the file and the mark,
// and the board does not change (an honest file picked with one is imported); a judge tablet switched to another
// judge and back shows the marks it stored; a tap whose write fails stays on screen as "not saved" and is written by
// itself once IndexedDB works again, in a strict transaction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { useServerAndBrowser, server, browser, newPage, OUT } from './harness.mjs';
import { sessionFile, backup, markRecords } from './s26-fixture.mjs';
import { openAsJudge, tap } from './judge-pages.mjs';

useServerAndBrowser();

const write = (name, text) => {
  const file = path.join(OUT, name);
  fs.writeFileSync(file, text);
  return file;
};

/** Waits for `testid` to contain `text`; a timeout reports what it says instead. */
async function expectText(page, testid, text) {
  try {
    await page.getByTestId(testid).filter({ hasText: text }).waitFor({ timeout: 15_000 });
  } catch {
    const actual = await page.getByTestId(testid).allTextContents().catch(() => []);
    throw new Error(`${testid}: expected “${text}”, found ${JSON.stringify(actual)}`);
  }
}

test('a forged marks file (a mark naming judge 2’s mark, checksum recomputed) is refused whole, the board unchanged', async () => {
  const errors = [];
  const fx = sessionFile();
  const [a1] = fx.candidates;
  const slot = (item, judge, value) => ({ candidate: a1.id, module: '1', item, judge, value });
  // Each judge's tablet: its own device id, its own marks file.
  const dev = [1, 2, 3].map(() => crypto.randomUUID());
  const j1 = markRecords(fx.org, dev[0], 'กรรมการ 1', [slot('1', 1, 2), slot('2', 1, 2)]);
  const j2 = markRecords(fx.org, dev[1], 'กรรมการ 2', [slot('1', 2, 3), slot('2', 2, 2)]);
  const j3 = markRecords(fx.org, dev[2], 'กรรมการ 3', [slot('1', 3, 2), slot('2', 3, 2)]);
  const honest = [j1, j2, j3].map((marks, i) => write(`hostile-marks-j${i + 1}.json`, backup(fx.org, marks)));

  const { context, page } = await newPage(browser, errors);
  await page.goto(`${server.base}#/judge`);
  await page.getByTestId('judge-receive').setInputFiles(write('hostile-marks-session.json', fx.text));
  await page.getByTestId('judge-chief').click();
  await page.getByTestId('chief-import').setInputFiles(honest);
  await expectText(page, 'chief-import-msg', 'นำเข้าคะแนนใหม่ 6 รายการจาก 3 ไฟล์');
  // 2, 3, 2 → 5 × 7 / 9 = 3.889; 2, 2, 2 → 3.333.
  const board = async () => [await page.getByTestId('chief-A001-m1-i1').textContent(), await page.getByTestId('chief-A001-m1-i2').textContent()];
  assert.deepEqual(await board(), ['3.889', '3.333']);
  const before = await page.getByTestId('chief-board').textContent();

  /** Judge 1's file with `extra` added (the checksum recomputed, as an attacker would). */
  const forgedFile = (name, extra) => write(name, backup(fx.org, [...j1, extra]));
  const forged = (fields) => ({ ...markRecords(fx.org, dev[0], 'กรรมการ 1', [slot('1', 2, 0)])[0], ...fields });
  const j2mark = j2[0].id;
  const attacks = [
    // The issue's file: judge 2's slot, 0, replacing judge 2's 3 — from judge 1's tablet.
    ['same slot from another device', forged({ replaces: j2mark }), 'มาจากเครื่องอื่น'],
    // The same claiming judge 2's device: a marks file holds one device's marks.
    ['same slot, judge 2’s device claimed', forged({ replaces: j2mark, device: dev[1] }), 'เครื่องเดียว'],
    // Another slot (judge 1's item 2) naming judge 2's item-1 mark: it would make it vanish.
    ['another slot', forged({ judge: 1, item: '2', value: '3', replaces: j2mark }), 'ช่องอื่น'],
    // A judge "deciding": settles judge 2's mark.
    ['a settle by a judge', forged({ judge: 2, value: '2', replaces: null, settles: [j2mark] }), 'หัวหน้าผู้ทดสอบ'],
    // Naming a mark that does not exist.
    ['an unknown id', forged({ replaces: crypto.randomUUID() }), 'ไม่มีคะแนนรหัส'],
  ];
  for (const [what, mark, why] of attacks) {
    await page.getByTestId('chief-import').setInputFiles(forgedFile(`hostile-marks-forged.json`, mark));
    await expectText(page, 'chief-import-msg', `คะแนนที่ 3 (รหัส ${mark.id},`);
    const msg = await page.getByTestId('chief-import-msg').textContent();
    assert.match(msg, /ยังไม่ได้นำเข้าข้อมูลใด/, what);
    assert.ok(msg.includes(why), `${what}: ${msg}`);
    assert.deepEqual(await board(), ['3.889', '3.333'], what);
    assert.equal(await page.getByTestId('chief-board').textContent(), before, what);
  }
  // Picked together with an honest file, the forged file is refused whole and named; the honest one is imported.
  const fresh = write('hostile-marks-j1-more.json', backup(fx.org, markRecords(fx.org, dev[0], 'กรรมการ 1', [slot('3', 0, 250)])));
  await page.getByTestId('chief-import').setInputFiles([fresh, forgedFile('hostile-marks-forged-2.json', attacks[0][1])]);
  await expectText(page, 'chief-import-msg', 'นำเข้าคะแนนใหม่ 1 รายการจาก 1 ไฟล์');
  const mixed = await page.getByTestId('chief-import-msg').textContent();
  assert.ok(mixed.includes('ไม่นำเข้า 1 ไฟล์') && mixed.includes('hostile-marks-forged-2.json: คะแนนที่ 3'), mixed);
  await page.reload();
  await page.getByTestId('chief-board').waitFor();
  assert.deepEqual(await board(), ['3.889', '3.333'], 'nothing of the forged file');
  assert.doesNotMatch(await page.getByTestId('chief-A001-m1-i3').textContent(), /รอคะแนน/, 'the honest file picked with it was imported');
  assert.equal(await page.getByTestId('chief-broken').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a judge tablet switched to another judge and back shows the marks it stored', async () => {
  const errors = [];
  const fx = sessionFile();
  const sessionPath = write('hostile-marks-switch.json', fx.text);
  const { context, page } = await newPage(browser, errors);
  await openAsJudge(page, server.base, sessionPath, 1);
  await tap(page, 'judge-i1-2', '1');
  await tap(page, 'judge-i4-yes', '4'); // one slot for every judge (a critical item)
  const first = await page.getByTestId('judge-saved-1').getAttribute('data-mark');

  await page.getByTestId('judge-switch').click();
  await page.getByTestId('judge-me-2').click();
  await page.getByTestId('judge-me').filter({ hasText: 'คนที่ 2' }).waitFor();
  assert.equal(await page.getByTestId('judge-i4-yes').getAttribute('aria-pressed'), 'true', 'judge 1’s critical-item mark shows');
  assert.equal(await page.getByTestId('judge-saved-1').getAttribute('data-state'), 'none', 'judge 2 has not marked item 1');
  await tap(page, 'judge-i1-3', '1');

  await page.getByTestId('judge-switch').click();
  await page.getByTestId('judge-me-1').click();
  await page.getByTestId('judge-me').filter({ hasText: 'คนที่ 1' }).waitFor();
  assert.equal(await page.getByTestId('judge-i1-2').getAttribute('aria-pressed'), 'true', 'judge 1’s mark shows again');
  assert.equal(await page.getByTestId('judge-saved-1').getAttribute('data-state'), 'saved');
  assert.equal(await page.getByTestId('judge-saved-1').getAttribute('data-mark'), first);
  // A re-mark now replaces judge 1's stored mark (no second head, no conflict for the chief).
  await tap(page, 'judge-i1-3', '1');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('judge-export').click()]);
  const file = JSON.parse(fs.readFileSync(await dl.path(), 'utf8'));
  const judge1 = file.records.filter((m) => m.item === '1' && m.judge === 1);
  assert.equal(judge1.length, 2);
  assert.equal(judge1.find((m) => m.value === '3').replaces, first);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a tap whose write fails stays on screen as not saved, and is written by itself once IndexedDB works again', async () => {
  const errors = [];
  const fx = sessionFile();
  const sessionPath = write('hostile-marks-fail.json', fx.text);
  const { context, page } = await newPage(browser, errors);
  await openAsJudge(page, server.base, sessionPath, 1);
  // Record every transaction's durability; then make every IndexedDB write fail (a full disk, say).
  await page.evaluate(() => {
    window.__txs = [];
    const open = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (...args) {
      const tx = open.apply(this, args);
      window.__txs.push(`${tx.mode}:${tx.durability}`);
      return tx;
    };
    window.__put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = () => { throw new DOMException('test: the disk is full', 'QuotaExceededError'); };
  });
  await page.getByTestId('judge-i1-2').click();
  const badge = page.getByTestId('judge-saved-1');
  await page.waitForFunction((el) => el.dataset.state === 'failed', await badge.elementHandle());
  await page.getByTestId('judge-failure').waitFor();
  assert.match(await badge.textContent(), /ยังไม่ได้บันทึก/);
  assert.equal(await page.getByTestId('judge-i1-2').getAttribute('aria-pressed'), 'true', 'the value is kept on screen');
  // Switching judge now would hide the unsaved tap: refused.
  await page.getByTestId('judge-switch').click();
  await page.getByTestId('judge-switch-msg').waitFor();
  assert.equal(await page.getByTestId('judge-me').count(), 1);

  // IndexedDB works again: no button pressed, the tap is written by itself.
  await page.evaluate(() => { IDBObjectStore.prototype.put = window.__put; });
  await page.waitForFunction((el) => el.dataset.state === 'saved', await badge.elementHandle(), { timeout: 20_000 });
  await page.getByTestId('judge-failure').waitFor({ state: 'detached' });
  const txs = await page.evaluate(() => window.__txs.filter((t) => t.startsWith('readwrite')));
  assert.ok(txs.length >= 2 && txs.every((t) => t === 'readwrite:strict'), `tap writes are strict: ${txs}`);
  await page.reload();
  await page.getByTestId('judge-bar').waitFor();
  assert.equal(await page.getByTestId('judge-i1-2').getAttribute('aria-pressed'), 'true', 'stored');
  assert.equal(await page.getByTestId('judge-saved-1').getAttribute('data-state'), 'saved');
  assert.deepEqual(errors, []);
  await context.close();
});
