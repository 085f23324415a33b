//! JavaScript for Node.js 18 or newer: `node:crypto` for the signature and the built-in `fetch`.

use super::literal::{javascript as lit, lines};
use super::{header_lines, Parts, MISSING_SECRET};

pub fn generate(p: &Parts<'_>) -> (&'static str, String, String) {
    let file = "vk_request.mjs";
    let run = format!("node {file}");
    let mut s = String::new();
    for line in header_lines(p, &run) {
        s += &format!("// {line}\n");
    }
    s += "// Needs Node.js 18 or newer.\n\nimport { createHmac } from 'node:crypto';\n";
    s += "\n// Credentials\n";
    s += &format!("const API_KEY = {};\n", lit(p.api_key));
    s += &format!("const TENANT_CODE = {};\n", lit(p.tenant_code));
    match p.inline_secret {
        Some(secret) => s += &format!("const API_SECRET = {};\n", lit(secret)),
        None => {
            s += "const API_SECRET = process.env.VK_API_SECRET;\n";
            s += &format!("if (!API_SECRET) {{\n  console.error({});\n  process.exit(2);\n}}\n", lit(MISSING_SECRET));
        }
    }
    s += "\n// Request: the body is sent exactly as written here, and signed as it is sent\n";
    s += &format!("const BASE_URL = {};\n", lit(p.base_url));
    s += &format!("const METHOD = {};\n", lit(p.method));
    s += &format!("const ENDPOINT = {};\n", lit(&p.endpoint));
    let body: Vec<String> = lines(p.body).into_iter().map(lit).collect();
    s += &format!("const BODY = {};\n", body.join(" +\n  "));
    s += "\n// HMAC signature: timestamp + method + endpoint + body, with the API secret as the key\n";
    s += "const timestamp = Math.floor(Date.now() / 1000).toString();\n";
    s += "const signature = createHmac('sha256', API_SECRET)\n";
    s += "  .update(timestamp + METHOD + ENDPOINT + BODY, 'utf8')\n";
    s += "  .digest('hex');\n\n";
    s += "const response = await fetch(BASE_URL + ENDPOINT, {\n";
    s += "  method: METHOD,\n";
    s += "  headers: {\n";
    s += "    'X-API-Key': API_KEY,\n";
    s += "    'X-Timestamp': timestamp,\n";
    s += "    'X-Signature': signature,\n";
    s += "    'X-Tenant-Code': TENANT_CODE,\n";
    for (name, value) in p.extra_headers {
        s += &format!("    {}: {},\n", lit(name), lit(value));
    }
    if p.has_body() {
        s += "    'Content-Type': 'application/json',\n";
    }
    s += "  },\n";
    if p.has_body() {
        s += "  body: BODY,\n";
    }
    s += "});\n";
    s += "console.log(await response.text());\n";
    s += "if (!response.ok) process.exit(1);\n";
    (file, run, s)
}
