// DEPLOY.md, run (issue 17 point 9): every command block in it says what exercises it, and the ones marked for this
// file run here as written, with the variables pointed at this machine: the copy into a web root, the documented
// nginx server blocks (the app's and CouchDB's TLS proxy, with a self-signed certificate, on free ports), the
// deployment check, `cors` and `provision` against a PouchDB Server of our own (changing the shared server's CORS
// would lock the other tests' pages out), and the backup and restore of the server's databases.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, launch, DIST } from './harness.mjs';
import { startCouch, freePort, ADMIN } from './couch.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DOC = fs.readFileSync(path.join(ROOT, 'DEPLOY.md'), 'utf8');

/** The fenced blocks of DEPLOY.md: language, body, and the HTML comment right above it (what exercises it). */
const blocks = [...DOC.matchAll(/(?:<!--([^>]*)-->\n)?```(\w+)\n([\s\S]*?)```/g)]
  .map(([, note, lang, body]) => ({ note: note?.trim() ?? '', lang, body }));
const marked = (lang, pattern) => blocks.filter((b) => b.lang === lang && b.note.includes('deploy.test.mjs') && pattern.test(b.body));
const one = (lang, pattern) => {
  const found = marked(lang, pattern);
  assert.equal(found.length, 1, `DEPLOY.md: one ${lang} block matching ${pattern} marked for deploy.test.mjs`);
  return found[0].body;
};

let tmp, couch, nginx, app, couchTls, cert, env;

/**
 * Runs one of DEPLOY.md's shell blocks as written, with `env`, in `cwd`; resolves to its status and output. (Not
 * spawnSync: the static server of the bare-host check runs in this process and must keep answering.)
 */
function run(body, cwd = ROOT, extra = {}) {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', body], { cwd, env: { ...env, ...extra } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (status) => resolve({ status, stdout, stderr, text: `${stdout}\n${stderr}` }));
  });
}

/** Puts this machine's port, certificate, root or upstream into a documented server block; each must be there. */
function localise(block, replacements) {
  let text = block;
  for (const [pattern, value] of replacements) {
    assert.match(text, pattern, `the nginx block has ${pattern}`);
    text = text.replace(pattern, value);
  }
  return text;
}

before(async () => {
  assert.equal(ADMIN[0], 'admin', 'DEPLOY.md names the server admin "admin"');
  const nginxBin = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((f) => fs.existsSync(f));
  assert.ok(nginxBin, 'nginx is missing: .ci/install installs Debian\'s nginx-light');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mattrathan-deploy-'));
  fs.chmodSync(tmp, 0o755); // nginx's workers read the web root as another user
  cert = { crt: path.join(tmp, 'cert.pem'), key: path.join(tmp, 'key.pem') };
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', cert.key, '-out', cert.crt], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);

  couch = await startCouch();
  const [appPort, couchPort] = [await freePort(), await freePort()];
  app = `https://127.0.0.1:${appPort}`;
  couchTls = `https://127.0.0.1:${couchPort}`;
  env = {
    ...process.env, NODE_EXTRA_CA_CERTS: cert.crt, MATTRATHAN_ADMIN_PASSWORD: ADMIN[1],
    APP_ORIGIN: app, APP_URL: `${app}/`, WEB_ROOT: path.join(tmp, 'web'), COUCH: couch.url, COUCH_PUBLIC: couchTls,
  };

  const copied = await run(one('sh', /WEB_ROOT/));
  assert.equal(copied.status, 0, copied.text);

  const upstream = new URL(couch.url).port;
  const servers = [
    localise(one('nginx', /root \/srv\/mattrathan;/), [
      [/listen 443 ssl;/, `listen 127.0.0.1:${appPort} ssl;`],
      [/ssl_certificate\s+\S+;/, `ssl_certificate ${cert.crt};`],
      [/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${cert.key};`],
      [/root \/srv\/mattrathan;/, `root ${env.WEB_ROOT};`],
    ]),
    localise(one('nginx', /proxy_pass/), [
      [/listen 443 ssl;/, `listen 127.0.0.1:${couchPort} ssl;`],
      [/ssl_certificate\s+\S+;/, `ssl_certificate ${cert.crt};`],
      [/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${cert.key};`],
      [/proxy_pass http:\/\/127\.0\.0\.1:5984;/, `proxy_pass http://127.0.0.1:${upstream};`],
    ]),
  ];
  const temp = (name) => `${name}_temp_path ${path.join(tmp, name)};`;
  fs.writeFileSync(path.join(tmp, 'nginx.conf'), [
    process.getuid?.() === 0 ? 'user root;' : '',
    'worker_processes 1; daemon off;', `pid ${path.join(tmp, 'nginx.pid')};`, `error_log ${path.join(tmp, 'error.log')} warn;`,
    'events {}',
    'http {', 'include /etc/nginx/mime.types; default_type application/octet-stream; access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp),
    ...servers, '}',
  ].join('\n'));
  nginx = spawn(nginxBin, ['-p', tmp, '-c', path.join(tmp, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let nginxErrors = '';
  nginx.stderr.on('data', (d) => { nginxErrors += d; });
  for (let i = 0; i < 100; i++) {
    const up = spawnSync('curl', ['-sf', '--cacert', cert.crt, `${couchTls}/`]).status === 0
      && spawnSync('curl', ['-sf', '-o', '/dev/null', '--cacert', cert.crt, `${app}/index.html`]).status === 0;
    if (up) break;
    assert.equal(nginx.exitCode, null, `nginx stopped: ${nginxErrors} ${fs.existsSync(path.join(tmp, 'error.log')) ? fs.readFileSync(path.join(tmp, 'error.log'), 'utf8') : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
});

after(async () => {
  nginx?.kill('SIGTERM');
  await couch?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('every command block in DEPLOY.md says what exercises it', () => {
  const commands = blocks.filter((b) => b.lang === 'sh' || b.lang === 'nginx');
  assert.ok(commands.length >= 8, `${commands.length} blocks`);
  for (const b of commands) {
    assert.match(b.note, /exercised by (tests\/e2e\/deploy\.test\.mjs|\.ci\/test)/, `block without a note:\n${b.body}`);
  }
  // The ones .ci/test exercises are exactly its install and build.
  for (const b of commands.filter((c) => c.note.includes('.ci/test'))) {
    assert.deepEqual(b.body.trim().split('\n'), ['bash .ci/install', 'MATTRATHAN_SYNC_ORIGINS="$COUCH_PUBLIC" bash .ci/build']);
  }
  // Every block marked for this file is run by a test below (each `one(…)` call finds exactly one).
  assert.equal(blocks.filter((b) => b.note.includes('deploy.test.mjs')).length, 8);
});

test('the documented cors and the app behind the documented nginx pass the deployment check; a bare host fails it', async () => {
  const cors = await run(one('sh', /-- cors /));
  assert.equal(cors.status, 0, cors.text);
  const set = JSON.parse(cors.stdout);
  assert.deepEqual(set.preflight.map((p) => p.allowed), [true, false], 'the app allowed, a foreign origin refused');

  const check = await run(one('sh', /deploy-check/));
  assert.equal(check.status, 0, check.text);
  assert.match(check.stdout, /hashed files cached long/);
  assert.match(check.stdout, /lets https:\/\/127\.0\.0\.1:\d+ sync/);
  assert.match(check.stdout, /the deployment is ready/);
  const wasm = spawnSync('curl', ['-sI', '--cacert', cert.crt, '-H', 'Accept-Encoding: gzip',
    `${app}/${fs.readdirSync(DIST).find((f) => f.endsWith('_bg.wasm'))}`], { encoding: 'utf8' }).stdout;
  assert.match(wasm, /content-encoding: gzip/i, 'nginx compresses the wasm');
  assert.match(wasm, /immutable/);

  // The same files from a plain static server (no cache headers), and a sync server that does not know the origin.
  const bare = await serveDist();
  try {
    const failed = await run(`node .ci/deploy-check.mjs "${bare.base}" --sync "${couchTls}"`);
    assert.equal(failed.status, 1, failed.text);
    assert.match(failed.stdout, /FAIL index\.html: Cache-Control "" — without a content hash it must be revalidated/);
    assert.match(failed.stdout, /FAIL .*_bg\.wasm: Cache-Control "" — a hashed file never changes/);
    assert.match(failed.stdout, /FAIL https:\/\/127\.0\.0\.1:\d+ refuses a sync from http:\/\/127\.0\.0\.1:\d+/);
  } finally {
    await bare.close();
  }
});

test('a page from the app\'s origin reaches the provisioned database through the TLS proxy; another origin cannot', async () => {
  const provisioned = await run(one('sh', /-- provision /));
  assert.equal(provisioned.status, 0, provisioned.text);
  const accounts = provisioned.stdout.split(/(?<=^\})\n(?=\{)/m).map((t) => JSON.parse(t));
  assert.deepEqual(accounts.map((a) => a.database), ['mt_13', 'mt_1310100001', 'mt_tc1301']);
  const college = accounts[1];
  const again = await run(one('sh', /-- provision /));
  assert.equal(again.status, 0, again.text);
  assert.ok(again.stdout.split(/(?<=^\})\n(?=\{)/m).every((t) => JSON.parse(t).password === null), 'running it again changes nothing');

  const browser = await launch();
  const bare = await serveDist();
  try {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const probe = (url, auth) => page.evaluate(async ([u, a]) => {
      try {
        const res = await fetch(u, { headers: { authorization: a } });
        return `${res.status} ${(await res.json()).db_name ?? ''}`;
      } catch (e) {
        return e.name;
      }
    }, [url, auth]);
    const auth = 'Basic ' + Buffer.from(`${college.user}:${college.password}`).toString('base64');
    // The app's sync page, settled (it routes to #/sync after it starts), so the probe runs under its policy.
    await page.goto(`${app}/sync.html#/sync`);
    await page.getByTestId('sync-url').waitFor();
    assert.equal(await probe(`${couchTls}/mt_1310100001`, auth), '200 mt_1310100001', 'the app\'s origin syncs');
    assert.match(await probe(`${couchTls}/mt_tc1301`, auth), /^40[13] /, 'the college cannot read a centre');
    await page.goto(`${bare.base}sync.html#/sync`);
    await page.getByTestId('sync-url').waitFor();
    assert.equal(await probe(`${couchTls}/mt_1310100001`, auth), 'TypeError', 'another origin is refused by CORS');
    await context.close();
  } finally {
    await bare.close();
    await browser.close();
  }
});

test('the documented backup and restore bring a deleted database back with its revisions and access rules', async () => {
  const provisioned = await run(one('sh', /-- provision /));
  assert.equal(provisioned.status, 0, provisioned.text);
  const asAdmin = (p, init = {}) => fetch(couch.url + p, { ...init,
    headers: { authorization: 'Basic ' + Buffer.from(ADMIN.join(':')).toString('base64'), 'content-type': 'application/json' } });
  const written = await (await asAdmin('/mt_1310100001/reg_x', { method: 'PUT', body: JSON.stringify({ kind: 'reg', n: 40 }) })).json();
  assert.ok(written.ok, JSON.stringify(written));
  const security = await (await asAdmin('/mt_1310100001/_security')).json();

  const dir = path.join(tmp, 'backups');
  fs.mkdirSync(dir);
  const backup = await run(one('sh', /_all_docs\?include_docs=true/), dir);
  assert.equal(backup.status, 0, backup.text);
  const [folder] = fs.readdirSync(dir);
  const files = fs.readdirSync(path.join(dir, folder)).sort();
  for (const db of ['_users', 'mt_13', 'mt_1310100001', 'mt_tc1301']) {
    assert.ok(files.includes(`${db}.json`) && files.includes(`${db}.security.json`), `${db}: ${files}`);
  }

  assert.equal((await asAdmin('/mt_1310100001', { method: 'DELETE' })).status, 200);
  assert.equal((await asAdmin('/mt_1310100001/reg_x')).status, 404);
  const restore = await run(one('sh', /new_edits/), dir, { dir: folder });
  assert.equal(restore.status, 0, restore.text);
  const doc = await (await asAdmin('/mt_1310100001/reg_x')).json();
  assert.equal(doc._rev, written.rev, 'the same revision');
  assert.equal(doc.n, 40);
  assert.deepEqual(await (await asAdmin('/mt_1310100001/_security')).json(), security);
  assert.equal((await asAdmin('/mt_1310100001/_design/mattrathan')).status, 200, 'the write rule is back');
});
