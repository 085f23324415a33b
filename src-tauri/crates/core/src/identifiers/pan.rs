//! PAN: the format rule and the holder type named by its 4th letter.

/// The holder type named by a PAN's 4th letter, or `None` for a letter the rules do not assign.
/// An unassigned letter is not an error: the vendor's own example PAN, `ABCDE1234F`, has one.
pub fn pan_category(pan: &str) -> Option<&'static str> {
    Some(match pan.as_bytes().get(3)? {
        b'P' => "Individual",
        b'C' => "Company",
        b'H' => "Hindu Undivided Family",
        b'F' => "Firm / LLP",
        b'A' => "Association of Persons",
        b'T' => "Trust",
        b'B' => "Body of Individuals",
        b'L' => "Local Authority",
        b'J' => "Artificial Juridical Person",
        b'G' => "Government",
        _ => return None,
    })
}

/// Checks a PAN (`AAAAA9999A`, digits not `0000`) and says exactly what is wrong.
pub fn validate_pan(pan: &str) -> Result<(), String> {
    let chars: Vec<char> = pan.chars().collect();
    if chars.len() != 10 {
        return Err(format!("a PAN has 10 characters; this one has {}", chars.len()));
    }
    for (i, c) in chars.iter().enumerate() {
        let position = i + 1;
        let want_letter = !(5..=8).contains(&i);
        if want_letter && !c.is_ascii_uppercase() {
            let hint = if c.is_ascii_lowercase() { " (use capitals)" } else { "" };
            return Err(format!("character {position} must be a capital letter{hint}"));
        }
        if !want_letter && !c.is_ascii_digit() {
            return Err(format!("character {position} must be a digit"));
        }
    }
    if pan[5..9] == *"0000" {
        return Err("characters 6 to 9 cannot all be 0".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pan_rules_give_specific_reasons() {
        assert_eq!(validate_pan("ABCPE1234F"), Ok(()));
        assert_eq!(pan_category("ABCPE1234F"), Some("Individual"));
        assert_eq!(pan_category("ABCDE1234F"), None);
        assert!(validate_pan("ABCPE1234").unwrap_err().contains("10 characters"));
        assert_eq!(validate_pan("ABCPE12345").unwrap_err(), "character 10 must be a capital letter");
        assert_eq!(validate_pan("abcpe1234f").unwrap_err(), "character 1 must be a capital letter (use capitals)");
        assert_eq!(validate_pan("ABCPEX234F").unwrap_err(), "character 6 must be a digit");
        assert_eq!(validate_pan("ABCPE0000F").unwrap_err(), "characters 6 to 9 cannot all be 0");
        assert_eq!(validate_pan("ABCDE1234F"), Ok(()));
    }
}
