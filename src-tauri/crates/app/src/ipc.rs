//! The types that cross IPC, exported to TypeScript by ts-rs (ui/src/bindings). None can hold the secret.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use vk_core::envelope::FieldProblem;
use vk_core::shallow::ShallowField;
use vk_core::snippet::{Language, PythonClient};
use vk_core::Explanation;

/// Where an environment's secret comes from. The secret itself never crosses IPC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SecretState {
    /// The built-in sandbox's own, published secret.
    Builtin,
    /// Saved in this computer's credential store.
    System,
    /// Kept in memory for this session only; gone when the app closes.
    Session,
    /// None saved: sends will be refused until one is set.
    Missing,
}

/// An environment as the page may see it: never the secret, only where it is kept.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct EnvironmentView {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    /// For the built-in sandbox, the address it was given when the app started.
    pub base_url: String,
    pub api_key: String,
    pub tenant_code: String,
    pub colour: String,
    pub production: bool,
    pub builtin: bool,
    pub secret: SecretState,
    pub variables: BTreeMap<String, String>,
}

/// Whether the OS credential store can be used, and in words why not.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CredentialStoreView {
    pub available: bool,
    pub message: String,
}

/// Every environment, which one is active, and the state of the credential store.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct EnvironmentsView {
    #[ts(type = "number")]
    pub active_id: i64,
    pub environments: Vec<EnvironmentView>,
}

/// An environment as the editor saves it (`id` null to create one). The secret is set separately.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EnvironmentInput {
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    pub name: String,
    pub base_url: String,
    pub api_key: String,
    pub tenant_code: String,
    pub colour: String,
    pub production: bool,
    pub variables: BTreeMap<String, String>,
}

/// The answer to "test this secret": did the server accept the key, tenant and secret?
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SecretCheck {
    pub accepted: bool,
    pub message: String,
}

/// How long history is kept and whether Aadhaar numbers are masked in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistorySettings {
    /// Delete entries older than this many days (none: keep them all).
    pub keep_days: Option<u32>,
    /// Keep at most this many entries, the newest (none: no limit).
    #[ts(type = "number | null")]
    pub keep_count: Option<u64>,
    pub mask_aadhaar: bool,
}

impl Default for HistorySettings {
    fn default() -> Self {
        Self { keep_days: None, keep_count: None, mask_aadhaar: true }
    }
}

/// Where an exported collection was written.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CollectionExported {
    pub path: String,
    pub requests: u32,
}

/// What the composer sends. `body` goes out byte for byte as typed.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SendInput {
    pub method: String,
    pub endpoint: String,
    pub body: String,
    /// Headers to send besides the four signature headers (which the app adds) and Content-Type.
    #[serde(default)]
    pub extra_headers: Vec<HeaderPair>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HeaderPair {
    pub name: String,
    pub value: String,
}

/// Rows of an answer read as text, and how many rows it has in all.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TextPage {
    pub rows: Vec<String>,
    #[ts(type = "number")]
    pub total: u64,
}

/// What the Code panel asks for: the composer's request, in a language, with its options.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct SnippetInput {
    pub request: SendInput,
    pub language: Language,
    /// Write the secret into the code. The page is shown a placeholder; only a copy or a saved file has it.
    pub inline_secret: bool,
    pub python_client: PythonClient,
    /// The server address written into the code; the active environment's when empty.
    #[serde(default)]
    pub base_url: String,
}

/// Generated code as the page may see it (an inline secret is shown as a placeholder).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SnippetView {
    pub text: String,
    /// The name to save it under, e.g. `vk_request.php`.
    pub file_name: String,
    /// How to run the saved file.
    pub run: String,
    /// The environment whose key, tenant code and address are in the code.
    pub environment: String,
    /// The address written into the code.
    pub base_url: String,
    /// True when the code shown has a placeholder where the copied or saved code has the secret.
    pub secret_hidden: bool,
}

/// A curl command signed now: it works until `expires_at_ms`, then the server answers TIMESTAMP_EXPIRED.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PresignedCurlView {
    pub text: String,
    #[ts(type = "number")]
    pub expires_at_ms: u64,
}

/// What was signed and the four headers that carried it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SignatureView {
    pub string_to_sign: String,
    pub headers: Vec<HeaderPair>,
}

/// An error envelope from the API, with its plain-language explanation when the code is known.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ApiErrorView {
    pub code: String,
    pub message: String,
    pub http_status: u16,
    pub fields: Vec<FieldProblem>,
    pub explanation: Option<Explanation>,
}

/// What kind of body an answer has, for choosing how to show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BodyKind {
    Json,
    Text,
    /// Not text (an image, a PDF, or bytes that are not UTF-8): shown by size and type, saved to a file.
    Binary,
    Empty,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ResponseView {
    pub status: u16,
    pub status_text: String,
    pub elapsed_ms: f64,
    #[ts(type = "number")]
    pub size_bytes: u64,
    pub headers: Vec<HeaderPair>,
    /// The whole body as text when it is small (`body_complete`); empty otherwise.
    pub body_text: String,
    /// The body re-indented, when it is small and JSON.
    pub body_pretty: Option<String>,
    /// Why Pretty shows the answer as it came instead (it is JSON nested more than 128 levels deep), if so.
    pub body_pretty_refused: Option<String>,
    /// Whether `body_text` is the whole body. A larger body is fetched as bytes with `response_body`.
    pub body_complete: bool,
    /// Fetches or saves the whole body (`response_body`, `response_save`) while the answer is kept.
    #[ts(type = "number")]
    pub body_handle: u64,
    pub body_kind: BodyKind,
    pub content_type: String,
    pub api_error: Option<ApiErrorView>,
    /// For a 3xx: where the server pointed and why VK Workspace did not follow (the signature would go with it).
    pub redirect: Option<String>,
    /// This computer's clock minus the server's, in seconds, from the answer's `Date` header (positive: this
    /// computer is fast). Only for answers just received.
    #[ts(type = "number | null")]
    pub clock_difference_secs: Option<i64>,
    /// For a large JSON success answer: the top of its `data` (lists by their length), read in Rust as soon as it
    /// arrives, so its summary shows before the whole answer is parsed for the tree.
    pub large_data: Option<Vec<ShallowField>>,
    /// Where a large answer was streamed to, for the window's worker to read it directly (never a secret: an
    /// answer's body, in the app's own folder).
    pub body_file: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SendOutcome {
    pub signature: SignatureView,
    pub response: ResponseView,
    /// For HMAC_INVALID: the usual causes, each checked where the app can. Empty otherwise.
    pub hmac_checks: Vec<vk_core::diagnose::CauseCheck>,
}

/// A history entry opened again: the request for the composer and, when an answer came, the answer.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct HistoryOpened {
    pub summary: vk_store::history::HistorySummary,
    pub input: SendInput,
    pub response: Option<ResponseView>,
}
