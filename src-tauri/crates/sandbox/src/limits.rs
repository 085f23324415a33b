//! Every limit the sandbox holds a caller to, in one place: the defaults here, overridable per sandbox through
//! `SandboxConfig::limits` (tests use small ones) and the settings file. Nothing here reads or enforces anything.

use std::time::Duration;

/// Largest request body read, in bytes (1 MiB, as the live API). Over it: 413 PAYLOAD_TOO_LARGE.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// How long the request line and headers may take to arrive, counted from the connection opening or from the
/// previous answer on a kept-alive connection. Over it the connection is closed without an answer (slowloris).
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// How long the body may take to arrive once the headers are in. Over it: 400 VALIDATION_ERROR, then the
/// connection is closed.
pub const BODY_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// Largest request line plus headers, in bytes (hyper's read buffer). Over it: 431 VALIDATION_ERROR.
pub const MAX_HEADER_BYTES: usize = 64 * 1024;

/// Most headers in one request. Over it: 431 VALIDATION_ERROR.
pub const MAX_HEADERS: usize = 100;

/// After an early answer (a body too large, or cut off), how long the sandbox keeps reading and discarding what
/// the client still sends before closing, so the answer is not lost to a connection reset.
pub const LINGER: Duration = Duration::from_secs(2);

/// Most bytes discarded in that time.
pub const LINGER_BYTES: u64 = 4 * 1024 * 1024;

/// Most customers kept at once. Over it: 422 VALIDATION_ERROR saying to delete some or restart the sandbox.
pub const MAX_CUSTOMERS: usize = 10_000;

/// Longest text in one customer field (name, mobile, email, pan, city), in characters. Over it: 422
/// VALIDATION_ERROR naming the field. With `MAX_CUSTOMERS` this bounds the customers' memory (about 50 MB).
pub const MAX_CUSTOMER_FIELD_CHARS: usize = 256;

/// Most Aadhaar OTP references waiting for their OTP at once (expired ones are dropped first). Over it:
/// 503 SERVICE_UNAVAILABLE saying to wait for old references to expire.
pub const MAX_PENDING_OTPS: usize = 10_000;

/// The limits one sandbox applies; `Default` is the constants above.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    pub max_body_bytes: usize,
    pub header_read_timeout: Duration,
    pub body_read_timeout: Duration,
    pub max_customers: usize,
    pub max_customer_field_chars: usize,
    pub max_pending_otps: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_body_bytes: MAX_BODY_BYTES,
            header_read_timeout: HEADER_READ_TIMEOUT,
            body_read_timeout: BODY_READ_TIMEOUT,
            max_customers: MAX_CUSTOMERS,
            max_customer_field_chars: MAX_CUSTOMER_FIELD_CHARS,
            max_pending_otps: MAX_PENDING_OTPS,
        }
    }
}
