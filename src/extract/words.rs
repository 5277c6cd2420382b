//! Numbers written in words: "twenty-five", "half a million", "a dozen", "dozens of".

use std::sync::LazyLock;

use super::groups::{GroupPattern, Groups, Which};
use super::numbers::{QuantityMatch, classify};
use super::patterns::{TENS, UNITS};
use super::qualifier::{qualified_range, qualifier_before, vague_range};
use super::subject::{noun_phrase_after, predicate_after, predicate_before};
use crate::model::{ClaimKind, Fields};

/// Whether a word is a number in words ("three", "Twelve", "twenty-five").
pub(super) fn is_number_word(w: &str) -> bool {
    let lower = w.to_ascii_lowercase();
    lower.split('-').all(|p| word_value(p).is_some()) && lower != "a"
}

pub(super) static WORDS: LazyLock<GroupPattern> =
    LazyLock::new(|| GroupPattern::embedded(Which::Words));

/// `WORDS`' group numbers, found once.
struct WordGroups {
    decade: usize,
    vague: usize,
    frac: usize,
    words: usize,
}

static WG: LazyLock<WordGroups> = LazyLock::new(|| WordGroups {
    decade: WORDS.group("decade"),
    vague: WORDS.group("vague"),
    frac: WORDS.group("frac"),
    words: WORDS.group("words"),
});

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
        "quarter" => Some(0.25),
        "third" => Some(1.0 / 3.0),
        _ => None,
    }
}

/// "a quarter of a million" as parse_words reads it: "quarter a million".
fn fraction_phrase(phrase: &str) -> String {
    let lower = phrase.to_ascii_lowercase();
    let scale = if lower.ends_with("billion") {
        "billion"
    } else {
        "million"
    };
    let part = if lower.contains("three") {
        "three-quarters"
    } else if lower.contains("third") {
        "third"
    } else {
        "quarter"
    };
    format!("{part} {scale}")
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
            "three-quarters" => current = Some(0.75),
            _ => {
                let v = w.split('-').map(word_value).sum::<Option<f64>>()?;
                current = Some(current.unwrap_or(0.0) + v);
            }
        }
    }
    Some(total + current.unwrap_or(0.0))
}

pub(super) fn word_quantity(text: &str, c: &Groups) -> Option<QuantityMatch> {
    let m = c.get(0)?;
    if let Some(d) = c.get(WG.decade) {
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
            value: Fields {
                low: r.low,
                high: r.high,
                qualifier: qualifier.map(|q| q.0.to_string()),
                unit: Some(unit.into()),
                valid: true,
                ..Fields::default()
            },
        });
    }
    if let Some(v) = c.get(WG.vague) {
        let phrase = super::phrase_key(v.as_str());
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
            value: Fields {
                low: range.low,
                high: range.high,
                qualifier: Some(phrase),
                subject: Some(match &predicate {
                    Some(p) => format!("{subject} {p}"),
                    None => subject,
                }),
                predicate,
                valid: true,
                ..Fields::default()
            },
        });
    }
    let lower = match c.get(WG.frac) {
        Some(f) => fraction_phrase(f.as_str()),
        None => c.get(WG.words)?.as_str().to_ascii_lowercase(),
    };
    // "one" and a lone "a" are too common to be counts ("one of", "a man").
    if lower == "a"
        || lower == "one"
        || lower == "half a"
        || (lower.starts_with("a ") && !lower.contains(' '))
    {
        return None;
    }
    // "twenty-one" is read whole; "nine-metre" is a measure, the rest no claim.
    if text[..m.start()].ends_with('-')
        || (text[m.end()..].starts_with('-') && !super::units::unit_follows(&text[m.end()..]))
    {
        return None;
    }
    let n = parse_words(&lower)?.round();
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
