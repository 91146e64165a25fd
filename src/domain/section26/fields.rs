//! The standard editor's list fields, read and written as text: one entry per line (conditions, a task's behavioural
//! objectives), comma lists (raters, IOC experts, a session's judges) and the working group (one member per line,
//! `name, role`). Blank entries are dropped and every entry is trimmed, so what is stored never depends on stray
//! spaces or empty lines.

use super::standard::Member;

/// One entry per non-blank line, trimmed.
pub fn parse_lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()
}

/// Comma-separated entries, trimmed, blanks dropped.
pub fn parse_list(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|x| !x.is_empty()).map(String::from).collect()
}

/// The working group: one member per non-blank line, `name, role` (the role after the first comma, may be empty).
pub fn parse_members(text: &str) -> Vec<Member> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (name, role) = l.split_once(',').unwrap_or((l, ""));
            Member { name: name.trim().into(), role: role.trim().into() }
        })
        .collect()
}

/// The working group as the editor shows it: `name, role` per line (read back by [`parse_members`]).
pub fn members_text(members: &[Member]) -> String {
    members.iter().map(|m| format!("{}, {}", m.name, m.role)).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(name: &str, role: &str) -> Member {
        Member { name: name.into(), role: role.into() }
    }

    #[test]
    fn lines_are_trimmed_and_blank_lines_dropped() {
        assert_eq!(parse_lines("  อายุ 18 ปีขึ้นไป \n\n\t\r\nผ่านการอบรม\r\n"), vec!["อายุ 18 ปีขึ้นไป", "ผ่านการอบรม"]);
        assert!(parse_lines("").is_empty() && parse_lines(" \n \n").is_empty());
    }

    #[test]
    fn comma_lists_are_trimmed_and_blanks_dropped() {
        assert_eq!(parse_list("กรรมการ 1, กรรมการ 2,กรรมการ 3"), vec!["กรรมการ 1", "กรรมการ 2", "กรรมการ 3"]);
        assert_eq!(parse_list(" ก ,, ข , "), vec!["ก", "ข"]);
        assert!(parse_list(" , ").is_empty());
    }

    #[test]
    fn members_read_name_and_role_and_round_trip() {
        let text = "นายก, ประธาน\n\n นางข ,เลขานุการ, ฝ่ายวิชาการ \nนายค\n";
        let members = parse_members(text);
        assert_eq!(members, vec![m("นายก", "ประธาน"), m("นางข", "เลขานุการ, ฝ่ายวิชาการ"), m("นายค", "")]);
        assert_eq!(members_text(&members), "นายก, ประธาน\nนางข, เลขานุการ, ฝ่ายวิชาการ\nนายค, ");
        assert_eq!(parse_members(&members_text(&members)), members);
    }
}
