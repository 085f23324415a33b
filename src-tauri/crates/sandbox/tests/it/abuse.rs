//! The sandbox under abuse, over raw TCP: bodies that cannot be read (with and without the request log), the
//! body size at its edge, and slow clients closed by the header and body read timeouts.

use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use vk_sandbox::{limits, SandboxConfig};

use crate::raw::{chunked, exchange, read_until_closed, signed_head, Answer};
use crate::sandbox;

const PAN: &str = "/api/v1/verify/pan";
const BOUND: Duration = Duration::from_secs(10);
/// How long a test waits for the server to close a connection its read timeout (300 ms there) should end.
const CLOSE_WAIT: Duration = Duration::from_secs(8);

fn one(answers: Vec<Answer>) -> Answer {
    assert_eq!(answers.len(), 1, "{answers:?}");
    answers.into_iter().next().unwrap()
}

/// Bodies signed over "" that cannot be read: what authentication must never see as "".
fn unreadable_bodies() -> Vec<(&'static str, Vec<u8>, &'static str, u16)> {
    let big = vec![b' '; 2 * 1024 * 1024];
    let mut by_length = signed_head("POST", PAN, b"", &format!("Content-Length: {}\r\n", big.len())).into_bytes();
    by_length.extend_from_slice(&big);
    let mut by_chunks = signed_head("POST", PAN, b"", "Transfer-Encoding: chunked\r\n").into_bytes();
    by_chunks.extend_from_slice(&chunked(&big, 64 * 1024));
    let mut bad_chunk = signed_head("POST", PAN, b"", "Transfer-Encoding: chunked\r\n").into_bytes();
    bad_chunk.extend_from_slice(b"zz\r\n{\"pan\":1}\r\n0\r\n\r\n");
    vec![
        ("2 MB by Content-Length", by_length, "PAYLOAD_TOO_LARGE", 413),
        ("2 MB in chunks", by_chunks, "PAYLOAD_TOO_LARGE", 413),
        ("a malformed chunk", bad_chunk, "VALIDATION_ERROR", 400),
    ]
}

#[tokio::test]
async fn a_body_that_cannot_be_read_is_an_envelope_with_or_without_the_request_log() {
    let dir = std::env::temp_dir().join(format!("vk-sandbox-abuse-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let log = dir.join("requests.jsonl");
    let _ = std::fs::remove_file(&log);
    let mut logged = SandboxConfig::builtin();
    logged.request_log = Some(log.clone());
    for config in [SandboxConfig::builtin(), logged] {
        let sb = sandbox(config).await;
        for (what, request, code, status) in unreadable_bodies() {
            let (answers, closed) = exchange(sb.addr(), &request, BOUND).await;
            let message = one(answers).assert_error(code, status);
            assert!(closed, "{what}: the connection is closed after an unreadable body");
            assert!(message.contains("body"), "{what}: {message}");
        }
    }
    let lines: Vec<Value> =
        std::fs::read_to_string(&log).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let statuses: Vec<u64> = lines.iter().map(|l| l["status"].as_u64().unwrap()).collect();
    assert_eq!(statuses, [413, 413, 400], "{lines:?}");
    for line in &lines {
        assert!(line["body"].is_null(), "an unreadable body is not logged as text: {line}");
        assert!(line["body_error"].as_str().is_some_and(|e| !e.is_empty()), "{line}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn the_body_limit_at_its_edge() {
    let mut config = SandboxConfig::builtin();
    config.limits.max_body_bytes = 1000;
    let sb = sandbox(config).await;
    let body_of = |len: usize| {
        let mut body = br#"{"pan":"ABCPE1234F"}"#.to_vec();
        body.resize(len, b' ');
        body
    };
    for (len, chunks) in [(1000, false), (1000, true), (1001, false), (1001, true)] {
        let body = body_of(len);
        let framing =
            if chunks { "Transfer-Encoding: chunked\r\n".to_string() } else { format!("Content-Length: {len}\r\n") };
        let mut request = signed_head("POST", PAN, &body, &framing).into_bytes();
        request.extend_from_slice(&if chunks { chunked(&body, 300) } else { body.clone() });
        let (answers, _) = exchange(sb.addr(), &request, BOUND).await;
        let answer = one(answers);
        if len <= 1000 {
            assert_eq!(answer.status, 200, "{len} bytes (chunked: {chunks}) is accepted: {:?}", answer.envelope());
        } else {
            let message = answer.assert_error("PAYLOAD_TOO_LARGE", 413);
            assert!(message.contains("1000 bytes"), "{message}");
        }
    }
}

#[tokio::test]
async fn headers_sent_byte_by_byte_slower_than_the_timeout_are_closed() {
    let mut config = SandboxConfig::builtin();
    config.limits.header_read_timeout = Duration::from_millis(300);
    let sb = sandbox(config).await;
    let stream = TcpStream::connect(sb.addr()).await.unwrap();
    let (mut reader, mut writer) = stream.into_split();
    let started = Instant::now();
    // One byte every 50 ms for 12 s, forty times the timeout and longer than the test waits: the head is never
    // finished, so only the server's timeout can end the connection within the wait.
    // NOTE: the waits are generous (CLOSE_WAIT), so a busy CI machine cannot make this fail; the lower bound proves
    // the timeout, not an early close.
    let mut head = b"GET /api/v1/wallet/core/balance HTTP/1.1\r\nHost: sandbox\r\nX-Pad: ".to_vec();
    head.resize(240, b'a');
    let trickle = tokio::spawn(async move {
        for byte in head.iter() {
            if writer.write_all(&[*byte]).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    });
    let mut bytes = Vec::new();
    let closed =
        tokio::time::timeout(CLOSE_WAIT, tokio::io::AsyncReadExt::read_to_end(&mut reader, &mut bytes)).await.is_ok();
    let took = started.elapsed();
    trickle.abort();
    assert!(closed, "the server closes a connection whose headers take longer than the timeout");
    assert!(took >= Duration::from_millis(250) && took < CLOSE_WAIT, "closed after {took:?}");
    assert!(
        bytes.is_empty(),
        "nothing is answered to a head that never finished: {:?}",
        String::from_utf8_lossy(&bytes)
    );

    // A connection that sends nothing at all is closed too.
    let mut idle = TcpStream::connect(sb.addr()).await.unwrap();
    let started = Instant::now();
    let (_, closed) = read_until_closed(&mut idle, CLOSE_WAIT).await;
    assert!(closed && started.elapsed() < CLOSE_WAIT, "idle connection: {:?}", started.elapsed());
}

#[tokio::test]
async fn a_body_slower_than_the_timeout_is_answered_and_closed() {
    let mut config = SandboxConfig::builtin();
    config.limits.body_read_timeout = Duration::from_millis(300);
    let sb = sandbox(config).await;
    let body = br#"{"pan":"ABCPE1234F"}"#;
    let mut stream = TcpStream::connect(sb.addr()).await.unwrap();
    let head = signed_head("POST", PAN, body, &format!("Content-Length: {}\r\n", body.len()));
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&body[..5]).await.unwrap();
    // The rest never comes; the server answers within its timeout and closes.
    let started = Instant::now();
    let (bytes, closed) = read_until_closed(&mut stream, CLOSE_WAIT).await;
    let took = started.elapsed();
    assert!(closed, "closed within {CLOSE_WAIT:?}");
    assert!(took >= Duration::from_millis(250) && took < CLOSE_WAIT, "answered after {took:?}");
    let answers = crate::raw::parse_answers(&bytes, false).unwrap();
    let message = one(answers).assert_error("VALIDATION_ERROR", 400);
    assert!(message.contains("did not arrive"), "{message}");
}

#[test]
fn default_timeouts_and_sizes_are_sane() {
    let l = limits::Limits::default();
    assert_eq!(l.max_body_bytes, 1024 * 1024);
    assert!(l.header_read_timeout >= Duration::from_secs(5) && l.header_read_timeout <= Duration::from_secs(60));
    assert!(l.body_read_timeout >= Duration::from_secs(5) && l.body_read_timeout <= Duration::from_secs(120));
}
