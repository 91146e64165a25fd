// Issue 12, points 6 and 7, against the release build and PouchDB Server: one record per natural key on every
// device (two province devices importing the same college file, two devices creating the same college year), and no
// lost updates (a tab opened before a pull ticks another item: both ticks survive, on every device).
// Pages: qa, reg, reg-province, sync.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { useServerAndBrowser, server, browser, newPage } from './harness.mjs';
import { sharedCouch, provision, admin, collegeCode } from './couch.mjs';
import { go, signIn, syncNow } from './sync-pages.mjs';
import { waitSaved, openCollege, pick, expectText, exportFile, openProvince } from './registration-pages.mjs';
import { before, after } from 'node:test';

useServerAndBrowser();
let couch;
before(async () => { couch = await sharedCouch(); });
after(async () => { await couch?.stop(); });

const YEAR = '2569';
const okErrors = (errors) => errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|401|403|404/.test(e));

/** A real province (the app opens only the 77 codes) with a fresh account (see sync-pull.test.mjs). */
async function freshProvince(codes) {
  const province = codes[Math.floor(Math.random() * codes.length)];
  const doc = await admin(couch.url, `/_users/org.couchdb.user:mt_${province}`);
  if (doc._rev) await admin(couch.url, `/_users/org.couchdb.user:mt_${province}?rev=${doc._rev}`, { method: 'DELETE' });
  return { province, account: provision(couch.url, province, 'province') };
}

/** Every record count of `kind` on the sync page (pending + synced + conflict). */
async function records(page, kind) {
  await go(page, '#/sync', 'sync-counts');
  await page.waitForTimeout(500);
  let n = 0;
  for (const state of ['pending', 'synced', 'conflict']) {
    const cell = page.getByTestId(`sync-count-${kind}-${state}`);
    if (await cell.count()) n += Number(await cell.textContent());
  }
  return n;
}

async function openYear(page, code, year) {
  await page.evaluate((h) => { location.hash = h; }, `#/qa/${code}/${year}`);
  await page.locator('nav.crumbs a', { hasText: `ปีการศึกษา ${year}` }).waitFor();
  await page.getByTestId('ind-3.3').waitFor();
}

async function tick(page, item) {
  await page.getByTestId(item).check();
  await page.getByTestId('save-state').filter({ hasText: 'บันทึกแล้ว' }).waitFor();
}

/** Adds college `code` and its year on the QA pages of `page` (the app at the server's base). */
async function qaCollegeYear(page, code, year) {
  await page.goto(server.base);
  await page.getByTestId('job-qa').click();
  await page.getByTestId('college-code').fill(code);
  await page.getByTestId('college-name').fill('วิทยาลัยคีย์ธรรมชาติ');
  await page.getByTestId('college-add').click();
  await page.getByTestId('year-input').fill(year);
  await page.getByTestId('year-add').click();
  await page.getByTestId('ind-3.3').waitFor();
}

test('two province devices import the same college file and sync: one college, 12 students, not 24', async () => {
  const errors = [];
  const { province, account } = await freshProvince(['20', '21', '22', '23', '24', '25']);
  const code = province + String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  const C = await newPage(browser, errors);
  await openCollege(C.page, server.base, { code, name: 'วิทยาลัยไฟล์เดียวกัน', province, year: YEAR });
  await pick(C.page, 'pvc62', 'ยานยนต์', 12);
  await waitSaved(C.page);
  const file = await exportFile(C.page, `same-file-${code}.json`);

  const devices = [];
  for (let i = 0; i < 2; i++) {
    const P = await newPage(browser, errors);
    await openProvince(P.page, server.base, province, YEAR);
    await P.page.getByTestId('reg-files').setInputFiles(file);
    await P.page.getByTestId('import-summary').filter({ hasText: 'เพิ่มใหม่ 1' }).waitFor();
    await expectText(P.page, 'count-students', '12');
    assert.match(await signIn(P.page, couch.url, province, account), /ลงชื่อเข้าใช้/);
    devices.push(P);
  }
  const [P1, P2] = devices;
  assert.match(await syncNow(P1.page), /ซิงค์เสร็จ/);
  assert.match(await syncNow(P2.page), /ซิงค์เสร็จ/);
  assert.match(await syncNow(P1.page), /ซิงค์เสร็จ/);
  for (const P of devices) {
    assert.equal(await records(P.page, 'reg_import'), 1, 'one imported registration per college and year');
    await go(P.page, `#/reg/province/${province}/${YEAR}`, 'check-table');
    await expectText(P.page, 'count-students', '12');
    await expectText(P.page, 'count-registered', '1');
    assert.equal(await P.page.locator(`[data-testid="check-${code}"]`).count(), 1);
    await P.page.getByTestId('province-report-link').click();
    await P.page.getByTestId('province-report').waitFor();
    assert.equal(await P.page.getByTestId('totals-table-total').textContent(), '12');
  }

  // A device still running the old release pushes the same import under a random id: it is never summed — opening
  // the province page (a page load: the store merges on open) finds it merged under the derived id, and the old id's
  // deletion pushes. (A page already open never sums it either: `one_per_college`, tested natively.)
  const all = await admin(couch.url, `/mt_${province}/_all_docs?include_docs=true`);
  const kept = all.rows.map((r) => r.doc).find((d) => d.kind === 'reg_import');
  assert.ok(kept, 'the import is on the server');
  const rogue = { ...kept, _id: randomUUID() };
  rogue.id = rogue._id;
  delete rogue._rev;
  delete rogue._revisions;
  const put = await admin(couch.url, `/mt_${province}/${rogue._id}`, { method: 'PUT', body: JSON.stringify(rogue) });
  assert.ok(put.ok, JSON.stringify(put));
  assert.match(await syncNow(P1.page), /ซิงค์เสร็จ/);
  await go(P1.page, `#/reg/province/${province}/${YEAR}`, 'check-table');
  await expectText(P1.page, 'count-students', '12');
  assert.equal(await P1.page.getByTestId('province-doubled').count(), 0, 'merged on open');
  assert.match(await syncNow(P1.page), /ซิงค์เสร็จ/);
  assert.equal(await records(P1.page, 'reg_import'), 1);
  const gone = await admin(couch.url, `/mt_${province}/_all_docs`, { method: 'POST', body: JSON.stringify({ keys: [rogue._id] }) });
  assert.equal(gone.rows[0]?.value?.deleted, true, `the random id is deleted on the server: ${JSON.stringify(gone)}`);

  assert.deepEqual(okErrors(errors), []);
  for (const d of [C, ...devices]) await d.context.close();
});

test('a tab opened before a pull ticks another item: both ticks survive on every device, no conflict', async () => {
  const errors = [];
  const code = collegeCode();
  const account = provision(couch.url, code, 'college');
  // Device B makes the college and its year and pushes them; device A pulls them.
  const B = await newPage(browser, errors);
  await qaCollegeYear(B.page, code, YEAR);
  assert.match(await signIn(B.page, couch.url, code, account), /ลงชื่อเข้าใช้/);
  assert.match(await syncNow(B.page), /ซิงค์เสร็จ/);
  const A = await newPage(browser, errors);
  await A.page.goto(server.base);
  assert.match(await signIn(A.page, couch.url, code, account), /ลงชื่อเข้าใช้/);
  assert.match(await syncNow(A.page), /ซิงค์เสร็จ/);
  // A's editor tab is opened now, before B's change.
  const A1 = await A.context.newPage();
  A1.on('pageerror', (e) => errors.push(String(e)));
  await A1.goto(server.base);
  await A1.getByTestId('job-qa').waitFor();
  await openYear(A1, code, YEAR);

  // B ticks 3.3 item 1 and syncs; A's other tab pulls it.
  await openYear(B.page, code, YEAR);
  await tick(B.page, 'item-3.3-1');
  assert.match(await syncNow(B.page), /ซิงค์เสร็จ/);
  assert.match(await syncNow(A.page), /ซิงค์เสร็จ/);

  // The stale tab ticks item 2: the write merges with what the pull stored, and the page shows the merge.
  assert.equal(await A1.getByTestId('item-3.3-1').isChecked(), false, 'the tab was opened before the pull');
  await tick(A1, 'item-3.3-2');
  await A1.waitForFunction(() => document.querySelector('[data-testid="item-3.3-1"]')?.checked === true, null, { timeout: 10_000 });
  await A1.reload();
  await openYear(A1, code, YEAR);
  assert.ok(await A1.getByTestId('item-3.3-1').isChecked(), 'B\'s tick kept after reload');
  assert.ok(await A1.getByTestId('item-3.3-2').isChecked(), 'A\'s tick kept after reload');

  // A pushes; B pulls: both ticks on B too, and no conflict anywhere.
  const pushed = await syncNow(A.page);
  assert.match(pushed, /ซิงค์เสร็จ/);
  assert.doesNotMatch(pushed, /ขัดแย้ง [1-9]/);
  assert.doesNotMatch(await syncNow(B.page), /ขัดแย้ง [1-9]/);
  await openYear(B.page, code, YEAR);
  assert.ok(await B.page.getByTestId('item-3.3-1').isChecked());
  assert.ok(await B.page.getByTestId('item-3.3-2').isChecked());
  assert.deepEqual(okErrors(errors), []);
  for (const d of [A, B]) await d.context.close();
});

test('two tabs of one device edit the same assessment: the stale tab never reverts the other\'s tick', async () => {
  const errors = [];
  const code = collegeCode();
  const T = await newPage(browser, errors);
  await qaCollegeYear(T.page, code, YEAR);
  const T2 = await T.context.newPage();
  T2.on('pageerror', (e) => errors.push(String(e)));
  await T2.goto(server.base);
  await T2.getByTestId('job-qa').waitFor();
  await openYear(T2, code, YEAR);
  await tick(T.page, 'item-3.3-1');
  await tick(T2, 'item-3.3-2');
  await tick(T.page, 'item-3.3-3');
  for (const page of [T.page, T2]) {
    await page.reload();
    await openYear(page, code, YEAR);
    for (const n of [1, 2, 3]) assert.ok(await page.getByTestId(`item-3.3-${n}`).isChecked(), `item-3.3-${n}`);
  }
  assert.deepEqual(okErrors(errors), []);
  await T.context.close();
});

test('two devices create the same college year offline: one college, one year, one record after sync', async () => {
  const errors = [];
  const code = collegeCode();
  const account = provision(couch.url, code, 'college');
  const X = await newPage(browser, errors);
  const Y = await newPage(browser, errors);
  await qaCollegeYear(X.page, code, YEAR);
  await tick(X.page, 'item-3.3-1');
  await qaCollegeYear(Y.page, code, YEAR);
  await tick(Y.page, 'item-3.3-2');
  for (const d of [X, Y]) assert.match(await signIn(d.page, couch.url, code, account), /ลงชื่อเข้าใช้/);
  assert.match(await syncNow(X.page), /ซิงค์เสร็จ/);
  assert.match(await syncNow(Y.page), /ซิงค์เสร็จ/);
  assert.match(await syncNow(X.page), /ซิงค์เสร็จ/);
  for (const d of [X, Y]) {
    assert.equal(await records(d.page, 'qa_assessment'), 1, 'one assessment for the college and year');
    assert.equal(await records(d.page, 'college'), 1, 'one college');
    await go(d.page, `#/qa/${code}`, `year-${YEAR}`);
    assert.equal(await d.page.locator(`[data-testid="year-${YEAR}"]`).count(), 1);
    await go(d.page, '#/qa', 'college-list');
    assert.equal(await d.page.getByTestId('college-list').locator('li').count(), 1);
  }
  assert.deepEqual(okErrors(errors), []);
  for (const d of [X, Y]) await d.context.close();
});

test('a stored record that does not read never takes a page away: the others show, the broken one is named', async () => {
  const errors = [];
  const code = collegeCode();
  const P = await newPage(browser, errors);
  await qaCollegeYear(P.page, code, YEAR);
  // Written straight into this deployment's database, as a hand edit or an old build could have left it: a college
  // whose code is a number.
  await P.page.evaluate(async () => {
    const name = `mattrathan:${location.pathname.replace(/[^/]*$/, '')}`;
    const db = await new Promise((ok, bad) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => ok(r.result);
      r.onerror = () => bad(r.error);
    });
    const tx = db.transaction('records', 'readwrite');
    tx.objectStore('records').put({
      id: 'broken-college-1', kind: 'college', org: '1310100099', created: '2026-11-21T10:00:00.000Z',
      updated: '2026-11-21T10:00:00.000Z', schema: 1, code: 1310100099, name: 'เสีย',
    });
    await new Promise((ok, bad) => { tx.oncomplete = ok; tx.onerror = () => bad(tx.error); });
    db.close();
  });
  // Before: the list of colleges said only "อ่านไม่ได้"; every college of the device was out of reach.
  await P.page.reload();
  await go(P.page, '#/qa', 'college-list');
  await P.page.getByTestId('college-list').locator('li', { hasText: code }).waitFor();
  const banner = P.page.getByTestId('unreadable');
  await banner.waitFor();
  // Named by its id (opening the database files a college under the id derived from its code, 568c60c9-…) and why:
  // the value that does not read.
  assert.match(await banner.textContent(), /568c60c9-aae4-8651-99f2-f858728b899a/);
  assert.match(await banner.textContent(), /invalid type: integer `1310100099`/);
  assert.match(await banner.textContent(), /อ่านไม่ได้/);
  // The college still opens and still saves.
  await openYear(P.page, code, YEAR);
  await tick(P.page, 'item-3.3-1');
  assert.deepEqual(okErrors(errors), []);
  await P.context.close();
});
