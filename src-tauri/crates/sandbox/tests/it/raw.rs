//! Raw HTTP/1.1 over a TcpStream, for bytes a client library would not send: signed heads, a reader of answers.

use std::net::SocketAddr;
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use vk_core::sign::{hmac_hex, message_to_sign};
use vk_sandbox::{BUILTIN_API_KEY, BUILTIN_SECRET, BUILTIN_TENANT};

use crate::now;

/// The four authentication headers for a request signed over `signed_body`, each ending in CRLF.
pub fn auth_headers(method: &str, target: &str, signed_body: &[u8]) -> String {
    let ts = now() as u64;
    let signature = hmac_hex(BUILTIN_SECRET.as_bytes(), &message_to_sign(ts, method, target, signed_body));
    format!(
        "X-API-Key: {BUILTIN_API_KEY}\r\nX-Timestamp: {ts}\r\nX-Signature: {signature}\r\nX-Tenant-Code: {BUILTIN_TENANT}\r\n"
    )
}

/// A whole request head, signed over `signed_body`, with `extra` header lines (each ending in CRLF).
pub fn signed_head(method: &str, target: &str, signed_body: &[u8], extra: &str) -> String {
    format!("{method} {target} HTTP/1.1\r\nHost: sandbox\r\n{}{extra}\r\n", auth_headers(method, target, signed_body))
}

/// One answer as read off the wire.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The JSON envelope, asserting the answer is one (`application/json`, `success`, and a well-formed error).
    pub fn envelope(&self) -> Value {
        assert_eq!(self.header("content-type"), Some("application/json"), "{self:?}");
        let json: Value = serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", String::from_utf8_lossy(&self.body)));
        assert!(json["success"].is_boolean(), "{json}");
        if json["success"] == false {
            assert_eq!(json["error"]["http_status"], self.status, "{json}");
            assert!(json["error"]["code"].is_string() && json["error"]["message"].is_string(), "{json}");
        }
        json
    }

    /// Asserts an error envelope with `code` and `status`; returns its message.
    pub fn assert_error(&self, code: &str, status: u16) -> String {
        let json = self.envelope();
        assert_eq!(self.status, status, "{json}");
        assert_eq!(json["error"]["code"], code, "{json}");
        json["error"]["message"].as_str().unwrap().to_string()
    }
}

/// Reads every answer in `bytes` (1xx interim answers skipped). `head_only` for answers to HEAD, which have none.
pub fn parse_answers(mut bytes: &[u8], head_only: bool) -> Result<Vec<Answer>, String> {
    let mut answers = Vec::new();
    while !bytes.is_empty() {
        let end = bytes.windows(4).position(|w| w == b"\r\n\r\n").ok_or("an answer's head is cut off")?;
        let head = std::str::from_utf8(&bytes[..end]).map_err(|e| e.to_string())?;
        bytes = &bytes[end + 4..];
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap_or_default();
        let status: u16 = status_line
            .strip_prefix("HTTP/1.1 ")
            .and_then(|s| s.get(..3))
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("not a status line: {status_line:?}"))?;
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        if (100..200).contains(&status) {
            continue;
        }
        let length: usize = headers
            .iter()
            .find(|(n, _)| n == "content-length")
            .and_then(|(_, v)| v.parse().ok())
            .ok_or_else(|| format!("no content-length in {head:?}"))?;
        let take = if head_only { 0 } else { length };
        if bytes.len() < take {
            return Err(format!("body cut off: {} of {take}", bytes.len()));
        }
        answers.push(Answer { status, headers, body: bytes[..take].to_vec() });
        bytes = &bytes[take..];
    }
    Ok(answers)
}

/// Writes `request`, half-closes, and reads until the server closes (within `bound`). Returns the answers and
/// whether the server closed in time.
pub async fn exchange(addr: SocketAddr, request: &[u8], bound: Duration) -> (Vec<Answer>, bool) {
    let mut stream = TcpStream::connect(addr).await.expect("connects");
    // The server may answer and close before all of it is written (it lingers to read the rest, but a write
    // error here is not what is tested).
    let _ = stream.write_all(request).await;
    let _ = stream.shutdown().await;
    let (bytes, closed) = read_until_closed(&mut stream, bound).await;
    (parse_answers(&bytes, false).unwrap_or_else(|e| panic!("{e}: {:?}", String::from_utf8_lossy(&bytes))), closed)
}

/// Reads until the server closes the connection or `bound` passes; whether it closed in time.
pub async fn read_until_closed(stream: &mut TcpStream, bound: Duration) -> (Vec<u8>, bool) {
    let mut bytes = Vec::new();
    let closed = tokio::time::timeout(bound, async {
        let mut buf = [0u8; 16 * 1024];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => bytes.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await
    .is_ok();
    (bytes, closed)
}

/// A chunked body of `body`, in chunks of at most `size` bytes.
pub fn chunked(body: &[u8], size: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + body.len() / size * 8 + 8);
    for chunk in body.chunks(size) {
        out.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        out.extend_from_slice(chunk);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}
