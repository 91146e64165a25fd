//! The text of a file a user picked, from its bytes: UTF-8 (a leading byte-order mark dropped) when the bytes are
//! UTF-8, otherwise Windows-874 / TIS-620 — what Thai Excel and older Thai Windows programs write — when every byte
//! is one of that code page's, otherwise refused with a Thai message naming the file, the line and the byte offset
//! of the first byte that is neither. A file is never half-read or stored as garbage.
//!
//! Windows-874 is TIS-620 (Thai letters, vowels, tone marks and digits at `0xA1`–`0xDA` and `0xDF`–`0xFB`, which
//! are U+0E01 + (byte − `0xA1`)) plus `0xA0` no-break space and Microsoft's `0x80` €, `0x85` … and `0x91`–`0x97`
//! quotes, bullet and dashes; the other bytes above `0x7F` mean nothing in it. The table is checked against
//! `encoding_rs` (the WHATWG decoder) over all 256 bytes in the tests, so the app carries a few dozen bytes of
//! table rather than a general decoder.
//!
//! A Thai Windows-874 text is, in practice, never valid UTF-8 (its Thai bytes `0xA1`–`0xBF` would have to follow a
//! lead byte `0xC2`–`0xF4` in exactly the right runs), so trying UTF-8 first decides.

use std::fmt;

/// How a file's bytes were read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows874,
}

impl Encoding {
    /// The name shown to the user: `UTF-8`, `Windows-874 (TIS-620)`.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Windows874 => "Windows-874 (TIS-620)",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A file's text and the encoding it was read as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
}

impl Decoded {
    /// What to say beside an import's result: nothing for UTF-8, `อ่านเป็น Windows-874 (TIS-620)` otherwise.
    pub fn note(&self) -> Option<String> {
        (self.encoding != Encoding::Utf8).then(|| format!("อ่านเป็น {}", self.encoding.label()))
    }
}

/// The character a Windows-874 byte stands for, or `None` for the bytes the code page leaves undefined.
pub fn windows_874(b: u8) -> Option<char> {
    let c = match b {
        0x00..=0x7F => b as u32,
        0x80 => 0x20AC,
        0x85 => 0x2026,
        0x91 => 0x2018,
        0x92 => 0x2019,
        0x93 => 0x201C,
        0x94 => 0x201D,
        0x95 => 0x2022,
        0x96 => 0x2013,
        0x97 => 0x2014,
        0xA0 => 0x00A0,
        0xA1..=0xDA | 0xDF..=0xFB => 0x0E01 + (b as u32 - 0xA1),
        _ => return None,
    };
    char::from_u32(c)
}

/// The text of the file `name` from its bytes (see the module docs). The error is a Thai sentence naming the file,
/// the line and the byte offset (counted from 0) of the first byte that reads as neither UTF-8 nor Windows-874.
pub fn decode(name: &str, bytes: &[u8]) -> Result<Decoded, String> {
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(text) => {
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            return Ok(Decoded { text: text.to_string(), encoding: Encoding::Utf8 });
        }
        Err(e) => e.valid_up_to(),
    };
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(format!(
            "{name}: เป็นข้อความ UTF-16 (Unicode text) ซึ่งแอปนี้ไม่อ่าน — บันทึกไฟล์ใหม่เป็น CSV UTF-8 แล้วลองอีกครั้ง ไม่ได้นำเข้าข้อมูลใด"
        ));
    }
    // UTF-8 up to the first bad byte with Thai (or any non-ASCII) text before it: a UTF-8 file with a broken byte,
    // which is what to point at, not some later byte that Windows-874 does not have.
    let utf8_with_text = !bytes[..utf8_error].is_ascii();
    let bad = if utf8_with_text {
        Some(utf8_error)
    } else {
        bytes.iter().position(|&b| windows_874(b).is_none())
    };
    match bad {
        None => Ok(Decoded {
            text: bytes.iter().filter_map(|&b| windows_874(b)).collect(),
            encoding: Encoding::Windows874,
        }),
        Some(at) => {
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            let what = if utf8_with_text { "เป็น UTF-8 แต่มีไบต์ที่ใช้ไม่ได้" } else { "ไม่ใช่ข้อความ UTF-8 หรือ Windows-874 (TIS-620)" };
            Err(format!(
                "{name}: อ่านไม่ได้ — {what}: บรรทัด {line} ไบต์ที่ {at} (0x{:02X}) บันทึกไฟล์ใหม่เป็น CSV UTF-8 แล้วลองอีกครั้ง ไม่ได้นำเข้าข้อมูลใด",
                bytes[at]
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` as Windows-874 bytes, by the reference encoder.
    fn cp874(text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_874.encode(text);
        assert!(!unmappable, "{text}");
        bytes.into_owned()
    }

    #[test]
    fn every_byte_agrees_with_encoding_rs() {
        for b in 0..=255u8 {
            let byte = [b];
            let (reference, had_errors) = encoding_rs::WINDOWS_874.decode_without_bom_handling(&byte);
            let reference: Vec<char> = reference.chars().collect();
            match windows_874(b) {
                Some(c) => assert_eq!((reference, had_errors), (vec![c], false), "byte {b:#04X}"),
                // Undefined here: WHATWG either refuses it too, or passes it through as a C1 control character
                // (U+0080–U+009F), which no Thai file means.
                None => assert!(
                    had_errors || (reference.len() == 1 && ('\u{80}'..='\u{9f}').contains(&reference[0])),
                    "byte {b:#04X} -> {reference:?}"
                ),
            }
        }
        let defined = (0..=255u8).filter(|&b| windows_874(b).is_some()).count();
        assert_eq!(defined, 128 + 1 + 1 + 7 + 1 + 58 + 29);
    }

    #[test]
    fn a_thai_excel_csv_is_read_as_windows_874() {
        let line = "1310100001,วิทยาลัยเทคนิคกรุงเทพฯ,รัฐบาล\r\n1310100002,วิทยาลัยอาชีวศึกษา “ธนบุรี” – ๒๕๖๙,เอกชน\r\n";
        let bytes = cp874(line);
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(&bytes[11..14], &[0xC7, 0xD4, 0xB7], "วิท");
        let got = decode("colleges.csv", &bytes).unwrap();
        assert_eq!(got, Decoded { text: line.into(), encoding: Encoding::Windows874 });
        assert_eq!(got.note().as_deref(), Some("อ่านเป็น Windows-874 (TIS-620)"));
        // Every Thai character TIS-620 has, and the Microsoft extras, round-trip.
        let all: String = (0..=255u8).filter_map(windows_874).collect();
        assert_eq!(decode("all.csv", &cp874(&all)).unwrap().text, all);
    }

    #[test]
    fn utf8_is_read_as_is_and_its_byte_order_mark_dropped() {
        let text = "code,name\n1310100001,วิทยาลัยเทคนิคกรุงเทพฯ\n";
        assert_eq!(decode("a.csv", text.as_bytes()).unwrap(), Decoded { text: text.into(), encoding: Encoding::Utf8 });
        let with_bom = format!("\u{feff}{text}");
        let got = decode("a.csv", with_bom.as_bytes()).unwrap();
        assert_eq!((got.text.as_str(), got.note()), (text, None));
        // Only one mark is the file's; ASCII alone is UTF-8; an empty file is an empty text.
        assert_eq!(decode("a", "\u{feff}\u{feff}x".as_bytes()).unwrap().text, "\u{feff}x");
        assert_eq!(decode("a", b"a,b\r\n").unwrap().encoding, Encoding::Utf8);
        assert_eq!(decode("a", b"").unwrap().text, "");
    }

    #[test]
    fn anything_else_is_refused_naming_the_file_line_and_byte() {
        // Windows-874 with a byte the code page does not have (0xFC) on line 2.
        let mut bytes = cp874("code,name\r\n1,ก");
        let at = bytes.len();
        bytes.extend([0xFC, b'\n']);
        let e = decode("list.csv", &bytes).unwrap_err();
        assert!(e.starts_with("list.csv: อ่านไม่ได้ — ไม่ใช่ข้อความ UTF-8 หรือ Windows-874"), "{e}");
        assert!(e.contains(&format!("บรรทัด 2 ไบต์ที่ {at} (0xFC)")), "{e}");
        // A UTF-8 file with one broken byte: the broken byte is named, not a later one.
        let mut bytes = "ชื่อ,สกุล\n".as_bytes().to_vec();
        bytes.extend([0xE0, 0xB8, b',', 0x81]);
        let e = decode("u.csv", &bytes).unwrap_err();
        assert!(e.contains("เป็น UTF-8 แต่มีไบต์ที่ใช้ไม่ได้: บรรทัด 2 ไบต์ที่ 26 (0xE0)"), "{e}");
        // UTF-16 (Excel's "Unicode text") is named as such.
        let e = decode("u16.txt", &[0xFF, 0xFE, b'a', 0]).unwrap_err();
        assert!(e.starts_with("u16.txt: เป็นข้อความ UTF-16"), "{e}");
        // Latin-1 text is not guessed at.
        assert!(decode("l1.csv", b"caf\xe9 \x81").unwrap_err().contains("ไบต์ที่ 5 (0x81)"));
    }
}
