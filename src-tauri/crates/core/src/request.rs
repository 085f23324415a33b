//! The request model that gets signed: method, endpoint (path plus optional query), exact body bytes.

use serde::Serialize;
use ts_rs::TS;

use crate::secret::ApiSecret;

/// Where a JSON text breaks (1-based line and column, as editors count), and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct JsonProblem {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// The first problem in a JSON text, or `None` when it is valid (an empty text is valid: no body).
pub fn json_problem(text: &str) -> Option<JsonProblem> {
    if text.trim().is_empty() {
        return None;
    }
    problem_in(text.as_bytes())
}

/// The first problem in JSON bytes (nothing is valid JSON only when it is empty of bytes altogether).
fn problem_in(bytes: &[u8]) -> Option<JsonProblem> {
    let e = serde_json::from_slice::<serde::de::IgnoredAny>(bytes).err()?;
    let full = e.to_string();
    let terse = full.split(" at line ").next().unwrap_or(&full);
    Some(JsonProblem { line: e.line() as u32, column: e.column().max(1) as u32, message: plain_json_message(terse) })
}

/// serde_json's terse messages in plain words.
fn plain_json_message(terse: &str) -> String {
    let plain = [
        ("trailing comma", "there is a comma too many just before this"),
        (
            "key must be a string",
            "a field name in double quotes was expected here (a comma too many, or a name without quotes?)",
        ),
        ("EOF while parsing", "the JSON ends too soon: a closing }, ] or \" is missing"),
        ("expected value", "a value was expected here: text in double quotes, a number, true, false or null"),
        ("expected `:`", "a colon (:) was expected after the field name"),
        ("expected `,` or `}`", "a comma or a closing } was expected here"),
        ("expected `,` or `]`", "a comma or a closing ] was expected here"),
        ("control character", "a line break or tab inside text must be written as \\n or \\t"),
        ("trailing characters", "there is more after the end of the JSON"),
    ];
    plain.iter().find(|(k, _)| terse.contains(k)).map_or_else(|| terse.to_string(), |(_, p)| (*p).to_string())
}

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
        match problem_in(&self.body) {
            None => Ok(()),
            Some(p) => {
                Err(format!("The body is not valid JSON (line {}, column {}): {}.", p.line, p.column, p.message))
            }
        }
    }

    pub fn new(method: impl Into<String>, endpoint: impl Into<String>, body: impl Into<Vec<u8>>) -> Self {
        Self { method: method.into(), endpoint: endpoint.into(), body: body.into(), extra_headers: Vec::new() }
    }

    /// The module the request goes to, for history: the path segment after `/api/v1/` ("wallet", "verify", …),
    /// or "other".
    pub fn module(&self) -> &str {
        let module = self.endpoint.strip_prefix("/api/v1/").and_then(|rest| rest.split(['/', '?']).next());
        module.filter(|m| !m.is_empty()).unwrap_or("other")
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
mod json_problem_tests {
    use super::json_problem;

    #[test]
    fn says_where_the_json_breaks() {
        assert_eq!(json_problem(r#"{"pan":"ABCDE1234F"}"#), None);
        assert_eq!(json_problem("  "), None);
        let p = json_problem("{\n  \"pan\": \"A\",\n}").unwrap();
        assert_eq!((p.line, p.column), (3, 1));
        assert!(p.message.contains("a comma too many"), "{}", p.message);
        let p = json_problem(r#"{"pan":"#).unwrap();
        assert_eq!(p.line, 1);
        assert!(p.message.contains("ends too soon"), "{}", p.message);
        assert!(json_problem("{pan: 1}").unwrap().message.contains("double quotes"));
    }
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

    #[test]
    fn module_is_the_segment_after_the_version() {
        let module = |endpoint: &str| RequestSpec::new("GET", endpoint, "").module().to_string();
        assert_eq!(module("/api/v1/wallet/core/balance"), "wallet");
        assert_eq!(module("/api/v1/customers?page=2"), "customers");
        assert_eq!(module("/api/v1/"), "other");
        assert_eq!(module("/health"), "other");
    }
}
