//! Collections behind the commands: the tree, folders, saving requests (new or in place), rename, move,
//! duplicate, delete with undo, and export to a JSON file (requests only: never environments or secrets).

use std::path::PathBuf;
use std::sync::Arc;

use vk_store::collections::{DeletionTicket, FolderNode, Item, SavedRequest};

use crate::changes::Change;
use crate::db::{now_ms, Db};
use crate::error::AppError;
use crate::file_grants::FileGrants;
use crate::ipc::CollectionExported;

/// Saved requests in folders.
pub struct Collections {
    db: Db,
    grants: Arc<FileGrants>,
}

fn count(node: &FolderNode) -> u32 {
    node.requests.len() as u32 + node.folders.iter().map(count).sum::<u32>()
}

fn named(name: &str) -> Result<String, AppError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::invalid("Give it a name."));
    }
    Ok(name.to_string())
}

impl Collections {
    pub fn new(db: Db, grants: Arc<FileGrants>) -> Self {
        Self { db, grants }
    }

    pub async fn tree(&self) -> Result<FolderNode, AppError> {
        self.db.read(|s| s.collections_tree()).await
    }

    pub async fn folder_create(&self, parent: Option<i64>, name: String) -> Result<i64, AppError> {
        let name = named(&name)?;
        self.db.write(Change::Collections, move |s| s.folder_create(parent, &name)).await
    }

    /// Saves a request: a new one when `id` is 0, otherwise in place. Returns its id.
    pub async fn request_save(&self, request: SavedRequest) -> Result<i64, AppError> {
        let request = SavedRequest { name: named(&request.name)?, ..request };
        if request.id == 0 {
            self.db.write(Change::Collections, move |s| s.request_save(&request)).await
        } else {
            let id = request.id;
            self.db.write(Change::Collections, move |s| s.request_update(&request)).await?;
            Ok(id)
        }
    }

    pub async fn request_get(&self, id: i64) -> Result<SavedRequest, AppError> {
        self.db
            .read(move |s| s.request_get(id))
            .await?
            .ok_or_else(|| AppError::invalid("That saved request no longer exists (it may have been deleted)."))
    }

    pub async fn rename(&self, item: Item, name: String) -> Result<(), AppError> {
        let name = named(&name)?;
        self.db.write(Change::Collections, move |s| s.item_rename(item, &name)).await
    }

    pub async fn move_item(&self, item: Item, folder: Option<i64>, position: u32) -> Result<(), AppError> {
        self.db.write(Change::Collections, move |s| s.item_move(item, folder, position as usize)).await
    }

    pub async fn duplicate(&self, id: i64) -> Result<i64, AppError> {
        self.db.write(Change::Collections, move |s| s.request_duplicate(id)).await
    }

    pub async fn delete(&self, item: Item) -> Result<DeletionTicket, AppError> {
        self.db.write(Change::Collections, move |s| s.item_delete(item)).await
    }

    pub async fn undo_delete(&self, ticket: DeletionTicket) -> Result<(), AppError> {
        self.db.write(Change::Collections, move |s| s.undo_delete(ticket)).await
    }

    /// Writes a folder (or everything, for `None`) to `path` as JSON, replacing the file only once complete.
    pub async fn export(&self, folder: Option<i64>, path: PathBuf) -> Result<CollectionExported, AppError> {
        self.grants.take(&path)?;
        let export = self.db.read(move |s| s.collection_export(folder, now_ms())).await?;
        let requests = count(&export.collection);
        let text = serde_json::to_vec_pretty(&export).map_err(AppError::internal)?;
        let partial = path.with_extension("json.partial");
        let written = std::fs::write(&partial, text).and_then(|()| std::fs::rename(&partial, &path));
        written.map_err(|e| {
            let _ = std::fs::remove_file(&partial);
            AppError::invalid(format!("The file {} could not be written: {e}.", path.display()))
        })?;
        Ok(CollectionExported { path: path.display().to_string(), requests })
    }
}
