//! Wallet (balance, transactions, pipeline, licences) and commission: read from and written to the sandbox state.

use serde_json::{json, Value};
use vk_core::envelope::ApiError;
use vk_core::ApiErrorCode;

use super::{field_problem, not_found, validation, Call, Outcome};
use crate::data::Seed;
use crate::state::{rupees, Paise};

pub fn balance(call: &Call) -> Outcome {
    let state = call.store.lock();
    Ok(json!({ "balance": rupees(state.balance), "currency": "INR", "last_updated": state.last_updated }))
}

pub fn transactions(call: &Call) -> Outcome {
    let (page, per_page) = call.page()?;
    let (from, to) = (call.query("from").unwrap_or("0000-00-00"), call.query("to").unwrap_or("9999-99-99"));
    if from > to {
        return Err(validation(vec![field_problem("from", "must be on or before \"to\"")]));
    }
    let state = call.store.lock();
    let matching: Vec<Value> = state
        .transactions
        .iter()
        .filter(|t| t.date.as_str() >= from && t.date.as_str() <= to)
        .map(|t| t.to_json())
        .collect();
    let total = matching.len();
    let rows: Vec<Value> = matching.into_iter().skip((page - 1) * per_page).take(per_page).collect();
    Ok(json!({ "transactions": rows, "page": page, "per_page": per_page, "total": total,
        "total_pages": total.div_ceil(per_page) }))
}

pub fn pipeline(_: &Call) -> Outcome {
    let items: Vec<Value> = (1..=3)
        .map(|i| {
            let seed = Seed::of(&["pipeline", &i.to_string()]);
            json!({ "id": format!("PIPE-{i:04}"), "source": seed.pick(0, &["UPI collection", "Card settlement", "Bank transfer"]),
                "amount": f64::from(seed.range(1, 500, 20_000)), "expected_on": format!("2026-06-{:02}", i * 2), "status": "IN_TRANSIT" })
        })
        .collect();
    let total: f64 = items.iter().filter_map(|i| i["amount"].as_f64()).sum();
    Ok(json!({ "items": items, "total_amount": total, "currency": "INR" }))
}

pub fn licenses(call: &Call) -> Outcome {
    let state = call.store.lock();
    let rows: Vec<Value> = state
        .licenses
        .iter()
        .map(|l| json!({ "id": l.id, "service": l.service, "valid_until": l.valid_until, "monthly_fee": rupees(l.monthly_fee) }))
        .collect();
    Ok(json!({ "licenses": rows }))
}

fn add_months(date: &str, months: u32) -> String {
    let (y, m) = (date[..4].parse::<u32>().unwrap_or(2026), date[5..7].parse::<u32>().unwrap_or(1));
    let total = y * 12 + (m - 1) + months;
    format!("{}-{:02}{}", total / 12, total % 12 + 1, &date[7..])
}

pub fn license_renew(call: &Call) -> Outcome {
    let months = call.body["months"].as_i64().unwrap_or(0);
    if !(1..=36).contains(&months) {
        return Err(validation(vec![field_problem("months", "must be from 1 to 36")]));
    }
    let id = call.param("id");
    let mut state = call.store.lock();
    let Some(index) = state.licenses.iter().position(|l| l.id == id) else {
        return Err(not_found("licence", id));
    };
    let cost: Paise = state.licenses[index].monthly_fee * months;
    let service = state.licenses[index].service;
    if !state.debit(cost, format!("Licence renewal: {service}, {months} months")) {
        return Err(insufficient(cost, state.balance));
    }
    let license = &mut state.licenses[index];
    license.valid_until = add_months(&license.valid_until, months as u32);
    let (valid_until, balance) = (license.valid_until.clone(), state.balance);
    Ok(
        json!({ "id": id, "service": service, "valid_until": valid_until, "charged": rupees(cost), "balance": rupees(balance) }),
    )
}

pub fn insufficient(cost: Paise, balance: Paise) -> ApiError {
    ApiError::new(ApiErrorCode::InsufficientBalance).with_message(format!(
        "This costs ₹{:.2} but the wallet holds ₹{:.2}",
        rupees(cost),
        rupees(balance)
    ))
}

pub fn commission_summary(_: &Call) -> Outcome {
    Ok(json!({ "this_month": 4_210.75, "last_month": 6_385.20, "total": 128_460.00, "currency": "INR",
        "pending_payout": 4_210.75, "next_payout_on": "2026-06-05" }))
}

pub fn commission_earnings(call: &Call) -> Outcome {
    let month = call.query("month").unwrap_or_default();
    let lines: Vec<Value> = ["PAN verification", "Bank verification", "GST verification", "CIBIL report"]
        .iter()
        .enumerate()
        .map(|(i, service)| {
            let seed = Seed::of(&["earnings", month, service]);
            let count = seed.range(0, 0, 400);
            let rate = [0.5, 0.4, 0.5, 5.0][i];
            json!({ "service": service, "transactions": count, "commission_per_transaction": rate,
                "earned": (f64::from(count) * rate * 100.0).round() / 100.0 })
        })
        .collect();
    let total: f64 = lines.iter().filter_map(|l| l["earned"].as_f64()).sum();
    Ok(json!({ "month": month, "lines": lines, "total": (total * 100.0).round() / 100.0, "currency": "INR" }))
}
