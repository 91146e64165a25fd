//! The knowledge test paper's header and instructions (seed part (12) and its example paper): standard, level, ชุด
//! (set), time allowed, full score, the part's share of the total and its pass percent, and the instructions block
//! with the number of questions. What the centre has not set prints as a dotted blank to fill by hand.

use serde::{Deserialize, Serialize};

use super::standard::Standard;

/// A dotted blank for a value not set.
pub const BLANK: &str = "........";

/// What the paper says beyond the standard: the set's name and the time allowed.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct PaperSettings {
    /// ชุด: the set's name or number as the centre labels it ("1", "ก").
    #[serde(default)]
    pub set: String,
    /// Time allowed for the knowledge part, minutes (0: not set).
    #[serde(default)]
    pub minutes: u32,
}

/// The printed header of the question paper, answer sheet and key.
#[derive(Clone, Debug, PartialEq)]
pub struct PaperHeader {
    /// `มาตรฐานฝีมือแรงงานตามมาตรา 26`.
    pub title: &'static str,
    /// `สาขาอาชีพ… สาขา… ระดับ …`.
    pub standard: String,
    /// `ภาคความรู้ ชุด … เวลา … คะแนนเต็ม … คะแนน คิดเป็นร้อยละ … ของคะแนนทั้งหมด เกณฑ์ผ่านร้อยละ …`.
    pub part: String,
    /// The set's name, or a blank.
    pub set: String,
    pub full_score: usize,
    /// The instructions to candidates, numbered from 1.
    pub instructions: Vec<String>,
}

/// `90` → `1 ชั่วโมง 30 นาที`, `45` → `45 นาที`, `0` → a blank.
pub fn duration_text(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, 0) => BLANK.to_string(),
        (0, m) => format!("{m} นาที"),
        (h, 0) => format!("{h} ชั่วโมง"),
        (h, m) => format!("{h} ชั่วโมง {m} นาที"),
    }
}

/// The header of a paper of `questions` questions (one mark each) drawn from `s`.
pub fn header(s: &Standard, questions: usize) -> PaperHeader {
    let set = if s.paper.set.trim().is_empty() { BLANK.to_string() } else { s.paper.set.trim().to_string() };
    let c = &s.criteria;
    PaperHeader {
        title: "แบบทดสอบมาตรฐานฝีมือแรงงานตามมาตรา 26",
        standard: format!("สาขาอาชีพ{} สาขา{} ระดับ {}", s.occupation.trim(), s.branch.trim(), s.level),
        part: format!(
            "ภาคความรู้ ชุด {set} เวลา {} คะแนนเต็ม {questions} คะแนน คิดเป็นร้อยละ {} ของคะแนนทั้งหมด เกณฑ์ผ่านร้อยละ {}",
            duration_text(s.paper.minutes),
            c.w_k.normalize(),
            c.t_k.normalize()
        ),
        set,
        full_score: questions,
        instructions: vec![
            format!("ข้อสอบมีทั้งหมด {questions} ข้อ"),
            "ห้ามทำเครื่องหมายใด ๆ ลงบนกระดาษคำถามชุดนี้โดยเด็ดขาด".into(),
            "ให้ทำเครื่องหมายกากบาท (X) ลงในช่องตัวเลือกที่ถูกต้องที่สุดเพียงคำตอบเดียวลงในกระดาษคำตอบ".into(),
            "ในกรณีที่เปลี่ยนคำตอบใหม่ ให้ขีดฆ่าคำตอบเดิมแล้วกากบาท (X) ข้อใหม่แทน".into(),
            "ถ้าผู้เข้าสอบสงสัยหรือไม่เข้าใจข้อความใด ๆ ให้สอบถามกรรมการคุมสอบ ห้ามพูดคุยหรือถามกันเองโดยเด็ดขาด".into(),
            "ข้อสอบนี้ถูกต้องสมบูรณ์แล้วทุกประการ ห้ามแก้ไขใด ๆ ทั้งสิ้น".into(),
            "ห้ามนำข้อสอบออกจากห้องสอบโดยเด็ดขาด ให้ส่งข้อสอบคืนพร้อมกระดาษคำตอบ".into(),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_hours_and_minutes() {
        assert_eq!(duration_text(0), BLANK);
        assert_eq!(duration_text(45), "45 นาที");
        assert_eq!(duration_text(60), "1 ชั่วโมง");
        assert_eq!(duration_text(90), "1 ชั่วโมง 30 นาที");
    }

    #[test]
    fn the_header_of_the_seed_paper() {
        let mut s = Standard { occupation: "ช่างเชื่อมแม็ก".into(), branch: "งานเชื่อม".into(), ..Standard::default() };
        let h = header(&s, 40);
        assert_eq!(h.standard, "สาขาอาชีพช่างเชื่อมแม็ก สาขางานเชื่อม ระดับ 1");
        // The default criteria: knowledge 30 % of the total, pass at 60 %; set and time not yet given.
        assert_eq!(h.part, "ภาคความรู้ ชุด ........ เวลา ........ คะแนนเต็ม 40 คะแนน คิดเป็นร้อยละ 30 ของคะแนนทั้งหมด เกณฑ์ผ่านร้อยละ 60");
        assert_eq!(h.instructions[0], "ข้อสอบมีทั้งหมด 40 ข้อ");
        assert_eq!(h.instructions.len(), 7);
        s.paper = PaperSettings { set: " 2 ".into(), minutes: 90 };
        s.criteria.t_k = "62.50".parse().unwrap();
        let h = header(&s, 45);
        assert_eq!(h.set, "2");
        assert_eq!(h.part, "ภาคความรู้ ชุด 2 เวลา 1 ชั่วโมง 30 นาที คะแนนเต็ม 45 คะแนน คิดเป็นร้อยละ 30 ของคะแนนทั้งหมด เกณฑ์ผ่านร้อยละ 62.5");
    }
}
