// Page helpers for the sync journeys (sync.test.mjs, sync-pull.test.mjs): hash navigation that keeps the page (and
// the in-memory credentials), signing in on the sync page, "sync now".

/** Goes to `hash` without reloading the page and waits for `testid`. */
export async function go(page, hash, testid) {
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.getByTestId(testid).waitFor();
}

/** Signs in on the sync page for organisation `org` with `account` ({user, password}); returns the message. */
export async function signIn(page, url, org, account) {
  await go(page, '#/sync', 'sync-url');
  await page.getByTestId('sync-url').fill(url);
  await page.getByTestId('sync-org').fill(org);
  await page.getByTestId('sync-user').fill(account.user);
  await page.getByTestId('sync-password').fill(account.password ?? '');
  await page.getByTestId('sync-signin').click();
  const msg = page.locator('form .msg').filter({ hasNotText: 'กำลังตรวจสอบ' });
  await msg.waitFor();
  return msg.textContent();
}

/** Clicks "sync now" and waits for the run to finish; returns the status text. */
export async function syncNow(page, timeout = 300_000) {
  await go(page, '#/sync', 'sync-now');
  const before = await page.getByTestId('sync-requests').textContent();
  await page.getByTestId('sync-now').click();
  await page.waitForFunction((before) => {
    const s = document.querySelector('[data-testid=sync-status]')?.textContent ?? '';
    const r = document.querySelector('[data-testid=sync-requests]')?.textContent;
    return r !== before && /ซิงค์: (เสร็จ|ไม่สำเร็จ|ต้องลงชื่อ)/.test(s);
  }, before, { timeout });
  return page.getByTestId('sync-status').textContent();
}
