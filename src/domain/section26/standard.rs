//! A Section 26 skill standard (มาตรฐานฝีมือแรงงานตามมาตรา 26) as the app keeps it: the header of the manual, its
//! certificate criteria, DACUM, weights, item bank, IOC, practical modules and the assembly seed; and the
//! completeness checklist of the manual's 19 parts (items (1)–(19) on the back of form รมฐ.1), each pointing at the
//! section of the editor where it is filled.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::assembly::assemble_leaving_out;
use super::bank::{check_bank, check_formats, BankItem, MatchingSet};
use super::certification::Certification;
use super::forms::OfficeCheck;
use super::dacum::{short_tasks, tasks, Duty};
use super::ioc::IocTable;
use super::marking::{ItemKind, Module};
use super::paper::PaperSettings;
use super::verdict::Criteria;
use super::weights::{allocate, Allocation, WeightTable};

/// The national skill framework's six levels (seed §4, approved by the committee, meeting 9/2560, 28 Sep 2560).
pub const LEVELS: [&str; 6] = [
    "ปฏิบัติงานได้ถูกต้องตามมาตรฐานที่กำหนดด้วยความชำนาญ ภายใต้คำแนะนำของผู้บังคับบัญชา",
    "ปฏิบัติงานได้ถูกต้องตามมาตรฐานที่กำหนดด้วยความชำนาญได้อย่างมีคุณภาพ เชื่อถือได้ (Quality & Reliability) \
     สามารถตัดสินใจแก้ไขปัญหาที่เกี่ยวข้องกับงานได้ด้วยตนเอง และสามารถควบคุมดูแลให้คำแนะนำ \
     หรือให้คำปรึกษาแก่ผู้ใต้บังคับบัญชา",
    "ปฏิบัติงานที่ซับซ้อน และมีส่วนร่วมในการวางแผนและควบคุมการปฏิบัติงานให้ได้ตามมาตรฐานที่เกี่ยวข้อง \
     โดยใช้ความรู้ ทักษะหรือความสามารถในการแก้ปัญหาได้ด้วยตนเอง และสามารถสอนงานผู้ใต้บังคับบัญชาได้",
    "ออกแบบระบบการปฏิบัติงาน สินค้าและบริการ การบริหารจัดการวิเคราะห์ วางแผนการทำงานติดตามและประเมินผล\
     การดำเนินงานและแก้ไขปัญหาที่ซับซ้อนที่ไม่สามารถคาดการณ์ได้อย่างเป็นระบบและมีประสิทธิภาพ\
     โดยใช้องค์ความรู้และทักษะด้านอื่น ๆ มาประยุกต์ใช้ได้อย่างเหมาะสม และสามารถจัดการบริหารต้นทุน\
     และบริหารงานบุคคล และประสานความร่วมมือ เจรจาต่อรอง",
    "พัฒนาระบบงาน สินค้าและบริการ การบริหารจัดการองค์กร การทำงานและบุคลากรอย่างต่อเนื่อง \
     ตลอดจนสามารถสังเคราะห์และประเมินเพื่อแก้ไขวิกฤตปัญหาขององค์กร",
    "กำหนดทิศทาง อนาคตและเปลี่ยนวัฒนธรรมขององค์กรได้อย่างเป็นที่ยอมรับในระดับองค์กรและสังคม \
     พัฒนาระบบและสร้างนวัตกรรม",
];

/// The framework text of a level 1–6.
pub fn level_text(level: u8) -> Option<&'static str> {
    LEVELS.get(usize::from(level).checked_sub(1)?).copied()
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Member {
    pub name: String,
    #[serde(default)]
    pub role: String,
}

/// The standard.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Standard {
    /// สาขาอาชีพ
    pub occupation: String,
    /// สาขา
    #[serde(default)]
    pub branch: String,
    /// ระดับ 1–6
    pub level: u8,
    /// ชื่อหน่วยงานของผู้ยื่นขอรับรอง
    #[serde(default)]
    pub applicant: String,
    /// คณะทำงาน (part 3)
    #[serde(default)]
    pub working_group: Vec<Member>,
    /// คำจำกัดความของมาตรฐานฝีมือแรงงาน (part 4)
    #[serde(default)]
    pub definition_standard: String,
    /// คำจำกัดความของสาขาอาชีพ (part 5)
    #[serde(default)]
    pub definition_occupation: String,
    /// ขอบเขต (part 6)
    #[serde(default)]
    pub scope: String,
    /// คุณสมบัติของผู้ทดสอบ (part 7)
    #[serde(default)]
    pub tester_qualifications: String,
    /// คุณสมบัติของผู้มีสิทธิ์เข้ารับการทดสอบ (part 8)
    #[serde(default)]
    pub candidate_qualifications: String,
    /// Experience the candidate needs, months.
    #[serde(default)]
    pub required_experience_months: u32,
    /// Other yes/no conditions of eligibility.
    #[serde(default)]
    pub conditions: Vec<String>,
    /// หลักเกณฑ์ (part 9)
    #[serde(default)]
    pub criteria: Criteria,
    /// ลักษณะการทดสอบ (part 11)
    #[serde(default)]
    pub test_character: String,
    #[serde(default)]
    pub duties: Vec<Duty>,
    #[serde(default)]
    pub weights: WeightTable,
    /// Questions in the knowledge test.
    #[serde(default = "default_test_length")]
    pub test_length: u32,
    #[serde(default)]
    pub bank: Vec<BankItem>,
    /// The matching sets the bank's matching items belong to (absent in older standards).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matching: Vec<MatchingSet>,
    #[serde(default)]
    pub ioc: IocTable,
    /// Seed number of the assembled test.
    #[serde(default)]
    pub seed: u64,
    /// The question paper's set name and time allowed.
    #[serde(default)]
    pub paper: PaperSettings,
    /// Bank items flagged by their history (`history::left_out`) that the draw takes all the same: item id → the
    /// reason typed, shown on the paper.
    #[serde(default)]
    pub include_flagged: BTreeMap<u32, String>,
    /// Where the standard stands on the way to certification.
    #[serde(default)]
    pub certification: Certification,
    /// The office's check of the request (form รมฐ.2).
    #[serde(default, skip_serializing_if = "OfficeCheck::is_empty")]
    pub office_check: OfficeCheck,
    /// Practical test modules (parts 13–14).
    #[serde(default)]
    pub modules: Vec<Module>,
}

fn default_test_length() -> u32 {
    super::bank::MIN_TEST_ITEMS
}

impl Default for Standard {
    fn default() -> Standard {
        Standard {
            occupation: String::new(),
            branch: String::new(),
            level: 1,
            applicant: String::new(),
            working_group: Vec::new(),
            definition_standard: String::new(),
            definition_occupation: String::new(),
            scope: String::new(),
            tester_qualifications: String::new(),
            candidate_qualifications: String::new(),
            required_experience_months: 0,
            conditions: Vec::new(),
            criteria: Criteria::default(),
            test_character: String::new(),
            duties: Vec::new(),
            weights: WeightTable::default(),
            test_length: default_test_length(),
            bank: Vec::new(),
            matching: Vec::new(),
            ioc: IocTable::default(),
            seed: 0,
            paper: PaperSettings::default(),
            include_flagged: BTreeMap::new(),
            certification: Certification::default(),
            office_check: OfficeCheck::default(),
            modules: Vec::new(),
        }
    }
}

/// The item allocation per task of a DACUM table, in table order, for `test_length` questions.
pub fn allocation(duties: &[Duty], weights: &WeightTable, test_length: u32) -> Result<Vec<Allocation>, String> {
    let mut sums = Vec::new();
    for t in tasks(duties) {
        sums.push((t.task.id, weights.task_sum(t.task.id, &t.code)?));
    }
    if sums.is_empty() {
        return Err("ยังไม่มีงานย่อยในตารางวิเคราะห์งาน".into());
    }
    allocate(&sums, test_length)
}

/// A standard's title for lists from its occupation, branch and level: `ช่างเชื่อม สาขา… ระดับ 1`.
pub fn title(occupation: &str, branch: &str, level: u8) -> String {
    let occ = if occupation.trim().is_empty() { "(ยังไม่ตั้งชื่อ)" } else { occupation.trim() };
    let branch = if branch.trim().is_empty() { String::new() } else { format!(" สาขา{}", branch.trim()) };
    format!("{occ}{branch} ระดับ {level}")
}

impl Standard {
    /// The item allocation per task, in DACUM order.
    pub fn allocation(&self) -> Result<Vec<Allocation>, String> {
        allocation(&self.duties, &self.weights, self.test_length)
    }

    /// The assembled test (bank item ids in question order) for the standard's seed, drawn from the bank without the
    /// items `left_out` (`history::left_out`: flagged and not included on purpose); true/false first, matching sets
    /// last, each set's premises together (`assembly::by_format`).
    pub fn assembled(&self, left_out: &BTreeSet<u32>) -> Result<Vec<u32>, String> {
        let drawn = assemble_leaving_out(&self.bank, &self.allocation()?, &self.duties, self.seed, left_out)?;
        Ok(super::assembly::by_format(drawn, &self.bank))
    }

    /// Key and choice counts of a list of bank item ids (an assembled test): options, 2 for true/false, the set's
    /// answers for a matching premise.
    pub fn key_of(&self, items: &[u32]) -> Result<(Vec<u8>, Vec<u8>), String> {
        items
            .iter()
            .map(|id| {
                let it = self.bank.iter().find(|b| b.id == *id).ok_or_else(|| format!("ไม่มีข้อสอบ #{id} ในคลัง"))?;
                let choices = it.choices(&self.matching);
                if usize::from(it.key) >= choices {
                    return Err(format!("ข้อ {id}: เฉลยไม่อยู่ในตัวเลือก"));
                }
                Ok((it.key, choices as u8))
            })
            .collect::<Result<Vec<_>, String>>()
            .map(|v| v.into_iter().unzip())
    }

    /// A title for lists: `ช่างเชื่อม สาขา… ระดับ 1`.
    pub fn title(&self) -> String {
        title(&self.occupation, &self.branch, self.level)
    }
}

/// A stored standard's JSON read from a backup or a pull (`sync::accept`'s gate, which both use): the office's ticks
/// on รมฐ.2 are items 1–16 in order, each once, the matching sets have distinct numbers and at most as many answers
/// as there are letters for them, and every bank item is of a known format, a matching item in one of those sets. Refusals name the set
/// or the form.
pub fn check_record(v: &serde_json::Value) -> Result<(), String> {
    let s = &v["standard"];
    if let Some(ticked) = s["office_check"].get("ticked") {
        let Some(ticked) = ticked.as_array() else { return Err("แบบ รมฐ.2: รายการที่ตรวจต้องเป็นรายการตัวเลข".into()) };
        let numbers: Vec<u8> = ticked
            .iter()
            .map(|n| n.as_u64().and_then(|n| u8::try_from(n).ok()).ok_or_else(|| format!("แบบ รมฐ.2: “{n}” ไม่ใช่เลขรายการ")))
            .collect::<Result<_, _>>()?;
        super::forms::OfficeCheck { ticked: numbers, note: String::new() }.check()?;
    }
    if let Some(sets) = s.get("matching") {
        let Some(sets) = sets.as_array() else { return Err("ชุดจับคู่ต้องเป็นรายการ".into()) };
        let mut seen = Vec::new();
        for set in sets {
            let id = set["id"].as_u64().ok_or("ชุดจับคู่: ไม่มีเลขชุด")?;
            if seen.contains(&id) {
                return Err(format!("ชุดจับคู่ {id} ซ้ำ"));
            }
            seen.push(id);
            let answers = set.get("answers").map_or(Some(0), |a| a.as_array().map(Vec::len)).ok_or(format!("ชุดจับคู่ {id}: คำตอบต้องเป็นรายการ"))?;
            if answers > super::bank::MATCH_LETTERS.len() {
                return Err(format!("ชุดจับคู่ {id}: มีคำตอบ {answers} ข้อ เกิน {} ข้อ", super::bank::MATCH_LETTERS.len()));
            }
        }
    }
    let sets: Vec<u64> = s["matching"].as_array().map_or(Vec::new(), |a| a.iter().filter_map(|x| x["id"].as_u64()).collect());
    for item in s["bank"].as_array().map_or(&[][..], Vec::as_slice) {
        let n = item["id"].as_u64().map_or_else(|| "?".to_string(), |n| n.to_string());
        match item.get("format").map(|f| f.as_str()) {
            None | Some(Some("choice" | "true_false")) => {}
            Some(Some("matching")) => {
                let set = item.get("set").and_then(serde_json::Value::as_u64);
                if !set.is_some_and(|s| sets.contains(&s)) {
                    return Err(format!("ข้อ {n}: ข้อจับคู่ต้องอยู่ในชุดจับคู่ที่มีอยู่"));
                }
            }
            Some(_) => return Err(format!("ข้อ {n}: ไม่รู้จักรูปแบบข้อสอบ {}", item["format"])),
        }
    }
    Ok(())
}

/// Where in the editor a part is filled (the page section's anchor).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Header,
    Criteria,
    Dacum,
    Weights,
    Bank,
    Ioc,
    Assembly,
    Practical,
    Results,
}

impl Section {
    pub fn anchor(self) -> &'static str {
        match self {
            Section::Header => "header",
            Section::Criteria => "criteria",
            Section::Dacum => "dacum",
            Section::Weights => "weights",
            Section::Bank => "bank",
            Section::Ioc => "ioc",
            Section::Assembly => "assembly",
            Section::Practical => "practical",
            Section::Results => "results",
        }
    }
}

/// One of the 19 parts of the manual.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub number: u8,
    pub title: &'static str,
    pub section: Section,
    /// Empty when filled; otherwise what is missing (Thai).
    pub missing: Vec<String>,
}

impl Part {
    pub fn filled(&self) -> bool {
        self.missing.is_empty()
    }
}

fn need(text: &str, what: &str) -> Vec<String> {
    if text.trim().is_empty() { vec![format!("ยังไม่ได้กรอก{what}")] } else { vec![] }
}

/// The completeness checklist of the 19 parts. `has_trial_results`: a test session of this standard has scored
/// candidates (part 19, difficulty, comes from item analysis of such a session).
pub fn checklist(s: &Standard, has_trial_results: bool, left_out: &BTreeSet<u32>) -> Vec<Part> {
    let all_tasks = tasks(&s.duties);
    let mut part1 = need(&s.occupation, "ชื่อสาขาอาชีพ");
    if level_text(s.level).is_none() {
        part1.push("ระดับต้องเป็น 1–6".into());
    }
    let mut spec = Vec::new();
    if all_tasks.is_empty() {
        spec.push("ยังไม่มีงานย่อยในตารางวิเคราะห์งาน".into());
    }
    for t in &all_tasks {
        if t.task.objectives.is_empty() {
            spec.push(format!("งานย่อย {} ยังไม่มีวัตถุประสงค์เชิงพฤติกรรม", t.code));
        }
    }
    let mut dacum = short_tasks(&s.duties);
    if all_tasks.is_empty() {
        dacum.push("ยังไม่มีงานย่อย".into());
    }
    let allocation = s.allocation();
    let mut knowledge = check_bank(s.test_length, &s.bank, &s.duties).messages;
    knowledge.extend(check_formats(&s.bank, &s.matching));
    for item in &s.bank {
        knowledge.extend(item.problems(&s.duties, &s.matching));
    }
    if let Err(e) = s.assembled(left_out) {
        knowledge.push(format!("จัดชุดข้อสอบไม่ได้: {e}"));
    }
    let mut practical = Vec::new();
    if s.modules.is_empty() {
        practical.push("ยังไม่มีโมดูลภาคความสามารถ".into());
    }
    for m in s.modules.iter().filter(|m| m.items.is_empty()) {
        practical.push(format!("โมดูล {} ยังไม่มีรายการให้คะแนน", m.id));
    }
    let mut sheets = practical.clone();
    for m in &s.modules {
        for i in &m.items {
            if i.title.trim().is_empty() {
                sheets.push(format!("โมดูล {} รายการ {}: ยังไม่มีชื่อรายการ/เกณฑ์", m.id, i.id));
            }
            if let ItemKind::Measurement { tolerance, .. } = &i.kind {
                if tolerance.is_sign_negative() {
                    sheets.push(format!("โมดูล {} รายการ {}: ค่าความคลาดเคลื่อนติดลบ", m.id, i.id));
                }
            }
        }
    }
    let mut summary = s.criteria.problems();
    summary.extend(practical.iter().take(1).cloned());
    let mut ioc = Vec::new();
    if s.ioc.experts.is_empty() {
        ioc.push("ยังไม่มีผู้เชี่ยวชาญ".into());
    } else {
        let unrated = s.bank.iter().filter(|b| s.ioc.item(b.id).is_err()).count();
        if unrated > 0 {
            ioc.push(format!("ยังประเมินไม่ครบ {unrated} ข้อ"));
        }
    }
    if s.bank.is_empty() {
        ioc.push("คลังข้อสอบว่าง".into());
    }
    let parts: [(&str, Section, Vec<String>); 19] = [
        ("ชื่อสาขาอาชีพ และชื่อผู้ประกอบอาชีพ", Section::Header, part1),
        ("สารบัญ", Section::Header, vec![]),
        ("รายชื่อคณะทำงานที่ร่วมจัดทำมาตรฐานฝีมือแรงงาน", Section::Header, if s.working_group.is_empty() { vec!["ยังไม่มีรายชื่อคณะทำงาน".into()] } else { vec![] }),
        ("คำจำกัดความของมาตรฐานฝีมือแรงงาน", Section::Header, need(&s.definition_standard, "คำจำกัดความของมาตรฐาน")),
        ("คำจำกัดความของสาขาอาชีพที่กำหนดมาตรฐานฝีมือแรงงาน", Section::Header, need(&s.definition_occupation, "คำจำกัดความของสาขาอาชีพ")),
        ("การกำหนดขอบเขตของมาตรฐานฝีมือแรงงาน", Section::Header, need(&s.scope, "ขอบเขต")),
        ("คุณสมบัติของผู้ทดสอบมาตรฐานฝีมือแรงงาน", Section::Header, need(&s.tester_qualifications, "คุณสมบัติของผู้ทดสอบ")),
        ("คุณสมบัติของผู้มีสิทธิ์เข้ารับการทดสอบมาตรฐานฝีมือแรงงาน", Section::Header, need(&s.candidate_qualifications, "คุณสมบัติของผู้เข้ารับการทดสอบ")),
        ("หลักเกณฑ์ที่จะได้รับหนังสือรับรองว่าเป็นผู้ผ่านการทดสอบ", Section::Criteria, s.criteria.problems()),
        ("ข้อกำหนดการทดสอบมาตรฐานฝีมือแรงงาน", Section::Dacum, spec),
        ("ลักษณะการทดสอบมาตรฐานฝีมือแรงงาน", Section::Header, need(&s.test_character, "ลักษณะการทดสอบ")),
        ("แบบทดสอบภาคความรู้ พร้อมเฉลย", Section::Bank, knowledge),
        ("แบบทดสอบภาคความสามารถ", Section::Practical, practical),
        ("ใบให้คะแนนพร้อมเกณฑ์การให้คะแนน", Section::Practical, sheets),
        ("ใบสรุปผลคะแนนการทดสอบ", Section::Criteria, summary),
        ("ตารางวิเคราะห์งานหลัก งานย่อย และขั้นตอนการปฏิบัติงาน", Section::Dacum, dacum),
        ("การวิเคราะห์น้ำหนักข้อสอบ", Section::Weights, allocation.err().into_iter().collect()),
        ("การวิเคราะห์ความสอดคล้องระหว่างคำถามกับวัตถุประสงค์ (IOC)", Section::Ioc, ioc),
        (
            "การวิเคราะห์ค่าความยากง่ายของข้อสอบภาคความรู้",
            Section::Results,
            if has_trial_results { vec![] } else { vec!["ยังไม่มีผลการทดลองทดสอบให้วิเคราะห์".into()] },
        ),
    ];
    parts
        .into_iter()
        .enumerate()
        .map(|(i, (title, section, missing))| Part { number: i as u8 + 1, title, section, missing })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::section26::dacum::{Step, Task};
    use crate::domain::section26::marking::PracticalItem;
    use rust_decimal::Decimal;

    /// A complete small standard: 2 tasks, 40 questions, 60 bank items, 3 experts, one module.
    pub fn complete() -> Standard {
        let step = |t: &str| Step { title: t.into(), ..Default::default() };
        let task = |id: u32| Task {
            id,
            title: format!("งาน {id}"),
            objectives: vec!["อธิบายได้".into(), "เลือกได้".into()],
            steps: vec![step("1"), step("2")],
        };
        let mut s = Standard {
            occupation: "ช่างเชื่อมแม็ก".into(),
            branch: "เชื่อม".into(),
            level: 1,
            applicant: "บริษัท A".into(),
            working_group: vec![Member { name: "นาย ก".into(), role: "ประธาน".into() }],
            definition_standard: "x".into(),
            definition_occupation: "x".into(),
            scope: "x".into(),
            tester_qualifications: "x".into(),
            candidate_qualifications: "x".into(),
            test_character: "x".into(),
            duties: vec![Duty { id: 1, title: "เชื่อม".into(), tasks: vec![task(1), task(2)] }],
            seed: 7,
            ..Default::default()
        };
        s.weights.raters = vec!["ก".into()];
        s.weights.ratings.insert(1, vec![[Some(5), Some(5), Some(5), Some(5), None]]);
        s.weights.ratings.insert(2, vec![[Some(5), Some(5), Some(5), Some(5), None]]);
        s.bank = (1..=60)
            .map(|id| BankItem {
                id,
                task: if id <= 30 { 1 } else { 2 },
                objective: (id % 2) as usize,
                stem: format!("ข้อ {id}"),
                options: vec!["ก".into(), "ข".into(), "ค".into(), "ง".into()],
                key: (id % 4) as u8,
                ..Default::default()
            })
            .collect();
        s.ioc.experts = vec!["1".into(), "2".into(), "3".into()];
        for id in 1..=60 {
            s.ioc.ratings.insert(id, vec![Some(1), Some(1), Some(0)]);
        }
        s.modules = vec![Module { paper: Default::default(),
            id: "1".into(),
            name: "เชื่อมต่อชน".into(),
            threshold: None,
            items: vec![PracticalItem { id: "1".into(), title: "ความเรียบร้อย".into(), full: Decimal::from(5), kind: ItemKind::Judgement }],
        }];
        s
    }

    /// Old stored standards (no format, sets or office check) still read, and what a backup or pull brings is
    /// checked: the office's ticks and the matching sets.
    #[test]
    fn stored_standards_are_checked() {
        let old = serde_json::json!({"id": "00000000-0000-4000-8000-000000000001", "kind": "s26_standard", "org": "x",
            "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z", "schema": 1,
            "standard": {"occupation": "ช่าง", "level": 1, "bank": [{"id": 1, "task": 1, "stem": "q", "options": ["a", "b", "c", "d"], "key": 1}]}});
        assert_eq!(check_record(&old), Ok(()));
        let r: super::super::records::StandardRecord = serde_json::from_value(old.clone()).unwrap();
        assert!(r.standard.matching.is_empty() && r.standard.office_check.is_empty());
        assert_eq!(r.standard.bank[0].format, super::super::bank::Format::Choice);
        let with = |k: &str, v: serde_json::Value| {
            let mut x = old.clone();
            x["standard"][k] = v;
            check_record(&x)
        };
        assert_eq!(with("office_check", serde_json::json!({"ticked": [1, 17]})), Err("แบบ รมฐ.2: ไม่มีรายการที่ 17 (มี 1–16)".into()));
        assert_eq!(with("matching", serde_json::json!([{"id": 1}, {"id": 1}])), Err("ชุดจับคู่ 1 ซ้ำ".into()));
        assert_eq!(
            with("matching", serde_json::json!([{"id": 2, "answers": vec!["a"; 20]}])),
            Err("ชุดจับคู่ 2: มีคำตอบ 20 ข้อ เกิน 19 ข้อ".into())
        );
        assert_eq!(with("office_check", serde_json::json!({"ticked": ["1"]})), Err("แบบ รมฐ.2: “\"1\"” ไม่ใช่เลขรายการ".into()));
        assert_eq!(with("matching", serde_json::json!({"id": 1})), Err("ชุดจับคู่ต้องเป็นรายการ".into()));
        assert_eq!(with("office_check", serde_json::json!({"ticked": [1, 2, 16], "note": "ครบ"})), Ok(()));
        // Bank items: a format this release does not know, or a matching item outside every set, is refused.
        let item = |extra: serde_json::Value| {
            let mut i = serde_json::json!({"id": 7, "task": 1, "stem": "q", "options": ["ถูก", "ผิด"], "key": 0});
            i.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
            serde_json::json!([i])
        };
        assert_eq!(with("bank", item(serde_json::json!({"format": "true_false"}))), Ok(()));
        assert_eq!(with("bank", item(serde_json::json!({"format": "essay"}))), Err("ข้อ 7: ไม่รู้จักรูปแบบข้อสอบ \"essay\"".into()));
        assert_eq!(with("bank", item(serde_json::json!({"format": "matching", "set": 3}))), Err("ข้อ 7: ข้อจับคู่ต้องอยู่ในชุดจับคู่ที่มีอยู่".into()));
        let mut in_set = old.clone();
        in_set["standard"]["matching"] = serde_json::json!([{"id": 3, "answers": ["ก", "ข", "ค", "ง"]}]);
        in_set["standard"]["bank"] = item(serde_json::json!({"format": "matching", "set": 3}));
        assert_eq!(check_record(&in_set), Ok(()));
    }

    #[test]
    fn level_texts() {
        assert!(level_text(1).unwrap().starts_with("ปฏิบัติงานได้ถูกต้อง"));
        assert!(level_text(6).unwrap().ends_with("สร้างนวัตกรรม"));
        assert_eq!(level_text(0), None);
        assert_eq!(level_text(7), None);
        // The PDF's broken spellings never reach the app.
        assert!(LEVELS.iter().all(|l| !l.contains(" า") && !l.contains("วิเคร าะห์")));
    }

    #[test]
    fn complete_standard_fills_18_parts_and_19_after_a_trial() {
        let s = complete();
        let c = checklist(&s, false, &BTreeSet::new());
        assert_eq!(c.len(), 19);
        let missing: Vec<_> = c.iter().filter(|p| !p.filled()).map(|p| (p.number, p.missing.clone())).collect();
        assert_eq!(missing, vec![(19, vec!["ยังไม่มีผลการทดลองทดสอบให้วิเคราะห์".to_string()])]);
        assert!(checklist(&s, true, &BTreeSet::new()).iter().all(Part::filled));
        assert_eq!(s.allocation().unwrap().iter().map(|a| a.items).collect::<Vec<_>>(), vec![20, 20]);
        let test = s.assembled(&BTreeSet::new()).unwrap();
        assert_eq!(test.len(), 40);
        let (key, options) = s.key_of(&test).unwrap();
        assert_eq!((key.len(), options[0]), (40, 4));
    }

    #[test]
    fn an_empty_standard_lists_what_is_missing() {
        let c = checklist(&Standard::default(), false, &BTreeSet::new());
        assert_eq!(c.iter().filter(|p| p.filled()).count(), 2, "contents and the default criteria");
        assert_eq!(c[0].missing, vec!["ยังไม่ได้กรอกชื่อสาขาอาชีพ"]);
        assert_eq!(c[15].section, Section::Dacum);
        let mut s = complete();
        s.duties[0].tasks[1].steps.pop();
        let c = checklist(&s, true, &BTreeSet::new());
        assert_eq!(c[15].missing, vec!["งานย่อย 1.2 “งาน 2” มี 1 ขั้นตอน (ต้องมีอย่างน้อย 2)"]);
    }
}
