//! The `vk` binary as a script would run it: signing vectors, sends to a real sandbox, exit codes.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::{Command, Output};

use serde_json::Value;
use vk_sandbox::{SandboxConfig, BUILTIN_API_KEY, BUILTIN_TENANT};

fn vk(args: &[&str], secret: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vk"));
    cmd.args(args).env_remove("VK_API_SECRET");
    if let Some(s) = secret {
        cmd.env("VK_API_SECRET", s);
    }
    cmd.output().expect("vk runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn sign_reproduces_every_vector_on_its_last_line() {
    let vectors: Vec<Value> =
        serde_json::from_str(include_str!("../../../../tests/fixtures/hmac-signing.json")).unwrap();
    for v in vectors {
        let ts = v["timestamp"].to_string();
        let out = vk(
            &[
                "sign",
                "--method",
                v["method"].as_str().unwrap(),
                "--endpoint",
                v["endpoint"].as_str().unwrap(),
                "--body",
                v["body"].as_str().unwrap(),
                "--timestamp",
                &ts,
            ],
            v["api_secret"].as_str(),
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        let stdout = text(&out.stdout);
        let lines: Vec<&str> = stdout.trim_end_matches('\n').rsplitn(2, '\n').collect();
        assert_eq!(lines[0], v["signature"].as_str().unwrap(), "{}", v["name"]);
        assert_eq!(lines[1], v["string_to_sign"].as_str().unwrap(), "{}", v["name"]);
    }
}

#[test]
fn sign_rejects_bad_input_with_a_reason() {
    let out = vk(&["sign", "--method", "get", "--endpoint", "/api/v1/x", "--timestamp", "1"], Some("k"));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("use GET, not get"));
    let out = vk(&["sign", "--method", "GET", "--endpoint", "/api/v1/x"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("VK_API_SECRET"));
}

#[test]
fn send_to_the_builtin_sandbox() {
    let out = vk(&["send", "--sandbox", "POST", "/api/v1/verify/pan", "--body", r#"{"pan":"ABCDE1234F"}"#], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let body: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(body["data"]["status"], "VALID");
    assert!(text(&out.stderr).starts_with("HTTP 200 OK"));
    let out = vk(&["send", "--sandbox", "POST", "/api/v1/verify/pan", "--body", r#"{"pan":"#], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not valid JSON"));
}

#[tokio::test(flavor = "multi_thread")]
async fn send_with_wrong_secret_exits_1_with_the_code_on_stderr() {
    let sb =
        vk_sandbox::start(SandboxConfig::builtin(), SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0)).await.unwrap();
    let base = sb.base_url();
    let out = tokio::task::spawn_blocking(move || {
        vk(
            &[
                "send",
                "GET",
                "/api/v1/wallet/core/balance",
                "--base-url",
                &base,
                "--api-key",
                BUILTIN_API_KEY,
                "--tenant",
                BUILTIN_TENANT,
            ],
            Some("wrong-secret"),
        )
    })
    .await
    .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("HMAC_INVALID: Signature verification failed"), "{stderr}");
    assert!(stderr.contains("What to do:"), "{stderr}");
    assert!(!text(&out.stdout).contains("wrong-secret") && !stderr.contains("wrong-secret"));
}

#[test]
fn send_to_nothing_exits_3_and_says_why() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}");
    let out = vk(
        &["send", "GET", "/api/v1/wallet/core/balance", "--base-url", &base, "--api-key", "k", "--tenant", "123456"],
        Some("s"),
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stderr).contains("Nothing is answering"));
}

/// A server on loopback that answers every request with `body` (a hostile server's text).
fn answering(body: &'static str) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut stream = stream;
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            let head = format!(
                "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
        }
    });
    format!("http://{addr}")
}

#[test]
fn the_servers_text_reaches_the_terminal_with_control_characters_escaped() {
    // An envelope whose message decodes to ESC sequences, and a body that is raw OSC and BEL, not JSON.
    let envelope = "{\"success\":false,\"error\":{\"code\":\"X\",\"message\":\"\\u001b[2J\\u001b[31mcleared\\u202e\",\"http_status\":400}}";
    let raw = "\u{1b}]0;owned\u{7}\u{9b}2J not JSON";
    for (body, escaped, stream) in
        [(envelope, "\\u001b[2J", "stderr"), (raw, "\\u001b]0;owned\\u0007\\u009b2J", "stdout")]
    {
        let url = answering(body);
        let args =
            ["send", "GET", "/api/v1/wallet/core/balance", "--base-url", &url, "--api-key", "k", "--tenant", "123456"];
        let out = vk(&args, Some("s"));
        assert_eq!(out.status.code(), Some(1));
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        for shown in [&stdout, &stderr] {
            assert!(!shown.chars().any(|c| matches!(c, '\u{1b}' | '\u{7}' | '\u{9b}' | '\u{202e}')), "{shown:?}");
        }
        let shown = if stream == "stderr" { &stderr } else { &stdout };
        assert!(shown.contains(escaped), "shown, escaped, on {stream}: {shown}");
    }
}

#[test]
fn bad_server_flags_are_refused_before_anything_is_sent() {
    let cases: [(&[&str], &str); 5] = [
        (
            &["--base-url", "ftp://vistarkriya.com", "--api-key", "k", "--tenant", "123456"],
            "--base-url \"ftp://vistarkriya.com\" must start with https://",
        ),
        (&["--base-url", "not an address", "--api-key", "k", "--tenant", "123456"], "--base-url"),
        (&["--base-url", "https://", "--api-key", "k", "--tenant", "123456"], "--base-url"),
        (
            &["--base-url", "https://vistarkriya.com", "--api-key", "key\nX-Evil: 1", "--tenant", "123456"],
            "--api-key contains a line break",
        ),
        (
            &["--base-url", "https://vistarkriya.com", "--api-key", "k", "--tenant", "12345\r"],
            "--tenant contains a line break",
        ),
    ];
    for (flags, expected) in cases {
        let mut args = vec!["send", "GET", "/api/v1/wallet/core/balance"];
        args.extend_from_slice(flags);
        let out = vk(&args, Some("s"));
        assert_eq!(out.status.code(), Some(2), "{flags:?}: {}", text(&out.stderr));
        assert!(text(&out.stderr).contains(expected), "{flags:?}: {}", text(&out.stderr));
    }
}

#[test]
fn batch_speed_and_output_are_checked_before_anything_is_sent() {
    let dir = std::env::temp_dir().join(format!("vk-cli-edges-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("rows.csv");
    std::fs::write(&input, "PAN\nABCPE1234F\n").unwrap();
    let input = input.to_string_lossy().into_owned();
    let output = dir.join("out.csv").to_string_lossy().into_owned();
    let folder = dir.to_string_lossy().into_owned();
    let base = ["batch", "verify.pan", "--sandbox", "--input", input.as_str()];
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--output", &output, "--rate", "NaN"], "is not an allowed rate"),
        (vec!["--output", &output, "--rate", "1e-9"], "is not an allowed rate"),
        (vec!["--output", &output, "--rate=-5"], "is not an allowed rate"),
        (vec!["--output", &output, "--rate", "inf"], "is not an allowed rate"),
        (vec!["--output", &output, "--rate", "fast"], "is not a number"),
        (vec!["--output", &output, "--concurrency", "0"], "from 1 to 64"),
        (vec!["--output", &output, "--concurrency", "65"], "from 1 to 64"),
        (vec!["--output", &folder], "is a folder"),
    ];
    for (extra, expected) in cases {
        let mut args = base.to_vec();
        args.extend(extra.iter());
        let out = vk(&args, None);
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {}", text(&out.stderr));
        assert!(text(&out.stderr).contains(expected), "{extra:?}: {}", text(&out.stderr));
    }
    assert!(!std::path::Path::new(&output).exists(), "nothing was written");
    let _ = std::fs::remove_dir_all(&dir);
}
