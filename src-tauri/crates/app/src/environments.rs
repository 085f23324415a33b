//! Environments behind the commands: list, choose, create and edit, delete, and their secrets (set, test,
//! forget). The built-in sandbox always exists; its secret is the published one unless changed for the session.

use std::collections::BTreeMap;

use vk_core::envelope::parse_error;
use vk_core::{ApiErrorCode, ApiSecret, Credentials, RequestSpec};
use vk_http::SendFailure;
use vk_sandbox::BUILTIN_SECRET;
use vk_store::environments::{Environment, BUILTIN_SANDBOX_ID};

use std::sync::{Arc, Mutex};

use vk_http::Sender;

use crate::changes::Change;
use crate::db::Db;
use crate::error::AppError;
use crate::ipc::{EnvironmentInput, EnvironmentView, EnvironmentsView, SecretCheck, SecretState};
use crate::secrets::Secrets;

/// Where requests go and as whom, resolved for one send: the secret included, so it never leaves Rust.
pub struct Target {
    pub id: i64,
    pub name: String,
    pub base_url: String,
    pub credentials: Credentials,
    pub variables: BTreeMap<String, String>,
}

const ACTIVE_SETTING: &str = "active_environment";

fn secret_ref(env: &Environment) -> String {
    env.secret_ref.clone().unwrap_or_else(|| format!("environment:{}", env.id))
}

fn missing(id: i64) -> AppError {
    AppError::invalid(format!("Environment {id} no longer exists (it may have been deleted)."))
}

/// The environments, which one is active, and their secrets.
pub struct Environments {
    db: Db,
    secrets: Arc<Secrets>,
    active: Mutex<i64>,
    /// The built-in sandbox's address this run (its port may differ from run to run).
    sandbox_url: String,
    /// For testing a secret with one request.
    sender: Sender,
}

impl Environments {
    /// Returns to the environment chosen last time (the built-in sandbox when that one is gone).
    pub async fn open(db: Db, secrets: Arc<Secrets>, sandbox_url: String, sender: Sender) -> Self {
        let environments = Self { db, secrets, active: Mutex::new(BUILTIN_SANDBOX_ID), sandbox_url, sender };
        environments.restore_active().await;
        environments
    }

    fn sandbox_url(&self) -> String {
        self.sandbox_url.clone()
    }

    /// Runs credential-store work off the async executor (it may wait on D-Bus).
    async fn with_secrets<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Secrets) -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, AppError> {
        let secrets = self.secrets.clone();
        tokio::task::spawn_blocking(move || work(&secrets)).await?
    }

    /// Whether the OS credential store can be used, and in words why not.
    pub async fn credential_store_status(&self) -> Result<crate::ipc::CredentialStoreView, AppError> {
        self.with_secrets(|s| Ok(s.status())).await
    }

    async fn environment_record(&self, id: i64) -> Result<Environment, AppError> {
        self.db.read(move |s| s.environment_get(id)).await?.ok_or_else(|| missing(id))
    }

    async fn secret_of(&self, env: &Environment) -> Result<Option<(ApiSecret, SecretState)>, AppError> {
        let reference = secret_ref(env);
        let found = self.with_secrets(move |s| s.get(&reference)).await?;
        Ok(found.or_else(|| env.builtin.then(|| (ApiSecret::new(BUILTIN_SECRET), SecretState::Builtin))))
    }

    async fn view(&self, env: Environment) -> Result<EnvironmentView, AppError> {
        // A credential store that cannot answer now (locked, gone) must not hide the environments: the secret
        // shows as missing here, and a send says what went wrong.
        let secret = self.secret_of(&env).await.ok().flatten().map_or(SecretState::Missing, |(_, state)| state);
        Ok(EnvironmentView {
            base_url: if env.builtin { self.sandbox_url() } else { env.base_url },
            id: env.id,
            name: env.name,
            api_key: env.api_key,
            tenant_code: env.tenant_code,
            colour: env.colour,
            production: env.production,
            builtin: env.builtin,
            secret,
            variables: env.variables,
        })
    }

    pub fn active_id(&self) -> i64 {
        *self.active.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Every environment, the built-in sandbox first, and which one requests go to.
    pub async fn list(&self) -> Result<EnvironmentsView, AppError> {
        let records = self.db.read(|s| s.environments_list()).await?;
        let mut environments = Vec::with_capacity(records.len());
        for env in records {
            environments.push(self.view(env).await?);
        }
        Ok(EnvironmentsView { active_id: self.active_id(), environments })
    }

    pub async fn get(&self, id: i64) -> Result<EnvironmentView, AppError> {
        let env = self.environment_record(id).await?;
        self.view(env).await
    }

    /// Makes `id` the environment requests go to, remembered for the next start.
    pub async fn select(&self, id: i64) -> Result<EnvironmentView, AppError> {
        let view = self.get(id).await?;
        self.db.write(Change::Environments, move |s| s.set_setting(ACTIVE_SETTING, &id.to_string())).await?;
        *self.active.lock().unwrap_or_else(|p| p.into_inner()) = id;
        Ok(view)
    }

    /// The environment chosen last time, or the built-in sandbox when that one is gone.
    async fn restore_active(&self) {
        let saved = self.db.read(|s| s.setting(ACTIVE_SETTING)).await.ok().flatten();
        let id = saved.and_then(|v| v.parse::<i64>().ok()).unwrap_or(BUILTIN_SANDBOX_ID);
        // Only the store is asked: the credential store is not needed until something is sent.
        let exists = self.environment_record(id).await.is_ok();
        *self.active.lock().unwrap_or_else(|p| p.into_inner()) = if exists { id } else { BUILTIN_SANDBOX_ID };
    }

    /// Creates (`id` null) or updates an environment. The built-in sandbox keeps its address, key and tenant.
    pub async fn save(&self, input: EnvironmentInput) -> Result<EnvironmentView, AppError> {
        let record = Environment {
            id: input.id.unwrap_or(0),
            name: input.name.trim().to_string(),
            base_url: input.base_url.trim().trim_end_matches('/').to_string(),
            api_key: input.api_key.trim().to_string(),
            tenant_code: input.tenant_code.trim().to_string(),
            colour: input.colour,
            production: input.production,
            builtin: false,
            secret_ref: None,
            variables: input.variables.into_iter().filter(|(name, _)| !name.trim().is_empty()).collect(),
        };
        if record.api_key.is_empty() && input.id != Some(BUILTIN_SANDBOX_ID) {
            return Err(vk_core::SignError::EmptyApiKey.into());
        }
        let id = match input.id {
            Some(id) => {
                self.db.write(Change::Environments, move |s| s.environment_update(&record)).await?;
                id
            }
            None => self.db.write(Change::Environments, move |s| s.environment_create(&record)).await?.id,
        };
        self.get(id).await
    }

    /// Deletes an environment and its secret; when it was the active one, the sandbox becomes active.
    pub async fn delete(&self, id: i64) -> Result<(), AppError> {
        let reference = self.db.write(Change::Environments, move |s| s.environment_delete(id)).await?;
        if let Some(reference) = reference {
            self.with_secrets(move |s| s.delete(&reference)).await?;
        }
        if self.active_id() == id {
            self.select(BUILTIN_SANDBOX_ID).await?;
        }
        Ok(())
    }

    /// Saves the secret of `id`: in the OS credential store, or for this session only when asked (and always
    /// for the built-in sandbox, where a changed secret is for practice). Never returned to the page.
    pub async fn set_secret(&self, id: i64, secret: String, session_only: bool) -> Result<EnvironmentView, AppError> {
        let env = self.environment_record(id).await?;
        let reference = secret_ref(&env);
        let session_only = session_only || env.builtin;
        // Pasted secrets often carry a line break; a secret never has one.
        let secret = ApiSecret::new(secret.trim_end_matches(['\r', '\n']));
        self.with_secrets(move |s| s.set(&reference, &secret, session_only)).await?;
        self.db.announce(Change::Environments);
        self.view(env).await
    }

    /// Removes the saved secret (for the sandbox: back to its published secret).
    pub async fn forget_secret(&self, id: i64) -> Result<EnvironmentView, AppError> {
        let env = self.environment_record(id).await?;
        let reference = secret_ref(&env);
        self.with_secrets(move |s| s.delete(&reference)).await?;
        self.db.announce(Change::Environments);
        self.view(env).await
    }

    /// Resolves an environment for sending, with its secret. `None` is the active environment.
    pub async fn target(&self, id: Option<i64>) -> Result<Target, AppError> {
        let env = self.resolved(id).await?;
        let secret = self.required_secret(&env).await?;
        Ok(Target {
            id: env.id,
            base_url: env.base_url,
            name: env.name,
            credentials: Credentials { api_key: env.api_key, tenant_code: env.tenant_code, secret },
            variables: env.variables,
        })
    }

    /// An environment (`None`: the active one) with the built-in sandbox's address filled in.
    pub async fn resolved(&self, id: Option<i64>) -> Result<Environment, AppError> {
        let mut env = self.environment_record(id.unwrap_or_else(|| self.active_id())).await?;
        if env.builtin {
            env.base_url = self.sandbox_url();
        }
        Ok(env)
    }

    /// The environment's secret, or a message that says how to set one.
    pub async fn required_secret(&self, env: &Environment) -> Result<ApiSecret, AppError> {
        let (secret, _) = self.secret_of(env).await?.ok_or_else(|| {
            AppError::invalid(format!(
                "No secret is saved for \"{}\". Open Environments…, choose it, and set its secret.",
                env.name
            ))
        })?;
        Ok(secret)
    }

    /// The credential-store entry name of an environment's secret (never the secret).
    pub async fn secret_reference(&self, id: i64) -> Result<String, AppError> {
        Ok(secret_ref(&self.environment_record(id).await?))
    }

    /// Sends one signed, read-only request (wallet balance) to see whether the server accepts the key,
    /// tenant and secret. Not recorded in history.
    pub async fn test_secret(&self, id: i64) -> Result<SecretCheck, AppError> {
        let target = self.target(Some(id)).await?;
        let request = RequestSpec::new("GET", "/api/v1/wallet/core/balance", Vec::new());
        let exchange = match self.sender.send_signed(&target.base_url, &request, &target.credentials).await {
            Ok(exchange) => exchange,
            Err(SendFailure::Sign(e)) => return Ok(SecretCheck { accepted: false, message: e.to_string() }),
            Err(SendFailure::Send(e)) => return Ok(SecretCheck { accepted: false, message: e.to_string() }),
        };
        let status = exchange.response.status;
        Ok(match parse_error(&exchange.response.body) {
            Some(error) if ApiErrorCode::parse(&error.code).is_some_and(ApiErrorCode::is_authentication) => {
                let explained = ApiErrorCode::parse(&error.code)
                    .map(ApiErrorCode::explanation)
                    .map(|x| format!("{} {}", x.title, x.next_step));
                SecretCheck { accepted: false, message: explained.unwrap_or(error.message) }
            }
            _ => SecretCheck {
                accepted: true,
                message: format!("The server accepted the API key, tenant code and secret (it answered {status})."),
            },
        })
    }
}

impl Environments {
    /// The id of the environment called `name`, if there is one.
    pub async fn id_by_name(&self, name: &str) -> Result<Option<i64>, AppError> {
        let name = name.to_string();
        let list = self.db.read(|s| s.environments_list()).await?;
        Ok(list.into_iter().find(|e| e.name == name).map(|e| e.id))
    }
}
