//! What the sandbox stores is bounded: customers (how many, how long each field) and pending OTP references,
//! each limit tested at its edge with the clear envelope past it.

use serde_json::json;
use vk_sandbox::SandboxConfig;

use crate::{sandbox, signed_send};

fn customer(i: usize) -> String {
    json!({ "name": format!("Customer {i}"), "mobile": "9876543210" }).to_string()
}

#[tokio::test]
async fn customers_stop_at_the_count_limit_with_a_clear_envelope() {
    let mut config = SandboxConfig::builtin();
    config.limits.max_customers = 3;
    let sb = sandbox(config).await;
    for i in 0..3 {
        let (status, json) = signed_send(&sb, "POST", "/api/v1/customers", &customer(i)).await;
        assert_eq!(status, 200, "customer {i} of 3: {json}");
    }
    let (status, json) = signed_send(&sb, "POST", "/api/v1/customers", &customer(3)).await;
    assert_eq!((status, json["error"]["code"].as_str()), (422, Some("VALIDATION_ERROR")), "{json}");
    let message = json["error"]["message"].as_str().unwrap();
    assert!(message.contains("at most 3 customers") && message.contains("delete"), "{message}");
    let (_, list) = signed_send(&sb, "GET", "/api/v1/customers", "").await;
    assert_eq!(list["data"]["total"], 3, "the refused one was not stored");
    // Deleting one makes room again.
    let (status, _) = signed_send(&sb, "DELETE", "/api/v1/customers/CUST-0002", "").await;
    assert_eq!(status, 200);
    let (status, json) = signed_send(&sb, "POST", "/api/v1/customers", &customer(4)).await;
    assert_eq!(status, 200, "{json}");
}

#[tokio::test]
async fn customer_fields_stop_at_the_length_limit_naming_the_field() {
    let mut config = SandboxConfig::builtin();
    config.limits.max_customer_field_chars = 10;
    let sb = sandbox(config).await;
    // Ten characters (not bytes) is just inside.
    let body = json!({ "name": "éééééééééé", "mobile": "9876543210", "city": "0123456789" }).to_string();
    let (status, json) = signed_send(&sb, "POST", "/api/v1/customers", &body).await;
    assert_eq!(status, 200, "{json}");
    let body = json!({ "name": "Ramesh", "mobile": "9876543210", "city": "01234567890" }).to_string();
    let (status, json) = signed_send(&sb, "POST", "/api/v1/customers", &body).await;
    assert_eq!(status, 422, "{json}");
    assert_eq!(json["error"]["fields"][0]["field"], "city", "{json}");
    assert!(json["error"]["fields"][0]["reason"].as_str().unwrap().contains("at most 10 characters"), "{json}");
    // An update is held to the same limit, and leaves the record as it was.
    let (status, json) =
        signed_send(&sb, "PUT", "/api/v1/customers/CUST-0001", r#"{"email":"a-long@example.com"}"#).await;
    assert_eq!((status, json["error"]["fields"][0]["field"].as_str()), (422, Some("email")), "{json}");
    let (_, read) = signed_send(&sb, "GET", "/api/v1/customers/CUST-0001", "").await;
    assert_eq!(read["data"]["email"], serde_json::Value::Null);
}

#[tokio::test]
async fn pending_otp_references_are_bounded() {
    let mut config = SandboxConfig::builtin();
    config.limits.max_pending_otps = 2;
    let sb = sandbox(config).await;
    let body = r#"{"aadhaar":"234123412346"}"#;
    for _ in 0..2 {
        let (status, json) = signed_send(&sb, "POST", "/api/v1/verify/aadhaar/otp", body).await;
        assert_eq!(status, 200, "{json}");
    }
    let (status, json) = signed_send(&sb, "POST", "/api/v1/verify/aadhaar/otp", body).await;
    assert_eq!((status, json["error"]["code"].as_str()), (503, Some("SERVICE_UNAVAILABLE")), "{json}");
    assert!(json["error"]["message"].as_str().unwrap().contains("OTP"), "{json}");
    // Using one up makes room for the next.
    let submit = r#"{"ref_id":"AOTP-0000000001","otp":"111000"}"#;
    let (status, json) = signed_send(&sb, "POST", "/api/v1/verify/aadhaar/otp/submit", submit).await;
    assert_eq!(status, 200, "{json}");
    let (status, json) = signed_send(&sb, "POST", "/api/v1/verify/aadhaar/otp", body).await;
    assert_eq!(status, 200, "{json}");
}
