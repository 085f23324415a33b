//! Property tests of the sandbox's request parsing, under a memory and time cap (`vk_testcap::hostile`): arbitrary
//! bytes and mutated real signed requests, as raw HTTP/1.1 over TCP to one sandbox per test binary. The server
//! never panics, every answer is a JSON envelope (or the connection just closes), and a normal signed request
//! is still served afterwards.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use proptest::prelude::*;
use serde_json::Value;
use vk_core::sign::{hmac_hex, message_to_sign};
use vk_sandbox::{RunningSandbox, SandboxConfig, BUILTIN_API_KEY, BUILTIN_SECRET, BUILTIN_TENANT};

const CASES: u32 = 10_000;
/// How long one exchange may take before the server counts as hung on it.
const BOUND: Duration = Duration::from_secs(5);

static PANICS: AtomicUsize = AtomicUsize::new(0);

struct Server {
    _runtime: tokio::runtime::Runtime,
    sandbox: RunningSandbox,
}

/// One sandbox for the whole binary, and a panic hook that counts every panic (on the server's threads too).
fn server() -> SocketAddr {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER
        .get_or_init(|| {
            let default_hook = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                // The server's threads are tokio's; a failing test's own panic is not the server's.
                if std::thread::current().name().is_none_or(|n| n.starts_with("tokio")) {
                    PANICS.fetch_add(1, Ordering::SeqCst);
                }
                default_hook(info);
            }));
            let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
            let sandbox = runtime
                .block_on(vk_sandbox::start(SandboxConfig::builtin(), SocketAddr::from(([127, 0, 0, 1], 0))))
                .expect("sandbox starts");
            Server { _runtime: runtime, sandbox }
        })
        .sandbox
        .addr()
}

/// Writes `request`, half-closes, reads until the server closes. `Err` if it neither answers nor closes in time.
fn exchange(addr: SocketAddr, request: &[u8]) -> Result<Vec<u8>, String> {
    let mut stream = TcpStream::connect(addr).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(BOUND)).unwrap();
    stream.set_write_timeout(Some(BOUND)).unwrap();
    // The server may answer and close before reading everything; that is fine, the answer is what counts.
    let _ = stream.write_all(request);
    let _ = stream.shutdown(Shutdown::Write);
    let mut out = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return Ok(out),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                return Err(format!("no answer and no close within {BOUND:?}"))
            }
            // A reset after the answer: what arrived is checked.
            Err(_) => return Ok(out),
        }
    }
}

/// Every answer in `bytes` is a JSON envelope (1xx interim answers aside). With `heads`, an answer may have no
/// body (the answer to a HEAD): then another answer, or nothing, follows its head.
fn check_answers(mut bytes: &[u8], heads: bool) -> Result<usize, String> {
    let mut count = 0;
    while !bytes.is_empty() {
        let end = bytes.windows(4).position(|w| w == b"\r\n\r\n").ok_or("a head cut off")?;
        let head = String::from_utf8_lossy(&bytes[..end]).to_ascii_lowercase();
        bytes = &bytes[end + 4..];
        let status: u16 = head.get(9..12).and_then(|s| s.parse().ok()).ok_or_else(|| format!("status? {head}"))?;
        if (100..200).contains(&status) {
            continue;
        }
        if !head.contains("\r\ncontent-type: application/json") {
            return Err(format!("not JSON: {head}"));
        }
        let length: usize = head
            .split("\r\n")
            .find_map(|l| l.strip_prefix("content-length: "))
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("no length: {head}"))?;
        count += 1;
        if heads && (bytes.is_empty() || bytes.starts_with(b"HTTP/1.1 ")) {
            continue;
        }
        let body = bytes.get(..length).ok_or_else(|| format!("body cut off after {head}"))?;
        bytes = &bytes[length..];
        let json: Value =
            serde_json::from_slice(body).map_err(|e| format!("{e}: {}", String::from_utf8_lossy(body)))?;
        let envelope_ok = json["success"] == true
            || (json["success"] == false
                && json["error"]["code"].is_string()
                && json["error"]["http_status"] == status);
        if !envelope_ok {
            return Err(format!("not an envelope for {status}: {json}"));
        }
    }
    Ok(count)
}

fn answers_are_envelopes(request: &[u8], answer: &[u8]) -> Result<(), String> {
    // A HEAD anywhere (a pipelined one included) has an answer without a body.
    let heads = request.windows(5).any(|w| w == b"HEAD ");
    check_answers(answer, heads).map(|_| ()).map_err(|e| {
        format!("{e}\nrequest: {:?}\nanswer: {:?}", String::from_utf8_lossy(request), String::from_utf8_lossy(answer))
    })
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()
}

/// A real request, in parts, that the sandbox accepts as it is.
#[derive(Debug, Clone)]
struct Parts {
    method: Vec<u8>,
    target: Vec<u8>,
    headers: Vec<(Vec<u8>, Vec<u8>)>,
    body: Vec<u8>,
    chunk: Option<usize>,
}

impl Parts {
    fn signed(method: &str, target: &str, body: &str, chunk: Option<usize>) -> Self {
        let ts = now();
        let signature = hmac_hex(BUILTIN_SECRET.as_bytes(), &message_to_sign(ts, method, target, body.as_bytes()));
        let mut headers: Vec<(Vec<u8>, Vec<u8>)> = vec![
            (b"Host".to_vec(), b"sandbox".to_vec()),
            (b"X-API-Key".to_vec(), BUILTIN_API_KEY.into()),
            (b"X-Timestamp".to_vec(), ts.to_string().into_bytes()),
            (b"X-Signature".to_vec(), signature.into_bytes()),
            (b"X-Tenant-Code".to_vec(), BUILTIN_TENANT.into()),
        ];
        if !body.is_empty() {
            headers.push((b"Content-Type".to_vec(), b"application/json".to_vec()));
            if chunk.is_none() {
                headers.push((b"Content-Length".to_vec(), body.len().to_string().into_bytes()));
            } else {
                headers.push((b"Transfer-Encoding".to_vec(), b"chunked".to_vec()));
            }
        }
        Self { method: method.into(), target: target.into(), headers, body: body.into(), chunk }
    }

    fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for part in [&self.method[..], b" ", &self.target, b" HTTP/1.1\r\n"] {
            out.extend_from_slice(part);
        }
        for (name, value) in &self.headers {
            for part in [&name[..], b": ", value, b"\r\n"] {
                out.extend_from_slice(part);
            }
        }
        out.extend_from_slice(b"\r\n");
        match self.chunk {
            None => out.extend_from_slice(&self.body),
            Some(size) if !self.body.is_empty() => {
                for piece in self.body.chunks(size.max(1)) {
                    out.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
                    out.extend_from_slice(piece);
                    out.extend_from_slice(b"\r\n");
                }
                out.extend_from_slice(b"0\r\n\r\n");
            }
            Some(_) => {}
        }
        out
    }
}

fn base(pick: u8) -> Parts {
    match pick % 5 {
        0 => Parts::signed("GET", "/api/v1/wallet/core/balance", "", None),
        1 => Parts::signed("POST", "/api/v1/verify/pan", r#"{"pan":"ABCPE1234F","name":"Anil Das"}"#, None),
        2 => Parts::signed("POST", "/api/v1/customers", r#"{"name":"Ramesh Kumar","mobile":"9876543210"}"#, Some(7)),
        3 => Parts::signed("PUT", "/api/v1/customers/CUST-0001", r#"{"city":"Pune"}"#, Some(4)),
        _ => Parts::signed("GET", "/api/v1/customers?page=1&per_page=5", "", None),
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Method(Vec<u8>),
    TargetInsert(usize, Vec<u8>),
    Target(Vec<u8>),
    DropHeader(usize),
    DuplicateHeader(usize),
    HeaderValue(usize, Vec<u8>),
    HeaderName(usize, Vec<u8>),
    AddHeader(&'static str, Vec<u8>),
    BodyByte(usize, u8),
    BodyCut(usize),
    BodyAdd(Vec<u8>),
    Chunk(Option<usize>),
    Wire(usize, Vec<u8>),
    WireCut(usize),
}

fn some_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..12),
        proptest::sample::select(vec![
            &b"%ff"[..],
            b"%",
            b"%C3%28",
            b"\xc3\xa9",
            b"\r\n",
            b"\n",
            b" ",
            b"\0",
            b"-1",
            b"18446744073709551616",
            b"chunked",
            b"gzip, chunked",
            b"chunked, gzip",
            b"100-continue",
            b"close",
            b"zz\r\n",
            b"0\r\n\r\n",
            b"; ext=1",
            b"\xff\xfe",
            b"HTTP/1.1",
            b"*",
            b"http://other/api/v1/verify/pan",
        ])
        .prop_map(<[u8]>::to_vec),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let index = 0usize..12;
    prop_oneof![
        prop_oneof![
            proptest::sample::select(vec![
                "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "get", "PATCH", "CONNECT", "TRACE", ""
            ])
            .prop_map(|m| m.as_bytes().to_vec()),
            some_bytes()
        ]
        .prop_map(Mutation::Method),
        (0usize..40, some_bytes()).prop_map(|(i, b)| Mutation::TargetInsert(i, b)),
        prop_oneof![
            some_bytes(),
            (1usize..20_000).prop_map(|n| {
                let mut t = b"/api/v1/".to_vec();
                t.resize(n, b'a');
                t
            })
        ]
        .prop_map(Mutation::Target),
        index.clone().prop_map(Mutation::DropHeader),
        index.clone().prop_map(Mutation::DuplicateHeader),
        (index.clone(), some_bytes()).prop_map(|(i, b)| Mutation::HeaderValue(i, b)),
        (index, some_bytes()).prop_map(|(i, b)| Mutation::HeaderName(i, b)),
        (
            proptest::sample::select(vec![
                "Content-Length",
                "Transfer-Encoding",
                "Expect",
                "Connection",
                "Content-Type",
                "X-API-Key",
                "X-Timestamp",
                "Upgrade",
            ]),
            prop_oneof![some_bytes(), (0u64..3_000_000).prop_map(|n| n.to_string().into_bytes())]
        )
            .prop_map(|(n, v)| Mutation::AddHeader(n, v)),
        (0usize..64, any::<u8>()).prop_map(|(i, b)| Mutation::BodyByte(i, b)),
        (0usize..64).prop_map(Mutation::BodyCut),
        some_bytes().prop_map(Mutation::BodyAdd),
        proptest::option::of(0usize..20).prop_map(Mutation::Chunk),
        (0usize..600, some_bytes()).prop_map(|(i, b)| Mutation::Wire(i, b)),
        (0usize..600).prop_map(Mutation::WireCut),
    ]
}

fn apply(parts: &Parts, mutations: &[Mutation]) -> Vec<u8> {
    let mut p = parts.clone();
    let mut wire: Vec<(usize, Vec<u8>)> = Vec::new();
    let mut cut = None;
    for m in mutations {
        let n = p.headers.len().max(1);
        match m.clone() {
            Mutation::Method(b) => p.method = b,
            Mutation::TargetInsert(i, b) => {
                let at = i.min(p.target.len());
                p.target.splice(at..at, b);
            }
            Mutation::Target(b) => p.target = b,
            Mutation::DropHeader(i) if !p.headers.is_empty() => {
                p.headers.remove(i % n);
            }
            Mutation::DuplicateHeader(i) if !p.headers.is_empty() => p.headers.push(p.headers[i % n].clone()),
            Mutation::HeaderValue(i, b) if !p.headers.is_empty() => p.headers[i % n].1 = b,
            Mutation::HeaderName(i, b) if !p.headers.is_empty() => p.headers[i % n].0 = b,
            Mutation::AddHeader(name, value) => p.headers.push((name.into(), value)),
            Mutation::BodyByte(i, b) if !p.body.is_empty() => {
                let at = i % p.body.len();
                p.body[at] = b;
            }
            Mutation::BodyCut(i) => p.body.truncate(i),
            Mutation::BodyAdd(b) => p.body.extend(b),
            Mutation::Chunk(c) => p.chunk = c,
            Mutation::Wire(i, b) => wire.push((i, b)),
            Mutation::WireCut(i) => cut = Some(i),
            _ => {}
        }
    }
    let mut bytes = p.bytes();
    for (i, b) in wire {
        let at = i.min(bytes.len());
        bytes.splice(at..at, b);
    }
    if let Some(i) = cut {
        bytes.truncate(i);
    }
    bytes
}

/// A normal signed request is answered 200 with the wallet balance.
fn still_serves(addr: SocketAddr) -> Result<(), String> {
    let request = Parts::signed("GET", "/api/v1/wallet/core/balance", "", None).bytes();
    let answer = exchange(addr, &request)?;
    let text = String::from_utf8_lossy(&answer);
    if text.starts_with("HTTP/1.1 200 ") && text.contains(r#""currency":"INR""#) {
        Ok(())
    } else {
        Err(format!("a normal request was not served: {text}"))
    }
}

fn check(addr: SocketAddr, request: &[u8]) -> Result<(), TestCaseError> {
    let answer = exchange(addr, request)
        .map_err(|e| TestCaseError::fail(format!("{e}: {:?}", String::from_utf8_lossy(request))))?;
    answers_are_envelopes(request, &answer).map_err(TestCaseError::fail)?;
    prop_assert_eq!(PANICS.load(Ordering::SeqCst), 0, "the server panicked");
    Ok(())
}

fn arbitrary_request() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..400),
        (
            proptest::sample::select(vec![
                &b"GET / HTTP/1.1\r\n"[..],
                b"POST /api/v1/verify/pan HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
                b"POST /api/v1/verify/pan HTTP/1.1\r\nContent-Length: 20\r\n",
                b"GET /api/v1/customers/",
            ]),
            proptest::collection::vec(any::<u8>(), 0..300)
        )
            .prop_map(|(head, rest)| [head, &rest[..]].concat()),
    ]
}

fn runner() -> proptest::test_runner::TestRunner {
    proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: CASES,
        failure_persistence: None,
        ..ProptestConfig::default()
    })
}

#[test]
fn arbitrary_bytes_get_envelopes_or_a_closed_connection() {
    let _guard = vk_testcap::hostile("arbitrary_bytes_get_envelopes_or_a_closed_connection", Duration::from_secs(180));
    let addr = server();
    let started = std::time::Instant::now();
    runner().run(&arbitrary_request(), |request| check(addr, &request)).unwrap();
    eprintln!("{CASES} arbitrary requests in {:?}", started.elapsed());
    still_serves(addr).unwrap();
}

#[test]
fn mutated_signed_requests_get_envelopes_or_a_closed_connection() {
    let _guard =
        vk_testcap::hostile("mutated_signed_requests_get_envelopes_or_a_closed_connection", Duration::from_secs(180));
    let addr = server();
    let started = std::time::Instant::now();
    let cases = (any::<u8>(), proptest::collection::vec(mutation(), 1..4));
    runner().run(&cases, |(pick, mutations)| check(addr, &apply(&base(pick), &mutations))).unwrap();
    eprintln!("{CASES} mutated signed requests in {:?}", started.elapsed());
    still_serves(addr).unwrap();
}

#[test]
fn the_requests_mutated_are_accepted_as_they_are() {
    let _guard = vk_testcap::hostile("the_requests_mutated_are_accepted_as_they_are", Duration::from_secs(60));
    let addr = server();
    for pick in 0..5 {
        let answer = exchange(addr, &base(pick).bytes()).unwrap();
        let text = String::from_utf8_lossy(&answer);
        // The update may find its customer deleted by a mutated DELETE from another test.
        let served = text.starts_with("HTTP/1.1 200 ") || (pick == 3 && text.contains("NOT_FOUND"));
        assert!(served, "base request {pick}: {text}");
    }
    still_serves(addr).unwrap();
}
