//! Validator tests: published valid numbers pass; each kind of mistake gets its own reason.

use super::IdKind::*;

fn reason(kind: super::IdKind, value: &str) -> String {
    kind.validate(value).expect_err(value)
}

#[test]
fn published_and_documented_values_pass() {
    for (kind, value) in [
        (Pan, "ABCPE1234F"),
        (Aadhaar, "234123412346"),
        (Gstin, "27AAPFU0939F1ZV"),
        (Ifsc, "SBIN0001234"),
        (BankAccount, "123456789012"),
        (Upi, "ramesh.kumar@okaxis"),
        (Mobile, "9876543210"),
        (Mobile, "+919876543210"),
        (Mobile, "09876543210"),
        (VoterId, "ABC1234566"),
        (Passport, "J8369854"),
        (DrivingLicence, "MH12 20110012345"),
        (DrivingLicence, "MH1220110012345"),
        (Date, "2024-02-29"),
        (Month, "2026-05"),
        (Amount, "1500.50"),
        (Amount, "1"),
    ] {
        assert_eq!(kind.validate(value), Ok(()), "{kind:?} {value}");
    }
}

#[test]
fn checksums_catch_typos() {
    assert!(reason(Aadhaar, "234123412345").contains("check digit"));
    assert!(reason(Gstin, "27AAPFU0939F1ZW").contains("check character"));
    assert!(reason(VoterId, "ABC1234567").contains("check digit"));
}

#[test]
fn reasons_name_the_problem() {
    assert_eq!(reason(Aadhaar, "1234 5678 9012"), "write the Aadhaar number as digits only, without spaces or dashes");
    assert_eq!(reason(Aadhaar, "134123412346"), "an Aadhaar number never starts with 0 or 1");
    assert_eq!(reason(Aadhaar, "23412341234"), "the Aadhaar number has 12 digits; this one has 11");
    assert_eq!(
        reason(Gstin, "40AAPFU0939F1ZV"),
        "the state code (first 2 digits) 40 does not exist; it is 01 to 38, 97 or 99"
    );
    assert_eq!(
        reason(Gstin, "27AAPF10939F1ZV"),
        "characters 3 to 12 must be the holder's PAN: character 5 must be a capital letter"
    );
    assert_eq!(reason(Ifsc, "SBIN1001234"), "character 5 must be 0");
    assert_eq!(reason(Ifsc, "sbin0001234"), "character 1 must be a capital letter (use capitals)");
    assert_eq!(reason(BankAccount, "12345678"), "the account number has 9 to 18 digits; this one has 8");
    assert!(reason(Upi, "ramesh").contains("needs one \"@\""));
    assert!(reason(Upi, "ramesh@ok1").contains("after \"@\""));
    assert_eq!(reason(Mobile, "5876543210"), "an Indian mobile number starts with 6, 7, 8 or 9");
    assert_eq!(reason(Passport, "Q8369854"), "the first letter cannot be Q, X or Z");
    assert_eq!(reason(Passport, "J0369854"), "character 2 must be a digit from 1 to 9");
    assert!(reason(DrivingLicence, "MH1218110012345").contains("year of issue"));
    assert_eq!(reason(Date, "2023-02-29"), "day 29 does not exist in 2023-02");
    assert_eq!(reason(Date, "2023-13-01"), "the month 13 does not exist");
    assert_eq!(reason(Month, "2026-00"), "the month 00 does not exist (01 to 12)");
    assert_eq!(reason(Amount, "0"), "the amount must be more than 0");
    assert_eq!(reason(Amount, "10.505"), "an amount has at most 2 digits after the point (paise)");
    assert!(reason(Amount, "-5").contains("number of rupees"));
}
