//! `vk batch`: a sheet of rows sent to one endpoint with the app's engine: checked first, sent at a safe rate,
//! each result kept in a run file beside the output (so the same command continues a run that stopped), and
//! the sheet written back with result columns.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use clap::Args;
use vk_batch::output::{render, Format};
use vk_batch::plan::endpoint_of;
use vk_batch::result::skipped as skipped_row;
use vk_batch::{auto_map, fingerprint, BatchTarget, Destination, Engine, Job, Plan, Progress, RunControl, RunEnd};
use vk_batch::{PlanError, RowCheck, RunSettings, Sheet};
use vk_core::catalog::{catalog, find, Endpoint};
use vk_core::Credentials;
use vk_http::{Sender, SenderConfig};
use vk_store::batch::{NewRun, RowResult, RunCounts, RunState};
use vk_store::history::RecordOptions;
use vk_store::Store;

use crate::terminal::visible;
use crate::{fail, ServerArgs, EXIT_BAD_INPUT, EXIT_NOT_SENT};

/// What a damaged run file means: where it went, and that its results (what was already sent) are lost with it.
fn damaged_run_message(state: &Path, aside: &Path, runs: Option<&[vk_store::DamagedRun]>) -> String {
    let held = match runs {
        Some([]) => String::new(),
        Some(runs) => {
            let done: u32 = runs.iter().filter_map(|r| r.done).sum();
            format!(" It held {} unfinished run(s), with at least {done} rows already sent.", runs.len())
        }
        None => " What it held cannot be read.".into(),
    };
    format!(
        "the run file {} was damaged and has been moved to {}.{held} A new run would send every row again (on the \
         live API, each is paid for again).",
        state.display(),
        aside.display()
    )
}

#[derive(Args)]
pub struct BatchArgs {
    /// The endpoint, by its id (verify.pan) or its path (/api/v1/verify/pan).
    endpoint: String,
    /// The sheet: CSV (any separator, UTF-8 or Windows-1252) or XLSX, first row the column names.
    #[arg(long, value_name = "FILE")]
    input: PathBuf,
    /// Where to write the sheet with result columns: .csv or .xlsx.
    #[arg(long, value_name = "FILE")]
    output: PathBuf,
    /// Requests per second at most (0: no limit, for a local sandbox only).
    #[arg(long, default_value_t = RunSettings::SAFE_RATE, value_parser = crate::checks::rate)]
    rate: f64,
    /// Requests in flight at once (1 to 64, as in the app).
    #[arg(long, default_value_t = RunSettings::SAFE_CONCURRENCY, value_parser = crate::checks::concurrency)]
    concurrency: u32,
    /// Which column fills a field, when its name does not say (repeatable): --map pan="PAN of client".
    #[arg(long = "map", value_name = "FIELD=COLUMN")]
    map: Vec<String>,
    /// Rows that fail the check: stop (the default, listing them), skip them, or send them anyway.
    #[arg(long, value_parser = ["stop", "skip", "send"], default_value = "stop")]
    bad_rows: String,
    /// The run file (results and history of this run); by default the output's name plus .run.db.
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// Start again from the first row instead of continuing an unfinished run of the same sheet (also: start a new
    /// run when the run file was damaged, knowing every row is sent again).
    #[arg(long)]
    restart: bool,
    /// Write Aadhaar numbers in full in the output (they are masked as XXXX XXXX 1234 otherwise).
    #[arg(long)]
    show_aadhaar: bool,
    #[command(flatten)]
    server: ServerArgs,
}

fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// The endpoint by id, or by path when only one endpoint has it.
fn endpoint_named(name: &str) -> Result<&'static Endpoint, String> {
    if let Some(e) = find(name) {
        return Ok(e);
    }
    let by_path: Vec<&Endpoint> =
        catalog().iter().filter_map(|e| endpoint_of(&e.method, name).filter(|found| found.id == e.id)).collect();
    match by_path.as_slice() {
        [one] => Ok(one),
        [] => Err(format!("there is no endpoint {name}; give its id (such as verify.pan) or its path")),
        many => {
            let ids: Vec<&str> = many.iter().map(|e| e.id.as_str()).collect();
            Err(format!("{name} is the path of {}; give the id of the one you mean", ids.join(" and ")))
        }
    }
}

/// The automatic mapping, with the user's --map FIELD=COLUMN on top.
fn mapping(args: &BatchArgs, sheet: &Sheet, endpoint: &Endpoint) -> Result<vk_batch::Mapping, String> {
    let mut mapping = auto_map(&sheet.headers, endpoint);
    for pair in &args.map {
        let (field, column) =
            pair.split_once('=').ok_or_else(|| format!("--map {pair}: write it as FIELD=COLUMN, e.g. pan=\"PAN\""))?;
        let known = endpoint.path_params.iter().chain(&endpoint.query).chain(&endpoint.body).any(|f| f.name == field);
        if !known {
            return Err(format!("--map {pair}: {} has no field called {field}", endpoint.id));
        }
        let index = sheet.column(column).ok_or_else(|| {
            format!("--map {pair}: the sheet has no column called \"{column}\" (it has: {})", sheet.headers.join(", "))
        })?;
        mapping.columns.insert(field.to_string(), index as u32);
    }
    Ok(mapping)
}

fn destination(args: &BatchArgs, sandbox_url: Option<String>) -> Result<Destination, String> {
    match sandbox_url {
        Some(base_url) => Ok(Destination {
            base_url,
            credentials: Credentials {
                api_key: vk_sandbox::BUILTIN_API_KEY.into(),
                tenant_code: vk_sandbox::BUILTIN_TENANT.into(),
                secret: vk_core::ApiSecret::new(vk_sandbox::BUILTIN_SECRET),
            },
            environment: "Sandbox (vk batch)".into(),
        }),
        None => Ok(Destination {
            base_url: args.server.base_url.clone().unwrap_or_default(),
            credentials: Credentials {
                api_key: args.server.api_key.clone().unwrap_or_default(),
                tenant_code: args.server.tenant.clone().unwrap_or_default(),
                secret: crate::secret_from_env()?,
            },
            environment: args.server.base_url.clone().unwrap_or_default(),
        }),
    }
}

/// Progress on standard error: a bar on a terminal, a plain line every two seconds otherwise.
fn progress_printer() -> Arc<dyn Fn(&Progress) + Send + Sync> {
    if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} rows · {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        return Arc::new(move |p: &Progress| {
            bar.set_length(u64::from(p.total));
            bar.set_position(u64::from(p.counts.done()));
            bar.set_message(line(p));
            if p.waiting == 0 {
                bar.finish();
            }
        });
    }
    let last = Mutex::new(None::<Instant>);
    Arc::new(move |p: &Progress| {
        let mut last = last.lock().unwrap_or_else(|e| e.into_inner());
        if p.waiting == 0 || last.is_none_or(|t| t.elapsed() >= Duration::from_secs(2)) {
            *last = Some(Instant::now());
            eprintln!("vk: {}/{} rows · {}", p.counts.done(), p.total, line(p));
        }
    })
}

fn line(p: &Progress) -> String {
    let c = &p.counts;
    let mut text = format!("{} succeeded · {} refused · {} not sent", c.success, c.api_error, c.not_sent);
    if c.skipped > 0 {
        text.push_str(&format!(" · {} skipped", c.skipped));
    }
    text.push_str(&format!(" · {:.0} rows/s", p.rows_per_second));
    if let Some(left) = p.seconds_left.filter(|_| p.waiting > 0) {
        text.push_str(&format!(" · about {} s left", left.ceil()));
    }
    if p.rate_limited > 0 {
        text.push_str(&format!(" · slowed down {} times (RATE_LIMITED)", p.rate_limited));
    }
    text
}

/// The run to continue (same sheet, endpoint, mapping and server, not finished), or a new one.
fn open_run(store: &Store, args: &BatchArgs, new: NewRun, skipped: &[RowCheck]) -> Result<(i64, bool), String> {
    let found =
        if args.restart { None } else { store.batch_run_unfinished(&new.fingerprint).map_err(|e| e.to_string())? };
    if let Some(run) = found {
        return Ok((run.id, true));
    }
    let id = store.batch_run_create(&new, now_ms()).map_err(|e| e.to_string())?;
    let results: Vec<_> = skipped.iter().map(|check| (skipped_row(check, now_ms()), None)).collect();
    store.batch_results_record(id, &results, &[], RecordOptions::default()).map_err(|e| e.to_string())?;
    Ok((id, false))
}

pub async fn run(args: BatchArgs) -> std::process::ExitCode {
    match run_batch(args).await {
        Ok(code) => code,
        Err((code, message)) => fail(code, message),
    }
}

async fn run_batch(args: BatchArgs) -> Result<std::process::ExitCode, (u8, String)> {
    let bad = |m: String| (EXIT_BAD_INPUT, m);
    crate::checks::server(&args.server).map_err(bad)?;
    let input =
        std::fs::read(&args.input).map_err(|e| bad(format!("{} could not be read: {e}", args.input.display())))?;
    // Before anything is sent: a mistyped folder would otherwise be created for the run file, or fail at the end.
    crate::checks::file_to_write("--output", &args.output).map_err(bad)?;
    if let Some(state) = &args.state {
        crate::checks::file_to_write("--state", state).map_err(bad)?;
    }
    let sheet = Sheet::read(&input).map_err(|e| bad(format!("{}: {e}", args.input.display())))?;
    let endpoint = endpoint_named(&args.endpoint).map_err(bad)?;
    let target = BatchTarget::Endpoint {
        endpoint_id: endpoint.id.clone(),
        mapping: mapping(&args, &sheet, endpoint).map_err(bad)?,
    };
    let plan = Plan::new(target.clone(), &sheet, BTreeMap::new()).map_err(|e| match e {
        PlanError::RequiredNotMapped { ref field, .. } => bad(format!("{e} Here: --map {field}=\"Column name\".")),
        e => bad(e.to_string()),
    })?;
    if let BatchTarget::Endpoint { mapping, .. } = &target {
        for (field, column) in &mapping.columns {
            eprintln!("vk: {field} ← column \"{}\"", visible(&sheet.headers[*column as usize]));
        }
    }
    let problems = plan.precheck(&sheet);
    if !problems.is_empty() && args.bad_rows == "stop" {
        for row in problems.iter().take(20) {
            let reasons: Vec<String> = row.problems.iter().map(|p| format!("{}: {}", p.field, p.reason)).collect();
            eprintln!("vk: row {}: {}", row.number, visible(&reasons.join("; ")));
        }
        if problems.len() > 20 {
            eprintln!("vk: … and {} more rows", problems.len() - 20);
        }
        return Err(bad(format!(
            "{} of {} rows did not pass the check (above). Fix them, or add --bad-rows skip to leave them out, or --bad-rows send to send them anyway.",
            problems.len(),
            sheet.rows.len()
        )));
    }
    let skipped: Vec<RowCheck> = if args.bad_rows == "skip" { problems } else { Vec::new() };
    let skipped_rows: std::collections::HashSet<u32> = skipped.iter().map(|r| r.index).collect();
    let sandbox = if args.server.sandbox {
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
        Some(
            vk_sandbox::start(vk_sandbox::SandboxConfig::builtin(), addr)
                .await
                .map_err(|e| (EXIT_NOT_SENT, e.to_string()))?,
        )
    } else {
        None
    };
    let destination = destination(&args, sandbox.as_ref().map(|s| s.base_url())).map_err(bad)?;
    let state_path = args.state.clone().unwrap_or_else(|| PathBuf::from(format!("{}.run.db", args.output.display())));
    let (store, report) = Store::open(&state_path).map_err(|e| bad(format!("{}: {e}", state_path.display())))?;
    if let Some(aside) = &report.corrupt_moved_to {
        let said = damaged_run_message(&state_path, aside, report.damaged_runs.as_deref());
        if !args.restart {
            // NOTE: never resend on our own: on the live API every row of the lost run would be paid for again.
            return Err(bad(format!("{said} Nothing was sent. To start a new run anyway, add --restart.")));
        }
        eprintln!("vk: {said} Starting a new run (--restart).");
    }
    let rows_to_send: Vec<u32> = (0..sheet.rows.len() as u32).filter(|i| !skipped_rows.contains(i)).collect();
    let name = args.input.file_name().map_or("sheet".into(), |n| n.to_string_lossy().into_owned());
    let new = NewRun {
        fingerprint: fingerprint(&input, &target, &destination.environment),
        name,
        environment: destination.environment.clone(),
        target: serde_json::to_string(&target).unwrap_or_default(),
        input,
        row_count: sheet.rows.len() as u32,
        rows_to_send,
        rate: args.rate,
        concurrency: args.concurrency,
    };
    let (run_id, resumed) = open_run(&store, &args, new, &skipped).map_err(bad)?;
    let run =
        store.batch_run_get(run_id).map_err(|e| bad(e.to_string()))?.ok_or_else(|| bad("the run vanished".into()))?;
    let done: std::collections::HashSet<u32> =
        store.batch_rows_done(run_id).map_err(|e| bad(e.to_string()))?.into_iter().collect();
    let counts_before = store.batch_counts(run_id).map_err(|e| bad(e.to_string()))?;
    if resumed {
        eprintln!(
            "vk: continuing the run in {}: {} of {} rows already have a result (add --restart to start again)",
            state_path.display(),
            counts_before.done(),
            run.row_count
        );
    }
    let jobs: Vec<Job> = run
        .rows_to_send
        .iter()
        .filter(|i| !done.contains(i))
        .map(|&row_index| Job { row_index, request: plan.request(&sheet.rows[row_index as usize]) })
        .collect();
    store.batch_run_set_state(run_id, RunState::Running, now_ms()).map_err(|e| bad(e.to_string()))?;
    let store = Arc::new(Mutex::new(store));
    let sender = Sender::new(SenderConfig::default()).map_err(|e| (EXIT_NOT_SENT, e.to_string()))?;
    let record = RecordOptions { mask_aadhaar: !args.show_aadhaar, ..RecordOptions::default() };
    let engine = Engine { sender, store: store.clone(), record };
    let control = RunControl::default();
    let on_ctrl_c = control.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            eprintln!("\nvk: stopping after the requests in flight; run the same command again to continue");
            on_ctrl_c.pause();
        }
    });
    let settings = RunSettings { rate: args.rate, concurrency: args.concurrency, ..RunSettings::default() };
    let started = Instant::now();
    // When the last result was written (the sends' search index is built after that).
    let answered = Arc::new(Mutex::new(None::<Instant>));
    let printer = progress_printer();
    let on_progress = {
        let answered = answered.clone();
        Arc::new(move |p: &Progress| {
            if p.waiting == 0 {
                *answered.lock().unwrap_or_else(|e| e.into_inner()) = Some(Instant::now());
            }
            printer(p);
        })
    };
    let (end, counts) =
        vk_batch::run(&engine, run_id, jobs, run.row_count, counts_before, settings, destination, control, on_progress)
            .await
            .map_err(|e| {
                (EXIT_NOT_SENT, format!("the results could not be written to {}: {e}", state_path.display()))
            })?;
    let finished = Instant::now();
    let answered = answered.lock().unwrap_or_else(|e| e.into_inner()).unwrap_or(finished);
    let took = answered.duration_since(started).as_secs_f64();
    // Rows sent in this call: not those done before it (a continued run), nor the skipped ones (recorded before).
    let sent = counts.done().saturating_sub(counts_before.done());
    eprintln!(
        "vk: the run took {took:.2} s ({:.0} rows a second); its sends were made searchable in history in {:.2} s more",
        f64::from(sent) / took.max(1e-6),
        finished.duration_since(answered).as_secs_f64()
    );
    if let Some(sandbox) = sandbox {
        sandbox.stop().await;
    }
    let store = store.lock().unwrap_or_else(|p| p.into_inner());
    let state = if end == RunEnd::Finished { RunState::Finished } else { RunState::Paused };
    store.batch_run_set_state(run_id, state, now_ms()).map_err(|e| bad(e.to_string()))?;
    write_output(&store, run_id, &sheet, &args.output, !args.show_aadhaar)?;
    finish_message(end, counts, run.row_count, &args.output)
}

fn write_output(store: &Store, run_id: i64, sheet: &Sheet, output: &Path, mask: bool) -> Result<(), (u8, String)> {
    let mut results: Vec<Option<RowResult>> = vec![None; sheet.rows.len()];
    for result in store.batch_results(run_id, None, 0, u32::MAX).map_err(|e| (EXIT_BAD_INPUT, e.to_string()))? {
        if let Some(slot) = results.get_mut(result.row_index as usize) {
            *slot = Some(result);
        }
    }
    let format = Format::for_file(&output.to_string_lossy());
    let bytes = render(sheet, &results, format, mask).map_err(|e| (EXIT_BAD_INPUT, e.to_string()))?;
    std::fs::write(output, bytes)
        .map_err(|e| (EXIT_BAD_INPUT, format!("{} could not be written: {e}", output.display())))
}

fn finish_message(
    end: RunEnd,
    counts: RunCounts,
    total: u32,
    output: &Path,
) -> Result<std::process::ExitCode, (u8, String)> {
    eprintln!(
        "vk: {} of {total} rows: {} succeeded, {} refused by the API, {} not sent, {} skipped. Results in {}",
        counts.done(),
        counts.success,
        counts.api_error,
        counts.not_sent,
        counts.skipped,
        output.display()
    );
    if end != RunEnd::Finished {
        return Err((
            EXIT_NOT_SENT,
            "the run stopped before every row was sent; run the same command again to continue".into(),
        ));
    }
    if counts.not_sent > 0 {
        return Err((EXIT_NOT_SENT, format!("{} rows got no answer (see the Message column)", counts.not_sent)));
    }
    Ok(std::process::ExitCode::SUCCESS)
}
