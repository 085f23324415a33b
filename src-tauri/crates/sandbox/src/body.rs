//! Reading a request body once, bounded in size and time. A body that cannot be read is an error envelope
//! (413 or 400) and the connection closes; it is never passed on as an empty body.

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use vk_core::envelope::{ApiError, FieldProblem};
use vk_core::ApiErrorCode;

use crate::auth::Rejection;
use crate::limits::Limits;

/// Why a body could not be read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum BodyProblem {
    /// Longer than the limit (by its Content-Length, or as it arrived).
    TooLarge { limit: usize },
    /// Cut off, a malformed chunk, or a read error: what hyper reported.
    Unreadable(String),
    /// Not all there within the body read timeout.
    TimedOut { secs: f64 },
}

fn size(bytes: usize) -> String {
    const MIB: usize = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{bytes} bytes")
    }
}

impl BodyProblem {
    /// In a few words, for the request log.
    pub fn describe(&self) -> String {
        match self {
            Self::TooLarge { limit } => format!("larger than {}", size(*limit)),
            Self::Unreadable(why) => format!("could not be read: {why}"),
            Self::TimedOut { secs } => format!("did not arrive within {secs} s"),
        }
    }

    fn error(&self) -> ApiError {
        let unreadable = |message: String| {
            let mut error = ApiError::new(ApiErrorCode::ValidationError)
                .with_message(message)
                .with_fields(vec![FieldProblem { field: "body".into(), reason: self.describe() }]);
            // NOTE: 400, not VALIDATION_ERROR's usual 422: nothing in the body was understood at all.
            error.http_status = 400;
            error
        };
        match self {
            Self::TooLarge { limit } => ApiError::new(ApiErrorCode::PayloadTooLarge).with_message(format!(
                "Request body too large: the sandbox accepts at most {}. Send less data in one request.",
                size(*limit)
            )),
            Self::Unreadable(why) => unreadable(format!(
                "The request body could not be read ({why}): it was cut off, or its chunked encoding is broken. \
                 The connection is closed; send the request again with the whole body."
            )),
            Self::TimedOut { secs } => unreadable(format!(
                "The request body did not arrive within {secs} seconds. The connection is closed; send the \
                 request again with the whole body at once."
            )),
        }
    }

    /// The envelope, with `Connection: close` (the rest of the body, if any, is not read).
    pub fn into_response(self) -> Response {
        let mut response = Rejection { error: self.error(), retry_after_secs: None }.into_response();
        response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
        response
    }
}

/// The error and its causes, as one line.
fn chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let more = cause.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = cause.source();
    }
    text
}

/// The whole body, at most `limits.max_body_bytes`, within `limits.body_read_timeout`.
pub(crate) async fn read_body(headers: &HeaderMap, body: Body, limits: &Limits) -> Result<Bytes, BodyProblem> {
    let limit = limits.max_body_bytes;
    // A declared length over the limit is refused before a byte of it is read.
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > limit as u64) {
        return Err(BodyProblem::TooLarge { limit });
    }
    match tokio::time::timeout(limits.body_read_timeout, Limited::new(body, limit).collect()).await {
        Err(_) => Err(BodyProblem::TimedOut { secs: limits.body_read_timeout.as_secs_f64() }),
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(error)) if error.downcast_ref::<LengthLimitError>().is_some() => Err(BodyProblem::TooLarge { limit }),
        Ok(Err(error)) => Err(BodyProblem::Unreadable(chain(error.as_ref()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size(1024 * 1024), "1 MiB");
        assert_eq!(size(1000), "1000 bytes");
        let problem = BodyProblem::TooLarge { limit: 1024 * 1024 };
        assert_eq!(problem.describe(), "larger than 1 MiB");
        assert_eq!(problem.error().http_status, 413);
        let cut = BodyProblem::Unreadable("unexpected end of file".into()).error();
        assert_eq!(
            (cut.code.as_str(), cut.http_status, cut.fields[0].field.as_str()),
            ("VALIDATION_ERROR", 400, "body")
        );
    }
}
