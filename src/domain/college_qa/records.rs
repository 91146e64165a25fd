//! The stored records of the self-assessment job: a [`College`] (kind `"college"`) and one [`Assessment`] per
//! college and academic year (kind `"qa_assessment"`), which keeps only the input; results are recomputed by
//! [`super::assess::assess`] so a rule fix reaches old records too.

use serde::{Deserialize, Serialize};

use super::assess::AssessmentInput;
use crate::domain::record::Meta;

/// A college (สถานศึกษา). `meta.org` is the college code.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct College {
    #[serde(flatten)]
    pub meta: Meta,
    /// 10-digit college code (รหัสสถานศึกษา), see [`valid_college_code`].
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub province: String,
}

crate::impl_record!(College, "college");

/// One self-assessment of a college for an academic year.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Assessment {
    #[serde(flatten)]
    pub meta: Meta,
    /// The college code.
    pub college: String,
    /// Academic year in the Buddhist era (ปีการศึกษา พ.ศ.), e.g. 2568.
    pub year: u16,
    pub input: AssessmentInput,
}

crate::impl_record!(Assessment, "qa_assessment");

/// The same college's assessment of the year before `year`, if stored (feeds the 4.2 suggestion).
pub fn last_year<'a>(assessments: &'a [Assessment], college: &str, year: u16) -> Option<&'a Assessment> {
    assessments.iter().find(|a| a.college == college && year.checked_sub(1) == Some(a.year))
}

/// A college code is exactly 10 ASCII digits. The error is a Thai sentence for the form.
pub fn valid_college_code(code: &str) -> Result<(), String> {
    let len = code.chars().count();
    if code.is_empty() {
        Err("กรุณากรอกรหัสสถานศึกษา 10 หลัก".to_string())
    } else if code.chars().any(|c| ('๐'..='๙').contains(&c)) {
        Err("รหัสสถานศึกษาต้องเป็นเลขอารบิก 0–9 (ไม่ใช่เลขไทย)".to_string())
    } else if !code.chars().all(|c| c.is_ascii_digit()) {
        Err("รหัสสถานศึกษาต้องเป็นตัวเลข 0–9 เท่านั้น (ไม่มีช่องว่างหรือขีด)".to_string())
    } else if len != 10 {
        Err(format!("รหัสสถานศึกษาต้องมี 10 หลัก (กรอกมา {len} หลัก)"))
    } else {
        Ok(())
    }
}

/// A college record from outside (a pull or a backup) owned by `org`: its code is a college code and is `org`.
pub fn check_college(org: &str, c: &College) -> Result<(), String> {
    valid_college_code(c.code.trim())?;
    if c.code.trim() != org {
        return Err(format!("รหัสสถานศึกษา {} ไม่ใช่ {org} เจ้าของข้อมูล", c.code));
    }
    Ok(())
}

/// An assessment from outside (a pull or a backup) owned by `org`: it is `org`'s and holds only the catalogue's
/// indicators, their items (1 to the indicator's count, for the item rules) and their calculators' fields. The
/// refusal names the indicator and the item or field. (The year is any `u16`: a year the form would not take shows as
/// it is and harms no other record.)
pub fn check_assessment(org: &str, a: &Assessment) -> Result<(), String> {
    if a.college.trim() != org {
        return Err(format!("การประเมินอ้างรหัสสถานศึกษา {} ไม่ใช่ {org} เจ้าของข้อมูล", a.college));
    }
    for (id, input) in &a.input.indicators {
        let Some(ind) = super::catalogue::catalogue().indicator(id) else {
            return Err(format!("ตัวบ่งชี้ “{id}” ไม่มีในมาตรฐานการอาชีวศึกษา พ.ศ. 2559"));
        };
        if let Some(n) = input.ticked.iter().chain(&input.by_counts).find(|n| ind.item(**n).is_none()) {
            return Err(format!("ตัวบ่งชี้ {id}: ไม่มีประเด็นข้อ {n}"));
        }
        let fields = super::calculators::fields(id);
        if let Some(key) = input.counts.keys().find(|k| !fields.iter().any(|f| f.key == k.as_str())) {
            return Err(format!("ตัวบ่งชี้ {id}: ไม่มีช่องกรอก “{key}”"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::Record;
    use crate::domain::college_qa::assess::IndicatorInput;

    fn meta(kind: &str) -> Meta {
        Meta::new("00000000-0000-4000-8000-000000000000".into(), kind, "1310100001", "2026-11-21T10:00:00.000Z")
    }

    #[test]
    fn college_codes() {
        assert_eq!(valid_college_code("1310100001"), Ok(()));
        assert_eq!(valid_college_code(""), Err("กรุณากรอกรหัสสถานศึกษา 10 หลัก".to_string()));
        assert_eq!(valid_college_code("131010000"), Err("รหัสสถานศึกษาต้องมี 10 หลัก (กรอกมา 9 หลัก)".to_string()));
        assert_eq!(valid_college_code("13101000011").unwrap_err(), "รหัสสถานศึกษาต้องมี 10 หลัก (กรอกมา 11 หลัก)");
        assert!(valid_college_code("131010000a").unwrap_err().contains("0–9 เท่านั้น"));
        assert!(valid_college_code("13101-0001").is_err());
        assert!(valid_college_code("๑๓๑๐๑๐๐๐๐๑").unwrap_err().contains("เลขไทย"));
        assert!(valid_college_code("１３１０１００００１").is_err());
    }

    #[test]
    fn records_serialise_flat_with_their_kind() {
        let c = College {
            meta: meta(College::KIND),
            code: "1310100001".into(),
            name: "วิทยาลัยเทคนิค".into(),
            province: String::new(),
        };
        let v = serde_json::to_value(&c).unwrap();
        assert_eq!(v["kind"], "college");
        assert_eq!(v["id"], "00000000-0000-4000-8000-000000000000");
        assert_eq!(serde_json::from_value::<College>(v).unwrap(), c);
        let mut input = AssessmentInput::default();
        input.indicators.insert(
            "1.2".into(),
            IndicatorInput { numerator: Some(200.into()), denominator: Some(300.into()), ..Default::default() },
        );
        let a = Assessment { meta: meta(Assessment::KIND), college: "1310100001".into(), year: 2568, input };
        let json = serde_json::to_string(&a).unwrap();
        assert!(json.contains("\"kind\":\"qa_assessment\""));
        assert_eq!(serde_json::from_str::<Assessment>(&json).unwrap(), a);
        assert_eq!(a.meta().kind, "qa_assessment");
        // A college without a province (older shape) still reads.
        let old =
            r#"{"id":"x","kind":"college","org":"1","created":"t","updated":"t","schema":1,"code":"1","name":"n"}"#;
        assert_eq!(serde_json::from_str::<College>(old).unwrap().province, "");
    }

    #[test]
    fn last_year_is_the_same_college_one_year_before() {
        let mk = |college: &str, year| Assessment {
            meta: meta(Assessment::KIND),
            college: college.into(),
            year,
            input: AssessmentInput::default(),
        };
        let all = [mk("1", 2566), mk("1", 2567), mk("2", 2567), mk("1", 2568)];
        assert_eq!(last_year(&all, "1", 2568).map(|a| a.year), Some(2567));
        assert_eq!(last_year(&all, "2", 2568).map(|a| (a.college.as_str(), a.year)), Some(("2", 2567)));
        assert!(last_year(&all, "2", 2567).is_none());
        assert!(last_year(&all, "1", 0).is_none());
    }

    #[test]
    fn records_from_outside_are_the_owners_and_within_the_catalogue() {
        let college = College { meta: meta("college"), code: "1310100001".into(), name: "ก".into(), province: String::new() };
        assert_eq!(check_college("1310100001", &college), Ok(()));
        assert!(check_college("1310100002", &college).unwrap_err().contains("1310100001"));
        let bad = College { code: "13101".into(), ..college };
        assert!(check_college("13101", &bad).unwrap_err().contains("10 หลัก"));

        let mut a = Assessment { meta: meta("qa_assessment"), college: "1310100001".into(), year: 2568, input: Default::default() };
        let ok = IndicatorInput { ticked: [1, 5].into(), ..Default::default() };
        a.input.indicators.insert("1.1".into(), ok);
        assert_eq!(check_assessment("1310100001", &a), Ok(()));
        assert!(check_assessment("1310100002", &a).unwrap_err().contains("ไม่ใช่ 1310100002"));
        let refused = |edit: &dyn Fn(&mut Assessment)| {
            let mut b = a.clone();
            edit(&mut b);
            check_assessment("1310100001", &b).unwrap_err()
        };
        assert_eq!(refused(&|b| { b.input.indicators.insert("9.9".into(), IndicatorInput::default()); }), "ตัวบ่งชี้ “9.9” ไม่มีในมาตรฐานการอาชีวศึกษา พ.ศ. 2559");
        assert_eq!(refused(&|b| { b.input.indicators.get_mut("1.1").unwrap().by_counts.insert(6); }), "ตัวบ่งชี้ 1.1: ไม่มีประเด็นข้อ 6");
        assert_eq!(
            refused(&|b| { b.input.indicators.get_mut("1.1").unwrap().counts.insert("x".into(), 1.into()); }),
            "ตัวบ่งชี้ 1.1: ไม่มีช่องกรอก “x”"
        );
    }
}
