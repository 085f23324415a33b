//! Opening: migrations from empty, refusal of a newer database, recovery from corrupt files.

use vk_store::{Store, StoreError, SCHEMA_VERSION};

use crate::{entry, TempDir};

#[test]
fn migrates_an_empty_file_and_reopens_without_migrating() {
    let dir = TempDir::new("migrate");
    let (store, report) = Store::open(&dir.db()).unwrap();
    assert_eq!(report.migrated_from, 0);
    assert!(report.corrupt_moved_to.is_none());
    store.history_record(&entry(1), Default::default()).unwrap();
    drop(store);
    let (store, report) = Store::open(&dir.db()).unwrap();
    assert_eq!(report.migrated_from, SCHEMA_VERSION);
    assert_eq!(store.history_count().unwrap(), 1);
    let mode: String =
        rusqlite::Connection::open(dir.db()).unwrap().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn a_newer_database_is_refused_and_left_untouched() {
    let dir = TempDir::new("newer");
    drop(Store::open(&dir.db()).unwrap());
    let raw = rusqlite::Connection::open(dir.db()).unwrap();
    raw.pragma_update(None, "user_version", SCHEMA_VERSION + 5).unwrap();
    drop(raw);
    let err = Store::open(&dir.db()).err().expect("refused");
    assert!(matches!(err, StoreError::NewerDatabase { found, .. } if found == SCHEMA_VERSION + 5));
    assert!(err.to_string().contains("newer version of VK Workspace"), "{err}");
    let version: i64 =
        rusqlite::Connection::open(dir.db()).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, SCHEMA_VERSION + 5, "nothing was changed");
}

#[test]
fn a_file_that_is_not_a_database_is_moved_aside() {
    let dir = TempDir::new("garbage");
    std::fs::write(dir.db(), b"this is not a database, just some text that got here somehow ...........").unwrap();
    let (store, report) = Store::open(&dir.db()).unwrap();
    let aside = report.corrupt_moved_to.expect("moved aside");
    assert!(aside.file_name().unwrap().to_str().unwrap().starts_with("history.db.corrupt-"));
    assert!(std::fs::read(&aside).unwrap().starts_with(b"this is not a database"), "kept, not deleted");
    store.history_record(&entry(1), Default::default()).unwrap();
    assert_eq!(store.history_count().unwrap(), 1);
}

#[test]
fn a_database_with_damaged_pages_is_moved_aside() {
    let dir = TempDir::new("damaged");
    {
        let (store, _) = Store::open(&dir.db()).unwrap();
        for i in 0..300 {
            store.history_record(&entry(i), Default::default()).unwrap();
        }
        store.checkpoint().unwrap();
    }
    let mut bytes = std::fs::read(dir.db()).unwrap();
    assert!(bytes.len() > 40_000);
    for b in &mut bytes[8192..24576] {
        *b = 0xA5;
    }
    std::fs::write(dir.db(), &bytes).unwrap();
    let _ = std::fs::remove_file(dir.0.join("history.db-wal"));
    let (store, report) = Store::open(&dir.db()).unwrap();
    assert!(report.corrupt_moved_to.is_some(), "damage detected");
    assert_eq!(store.history_count().unwrap(), 0);
    assert!(store.integrity_ok().unwrap());
}
