mod accuracy;
mod checks;
mod common;
mod extract_labels;
mod ingest;
mod review;
mod robustness;
mod workspace;
