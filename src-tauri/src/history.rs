//! History behind the commands: list and search, open an entry again, delete, clear. Database work runs off
//! the async executor, and no lock is held across an await.

use vk_store::history::{HistoryFilter, HistorySummary};
use vk_store::{Store, StoreError};

use crate::ipc::{ErrorKind, HistoryOpened, IpcError, SendInput};
use crate::workspace::{body_view, Workspace};

fn store_error(e: StoreError) -> IpcError {
    match e {
        StoreError::Invalid(message) => IpcError::new(ErrorKind::InvalidInput, message),
        other => IpcError::new(ErrorKind::Internal, other.to_string()),
    }
}

impl Workspace {
    async fn with_store<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, IpcError> {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || {
            let store = store.lock().unwrap_or_else(|p| p.into_inner());
            work(&store)
        })
        .await
        .map_err(|e| IpcError::new(ErrorKind::Internal, e.to_string()))?
        .map_err(store_error)
    }

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
            body_view(code, text, entry.summary.elapsed_ms, &entry.response_headers, entry.response_body.as_bytes())
        });
        Ok(HistoryOpened {
            input: SendInput {
                method: entry.summary.method.clone(),
                endpoint: entry.summary.endpoint.clone(),
                body: entry.request_body,
            },
            response,
            summary: entry.summary,
        })
    }

    pub async fn history_delete(&self, id: i64) -> Result<bool, IpcError> {
        self.with_store(move |s| s.history_delete(id)).await
    }

    pub async fn history_clear(&self) -> Result<usize, IpcError> {
        self.with_store(|s| s.history_clear()).await
    }
}
