//! `vk-sandbox`: runs the built-in sandbox alone on a loopback port until Ctrl+C or SIGTERM.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use vk_core::ApiSecret;
use vk_sandbox::{load_settings, start, SandboxConfig, SandboxCredential, BUILTIN_SECRET};

/// Run the VistarKriya sandbox server on this computer (loopback only).
#[derive(Parser)]
#[command(name = "vk-sandbox", version)]
struct Args {
    /// Port on 127.0.0.1 to listen on (0 picks a free one).
    #[arg(long, default_value_t = vk_sandbox::DEFAULT_PORT)]
    port: u16,
    /// Read settings from this TOML file (see docs/sandbox.md); the options below override it.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Accept this API key instead of the built-in one (the secret comes from VK_SANDBOX_SECRET).
    #[arg(long, requires = "tenant")]
    api_key: Option<String>,
    /// The 6-digit tenant code that goes with --api-key.
    #[arg(long, requires = "api_key")]
    tenant: Option<String>,
    /// Requests per second allowed per API key (no limit when left out).
    #[arg(long, value_name = "N")]
    rate_limit: Option<NonZeroU32>,
    /// Only accept requests from this client address (repeat for more).
    #[arg(long = "allow-ip", value_name = "ADDR")]
    allow_ip: Vec<IpAddr>,
    /// Append a JSON line per request that arrives (arrival time in ms, method, target, body, status) to FILE.
    #[arg(long, value_name = "FILE")]
    request_log: Option<PathBuf>,
}

fn config_from(args: &Args) -> Result<SandboxConfig, String> {
    let mut config = match &args.config {
        Some(path) => load_settings(path).map_err(|e| e.to_string())?,
        None => SandboxConfig::builtin(),
    };
    if let (Some(api_key), Some(tenant)) = (&args.api_key, &args.tenant) {
        vk_core::sign::check_tenant_code(tenant).map_err(|e| e.to_string())?;
        let secret = std::env::var("VK_SANDBOX_SECRET").unwrap_or_default();
        if secret.is_empty() {
            return Err("--api-key needs its secret in the environment variable VK_SANDBOX_SECRET".into());
        }
        config.credentials = vec![SandboxCredential {
            api_key: api_key.clone(),
            secret: ApiSecret::new(secret),
            tenant_code: tenant.clone(),
        }];
    }
    if args.rate_limit.is_some() {
        config.rate_limit_per_second = args.rate_limit;
    }
    if !args.allow_ip.is_empty() {
        config.allowed_ips = args.allow_ip.clone();
    }
    if args.request_log.is_some() {
        config.request_log = args.request_log.clone();
    }
    Ok(config)
}

/// Installs the Ctrl+C and SIGTERM handlers at once (before the banner says the sandbox is ready, so a signal
/// sent right after it is never missed) and returns what completes on either.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut term = signal(SignalKind::terminate()).expect("SIGTERM handler can be installed");
        let mut interrupt = signal(SignalKind::interrupt()).expect("Ctrl+C handler can be installed");
        async move {
            tokio::select! {
                _ = interrupt.recv() => {},
                _ = term.recv() => {},
            }
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let config = match config_from(&args) {
        Ok(c) => c,
        Err(message) => {
            eprintln!("vk-sandbox: {message}");
            return ExitCode::from(2);
        }
    };
    let credential = config.credentials[0].clone();
    let config_summary = (config.rate_limit_per_second, config.credentials.len(), config.allowed_ips.clone());
    let addr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), args.port);
    let sandbox = match start(config, addr).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("vk-sandbox: {e}");
            if matches!(&e, vk_sandbox::SandboxError::Bind { source, .. } if source.kind() == std::io::ErrorKind::AddrInUse)
            {
                eprintln!(
                    "vk-sandbox: another program has that port. If VK Workspace is open, its built-in sandbox answers \
                     there already, with the same credentials; otherwise choose another port with --port."
                );
            }
            return ExitCode::FAILURE;
        }
    };
    let stop = shutdown_signal();
    println!("VistarKriya sandbox listening on {}", sandbox.base_url());
    println!("  API key:     {}", credential.api_key);
    if credential.api_key == vk_sandbox::BUILTIN_API_KEY {
        println!("  API secret:  {BUILTIN_SECRET}");
    } else {
        println!("  API secret:  (from your settings, not shown)");
    }
    if config_summary.1 > 1 {
        println!("  (and {} more keys from the settings file)", config_summary.1 - 1);
    }
    println!("  Tenant code: {}", credential.tenant_code);
    match config_summary.0 {
        Some(n) => println!("  Rate limit:  {n} requests per second per key"),
        None => println!("  Rate limit:  none"),
    }
    if !config_summary.2.is_empty() {
        let ips: Vec<String> = config_summary.2.iter().map(ToString::to_string).collect();
        println!("  Allowed IPs: {}", ips.join(", "));
    }
    println!("Press Ctrl+C to stop.");
    stop.await;
    sandbox.stop().await;
    println!("Sandbox stopped.");
    ExitCode::SUCCESS
}
