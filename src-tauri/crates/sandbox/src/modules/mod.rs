//! The sandbox's API modules: a handler per catalog endpoint, with validation from the catalog in front.

mod cibil;
mod customers;
mod marketplace;
mod verify;
mod wallet;

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

use serde_json::Value;
use vk_core::catalog::Endpoint;
use vk_core::envelope::{ApiError, FieldProblem};
use vk_core::ApiErrorCode;

use crate::state::Store;

/// One validated request, as a handler sees it.
pub(crate) struct Call<'a> {
    pub params: HashMap<String, String>,
    pub query: Vec<(String, String)>,
    pub body: Value,
    pub store: &'a Store,
}

impl Call<'_> {
    pub fn param(&self, name: &str) -> &str {
        self.params.get(name).map(String::as_str).unwrap_or_default()
    }

    pub fn query(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    pub fn str(&self, name: &str) -> Option<&str> {
        self.body.get(name).and_then(Value::as_str)
    }

    /// A page number and size from `page` / `per_page` (defaults 1 and 20, size at most 100).
    pub fn page(&self) -> Result<(usize, usize), ApiError> {
        let page = self.query("page").map_or(Ok(1), str::parse::<usize>).unwrap_or(0);
        let per_page = self.query("per_page").map_or(Ok(20), str::parse::<usize>).unwrap_or(0);
        let mut problems = Vec::new();
        if page == 0 {
            problems.push(field_problem("page", "must be 1 or more"));
        }
        if !(1..=100).contains(&per_page) {
            problems.push(field_problem("per_page", "must be from 1 to 100"));
        }
        if problems.is_empty() {
            Ok((page, per_page))
        } else {
            Err(validation(problems))
        }
    }
}

pub(crate) type Outcome = Result<Value, ApiError>;
pub(crate) type Handler = fn(&Call) -> Outcome;

/// Every handler, by catalog id. The router is built from the catalog through this table.
pub(crate) const HANDLERS: &[(&str, Handler)] = &[
    ("wallet.balance", wallet::balance),
    ("wallet.transactions", wallet::transactions),
    ("wallet.pipeline", wallet::pipeline),
    ("wallet.licenses", wallet::licenses),
    ("wallet.license_renew", wallet::license_renew),
    ("cibil.individual_score", cibil::individual_score),
    ("cibil.individual_report", cibil::individual_report),
    ("cibil.business_report", cibil::business_report),
    ("verify.pan", verify::pan),
    ("verify.aadhaar_otp", verify::aadhaar_otp),
    ("verify.aadhaar_otp_submit", verify::aadhaar_otp_submit),
    ("verify.bank_account", verify::bank_account),
    ("verify.gst", verify::gst),
    ("verify.upi", verify::upi),
    ("verify.voter_id", verify::voter_id),
    ("verify.driving_licence", verify::driving_licence),
    ("verify.passport", verify::passport),
    ("marketplace.services", marketplace::services),
    ("marketplace.products", marketplace::products),
    ("marketplace.order_create", marketplace::order_create),
    ("marketplace.order_get", marketplace::order_get),
    ("commission.summary", wallet::commission_summary),
    ("commission.earnings", wallet::commission_earnings),
    ("customers.list", customers::list),
    ("customers.create", customers::create),
    ("customers.get", customers::get),
    ("customers.update", customers::update),
    ("customers.delete", customers::delete),
];

pub(crate) fn handler_for(id: &str) -> Option<Handler> {
    HANDLERS.iter().find(|(hid, _)| *hid == id).map(|(_, h)| *h)
}

pub(crate) fn field_problem(field: &str, reason: impl Into<String>) -> FieldProblem {
    FieldProblem { field: field.into(), reason: reason.into() }
}

pub(crate) fn validation(problems: Vec<FieldProblem>) -> ApiError {
    let message = problems.iter().map(|p| format!("{}: {}", p.field, p.reason)).collect::<Vec<_>>().join("; ");
    ApiError::new(ApiErrorCode::ValidationError).with_message(message).with_fields(problems)
}

pub(crate) fn not_found(what: &str, id: &str) -> ApiError {
    ApiError::new(ApiErrorCode::NotFound).with_message(format!("No {what} with id {id}"))
}

/// Validates the raw parts against the catalog entry, then runs the handler; a panic becomes INTERNAL_ERROR.
pub(crate) fn dispatch(
    endpoint: &Endpoint,
    handler: Handler,
    store: &Store,
    params: HashMap<String, String>,
    raw_query: Option<&str>,
    body: &[u8],
) -> Outcome {
    let query: Vec<(String, String)> = raw_query
        .map(|q| form_urlencoded::parse(q.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect())
        .unwrap_or_default();
    let mut problems = endpoint.check_query(&query);
    let body: Value = if body.iter().all(u8::is_ascii_whitespace) {
        if endpoint.body.is_empty() {
            Value::Null
        } else {
            Value::Object(Default::default())
        }
    } else {
        match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(e) => return Err(validation(vec![field_problem("body", format!("not valid JSON ({e})"))])),
        }
    };
    if !endpoint.body.is_empty() {
        problems.extend(endpoint.check_body(&body));
    }
    if !problems.is_empty() {
        return Err(validation(problems));
    }
    let call = Call { params, query, body, store };
    catch_unwind(AssertUnwindSafe(|| handler(&call))).unwrap_or_else(|_| {
        Err(ApiError::new(ApiErrorCode::InternalError)
            .with_message("The sandbox hit an internal fault (handler panic)"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn every_catalog_entry_has_a_handler_and_every_handler_an_entry() {
        for e in vk_core::catalog::catalog() {
            assert!(handler_for(&e.id).is_some(), "catalog entry {} has no sandbox handler", e.id);
        }
        for (id, _) in HANDLERS {
            assert!(vk_core::catalog::find(id).is_some(), "handler {id} has no catalog entry");
        }
    }

    #[test]
    fn a_panicking_handler_still_answers_with_an_envelope() {
        fn broken(_: &Call) -> Outcome {
            panic!("deliberate fault")
        }
        let store = Store::new(Duration::from_secs(600), crate::limits::Limits::default());
        let endpoint = vk_core::catalog::find("wallet.balance").unwrap();
        let err = dispatch(endpoint, broken, &store, HashMap::new(), None, b"").unwrap_err();
        assert_eq!(err.code, "INTERNAL_ERROR");
        assert_eq!(err.http_status, 500);
        // The store is still usable after the panic.
        assert_eq!(store.lock().balance, 1_542_050);
    }
}
