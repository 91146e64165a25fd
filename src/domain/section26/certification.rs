//! Where a standard stands on the way to certification (handbook, "ขั้นตอนการยื่นขอรับรองมาตรฐานฝีมือแรงงานตาม
//! มาตรา 26", points 1–6, then testing and certificates): each step has a date and a note when it is done. The steps
//! are data ([`STEPS`]); a standard's progress is the last step with a date, and a step dated before an earlier one
//! is named.

use serde::{Deserialize, Serialize};

use super::candidates::Date;

/// The steps in order: (what happens, who does it / which form).
pub const STEPS: [(&str, &str); 7] = [
    ("จัดทำมาตรฐานฝีมือแรงงานและคู่มือการทดสอบเสร็จ", "คณะทำงานจัดทำมาตรฐาน"),
    ("ยื่นคำขอให้รับรองพร้อมเอกสาร 2.1–2.4", "ผู้ยื่นคำขอ · แบบ รมฐ.1"),
    ("เจ้าหน้าที่ตรวจคำขอและรายการ 19 รายการ", "สพร./สนพ. · แบบ รมฐ.2"),
    ("คณะอนุกรรมการกลั่นกรองพิจารณา", "คณะอนุกรรมการกลั่นกรอง · รายงานการประชุม"),
    ("ส่งมาตรฐานที่ผ่านการกลั่นกรองถึงสำนักพัฒนามาตรฐานและทดสอบฝีมือแรงงาน", "สพร./สนพ."),
    ("คณะกรรมการส่งเสริมการพัฒนาฝีมือแรงงานรับรอง", "คณะกรรมการส่งเสริมการพัฒนาฝีมือแรงงาน"),
    ("ทดสอบและออกหนังสือรับรองผู้ผ่านการทดสอบ", "ผู้ได้รับการรับรอง · แบบ รมฐ.4"),
];

/// One step as recorded: when it was done (`YYYY-MM-DD`, empty: not yet) and a note.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct StepRecord {
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub note: String,
}

/// The certification timeline of a standard, one record per step of [`STEPS`].
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Certification {
    #[serde(default)]
    pub steps: Vec<StepRecord>,
}

impl Certification {
    /// Step `i`'s record (a blank one when none is kept yet).
    pub fn step(&self, i: usize) -> StepRecord {
        self.steps.get(i).cloned().unwrap_or_default()
    }

    /// Sets step `i`'s record, growing the list to reach it.
    pub fn set(&mut self, i: usize, f: impl FnOnce(&mut StepRecord)) {
        if i >= STEPS.len() {
            return;
        }
        if self.steps.len() <= i {
            self.steps.resize(i + 1, StepRecord::default());
        }
        f(&mut self.steps[i]);
    }

    /// The last step done (0-based), if any.
    pub fn reached(&self) -> Option<usize> {
        (0..STEPS.len()).rev().find(|&i| !self.step(i).date.trim().is_empty())
    }

    /// Where the standard stands, in one line: `ขั้นที่ 3/7: … (12 มีนาคม 2569)`, or not started.
    pub fn summary(&self) -> String {
        match self.reached() {
            None => "ยังไม่เริ่มขั้นตอนการขอรับรอง".into(),
            Some(i) => {
                let date = self.step(i).date;
                let shown = crate::domain::thai_date::long_date_from_iso(&date).unwrap_or(date);
                format!("ขั้นที่ {}/{}: {} ({shown})", i + 1, STEPS.len(), STEPS[i].0)
            }
        }
    }

    /// Problems (Thai, naming the step): a date that is not a real date, a step dated before an earlier step, a step
    /// done while an earlier one has no date.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut last: Option<(usize, Date)> = None;
        let mut gap: Option<usize> = None;
        for i in 0..STEPS.len() {
            let date = self.step(i).date;
            if date.trim().is_empty() {
                gap.get_or_insert(i);
                continue;
            }
            let label = format!("ขั้นที่ {}", i + 1);
            match Date::parse(&label, &date) {
                Err(e) => out.push(e),
                Ok(d) => {
                    if let Some(g) = gap.take() {
                        out.push(format!("{label} มีวันที่แล้ว แต่ขั้นที่ {} ยังไม่มี", g + 1));
                    }
                    if let Some((j, before)) = last.filter(|(_, before)| d < *before) {
                        out.push(format!("{label}: วันที่ {} ก่อนขั้นที่ {} ({})", d.thai(), j + 1, before.thai()));
                    }
                    last = Some((i, d));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_and_order() {
        let mut c = Certification::default();
        assert_eq!(c.summary(), "ยังไม่เริ่มขั้นตอนการขอรับรอง");
        assert!(c.problems().is_empty());
        c.set(0, |s| s.date = "2026-01-10".into());
        c.set(1, |s| {
            s.date = "2026-02-01".into();
            s.note = "รับคำขอเลขที่ 12-001-2569".into();
        });
        assert_eq!(c.reached(), Some(1));
        assert_eq!(c.summary(), "ขั้นที่ 2/7: ยื่นคำขอให้รับรองพร้อมเอกสาร 2.1–2.4 (1 กุมภาพันธ์ 2569)");
        assert!(c.problems().is_empty());
        // Step 4 dated before step 2, with step 3 missing.
        c.set(3, |s| s.date = "2026-01-20".into());
        assert_eq!(
            c.problems(),
            vec!["ขั้นที่ 4 มีวันที่แล้ว แต่ขั้นที่ 3 ยังไม่มี", "ขั้นที่ 4: วันที่ 20 มกราคม 2569 ก่อนขั้นที่ 2 (1 กุมภาพันธ์ 2569)"]
        );
        c.set(2, |s| s.date = "2026-02-30".into());
        assert!(c.problems()[0].starts_with("ขั้นที่ 3: “2026-02-30” ไม่ใช่วันที่"));
        // Out of range is ignored; the record keeps seven steps at most.
        c.set(9, |s| s.date = "2026-01-01".into());
        assert_eq!(c.steps.len(), 4);
        let back: Certification = serde_json::from_value(serde_json::to_value(&c).unwrap()).unwrap();
        assert_eq!(back, c);
    }
}
