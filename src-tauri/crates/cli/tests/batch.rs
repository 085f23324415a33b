//! `vk batch` as a script would run it, against a real sandbox over loopback that logs every request it sees:
//! the rate is measured on the server's side, RATE_LIMITED answers are recovered from, and a run killed with
//! SIGKILL at half of 10,000 rows continues with one result per row and no completed row sent again.

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use vk_sandbox::{RunningSandbox, SandboxConfig, BUILTIN_API_KEY, BUILTIN_SECRET, BUILTIN_TENANT};
use vk_store::Store;

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("vk-batch-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A valid PAN per row number, all different.
fn pan(i: u32) -> String {
    let letter = (b'A' + (i / 9999) as u8) as char;
    format!("ABCP{letter}{:04}F", i % 9999 + 1)
}

fn write_rows(dir: &Path, rows: u32) -> PathBuf {
    let mut csv = String::from("PAN Number,Name\n");
    for i in 0..rows {
        csv.push_str(&format!("{},Customer {i}\n", pan(i)));
    }
    let path = dir.join("rows.csv");
    std::fs::write(&path, csv).unwrap();
    path
}

async fn sandbox(rate_limit: Option<u32>, log: &Path) -> RunningSandbox {
    let mut config = SandboxConfig::builtin();
    config.rate_limit_per_second = rate_limit.and_then(NonZeroU32::new);
    config.request_log = Some(log.to_path_buf());
    vk_sandbox::start(config, SocketAddr::from(([127, 0, 0, 1], 0))).await.unwrap()
}

fn batch_command(base_url: &str, input: &Path, output: &Path, extra: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vk"));
    cmd.args(["batch", "verify.pan", "--input"])
        .arg(input)
        .arg("--output")
        .arg(output)
        .args(["--base-url", base_url, "--api-key", BUILTIN_API_KEY, "--tenant", BUILTIN_TENANT])
        .args(extra)
        .env("VK_API_SECRET", BUILTIN_SECRET);
    cmd
}

async fn run(mut cmd: Command) -> Output {
    tokio::task::spawn_blocking(move || cmd.output().expect("vk runs")).await.unwrap()
}

/// What the server saw: (arrival in ms, the PAN sent, the status it answered).
fn server_log(path: &Path) -> Vec<(u64, String, u16)> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|line| {
            let v: Value = serde_json::from_str(line).unwrap();
            let body: Value = serde_json::from_str(v["body"].as_str().unwrap()).unwrap();
            (
                v["arrived_ms"].as_u64().unwrap(),
                body["pan"].as_str().unwrap().to_string(),
                v["status"].as_u64().unwrap() as u16,
            )
        })
        .collect()
}

/// The most requests that arrived within any one second.
fn busiest_second(log: &[(u64, String, u16)]) -> usize {
    let mut times: Vec<u64> = log.iter().map(|(t, _, _)| *t).collect();
    times.sort_unstable();
    let mut start = 0;
    let mut most = 0;
    for end in 0..times.len() {
        while times[end] - times[start] >= 1000 {
            start += 1;
        }
        most = most.max(end - start + 1);
    }
    most
}

fn output_rows(path: &Path) -> Vec<Vec<String>> {
    let sheet = vk_batch::Sheet::read(&std::fs::read(path).unwrap()).unwrap();
    assert_eq!(sheet.headers[2], "Result");
    sheet.rows.into_iter().map(|r| r.cells).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_rate_is_kept_as_the_server_measures_it() {
    let dir = TempDir::new("rate");
    let log = dir.0.join("server.log");
    let sb = sandbox(Some(20), &log).await;
    let input = write_rows(&dir.0, 100);
    let output = dir.0.join("results.csv");
    let started = Instant::now();
    let out = run(batch_command(&sb.base_url(), &input, &output, &["--rate", "20", "--concurrency", "8"])).await;
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(started.elapsed() >= Duration::from_millis(4500), "100 rows at 20/s take about 5 s");
    let seen = server_log(&log);
    assert_eq!(seen.len(), 100, "one request per row");
    assert!(seen.iter().all(|(_, _, status)| *status == 200), "the server never had to refuse one");
    assert!(busiest_second(&seen) <= 20, "at most 20 in any second: {}", busiest_second(&seen));
    let rows = output_rows(&output);
    assert_eq!(rows.len(), 100);
    assert!(rows.iter().all(|r| r[2] == "Success" && r[3] == "200"), "{:?}", rows[0]);
}

#[tokio::test(flavor = "multi_thread")]
async fn rate_limited_answers_slow_the_run_down_and_every_row_still_ends() {
    let dir = TempDir::new("limited");
    let log = dir.0.join("server.log");
    let sb = sandbox(Some(4), &log).await;
    let input = write_rows(&dir.0, 40);
    let output = dir.0.join("results.xlsx");
    let out = run(batch_command(&sb.base_url(), &input, &output, &["--rate", "40", "--concurrency", "8"])).await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("RATE_LIMITED"), "the progress says it slowed down: {stderr}");
    let seen = server_log(&log);
    let refused = seen.iter().filter(|(_, _, s)| *s == 429).count();
    assert!(refused > 0, "the server said to slow down");
    let accepted: HashSet<&str> = seen.iter().filter(|(_, _, s)| *s == 200).map(|(_, p, _)| p.as_str()).collect();
    assert_eq!(accepted.len(), 40, "every row was answered in the end");
    let rows = output_rows(&output);
    assert!(rows.iter().all(|r| r[2] == "Success"), "no row ends as RATE_LIMITED");

    // Every send, the refused ones too, is in the run's history, tagged with the run.
    let (store, _) = Store::open(&dir.0.join("results.xlsx.run.db")).unwrap();
    let run = &store.batch_runs().unwrap()[0];
    let filter = vk_store::history::HistoryFilter { batch_run_id: Some(run.id), limit: 1000, ..Default::default() };
    let history = store.history_list(&filter).unwrap();
    assert_eq!(history.len(), seen.len());
    assert_eq!(history.iter().filter(|h| h.error_code.as_deref() == Some("RATE_LIMITED")).count(), refused);
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_rows_stop_the_run_unless_skipped_and_a_skipped_row_says_why() {
    let dir = TempDir::new("bad-rows");
    let log = dir.0.join("server.log");
    let sb = sandbox(None, &log).await;
    let input = dir.0.join("rows.csv");
    std::fs::write(&input, format!("PAN Number,Name\n{},A\nABCD1234,B\n,C\n{},D\n", pan(0), pan(1))).unwrap();
    let output = dir.0.join("results.csv");

    let out = run(batch_command(&sb.base_url(), &input, &output, &[])).await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("row 3: pan: a PAN has 10 characters; this one has 8"), "{stderr}");
    assert!(stderr.contains("2 of 4 rows did not pass the check") && stderr.contains("--bad-rows skip"), "{stderr}");
    assert!(server_log(&log).is_empty() && !output.exists(), "nothing is sent when the check stops the run");

    // A mistyped output folder is refused before anything is sent, and not created.
    let nowhere = dir.0.join("no such folder").join("results.csv");
    let out = run(batch_command(&sb.base_url(), &input, &nowhere, &["--bad-rows", "skip"])).await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no such folder does not exist"), "{stderr}");
    assert!(!dir.0.join("no such folder").exists() && server_log(&log).is_empty());

    // No column for the PAN at all: said once, with the sheet's columns and the flag that fixes it.
    let names = dir.0.join("names.csv");
    std::fs::write(&names, "Client,Name\nX,A\nY,B\n").unwrap();
    let out = run(batch_command(&sb.base_url(), &names, &output, &[])).await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("No column is matched to pan") && stderr.contains("“Client”, “Name”"), "{stderr}");
    assert!(stderr.contains("--map pan=") && !stderr.contains("row 2"), "{stderr}");

    let out = run(batch_command(&sb.base_url(), &input, &output, &["--bad-rows", "skip"])).await;
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let sent: Vec<String> = server_log(&log).into_iter().map(|(_, pan, _)| pan).collect();
    assert_eq!(sent.len(), 2, "only the good rows went out: {sent:?}");
    let rows = output_rows(&output);
    let message = |r: &Vec<String>| r[5].clone();
    assert_eq!((rows[0][2].as_str(), rows[1][2].as_str()), ("Success", "Skipped"));
    assert_eq!(message(&rows[1]), "Skipped: pan — a PAN has 10 characters; this one has 8");
    assert_eq!(message(&rows[2]), "Skipped: pan — Fill this in: it is required.");
}

#[tokio::test(flavor = "multi_thread")]
async fn killed_at_half_of_10000_rows_it_continues_without_sending_a_completed_row_again() {
    let dir = TempDir::new("killed");
    let log = dir.0.join("server.log");
    let sb = sandbox(None, &log).await;
    let input = write_rows(&dir.0, 10_000);
    let output = dir.0.join("results.csv");
    let state = dir.0.join("results.csv.run.db");
    let args = ["--rate", "0", "--concurrency", "16"];

    let mut first = batch_command(&sb.base_url(), &input, &output, &args);
    let mut child = first.stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let reader = loop {
        // The run file appears when the run starts; read it as another process would.
        if let Ok((store, _)) = Store::open(&state) {
            break store;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let done = reader
            .batch_runs()
            .ok()
            .and_then(|runs| runs.first().map(|r| r.id))
            .map_or(0, |id| reader.batch_counts(id).map_or(0, |c| c.done()));
        if done >= 5_000 {
            break;
        }
        assert!(Instant::now() < deadline, "the run did not reach half");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    // Answers to requests that were in flight may still reach the log: let them land.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let run_id = reader.batch_runs().unwrap()[0].id;
    let completed: HashSet<u32> = reader.batch_rows_done(run_id).unwrap().into_iter().collect();
    assert!(completed.len() >= 5_000 && completed.len() < 10_000, "{} rows done at the kill", completed.len());
    let sent_before = server_log(&log).len();
    drop(reader);

    let out = run(batch_command(&sb.base_url(), &input, &output, &args)).await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("continuing the run"), "{stderr}");

    let (store, _) = Store::open(&state).unwrap();
    assert!(store.integrity_ok().unwrap());
    let done = store.batch_rows_done(run_id).unwrap();
    assert_eq!(done, (0..10_000).collect::<Vec<u32>>(), "exactly one result per row");
    assert_eq!(store.batch_counts(run_id).unwrap().success, 10_000);
    let row_of: HashMap<String, u32> = (0..10_000).map(|i| (pan(i), i)).collect();
    let after = &server_log(&log)[sent_before..];
    let resent: Vec<u32> = after.iter().map(|(_, p, _)| row_of[p]).filter(|r| completed.contains(r)).collect();
    assert!(resent.is_empty(), "completed rows sent again: {:?}", &resent[..resent.len().min(10)]);
    let sent_after: HashSet<u32> = after.iter().map(|(_, p, _)| row_of[p]).collect();
    assert_eq!(sent_after.len(), 10_000 - completed.len(), "every other row was sent after the restart");
    assert_eq!(output_rows(&output).len(), 10_000);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_run_file_stops_the_run_unless_restart_is_given() {
    let dir = TempDir::new("damaged");
    let log = dir.0.join("server.log");
    let sb = sandbox(None, &log).await;
    let input = write_rows(&dir.0, 20);
    let output = dir.0.join("results.csv");
    let first = run(batch_command(&sb.base_url(), &input, &output, &["--rate", "0"])).await;
    assert_eq!(first.status.code(), Some(0), "{}", String::from_utf8_lossy(&first.stderr));
    assert_eq!(server_log(&log).len(), 20);
    // The run file is damaged (a disk error, a copy cut short): its first page overwritten.
    let run_file = dir.0.join("results.csv.run.db");
    let mut bytes = std::fs::read(&run_file).unwrap();
    bytes[..100].fill(0x5a);
    std::fs::write(&run_file, bytes).unwrap();

    let again = run(batch_command(&sb.base_url(), &input, &output, &["--rate", "0"])).await;
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert_eq!(again.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("was damaged and has been moved to"), "{stderr}");
    assert!(stderr.contains("A new run would send every row again"), "{stderr}");
    assert!(stderr.contains("add --restart"), "{stderr}");
    assert_eq!(server_log(&log).len(), 20, "nothing was sent again");
    let moved: Vec<_> = std::fs::read_dir(&dir.0)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("results.csv.run.db.corrupt-"))
        .collect();
    assert!(!moved.is_empty(), "the damaged file is kept, moved aside");

    let restarted = run(batch_command(&sb.base_url(), &input, &output, &["--rate", "0", "--restart"])).await;
    assert_eq!(restarted.status.code(), Some(0), "{}", String::from_utf8_lossy(&restarted.stderr));
    assert_eq!(server_log(&log).len(), 40, "with --restart, every row is sent again, as the user asked");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_rows_per_second_count_only_rows_sent_in_this_call() {
    let dir = TempDir::new("rowrate");
    let log = dir.0.join("server.log");
    let sb = sandbox(None, &log).await;
    // Every row fails the check and is skipped: nothing is sent, so the figure is 0, however many rows there were.
    let bad = dir.0.join("bad.csv");
    std::fs::write(&bad, "PAN Number,Name\nNOPE,A\nNOPE2,B\n").unwrap();
    let out = run(batch_command(&sb.base_url(), &bad, &dir.0.join("bad-out.csv"), &["--bad-rows", "skip"])).await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("(0 rows a second)"), "skipped rows are not sends: {stderr}");
    assert!(server_log(&log).is_empty());
}
