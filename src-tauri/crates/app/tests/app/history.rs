//! History through the app's commands: sending an entry again signs it afresh, and the history settings
//! (retention, Aadhaar masking) apply at once and after a restart.

use crate::common::{input, workspace, DataDir};
use vk_app::ipc::{HeaderPair, HistorySettings};
use vk_app::ErrorKind;
use vk_store::history::HistoryFilter;

const AADHAAR: &str = "234123412346";

#[tokio::test]
async fn sending_again_signs_afresh_and_goes_to_the_same_environment() {
    let dir = DataDir::new("rerun");
    let ws = workspace(&dir).await;
    let first = ws.request_send(input("POST", "/api/v1/verify/pan", r#"{"pan":"ABCPE1234F"}"#)).await.unwrap();
    let id = ws.history_list(HistoryFilter { limit: 1, ..Default::default() }).await.unwrap()[0].id;
    // Timestamps are in seconds: wait into the next one so a fresh signature must differ.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let again = ws.history_rerun(id).await.unwrap();
    assert_eq!(again.response.status, 200);
    assert_ne!(again.signature.string_to_sign, first.signature.string_to_sign);
    assert!(again.signature.string_to_sign.ends_with(r#"POST/api/v1/verify/pan{"pan":"ABCPE1234F"}"#));
    assert_eq!(ws.history_list(HistoryFilter { limit: 10, ..Default::default() }).await.unwrap().len(), 2);

    // An Aadhaar number stored masked cannot be sent again as it is.
    ws.request_send(input("POST", "/api/v1/verify/aadhaar/otp", &format!(r#"{{"aadhaar":"{AADHAAR}"}}"#)))
        .await
        .unwrap();
    let masked = ws.history_list(HistoryFilter { limit: 1, ..Default::default() }).await.unwrap()[0].id;
    let err = ws.history_rerun(masked).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.to_string().contains("stored masked"), "{}", err.to_string());
}

#[tokio::test]
async fn retention_and_masking_apply_at_once_and_after_a_restart() {
    let dir = DataDir::new("settings");
    let ws = workspace(&dir).await;
    assert_eq!(ws.history_settings_get().await.unwrap(), HistorySettings::default());
    assert!(ws.history_settings_get().await.unwrap().mask_aadhaar, "masked unless the user turns it off");
    for _ in 0..4 {
        ws.request_send(input("GET", "/api/v1/wallet/core/balance", "")).await.unwrap();
    }
    let err = ws.history_settings_set(HistorySettings { keep_count: Some(0), ..Default::default() }).await;
    assert_eq!(err.unwrap_err().kind(), ErrorKind::InvalidInput);
    let removed = ws
        .history_settings_set(HistorySettings { keep_days: Some(30), keep_count: Some(2), mask_aadhaar: false })
        .await
        .unwrap();
    assert_eq!(removed, 2);
    ws.request_send(input("POST", "/api/v1/verify/aadhaar/otp", &format!(r#"{{"aadhaar":"{AADHAAR}"}}"#)))
        .await
        .unwrap();
    let newest = ws.history_list(HistoryFilter { limit: 10, ..Default::default() }).await.unwrap();
    let opened = ws.history_open(newest[0].id).await.unwrap();
    assert!(opened.input.body.contains(AADHAAR), "masking was turned off: {}", opened.input.body);
    assert_eq!(newest.len(), 3, "retention is applied at start and when changed, not on every send");
    drop(ws);

    let again = workspace(&dir).await;
    assert_eq!(again.history_settings_get().await.unwrap().keep_count, Some(2));
    assert_eq!(again.history_list(HistoryFilter { limit: 10, ..Default::default() }).await.unwrap().len(), 2);
}

#[tokio::test]
async fn extra_headers_are_sent_checked_and_come_back_from_history() {
    let dir = DataDir::new("extra-headers");
    let ws = workspace(&dir).await;
    let mut with_header = input("GET", "/api/v1/wallet/core/balance", "");
    with_header.extra_headers = vec![HeaderPair { name: "X-Request-Id".into(), value: "trace-42".into() }];
    assert_eq!(ws.request_send(with_header.clone()).await.unwrap().response.status, 200);
    let id = ws.history_list(HistoryFilter { limit: 1, ..Default::default() }).await.unwrap()[0].id;
    let opened = ws.history_open(id).await.unwrap();
    assert_eq!(opened.input.extra_headers, with_header.extra_headers, "the signature headers are not among them");

    let mut reserved = with_header.clone();
    reserved.extra_headers = vec![HeaderPair { name: "X-Signature".into(), value: "0".repeat(64) }];
    let err = ws.request_send(reserved).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.to_string().contains("sets the X-Signature header itself"), "{}", err.to_string());
}
