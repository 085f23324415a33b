//! Collections on a real database file: create, save, rename, move, reorder, duplicate, delete with undo.

use vk_store::collections::{FolderNode, Item, SavedRequest};
use vk_store::Store;

use crate::TempDir;

fn request(name: &str, folder: Option<i64>) -> SavedRequest {
    SavedRequest {
        folder_id: folder,
        name: name.into(),
        method: "POST".into(),
        endpoint: "/api/v1/verify/pan".into(),
        body: r#"{"pan":"ABCPE1234F"}"#.into(),
        form_values: r#"{"pan":"ABCPE1234F"}"#.into(),
        extra_headers: vec![("X-Trace".into(), "1".into())],
        ..Default::default()
    }
}

fn names(node: &FolderNode) -> Vec<String> {
    node.requests.iter().map(|r| r.name.clone()).collect()
}

#[test]
fn save_rename_move_reorder_and_duplicate() {
    let dir = TempDir::new("collections");
    let (store, _) = Store::open(&dir.db()).unwrap();
    let kyc = store.folder_create(None, "KYC").unwrap();
    let banks = store.folder_create(Some(kyc), "Banks").unwrap();
    let pan = store.request_save(&request("PAN check", Some(kyc))).unwrap();
    let gst = store.request_save(&request("GST check", Some(kyc))).unwrap();
    let upi = store.request_save(&request("UPI check", Some(kyc))).unwrap();
    let saved = store.request_get(pan).unwrap().unwrap();
    assert_eq!(saved.extra_headers, vec![("X-Trace".to_string(), "1".to_string())]);
    assert_eq!(saved.form_values, r#"{"pan":"ABCPE1234F"}"#);

    store.item_rename(Item::Request(gst), "GSTIN check").unwrap();
    store.item_move(Item::Request(upi), Some(kyc), 0).unwrap();
    let tree = store.collections_tree().unwrap();
    assert_eq!(names(&tree.folders[0]), ["UPI check", "PAN check", "GSTIN check"]);

    let copy = store.request_duplicate(pan).unwrap();
    assert_eq!(
        names(&store.collections_tree().unwrap().folders[0]),
        ["UPI check", "PAN check", "PAN check (copy)", "GSTIN check"]
    );

    store.item_move(Item::Request(copy), Some(banks), 0).unwrap();
    let tree = store.collections_tree().unwrap();
    assert_eq!(tree.folders[0].folders[0].name, "Banks");
    assert_eq!(names(&tree.folders[0].folders[0]), ["PAN check (copy)"]);
    store.item_move(Item::Request(pan), None, 5).unwrap();
    assert_eq!(names(&store.collections_tree().unwrap()), ["PAN check"], "top level");

    let err = store.item_move(Item::Folder(kyc), Some(banks), 0).unwrap_err();
    assert!(err.to_string().contains("cannot be moved into itself"));
    assert!(store.item_rename(Item::Request(999), "x").is_err());
}

#[test]
fn deleting_a_folder_takes_its_contents_and_undo_brings_all_back() {
    let dir = TempDir::new("undo");
    let (store, _) = Store::open(&dir.db()).unwrap();
    let kyc = store.folder_create(None, "KYC").unwrap();
    let inner = store.folder_create(Some(kyc), "Inner").unwrap();
    store.request_save(&request("A", Some(kyc))).unwrap();
    store.request_save(&request("B", Some(inner))).unwrap();
    let loose = store.request_save(&request("Loose", None)).unwrap();
    let before = store.collections_tree().unwrap();

    let ticket = store.item_delete(Item::Folder(kyc)).unwrap();
    let after = store.collections_tree().unwrap();
    assert!(after.folders.is_empty());
    assert_eq!(names(&after), ["Loose"]);
    assert!(store.request_save(&request("C", Some(inner))).is_err(), "a deleted folder takes no new requests");

    let single = store.item_delete(Item::Request(loose)).unwrap();
    assert_ne!(single, ticket);
    store.undo_delete(ticket).unwrap();
    store.undo_delete(single).unwrap();
    assert_eq!(store.collections_tree().unwrap(), before, "everything back in its place");
    assert!(store.undo_delete(ticket).is_err(), "an undo happens once");

    // Undo survives closing and reopening the app.
    let ticket = store.item_delete(Item::Request(loose)).unwrap();
    drop(store);
    let (store, _) = Store::open(&dir.db()).unwrap();
    store.undo_delete(ticket).unwrap();
    assert_eq!(store.collections_tree().unwrap(), before);
}

#[test]
fn update_in_place_and_export_a_folder() {
    let dir = TempDir::new("collections-export");
    let (store, _) = Store::open(&dir.db()).unwrap();
    let kyc = store.folder_create(None, "KYC").unwrap();
    let banks = store.folder_create(Some(kyc), "Banks").unwrap();
    let first = store.request_save(&request("PAN", Some(kyc))).unwrap();
    store.request_save(&request("Second", Some(kyc))).unwrap();
    store.request_save(&request("IFSC", Some(banks))).unwrap();

    let mut changed = store.request_get(first).unwrap().unwrap();
    changed.body = r#"{"pan":"ABCDE1234F"}"#.into();
    changed.name = "PAN (edited)".into();
    store.request_update(&changed).unwrap();
    let tree = store.collections_tree().unwrap();
    assert_eq!(names(&tree.folders[0]), ["PAN (edited)", "Second"], "updated in place, order kept");
    assert_eq!(store.request_get(first).unwrap().unwrap().body, r#"{"pan":"ABCDE1234F"}"#);

    let export = store.collection_export(Some(banks), 42).unwrap();
    assert_eq!((export.format, export.version, export.exported_at_ms), ("vk-workspace-collection", 1, 42));
    assert_eq!(export.collection.name, "Banks");
    assert_eq!(names(&export.collection), ["IFSC"]);
    let everything = store.collection_export(None, 42).unwrap();
    assert_eq!(everything.collection.folders[0].folders[0].name, "Banks");

    store.item_delete(Item::Request(first)).unwrap();
    let err = store.request_update(&changed).unwrap_err();
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert!(store.collection_export(Some(9999), 0).is_err());
}
