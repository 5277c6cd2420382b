//! The consistency report over a workspace: findings worked out from the current claims.
//! Only claims a rule can flag are read: dates through a partial index, and numbers only in
//! the groups that SQL finds cannot all hold.

use std::collections::{HashMap, HashSet};

use anyhow::Result;
use chrono::NaiveDate;

use crate::check::{self, ArticleView, Finding, number_conflicts};
use crate::model::{ArticleId, Claim, ClaimId};
use crate::store::Store;

/// Which articles a report covers.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    pub story: Option<String>,
    /// Only findings that involve these articles (numbers are still compared across their stories).
    pub articles: Option<Vec<ArticleId>>,
}

/// Every finding in scope, dismissed ones included, in the order story, article, position.
pub fn findings(ws: &dyn Store, scope: &Scope) -> Result<Vec<Finding>> {
    // Findings about given articles read those articles' dates only; their numbers are
    // still compared across their stories below.
    let articles = match &scope.articles {
        Some(ids) => {
            let mut a = ws.article_meta_of(ids)?;
            if let Some(s) = &scope.story {
                a.retain(|m| m.story.as_ref() == Some(s));
            }
            a
        }
        None => ws.article_meta(scope.story.as_deref())?,
    };
    let order: HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let wanted: Option<HashSet<&str>> = scope
        .articles
        .as_ref()
        .map(|ids| ids.iter().map(ArticleId::as_str).collect());
    let in_scope = |id: &str| wanted.as_ref().is_none_or(|w| w.contains(id));

    let mut out = Vec::new();
    let dates = match &scope.articles {
        Some(ids) => ws.date_claims_of_articles(ids)?,
        None => ws.date_claims_for_checks(scope.story.as_deref())?,
    };
    for claims in dates.chunk_by(|a, b| a.review().article_id == b.review().article_id) {
        let Some(&i) = claims[0]
            .review()
            .article_id
            .as_deref()
            .and_then(|a| order.get(a))
        else {
            continue;
        };
        let a = &articles[i];
        if !in_scope(&a.id) {
            continue;
        }
        // An article with "yesterday" or "today" is read whole: the date beside the word may
        // be a plain one the index leaves out.
        let whole;
        let claims = if claims.iter().any(check::is_anchor) {
            whole = ws.claims_of_articles(std::slice::from_ref(&a.id))?;
            whole.as_slice()
        } else {
            claims
        };
        let body = if check::needs_body(claims) {
            Some(ws.article_text(&a.id)?.body)
        } else {
            None
        };
        out.extend(check::check_article(&ArticleView {
            article_id: Some(&a.id),
            published: a
                .published
                .as_deref()
                .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok()),
            body: body.as_deref(),
            claims,
            cursor: None,
        }));
    }

    let scopes: Vec<Option<String>> = match (&scope.articles, &scope.story) {
        (Some(ids), _) => ws.scopes_of(ids)?.into_iter().map(Some).collect(),
        (None, Some(s)) => vec![Some(format!("story:{s}"))],
        (None, None) => vec![None],
    };
    for sc in &scopes {
        for key in ws.conflicting_groups(sc.as_deref())? {
            let (group, anchors) = ws.group_claims(&key)?;
            let refs: Vec<&Claim> = group.iter().collect();
            out.extend(number_conflicts(&key, &refs, &anchors));
        }
    }
    if wanted.is_some() {
        out.retain(|f| {
            f.claims
                .iter()
                .any(|c| c.article_id.as_deref().is_some_and(in_scope))
        });
    }
    // The reads left sentences out; the findings show theirs, fetched in one query.
    let ids: Vec<ClaimId> = out
        .iter()
        .flat_map(|f| f.claims.iter().filter_map(|c| c.id.clone()))
        .collect();
    let sentences = ws.sentences_of(&ids)?;
    for f in &mut out {
        for c in &mut f.claims {
            if let Some(s) = c.id.as_ref().and_then(|id| sentences.get(id)) {
                c.sentence = s.as_str().into();
            }
        }
    }
    out.sort_by_key(|f| {
        let art = f
            .article_id
            .as_deref()
            .and_then(|a| order.get(a))
            .copied()
            .unwrap_or(usize::MAX);
        (art, f.start, f.end, f.rule)
    });
    Ok(out)
}
