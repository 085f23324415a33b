//! `vk send` never follows a redirect: the 3xx is reported with where it pointed, nothing reaches that address,
//! and the exit code says the API gave no answer. And an endpoint with non-ASCII characters is signed as sent.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpListener;
use std::process::{Command, Output};

fn vk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vk")).args(args).env("VK_API_SECRET", "s3cret").output().expect("vk runs")
}

/// A server on loopback that answers one request with `status` and the Location `location` makes of its address.
fn redirector(status: &'static str, location: impl FnOnce(&str) -> String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let location = location(&addr);
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = [0u8; 4096];
        let _ = stream.read(&mut request);
        let answer =
            format!("HTTP/1.1 {status}\r\nLocation: {location}\r\nContent-Length: 5\r\nConnection: close\r\n\r\nmoved");
        stream.write_all(answer.as_bytes()).unwrap();
    });
    format!("http://{addr}")
}

#[test]
fn a_redirect_to_another_host_is_reported_and_not_followed() {
    // The other host: a listener that nobody may connect to.
    let elsewhere = TcpListener::bind("127.0.0.1:0").unwrap();
    elsewhere.set_nonblocking(true).unwrap();
    let other = format!("http://{}/steal", elsewhere.local_addr().unwrap());
    for status in ["302 Found", "307 Temporary Redirect"] {
        let api = redirector(status, |_| other.clone());
        let out = vk(&[
            "send",
            "POST",
            "/api/v1/verify/pan",
            "--body",
            r#"{"pan":"ABCDE1234F"}"#,
            "--base-url",
            &api,
            "--api-key",
            "key",
            "--tenant",
            "123456",
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(&format!("The server sent this request to another address: {other}")), "{stderr}");
        assert!(stderr.contains("does not follow it, because the signature and key would go with it"), "{stderr}");
    }
    match elsewhere.accept() {
        Err(e) if e.kind() == ErrorKind::WouldBlock => {}
        other => panic!("something connected to the other host: {other:?}"),
    }
}

#[test]
fn a_redirect_to_https_of_the_same_host_names_the_address_to_use() {
    let api = redirector("301 Moved Permanently", |addr| format!("https://{addr}/api/v1/wallet/core/balance"));
    let out =
        vk(&["send", "GET", "/api/v1/wallet/core/balance", "--base-url", &api, "--api-key", "k", "--tenant", "123456"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let https = api.replace("http://", "https://");
    assert!(stderr.contains(&format!("use {https} as the server address")), "{stderr}");
}

#[test]
fn non_ascii_endpoints_reach_the_sandbox_signed_as_sent() {
    for endpoint in ["/api/v1/customers?city=Puné", "/api/v1/customers?city=पुणे&note=café"] {
        let out = Command::new(env!("CARGO_BIN_EXE_vk")).args(["send", "GET", endpoint, "--sandbox"]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{endpoint}: {stderr}");
        assert!(!stderr.contains("HMAC_INVALID"), "{stderr}");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_vk"))
        .args(["sign", "--method", "GET", "--endpoint", "/api/v1/customers?city=Puné", "--timestamp", "1700000000"])
        .env("VK_API_SECRET", "s3cret")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("1700000000GET/api/v1/customers?city=Pun%C3%A9\n"),
        "the encoded form is shown: {stdout}"
    );
}
