//! Authentication exactly as the spec decides it: over the raw request target and raw body, in constant time.

use std::net::IpAddr;

use axum::http::HeaderMap;
use subtle::ConstantTimeEq;
use vk_core::envelope::ApiError;
use vk_core::sign::{hmac_hex, message_to_sign, HEADER_API_KEY, HEADER_SIGNATURE, HEADER_TENANT, HEADER_TIMESTAMP};
use vk_core::ApiErrorCode;

use crate::config::{SandboxConfig, SandboxCredential};

/// What the authenticator looks at: nothing parsed or normalised beyond the header map.
pub struct IncomingRequest<'a> {
    pub method: &'a str,
    /// The request target exactly as received: path plus `?query`.
    pub target: &'a str,
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
    pub peer: IpAddr,
}

/// A refused request: the error envelope, and for RATE_LIMITED how long to wait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub error: ApiError,
    pub retry_after_secs: Option<u64>,
}

impl Rejection {
    pub fn new(code: ApiErrorCode) -> Self {
        Self { error: ApiError::new(code), retry_after_secs: None }
    }

    fn detail(code: ApiErrorCode, message: impl Into<String>) -> Self {
        Self { error: ApiError::new(code).with_message(message), retry_after_secs: None }
    }
}

/// A header that must be there, as text; one with bytes that are not visible ASCII is malformed, not missing.
fn required<'h>(headers: &'h HeaderMap, name: &str) -> Result<&'h str, Rejection> {
    match headers.get(name) {
        None => Err(missing_header(name, "missing")),
        Some(v) => v.to_str().map_err(|_| missing_header(name, "has characters that are not plain ASCII")),
    }
}

/// The window as the vendor words it: "5 min".
fn window(secs: u64) -> String {
    if secs >= 60 && secs.is_multiple_of(60) {
        format!("{} min", secs / 60)
    } else {
        format!("{secs} s")
    }
}

/// TIMESTAMP_EXPIRED, saying which way: a time ahead of the server's is the caller's clock (or milliseconds).
fn expired(ts: u64, now_secs: u64, skew: u64) -> Rejection {
    let message = if ts > now_secs {
        format!(
            "Request timestamp is ahead of the server clock by {} s (> {} window): the caller's clock is ahead, or \
             the time was given in milliseconds instead of seconds",
            ts - now_secs,
            window(skew)
        )
    } else {
        format!("Request too old (> {} window): {} s behind the server clock", window(skew), now_secs - ts)
    };
    Rejection::detail(ApiErrorCode::TimestampExpired, message)
}

fn missing_header(name: &str, what: &str) -> Rejection {
    Rejection::detail(ApiErrorCode::AuthMissingHeader, format!("{name} header {what}"))
}

/// Checks key, IP allowlist, headers, time window, signature and tenant, in that order.
/// Rate limiting is stateful and happens outside (after the key is known, before the signature check).
pub fn authenticate<'c>(
    config: &'c SandboxConfig,
    request: &IncomingRequest<'_>,
    now_secs: u64,
) -> Result<&'c SandboxCredential, Rejection> {
    let credential = identify(config, request)?;
    verify_signature(config, credential, request, now_secs)?;
    Ok(credential)
}

/// The key and IP steps: who is calling, and may they call from here.
pub fn identify<'c>(
    config: &'c SandboxConfig,
    request: &IncomingRequest<'_>,
) -> Result<&'c SandboxCredential, Rejection> {
    let api_key = match request.headers.get(HEADER_API_KEY).map(|v| v.to_str()) {
        None => return Err(Rejection::new(ApiErrorCode::AuthMissingKey)),
        Some(Ok(key)) => key,
        // A key was sent, so it is not missing; no key has such characters, so it is not one.
        Some(Err(_)) => {
            return Err(Rejection::detail(
                ApiErrorCode::AuthInvalidKey,
                "API key not found or invalid: it has characters that are not plain ASCII (keys are letters, \
                 digits and _)",
            ))
        }
    };
    if api_key.is_empty() {
        return Err(Rejection::new(ApiErrorCode::AuthMissingKey));
    }
    let credential = config.credential(api_key).ok_or_else(|| Rejection::new(ApiErrorCode::AuthInvalidKey))?;
    if !config.allowed_ips.is_empty() && !config.allowed_ips.contains(&request.peer) {
        return Err(Rejection::new(ApiErrorCode::AuthIpBlocked));
    }
    Ok(credential)
}

/// The header, time-window, signature and tenant steps for a known key.
pub fn verify_signature(
    config: &SandboxConfig,
    credential: &SandboxCredential,
    request: &IncomingRequest<'_>,
    now_secs: u64,
) -> Result<(), Rejection> {
    let timestamp = required(request.headers, HEADER_TIMESTAMP)?;
    let signature = required(request.headers, HEADER_SIGNATURE)?;
    let tenant = required(request.headers, HEADER_TENANT)?;

    if timestamp.is_empty() || timestamp.len() > 20 || !timestamp.bytes().all(|b| b.is_ascii_digit()) {
        return Err(missing_header(HEADER_TIMESTAMP, "must be Unix time in seconds"));
    }
    if signature.len() != 64 || !signature.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(missing_header(HEADER_SIGNATURE, "must be 64 hexadecimal characters"));
    }
    if tenant.len() != 6 || !tenant.bytes().all(|b| b.is_ascii_digit()) {
        return Err(missing_header(HEADER_TENANT, "must be 6 digits"));
    }

    let ts: u64 = timestamp.parse().map_err(|_| missing_header(HEADER_TIMESTAMP, "must be Unix time in seconds"))?;
    if ts.abs_diff(now_secs) > config.max_clock_skew_secs {
        return Err(expired(ts, now_secs, config.max_clock_skew_secs));
    }

    // NOTE: the method is signed as received; a client that signed `get` but sent `GET` fails here,
    // which is what the vendor's "use GET not get" rule means.
    let message = message_to_sign(ts, request.method, request.target, request.body);
    let expected = hmac_hex(credential.secret.expose_bytes(), &message);
    if !bool::from(expected.as_bytes().ct_eq(signature.as_bytes())) {
        return Err(Rejection::new(ApiErrorCode::HmacInvalid));
    }

    // The tenant code is not signed, so it is checked on its own after the signature.
    if !bool::from(tenant.as_bytes().ct_eq(credential.tenant_code.as_bytes())) {
        return Err(Rejection::new(ApiErrorCode::TenantInvalid));
    }
    Ok(())
}
