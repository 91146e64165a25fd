//! The item analysis as a workbook (`domain::sheet`): the item table as the page shows it (p and r as the displayed
//! two-decimal numbers, the bands, the verdict and its reasons, the extra statistics) and every item's options with
//! their distractor advice, one row per option.

use super::analyze::Analysis;
use super::csv::option_letter;
use super::rules::Reason;
use crate::domain::sheet::{columns, Cell, Kind, Sheet, Workbook};

/// The workbook of an analysis: sheet "รายข้อ" and sheet "ตัวลวง". `labels` are the items' labels (by index),
/// `groups` the titles of the two groups (กลุ่มสูง/กลุ่มต่ำ or ผ่านเกณฑ์/ไม่ผ่านเกณฑ์).
pub fn workbook(a: &Analysis, labels: &[String], (upper, lower): (&str, &str)) -> Workbook {
    let label = |i: usize| labels.get(i).cloned().unwrap_or_else(|| (i + 1).to_string());
    let stat = |v: Option<f64>, digits: usize| v.map_or(Cell::text("—"), |v| Cell::Number(format!("{v:.digits$}")));
    let (upper_correct, lower_correct) = (format!("ถูก ({upper})"), format!("ถูก ({lower})"));
    let items = Sheet {
        name: "รายข้อ".into(),
        columns: columns(&[
            ("ข้อ", Kind::Text, 8),
            ("เฉลย", Kind::Text, 6),
            (&upper_correct, Kind::Integer, 14),
            (&lower_correct, Kind::Integer, 14),
            ("p", Kind::Decimal(2), 7),
            ("r", Kind::Decimal(2), 7),
            ("ความยากง่าย", Kind::Text, 16),
            ("อำนาจจำแนก", Kind::Text, 16),
            ("คุณภาพ", Kind::Text, 14),
            ("เหตุผล", Kind::Text, 40),
            ("r ข้อ–ส่วนที่เหลือ", Kind::Decimal(2), 12),
            ("KR-20 เมื่อตัดข้อนี้", Kind::Decimal(3), 12),
            ("ไม่ตอบ", Kind::Integer, 8),
        ]),
        rows: a
            .items
            .iter()
            .map(|it| {
                vec![
                    Cell::text(label(it.index)),
                    Cell::text(option_letter(it.key)),
                    Cell::number(it.upper_correct),
                    Cell::number(it.lower_correct),
                    Cell::number(it.p),
                    Cell::number(it.r),
                    Cell::text(it.difficulty.thai()),
                    Cell::text(it.discrimination.thai()),
                    Cell::text(it.verdict.thai()),
                    Cell::text(Reason::join_thai(&it.reasons)),
                    stat(it.rest_r, 2),
                    stat(it.kr20_if_deleted, 3),
                    Cell::number(it.omitted),
                ]
            })
            .collect(),
    };
    let options = Sheet {
        name: "ตัวลวง".into(),
        columns: columns(&[
            ("ข้อ", Kind::Text, 8),
            ("ตัวเลือก", Kind::Text, 9),
            ("ตัวถูก", Kind::Text, 8),
            (upper, Kind::Integer, 12),
            (lower, Kind::Integer, 12),
            ("ผู้เลือกทั้งหมด", Kind::Integer, 14),
            ("p", Kind::Decimal(2), 7),
            ("r", Kind::Decimal(2), 7),
            ("คำแนะนำ", Kind::Text, 40),
        ]),
        rows: a
            .items
            .iter()
            .flat_map(|it| {
                let item = label(it.index);
                it.options.iter().map(move |o| {
                    vec![
                        Cell::text(item.clone()),
                        Cell::text(option_letter(o.option)),
                        if o.is_key { Cell::text("✓") } else { Cell::Empty },
                        Cell::number(o.upper),
                        Cell::number(o.lower),
                        Cell::number(o.chosen),
                        Cell::number(o.p),
                        Cell::number(o.r),
                        o.advice.map_or(Cell::Empty, |a| Cell::text(a.thai())),
                    ]
                })
            })
            .collect(),
    };
    Workbook { sheets: vec![items, options] }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::item_analysis::analyze::{analyze, Method};
    use crate::domain::item_analysis::csv::parse_dataset;

    #[test]
    fn the_workbook_holds_every_item_and_option_as_the_page_shows_them() {
        let responses = "candidate,1,2\nA,ก,ข\nB,ก,ค\nC,ข,ข\nD,ก,ข\nE,ค,ก\nF,ก,ข\nG,ข,ข\nH,ก,ง\n";
        let key = "item,key\n1,ก\n2,ข\n";
        let data = parse_dataset(responses, key, Some(4)).unwrap();
        let a = analyze(&data.matrix, &data.key, &Method::norm_25()).unwrap();
        let labels = data.items.clone();
        let wb = workbook(&a, &labels, ("กลุ่มสูง", "กลุ่มต่ำ"));
        assert_eq!(wb.check(), Ok(()));
        let items = &wb.sheets[0];
        assert_eq!(items.rows.len(), 2);
        assert_eq!(items.columns[2].header, "ถูก (กลุ่มสูง)");
        assert_eq!(items.rows[0][0], Cell::text("1"));
        assert_eq!(items.rows[0][4], Cell::Number(a.items[0].p.to_string()));
        assert_eq!(items.rows[1][5], Cell::Number(a.items[1].r.to_string()));
        let options = &wb.sheets[1];
        assert_eq!(options.rows.len(), a.items.iter().map(|i| i.options.len()).sum::<usize>());
        let key_rows = options.rows.iter().filter(|r| r[2] == Cell::text("✓")).count();
        assert_eq!(key_rows, 2);
    }
}
