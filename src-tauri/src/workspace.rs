//! The app's state and behaviour behind the commands: the active environment and sending. Runs without a window.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use vk_core::diagnose::hmac_invalid_causes;
use vk_core::variables::substitute;
use vk_core::{ApiErrorCode, RequestSpec};
use vk_http::{SendFailure, Sender, SenderConfig, SpillConfig};
use vk_sandbox::{RunningSandbox, SandboxConfig};
use vk_store::environments::BUILTIN_SANDBOX_ID;
use vk_store::history::{NewEntry, RecordOptions};
use vk_store::{Store, StoreError};

use crate::ipc::{ErrorKind, HeaderPair, HistorySettings, IpcError, SendInput, SendOutcome, SignatureView};
use crate::responses::Bodies;
use crate::secrets::Secrets;

pub const SANDBOX_ENVIRONMENT: &str = "Sandbox (built in)";

type HistoryListener = Arc<dyn Fn() + Send + Sync>;

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
    pub fn new(data_dir: &std::path::Path) -> Self {
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

/// Everything a window needs: the in-process sandbox, the active environment, one reused HTTP client, the
/// store and the secrets.
pub struct Workspace {
    sandbox: RunningSandbox,
    pub(crate) sender: Sender,
    pub(crate) store: Arc<Mutex<Store>>,
    pub(crate) secrets: Arc<Secrets>,
    pub(crate) active: Mutex<i64>,
    pub(crate) history_settings: Mutex<HistorySettings>,
    pub(crate) bodies: Arc<Bodies>,
    history_listener: Mutex<Option<HistoryListener>>,
    pub(crate) batches: Arc<crate::batch::Batches>,
    responses_dir: PathBuf,
    inline_body_limit: usize,
    /// Things the user must be told about once, at start (e.g. a damaged history file that was set aside).
    startup_notices: Vec<String>,
    /// What a database damaged at start held: starting a sheet it was running (or any, when unknown) asks first.
    pub(crate) damaged: crate::batch::DamagedRuns,
    /// Paths chosen in the app's own save dialog, each allowing one write.
    pub(crate) file_grants: crate::file_grants::FileGrants,
}

pub(crate) fn pairs<'a>(iter: impl IntoIterator<Item = (&'a str, String)>) -> Vec<HeaderPair> {
    iter.into_iter().map(|(name, value)| HeaderPair { name: name.to_string(), value }).collect()
}

fn store_error(e: StoreError) -> IpcError {
    match e {
        StoreError::Invalid(message) => IpcError::new(ErrorKind::InvalidInput, message),
        other => IpcError::new(ErrorKind::Internal, other.to_string()),
    }
}

pub(crate) fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

impl Workspace {
    /// Opens on the built-in sandbox with secrets in the OS credential store.
    pub async fn start_on_builtin_sandbox(data_dir: &std::path::Path) -> Result<Self, IpcError> {
        Self::start(WorkspaceOptions::new(data_dir)).await
    }

    /// Opens the store in the data folder, starts the sandbox on loopback (its usual port if free), applies the history
    /// retention setting and returns to the environment chosen last time.
    pub async fn start(options: WorkspaceOptions) -> Result<Self, IpcError> {
        let (store, report) = Store::open(&options.data_dir.join("workspace.db"))
            .map_err(|e| IpcError::new(ErrorKind::Internal, e.to_string()))?;
        let damaged = match (&report.corrupt_moved_to, &report.damaged_runs) {
            (None, _) => crate::batch::DamagedRuns::Nothing,
            (Some(_), Some(runs)) => crate::batch::DamagedRuns::Runs(runs.clone()),
            (Some(_), None) => crate::batch::DamagedRuns::Unreadable,
        };
        let startup_notices = report
            .corrupt_moved_to
            .map(|aside| {
                let mut notice = format!(
                    "The history file was damaged and could not be read. It was kept as {} and a new, empty history was started.",
                    aside.display()
                );
                notice.push_str(&crate::batch::damaged_runs_notice(report.damaged_runs.as_deref()));
                notice
            })
            .into_iter()
            .collect();
        let on_port =
            |port| vk_sandbox::start(SandboxConfig::builtin(), SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port));
        // The usual port when it is free (another window or `vk-sandbox` may have it), else any free one.
        let sandbox = match on_port(options.sandbox_port).await {
            Ok(sandbox) => sandbox,
            Err(_) => on_port(0).await.map_err(|e| {
                IpcError::new(ErrorKind::Internal, format!("The built-in sandbox could not start: {e}"))
            })?,
        };
        // Answers of any size: past 2 MiB the body streams to a file in the data folder, up to 1 GiB.
        let spill_dir = options.data_dir.join("responses");
        Bodies::clear_dir(&spill_dir);
        let responses_dir = spill_dir.clone();
        let config = SenderConfig {
            max_body_bytes: 1024 * 1024 * 1024,
            spill: Some(SpillConfig { dir: spill_dir, over_bytes: 2 * 1024 * 1024 }),
            ..SenderConfig::default()
        };
        let sender = Sender::new(config).map_err(|e| IpcError::new(ErrorKind::Internal, e.to_string()))?;
        let workspace = Self {
            sandbox,
            sender,
            store: Arc::new(Mutex::new(store)),
            secrets: Arc::new(Secrets::new(options.credential_service)),
            active: Mutex::new(BUILTIN_SANDBOX_ID),
            history_settings: Mutex::new(HistorySettings::default()),
            bodies: Arc::new(Bodies::default()),
            history_listener: Mutex::new(None),
            batches: Arc::default(),
            inline_body_limit: options.inline_body_limit,
            startup_notices,
            damaged,
            file_grants: Default::default(),
            responses_dir,
        };
        workspace.restore_history_settings().await?;
        workspace.restore_active().await;
        // The sends of a run that stopped in a crash may still wait for their search index: built in the background.
        let store = workspace.store.clone();
        tokio::task::spawn_blocking(move || vk_batch::runner::index_for_search(&store));
        Ok(workspace)
    }

    /// The folder large answers stream to (the window's worker reads them from there, by the asset protocol).
    pub fn responses_dir(&self) -> &std::path::Path {
        &self.responses_dir
    }

    pub fn sandbox_url(&self) -> String {
        self.sandbox.base_url()
    }

    /// How many seconds the built-in sandbox's clock runs ahead (negative: behind). For this session only.
    pub fn sandbox_clock_offset(&self) -> i64 {
        self.sandbox.clock().offset_secs()
    }

    /// Sets the built-in sandbox's clock ahead or behind, to practise TIMESTAMP_EXPIRED. At most a day either way.
    pub fn set_sandbox_clock_offset(&self, secs: i64) -> Result<i64, IpcError> {
        if secs.abs() > 86_400 {
            return Err(IpcError::new(
                ErrorKind::InvalidInput,
                "Set the sandbox's clock at most a day (1440 minutes) ahead or behind.",
            ));
        }
        self.sandbox.clock().set_offset_secs(secs);
        Ok(secs)
    }

    /// Records a path the user chose in the app's own save dialog: the next write there is allowed (once).
    pub fn grant_file(&self, path: PathBuf) {
        self.file_grants.grant(path);
    }

    pub fn startup_notices(&self) -> Vec<String> {
        self.startup_notices.clone()
    }

    /// Runs store work off the async executor; no lock is held across an await.
    pub(crate) async fn with_store<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, IpcError> {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || {
            let store = store.lock().unwrap_or_else(|p| p.into_inner());
            work(&store)
        })
        .await
        .map_err(|e| IpcError::new(ErrorKind::Internal, e.to_string()))?
        .map_err(store_error)
    }

    /// Runs credential-store work off the async executor (it may wait on D-Bus).
    pub(crate) async fn with_secrets<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Secrets) -> Result<T, IpcError> + Send + 'static,
    ) -> Result<T, IpcError> {
        let secrets = self.secrets.clone();
        tokio::task::spawn_blocking(move || work(&secrets))
            .await
            .map_err(|e| IpcError::new(ErrorKind::Internal, e.to_string()))?
    }

    /// Sends to the active environment.
    pub async fn send(&self, input: SendInput) -> Result<SendOutcome, IpcError> {
        self.send_to(None, input).await
    }

    /// Substitutes the environment's `{{variables}}`, signs at the moment of sending, sends, records it in
    /// history, and shapes the answer for the page. `None` is the active environment.
    pub(crate) async fn send_to(&self, environment: Option<i64>, input: SendInput) -> Result<SendOutcome, IpcError> {
        let target = self.target(environment).await?;
        let request = build_request(&input, &target.variables)?;
        request.check_json_body().map_err(|m| IpcError::new(ErrorKind::InvalidInput, m))?;
        let mut entry = NewEntry {
            sent_at_ms: now_ms(),
            environment: target.name.clone(),
            module: request.module().to_string(),
            method: request.method.clone(),
            endpoint: request.endpoint.clone(),
            request_body: String::from_utf8_lossy(&request.body).into_owned(),
            ..NewEntry::default()
        };
        let result = self.sender.send_signed(&target.base_url, &request, &target.credentials).await;
        let exchange = match result {
            Ok(exchange) => exchange,
            Err(SendFailure::Sign(e)) => return Err(IpcError::new(ErrorKind::InvalidInput, e.to_string())),
            Err(SendFailure::Send(e)) => {
                entry.error_code = Some(e.code().to_string());
                self.record(entry).await;
                return Err(IpcError::new(ErrorKind::Network, e.to_string()));
            }
        };
        let mut response = self.with_large_data(self.bodies.view(&exchange.response)).await;
        response.redirect = vk_core::redirect::redirect_message(
            response.status,
            crate::responses::location(&exchange.response.headers),
            &target.base_url,
            &vk_core::target::wire_target(&request.endpoint),
        );
        entry.request_headers = exchange.signed.headers().iter().map(|(n, v)| (n.to_string(), v.clone())).collect();
        entry.request_headers.extend(request.extra_headers.iter().cloned());
        entry.status = Some(exchange.response.status);
        entry.response_headers = exchange.response.headers.clone();
        entry.elapsed_ms = response.elapsed_ms;
        entry.error_code = response.api_error.as_ref().map(|e| e.code.clone());
        match &exchange.response.spilled {
            // A large answer is written to history in the background, so it shows at once.
            Some(spilled) => self.record_in_background(entry, spilled.path.clone()),
            None => {
                entry.response_body = String::from_utf8_lossy(&exchange.response.body).into_owned();
                self.record(entry).await;
            }
        }
        let hmac_checks = match &response.api_error {
            Some(e) if e.code == ApiErrorCode::HmacInvalid.as_str() => {
                hmac_invalid_causes(&request, &target.credentials.secret)
            }
            _ => Vec::new(),
        };
        Ok(SendOutcome {
            signature: SignatureView {
                string_to_sign: exchange.signed.string_to_sign.clone(),
                headers: pairs(exchange.signed.headers()),
            },
            response,
            hmac_checks,
        })
    }

    /// Records an entry whose answer was streamed to `path`: the file is read off the async executor.
    fn record_in_background(&self, mut entry: NewEntry, path: PathBuf) {
        let store = self.store.clone();
        let options = self.record_options();
        let listener = self.history_listener.lock().unwrap_or_else(|p| p.into_inner()).clone();
        tokio::task::spawn_blocking(move || {
            if let Ok(bytes) = std::fs::read(path) {
                entry.response_body = String::from_utf8_lossy(&bytes).into_owned();
            }
            let recorded = store.lock().unwrap_or_else(|p| p.into_inner()).history_record(&entry, options);
            if let (Ok(_), Some(listener)) = (recorded, listener) {
                listener();
            }
        });
    }

    pub(crate) fn record_options(&self) -> RecordOptions {
        RecordOptions {
            mask_aadhaar: self.history_settings.lock().unwrap_or_else(|p| p.into_inner()).mask_aadhaar,
            inline_body_limit: self.inline_body_limit,
        }
    }

    /// Writes one history entry off the async executor. A failure to record never fails the send itself.
    async fn record(&self, entry: NewEntry) {
        let options = self.record_options();
        let _ = self.with_store(move |s| s.history_record(&entry, options)).await;
    }

    /// A piece of the window's own state (such as its open tabs), kept in the data folder's settings.
    pub async fn ui_state(&self, key: &'static str) -> Result<Option<String>, IpcError> {
        self.with_store(move |s| s.setting(&format!("ui.{key}"))).await
    }

    pub async fn set_ui_state(&self, key: &'static str, value: String) -> Result<(), IpcError> {
        if value.len() > 4 * 1024 * 1024 {
            return Err(IpcError::new(ErrorKind::InvalidInput, "The open tabs are too large to remember (over 4 MB)."));
        }
        // Drafts may hold Aadhaar numbers: kept masked, as history keeps them (unless masking is turned off).
        let value = if self.history_settings().mask_aadhaar { vk_store::mask_aadhaar(&value) } else { value };
        self.with_store(move |s| s.set_setting(&format!("ui.{key}"), &value)).await
    }

    /// Called whenever history changes outside a command's own reply (a large answer recorded in the background).
    pub fn set_history_listener(&self, listener: impl Fn() + Send + Sync + 'static) {
        *self.history_listener.lock().unwrap_or_else(|p| p.into_inner()) = Some(Arc::new(listener));
    }
}

/// The request as it will be signed: the environment's `{{variables}}` substituted in the endpoint, body and
/// extra headers (blank header rows left out, each header checked).
pub(crate) fn build_request(input: &SendInput, variables: &BTreeMap<String, String>) -> Result<RequestSpec, IpcError> {
    let invalid = |m: String| IpcError::new(ErrorKind::InvalidInput, m);
    let endpoint = substitute(&input.endpoint, variables).map_err(invalid)?;
    let body = substitute(&input.body, variables).map_err(invalid)?;
    let mut request = RequestSpec::new(input.method.clone(), endpoint, body.into_bytes());
    for header in input.extra_headers.iter().filter(|h| !h.name.trim().is_empty()) {
        let value = substitute(&header.value, variables).map_err(invalid)?;
        vk_core::sign::check_extra_header(header.name.trim(), &value).map_err(invalid)?;
        request.extra_headers.push((header.name.trim().to_string(), value));
    }
    Ok(request)
}
