//! The real OS credential store (Secret Service under dbus-run-session with gnome-keyring in CI):
//! set, read back from a second process, replace, delete.
//! Run through scripts/with-keyring.sh when the machine has no desktop session of its own.

use std::process::Command;

use vk_core::ApiSecret;
use vk_secrets::{OsStore, SecretStore, StoreKind};

fn reader() -> std::path::PathBuf {
    let deps = std::env::current_exe().unwrap();
    deps.parent().unwrap().parent().unwrap().join("examples").join("secret_reader")
}

fn read_in_other_process(reference: &str, expected: &str) -> String {
    let out = Command::new(reader()).arg(reference).env("VK_EXPECT", expected).output().expect("reader runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn secrets_round_trip_through_the_os_store_and_another_process() {
    let store = OsStore::connect("VK Workspace tests")
        .expect("the OS credential store is reachable (on a headless machine run this under scripts/with-keyring.sh)");
    assert_eq!(store.kind(), StoreKind::OperatingSystem);
    let reference = format!("environment:test-{}", std::process::id());
    store.set(&reference, &ApiSecret::new("s3cr3t-from-test")).unwrap();
    assert!(store.get(&reference).unwrap().unwrap().matches(&ApiSecret::new("s3cr3t-from-test")));
    assert_eq!(read_in_other_process(&reference, "s3cr3t-from-test"), "match");

    store.set(&reference, &ApiSecret::new("replaced")).unwrap();
    assert_eq!(read_in_other_process(&reference, "replaced"), "match");

    assert!(store.delete(&reference).unwrap());
    assert!(store.get(&reference).unwrap().is_none());
    assert_eq!(read_in_other_process(&reference, "replaced"), "missing");
    assert!(!store.delete(&reference).unwrap());
}
