// Checks a deployment of the app as a browser will meet it (DEPLOY.md, "Check the deployment"):
//
//   node .ci/deploy-check.mjs https://apps.example.go.th/mattrathan/ [--sync https://couch.example.go.th]
//
// - served over HTTPS (plain http only on this machine);
// - every file the service worker precaches (its list in sw.js) answers 200, wasm as application/wasm;
// - the pages, sw.js and every file whose name has no content hash are revalidated on each visit (Cache-Control
//   no-cache, no-store or max-age=0), so a new release is seen and a page never points at deleted files;
// - the hashed files (name-0123456789abcdef.js / _bg.wasm / .css) are cached for at least a day (a year, immutable,
//   is what DEPLOY.md sets);
// - every page carries the Content-Security-Policy of the build, and with --sync: its connect-src names that
//   server, and the server answers a browser's CORS preflight from the app's origin with credentials.
// Prints one line per finding ("ok", "warn", "FAIL") and exits 1 when anything failed.
const args = process.argv.slice(2);
const base = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--sync');
const sync = args.includes('--sync') ? args[args.indexOf('--sync') + 1] : undefined;
if (!base) {
  console.error('usage: node .ci/deploy-check.mjs https://APP-HOST/PATH/ [--sync https://COUCH-HOST]');
  process.exit(2);
}
const root = new URL(base.endsWith('/') ? base : `${base}/`);
let failed = 0;
const say = (level, what) => {
  if (level === 'FAIL') failed++;
  console.log(`${level.padEnd(4)} ${what}`);
};
const local = (url) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

if (root.protocol === 'https:') say('ok', `${root.origin} is served over HTTPS`);
else if (local(root)) say('warn', `${root.origin} is plain http: fine on this machine only`);
else say('FAIL', `${root.origin} is plain http: serve the app over HTTPS (the sync password is typed on its pages)`);

// Whether a CSP host-source ("https://couch.example", "http://127.0.0.1:*") allows `url` (CSP 3: an http source
// also allows https, a missing port means the scheme's default, "*" any port).
function cspAllows(source, url) {
  const m = /^(https?):\/\/([^:/]+)(?::(\d+|\*))?$/.exec(source);
  if (!m) return false;
  const [, scheme, host, port] = m;
  const schemeOk = `${scheme}:` === url.protocol || (scheme === 'http' && url.protocol === 'https:');
  const portOk = port === '*' || (port ?? '') === url.port || (!port && url.port === '');
  return schemeOk && host === url.hostname && portOk;
}

const revalidated = (cc) => /\b(no-cache|no-store)\b/.test(cc) || /\bmax-age=0\b/.test(cc);
const maxAge = (cc) => Number(/\bmax-age=(\d+)/.exec(cc)?.[1] ?? 0);
const hashed = (name) => /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(name);

const sw = await fetch(new URL('sw.js', root), { cache: 'no-store' }).catch((e) => ({ ok: false, status: e.message }));
if (!sw.ok) {
  say('FAIL', `sw.js: ${sw.status} (is ${root} the folder that holds index.html and sw.js?)`);
  process.exit(1);
}
const list = /const FILES = (\[[^\]]*\])/.exec(await sw.text());
if (!list) {
  say('FAIL', 'sw.js: no precache list (not a build of this app?)');
  process.exit(1);
}
const files = ['./sw.js', ...JSON.parse(list[1])];
const counts = { revalidated: 0, hashed: 0 };
const pages = [];
for (const file of files) {
  const url = new URL(file, root);
  const answer = await fetch(url, { cache: 'no-store' }).catch((e) => ({ ok: false, status: e.message, headers: new Headers() }));
  const name = file.slice(2);
  if (!answer.ok) {
    say('FAIL', `${name}: ${answer.status}`);
    continue;
  }
  const cc = answer.headers.get('cache-control') ?? '';
  const type = answer.headers.get('content-type') ?? '';
  if (name.endsWith('.wasm') && !type.startsWith('application/wasm')) {
    say('FAIL', `${name}: Content-Type "${type}" (must be application/wasm, or the browser compiles it slowly or not at all)`);
  }
  if (hashed(name)) {
    if (maxAge(cc) >= 86400) counts.hashed++;
    else say('FAIL', `${name}: Cache-Control "${cc}" — a hashed file never changes: cache it long (max-age=31536000, immutable)`);
  } else if (revalidated(cc)) {
    counts.revalidated++;
  } else {
    say('FAIL', `${name}: Cache-Control "${cc}" — without a content hash it must be revalidated (no-cache), or a release is missed`);
  }
  if (name.endsWith('.html')) pages.push([name, await answer.text()]);
  else await answer.arrayBuffer();
}
say('ok', `${files.length} files answer: ${counts.hashed} hashed files cached long, ${counts.revalidated} others revalidated`);

for (const [name, html] of pages) {
  const policy = /<meta http-equiv=["']?Content-Security-Policy["']? content="([^"]*)"/i.exec(html)?.[1];
  if (!policy) {
    say('FAIL', `${name}: no Content-Security-Policy (was dist/ built with .ci/build?)`);
    continue;
  }
  const connect = /connect-src ([^;]*)/.exec(policy)?.[1].split(/\s+/) ?? [];
  if (sync && !connect.some((source) => cspAllows(source, new URL(sync)))) {
    say('FAIL', `${name}: connect-src "${connect.join(' ')}" does not name ${new URL(sync).origin}: build with MATTRATHAN_SYNC_ORIGINS="${new URL(sync).origin}"`);
  }
}
if (pages.length) say('ok', `${pages.length} pages carry the Content-Security-Policy${sync ? ` and may connect to ${new URL(sync).origin}` : ''}`);

if (sync) {
  const server = new URL(sync);
  if (server.protocol !== 'https:' && !local(server)) say('FAIL', `${server.origin}: the sync server must be HTTPS`);
  const answer = await fetch(new URL('/', server), {
    method: 'OPTIONS',
    headers: { Origin: root.origin, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'authorization, content-type' },
  }).catch((e) => ({ ok: false, status: e.message, headers: new Headers() }));
  const allowed = answer.headers.get('access-control-allow-origin') === root.origin
    && answer.headers.get('access-control-allow-credentials') === 'true';
  if (allowed) say('ok', `${server.origin} lets ${root.origin} sync (CORS preflight with credentials)`);
  else say('FAIL', `${server.origin} refuses a sync from ${root.origin} (CORS preflight: ${answer.status}); run \`mattrathan cors\` on the server`);
}
console.log(failed ? `${failed} problem(s): see FAIL above` : 'the deployment is ready');
process.exit(failed ? 1 : 0);
