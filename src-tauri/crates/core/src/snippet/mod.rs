//! Code export: pure functions from a request and a target language to source code that signs at run time.
//!
//! Every snippet computes the timestamp and the HMAC-SHA256 signature when it runs, exactly as the app
//! does, reads the secret from `VK_API_SECRET` (unless the caller asks for it inline), and embeds the body
//! as a string literal whose bytes are the bytes sent and signed.

mod curl;
mod go;
mod java;
mod javascript;
mod literal;
mod php;
mod python;
mod rust;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::request::RequestSpec;
use crate::secret::ApiSecret;
use crate::sign::{check_method, SignError};

pub use curl::presigned_curl;

/// The environment variable every snippet reads the API secret from.
pub const SECRET_VARIABLE: &str = "VK_API_SECRET";

/// The languages code can be exported to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Language {
    Php,
    Rust,
    Curl,
    Python,
    Javascript,
    Java,
    Go,
}

impl Language {
    pub const ALL: [Language; 7] = [
        Language::Php,
        Language::Rust,
        Language::Curl,
        Language::Python,
        Language::Javascript,
        Language::Java,
        Language::Go,
    ];

    /// The name people know it by, for tabs and messages.
    pub fn label(self) -> &'static str {
        match self {
            Language::Php => "PHP",
            Language::Rust => "Rust",
            Language::Curl => "curl",
            Language::Python => "Python",
            Language::Javascript => "JavaScript",
            Language::Java => "Java",
            Language::Go => "Go",
        }
    }

    /// The name the command line accepts (`--lang`).
    pub fn cli_name(self) -> &'static str {
        match self {
            Language::Javascript => "js",
            other => other.id(),
        }
    }

    fn id(self) -> &'static str {
        match self {
            Language::Php => "php",
            Language::Rust => "rust",
            Language::Curl => "curl",
            Language::Python => "python",
            Language::Javascript => "javascript",
            Language::Java => "java",
            Language::Go => "go",
        }
    }

    /// Parses a command-line name: `php`, `rust`, `curl`, `python`, `js` (or `javascript`), `java`, `go`.
    pub fn from_cli_name(name: &str) -> Option<Language> {
        let name = name.trim().to_ascii_lowercase();
        Language::ALL.into_iter().find(|l| l.cli_name() == name || l.id() == name)
    }
}

/// Which HTTP library the Python snippet uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PythonClient {
    /// The standard library only (`urllib.request`): runs anywhere Python 3 does.
    #[default]
    Urllib,
    /// The `requests` package.
    Requests,
}

/// Where the snippet gets the API secret.
#[derive(Clone, Copy, Debug, Default)]
pub enum SecretIn<'a> {
    /// From the environment variable `VK_API_SECRET` when it runs (the safe default).
    #[default]
    Environment,
    /// Written into the code. The snippet then carries a warning at the top.
    Inline(&'a ApiSecret),
}

/// Where the request goes and who it is from: the environment's values, embedded as generated.
#[derive(Clone, Copy, Debug)]
pub struct Target<'a> {
    pub base_url: &'a str,
    pub api_key: &'a str,
    pub tenant_code: &'a str,
}

#[derive(Clone, Copy, Debug, Default)]
pub struct Options<'a> {
    pub secret: SecretIn<'a>,
    pub python_client: PythonClient,
}

/// A generated program: its text, the file name it expects and how to run it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    pub language: Language,
    pub file_name: &'static str,
    pub text: String,
    /// One command line that runs the saved file, e.g. `php vk_request.php`.
    pub run: String,
}

/// Why code cannot be generated for a request. Each message says what to change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SnippetError {
    #[error(transparent)]
    Request(#[from] SignError),
    #[error("The body is not text (UTF-8), so it cannot be written into code. Export a request with a JSON body.")]
    BodyNotText,
    #[error("The server address \"{0}\" must start with http:// or https://, for example https://vistarkriya.com.")]
    BaseUrl(String),
    #[error("{0}")]
    Header(String),
    #[error("The {0} contains a line break or a control character; it must be one plain line.")]
    Credential(&'static str),
}

/// What every generator works from: checked, with the body as text and the base URL without a final `/`.
pub(crate) struct Parts<'a> {
    pub method: &'a str,
    /// As it goes on the wire (percent-encoded once), so the code signs what it sends.
    pub endpoint: std::borrow::Cow<'a, str>,
    pub body: &'a str,
    pub base_url: &'a str,
    pub api_key: &'a str,
    pub tenant_code: &'a str,
    /// Headers beyond the four of the signature and Content-Type, each already checked.
    pub extra_headers: &'a [(String, String)],
    /// The secret's text when it is to be written into the code.
    pub inline_secret: Option<&'a str>,
}

impl Parts<'_> {
    pub fn has_body(&self) -> bool {
        !self.body.is_empty()
    }
}

/// The first lines of every snippet (each language puts them in its own comment syntax).
pub(crate) fn header_lines(parts: &Parts<'_>, run: &str) -> Vec<String> {
    let mut lines = vec![
        format!("VistarKriya API: {} {}", parts.method, parts.endpoint),
        "Generated by VK Workspace. The timestamp and the HMAC-SHA256 signature are computed each time".into(),
        "this runs, so it keeps working (a fixed signature would expire after 5 minutes).".into(),
    ];
    if parts.inline_secret.is_some() {
        lines.push("WARNING: this file contains the API secret. Do not share it, commit it or paste it into a".into());
        lines.push("ticket; anyone who has it can call the API as you.".into());
        lines.push(format!("Run: {run}"));
    } else {
        lines.push(format!("Run: {SECRET_VARIABLE}='your API secret' {run}"));
    }
    lines
}

/// The message a snippet prints when `VK_API_SECRET` is missing.
pub(crate) const MISSING_SECRET: &str = "Set the environment variable VK_API_SECRET to your API secret.";

/// Generates the program for `language` that sends `request` to `target`, signing it when it runs.
pub fn generate(
    language: Language,
    request: &RequestSpec,
    target: &Target<'_>,
    options: &Options<'_>,
) -> Result<Snippet, SnippetError> {
    let parts = check(request, target, options)?;
    let (file_name, run, text) = match language {
        Language::Php => php::generate(&parts),
        Language::Rust => rust::generate(&parts),
        Language::Curl => curl::generate(&parts),
        Language::Python => python::generate(&parts, options.python_client),
        Language::Javascript => javascript::generate(&parts),
        Language::Java => java::generate(&parts),
        Language::Go => go::generate(&parts),
    };
    Ok(Snippet { language, file_name, text, run })
}

pub(crate) fn check<'a>(
    request: &'a RequestSpec,
    target: &Target<'a>,
    options: &Options<'a>,
) -> Result<Parts<'a>, SnippetError> {
    check_method(&request.method)?;
    crate::sign::check_endpoint(&request.endpoint)?;
    let body = std::str::from_utf8(&request.body).map_err(|_| SnippetError::BodyNotText)?;
    let base_url = target.base_url.trim().trim_end_matches('/');
    let valid_url = (base_url.starts_with("http://") || base_url.starts_with("https://"))
        && !base_url.contains(|c: char| c.is_whitespace() || c.is_control());
    if !valid_url || base_url.ends_with("//") {
        return Err(SnippetError::BaseUrl(target.base_url.to_string()));
    }
    let one_line = |value: &str, what: &'static str| {
        if value.chars().any(char::is_control) {
            Err(SnippetError::Credential(what))
        } else {
            Ok(())
        }
    };
    one_line(target.api_key, "API key")?;
    one_line(target.tenant_code, "tenant code")?;
    for (name, value) in &request.extra_headers {
        crate::sign::check_extra_header(name, value).map_err(SnippetError::Header)?;
    }
    let inline_secret = match options.secret {
        SecretIn::Environment => None,
        SecretIn::Inline(secret) => {
            let text = secret.expose_str();
            one_line(text, "API secret")?;
            Some(text)
        }
    };
    Ok(Parts {
        method: &request.method,
        endpoint: crate::target::wire_target(&request.endpoint),
        body,
        base_url,
        api_key: target.api_key,
        tenant_code: target.tenant_code,
        extra_headers: &request.extra_headers,
        inline_secret,
    })
}

#[cfg(test)]
mod tests;
