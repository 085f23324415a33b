//! Store tests against real database files in a temporary folder.

mod batch;
mod collections;
mod crash;
mod environments;
mod history;
mod opening;

use std::path::PathBuf;

use vk_store::history::NewEntry;

/// A fresh folder under the system temp dir, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("vk-store-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    pub fn db(&self) -> PathBuf {
        self.0.join("history.db")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn entry(i: i64) -> NewEntry {
    NewEntry {
        sent_at_ms: 1_780_000_000_000 + i * 60_000,
        environment: if i % 2 == 0 { "Sandbox (built in)".into() } else { "Production".into() },
        module: ["wallet", "verify", "cibil"][(i % 3) as usize].into(),
        method: "POST".into(),
        endpoint: "/api/v1/verify/pan".into(),
        request_headers: vec![
            ("X-API-Key".into(), "vk_live_abcdefghijklmnop".into()),
            ("X-Signature".into(), "7682e10d9ce893a9ebbc3fdb58835995450d3fb19318ae395ac15e746cc61090".into()),
        ],
        request_body: format!(r#"{{"pan":"ABCPE{:04}F"}}"#, i % 10_000),
        status: Some(if i % 5 == 0 { 401 } else { 200 }),
        response_headers: vec![("content-type".into(), "application/json".into())],
        response_body: format!(r#"{{"success":true,"data":{{"registered_name":"Person{i} Kumar"}}}}"#),
        elapsed_ms: 12.5,
        error_code: (i % 5 == 0).then(|| "HMAC_INVALID".to_string()),
        batch_run_id: None,
    }
}
