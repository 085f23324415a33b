//! Golden files: each generator's output for fixed requests, so any change to generated code is reviewed as
//! a diff. `UPDATE_GOLDEN=1 cargo test -p vk-core --test snippet_golden` rewrites them.

use std::path::PathBuf;

use vk_core::snippet::{generate, presigned_curl, Language, Options, PythonClient, Target};
use vk_core::{ApiSecret, RequestSpec};

const TARGET: Target<'static> =
    Target { base_url: "https://vistarkriya.com", api_key: "vk_live_your_api_key_here", tenant_code: "123456" };

/// A body with everything that is hard to quote: quotes, a backslash, `$`, line breaks and Hindi text.
const AWKWARD_BODY: &str =
    "{\n  \"name\": \"Asha \\\"Didi\\\" Verma — आशा वर्मा\",\n  \"city\": \"C:\\\\Pune $HOME 'x'\"\n}";

fn extension(language: Language) -> &'static str {
    match language {
        Language::Php => "php",
        Language::Rust => "rs",
        Language::Curl => "sh",
        Language::Python => "py",
        Language::Javascript => "mjs",
        Language::Java => "java",
        Language::Go => "go",
    }
}

fn check(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", path.display()));
    assert!(expected == actual, "{name} differs from its golden file; review the change, then UPDATE_GOLDEN=1");
}

#[test]
fn every_generator_matches_its_golden_files() {
    let post = RequestSpec::new("POST", "/api/v1/customers", AWKWARD_BODY);
    let get = RequestSpec::new("GET", "/api/v1/wallet/core/transactions?page=1&per_page=5", "");
    for language in Language::ALL {
        for (kind, request) in [("post", &post), ("get", &get)] {
            let snippet = generate(language, request, &TARGET, &Options::default()).unwrap();
            check(&format!("{}-{kind}.{}", language.cli_name(), extension(language)), &snippet.text);
        }
    }
    let requests = Options { python_client: PythonClient::Requests, ..Options::default() };
    check("python-requests-post.py", &generate(Language::Python, &post, &TARGET, &requests).unwrap().text);
}

#[test]
fn the_presigned_curl_matches_its_golden_file() {
    let post = RequestSpec::new("POST", "/api/v1/customers", AWKWARD_BODY);
    let secret = ApiSecret::new("demo-secret");
    check("curl-presigned.sh", &presigned_curl(&post, &TARGET, &secret, 1_739_612_345).unwrap());
}
