//! The sandbox's router: the body read (bounded), authentication and rate limit in front of every route, the
//! request log around them; every answer an envelope. Serving it on a port is `listen`'s job.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{ConnectInfo, Path, RawQuery, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{on, MethodFilter};
use axum::Router;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde_json::Value;
use vk_core::catalog::{catalog, Endpoint};
use vk_core::envelope::{success, ApiError, FieldProblem};
use vk_core::ApiErrorCode;

use crate::auth::{identify, verify_signature, IncomingRequest, Rejection};
use crate::body::read_body;
use crate::config::SandboxConfig;
use crate::modules;
use crate::state::Store;

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("the sandbox only listens on this computer (loopback); {0} is not a loopback address")]
    NotLoopback(IpAddr),
    #[error("could not listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("could not open the request log {path}: {source}")]
    RequestLog { path: String, source: std::io::Error },
}

pub(crate) struct Shared {
    pub config: SandboxConfig,
    limiter: Option<DefaultKeyedRateLimiter<String>>,
    store: Store,
    /// One request counter per injected-failure rule.
    failure_counters: Vec<AtomicU64>,
    request_log: Option<std::sync::Mutex<std::fs::File>>,
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

/// Every answer carries a `Date` header by the sandbox's clock (which may be offset), as a real server's would.
async fn date_layer(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let date = httpdate::fmt_http_date(shared.config.clock.now());
    if let Ok(value) = HeaderValue::from_str(&date) {
        response.headers_mut().insert(header::DATE, value);
    }
    response
}

/// With a request log: one JSON line per request that arrives, written when its answer is ready, stamped with
/// the time it arrived (before authentication or the rate limit, so refused requests are counted too). The body is
/// read here exactly as authentication reads it: one that cannot be read is answered (and logged) as an error.
async fn request_log_layer(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let Some(log) = &shared.request_log else { return next.run(request).await };
    let arrived_ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis());
    let (parts, body) = request.into_parts();
    let mut line = serde_json::json!({
        "arrived_ms": arrived_ms as u64,
        "method": parts.method.as_str(),
        "target": parts.uri.path_and_query().map_or("/", |pq| pq.as_str()),
    });
    let response = match read_body(&parts.headers, body, &shared.config.limits).await {
        Ok(body) => {
            line["body"] = String::from_utf8_lossy(&body).into();
            next.run(Request::from_parts(parts, Body::from(body))).await
        }
        Err(problem) => {
            line["body"] = Value::Null;
            line["body_error"] = problem.describe().into();
            problem.into_response()
        }
    };
    line["status"] = response.status().as_u16().into();
    let mut text = line.to_string();
    text.push('\n');
    use std::io::Write;
    let _ = log.lock().unwrap_or_else(|p| p.into_inner()).write_all(text.as_bytes());
    response
}

/// Reads the whole body (bounded), authenticates over the raw target and bytes, then hands the bytes on.
async fn authenticate_layer(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let body = match read_body(&parts.headers, body, &shared.config.limits).await {
        Ok(bytes) => bytes,
        Err(problem) => return problem.into_response(),
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
    if let Err(rejection) = verify_signature(&shared.config, credential, &incoming, shared.config.clock.now_secs()) {
        return rejection.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(body))).await
}

/// The injected failure that applies to this request, if any (counting it against every matching rule).
fn injected_failure(shared: &Shared, endpoint_id: &str) -> Option<ApiError> {
    let mut chosen = None;
    for (rule, counter) in shared.config.failures.iter().zip(&shared.failure_counters) {
        if rule.endpoint == "*" || rule.endpoint == endpoint_id {
            let n = counter.fetch_add(1, Ordering::Relaxed) + 1;
            if n % u64::from(rule.every) == 0 && chosen.is_none() {
                let code =
                    if rule.status == 503 { ApiErrorCode::ServiceUnavailable } else { ApiErrorCode::InternalError };
                chosen = Some(ApiError::new(code).with_message(format!(
                    "{} (injected by the sandbox settings: every {} request(s))",
                    code.server_message(),
                    rule.every
                )));
            }
        }
    }
    chosen
}

/// A path parameter axum could not decode (`%ff` is not UTF-8): the envelope naming it, never axum's plain text.
fn bad_path(endpoint: &Endpoint, rejection: &PathRejection) -> ApiError {
    let field = endpoint.path_params.first().map_or("path", |p| p.name.as_str());
    let mut error = ApiError::new(ApiErrorCode::ValidationError)
        .with_message(format!(
            "The address could not be read: {field} is not valid text ({}). Percent-encoded bytes must be UTF-8, \
             for example %C3%A9 for \u{e9}.",
            rejection.body_text()
        ))
        .with_fields(vec![FieldProblem { field: field.into(), reason: "is not valid UTF-8 text".into() }]);
    error.http_status = 400;
    error
}

async fn serve_endpoint(
    shared: Arc<Shared>,
    endpoint: &'static Endpoint,
    handler: modules::Handler,
    params: Result<HashMap<String, String>, PathRejection>,
    query: Option<String>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let params = match params {
        Ok(params) => params,
        Err(rejection) => return error_reply(&bad_path(endpoint, &rejection)),
    };
    // The body was read whole by the authentication layer, so this cannot fail; if it did, it is still an envelope.
    let Ok(body) = body else {
        return crate::body::BodyProblem::Unreadable("the body was lost inside the sandbox".into()).into_response();
    };
    if !shared.config.latency.is_zero() {
        tokio::time::sleep(shared.config.latency).await;
    }
    if let Some(error) = injected_failure(&shared, &endpoint.id) {
        return error_reply(&error);
    }
    match modules::dispatch(endpoint, handler, &shared.store, params, query.as_deref(), &body) {
        Ok(data) => reply(StatusCode::OK, &success(data)),
        Err(error) => error_reply(&error),
    }
}

/// One route per catalog entry, each to its handler: the catalog is the single list of endpoints.
fn api_routes() -> Router<Arc<Shared>> {
    let mut router = Router::new();
    for endpoint in catalog() {
        let handler = modules::handler_for(&endpoint.id)
            .unwrap_or_else(|| panic!("catalog entry {} has no sandbox handler", endpoint.id));
        let method = Method::from_bytes(endpoint.method.as_bytes()).expect("catalog methods are valid");
        let filter = MethodFilter::try_from(method).expect("catalog methods are routable");
        let route = if endpoint.path_params.is_empty() {
            on(
                filter,
                move |State(shared): State<Arc<Shared>>,
                      RawQuery(query): RawQuery,
                      body: Result<Bytes, BytesRejection>| {
                    serve_endpoint(shared, endpoint, handler, Ok(HashMap::new()), query, body)
                },
            )
        } else {
            on(
                filter,
                move |State(shared): State<Arc<Shared>>,
                      params: Result<Path<HashMap<String, String>>, PathRejection>,
                      RawQuery(query): RawQuery,
                      body: Result<Bytes, BytesRejection>| {
                    serve_endpoint(shared, endpoint, handler, params.map(|Path(p)| p), query, body)
                },
            )
        };
        router = router.route(&endpoint.path, route);
    }
    router
}

/// The sandbox's router, for serving or for in-process tests.
pub fn router(config: SandboxConfig) -> Router {
    let limiter = config.rate_limit_per_second.map(|n| RateLimiter::keyed(Quota::per_second(n)));
    let failure_counters = config.failures.iter().map(|_| AtomicU64::new(0)).collect();
    let store = Store::new(config.otp_ttl, config.limits.clone());
    // NOTE: a log that cannot be opened is reported by `start`; `router` alone just goes without it.
    let request_log = config.request_log.as_ref().and_then(|path| open_log(path).ok()).map(std::sync::Mutex::new);
    let shared = Arc::new(Shared { config, limiter, store, failure_counters, request_log });
    api_routes()
        .fallback(|| async { Rejection::new(ApiErrorCode::NotFound).into_response() })
        .method_not_allowed_fallback(|| async { Rejection::new(ApiErrorCode::MethodNotAllowed).into_response() })
        .layer(middleware::from_fn_with_state(shared.clone(), authenticate_layer))
        .layer(middleware::from_fn_with_state(shared.clone(), request_log_layer))
        .layer(middleware::from_fn_with_state(shared.clone(), date_layer))
        .with_state(shared)
}

pub(crate) fn open_log(path: &std::path::Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new().create(true).append(true).open(path)
}
