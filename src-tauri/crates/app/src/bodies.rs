//! Answers of any size: the last few bodies are kept (in memory, or in the file they were streamed to) under a
//! handle; the page gets a view with the whole text only when it is small, and fetches larger bodies as raw
//! bytes by handle, so nothing large is ever encoded into IPC JSON or held twice.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use vk_core::envelope::{parse_error, pretty_json_or_reason};
use vk_core::shallow::{success_data_fields, success_data_fields_from_reader};
use vk_core::ApiErrorCode;
use vk_http::HttpResponse;

pub use crate::body::BodyRef;
use crate::error::AppError;
use crate::file_grants::FileGrants;
use crate::ipc::{ApiErrorView, BodyKind, HeaderPair, ResponseView, TextPage};
use crate::text_pages::{TextPages, PRETTY_MAX_BYTES};

/// Bodies up to this size travel in the view itself (and are shown at once); larger ones are fetched by handle.
pub const INLINE_VIEW_BYTES: u64 = 1024 * 1024;
/// Above this size an answer's summary is read from its file as a stream, not from a copy in memory.
const STREAM_SUMMARY_OVER: u64 = 128 * 1024 * 1024;
/// How many answers stay openable; older bodies are dropped (and their files deleted).
const KEPT: usize = 8;

/// The `Location` header of an answer, if it has one.
pub fn location(headers: &[(String, String)]) -> Option<&str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("location")).map(|(_, v)| v.as_str())
}

/// The last few bodies, by handle.
#[derive(Default)]
pub struct Bodies {
    kept: Mutex<VecDeque<(u64, BodyRef)>>,
    next: std::sync::atomic::AtomicU64,
    /// The text being read page by page (one at a time): its handle, whether pretty, and its rows.
    reading: Mutex<Option<(u64, bool, Arc<TextPages>)>>,
}

impl Bodies {
    /// Empties `dir` of bodies streamed there by an earlier run.
    pub fn clear_dir(dir: &Path) {
        if let Ok(entries) = std::fs::read_dir(dir) {
            for entry in entries.flatten() {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    fn keep(&self, body: BodyRef) -> u64 {
        let handle = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        kept.push_back((handle, body));
        while kept.len() > KEPT {
            if let Some((_, BodyRef::File { path, .. })) = kept.pop_front() {
                let _ = std::fs::remove_file(crate::text_pages::pretty_path(&path));
                let _ = std::fs::remove_file(path);
            }
        }
        handle
    }

    pub fn get(&self, handle: u64) -> Result<BodyRef, AppError> {
        let kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        kept.iter().find(|(h, _)| *h == handle).map(|(_, b)| b.clone()).ok_or_else(|| {
            AppError::invalid(
                "That answer is no longer kept (only the last few are). Open it from history or send again.",
            )
        })
    }

    /// Shapes an answer for the page and keeps its body under a new handle.
    pub fn view(&self, response: &HttpResponse) -> ResponseView {
        let body = match &response.spilled {
            Some(spilled) => BodyRef::File { path: spilled.path.clone(), len: spilled.len },
            None => BodyRef::Memory(Arc::new(response.body.clone())),
        };
        let view = self.view_of(
            response.status,
            &response.status_text,
            response.elapsed.as_secs_f64() * 1000.0,
            &response.headers,
            &response.body,
            body,
        );
        ResponseView { clock_difference_secs: response.clock_difference_secs, ..view }
    }

    /// Shapes an answer from its parts; `first_bytes` is the whole body, or its start when it is on disk.
    pub fn view_of(
        &self,
        status: u16,
        status_text: &str,
        elapsed_ms: f64,
        headers: &[(String, String)],
        first_bytes: &[u8],
        body: BodyRef,
    ) -> ResponseView {
        let size = body.len();
        let whole = size <= INLINE_VIEW_BYTES && first_bytes.len() as u64 == size;
        let content_type = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        let kind = body_kind(&content_type, first_bytes, size);
        // Error envelopes are small: only a body that is all here is read for one.
        let api_error = whole.then(|| parse_error(first_bytes)).flatten().map(|e| ApiErrorView {
            explanation: ApiErrorCode::parse(&e.code).map(ApiErrorCode::explanation),
            code: e.code,
            message: e.message,
            http_status: e.http_status,
            fields: e.fields,
        });
        let body_file = match &body {
            BodyRef::File { path, .. } if !whole => Some(path.to_string_lossy().into_owned()),
            _ => None,
        };
        // An answer nested too deep to lay out is shown as it came, with the reason.
        let (body_pretty, body_pretty_refused) = match whole && kind == BodyKind::Json {
            true => match pretty_json_or_reason(first_bytes) {
                Ok(pretty) => (Some(pretty), None),
                Err(reason) => {
                    (None, reason.map(|r| format!("Shown as it came: the answer is {r}, too deep to lay out.")))
                }
            },
            false => (None, None),
        };
        let handle = self.keep(body);
        ResponseView {
            status,
            status_text: status_text.to_string(),
            elapsed_ms,
            size_bytes: size,
            headers: headers.iter().map(|(n, v)| HeaderPair { name: n.clone(), value: v.clone() }).collect(),
            body_pretty,
            body_pretty_refused,
            body_text: if whole && kind != BodyKind::Binary {
                String::from_utf8_lossy(first_bytes).into_owned()
            } else {
                String::new()
            },
            body_complete: whole,
            body_handle: handle,
            body_kind: kind,
            content_type,
            api_error,
            redirect: None,
            clock_difference_secs: None,
            large_data: None,
            body_file,
        }
    }
}

/// JSON, text, binary or empty: by the content type, and by whether the bytes are text at all.
fn body_kind(content_type: &str, first_bytes: &[u8], size: u64) -> BodyKind {
    if size == 0 {
        return BodyKind::Empty;
    }
    // The head of a large body may end inside a character: an incomplete last character is still text.
    let truncated = (first_bytes.len() as u64) < size;
    let sample = match std::str::from_utf8(first_bytes) {
        Ok(_) => first_bytes,
        Err(e) if truncated && e.error_len().is_none() => &first_bytes[..e.valid_up_to()],
        Err(_) => return BodyKind::Binary,
    };
    if sample.contains(&0) {
        return BodyKind::Binary;
    }
    let trimmed = sample.iter().find(|b| !b.is_ascii_whitespace());
    if content_type.contains("json") || matches!(trimmed, Some(b'{') | Some(b'[')) {
        BodyKind::Json
    } else {
        BodyKind::Text
    }
}

impl Bodies {
    /// The whole body of a kept answer.
    pub async fn bytes(&self, handle: u64) -> Result<Vec<u8>, AppError> {
        let body = self.get(handle)?;
        tokio::task::spawn_blocking(move || body.read())
            .await?
            .map_err(|e| AppError::internal(format!("The answer could not be read back: {e}")))
    }

    /// Rows of a kept answer as text (as it came, or pretty-printed), for reading an answer too large to show whole.
    pub async fn text_page(
        self: &Arc<Self>,
        handle: u64,
        pretty: bool,
        start: u64,
        count: u32,
    ) -> Result<TextPage, AppError> {
        let body = self.get(handle)?;
        if pretty && body.len() > PRETTY_MAX_BYTES {
            return Err(AppError::invalid(format!(
                "Pretty lays out answers up to {} MB, and this one is {} MB. Use Raw or the Tree, or save it to a file.",
                PRETTY_MAX_BYTES >> 20,
                body.len() >> 20
            )));
        }
        let bodies = self.clone();
        tokio::task::spawn_blocking(move || {
            let pages = {
                let reading = bodies.reading.lock().unwrap_or_else(|p| p.into_inner());
                match reading.as_ref() {
                    Some((h, p, pages)) if *h == handle && *p == pretty => Some(pages.clone()),
                    _ => None,
                }
            };
            let pages = match pages {
                Some(pages) => pages,
                None => {
                    let pages = Arc::new(TextPages::build(&body, pretty)?);
                    *bodies.reading.lock().unwrap_or_else(|p| p.into_inner()) = Some((handle, pretty, pages.clone()));
                    pages
                }
            };
            Ok::<_, std::io::Error>(TextPage { rows: pages.page(start, count.min(2000))?, total: pages.rows() })
        })
        .await?
        .map_err(|e| match vk_core::pretty::is_too_deep(&e) {
            true => AppError::invalid(format!(
                "Pretty cannot lay out this answer: it is {e}. Use Raw to read it as it came."
            )),
            false => AppError::internal(format!("The answer could not be read back: {e}")),
        })
    }

    /// Reads the top of a large JSON answer's `data` for its summary, off the async executor (one pass, then the
    /// bytes are let go). Small answers are summarised from their text by the page.
    pub async fn with_large_data(&self, mut view: ResponseView) -> ResponseView {
        if view.body_complete || view.body_kind != BodyKind::Json || view.api_error.is_some() {
            return view;
        }
        let Ok(body) = self.get(view.body_handle) else { return view };
        // Read whole when that is cheap (fastest); a very large answer is read as a stream instead.
        view.large_data = tokio::task::spawn_blocking(move || match &body {
            BodyRef::File { path, len } if *len > STREAM_SUMMARY_OVER => {
                std::fs::File::open(path).ok().and_then(|f| success_data_fields_from_reader(std::io::BufReader::new(f)))
            }
            _ => body.read().ok().and_then(|b| success_data_fields(&b)),
        })
        .await
        .ok()
        .flatten();
        view
    }

    /// Writes the whole body of a kept answer to `path` (a file the user chose); returns its size.
    pub async fn save(&self, handle: u64, path: PathBuf, grants: &FileGrants) -> Result<u64, AppError> {
        let body = self.get(handle)?;
        grants.take(&path)?;
        tokio::task::spawn_blocking(move || match &body {
            BodyRef::Memory(bytes) => std::fs::write(&path, bytes.as_ref()).map(|()| bytes.len() as u64),
            BodyRef::File { path: from, .. } => std::fs::copy(from, &path),
        })
        .await?
        .map_err(|e| AppError::invalid(format!("The file could not be written: {e}.")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_told_apart() {
        assert_eq!(body_kind("application/json", br#"{"a":1}"#, 7), BodyKind::Json);
        assert_eq!(body_kind("", b"  [1,2]", 7), BodyKind::Json);
        assert_eq!(body_kind("text/plain", "नमस्ते".as_bytes(), 18), BodyKind::Text);
        assert_eq!(body_kind("image/png", &[0x89, b'P', b'N', b'G', 0, 1], 6), BodyKind::Binary);
        assert_eq!(body_kind("text/plain", &[0xff, 0xfe, b'a'], 3), BodyKind::Binary);
        assert_eq!(body_kind("application/json", b"", 0), BodyKind::Empty);
        // The head of a large body cut inside a character is still text.
        let head = "अ".repeat(10).into_bytes();
        assert_eq!(body_kind("text/plain", &head[..29], 1000), BodyKind::Text);
    }

    #[test]
    fn only_the_last_few_answers_are_kept_and_their_files_removed() {
        let dir = std::env::temp_dir().join(format!("vk-bodies-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let bodies = Bodies::default();
        let first_file = dir.join("first.body");
        std::fs::write(&first_file, b"{}").unwrap();
        let first = bodies.view_of(200, "OK", 1.0, &[], b"{}", BodyRef::File { path: first_file.clone(), len: 2 });
        for _ in 0..KEPT {
            bodies.view_of(200, "OK", 1.0, &[], b"x", BodyRef::Memory(Arc::new(b"x".to_vec())));
        }
        assert!(bodies.get(first.body_handle).is_err(), "the oldest is gone");
        assert!(!first_file.exists(), "and its file with it");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn large_bodies_are_not_put_in_the_view() {
        let bodies = Bodies::default();
        let big = vec![b'['; (INLINE_VIEW_BYTES + 1) as usize];
        let view = bodies.view_of(200, "OK", 1.0, &[], &big, BodyRef::Memory(Arc::new(big.clone())));
        assert!(!view.body_complete && view.body_text.is_empty() && view.body_pretty.is_none());
        assert_eq!(view.size_bytes, INLINE_VIEW_BYTES + 1);
        assert_eq!(bodies.get(view.body_handle).unwrap().read().unwrap().len(), big.len());
    }
}
