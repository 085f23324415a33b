//! History behind the commands: list and search, open an entry again, send it again, delete, clear, and the
//! history settings (retention by age and count, Aadhaar masking), applied at start and whenever they change.

use vk_store::history::{HistoryFilter, HistorySummary};

use crate::ipc::{ErrorKind, HeaderPair, HistoryOpened, HistorySettings, IpcError, SendInput, SendOutcome};
use crate::responses::BodyRef;
use crate::workspace::{now_ms, Workspace};

const SETTINGS_KEY: &str = "history_settings";

impl Workspace {
    pub async fn history_list(&self, filter: HistoryFilter) -> Result<Vec<HistorySummary>, IpcError> {
        self.with_store(move |s| s.history_list(&filter)).await
    }

    /// An entry as it was: the request for the composer and the answer for the response panel.
    pub async fn history_open(&self, id: i64) -> Result<HistoryOpened, IpcError> {
        let entry = self
            .with_store(move |s| s.history_get(id))
            .await?
            .ok_or_else(|| IpcError::new(ErrorKind::InvalidInput, "That history entry no longer exists."))?;
        let status = entry.summary.status;
        let response = status.map(|code| {
            let text = vk_http::reason_phrase(code);
            let bytes = entry.response_body.as_bytes();
            let body = BodyRef::Memory(std::sync::Arc::new(bytes.to_vec()));
            let mut view =
                self.bodies.view_of(code, text, entry.summary.elapsed_ms, &entry.response_headers, bytes, body);
            // The environment's address then is not known here: the Location is shown as the server gave it.
            let location = crate::responses::location(&entry.response_headers);
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

    /// Sends an entry again, to the environment it went to, signed afresh (a new timestamp and signature).
    pub async fn history_rerun(&self, id: i64) -> Result<SendOutcome, IpcError> {
        let opened = self.history_open(id).await?;
        if vk_store::has_masked_aadhaar(&opened.input.body) {
            return Err(IpcError::new(
                ErrorKind::InvalidInput,
                "This request's Aadhaar number was stored masked, so it cannot be sent again as it is. Open it, type the full number, and send.",
            ));
        }
        let environment = self.environment_id_by_name(&opened.summary.environment).await?.ok_or_else(|| {
            IpcError::new(
                ErrorKind::InvalidInput,
                format!(
                    "The environment \"{}\" no longer exists. Open the entry and send it to the current environment.",
                    opened.summary.environment
                ),
            )
        })?;
        self.send_to(Some(environment), opened.input).await
    }

    pub async fn history_delete(&self, id: i64) -> Result<bool, IpcError> {
        self.with_store(move |s| s.history_delete(id)).await
    }

    pub async fn history_clear(&self) -> Result<usize, IpcError> {
        self.with_store(|s| s.history_clear()).await
    }

    pub fn history_settings(&self) -> HistorySettings {
        self.history_settings.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Saves the settings and applies the retention at once; returns how many entries it removed.
    pub async fn history_set_settings(&self, settings: HistorySettings) -> Result<usize, IpcError> {
        if settings.keep_days == Some(0) || settings.keep_count == Some(0) {
            return Err(IpcError::new(
                ErrorKind::InvalidInput,
                "Keep history for at least 1 day and at least 1 entry, or choose to keep everything.",
            ));
        }
        let text = serde_json::to_string(&settings).map_err(|e| IpcError::new(ErrorKind::Internal, e.to_string()))?;
        self.with_store(move |s| s.set_setting(SETTINGS_KEY, &text)).await?;
        *self.history_settings.lock().unwrap_or_else(|p| p.into_inner()) = settings;
        self.apply_retention().await
    }

    /// Reads the saved settings (defaults when none or unreadable) and applies the retention.
    pub(crate) async fn restore_history_settings(&self) -> Result<(), IpcError> {
        let saved = self.with_store(|s| s.setting(SETTINGS_KEY)).await?;
        let settings = saved.and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default();
        *self.history_settings.lock().unwrap_or_else(|p| p.into_inner()) = settings;
        self.apply_retention().await?;
        Ok(())
    }

    async fn apply_retention(&self) -> Result<usize, IpcError> {
        let HistorySettings { keep_days, keep_count, .. } = self.history_settings();
        if keep_days.is_none() && keep_count.is_none() {
            return Ok(0);
        }
        self.with_store(move |s| s.history_apply_retention(keep_days, keep_count, now_ms())).await
    }
}
