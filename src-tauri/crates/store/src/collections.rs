//! Collections: nested folders of saved requests. Create, rename, move, reorder, duplicate, and delete with undo
//! (a delete marks the rows with a batch number; undoing the batch brings them back exactly where they were).

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::{Store, StoreError};

/// A folder or a saved request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
#[ts(export)]
pub enum Item {
    Folder(#[ts(type = "number")] i64),
    Request(#[ts(type = "number")] i64),
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SavedRequest {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number | null")]
    pub folder_id: Option<i64>,
    pub name: String,
    pub description: String,
    pub method: String,
    pub endpoint: String,
    pub body: String,
    /// JSON object of form field values, as the form left them.
    pub form_values: String,
    pub extra_headers: Vec<(String, String)>,
}

/// The collection tree: folders with their children, requests in order.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FolderNode {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub folders: Vec<FolderNode>,
    pub requests: Vec<SavedRequest>,
}

/// What a delete removed, to undo it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DeletionTicket {
    #[ts(type = "number")]
    pub batch: i64,
}

fn table(item: Item) -> (&'static str, &'static str, i64) {
    match item {
        Item::Folder(id) => ("folders", "parent_id", id),
        Item::Request(id) => ("saved_requests", "folder_id", id),
    }
}

const REQUEST_COLUMNS: &str = "id, folder_id, name, description, method, endpoint, body, form_values, extra_headers";

fn request_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<SavedRequest> {
    Ok(SavedRequest {
        id: r.get(0)?,
        folder_id: r.get(1)?,
        name: r.get(2)?,
        description: r.get(3)?,
        method: r.get(4)?,
        endpoint: r.get(5)?,
        body: r.get(6)?,
        form_values: r.get(7)?,
        extra_headers: serde_json::from_str(&r.get::<_, String>(8)?).unwrap_or_default(),
    })
}

fn not_found(item: Item) -> StoreError {
    StoreError::Invalid(format!("{item:?} does not exist (it may have been deleted)"))
}

impl Store {
    fn next_position(&self, table: &str, parent_column: &str, parent: Option<i64>) -> Result<i64, StoreError> {
        Ok(self.conn.query_row(
            &format!("SELECT coalesce(max(position), -1) + 1 FROM {table} WHERE {parent_column} IS ?1 AND deleted_batch IS NULL"),
            [parent],
            |r| r.get(0),
        )?)
    }

    fn live_folder(&self, id: Option<i64>) -> Result<(), StoreError> {
        match id {
            None => Ok(()),
            Some(id) => {
                let found: Option<i64> = self
                    .conn
                    .query_row("SELECT id FROM folders WHERE id = ?1 AND deleted_batch IS NULL", [id], |r| r.get(0))
                    .optional()?;
                found.map(|_| ()).ok_or_else(|| not_found(Item::Folder(id)))
            }
        }
    }

    pub fn folder_create(&self, parent: Option<i64>, name: &str) -> Result<i64, StoreError> {
        self.live_folder(parent)?;
        let position = self.next_position("folders", "parent_id", parent)?;
        self.conn.execute(
            "INSERT INTO folders (parent_id, name, position) VALUES (?1, ?2, ?3)",
            params![parent, name, position],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Saves a new request at the end of its folder (`request.id` is ignored); returns its id.
    pub fn request_save(&self, request: &SavedRequest) -> Result<i64, StoreError> {
        self.live_folder(request.folder_id)?;
        let position = self.next_position("saved_requests", "folder_id", request.folder_id)?;
        self.conn.execute(
            "INSERT INTO saved_requests (folder_id, name, description, method, endpoint, body, form_values, extra_headers, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                request.folder_id,
                request.name,
                request.description,
                request.method,
                request.endpoint,
                request.body,
                request.form_values,
                serde_json::to_string(&request.extra_headers).unwrap_or_else(|_| "[]".into()),
                position
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Saves changes to an existing request in place (its folder and position stay; use `item_move` to move it).
    pub fn request_update(&self, request: &SavedRequest) -> Result<(), StoreError> {
        let changed = self.conn.execute(
            "UPDATE saved_requests SET name = ?1, description = ?2, method = ?3, endpoint = ?4, body = ?5,
             form_values = ?6, extra_headers = ?7 WHERE id = ?8 AND deleted_batch IS NULL",
            params![
                request.name,
                request.description,
                request.method,
                request.endpoint,
                request.body,
                request.form_values,
                serde_json::to_string(&request.extra_headers).unwrap_or_else(|_| "[]".into()),
                request.id
            ],
        )?;
        if changed == 0 {
            return Err(not_found(Item::Request(request.id)));
        }
        Ok(())
    }

    pub fn request_get(&self, id: i64) -> Result<Option<SavedRequest>, StoreError> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {REQUEST_COLUMNS} FROM saved_requests WHERE id = ?1 AND deleted_batch IS NULL"),
                [id],
                request_from,
            )
            .optional()?)
    }

    pub fn item_rename(&self, item: Item, name: &str) -> Result<(), StoreError> {
        let (table, _, id) = table(item);
        let changed = self.conn.execute(
            &format!("UPDATE {table} SET name = ?1 WHERE id = ?2 AND deleted_batch IS NULL"),
            params![name, id],
        )?;
        if changed == 0 {
            return Err(not_found(item));
        }
        Ok(())
    }

    /// Moves `item` into `folder` (None: the top level) at `position` (clamped), renumbering its siblings.
    /// Reordering within a folder is a move to the same folder.
    pub fn item_move(&self, item: Item, folder: Option<i64>, position: usize) -> Result<(), StoreError> {
        self.live_folder(folder)?;
        if let (Item::Folder(id), Some(target)) = (item, folder) {
            // A folder cannot go inside itself or one of its own subfolders.
            let mut cursor = Some(target);
            while let Some(current) = cursor {
                if current == id {
                    return Err(StoreError::Invalid(
                        "A folder cannot be moved into itself or one of its subfolders".into(),
                    ));
                }
                cursor = self.conn.query_row("SELECT parent_id FROM folders WHERE id = ?1", [current], |r| r.get(0))?;
            }
        }
        let (table, parent_column, id) = table(item);
        self.in_transaction(|s| {
            let siblings: Vec<i64> = {
                let mut st = s.conn.prepare(&format!(
                    "SELECT id FROM {table} WHERE {parent_column} IS ?1 AND deleted_batch IS NULL AND id != ?2 ORDER BY position"
                ))?;
                let rows = st.query_map(params![folder, id], |r| r.get(0))?;
                rows.collect::<Result<_, _>>()?
            };
            let mut order = siblings;
            order.insert(position.min(order.len()), id);
            let moved = s.conn.execute(
                &format!("UPDATE {table} SET {parent_column} = ?1 WHERE id = ?2 AND deleted_batch IS NULL"),
                params![folder, id],
            )?;
            if moved == 0 {
                return Err(not_found(item));
            }
            for (index, sibling) in order.iter().enumerate() {
                s.conn.execute(&format!("UPDATE {table} SET position = ?1 WHERE id = ?2"), params![index as i64, sibling])?;
            }
            Ok(())
        })
    }

    /// Copies a saved request right after the original, named "… (copy)"; returns the copy's id.
    pub fn request_duplicate(&self, id: i64) -> Result<i64, StoreError> {
        let original = self.request_get(id)?.ok_or_else(|| not_found(Item::Request(id)))?;
        let copy_id =
            self.request_save(&SavedRequest { name: format!("{} (copy)", original.name), ..original.clone() })?;
        let position: i64 =
            self.conn.query_row("SELECT position FROM saved_requests WHERE id = ?1", [id], |r| r.get(0))?;
        self.item_move(Item::Request(copy_id), original.folder_id, position as usize + 1)?;
        Ok(copy_id)
    }

    /// Deletes `item` (a folder with everything inside it); returns the ticket that undoes it.
    pub fn item_delete(&self, item: Item) -> Result<DeletionTicket, StoreError> {
        self.in_transaction(|s| {
            let batch: i64 = s.conn.query_row(
                "SELECT coalesce(max(b), 0) + 1 FROM (SELECT max(deleted_batch) AS b FROM folders
                 UNION ALL SELECT max(deleted_batch) FROM saved_requests)",
                [],
                |r| r.get(0),
            )?;
            let (table, _, id) = table(item);
            let changed = s.conn.execute(
                &format!("UPDATE {table} SET deleted_batch = ?1 WHERE id = ?2 AND deleted_batch IS NULL"),
                [batch, id],
            )?;
            if changed == 0 {
                return Err(not_found(item));
            }
            if let Item::Folder(_) = item {
                // Everything below the folder, level by level, joins the same batch.
                loop {
                    let folders = s.conn.execute(
                        "UPDATE folders SET deleted_batch = ?1 WHERE deleted_batch IS NULL
                         AND parent_id IN (SELECT id FROM folders WHERE deleted_batch = ?1)",
                        [batch],
                    )?;
                    if folders == 0 {
                        break;
                    }
                }
                s.conn.execute(
                    "UPDATE saved_requests SET deleted_batch = ?1 WHERE deleted_batch IS NULL
                     AND folder_id IN (SELECT id FROM folders WHERE deleted_batch = ?1)",
                    [batch],
                )?;
            }
            Ok(DeletionTicket { batch })
        })
    }

    /// Brings back everything `ticket` deleted, in the same places.
    pub fn undo_delete(&self, ticket: DeletionTicket) -> Result<(), StoreError> {
        self.in_transaction(|s| {
            let restored =
                s.conn.execute("UPDATE folders SET deleted_batch = NULL WHERE deleted_batch = ?1", [ticket.batch])?
                    + s.conn.execute(
                        "UPDATE saved_requests SET deleted_batch = NULL WHERE deleted_batch = ?1",
                        [ticket.batch],
                    )?;
            if restored == 0 {
                return Err(StoreError::Invalid("There is nothing left to undo for this delete".into()));
            }
            Ok(())
        })
    }

    /// The whole collection tree (top-level folders and requests under a root node with id 0).
    pub fn collections_tree(&self) -> Result<FolderNode, StoreError> {
        let folders: Vec<(i64, Option<i64>, String)> = {
            let mut st = self
                .conn
                .prepare("SELECT id, parent_id, name FROM folders WHERE deleted_batch IS NULL ORDER BY position")?;
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        let requests: Vec<SavedRequest> = {
            // One query for every request, not one per request.
            let mut st = self.conn.prepare(&format!(
                "SELECT {REQUEST_COLUMNS} FROM saved_requests WHERE deleted_batch IS NULL ORDER BY position"
            ))?;
            let rows = st.query_map([], request_from)?;
            rows.collect::<Result<_, _>>()?
        };
        fn build(
            id: Option<i64>,
            name: &str,
            folders: &[(i64, Option<i64>, String)],
            requests: &[SavedRequest],
        ) -> FolderNode {
            FolderNode {
                id: id.unwrap_or(0),
                name: name.to_string(),
                folders: folders
                    .iter()
                    .filter(|f| f.1 == id)
                    .map(|f| build(Some(f.0), &f.2, folders, requests))
                    .collect(),
                requests: requests.iter().filter(|r| r.folder_id == id).cloned().collect(),
            }
        }
        Ok(build(None, "Collections", &folders, &requests))
    }
}

/// A collection written to a file for sharing: the folder tree with its requests. Never secrets: a saved
/// request holds no credentials, and environments are not exported.
#[derive(Debug, Clone, Serialize)]
pub struct CollectionExport {
    pub format: &'static str,
    pub version: u32,
    pub exported_at_ms: i64,
    pub collection: FolderNode,
}

impl Store {
    /// The folder `folder` (or everything, for `None`) ready to be written as JSON.
    pub fn collection_export(&self, folder: Option<i64>, now_ms: i64) -> Result<CollectionExport, StoreError> {
        fn find(node: FolderNode, id: i64) -> Option<FolderNode> {
            if node.id == id {
                return Some(node);
            }
            node.folders.into_iter().find_map(|f| find(f, id))
        }
        let tree = self.collections_tree()?;
        let collection = match folder {
            None => tree,
            Some(id) => find(tree, id).ok_or_else(|| not_found(Item::Folder(id)))?,
        };
        Ok(CollectionExport { format: "vk-workspace-collection", version: 1, exported_at_ms: now_ms, collection })
    }
}
