//! Java 11 or newer, standard library only: `java.net.http` and `javax.crypto`; runs as a single file.

use super::literal::{java as lit, lines};
use super::{header_lines, Parts, MISSING_SECRET};

pub fn generate(p: &Parts<'_>) -> (&'static str, String, String) {
    let file = "VkRequest.java";
    let run = format!("java {file}");
    let mut s = String::new();
    for line in header_lines(p, &run) {
        s += &format!("// {line}\n");
    }
    s += "// Needs Java 17 or newer.\n\n";
    for i in [
        "java.io.IOException",
        "java.net.URI",
        "java.net.http.HttpClient",
        "java.net.http.HttpRequest",
        "java.net.http.HttpResponse",
        "java.nio.charset.StandardCharsets",
        "java.util.HexFormat",
        "javax.crypto.Mac",
        "javax.crypto.spec.SecretKeySpec",
    ] {
        s += &format!("import {i};\n");
    }
    s += "\npublic class VkRequest {\n";
    s += "    public static void main(String[] args) throws Exception {\n";
    s += "        // Credentials\n";
    s += &format!("        String apiKey = {};\n", lit(p.api_key));
    s += &format!("        String tenantCode = {};\n", lit(p.tenant_code));
    match p.inline_secret {
        Some(secret) => s += &format!("        String apiSecret = {};\n", lit(secret)),
        None => {
            s += "        String apiSecret = System.getenv(\"VK_API_SECRET\");\n";
            s += "        if (apiSecret == null || apiSecret.isEmpty()) {\n";
            s += &format!("            System.err.println({});\n", lit(MISSING_SECRET));
            s += "            System.exit(2);\n        }\n";
        }
    }
    s += "\n        // Request: the body is sent exactly as written here, and signed as it is sent\n";
    s += &format!("        String baseUrl = {};\n", lit(p.base_url));
    s += &format!("        String method = {};\n", lit(p.method));
    s += &format!("        String endpoint = {};\n", lit(&p.endpoint));
    let body: Vec<String> = lines(p.body).into_iter().map(lit).collect();
    s += &format!("        String body = {};\n", body.join("\n            + "));
    s += "\n        // HMAC signature: timestamp + method + endpoint + body, with the API secret as the key\n";
    s += "        String timestamp = Long.toString(System.currentTimeMillis() / 1000);\n";
    s += "        Mac mac = Mac.getInstance(\"HmacSHA256\");\n";
    s += "        mac.init(new SecretKeySpec(apiSecret.getBytes(StandardCharsets.UTF_8), \"HmacSHA256\"));\n";
    s += "        byte[] message = (timestamp + method + endpoint + body).getBytes(StandardCharsets.UTF_8);\n";
    s += "        String signature = HexFormat.of().formatHex(mac.doFinal(message));\n\n";
    let publisher = if p.has_body() {
        "HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.UTF_8))"
    } else {
        "HttpRequest.BodyPublishers.noBody()"
    };
    s += "        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + endpoint))\n";
    s += &format!("            .method(method, {publisher})\n");
    s += "            .header(\"X-API-Key\", apiKey)\n";
    s += "            .header(\"X-Timestamp\", timestamp)\n";
    s += "            .header(\"X-Signature\", signature)\n";
    s += "            .header(\"X-Tenant-Code\", tenantCode)\n";
    for (name, value) in p.extra_headers {
        s += &format!("            .header({}, {})\n", lit(name), lit(value));
    }
    if p.has_body() {
        s += "            .header(\"Content-Type\", \"application/json\")\n";
    }
    s += "            .build();\n";
    s += "        HttpResponse<byte[]> response;\n";
    s += "        try {\n";
    s += "            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());\n";
    s += "        } catch (IOException e) {\n";
    s += "            System.err.println(\"The request could not be sent: \" + e.getMessage());\n";
    s += "            System.exit(1);\n";
    s += "            return;\n";
    s += "        }\n";
    s += "        System.out.write(response.body());\n";
    s += "        System.out.println();\n";
    s += "        System.out.flush();\n";
    s += "        if (response.statusCode() < 200 || response.statusCode() > 299) {\n";
    s += "            System.exit(1);\n        }\n";
    s += "    }\n}\n";
    (file, run, s)
}
