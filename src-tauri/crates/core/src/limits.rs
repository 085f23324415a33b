//! Every limit vk-core puts on outside data, in one place: how deep a JSON answer may nest before it is shown
//! as it came instead of laid out, and how much indentation the pretty form draws (which bounds its size).

/// The deepest nesting any JSON walk here (and the page's tree) accepts: an answer whose arrays and objects
/// nest deeper is refused with "nested more than 128 levels deep". `[]` is one level, `[[1]]` two, `1` none.
// NOTE: 128 is serde_json's own recursion limit (it refuses at its 128th level), so nothing the app or the
// batch runner reads with serde_json is ever deeper than what the pretty form and the tree accept.
pub const JSON_MAX_DEPTH: usize = 128;

/// Levels of indentation the pretty form draws (two spaces each); deeper lines line up with the 16th level.
/// This is what keeps the pretty form's size linear in the answer's: see [`pretty_output_bound`].
// NOTE: real answers nest a handful of levels; a cap this low keeps a hostile answer of `[[[…,0,0,0…]]]` at
// most 34 times its size (1 MB becomes at most 34 MB), where drawing every level would allow 258 times.
pub const PRETTY_INDENT_LEVELS: usize = 16;

/// The most bytes the pretty form of `input_len` bytes can take, whatever they hold: every input byte becomes
/// at most a line break, the indentation and itself plus one (`,` → `,\n    `; `:` → `: `).
pub const fn pretty_output_bound(input_len: usize) -> usize {
    input_len.saturating_mul(2 + 2 * PRETTY_INDENT_LEVELS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bound_is_a_small_multiple_of_the_input() {
        assert_eq!(pretty_output_bound(1_000_000), 34_000_000);
        assert_eq!(pretty_output_bound(0), 0);
        assert_eq!(pretty_output_bound(usize::MAX), usize::MAX);
    }
}
