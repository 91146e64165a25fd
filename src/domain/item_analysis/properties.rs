//! Property tests on seeded random sittings (a hand-rolled generator, no test crate): the bounds of p and r, order
//! independence, the all-correct case, and agreement with a plain, obviously-correct reference implementation
//! (per-candidate loops and a stable sort) that the bit-packed code must match exactly.

use rust_decimal::Decimal;

use super::analyze::{analyze, prepare, Analysis, Method, PassSource};
use super::matrix::ResponseMatrix;
use super::rules::Hundredths;
use super::simulate::{sitting, Rng, Sitting};

/// Random shapes: 2–300 candidates, 1–40 items, 2–5 options.
fn random_sittings(seed: u64, count: usize) -> Vec<Sitting> {
    let mut rng = Rng::new(seed);
    (0..count).map(|_| sitting(2 + rng.below(299), 1 + rng.below(40), 2 + rng.below(4), rng.next_u64())).collect()
}

fn methods() -> Vec<Method> {
    vec![
        Method::norm_25(),
        Method::Norm { fraction: Decimal::new(27, 2) },
        Method::Criterion(PassSource::CutPercent(Decimal::from(50))),
    ]
}

#[test]
fn p_in_0_1_and_r_in_minus_1_1() {
    for s in random_sittings(1, 60) {
        for method in methods() {
            let Ok(a) = analyze(&s.matrix, &s.key, &method) else { continue };
            for it in &a.items {
                assert!((0..=100).contains(&it.p.0) && (-100..=100).contains(&it.r.0), "{:?}", (it.p, it.r));
                for o in &it.options {
                    assert!((0..=100).contains(&o.p.0) && (-100..=100).contains(&o.r.0));
                }
                if let Some(r) = it.rest_r {
                    assert!((-1.0 - 1e-12..=1.0 + 1e-12).contains(&r), "{r}");
                }
                let chosen: u32 = it.options.iter().map(|o| o.chosen).sum();
                assert_eq!(chosen + it.omitted, s.matrix.candidates() as u32);
            }
            if let Some(k) = a.test.kr20 {
                assert!(k <= 1.0 + 1e-12, "{k}");
            }
            assert!(a.test.min as f64 <= a.test.median && a.test.median <= a.test.max as f64);
            assert_eq!(a.histogram.iter().sum::<u32>() as usize, s.matrix.candidates());
        }
    }
}

#[test]
fn test_statistics_do_not_depend_on_candidate_order() {
    let mut rng = Rng::new(2);
    for s in random_sittings(3, 25) {
        let n = s.matrix.candidates();
        let mut order: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let shuffled = s.matrix.permuted(&order);
        let norm = |m: &ResponseMatrix| analyze(m, &s.key, &Method::norm_25());
        if let (Ok(a), Ok(b)) = (norm(&s.matrix), norm(&shuffled)) {
            assert_eq!(a.test, b.test);
            assert_eq!(a.histogram, b.histogram);
            let per_item = |x: &Analysis| -> Vec<_> { x.items.iter().map(|i| (i.rest_r, i.kr20_if_deleted)).collect() };
            assert_eq!(per_item(&a), per_item(&b));
        }
        // The criterion groups do not depend on order at all, so neither does anything else.
        let cut = Method::Criterion(PassSource::CutPercent(Decimal::from(50)));
        if let (Ok(a), Ok(b)) = (analyze(&s.matrix, &s.key, &cut), analyze(&shuffled, &s.key, &cut)) {
            assert_eq!(a, b);
        }
    }
}

#[test]
fn everyone_right_on_every_item_gives_p_1_r_0() {
    let mut rng = Rng::new(4);
    for _ in 0..20 {
        let (n, k, options) = (2 + rng.below(200), 1 + rng.below(30), 2 + rng.below(4));
        let key: Vec<u8> = (0..k).map(|_| rng.below(options) as u8).collect();
        let codes: Vec<u8> = (0..n).flat_map(|_| key.iter().copied()).collect();
        let m = ResponseMatrix::from_codes(k, options, &codes).unwrap();
        let a = analyze(&m, &key, &Method::norm_25()).unwrap();
        for it in &a.items {
            assert_eq!((it.p, it.r), (Hundredths(100), Hundredths(0)));
            assert_eq!(it.verdict.thai(), "ควรปรับปรุง");
            assert_eq!(it.rest_r, None);
        }
        assert_eq!((a.test.sd, a.test.kr20, a.test.sem), (0.0, None, None));
        assert_eq!(a.test.mean, k as f64);
    }
}

/// The reference: per-candidate loops, a stable sort, the formulas as written in the spec.
struct Reference {
    hl: Vec<(u32, u32)>,
    p_r: Vec<(Hundredths, Hundredths)>,
    mean: f64,
    sd: f64,
    kr20: Option<f64>,
    rest_r: Vec<Option<f64>>,
}

fn reference(s: &Sitting, fraction: Decimal) -> Option<Reference> {
    let (n, k) = (s.matrix.candidates(), s.matrix.items());
    let right = |c: usize, i: usize| s.matrix.get(c, i) == Some(s.key[i]);
    let totals: Vec<u32> = (0..n).map(|c| (0..k).filter(|&i| right(c, i)).count() as u32).collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&c| std::cmp::Reverse(totals[c])); // stable
    let g =
        (fraction * Decimal::from(n)).round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let g: usize = g.try_into().ok()?;
    if g == 0 || 2 * g > n {
        return None;
    }
    let (upper, lower) = (&order[..g], &order[n - g..]);
    let hl: Vec<(u32, u32)> = (0..k)
        .map(|i| {
            let count = |group: &[usize]| group.iter().filter(|&&c| right(c, i)).count() as u32;
            (count(upper), count(lower))
        })
        .collect();
    let p_r = hl
        .iter()
        .map(|&(h, l)| {
            (
                Hundredths::ratio(i64::from(h + l), 2 * g as i64),
                Hundredths::ratio(i64::from(h) - i64::from(l), g as i64),
            )
        })
        .collect();
    let nf = n as f64;
    let mean = totals.iter().sum::<u32>() as f64 / nf;
    let var = totals.iter().map(|&t| (t as f64 - mean).powi(2)).sum::<f64>() / nf;
    let pq: f64 = (0..k)
        .map(|i| {
            let p = (0..n).filter(|&c| right(c, i)).count() as f64 / nf;
            p * (1.0 - p)
        })
        .sum();
    let kr20 = (k >= 2 && var > 0.0).then(|| k as f64 / (k - 1) as f64 * (1.0 - pq / var));
    let rest_r = (0..k)
        .map(|i| {
            let x: Vec<f64> = (0..n).map(|c| if right(c, i) { 1.0 } else { 0.0 }).collect();
            let r: Vec<f64> = (0..n).map(|c| totals[c] as f64 - x[c]).collect();
            let (mx, mr) = (x.iter().sum::<f64>() / nf, r.iter().sum::<f64>() / nf);
            let cov = x.iter().zip(&r).map(|(a, b)| (a - mx) * (b - mr)).sum::<f64>();
            let vx = x.iter().map(|a| (a - mx).powi(2)).sum::<f64>();
            let vr = r.iter().map(|b| (b - mr).powi(2)).sum::<f64>();
            (vx > 0.0 && vr > 0.0).then(|| cov / (vx * vr).sqrt())
        })
        .collect();
    Some(Reference { hl, p_r, mean, sd: var.sqrt(), kr20, rest_r })
}

#[test]
fn bit_packed_analysis_matches_the_plain_reference() {
    let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
    let mut compared = 0;
    for (n, s) in random_sittings(5, 40).into_iter().enumerate() {
        let fraction = if n % 2 == 0 { Decimal::new(25, 2) } else { Decimal::new(27, 2) };
        let Some(want) = reference(&s, fraction) else { continue };
        let got = analyze(&s.matrix, &s.key, &Method::Norm { fraction }).unwrap();
        let hl: Vec<(u32, u32)> = got.items.iter().map(|i| (i.upper_correct, i.lower_correct)).collect();
        assert_eq!(hl, want.hl, "sitting {n}");
        let p_r: Vec<_> = got.items.iter().map(|i| (i.p, i.r)).collect();
        assert_eq!(p_r, want.p_r);
        assert!(close(got.test.mean, want.mean) && close(got.test.sd, want.sd));
        match (got.test.kr20, want.kr20) {
            (Some(a), Some(b)) => assert!(close(a, b), "{a} {b}"),
            (a, b) => assert_eq!(a, b),
        }
        for (it, want) in got.items.iter().zip(&want.rest_r) {
            match (it.rest_r, *want) {
                (Some(a), Some(b)) => assert!(close(a, b), "{a} {b}"),
                (a, b) => assert_eq!(a, b),
            }
        }
        compared += 1;
    }
    assert!(compared > 30);
}

#[test]
fn chunked_steps_give_the_same_analysis() {
    let s = sitting(500, 30, 4, 9);
    let method = Method::norm_25();
    let whole = analyze(&s.matrix, &s.key, &method).unwrap();
    let prepared = prepare(&s.matrix, &s.key, &method).unwrap();
    let mut items = Vec::new();
    for chunk in (0..prepared.items()).collect::<Vec<_>>().chunks(7) {
        items.extend(chunk.iter().map(|&i| prepared.item(i)));
    }
    assert_eq!(prepared.finish(items), whole);
}
