//! Which column fills which field of the endpoint: matched by name where possible ("PAN Number" → `pan`,
//! "IFSC Code" → `ifsc`), changeable by the user; and the signed-ready request a row makes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;
use vk_core::catalog::{catalog, Endpoint, Field, FieldKind};
use vk_core::RequestSpec;

use crate::sheet::Row;

/// Field name → column index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Mapping {
    pub columns: BTreeMap<String, u32>,
}

/// Lower case letters and digits only: "PAN No." → "panno".
fn normalise(text: &str) -> String {
    text.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// Other names people give a field's column, already normalised.
fn synonyms(field: &str) -> &'static [&'static str] {
    match field {
        "pan" => &["pannumber", "panno", "pancard", "pancardnumber"],
        "account_number" => &["accountno", "accno", "bankaccount", "bankaccountnumber", "account", "acnumber", "acno"],
        "ifsc" => &["ifsccode", "ifscnumber"],
        "gstin" => &["gst", "gstnumber", "gstno", "gstinnumber"],
        "vpa" => &["upi", "upiid", "upiaddress"],
        "mobile" => &["phone", "mobilenumber", "mobileno", "phonenumber"],
        "name" => &["fullname", "customername", "holdername", "accountholdername", "nameasperpan"],
        "dob" => &["dateofbirth", "birthdate"],
        "aadhaar" | "aadhaar_number" => &["aadhaar", "aadhaarnumber", "aadhaarno", "aadhar", "aadharnumber", "uid"],
        "epic_number" => &["voterid", "epic", "epicno"],
        "dl_number" => &["drivinglicence", "drivinglicense", "dlno", "licencenumber", "licensenumber"],
        "passport_number" => &["passport", "passportno"],
        _ => &[],
    }
}

fn fields(endpoint: &Endpoint) -> impl Iterator<Item = &Field> {
    endpoint.path_params.iter().chain(&endpoint.query).chain(&endpoint.body)
}

/// Each field of `endpoint` matched to the column whose name is the field's (or a usual other name for it).
/// A column is used for one field at most.
pub fn auto_map(headers: &[String], endpoint: &Endpoint) -> Mapping {
    let names: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    let mut columns = BTreeMap::new();
    let mut used = vec![false; names.len()];
    for field in fields(endpoint) {
        let own = normalise(&field.name);
        let found = names
            .iter()
            .enumerate()
            .find(|(i, n)| !used[*i] && (**n == own || synonyms(&field.name).contains(&n.as_str())));
        if let Some((i, _)) = found {
            used[i] = true;
            columns.insert(field.name.clone(), i as u32);
        }
    }
    Mapping { columns }
}

/// The endpoints a sheet's columns fit, best first (at most three): each has required fields and every one of them
/// has a column; more matched columns first. Lets a person who loaded a sheet of PANs pick "Verify a PAN" without
/// knowing the catalog. Deletions are never suggested.
pub fn suggest(headers: &[String]) -> Vec<&'static Endpoint> {
    let mut fits: Vec<(usize, &'static Endpoint)> = catalog()
        .iter()
        .filter(|endpoint| endpoint.method != "DELETE")
        .filter_map(|endpoint| {
            let mapping = auto_map(headers, endpoint);
            let mut required = fields(endpoint).filter(|f| f.required).peekable();
            let fits = required.peek().is_some() && required.all(|f| mapping.columns.contains_key(&f.name));
            fits.then_some((mapping.columns.len(), endpoint))
        })
        .collect();
    // Stable: among equals, the catalog's order.
    fits.sort_by_key(|(matched, _)| std::cmp::Reverse(*matched));
    fits.into_iter().take(3).map(|(_, e)| e).collect()
}

impl Mapping {
    /// The row's value for each mapped field, trimmed (spreadsheets keep stray spaces).
    pub fn values(&self, row: &Row) -> BTreeMap<String, String> {
        self.columns
            .iter()
            .map(|(field, &col)| (field.clone(), row.cells.get(col as usize).map_or("", |c| c.trim()).to_string()))
            .collect()
    }
}

/// `text` with everything but unreserved characters percent-encoded, for a path segment or a query value.
pub(crate) fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A form value as JSON of the field's kind (a number without quotes, true or false), else as text.
fn typed(field: &Field, text: &str) -> Value {
    let number = || text.parse::<serde_json::Number>().ok().map(Value::Number);
    let value = match field.kind {
        FieldKind::Integer => text.parse::<i64>().ok().map(Value::from),
        FieldKind::Number => number(),
        FieldKind::Boolean => match text.to_ascii_lowercase().as_str() {
            "true" | "yes" => Some(Value::Bool(true)),
            "false" | "no" => Some(Value::Bool(false)),
            _ => None,
        },
        FieldKind::String => None,
    };
    value.unwrap_or_else(|| Value::String(text.to_string()))
}

/// The request for one row's values: path parameters filled in, query parameters and body fields that have a
/// value, body fields typed as the catalog says. Empty values are left out (the check reports required ones).
pub fn request_for(endpoint: &Endpoint, values: &BTreeMap<String, String>) -> RequestSpec {
    let value = |name: &str| values.get(name).map(String::as_str).unwrap_or("");
    let mut path = endpoint.path.clone();
    for p in &endpoint.path_params {
        path = path.replace(&format!("{{{}}}", p.name), &encode(value(&p.name)));
    }
    let query: Vec<String> = endpoint
        .query
        .iter()
        .filter(|q| !value(&q.name).is_empty())
        .map(|q| format!("{}={}", q.name, encode(value(&q.name))))
        .collect();
    if !query.is_empty() {
        path = format!("{path}?{}", query.join("&"));
    }
    let body = if endpoint.body.is_empty() {
        String::new()
    } else {
        let object: Map<String, Value> = endpoint
            .body
            .iter()
            .filter(|f| !value(&f.name).is_empty())
            .map(|f| (f.name.clone(), typed(f, value(&f.name))))
            .collect();
        Value::Object(object).to_string()
    };
    RequestSpec::new(endpoint.method.clone(), path, body.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use vk_core::catalog::find;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn columns_are_matched_by_their_usual_names() {
        let bank = find("verify.bank_account").unwrap();
        let mapping = auto_map(&headers(&["Sr No", "Account No.", "IFSC Code", "Account Holder Name"]), bank);
        assert_eq!(mapping.columns.get("account_number"), Some(&1));
        assert_eq!(mapping.columns.get("ifsc"), Some(&2));
        assert_eq!(mapping.columns.get("name"), Some(&3));
        let pan = find("verify.pan").unwrap();
        assert_eq!(auto_map(&headers(&["PAN Number", "Name"]), pan).columns.len(), 2);
        assert!(auto_map(&headers(&["something else"]), pan).columns.is_empty());
    }

    #[test]
    fn a_sheet_suggests_the_endpoints_its_columns_fit() {
        let ids = |names: &[&str]| suggest(&headers(names)).iter().map(|e| e.id.as_str()).collect::<Vec<_>>();
        assert_eq!(ids(&["PAN Number", "Customer Name"]).first(), Some(&"verify.pan"));
        assert_eq!(ids(&["Account No.", "IFSC Code", "Name"]).first(), Some(&"verify.bank_account"));
        let pans = ids(&["PAN"]);
        assert!(pans.contains(&"verify.pan") && pans.len() <= 3, "{pans:?}");
        assert!(ids(&["Name"]).iter().all(|id| find(id).unwrap().method != "GET"), "a list is never a fit");
        assert!(ids(&["something else"]).is_empty());
        assert!(catalog()
            .iter()
            .filter(|e| e.method == "DELETE")
            .all(|e| !ids(&["id", "customer_id"]).contains(&e.id.as_str())));
    }

    #[test]
    fn a_row_makes_the_request_the_form_would() {
        let pan = find("verify.pan").unwrap();
        let values =
            BTreeMap::from([("pan".to_string(), "ABCPE1234F".to_string()), ("name".into(), "Asha \"Didi\"".into())]);
        let request = request_for(pan, &values);
        assert_eq!((request.method.as_str(), request.endpoint.as_str()), ("POST", "/api/v1/verify/pan"));
        let body: Value = serde_json::from_slice(&request.body).unwrap();
        assert_eq!(body, serde_json::json!({"pan": "ABCPE1234F", "name": "Asha \"Didi\""}));

        let transactions = find("wallet.transactions").unwrap();
        let values =
            BTreeMap::from([("page".to_string(), "2".to_string()), ("from".into(), "2026-05-01 10:00".into())]);
        let request = request_for(transactions, &values);
        assert!(request.endpoint.starts_with("/api/v1/wallet/core/transactions?"), "{}", request.endpoint);
        assert!(request.endpoint.contains("from=2026-05-01%2010%3A00"), "{}", request.endpoint);
        assert!(request.body.is_empty());
    }
}
