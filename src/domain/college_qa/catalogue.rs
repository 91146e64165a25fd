//! The catalogue of the 2559 standards: 4 standards, 14 indicators, their assessment items with the evidence source
//! of each (หลักฐานจาก), and the formula of the two percentage indicators.
//!
//! The Thai text is data, not code: it lives in `indicators.tsv` next to this file (taken from the seed, see the
//! header of that file) and is parsed once, on first use, by [`catalogue`]. [`parse`] is public so a malformed table
//! is caught by a test rather than at run time in the browser.

use std::sync::OnceLock;

use super::rules::Rule;

/// The table, compiled into the binary.
pub const TSV: &str = include_str!("indicators.tsv");

/// One assessment item (ประเด็นการประเมิน) of an item-rule indicator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// Item number, 1..=5.
    pub n: u8,
    /// The item's text, as printed in the seed.
    pub text: String,
    /// Where the evidence comes from (หลักฐานจาก), e.g. "งานแนะแนว".
    pub evidence: String,
}

/// The formula of a `percent80` indicator: percent = numerator / denominator × 100.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Formula {
    /// The assessment item (ประเด็นการประเมิน) stated as a percentage.
    pub text: String,
    /// What the numerator counts, e.g. "จำนวนผู้สำเร็จการศึกษา".
    pub numerator: String,
    /// What the denominator counts, e.g. "จำนวนผู้เข้าเรียนแรกเข้าของรุ่น".
    pub denominator: String,
}

/// One of the 14 indicators (ตัวบ่งชี้).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Indicator {
    /// "1.1" … "4.2".
    pub id: String,
    /// The standard it belongs to, 1..=4.
    pub standard: u8,
    /// Full Thai title.
    pub title: String,
    pub rule: Rule,
    /// Five items for the item rules; empty for `percent80`.
    pub items: Vec<Item>,
    /// Present exactly for `percent80`.
    pub formula: Option<Formula>,
}

impl Indicator {
    /// The item numbered `n`, if any.
    pub fn item(&self, n: u8) -> Option<&Item> {
        self.items.iter().find(|i| i.n == n)
    }
}

/// One of the 4 standards (มาตรฐาน).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Standard {
    pub id: u8,
    /// Short name, e.g. "ด้านผลการจัดการศึกษา".
    pub name: String,
    /// The standard's descriptive paragraph.
    pub description: String,
    pub indicators: Vec<Indicator>,
}

impl Standard {
    /// "มาตรฐานที่ 1 ด้านผลการจัดการศึกษา".
    pub fn label(&self) -> String {
        format!("มาตรฐานที่ {} {}", self.id, self.name)
    }
}

/// The whole table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Catalogue {
    pub standards: Vec<Standard>,
}

impl Catalogue {
    /// The indicator with this id ("1.2").
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators().find(|i| i.id == id)
    }

    /// All indicators in catalogue order (1.1, 1.2, 2.1, … 4.2).
    pub fn indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.standards.iter().flat_map(|s| s.indicators.iter())
    }

    /// The standard with this number.
    pub fn standard(&self, id: u8) -> Option<&Standard> {
        self.standards.iter().find(|s| s.id == id)
    }
}

/// The parsed catalogue, built on first use. Panics if the compiled-in table is malformed (a unit test parses it, so
/// this cannot reach a user).
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| parse(TSV).unwrap_or_else(|e| panic!("indicators.tsv: {e}")))
}

/// Parses the table. Lines starting with `#` and blank lines are skipped; the other lines are tab-separated:
/// `S id name description`, `I id rule title`, `T id n text evidence`, `F id text numerator denominator [evidence]`.
/// Every indicator must follow its standard, item rules must have items 1–5 in order, `percent80` exactly one `F`.
pub fn parse(tsv: &str) -> Result<Catalogue, String> {
    let mut standards: Vec<Standard> = Vec::new();
    for (i, line) in tsv.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        let err = |msg: &str| format!("line {line_no}: {msg}");
        let need = |n: usize| -> Result<(), String> {
            if cols.len() < n || cols[1..n].iter().any(|c| c.is_empty()) {
                Err(err(&format!("kind {} needs {} non-empty columns", cols[0], n)))
            } else {
                Ok(())
            }
        };
        match cols[0] {
            "S" => {
                need(4)?;
                let id: u8 = cols[1].parse().map_err(|_| err("standard id is not a number"))?;
                if id as usize != standards.len() + 1 {
                    return Err(err(&format!("standard {id} out of order")));
                }
                standards.push(Standard {
                    id,
                    name: cols[2].to_string(),
                    description: cols[3].to_string(),
                    indicators: Vec::new(),
                });
            }
            "I" => {
                need(4)?;
                let standard = standards.last_mut().ok_or_else(|| err("indicator before any standard"))?;
                let (s, _) = cols[1].split_once('.').ok_or_else(|| err("indicator id is not N.N"))?;
                if s != standard.id.to_string() {
                    return Err(err(&format!("indicator {} is not in standard {}", cols[1], standard.id)));
                }
                let rule = Rule::from_code(cols[2]).ok_or_else(|| err(&format!("unknown rule {}", cols[2])))?;
                standard.indicators.push(Indicator {
                    id: cols[1].to_string(),
                    standard: standard.id,
                    title: cols[3].to_string(),
                    rule,
                    items: Vec::new(),
                    formula: None,
                });
            }
            "T" => {
                need(5)?;
                let ind = last_indicator(&mut standards, cols[1]).map_err(|m| err(&m))?;
                if ind.rule == Rule::Percent80 {
                    return Err(err(&format!("{} is percent80 and takes no items", ind.id)));
                }
                let n: u8 = cols[2].parse().map_err(|_| err("item number is not a number"))?;
                if n as usize != ind.items.len() + 1 || n > 5 {
                    return Err(err(&format!("item {n} of {} out of order", ind.id)));
                }
                ind.items.push(Item { n, text: cols[3].to_string(), evidence: cols[4].to_string() });
            }
            "F" => {
                need(5)?;
                let ind = last_indicator(&mut standards, cols[1]).map_err(|m| err(&m))?;
                if ind.rule != Rule::Percent80 || ind.formula.is_some() {
                    return Err(err(&format!("unexpected formula for {}", ind.id)));
                }
                ind.formula = Some(Formula {
                    text: cols[2].to_string(),
                    numerator: cols[3].to_string(),
                    denominator: cols[4].to_string(),
                });
            }
            other => return Err(err(&format!("unknown kind {other:?}"))),
        }
    }
    let catalogue = Catalogue { standards };
    let mut seen: Vec<&str> = Vec::new();
    for ind in catalogue.indicators() {
        if seen.contains(&ind.id.as_str()) {
            return Err(format!("indicator {} appears twice", ind.id));
        }
        seen.push(&ind.id);
        match ind.rule {
            Rule::Percent80 if ind.formula.is_none() => return Err(format!("{} has no formula", ind.id)),
            Rule::Percent80 => {}
            _ if ind.items.len() != 5 => return Err(format!("{} has {} items, not 5", ind.id, ind.items.len())),
            _ => {}
        }
    }
    if catalogue.standards.is_empty() {
        return Err("no standards".to_string());
    }
    Ok(catalogue)
}

/// The indicator being filled, which must be the last one read and have the id given on the line.
fn last_indicator<'a>(standards: &'a mut [Standard], id: &str) -> Result<&'a mut Indicator, String> {
    match standards.last_mut().and_then(|s| s.indicators.last_mut()) {
        Some(ind) if ind.id == id => Ok(ind),
        _ => Err(format!("row for {id} does not follow its indicator line")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_standards_fourteen_indicators_as_in_the_spec() {
        let c = catalogue();
        assert_eq!(c.standards.len(), 4);
        let ids: Vec<(&str, Rule)> = c.indicators().map(|i| (i.id.as_str(), i.rule)).collect();
        use Rule::*;
        assert_eq!(
            ids,
            vec![
                ("1.1", Gate12),
                ("1.2", Percent80),
                ("2.1", Prefix),
                ("2.2", Prefix),
                ("2.3", Count),
                ("2.4", Count),
                ("2.5", Count),
                ("2.6", Count),
                ("3.1", Count),
                ("3.2", Prefix),
                ("3.3", Count),
                ("3.4", Count),
                ("4.1", Prefix),
                ("4.2", Percent80),
            ]
        );
        let per_standard: Vec<usize> = c.standards.iter().map(|s| s.indicators.len()).collect();
        assert_eq!(per_standard, vec![2, 6, 4, 2]);
        assert_eq!(c.standard(1).unwrap().label(), "มาตรฐานที่ 1 ด้านผลการจัดการศึกษา");
    }

    #[test]
    fn item_rules_have_five_items_with_evidence() {
        for ind in catalogue().indicators() {
            if ind.rule == Rule::Percent80 {
                assert!(ind.items.is_empty(), "{}", ind.id);
                let f = ind.formula.as_ref().unwrap();
                assert!(!f.numerator.is_empty() && !f.denominator.is_empty() && !f.text.is_empty());
            } else {
                let ns: Vec<u8> = ind.items.iter().map(|i| i.n).collect();
                assert_eq!(ns, vec![1, 2, 3, 4, 5], "{}", ind.id);
                for item in &ind.items {
                    assert!(!item.text.is_empty(), "{} item {}", ind.id, item.n);
                    assert!(!item.evidence.is_empty(), "{} item {} has no evidence", ind.id, item.n);
                }
                assert!(ind.formula.is_none());
            }
            assert_eq!(ind.id.split('.').next().unwrap(), ind.standard.to_string());
        }
    }

    #[test]
    fn titles_and_formulas_are_verbatim() {
        let c = catalogue();
        assert_eq!(c.indicator("1.1").unwrap().title, "ระดับความพึงพอใจต่อคุณภาพผู้สำเร็จการศึกษา");
        assert_eq!(c.indicator("1.1").unwrap().item(1).unwrap().evidence, "งานแนะแนว");
        let f = c.indicator("1.2").unwrap().formula.clone().unwrap();
        assert_eq!(f.numerator, "จำนวนผู้สำเร็จการศึกษา");
        assert_eq!(f.denominator, "จำนวนผู้เข้าเรียนแรกเข้าของรุ่น");
        assert_eq!(c.indicator("4.2").unwrap().formula.as_ref().unwrap().numerator, "จำนวนตัวบ่งชี้ที่มีการพัฒนา");
        assert!(c.indicator("9.9").is_none());
    }

    #[test]
    fn malformed_tables_are_refused() {
        assert!(parse("").is_err());
        assert!(parse("I\t1.1\tcount\tx").unwrap_err().contains("before any standard"));
        assert!(parse("S\t1\ta\tb\nI\t1.1\tbogus\tx").unwrap_err().contains("unknown rule"));
        assert!(parse("S\t1\ta\tb\nI\t1.1\tcount\tx\nT\t1.1\t1\ttext").unwrap_err().contains("line 3"));
        assert!(parse("S\t1\ta\tb\nI\t1.1\tcount\tx\nT\t1.1\t2\tt\te").unwrap_err().contains("out of order"));
        assert!(parse("S\t1\ta\tb\nI\t1.1\tcount\tx\nT\t1.1\t1\tt\te").unwrap_err().contains("1 items"));
        assert!(parse("S\t1\ta\tb\nI\t1.2\tpercent80\tx").unwrap_err().contains("no formula"));
        assert!(parse("S\t1\ta\tb\nI\t2.1\tprefix\tx").unwrap_err().contains("not in standard"));
        assert!(parse("S\t1\ta\tb\nX\t1").unwrap_err().contains("unknown kind"));
    }
}
