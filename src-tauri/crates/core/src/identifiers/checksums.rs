//! Check-digit algorithms used by Indian identifiers: Verhoeff (Aadhaar), Luhn (voter ID), Luhn mod 36 (GSTIN).

const VERHOEFF_D: [[u8; 10]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P: [[u8; 10]; 8] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const VERHOEFF_INV: [u8; 10] = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

fn digits(s: &str) -> impl DoubleEndedIterator<Item = u8> + '_ {
    s.bytes().map(|b| b - b'0')
}

/// True when the last digit of `number` (ASCII digits only) is its Verhoeff check digit.
pub fn verhoeff_valid(number: &str) -> bool {
    digits(number)
        .rev()
        .enumerate()
        .fold(0u8, |c, (i, d)| VERHOEFF_D[c as usize][VERHOEFF_P[i % 8][d as usize] as usize])
        == 0
}

/// The Verhoeff check digit to append to `number` (ASCII digits only).
pub fn verhoeff_check_digit(number: &str) -> u8 {
    let c = digits(number)
        .rev()
        .enumerate()
        .fold(0u8, |c, (i, d)| VERHOEFF_D[c as usize][VERHOEFF_P[(i + 1) % 8][d as usize] as usize]);
    VERHOEFF_INV[c as usize]
}

/// The Luhn check digit to append to `number` (ASCII digits only).
pub fn luhn_check_digit(number: &str) -> u8 {
    let sum: u32 = digits(number)
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let d = u32::from(d);
            if i % 2 == 0 {
                let twice = d * 2;
                twice / 10 + twice % 10
            } else {
                d
            }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

const BASE36: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// The GSTIN check character for its first 14 characters (digits and capitals), by Luhn mod 36.
pub fn gstin_check_char(first14: &str) -> Option<char> {
    let mut sum = 0u32;
    for (i, b) in first14.bytes().enumerate() {
        let value = BASE36.iter().position(|&c| c == b)? as u32;
        let product = value * if i % 2 == 0 { 1 } else { 2 };
        sum += product / 36 + product % 36;
    }
    Some(BASE36[((36 - sum % 36) % 36) as usize] as char)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_numbers() {
        assert!(verhoeff_valid("234123412346"));
        assert!(!verhoeff_valid("234123412345"));
        assert_eq!(verhoeff_check_digit("23412341234"), 6);
        assert_eq!(verhoeff_check_digit("236"), 3);
        assert_eq!(gstin_check_char("27AAPFU0939F1Z"), Some('V'));
        assert_eq!(luhn_check_digit("7992739871"), 3);
        assert_eq!(gstin_check_char("27aapfu0939f1z"), None);
    }
}
