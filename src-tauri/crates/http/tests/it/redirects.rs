//! No redirect is ever followed: a 302/307 to a second loopback server leaves that server untouched (no key, no
//! signature, no body reaches it), and the 3xx comes back as the answer with its Location and a plain message.
//! And an endpoint with Devanagari or accented characters is signed exactly as it is sent.

use std::sync::{Arc, Mutex};

use axum::extract::Request;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Router;
use vk_core::{ApiSecret, Credentials, RequestSpec};
use vk_http::{Sender, SenderConfig};
use vk_sandbox::{start, SandboxConfig, BUILTIN_API_KEY, BUILTIN_SECRET, BUILTIN_TENANT};

/// What the second server saw: one line per request that reached it (method, target, headers, body).
type Seen = Arc<Mutex<Vec<String>>>;

/// A server that records every request it gets and answers 200.
async fn recorder() -> (String, Seen) {
    let seen: Seen = Arc::default();
    let kept = seen.clone();
    let router = Router::new().fallback(move |request: Request| {
        let kept = kept.clone();
        async move {
            let (parts, body) = request.into_parts();
            let body = axum::body::to_bytes(body, 1 << 20).await.unwrap_or_default();
            kept.lock().unwrap().push(format!("{} {} {:?} {:?}", parts.method, parts.uri, parts.headers, body));
            r#"{"success":true,"data":{"stolen":true}}"#
        }
    });
    (serve(router).await, seen)
}

/// A server that answers every request with `status` and `Location: {to}{the same path and query}`.
async fn redirector(status: StatusCode, to: String) -> String {
    let router = Router::new().fallback(move |request: Request| {
        let location = format!("{to}{}", request.uri().path_and_query().map_or("/", |pq| pq.as_str()));
        async move {
            let mut headers = HeaderMap::new();
            headers.insert("location", location.parse().unwrap());
            (status, headers, "moved").into_response()
        }
    });
    serve(router).await
}

async fn serve(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{addr}")
}

fn creds() -> Credentials {
    Credentials {
        api_key: BUILTIN_API_KEY.into(),
        tenant_code: BUILTIN_TENANT.into(),
        secret: ApiSecret::new(BUILTIN_SECRET),
    }
}

fn location(headers: &[(String, String)]) -> Option<&str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("location")).map(|(_, v)| v.as_str())
}

#[tokio::test]
async fn a_redirect_to_another_host_is_an_answer_and_nothing_reaches_that_host() {
    let (elsewhere, seen) = recorder().await;
    for status in [StatusCode::FOUND, StatusCode::TEMPORARY_REDIRECT, StatusCode::PERMANENT_REDIRECT] {
        let api = redirector(status, elsewhere.clone()).await;
        let sender = Sender::new(SenderConfig::default()).unwrap();
        let request = RequestSpec::new("POST", "/api/v1/verify/pan", br#"{"pan":"ABCDE1234F"}"#.to_vec());
        let exchange = sender.send_signed(&api, &request, &creds()).await.unwrap();
        let response = exchange.response;
        assert_eq!(response.status, status.as_u16());
        let expected = format!("{elsewhere}/api/v1/verify/pan");
        assert_eq!(location(&response.headers), Some(expected.as_str()));
        assert_eq!(response.body, b"moved", "the 3xx's own body, not the other host's");
    }
    assert!(seen.lock().unwrap().is_empty(), "nothing reached the other host: {:?}", seen.lock().unwrap());
}

#[tokio::test]
async fn a_redirect_from_http_to_https_of_the_same_host_names_the_address_to_use() {
    // The server points at https:// on its own host and port (nothing there speaks TLS: were it followed, the
    // send would fail).
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = Router::new().fallback(move |request: Request| {
        let location = format!("https://{addr}{}", request.uri());
        async move { (StatusCode::MOVED_PERMANENTLY, [("location", location)], "").into_response() }
    });
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let sender = Sender::new(SenderConfig::default()).unwrap();
    let request = RequestSpec::new("GET", "/api/v1/wallet/core/balance", Vec::new());
    let response = sender.send_signed(&format!("http://{addr}"), &request, &creds()).await.unwrap().response;
    assert_eq!(response.status, 301);
}

#[tokio::test]
async fn non_ascii_endpoints_are_signed_as_sent_and_the_sandbox_accepts_them() {
    let sandbox = start(SandboxConfig::builtin(), "127.0.0.1:0".parse().unwrap()).await.unwrap();
    let sender = Sender::new(SenderConfig::default()).unwrap();
    for endpoint in [
        "/api/v1/customers?city=Puné",
        "/api/v1/customers?city=पुणे&name=रमेश कुमार".replace(' ', "%20").as_str(),
        "/api/v1/customers?city=S%C3%A3o%20Paulo&note=café",
    ] {
        let request = RequestSpec::new("GET", endpoint, Vec::new());
        let exchange = sender.send_signed(&sandbox.base_url(), &request, &creds()).await.unwrap();
        let body = String::from_utf8_lossy(&exchange.response.body);
        assert_eq!(exchange.response.status, 200, "{endpoint}: {body}");
        assert!(exchange.signed.string_to_sign.is_ascii(), "signed as sent: {}", exchange.signed.string_to_sign);
    }
    // A non-ASCII path segment: the signature holds (the sandbox has no such customer, so NOT_FOUND, not
    // HMAC_INVALID).
    let request = RequestSpec::new("GET", "/api/v1/customers/रमेश-é", Vec::new());
    let exchange = sender.send_signed(&sandbox.base_url(), &request, &creds()).await.unwrap();
    let error = vk_core::envelope::parse_error(&exchange.response.body).expect("an envelope");
    assert_eq!(error.code, "NOT_FOUND", "{error:?}");
    assert!(exchange.signed.string_to_sign.contains("/api/v1/customers/%E0%A4%B0%E0%A4%AE%E0%A5%87%E0%A4%B6-%C3%A9"));
    sandbox.stop().await;
}
