//! Keys read from files and other devices, made comparable before anything is grouped or looked up by them:
//! [`normalise_key`] trims surrounding white space (including no-break and zero-width spaces and a byte-order mark)
//! and turns Thai digits (๐–๙) into ASCII, so `"1310016201 "`, `" ๑๓๑๐๐๑๖๒๐๑"` and `"1310016201"` are one college.
//!
//! Also [`iso_millis`]: an ISO 8601 time as milliseconds since 1970 (UTC), for the checks that refuse a file or record
//! dated in the future ([`MAX_CLOCK_SKEW_MS`]).

/// How far in the future a time written by another device may lie (its clock may run ahead of ours): 5 minutes.
pub const MAX_CLOCK_SKEW_MS: i64 = 5 * 60 * 1000;

/// Characters trimmed from both ends of a key besides Unicode white space: zero-width space, zero-width no-break space
/// (byte-order mark), word joiner.
fn invisible(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}' | '\u{2060}')
}

/// A key (college code, province code, specialisation code …) as it is compared and stored: trimmed, Thai digits as
/// ASCII digits. Letters and inner spaces are kept as they are.
pub fn normalise_key(s: &str) -> String {
    s.trim_matches(invisible).chars().map(ascii_digit).collect()
}

/// A Thai digit (`๐`–`๙`) as its ASCII digit; any other character unchanged.
pub fn ascii_digit(c: char) -> char {
    match c {
        '๐'..='๙' => char::from(b'0' + (c as u32 - '๐' as u32) as u8),
        _ => c,
    }
}

/// An ISO 8601 date-time (`2026-11-21T10:00:00.000Z`, `2026-11-21T17:00:00+07:00`, seconds and fraction optional) as
/// milliseconds since 1970-01-01T00:00:00Z; `None` when it is not one.
pub fn iso_millis(s: &str) -> Option<i64> {
    let b = s.trim().as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = b.get(from..from + len)?;
        part.iter().all(u8::is_ascii_digit).then(|| part.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')))
    };
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let (hour, minute) = (num(11, 2)?, num(14, 2)?);
    if b.get(13) != Some(&b':') {
        return None;
    }
    let mut i = 16;
    let mut second = 0;
    let mut millis = 0;
    if b.get(i) == Some(&b':') {
        second = num(i + 1, 2)?;
        i += 3;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == start {
                return None;
            }
            let frac = &b[start..i.min(start + 3)];
            millis = frac.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')) * 10i64.pow(3 - frac.len() as u32);
        }
    }
    let offset_min = match b.get(i) {
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) if i + 6 == b.len() && b[i + 3] == b':' => {
            let m = num(i + 1, 2)? * 60 + num(i + 4, 2)?;
            if *sign == b'+' { m } else { -m }
        }
        _ => return None,
    };
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(((days * 24 + hour) * 60 + minute - offset_min) * 60_000 + second * 1000 + millis)
}

/// `true` when `time` lies more than [`MAX_CLOCK_SKEW_MS`] after `now` (both ISO 8601). A time that cannot be read
/// is not "in the future" here; callers refuse unreadable times separately.
pub fn is_future(time: &str, now: &str) -> bool {
    match (iso_millis(time), iso_millis(now)) {
        (Some(t), Some(n)) => t > n.saturating_add(MAX_CLOCK_SKEW_MS),
        _ => false,
    }
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_trimmed_and_thai_digits_become_ascii() {
        assert_eq!(normalise_key("1310016201 "), "1310016201");
        assert_eq!(normalise_key("\u{feff}\u{a0}1310016201\t\n"), "1310016201");
        assert_eq!(normalise_key("๑๓๑๐๐๑๖๒๐๑"), "1310016201");
        assert_eq!(normalise_key(" ๑3๑0 "), "1310");
        assert_eq!(normalise_key("20101 ช่าง"), "20101 ช่าง");
        assert_eq!(normalise_key("\u{200b}"), "");
    }

    #[test]
    fn iso_times() {
        assert_eq!(iso_millis("1970-01-01T00:00:00.000Z"), Some(0));
        assert_eq!(iso_millis("1970-01-01T00:00:01Z"), Some(1000));
        assert_eq!(iso_millis("1970-01-01T00:00:00.5Z"), Some(500));
        assert_eq!(iso_millis("1970-01-01T00:00:00.123456Z"), Some(123));
        assert_eq!(iso_millis("1970-01-01T07:00:00+07:00"), Some(0));
        assert_eq!(iso_millis("1970-01-01T00:00Z"), Some(0));
        // 2026-11-21T10:00:00Z, as JavaScript's Date.parse gives it.
        assert_eq!(iso_millis("2026-11-21T10:00:00.000Z"), Some(1_795_255_200_000));
        assert_eq!(iso_millis("2024-02-29T00:00:00Z"), Some(1_709_164_800_000));
        for bad in ["", "x", "2026-11-21", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-21T10:00:00", "9999", "2026-11-21T10:00:00.Z", "2026-11-21T24:00:00Z"] {
            assert_eq!(iso_millis(bad), None, "{bad}");
        }
    }

    #[test]
    fn future_allows_a_few_minutes_of_skew() {
        let now = "2026-11-21T10:00:00.000Z";
        assert!(!is_future("2026-11-21T10:04:59.000Z", now));
        assert!(!is_future("2026-11-21T10:05:00.000Z", now));
        assert!(is_future("2026-11-21T10:05:00.001Z", now));
        assert!(is_future("2099-01-01T00:00:00.000Z", now));
        assert!(!is_future("2020-01-01T00:00:00.000Z", now));
        assert!(!is_future("garbage", now));
    }
}
