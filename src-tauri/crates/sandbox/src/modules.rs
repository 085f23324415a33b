//! The sandbox's API modules (wallet balance and PAN verification for now), with deterministic data.

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use vk_core::envelope::{success, ApiError, FieldProblem};
use vk_core::identifiers::{pan_category, validate_pan};
use vk_core::ApiErrorCode;

use crate::server::{error_reply, json_body, reply, Shared};

/// The sandbox wallet, in paise so that money is never a float in storage.
pub struct Wallet {
    inner: Mutex<WalletState>,
}

struct WalletState {
    balance_paise: i64,
    last_updated: &'static str,
}

impl Default for Wallet {
    fn default() -> Self {
        Self { inner: Mutex::new(WalletState { balance_paise: 1_542_050, last_updated: "2026-05-01T10:30:00Z" }) }
    }
}

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/api/v1/wallet/core/balance", get(wallet_balance))
        .route("/api/v1/verify/pan", post(verify_pan))
}

async fn wallet_balance(State(shared): State<Arc<Shared>>) -> Response {
    let state = shared.wallet.inner.lock().unwrap_or_else(|p| p.into_inner());
    let data = json!({
        "balance": state.balance_paise as f64 / 100.0,
        "currency": "INR",
        "last_updated": state.last_updated,
    });
    reply(StatusCode::OK, &success(data))
}

fn validation_error(field: &str, reason: impl Into<String>) -> Response {
    let reason = reason.into();
    error_reply(
        &ApiError::new(ApiErrorCode::ValidationError)
            .with_message(format!("{field}: {reason}"))
            .with_fields(vec![FieldProblem { field: field.into(), reason }]),
    )
}

/// A stable pseudo-random number from an input, so the same request always gets the same answer.
fn stable_hash(input: &str) -> [u8; 32] {
    Sha256::digest(input.as_bytes()).into()
}

const FIRST_NAMES: [&str; 8] = ["Ramesh", "Priya", "Anil", "Sunita", "Vikram", "Meena", "Arjun", "Kavita"];
const SURNAMES: [&str; 8] = ["Kumar", "Sharma", "Patel", "Reddy", "Iyer", "Singh", "Das", "Nair"];
const COMPANY_WORDS: [&str; 8] = ["Shree", "Vistar", "Ganga", "Sahyadri", "Deccan", "Indus", "Kaveri", "Aravali"];

fn registered_name(pan: &str, hash: &[u8; 32]) -> String {
    let pick = |list: &[&'static str; 8], byte: u8| list[usize::from(byte) % list.len()];
    match pan.as_bytes()[3] {
        b'P' => format!("{} {}", pick(&FIRST_NAMES, hash[0]), pick(&SURNAMES, hash[1])),
        b'C' => format!("{} {} Private Limited", pick(&COMPANY_WORDS, hash[0]), pick(&SURNAMES, hash[1])),
        _ => format!("{} {} Enterprises", pick(&COMPANY_WORDS, hash[0]), pick(&SURNAMES, hash[1])),
    }
}

/// Share of the registered name's words found in the given name, 0–100.
fn name_match_score(given: &str, registered: &str) -> u32 {
    let given: Vec<String> = given.split_whitespace().map(str::to_lowercase).collect();
    let words: Vec<String> = registered.split_whitespace().map(str::to_lowercase).collect();
    let found = words.iter().filter(|w| given.contains(w)).count();
    (found * 100 / words.len().max(1)) as u32
}

async fn verify_pan(body: Bytes) -> Response {
    let body = match json_body(&body) {
        Ok(v) => v,
        Err(error) => return error_reply(&error),
    };
    let Some(pan) = body.get("pan").and_then(Value::as_str) else {
        return validation_error("pan", "required: the 10-character PAN, for example ABCPE1234F");
    };
    if let Err(reason) = validate_pan(pan) {
        return validation_error("pan", reason);
    }
    let hash = stable_hash(pan);
    // Documented test value: a PAN whose last letter is X does not exist.
    if pan.ends_with('X') {
        let data = json!({ "pan": pan, "status": "INVALID", "category": null, "registered_name": null,
            "name_match_score": null, "aadhaar_seeding_status": null });
        return reply(StatusCode::OK, &success(data));
    }
    let name = registered_name(pan, &hash);
    let score = body.get("name").and_then(Value::as_str).map(|given| name_match_score(given, &name));
    let data = json!({
        "pan": pan,
        "status": "VALID",
        "category": pan_category(pan).unwrap_or("Unknown"),
        "registered_name": name,
        "name_match_score": score,
        "aadhaar_seeding_status": if hash[2].is_multiple_of(4) { "NOT_LINKED" } else { "LINKED" },
    });
    reply(StatusCode::OK, &success(data))
}
