//! Batch runs through the workspace's commands against its built-in sandbox and a real SQLite file: load a sheet,
//! see the bad rows, run, pause and continue, every send in history tagged with the run, export CSV and XLSX with
//! Aadhaar numbers masked, and a run left unfinished by a closed app continued by the next one.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use vk_app::batch_views::{BadRows, BatchStartInput, RowFilter, RunView};
use vk_app::Workspace;
use vk_batch::{BatchTarget, Mapping, Sheet};
use vk_store::batch::RunState;
use vk_store::history::HistoryFilter;

use crate::common::{workspace, DataDir};

/// PANs with two broken rows (rows 4 and 7 as a spreadsheet numbers them) and an Aadhaar column.
fn sheet(rows: u32) -> Vec<u8> {
    let mut csv = String::from("PAN,Name,Aadhaar\n");
    for i in 0..rows {
        let pan = match i {
            2 => "ABCDE123".to_string(),
            5 => String::new(),
            _ => format!("ABCP{}{:04}F", (b'A' + (i % 26) as u8) as char, i + 1),
        };
        csv.push_str(&format!("{pan},\"Customer, {i}\",234123412346\n"));
    }
    csv.into_bytes()
}

fn pan_target(columns: &[(&str, u32)]) -> BatchTarget {
    let columns: BTreeMap<String, u32> = columns.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    BatchTarget::Endpoint { endpoint_id: "verify.pan".into(), mapping: Mapping { columns } }
}

async fn wait_for(ws: &Workspace, run_id: i64, done: impl Fn(&RunView) -> bool) -> RunView {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let run = ws.batch_runs().await.unwrap().into_iter().find(|r| r.info.id == run_id).unwrap();
        if done(&run) {
            return run;
        }
        assert!(Instant::now() < deadline, "the run did not get there: {run:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sheet_is_checked_run_paused_continued_and_exported() {
    let dir = DataDir::new("batch-run");
    let ws = workspace(&dir).await;
    let exports = dir.0.join("exports");
    ws.set_export_dir(exports.clone());

    let err = ws.batch_load("empty.csv".into(), Vec::new()).await.unwrap_err();
    assert!(
        err.to_string().contains("empty.csv") && err.to_string().contains("first row of column names"),
        "{}",
        err.to_string()
    );
    let view = ws.batch_load("clients.csv".into(), sheet(60)).await.unwrap();
    assert_eq!((view.row_count, view.headers.len()), (60, 3));
    let mapping = ws.batch_auto_map("verify.pan".into()).await.unwrap();
    assert_eq!(mapping.columns, BTreeMap::from([("pan".to_string(), 0), ("name".to_string(), 1)]));

    let check = ws.batch_check(pan_target(&[("pan", 0), ("name", 1)])).await.unwrap();
    assert_eq!(check.bad_count, 2);
    let numbers: Vec<u64> = check.bad_rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [4, 7]);
    assert!(check.bad_rows[1].problems[0].reason.contains("required"), "{:?}", check.bad_rows[1]);
    assert!(ws.batch_check(pan_target(&[])).await.is_err(), "nothing mapped is refused with a reason");

    // Slow enough to pause half way: 20 a second.
    let input = BatchStartInput {
        target: pan_target(&[("pan", 0), ("name", 1)]),
        bad_rows: BadRows::Skip,
        rate: 20.0,
        concurrency: 2,
        resend_confirmed: false,
    };
    let run = ws.batch_start(input).await.unwrap();
    let id = run.info.id;
    assert!(run.active);
    wait_for(&ws, id, |r| r.counts.success >= 10).await;
    ws.batch_stop(id, false).await.unwrap();
    let paused = wait_for(&ws, id, |r| !r.active).await;
    assert_eq!(paused.info.state, RunState::Paused);
    assert!(paused.counts.done() < 60, "paused before the end: {:?}", paused.counts);
    let waiting = ws.batch_rows(id, RowFilter::Waiting, 0, 500).await.unwrap();
    assert_eq!(waiting.total, 60 - paused.counts.done());

    // Continue pressed twice at once: one sender only.
    let (resumed, twice) = tokio::join!(ws.batch_resume(id), ws.batch_resume(id));
    let resumed = match (resumed, twice) {
        (Ok(view), Err(e)) | (Err(e), Ok(view)) => {
            assert!(e.to_string().contains("already sending"), "{}", e.to_string());
            view
        }
        other => panic!("exactly one of two Continues starts the run: {other:?}"),
    };
    assert!(resumed.active);
    let finished = wait_for(&ws, id, |r| !r.active).await;
    assert_eq!(finished.info.state, RunState::Finished);
    assert_eq!((finished.counts.success, finished.counts.skipped, finished.counts.done()), (58, 2, 60));
    assert!(ws.batch_resume(id).await.is_err(), "a finished run is not sent again");

    let skipped = ws.batch_rows(id, RowFilter::Skipped, 0, 10).await.unwrap();
    assert_eq!(skipped.rows.iter().map(|r| r.number).collect::<Vec<_>>(), [4, 7]);
    let why: Vec<&str> = skipped.rows.iter().filter_map(|r| r.result.as_ref()).map(|r| r.message.as_str()).collect();
    assert_eq!(
        why,
        ["Skipped: pan — a PAN has 10 characters; this one has 8", "Skipped: pan — Fill this in: it is required."]
    );
    let all = ws.batch_rows(id, RowFilter::All, 50, 100).await.unwrap();
    assert_eq!((all.total, all.rows.len()), (60, 10));
    let label = &all.rows[0].label;
    assert!(
        label.starts_with("ABCP") && label.ends_with("XXXX XXXX 2346"),
        "mapped columns first, Aadhaar masked: {label}"
    );
    let filter = HistoryFilter { batch_run_id: Some(id), limit: 1000, ..Default::default() };
    assert_eq!(ws.history_list(filter).await.unwrap().len(), 58, "every send is in history, tagged with the run");
    let words = HistoryFilter { text: Some("ABCPB0002F".into()), limit: 10, ..Default::default() };
    assert_eq!(ws.history_list(words).await.unwrap().len(), 1, "once the run stops, its sends can be searched");

    let csv = ws.batch_export(id, false, true).await.unwrap();
    let xlsx = ws.batch_export(id, true, true).await.unwrap();
    assert!(csv.path.ends_with("clients results.csv") && xlsx.path.ends_with("clients results.xlsx"), "{csv:?}");
    let again = ws.batch_export(id, false, false).await.unwrap();
    assert!(again.path.ends_with("clients results (2).csv"), "an export never overwrites one: {again:?}");
    for path in [&csv.path, &xlsx.path] {
        let out = Sheet::read(&std::fs::read(path).unwrap()).unwrap();
        assert_eq!(out.rows.len(), 60);
        assert_eq!(out.headers[3..6], ["Result", "HTTP status", "Error code"]);
        assert_eq!(out.rows[0].cells[2], "XXXX XXXX 2346", "Aadhaar masked");
        assert_eq!(out.rows[2].cells[3], "Skipped");
        assert_eq!(
            out.rows[2].cells[6], "Skipped: pan — a PAN has 10 characters; this one has 8",
            "the reason, for the client"
        );
        assert_eq!(out.rows[0].cells[3], "Success");
    }
    let unmasked = std::fs::read_to_string(&again.path).unwrap();
    assert!(unmasked.contains("234123412346"), "the user chose to see them");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_run_left_unfinished_when_the_app_closed_is_continued_by_the_next_start() {
    let dir = DataDir::new("batch-restart");
    let id = {
        let ws = workspace(&dir).await;
        ws.batch_load("rows.csv".into(), sheet(40)).await.unwrap();
        let input = BatchStartInput {
            target: pan_target(&[("pan", 0)]),
            bad_rows: BadRows::Send,
            rate: 20.0,
            concurrency: 1,
            resend_confirmed: false,
        };
        let id = ws.batch_start(input).await.unwrap().info.id;
        wait_for(&ws, id, |r| r.counts.done() >= 5).await.info.id
        // The workspace goes away here with the run still sending: as when the window is closed.
    };
    tokio::time::sleep(Duration::from_millis(200)).await;
    let ws = workspace(&dir).await;
    let stopped = wait_for(&ws, id, |_| true).await;
    assert!(!stopped.active && stopped.counts.done() < 40, "{stopped:?}");
    assert!(matches!(stopped.info.state, RunState::Running | RunState::Paused));
    ws.batch_resume(id).await.unwrap();
    let finished = wait_for(&ws, id, |r| !r.active).await;
    assert_eq!(finished.counts.done(), 40, "exactly one result per row");
    assert_eq!(finished.counts.api_error, 2, "the two bad rows were sent anyway and refused");
    let refused = ws.batch_rows(id, RowFilter::ApiError, 0, 10).await.unwrap();
    assert_eq!(refused.rows[0].result.as_ref().and_then(|r| r.error_code.as_deref()), Some("VALIDATION_ERROR"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_run_lost_with_a_damaged_data_file_is_named_and_its_sheet_is_not_sent_again_unasked() {
    let dir = DataDir::new("batch-damaged");
    let start = |confirmed| BatchStartInput {
        target: pan_target(&[("pan", 0), ("name", 1)]),
        bad_rows: BadRows::Skip,
        rate: 20.0,
        concurrency: 1,
        resend_confirmed: confirmed,
    };
    {
        let ws = workspace(&dir).await;
        ws.batch_load("clients.csv".into(), sheet(40)).await.unwrap();
        let id = ws.batch_start(start(false)).await.unwrap().info.id;
        wait_for(&ws, id, |r| r.counts.success >= 3).await;
        ws.batch_stop(id, false).await.unwrap();
        wait_for(&ws, id, |r| !r.active).await;
    }
    // The data file is damaged while the app is closed: its header page overwritten.
    let db = dir.0.join("workspace.db");
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[..100].fill(0x5a);
    std::fs::write(&db, bytes).unwrap();

    let ws = workspace(&dir).await;
    let notices = ws.startup_notices().await.unwrap();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains("was damaged") && notices[0].contains("corrupt-"), "{}", notices[0]);
    ws.batch_load("clients.csv".into(), sheet(40)).await.unwrap();
    let asked = ws.batch_start(start(false)).await.unwrap_err();
    assert_eq!(asked.kind(), vk_app::ErrorKind::ConfirmResend, "{}", asked);
    assert!(
        asked.to_string().contains("Starting again sends every row again") && asked.to_string().contains("clients.csv"),
        "{}",
        asked.to_string()
    );
    assert!(ws.batch_runs().await.unwrap().is_empty(), "nothing was started");
    let run = ws.batch_start(start(true)).await.unwrap();
    ws.batch_stop(run.info.id, false).await.unwrap();
    wait_for(&ws, run.info.id, |r| !r.active).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rate_or_concurrency_out_of_range_is_refused_as_vk_batch_refuses_it() {
    let dir = DataDir::new("batch-speed");
    let ws = workspace(&dir).await;
    ws.batch_load("clients.csv".into(), sheet(5)).await.unwrap();
    let start = |rate, concurrency| BatchStartInput {
        target: pan_target(&[("pan", 0)]),
        bad_rows: BadRows::Skip,
        rate,
        concurrency,
        resend_confirmed: false,
    };
    for (rate, concurrency) in
        [(f64::NAN, 4), (1e-9, 4), (-1.0, 4), (f64::INFINITY, 4), (1000.5, 4), (5.0, 0), (5.0, 65)]
    {
        let err = ws.batch_start(start(rate, concurrency)).await.unwrap_err();
        assert!(err.to_string().contains("0.1 to 1000") && err.to_string().contains("1 to 64"), "{rate}: {}", err);
    }
    assert!(ws.batch_runs().await.unwrap().is_empty(), "nothing was started");
}
