//! Pretty-printing JSON of any size as a stream of tokens: every string, number and literal is copied byte for
//! byte (no re-encoding of numbers or escapes), only the whitespace between tokens changes. Bounded: nesting past
//! [`JSON_MAX_DEPTH`] is refused, and indentation stops growing at [`PRETTY_INDENT_LEVELS`], so the output is
//! never more than [`crate::limits::pretty_output_bound`] of the input.

use std::io::{self, Write};

use crate::limits::{JSON_MAX_DEPTH, PRETTY_INDENT_LEVELS};

/// A line break and the deepest indentation drawn, sliced for each level.
const NEWLINE_INDENT: &[u8; 1 + 2 * PRETTY_INDENT_LEVELS] = b"\n                                ";

#[inline]
fn newline(out: &mut impl Write, depth: usize) -> io::Result<()> {
    out.write_all(&NEWLINE_INDENT[..1 + 2 * depth.min(PRETTY_INDENT_LEVELS)])
}

/// The reason given when an answer nests deeper than [`JSON_MAX_DEPTH`]: "nested more than 128 levels deep".
pub fn too_deep_reason() -> String {
    format!("nested more than {JSON_MAX_DEPTH} levels deep")
}

/// Whether `error` (from [`reformat`]) is the refusal of an answer nested too deep.
pub fn is_too_deep(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::InvalidData && error.to_string() == too_deep_reason()
}

/// The bytes that end a number or literal: quotes, brackets, `,`, `:` and JSON whitespace.
const DELIMITER: [bool; 256] = {
    let mut table = [false; 256];
    let mut k = 0;
    while k < 10 {
        table[b"\"{}[],: \t\n\r"[k] as usize] = true;
        k += 1;
    }
    table
};

/// The index just past the string whose text starts at `i` (after its opening quote): past its closing quote, or
/// the end of the input when it is not closed. A backslash escapes the byte after it.
#[inline]
fn string_end(input: &[u8], mut i: usize) -> usize {
    loop {
        match input[i..].iter().position(|&c| c == b'"' || c == b'\\') {
            None => return input.len(),
            Some(p) if input[i + p] == b'"' => return i + p + 1,
            Some(p) => {
                i += p + 2;
                if i >= input.len() {
                    return input.len();
                }
            }
        }
    }
}

#[cold]
fn too_deep() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, too_deep_reason())
}

/// The index of the next byte after `i` that is not JSON whitespace.
fn skip_space(input: &[u8], mut i: usize) -> usize {
    while i < input.len() && matches!(input[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// Writes `input` indented by two spaces per level (at most [`PRETTY_INDENT_LEVELS`] levels drawn). Text that is
/// not JSON is still written, token by token, so a broken answer shows as far as it goes. Nesting deeper than
/// [`JSON_MAX_DEPTH`] stops the writing with an `InvalidData` error whose text is [`too_deep_reason`].
pub fn reformat(input: &[u8], out: &mut impl Write) -> io::Result<()> {
    let mut depth = 0usize;
    let mut i = 0;
    while i < input.len() {
        let b = input[i];
        match b {
            b'"' => {
                let start = i;
                i = string_end(input, i + 1);
                out.write_all(&input[start..i])?;
                continue;
            }
            b'{' | b'[' => {
                if depth >= JSON_MAX_DEPTH {
                    return Err(too_deep());
                }
                let close = if b == b'{' { b'}' } else { b']' };
                let next = skip_space(input, i + 1);
                if input.get(next) == Some(&close) {
                    out.write_all(&[b, close])?;
                    i = next + 1;
                    continue;
                }
                out.write_all(&[b])?;
                depth += 1;
                newline(out, depth)?;
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(out, depth)?;
                out.write_all(&[b])?;
            }
            b',' => {
                out.write_all(b",")?;
                newline(out, depth)?;
            }
            b':' => out.write_all(b": ")?,
            b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => {
                let start = i;
                i += input[i..].iter().position(|&c| DELIMITER[c as usize]).unwrap_or(input.len() - i);
                out.write_all(&input[start..i])?;
                continue;
            }
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::reformat;

    fn pretty(input: &str) -> String {
        let mut out = Vec::new();
        reformat(input.as_bytes(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn indents_and_keeps_every_token_as_written() {
        let input = r#"{"balance":15420.50,"e":1E+3,"s":"a\"b, [c]: {d}","l":[1, {}, [ ],null,true],"n":{"x":"नमस्ते"}}"#;
        let expected = "{\n  \"balance\": 15420.50,\n  \"e\": 1E+3,\n  \"s\": \"a\\\"b, [c]: {d}\",\n  \"l\": [\n    1,\n    {},\n    [],\n    null,\n    true\n  ],\n  \"n\": {\n    \"x\": \"नमस्ते\"\n  }\n}";
        assert_eq!(pretty(input), expected);
        let again: serde_json::Value = serde_json::from_str(&pretty(input)).unwrap();
        assert_eq!(again, serde_json::from_str::<serde_json::Value>(input).unwrap());
    }

    #[test]
    fn indentation_stops_at_the_drawn_levels() {
        let out = pretty(&format!("{}1{}", "[".repeat(20), "]".repeat(20)));
        let widest = out.lines().map(|l| l.len()).max().unwrap();
        assert_eq!(widest, 2 * crate::limits::PRETTY_INDENT_LEVELS + 1);
    }

    #[test]
    fn broken_text_is_written_as_far_as_it_goes() {
        assert_eq!(pretty(r#"{"a": [1, "unterminated"#), "{\n  \"a\": [\n    1,\n    \"unterminated");
        assert_eq!(pretty("]]"), "\n]\n]");
    }
}
