//! claimdesk: a fact-check workspace. The library holds extraction, checks and storage;
//! the `claimdesk` binary only drives it.

pub mod check;
pub mod cli;
pub mod eval;
pub mod extract;
pub mod ingest;
pub mod model;
pub mod report;
pub mod store;
