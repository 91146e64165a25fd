//! The reliability panel (past the classical tools' anchors: ShinyItemAnalysis, jMetrik, R's `rcrtan`), from the
//! score distribution of a test of k dichotomous items and N candidates:
//!
//! - KR-20 with its 95 % confidence interval (Feldt 1965: (1 − KR20)/(1 − ρ) ~ F(N − 1, (N − 1)(k − 1)));
//! - KR-21 = k/(k − 1) · (1 − M(k − M)/(kσ²));
//! - Spearman–Brown: the reliability of a test n items longer or shorter, ρ' = mρ/(1 + (m − 1)ρ) with m = (k + n)/k,
//!   and the length needed for a target reliability;
//! - SEM = σ√(1 − KR20), and the conditional SEM at a score x under Lord's binomial error model, √(x(k − x)/(k − 1));
//! - at a cut score c (criterion-referenced): Subkoviak's (1976) agreement index p₀ and kappa from one
//!   administration (true proportions by Kelley's regression with KR-21, binomial scores on a parallel form), and
//!   Brennan and Kane's Φ(λ) with λ = c/k.
//!
//! Statistics use `f64` (the design card allows it for item analysis); variances have divisor N, as KR-20 does here.

/// The panel's figures; `None` where the data cannot give one (no variance, fewer than 2 items…).
#[derive(Clone, Debug, PartialEq)]
pub struct Reliability {
    pub kr20: Option<f64>,
    /// 95 % interval of KR-20 (lower, upper).
    pub kr20_ci: Option<(f64, f64)>,
    pub kr21: Option<f64>,
    pub sem: Option<f64>,
    /// Items needed (whole, at least 1) for KR-20 to reach 0.80, by Spearman–Brown.
    pub items_for_080: Option<u32>,
    pub cut: Option<CutFigures>,
}

/// Figures at a cut score.
#[derive(Clone, Debug, PartialEq)]
pub struct CutFigures {
    /// The cut, as a number of items right (passing is ≥ cut).
    pub cut: u32,
    pub csem: Option<f64>,
    /// Subkoviak's agreement index p₀ and kappa.
    pub agreement: Option<f64>,
    pub kappa: Option<f64>,
    /// Brennan–Kane Φ(λ), λ = cut / k.
    pub phi: Option<f64>,
}

/// The panel from the score histogram (`histogram[x]` candidates scored x, x = 0…k) and KR-20.
pub fn reliability(histogram: &[u32], kr20: Option<f64>, cut: Option<u32>) -> Reliability {
    let k = histogram.len().saturating_sub(1);
    let n: f64 = histogram.iter().map(|&h| f64::from(h)).sum();
    let kf = k as f64;
    let (mean, var) = if n > 0.0 {
        let mean = histogram.iter().enumerate().map(|(x, &h)| x as f64 * f64::from(h)).sum::<f64>() / n;
        let var = histogram.iter().enumerate().map(|(x, &h)| (x as f64 - mean).powi(2) * f64::from(h)).sum::<f64>() / n;
        (mean, var)
    } else {
        (0.0, 0.0)
    };
    let usable = k >= 2 && n >= 2.0 && var > 0.0;
    let kr21 = usable.then(|| kf / (kf - 1.0) * (1.0 - mean * (kf - mean) / (kf * var)));
    let kr20 = kr20.filter(|_| usable);
    let kr20_ci = kr20.map(|r| {
        let (d1, d2) = (n - 1.0, (n - 1.0) * (kf - 1.0));
        (1.0 - (1.0 - r) * f_quantile(0.975, d1, d2), 1.0 - (1.0 - r) * f_quantile(0.025, d1, d2))
    });
    let sem = kr20.map(|r| var.sqrt() * (1.0 - r).max(0.0).sqrt());
    let items_for_080 = kr20.filter(|r| *r > 0.0 && *r < 1.0).map(|r| {
        let m = 0.80 * (1.0 - r) / (r * (1.0 - 0.80));
        ((m * kf).ceil() as u32).max(1)
    });
    let cut = cut.filter(|&c| (c as usize) <= k && k >= 2).map(|c| {
        let x = f64::from(c);
        let csem = Some((x * (kf - x) / (kf - 1.0)).sqrt());
        let (agreement, kappa) = match kr21 {
            Some(r) if n > 0.0 => {
                let r = r.clamp(0.0, 1.0);
                let mut p_sum = 0.0;
                let mut agree = 0.0;
                for (score, &h) in histogram.iter().enumerate() {
                    if h == 0 {
                        continue;
                    }
                    let tau = (r * score as f64 / kf + (1.0 - r) * mean / kf).clamp(0.0, 1.0);
                    let p = binomial_tail(k, c as usize, tau);
                    p_sum += p * f64::from(h);
                    agree += (p * p + (1.0 - p) * (1.0 - p)) * f64::from(h);
                }
                let (p0, pbar) = (agree / n, p_sum / n);
                let pc = pbar * pbar + (1.0 - pbar) * (1.0 - pbar);
                (Some(p0), (pc < 1.0).then(|| (p0 - pc) / (1.0 - pc)))
            }
            _ => (None, None),
        };
        let phi = (usable).then(|| {
            let (mp, vp, lambda) = (mean / kf, var / (kf * kf), x / kf);
            1.0 - (mp * (1.0 - mp) - vp) / ((kf - 1.0) * ((mp - lambda).powi(2) + vp))
        });
        CutFigures { cut: c, csem, agreement, kappa, phi }
    });
    Reliability { kr20, kr20_ci, kr21, sem, items_for_080, cut }
}

/// Spearman–Brown: the reliability of the test with `change` items more (or fewer, negative) than its `k`.
pub fn spearman_brown(rho: f64, k: usize, change: i64) -> Option<f64> {
    let new = k as i64 + change;
    (k > 0 && new > 0).then(|| {
        let m = new as f64 / k as f64;
        m * rho / (1.0 + (m - 1.0) * rho)
    })
}

/// The test lengths the Spearman–Brown table shows for a test of `k` items: half, three quarters, five quarters, one
/// and a half and twice its length (rounded, each once, never `k` itself or fewer than one item).
pub fn spearman_brown_lengths(k: usize) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for quarters in [2, 3, 5, 6, 8] {
        let n = (k * quarters + 2) / 4;
        if n >= 1 && n != k && !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

/// P(X ≥ c) for X ~ Binomial(k, p), summed in log space (no overflow for large k).
fn binomial_tail(k: usize, c: usize, p: f64) -> f64 {
    if c == 0 {
        return 1.0;
    }
    if p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    let (lp, lq) = (p.ln(), (1.0 - p).ln());
    let mut log_choose = (0..c).map(|i| ((k - i) as f64).ln() - ((i + 1) as f64).ln()).sum::<f64>();
    let mut total = 0.0;
    for x in c..=k {
        total += (log_choose + x as f64 * lp + (k - x) as f64 * lq).exp();
        log_choose += ((k - x) as f64).ln() - ((x + 1) as f64).ln();
    }
    total.min(1.0)
}

/// The `q` quantile of the F distribution with (d1, d2) degrees of freedom, by bisection on its CDF.
pub fn f_quantile(q: f64, d1: f64, d2: f64) -> f64 {
    let cdf = |x: f64| incomplete_beta(d1 / 2.0, d2 / 2.0, d1 * x / (d1 * x + d2));
    let (mut lo, mut hi) = (0.0, 1.0);
    while cdf(hi) < q && hi < 1e12 {
        hi *= 2.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if cdf(mid) < q {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// The regularised incomplete beta function I_x(a, b) (continued fraction, Numerical Recipes' `betacf`).
fn incomplete_beta(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let front = (ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln()).exp();
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_cf(a, b, x) / a
    } else {
        1.0 - front * beta_cf(b, a, 1.0 - x) / b
    }
}

fn beta_cf(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..500 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        d = if d.abs() < TINY { TINY } else { d };
        c = 1.0 + aa / c;
        c = if c.abs() < TINY { TINY } else { c };
        d = 1.0 / d;
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        d = if d.abs() < TINY { TINY } else { d };
        c = 1.0 + aa / c;
        c = if c.abs() < TINY { TINY } else { c };
        d = 1.0 / d;
        let del = d * c;
        h *= del;
        if (del - 1.0).abs() < 1e-15 {
            break;
        }
    }
    h
}

/// ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9).
fn ln_gamma(x: f64) -> f64 {
    const G: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        return (std::f64::consts::PI / (std::f64::consts::PI * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let t = x + 7.5;
    let s = G[1..].iter().enumerate().fold(G[0], |s, (i, g)| s + g / (x + i as f64 + 1.0));
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + s.ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    /// The F density integrated by Simpson's rule from 0 to x: an independent check of the CDF behind the quantile.
    fn f_cdf_by_integration(x: f64, d1: f64, d2: f64) -> f64 {
        let ln_b = ln_gamma(d1 / 2.0) + ln_gamma(d2 / 2.0) - ln_gamma((d1 + d2) / 2.0);
        let pdf = |t: f64| {
            if t <= 0.0 {
                return 0.0;
            }
            ((d1 / 2.0) * (d1 / d2).ln() + (d1 / 2.0 - 1.0) * t.ln() - ((d1 + d2) / 2.0) * (1.0 + d1 * t / d2).ln() - ln_b).exp()
        };
        let steps = 200_000;
        let h = x / steps as f64;
        let mut s = pdf(0.0) + pdf(x);
        for i in 1..steps {
            s += pdf(i as f64 * h) * if i % 2 == 1 { 4.0 } else { 2.0 };
        }
        s * h / 3.0
    }

    #[test]
    fn f_quantiles_agree_with_tables_and_with_integration() {
        // Printed F tables (α = 0.025): F(10, 20) = 2.77, F(5, 10) = 4.24; the lower quantile is 1/F(d2, d1).
        assert!(close(f_quantile(0.975, 10.0, 20.0), 2.7737, 0.001));
        assert!(close(f_quantile(0.975, 5.0, 10.0), 4.2361, 0.001));
        assert!(close(f_quantile(0.025, 10.0, 20.0), 1.0 / 3.4185, 0.001));
        for (d1, d2) in [(29.0, 1131.0), (119.0, 4641.0), (9.0, 27.0)] {
            for q in [0.025, 0.975] {
                let x = f_quantile(q, d1, d2);
                assert!(close(f_cdf_by_integration(x, d1, d2), q, 1e-6), "F({d1},{d2}) q {q}: {x}");
            }
        }
    }

    /// A direct computation from each candidate's score, written separately from the histogram path.
    fn scores() -> Vec<u32> {
        vec![2, 3, 3, 4, 5, 5, 5, 6, 6, 7, 7, 7, 8, 8, 9, 10, 4, 6, 5, 7]
    }

    fn histogram(k: usize, scores: &[u32]) -> Vec<u32> {
        let mut h = vec![0; k + 1];
        for &s in scores {
            h[s as usize] += 1;
        }
        h
    }

    #[test]
    fn kr21_sem_csem_and_spearman_brown_against_direct_formulas() {
        let k = 10usize;
        let s = scores();
        let n = s.len() as f64;
        let mean = s.iter().map(|&x| f64::from(x)).sum::<f64>() / n;
        let var = s.iter().map(|&x| (f64::from(x) - mean).powi(2)).sum::<f64>() / n;
        let kr21 = (10.0 / 9.0) * (1.0 - mean * (10.0 - mean) / (10.0 * var));
        let r = reliability(&histogram(k, &s), Some(0.70), Some(6));
        assert!(close(r.kr21.unwrap(), kr21, 1e-12));
        assert!(close(r.sem.unwrap(), var.sqrt() * 0.3f64.sqrt(), 1e-12));
        // Lord's CSEM at 6 of 10: √(6·4/9).
        assert!(close(r.cut.as_ref().unwrap().csem.unwrap(), (24.0f64 / 9.0).sqrt(), 1e-12));
        // Spearman–Brown: doubling a 0.70 test gives 1.4/1.7; halving gives 0.35/0.65.
        assert!(close(spearman_brown(0.70, 10, 10).unwrap(), 1.4 / 1.7, 1e-12));
        assert!(close(spearman_brown(0.70, 10, -5).unwrap(), 0.35 / 0.65, 1e-12));
        assert_eq!(spearman_brown(0.7, 10, -10), None);
        assert_eq!(spearman_brown_lengths(10), vec![5, 8, 13, 15, 20]);
        assert_eq!(spearman_brown_lengths(40), vec![20, 30, 50, 60, 80]);
        assert_eq!(spearman_brown_lengths(1), vec![2]);
        // 0.80 needs m = 0.8·0.3/(0.7·0.2) = 1.714… → 17.14 → 18 items.
        assert_eq!(r.items_for_080, Some(18));
        // Feldt's interval holds the estimate, is wider below than above, and stays under 1.
        let (lo, hi) = r.kr20_ci.unwrap();
        assert!(lo < 0.70 && 0.70 < hi && hi < 1.0 && 0.70 - lo > hi - 0.70, "{lo} {hi}");
    }

    #[test]
    fn subkoviak_and_brennan_kane_against_a_direct_computation() {
        let k = 10usize;
        let s = scores();
        let n = s.len() as f64;
        let r = reliability(&histogram(k, &s), Some(0.70), Some(6));
        let c = r.cut.unwrap();
        // Independently: per candidate, τ by Kelley with KR-21, the binomial tail by direct products.
        let kr21 = r.kr21.unwrap();
        let mean = s.iter().map(|&x| f64::from(x)).sum::<f64>() / n;
        let choose = |a: u64, b: u64| (1..=b).fold(1.0, |acc, i| acc * (a - b + i) as f64 / i as f64);
        let ps: Vec<f64> = s
            .iter()
            .map(|&x| {
                let tau = kr21 * f64::from(x) / 10.0 + (1.0 - kr21) * mean / 10.0;
                (6..=10u64).map(|y| choose(10, y) * tau.powi(y as i32) * (1.0 - tau).powi(10 - y as i32)).sum::<f64>()
            })
            .collect();
        let p0 = ps.iter().map(|p| p * p + (1.0 - p) * (1.0 - p)).sum::<f64>() / n;
        let pbar = ps.iter().sum::<f64>() / n;
        let pc = pbar * pbar + (1.0 - pbar) * (1.0 - pbar);
        assert!(close(c.agreement.unwrap(), p0, 1e-12));
        assert!(close(c.kappa.unwrap(), (p0 - pc) / (1.0 - pc), 1e-12));
        // Φ(λ) from the proportion scores, λ = 0.6.
        let props: Vec<f64> = s.iter().map(|&x| f64::from(x) / 10.0).collect();
        let mp = props.iter().sum::<f64>() / n;
        let vp = props.iter().map(|p| (p - mp).powi(2)).sum::<f64>() / n;
        let phi = 1.0 - (1.0 / 9.0) * (mp * (1.0 - mp) - vp) / ((mp - 0.6).powi(2) + vp);
        assert!(close(c.phi.unwrap(), phi, 1e-12));
        // Far from the mean the decision is more consistent than at it.
        let far = reliability(&histogram(k, &s), Some(0.70), Some(10)).cut.unwrap();
        assert!(far.agreement.unwrap() > c.agreement.unwrap() && far.phi.unwrap() > c.phi.unwrap());
    }

    #[test]
    fn degenerate_data_gives_no_figures_never_a_panic() {
        let r = reliability(&[0, 0, 5], Some(0.5), Some(1));
        assert_eq!((r.kr20, r.kr21, r.kr20_ci, r.sem, r.items_for_080), (None, None, None, None, None));
        assert_eq!(r.cut.as_ref().and_then(|c| c.phi), None);
        assert!(reliability(&[], None, Some(3)).cut.is_none());
        assert!(reliability(&[1, 1], Some(0.5), Some(1)).cut.is_none(), "one item: no cut figures");
        assert_eq!(binomial_tail(40, 0, 0.3), 1.0);
        // Binomial(290, ½) is symmetric: P(X ≥ 145) + P(X ≥ 146) = P(X ≥ 145) + P(X ≤ 144) = 1.
        assert!(close(binomial_tail(290, 145, 0.5) + binomial_tail(290, 146, 0.5), 1.0, 1e-12));
    }
}
