//! Opening the database: WAL, append-only migrations by `PRAGMA user_version`, refusal of newer files,
//! and recovery from a corrupt file (moved aside with a dated name, never deleted).

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, ErrorCode, OpenFlags};
use serde::{Deserialize, Serialize};

/// Migrations in order; the schema version is their count. Never edit one that has shipped: add another.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_history.sql"),
    include_str!("../migrations/0002_collections_environments.sql"),
    include_str!("../migrations/0003_batch_runs.sql"),
    include_str!("../migrations/0004_batch_search_later.sql"),
];
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "The history database was written by a newer version of VK Workspace (format {found}; this version reads up to {supported}). Update VK Workspace, or move {path} aside to start a new history."
    )]
    NewerDatabase { found: i64, supported: i64, path: String },
    #[error("The history database could not be opened: {0}")]
    Open(String),
    #[error("The history database could not be updated to the current format: {0}")]
    Migration(String),
    #[error("Database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("File error: {0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Invalid(String),
}

/// What happened while opening, for the app to tell the user.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct OpenReport {
    /// Where a corrupt database was moved to before a new one was started.
    pub corrupt_moved_to: Option<PathBuf>,
    /// Schema version before migrating (0 for a new file).
    pub migrated_from: i64,
    /// The unfinished batch runs the corrupt file still showed (read back, read-only, after it was moved aside),
    /// or `None` when that part of it could not be read either. Empty when it held none (or nothing was moved).
    pub damaged_runs: Option<Vec<DamagedRun>>,
}

/// An unfinished batch run (running or paused) of a database that was damaged: its results are lost with it,
/// so a new run of the same sheet would send every row again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DamagedRun {
    /// The sheet's file name.
    pub name: String,
    pub fingerprint: String,
    pub environment: String,
    pub row_count: u32,
    /// How many rows had a result, when that could be read.
    pub done: Option<u32>,
}

/// At most this many unfinished runs are read back from a damaged file (a damaged count must not make it loop).
pub const DAMAGED_RUNS_READ: usize = 100;

pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    /// How many batch runs are writing now (see [`Store::bulk_writing`]).
    bulk_writers: u32,
}

fn is_corruption(err: &rusqlite::Error) -> bool {
    matches!(err.sqlite_error_code(), Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt))
}

fn open_checked(path: &Path) -> Result<(Connection, i64), rusqlite::Error> {
    let conn = Connection::open(path)?;
    // Reading the schema touches the header and the first page: garbage files fail here, not later.
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
    let check: String = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
            Some(check),
        ));
    }
    Ok((conn, version))
}

/// The unfinished batch runs of the damaged file at `path`, as far as SQLite can still read them (read-only:
/// the file is evidence and stays as it is). `None`: that part of the file cannot be read.
fn unfinished_runs_in(path: &Path) -> Option<Vec<DamagedRun>> {
    let conn =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX).ok()?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'batch_runs'", [], |r| r.get(0))
        .ok()?;
    if tables == 0 {
        return Some(Vec::new());
    }
    let mut statement = conn
        .prepare(
            "SELECT id, name, fingerprint, environment, row_count FROM batch_runs
             WHERE state IN ('running', 'paused') ORDER BY id LIMIT ?1",
        )
        .ok()?;
    let runs = statement
        .query_map([DAMAGED_RUNS_READ as i64], |r| {
            Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get::<_, u32>(4)?))
        })
        .ok()?
        .collect::<Result<Vec<(i64, String, String, String, u32)>, _>>()
        .ok()?;
    let done = |id: i64| {
        conn.query_row("SELECT count(*) FROM batch_results WHERE run_id = ?1", [id], |r| r.get::<_, u32>(0)).ok()
    };
    Some(
        runs.into_iter()
            .map(|(id, name, fingerprint, environment, row_count)| DamagedRun {
                done: done(id),
                name,
                fingerprint,
                environment,
                row_count,
            })
            .collect(),
    )
}

/// Moves `path` and its WAL/SHM companions aside as `NAME.corrupt-<unix seconds>`; returns the new main path.
fn move_aside(path: &Path) -> std::io::Result<PathBuf> {
    let stamp = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let aside = PathBuf::from(format!("{}.corrupt-{stamp}", path.display()));
    std::fs::rename(path, &aside)?;
    for suffix in ["-wal", "-shm"] {
        let companion = PathBuf::from(format!("{}{suffix}", path.display()));
        if companion.exists() {
            std::fs::rename(&companion, format!("{}{suffix}", aside.display()))?;
        }
    }
    Ok(aside)
}

fn migrate(conn: &mut Connection, from: i64) -> Result<(), StoreError> {
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql).map_err(|e| StoreError::Migration(format!("step {}: {e}", index + 1)))?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// The WAL's size (in 4 KB pages) before it is copied into the main file, while a batch run writes: 64 MB.
pub const BULK_WAL_PAGES: i64 = 16_384;

impl Store {
    /// Opens (or creates) the database at `path`, migrating it to the current version.
    pub fn open(path: &Path) -> Result<(Self, OpenReport), StoreError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut report = OpenReport { damaged_runs: Some(Vec::new()), ..OpenReport::default() };
        let (mut conn, version) = match open_checked(path) {
            Ok(opened) => opened,
            Err(e) if is_corruption(&e) => {
                let aside = move_aside(path)?;
                report.damaged_runs = unfinished_runs_in(&aside);
                report.corrupt_moved_to = Some(aside);
                open_checked(path).map_err(|e| StoreError::Open(e.to_string()))?
            }
            Err(e) => return Err(StoreError::Open(e.to_string())),
        };
        if version > SCHEMA_VERSION {
            return Err(StoreError::NewerDatabase {
                found: version,
                supported: SCHEMA_VERSION,
                path: path.display().to_string(),
            });
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        report.migrated_from = version;
        migrate(&mut conn, version)?;
        Ok((Self { conn, path: path.to_path_buf(), bulk_writers: 0 }, report))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The folder beside the database that holds large bodies.
    pub(crate) fn bodies_dir(&self) -> PathBuf {
        let mut dir = self.path.clone();
        dir.set_extension("bodies");
        dir
    }

    pub fn integrity_ok(&self) -> Result<bool, StoreError> {
        let result: String = self.conn.query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))?;
        Ok(result == "ok")
    }

    /// Runs `work` in one transaction (for bulk imports); rolled back if it fails.
    pub fn in_transaction<T>(&self, work: impl FnOnce(&Self) -> Result<T, StoreError>) -> Result<T, StoreError> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        match work(self) {
            Ok(value) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(value)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// While `true`, the WAL grows to [`BULK_WAL_PAGES`] before it is copied into the main file, not the usual
    /// 1,000 pages (4 MB): a batch run writes its results in many small transactions, and each early copy
    /// rewrites the same index pages again. Each run that turns it on turns it off when it stops; the last one
    /// to stop restores the usual size and copies what has gathered, so two runs at once do not cut each other short.
    pub fn bulk_writing(&mut self, on: bool) -> Result<(), StoreError> {
        let before = self.bulk_writers;
        let after = if on { before + 1 } else { before.saturating_sub(1) };
        self.bulk_writers = after;
        match (before, after) {
            (0, 1) => self.conn.pragma_update(None, "wal_autocheckpoint", BULK_WAL_PAGES)?,
            (_, 0) => {
                self.conn.pragma_update(None, "wal_autocheckpoint", 1000)?;
                self.conn.execute_batch("PRAGMA wal_checkpoint(PASSIVE)")?;
            }
            _ => {}
        }
        Ok(())
    }

    /// The WAL's size limit now, in pages (1,000 as usual, [`BULK_WAL_PAGES`] while a batch run writes).
    pub fn wal_limit(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))?)
    }

    /// Copies the WAL into the main file (done on close anyway; useful before copying the file).
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
        Ok(())
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        use rusqlite::OptionalExtension;
        Ok(self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }
}
