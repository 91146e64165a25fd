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

use serde_json::{json, Value};

use super::analyze::{Analysis, GroupsUsed};
use super::csv::{option_letter, Dataset};

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
