//! Turns transport failures into a few kinds, each with a message a non-developer can act on.

use std::error::Error as StdError;
use std::time::Duration;

use crate::SenderConfig;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    #[error("Nothing is answering at {url}. The server may be stopped, or the address or port is wrong. Check the environment's server address; for the built-in sandbox, restart VK Workspace.")]
    Refused { url: String },
    #[error("The server name \"{host}\" could not be found. Check the spelling of the server address and this computer's internet connection.")]
    Dns { host: String },
    #[error("A secure (HTTPS) connection to {url} could not be set up: {detail}. Check that the address starts with the right http:// or https://, and that the server's certificate is valid.")]
    Tls { url: String, detail: String },
    #[error("The server did not answer within {} seconds. It may be busy or unreachable; try again, or check the network.", .after.as_secs())]
    Timeout { after: Duration },
    #[error("The answer is larger than the {} MiB this app accepts, so it was not loaded. Ask for less data, for example a smaller page size.", .limit / (1024 * 1024))]
    BodyTooLarge { limit: u64 },
    #[error("The address {0} is not valid. Check the environment's server address and the endpoint.")]
    InvalidUrl(String),
    #[error("The request could not be sent: {0}")]
    Other(String),
}

/// Every code [`SendError::code`] can give, for filters.
pub const SEND_ERROR_CODES: [&str; 7] = [
    "CONNECTION_REFUSED",
    "HOST_NOT_FOUND",
    "TLS_FAILED",
    "TIMEOUT",
    "RESPONSE_TOO_LARGE",
    "INVALID_ADDRESS",
    "SEND_FAILED",
];

impl SendError {
    /// A stable code for history and filters, in the style of the API's own codes.
    pub fn code(&self) -> &'static str {
        match self {
            SendError::Refused { .. } => "CONNECTION_REFUSED",
            SendError::Dns { .. } => "HOST_NOT_FOUND",
            SendError::Tls { .. } => "TLS_FAILED",
            SendError::Timeout { .. } => "TIMEOUT",
            SendError::BodyTooLarge { .. } => "RESPONSE_TOO_LARGE",
            SendError::InvalidUrl(_) => "INVALID_ADDRESS",
            SendError::Other(_) => "SEND_FAILED",
        }
    }
}

fn chain_text(err: &(dyn StdError + 'static)) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

fn has_io_kind(err: &(dyn StdError + 'static), kind: std::io::ErrorKind) -> bool {
    let mut current: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = current {
        if e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == kind) {
            return true;
        }
        current = e.source();
    }
    false
}

pub(crate) fn classify(err: &reqwest::Error, url: &str, config: &SenderConfig) -> SendError {
    let text = chain_text(err);
    let lower = text.to_lowercase();
    if err.is_timeout() || has_io_kind(err, std::io::ErrorKind::TimedOut) {
        let after = if err.is_connect() { config.connect_timeout } else { config.total_timeout };
        return SendError::Timeout { after };
    }
    if has_io_kind(err, std::io::ErrorKind::ConnectionRefused) {
        return SendError::Refused { url: url.to_string() };
    }
    if lower.contains("dns error") || lower.contains("failed to lookup address") {
        let host = err.url().and_then(|u| u.host_str()).unwrap_or(url).to_string();
        return SendError::Dns { host };
    }
    if lower.contains("tls")
        || lower.contains("certificate")
        || lower.contains("handshake")
        || lower.contains("invalidcontenttype")
    {
        let detail = err.source().map(chain_text).unwrap_or_else(|| text.clone());
        return SendError::Tls { url: url.to_string(), detail };
    }
    if err.is_builder() {
        return SendError::InvalidUrl(url.to_string());
    }
    SendError::Other(text)
}
