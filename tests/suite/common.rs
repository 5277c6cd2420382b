//! A command helper: a fresh temp folder per test, the user's environment kept out.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

pub struct Test {
    pub dir: TempDir,
    /// The workspace when it is a PostgreSQL database rather than `ws.db` in `dir`.
    pub url: Option<String>,
}

pub struct Run {
    pub out: Output,
    pub args: Vec<String>,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }
    pub fn code(&self) -> i32 {
        self.out.status.code().unwrap_or(-1)
    }
    fn describe(&self) -> String {
        format!(
            "claimdesk {:?}\nexit: {:?}\nstdout:\n{}\nstderr:\n{}",
            self.args,
            self.out.status,
            self.stdout(),
            self.stderr()
        )
    }
    pub fn success(self) -> Run {
        assert_eq!(self.code(), 0, "expected success\n{}", self.describe());
        self
    }
    /// A usage error: a malformed argument or value, the command not run (exit 2).
    pub fn usage(self) -> Run {
        assert_eq!(self.code(), 2, "expected exit 2\n{}", self.describe());
        self
    }
    pub fn failure(self) -> Run {
        assert_eq!(self.code(), 1, "expected exit 1\n{}", self.describe());
        assert_eq!(
            self.stderr()
                .trim()
                .lines()
                .filter(|l| l.starts_with("error:"))
                .count()
                .min(1),
            1,
            "{}",
            self.describe()
        );
        self
    }
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout())
            .unwrap_or_else(|e| panic!("not JSON ({e})\n{}", self.describe()))
    }
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(rel: &str) -> String {
    repo().join("fixtures").join(rel).display().to_string()
}

/// `../shared` when it exists (CI always has it).
pub fn shared() -> Option<PathBuf> {
    let p = repo().join("..").join("shared");
    p.exists().then_some(p)
}

impl Test {
    /// A test with a new, empty workspace: a SQLite file, or, when
    /// `CLAIMDESK_TEST_BACKEND=postgres`, a new database on `CLAIMDESK_TEST_POSTGRES`.
    pub fn new() -> Test {
        let on_postgres = std::env::var("CLAIMDESK_TEST_BACKEND").is_ok_and(|b| b == "postgres");
        Test {
            dir: tempfile::tempdir().expect("temp dir"),
            url: on_postgres.then(postgres_database),
        }
    }

    /// A test of what only a SQLite file has (its bytes, its folder, its pragmas): always a
    /// SQLite workspace.
    pub fn sqlite() -> Test {
        Test {
            dir: tempfile::tempdir().expect("temp dir"),
            url: None,
        }
    }

    /// A test whose workspace is a new PostgreSQL database, or None (with a note) when no
    /// server is configured (`CLAIMDESK_TEST_POSTGRES`).
    pub fn on_postgres(what: &str) -> Option<Test> {
        if postgres_server().is_none() {
            skip_postgres(what);
            return None;
        }
        Some(Test {
            dir: tempfile::tempdir().expect("temp dir"),
            url: Some(postgres_database()),
        })
    }

    /// What `--db` names: the SQLite file, or the PostgreSQL URL.
    pub fn db(&self) -> PathBuf {
        match &self.url {
            Some(u) => PathBuf::from(u),
            None => self.dir.path().join("ws.db"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> String {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, contents).unwrap();
        p.display().to_string()
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("claimdesk").unwrap();
        for k in [
            "CLAIMDESK_DB",
            "CLAIMDESK_USER",
            "USER",
            "NO_COLOR",
            "COLUMNS",
        ] {
            c.env_remove(k);
        }
        c.current_dir(self.dir.path());
        c.arg("--db").arg(self.db());
        c
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_stdin(args, "")
    }

    pub fn run_stdin(&self, args: &[&str], stdin: &str) -> Run {
        let out = self.cmd().args(args).write_stdin(stdin).output().unwrap();
        Run {
            out,
            args: args.iter().map(|s| s.to_string()).collect(),
        }
    }

    pub fn ok(&self, args: &[&str]) -> Run {
        self.run(args).success()
    }

    /// Ingests the seed-model fixture and returns its claims as JSON.
    pub fn with_fixture(&self) -> Vec<Value> {
        self.ok(&[
            "ingest",
            &fixture("articles/khalilzad.txt"),
            "--url",
            "https://example.org/k",
            "--story",
            "afghan",
        ]);
        self.claims(&[])
    }

    pub fn claims(&self, filter: &[&str]) -> Vec<Value> {
        let mut args = vec!["claims", "--format", "json"];
        args.extend_from_slice(filter);
        self.ok(&args).json().as_array().unwrap().clone()
    }

    /// One value from the SQLite workspace (SQLite tests only).
    /// The first column of the first row `sql` gives, on either backend (SQL both read).
    pub fn sql<T: rusqlite::types::FromSql>(&self, sql: &str) -> T {
        let Some(url) = &self.url else {
            return rusqlite::Connection::open(self.db())
                .unwrap()
                .query_row(sql, [], |r| r.get(0))
                .unwrap();
        };
        use postgres::types::Type;
        use rusqlite::types::Value as Lite;
        let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
        let row = c
            .query_one(sql, &[])
            .unwrap_or_else(|e| panic!("{sql}: {e:?}"));
        // The PostgreSQL value as SQLite would give it (booleans as 0 and 1).
        let v = match *row.columns()[0].type_() {
            Type::INT8 => row.get::<_, Option<i64>>(0).map(Lite::Integer),
            Type::INT4 => row
                .get::<_, Option<i32>>(0)
                .map(|n| Lite::Integer(n.into())),
            Type::BOOL => row
                .get::<_, Option<bool>>(0)
                .map(|b| Lite::Integer(b.into())),
            Type::FLOAT8 => row.get::<_, Option<f64>>(0).map(Lite::Real),
            _ => row.get::<_, Option<String>>(0).map(Lite::Text),
        }
        .unwrap_or(Lite::Null);
        T::column_result(rusqlite::types::ValueRef::from(&v)).unwrap()
    }
}

pub fn id_of(claims: &[Value], text: &str) -> String {
    claims
        .iter()
        .find(|c| c["text"] == text)
        .unwrap_or_else(|| panic!("no claim '{text}'"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

pub fn chars(s: &str, start: u64, end: u64) -> String {
    s.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

pub fn read(p: impl AsRef<Path>) -> String {
    std::fs::read_to_string(p).unwrap()
}

/// `claimdesk serve` on a free port for `t`'s workspace, acting as `by`: the process and
/// the address it printed (without the trailing slash).
pub fn spawn_server(t: &Test, by: &str, extra: &[&str]) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimdesk"))
        .arg("--db")
        .arg(t.db())
        .args(["serve", "--port", "0", "--by", by])
        .args(extra)
        .env_remove("CLAIMDESK_TOKEN")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line.trim().trim_end_matches('/').to_string();
    assert!(base.starts_with("http://127.0.0.1:"), "{line}");
    (child, base)
}

/// The PostgreSQL server the tests may use, as a URL (`CLAIMDESK_TEST_POSTGRES`, for
/// example postgres://postgres@%2Ftmp%2Fpg:5433/postgres): its user must be allowed to
/// create databases. None when unset.
pub fn postgres_server() -> Option<String> {
    std::env::var("CLAIMDESK_TEST_POSTGRES")
        .ok()
        .filter(|u| !u.is_empty())
}

/// Says, visibly, that a PostgreSQL run was skipped: written to the process's stderr
/// itself, which the test harness does not capture (`eprintln!` in a passing test would
/// not show).
pub fn skip_postgres(what: &str) {
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr().lock(),
        "note: {what}: skipped on PostgreSQL (set CLAIMDESK_TEST_POSTGRES to a server URL to run it)"
    );
}

/// A new, empty database on the test server, as a URL.
pub fn postgres_database() -> String {
    let server = postgres_server().expect("CLAIMDESK_TEST_POSTGRES is set");
    let name = format!("claimdesk_test_{}", uuid::Uuid::new_v4().simple());
    // On a thread of its own: the client runs its own runtime, which cannot start inside
    // an async test's.
    let (admin_url, create) = (server.clone(), format!("CREATE DATABASE {name}"));
    std::thread::spawn(move || {
        let mut admin = postgres::Client::connect(&admin_url, postgres::NoTls)
            .unwrap_or_else(|e| panic!("cannot connect to {admin_url}: {e}"));
        admin.batch_execute(&create).unwrap();
    })
    .join()
    .unwrap();
    with_database(&server, &name)
}

/// A server URL with database `name` in place of its own.
pub fn with_database(server: &str, name: &str) -> String {
    let (base, query) = match server.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (server, String::new()),
    };
    let authority_end = base
        .find("://")
        .map(|i| i + 3)
        .and_then(|start| base[start..].find('/').map(|j| start + j))
        .unwrap_or(base.len());
    format!("{}/{name}{query}", &base[..authority_end])
}
