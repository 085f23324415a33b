//! The sandbox's documented test values: a request for every outcome, shown in the app and in docs/sandbox.md.

use serde::Serialize;
use ts_rs::TS;

/// One documented request and the outcome it always gives. `body` and `target` can be sent as they are.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TestValue {
    /// The catalog id of the endpoint.
    pub endpoint_id: String,
    pub method: String,
    /// Path plus any query, ready to send.
    pub target: String,
    /// The JSON body, empty for none.
    pub body: String,
    /// What comes back, in words.
    pub outcome: String,
    /// When to use it.
    pub purpose: String,
    /// The error code expected, when the outcome is an error.
    pub expect_error: Option<String>,
    /// For a success: a JSON pointer into the answer and the text it holds.
    pub expect_at: Option<(String, String)>,
}

fn endpoint(id: &str) -> &'static vk_core::catalog::Endpoint {
    vk_core::catalog::find(id).unwrap_or_else(|| panic!("test value for unknown endpoint {id}"))
}

fn make(id: &str, input: &str, outcome: &str, purpose: &str) -> TestValue {
    let e = endpoint(id);
    // `input` is a body, a target, or a target and a body separated by one space.
    let (target, body) = match input.strip_prefix('/') {
        Some(_) => match input.split_once(' ') {
            Some((target, body)) => (target.to_string(), body.to_string()),
            None => (input.to_string(), String::new()),
        },
        None => (e.path.clone(), input.to_string()),
    };
    TestValue {
        endpoint_id: id.into(),
        method: e.method.clone(),
        target,
        body,
        outcome: outcome.into(),
        purpose: purpose.into(),
        expect_error: None,
        expect_at: None,
    }
}

/// A success whose answer holds `value` at `pointer` (under `/data`).
fn ok(id: &str, input: &str, pointer: &str, value: &str, purpose: &str) -> TestValue {
    let field = pointer.trim_start_matches('/').replace('/', ".");
    TestValue {
        expect_at: Some((format!("/data{pointer}"), value.into())),
        ..make(id, input, &format!("{field} = {value}"), purpose)
    }
}

fn fails(id: &str, input: &str, code: &str, purpose: &str) -> TestValue {
    TestValue { expect_error: Some(code.into()), ..make(id, input, code, purpose) }
}

/// Every documented test value, in catalog order.
pub fn test_values() -> Vec<TestValue> {
    vec![
        fails(
            "wallet.license_renew",
            r#"/api/v1/wallet/licenses/LIC-9999/renew {"months":12}"#,
            "NOT_FOUND",
            "A licence that does not exist.",
        ),
        ok(
            "cibil.individual_score",
            r#"{"pan":"ABCPE9999F","name":"Ramesh Kumar","mobile":"9876543210"}"#,
            "/band",
            "NO_HISTORY",
            "No credit history: score -1 (PAN digits 9999).",
        ),
        ok(
            "cibil.business_report",
            r#"{"gstin":"27ABCPE9999F1Z7","business_name":"Deccan Traders"}"#,
            "/risk_band",
            "NO_HISTORY",
            "A business with no credit history.",
        ),
        ok(
            "verify.pan",
            r#"{"pan":"ABCPE1234F"}"#,
            "/category",
            "Individual",
            "A PAN that exists (a person: 4th letter P).",
        ),
        ok(
            "verify.pan",
            r#"{"pan":"ABCCE1234F"}"#,
            "/category",
            "Company",
            "A PAN that exists (a company: 4th letter C).",
        ),
        ok(
            "verify.pan",
            r#"{"pan":"ABCPE1234X"}"#,
            "/status",
            "INVALID",
            "A well-formed PAN that does not exist (last letter X).",
        ),
        fails("verify.pan", r#"{"pan":"ABCPE123F"}"#, "VALIDATION_ERROR", "A mistyped PAN (9 characters)."),
        ok(
            "verify.pan",
            r#"{"pan":"ABCPE1234F","name":"Anil Das"}"#,
            "/name_match_result",
            "EXACT_MATCH",
            "Name match: the registered name, exactly.",
        ),
        ok(
            "verify.pan",
            r#"{"pan":"ABCPE1234F","name":"Anil"}"#,
            "/name_match_result",
            "PARTIAL_MATCH",
            "Name match: part of the registered name.",
        ),
        ok(
            "verify.pan",
            r#"{"pan":"ABCPE1234F","name":"Sita Devi"}"#,
            "/name_match_result",
            "NO_MATCH",
            "Name match: somebody else's name.",
        ),
        fails(
            "verify.aadhaar_otp",
            r#"{"aadhaar":"234123412345"}"#,
            "VALIDATION_ERROR",
            "A mistyped Aadhaar number (wrong check digit).",
        ),
        ok(
            "verify.aadhaar_otp_submit",
            r#"{"ref_id":"AOTP-DEMO","otp":"111000"}"#,
            "/status",
            "VERIFIED",
            "The right OTP (always 111000); AOTP-DEMO never expires.",
        ),
        fails(
            "verify.aadhaar_otp_submit",
            r#"{"ref_id":"AOTP-DEMO","otp":"123456"}"#,
            "VALIDATION_ERROR",
            "A wrong OTP.",
        ),
        fails(
            "verify.aadhaar_otp_submit",
            r#"{"ref_id":"AOTP-EXPIRED","otp":"111000"}"#,
            "VALIDATION_ERROR",
            "An expired OTP reference (real ones expire after 10 minutes).",
        ),
        ok(
            "verify.bank_account",
            r#"{"account_number":"123456789012","ifsc":"SBIN0001234"}"#,
            "/account_status",
            "VALID",
            "An account that exists.",
        ),
        ok(
            "verify.bank_account",
            r#"{"account_number":"123456780000","ifsc":"SBIN0001234"}"#,
            "/account_status",
            "INVALID_ACCOUNT",
            "An account that does not exist (ends 0000).",
        ),
        ok(
            "verify.bank_account",
            r#"{"account_number":"123456781111","ifsc":"SBIN0001234"}"#,
            "/account_status",
            "PENDING",
            "The bank has not answered yet (ends 1111).",
        ),
        ok(
            "verify.bank_account",
            r#"{"account_number":"123456789012","ifsc":"SBIN0001234","name":"Ramesh Rao"}"#,
            "/name_match_result",
            "EXACT_MATCH",
            "Name match at the bank: the exact name.",
        ),
        ok("verify.gst", r#"{"gstin":"27AAPFU0939F1ZV"}"#, "/status", "Active", "A registered business."),
        ok(
            "verify.gst",
            r#"{"gstin":"27AAPFU0939F9ZN"}"#,
            "/status",
            "Cancelled",
            "A cancelled registration (13th character 9).",
        ),
        fails(
            "verify.gst",
            r#"{"gstin":"27AAPFU0939X1ZU"}"#,
            "NOT_FOUND",
            "A well-formed GSTIN that does not exist (its PAN ends in X).",
        ),
        fails(
            "verify.gst",
            r#"{"gstin":"27AAPFU0939F1ZW"}"#,
            "VALIDATION_ERROR",
            "A mistyped GSTIN (wrong check character).",
        ),
        fails(
            "verify.upi",
            r#"{"vpa":"notfound@okaxis"}"#,
            "NOT_FOUND",
            "A UPI ID that does not exist (starts with notfound).",
        ),
        fails(
            "verify.voter_id",
            r#"{"epic_number":"ABC0000000"}"#,
            "NOT_FOUND",
            "A voter ID that does not exist (digits 0000000).",
        ),
        fails(
            "verify.driving_licence",
            r#"{"dl_number":"MH1220110000000","dob":"1985-07-14"}"#,
            "NOT_FOUND",
            "A licence that does not exist (ends 0000000).",
        ),
        fails(
            "verify.passport",
            r#"{"passport_number":"J8369999","dob":"1985-07-14"}"#,
            "NOT_FOUND",
            "A passport that does not exist (ends 999).",
        ),
        fails(
            "marketplace.order_create",
            r#"{"item_id":"PRD-GOLD-99","quantity":1}"#,
            "INSUFFICIENT_BALANCE",
            "An order the wallet cannot pay for.",
        ),
        ok(
            "marketplace.order_create",
            r#"{"item_id":"SRV-PAN-100","quantity":1}"#,
            "/status",
            "CONFIRMED",
            "An order that debits ₹500 from the wallet.",
        ),
        fails(
            "marketplace.order_get",
            "/api/v1/marketplace/orders/ORD-999999",
            "NOT_FOUND",
            "An order that does not exist.",
        ),
        fails("customers.get", "/api/v1/customers/CUST-9999", "NOT_FOUND", "A customer that does not exist."),
    ]
}
