//! Rust: a complete `main.rs` with reqwest (blocking), hmac, sha2 and hex; the dependencies are in its header.

use super::literal::{lines, rust as lit};
use super::{header_lines, Parts, MISSING_SECRET};

/// The `[dependencies]` the program needs, as written in its header.
pub const DEPENDENCIES: [&str; 4] = [
    "hex = \"0.4\"",
    "hmac = \"0.12\"",
    "reqwest = { version = \"0.13\", features = [\"blocking\"] }",
    "sha2 = \"0.10\"",
];

pub fn generate(p: &Parts<'_>) -> (&'static str, String, String) {
    let file = "main.rs";
    let run = "cargo run".to_string();
    let mut s = String::new();
    for line in header_lines(p, &run) {
        s += &format!("//! {line}\n");
    }
    s += "//!\n//! Save this as src/main.rs of a Cargo project whose Cargo.toml has:\n//!\n//! [dependencies]\n";
    for d in DEPENDENCIES {
        s += &format!("//! {d}\n");
    }
    s += "\nuse std::time::{SystemTime, UNIX_EPOCH};\n\nuse hmac::{Hmac, Mac};\nuse sha2::Sha256;\n\n";
    s += "fn main() -> Result<(), Box<dyn std::error::Error>> {\n";
    s += "    // Credentials\n";
    s += &format!("    let api_key = {};\n", lit(p.api_key));
    s += &format!("    let tenant_code = {};\n", lit(p.tenant_code));
    match p.inline_secret {
        Some(secret) => s += &format!("    let api_secret = {};\n", lit(secret)),
        None => {
            s += "    let api_secret = std::env::var(\"VK_API_SECRET\").unwrap_or_default();\n";
            s += "    if api_secret.is_empty() {\n";
            s += &format!("        eprintln!({});\n", lit(MISSING_SECRET));
            s += "        std::process::exit(2);\n    }\n";
        }
    }
    s += "\n    // Request: the body is sent exactly as written here, and signed as it is sent\n";
    s += &format!("    let base_url = {};\n", lit(p.base_url));
    s += &format!("    let method = {};\n", lit(p.method));
    s += &format!("    let endpoint = {};\n", lit(&p.endpoint));
    let body = lines(p.body);
    if body.len() == 1 {
        s += &format!("    let body = {};\n", lit(body[0]));
    } else {
        s += "    let body = concat!(\n";
        for line in body {
            s += &format!("        {},\n", lit(line));
        }
        s += "    );\n";
    }
    s += "\n    // HMAC signature: timestamp + method + endpoint + body, with the API secret as the key\n";
    s += "    let timestamp = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs().to_string();\n";
    s += "    let mut mac = Hmac::<Sha256>::new_from_slice(api_secret.as_bytes()).expect(\"HMAC takes a key of any length\");\n";
    s += "    mac.update(format!(\"{timestamp}{method}{endpoint}{body}\").as_bytes());\n";
    s += "    let signature = hex::encode(mac.finalize().into_bytes());\n\n";
    s += "    let response = reqwest::blocking::Client::new()\n";
    s += "        .request(reqwest::Method::from_bytes(method.as_bytes())?, format!(\"{base_url}{endpoint}\"))\n";
    s += "        .header(\"X-API-Key\", api_key)\n";
    s += "        .header(\"X-Timestamp\", &timestamp)\n";
    s += "        .header(\"X-Signature\", &signature)\n";
    s += "        .header(\"X-Tenant-Code\", tenant_code)\n";
    for (name, value) in p.extra_headers {
        s += &format!("        .header({}, {})\n", lit(name), lit(value));
    }
    if p.has_body() {
        s += "        .header(\"Content-Type\", \"application/json\")\n";
        s += "        .body(body)\n";
    }
    s += "        .send()?;\n";
    s += "    let status = response.status();\n";
    s += "    println!(\"{}\", response.text()?);\n";
    s += "    if !status.is_success() {\n        std::process::exit(1);\n    }\n";
    s += "    Ok(())\n}\n";
    (file, run, s)
}
