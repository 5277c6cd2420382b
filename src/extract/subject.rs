//! What a number counts ("civilians"), and what happened to it ("killed").

use crate::word_set::word_set;

word_set!(
    /// Words that end a noun phrase: function words, auxiliaries and common verbs.
    fn is_stop_word = [
    "a",
    "an",
    "the",
    "have",
    "has",
    "had",
    "were",
    "was",
    "are",
    "is",
    "be",
    "been",
    "being",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "can",
    "did",
    "do",
    "does",
    "who",
    "whom",
    "which",
    "that",
    "in",
    "on",
    "at",
    "of",
    "from",
    "to",
    "for",
    "by",
    "with",
    "and",
    "or",
    "but",
    "as",
    "across",
    "during",
    "since",
    "after",
    "before",
    "into",
    "over",
    "under",
    "than",
    "said",
    "say",
    "says",
    "reportedly",
    "also",
    "still",
    "including",
    "while",
    "when",
    "where",
    "because",
    "if",
    "according",
    "about",
    "around",
    "between",
    "among",
    "per",
    "each",
    "this",
    "these",
    "those",
    "their",
    "its",
    "his",
    "her",
    "our",
    "your",
    "my",
    "they",
    "it",
    "he",
    "she",
    "we",
    "you",
    "i",
    "there",
    "here",
    "not",
    "no",
    "so",
    "then",
    "now",
    "just",
    "only",
    "ago",
    "old",
    "more",
    "less",
    "most",
    "out",
    "up",
    "down",
    "off",
    "called",
    "took",
    "left",
    "remain",
    "remained",
    "returned",
    "arrived",
    "live",
    "lived",
    "attended",
    "gathered",
    "lost",
    "received",
    "need",
    "needed",
    "get",
    "got",
    "until",
    "against",
    "numbering",
    "totaling",
    "totalling",
    "within",
    "without",
    "through",
    "via",
    "like",
    "overnight",
    "tonight",
    "today",
    "yesterday",
    "tomorrow",
    "spent",
    "sent",
    "built",
    "came",
    "went",
    "gave",
    "made",
    "held",
    "met",
    "ran",
    "rose",
    "fell",
    "saw",
    "won",
    "again",
    "early",
    "late",
    "later",
    "last",
    "next",
    "ever",
    "already",
    "instead",
    "every",
    ]
);

/// The class of an event word, if it is one, in any case: ("Died") -> "killed". Events a
/// count can be about, each in its class: "died" and "killed" are one event.
pub fn event_class(word: &str) -> Option<&'static str> {
    // Lowercased in place on the stack (no event word is longer than 12 letters), then
    // matched: every word of every noun phrase is asked.
    let mut buf = [0u8; 12];
    let lower = buf.get_mut(..word.len())?;
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    Some(match &*lower {
        b"killed" | b"died" | b"dead" | b"perished" | b"slain" | b"murdered" | b"deaths"
        | b"executed" => "killed",
        b"injured" | b"wounded" | b"hurt" => "injured",
        b"displaced" | b"evacuated" | b"uprooted" | b"fled" => "displaced",
        b"arrested" | b"detained" | b"jailed" => "arrested",
        b"destroyed" | b"razed" | b"flattened" => "destroyed",
        b"damaged" => "damaged",
        b"missing" => "missing",
        b"rescued" => "rescued",
        b"kidnapped" | b"abducted" => "kidnapped",
        b"infected" => "infected",
        b"vaccinated" => "vaccinated",
        b"deployed" | b"stationed" => "deployed",
        b"released" | b"freed" => "released",
        b"withdrawn" => "withdrawn",
        b"recruited" => "recruited",
        b"trained" => "trained",
        b"captured" => "captured",
        _ => return None,
    })
}

/// Words that end a count's reach before a predicate is found.
const CLAUSE_ENDERS: &[char] = &[
    ',', ';', '.', ':', '(', ')', '!', '?', '"', '\u{201C}', '\u{201D}', '\n',
];

fn is_stop(word: &str) -> bool {
    // Most words are lowercase already: lowercase (and allocate) only when needed.
    let lower;
    let w = if word.bytes().any(|b| b.is_ascii_uppercase()) {
        lower = word.to_ascii_lowercase();
        lower.as_str()
    } else {
        word
    };
    is_stop_word(w) || event_class(w).is_some()
}

/// Word tokens of `text` as (start, end) byte spans, ASCII letters, digits, `-` and `'`.
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && !bytes[i].is_ascii_alphabetic() {
            if CLAUSE_ENDERS.contains(&(bytes[i] as char)) || bytes[i] >= 0x80 {
                return None;
            }
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        let s = i;
        while i < bytes.len()
            && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-' || bytes[i] == b'\'')
        {
            i += 1;
        }
        Some((s, i))
    })
}

/// The noun phrase right after a number: "five [Afghan soldiers] were killed".
/// Returns its end byte (relative to `after`) and the phrase.
pub fn noun_phrase_after(after: &str) -> Option<(usize, String)> {
    let mut end = 0;
    // The words taken are adjacent, one space apart: the phrase is the text from the first
    // to the last.
    let mut first = None;
    // `taken`: the words taken so far (each word read is taken or ends the phrase).
    for (taken, (s, e)) in words(after).enumerate() {
        let w = &after[s..e];
        // Adjacent words only: a gap of more than one space breaks the phrase.
        let gap = &after[end..s];
        if taken > 0 && gap != " " {
            break;
        }
        if taken == 0 && !matches!(gap, " " | "\t") {
            break;
        }
        // After the first word, "-ing" and "-ed" words are verbs ("residents spent", "buildings
        // collapsed"), not part of the counted thing.
        let verb_like = taken > 0 && (w.ends_with("ing") || w.ends_with("ed"));
        if is_stop(w) || verb_like || taken == 4 {
            break;
        }
        if w.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
            break;
        }
        first.get_or_insert(s);
        end = e;
    }
    // Room for the predicate a count's subject takes after it ("troops deployed"): made
    // at its length, the subject was copied again to grow.
    first.map(|s| {
        let mut np = String::with_capacity(end - s + PREDICATE_ROOM);
        np.push_str(&after[s..end]);
        (end, np)
    })
}

/// Bytes kept free after a noun phrase for " " and its predicate.
const PREDICATE_ROOM: usize = 16;

/// Constructions that name the counted thing before the number:
/// "the Afghan security and defense forces, numbering more than 350,000".
const LEAD_INS: &[&str] = &[
    "numbering",
    "totaling",
    "totalling",
    "estimated at",
    "put at",
    "stood at",
    "rose to",
    "climbed to",
    "reached",
    "fell to",
    "dropped to",
    "of",
];

/// The noun phrase before a lead-in ending at byte `at` of `text`.
pub fn noun_phrase_before(text: &str, at: usize) -> Option<String> {
    // A lead-in and six words fit well within this window; looking further back would make
    // every claim cost the whole text before it (a 10 MB line without a line break).
    let head = super::tail(&text[..at], 300).trim_end();
    // Compared without a copy: most figures have no lead-in before them.
    let ends_with = |l: &str| {
        head.len() >= l.len()
            && head.as_bytes()[head.len() - l.len()..].eq_ignore_ascii_case(l.as_bytes())
    };
    let lead = LEAD_INS.iter().find(|l| {
        ends_with(l)
            && head.len() > l.len()
            && !head.as_bytes()[head.len() - l.len() - 1].is_ascii_alphanumeric()
    })?;
    let head = head[..head.len() - lead.len()]
        .trim_end()
        .trim_end_matches(',')
        .trim_end();
    // A noun phrase never crosses a line break (a dateline or a title above it).
    let head = head.rsplit('\n').next().unwrap_or(head);
    let mut taken: Vec<&str> = Vec::new();
    for w in head.rsplit([' ', '\t']) {
        let clean = w.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '-');
        if clean.is_empty() || clean.len() != w.len() || taken.len() == 6 {
            break;
        }
        let lower = clean.to_ascii_lowercase();
        if lower != "and" && is_stop(clean) {
            break;
        }
        taken.push(clean);
    }
    while taken.last().is_some_and(|w| w.eq_ignore_ascii_case("and")) {
        taken.pop();
    }
    taken.reverse();
    (!taken.is_empty()).then(|| taken.join(" "))
}

/// An event word in the clause after the counted phrase ("have reportedly been killed"),
/// not past a conjunction: in "shut 700 websites and arrested 224 people" the websites were
/// not arrested.
pub fn predicate_after(after: &str) -> Option<String> {
    words(after)
        .take(6)
        .map(|(s, e)| &after[s..e])
        .take_while(|w| !matches!(*w, "and" | "but" | "or" | "while" | "whereas"))
        .find(|w| event_class(w).is_some())
        .map(|w| w.to_ascii_lowercase())
}

/// An event verb just before the number ("killed at least 27 people"), in the same
/// sentence: "Police said 12 people were arrested. Thousands marched" arrests no one.
pub fn predicate_before(before: &str) -> Option<String> {
    let mut out = None;
    // Only the word right before: in "killed in three nights" the nights were not killed.
    for w in before.rsplit([' ', '\t']).filter(|w| !w.is_empty()).take(1) {
        // A word ending a sentence or a clause, or a line break, is a wall.
        if w.contains('\n') || w.ends_with(['.', '!', '?', ';', ':', ',']) {
            break;
        }
        let clean = w.trim_matches(|c: char| !c.is_ascii_alphabetic());
        if event_class(clean).is_some() {
            out = Some(clean.to_ascii_lowercase());
            break;
        }
    }
    out
}

/// The counted thing a figure leaves out before its event: "Three people were killed and
/// 12 injured" counts people injured; "more than 2,000 were killed" counts people. Only when
/// an event word follows at once (after auxiliaries).
pub fn elided_subject(text: &str, at: usize, after: &str) -> Option<String> {
    let mut ws = words(after).map(|(s, e)| &after[s..e]);
    let event = ws.find(|w| {
        !matches!(
            w.to_ascii_lowercase().as_str(),
            "were" | "was" | "are" | "is" | "have" | "has" | "had" | "been" | "reportedly" | "also"
        )
    })?;
    event_class(event)?;
    // The noun of the figure before it in the same sentence, else people.
    let head = super::tail(&text[..at], 200);
    let head = head.rfind(['.', '\n']).map_or(head, |i| &head[i + 1..]);
    let earlier = head
        .split_whitespace()
        .collect::<Vec<_>>()
        .windows(2)
        .filter(|w| {
            let digits = w[0].trim_matches(|c: char| !c.is_alphanumeric());
            // A year is no count: "the 1989 Hillsborough disaster ... the 96 who died".
            let year = digits.len() == 4 && digits.starts_with(['1', '2']);
            (digits.parse::<f64>().is_ok() && !year) || super::words::is_number_word(w[0])
        })
        .map(|w| {
            w[1].trim_matches(|c: char| !c.is_ascii_alphabetic())
                .to_string()
        })
        // The counted thing is a common noun, not a name.
        .rfind(|n| n.starts_with(|c: char| c.is_ascii_lowercase()) && !is_stop(n));
    Some(earlier.unwrap_or_else(|| "people".into()))
}

/// Singular form for comparing subjects: "civilians" and "civilian" are one.
pub fn singular(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    push_singular(word, &mut s);
    s
}

/// Appends `singular(word)` to `out`, lowercased in place: the conflict check makes one
/// per word of every figure's subject.
pub fn push_singular(word: &str, out: &mut String) {
    let from = out.len();
    out.push_str(word);
    out[from..].make_ascii_lowercase();
    let irregular = match &out[from..] {
        "people" | "persons" => Some("person"),
        "children" => Some("child"),
        "men" => Some("man"),
        "women" => Some("woman"),
        _ => None,
    };
    if let Some(one) = irregular {
        out.truncate(from);
        out.push_str(one);
        return;
    }
    let w = &out[from..];
    let cut = if w.ends_with("ies") {
        out.truncate(out.len() - 3);
        out.push('y');
        return;
    } else if w.ends_with("ses") || w.ends_with("xes") || w.ends_with("ches") || w.ends_with("shes")
    {
        2
    } else if w.ends_with('s') && !w.ends_with("ss") && w.len() > 3 {
        1
    } else {
        0
    };
    out.truncate(out.len() - cut);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_after_stops_at_verbs_and_events() {
        assert_eq!(
            noun_phrase_after(" civilians have been killed").unwrap().1,
            "civilians"
        );
        assert_eq!(
            noun_phrase_after(" Afghan soldiers were killed").unwrap().1,
            "Afghan soldiers"
        );
        assert_eq!(noun_phrase_after(" people died").unwrap().1, "people");
        assert_eq!(
            noun_phrase_after(" provinces, saying").unwrap().1,
            "provinces"
        );
        assert!(noun_phrase_after(", the country").is_none());
    }

    #[test]
    fn phrase_before_a_lead_in() {
        let t = "called the Afghan security and defense forces, numbering ";
        assert_eq!(
            noun_phrase_before(t, t.len()).unwrap(),
            "Afghan security and defense forces"
        );
    }

    #[test]
    fn predicates_and_classes() {
        assert_eq!(
            predicate_after(" have reportedly been killed in"),
            Some("killed".into())
        );
        assert_eq!(predicate_after(" in 20 provinces, killed"), None);
        assert_eq!(predicate_before("the blast killed "), Some("killed".into()));
        assert_eq!(event_class("died"), event_class("killed"));
        assert_ne!(event_class("displaced"), event_class("killed"));
        // Any case; nothing else: not a longer word, a prefix, or a letter outside ASCII.
        assert_eq!(event_class("KILLED"), Some("killed"));
        assert_eq!(event_class("Vaccinated"), Some("vaccinated"));
        for w in [
            "",
            "kill",
            "killedd",
            "vaccinatedxyz",
            "kılled",
            "décès",
            "stationed ",
        ] {
            assert_eq!(event_class(w), None, "{w}");
        }
        assert_eq!(singular("civilians"), singular("civilian"));
        assert_eq!(singular("casualties"), "casualty");
        for (plural, one) in [
            ("People", "person"),
            ("CHILDREN", "child"),
            ("ies", "y"),
            ("boxes", "box"),
            ("churches", "church"),
            ("glass", "glass"),
            ("bus", "bus"),
            ("troops", "troop"),
            ("Ünits", "Ünit"),
        ] {
            assert_eq!(singular(plural), one, "{plural}");
            let mut after = String::from("a ");
            push_singular(plural, &mut after);
            assert_eq!(after, format!("a {one}"));
        }
    }
}
