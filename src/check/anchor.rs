//! Time and place anchors of a figure's sentence: "in 2003", "last year", "in March",
//! "in Kenya". Two figures with different anchors of one sort are not the same quantity.

use std::borrow::Cow;

use super::quantity::is_ordinal;
pub use crate::model::Anchor;
use crate::word_set::word_set;

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

word_set!(
    fn is_weekday = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
]
);

/// The month a word names, in full or abbreviated ("aug", "sept").
fn month_of(lower: &str) -> Option<usize> {
    const SHORT: &[&str] = &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    MONTHS
        .iter()
        .position(|m| *m == lower)
        .or_else(|| SHORT.iter().position(|m| *m == lower))
        .or_else(|| (lower == "sept").then_some(8))
        .map(|i| i + 1)
}

word_set!(
    /// Words after which a capitalized word is a place: "in Kenya", "across Ohio".
    fn is_place_lead = ["in", "across", "at", "near", "outside", "throughout"]
);

word_set!(
    /// Nouns of incidents a toll belongs to: two figures "killed in the blast" and "killed in an
    /// attack" are about two incidents as far as the words tell.
    fn is_incident = [
    "attack",
    "blast",
    "bombing",
    "explosion",
    "crash",
    "fire",
    "flood",
    "earthquake",
    "quake",
    "storm",
    "strike",
    "shooting",
    "clash",
    "accident",
    "raid",
    "ambush",
    "collision",
    "stampede",
    "riot",
    "landslide",
    "hurricane",
    "typhoon",
    "cyclone",
    "tsunami",
    "war",
]
);

fn singular_incident(w: &str) -> String {
    w.strip_suffix('s')
        .filter(|s| is_incident(s))
        .unwrap_or(w)
        .to_string()
}

/// The sort of anchor "last year", "this month", "next week" and "previous quarter" are.
fn period_sort(period: &str) -> &'static str {
    match period {
        "year" => "year",
        "month" => "month",
        "week" => "week",
        _ => "quarter",
    }
}

/// The clause of `sentence` that holds the byte `at`: clauses joined by ";" or "while",
/// "whereas", "but" each keep their own anchors ("In Helmand, 40 schools were destroyed;
/// in Kandahar, 12").
pub fn clause_at(sentence: &str, at: usize) -> &str {
    let (mut from, mut to) = (0, sentence.len());
    // One pass over the joins' first bytes rather than a substring search per join and
    // side: every figure asks for its clause.
    let bytes = sentence.as_bytes();
    for i in memchr::memchr2_iter(b';', b' ', bytes) {
        let len = if bytes[i] == b';' {
            if bytes.get(i + 1) == Some(&b' ') {
                2
            } else {
                continue;
            }
        } else {
            match JOIN_WORDS
                .iter()
                .find(|w| bytes[i..].starts_with(w.as_bytes()))
            {
                Some(w) => w.len(),
                None => continue,
            }
        };
        if i + len <= at {
            from = from.max(i + len);
        } else if i >= at {
            to = to.min(i);
        }
    }
    &sentence[from..to]
}

/// The joins after a space that start a clause of their own (besides "; ").
const JOIN_WORDS: &[&str] = &[" while ", " whereas ", " but "];

/// `s.split_whitespace()`, faster: on ASCII text without vertical tabs (where a split on
/// ASCII whitespace is the same split) it steps over bytes. The checks split the clause
/// around every figure into words, several times.
pub(super) fn words(s: &str) -> Words<'_> {
    // Folded without an early exit, so that many bytes are looked at a time.
    let ascii = !s
        .bytes()
        .fold(false, |other, b| other | (b >= 0x80) | (b == 0x0B));
    Words {
        rest: s,
        unicode: (!ascii).then(|| s.split_whitespace()),
    }
}

pub(super) struct Words<'a> {
    rest: &'a str,
    unicode: Option<std::str::SplitWhitespace<'a>>,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if let Some(split) = &mut self.unicode {
            return split.next();
        }
        // ASCII: every byte is a character boundary.
        let bytes = self.rest.as_bytes();
        let mut start = 0;
        while start < bytes.len() && bytes[start].is_ascii_whitespace() {
            start += 1;
        }
        if start == bytes.len() {
            self.rest = "";
            return None;
        }
        let mut end = start + 1;
        while end < bytes.len() && !bytes[end].is_ascii_whitespace() {
            end += 1;
        }
        let (word, rest) = self.rest.split_at(end);
        self.rest = rest;
        Some(&word[start..])
    }
}

/// `w.trim_matches(|c: char| !c.is_alphanumeric())`: a word without punctuation at its
/// ends (most) is looked at in two bytes, not decoded.
pub(super) fn trim_punctuation(w: &str) -> &str {
    match w.as_bytes() {
        [first, .., last] if first.is_ascii_alphanumeric() && last.is_ascii_alphanumeric() => w,
        [only] if only.is_ascii_alphanumeric() => w,
        _ => w.trim_matches(|c: char| !c.is_alphanumeric()),
    }
}

/// `w.to_lowercase()`, borrowed when that would change nothing (ASCII without capitals,
/// most words): the checks lowercase every word near every figure.
pub(super) fn lowercase(w: &str) -> Cow<'_, str> {
    if !w.is_ascii() {
        Cow::Owned(w.to_lowercase())
    } else if w.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(w.to_ascii_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

/// `anchor_of`, remembering the last clause asked on this thread: the figures of one clause
/// ("10,000 troops were deployed ..., and $100 million pledged") ask for it in a row, and
/// reading a clause's anchors is a third of the number-conflict check's time.
pub fn anchor_of_clause(clause: &str) -> Anchor {
    thread_local! {
        static LAST: std::cell::RefCell<(String, Anchor)> = Default::default();
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        // Compared by content: the anchors are a function of the words alone.
        if last.0 != clause {
            last.1 = anchor_of(clause);
            last.0.clear();
            last.0.push_str(clause);
        }
        last.1.clone()
    })
}

/// The time and place anchors of a sentence.
pub fn anchor_of(sentence: &str) -> Anchor {
    let mut a = Anchor::default();
    // One pass, each word trimmed of punctuation and lowercased once; the rules look back
    // at most three words. An ASCII sentence is lowercased whole and its words read at the
    // same places: one copy rather than one per capitalized word.
    let lowered = if sentence.is_ascii() {
        sentence.to_ascii_lowercase()
    } else {
        String::new()
    };
    let base = sentence.as_ptr() as usize;
    // The last three words (as written, lowercase), word `i` at `i % 3`: written in place,
    // not shifted along (shifting them was a fifth of the time here).
    let mut ring: [(&str, Cow<str>); 3] = Default::default();
    for (i, w) in words(sentence).enumerate() {
        let w = trim_punctuation(w);
        let lower = if lowered.is_empty() {
            lowercase(w)
        } else {
            let at = w.as_ptr() as usize - base;
            Cow::Borrowed(&lowered[at..at + w.len()])
        };
        let word_rules = Word {
            i,
            w,
            lower: &lower,
            ring: &ring,
        };
        word_rules.anchors(&mut a);
        ring[i % 3] = (w, lower);
    }
    a
}

/// A word of a sentence and the three before it.
struct Word<'s, 'b> {
    i: usize,
    w: &'s str,
    lower: &'b str,
    ring: &'b [(&'s str, Cow<'s, str>); 3],
}

impl<'s> Word<'s, '_> {
    /// The word `n + 1` words back (0: the one before), or empty words before the first.
    fn back(&self, n: usize) -> &(&'s str, Cow<'s, str>) {
        &self.ring[(self.i + 2 - n) % 3]
    }

    fn anchors(&self, a: &mut Anchor) {
        let (i, w, lower) = (self.i, self.w, self.lower);
        let back_lower = |n: usize| &*self.back(n).1;
        if w.len() == 4
            && w.bytes().all(|b| b.is_ascii_digit())
            && (1900..=2100).contains(&w.parse::<i32>().unwrap_or(0))
        {
            a.push("year", w.to_string());
        }
        if i > 0 {
            let p = back_lower(0);
            if matches!(p, "last" | "this" | "next" | "previous")
                && matches!(lower, "year" | "month" | "week" | "quarter")
            {
                a.push(period_sort(lower), p.to_string());
            }
            if lower == "quarter" && is_ordinal(p) {
                a.push("quarter", p.to_string());
            }
        }
        let capitalized = w.starts_with(char::is_uppercase);
        // Months and weekdays count only capitalized: most words are not, and skip the lists.
        let weekday = capitalized && is_weekday(lower);
        if matches!(lower, "yesterday" | "today" | "tonight" | "overnight") || weekday {
            a.push("day", lower.to_string());
        }
        // "killed in the blast", "in an attack on a market": the incident a figure belongs to.
        if i >= 2
            && matches!(
                back_lower(0),
                "the" | "a" | "an" | "another" | "that" | "this"
            )
            && matches!(back_lower(1), "in" | "by" | "during")
        {
            let incident = singular_incident(lower);
            if is_incident(&incident) {
                a.push("incident", incident);
            }
        }
        let month = if capitalized { month_of(lower) } else { None };
        if i > 0 && month.is_some() && lower != "may" {
            a.push("month", month.unwrap_or(0).to_string());
        }
        // "in Kenya", "in the Tanzanian capital", "in southern Asia": the first capitalized
        // word within three words after a place lead.
        if capitalized && w.len() > 1 && month.is_none() && !weekday {
            let lead = (1..=3.min(i)).any(|n| {
                is_place_lead(back_lower(n - 1))
                    && (0..n - 1).all(|k| self.back(k).0.starts_with(char::is_lowercase))
            });
            if lead {
                a.push("place", lower.to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `anchor_of` as first written: every word and its lowercase collected, the rules
    /// reading them by index.
    fn anchor_of_plain(sentence: &str) -> Anchor {
        let mut a = Anchor::default();
        let words: Vec<&str> = sentence
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .collect();
        let lowers: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        for (i, &w) in words.iter().enumerate() {
            let lower = lowers[i].as_str();
            if w.len() == 4
                && w.bytes().all(|b| b.is_ascii_digit())
                && (1900..=2100).contains(&w.parse::<i32>().unwrap_or(0))
            {
                a.push("year", w.to_string());
            }
            if let Some(n) = lowers.get(i + 1).map(String::as_str) {
                if matches!(lower, "last" | "this" | "next" | "previous")
                    && matches!(n, "year" | "month" | "week" | "quarter")
                {
                    a.push(period_sort(n), lower.to_string());
                }
                if n == "quarter" && is_ordinal(lower) {
                    a.push("quarter", lower.to_string());
                }
            }
            let capitalized = w.starts_with(char::is_uppercase);
            let weekday = capitalized && is_weekday(lower);
            if matches!(lower, "yesterday" | "today" | "tonight" | "overnight") || weekday {
                a.push("day", lower.to_string());
            }
            if i >= 2
                && matches!(
                    lowers[i - 1].as_str(),
                    "the" | "a" | "an" | "another" | "that" | "this"
                )
                && matches!(lowers[i - 2].as_str(), "in" | "by" | "during")
            {
                let incident = singular_incident(lower);
                if is_incident(&incident) {
                    a.push("incident", incident);
                }
            }
            let month = if capitalized { month_of(lower) } else { None };
            if i > 0 && month.is_some() && lower != "may" {
                a.push("month", format!("{}", month.unwrap_or(0)));
            }
            if capitalized && w.len() > 1 && month.is_none() && !weekday {
                let lead = (1..=3).any(|back| {
                    i >= back
                        && is_place_lead(&lowers[i - back])
                        && words[i - back + 1..i]
                            .iter()
                            .all(|m| m.starts_with(char::is_lowercase))
                });
                if lead {
                    a.push("place", lower.to_string());
                }
            }
        }
        a
    }

    #[test]
    fn anchors_read_in_one_pass_are_those_of_the_plain_rules() {
        let vocabulary = [
            "in",
            "the",
            "In",
            "Kenya",
            "last",
            "year",
            "Last",
            "Year",
            "third",
            "quarter",
            "2003,",
            "(1995)",
            "Monday",
            "monday",
            "Yesterday",
            "today",
            "by",
            "an",
            "attacks",
            "Blast",
            "during",
            "March",
            "May",
            "Aug.",
            "sept",
            "near",
            "southern",
            "Asia",
            "across",
            "OHIO",
            "\u{212a}enya",
            "Ünited",
            "—",
            "at",
            "this",
            "week",
            "\u{a0}",
            "naïve",
            "İzmir",
            "outside",
            "a",
            "fire",
        ];
        // Every sentence of up to five words from the vocabulary would be too many: a fixed
        // walk through them (an LCG) gives ten thousand varied ones.
        let mut seed: u64 = 7;
        for _ in 0..10_000 {
            let mut sentence = String::new();
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            for _ in 0..(seed >> 60) % 8 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                sentence.push_str(vocabulary[(seed >> 33) as usize % vocabulary.len()]);
                sentence.push(if seed & 1 == 0 { ' ' } else { '\t' });
            }
            assert_eq!(
                anchor_of(&sentence),
                anchor_of_plain(&sentence),
                "{sentence:?}"
            );
        }
        for sentence in [
            "168 people were killed in 1995 in the bombing in Oklahoma City last year",
            "in the Tanzanian capital on Monday, in the first quarter",
            "",
        ] {
            assert_eq!(
                anchor_of(sentence),
                anchor_of_plain(sentence),
                "{sentence:?}"
            );
        }
    }

    #[test]
    fn a_clause_asked_again_has_the_same_anchors() {
        for clause in [
            "in Kenya last year",
            "in Kenya last year",
            "",
            "on Monday in Gaza",
            "",
        ] {
            assert_eq!(anchor_of_clause(clause), anchor_of(clause), "{clause}");
        }
        assert!(!anchor_of_clause("in Kenya last year").encode().is_empty());
    }

    #[test]
    fn clause_at_is_the_clause_between_the_nearest_joins() {
        // The plain definition: per join, its last whole occurrence before and its first
        // at or after the figure.
        fn plain(sentence: &str, at: usize) -> &str {
            const JOINS: &[&str] = &["; ", " while ", " whereas ", " but "];
            let from = JOINS
                .iter()
                .filter_map(|j| sentence[..at].rfind(j).map(|i| i + j.len()))
                .max()
                .unwrap_or(0);
            let to = JOINS
                .iter()
                .filter_map(|j| sentence[at..].find(j).map(|i| at + i))
                .min()
                .unwrap_or(sentence.len());
            &sentence[from..to]
        }
        for sentence in [
            "In Helmand, 40 schools were destroyed; in Kandahar, 12 while 30 but 4",
            "; ;  but  but while whereas ; x",
            "10 died but while 20; whereas but",
            "no joins here at all",
            "",
            "a;b; c ;; d",
            "Kabul \u{2014} 5 but « 6 » whereas 7; ",
        ] {
            for at in (0..=sentence.len()).filter(|&i| sentence.is_char_boundary(i)) {
                assert_eq!(
                    clause_at(sentence, at),
                    plain(sentence, at),
                    "{sentence:?} at {at}"
                );
            }
        }
    }

    #[test]
    fn words_are_split_as_on_any_whitespace() {
        for s in [
            "  In Kabul,\t40 died\n\nyesterday  ",
            "a\u{b}b c\u{c}d\re",
            "no\u{a0}break here\u{2003}and \u{3000}there",
            "",
            " ",
            "x",
            "  x",
            "x  ",
            "naïve café — 12",
        ] {
            assert_eq!(
                words(s).collect::<Vec<_>>(),
                s.split_whitespace().collect::<Vec<_>>(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn punctuation_is_trimmed_as_by_characters() {
        for w in [
            "word",
            "a",
            "7",
            "(Monday,",
            "“Kabul”",
            "2021.",
            "—",
            "",
            "...",
            "naïve",
            "é",
            "x'",
            "'x",
            "«ça»",
            "١٢",
        ] {
            assert_eq!(
                trim_punctuation(w),
                w.trim_matches(|c: char| !c.is_alphanumeric()),
                "{w:?}"
            );
        }
    }

    #[test]
    fn lowercase_is_to_lowercase_and_copies_only_when_that_changes_the_word() {
        for w in [
            "killed",
            "Kenya",
            "KABUL",
            "",
            "Ünited",
            "ΣΟΦΙΑ",
            "ǅemal",
            "naïve",
            "2021",
        ] {
            assert_eq!(lowercase(w), w.to_lowercase(), "{w}");
        }
        assert!(matches!(lowercase("killed"), Cow::Borrowed(_)));
        assert!(matches!(lowercase("Kenya"), Cow::Owned(_)));
    }
}
