//! Identifier validators (PAN, Aadhaar, GSTIN, IFSC, …): each names exactly what is wrong, never just "invalid".

pub mod checksums;
mod pan;
#[cfg(feature = "test-strategies")]
pub mod strategies;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use pan::{pan_category, validate_pan};

/// Which rule a field follows. The catalog names one per field; forms and the sandbox both apply it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum IdKind {
    Pan,
    Aadhaar,
    Gstin,
    Ifsc,
    BankAccount,
    Upi,
    Mobile,
    VoterId,
    Passport,
    DrivingLicence,
    Date,
    Month,
    Amount,
}

#[derive(Clone, Copy)]
enum Class {
    Upper,
    Digit,
    NonZeroDigit,
    UpperOrDigit,
    Exact(u8),
}

impl Class {
    fn accepts(self, b: u8) -> bool {
        match self {
            Class::Upper => b.is_ascii_uppercase(),
            Class::Digit => b.is_ascii_digit(),
            Class::NonZeroDigit => (b'1'..=b'9').contains(&b),
            Class::UpperOrDigit => b.is_ascii_uppercase() || b.is_ascii_digit(),
            Class::Exact(c) => b == c,
        }
    }

    fn describe(self) -> String {
        match self {
            Class::Upper => "a capital letter".into(),
            Class::Digit => "a digit".into(),
            Class::NonZeroDigit => "a digit from 1 to 9".into(),
            Class::UpperOrDigit => "a capital letter or a digit".into(),
            Class::Exact(c) => format!("{}", c as char),
        }
    }
}

/// Checks length and, position by position, the class of each character; `offset` shifts the positions named.
fn positional(value: &str, what: &str, pattern: &[(usize, usize, Class)], offset: usize) -> Result<(), String> {
    let len = pattern.last().map_or(0, |p| p.1);
    let count = value.chars().count();
    if count != len {
        return Err(format!("{what} has {len} characters; this one has {count}"));
    }
    for (i, b) in value.bytes().enumerate() {
        let class = pattern.iter().find(|p| (p.0..p.1).contains(&i)).map(|p| p.2).unwrap_or(Class::UpperOrDigit);
        if !class.accepts(b) {
            let hint =
                if b.is_ascii_lowercase() && class.accepts(b.to_ascii_uppercase()) { " (use capitals)" } else { "" };
            return Err(format!("character {} must be {}{hint}", i + 1 + offset, class.describe()));
        }
    }
    Ok(())
}

fn digits_only(value: &str, what: &str, min: usize, max: usize) -> Result<(), String> {
    if value.contains([' ', '-']) {
        return Err(format!("write the {what} as digits only, without spaces or dashes"));
    }
    if let Some(c) = value.chars().find(|c| !c.is_ascii_digit()) {
        return Err(format!("the {what} may contain digits only, not \"{c}\""));
    }
    let n = value.len();
    if n < min || n > max {
        return Err(if min == max {
            format!("the {what} has {min} digits; this one has {n}")
        } else {
            format!("the {what} has {min} to {max} digits; this one has {n}")
        });
    }
    Ok(())
}

fn aadhaar(value: &str) -> Result<(), String> {
    digits_only(value, "Aadhaar number", 12, 12)?;
    if value.starts_with(['0', '1']) {
        return Err("an Aadhaar number never starts with 0 or 1".into());
    }
    if !checksums::verhoeff_valid(value) {
        return Err("the last digit (the check digit) does not match: the number is mistyped".into());
    }
    Ok(())
}

fn gstin(value: &str) -> Result<(), String> {
    use Class::*;
    positional(
        value,
        "a GSTIN",
        &[(0, 2, Digit), (2, 12, UpperOrDigit), (12, 13, UpperOrDigit), (13, 15, UpperOrDigit)],
        0,
    )?;
    let state: u8 = value[..2].parse().unwrap_or(0);
    if !((1..=38).contains(&state) || state == 97 || state == 99) {
        return Err(format!("the state code (first 2 digits) {:02} does not exist; it is 01 to 38, 97 or 99", state));
    }
    validate_pan(&value[2..12]).map_err(|reason| format!("characters 3 to 12 must be the holder's PAN: {reason}"))?;
    if value.as_bytes()[12] == b'0' {
        return Err("character 13 (the registration number) must be 1 to 9 or a capital letter".into());
    }
    if checksums::gstin_check_char(&value[..14]) != value.chars().nth(14) {
        return Err("the last character (the check character) does not match: the GSTIN is mistyped".into());
    }
    Ok(())
}

fn voter_id(value: &str) -> Result<(), String> {
    use Class::*;
    positional(value, "a voter ID (EPIC)", &[(0, 3, Upper), (3, 10, Digit)], 0)?;
    if checksums::luhn_check_digit(&value[3..9]) != value.as_bytes()[9] - b'0' {
        return Err("the last digit (the check digit) does not match: the voter ID is mistyped".into());
    }
    Ok(())
}

fn passport(value: &str) -> Result<(), String> {
    use Class::*;
    positional(
        value,
        "a passport number",
        &[(0, 1, Upper), (1, 2, NonZeroDigit), (2, 7, Digit), (7, 8, NonZeroDigit)],
        0,
    )?;
    if matches!(value.as_bytes()[0], b'Q' | b'X' | b'Z') {
        return Err("the first letter cannot be Q, X or Z".into());
    }
    Ok(())
}

fn driving_licence(value: &str) -> Result<(), String> {
    use Class::*;
    let compact: String = match value.get(4..5) {
        Some(" ") | Some("-") => format!("{}{}", &value[..4], &value[5..]),
        _ => value.to_string(),
    };
    positional(&compact, "a driving licence number (without the space)", &[(0, 2, Upper), (2, 15, Digit)], 0)?;
    if !matches!(&compact[4..6], "19" | "20") {
        return Err("characters 5 to 8 must be the year of issue (19xx or 20xx)".into());
    }
    Ok(())
}

fn mobile(value: &str) -> Result<(), String> {
    let number = value.strip_prefix("+91").or_else(|| value.strip_prefix('0')).unwrap_or(value);
    digits_only(number, "mobile number", 10, 10)?;
    if !number.starts_with(['6', '7', '8', '9']) {
        return Err("an Indian mobile number starts with 6, 7, 8 or 9".into());
    }
    Ok(())
}

fn upi(value: &str) -> Result<(), String> {
    let Some((handle, provider)) = value.split_once('@') else {
        return Err("a UPI ID looks like name@bank and needs one \"@\"".into());
    };
    if !(2..=256).contains(&handle.len()) {
        return Err("the part before \"@\" must have 2 to 256 characters".into());
    }
    if let Some(c) = handle.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))) {
        return Err(format!("the part before \"@\" may contain letters, digits, \".\", \"-\" and \"_\", not \"{c}\""));
    }
    if !(2..=64).contains(&provider.len()) || !provider.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err("the part after \"@\" must be 2 to 64 letters (the bank's handle, e.g. okaxis)".into());
    }
    Ok(())
}

fn date(value: &str) -> Result<(), String> {
    use Class::*;
    positional(
        value,
        "a date (YYYY-MM-DD)",
        &[(0, 4, Digit), (4, 5, Exact(b'-')), (5, 7, Digit), (7, 8, Exact(b'-')), (8, 10, Digit)],
        0,
    )?;
    let (y, m, d): (u32, u32, u32) =
        (value[..4].parse().unwrap_or(0), value[5..7].parse().unwrap_or(0), value[8..].parse().unwrap_or(0));
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(format!("the month {m:02} does not exist")),
    };
    if d == 0 || d > days {
        return Err(format!("day {d:02} does not exist in {y}-{m:02}"));
    }
    Ok(())
}

fn month(value: &str) -> Result<(), String> {
    use Class::*;
    positional(value, "a month (YYYY-MM)", &[(0, 4, Digit), (4, 5, Exact(b'-')), (5, 7, Digit)], 0)?;
    match value[5..].parse::<u32>() {
        Ok(1..=12) => Ok(()),
        _ => Err(format!("the month {} does not exist (01 to 12)", &value[5..])),
    }
}

fn amount(value: &str) -> Result<(), String> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return Err("an amount is a number of rupees such as 1500 or 1500.50".into());
    }
    if fraction.len() > 2 || (value.contains('.') && fraction.is_empty()) {
        return Err("an amount has at most 2 digits after the point (paise)".into());
    }
    if value.bytes().all(|b| b == b'0' || b == b'.') {
        return Err("the amount must be more than 0".into());
    }
    Ok(())
}

impl IdKind {
    pub const ALL: [IdKind; 13] = [
        Self::Pan,
        Self::Aadhaar,
        Self::Gstin,
        Self::Ifsc,
        Self::BankAccount,
        Self::Upi,
        Self::Mobile,
        Self::VoterId,
        Self::Passport,
        Self::DrivingLicence,
        Self::Date,
        Self::Month,
        Self::Amount,
    ];

    /// Checks `value` and says exactly what is wrong with it.
    pub fn validate(self, value: &str) -> Result<(), String> {
        use Class::*;
        match self {
            Self::Pan => validate_pan(value),
            Self::Aadhaar => aadhaar(value),
            Self::Gstin => gstin(value),
            Self::Ifsc => positional(value, "an IFSC", &[(0, 4, Upper), (4, 5, Exact(b'0')), (5, 11, UpperOrDigit)], 0),
            Self::BankAccount => digits_only(value, "account number", 9, 18),
            Self::Upi => upi(value),
            Self::Mobile => mobile(value),
            Self::VoterId => voter_id(value),
            Self::Passport => passport(value),
            Self::DrivingLicence => driving_licence(value),
            Self::Date => date(value),
            Self::Month => month(value),
            Self::Amount => amount(value),
        }
    }
}

#[cfg(test)]
mod tests;
