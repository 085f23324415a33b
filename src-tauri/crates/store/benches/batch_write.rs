//! Batch-run writing benchmark: 10,000 verify-PAN results, each with its history entry, written as the runner
//! writes them (a transaction per 250, the WAL left to grow while the run lasts) into a new database file.
//! Prints the CPU cost per row (best of 7 runs) with the history entry and without it.
//! Run: `cargo bench -p vk-store --bench batch_write`.

use std::time::Instant;

use vk_store::batch::{NewRun, Outcome, RowResult};
use vk_store::history::{NewEntry, RecordOptions};
use vk_store::Store;

const ROWS: u32 = 10_000;
const PER_TRANSACTION: usize = 250;

/// A row as `vk batch verify.pan` records it against the sandbox (the same headers, body and answer sizes).
fn row(i: u32, run_id: i64, with_history: bool) -> (RowResult, Option<NewEntry>) {
    let pan = format!("ABCPA{:04}F", i % 10_000);
    let answer = format!(
        r#"{{"success":true,"data":{{"pan":"{pan}","status":"VALID","category":"Individual","registered_name":"Lakshmi Menon","aadhaar_seeding_status":"LINKED"}}}}"#
    );
    let entry = NewEntry {
        sent_at_ms: 1_796_000_000_000 + i64::from(i),
        environment: "Sandbox (built in)".into(),
        module: "verify".into(),
        method: "POST".into(),
        endpoint: "/api/v1/verify/pan".into(),
        request_headers: vec![
            ("X-API-Key".into(), "vk_sandbox_demo_key".into()),
            ("X-Timestamp".into(), "1796161732".into()),
            ("X-Signature".into(), "7682e10d9ce893a9ebbc3fdb58835995450d3fb19318ae395ac15e746cc61090".into()),
            ("X-Tenant-Code".into(), "123456".into()),
        ],
        request_body: format!(r#"{{"pan":"{pan}"}}"#),
        status: Some(200),
        response_headers: vec![
            ("content-type".into(), "application/json".into()),
            ("date".into(), "Tue, 01 Dec 2026 21:48:52 GMT".into()),
            ("content-length".into(), answer.len().to_string()),
        ],
        response_body: answer,
        elapsed_ms: 0.4,
        error_code: None,
        batch_run_id: Some(run_id),
    };
    let result = RowResult {
        row_index: i,
        outcome: Outcome::Success,
        status: Some(200),
        error_code: None,
        summary: vec![
            ("pan".into(), pan),
            ("status".into(), "VALID".into()),
            ("category".into(), "Individual".into()),
            ("registered_name".into(), "Lakshmi Menon".into()),
            ("aadhaar_seeding_status".into(), "LINKED".into()),
        ],
        message:
            "Status: VALID · Category: Individual · Registered name: Lakshmi Menon · Aadhaar seeding status: LINKED"
                .into(),
        attempts: 1,
        finished_ms: 1_796_000_000_000,
    };
    (result, with_history.then_some(entry))
}

/// Microseconds per row for one run of 10,000 into a new file.
fn once(with_history: bool) -> f64 {
    let dir = std::env::temp_dir().join(format!("vk-bench-batch-write-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (mut store, _) = Store::open(&dir.join("run.db")).expect("the database opens");
    let run = NewRun {
        name: "rows.csv".into(),
        fingerprint: "bench".into(),
        environment: "Sandbox (built in)".into(),
        target: "{}".into(),
        input: Vec::new(),
        row_count: ROWS,
        rows_to_send: (0..ROWS).collect(),
        rate: 0.0,
        concurrency: 16,
    };
    let run_id = store.batch_run_create(&run, 0).expect("the run is made");
    let rows: Vec<_> = (0..ROWS).map(|i| row(i, run_id, with_history)).collect();
    store.bulk_writing(true).expect("bulk writing");
    let started = Instant::now();
    for block in rows.chunks(PER_TRANSACTION) {
        store.batch_results_record(run_id, block, &[], RecordOptions::default()).expect("written");
    }
    let took = started.elapsed();
    store.bulk_writing(false).expect("bulk writing ends");
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
    took.as_secs_f64() * 1e6 / f64::from(ROWS)
}

fn best(with_history: bool) -> f64 {
    (0..7).map(|_| once(with_history)).fold(f64::INFINITY, f64::min)
}

fn main() {
    let with = best(true);
    let without = best(false);
    println!("batch: result with its history entry written, per row {with:.1} µs");
    println!("batch: result alone written, per row {without:.1} µs");
}
