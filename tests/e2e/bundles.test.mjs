// The app is split into one page and wasm per job (src/routes.rs, `Bundle`): a visit downloads the shell and the
// job at hand only; links within a page change the hash, links to another job load its page; old single-page
// addresses (./#/qa/…) are forwarded. The service worker is blocked here so every wasm download is the page's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, server, browser } from './harness.mjs';

useServerAndBrowser();

async function open() {
  const context = await browser.newContext({ serviceWorkers: 'block', locale: 'th-TH' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const wasm = [];
  page.on('request', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop();
    if (name.endsWith('.wasm')) wasm.push(name.replace(/-[0-9a-f]+_bg\.wasm$/, ''));
  });
  return { context, page, errors, wasm };
}

test('each page downloads only its own wasm; jobs link across pages; old addresses are forwarded', async () => {
  const { context, page, errors, wasm } = await open();
  await page.goto(server.base);
  await page.getByTestId('job-qa').waitFor();
  assert.deepEqual(wasm, ['mattrathan-web'], 'the home page loads the home bundle only');

  await page.getByTestId('job-qa').click();
  await page.getByTestId('college-code').waitFor();
  assert.match(page.url(), /\/qa\.html#\/qa$/);
  assert.deepEqual(wasm, ['mattrathan-web', 'mattrathan-qa']);

  // Within the page: a new college opens its page by hash, without loading anything.
  await page.getByTestId('college-code').fill('1310100001');
  await page.getByTestId('college-name').fill('วิทยาลัยเทคนิคทดสอบ');
  await page.getByTestId('college-add').click();
  await page.getByTestId('year-input').waitFor();
  assert.match(page.url(), /\/qa\.html#\/qa\/1310100001$/);
  assert.equal(wasm.length, 2, 'a link within the page loads no other bundle');

  // The top bar's home link goes back to the home page (its own bundle again).
  await page.getByRole('link', { name: 'มาตรฐาน', exact: true }).click();
  await page.getByTestId('job-s26').waitFor();
  assert.equal(wasm.at(-1), 'mattrathan-web');

  // An address of the single-page app of earlier releases still works.
  await page.goto(`${server.base}#/qa/1310100001`);
  await page.getByTestId('year-input').waitFor();
  assert.match(page.url(), /\/qa\.html#\/qa\/1310100001$/);
  await page.goto(`${server.base}#/s26`);
  await page.getByTestId('s26-create').waitFor();
  assert.match(page.url(), /\/s26\.html#\/s26$/);
  // A typed route of another job within a page loads that job's page.
  await page.evaluate(() => { location.hash = '#/reg'; });
  await page.waitForURL(/\/reg\.html#\/reg$/);
  await page.getByText('ลงทะเบียน').first().waitFor();
  // Unknown addresses land on the home page's "not found".
  await page.goto(`${server.base}qa.html#/no/such/page`);
  await page.getByText('ไม่พบหน้านี้').waitFor();
  assert.match(page.url(), /\/mattrathan\/#\/no\/such\/page$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('before its wasm has run, every page shows its top bar and title; the app then takes their place', async () => {
  const pages = ['index', 'qa', 's26', 's26-session', 's26-print', 'reg', 'reg-province', 'ia', 'judge', 'sync'];
  const { context, page, errors } = await open();
  // The wasm never arrives: what a slow connection shows meanwhile.
  await page.route(/\.wasm$/, (r) => r.abort());
  for (const name of pages) {
    await page.goto(`${server.base}${name}.html`);
    const boot = page.locator('#boot');
    await boot.locator('h1').waitFor();
    assert.ok((await boot.locator('h1').textContent()).trim().length > 5, `${name}: a title`);
    assert.equal(await boot.locator('header.topbar a').textContent(), 'มาตรฐาน', `${name}: the top bar`);
  }
  await page.unroute(/\.wasm$/);
  errors.length = 0; // the aborted downloads above
  // Once the app runs, only its own shell is left.
  await page.goto(`${server.base}qa.html#/qa`);
  await page.getByTestId('college-code').waitFor();
  assert.equal(await page.locator('#boot').count(), 0);
  assert.equal(await page.locator('header.topbar').count(), 1);
  assert.equal(await page.locator('h1').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});
