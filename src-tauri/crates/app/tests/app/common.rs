//! Shared helpers for the app-level tests: a throw-away data folder, a workspace on it, a byte scan.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use vk_app::ipc::SendInput;
use vk_app::workspace::WorkspaceOptions;
use vk_app::Workspace;

/// A data folder of its own for each test, removed afterwards.
pub struct DataDir(pub PathBuf);

impl DataDir {
    pub fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("vk-app-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        Self(dir)
    }

    /// Options with a credential-store service of this test's own, so parallel tests never share entries.
    pub fn options(&self) -> WorkspaceOptions {
        let name = self.0.file_name().unwrap().to_string_lossy();
        WorkspaceOptions {
            credential_service: Some(format!("VK Workspace test {name}")),
            // Any free port: tests run side by side (the usual port has a test of its own).
            sandbox_port: 0,
            ..WorkspaceOptions::new(&self.0)
        }
    }
}

impl Drop for DataDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub async fn workspace(dir: &DataDir) -> Workspace {
    Workspace::start(dir.options()).await.unwrap()
}

pub fn input(method: &str, endpoint: &str, body: &str) -> SendInput {
    SendInput { method: method.into(), endpoint: endpoint.into(), body: body.into(), extra_headers: Vec::new() }
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// Whether `needle` occurs anywhere in the bytes of `path`.
pub fn contains(path: &Path, needle: &str) -> bool {
    let bytes = std::fs::read(path).unwrap();
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}
