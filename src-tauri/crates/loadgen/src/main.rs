//! `vk-loadgen`: sends pre-signed requests over N keep-alive connections for a fixed time; prints rate and latency.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use clap::Parser;
use vk_core::{sign, ApiSecret, Credentials, RequestSpec};

/// Load a VistarKriya server (normally the sandbox on loopback) and report requests per second and p50/p99.
#[derive(Parser)]
struct Args {
    #[arg(long)]
    base_url: String,
    /// `balance` (GET wallet balance) or `pan` (POST verify PAN).
    #[arg(long)]
    endpoint: String,
    #[arg(long, default_value_t = 32)]
    connections: usize,
    /// Seconds of load (after one second of warm-up).
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    #[arg(long, default_value = "vk_sandbox_demo_key")]
    api_key: String,
    #[arg(long, default_value = "123456")]
    tenant: String,
    /// The secret comes from here; the default is the built-in sandbox's public secret.
    #[arg(long, env = "VK_API_SECRET", default_value = "vk_sandbox_demo_secret", hide_env_values = true)]
    secret: String,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let args = Args::parse();
    let request = match args.endpoint.as_str() {
        "balance" => RequestSpec::new("GET", "/api/v1/wallet/core/balance", ""),
        "pan" => RequestSpec::new("POST", "/api/v1/verify/pan", br#"{"pan":"ABCPE1234F"}"#.to_vec()),
        other => return Err(format!("unknown endpoint {other}: use balance or pan")),
    };
    let credentials =
        Credentials { api_key: args.api_key, tenant_code: args.tenant, secret: ApiSecret::new(args.secret) };
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_err(|e| e.to_string())?.as_secs();
    // Pre-signed once: the measurement is the server's work and the network, not signing.
    let signed = sign(&request, &credentials, now).map_err(|e| e.to_string())?;
    let url = format!("{}{}", args.base_url, request.endpoint);

    let warm_up_end = Instant::now() + Duration::from_secs(1);
    let end = warm_up_end + Duration::from_secs(args.seconds);
    let mut tasks = Vec::new();
    for _ in 0..args.connections {
        let client =
            reqwest::Client::builder().pool_max_idle_per_host(1).http1_only().build().map_err(|e| e.to_string())?;
        let (url, signed, request) = (url.clone(), signed.clone(), request.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::with_capacity(100_000);
            let mut failures = 0u64;
            loop {
                let started = Instant::now();
                if started >= end {
                    break;
                }
                let mut builder = client.request(request.method.parse().expect("method"), &url);
                for (name, value) in signed.headers() {
                    builder = builder.header(name, value);
                }
                if !request.body.is_empty() {
                    builder = builder.header("Content-Type", "application/json").body(request.body.clone());
                }
                let ok = match builder.send().await {
                    Ok(res) => res.status().is_success() && res.bytes().await.is_ok(),
                    Err(_) => false,
                };
                if started >= warm_up_end {
                    if ok {
                        latencies.push(started.elapsed());
                    } else {
                        failures += 1;
                    }
                }
            }
            (latencies, failures)
        }));
    }
    let mut all = Vec::new();
    let mut failures = 0;
    for task in tasks {
        let (latencies, failed) = task.await.map_err(|e| e.to_string())?;
        all.extend(latencies);
        failures += failed;
    }
    if all.is_empty() {
        return Err("no request succeeded".into());
    }
    all.sort_unstable();
    let rps = all.len() as f64 / args.seconds as f64;
    println!(
        "{}: {} requests in {} s over {} connections, {failures} failed",
        args.endpoint,
        all.len(),
        args.seconds,
        args.connections
    );
    println!("requests_per_second {rps:.0}");
    println!("p50_ms {:.3}", percentile(&all, 0.50).as_secs_f64() * 1000.0);
    println!("p99_ms {:.3}", percentile(&all, 0.99).as_secs_f64() * 1000.0);
    if failures > 0 {
        return Err(format!("{failures} requests failed"));
    }
    Ok(())
}
