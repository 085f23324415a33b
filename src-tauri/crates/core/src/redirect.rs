//! What a 3xx answer means for a signed request, in plain words. VK Workspace never follows a redirect: the
//! signature, the API key and the tenant code would go with the request to wherever the server points.

/// The message for a 3xx answer with `location` (its `Location` header, if any) to a request sent to
/// `base_url` + `target`; `None` when `status` is not a redirect (or 304, which is no redirect).
pub fn redirect_message(status: u16, location: Option<&str>, base_url: &str, target: &str) -> Option<String> {
    if !(300..400).contains(&status) || status == 304 {
        return None;
    }
    let base_url = base_url.trim_end_matches('/');
    let Some(location) = location.map(str::trim).filter(|l| !l.is_empty()) else {
        return Some(format!(
            "The server answered {status}, a redirect, without saying where to. VK Workspace does not follow \
             redirects, because the signature and key would go with the request. Check the server address."
        ));
    };
    let sent = format!("{base_url}{target}");
    let absolute = url::Url::parse(&sent).and_then(|from| from.join(location));
    if let (Ok(from), Ok(to)) = (url::Url::parse(&sent), absolute.as_ref()) {
        let same_host = from.host_str() == to.host_str();
        let same_target = from[url::Position::BeforePath..] == to[url::Position::BeforePath..];
        if from.scheme() == "http" && to.scheme() == "https" && same_host && same_target {
            let https = format!("https://{}", &to[url::Position::BeforeHost..url::Position::AfterPort]);
            return Some(format!(
                "The server wants secure connections: use {https} as the server address (instead of {base_url}). \
                 VK Workspace does not follow the redirect, because the signature and key would go with it."
            ));
        }
    }
    let shown = absolute.map_or_else(|_| location.to_string(), |u| u.to_string());
    Some(format!(
        "The server sent this request to another address: {shown}. VK Workspace does not follow it, because the \
         signature and key would go with it. If that address is right, use it as the server address."
    ))
}

#[cfg(test)]
mod tests {
    use super::redirect_message;

    #[test]
    fn another_host_is_named_and_not_followed() {
        let m =
            redirect_message(302, Some("http://elsewhere.example/x"), "http://127.0.0.1:8787", "/api/v1/a").unwrap();
        assert!(m.starts_with("The server sent this request to another address: http://elsewhere.example/x."), "{m}");
        assert!(m.contains("does not follow it"), "{m}");
        let m = redirect_message(307, Some("/login"), "https://vistarkriya.com/", "/api/v1/a").unwrap();
        assert!(m.contains("https://vistarkriya.com/login"), "a relative Location is shown whole: {m}");
    }

    #[test]
    fn http_to_https_of_the_same_host_names_the_address_to_use() {
        let m = redirect_message(
            301,
            Some("https://vistarkriya.com/api/v1/a?b=1"),
            "http://vistarkriya.com",
            "/api/v1/a?b=1",
        )
        .unwrap();
        assert!(m.contains("use https://vistarkriya.com as the server address"), "{m}");
        let m = redirect_message(308, Some("https://127.0.0.1:9443/api/v1/a"), "http://127.0.0.1:9443", "/api/v1/a")
            .unwrap();
        assert!(m.contains("use https://127.0.0.1:9443 as"), "{m}");
    }

    #[test]
    fn only_redirects_have_a_message() {
        for status in [200, 204, 304, 400, 401, 500] {
            assert_eq!(redirect_message(status, Some("http://x/"), "http://h", "/a"), None, "{status}");
        }
        assert!(redirect_message(302, None, "http://h", "/a").unwrap().contains("without saying where to"));
    }
}
