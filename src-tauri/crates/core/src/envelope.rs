//! The API's JSON envelopes: building error envelopes (sandbox) and reading them back (app, CLI).

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use ts_rs::TS;

use crate::error_codes::ApiErrorCode;

/// One field that failed validation, as listed in `error.fields`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldProblem {
    pub field: String,
    pub reason: String,
}

/// The `error` object of a failure envelope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub code: String,
    pub message: String,
    pub http_status: u16,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldProblem>,
}

impl ApiError {
    pub fn new(code: ApiErrorCode) -> Self {
        Self {
            code: code.as_str().into(),
            message: code.server_message().into(),
            http_status: code.http_status(),
            fields: Vec::new(),
        }
    }

    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    pub fn with_fields(mut self, fields: Vec<FieldProblem>) -> Self {
        self.fields = fields;
        self
    }

    /// The whole envelope: `{"success": false, "error": {...}}`.
    pub fn to_envelope(&self) -> Value {
        json!({ "success": false, "error": self })
    }
}

/// `{"success": true, "data": ...}`.
pub fn success(data: Value) -> Value {
    json!({ "success": true, "data": data })
}

/// Reads an error envelope out of a response body; `None` if the body is not one.
pub fn parse_error(body: &[u8]) -> Option<ApiError> {
    #[derive(Deserialize)]
    struct Failure {
        success: bool,
        error: ApiError,
    }
    let failure: Failure = serde_json::from_slice(body).ok()?;
    (!failure.success).then_some(failure.error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_has_the_spec_shape() {
        let env = ApiError::new(ApiErrorCode::HmacInvalid).to_envelope();
        assert_eq!(
            env,
            json!({"success": false, "error": {"code": "HMAC_INVALID", "message": "Signature verification failed", "http_status": 401}})
        );
    }

    #[test]
    fn parse_reads_failures_only() {
        let body = br#"{"success":false,"error":{"code":"RATE_LIMITED","message":"Too many requests, slow down","http_status":429}}"#;
        assert_eq!(parse_error(body).unwrap().code, "RATE_LIMITED");
        assert!(parse_error(br#"{"success":true,"data":{}}"#).is_none());
        assert!(parse_error(b"not json").is_none());
        let with_fields = ApiError::new(ApiErrorCode::ValidationError)
            .with_fields(vec![FieldProblem { field: "pan".into(), reason: "must be 10 characters".into() }]);
        let bytes = serde_json::to_vec(&with_fields.to_envelope()).unwrap();
        assert_eq!(parse_error(&bytes).unwrap(), with_fields);
    }
}

/// The body re-indented for reading (key order, numbers and strings kept as sent), or `None` if it is not JSON
/// or nests too deep to lay out (see [`pretty_json_or_reason`] for why).
pub fn pretty_json(body: &[u8]) -> Option<String> {
    pretty_json_or_reason(body).ok()
}

/// The body re-indented for reading; `Err(Some(reason))` when it is JSON but cannot be laid out (nested more
/// than [`crate::limits::JSON_MAX_DEPTH`] levels deep: show it as it came, with that reason), `Err(None)` when it
/// is not JSON at all.
pub fn pretty_json_or_reason(body: &[u8]) -> Result<String, Option<String>> {
    // IgnoredAny is checked without recursion by serde_json, so any depth is only validated here.
    serde_json::from_slice::<serde::de::IgnoredAny>(body).map_err(|_| None)?;
    let mut out = Vec::with_capacity(body.len().saturating_mul(2));
    match crate::pretty::reformat(body, &mut out) {
        Ok(()) => String::from_utf8(out).map_err(|_| None),
        Err(e) if crate::pretty::is_too_deep(&e) => Err(Some(e.to_string())),
        Err(_) => Err(None),
    }
}

#[cfg(test)]
mod pretty_tests {
    #[test]
    fn pretty_keeps_key_order() {
        let out = super::pretty_json(br#"{"z":1,"a":{"b":[1,2]}}"#).unwrap();
        assert!(out.find("\"z\"").unwrap() < out.find("\"a\"").unwrap());
        assert!(out.contains("\n  \"a\": {"));
        assert!(super::pretty_json(b"<html>").is_none());
        // Numbers stay as the server wrote them.
        assert!(super::pretty_json(br#"{"balance":15420.50}"#).unwrap().contains("15420.50"));
    }

    #[test]
    fn too_deep_is_refused_with_its_reason() {
        let levels = crate::limits::JSON_MAX_DEPTH;
        let at = format!("{}{}", "[".repeat(levels), "]".repeat(levels));
        assert!(super::pretty_json_or_reason(at.as_bytes()).is_ok());
        let over = format!("[{at}]");
        assert_eq!(
            super::pretty_json_or_reason(over.as_bytes()),
            Err(Some("nested more than 128 levels deep".to_string()))
        );
        assert_eq!(super::pretty_json_or_reason(b"<html>"), Err(None));
    }
}
