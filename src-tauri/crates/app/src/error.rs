//! The one error of the application: each crate's error converts into it, and `kind()` tells the page what to do.

use serde::Serialize;
use ts_rs::TS;
use vk_batch::output::OutputError;
use vk_batch::{PlanError, SheetError};
use vk_secrets::SecretsError;
use vk_store::StoreError;

/// The kinds of failure the page acts on differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorKind {
    /// Something the user typed must change (the message says what).
    InvalidInput,
    /// The request could not reach the server or get an answer.
    Network,
    /// No OS credential store is reachable: the page offers to keep the secret for this session only.
    CredentialStoreUnavailable,
    /// A fault in the app itself.
    Internal,
    /// Going on would send requests already sent (and maybe paid for): the page asks, then calls again confirmed.
    ConfirmResend,
}

/// Everything that can go wrong behind a command. At IPC it is `{kind, message}` ([`ErrorReply`]).
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    InvalidInput(String),
    #[error("{0}")]
    Network(String),
    #[error("{0}")]
    CredentialStoreUnavailable(String),
    #[error("{0}")]
    ConfirmResend(String),
    #[error("{0}")]
    Internal(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Secrets(#[from] SecretsError),
    #[error(transparent)]
    Sheet(#[from] SheetError),
    #[error(transparent)]
    Plan(#[from] PlanError),
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error(transparent)]
    Sign(#[from] vk_core::SignError),
    #[error(transparent)]
    Snippet(#[from] vk_core::snippet::SnippetError),
    #[error(transparent)]
    Send(#[from] vk_http::SendError),
    #[error("The app could not finish the work: {0}")]
    Task(#[from] tokio::task::JoinError),
}

impl AppError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        let message = message.into();
        match kind {
            ErrorKind::InvalidInput => AppError::InvalidInput(message),
            ErrorKind::Network => AppError::Network(message),
            ErrorKind::CredentialStoreUnavailable => AppError::CredentialStoreUnavailable(message),
            ErrorKind::ConfirmResend => AppError::ConfirmResend(message),
            ErrorKind::Internal => AppError::Internal(message),
        }
    }

    /// Something the user must change, in words that say what.
    pub fn invalid(message: impl Into<String>) -> Self {
        AppError::InvalidInput(message.into())
    }

    pub fn internal(message: impl ToString) -> Self {
        AppError::Internal(message.to_string())
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            AppError::InvalidInput(_) | AppError::Sheet(_) | AppError::Plan(_) | AppError::Output(_) => {
                ErrorKind::InvalidInput
            }
            AppError::Sign(_) | AppError::Snippet(_) => ErrorKind::InvalidInput,
            AppError::Store(StoreError::Invalid(_)) => ErrorKind::InvalidInput,
            AppError::Network(_) | AppError::Send(_) => ErrorKind::Network,
            AppError::CredentialStoreUnavailable(_) | AppError::Secrets(SecretsError::Unavailable(_)) => {
                ErrorKind::CredentialStoreUnavailable
            }
            AppError::ConfirmResend(_) => ErrorKind::ConfirmResend,
            AppError::Internal(_) | AppError::Store(_) | AppError::Secrets(_) | AppError::Task(_) => {
                ErrorKind::Internal
            }
        }
    }
}

/// An error as the page receives it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, rename = "AppError")]
pub struct ErrorReply {
    pub kind: ErrorKind,
    pub message: String,
}

impl Serialize for AppError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ErrorReply { kind: self.kind(), message: self.to_string() }.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_crate_error_has_the_kind_the_page_acts_on() {
        let store: AppError = StoreError::Invalid("No such folder.".into()).into();
        assert_eq!(store.kind(), ErrorKind::InvalidInput);
        let locked: AppError = SecretsError::Unavailable("no D-Bus".into()).into();
        assert_eq!(locked.kind(), ErrorKind::CredentialStoreUnavailable);
        let json = serde_json::to_value(AppError::new(ErrorKind::ConfirmResend, "Send again?")).unwrap();
        assert_eq!(json, serde_json::json!({"kind": "confirm_resend", "message": "Send again?"}));
    }
}
