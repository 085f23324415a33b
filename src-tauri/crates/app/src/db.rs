//! The store as the parts use it: its work runs off the async executor, and every write announces its change.

use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use vk_store::{Store, StoreError};

use crate::changes::{Change, Changes};
use crate::error::AppError;

/// A handle on the one store and on where its changes are announced; cheap to clone.
#[derive(Clone)]
pub struct Db {
    store: Arc<Mutex<Store>>,
    changes: Arc<Changes>,
}

/// Now, in milliseconds since 1970, as the store records times.
pub fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

impl Db {
    pub fn new(store: Store, changes: Arc<Changes>) -> Self {
        Self { store: Arc::new(Mutex::new(store)), changes }
    }

    /// The store itself, for the batch engine, which writes from its own tasks.
    pub fn shared(&self) -> Arc<Mutex<Store>> {
        self.store.clone()
    }

    pub fn announce(&self, change: Change) {
        self.changes.announce(change);
    }

    /// Reads (or writes nothing the window shows) off the async executor; no lock is held across an await.
    pub async fn read<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, AppError> {
        let store = self.store.clone();
        let done = tokio::task::spawn_blocking(move || work(&store.lock().unwrap_or_else(|p| p.into_inner())));
        Ok(done.await??)
    }

    /// Writes, then announces `change` when the write succeeded.
    pub async fn write<T: Send + 'static>(
        &self,
        change: Change,
        work: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, AppError> {
        let done = self.read(work).await?;
        self.announce(change);
        Ok(done)
    }
}
