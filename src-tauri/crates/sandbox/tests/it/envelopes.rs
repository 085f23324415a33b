//! Every error is a JSON envelope, including the ones axum and hyper would answer in plain text or with no
//! body; and the authentication codes say what happened (a key that is not ASCII, a clock that is ahead).

use std::time::Duration;

use vk_sandbox::SandboxConfig;

use crate::raw::{auth_headers, exchange, signed_head, Answer};
use crate::{now, sandbox, Crafted};

const BOUND: Duration = Duration::from_secs(10);

async fn answer(sb: &vk_sandbox::RunningSandbox, request: &[u8]) -> Answer {
    let (answers, _) = exchange(sb.addr(), request, BOUND).await;
    assert_eq!(answers.len(), 1, "{:?}: {answers:?}", String::from_utf8_lossy(request));
    answers.into_iter().next().unwrap()
}

#[tokio::test]
async fn a_path_segment_that_is_not_utf8_is_a_validation_envelope() {
    let sb = sandbox(SandboxConfig::builtin()).await;
    for target in ["/api/v1/customers/%ff", "/api/v1/marketplace/orders/ORD-%C3%28"] {
        let a = answer(&sb, signed_head("GET", target, b"", "").as_bytes()).await;
        let json = a.envelope();
        a.assert_error("VALIDATION_ERROR", 400);
        assert_eq!(json["error"]["fields"][0]["field"], "id", "{json}");
    }
}

#[tokio::test]
async fn routes_and_methods_that_do_not_exist_are_envelopes() {
    let sb = sandbox(SandboxConfig::builtin()).await;
    let cases: [(&str, &str, &str, u16); 5] = [
        ("GET", "/api/v1/nothing-here", "NOT_FOUND", 404),
        ("GET", "/", "NOT_FOUND", 404),
        ("DELETE", "/api/v1/wallet/core/balance", "METHOD_NOT_ALLOWED", 405),
        ("OPTIONS", "/api/v1/verify/pan", "METHOD_NOT_ALLOWED", 405),
        ("BREW", "/api/v1/verify/pan", "METHOD_NOT_ALLOWED", 405),
    ];
    for (method, target, code, status) in cases {
        answer(&sb, signed_head(method, target, b"", "").as_bytes()).await.assert_error(code, status);
    }
}

#[tokio::test]
async fn bad_json_and_other_content_types_are_envelopes() {
    let sb = sandbox(SandboxConfig::builtin()).await;
    let cases: [(&[u8], &str, u16); 4] = [
        (b"{\"pan\":", "application/json", 422),
        (b"\xff\xfe", "application/json", 422),
        (b"pan=ABCPE1234F", "application/x-www-form-urlencoded", 422),
        // The sandbox, like the API as far as is known, reads the body as JSON whatever the header says.
        (br#"{"pan":"ABCPE1234F"}"#, "text/plain", 200),
    ];
    for (body, content_type, status) in cases {
        let extra = format!("Content-Type: {content_type}\r\nContent-Length: {}\r\n", body.len());
        let mut request = signed_head("POST", "/api/v1/verify/pan", body, &extra).into_bytes();
        request.extend_from_slice(body);
        let a = answer(&sb, &request).await;
        a.envelope();
        assert_eq!(a.status, status, "{content_type}: {:?}", a.envelope());
    }
}

#[tokio::test]
async fn requests_hyper_cannot_parse_are_envelopes_too() {
    let sb = sandbox(SandboxConfig::builtin()).await;
    let huge_header = format!("GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n", "a".repeat(80 * 1024));
    let cases: [(&[u8], u16); 5] = [
        (b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n", 400),
        (b"GET / HTTP/9.9\r\nHost: x\r\n\r\n", 400),
        (b"G(T / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        (b"POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello", 400),
        (huge_header.as_bytes(), 431),
    ];
    for (request, status) in cases {
        let a = answer(&sb, request).await;
        let message = a.assert_error("VALIDATION_ERROR", status);
        assert!(message.len() > 30, "{message}");
    }
    // An HTTP/2 client would not read an HTTP/1.1 answer: its preface just gets the connection closed.
    let (answers, closed) = exchange(sb.addr(), b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", BOUND).await;
    assert!(answers.is_empty() && closed, "{answers:?}");
}

#[tokio::test]
async fn a_key_that_is_not_ascii_is_invalid_not_missing() {
    let sb = sandbox(SandboxConfig::builtin()).await;
    let target = "/api/v1/wallet/core/balance";
    let headers = auth_headers("GET", target, b"").replace("X-API-Key: vk_sandbox_demo_key", "X-API-Key: vk_sändbox");
    let request = format!("GET {target} HTTP/1.1\r\nHost: x\r\n{headers}\r\n");
    let message = answer(&sb, request.as_bytes()).await.assert_error("AUTH_INVALID_KEY", 401);
    assert!(message.contains("not plain ASCII") || message.contains("letters"), "{message}");
}

#[tokio::test]
async fn a_timestamp_in_the_future_says_ahead_and_one_in_the_past_says_too_old() {
    let sb = sandbox(SandboxConfig::builtin()).await;
    let mut c = Crafted::balance();
    c.timestamp = now() + 400;
    let (_, _, ahead) = c.send(&sb).await;
    let message = ahead["error"]["message"].as_str().unwrap();
    assert_eq!(ahead["error"]["code"], "TIMESTAMP_EXPIRED");
    assert!(message.contains("ahead") && !message.contains("too old"), "{message}");
    c.timestamp = now() - 400;
    let (_, _, old) = c.send(&sb).await;
    let message = old["error"]["message"].as_str().unwrap();
    assert_eq!(old["error"]["code"], "TIMESTAMP_EXPIRED");
    assert!(message.contains("too old") && !message.contains("ahead"), "{message}");
}
