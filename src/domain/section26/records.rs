//! The stored records of the Section 26 job. Results are never stored: they are recomputed from these by the rules.
//!
//! - [`StandardRecord`] (`s26_standard`): the whole [`Standard`] being built.
//! - [`SessionRecord`] (`s26_session`): one test session of a standard — date, place, tester, and the assembled test
//!   frozen when the session was made (bank item ids, key), so later bank edits never change a marked test.
//! - [`CandidateRecord`] (`s26_candidate`): a candidate in a session with their knowledge answers.
//! - [`MarkRecord`] (`s26_mark`): one practical mark. Marks are never overwritten: a changed mark is a new record
//!   naming the one it replaces (see [`super::marks`]).
//! - [`ApplicationRecord`] (`s26_application`): an issued application number (form รมฐ.1).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::candidates::Person;
use super::standard::Standard;
use crate::domain::record::Meta;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct StandardRecord {
    #[serde(flatten)]
    pub meta: Meta,
    pub standard: Standard,
}
crate::impl_record!(StandardRecord, "s26_standard");

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SessionRecord {
    #[serde(flatten)]
    pub meta: Meta,
    /// The standard record's id.
    pub standard: String,
    /// Test date `YYYY-MM-DD` (Common Era; shown in พ.ศ.).
    pub date: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub tester: String,
    /// Judges of the practical part, in judge order (at least 3 for judgement items).
    #[serde(default)]
    pub judges: Vec<String>,
    /// The assembled test: bank item ids in question order.
    pub items: Vec<u32>,
    /// Key per question (0 = ก).
    pub key: Vec<u8>,
    /// Options per question.
    pub options: Vec<u8>,
    /// Set when the session was made although the bank broke the seed's rules: what they said and the reason typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_override: Option<BankOverride>,
}
crate::impl_record!(SessionRecord, "s26_session");

/// A session made against the bank rules on purpose (printed on form 15).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct BankOverride {
    /// The reason the user typed.
    pub reason: String,
    /// The rules broken, as the bank check said them when the session was made.
    pub rules: Vec<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CandidateRecord {
    #[serde(flatten)]
    pub meta: Meta,
    /// The session record's id.
    pub session: String,
    #[serde(flatten)]
    pub person: Person,
    /// Knowledge answers, one per question (`None` = omitted).
    #[serde(default)]
    pub answers: Vec<Option<u8>>,
}
crate::impl_record!(CandidateRecord, "s26_candidate");

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct MarkRecord {
    #[serde(flatten)]
    pub meta: Meta,
    /// The candidate record's id.
    pub candidate: String,
    pub module: String,
    pub item: String,
    /// Judge number 1… for judgement items; 0 for the other kinds.
    pub judge: u8,
    /// Measured value; 1/0 for yes/no and critical items; 0–3 for a judge's score.
    #[serde(with = "super::num")]
    pub value: Decimal,
    /// The mark record this one replaces (a re-mark), if any.
    #[serde(default)]
    pub replaces: Option<String>,
    /// Who entered it.
    #[serde(default)]
    pub by: String,
    /// When (ISO 8601 UTC); equals `meta.created`.
    pub at: String,
    /// The device (tablet) it was entered on: a UUID made once per browser (see `ui::judge::identity`).
    #[serde(default)]
    pub device: String,
    /// Other current marks of the same slot this one also replaces: a decision on the chief tester's tablet between
    /// marks entered on two devices (see [`crate::domain::judge::merge`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settles: Vec<String>,
}
crate::impl_record!(MarkRecord, "s26_mark");

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ApplicationRecord {
    #[serde(flatten)]
    pub meta: Meta,
    /// `PP-NNN-YYYY`.
    pub number: String,
    /// Province code of the receiving office.
    pub office: String,
    /// Date received `YYYY-MM-DD`.
    pub date: String,
    /// The standard record's id, if the application is for one kept here.
    #[serde(default)]
    pub standard: Option<String>,
    #[serde(default)]
    pub applicant: String,
}
crate::impl_record!(ApplicationRecord, "s26_application");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidate_json_is_flat() {
        let c = CandidateRecord {
            meta: Meta::new("id1".into(), "s26_candidate", "12", "2026-01-01T00:00:00.000Z"),
            session: "s1".into(),
            person: Person { number: "A001".into(), name: "นาย ข".into(), ..Default::default() },
            answers: vec![Some(0), None],
        };
        let v = serde_json::to_value(&c).unwrap();
        assert_eq!(v["kind"], "s26_candidate");
        assert_eq!(v["number"], "A001");
        assert_eq!(v["answers"], serde_json::json!([0, null]));
        let back: CandidateRecord = serde_json::from_value(v).unwrap();
        assert_eq!(back, c);
    }

    #[test]
    fn a_candidate_saved_before_applications_reads_as_before() {
        // A record as the app stored it before form รมฐ.7 existed: no "application" field.
        let old = serde_json::json!({
            "id": "c1", "kind": "s26_candidate", "org": "std", "created": "2026-01-01T00:00:00.000Z",
            "updated": "2026-01-01T00:00:00.000Z", "schema": 1, "session": "s1", "number": "A001",
            "name": "นายหนึ่ง ตั้งใจ", "national_id": "1103702071811", "birth": "2003-01-20",
            "experience_months": 14, "conditions": [true], "answers": [0, null]
        });
        let c: CandidateRecord = serde_json::from_value(old.clone()).unwrap();
        assert_eq!(c.person.application, None);
        assert_eq!(c.person.experience(), Ok(14));
        // Written back, it is the same record: no new field appears.
        assert_eq!(serde_json::to_value(&c).unwrap(), old);
    }
}
