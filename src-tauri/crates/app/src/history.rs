//! History: recording each send (a large answer in the background), list and search, opening an entry again,
//! delete, clear, and the history settings (retention by age and count, Aadhaar masking), applied at start and
//! whenever they change.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use vk_store::history::{HistoryEntry, HistoryFilter, HistorySummary, NewEntry, RecordOptions};
use vk_store::Store;

use crate::bodies::{location, Bodies, BodyRef};
use crate::changes::Change;
use crate::db::{now_ms, Db};
use crate::error::AppError;
use crate::ipc::{HeaderPair, HistoryOpened, HistorySettings, SendInput};

const SETTINGS_KEY: &str = "history_settings";

/// The history of sends and how it is kept.
pub struct History {
    db: Db,
    bodies: Arc<Bodies>,
    settings: Mutex<HistorySettings>,
    inline_body_limit: usize,
}

/// The line of the entry just recorded, for the list to show it at the top.
fn recorded(store: &Store, id: i64) -> Result<Option<HistorySummary>, vk_store::StoreError> {
    let filter = HistoryFilter { before_id: Some(id + 1), limit: 1, ..HistoryFilter::default() };
    Ok(store.history_list(&filter)?.into_iter().next().filter(|s| s.id == id))
}

fn announce_recorded(db: &Db, summary: Option<HistorySummary>) {
    db.announce(match summary {
        Some(entry) => Change::HistoryAdded { entry },
        None => Change::History,
    });
}

impl History {
    /// Reads the saved settings (defaults when none or unreadable) and applies the retention.
    pub async fn open(db: Db, bodies: Arc<Bodies>, inline_body_limit: usize) -> Result<Self, AppError> {
        let saved = db.read(|s| s.setting(SETTINGS_KEY)).await?;
        let settings = saved.and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default();
        let history = Self { db, bodies, settings: Mutex::new(settings), inline_body_limit };
        history.apply_retention().await?;
        Ok(history)
    }

    pub fn record_options(&self) -> RecordOptions {
        RecordOptions { mask_aadhaar: self.settings().mask_aadhaar, inline_body_limit: self.inline_body_limit }
    }

    /// Writes one entry off the async executor. A failure to record never fails the send itself.
    pub async fn record(&self, entry: NewEntry) {
        let options = self.record_options();
        let done = self.db.read(move |s| recorded(s, s.history_record(&entry, options)?)).await;
        if let Ok(summary) = done {
            announce_recorded(&self.db, summary);
        }
    }

    /// Records an entry whose answer was streamed to `path`: the file is read off the async executor, so the
    /// answer shows at once.
    pub fn record_in_background(&self, mut entry: NewEntry, path: PathBuf) {
        let store = self.db.shared();
        let db = self.db.clone();
        let options = self.record_options();
        tokio::task::spawn_blocking(move || {
            if let Ok(bytes) = std::fs::read(path) {
                entry.response_body = String::from_utf8_lossy(&bytes).into_owned();
            }
            let store = store.lock().unwrap_or_else(|p| p.into_inner());
            if let Ok(summary) = store.history_record(&entry, options).and_then(|id| recorded(&store, id)) {
                drop(store);
                announce_recorded(&db, summary);
            }
        });
    }

    pub async fn list(&self, filter: HistoryFilter) -> Result<Vec<HistorySummary>, AppError> {
        self.db.read(move |s| s.history_list(&filter)).await
    }

    pub async fn entry(&self, id: i64) -> Result<HistoryEntry, AppError> {
        self.db
            .read(move |s| s.history_get(id))
            .await?
            .ok_or_else(|| AppError::invalid("That history entry no longer exists."))
    }

    /// An entry as it was: the request for the composer and the answer for the response panel.
    pub async fn open_entry(&self, id: i64) -> Result<HistoryOpened, AppError> {
        let entry = self.entry(id).await?;
        let status = entry.summary.status;
        let response = status.map(|code| {
            let text = vk_http::reason_phrase(code);
            let bytes = entry.response_body.as_bytes();
            let body = BodyRef::Memory(Arc::new(bytes.to_vec()));
            let mut view =
                self.bodies.view_of(code, text, entry.summary.elapsed_ms, &entry.response_headers, bytes, body);
            // The environment's address then is not known here: the Location is shown as the server gave it.
            let location = location(&entry.response_headers);
            view.redirect = vk_core::redirect::redirect_message(code, location, "", &entry.summary.endpoint);
            view
        });
        Ok(HistoryOpened {
            input: SendInput {
                method: entry.summary.method.clone(),
                endpoint: entry.summary.endpoint.clone(),
                body: entry.request_body,
                // The signature headers are made afresh at every send; the rest were the user's own.
                extra_headers: entry
                    .request_headers
                    .iter()
                    .filter(|(name, _)| !vk_core::sign::is_signature_header(name))
                    .map(|(name, value)| HeaderPair { name: name.clone(), value: value.clone() })
                    .collect(),
            },
            response,
            summary: entry.summary,
        })
    }

    pub async fn delete(&self, id: i64) -> Result<bool, AppError> {
        self.db.write(Change::History, move |s| s.history_delete(id)).await
    }

    pub async fn clear(&self) -> Result<usize, AppError> {
        self.db.write(Change::History, |s| s.history_clear()).await
    }

    pub fn settings(&self) -> HistorySettings {
        self.settings.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Saves the settings and applies the retention at once; returns how many entries it removed.
    pub async fn set_settings(&self, settings: HistorySettings) -> Result<usize, AppError> {
        if settings.keep_days == Some(0) || settings.keep_count == Some(0) {
            return Err(AppError::invalid(
                "Keep history for at least 1 day and at least 1 entry, or choose to keep everything.",
            ));
        }
        let text = serde_json::to_string(&settings).map_err(AppError::internal)?;
        self.db.read(move |s| s.set_setting(SETTINGS_KEY, &text)).await?;
        *self.settings.lock().unwrap_or_else(|p| p.into_inner()) = settings;
        self.apply_retention().await
    }

    async fn apply_retention(&self) -> Result<usize, AppError> {
        let HistorySettings { keep_days, keep_count, .. } = self.settings();
        if keep_days.is_none() && keep_count.is_none() {
            return Ok(0);
        }
        self.db.write(Change::History, move |s| s.history_apply_retention(keep_days, keep_count, now_ms())).await
    }
}
