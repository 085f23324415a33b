//! The sandbox's HTTP server: body limit, authentication and rate limit in front of every route; envelopes only.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use vk_core::envelope::ApiError;
use vk_core::ApiErrorCode;

use crate::auth::{identify, verify_signature, IncomingRequest, Rejection};
use crate::config::SandboxConfig;
use crate::modules;

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("the sandbox only listens on this computer (loopback); {0} is not a loopback address")]
    NotLoopback(IpAddr),
    #[error("could not listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
}

pub(crate) struct Shared {
    pub config: SandboxConfig,
    limiter: Option<DefaultKeyedRateLimiter<String>>,
    pub wallet: modules::Wallet,
}

/// A JSON reply with the given status.
pub(crate) fn reply(status: StatusCode, body: &Value) -> Response {
    (status, axum::Json(body)).into_response()
}

pub(crate) fn error_reply(error: &ApiError) -> Response {
    let status = StatusCode::from_u16(error.http_status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    reply(status, &error.to_envelope())
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        let mut response = error_reply(&self.error);
        if let Some(secs) = self.retry_after_secs {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// Reads the whole body (bounded), authenticates over the raw target and bytes, then hands the bytes on.
async fn authenticate_layer(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let body = match axum::body::to_bytes(body, shared.config.max_body_bytes).await {
        Ok(bytes) => bytes,
        Err(_) => return Rejection::new(ApiErrorCode::PayloadTooLarge).into_response(),
    };
    let peer =
        parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()).unwrap_or(IpAddr::from([127, 0, 0, 1]));
    let target = parts.uri.path_and_query().map(|pq| pq.as_str()).unwrap_or("/");
    let incoming =
        IncomingRequest { method: parts.method.as_str(), target, headers: &parts.headers, body: &body, peer };
    let credential = match identify(&shared.config, &incoming) {
        Ok(c) => c,
        Err(rejection) => return rejection.into_response(),
    };
    if let Some(limiter) = &shared.limiter {
        if let Err(not_until) = limiter.check_key(&credential.api_key) {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            let mut rejection = Rejection::new(ApiErrorCode::RateLimited);
            rejection.retry_after_secs = Some(wait.as_secs_f64().ceil().max(1.0) as u64);
            return rejection.into_response();
        }
    }
    if let Err(rejection) = verify_signature(&shared.config, credential, &incoming, now_secs()) {
        return rejection.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(body))).await
}

/// The sandbox's router, for serving or for in-process tests.
pub fn router(config: SandboxConfig) -> Router {
    let limiter = config.rate_limit_per_second.map(|n| RateLimiter::keyed(Quota::per_second(n)));
    let shared = Arc::new(Shared { config, limiter, wallet: modules::Wallet::default() });
    modules::routes()
        .fallback(|| async { Rejection::new(ApiErrorCode::NotFound).into_response() })
        .method_not_allowed_fallback(|| async { Rejection::new(ApiErrorCode::MethodNotAllowed).into_response() })
        .layer(middleware::from_fn_with_state(shared.clone(), authenticate_layer))
        .with_state(shared)
}

/// A sandbox serving in the background; dropping it (or `stop`) shuts it down.
pub struct RunningSandbox {
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl RunningSandbox {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, lets requests in flight finish, and waits for the server task.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for RunningSandbox {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Binds `addr` (loopback only; port 0 picks a free one) and serves in a background task.
pub async fn start(config: SandboxConfig, addr: SocketAddr) -> Result<RunningSandbox, SandboxError> {
    if !addr.ip().is_loopback() {
        return Err(SandboxError::NotLoopback(addr.ip()));
    }
    let listener = TcpListener::bind(addr).await.map_err(|source| SandboxError::Bind { addr, source })?;
    let addr = listener.local_addr().map_err(|source| SandboxError::Bind { addr, source })?;
    let (tx, rx) = oneshot::channel::<()>();
    let app = router(config).into_make_service_with_connect_info::<SocketAddr>();
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
    });
    Ok(RunningSandbox { addr, shutdown: Some(tx), task: Some(task) })
}

/// Parses a JSON body for a handler; malformed JSON is a VALIDATION_ERROR naming the body.
pub(crate) fn json_body(body: &Bytes) -> Result<Value, ApiError> {
    serde_json::from_slice(body).map_err(|e| {
        ApiError::new(ApiErrorCode::ValidationError)
            .with_message(format!("The request body is not valid JSON: {e}"))
            .with_fields(vec![vk_core::envelope::FieldProblem {
                field: "body".into(),
                reason: format!("not valid JSON ({e})"),
            }])
    })
}
