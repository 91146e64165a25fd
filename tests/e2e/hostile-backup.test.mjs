// Issue 12, points 5, 8, 12 and 13 against the release build: application numbers survive a restore on another
// device (never reissued); forged backups (another organisation's record id, a mark rewritten, a record or file dated
// in the future; checksums recomputed) are refused naming the record with nothing stored; every organisation backs up
// and restores from its own page (office, test centre, province, judge tablet).
// Pages: s26, judge, reg, reg-province, sync (the last test: two offices' devices issue one number offline, then sync
// through the PouchDB Server .ci/test starts: one document in conflict, shown, never two applications).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { useServerAndBrowser, server, browser, newPage, OUT } from './harness.mjs';
import { sessionFile, markRecords, backup } from './s26-fixture.mjs';
import { crc32Hex, canonical } from './checksum.mjs';
import { waitSaved, openProvince } from './registration-pages.mjs';
import { sharedCouch, provision } from './couch.mjs';
import { signIn, syncNow, go } from './sync-pages.mjs';

useServerAndBrowser();

/** Clicks `testid` and saves the download it starts as OUT/`name`; returns the path. */
async function download(page, testid, name) {
  const button = typeof testid === 'string' ? page.getByTestId(testid).first() : testid;
  const [d] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const file = path.join(OUT, name);
  await d.saveAs(file);
  return file;
}

function write(name, text) {
  const file = path.join(OUT, name);
  fs.writeFileSync(file, text);
  return file;
}

/** A version 2 backup as the app writes it: the checksum covers the records and then the counters. */
function backupV2(org, records, counters = {}, exported = new Date().toISOString()) {
  return JSON.stringify({
    format: 'mattrathan-backup', version: 2, org, exported, count: records.length,
    checksum: crc32Hex(canonical(records) + canonical(counters)), counters, records,
  }, null, 1);
}

async function alert(page, text) {
  await page.getByRole('alert').filter({ hasText: text }).first().waitFor();
}

async function status(page, text) {
  await page.getByRole('status').filter({ hasText: text }).first().waitFor();
}

/** Creates a standard of `occupation` on the s26 start page and comes back to it. */
async function createStandard(page, occupation) {
  await page.goto(`${server.base}s26.html#/s26`);
  await page.getByTestId('s26-new-occupation').fill(occupation);
  await page.getByTestId('s26-create').click();
  await page.getByTestId('s26-title').filter({ hasText: occupation }).waitFor();
  await page.goto(`${server.base}s26.html#/s26`);
  await page.getByTestId('s26-standards').filter({ hasText: occupation }).waitFor();
}

/** Issues one application number for the standard `occupation` on 1 December 2026 (fiscal year 2570). */
async function issue(page, occupation, expected) {
  await page.getByTestId('s26-app-standard').selectOption({ label: `${occupation} ระดับ 1` });
  await page.getByTestId('s26-app-date').fill('01/12/2569');
  await page.getByTestId('s26-app-applicant').fill('บริษัท ทดสอบ จำกัด');
  await page.getByTestId('s26-app-issue').click();
  await page.getByText(`ออกเลขที่รับคำขอ ${expected} แล้ว`).waitFor();
  // The list reloads after the message (the page's data is read again): wait for the new row before counting.
  await page.getByTestId('s26-app-list').filter({ hasText: expected }).waitFor();
}

async function rows(page) {
  return page.getByTestId('s26-app-list').locator('tbody tr').count();
}

test('three numbers issued on device A, restored on device B: the next number is 004, never 001 again', async () => {
  const errors = [];
  const a = await newPage(browser, errors);
  await createStandard(a.page, 'ช่างสำรองข้อมูล');
  for (const n of ['12-001-2570', '12-002-2570', '12-003-2570']) await issue(a.page, 'ช่างสำรองข้อมูล', n);
  const officeFile = await download(a.page, 's26-office-export', 'hostile-office.json');
  const office = JSON.parse(fs.readFileSync(officeFile, 'utf8'));
  assert.equal(office.version, 2);
  assert.equal(office.org, '12');
  assert.equal(office.records.length, 3);
  assert.deepEqual(office.counters, { 's26-application-12-2570': 3 }, 'the backup carries the counter');
  assert.ok(office.records.every((r) => r.kind === 's26_application'));
  await a.context.close();

  // Device B: a fresh browser. It restores the office's numbers, then issues one more.
  const b = await newPage(browser, errors);
  await createStandard(b.page, 'ช่างเครื่องที่สอง');
  await b.page.getByTestId('s26-office-import').setInputFiles(officeFile);
  await status(b.page, 'นำเข้า hostile-office.json แล้ว: 3 รายการ');
  await b.page.getByTestId('s26-app-list').filter({ hasText: '12-003-2570' }).waitFor();
  await issue(b.page, 'ช่างเครื่องที่สอง', '12-004-2570');
  assert.equal(await rows(b.page), 4);

  // Device C got the three records without any counter (an old version 1 file): still 004.
  const c = await newPage(browser, errors);
  await createStandard(c.page, 'ช่างเครื่องที่สาม');
  const v1 = write('hostile-office-v1.json', backup('12', office.records));
  await c.page.getByTestId('s26-office-import').setInputFiles(v1);
  await status(c.page, 'นำเข้า hostile-office-v1.json แล้ว: 3 รายการ');
  await issue(c.page, 'ช่างเครื่องที่สาม', '12-004-2570');
  assert.equal(await c.page.getByTestId('s26-app-duplicates').count(), 0);

  // The application record's id is derived from its number: B and C issued 12-004-2570 offline, both as one id,
  // so the sync server sees one document in conflict, never two applications with one number.
  const idOf = async (page) => {
    const f = await download(page, 's26-office-export', `hostile-office-${Math.random()}.json`);
    return JSON.parse(fs.readFileSync(f, 'utf8')).records.find((r) => r.number === '12-004-2570').id;
  };
  assert.equal(await idOf(b.page), await idOf(c.page));

  // Records of an older build with one number twice (random ids): the list says so.
  const twin = { ...office.records[0], id: crypto.randomUUID() };
  await c.page.getByTestId('s26-office-import').setInputFiles(write('hostile-office-twin.json', backupV2('12', [twin])));
  await c.page.getByTestId('s26-app-duplicates').filter({ hasText: '12-001-2570' }).waitFor();
  assert.deepEqual(errors, []);
  await b.context.close();
  await c.context.close();
});

test('forged backups are refused naming the record, and nothing of them is stored', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  await createStandard(page, 'ช่างตรวจไฟล์');
  await issue(page, 'ช่างตรวจไฟล์', '12-001-2570');
  const mine = JSON.parse(fs.readFileSync(await download(page, 's26-office-export', 'hostile-mine.json'), 'utf8'));
  const standardId = await page.getByTestId('s26-app-standard').locator('option').nth(1).getAttribute('value');

  // 1. Another organisation's record: the id of the standard (org = its own id) inside office 12's file.
  const fresh = { ...mine.records[0], id: crypto.randomUUID(), number: '12-050-2570' };
  const takeover = { ...mine.records[0], id: standardId, number: '12-051-2570' };
  await page.getByTestId('s26-office-import').setInputFiles(write('hostile-takeover.json', backupV2('12', [fresh, takeover])));
  await alert(page, 'ระเบียนที่ 2');
  await alert(page, standardId);
  await alert(page, 'ไม่มีข้อมูลใดถูกเปลี่ยน');
  // 2. A record "updated" in 2099.
  const future = { ...mine.records[0], applicant: 'จากอนาคต', updated: '2099-01-01T00:00:00.000Z' };
  await page.getByTestId('s26-office-import').setInputFiles(write('hostile-future.json', backupV2('12', [fresh, future])));
  await alert(page, mine.records[0].id);
  await alert(page, '2099-01-01');
  // 3. A file exported in the future.
  await page.getByTestId('s26-office-import').setInputFiles(
    write('hostile-exported.json', backupV2('12', [fresh], {}, '2099-01-01T00:00:00.000Z')));
  await alert(page, 'ไม่รับไฟล์ที่ลงเวลาในอนาคต');
  // 4. Another office's counter (raising it would skip numbers there).
  await page.getByTestId('s26-office-import').setInputFiles(
    write('hostile-counter.json', backupV2('12', [fresh], { 's26-application-13-2570': 900 })));
  await alert(page, 's26-application-13-2570');
  // 5. A college's record through the office's restore.
  const college = { ...mine.records[0], id: crypto.randomUUID(), kind: 'college', org: '12' };
  await page.getByTestId('s26-office-import').setInputFiles(write('hostile-kind.json', backupV2('12', [fresh, college])));
  await alert(page, '"college"');

  // Nothing of any of them is stored: still one application, with its applicant, and the next number is 002.
  await page.reload();
  await page.getByTestId('s26-app-list').waitFor();
  assert.equal(await rows(page), 1);
  assert.match(await page.getByTestId('s26-app-list').textContent(), /บริษัท ทดสอบ จำกัด/);
  await issue(page, 'ช่างตรวจไฟล์', '12-002-2570');

  // 6. A mark rewritten in place on a judge tablet: the received session holds judge 2's 3; a "backup" with the same
  // mark id and the value 0 (checksum recomputed) is refused naming the mark, and the 3 stays.
  const fixture = sessionFile({ judges: 2, candidates: 1 });
  const [mark] = markRecords(fixture.org, 'tab-2', 'กรรมการ 2', [
    { candidate: fixture.candidates[0].id, module: '1', item: '1', judge: 2, value: 3 },
  ]);
  await page.goto(`${server.base}judge.html#/judge`);
  await page.getByTestId('judge-receive').setInputFiles(write('hostile-session.json', backup(fixture.org, [...fixture.records, mark])));
  await page.getByTestId('judge-sessions').filter({ hasText: 'ช่างเชื่อมแม็ก' }).waitFor();
  const rewritten = { ...mark, value: '0', updated: new Date().toISOString() };
  await page.getByTestId('judge-receive').setInputFiles(write('hostile-mark.json', backup(fixture.org, [rewritten])));
  await alert(page, mark.id);
  const row = page.getByTestId('judge-backup').locator('li', { hasText: 'ช่างเชื่อมแม็ก' });
  const tablet = JSON.parse(fs.readFileSync(await download(page, row.getByTestId('judge-backup-export'), 'hostile-tablet.json'), 'utf8'));
  const marks = tablet.records.filter((r) => r.kind === 's26_mark');
  assert.equal(marks.length, 1);
  assert.equal(marks[0].value, '3', 'the stored mark is unchanged');

  // 7. A college's file whose records only look right: each record is read as its kind, like a pulled document.
  const code = '1310100077';
  const at = new Date().toISOString();
  const meta = (kind) => ({ id: crypto.randomUUID(), kind, org: code, created: at, updated: at, schema: 1 });
  const collegeRecord = { ...meta('college'), code, name: 'วิทยาลัยปลอม', province: '' };
  const assessment = (input, college = code) => ({ ...meta('qa_assessment'), college, year: 2569, input });
  await page.goto(`${server.base}qa.html#/qa`);
  const restore = async (name, records) => page.getByTestId('backup-import').setInputFiles(write(name, backupV2(code, records)));
  await restore('hostile-indicator.json', [collegeRecord, assessment({ indicators: { '9.9': {} } })]);
  await alert(page, 'ระเบียนที่ 2');
  await alert(page, 'ตัวบ่งชี้ “9.9” ไม่มี');
  await restore('hostile-item.json', [collegeRecord, assessment({ indicators: { '1.1': { ticked: [7] } } })]);
  await alert(page, 'ตัวบ่งชี้ 1.1: ไม่มีประเด็นข้อ 7');
  await restore('hostile-owner.json', [collegeRecord, assessment({}, '1310100078')]);
  await alert(page, 'อ้างรหัสสถานศึกษา 1310100078');
  await restore('hostile-shape.json', [collegeRecord, { ...assessment({}), year: 'สองห้าหกเก้า' }]);
  await alert(page, 'อ่านเป็นข้อมูลชนิดนี้ไม่ได้');
  await restore('hostile-mark-in-college.json', [collegeRecord, { ...mark, id: crypto.randomUUID(), org: code }]);
  await alert(page, 's26_mark');
  await page.reload();
  await page.getByText('ยังไม่มี — เพิ่มวิทยาลัยด้านล่าง').waitFor();
  assert.equal(await page.getByTestId('college-list').count(), 0, 'nothing of the forged college files is stored');
  // The same file without the forged record restores.
  await restore('honest-college.json', [collegeRecord, assessment({ indicators: { '1.1': { ticked: [1, 2] } } })]);
  await page.getByTestId('college-list').filter({ hasText: code }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('each organisation backs up and restores from its own page: test centre, province, judge tablet', async () => {
  const errors = [];
  // Test centre: a standard with its session, candidates and a mark, from the s26 page, into a fresh browser.
  const fixture = sessionFile({ judges: 2, candidates: 2 });
  const marks = markRecords(fixture.org, 'tab-1', 'กรรมการ 1', [
    { candidate: fixture.candidates[0].id, module: '1', item: '1', judge: 1, value: 2 },
  ]);
  const a = await newPage(browser, errors);
  await a.page.goto(`${server.base}s26.html#/s26`);
  await a.page.getByTestId('s26-centre-import').setInputFiles(write('hostile-centre-in.json', backup(fixture.org, [...fixture.records, ...marks])));
  await status(a.page, 'แล้ว: 5 รายการ');
  await a.page.getByTestId('s26-standards').filter({ hasText: 'ช่างเชื่อมแม็ก' }).waitFor();
  const centreFile = await download(a.page, 's26-standard-backup', 'hostile-centre.json');
  const centre = JSON.parse(fs.readFileSync(centreFile, 'utf8'));
  assert.equal(centre.org, fixture.org);
  assert.deepEqual(centre.records.map((r) => r.kind).sort(),
    ['s26_candidate', 's26_candidate', 's26_mark', 's26_session', 's26_standard']);
  // Restored on the s26 page of a fresh browser.
  const b = await newPage(browser, errors);
  await b.page.goto(`${server.base}s26.html#/s26`);
  await b.page.getByTestId('s26-centre-import').setInputFiles(centreFile);
  await status(b.page, 'แล้ว: 5 รายการ');
  await b.page.getByTestId('s26-standards').filter({ hasText: 'ช่างเชื่อมแม็ก' }).waitFor();

  // Judge tablet: the same standard on B's tablet page, backed up from there, restored on a third browser.
  await b.page.goto(`${server.base}judge.html#/judge`);
  await b.page.getByTestId('judge-sessions').filter({ hasText: 'ช่างเชื่อมแม็ก' }).waitFor();
  const tabletFile = await download(b.page, 'judge-backup-export', 'hostile-tablet-rt.json');
  assert.equal(JSON.parse(fs.readFileSync(tabletFile, 'utf8')).records.filter((r) => r.kind === 's26_mark').length, 1);
  const c = await newPage(browser, errors);
  await c.page.goto(`${server.base}judge.html#/judge`);
  await c.page.getByTestId('judge-receive').setInputFiles(tabletFile);
  await c.page.getByTestId('judge-sessions').filter({ hasText: 'ช่างเชื่อมแม็ก' }).waitFor();
  const again = JSON.parse(fs.readFileSync(await download(c.page, 'judge-backup-export', 'hostile-tablet-rt2.json'), 'utf8'));
  assert.deepEqual(again.records, JSON.parse(fs.readFileSync(tabletFile, 'utf8')).records, 'the same records');

  // Province: its list (a college added by hand, with a reason) round-trips through the reg-province page.
  await openProvince(a.page, server.base, '13', '2569');
  await a.page.getByTestId('pc-code').fill('1310016299');
  await a.page.getByTestId('pc-name').fill('วิทยาลัยเอกชนปิดแล้ว');
  await a.page.getByTestId('pc-add').click();
  await a.page.getByTestId('reason-1310016299').selectOption('closed');
  await waitSaved(a.page);
  const provinceFile = await download(a.page, 'province-backup-export', 'hostile-province.json');
  const province = JSON.parse(fs.readFileSync(provinceFile, 'utf8'));
  assert.equal(province.org, '13');
  assert.ok(province.records.length >= 1 && province.records.every((r) => r.kind.startsWith('reg_')), JSON.stringify(province.records.map((r) => r.kind)));
  await openProvince(c.page, server.base, '13', '2569');
  // The centre's file is not the province's: refused, nothing stored.
  await c.page.getByTestId('province-backup-import').setInputFiles(centreFile);
  await alert(c.page, 'ไม่มีข้อมูลใดถูกเปลี่ยน');
  await c.page.getByTestId('province-backup-import').setInputFiles(provinceFile);
  await status(c.page, 'นำเข้า hostile-province.json แล้ว');
  await c.page.getByTestId('check-1310016299').waitFor();
  assert.equal(await c.page.getByTestId('reason-1310016299').inputValue(), 'closed');
  assert.deepEqual(errors, []);
  for (const p of [a, b, c]) await p.context.close();
});

test('two devices of one office issue the same number offline: after sync one record in conflict, never two', async () => {
  const errors = [];
  const couch = await sharedCouch();
  try {
    const account = provision(couch.url, '12', 'province');
    const devices = [await newPage(browser, errors), await newPage(browser, errors)];
    // Offline (no sync yet), each device issues the office's first number of the year.
    for (const [i, d] of devices.entries()) {
      await createStandard(d.page, `ช่างเครื่อง ${i + 1}`);
      await issue(d.page, `ช่างเครื่อง ${i + 1}`, '12-001-2570');
    }
    for (const d of devices) {
      await d.page.goto(`${server.base}sync.html#/sync`);
      assert.match(await signIn(d.page, couch.url, '12', account), /ลงชื่อเข้าใช้/);
    }
    assert.match(await syncNow(devices[0].page), /ซิงค์เสร็จ/);
    assert.match(await syncNow(devices[1].page), /ขัดแย้ง 1/);
    await go(devices[1].page, '#/sync', 'sync-counts');
    await devices[1].page.waitForFunction(() =>
      document.querySelector('[data-testid="sync-count-s26_application-conflict"]')?.textContent === '1', null, { timeout: 30_000 });
    // The server holds one application document for the number, not two.
    const all = await (await fetch(`${couch.url}/mt_12/_all_docs?include_docs=true`, {
      headers: { authorization: 'Basic ' + Buffer.from(`${account.user}:${account.password}`).toString('base64') },
    })).json();
    const numbered = all.rows.filter((r) => r.doc?.number === '12-001-2570');
    assert.equal(numbered.length, 1, JSON.stringify(all.rows.map((r) => r.id)));
    for (const d of devices) await d.context.close();
    assert.deepEqual(errors.filter((e) => !/Failed to load resource|401|403/.test(e)), []);
  } finally {
    await couch.stop();
  }
});
