//! curl: a POSIX shell script that signs with `openssl dgst -sha256 -hmac`, and a one-line command with a
//! signature computed now, for quick use within the 5-minute window.

use super::literal::shell as lit;
use super::{check, header_lines, Options, Parts, SnippetError, Target, MISSING_SECRET};
use crate::request::{Credentials, RequestSpec};
use crate::sign::sign;

pub fn generate(p: &Parts<'_>) -> (&'static str, String, String) {
    let file = "vk_request.sh";
    let run = format!("sh {file}");
    let mut s = String::from("#!/bin/sh\n");
    for line in header_lines(p, &run) {
        s += &format!("# {line}\n");
    }
    s += "# Needs curl and openssl.\nset -eu\n\n# Credentials\n";
    s += &format!("API_KEY={}\n", lit(p.api_key));
    s += &format!("TENANT_CODE={}\n", lit(p.tenant_code));
    match p.inline_secret {
        Some(secret) => s += &format!("VK_API_SECRET={}\n", lit(secret)),
        None => s += &format!(": \"${{VK_API_SECRET:?{MISSING_SECRET}}}\"\n"),
    }
    s += "\n# Request: the body is sent exactly as written between the quotes, and signed as it is sent\n";
    s += &format!("BASE_URL={}\n", lit(p.base_url));
    s += &format!("METHOD={}\n", lit(p.method));
    s += &format!("ENDPOINT={}\n", lit(&p.endpoint));
    s += &format!("BODY={}\n", lit(p.body));
    s += "\n# HMAC signature: timestamp + method + endpoint + body, with the API secret as the key\n";
    s += "TIMESTAMP=$(date +%s)\n";
    s += "SIGNATURE=$(printf '%s' \"$TIMESTAMP$METHOD$ENDPOINT$BODY\" \\\n";
    s += "  | openssl dgst -sha256 -hmac \"$VK_API_SECRET\" | sed 's/^.*= //')\n\n";
    let send = if p.has_body() { "printf '%s' \"$BODY\" | curl" } else { "curl" };
    s += &format!("{send} --silent --show-error --fail-with-body -X \"$METHOD\" \"$BASE_URL$ENDPOINT\" \\\n");
    s += "  -H \"X-API-Key: $API_KEY\" \\\n";
    s += "  -H \"X-Timestamp: $TIMESTAMP\" \\\n";
    s += "  -H \"X-Signature: $SIGNATURE\" \\\n";
    let mut last = vec!["-H \"X-Tenant-Code: $TENANT_CODE\"".to_string()];
    last.extend(p.extra_headers.iter().map(|(name, value)| format!("-H {}", lit(&format!("{name}: {value}")))));
    if p.has_body() {
        last.push("-H 'Content-Type: application/json'".into());
        last.push("--data-binary @-".into());
    }
    s += &format!("  {}\n", last.join(" \\\n  "));
    s += "echo\n";
    (file, run, s)
}

/// A single curl command carrying a signature made now (at `timestamp`): it works for 5 minutes, then the
/// server answers TIMESTAMP_EXPIRED. The secret itself is not in it.
pub fn presigned_curl(
    request: &RequestSpec,
    target: &Target<'_>,
    secret: &crate::ApiSecret,
    timestamp: u64,
) -> Result<String, SnippetError> {
    let p = check(request, target, &Options::default())?;
    let credentials =
        Credentials { api_key: p.api_key.to_string(), tenant_code: p.tenant_code.to_string(), secret: secret.clone() };
    let signed = sign(request, &credentials, timestamp)?;
    let mut s = format!("curl -X {} {}", p.method, lit(&format!("{}{}", p.base_url, p.endpoint)));
    for (name, value) in signed.headers() {
        s += &format!(" \\\n  -H {}", lit(&format!("{name}: {value}")));
    }
    for (name, value) in p.extra_headers {
        s += &format!(" \\\n  -H {}", lit(&format!("{name}: {value}")));
    }
    if p.has_body() {
        s += " \\\n  -H 'Content-Type: application/json'";
        s += &format!(" \\\n  --data-raw {}", lit(p.body));
    }
    s += "\n";
    Ok(s)
}
