//! Short ids for display, resolved ids from user input.

use anyhow::Result;

use crate::store::{IdTable, Workspace};

pub fn claim_id(ws: &Workspace, prefix: &str) -> Result<String> {
    ws.resolve(IdTable::Claims, prefix)
}

pub fn article_id(ws: &Workspace, prefix: &str) -> Result<String> {
    ws.resolve(IdTable::Articles, prefix)
}

pub fn short_claim(ws: &Workspace, id: &str) -> Result<String> {
    ws.short_id(IdTable::Claims, id)
}

pub fn short_article(ws: &Workspace, id: &str) -> Result<String> {
    ws.short_id(IdTable::Articles, id)
}
