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
    /// Checks that a non-empty body is JSON, saying where it breaks. The body itself is never rewritten.
    pub fn check_json_body(&self) -> Result<(), String> {
        if self.body.is_empty() {
            return Ok(());
        }
        serde_json::from_slice::<serde::de::IgnoredAny>(&self.body)
            .map(|_| ())
            .map_err(|e| format!("The body is not valid JSON (line {}, column {}): {e}", e.line(), e.column()))
    }

    pub fn new(method: impl Into<String>, endpoint: impl Into<String>, body: impl Into<Vec<u8>>) -> Self {
        Self { method: method.into(), endpoint: endpoint.into(), body: body.into(), extra_headers: Vec::new() }
    }
}

/// Who is calling: the key and tenant are identifiers; the secret stays wrapped.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub api_key: String,
    pub tenant_code: String,
    pub secret: ApiSecret,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_body_check_points_at_the_problem() {
        assert!(RequestSpec::new("GET", "/x", "").check_json_body().is_ok());
        assert!(RequestSpec::new("POST", "/x", "{\n  \"a\": 1\n}").check_json_body().is_ok());
        let err = RequestSpec::new("POST", "/x", "{\"pan\": }").check_json_body().unwrap_err();
        assert!(err.contains("line 1, column 9"), "{err}");
    }
}
