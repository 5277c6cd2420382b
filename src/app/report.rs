//! The consistency report as front ends show it: in scope, without dismissed findings.

use anyhow::Result;

use crate::check::{Finding, Rule};
use crate::error::Error;
use crate::model::{ArticleId, ClaimId};
use crate::report::text_fragment_link;
use crate::report::{Scope, findings};
use crate::store::Store;
use serde_json::json;

/// The rule id a user gave, checked against the fixed list.
pub fn resolve_rule(rule: &str) -> Result<Rule, Error> {
    rule.parse().map_err(Error::Usage)
}

/// Findings in scope, without dismissed ones unless `all`, of one rule when given.
pub fn visible_findings(
    ws: &dyn Store,
    scope: &Scope,
    rule: Option<&str>,
    all: bool,
) -> Result<Vec<Finding>> {
    let rule = rule.map(resolve_rule).transpose()?;
    let dismissed = if all {
        Default::default()
    } else {
        ws.dismissed_findings()?
    };
    let mut list = findings(ws, scope)?;
    list.retain(|f| !f.is_dismissed(&dismissed) && rule.is_none_or(|r| f.rule == r));
    Ok(list)
}

/// The open findings that involve one claim (not dismissed).
pub fn claim_findings(
    ws: &dyn Store,
    claim_id: &ClaimId,
    article_id: &ArticleId,
) -> Result<Vec<Finding>> {
    let scope = Scope {
        story: None,
        articles: Some(vec![article_id.clone()]),
    };
    let mut list = visible_findings(ws, &scope, None, false)?;
    list.retain(|f| f.claims.iter().any(|c| c.id.as_ref() == Some(claim_id)));
    Ok(list)
}

/// An article as a reader sees it: its fields and text, its claims in text order, and its
/// open findings.
pub struct ArticleReading {
    pub article: crate::model::Article,
    pub body: String,
    pub claims: Vec<crate::model::Claim>,
    pub findings: Vec<Finding>,
}

pub fn read_article(ws: &dyn Store, article: &str) -> Result<ArticleReading> {
    let id = ws.resolve_article(article)?;
    let body = ws.article_text(&id)?.body;
    let article = ws
        .articles_by_ids(std::slice::from_ref(&id))?
        .into_iter()
        .next()
        .ok_or_else(|| Error::NotFound {
            what: "article",
            id: id.to_string(),
        })?;
    let claims = ws.claims_of_articles(std::slice::from_ref(&id))?;
    let scope = Scope {
        story: None,
        articles: Some(vec![id]),
    };
    let mut findings = visible_findings(ws, &scope, None, false)?;
    findings.retain(|f| f.article_id.as_ref() == Some(&article.id));
    Ok(ArticleReading {
        article,
        body,
        claims,
        findings,
    })
}

/// The article a stored claim belongs to.
pub fn article_of(c: &crate::model::Claim) -> Result<&ArticleId> {
    c.review()
        .article_id
        .as_ref()
        .ok_or_else(|| anyhow::anyhow!("the claim is not stored"))
}

/// Everything about claim `id` as `show --format json` gives it; the review page's API too (one shape for both).
pub fn claim_view(ws: &dyn Store, id: &ClaimId) -> Result<serde_json::Value> {
    let claim = ws.claim(id)?;
    let article = ws.article(article_of(&claim)?)?;
    let link = article
        .url
        .as_deref()
        .map(|u| text_fragment_link(u, &claim.text));
    let findings = claim_findings(ws, id, &article.id)?;
    Ok(json!({
        "claim": claim.to_json(),
        "article": article,
        "link": link,
        "evidence": ws.evidence(id)?,
        "history": ws.history(id)?,
        "findings": findings,
        "known_fact_checks": ws
            .known_for_claim(id)?
            .iter()
            .map(|(r, score)| json!({"review": r, "score": score}))
            .collect::<Vec<_>>(),
    }))
}
