// Saves a request to a collection: its name, a description, and the folder (a new one can be made here).
import { useState, type FormEvent } from "react";
import type { FolderNode } from "../bindings/FolderNode";
import type { SavedRequest } from "../bindings/SavedRequest";
import { Button } from "../core/Button";
import { Dialog } from "../core/Dialog";
import { flattenFolders } from "../hooks/useCollections";
import { collectionFolderCreate, collectionRequestSave, toIpcError } from "../lib/api";

interface Props {
  /** The request to save; its `id` is ignored (this always saves a new one). */
  request: SavedRequest;
  tree: FolderNode | null;
  onSaved: (saved: SavedRequest) => void;
  onClose: () => void;
}

const NEW_FOLDER = "new";

export function SaveRequestDialog({ request, tree, onSaved, onClose }: Props) {
  const [name, setName] = useState(request.name);
  const [description, setDescription] = useState(request.description);
  const [folder, setFolder] = useState<string>(request.folder_id === null ? "" : String(request.folder_id));
  const [folderName, setFolderName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const folders = tree ? flattenFolders(tree) : [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      let folderId = folder === "" ? null : Number(folder);
      if (folder === NEW_FOLDER) folderId = await collectionFolderCreate(null, folderName);
      const toSave = { ...request, id: 0, name, description, folder_id: folderId };
      const id = await collectionRequestSave(toSave);
      onSaved({ ...toSave, id });
    } catch (e) {
      setError(toIpcError(e).message);
    }
  }

  return (
    <Dialog labelledBy="save-title" onClose={onClose} testId="save-dialog">
      <form className="dialog-form" onSubmit={submit}>
        <h2 id="save-title">Save to a collection</h2>
        <p>
          <code>
            {request.method} {request.endpoint}
          </code>
        </p>
        <label htmlFor="save-name">Name</label>
        <input id="save-name" data-testid="save-name" autoFocus value={name} onChange={(e) => setName(e.target.value)} />
        <label htmlFor="save-description">Description (optional)</label>
        <input id="save-description" value={description} onChange={(e) => setDescription(e.target.value)} />
        <label htmlFor="save-folder">Folder</label>
        <select id="save-folder" data-testid="save-folder" value={folder} onChange={(e) => setFolder(e.target.value)}>
          <option value="">Top level (no folder)</option>
          {folders.map((f) => (
            <option key={f.id} value={f.id}>
              {"\u00a0\u00a0".repeat(f.depth)}
              {f.name}
            </option>
          ))}
          <option value={NEW_FOLDER}>New folder…</option>
        </select>
        {folder === NEW_FOLDER && (
          <input
            aria-label="New folder name"
            data-testid="save-new-folder"
            placeholder="Name of the new folder"
            value={folderName}
            onChange={(e) => setFolderName(e.target.value)}
          />
        )}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <span className="spacer" />
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" data-testid="save-confirm">
            Save
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
