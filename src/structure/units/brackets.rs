//! Bracket groups of a folded paragraph, and cutting the original text
//! where the folded one matched (the two have the same code points).

// A `match`, not a search of a list: every character of every paragraph
// is asked.
pub(super) fn is_opener(c: char) -> bool {
    matches!(c, '(' | '[' | '〔' | '【' | '〖' | '〈' | '<')
}
pub(super) fn is_closer(c: char) -> bool {
    matches!(c, ')' | ']' | '〕' | '】' | '〗' | '〉' | '>')
}

/// Cuts the original text matching a byte range of the folded text: the
/// same code points, counted from the start; a slice, not a copy. An
/// original shorter than the folded text is cut short (to empty past its
/// end).
pub(super) fn cut<'o>(folded: &str, original: &'o str, start: usize, end: usize) -> &'o str {
    let skip = folded[..start].chars().count();
    let take = folded[start..end].chars().count();
    let from = byte_at(original, skip);
    let to = from + byte_at(&original[from..], take);
    &original[from..to]
}

/// Byte offset of the `n`th code point of `s`, or its length when it has
/// fewer.
fn byte_at(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)
}

/// Byte offset of the closer matching the bracket group whose content starts
/// at `from` (depth 1 there), or None when it never closes.
fn matching_close(s: &str, from: usize) -> Option<usize> {
    let mut depth = 1usize;
    for (i, c) in s[from..].char_indices() {
        if is_opener(c) {
            depth += 1;
        } else if is_closer(c) {
            depth -= 1;
            if depth == 0 {
                return Some(from + i);
            }
        }
    }
    None
}

pub(super) fn open_len(s: &str, at: usize) -> usize {
    s[at..].chars().next().map_or(1, char::len_utf8)
}

/// The top-level bracket groups of a (folded) paragraph: byte offsets of
/// each opener and its closer.
pub(super) fn bracket_groups(folded: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(rel) = folded[at..].find(is_opener) {
        let open = at + rel;
        let start = open + open_len(folded, open);
        match matching_close(folded, start) {
            Some(close) => {
                out.push((open, close));
                at = close + open_len(folded, close);
            }
            None => at = start,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_nest_and_an_unclosed_opener_is_passed_over() {
        let s = "甲(乙〔2025〕丙)丁【戊】庚";
        let at = |c: char| s.find(c).expect("in s");
        assert_eq!(
            bracket_groups(s),
            [(at('('), at(')')), (at('【'), at('】'))]
        );
        // Any closer closes any opener: in `【(】` the `【` never closes and
        // the group is `(】`.
        assert_eq!(bracket_groups("【(】"), [(3, 4)]);
        // `(a` never closes: the group is the one after it.
        assert_eq!(bracket_groups("(a(b)"), [(2, 4)]);
        assert_eq!(bracket_groups("a)b"), []);
        assert_eq!(bracket_groups(""), []);
    }
}
