// Excel workbooks for the e2e tests, through the native command line (the same reader and writer as the app's
// spreadsheet worker, src/xlsx.rs): `writeXlsx` makes a fixture from CSV texts, `readXlsx` reads an export back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { OUT } from './harness.mjs';

const run = promisify(execFile);
const BIN = process.env.MATTRATHAN_BIN
  ?? path.join(process.env.CARGO_TARGET_DIR ?? path.join(os.homedir(), '.cache/mattrathan/target'), 'debug/mattrathan');

/** Writes OUT/`name`, a workbook with one sheet per `[sheetName, csvText]` (the CSV's first line the header; plain
 * numbers become number cells). Returns its path. */
export async function writeXlsx(name, sheets) {
  const args = [];
  for (const [i, [sheet, csv]] of sheets.entries()) {
    const file = path.join(OUT, `${name}.${i}.csv`);
    fs.writeFileSync(file, csv);
    args.push(`${sheet}=${file}`);
  }
  const out = path.join(OUT, name);
  await run(BIN, ['xlsx-write', out, ...args]);
  return out;
}

/** A workbook's sheet (the first by default): `{sheets, sheet, rows}`, number cells as numbers, empty cells null. */
export async function readXlsx(file, sheet) {
  const { stdout } = await run(BIN, ['xlsx-read', file, ...(sheet ? ['--sheet', sheet] : [])]);
  return JSON.parse(stdout);
}
