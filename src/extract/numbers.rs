//! Quantities: counts, money, percentages and durations, written in digits or words.

use std::sync::LazyLock;

use super::groups::{GroupPattern, Which};

use super::names::is_identifier;
use super::qualifier::{Range, qualified_range, qualifier_before};
use super::subject::{
    elided_subject, noun_phrase_after, noun_phrase_before, predicate_after, predicate_before,
};
use super::words::{WORDS, word_quantity};
use crate::model::{ClaimKind, Fields};

#[derive(Debug, Clone)]
pub struct QuantityMatch {
    pub kind: ClaimKind,
    pub start: usize,
    pub end: usize,
    pub value: Fields,
}

/// Spaces that group digits ("350 000"): what `parse_digits` drops.
const GROUP_SPACES: &[char] = &[' ', '\u{A0}', '\u{202F}'];

fn scale_value(s: &str) -> f64 {
    // Lowercased on the stack: no scale word is longer than eight letters.
    let s = s.trim();
    let mut lower = [0u8; 8];
    let Some(lower) = lower.get_mut(..s.len()) else {
        return 1.0;
    };
    lower.copy_from_slice(s.as_bytes());
    lower.make_ascii_lowercase();
    match &*lower {
        b"hundred" => 1e2,
        b"thousand" | b"k" => 1e3,
        b"million" | b"m" | b"mn" => 1e6,
        b"lakh" | b"lakhs" => 1e5,
        b"crore" | b"crores" => 1e7,
        b"billion" | b"bn" => 1e9,
        b"trillion" => 1e12,
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
        "Rs" | "₹" | "INR" => Some("INR"),
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
    "nights",
    "night",
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

pub(super) fn starts_with_word(s: &str, w: &str) -> bool {
    // The first letters first: a figure is tried against some sixty words.
    let first = |t: &str| t.as_bytes().first().map(u8::to_ascii_lowercase);
    (w.is_empty() || first(s) == first(w))
        && s.len() >= w.len()
        && s.is_char_boundary(w.len())
        && s[..w.len()].eq_ignore_ascii_case(w)
        && !s
            .as_bytes()
            .get(w.len())
            .is_some_and(|b| b.is_ascii_alphanumeric())
}

/// Classifies the quantity whose number ends at `num_end`; returns the claim.
pub(super) fn classify(
    text: &str,
    qstart: usize,
    num_end: usize,
    range: Range,
    qualifier: Option<String>,
    currency: Option<&'static str>,
) -> Option<QuantityMatch> {
    let after = &text[num_end..];
    let mut value = Fields {
        low: range.low,
        high: range.high,
        qualifier,
        valid: true,
        ..Fields::default()
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
    if !after.starts_with('%')
        && let Some(m) = super::units::measure(text, qstart, num_end, &value)
    {
        return m;
    }
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
    if gap > 0
        && let Some((len, code)) = minor_unit(text, qstart, trimmed)
    {
        // 75 cents is 0.75 of the currency it is a cent of.
        value.low = value.low.map(|x| x / 100.0);
        value.high = value.high.map(|x| x / 100.0);
        value.currency = code.map(str::to_string);
        return Some(money(text, qstart, num_end + gap + len, value));
    }
    for (word, code) in CURRENCY_WORDS {
        if gap > 0 && starts_with_word(trimmed, word) {
            value.currency = Some(code.to_string());
            return Some(money(text, qstart, num_end + gap + word.len(), value));
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
    // "the 80486 chip", "a 737 jet", "the Three Gorges Dam": a number between an article
    // and a singular noun, or a name, names a thing; it does not count.
    let phrase_after = noun_phrase_after(after);
    if let Some((_, np)) = &phrase_after
        && value.qualifier.is_none()
        && value
            .low
            .is_some_and(|n| named_by_number(text, qstart, n, np))
    {
        return None;
    }
    // A count: the counted thing after the number, else named before it, else left out
    // before an event ("Three people were killed and 12 injured", "more than 2,000 died").
    let (end, subject) = match phrase_after {
        Some((len, np)) => (num_end + len, np),
        None => match noun_phrase_before(text, qstart) {
            Some(np) => (num_end, np),
            None => (num_end, elided_subject(text, qstart, after)?),
        },
    };
    let predicate = predicate_after(&text[end..]).or_else(|| predicate_before(&text[..qstart]));
    value.subject = Some(match &predicate {
        Some(p) => {
            let mut s = subject;
            s.push(' ');
            s.push_str(p);
            s
        }
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

/// A sum of money at [qstart, end) with its currency set: what it is for is attached.
fn money(text: &str, qstart: usize, end: usize, mut value: Fields) -> QuantityMatch {
    attach_subject(text, qstart, end, &mut value, true);
    QuantityMatch {
        kind: ClaimKind::Money,
        start: qstart,
        end,
        value,
    }
}

/// "cents", "euro cents", "Canadian cents", "pence" after a number: the length of the words
/// and the currency. Pence are pounds; cents take the currency of the nearest sum of money
/// in the same sentence, else none.
fn minor_unit(text: &str, qstart: usize, trimmed: &str) -> Option<(usize, Option<&'static str>)> {
    for (word, code) in [
        ("pence", Some("GBP")),
        ("euro cents", Some("EUR")),
        ("US cents", Some("USD")),
        ("Canadian cents", Some("CAD")),
        ("cents", None),
        ("cent", None),
    ] {
        // As written: "50 Cent" is a rapper, not half a dollar.
        if trimmed.starts_with(word) && starts_with_word(trimmed, word) {
            return Some((word.len(), code.or_else(|| nearby_currency(text, qstart))));
        }
    }
    None
}

/// The currency of the sum of money nearest to `at` within its sentence.
fn nearby_currency(text: &str, at: usize) -> Option<&'static str> {
    // The sentence: a full stop counts only before a space ("$12.40" has one inside).
    let from = super::tail(&text[..at], 200);
    let from = [". ", "! ", "? ", "\n"]
        .iter()
        .filter_map(|e| from.rfind(e).map(|i| i + e.len()))
        .max()
        .map_or(from, |i| &from[i..]);
    let mut to = (at + 200).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let after = &text[at..to];
    let after = [". ", "! ", "? ", "\n"]
        .iter()
        .filter_map(|e| after.find(e))
        .min()
        .map_or(after, |i| &after[..i]);
    let symbol = |s: &str, last: bool| {
        let found = ["US$", "$", "€", "£", "¥"]
            .iter()
            .filter_map(|c| if last { s.rfind(c) } else { s.find(c) }.map(|i| (i, *c)));
        let best = if last {
            found.max_by_key(|x| x.0)
        } else {
            found.min_by_key(|x| x.0)
        };
        best.and_then(|(i, c)| currency_code(c).map(|code| (i, code)))
    };
    let before = symbol(from, true).map(|(i, c)| (from.len() - i, c));
    let later = symbol(after, false);
    match (before, later) {
        (Some(b), Some(l)) => Some(if b.0 <= l.0 { b.1 } else { l.1 }),
        (b, l) => b.or(l).map(|x| x.1),
    }
}

fn plural_unit(unit: &str) -> String {
    match unit {
        "century" | "centuries" => "centuries".into(),
        u if u.ends_with('s') => u.into(),
        u => format!("{u}s"),
    }
}

fn attach_subject(text: &str, qstart: usize, end: usize, value: &mut Fields, money: bool) {
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

fn attach_percent_subject(text: &str, qstart: usize, end: usize, value: &mut Fields) {
    let trimmed = text[end..].trim_start();
    if starts_with_word(trimmed, "of") {
        let mut rest = trimmed[2..].trim_start();
        // "of their income": the determiner is not part of the subject.
        for det in [
            "the ", "their ", "its ", "his ", "her ", "our ", "all ", "a ",
        ] {
            rest = rest.strip_prefix(det).unwrap_or(rest);
        }
        // A noun phrase is a few words: copy those, not the rest of the article (which made
        // "N percent of" quadratic on long texts).
        let mut cut = rest.len().min(200);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        // The phrase is read after a space: the one before it in the text when there is one
        // (after "of " or "the "), else a copy with one.
        let at = text.len() - rest.len();
        let phrase = if at > 0 && text.as_bytes()[at - 1] == b' ' {
            noun_phrase_after(&text[at - 1..at + cut])
        } else {
            noun_phrase_after(&format!(" {}", &rest[..cut]))
        };
        if let Some((_, np)) = phrase {
            value.subject = Some(np);
            return;
        }
    }
    value.subject = noun_phrase_before(text, qstart);
}

fn parse_digits(s: &str) -> Option<f64> {
    // The separators dropped on the stack: every figure is parsed, most are short.
    let mut buf = [0u8; 40];
    let mut n = 0;
    for c in s.chars() {
        match c {
            ',' | ' ' | '\u{A0}' | '\u{202F}' => {}
            c if c.is_ascii() && n < buf.len() => {
                buf[n] = c as u8;
                n += 1;
            }
            _ => return s.replace([',', ' ', '\u{A0}', '\u{202F}'], "").parse().ok(),
        }
    }
    std::str::from_utf8(&buf[..n]).ok()?.parse().ok()
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
    // Digits, separators, and a grouping space when a digit follows it.
    let rest = &s[digits_at..];
    let mut digits_len = rest.len();
    for (i, c) in rest.char_indices() {
        let grouping = GROUP_SPACES.contains(&c)
            && rest[i + c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit());
        if !(c.is_ascii_digit() || c == ',' || c == '.' || grouping) {
            digits_len = i;
            break;
        }
    }
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
            .at(&text[..end], start)
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
        // "m", "k" and "bn" are scales only glued to a sum of money ("$2.5m") or to a number
        // of things ("3m people"); "1.5m" alone may be metres.
        let short = matches!(s.trim(), "m" | "k" | "bn" | "mn");
        !short
            || (!s.starts_with([' ', '\t'])
                && (currency.is_some()
                    || (matches!(*s, "m" | "bn")
                        && !is_race_distance(&text[num.0..num.1])
                        && counted_things_follow(&text[end..]))))
    });
    let num_end = if scale.is_some() { end } else { num.1 };
    let raw = &text[num.0..num.1];
    if cur.is_none()
        && let Some(q) = hyphenated(text, start, num.0, num_end, raw, scale)
    {
        return q;
    }
    // A unit glued on ("5km") or joined by a hyphen ("a 25-kilometre front") makes a
    // measure, not an identifier.
    let unit = cur.is_none() && scale.is_none() && super::units::unit_follows(&text[num_end..]);
    if cur.is_none() && !unit && is_identifier(text, num.0, num_end) {
        return None;
    }
    if text[num_end..].starts_with(|ch: char| ch.is_ascii_alphabetic()) && scale.is_none() && !unit
    {
        return None; // ordinals ("31st"), model names ("5G")
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

/// An article right before the number and after it a name ("the Two Ronnies") or, for
/// numbers of 100 and more, a singular noun ("the 80486 chip", "the 25,000 mark"); small
/// numbers before a verb-ended phrase ("the two companies develop") are left as they were.
fn named_by_number(text: &str, qstart: usize, n: f64, np: &str) -> bool {
    let prev = text[..qstart]
        .trim_end()
        .rsplit([' ', '\t', '\n'])
        .next()
        .unwrap_or("");
    // The head noun is the last word: "the four big public banks".
    let head = np.split_whitespace().last().unwrap_or("");
    let plural = head.ends_with('s')
        || matches!(
            head.to_ascii_lowercase().as_str(),
            "people"
                | "children"
                | "men"
                | "women"
                | "police"
                | "staff"
                | "personnel"
                | "cattle"
                | "sheep"
                | "fish"
                | "troops"
                | "crew"
                | "livestock"
                | "aircraft"
                | "militia"
        );
    let name = np.starts_with(|c: char| c.is_ascii_uppercase());
    matches!(prev.to_ascii_lowercase().as_str(), "the" | "a" | "an")
        && (name || (n >= 100.0 && !plural))
}

/// Track and swimming distances in metres: "the 60m hurdles", "800m runners" are no
/// millions. (A glued "k" is never a count's scale: "2k projectors" are a resolution.)
fn is_race_distance(digits: &str) -> bool {
    matches!(
        digits,
        "50" | "60"
            | "100"
            | "110"
            | "200"
            | "400"
            | "800"
            | "1500"
            | "1,500"
            | "3000"
            | "3,000"
            | "5000"
            | "5,000"
            | "10000"
            | "10,000"
    )
}

/// Whether a plural noun follows: "3m people", "2bn barrels".
fn counted_things_follow(after: &str) -> bool {
    after.starts_with(' ')
        && noun_phrase_after(after).is_some_and(|(_, np)| {
            let first = np.split_whitespace().next().unwrap_or("");
            first.starts_with(|c: char| c.is_ascii_lowercase())
                && (first.ends_with('s')
                    || matches!(first, "people" | "children" | "men" | "women"))
        })
}

/// Numbers glued to a hyphen that are still claims: "a 5,000-strong force" (a count of the
/// force) and "20-25 people" (a range). Some(None) when the hyphen makes it no claim.
fn hyphenated(
    text: &str,
    start: usize,
    num_start: usize,
    num_end: usize,
    raw: &str,
    scale: Option<&str>,
) -> Option<Option<QuantityMatch>> {
    let after = &text[num_end..];
    if !after.starts_with(['-', '\u{2013}']) || text[..num_start].ends_with(['-', '/']) {
        return None;
    }
    let n = parse_digits(raw)? * scale.map_or(1.0, scale_value);
    if let Some(rest) = after.strip_prefix("-strong") {
        let (len, subject) = noun_phrase_after(rest)?;
        let end = num_end + "-strong".len() + len;
        let mut value = Fields {
            low: Some(n),
            high: Some(n),
            subject: Some(subject),
            valid: true,
            ..Fields::default()
        };
        if let Some(p) = predicate_after(&text[end..]) {
            value.subject = value.subject.map(|s| format!("{s} {p}"));
            value.predicate = Some(p);
        }
        return Some(Some(QuantityMatch {
            kind: ClaimKind::Count,
            start,
            end,
            value,
        }));
    }
    // "20-25 people": a range when the upper end is higher and things are counted; a score
    // ("won 3-2") or a model ("737-800") is not.
    let (hi, hi_end) = range_upper(text, num_end, scale)?;
    let prev = text[..num_start]
        .trim_end()
        .rsplit([' ', '\t', '\n'])
        .next()
        .unwrap_or("");
    let named = prev.starts_with(|c: char| c.is_uppercase()) && !prev.ends_with('.');
    if hi <= n || named || !counted_things_follow(&text[hi_end..]) {
        return None;
    }
    let q = classify(
        text,
        start,
        hi_end,
        Range {
            low: Some(n),
            high: Some(hi),
        },
        None,
        None,
    );
    Some(q)
}

/// The upper end of a range after its first figure: "to 300", "-12".
pub(super) static UPPER: LazyLock<GroupPattern> =
    LazyLock::new(|| GroupPattern::embedded(Which::Upper));

fn range_upper(text: &str, end: usize, scale: Option<&str>) -> Option<(f64, usize)> {
    // What UPPER needs first, seen without it: every figure asks.
    let rest = &text[end..];
    let spaced = rest.trim_start_matches([' ', '\t']);
    let joined =
        spaced.len() < rest.len() && (spaced.starts_with("to") || spaced.starts_with("and"));
    if !joined && !rest.starts_with(['-', '–']) {
        return None;
    }
    let c = UPPER.at(text, end)?;
    let hi = parse_digits(&c[1])? * scale.map_or(1.0, scale_value);
    let connector_is_and = c[0].trim_start().starts_with("and");
    if connector_is_and
        && !super::tail(&text[..end], 40)
            .to_ascii_lowercase()
            .split_whitespace()
            .rev()
            .take(3)
            .any(|w| w == "between")
    {
        return None;
    }
    Some((hi, c.get(0)?.end()))
}

#[cfg(test)]
#[path = "numbers_tests.rs"]
mod tests;
