//! The practical test paper of a module (ข้อสอบภาคความสามารถ, manual part (13), the seed's layout): time allowed, the
//! instructions to the candidate, the rules (whether the knowledge part must be passed first, from the stored pass
//! model, then the rules typed), the materials the workshop supervisor prepares and the tools, each a table of
//! `รายการ, จำนวน, หน่วย, หมายเหตุ` typed one row per line, and the drawings or specification images attached to the
//! module ([`super::image`]).

use serde::{Deserialize, Serialize};

use super::verdict::Criteria;

/// One row of the materials or tools table.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct Supply {
    pub name: String,
    /// As typed (`2`, `1 ม้วน`): printed, never computed with.
    #[serde(default)]
    pub quantity: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub note: String,
}

/// What a module's practical paper says besides its items (stored in the module; absent in older standards).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct PracticalPaper {
    /// Time allowed, minutes (0 = not set).
    #[serde(default)]
    pub minutes: u32,
    /// คำสั่ง: what the candidate is told to do (free text, before the list of the module's items).
    #[serde(default)]
    pub instructions: String,
    /// The knowledge part must be passed before the practical part.
    #[serde(default)]
    pub knowledge_first: bool,
    /// กฎกติกา typed, one per line.
    #[serde(default)]
    pub rules: Vec<String>,
    /// รายการวัสดุที่จัดเตรียมให้ (for the workshop supervisor).
    #[serde(default)]
    pub materials: Vec<Supply>,
    /// รายการเครื่องมือและอุปกรณ์.
    #[serde(default)]
    pub tools: Vec<Supply>,
}

impl PracticalPaper {
    pub fn is_empty(&self) -> bool {
        *self == PracticalPaper::default()
    }
}

/// Supplies typed one per line, `รายการ, จำนวน, หน่วย, หมายเหตุ` (the note may hold further commas); blank lines
/// dropped, every cell trimmed.
pub fn parse_supplies(text: &str) -> Vec<Supply> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut cells = l.splitn(4, ',').map(|c| c.trim().to_string());
            let mut next = || cells.next().unwrap_or_default();
            Supply { name: next(), quantity: next(), unit: next(), note: next() }
        })
        .collect()
}

/// The supplies as the editor shows them, read back by [`parse_supplies`] (trailing empty cells left out).
pub fn supplies_text(rows: &[Supply]) -> String {
    rows.iter()
        .map(|s| {
            let mut cells = vec![s.name.as_str(), &s.quantity, &s.unit, &s.note];
            while cells.len() > 1 && cells.last().is_some_and(|c| c.is_empty()) {
                cells.pop();
            }
            cells.join(", ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The rules printed on the paper: first whether the knowledge part must be passed before (with the standard's
/// knowledge threshold and pass model), then the rules typed.
pub fn rules(criteria: &Criteria, paper: &PracticalPaper) -> Vec<String> {
    let first = if paper.knowledge_first {
        format!(
            "ต้องผ่านภาคความรู้ (ไม่น้อยกว่าร้อยละ {}) ก่อน จึงมีสิทธิ์เข้าทดสอบภาคความสามารถ",
            criteria.t_k.normalize()
        )
    } else {
        format!("เข้าทดสอบภาคความสามารถได้โดยไม่ต้องผ่านภาคความรู้ก่อน ผลการทดสอบตัดสินตาม{}", criteria.model.describe())
    };
    std::iter::once(first).chain(paper.rules.iter().cloned()).collect()
}

/// `1 ชั่วโมง 30 นาที`, `45 นาที`, or `–` when not set.
pub fn time_text(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, 0) => "–".into(),
        (0, m) => format!("{m} นาที"),
        (h, 0) => format!("{h} ชั่วโมง"),
        (h, m) => format!("{h} ชั่วโมง {m} นาที"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::section26::verdict::Model;

    #[test]
    fn supplies_read_and_write_back() {
        let rows = parse_supplies(" เหล็กแผ่น 100×150×6 มม., 2, แผ่น, ตัดเรียบร้อย, ไม่มีครีบ\n\nลวดเชื่อม E6013 ,1,กล่อง\nถุงมือ");
        assert_eq!(
            rows,
            vec![
                Supply { name: "เหล็กแผ่น 100×150×6 มม.".into(), quantity: "2".into(), unit: "แผ่น".into(), note: "ตัดเรียบร้อย, ไม่มีครีบ".into() },
                Supply { name: "ลวดเชื่อม E6013".into(), quantity: "1".into(), unit: "กล่อง".into(), note: String::new() },
                Supply { name: "ถุงมือ".into(), ..Default::default() },
            ]
        );
        let text = supplies_text(&rows);
        assert_eq!(text, "เหล็กแผ่น 100×150×6 มม., 2, แผ่น, ตัดเรียบร้อย, ไม่มีครีบ\nลวดเชื่อม E6013, 1, กล่อง\nถุงมือ");
        assert_eq!(parse_supplies(&text), rows);
    }

    #[test]
    fn the_knowledge_rule_comes_from_the_pass_model() {
        let mut c = Criteria::default();
        c.t_k = rust_decimal::Decimal::from(60);
        let mut p = PracticalPaper { rules: vec!["อนุญาตให้ใช้เครื่องคิดเลข".into()], ..Default::default() };
        assert_eq!(rules(&c, &p), vec![
            "เข้าทดสอบภาคความสามารถได้โดยไม่ต้องผ่านภาคความรู้ก่อน ผลการทดสอบตัดสินตามแบบที่ 1: ผ่านภาคความรู้ ภาคความสามารถ และคะแนนรวม".to_string(),
            "อนุญาตให้ใช้เครื่องคิดเลข".into(),
        ]);
        p.knowledge_first = true;
        c.model = Model::Three;
        c.t_k = "62.50".parse().unwrap();
        assert_eq!(rules(&c, &p)[0], "ต้องผ่านภาคความรู้ (ไม่น้อยกว่าร้อยละ 62.5) ก่อน จึงมีสิทธิ์เข้าทดสอบภาคความสามารถ");
    }

    #[test]
    fn times() {
        assert_eq!(time_text(0), "–");
        assert_eq!(time_text(45), "45 นาที");
        assert_eq!(time_text(120), "2 ชั่วโมง");
        assert_eq!(time_text(150), "2 ชั่วโมง 30 นาที");
    }

    #[test]
    fn an_older_module_reads_without_a_paper_and_writes_back_the_same() {
        let old = serde_json::json!({"id": "1", "name": "เชื่อม", "threshold": null, "items": []});
        let m: crate::domain::section26::marking::Module = serde_json::from_value(old.clone()).unwrap();
        assert!(m.paper.is_empty());
        assert_eq!(serde_json::to_value(&m).unwrap(), old);
    }
}
