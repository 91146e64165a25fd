// The app shell works offline after one visit, and a new release is offered without touching stored data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, newPage, DIST } from './harness.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function waitForOfflineReady(page) {
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    while (!navigator.serviceWorker.controller) await new Promise((r) => setTimeout(r, 50));
    return reg.active.state;
  });
}

test('after one visit the app opens and saves with the network off; a new release is offered and data survives', async () => {
  const errors = [];
  const { context, page } = await newPage(browser, errors);
  await page.goto(server.base);
  await page.getByTestId('job-qa').waitFor();
  await waitForOfflineReady(page);

  await context.setOffline(true);
  await page.reload();
  await page.getByTestId('offline').waitFor();
  await page.getByTestId('job-qa').click();
  await page.getByTestId('college-code').fill('1310100009');
  await page.getByTestId('college-name').fill('วิทยาลัยออฟไลน์');
  await page.getByTestId('college-add').click();
  await page.getByTestId('year-input').fill('2568');
  await page.getByTestId('year-add').click();
  await page.getByTestId('item-3.3-1').check();
  await page.getByTestId('save-state').filter({ hasText: 'บันทึกแล้ว' }).waitFor();
  await page.reload();
  await page.getByTestId('ind-3.3').waitFor();
  assert.ok(await page.getByTestId('item-3.3-1').isChecked());
  assert.equal(await page.getByTestId('score-3.3').textContent(), '1');

  // A new release: sw.js changes on the server; once back online the page is told and switches on request.
  await context.setOffline(false);
  const sw = fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8').replace(/const VERSION = "[^"]+"/, 'const VERSION = "next-release"');
  server.overrides.set('sw.js', sw);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await page.getByTestId('update-ready').waitFor();
  await Promise.all([page.waitForEvent('load'), page.getByTestId('update-ready').getByRole('button').click()]);
  await page.getByTestId('ind-3.3').waitFor();
  assert.ok(await page.getByTestId('item-3.3-1').isChecked(), 'data survives the update');
  // The cache is named with the worker's scope (issue 12 point 16).
  assert.equal(await page.evaluate(async () => (await caches.keys()).join()), `mattrathan-${new URL(server.base).pathname}-next-release`);
  server.overrides.clear();
  assert.deepEqual(errors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED')), []);
  await context.close();
});
