//! A row's result from the answer it got: how it ended, the answer's plain fields (for the grid and the output
//! sheet), and a line a person can read.

use serde_json::Value;
use vk_core::envelope::parse_error;
use vk_core::ApiErrorCode;
use vk_store::batch::{Outcome, RowResult};

use crate::check::RowCheck;

/// The answer's `data` as column name → text: scalars as they are, a nested object's scalars as
/// `name.field`, a list by its length.
pub fn summary_fields(data: &Value) -> Vec<(String, String)> {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    let mut fields = Vec::new();
    let Some(object) = data.as_object() else {
        if !data.is_null() {
            fields.push(("data".to_string(), text(data)));
        }
        return fields;
    };
    for (key, value) in object {
        match value {
            Value::Object(inner) => {
                for (sub, v) in inner.iter().filter(|(_, v)| !v.is_object() && !v.is_array()) {
                    fields.push((format!("{key}.{sub}"), text(v)));
                }
            }
            Value::Array(items) => fields.push((key.clone(), format!("{} items", items.len()))),
            scalar => fields.push((key.clone(), text(scalar))),
        }
    }
    fields
}

/// A field's name as a label: "name_match.score" reads "Name match score".
fn label(key: &str) -> String {
    let words = key.replace(['_', '.'], " ");
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// The first few fields, as "Status: VALID · Registered name: Asha Rao · Name match score: 92", leaving out values
/// the answer only echoes from the request (the PAN that was sent).
fn summary_line(fields: &[(String, String)], request_body: &[u8]) -> String {
    let sent = String::from_utf8_lossy(request_body);
    let echoed = |v: &str| sent.contains(&format!("\"{v}\""));
    let shown: Vec<String> = fields
        .iter()
        .filter(|(_, v)| !v.is_empty() && !echoed(v))
        .take(4)
        .map(|(k, v)| format!("{}: {v}", label(k)))
        .collect();
    if shown.is_empty() {
        "Success".into()
    } else {
        shown.join(" · ")
    }
}

/// How an answer ends a row (`request_body`: what was sent, so echoes are left out of the line).
pub fn from_answer(
    row_index: u32,
    status: u16,
    body: &[u8],
    request_body: &[u8],
    attempts: u32,
    finished_ms: i64,
) -> RowResult {
    let parsed: Option<Value> = serde_json::from_slice(body).ok();
    let success = parsed.as_ref().and_then(|v| v.get("success")).and_then(Value::as_bool) == Some(true);
    let mut result = RowResult {
        row_index,
        outcome: Outcome::ApiError,
        status: Some(status),
        error_code: None,
        summary: Vec::new(),
        message: String::new(),
        attempts,
        finished_ms,
    };
    if success && (200..300).contains(&status) {
        let data = parsed.as_ref().and_then(|v| v.get("data")).cloned().unwrap_or(Value::Null);
        result.outcome = Outcome::Success;
        result.summary = summary_fields(&data);
        result.message = summary_line(&result.summary, request_body);
        return result;
    }
    match parse_error(body) {
        Some(error) => {
            let title = ApiErrorCode::parse(&error.code).map_or(error.message.clone(), |c| c.explanation().title);
            let fields: Vec<String> = error.fields.iter().map(|f| format!("{}: {}", f.field, f.reason)).collect();
            result.message = if fields.is_empty() { title } else { format!("{title} ({})", fields.join("; ")) };
            result.error_code = Some(error.code);
        }
        None => {
            result.message = format!("The server answered HTTP {status} {}", vk_http::reason_phrase(status));
        }
    }
    result
}

/// How a row ends when no answer came back.
pub fn not_sent(row_index: u32, code: Option<&str>, message: String, attempts: u32, finished_ms: i64) -> RowResult {
    RowResult {
        row_index,
        outcome: Outcome::NotSent,
        status: None,
        error_code: code.map(str::to_string),
        summary: Vec::new(),
        message,
        attempts,
        finished_ms,
    }
}

/// A row left out because it failed the check and the user chose to skip such rows; its message says why, as the
/// check did ("Skipped: pan — a PAN has 10 characters; this one has 8"), for the grid and the exported sheet.
pub fn skipped(check: &RowCheck, finished_ms: i64) -> RowResult {
    let reasons: Vec<String> = check.problems.iter().map(|p| format!("{} — {}", p.field, p.reason)).collect();
    RowResult {
        row_index: check.index,
        outcome: Outcome::Skipped,
        status: None,
        error_code: None,
        summary: Vec::new(),
        message: format!("Skipped: {}", reasons.join("; ")),
        attempts: 0,
        finished_ms,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vk_core::envelope::FieldProblem;

    #[test]
    fn answers_become_results_a_person_can_read() {
        let body = br#"{"success":true,"data":{"pan":"ABCPE1234F","status":"VALID","registered_name":"Asha Rao",
            "name_match":{"result":"PARTIAL_MATCH","score":92},"history":[1,2,3]}}"#;
        let result = from_answer(4, 200, body, br#"{"pan":"ABCPE1234F","name":"VALID?"}"#, 1, 7);
        assert_eq!(result.outcome, Outcome::Success);
        let keys: Vec<&str> = result.summary.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["pan", "status", "registered_name", "name_match.result", "name_match.score", "history"]);
        assert_eq!(result.summary[5].1, "3 items");
        assert_eq!(
            result.message,
            "Status: VALID · Registered name: Asha Rao · Name match result: PARTIAL_MATCH · Name match score: 92",
            "the PAN sent is not repeated"
        );

        let refused = br#"{"success":false,"error":{"code":"VALIDATION_ERROR","message":"Invalid","http_status":422,
            "fields":[{"field":"pan","reason":"a PAN has 10 characters"}]}}"#;
        let result = from_answer(5, 422, refused, b"", 1, 7);
        assert_eq!((result.outcome, result.error_code.as_deref()), (Outcome::ApiError, Some("VALIDATION_ERROR")));
        assert!(result.message.contains("pan: a PAN has 10 characters"), "{}", result.message);

        let result = from_answer(6, 502, b"<html>bad gateway</html>", b"", 1, 7);
        assert_eq!(result.message, "The server answered HTTP 502 Bad Gateway");
    }

    #[test]
    fn a_skipped_row_says_what_the_check_found() {
        let problem = |field: &str, reason: &str| FieldProblem { field: field.into(), reason: reason.into() };
        let check = RowCheck {
            index: 7,
            number: 9,
            problems: vec![
                problem("pan", "a PAN has 10 characters; this one has 8"),
                problem("name", "Fill this in: it is required."),
            ],
        };
        let result = skipped(&check, 5);
        assert_eq!((result.row_index, result.outcome, result.attempts), (7, Outcome::Skipped, 0));
        assert_eq!(
            result.message,
            "Skipped: pan — a PAN has 10 characters; this one has 8; name — Fill this in: it is required."
        );
    }
}
