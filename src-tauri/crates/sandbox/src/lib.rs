//! The built-in sandbox: a loopback-only server that authenticates like the VistarKriya API and serves its modules.

pub mod auth;
pub mod config;
mod modules;
mod server;

pub use auth::{authenticate, IncomingRequest, Rejection};
pub use config::{SandboxConfig, SandboxCredential, BUILTIN_API_KEY, BUILTIN_SECRET, BUILTIN_TENANT};
pub use server::{router, start, RunningSandbox, SandboxError};
