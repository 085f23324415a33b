//! Collections behind the commands: the tree, folders, saving requests (new or in place), rename, move,
//! duplicate, delete with undo, and export to a JSON file (requests only: never environments or secrets).

use std::path::PathBuf;

use vk_store::collections::{DeletionTicket, FolderNode, Item, SavedRequest};

use crate::ipc::{CollectionExported, ErrorKind, IpcError};
use crate::workspace::{now_ms, Workspace};

fn count(node: &FolderNode) -> u32 {
    node.requests.len() as u32 + node.folders.iter().map(count).sum::<u32>()
}

fn named(name: &str) -> Result<String, IpcError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(IpcError::new(ErrorKind::InvalidInput, "Give it a name."));
    }
    Ok(name.to_string())
}

impl Workspace {
    pub async fn collections_tree(&self) -> Result<FolderNode, IpcError> {
        self.with_store(|s| s.collections_tree()).await
    }

    pub async fn collection_folder_create(&self, parent: Option<i64>, name: String) -> Result<i64, IpcError> {
        let name = named(&name)?;
        self.with_store(move |s| s.folder_create(parent, &name)).await
    }

    /// Saves a request: a new one when `id` is 0, otherwise in place. Returns its id.
    pub async fn collection_request_save(&self, request: SavedRequest) -> Result<i64, IpcError> {
        let request = SavedRequest { name: named(&request.name)?, ..request };
        if request.id == 0 {
            self.with_store(move |s| s.request_save(&request)).await
        } else {
            let id = request.id;
            self.with_store(move |s| s.request_update(&request)).await?;
            Ok(id)
        }
    }

    pub async fn collection_request_get(&self, id: i64) -> Result<SavedRequest, IpcError> {
        self.with_store(move |s| s.request_get(id)).await?.ok_or_else(|| {
            IpcError::new(ErrorKind::InvalidInput, "That saved request no longer exists (it may have been deleted).")
        })
    }

    pub async fn collection_rename(&self, item: Item, name: String) -> Result<(), IpcError> {
        let name = named(&name)?;
        self.with_store(move |s| s.item_rename(item, &name)).await
    }

    pub async fn collection_move(&self, item: Item, folder: Option<i64>, position: u32) -> Result<(), IpcError> {
        self.with_store(move |s| s.item_move(item, folder, position as usize)).await
    }

    pub async fn collection_duplicate(&self, id: i64) -> Result<i64, IpcError> {
        self.with_store(move |s| s.request_duplicate(id)).await
    }

    pub async fn collection_delete(&self, item: Item) -> Result<DeletionTicket, IpcError> {
        self.with_store(move |s| s.item_delete(item)).await
    }

    pub async fn collection_undo_delete(&self, ticket: DeletionTicket) -> Result<(), IpcError> {
        self.with_store(move |s| s.undo_delete(ticket)).await
    }

    /// Writes a folder (or everything, for `None`) to `path` as JSON, replacing the file only once complete.
    pub async fn collection_export(&self, folder: Option<i64>, path: PathBuf) -> Result<CollectionExported, IpcError> {
        self.file_grants.take(&path)?;
        let export = self.with_store(move |s| s.collection_export(folder, now_ms())).await?;
        let requests = count(&export.collection);
        let text = serde_json::to_vec_pretty(&export).map_err(|e| IpcError::new(ErrorKind::Internal, e.to_string()))?;
        let partial = path.with_extension("json.partial");
        let written = std::fs::write(&partial, text).and_then(|()| std::fs::rename(&partial, &path));
        written.map_err(|e| {
            let _ = std::fs::remove_file(&partial);
            IpcError::new(ErrorKind::InvalidInput, format!("The file {} could not be written: {e}.", path.display()))
        })?;
        Ok(CollectionExported { path: path.display().to_string(), requests })
    }
}
