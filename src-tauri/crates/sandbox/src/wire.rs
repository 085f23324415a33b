//! The connection's bytes, with one change: the bodiless 400/414/431 answers hyper writes on its own when it
//! cannot parse a request head become JSON envelopes, so that every answer the sandbox gives is one.
//! It must not touch any other byte: answers from the router pass through as written.

use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use vk_core::envelope::ApiError;
use vk_core::ApiErrorCode;

use crate::config::SandboxClock;
use crate::limits::{MAX_HEADERS, MAX_HEADER_BYTES};

/// A stream whose hyper-made error answers are rewritten (see the module note).
pub(crate) struct EnvelopeIo<S> {
    inner: S,
    clock: SandboxClock,
    /// A rewritten answer, and how much of it has been written.
    pending: Vec<u8>,
    sent: usize,
}

impl<S> EnvelopeIo<S> {
    pub fn new(inner: S, clock: SandboxClock) -> Self {
        Self { inner, clock, pending: Vec::new(), sent: 0 }
    }

    pub fn into_inner(self) -> S {
        self.inner
    }
}

/// Where in `buf` a hyper-made error answer starts, and its status. Hyper writes it last on a connection, alone
/// or after earlier answers: a head with `content-length: 0`, no content type, and nothing after it. The router's
/// answers always have a JSON body and a content type, and JSON never holds a raw CRLF, so they cannot match.
fn hyper_error_answer(buf: &[u8]) -> Option<(usize, u16)> {
    const START: &[u8] = b"HTTP/1.1 ";
    let at = buf.windows(START.len()).rposition(|w| w == START)?;
    let head = std::str::from_utf8(&buf[at..]).ok()?.to_ascii_lowercase();
    let status: u16 = head.get(START.len()..START.len() + 3)?.parse().ok()?;
    let bodiless = head.ends_with("\r\n\r\n") && head.matches("\r\n\r\n").count() == 1;
    let plain = head.contains("\r\ncontent-length: 0\r\n") && !head.contains("\r\ncontent-type:");
    (matches!(status, 400 | 414 | 431) && bodiless && plain).then_some((at, status))
}

fn envelope_answer(status: u16, clock: &SandboxClock) -> Vec<u8> {
    let (reason, message) = match status {
        414 => (
            "URI Too Long",
            "The request's address (path and query) is too long for the sandbox to read. The connection is \
             closed; shorten the address and send again."
                .to_string(),
        ),
        431 => (
            "Request Header Fields Too Large",
            format!(
                "The request's headers are too large: the sandbox reads at most {} KiB of headers and {MAX_HEADERS} \
                 header lines. The connection is closed; send fewer or shorter headers.",
                MAX_HEADER_BYTES / 1024
            ),
        ),
        _ => (
            "Bad Request",
            "The request could not be read as HTTP/1.1: its first line or one of its headers is malformed (or it \
             is not HTTP/1.1 at all). The connection is closed; send the request again as HTTP/1.1."
                .to_string(),
        ),
    };
    let mut error = ApiError::new(ApiErrorCode::ValidationError).with_message(message);
    error.http_status = status;
    let body = error.to_envelope().to_string();
    format!(
        "HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\
         date: {}\r\n\r\n{body}",
        body.len(),
        httpdate::fmt_http_date(clock.now())
    )
    .into_bytes()
}

impl<S: AsyncWrite + Unpin> EnvelopeIo<S> {
    fn poll_pending(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while self.sent < self.pending.len() {
            match ready!(Pin::new(&mut self.inner).poll_write(cx, &self.pending[self.sent..]))? {
                0 => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                n => self.sent += n,
            }
        }
        self.pending.clear();
        self.sent = 0;
        Poll::Ready(Ok(()))
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for EnvelopeIo<S> {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for EnvelopeIo<S> {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        ready!(this.poll_pending(cx))?;
        let Some((at, status)) = hyper_error_answer(buf) else {
            return Pin::new(&mut this.inner).poll_write(cx, buf);
        };
        this.pending.extend_from_slice(&buf[..at]);
        this.pending.extend_from_slice(&envelope_answer(status, &this.clock));
        // All of `buf` is taken; what is left of the rewrite goes out on the next write, flush or shutdown.
        if let Poll::Ready(Err(e)) = this.poll_pending(cx) {
            return Poll::Ready(Err(e));
        }
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.poll_pending(cx))?;
        Pin::new(&mut this.inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.poll_pending(cx))?;
        Pin::new(&mut this.inner).poll_shutdown(cx)
    }

    // NOTE: one buffer per write, so hyper flattens each answer and its head is always found whole.
    fn is_write_vectored(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_bodiless_hyper_errors_are_found() {
        let hyper = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\ndate: x\r\n\r\n";
        assert_eq!(hyper_error_answer(hyper), Some((0, 400)));
        let mut after = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}".to_vec();
        let start = after.len();
        after.extend_from_slice(b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\n\r\n");
        assert_eq!(hyper_error_answer(&after), Some((start, 431)));
        let ours = b"HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: 0\r\n\r\n";
        assert_eq!(hyper_error_answer(ours), None);
        assert_eq!(hyper_error_answer(b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n"), None);
        let rewritten = envelope_answer(431, &SandboxClock::default());
        let text = String::from_utf8(rewritten).unwrap();
        assert!(text.starts_with("HTTP/1.1 431 ") && text.contains("\"http_status\":431"), "{text}");
    }
}
