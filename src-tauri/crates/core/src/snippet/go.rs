//! Go with the standard library only: `crypto/hmac`, `crypto/sha256` and `net/http`.

use super::literal::{go as lit, lines};
use super::{header_lines, Parts, MISSING_SECRET};

pub fn generate(p: &Parts<'_>) -> (&'static str, String, String) {
    let file = "vk_request.go";
    let run = format!("go run {file}");
    let mut s = String::new();
    for line in header_lines(p, &run) {
        s += &format!("// {line}\n");
    }
    s += "\npackage main\n\nimport (\n";
    let mut imports = vec!["crypto/hmac", "crypto/sha256", "encoding/hex", "fmt", "io", "net/http", "os", "strconv"];
    if p.has_body() {
        imports.push("strings");
    }
    imports.push("time");
    for i in imports {
        s += &format!("\t\"{i}\"\n");
    }
    s += ")\n\nfunc main() {\n";
    s += "\t// Credentials\n";
    s += &format!("\tapiKey := {}\n", lit(p.api_key));
    s += &format!("\ttenantCode := {}\n", lit(p.tenant_code));
    match p.inline_secret {
        Some(secret) => s += &format!("\tapiSecret := {}\n", lit(secret)),
        None => {
            s += "\tapiSecret := os.Getenv(\"VK_API_SECRET\")\n";
            s += &format!(
                "\tif apiSecret == \"\" {{\n\t\tfmt.Fprintln(os.Stderr, {})\n\t\tos.Exit(2)\n\t}}\n",
                lit(MISSING_SECRET)
            );
        }
    }
    s += "\n\t// Request: the body is sent exactly as written here, and signed as it is sent\n";
    s += &format!("\tbaseURL := {}\n", lit(p.base_url));
    s += &format!("\tmethod := {}\n", lit(p.method));
    s += &format!("\tendpoint := {}\n", lit(&p.endpoint));
    let body: Vec<String> = lines(p.body).into_iter().map(lit).collect();
    s += &format!("\tbody := {}\n", body.join(" +\n\t\t"));
    s += "\n\t// HMAC signature: timestamp + method + endpoint + body, with the API secret as the key\n";
    s += "\ttimestamp := strconv.FormatInt(time.Now().Unix(), 10)\n";
    s += "\tmac := hmac.New(sha256.New, []byte(apiSecret))\n";
    s += "\tmac.Write([]byte(timestamp + method + endpoint + body))\n";
    s += "\tsignature := hex.EncodeToString(mac.Sum(nil))\n\n";
    let reader = if p.has_body() { "strings.NewReader(body)" } else { "http.NoBody" };
    s += &format!("\trequest, err := http.NewRequest(method, baseURL+endpoint, {reader})\n");
    s += "\tif err != nil {\n\t\tfmt.Fprintln(os.Stderr, err)\n\t\tos.Exit(2)\n\t}\n";
    s += "\trequest.Header.Set(\"X-API-Key\", apiKey)\n";
    s += "\trequest.Header.Set(\"X-Timestamp\", timestamp)\n";
    s += "\trequest.Header.Set(\"X-Signature\", signature)\n";
    s += "\trequest.Header.Set(\"X-Tenant-Code\", tenantCode)\n";
    for (name, value) in p.extra_headers {
        s += &format!("\trequest.Header.Set({}, {})\n", lit(name), lit(value));
    }
    if p.has_body() {
        s += "\trequest.Header.Set(\"Content-Type\", \"application/json\")\n";
    }
    s += "\n\tresponse, err := http.DefaultClient.Do(request)\n";
    s += "\tif err != nil {\n\t\tfmt.Fprintln(os.Stderr, \"The request could not be sent:\", err)\n\t\tos.Exit(1)\n\t}\n";
    s += "\tdefer response.Body.Close()\n";
    s += "\tanswer, err := io.ReadAll(response.Body)\n";
    s +=
        "\tif err != nil {\n\t\tfmt.Fprintln(os.Stderr, \"The answer could not be read:\", err)\n\t\tos.Exit(1)\n\t}\n";
    s += "\tfmt.Println(string(answer))\n";
    s += "\tif response.StatusCode < 200 || response.StatusCode > 299 {\n\t\tos.Exit(1)\n\t}\n}\n";
    (file, run, s)
}
