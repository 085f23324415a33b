//! The run itself: workers send the rows at the chosen rate and concurrency, hold and slow down on RATE_LIMITED,
//! retry network failures and server trouble with backoff (never a refusal), and hand each result to one writer
//! that puts it in the database with its history entry within [`GATHER`] of its arrival (what arrives together is
//! written in one transaction). Pause and cancel stop new sends; the ones in flight finish and are written. A run
//! that stopped for any reason continues from its results.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::Serialize;
use tokio::sync::{mpsc, watch};
use ts_rs::TS;
use vk_core::{ApiErrorCode, Credentials, RequestSpec};
use vk_http::{SendError, SendFailure, Sender};
use vk_store::batch::{Outcome, RowResult, RunCounts};
use vk_store::history::{NewEntry, RecordOptions};
use vk_store::Store;

use crate::pacer::Pacer;
use crate::result::{from_answer, not_sent};

/// The error code of a row whose answer was a redirect (never followed: the signature would go with it).
pub const REDIRECTED: &str = "REDIRECTED";

/// How fast and how wide a run goes.
#[derive(Debug, Clone)]
pub struct RunSettings {
    /// Requests per second at most; 0 means no limit (only for a local sandbox).
    pub rate: f64,
    pub concurrency: u32,
    /// Tries per row for network failures and server trouble (500, 503), the first included.
    pub max_attempts: u32,
    /// The wait before the second try; doubled before each further one.
    pub backoff: Duration,
}

impl RunSettings {
    /// Safe for the live API: five requests a second, four at a time.
    pub const SAFE_RATE: f64 = 5.0;
    pub const SAFE_CONCURRENCY: u32 = 4;
    /// The slowest rate that can be chosen (one request every ten seconds): slower would leave a run waiting
    /// for days, and 1e-9 for years.
    pub const MIN_RATE: f64 = 0.1;
    pub const MAX_RATE: f64 = 1000.0;
    pub const MAX_CONCURRENCY: u32 = 64;

    /// A rate can be 0 (no limit: a local sandbox only) or from [`Self::MIN_RATE`] to [`Self::MAX_RATE`] requests a
    /// second; never NaN, an infinity or below 0 (each of which the pacer would take as "no limit").
    pub fn rate_allowed(rate: f64) -> bool {
        rate == 0.0 || (Self::MIN_RATE..=Self::MAX_RATE).contains(&rate)
    }

    pub fn concurrency_allowed(concurrency: u32) -> bool {
        (1..=Self::MAX_CONCURRENCY).contains(&concurrency)
    }
}

impl Default for RunSettings {
    fn default() -> Self {
        Self {
            rate: Self::SAFE_RATE,
            concurrency: Self::SAFE_CONCURRENCY,
            max_attempts: 4,
            backoff: Duration::from_millis(500),
        }
    }
}

/// Where the rows go.
#[derive(Debug, Clone)]
pub struct Destination {
    pub base_url: String,
    pub credentials: Credentials,
    /// The environment's name, for history.
    pub environment: String,
}

/// One row to send.
#[derive(Debug, Clone)]
pub struct Job {
    pub row_index: u32,
    pub request: RequestSpec,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    Go,
    Pause,
    Cancel,
}

/// Pauses or cancels a run from elsewhere (a button, Ctrl+C).
#[derive(Debug, Clone)]
pub struct RunControl {
    tx: Arc<watch::Sender<Command>>,
}

impl Default for RunControl {
    fn default() -> Self {
        Self { tx: Arc::new(watch::channel(Command::Go).0) }
    }
}

impl RunControl {
    pub fn pause(&self) {
        self.tx.send_replace(Command::Pause);
    }

    pub fn cancel(&self) {
        self.tx.send_replace(Command::Cancel);
    }

    fn stopping(&self) -> bool {
        *self.tx.borrow() != Command::Go
    }
}

/// How a call to [`run`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RunEnd {
    /// Every row given to it has a result.
    Finished,
    Paused,
    Cancelled,
}

/// Where a run is, after each write.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Progress {
    /// Results so far, including those from before a restart.
    pub counts: RunCounts,
    /// Rows in the run (skipped ones included).
    pub total: u32,
    /// Rows not answered yet.
    pub waiting: u32,
    /// Results per second over the last few seconds.
    pub rows_per_second: f64,
    pub seconds_left: Option<f64>,
    /// The rate in force (it drops after RATE_LIMITED); `None`: no limit.
    pub rate_limit: Option<f64>,
    /// How many times the server said to slow down.
    pub rate_limited: u32,
}

pub type ProgressListener = Arc<dyn Fn(&Progress) + Send + Sync>;

/// What the writer is given: a row's result, and the history entry of a send (a row's last, or one that was
/// retried).
type Write = (Option<RowResult>, Option<NewEntry>);

fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// Transport failures worth another try: the network, not the address or the certificate.
fn retryable(error: &SendError) -> bool {
    matches!(error, SendError::Refused { .. } | SendError::Timeout { .. } | SendError::Dns { .. } | SendError::Other(_))
}

/// The seconds in a `Retry-After` header (1 when it is missing or unreadable).
fn retry_after(headers: &[(String, String)]) -> Duration {
    let secs = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("retry-after"))
        .and_then(|(_, v)| v.trim().parse::<u64>().ok())
        .unwrap_or(1);
    Duration::from_secs(secs.clamp(1, 600))
}

struct Worker {
    run_id: i64,
    sender: Sender,
    destination: Arc<Destination>,
    settings: RunSettings,
    queue: Arc<Mutex<VecDeque<Job>>>,
    pacer: Arc<Pacer>,
    control: RunControl,
    writes: mpsc::UnboundedSender<Write>,
    rate_limited: Arc<std::sync::atomic::AtomicU32>,
}

impl Worker {
    fn entry(&self, request: &RequestSpec, sent_at_ms: i64) -> NewEntry {
        NewEntry {
            sent_at_ms,
            environment: self.destination.environment.clone(),
            module: request.module().to_string(),
            method: request.method.clone(),
            endpoint: request.endpoint.clone(),
            request_body: String::from_utf8_lossy(&request.body).into_owned(),
            batch_run_id: Some(self.run_id),
            ..NewEntry::default()
        }
    }

    async fn work(self) {
        loop {
            if self.control.stopping() {
                return;
            }
            let Some(job) = self.queue.lock().unwrap_or_else(|p| p.into_inner()).pop_front() else { return };
            if !self.send_row(&job).await {
                // Stopped before this row was sent: it stays without a result, for the next run to send.
                return;
            }
        }
    }

    /// Sends one row until it has a result; `false` if the run stopped before it was sent.
    async fn send_row(&self, job: &Job) -> bool {
        let mut attempts = 0;
        loop {
            self.pacer.wait_turn().await;
            if self.control.stopping() {
                return false;
            }
            attempts += 1;
            let sent_at = now_ms();
            let mut entry = self.entry(&job.request, sent_at);
            let d = &self.destination;
            let outcome = self.sender.send_signed(&d.base_url, &job.request, &d.credentials).await;
            let (result, retry) = match outcome {
                Err(SendFailure::Sign(e)) => (not_sent(job.row_index, None, e.to_string(), attempts, now_ms()), false),
                Err(SendFailure::Send(e)) => {
                    entry.error_code = Some(e.code().to_string());
                    let retry = retryable(&e) && attempts < self.settings.max_attempts;
                    (not_sent(job.row_index, Some(e.code()), e.to_string(), attempts, now_ms()), retry)
                }
                Ok(exchange) => {
                    let vk_http::Exchange { signed, response } = exchange;
                    let result = from_answer(
                        job.row_index,
                        response.status,
                        &response.body,
                        &job.request.body,
                        attempts,
                        now_ms(),
                    );
                    let location = response
                        .headers
                        .iter()
                        .find(|(n, _)| n.eq_ignore_ascii_case("location"))
                        .map(|(_, v)| v.as_str());
                    let target = vk_core::target::wire_target(&job.request.endpoint);
                    let redirect = vk_core::redirect::redirect_message(response.status, location, &d.base_url, &target);
                    // A redirect is never followed nor tried again: the row is refused with where it pointed.
                    let result = match redirect {
                        Some(message) => RowResult {
                            outcome: Outcome::ApiError,
                            error_code: Some(REDIRECTED.to_string()),
                            message,
                            ..result
                        },
                        None => result,
                    };
                    let code = result.error_code.as_deref().and_then(ApiErrorCode::parse);
                    let limited = response.status == 429 || code == Some(ApiErrorCode::RateLimited);
                    let wait = retry_after(&response.headers);
                    // The answer moves into the history entry: a run records thousands, so no copies.
                    entry.request_headers = signed.headers().iter().map(|(n, v)| (n.to_string(), v.clone())).collect();
                    entry.status = Some(response.status);
                    entry.elapsed_ms = response.elapsed.as_secs_f64() * 1000.0;
                    entry.error_code = result.error_code.clone();
                    entry.response_headers = response.headers;
                    entry.response_body = String::from_utf8(response.body)
                        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
                    if limited {
                        // Not the row's fault: hold, slow down, and send it again without counting a try.
                        self.rate_limited.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        self.pacer.slow_down(wait);
                        let _ = self.writes.send((None, Some(entry)));
                        attempts -= 1;
                        continue;
                    }
                    let trouble = matches!(entry.status, Some(500 | 502 | 503 | 504));
                    (result, trouble && attempts < self.settings.max_attempts)
                }
            };
            if !retry {
                let _ = self.writes.send((Some(result), Some(entry)));
                return true;
            }
            let _ = self.writes.send((None, Some(entry)));
            let wait = self.settings.backoff * 2u32.pow(attempts.saturating_sub(1).min(6));
            tokio::time::sleep(wait).await;
        }
    }
}

/// Everything a run needs besides its rows.
pub struct Engine {
    pub sender: Sender,
    pub store: Arc<Mutex<Store>>,
    pub record: RecordOptions,
}

/// Sends `jobs` (the rows of run `run_id` that have no result yet) and writes each result as it arrives.
/// `total` and `counts_before` describe the whole run, for the progress. Returns how the call ended and the
/// run's counts then.
#[allow(clippy::too_many_arguments)]
pub async fn run(
    engine: &Engine,
    run_id: i64,
    jobs: Vec<Job>,
    total: u32,
    counts_before: RunCounts,
    settings: RunSettings,
    destination: Destination,
    control: RunControl,
    on_progress: ProgressListener,
) -> Result<(RunEnd, RunCounts), vk_store::StoreError> {
    let pacer = Arc::new(Pacer::new(settings.rate));
    let queue = Arc::new(Mutex::new(VecDeque::from(jobs)));
    let rate_limited = Arc::new(std::sync::atomic::AtomicU32::new(0));
    let (writes_tx, writes_rx) = mpsc::unbounded_channel::<Write>();
    let writer = {
        let store = engine.store.clone();
        let (record, pacer, rate_limited) = (engine.record, pacer.clone(), rate_limited.clone());
        tokio::task::spawn_blocking(move || {
            write_results(&store, run_id, record, writes_rx, total, counts_before, &|counts, rps| {
                let waiting = total.saturating_sub(counts.done());
                on_progress(&Progress {
                    counts,
                    total,
                    waiting,
                    rows_per_second: rps,
                    seconds_left: (rps > 0.0).then(|| f64::from(waiting) / rps),
                    rate_limit: pacer.rate(),
                    rate_limited: rate_limited.load(std::sync::atomic::Ordering::Relaxed),
                })
            })
        })
    };
    let destination = Arc::new(destination);
    let workers: Vec<_> = (0..settings.concurrency.max(1))
        .map(|_| {
            let worker = Worker {
                run_id,
                sender: engine.sender.clone(),
                destination: destination.clone(),
                settings: settings.clone(),
                queue: queue.clone(),
                pacer: pacer.clone(),
                control: control.clone(),
                writes: writes_tx.clone(),
                rate_limited: rate_limited.clone(),
            };
            tokio::spawn(worker.work())
        })
        .collect();
    drop(writes_tx);
    for worker in workers {
        let _ = worker.await;
    }
    let counts = writer.await.map_err(|e| vk_store::StoreError::Invalid(e.to_string()))??;
    let left = queue.lock().unwrap_or_else(|p| p.into_inner()).len();
    let end = match *control.tx.borrow() {
        Command::Cancel if left > 0 => RunEnd::Cancelled,
        Command::Pause if left > 0 => RunEnd::Paused,
        _ if left > 0 => RunEnd::Paused,
        _ => RunEnd::Finished,
    };
    Ok((end, counts))
}

/// How long the writer gathers results after the first one arrives before it writes them all.
const GATHER: Duration = Duration::from_millis(10);

/// The writer: takes whatever results are waiting, writes them in one transaction, reports progress, repeats.
fn write_results(
    store: &Mutex<Store>,
    run_id: i64,
    record: RecordOptions,
    mut writes: mpsc::UnboundedReceiver<Write>,
    total: u32,
    mut counts: RunCounts,
    report: &dyn Fn(RunCounts, f64),
) -> Result<RunCounts, vk_store::StoreError> {
    let started = Instant::now();
    store.lock().unwrap_or_else(|p| p.into_inner()).bulk_writing(true)?;
    let written = gather_and_write(store, run_id, record, &mut writes, total, &mut counts, report, started);
    store.lock().unwrap_or_else(|p| p.into_inner()).bulk_writing(false)?;
    written?;
    index_for_search(store)?;
    Ok(counts)
}

#[allow(clippy::too_many_arguments)]
fn gather_and_write(
    store: &Mutex<Store>,
    run_id: i64,
    record: RecordOptions,
    writes: &mut mpsc::UnboundedReceiver<Write>,
    total: u32,
    counts: &mut RunCounts,
    report: &dyn Fn(RunCounts, f64),
    started: Instant,
) -> Result<(), vk_store::StoreError> {
    let mut recent: VecDeque<(Instant, u32)> = VecDeque::new();
    report(*counts, 0.0);
    while let Some(first) = writes.blocking_recv() {
        // What arrives in the next few milliseconds goes in the same transaction: a commit writes every page the
        // results touched, so one per result would cost more than the results themselves at full speed.
        std::thread::sleep(GATHER);
        let mut waiting = vec![first];
        while waiting.len() < 5000 {
            match writes.try_recv() {
                Ok(next) => waiting.push(next),
                Err(_) => break,
            }
        }
        let mut results: Vec<(RowResult, Option<NewEntry>)> = Vec::with_capacity(waiting.len());
        let mut history_only: Vec<NewEntry> = Vec::new();
        for write in waiting {
            match write {
                (Some(result), entry) => results.push((result, entry)),
                (None, Some(entry)) => history_only.push(entry),
                (None, None) => {}
            }
        }
        let added = store.lock().unwrap_or_else(|p| p.into_inner()).batch_results_record(
            run_id,
            &results,
            &history_only,
            record,
        )?;
        counts.success += added.success;
        counts.api_error += added.api_error;
        counts.not_sent += added.not_sent;
        counts.skipped += added.skipped;
        let now = Instant::now();
        recent.push_back((now, added.done()));
        while recent.front().is_some_and(|(t, _)| now.duration_since(*t) > Duration::from_secs(5)) {
            recent.pop_front();
        }
        let window = now.duration_since(started).min(Duration::from_secs(5)).as_secs_f64().max(0.2);
        let rps = f64::from(recent.iter().map(|(_, n)| n).sum::<u32>()) / window;
        if counts.done() <= total {
            report(*counts, rps);
        }
    }
    Ok(())
}

/// Makes the sends recorded without a search index (a run's) searchable, a block at a time so that others can
/// use the store in between.
pub fn index_for_search(store: &Mutex<Store>) -> Result<(), vk_store::StoreError> {
    while store.lock().unwrap_or_else(|p| p.into_inner()).history_index_pending(2000)? > 0 {}
    Ok(())
}

#[cfg(test)]
mod speed_tests {
    use super::RunSettings;

    #[test]
    fn rates_and_concurrency_are_allowed_up_to_each_edge_and_not_past_it() {
        for rate in [0.0, -0.0, 0.1, 5.0, 1000.0] {
            assert!(RunSettings::rate_allowed(rate), "{rate}");
        }
        for rate in [0.099, 1e-9, -1.0, 1000.001, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert!(!RunSettings::rate_allowed(rate), "{rate}");
        }
        assert!(RunSettings::concurrency_allowed(1) && RunSettings::concurrency_allowed(64));
        assert!(!RunSettings::concurrency_allowed(0) && !RunSettings::concurrency_allowed(65));
    }
}
