//! History benchmark at 1,000,000 rows of about 1 KB: recording one send, opening the newest page of 100,
//! full-text search p50/p95, and the database size. The database is built once and kept under target/.
//! Run: `cargo bench -p vk-store --bench history` (the first run spends a few minutes building the data).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use vk_store::history::{HistoryFilter, NewEntry, RecordOptions};
use vk_store::Store;

const ROWS: i64 = 1_000_000;
const WORDS: [&str; 16] = [
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima",
    "mike", "november", "oscar", "papa",
];

fn row(i: i64) -> NewEntry {
    let w = |k: i64| WORDS[((i / k) % 16) as usize];
    NewEntry {
        sent_at_ms: 1_700_000_000_000 + i * 1000,
        environment: if i % 4 == 0 { "Production".into() } else { "Sandbox (built in)".into() },
        module: ["wallet", "verify", "cibil", "customers"][(i % 4) as usize].into(),
        method: "POST".into(),
        endpoint: "/api/v1/verify/pan".into(),
        request_headers: vec![("X-Tenant-Code".into(), "123456".into())],
        request_body: format!(r#"{{"pan":"ABCPE{:04}F","name":"Person{i} {}"}}"#, i % 10_000, w(1)),
        status: Some(if i % 20 == 0 { 422 } else { 200 }),
        response_headers: vec![("content-type".into(), "application/json".into())],
        response_body: format!(
            r#"{{"success":true,"data":{{"ref":"R{i:08}","name":"Person{i} {} {}","city":"{}","notes":"{}"}}}}"#,
            w(1),
            w(16),
            w(256),
            "lorem ipsum dolor sit amet ".repeat(28)
        ),
        elapsed_ms: 10.0,
        error_code: (i % 20 == 0).then(|| "VALIDATION_ERROR".into()),
        batch_run_id: None,
    }
}

fn database() -> (Store, PathBuf) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../target/bench-data");
    let path = dir.join("history-1m.db");
    let (store, _) = Store::open(&path).expect("bench database opens");
    let have = store.history_count().unwrap();
    if have < ROWS {
        eprintln!("building {ROWS} rows (once; kept in {}) …", path.display());
        let started = Instant::now();
        let starts: Vec<i64> = (have..ROWS).step_by(10_000).collect();
        for start in starts {
            let end = (start + 10_000).min(ROWS);
            store
                .in_transaction(|s| {
                    for i in start..end {
                        s.history_record(&row(i), RecordOptions { mask_aadhaar: false, ..Default::default() })?;
                    }
                    Ok(())
                })
                .unwrap();
        }
        store.checkpoint().unwrap();
        eprintln!("built in {:.0} s", started.elapsed().as_secs_f64());
    }
    (store, path)
}

fn percentile(mut samples: Vec<Duration>, p: f64) -> f64 {
    samples.sort_unstable();
    samples[((samples.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1000.0
}

fn main() {
    let (store, path) = database();
    // Recording: each send in its own transaction, as the app records them.
    let record: Vec<Duration> = (0..500)
        .map(|k| {
            let started = Instant::now();
            store.history_record(&row(ROWS + k), RecordOptions::default()).unwrap();
            started.elapsed()
        })
        .collect();
    let newest: Vec<Duration> = (0..200)
        .map(|_| {
            let started = Instant::now();
            let page = store.history_list(&HistoryFilter { limit: 100, ..Default::default() }).unwrap();
            assert_eq!(page.len(), 100);
            started.elapsed()
        })
        .collect();
    // Searches: single common words, rare unique names, two-word combinations, and a filtered search.
    let queries: Vec<(String, Option<String>)> = (0..200usize)
        .map(|k| match k % 4 {
            0 => (WORDS[k % 16].to_string(), None),
            1 => (format!("Person{}", (k * 4999) % ROWS as usize), None),
            2 => (format!("{} {}", WORDS[k % 16], WORDS[(k / 3) % 16]), None),
            _ => (WORDS[(k / 4) % 16].to_string(), Some("Production".to_string())),
        })
        .collect();
    let search: Vec<Duration> = queries
        .iter()
        .map(|(text, environment)| {
            let started = Instant::now();
            let filter = HistoryFilter {
                text: Some(text.clone()),
                environment: environment.clone(),
                limit: 100,
                ..Default::default()
            };
            let hits = store.history_list(&filter).unwrap();
            assert!(!hits.is_empty(), "{text}");
            started.elapsed()
        })
        .collect();
    store.checkpoint().unwrap();
    let size_mb = std::fs::metadata(&path).unwrap().len() as f64 / 1_000_000.0;
    println!(
        "| history: record one send | {:.3} | ms | under 1 (p95 {:.3}) |",
        percentile(record.clone(), 0.5),
        percentile(record, 0.95)
    );
    println!("| history: newest page of 100 | {:.3} | ms | under 10 |", percentile(newest, 0.5));
    println!("| history: search p50 | {:.3} | ms | under 50 |", percentile(search.clone(), 0.5));
    println!("| history: search p95 | {:.3} | ms | under 50 |", percentile(search, 0.95));
    println!("| history: database size at 1,000,000 rows | {size_mb:.0} | MB | (reported) |");
}
