//! Where the app keeps each environment's secret: the OS credential store (reached once, on first need), or
//! this session's memory when the user chose that. Every call may block on D-Bus: run it off the executor.

use std::sync::OnceLock;

use vk_core::ApiSecret;
use vk_secrets::{MemoryStore, OsStore, SecretStore, SecretsError};

use crate::error::AppError;
use crate::ipc::{CredentialStoreView, SecretState};

pub struct Secrets {
    /// The credential-store service name; `None` runs without an OS store (as on a machine that has none).
    service: Option<String>,
    os: OnceLock<Result<OsStore, String>>,
    /// Secrets already read from (or written to) the OS store in this run: a send or a list of environments
    /// asks D-Bus only once per secret.
    os_read: MemoryStore,
    memory: MemoryStore,
}

impl Secrets {
    pub fn new(service: Option<String>) -> Self {
        Self { service, os: OnceLock::new(), os_read: MemoryStore::default(), memory: MemoryStore::default() }
    }

    fn os(&self) -> Result<&OsStore, AppError> {
        let connected = self.os.get_or_init(|| match &self.service {
            Some(service) => OsStore::connect(service).map_err(|e| e.to_string()),
            None => Err(SecretsError::Unavailable("none is set up for this app".into()).to_string()),
        });
        connected.as_ref().map_err(|message| AppError::CredentialStoreUnavailable(message.clone()))
    }

    /// Whether the OS credential store can be used, in words for the environment editor.
    pub fn status(&self) -> CredentialStoreView {
        match self.os() {
            Ok(_) => CredentialStoreView {
                available: true,
                message: "Secrets are kept in this computer's credential store (the system keyring).".into(),
            },
            Err(e) => CredentialStoreView { available: false, message: e.to_string() },
        }
    }

    /// The secret saved under `reference`, and where it came from. Session memory wins over the OS store,
    /// so a session-only secret the user just chose is the one used.
    pub fn get(&self, reference: &str) -> Result<Option<(ApiSecret, SecretState)>, AppError> {
        if let Some(secret) = self.memory.get(reference)? {
            return Ok(Some((secret, SecretState::Session)));
        }
        if let Some(secret) = self.os_read.get(reference)? {
            return Ok(Some((secret, SecretState::System)));
        }
        let Ok(os) = self.os() else {
            // Without an OS store there is simply nothing saved there.
            return Ok(None);
        };
        let found = os.get(reference)?;
        if let Some(secret) = &found {
            self.os_read.set(reference, secret)?;
        }
        Ok(found.map(|s| (s, SecretState::System)))
    }

    /// Saves `secret` in the OS store, or in session memory when `session_only` (the user's choice).
    /// Without an OS store this fails with `CredentialStoreUnavailable`, so the page can offer session only.
    pub fn set(&self, reference: &str, secret: &ApiSecret, session_only: bool) -> Result<SecretState, AppError> {
        if secret.is_empty() {
            return Err(vk_core::SignError::EmptySecret.into());
        }
        if session_only {
            self.memory.set(reference, secret)?;
            return Ok(SecretState::Session);
        }
        self.os()?.set(reference, secret)?;
        self.os_read.set(reference, secret)?;
        // A session copy would shadow what was just saved for good.
        self.memory.delete(reference)?;
        Ok(SecretState::System)
    }

    /// Removes the secret from session memory and from the OS store; `true` when there was one.
    pub fn delete(&self, reference: &str) -> Result<bool, AppError> {
        let in_memory = self.memory.delete(reference)?;
        self.os_read.delete(reference)?;
        let in_os = match self.os() {
            Ok(os) => os.delete(reference)?,
            Err(_) => false,
        };
        Ok(in_memory || in_os)
    }
}
