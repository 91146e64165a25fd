// The Content-Security-Policy every page runs under (.ci/csp.mjs, issue 17 point 8): scripts from the app's origin and
// the hashes of Trunk's inline loader only, no 'unsafe-inline' or eval for scripts, connections to the app's origin
// and the named sync servers. Every other end-to-end journey runs under the same policy; here each page starts with
// no violation, and a script injected into the page is blocked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useServerAndBrowser, server, browser, newPage, DIST } from './harness.mjs';

useServerAndBrowser();

const pages = fs.readdirSync(DIST).filter((f) => f.endsWith('.html')).sort();

test('every page carries the policy, starts with no violation, and an injected inline script is blocked', async () => {
  assert.ok(pages.length >= 2, pages.join());
  for (const name of pages) {
    const html = fs.readFileSync(path.join(DIST, name), 'utf8');
    const policy = html.match(/<meta http-equiv=Content-Security-Policy content="([^"]+)">/)?.[1];
    assert.ok(policy, `${name}: no policy`);
    const script = policy.split('; ').find((d) => d.startsWith('script-src '));
    assert.match(script, /^script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/]+=*')+$/, `${name}: ${script}`);
    assert.match(policy, /default-src 'self'/);
    assert.match(policy, /object-src 'none'/);
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<script'), `${name}: the policy comes before any script`);
  }

  const errors = [];
  const { context, page } = await newPage(browser, errors);
  // Collected from the start of every document (an init script runs outside the page's policy).
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  for (const name of pages) {
    await page.goto(new URL(name === 'index.html' ? '' : name, server.base).href);
    assert.deepEqual(await violationsOnceStarted(page), [], `${name}: violations on load`);
  }

  await page.goto(server.base);
  await page.getByTestId('job-qa').waitFor();
  assert.deepEqual(errors, [], 'no error on any page before the injection');
  const blocked = await page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true;';
    document.body.append(s);
    setTimeout(() => resolve(null), 3000);
  }));
  assert.match(String(blocked), /^script-src/);
  assert.equal(await page.evaluate(() => window.__injected), undefined, 'the injected script did not run');
  // The browser reports the blocked script on the console, and nothing else went wrong.
  assert.ok(errors.length >= 1 && errors.every((e) => /Executing inline script violates the following Content Security Policy/.test(e)), errors.join('\n'));
  await context.close();
});

/** The violations collected once the page's wasm has started: it removes the static boot block (which already has a
 *  top bar and test ids) and draws the page. A page opened without an address of its own forwards to the page that
 *  has it — a navigation, after which the collected list is the new document's: wait there again. */
async function violationsOnceStarted(page) {
  for (let tries = 0; ; tries++) {
    try {
      await page.waitForFunction(() => !document.getElementById('boot') && document.querySelector('main [data-testid]') !== null);
      await page.waitForLoadState('load');
      return await page.evaluate(() => window.__violations);
    } catch (e) {
      if (tries >= 3 || !/Execution context was destroyed|navigat/i.test(e.message)) throw e;
    }
  }
}
