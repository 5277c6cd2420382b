//! Short ids for display, resolved ids from user input.

use anyhow::Result;

use crate::model::{ArticleId, ClaimId};
use crate::store::{IdTable, Store};

pub fn claim_id(ws: &dyn Store, prefix: &str) -> Result<ClaimId> {
    ws.resolve_claim(prefix)
}

pub fn article_id(ws: &dyn Store, prefix: &str) -> Result<ArticleId> {
    ws.resolve_article(prefix)
}

pub fn short_claim(ws: &dyn Store, id: &str) -> Result<String> {
    ws.short_id(IdTable::Claims, id)
}

pub fn short_article(ws: &dyn Store, id: &str) -> Result<String> {
    ws.short_id(IdTable::Articles, id)
}
