//! Numbered SQL files from `schema/`, embedded at build time, applied in order.

use anyhow::{Context, Result};
use rusqlite::{Connection, TransactionBehavior};

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
];

pub const LATEST_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// Applies every migration newer than `version`, each in its own transaction.
/// The version is re-read inside the transaction: another process may have migrated meanwhile.
pub fn migrate(conn: &mut Connection, version: i64) -> Result<()> {
    if version >= LATEST_VERSION {
        return Ok(());
    }
    for &(number, name, sql) in MIGRATIONS {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if current >= number {
            continue;
        }
        tx.execute_batch(sql)
            .with_context(|| format!("migration {name} failed"))?;
        // Values SQL cannot compute (singular subjects) are filled in by code, same transaction.
        if number == 3 || number == 5 {
            super::claims::backfill_conflict_keys(&tx)
                .with_context(|| format!("migration {name} failed"))?;
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
        migrate(&mut conn, 0).unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, LATEST_VERSION);
    }
}
