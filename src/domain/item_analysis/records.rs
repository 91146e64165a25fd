//! The stored data set (kind `"ia_dataset"`): an imported answer sheet with its key and the analysis settings last
//! chosen, owned by a test centre (`meta.org` = the centre's code). Results are never stored; they are recomputed
//! from the answers. Answers are kept compact: one string per candidate, one character per item (`A`–`E`, `.` for
//! omitted).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::analyze::{Method, PassSource};
use super::csv::Dataset;
use super::matrix::{ResponseMatrix, MAX_OPTIONS, OMITTED};
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
    /// One string per candidate, one character per item: `A`–`E`, `.` omitted.
    pub answers: Vec<String>,
    #[serde(default)]
    pub settings: Settings,
}

crate::impl_record!(IaDataset, "ia_dataset");

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
        let answers =
            (0..m.candidates()).map(|c| (0..m.items()).map(|i| letter(m.get(c, i).unwrap_or(OMITTED))).collect());
        IaDataset {
            meta,
            title,
            files,
            options: m.options() as u8,
            items: data.items.clone(),
            key: data.key.iter().map(|&k| letter(k)).collect(),
            candidates: data.candidates.clone(),
            answers: answers.collect(),
            settings: Settings::default(),
        }
    }

    /// The data set back, checked (a damaged record is refused with a message, never half read).
    pub fn dataset(&self) -> Result<Dataset, String> {
        let k = self.items.len();
        let key: Vec<u8> = self.key.bytes().map(code).collect::<Option<_>>().ok_or("เฉลยในข้อมูลเสียหาย")?;
        if key.len() != k || key.contains(&OMITTED) {
            return Err("เฉลยในข้อมูลไม่ครบทุกข้อ".into());
        }
        if self.answers.len() != self.candidates.len() {
            return Err("จำนวนผู้เข้าสอบในข้อมูลไม่ตรงกับคำตอบ".into());
        }
        let mut codes = Vec::with_capacity(k * self.answers.len());
        for (c, row) in self.answers.iter().enumerate() {
            if row.len() != k {
                return Err(format!("คำตอบของผู้เข้าสอบ {} ในข้อมูลไม่ครบ", self.candidates[c]));
            }
            for b in row.bytes() {
                codes.push(code(b).ok_or_else(|| format!("คำตอบของผู้เข้าสอบ {} ในข้อมูลเสียหาย", self.candidates[c]))?);
            }
        }
        let matrix = ResponseMatrix::from_codes(k, usize::from(self.options), &codes).map_err(|e| e.to_string())?;
        if key.iter().any(|&o| usize::from(o) >= matrix.options()) {
            return Err("เฉลยเกินจำนวนตัวเลือก".into());
        }
        Ok(Dataset { candidates: self.candidates.clone(), items: self.items.clone(), key, matrix })
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
        let data = parse_dataset("candidate,1,2\nS1,ก,\nS2,จ,ข\n", "1,ก\n2,ค\n", None).unwrap();
        let meta = Meta::new("id".into(), IaDataset::KIND, "TC-01", "2026-01-01T00:00:00.000Z");
        let rec = IaDataset::from_dataset(meta, "ภาคความรู้".into(), vec!["r.csv".into()], &data);
        assert_eq!(rec.answers, ["A.", "EB"]);
        assert_eq!(rec.key, "AC");
        assert_eq!(rec.options, 5);
        let json = serde_json::to_string(&rec).unwrap();
        assert!(json.contains("\"kind\":\"ia_dataset\""));
        assert!(json.contains("\"group\":\"0.25\""));
        let back: IaDataset = serde_json::from_str(&json).unwrap();
        assert_eq!(back, rec);
        assert_eq!(back.dataset().unwrap(), data);
    }

    #[test]
    fn damaged_records_are_refused() {
        let data = parse_dataset("candidate,1,2\nS1,ก,\n", "1,ก\n2,ข\n", None).unwrap();
        let meta = Meta::new("id".into(), IaDataset::KIND, "TC", "t");
        let good = IaDataset::from_dataset(meta, String::new(), vec![], &data);
        let mut bad = good.clone();
        bad.answers[0] = "A".into();
        assert!(bad.dataset().unwrap_err().contains("ไม่ครบ"));
        let mut bad = good.clone();
        bad.answers[0] = "AZ".into();
        assert!(bad.dataset().unwrap_err().contains("เสียหาย"));
        let mut bad = good.clone();
        bad.key = "A.".into();
        assert!(bad.dataset().is_err());
        let mut bad = good;
        bad.options = 9;
        assert!(bad.dataset().is_err());
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
