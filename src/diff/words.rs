//! Words of a record's text, and the word-level diff of two runs of words.
//!
//! Chinese has no spaces between words, so a "word" here is:
//!
//! - a number: ASCII digits with inner `.` or `,` (`110.4`, `1,000`), one
//!   token, so `50萬元 → 100萬元` is one replaced number, not `5→10` and an
//!   inserted `0`;
//! - a Latin word: a run of ASCII letters and digits (`OPC`, `AI2`);
//! - any other character on its own: each Han character, each punctuation
//!   mark.
//!
//! One token per Han character rather than a dictionary segmentation
//! (jieba and the like): a segmenter needs a dictionary as large as our
//! whole binary and its mistakes make an edit look larger than it is
//! (`市財政局` and `市財政` `局` segment differently once a neighbour
//! changes), while Myers over single characters finds exactly the changed
//! characters, and [`diff`] joins neighbouring changes into one hunk so a
//! unit added to a list reads as one inserted phrase.
//!
//! Tokens are compared in their folded form ([`fold_char`]: width and
//! traditional → simplified), and white space is never a token: two texts
//! differing only in script, character width or white space have the same
//! words. Every token keeps its code-point span in the record's `text`, so
//! a hunk reports the source's own characters.

use similar::{capture_diff_slices, Algorithm, DiffOp};

use crate::decode::normalize::fold_char;

use super::change::{Op, TextOp, CONTEXT_CHARS};

/// A record's text with the byte offset of every code point, so a part of
/// it is a slice by code-point span without copying.
pub struct Text<'a> {
    text: &'a str,
    /// Byte offset of each code point, and the length.
    starts: Vec<u32>,
}

impl<'a> Text<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts: Vec<u32> = Vec::with_capacity(text.len() / 2 + 1);
        starts.extend(text.char_indices().map(|(i, _)| i as u32));
        starts.push(text.len() as u32);
        Text { text, starts }
    }

    /// Number of code points.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The source characters of `[start, end)` (clamped to the text).
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        let end = end.min(self.len());
        let start = start.min(end);
        &self.text[self.starts[start] as usize..self.starts[end] as usize]
    }

    /// The folded characters of `[start, end)` without white space: what
    /// two texts are compared by.
    pub fn key(&self, start: usize, end: usize) -> String {
        self.slice(start, end)
            .chars()
            .map(fold_char)
            .filter(|c| !c.is_whitespace())
            .collect()
    }

    /// Up to [`CONTEXT_CHARS`] characters before `at`, within its line.
    pub fn context_before(&self, at: usize) -> &'a str {
        let at = at.min(self.len());
        let from = self
            .slice(at.saturating_sub(CONTEXT_CHARS), at)
            .chars()
            .rev()
            .take_while(|&c| c != '\n')
            .count();
        self.slice(at - from, at)
    }

    /// Up to [`CONTEXT_CHARS`] characters from `at`, within its line.
    pub fn context_after(&self, at: usize) -> &'a str {
        let at = at.min(self.len());
        let to = self
            .slice(at, at + CONTEXT_CHARS)
            .chars()
            .take_while(|&c| c != '\n')
            .count();
        self.slice(at, at + to)
    }
}

/// The words of some ranges of one text: each token's code-point span in
/// the record's text and its folded form (what is compared), the folded
/// characters of all tokens kept in one buffer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words {
    /// Code-point span of each token in the record's text.
    pub spans: Vec<(usize, usize)>,
    /// `[start, end)` of each token in `folded`.
    at: Vec<(u32, u32)>,
    folded: Vec<char>,
    /// Where an insertion goes when there are no tokens: the start of the
    /// first range.
    anchor: usize,
}

impl Words {
    /// Tokenizes the ranges `[start, end)` of `text`, in order.
    pub fn of(text: &Text, ranges: &[(usize, usize)]) -> Words {
        let mut w = Words {
            anchor: ranges.first().map_or(0, |r| r.0.min(text.len())),
            ..Words::default()
        };
        let mut f: Vec<char> = Vec::new();
        for &(start, end) in ranges {
            f.clear();
            f.extend(text.slice(start, end).chars().map(fold_char));
            w.push_range(&f, start);
        }
        w
    }

    /// Tokens of the folded characters `f` of a range starting at code
    /// point `base`.
    fn push_range(&mut self, f: &[char], base: usize) {
        let end = f.len();
        let mut i = 0;
        while i < end {
            let c = f[i];
            let s = i;
            i += 1;
            if c.is_whitespace() {
                continue;
            }
            if c.is_ascii_digit() {
                while i < end
                    && (f[i].is_ascii_digit()
                        || (matches!(f[i], '.' | ',') && i + 1 < end && f[i + 1].is_ascii_digit()))
                {
                    i += 1;
                }
            } else if c.is_ascii_alphabetic() {
                while i < end && f[i].is_ascii_alphanumeric() {
                    i += 1;
                }
            }
            let from = self.folded.len() as u32;
            self.folded.extend_from_slice(&f[s..i]);
            self.at.push((from, self.folded.len() as u32));
            self.spans.push((base + s, base + i));
        }
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The folded form of each token.
    pub fn keys(&self) -> Vec<&[char]> {
        self.at
            .iter()
            .map(|&(a, b)| &self.folded[a as usize..b as usize])
            .collect()
    }

    /// The folded words joined: equal for two texts exactly when their
    /// words are equal.
    pub fn joined(&self) -> String {
        let mut s = String::with_capacity(self.folded.len() * 4);
        for &(a, b) in &self.at {
            s.extend(&self.folded[a as usize..b as usize]);
            // Tokens are told apart ("AB" "C" is not "A" "BC") by a unit
            // separator, which never occurs in text.
            s.push('\u{1F}');
        }
        s
    }

    /// The folded characters of all tokens (for similarity).
    pub fn folded(&self) -> &[char] {
        &self.folded
    }

    /// Code-point span of tokens `[i, j)`; for an empty range, the zero-width
    /// position where tokens would go.
    fn span(&self, i: usize, j: usize) -> (usize, usize) {
        if i < j {
            (self.spans[i].0, self.spans[j - 1].1)
        } else if i < self.len() {
            (self.spans[i].0, self.spans[i].0)
        } else if i > 0 {
            (self.spans[i - 1].1, self.spans[i - 1].1)
        } else {
            (self.anchor, self.anchor)
        }
    }
}

/// An unchanged run this short between two changes is folded into one
/// hunk: over single characters Myers keeps any character two rewritten
/// phrases share (`加快推進 → 大力推動` keeps 推), which splits one edit in
/// two. One character between two edits is such noise; two are usually a
/// word that stayed (`萬元`), so they still separate hunks.
const ABSORB_EQUAL_TOKENS: usize = 1;

/// The changed hunks between two runs of words, in reading order.
pub fn diff(old: &Words, old_text: &Text, new: &Words, new_text: &Text) -> Vec<TextOp> {
    let (ok, nk) = (old.keys(), new.keys());
    if ok == nk {
        return Vec::new();
    }
    let ops = capture_diff_slices(Algorithm::Myers, &ok, &nk);
    // Hunks as token ranges: (old_start, old_end, new_start, new_end).
    let mut hunks: Vec<[usize; 4]> = Vec::new();
    let mut pending_equal: Option<usize> = None; // length of the last equal run
    for op in &ops {
        match *op {
            DiffOp::Equal { len, .. } => pending_equal = Some(len),
            _ => {
                let (o, n) = (op.old_range(), op.new_range());
                match (hunks.last_mut(), pending_equal) {
                    (Some(h), Some(len)) if len <= ABSORB_EQUAL_TOKENS => {
                        h[1] = o.end;
                        h[3] = n.end;
                    }
                    (Some(h), None) => {
                        h[1] = o.end;
                        h[3] = n.end;
                    }
                    _ => hunks.push([o.start, o.end, n.start, n.end]),
                }
                pending_equal = None;
            }
        }
    }
    hunks
        .into_iter()
        .map(|[os, oe, ns, ne]| {
            let (a, b) = old.span(os, oe);
            let (c, d) = new.span(ns, ne);
            TextOp {
                op: match (os < oe, ns < ne) {
                    (false, _) => Op::Insert,
                    (_, false) => Op::Delete,
                    _ => Op::Replace,
                },
                old: old_text.slice(a, b).to_string(),
                new: new_text.slice(c, d).to_string(),
                old_span: [a, b],
                new_span: [c, d],
                before: new_text.context_before(c).to_string(),
                after: new_text.context_after(d).to_string(),
            }
        })
        .collect()
}

/// Character bigrams of folded characters, sorted, for [`dice`]. One
/// character is its own "bigram", so short titles still compare.
pub fn bigrams(key: &[char]) -> Vec<u64> {
    let cs: Vec<u32> = key.iter().map(|&c| c as u32).collect();
    let mut g: Vec<u64> = if cs.len() < 2 {
        cs.iter().map(|&c| u64::from(c) << 32).collect()
    } else {
        cs.windows(2)
            .map(|w| (u64::from(w[0]) << 32) | u64::from(w[1]))
            .collect()
    };
    g.sort_unstable();
    g
}

/// Dice coefficient of two sorted bigram multisets: 1 for equal texts, 0
/// for texts without a bigram in common. Cheap (one merge), robust to an
/// inserted sentence (it lowers the score in proportion, unlike an edit
/// distance over the whole text), and independent of order.
pub fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> (Text<'_>, Words) {
        let c = Text::new(s);
        let w = Words::of(&c, &[(0, c.len())]);
        (c, w)
    }

    #[test]
    fn numbers_and_latin_words_are_one_token_han_one_per_character() {
        let (_, w) = words("給予最高１１０.4億元, OPC社區 1,000元 3.");
        let keys: Vec<String> = w.keys().iter().map(|k| k.iter().collect()).collect();
        assert_eq!(
            keys,
            [
                "给", "予", "最", "高", "110.4", "亿", "元", ",", "OPC", "社", "区", "1,000", "元",
                "3", "."
            ]
        );
        // Spans are into the original: the full-width digits are kept.
        assert_eq!(w.spans[4], (4, 9));
    }

    #[test]
    fn script_width_and_white_space_are_not_differences() {
        let (c1, a) = words("（責任單位：財政局）18.2 億元");
        let (c2, b) = words("(责任单位:财政局)18.2億元");
        assert_eq!(a.joined(), b.joined());
        assert!(diff(&a, &c1, &b, &c2).is_empty());
    }

    #[test]
    fn a_changed_amount_is_one_replaced_number() {
        let (c1, a) = words("單個企業年最高額度不超過50萬元。");
        let (c2, b) = words("單個企業年最高額度不超過100萬元。");
        let ops = diff(&a, &c1, &b, &c2);
        assert_eq!(ops.len(), 1, "{ops:?}");
        assert_eq!(ops[0].op, Op::Replace);
        assert_eq!((ops[0].old.as_str(), ops[0].new.as_str()), ("50", "100"));
        assert_eq!(ops[0].old_span, [12, 14]);
        assert_eq!(ops[0].new_span, [12, 15]);
    }

    #[test]
    fn an_added_unit_is_one_insertion_with_a_zero_width_old_span() {
        let (c1, a) = words("(責任單位:科技局、財政局)");
        let (c2, b) = words("(責任單位:科技局、市財政局、財政局)");
        let ops = diff(&a, &c1, &b, &c2);
        assert_eq!(ops.len(), 1, "{ops:?}");
        assert_eq!(ops[0].op, Op::Insert);
        assert_eq!(ops[0].new, "市財政局、");
        assert_eq!(ops[0].old, "");
        assert_eq!(ops[0].old_span[0], ops[0].old_span[1]);
    }

    #[test]
    fn edits_one_character_apart_are_one_hunk() {
        // 推 is common to both phrases; alone between two edits it is noise.
        let (c1, a) = words("要加快推進建設");
        let (c2, b) = words("要大力推動建設");
        let ops = diff(&a, &c1, &b, &c2);
        assert_eq!(ops.len(), 1, "{ops:?}");
        assert_eq!(
            (ops[0].old.as_str(), ops[0].new.as_str()),
            ("加快推進", "大力推動")
        );
        let (c1, a) = words("推進教育科技發展");
        let (c2, b) = words("推動教育科學發展");
        let ops = diff(&a, &c1, &b, &c2);
        assert_eq!(ops.len(), 2, "two characters apart stay two hunks: {ops:?}");
    }

    #[test]
    fn dice_scores() {
        let bigrams = |s: &str| bigrams(&s.chars().collect::<Vec<char>>());
        let a = bigrams("支持企业研发投入");
        assert_eq!(dice(&a, &a), 1.0);
        assert_eq!(dice(&a, &bigrams("加强人才引进")), 0.0);
        let d = dice(&a, &bigrams("支持企业加大研发投入"));
        assert!(d > 0.6 && d < 1.0, "{d}");
        assert_eq!(dice(&bigrams("一"), &bigrams("一")), 1.0);
    }
}
