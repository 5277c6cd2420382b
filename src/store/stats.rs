//! Claim counts grouped one way or another: the morning meeting's numbers.

use anyhow::Result;

use super::{Workspace, query_opt};

/// What claims are counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountBy {
    Status,
    Kind,
    Assignee,
    Story,
    Outlet,
}

impl CountBy {
    pub fn as_str(self) -> &'static str {
        match self {
            CountBy::Status => "status",
            CountBy::Kind => "kind",
            CountBy::Assignee => "assignee",
            CountBy::Story => "story",
            CountBy::Outlet => "outlet",
        }
    }

    /// The grouped column: fixed text per variant, never from input.
    pub(crate) fn column(self) -> &'static str {
        match self {
            CountBy::Status => "c.status",
            CountBy::Kind => "c.kind",
            CountBy::Assignee => "c.assignee",
            CountBy::Story => "a.story",
            CountBy::Outlet => "a.outlet",
        }
    }
}

impl Workspace {
    /// (key, claims) per value of `by`, most claims first, within one story when given; a
    /// NULL key counts the claims without one (no assignee, no story).
    pub fn claim_counts(
        &self,
        by: CountBy,
        story: Option<&str>,
    ) -> Result<Vec<(Option<String>, i64)>> {
        let col = by.column();
        let filter = if story.is_some() {
            "WHERE a.story = ?1"
        } else {
            ""
        };
        let sql = format!(
            "SELECT {col}, count(*) FROM claims c JOIN articles a ON a.number = c.article_number {filter} \
             GROUP BY {col} ORDER BY count(*) DESC, {col}"
        );
        query_opt(&self.conn, &sql, story, |r| Ok((r.get(0)?, r.get(1)?)))
    }
}
