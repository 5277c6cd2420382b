//! Calendar dates: absolute ("May 4th, 2021", "the 31st of August"), with a weekday
//! ("Monday, May 4"), and relative ("yesterday", "last Friday", "two days ago").

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::groups::{GroupPattern, Groups, Which};

use crate::model::Fields;

/// A date found in the text, as a byte span and its normalized value.
#[derive(Debug, Clone)]
pub struct DateMatch {
    pub start: usize,
    pub end: usize,
    pub value: Fields,
}

pub(super) static ABSOLUTE: LazyLock<GroupPattern> =
    LazyLock::new(|| GroupPattern::embedded(Which::Absolute));

pub(super) static RELATIVE: LazyLock<GroupPattern> =
    LazyLock::new(|| GroupPattern::embedded(Which::Relative));

/// `ABSOLUTE`'s group numbers, found once: dates are read for every number in the text.
struct AbsoluteGroups {
    iy: usize,
    im: usize,
    id: usize,
    m1: usize,
    m2: usize,
    d1: usize,
    d2: usize,
    y1: usize,
    y2: usize,
    wd: usize,
}

static AG: LazyLock<AbsoluteGroups> = LazyLock::new(|| AbsoluteGroups {
    iy: ABSOLUTE.group("iy"),
    im: ABSOLUTE.group("im"),
    id: ABSOLUTE.group("id"),
    m1: ABSOLUTE.group("m1"),
    m2: ABSOLUTE.group("m2"),
    d1: ABSOLUTE.group("d1"),
    d2: ABSOLUTE.group("d2"),
    y1: ABSOLUTE.group("y1"),
    y2: ABSOLUTE.group("y2"),
    wd: ABSOLUTE.group("wd"),
});

/// `RELATIVE`'s group numbers, found once.
struct RelativeGroups {
    two: usize,
    rel: usize,
    dir: usize,
    rwd: usize,
    week: usize,
    n: usize,
    unit: usize,
    ago: usize,
    hol: usize,
    bwd: usize,
}

static RG: LazyLock<RelativeGroups> = LazyLock::new(|| RelativeGroups {
    two: RELATIVE.group("two"),
    rel: RELATIVE.group("rel"),
    dir: RELATIVE.group("dir"),
    rwd: RELATIVE.group("rwd"),
    week: RELATIVE.group("week"),
    n: RELATIVE.group("n"),
    unit: RELATIVE.group("unit"),
    ago: RELATIVE.group("ago"),
    hol: RELATIVE.group("hol"),
    bwd: RELATIVE.group("bwd"),
});

pub fn month_number(name: &str) -> Option<u32> {
    let key = name.get(..3)?;
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    months.iter().position(|m| *m == key).map(|i| i as u32 + 1)
}

pub fn parse_weekday(name: &str) -> Option<Weekday> {
    let key = name.get(..3)?;
    let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    days.iter()
        .position(|d| d.eq_ignore_ascii_case(key))
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

fn absolute_value(
    c: &Groups,
    published: Option<NaiveDate>,
    tense: impl Fn() -> Option<Tense>,
) -> Option<Fields> {
    let (month, day, year) = if let Some(iy) = c.get(AG.iy) {
        (
            c[AG.im].parse().ok()?,
            c[AG.id].parse().ok()?,
            Some(iy.as_str().parse::<i32>().ok()?),
        )
    } else {
        let m = c.get(AG.m1).or_else(|| c.get(AG.m2))?;
        let d = c.get(AG.d1).or_else(|| c.get(AG.d2))?;
        let y = c.get(AG.y1).or_else(|| c.get(AG.y2));
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
    let mut value = Fields {
        weekday: c.get(AG.wd).map(|w| w.as_str().to_string()),
        valid: true,
        ..Fields::default()
    };
    let year = match (year, published) {
        (Some(y), _) => Some(y),
        (None, Some(p)) => {
            value.year_inferred = true;
            // A written weekday fixes the year better than tense does.
            let tense = || {
                if value.weekday.is_some() {
                    None
                } else {
                    tense()
                }
            };
            Some(year_for(month, day, p, tense()))
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

/// Whether a date's clause speaks of what happened or of what is to come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tense {
    Past,
    Future,
}

/// Words that put what follows them in the future: "will meet on Thursday", "planned a
/// march on Saturday", "until Friday".
fn is_future_word(w: &[u8]) -> bool {
    matches!(
        w,
        b"will"
            | b"won't"
            | b"shall"
            | b"would"
            | b"plans"
            | b"plan"
            | b"planned"
            | b"planning"
            | b"scheduled"
            | b"expected"
            | b"due"
            | b"upcoming"
            | b"tomorrow"
            | b"going"
            | b"intends"
            | b"hopes"
            | b"aims"
    )
}

/// Past forms that do not end in -ed.
fn is_past_word(w: &[u8]) -> bool {
    matches!(
        w,
        b"said"
            | b"was"
            | b"were"
            | b"had"
            | b"did"
            | b"met"
            | b"left"
            | b"went"
            | b"came"
            | b"took"
            | b"told"
            | b"held"
            | b"began"
            | b"saw"
            | b"ran"
            | b"won"
            | b"lost"
            | b"fell"
            | b"rose"
            | b"gave"
            | b"made"
            | b"sent"
            | b"spent"
            | b"struck"
            | b"hit"
            | b"shot"
            | b"fled"
            | b"found"
            | b"fought"
            | b"brought"
            | b"bought"
            | b"sold"
            | b"paid"
            | b"became"
            | b"ago"
            | b"last"
            | b"yesterday"
            | b"earlier"
    )
}

/// A short ASCII word lowercased into `buf`, without allocating (tense words are short);
/// None for longer or non-ASCII words, which are not tense words.
fn lower<'b>(word: &str, buf: &'b mut [u8; 12]) -> Option<&'b [u8]> {
    let w = word.trim_matches(|c: char| !c.is_ascii_alphabetic() && c != '\'');
    if w.len() > buf.len() || !w.is_ascii() {
        return None;
    }
    buf[..w.len()].copy_from_slice(w.as_bytes());
    buf[..w.len()].make_ascii_lowercase();
    Some(&buf[..w.len()])
}

fn tense_of(word: &str) -> Option<Tense> {
    let mut buf = [0u8; 12];
    // Long words can still be past participles ("announced", "demonstrated").
    let Some(w) = lower(word, &mut buf) else {
        let w = word.trim_end_matches(|c: char| !c.is_ascii_alphabetic());
        return (w.len() > 4 && w.ends_with("ed")).then_some(Tense::Past);
    };
    if is_future_word(w) || w.ends_with(b"'ll") {
        Some(Tense::Future)
    } else if is_past_word(w) || (w.ends_with(b"ed") && w.len() > 4) {
        Some(Tense::Past)
    } else {
        None
    }
}

/// How many words before a date its tense is looked for.
const TENSE_REACH: usize = 12;

/// The tense of the clause around [start, end): the nearest tense word before the date in
/// its clause, else the first after it; None when the clause says neither. A deadline
/// ("by Dec. 15", "extended to Nov. 16") and an infinitive ("set to expire Nov. 6") look
/// ahead.
pub(super) fn tense_around(text: &str, start: usize, end: usize, weekday: bool) -> Option<Tense> {
    // "Wednesday's ruling" was given; infinitives and deadlines are too loose for a bare
    // weekday, which news mostly uses for the days just past.
    if weekday && text[end..].starts_with(['\'', '\u{2019}']) {
        return Some(Tense::Past);
    }
    let head = super::tail(&text[..start], 160);
    let clause = head
        .rfind(['.', '!', '?', '\n', ';', ','])
        .map_or(head, |i| &head[i + 1..]);
    // Backwards from the date; `next` is the word after the current one in the text.
    let mut next: Option<&str> = None;
    // The clause's verb stands within a few words of its date.
    for w in clause.split_whitespace().rev().take(TENSE_REACH) {
        let mut buf = [0u8; 12];
        let low = lower(w, &mut buf).unwrap_or(b"");
        let last = next.is_none();
        // "before Sunday", "until Friday": still to come, whatever the verb.
        if last && matches!(low, b"before" | b"until" | b"till") {
            return Some(Tense::Future);
        }
        let infinitive = low == b"to"
            && next.is_some_and(|n| {
                n.starts_with(|c: char| c.is_ascii_lowercase())
                    && !matches!(n, "the" | "a" | "an" | "his" | "her" | "their" | "its")
            });
        let deadline = last && matches!(low, b"by" | b"to" | b"through");
        if !weekday && (infinitive || deadline) {
            return Some(Tense::Future);
        }
        if low == b"since" {
            return Some(Tense::Past);
        }
        if let Some(t) = tense_of(w) {
            return Some(t);
        }
        next = Some(w);
    }
    let mut to = (end + 100).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let after = &text[end..to];
    let clause = after
        .find(['.', '!', '?', '\n', ';', ','])
        .map_or(after, |i| &after[..i]);
    clause.split_whitespace().find_map(tense_of)
}

/// The year of a date written without one: in past tense the latest such day on or before
/// publication, in future tense the earliest on or after it, else the nearest.
pub(super) fn year_for(month: u32, day: u32, published: NaiveDate, tense: Option<Tense>) -> i32 {
    let y = published.year();
    let on = |year: i32| {
        let d = day.min(last_day_of_month(year, month));
        NaiveDate::from_ymd_opt(year, month, d)
    };
    // Within a few weeks of publication the nearest reading is right whatever the verb
    // ("said on Dec. 28" in a January 2 article); past that, the tense decides.
    let nearest = nearest_year(month, day, published);
    let near = on(nearest).is_some_and(|d| (d - published).num_days().abs() <= NEAR_DAYS);
    if near {
        return nearest;
    }
    match tense {
        Some(Tense::Past) => (y - 1..=y)
            .rev()
            .find(|&year| on(year).is_some_and(|d| d <= published))
            .unwrap_or(y),
        Some(Tense::Future) => (y..=y + 1)
            .find(|&year| on(year).is_some_and(|d| d >= published))
            .unwrap_or(y),
        None => nearest_year(month, day, published),
    }
}

/// How far from publication a date without a year is read as the nearest one, tense aside.
const NEAR_DAYS: i64 = 45;

/// Fixed-date holidays: (name as written, lowercase, without the apostrophe; month, day).
const HOLIDAYS: &[(&str, u32, u32)] = &[
    ("christmas day", 12, 25),
    ("christmas eve", 12, 24),
    ("new years day", 1, 1),
    ("new years eve", 12, 31),
    ("boxing day", 12, 26),
    ("valentines day", 2, 14),
    ("armistice day", 11, 11),
    ("bastille day", 7, 14),
    ("halloween", 10, 31),
];

fn holiday(name: &str) -> Option<(u32, u32)> {
    let key = super::phrase_key(name).replace(['\'', '\u{2019}'], "");
    HOLIDAYS.iter().find(|h| h.0 == key).map(|h| (h.1, h.2))
}

fn relative_value(
    c: &Groups,
    published: Option<NaiveDate>,
    tense: impl Fn() -> Option<Tense>,
) -> Fields {
    let mut v = Fields {
        valid: true,
        ..Fields::default()
    };
    if let Some(two) = c.get(RG.two) {
        // "the day before yesterday" is two days back, not yesterday.
        let word = super::phrase_key(two.as_str());
        let shift = if word.ends_with("yesterday") { -2 } else { 2 };
        v.date = published.map(|p| p + Duration::days(shift));
        v.relative = Some(word);
    } else if let Some(week) = c.get(RG.week) {
        // Week precision: no one day to name.
        v.relative = Some(week.as_str().to_ascii_lowercase());
    } else if let Some(h) = c.get(RG.hol) {
        if let Some((month, day)) = holiday(h.as_str()) {
            v.date = published
                .map(|p| year_for(month, day, p, tense()))
                .and_then(|y| NaiveDate::from_ymd_opt(y, month, day));
            v.year_inferred = v.date.is_some();
        }
    } else if let Some(rel) = c.get(RG.rel) {
        let word = rel.as_str().to_ascii_lowercase();
        let shift = match word.as_str() {
            "yesterday" => -1,
            "tomorrow" => 1,
            _ => 0,
        };
        v.date = published.map(|p| p + Duration::days(shift));
        v.relative = Some(word);
    } else if let Some(wd) = c.get(RG.rwd) {
        let dir = c[RG.dir].to_ascii_lowercase();
        v.weekday = Some(wd.as_str().to_string());
        v.relative = Some(format!("{dir} {}", wd.as_str()));
        v.date = match (published, parse_weekday(wd.as_str())) {
            (Some(p), Some(w)) => Some(
                match (dir.as_str(), (dir == "this").then(&tense).flatten()) {
                    ("next" | "coming", _) => next_weekday(p, w),
                    // "this Friday" is the coming one in a plan, the past one in a report.
                    ("this", Some(Tense::Future)) => on_or_after(p, w),
                    ("this", Some(Tense::Past)) => on_or_before(p, w),
                    ("this", None) => this_week(p, w),
                    _ => previous_weekday(p, w),
                },
            ),
            _ => None,
        };
    } else if let Some(n) = c.get(RG.n) {
        let count = small_number(n.as_str()).unwrap_or(0);
        let unit = c[RG.unit].to_ascii_lowercase();
        v.relative = Some(c[0].to_string());
        // "N days/weeks ago" name a day counted back from publication. "A year ago" and
        // "two months ago" name a year or a month, not a day (news means the quarter or the
        // year), and "earlier" counts from another event: they keep no day.
        let ago = c[RG.ago].eq_ignore_ascii_case("ago");
        v.date = published.filter(|_| ago).and_then(|p| match unit.as_str() {
            u if u.starts_with("week") => Some(p - Duration::days(7 * count)),
            u if u.starts_with("day") => Some(p - Duration::days(count)),
            _ => None,
        });
    } else if let Some(wd) = c.get(RG.bwd) {
        v.weekday = Some(wd.as_str().to_string());
        v.relative = Some(wd.as_str().to_string());
        v.date = match (published, parse_weekday(wd.as_str())) {
            (Some(p), Some(w)) if tense() == Some(Tense::Future) => Some(on_or_after(p, w)),
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
    // Every date has a letter in it but ISO dates ("2021-05-04"), which have dashes: a
    // match of digits, commas and points alone (most numbers) is not one, and asking the
    // date patterns for their groups would cost more than the rest of the number's reading.
    let span = &head.as_bytes()[start..];
    if !span.iter().any(|b| b.is_ascii_alphabetic() || *b == b'-') {
        return DateAt::NotADate;
    }
    if let Some(c) = ABSOLUTE.at(head, start) {
        let m_end = c.get(0).map_or(end, |m| m.end());
        let tense = || tense_around(text, start, m_end, false);
        return match absolute_value(&c, published, tense) {
            Some(value) => DateAt::Found(DateMatch {
                start,
                end: m_end,
                value,
            }),
            None => DateAt::Rejected,
        };
    }
    let Some(c) = RELATIVE.at(head, start) else {
        return DateAt::NotADate;
    };
    // "last Monday, May 4": the full date wins over "last Monday"; it starts at the weekday.
    if let Some(wd) = c.get(RG.rwd) {
        let mut cut = (wd.start() + 64).min(text.len());
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        if let Some(a) = ABSOLUTE.at(&text[..cut], wd.start()) {
            let m = a.get(0).expect("whole match");
            let tense = || tense_around(text, m.start(), m.end(), false);
            return match absolute_value(&a, published, tense) {
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
        value: relative_value(&c, published, || {
            tense_around(text, start, m.end(), c.get(RG.hol).is_none())
        }),
    })
}

/// Every date in `text` (byte spans, in order, not overlapping).
pub fn find_dates(text: &str, published: Option<NaiveDate>) -> Vec<DateMatch> {
    super::scan::scan(text, published).0
}

/// "Today" in "USA Today" or "Good Friday" is a name, not a date.
fn is_capitalized_name(text: &str, start: usize, c: &Groups) -> bool {
    let before = text[..start].trim_end_matches([' ', '\t']);
    let prev_word = before
        .rsplit(|ch: char| !ch.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    if c.get(RG.rel).is_some() {
        let word = &c[0];
        word.starts_with(|ch: char| ch.is_ascii_uppercase())
            && prev_word.starts_with(|ch: char| ch.is_ascii_uppercase())
            && !before.ends_with(['.', '!', '?', ':', '"', '\u{201C}', '('])
            && !before.is_empty()
    } else if c.get(RG.bwd).is_some() {
        matches!(
            prev_word,
            "Good" | "Black" | "Cyber" | "Super" | "Ash" | "Palm" | "Easter"
        )
    } else {
        false
    }
}

#[cfg(test)]
#[path = "dates_tests.rs"]
mod tests;
