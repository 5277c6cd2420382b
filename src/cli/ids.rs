//! Short ids for display, resolved ids from user input.

use anyhow::Result;

use crate::store::{IdTable, Workspace, resolve, short_id};

pub fn claim_id(ws: &Workspace, prefix: &str) -> Result<String> {
    resolve(ws.conn(), IdTable::Claims, prefix)
}

pub fn article_id(ws: &Workspace, prefix: &str) -> Result<String> {
    resolve(ws.conn(), IdTable::Articles, prefix)
}

pub fn short_claim(ws: &Workspace, id: &str) -> Result<String> {
    short_id(ws.conn(), IdTable::Claims, id)
}

pub fn short_article(ws: &Workspace, id: &str) -> Result<String> {
    short_id(ws.conn(), IdTable::Articles, id)
}
