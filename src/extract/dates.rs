//! Calendar dates: absolute ("May 4th, 2021", "the 31st of August"), with a weekday
//! ("Monday, May 4"), and relative ("yesterday", "last Friday", "two days ago").

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::{Captures, Regex};

use crate::model::Value;

/// A date found in the text, as a byte span and its normalized value.
#[derive(Debug, Clone)]
pub struct DateMatch {
    pub start: usize,
    pub end: usize,
    pub value: Value,
}

const MONTH: &str = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";
const WEEKDAY: &str = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun";
const WEEKDAY_FULL: &str = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";

// ASCII word boundaries throughout: the Unicode `\b` is 25x slower on text with any non-ASCII.
pub(super) static ABSOLUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?:(?P<wd>{WEEKDAY})\.?,?[ \t]+(?:the[ \t]+)?)?(?:(?P<m1>{MONTH})\.?[ \t]+(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?[ \t]+(?:of[ \t]+)?(?P<y1>(?:1[89]|20)[0-9]{{2}})(?-u:\b))?|(?:the[ \t]+)?(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?P<m2>{MONTH})(?-u:\b)\.?(?:,?[ \t]+(?P<y2>(?:1[89]|20)[0-9]{{2}})(?-u:\b))?|(?P<iy>(?:1[89]|20)[0-9]{{2}})-(?P<im>[01][0-9])-(?P<id>[0-3][0-9])(?-u:\b))"
    ))
    .expect("date pattern")
});

pub(super) static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?:(?P<rel>(?i:today|yesterday|tomorrow|tonight))|(?P<dir>(?i:last|next|this|past|coming))[ \t]+(?P<rwd>{WEEKDAY_FULL})|(?P<n>[0-9]{{1,3}}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten))[ \t]+(?P<unit>(?i:days?|weeks?))[ \t]+ago|(?P<bwd>{WEEKDAY_FULL}))(?-u:\b)"
    ))
    .expect("relative date pattern")
});

pub fn month_number(name: &str) -> Option<u32> {
    let key = name.get(..3)?;
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    months.iter().position(|m| *m == key).map(|i| i as u32 + 1)
}

pub fn parse_weekday(name: &str) -> Option<Weekday> {
    let key = name.get(..3)?.to_ascii_lowercase();
    let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    days.iter()
        .position(|d| *d == key)
        .and_then(|i| Weekday::try_from(i as u8).ok())
}

pub fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

pub fn last_day_of_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
        .unwrap_or(28)
}

/// For a date written without a year: the year that puts it nearest the publication date.
/// Distance is measured with the day clamped into the month, so "February 29" still
/// picks a year (and is then found impossible in it).
pub fn nearest_year(month: u32, day: u32, published: NaiveDate) -> i32 {
    let y = published.year();
    (y - 1..=y + 1)
        .min_by_key(|&year| {
            let d = day.min(last_day_of_month(year, month));
            NaiveDate::from_ymd_opt(year, month, d)
                .map_or(i64::MAX, |date| (date - published).num_days().abs())
        })
        .unwrap_or(y)
}

fn absolute_value(c: &Captures, published: Option<NaiveDate>) -> Option<Value> {
    let (month, day, year) = if let Some(iy) = c.name("iy") {
        (
            c["im"].parse().ok()?,
            c["id"].parse().ok()?,
            Some(iy.as_str().parse::<i32>().ok()?),
        )
    } else {
        let m = c.name("m1").or_else(|| c.name("m2"))?;
        let d = c.name("d1").or_else(|| c.name("d2"))?;
        let y = c.name("y1").or_else(|| c.name("y2"));
        (
            month_number(m.as_str())?,
            d.as_str().parse().ok()?,
            y.and_then(|y| y.as_str().parse::<i32>().ok()),
        )
    };
    // Days past 31 are not dates at all ("May 45"); April 31 is a date that cannot exist.
    if day == 0 || day > 31 || !(1..=12).contains(&month) {
        return None;
    }
    let mut value = Value {
        weekday: c.name("wd").map(|w| w.as_str().to_string()),
        valid: true,
        ..Value::default()
    };
    let year = match (year, published) {
        (Some(y), _) => Some(y),
        (None, Some(p)) => {
            value.year_inferred = true;
            Some(nearest_year(month, day, p))
        }
        (None, None) => None,
    };
    match year {
        Some(y) => match NaiveDate::from_ymd_opt(y, month, day) {
            Some(d) => value.date = Some(d),
            None => value.valid = false,
        },
        // Without a year only the 30th/31st of short months can be judged.
        None => value.valid = day <= last_day_of_month(2000, month),
    }
    Some(value)
}

fn small_number(s: &str) -> Option<i64> {
    let words = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    let lower = s.to_ascii_lowercase();
    if lower == "a" || lower == "an" {
        return Some(1);
    }
    words
        .iter()
        .position(|w| *w == lower)
        .map(|i| i as i64 + 1)
        .or_else(|| s.parse().ok())
}

/// Whether the sentence before the date speaks of the future ("will meet on Thursday").
fn future_context(before: &str) -> bool {
    let tail = format!(" {}", super::tail(before, 80).to_ascii_lowercase());
    // "before Sunday", "until Friday": a weekday after these is still to come.
    let last_word = tail.trim_end().rsplit(' ').next().unwrap_or("");
    if matches!(last_word, "before" | "until" | "till") {
        return true;
    }
    [
        " will ",
        " is due ",
        " are due ",
        " scheduled ",
        " expected to ",
        " plans to ",
        " set to ",
    ]
    .iter()
    .any(|w| tail.contains(w))
}

fn relative_value(c: &Captures, published: Option<NaiveDate>, before: &str) -> Value {
    let mut v = Value {
        valid: true,
        ..Value::default()
    };
    if let Some(rel) = c.name("rel") {
        let word = rel.as_str().to_ascii_lowercase();
        let shift = match word.as_str() {
            "yesterday" => -1,
            "tomorrow" => 1,
            _ => 0,
        };
        v.date = published.map(|p| p + Duration::days(shift));
        v.relative = Some(word);
    } else if let Some(wd) = c.name("rwd") {
        let dir = c["dir"].to_ascii_lowercase();
        v.weekday = Some(wd.as_str().to_string());
        v.relative = Some(format!("{dir} {}", wd.as_str()));
        v.date = match (published, parse_weekday(wd.as_str())) {
            (Some(p), Some(w)) => Some(match dir.as_str() {
                "next" | "coming" => next_weekday(p, w),
                "this" => this_week(p, w),
                _ => previous_weekday(p, w),
            }),
            _ => None,
        };
    } else if let Some(n) = c.name("n") {
        let count = small_number(n.as_str()).unwrap_or(0);
        let days = if c["unit"].to_ascii_lowercase().starts_with("week") {
            7 * count
        } else {
            count
        };
        v.relative = Some(c[0].to_string());
        v.date = published.map(|p| p - Duration::days(days));
    } else if let Some(wd) = c.name("bwd") {
        v.weekday = Some(wd.as_str().to_string());
        v.relative = Some(wd.as_str().to_string());
        v.date = match (published, parse_weekday(wd.as_str())) {
            (Some(p), Some(w)) if future_context(before) => Some(on_or_after(p, w)),
            (Some(p), Some(w)) => Some(on_or_before(p, w)),
            _ => None,
        };
    }
    v
}

fn on_or_before(p: NaiveDate, w: Weekday) -> NaiveDate {
    let back = (p.weekday().num_days_from_monday() + 7 - w.num_days_from_monday()) % 7;
    p - Duration::days(back as i64)
}

fn on_or_after(p: NaiveDate, w: Weekday) -> NaiveDate {
    let ahead = (w.num_days_from_monday() + 7 - p.weekday().num_days_from_monday()) % 7;
    p + Duration::days(ahead as i64)
}

fn previous_weekday(p: NaiveDate, w: Weekday) -> NaiveDate {
    on_or_before(p - Duration::days(1), w)
}

fn next_weekday(p: NaiveDate, w: Weekday) -> NaiveDate {
    on_or_after(p + Duration::days(1), w)
}

fn this_week(p: NaiveDate, w: Weekday) -> NaiveDate {
    let monday = p - Duration::days(p.weekday().num_days_from_monday() as i64);
    monday + Duration::days(w.num_days_from_monday() as i64)
}

/// What the date patterns make of a scanner match at [start, end).
// Returned and matched at once, never stored: boxing the date would only add an allocation.
#[allow(clippy::large_enum_variant)]
pub(super) enum DateAt {
    Found(DateMatch),
    /// A date pattern matched but the words are not a date ("May 45", "USA Today").
    Rejected,
    /// No date pattern matches here: the match is a quantity's.
    NotADate,
}

/// Reads the scanner's match at [start, end) as a date. The haystack is cut at `end`, so a
/// pattern that does not match at `start` costs only the match's few bytes.
pub(super) fn date_at(
    text: &str,
    start: usize,
    end: usize,
    published: Option<NaiveDate>,
) -> DateAt {
    let head = &text[..end];
    if let Some(c) = ABSOLUTE
        .captures_at(head, start)
        .filter(|c| c.get(0).is_some_and(|m| m.start() == start))
    {
        return match absolute_value(&c, published) {
            Some(value) => DateAt::Found(DateMatch {
                start,
                end: c.get(0).map_or(end, |m| m.end()),
                value,
            }),
            None => DateAt::Rejected,
        };
    }
    let Some(c) = RELATIVE
        .captures_at(head, start)
        .filter(|c| c.get(0).is_some_and(|m| m.start() == start))
    else {
        return DateAt::NotADate;
    };
    // "last Monday, May 4": the full date wins over "last Monday"; it starts at the weekday.
    if let Some(wd) = c.name("rwd") {
        let mut cut = (wd.start() + 64).min(text.len());
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        if let Some(a) = ABSOLUTE
            .captures_at(&text[..cut], wd.start())
            .filter(|a| a.get(0).is_some_and(|m| m.start() == wd.start()))
        {
            let m = a.get(0).expect("whole match");
            return match absolute_value(&a, published) {
                Some(value) => DateAt::Found(DateMatch {
                    start: m.start(),
                    end: m.end(),
                    value,
                }),
                None => DateAt::Rejected,
            };
        }
    }
    let m = c.get(0).expect("whole match");
    if is_capitalized_name(text, start, &c) {
        return DateAt::Rejected;
    }
    DateAt::Found(DateMatch {
        start,
        end: m.end(),
        value: relative_value(&c, published, &text[..start]),
    })
}

/// Every date in `text` (byte spans, in order, not overlapping).
pub fn find_dates(text: &str, published: Option<NaiveDate>) -> Vec<DateMatch> {
    super::scan::scan(text, published).0
}

/// "Today" in "USA Today" or "Good Friday" is a name, not a date.
fn is_capitalized_name(text: &str, start: usize, c: &Captures) -> bool {
    let before = text[..start].trim_end_matches([' ', '\t']);
    let prev_word = before
        .rsplit(|ch: char| !ch.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    if c.name("rel").is_some() {
        let word = &c[0];
        word.starts_with(|ch: char| ch.is_ascii_uppercase())
            && prev_word.starts_with(|ch: char| ch.is_ascii_uppercase())
            && !before.ends_with(['.', '!', '?', ':', '"', '\u{201C}', '('])
            && !before.is_empty()
    } else if c.name("bwd").is_some() {
        matches!(
            prev_word,
            "Good" | "Black" | "Cyber" | "Super" | "Ash" | "Palm" | "Easter"
        )
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn one(text: &str, published: &str) -> DateMatch {
        let found = find_dates(text, Some(d(published)));
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn written_forms_of_one_date() {
        for text in [
            "May 4, 2021",
            "May 4th, 2021",
            "4 May 2021",
            "on Tuesday, May 4",
            "Tue., May 4, 2021",
            "Tuesday the 4th of May",
            "2021-05-04",
        ] {
            let m = one(text, "2021-05-10");
            assert_eq!(m.value.date, Some(d("2021-05-04")), "{text}");
        }
    }

    #[test]
    fn year_is_inferred_across_a_year_boundary() {
        let m = one("on Friday, December 31", "2022-01-02");
        assert_eq!(m.value.date, Some(d("2021-12-31")));
        assert!(m.value.year_inferred);
        assert_eq!(m.value.weekday.as_deref(), Some("Friday"));
    }

    #[test]
    fn impossible_dates_are_kept_as_invalid() {
        let m = one("on April 31", "2021-05-04");
        assert!(!m.value.valid);
        assert_eq!(m.value.date, None);
        assert!(!one("February 29", "2022-03-01").value.valid);
        assert!(one("February 29", "2024-03-01").value.valid);
        assert!(find_dates("May 45", Some(d("2021-05-04"))).is_empty());
    }

    #[test]
    fn relative_dates_resolve_against_publication() {
        let p = "2021-05-04"; // a Tuesday
        assert_eq!(one("yesterday", p).value.date, Some(d("2021-05-03")));
        assert_eq!(one("Tomorrow", p).value.date, Some(d("2021-05-05")));
        assert_eq!(one("last Friday", p).value.date, Some(d("2021-04-30")));
        assert_eq!(one("next Monday", p).value.date, Some(d("2021-05-10")));
        assert_eq!(one("two days ago", p).value.date, Some(d("2021-05-02")));
        assert_eq!(one("met on Thursday", p).value.date, Some(d("2021-04-29")));
        assert_eq!(
            one("will meet on Thursday", p).value.date,
            Some(d("2021-05-06"))
        );
    }

    #[test]
    fn a_full_date_wins_over_the_relative_words_before_it() {
        let text = "he left last Monday, May 3 and came back";
        let m = one(text, "2021-05-04");
        assert_eq!(&text[m.start..m.end], "Monday, May 3");
        assert_eq!(m.value.date, Some(d("2021-05-03")));
        assert_eq!(m.value.relative, None);
    }

    #[test]
    fn names_are_not_dates() {
        assert!(find_dates("read USA Today daily", Some(d("2021-05-04"))).is_empty());
        assert!(find_dates("on Good Friday", Some(d("2021-05-04"))).is_empty());
        assert!(find_dates("Mayor 5 said", Some(d("2021-05-04"))).is_empty());
    }
}
