// The app's file checksums, for files made in node: CRC-32 (IEEE, as src/domain/checksum.rs) as 8 hex digits, and
// the compact JSON with object keys sorted at every level that serde_json writes (what the checksum covers).

const TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32Hex(text) {
  let crc = 0xffffffff;
  for (const b of Buffer.from(text, 'utf8')) crc = TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return ((crc ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}

/** JSON with object keys sorted at every level (serde_json's map order), compact. */
export function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
