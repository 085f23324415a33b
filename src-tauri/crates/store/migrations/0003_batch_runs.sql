-- Batch runs from a spreadsheet: the run (its input sheet kept whole, so a run can continue after a crash or a
-- restart and be exported later), and one result per row, written as each answer arrives.
CREATE TABLE batch_runs (
    id            INTEGER PRIMARY KEY,
    created_ms    INTEGER NOT NULL,
    name          TEXT    NOT NULL,   -- the input file's name, as the user knows it
    fingerprint   TEXT    NOT NULL,   -- what the run is: input bytes, target and mapping (to find it again)
    environment   TEXT    NOT NULL,
    target        TEXT    NOT NULL,   -- JSON: the endpoint id and column mapping, or the saved-request template
    input         BLOB    NOT NULL,   -- the sheet as it was loaded (CSV or XLSX bytes)
    row_count     INTEGER NOT NULL,
    rows_to_send  TEXT    NOT NULL,   -- JSON list of the row indexes chosen to be sent (the others are skipped)
    rate          REAL    NOT NULL,   -- requests per second the user chose
    concurrency   INTEGER NOT NULL,
    state         TEXT    NOT NULL,   -- running, paused, cancelled, finished
    finished_ms   INTEGER
);
CREATE INDEX batch_runs_fingerprint ON batch_runs (fingerprint, id);

CREATE TABLE batch_results (
    run_id      INTEGER NOT NULL REFERENCES batch_runs (id) ON DELETE CASCADE,
    row_index   INTEGER NOT NULL,
    outcome     TEXT    NOT NULL,   -- success, api_error, not_sent, skipped
    status      INTEGER,            -- HTTP status, when an answer came back
    error_code  TEXT,
    summary     TEXT    NOT NULL,   -- JSON object: the answer's plain fields (name match score, status, ...)
    message     TEXT    NOT NULL,   -- a line a person can read: the summary or what went wrong
    attempts    INTEGER NOT NULL,
    history_id  INTEGER,
    finished_ms INTEGER NOT NULL,
    PRIMARY KEY (run_id, row_index)
) WITHOUT ROWID;
CREATE INDEX batch_results_outcome ON batch_results (run_id, outcome, row_index);

-- Every send of a run is in history, tagged with the run.
ALTER TABLE history ADD COLUMN batch_run_id INTEGER;
CREATE INDEX history_batch_run ON history (batch_run_id, id) WHERE batch_run_id IS NOT NULL;
