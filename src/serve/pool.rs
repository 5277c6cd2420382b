//! Workspace connections kept open between requests: opening one runs the schema checks,
//! which a busy page should not repeat. The backend arbitrates writers (SQLite's WAL and
//! busy timeout, PostgreSQL's writer lock), alongside any CLI process or other server.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Result;

use crate::app::Opened;
use crate::store::{OpenMode, Store};

/// Connections not in use; at most this many are kept.
const KEEP: usize = 16;

pub struct Pool {
    db: PathBuf,
    idle: Mutex<Vec<Opened>>,
}

impl Pool {
    /// Opens (and creates, migrating if needed) the workspace once, to fail early.
    pub fn new(db: &Path) -> Result<Pool> {
        let first = crate::app::open(db, OpenMode::Create)?;
        Ok(Pool {
            db: db.to_path_buf(),
            idle: Mutex::new(vec![first]),
        })
    }

    /// Runs `f` with a connection of its own.
    pub fn with<T>(&self, f: impl FnOnce(&mut dyn Store) -> Result<T>) -> Result<T> {
        let taken = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let mut ws = match taken {
            Some(ws) => ws,
            None => crate::app::open(&self.db, OpenMode::Existing)?,
        };
        let out = f(&mut *ws);
        if let Ok(mut idle) = self.idle.lock()
            && idle.len() < KEEP
        {
            idle.push(ws);
        }
        out
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        // A PostgreSQL connection says goodbye through the client's own runtime, which may
        // not start on a thread that drives async tasks (where the server drops its state):
        // close them on a thread of their own.
        let idle = self.idle.get_mut().map(std::mem::take).unwrap_or_default();
        let _ = std::thread::spawn(move || drop(idle)).join();
    }
}
