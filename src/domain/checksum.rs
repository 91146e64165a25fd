//! CRC-32 checksums for backup files: the IEEE 802.3 polynomial, exactly as zlib, PNG and `cksum -a crc32b` compute
//! it (reflected, initial value and final XOR `0xFFFF_FFFF`). Hand-written with a table built at compile time, so the
//! domain needs no extra crate.
//!
//! A CRC catches accidental damage (truncated download, a text editor that changed a character); it is not a
//! signature and does not stop deliberate tampering.

/// The reflected IEEE polynomial `0x04C11DB7`.
const POLY: u32 = 0xEDB8_8320;

/// One entry per byte value, built at compile time.
const TABLE: [u32; 256] = build_table();

const fn build_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { POLY ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
}

/// CRC-32 (IEEE, as in zlib) of `bytes`.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc = TABLE[((crc ^ b as u32) & 0xFF) as usize] ^ (crc >> 8);
    }
    crc ^ 0xFFFF_FFFF
}

/// [`crc32`] as 8 lower-case hex digits, e.g. `"cbf43926"`.
pub fn crc32_hex(bytes: &[u8]) -> String {
    format!("{:08x}", crc32(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Straightforward bit-by-bit version, to check the table against.
    fn crc32_bitwise(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in bytes {
            crc ^= b as u32;
            for _ in 0..8 {
                crc = if crc & 1 != 0 { POLY ^ (crc >> 1) } else { crc >> 1 };
            }
        }
        !crc
    }

    #[test]
    fn standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32_hex(b"123456789"), "cbf43926");
    }

    #[test]
    fn known_values() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32_hex(b""), "00000000");
        // zlib.crc32(b"The quick brown fox jumps over the lazy dog")
        assert_eq!(crc32(b"The quick brown fox jumps over the lazy dog"), 0x414F_A339);
        // zlib.crc32(b"a")
        assert_eq!(crc32_hex(b"a"), "e8b7be43");
        // Thai text is hashed as its UTF-8 bytes.
        assert_eq!(crc32("มาตรฐาน".as_bytes()), crc32_bitwise("มาตรฐาน".as_bytes()));
    }

    #[test]
    fn table_matches_bitwise() {
        let data: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        for len in [0, 1, 2, 7, 64, data.len()] {
            assert_eq!(crc32(&data[..len]), crc32_bitwise(&data[..len]));
        }
    }

    #[test]
    fn hex_is_padded_lower_case() {
        let h = crc32_hex(b"123456789");
        assert_eq!(h.len(), 8);
        assert!(h.chars().all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)));
        // A value with leading zero nibbles still has 8 digits.
        assert_eq!(format!("{:08x}", 0x0000_00ABu32), "000000ab");
    }
}
