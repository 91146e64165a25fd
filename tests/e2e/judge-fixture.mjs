// Files for the judge-tablet tests, made the way the app makes them: a backup (format "mattrathan-backup", CRC-32 of
// the records' compact JSON with sorted keys, as serde_json writes them) holding a small Section 26 standard, one test
// session with its candidates, and marks files from judges.
import crypto from 'node:crypto';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32Hex(text) {
  let c = 0xffffffff;
  for (const b of Buffer.from(text, 'utf8')) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return ((c ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}

/** JSON with object keys sorted at every level (serde_json's map order), compact. */
function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export function backup(org, records, exported = new Date().toISOString()) {
  return JSON.stringify({
    format: 'mattrathan-backup', version: 1, org, exported, count: records.length,
    checksum: crc32Hex(canonical(records)), records,
  }, null, 1);
}

const T0 = '2026-01-20T08:00:00.000Z';
const meta = (kind, org, id = crypto.randomUUID(), at = T0) => ({ id, kind, org, created: at, updated: at, schema: 1 });

/**
 * A standard with one module (`items` of the practical test) and a session of `judges` judges, `candidates`
 * candidates and a knowledge test of `questions` questions (key ก ข ค ง ก …; everyone answered ก ข to the first two).
 * Returns { org, session, candidates: [{id, number}], text } where text is the backup file.
 */
export function sessionFile({ judges = 3, candidates = 2, items = defaultItems(), questions = 2 } = {}) {
  const org = crypto.randomUUID();
  const standard = {
    ...meta('s26_standard', org, org),
    standard: {
      occupation: 'ช่างเชื่อมแม็ก', branch: 'งานเชื่อม', level: 1,
      modules: [{ id: '1', name: 'เชื่อมต่อชนท่าราบ', threshold: '70', items }],
    },
  };
  const session = {
    ...meta('s26_session', org), standard: org, date: '2021-01-20', place: 'วิทยาลัยเทคนิคนนทบุรี',
    tester: 'นายหัวหน้า ทดสอบ', judges: Array.from({ length: judges }, (_, j) => `กรรมการ ${j + 1}`),
    items: Array.from({ length: questions }, (_, q) => q + 1), key: Array.from({ length: questions }, (_, q) => q % 4),
    options: Array(questions).fill(4),
  };
  const people = Array.from({ length: candidates }, (_, i) => ({
    ...meta('s26_candidate', org), session: session.id, number: `A${String(i + 1).padStart(3, '0')}`,
    name: `ผู้เข้าทดสอบ ${i + 1}`, national_id: '', birth: '1990-01-01', experience_months: 0, conditions: [],
    answers: Array.from({ length: questions }, (_, q) => (q < 2 ? q % 4 : null)),
  }));
  return {
    org, session: session.id, candidates: people.map((p) => ({ id: p.id, number: p.number })),
    text: backup(org, [standard, session, ...people]),
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

/** A marks file of `marks` ({candidate, module, item, judge, value}) from one device. */
export function marksFile(org, device, by, marks) {
  const records = marks.map((m, i) => {
    const at = new Date(Date.parse(T0) + i * 1000).toISOString();
    return {
      ...meta('s26_mark', org, crypto.randomUUID(), at), candidate: m.candidate, module: m.module, item: m.item,
      judge: m.judge, value: String(m.value), replaces: null, by, at, device,
    };
  });
  return backup(org, records);
}
