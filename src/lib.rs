//! claimdesk: a fact-check workspace. The library holds extraction, checks and storage;
//! the `claimdesk` binary only drives it.

pub mod app;
pub mod check;
pub mod claimreview;
pub mod cli;
pub mod error;
pub mod eval;
pub mod extract;
pub mod ingest;
pub mod model;
pub mod report;
pub mod serve;
pub mod store;
mod word_set;
