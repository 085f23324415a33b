//! PHP with cURL, laid out like the vendor's own example.

use super::literal::{lines, php as lit};
use super::{header_lines, Parts, MISSING_SECRET};

pub fn generate(p: &Parts<'_>) -> (&'static str, String, String) {
    let file = "vk_request.php";
    let run = format!("php {file}");
    let mut s = String::from("<?php\n");
    for line in header_lines(p, &run) {
        s += &format!("// {line}\n");
    }
    s += "\n// Credentials\n";
    s += &format!("$api_key = {};\n", lit(p.api_key));
    s += &format!("$tenant_code = {};\n", lit(p.tenant_code));
    match p.inline_secret {
        Some(secret) => s += &format!("$api_secret = {};\n", lit(secret)),
        None => {
            s += "$api_secret = getenv('VK_API_SECRET');\n";
            s += "if ($api_secret === false || $api_secret === '') {\n";
            s += &format!("    fwrite(STDERR, {});\n", lit(&format!("{MISSING_SECRET}\n")));
            s += "    exit(2);\n}\n";
        }
    }
    s += "\n// Request: the body is sent exactly as written here, and signed as it is sent\n";
    s += &format!("$base_url = {};\n", lit(p.base_url));
    s += &format!("$method = {};\n", lit(p.method));
    s += &format!("$endpoint = {};\n", lit(&p.endpoint));
    let body: Vec<String> = lines(p.body).into_iter().map(lit).collect();
    s += &format!("$body = {};\n", body.join("\n    . "));
    s += "\n// HMAC signature: timestamp + method + endpoint + body, with the API secret as the key\n";
    s += "$timestamp = time();\n";
    s += "$signature = hash_hmac('sha256', $timestamp . $method . $endpoint . $body, $api_secret);\n";
    s += "\n// cURL\n$ch = curl_init();\ncurl_setopt_array($ch, [\n";
    s += "    CURLOPT_URL => $base_url . $endpoint,\n";
    s += "    CURLOPT_CUSTOMREQUEST => $method,\n";
    s += "    CURLOPT_RETURNTRANSFER => true,\n";
    if p.has_body() {
        s += "    CURLOPT_POSTFIELDS => $body,\n";
    }
    s += "    CURLOPT_HTTPHEADER => [\n";
    s += "        'X-API-Key: ' . $api_key,\n";
    s += "        'X-Timestamp: ' . $timestamp,\n";
    s += "        'X-Signature: ' . $signature,\n";
    s += "        'X-Tenant-Code: ' . $tenant_code,\n";
    for (name, value) in p.extra_headers {
        s += &format!("        {},\n", lit(&format!("{name}: {value}")));
    }
    if p.has_body() {
        s += "        'Content-Type: application/json',\n";
    }
    s += "    ],\n]);\n";
    s += "$response = curl_exec($ch);\n";
    s += "if ($response === false) {\n";
    s += "    fwrite(STDERR, 'The request could not be sent: ' . curl_error($ch) . \"\\n\");\n";
    s += "    exit(1);\n}\n";
    s += "$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);\n";
    s += "curl_close($ch);\n\n";
    s += "echo $response, \"\\n\";\n";
    s += "exit($status >= 200 && $status < 300 ? 0 : 1);\n";
    (file, run, s)
}
