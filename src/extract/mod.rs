//! Finding check-worthy claims in article text. Pure functions: no database here.

mod dates;
mod groups;
mod language;
mod names;
mod nfa_table;
mod numbers;
mod patterns;
mod qualifier;
mod scan;
mod sentences;
mod subject;
mod units;
mod words;

use chrono::NaiveDate;

pub use crate::model::offsets::{CharCursor, byte_of_char};
pub use dates::{last_day_of_month, month_number, nearest_year, parse_weekday, weekday_name};
pub use language::{Language, MIN_LETTERS, detect_language};
pub use qualifier::{ABOUT_BAND, Range, qualified_range, vague_range};
use sentences::LazySentences;
pub use sentences::{sentence_at, sentence_spans};
pub use subject::{event_class, push_singular, singular};
pub use units::unit_in_si;

use crate::model::{Body, Claim, ClaimKind, Origin, SharedText, Value, shared_body};

/// A phrase as a key: lowercase, words separated by one space ("New  Year's\tDay" ->
/// "new year's day").
pub(crate) fn phrase_key(s: &str) -> String {
    s.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The last at most `n` bytes of `s`, cut on a character boundary.
pub(crate) fn tail(s: &str, n: usize) -> &str {
    let mut from = s.len().saturating_sub(n);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    &s[from..]
}

/// Where an article's publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishedFrom {
    /// `--published` on the command line.
    Flag,
    /// The page's schema.org JSON-LD `datePublished`.
    JsonLd,
    /// The page's `article:published_time` or another `<meta>` date.
    Meta,
    /// A full date near the top of the text.
    Dateline,
    /// The feed item's date.
    Feed,
    /// Set later by `edit-article`.
    Edit,
}

impl PublishedFrom {
    pub const ALL: [PublishedFrom; 6] = [
        PublishedFrom::Flag,
        PublishedFrom::JsonLd,
        PublishedFrom::Meta,
        PublishedFrom::Dateline,
        PublishedFrom::Feed,
        PublishedFrom::Edit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PublishedFrom::Flag => "flag",
            PublishedFrom::JsonLd => "json-ld",
            PublishedFrom::Meta => "meta",
            PublishedFrom::Dateline => "dateline",
            PublishedFrom::Feed => "feed",
            PublishedFrom::Edit => "edit",
        }
    }

    pub fn parse(s: &str) -> Option<PublishedFrom> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// What extraction makes of one article.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub title: String,
    pub published: Option<NaiveDate>,
    pub published_from: Option<PublishedFrom>,
    /// The detected language, when detection is reliable.
    pub language: Option<Language>,
    pub claims: Vec<Claim>,
}

impl Extraction {
    /// Why no claims were read, when the article is in a language not yet supported.
    pub fn unsupported_language(&self) -> Option<&Language> {
        self.language.as_ref().filter(|l| !l.is_english())
    }

    /// Whether claims are read from the article: only English is read for now (another
    /// language's dates and numbers would be misread), or text too short to tell.
    pub fn reads_claims(&self) -> bool {
        self.unsupported_language().is_none()
    }

    /// Fills in the claims of `body` (the text this header was read from), when the
    /// article's language is one claims are read from.
    pub fn read_claims(&mut self, body: &Body) {
        if self.reads_claims() {
            self.claims = claims_in_shared(body, self.published);
        }
    }
}

/// The first non-empty line, trimmed, at most 200 characters.
pub fn title_of(body: &str) -> String {
    let line = body
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    line.chars().take(200).collect()
}

/// How far into the text a dateline may stand (bytes): the top of the page.
const DATELINE_WINDOW: usize = 600;

/// A full date with its year near the top of the text ("Tuesday May 4th, 2021").
pub fn dateline(body: &str) -> Option<NaiveDate> {
    let mut cut = body.len().min(DATELINE_WINDOW);
    while !body.is_char_boundary(cut) {
        cut -= 1;
    }
    dates::find_dates(&body[..cut], None)
        .into_iter()
        .find(|d| d.value.date.is_some() && d.value.relative.is_none())
        .and_then(|d| d.value.date)
}

/// Extracts the claims of `body`. The publication date is `published` when given,
/// else the dateline's, else unknown (relative dates then stay unresolved).
pub fn extract(body: &str, published: Option<NaiveDate>) -> Extraction {
    extract_shared(&shared_body(body), published)
}

/// `extract` of a body its claims share: their sentences are pieces of it, not copies.
pub fn extract_shared(body: &Body, published: Option<NaiveDate>) -> Extraction {
    let mut ex = extract_header(body, published);
    ex.read_claims(body);
    ex
}

/// What extraction learns of `body` apart from its claims (left empty): its title,
/// publication date (`published` when given, else the dateline's) and language.
pub fn extract_header(body: &str, published: Option<NaiveDate>) -> Extraction {
    let (published, published_from) = match published {
        Some(p) => (Some(p), Some(PublishedFrom::Flag)),
        None => match dateline(body) {
            Some(d) => (Some(d), Some(PublishedFrom::Dateline)),
            None => (None, None),
        },
    };
    Extraction {
        title: title_of(body),
        published,
        published_from,
        language: detect_language(body),
        claims: Vec::new(),
    }
}

/// Longest sentence kept whole (bytes). Text without full stops (a 10 MB line) would
/// otherwise copy itself into every claim.
pub const MAX_SENTENCE: usize = 1_000;
/// Context kept on each side of a claim whose sentence is longer than that.
const SENTENCE_CONTEXT: usize = 300;

/// The sentence holding the bytes [start, end) of `body`, stretched to `end` when a claim
/// runs past a sentence break; cut to the claim and some words around it when it is
/// longer than `MAX_SENTENCE`.
pub fn sentence_around<'a>(
    body: &'a str,
    sentences: &[(usize, usize)],
    start: usize,
    end: usize,
) -> &'a str {
    let Some((s, e)) = sentence_at(sentences, start)
        .map(|i| sentences[i])
        .filter(|&(s, _)| s <= start)
    else {
        return "";
    };
    let e = e.max(end).min(body.len());
    if e - s <= MAX_SENTENCE {
        return &body[s..e];
    }
    let mut from = start.saturating_sub(SENTENCE_CONTEXT).max(s);
    while !body.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (end + SENTENCE_CONTEXT).min(e);
    while !body.is_char_boundary(to) {
        to -= 1;
    }
    // Start and end on word boundaries where there is one nearby.
    let from = body[from..start].find(' ').map_or(from, |i| from + i + 1);
    let to = body[end..to].rfind(' ').map_or(to, |i| end + i);
    body[from..to].trim()
}

/// The byte range of `part` in `body`, when `part` is a slice of it (as `sentence_around`
/// returns, except its empty answer).
pub fn byte_range_in(body: &str, part: &str) -> Option<(usize, usize)> {
    let start = (part.as_ptr() as usize).checked_sub(body.as_ptr() as usize)?;
    (!part.is_empty() && start + part.len() <= body.len()).then_some((start, start + part.len()))
}

/// Texts at least this long (bytes) are read in two halves at once.
const PARALLEL_FROM: usize = 1 << 20;

/// The claims of `body` given its publication date, in text order. A long text is read in
/// two halves, split at a paragraph break, on two threads; the halves join as one reading
/// would have made them, or the second is read again after the first (see `Reach`).
pub fn claims_in(body: &str, published: Option<NaiveDate>) -> Vec<Claim> {
    claims_in_shared(&shared_body(body), published)
}

/// `claims_in` of a body its claims share.
pub fn claims_in_shared(body: &Body, published: Option<NaiveDate>) -> Vec<Claim> {
    let sentences = sentence_spans(body);
    let split = (body.len() >= PARALLEL_FROM)
        .then(|| {
            let mut mid = body.len() / 2;
            while !body.is_char_boundary(mid) {
                mid += 1;
            }
            body[mid..].find("\n\n").map(|i| mid + i + 2)
        })
        .flatten()
        .filter(|&s| s < body.len());
    match split {
        Some(split) => claims_split(body, &sentences, published, split, PART),
        None => one_piece(claims_between(body, &sentences, published, 0..body.len(), ALL).0),
    }
}

/// The claims of `body` in text order, handed to `each` in parts of at most `part` claims
/// as the text is read (on this thread): a long article's claims need never be all held.
pub fn claims_in_parts(
    body: &Body,
    published: Option<NaiveDate>,
    part: usize,
    each: impl FnMut(Vec<Claim>),
) {
    // Sentences are read as the claims reach them: the claims start coming at once.
    let sentences = Sentences::AsNeeded(LazySentences::new(body));
    claims_each_part(body, sentences, published, 0..body.len(), part, each);
}

/// `claims_in` read as two halves at `split` (any character boundary) on two threads, the
/// second in pieces of `part` claims.
fn claims_split(
    body: &Body,
    sentences: &[(usize, usize)],
    published: Option<NaiveDate>,
    split: usize,
    part: usize,
) -> Vec<Claim> {
    let ((first, reach, _), (second, _, second_starts)) = std::thread::scope(|s| {
        let second =
            s.spawn(|| claims_between(body, sentences, published, split..body.len(), part));
        let first = claims_between(body, sentences, published, 0..split, ALL);
        (first, second.join().expect("second half"))
    });
    let mut first = one_piece(first);
    // One reading would have resumed where the first half's last match ended, with its last
    // claim consumed: the halves agree when both end before the split and the second
    // half's first claim starts after that claim.
    let joins = reach.matched <= split
        && reach.consumed <= split
        && second_starts.is_none_or(|s| s >= reach.consumed);
    if joins {
        // Part by part, each freed once moved: the second half is never held twice.
        for part in second {
            first.extend(part);
        }
        first
    } else {
        one_piece(claims_between(body, sentences, published, 0..body.len(), ALL).0)
    }
}

/// Claims made in one piece.
const ALL: usize = usize::MAX;
/// Claims a piece of the second half holds (about 2 MB).
const PART: usize = 8192;

/// The claims of a reading made in one piece (`ALL`).
fn one_piece(mut parts: Vec<Vec<Claim>>) -> Vec<Claim> {
    match parts.len() {
        0 | 1 => parts.pop().unwrap_or_default(),
        _ => parts.concat(),
    }
}

/// The claims whose matches start in `range` of `body`, in pieces of at most `part`
/// claims, how far their scan reached, and where the first claim starts (bytes).
fn claims_between(
    whole: &Body,
    sentences: &[(usize, usize)],
    published: Option<NaiveDate>,
    range: std::ops::Range<usize>,
    part: usize,
) -> (Vec<Vec<Claim>>, scan::Reach, Option<usize>) {
    let mut parts = Vec::new();
    let (reach, first_start) = claims_each_part(
        whole,
        Sentences::All(sentences),
        published,
        range,
        part,
        |p| parts.push(p),
    );
    (parts, reach, first_start)
}

/// Where the claims' sentences come from: all read before (and shared by the two halves
/// of a text read at once), or read as the claims reach them.
enum Sentences<'s, 'a> {
    All(&'s [(usize, usize)]),
    AsNeeded(LazySentences<'a>),
}

impl Sentences<'_, '_> {
    /// Spans that hold the sentence holding byte `pos` (or the one just before it), asked
    /// in text order.
    fn through(&mut self, pos: usize) -> &[(usize, usize)] {
        match self {
            Sentences::All(spans) => spans,
            Sentences::AsNeeded(lazy) => lazy.through(pos),
        }
    }
}

/// `claims_between`, each piece handed to `each` as soon as it is full.
fn claims_each_part(
    whole: &Body,
    mut sentences: Sentences,
    published: Option<NaiveDate>,
    range: std::ops::Range<usize>,
    part: usize,
    mut each: impl FnMut(Vec<Claim>),
) -> (scan::Reach, Option<usize>) {
    let body: &str = whole;
    let mut first_start = None;
    let mut index = CharCursor::new(body);
    // Sentences start in the claims' order; a second cursor keeps both walks short.
    let mut sentence_index = CharCursor::new(body);
    // A part's room taken at once: grown claim by claim, a part is copied a dozen times.
    let room = if part == ALL { 0 } else { part };
    let mut claims = Vec::with_capacity(room);
    // The scan finds claims in text order, so each is made as it is found.
    let reach = scan::scan_range(body, published, range, |found| {
        let (kind, start, end, value) = match found {
            scan::Found::Date(d) => (ClaimKind::Date, d.start, d.end, d.value),
            scan::Found::Quantity(q) => (q.kind, q.start, q.end, q.value),
        };
        first_start.get_or_insert(start);
        let sentence = sentence_around(body, sentences.through(start), start, end);
        let span = byte_range_in(body, sentence);
        let shared = match span {
            Some((s, e)) => SharedText::slice(whole, s..e),
            None => SharedText::from(sentence),
        };
        let (cs, ce) = (index.chars_before(start), index.chars_before(end));
        let mut claim = Claim::unstored(
            SharedText::slice(whole, start..end),
            cs,
            ce,
            shared,
            Origin::Extracted,
            Value::new(kind, value),
        );
        claim.sentence_span = span.map(|(s, e)| {
            (
                sentence_index.chars_before(s),
                sentence_index.chars_before(e),
            )
        });
        claims.push(claim);
        if claims.len() == part {
            each(std::mem::replace(&mut claims, Vec::with_capacity(room)));
        }
    });
    if !claims.is_empty() {
        each(claims);
    }
    (reach, first_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a claim is, for comparing readings.
    fn key(c: &Claim) -> String {
        format!(
            "{}..{} {:?} {:?} {:?}",
            c.start, c.end, c.value, c.sentence_span, c.sentence
        )
    }

    #[test]
    fn two_halves_read_as_one_reading_wherever_the_text_is_split() {
        let body = concat!(
            include_str!("../../fixtures/articles/khalilzad.txt"),
            "\n\nOn Monday, May 3, between 20 and\n\n30 people, or 3,000\u{a0}troops, 2021.\n\n",
            "Prices rose 12 percent of the 4 million homes; $5.4 billion was spent on May 4."
        );
        let published = NaiveDate::from_ymd_opt(2021, 5, 4);
        let sentences = sentence_spans(body);
        let shared: Body = shared_body(body);
        let whole: Vec<String> =
            super::one_piece(claims_between(&shared, &sentences, published, 0..body.len(), ALL).0)
                .iter()
                .map(key)
                .collect();
        assert!(whole.len() > 8, "{}", whole.len());
        // Every split, including inside a claim or a match, gives the same claims, however
        // small the pieces the second half is read in.
        let mut splits = 0;
        for split in (1..body.len()).filter(|&i| body.is_char_boundary(i)) {
            let halves: Vec<String> =
                claims_split(&shared, &sentences, published, split, 1 + split % 3)
                    .iter()
                    .map(key)
                    .collect();
            assert_eq!(halves, whole, "split at byte {split}");
            splits += 1;
        }
        assert!(splits > 1000);
    }
}
