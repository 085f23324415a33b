//! The `vk-sandbox` binary: prints what it accepts, serves, and stops cleanly on SIGTERM.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn prints_credentials_serves_and_stops_on_sigterm() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vk-sandbox"))
        .args(["--port", "0", "--rate-limit", "5"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("vk-sandbox starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let addr = first.rsplit("http://").next().unwrap().to_string();
    let mut banner = vec![first];
    for line in lines.by_ref() {
        let line = line.unwrap();
        let done = line.starts_with("Press Ctrl+C");
        banner.push(line);
        if done {
            break;
        }
    }
    let banner = banner.join("\n");
    assert!(banner.contains("API key:     vk_sandbox_demo_key"), "{banner}");
    assert!(banner.contains("API secret:  vk_sandbox_demo_secret"), "{banner}");
    assert!(banner.contains("Tenant code: 123456"), "{banner}");
    assert!(banner.contains("5 requests per second"), "{banner}");

    // It answers (with an envelope: no key was sent).
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    use std::io::{Read, Write};
    write!(stream, "GET /api/v1/wallet/core/balance HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
    assert!(answer.contains("AUTH_MISSING_KEY"));

    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "exit on SIGTERM: {exit:?}");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert_eq!(rest.last().map(String::as_str), Some("Sandbox stopped."));
}

#[test]
fn custom_key_needs_its_secret_from_the_environment() {
    let out = Command::new(env!("CARGO_BIN_EXE_vk-sandbox"))
        .args(["--port", "0", "--api-key", "vk_live_x", "--tenant", "654321"])
        .env_remove("VK_SANDBOX_SECRET")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("VK_SANDBOX_SECRET"));
}

#[test]
fn a_port_in_use_is_explained() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_vk-sandbox")).args(["--port", &port]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("could not listen on 127.0.0.1:{port}")), "{stderr}");
    assert!(stderr.contains("If VK Workspace is open") && stderr.contains("--port"), "{stderr}");
}

#[test]
fn settings_file_replaces_credentials_without_printing_the_secret() {
    let dir = std::env::temp_dir().join(format!("vk-sandbox-settings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.toml");
    std::fs::write(
        &good,
        "rate_limit_per_second = 7\n[[credentials]]\napi_key = \"vk_team_a\"\ntenant_code = \"111111\"\nsecret = \"team-a-secret-value\"\n",
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_vk-sandbox"))
        .args(["--port", "0", "--config", good.to_str().unwrap()])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut banner = String::new();
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        banner.push_str(&line);
        banner.push('\n');
        if line.starts_with("Press Ctrl+C") {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(banner.contains("API key:     vk_team_a"), "{banner}");
    assert!(banner.contains("Tenant code: 111111"), "{banner}");
    assert!(banner.contains("7 requests per second"), "{banner}");
    assert!(!banner.contains("team-a-secret-value"), "the secret is never printed: {banner}");

    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "[[failures]]\nendpoint = \"verify.nothing\"\nevery = 2\nstatus = 503\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_vk-sandbox"))
        .args(["--port", "0", "--config", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.toml") && stderr.contains("verify.nothing"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}
