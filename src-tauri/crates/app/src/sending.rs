//! Sending: a request to an environment, signed at the moment it goes, recorded in history, and shaped for the
//! page; and a history entry sent again to the environment it went to.

use std::sync::Arc;

use vk_core::diagnose::hmac_invalid_causes;
use vk_core::ApiErrorCode;
use vk_http::{SendFailure, Sender};
use vk_store::history::NewEntry;

use crate::bodies::{location, Bodies};
use crate::db::now_ms;
use crate::environments::Environments;
use crate::error::AppError;
use crate::history::History;
use crate::ipc::{SendInput, SendOutcome, SignatureView};
use crate::request::{build_request, pairs};

pub struct Sending {
    sender: Sender,
    environments: Arc<Environments>,
    history: Arc<History>,
    bodies: Arc<Bodies>,
}

impl Sending {
    pub fn new(sender: Sender, environments: Arc<Environments>, history: Arc<History>, bodies: Arc<Bodies>) -> Self {
        Self { sender, environments, history, bodies }
    }

    /// Substitutes the environment's `{{variables}}`, signs at the moment of sending, sends, records it in
    /// history, and shapes the answer for the page. `None` is the active environment.
    pub async fn send_to(&self, environment: Option<i64>, input: SendInput) -> Result<SendOutcome, AppError> {
        let target = self.environments.target(environment).await?;
        let request = build_request(&input, &target.variables)?;
        request.check_json_body().map_err(AppError::invalid)?;
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
            Err(SendFailure::Sign(e)) => return Err(e.into()),
            Err(SendFailure::Send(e)) => {
                entry.error_code = Some(e.code().to_string());
                self.history.record(entry).await;
                return Err(e.into());
            }
        };
        let mut response = self.bodies.with_large_data(self.bodies.view(&exchange.response)).await;
        response.redirect = vk_core::redirect::redirect_message(
            response.status,
            location(&exchange.response.headers),
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
            Some(spilled) => self.history.record_in_background(entry, spilled.path.clone()),
            None => {
                entry.response_body = String::from_utf8_lossy(&exchange.response.body).into_owned();
                self.history.record(entry).await;
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

    /// Sends an entry again, to the environment it went to, signed afresh (a new timestamp and signature).
    pub async fn rerun(&self, id: i64) -> Result<SendOutcome, AppError> {
        let opened = self.history.open_entry(id).await?;
        if vk_store::has_masked_aadhaar(&opened.input.body) {
            return Err(AppError::invalid(
                "This request's Aadhaar number was stored masked, so it cannot be sent again as it is. Open it, type the full number, and send.",
            ));
        }
        let name = &opened.summary.environment;
        let environment = self.environments.id_by_name(name).await?.ok_or_else(|| {
            AppError::invalid(format!(
                "The environment \"{name}\" no longer exists. Open the entry and send it to the current environment."
            ))
        })?;
        self.send_to(Some(environment), opened.input).await
    }
}
