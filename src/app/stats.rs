//! `stats`: claims counted by status, kind, assignee, story or outlet, and the findings
//! still open.

use anyhow::Result;

use crate::report::Scope;
use crate::store::{CountBy, Store};

/// The counts and the open findings (in scope, not dismissed).
pub struct Stats {
    pub by: CountBy,
    pub rows: Vec<(Option<String>, i64)>,
    pub open_findings: usize,
}

pub fn stats(ws: &dyn Store, by: CountBy, story: Option<&str>) -> Result<Stats> {
    let rows = ws.claim_counts(by, story)?;
    let scope = Scope {
        story: story.map(str::to_string),
        articles: None,
    };
    let open_findings = super::visible_findings(ws, &scope, None, false)?.len();
    Ok(Stats {
        by,
        rows,
        open_findings,
    })
}
