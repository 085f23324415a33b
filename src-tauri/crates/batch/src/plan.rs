//! What each row of a run is sent as: an endpoint of the catalog with columns mapped to its fields, or a saved
//! request whose `{{Column name}}` variables take each row's values. Both are checked before anything is sent.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;
use vk_core::catalog::{catalog, find, Endpoint};
use vk_core::envelope::FieldProblem;
use vk_core::RequestSpec;

use crate::check::{rows_with_problems, RowCheck};
use crate::mapping::{encode, request_for, Mapping};
use crate::sheet::{Row, Sheet};

/// What the rows are sent to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum BatchTarget {
    /// A catalog endpoint, its fields filled from the mapped columns.
    Endpoint { endpoint_id: String, mapping: Mapping },
    /// A saved request; `{{Column name}}` in its endpoint, body or headers takes the row's value.
    Template { name: String, method: String, endpoint: String, body: String, extra_headers: Vec<(String, String)> },
}

/// Why a run cannot be planned at all (as opposed to single rows that fail their check).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("There is no endpoint called {0}. Choose one from the list.")]
    UnknownEndpoint(String),
    #[error("No column is matched to any field of this endpoint. Choose, for each field, the column that holds it.")]
    NothingMapped,
    #[error("No column is matched to {field}, which every request needs ({description}). Choose the column that holds it; the sheet's columns are {columns}.")]
    RequiredNotMapped { field: String, description: String, columns: String },
    #[error("The mapping names column {column}, but the sheet has {columns} columns.")]
    NoSuchColumn { column: u32, columns: usize },
    #[error("The saved request uses {{{{{0}}}}}, but the sheet has no column with that name (nor the environment a variable). Rename the column, or change the saved request.")]
    UnknownVariable(String),
}

/// The `{{name}}` names a text uses.
fn variables_in(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else { break };
        names.push(rest[start + 2..start + 2 + len].trim().to_string());
        rest = &rest[start + 2 + len + 2..];
    }
    names
}

/// A field's description inside a sentence: "The 10-character PAN." reads "the 10-character PAN" (a word in capitals
/// such as "PAN of the person" stays as it is).
fn description_in_brackets(description: &str) -> String {
    let text = description.trim().trim_end_matches('.');
    let mut words = text.splitn(2, ' ');
    let first = words.next().unwrap_or("");
    let lower_first = first.chars().skip(1).all(|c| !c.is_uppercase());
    let first = if lower_first { first.to_lowercase() } else { first.to_string() };
    match words.next() {
        Some(rest) => format!("{first} {rest}"),
        None => first,
    }
}

/// A value written inside a JSON string (quotes, backslashes and control characters escaped).
fn json_escaped(value: &str) -> String {
    let quoted = serde_json::to_string(value).unwrap_or_default();
    quoted[1..quoted.len() - 1].to_string()
}

/// The catalog endpoint a method and target belong to (`{name}` path segments match anything).
pub fn endpoint_of(method: &str, target: &str) -> Option<&'static Endpoint> {
    let path = target.split('?').next().unwrap_or("");
    let segments: Vec<&str> = path.split('/').collect();
    catalog().iter().find(|e| {
        let pattern: Vec<&str> = e.path.split('/').collect();
        e.method == method
            && pattern.len() == segments.len()
            && pattern.iter().zip(&segments).all(|(p, s)| p.starts_with('{') || p == s)
    })
}

/// A run's plan: the target checked against the sheet, ready to make each row's request.
pub struct Plan {
    target: BatchTarget,
    endpoint: Option<&'static Endpoint>,
    headers: Vec<String>,
    variables: BTreeMap<String, String>,
}

impl Plan {
    /// Checks that `target` can be used with `sheet` (environment `variables` fill `{{names}}` that are not
    /// columns).
    pub fn new(target: BatchTarget, sheet: &Sheet, variables: BTreeMap<String, String>) -> Result<Plan, PlanError> {
        let endpoint = match &target {
            BatchTarget::Endpoint { endpoint_id, mapping } => {
                let endpoint = find(endpoint_id).ok_or_else(|| PlanError::UnknownEndpoint(endpoint_id.clone()))?;
                if mapping.columns.is_empty() {
                    return Err(PlanError::NothingMapped);
                }
                if let Some(&column) = mapping.columns.values().find(|&&c| c as usize >= sheet.headers.len()) {
                    return Err(PlanError::NoSuchColumn { column, columns: sheet.headers.len() });
                }
                // Said once for the run, not as the same problem on every row.
                let fields = endpoint.path_params.iter().chain(&endpoint.query).chain(&endpoint.body);
                if let Some(field) = fields.filter(|f| f.required).find(|f| !mapping.columns.contains_key(&f.name)) {
                    return Err(PlanError::RequiredNotMapped {
                        field: field.name.clone(),
                        description: description_in_brackets(&field.description),
                        columns: sheet.headers.iter().map(|h| format!("“{h}”")).collect::<Vec<_>>().join(", "),
                    });
                }
                Some(endpoint)
            }
            BatchTarget::Template { method, endpoint, body, extra_headers, .. } => {
                let texts =
                    [endpoint.as_str(), body.as_str()].into_iter().chain(extra_headers.iter().map(|(_, v)| v.as_str()));
                for name in texts.flat_map(variables_in) {
                    if !sheet.headers.contains(&name) && !variables.contains_key(&name) {
                        return Err(PlanError::UnknownVariable(name));
                    }
                }
                endpoint_of(method, endpoint)
            }
        };
        Ok(Plan { target, endpoint, headers: sheet.headers.clone(), variables })
    }

    pub fn target(&self) -> &BatchTarget {
        &self.target
    }

    /// Which catalog endpoint the rows go to, when it is one of the catalog's.
    pub fn endpoint(&self) -> Option<&'static Endpoint> {
        self.endpoint
    }

    /// The row's values by column name, over the environment's variables.
    fn row_variables(&self, row: &Row, escape: fn(&str) -> String) -> BTreeMap<String, String> {
        let mut values: BTreeMap<String, String> = self.variables.iter().map(|(k, v)| (k.clone(), escape(v))).collect();
        for (name, cell) in self.headers.iter().zip(&row.cells) {
            values.insert(name.clone(), escape(cell.trim()));
        }
        values
    }

    /// The request for one row, as it will be signed.
    pub fn request(&self, row: &Row) -> RequestSpec {
        match &self.target {
            BatchTarget::Endpoint { mapping, .. } => {
                let endpoint = self.endpoint.expect("an endpoint plan has its endpoint");
                request_for(endpoint, &mapping.values(row))
            }
            BatchTarget::Template { method, endpoint, body, extra_headers, .. } => {
                // NOTE: Plan::new checked every name, so substitution cannot fail here.
                let fill = |text: &str, escape: fn(&str) -> String| {
                    vk_core::variables::substitute(text, &self.row_variables(row, escape)).unwrap_or_default()
                };
                let mut request =
                    RequestSpec::new(method.clone(), fill(endpoint, encode), fill(body, json_escaped).into_bytes());
                request.extra_headers =
                    extra_headers.iter().map(|(n, v)| (n.clone(), fill(v, |s| s.to_string()))).collect();
                request
            }
        }
    }

    /// What is wrong with one row, by the endpoint's rules; empty when it can be sent.
    pub fn check(&self, row: &Row) -> Vec<FieldProblem> {
        match (&self.target, self.endpoint) {
            (BatchTarget::Endpoint { mapping, .. }, Some(endpoint)) => endpoint.check_form(&mapping.values(row)),
            (BatchTarget::Template { .. }, endpoint) => {
                let request = self.request(row);
                if request.body.is_empty() {
                    return Vec::new();
                }
                match (serde_json::from_slice(&request.body), endpoint) {
                    (Ok(body), Some(endpoint)) => endpoint.check_body(&body),
                    (Ok(_), None) => Vec::new(),
                    (Err(e), _) => vec![FieldProblem {
                        field: "body".into(),
                        reason: format!("this row makes a body that is not valid JSON ({e})"),
                    }],
                }
            }
            (BatchTarget::Endpoint { .. }, None) => Vec::new(),
        }
    }

    /// Every row that would not pass, in order.
    pub fn precheck(&self, sheet: &Sheet) -> Vec<RowCheck> {
        rows_with_problems(sheet, |row| self.check(row))
    }
}

/// What a run is, to find it again after a crash: the input's bytes, the target and the environment.
pub fn fingerprint(input: &[u8], target: &BatchTarget, environment: &str) -> String {
    let mut hash = Sha256::new();
    hash.update(input);
    hash.update(serde_json::to_vec(target).unwrap_or_default());
    hash.update(environment.as_bytes());
    hex::encode(hash.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(csv: &str) -> Sheet {
        Sheet::read(csv.as_bytes()).unwrap()
    }

    #[test]
    fn a_saved_request_takes_each_rows_values_escaped_where_they_go() {
        let sheet = sheet("PAN,Full name,Id\nABCPE1234F,\"Asha \"\"Didi\"\" \\ Rao\",a/b\n");
        let target = BatchTarget::Template {
            name: "PAN check".into(),
            method: "POST".into(),
            endpoint: "/api/v1/verify/pan?ref={{Id}}".into(),
            body: r#"{"pan":"{{PAN}}","name":"{{ Full name }}"}"#.into(),
            extra_headers: vec![("X-Request-Id".into(), "{{Id}}-{{batch}}".into())],
        };
        let variables = BTreeMap::from([("batch".to_string(), "b7".to_string())]);
        let plan = Plan::new(target, &sheet, variables).unwrap();
        assert_eq!(plan.endpoint().map(|e| e.id.as_str()), Some("verify.pan"));
        let request = plan.request(&sheet.rows[0]);
        assert_eq!(request.endpoint, "/api/v1/verify/pan?ref=a%2Fb");
        let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
        assert_eq!(body, serde_json::json!({"pan": "ABCPE1234F", "name": "Asha \"Didi\" \\ Rao"}));
        assert_eq!(request.extra_headers, [("X-Request-Id".to_string(), "a/b-b7".to_string())]);
        assert!(plan.precheck(&sheet).is_empty());
    }

    #[test]
    fn a_template_naming_a_missing_column_is_refused_and_bad_rows_are_found() {
        let sheet = sheet("PAN\nABCPE1234F\nnot-a-pan\n");
        let template = |body: &str| BatchTarget::Template {
            name: "t".into(),
            method: "POST".into(),
            endpoint: "/api/v1/verify/pan".into(),
            body: body.into(),
            extra_headers: vec![],
        };
        let err = Plan::new(template(r#"{"pan":"{{PAN No}}"}"#), &sheet, BTreeMap::new()).err();
        assert_eq!(err, Some(PlanError::UnknownVariable("PAN No".into())));
        let plan = Plan::new(template(r#"{"pan":"{{PAN}}"}"#), &sheet, BTreeMap::new()).unwrap();
        let bad = plan.precheck(&sheet);
        assert_eq!(bad.len(), 1);
        assert_eq!((bad[0].number, bad[0].problems[0].field.as_str()), (3, "pan"));
    }

    #[test]
    fn endpoint_plans_need_a_mapping_inside_the_sheet() {
        let sheet = sheet("PAN\nABCPE1234F\n");
        let target = |columns: &[(&str, u32)]| BatchTarget::Endpoint {
            endpoint_id: "verify.pan".into(),
            mapping: Mapping { columns: columns.iter().map(|(k, v)| (k.to_string(), *v)).collect() },
        };
        assert_eq!(Plan::new(target(&[]), &sheet, BTreeMap::new()).err(), Some(PlanError::NothingMapped));
        let two = Sheet::read(b"PAN,Name\nABCPE1234F,Asha\n").unwrap();
        let err = Plan::new(target(&[("name", 1)]), &two, BTreeMap::new()).err().unwrap();
        assert_eq!(
            err.to_string(),
            "No column is matched to pan, which every request needs (the 10-character PAN). Choose the column that \
             holds it; the sheet's columns are “PAN”, “Name”."
        );
        assert_eq!(description_in_brackets("PAN of the person."), "PAN of the person");
        assert_eq!(description_in_brackets("Full name as on the PAN."), "full name as on the PAN");
        assert!(matches!(
            Plan::new(target(&[("pan", 3)]), &sheet, BTreeMap::new()),
            Err(PlanError::NoSuchColumn { .. })
        ));
        let unknown = BatchTarget::Endpoint { endpoint_id: "verify.nothing".into(), mapping: Mapping::default() };
        assert!(matches!(Plan::new(unknown, &sheet, BTreeMap::new()), Err(PlanError::UnknownEndpoint(_))));
        assert_ne!(fingerprint(b"a", &target(&[("pan", 0)]), "x"), fingerprint(b"b", &target(&[("pan", 0)]), "x"));
    }
}
