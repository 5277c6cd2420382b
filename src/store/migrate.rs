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
    out
}

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
