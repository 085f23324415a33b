//! Sending: signs a request at the moment of sending, sends it with reqwest (rustls), times and bounds the answer.

mod classify;

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

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
}

impl Default for SenderConfig {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(60),
            max_body_bytes: 64 * 1024 * 1024,
        }
    }
}

/// A response as received: nothing parsed but the status line and headers.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    pub status: u16,
    pub status_text: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// From the start of sending to the last byte of the body.
    pub elapsed: Duration,
    /// This computer's clock minus the server's, in seconds, from the server's `Date` header when the answer
    /// arrived (positive: this computer is fast). `None` without a readable `Date`. Good to about a second.
    pub clock_difference_secs: Option<i64>,
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
        let url = format!("{}{}", base_url.trim_end_matches('/'), request.endpoint);
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
        while let Some(chunk) = response.chunk().await.map_err(|e| classify::classify(&e, &url, &self.config))? {
            if body.len() as u64 + chunk.len() as u64 > limit {
                return Err(SendError::BodyTooLarge { limit });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(HttpResponse {
            status: status.as_u16(),
            status_text: status.canonical_reason().unwrap_or("").to_string(),
            body,
            elapsed: started.elapsed(),
            clock_difference_secs: clock_difference(&headers, received),
            headers,
        })
    }
}
