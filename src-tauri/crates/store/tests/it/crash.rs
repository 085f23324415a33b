//! A writer killed with SIGKILL in the middle of 1,000 sends loses no entry it had completed,
//! and the database passes integrity_check when opened again.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use vk_store::history::HistoryFilter;
use vk_store::Store;

use crate::TempDir;

fn writer() -> PathBuf {
    // Examples are built next to the test binaries' folder by `cargo test`.
    let deps = std::env::current_exe().unwrap();
    deps.parent().unwrap().parent().unwrap().join("examples").join("history_writer")
}

#[test]
fn sigkill_mid_run_loses_no_completed_entry() {
    let dir = TempDir::new("crash");
    let mut child = Command::new(writer()).arg(dir.db()).stdout(Stdio::piped()).spawn().expect("writer starts");
    let mut confirmed = 0i64;
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        confirmed = line.unwrap().parse().unwrap();
        if confirmed == 400 {
            // Kill while it is still writing: no chance to close the database or checkpoint the WAL.
            Command::new("kill").args(["-KILL", &child.id().to_string()]).status().unwrap();
            break;
        }
    }
    child.wait().unwrap();
    assert_eq!(confirmed, 400);
    let (store, report) = Store::open(&dir.db()).unwrap();
    assert!(report.corrupt_moved_to.is_none());
    assert!(store.integrity_ok().unwrap());
    let count = store.history_count().unwrap();
    assert!((400..1000).contains(&count), "every confirmed entry survived (found {count})");
    let ids: Vec<i64> = store
        .history_list(&HistoryFilter { limit: 1000, ..Default::default() })
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    assert!((1..=400).all(|id| ids.contains(&id)));
}
