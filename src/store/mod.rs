//! The SQLite workspace: opening it safely, migrating it, and the queries over it.

mod articles;
mod backend;
mod checks;
pub(crate) mod claims;
pub(crate) mod dump;
mod history;
pub(crate) mod ids;
mod known;
mod maintenance;
mod migrate;
mod new_claims;
pub mod postgres;
mod ratings;
pub(crate) mod sentences;
mod stats;
pub(crate) mod versions;

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::Error;
use crate::model::{Anchor, Claim, ConflictKey, KeyFn};
use anyhow::{Context, Result};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub use articles::{ArticleField, ArticleFilter, ArticleText, NewArticle};
pub use backend::{ClaimSpan, Ratings, Store, StoreTx};
pub use checks::ArticleMeta;
pub use claims::{ClaimFilter, ClaimUpdate, value_differences};
pub use history::{Evidence, HistoryEntry};
pub use ids::IdTable;
pub use known::{KnownReview, SETTINGS};
pub use migrate::{APPLICATION_ID, LATEST_VERSION, MIGRATIONS};
pub use stats::CountBy;
pub use versions::CURRENT_VERSION;

/// Whether opening may create the workspace file. Read-only commands never create one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    Create,
    Existing,
    /// For commands that only read: never writes, never migrates, and works in a folder
    /// it cannot write to.
    ReadOnly,
}

pub struct Workspace {
    conn: Connection,
    path: PathBuf,
    keys: KeyFn,
}

/// A write transaction: a connection (it derefs to one) that also knows how the workspace
/// computes conflict keys, for the writes that store them. Dropped without `commit` by
/// `Workspace::write` on any error, which rolls everything back.
pub struct Tx<'a> {
    tx: Transaction<'a>,
    keys: KeyFn,
    /// The next article and claim numbers, read once per transaction: a query per row
    /// made bulk ingest a third slower.
    next_numbers: std::cell::Cell<Option<(i64, i64)>>,
    /// Whether `claims::stage` has made its temporary table on this connection.
    staging: std::cell::Cell<bool>,
    /// The last article a new claim was stored against (id, number, ingested_at): bulk
    /// ingest stores an article's claims one after another.
    last_article: std::cell::RefCell<Option<(String, i64, String)>>,
    /// The transaction's time: what it stores happened at once.
    at: std::cell::OnceCell<String>,
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

impl Tx<'_> {
    /// The conflict key and anchors of a claim about to be stored.
    pub fn key_of(&self, c: &Claim) -> Option<(ConflictKey, Anchor)> {
        (self.keys)(c)
    }

    /// The time of this transaction: every row it stamps gets the same one.
    pub(crate) fn now(&self) -> String {
        self.at.get_or_init(now).clone()
    }

    /// The number and ingest time of article `id`, which claims are stored against
    /// (schema 0016).
    pub(crate) fn article_key(&self, id: &str) -> Result<(i64, String)> {
        if let Some((last, n, at)) = &*self.last_article.borrow()
            && last == id
        {
            return Ok((*n, at.clone()));
        }
        let (n, at): (i64, String) = self
            .tx
            .prepare_cached("SELECT number, ingested_at FROM articles WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Error::NotFound {
                    what: "article",
                    id: id.to_string(),
                }
                .into(),
                e => anyhow::Error::from(e),
            })?;
        *self.last_article.borrow_mut() = Some((id.to_string(), n, at.clone()));
        Ok((n, at))
    }

    /// The number for a new article (`article`) or claim: the highest plus one.
    pub(crate) fn take_number(&self, article: bool) -> Result<i64> {
        let (a, c) = match self.next_numbers.get() {
            Some(n) => n,
            None => self.tx.query_row(
                // A claim's number is never reused, even after the last claim is deleted:
                // its derived id would be (schema 0018).
                "SELECT (SELECT coalesce(max(number), 0) + 1 FROM articles),
                        (SELECT max(coalesce(max(number), 0),
                                    coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'claims'), 0)) + 1
                         FROM claims)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?,
        };
        let (taken, next) = if article {
            (a, (a + 1, c))
        } else {
            (c, (a, c + 1))
        };
        self.next_numbers.set(Some(next));
        Ok(taken)
    }
}

/// Runs `sql` with one optional bound parameter (`?1`, present when `arg` is) and collects
/// the rows: the queries whose filter is optional share this instead of two calls each.
pub(crate) fn query_opt<T>(
    conn: &Connection,
    sql: &str,
    arg: Option<&str>,
    map: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(arg), map)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Counts the claims of each status again, into `status_counts` (after an import).
pub fn recount_statuses(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "UPDATE status_counts SET claims = (SELECT count(*) FROM claims c WHERE c.status = status_counts.status);",
    )?;
    Ok(())
}

/// Now, in UTC, as stored in every `*_at` column.
pub fn now() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// A UUIDv7 with random bits after the millisecond timestamp (no counter), so that rows
/// made in the same millisecond differ early and their short ids stay short.
pub fn new_id() -> String {
    uuid::Uuid::new_v7(uuid::Timestamp::now(uuid::NoContext)).to_string()
}

/// Whether SQLite could not open the file's companions (a read-only folder).
fn cannot_open(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        matches!(
            c.downcast_ref::<rusqlite::Error>(),
            Some(rusqlite::Error::SqliteFailure(f, _))
                if matches!(f.code, rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly)
        )
    }) || matches!(crate::error::kind_of(e), Some(Error::Unwritable(_)))
}

/// A path as the path part of an SQLite URI: reserved characters percent-encoded.
fn uri_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Why a file could not be read as a workspace: damaged, or not one at all.
fn refusal(shown: &str, e: rusqlite::Error) -> Error {
    match &e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DatabaseCorrupt => {
            Error::Damaged(shown.to_string(), e.to_string())
        }
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(
                f.code,
                rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen
            ) =>
        {
            Error::Unwritable(format!(
                "{shown} cannot be written here ({e}): commands that only read still work"
            ))
        }
        _ => Error::Refused(format!("{shown} is not a claimdesk workspace ({e})")),
    }
}

impl Workspace {
    /// Opens (or, with `Create`, creates) the workspace at `path`, migrating it; `keys`
    /// computes the conflict key of every claim it stores (`check::stored_key`).
    pub fn open(path: &Path, mode: OpenMode, keys: KeyFn) -> Result<Workspace> {
        if mode != OpenMode::Create && !path.exists() {
            return Err(Error::Refused(format!(
                "no workspace at {}: ingest an article or run `claimdesk init` first",
                path.display()
            ))
            .into());
        }
        if mode == OpenMode::ReadOnly {
            return Self::open_read_only(path, keys);
        }
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if mode == OpenMode::Create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let conn = Connection::open_with_flags(path, flags)
            .with_context(|| format!("cannot open workspace {}", path.display()))?;
        // Two claimdesk processes on one workspace wait for each other rather than fail.
        conn.busy_timeout(Duration::from_secs(15))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let mut ws = Workspace {
            conn,
            path: path.to_path_buf(),
            keys,
        };
        let version = ws.identify()?;
        // WAL must be set outside a transaction, and only once we know the file is ours.
        ws.conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
            .with_context(|| format!("cannot enable WAL on {}", path.display()))?;
        ws.conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Statement journals and bulk ingest's staging table stay in memory, not in files.
        ws.conn.pragma_update(None, "temp_store", "MEMORY")?;
        migrate::migrate(&mut ws.conn, version, keys)
            .with_context(|| format!("cannot upgrade workspace {}", path.display()))?;
        Ok(ws)
    }

    /// Opens for reading only. A WAL workspace in a folder this process cannot write needs
    /// its shared-memory file, which cannot be made there: it is then read as immutable.
    fn open_read_only(path: &Path, keys: KeyFn) -> Result<Workspace> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let attempt = |conn: Connection| -> Result<Workspace> {
            conn.busy_timeout(Duration::from_secs(15))?;
            let ws = Workspace {
                conn,
                path: path.to_path_buf(),
                keys,
            };
            let version = ws.identify()?;
            if version != LATEST_VERSION {
                return Err(Error::Refused(format!(
                    "{} is at schema version {version} and this claimdesk reads version {LATEST_VERSION}: run a command that writes (such as `claimdesk init`) to upgrade it first",
                    path.display()
                ))
                .into());
            }
            Ok(ws)
        };
        let direct = Connection::open_with_flags(path, flags)
            .map_err(anyhow::Error::from)
            .and_then(attempt);
        match direct {
            Err(e) if cannot_open(&e) => {
                let uri = format!("file:{}?immutable=1", uri_path(path));
                let conn = Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
                    .with_context(|| format!("cannot open workspace {}", path.display()))?;
                attempt(conn)
            }
            other => other,
        }
    }

    /// Checks that the file is a claimdesk workspace this binary understands; returns its version.
    fn identify(&self) -> Result<i64> {
        let shown = self.path.display();
        let read = |pragma: &str| -> Result<i64> {
            self.conn
                .pragma_query_value(None, pragma, |r| r.get(0))
                .map_err(|e| refusal(&shown.to_string(), e).into())
        };
        let app_id = read("application_id")?;
        let version = read("user_version")?;
        let objects: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(|e| refusal(&shown.to_string(), e))?;
        // Another program's mark, even on an empty file, is never overwritten with ours.
        if app_id != APPLICATION_ID && (objects > 0 || version != 0 || app_id != 0) {
            return Err(Error::Refused(format!(
                "{shown} is not a claimdesk workspace (an SQLite database of another program)"
            ))
            .into());
        }
        if version > LATEST_VERSION {
            return Err(Error::Refused(format!(
                "{shown} is a workspace of schema version {version}, newer than this claimdesk knows ({LATEST_VERSION}): upgrade claimdesk"
            ))
            .into());
        }
        Ok(version)
    }

    /// How this workspace computes conflict keys: bulk ingest computes them on its
    /// extraction threads, off the writer's path.
    pub fn key_fn(&self) -> KeyFn {
        self.keys
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The full id of the row a user's id or unique prefix names.
    pub fn resolve(&self, table: IdTable, prefix: &str) -> Result<String> {
        ids::resolve(&self.conn, table, prefix)
    }

    /// The shortest prefix of at least 8 characters that names `id` alone.
    pub fn short_id(&self, table: IdTable, id: &str) -> Result<String> {
        ids::short_id(&self.conn, table, id)
    }

    /// Runs `f` in one write transaction, taken at once so concurrent writers queue on the
    /// busy timeout instead of failing on a lock upgrade. Any error rolls everything back.
    pub fn write<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let tx = Tx {
            tx: self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?,
            keys: self.keys,
            next_numbers: std::cell::Cell::new(None),
            staging: std::cell::Cell::new(false),
            last_article: std::cell::RefCell::new(None),
            at: std::cell::OnceCell::new(),
        };
        let out = f(&tx)?;
        tx.tx.commit()?;
        Ok(out)
    }
}
