//! Batch runs in a real database file: one result per row whatever is written twice, counts and pages by outcome,
//! the run's sends in history tagged with it, and their search index built later without ever disagreeing with
//! the rows (deleted before or after it is built).

use vk_store::batch::{NewRun, Outcome, RowResult, RunState};
use vk_store::history::{HistoryFilter, NewEntry, RecordOptions};
use vk_store::{Store, BULK_WAL_PAGES};

use crate::{entry, TempDir};

fn result(row_index: u32, outcome: Outcome) -> RowResult {
    RowResult {
        row_index,
        outcome,
        status: Some(200),
        error_code: None,
        summary: vec![("status".into(), "VALID".into())],
        message: "status VALID".into(),
        attempts: 1,
        finished_ms: 5,
    }
}

fn run(store: &Store, rows: u32) -> i64 {
    let new = NewRun {
        name: "rows.csv".into(),
        fingerprint: "abc".into(),
        environment: "Sandbox".into(),
        target: "{}".into(),
        input: b"PAN\nABCPE1234F\n".to_vec(),
        row_count: rows,
        rows_to_send: (0..rows).collect(),
        rate: 5.0,
        concurrency: 4,
    };
    store.batch_run_create(&new, 1).unwrap()
}

fn search(store: &Store, text: &str) -> usize {
    store.history_list(&HistoryFilter { text: Some(text.into()), limit: 100, ..Default::default() }).unwrap().len()
}

#[test]
fn one_result_per_row_counted_and_paged_by_outcome() {
    let dir = TempDir::new("batch-results");
    let (store, _) = Store::open(&dir.db()).unwrap();
    let id = run(&store, 5);
    assert_eq!(store.batch_run_unfinished("abc").unwrap().map(|r| r.id), Some(id));
    let first: Vec<_> = [(0, Outcome::Success), (1, Outcome::ApiError), (2, Outcome::Skipped), (3, Outcome::Success)]
        .into_iter()
        .map(|(i, o)| (result(i, o), Some(entry(i as i64))))
        .collect();
    let added = store.batch_results_record(id, &first, &[entry(99)], RecordOptions::default()).unwrap();
    assert_eq!(added.done(), 4);
    // The same row written again (a send answered twice): the first answer stays.
    let again = store.batch_results_record(id, &[(result(0, Outcome::NotSent), None)], &[], RecordOptions::default());
    assert_eq!(again.unwrap().done(), 0);
    let counts = store.batch_counts(id).unwrap();
    assert_eq!((counts.success, counts.api_error, counts.skipped, counts.not_sent), (2, 1, 1, 0));
    assert_eq!(store.batch_rows_done(id).unwrap(), [0, 1, 2, 3]);
    let successes = store.batch_results_at(id, Some(Outcome::Success), 1, 10).unwrap();
    assert_eq!(successes.iter().map(|r| r.row_index).collect::<Vec<_>>(), [3]);
    assert_eq!(store.batch_results(id, None, 2, 10).unwrap()[0].summary, [("status".to_string(), "VALID".to_string())]);
    let tagged = HistoryFilter { batch_run_id: Some(id), limit: 100, ..Default::default() };
    assert_eq!(store.history_list(&tagged).unwrap().len(), 5, "four rows' sends and one that was tried again");
    assert_eq!(store.batch_run_input(id).unwrap(), b"PAN\nABCPE1234F\n");

    store.batch_run_set_state(id, RunState::Finished, 9).unwrap();
    assert!(store.batch_run_unfinished("abc").unwrap().is_none());
    assert_eq!(store.batch_run_get(id).unwrap().unwrap().finished_ms, Some(9));
    assert!(store.batch_run_delete(id).unwrap());
    assert!(store.batch_runs().unwrap().is_empty() && store.batch_counts(id).unwrap().done() == 0);
}

#[test]
fn a_runs_sends_become_searchable_later_and_the_index_never_disagrees() {
    let dir = TempDir::new("batch-search");
    let (store, _) = Store::open(&dir.db()).unwrap();
    let id = run(&store, 3);
    let send = |i: i64, word: &str| NewEntry { response_body: format!(r#"{{"name":"{word}"}}"#), ..entry(i) };
    let rows: Vec<_> = [(0, "Zanzibarite"), (1, "Quokkaville"), (2, "Zanzibarite")]
        .into_iter()
        .map(|(i, w)| (result(i as u32, Outcome::Success), Some(send(i, w))))
        .collect();
    store.batch_results_record(id, &rows, &[], RecordOptions::default()).unwrap();
    store.history_record(&send(7, "Zanzibarite"), RecordOptions::default()).unwrap();
    assert_eq!(search(&store, "Zanzibarite"), 1, "a single send is searchable at once; the run's wait");

    // Deleted before it was indexed: the index is not asked to forget what it never held.
    let tagged =
        store.history_list(&HistoryFilter { batch_run_id: Some(id), limit: 10, ..Default::default() }).unwrap();
    let quokka = tagged.iter().find(|h| h.id == tagged.iter().map(|t| t.id).min().unwrap() + 1).unwrap().id;
    assert!(store.history_delete(quokka).unwrap());
    assert!(store.history_search_index_ok(false).unwrap());
    assert!(!store.history_search_index_ok(true).unwrap(), "the run's other sends are not in the index yet");

    assert_eq!(store.history_index_pending(1).unwrap(), 1, "a block at a time");
    assert_eq!(store.history_index_pending(100).unwrap(), 1);
    assert_eq!(store.history_index_pending(100).unwrap(), 0);
    assert_eq!(search(&store, "Zanzibarite"), 3);
    assert_eq!(search(&store, "Quokkaville"), 0);
    assert!(store.history_search_index_ok(true).unwrap(), "the index holds exactly the rows");

    // Deleted after: it leaves the index too.
    assert_eq!(store.history_clear().unwrap(), 3);
    assert_eq!(search(&store, "Zanzibarite"), 0);
    assert!(store.history_search_index_ok(true).unwrap() && store.integrity_ok().unwrap());
}

#[test]
fn bulk_writing_lets_the_wal_grow_then_copies_it_into_the_file() {
    let dir = TempDir::new("batch-bulk");
    let (mut store, _) = Store::open(&dir.db()).unwrap();
    let id = run(&store, 3000);
    let wal = dir.db().with_extension("db-wal");
    let big = |i: i64| NewEntry { response_body: format!(r#"{{"pad":"{}"}}"#, "x".repeat(3000)), ..entry(i) };
    let write = |store: &Store, from: u32| {
        for block in (from..from + 1500).collect::<Vec<_>>().chunks(50) {
            let rows: Vec<_> = block.iter().map(|&i| (result(i, Outcome::Success), Some(big(i64::from(i))))).collect();
            store.batch_results_record(id, &rows, &[], RecordOptions::default()).unwrap();
        }
    };
    // As usual: the WAL is copied into the file every 1,000 pages (4 MB) and starts again from its beginning.
    write(&store, 0);
    let usual = std::fs::metadata(&wal).unwrap().len();
    assert!(usual < 6 << 20, "the WAL stays near 4 MB ({usual} bytes)");

    store.bulk_writing(true).unwrap();
    write(&store, 1500);
    let grown = std::fs::metadata(&wal).unwrap().len();
    assert!(grown > usual + (3 << 20), "while bulk writing the WAL grows ({usual} → {grown} bytes)");
    store.bulk_writing(false).unwrap();

    // Everything is in the main file now: a copy of the file alone, without its WAL, holds every result.
    let copy = dir.0.join("copy.db");
    std::fs::copy(dir.db(), &copy).unwrap();
    let (copied, _) = Store::open(&copy).unwrap();
    assert_eq!(copied.batch_counts(id).unwrap().success, 3000);
    assert!(copied.integrity_ok().unwrap() && store.integrity_ok().unwrap());
}

#[test]
fn two_runs_at_once_keep_the_large_wal_until_the_last_one_stops() {
    let dir = TempDir::new("batch-bulk-two");
    let (mut store, _) = Store::open(&dir.db()).unwrap();
    assert_eq!(store.wal_limit().unwrap(), 1000);
    store.bulk_writing(true).unwrap();
    store.bulk_writing(true).unwrap();
    assert_eq!(store.wal_limit().unwrap(), BULK_WAL_PAGES);
    store.bulk_writing(false).unwrap();
    assert_eq!(store.wal_limit().unwrap(), BULK_WAL_PAGES, "the second run is still writing");
    store.bulk_writing(false).unwrap();
    assert_eq!(store.wal_limit().unwrap(), 1000);
    // One off too many (a run that failed before it turned it on) changes nothing.
    store.bulk_writing(false).unwrap();
    store.bulk_writing(true).unwrap();
    assert_eq!(store.wal_limit().unwrap(), BULK_WAL_PAGES);
}
