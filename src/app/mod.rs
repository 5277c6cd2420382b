//! The use cases, one function each, under every front end: the CLI today, an HTTP API
//! next. Each owns its transaction, its history rows and its index upkeep; front ends
//! parse, call one of these, and render. No use case calls a front end.

mod ingest;
mod reextract;
mod report;
mod review;

pub use ingest::{Ingest, ingest_paths};
pub use reextract::{Change, Outcome as ReextractOutcome, reextract};
pub use report::{resolve_rule, visible_findings};
pub use review::{
    AddClaim, EditClaim, FieldEdit, Marked, add_claim, assign, check_url, dismiss, edit_claim, mark,
};
