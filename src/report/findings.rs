//! The consistency report over a workspace: findings worked out from the current claims.

use std::collections::{HashMap, HashSet};

use anyhow::Result;
use chrono::NaiveDate;

use crate::check::{self, ArticleView, Finding};
use crate::model::{Article, Claim};
use crate::store::{ArticleFilter, Workspace};

/// Which articles a report covers.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    pub story: Option<String>,
    /// Only findings that involve these articles (numbers are still compared across their stories).
    pub articles: Option<Vec<String>>,
}

fn published(a: &Article) -> Option<NaiveDate> {
    a.published
        .as_deref()
        .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok())
}

/// Every finding in scope, dismissed ones included, in the order story, article, position.
pub fn findings(ws: &Workspace, scope: &Scope) -> Result<Vec<Finding>> {
    let mut articles = ws.articles(&ArticleFilter {
        story: scope.story.clone(),
        ids: None,
    })?;
    if let Some(ids) = &scope.articles {
        // Numbers are compared across a story, so the stories of these articles come along.
        let stories: HashSet<Option<String>> = articles
            .iter()
            .filter(|a| ids.contains(&a.id))
            .map(|a| a.story.clone())
            .collect();
        articles
            .retain(|a| ids.contains(&a.id) || (a.story.is_some() && stories.contains(&a.story)));
    }
    // Reading order: story, then ingest order (ids are time-ordered), then position.
    articles.sort_by(|a, b| (&a.story, &a.id).cmp(&(&b.story, &b.id)));
    let order: HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();

    // One scan of the claims the rules read, split by article.
    let claims = ws.claims_for_checks(scope.story.as_deref())?;
    let mut all_claims: Vec<(usize, &[Claim])> = Vec::with_capacity(articles.len());
    let mut rest = claims.as_slice();
    while let Some(first) = rest.first() {
        let n = rest
            .iter()
            .take_while(|c| c.article_id == first.article_id)
            .count();
        let (mine, tail) = rest.split_at(n);
        if let Some(&i) = first.article_id.as_deref().and_then(|a| order.get(a)) {
            all_claims.push((i, mine));
        }
        rest = tail;
    }
    let mut out = Vec::new();
    for &(i, claims) in &all_claims {
        let a = &articles[i];
        if scope
            .articles
            .as_ref()
            .is_none_or(|ids| ids.contains(&a.id))
        {
            // An article with "yesterday" or "today" is read whole: the date beside the word
            // may be a plain one the scan left out.
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
                published: published(a),
                body: body.as_deref(),
                claims,
            }));
        }
    }
    let scopes: Vec<String> = articles
        .iter()
        .map(|a| match &a.story {
            Some(s) => format!("story:{s}"),
            None => format!("article:{}", a.id),
        })
        .collect();
    out.extend(check::conflicts(all_claims.iter().flat_map(
        |(i, claims)| claims.iter().map(|c| (scopes[*i].as_str(), c)),
    )));
    if let Some(ids) = &scope.articles {
        out.retain(|f| {
            f.claims
                .iter()
                .any(|c| c.article_id.as_ref().is_some_and(|a| ids.contains(a)))
        });
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
