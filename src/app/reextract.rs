//! Reading stored articles again with the current extractor: new claims are added, the
//! values of claims nobody has reviewed follow the new reading, reviewed claims are never
//! changed (what the extractor now reads differently is listed and noted in their
//! history), and every change is recorded in the history.

use std::collections::HashMap;

use anyhow::Result;
use chrono::NaiveDate;

use crate::extract;
use crate::model::{ArticleId, Claim, ClaimId, ClaimKind, HistoryAction};
use crate::store::{self, Store, StoreTx};

/// The history action of every change made here.
const ACTION: HistoryAction = HistoryAction::Reextract;

/// One claim and what happened to it.
#[derive(Debug, Clone)]
pub struct Change {
    pub article_id: ArticleId,
    pub claim_id: Option<ClaimId>,
    pub text: String,
    pub start: usize,
    /// "field=value" pairs as stored, then as read now (empty for an added claim).
    pub fields: Vec<(String, Option<String>, Option<String>)>,
}

/// What `reextract` did.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub articles: usize,
    pub added: Vec<Change>,
    pub updated: Vec<Change>,
    /// Reviewed claims the extractor now reads differently: left as they are.
    pub kept_reviewed: Vec<Change>,
    /// Stored extracted claims the extractor no longer reads: left as they are.
    pub no_longer_read: Vec<Change>,
}

/// Re-runs extraction on the given articles (ids or unique prefixes; all when empty), in
/// one transaction.
pub fn reextract(ws: &mut dyn Store, articles: &[String], actor: &str) -> Result<Outcome> {
    let ids: Vec<ArticleId> = if articles.is_empty() {
        ws.articles(&Default::default())?
            .into_iter()
            .map(|a| a.id)
            .collect()
    } else {
        articles
            .iter()
            .map(|a| ws.resolve_article(a))
            .collect::<Result<_>>()?
    };
    let texts = ids
        .iter()
        .map(|id| ws.article_text(id))
        .collect::<Result<Vec<_>>>()?;
    ws.write(|tx| reextract_in(tx, &texts, actor))
}

/// `reextract` inside a transaction the caller holds (`edit_article` re-reads an article
/// whose publication date it has just set, in the same transaction).
pub(super) fn reextract_in(
    tx: &dyn StoreTx,
    texts: &[store::ArticleText],
    actor: &str,
) -> Result<Outcome> {
    let since = tx.last_rowid()?;
    let mut out = Outcome::default();
    for a in texts {
        let published = a
            .published
            .as_deref()
            .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok());
        let ex = extract::extract(&a.body, published);
        tx.set_article_language(&a.id, ex.language.as_ref().map(|l| l.code.as_str()))?;
        article(tx, &a.id, &ex.claims, actor, &mut out)?;
        out.articles += 1;
    }
    tx.index_new_claims(since)?;
    crate::claimreview::matching::match_new_claims(tx, since)?;
    Ok(out)
}

fn change(
    article_id: &ArticleId,
    c: &Claim,
    fields: Vec<(String, Option<String>, Option<String>)>,
) -> Change {
    Change {
        article_id: article_id.clone(),
        claim_id: c.id.clone(),
        text: c.text.to_string(),
        start: c.start,
        fields,
    }
}

/// Fields as "field=value" for a history row.
fn describe(fields: &[(String, Option<String>, Option<String>)], now: bool) -> String {
    fields
        .iter()
        .filter_map(|(f, old, new)| {
            let v = if now { new } else { old };
            v.as_ref().map(|v| format!("{f}={v}"))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn article(
    tx: &dyn StoreTx,
    article_id: &ArticleId,
    fresh: &[Claim],
    actor: &str,
    out: &mut Outcome,
) -> Result<()> {
    let stored = tx.claims_of_article(article_id)?;
    // A stored claim is matched by its place: the same kind first, else the only claim
    // there of another kind ("75 cents" was a count and is now money).
    let mut at: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (i, c) in stored.iter().enumerate() {
        at.entry((c.start, c.end)).or_default().push(i);
    }
    let mut matched = vec![false; stored.len()];
    let at_time = store::now();
    for new in fresh {
        let candidates = at.get(&(new.start, new.end)).cloned().unwrap_or_default();
        let pick = candidates
            .iter()
            .copied()
            .find(|&i| !matched[i] && stored[i].kind() == new.kind())
            .or_else(|| {
                candidates.iter().copied().find(|&i| {
                    !matched[i]
                        && !fresh.iter().any(|f| {
                            f.start == new.start && f.end == new.end && f.kind() == stored[i].kind()
                        })
                })
            });
        let Some(i) = pick else {
            if let Some(id) = tx.insert_claim(article_id, new)? {
                tx.append_history(
                    &id,
                    &at_time,
                    actor,
                    ACTION,
                    None,
                    Some(&format!("{} \"{}\"", new.kind().as_str(), new.text)),
                    Some("added by the current extractor"),
                    None,
                )?;
                let mut c = new.clone();
                c.id = Some(id);
                out.added.push(change(article_id, &c, Vec::new()));
            }
            continue;
        };
        matched[i] = true;
        let old = &stored[i];
        let mut now = old.clone();
        now.value = new.value.clone();
        let fields = store::value_differences(old, &now);
        if fields.is_empty() {
            tx.refresh_key(old)?;
            continue;
        }
        let Some(id) = old.id.as_ref() else {
            continue;
        };
        if tx.is_reviewed(old)? {
            tx.append_history(
                id,
                &at_time,
                actor,
                ACTION,
                None,
                None,
                Some(&format!(
                    "not changed (reviewed): the current extractor reads {}",
                    describe(&fields, true)
                )),
                None,
            )?;
            tx.refresh_key(old)?;
            out.kept_reviewed.push(change(article_id, old, fields));
        } else {
            tx.replace_value(
                id,
                &new.value,
                actor,
                ACTION,
                Some("read again by the current extractor"),
            )?;
            out.updated.push(change(article_id, old, fields));
        }
    }
    for (i, c) in stored.iter().enumerate() {
        if !matched[i]
            && c.origin == crate::model::Origin::Extracted
            && c.kind() != ClaimKind::Other
        {
            tx.refresh_key(c)?;
            out.no_longer_read.push(change(article_id, c, Vec::new()));
        }
    }
    Ok(())
}
