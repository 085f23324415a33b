//! Sending: signs a request at the moment of sending, sends it with reqwest (rustls), times and bounds the answer.

mod classify;

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tokio::io::AsyncWriteExt;
use vk_core::{sign, Credentials, RequestSpec, SignError, SignedRequest};

pub use classify::{SendError, SEND_ERROR_CODES};

/// The standard reason phrase for a status code ("OK", "Unauthorized", …), empty for unknown codes.
pub fn reason_phrase(status: u16) -> &'static str {
    reqwest::StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()).unwrap_or("")
}

/// Limits for one request.
#[derive(Debug, Clone)]
pub struct SenderConfig {
    pub connect_timeout: Duration,
    pub total_timeout: Duration,
    /// Larger response bodies are refused with `SendError::BodyTooLarge`.
    pub max_body_bytes: u64,
    /// Where bodies too large to keep in memory are streamed; `None` keeps every body in memory.
    pub spill: Option<SpillConfig>,
}

/// Streaming large bodies to disk: past `over_bytes`, the body goes to a new file in `dir`.
#[derive(Debug, Clone)]
pub struct SpillConfig {
    pub dir: std::path::PathBuf,
    pub over_bytes: u64,
}

/// A body streamed to disk: the file holds all of it; `HttpResponse::body` holds only its first bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpilledBody {
    pub path: std::path::PathBuf,
    pub len: u64,
}

/// How many bytes of a spilled body are kept in memory, for a first look (and error envelopes).
pub const SPILL_HEAD_BYTES: usize = 64 * 1024;

impl Default for SenderConfig {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(60),
            max_body_bytes: 64 * 1024 * 1024,
            spill: None,
        }
    }
}

/// A response as received: nothing parsed but the status line and headers.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    pub status: u16,
    pub status_text: String,
    pub headers: Vec<(String, String)>,
    /// The whole body, or, when it was streamed to disk (`spilled`), its first [`SPILL_HEAD_BYTES`].
    pub body: Vec<u8>,
    pub spilled: Option<SpilledBody>,
    /// From the start of sending to the last byte of the body.
    pub elapsed: Duration,
    /// This computer's clock minus the server's, in seconds, from the server's `Date` header when the answer
    /// arrived (positive: this computer is fast). `None` without a readable `Date`. Good to about a second.
    pub clock_difference_secs: Option<i64>,
}

impl HttpResponse {
    /// The size of the whole body, wherever it is.
    pub fn size(&self) -> u64 {
        self.spilled.as_ref().map_or(self.body.len() as u64, |s| s.len)
    }
}

/// Opens a new spill file in `config.dir` and writes what was received so far into it.
async fn start_spill(config: &SpillConfig, so_far: &[u8]) -> Result<(SpilledBody, tokio::fs::File), SendError> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let failed = |e: std::io::Error| SendError::Other(format!("could not save the answer to disk: {e}"));
    tokio::fs::create_dir_all(&config.dir).await.map_err(failed)?;
    let name = format!("response-{}-{}.body", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
    let path = config.dir.join(name);
    let mut file = tokio::fs::File::create(&path).await.map_err(failed)?;
    file.write_all(so_far).await.map_err(failed)?;
    Ok((SpilledBody { path, len: so_far.len() as u64 }, file))
}

/// This computer's clock minus the server's, from a `Date` header read at `received`.
pub fn clock_difference(headers: &[(String, String)], received: std::time::SystemTime) -> Option<i64> {
    let (_, date) = headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("date"))?;
    let server = httpdate::parse_http_date(date).ok()?;
    Some(match received.duration_since(server) {
        Ok(ahead) => ahead.as_secs_f64().round() as i64,
        Err(behind) => -(behind.duration().as_secs_f64().round() as i64),
    })
}

/// What was sent (the signature, for the inspector) and what came back.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub signed: SignedRequest,
    pub response: HttpResponse,
}

/// Why a send did not produce a response. Signing problems come first, before anything leaves the machine.
#[derive(Debug, thiserror::Error)]
pub enum SendFailure {
    #[error(transparent)]
    Sign(#[from] SignError),
    #[error(transparent)]
    Send(#[from] SendError),
}

/// One HTTP client, reused for every request (building one costs milliseconds).
#[derive(Debug, Clone)]
pub struct Sender {
    client: reqwest::Client,
    config: SenderConfig,
}

impl Sender {
    pub fn new(config: SenderConfig) -> Result<Self, SendError> {
        let client = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.total_timeout)
            .no_proxy()
            // NOTE: never follow a redirect: the signed headers, the key, the tenant code and the body would go with
            // it to whatever host the answer names. A 3xx is an answer (see `vk_core::redirect`).
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("VK-Workspace/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| SendError::Other(e.to_string()))?;
        Ok(Self { client, config })
    }

    pub fn config(&self) -> &SenderConfig {
        &self.config
    }

    /// Signs `request` with the current time and sends it to `base_url` + endpoint.
    pub async fn send_signed(
        &self,
        base_url: &str,
        request: &RequestSpec,
        credentials: &Credentials,
    ) -> Result<Exchange, SendFailure> {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        let signed = sign(request, credentials, now)?;
        let response = self.send(base_url, request, &signed).await?;
        Ok(Exchange { signed, response })
    }

    /// Sends an already signed request. The body goes out byte for byte as it was signed.
    pub async fn send(
        &self,
        base_url: &str,
        request: &RequestSpec,
        signed: &SignedRequest,
    ) -> Result<HttpResponse, SendError> {
        // The target as it was signed: percent-encoded once, so the client has nothing left to change.
        let url = format!("{}{}", base_url.trim_end_matches('/'), vk_core::target::wire_target(&request.endpoint));
        let method = reqwest::Method::from_bytes(request.method.as_bytes())
            .map_err(|_| SendError::InvalidUrl(format!("the method {} cannot be sent", request.method)))?;
        let mut builder = self.client.request(method, &url);
        for (name, value) in signed.headers() {
            builder = builder.header(name, value);
        }
        if !request.body.is_empty() {
            builder = builder.header("Content-Type", "application/json");
        }
        for (name, value) in &request.extra_headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        let outgoing =
            builder.body(request.body.clone()).build().map_err(|e| SendError::InvalidUrl(format!("{url} ({e})")))?;

        let started = Instant::now();
        let mut response =
            self.client.execute(outgoing).await.map_err(|e| classify::classify(&e, &url, &self.config))?;
        let received = std::time::SystemTime::now();
        let status = response.status();
        let headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect();
        let limit = self.config.max_body_bytes;
        if response.content_length().is_some_and(|len| len > limit) {
            return Err(SendError::BodyTooLarge { limit });
        }
        let mut body = Vec::new();
        let mut spill: Option<(SpilledBody, tokio::fs::File)> = None;
        while let Some(chunk) = response.chunk().await.map_err(|e| classify::classify(&e, &url, &self.config))? {
            let received = spill.as_ref().map_or(body.len() as u64, |(s, _)| s.len) + chunk.len() as u64;
            if received > limit {
                if let Some((spilled, _)) = spill {
                    let _ = tokio::fs::remove_file(&spilled.path).await;
                }
                return Err(SendError::BodyTooLarge { limit });
            }
            if spill.is_none() {
                if let Some(config) = self.config.spill.as_ref().filter(|c| received > c.over_bytes) {
                    spill = Some(start_spill(config, &body).await?);
                }
            }
            match spill.as_mut() {
                Some((spilled, file)) => {
                    file.write_all(&chunk)
                        .await
                        .map_err(|e| SendError::Other(format!("could not save the answer to disk: {e}")))?;
                    spilled.len += chunk.len() as u64;
                    if body.len() < SPILL_HEAD_BYTES {
                        let take = (SPILL_HEAD_BYTES - body.len()).min(chunk.len());
                        body.extend_from_slice(&chunk[..take]);
                    }
                }
                None => body.extend_from_slice(&chunk),
            }
        }
        let spilled = match spill {
            Some((spilled, mut file)) => {
                file.flush().await.map_err(|e| SendError::Other(format!("could not save the answer to disk: {e}")))?;
                body.truncate(SPILL_HEAD_BYTES);
                Some(spilled)
            }
            None => None,
        };
        Ok(HttpResponse {
            status: status.as_u16(),
            status_text: status.canonical_reason().unwrap_or("").to_string(),
            body,
            spilled,
            elapsed: started.elapsed(),
            clock_difference_secs: clock_difference(&headers, received),
            headers,
        })
    }
}
