-- A batch run's sends are indexed for search in bulk when the run stops (or at the next start after a crash),
-- not one by one as they arrive, so a run's writes stay light. Until then their ids wait here; the delete
-- trigger leaves such rows out of the index it never held.
CREATE TABLE history_fts_pending (id INTEGER PRIMARY KEY);

DROP TRIGGER history_fts_insert;
CREATE TRIGGER history_fts_insert AFTER INSERT ON history WHEN new.batch_run_id IS NULL BEGIN
    INSERT INTO history_fts (rowid, endpoint, request_body, response_body, error_code)
    VALUES (new.id, new.endpoint, new.request_body, new.response_body, coalesce(new.error_code, ''));
END;
CREATE TRIGGER history_fts_later AFTER INSERT ON history WHEN new.batch_run_id IS NOT NULL BEGIN
    INSERT INTO history_fts_pending (id) VALUES (new.id);
END;

DROP TRIGGER history_fts_delete;
CREATE TRIGGER history_fts_delete AFTER DELETE ON history BEGIN
    INSERT INTO history_fts (history_fts, rowid, endpoint, request_body, response_body, error_code)
    SELECT 'delete', old.id, old.endpoint, old.request_body, old.response_body, coalesce(old.error_code, '')
    WHERE NOT EXISTS (SELECT 1 FROM history_fts_pending WHERE id = old.id);
    DELETE FROM history_fts_pending WHERE id = old.id;
END;
