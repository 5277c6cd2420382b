//! Sentence boundaries, as byte spans into the body. A line break always ends a sentence;
//! `.`, `!` and `?` end one unless they close a known abbreviation ("Mr.", "U.S.", "Sept.").

use crate::word_set::word_set;

word_set!(
    /// Words that take a full stop without ending the sentence.
    fn is_listed_abbreviation = [
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Col", "Lt", "Sgt", "Capt", "Maj", "Gov", "Sen", "Rep",
    "St", "Jr", "Sr", "Inc", "Ltd", "Co", "Corp", "No", "Nos", "vs", "etc", "approx", "Jan", "Feb",
    "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues",
    "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "Ave", "Blvd", "Rd", "Mt", "Ft", "Adm",
    "Brig", "Cpl", "Pvt", "Rev", "Hon", "Pres", "Amb", "Dept", "Univ", "est", "Fig",
    "fig", "p", "pp", "para", "Art",
]
);

fn is_abbreviation(word: &str) -> bool {
    // Initials ("J.") and dotted forms ("U.S", "a.m") never end a sentence on their own.
    if word.len() == 1 && word.as_bytes()[0].is_ascii_uppercase() {
        return true;
    }
    if word.contains('.') {
        return true;
    }
    is_listed_abbreviation(word)
}

/// Byte spans of the sentences of `text`, trimmed of surrounding whitespace, in order.
pub fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    spans_of_lines(text, 0, text.len(), &mut spans);
    spans
}

/// Appends the sentence spans of the lines of `text` in [from, to): `from` is 0 or a line
/// break, `to` a line break or the end. Lines are read apart (a line break always ends a
/// sentence), so the lines of a text read in pieces give the spans read at once.
fn spans_of_lines(text: &str, from: usize, to: usize, spans: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    // Line by line, jumping between terminators with memchr: the scan touches only the
    // bytes that can end a sentence.
    let mut line_start = from;
    let breaks = memchr::memchr_iter(b'\n', &bytes[from..to]).map(|i| from + i);
    for line_end in breaks.chain(std::iter::once(to)) {
        let mut start = line_start;
        let mut at = line_start;
        while at < line_end {
            let Some(off) = memchr::memchr3(b'.', b'!', b'?', &bytes[at..line_end]) else {
                break;
            };
            let i = at + off;
            match sentence_end_at(text, i) {
                Some(e) => {
                    push_trimmed(text, start, e, spans);
                    start = e;
                    at = e.max(i + 1);
                }
                None => at = i + 1,
            }
        }
        push_trimmed(text, start, line_end, spans);
        line_start = line_end;
    }
}

/// The sentence spans of a text read as far as they are asked for, by a reader of claims
/// in text order: it starts at once rather than after a pass over the whole text, and the
/// sentences it has passed are let go.
pub struct LazySentences<'a> {
    text: &'a str,
    /// The sentences read; those before `first` are passed.
    spans: Vec<(usize, usize)>,
    /// The sentence holding the last position asked (or the one just before it).
    first: usize,
    /// The lines before this byte (0 or a line break) are read.
    read_to: usize,
}

/// Bytes read ahead at a time, to the next line break.
const READ_AHEAD: usize = 1 << 16;

impl<'a> LazySentences<'a> {
    pub fn new(text: &'a str) -> Self {
        LazySentences {
            text,
            spans: Vec::new(),
            first: 0,
            read_to: 0,
        }
    }

    /// Spans that hold the sentence holding byte `pos`, or the one just before it, when
    /// `pos` is at or after every position asked before.
    pub fn through(&mut self, pos: usize) -> &[(usize, usize)] {
        let len = self.text.len();
        while self.read_to <= pos && self.read_to < len {
            let ahead = (self.read_to + READ_AHEAD).min(len);
            let to =
                memchr::memchr(b'\n', &self.text.as_bytes()[ahead..]).map_or(len, |i| ahead + i);
            // Passed sentences are let go before more are read.
            self.spans.drain(..self.first);
            self.first = 0;
            spans_of_lines(self.text, self.read_to, to, &mut self.spans);
            self.read_to = to;
        }
        // The positions asked only grow: the sentence sought is at or after the last one
        // found (a search over all that is read cost as much as the rest of finding it).
        while self
            .spans
            .get(self.first + 1)
            .is_some_and(|&(s, _)| s <= pos)
        {
            self.first += 1;
        }
        &self.spans[self.first.min(self.spans.len())..]
    }
}

/// Where the sentence ends if `.`, `!` or `?` at byte `i` ends one: when followed by space
/// (after any closing quotes) and not closing an abbreviation.
fn sentence_end_at(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    // Closing quotes and brackets stay with their sentence.
    let mut j = i + 1;
    while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')' | b']') {
        j += 1;
    }
    if text[j..].starts_with('\u{201D}') || text[j..].starts_with('\u{2019}') {
        j += 3;
    }
    let followed_by_space = j >= bytes.len() || matches!(bytes[j], b' ' | b'\t' | b'\r' | b'\n');
    (followed_by_space && !(bytes[i] == b'.' && is_abbreviation(word_before(text, i)))).then_some(j)
}

fn word_before(text: &str, dot: usize) -> &str {
    let head = &text[..dot];
    let from = head
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '\u{201C}')
        .map_or(0, |p| {
            p + head[p..].chars().next().map_or(1, char::len_utf8)
        });
    &head[from..]
}

fn push_trimmed(text: &str, start: usize, end: usize, spans: &mut Vec<(usize, usize)>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        spans.push((start + lead, start + lead + trimmed.len()));
    }
}

/// The index into `spans` of the sentence holding byte `pos` (or the one just before it).
pub fn sentence_at(spans: &[(usize, usize)], pos: usize) -> Option<usize> {
    match spans.partition_point(|&(s, _)| s <= pos) {
        0 => None,
        n => Some(n - 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        sentence_spans(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let got = sentences(
            "Mr. Khalilzad met U.S. officials on Sept. 11. He left on Tue. Aug. 17. No. 10 said so.",
        );
        assert_eq!(
            got,
            vec![
                "Mr. Khalilzad met U.S. officials on Sept. 11.",
                "He left on Tue. Aug. 17.",
                "No. 10 said so."
            ]
        );
    }

    #[test]
    fn line_breaks_and_closing_quotes_end_sentences() {
        let got = sentences("Title line\n\n\u{201C}We will stay.\u{201D} He said. Next?\r\nLast");
        assert_eq!(
            got,
            vec![
                "Title line",
                "\u{201C}We will stay.\u{201D}",
                "He said.",
                "Next?",
                "Last"
            ]
        );
    }

    #[test]
    fn sentences_read_as_asked_for_are_those_read_at_once() {
        let line = "Mr. Smith said 40 died. \u{201C}We stay.\u{201D} He left on Tue. Aug. 17!\n";
        let text = format!("{}\n\nlast line? yes", line.repeat(12_000));
        let all = sentence_spans(&text);
        let mut lazy = LazySentences::new(&text);
        for pos in (0..text.len()).step_by(997).chain([text.len() - 1]) {
            let some = lazy.through(pos);
            let holding = |spans: &[(usize, usize)]| sentence_at(spans, pos).map(|i| spans[i]);
            assert_eq!(holding(some), holding(&all), "at {pos}");
            // A run of the sentences, from the one holding `pos`: the passed are let go.
            let from = all.iter().position(|s| *s == some[0]).expect("a sentence");
            assert_eq!(some, &all[from..from + some.len()]);
            assert!(some.len() < all.len() / 4, "{} sentences held", some.len());
        }
        let rest = lazy.through(text.len());
        assert_eq!(rest, &all[all.len() - rest.len()..]);
        assert_eq!(rest.last(), all.last());
    }

    #[test]
    fn decimals_do_not_end_sentences() {
        assert_eq!(
            sentences("It cost $2.5 million. Done."),
            vec!["It cost $2.5 million.", "Done."]
        );
    }
}
