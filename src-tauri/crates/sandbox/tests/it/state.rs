//! State users expect: customers CRUD with pages, orders debiting the wallet, OTP references that expire,
//! and the practice settings (latency, injected failures).

use std::time::{Duration, Instant};

use vk_sandbox::{FailureRule, SandboxConfig};

use crate::{sandbox, signed_send};

#[tokio::test]
async fn customers_live_for_the_life_of_the_sandbox() {
    let sb = sandbox(SandboxConfig::builtin()).await;
    for i in 0..25 {
        let body = format!(r#"{{"name":"Customer {i}","mobile":"98765432{:02}"}}"#, i);
        let (status, json) = signed_send(&sb, "POST", "/api/v1/customers", &body).await;
        assert_eq!(status, 200, "{json}");
        assert_eq!(json["data"]["id"], format!("CUST-{:04}", i + 1));
    }
    let (_, page2) = signed_send(&sb, "GET", "/api/v1/customers?page=2&per_page=10", "").await;
    assert_eq!(page2["data"]["total"], 25);
    assert_eq!(page2["data"]["total_pages"], 3);
    assert_eq!(page2["data"]["customers"][0]["id"], "CUST-0011");
    assert_eq!(page2["data"]["customers"].as_array().unwrap().len(), 10);
    let (_, bad_page) = signed_send(&sb, "GET", "/api/v1/customers?per_page=500", "").await;
    assert_eq!(bad_page["error"]["fields"][0]["field"], "per_page");

    let (_, updated) = signed_send(&sb, "PUT", "/api/v1/customers/CUST-0003", r#"{"city":"Mumbai"}"#).await;
    assert_eq!(updated["data"]["city"], "Mumbai");
    assert_eq!(updated["data"]["name"], "Customer 2");
    let (_, read) = signed_send(&sb, "GET", "/api/v1/customers/CUST-0003", "").await;
    assert_eq!(read["data"], updated["data"]);
    let (status, _) = signed_send(&sb, "DELETE", "/api/v1/customers/CUST-0003", "").await;
    assert_eq!(status, 200);
    let (status, gone) = signed_send(&sb, "GET", "/api/v1/customers/CUST-0003", "").await;
    assert_eq!((status, gone["error"]["code"].as_str()), (404, Some("NOT_FOUND")));
    let (_, list) = signed_send(&sb, "GET", "/api/v1/customers", "").await;
    assert_eq!(list["data"]["total"], 24);
}

#[tokio::test]
async fn orders_debit_the_wallet_and_show_in_its_transactions() {
    let sb = sandbox(SandboxConfig::builtin()).await;
    let (_, before) = signed_send(&sb, "GET", "/api/v1/wallet/core/balance", "").await;
    let (_, order) =
        signed_send(&sb, "POST", "/api/v1/marketplace/orders", r#"{"item_id":"PRD-QR-02","quantity":3}"#).await;
    assert_eq!(order["data"]["amount"], 597.0);
    let (_, after) = signed_send(&sb, "GET", "/api/v1/wallet/core/balance", "").await;
    let spent = before["data"]["balance"].as_f64().unwrap() - after["data"]["balance"].as_f64().unwrap();
    assert!((spent - 597.0).abs() < 0.001, "spent {spent}");
    let (_, txns) = signed_send(&sb, "GET", "/api/v1/wallet/core/transactions?per_page=5", "").await;
    let newest = &txns["data"]["transactions"][0];
    assert_eq!(newest["id"], order["data"]["transaction_id"]);
    assert_eq!(newest["amount"], 597.0);
    assert_eq!(txns["data"]["total"], 46);
    let id = order["data"]["id"].as_str().unwrap();
    let (_, fetched) = signed_send(&sb, "GET", &format!("/api/v1/marketplace/orders/{id}"), "").await;
    assert_eq!(fetched["data"], order["data"]);

    // An order the wallet cannot pay for changes nothing.
    let (status, refused) =
        signed_send(&sb, "POST", "/api/v1/marketplace/orders", r#"{"item_id":"PRD-POS-01","quantity":7}"#).await;
    assert_eq!((status, refused["error"]["code"].as_str()), (402, Some("INSUFFICIENT_BALANCE")));
    let (_, unchanged) = signed_send(&sb, "GET", "/api/v1/wallet/core/balance", "").await;
    assert_eq!(unchanged["data"]["balance"], after["data"]["balance"]);
}

#[tokio::test]
async fn aadhaar_otp_references_work_once_and_expire() {
    let mut config = SandboxConfig::builtin();
    config.otp_ttl = Duration::from_millis(600);
    let sb = sandbox(config).await;
    let otp = |sb| signed_send(sb, "POST", "/api/v1/verify/aadhaar/otp", r#"{"aadhaar":"234123412346"}"#);
    let (_, sent) = otp(&sb).await;
    let ref_id = sent["data"]["ref_id"].as_str().unwrap().to_string();
    let submit = |otp: &str| format!(r#"{{"ref_id":"{ref_id}","otp":"{otp}"}}"#);
    let (_, wrong) = signed_send(&sb, "POST", "/api/v1/verify/aadhaar/otp/submit", &submit("222000")).await;
    assert_eq!(wrong["error"]["fields"][0]["field"], "otp");
    let (_, kyc) = signed_send(&sb, "POST", "/api/v1/verify/aadhaar/otp/submit", &submit("111000")).await;
    assert_eq!(kyc["data"]["aadhaar"], "XXXX XXXX 2346");
    let (_, reused) = signed_send(&sb, "POST", "/api/v1/verify/aadhaar/otp/submit", &submit("111000")).await;
    assert_eq!(reused["error"]["fields"][0]["reason"], "no OTP was sent with this reference");

    let (_, sent) = otp(&sb).await;
    let late = sent["data"]["ref_id"].as_str().unwrap();
    tokio::time::sleep(Duration::from_millis(700)).await;
    let body = format!(r#"{{"ref_id":"{late}","otp":"111000"}}"#);
    let (_, expired) = signed_send(&sb, "POST", "/api/v1/verify/aadhaar/otp/submit", &body).await;
    assert!(expired["error"]["fields"][0]["reason"].as_str().unwrap().contains("expired"), "{expired}");
}

#[tokio::test]
async fn practice_settings_add_latency_and_inject_failures() {
    let mut config = SandboxConfig::builtin();
    config.latency = Duration::from_millis(150);
    config.failures = vec![FailureRule { endpoint: "verify.pan".into(), every: 3, status: 503 }];
    let sb = sandbox(config).await;
    let started = Instant::now();
    let (status, _) = signed_send(&sb, "GET", "/api/v1/wallet/core/balance", "").await;
    assert_eq!(status, 200);
    assert!(started.elapsed() >= Duration::from_millis(150));
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let (status, json) = signed_send(&sb, "POST", "/api/v1/verify/pan", r#"{"pan":"ABCPE1234F"}"#).await;
        if status == 503 {
            assert_eq!(json["error"]["code"], "SERVICE_UNAVAILABLE");
        }
        statuses.push(status);
    }
    assert_eq!(statuses, [200, 200, 503, 200, 200, 503]);
}
