//! Batch runs behind the commands: load a sheet, map and check it, start, pause, continue and cancel runs (each
//! on the vk-batch engine, in the background, announcing its progress), list rows for the grid, and export.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use vk_batch::output::{render, Format};
use vk_batch::{auto_map, fingerprint, BatchTarget, Destination, Engine, Job, Mapping, Plan, Progress, RowCheck};
use vk_batch::{RunControl, RunEnd, RunSettings, Sheet};
use vk_store::batch::{NewRun, Outcome, RowResult, RunCounts, RunInfo, RunState};

use crate::ipc::{ErrorKind, IpcError};
use crate::workspace::{now_ms, Workspace};

/// Told of every run's progress (throttled) and of every change of a run's state.
pub type BatchListener = Arc<dyn Fn(BatchEvent) + Send + Sync>;

/// What the page hears about runs.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum BatchEvent {
    Progress {
        #[ts(type = "number")]
        run_id: i64,
        progress: Progress,
    },
    /// A run started, paused, finished, was cancelled or deleted.
    Changed {
        #[ts(type = "number")]
        run_id: i64,
    },
}

/// A loaded sheet, before a run is made of it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SheetView {
    pub name: String,
    pub headers: Vec<String>,
    pub row_count: u32,
    /// The first rows, to show what was read.
    pub preview: Vec<Vec<String>>,
    /// The endpoints the columns fit, best first (ids), to offer before one is chosen.
    pub suggested: Vec<String>,
}

/// The check of every row against the target.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CheckView {
    pub row_count: u32,
    pub bad_count: u32,
    /// The first bad rows with their reasons (at most 500).
    pub bad_rows: Vec<RowCheck>,
    /// The catalog endpoint the rows go to, when the target is (or matches) one.
    pub endpoint_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BadRows {
    /// Leave them out: their result says they were skipped.
    Skip,
    /// Send them as they are (to see how the API refuses them).
    Send,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct BatchStartInput {
    pub target: BatchTarget,
    pub bad_rows: BadRows,
    pub rate: f64,
    pub concurrency: u32,
    /// The user was told this sheet's earlier run was lost with a damaged data file and chose to send every row
    /// again.
    #[serde(default)]
    pub resend_confirmed: bool,
}

/// The unfinished batch runs of a data file that was damaged when the app started.
pub enum DamagedRuns {
    /// Nothing was damaged.
    Nothing,
    /// The runs it still showed (running or paused): their results are lost with it.
    Runs(Vec<vk_store::DamagedRun>),
    /// It could not be read at all: any sheet may have been running.
    Unreadable,
}

impl DamagedRuns {
    /// Why starting the run of `fingerprint` must be confirmed first, if it must.
    fn question(&self, fingerprint: &str, sheet: &str) -> Option<String> {
        let again = "Starting again sends every row again (on the live API, each is paid for again).";
        match self {
            DamagedRuns::Nothing => None,
            DamagedRuns::Runs(runs) => runs.iter().find(|r| r.fingerprint == fingerprint).map(|lost| {
                let done = lost.done.map_or("some".to_string(), |n| n.to_string());
                format!(
                    "“{}” was being run when the data file was damaged: {done} of its {} rows were already sent, and \
                     their results were lost with the file. {again}",
                    lost.name, lost.row_count
                )
            }),
            DamagedRuns::Unreadable => Some(format!(
                "The data file was damaged and what it held cannot be read: a run of “{sheet}” may have been under way, \
                 and its results are lost. Check your records of which rows were sent. {again}"
            )),
        }
    }
}

/// What a damaged data file's unfinished batch runs mean, for the startup notice (empty when it held none).
pub fn damaged_runs_notice(runs: Option<&[vk_store::DamagedRun]>) -> String {
    match runs {
        Some([]) => String::new(),
        None => " Whether it held unfinished batch runs cannot be read: before running a sheet again, check in \
                 your records which rows were already sent."
            .into(),
        Some(runs) => {
            let names: Vec<String> = runs.iter().take(3).map(|r| format!("“{}”", r.name)).collect();
            let done: u32 = runs.iter().filter_map(|r| r.done).sum();
            format!(
                " It held {} unfinished batch run(s) ({}), with at least {done} rows already sent. Their results are \
                 lost with it: running the same sheet again sends every row again, so VK Workspace asks first.",
                runs.len(),
                names.join(", ")
            )
        }
    }
}
/// A run as the list shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RunView {
    pub info: RunInfo,
    pub counts: RunCounts,
    /// Sending now (in this window).
    pub active: bool,
}

/// Which rows the grid shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RowFilter {
    All,
    Success,
    ApiError,
    NotSent,
    Skipped,
    Waiting,
}

/// One line of the grid.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BatchRowView {
    pub index: u32,
    /// The row number a spreadsheet program shows.
    #[ts(type = "number")]
    pub number: u64,
    /// The row's own values, short (the mapped columns first).
    pub label: String,
    /// `None`: waiting to be sent.
    pub result: Option<RowResult>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BatchRowsView {
    /// How many rows the filter matches.
    pub total: u32,
    pub rows: Vec<BatchRowView>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BatchExported {
    pub path: String,
}

struct Loaded {
    name: String,
    bytes: Vec<u8>,
    sheet: Arc<Sheet>,
}

/// The batch side of the workspace: the sheet being prepared, the runs sending now, and sheets of known runs.
#[derive(Default)]
pub struct Batches {
    loaded: Mutex<Option<Loaded>>,
    running: Mutex<HashMap<i64, RunControl>>,
    sheets: Mutex<HashMap<i64, Arc<Sheet>>>,
    listener: Mutex<Option<BatchListener>>,
    export_dir: Mutex<Option<PathBuf>>,
}

fn invalid(message: impl Into<String>) -> IpcError {
    IpcError::new(ErrorKind::InvalidInput, message)
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

impl Workspace {
    fn batches(&self) -> &Batches {
        &self.batches
    }

    pub fn set_batch_listener(&self, listener: impl Fn(BatchEvent) + Send + Sync + 'static) {
        *lock(&self.batches().listener) = Some(Arc::new(listener));
    }

    /// Where exports go (the Downloads folder, as a browser's downloads do).
    pub fn set_export_dir(&self, dir: PathBuf) {
        *lock(&self.batches().export_dir) = Some(dir);
    }

    fn tell(&self, event: BatchEvent) {
        if let Some(listener) = lock(&self.batches().listener).clone() {
            listener(event);
        }
    }

    /// Reads a sheet the user chose (its bytes and file name), ready to map.
    pub async fn batch_load(&self, name: String, bytes: Vec<u8>) -> Result<SheetView, IpcError> {
        // Off the executor: 100,000 rows take a moment to read.
        let (sheet, bytes) = tokio::task::spawn_blocking(move || (Sheet::read(&bytes), bytes))
            .await
            .map_err(|e| IpcError::new(ErrorKind::Internal, e.to_string()))?;
        let sheet = sheet.map_err(|e| invalid(format!("{name}: {e}")))?;
        let view = SheetView {
            name: name.clone(),
            headers: sheet.headers.clone(),
            row_count: sheet.rows.len() as u32,
            preview: sheet.rows.iter().take(5).map(|r| r.cells.clone()).collect(),
            suggested: vk_batch::suggest(&sheet.headers).iter().map(|e| e.id.clone()).collect(),
        };
        *lock(&self.batches().loaded) = Some(Loaded { name, bytes, sheet: Arc::new(sheet) });
        Ok(view)
    }

    fn loaded_sheet(&self) -> Result<Arc<Sheet>, IpcError> {
        lock(&self.batches().loaded).as_ref().map(|l| l.sheet.clone()).ok_or_else(|| invalid("Choose a sheet first."))
    }

    /// The columns of the loaded sheet matched to an endpoint's fields by their names.
    pub fn batch_auto_map(&self, endpoint_id: String) -> Result<Mapping, IpcError> {
        let sheet = self.loaded_sheet()?;
        let endpoint =
            vk_core::catalog::find(&endpoint_id).ok_or_else(|| invalid("Choose an endpoint from the list."))?;
        Ok(auto_map(&sheet.headers, endpoint))
    }

    /// Checks every row of the loaded sheet against `target`, with the active environment's variables.
    pub async fn batch_check(&self, target: BatchTarget) -> Result<CheckView, IpcError> {
        let sheet = self.loaded_sheet()?;
        let variables = self.resolved_environment(None).await?.variables;
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
        .await
        .map_err(|e| IpcError::new(ErrorKind::Internal, e.to_string()))?
    }

    /// Makes a run of the loaded sheet for the active environment and starts sending.
    pub async fn batch_start(&self, input: BatchStartInput) -> Result<RunView, IpcError> {
        // NOTE: the same rule as `vk batch`: NaN, infinities, negatives and 1e-9 (a run of years) are refused.
        if !(RunSettings::rate_allowed(input.rate) && RunSettings::concurrency_allowed(input.concurrency)) {
            return Err(invalid(
                "Choose a rate of 0 (no limit, for the sandbox) or 0.1 to 1000 requests a second, and 1 to 64 at a time.",
            ));
        }
        let (name, bytes, sheet) = {
            let loaded = lock(&self.batches().loaded);
            let l = loaded.as_ref().ok_or_else(|| invalid("Choose a sheet first."))?;
            (l.name.clone(), l.bytes.clone(), l.sheet.clone())
        };
        let env = self.resolved_environment(None).await?;
        let plan =
            Plan::new(input.target.clone(), &sheet, env.variables.clone()).map_err(|e| invalid(e.to_string()))?;
        let skipped: Vec<RowCheck> = match input.bad_rows {
            BadRows::Skip => plan.precheck(&sheet),
            BadRows::Send => Vec::new(),
        };
        let skipped_rows: HashSet<u32> = skipped.iter().map(|r| r.index).collect();
        let sheet_fingerprint = fingerprint(&bytes, &input.target, &env.name);
        if let Some(question) = self.damaged.question(&sheet_fingerprint, &name).filter(|_| !input.resend_confirmed) {
            return Err(IpcError::new(ErrorKind::ConfirmResend, question));
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
        let record = self.record_options();
        let run_id = self
            .with_store(move |s| {
                let id = s.batch_run_create(&new, now_ms())?;
                // In sheet order, as the check found them.
                let results: Vec<_> =
                    skipped.iter().map(|check| (vk_batch::result::skipped(check, now_ms()), None)).collect();
                s.batch_results_record(id, &results, &[], record)?;
                Ok(id)
            })
            .await?;
        lock(&self.batches().sheets).insert(run_id, sheet);
        self.batch_launch(run_id).await
    }

    /// Continues a run that was paused or stopped (the app closed, a crash): only rows without a result are sent.
    pub async fn batch_resume(&self, run_id: i64) -> Result<RunView, IpcError> {
        let info = self.run_info(run_id).await?;
        if matches!(info.state, RunState::Finished | RunState::Cancelled) {
            return Err(invalid("This run has ended; start a new one to send its rows again."));
        }
        self.batch_launch(run_id).await
    }

    async fn run_info(&self, run_id: i64) -> Result<RunInfo, IpcError> {
        self.with_store(move |s| s.batch_run_get(run_id)).await?.ok_or_else(|| invalid("That run no longer exists."))
    }

    /// The sheet of a run, read again from the copy kept with it if this window has not read it yet.
    async fn run_sheet(&self, run_id: i64) -> Result<Arc<Sheet>, IpcError> {
        if let Some(sheet) = lock(&self.batches().sheets).get(&run_id) {
            return Ok(sheet.clone());
        }
        let bytes = self.with_store(move |s| s.batch_run_input(run_id)).await?;
        let sheet = Arc::new(Sheet::read(&bytes).map_err(|e| invalid(e.to_string()))?);
        lock(&self.batches().sheets).insert(run_id, sheet.clone());
        Ok(sheet)
    }

    /// Starts sending the rows of `run_id` that have no result, in the background.
    async fn batch_launch(&self, run_id: i64) -> Result<RunView, IpcError> {
        // Claimed at once, so a second click while this one is getting ready cannot start a second sender.
        let control = {
            let mut running = lock(&self.batches().running);
            if running.contains_key(&run_id) {
                return Err(invalid("This run is already sending."));
            }
            let control = RunControl::default();
            running.insert(run_id, control.clone());
            control
        };
        let launched = self.batch_send_in_background(run_id, control).await;
        if launched.is_err() {
            lock(&self.batches().running).remove(&run_id);
        }
        launched
    }

    async fn batch_send_in_background(&self, run_id: i64, control: RunControl) -> Result<RunView, IpcError> {
        let info = self.run_info(run_id).await?;
        let sheet = self.run_sheet(run_id).await?;
        let envs = self.with_store(|s| s.environments_list()).await?;
        let env = envs.iter().find(|e| e.name == info.environment).ok_or_else(|| {
            invalid(format!("The environment \"{}\" of this run no longer exists.", info.environment))
        })?;
        let target = self.target(Some(env.id)).await?;
        let batch_target: BatchTarget =
            serde_json::from_str(&info.target).map_err(|e| IpcError::new(ErrorKind::Internal, e.to_string()))?;
        let plan = Plan::new(batch_target, &sheet, target.variables.clone()).map_err(|e| invalid(e.to_string()))?;
        let (done, counts) =
            self.with_store(move |s| Ok((s.batch_rows_done(run_id)?, s.batch_counts(run_id)?))).await?;
        let done: HashSet<u32> = done.into_iter().collect();
        let jobs: Vec<Job> = info
            .rows_to_send
            .iter()
            .filter(|i| !done.contains(i))
            .filter_map(|&i| sheet.rows.get(i as usize).map(|row| Job { row_index: i, request: plan.request(row) }))
            .collect();
        self.with_store(move |s| s.batch_run_set_state(run_id, RunState::Running, now_ms())).await?;
        let engine = Engine { sender: self.sender.clone(), store: self.store.clone(), record: self.record_options() };
        let destination =
            Destination { base_url: target.base_url, credentials: target.credentials, environment: target.name };
        let settings = RunSettings { rate: info.rate, concurrency: info.concurrency, ..RunSettings::default() };
        let listener = lock(&self.batches().listener).clone();
        let throttled = throttle(run_id, listener.clone());
        let store = self.store.clone();
        let running = self.batches.clone();
        let total = info.row_count;
        tokio::spawn(async move {
            let ended =
                vk_batch::run(&engine, run_id, jobs, total, counts, settings, destination, control, throttled).await;
            let state = match ended {
                Ok((RunEnd::Finished, _)) => RunState::Finished,
                Ok((RunEnd::Cancelled, _)) => RunState::Cancelled,
                _ => RunState::Paused,
            };
            let saved = tokio::task::spawn_blocking(move || lock(&store).batch_run_set_state(run_id, state, now_ms()));
            let _ = saved.await;
            lock(&running.running).remove(&run_id);
            if let Some(listener) = listener {
                listener(BatchEvent::Changed { run_id });
            }
        });
        self.tell(BatchEvent::Changed { run_id });
        self.batch_run_view(run_id).await
    }

    async fn batch_run_view(&self, run_id: i64) -> Result<RunView, IpcError> {
        // Whether it sends is read before the state: a sender saves its end state, then leaves `running`, so a run
        // seen as not sending here has its end state in the store already (never "not sending" but "Running").
        let active = lock(&self.batches().running).contains_key(&run_id);
        let (info, counts) = self.with_store(move |s| Ok((s.batch_run_get(run_id)?, s.batch_counts(run_id)?))).await?;
        let info = info.ok_or_else(|| invalid("That run no longer exists."))?;
        Ok(RunView { info, counts, active })
    }

    /// Stops sending new rows; those in flight finish and are kept. `cancel` ends the run for good.
    pub async fn batch_stop(&self, run_id: i64, cancel: bool) -> Result<(), IpcError> {
        let control = lock(&self.batches().running).get(&run_id).cloned();
        match control {
            Some(control) if cancel => control.cancel(),
            Some(control) => control.pause(),
            None if cancel => {
                self.with_store(move |s| s.batch_run_set_state(run_id, RunState::Cancelled, now_ms())).await?;
                self.tell(BatchEvent::Changed { run_id });
            }
            None => {}
        }
        Ok(())
    }

    pub async fn batch_runs(&self) -> Result<Vec<RunView>, IpcError> {
        // Read before the states, for the reason given in `batch_run_view`.
        let running: HashSet<i64> = lock(&self.batches().running).keys().copied().collect();
        let runs: Vec<(RunCounts, RunInfo)> =
            self.with_store(|s| s.batch_runs()?.into_iter().map(|r| Ok((s.batch_counts(r.id)?, r))).collect()).await?;
        Ok(runs
            .into_iter()
            .map(|(counts, info): (RunCounts, RunInfo)| RunView { active: running.contains(&info.id), info, counts })
            .collect())
    }

    pub async fn batch_delete(&self, run_id: i64) -> Result<(), IpcError> {
        if lock(&self.batches().running).contains_key(&run_id) {
            return Err(invalid("Pause or cancel the run before deleting it."));
        }
        self.with_store(move |s| s.batch_run_delete(run_id)).await?;
        lock(&self.batches().sheets).remove(&run_id);
        self.tell(BatchEvent::Changed { run_id });
        Ok(())
    }

    /// Rows for the grid: `limit` from `offset` among those `filter` keeps.
    pub async fn batch_rows(
        &self,
        run_id: i64,
        filter: RowFilter,
        offset: u32,
        limit: u32,
    ) -> Result<BatchRowsView, IpcError> {
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
                let results = self.with_store(move |s| s.batch_results(run_id, None, offset, limit)).await?;
                let mut by_row: BTreeMap<u32, RowResult> = results.into_iter().map(|r| (r.row_index, r)).collect();
                let end = (offset + limit).min(info.row_count);
                (info.row_count, (offset..end).map(|i| (i, by_row.remove(&i))).collect())
            }
            RowFilter::Waiting => {
                let done: HashSet<u32> =
                    self.with_store(move |s| s.batch_rows_done(run_id)).await?.into_iter().collect();
                let waiting: Vec<u32> = info.rows_to_send.iter().copied().filter(|i| !done.contains(i)).collect();
                let page = waiting.iter().skip(offset as usize).take(limit as usize).map(|&i| (i, None)).collect();
                (waiting.len() as u32, page)
            }
            _ => {
                let (counts, results) = self
                    .with_store(move |s| {
                        Ok((s.batch_counts(run_id)?, s.batch_results_at(run_id, outcome, offset, limit)?))
                    })
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
        let mask = self.record_options().mask_aadhaar;
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
    pub async fn batch_export(&self, run_id: i64, xlsx: bool, mask_aadhaar: bool) -> Result<BatchExported, IpcError> {
        let sheet = self.run_sheet(run_id).await?;
        let info = self.run_info(run_id).await?;
        let dir = lock(&self.batches().export_dir).clone().ok_or_else(|| invalid("No folder to export to."))?;
        let results = self.with_store(move |s| s.batch_results(run_id, None, 0, u32::MAX)).await?;
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
        .await
        .map_err(|e| IpcError::new(ErrorKind::Internal, e.to_string()))?
    }
}

/// Progress for the page at most ten times a second (and always the last word), however fast rows finish.
fn throttle(run_id: i64, listener: Option<BatchListener>) -> vk_batch::runner::ProgressListener {
    let last = Mutex::new(None::<std::time::Instant>);
    Arc::new(move |progress: &Progress| {
        let Some(listener) = &listener else { return };
        let mut last = lock(&last);
        let due = last.is_none_or(|t| t.elapsed() >= std::time::Duration::from_millis(100));
        if due || progress.waiting == 0 {
            *last = Some(std::time::Instant::now());
            listener(BatchEvent::Progress { run_id, progress: progress.clone() });
        }
    })
}

/// A workspace that goes away (the window closed) stops its runs' new sends: the rows without a result stay
/// that way, and the next start continues them.
impl Drop for Workspace {
    fn drop(&mut self) {
        for control in lock(&self.batches.running).values() {
            control.pause();
        }
    }
}
