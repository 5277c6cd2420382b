//! Quantities: counts, money, percentages and durations, written in digits or words.

use std::sync::LazyLock;

use regex::Regex;

use super::names::is_identifier;
use super::qualifier::{Range, qualified_range, qualifier_before};
use super::subject::{noun_phrase_after, noun_phrase_before, predicate_after, predicate_before};
use super::words::{WORDS, word_quantity, words_pattern};
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

/// Numbers in digits or in words: the quantity part of the scanner's one pattern. Digit
/// matches are split by hand (see `split_number`); word matches are read again with WORDS.
pub(super) fn quantities_pattern() -> String {
    format!("(?:{NUMBER_PATTERN})|(?:{})", words_pattern())
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

pub(super) fn starts_with_word(s: &str, w: &str) -> bool {
    s.len() >= w.len()
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
