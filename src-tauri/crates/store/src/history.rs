//! Request history: every send recorded when it completes or fails; filters, full-text search, retention.
//! Secrets never arrive here (the app records headers after masking the signature and key).

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use rusqlite::{params_from_iter, OptionalExtension, Row, ToSql};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::{Store, StoreError};
use crate::mask::mask_aadhaar;

/// A send to record. Headers are stored as given except that the signature and API key are masked here.
#[derive(Debug, Clone, Default)]
pub struct NewEntry {
    pub sent_at_ms: i64,
    pub environment: String,
    pub module: String,
    pub method: String,
    pub endpoint: String,
    pub request_headers: Vec<(String, String)>,
    pub request_body: String,
    /// `None` when no answer came back.
    pub status: Option<u16>,
    pub response_headers: Vec<(String, String)>,
    pub response_body: String,
    pub elapsed_ms: f64,
    /// The API's error code, or the kind of transport failure.
    pub error_code: Option<String>,
    /// The batch run this send belongs to, if any.
    pub batch_run_id: Option<i64>,
}

#[derive(Debug, Clone, Copy)]
pub struct RecordOptions {
    pub mask_aadhaar: bool,
    /// Response bodies longer than this go to a file beside the database; the row keeps their start.
    pub inline_body_limit: usize,
}

impl Default for RecordOptions {
    fn default() -> Self {
        Self { mask_aadhaar: true, inline_body_limit: 256 * 1024 }
    }
}

/// One line of the history list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct HistorySummary {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub sent_at_ms: i64,
    pub environment: String,
    pub module: String,
    pub method: String,
    pub endpoint: String,
    pub status: Option<u16>,
    pub elapsed_ms: f64,
    #[ts(type = "number")]
    pub size_bytes: i64,
    pub error_code: Option<String>,
}

/// A whole entry, for opening it again.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    pub summary: HistorySummary,
    pub request_headers: Vec<(String, String)>,
    pub request_body: String,
    pub response_headers: Vec<(String, String)>,
    pub response_body: String,
}

/// What to list: every field narrows the list; newest first, `limit` rows older than `before_id`.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct HistoryFilter {
    /// Words to find in the endpoint, bodies or error code (each word, as a prefix).
    pub text: Option<String>,
    pub environment: Option<String>,
    pub module: Option<String>,
    /// 2, 3, 4 or 5 for the status hundreds; 0 for sends that got no answer.
    pub status_class: Option<u8>,
    pub error_code: Option<String>,
    /// Only the sends of this batch run.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub batch_run_id: Option<i64>,
    #[ts(type = "number | null")]
    pub from_ms: Option<i64>,
    #[ts(type = "number | null")]
    pub to_ms: Option<i64>,
    #[ts(type = "number | null")]
    pub before_id: Option<i64>,
    pub limit: u32,
}

fn mask_header(name: &str, value: &str) -> String {
    match name.to_ascii_lowercase().as_str() {
        "x-signature" => "(masked)".into(),
        "x-api-key" => format!("{}…", value.chars().take(8).collect::<String>()),
        _ => value.into(),
    }
}

/// An FTS5 query from what a person typed: each word quoted (no operators) and matched as a prefix.
fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect();
    (!words.is_empty()).then(|| words.join(" AND "))
}

fn floor_char_boundary(s: &str, max: usize) -> usize {
    (0..=max.min(s.len())).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0)
}

static BODY_FILE_COUNTER: AtomicU64 = AtomicU64::new(0);

const SUMMARY_COLUMNS: &str =
    "h.id, h.sent_at_ms, h.environment, h.module, h.method, h.endpoint, h.status, h.elapsed_ms, h.size_bytes, h.error_code";

fn summary_from(row: &Row<'_>) -> rusqlite::Result<HistorySummary> {
    Ok(HistorySummary {
        id: row.get(0)?,
        sent_at_ms: row.get(1)?,
        environment: row.get(2)?,
        module: row.get(3)?,
        method: row.get(4)?,
        endpoint: row.get(5)?,
        status: row.get(6)?,
        elapsed_ms: row.get(7)?,
        size_bytes: row.get(8)?,
        error_code: row.get(9)?,
    })
}

fn headers_json(headers: &[(String, String)]) -> String {
    serde_json::to_string(headers).unwrap_or_else(|_| "[]".into())
}

fn headers_from(text: &str) -> Vec<(String, String)> {
    serde_json::from_str(text).unwrap_or_default()
}

impl Store {
    /// Records one send and returns its id. Written in one statement: a crash never leaves half an entry.
    pub fn history_record(&self, entry: &NewEntry, options: RecordOptions) -> Result<i64, StoreError> {
        let mask = |s: &str| if options.mask_aadhaar { mask_aadhaar(s) } else { s.to_string() };
        let request_headers: Vec<(String, String)> =
            entry.request_headers.iter().map(|(n, v)| (n.clone(), mask_header(n, v))).collect();
        let request_body = mask(&entry.request_body);
        let response_body = mask(&entry.response_body);
        let size_bytes = entry.response_body.len() as i64;
        let (inline_body, body_file) = if response_body.len() > options.inline_body_limit {
            let dir = self.bodies_dir();
            std::fs::create_dir_all(&dir)?;
            let n = BODY_FILE_COUNTER.fetch_add(1, Ordering::Relaxed);
            let name = format!("{}-{}-{n}.body", entry.sent_at_ms, std::process::id());
            // The file is complete before the row that points to it exists.
            std::fs::write(dir.join(&name), response_body.as_bytes())?;
            let cut = floor_char_boundary(&response_body, options.inline_body_limit);
            (response_body[..cut].to_string(), Some(name))
        } else {
            (response_body, None)
        };
        let status_class = entry.status.map_or(0, |s| i64::from(s / 100));
        // Cached: a batch run records thousands in a row.
        self.conn
            .prepare_cached(
                "INSERT INTO history (sent_at_ms, environment, module, method, endpoint, request_headers, request_body,
                status, status_class, response_headers, response_body, body_file, elapsed_ms, size_bytes, error_code,
                batch_run_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            )?
            .execute(rusqlite::params![
                entry.sent_at_ms,
                entry.environment,
                entry.module,
                entry.method,
                entry.endpoint,
                headers_json(&request_headers),
                request_body,
                entry.status,
                status_class,
                headers_json(&entry.response_headers),
                inline_body,
                body_file,
                entry.elapsed_ms,
                size_bytes,
                entry.error_code,
                entry.batch_run_id,
            ])?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Newest first, narrowed by `filter`.
    pub fn history_list(&self, filter: &HistoryFilter) -> Result<Vec<HistorySummary>, StoreError> {
        let mut conditions: Vec<String> = Vec::new();
        let mut params: Vec<Box<dyn ToSql>> = Vec::new();
        let text = filter.text.as_deref().and_then(fts_query);
        let mut push = |condition: &str, value: Box<dyn ToSql>| {
            params.push(value);
            conditions.push(condition.replace('?', &format!("?{}", params.len())));
        };
        if let Some(q) = text.clone() {
            push("history_fts MATCH ?", Box::new(q));
        }
        if let Some(v) = filter.environment.clone() {
            push("h.environment = ?", Box::new(v));
        }
        if let Some(v) = filter.module.clone() {
            push("h.module = ?", Box::new(v));
        }
        if let Some(v) = filter.status_class {
            push("h.status_class = ?", Box::new(i64::from(v)));
        }
        if let Some(v) = filter.error_code.clone() {
            push("h.error_code = ?", Box::new(v));
        }
        if let Some(v) = filter.batch_run_id {
            push("h.batch_run_id = ?", Box::new(v));
        }
        if let Some(v) = filter.from_ms {
            push("h.sent_at_ms >= ?", Box::new(v));
        }
        if let Some(v) = filter.to_ms {
            push("h.sent_at_ms <= ?", Box::new(v));
        }
        if let Some(v) = filter.before_id {
            push("h.id < ?", Box::new(v));
        }
        let limit = i64::from(filter.limit.clamp(1, 1000));
        let where_clause =
            if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
        // With words to find, FTS drives the scan in rowid order (newest first) and stops at the limit.
        let sql = if text.is_some() {
            format!(
                "SELECT {SUMMARY_COLUMNS} FROM history_fts JOIN history h ON h.id = history_fts.rowid {where_clause}
                 ORDER BY history_fts.rowid DESC LIMIT {limit}"
            )
        } else {
            format!("SELECT {SUMMARY_COLUMNS} FROM history h {where_clause} ORDER BY h.id DESC LIMIT {limit}")
        };
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(params_from_iter(params.iter().map(|p| p.as_ref())), summary_from)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn history_get(&self, id: i64) -> Result<Option<HistoryEntry>, StoreError> {
        let found = self
            .conn
            .query_row(
                &format!(
                    "SELECT {SUMMARY_COLUMNS}, h.request_headers, h.request_body, h.response_headers, h.response_body,
                     h.body_file FROM history h WHERE h.id = ?1"
                ),
                [id],
                |row| {
                    Ok((
                        summary_from(row)?,
                        row.get::<_, String>(10)?,
                        row.get::<_, String>(11)?,
                        row.get::<_, String>(12)?,
                        row.get::<_, String>(13)?,
                        row.get::<_, Option<String>>(14)?,
                    ))
                },
            )
            .optional()?;
        let Some((summary, req_headers, request_body, resp_headers, inline_body, body_file)) = found else {
            return Ok(None);
        };
        let response_body = match body_file {
            Some(name) => std::fs::read_to_string(self.bodies_dir().join(name))?,
            None => inline_body,
        };
        Ok(Some(HistoryEntry {
            summary,
            request_headers: headers_from(&req_headers),
            request_body,
            response_headers: headers_from(&resp_headers),
            response_body,
        }))
    }

    fn delete_where(&self, condition: &str, params: &[&dyn ToSql]) -> Result<usize, StoreError> {
        let files: Vec<String> = {
            let mut s = self
                .conn
                .prepare(&format!("SELECT body_file FROM history WHERE body_file IS NOT NULL AND {condition}"))?;
            let rows = s.query_map(params, |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        let deleted = self.conn.execute(&format!("DELETE FROM history WHERE {condition}"), params)?;
        let dir: PathBuf = self.bodies_dir();
        for f in files {
            // The row is gone; a file left behind by a failed removal is only disk space.
            let _ = std::fs::remove_file(dir.join(f));
        }
        Ok(deleted)
    }

    pub fn history_delete(&self, id: i64) -> Result<bool, StoreError> {
        Ok(self.delete_where("id = ?1", &[&id])? == 1)
    }

    pub fn history_clear(&self) -> Result<usize, StoreError> {
        self.delete_where("1 = 1", &[])
    }

    /// Deletes entries older than `max_age_days` and beyond the newest `max_count`; returns how many went.
    pub fn history_apply_retention(
        &self,
        max_age_days: Option<u32>,
        max_count: Option<u64>,
        now_ms: i64,
    ) -> Result<usize, StoreError> {
        let mut deleted = 0;
        if let Some(days) = max_age_days {
            let cutoff = now_ms - i64::from(days) * 86_400_000;
            deleted += self.delete_where("sent_at_ms < ?1", &[&cutoff])?;
        }
        if let Some(count) = max_count {
            let keep_from: Option<i64> = self
                .conn
                .query_row(
                    "SELECT id FROM history ORDER BY id DESC LIMIT 1 OFFSET ?1",
                    [count.saturating_sub(1) as i64],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(oldest_kept) = keep_from {
                deleted += self.delete_where("id < ?1", &[&oldest_kept])?;
            }
        }
        Ok(deleted)
    }

    /// Indexes for search up to `limit` sends recorded without it (a batch run's, see migration 4), oldest first;
    /// returns how many were waiting. Call it until it returns 0.
    pub fn history_index_pending(&self, limit: u32) -> Result<usize, StoreError> {
        self.in_transaction(|s| {
            s.conn.execute(
                "INSERT INTO history_fts (rowid, endpoint, request_body, response_body, error_code)
                 SELECT h.id, h.endpoint, h.request_body, h.response_body, coalesce(h.error_code, '')
                 FROM history_fts_pending p JOIN history h ON h.id = p.id ORDER BY p.id LIMIT ?1",
                [limit],
            )?;
            let waited = s.conn.execute(
                "DELETE FROM history_fts_pending WHERE id IN (SELECT id FROM history_fts_pending ORDER BY id LIMIT ?1)",
                [limit],
            )?;
            Ok(waited)
        })
    }

    /// Whether the full-text index is sound (FTS5's own check); with `against_rows`, also that it holds exactly
    /// the history rows (only true when no send waits for indexing).
    pub fn history_search_index_ok(&self, against_rows: bool) -> Result<bool, StoreError> {
        let rank = i64::from(against_rows);
        match self.conn.execute("INSERT INTO history_fts (history_fts, rank) VALUES ('integrity-check', ?1)", [rank]) {
            Ok(_) => Ok(true),
            Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::DatabaseCorrupt => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    pub fn history_count(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("SELECT count(*) FROM history", [], |r| r.get(0))?)
    }
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn typed_text_becomes_a_safe_prefix_query() {
        assert_eq!(fts_query("HMAC_INVALID").as_deref(), Some("\"HMAC_INVALID\"*"));
        assert_eq!(fts_query("verify pan").as_deref(), Some("\"verify\"* AND \"pan\"*"));
        assert_eq!(
            fts_query("\"; DROP TABLE history; --").as_deref(),
            Some("\"DROP\"* AND \"TABLE\"* AND \"history\"*")
        );
        assert_eq!(fts_query("  ::  "), None);
    }
}
