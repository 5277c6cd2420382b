//! How closely a claim's sentence matches a fact-check's `claimReviewed`: the cosine of their
//! sets of content words (lowercased, figures without their separators, a plural's "s" and
//! the commonest function words dropped). Paraphrases share their names and figures; a
//! different claim on the same story shares the story's words but not its figures.

use std::collections::HashSet;

/// Scores at or above this are matches. Measured on hand-written pairs (tests below and
/// `fixtures/claimreview/pairs.tsv`): the best F1 lies between 0.40 and 0.50.
pub const MATCH_THRESHOLD: f64 = 0.45;

const STOP: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by",
    "with", "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "it",
    "its", "that", "this", "these", "those", "than", "then", "there", "their", "they", "he", "she",
    "his", "her", "we", "our", "you", "your", "i", "not", "no", "so", "said", "says", "say",
    "claims", "claim", "claimed", "would", "will", "can", "could", "more", "about", "into", "over",
    "after", "before", "up", "out", "who", "which", "what", "when", "also",
];

/// The content words of `text`, each once.
pub fn words(text: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    for raw in text.split(|c: char| !(c.is_alphanumeric() || c == ',' || c == '.')) {
        let w = raw.trim_matches(|c: char| c == ',' || c == '.');
        if w.is_empty() {
            continue;
        }
        let w = if w.chars().any(|c| c.is_ascii_digit()) {
            // 350,000 and 350000 are one figure.
            w.replace(',', "")
        } else if w.contains(',') || w.contains('.') {
            // "Kabul.Then": two words joined by lost spacing; rare, keep the first.
            w.split([',', '.']).next().unwrap_or("").to_lowercase()
        } else {
            w.to_lowercase()
        };
        if w.chars().count() < 2 && !w.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if STOP.contains(&w.as_str()) {
            continue;
        }
        let w = match w.strip_suffix('s') {
            Some(stem) if stem.chars().count() > 3 && !stem.ends_with('s') => stem.to_string(),
            _ => w,
        };
        out.insert(w);
    }
    out
}

/// Cosine similarity of two word sets, in [0, 1].
pub fn score(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(b).count() as f64;
    shared / ((a.len() as f64) * (b.len() as f64)).sqrt()
}

/// The words of `text` as an FTS5 query matching any of them (each quoted, so that input is
/// never an operator), for finding candidates before scoring.
pub fn any_word_query(words: &HashSet<String>) -> Option<String> {
    let mut terms: Vec<&String> = words.iter().collect();
    terms.sort();
    let q: Vec<String> = terms
        .iter()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    (!q.is_empty()).then(|| q.join(" OR "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(a: &str, b: &str) -> f64 {
        score(&words(a), &words(b))
    }

    #[test]
    fn paraphrases_match_and_other_claims_of_the_story_do_not() {
        let sentence = "The statement said Khalilzad described the Afghan security and defense forces, numbering more than 350,000, as a national asset and commended their record.";
        assert!(s(sentence, "Afghan security forces number more than 350,000") >= MATCH_THRESHOLD);
        assert!(s(sentence, "Khalilzad said Afghan forces number 350000.") >= MATCH_THRESHOLD);
        assert!(
            s(
                sentence,
                "More than 100 civilians were killed in Afghanistan in recent days"
            ) < MATCH_THRESHOLD
        );
        assert!(s(sentence, "The Taliban control more than 20 provinces") < MATCH_THRESHOLD);
        assert_eq!(s("", sentence), 0.0);
    }

    /// (label, score) of every hand-written pair.
    fn scored_pairs() -> Vec<(bool, f64)> {
        include_str!("../../fixtures/claimreview/pairs.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                (f[0] == "1", s(f[1], f[2]))
            })
            .collect()
    }

    fn f1_at(pairs: &[(bool, f64)], t: f64) -> f64 {
        let tp = pairs.iter().filter(|(y, s)| *y && *s >= t).count() as f64;
        let fp = pairs.iter().filter(|(y, s)| !*y && *s >= t).count() as f64;
        let fn_ = pairs.iter().filter(|(y, s)| *y && *s < t).count() as f64;
        if tp == 0.0 {
            0.0
        } else {
            2.0 * tp / (2.0 * tp + fp + fn_)
        }
    }

    #[test]
    fn the_threshold_is_where_the_hand_written_pairs_are_best_told_apart() {
        let pairs = scored_pairs();
        assert!(pairs.len() >= 30);
        let best = (10..=90)
            .map(|t| f1_at(&pairs, t as f64 / 100.0))
            .fold(0.0, f64::max);
        let ours = f1_at(&pairs, MATCH_THRESHOLD);
        assert!(ours >= 0.9, "F1 {ours:.2} at {MATCH_THRESHOLD}");
        assert!(
            ours >= best - 0.02,
            "F1 {ours:.2} at {MATCH_THRESHOLD}, best {best:.2}"
        );
    }

    #[test]
    fn figures_are_one_word_whatever_their_separators() {
        assert!(words("350,000 troops").contains("350000"));
        assert!(words("Troops: 350000.").contains("troop"));
        assert!(
            !words("the said claims")
                .iter()
                .any(|w| w == "the" || w == "said")
        );
    }
}
