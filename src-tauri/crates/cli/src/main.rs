//! `vk`: sign and send VistarKriya requests from scripts, with the same crates as the app.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

mod batch;
mod checks;
mod snippet;
mod terminal;

use clap::{Parser, Subcommand};
use vk_core::envelope::{parse_error, pretty_json_or_reason};
use vk_core::sign::signature_for;
use vk_core::{ApiErrorCode, ApiSecret, Credentials, RequestSpec};
use vk_http::{SendFailure, Sender, SenderConfig};
use vk_sandbox::{SandboxConfig, BUILTIN_API_KEY, BUILTIN_SECRET, BUILTIN_TENANT};

use crate::terminal::visible;

/// Exit codes: 0 success, 1 the API answered with an error, 2 bad input, 3 the request could not be sent.
const EXIT_API_ERROR: u8 = 1;
const EXIT_BAD_INPUT: u8 = 2;
const EXIT_NOT_SENT: u8 = 3;

#[derive(Parser)]
#[command(name = "vk", version, about = "Sign and send VistarKriya API requests")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the string to sign, then the signature alone on the last line (secret from VK_API_SECRET).
    Sign {
        #[arg(long)]
        method: String,
        /// Path plus any ?query, e.g. /api/v1/wallet/core/balance
        #[arg(long)]
        endpoint: String,
        /// The exact body to sign (empty when left out).
        #[arg(long, default_value = "")]
        body: String,
        /// Unix time in seconds (now when left out).
        #[arg(long)]
        timestamp: Option<u64>,
    },
    /// Print code in another language that sends this request, signing it each time it runs.
    ///
    /// The code reads the API secret from VK_API_SECRET when it runs. Without --base-url, --api-key and
    /// --tenant it aims at the sandbox as `vk-sandbox` starts it (http://127.0.0.1:8787, demo key and tenant).
    Snippet(snippet::SnippetArgs),
    /// Send every row of a sheet (CSV or XLSX) to one endpoint and write the sheet back with result columns.
    ///
    /// Every row is checked first. Rows go out at --rate per second at most (default 5), --concurrency at a time
    /// (default 4); RATE_LIMITED answers make it wait and slow down; network failures are tried again. Each
    /// result is kept in a run file beside the output as it arrives: if the run stops (Ctrl+C, a crash), the same
    /// command continues it. Exits 0 when every row got an answer, whatever the answers were.
    Batch(batch::BatchArgs),
    /// Send a signed request and print the response body; exits 1 on an API error.
    Send {
        method: String,
        endpoint: String,
        /// JSON body, sent byte for byte as given.
        #[arg(long, default_value = "")]
        body: String,
        #[command(flatten)]
        server: ServerArgs,
    },
}

/// Where a command sends: the built-in sandbox, or a server with a key and tenant (the secret from VK_API_SECRET).
#[derive(clap::Args)]
pub(crate) struct ServerArgs {
    /// Use the built-in sandbox (started inside this command) and its demo credentials.
    #[arg(long, conflicts_with_all = ["base_url", "api_key", "tenant"])]
    pub sandbox: bool,
    /// Server address, e.g. https://vistarkriya.com (the secret comes from VK_API_SECRET).
    #[arg(long, required_unless_present = "sandbox")]
    pub base_url: Option<String>,
    #[arg(long, required_unless_present = "sandbox")]
    pub api_key: Option<String>,
    /// 6-digit tenant code.
    #[arg(long, required_unless_present = "sandbox")]
    pub tenant: Option<String>,
}

fn secret_from_env() -> Result<ApiSecret, String> {
    match std::env::var("VK_API_SECRET") {
        Ok(s) if !s.is_empty() => Ok(ApiSecret::new(s)),
        _ => {
            Err("the API secret is read from the environment variable VK_API_SECRET, which is empty or not set".into())
        }
    }
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

fn fail(code: u8, message: impl std::fmt::Display) -> ExitCode {
    eprintln!("vk: {message}");
    ExitCode::from(code)
}

fn run_sign(method: String, endpoint: String, body: String, timestamp: Option<u64>) -> ExitCode {
    let secret = match secret_from_env() {
        Ok(s) => s,
        Err(e) => return fail(EXIT_BAD_INPUT, e),
    };
    let request = RequestSpec::new(method, endpoint, body.into_bytes());
    match signature_for(&request, &secret, timestamp.unwrap_or_else(now)) {
        Ok((string_to_sign, signature)) => {
            println!("{string_to_sign}");
            println!("{signature}");
            ExitCode::SUCCESS
        }
        Err(e) => fail(EXIT_BAD_INPUT, e),
    }
}

async fn run_send(request: RequestSpec, base_url: String, credentials: Credentials) -> ExitCode {
    let sender = match Sender::new(SenderConfig::default()) {
        Ok(s) => s,
        Err(e) => return fail(EXIT_NOT_SENT, e),
    };
    let exchange = match sender.send_signed(&base_url, &request, &credentials).await {
        Ok(x) => x,
        Err(SendFailure::Sign(e)) => return fail(EXIT_BAD_INPUT, e),
        Err(SendFailure::Send(e)) => return fail(EXIT_NOT_SENT, e),
    };
    let response = exchange.response;
    eprintln!(
        "HTTP {} {} · {} ms · {} bytes",
        response.status,
        response.status_text,
        response.elapsed.as_millis(),
        response.body.len()
    );
    // The server's text never reaches the terminal with its control characters (no ANSI or OSC sequences).
    // An answer nested too deep to lay out is printed as received, with the reason on stderr.
    match pretty_json_or_reason(&response.body) {
        Ok(pretty) => println!("{}", visible(&pretty)),
        Err(reason) => {
            println!("{}", visible(&String::from_utf8_lossy(&response.body)));
            if let Some(reason) = reason {
                eprintln!("The answer is shown as it came: it is {reason}, too deep to lay out.");
            }
        }
    }
    let location = response.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("location")).map(|(_, v)| v.as_str());
    let target = vk_core::target::wire_target(&request.endpoint);
    if let Some(message) = vk_core::redirect::redirect_message(response.status, location, &base_url, &target) {
        eprintln!("{}", visible(&message));
        return ExitCode::from(EXIT_API_ERROR);
    }
    if let Some(error) = parse_error(&response.body) {
        eprintln!("{}: {}", visible(&error.code), visible(&error.message));
        if let Some(code) = ApiErrorCode::parse(&error.code) {
            let e = code.explanation();
            eprintln!("{}. {}\nWhat to do: {}", e.title, e.meaning, e.next_step);
        }
        for field in &error.fields {
            eprintln!("  {}: {}", visible(&field.field), visible(&field.reason));
        }
        return ExitCode::from(EXIT_API_ERROR);
    }
    if response.status >= 400 {
        return ExitCode::from(EXIT_API_ERROR);
    }
    ExitCode::SUCCESS
}

#[tokio::main]
async fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Sign { method, endpoint, body, timestamp } => run_sign(method, endpoint, body, timestamp),
        Command::Batch(args) => batch::run(args).await,
        Command::Snippet(args) => match snippet::run(args, std::env::var("VK_API_SECRET").ok()) {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => fail(EXIT_BAD_INPUT, e),
        },
        Command::Send { method, endpoint, body, server } => {
            if let Err(e) = checks::server(&server) {
                return fail(EXIT_BAD_INPUT, e);
            }
            let ServerArgs { sandbox, base_url, api_key, tenant } = server;
            let request = RequestSpec::new(method, endpoint, body.into_bytes());
            if let Err(e) = request.check_json_body() {
                return fail(EXIT_BAD_INPUT, e);
            }
            if sandbox {
                let addr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0);
                let running = match vk_sandbox::start(SandboxConfig::builtin(), addr).await {
                    Ok(s) => s,
                    Err(e) => return fail(EXIT_NOT_SENT, e),
                };
                let credentials = Credentials {
                    api_key: BUILTIN_API_KEY.into(),
                    tenant_code: BUILTIN_TENANT.into(),
                    secret: ApiSecret::new(BUILTIN_SECRET),
                };
                let code = run_send(request, running.base_url(), credentials).await;
                running.stop().await;
                return code;
            }
            let secret = match secret_from_env() {
                Ok(s) => s,
                Err(e) => return fail(EXIT_BAD_INPUT, e),
            };
            let credentials =
                Credentials { api_key: api_key.unwrap_or_default(), tenant_code: tenant.unwrap_or_default(), secret };
            run_send(request, base_url.unwrap_or_default(), credentials).await
        }
    }
}
