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
    // Every statement's text is cut from its paragraph's start: the code
    // points are counted eight bytes at a time (a byte that is no UTF-8
    // continuation byte starts one), then byte by byte in the last word.
    const ONES: u64 = 0x0101_0101_0101_0101;
    let b = s.as_bytes();
    let (mut i, mut left) = (0, n);
    while let Some(word) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(word.try_into().unwrap_or_default());
        let starts = ((!w >> 7) | (w >> 6)) & ONES;
        let here = starts.count_ones() as usize;
        if here > left {
            break;
        }
        left -= here;
        i += 8;
    }
    for (k, &x) in b.iter().enumerate().skip(i) {
        if !is_continuation(x) {
            if left == 0 {
                return k;
            }
            left -= 1;
        }
    }
    s.len()
}

/// A UTF-8 byte that continues a code point (`10xxxxxx`).
fn is_continuation(x: u8) -> bool {
    x & 0xC0 == 0x80
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

/// Byte offset of the first opener ([`is_opener`]) at or after byte `from`
/// (a char boundary). Every paragraph is searched, and most hold no bracket:
/// the ASCII openers are found by `memchr3`, the others (`〔` `【` `〖` `〈`,
/// all `E3 80 xx` in UTF-8) by a `memchr` for their first byte, only up to
/// the first ASCII one.
fn next_opener(s: &str, from: usize) -> Option<usize> {
    let b = s.as_bytes().get(from..)?;
    let ascii = memchr::memchr3(b'(', b'[', b'<', b);
    let mut wide = None;
    let mut k = 0;
    let limit = ascii.unwrap_or(b.len());
    while let Some(rel) = memchr::memchr(0xE3, &b[k..limit]) {
        let at = k + rel;
        if b.get(at + 1) == Some(&0x80) && matches!(b.get(at + 2), Some(0x88 | 0x90 | 0x94 | 0x96))
        {
            wide = Some(at);
            break;
        }
        k = at + 1;
    }
    wide.or(ascii).map(|rel| from + rel)
}

pub(super) fn open_len(s: &str, at: usize) -> usize {
    s[at..].chars().next().map_or(1, char::len_utf8)
}

/// The top-level bracket groups of a (folded) paragraph: byte offsets of
/// each opener and its closer.
pub(super) fn bracket_groups(folded: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(open) = next_opener(folded, at) {
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

    /// The byte searches find what a search by character does, and cut
    /// at the same code points.
    #[test]
    fn the_byte_searches_agree_with_a_search_by_character() {
        let texts = [
            "",
            "甲",
            "a(b",
            "、。〔〕【】〖〗〈〉<>[]()",
            "推进改革。（责任单位：省委编办，有关设区市、县〔区〕人民政府）",
            "“《甲》”、〈乙〉〔丙〕、【丁】〖戊〗<己>[庚](辛)😀x",
        ];
        for t in texts {
            for (from, _) in t.char_indices().chain([(t.len(), ' ')]) {
                assert_eq!(
                    next_opener(t, from),
                    t[from..].find(is_opener).map(|r| from + r),
                    "{t:?} {from}"
                );
            }
            for n in 0..t.chars().count() + 3 {
                let want = t.char_indices().nth(n).map_or(t.len(), |(i, _)| i);
                assert_eq!(byte_at(t, n), want, "{t:?} {n}");
            }
        }
    }
}
