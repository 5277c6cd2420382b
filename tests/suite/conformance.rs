//! The store conformance suite: the behaviour every storage backend owes the application
//! layer, stated once against the `Store`/`StoreTx` traits and run against each backend
//! (SQLite always; a second backend adds itself to `backends`). Each check gets a new,
//! empty store.

use std::collections::HashSet;

use anyhow::{Context, Result, bail, ensure};
use chrono::NaiveDate;
use claimdesk::error::{Error, kind_of};
use claimdesk::model::{
    ArticleId, ClaimId, ClaimKind, FindingId, HistoryAction, Rule, Stance, Status, Value,
};
use claimdesk::store::{
    ArticleFilter, ClaimFilter, ClaimUpdate, Evidence, IdTable, KnownReview, NewArticle, OpenMode,
    Store,
};
use sha2::{Digest, Sha256};

const BODY: &str = "Border clash\n\nSaturday, October 7, 2023\n\nThe defence ministry said \
    15 soldiers were killed in the clash. By evening the army said nine soldiers were killed. \
    The envoy, who arrived on Friday, October 6, pledged $2 million in aid.\n";

type Check = fn(&mut dyn Store) -> Result<()>;

/// Every check, by name.
const CHECKS: &[(&str, Check)] = &[
    ("articles_round_trip", articles_round_trip),
    (
        "claims_keep_offsets_sentences_numbers",
        claims_keep_offsets_sentences_numbers,
    ),
    (
        "same_place_and_kind_stored_once",
        same_place_and_kind_stored_once,
    ),
    (
        "staged_claims_equal_inserted_ones",
        staged_claims_equal_inserted_ones,
    ),
    (
        "ids_resolve_by_prefix_and_number",
        ids_resolve_by_prefix_and_number,
    ),
    (
        "status_change_keeps_history_and_counts",
        status_change_keeps_history_and_counts,
    ),
    ("failed_write_changes_nothing", failed_write_changes_nothing),
    (
        "evidence_and_dismissals_are_kept",
        evidence_and_dismissals_are_kept,
    ),
    ("settings_tokens_and_ratings", settings_tokens_and_ratings),
    (
        "search_reads_sentences_and_subjects",
        search_reads_sentences_and_subjects,
    ),
    (
        "edit_changes_the_value_and_records_it",
        edit_changes_the_value_and_records_it,
    ),
    ("versions_carry_review_over", versions_carry_review_over),
    (
        "conflicting_figures_form_a_group",
        conflicting_figures_form_a_group,
    ),
    ("known_reviews_match_claims", known_reviews_match_claims),
    (
        "claim_times_follow_their_writes",
        claim_times_follow_their_writes,
    ),
];

/// A check of one store against a second, empty store of the same backend.
type PairCheck = fn(&mut dyn Store, &mut dyn Store) -> Result<()>;

const PAIR_CHECKS: &[(&str, PairCheck)] = &[(
    "export_then_import_is_identical",
    export_then_import_is_identical,
)];

/// Makes a new, empty store in the given folder.
type Factory = Box<dyn Fn(&std::path::Path) -> Box<dyn Store>>;

/// A factory for each backend this machine can run: SQLite always, PostgreSQL when
/// `CLAIMDESK_TEST_POSTGRES` names a server (see `postgres_database`).
fn backends() -> Vec<(&'static str, Factory)> {
    let mut all: Vec<(&'static str, Factory)> = vec![(
        "sqlite",
        Box::new(|dir: &std::path::Path| -> Box<dyn Store> {
            Box::new(claimdesk::app::open_sqlite(&dir.join("ws.db"), OpenMode::Create).unwrap())
        }),
    )];
    match crate::suite::common::postgres_server() {
        Some(_) => all.push((
            "postgres",
            Box::new(|_: &std::path::Path| -> Box<dyn Store> {
                let url = crate::suite::common::postgres_database();
                claimdesk::app::open(std::path::Path::new(&url), OpenMode::Create).unwrap()
            }),
        )),
        None => crate::suite::common::skip_postgres("the store conformance suite"),
    }
    all
}

#[test]
fn every_backend_passes_every_check() {
    let mut failed = Vec::new();
    for (backend, make) in backends() {
        for (name, check) in CHECKS {
            let dir = tempfile::tempdir().unwrap();
            let mut store = make(dir.path());
            if let Err(e) = check(store.as_mut()) {
                failed.push(format!("{backend}/{name}: {e:#}"));
            }
        }
        for (name, check) in PAIR_CHECKS {
            let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
            let (mut first, mut second) = (make(a.path()), make(b.path()));
            if let Err(e) = check(first.as_mut(), second.as_mut()) {
                failed.push(format!("{backend}/{name}: {e:#}"));
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

fn sha(body: &str) -> String {
    Sha256::digest(body.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn article(body: &str, url: Option<&str>) -> NewArticle {
    NewArticle {
        title: "Border clash".into(),
        url: url.map(str::to_string),
        published: Some("2023-10-07".into()),
        story: Some("clash".into()),
        body: body.into(),
        body_sha256: sha(body),
        format: "text".into(),
        ..Default::default()
    }
}

/// Stores `a` with the claims extraction finds in it, one insert at a time (or staged and
/// moved at once); returns the article id and the new claim ids.
fn store_article(
    s: &mut dyn Store,
    a: &NewArticle,
    staged: bool,
) -> Result<(ArticleId, Vec<ClaimId>)> {
    let claims = claimdesk::extract::extract(&a.body, NaiveDate::from_ymd_opt(2023, 10, 7)).claims;
    ensure!(
        claims.len() >= 5,
        "the test article yields {} claims",
        claims.len()
    );
    s.write(|tx| {
        let since = tx.last_rowid()?;
        let id = tx.insert_article(a)?;
        let mut ids = Vec::new();
        for c in &claims {
            if staged {
                tx.stage_claim(&id, c, tx.key_of(c))?;
            } else if let Some(cid) = tx.insert_claim(&id, c)? {
                ids.push(cid);
            }
        }
        tx.flush_staged()?;
        tx.index_new_claims(since)?;
        Ok((id, ids))
    })
}

fn all_claims(s: &dyn Store) -> Result<Vec<claimdesk::model::Claim>> {
    s.claims(&ClaimFilter::default())
}

fn articles_round_trip(s: &mut dyn Store) -> Result<()> {
    let a = article(BODY, Some("https://example.org/clash"));
    let (id, claims) = store_article(s, &a, false)?;
    let got = s.article(&id)?;
    ensure!(got.title == "Border clash" && got.url == a.url && got.story == a.story);
    ensure!(got.published.as_deref() == Some("2023-10-07"));
    ensure!(
        got.claims as usize == claims.len(),
        "article counts {} claims",
        got.claims
    );
    ensure!(s.article_text(&id)?.body == BODY, "the body changed");
    let found = s.write(|tx| tx.find_article_by_hash(&a.body_sha256))?;
    ensure!(found.as_deref() == Some(id.as_str()), "by hash: {found:?}");
    let story = |st: &str| ArticleFilter {
        story: Some(st.into()),
    };
    ensure!(s.articles(&story("clash"))?.len() == 1);
    ensure!(s.articles(&story("other"))?.is_empty());
    let urls = s.stored_urls(&["https://example.org/clash".into(), "https://x.org".into()])?;
    ensure!(
        urls == HashSet::from(["https://example.org/clash".to_string()]),
        "{urls:?}"
    );
    ensure!(s.articles_by_ids(std::slice::from_ref(&id))?[0].id == id);
    Ok(())
}

fn claims_keep_offsets_sentences_numbers(s: &mut dyn Store) -> Result<()> {
    let (id, ids) = store_article(s, &article(BODY, None), false)?;
    let chars: Vec<char> = BODY.chars().collect();
    let mut numbers = HashSet::new();
    for cid in &ids {
        let c = s.claim(cid)?;
        let at: String = chars[c.start..c.end].iter().collect();
        ensure!(
            at == c.text,
            "claim {cid} says {:?} but the body has {at:?}",
            c.text
        );
        ensure!(
            c.sentence.contains(c.text.as_str()),
            "sentence {:?} lacks {:?}",
            c.sentence,
            c.text
        );
        ensure!(c.review().article_id.as_deref() == Some(id.as_str()));
        ensure!(c.status == Status::Unchecked);
        ensure!(
            numbers.insert(c.number.context("no number")?),
            "number repeated"
        );
    }
    let of_article = s.claims_of_articles(std::slice::from_ref(&id))?;
    ensure!(of_article.len() == ids.len());
    let sentences = s.sentences_of(&ids)?;
    ensure!(
        sentences.len() == ids.len(),
        "{} sentences",
        sentences.len()
    );
    let nums = s.claim_numbers(&ids)?;
    ensure!(nums.values().copied().collect::<HashSet<_>>() == numbers);
    Ok(())
}

/// A claim stored with its article was created when the article was ingested; one added
/// later, when it was added; `updated_at` follows the last change.
fn claim_times_follow_their_writes(s: &mut dyn Store) -> Result<()> {
    let (id, _) = store_article(s, &article(BODY, None), true)?;
    let ingested = s.article(&id)?.ingested_at;
    let ids: Vec<ClaimId> = all_claims(s)?.into_iter().filter_map(|c| c.id).collect();
    ensure!(!ingested.is_empty());
    for c in all_claims(s)? {
        ensure!(
            c.review().created_at.as_deref() == Some(ingested.as_str()),
            "{c:?}"
        );
        ensure!(c.review().updated_at == c.review().created_at, "{c:?}");
    }
    std::thread::sleep(std::time::Duration::from_millis(5));
    let mut later = s.claim(&ids[0])?;
    later.value = Value::Other;
    let added = s
        .write(|tx| tx.insert_claim(&id, &later))?
        .context("the other-kind claim was not stored")?;
    let added = s.claim(&added)?;
    let created = added.review().created_at.clone().context("no created_at")?;
    ensure!(created > ingested, "{created} is not after {ingested}");
    ensure!(added.review().updated_at.as_deref() == Some(created.as_str()));
    std::thread::sleep(std::time::Duration::from_millis(5));
    s.write(|tx| {
        tx.update_claim(
            &ids[1],
            &ClaimUpdate::Status(Status::Verified),
            "desk",
            None,
            None,
        )
    })?;
    let marked = s.claim(&ids[1])?;
    ensure!(marked.review().created_at.as_deref() == Some(ingested.as_str()));
    let updated = marked
        .review()
        .updated_at
        .clone()
        .context("no updated_at")?;
    ensure!(updated > created, "{updated} is not after {created}");
    Ok(())
}

fn same_place_and_kind_stored_once(s: &mut dyn Store) -> Result<()> {
    let a = article(BODY, None);
    let (id, ids) = store_article(s, &a, false)?;
    let claims = s.claims_of_articles(std::slice::from_ref(&id))?;
    let again = s.write(|tx| {
        let mut n = 0;
        for c in &claims {
            n += usize::from(tx.insert_claim(&id, c)?.is_some());
            tx.stage_claim(&id, c, tx.key_of(c))?;
            let at = tx.claim_at(&id, c.start, c.end, c.kind())?;
            ensure!(at == c.id, "claim_at {at:?} for {:?}", c.id);
        }
        tx.flush_staged()?;
        Ok(n)
    })?;
    ensure!(again == 0, "{again} claims stored twice");
    ensure!(all_claims(s)?.len() == ids.len());
    let counted: i64 = s.status_counts()?.iter().map(|(_, n)| n).sum();
    ensure!(counted as usize == ids.len(), "status counts say {counted}");
    Ok(())
}

fn staged_claims_equal_inserted_ones(s: &mut dyn Store) -> Result<()> {
    let (a, _) = store_article(s, &article(BODY, None), false)?;
    let other = format!("{BODY}\n");
    let (b, _) = store_article(s, &article(&other, None), true)?;
    let shape = |id: &ArticleId| -> Result<Vec<String>> {
        Ok(s.claims_of_articles(std::slice::from_ref(id))?
            .iter()
            .map(|c| {
                let mut j = c.to_json();
                for k in ["id", "article_id", "number", "created_at", "updated_at"] {
                    j.as_object_mut().unwrap().remove(k);
                }
                j.to_string()
            })
            .collect())
    };
    let (x, y) = (shape(&a)?, shape(&b)?);
    ensure!(x == y, "inserted {x:?}\nstaged {y:?}");
    Ok(())
}

fn ids_resolve_by_prefix_and_number(s: &mut dyn Store) -> Result<()> {
    let (_, ids) = store_article(s, &article(BODY, None), false)?;
    let id = &ids[0];
    ensure!(&s.resolve_claim(id)? == id);
    let short = s.short_id(IdTable::Claims, id)?;
    ensure!(
        short.len() >= 8 && id.starts_with(&short),
        "short id {short}"
    );
    ensure!(&s.resolve_claim(&short)? == id);
    let number = s.claim(id)?.number.context("no number")?;
    ensure!(&s.resolve_claim(&number.to_string())? == id);
    let missing = s.resolve(IdTable::Claims, "fffffff").unwrap_err();
    ensure!(
        matches!(kind_of(&missing), Some(Error::NotFound { .. })),
        "{missing}"
    );
    // Ids made in one run share their first characters (UUIDv7 time).
    let common: String = id
        .chars()
        .zip(ids[1].chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a)
        .collect();
    ensure!(common.len() >= 4, "ids share only {common:?}");
    let two = s.resolve(IdTable::Claims, &common).unwrap_err();
    ensure!(
        matches!(kind_of(&two), Some(Error::Ambiguous { .. })),
        "{two}"
    );
    Ok(())
}

fn status_change_keeps_history_and_counts(s: &mut dyn Store) -> Result<()> {
    let (_, ids) = store_article(s, &article(BODY, None), false)?;
    let id = ids[0].clone();
    let verify = ClaimUpdate::Status(Status::Verified);
    let changed = s.write(|tx| tx.update_claim(&id, &verify, "ana", Some("seen it"), None))?;
    let again = s.write(|tx| tx.update_claim(&id, &verify, "ana", None, None))?;
    ensure!(changed && !again, "changed {changed}, again {again}");
    ensure!(s.claim(&id)?.status == Status::Verified);
    let h = s.history(&id)?;
    let last = h.last().context("no history")?;
    ensure!(h.len() == 1, "{} history rows", h.len());
    ensure!(last.actor == "ana" && last.note.as_deref() == Some("seen it"));
    ensure!(last.from.as_deref() == Some("unchecked") && last.to.as_deref() == Some("verified"));
    let counts = s.status_counts()?;
    let of = |st: &str| counts.iter().find(|(s, _)| s == st).map_or(0, |(_, n)| *n);
    ensure!(
        of("verified") == 1 && of("unchecked") == ids.len() as i64 - 1,
        "{counts:?}"
    );
    let verified = s.claims(&ClaimFilter {
        status: Some(Status::Verified),
        ..Default::default()
    })?;
    ensure!(verified.len() == 1 && verified[0].id.as_deref() == Some(id.as_str()));
    let assign = ClaimUpdate::Assignee(Some("bo".into()));
    s.write(|tx| tx.update_claim(&id, &assign, "ana", None, None))?;
    let mine = s.claims(&ClaimFilter {
        assignee: Some("bo".into()),
        ..Default::default()
    })?;
    ensure!(mine.len() == 1, "{} claims assigned", mine.len());
    Ok(())
}

fn failed_write_changes_nothing(s: &mut dyn Store) -> Result<()> {
    let (_, ids) = store_article(s, &article(BODY, None), false)?;
    let id = ids[0].clone();
    let other = article("Another article with 40 claims.\n", None);
    let outcome: Result<()> = s.write(|tx| {
        tx.insert_article(&other)?;
        tx.update_claim(
            &id,
            &ClaimUpdate::Status(Status::Disputed),
            "ana",
            None,
            None,
        )?;
        bail!("refused halfway")
    });
    ensure!(outcome.is_err());
    ensure!(
        s.articles(&ArticleFilter::default())?.len() == 1,
        "the article stayed"
    );
    ensure!(
        s.claim(&id)?.status == Status::Unchecked,
        "the status stayed"
    );
    ensure!(s.history(&id)?.is_empty(), "history was written");
    Ok(())
}

fn evidence_and_dismissals_are_kept(s: &mut dyn Store) -> Result<()> {
    let (_, ids) = store_article(s, &article(BODY, None), false)?;
    let e = Evidence {
        claim_id: ids[0].clone(),
        url: "https://example.org/source".into(),
        note: Some("the ministry's statement".into()),
        stance: Stance::Supports,
        added_by: "ana".into(),
        added_at: "2026-01-01T00:00:00.000Z".into(),
    };
    s.write(|tx| tx.add_evidence(&e))?;
    let got = s.evidence(&ids[0])?;
    ensure!(got.len() == 1 && got[0].url == e.url && got[0].stance == Stance::Supports);
    let pair = vec![ids[0].clone(), ids[1].clone()];
    s.write(|tx| {
        tx.dismiss_finding(
            &FindingId::new("f00d"),
            Rule::NumberConflict,
            &pair,
            "different days",
            "ana",
        )
    })?;
    ensure!(s.dismissed_findings()?.contains("f00d"));
    let h = s.history(&ids[1])?;
    ensure!(
        h.iter()
            .any(|e| e.action == HistoryAction::Dismiss.as_str()),
        "{h:?}"
    );
    Ok(())
}

fn settings_tokens_and_ratings(s: &mut dyn Store) -> Result<()> {
    s.write(|tx| tx.set_setting("org.name", Some("Desk")))?;
    ensure!(s.setting("org.name")?.as_deref() == Some("Desk"));
    s.write(|tx| tx.set_setting("org.name", None))?;
    ensure!(s.setting("org.name")?.is_none());
    s.write(|tx| tx.set_token("ana", "abc123"))?;
    ensure!(s.token_owner("abc123")?.as_deref() == Some("ana"));
    ensure!(s.token_names()?.iter().any(|(n, _)| n == "ana"));
    ensure!(s.write(|tx| tx.remove_token("ana"))?);
    ensure!(!s.write(|tx| tx.remove_token("ana"))?);
    ensure!(s.token_owner("abc123")?.is_none());
    ensure!(!s.ratings()?.is_empty(), "no default rating scale");
    s.write(|tx| tx.add_rating("odd", Some(3)))?;
    ensure!(s.ratings()?.contains(&("odd".to_string(), Some(3))));
    let (_, ids) = store_article(s, &article(BODY, None), false)?;
    ensure!(s.write(|tx| tx.rate(&ids[0], "odd", Some("why"), "ana"))?);
    ensure!(s.claim(&ids[0])?.review().rating.as_deref() == Some("odd"));
    ensure!(
        s.rated_at(std::slice::from_ref(&ids[0]))?
            .contains_key(&ids[0])
    );
    Ok(())
}

fn search_reads_sentences_and_subjects(s: &mut dyn Store) -> Result<()> {
    store_article(s, &article(BODY, None), false)?;
    let search = |s: &dyn Store, q: &str| {
        s.claims(&ClaimFilter {
            search: Some(q.into()),
            ..Default::default()
        })
    };
    let found = search(s, "defence ministry")?;
    ensure!(found.iter().any(|c| c.text.contains("15")), "{found:?}");
    ensure!(
        found
            .iter()
            .all(|c| c.sentence.contains("defence ministry"))
    );
    ensure!(search(s, "zebra")?.is_empty());
    ensure!(
        search(s, "\"AND OR ( NEAR *")?.is_empty(),
        "operators are words"
    );
    Ok(())
}

fn edit_changes_the_value_and_records_it(s: &mut dyn Store) -> Result<()> {
    let (_, ids) = store_article(s, &article(BODY, None), false)?;
    let c = ids
        .iter()
        .map(|id| s.claim(id))
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .find(|c| c.kind() == ClaimKind::Count)
        .context("no count")?;
    let id = c.id.clone().unwrap();
    let mut f = c.value.fields();
    f.low = Some(16.0);
    f.high = Some(16.0);
    let v = Value::new(ClaimKind::Count, f);
    let changed = s.write(|tx| tx.edit_claim(&id, &v, "ana", Some("typo")))?;
    ensure!(!changed.is_empty(), "no field changed");
    let got = s.claim(&id)?;
    ensure!(got.value.range() == (Some(16.0), Some(16.0)));
    let h = s.history(&id)?;
    ensure!(h.iter().any(|e| e.note.as_deref() == Some("typo")), "{h:?}");
    Ok(())
}

fn versions_carry_review_over(s: &mut dyn Store) -> Result<()> {
    let url = "https://example.org/clash";
    let (v1, ids) = store_article(s, &article(BODY, Some(url)), false)?;
    let verify = ClaimUpdate::Status(Status::Verified);
    s.write(|tx| tx.update_claim(&ids[0], &verify, "ana", None, None))?;
    let latest = s.write(|tx| tx.latest_at_url(url))?;
    ensure!(
        latest.as_ref().map(|l| l.0.as_str()) == Some(v1.as_str()),
        "{latest:?}"
    );
    let mut next = article(&format!("{BODY}A correction was added.\n"), Some(url));
    next.previous_id = Some(v1.clone());
    let (v2, _) = store_article(s, &next, false)?;
    let carried = s.write(|tx| tx.carry_over(&v1, &v2))?;
    ensure!(carried >= 1, "carried {carried}");
    ensure!(s.article(&v1)?.next_id.as_deref() == Some(v2.as_str()));
    let first = s.claim(&ids[0])?;
    let same = s
        .claims_of_articles(std::slice::from_ref(&v2))?
        .into_iter()
        .find(|c| c.start == first.start && c.kind() == first.kind())
        .context("the claim is not in the new version")?;
    ensure!(same.status == Status::Verified, "status {:?}", same.status);
    Ok(())
}

fn conflicting_figures_form_a_group(s: &mut dyn Store) -> Result<()> {
    store_article(s, &article(BODY, None), false)?;
    let groups = s.conflicting_groups(None)?;
    ensure!(groups.len() == 1, "{} groups", groups.len());
    let (claims, _) = s.group_claims(&groups[0])?;
    let texts: HashSet<&str> = claims.iter().map(|c| c.text.as_str()).collect();
    ensure!(
        texts.contains("15 soldiers") && texts.contains("nine soldiers"),
        "{texts:?}"
    );
    Ok(())
}

fn known_reviews_match_claims(s: &mut dyn Store) -> Result<()> {
    let (_, ids) = store_article(s, &article(BODY, None), false)?;
    let r = KnownReview {
        review_url: "https://checks.example/1".into(),
        claim_reviewed: "15 soldiers were killed in the clash".into(),
        rating: Some("False".into()),
        ..Default::default()
    };
    let rid = s
        .write(|tx| tx.insert_review(&r, Some("test")))?
        .context("not stored")?;
    ensure!(
        s.write(|tx| tx.insert_review(&r, Some("test")))?.is_none(),
        "stored twice"
    );
    ensure!(s.write(|tx| tx.known_review_count())? == 1);
    let candidates = s.write(|tx| tx.claim_candidates("soldiers killed", 10))?;
    ensure!(!candidates.is_empty(), "no candidate claims");
    s.write(|tx| tx.insert_match(&ids[0], rid, 0.9))?;
    let known = s.known_for_claim(&ids[0])?;
    ensure!(known.len() == 1 && known[0].0.review_url == r.review_url);
    ensure!(
        s.best_known_for(std::slice::from_ref(&ids[0]))?
            .contains_key(&ids[0])
    );
    ensure!(s.known_reviews()?.len() == 1);
    Ok(())
}

fn export_then_import_is_identical(s: &mut dyn Store, copy: &mut dyn Store) -> Result<()> {
    let (_, ids) = store_article(s, &article(BODY, Some("https://example.org/a")), false)?;
    let verify = ClaimUpdate::Status(Status::Verified);
    s.write(|tx| tx.update_claim(&ids[0], &verify, "ana", Some("ok"), None))?;
    s.write(|tx| tx.set_setting("org.name", Some("Desk")))?;
    let mut first = Vec::new();
    let rows = s.export_all(&mut first)?;
    ensure!(rows > ids.len(), "{rows} rows exported");
    ensure!(s.problems()?.is_empty(), "{:?}", s.problems()?);
    copy.import_all(&mut first.as_slice(), "export")?;
    let mut second = Vec::new();
    copy.export_all(&mut second)?;
    ensure!(first == second, "the copy exports differently");
    ensure!(copy.claim(&ids[0])?.status == Status::Verified);
    ensure!(copy.problems()?.is_empty());
    Ok(())
}
