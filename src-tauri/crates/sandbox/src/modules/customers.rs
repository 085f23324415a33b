//! Customers: create, read, update, list (paginated) and delete, kept for the life of the sandbox.

use serde_json::{json, Map, Value};

use vk_core::envelope::ApiError;
use vk_core::ApiErrorCode;

use super::{field_problem, not_found, validation, Call, Outcome};

const FIELDS: [&str; 5] = ["name", "mobile", "email", "pan", "city"];

fn number(id: &str) -> Option<u64> {
    id.strip_prefix("CUST-")?.parse().ok()
}

/// The known fields given, each within the length limit (the catalog has already checked they are text).
fn pick_fields(call: &Call) -> Result<Map<String, Value>, ApiError> {
    let max = call.store.limits.max_customer_field_chars;
    let picked: Map<String, Value> = FIELDS
        .iter()
        .filter_map(|f| call.body.get(*f).filter(|v| !v.is_null()).map(|v| (f.to_string(), v.clone())))
        .collect();
    let problems: Vec<_> = picked
        .iter()
        .filter_map(|(field, value)| {
            let chars = value.as_str().map_or(0, |s| s.chars().count());
            (chars > max).then(|| field_problem(field, format!("must be at most {max} characters; this has {chars}")))
        })
        .collect();
    if problems.is_empty() {
        Ok(picked)
    } else {
        Err(validation(problems))
    }
}

pub fn list(call: &Call) -> Outcome {
    let (page, per_page) = call.page()?;
    let state = call.store.lock();
    let rows: Vec<Value> = state.customers.values().skip((page - 1) * per_page).take(per_page).cloned().collect();
    let total = state.customers.len();
    Ok(
        json!({ "customers": rows, "page": page, "per_page": per_page, "total": total, "total_pages": total.div_ceil(per_page) }),
    )
}

pub fn create(call: &Call) -> Outcome {
    let fields = pick_fields(call)?;
    let mut state = call.store.lock();
    let max = call.store.limits.max_customers;
    if state.customers.len() >= max {
        return Err(ApiError::new(ApiErrorCode::ValidationError).with_message(format!(
            "The sandbox keeps at most {max} customers and holds that many now: delete some (DELETE \
             /api/v1/customers/{{id}}) or restart the sandbox, then add this one again."
        )));
    }
    let n = state.next_customer;
    state.next_customer += 1;
    let mut record = Map::new();
    record.insert("id".into(), json!(format!("CUST-{n:04}")));
    for f in FIELDS {
        record.insert(f.into(), Value::Null);
    }
    record.extend(fields);
    record.insert("created_at".into(), json!("2026-05-31T10:30:00Z"));
    let record = Value::Object(record);
    state.customers.insert(n, record.clone());
    Ok(record)
}

pub fn get(call: &Call) -> Outcome {
    let id = call.param("id");
    number(id).and_then(|n| call.store.lock().customers.get(&n).cloned()).ok_or_else(|| not_found("customer", id))
}

pub fn update(call: &Call) -> Outcome {
    let id = call.param("id");
    let fields = pick_fields(call)?;
    let mut state = call.store.lock();
    let record = number(id).and_then(|n| state.customers.get_mut(&n)).ok_or_else(|| not_found("customer", id))?;
    if let Some(map) = record.as_object_mut() {
        map.extend(fields);
    }
    Ok(record.clone())
}

pub fn delete(call: &Call) -> Outcome {
    let id = call.param("id");
    let removed = number(id).and_then(|n| call.store.lock().customers.remove(&n));
    removed.map(|_| json!({ "id": id, "deleted": true })).ok_or_else(|| not_found("customer", id))
}
