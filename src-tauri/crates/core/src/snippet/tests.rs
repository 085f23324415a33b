//! Unit tests of the generators' rules: where the secret may appear, and what input is refused.

use super::*;

const SECRET: &str = "s3cr3t-\"only'in$the\\store";

fn target() -> Target<'static> {
    Target { base_url: "http://127.0.0.1:8787/", api_key: "vk_test_key", tenant_code: "123456" }
}

fn request() -> RequestSpec {
    RequestSpec::new("POST", "/api/v1/customers", "{\"name\": \"राम\"}")
}

#[test]
fn the_secret_is_only_in_code_that_asked_for_it() {
    let secret = ApiSecret::new(SECRET);
    for language in Language::ALL {
        for client in [PythonClient::Urllib, PythonClient::Requests] {
            let plain =
                generate(language, &request(), &target(), &Options { python_client: client, ..Options::default() })
                    .unwrap();
            assert!(!plain.text.contains("s3cr3t"), "{language:?} holds the secret without being asked");
            assert!(plain.text.contains(SECRET_VARIABLE), "{language:?} does not read {SECRET_VARIABLE}");
            assert!(!plain.text.contains("WARNING"), "{language:?}");

            let options = Options { secret: SecretIn::Inline(&secret), python_client: client };
            let inline = generate(language, &request(), &target(), &options).unwrap();
            assert!(inline.text.contains("s3cr3t"), "{language:?} left out the inline secret");
            assert!(inline.text.contains("WARNING: this file contains the API secret"), "{language:?}");
        }
    }
    let presigned = presigned_curl(&request(), &target(), &secret, 1_739_612_345).unwrap();
    assert!(!presigned.contains("s3cr3t"));
}

#[test]
fn the_base_url_loses_its_final_slash() {
    let snippet = generate(Language::Python, &request(), &target(), &Options::default()).unwrap();
    assert!(snippet.text.contains("BASE_URL = 'http://127.0.0.1:8787'\n"), "{}", snippet.text);
}

#[test]
fn what_cannot_be_exported_is_refused_with_a_reason() {
    let options = Options::default();
    let lower = RequestSpec::new("post", "/api/v1/customers", "");
    assert!(matches!(generate(Language::Go, &lower, &target(), &options), Err(SnippetError::Request(_))));
    let binary = RequestSpec::new("POST", "/api/v1/customers", vec![0xff, 0xfe]);
    assert_eq!(generate(Language::Go, &binary, &target(), &options), Err(SnippetError::BodyNotText));
    for base_url in ["vistarkriya.com", "ftp://x", "https://a b", ""] {
        let t = Target { base_url, ..target() };
        let err = generate(Language::Php, &request(), &t, &options).unwrap_err();
        assert!(err.to_string().contains("must start with http:// or https://"), "{base_url}: {err}");
    }
    let t = Target { tenant_code: "123\n456", ..target() };
    assert_eq!(generate(Language::Php, &request(), &t, &options), Err(SnippetError::Credential("tenant code")));
    let mut with_header = request();
    with_header.extra_headers.push(("X-Signature".into(), "x".into()));
    let err = generate(Language::Java, &with_header, &target(), &options).unwrap_err();
    assert!(err.to_string().contains("sets the X-Signature header itself"), "{err}");
}

#[test]
fn command_line_names() {
    assert_eq!(Language::from_cli_name("js"), Some(Language::Javascript));
    assert_eq!(Language::from_cli_name("JavaScript"), Some(Language::Javascript));
    assert_eq!(Language::from_cli_name("PHP"), Some(Language::Php));
    assert_eq!(Language::from_cli_name("cobol"), None);
    for language in Language::ALL {
        assert_eq!(Language::from_cli_name(language.cli_name()), Some(language));
    }
}
