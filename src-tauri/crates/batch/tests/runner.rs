//! The runner against a real sandbox over loopback and a real SQLite file: server trouble (503) and a server
//! that is not there are tried again with backoff, a refusal (VALIDATION_ERROR) never is, and a cancelled run
//! stops sending with the rest of its rows left without a result.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use vk_batch::{run, Destination, Engine, Job, RunControl, RunEnd, RunSettings};
use vk_core::{ApiSecret, Credentials, RequestSpec};
use vk_http::{Sender, SenderConfig};
use vk_sandbox::{FailureRule, SandboxConfig, BUILTIN_API_KEY, BUILTIN_SECRET, BUILTIN_TENANT};
use vk_store::batch::{NewRun, Outcome, RunCounts};
use vk_store::history::{HistoryFilter, RecordOptions};
use vk_store::Store;

struct Db(std::path::PathBuf);

impl Drop for Db {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn store(name: &str) -> (Db, Arc<Mutex<Store>>) {
    let dir = std::env::temp_dir().join(format!("vk-runner-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (store, _) = Store::open(&dir.join("w.db")).unwrap();
    (Db(dir), Arc::new(Mutex::new(store)))
}

fn new_run(store: &Store, rows: u32) -> i64 {
    let run = NewRun {
        name: "rows.csv".into(),
        fingerprint: "f".into(),
        environment: "Sandbox".into(),
        target: "{}".into(),
        input: Vec::new(),
        row_count: rows,
        rows_to_send: (0..rows).collect(),
        rate: 0.0,
        concurrency: 4,
    };
    store.batch_run_create(&run, 0).unwrap()
}

fn pan_job(row_index: u32, pan: &str) -> Job {
    Job {
        row_index,
        request: RequestSpec::new("POST", "/api/v1/verify/pan", format!(r#"{{"pan":"{pan}"}}"#).into_bytes()),
    }
}

fn destination(base_url: String) -> Destination {
    let credentials = Credentials {
        api_key: BUILTIN_API_KEY.into(),
        tenant_code: BUILTIN_TENANT.into(),
        secret: ApiSecret::new(BUILTIN_SECRET),
    };
    Destination { base_url, credentials, environment: "Sandbox".into() }
}

fn quick() -> RunSettings {
    RunSettings { rate: 0.0, concurrency: 4, max_attempts: 4, backoff: Duration::from_millis(10) }
}

fn engine(store: &Arc<Mutex<Store>>) -> Engine {
    Engine {
        sender: Sender::new(SenderConfig::default()).unwrap(),
        store: store.clone(),
        record: RecordOptions::default(),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn server_trouble_is_tried_again_and_a_refusal_is_not() {
    let (_dir, store) = store("retry");
    let mut config = SandboxConfig::builtin();
    config.failures = vec![FailureRule { endpoint: "verify.pan".into(), every: 3, status: 503 }];
    let sb = vk_sandbox::start(config, SocketAddr::from(([127, 0, 0, 1], 0))).await.unwrap();
    let id = new_run(&store.lock().unwrap(), 21);
    let mut jobs: Vec<Job> =
        (0..20).map(|i| pan_job(i, &format!("ABCP{}{:04}F", (b'A' + i as u8) as char, i + 1))).collect();
    jobs.push(pan_job(20, "NOT-A-PAN"));
    // One at a time, so every third request failing never fails the same row twice in a row.
    let one_at_a_time = RunSettings { concurrency: 1, ..quick() };
    let (end, counts) = run(
        &engine(&store),
        id,
        jobs,
        21,
        RunCounts::default(),
        one_at_a_time,
        destination(sb.base_url()),
        RunControl::default(),
        Arc::new(|_| {}),
    )
    .await
    .unwrap();
    assert_eq!(end, RunEnd::Finished);
    let s = store.lock().unwrap();
    let results = s.batch_results(id, None, 0, 100).unwrap();
    // A 503 can land on the bad row too: it is tried again for that, never for its refusal.
    let refused = &results[20];
    assert_eq!((refused.outcome, refused.error_code.as_deref()), (Outcome::ApiError, Some("VALIDATION_ERROR")));
    assert_eq!(counts.success, 20, "{counts:?}");
    assert!(results[..20].iter().all(|r| r.outcome == Outcome::Success), "503s were tried again: {results:?}");
    assert!(results.iter().any(|r| r.attempts > 1), "some rows needed a second try");
    let history = s.history_list(&HistoryFilter { batch_run_id: Some(id), limit: 1000, ..Default::default() }).unwrap();
    let tries: u32 = results.iter().map(|r| r.attempts).sum();
    assert_eq!(history.len() as u32, tries, "every try is in history");
    assert!(history.iter().any(|h| h.error_code.as_deref() == Some("SERVICE_UNAVAILABLE")));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_that_is_not_there_is_tried_with_backoff_then_the_row_says_why() {
    let (_dir, store) = store("refused");
    // A port that was free a moment ago: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let id = new_run(&store.lock().unwrap(), 2);
    let jobs = vec![pan_job(0, "ABCPE1234F"), pan_job(1, "BBBPB2222B")];
    let started = std::time::Instant::now();
    let (end, counts) = run(
        &engine(&store),
        id,
        jobs,
        2,
        RunCounts::default(),
        quick(),
        destination(format!("http://127.0.0.1:{port}")),
        RunControl::default(),
        Arc::new(|_| {}),
    )
    .await
    .unwrap();
    assert_eq!((end, counts.not_sent), (RunEnd::Finished, 2));
    assert!(started.elapsed() >= Duration::from_millis(70), "waits of 10, 20 and 40 ms between the four tries");
    let results = store.lock().unwrap().batch_results(id, None, 0, 10).unwrap();
    assert!(results.iter().all(|r| r.attempts == 4 && r.error_code.as_deref() == Some("CONNECTION_REFUSED")));
    assert!(results[0].message.contains("Nothing is answering"), "{}", results[0].message);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cancelled_run_stops_sending_and_keeps_what_it_has() {
    let (_dir, store) = store("cancel");
    let sb = vk_sandbox::start(SandboxConfig::builtin(), SocketAddr::from(([127, 0, 0, 1], 0))).await.unwrap();
    let id = new_run(&store.lock().unwrap(), 200);
    let jobs: Vec<Job> =
        (0..200).map(|i| pan_job(i, &format!("ABCP{}{:04}F", (b'A' + (i % 26) as u8) as char, i + 1))).collect();
    let control = RunControl::default();
    let stopper = control.clone();
    let settings = RunSettings { rate: 50.0, concurrency: 2, ..quick() };
    let on_progress = Arc::new(move |p: &vk_batch::Progress| {
        if p.counts.done() >= 10 {
            stopper.cancel();
        }
    });
    let (end, counts) = run(
        &engine(&store),
        id,
        jobs,
        200,
        RunCounts::default(),
        settings,
        destination(sb.base_url()),
        control,
        on_progress,
    )
    .await
    .unwrap();
    assert_eq!(end, RunEnd::Cancelled);
    assert!(counts.done() >= 10 && counts.done() < 30, "{counts:?}");
    assert_eq!(store.lock().unwrap().batch_rows_done(id).unwrap().len() as u32, counts.done());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_redirect_refuses_the_row_without_following_or_trying_again() {
    use axum::http::StatusCode;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let serve = |router: axum::Router| async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        format!("http://{addr}")
    };
    let (reached, asked) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let counter = reached.clone();
    let elsewhere = serve(axum::Router::new().fallback(move || {
        counter.fetch_add(1, Ordering::SeqCst);
        async { r#"{"success":true,"data":{}}"# }
    }))
    .await;
    let location = format!("{elsewhere}/api/v1/verify/pan");
    let counter = asked.clone();
    let api = serve(axum::Router::new().fallback(move || {
        counter.fetch_add(1, Ordering::SeqCst);
        let location = location.clone();
        async move { (StatusCode::TEMPORARY_REDIRECT, [("location", location)], "") }
    }))
    .await;
    let (_dir, store) = store("redirect");
    let id = new_run(&store.lock().unwrap(), 2);
    let jobs = vec![pan_job(0, "ABCPE1234F"), pan_job(1, "BBBPB2222B")];
    let (end, _) = run(
        &engine(&store),
        id,
        jobs,
        2,
        RunCounts::default(),
        quick(),
        destination(api),
        RunControl::default(),
        Arc::new(|_| {}),
    )
    .await
    .unwrap();
    assert_eq!(end, RunEnd::Finished);
    let results = store.lock().unwrap().batch_results(id, None, 0, 10).unwrap();
    for r in &results {
        assert_eq!((r.outcome, r.status, r.error_code.as_deref()), (Outcome::ApiError, Some(307), Some("REDIRECTED")));
        assert!(r.message.starts_with("The server sent this request to another address:"), "{}", r.message);
        assert_eq!(r.attempts, 1, "never tried again");
    }
    assert_eq!(asked.load(Ordering::SeqCst), 2, "one request a row");
    assert_eq!(reached.load(Ordering::SeqCst), 0, "nothing reached the other host");
}
