//! Every authentication outcome, triggered by a crafted request over loopback.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;

use vk_core::ApiSecret;
use vk_sandbox::{start, RunningSandbox, SandboxConfig, SandboxCredential, SandboxError};

use crate::{assert_error, now, sandbox, Crafted};

#[tokio::test]
async fn correctly_signed_requests_succeed() {
    let sb = sandbox(SandboxConfig::builtin()).await;
    let (status, _, body) = Crafted::balance().send(&sb).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["success"], true);
    assert_eq!(body["data"]["currency"], "INR");
    let (status, _, body) = Crafted::pan(r#"{"pan":"ABCDE1234F"}"#).send(&sb).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["status"], "VALID");
    // A query string that is part of the signature is fine.
    let (status, _, _) = Crafted::new("GET", "/api/v1/wallet/core/balance?fresh=1", "").send(&sb).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn missing_or_unknown_key() {
    let sb = sandbox(SandboxConfig::builtin()).await;
    let mut c = Crafted::balance();
    c.api_key = None;
    assert_error(&c.send(&sb).await, "AUTH_MISSING_KEY", 401);
    c.api_key = Some(String::new());
    assert_error(&c.send(&sb).await, "AUTH_MISSING_KEY", 401);
    c.api_key = Some("vk_live_not_a_key".into());
    assert_error(&c.send(&sb).await, "AUTH_INVALID_KEY", 401);
}

#[tokio::test]
async fn missing_or_malformed_headers() {
    let sb = sandbox(SandboxConfig::builtin()).await;
    let mut c = Crafted::balance();
    c.tenant = None;
    assert_error(&c.send(&sb).await, "AUTH_MISSING_HEADER", 400);
    let mut c = Crafted::balance();
    c.tenant = Some("12345".into());
    assert_error(&c.send(&sb).await, "AUTH_MISSING_HEADER", 400);
    let mut c = Crafted::balance();
    c.timestamp_header = Some("yesterday".into());
    assert_error(&c.send(&sb).await, "AUTH_MISSING_HEADER", 400);
    let mut c = Crafted::balance();
    c.signature_header = Some("abc123".into());
    let answer = c.send(&sb).await;
    assert_error(&answer, "AUTH_MISSING_HEADER", 400);
    assert!(answer.2["error"]["message"].as_str().unwrap().contains("X-Signature"));
}

#[tokio::test]
async fn timestamps_outside_five_minutes_expire_both_ways() {
    let sb = sandbox(SandboxConfig::builtin()).await;
    let mut c = Crafted::balance();
    c.timestamp = now() - 301;
    assert_error(&c.send(&sb).await, "TIMESTAMP_EXPIRED", 401);
    c.timestamp = now() + 301;
    assert_error(&c.send(&sb).await, "TIMESTAMP_EXPIRED", 401);
    // Milliseconds instead of seconds is far in the future.
    c.timestamp = now() * 1000;
    assert_error(&c.send(&sb).await, "TIMESTAMP_EXPIRED", 401);
    // Inside the window, either way, is accepted.
    c.timestamp = now() - 290;
    assert_eq!(c.send(&sb).await.0, 200);
    c.timestamp = now() + 290;
    assert_eq!(c.send(&sb).await.0, 200);
}

#[tokio::test]
async fn signature_mismatches_are_hmac_invalid() {
    let sb = sandbox(SandboxConfig::builtin()).await;
    // Body whitespace changed after signing.
    let mut c = Crafted::pan(r#"{"pan": "ABCDE1234F"}"#);
    c.signed_body = Some(r#"{"pan":"ABCDE1234F"}"#.into());
    assert_error(&c.send(&sb).await, "HMAC_INVALID", 401);
    // Lower-case method in the signature, upper case on the wire.
    let mut c = Crafted::balance();
    c.signed_method = Some("get");
    assert_error(&c.send(&sb).await, "HMAC_INVALID", 401);
    // Query string left out of the signature.
    let mut c = Crafted::new("GET", "/api/v1/wallet/core/balance?fresh=1", "");
    c.signed_target = Some("/api/v1/wallet/core/balance".into());
    assert_error(&c.send(&sb).await, "HMAC_INVALID", 401);
    // Wrong secret.
    let mut c = Crafted::balance();
    c.secret = "not-the-secret".into();
    assert_error(&c.send(&sb).await, "HMAC_INVALID", 401);
    // Upper-case hex is not what the vendor's signer produces.
    let mut c = Crafted::balance();
    c.signature_header = Some(c.signature().to_uppercase());
    assert_error(&c.send(&sb).await, "HMAC_INVALID", 401);
}

#[tokio::test]
async fn altered_tenant_is_tenant_invalid_not_hmac_invalid() {
    let sb = sandbox(SandboxConfig::builtin()).await;
    let mut c = Crafted::balance();
    c.tenant = Some("654321".into());
    assert_error(&c.send(&sb).await, "TENANT_INVALID", 403);
}

#[tokio::test]
async fn ip_allowlist_blocks_other_addresses() {
    let mut config = SandboxConfig::builtin();
    config.allowed_ips = vec![IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2))];
    let sb = sandbox(config).await;
    assert_error(&Crafted::balance().send(&sb).await, "AUTH_IP_BLOCKED", 403);
    let mut config = SandboxConfig::builtin();
    config.allowed_ips = vec![IpAddr::V4(Ipv4Addr::LOCALHOST)];
    let sb = sandbox(config).await;
    assert_eq!(Crafted::balance().send(&sb).await.0, 200);
}

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after() {
    let mut config = SandboxConfig::builtin();
    config.rate_limit_per_second = NonZeroU32::new(2);
    let sb = sandbox(config).await;
    let mut limited = None;
    for _ in 0..10 {
        let answer = Crafted::balance().send(&sb).await;
        if answer.0 == 429 {
            limited = Some(answer);
            break;
        }
    }
    let answer = limited.expect("the 3rd to 10th request within a second is limited");
    assert_error(&answer, "RATE_LIMITED", 429);
    let retry: u64 = answer.1.expect("Retry-After header").parse().unwrap();
    assert!((1..=2).contains(&retry), "retry after {retry}");
}

#[tokio::test]
async fn custom_credentials_replace_the_builtin_ones() {
    let config = SandboxConfig::with_credential(SandboxCredential {
        api_key: "vk_live_custom".into(),
        secret: ApiSecret::new("custom-secret"),
        tenant_code: "999999".into(),
    });
    let sb = sandbox(config).await;
    assert_error(&Crafted::balance().send(&sb).await, "AUTH_INVALID_KEY", 401);
    let mut c = Crafted::balance();
    c.api_key = Some("vk_live_custom".into());
    c.secret = "custom-secret".into();
    c.tenant = Some("999999".into());
    assert_eq!(c.send(&sb).await.0, 200);
}

#[tokio::test]
async fn only_loopback_addresses_are_served() {
    let err =
        start(SandboxConfig::builtin(), SocketAddr::from(([0, 0, 0, 0], 0))).await.err().expect("0.0.0.0 is refused");
    assert!(matches!(err, SandboxError::NotLoopback(_)));
    assert!(err.to_string().contains("loopback"));
}

#[tokio::test]
async fn a_sandbox_clock_set_ahead_expires_correct_timestamps_and_shows_in_the_date_header() {
    let sb = sandbox(SandboxConfig::builtin()).await;
    let c = Crafted::balance();
    let date_of = |sb: &RunningSandbox| {
        let url = format!("{}/api/v1/wallet/core/balance", sb.base_url());
        async move {
            let response = reqwest::get(url).await.unwrap();
            let date = response.headers()["date"].to_str().unwrap().to_string();
            httpdate::parse_http_date(&date).unwrap().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
        }
    };
    assert!((date_of(&sb).await - now()).abs() <= 2, "Date follows the real clock");
    sb.clock().set_offset_secs(420);
    assert_error(&c.send(&sb).await, "TIMESTAMP_EXPIRED", 401);
    assert!((date_of(&sb).await - (now() + 420)).abs() <= 2, "Date shows the sandbox's clock, 7 minutes ahead");
    sb.clock().set_offset_secs(-120);
    assert_eq!(c.send(&sb).await.0, 200, "two minutes behind is inside the 300 s window");
}
