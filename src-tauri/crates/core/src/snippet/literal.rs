//! String literals for each language: the text between the quotes, escaped so the program's string is
//! exactly the input, byte for byte (quotes, backslashes, `$`, line breaks, control and non-ASCII text).

use std::fmt::Write;

/// The pieces of a body, one per line, each keeping its line break, so a multi-line body reads as lines.
pub fn lines(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = text.split_inclusive('\n').collect();
    if out.is_empty() {
        out.push("");
    }
    out
}

fn escape(text: &str, quote: char, special: impl Fn(char, &mut String) -> bool) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        if special(c, &mut out) {
            continue;
        }
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn hex_byte(c: char, out: &mut String) {
    let _ = write!(out, "\\x{:02x}", c as u32);
}

fn is_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || c == '\u{feff}'
}

/// PHP double-quoted string: `$` must not start an interpolation.
pub fn php(text: &str) -> String {
    escape(text, '"', |c, out| match c {
        '$' => {
            out.push_str("\\$");
            true
        }
        c if is_control(c) => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
            true
        }
        _ => false,
    })
}

/// Python single-quoted string (the source is UTF-8, so other text stays as it is).
pub fn python(text: &str) -> String {
    escape(text, '\'', |c, out| {
        if is_control(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
            return true;
        }
        false
    })
}

/// JavaScript single-quoted string.
pub fn javascript(text: &str) -> String {
    escape(text, '\'', |c, out| {
        if is_control(c) || matches!(c, '\u{2028}' | '\u{2029}') {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
            return true;
        }
        false
    })
}

/// Go interpreted string literal (`"…"`).
pub fn go(text: &str) -> String {
    escape(text, '"', |c, out| {
        if is_control(c) {
            if (c as u32) < 0x80 {
                hex_byte(c, out);
            } else {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            return true;
        }
        false
    })
}

/// Rust string literal.
pub fn rust(text: &str) -> String {
    escape(text, '"', |c, out| {
        if is_control(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
            return true;
        }
        false
    })
}

/// Java string literal, all ASCII: JDK 17 reads a source file in the platform's encoding, which may not be
/// UTF-8, so other text is written as `\uXXXX` (UTF-16). Control characters use octal escapes, because a
/// `\u000a` would end the line before the compiler sees the string.
pub fn java(text: &str) -> String {
    escape(text, '"', |c, out| {
        if is_control(c) && (c as u32) < 0x100 {
            let _ = write!(out, "\\{:03o}", c as u32);
            return true;
        }
        if !c.is_ascii() {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{:04x}", unit);
            }
            return true;
        }
        false
    })
}

/// POSIX shell single-quoted word: nothing inside is special but the quote itself, written `'\''`.
/// Line breaks stay real line breaks inside the quotes.
pub fn shell(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_their_breaks() {
        assert_eq!(lines(""), vec![""]);
        assert_eq!(lines("{}"), vec!["{}"]);
        assert_eq!(lines("{\n  \"a\": 1\n}\n"), vec!["{\n", "  \"a\": 1\n", "}\n"]);
    }

    #[test]
    fn each_language_escapes_what_it_must() {
        let text = "a\"b'c\\d$e\nf\u{1}g\u{feff}ह";
        assert_eq!(php(text), "\"a\\\"b'c\\\\d\\$e\\nf\\u{1}g\\u{feff}ह\"");
        assert_eq!(python(text), "'a\"b\\'c\\\\d$e\\nf\\u0001g\\ufeffह'");
        assert_eq!(javascript(text), "'a\"b\\'c\\\\d$e\\nf\\u{1}g\\u{feff}ह'");
        assert_eq!(go(text), "\"a\\\"b'c\\\\d$e\\nf\\x01g\\ufeffह\"");
        assert_eq!(rust(text), "\"a\\\"b'c\\\\d$e\\nf\\u{1}g\\u{feff}ह\"");
        assert_eq!(java(text), "\"a\\\"b'c\\\\d$e\\nf\\001g\\ufeff\\u0939\"");
        assert_eq!(shell("it's $x\n"), "'it'\\''s $x\n'");
    }

    #[test]
    fn java_writes_astral_characters_as_surrogate_pairs() {
        assert_eq!(java("😀"), "\"\\ud83d\\ude00\"");
    }
}
