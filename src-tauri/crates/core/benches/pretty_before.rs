//! The pretty-printer as it was before bounding (commit 8b8a573), kept for the benchmark only: pretty-printing JSON of any size as a stream of tokens: every string, number and literal is copied byte for
//! byte (no re-encoding of numbers or escapes), only the whitespace between tokens changes.

use std::io::{self, Write};

const INDENT: &[u8] = b"  ";

fn newline(out: &mut impl Write, depth: usize) -> io::Result<()> {
    out.write_all(b"\n")?;
    for _ in 0..depth {
        out.write_all(INDENT)?;
    }
    Ok(())
}

/// The index of the next byte after `i` that is not JSON whitespace.
fn skip_space(input: &[u8], mut i: usize) -> usize {
    while i < input.len() && matches!(input[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// Writes `input` indented by two spaces per level. Text that is not JSON is still written, token by token,
/// so a broken answer shows as far as it goes.
pub fn reformat(input: &[u8], out: &mut impl Write) -> io::Result<()> {
    let mut depth = 0usize;
    let mut i = 0;
    while i < input.len() {
        let b = input[i];
        match b {
            b'"' => {
                let start = i;
                i += 1;
                while i < input.len() && input[i] != b'"' {
                    i += if input[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(input.len());
                out.write_all(&input[start..i])?;
                continue;
            }
            b'{' | b'[' => {
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
                while i < input.len() && !b"\"{}[],: \t\n\r".contains(&input[i]) {
                    i += 1;
                }
                out.write_all(&input[start..i])?;
                continue;
            }
        }
        i += 1;
    }
    Ok(())
}
