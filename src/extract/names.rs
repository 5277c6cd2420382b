//! Numbers that are part of a name or an identifier, not a quantity: "Route 9", "F-16",
//! "COVID-19", clock times, phone numbers.

use super::qualifier::qualifier_before;
use crate::word_set::word_set;

word_set!(
    /// Capitalized words that turn the number after them into a name: "Route 9", "Article 5".
    fn is_name_word = [
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
]
);

word_set!(
    /// Name words that name written lowercase too ("voters in district 12 backed", "under
    /// article 50"), when a preposition stands right before them: after a determiner the
    /// number is a count ("across the district 300 homes were destroyed").
    fn is_lowercase_name_word = [
    "district", "ward", "precinct", "article", "section", "chapter", "route", "highway", "zone",
    "gate", "platform", "terminal", "room", "flight",
]
);

word_set!(
    fn is_preposition = [
    "in", "at", "of", "on", "for", "from", "to", "into", "under", "near", "across", "through",
    "via", "In", "At", "Of", "On", "For", "From", "To", "Into", "Under", "Near", "Across",
]
);

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
pub(super) fn is_identifier(text: &str, start: usize, end: usize) -> bool {
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
    if is_name_word(prev) {
        return true;
    }
    let prev_start = text[..start]
        .trim_end_matches([' ', '\t'])
        .len()
        .saturating_sub(prev.len());
    if is_lowercase_name_word(prev) && is_preposition(previous_word(text, prev_start)) {
        return true;
    }
    // Any other capitalized word right before ("Boeing 737") names a thing, unless it starts
    // the sentence or is a qualifier ("Over 100").
    prev.starts_with(|c: char| c.is_ascii_uppercase())
        && prev.len() > 1
        && !is_sentence_start(text, prev_start)
        && qualifier_before(text, start).is_none()
        && !is_capitalized_function_word(prev)
}

word_set!(
    /// Capitalized words that start a phrase rather than name a thing: "Between 200 and 300".
    fn is_capitalized_function_word = [
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
    "Up",
    "Under",
    "Around",
    "Roughly",
    "Approximately",
    "Fewer",
    "Less",
    "More",
    "Exactly",
]
);
