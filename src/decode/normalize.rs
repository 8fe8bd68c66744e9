//! Folding: one character in, one character out, for matching only.
//!
//! Parsers match keywords (責任單位/责任单位, `(`/`（`) on a *folded* copy of
//! the text in which every code point is replaced by exactly one code point:
//! full-width ASCII becomes ASCII, traditional characters become simplified
//! (char-for-char table from `t2s-chars.json`), Kangxi and CJK radicals and
//! compatibility ideographs become the ideographs, U+3000 and U+00A0 become a
//! space, and a few odd punctuation marks some PDF producers emit (ꎬ ꎮ ꎻ)
//! become `,` `。` `;`. Because the mapping keeps the number of code points,
//! a code-point offset found in the folded text is the same offset in the
//! original, and records keep the source's own characters.

use std::collections::HashMap;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

/// Traditional → simplified, one char each (4,113 pairs; the same table the
/// gold scorer folds with). Folding runs on every character of every
/// document, so the lookup is an array index for the CJK blocks
/// (U+3400..U+9FFF, 3,759 pairs) and a binary search for the rest.
struct T2s {
    dense: Box<[char]>,
    sparse: Vec<(char, char)>,
}

const DENSE_FROM: u32 = 0x3400;
const DENSE_TO: u32 = 0x9FFF;

impl T2s {
    fn get(&self, c: char) -> Option<char> {
        let u = c as u32;
        if (DENSE_FROM..=DENSE_TO).contains(&u) {
            self.get_dense(u)
        } else if u < DENSE_FROM {
            None
        } else {
            self.sparse
                .binary_search_by_key(&c, |&(k, _)| k)
                .ok()
                .map(|i| self.sparse[i].1)
        }
    }

    /// [`Self::get`] of a code point in `DENSE_FROM..=DENSE_TO`.
    #[inline]
    fn get_dense(&self, u: u32) -> Option<char> {
        let d = self.dense[(u - DENSE_FROM) as usize];
        (d != '\0').then_some(d)
    }
}

static T2S: LazyLock<T2s> = LazyLock::new(|| {
    let raw: HashMap<String, String> =
        serde_json::from_str(include_str!("t2s-chars.json")).expect("t2s-chars.json is valid");
    let mut dense = vec!['\0'; (DENSE_TO - DENSE_FROM + 1) as usize].into_boxed_slice();
    let mut sparse = Vec::new();
    for (k, v) in raw {
        let (Some(k), Some(v)) = (k.chars().next(), v.chars().next()) else {
            continue;
        };
        if (DENSE_FROM..=DENSE_TO).contains(&(k as u32)) {
            dense[(k as u32 - DENSE_FROM) as usize] = v;
        } else {
            sparse.push((k, v));
        }
    }
    sparse.sort_unstable();
    T2s { dense, sparse }
});

/// CJK Radicals Supplement forms that NFKC leaves alone but PDF fonts emit
/// for ordinary characters (seen: ⺠ for 民 in Chromium/Noto PDFs).
const RADICAL_SUPPLEMENT: &[(char, char)] = &[
    ('⺀', '冫'),
    ('⺁', '厂'),
    ('⺅', '亻'),
    ('⺇', '几'),
    ('⺉', '刂'),
    ('⺌', '小'),
    ('⺍', '小'),
    ('⺎', '兀'),
    ('⺏', '尣'),
    ('⺐', '尢'),
    ('⺒', '巳'),
    ('⺓', '幺'),
    ('⺔', '彑'),
    ('⺖', '忄'),
    ('⺘', '扌'),
    ('⺙', '攵'),
    ('⺛', '旡'),
    ('⺝', '月'),
    ('⺟', '母'),
    ('⺠', '民'),
    ('⺡', '氵'),
    ('⺢', '氺'),
    ('⺣', '灬'),
    ('⺤', '爫'),
    ('⺥', '爫'),
    ('⺦', '丬'),
    ('⺧', '牛'),
    ('⺨', '犭'),
    ('⺩', '王'),
    ('⺪', '疋'),
    ('⺫', '罒'),
    ('⺬', '示'),
    ('⺭', '礻'),
    ('⺮', '竹'),
    ('⺯', '糸'),
    ('⺰', '纟'),
    ('⺱', '网'),
    ('⺲', '罒'),
    ('⺳', '网'),
    ('⺴', '网'),
    ('⺵', '网'),
    ('⺶', '羊'),
    ('⺷', '羊'),
    ('⺸', '羊'),
    ('⺹', '耂'),
    ('⺺', '聿'),
    ('⺻', '聿'),
    ('⺼', '肉'),
    ('⺽', '臼'),
    ('⺾', '艹'),
    ('⺿', '艹'),
    ('⻀', '艹'),
    ('⻁', '虎'),
    ('⻂', '衤'),
    ('⻃', '襾'),
    ('⻄', '西'),
    ('⻅', '见'),
    ('⻆', '角'),
    ('⻇', '角'),
    ('⻈', '讠'),
    ('⻉', '贝'),
    ('⻊', '足'),
    ('⻋', '车'),
    ('⻌', '辶'),
    ('⻍', '辶'),
    ('⻎', '辶'),
    ('⻏', '阝'),
    ('⻐', '金'),
    ('⻑', '長'),
    ('⻒', '镸'),
    ('⻓', '长'),
    ('⻔', '门'),
    ('⻕', '阝'),
    ('⻖', '阝'),
    ('⻗', '雨'),
    ('⻘', '青'),
    ('⻙', '韦'),
    ('⻚', '页'),
    ('⻛', '风'),
    ('⻜', '飞'),
    ('⻝', '食'),
    ('⻞', '飠'),
    ('⻟', '食'),
    ('⻠', '饣'),
    ('⻡', '首'),
    ('⻢', '马'),
    ('⻣', '骨'),
    ('⻤', '鬼'),
    ('⻥', '鱼'),
    ('⻦', '鸟'),
    ('⻧', '卤'),
    ('⻨', '麦'),
    ('⻩', '黄'),
    ('⻪', '黾'),
    ('⻫', '齐'),
    ('⻬', '齐'),
    ('⻭', '齿'),
    ('⻮', '齿'),
    ('⻯', '龙'),
    ('⻰', '龍'),
    ('⻱', '龟'),
    ('⻲', '龜'),
    ('⻳', '龟'),
];

static RADICALS: LazyLock<HashMap<char, char>> =
    LazyLock::new(|| RADICAL_SUPPLEMENT.iter().copied().collect());

/// The form a character takes for matching, never more than one char.
///
/// Compatibility forms are resolved first (so a Kangxi radical becomes the
/// traditional ideograph and is then simplified).
///
/// Inlined for its two common cases (ASCII, and an ideograph of the dense
/// block): every character of every document is folded, most more than
/// once, and a call per character was a large part of the folding's cost.
#[inline]
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    // Most of a notice's characters are ideographs of the dense block,
    // which [`compat_char`] leaves as they are (a test checks it): the
    // table alone decides.
    let u = c as u32;
    if (DENSE_FROM..=DENSE_TO).contains(&u) {
        return T2S.get_dense(u).unwrap_or(c);
    }
    fold_other(c)
}

/// [`fold_char`] of a character neither ASCII nor in the dense block.
#[inline(never)]
fn fold_other(c: char) -> char {
    let c = compat_char(c);
    T2S.get(c).unwrap_or(c)
}

/// Compatibility and width folding only, keeping the script: what a PDF's
/// text is repaired with, and the first half of [`fold_char`].
pub fn compat_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' => ' ',
        'ꎬ' => ',',
        'ꎮ' => '。',
        'ꎻ' => ';',
        'ꎶ' => ':',
        '﹝' => '〔',
        '﹞' => '〕',
        '\u{2F00}'..='\u{2FD5}' | '\u{F900}'..='\u{FAFF}' | '\u{2F800}'..='\u{2FA1F}' => {
            let mut it = c.nfkc();
            match (it.next(), it.next()) {
                (Some(d), None) => d,
                _ => c,
            }
        }
        '\u{2E80}'..='\u{2EFF}' => RADICALS.get(&c).copied().unwrap_or(c),
        _ => c,
    }
}

/// A text and its folded twin, with code-point offset tables for both.
///
/// Regexes run on `folded` and report byte offsets into it; [`Self::char_at`]
/// turns them into code-point offsets, valid in the original too.
#[derive(Debug, Clone)]
pub struct Folded<'a> {
    pub original: &'a str,
    pub folded: String,
    /// Byte offset in `folded` of each code point, plus the total length.
    folded_starts: Vec<usize>,
    /// Byte offset in `original` of each code point, plus the total length.
    original_starts: Vec<usize>,
}

impl<'a> Folded<'a> {
    pub fn new(original: &'a str) -> Self {
        // Every document's text passes here once (a few hundred thousand
        // characters of a long one): the tables sized once (counting the
        // characters is cheap beside regrowing them), the next character
        // looked at only after a private-use one (rare).
        let chars = original.chars().count();
        let mut folded = String::with_capacity(original.len());
        let mut folded_starts = Vec::with_capacity(chars + 1);
        let mut original_starts = Vec::with_capacity(chars + 1);
        let mut prev = '\0';
        // Most characters fold to themselves: they are copied a run at a
        // time (from `same` to the next one that changes), not one by one.
        let mut same = 0;
        for (i, c) in original.char_indices() {
            original_starts.push(i);
            folded_starts.push(folded.len() + (i - same));
            let f = if is_private_use(c)
                && prev.is_ascii_digit()
                && original[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(|next| fold_char(next).is_ascii_digit())
            {
                // Word-processor fonts map the decimal point of `0.2元` to a
                // private-use code point (in any of the three private-use
                // areas); between two digits nothing else fits.
                '.'
            } else {
                fold_char(c)
            };
            if f != c {
                folded.push_str(&original[same..i]);
                folded.push(f);
                same = i + c.len_utf8();
            }
            prev = f;
        }
        folded.push_str(&original[same..]);
        original_starts.push(original.len());
        folded_starts.push(folded.len());
        Folded {
            original,
            folded,
            folded_starts,
            original_starts,
        }
    }

    /// Number of code points.
    pub fn len_chars(&self) -> usize {
        self.original_starts.len() - 1
    }

    /// Code-point offset of a byte offset into `folded` (a char boundary).
    pub fn char_at(&self, folded_byte: usize) -> usize {
        match self.folded_starts.binary_search(&folded_byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte offset into `folded` of a code-point offset.
    pub fn folded_byte(&self, ch: usize) -> usize {
        self.folded_starts[ch.min(self.len_chars())]
    }

    /// Byte offset into `original` of a code-point offset.
    pub fn original_byte(&self, ch: usize) -> usize {
        self.original_starts[ch.min(self.len_chars())]
    }

    /// The original text of a code-point range.
    pub fn original_slice(&self, start: usize, end: usize) -> &'a str {
        &self.original[self.original_byte(start)..self.original_byte(end)]
    }

    /// The folded text of a code-point range.
    pub fn folded_slice(&self, start: usize, end: usize) -> &str {
        &self.folded[self.folded_byte(start)..self.folded_byte(end)]
    }
}

/// The three private-use areas: the BMP's and planes 15 and 16 (a PDF's
/// font set `低于５\u{1001B0}５％` for 5.5%).
fn is_private_use(c: char) -> bool {
    matches!(
        c,
        '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}' | '\u{100000}'..='\u{10FFFD}'
    )
}

/// Folds a whole string (for comparing names across scripts).
pub fn fold(s: &str) -> String {
    // Folding never lengthens much (full-width forms get shorter): the
    // original's length saves the regrowing of a collected String.
    // Runs of characters that fold to themselves are copied whole.
    let mut out = String::with_capacity(s.len());
    let mut same = 0;
    for (i, c) in s.char_indices() {
        let f = fold_char(c);
        if f != c {
            out.push_str(&s[same..i]);
            out.push(f);
            same = i + c.len_utf8();
        }
    }
    out.push_str(&s[same..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t2s_lookup_agrees_with_the_table() {
        let raw: HashMap<String, String> =
            serde_json::from_str(include_str!("t2s-chars.json")).expect("json");
        let mut checked = 0;
        for (k, v) in &raw {
            let (k, v) = (k.chars().next().unwrap(), v.chars().next().unwrap());
            if compat_char(k) == k {
                assert_eq!(fold_char(k), v, "{k}");
                checked += 1;
            }
        }
        assert!(checked > 4000, "{checked}");
        // Outside the dense block, both sides of it.
        assert_eq!(
            fold_char('\u{2B726}'),
            raw["\u{2B726}"].chars().next().unwrap()
        );
        assert_eq!(fold_char('a'), 'a');
        // fold_char skips compat_char in the dense block: it must map
        // nothing there.
        for u in DENSE_FROM..=DENSE_TO {
            let c = char::from_u32(u).unwrap();
            assert_eq!(compat_char(c), c, "{c}");
        }
        assert_eq!(fold_char('㐀'), '㐀');
    }

    #[test]
    fn a_private_use_glyph_between_digits_is_a_decimal_point() {
        let f = Folded::new("每立方米0\u{E010}2元降到0\u{E010}18元，\u{E010}1");
        assert_eq!(f.folded, "每立方米0.2元降到0.18元,\u{E010}1");
        // Planes 15 and 16 too, between full-width digits.
        let f = Folded::new("低于５\u{1001B0}５％，５\u{F0001}５");
        assert_eq!(f.folded, "低于5.5%,5.5");
    }

    #[test]
    fn folding_keeps_one_char_per_char() {
        let s = "（責任單位：市發改委）１００萬元⼩⺠　ꎬ";
        let f = Folded::new(s);
        assert_eq!(f.folded, "(责任单位:市发改委)100万元小民 ,");
        assert_eq!(f.len_chars(), s.chars().count());
        assert_eq!(f.folded.chars().count(), s.chars().count());
        let start = f.char_at(f.folded.find("100").unwrap());
        assert_eq!(f.original_slice(start, start + 5), "１００萬元");
    }

    /// Runs copied whole give what folding one character at a time gives:
    /// the text and both offset tables, whether a run is cut at the start,
    /// in the middle or at the end.
    #[test]
    fn run_copies_match_folding_char_by_char() {
        for s in [
            "",
            "abc",
            "發",
            "發a",
            "a發",
            "第一條 本辦法自２０２５年起施行。",
            "（責任單位：市發改委）１００萬元⼩⺠　ꎬ end",
            "0\u{E010}2元 x\u{E010}",
        ] {
            let f = Folded::new(s);
            let mut folded = String::new();
            let mut folded_starts = Vec::new();
            let mut original_starts = Vec::new();
            let mut prev = '\0';
            for (i, c) in s.char_indices() {
                original_starts.push(i);
                folded_starts.push(folded.len());
                let next_digit = s[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(|n| fold_char(n).is_ascii_digit());
                let g = if is_private_use(c) && prev.is_ascii_digit() && next_digit {
                    '.'
                } else {
                    fold_char(c)
                };
                folded.push(g);
                prev = g;
            }
            original_starts.push(s.len());
            folded_starts.push(folded.len());
            assert_eq!(f.folded, folded, "{s:?}");
            assert_eq!(
                fold(s),
                s.chars().map(fold_char).collect::<String>(),
                "{s:?}"
            );
            assert_eq!(f.folded_starts, folded_starts, "{s:?}");
            assert_eq!(f.original_starts, original_starts, "{s:?}");
        }
    }
}
