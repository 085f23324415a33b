//! Sandbox integration tests: a real server on 127.0.0.1, real HTTP, crafted requests for every code.

mod abuse;
mod auth_codes;
mod catalog_walk;
mod envelopes;
mod modules;
mod props;
mod raw;
mod state;
mod store_limits;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;
use vk_core::sign::{hmac_hex, message_to_sign};
use vk_core::{sign, ApiSecret, Credentials, RequestSpec};
use vk_sandbox::{start, RunningSandbox, SandboxConfig, BUILTIN_API_KEY, BUILTIN_SECRET, BUILTIN_TENANT};

pub async fn sandbox(config: SandboxConfig) -> RunningSandbox {
    start(config, SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0))
        .await
        .expect("sandbox starts on a free loopback port")
}

pub fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64
}

/// A request built by hand, so that any part of the signing can be got wrong on purpose.
#[derive(Clone)]
pub struct Crafted {
    pub method: &'static str,
    pub target: String,
    pub body: String,
    pub timestamp: i64,
    pub secret: String,
    /// What goes into the signature, when it should differ from what is sent.
    pub signed_method: Option<&'static str>,
    pub signed_target: Option<String>,
    pub signed_body: Option<String>,
    pub api_key: Option<String>,
    pub tenant: Option<String>,
    pub timestamp_header: Option<String>,
    pub signature_header: Option<String>,
}

impl Crafted {
    pub fn new(method: &'static str, target: &str, body: &str) -> Self {
        Self {
            method,
            target: target.into(),
            body: body.into(),
            timestamp: now(),
            secret: BUILTIN_SECRET.into(),
            signed_method: None,
            signed_target: None,
            signed_body: None,
            api_key: Some(BUILTIN_API_KEY.into()),
            tenant: Some(BUILTIN_TENANT.into()),
            timestamp_header: None,
            signature_header: None,
        }
    }

    pub fn balance() -> Self {
        Self::new("GET", "/api/v1/wallet/core/balance", "")
    }

    pub fn pan(body: &str) -> Self {
        Self::new("POST", "/api/v1/verify/pan", body)
    }

    /// The signature over what is signed (which may differ from what is sent, on purpose).
    pub fn signature(&self) -> String {
        let msg = message_to_sign(
            self.timestamp as u64,
            self.signed_method.unwrap_or(self.method),
            self.signed_target.as_deref().unwrap_or(&self.target),
            self.signed_body.as_deref().unwrap_or(&self.body).as_bytes(),
        );
        hmac_hex(self.secret.as_bytes(), &msg)
    }

    /// Sends over real HTTP; returns status, the Retry-After header and the parsed JSON body.
    pub async fn send(&self, sandbox: &RunningSandbox) -> (u16, Option<String>, Value) {
        let client = reqwest::Client::new();
        let url = format!("{}{}", sandbox.base_url(), self.target);
        let mut req = client.request(self.method.parse().unwrap(), url);
        if let Some(key) = &self.api_key {
            req = req.header("X-API-Key", key);
        }
        let ts = self.timestamp_header.clone().unwrap_or_else(|| self.timestamp.to_string());
        req = req.header("X-Timestamp", ts);
        req = req.header("X-Signature", self.signature_header.clone().unwrap_or_else(|| self.signature()));
        if let Some(tenant) = &self.tenant {
            req = req.header("X-Tenant-Code", tenant);
        }
        if !self.body.is_empty() {
            req = req.header("Content-Type", "application/json").body(self.body.clone());
        }
        let res = req.send().await.expect("sandbox answers");
        let status = res.status().as_u16();
        let retry = res.headers().get("retry-after").map(|v| v.to_str().unwrap().to_string());
        let bytes = res.bytes().await.unwrap();
        let json: Value = serde_json::from_slice(&bytes)
            .unwrap_or_else(|e| panic!("every answer is JSON, got {:?}: {e}", String::from_utf8_lossy(&bytes)));
        (status, retry, json)
    }
}

/// Asserts a failure envelope with `code` and `status`, in the spec's exact shape.
pub fn assert_error(answer: &(u16, Option<String>, Value), code: &str, status: u16) {
    let (got_status, _, body) = answer;
    assert_eq!(body["success"], Value::Bool(false), "{body}");
    assert_eq!(body["error"]["code"], code, "{body}");
    assert_eq!(body["error"]["http_status"], status, "{body}");
    assert!(body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{body}");
    assert_eq!(*got_status, status, "{body}");
}

/// Signs with the real signer (`vk_core::sign`) and sends over loopback; returns the status and the JSON answer.
pub async fn signed_send(sandbox: &RunningSandbox, method: &str, target: &str, body: &str) -> (u16, Value) {
    let credentials = Credentials {
        api_key: BUILTIN_API_KEY.into(),
        tenant_code: BUILTIN_TENANT.into(),
        secret: ApiSecret::new(BUILTIN_SECRET),
    };
    let spec = RequestSpec::new(method, target, body.as_bytes().to_vec());
    let signed = sign(&spec, &credentials, now() as u64).expect("request signs");
    let mut req = reqwest::Client::new().request(method.parse().unwrap(), format!("{}{target}", sandbox.base_url()));
    for (name, value) in signed.headers() {
        req = req.header(name, value);
    }
    if !body.is_empty() {
        req = req.header("Content-Type", "application/json").body(body.to_string());
    }
    let res = req.send().await.expect("sandbox answers");
    let status = res.status().as_u16();
    let json = serde_json::from_slice(&res.bytes().await.unwrap()).expect("every answer is JSON");
    (status, json)
}
