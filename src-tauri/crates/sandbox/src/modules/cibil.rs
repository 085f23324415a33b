//! CIBIL credit scores and reports, individual and business; deterministic from the PAN or GSTIN.

use serde_json::{json, Value};

use super::{Call, Outcome};
use crate::data::{business_name, date_in, Seed, BANKS};

/// Test value: a PAN whose four digits are 9999 belongs to someone with no credit history (score -1).
fn no_history(pan: &str) -> bool {
    pan.get(5..9) == Some("9999")
}

fn score(pan: &str) -> i64 {
    if no_history(pan) {
        -1
    } else {
        i64::from(Seed::of(&["cibil", pan]).range(0, 300, 900))
    }
}

fn score_band(score: i64) -> &'static str {
    match score {
        -1 => "NO_HISTORY",
        300..=549 => "POOR",
        550..=649 => "FAIR",
        650..=749 => "GOOD",
        _ => "EXCELLENT",
    }
}

pub fn individual_score(call: &Call) -> Outcome {
    let pan = call.str("pan").unwrap_or_default();
    let score = score(pan);
    Ok(json!({ "pan": pan, "name": call.str("name"), "score": score, "band": score_band(score),
        "report_date": "2026-05-31", "bureau": "CIBIL" }))
}

pub fn individual_report(call: &Call) -> Outcome {
    let pan = call.str("pan").unwrap_or_default();
    let score = score(pan);
    let (accounts, enquiries): (Vec<Value>, Vec<Value>) = if no_history(pan) {
        (Vec::new(), Vec::new())
    } else {
        let seed = Seed::of(&["report", pan]);
        let accounts = (0..seed.range(0, 1, 5) as usize)
            .map(|i| {
                let kind = seed.pick(2 + i, &["Credit card", "Personal loan", "Home loan", "Auto loan", "Gold loan"]);
                let sanctioned = f64::from(seed.range(3 + i, 50, 5000)) * 1000.0;
                json!({ "lender": seed.pick(8 + i, &BANKS).1, "type": kind, "opened_on": date_in(&seed, 10 + i, 2012, 2025),
                    "sanctioned_amount": sanctioned, "current_balance": (sanctioned * f64::from(seed.range(14 + i, 0, 90)) / 100.0).round(),
                    "overdue_amount": if seed.byte(20 + i).is_multiple_of(7) { 4_500.0 } else { 0.0 },
                    "status": if seed.byte(24 + i).is_multiple_of(5) { "CLOSED" } else { "ACTIVE" } })
            })
            .collect();
        let enquiries = (0..seed.range(26, 0, 3) as usize)
            .map(|i| {
                json!({ "lender": seed.pick(28 + i, &BANKS).1, "purpose": "Loan application",
                "date": date_in(&seed, 29 + i, 2025, 2026) })
            })
            .collect();
        (accounts, enquiries)
    };
    Ok(
        json!({ "pan": pan, "name": call.str("name"), "score": score, "band": score_band(score), "report_date": "2026-05-31",
        "report": { "accounts": accounts, "enquiries": enquiries } }),
    )
}

pub fn business_report(call: &Call) -> Outcome {
    let gstin = call.str("gstin").unwrap_or_default();
    let pan = &gstin[2..12];
    let seed = Seed::of(&["cmr", gstin]);
    let (cmr, band) = if no_history(pan) {
        (Value::Null, "NO_HISTORY")
    } else {
        let rank = seed.range(0, 1, 10);
        (
            json!(rank),
            match rank {
                1..=3 => "LOW_RISK",
                4..=6 => "MEDIUM_RISK",
                _ => "HIGH_RISK",
            },
        )
    };
    Ok(
        json!({ "gstin": gstin, "business_name": call.str("business_name"), "registered_name": business_name(&seed, "Private Limited"),
        "cmr_rank": cmr, "risk_band": band, "report_date": "2026-05-31",
        "report": { "credit_facilities": if cmr.is_null() { 0 } else { seed.range(2, 1, 6) }, "overdue_facilities": 0 } }),
    )
}
