// Test harness: serves ../../dist as plain static files under a sub-path, and launches Debian's Chromium through
// playwright-core (never a downloaded browser).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DIST = path.resolve(here, '../../dist');
export const OUT = path.resolve(here, 'out');
export const SUB_PATH = '/hosting/sub-path/mattrathan/';
fs.mkdirSync(OUT, { recursive: true });

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.woff2': 'font/woff2', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8',
};

/** A static file server like any CDN: no rewrites, no fallback to index.html for unknown paths. */
export function serveDist() {
  const requests = [];
  // rel path → replacement body, to simulate a new release of one file.
  const overrides = new Map();
  const server = http.createServer((req, res) => {
    requests.push(req.url);
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(SUB_PATH)) { res.writeHead(404); return res.end('not found'); }
    let rel = decodeURIComponent(url.pathname.slice(SUB_PATH.length)) || 'index.html';
    if (overrides.has(rel)) {
      res.writeHead(200, { 'content-type': TYPES[path.extname(rel)] ?? 'application/octet-stream' });
      return res.end(overrides.get(rel));
    }
    const file = path.join(DIST, rel);
    if (!file.startsWith(DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404); return res.end('not found');
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const base = `http://127.0.0.1:${server.address().port}${SUB_PATH}`;
    resolve({ base, requests, overrides, close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) });
  }));
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** A new page in its own context (its own IndexedDB), failing the test on any uncaught page error. */
export async function newPage(browser, errors) {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'th-TH', viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return { context, page };
}

/** The static server and the browser of a test file (live bindings, set by `useServerAndBrowser`). */
export let server;
export let browser;

/** Starts the static server and the browser before the calling file's tests and closes them after. */
export function useServerAndBrowser() {
  before(async () => {
    server = await serveDist();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}
