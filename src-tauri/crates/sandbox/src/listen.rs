//! Serving the router on a loopback port: HTTP/1.1 with the header read timeout and size limits, hyper's own
//! error answers made envelopes (`wire`), a lingering close, and a graceful stop. No request logic lives here.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::response::Response;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{oneshot, watch};
use tokio::task::{JoinHandle, JoinSet};
use tower::ServiceExt;

use crate::config::{SandboxClock, SandboxConfig};
use crate::limits::{Limits, LINGER, LINGER_BYTES, MAX_HEADERS, MAX_HEADER_BYTES};
use crate::server::{open_log, router, SandboxError};
use crate::wire::EnvelopeIo;

/// A sandbox serving in the background; dropping it (or `stop`) shuts it down.
pub struct RunningSandbox {
    addr: SocketAddr,
    clock: SandboxClock,
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

    /// The sandbox's clock, to set it ahead or behind while it runs.
    pub fn clock(&self) -> &SandboxClock {
        &self.clock
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
    if let Some(path) = &config.request_log {
        open_log(path).map_err(|source| SandboxError::RequestLog { path: path.display().to_string(), source })?;
    }
    let listener = TcpListener::bind(addr).await.map_err(|source| SandboxError::Bind { addr, source })?;
    let addr = listener.local_addr().map_err(|source| SandboxError::Bind { addr, source })?;
    let (tx, rx) = oneshot::channel::<()>();
    let clock = config.clock.clone();
    let limits = config.limits.clone();
    let app = router(config);
    let task = tokio::spawn(serve(listener, app, limits, clock.clone(), rx));
    Ok(RunningSandbox { addr, clock, shutdown: Some(tx), task: Some(task) })
}

async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    clock: SandboxClock,
    mut stop: oneshot::Receiver<()>,
) {
    let (closing, closing_rx) = watch::channel(false);
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    let connection = Connection { app: app.clone(), limits: limits.clone(), clock: clock.clone(), peer };
                    connections.spawn(connection.serve(stream, closing_rx.clone()));
                }
                // NOTE: out of file descriptors and the like; a pause instead of a busy loop, as axum does.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener);
    let _ = closing.send(true);
    while connections.join_next().await.is_some() {}
}

type Answer = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

struct Connection {
    app: Router,
    limits: Limits,
    clock: SandboxClock,
    peer: SocketAddr,
}

impl Connection {
    async fn serve(self, stream: TcpStream, mut closing: watch::Receiver<bool>) {
        let _ = stream.set_nodelay(true);
        let (app, peer) = (self.app, self.peer);
        let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| -> Answer {
            let mut request = request.map(Body::new);
            request.extensions_mut().insert(ConnectInfo(peer));
            Box::pin(app.clone().oneshot(request))
        });
        let mut builder = http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            // A client that closes its sending side after the request still gets the answer.
            .half_close(true)
            .header_read_timeout(self.limits.header_read_timeout)
            .max_header_size(MAX_HEADER_BYTES)
            .max_headers(MAX_HEADERS);
        let mut conn = builder.serve_connection(TokioIo::new(EnvelopeIo::new(stream, self.clock)), service);
        let mut stopping = false;
        let ended = loop {
            tokio::select! {
                ended = std::future::poll_fn(|cx| conn.poll_without_shutdown(cx)) => break ended,
                _ = closing.changed(), if !stopping => {
                    stopping = true;
                    Pin::new(&mut conn).graceful_shutdown();
                }
            }
        };
        let _ = ended;
        let mut stream = conn.into_parts().io.into_inner().into_inner();
        linger(&mut stream, closing).await;
    }
}

/// Closes our side, then reads and drops what the client still sends (bounded), so that an answer given before
/// the whole request arrived is not destroyed by the reset a close with unread data causes.
async fn linger(stream: &mut TcpStream, mut closing: watch::Receiver<bool>) {
    if stream.shutdown().await.is_err() {
        return;
    }
    let drain = async {
        let mut buf = vec![0u8; 16 * 1024];
        let mut left = LINGER_BYTES;
        while left > 0 {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => left = left.saturating_sub(n as u64),
            }
        }
    };
    tokio::select! {
        _ = tokio::time::timeout(LINGER, drain) => {}
        _ = closing.wait_for(|stop| *stop) => {}
    }
}
