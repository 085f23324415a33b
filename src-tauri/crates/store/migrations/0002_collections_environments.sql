-- Collections: folders (nested) and saved requests. Deleting marks rows with a deletion batch, so it can be undone.
CREATE TABLE folders (
    id            INTEGER PRIMARY KEY,
    parent_id     INTEGER REFERENCES folders (id),
    name          TEXT    NOT NULL,
    position      INTEGER NOT NULL,
    deleted_batch INTEGER
);
CREATE TABLE saved_requests (
    id            INTEGER PRIMARY KEY,
    folder_id     INTEGER REFERENCES folders (id),
    name          TEXT    NOT NULL,
    description   TEXT    NOT NULL DEFAULT '',
    method        TEXT    NOT NULL,
    endpoint      TEXT    NOT NULL,
    body          TEXT    NOT NULL DEFAULT '',
    form_values   TEXT    NOT NULL DEFAULT '{}',  -- JSON object: field name -> value
    extra_headers TEXT    NOT NULL DEFAULT '[]',  -- JSON [[name, value], ...]
    position      INTEGER NOT NULL,
    deleted_batch INTEGER
);
CREATE INDEX folders_parent ON folders (parent_id, position);
CREATE INDEX saved_requests_folder ON saved_requests (folder_id, position);

-- Environments. The secret is never here: secret_ref names its entry in the OS credential store.
CREATE TABLE environments (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    base_url    TEXT    NOT NULL,   -- empty for the built-in sandbox (its address is chosen at start)
    api_key     TEXT    NOT NULL,
    tenant_code TEXT    NOT NULL,
    colour      TEXT    NOT NULL DEFAULT '#b45309',
    production  INTEGER NOT NULL DEFAULT 0,
    builtin     INTEGER NOT NULL DEFAULT 0,
    secret_ref  TEXT,
    variables   TEXT    NOT NULL DEFAULT '{}'  -- JSON object: name -> value, for {{name}}
);
INSERT INTO environments (id, name, base_url, api_key, tenant_code, colour, production, builtin)
VALUES (1, 'Sandbox (built in)', '', 'vk_sandbox_demo_key', '123456', '#b45309', 0, 1);
