// Writes DIST/sw.js (node .ci/precache.mjs DIST, run by .ci/build) with the list of every file of the build: all
// pages and their hashed wasm/js, css, fonts, icons, and the pages' Web Workers (checked to be there). The version is derived from their contents, so each release
// gets a new service worker. The worker fetches every listed file with `cache: 'reload'` and names its cache with its
// scope (see public/sw.js), so releases never mix and two deployments on one origin keep their own copies.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const staging = process.argv[2];
const source = '.';
if (!staging) throw new Error('usage: node .ci/precache.mjs DIST');

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

const files = walk(staging)
  .map((p) => path.relative(staging, p).split(path.sep).join('/'))
  .filter((f) => f !== 'sw.js' && !f.startsWith('.'))
  .sort();
// The Web Workers the built pages start (<link data-trunk … data-type="worker" data-bin="…">): the app works offline only if
// the service worker holds their files too; a worker missing from the build stops it here.
for (const page of fs.readdirSync(source).filter((f) => f.endsWith('.html') && files.includes(f))) {
  const html = fs.readFileSync(path.join(source, page), 'utf8');
  for (const link of html.match(/<link\b[^>]*data-type="worker"[^>]*>/g) ?? []) {
    const bin = link.match(/data-bin="([^"]+)"/)?.[1];
    if (!bin) throw new Error(`${page}: a worker link without data-bin`);
    for (const f of [`${bin}_loader.js`, `${bin}.js`, `${bin}_bg.wasm`]) {
      if (!files.includes(f)) throw new Error(`${page}: the worker file ${f} is not in ${staging}`);
    }
  }
}
const hash = crypto.createHash('sha256');
for (const f of files) hash.update(f).update(fs.readFileSync(path.join(staging, f)));
const version = hash.digest('hex').slice(0, 16);

const template = fs.readFileSync(path.join(source, 'public/sw.js'), 'utf8');
const sw = template
  .replace("'__VERSION__'", JSON.stringify(version))
  .replace('self.__PRECACHE__', JSON.stringify(files.map((f) => `./${f}`)));
fs.writeFileSync(path.join(staging, 'sw.js'), sw);
console.log(`sw.js: ${files.length} files precached, version ${version}`);
