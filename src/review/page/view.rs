//! A notice with what its page needs computed once: the byte offset of
//! every span, which spans fit the text, figure counts per clause, and the
//! record's problems. Kept apart from the rendering so every part of the
//! page asks the same questions of the record (does this span fit? where
//! is this figure?) and gets the same answers.

use std::collections::{HashMap, HashSet};

use crate::model::{Notice, Span};
use crate::review::marks;

/// How many figures of each list one place holds.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Counts {
    pub(super) amounts: usize,
    pub(super) percentages: usize,
    pub(super) points: usize,
}

/// A notice with what the page needs computed once: byte offsets of every
/// span, which spans fit the text, figure counts per clause.
pub(super) struct View<'a> {
    pub(super) n: &'a Notice,
    /// Code points of `n.text`.
    pub(super) len: usize,
    /// Sorted code-point positions and their byte offsets.
    points: Vec<usize>,
    bytes: Vec<usize>,
    pub(super) problems: Vec<String>,
    /// Figures per `(section, clause)` reference.
    pub(super) counts: HashMap<(Option<u32>, Option<u32>), Counts>,
}

impl<'a> View<'a> {
    pub(super) fn new(n: &'a Notice) -> Self {
        let len = n.text.chars().count();
        let spans = all_spans(n);
        let mut points: Vec<usize> = spans
            .iter()
            .flat_map(|s| [s[0], s[1]])
            .filter(|&p| p <= len)
            .collect();
        points.sort_unstable();
        points.dedup();
        let bytes = marks::byte_offsets(&n.text, &points);
        let mut counts: HashMap<_, Counts> = HashMap::new();
        for a in &n.amounts {
            counts.entry((a.section, a.clause)).or_default().amounts += 1;
        }
        for p in n.percentages.iter().filter(|p| !p.is_point()) {
            counts.entry((p.section, p.clause)).or_default().percentages += 1;
        }
        for p in &n.percentage_points {
            counts.entry((p.section, p.clause)).or_default().points += 1;
        }
        let mut v = View {
            n,
            len,
            points,
            bytes,
            problems: Vec::new(),
            counts,
        };
        v.problems = v.find_problems();
        v
    }

    pub(super) fn fits(&self, s: Span) -> bool {
        s[0] <= s[1] && s[1] <= self.len
    }

    /// The text at a span that fits.
    fn at(&self, s: Span) -> Option<&'a str> {
        if !self.fits(s) {
            return None;
        }
        let b = |p: usize| self.points.binary_search(&p).ok().map(|i| self.bytes[i]);
        Some(&self.n.text[b(s[0])?..b(s[1])?])
    }

    fn find_problems(&self) -> Vec<String> {
        let n = self.n;
        let mut out = Vec::new();
        let mut check = |what: String, span: Span, said: Option<&str>| match self.at(span) {
            None => out.push(format!(
                "{what}: span [{}, {}) does not fit the text ({} code points); not marked",
                span[0], span[1], self.len
            )),
            Some(at) if said.is_some_and(|s| s != at) => out.push(format!(
                "{what}: its text {:?} is not the text at its span [{}, {}), {at:?}",
                said.unwrap_or_default(),
                span[0],
                span[1]
            )),
            Some(_) => {}
        };
        for (i, s) in n.sections.iter().enumerate() {
            check(format!("sections[{i}]"), s.span, None);
        }
        for (i, c) in n.clauses.iter().enumerate() {
            check(format!("clauses[{i}]"), c.span, Some(&c.text));
        }
        for (i, a) in n.amounts.iter().enumerate() {
            check(format!("amounts[{i}]"), a.span, Some(&a.text));
        }
        for (i, p) in n.percentages.iter().enumerate() {
            check(format!("percentages[{i}]"), p.span, Some(&p.text));
        }
        for (i, p) in n.percentage_points.iter().enumerate() {
            check(format!("percentage_points[{i}]"), p.span, Some(&p.text));
        }
        let sections: HashSet<u32> = n.sections.iter().map(|s| s.number).collect();
        let clauses: HashSet<(Option<u32>, u32)> =
            n.clauses.iter().map(|c| (c.section, c.number)).collect();
        for (i, c) in n.clauses.iter().enumerate() {
            if let Some(s) = c.section.filter(|s| !sections.contains(s)) {
                out.push(format!("clauses[{i}]: section {s} does not exist"));
            }
        }
        let refs = n
            .amounts
            .iter()
            .enumerate()
            .map(|(i, a)| (format!("amounts[{i}]"), a.section, a.clause))
            .chain(
                n.percentages
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (format!("percentages[{i}]"), p.section, p.clause)),
            )
            .chain(
                n.percentage_points
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (format!("percentage_points[{i}]"), p.section, p.clause)),
            );
        for (what, s, c) in refs {
            if let Some(s) = s.filter(|s| !sections.contains(s)) {
                out.push(format!("{what}: section {s} does not exist"));
            }
            if let Some(c) = c.filter(|&c| !clauses.contains(&(s, c))) {
                out.push(format!("{what}: clause {c} of that section does not exist"));
            }
        }
        out
    }

    fn section_label(&self, number: Option<u32>) -> Option<&str> {
        let s = number?;
        self.n
            .sections
            .iter()
            .find(|x| x.number == s)
            .map(|x| x.label.as_str())
    }

    fn clause_label(&self, section: Option<u32>, clause: Option<u32>) -> Option<&str> {
        let c = clause?;
        self.n
            .clauses
            .iter()
            .find(|x| x.number == c && x.section == section)
            .map(|x| x.label.as_str())
    }

    /// `section 二, clause (三)`, or `outside sections`.
    pub(super) fn place(&self, section: Option<u32>, clause: Option<u32>) -> String {
        let mut s = match (section, self.section_label(section)) {
            (Some(_), Some(l)) => format!("section {l}"),
            (Some(n), None) => format!("section {n}"),
            (None, _) => "outside sections".to_string(),
        };
        match (clause, self.clause_label(section, clause)) {
            (Some(_), Some(l)) => s.push_str(&format!(", clause ({l})")),
            (Some(c), None) => s.push_str(&format!(", clause {c}")),
            (None, _) => {}
        }
        s
    }

    /// Text at a span whose ends may not be among the precomputed points.
    pub(super) fn slice_cp(&self, s: Span) -> Option<&'a str> {
        if !self.fits(s) {
            return None;
        }
        if let Some(t) = self.at(s) {
            return Some(t);
        }
        let b = marks::byte_offsets(&self.n.text, &[s[0], s[1]]);
        Some(&self.n.text[b[0]..b[1]])
    }
}

/// Every span of a record.
fn all_spans(n: &Notice) -> Vec<Span> {
    let sections = n.sections.iter().map(|s| s.span);
    let clauses = n.clauses.iter().map(|c| c.span);
    let amounts = n.amounts.iter().map(|a| a.span);
    let percentages = n.percentages.iter().map(|p| p.span);
    let points = n.percentage_points.iter().map(|p| p.span);
    sections
        .chain(clauses)
        .chain(amounts)
        .chain(percentages)
        .chain(points)
        .collect()
}
