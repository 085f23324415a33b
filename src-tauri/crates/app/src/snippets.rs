//! Code export behind the commands: the composer's request and the active environment's key, tenant code
//! and address, written as a program in one language. The page sees an inline secret only as a placeholder.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use vk_core::snippet::{generate, presigned_curl, Options, SecretIn, Target};
use vk_core::ApiSecret;

use crate::environments::Environments;
use crate::error::AppError;
use crate::file_grants::FileGrants;
use crate::ipc::{PresignedCurlView, SendInput, SnippetInput, SnippetView};
use crate::request::build_request;

/// Code export for the active environment.
pub struct Snippets {
    environments: Arc<Environments>,
    grants: Arc<FileGrants>,
}

/// What the page is shown in place of a secret the user chose to write into the code.
pub const HIDDEN_SECRET: &str = "•••••• (your secret: written in when you copy or save) ••••••";

/// How long a presigned curl command works: the API's window for the timestamp.
const PRESIGNED_VALID_SECS: u64 = 300;

fn invalid(message: impl ToString) -> AppError {
    AppError::invalid(message.to_string())
}

impl Snippets {
    pub fn new(environments: Arc<Environments>, grants: Arc<FileGrants>) -> Self {
        Self { environments, grants }
    }

    /// The code as the Code panel shows it: an inline secret is a placeholder here.
    pub async fn show(&self, input: SnippetInput) -> Result<SnippetView, AppError> {
        self.snippet(input, false).await
    }

    /// The code as it is copied or saved: an inline secret is written in. Never sent to the page.
    pub async fn text(&self, input: SnippetInput) -> Result<String, AppError> {
        Ok(self.snippet(input, true).await?.text)
    }

    /// Writes the code (with the secret only if the user chose it inline) to a file the user picked.
    pub async fn save(&self, input: SnippetInput, path: PathBuf) -> Result<(), AppError> {
        let text = self.text(input).await?;
        self.grants.take(&path)?;
        tokio::task::spawn_blocking(move || write_atomically(&path, text.as_bytes()))
            .await?
            .map_err(|e| invalid(format!("The file could not be written: {e}.")))
    }

    async fn snippet(&self, input: SnippetInput, reveal: bool) -> Result<SnippetView, AppError> {
        let env = self.environments.resolved(None).await?;
        let request = build_request(&input.request, &env.variables)?;
        let secret = match (input.inline_secret, reveal) {
            (false, _) => None,
            (true, false) => Some(ApiSecret::new(HIDDEN_SECRET)),
            (true, true) => Some(self.environments.required_secret(&env).await?),
        };
        let base_url = if input.base_url.trim().is_empty() { env.base_url.clone() } else { input.base_url.clone() };
        let target = Target { base_url: &base_url, api_key: &env.api_key, tenant_code: &env.tenant_code };
        let options = Options {
            secret: secret.as_ref().map_or(SecretIn::Environment, SecretIn::Inline),
            python_client: input.python_client,
        };
        let snippet = generate(input.language, &request, &target, &options).map_err(invalid)?;
        Ok(SnippetView {
            text: snippet.text,
            file_name: snippet.file_name.to_string(),
            run: snippet.run,
            environment: env.name,
            base_url: base_url.trim().trim_end_matches('/').to_string(),
            secret_hidden: input.inline_secret && !reveal,
        })
    }

    /// A curl command for the composer's request, signed now with the active environment's secret.
    pub async fn presigned_curl(&self, request: SendInput, base_url: String) -> Result<PresignedCurlView, AppError> {
        let env = self.environments.resolved(None).await?;
        let spec = build_request(&request, &env.variables)?;
        let secret = self.environments.required_secret(&env).await?;
        let base_url = if base_url.trim().is_empty() { env.base_url.clone() } else { base_url };
        let target = Target { base_url: &base_url, api_key: &env.api_key, tenant_code: &env.tenant_code };
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        let text = presigned_curl(&spec, &target, &secret, now).map_err(invalid)?;
        Ok(PresignedCurlView { text, expires_at_ms: (now + PRESIGNED_VALID_SECS) * 1000 })
    }
}

/// Writes beside the target, then renames over it, so a failed write never leaves half a file.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    std::fs::write(&partial, bytes)?;
    std::fs::rename(&partial, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&partial);
    })
}
