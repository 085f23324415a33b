//! Text from outside (the server's answers and messages, a sheet's cells, what the user typed) made safe to print:
//! every control character that a terminal acts on becomes a visible `\u001b`-style escape, so no ANSI or OSC
//! sequence (colours, a new window title, a hidden link, a cleared screen) and no bidi override reaches the
//! terminal. Line breaks and tabs stay, so pretty JSON keeps its shape; nothing is ever dropped.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal as it is.
fn acts_on_terminal(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        // C0 (ESC, BEL, backspace, carriage return, ...), DEL and C1 (CSI, OSC, ST as single characters).
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        // Bidi controls: they make a terminal show text in another order than it has (CVE-2021-42574).
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// `text` with each such character written as `\uXXXX`. In pretty JSON these characters can only stand inside
/// strings (JSON allows C1, DEL and bidi controls there unescaped), so the output stays the same JSON.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts_on_terminal) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if acts_on_terminal(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::visible;

    #[test]
    fn sequences_become_visible_and_layout_stays() {
        assert_eq!(visible("{\n\t\"a\": 1\n}"), "{\n\t\"a\": 1\n}");
        assert_eq!(visible("\u{1b}[31mred\u{7}"), "\\u001b[31mred\\u0007");
        assert_eq!(visible("\u{9b}2J \u{202e}cba"), "\\u009b2J \\u202ecba");
        assert_eq!(visible("ok\rFAILED"), "ok\\u000dFAILED");
        assert_eq!(visible("पुणे é"), "पुणे é");
    }
}
