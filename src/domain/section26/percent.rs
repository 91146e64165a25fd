//! [`Percent`]: an exact percent kept as a fraction, compared by cross-multiplying (so a candidate at exactly the
//! threshold passes and one a hair under fails), shown with 2 decimals rounded half-up. Module results
//! (`marking`) and the certificate decision (`verdict`) both count in it.

use rust_decimal::{Decimal, RoundingStrategy};

/// An exact percent: `num / den` percent. `den = 0` means there was nothing to count (shown as 0.00).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Percent {
    pub num: Decimal,
    pub den: Decimal,
}

impl Percent {
    /// `part / whole × 100`. Saturates instead of overflowing (inputs are bounded, see
    /// [`crate::domain::numbers::BOUNDS`], so only a hand-made record gets near).
    pub fn of(part: Decimal, whole: Decimal) -> Percent {
        Percent { num: part.saturating_mul(Decimal::ONE_HUNDRED), den: whole }
    }

    /// `self ≥ threshold` exactly; false when the cross-product does not fit a decimal.
    pub fn at_least(&self, threshold: Decimal) -> bool {
        if self.den.is_zero() {
            return threshold <= Decimal::ZERO;
        }
        threshold.checked_mul(self.den).is_some_and(|t| self.num >= t)
    }

    /// `a × wa/100 + b × wb/100`, exact; "nothing counted" (den 0, reaches no positive threshold) when it does not
    /// fit a decimal.
    pub fn weighted(a: Percent, wa: Decimal, b: Percent, wb: Decimal) -> Percent {
        let (a, b) = (a.nonzero_den(), b.nonzero_den());
        let num = a.num.checked_mul(b.den).and_then(|x| x.checked_mul(wa)).and_then(|x| {
            b.num.checked_mul(a.den).and_then(|y| y.checked_mul(wb)).and_then(|y| x.checked_add(y))
        });
        let den = a.den.checked_mul(b.den).and_then(|x| x.checked_mul(Decimal::ONE_HUNDRED));
        match (num, den) {
            (Some(num), Some(den)) => Percent { num, den },
            _ => Percent { num: Decimal::ZERO, den: Decimal::ZERO },
        }
    }

    fn nonzero_den(self) -> Percent {
        if self.den.is_zero() { Percent { num: Decimal::ZERO, den: Decimal::ONE } } else { self }
    }

    /// 2 decimals, half-up: `"66.67"` ("—" when it does not fit a decimal).
    pub fn text(&self) -> String {
        let p = self.nonzero_den();
        match p.num.checked_div(p.den) {
            Some(q) => format!("{:.2}", q.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)),
            None => "—".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn percents_are_exact_and_shown_with_two_decimals() {
        let p = Percent::of(d("2"), d("3"));
        assert_eq!(p.text(), "66.67");
        assert!(p.at_least(d("66.66")) && !p.at_least(d("66.67")));
        assert_eq!(Percent::of(d("1"), d("8")).text(), "12.50");
        assert_eq!(Percent::of(d("0"), d("0")).text(), "0.00");
        let t = Percent::weighted(Percent::of(d("1"), d("3")), d("50"), Percent::of(d("2"), d("3")), d("50"));
        assert!(t.at_least(d("50")) && !t.at_least(d("50.0000001")));
        assert_eq!(t.text(), "50.00");
    }
}
