//! The use cases, called as a front end calls them: no process, a temporary workspace.

use super::*;
use crate::error::{Error, kind_of};
use crate::ingest::Metadata;
use crate::model::{ClaimKind, Status};
use crate::store::{ClaimFilter, OpenMode};

const ARTICLE: &str = "Border clash\n\nSaturday, October 7, 2023\n\nThe defence ministry said \
    15 soldiers were killed in the clash. By evening the army said nine soldiers were killed.\n";

fn workspace() -> (tempfile::TempDir, Opened, Vec<crate::model::Claim>) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("clash.txt");
    std::fs::write(&file, ARTICLE).unwrap();
    let mut ws = open(&dir.path().join("ws.db"), OpenMode::Create).unwrap();
    let out = ingest_paths(
        &mut *ws,
        &[file.display().to_string()],
        &Metadata::default(),
        &crate::ingest::ReadOptions::default(),
        &|_| {},
        |_| {},
    )
    .unwrap();
    assert_eq!((out.done.len(), out.failed.len()), (1, 0));
    let claims = ws.claims(&ClaimFilter::default()).unwrap();
    (dir, ws, claims)
}

fn id_of(claims: &[crate::model::Claim], text: &str) -> crate::model::ClaimId {
    claims
        .iter()
        .find(|c| c.text == text)
        .and_then(|c| c.id.clone())
        .unwrap()
}

#[test]
fn mark_changes_every_claim_or_none() {
    let (_dir, mut ws, claims) = workspace();
    let a = id_of(&claims, "15 soldiers");
    let e = mark(
        &mut *ws,
        &[a.to_string(), "ffffffff".into()],
        Status::Verified,
        None,
        None,
        "desk",
    )
    .err()
    .unwrap();
    assert!(matches!(
        kind_of(&e),
        Some(Error::NotFound { what: "claim", .. })
    ));
    assert_eq!(ws.claim(&a).unwrap().status, Status::Unchecked);
    let done = mark(
        &mut *ws,
        &[a.to_string()],
        Status::Disputed,
        Some("UN says 12"),
        None,
        "desk",
    )
    .unwrap();
    assert_eq!((done.len(), done[0].before), (1, Status::Unchecked));
    assert_eq!(ws.claim(&a).unwrap().status, Status::Disputed);
    assert_eq!(ws.history(&a).unwrap().len(), 1);
}

#[test]
fn evidence_must_be_a_web_address() {
    let (_dir, mut ws, claims) = workspace();
    let a = id_of(&claims, "15 soldiers");
    let e = mark(
        &mut *ws,
        &[a.to_string()],
        Status::Verified,
        None,
        Some("ftp://x"),
        "desk",
    )
    .err()
    .unwrap();
    assert!(matches!(kind_of(&e), Some(Error::Invalid(_))));
}

#[test]
fn add_claim_by_quote_and_refuse_a_second_one() {
    let (_dir, mut ws, claims) = workspace();
    let article = claims[0].review().article_id.clone().unwrap();
    let req = AddClaim {
        article: &article,
        quote: "defence ministry",
        occurrence: 1,
        kind: None,
    };
    let c = add_claim(&mut *ws, &req, "desk").unwrap();
    assert_eq!(
        (c.kind(), c.text.as_str()),
        (ClaimKind::Other, "defence ministry")
    );
    let e = add_claim(&mut *ws, &req, "desk").err().unwrap();
    assert!(matches!(kind_of(&e), Some(Error::Conflict(_))), "{e}");
    let missing = AddClaim {
        quote: "500 tanks",
        ..req
    };
    let e = add_claim(&mut *ws, &missing, "desk").err().unwrap();
    assert!(matches!(kind_of(&e), Some(Error::Invalid(_))), "{e}");
}

#[test]
fn edit_refuses_fields_the_kind_lacks_and_the_report_follows() {
    let (_dir, mut ws, claims) = workspace();
    let nine = id_of(&claims, "nine soldiers");
    let scope = crate::report::Scope::default();
    assert_eq!(
        visible_findings(&*ws, &scope, None, false).unwrap().len(),
        1
    );
    let e = edit_claim(
        &mut *ws,
        &EditClaim {
            claim: &nine,
            kind: None,
            fields: vec![FieldEdit::Currency(Some("USD".into()))],
            note: None,
        },
        "desk",
    )
    .err()
    .unwrap();
    assert!(matches!(kind_of(&e), Some(Error::Invalid(_))), "{e}");
    let (_, changed) = edit_claim(
        &mut *ws,
        &EditClaim {
            claim: &nine,
            kind: None,
            fields: vec![FieldEdit::Low(Some(15.0)), FieldEdit::High(Some(15.0))],
            note: Some("the army corrected itself"),
        },
        "desk",
    )
    .unwrap();
    assert_eq!(changed, ["low", "high"]);
    assert!(
        visible_findings(&*ws, &scope, None, false)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn dismiss_hides_a_finding_and_needs_a_reason() {
    let (_dir, mut ws, _) = workspace();
    let scope = crate::report::Scope::default();
    let f = visible_findings(&*ws, &scope, Some("number-conflict"), false).unwrap();
    assert_eq!(f.len(), 1);
    let e = dismiss(&mut *ws, &f[0].id, " ", "desk").err().unwrap();
    assert!(matches!(kind_of(&e), Some(Error::Usage(_))));
    dismiss(&mut *ws, &f[0].id[..6], "two counts at two times", "desk").unwrap();
    assert!(
        visible_findings(&*ws, &scope, None, false)
            .unwrap()
            .is_empty()
    );
    assert_eq!(visible_findings(&*ws, &scope, None, true).unwrap().len(), 1);
    let e = visible_findings(&*ws, &scope, Some("bogus"), false)
        .err()
        .unwrap();
    assert!(matches!(kind_of(&e), Some(Error::Usage(_))));
}

#[test]
fn assign_and_unassign() {
    let (_dir, mut ws, claims) = workspace();
    let a = id_of(&claims, "15 soldiers");
    assign(&mut *ws, &[a.to_string()], Some("rahim"), "desk").unwrap();
    assert_eq!(
        ws.claim(&a).unwrap().review().assignee.as_deref(),
        Some("rahim")
    );
    let e = assign(&mut *ws, &[a.to_string()], Some(" "), "desk")
        .err()
        .unwrap();
    assert!(matches!(kind_of(&e), Some(Error::Usage(_))));
    assign(&mut *ws, &[a.to_string()], None, "desk").unwrap();
    assert_eq!(ws.claim(&a).unwrap().review().assignee, None);
}
