//! Numbered SQL files from `schema/`, embedded at build time, applied in order.

use anyhow::{Context, Result};
use rusqlite::{Connection, TransactionBehavior};

use crate::model::KeyFn;

/// Marks the file as a claimdesk workspace ("CLMD"), so foreign SQLite files are refused.
pub const APPLICATION_ID: i64 = 0x434C_4D44;

/// (version, file name, SQL). Append only: a shipped migration is never edited.
pub const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "0001_init.sql",
        include_str!("../../schema/0001_init.sql"),
    ),
    (
        2,
        "0002_findings.sql",
        include_str!("../../schema/0002_findings.sql"),
    ),
    (
        3,
        "0003_conflict_keys.sql",
        include_str!("../../schema/0003_conflict_keys.sql"),
    ),
    (
        4,
        "0004_claims_fts.sql",
        include_str!("../../schema/0004_claims_fts.sql"),
    ),
    (
        5,
        "0005_same_quantity.sql",
        include_str!("../../schema/0005_same_quantity.sql"),
    ),
    (
        6,
        "0006_article_language.sql",
        include_str!("../../schema/0006_article_language.sql"),
    ),
    (
        7,
        "0007_history_reextract.sql",
        include_str!("../../schema/0007_history_reextract.sql"),
    ),
    (
        8,
        "0008_article_history.sql",
        include_str!("../../schema/0008_article_history.sql"),
    ),
    (
        9,
        "0009_numbers.sql",
        include_str!("../../schema/0009_numbers.sql"),
    ),
    (
        10,
        "0010_verdicts.sql",
        include_str!("../../schema/0010_verdicts.sql"),
    ),
    (
        11,
        "0011_page_sources.sql",
        include_str!("../../schema/0011_page_sources.sql"),
    ),
    (
        12,
        "0012_claimreview.sql",
        include_str!("../../schema/0012_claimreview.sql"),
    ),
    (
        13,
        "0013_review_page.sql",
        include_str!("../../schema/0013_review_page.sql"),
    ),
    (
        14,
        "0014_measures.sql",
        include_str!("../../schema/0014_measures.sql"),
    ),
    (
        15,
        "0015_sentence_offsets.sql",
        include_str!("../../schema/0015_sentence_offsets.sql"),
    ),
    (
        16,
        "0016_lean_rows.sql",
        include_str!("../../schema/0016_lean_rows.sql"),
    ),
    (
        17,
        "0017_fewer_indexes.sql",
        include_str!("../../schema/0017_fewer_indexes.sql"),
    ),
    (
        18,
        "0018_derived_claim_ids.sql",
        include_str!("../../schema/0018_derived_claim_ids.sql"),
    ),
];

/// Where a migration stops for code to do what SQL cannot, before its remaining SQL runs.
const CODE_STEP: &str = "-- @code:";

pub const LATEST_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// Applies every migration newer than `version`, each in its own transaction.
/// The version is re-read inside the transaction: another process may have migrated meanwhile.
pub fn migrate(conn: &mut Connection, version: i64, keys: KeyFn) -> Result<()> {
    if version >= LATEST_VERSION {
        return Ok(());
    }
    // A migration that rebuilds a table others point at (claims, in 14) needs foreign keys
    // off while it runs, as SQLite's own procedure says; each is checked before it commits.
    conn.pragma_update(None, "foreign_keys", false)?;
    let out = apply(conn, keys);
    conn.pragma_update(None, "foreign_keys", true)?;
    out?;
    if version > 0 && version < FREED_PAGES {
        // Those migrations copied every article and claim (16) or dropped an index over
        // all of them (17): give the freed pages back to the file system. Only space is at stake, so a reader holding the file open (VACUUM
        // then reports busy) leaves it for another time.
        let _ = conn.execute_batch("VACUUM");
    }
    Ok(())
}

/// The last migration that frees much of the file (0016 rewrites the two big tables,
/// 0017 drops two indexes over every claim, 0018 rewrites claims).
const FREED_PAGES: i64 = 18;

fn apply(conn: &mut Connection, keys: KeyFn) -> Result<()> {
    for &(number, name, sql) in MIGRATIONS {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if current >= number {
            continue;
        }
        let (before, after) = sql.split_once(CODE_STEP).unwrap_or((sql, ""));
        // The rest of the marker's line names the step.
        let after = after.split_once('\n').map_or("", |(_, rest)| rest);
        tx.execute_batch(before)
            .with_context(|| format!("migration {name} failed"))?;
        // Values SQL cannot compute (singular subjects, where a sentence lies) are filled in
        // by code, same transaction.
        let code = match number {
            3 | 5 => super::claims::backfill_conflict_keys(&tx, keys),
            15 => super::sentences::locate_stored(&tx),
            16 => super::sentences::reindex_all(&tx),
            _ => Ok(()),
        };
        code.with_context(|| format!("migration {name} failed"))?;
        tx.execute_batch(after)
            .with_context(|| format!("migration {name} failed"))?;
        let broken: i64 =
            tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })?;
        if broken > 0 {
            anyhow::bail!("migration {name} failed: {broken} rows would point at nothing");
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", number)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_in_order_and_named_after_their_number() {
        for (i, (number, name, _)) in MIGRATIONS.iter().enumerate() {
            assert_eq!(*number, i as i64 + 1);
            assert!(name.starts_with(&format!("{number:04}_")), "{name}");
        }
    }

    #[test]
    fn every_migration_applies_to_an_empty_database() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, 0, crate::check::stored_key).unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, LATEST_VERSION);
    }

    #[test]
    fn version_16_points_claims_at_article_numbers_and_keeps_everything() {
        let mut conn = Connection::open_in_memory().unwrap();
        for &(number, _, sql) in &MIGRATIONS[..15] {
            conn.execute_batch(sql).unwrap();
            conn.pragma_update(None, "user_version", number).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO articles (id, title, story, body, body_sha256, ingested_at, number)
                 VALUES ('a1', 'One', NULL, 'Police said 12 people were arrested. It had 40 schools.', 'h1', 't0', 7),
                        ('a2', 'Two', 'floods', 'Rain fell.', 'h2', 't0', 9);
             INSERT INTO claims (id, article_id, kind, text, start_char, end_char, sentence_start, sentence_end,
                     value_low, value_high, subject, predicate, status, origin, created_at, updated_at,
                     scope, subject_key, event, number)
                 VALUES ('c1', 'a1', 'count', '12 people', 12, 21, 0, 36, 12, 12, 'people arrested', 'arrested',
                         'verified', 'extracted', 't1', 't2', 'article:a1', 'person', 'arrested', 3),
                        ('c2', 'a1', 'count', '40 schools', 44, 54, 37, 55, 40, 40, 'schools', NULL,
                         'unchecked', 'extracted', 't1', 't1', 'article:a1', NULL, NULL, 4);
             INSERT INTO claim_history (claim_id, at, actor, action, from_value, to_value)
                 VALUES ('c1', 't2', 'desk', 'status', 'unchecked', 'verified');",
        )
        .unwrap();
        migrate(&mut conn, 15, crate::check::stored_key).unwrap();
        let row = |id: &str| -> (i64, i64, Option<String>, Option<String>) {
            conn.query_row(
                "SELECT number, article_number, updated_at, scope FROM claims WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap()
        };
        assert_eq!(
            row("c1"),
            (3, 7, Some("t2".into()), Some("article:a1".into()))
        );
        // Never changed: no copy of created_at; no conflict key: no scope.
        assert_eq!(row("c2"), (4, 7, None, None));
        let rowid: i64 = conn
            .query_row("SELECT rowid FROM articles WHERE id = 'a2'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(rowid, 9);
        let history: i64 = conn
            .query_row(
                "SELECT count(*) FROM claim_history WHERE claim_id = 'c1'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(history, 1);
        // The sentences are indexed under the article numbers.
        let found: Vec<i64> = conn
            .prepare("SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH 'schools' ORDER BY rowid")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(found, vec![7 * 16_777_216 + 37]);
        // Version 17: the status index holds the reviewed claim alone, and a listing of a
        // reviewed status finds it there; the kind index is gone.
        let reviewed: i64 = conn
            .query_row(
                &format!(
                    "SELECT count(*) FROM claims c INDEXED BY claims_status WHERE {}",
                    super::super::claims::REVIEWED_ONLY
                ),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(reviewed, 1);
        let plan: Vec<String> = conn
            .prepare(&format!(
                "EXPLAIN QUERY PLAN SELECT c.number FROM claims c WHERE c.status = ?1 AND {} \
                 ORDER BY c.article_number, c.start_char LIMIT 50",
                super::super::claims::REVIEWED_ONLY
            ))
            .unwrap()
            .query_map(["verified"], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(plan.iter().any(|p| p.contains("claims_status")), "{plan:?}");
        let kind_index: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'claims_kind_order'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(kind_index, 0);
        // Version 18: claims made before it keep their stored ids, and numbers continue
        // past the highest one ever given.
        let kept: i64 = conn
            .query_row(
                "SELECT count(*) FROM claims WHERE id IN ('c1', 'c2')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(kept, 2);
        let seq: i64 = conn
            .query_row(
                "SELECT seq FROM sqlite_sequence WHERE name = 'claims'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(seq, 4);
        let orphans: i64 = conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(orphans, 0);
        // A claim cannot point at an article that is not there.
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        assert!(
            conn.execute(
                "INSERT INTO claims (id, article_number, kind, text, start_char, end_char, sentence_start,
                     sentence_end, origin, created_at) VALUES ('c3', 8, 'other', 'x', 0, 1, 0, 1, 'manual', 't')",
                [],
            )
            .is_err()
        );
    }

    #[test]
    fn a_version_4_workspace_keeps_its_history_and_gets_new_conflict_keys() {
        let mut conn = Connection::open_in_memory().unwrap();
        for &(number, _, sql) in &MIGRATIONS[..4] {
            conn.execute_batch(sql).unwrap();
            conn.pragma_update(None, "user_version", number).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO articles (id, url, title, outlet, author, published, story, body, body_sha256, source_path, ingested_at)
                 VALUES ('a1', NULL, 'T', NULL, NULL, '2021-05-04', NULL, 'Police said 12 people were arrested.', 'h', NULL, 'now');
             INSERT INTO claims (id, article_id, kind, text, start_char, end_char, sentence, value_low, value_high,
                     subject, predicate, status, origin, created_at, updated_at, scope, subject_key, event)
                 VALUES ('c1', 'a1', 'count', '12 people', 12, 21, 'Police said 12 people were arrested.', 12, 12,
                     'people arrested', 'arrested', 'unchecked', 'extracted', 'now', 'now', 'article:a1', 'person', 'arrested'),
                        ('c2', 'a1', 'count', '40 schools', 0, 10, 'It had 40 schools.', 40, 40,
                     'schools', NULL, 'unchecked', 'extracted', 'now', 'now', 'article:a1', 'school', NULL);
             INSERT INTO claim_history (claim_id, at, actor, action, note) VALUES ('c1', 'now', 'desk', 'status', 'kept');",
        )
        .unwrap();
        // The check's model of keys, as `app::open` hands it over.
        migrate(&mut conn, 4, crate::check::stored_key).unwrap();
        let one = |sql: &str| -> Option<String> { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(
            one("SELECT note FROM claim_history WHERE claim_id = 'c1'"),
            Some("kept".into())
        );
        // A count without an event is no longer compared; one with an event still is.
        assert_eq!(one("SELECT subject_key FROM claims WHERE id = 'c2'"), None);
        assert_eq!(
            one("SELECT subject_key FROM claims WHERE id = 'c1'"),
            Some("person".into())
        );
        assert_eq!(
            one("SELECT anchor FROM claims WHERE id = 'c1'"),
            Some(String::new())
        );
        // The rebuilt history is still append-only and takes the new action.
        assert!(conn.execute("DELETE FROM claim_history", []).is_err());
        conn.execute(
            "INSERT INTO claim_history (claim_id, at, actor, action) VALUES ('c2', 'now', 'x', 'reextract')",
            [],
        )
        .unwrap();
    }
}
