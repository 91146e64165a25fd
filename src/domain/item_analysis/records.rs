//! The stored data set (kind `"ia_dataset"`): an imported answer sheet with its key and the analysis settings last
//! chosen, owned by a test centre (`meta.org` = the centre's code). Results are never stored; they are recomputed
//! from the answers. Answers are kept compact ([`Answers::Packed`]): item by item, four bits per candidate, as one
//! base64 string — 140,000 candidates × 290 items is 20 MB of answers, 27 MB of text. A data set stored by an earlier
//! release, one string per candidate ([`Answers::Rows`]), still reads, and `store::schema` (version 4) rewrites the
//! stored ones packed.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::analyze::{Method, PassSource};
use super::csv::Dataset;
use super::matrix::{MatrixError, ResponseMatrix, MAX_OPTIONS, OMITTED};
use crate::domain::record::Meta;

/// The analysis settings chosen on the page.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Settings {
    /// `norm` or `criterion`.
    pub method: String,
    /// Group fraction of the norm method (0.25 or 0.27).
    pub group: Decimal,
    /// Cut score (percent) of the criterion method.
    pub cut: Decimal,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { method: "norm".into(), group: Decimal::new(25, 2), cut: Decimal::from(60) }
    }
}

impl Settings {
    /// The method these settings select.
    pub fn method(&self) -> Method {
        if self.method == "criterion" {
            Method::Criterion(PassSource::CutPercent(self.cut))
        } else {
            Method::Norm { fraction: self.group }
        }
    }
}

/// An imported data set.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct IaDataset {
    #[serde(flatten)]
    pub meta: Meta,
    /// What the user called it (e.g. the test and date).
    pub title: String,
    /// The file names imported.
    #[serde(default)]
    pub files: Vec<String>,
    pub options: u8,
    pub items: Vec<String>,
    /// One letter `A`–`E` per item.
    pub key: String,
    pub candidates: Vec<String>,
    /// Empty when read without it (`Store::list_without`, [`IaDataset::head`]).
    #[serde(default)]
    pub answers: Answers,
    #[serde(default)]
    pub settings: Settings,
}

crate::impl_record!(IaDataset, "ia_dataset");

/// The stored answers: a JSON string (packed) or, from a release before, an array of strings.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(untagged)]
pub enum Answers {
    /// Item-major, four bits per answer (0–4 the option, 15 omitted; the low nibble first), each item starting on a
    /// byte of its own (`⌈candidates / 2⌉` bytes), as standard base64 with padding.
    Packed(String),
    /// The earlier shape: one string per candidate, one character per item (`A`–`E`, `.` omitted).
    Rows(Vec<String>),
}

impl Default for Answers {
    /// No answers: a record read without them.
    fn default() -> Answers {
        Answers::Packed(String::new())
    }
}

/// The nibble of an omitted answer in [`Answers::Packed`].
const PACKED_OMITTED: u8 = 15;

/// The text of [`Answers::Packed`] for a matrix.
pub fn pack(m: &ResponseMatrix) -> String {
    let per_item = m.candidates().div_ceil(2);
    let mut bytes = vec![0u8; per_item * m.items()];
    let mut codes = Vec::new();
    for (i, out) in bytes.chunks_mut(per_item.max(1)).enumerate().take(m.items()) {
        m.item_codes(i, &mut codes);
        for (b, pair) in out.iter_mut().zip(codes.chunks(2)) {
            let nib = |c: u8| if c == OMITTED { PACKED_OMITTED } else { c };
            *b = nib(pair[0]) | pair.get(1).map_or(0, |&c| nib(c) << 4);
        }
    }
    base64::encode(&bytes)
}

/// The text of [`Answers::Packed`] for an earlier release's [`Answers::Rows`] (one string per candidate, `items`
/// characters `A`–`E` or `.`), straight from the strings; `None` when a row is not `items` long or holds another
/// character (the record is then left as it was: it still reads, and [`IaDataset::dataset`] says what is wrong).
/// The schema upgrade (`store::schema`, version 4) runs this on every stored data set.
pub fn pack_rows(rows: &[String], items: usize) -> Option<String> {
    let per_item = rows.len().div_ceil(2);
    let mut bytes = vec![0u8; per_item * items];
    for (c, row) in rows.iter().enumerate() {
        if row.len() != items {
            return None;
        }
        for (i, b) in row.bytes().enumerate() {
            let nib = match code(b)? {
                OMITTED => PACKED_OMITTED,
                o => o,
            };
            bytes[i * per_item + c / 2] |= nib << (4 * (c % 2));
        }
    }
    Some(base64::encode(&bytes))
}

/// Standard base64 (RFC 4648, with padding), both ways, for the packed answers.
pub mod base64 {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    pub fn encode(bytes: &[u8]) -> String {
        let mut out = Vec::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let n = u32::from(chunk[0]) << 16
                | u32::from(*chunk.get(1).unwrap_or(&0)) << 8
                | u32::from(*chunk.get(2).unwrap_or(&0));
            for i in 0..4 {
                out.push(if i <= chunk.len() { ALPHABET[(n >> (18 - 6 * i) & 63) as usize] } else { b'=' });
            }
        }
        String::from_utf8(out).expect("base64 is ASCII")
    }

    /// The bytes, or the offset of the first character that is not base64 (or `len` when the length is wrong).
    pub fn decode(text: &str) -> Result<Vec<u8>, usize> {
        let mut value = [255u8; 256];
        for (i, &c) in ALPHABET.iter().enumerate() {
            value[usize::from(c)] = i as u8;
        }
        let b = text.as_bytes();
        if b.len() % 4 != 0 {
            return Err(b.len());
        }
        let pad = b.iter().rev().take(2).take_while(|&&c| c == b'=').count();
        let mut out = Vec::with_capacity(b.len() / 4 * 3);
        for (q, quad) in b.chunks_exact(4).enumerate() {
            let last = q == b.len() / 4 - 1;
            let mut n = 0u32;
            for (j, &c) in quad.iter().enumerate() {
                let v = if last && c == b'=' && j >= 4 - pad { 0 } else { value[usize::from(c)] };
                if v == 255 {
                    return Err(q * 4 + j);
                }
                n = n << 6 | u32::from(v);
            }
            let keep = if last { 3 - pad } else { 3 };
            out.extend_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8][..keep]);
        }
        Ok(out)
    }
}

const LETTERS: &[u8; MAX_OPTIONS] = b"ABCDE";

fn letter(code: u8) -> char {
    if code == OMITTED {
        '.'
    } else {
        char::from(LETTERS[usize::from(code)])
    }
}

fn code(c: u8) -> Option<u8> {
    if c == b'.' {
        Some(OMITTED)
    } else {
        LETTERS.iter().position(|&l| l == c).map(|p| p as u8)
    }
}

impl IaDataset {
    /// A record holding `data`.
    pub fn from_dataset(meta: Meta, title: String, files: Vec<String>, data: &Dataset) -> IaDataset {
        let m = &data.matrix;
        IaDataset {
            meta,
            title,
            files,
            options: m.options() as u8,
            items: data.items.clone(),
            key: data.key.iter().map(|&k| letter(k)).collect(),
            candidates: data.candidates.clone(),
            answers: Answers::Packed(pack(m)),
            settings: Settings::default(),
        }
    }

    /// The data set back, checked (a damaged record is refused with a message, never half read).
    pub fn dataset(&self) -> Result<Dataset, String> {
        let options = usize::from(self.options);
        let matrix = match &self.answers {
            Answers::Packed(text) => self.unpack(text, options)?,
            Answers::Rows(rows) => self.rows(rows, options)?,
        };
        self.with_matrix(matrix)
    }

    /// This record without its answers (an empty [`Answers::Packed`]): what the import worker hands the page beside
    /// the answers as a [`ResponseMatrix`]'s words (`ui::item_analysis::worker`). Never stored: the page writes the
    /// record back only after reading it whole again.
    pub fn head(&self) -> IaDataset {
        IaDataset {
            meta: self.meta.clone(),
            title: self.title.clone(),
            files: self.files.clone(),
            options: self.options,
            items: self.items.clone(),
            key: self.key.clone(),
            candidates: self.candidates.clone(),
            answers: Answers::Packed(String::new()),
            settings: self.settings.clone(),
        }
    }

    /// The data set of this record (or its [`IaDataset::head`]) with the answers `matrix`, checked: the matrix's
    /// shape against the record's candidates, items and options, the key against the options.
    pub fn with_matrix(&self, matrix: ResponseMatrix) -> Result<Dataset, String> {
        let k = self.items.len();
        let key: Vec<u8> = self.key.bytes().map(code).collect::<Option<_>>().ok_or("เฉลยในข้อมูลเสียหาย")?;
        if key.len() != k || key.contains(&OMITTED) {
            return Err("เฉลยในข้อมูลไม่ครบทุกข้อ".into());
        }
        if matrix.candidates() != self.candidates.len() || matrix.items() != k {
            return Err("จำนวนผู้เข้าสอบในข้อมูลไม่ตรงกับคำตอบ".into());
        }
        if matrix.options() != usize::from(self.options) {
            return Err("จำนวนตัวเลือกในข้อมูลไม่ตรงกับคำตอบ".into());
        }
        if key.iter().any(|&o| usize::from(o) >= matrix.options()) {
            return Err("เฉลยเกินจำนวนตัวเลือก".into());
        }
        Ok(Dataset { candidates: self.candidates.clone(), items: self.items.clone(), key, matrix })
    }

    /// The packed answers as a matrix, checked: the length, every nibble an option or omitted.
    fn unpack(&self, text: &str, options: usize) -> Result<ResponseMatrix, String> {
        let (n, k) = (self.candidates.len(), self.items.len());
        let bytes = base64::decode(text).map_err(|at| format!("คำตอบในข้อมูลเสียหาย (อักขระที่ {at})"))?;
        let per_item = n.div_ceil(2);
        if bytes.len() != per_item * k {
            return Err("จำนวนผู้เข้าสอบในข้อมูลไม่ตรงกับคำตอบ".into());
        }
        let mut m = ResponseMatrix::new(n, k, options).map_err(|e| e.to_string())?;
        let mut codes = vec![0u8; n];
        for (i, item) in bytes.chunks(per_item.max(1)).enumerate().take(k) {
            for (c, code) in codes.iter_mut().enumerate() {
                let nib = (item[c / 2] >> (4 * (c % 2))) & 15;
                *code = if nib == PACKED_OMITTED { OMITTED } else { nib };
            }
            m.set_item(i, &codes).map_err(|e| match e {
                MatrixError::Answer { candidate, .. } => format!("คำตอบของผู้เข้าสอบ {} ในข้อมูลเสียหาย", self.candidates[candidate]),
                other => other.to_string(),
            })?;
        }
        Ok(m)
    }

    /// An earlier release's answers, one string per candidate, as a matrix, checked.
    fn rows(&self, rows: &[String], options: usize) -> Result<ResponseMatrix, String> {
        let k = self.items.len();
        if rows.len() != self.candidates.len() {
            return Err("จำนวนผู้เข้าสอบในข้อมูลไม่ตรงกับคำตอบ".into());
        }
        let mut codes = Vec::with_capacity(k * rows.len());
        for (c, row) in rows.iter().enumerate() {
            if row.len() != k {
                return Err(format!("คำตอบของผู้เข้าสอบ {} ในข้อมูลไม่ครบ", self.candidates[c]));
            }
            for b in row.bytes() {
                codes.push(code(b).ok_or_else(|| format!("คำตอบของผู้เข้าสอบ {} ในข้อมูลเสียหาย", self.candidates[c]))?);
            }
        }
        ResponseMatrix::from_codes(k, options, &codes).map_err(|e| e.to_string())
    }
}

/// A test-centre code as typed: 1–20 letters, digits, `-` or `_`. The error is a Thai sentence for the form.
pub fn valid_centre_code(code: &str) -> Result<(), String> {
    if code.is_empty() {
        Err("กรุณากรอกรหัสศูนย์ทดสอบ".into())
    } else if code.chars().count() > 20 {
        Err("รหัสศูนย์ทดสอบยาวได้ไม่เกิน 20 ตัวอักษร".into())
    } else if !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        Err("รหัสศูนย์ทดสอบใช้ได้เฉพาะ A–Z, 0–9, - และ _ (ไม่มีช่องว่าง)".into())
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::Record;
    use crate::domain::item_analysis::csv::parse_dataset;

    #[test]
    fn round_trips_through_json() {
        let data = parse_dataset("candidate,1,2\nS1,ก,\nS2,จ,ข\nS3,,\n", "1,ก\n2,ค\n", None).unwrap();
        let meta = Meta::new("id".into(), IaDataset::KIND, "TC-01", "2026-01-01T00:00:00.000Z");
        let rec = IaDataset::from_dataset(meta, "ภาคความรู้".into(), vec!["r.csv".into()], &data);
        // Item 1: S1 A (0), S2 E (4), S3 omitted (15); item 2: omitted, B (1), omitted; two bytes per item.
        assert_eq!(rec.answers, Answers::Packed(base64::encode(&[0x40, 0x0F, 0x1F, 0x0F])));
        assert_eq!(rec.key, "AC");
        assert_eq!(rec.options, 5);
        let json = serde_json::to_string(&rec).unwrap();
        assert!(json.contains("\"kind\":\"ia_dataset\""));
        assert!(json.contains("\"group\":\"0.25\""));
        let back: IaDataset = serde_json::from_str(&json).unwrap();
        assert_eq!(back, rec);
        assert_eq!(back.dataset().unwrap(), data);
    }

    /// A data set as an earlier release stored it (one string per candidate) reads the same, and packs the same.
    #[test]
    fn earlier_rows_still_read_and_repack() {
        let data = parse_dataset("candidate,1,2\nS1,ก,\nS2,จ,ข\nS3,,\n", "1,ก\n2,ค\n", None).unwrap();
        let json = r#"{"id":"id","kind":"ia_dataset","org":"TC-01","created":"t","updated":"t","schema":1,"title":"x",
            "files":[],"options":5,"items":["1","2"],"key":"AC","candidates":["S1","S2","S3"],
            "answers":["A.","EB",".."]}"#;
        let old: IaDataset = serde_json::from_str(json).unwrap();
        assert_eq!(old.answers, Answers::Rows(vec!["A.".into(), "EB".into(), "..".into()]));
        assert_eq!(old.dataset().unwrap(), data);
        let Answers::Rows(rows) = &old.answers else { unreachable!() };
        let packed = pack_rows(rows, 2).unwrap();
        assert_eq!(packed, pack(&data.matrix));
        assert_eq!(IaDataset { answers: Answers::Packed(packed), ..old.clone() }.dataset().unwrap(), data);
        assert_eq!(pack_rows(&["A.".into(), "E".into()], 2), None, "a short row");
        assert_eq!(pack_rows(&["A.".into(), "EZ".into()], 2), None, "not an answer");
        assert_eq!(pack_rows(&[], 2), Some(String::new()));
    }

    #[test]
    fn base64_both_ways() {
        for (bytes, text) in [(&b""[..], ""), (b"f", "Zg=="), (b"fo", "Zm8="), (b"foo", "Zm9v"), (b"foob", "Zm9vYg==")] {
            assert_eq!(base64::encode(bytes), text);
            assert_eq!(base64::decode(text).unwrap(), bytes);
        }
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(base64::decode(&base64::encode(&all)).unwrap(), all);
        assert_eq!(base64::decode("Zm9"), Err(3));
        assert_eq!(base64::decode("Zm-v"), Err(2));
        assert_eq!(base64::decode("Z=9v"), Err(1));
    }

    #[test]
    fn damaged_records_are_refused() {
        let data = parse_dataset("candidate,1,2\nS1,ก,\n", "1,ก\n2,ข\n", None).unwrap();
        let meta = Meta::new("id".into(), IaDataset::KIND, "TC", "t");
        let good = IaDataset::from_dataset(meta, String::new(), vec![], &data);
        let with = |answers: Answers| IaDataset { answers, ..good.clone() };
        assert!(with(Answers::Packed(base64::encode(&[0x0F]))).dataset().unwrap_err().contains("ไม่ตรง"));
        assert!(with(Answers::Packed(base64::encode(&[0x0F, 0x09]))).dataset().unwrap_err().contains("S1"));
        assert!(with(Answers::Packed("AA!A".into())).dataset().unwrap_err().contains("เสียหาย"));
        assert!(with(Answers::Rows(vec!["A".into()])).dataset().unwrap_err().contains("ไม่ครบ"));
        assert!(with(Answers::Rows(vec!["AZ".into()])).dataset().unwrap_err().contains("เสียหาย"));
        assert!(with(Answers::Rows(vec![])).dataset().unwrap_err().contains("ไม่ตรง"));
        let mut bad = good.clone();
        bad.key = "A.".into();
        assert!(bad.dataset().is_err());
        let mut bad = good;
        bad.options = 9;
        assert!(bad.dataset().is_err());
    }

    /// Packing is exact on a seeded national-shaped sample (every option, omitted answers, an odd candidate count).
    #[test]
    fn packing_round_trips_a_simulated_set() {
        let s = crate::domain::item_analysis::simulate::sitting(1001, 37, 5, 7);
        assert!(s.codes.contains(&OMITTED) && s.codes.contains(&4));
        let data = Dataset {
            candidates: (0..1001).map(|c| format!("S{c}")).collect(),
            items: (1..=37).map(|i| i.to_string()).collect(),
            key: s.key,
            matrix: s.matrix,
        };
        let rec = IaDataset::from_dataset(Meta::new("id".into(), IaDataset::KIND, "TC", "t"), String::new(), vec![], &data);
        assert_eq!(rec.dataset().unwrap().matrix, data.matrix);
    }

    /// The page's way: the head and the matrix's words, as the worker hands them over, give the same data set; a
    /// matrix of another shape is refused.
    #[test]
    fn head_and_matrix_give_the_data_set() {
        let data = parse_dataset("candidate,1,2\nS1,ก,\nS2,จ,ข\nS3,,\n", "1,ก\n2,ค\n", None).unwrap();
        let rec = IaDataset::from_dataset(Meta::new("id".into(), IaDataset::KIND, "TC", "t"), "x".into(), vec![], &data);
        let head = rec.head();
        assert_eq!(head.answers, Answers::Packed(String::new()));
        assert_eq!(IaDataset { answers: rec.answers.clone(), ..head.clone() }, rec);
        let m = &data.matrix;
        let words = ResponseMatrix::from_bits(m.candidates(), m.items(), m.options(), m.bits().to_vec()).unwrap();
        assert_eq!(head.with_matrix(words).unwrap(), data);
        let fewer = ResponseMatrix::new(2, 2, 5).unwrap();
        assert!(head.with_matrix(fewer).unwrap_err().contains("ไม่ตรง"));
        let other = ResponseMatrix::new(3, 2, 4).unwrap();
        assert!(head.with_matrix(other).unwrap_err().contains("ตัวเลือก"));
        assert!(head.dataset().is_err(), "a head alone is not a data set");
    }

    #[test]
    fn settings_select_the_method() {
        let s = Settings::default();
        assert_eq!(s.method(), Method::Norm { fraction: Decimal::new(25, 2) });
        let c = Settings { method: "criterion".into(), ..s };
        assert_eq!(c.method(), Method::Criterion(PassSource::CutPercent(Decimal::from(60))));
    }

    #[test]
    fn centre_codes() {
        assert!(valid_centre_code("TC-01").is_ok());
        assert!(valid_centre_code("1234567890").is_ok());
        assert!(valid_centre_code("").is_err());
        assert!(valid_centre_code("TC 01").is_err());
        assert!(valid_centre_code(&"A".repeat(21)).is_err());
    }
}
