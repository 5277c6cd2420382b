//! The PostgreSQL backend (issue 14): the same workspace in a server database, for desks
//! that share one across machines. It implements the store traits (`backend.rs`) with the
//! schema in `schema/postgres/`, so everything above the store works unchanged.
//!
//! Writers are serialized: every write transaction first takes one transaction-level
//! advisory lock (`WRITE_LOCK`), as SQLite's `BEGIN IMMEDIATE` takes the file's write lock.
//! Within it, READ COMMITTED sees every committed write, so a read-modify-write (a mark, an
//! edit, "highest number plus one") cannot lose a concurrent change; readers never wait.

mod articles;
mod claims;
mod dump;
mod reads;
mod rows;
mod sentences;
mod settings;
mod tx;

use std::cell::RefCell;

use anyhow::{Context, Result, bail};
use postgres::Client;
use tokio_postgres_rustls::MakeRustlsConnect;

use super::OpenMode;
use crate::error::Error;
use crate::model::KeyFn;

pub use tx::PgTx;

/// (version, file name, SQL), applied in order; a shipped migration is never edited.
pub const MIGRATIONS: &[(i32, &str, &str)] = &[
    (
        1,
        "0001_init.sql",
        include_str!("../../../schema/postgres/0001_init.sql"),
    ),
    (
        2,
        "0002_claim_ids.sql",
        include_str!("../../../schema/postgres/0002_claim_ids.sql"),
    ),
];

pub const LATEST_VERSION: i32 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// Advisory lock keys: "claimdesk" in ASCII, one for migrations and one for writers.
const MIGRATION_LOCK: i64 = 0x636c_6169_6d64_0001;
const WRITE_LOCK: i64 = 0x636c_6169_6d64_0002;

/// Whether `--db` names a PostgreSQL database rather than a SQLite file.
pub fn is_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// A workspace in a PostgreSQL database.
pub struct PgStore {
    client: RefCell<Client>,
    location: String,
    keys: KeyFn,
}

impl PgStore {
    /// Connects to `url` and brings its schema up to date (never for `ReadOnly`, which
    /// requires the current schema and writes nothing).
    pub fn open(url: &str, mode: OpenMode, keys: KeyFn) -> Result<PgStore> {
        let location = without_password(url);
        let (url, rootcert) = tls_options(url);
        let mut client = Client::connect(&url, tls(rootcert.as_deref())?)
            .with_context(|| format!("cannot connect to {location}"))?;
        let version = schema_version(&mut client, &location)?;
        if version > LATEST_VERSION {
            bail!(Error::Refused(format!(
                "{location} is at claimdesk schema version {version}, newer than this claimdesk \
                 (version {LATEST_VERSION}): upgrade claimdesk"
            )));
        }
        if version == 0 && mode != OpenMode::Create {
            bail!(Error::Refused(format!(
                "no workspace in {location}: ingest an article or run `claimdesk init` first"
            )));
        }
        if mode == OpenMode::ReadOnly {
            if version < LATEST_VERSION {
                bail!(Error::Refused(format!(
                    "{location} is at schema version {version} and this claimdesk reads version \
                     {LATEST_VERSION}: run a command that writes (such as `claimdesk init`) to upgrade it first"
                )));
            }
        } else {
            migrate(&mut client, &location)?;
        }
        Ok(PgStore {
            client: RefCell::new(client),
            location,
            keys,
        })
    }
}

/// The URL as the driver reads it, and the CA file it does not read itself (libpq's
/// `sslrootcert`, for a server whose certificate a private CA signed). libpq's
/// `sslmode=verify-ca` and `verify-full` become `require`: rustls always checks the chain and
/// the host name.
fn tls_options(url: &str) -> (String, Option<String>) {
    let Some((base, query)) = url.split_once('?') else {
        return (url.to_string(), None);
    };
    let mut rootcert = None;
    let mut kept = Vec::new();
    for pair in query.split('&') {
        match pair.split_once('=') {
            Some(("sslrootcert", path)) => rootcert = Some(percent_decoded(path)),
            Some(("sslmode", "verify-ca" | "verify-full")) => kept.push("sslmode=require".into()),
            _ => kept.push(pair.to_string()),
        }
    }
    let url = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    (url, rootcert)
}

/// `%XX` escapes in a URL parameter as the bytes they stand for.
fn percent_decoded(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (b[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// TLS for servers that offer it (rustls): libpq's `sslmode` in the URL decides (`prefer` by
/// default, `require` to insist, `disable`); a Unix socket never uses it. The server's
/// certificate must chain to the Mozilla roots, or to the CAs in `rootcert` when given.
// ring, the provider ureq already brings (aws-lc-rs, which rustls now prefers for its
// post-quantum key exchange, would add a C and CMake build for one connection handshake).
#[allow(deprecated)]
fn tls(rootcert: Option<&str>) -> Result<MakeRustlsConnect> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let roots = match rootcert {
        None => rustls::RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        },
        Some(path) => {
            let pem = std::fs::read(path)
                .map_err(|e| Error::Invalid(format!("sslrootcert {path}: cannot read ({e})")))?;
            let mut roots = rustls::RootCertStore::empty();
            for cert in CertificateDer::pem_slice_iter(&pem) {
                let cert =
                    cert.map_err(|e| Error::Invalid(format!("sslrootcert {path}: not PEM ({e})")))?;
                roots
                    .add(cert)
                    .map_err(|e| Error::Invalid(format!("sslrootcert {path}: {e}")))?;
            }
            if roots.is_empty() {
                bail!(Error::Invalid(format!(
                    "sslrootcert {path}: no certificate in it"
                )));
            }
            roots
        }
    };
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

/// The claimdesk schema version of the database: 0 when it holds no claimdesk tables. A
/// database whose tables are another program's is refused.
fn schema_version(client: &mut Client, location: &str) -> Result<i32> {
    let row = client.query_one(
        "SELECT to_regclass('claimdesk_schema') IS NOT NULL,
                to_regclass('claims') IS NOT NULL OR to_regclass('articles') IS NOT NULL",
        &[],
    )?;
    let (ours, theirs): (bool, bool) = (row.get(0), row.get(1));
    if !ours {
        if theirs {
            bail!(Error::Refused(format!(
                "{location} has tables named claims or articles that claimdesk did not make: \
                 use an empty database"
            )));
        }
        return Ok(0);
    }
    Ok(client
        .query_one(
            "SELECT coalesce(max(version), 0) FROM claimdesk_schema",
            &[],
        )?
        .get(0))
}

/// Applies the missing migrations in one transaction under an advisory lock, so that two
/// processes upgrading at once apply each migration once.
fn migrate(client: &mut Client, location: &str) -> Result<()> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS claimdesk_schema (
             version     integer PRIMARY KEY,
             name        text NOT NULL,
             applied_at  timestamptz NOT NULL DEFAULT now()
         )",
    )?;
    // Read again under the lock: another process may have migrated meanwhile.
    let current: i32 = tx
        .query_one(
            "SELECT coalesce(max(version), 0) FROM claimdesk_schema",
            &[],
        )?
        .get(0);
    for &(version, name, sql) in MIGRATIONS {
        if version <= current {
            continue;
        }
        tx.batch_execute(sql)
            .with_context(|| format!("{location}: migration postgres/{name} failed"))?;
        tx.execute(
            "INSERT INTO claimdesk_schema (version, name) VALUES ($1, $2)",
            &[&version, &name],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// The URL as shown to people: without its password.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    match authority.rsplit_once('@') {
        Some((user, host)) => {
            let user = user.split(':').next().unwrap_or("");
            format!("{scheme}://{user}@{host}{path}")
        }
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_private_ca_and_libpq_ssl_modes_are_read_from_the_url() {
        assert_eq!(
            tls_options(
                "postgres://h/db?sslmode=verify-full&sslrootcert=%2Fetc%2Fca%20x.pem&application_name=a"
            ),
            (
                "postgres://h/db?sslmode=require&application_name=a".to_string(),
                Some("/etc/ca x.pem".to_string())
            )
        );
        assert_eq!(
            tls_options("postgres://h/db?sslrootcert=/etc/ca.pem"),
            (
                "postgres://h/db".to_string(),
                Some("/etc/ca.pem".to_string())
            )
        );
        assert_eq!(
            tls_options("postgres://h/db"),
            ("postgres://h/db".to_string(), None)
        );
        let missing = tls(Some("/nonexistent/ca.pem")).err().unwrap().to_string();
        assert!(
            missing.contains("sslrootcert /nonexistent/ca.pem"),
            "{missing}"
        );
    }

    #[test]
    fn a_shown_url_has_no_password() {
        assert_eq!(
            without_password("postgres://desk:s3cret@db.example.org:5432/claims?sslmode=require"),
            "postgres://desk@db.example.org:5432/claims?sslmode=require"
        );
        assert_eq!(
            without_password("postgres://db.example.org/claims"),
            "postgres://db.example.org/claims"
        );
        assert!(is_url("postgresql://x/y") && !is_url("work/claims.db"));
    }
}
