//! `vk snippet`: the code-export generators on the command line.

use clap::Args;
use vk_core::snippet::{generate, Language, Options, PythonClient, SecretIn, Target};
use vk_core::{ApiSecret, RequestSpec};
use vk_sandbox::{BUILTIN_API_KEY, BUILTIN_TENANT, DEFAULT_PORT};

#[derive(Args)]
pub struct SnippetArgs {
    /// The language: php, rust, curl, python, js, java or go.
    #[arg(long, value_parser = parse_language)]
    lang: Language,
    /// HTTP method in capitals, e.g. GET or POST.
    method: String,
    /// Path plus any ?query, e.g. /api/v1/verify/pan
    endpoint: String,
    /// The exact body to send (none when left out).
    #[arg(long, default_value = "")]
    body: String,
    /// Server address written into the code, e.g. https://vistarkriya.com
    #[arg(long, requires_all = ["api_key", "tenant"])]
    base_url: Option<String>,
    #[arg(long, requires_all = ["base_url", "tenant"])]
    api_key: Option<String>,
    /// 6-digit tenant code.
    #[arg(long, requires_all = ["base_url", "api_key"])]
    tenant: Option<String>,
    /// Write the secret (read from VK_API_SECRET now) into the code. Anyone with the file can then call
    /// the API as you: prefer leaving the secret in the environment.
    #[arg(long)]
    inline_secret: bool,
    /// For --lang python: use the requests package instead of the standard library.
    #[arg(long)]
    python_requests: bool,
}

fn parse_language(name: &str) -> Result<Language, String> {
    Language::from_cli_name(name).ok_or_else(|| {
        let names: Vec<&str> = Language::ALL.iter().map(|l| l.cli_name()).collect();
        format!("\"{name}\" is not a language vk can write; choose one of {}", names.join(", "))
    })
}

/// The snippet's text; `secret` is VK_API_SECRET as this process sees it, used only with --inline-secret.
pub fn run(args: SnippetArgs, secret: Option<String>) -> Result<String, String> {
    let request = RequestSpec::new(args.method, args.endpoint, args.body.into_bytes());
    let sandbox_url = format!("http://127.0.0.1:{DEFAULT_PORT}");
    let target = Target {
        base_url: args.base_url.as_deref().unwrap_or(&sandbox_url),
        api_key: args.api_key.as_deref().unwrap_or(BUILTIN_API_KEY),
        tenant_code: args.tenant.as_deref().unwrap_or(BUILTIN_TENANT),
    };
    let secret = match (args.inline_secret, secret) {
        (false, _) => None,
        (true, Some(s)) if !s.is_empty() => Some(ApiSecret::new(s)),
        (true, _) => return Err(
            "--inline-secret writes the secret from VK_API_SECRET into the code, but VK_API_SECRET is empty or not set"
                .into(),
        ),
    };
    let options = Options {
        secret: secret.as_ref().map_or(SecretIn::Environment, SecretIn::Inline),
        python_client: if args.python_requests { PythonClient::Requests } else { PythonClient::Urllib },
    };
    if args.python_requests && args.lang != Language::Python {
        return Err("--python-requests only applies to --lang python".into());
    }
    if secret.is_some() {
        eprintln!("vk: warning: the code below contains your API secret. Do not share it or commit it.");
    }
    generate(args.lang, &request, &target, &options).map(|s| s.text).map_err(|e| e.to_string())
}
