//! Scoring a test session: a [`Scheme`] (key, criteria, modules) and each candidate's answers and practical marks in,
//! per-candidate results out; plus [`responses`], the table item analysis reads. The browser, the command line and
//! the printed sheets all go through [`score_candidate`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::answers::{correct_count, CandidateResponses, SessionResponses};
use super::marking::{score_module, ItemMark, Module, ModuleResult};
use super::verdict::{decide, Criteria, Verdict};

/// What a session is scored against.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Scheme {
    /// Correct option per question (0 = ก).
    pub key: Vec<u8>,
    /// Options per question (4 or 5).
    pub options: Vec<u8>,
    pub criteria: Criteria,
    pub modules: Vec<Module>,
}

/// A candidate's practical marks: module id → item id → mark.
pub type PracticalMarks = BTreeMap<String, BTreeMap<String, ItemMark>>;

/// One candidate's raw input.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CandidateInput {
    pub candidate: String,
    pub answers: Vec<Option<u8>>,
    pub practical: PracticalMarks,
}

/// One candidate's result.
#[derive(Clone, Debug, PartialEq)]
pub struct CandidateResult {
    pub candidate: String,
    pub correct: u32,
    pub items: u32,
    pub modules: Vec<ModuleResult>,
    pub verdict: Verdict,
}

pub fn score_candidate(scheme: &Scheme, input: &CandidateInput) -> CandidateResult {
    let empty = BTreeMap::new();
    let modules: Vec<ModuleResult> = scheme
        .modules
        .iter()
        .map(|m| score_module(m, input.practical.get(&m.id).unwrap_or(&empty), scheme.criteria.common_module_threshold()))
        .collect();
    candidate_result(scheme, &input.candidate, &input.answers, modules)
}

/// A candidate's result from their answers and module results already scored (the app scores modules from stored
/// marks with the chief tester's board, `domain::judge::board::candidate_boards`).
pub fn candidate_result(scheme: &Scheme, candidate: &str, answers: &[Option<u8>], modules: Vec<ModuleResult>) -> CandidateResult {
    let correct = correct_count(&scheme.key, answers);
    let items = scheme.key.len() as u32;
    let answered = answers.len().min(u32::MAX as usize) as u32;
    let verdict = decide(&scheme.criteria, correct, items, answered, &modules);
    CandidateResult { candidate: candidate.to_string(), correct, items, modules, verdict }
}

/// The item-analysis table of a session: key, options, and per candidate the chosen options and the pass decision
/// (`None` while the candidate's practical marks are incomplete).
pub fn responses(scheme: &Scheme, inputs: &[CandidateInput]) -> SessionResponses {
    let results: Vec<CandidateResult> = inputs.iter().map(|i| score_candidate(scheme, i)).collect();
    responses_of(scheme, inputs.iter().zip(&results).map(|(i, r)| (i.answers.as_slice(), r)))
}

/// The same table from candidates already scored: each one's answers with their result (the app's results, whose
/// modules come from the chief's board, so an undecided conflict leaves the decision open).
pub fn responses_of<'a>(
    scheme: &Scheme,
    scored: impl IntoIterator<Item = (&'a [Option<u8>], &'a CandidateResult)>,
) -> SessionResponses {
    SessionResponses {
        key: scheme.key.clone(),
        options: scheme.options.clone(),
        candidates: scored
            .into_iter()
            .map(|(answers, r)| CandidateResponses {
                candidate: r.candidate.clone(),
                chosen: answers.to_vec(),
                pass: r.verdict.complete.then_some(r.verdict.pass),
            })
            .collect(),
    }
    .analysable()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::section26::marking::{ItemKind, PracticalItem};
    use rust_decimal::Decimal;

    pub(crate) fn scheme() -> Scheme {
        Scheme {
            key: vec![0, 1, 2, 3, 0],
            options: vec![4; 5],
            criteria: Criteria::default(),
            modules: vec![Module { paper: Default::default(),
                id: "1".into(),
                name: "m".into(),
                threshold: None,
                items: vec![
                    PracticalItem { id: "1".into(), title: String::new(), full: Decimal::from(5), kind: ItemKind::Judgement },
                    PracticalItem { id: "2".into(), title: String::new(), full: Decimal::from(5), kind: ItemKind::Judgement },
                ],
            }],
        }
    }

    fn input(name: &str, answers: &[Option<u8>], j1: Vec<u8>, j2: Vec<u8>) -> CandidateInput {
        let mut m = BTreeMap::new();
        m.insert("1".to_string(), ItemMark::Judges(j1));
        m.insert("2".to_string(), ItemMark::Judges(j2));
        CandidateInput { candidate: name.into(), answers: answers.to_vec(), practical: BTreeMap::from([("1".into(), m)]) }
    }

    #[test]
    fn seed_module_with_knowledge() {
        // 4 of 5 correct (80 %); module 6.111 / 10 = 61.11 % < 70 → fails the module and the skill part.
        let s = scheme();
        let i = input("A", &[Some(0), Some(1), Some(2), Some(3), None], vec![2, 2, 3], vec![1, 1, 2]);
        let r = score_candidate(&s, &i);
        assert_eq!(r.correct, 4);
        assert_eq!(r.modules[0].points.to_string(), "6.111");
        assert_eq!(r.verdict.skill.text(), "61.11");
        // total = 80 × 0.3 + 61.11 × 0.7 = 66.777 → 66.78
        assert_eq!(r.verdict.total.text(), "66.78");
        assert!(!r.verdict.pass);
        let ok = input("B", &[Some(0); 5], vec![3, 3, 3], vec![2, 3, 3]);
        let r = score_candidate(&s, &ok);
        assert_eq!(r.modules[0].points.to_string(), "9.444");
        // knowledge 2/5 = 40 % < 60
        assert!(!r.verdict.pass && !r.verdict.knowledge_pass);
        let rs = responses(&s, &[i, ok, input("C", &[], vec![0, 3, 3], vec![0, 0, 0])]);
        assert_eq!(rs.key, vec![0, 1, 2, 3, 0]);
        assert_eq!(rs.candidates.iter().map(|c| c.pass).collect::<Vec<_>>(), vec![Some(false), Some(false), None]);
        assert_eq!(rs.candidates[0].chosen[4], None);
    }

    #[test]
    fn the_three_models_and_the_common_module_threshold() {
        use crate::domain::section26::verdict::Model;
        // Seed module: judges 2,2,3 and 1,1,2 → 6.111 / 10 = 61.11 %, under the default common threshold of 70 %.
        // Knowledge 5/5 = 100 %; total = 100 × 0.3 + 61.11 × 0.7 = 72.78 %.
        let all_right = [Some(0), Some(1), Some(2), Some(3), Some(0)];
        let i = input("A", &all_right, vec![2, 2, 3], vec![1, 1, 2]);
        let with = |model: Model, own: Option<&str>| {
            let mut s = scheme();
            s.criteria.model = model;
            s.modules[0].threshold = own.map(|t| t.parse().unwrap());
            score_candidate(&s, &i)
        };
        // Models 1 and 2: the skill part (61.11 < tS 70) and the common module threshold both fail the candidate.
        for model in [Model::One, Model::Two] {
            let r = with(model, None);
            assert_eq!(r.modules[0].threshold, Some(Decimal::from(70)));
            assert!(!r.modules[0].pass && !r.verdict.pass, "{model:?}");
        }
        // Model 3 sets no skill threshold: the common 70 % does not apply, knowledge and total pass → pass.
        let r = with(Model::Three, None);
        assert_eq!(r.modules[0].threshold, None);
        assert!(r.modules[0].pass && r.verdict.pass, "{:?}", r.verdict.reasons);
        assert_eq!(r.verdict.total.text(), "72.78");
        // A threshold the standard sets on the module itself applies under model 3, at its boundary.
        let r = with(Model::Three, Some("61.12"));
        assert!(!r.verdict.pass);
        assert_eq!(r.verdict.reasons, vec!["โมดูล 1 ได้ 61.11 % ต่ำกว่าเกณฑ์ 61.12 %"]);
        assert!(with(Model::Three, Some("61.11")).verdict.pass);
        // Model 3 still holds the total (exactly 72.777 %): at it passes, a hair above fails.
        let mut s = scheme();
        s.criteria.model = Model::Three;
        s.criteria.t_t = "72.777".parse().unwrap();
        assert!(score_candidate(&s, &i).verdict.pass);
        s.criteria.t_t = "72.7771".parse().unwrap();
        assert!(!score_candidate(&s, &i).verdict.pass);
    }
}
