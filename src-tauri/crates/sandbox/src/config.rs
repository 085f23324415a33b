//! Sandbox configuration: the credentials it accepts, IP allowlist, rate limit, clock tolerance, injected trouble.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use vk_core::ApiSecret;

/// The built-in credentials. They are public on purpose (README, `vk-sandbox` output): sandbox only.
pub const BUILTIN_API_KEY: &str = "vk_sandbox_demo_key";
pub const BUILTIN_SECRET: &str = "vk_sandbox_demo_secret";
pub const BUILTIN_TENANT: &str = "123456";

/// One API key the sandbox accepts, with its secret and the tenant it belongs to.
#[derive(Debug, Clone)]
pub struct SandboxCredential {
    pub api_key: String,
    pub secret: ApiSecret,
    pub tenant_code: String,
}

#[derive(Debug, Clone)]
pub struct SandboxConfig {
    pub credentials: Vec<SandboxCredential>,
    /// Client addresses allowed to call; empty means every (loopback) address is allowed.
    pub allowed_ips: Vec<IpAddr>,
    /// Requests per second per API key; `None` means no limit.
    pub rate_limit_per_second: Option<NonZeroU32>,
    /// How far a request's timestamp may be from the server clock, either way (the spec: 300 s).
    pub max_clock_skew_secs: u64,
    /// Body size, read timeouts and what the sandbox stores (see `limits`).
    pub limits: crate::limits::Limits,
    /// Added before every answer, for practising slow networks.
    pub latency: Duration,
    /// How long an Aadhaar OTP reference stays usable.
    pub otp_ttl: Duration,
    /// Requests made to fail on purpose, for practising retries.
    pub failures: Vec<FailureRule>,
    /// The sandbox's own clock, which can be set ahead or behind to practise TIMESTAMP_EXPIRED.
    pub clock: SandboxClock,
    /// Where to append a JSON line per request that arrives (time, method, target, body, status): what the
    /// server saw, for checking a client's rate and its repeats.
    pub request_log: Option<std::path::PathBuf>,
}

/// The sandbox's clock: this computer's clock plus an offset that can change while the sandbox runs.
/// Clones share the offset, so whoever started the sandbox can move its clock.
#[derive(Debug, Clone, Default)]
pub struct SandboxClock(Arc<AtomicI64>);

impl SandboxClock {
    pub fn offset_secs(&self) -> i64 {
        self.0.load(Ordering::Relaxed)
    }

    pub fn set_offset_secs(&self, secs: i64) {
        self.0.store(secs, Ordering::Relaxed);
    }

    /// The sandbox's time: Unix seconds, offset.
    pub fn now(&self) -> SystemTime {
        let offset = self.offset_secs();
        let now = SystemTime::now();
        if offset >= 0 {
            now + Duration::from_secs(offset.unsigned_abs())
        } else {
            now - Duration::from_secs(offset.unsigned_abs())
        }
    }

    pub fn now_secs(&self) -> u64 {
        self.now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
    }
}

/// Every `every`-th request to `endpoint` (a catalog id, or `*` for all) fails with `status` (500 or 503).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailureRule {
    pub endpoint: String,
    pub every: u32,
    pub status: u16,
}

impl SandboxConfig {
    /// The built-in sandbox: one demo key, no IP allowlist, no rate limit.
    pub fn builtin() -> Self {
        Self::with_credential(SandboxCredential {
            api_key: BUILTIN_API_KEY.into(),
            secret: ApiSecret::new(BUILTIN_SECRET),
            tenant_code: BUILTIN_TENANT.into(),
        })
    }

    pub fn with_credential(credential: SandboxCredential) -> Self {
        Self {
            credentials: vec![credential],
            allowed_ips: Vec::new(),
            rate_limit_per_second: None,
            max_clock_skew_secs: 300,
            limits: crate::limits::Limits::default(),
            latency: Duration::ZERO,
            otp_ttl: Duration::from_secs(600),
            failures: Vec::new(),
            clock: SandboxClock::default(),
            request_log: None,
        }
    }

    pub fn credential(&self, api_key: &str) -> Option<&SandboxCredential> {
        self.credentials.iter().find(|c| c.api_key == api_key)
    }
}
