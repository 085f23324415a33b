//! Environments: where requests go and as whom. The built-in sandbox always exists and cannot be deleted.
//! Secrets are not here: `secret_ref` names the entry in the OS credential store.

use std::collections::BTreeMap;

use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::{Store, StoreError};

pub const BUILTIN_SANDBOX_ID: i64 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Environment {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    /// Empty for the built-in sandbox, whose address is chosen when the app starts.
    pub base_url: String,
    pub api_key: String,
    pub tenant_code: String,
    pub colour: String,
    /// Ask before every send and show a red band.
    pub production: bool,
    pub builtin: bool,
    /// The credential-store entry holding this environment's secret, when one was saved.
    pub secret_ref: Option<String>,
    pub variables: BTreeMap<String, String>,
}

const COLUMNS: &str = "id, name, base_url, api_key, tenant_code, colour, production, builtin, secret_ref, variables";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Environment> {
    Ok(Environment {
        id: r.get(0)?,
        name: r.get(1)?,
        base_url: r.get(2)?,
        api_key: r.get(3)?,
        tenant_code: r.get(4)?,
        colour: r.get(5)?,
        production: r.get(6)?,
        builtin: r.get(7)?,
        secret_ref: r.get(8)?,
        variables: serde_json::from_str(&r.get::<_, String>(9)?).unwrap_or_default(),
    })
}

fn check(env: &Environment) -> Result<(), StoreError> {
    if env.name.trim().is_empty() {
        return Err(StoreError::Invalid("Give the environment a name".into()));
    }
    let has_scheme = env.base_url.starts_with("https://") || env.base_url.starts_with("http://");
    if !env.builtin && !has_scheme {
        return Err(StoreError::Invalid(
            "The server address must start with https:// (or http:// for a test server)".into(),
        ));
    }
    vk_core::sign::check_tenant_code(&env.tenant_code).map_err(|e| StoreError::Invalid(e.to_string()))?;
    Ok(())
}

/// A credential-store entry name no other environment will ever have: the id alone is not enough, because a new
/// database (another data folder, or one set aside as damaged) starts its ids again while the keyring keeps
/// entries, and a new environment must never pick up an old one's secret.
fn secret_reference(id: i64) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    format!("environment:{id}:{nanos:x}:{:x}", std::process::id())
}

impl Store {
    pub fn environments_list(&self) -> Result<Vec<Environment>, StoreError> {
        let mut st = self.conn.prepare(&format!("SELECT {COLUMNS} FROM environments ORDER BY builtin DESC, name"))?;
        let rows = st.query_map([], from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn environment_get(&self, id: i64) -> Result<Option<Environment>, StoreError> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {COLUMNS} FROM environments WHERE id = ?1"), [id], from_row)
            .optional()?)
    }

    /// Creates an environment (`env.id` and `env.builtin` are ignored), with a secret reference of its own.
    pub fn environment_create(&self, env: &Environment) -> Result<Environment, StoreError> {
        check(&Environment { builtin: false, ..env.clone() })?;
        self.conn
            .execute(
                "INSERT INTO environments (name, base_url, api_key, tenant_code, colour, production, builtin, variables)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7)",
                params![
                    env.name.trim(),
                    env.base_url,
                    env.api_key,
                    env.tenant_code,
                    env.colour,
                    env.production,
                    serde_json::to_string(&env.variables).unwrap_or_else(|_| "{}".into())
                ],
            )
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::ConstraintViolation) => {
                    StoreError::Invalid(format!("An environment called \"{}\" already exists", env.name.trim()))
                }
                _ => e.into(),
            })?;
        let id = self.conn.last_insert_rowid();
        self.conn
            .execute("UPDATE environments SET secret_ref = ?1 WHERE id = ?2", params![secret_reference(id), id])?;
        self.environment_get(id)?.ok_or_else(|| StoreError::Invalid("the new environment vanished".into()))
    }

    /// Updates name, address, key, tenant, colour, production flag and variables. The built-in sandbox keeps
    /// its name, address and key; only its colour and variables change.
    pub fn environment_update(&self, env: &Environment) -> Result<(), StoreError> {
        let current = self
            .environment_get(env.id)?
            .ok_or_else(|| StoreError::Invalid("That environment no longer exists".into()))?;
        let updated = if current.builtin {
            Environment { colour: env.colour.clone(), variables: env.variables.clone(), ..current }
        } else {
            Environment { builtin: false, secret_ref: current.secret_ref, ..env.clone() }
        };
        check(&updated)?;
        self.conn.execute(
            "UPDATE environments SET name = ?1, base_url = ?2, api_key = ?3, tenant_code = ?4, colour = ?5, production = ?6,
             variables = ?7 WHERE id = ?8",
            params![
                updated.name,
                updated.base_url,
                updated.api_key,
                updated.tenant_code,
                updated.colour,
                updated.production,
                serde_json::to_string(&updated.variables).unwrap_or_else(|_| "{}".into()),
                updated.id
            ],
        )?;
        Ok(())
    }

    /// Deletes an environment; returns its secret reference so the caller removes the secret too.
    pub fn environment_delete(&self, id: i64) -> Result<Option<String>, StoreError> {
        let env =
            self.environment_get(id)?.ok_or_else(|| StoreError::Invalid("That environment no longer exists".into()))?;
        if env.builtin {
            return Err(StoreError::Invalid("The built-in sandbox is always there and cannot be deleted".into()));
        }
        self.conn.execute("DELETE FROM environments WHERE id = ?1", [id])?;
        Ok(env.secret_ref)
    }
}
