//! The endpoint catalog (catalog.toml, compiled in): every endpoint, its fields and their rules.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::envelope::FieldProblem;
use crate::identifiers::IdKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FieldKind {
    String,
    Integer,
    Number,
    Boolean,
}

/// One input of an endpoint: a path parameter, a query parameter or a body field.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Field {
    pub name: String,
    pub kind: FieldKind,
    #[serde(default)]
    pub validator: Option<IdKind>,
    pub required: bool,
    pub example: String,
    pub description: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Endpoint {
    /// Stable id, `module.name`.
    pub id: String,
    pub module: String,
    pub method: String,
    /// Path with `{name}` parameters, e.g. `/api/v1/customers/{id}`.
    pub path: String,
    pub title: String,
    pub description: String,
    #[serde(default)]
    pub path_params: Vec<Field>,
    #[serde(default)]
    pub query: Vec<Field>,
    #[serde(default)]
    pub body: Vec<Field>,
    #[serde(default)]
    pub example_body: Option<String>,
    /// The path with example values filled in, plus required query examples: ready to send.
    /// Computed when the catalog loads (whatever the file says is replaced).
    #[serde(default)]
    pub example_target: String,
}

#[derive(Deserialize)]
struct CatalogFile {
    endpoint: Vec<Endpoint>,
}

/// Every endpoint, in the order of the spec's module table.
pub fn catalog() -> &'static [Endpoint] {
    static CATALOG: OnceLock<Vec<Endpoint>> = OnceLock::new();
    CATALOG.get_or_init(|| {
        // NOTE: the file is part of the binary and checked by the tests, so a parse failure is a build defect.
        let mut endpoints =
            toml::from_str::<CatalogFile>(include_str!("../catalog.toml")).expect("catalog.toml is valid").endpoint;
        for e in &mut endpoints {
            e.example_target = e.build_example_target();
        }
        endpoints
    })
}

pub fn find(id: &str) -> Option<&'static Endpoint> {
    catalog().iter().find(|e| e.id == id)
}

fn check_value(field: &Field, value: &str) -> Result<(), String> {
    if let Some(rule) = field.validator {
        return rule.validate(value);
    }
    match field.kind {
        FieldKind::Integer if value.parse::<i64>().is_err() => Err("must be a whole number".into()),
        FieldKind::Number if value.parse::<f64>().is_err() => Err("must be a number".into()),
        FieldKind::Boolean if value != "true" && value != "false" => Err("must be true or false".into()),
        FieldKind::String if value.trim().is_empty() && field.required => Err("must not be empty".into()),
        _ => Ok(()),
    }
}

fn problem(field: &str, reason: impl Into<String>) -> FieldProblem {
    FieldProblem { field: field.into(), reason: reason.into() }
}

impl Endpoint {
    /// The request target with every path parameter and required query parameter filled with its example.
    fn build_example_target(&self) -> String {
        let mut target = self.path.clone();
        for p in &self.path_params {
            target = target.replace(&format!("{{{}}}", p.name), &p.example);
        }
        let query: Vec<String> =
            self.query.iter().filter(|q| q.required).map(|q| format!("{}={}", q.name, q.example)).collect();
        if !query.is_empty() {
            target.push('?');
            target.push_str(&query.join("&"));
        }
        target
    }

    /// Checks query parameters (already decoded): required ones present, each value by its rule.
    pub fn check_query(&self, pairs: &[(String, String)]) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        for field in &self.query {
            match pairs.iter().find(|(k, _)| *k == field.name) {
                None if field.required => {
                    problems.push(problem(&field.name, format!("required: {}", field.description)))
                }
                None => {}
                Some((_, v)) => {
                    if let Err(reason) = check_value(field, v) {
                        problems.push(problem(&field.name, reason));
                    }
                }
            }
        }
        problems
    }

    /// Checks what a form holds (every value as typed, by field name): required fields filled, each value by its
    /// rule. Path parameters, query parameters and body fields alike; empty optional fields are fine.
    pub fn check_form(&self, values: &std::collections::BTreeMap<String, String>) -> Vec<FieldProblem> {
        let fields = self.path_params.iter().chain(&self.query).chain(&self.body);
        fields
            .filter_map(|field| {
                let value = values.get(&field.name).map(String::as_str).unwrap_or("");
                if value.trim().is_empty() {
                    return field.required.then(|| problem(&field.name, "Fill this in: it is required."));
                }
                check_value(field, value).err().map(|reason| problem(&field.name, reason))
            })
            .collect()
    }

    /// Checks a JSON body: an object, required fields present, each of the right type and rule.
    pub fn check_body(&self, body: &Value) -> Vec<FieldProblem> {
        let Some(object) = body.as_object() else {
            return vec![problem("body", "must be a JSON object, such as {\"pan\":\"ABCDE1234F\"}")];
        };
        let mut problems = Vec::new();
        for field in &self.body {
            let reason = match (object.get(&field.name), field.kind) {
                (None | Some(Value::Null), _) if field.required => format!("required: {}", field.description),
                (None | Some(Value::Null), _) => continue,
                // An empty cell of a sheet, or a cleared field: "10 characters; this one has 0" would say less.
                (Some(Value::String(s)), FieldKind::String) if field.required && s.trim().is_empty() => {
                    format!("empty, but required: {}", field.description)
                }
                (Some(Value::String(s)), FieldKind::String) => match check_value(field, s) {
                    Ok(()) => continue,
                    Err(reason) => reason,
                },
                (Some(Value::Number(n)), FieldKind::Integer) if n.is_i64() => continue,
                (Some(Value::Number(_)), FieldKind::Number) | (Some(Value::Bool(_)), FieldKind::Boolean) => continue,
                (Some(_), FieldKind::String) => "must be text, in quotes".into(),
                (Some(_), FieldKind::Integer) => "must be a whole number, without quotes".into(),
                (Some(_), FieldKind::Number) => "must be a number, without quotes".into(),
                (Some(_), FieldKind::Boolean) => "must be true or false".into(),
            };
            problems.push(problem(&field.name, reason));
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn catalog_is_complete_and_well_formed() {
        let all = catalog();
        assert_eq!(all.len(), 28);
        let modules = ["wallet", "cibil", "verify", "marketplace", "commission", "customers"];
        for e in all {
            assert!(modules.contains(&e.module.as_str()), "{}", e.id);
            assert!(e.id.starts_with(&format!("{}.", e.module)), "{}", e.id);
            assert!(e.path.starts_with("/api/v1/"), "{}", e.id);
            crate::sign::check_method(&e.method).unwrap();
            assert_eq!(e.body.is_empty(), e.example_body.is_none(), "{}: example body iff body fields", e.id);
            if let Some(example) = &e.example_body {
                let value: Value = serde_json::from_str(example).unwrap();
                assert!(e.check_body(&value).is_empty(), "{}: example body passes its own rules", e.id);
            }
            for p in &e.path_params {
                assert!(e.path.contains(&format!("{{{}}}", p.name)), "{}", e.id);
            }
            for f in e.path_params.iter().chain(&e.query).chain(&e.body) {
                assert_eq!(check_value(f, &f.example), Ok(()), "{}.{} example", e.id, f.name);
            }
        }
        let mut ids: Vec<_> = all.iter().map(|e| (&e.method, &e.path)).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), all.len(), "method + path are unique");
    }

    /// The module table of the spec (shared/spec/vistarkriya-api.md), endpoint by endpoint.
    const SPEC_TABLE: [(&str, &str); 28] = [
        ("GET", "/api/v1/wallet/core/balance"),
        ("GET", "/api/v1/wallet/core/transactions"),
        ("GET", "/api/v1/wallet/pipeline"),
        ("GET", "/api/v1/wallet/licenses"),
        ("POST", "/api/v1/wallet/licenses/{id}/renew"),
        ("POST", "/api/v1/cibil/individual/score"),
        ("POST", "/api/v1/cibil/individual/report"),
        ("POST", "/api/v1/cibil/business/report"),
        ("POST", "/api/v1/verify/pan"),
        ("POST", "/api/v1/verify/aadhaar/otp"),
        ("POST", "/api/v1/verify/aadhaar/otp/submit"),
        ("POST", "/api/v1/verify/bank-account"),
        ("POST", "/api/v1/verify/gst"),
        ("POST", "/api/v1/verify/upi"),
        ("POST", "/api/v1/verify/voter-id"),
        ("POST", "/api/v1/verify/driving-licence"),
        ("POST", "/api/v1/verify/passport"),
        ("GET", "/api/v1/marketplace/services"),
        ("GET", "/api/v1/marketplace/products"),
        ("POST", "/api/v1/marketplace/orders"),
        ("GET", "/api/v1/marketplace/orders/{id}"),
        ("GET", "/api/v1/commission/summary"),
        ("GET", "/api/v1/commission/earnings"),
        ("GET", "/api/v1/customers"),
        ("POST", "/api/v1/customers"),
        ("GET", "/api/v1/customers/{id}"),
        ("PUT", "/api/v1/customers/{id}"),
        ("DELETE", "/api/v1/customers/{id}"),
    ];

    #[test]
    fn catalog_is_exactly_the_spec_table() {
        let mut ours: Vec<(&str, &str)> = catalog().iter().map(|e| (e.method.as_str(), e.path.as_str())).collect();
        let mut spec = SPEC_TABLE.to_vec();
        ours.sort();
        spec.sort();
        assert_eq!(ours, spec);
        let transactions = find("wallet.transactions").unwrap();
        let names: Vec<_> = transactions.query.iter().map(|q| q.name.as_str()).collect();
        assert_eq!(names, ["page", "per_page", "from", "to"], "the spec's query parameters");
        assert_eq!(find("commission.earnings").unwrap().query[0].name, "month");
    }

    #[test]
    fn form_checks_name_each_field_with_its_reason() {
        let pan = find("verify.pan").unwrap();
        let mut values = std::collections::BTreeMap::new();
        let problems = pan.check_form(&values);
        assert!(problems.iter().any(|p| p.field == "pan" && p.reason.contains("required")), "{problems:?}");
        values.insert("pan".to_string(), "ABCDE12345".to_string());
        let problems = pan.check_form(&values);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].reason.contains("character 10"), "{problems:?}");
        values.insert("pan".to_string(), "ABCDE1234F".to_string());
        assert!(pan.check_form(&values).is_empty(), "optional fields left empty are fine");
    }

    #[test]
    fn body_checks_name_each_bad_field() {
        let pan = find("verify.bank_account").unwrap();
        let problems = pan.check_body(&json!({"account_number": 12345, "ifsc": "SBIN1001234"}));
        assert_eq!(
            problems,
            vec![problem("account_number", "must be text, in quotes"), problem("ifsc", "character 5 must be 0")]
        );
        assert_eq!(pan.check_body(&json!([1]))[0].field, "body");
        let verify = find("verify.pan").unwrap();
        let empty = verify.check_body(&json!({"pan": " "}));
        assert!(empty[0].reason.starts_with("empty, but required: "), "{empty:?}");
        let renew = find("wallet.license_renew").unwrap();
        assert_eq!(renew.check_body(&json!({}))[0].reason, "required: How many months, 1 to 36.");
        assert_eq!(renew.example_target, "/api/v1/wallet/licenses/LIC-1001/renew");
        let earnings = find("commission.earnings").unwrap();
        assert_eq!(earnings.example_target, "/api/v1/commission/earnings?month=2026-05");
        assert_eq!(earnings.check_query(&[("month".into(), "2026-13".into())])[0].field, "month");
        assert_eq!(earnings.check_query(&[])[0].reason, "required: The month (YYYY-MM).");
    }
}
