//! The routes served so far, routing errors and request-body errors, all as envelopes.

use vk_sandbox::SandboxConfig;

use crate::{assert_error, sandbox, Crafted};

#[tokio::test]
async fn wallet_balance_has_the_vendor_shape() {
    let sb = sandbox(SandboxConfig::builtin()).await;
    let (_, _, body) = Crafted::balance().send(&sb).await;
    assert_eq!(body["data"]["balance"], 15420.5);
    assert_eq!(body["data"]["last_updated"], "2026-05-01T10:30:00Z");
}

#[tokio::test]
async fn pan_answers_are_deterministic_and_follow_test_values() {
    let sb = sandbox(SandboxConfig::builtin()).await;
    let (_, _, first) = Crafted::pan(r#"{"pan":"ABCPE1234F"}"#).send(&sb).await;
    let (_, _, again) = Crafted::pan(r#"{"pan":"ABCPE1234F"}"#).send(&sb).await;
    assert_eq!(first, again);
    assert_eq!(first["data"]["category"], "Individual");
    assert!(first["data"]["registered_name"].as_str().unwrap().contains(' '));
    let name = first["data"]["registered_name"].as_str().unwrap().to_string();
    let body = format!(r#"{{"pan":"ABCPE1234F","name":"{name}"}}"#);
    let (_, _, matched) = Crafted::pan(&body).send(&sb).await;
    assert_eq!(matched["data"]["name_match_score"], 100);
    let (_, _, company) = Crafted::pan(r#"{"pan":"ABCCE1234F"}"#).send(&sb).await;
    assert_eq!(company["data"]["category"], "Company");
    let (status, _, invalid) = Crafted::pan(r#"{"pan":"ABCPE1234X"}"#).send(&sb).await;
    assert_eq!(status, 200);
    assert_eq!(invalid["data"]["status"], "INVALID");
}

#[tokio::test]
async fn bad_bodies_are_validation_errors_naming_the_field() {
    let sb = sandbox(SandboxConfig::builtin()).await;
    let answer = Crafted::pan(r#"{"pan":"ABCDE12345"}"#).send(&sb).await;
    assert_error(&answer, "VALIDATION_ERROR", 422);
    assert_eq!(answer.2["error"]["fields"][0]["field"], "pan");
    assert_eq!(answer.2["error"]["fields"][0]["reason"], "character 10 must be a capital letter");
    let answer = Crafted::pan(r#"{"name":"x"}"#).send(&sb).await;
    assert_error(&answer, "VALIDATION_ERROR", 422);
    let answer = Crafted::pan(r#"{"pan":"#).send(&sb).await;
    assert_error(&answer, "VALIDATION_ERROR", 422);
    assert_eq!(answer.2["error"]["fields"][0]["field"], "body");
}

#[tokio::test]
async fn unknown_paths_wrong_methods_and_huge_bodies_are_envelopes() {
    let sb = sandbox(SandboxConfig::builtin()).await;
    assert_error(&Crafted::new("GET", "/api/v1/nothing/here", "").send(&sb).await, "NOT_FOUND", 404);
    assert_error(&Crafted::new("GET", "/api/v1/verify/pan", "").send(&sb).await, "METHOD_NOT_ALLOWED", 405);
    let huge = format!(r#"{{"pan":"{}"}}"#, "A".repeat(1024 * 1024 + 10));
    assert_error(&Crafted::pan(&huge).send(&sb).await, "PAYLOAD_TOO_LARGE", 413);
}
