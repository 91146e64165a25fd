//! The request and check forms (seed, ขั้นตอนการยื่นขอรับรองมาตรฐานฝีมือแรงงานตามมาตรา 26): the request form รมฐ.1
//! with its back page (the manual's 19 parts, attachment 2.1) and attachments 2.2–2.4, and the office's check form
//! รมฐ.2, whose items the office ticks ([`OfficeCheck`], stored with the standard).
//!
//! The seed says รมฐ.2 has 16 items but does not print the form; [`CHECK_ITEMS`] are the 16 checks its step 3 asks
//! of the office (the request, the 19 parts of attachment 2.1 grouped as the seed's own contents page (2) groups
//! them, and attachments 2.2–2.4), in the order they are filed.

use serde::{Deserialize, Serialize};

use super::standard::Part;

/// Attachments 2.2–2.4 of รมฐ.1 (2.1 is the manual, its 19 parts listed on the back of the form).
pub const ATTACHMENTS: [(&str, &str); 3] = [
    ("2.2", "หนังสือมอบอำนาจพร้อมติดอากรแสตมป์ และสำเนาบัตรประจำตัวประชาชนของผู้มอบอำนาจ (ในกรณีมีการมอบอำนาจ)"),
    ("2.3", "แผนที่แสดงที่ตั้งสถานที่ซึ่งจะใช้ทดสอบประกอบการขอรับรองมาตรฐานฝีมือแรงงาน"),
    ("2.4", "เอกสารหรือหลักฐานอื่น (โปรดระบุ)"),
];

/// The 16 items of รมฐ.2: (text, the manual's parts it covers, empty for the form and attachments 2.2–2.4).
pub const CHECK_ITEMS: [(&str, &[u8]); 16] = [
    ("คำขอให้รับรองมาตรฐานฝีมือแรงงานตามมาตรา 26 (แบบ รมฐ.1) กรอกข้อความครบถ้วน และลงลายมือชื่อผู้ยื่นคำขอ", &[]),
    ("ชื่อสาขาอาชีพ ชื่อผู้ประกอบอาชีพ และสารบัญ (1)–(2)", &[1, 2]),
    ("รายชื่อคณะทำงานที่ร่วมจัดทำมาตรฐานฝีมือแรงงาน (3)", &[3]),
    ("คำจำกัดความของมาตรฐานฝีมือแรงงาน และของสาขาอาชีพ (4)–(5)", &[4, 5]),
    ("การกำหนดขอบเขตของมาตรฐานฝีมือแรงงาน (6)", &[6]),
    ("คุณสมบัติของผู้ทดสอบ และของผู้มีสิทธิ์เข้ารับการทดสอบ (7)–(8)", &[7, 8]),
    ("หลักเกณฑ์ที่จะได้รับหนังสือรับรองว่าเป็นผู้ผ่านการทดสอบ (9)", &[9]),
    ("ข้อกำหนดการทดสอบ และลักษณะการทดสอบ (10)–(11)", &[10, 11]),
    ("แบบทดสอบภาคความรู้ พร้อมเฉลย (12)", &[12]),
    ("แบบทดสอบภาคความสามารถ (13)", &[13]),
    ("ใบให้คะแนนพร้อมเกณฑ์การให้คะแนน (14)", &[14]),
    ("ใบสรุปผลคะแนนการทดสอบ (15)", &[15]),
    ("ตารางวิเคราะห์งาน น้ำหนักข้อสอบ IOC และค่าความยากง่าย (16)–(19)", &[16, 17, 18, 19]),
    ("หนังสือมอบอำนาจ และสำเนาบัตรประจำตัวประชาชนของผู้มอบอำนาจ (ข้อ 2.2 ในกรณีมีการมอบอำนาจ)", &[]),
    ("แผนที่แสดงที่ตั้งสถานที่ซึ่งจะใช้ทดสอบ (ข้อ 2.3)", &[]),
    ("เอกสารหรือหลักฐานอื่น (ข้อ 2.4)", &[]),
];

/// What the office ticked on รมฐ.2 and its note.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct OfficeCheck {
    /// The items ticked, numbered 1–16, ascending, each once.
    #[serde(default)]
    pub ticked: Vec<u8>,
    /// ผลการตรวจ / note to the applicant.
    #[serde(default)]
    pub note: String,
}

impl OfficeCheck {
    pub fn is_empty(&self) -> bool {
        self.ticked.is_empty() && self.note.is_empty()
    }

    /// Ticks or unticks item `n` (1–16; any other number does nothing), keeping the list ascending and unique.
    pub fn set(&mut self, n: u8, on: bool) {
        if !(1..=CHECK_ITEMS.len() as u8).contains(&n) {
            return;
        }
        self.ticked.retain(|t| *t != n);
        if on {
            let at = self.ticked.iter().position(|t| *t > n).unwrap_or(self.ticked.len());
            self.ticked.insert(at, n);
        }
    }

    pub fn is_ticked(&self, n: u8) -> bool {
        self.ticked.contains(&n)
    }

    /// A stored check read from a backup or a pull: item numbers outside 1–16, repeated or out of order are refused
    /// (named), never kept.
    pub fn check(&self) -> Result<(), String> {
        for (i, n) in self.ticked.iter().enumerate() {
            if !(1..=CHECK_ITEMS.len() as u8).contains(n) {
                return Err(format!("แบบ รมฐ.2: ไม่มีรายการที่ {n} (มี 1–{})", CHECK_ITEMS.len()));
            }
            if i > 0 && self.ticked[i - 1] >= *n {
                return Err(format!("แบบ รมฐ.2: รายการที่ {n} ซ้ำหรือไม่เรียงลำดับ"));
            }
        }
        Ok(())
    }
}

/// What the app knows of a check item from the 19-part checklist: the parts it covers still missing something
/// (part number and what is missing), empty when they are all filled or the item covers no part.
pub fn check_item_gaps(n: usize, parts: &[Part]) -> Vec<(u8, String)> {
    let Some((_, covers)) = CHECK_ITEMS.get(n) else { return vec![] };
    parts
        .iter()
        .filter(|p| covers.contains(&p.number))
        .flat_map(|p| p.missing.iter().map(move |m| (p.number, m.clone())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::section26::standard::{checklist, tests::complete};
    use std::collections::BTreeSet;

    #[test]
    fn sixteen_items_cover_the_19_parts_once_each() {
        assert_eq!(CHECK_ITEMS.len(), 16);
        let mut covered: Vec<u8> = CHECK_ITEMS.iter().flat_map(|(_, c)| c.iter().copied()).collect();
        covered.sort();
        assert_eq!(covered, (1..=19).collect::<Vec<u8>>());
    }

    #[test]
    fn ticks_stay_ascending_and_unique_and_stored_ones_are_checked() {
        let mut c = OfficeCheck::default();
        for n in [5, 1, 16, 5, 0, 17] {
            c.set(n, true);
        }
        assert_eq!(c.ticked, vec![1, 5, 16]);
        c.set(5, false);
        assert_eq!(c.ticked, vec![1, 16]);
        assert!(c.is_ticked(16) && !c.is_ticked(5));
        assert_eq!(c.check(), Ok(()));
        assert_eq!(OfficeCheck { ticked: vec![17], note: String::new() }.check(), Err("แบบ รมฐ.2: ไม่มีรายการที่ 17 (มี 1–16)".into()));
        assert_eq!(OfficeCheck { ticked: vec![3, 3], note: String::new() }.check(), Err("แบบ รมฐ.2: รายการที่ 3 ซ้ำหรือไม่เรียงลำดับ".into()));
        assert!(OfficeCheck::default().is_empty());
    }

    #[test]
    fn gaps_come_from_the_checklist() {
        let s = complete();
        let parts = checklist(&s, false, &BTreeSet::new());
        assert!(check_item_gaps(1, &parts).is_empty());
        assert_eq!(check_item_gaps(12, &parts), vec![(19, "ยังไม่มีผลการทดลองทดสอบให้วิเคราะห์".to_string())]);
        assert!(check_item_gaps(0, &parts).is_empty() && check_item_gaps(99, &parts).is_empty());
    }
}
