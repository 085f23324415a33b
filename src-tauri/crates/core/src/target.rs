//! The request target as it goes on the wire: the endpoint a person typed (`?city=Puné`, a Devanagari path
//! segment) percent-encoded once, before signing, exactly as the HTTP client would send it, so what is signed is
//! what is sent. What is already percent-encoded stays as it is; nothing else is rewritten.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether the URL standard percent-encodes this ASCII byte in the path (`in_query == false`) or the query of an
/// http(s) URL: controls, space, `"`, `#`, `<`, `>` everywhere; `?`, `` ` ``, `{`, `}` in the path; `'` in the query.
fn encoded(byte: u8, in_query: bool) -> bool {
    match byte {
        0x00..=0x20 | 0x7f | b'"' | b'#' | b'<' | b'>' => true,
        b'`' | b'{' | b'}' => !in_query,
        b'\'' => in_query,
        _ => false,
    }
}

/// `endpoint` with every non-ASCII character and every byte the URL standard encodes written as `%XX` (upper
/// case hex, as the HTTP client writes it). `%` itself is left alone, so an endpoint already encoded is unchanged.
pub fn wire_target(endpoint: &str) -> Cow<'_, str> {
    let query_from = endpoint.find('?').unwrap_or(endpoint.len());
    let needs = endpoint.bytes().enumerate().any(|(i, b)| !b.is_ascii() || encoded(b, i > query_from));
    if !needs {
        return Cow::Borrowed(endpoint);
    }
    let mut out = String::with_capacity(endpoint.len() * 3);
    for (i, b) in endpoint.bytes().enumerate() {
        if !b.is_ascii() || encoded(b, i > query_from) {
            let _ = write!(out, "%{b:02X}");
        } else {
            out.push(b as char);
        }
    }
    Cow::Owned(out)
}

/// Where the HTTP client would still change an encoded target (dot segments such as `/a/../b` are resolved, a
/// backslash becomes `/`): the target it would send instead, so signing can refuse rather than sign one string and
/// send another. `None` when it goes out as it is.
pub fn changed_on_the_way(target: &str) -> Option<String> {
    let url = url::Url::parse(&format!("http://host.invalid{target}")).ok()?;
    let sent = &url[url::Position::BeforePath..];
    (sent != target).then(|| sent.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the HTTP client (reqwest, through the `url` crate) sends for the same endpoint.
    fn as_sent(endpoint: &str) -> String {
        let url = url::Url::parse(&format!("http://127.0.0.1:8787{endpoint}")).unwrap();
        url[url::Position::BeforePath..].to_string()
    }

    #[test]
    fn non_ascii_is_encoded_once_as_the_client_sends_it() {
        for endpoint in [
            "/api/v1/customers?city=Puné",
            "/api/v1/customers?city=पुणे&name=रमेश%20कुमार",
            "/api/v1/customers/रमेश-é",
            "/api/v1/customers?q=\"a\"<b>&x='y'&t=`{}`",
            "/api/v1/x`{y}?z",
            "/api/v1/customers?city=S%C3%A3o%20Paulo&note=café",
            "/api/v1/wallet/core/balance",
        ] {
            let target = wire_target(endpoint);
            assert_eq!(target, as_sent(endpoint), "{endpoint}");
            assert!(target.is_ascii());
            assert_eq!(wire_target(&target), target, "encoding twice changes nothing: {endpoint}");
            assert_eq!(changed_on_the_way(&target), None, "{endpoint}");
        }
        assert_eq!(wire_target("/api/v1/customers?city=Puné"), "/api/v1/customers?city=Pun%C3%A9");
        assert!(matches!(wire_target("/api/v1/wallet/core/balance"), Cow::Borrowed(_)));
    }

    #[test]
    fn what_the_client_would_rewrite_is_found() {
        assert_eq!(changed_on_the_way("/api/v1/x/../wallet"), Some("/api/v1/wallet".into()));
        assert_eq!(changed_on_the_way("/api/v1\\wallet"), Some("/api/v1/wallet".into()));
        assert_eq!(changed_on_the_way("/api/v1/wallet?a=../b"), None);
        assert_eq!(changed_on_the_way("//elsewhere.example/api"), None, "a path, never a host");
    }
}
