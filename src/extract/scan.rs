//! One pass over the text finds every date and quantity: the date, relative-date and
//! quantity patterns joined in one pattern (`patterns::scanner_pattern`), then each match
//! is read by the pattern that made it. The joined pattern is compiled to a DFA by the
//! build script and embedded: no process compiles it, nor builds its states as it searches
//! (a lazy DFA did both in each run: 1.3 ms before the first claim, and searching 20%
//! slower).

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex_automata::Input;
use regex_automata::dfa::dense::DFA;
use regex_automata::dfa::regex::Regex;

use super::dates::{DateAt, DateMatch, date_at};
use super::numbers::{QuantityMatch, quantity_at};

/// A DFA's bytes, aligned as `DFA::from_bytes` needs them (to 4).
#[repr(C, align(4))]
struct Aligned<B: ?Sized> {
    bytes: B,
}

static FORWARD: &Aligned<[u8]> = &Aligned {
    bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/scanner_fwd.dfa")),
};
static REVERSE: &Aligned<[u8]> = &Aligned {
    bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/scanner_rev.dfa")),
};

/// The scanner: leftmost-first, as `regex::Regex` searches the same pattern.
pub(super) static ANY: LazyLock<Regex<DFA<&'static [u32]>>> =
    LazyLock::new(|| Regex::builder().build_from_dfas(read_dfa(FORWARD), read_dfa(REVERSE)));

/// The DFA in `bytes`: checked whole in a debug build (every test run), taken as written
/// in a release. Checking read all 1.3 MB of it from the binary and walked every
/// transition: half a millisecond of a short article's wait for its first claim.
fn read_dfa(bytes: &'static Aligned<[u8]>) -> DFA<&'static [u32]> {
    #[cfg(debug_assertions)]
    let read = DFA::from_bytes(&bytes.bytes);
    // SAFETY: the bytes are the build script's serialization of a dense DFA, made by
    // `to_bytes_*` for this target's endianness with this same regex-automata (one
    // version in Cargo.lock for both), embedded unchanged; debug builds check them whole.
    #[cfg(not(debug_assertions))]
    let read = unsafe { DFA::from_bytes_unchecked(&bytes.bytes) };
    read.expect("the scanner's DFA, as the build script wrote it")
        .0
}

/// One claim the scan found.
pub enum Found {
    Date(DateMatch),
    Quantity(QuantityMatch),
}

/// The dates and the quantities of `text`, each in order, never overlapping.
pub fn scan(text: &str, published: Option<NaiveDate>) -> (Vec<DateMatch>, Vec<QuantityMatch>) {
    let mut dates = Vec::new();
    let mut quantities = Vec::new();
    scan_each(text, published, |found| match found {
        Found::Date(d) => dates.push(d),
        Found::Quantity(q) => quantities.push(q),
    });
    (dates, quantities)
}

/// Hands each date and quantity of `text` to `each` as it is found, in text order (each
/// starts where the one before ended or later): a long article's matches are never all
/// held at once.
pub fn scan_each(text: &str, published: Option<NaiveDate>, each: impl FnMut(Found)) {
    scan_range(text, published, 0..text.len(), each);
}

/// How far a scan of a range went, for ranges scanned apart to be joined (`claims_in`).
#[derive(Debug, Clone, Copy)]
pub struct Reach {
    /// The end of the last match that started in the range (claimed or not).
    pub matched: usize,
    /// The end of the last claim.
    pub consumed: usize,
}

/// `scan_each` over the matches that start in `range` of `text` (the text around it still
/// counts, and a match may run past its end).
pub fn scan_range(
    text: &str,
    published: Option<NaiveDate>,
    range: std::ops::Range<usize>,
    mut each: impl FnMut(Found),
) -> Reach {
    // Where the last claim ends: a match inside it ("20 to 30", a counted phrase) is part of it.
    let mut consumed = 0;
    let mut matched = range.start;
    let mut at = range.start;
    while let Some(m) = ANY.find(Input::new(text).range(at..)) {
        if m.start() >= range.end {
            break;
        }
        matched = m.end();
        // No pattern matches nothing; were one to, the search moves on by a character.
        at = if m.end() > m.start() {
            m.end()
        } else {
            text[m.end()..]
                .chars()
                .next()
                .map_or(text.len() + 1, |c| m.end() + c.len_utf8())
        };
        if at > text.len() {
            break;
        }
        if m.start() < consumed {
            continue;
        }
        match date_at(text, m.start(), m.end(), published) {
            DateAt::Found(d) => {
                consumed = d.end;
                each(Found::Date(d));
            }
            DateAt::Rejected => {}
            DateAt::NotADate => {
                if let Some(q) =
                    quantity_at(text, m.start(), m.end()).filter(|q| q.start >= consumed)
                {
                    consumed = q.end;
                    each(Found::Quantity(q));
                }
            }
        }
    }
    Reach { matched, consumed }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every match `find` (the next match from a place) gives in `text`, searched as
    /// `scan_range` searches.
    fn matches(
        text: &str,
        mut find: impl FnMut(usize) -> Option<(usize, usize)>,
    ) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        let mut at = 0;
        while at <= text.len() {
            let Some((s, e)) = find(at) else { break };
            found.push((s, e));
            at = if e > s { e } else { e + 1 };
            while !text.is_char_boundary(at.min(text.len())) {
                at += 1;
            }
        }
        found
    }

    /// The embedded DFA is the scanner's pattern as it stands (the build script compiled
    /// this very text) and searches as the regex crate does: the same matches, everywhere.
    #[test]
    fn the_embedded_dfa_matches_as_the_regex_crate_does() {
        let regex = regex::Regex::new(&super::super::patterns::scanner_pattern()).unwrap();
        let seed = include_str!("../../fixtures/articles/khalilzad.txt");
        let mut texts = vec![
            seed.to_string(),
            "On Monday, May 4th, 2021 — yesterday (Monday, May 4) — $1.5bn, 350\u{A0}000 \
             people, twenty-five troops, Rs. 1,00,000, ₹ 5 crores, 2021-05-04, the 3rd of \
             June 1999, dozens of homes, half a million, three days ago, New Year\u{2019}s Eve."
                .to_string(),
            "ſ ſix K KELVIN 12k 3 mn ﬁve ２０ Ⅻ ٣ tens of thousands ۱۴۰۰".to_string(),
        ];
        // Every suffix of the special text: a search may start anywhere.
        let tricky = texts[1].clone();
        texts.extend(tricky.char_indices().map(|(i, _)| tricky[i..].to_string()));
        let mut total = 0;
        for text in &texts {
            let ours = matches(text, |at| {
                ANY.find(Input::new(text).range(at..))
                    .map(|m| (m.start(), m.end()))
            });
            let theirs = matches(text, |at| {
                regex.find_at(text, at).map(|m| (m.start(), m.end()))
            });
            assert_eq!(ours, theirs, "in {text:?}");
            total += ours.len();
        }
        assert!(total > 100, "the texts have matches to compare ({total})");
    }
}
