//! Python 3: the standard library (`hmac`, `hashlib`, `urllib.request`), or `requests` when chosen.

use super::literal::{lines, python as lit};
use super::{header_lines, Parts, PythonClient, MISSING_SECRET};

pub fn generate(p: &Parts<'_>, client: PythonClient) -> (&'static str, String, String) {
    let file = "vk_request.py";
    let run = format!("python3 {file}");
    let mut s = String::from("#!/usr/bin/env python3\n");
    for line in header_lines(p, &run) {
        s += &format!("# {line}\n");
    }
    if client == PythonClient::Requests {
        s += "# Needs the requests package: pip install requests\n";
    }
    s += "\nimport hashlib\nimport hmac\nimport os\nimport sys\nimport time\n";
    match client {
        PythonClient::Urllib => s += "import urllib.error\nimport urllib.request\n",
        PythonClient::Requests => s += "\nimport requests\n",
    }
    s += "\n# Credentials\n";
    s += &format!("API_KEY = {}\n", lit(p.api_key));
    s += &format!("TENANT_CODE = {}\n", lit(p.tenant_code));
    match p.inline_secret {
        Some(secret) => s += &format!("API_SECRET = {}\n", lit(secret)),
        None => {
            s += "API_SECRET = os.environ.get('VK_API_SECRET', '')\n";
            s += &format!("if not API_SECRET:\n    sys.exit({})\n", lit(MISSING_SECRET));
        }
    }
    s += "\n# Request: the body is sent exactly as written here, and signed as it is sent\n";
    s += &format!("BASE_URL = {}\n", lit(p.base_url));
    s += &format!("METHOD = {}\n", lit(p.method));
    s += &format!("ENDPOINT = {}\n", lit(&p.endpoint));
    let body = lines(p.body);
    if body.len() == 1 {
        s += &format!("BODY = {}\n", lit(body[0]));
    } else {
        s += "BODY = (\n";
        for line in body {
            s += &format!("    {}\n", lit(line));
        }
        s += ")\n";
    }
    s += "\n# HMAC signature: timestamp + method + endpoint + body, with the API secret as the key\n";
    s += "timestamp = str(int(time.time()))\n";
    s += "message = (timestamp + METHOD + ENDPOINT + BODY).encode('utf-8')\n";
    s += "signature = hmac.new(API_SECRET.encode('utf-8'), message, hashlib.sha256).hexdigest()\n\n";
    s += "headers = {\n";
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
    s += "}\n";
    let data = if p.has_body() { "BODY.encode('utf-8')" } else { "None" };
    match client {
        PythonClient::Urllib => {
            s += &format!(
                "request = urllib.request.Request(BASE_URL + ENDPOINT, data={data}, headers=headers, method=METHOD)\n"
            );
            s += "try:\n";
            s += "    with urllib.request.urlopen(request, timeout=60) as response:\n";
            s += "        print(response.read().decode('utf-8'))\n";
            s += "except urllib.error.HTTPError as error:\n";
            s += "    print(error.read().decode('utf-8'))\n";
            s += "    sys.exit(1)\n";
        }
        PythonClient::Requests => {
            s += &format!(
                "response = requests.request(METHOD, BASE_URL + ENDPOINT, data={data}, headers=headers, timeout=60)\n"
            );
            s += "print(response.content.decode('utf-8'))\n";
            s += "sys.exit(0 if response.ok else 1)\n";
        }
    }
    (file, run, s)
}
