//! Known fact-checks matched to claims when either arrives, so that listing matches is a
//! query. Candidates come from the full-text indexes; each is then scored (similarity.rs).

use std::collections::HashMap;

use anyhow::Result;

use super::similarity::{MATCH_THRESHOLD, any_word_query, score, words};
use crate::model::ClaimId;
use crate::store::StoreTx;

/// Candidates scored per claim or review: the best by FTS rank, enough for paraphrases.
const CANDIDATES: usize = 20;

/// Matches the claims stored after `since` (a claims rowid) against the known fact-checks.
/// Claims of one sentence share the work. Returns the matches stored.
pub fn match_new_claims(tx: &dyn StoreTx, since: i64) -> Result<usize> {
    if tx.known_review_count()? == 0 {
        return Ok(0);
    }
    let mut by_sentence: HashMap<String, Vec<ClaimId>> = HashMap::new();
    {
        for (id, sentence) in tx.sentences_after(since)? {
            by_sentence.entry(sentence).or_default().push(id);
        }
    }
    let mut stored = 0;
    for (sentence, claims) in by_sentence {
        let mine = words(&sentence);
        let Some(query) = any_word_query(&mine) else {
            continue;
        };
        for (review, text) in tx.review_candidates(&query, CANDIDATES)? {
            let s = score(&mine, &words(&text));
            if s >= MATCH_THRESHOLD {
                for c in &claims {
                    tx.insert_match(c, review, s.min(1.0))?;
                    stored += 1;
                }
            }
        }
    }
    Ok(stored)
}

/// Matches newly imported fact-checks (id, claim reviewed) against the stored claims.
pub fn match_new_reviews(tx: &dyn StoreTx, reviews: &[(i64, String)]) -> Result<usize> {
    let mut stored = 0;
    for (review, text) in reviews {
        let theirs = words(text);
        let Some(query) = any_word_query(&theirs) else {
            continue;
        };
        // Several claims share a sentence: score each sentence once.
        let mut scored: HashMap<String, f64> = HashMap::new();
        for (claim, sentence) in tx.claim_candidates(&query, CANDIDATES * 5)? {
            let s = *scored
                .entry(sentence.clone())
                .or_insert_with(|| score(&words(&sentence), &theirs));
            if s >= MATCH_THRESHOLD {
                tx.insert_match(&claim, *review, s.min(1.0))?;
                stored += 1;
            }
        }
    }
    Ok(stored)
}
