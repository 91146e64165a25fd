//! The command line's JSON output (`mattrathan analyze`). Shape, as issue 4 fixes it:
//!
//! ```text
//! {"candidates", "method", "group_size",
//!  "items": [{"item", "p", "r", "difficulty", "discrimination", "verdict", "reasons",
//!             "options": [{"option", "p", "r", "advice"}]}],
//!  "test": {"mean", "sd", "median", "kr20", "sem"}}
//! ```
//!
//! `p` and `r` are the displayed strings (2 decimals); the test statistics are JSON numbers at full precision
//! (`null` when undefined). Labels stay Thai as on screen; `advice` is `"replace"`, `"revise"`, `"flag"` or `null`.
//! A few fields are added: `pass`/`fail`/`cut`/`min_score` for the criterion method (`group_size` is then `null`);
//! per item `key`, `upper`/`lower` (H and L, or U and L), `correct`, `omitted`, `rest_r`, `kr20_if_deleted`; per
//! option `key`, `upper`, `lower`, `chosen`; and `min`, `max`, `items`, `omitted` in `test`.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::analyze::{Analysis, GroupsUsed, Method, PassSource};
use super::csv::{option_letter, Dataset};

/// The arguments of `mattrathan analyze`.
#[derive(Clone, Debug, PartialEq)]
pub struct CliArgs {
    pub responses: String,
    pub key: String,
    pub method: Method,
    /// `--options N`; `None` = the highest letter used.
    pub options: Option<usize>,
}

/// Reads `--responses R.csv --key K.csv [--method norm|criterion] [--group 0.25] [--cut PERCENT] [--options N]`.
/// The method is `norm` unless `--cut` is given; `--group` belongs to norm and `--cut` to criterion.
pub fn parse_cli_args(args: &[String]) -> Result<CliArgs, String> {
    let (mut responses, mut key, mut method, mut group, mut cut, mut options) = (None, None, None, None, None, None);
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let slot = match flag.as_str() {
            "--responses" => &mut responses,
            "--key" => &mut key,
            "--method" => &mut method,
            "--group" => &mut group,
            "--cut" => &mut cut,
            "--options" => &mut options,
            other => return Err(format!("analyze: unknown argument {other}")),
        };
        let value = it.next().ok_or_else(|| format!("analyze: {flag} needs a value"))?;
        if slot.replace(value.clone()).is_some() {
            return Err(format!("analyze: {flag} given twice"));
        }
    }
    let responses = responses.ok_or("analyze: --responses R.csv is required")?;
    let key = key.ok_or("analyze: --key K.csv is required")?;
    let decimal =
        |flag: &str, v: &str| Decimal::from_str(v.trim()).map_err(|_| format!("analyze: {flag} {v}: not a number"));
    let method = match (method.as_deref().unwrap_or(if cut.is_some() { "criterion" } else { "norm" }), group, cut) {
        ("norm", _, Some(_)) => return Err("analyze: --cut applies to --method criterion".into()),
        ("norm", group, None) => {
            let fraction = group.map_or(Ok(Decimal::new(25, 2)), |g| decimal("--group", &g))?;
            if fraction <= Decimal::ZERO || fraction > Decimal::new(5, 1) {
                return Err(format!("analyze: --group {fraction}: a fraction above 0 and at most 0.5, e.g. 0.27"));
            }
            Method::Norm { fraction }
        }
        ("criterion", Some(_), _) => return Err("analyze: --group applies to --method norm".into()),
        ("criterion", None, None) => return Err("analyze: --method criterion needs --cut PERCENT".into()),
        ("criterion", None, Some(c)) => {
            let cut = decimal("--cut", &c)?;
            if cut < Decimal::ZERO || cut > Decimal::ONE_HUNDRED {
                return Err(format!("analyze: --cut {cut}: a percent from 0 to 100"));
            }
            Method::Criterion(PassSource::CutPercent(cut))
        }
        (other, ..) => return Err(format!("analyze: --method {other}: use norm or criterion")),
    };
    let options = options
        .map(|o| match o.trim().parse::<usize>() {
            Ok(n) if (2..=5).contains(&n) => Ok(n),
            _ => Err(format!("analyze: --options {o}: a whole number from 2 to 5")),
        })
        .transpose()?;
    Ok(CliArgs { responses, key, method, options })
}

/// The output JSON of an analysis of `data`.
pub fn cli_json(data: &Dataset, a: &Analysis) -> Value {
    let items: Vec<Value> = a
        .items
        .iter()
        .map(|it| {
            let options: Vec<Value> = it
                .options
                .iter()
                .map(|o| {
                    json!({
                        "option": option_letter(o.option),
                        "key": o.is_key,
                        "p": o.p,
                        "r": o.r,
                        "advice": o.advice.map(|x| x.code()),
                        "upper": o.upper,
                        "lower": o.lower,
                        "chosen": o.chosen,
                    })
                })
                .collect();
            json!({
                "item": data.items[it.index],
                "key": option_letter(it.key),
                "p": it.p,
                "r": it.r,
                "difficulty": it.difficulty.thai(),
                "discrimination": it.discrimination.thai(),
                "verdict": it.verdict.thai(),
                "reasons": it.reasons.iter().map(|r| r.thai()).collect::<Vec<_>>(),
                "upper": it.upper_correct,
                "lower": it.lower_correct,
                "correct": it.correct,
                "omitted": it.omitted,
                "rest_r": it.rest_r,
                "kr20_if_deleted": it.kr20_if_deleted,
                "options": options,
            })
        })
        .collect();
    let t = &a.test;
    let mut out = json!({
        "candidates": t.candidates,
        "method": a.groups.code(),
        "group_size": Value::Null,
        "items": items,
        "test": {
            "mean": t.mean,
            "sd": t.sd,
            "median": t.median,
            "kr20": t.kr20,
            "sem": t.sem,
            "min": t.min,
            "max": t.max,
            "items": t.items,
            "omitted": t.omitted,
        },
    });
    match &a.groups {
        GroupsUsed::Norm { fraction, size } => {
            out["group_size"] = json!(size);
            out["group"] = json!(fraction.to_string());
        }
        GroupsUsed::Criterion { pass, fail, cut, min_score } => {
            out["pass"] = json!(pass);
            out["fail"] = json!(fail);
            out["cut"] = json!(cut.map(|c| c.to_string()));
            out["min_score"] = json!(min_score);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Result<CliArgs, String> {
        parse_cli_args(&s.split_whitespace().map(String::from).collect::<Vec<_>>())
    }

    #[test]
    fn reads_the_flags() {
        let a = args("--responses r.csv --key k.csv").unwrap();
        assert_eq!((a.responses.as_str(), a.key.as_str(), a.options), ("r.csv", "k.csv", None));
        assert_eq!(a.method, Method::norm_25());
        let a = args("--key k --responses r --group 0.27 --options 4").unwrap();
        assert_eq!(a.method, Method::Norm { fraction: Decimal::new(27, 2) });
        assert_eq!(a.options, Some(4));
        let a = args("--responses r --key k --cut 62.5").unwrap();
        assert_eq!(a.method, Method::Criterion(PassSource::CutPercent(Decimal::new(625, 1))));
        assert_eq!(
            args("--responses r --key k --method criterion --cut 60").unwrap().method,
            args("--responses r --key k --cut 60").unwrap().method
        );
    }

    #[test]
    fn refuses_bad_flags() {
        let e = |s: &str| args(s).unwrap_err();
        assert_eq!(e("--key k"), "analyze: --responses R.csv is required");
        assert_eq!(e("--responses r"), "analyze: --key K.csv is required");
        assert_eq!(e("--responses r --key k --method criterion"), "analyze: --method criterion needs --cut PERCENT");
        assert_eq!(e("--responses r --key k --method norm --cut 50"), "analyze: --cut applies to --method criterion");
        assert_eq!(e("--responses r --key k --cut 50 --group 0.25"), "analyze: --group applies to --method norm");
        assert_eq!(e("--responses r --key k --method irt"), "analyze: --method irt: use norm or criterion");
        assert!(e("--responses r --key k --group 27").contains("at most 0.5"));
        assert!(e("--responses r --key k --group x").contains("not a number"));
        assert!(e("--responses r --key k --cut 120").contains("from 0 to 100"));
        assert!(e("--responses r --key k --options 6").contains("from 2 to 5"));
        assert_eq!(e("--responses r --key k --frob 1"), "analyze: unknown argument --frob");
        assert_eq!(e("--responses r --key"), "analyze: --key needs a value");
        assert_eq!(e("--responses r --responses s --key k"), "analyze: --responses given twice");
    }
}
