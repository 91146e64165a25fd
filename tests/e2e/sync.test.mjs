// Sync through the CouchDB replication protocol against PouchDB Server: devices of one college edit offline and
// converge, a third device pulls everything, a conflict is shown and resolved, pushing again changes nothing, a
// server killed mid-push loses nothing, and a college cannot read its neighbour. The last test prints the figures
// for 10,000 records (not asserted).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, newPage } from './harness.mjs';
import { sharedCouch, startCouch, provision, admin, collegeCode, backupFile } from './couch.mjs';
import { go, signIn, syncNow } from './sync-pages.mjs';
import { assertAccessible } from './axe.mjs';

let server, browser, couch;
before(async () => { server = await serveDist(); browser = await launch(); couch = await sharedCouch(); });
after(async () => { await browser?.close(); await server?.close(); await couch?.stop(); });

async function device(errors) {
  const d = await newPage(browser, errors);
  await d.page.goto(server.base);
  await d.page.getByTestId('job-qa').waitFor();
  return d;
}

async function count(page, kind, state) {
  await go(page, '#/sync', 'sync-counts');
  const cell = page.getByTestId(`sync-count-${kind}-${state}`);
  await cell.waitFor();
  return Number(await cell.textContent());
}

/** Waits (the counts are recomputed in the background) until the sync page shows `expected`; asserts it. */
async function expectCount(page, kind, state, expected) {
  await go(page, '#/sync', 'sync-counts');
  const id = `sync-count-${kind}-${state}`;
  await page.waitForFunction(([id, expected]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === String(expected),
    [id, expected], { timeout: 30_000 }).catch(() => {});
  assert.equal(await count(page, kind, state), expected, `${id}`);
}

async function openYear(page, code, year) {
  await page.evaluate((h) => { location.hash = h; }, `#/qa/${code}/${year}`);
  // The crumb names the year once the route changed; only then is ind-3.3 this year's.
  await page.locator('nav.crumbs a', { hasText: `ปีการศึกษา ${year}` }).waitFor();
  await page.getByTestId('ind-3.3').waitFor();
}

/** Ticks an item in the open editor and waits until IndexedDB confirmed the write. */
async function tick(page, item) {
  await page.getByTestId(item).check();
  await page.getByTestId('save-state').filter({ hasText: 'บันทึกแล้ว' }).waitFor();
}

const okErrors = (errors) => errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED|Failed to load resource|401|403/.test(e));

test('two devices edit offline and converge; a third pulls all; a conflict is resolved; pushing again changes nothing', async () => {
  const errors = [];
  const code = collegeCode();
  // No --province: PouchDB Server's validation plugin breaks replicated updates in databases with a write rule
  // (see src/domain/sync/provision.rs); the province's read access is tested below.
  const account = provision(couch.url, code, 'college');
  const A = await device(errors);
  const B = await device(errors);

  // Device A: the college and its 2568 assessment, then the first sync.
  await A.page.getByTestId('job-qa').click();
  await A.page.getByTestId('college-code').fill(code);
  await A.page.getByTestId('college-name').fill('วิทยาลัยซิงค์');
  await A.page.getByTestId('college-add').click();
  await A.page.getByTestId('year-input').fill('2568');
  await A.page.getByTestId('year-add').click();
  await tick(A.page, 'item-3.3-1');
  assert.match(await signIn(A.page, couch.url, code, account), /ลงชื่อเข้าใช้/);
  await expectCount(A.page, 'qa_assessment', 'pending', 1);
  assert.match(await syncNow(A.page), /ซิงค์เสร็จ/);
  await expectCount(A.page, 'qa_assessment', 'synced', 1);
  await expectCount(A.page, 'college', 'synced', 1);

  // Device B (same college, another browser) pulls it.
  await signIn(B.page, couch.url, code, account);
  assert.match(await syncNow(B.page), /ซิงค์เสร็จ/);
  await openYear(B.page, code, 2568);
  assert.ok(await B.page.getByTestId('item-3.3-1').isChecked());

  // Both go offline and edit: A adds 2569 and ticks 3.3-2 in 2568; B ticks 3.3-3 in 2568 (the same record).
  await A.context.setOffline(true);
  await B.context.setOffline(true);
  await go(A.page, '#/sync', 'sync-offline');
  assert.ok(await A.page.getByTestId('sync-now').isDisabled(), 'no sync while offline');
  await go(A.page, `#/qa/${code}`, 'year-input');
  await A.page.getByTestId('year-input').fill('2569');
  await A.page.getByTestId('year-add').click();
  await A.page.locator('nav.crumbs a', { hasText: 'ปีการศึกษา 2569' }).waitFor();
  await tick(A.page, 'item-3.3-1');
  await openYear(A.page, code, 2568);
  await tick(A.page, 'item-3.3-2');
  await openYear(B.page, code, 2568);
  await tick(B.page, 'item-3.3-3');
  await expectCount(A.page, 'qa_assessment', 'pending', 2);

  // Back online: both sync; the 2568 edits conflict, on both devices, and nothing is dropped.
  await A.context.setOffline(false);
  await B.context.setOffline(false);
  await syncNow(A.page);
  assert.match(await syncNow(B.page), /ขัดแย้ง 1/);
  await syncNow(A.page);
  await expectCount(A.page, 'qa_assessment', 'conflict', 1);
  await expectCount(B.page, 'qa_assessment', 'conflict', 1);

  // Device C, fresh, pulls everything: the college and both years.
  const C = await device(errors);
  await signIn(C.page, couch.url, code, account);
  await syncNow(C.page);
  await go(C.page, `#/qa/${code}`, 'year-2568');
  await C.page.getByTestId('year-2569').waitFor();
  await expectCount(C.page, 'college', 'synced', 1);

  // B decides: keep the other branch's value of `input` (the one not shown), written as a new revision.
  await go(B.page, '#/sync/conflicts', 'conflict-resolve');
  await assertAccessible(B.page, 'sync conflicts, signed in, one conflict listed');
  const otherValue = await B.page.locator('[data-testid="conflict-pick-input-1"] + code, [data-testid="conflict-pick-input-1"] ~ code').first().textContent();
  const chosenItem = /"ticked":\[1,2\]/.test(otherValue) ? 2 : 3;
  assert.match(otherValue, /"ticked":\[1,[23]\]/);
  await B.page.getByTestId('conflict-pick-input-1').check();
  await B.page.getByTestId('conflict-resolve').click();
  await B.page.getByTestId('no-conflicts').waitFor();
  await syncNow(B.page);
  await syncNow(A.page);
  await syncNow(C.page);
  for (const d of [A, B, C]) {
    await expectCount(d.page, 'qa_assessment', 'conflict', 0);
    await openYear(d.page, code, 2568);
    assert.ok(await d.page.getByTestId(`item-3.3-${chosenItem}`).isChecked(), 'the decision reached every device');
    assert.ok(!(await d.page.getByTestId(`item-3.3-${5 - chosenItem}`).isChecked()));
  }

  // Pushing again changes nothing on the server.
  const seqBefore = (await admin(couch.url, `/${account.database}`)).update_seq;
  assert.match(await syncNow(A.page), /ส่ง 0 ฉบับ/);
  assert.match(await syncNow(A.page), /ส่ง 0 ฉบับ/);
  assert.equal((await admin(couch.url, `/${account.database}`)).update_seq, seqBefore);
  await expectCount(A.page, 'qa_assessment', 'pending', 0);
  assert.deepEqual(okErrors(errors), []);
  for (const d of [A, B, C]) await d.context.close();
});

test('a college gets 401/403 on a neighbour and on another province; its province reads it', async () => {
  const errors = [];
  const [c1, c2] = [collegeCode(), collegeCode()];
  const [p1, p2] = [`p${c1.slice(-6)}`, `q${c1.slice(-6)}`];
  const a1 = provision(couch.url, c1, 'college', p1);
  provision(couch.url, c2, 'college', p1);
  const province = provision(couch.url, p1, 'province');
  const otherProvince = provision(couch.url, p2, 'province');
  const D = await device(errors);
  // Signing in to the neighbour's database with our own account is refused as "sign in again", not a data error.
  assert.match(await signIn(D.page, couch.url, c2, a1), /กรุณาลงชื่อเข้าใช้ใหม่.*40[13]/);
  assert.match(await signIn(D.page, couch.url, p1, a1), /กรุณาลงชื่อเข้าใช้ใหม่.*40[13]/);
  assert.match(await signIn(D.page, couch.url, p2, a1), /กรุณาลงชื่อเข้าใช้ใหม่.*40[13]/);
  assert.match(await signIn(D.page, couch.url, c1, { user: a1.user, password: 'wrong' }), /กรุณาลงชื่อเข้าใช้ใหม่/);
  const get = (who, db) => fetch(`${couch.url}/${db}`, {
    headers: { authorization: 'Basic ' + Buffer.from(`${who.user}:${who.password}`).toString('base64') },
  }).then((r) => r.status);
  assert.ok([401, 403].includes(await get(a1, `mt_${c2}`)));
  assert.ok([401, 403].includes(await get(a1, province.database)));
  assert.ok([401, 403].includes(await get(a1, otherProvince.database)));
  assert.equal(await get(province, `mt_${c1}`), 200, 'the province role reads its colleges');
  assert.ok([401, 403].includes(await get(otherProvince, `mt_${c1}`)), 'another province cannot');
  // The province signs in to a college's database in the app (read access), as its registration view will.
  assert.match(await signIn(D.page, couch.url, c1, province), /ลงชื่อเข้าใช้ mt_p/);
  // http to another host is refused before any request.
  assert.match(await signIn(D.page, 'http://sync.example.go.th', c1, a1), /https/);
  assert.deepEqual(okErrors(errors), []);
  await D.context.close();
});

test('killing the server mid-push loses nothing; the push resumes and completes', async () => {
  const errors = [];
  const own = await startCouch({ inMemory: false });
  try {
    const code = collegeCode();
    const account = provision(own.url, code, 'college');
    const E = await device(errors);
    await go(E.page, '#/qa', 'backup-import');
    await E.page.getByTestId('backup-import').setInputFiles(backupFile(code, 2000));
    await E.page.locator('.msg.ok').filter({ hasText: '2000' }).waitFor({ timeout: 60_000 });
    await signIn(E.page, own.url, code, account);
    await go(E.page, '#/sync', 'sync-now');
    let killed;
    const firstBatchStored = new Promise((resolve) => E.page.on('response', (r) => { if (r.url().includes('_bulk_docs')) resolve(); }));
    await E.page.getByTestId('sync-now').click();
    await firstBatchStored;
    killed = own.kill();
    await killed;
    await E.page.getByTestId('sync-status').filter({ hasText: 'จะลองใหม่' }).waitFor({ timeout: 60_000 });
    const storedBeforeRestart = await count(E.page, 'qa_assessment', 'synced');
    assert.ok(storedBeforeRestart < 2000, 'the push was cut off half-way');
    await own.restart();
    await E.page.getByTestId('sync-status').filter({ hasText: 'ซิงค์เสร็จ' }).waitFor({ timeout: 120_000 });
    await expectCount(E.page, 'qa_assessment', 'synced', 2000);
    await expectCount(E.page, 'qa_assessment', 'pending', 0);
    const info = await admin(own.url, `/${account.database}/_all_docs?limit=0`);
    assert.equal(info.total_rows, 2000, 'none lost');
    assert.match(await syncNow(E.page), /ส่ง 0 ฉบับ/);
    assert.deepEqual(okErrors(errors), []);
    await E.context.close();
  } finally {
    await own.stop();
  }
});

test('the echo of a push is recognised without its documents; a newer revision from another device in the same pull is still stored', async () => {
  const errors = [];
  const code = collegeCode();
  const account = provision(couch.url, code, 'college');
  const A = await device(errors);
  const B = await device(errors);
  // The `_changes` requests of one sync: with the documents (include_docs) or only the revisions.
  const changesOf = async (page) => {
    const seen = [];
    const onRequest = (r) => { if (r.url().startsWith(couch.url) && r.url().includes('/_changes')) seen.push(r.url().includes('include_docs=true') ? 'docs' : 'revs'); };
    page.on('request', onRequest);
    const status = await syncNow(page);
    page.off('request', onRequest);
    return { status, seen };
  };

  // A makes the college and its 2568 assessment and syncs: the pull after the push is its own echo, read without
  // any document.
  await A.page.getByTestId('job-qa').click();
  await A.page.getByTestId('college-code').fill(code);
  await A.page.getByTestId('college-name').fill('วิทยาลัยเสียงสะท้อน');
  await A.page.getByTestId('college-add').click();
  await A.page.getByTestId('year-input').fill('2568');
  await A.page.getByTestId('year-add').click();
  await tick(A.page, 'item-3.3-1');
  await signIn(A.page, couch.url, code, account);
  const first = await changesOf(A.page);
  assert.match(first.status, /ซิงค์เสร็จ/);
  assert.deepEqual(first.seen, ['revs'], 'the echo is recognised from the revisions alone');
  await expectCount(A.page, 'qa_assessment', 'synced', 1);

  // B pulls it, ticks 3.3-3 in 2568 and syncs: the server now has a newer revision of that record.
  await signIn(B.page, couch.url, code, account);
  assert.match(await syncNow(B.page), /ซิงค์เสร็จ/);
  await openYear(B.page, code, 2568);
  await tick(B.page, 'item-3.3-3');
  assert.match(await syncNow(B.page), /ซิงค์เสร็จ/);

  // Meanwhile A adds 2569 and syncs: its pull holds the echo of 2569 and B's newer 2568 in one page. The page is
  // then read with its documents, and B's revision is checked and stored (no conflict: A had not edited 2568).
  await go(A.page, `#/qa/${code}`, 'year-input');
  await A.page.getByTestId('year-input').fill('2569');
  await A.page.getByTestId('year-add').click();
  await A.page.locator('nav.crumbs a', { hasText: 'ปีการศึกษา 2569' }).waitFor();
  await tick(A.page, 'item-3.3-2');
  const second = await changesOf(A.page);
  assert.match(second.status, /ซิงค์เสร็จ/);
  assert.deepEqual(second.seen, ['revs', 'docs'], 'the page with something new is read again with its documents');
  await openYear(A.page, code, 2568);
  assert.ok(await A.page.getByTestId('item-3.3-3').isChecked(), "B's newer revision reached A");
  assert.ok(await A.page.getByTestId('item-3.3-1').isChecked());
  await expectCount(A.page, 'qa_assessment', 'conflict', 0);
  await expectCount(A.page, 'qa_assessment', 'synced', 2);

  // Syncing again: nothing to send, and the pull of nothing new reads no document.
  const third = await changesOf(A.page);
  assert.match(third.status, /ส่ง 0 ฉบับ/);
  assert.ok(!third.seen.includes('docs'), `no document read: ${third.seen}`);
  assert.deepEqual(okErrors(errors), []);
  await A.context.close();
  await B.context.close();
});

test('figures: push 10,000 records, pull them on a fresh device (printed, not asserted)', async () => {
  const errors = [];
  const code = collegeCode();
  const account = provision(couch.url, code, 'college');
  const N = Number(process.env.MATTRATHAN_SYNC_FIGURES ?? 10000);
  const measure = async (page, label) => {
    const requests = [];
    const onRequest = (r) => { if (r.url().startsWith(couch.url)) requests.push(`${r.method()} ${new URL(r.url()).pathname}`); };
    page.on('request', onRequest);
    const t0 = Date.now();
    const status = await syncNow(page, 900_000);
    const seconds = (Date.now() - t0) / 1000;
    page.off('request', onRequest);
    const byKind = {};
    for (const r of requests) { const k = r.replace(/\/mt_\d+\/[0-9a-f-]{36}/, '/DB/ID').replace(/mt_\d+/, 'DB'); byKind[k] = (byKind[k] ?? 0) + 1; }
    console.log(`[figures] ${label}: ${seconds.toFixed(1)} s, ${requests.length} HTTP requests`, JSON.stringify(byKind), '—', status.trim());
  };
  const F = await device(errors);
  await go(F.page, '#/qa', 'backup-import');
  await F.page.getByTestId('backup-import').setInputFiles(backupFile(code, N));
  await F.page.locator('.msg.ok').filter({ hasText: String(N) }).waitFor({ timeout: 300_000 });
  await signIn(F.page, couch.url, code, account);
  await measure(F.page, `push ${N} records (sync = push, then pull of the echo)`);
  await expectCount(F.page, 'qa_assessment', 'synced', N);
  const G = await device(errors);
  await signIn(G.page, couch.url, code, account);
  await measure(G.page, `pull ${N} records on a fresh device`);
  await expectCount(G.page, 'qa_assessment', 'synced', N);
  assert.deepEqual(okErrors(errors), []);
  await F.context.close();
  await G.context.close();
});
