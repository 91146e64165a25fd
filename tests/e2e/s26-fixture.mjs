// Files for the judge-tablet and session item-analysis tests, made the way the app makes them: a backup (format
// "mattrathan-backup", CRC-32 of the records' compact JSON with sorted keys, as serde_json writes them) holding a small
// Section 26 standard, one test session with its candidates, and marks files from judges.
import crypto from 'node:crypto';
import { crc32Hex, canonical } from './checksum.mjs';

export function backup(org, records, exported = new Date().toISOString()) {
  return JSON.stringify({
    format: 'mattrathan-backup', version: 1, org, exported, count: records.length,
    checksum: crc32Hex(canonical(records)), records,
  }, null, 1);
}

const T0 = '2026-01-20T08:00:00.000Z';
const meta = (kind, org, id = crypto.randomUUID(), at = T0) => ({ id, kind, org, created: at, updated: at, schema: 1 });

/**
 * A standard with one module (`items` of the practical test) and a session of `judges` judges and `candidates`
 * candidates. The knowledge test is `key` (option indexes) drawn from bank items `bank` (ids, in question order);
 * `answers(i)` gives candidate i's answers; `standard` adds fields to the standard (duties, bank…). `questions`
 * alone makes a test of that many questions (key ก ข ค ง ก …; everyone answered ก ข to the first two). Returns
 * { org, session, candidates: [{id, number}], records, text } where text is the backup file of the records.
 */
export function sessionFile({
  judges = 3, candidates = 2, items = defaultItems(), questions,
  key = Array.from({ length: questions ?? 2 }, (_, q) => q % 4),
  bank = key.map((_, q) => q + 1),
  answers = () => key.map((_, q) => (q < 2 ? q % 4 : null)),
  standard: extra = {},
} = {}) {
  const org = crypto.randomUUID();
  const standard = {
    ...meta('s26_standard', org, org),
    standard: {
      occupation: 'ช่างเชื่อมแม็ก', branch: 'งานเชื่อม', level: 1,
      modules: [{ id: '1', name: 'เชื่อมต่อชนท่าราบ', threshold: '70', items }],
      ...extra,
    },
  };
  const session = {
    ...meta('s26_session', org), standard: org, date: '2021-01-20', place: 'วิทยาลัยเทคนิคนนทบุรี',
    tester: 'นายหัวหน้า ทดสอบ', judges: Array.from({ length: judges }, (_, j) => `กรรมการ ${j + 1}`),
    items: bank, key, options: key.map(() => 4),
  };
  const people = Array.from({ length: candidates }, (_, i) => ({
    ...meta('s26_candidate', org), session: session.id, number: `A${String(i + 1).padStart(3, '0')}`,
    name: `ผู้เข้าทดสอบ ${i + 1}`, national_id: '', birth: '1990-01-01', experience_months: 0, conditions: [],
    answers: answers(i),
  }));
  const records = [standard, session, ...people];
  return {
    org, session: session.id, candidates: people.map((p) => ({ id: p.id, number: p.number })), records,
    text: backup(org, records),
  };
}

export function defaultItems() {
  return [
    { id: '1', title: 'ความเรียบร้อยของแนวเชื่อม', full: '5', type: 'judgement' },
    { id: '2', title: 'ความสม่ำเสมอของแนวเชื่อม', full: '5', type: 'judgement' },
    { id: '3', title: 'ระยะ A–B', full: '5', type: 'measurement', nominal: '250', tolerance: '1' },
    { id: '4', title: 'ความปลอดภัยในการทำงาน', full: '0', type: 'critical' },
    { id: '5', title: 'สวมอุปกรณ์ป้องกัน', full: '5', type: 'yes_no' },
  ];
}

/** Mark records of `marks` ({candidate, module, item, judge, value}) entered on one device. */
export function markRecords(org, device, by, marks) {
  return marks.map((m, i) => {
    const at = new Date(Date.parse(T0) + i * 1000).toISOString();
    return {
      ...meta('s26_mark', org, crypto.randomUUID(), at), candidate: m.candidate, module: m.module, item: m.item,
      judge: m.judge, value: String(m.value), replaces: null, by, at, device,
    };
  });
}

/** A marks file of `marks` from one device. */
export function marksFile(org, device, by, marks) {
  return backup(org, markRecords(org, device, by, marks));
}
