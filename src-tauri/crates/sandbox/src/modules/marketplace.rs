//! Marketplace: services and products on sale; orders are paid from the wallet (INSUFFICIENT_BALANCE when short).

use serde_json::{json, Value};

use super::{field_problem, not_found, validation, Call, Outcome};
use crate::modules::wallet::insufficient;
use crate::state::{rupees, Paise};

/// (id, name, price in paise). `PRD-GOLD-99` costs more than any sandbox wallet holds: a documented test value.
const SERVICES: [(&str, &str, Paise); 4] = [
    ("SRV-PAN-100", "PAN verification (pack of 100)", 50_000),
    ("SRV-BANK-200", "Bank account verification (pack of 200)", 60_000),
    ("SRV-GST-300", "GST verification (pack of 300)", 120_000),
    ("SRV-CIBIL-10", "CIBIL reports (pack of 10)", 50_000),
];
const PRODUCTS: [(&str, &str, Paise); 3] = [
    ("PRD-POS-01", "Card machine (POS terminal)", 249_900),
    ("PRD-QR-02", "Printed UPI QR stand", 19_900),
    ("PRD-GOLD-99", "Gold coin, 100 g", 50_000_000),
];

fn listing(items: &[(&str, &str, Paise)]) -> Value {
    let rows: Vec<Value> = items
        .iter()
        .map(|(id, name, price)| json!({ "id": id, "name": name, "price": rupees(*price), "currency": "INR" }))
        .collect();
    json!({ "items": rows })
}

pub fn services(_: &Call) -> Outcome {
    Ok(listing(&SERVICES))
}

pub fn products(_: &Call) -> Outcome {
    Ok(listing(&PRODUCTS))
}

pub fn order_create(call: &Call) -> Outcome {
    let item_id = call.str("item_id").unwrap_or_default();
    let quantity = call.body["quantity"].as_i64().unwrap_or(0);
    let mut problems = Vec::new();
    let item = SERVICES.iter().chain(PRODUCTS.iter()).find(|(id, _, _)| *id == item_id);
    if item.is_none() {
        problems
            .push(field_problem("item_id", "no service or product has this id; see the services and products lists"));
    }
    if !(1..=1000).contains(&quantity) {
        problems.push(field_problem("quantity", "must be from 1 to 1000"));
    }
    let mut state = call.store.lock();
    let customer = call.str("customer_id");
    if let Some(c) = customer {
        let known = c
            .strip_prefix("CUST-")
            .and_then(|n| n.parse::<u64>().ok())
            .is_some_and(|n| state.customers.contains_key(&n));
        if !known {
            problems.push(field_problem("customer_id", "no customer has this id"));
        }
    }
    let Some((id, name, price)) = item.filter(|_| problems.is_empty()) else {
        return Err(validation(problems));
    };
    let amount = price * quantity;
    if !state.debit(amount, format!("Order: {quantity} × {name}")) {
        return Err(insufficient(amount, state.balance));
    }
    let order_id = format!("ORD-{:06}", state.next_order);
    state.next_order += 1;
    let order = json!({ "id": order_id, "item_id": id, "item_name": name, "quantity": quantity, "amount": rupees(amount),
        "currency": "INR", "customer_id": customer, "status": "CONFIRMED", "transaction_id": state.transactions[0].id,
        "balance_after": rupees(state.balance) });
    state.orders.insert(order_id, order.clone());
    Ok(order)
}

pub fn order_get(call: &Call) -> Outcome {
    let id = call.param("id");
    call.store.lock().orders.get(id).cloned().ok_or_else(|| not_found("order", id))
}
