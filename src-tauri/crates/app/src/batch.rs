//! Batch runs behind the commands: load a sheet, map and check it, start, pause, continue and cancel runs (each
//! on the vk-batch engine, in the background, announcing its progress), list rows for the grid, and export.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use vk_batch::output::{render, Format};
use vk_batch::{auto_map, fingerprint, BatchTarget, Destination, Engine, Job, Mapping, Plan, Progress, RowCheck};
use vk_batch::{RunControl, RunEnd, RunSettings, Sheet};
use vk_http::Sender;
use vk_store::batch::{NewRun, Outcome, RowResult, RunCounts, RunInfo, RunState};

use crate::batch_views::{
    BadRows, BatchExported, BatchRowView, BatchRowsView, BatchStartInput, CheckView, RowFilter, RunView, SheetView,
};
use crate::changes::{BatchEvent, Change};
use crate::damaged::DamagedRuns;
use crate::db::{now_ms, Db};
use crate::environments::Environments;
use crate::error::AppError;
use crate::history::History;

struct Loaded {
    name: String,
    bytes: Vec<u8>,
    sheet: Arc<Sheet>,
}

/// Batch runs: the sheet being prepared, the runs sending now, and sheets of known runs.
pub struct Batches {
    db: Db,
    environments: Arc<Environments>,
    history: Arc<History>,
    sender: Sender,
    /// What a database damaged at start held: starting a sheet it was running (or any, when unknown) asks first.
    damaged: DamagedRuns,
    loaded: Mutex<Option<Loaded>>,
    running: Arc<Mutex<HashMap<i64, RunControl>>>,
    sheets: Mutex<HashMap<i64, Arc<Sheet>>>,
    export_dir: Mutex<Option<PathBuf>>,
}

fn invalid(message: impl Into<String>) -> AppError {
    AppError::invalid(message)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// A short label for a row: the mapped columns' values first, then the others, up to 80 characters.
fn label(row: &vk_batch::sheet::Row, target: &BatchTarget) -> String {
    let mut order: Vec<usize> = match target {
        BatchTarget::Endpoint { mapping, .. } => mapping.columns.values().map(|&c| c as usize).collect(),
        BatchTarget::Template { .. } => Vec::new(),
    };
    order.sort_unstable();
    let rest: Vec<usize> = (0..row.cells.len()).filter(|i| !order.contains(i)).collect();
    order.extend(rest);
    let text: Vec<&str> =
        order.iter().filter_map(|&i| row.cells.get(i)).map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
    let joined = text.join(" · ");
    match joined.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &joined[..cut]),
        None => joined,
    }
}

impl Batches {
    pub fn new(
        db: Db,
        environments: Arc<Environments>,
        history: Arc<History>,
        sender: Sender,
        damaged: DamagedRuns,
    ) -> Self {
        Self {
            db,
            environments,
            history,
            sender,
            damaged,
            loaded: Mutex::default(),
            running: Arc::default(),
            sheets: Mutex::default(),
            export_dir: Mutex::default(),
        }
    }

    /// Where exports go (the Downloads folder, as a browser's downloads do).
    pub fn set_export_dir(&self, dir: PathBuf) {
        *lock(&self.export_dir) = Some(dir);
    }

    /// A run changed state: its sends are in history too, so the history list refreshes with it.
    fn tell_changed(db: &Db, run_id: i64) {
        db.announce(Change::BatchRun { event: BatchEvent::Changed { run_id } });
        db.announce(Change::History);
    }

    /// Reads a sheet the user chose (its bytes and file name), ready to map.
    pub async fn load(&self, name: String, bytes: Vec<u8>) -> Result<SheetView, AppError> {
        // Off the executor: 100,000 rows take a moment to read.
        let (sheet, bytes) = tokio::task::spawn_blocking(move || (Sheet::read(&bytes), bytes)).await?;
        let sheet = sheet.map_err(|e| invalid(format!("{name}: {e}")))?;
        let view = SheetView {
            name: name.clone(),
            headers: sheet.headers.clone(),
            row_count: sheet.rows.len() as u32,
            preview: sheet.rows.iter().take(5).map(|r| r.cells.clone()).collect(),
            suggested: vk_batch::suggest(&sheet.headers).iter().map(|e| e.id.clone()).collect(),
        };
        *lock(&self.loaded) = Some(Loaded { name, bytes, sheet: Arc::new(sheet) });
        Ok(view)
    }

    fn loaded_sheet(&self) -> Result<Arc<Sheet>, AppError> {
        lock(&self.loaded).as_ref().map(|l| l.sheet.clone()).ok_or_else(|| invalid("Choose a sheet first."))
    }

    /// The columns of the loaded sheet matched to an endpoint's fields by their names.
    pub fn auto_map(&self, endpoint_id: String) -> Result<Mapping, AppError> {
        let sheet = self.loaded_sheet()?;
        let endpoint =
            vk_core::catalog::find(&endpoint_id).ok_or_else(|| invalid("Choose an endpoint from the list."))?;
        Ok(auto_map(&sheet.headers, endpoint))
    }

    /// Checks every row of the loaded sheet against `target`, with the active environment's variables.
    pub async fn check(&self, target: BatchTarget) -> Result<CheckView, AppError> {
        let sheet = self.loaded_sheet()?;
        let variables = self.environments.resolved(None).await?.variables;
        tokio::task::spawn_blocking(move || {
            let plan = Plan::new(target, &sheet, variables).map_err(|e| invalid(e.to_string()))?;
            let bad = plan.precheck(&sheet);
            Ok(CheckView {
                row_count: sheet.rows.len() as u32,
                bad_count: bad.len() as u32,
                bad_rows: bad.into_iter().take(500).collect(),
                endpoint_id: plan.endpoint().map(|e| e.id.clone()),
            })
        })
        .await?
    }

    /// Makes a run of the loaded sheet for the active environment and starts sending.
    pub async fn start(&self, input: BatchStartInput) -> Result<RunView, AppError> {
        // NOTE: the same rule as `vk batch`: NaN, infinities, negatives and 1e-9 (a run of years) are refused.
        if !(RunSettings::rate_allowed(input.rate) && RunSettings::concurrency_allowed(input.concurrency)) {
            return Err(invalid(
                "Choose a rate of 0 (no limit, for the sandbox) or 0.1 to 1000 requests a second, and 1 to 64 at a time.",
            ));
        }
        let (name, bytes, sheet) = {
            let loaded = lock(&self.loaded);
            let l = loaded.as_ref().ok_or_else(|| invalid("Choose a sheet first."))?;
            (l.name.clone(), l.bytes.clone(), l.sheet.clone())
        };
        let env = self.environments.resolved(None).await?;
        let plan =
            Plan::new(input.target.clone(), &sheet, env.variables.clone()).map_err(|e| invalid(e.to_string()))?;
        let skipped: Vec<RowCheck> = match input.bad_rows {
            BadRows::Skip => plan.precheck(&sheet),
            BadRows::Send => Vec::new(),
        };
        let skipped_rows: HashSet<u32> = skipped.iter().map(|r| r.index).collect();
        let sheet_fingerprint = fingerprint(&bytes, &input.target, &env.name);
        if let Some(question) = self.damaged.question(&sheet_fingerprint, &name).filter(|_| !input.resend_confirmed) {
            return Err(AppError::ConfirmResend(question));
        }
        let new = NewRun {
            fingerprint: sheet_fingerprint,
            name,
            environment: env.name.clone(),
            target: serde_json::to_string(&input.target).unwrap_or_default(),
            input: bytes,
            row_count: sheet.rows.len() as u32,
            rows_to_send: (0..sheet.rows.len() as u32).filter(|i| !skipped_rows.contains(i)).collect(),
            rate: input.rate,
            concurrency: input.concurrency,
        };
        let record = self.history.record_options();
        let run_id = self
            .db
            .read(move |s| {
                let id = s.batch_run_create(&new, now_ms())?;
                // In sheet order, as the check found them.
                let results: Vec<_> =
                    skipped.iter().map(|check| (vk_batch::result::skipped(check, now_ms()), None)).collect();
                s.batch_results_record(id, &results, &[], record)?;
                Ok(id)
            })
            .await?;
        lock(&self.sheets).insert(run_id, sheet);
        self.launch(run_id).await
    }

    /// Continues a run that was paused or stopped (the app closed, a crash): only rows without a result are sent.
    pub async fn resume(&self, run_id: i64) -> Result<RunView, AppError> {
        let info = self.run_info(run_id).await?;
        if matches!(info.state, RunState::Finished | RunState::Cancelled) {
            return Err(invalid("This run has ended; start a new one to send its rows again."));
        }
        self.launch(run_id).await
    }

    async fn run_info(&self, run_id: i64) -> Result<RunInfo, AppError> {
        self.db.read(move |s| s.batch_run_get(run_id)).await?.ok_or_else(|| invalid("That run no longer exists."))
    }

    /// The sheet of a run, read again from the copy kept with it if this window has not read it yet.
    async fn run_sheet(&self, run_id: i64) -> Result<Arc<Sheet>, AppError> {
        if let Some(sheet) = lock(&self.sheets).get(&run_id) {
            return Ok(sheet.clone());
        }
        let bytes = self.db.read(move |s| s.batch_run_input(run_id)).await?;
        let sheet = Arc::new(Sheet::read(&bytes).map_err(|e| invalid(e.to_string()))?);
        lock(&self.sheets).insert(run_id, sheet.clone());
        Ok(sheet)
    }

    /// Starts sending the rows of `run_id` that have no result, in the background.
    async fn launch(&self, run_id: i64) -> Result<RunView, AppError> {
        // Claimed at once, so a second click while this one is getting ready cannot start a second sender.
        let control = {
            let mut running = lock(&self.running);
            if running.contains_key(&run_id) {
                return Err(invalid("This run is already sending."));
            }
            let control = RunControl::default();
            running.insert(run_id, control.clone());
            control
        };
        let launched = self.send_in_background(run_id, control).await;
        if launched.is_err() {
            lock(&self.running).remove(&run_id);
        }
        launched
    }

    async fn send_in_background(&self, run_id: i64, control: RunControl) -> Result<RunView, AppError> {
        let info = self.run_info(run_id).await?;
        let sheet = self.run_sheet(run_id).await?;
        let envs = self.db.read(|s| s.environments_list()).await?;
        let env = envs.iter().find(|e| e.name == info.environment).ok_or_else(|| {
            invalid(format!("The environment \"{}\" of this run no longer exists.", info.environment))
        })?;
        let target = self.environments.target(Some(env.id)).await?;
        let batch_target: BatchTarget = serde_json::from_str(&info.target).map_err(AppError::internal)?;
        let plan = Plan::new(batch_target, &sheet, target.variables.clone()).map_err(|e| invalid(e.to_string()))?;
        let (done, counts) = self.db.read(move |s| Ok((s.batch_rows_done(run_id)?, s.batch_counts(run_id)?))).await?;
        let done: HashSet<u32> = done.into_iter().collect();
        let jobs: Vec<Job> = info
            .rows_to_send
            .iter()
            .filter(|i| !done.contains(i))
            .filter_map(|&i| sheet.rows.get(i as usize).map(|row| Job { row_index: i, request: plan.request(row) }))
            .collect();
        self.db.read(move |s| s.batch_run_set_state(run_id, RunState::Running, now_ms())).await?;
        let engine =
            Engine { sender: self.sender.clone(), store: self.db.shared(), record: self.history.record_options() };
        let destination =
            Destination { base_url: target.base_url, credentials: target.credentials, environment: target.name };
        let settings = RunSettings { rate: info.rate, concurrency: info.concurrency, ..RunSettings::default() };
        let throttled = throttle(run_id, self.db.clone());
        let db = self.db.clone();
        let running = self.running.clone();
        let total = info.row_count;
        tokio::spawn(async move {
            let ended =
                vk_batch::run(&engine, run_id, jobs, total, counts, settings, destination, control, throttled).await;
            let state = match ended {
                Ok((RunEnd::Finished, _)) => RunState::Finished,
                Ok((RunEnd::Cancelled, _)) => RunState::Cancelled,
                _ => RunState::Paused,
            };
            let _ = db.read(move |s| s.batch_run_set_state(run_id, state, now_ms())).await;
            lock(&running).remove(&run_id);
            Self::tell_changed(&db, run_id);
        });
        Self::tell_changed(&self.db, run_id);
        self.run_view(run_id).await
    }

    async fn run_view(&self, run_id: i64) -> Result<RunView, AppError> {
        // Whether it sends is read before the state: a sender saves its end state, then leaves `running`, so a run
        // seen as not sending here has its end state in the store already (never "not sending" but "Running").
        let active = lock(&self.running).contains_key(&run_id);
        let (info, counts) = self.db.read(move |s| Ok((s.batch_run_get(run_id)?, s.batch_counts(run_id)?))).await?;
        let info = info.ok_or_else(|| invalid("That run no longer exists."))?;
        Ok(RunView { info, counts, active })
    }

    /// Stops sending new rows; those in flight finish and are kept. `cancel` ends the run for good.
    pub async fn stop(&self, run_id: i64, cancel: bool) -> Result<(), AppError> {
        let control = lock(&self.running).get(&run_id).cloned();
        match control {
            Some(control) if cancel => control.cancel(),
            Some(control) => control.pause(),
            None if cancel => {
                self.db.read(move |s| s.batch_run_set_state(run_id, RunState::Cancelled, now_ms())).await?;
                Self::tell_changed(&self.db, run_id);
            }
            None => {}
        }
        Ok(())
    }

    pub async fn runs(&self) -> Result<Vec<RunView>, AppError> {
        // Read before the states, for the reason given in `run_view`.
        let running: HashSet<i64> = lock(&self.running).keys().copied().collect();
        let runs: Vec<(RunCounts, RunInfo)> =
            self.db.read(|s| s.batch_runs()?.into_iter().map(|r| Ok((s.batch_counts(r.id)?, r))).collect()).await?;
        Ok(runs
            .into_iter()
            .map(|(counts, info): (RunCounts, RunInfo)| RunView { active: running.contains(&info.id), info, counts })
            .collect())
    }

    pub async fn delete(&self, run_id: i64) -> Result<(), AppError> {
        if lock(&self.running).contains_key(&run_id) {
            return Err(invalid("Pause or cancel the run before deleting it."));
        }
        self.db.read(move |s| s.batch_run_delete(run_id)).await?;
        lock(&self.sheets).remove(&run_id);
        Self::tell_changed(&self.db, run_id);
        Ok(())
    }

    /// Rows for the grid: `limit` from `offset` among those `filter` keeps.
    pub async fn rows(
        &self,
        run_id: i64,
        filter: RowFilter,
        offset: u32,
        limit: u32,
    ) -> Result<BatchRowsView, AppError> {
        let sheet = self.run_sheet(run_id).await?;
        let info = self.run_info(run_id).await?;
        let target: Option<BatchTarget> = serde_json::from_str(&info.target).ok();
        let limit = limit.clamp(1, 500);
        let outcome = match filter {
            RowFilter::Success => Some(Outcome::Success),
            RowFilter::ApiError => Some(Outcome::ApiError),
            RowFilter::NotSent => Some(Outcome::NotSent),
            RowFilter::Skipped => Some(Outcome::Skipped),
            RowFilter::All | RowFilter::Waiting => None,
        };
        let (total, pairs): (u32, Vec<(u32, Option<RowResult>)>) = match filter {
            RowFilter::All => {
                let results = self.db.read(move |s| s.batch_results(run_id, None, offset, limit)).await?;
                let mut by_row: BTreeMap<u32, RowResult> = results.into_iter().map(|r| (r.row_index, r)).collect();
                let end = (offset + limit).min(info.row_count);
                (info.row_count, (offset..end).map(|i| (i, by_row.remove(&i))).collect())
            }
            RowFilter::Waiting => {
                let done: HashSet<u32> = self.db.read(move |s| s.batch_rows_done(run_id)).await?.into_iter().collect();
                let waiting: Vec<u32> = info.rows_to_send.iter().copied().filter(|i| !done.contains(i)).collect();
                let page = waiting.iter().skip(offset as usize).take(limit as usize).map(|&i| (i, None)).collect();
                (waiting.len() as u32, page)
            }
            _ => {
                let (counts, results) = self
                    .db
                    .read(move |s| Ok((s.batch_counts(run_id)?, s.batch_results_at(run_id, outcome, offset, limit)?)))
                    .await?;
                let total = match filter {
                    RowFilter::Success => counts.success,
                    RowFilter::ApiError => counts.api_error,
                    RowFilter::NotSent => counts.not_sent,
                    _ => counts.skipped,
                };
                (total, results.into_iter().map(|r| (r.row_index, Some(r))).collect())
            }
        };
        let mask = self.history.settings().mask_aadhaar;
        let rows = pairs
            .into_iter()
            .filter_map(|(index, result)| {
                let row = sheet.rows.get(index as usize)?;
                let label = target.as_ref().map_or_else(String::new, |t| label(row, t));
                // The page shows Aadhaar numbers as history does: masked unless the user turned that off.
                let label = if mask { vk_store::mask_aadhaar(&label) } else { label };
                Some(BatchRowView { index, number: row.number, label, result })
            })
            .collect();
        Ok(BatchRowsView { total, rows })
    }

    /// Writes the run's sheet with result columns into the exports folder; returns where.
    pub async fn export(&self, run_id: i64, xlsx: bool, mask_aadhaar: bool) -> Result<BatchExported, AppError> {
        let sheet = self.run_sheet(run_id).await?;
        let info = self.run_info(run_id).await?;
        let dir = lock(&self.export_dir).clone().ok_or_else(|| invalid("No folder to export to."))?;
        let results = self.db.read(move |s| s.batch_results(run_id, None, 0, u32::MAX)).await?;
        let extension = if xlsx { "xlsx" } else { "csv" };
        tokio::task::spawn_blocking(move || {
            let mut by_row: Vec<Option<RowResult>> = vec![None; sheet.rows.len()];
            for r in results {
                if let Some(slot) = by_row.get_mut(r.row_index as usize) {
                    *slot = Some(r);
                }
            }
            let format = if xlsx { Format::Xlsx } else { Format::Csv };
            let bytes = render(&sheet, &by_row, format, mask_aadhaar).map_err(|e| invalid(e.to_string()))?;
            let stem = std::path::Path::new(&info.name)
                .file_stem()
                .map_or("sheet".into(), |s| s.to_string_lossy().into_owned());
            std::fs::create_dir_all(&dir).map_err(|e| invalid(format!("{} could not be made: {e}", dir.display())))?;
            let path = (1..)
                .map(|n| {
                    let suffix = if n == 1 { String::new() } else { format!(" ({n})") };
                    dir.join(format!("{stem} results{suffix}.{extension}"))
                })
                .find(|p| !p.exists())
                .unwrap_or_else(|| dir.join(format!("{stem} results.{extension}")));
            std::fs::write(&path, bytes)
                .map_err(|e| invalid(format!("{} could not be written: {e}", path.display())))?;
            Ok(BatchExported { path: path.display().to_string() })
        })
        .await?
    }
}

/// Progress for the page at most ten times a second (and always the last word), however fast rows finish.
fn throttle(run_id: i64, db: Db) -> vk_batch::runner::ProgressListener {
    let last = Mutex::new(None::<std::time::Instant>);
    Arc::new(move |progress: &Progress| {
        let mut last = lock(&last);
        let due = last.is_none_or(|t| t.elapsed() >= std::time::Duration::from_millis(100));
        if due || progress.waiting == 0 {
            *last = Some(std::time::Instant::now());
            db.announce(Change::BatchRun { event: BatchEvent::Progress { run_id, progress: progress.clone() } });
        }
    })
}

/// Runs that go away with the app (the window closed) stop their new sends: the rows without a result stay
/// that way, and the next start continues them.
impl Drop for Batches {
    fn drop(&mut self) {
        for control in lock(&self.running).values() {
            control.pause();
        }
    }
}
