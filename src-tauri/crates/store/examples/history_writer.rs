//! Test helper for the crash test: records 1,000 sends into the database given as the first argument,
//! printing each id once its insert has returned (that is, committed).

use std::io::Write;

use vk_store::history::{NewEntry, RecordOptions};
use vk_store::Store;

fn main() {
    let path = std::env::args().nth(1).expect("database path");
    let (store, _) = Store::open(std::path::Path::new(&path)).expect("store opens");
    let mut out = std::io::stdout().lock();
    for i in 0..1000i64 {
        let entry = NewEntry {
            sent_at_ms: 1_780_000_000_000 + i,
            environment: "Sandbox (built in)".into(),
            module: "verify".into(),
            method: "POST".into(),
            endpoint: "/api/v1/verify/pan".into(),
            request_body: format!(r#"{{"pan":"ABCPE{:04}F"}}"#, i),
            status: Some(200),
            response_body: format!(r#"{{"success":true,"data":{{"n":{i},"pad":"{}"}}}}"#, "x".repeat(900)),
            elapsed_ms: 1.0,
            ..Default::default()
        };
        let id = store.history_record(&entry, RecordOptions::default()).expect("recorded");
        writeln!(out, "{id}").expect("stdout");
        out.flush().expect("stdout");
    }
}
