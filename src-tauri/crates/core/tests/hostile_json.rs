//! Hostile JSON answers against the pretty-printer and the summary reader, under a memory cap and a deadline
//! (vk-testcap): deep nesting at and past the limit, arbitrary bytes and mutated real answers. A test binary of
//! its own, because the memory cap covers the whole process.

use std::time::Duration;

use proptest::prelude::*;
use vk_core::limits::{pretty_output_bound, JSON_MAX_DEPTH};
use vk_core::pretty::reformat;
use vk_core::shallow::{success_data_fields, success_data_fields_from_reader, ShallowValue};

fn nested(levels: usize, inner: &str) -> String {
    format!("{}{inner}{}", "[".repeat(levels), "]".repeat(levels))
}

/// The pretty form and whether the printer accepted the input.
fn pretty(input: &[u8]) -> (bool, Vec<u8>) {
    let mut out = Vec::new();
    let ok = reformat(input, &mut out).is_ok();
    (ok, out)
}

#[test]
fn a_deeply_nested_answer_prints_at_most_a_bounded_size() {
    let _guard = vk_testcap::hostile("a_deeply_nested_answer_prints_at_most_a_bounded_size", Duration::from_secs(60));
    // The finding: 16 KB of `[[[…]]]` printed 128 MB (2·depth² bytes).
    let input = nested(8_000, "");
    assert_eq!(input.len(), 16_000);
    let (ok, out) = pretty(input.as_bytes());
    assert!(!ok, "refused: nested more than {JSON_MAX_DEPTH} levels deep");
    assert!(out.len() <= pretty_output_bound(input.len()), "{} bytes printed for {} bytes", out.len(), input.len());
}

#[test]
fn nesting_exactly_at_the_limit_is_laid_out_and_one_more_is_refused() {
    let _guard = vk_testcap::hostile("nesting_exactly_at_the_limit", Duration::from_secs(60));
    for inner in ["", "1", r#"{"a":[]}"#] {
        let levels = if inner.starts_with('{') { JSON_MAX_DEPTH - 2 } else { JSON_MAX_DEPTH };
        let (ok, out) = pretty(nested(levels, inner).as_bytes());
        assert!(ok, "{levels} levels around {inner:?} are laid out");
        assert!(out.len() <= pretty_output_bound(nested(levels, inner).len()));
        let mut out = Vec::new();
        let refused = reformat(nested(levels + 1, inner).as_bytes(), &mut out).unwrap_err();
        assert!(refused.to_string().contains("nested more than 128 levels deep"), "{refused}");
    }
    // Objects count as levels too.
    let objects = format!("{}1{}", r#"{"a":"#.repeat(JSON_MAX_DEPTH + 1), "}".repeat(JSON_MAX_DEPTH + 1));
    assert!(!pretty(objects.as_bytes()).0);
}

#[test]
fn the_summary_reader_skips_deep_values_without_recursing() {
    let _guard = vk_testcap::hostile("the_summary_reader_skips_deep_values", Duration::from_secs(60));
    // Far past any recursion limit, inside data: skipped in constant space, the top still read.
    let deep = nested(1_000_000, "1");
    let body = format!(r#"{{"success":true,"data":{{"deep":{deep},"total":2}}}}"#);
    let fields = success_data_fields(body.as_bytes()).expect("the top of data");
    assert_eq!(fields[0].value, ShallowValue::List { length: 1 });
    assert_eq!(fields[1].value, ShallowValue::Scalar { json: "2".into() });
    assert_eq!(success_data_fields_from_reader(body.as_bytes()), Some(fields));
    // Deep where data should be, or as the whole body: no summary, and no crash.
    assert!(success_data_fields(format!(r#"{{"success":true,"data":{deep}}}"#).as_bytes()).is_none());
    assert!(success_data_fields(deep.as_bytes()).is_none());
    assert!(success_data_fields(nested(1_000_000, "").as_bytes()).is_none());
    // Unclosed, as a truncated hostile answer would be.
    assert!(
        success_data_fields(format!(r#"{{"success":true,"data":{{"a":{}"#, "[".repeat(1_000_000)).as_bytes()).is_none()
    );
}

#[test]
fn an_error_envelope_reader_survives_deep_input() {
    let _guard = vk_testcap::hostile("an_error_envelope_reader_survives_deep_input", Duration::from_secs(60));
    let deep = nested(1_000_000, "");
    assert!(vk_core::envelope::parse_error(deep.as_bytes()).is_none());
    let body = format!(
        r#"{{"success":false,"extra":{deep},"error":{{"code":"RATE_LIMITED","message":"slow down","http_status":429}}}}"#
    );
    assert_eq!(vk_core::envelope::parse_error(body.as_bytes()).unwrap().code, "RATE_LIMITED");
    let in_code = format!(r#"{{"success":false,"error":{{"code":{deep},"message":"m","http_status":429}}}}"#);
    assert!(vk_core::envelope::parse_error(in_code.as_bytes()).is_none());
}

/// A real answer, as the sandbox sends it: the seed the mutations start from.
const REAL: &str = r#"{"success":true,"data":{"customers":[{"id":"CUST00000001","name":"Asha \"A\" नमस्ते","active":true,"balance":15420.50,"e":1E+3,"tags":["retail","kyc"],"address":{"line":"12 MG Road","pin":"411001"},"notes":null,"empty":[],"o":{}}],"total":1,"page":{"next":null}}}"#;

/// One change to a real answer: a byte put in, taken out or replaced, or a bracket run added.
#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, u8),
    Delete(usize),
    Replace(usize, u8),
    Brackets(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let byte = prop::sample::select(b"{}[],:\"\\ 01-eE.tn".to_vec()).boxed().prop_union(any::<u8>().boxed());
    prop_oneof![
        (any::<usize>(), byte.clone()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<usize>().prop_map(Mutation::Delete),
        (any::<usize>(), byte).prop_map(|(i, b)| Mutation::Replace(i, b)),
        (any::<usize>(), 1..300usize).prop_map(|(i, n)| Mutation::Brackets(i, n)),
    ]
}

fn mutate(mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = REAL.as_bytes().to_vec();
    for m in mutations {
        let at = |i: usize, len: usize| if len == 0 { 0 } else { i % len };
        match *m {
            Mutation::Insert(i, b) => bytes.insert(at(i, bytes.len() + 1), b),
            Mutation::Delete(i) if !bytes.is_empty() => {
                bytes.remove(at(i, bytes.len()));
            }
            Mutation::Replace(i, b) if !bytes.is_empty() => {
                let i = at(i, bytes.len());
                bytes[i] = b;
            }
            Mutation::Brackets(i, n) => {
                let i = at(i, bytes.len() + 1);
                bytes.splice(i..i, std::iter::repeat_n(b'[', n));
            }
            _ => {}
        }
    }
    bytes
}

/// What every input must give: no panic, the pretty form within its bound, the summary reader answers, and a
/// valid answer within the limit pretty-prints to the same value.
fn check(input: &[u8]) -> Result<(), TestCaseError> {
    let (ok, out) = pretty(input);
    prop_assert!(out.len() <= pretty_output_bound(input.len()), "{} bytes for {}", out.len(), input.len());
    let _ = success_data_fields(input);
    let _ = vk_core::envelope::parse_error(input);
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(input) {
        // serde_json parsed it, so it is within 128 levels: it must be laid out, to the same value.
        prop_assert!(ok, "valid JSON within the limit was refused");
        let again: serde_json::Value = serde_json::from_slice(&out).expect("the pretty form is JSON");
        prop_assert_eq!(again, value);
        prop_assert!(vk_core::envelope::pretty_json(input).is_some());
    }
    Ok(())
}

/// Runs `test` on 10,000 cases of `strategy` (and checks that they all ran).
fn run<S: Strategy>(strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>) {
    let cases = std::sync::atomic::AtomicUsize::new(0);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(10_000));
    runner
        .run(&strategy, |value| {
            cases.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            test(value)
        })
        .unwrap();
    assert!(cases.into_inner() >= 10_000);
}

#[test]
fn arbitrary_bytes_never_break_the_printer_or_the_summary_reader() {
    let _guard = vk_testcap::hostile("arbitrary_bytes_never_break_the_printer", Duration::from_secs(120));
    run(prop::collection::vec(any::<u8>(), 0..600), |bytes| check(&bytes));
}

#[test]
fn mutated_real_answers_never_break_the_printer_or_the_summary_reader() {
    let _guard = vk_testcap::hostile("mutated_real_answers_never_break_the_printer", Duration::from_secs(120));
    assert!(check(REAL.as_bytes()).is_ok());
    run(prop::collection::vec(mutation(), 1..6), |mutations| check(&mutate(&mutations)));
}
