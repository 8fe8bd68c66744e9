//! Is the extracted text readable? A font without a Unicode map makes a
//! backend emit Han-looking garbage (rare ideographs, private-use code
//! points, U+FFFD) instead of an error; a scan has no text at all.
//!
//! The measure: among the "letter" characters of the text (ideographs,
//! private use, replacement characters, radicals), the share that are among
//! the 3,755 most common hanzi (GB 2312 level 1), counted after folding
//! (traditional → simplified, radicals → ideographs) so traditional notices
//! score like simplified ones. Real notices score above 0.9 (binjiang, a
//! traditional text: 0.97; football 0.99; the jx table 0.99).

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::decode::normalize::fold_char;

use super::backend::Page;

/// GB 2312 level 1: rows 16–55 (lead bytes 0xB0–0xD7), 94 cells each except
/// row 55 (89 cells); decoded with encoding_rs so no table ships with us.
static COMMON_HANZI: LazyLock<HashSet<char>> = LazyLock::new(|| {
    let mut set = HashSet::with_capacity(3755);
    for lead in 0xB0u8..=0xD7 {
        let last = if lead == 0xD7 { 0xF9u8 } else { 0xFE };
        for trail in 0xA1u8..=last {
            let pair = [lead, trail];
            let (s, _, bad) = encoding_rs::GBK.decode(&pair);
            if !bad {
                set.extend(s.chars());
            }
        }
    }
    set
});

/// Below this share of common hanzi the text is taken for garbage. Real
/// notices score above 0.9; fonts without ToUnicode give near 0.
pub const MIN_COMMON_SHARE: f64 = 0.5;

/// Fewer letter characters than this are too few to judge.
const MIN_LETTERS_TO_JUDGE: usize = 20;

/// Counts of one text, for the readability decision and for benchmarks.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TextStats {
    /// Non-white-space characters.
    pub chars: usize,
    /// Characters other than ASCII and punctuation.
    pub letters: usize,
    /// Letters that fold to a GB 2312 level-1 hanzi.
    pub common: usize,
    /// Kangxi radicals and CJK radical supplement code points.
    pub radicals: usize,
}

impl TextStats {
    /// Share of common hanzi among letters (1.0 when there are none).
    pub fn common_share(&self) -> f64 {
        if self.letters == 0 {
            1.0
        } else {
            self.common as f64 / self.letters as f64
        }
    }

    /// Whether the text looks like garbage from a font without a Unicode map.
    pub fn is_unreadable(&self) -> bool {
        self.letters >= MIN_LETTERS_TO_JUDGE && self.common_share() < MIN_COMMON_SHARE
    }
}

/// Counts the characters of some pages.
pub fn text_stats(pages: &[Page]) -> TextStats {
    let mut st = TextStats::default();
    for c in pages
        .iter()
        .flat_map(|p| &p.lines)
        .flat_map(|l| l.text.chars())
    {
        if c.is_whitespace() {
            continue;
        }
        st.chars += 1;
        let radical = matches!(c, '\u{2E80}'..='\u{2FDF}');
        // Everything but ASCII and punctuation: a CID taken for a code point
        // lands anywhere (Greek, Hangul, rare ideographs, private use).
        let letter = !c.is_ascii()
            && !matches!(c,
                '\u{2000}'..='\u{206F}'     // general punctuation “”—…
                | '\u{3000}'..='\u{303F}'   // CJK punctuation 、。〔〕
                | '\u{FF00}'..='\u{FFEF}'   // full-width forms （），：
                | '\u{00A0}'..='\u{00BF}'   // Latin-1 punctuation
                | '\u{2460}'..='\u{24FF}'   // ① ⑴ ⒈
                | '\u{2190}'..='\u{22FF}'   // arrows, maths ∶
                | '\u{25A0}'..='\u{25FF}'   // ■ ○
                | '×' | '÷');
        if radical {
            st.radicals += 1;
        }
        if letter {
            st.letters += 1;
            if COMMON_HANZI.contains(&fold_char(c)) {
                st.common += 1;
            }
        }
    }
    st
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::pdf::backend::Line;

    fn page(text: &str) -> Vec<Page> {
        vec![Page {
            lines: vec![Line {
                text: text.into(),
                left: 0.0,
                right: 0.0,
                size: 1.0,
                y: 0.0,
                runs: Vec::new(),
            }],
        }]
    }

    #[test]
    fn level_one_has_3755_hanzi() {
        assert_eq!(COMMON_HANZI.len(), 3755);
    }

    #[test]
    fn traditional_text_is_readable_and_garbage_is_not() {
        let ok = text_stats(&page(
            "對新認定的國家高新技術企業給予30萬元獎勵，責任單位：科技局",
        ));
        assert!(!ok.is_unreadable(), "{ok:?}");
        let bad = text_stats(&page("\u{E001}\u{E002}䶮䶯\u{E003}\u{E004}\u{E005}䶰\u{FFFD}\u{E006}\u{E007}\u{E008}\u{E009}\u{E00A}\u{E00B}\u{E00C}\u{E00D}\u{E00E}\u{E00F}\u{E010}\u{E011}"));
        assert!(bad.is_unreadable(), "{bad:?}");
    }
}
