// Page helpers for the registration journeys (registration.test.mjs, sync-pull.test.mjs).
import assert from 'node:assert/strict';
import path from 'node:path';
import { OUT } from './harness.mjs';

export async function waitSaved(page) {
  await page.getByTestId('save-state').filter({ hasText: 'บันทึกแล้ว' }).waitFor();
}

/** Creates a college profile in `province` (the app served at `base`) and opens its registration for `year`. */
export async function openCollege(page, base, { code, name, province, year }) {
  await page.goto(`${base}#/reg`);
  await page.getByTestId('reg-college-code').fill(code);
  await page.getByTestId('reg-college-open').click();
  await page.getByTestId('profile-name').fill(name);
  await page.getByTestId('profile-province').selectOption(province);
  await waitSaved(page);
  assert.equal(await page.getByTestId('profile-problems').locator('li').count(), 0, 'profile complete');
  await page.getByTestId('reg-year-input').fill(year);
  await page.getByTestId('reg-year-add').click();
  await page.getByTestId('group-pvc62').waitFor();
}

/** Picks the only match of `query` in group `g` and enters `count`, confirming with Enter in the count box. */
export async function pick(page, g, query, count) {
  await page.getByTestId(`search-${g}`).fill(query);
  await page.getByTestId(`option-${g}-0`).waitFor();
  await page.getByTestId(`count-${g}`).fill(String(count));
  await page.getByTestId(`count-${g}`).press('Enter');
  await page.getByTestId(`entries-${g}`).getByText(query).first().waitFor();
}

/** Waits until test id `id` shows exactly `text` (the page reloads its data after an import). */
export async function expectText(page, id, text) {
  await page.getByTestId(id).filter({ hasText: new RegExp(`^${text}$`) }).waitFor();
}

export async function exportFile(page, name) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-registration').click()]);
  const file = path.join(OUT, name);
  await download.saveAs(file);
  return file;
}

/** Opens province `province`'s committee page for `year`. */
export async function openProvince(page, base, province, year) {
  await page.goto(`${base}#/reg`);
  await page.getByTestId('reg-province').selectOption(province);
  await page.getByTestId('reg-province-year').fill(year);
  await page.getByTestId('reg-province-open').click();
  await page.getByTestId('check-table').waitFor();
}
