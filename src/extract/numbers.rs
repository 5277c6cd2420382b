//! Quantities: counts, money, percentages and durations, written in digits or words.

use std::sync::LazyLock;

use regex::Regex;

use super::qualifier::{Range, qualified_range, qualifier_before, vague_range};
use super::subject::{noun_phrase_after, noun_phrase_before, predicate_after, predicate_before};
use crate::model::{ClaimKind, Value};

#[derive(Debug, Clone)]
pub struct QuantityMatch {
    pub kind: ClaimKind,
    pub start: usize,
    pub end: usize,
    pub value: Value,
}

const NUMBER_PATTERN: &str = concat!(
    r"(?:(?P<cur>US\$|\$|€|£|¥|(?:USD|EUR|GBP|AFN|Rs\.?)[ \t]?)|(?-u:\b))",
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)",
    r"(?P<scale>[ \t]?(?:million|billion|trillion|thousand|bn|mn|m|k)(?-u:\b)|[ \t]hundred(?-u:\b))?",
);

const UNITS: &str = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
const TENS: &str = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";

/// "one" and "a" count only with a scale ("one hundred", "a dozen"): alone they are far too
/// common, and matching every "a" would slow the scan for nothing.
const UNITS_FROM_TWO: &str = "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
const SCALE: &str = "(?:hundred|thousand|million|billion|dozen)";

fn words_pattern() -> String {
    format!(
        r"(?-u:\b)(?i:(?P<vague>tens[ \t]+of[ \t]+thousands|hundreds[ \t]+of[ \t]+thousands|dozens|scores|hundreds|thousands|millions)[ \t]+of|(?P<decade>a[ \t]+decade|a[ \t]+century|half[ \t]+a[ \t]+century)|(?P<words>(?:(?:{TENS})(?:-(?:{UNITS}))?|{UNITS_FROM_TWO})(?:[ \t]+{SCALE})*|(?:one|a|half[ \t]+a)(?:[ \t]+{SCALE})+))(?-u:\b)"
    )
}

static WORDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&words_pattern()).expect("number words pattern"));

/// Numbers in digits or in words: the quantity part of the scanner's one pattern. Digit
/// matches are split by hand (see `split_number`); word matches are read again with WORDS.
pub(super) fn quantities_pattern() -> String {
    format!("(?:{NUMBER_PATTERN})|(?:{})", words_pattern())
}

fn word_value(w: &str) -> Option<f64> {
    let units: Vec<&str> = UNITS.split('|').collect();
    let tens: Vec<&str> = TENS.split('|').collect();
    if let Some(i) = units.iter().position(|u| *u == w) {
        return Some(i as f64 + 1.0);
    }
    if let Some(i) = tens.iter().position(|t| *t == w) {
        return Some((i as f64 + 2.0) * 10.0);
    }
    match w {
        "a" => Some(1.0),
        "half" => Some(0.5),
        _ => None,
    }
}

/// "twenty-five" = 25, "two hundred thousand" = 200,000, "half a million" = 500,000.
fn parse_words(phrase: &str) -> Option<f64> {
    let lower = phrase.to_ascii_lowercase();
    let mut total = 0.0;
    let mut current: Option<f64> = None;
    for w in lower.split_whitespace() {
        match w {
            "a" if current == Some(0.5) => {}
            "hundred" => current = Some(current.unwrap_or(1.0) * 100.0),
            "dozen" => current = Some(current.unwrap_or(1.0) * 12.0),
            "thousand" | "million" | "billion" => {
                let scale = match w {
                    "thousand" => 1e3,
                    "million" => 1e6,
                    _ => 1e9,
                };
                total += current.unwrap_or(1.0) * scale;
                current = None;
            }
            _ => {
                let v = w.split('-').map(word_value).sum::<Option<f64>>()?;
                current = Some(current.unwrap_or(0.0) + v);
            }
        }
    }
    Some(total + current.unwrap_or(0.0))
}

fn scale_value(s: &str) -> f64 {
    match s.trim().to_ascii_lowercase().as_str() {
        "hundred" => 1e2,
        "thousand" | "k" => 1e3,
        "million" | "m" | "mn" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" => 1e12,
        _ => 1.0,
    }
}

fn currency_code(symbol: &str) -> Option<&'static str> {
    match symbol.trim().trim_end_matches('.') {
        "$" | "US$" | "USD" => Some("USD"),
        "€" | "EUR" => Some("EUR"),
        "£" | "GBP" => Some("GBP"),
        "¥" => Some("JPY"),
        "AFN" => Some("AFN"),
        "Rs" => Some("INR"),
        _ => None,
    }
}

const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dollars", "USD"),
    ("euros", "EUR"),
    ("pounds sterling", "GBP"),
    ("pounds", "GBP"),
    ("afghanis", "AFN"),
    ("rupees", "INR"),
    ("yuan", "CNY"),
    ("rubles", "RUB"),
    ("roubles", "RUB"),
    ("yen", "JPY"),
    ("dinars", "IQD"),
    ("rials", "IRR"),
];

const DURATION_UNITS: &[&str] = &[
    "centuries",
    "century",
    "decades",
    "decade",
    "years",
    "year",
    "months",
    "month",
    "weeks",
    "week",
    "days",
    "day",
    "hours",
    "hour",
    "minutes",
    "minute",
];

/// Words after a number that make it page furniture, not a statement.
const FURNITURE: &[&str] = &[
    "views",
    "view",
    "reads",
    "comments",
    "comment",
    "shares",
    "likes",
    "followers",
    "subscribers",
    "min",
    "mins",
    "photos",
    "replies",
    "retweets",
];

/// Capitalized words that turn the number after them into a name: "Route 9", "Article 5".
const NAME_WORDS: &[&str] = &[
    "Route",
    "Article",
    "Boeing",
    "Airbus",
    "Flight",
    "Highway",
    "Resolution",
    "Section",
    "Chapter",
    "Page",
    "Room",
    "Gate",
    "Terminal",
    "Platform",
    "Level",
    "Phase",
    "Camp",
    "Unit",
    "Block",
    "District",
    "Ward",
    "Precinct",
    "Building",
    "Apollo",
    "Windows",
    "Version",
    "Model",
    "Channel",
    "Radio",
    "Road",
    "Street",
    "Lane",
    "Avenue",
    "Division",
    "Brigade",
    "Battalion",
    "Squadron",
    "Group",
    "Zone",
    "Station",
    "Lot",
    "Item",
    "Question",
    "Rule",
    "Amendment",
    "Title",
    "Vol",
    "Volume",
    "Episode",
    "Season",
    "Act",
    "Bill",
    "Law",
    "No",
    "Number",
];

fn starts_with_word(s: &str, w: &str) -> bool {
    s.len() >= w.len()
        && s.is_char_boundary(w.len())
        && s[..w.len()].eq_ignore_ascii_case(w)
        && !s
            .as_bytes()
            .get(w.len())
            .is_some_and(|b| b.is_ascii_alphanumeric())
}

/// The word before byte `at`, skipping spaces.
fn previous_word(text: &str, at: usize) -> &str {
    let head = text[..at].trim_end_matches([' ', '\t']);
    let from = head
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .map_or(0, |p| {
            p + head[p..].chars().next().map_or(1, char::len_utf8)
        });
    head[from..].trim_end_matches('.')
}

fn is_sentence_start(text: &str, at: usize) -> bool {
    let head = text[..at].trim_end_matches([' ', '\t']);
    // A dash after a dateline ("NAIROBI, Sept. 14 — Between ...") starts the story's sentence.
    head.is_empty()
        || head.ends_with([
            '.', '!', '?', '\n', '"', '\u{201C}', ':', '\u{2014}', '\u{2013}',
        ])
}

/// Numbers that are part of a name or identifier rather than a quantity.
fn is_identifier(text: &str, start: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    let before = start.checked_sub(1).map(|i| bytes[i]);
    let after = bytes.get(end).copied();
    // Glued to letters or dashes: "G7", "F-16", "COVID-19", "5G", "737-800".
    if before.is_some_and(|b| {
        b.is_ascii_alphabetic() || b == b'-' || b == b'/' || b == b'#' || b == b'+'
    }) || after.is_some_and(|b| b.is_ascii_alphabetic() || b == b'/')
    {
        return true;
    }
    if after == Some(b'-')
        && bytes
            .get(end + 1)
            .is_some_and(|b| b.is_ascii_alphanumeric())
    {
        return true;
    }
    // Clock times "10:30" and scores "3-2".
    if after == Some(b':') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
        return true;
    }
    if before == Some(b':') && start >= 2 && bytes[start - 2].is_ascii_digit() {
        return true;
    }
    // Phone numbers: a digit group right before, separated by a space or dash.
    let head = text[..start].trim_end_matches([' ', '-']);
    if head.len() < start && head.ends_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let tail = text[end..].trim_start_matches([' ', '-']);
    if tail.len() + 1 < text.len() - end
        && tail.starts_with(|c: char| c.is_ascii_digit())
        && !text[end..].starts_with(" -")
    {
        return true;
    }
    let prev = previous_word(text, start);
    if NAME_WORDS.contains(&prev) {
        return true;
    }
    // Any other capitalized word right before ("Boeing 737") names a thing, unless it starts
    // the sentence or is a qualifier ("Over 100").
    let prev_start = text[..start]
        .trim_end_matches([' ', '\t'])
        .len()
        .saturating_sub(prev.len());
    prev.starts_with(|c: char| c.is_ascii_uppercase())
        && prev.len() > 1
        && !is_sentence_start(text, prev_start)
        && qualifier_before(text, start).is_none()
        && !CAPITALIZED_FUNCTION_WORDS.contains(&prev)
}

/// Capitalized words that start a phrase rather than name a thing: "Between 200 and 300".
const CAPITALIZED_FUNCTION_WORDS: &[&str] = &[
    "I",
    "The",
    "About",
    "Some",
    "Nearly",
    "Almost",
    "Over",
    "Only",
    "Just",
    "Between",
    "All",
    "Another",
    "At",
    "By",
    "In",
    "On",
    "Of",
    "With",
    "From",
    "To",
    "For",
    "And",
    "But",
    "Of",
    "Up",
    "Under",
    "Around",
    "Roughly",
    "Approximately",
    "Fewer",
    "Less",
    "More",
    "Exactly",
];

/// Classifies the quantity whose number ends at `num_end`; returns the claim.
fn classify(
    text: &str,
    qstart: usize,
    num_end: usize,
    range: Range,
    qualifier: Option<String>,
    currency: Option<&'static str>,
) -> Option<QuantityMatch> {
    let after = &text[num_end..];
    let mut value = Value {
        low: range.low,
        high: range.high,
        qualifier,
        valid: true,
        ..Value::default()
    };
    if let Some(code) = currency {
        value.currency = Some(code.to_string());
        attach_subject(text, qstart, num_end, &mut value, true);
        return Some(QuantityMatch {
            kind: ClaimKind::Money,
            start: qstart,
            end: num_end,
            value,
        });
    }
    let trimmed = after.trim_start_matches([' ', '\t']);
    let gap = after.len() - trimmed.len();
    if after.starts_with('%') {
        attach_percent_subject(text, qstart, num_end + 1, &mut value);
        return Some(QuantityMatch {
            kind: ClaimKind::Percent,
            start: qstart,
            end: num_end + 1,
            value,
        });
    }
    for word in ["percentage points", "percent", "per cent"] {
        if gap > 0 && starts_with_word(trimmed, word) {
            let end = num_end + gap + word.len();
            attach_percent_subject(text, qstart, end, &mut value);
            return Some(QuantityMatch {
                kind: ClaimKind::Percent,
                start: qstart,
                end,
                value,
            });
        }
    }
    if gap == 0
        && !after.is_empty()
        && !after.starts_with([',', '.', ';', ')', '\n', '\r', '!', '?', ':'])
        && !after.starts_with(['\u{201D}', '\u{2019}'])
    {
        return None;
    }
    for (word, code) in CURRENCY_WORDS {
        if gap > 0 && starts_with_word(trimmed, word) {
            value.currency = Some(code.to_string());
            let end = num_end + gap + word.len();
            attach_subject(text, qstart, end, &mut value, true);
            return Some(QuantityMatch {
                kind: ClaimKind::Money,
                start: qstart,
                end,
                value,
            });
        }
    }
    for unit in DURATION_UNITS {
        if gap > 0 && starts_with_word(trimmed, unit) {
            let end = num_end + gap + unit.len();
            let rest = text[end..].trim_start();
            // "two days ago" is a date; "40 years old" is an age.
            if starts_with_word(rest, "ago") || starts_with_word(rest, "old") {
                return None;
            }
            value.unit = Some(plural_unit(unit));
            return Some(QuantityMatch {
                kind: ClaimKind::Duration,
                start: qstart,
                end,
                value,
            });
        }
    }
    if FURNITURE
        .iter()
        .any(|w| gap > 0 && starts_with_word(trimmed, w))
    {
        return None;
    }
    // A count: the counted thing after the number, else named before it.
    let (end, subject) = match noun_phrase_after(after) {
        Some((len, np)) => (num_end + len, np),
        None => (num_end, noun_phrase_before(text, qstart)?),
    };
    let predicate = predicate_after(&text[end..]).or_else(|| predicate_before(&text[..qstart]));
    value.subject = Some(match &predicate {
        Some(p) => format!("{subject} {p}"),
        None => subject,
    });
    value.predicate = predicate;
    Some(QuantityMatch {
        kind: ClaimKind::Count,
        start: qstart,
        end,
        value,
    })
}

fn plural_unit(unit: &str) -> String {
    match unit {
        "century" | "centuries" => "centuries".into(),
        u if u.ends_with('s') => u.into(),
        u => format!("{u}s"),
    }
}

fn attach_subject(text: &str, qstart: usize, end: usize, value: &mut Value, money: bool) {
    let after = &text[end..];
    let trimmed = after.trim_start();
    for lead in ["in", "for", "of", "worth of"] {
        if money && starts_with_word(trimmed, lead) {
            let rest = &trimmed[lead.len()..];
            if let Some((_, np)) = noun_phrase_after(rest) {
                value.subject = Some(np);
                return;
            }
        }
    }
    value.subject = noun_phrase_before(text, qstart);
}

fn attach_percent_subject(text: &str, qstart: usize, end: usize, value: &mut Value) {
    let trimmed = text[end..].trim_start();
    if starts_with_word(trimmed, "of") {
        let mut rest = trimmed[2..].trim_start();
        // "of their income": the determiner is not part of the subject.
        for det in [
            "the ", "their ", "its ", "his ", "her ", "our ", "all ", "a ",
        ] {
            rest = rest.strip_prefix(det).unwrap_or(rest);
        }
        if let Some((_, np)) = noun_phrase_after(&format!(" {rest}")) {
            value.subject = Some(np);
            return;
        }
    }
    value.subject = noun_phrase_before(text, qstart);
}

fn parse_digits(s: &str) -> Option<f64> {
    s.replace(',', "").parse().ok()
}

/// Splits a NUMBER match into its currency prefix, the digits' byte span, and the scale word.
fn split_number(
    text: &str,
    start: usize,
    end: usize,
) -> (Option<&str>, (usize, usize), Option<&str>) {
    let s = &text[start..end];
    let digits_at = s.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
    let cur = (digits_at > 0).then(|| &s[..digits_at]);
    let digits_len = s[digits_at..]
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(s.len() - digits_at);
    let num_end = digits_at + digits_len;
    let scale = (num_end < s.len()).then(|| &s[num_end..]);
    (cur, (start + digits_at, start + num_end), scale)
}

/// Every quantity in `text` outside the byte spans in `taken` (dates), in order.
/// Every quantity in `text`, in order (dates are left to the date patterns).
#[cfg(test)]
pub fn find_quantities(text: &str) -> Vec<QuantityMatch> {
    super::scan::scan(text, None).1
}

/// Reads the scanner's match at [start, end) as a quantity, if it is a claim.
pub(super) fn quantity_at(text: &str, start: usize, end: usize) -> Option<QuantityMatch> {
    if text[start..end].bytes().any(|b| b.is_ascii_digit()) {
        number_quantity(text, start, end)
    } else {
        WORDS
            .captures_at(&text[..end], start)
            .filter(|c| c.get(0).is_some_and(|w| w.start() == start))
            .and_then(|c| word_quantity(text, &c))
    }
}

/// The quantity written in digits at [start, end) (a QUANTITIES match), if it is a claim.
fn number_quantity(text: &str, start: usize, end: usize) -> Option<QuantityMatch> {
    // Splitting the match by hand is several times cheaper than asking the regex for
    // capture groups, and numbers are the most frequent match.
    let (cur, num, scale) = split_number(text, start, end);
    let currency = cur.and_then(currency_code);
    let scale = scale.filter(|s| {
        // "m", "k" and "bn" are scales only glued to a sum of money ("$2.5m").
        let short = matches!(s.trim(), "m" | "k" | "bn" | "mn");
        !short || (currency.is_some() && !s.starts_with([' ', '\t']))
    });
    let num_end = if scale.is_some() { end } else { num.1 };
    let raw = &text[num.0..num.1];
    if cur.is_none() && is_identifier(text, num.0, num_end) {
        return None;
    }
    if text[num_end..].starts_with(|ch: char| ch.is_ascii_alphabetic()) && scale.is_none() {
        return None; // ordinals ("31st") and units glued on ("5km")
    }
    let mut n = parse_digits(raw)?;
    if let Some(s) = scale {
        n *= scale_value(s);
    }
    let qualifier = qualifier_before(text, start);
    let is_year = scale.is_none()
        && currency.is_none()
        && raw.len() == 4
        && !raw.contains(['.', ','])
        && (1800.0..=2100.0).contains(&n)
        && qualifier.is_none();
    if is_year {
        return None;
    }
    let mut qstart = qualifier.map_or(start, |(_, s)| s);
    let mut range = qualified_range(qualifier.map(|q| q.0), n);
    let mut end = num_end;
    // Ranges written out: "between 20 and 30", "20 to 30".
    if let Some((hi, hi_end)) = range_upper(text, end, scale) {
        range = Range {
            low: Some(n),
            high: Some(hi),
        };
        end = hi_end;
        // "Between" belongs to the quote it opens.
        let head = text[..qstart].trim_end_matches([' ', '\t']);
        if head.len() >= 7
            && head.is_char_boundary(head.len() - 7)
            && head[head.len() - 7..].eq_ignore_ascii_case("between")
        {
            qstart = head.len() - 7;
        }
    }
    classify(
        text,
        qstart,
        end,
        range,
        qualifier.map(|q| q.0.to_string()),
        currency,
    )
}

fn range_upper(text: &str, end: usize, scale: Option<&str>) -> Option<(f64, usize)> {
    static UPPER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[ \t]+(?:to|and)[ \t]+|[-–])([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?-u:\b)")
            .expect("range pattern")
    });
    let c = UPPER.captures(&text[end..])?;
    let hi = parse_digits(&c[1])? * scale.map_or(1.0, scale_value);
    let connector_is_and = c[0].trim_start().starts_with("and");
    if connector_is_and
        && !text[..end]
            .to_ascii_lowercase()
            .trim_end()
            .rsplit(' ')
            .take(3)
            .any(|w| w == "between")
    {
        return None;
    }
    Some((hi, end + c.get(0)?.end()))
}

fn word_quantity(text: &str, c: &regex::Captures) -> Option<QuantityMatch> {
    let m = c.get(0)?;
    if let Some(d) = c.name("decade") {
        let lower = d.as_str().to_ascii_lowercase();
        let (n, unit) = if lower.ends_with("decade") {
            (1.0, "decades")
        } else if lower.starts_with("half") {
            (50.0, "years")
        } else {
            (1.0, "centuries")
        };
        let qualifier = qualifier_before(text, m.start());
        let r = qualified_range(qualifier.map(|q| q.0), n);
        return Some(QuantityMatch {
            kind: ClaimKind::Duration,
            start: qualifier.map_or(m.start(), |q| q.1),
            end: m.end(),
            value: Value {
                low: r.low,
                high: r.high,
                qualifier: qualifier.map(|q| q.0.to_string()),
                unit: Some(unit.into()),
                valid: true,
                ..Value::default()
            },
        });
    }
    if let Some(v) = c.name("vague") {
        let phrase = v
            .as_str()
            .to_ascii_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let range = vague_range(&phrase)?;
        let after = &text[m.end()..];
        let (len, subject) = noun_phrase_after(after)?;
        let end = m.end() + len;
        let predicate =
            predicate_after(&text[end..]).or_else(|| predicate_before(&text[..m.start()]));
        return Some(QuantityMatch {
            kind: ClaimKind::Count,
            start: m.start(),
            end,
            value: Value {
                low: range.low,
                high: range.high,
                qualifier: Some(phrase),
                subject: Some(match &predicate {
                    Some(p) => format!("{subject} {p}"),
                    None => subject,
                }),
                predicate,
                valid: true,
                ..Value::default()
            },
        });
    }
    let words = c.name("words")?.as_str();
    let lower = words.to_ascii_lowercase();
    // "one" and a lone "a" are too common to be counts ("one of", "a man").
    if lower == "a"
        || lower == "one"
        || lower == "half a"
        || (lower.starts_with("a ") && !lower.contains(' '))
    {
        return None;
    }
    if text[..m.start()].ends_with('-') || text[m.end()..].starts_with('-') {
        return None;
    }
    let n = parse_words(&lower)?;
    if n < 2.0 {
        return None;
    }
    let qualifier = qualifier_before(text, m.start());
    let qstart = qualifier.map_or(m.start(), |q| q.1);
    let range = qualified_range(qualifier.map(|q| q.0), n);
    let q = classify(
        text,
        qstart,
        m.end(),
        range,
        qualifier.map(|q| q.0.to_string()),
        None,
    )?;
    // Spelled-out counts need a plural subject right after ("three soldiers", not "two of").
    if q.kind == ClaimKind::Count && q.end == m.end() {
        return None;
    }
    Some(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> QuantityMatch {
        let found = find_quantities(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn counts_with_qualifiers_and_subjects() {
        let q = one("More than 100 civilians have reportedly been killed.");
        assert_eq!(
            &"More than 100 civilians have reportedly been killed."[q.start..q.end],
            "More than 100 civilians"
        );
        assert_eq!((q.value.low, q.value.high), (Some(100.0), None));
        assert_eq!(q.value.subject.as_deref(), Some("civilians killed"));
        assert_eq!(q.value.predicate.as_deref(), Some("killed"));
        let q = one("the Afghan security and defense forces, numbering more than 350,000, the");
        assert_eq!(
            q.value.subject.as_deref(),
            Some("Afghan security and defense forces")
        );
        assert_eq!(q.value.low, Some(350000.0));
    }

    #[test]
    fn spelled_out_and_vague_counts() {
        assert_eq!(one("twenty-five soldiers died").value.low, Some(25.0));
        assert_eq!(
            one("half a million refugees fled").value.low,
            Some(500000.0)
        );
        assert_eq!(one("a dozen houses burned").value.low, Some(12.0));
        let q = one("dozens of protesters were arrested");
        assert_eq!((q.value.low, q.value.high), (Some(24.0), Some(99.0)));
        assert_eq!(one("1.2 million people voted").value.low, Some(1_200_000.0));
    }

    #[test]
    fn money_percent_duration() {
        let q = one("a grant of $2.5 million for schools");
        assert_eq!(
            (q.kind, q.value.low, q.value.currency.as_deref()),
            (ClaimKind::Money, Some(2_500_000.0), Some("USD"))
        );
        assert_eq!(one("cost £3bn last").value.low, Some(3e9));
        assert_eq!(
            one("paid 500 million afghanis").value.currency.as_deref(),
            Some("AFN")
        );
        assert_eq!(one("rose 30 per cent").kind, ClaimKind::Percent);
        assert_eq!(one("about 30% of voters").value.low, Some(27.0));
        let q = one("nearly 200 years of rule");
        assert_eq!(
            (q.kind, q.value.unit.as_deref(), q.value.low, q.value.high),
            (ClaimKind::Duration, Some("years"), Some(180.0), Some(200.0))
        );
        assert_eq!(
            one("after a decade of war").value.unit.as_deref(),
            Some("decades")
        );
    }

    #[test]
    fn identifiers_and_furniture_are_not_claims() {
        for text in [
            "0 Views",
            "1,204 reads",
            "5 comments",
            "COVID-19 cases",
            "the G7 summit",
            "a Boeing 737 jet",
            "on Route 9 today",
            "under Article 5 rules",
            "F-16 jets",
            "at 10:30 local",
            "call +93 20 210 1234",
            "the 2010 floods",
            "on page 4 of",
        ] {
            assert!(
                find_quantities(text).is_empty(),
                "{text}: {:?}",
                find_quantities(text)
            );
        }
    }
}
