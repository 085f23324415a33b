//! Sending over real loopback: a signed round trip to the sandbox, and each failure kind provoked for real.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use axum::routing::get;
use axum::Router;
use vk_core::{ApiSecret, Credentials, RequestSpec, SignError};
use vk_http::{SendError, SendFailure, Sender, SenderConfig};
use vk_sandbox::{start, SandboxConfig, BUILTIN_API_KEY, BUILTIN_SECRET, BUILTIN_TENANT};

mod redirects;

fn loopback() -> SocketAddr {
    SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0)
}

fn creds(secret: &str) -> Credentials {
    Credentials { api_key: BUILTIN_API_KEY.into(), tenant_code: BUILTIN_TENANT.into(), secret: ApiSecret::new(secret) }
}

fn sender(config: SenderConfig) -> Sender {
    Sender::new(config).expect("client builds")
}

/// Serves `router` on a free loopback port; returns its base URL.
async fn serve(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind(loopback()).await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{addr}")
}

fn send_error(result: Result<vk_http::Exchange, SendFailure>) -> SendError {
    match result {
        Err(SendFailure::Send(e)) => e,
        other => panic!("expected a send error, got {other:?}"),
    }
}

#[tokio::test]
async fn signed_round_trip_reports_status_body_size_and_time() {
    let sb = start(SandboxConfig::builtin(), loopback()).await.unwrap();
    let s = sender(SenderConfig::default());
    let req = RequestSpec::new("POST", "/api/v1/verify/pan", br#"{"pan":"ABCDE1234F"}"#.to_vec());
    let exchange = s.send_signed(&sb.base_url(), &req, &creds(BUILTIN_SECRET)).await.unwrap();
    assert_eq!(exchange.response.status, 200);
    assert_eq!(exchange.response.status_text, "OK");
    assert!(exchange.response.elapsed > Duration::ZERO);
    let body: serde_json::Value = serde_json::from_slice(&exchange.response.body).unwrap();
    assert_eq!(body["data"]["pan"], "ABCDE1234F");
    assert!(exchange.signed.string_to_sign.ends_with(r#"POST/api/v1/verify/pan{"pan":"ABCDE1234F"}"#));
    assert!(exchange.response.headers.iter().any(|(n, v)| n == "content-type" && v.starts_with("application/json")));

    let wrong = s.send_signed(&sb.base_url(), &req, &creds("wrong")).await.unwrap();
    assert_eq!(wrong.response.status, 401);
    assert_eq!(vk_core::envelope::parse_error(&wrong.response.body).unwrap().code, "HMAC_INVALID");
}

#[tokio::test]
async fn the_clock_difference_is_measured_from_the_servers_date() {
    let sb = start(SandboxConfig::builtin(), loopback()).await.unwrap();
    let s = sender(SenderConfig::default());
    let req = RequestSpec::new("GET", "/api/v1/wallet/core/balance", Vec::new());
    let same = s.send_signed(&sb.base_url(), &req, &creds(BUILTIN_SECRET)).await.unwrap();
    assert!(same.response.clock_difference_secs.unwrap().abs() <= 1, "{:?}", same.response.clock_difference_secs);
    // The server's clock 7 minutes ahead: this computer looks 420 s slow.
    sb.clock().set_offset_secs(420);
    let behind = s.send_signed(&sb.base_url(), &req, &creds(BUILTIN_SECRET)).await.unwrap();
    let diff = behind.response.clock_difference_secs.unwrap();
    assert!((-421..=-419).contains(&diff), "{diff}");
    assert_eq!(vk_core::envelope::parse_error(&behind.response.body).unwrap().code, "TIMESTAMP_EXPIRED");

    let headers = vec![("Date".to_string(), "not a date".to_string())];
    assert_eq!(vk_http::clock_difference(&headers, std::time::SystemTime::now()), None);
}

#[tokio::test]
async fn signing_problems_stop_before_sending() {
    let s = sender(SenderConfig::default());
    // Port 9 on loopback: if anything were sent, this would be a network error instead.
    let req = RequestSpec::new("post", "/api/v1/verify/pan", b"{}".to_vec());
    match s.send_signed("http://127.0.0.1:9", &req, &creds("x")).await {
        Err(SendFailure::Sign(SignError::LowerCaseMethod { .. })) => {}
        other => panic!("expected a signing error, got {other:?}"),
    }
}

#[tokio::test]
async fn refused_connection_is_named() {
    let listener = std::net::TcpListener::bind(loopback()).unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let s = sender(SenderConfig::default());
    let req = RequestSpec::new("GET", "/api/v1/wallet/core/balance", "");
    let err = send_error(s.send_signed(&format!("http://127.0.0.1:{port}"), &req, &creds("x")).await);
    assert!(matches!(err, SendError::Refused { .. }), "{err:?}");
    assert!(err.to_string().starts_with("Nothing is answering"));
}

#[tokio::test]
async fn unknown_host_is_a_dns_error() {
    let s = sender(SenderConfig::default());
    let req = RequestSpec::new("GET", "/api/v1/wallet/core/balance", "");
    let err = send_error(s.send_signed("http://no-such-host.invalid", &req, &creds("x")).await);
    assert_eq!(err, SendError::Dns { host: "no-such-host.invalid".into() });
}

#[tokio::test]
async fn https_to_a_plain_server_is_a_tls_error() {
    let sb = start(SandboxConfig::builtin(), loopback()).await.unwrap();
    let s = sender(SenderConfig::default());
    let req = RequestSpec::new("GET", "/api/v1/wallet/core/balance", "");
    let url = format!("https://{}", sb.addr());
    let err = send_error(s.send_signed(&url, &req, &creds("x")).await);
    assert!(matches!(err, SendError::Tls { .. }), "{err:?}");
}

#[tokio::test]
async fn slow_server_times_out() {
    let base = serve(Router::new().route(
        "/slow",
        get(|| async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            "late"
        }),
    ))
    .await;
    let s = sender(SenderConfig { total_timeout: Duration::from_millis(300), ..SenderConfig::default() });
    let err = send_error(s.send_signed(&base, &RequestSpec::new("GET", "/slow", ""), &creds("x")).await);
    assert_eq!(err, SendError::Timeout { after: Duration::from_millis(300) });
}

#[tokio::test]
async fn oversized_bodies_are_refused_with_or_without_length() {
    let big = || "x".repeat(2 * 1024 * 1024);
    let base = serve(Router::new().route("/sized", get(move || async move { big() })).route(
        "/streamed",
        get(|| async {
            let chunks = (0..64).map(|_| Ok::<_, std::io::Error>(vec![b'y'; 64 * 1024]));
            // No Content-Length: the response is chunked and the limit applies while reading.
            axum::body::Body::from_stream(futures_util::stream::iter(chunks))
        }),
    ))
    .await;
    let s = sender(SenderConfig { max_body_bytes: 1024 * 1024, ..SenderConfig::default() });
    for path in ["/sized", "/streamed"] {
        let err = send_error(s.send_signed(&base, &RequestSpec::new("GET", path, ""), &creds("x")).await);
        assert_eq!(err, SendError::BodyTooLarge { limit: 1024 * 1024 }, "{path}");
    }
}

#[tokio::test]
async fn large_bodies_stream_to_disk_past_the_limit_and_small_ones_stay_in_memory() {
    let big: Vec<u8> = (0..3_000_000u32).map(|i| b'a' + (i % 26) as u8).collect();
    let served = big.clone();
    let chunks: Vec<Vec<u8>> = big.chunks(100_000).map(<[u8]>::to_vec).collect();
    let router = Router::new()
        .route("/big", get(move || async move { served }))
        .route("/small", get(|| async { "small" }))
        // No Content-Length: the size is only known while reading.
        .route(
            "/stream",
            get(move || {
                let chunks = chunks.clone().into_iter().map(Ok::<_, std::io::Error>);
                async move { axum::body::Body::from_stream(futures_util::stream::iter(chunks)) }
            }),
        );
    let url = serve(router).await;
    let dir = std::env::temp_dir().join(format!("vk-http-spill-{}", std::process::id()));
    let spill = vk_http::SpillConfig { dir: dir.clone(), over_bytes: 1_000_000 };
    let s = sender(SenderConfig { spill: Some(spill), ..SenderConfig::default() });

    let response =
        s.send_signed(&url, &RequestSpec::new("GET", "/big", Vec::new()), &creds("s")).await.unwrap().response;
    let spilled = response.spilled.clone().expect("streamed to disk");
    assert_eq!((spilled.len, response.size()), (3_000_000, 3_000_000));
    assert_eq!(std::fs::read(&spilled.path).unwrap(), big, "the file holds every byte, in order");
    assert_eq!(response.body, big[..vk_http::SPILL_HEAD_BYTES], "memory holds only the first bytes");

    let small =
        s.send_signed(&url, &RequestSpec::new("GET", "/small", Vec::new()), &creds("s")).await.unwrap().response;
    assert!(small.spilled.is_none());
    assert_eq!(small.body, b"small");

    // Past the overall limit while spilling: refused, and no half-written file is left behind.
    let tight = sender(SenderConfig {
        max_body_bytes: 2_000_000,
        spill: Some(vk_http::SpillConfig { dir: dir.join("tight"), over_bytes: 1_000_000 }),
        ..SenderConfig::default()
    });
    let err = send_error(tight.send_signed(&url, &RequestSpec::new("GET", "/big", Vec::new()), &creds("s")).await);
    assert!(matches!(err, SendError::BodyTooLarge { .. }), "{err:?}");
    let err = send_error(tight.send_signed(&url, &RequestSpec::new("GET", "/stream", Vec::new()), &creds("s")).await);
    assert!(matches!(err, SendError::BodyTooLarge { .. }), "{err:?}");
    assert_eq!(std::fs::read_dir(dir.join("tight")).unwrap().count(), 0);
    let _ = std::fs::remove_dir_all(&dir);
}
