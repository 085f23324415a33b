use std::time::Instant;
use vk_store::batch::{NewRun, Outcome, RowResult};
use vk_store::history::{NewEntry, RecordOptions};
use vk_store::Store;
fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let path = std::path::PathBuf::from("/tmp/probe.db");
    let _ = std::fs::remove_file(&path);
    let _ = std::fs::remove_file("/tmp/probe.db-wal");
    let (store, _) = Store::open(&path).unwrap();
    let run = NewRun {
        name: "x".into(),
        fingerprint: "f".into(),
        environment: "e".into(),
        target: "{}".into(),
        input: vec![],
        row_count: 10000,
        rows_to_send: (0..10000).collect(),
        rate: 0.0,
        concurrency: 1,
    };
    let id = store.batch_run_create(&run, 0).unwrap();
    if mode == "nofts" {
        let raw = rusqlite::Connection::open(&path).unwrap();
        raw.execute_batch("DROP TRIGGER history_fts_insert").unwrap();
    }
    if mode == "noidx" {
        let raw = rusqlite::Connection::open(&path).unwrap();
        raw.execute_batch("DROP INDEX history_environment; DROP INDEX history_module; DROP INDEX history_status_class; DROP INDEX history_sent_at").unwrap();
    }
    let body = r#"{"success":true,"data":{"pan":"ABCPA0001F","status":"VALID","category":"Individual","registered_name":"Anil Das","aadhaar_seeding_status":"LINKED","name_match_score":0,"name_match_result":"NO_MATCH"}}"#;
    let t = Instant::now();
    let group: u32 = std::env::args().nth(2).map(|s| s.parse().unwrap()).unwrap_or(50);
    if mode == "noautomerge" {
        let raw = rusqlite::Connection::open(&path).unwrap();
        raw.execute_batch("INSERT INTO history_fts(history_fts, rank) VALUES('automerge', 0)").unwrap();
    }
    for g in 0..(10000 / group) {
        let items: Vec<(RowResult, Option<NewEntry>)> = (0..group)
            .map(|i| {
                let row = g * group + i;
                let r = RowResult {
                    row_index: row,
                    outcome: Outcome::Success,
                    status: Some(200),
                    error_code: None,
                    summary: vec![("status".into(), "VALID".into()); 7],
                    message: "status VALID · registered_name Anil Das".into(),
                    attempts: 1,
                    finished_ms: 0,
                };
                let e = NewEntry {
                    sent_at_ms: 1,
                    environment: "Sandbox".into(),
                    module: "verify".into(),
                    method: "POST".into(),
                    endpoint: "/api/v1/verify/pan".into(),
                    request_headers: vec![
                        ("X-API-Key".into(), "vk_sandbox_demo_key".into()),
                        ("X-Timestamp".into(), "1700000000".into()),
                        ("X-Signature".into(), "a".repeat(64)),
                        ("X-Tenant-Code".into(), "123456".into()),
                    ],
                    request_body: format!(r#"{{"pan":"ABCPA{:04}F","name":"Customer {row}"}}"#, row % 9999 + 1),
                    status: Some(200),
                    response_headers: vec![
                        ("content-type".into(), "application/json".into()),
                        ("content-length".into(), "200".into()),
                        ("date".into(), "Tue, 01 Dec 2026 19:00:00 GMT".into()),
                    ],
                    response_body: body.into(),
                    elapsed_ms: 1.0,
                    error_code: None,
                    batch_run_id: None,
                };
                (r, if mode == "nohistory" { None } else { Some(e) })
            })
            .collect();
        store
            .batch_results_record(
                id,
                &items,
                &[],
                RecordOptions { mask_aadhaar: mode != "nomask", ..RecordOptions::default() },
            )
            .unwrap();
    }
    println!("{mode}: {:?} for 10000 rows", t.elapsed());
}
