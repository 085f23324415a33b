//! `vk send` given a hostile JSON answer (400 KB nested 200,000 levels deep, which once printed up to 21 GB),
//! run under a 2 GiB memory cap (`prlimit --as`) and a time cap: the body is printed as received with the
//! reason on stderr, and the exit code follows the HTTP status as for any answer.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::Command;

/// A server on loopback that answers one request with `status` and `body` as JSON.
fn server(status: &'static str, body: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = [0u8; 8192];
        let _ = stream.read(&mut request);
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body.as_bytes()).unwrap();
    });
    format!("http://{addr}")
}

/// `vk send GET /api/v1/customers` against `base_url`, capped: exit code, stdout, stderr.
fn vk_send_capped(base_url: &str) -> (Option<i32>, String, String) {
    let out = Command::new("prlimit")
        .arg(format!("--as={}", 2u64 << 30))
        .args(["--", "timeout", "60", env!("CARGO_BIN_EXE_vk"), "send", "GET", "/api/v1/customers"])
        .args(["--base-url", base_url, "--api-key", "k", "--tenant", "123456"])
        .env("VK_API_SECRET", "s")
        .output()
        .expect("prlimit runs vk");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn nested(levels: usize) -> String {
    format!("{}{}", "[".repeat(levels), "]".repeat(levels))
}

#[test]
fn a_deeply_nested_answer_is_printed_as_received_with_the_reason() {
    let body = nested(200_000);
    let (code, stdout, stderr) = vk_send_capped(&server("200 OK", body.clone()));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout.trim_end(), body, "the body as received");
    assert!(stderr.contains("nested more than 128 levels deep"), "{stderr}");
}

#[test]
fn a_deep_error_answer_keeps_the_error_exit_code() {
    let (code, stdout, stderr) = vk_send_capped(&server("500 Internal Server Error", nested(129)));
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(stdout.trim_end(), nested(129));
    assert!(stderr.contains("nested more than 128 levels deep"), "{stderr}");
}

#[test]
fn an_answer_nested_exactly_128_levels_is_laid_out() {
    let (code, stdout, stderr) = vk_send_capped(&server("200 OK", nested(128)));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.starts_with("[\n  [\n    ["), "{stdout}");
    assert!(!stderr.contains("too deep"), "{stderr}");
}
