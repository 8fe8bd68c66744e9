//! A region's folded twin (rule 2 of the module doc), made the way
//! `decode::normalize::Folded` makes it, character for character, without
//! its two tables of offsets: a region holds a handful of figures, whose
//! offsets [`Cursor`] counts in one walk when they are written, where the
//! tables cost a push of two offsets per character of every region.

use crate::decode::normalize::fold_char;

/// Folds `original` into `folded` (cleared first): every character by
/// `fold_char`, and a private-use character between two digits (a PDF
/// font's decimal point, `５\u{1001B0}５`) into `.`, as
/// `decode::normalize::Folded::new` does.
pub(crate) fn fold_into(original: &str, folded: &mut String) {
    folded.clear();
    folded.reserve(original.len());
    let mut prev = '\0';
    for (i, c) in original.char_indices() {
        let f = if c.is_ascii() {
            c
        } else if is_private_use(c)
            && prev.is_ascii_digit()
            && original[i + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(|n| fold_char(n).is_ascii_digit())
        {
            '.'
        } else {
            fold_char(c)
        };
        folded.push(f);
        prev = f;
    }
}

/// The three private-use areas, as `decode::normalize` reads them.
fn is_private_use(c: char) -> bool {
    matches!(
        c,
        '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}' | '\u{100000}'..='\u{10FFFD}'
    )
}

/// Turns byte offsets into a folded text, visited in increasing order,
/// into code-point offsets and byte offsets into its original (the two
/// have the same characters, one for one).
pub(crate) struct Cursor<'a> {
    original: &'a str,
    folded: &'a str,
    /// Where the walk is: a byte of `folded`, the same character's byte
    /// in `original`, its code-point offset.
    at: (usize, usize, usize),
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(original: &'a str, folded: &'a str) -> Self {
        Cursor {
            original,
            folded,
            at: (0, 0, 0),
        }
    }

    /// The code-point offset and the original's byte offset of the
    /// character at `folded_byte` (a character boundary, not before the
    /// one asked last).
    pub(crate) fn to(&mut self, folded_byte: usize) -> (usize, usize) {
        let (f, o, ch) = self.at;
        let n = self.folded[f..folded_byte].chars().count();
        let o = self.original[o..]
            .char_indices()
            .nth(n)
            .map_or(self.original.len(), |(i, _)| o + i);
        self.at = (folded_byte, o, ch + n);
        (ch + n, o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::normalize::Folded;

    /// The same folded text and offsets as `Folded`.
    #[test]
    fn folds_as_folded() {
        let texts = [
            "單個企業年最高額度不超過５０萬元，補助30%以上",
            "低于５\u{1001B0}５％，0\u{E000}2元，\u{E000}5，5\u{E000}",
            "",
            "ａｂｃ\u{3000}１２３萬億",
        ];
        let mut folded = String::new();
        for t in texts {
            let f = Folded::new(t);
            fold_into(t, &mut folded);
            assert_eq!(folded, f.folded);
            let mut cursor = Cursor::new(t, &folded);
            for (b, _) in folded.char_indices().chain([(folded.len(), ' ')]) {
                let ch = f.char_at(b);
                assert_eq!(cursor.to(b), (ch, f.original_byte(ch)), "{t} {b}");
            }
        }
    }
}
