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

/// A record's text as code points, with the folded form beside it.
pub struct Chars {
    original: Vec<char>,
    folded: Vec<char>,
}

impl Chars {
    pub fn new(text: &str) -> Self {
        let original: Vec<char> = text.chars().collect();
        let folded = original.iter().map(|&c| fold_char(c)).collect();
        Chars { original, folded }
    }

    pub fn len(&self) -> usize {
        self.original.len()
    }

    pub fn is_empty(&self) -> bool {
        self.original.is_empty()
    }

    /// Up to [`CONTEXT_CHARS`] characters before `at`, within its line.
    pub fn context_before(&self, at: usize) -> String {
        let at = at.min(self.len());
        let from = self.original[..at]
            .iter()
            .rev()
            .take(CONTEXT_CHARS)
            .take_while(|&&c| c != '\n')
            .count();
        self.slice(at - from, at)
    }

    /// Up to [`CONTEXT_CHARS`] characters from `at`, within its line.
    pub fn context_after(&self, at: usize) -> String {
        let at = at.min(self.len());
        let to = self.original[at..]
            .iter()
            .take(CONTEXT_CHARS)
            .take_while(|&&c| c != '\n')
            .count();
        self.slice(at, at + to)
    }

    /// The folded code points.
    pub fn folded(&self) -> &[char] {
        &self.folded
    }

    /// The source characters of `[start, end)` (clamped to the text).
    pub fn slice(&self, start: usize, end: usize) -> String {
        let end = end.min(self.len());
        self.original[start.min(end)..end].iter().collect()
    }

    /// The folded characters of `[start, end)` without white space: what
    /// two texts are compared by.
    pub fn key(&self, start: usize, end: usize) -> String {
        let end = end.min(self.len());
        self.folded[start.min(end)..end]
            .iter()
            .filter(|c| !c.is_whitespace())
            .collect()
    }
}

/// The words of some ranges of one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words {
    /// Folded form of each token (what is compared).
    pub keys: Vec<Box<str>>,
    /// Code-point span of each token in the record's text.
    pub spans: Vec<(usize, usize)>,
    /// Where an insertion goes when there are no tokens: the start of the
    /// first range.
    anchor: usize,
}

impl Words {
    /// Tokenizes the ranges `[start, end)` of `chars`, in order.
    pub fn of(chars: &Chars, ranges: &[(usize, usize)]) -> Words {
        let mut w = Words {
            anchor: ranges.first().map_or(0, |r| r.0.min(chars.len())),
            ..Words::default()
        };
        for &(start, end) in ranges {
            w.push_range(chars, start, end.min(chars.len()));
        }
        w
    }

    fn push_range(&mut self, chars: &Chars, start: usize, end: usize) {
        let f = &chars.folded;
        let mut i = start;
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
            self.keys.push(f[s..i].iter().collect::<String>().into());
            self.spans.push((s, i));
        }
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The folded words joined: equal for two texts exactly when their
    /// words are equal.
    pub fn joined(&self) -> String {
        let mut s = String::new();
        for k in &self.keys {
            s.push_str(k);
            // A Latin word or a number next to another needs a separator
            // ("AB" "C" vs "A" "BC"); a unit separator never occurs in text.
            s.push('\u{1F}');
        }
        s
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
pub fn diff(old: &Words, old_chars: &Chars, new: &Words, new_chars: &Chars) -> Vec<TextOp> {
    if old.keys == new.keys {
        return Vec::new();
    }
    let ops = capture_diff_slices(Algorithm::Myers, &old.keys, &new.keys);
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
                old: old_chars.slice(a, b),
                new: new_chars.slice(c, d),
                old_span: [a, b],
                new_span: [c, d],
                before: new_chars.context_before(c),
                after: new_chars.context_after(d),
            }
        })
        .collect()
}

/// Character bigrams of a folded key, sorted, for [`dice`]. A key of one
/// character is its own "bigram", so short titles still compare.
pub fn bigrams(key: &str) -> Vec<u64> {
    let cs: Vec<u32> = key.chars().map(|c| c as u32).collect();
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

    fn words(s: &str) -> (Chars, Words) {
        let c = Chars::new(s);
        let w = Words::of(&c, &[(0, c.len())]);
        (c, w)
    }

    #[test]
    fn numbers_and_latin_words_are_one_token_han_one_per_character() {
        let (_, w) = words("給予最高１１０.4億元, OPC社區 1,000元 3.");
        let keys: Vec<&str> = w.keys.iter().map(|k| &**k).collect();
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
        let a = bigrams("支持企业研发投入");
        assert_eq!(dice(&a, &a), 1.0);
        assert_eq!(dice(&a, &bigrams("加强人才引进")), 0.0);
        let d = dice(&a, &bigrams("支持企业加大研发投入"));
        assert!(d > 0.6 && d < 1.0, "{d}");
        assert_eq!(dice(&bigrams("一"), &bigrams("一")), 1.0);
    }
}
