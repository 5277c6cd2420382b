//! Accuracy gates on the labelled corpus: accuracy cannot silently fall.

use claimdesk::eval::{Evaluation, evaluate_dir};

use super::common::*;

/// Per kind: the goal. Overall: just under what the corpus reaches today (1.000).
const PER_KIND: f64 = 0.95;
const OVERALL: f64 = 0.99;

#[test]
fn extraction_meets_the_accuracy_gates_on_the_labelled_corpus() {
    let mut eval = Evaluation::default();
    evaluate_dir(
        &repo().join("fixtures"),
        &repo().join("fixtures/labels"),
        &mut eval,
    )
    .unwrap();
    if let Some(shared) = shared() {
        evaluate_dir(&shared, &shared.join("labels"), &mut eval).unwrap();
    }
    assert!(
        eval.articles >= 13,
        "the corpus has {} labelled articles",
        eval.articles
    );
    let report = format!("{}\n{}", eval.table(), eval.problems.join("\n"));
    for (kind, k) in &eval.per_kind {
        assert!(k.labelled > 0, "{kind}: no labels\n{report}");
        assert!(
            k.precision() >= PER_KIND,
            "{kind} precision {:.3}\n{report}",
            k.precision()
        );
        assert!(
            k.recall() >= PER_KIND,
            "{kind} recall {:.3}\n{report}",
            k.recall()
        );
        assert!(
            k.value_accuracy() >= PER_KIND,
            "{kind} value accuracy {:.3}\n{report}",
            k.value_accuracy()
        );
    }
    let t = eval.total();
    assert!(
        t.precision() >= OVERALL && t.recall() >= OVERALL && t.value_accuracy() >= OVERALL,
        "{report}"
    );
}

#[test]
fn every_corpus_article_has_a_label_file_and_the_other_way_round() {
    let corpus = std::fs::read_dir(repo().join("fixtures/corpus"))
        .unwrap()
        .count();
    let labels = std::fs::read_dir(repo().join("fixtures/labels"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "json")
        })
        .count();
    assert!(corpus >= 12);
    assert_eq!(
        labels,
        corpus + 1,
        "one label file per corpus article, plus the seed model"
    );
}
