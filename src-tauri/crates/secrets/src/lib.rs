//! Where API secrets live: the OS credential store through keyring, or, when none is reachable and the user
//! agrees, this session's memory. SQLite only ever holds the reference (the entry's name), never the secret.

use std::collections::HashMap;
use std::sync::Mutex;

use vk_core::ApiSecret;

#[derive(Debug, thiserror::Error)]
pub enum SecretsError {
    #[error("No credential store is available on this computer ({0}). The secret can be kept for this session only, in memory.")]
    Unavailable(String),
    #[error("The credential store refused the request: {0}")]
    Store(String),
}

/// Where a store keeps secrets, for telling the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreKind {
    /// The operating system's credential store (Secret Service, Keychain, Credential Manager).
    OperatingSystem,
    /// Memory of this session only: gone when the app closes.
    SessionMemory,
}

/// A place for secrets, addressed by a reference such as `environment:<id>`.
pub trait SecretStore: Send + Sync {
    fn kind(&self) -> StoreKind;
    fn set(&self, reference: &str, secret: &ApiSecret) -> Result<(), SecretsError>;
    fn get(&self, reference: &str) -> Result<Option<ApiSecret>, SecretsError>;
    /// Removes the secret; `false` when there was none.
    fn delete(&self, reference: &str) -> Result<bool, SecretsError>;
}

/// The OS credential store, under one service name (e.g. `VK Workspace`).
pub struct OsStore {
    service: String,
}

fn map_error(e: keyring::Error) -> SecretsError {
    match e {
        keyring::Error::NoStorageAccess(inner) => SecretsError::Unavailable(inner.to_string()),
        keyring::Error::PlatformFailure(inner) => SecretsError::Unavailable(inner.to_string()),
        keyring::Error::NoDefaultStore => SecretsError::Unavailable("the system keyring is not running".into()),
        other => SecretsError::Store(other.to_string()),
    }
}

impl OsStore {
    /// Connects to the OS store and proves it works with a throw-away entry, so that the app can offer
    /// the session-only fallback at start instead of failing at the first save.
    pub fn connect(service: &str) -> Result<Self, SecretsError> {
        let store = Self { service: service.to_string() };
        let probe = "vk-workspace-probe";
        store.set(probe, &ApiSecret::new("probe"))?;
        store.delete(probe)?;
        Ok(store)
    }

    fn entry(&self, reference: &str) -> Result<keyring::Entry, SecretsError> {
        keyring::Entry::new(&self.service, reference).map_err(map_error)
    }
}

impl SecretStore for OsStore {
    fn kind(&self) -> StoreKind {
        StoreKind::OperatingSystem
    }

    fn set(&self, reference: &str, secret: &ApiSecret) -> Result<(), SecretsError> {
        let text = std::str::from_utf8(secret.expose_bytes()).map_err(|e| SecretsError::Store(e.to_string()))?;
        self.entry(reference)?.set_password(text).map_err(map_error)
    }

    fn get(&self, reference: &str) -> Result<Option<ApiSecret>, SecretsError> {
        match self.entry(reference)?.get_password() {
            Ok(secret) => Ok(Some(ApiSecret::new(secret))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_error(e)),
        }
    }

    fn delete(&self, reference: &str) -> Result<bool, SecretsError> {
        match self.entry(reference)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(e) => Err(map_error(e)),
        }
    }
}

/// Session-only secrets, when no OS store is reachable and the user chose to continue.
#[derive(Default)]
pub struct MemoryStore {
    secrets: Mutex<HashMap<String, ApiSecret>>,
}

impl MemoryStore {
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<String, ApiSecret>> {
        self.secrets.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl SecretStore for MemoryStore {
    fn kind(&self) -> StoreKind {
        StoreKind::SessionMemory
    }

    fn set(&self, reference: &str, secret: &ApiSecret) -> Result<(), SecretsError> {
        self.map().insert(reference.to_string(), secret.clone());
        Ok(())
    }

    fn get(&self, reference: &str) -> Result<Option<ApiSecret>, SecretsError> {
        Ok(self.map().get(reference).cloned())
    }

    fn delete(&self, reference: &str) -> Result<bool, SecretsError> {
        Ok(self.map().remove(reference).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_keeps_secrets_for_the_session_only() {
        let store = MemoryStore::default();
        assert_eq!(store.kind(), StoreKind::SessionMemory);
        assert!(store.get("environment:1").unwrap().is_none());
        store.set("environment:1", &ApiSecret::new("first")).unwrap();
        store.set("environment:1", &ApiSecret::new("second")).unwrap();
        assert!(store.get("environment:1").unwrap().unwrap().matches(&ApiSecret::new("second")));
        assert!(store.delete("environment:1").unwrap());
        assert!(!store.delete("environment:1").unwrap());
        drop(store);
        let fresh = MemoryStore::default();
        assert!(fresh.get("environment:1").unwrap().is_none(), "nothing outlives the session");
    }

    #[test]
    fn missing_store_maps_to_unavailable() {
        assert!(matches!(map_error(keyring::Error::NoDefaultStore), SecretsError::Unavailable(_)));
    }

    #[test]
    fn unavailable_store_is_explained() {
        let e = SecretsError::Unavailable("no default store".into());
        assert!(e.to_string().contains("for this session only"));
    }
}
