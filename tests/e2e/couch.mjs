// Sync test helpers: a PouchDB Server (the one .ci/test started, or one of our own), provisioning through the
// `mattrathan provision` command line, and backup files made in node (for the 10,000-record figures).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { crc32Hex } from './checksum.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const POUCHDB = path.join(here, 'node_modules/.bin/pouchdb-server');
export const ADMIN = (process.env.MATTRATHAN_TEST_ADMIN ?? 'admin:secret').split(':');
const BIN = process.env.MATTRATHAN_BIN
  ?? path.join(process.env.CARGO_TARGET_DIR ?? path.join(os.homedir(), '.cache/mattrathan/target'), 'debug/mattrathan');

export function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/**
 * Starts `pouchdb-server` on a free localhost port in a fresh working directory (it writes config.json and log.txt
 * there), in memory or on disk (`dir`, so it can be killed and restarted with its data), and makes `ADMIN` a server
 * admin. Returns { url, stop, kill, restart }.
 */
export async function startCouch({ inMemory = true, dir, port } = {}) {
  const cwd = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mattrathan-couch-'));
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child;
  const launch = async () => {
    const args = ['--port', String(port), '--host', '127.0.0.1', ...(inMemory ? ['--in-memory'] : ['--dir', path.join(cwd, 'data')])];
    fs.mkdirSync(path.join(cwd, 'data'), { recursive: true });
    child = spawn(POUCHDB, args, { cwd, stdio: 'ignore' });
    for (let i = 0; i < 200; i++) {
      try { if ((await fetch(url)).ok) break; } catch { /* not yet */ }
      await new Promise((r) => setTimeout(r, 100));
    }
    // Admin party until an admin exists; later starts reuse config.json (the admin is already there).
    await fetch(`${url}/_config/admins/${ADMIN[0]}`, { method: 'PUT', body: JSON.stringify(ADMIN[1]) }).catch(() => {});
  };
  await launch();
  const exited = () => new Promise((r) => (child.exitCode !== null || child.signalCode ? r() : child.once('exit', r)));
  return {
    url,
    stop: async () => { child.kill('SIGTERM'); await exited(); },
    kill: async () => { child.kill('SIGKILL'); await exited(); },
    restart: launch,
  };
}

/** The server the test command started (MATTRATHAN_TEST_COUCH), or a new in-memory one. */
export async function sharedCouch() {
  if (process.env.MATTRATHAN_TEST_COUCH) return { url: process.env.MATTRATHAN_TEST_COUCH, stop: async () => {} };
  return startCouch();
}

/** Runs `mattrathan provision`; returns its JSON (user, password, database). */
export function provision(url, org, kind, province) {
  const args = ['provision', '--server', url, '--admin', ADMIN[0], '--org', org, '--kind', kind];
  if (province) args.push('--province', province);
  const out = spawnSync(BIN, args, { env: { ...process.env, MATTRATHAN_ADMIN_PASSWORD: ADMIN[1] }, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`provision failed (${BIN}): ${out.stderr}`);
  return JSON.parse(out.stdout);
}

/** A JSON request to the server as the admin. */
export async function admin(url, pathAndQuery, init = {}) {
  const auth = 'Basic ' + Buffer.from(ADMIN.join(':')).toString('base64');
  const res = await fetch(url + pathAndQuery, { ...init, headers: { authorization: auth, 'content-type': 'application/json', ...init.headers } });
  return res.json();
}

/** A random 10-digit college code (unique per run, so a rerun against the same server does not collide). */
export function collegeCode() {
  return '13' + String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
}

/**
 * A backup file (the app's format, see src/domain/backup.rs) of `count` assessment records of college `org`; keys
 * are written sorted, so the checksum equals the one the app computes.
 */
export function backupFile(org, count) {
  const now = new Date().toISOString();
  const records = Array.from({ length: count }, (_, i) => ({
    college: org, created: now, id: randomUUID(), input: { indicators: {} }, kind: 'qa_assessment', org, schema: 1,
    updated: now, year: 3000 + i,
  }));
  const text = JSON.stringify({
    format: 'mattrathan-backup', version: 1, org, exported: now, count, checksum: crc32Hex(JSON.stringify(records)), records,
  });
  const file = path.join(os.tmpdir(), `mattrathan-${org}-${count}.json`);
  fs.writeFileSync(file, text);
  return file;
}
