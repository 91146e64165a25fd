// Issue 12, points 1, 2, 4 and 9, tried as a hostile user would against the release build and PouchDB Server:
// - a college writes documents straight into its own server database (a registration import owned by the province,
//   a profile and registration claiming its neighbour's code with 4,000 students, a made-up college with 5,000, a
//   province record with "year":"x"); the province pulls: the totals are unchanged, every such document is refused
//   and listed, and the province page (with its pull button) keeps working;
// - a server rule forbids one document of a push: that document is reported, the rest is pushed and the pull runs;
// - the server database is deleted and provisioned again: the next sync pushes everything back;
// - a forged mark, an edited mark and a deleted mark in the test centre's database: the chief's pull stores none of
//   them and says so, the marks already stored stay as they were.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { serveDist, launch, newPage, OUT } from './harness.mjs';
import { sharedCouch, provision, admin, collegeCode } from './couch.mjs';
import { go, signIn, syncNow } from './sync-pages.mjs';
import { waitSaved, openCollege, pick, expectText, openProvince } from './registration-pages.mjs';
import { sessionFile } from './s26-fixture.mjs';
import { openAsJudge, tap } from './judge-pages.mjs';

let server, browser, couch;
before(async () => { server = await serveDist(); browser = await launch(); couch = await sharedCouch(); });
after(async () => { await browser?.close(); await server?.close(); await couch?.stop(); });

const YEAR = '2569';
const okErrors = (errors) => errors.filter((e) => !/Failed to load resource|401|403|404|409/.test(e));

/** A fresh province account (an earlier run's user is deleted first so the password is printed). */
async function freshProvince(codes) {
  const province = codes[Math.floor(Math.random() * codes.length)];
  const doc = await admin(couch.url, `/_users/org.couchdb.user:mt_${province}`);
  if (doc._rev) await admin(couch.url, `/_users/org.couchdb.user:mt_${province}?rev=${doc._rev}`, { method: 'DELETE' });
  return { province, account: provision(couch.url, province, 'province') };
}

/** A JSON request to the server as `account` ({user, password}). */
async function as(account, pathAndQuery, init = {}) {
  const auth = 'Basic ' + Buffer.from(`${account.user}:${account.password}`).toString('base64');
  const res = await fetch(couch.url + pathAndQuery, { ...init, headers: { authorization: auth, 'content-type': 'application/json', ...init.headers } });
  return { status: res.status, body: await res.json() };
}

/** Writes `doc` (a record: its `id` is the document id) into `db` as `account`, as a client would with curl. */
async function write(account, db, doc) {
  const r = await as(account, `/${db}/${encodeURIComponent(doc.id)}`, { method: 'PUT', body: JSON.stringify(doc) });
  assert.ok(r.status === 201 || r.status === 202, `write ${doc.id}: ${JSON.stringify(r.body)}`);
  return r.body.rev;
}

/** The records (not design documents) in `db`, read as the admin. */
async function serverRecords(db) {
  const all = await admin(couch.url, `/${db}/_all_docs?include_docs=true`);
  return (all.rows ?? []).filter((r) => !r.id.startsWith('_design/')).map((r) => r.doc);
}

const meta = (kind, org) => {
  const now = new Date().toISOString();
  return { id: randomUUID(), kind, org, created: now, updated: now, schema: 1 };
};

/** A college device: a profile and YEAR's registration of `entries` ([group, query, count]), signed in and synced. */
async function college(errors, province, code, name, entries) {
  const d = await newPage(browser, errors);
  const account = provision(couch.url, code, 'college', province);
  await openCollege(d.page, server.base, { code, name, province, year: YEAR });
  for (const [g, query, count] of entries) await pick(d.page, g, query, count);
  await waitSaved(d.page);
  assert.match(await signIn(d.page, couch.url, code, account), /ลงชื่อเข้าใช้/);
  return { ...d, code, account };
}

/** Types `codes` and pulls on the open province page; returns the results text. */
async function pullRegistrations(page, codes) {
  const before = await page.evaluate(() => document.querySelector('[data-testid=pull-summary]')?.textContent ?? '');
  await page.getByTestId('pull-codes').fill(codes.join(' '));
  await page.getByTestId('pull-go').click();
  await page.waitForFunction((before) => {
    const s = document.querySelector('[data-testid=pull-summary]')?.textContent ?? '';
    return (s && s !== before) || document.querySelector('[data-testid=pull-error]');
  }, before, { timeout: 300_000 });
  return page.getByTestId('pull-results').textContent();
}

test('documents a college writes straight into its database never reach the province\'s totals', async () => {
  const errors = [];
  const { province, account } = await freshProvince(['30', '31', '32', '33', '34']);
  const A = await college(errors, province, collegeCode(), 'วิทยาลัยโจมตี ก', [['pvc62', 'ยานยนต์', 12]]);
  const N = await college(errors, province, collegeCode(), 'วิทยาลัยเพื่อนบ้าน ข', [['pvc62', 'ยานยนต์', 12]]);
  for (const d of [A, N]) assert.match(await syncNow(d.page), /ซิงค์เสร็จ: ส่ง [1-9]/);

  // College A writes into its own database, with its own account.
  const db = `mt_${A.code}`;
  const own = (await serverRecords(db)).find((d) => d.kind === 'reg_registration');
  assert.ok(own, 'A pushed its registration');
  const entry = own.entries[0];
  const fake = collegeCode();
  const profile = (org, code, name) => ({
    ...meta('reg_college', org), code, name, province, affiliation: 'สำนักงานคณะกรรมการการอาชีวศึกษา', sector: 'government',
  });
  const registration = (org, college, count, year = Number(YEAR)) => ({
    ...meta('reg_registration', org), college, year, entries: [{ ...entry, count }],
  });
  const hostile = [
    // A registration import owned by the province (it would count as an imported file).
    { ...meta('reg_import', province), year: Number(YEAR), exported: new Date().toISOString(), checksum: '00000000',
      file_name: 'x.json', college: { code: fake, name: 'วิทยาลัยปลอม', province, affiliation: 'x', sector: 'government' },
      entries: [{ ...entry, count: 3000 }] },
    // The neighbour's profile and registration, 4,000 students.
    profile(N.code, N.code, 'วิทยาลัยเพื่อนบ้าน ข'),
    registration(N.code, N.code, 4000),
    // Under A's own code, but claiming the neighbour's code.
    registration(A.code, N.code, 4000),
    // A college that does not exist, 5,000 students.
    profile(fake, fake, 'วิทยาลัยปลอม'),
    registration(fake, fake, 5000),
    // A province record that does not read ("year": "x").
    { ...meta('reg_province_year', province), year: 'x', reasons: {}, no_outside: false },
  ];
  for (const doc of hostile) await write(A.account, db, doc);

  const P = await newPage(browser, errors);
  await openProvince(P.page, server.base, province, YEAR);
  assert.match(await signIn(P.page, couch.url, province, account), /ลงชื่อเข้าใช้/);
  await go(P.page, `#/reg/province/${province}/${YEAR}`, 'pull-go');
  const results = await pullRegistrations(P.page, [A.code, N.code, fake]);
  assert.match(results, /ดึงจากเซิร์ฟเวอร์ 3 แห่ง/);
  // Only the two real colleges' own registrations count: 12 + 12.
  await expectText(P.page, 'count-students', '24');
  await expectText(P.page, 'count-registered', '2');
  const lineA = await P.page.getByTestId(`pull-${A.code}`).textContent();
  assert.match(lineA, new RegExp(`เอกสาร ${hostile.length} ฉบับไม่ถูกนำเข้า`));
  for (const doc of hostile) assert.ok(lineA.includes(doc.id), `${doc.kind} ${doc.org} listed: ${lineA}`);
  assert.match(await P.page.getByTestId(`pull-${N.code}`).textContent(), /วิทยาลัยเพื่อนบ้าน ข/);
  assert.match(await P.page.getByTestId(`pull-${fake}`).textContent(), /ไม่มีฐานข้อมูล mt_/);
  // The province page still works after a reload, with its pull button, and no stored record is unreadable.
  await P.page.reload();
  await P.page.getByTestId('pull-go').waitFor();
  await expectText(P.page, 'count-students', '24');
  assert.equal(await P.page.getByTestId('unreadable').count(), 0);
  // The report agrees.
  await P.page.getByTestId('province-report-link').click();
  await P.page.getByTestId('province-report').waitFor();
  assert.equal(await P.page.getByTestId('totals-table-total').textContent(), '24');

  assert.deepEqual(okErrors(errors), []);
  for (const d of [A, N, P]) await d.context.close();
});

test('a document the server forbids is reported for itself; the rest is pushed and the pull runs', async () => {
  const errors = [];
  const code = collegeCode();
  const B = await college(errors, '30', code, 'วิทยาลัยต้องห้าม', [['pvc62', 'ยานยนต์', 7]]);
  // A server rule that forbids profiles in this database.
  const rule = 'function (newDoc) { if (newDoc.kind === "reg_college") { throw({forbidden: "profiles are closed here"}); } }';
  const put = await admin(couch.url, `/mt_${code}/_design/hostile`, { method: 'PUT', body: JSON.stringify({ validate_doc_update: rule }) });
  assert.ok(put.ok, JSON.stringify(put));
  const status = await syncNow(B.page);
  assert.match(status, /ซิงค์เสร็จ: ส่ง [1-9]/);
  assert.match(status, /ไม่รับ 1 ฉบับ.*forbidden/);
  assert.doesNotMatch(status, /ลงชื่อเข้าใช้ใหม่/);
  const kinds = (await serverRecords(`mt_${code}`)).map((d) => d.kind);
  assert.ok(kinds.includes('reg_registration'), `the registration reached the server: ${kinds}`);
  assert.ok(!kinds.includes('reg_college'), 'the profile did not');
  assert.deepEqual(okErrors(errors), []);
  await B.context.close();
});

test('a server database deleted and provisioned again gets everything pushed back', async () => {
  const errors = [];
  const code = collegeCode();
  const C = await college(errors, '31', code, 'วิทยาลัยกู้คืน', [['pvc62', 'ยานยนต์', 9]]);
  assert.match(await syncNow(C.page), /ซิงค์เสร็จ: ส่ง [1-9]/);
  const before = (await serverRecords(`mt_${code}`)).map((d) => d.id).sort();
  assert.ok(before.length >= 2, `pushed ${before.length}`);
  assert.match(await syncNow(C.page), /ส่ง 0 ฉบับ/); // nothing new

  const gone = await admin(couch.url, `/mt_${code}`, { method: 'DELETE' });
  assert.ok(gone.ok, JSON.stringify(gone));
  provision(couch.url, code, 'college', '31'); // the user is kept: the device's password still works
  assert.deepEqual(await serverRecords(`mt_${code}`), []);

  const status = await syncNow(C.page);
  assert.match(status, /ซิงค์เสร็จ: ส่ง [1-9]/);
  assert.match(status, /สร้างใหม่หรือกู้คืน/);
  assert.deepEqual((await serverRecords(`mt_${code}`)).map((d) => d.id).sort(), before);
  assert.deepEqual(okErrors(errors), []);
  await C.context.close();
});

test('the chief\'s pull stores no forged, edited or deleted mark, and says which', async () => {
  const errors = [];
  const centre = `tc${randomUUID().slice(0, 8)}`;
  const account = provision(couch.url, centre, 'centre');
  const fixture = sessionFile();
  const sessionPath = path.join(OUT, 'hostile-sync-session.json');
  fs.writeFileSync(sessionPath, fixture.text);

  // Judge 1 gives items 1 and 2 a 2 and pushes.
  const t1 = await newPage(browser, errors);
  await openAsJudge(t1.page, server.base, sessionPath, 1);
  await tap(t1.page, 'judge-i1-2', '1');
  await tap(t1.page, 'judge-i2-2', '2');
  assert.match(await signIn(t1.page, couch.url, centre, account), /ลงชื่อเข้าใช้/);
  await go(t1.page, `#/judge/${fixture.session}`, 'judge-push');
  await t1.page.getByTestId('judge-push').click();
  await t1.page.getByTestId('judge-push-msg').filter({ hasText: /ส่งใหม่ 2/ }).waitFor({ timeout: 60_000 });

  const chief = await newPage(browser, errors);
  await chief.page.goto(`${server.base}#/judge`);
  await chief.page.getByTestId('judge-receive').setInputFiles(sessionPath);
  await chief.page.getByTestId('judge-chief').waitFor();
  assert.match(await signIn(chief.page, couch.url, centre, account), /ลงชื่อเข้าใช้/);
  await go(chief.page, `#/judge/${fixture.session}/chief`, 'chief-pull');
  await chief.page.getByTestId('chief-pull').click();
  await chief.page.getByTestId('chief-pull-msg').filter({ hasText: 'คะแนนใหม่ของรอบนี้ 2 รายการ' }).waitFor({ timeout: 60_000 });
  const board = async () => [await chief.page.getByTestId('chief-A001-m1-i1').textContent(),
    await chief.page.getByTestId('chief-A001-m1-i2').textContent()];
  const shown = await board();

  // With the centre's account, straight into its database: a forged mark (a judge's 7 on a 0–3 item), judge 1's
  // item-1 mark edited to 0, judge 1's item-2 mark deleted.
  const db = `mt_${centre}`;
  const marks = (await serverRecords(db)).filter((d) => d.kind === 's26_mark');
  assert.equal(marks.length, 2);
  const candidate = fixture.candidates[0].id;
  const forged = { ...meta('s26_mark', fixture.org), candidate, module: '1', item: '1', judge: 2, value: '7',
    replaces: null, by: 'ปลอม', at: new Date().toISOString(), device: randomUUID() };
  await write(account, db, forged);
  const item1 = marks.find((m) => m.item === '1');
  const item2 = marks.find((m) => m.item === '2');
  const edited = { ...item1, value: '0' };
  const e = await as(account, `/${db}/${item1._id}`, { method: 'PUT', body: JSON.stringify(edited) });
  assert.equal(e.status, 201, JSON.stringify(e.body));
  const d = await as(account, `/${db}/${item2._id}?rev=${item2._rev}`, { method: 'DELETE' });
  assert.equal(d.status, 200, JSON.stringify(d.body));

  await chief.page.getByTestId('chief-pull').click();
  const msg = chief.page.getByTestId('chief-pull-msg');
  await msg.filter({ hasText: 'เอกสาร 3 ฉบับไม่ถูกนำเข้า' }).waitFor({ timeout: 60_000 });
  const text = await msg.textContent();
  assert.match(text, /คะแนนใหม่ของรอบนี้ 0 รายการ · มีอยู่แล้ว 2 รายการ/);
  for (const id of [forged.id, item1._id, item2._id]) assert.ok(text.includes(id), `${id} named: ${text}`);
  assert.match(text, /แก้คะแนนที่บันทึกแล้วไม่ได้/);
  assert.match(text, /ลบคะแนนที่บันทึกแล้วไม่ได้/);
  // The board is as it was: judge 1's 2s stand, no 7 and no 0 arrived.
  assert.deepEqual(await board(), shown);

  assert.deepEqual(okErrors(errors), []);
  for (const x of [t1, chief]) await x.context.close();
});
