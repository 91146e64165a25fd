// College registration files made in node, as the app writes them (valid checksums): for the province-scale import
// (registration.bench.mjs) and the import's progress bar (registration.test.mjs).
import { crc32Hex, canonical } from './checksum.mjs';

const GROUPS = ['pvc62', 'pvc56', 'hvc63', 'hvc57'];

/**
 * College number `i`'s registration file for `province` and `year`, with `rows` specialisations: a file for
 * playwright's setInputFiles, and its number of students.
 */
export function registrationFile(i, { rows = 40, province = '13', year = 2569 } = {}) {
  const code = `${province}${String(10000000 + i).slice(1)}0`.slice(0, 10);
  const college = { code, name: `วิทยาลัยทดสอบที่ ${i + 1}`, province, affiliation: 'สำนักงานคณะกรรมการการอาชีวศึกษา', sector: 'government' };
  const entries = Array.from({ length: rows }, (_, r) => ({
    group: GROUPS[r % 4],
    program_type: `ประเภทวิชาทดสอบ ${r % 5}`,
    major: `สาขาวิชาทดสอบ ${r % 10}`,
    specialisation: `สาขางานทดสอบ ${r}`,
    code: '',
    count: 1 + ((i + r) % 30),
  }));
  const checksum = crc32Hex(canonical({ college, year, entries }));
  const file = { format: 'mattrathan-tool-registration', version: 1, college, year, exported: '2026-11-21T10:00:00.000Z', catalogue: 'scale', count: rows, checksum, entries };
  const students = entries.reduce((s, e) => s + e.count, 0);
  return { file: { name: `registration-${code}-${year}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file, null, 2)) }, students };
}
