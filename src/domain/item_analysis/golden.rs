//! The worked examples of the spec and the seed, one test each, checked as displayed strings; and small sets
//! computed by hand (the working is in the comments).

use rust_decimal::Decimal;

use super::analyze::{analyze, Method, PassSource};
use super::csv::parse_dataset;
use super::matrix::ResponseMatrix;
use super::rules::{advice, difficulty_quality, verdict, Advice, Difficulty, Discrimination, Hundredths, Reason};

fn h(s: &str) -> Hundredths {
    let d: Decimal = s.parse().unwrap();
    Hundredths((d * Decimal::ONE_HUNDRED).trunc().try_into().unwrap())
}

/// A matrix from a 0/1 correctness table (key = option 0, a wrong answer = option 1).
fn from_correct(rows: &[Vec<bool>]) -> (ResponseMatrix, Vec<u8>) {
    let k = rows[0].len();
    let rows: Vec<Vec<Option<u8>>> =
        rows.iter().map(|r| r.iter().map(|&ok| Some(if ok { 0 } else { 1 })).collect()).collect();
    (ResponseMatrix::from_rows(k, 4, &rows).unwrap(), vec![0; k])
}

/// Seed: 120 candidates, upper and lower 25 % → g = 30; item 3 correct for 12 in the upper and 8 in the lower group
/// → p = 20/60 = 0.33, r = 4/30 = 0.13.
#[test]
fn golden_norm_120_candidates_item_3_is_0_33_and_0_13() {
    // 10 items. Candidates 0–29 answer the 9 other items right (total 9–10), 30–89 five of them (5–6), 90–119 none
    // (0–1): the upper group is exactly 0–29, the lower 90–119.
    let rows: Vec<Vec<bool>> = (0..120)
        .map(|c| {
            (0..10)
                .map(|i| match (i, c) {
                    (2, c) if c < 30 => c < 12,
                    (2, c) if c >= 90 => c < 98,
                    (2, _) => true,
                    (_, c) if c < 30 => true,
                    (i, c) if c < 90 => i < 6,
                    _ => false,
                })
                .collect()
        })
        .collect();
    let (m, key) = from_correct(&rows);
    let a = analyze(&m, &key, &Method::norm_25()).unwrap();
    assert_eq!(a.groups.sizes(), (30, 30));
    let it = &a.items[2];
    assert_eq!((it.upper_correct, it.lower_correct), (12, 8));
    assert_eq!((it.p.to_string(), it.r.to_string()), ("0.33".into(), "0.13".into()));
    assert_eq!(it.difficulty.thai(), "ค่อนข้างยาก");
    assert_eq!(it.discrimination.thai(), "จำแนกไม่ได้");
    assert_eq!(it.verdict.thai(), "ควรปรับปรุง");
    assert_eq!(it.reasons, [Reason::DoesNotDiscriminate]);
    // 27 %: g = round(32.4) = 32.
    let a27 = analyze(&m, &key, &Method::Norm { fraction: "0.27".parse().unwrap() }).unwrap();
    assert_eq!(a27.groups.sizes(), (32, 32));
}

/// Group sizes round half up: 25 % of 10 = 2.5 → 3; of 14 = 3.5 → 4; of 13 = 3.25 → 3; 27 % of 50 = 13.5 → 14.
#[test]
fn golden_group_size_rounds_half_up() {
    for (n, fraction, g) in [(10, "0.25", 3), (14, "0.25", 4), (13, "0.25", 3), (50, "0.27", 14), (2, "0.25", 1)] {
        let rows: Vec<Vec<bool>> = (0..n).map(|c| vec![c % 2 == 0, c % 3 == 0]).collect();
        let (m, key) = from_correct(&rows);
        let a = analyze(&m, &key, &Method::Norm { fraction: fraction.parse().unwrap() }).unwrap();
        assert_eq!(a.groups.sizes(), (g, g), "{n} × {fraction}");
    }
}

/// The seed's criterion-referenced table (form (19) example): n1 = 7 passed, n2 = 3 did not, 12 items.
/// Columns: U, L, p, r, difficulty column, discrimination column.
const CRITERION_TABLE: [(u32, u32, &str, &str, &str, &str); 12] = [
    (0, 3, "0.30", "-1.00", "ข้อสอบที่ดี", "จำแนกกลับ"),
    (7, 2, "0.90", "0.33", "ควรปรับให้ยาก", "จำแนกได้"),
    (7, 3, "1.00", "0.00", "ควรปรับให้ยาก", "จำแนกไม่ได้"),
    (6, 1, "0.70", "0.52", "ข้อสอบที่ดี", "จำแนกได้"),
    (6, 2, "0.80", "0.19", "ข้อสอบที่ดี", "จำแนกไม่ได้"),
    (6, 3, "0.90", "-0.14", "ควรปรับให้ยาก", "จำแนกไม่ได้"),
    (5, 1, "0.60", "0.38", "ข้อสอบที่ดี", "จำแนกได้"),
    (5, 2, "0.70", "0.05", "ข้อสอบที่ดี", "จำแนกไม่ได้"),
    (5, 3, "0.80", "-0.29", "ข้อสอบที่ดี", "จำแนกกลับ"),
    (4, 1, "0.50", "0.24", "ข้อสอบที่ดี", "จำแนกได้"),
    (4, 2, "0.60", "-0.10", "ข้อสอบที่ดี", "จำแนกไม่ได้"),
    (4, 3, "0.70", "-0.43", "ข้อสอบที่ดี", "จำแนกกลับ"),
];

#[test]
fn golden_criterion_table_10_candidates() {
    // Candidates 0–6 passed, 7–9 did not; item i is right for the first U passers and the first L of the others.
    let rows: Vec<Vec<bool>> = (0..10u32)
        .map(|c| CRITERION_TABLE.iter().map(|&(u, l, ..)| if c < 7 { c < u } else { c - 7 < l }).collect())
        .collect();
    let (m, key) = from_correct(&rows);
    let decisions = (0..10).map(|c| c < 7).collect();
    let a = analyze(&m, &key, &Method::Criterion(PassSource::Decisions(decisions))).unwrap();
    assert_eq!(a.groups.sizes(), (7, 3));
    for (it, &(u, l, p, r, dq, disc)) in a.items.iter().zip(&CRITERION_TABLE) {
        let n = it.index + 1;
        assert_eq!((it.upper_correct, it.lower_correct), (u, l), "item {n}");
        assert_eq!((it.p.to_string().as_str(), it.r.to_string().as_str()), (p, r), "item {n}");
        assert_eq!(difficulty_quality(it.p), dq, "item {n}");
        assert_eq!(it.discrimination.thai(), disc, "item {n}");
    }
}

/// The seed's verdict table (p, r, verdict, reason).
#[test]
fn golden_verdict_table() {
    let table = [
        ("0.12", "0.36", "ควรปรับปรุง", "ยากเกินไป"),
        ("0.95", "0.12", "ควรปรับปรุง", "ง่ายเกินไปและจำแนกไม่ได้"),
        ("0.72", "-0.45", "ควรปรับปรุง", "จำแนกกลับ"),
        ("0.36", "0.68", "เป็นข้อสอบที่ดี", "ยากง่ายพอเหมาะและจำแนกได้"),
        ("0.54", "0.92", "เป็นข้อสอบที่ดี", "ยากง่ายพอเหมาะและจำแนกได้"),
        ("0.48", "-0.04", "ควรปรับปรุง", "จำแนกไม่ได้"),
        ("0.03", "0.33", "ควรปรับปรุง", "ยากเกินไป"),
        ("0.70", "0.46", "เป็นข้อสอบที่ดี", "ยากง่ายพอเหมาะและจำแนกได้"),
        ("0.66", "0.82", "เป็นข้อสอบที่ดี", "ยากง่ายพอเหมาะและจำแนกได้"),
        ("0.44", "-0.21", "ควรปรับปรุง", "จำแนกกลับ"),
    ];
    for (p, r, v, why) in table {
        let (verdict, reasons) = verdict(h(p), h(r));
        assert_eq!((verdict.thai(), Reason::join_thai(&reasons).as_str()), (v, why), "p {p} r {r}");
    }
}

/// The seed's p and r interpretation examples.
#[test]
fn golden_band_examples() {
    let p = [
        ("0.12", "ยากมาก"),
        ("0.95", "ง่ายมาก"),
        ("0.72", "ค่อนข้างง่าย"),
        ("0.36", "ค่อนข้างยาก"),
        ("0.54", "ยากง่ายปานกลาง"),
    ];
    for (v, band) in p {
        assert_eq!(Difficulty::of(h(v)).thai(), band, "p {v}");
    }
    let r = [
        ("0.36", Discrimination::Discriminates),
        ("0.12", Discrimination::DoesNotDiscriminate),
        ("-0.45", Discrimination::Reversed),
    ];
    for (v, band) in r {
        assert_eq!(Discrimination::of(h(v)), band, "r {v}");
    }
}

/// The seed's distractor table and its reading: item 2 — ก, ข lure the strong (revise), ค lures nobody (replace),
/// the key จ reverses (flag); item 4 — ค, จ lure nobody; item 5 — the key ข does not discriminate, ค and จ lure the
/// strong as much as the weak.
#[test]
fn golden_distractor_advice() {
    use Advice::*;
    let table: [(&str, bool, &str, &str, Option<Advice>); 15] = [
        ("2ก", false, "0.06", "0.45", Some(Revise)),
        ("2ข", false, "0.13", "0.24", Some(Revise)),
        ("2ค", false, "0.00", "0.00", Some(Replace)),
        ("2ง", false, "0.10", "-0.14", None),
        ("2จ", true, "0.69", "-0.26", Some(Flag)),
        ("4ก", true, "0.86", "0.49", None),
        ("4ข", false, "0.08", "-0.52", None),
        ("4ค", false, "0.00", "0.00", Some(Replace)),
        ("4ง", false, "0.06", "-0.24", None),
        ("4จ", false, "0.00", "0.00", Some(Replace)),
        ("5ก", false, "0.19", "-0.19", None),
        ("5ข", true, "0.35", "0.08", Some(Flag)),
        ("5ค", false, "0.22", "0.09", Some(Revise)),
        ("5ง", false, "0.06", "-0.24", None),
        ("5จ", false, "0.14", "0.16", Some(Revise)),
    ];
    for (which, is_key, p, r, expected) in table {
        assert_eq!(advice(is_key, h(p), h(r)), expected, "{which}");
    }
}

/// Five candidates, four items, key ก for every item (A = ก):
///
/// ```text
///      1 2 3 4   total
/// c1   A A A A   4
/// c2   A A A B   3
/// c3   A A C D   2
/// c4   A C D B   1
/// c5   B B . .   0      (. = omitted)
/// ```
/// mean 2, σ² = (4+1+0+1+4)/5 = 2, SD = √2, median 2; p (all) = .8 .6 .4 .2, Σpq = .16+.24+.24+.16 = .8,
/// KR-20 = 4/3 · (1 − .8/2) = 0.8, SEM = √2 · √.2 = √.4.
/// Item 1 rest scores 3 2 1 0 0: cov(x, R) = 6/5 − .8·1.2 = .24, var x = .16, var R = 14/5 − 1.44 = 1.36,
/// r = .24/√(.16·1.36) = 0.5144957…; KR-20 without it = 3/2 · (1 − .64/1.36) = 0.7941176….
/// 25 %: g = round(1.25) = 1, upper = c1, lower = c5.
#[test]
fn hand_computed_five_candidates() {
    let responses = "candidate,1,2,3,4\nc1,A,A,A,A\nc2,A,A,A,B\nc3,A,A,C,D\nc4,A,C,D,B\nc5,B,B,,\n";
    let d = parse_dataset(responses, "item,key\n1,ก\n2,ก\n3,ก\n4,ก\n", Some(4)).unwrap();
    let a = analyze(&d.matrix, &d.key, &Method::norm_25()).unwrap();
    let t = &a.test;
    let close = |x: f64, y: f64| (x - y).abs() < 1e-12;
    assert_eq!((t.candidates, t.items, t.min, t.max, t.omitted), (5, 4, 0, 4, 2));
    assert!(close(t.mean, 2.0) && close(t.sd, 2f64.sqrt()) && close(t.median, 2.0));
    assert!(close(t.kr20.unwrap(), 0.8), "{:?}", t.kr20);
    assert!(close(t.sem.unwrap(), 0.4f64.sqrt()));
    assert_eq!(a.histogram, [1, 1, 1, 1, 1]);
    let i1 = &a.items[0];
    assert!(close(i1.rest_r.unwrap(), 0.24 / (0.16f64 * 1.36).sqrt()));
    assert!(close(i1.kr20_if_deleted.unwrap(), 1.5 * (1.0 - 0.64 / 1.36)));
    assert_eq!((i1.correct, i1.omitted), (4, 0));
    assert_eq!((a.items[2].omitted, a.items[3].omitted), (1, 1));
    // Item 1: H = 1, L = 0 → p 0.50, r 1.00. Option ข was chosen by c5 (lower): p 0.50, r −1.00, a working
    // distractor; ค and ง were chosen by nobody in the groups → replace.
    assert_eq!((i1.p.to_string(), i1.r.to_string()), ("0.50".into(), "1.00".into()));
    let opt = |o: usize| (i1.options[o].p.to_string(), i1.options[o].r.to_string(), i1.options[o].advice);
    assert_eq!(opt(1), ("0.50".into(), "-1.00".into(), None));
    assert_eq!(opt(2), ("0.00".into(), "0.00".into(), Some(Advice::Replace)));
    assert_eq!(opt(3).2, Some(Advice::Replace));
    // Item 4: ข was chosen by c2 and c4, both outside the groups.
    assert_eq!((a.items[3].options[1].chosen, a.items[3].options[1].advice), (2, Some(Advice::Replace)));
}

/// The same five candidates, criterion-referenced with a cut of 50 %: pass ⇔ score ≥ ⌈0.5 · 4⌉ = 2 → c1–c3 pass
/// (n1 = 3), c4, c5 do not (n2 = 2). Item 1: U 3, L 1 → p 0.80, B = 3/3 − 1/2 = 0.50; item 2: 3, 0 → 0.60, 1.00;
/// item 3: 2, 0 → 0.40, 0.67; item 4: 1, 0 → 0.20, 0.33. A cut of 60 % needs ⌈2.4⌉ = 3: c1, c2 pass.
#[test]
fn hand_computed_cut_score() {
    let responses = "candidate,1,2,3,4\nc1,A,A,A,A\nc2,A,A,A,B\nc3,A,A,C,D\nc4,A,C,D,B\nc5,B,B,,\n";
    let d = parse_dataset(responses, "1,A\n2,A\n3,A\n4,A\n", None).unwrap();
    let cut = |c: i64| Method::Criterion(PassSource::CutPercent(Decimal::from(c)));
    let a = analyze(&d.matrix, &d.key, &cut(50)).unwrap();
    assert_eq!(a.groups.sizes(), (3, 2));
    let shown: Vec<(String, String)> = a.items.iter().map(|i| (i.p.to_string(), i.r.to_string())).collect();
    let expected = [("0.80", "0.50"), ("0.60", "1.00"), ("0.40", "0.67"), ("0.20", "0.33")];
    assert_eq!(shown, expected.map(|(p, r)| (p.to_string(), r.to_string())));
    assert_eq!(analyze(&d.matrix, &d.key, &cut(60)).unwrap().groups.sizes(), (2, 3));
}

/// Ties at the group boundaries keep candidate order: totals 3 2 2 2 1 1 1 1, g = 2. Sorted highest first the list
/// is c0 c1 c2 c3 c4 c5 c6 c7, so the upper group is {c0, c1} and the lower {c6, c7}.
#[test]
fn hand_computed_ties_keep_candidate_order() {
    let responses = "c,1,2,3\nc0,A,A,A\nc1,A,A,B\nc2,A,B,A\nc3,B,A,A\nc4,A,B,B\nc5,A,B,B\nc6,B,A,B\nc7,B,A,B\n";
    let d = parse_dataset(responses, "1,A\n2,A\n3,A\n", Some(4)).unwrap();
    let a = analyze(&d.matrix, &d.key, &Method::norm_25()).unwrap();
    let hl: Vec<(u32, u32)> = a.items.iter().map(|i| (i.upper_correct, i.lower_correct)).collect();
    assert_eq!(hl, [(2, 0), (2, 2), (1, 0)]);
    let shown: Vec<String> = a.items.iter().map(|i| format!("{} {}", i.p, i.r)).collect();
    assert_eq!(shown, ["0.50 1.00", "1.00 0.00", "0.25 0.50"]);
}

#[test]
fn refusals() {
    use super::analyze::AnalysisError as E;
    let (m, key) = from_correct(&[vec![true, false], vec![false, true]]);
    let frac = |s: &str| Method::Norm { fraction: s.parse().unwrap() };
    assert_eq!(analyze(&m, &key, &frac("0.6")).unwrap_err(), E::Fraction("0.6".into()));
    assert_eq!(analyze(&m, &key, &frac("0")).unwrap_err(), E::Fraction("0".into()));
    assert_eq!(analyze(&m, &key, &frac("0.2")).unwrap_err(), E::GroupSize { candidates: 2, size: 0 });
    assert_eq!(analyze(&m, &[0], &frac("0.5")).unwrap_err(), E::KeyLength { expected: 2, got: 1 });
    assert_eq!(analyze(&m, &[0, 4], &frac("0.5")).unwrap_err(), E::KeyOption { item: 1, option: 4 });
    let all_pass = Method::Criterion(PassSource::Decisions(vec![true, true]));
    assert_eq!(analyze(&m, &key, &all_pass).unwrap_err(), E::OneSided { pass: 2, fail: 0 });
    let short = Method::Criterion(PassSource::Decisions(vec![true]));
    assert_eq!(analyze(&m, &key, &short).unwrap_err(), E::DecisionsLength { expected: 2, got: 1 });
    let cut = Method::Criterion(PassSource::CutPercent(Decimal::from(101)));
    assert_eq!(analyze(&m, &key, &cut).unwrap_err(), E::Cut("101".into()));
    let empty = ResponseMatrix::new(0, 2, 4).unwrap();
    assert_eq!(analyze(&empty, &key, &frac("0.25")).unwrap_err(), E::NoCandidates);
    assert!(E::OneSided { pass: 2, fail: 0 }.thai().contains("ผ่านเกณฑ์ 2 คน"));
}
