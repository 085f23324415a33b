//! Property tests over loopback: random valid identifiers get stable answers; a corrupted one is refused,
//! naming the field. Each identifier is tried in the first endpoint whose body uses it.

use proptest::prelude::*;
use serde_json::Value;
use vk_core::catalog::{catalog, Endpoint};
use vk_core::identifiers::strategies::{corrupt, valid};
use vk_core::identifiers::IdKind;
use vk_sandbox::{RunningSandbox, SandboxConfig};

use crate::{sandbox, signed_send};

/// For each identifier kind used in a body: the first endpoint using it and the field's name.
fn targets() -> Vec<(IdKind, &'static Endpoint, String)> {
    let mut out: Vec<(IdKind, &'static Endpoint, String)> = Vec::new();
    for e in catalog() {
        for f in &e.body {
            if let Some(kind) = f.validator {
                if !out.iter().any(|(k, _, _)| *k == kind) {
                    out.push((kind, e, f.name.clone()));
                }
            }
        }
    }
    out
}

fn any_target() -> impl Strategy<Value = (IdKind, &'static Endpoint, String, String)> {
    proptest::sample::select(targets())
        .prop_flat_map(|(kind, e, field)| valid(kind).prop_map(move |v| (kind, e, field.clone(), v)))
}

fn body_with(e: &Endpoint, field: &str, value: &str) -> String {
    let mut body: Value = serde_json::from_str(e.example_body.as_deref().unwrap_or("{}")).unwrap();
    body[field] = Value::String(value.into());
    body.to_string()
}

struct Fixture {
    runtime: tokio::runtime::Runtime,
    sandbox: RunningSandbox,
}

impl Fixture {
    fn new() -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let sandbox = runtime.block_on(sandbox(SandboxConfig::builtin()));
        Self { runtime, sandbox }
    }

    fn send(&self, e: &Endpoint, body: &str) -> (u16, Value) {
        self.runtime.block_on(signed_send(&self.sandbox, &e.method, &e.example_target, body))
    }
}

#[test]
fn every_identifier_kind_in_a_body_is_covered() {
    let kinds: Vec<IdKind> = targets().into_iter().map(|(k, _, _)| k).collect();
    for kind in [IdKind::Pan, IdKind::Aadhaar, IdKind::Gstin, IdKind::Ifsc, IdKind::BankAccount, IdKind::VoterId] {
        assert!(kinds.contains(&kind), "{kind:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn valid_identifiers_get_stable_answers((kind, e, field, value) in any_target()) {
        let fixture = Fixture::new();
        let body = body_with(e, &field, &value);
        let (status, mut first) = fixture.send(e, &body);
        let (_, mut second) = fixture.send(e, &body);
        prop_assert_ne!(status, 422, "{:?} {} was refused: {}", kind, value, first);
        prop_assert!(status == 200 || first["error"]["code"] == "NOT_FOUND", "{}", first);
        // An OTP reference is new on every request by design; everything else must repeat exactly.
        for answer in [&mut first, &mut second] {
            if let Some(data) = answer.get_mut("data") {
                data["ref_id"] = Value::Null;
            }
        }
        prop_assert_eq!(first, second);
    }

    #[test]
    fn corrupted_identifiers_are_refused_naming_the_field(
        (kind, e, field, value) in any_target(), position in any::<usize>(), pick in any::<u8>()
    ) {
        let bad = corrupt(kind, &value, position, pick);
        prop_assume!(bad != value);
        let fixture = Fixture::new();
        let (status, json) = fixture.send(e, &body_with(e, &field, &bad));
        prop_assert_eq!(status, 422, "{:?} {} -> {}: {}", kind, value, bad, json);
        prop_assert_eq!(&json["error"]["fields"][0]["field"], &Value::String(field.clone()));
        prop_assert!(json["error"]["fields"][0]["reason"].as_str().is_some_and(|r| r.len() > 10));
    }
}
