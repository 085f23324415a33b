//! Property tests: random valid identifiers always pass; a one-character corruption is always rejected, with a reason.

use proptest::prelude::*;
use vk_core::identifiers::strategies::{corrupt, valid};
use vk_core::identifiers::IdKind;

fn any_valid() -> impl Strategy<Value = (IdKind, String)> {
    proptest::sample::select(IdKind::ALL.to_vec()).prop_flat_map(|kind| valid(kind).prop_map(move |v| (kind, v)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn random_valid_identifiers_pass((kind, value) in any_valid()) {
        prop_assert_eq!(kind.validate(&value), Ok(()), "{:?} {}", kind, value);
    }

    #[test]
    fn one_corrupted_character_is_always_rejected((kind, value) in any_valid(), position in any::<usize>(), pick in any::<u8>()) {
        let bad = corrupt(kind, &value, position, pick);
        prop_assume!(bad != value);
        let reason = kind.validate(&bad).expect_err(&format!("{kind:?}: {value} -> {bad} must be rejected"));
        prop_assert!(reason.len() > 10, "a specific reason, got {:?}", reason);
        prop_assert!(!reason.eq_ignore_ascii_case("invalid"));
    }
}
