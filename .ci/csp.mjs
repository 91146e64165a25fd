// Puts a Content-Security-Policy meta tag into every page of DIST (node .ci/csp.mjs DIST, run by .ci/build after
// Trunk): scripts only from the app's origin plus the hashes of the inline scripts Trunk writes into the page (its
// module loader), wasm compiled with 'wasm-unsafe-eval' and no other eval, connections only to the app's origin and
// the sync servers named at build time in MATTRATHAN_SYNC_ORIGINS (space-separated origins, e.g.
// "https://couch.province.example"; see DEPLOY.md), nothing loaded from anywhere else.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dist = process.argv[2];
if (!dist) throw new Error('usage: node .ci/csp.mjs DIST');
const sync = (process.env.MATTRATHAN_SYNC_ORIGINS ?? '').split(/\s+/).filter(Boolean);
for (const origin of sync) {
  if (!/^https?:\/\/[^\s/;,']+$/.test(origin)) throw new Error(`MATTRATHAN_SYNC_ORIGINS: not an origin: ${origin}`);
}

let pages = 0;
for (const name of fs.readdirSync(dist).filter((f) => f.endsWith('.html'))) {
  const file = path.join(dist, name);
  let html = fs.readFileSync(file, 'utf8');
  if (html.includes('Content-Security-Policy')) throw new Error(`${name}: already has a policy`);
  // Inline scripts: <script …> with no src, their text hashed exactly as written.
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => `'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
    // Leptos sets style attributes (bar widths, print layout); no style is loaded from elsewhere.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${sync.join(' ')}`.trim(),
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
  const meta = `<meta http-equiv=Content-Security-Policy content="${policy}">`;
  const at = html.search(/<meta charset=["']?utf-8["']?\s*\/?>/i);
  if (at < 0) throw new Error(`${name}: no <meta charset=utf-8> to put the policy after`);
  const end = html.indexOf('>', at) + 1;
  html = html.slice(0, end) + meta + html.slice(end);
  fs.writeFileSync(file, html);
  pages += 1;
}
console.log(`csp: ${pages} pages, connect-src 'self'${sync.length ? ' ' + sync.join(' ') : ''}`);
