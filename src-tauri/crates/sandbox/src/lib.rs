//! The built-in sandbox: a loopback-only server that authenticates like the VistarKriya API and serves its modules.

pub mod auth;
mod body;
pub mod config;
mod data;
pub mod limits;
mod listen;
mod modules;
mod server;
pub mod settings;
mod state;
pub mod test_values;
mod wire;

/// The port `vk-sandbox` listens on unless told otherwise, on 127.0.0.1.
pub const DEFAULT_PORT: u16 = 8787;

pub use auth::{authenticate, IncomingRequest, Rejection};
pub use config::{
    FailureRule, SandboxClock, SandboxConfig, SandboxCredential, BUILTIN_API_KEY, BUILTIN_SECRET, BUILTIN_TENANT,
};
pub use limits::Limits;
pub use listen::{start, RunningSandbox};
pub use server::{router, SandboxError};
pub use settings::{load_settings, parse_settings, SettingsError};
