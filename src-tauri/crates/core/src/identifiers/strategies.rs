//! proptest strategies for valid identifiers and one-character corruptions (feature `test-strategies`, tests only).

use proptest::prelude::*;

use super::checksums::{gstin_check_char, luhn_check_digit, verhoeff_check_digit};
use super::IdKind;

fn pan() -> impl Strategy<Value = String> {
    "[A-Z]{3}[PCHFATBLJG][A-Z][0-9]{4}[A-Z]".prop_filter("digits are not 0000", |p| &p[5..9] != "0000")
}

/// A valid value of `kind`, drawn at random.
pub fn valid(kind: IdKind) -> BoxedStrategy<String> {
    match kind {
        IdKind::Pan => pan().boxed(),
        IdKind::Aadhaar => "[2-9][0-9]{10}".prop_map(|s| format!("{s}{}", verhoeff_check_digit(&s))).boxed(),
        IdKind::Gstin => (1..=38u8, pan(), "[1-9A-Z]")
            .prop_map(|(state, pan, entity)| {
                let first = format!("{state:02}{pan}{entity}Z");
                let check = gstin_check_char(&first).expect("alphabet");
                format!("{first}{check}")
            })
            .boxed(),
        IdKind::Ifsc => "[A-Z]{4}0[A-Z0-9]{6}".boxed(),
        IdKind::BankAccount => "[0-9]{9,18}".boxed(),
        IdKind::Upi => "[a-z0-9._-]{2,20}@[a-z]{2,12}".boxed(),
        IdKind::Mobile => "(\\+91|0)?[6-9][0-9]{9}".boxed(),
        IdKind::VoterId => "[A-Z]{3}[0-9]{6}".prop_map(|s| format!("{s}{}", luhn_check_digit(&s[3..]))).boxed(),
        IdKind::Passport => "[A-PR-WY][1-9][0-9]{5}[1-9]".boxed(),
        IdKind::DrivingLicence => "[A-Z]{2}[0-9]{2}[ -]?(19|20)[0-9]{2}[0-9]{7}".boxed(),
        IdKind::Date => {
            (1950..2040u32, 1..=12u32, 1..=28u32).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")).boxed()
        }
        IdKind::Month => (1950..2040u32, 1..=12u32).prop_map(|(y, m)| format!("{y}-{m:02}")).boxed(),
        IdKind::Amount => "[1-9][0-9]{0,6}(\\.[0-9]{2})?".boxed(),
    }
}

/// `value` with the character at `position` (taken modulo the length) replaced so that the result is invalid:
/// for checksummed identifiers any other character of the same alphabet (the check digit catches it),
/// otherwise a character of the wrong class for that place.
pub fn corrupt(kind: IdKind, value: &str, position: usize, pick: u8) -> String {
    let mut bytes = value.as_bytes().to_vec();
    let i = position % bytes.len();
    let c = bytes[i];
    let other_in = |alphabet: &[u8]| {
        let others: Vec<u8> = alphabet.iter().copied().filter(|&a| a != c).collect();
        others[usize::from(pick) % others.len()]
    };
    const DIGITS: &[u8] = b"0123456789";
    const BASE36: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    bytes[i] = match kind {
        IdKind::Aadhaar => other_in(DIGITS),
        IdKind::Gstin => other_in(BASE36),
        IdKind::VoterId if i >= 3 => other_in(DIGITS),
        IdKind::Ifsc | IdKind::Upi | IdKind::Amount => b'#',
        _ if c.is_ascii_digit() => b'A' + pick % 26,
        _ if c.is_ascii_alphabetic() => b'0' + pick % 10,
        _ => b'#',
    };
    String::from_utf8(bytes).expect("ASCII in, ASCII out")
}
