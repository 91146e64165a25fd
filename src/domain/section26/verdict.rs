//! Certificate criteria (manual part 9, seed §6 "แบบที่ 1/2/3") and the final decision for a candidate.
//!
//! The standard sets the knowledge weight wK and skill weight wS (wK + wS = 100) and thresholds tK (knowledge part),
//! tS (skill part), tT (total); total % = knowledge % × wK/100 + skill % × wS/100.
//! - Model 1: knowledge ≥ tK, skill ≥ tS, total ≥ tT. Model 2: knowledge ≥ tK, skill ≥ tS. Model 3: knowledge ≥ tK,
//!   total ≥ tT.
//! - Every module must pass too (its threshold when set, and no failed critical item). Under model 3 only a threshold
//!   set on the module itself applies, never the standard's common one ([`Criteria::common_module_threshold`]).
//!
//! Every percent is kept as an exact fraction ([`Percent`]) and compared by cross-multiplying, so a candidate at
//! exactly the threshold passes and one a hair under fails; percents are shown with 2 decimals rounded half-up.
//! Skill % = the modules' points together / their full marks together (ours: the seed does not say how modules
//! combine; this weights each module by its full marks, as the summary sheet adds them).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::marking::ModuleResult;
use super::percent::Percent;

/// The pass model (แบบที่ 1/2/3).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(try_from = "u8", into = "u8")]
pub enum Model {
    #[default]
    One,
    Two,
    Three,
}

impl TryFrom<u8> for Model {
    type Error = String;
    fn try_from(v: u8) -> Result<Model, String> {
        match v {
            1 => Ok(Model::One),
            2 => Ok(Model::Two),
            3 => Ok(Model::Three),
            _ => Err(format!("model ต้องเป็น 1, 2 หรือ 3 (ได้ {v})")),
        }
    }
}

impl From<Model> for u8 {
    fn from(m: Model) -> u8 {
        match m {
            Model::One => 1,
            Model::Two => 2,
            Model::Three => 3,
        }
    }
}

impl Model {
    /// Which thresholds the model holds a candidate to besides knowledge: (skill part, total).
    pub fn requires(self) -> (bool, bool) {
        match self {
            Model::One => (true, true),
            Model::Two => (true, false),
            Model::Three => (false, true),
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Model::One => "แบบที่ 1: ผ่านภาคความรู้ ภาคความสามารถ และคะแนนรวม",
            Model::Two => "แบบที่ 2: ผ่านภาคความรู้และภาคความสามารถ",
            Model::Three => "แบบที่ 3: ผ่านภาคความรู้และคะแนนรวม",
        }
    }
}

/// The certificate criteria of a standard.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Criteria {
    pub model: Model,
    /// Knowledge weight in the total, percent.
    #[serde(rename = "wK")]
    #[serde(with = "super::num")]
    pub w_k: Decimal,
    #[serde(rename = "wS")]
    #[serde(with = "super::num")]
    pub w_s: Decimal,
    #[serde(rename = "tK")]
    #[serde(with = "super::num")]
    pub t_k: Decimal,
    #[serde(rename = "tS")]
    #[serde(with = "super::num")]
    pub t_s: Decimal,
    #[serde(rename = "tT")]
    #[serde(with = "super::num")]
    pub t_t: Decimal,
    /// Threshold (percent) for every module that sets none; `None`: modules pass on their critical items only.
    #[serde(default, with = "super::num::opt")]
    pub module_threshold: Option<Decimal>,
}

impl Default for Criteria {
    /// The scorecard example of the seed: knowledge ≥ 60 %, each module ≥ 70 %, model 1, 30/70, total ≥ 60 %.
    fn default() -> Criteria {
        Criteria {
            model: Model::One,
            w_k: Decimal::from(30),
            w_s: Decimal::from(70),
            t_k: Decimal::from(60),
            t_s: Decimal::from(70),
            t_t: Decimal::from(60),
            module_threshold: Some(Decimal::from(70)),
        }
    }
}

impl Criteria {
    /// The criteria's values outside 0–100, named.
    pub fn out_of_range(&self) -> Vec<String> {
        let fields = [("wK", self.w_k), ("wS", self.w_s), ("tK", self.t_k), ("tS", self.t_s), ("tT", self.t_t)];
        fields
            .into_iter()
            .chain(self.module_threshold.map(|t| ("module_threshold", t)))
            .filter_map(|(name, v)| crate::domain::numbers::in_range(name, v, crate::domain::numbers::Kind::Percent).err())
            .collect()
    }

    /// The threshold a module that sets none of its own is held to. Model 3 sets no threshold on the skill part (seed
    /// §6: knowledge and total only), so the standard's common module threshold does not apply under it: a model-3
    /// module passes on its own threshold when the standard sets one on that module, and on its critical items.
    pub fn common_module_threshold(&self) -> Option<Decimal> {
        match self.model {
            Model::One | Model::Two => self.module_threshold,
            Model::Three => None,
        }
    }

    /// The criteria as the manual's part (9) states them: the knowledge part always, the skill part and the total only
    /// where the model holds a candidate to them, the common module threshold only where it applies.
    pub fn rules_text(&self) -> Vec<String> {
        let (skill, total) = self.model.requires();
        let mut rules = vec![format!(
            "ภาคความรู้คิดเป็นร้อยละ {} ของคะแนนทั้งหมด ต้องได้คะแนนไม่ต่ำกว่าร้อยละ {} ของคะแนนภาคความรู้",
            self.w_k.normalize(),
            self.t_k.normalize()
        )];
        rules.push(if skill {
            format!(
                "ภาคความสามารถคิดเป็นร้อยละ {} ของคะแนนทั้งหมด ต้องได้คะแนนไม่ต่ำกว่าร้อยละ {} ของคะแนนภาคความสามารถ",
                self.w_s.normalize(),
                self.t_s.normalize()
            )
        } else {
            format!("ภาคความสามารถคิดเป็นร้อยละ {} ของคะแนนทั้งหมด ไม่กำหนดเกณฑ์ภาคความสามารถ", self.w_s.normalize())
        });
        if total {
            rules.push(format!("คะแนนรวมไม่ต่ำกว่าร้อยละ {}", self.t_t.normalize()));
        }
        rules.extend(self.common_module_threshold().map(|t| format!("แต่ละโมดูลไม่ต่ำกว่าร้อยละ {} (เว้นแต่โมดูลกำหนดเอง)", t.normalize())));
        rules
    }

    /// Problems with the criteria (Thai, naming the field).
    pub fn problems(&self) -> Vec<String> {
        let mut p = Vec::new();
        match self.w_k.checked_add(self.w_s) {
            Some(sum) if sum == Decimal::ONE_HUNDRED => {}
            Some(sum) => p.push(format!("wK + wS ต้องเท่ากับ 100 (ได้ {sum})")),
            None => p.push("wK + wS ต้องเท่ากับ 100".to_string()),
        }
        let fields = [("wK", self.w_k), ("wS", self.w_s), ("tK", self.t_k), ("tS", self.t_s), ("tT", self.t_t)];
        for (name, v) in fields.into_iter().chain(self.module_threshold.map(|t| ("module_threshold", t))) {
            if v < Decimal::ZERO || v > Decimal::ONE_HUNDRED {
                p.push(format!("{name}: ต้องอยู่ระหว่าง 0 ถึง 100 (ได้ {v})"));
            }
        }
        p
    }
}

/// The decision for one candidate.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    pub knowledge: Percent,
    pub skill: Percent,
    pub total: Percent,
    pub knowledge_pass: bool,
    /// Every question of the knowledge part has an answer recorded (an omitted one counts as recorded).
    pub knowledge_complete: bool,
    pub skill_pass: bool,
    pub total_pass: bool,
    pub modules_pass: bool,
    /// Knowledge answers all recorded, every module final (no item pending) and the criteria in range: only then is
    /// there a decision. An incomplete result is "ยังสรุปไม่ได้" everywhere, never a fail.
    pub complete: bool,
    pub pass: bool,
    /// Why the candidate fails or is not decided (Thai), empty on a pass.
    pub reasons: Vec<String>,
}

/// Pass text for a sheet.
pub fn pass_text(pass: bool) -> &'static str {
    if pass { "ผ่าน" } else { "ไม่ผ่าน" }
}

/// The text of a result that is not decided yet.
pub const UNDECIDED: &str = "ยังสรุปไม่ได้";

impl Verdict {
    /// The result: ผ่าน, ไม่ผ่าน, or ยังสรุปไม่ได้ while anything it needs is missing.
    pub fn result_text(&self) -> &'static str {
        if self.complete { pass_text(self.pass) } else { UNDECIDED }
    }

    /// The knowledge part's own pass column (form 15): undecided until every answer is recorded.
    pub fn knowledge_text(&self) -> &'static str {
        if self.knowledge_complete { pass_text(self.knowledge_pass) } else { UNDECIDED }
    }

    /// The knowledge percent, or "–" while answers are missing (a 0 % there would read as a score).
    pub fn knowledge_percent_text(&self) -> String {
        if self.knowledge_complete { self.knowledge.text() } else { "–".to_string() }
    }

    /// The total percent, or "–" while the knowledge answers are missing.
    pub fn total_percent_text(&self) -> String {
        if self.knowledge_complete { self.total.text() } else { "–".to_string() }
    }
}

/// Decides a candidate from knowledge (`correct` of `items`, with `answered` answers recorded) and the module results.
pub fn decide(criteria: &Criteria, correct: u32, items: u32, answered: u32, modules: &[ModuleResult]) -> Verdict {
    let knowledge = Percent::of(Decimal::from(correct), Decimal::from(items));
    let points = modules.iter().fold(Decimal::ZERO, |s, m| s.saturating_add(m.points));
    let full = modules.iter().fold(Decimal::ZERO, |s, m| s.saturating_add(m.full));
    let skill = Percent::of(points, full);
    let total = Percent::weighted(knowledge, criteria.w_k, skill, criteria.w_s);
    let knowledge_pass = knowledge.at_least(criteria.t_k);
    let skill_pass = skill.at_least(criteria.t_s);
    let total_pass = total.at_least(criteria.t_t);
    // A weight or threshold outside 0–100 (a record from before the bounds): no decision, the reason named.
    let out_of_range = criteria.out_of_range();
    let knowledge_complete = answered >= items;
    let complete = knowledge_complete && modules.iter().all(ModuleResult::is_final) && out_of_range.is_empty();
    let modules_pass = modules.iter().all(|m| m.pass);
    let mut reasons: Vec<String> = out_of_range.into_iter().map(|p| format!("เกณฑ์ {p} — คำนวณไม่ได้")).collect();
    for m in modules {
        for (item, why) in &m.pending {
            reasons.push(format!("โมดูล {} รายการ {item}: {why}", m.module));
        }
    }
    if !knowledge_complete {
        reasons.push(format!("ภาคความรู้ยังบันทึกคำตอบไม่ครบ ({answered}/{items} ข้อ)"));
    } else if !knowledge_pass {
        reasons.push(format!("ภาคความรู้ {} % ต่ำกว่าเกณฑ์ {} %", knowledge.text(), criteria.t_k));
    }
    let (need_skill, need_total) = criteria.model.requires();
    if need_skill && !skill_pass {
        reasons.push(format!("ภาคความสามารถ {} % ต่ำกว่าเกณฑ์ {} %", skill.text(), criteria.t_s));
    }
    if need_total && !total_pass && knowledge_complete {
        reasons.push(format!("คะแนนรวม {} % ต่ำกว่าเกณฑ์ {} %", total.text(), criteria.t_t));
    }
    for m in modules.iter().filter(|m| m.is_final() && !m.pass) {
        if !m.critical_failed.is_empty() {
            reasons.push(format!("โมดูล {}: ไม่ผ่านจุดสำคัญ {}", m.module, m.critical_failed.join(", ")));
        } else if let Some(t) = m.threshold {
            reasons.push(format!("โมดูล {} ได้ {} % ต่ำกว่าเกณฑ์ {t} %", m.module, m.percent.text()));
        }
    }
    let pass = complete
        && knowledge_pass
        && (!need_skill || skill_pass)
        && (!need_total || total_pass)
        && modules_pass;
    Verdict { knowledge, skill, total, knowledge_pass, knowledge_complete, skill_pass, total_pass, modules_pass, complete, pass, reasons }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn module(points: &str, full: &str, pass: bool) -> ModuleResult {
        ModuleResult {
            module: "1".into(),
            name: String::new(),
            points: d(points),
            full: d(full),
            percent: Percent::of(d(points), d(full)),
            threshold: None,
            critical_failed: vec![],
            pending: vec![],
            pass,
        }
    }

    fn criteria(model: u8) -> Criteria {
        Criteria {
            model: Model::try_from(model).unwrap(),
            w_k: d("40"),
            w_s: d("60"),
            t_k: d("60"),
            t_s: d("70"),
            t_t: d("65"),
            module_threshold: None,
        }
    }

    #[test]
    fn model_1_on_its_boundaries() {
        // knowledge 24/40 = 60 %, skill 70/100 = 70 %, total 0.4×60 + 0.6×70 = 66 % ≥ 65: pass at every boundary.
        let v = decide(&criteria(1), 24, 40, 40, &[module("70", "100", true)]);
        assert_eq!((v.knowledge.text(), v.skill.text(), v.total.text()), ("60.00".into(), "70.00".into(), "66.00".into()));
        assert!(v.pass, "{:?}", v.reasons);
        // One knowledge item fewer: 57.5 % fails.
        let v = decide(&criteria(1), 23, 40, 40, &[module("70", "100", true)]);
        assert!(!v.pass);
        assert_eq!(v.reasons, vec!["ภาคความรู้ 57.50 % ต่ำกว่าเกณฑ์ 60 %"]);
        // Skill 69.999 fails under model 1.
        let v = decide(&criteria(1), 40, 40, 40, &[module("69.999", "100", true)]);
        assert!(!v.pass && v.total_pass);
        // Total exactly 65: knowledge 24/40 (60) × 0.4 + skill x × 0.6 = 65 → x = 68.333…; skill 205/300.
        let mut c = criteria(1);
        c.t_s = d("0");
        let v = decide(&c, 24, 40, 40, &[module("205", "300", true)]);
        assert!(v.total_pass && v.pass, "{}", v.total.text());
        let v = decide(&c, 24, 40, 40, &[module("204.999", "300", true)]);
        assert!(!v.total_pass && !v.pass);
    }

    #[test]
    fn model_2_ignores_the_total_and_model_3_the_skill_part() {
        // knowledge 60 %, skill 70 %, but tT = 90 → total 66 % fails model 1 and 3, passes model 2.
        let mut c = criteria(2);
        c.t_t = d("90");
        assert!(decide(&c, 24, 40, 40, &[module("70", "100", true)]).pass);
        c.model = Model::One;
        assert!(!decide(&c, 24, 40, 40, &[module("70", "100", true)]).pass);
        // Model 3: skill 50 % under tS 70, total 0.4×100 + 0.6×50 = 70 ≥ 65 → pass; model 1 fails.
        let mut c = criteria(3);
        assert!(decide(&c, 40, 40, 40, &[module("50", "100", true)]).pass);
        c.t_t = d("70.01");
        assert!(!decide(&c, 40, 40, 40, &[module("50", "100", true)]).pass);
        c.model = Model::One;
        c.t_t = d("65");
        assert!(!decide(&c, 40, 40, 40, &[module("50", "100", true)]).pass);
    }

    #[test]
    fn a_failed_or_pending_module_fails_the_candidate() {
        let v = decide(&criteria(2), 40, 40, 40, &[module("100", "100", true), module("90", "100", false)]);
        assert!(!v.pass && !v.modules_pass);
        let mut m = module("100", "100", true);
        m.pending.push(("3".into(), "ยังไม่ได้ให้คะแนน".into()));
        let v = decide(&criteria(2), 40, 40, 40, &[m]);
        assert!(!v.pass && !v.complete);
        assert_eq!(v.reasons, vec!["โมดูล 1 รายการ 3: ยังไม่ได้ให้คะแนน"]);
    }

    #[test]
    fn criteria_checks_and_model_json() {
        let mut c = Criteria::default();
        assert!(c.problems().is_empty());
        c.w_s = d("60");
        assert_eq!(c.problems(), vec!["wK + wS ต้องเท่ากับ 100 (ได้ 90)"]);
        assert_eq!(serde_json::to_string(&Model::Three).unwrap(), "3");
        assert!(serde_json::from_str::<Model>("4").is_err());
    }

    #[test]
    fn missing_knowledge_answers_are_undecided_never_a_fail() {
        // Practical marks complete and good, no knowledge answers recorded: no decision, not "0/40 ไม่ผ่าน".
        let v = decide(&criteria(1), 0, 40, 0, &[module("100", "100", true)]);
        assert!(!v.complete && !v.pass && !v.knowledge_complete);
        assert_eq!(v.result_text(), "ยังสรุปไม่ได้");
        assert_eq!(v.knowledge_text(), "ยังสรุปไม่ได้");
        assert_eq!((v.knowledge_percent_text(), v.total_percent_text()), ("–".to_string(), "–".to_string()));
        assert_eq!(v.reasons, vec!["ภาคความรู้ยังบันทึกคำตอบไม่ครบ (0/40 ข้อ)"]);
        // 39 of 40 typed: still undecided.
        assert_eq!(decide(&criteria(1), 30, 40, 39, &[module("100", "100", true)]).result_text(), "ยังสรุปไม่ได้");
        // All 40 recorded (omitted ones count as recorded): decided, a real fail names the knowledge part.
        let v = decide(&criteria(1), 0, 40, 40, &[module("100", "100", true)]);
        assert!(v.complete && !v.pass);
        assert_eq!((v.result_text(), v.knowledge_text()), ("ไม่ผ่าน", "ไม่ผ่าน"));
        assert_eq!(v.reasons, vec!["ภาคความรู้ 0.00 % ต่ำกว่าเกณฑ์ 60 %", "คะแนนรวม 60.00 % ต่ำกว่าเกณฑ์ 65 %"]);
        assert_eq!(decide(&criteria(1), 40, 40, 40, &[module("100", "100", true)]).result_text(), "ผ่าน");
    }

    #[test]
    fn the_rules_as_part_9_states_them_follow_the_model() {
        let mut c = Criteria::default();
        let one = c.rules_text();
        assert_eq!(one.len(), 4);
        assert!(one[1].ends_with("ไม่ต่ำกว่าร้อยละ 70 ของคะแนนภาคความสามารถ") && one[2] == "คะแนนรวมไม่ต่ำกว่าร้อยละ 60");
        c.model = Model::Two;
        assert!(!c.rules_text().iter().any(|r| r.starts_with("คะแนนรวม")));
        c.model = Model::Three;
        let three = c.rules_text();
        assert_eq!(three[1], "ภาคความสามารถคิดเป็นร้อยละ 70 ของคะแนนทั้งหมด ไม่กำหนดเกณฑ์ภาคความสามารถ");
        assert_eq!(three.len(), 3, "no common module threshold under model 3: {three:?}");
    }
}
