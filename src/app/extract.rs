//! Extraction without a workspace: one article's claims and the findings the checks make
//! of them alone.

use chrono::NaiveDate;

use crate::check::{self, ArticleView, Finding};
use crate::extract::{Extraction, extract};

/// The claims of `body` and their findings, in text order.
pub fn extract_and_check(body: &str, published: Option<NaiveDate>) -> (Extraction, Vec<Finding>) {
    let ex = extract(body, published);
    let findings = check_extraction(body, &ex);
    (ex, findings)
}

/// The findings the checks make of one extraction alone, in text order.
pub fn check_extraction(body: &str, ex: &Extraction) -> Vec<Finding> {
    let mut findings = check::check_article(&ArticleView {
        article_id: None,
        published: ex.published,
        body: Some(body),
        claims: &ex.claims,
    });
    findings.extend(check::conflicts(ex.claims.iter().map(|c| ("", c))));
    findings.sort_by_key(|f| (f.start, f.end, f.rule));
    findings
}
