//! The sandbox's settings file (TOML): credentials and tenants, IP allowlist, rate limit, latency, injected failures,
//! read timeouts.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::path::Path;
use std::time::Duration;

use serde::Deserialize;
use vk_core::ApiSecret;

use crate::config::{FailureRule, SandboxConfig, SandboxCredential};

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("could not read the settings file {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("the settings file {path} is not valid: {message}")]
    Invalid { path: String, message: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CredentialEntry {
    api_key: String,
    tenant_code: String,
    /// The secret itself (fine for practice keys) …
    secret: Option<String>,
    /// … or the name of an environment variable that holds it.
    secret_env: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FailureEntry {
    endpoint: String,
    every: u32,
    status: u16,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct SettingsFile {
    #[serde(default)]
    credentials: Vec<CredentialEntry>,
    #[serde(default)]
    allowed_ips: Vec<IpAddr>,
    rate_limit_per_second: Option<NonZeroU32>,
    #[serde(default)]
    latency_ms: u64,
    otp_ttl_seconds: Option<u64>,
    #[serde(default)]
    failures: Vec<FailureEntry>,
    /// Seconds the sandbox's clock runs ahead (negative: behind), to practise TIMESTAMP_EXPIRED.
    #[serde(default)]
    clock_offset_seconds: i64,
    /// How long a request's headers may take to arrive (slow clients are closed), 1 to 3600.
    header_read_timeout_seconds: Option<u64>,
    /// How long a request's body may take to arrive once the headers are in, 1 to 3600.
    body_read_timeout_seconds: Option<u64>,
}

fn timeout(name: &str, secs: Option<u64>, default: Duration) -> Result<Duration, String> {
    match secs {
        None => Ok(default),
        Some(s @ 1..=3600) => Ok(Duration::from_secs(s)),
        Some(s) => Err(format!("{name} must be from 1 to 3600 seconds, not {s}")),
    }
}

fn credential(entry: CredentialEntry) -> Result<SandboxCredential, String> {
    vk_core::sign::check_tenant_code(&entry.tenant_code).map_err(|e| format!("{}: {e}", entry.api_key))?;
    let secret = match (entry.secret, entry.secret_env) {
        (Some(s), None) => s,
        (None, Some(var)) => std::env::var(&var)
            .map_err(|_| format!("{}: the environment variable {var} (secret_env) is not set", entry.api_key))?,
        _ => return Err(format!("{}: give exactly one of secret or secret_env", entry.api_key)),
    };
    if secret.is_empty() || entry.api_key.is_empty() {
        return Err("api_key and its secret must not be empty".into());
    }
    Ok(SandboxCredential { api_key: entry.api_key, secret: ApiSecret::new(secret), tenant_code: entry.tenant_code })
}

fn failure(entry: FailureEntry) -> Result<FailureRule, String> {
    if entry.endpoint != "*" && vk_core::catalog::find(&entry.endpoint).is_none() {
        return Err(format!("failures: {} is not an endpoint id (see the catalog) or \"*\"", entry.endpoint));
    }
    if entry.every == 0 {
        return Err("failures: every must be 1 or more".into());
    }
    if entry.status != 500 && entry.status != 503 {
        return Err("failures: status must be 500 or 503".into());
    }
    Ok(FailureRule { endpoint: entry.endpoint, every: entry.every, status: entry.status })
}

/// Builds a configuration from settings text; anything left out keeps the built-in default.
pub fn parse_settings(text: &str) -> Result<SandboxConfig, String> {
    let file: SettingsFile = toml::from_str(text).map_err(|e| e.message().to_string())?;
    let mut config = SandboxConfig::builtin();
    if !file.credentials.is_empty() {
        config.credentials = file.credentials.into_iter().map(credential).collect::<Result<_, _>>()?;
    }
    config.allowed_ips = file.allowed_ips;
    config.rate_limit_per_second = file.rate_limit_per_second;
    config.latency = Duration::from_millis(file.latency_ms);
    config.clock.set_offset_secs(file.clock_offset_seconds);
    if let Some(ttl) = file.otp_ttl_seconds {
        config.otp_ttl = Duration::from_secs(ttl);
    }
    config.failures = file.failures.into_iter().map(failure).collect::<Result<_, _>>()?;
    let limits = &mut config.limits;
    limits.header_read_timeout =
        timeout("header_read_timeout_seconds", file.header_read_timeout_seconds, limits.header_read_timeout)?;
    limits.body_read_timeout =
        timeout("body_read_timeout_seconds", file.body_read_timeout_seconds, limits.body_read_timeout)?;
    Ok(config)
}

pub fn load_settings(path: &Path) -> Result<SandboxConfig, SettingsError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| SettingsError::Read { path: shown.clone(), source })?;
    parse_settings(&text).map_err(|message| SettingsError::Invalid { path: shown, message })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_settings_are_the_builtin_defaults() {
        let config = parse_settings("").unwrap();
        assert_eq!(config.credentials[0].api_key, crate::BUILTIN_API_KEY);
        assert_eq!(config.otp_ttl, Duration::from_secs(600));
        assert!(config.failures.is_empty() && config.latency.is_zero());
    }

    #[test]
    fn full_settings_are_read() {
        let config = parse_settings(
            r#"
            allowed_ips = ["127.0.0.1"]
            rate_limit_per_second = 5
            latency_ms = 250
            otp_ttl_seconds = 30
            clock_offset_seconds = -420
            header_read_timeout_seconds = 5
            body_read_timeout_seconds = 3600
            [[credentials]]
            api_key = "vk_team_a"
            secret = "team-a-secret"
            tenant_code = "111111"
            [[failures]]
            endpoint = "verify.pan"
            every = 3
            status = 503
            "#,
        )
        .unwrap();
        assert_eq!(config.credentials[0].tenant_code, "111111");
        assert!(config.credentials[0].secret.matches(&ApiSecret::new("team-a-secret")));
        assert_eq!(config.rate_limit_per_second.map(NonZeroU32::get), Some(5));
        assert_eq!(config.latency, Duration::from_millis(250));
        assert_eq!(config.otp_ttl, Duration::from_secs(30));
        assert_eq!(config.clock.offset_secs(), -420);
        assert_eq!(config.failures[0].every, 3);
        assert_eq!(config.limits.header_read_timeout, Duration::from_secs(5));
        assert_eq!(config.limits.body_read_timeout, Duration::from_secs(3600));
    }

    #[test]
    fn timeouts_are_held_to_their_range() {
        let config = parse_settings("body_read_timeout_seconds = 1").unwrap();
        assert_eq!(config.limits.body_read_timeout, Duration::from_secs(1));
        assert_eq!(config.limits.header_read_timeout, crate::limits::HEADER_READ_TIMEOUT);
        let err = parse_settings("header_read_timeout_seconds = 0").unwrap_err();
        assert!(err.contains("header_read_timeout_seconds must be from 1 to 3600"), "{err}");
        assert!(parse_settings("body_read_timeout_seconds = 3601").unwrap_err().contains("3601"));
    }

    #[test]
    fn mistakes_are_named() {
        let err = |t: &str| parse_settings(t).unwrap_err();
        assert!(err("[[failures]]\nendpoint = \"verify.nothing\"\nevery = 1\nstatus = 500").contains("verify.nothing"));
        assert!(err("[[failures]]\nendpoint = \"*\"\nevery = 1\nstatus = 404").contains("500 or 503"));
        assert!(err("[[credentials]]\napi_key = \"k\"\ntenant_code = \"12\"\nsecret = \"s\"").contains("6 digits"));
        assert!(err("[[credentials]]\napi_key = \"k\"\ntenant_code = \"123456\"").contains("exactly one of secret"));
        assert!(err("latency = 5").contains("latency"));
    }
}
