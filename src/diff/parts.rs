//! A record cut into the parts a diff compares: sections, clauses, and the
//! text before and after them, each with its words and its figures.
//!
//! - A clause's words are its text without its label, so a renumbered
//!   clause (`(七)` → `(八)` after an insertion) has the same words.
//! - A section's own words are its heading (label left out) and the text
//!   of it outside its clauses (an opening paragraph); its clauses are
//!   compared on their own.
//! - The preamble is the text before the first section or clause (where
//!   the header, the addressees and any page chrome of a text dump sit);
//!   the closing is the text after the last one.
//! - A figure belongs to the clause its record names, else to its section's
//!   own text, else to the preamble or closing it lies in.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;

use crate::decode::normalize::fold_char;
use crate::model::{Notice, Span};

use super::words::{Text, Words};

/// One comparable part of a record.
pub struct Part<'a> {
    /// Index into the record's `sections` or `clauses` (0 for a region).
    pub index: usize,
    /// Code-point ranges of the part's own text.
    pub ranges: Vec<(usize, usize)>,
    /// The part's own text as written: two parts with the same `raw` are
    /// the same without folding or tokenizing either (the common case).
    pub raw: Cow<'a, str>,
    words: OnceCell<Words>,
    key: OnceCell<String>,
    /// Folded title without white space.
    pub title_key: String,
    /// Folded label (a clause's or section's numbering as written).
    pub label_key: String,
    /// For a clause: the index of its section in the record's `sections`.
    pub section: Option<usize>,
    /// For a section: indices of its clauses.
    pub clauses: Vec<usize>,
    /// Indices into the record's `amounts`, `percentages` and
    /// `percentage_points`.
    pub amounts: Vec<usize>,
    pub percentages: Vec<usize>,
    pub percentage_points: Vec<usize>,
    pub span: Span,
}

impl<'a> Part<'a> {
    fn new(text: &Text<'a>, index: usize, ranges: Vec<(usize, usize)>, span: Span) -> Part<'a> {
        let raw = match ranges.as_slice() {
            [] => Cow::Borrowed(""),
            [(s, e)] => Cow::Borrowed(text.slice(*s, *e)),
            more => Cow::Owned(more.iter().map(|&(s, e)| text.slice(s, e)).collect()),
        };
        Part {
            index,
            ranges,
            raw,
            words: OnceCell::new(),
            key: OnceCell::new(),
            title_key: String::new(),
            label_key: String::new(),
            section: None,
            clauses: Vec::new(),
            amounts: Vec::new(),
            percentages: Vec::new(),
            percentage_points: Vec::new(),
            span,
        }
    }

    /// The part's words, tokenized on first use.
    pub fn words(&self, text: &Text) -> &Words {
        self.words.get_or_init(|| Words::of(text, &self.ranges))
    }

    /// [`Words::joined`]: equal keys, equal words (across script, width
    /// and white space).
    pub fn key(&self, text: &Text) -> &str {
        self.key.get_or_init(|| self.words(text).joined())
    }
}

/// A record and its parts.
pub struct Parts<'a> {
    pub notice: &'a Notice,
    pub text: Text<'a>,
    pub sections: Vec<Part<'a>>,
    pub clauses: Vec<Part<'a>>,
    pub preamble: Part<'a>,
    pub closing: Part<'a>,
}

impl<'a> Parts<'a> {
    pub fn new(notice: &'a Notice) -> Parts<'a> {
        let text = Text::new(&notice.text);
        let len = text.len();
        let clamp = |s: Span| (s[0].min(len), s[1].min(len).max(s[0].min(len)));

        let section_at: HashMap<u32, usize> = notice
            .sections
            .iter()
            .enumerate()
            .rev()
            .map(|(i, s)| (s.number, i))
            .collect();
        let clause_at: HashMap<u32, usize> = notice
            .clauses
            .iter()
            .enumerate()
            .rev()
            .map(|(i, c)| (c.number, i))
            .collect();

        let clauses: Vec<Part> = notice
            .clauses
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let (s, e) = clamp(c.span);
                let body = (s + label_prefix(text.slice(s, e), &c.label)).min(e);
                let mut p = Part::new(&text, i, vec![(body, e)], [s, e]);
                p.title_key = key_of(&c.title);
                p.label_key = key_of(&c.label);
                p.section = c.section.and_then(|n| section_at.get(&n).copied());
                p
            })
            .collect();

        // Clause spans, sorted, to cut out of the sections' own text.
        let mut clause_spans: Vec<(usize, usize)> =
            clauses.iter().map(|c| (c.span[0], c.span[1])).collect();
        clause_spans.sort_unstable();
        let mut sections: Vec<Part> = notice
            .sections
            .iter()
            .enumerate()
            .map(|(i, sec)| {
                let (s, e) = clamp(sec.span);
                let head = (s + label_prefix(text.slice(s, e), &sec.label)).min(e);
                let ranges = subtract(head, e, &clause_spans);
                let mut p = Part::new(&text, i, ranges, [s, e]);
                p.title_key = key_of(&sec.title);
                p.label_key = key_of(&sec.label);
                p
            })
            .collect();
        for (ci, c) in clauses.iter().enumerate() {
            if let Some(si) = c.section {
                sections[si].clauses.push(ci);
            }
        }

        let starts = clauses.iter().chain(&sections).map(|p| p.span[0]);
        let ends = clauses.iter().chain(&sections).map(|p| p.span[1]);
        let first = starts.min().unwrap_or(len);
        let last = ends.max().unwrap_or(len).max(first);
        let preamble = Part::new(&text, 0, vec![(0, first)], [0, first]);
        let closing = Part::new(&text, 0, vec![(last, len)], [last, len]);

        let place = |span: Span, clause: Option<u32>, section: Option<u32>| -> Owner {
            if let Some(ci) = clause.and_then(|n| clause_at.get(&n)) {
                return Owner::Clause(*ci);
            }
            if let Some(si) = section.and_then(|n| section_at.get(&n)) {
                return Owner::Section(*si);
            }
            if span[0] < first {
                Owner::Preamble
            } else {
                Owner::Closing
            }
        };
        let mut parts = Parts {
            notice,
            text,
            sections,
            clauses,
            preamble,
            closing,
        };
        for (i, a) in notice.amounts.iter().enumerate() {
            parts
                .owner(place(a.span, a.clause, a.section))
                .amounts
                .push(i);
        }
        // A point is compared once, as a point (it is a percentage too).
        for (i, p) in notice
            .percentages
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.is_point())
        {
            parts
                .owner(place(p.span, p.clause, p.section))
                .percentages
                .push(i);
        }
        for (i, p) in notice.percentage_points.iter().enumerate() {
            let owner = parts.owner(place(p.span, p.clause, p.section));
            owner.percentage_points.push(i);
        }
        parts
    }

    /// The part a figure placed at `owner` belongs to.
    fn owner(&mut self, owner: Owner) -> &mut Part<'a> {
        match owner {
            Owner::Clause(c) => &mut self.clauses[c],
            Owner::Section(s) => &mut self.sections[s],
            Owner::Preamble => &mut self.preamble,
            Owner::Closing => &mut self.closing,
        }
    }
}

enum Owner {
    Clause(usize),
    Section(usize),
    Preamble,
    Closing,
}

/// A name folded for comparison: script, width and white space dropped.
pub fn key_of(s: &str) -> String {
    s.chars()
        .map(fold_char)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// `[start, end)` without the `cuts` (sorted), as ranges.
fn subtract(start: usize, end: usize, cuts: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = start;
    for &(cs, ce) in cuts {
        if ce <= at || cs >= end {
            continue;
        }
        if cs > at {
            out.push((at, cs));
        }
        at = at.max(ce);
    }
    if at < end {
        out.push((at, end));
    }
    out
}

/// Characters around a label that are part of its numbering:
/// `(一)`, `（一）`, `一、`, `1.`, `第 1 条`, `【一】`.
const LABEL_FRAME: &[char] = &[
    '(', ')', '[', ']', '〔', '〕', '【', '】', '、', '.', ':', ';', ' ',
];

/// Length in code points of the label at the start of `text`: the
/// label's characters in order, with brackets, separators and white space
/// around and between them. 0 when the text does not start with the label
/// (then the label stays in the words; a renumbering shows as a change).
fn label_prefix(text: &str, label: &str) -> usize {
    // A label and its frame are short: fold only the head of the text.
    let head: Vec<char> = text.chars().take(32).map(fold_char).collect();
    let frame = |c: char| c.is_whitespace() || LABEL_FRAME.contains(&c);
    let mut i = 0;
    while i < head.len() && frame(head[i]) {
        i += 1;
    }
    for l in label.chars().map(fold_char).filter(|c| !c.is_whitespace()) {
        while i < head.len() && head[i].is_whitespace() {
            i += 1;
        }
        if head.get(i) != Some(&l) {
            return 0;
        }
        i += 1;
    }
    while i < head.len() && frame(head[i]) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefix(text: &str, label: &str) -> usize {
        label_prefix(text, label)
    }

    #[test]
    fn label_prefixes() {
        assert_eq!(prefix("（一）加大奖励", "一"), 3);
        assert_eq!(prefix("(十二)支持", "十二"), 4);
        assert_eq!(prefix("一、创业空间", "一"), 2);
        assert_eq!(prefix("1.进一步升级", "1"), 2);
        assert_eq!(prefix("第 1 条 设立", "第1条"), 6);
        assert_eq!(prefix("第一條　辦公", "第一条"), 4);
        // The title starts with the label's numeral: only the label goes.
        assert_eq!(prefix("(一)一體化推進", "一"), 3);
        // No label at the start: nothing is cut.
        assert_eq!(prefix("加大奖励", "一"), 0);
    }

    #[test]
    fn subtract_cuts_out_clauses() {
        assert_eq!(subtract(0, 10, &[(2, 4), (6, 10)]), [(0, 2), (4, 6)]);
        assert_eq!(subtract(5, 10, &[(0, 6)]), [(6, 10)]);
        assert!(subtract(5, 10, &[(5, 10)]).is_empty());
    }
}
