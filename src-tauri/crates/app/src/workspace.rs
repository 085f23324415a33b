//! The application as the window drives it: starts the parts on one data folder and the built-in sandbox, and
//! answers each command (a method per command, named as the command) by calling the part that owns it.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use vk_core::catalog::Endpoint;
use vk_core::envelope::FieldProblem;
use vk_http::{Sender, SenderConfig, SpillConfig};
use vk_sandbox::test_values::TestValue;
use vk_sandbox::{RunningSandbox, SandboxConfig};
use vk_store::collections::{DeletionTicket, FolderNode, Item, SavedRequest};
use vk_store::history::{HistoryFilter, HistorySummary, RecordOptions};
use vk_store::Store;

use crate::batch::Batches;
use crate::batch_views::{BatchExported, BatchRowsView, BatchStartInput, CheckView, RowFilter, RunView, SheetView};
use crate::bodies::Bodies;
use crate::changes::{Change, Changes};
use crate::collections::Collections;
use crate::damaged::{damaged_runs_notice, DamagedRuns};
use crate::db::Db;
use crate::environments::Environments;
use crate::error::AppError;
use crate::file_grants::FileGrants;
use crate::history::History;
use crate::ipc::{
    CollectionExported, CredentialStoreView, EnvironmentInput, EnvironmentView, EnvironmentsView, HistoryOpened,
    HistorySettings, PresignedCurlView, SecretCheck, SendInput, SendOutcome, SnippetInput, SnippetView, TextPage,
};
use crate::secrets::Secrets;
use crate::sending::Sending;
use crate::snippets::Snippets;

pub const SANDBOX_ENVIRONMENT: &str = "Sandbox (built in)";

/// The name under which secrets are kept in the OS credential store.
pub const CREDENTIAL_SERVICE: &str = "VK Workspace";

/// Where the workspace keeps its data and its secrets.
pub struct WorkspaceOptions {
    pub data_dir: PathBuf,
    /// The credential-store service name; `None` behaves like a computer without a credential store.
    pub credential_service: Option<String>,
    /// Response bodies longer than this are kept in files beside the database.
    pub inline_body_limit: usize,
    /// The loopback port the built-in sandbox tries first (any free one when it is taken; 0: any free one).
    pub sandbox_port: u16,
}

impl WorkspaceOptions {
    /// The app's own settings: secrets in the OS credential store under [`CREDENTIAL_SERVICE`].
    pub fn new(data_dir: &Path) -> Self {
        Self {
            data_dir: data_dir.to_path_buf(),
            credential_service: Some(CREDENTIAL_SERVICE.into()),
            inline_body_limit: RecordOptions::default().inline_body_limit,
            // `vk-sandbox`'s port: code copied from the Code panel keeps working after a restart, and reaches
            // the same sandbox as `vk snippet`'s default address.
            sandbox_port: vk_sandbox::DEFAULT_PORT,
        }
    }
}

/// Everything a window needs: the in-process sandbox and the parts, each owning its own state.
pub struct Workspace {
    sandbox: RunningSandbox,
    changes: Arc<Changes>,
    db: Db,
    environments: Arc<Environments>,
    history: Arc<History>,
    bodies: Arc<Bodies>,
    sending: Sending,
    collections: Collections,
    snippets: Snippets,
    batches: Batches,
    grants: Arc<FileGrants>,
    responses_dir: PathBuf,
    /// Things the user must be told about once, at start (e.g. a damaged history file that was set aside).
    startup_notices: Vec<String>,
}

/// Starts the built-in sandbox on loopback: on `port` when it is free (another window or `vk-sandbox` may have
/// it), else on any free one.
async fn start_sandbox(port: u16) -> Result<RunningSandbox, AppError> {
    let on_port =
        |port| vk_sandbox::start(SandboxConfig::builtin(), SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port));
    match on_port(port).await {
        Ok(sandbox) => Ok(sandbox),
        Err(_) => {
            on_port(0).await.map_err(|e| AppError::internal(format!("The built-in sandbox could not start: {e}")))
        }
    }
}

impl Workspace {
    /// Opens on the built-in sandbox with secrets in the OS credential store.
    pub async fn start_on_builtin_sandbox(data_dir: &Path) -> Result<Self, AppError> {
        Self::start(WorkspaceOptions::new(data_dir)).await
    }

    /// Opens the store in the data folder, starts the sandbox on loopback (its usual port if free), applies the
    /// history retention setting and returns to the environment chosen last time.
    pub async fn start(options: WorkspaceOptions) -> Result<Self, AppError> {
        let (store, report) = Store::open(&options.data_dir.join("workspace.db"))?;
        let damaged = match (&report.corrupt_moved_to, &report.damaged_runs) {
            (None, _) => DamagedRuns::Nothing,
            (Some(_), Some(runs)) => DamagedRuns::Runs(runs.clone()),
            (Some(_), None) => DamagedRuns::Unreadable,
        };
        let startup_notices = report
            .corrupt_moved_to
            .map(|aside| {
                format!(
                    "The history file was damaged and could not be read. It was kept as {} and a new, empty history was started.{}",
                    aside.display(),
                    damaged_runs_notice(report.damaged_runs.as_deref())
                )
            })
            .into_iter()
            .collect();
        let sandbox = start_sandbox(options.sandbox_port).await?;
        // Answers of any size: past 2 MiB the body streams to a file in the data folder, up to 1 GiB.
        let responses_dir = options.data_dir.join("responses");
        Bodies::clear_dir(&responses_dir);
        let config = SenderConfig {
            max_body_bytes: 1024 * 1024 * 1024,
            spill: Some(SpillConfig { dir: responses_dir.clone(), over_bytes: 2 * 1024 * 1024 }),
            ..SenderConfig::default()
        };
        let sender = Sender::new(config).map_err(AppError::internal)?;
        let changes = Arc::new(Changes::default());
        let db = Db::new(store, changes.clone());
        let secrets = Arc::new(Secrets::new(options.credential_service));
        let grants = Arc::new(FileGrants::default());
        let bodies = Arc::new(Bodies::default());
        let environments = Arc::new(Environments::open(db.clone(), secrets, sandbox.base_url(), sender.clone()).await);
        let history = Arc::new(History::open(db.clone(), bodies.clone(), options.inline_body_limit).await?);
        let sending = Sending::new(sender.clone(), environments.clone(), history.clone(), bodies.clone());
        let batches = Batches::new(db.clone(), environments.clone(), history.clone(), sender, damaged);
        // The sends of a run that stopped in a crash may still wait for their search index: built in the background.
        let store = db.shared();
        tokio::task::spawn_blocking(move || vk_batch::runner::index_for_search(&store));
        Ok(Self {
            sandbox,
            changes,
            collections: Collections::new(db.clone(), grants.clone()),
            snippets: Snippets::new(environments.clone(), grants.clone()),
            db,
            environments,
            history,
            bodies,
            sending,
            batches,
            grants,
            responses_dir,
            startup_notices,
        })
    }

    /// Told of every change to the data (the shell forwards each to the window).
    pub fn on_change(&self, listener: impl Fn(Change) + Send + Sync + 'static) {
        self.changes.set_listener(listener);
    }

    /// The folder large answers stream to (the window's worker reads them from there, by the asset protocol).
    pub fn responses_dir(&self) -> &Path {
        &self.responses_dir
    }

    pub fn sandbox_url(&self) -> String {
        self.sandbox.base_url()
    }

    /// Records a path the user chose in the app's own save dialog: the next write there is allowed (once).
    pub fn grant_file(&self, path: PathBuf) {
        self.grants.grant(path);
    }

    /// Where exports go (the Downloads folder, as a browser's downloads do).
    pub fn set_export_dir(&self, dir: PathBuf) {
        self.batches.set_export_dir(dir);
    }

    pub fn active_environment_id(&self) -> i64 {
        self.environments.active_id()
    }

    pub async fn environment(&self, id: i64) -> Result<EnvironmentView, AppError> {
        self.environments.get(id).await
    }

    /// The credential-store entry name of an environment's secret (never the secret).
    pub async fn environment_secret_reference(&self, id: i64) -> Result<String, AppError> {
        self.environments.secret_reference(id).await
    }

    /// The code as it is copied or saved: an inline secret is written in. Never sent to the page.
    pub async fn snippet_text(&self, input: SnippetInput) -> Result<String, AppError> {
        self.snippets.text(input).await
    }

    /// A curl command for the composer's request, signed now with the active environment's secret.
    pub async fn snippet_presigned_curl(
        &self,
        request: SendInput,
        base_url: String,
    ) -> Result<PresignedCurlView, AppError> {
        self.snippets.presigned_curl(request, base_url).await
    }

    /// Reads a sheet the user chose (its bytes and file name), ready to map.
    pub async fn batch_load(&self, name: String, bytes: Vec<u8>) -> Result<SheetView, AppError> {
        self.batches.load(name, bytes).await
    }
}

/// The commands, one method each, named as the command the window calls.
impl Workspace {
    pub async fn environments_list(&self) -> Result<EnvironmentsView, AppError> {
        self.environments.list().await
    }
    pub async fn environment_select(&self, id: i64) -> Result<EnvironmentView, AppError> {
        self.environments.select(id).await
    }
    pub async fn environment_save(&self, input: EnvironmentInput) -> Result<EnvironmentView, AppError> {
        self.environments.save(input).await
    }
    pub async fn environment_delete(&self, id: i64) -> Result<(), AppError> {
        self.environments.delete(id).await
    }
    /// The secret travels one way only: from the page into Rust. It is never sent back.
    pub async fn environment_set_secret(
        &self,
        id: i64,
        secret: String,
        session_only: bool,
    ) -> Result<EnvironmentView, AppError> {
        self.environments.set_secret(id, secret, session_only).await
    }
    pub async fn environment_forget_secret(&self, id: i64) -> Result<EnvironmentView, AppError> {
        self.environments.forget_secret(id).await
    }
    pub async fn environment_test_secret(&self, id: i64) -> Result<SecretCheck, AppError> {
        self.environments.test_secret(id).await
    }
    pub async fn credential_store_status(&self) -> Result<CredentialStoreView, AppError> {
        self.environments.credential_store_status().await
    }
    /// Sends to the active environment.
    pub async fn request_send(&self, input: SendInput) -> Result<SendOutcome, AppError> {
        self.sending.send_to(None, input).await
    }
    /// The whole body of a kept answer.
    pub async fn response_body(&self, handle: u64) -> Result<Vec<u8>, AppError> {
        self.bodies.bytes(handle).await
    }
    /// Rows of a kept answer as text (as it came, or pretty-printed), for an answer too large to show whole.
    pub async fn response_text_page(
        &self,
        handle: u64,
        pretty: bool,
        start: u64,
        count: u32,
    ) -> Result<TextPage, AppError> {
        self.bodies.text_page(handle, pretty, start, count).await
    }
    /// Writes the whole body of a kept answer to `path` (a file the user chose); returns its size.
    pub async fn response_save(&self, handle: u64, path: PathBuf) -> Result<u64, AppError> {
        self.bodies.save(handle, path, &self.grants).await
    }
    pub async fn history_list(&self, filter: HistoryFilter) -> Result<Vec<HistorySummary>, AppError> {
        self.history.list(filter).await
    }
    pub async fn history_open(&self, id: i64) -> Result<HistoryOpened, AppError> {
        self.history.open_entry(id).await
    }
    pub async fn history_rerun(&self, id: i64) -> Result<SendOutcome, AppError> {
        self.sending.rerun(id).await
    }
    pub async fn history_delete(&self, id: i64) -> Result<bool, AppError> {
        self.history.delete(id).await
    }
    pub async fn history_clear(&self) -> Result<usize, AppError> {
        self.history.clear().await
    }
    pub async fn history_settings_get(&self) -> Result<HistorySettings, AppError> {
        Ok(self.history.settings())
    }
    /// Saves the settings and applies the retention; returns how many entries it removed.
    pub async fn history_settings_set(&self, settings: HistorySettings) -> Result<usize, AppError> {
        self.history.set_settings(settings).await
    }
    pub async fn collections_tree(&self) -> Result<FolderNode, AppError> {
        self.collections.tree().await
    }
    pub async fn collection_folder_create(&self, parent: Option<i64>, name: String) -> Result<i64, AppError> {
        self.collections.folder_create(parent, name).await
    }
    pub async fn collection_request_save(&self, request: SavedRequest) -> Result<i64, AppError> {
        self.collections.request_save(request).await
    }
    pub async fn collection_request_get(&self, id: i64) -> Result<SavedRequest, AppError> {
        self.collections.request_get(id).await
    }
    pub async fn collection_rename(&self, item: Item, name: String) -> Result<(), AppError> {
        self.collections.rename(item, name).await
    }
    pub async fn collection_move(&self, item: Item, folder: Option<i64>, position: u32) -> Result<(), AppError> {
        self.collections.move_item(item, folder, position).await
    }
    pub async fn collection_duplicate(&self, id: i64) -> Result<i64, AppError> {
        self.collections.duplicate(id).await
    }
    pub async fn collection_delete(&self, item: Item) -> Result<DeletionTicket, AppError> {
        self.collections.delete(item).await
    }
    pub async fn collection_undo_delete(&self, ticket: DeletionTicket) -> Result<(), AppError> {
        self.collections.undo_delete(ticket).await
    }
    /// Writes the collection to `path`, a file the user chose in the save dialog.
    pub async fn collection_export(&self, folder: Option<i64>, path: PathBuf) -> Result<CollectionExported, AppError> {
        self.collections.export(folder, path).await
    }
    /// How many seconds the built-in sandbox's clock runs ahead (negative: behind). For this session only.
    pub async fn sandbox_clock_get(&self) -> Result<i64, AppError> {
        Ok(self.sandbox.clock().offset_secs())
    }
    /// Sets the built-in sandbox's clock ahead or behind, to practise TIMESTAMP_EXPIRED. At most a day either way.
    pub async fn sandbox_clock_set(&self, offset_secs: i64) -> Result<i64, AppError> {
        if offset_secs.abs() > 86_400 {
            return Err(AppError::invalid("Set the sandbox's clock at most a day (1440 minutes) ahead or behind."));
        }
        self.sandbox.clock().set_offset_secs(offset_secs);
        Ok(offset_secs)
    }
    /// The open request tabs as the page last saved them (JSON it writes and reads; no secrets in it).
    pub async fn ui_tabs_get(&self) -> Result<Option<String>, AppError> {
        self.db.read(|s| s.setting("ui.open_tabs")).await
    }
    pub async fn ui_tabs_set(&self, state: String) -> Result<(), AppError> {
        if state.len() > 4 * 1024 * 1024 {
            return Err(AppError::invalid("The open tabs are too large to remember (over 4 MB)."));
        }
        // Drafts may hold Aadhaar numbers: kept masked, as history keeps them (unless masking is turned off).
        let state = if self.history.settings().mask_aadhaar { vk_store::mask_aadhaar(&state) } else { state };
        self.db.read(move |s| s.set_setting("ui.open_tabs", &state)).await
    }
    /// Messages to show once at start (for example, a damaged history file that was set aside).
    pub async fn startup_notices(&self) -> Result<Vec<String>, AppError> {
        Ok(self.startup_notices.clone())
    }
    /// Every endpoint of the API, from the catalog compiled into the app.
    pub async fn catalog_list(&self) -> Result<Vec<Endpoint>, AppError> {
        Ok(vk_core::catalog::catalog().to_vec())
    }
    /// What is wrong with a form's values for an endpoint, field by field (empty when all is well).
    pub async fn catalog_check_form(
        &self,
        endpoint_id: String,
        values: BTreeMap<String, String>,
    ) -> Result<Vec<FieldProblem>, AppError> {
        let endpoint = vk_core::catalog::find(&endpoint_id)
            .ok_or_else(|| AppError::invalid(format!("There is no endpoint {endpoint_id} in the catalog.")))?;
        Ok(endpoint.check_form(&values))
    }
    /// Where a JSON text breaks (line, column, plain words), for the body editor; `None` when it is valid.
    pub async fn json_check(&self, text: String) -> Result<Option<vk_core::JsonProblem>, AppError> {
        Ok(vk_core::json_problem(&text))
    }
    /// Every error code a history entry can carry: the API's own, then those of sends that got no answer.
    pub async fn error_codes(&self) -> Result<Vec<String>, AppError> {
        let api = vk_core::ApiErrorCode::ALL.iter().map(|c| c.as_str());
        Ok(api.chain(vk_http::SEND_ERROR_CODES).map(str::to_string).collect())
    }
    /// Every error code of the API in plain words (meaning and next step), for the help sheet.
    pub async fn error_explanations(&self) -> Result<Vec<vk_core::Explanation>, AppError> {
        Ok(vk_core::ApiErrorCode::ALL.iter().map(|c| c.explanation()).collect())
    }
    /// The built-in sandbox's documented test values, one per outcome.
    pub async fn sandbox_test_values(&self) -> Result<Vec<TestValue>, AppError> {
        Ok(vk_sandbox::test_values::test_values())
    }
    /// The code as the Code panel shows it: an inline secret is a placeholder here.
    pub async fn snippet_show(&self, input: SnippetInput) -> Result<SnippetView, AppError> {
        self.snippets.show(input).await
    }
    /// Writes the code (with the secret only if the user chose it inline) to a file the user picked.
    pub async fn snippet_save(&self, input: SnippetInput, path: PathBuf) -> Result<(), AppError> {
        self.snippets.save(input, path).await
    }
    /// The columns of the loaded sheet matched to an endpoint's fields by their names.
    pub async fn batch_auto_map(&self, endpoint_id: String) -> Result<vk_batch::Mapping, AppError> {
        self.batches.auto_map(endpoint_id)
    }
    /// Checks every row of the loaded sheet against `target`, with the active environment's variables.
    pub async fn batch_check(&self, target: vk_batch::BatchTarget) -> Result<CheckView, AppError> {
        self.batches.check(target).await
    }
    /// Makes a run of the loaded sheet for the active environment and starts sending.
    pub async fn batch_start(&self, input: BatchStartInput) -> Result<RunView, AppError> {
        self.batches.start(input).await
    }
    /// Continues a run that was paused or stopped (the app closed, a crash): only rows without a result are sent.
    pub async fn batch_resume(&self, run_id: i64) -> Result<RunView, AppError> {
        self.batches.resume(run_id).await
    }
    /// Stops sending new rows; those in flight finish and are kept. `cancel` ends the run for good.
    pub async fn batch_stop(&self, run_id: i64, cancel: bool) -> Result<(), AppError> {
        self.batches.stop(run_id, cancel).await
    }
    pub async fn batch_runs(&self) -> Result<Vec<RunView>, AppError> {
        self.batches.runs().await
    }
    pub async fn batch_delete(&self, run_id: i64) -> Result<(), AppError> {
        self.batches.delete(run_id).await
    }
    /// Rows for the grid: `limit` from `offset` among those `filter` keeps.
    pub async fn batch_rows(
        &self,
        run_id: i64,
        filter: RowFilter,
        offset: u32,
        limit: u32,
    ) -> Result<BatchRowsView, AppError> {
        self.batches.rows(run_id, filter, offset, limit).await
    }
    /// Writes the run's sheet with result columns into the exports folder; returns where.
    pub async fn batch_export(&self, run_id: i64, xlsx: bool, mask_aadhaar: bool) -> Result<BatchExported, AppError> {
        self.batches.export(run_id, xlsx, mask_aadhaar).await
    }
}
