//! Thailand's 77 provinces with their 2-digit codes (`provinces.tsv`, copied from `shared/spec/province-codes.tsv`,
//! whose third column names the skill-development office that receives applications in the province). Shared by every
//! job that needs a province: registration profiles and the provincial committee (the committee's records use the
//! province code as their `org`), Section 26 application numbers.

use std::sync::OnceLock;

/// One province.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Province {
    /// Two-digit code, e.g. `"10"` for Bangkok.
    pub code: String,
    /// Thai name, e.g. `"กรุงเทพมหานคร"`.
    pub name: String,
    /// The receiving office (สพร./สนพ.) of the province.
    pub office: String,
}

const TSV: &str = include_str!("provinces.tsv");

/// Every province in code order.
pub fn all() -> &'static [Province] {
    static LIST: OnceLock<Vec<Province>> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut list: Vec<Province> = TSV
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let mut cols = l.split('\t').map(str::trim);
                let mut next = || cols.next().unwrap_or_default().to_string();
                Province { code: next(), name: next(), office: next() }
            })
            .collect();
        crate::domain::sort::sort_by(&mut list, |a, b| a.code.cmp(&b.code));
        list
    })
}

/// The province with `code`.
pub fn by_code(code: &str) -> Option<&'static Province> {
    all().iter().find(|p| p.code == code.trim())
}

/// The province named `name` (exact Thai name; `กรุงเทพฯ` is also accepted for Bangkok).
pub fn by_name(name: &str) -> Option<&'static Province> {
    let name = name.trim();
    let name = if name == "กรุงเทพฯ" { "กรุงเทพมหานคร" } else { name };
    all().iter().find(|p| p.name == name)
}

/// The Thai name of province `code`, or `code` itself when unknown.
pub fn name(code: &str) -> String {
    by_code(code).map_or_else(|| code.to_string(), |p| p.name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seventy_seven_provinces_with_unique_two_digit_codes_and_names() {
        let all = all();
        assert_eq!(all.len(), 77);
        for p in all {
            assert!(p.code.len() == 2 && p.code.chars().all(|c| c.is_ascii_digit()), "{p:?}");
            assert!(!p.name.is_empty() && !p.office.is_empty(), "{p:?}");
        }
        let mut codes: Vec<_> = all.iter().map(|p| &p.code).collect();
        codes.dedup();
        assert_eq!(codes.len(), 77);
        let mut names: Vec<_> = all.iter().map(|p| &p.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 77);
    }

    #[test]
    fn lookups() {
        assert_eq!(name("10"), "กรุงเทพมหานคร");
        assert_eq!(by_code("13").map(|p| p.name.as_str()), Some("ปทุมธานี"));
        assert_eq!(by_name("ยะลา").map(|p| p.code.as_str()), Some("95"));
        assert_eq!(by_name("กรุงเทพฯ").map(|p| p.code.as_str()), Some("10"));
        assert_eq!(name("00"), "00");
        assert!(by_code("99").is_none());
    }
}
