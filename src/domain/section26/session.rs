//! A test session made from a standard: the standard's assembled test is frozen into the session (item ids, key and
//! option counts), so later edits of the bank never change a session already made. The judges are typed as a comma
//! list and must be at least [`MIN_JUDGES`]; the date must be a real `YYYY-MM-DD` date. The three bank rules
//! (`bank::check_bank`) block a session unless a reason is typed; the reason and the rules broken are kept with the
//! session and printed on form 15.

use std::collections::BTreeSet;

use super::bank::check_bank;
use super::candidates::Date;
use super::fields::parse_list;
use super::marking::MIN_JUDGES;
use super::records::{BankOverride, SessionRecord, StandardRecord};
use crate::domain::record::Meta;

/// The judges a new session's form starts with.
pub const DEFAULT_JUDGES: &str = "กรรมการ 1, กรรมการ 2, กรรมการ 3";

/// What the session form holds, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SessionForm {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub place: String,
    pub tester: String,
    /// Comma-separated names, in judge order.
    pub judges: String,
    /// Why the session is made although the bank breaks the rules (empty: it may not be).
    pub override_reason: String,
}

/// The session of `standard` the form describes, with the meta `meta()` makes (called only when the form is valid),
/// or the first problem (Thai): the test cannot be assembled or keyed, too few judges, or a bad date.
pub fn new_session(
    standard: &StandardRecord,
    left_out: &BTreeSet<u32>,
    form: SessionForm,
    meta: impl FnOnce() -> Meta,
) -> Result<SessionRecord, String> {
    let s = &standard.standard;
    let (items, key, options) = s
        .assembled(left_out)
        .and_then(|items| s.key_of(&items).map(|(key, options)| (items, key, options)))
        .map_err(|e| format!("สร้างรอบทดสอบไม่ได้: {e}"))?;
    let rules = check_bank(s.test_length, &s.bank, &s.duties);
    let reason = form.override_reason.trim();
    let bank_override = match (rules.ok(), reason.is_empty()) {
        (true, _) => None,
        (false, true) => {
            return Err(format!(
                "สร้างรอบทดสอบไม่ได้: คลังข้อสอบไม่ผ่านเกณฑ์ — {} (ถ้าจำเป็นต้องสร้าง ให้พิมพ์เหตุผล ซึ่งจะพิมพ์ไว้ในใบสรุปผลคะแนน)",
                rules.messages.join("; ")
            ))
        }
        (false, false) => Some(BankOverride { reason: reason.to_string(), rules: rules.messages }),
    };
    let judges = parse_list(&form.judges);
    if judges.len() < MIN_JUDGES {
        return Err(format!("กรรมการ: ต้องมีอย่างน้อย {MIN_JUDGES} คน"));
    }
    Date::parse("วันทดสอบ", &form.date)?;
    Ok(SessionRecord {
        meta: meta(),
        standard: standard.meta.id.clone(),
        date: form.date,
        place: form.place,
        tester: form.tester,
        judges,
        items,
        key,
        options,
        bank_override,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::Record;
    use crate::domain::section26::standard::tests::complete;

    fn standard() -> StandardRecord {
        StandardRecord { meta: Meta::new("std-1".into(), StandardRecord::KIND, "org", "2026-01-01T00:00:00.000Z"), standard: complete() }
    }

    fn form() -> SessionForm {
        SessionForm { date: "2026-03-14".into(), place: "ห้อง 1".into(), tester: "นาย ท".into(), judges: DEFAULT_JUDGES.into(), override_reason: String::new() }
    }

    fn meta() -> Meta {
        Meta::new("s-1".into(), SessionRecord::KIND, "org", "2026-01-02T00:00:00.000Z")
    }

    #[test]
    fn a_session_freezes_the_assembled_test() {
        let std = standard();
        let s = new_session(&std, &BTreeSet::new(), form(), meta).unwrap();
        let items = std.standard.assembled(&BTreeSet::new()).unwrap();
        let (key, options) = std.standard.key_of(&items).unwrap();
        assert_eq!(s.items.len(), 40);
        assert_eq!((s.items, s.key, s.options), (items, key, options));
        assert_eq!(s.judges, vec!["กรรมการ 1", "กรรมการ 2", "กรรมการ 3"]);
        assert_eq!((s.standard.as_str(), s.date.as_str(), s.place.as_str(), s.tester.as_str()), ("std-1", "2026-03-14", "ห้อง 1", "นาย ท"));
        assert_eq!(s.meta.id, "s-1");
    }

    #[test]
    fn refusals_come_in_order_and_make_no_meta() {
        let no_meta = || -> Meta { panic!("meta made for a refused form") };
        let mut empty = standard();
        empty.standard.bank.clear();
        assert!(new_session(&empty, &BTreeSet::new(), form(), no_meta).unwrap_err().starts_with("สร้างรอบทดสอบไม่ได้: "));
        let two = SessionForm { judges: " ก , ,ข ".into(), date: "bad".into(), ..form() };
        assert_eq!(new_session(&standard(), &BTreeSet::new(), two, no_meta).unwrap_err(), "กรรมการ: ต้องมีอย่างน้อย 3 คน");
        let bad_date = SessionForm { date: "2026-02-30".into(), ..form() };
        assert_eq!(new_session(&standard(), &BTreeSet::new(), bad_date, no_meta).unwrap_err(), "วันทดสอบ: “2026-02-30” ไม่ใช่วันที่ (ปปปป-ดด-วว)");
    }

    #[test]
    fn the_bank_rules_block_a_session_unless_a_reason_is_typed() {
        // 60 items for a test of 41: the bank is under 1.5 × 41 = 62.
        let mut short = standard();
        short.standard.test_length = 41;
        let e = new_session(&short, &BTreeSet::new(), form(), || panic!("no meta for a refusal")).unwrap_err();
        assert_eq!(
            e,
            "สร้างรอบทดสอบไม่ได้: คลังข้อสอบไม่ผ่านเกณฑ์ — คลังข้อสอบต้องมีอย่างน้อย 1.5 เท่าของจำนวนข้อสอบ (62 ข้อ) มี 60 ข้อ ขาด 2 ข้อ \
             (ถ้าจำเป็นต้องสร้าง ให้พิมพ์เหตุผล ซึ่งจะพิมพ์ไว้ในใบสรุปผลคะแนน)"
        );
        let blank = SessionForm { override_reason: "  ".into(), ..form() };
        assert!(new_session(&short, &BTreeSet::new(), blank, || panic!("no meta for a refusal")).is_err());
        let why = SessionForm { override_reason: " รอบนำร่อง ศูนย์ทดสอบอนุมัติ ".into(), ..form() };
        let s = new_session(&short, &BTreeSet::new(), why, meta).unwrap();
        let o = s.bank_override.clone().unwrap();
        assert_eq!(o.reason, "รอบนำร่อง ศูนย์ทดสอบอนุมัติ");
        assert_eq!(o.rules, vec!["คลังข้อสอบต้องมีอย่างน้อย 1.5 เท่าของจำนวนข้อสอบ (62 ข้อ) มี 60 ข้อ ขาด 2 ข้อ"]);
        // Stored with the session; a session without one stores no field (records of earlier releases read as before).
        let v = serde_json::to_value(&s).unwrap();
        assert_eq!(v["bank_override"]["reason"], "รอบนำร่อง ศูนย์ทดสอบอนุมัติ");
        let plain = new_session(&standard(), &BTreeSet::new(), form(), meta).unwrap();
        assert!(plain.bank_override.is_none() && serde_json::to_value(&plain).unwrap().get("bank_override").is_none());
    }
}
