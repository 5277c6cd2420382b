//! What changed between two versions of an article, sentence by sentence, with the figures
//! and dates that changed: outlets edit published articles, sometimes silently.

use anyhow::{Result, bail};
use serde::Serialize;
use similar::{Algorithm, ChangeTag, DiffOp, TextDiff, capture_diff_slices};

use crate::error::Error;
use crate::extract::{CharCursor, sentence_spans};
use crate::model::{Article, ArticleId, Claim};
use crate::store::Store;

/// One sentence that is not the same in both versions.
#[derive(Debug, Clone, Serialize)]
pub struct SentenceChange {
    /// "changed", "added" or "removed".
    pub op: &'static str,
    pub old: Option<String>,
    pub new: Option<String>,
    /// The words of a changed sentence: "same", "removed" or "added", in reading order.
    pub words: Vec<WordChange>,
    /// Claims (figures, dates) that are in one version of the sentence and not the other.
    pub figures: Vec<FigureChange>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WordChange {
    pub op: &'static str,
    pub text: String,
}

/// A claim as it was and as it is; one side is null when it was added or removed.
#[derive(Debug, Clone, Serialize)]
pub struct FigureChange {
    pub kind: String,
    pub old: Option<String>,
    pub new: Option<String>,
    /// The value as claimdesk reads it, before and after.
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleDiff {
    pub old: Article,
    pub new: Article,
    pub changes: Vec<SentenceChange>,
}

/// The sentences of one version with the claims inside each.
struct Version {
    article: Article,
    sentences: Vec<String>,
    claims: Vec<Vec<Claim>>,
}

fn load(ws: &dyn Store, id: &ArticleId) -> Result<Version> {
    let article = ws
        .articles_by_ids(std::slice::from_ref(id))?
        .into_iter()
        .next()
        .ok_or_else(|| Error::NotFound {
            what: "article",
            id: id.to_string(),
        })?;
    let body = ws.article_text(id)?.body;
    let spans = sentence_spans(&body);
    let mut cursor = CharCursor::new(&body);
    let char_spans: Vec<(usize, usize)> = spans
        .iter()
        .map(|&(s, e)| (cursor.chars_before(s), cursor.chars_before(e)))
        .collect();
    let mut claims = vec![Vec::new(); spans.len()];
    for c in ws.claims_of_articles(std::slice::from_ref(id))? {
        // The sentence the claim starts in.
        let i = char_spans.partition_point(|&(s, _)| s <= c.start);
        if i > 0 {
            claims[i - 1].push(c);
        }
    }
    Ok(Version {
        article,
        sentences: spans.iter().map(|&(s, e)| body[s..e].to_string()).collect(),
        claims,
    })
}

/// Compares `article` with the version before it, or with `against` when given (the older
/// of the two first). An article with one version only is refused.
pub fn diff_article(ws: &dyn Store, article: &str, against: Option<&str>) -> Result<ArticleDiff> {
    let id = ws.resolve_article(article)?;
    let this = ws.articles_by_ids(std::slice::from_ref(&id))?;
    let Some(this) = this.first() else {
        bail!(Error::NotFound {
            what: "article",
            id: id.to_string()
        });
    };
    let (old_id, new_id) = match against {
        Some(other) => {
            let other = ws.resolve_article(other)?;
            // UUIDv7 ids sort in ingest order: the older one is the old version.
            if other < id { (other, id) } else { (id, other) }
        }
        None => match (&this.previous_id, &this.next_id) {
            (Some(prev), _) => (prev.clone(), id),
            (None, Some(next)) => (id, next.clone()),
            (None, None) => bail!(Error::Invalid(format!(
                "article {} has one version only: give --against ARTICLE to compare it with another",
                this.number.unwrap_or_default()
            ))),
        },
    };
    let old = load(ws, &old_id)?;
    let new = load(ws, &new_id)?;
    let changes = sentence_changes(&old, &new);
    Ok(ArticleDiff {
        old: old.article,
        new: new.article,
        changes,
    })
}

fn sentence_changes(old: &Version, new: &Version) -> Vec<SentenceChange> {
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &old.sentences, &new.sentences) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                for i in old_index..old_index + old_len {
                    out.push(one_side("removed", &old.sentences[i], &old.claims[i], true));
                }
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for i in new_index..new_index + new_len {
                    out.push(one_side("added", &new.sentences[i], &new.claims[i], false));
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                // Sentences replaced one for one are changes; the rest are removed or added.
                let pairs = old_len.min(new_len);
                for k in 0..pairs {
                    let (o, n) = (old_index + k, new_index + k);
                    out.push(changed(
                        &old.sentences[o],
                        &new.sentences[n],
                        &old.claims[o],
                        &new.claims[n],
                    ));
                }
                for i in old_index + pairs..old_index + old_len {
                    out.push(one_side("removed", &old.sentences[i], &old.claims[i], true));
                }
                for i in new_index + pairs..new_index + new_len {
                    out.push(one_side("added", &new.sentences[i], &new.claims[i], false));
                }
            }
        }
    }
    out
}

fn figure(c: &Claim) -> (String, String) {
    (c.text.to_string(), c.value.summary())
}

fn one_side(op: &'static str, sentence: &str, claims: &[Claim], removed: bool) -> SentenceChange {
    let figures = claims
        .iter()
        .map(|c| {
            let (text, value) = figure(c);
            FigureChange {
                kind: c.kind().as_str().to_string(),
                old: removed.then(|| text.clone()),
                new: (!removed).then_some(text),
                old_value: removed.then(|| value.clone()),
                new_value: (!removed).then_some(value),
            }
        })
        .collect();
    SentenceChange {
        op,
        old: removed.then(|| sentence.to_string()),
        new: (!removed).then(|| sentence.to_string()),
        words: Vec::new(),
        figures,
    }
}

fn changed(old: &str, new: &str, old_claims: &[Claim], new_claims: &[Claim]) -> SentenceChange {
    let words = TextDiff::from_words(old, new)
        .iter_all_changes()
        .map(|c| WordChange {
            op: match c.tag() {
                ChangeTag::Equal => "same",
                ChangeTag::Delete => "removed",
                ChangeTag::Insert => "added",
            },
            text: c.value().to_string(),
        })
        .collect();
    // Claims present on one side only, paired by kind in reading order.
    let key = |c: &Claim| (c.kind(), c.text.clone(), c.value.summary());
    let gone: Vec<&Claim> = old_claims
        .iter()
        .filter(|o| !new_claims.iter().any(|n| key(n) == key(o)))
        .collect();
    let mut came: Vec<&Claim> = new_claims
        .iter()
        .filter(|n| !old_claims.iter().any(|o| key(o) == key(n)))
        .collect();
    let mut figures = Vec::new();
    for o in gone {
        let (old_text, old_value) = figure(o);
        let pair = came.iter().position(|n| n.kind() == o.kind());
        let n = pair.map(|i| came.remove(i));
        figures.push(FigureChange {
            kind: o.kind().as_str().to_string(),
            old: Some(old_text),
            new: n.map(|n| n.text.to_string()),
            old_value: Some(old_value),
            new_value: n.map(|n| n.value.summary()),
        });
    }
    for n in came {
        let (text, value) = figure(n);
        figures.push(FigureChange {
            kind: n.kind().as_str().to_string(),
            old: None,
            new: Some(text),
            old_value: None,
            new_value: Some(value),
        });
    }
    SentenceChange {
        op: "changed",
        old: Some(old.to_string()),
        new: Some(new.to_string()),
        words,
        figures,
    }
}
