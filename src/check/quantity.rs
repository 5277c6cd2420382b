//! "The same quantity": when two figures measure the same thing and so can be compared.
//!
//! Read from the claim and its own sentence, so that an extracted claim and a stored one
//! (whose terms are kept in columns) agree. On real news most figures that share a noun are
//! not the same quantity: a part of a total, another event, a price, a score. So a figure is
//! comparable only when it is stated as a total of a named event:
//! - counts need an event word from their own clause ("killed", "displaced");
//! - money needs what it is for right after it ("$4 million in aid");
//! - percentages need what they are a share of ("60 percent of the crops") and a verb of
//!   their own clause ("reached"), so that two answers of one survey are not compared;
//! - no partitive or increment cue ("a further", "another", "including", "of them",
//!   "each", "per", "the first night"), no change ("rose to", "up from", "by"), no price or
//!   rate ("a share", "a barrel", "a year");
//! - their time and place anchors ("in 2003", "last year", "in March", "in Kenya") may be
//!   missing on one side, but two different anchors of one sort never match.

use std::borrow::Cow;

pub use super::anchor::{Anchor, anchor_of};
use super::anchor::{anchor_of_clause, clause_at, lowercase, trim_punctuation, words};
use crate::extract::{event_class, push_singular};
use crate::model::{Claim, ClaimKind};
use crate::word_set::word_set;

/// What a comparable figure is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Terms {
    /// The counted thing, lowercase and singular ("civilian").
    pub subject: String,
    /// The event class ("killed") or, for a percentage, its clause's verb.
    pub event: Option<String>,
    pub anchor: Anchor,
}

/// The comparable terms of a claim, or None when it is not a total that can be compared.
pub fn terms(c: &Claim) -> Option<Terms> {
    if !matches!(
        c.kind(),
        ClaimKind::Count | ClaimKind::Money | ClaimKind::Percent | ClaimKind::Measure
    ) {
        return None;
    }
    // A measure compares in SI: one whose scale is not said ("40 degrees") cannot.
    if c.kind() == ClaimKind::Measure
        && (c.value.si_range().0.is_none() && c.value.si_range().1.is_none())
    {
        return None;
    }
    let subject = c.value.subject()?;
    let noun = match c.value.predicate() {
        Some(p) => subject.strip_suffix(p).unwrap_or(subject).trim_end(),
        None => subject,
    };
    // The noun's words made singular, joined by spaces.
    let mut singular = String::with_capacity(noun.len());
    for w in words(noun) {
        if !singular.is_empty() {
            singular.push(' ');
        }
        let from = singular.len();
        push_singular(w, &mut singular);
        if is_unit_noun(&singular[from..]) {
            return None;
        }
    }
    if singular.is_empty() {
        return None;
    }
    let (before, after) = context(c);
    let before_words = clause_words_before(before);
    let after_lower = after.trim_start().to_ascii_lowercase();
    // The event first: it rules out most percentages and sums at less cost than the
    // reading of parts and changes.
    let event = match c.kind() {
        ClaimKind::Count => Some(c.value.predicate().and_then(event_class)?.to_string()),
        // What a measure is of is its subject ("fire front"); no event word is needed.
        ClaimKind::Measure => None,
        ClaimKind::Money => {
            let noun = noun_text(subject);
            let subject_follows = ["in", "for", "of", "worth of"].iter().any(|lead| {
                after_lower
                    .strip_prefix(lead)
                    .and_then(|rest| rest.strip_prefix(' '))
                    .is_some_and(|rest| rest.starts_with(&noun))
            });
            // "pledged $2.5 million in aid" is a total given; "has $2.3 billion in assets"
            // or "with $5.4 billion in assets" is a holding of whoever the sentence is about.
            let acted = before_words.iter().rev().take(4).any(|w| verbish(w));
            if !subject_follows || !acted {
                return None;
            }
            None
        }
        _ => {
            if !after_lower.starts_with("of ") {
                return None;
            }
            Some(clause_verb(&before_words, &after_lower)?)
        }
    };
    if is_part_or_change(&before_words, &after_lower) || is_rate(&after_lower) {
        return None;
    }
    Some(Terms {
        subject: singular,
        event,
        anchor: anchor_of_clause(clause_at(&c.sentence, before.len())),
    })
}

fn noun_text(subject: &str) -> String {
    subject.to_ascii_lowercase()
}

word_set!(
    /// Nouns that measure, price or score rather than count things that happen.
    fn is_unit_noun = [
    "cent",
    "pence",
    "penny",
    "point",
    "second",
    "minute",
    "hour",
    "metre",
    "meter",
    "yard",
    "km",
    "kms",
    "kilometre",
    "kilometer",
    "mile",
    "foot",
    "feet",
    "inch",
    "litre",
    "liter",
    "tonne",
    "ton",
    "barrel",
    "megabyte",
    "gigabyte",
    "pixel",
    "teraflop",
    "degree",
    "run",
    "wicket",
    "goal",
    "ball",
    "over",
    "lap",
    "race",
    "match",
    "game",
    "set",
    "place",
    "share",
    "vote",
    "seat",
    "time",
    "per",
    "age",
    "year",
    "rank",
    "position",
]
);

/// The text of the claim's sentence before and after its quote.
fn context(c: &Claim) -> (&str, &str) {
    // An extracted quote is a piece of its sentence: where, without a search (and the
    // second of two equal quotes in a sentence has its own context).
    match c
        .text
        .start_in(&c.sentence)
        .or_else(|| c.sentence.find(c.text.as_str()))
    {
        Some(i) => (&c.sentence[..i], &c.sentence[i + c.text.len()..]),
        None => ("", ""),
    }
}

/// The lowercase words of the clause that ends where the quote starts, last word last.
fn clause_words_before(before: &str) -> Vec<Cow<'_, str>> {
    let clause = before
        .rsplit([',', ';', ':', '(', ')', '\u{2014}', '\u{2013}'])
        .next()
        .unwrap_or(before);
    words(clause)
        .map(|w| lowercase(trim_punctuation(w)))
        .filter(|w| !w.is_empty())
        .collect()
}

word_set!(
    /// Words just before a figure that make it a part of a total or an increment.
    fn is_part_before = [
    "further",
    "another",
    "additional",
    "extra",
    "including",
    "include",
    "includes",
    "included",
    "each",
    "every",
    "per",
    "only",
    "remaining",
    "latest",
    "new",
]
);

word_set!(
    /// Words just before a figure that make it a change or a level at another time.
    fn is_change_before = [
    "rose",
    "risen",
    "rising",
    "rise",
    "rises",
    "climbed",
    "climbing",
    "increased",
    "increase",
    "increasing",
    "jumped",
    "grew",
    "grown",
    "fell",
    "fallen",
    "falling",
    "dropped",
    "declined",
    "down",
    "up",
    "from",
    "to",
    "by",
    "cut",
    "cutting",
    "reduced",
    "boosted",
    "lifted",
    "added",
    "adding",
    "gained",
    "lost",
    "shed",
    "slashed",
    "raised",
    "doubled",
    "compared",
    "against",
    "than",
    "outnumbered",
    "versus",
    "vs",
]
);

/// Words after a figure that make it a part, an increment, or one of several periods.
const PART_AFTER: &[&str] = &[
    "more ", "other ", "others", "of them", "of whom", "of which", "each", "apiece", "more,",
];

fn is_part_or_change(before: &[Cow<str>], after: &str) -> bool {
    let near = &before[before.len().saturating_sub(3)..];
    if near
        .iter()
        .any(|w| is_part_before(w) || is_change_before(w))
    {
        return true;
    }
    let head = first_chars(after, 60);
    if PART_AFTER.iter().any(|p| head.starts_with(p)) {
        return true;
    }
    // "Six people were also killed": in addition to a figure given before; "1,643 wounded
    // there": in one of the places a total covers; "killed in another attack": a total of
    // some other incident. Only up to the
    // next conjunct: "were killed and more than 2,000 injured" is another figure's business.
    let clause_head = head.split([',', ';', '.']).next().unwrap_or("");
    if words(clause_head)
        .take_while(|w| !matches!(*w, "and" | "but" | "while" | "or"))
        .take(6)
        .any(|w| {
            matches!(
                w,
                "also" | "too" | "further" | "additionally" | "there" | "another" | "separate"
            )
        })
    {
        return true;
    }
    // "on the first night", "in the second week": one period of several.
    ordinal_period(before.iter().map(|w| &**w)) || ordinal_period(words(head).take(8))
}

/// The first `n` characters of `s` (all of it when shorter): counted in bytes when they
/// are ASCII, without decoding.
fn first_chars(s: &str, n: usize) -> &str {
    let ascii = |b: &[u8]| !b.iter().fold(false, |other, &b| other | (b >= 0x80));
    match s.as_bytes().get(..n) {
        None if s.is_ascii() => s,
        Some(head) if ascii(head) => &s[..n],
        _ => s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i]),
    }
}

/// Whether an ordinal is followed by a period among `words` ("the first night").
fn ordinal_period<'w>(words: impl Iterator<Item = &'w str>) -> bool {
    let mut previous = None;
    words.into_iter().any(|w| {
        let after_ordinal = previous.is_some_and(is_ordinal)
            && matches!(
                trim_punctuation(w),
                "day" | "night" | "week" | "month" | "round" | "hour" | "quarter" | "half"
            );
        previous = Some(w);
        after_ordinal
    })
}

word_set!(
    pub(super) fn is_ordinal = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "last", "previous", "next",
    "final", "opening",
]
);

/// A price, a rate or a per-unit amount: "$5 a share", "70 cents a litre", "2% a year".
fn is_rate(after: &str) -> bool {
    let rest = after.split_once(' ').map_or(after, |(_, r)| r);
    let per = |s: &str| {
        s.starts_with("a ")
            || s.starts_with("an ")
            || s.starts_with("per ")
            || s.starts_with("each")
            || s.starts_with("apiece")
            || s.starts_with("a-")
    };
    per(after) || per(rest)
}

word_set!(
    /// Auxiliaries and adverbs skipped when looking for a clause's verb.
    fn is_auxiliary = [
    "had",
    "has",
    "have",
    "been",
    "be",
    "were",
    "was",
    "is",
    "are",
    "will",
    "would",
    "could",
    "also",
    "already",
    "now",
    "still",
    "not",
    "being",
    "reportedly",
]
);

word_set!(
    /// Verbs that report a figure rather than say what happened to it.
    fn is_reporting = ["said", "says", "say", "told", "reported", "estimated"]
);

/// The verb of a percentage's clause: the first past-tense word after "of the crops", else
/// the word before the figure ("reached 30 percent").
fn clause_verb(before: &[Cow<str>], after: &str) -> Option<String> {
    let clause = after
        .split([',', ';', ':', '(', ')', '.'])
        .next()
        .unwrap_or(after);
    let after_verb = words(clause)
        .skip(1)
        .map(trim_punctuation)
        .filter(|w| !is_auxiliary(w))
        .find(|w| verbish(w) && !is_reporting(w));
    let before_verb = before
        .last()
        .map(|w| &**w)
        .filter(|w| verbish(w) && !is_reporting(w));
    after_verb.or(before_verb).map(stem)
}

fn verbish(w: &str) -> bool {
    (w.ends_with("ed") && w.len() > 4 && !w.ends_with("eed"))
        || is_irregular_verb(w)
        || event_class(w).is_some()
}

word_set!(
    fn is_irregular_verb = [
    "put", "set", "raised", "pledged", "promised", "offered", "gave", "given", "won", "lost",
    "took", "made", "paid", "spent", "got", "held", "kept", "sold", "bought", "voted",
    "chose", "saw", "met", "left", "went", "came", "ran", "said",
]
);

/// "reached" and "reach" are one verb.
fn stem(w: &str) -> String {
    let w = w.to_ascii_lowercase();
    w.strip_suffix("ed")
        .or_else(|| w.strip_suffix('s'))
        .map(str::to_string)
        .unwrap_or(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Fields, Origin, Value};

    fn claim(
        kind: ClaimKind,
        text: &str,
        sentence: &str,
        subject: &str,
        pred: Option<&str>,
    ) -> Claim {
        Claim::unstored(
            text.into(),
            0,
            text.chars().count(),
            sentence.into(),
            Origin::Extracted,
            Value::new(
                kind,
                Fields {
                    low: Some(1.0),
                    high: Some(1.0),
                    subject: Some(match pred {
                        Some(p) => format!("{subject} {p}"),
                        None => subject.into(),
                    }),
                    predicate: pred.map(str::to_string),
                    ..Fields::default()
                },
            ),
        )
    }

    #[test]
    fn first_chars_count_characters() {
        for s in [
            "",
            "abc",
            "ab—cd",
            "—",
            "a\u{1F600}b",
            "plain ascii text",
            "naïve",
        ] {
            for n in 0..8 {
                let plain: String = s.chars().take(n).collect();
                assert_eq!(first_chars(s, n), plain, "{s:?} {n}");
            }
        }
    }

    #[test]
    fn the_second_of_two_equal_quotes_is_read_in_its_own_context() {
        let body = "Officials said 300 troops were deployed, not 300 troops were killed.";
        let claims = crate::extract::claims_in(body, None);
        let second = claims.iter().rfind(|c| c.text.as_str() == "300 troops");
        let second = second.expect("two quotes");
        assert!(second.start > 40, "{claims:?}");
        let (before, after) = context(second);
        assert!(before.ends_with("not "), "{before:?}");
        assert_eq!(after, " were killed.");
    }

    #[test]
    fn counts_need_an_event_and_a_total() {
        let c = claim(
            ClaimKind::Count,
            "six nurses",
            "Six nurses were suspended.",
            "nurses",
            None,
        );
        assert!(terms(&c).is_none(), "no event word");
        let c = claim(
            ClaimKind::Count,
            "four nurses",
            "A further four nurses were killed.",
            "nurses",
            Some("killed"),
        );
        assert!(terms(&c).is_none(), "an increment");
        let c = claim(
            ClaimKind::Count,
            "865 soldiers",
            "The dead, including 865 soldiers were killed.",
            "soldiers",
            Some("killed"),
        );
        assert!(terms(&c).is_none(), "a part");
        let c = claim(
            ClaimKind::Count,
            "80 civilians",
            "Nearly 80 civilians died on the first night.",
            "civilians",
            Some("died"),
        );
        assert!(terms(&c).is_none(), "one night of several");
        let c = claim(
            ClaimKind::Count,
            "15 soldiers",
            "The ministry said 15 soldiers were killed in Kenya in 2021.",
            "soldiers",
            Some("killed"),
        );
        let t = terms(&c).unwrap();
        assert_eq!(
            (t.subject.as_str(), t.event.as_deref()),
            ("soldier", Some("killed"))
        );
        assert_eq!(t.anchor.encode(), "place=kenya;year=2021");
    }

    #[test]
    fn money_needs_what_it_is_for_and_no_price() {
        let c = claim(
            ClaimKind::Money,
            "$4 million",
            "They put it at $4 million in aid.",
            "aid",
            None,
        );
        assert_eq!(terms(&c).unwrap().subject, "aid");
        let c = claim(
            ClaimKind::Money,
            "$761m",
            "It made a loss of $761m.",
            "loss",
            None,
        );
        assert!(terms(&c).is_none(), "subject named before the sum");
        let c = claim(
            ClaimKind::Money,
            "$5",
            "Shares were sold at $5 a share.",
            "share",
            None,
        );
        assert!(terms(&c).is_none());
    }

    #[test]
    fn percentages_need_a_base_and_a_verb() {
        let a = claim(
            ClaimKind::Percent,
            "30 percent",
            "The water reached 30 percent of the crops in the district, farmers said.",
            "crops",
            None,
        );
        let b = claim(
            ClaimKind::Percent,
            "about 60 percent",
            "Officials said about 60 percent of the crops had been reached.",
            "crops",
            None,
        );
        assert_eq!(terms(&a).unwrap().event.as_deref(), Some("reach"));
        assert_eq!(terms(&a).unwrap().event, terms(&b).unwrap().event);
        let c = claim(
            ClaimKind::Percent,
            "16%",
            "Sales rose by 16% of the total.",
            "total",
            None,
        );
        assert!(terms(&c).is_none(), "a change");
    }

    #[test]
    fn anchors_come_from_the_figure_s_own_clause_and_incident() {
        let c = claim(
            ClaimKind::Count,
            "12 schools",
            "In Helmand, 40 schools were destroyed; in Kandahar, 12 schools were destroyed.",
            "schools",
            Some("destroyed"),
        );
        assert_eq!(terms(&c).unwrap().anchor.encode(), "place=kandahar");
        let c = claim(
            ClaimKind::Count,
            "30 people",
            "Police said 30 people were killed in the blast on Sunday.",
            "people",
            Some("killed"),
        );
        assert_eq!(
            terms(&c).unwrap().anchor.encode(),
            "day=sunday;incident=blast"
        );
        let c = claim(
            ClaimKind::Count,
            "25 people",
            "On Saturday, 25 people were killed in another attack.",
            "people",
            Some("killed"),
        );
        assert!(terms(&c).is_none(), "another incident's toll");
    }

    #[test]
    fn anchors_missing_match_any_different_never() {
        let a = Anchor::decode("place=kenya");
        let b = Anchor::decode("place=tanzania");
        let none = Anchor::default();
        assert!(a.compatible(&none) && none.compatible(&a));
        assert!(!a.compatible(&b));
        assert!(Anchor::decode("month=8;place=kenya").compatible(&a));
        // A year is the article's own time when missing, so it must be on both sides.
        let y = Anchor::decode("year=1995");
        assert!(!y.compatible(&none) && !none.compatible(&y));
        assert!(y.compatible(&Anchor::decode("place=kenya;year=1995")));
        assert!(!y.compatible(&Anchor::decode("year=1996")));
        let both = Anchor::decode("year=1995;year=1996");
        assert!(!y.compatible(&both) && !both.compatible(&y));
        assert_eq!(Anchor::decode(&a.encode()), a);
        assert_eq!(
            anchor_of("Last year 20 died in Gaza.").encode(),
            "place=gaza;year=last"
        );
    }
}
