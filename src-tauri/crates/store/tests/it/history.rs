//! History: recording with masking, large bodies in files, every filter, full-text search, paging, retention.

use vk_store::history::{HistoryFilter, NewEntry, RecordOptions};
use vk_store::Store;

use crate::{entry, TempDir};

fn filled(dir: &TempDir, n: i64) -> Store {
    let (store, _) = Store::open(&dir.db()).unwrap();
    for i in 1..=n {
        store.history_record(&entry(i), RecordOptions::default()).unwrap();
    }
    store
}

fn list(store: &Store, filter: HistoryFilter) -> Vec<i64> {
    store
        .history_list(&HistoryFilter { limit: if filter.limit == 0 { 1000 } else { filter.limit }, ..filter })
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect()
}

#[test]
fn records_round_trip_with_signature_and_key_masked() {
    let dir = TempDir::new("roundtrip");
    let store = filled(&dir, 1);
    let e = store.history_get(1).unwrap().unwrap();
    assert_eq!(e.summary.endpoint, "/api/v1/verify/pan");
    assert_eq!(e.summary.status, Some(200));
    assert_eq!(e.request_body, r#"{"pan":"ABCPE0001F"}"#);
    assert_eq!(e.request_headers[0], ("X-API-Key".to_string(), "vk_live_…".to_string()));
    assert_eq!(e.request_headers[1], ("X-Signature".to_string(), "(masked)".to_string()));
    assert!(e.response_body.contains("Person1 Kumar"));
    assert!(store.history_get(99).unwrap().is_none());
}

#[test]
fn aadhaar_numbers_are_masked_unless_turned_off() {
    let dir = TempDir::new("aadhaar");
    let (store, _) = Store::open(&dir.db()).unwrap();
    let with_aadhaar = NewEntry {
        request_body: r#"{"aadhaar":"234123412346"}"#.into(),
        response_body: r#"{"aadhaar":"2341 2341 2346","name":"X"}"#.into(),
        ..entry(1)
    };
    let masked = store.history_record(&with_aadhaar, RecordOptions::default()).unwrap();
    let kept =
        store.history_record(&with_aadhaar, RecordOptions { mask_aadhaar: false, ..Default::default() }).unwrap();
    let m = store.history_get(masked).unwrap().unwrap();
    assert_eq!(m.request_body, r#"{"aadhaar":"XXXX XXXX 2346"}"#);
    assert!(m.response_body.contains("XXXX XXXX 2346") && !m.response_body.contains("2341 2341"));
    assert_eq!(store.history_get(kept).unwrap().unwrap().request_body, r#"{"aadhaar":"234123412346"}"#);
    drop(store);
    let bytes = std::fs::read(dir.db()).unwrap();
    let wal = std::fs::read(dir.0.join("history.db-wal")).unwrap_or_default();
    let count = |hay: &[u8]| hay.windows(12).filter(|w| w == b"234123412346").count();
    assert!(count(&bytes) + count(&wal) > 0, "the unmasked copy was asked for and kept");
}

#[test]
fn large_bodies_live_in_a_file_and_come_back_whole() {
    let dir = TempDir::new("large");
    let (store, _) = Store::open(&dir.db()).unwrap();
    let big = format!(r#"{{"rows":"{}","tail":"needle"}}"#, "é".repeat(200_000));
    let id =
        store.history_record(&NewEntry { response_body: big.clone(), ..entry(1) }, RecordOptions::default()).unwrap();
    let files: Vec<_> = std::fs::read_dir(dir.0.join("history.bodies")).unwrap().collect();
    assert_eq!(files.len(), 1);
    let back = store.history_get(id).unwrap().unwrap();
    assert_eq!(back.response_body, big);
    assert_eq!(back.summary.size_bytes, big.len() as i64);
    assert!(store.history_delete(id).unwrap());
    assert_eq!(std::fs::read_dir(dir.0.join("history.bodies")).unwrap().count(), 0, "its file went with it");
}

#[test]
fn every_filter_narrows_the_list_newest_first() {
    let dir = TempDir::new("filters");
    let store = filled(&dir, 30);
    let all = list(&store, HistoryFilter::default());
    assert_eq!(all.len(), 30);
    assert_eq!(all[0], 30, "newest first");
    let prod = list(&store, HistoryFilter { environment: Some("Production".into()), ..Default::default() });
    assert_eq!(prod.len(), 15);
    assert!(prod.iter().all(|id| id % 2 == 1));
    let cibil = list(&store, HistoryFilter { module: Some("cibil".into()), ..Default::default() });
    assert_eq!(cibil, (1..=30).rev().filter(|i| i % 3 == 2).collect::<Vec<_>>());
    let failed = list(&store, HistoryFilter { status_class: Some(4), ..Default::default() });
    assert_eq!(failed, vec![30, 25, 20, 15, 10, 5]);
    let hmac = list(&store, HistoryFilter { error_code: Some("HMAC_INVALID".into()), ..Default::default() });
    assert_eq!(hmac, failed);
    let window = list(
        &store,
        HistoryFilter { from_ms: Some(entry(10).sent_at_ms), to_ms: Some(entry(12).sent_at_ms), ..Default::default() },
    );
    assert_eq!(window, vec![12, 11, 10]);
    let page2 = list(&store, HistoryFilter { before_id: Some(21), limit: 5, ..Default::default() });
    assert_eq!(page2, vec![20, 19, 18, 17, 16]);
    let combined = list(
        &store,
        HistoryFilter { environment: Some("Sandbox (built in)".into()), status_class: Some(4), ..Default::default() },
    );
    assert_eq!(combined, vec![30, 20, 10]);
}

#[test]
fn full_text_search_finds_words_in_bodies_endpoints_and_codes() {
    let dir = TempDir::new("fts");
    let store = filled(&dir, 30);
    assert_eq!(list(&store, HistoryFilter { text: Some("Person17".into()), ..Default::default() }), vec![17]);
    assert_eq!(
        list(&store, HistoryFilter { text: Some("person2".into()), ..Default::default() }),
        vec![29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 2],
        "prefix, any case"
    );
    assert_eq!(
        list(&store, HistoryFilter { text: Some("ABCPE0007F".into()), ..Default::default() }),
        vec![7],
        "request body"
    );
    assert_eq!(
        list(&store, HistoryFilter { text: Some("hmac_invalid".into()), ..Default::default() }).len(),
        6,
        "error code"
    );
    assert_eq!(
        list(&store, HistoryFilter { text: Some("verify pan".into()), ..Default::default() }).len(),
        30,
        "endpoint words"
    );
    let narrowed = list(
        &store,
        HistoryFilter {
            text: Some("kumar".into()),
            environment: Some("Production".into()),
            limit: 3,
            ..Default::default()
        },
    );
    assert_eq!(narrowed, vec![29, 27, 25]);
    assert!(
        list(&store, HistoryFilter { text: Some("\"; DROP TABLE history --".into()), ..Default::default() }).is_empty()
    );
    assert_eq!(store.history_count().unwrap(), 30, "odd input is only text");
    store.history_delete(17).unwrap();
    assert!(
        list(&store, HistoryFilter { text: Some("Person17".into()), ..Default::default() }).is_empty(),
        "deleted rows leave the index"
    );
}

#[test]
fn retention_by_age_and_by_count_and_clear() {
    let dir = TempDir::new("retention");
    let store = filled(&dir, 50);
    let now = entry(50).sent_at_ms;
    assert_eq!(store.history_apply_retention(None, Some(20), now).unwrap(), 30);
    assert_eq!(list(&store, HistoryFilter::default()).last(), Some(&31));
    let old = NewEntry { sent_at_ms: now - 3 * 86_400_000, ..entry(99) };
    let old_id = store.history_record(&old, RecordOptions::default()).unwrap();
    assert_eq!(store.history_apply_retention(Some(2), None, now).unwrap(), 1);
    assert!(store.history_get(old_id).unwrap().is_none());
    assert_eq!(store.history_count().unwrap(), 20);
    assert_eq!(store.history_clear().unwrap(), 20);
    assert_eq!(store.history_count().unwrap(), 0);
}
