//! Extraction accuracy on the labelled corpus (fixtures/labels, plus ../shared/labels when
//! present): precision, recall and value accuracy per kind, and every miss.
//! Run: `cargo bench --bench accuracy`.

use std::path::Path;

use claimdesk::eval::{Evaluation, evaluate_dir};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut eval = Evaluation::default();
    evaluate_dir(
        &root.join("fixtures"),
        &root.join("fixtures/labels"),
        &mut eval,
    )
    .expect("fixtures");
    let shared = root.join("../shared");
    if shared.exists() {
        evaluate_dir(&shared, &shared.join("labels"), &mut eval).expect("shared labels");
    }
    println!("{} labelled articles\n\n{}", eval.articles, eval.table());
    for p in &eval.problems {
        println!("- {p}");
    }
}
