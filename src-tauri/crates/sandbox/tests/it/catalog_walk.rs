//! The whole catalog through the real signer over loopback: each example succeeds, each rule fails, each test value holds.

use serde_json::Value;
use vk_core::catalog::{catalog, Endpoint, Field};
use vk_sandbox::test_values::test_values;
use vk_sandbox::SandboxConfig;

use crate::{sandbox, signed_send};

#[tokio::test]
async fn every_endpoint_answers_its_example_with_success() {
    let sb = sandbox(SandboxConfig::builtin()).await;
    for e in catalog() {
        let body = e.example_body.clone().unwrap_or_default();
        let (status, json) = signed_send(&sb, &e.method, &e.example_target, &body).await;
        assert_eq!(status, 200, "{} {}: {json}", e.method, e.example_target);
        assert_eq!(json["success"], true, "{}", e.id);
        assert!(json["data"].is_object(), "{}: data is an object", e.id);
    }
}

/// A value no rule accepts in place of the example: '#' is outside every identifier's alphabet.
fn corrupt(field: &Field) -> String {
    format!("#{}", &field.example[1..])
}

fn fields_named(json: &Value) -> Vec<String> {
    json["error"]["fields"]
        .as_array()
        .map(|f| f.iter().map(|p| p["field"].as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

async fn expect_invalid(sb: &vk_sandbox::RunningSandbox, e: &Endpoint, target: &str, body: &str, field: &str) {
    let (status, json) = signed_send(sb, &e.method, target, body).await;
    assert_eq!(status, 422, "{} {target} {body}: {json}", e.id);
    assert_eq!(json["error"]["code"], "VALIDATION_ERROR");
    assert!(fields_named(&json).contains(&field.to_string()), "{}: {field} named in {json}", e.id);
}

#[tokio::test]
async fn every_required_field_and_every_rule_is_enforced() {
    let sb = sandbox(SandboxConfig::builtin()).await;
    for e in catalog() {
        let target = e.example_target.clone();
        if let Some(example) = &e.example_body {
            let required: Vec<_> = e.body.iter().filter(|f| f.required).map(|f| f.name.clone()).collect();
            if !required.is_empty() {
                let (status, json) = signed_send(&sb, &e.method, &target, "{}").await;
                assert_eq!(status, 422, "{}: {json}", e.id);
                assert_eq!(fields_named(&json), required, "{}: every required field is named", e.id);
            }
            for field in &e.body {
                let mut body: Value = serde_json::from_str(example).unwrap();
                let bad = match field.validator {
                    Some(_) => Value::String(corrupt(field)),
                    None if field.kind == vk_core::catalog::FieldKind::String => Value::from(42),
                    None => Value::String("many".into()),
                };
                body[&field.name] = bad;
                expect_invalid(&sb, e, &target, &body.to_string(), &field.name).await;
            }
        }
        for field in e.query.iter().filter(|f| f.validator.is_some()) {
            // Only the corrupted parameter: it replaces the example's value of the same name.
            let bad_target = format!("{}?{}={}", e.path, field.name, corrupt(field).replace('#', "%23"));
            expect_invalid(&sb, e, &bad_target, "", &field.name).await;
        }
    }
}

#[tokio::test]
async fn every_documented_test_value_gives_its_outcome() {
    let sb = sandbox(SandboxConfig::builtin()).await;
    let values = test_values();
    assert!(values.len() >= 25);
    for tv in values {
        let (status, json) = signed_send(&sb, &tv.method, &tv.target, &tv.body).await;
        match (&tv.expect_error, &tv.expect_at) {
            (Some(code), _) => {
                assert_eq!(json["error"]["code"], code.as_str(), "{}: {} {}: {json}", tv.purpose, tv.target, tv.body);
                assert!(status >= 400);
            }
            (None, Some((pointer, value))) => {
                assert_eq!(status, 200, "{}: {json}", tv.purpose);
                assert_eq!(
                    json.pointer(pointer).and_then(Value::as_str),
                    Some(value.as_str()),
                    "{}: {json}",
                    tv.purpose
                );
            }
            (None, None) => panic!("test value without an expectation: {}", tv.purpose),
        }
    }
}
