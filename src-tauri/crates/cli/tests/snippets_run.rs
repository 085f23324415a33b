//! Every generated snippet, run with its language's own toolchain against a real sandbox over loopback:
//! a GET with a query string, a POST whose body has quotes, a backslash, `$`, line breaks and Hindi text
//! (the sandbox echoes the name back, so the bytes sent are checked too), and a DELETE with no body.
//! A toolchain that is missing fails the test: `scripts/install-deps.sh --test` installs them all.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use vk_sandbox::{RunningSandbox, SandboxConfig, BUILTIN_API_KEY, BUILTIN_SECRET, BUILTIN_TENANT};

const NAME: &str = "Asha \"Didi\" Verma \\ $HOME — आशा वर्मा";

fn awkward_body() -> String {
    let name = serde_json::to_string(NAME).unwrap();
    format!("{{\n  \"name\": {name},\n  \"mobile\": \"9876543210\",\n  \"city\": \"पुणे\"\n}}")
}

struct Run {
    _runtime: tokio::runtime::Runtime,
    sandbox: RunningSandbox,
    dir: PathBuf,
}

impl Run {
    fn new(label: &str) -> Run {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let addr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0);
        let sandbox = runtime.block_on(vk_sandbox::start(SandboxConfig::builtin(), addr)).unwrap();
        let dir = std::env::temp_dir().join(format!("vk-snippet-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Run { _runtime: runtime, sandbox, dir }
    }

    /// The snippet as `vk snippet` prints it, aimed at this sandbox.
    fn snippet(&self, lang: &str, extra: &[&str], method: &str, endpoint: &str, body: &str) -> String {
        let base_url = self.sandbox.base_url();
        let mut args = vec!["snippet", "--lang", lang, method, endpoint, "--body", body];
        args.extend(["--base-url", &base_url, "--api-key", BUILTIN_API_KEY, "--tenant", BUILTIN_TENANT]);
        args.extend(extra);
        let out = Command::new(env!("CARGO_BIN_EXE_vk")).args(&args).output().unwrap();
        assert!(out.status.success(), "vk snippet failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs the three requests through `run_one` and checks each answer.
    fn three_requests(&self, lang: &str, extra: &[&str], run_one: impl Fn(&Path, &str) -> Command) {
        let get = self.snippet(lang, extra, "GET", "/api/v1/wallet/core/transactions?page=1&per_page=5", "");
        let data = expect_success(lang, "GET", run_one(&self.dir, &get));
        assert!(data["transactions"].is_array(), "{lang} GET: {data}");

        let post = self.snippet(lang, extra, "POST", "/api/v1/customers", &awkward_body());
        let data = expect_success(lang, "POST", run_one(&self.dir, &post));
        assert_eq!(data["name"], NAME, "{lang} POST: the body that arrived is not the body written");
        assert_eq!(data["city"], "पुणे", "{lang} POST");

        let id = data["id"].as_str().unwrap();
        let delete = self.snippet(lang, extra, "DELETE", &format!("/api/v1/customers/{id}"), "");
        let data = expect_success(lang, "DELETE", run_one(&self.dir, &delete));
        assert_eq!(data["deleted"], true, "{lang} DELETE: {data}");
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Runs a snippet with the sandbox's secret in `VK_API_SECRET` and returns the `data` of its answer.
fn expect_success(lang: &str, what: &str, mut command: Command) -> Value {
    let program = command.get_program().to_string_lossy().into_owned();
    let out = command
        .env("VK_API_SECRET", BUILTIN_SECRET)
        .output()
        .unwrap_or_else(|e| panic!("{program} could not be started ({e}): run scripts/install-deps.sh --test"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{lang} {what}: exit {:?}\nstdout: {stdout}\nstderr: {stderr}", out.status);
    let envelope: Value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|e| panic!("{lang} {what}: the output is not the JSON answer ({e}): {stdout}"));
    assert_eq!(envelope["success"], true, "{lang} {what}: {envelope}");
    envelope["data"].clone()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn command_in(dir: &Path, program: &str, args: &[&str]) -> Command {
    let mut c = Command::new(program);
    c.args(args).current_dir(dir);
    c
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).ancestors().nth(3).unwrap().to_path_buf()
}

#[test]
fn php_snippets_run() {
    let run = Run::new("php");
    run.three_requests("php", &[], |dir, text| {
        write(dir, "vk_request.php", text);
        command_in(dir, "php", &["vk_request.php"])
    });
}

#[test]
fn curl_snippets_run() {
    let run = Run::new("curl");
    run.three_requests("curl", &[], |dir, text| {
        write(dir, "vk_request.sh", text);
        command_in(dir, "sh", &["vk_request.sh"])
    });
}

#[test]
fn python_snippets_run() {
    let run = Run::new("python");
    run.three_requests("python", &[], |dir, text| {
        write(dir, "vk_request.py", text);
        command_in(dir, "python3", &["vk_request.py"])
    });
}

#[test]
fn python_requests_snippets_run() {
    // The test tools' Python (tests/e2e/.venv) has requests installed.
    let python = repo_root().join("tests/e2e/.venv/bin/python");
    let run = Run::new("python-requests");
    run.three_requests("python", &["--python-requests"], |dir, text| {
        write(dir, "vk_request.py", text);
        command_in(dir, python.to_str().unwrap(), &["vk_request.py"])
    });
}

#[test]
fn javascript_snippets_run() {
    let run = Run::new("js");
    run.three_requests("js", &[], |dir, text| {
        write(dir, "vk_request.mjs", text);
        command_in(dir, "node", &["vk_request.mjs"])
    });
}

#[test]
fn java_snippets_run() {
    let run = Run::new("java");
    run.three_requests("java", &[], |dir, text| {
        write(dir, "VkRequest.java", text);
        // The platform's default encoding, not UTF-8: the snippet must not depend on it.
        let mut c = command_in(dir, "java", &["VkRequest.java"]);
        c.env("LC_ALL", "C");
        c
    });
}

#[test]
fn go_snippets_run() {
    let run = Run::new("go");
    run.three_requests("go", &[], |dir, text| {
        write(dir, "vk_request.go", text);
        let mut c = command_in(dir, "go", &["run", "vk_request.go"]);
        c.env("GO111MODULE", "off");
        c
    });
}

/// The `[dependencies]` lines the Rust snippet states in its header.
fn stated_dependencies(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(|l| l.trim_start_matches("//!").trim()).collect();
    let start = lines.iter().position(|l| *l == "[dependencies]").expect("the snippet states its dependencies");
    lines[start + 1..].iter().take_while(|l| l.contains(" = ")).copied().collect::<Vec<_>>().join("\n")
}

#[test]
fn rust_snippets_run() {
    let run = Run::new("rust");
    // Built outside the workspace, with the workspace's lock file so the crates already fetched are used,
    // and a target folder of its own that stays between runs.
    let target = repo_root().join("target/snippet-rust");
    std::fs::copy(repo_root().join("Cargo.lock"), run.dir.join("Cargo.lock")).unwrap();
    run.three_requests("rust", &[], |dir, text| {
        let manifest = format!(
            "[package]\nname = \"vk-request\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\n{}\n",
            stated_dependencies(text)
        );
        write(dir, "Cargo.toml", &manifest);
        write(dir, "src/main.rs", text);
        let mut c = command_in(dir, "cargo", &["run", "--quiet"]);
        c.env("CARGO_TARGET_DIR", &target).env("CARGO_TERM_COLOR", "never");
        c
    });
}

#[test]
fn the_secret_is_written_into_code_only_when_asked() {
    let vk = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_vk"))
            .args(["snippet", "--lang", "go", "GET", "/api/v1/wallet/core/balance"])
            .args(extra)
            .env("VK_API_SECRET", "a-secret-in-the-environment")
            .output()
            .unwrap()
    };
    let plain = vk(&[]);
    assert!(plain.status.success());
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("a-secret-in-the-environment"));
    let inline = vk(&["--inline-secret"]);
    assert!(inline.status.success());
    assert!(String::from_utf8_lossy(&inline.stdout).contains("\"a-secret-in-the-environment\""));
    assert!(String::from_utf8_lossy(&inline.stderr).contains("contains your API secret"));
}
