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
