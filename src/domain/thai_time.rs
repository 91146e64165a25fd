//! Times shown to the user, in Thai local time. Records keep their times as ISO 8601 UTC
//! (`2026-11-21T10:00:00.000Z`, see `record::Meta`); every date or time on a page, in a message or in a file name
//! is that instant in Asia/Bangkok — UTC+7 all year, Thailand has no daylight saving — whatever time zone the device
//! is set to. A UTC date cut off an ISO string is the day before between 00:00 and 07:00 in Thailand.

use super::normalise::iso_millis;
use super::thai_date::long_date;

/// Thailand's offset from UTC, in minutes (UTC+7, no daylight saving).
pub const BANGKOK_OFFSET_MINUTES: i64 = 7 * 60;

/// A wall-clock time in Thailand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalTime {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

/// The instant an ISO 8601 date-time names (`…Z` or with an offset) as a time in Thailand; `None` when the text is
/// not one.
pub fn bangkok(iso: &str) -> Option<LocalTime> {
    let local = iso_millis(iso)?.div_euclid(1000) + BANGKOK_OFFSET_MINUTES * 60;
    let (days, secs) = (local.div_euclid(86_400), local.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    Some(LocalTime {
        year: i32::try_from(year).ok()?,
        month,
        day,
        hour: (secs / 3600) as u32,
        minute: (secs / 60 % 60) as u32,
        second: (secs % 60) as u32,
    })
}

/// `(year, month, day)` of a day counted from 1970-01-01 (proleptic Gregorian; Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `21 พฤศจิกายน 2569`: the Thai date of a timestamp.
pub fn date(iso: &str) -> Option<String> {
    let t = bangkok(iso)?;
    long_date(t.year, t.month, t.day)
}

/// `21 พฤศจิกายน 2569 เวลา 17:05 น.`: the Thai date and time of a timestamp.
pub fn date_time(iso: &str) -> Option<String> {
    let t = bangkok(iso)?;
    Some(format!("{} เวลา {:02}:{:02} น.", long_date(t.year, t.month, t.day)?, t.hour, t.minute))
}

/// `17:05:09 น.`: the Thai time of day of a timestamp.
pub fn clock(iso: &str) -> Option<String> {
    let t = bangkok(iso)?;
    Some(format!("{:02}:{:02}:{:02} น.", t.hour, t.minute, t.second))
}

/// `2026-11-22`: the date in Thailand of a timestamp, in ISO form (file names, a date box's default).
pub fn date_iso(iso: &str) -> Option<String> {
    let t = bangkok(iso)?;
    Some(format!("{:04}-{:02}-{:02}", t.year, t.month, t.day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_timestamps_are_shown_in_thai_local_time() {
        let t = |y, mo, d, h, mi, s| LocalTime { year: y, month: mo, day: d, hour: h, minute: mi, second: s };
        assert_eq!(bangkok("2026-11-21T10:00:00.000Z"), Some(t(2026, 11, 21, 17, 0, 0)));
        // 17:00 UTC is midnight in Bangkok: the next day, and across a month, a year and a leap day.
        assert_eq!(bangkok("2026-11-21T17:00:00Z"), Some(t(2026, 11, 22, 0, 0, 0)));
        assert_eq!(bangkok("2026-12-31T23:59:59.999Z"), Some(t(2027, 1, 1, 6, 59, 59)));
        assert_eq!(bangkok("2028-02-28T18:30:00Z"), Some(t(2028, 2, 29, 1, 30, 0)));
        assert_eq!(bangkok("2027-02-28T18:30:00Z"), Some(t(2027, 3, 1, 1, 30, 0)));
        // An instant written with an offset is the same instant; no daylight saving in June or December.
        assert_eq!(bangkok("2026-06-01T08:15:00+07:00"), Some(t(2026, 6, 1, 8, 15, 0)));
        assert_eq!(bangkok("2026-06-01T01:15:00Z"), bangkok("2026-12-01T01:15:00Z").map(|x| LocalTime { month: 6, ..x }));
        assert_eq!(bangkok("1969-12-31T20:00:00Z"), Some(t(1970, 1, 1, 3, 0, 0)));
        assert_eq!(bangkok("2026-11-21"), None);
        assert_eq!(bangkok("garbage"), None);
    }

    #[test]
    fn thai_wording() {
        assert_eq!(date("2027-01-05T23:59:00.000Z").as_deref(), Some("6 มกราคม 2570"));
        assert_eq!(date_time("2026-11-21T10:05:09.000Z").as_deref(), Some("21 พฤศจิกายน 2569 เวลา 17:05 น."));
        assert_eq!(clock("2026-11-21T10:05:09.000Z").as_deref(), Some("17:05:09 น."));
        assert_eq!(date_iso("2026-11-21T17:00:00.000Z").as_deref(), Some("2026-11-22"));
        assert_eq!(date_iso("2026-11-21T16:59:59.999Z").as_deref(), Some("2026-11-21"));
    }
}
