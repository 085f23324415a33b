//! The request model that gets signed: method, endpoint (path plus optional query), exact body bytes.

use crate::secret::ApiSecret;

/// A request as the user composed it. Nothing here is normalised: what is signed is what is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestSpec {
    /// HTTP method, upper case (`GET`, `POST`, …). A lower-case method is rejected, never fixed up.
    pub method: String,
    /// The request target after the host: `/api/v1/...` plus `?query` when there is one.
    pub endpoint: String,
    /// The body exactly as it goes on the wire; empty when there is none.
    pub body: Vec<u8>,
    /// Extra headers beyond the four authentication headers and `Content-Type`.
    pub extra_headers: Vec<(String, String)>,
}

impl RequestSpec {
    pub fn new(method: impl Into<String>, endpoint: impl Into<String>, body: impl Into<Vec<u8>>) -> Self {
        Self {
            method: method.into(),
            endpoint: endpoint.into(),
            body: body.into(),
            extra_headers: Vec::new(),
        }
    }
}

/// Who is calling: the key and tenant are identifiers; the secret stays wrapped.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub api_key: String,
    pub tenant_code: String,
    pub secret: ApiSecret,
}
