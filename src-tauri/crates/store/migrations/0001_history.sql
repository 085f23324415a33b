-- History of every send: one row per request, newest has the highest id.
CREATE TABLE history (
    id               INTEGER PRIMARY KEY,
    sent_at_ms       INTEGER NOT NULL,
    environment      TEXT    NOT NULL,
    module           TEXT    NOT NULL,
    method           TEXT    NOT NULL,
    endpoint         TEXT    NOT NULL,
    request_headers  TEXT    NOT NULL,  -- JSON [[name, value], ...], signature and key masked
    request_body     TEXT    NOT NULL,
    status           INTEGER,           -- NULL when nothing came back
    status_class     INTEGER NOT NULL,  -- 2, 3, 4, 5; 0 when the request failed before an answer
    response_headers TEXT    NOT NULL,
    response_body    TEXT    NOT NULL,  -- the whole body, or its first part when body_file is set
    body_file        TEXT,              -- file beside the database holding a large body in full
    elapsed_ms       REAL    NOT NULL,
    size_bytes       INTEGER NOT NULL,
    error_code       TEXT               -- API error code, or a transport failure kind
);
CREATE INDEX history_environment ON history (environment, id);
CREATE INDEX history_module ON history (module, id);
CREATE INDEX history_status_class ON history (status_class, id);
CREATE INDEX history_error_code ON history (error_code, id) WHERE error_code IS NOT NULL;
CREATE INDEX history_sent_at ON history (sent_at_ms);

CREATE VIRTUAL TABLE history_fts USING fts5 (
    endpoint, request_body, response_body, error_code,
    content = 'history', content_rowid = 'id', tokenize = 'unicode61'
);
CREATE TRIGGER history_fts_insert AFTER INSERT ON history BEGIN
    INSERT INTO history_fts (rowid, endpoint, request_body, response_body, error_code)
    VALUES (new.id, new.endpoint, new.request_body, new.response_body, coalesce(new.error_code, ''));
END;
CREATE TRIGGER history_fts_delete AFTER DELETE ON history BEGIN
    INSERT INTO history_fts (history_fts, rowid, endpoint, request_body, response_body, error_code)
    VALUES ('delete', old.id, old.endpoint, old.request_body, old.response_body, coalesce(old.error_code, ''));
END;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
