//! A college's self-assessment as a workbook (`domain::sheet`): the 14 indicators with what was met, the percent of
//! the `percent80` indicators, the score and the level (sheet "ตัวบ่งชี้"), and the summary per standard and
//! overall (sheet "สรุปผล").

use super::assess::AssessmentResult;
use super::catalogue::{catalogue, Indicator};
use crate::domain::sheet::{columns, Cell, Kind, Sheet, Workbook};

/// What an indicator's result rests on, as the report prints it: the `percent80` working, the items met, or "—".
pub fn what_was_met(ind: &Indicator, r: &AssessmentResult) -> String {
    let Some(res) = r.indicator(&ind.id) else { return String::new() };
    if let Some(w) = &res.working {
        return w.clone();
    }
    if ind.items.is_empty() {
        return "—".into();
    }
    let met: Vec<String> = res.items.iter().filter(|i| i.met).map(|i| i.n.to_string()).collect();
    if met.is_empty() { "ไม่มีข้อที่ผ่าน".into() } else { format!("ผ่านข้อ {}", met.join(", ")) }
}

/// The workbook of one assessment's result. A score or level that cannot be computed is the text the report shows.
pub fn workbook(r: &AssessmentResult) -> Workbook {
    let level = |l: Option<super::rules::Level>| Cell::text(l.map_or("คำนวณไม่ได้", |l| l.thai()));
    let indicators = Sheet {
        name: "ตัวบ่งชี้".into(),
        columns: columns(&[
            ("ตัวบ่งชี้", Kind::Text, 9),
            ("ชื่อ", Kind::Text, 50),
            ("ผลการดำเนินงาน", Kind::Text, 40),
            ("ร้อยละ", Kind::Percent(2), 10),
            ("คะแนน", Kind::Decimal(2), 9),
            ("ระดับ", Kind::Text, 12),
        ]),
        rows: catalogue()
            .indicators()
            .map(|ind| {
                let res = r.indicator(&ind.id);
                vec![
                    Cell::text(ind.id.as_str()),
                    Cell::text(ind.title.as_str()),
                    Cell::text(what_was_met(ind, r)),
                    res.and_then(|x| x.percent).map_or(Cell::Empty, Cell::number),
                    res.and_then(|x| x.score).map_or(Cell::text("—"), Cell::number),
                    level(res.and_then(|x| x.level)),
                ]
            })
            .collect(),
    };
    let summary = Sheet {
        name: "สรุปผล".into(),
        columns: columns(&[
            ("ส่วน", Kind::Text, 40),
            ("ค่าเฉลี่ย", Kind::Decimal(2), 10),
            ("ระดับ", Kind::Text, 12),
            ("ตัวบ่งชี้ที่คำนวณได้", Kind::Integer, 18),
            ("ตัวบ่งชี้ทั้งหมด", Kind::Integer, 14),
        ]),
        rows: r
            .standards
            .iter()
            .chain(std::iter::once(&r.overall))
            .map(|s| {
                vec![
                    Cell::text(s.label.as_str()),
                    s.mean.map_or(Cell::text("—"), Cell::number),
                    level(s.level),
                    Cell::number(s.counted),
                    Cell::number(s.total),
                ]
            })
            .collect(),
    };
    Workbook { sheets: vec![indicators, summary] }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::college_qa::assess::{assess, AssessmentInput};

    #[test]
    fn the_workbook_has_the_14_indicators_and_the_summary() {
        let input: AssessmentInput =
            serde_json::from_str(r#"{"indicators": {"1.1": {"ticked": [1,2,4]}, "1.2": {"numerator": "200", "denominator": "300"}}}"#)
                .unwrap();
        let r = assess(&input, None);
        let wb = workbook(&r);
        assert_eq!(wb.check(), Ok(()));
        let ind = &wb.sheets[0];
        assert_eq!(ind.rows.len(), 14);
        assert_eq!(ind.rows[0][0], Cell::text("1.1"));
        assert_eq!(ind.rows[0][2], Cell::text("ผ่านข้อ 1, 2, 4"));
        assert_eq!(ind.rows[0][4], Cell::number(r.indicators[0].score.unwrap()));
        // 1.2 is a percent80 indicator: its percent is a percent cell.
        assert_eq!(ind.rows[1][3], Cell::number(r.indicators[1].percent.unwrap()));
        assert_eq!(ind.columns[3].kind, Kind::Percent(2));
        assert_eq!(wb.sheets[1].rows.len(), r.standards.len() + 1);
    }
}
