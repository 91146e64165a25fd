// The jobs pulling through the sync server (PouchDB Server, provisioned with the command line): two colleges push
// their registrations and the province pulls them into the same totals as imported files (a pull of what a file
// already brought is a duplicate; a college with no database says so); a college cannot pull its neighbour (a
// permission message, not a data error); judges' tablets push marks into the test centre's database and the chief
// pulls them, sees every mark and a conflict; the province pulls 6 colleges at a time, shows each college's line as it
// finishes, and a cancel keeps what finished and nothing of the rest. The figures test prints the time and requests
// for 20 colleges.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { serveDist, launch, newPage, OUT } from './harness.mjs';
import { sharedCouch, provision, admin, collegeCode } from './couch.mjs';
import { go, signIn } from './sync-pages.mjs';
import { waitSaved, openCollege, pick, expectText, exportFile, openProvince } from './registration-pages.mjs';
import { sessionFile } from './s26-fixture.mjs';
import { openAsJudge, tap } from './judge-pages.mjs';

let server, browser, couch;
before(async () => { server = await serveDist(); browser = await launch(); couch = await sharedCouch(); });
after(async () => { await browser?.close(); await server?.close(); await couch?.stop(); });

const YEAR = '2569';
const okErrors = (errors) => errors.filter((e) => !/Failed to load resource|401|403|404/.test(e));

/**
 * Provisions a real province (the app only opens the 77 codes) with a fresh account: a province the server already
 * has a user for (an earlier run against the same server) gets its user deleted first, so the password is printed.
 */
async function freshProvince(codes) {
  const province = codes[Math.floor(Math.random() * codes.length)];
  const doc = await admin(couch.url, `/_users/org.couchdb.user:mt_${province}`);
  if (doc._rev) await admin(couch.url, `/_users/org.couchdb.user:mt_${province}?rev=${doc._rev}`, { method: 'DELETE' });
  return { province, account: provision(couch.url, province, 'province') };
}

/** A college device: registers `entries` ([group, query, count]) for YEAR, exports the file, pushes. */
async function college(errors, province, code, name, entries) {
  const d = await newPage(browser, errors);
  const account = provision(couch.url, code, 'college', province);
  await openCollege(d.page, server.base, { code, name, province, year: YEAR });
  for (const [g, query, count] of entries) await pick(d.page, g, query, count);
  await waitSaved(d.page);
  const file = await exportFile(d.page, `pull-${code}.json`);
  assert.match(await signIn(d.page, couch.url, code, account), /ลงชื่อเข้าใช้/);
  const status = await syncOnce(d.page);
  assert.match(status, /ซิงค์เสร็จ: ส่ง [1-9]/);
  return { ...d, code, account, file };
}

async function syncOnce(page) {
  await go(page, '#/sync', 'sync-now');
  await page.getByTestId('sync-now').click();
  await page.getByTestId('sync-status').filter({ hasText: /ซิงค์: (เสร็จ|ไม่สำเร็จ|ต้องลงชื่อ)/ }).waitFor({ timeout: 120_000 });
  return page.getByTestId('sync-status').textContent();
}

/** Types `codes` and pulls on the open province page; returns the summary. */
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

test('the province pulls its colleges\' registrations like files; a college cannot pull its neighbour', async () => {
  const errors = [];
  const { province, account } = await freshProvince(['14', '15', '16', '17', '18', '19']);
  // A: ปวช.62 ยานยนต์ 12. B: ปวช.62 ยานยนต์ 30 + ปวส.63 การบัญชี 5 = 35. C is on the list but has no database.
  const A = await college(errors, province, collegeCode(), 'วิทยาลัยดึงข้อมูล ก', [['pvc62', 'ยานยนต์', 12]]);
  const B = await college(errors, province, collegeCode(), 'วิทยาลัยดึงข้อมูล ข', [['pvc62', 'ยานยนต์', 30], ['hvc63', 'การบัญชี', 5]]);
  const c3 = collegeCode();

  const P = await newPage(browser, errors);
  await openProvince(P.page, server.base, province, YEAR);
  await P.page.getByTestId('pc-code').fill(c3);
  await P.page.getByTestId('pc-name').fill('วิทยาลัยยังไม่มีฐานข้อมูล');
  await P.page.getByTestId('pc-add').click();
  await P.page.getByTestId(`check-${c3}`).waitFor();
  // A's file is imported first, the old way.
  await P.page.getByTestId('reg-files').setInputFiles(A.file);
  await P.page.getByTestId('import-summary').filter({ hasText: 'เพิ่มใหม่ 1' }).waitFor();
  await expectText(P.page, 'count-students', '12');

  // Not signed in: says so, pulls nothing.
  await P.page.getByTestId('pull-go').click();
  await P.page.getByTestId('pull-error').filter({ hasText: 'ยังไม่ได้ลงชื่อเข้าใช้' }).waitFor();
  assert.match(await signIn(P.page, couch.url, province, account), /ลงชื่อเข้าใช้/);
  await go(P.page, `#/reg/province/${province}/${YEAR}`, 'pull-go');

  // Listed colleges (A from its file, C) plus B typed by code.
  const results = await pullRegistrations(P.page, [B.code]);
  assert.match(results, /ดึงจากเซิร์ฟเวอร์ 3 แห่ง \(ไม่สำเร็จ 1\)/);
  assert.match(await P.page.getByTestId(`pull-${A.code}`).textContent(), /ดึงแล้ว \d+ รายการ.*ซ้ำกับข้อมูลของ วิทยาลัยดึงข้อมูล ก/);
  assert.match(await P.page.getByTestId(`pull-${B.code}`).textContent(), /เพิ่มข้อมูลของ วิทยาลัยดึงข้อมูล ข/);
  assert.match(await P.page.getByTestId(`pull-${c3}`).textContent(), /ไม่มีฐานข้อมูล mt_/);
  await expectText(P.page, 'count-students', '47');
  await expectText(P.page, 'count-registered', '2');
  assert.match(await P.page.getByTestId(`check-${B.code}`).textContent(), /ลงทะเบียนแล้ว/);
  // Again: nothing new, nothing counted twice.
  assert.match(await pullRegistrations(P.page, [B.code]), /ซ้ำ \(ไม่นับซ้ำ\) 2/);
  await expectText(P.page, 'count-students', '47');
  // The totals report counts the pulled registrations like imported ones.
  await P.page.getByTestId('province-report-link').click();
  await P.page.getByTestId('province-report').waitFor();
  assert.equal(await P.page.getByTestId('totals-table-total').textContent(), '47');

  // College A's user, on the province page of its own device, cannot pull its neighbour B.
  await go(A.page, `#/reg/province/${province}/${YEAR}`, 'pull-go');
  await pullRegistrations(A.page, [B.code]);
  const refused = await A.page.getByTestId(`pull-${B.code}`).textContent();
  assert.match(refused, /สิทธิ์ไม่พอ \(40[13]\).*ลงชื่อเข้าใช้ใหม่/);
  assert.doesNotMatch(refused, /ข้อมูลจากเซิร์ฟเวอร์ใช้ไม่ได้/);
  await expectText(A.page, 'count-registered', '0');

  assert.deepEqual(okErrors(errors), []);
  for (const d of [A, B, P]) await d.context.close();
});

test('judges\' tablets push marks into the test centre\'s database; the chief pulls every mark and sees the conflict', async () => {
  const errors = [];
  const centre = `tc${randomUUID().slice(0, 8)}`;
  const account = provision(couch.url, centre, 'centre');
  const fixture = sessionFile();
  const sessionPath = path.join(OUT, 'sync-pull-session.json');
  fs.writeFileSync(sessionPath, fixture.text);

  /** A tablet: judge `j` taps `marks` ([testid, item]) for A001, signs in for the centre and pushes. */
  const tablet = async (j, marks) => {
    const d = await newPage(browser, errors);
    await openAsJudge(d.page, server.base, sessionPath, j);
    for (const [testid, item] of marks) await tap(d.page, testid, item);
    assert.match(await signIn(d.page, couch.url, centre, account), /ลงชื่อเข้าใช้/);
    await push(d.page, /ส่งใหม่ [1-9]/);
    return d;
  };
  const push = async (page, expected) => {
    await go(page, `#/judge/${fixture.session}`, 'judge-push');
    await page.getByTestId('judge-push').click();
    await page.getByTestId('judge-push-msg').filter({ hasText: expected }).waitFor({ timeout: 60_000 });
  };
  // Judge 1 gives item 1 a 2 and item 2 a 2; judge 2 gives 2 and 3; judge 1's spare tablet gives item 1 a 3.
  const t1 = await tablet(1, [['judge-i1-2', '1'], ['judge-i2-2', '2']]);
  const t2 = await tablet(2, [['judge-i1-2', '1'], ['judge-i2-3', '2']]);
  const t3 = await tablet(1, [['judge-i1-3', '1']]);
  await push(t1.page, /ส่งใหม่ 0 · เซิร์ฟเวอร์มีอยู่แล้ว 0/); // pushing again sends nothing

  const chief = await newPage(browser, errors);
  await chief.page.goto(`${server.base}#/judge`);
  await chief.page.getByTestId('judge-receive').setInputFiles(sessionPath);
  await chief.page.getByTestId('judge-chief').waitFor();
  assert.match(await signIn(chief.page, couch.url, centre, account), /ลงชื่อเข้าใช้/);
  await go(chief.page, `#/judge/${fixture.session}/chief`, 'chief-pull');
  // A pull cancelled while the server holds its feed stores nothing of it, and says so.
  let letGo;
  const released = new Promise((r) => { letGo = r; });
  await chief.page.route((url) => url.pathname === `/mt_${centre}/_changes`, async (route) => {
    await released;
    await route.continue().catch(() => { /* the page aborted it */ });
  });
  await chief.page.getByTestId('chief-pull').click();
  await chief.page.getByTestId('chief-pull-cancel').click();
  await chief.page.getByTestId('chief-pull-msg').filter({ hasText: 'ยกเลิกแล้ว — คะแนนใหม่ของรอบนี้ที่ดึงและบันทึกก่อนยกเลิก 0 รายการ' }).waitFor({ timeout: 60_000 });
  letGo();
  await chief.page.unrouteAll({ behavior: 'ignoreErrors' });
  assert.equal(await chief.page.getByTestId('chief-pull-cancel').count(), 0);
  assert.match(await chief.page.getByTestId('chief-A001-m1-i1').textContent(), /รอคะแนนกรรมการคนที่ 1/);
  await chief.page.getByTestId('chief-pull').click();
  await chief.page.getByTestId('chief-pull-msg').filter({ hasText: 'คะแนนใหม่ของรอบนี้ 5 รายการ' }).waitFor({ timeout: 60_000 });
  await chief.page.getByTestId('chief-conflict-0').filter({ hasText: 'กรรมการ 1' }).waitFor();
  assert.match(await chief.page.getByTestId('chief-A001-m1-i1').textContent(), /คะแนนกรรมการคนที่ 1 จากสองเครื่องไม่ตรงกัน/);
  assert.match(await chief.page.getByTestId('chief-A001-m1-i2').textContent(), /รอคะแนนกรรมการคนที่ 3/);
  const conflict = await chief.page.getByTestId('chief-conflict-0').textContent();
  assert.match(conflict, /^.*A001.*โมดูล 1 รายการ 1/);
  assert.match(conflict, /ใช้ค่า 2.*ใช้ค่า 3/);
  // Pulling again brings nothing new; the decision settles the conflict as with imported files.
  await chief.page.getByTestId('chief-pull').click();
  await chief.page.getByTestId('chief-pull-msg').filter({ hasText: 'คะแนนใหม่ของรอบนี้ 0 รายการ · มีอยู่แล้ว 5 รายการ' }).waitFor();
  await chief.page.getByTestId('chief-decide-0-3').click();
  await chief.page.getByTestId('chief-no-conflicts').waitFor();
  assert.match(await chief.page.getByTestId('chief-A001-m1-i1').textContent(), /รอคะแนนกรรมการคนที่ 3/);

  assert.deepEqual(okErrors(errors), []);
  for (const d of [t1, t2, t3, chief]) await d.context.close();
});

test('figures: the province pulls 20 colleges\' registrations (printed, not asserted)', async () => {
  const errors = [];
  const N = Number(process.env.MATTRATHAN_PULL_COLLEGES ?? 20);
  const { province, account } = await freshProvince(['20', '21', '22', '23', '24', '25']);
  const now = new Date().toISOString();
  const codes = [];
  for (let i = 0; i < N; i++) {
    const code = collegeCode();
    codes.push(code);
    provision(couch.url, code, 'college', province);
    const meta = (kind) => ({ id: randomUUID(), kind, org: code, created: now, updated: now, schema: 1 });
    const entry = (specialisation, count) => ({ group: 'pvc62', program_type: 'อุตสาหกรรม', major: 'ช่างยนต์', specialisation, code: '', count });
    const docs = [
      { ...meta('reg_college'), code, name: `วิทยาลัยทดสอบ ${i + 1}`, province, affiliation: 'สำนักงานคณะกรรมการการอาชีวศึกษา', sector: 'government' },
      { ...meta('reg_registration'), college: code, year: Number(YEAR), entries: [entry('ยานยนต์', 10 + i), entry('เครื่องกลอุตสาหกรรม', 5)] },
    ].map((d) => ({ ...d, _id: d.id }));
    const res = await admin(couch.url, `/mt_${code}/_bulk_docs`, { method: 'POST', body: JSON.stringify({ docs }) });
    assert.ok(res.every((r) => r.ok), JSON.stringify(res));
  }
  const P = await newPage(browser, errors);
  await openProvince(P.page, server.base, province, YEAR);
  assert.match(await signIn(P.page, couch.url, province, account), /ลงชื่อเข้าใช้/);
  await go(P.page, `#/reg/province/${province}/${YEAR}`, 'pull-go');
  const measure = async (label) => {
    const requests = [];
    const onRequest = (r) => { if (r.url().startsWith(couch.url)) requests.push(`${r.method()} ${new URL(r.url()).pathname.replace(/mt_\d+/, 'DB')}`); };
    P.page.on('request', onRequest);
    const t0 = Date.now();
    await pullRegistrations(P.page, codes);
    const seconds = (Date.now() - t0) / 1000;
    P.page.off('request', onRequest);
    const byKind = {};
    for (const r of requests) byKind[r] = (byKind[r] ?? 0) + 1;
    const summary = (await P.page.getByTestId('pull-summary').textContent()).trim();
    console.log(`[figures] ${label}: ${seconds.toFixed(1)} s, ${requests.length} HTTP requests`, JSON.stringify(byKind), '—', summary);
  };
  await measure(`pull ${N} colleges' registrations (first time)`);
  await expectText(P.page, 'count-registered', String(N));
  await measure(`pull ${N} colleges again (nothing new)`);
  assert.deepEqual(okErrors(errors), []);
  await P.context.close();
});

test('the province pulls colleges 6 at a time, each line shown as it finishes; cancel keeps what finished and nothing of the rest', async () => {
  const errors = [];
  const { province, account } = await freshProvince(['30', '31', '32', '33', '34', '35']);
  const now = new Date().toISOString();
  // 12 colleges with a registration each (college i: 10 + i students); the server answers the first 4 at once and
  // holds every request for the other 8 until the test lets them go.
  const colleges = [];
  for (let i = 0; i < 12; i++) {
    const code = collegeCode();
    provision(couch.url, code, 'college', province);
    const meta = (kind) => ({ id: randomUUID(), kind, org: code, created: now, updated: now, schema: 1 });
    const docs = [
      { ...meta('reg_college'), code, name: `วิทยาลัยยกเลิก ${i + 1}`, province, affiliation: 'สำนักงานคณะกรรมการการอาชีวศึกษา', sector: 'government' },
      { ...meta('reg_registration'), college: code, year: Number(YEAR), entries: [{ group: 'pvc62', program_type: 'อุตสาหกรรม', major: 'ช่างยนต์', specialisation: 'ยานยนต์', code: '', count: 10 + i }] },
    ].map((d) => ({ ...d, _id: d.id }));
    const res = await admin(couch.url, `/mt_${code}/_bulk_docs`, { method: 'POST', body: JSON.stringify({ docs }) });
    assert.ok(res.every((r) => r.ok), JSON.stringify(res));
    colleges.push({ code, students: 10 + i });
  }
  const free = colleges.slice(0, 4);
  const held = colleges.slice(4);
  const P = await newPage(browser, errors);
  await openProvince(P.page, server.base, province, YEAR);
  assert.match(await signIn(P.page, couch.url, province, account), /ลงชื่อเข้าใช้/);
  await go(P.page, `#/reg/province/${province}/${YEAR}`, 'pull-go');
  let letGo;
  const released = new Promise((r) => { letGo = r; });
  const heldUrls = [];
  await P.page.route((url) => held.some((c) => url.pathname.startsWith(`/mt_${c.code}`)), async (route) => {
    heldUrls.push(route.request().url());
    await released;
    await route.continue().catch(() => { /* the page aborted it */ });
  });
  await P.page.getByTestId('pull-codes').fill(colleges.map((c) => c.code).join(' '));
  await P.page.getByTestId('pull-go').click();
  // The free colleges' lines appear while the others are still running.
  for (const c of free) await P.page.getByTestId(`pull-live-${c.code}`).filter({ hasText: 'ดึงแล้ว' }).waitFor();
  await P.page.getByTestId('pull-count').filter({ hasText: 'ดึงเสร็จ 4 จาก 12 แห่ง' }).waitFor();
  // Bounded: at most 6 colleges at a time, so 6 of the held ones have asked the server, never more.
  await new Promise((r) => setTimeout(r, 500));
  const asked = new Set(heldUrls.map((u) => new URL(u).pathname.split('/')[1]));
  assert.equal(asked.size, 6, `colleges asked at once: ${[...asked].join(' ')}`);
  await P.page.getByTestId('pull-cancel').click();
  await P.page.getByTestId('pull-summary').waitFor({ timeout: 60_000 });
  letGo();
  const summary = await P.page.getByTestId('pull-summary').textContent();
  assert.match(summary, /ยกเลิกแล้ว/);
  assert.match(summary, /ดึงจากเซิร์ฟเวอร์ 12 แห่ง \(ไม่สำเร็จ 8\)/);
  assert.match(summary, /เพิ่มใหม่ 4/);
  for (const c of free) assert.match(await P.page.getByTestId(`pull-${c.code}`).textContent(), /เพิ่มข้อมูลของ วิทยาลัยยกเลิก/);
  for (const c of held) assert.match(await P.page.getByTestId(`pull-${c.code}`).textContent(), /ยกเลิก/);
  // What the finished colleges brought stays; nothing of the aborted ones is counted.
  const sum = (list) => String(list.reduce((s, c) => s + c.students, 0));
  await expectText(P.page, 'count-registered', '4');
  await expectText(P.page, 'count-students', sum(free));
  // Pulled again without cancelling: every college, the first four not counted twice.
  await P.page.unrouteAll({ behavior: 'ignoreErrors' });
  const again = await pullRegistrations(P.page, colleges.map((c) => c.code));
  assert.match(again, /ดึงจากเซิร์ฟเวอร์ 12 แห่ง \(ไม่สำเร็จ 0\)/);
  assert.match(again, /เพิ่มใหม่ 8 · แทนที่ข้อมูลเดิม 0 · ซ้ำ \(ไม่นับซ้ำ\) 4/);
  await expectText(P.page, 'count-registered', '12');
  await expectText(P.page, 'count-students', sum(colleges));
  assert.deepEqual(okErrors(errors), []);
  await P.context.close();
});
