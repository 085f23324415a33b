//! Masks Aadhaar numbers in stored text: any 12-digit number (spaces allowed in 4-4-4) that passes the Verhoeff
//! check becomes `XXXX XXXX 1234`. Numbers that fail the check are left alone (they are not Aadhaar numbers).

use vk_core::identifiers::checksums::verhoeff_valid;

/// Returns `text` with every Aadhaar number masked.
pub fn mask_aadhaar(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        let starts_number = bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit());
        if starts_number {
            if let Some((end, digits)) = aadhaar_at(bytes, i) {
                out.push_str(&text[copied..i]);
                out.push_str(MASK);
                out.push_str(&digits[8..]);
                copied = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
    out
}

/// Whether `text` holds an Aadhaar number masked by [`mask_aadhaar`] (so it cannot be sent again as it is).
pub fn has_masked_aadhaar(text: &str) -> bool {
    text.match_indices(MASK).any(|(i, _)| {
        let rest = &text.as_bytes()[i + MASK.len()..];
        rest.len() >= 4 && rest[..4].iter().all(u8::is_ascii_digit)
    })
}

const MASK: &str = "XXXX XXXX ";

/// An Aadhaar number starting at `start`: 12 digits, or 4+4+4 separated by single spaces, not followed by a digit.
fn aadhaar_at(bytes: &[u8], start: usize) -> Option<(usize, String)> {
    let mut digits = String::with_capacity(12);
    let mut i = start;
    while digits.len() < 12 && i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            digits.push(b as char);
        } else if b == b' ' && (digits.len() == 4 || digits.len() == 8) && i > start && bytes[i - 1] != b' ' {
            // a separating space
        } else {
            return None;
        }
        i += 1;
    }
    let followed_by_digit = bytes.get(i).is_some_and(u8::is_ascii_digit);
    let plausible = digits.len() == 12 && !digits.starts_with(['0', '1']) && !followed_by_digit;
    (plausible && verhoeff_valid(&digits)).then_some((i, digits))
}

#[cfg(test)]
mod tests {
    use super::{has_masked_aadhaar, mask_aadhaar};

    #[test]
    fn masks_valid_numbers_only() {
        assert_eq!(mask_aadhaar(r#"{"aadhaar":"234123412346"}"#), r#"{"aadhaar":"XXXX XXXX 2346"}"#);
        assert_eq!(mask_aadhaar("id 2341 2341 2346 ok"), "id XXXX XXXX 2346 ok");
        assert!(has_masked_aadhaar(&mask_aadhaar("id 2341 2341 2346 ok")));
        assert!(!has_masked_aadhaar("XXXX XXXX ABCD") && !has_masked_aadhaar("id 2341 2341 2346"));
        // Wrong check digit, too long, phone-like: left alone.
        assert_eq!(mask_aadhaar("234123412345"), "234123412345");
        assert_eq!(mask_aadhaar("2341234123467"), "2341234123467");
        assert_eq!(mask_aadhaar("9876543210"), "9876543210");
        assert_eq!(mask_aadhaar("बेंगलुरु 234123412346."), "बेंगलुरु XXXX XXXX 2346.");
    }
}
