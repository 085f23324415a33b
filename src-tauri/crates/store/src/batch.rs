//! Batch runs: the run (with its input sheet, so it can continue after a crash and be exported later) and one
//! result per row, each written with its history entry in the same transaction. A row has a result only once.

use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::{Store, StoreError};
use crate::history::{NewEntry, RecordOptions};
use crate::mask::mask_aadhaar;

/// Where a run stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RunState {
    Running,
    Paused,
    Cancelled,
    Finished,
}

impl RunState {
    fn as_str(self) -> &'static str {
        match self {
            RunState::Running => "running",
            RunState::Paused => "paused",
            RunState::Cancelled => "cancelled",
            RunState::Finished => "finished",
        }
    }

    fn parse(text: &str) -> RunState {
        match text {
            "paused" => RunState::Paused,
            "cancelled" => RunState::Cancelled,
            "finished" => RunState::Finished,
            _ => RunState::Running,
        }
    }
}

/// How a row ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Outcome {
    /// The API answered with success.
    Success,
    /// The API answered with an error (a PAN it refused, a wrong OTP, ...).
    ApiError,
    /// No answer came back, even after the retries.
    NotSent,
    /// The row was left out (it failed the check and the user chose to skip it).
    Skipped,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::ApiError => "api_error",
            Outcome::NotSent => "not_sent",
            Outcome::Skipped => "skipped",
        }
    }

    fn parse(text: &str) -> Outcome {
        match text {
            "success" => Outcome::Success,
            "api_error" => Outcome::ApiError,
            "skipped" => Outcome::Skipped,
            _ => Outcome::NotSent,
        }
    }
}

/// A run to create.
#[derive(Debug, Clone)]
pub struct NewRun {
    pub name: String,
    pub fingerprint: String,
    pub environment: String,
    /// JSON: what each row is sent to (the endpoint and mapping, or a saved-request template).
    pub target: String,
    pub input: Vec<u8>,
    pub row_count: u32,
    pub rows_to_send: Vec<u32>,
    pub rate: f64,
    pub concurrency: u32,
}

/// A run as stored, without its input sheet.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RunInfo {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub created_ms: i64,
    pub name: String,
    pub fingerprint: String,
    pub environment: String,
    pub target: String,
    pub row_count: u32,
    pub rows_to_send: Vec<u32>,
    pub rate: f64,
    pub concurrency: u32,
    pub state: RunState,
    #[ts(type = "number | null")]
    pub finished_ms: Option<i64>,
}

/// One row's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RowResult {
    pub row_index: u32,
    pub outcome: Outcome,
    pub status: Option<u16>,
    pub error_code: Option<String>,
    /// The answer's plain fields, in the order the answer gave them (name match score, status, ...).
    pub summary: Vec<(String, String)>,
    /// A line a person can read: what the answer says, or what went wrong.
    pub message: String,
    pub attempts: u32,
    #[ts(type = "number")]
    pub finished_ms: i64,
}

/// How many rows have ended each way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RunCounts {
    pub success: u32,
    pub api_error: u32,
    pub not_sent: u32,
    pub skipped: u32,
}

impl RunCounts {
    pub fn done(&self) -> u32 {
        self.success + self.api_error + self.not_sent + self.skipped
    }

    pub fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Success => self.success += 1,
            Outcome::ApiError => self.api_error += 1,
            Outcome::NotSent => self.not_sent += 1,
            Outcome::Skipped => self.skipped += 1,
        }
    }
}

const RUN_COLUMNS: &str = "id, created_ms, name, fingerprint, environment, target, row_count, rows_to_send, rate, \
                           concurrency, state, finished_ms";

fn run_from(row: &Row<'_>) -> rusqlite::Result<RunInfo> {
    let rows: String = row.get(7)?;
    let state: String = row.get(10)?;
    Ok(RunInfo {
        id: row.get(0)?,
        created_ms: row.get(1)?,
        name: row.get(2)?,
        fingerprint: row.get(3)?,
        environment: row.get(4)?,
        target: row.get(5)?,
        row_count: row.get(6)?,
        rows_to_send: serde_json::from_str(&rows).unwrap_or_default(),
        rate: row.get(8)?,
        concurrency: row.get(9)?,
        state: RunState::parse(&state),
        finished_ms: row.get(11)?,
    })
}

const RESULT_COLUMNS: &str = "row_index, outcome, status, error_code, summary, message, attempts, finished_ms";

fn result_from(row: &Row<'_>) -> rusqlite::Result<RowResult> {
    let outcome: String = row.get(1)?;
    let summary: String = row.get(4)?;
    Ok(RowResult {
        row_index: row.get(0)?,
        outcome: Outcome::parse(&outcome),
        status: row.get(2)?,
        error_code: row.get(3)?,
        summary: serde_json::from_str(&summary).unwrap_or_default(),
        message: row.get(5)?,
        attempts: row.get(6)?,
        finished_ms: row.get(7)?,
    })
}

impl Store {
    pub fn batch_run_create(&self, run: &NewRun, now_ms: i64) -> Result<i64, StoreError> {
        let rows = serde_json::to_string(&run.rows_to_send).unwrap_or_else(|_| "[]".into());
        self.conn.execute(
            "INSERT INTO batch_runs (created_ms, name, fingerprint, environment, target, input, row_count, rows_to_send,
                rate, concurrency, state)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'running')",
            params![
                now_ms,
                run.name,
                run.fingerprint,
                run.environment,
                run.target,
                run.input,
                run.row_count,
                rows,
                run.rate,
                run.concurrency
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn batch_run_get(&self, id: i64) -> Result<Option<RunInfo>, StoreError> {
        let sql = format!("SELECT {RUN_COLUMNS} FROM batch_runs WHERE id = ?1");
        Ok(self.conn.query_row(&sql, [id], run_from).optional()?)
    }

    /// The newest run with this fingerprint that has not finished or been cancelled, to continue it.
    pub fn batch_run_unfinished(&self, fingerprint: &str) -> Result<Option<RunInfo>, StoreError> {
        let sql = format!(
            "SELECT {RUN_COLUMNS} FROM batch_runs WHERE fingerprint = ?1 AND state IN ('running', 'paused')
             ORDER BY id DESC LIMIT 1"
        );
        Ok(self.conn.query_row(&sql, [fingerprint], run_from).optional()?)
    }

    /// Every run, newest first.
    pub fn batch_runs(&self) -> Result<Vec<RunInfo>, StoreError> {
        let mut statement = self.conn.prepare(&format!("SELECT {RUN_COLUMNS} FROM batch_runs ORDER BY id DESC"))?;
        let rows = statement.query_map([], run_from)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The sheet the run was made from, byte for byte.
    pub fn batch_run_input(&self, id: i64) -> Result<Vec<u8>, StoreError> {
        let found = self.conn.query_row("SELECT input FROM batch_runs WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        found.ok_or_else(|| StoreError::Invalid(format!("There is no batch run {id}.")))
    }

    pub fn batch_run_set_state(&self, id: i64, state: RunState, now_ms: i64) -> Result<(), StoreError> {
        let finished = matches!(state, RunState::Finished | RunState::Cancelled).then_some(now_ms);
        self.conn.execute(
            "UPDATE batch_runs SET state = ?2, finished_ms = ?3 WHERE id = ?1",
            params![id, state.as_str(), finished],
        )?;
        Ok(())
    }

    /// Deletes a run and its results (its history entries stay, as every other send's do).
    pub fn batch_run_delete(&self, id: i64) -> Result<bool, StoreError> {
        self.conn.execute("DELETE FROM batch_results WHERE run_id = ?1", [id])?;
        Ok(self.conn.execute("DELETE FROM batch_runs WHERE id = ?1", [id])? == 1)
    }

    /// Writes results (each with the history entry of its last send, if it was sent) and the history entries of
    /// sends that were tried again, in one transaction, all tagged with the run. A row that already has a result
    /// keeps it: the first answer counts. Returns the new results' counts.
    pub fn batch_results_record(
        &self,
        run_id: i64,
        results: &[(RowResult, Option<NewEntry>)],
        retried: &[NewEntry],
        options: RecordOptions,
    ) -> Result<RunCounts, StoreError> {
        self.in_transaction(|store| {
            for entry in retried {
                store.history_record_in_run(entry, run_id, options)?;
            }
            let mut added = RunCounts::default();
            for (result, entry) in results {
                let history_id = match entry {
                    Some(entry) => Some(store.history_record_in_run(entry, run_id, options)?),
                    None => None,
                };
                let mut summary = serde_json::to_string(&result.summary).unwrap_or_else(|_| "[]".into());
                let mut message = result.message.clone();
                if options.mask_aadhaar {
                    summary = mask_aadhaar(&summary);
                    message = mask_aadhaar(&message);
                }
                let inserted = store
                    .conn
                    .prepare_cached(
                        "INSERT OR IGNORE INTO batch_results (run_id, row_index, outcome, status, error_code, summary,
                            message, attempts, history_id, finished_ms)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    )?
                    .execute(params![
                        run_id,
                        result.row_index,
                        result.outcome.as_str(),
                        result.status,
                        result.error_code,
                        summary,
                        message,
                        result.attempts,
                        history_id,
                        result.finished_ms
                    ])?;
                if inserted == 1 {
                    added.add(result.outcome);
                }
            }
            Ok(added)
        })
    }

    /// Records `entry` tagged with `run_id` (copied only when the caller did not tag it already).
    fn history_record_in_run(&self, entry: &NewEntry, run_id: i64, options: RecordOptions) -> Result<i64, StoreError> {
        if entry.batch_run_id == Some(run_id) {
            self.history_record(entry, options)
        } else {
            self.history_record(&NewEntry { batch_run_id: Some(run_id), ..entry.clone() }, options)
        }
    }

    /// The rows of a run that already have a result.
    pub fn batch_rows_done(&self, run_id: i64) -> Result<Vec<u32>, StoreError> {
        let mut statement =
            self.conn.prepare_cached("SELECT row_index FROM batch_results WHERE run_id = ?1 ORDER BY row_index")?;
        let rows = statement.query_map([run_id], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Results in row order, from `from_row`, at most `limit`; only those with `outcome` when given.
    pub fn batch_results(
        &self,
        run_id: i64,
        outcome: Option<Outcome>,
        from_row: u32,
        limit: u32,
    ) -> Result<Vec<RowResult>, StoreError> {
        let sql = format!(
            "SELECT {RESULT_COLUMNS} FROM batch_results WHERE run_id = ?1 AND row_index >= ?2
             AND (?4 IS NULL OR outcome = ?4) ORDER BY row_index LIMIT ?3"
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(params![run_id, from_row, limit, outcome.map(Outcome::as_str)], result_from)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Results with `outcome` in row order, `limit` of them after skipping `offset` (for a grid by position).
    pub fn batch_results_at(
        &self,
        run_id: i64,
        outcome: Option<Outcome>,
        offset: u32,
        limit: u32,
    ) -> Result<Vec<RowResult>, StoreError> {
        let sql = format!(
            "SELECT {RESULT_COLUMNS} FROM batch_results WHERE run_id = ?1 AND (?4 IS NULL OR outcome = ?4)
             ORDER BY row_index LIMIT ?3 OFFSET ?2"
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(params![run_id, offset, limit, outcome.map(Outcome::as_str)], result_from)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn batch_counts(&self, run_id: i64) -> Result<RunCounts, StoreError> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT outcome, count(*) FROM batch_results WHERE run_id = ?1 GROUP BY outcome")?;
        let mut counts = RunCounts::default();
        let rows = statement.query_map([run_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))?;
        for row in rows {
            let (outcome, n) = row?;
            match Outcome::parse(&outcome) {
                Outcome::Success => counts.success = n,
                Outcome::ApiError => counts.api_error = n,
                Outcome::NotSent => counts.not_sent = n,
                Outcome::Skipped => counts.skipped = n,
            }
        }
        Ok(counts)
    }
}
