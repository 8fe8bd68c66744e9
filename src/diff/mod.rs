//! Record diff: what changed between two records of a notice, in terms of
//! the notice (header fields, sections, clauses, figures), not of lines.
//!
//! In: two [`Notice`]s (or two sets of them, [`set`]). Out: a list of
//! [`Change`]s, one JSON line each (`schemas/changes.schema.json`), or a
//! readable summary ([`render`]). Pure: no I/O here (records are read by
//! `output::read`).
//!
//! # How parts are matched
//!
//! Sections and clauses are matched by content, never by position
//! ([`matching`]): first items with the same words, then the rest by
//! title and content similarity (character bigrams), with a bonus for the
//! same label and, for clauses, the same section. A section whose clauses
//! mostly match is the same section even when renamed. A matched item that
//! is out of order among its peers (the longest in-order run stays put) or,
//! for a clause, now sits in another section has *moved*: one change, not a
//! removal and an addition. An inserted clause renumbers the ones after it;
//! renumbering is not a change.
//!
//! # What is substance
//!
//! Two records can differ without the notice saying anything different.
//! These differences are **not substance**:
//!
//! - provenance: `id` and `source` (URI, media type, bytes, hash, encoding,
//!   extractor) — reported as one `source` change, since they say what was
//!   compared; and `schema_version`;
//! - positions: `span`s and `number`s shift when text is inserted or
//!   clauses renumbered; every change carries both sides' spans, but a
//!   shift alone is no change;
//! - script, width and white space: `財政局`/`财政局`, `（`/`(`,
//!   `18.2 億元`/`18.2億元` compare equal (text is compared word by word
//!   after folding, [`words`]); a list of header names split differently
//!   (`issuers`, `recipients`) is the same text;
//! - a figure written another way with the same value, currency (or unit)
//!   and bound;
//! - the text before the first and after the last section or clause
//!   (`preamble_amended`, `closing_amended`) except for the figures in it:
//!   the record does not model those paragraphs, and it is where a page's
//!   navigation and footer land when a page is saved as text;
//! - the extraction's `warnings`;
//! - the page's `attachments` (links depend on how the notice was
//!   published: a PDF or a text copy has none), and `tables` outside every
//!   section and clause when only one side has such tables (a rendering
//!   that keeps no tables; their figures are still compared).
//!
//! Everything else is substance: a header field (title, 文號, issuers,
//! addressees, dates, the rows of tables outside sections and clauses), a section or clause added, removed, moved or
//! amended (its title, words, lead or responsible units, figures), a figure
//! anywhere. `notice-extract diff` prints the substance and the `source`
//! change; `--all` prints the rest too.

pub mod change;
mod compare;
mod header;
pub mod matching;
mod parts;
pub mod render;
pub mod set;
pub mod words;

use serde_json::Value;

use crate::model::Notice;

pub use change::{
    Amendments, Change, ClauseSide, Kind, ListChange, NoticeSide, Op, Pair, RegionSide, Removal,
    RemovalReason, SectionSide, Side, SourceSide, TextOp, CHANGES_SCHEMA_VERSION,
};
use matching::Matching;
use parts::{Part, Parts};
use words::{bigrams, dice};

/// Least similarity for two sections to be one (see [`matching`]): a
/// title and opening reworded but recognisable, or half of the clauses
/// kept. Two different sections of one fixture score at most 0.46.
const SECTION_THRESHOLD: f64 = 0.5;
/// Least content similarity for two clauses to be one; the bonuses for the
/// same label (0.1) and section (0.05) only rank the pairs above it, so a
/// clause deleted where an unrelated one is inserted never matches it.
/// Measured over every pair of different clauses in the 22 records of
/// `output/`: 94% score below 0.2, the highest 0.48 (two articles of the
/// liuhe regulation written on one template).
const CLAUSE_THRESHOLD: f64 = 0.5;

/// The changes between two records of a notice, in reading order of the
/// new record: provenance and header fields first, then the preamble,
/// sections and clauses, the closing text and the warnings. Empty when the
/// records are equal.
///
/// # Example
///
/// ```
/// use notice_extract::{diff::{diff_records, Kind}, extract, fetch::RawDocument, Config};
/// let read = |t: &str| {
///     let raw = RawDocument::from_bytes("memo.txt", t.as_bytes().to_vec());
///     extract(&raw, &Config::default()).unwrap()
/// };
/// let old = read("关于印发若干政策的通知\n一、支持企业\n（一）加大奖励。给予最高50万元奖励。");
/// let new = read("关于印发若干政策的通知\n一、支持企业\n（一）加大奖励。给予最高100万元奖励。");
/// let changes = diff_records(&old, &new);
/// let amended: Vec<_> = changes.iter().filter(|c| c.substance).collect();
/// assert_eq!(amended.len(), 1);
/// assert_eq!(amended[0].kind, Kind::ClauseAmended);
/// let pair = &amended[0].changes.amounts[0];
/// assert_eq!((pair.old.as_ref().unwrap().value, pair.new.as_ref().unwrap().value), (5e5, 1e6));
/// ```
pub fn diff_records(old: &Notice, new: &Notice) -> Vec<Change> {
    if old == new {
        return Vec::new();
    }
    let (o, n) = (Parts::new(old), Parts::new(new));
    let mut d = Differ {
        o: &o,
        n: &n,
        head: Vec::new(),
        body: Vec::new(),
    };
    d.header();
    d.structure();
    let mut out = d.head;
    if let Some(c) = region(&o, &o.preamble, &n, &n.preamble, Kind::PreambleAmended) {
        out.push(c);
    }
    let mut body = d.body;
    body.sort_by_key(|(anchor, rank, seq, _)| (*anchor, *rank, *seq));
    out.extend(body.into_iter().map(|(.., c)| c));
    if let Some(c) = region(&o, &o.closing, &n, &n.closing, Kind::ClosingAmended) {
        out.push(c);
    }
    let (added, removed) = compare::warnings(&old.warnings, &new.warnings);
    if !added.is_empty() || !removed.is_empty() {
        out.push(Change {
            id: new.id.clone(),
            kind: Kind::Warnings,
            substance: false,
            field: None,
            old: Some(Side::Warnings(old.warnings.clone())),
            new: Some(Side::Warnings(new.warnings.clone())),
            changes: Amendments {
                added: Some(to_value(&added)),
                removed: Some(to_value(&removed)),
                ..Amendments::default()
            },
            removal: None,
        });
    }
    out
}

/// A record in the new set only.
pub fn notice_added(new: &Notice) -> Change {
    Change {
        id: new.id.clone(),
        kind: Kind::NoticeAdded,
        substance: true,
        field: None,
        old: None,
        new: Some(Side::Notice(notice_side(new))),
        changes: Amendments::default(),
        removal: None,
    }
}

/// A record in the old set only.
pub fn notice_removed(old: &Notice) -> Change {
    Change {
        id: old.id.clone(),
        kind: Kind::NoticeRemoved,
        substance: true,
        field: None,
        old: Some(Side::Notice(notice_side(old))),
        new: None,
        changes: Amendments::default(),
        removal: None,
    }
}

fn notice_side(n: &Notice) -> NoticeSide {
    NoticeSide {
        title: n.title.clone(),
        doc_number: n.doc_number.clone(),
        signed_date: n.signed_date.clone(),
        uri: n.source.uri.clone(),
    }
}

fn to_value<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// Body changes with their sort key: (anchor in the new text, rank, push order).
type Placed = (usize, u8, usize, Change);

struct Differ<'a, 'b> {
    o: &'b Parts<'a>,
    n: &'b Parts<'a>,
    head: Vec<Change>,
    body: Vec<Placed>,
}

impl Differ<'_, '_> {
    fn change(
        &self,
        kind: Kind,
        substance: bool,
        old: Option<Side>,
        new: Option<Side>,
        changes: Amendments,
    ) -> Change {
        Change {
            id: self.n.notice.id.clone(),
            kind,
            substance,
            field: None,
            old,
            new,
            changes,
            removal: None,
        }
    }

    fn place(&mut self, anchor: usize, rank: u8, c: Change) {
        let seq = self.body.len();
        self.body.push((anchor, rank, seq, c));
    }

    fn structure(&mut self) {
        let (o, n) = (self.o, self.n);
        // 1. clauses with the same words, 2. sections (helped by 1.),
        // 3. the other clauses (helped by 2.).
        let mut cm = match_same(o, &o.clauses, n, &n.clauses);
        let sm = self.match_sections(&cm);
        self.match_clauses(&mut cm, &sm);
        self.sections(&sm);
        self.clauses(&cm, &sm);
    }

    fn match_sections(&self, cm: &Matching) -> Matching {
        let (o, n) = (self.o, self.n);
        let mut sm = match_same(o, &o.sections, n, &n.sections);
        let og = Grams::of(o, &o.sections, &sm.old_to_new);
        let ng = Grams::of(n, &n.sections, &sm.new_to_old);
        matching::match_scored(&mut sm, |i, j| {
            let (a, b) = (&o.sections[i], &n.sections[j]);
            let words = og.similarity(i, &ng, j);
            let most = a.clauses.len().max(b.clauses.len());
            let kept = a
                .clauses
                .iter()
                .filter(|&&c| cm.old_to_new[c].is_some_and(|nc| n.clauses[nc].section == Some(j)))
                .count();
            let clauses = if most == 0 {
                0.0
            } else {
                kept as f64 / most as f64
            };
            let similar = words.max(clauses);
            let same_label = if a.label_key == b.label_key {
                0.05
            } else {
                0.0
            };
            (similar >= SECTION_THRESHOLD).then_some(similar + same_label)
        });
        sm
    }

    fn match_clauses(&self, cm: &mut Matching, sm: &Matching) {
        let (o, n) = (self.o, self.n);
        let og = Grams::of(o, &o.clauses, &cm.old_to_new);
        let ng = Grams::of(n, &n.clauses, &cm.new_to_old);
        matching::match_scored(cm, |i, j| {
            let (a, b) = (&o.clauses[i], &n.clauses[j]);
            let same_label = if a.label_key == b.label_key { 0.1 } else { 0.0 };
            let same_section = match (a.section.and_then(|s| sm.old_to_new[s]), b.section) {
                (Some(x), Some(y)) if x == y => 0.05,
                _ => 0.0,
            };
            let similar = og.similarity(i, &ng, j);
            (similar >= CLAUSE_THRESHOLD).then_some(similar + same_label + same_section)
        });
    }

    fn sections(&mut self, sm: &Matching) {
        let (o, n) = (self.o, self.n);
        let pairs = sm.pairs();
        let kept = matching::in_order(&pairs);
        for (&(i, j), kept) in pairs.iter().zip(kept) {
            let am = compare::section(o, &o.sections[i], n, &n.sections[j]);
            let kind = if !kept {
                Kind::SectionMoved
            } else if !am.is_empty() {
                Kind::SectionAmended
            } else {
                continue;
            };
            let c = self.change(
                kind,
                true,
                Some(section_side(o, i)),
                Some(section_side(n, j)),
                am,
            );
            self.place(n.sections[j].span[0], 1, c);
        }
        for (i, m) in sm.old_to_new.iter().enumerate() {
            if m.is_none() {
                // Where it stood: after the section that preceded it.
                let anchor = (0..i)
                    .rev()
                    .find_map(|k| sm.old_to_new[k])
                    .map_or(0, |j| n.sections[j].span[1]);
                let c = self.change(
                    Kind::SectionRemoved,
                    true,
                    Some(section_side(o, i)),
                    None,
                    Amendments::default(),
                );
                self.place(anchor, 0, c);
            }
        }
        for (j, m) in sm.new_to_old.iter().enumerate() {
            if m.is_none() {
                let c = self.change(
                    Kind::SectionAdded,
                    true,
                    None,
                    Some(section_side(n, j)),
                    Amendments::default(),
                );
                self.place(n.sections[j].span[0], 1, c);
            }
        }
    }

    fn clauses(&mut self, cm: &Matching, sm: &Matching) {
        let (o, n) = (self.o, self.n);
        let pairs = cm.pairs();
        // Moved to another section?
        let elsewhere: Vec<bool> = pairs
            .iter()
            .map(|&(i, j)| {
                o.clauses[i].section.and_then(|s| sm.old_to_new[s]) != n.clauses[j].section
            })
            .collect();
        // Out of order among the clauses that stayed in their section?
        let mut moved = elsewhere.clone();
        let mut groups: std::collections::BTreeMap<Option<usize>, Vec<usize>> = Default::default();
        for (k, &(_, j)) in pairs.iter().enumerate() {
            if !elsewhere[k] {
                groups.entry(n.clauses[j].section).or_default().push(k);
            }
        }
        for ks in groups.values() {
            let group: Vec<(usize, usize)> = ks.iter().map(|&k| pairs[k]).collect();
            for (&k, kept) in ks.iter().zip(matching::in_order(&group)) {
                moved[k] = !kept;
            }
        }
        for (k, &(i, j)) in pairs.iter().enumerate() {
            let am = compare::clause(o, &o.clauses[i], n, &n.clauses[j]);
            let kind = if moved[k] {
                Kind::ClauseMoved
            } else if !am.is_empty() {
                Kind::ClauseAmended
            } else {
                continue;
            };
            let c = self.change(
                kind,
                true,
                Some(clause_side(o, i)),
                Some(clause_side(n, j)),
                am,
            );
            self.place(n.clauses[j].span[0], 2, c);
        }
        for (i, m) in cm.old_to_new.iter().enumerate() {
            if m.is_none() {
                // Where it stood: after the clause that preceded it, else at
                // the start of its section's match.
                let anchor = (0..i)
                    .rev()
                    .find_map(|k| cm.old_to_new[k])
                    .map(|j| n.clauses[j].span[1])
                    .or_else(|| {
                        o.clauses[i]
                            .section
                            .and_then(|s| sm.old_to_new[s])
                            .map(|s| n.sections[s].span[0])
                    })
                    .unwrap_or(0);
                let c = self.change(
                    Kind::ClauseRemoved,
                    true,
                    Some(clause_side(o, i)),
                    None,
                    Amendments::default(),
                );
                self.place(anchor, 0, c);
            }
        }
        for (j, m) in cm.new_to_old.iter().enumerate() {
            if m.is_none() {
                let c = self.change(
                    Kind::ClauseAdded,
                    true,
                    None,
                    Some(clause_side(n, j)),
                    Amendments::default(),
                );
                self.place(n.clauses[j].span[0], 2, c);
            }
        }
    }
}

/// Parts with the same text as written, then parts with the same words;
/// only the parts left after the first step are folded and tokenized.
fn match_same(o: &Parts, op: &[Part], n: &Parts, np: &[Part]) -> Matching {
    fn raw<'p>(ps: &'p [Part]) -> Vec<&'p str> {
        ps.iter().map(|p| p.raw.as_ref()).collect()
    }
    fn keys<'p>(p: &Parts, ps: &'p [Part], matched: &[Option<usize>]) -> Vec<&'p str> {
        ps.iter()
            .zip(matched)
            .map(|(part, m)| if m.is_some() { "" } else { part.key(&p.text) })
            .collect()
    }
    let mut m = matching::match_equal(&raw(op), &raw(np));
    let (ok, nk) = (keys(o, op, &m.old_to_new), keys(n, np, &m.new_to_old));
    matching::pair_equal(&mut m, &ok, &nk);
    m
}

/// The preamble or closing change, if its words or figures differ.
fn region(o: &Parts, or: &Part, n: &Parts, nr: &Part, kind: Kind) -> Option<Change> {
    let am = compare::region(o, or, n, nr);
    if am.is_empty() {
        return None;
    }
    let side = |p: &Parts, r: &Part| {
        Some(Side::Region(RegionSide {
            amounts: compare::pick(&p.notice.amounts, &r.amounts),
            percentages: compare::pick(&p.notice.percentages, &r.percentages),
            percentage_points: compare::pick(&p.notice.percentage_points, &r.percentage_points),
            span: r.span,
        }))
    };
    Some(Change {
        id: n.notice.id.clone(),
        kind,
        substance: am.has_figures(),
        field: None,
        old: side(o, or),
        new: side(n, nr),
        changes: am,
        removal: None,
    })
}

fn section_side(p: &Parts, i: usize) -> Side {
    let s = &p.notice.sections[i];
    let part = &p.sections[i];
    Side::Section(SectionSide {
        number: s.number,
        label: s.label.clone(),
        title: s.title.clone(),
        lead_units: s.lead_units.clone(),
        amounts: compare::pick(&p.notice.amounts, &part.amounts),
        percentages: compare::pick(&p.notice.percentages, &part.percentages),
        percentage_points: compare::pick(&p.notice.percentage_points, &part.percentage_points),
        span: s.span,
    })
}

fn clause_side(p: &Parts, i: usize) -> Side {
    let c = &p.notice.clauses[i];
    let part = &p.clauses[i];
    Side::Clause(ClauseSide {
        number: c.number,
        label: c.label.clone(),
        section: c.section,
        title: c.title.clone(),
        responsible_units: c.responsible_units.clone(),
        lead_units: c.lead_units.clone(),
        amounts: compare::pick(&p.notice.amounts, &part.amounts),
        percentages: compare::pick(&p.notice.percentages, &part.percentages),
        percentage_points: compare::pick(&p.notice.percentage_points, &part.percentage_points),
        span: c.span,
    })
}

/// Bigrams of the parts still unmatched (only they are scored).
struct Grams {
    title: Vec<Vec<u64>>,
    text: Vec<Vec<u64>>,
}

impl Grams {
    fn of(p: &Parts, parts: &[Part], matched: &[Option<usize>]) -> Grams {
        let (mut title, mut text) = (Vec::new(), Vec::new());
        for (part, m) in parts.iter().zip(matched) {
            if m.is_some() {
                title.push(Vec::new());
                text.push(Vec::new());
            } else {
                title.push(bigrams(&part.title_key.chars().collect::<Vec<char>>()));
                text.push(bigrams(part.words(&p.text).folded()));
            }
        }
        Grams { title, text }
    }

    /// 0.6 × content + 0.4 × title similarity; content alone when either
    /// title is empty (an empty title says nothing).
    fn similarity(&self, i: usize, other: &Grams, j: usize) -> f64 {
        let text = dice(&self.text[i], &other.text[j]);
        if self.title[i].is_empty() || other.title[j].is_empty() {
            text
        } else {
            0.6 * text + 0.4 * dice(&self.title[i], &other.title[j])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fetch::RawDocument;
    use crate::{extract, Config};

    /// A notice from its text: a title line, then sections and clauses.
    fn notice(body: &str) -> Notice {
        let text = format!("关于印发若干政策的通知\n{body}");
        let raw = RawDocument::from_bytes("memo.txt", text.into_bytes());
        extract(&raw, &Config::default()).expect("extracts")
    }

    fn kinds(changes: &[Change]) -> Vec<(Kind, Option<String>, Option<String>)> {
        let label = |s: &Option<Side>| match s {
            Some(Side::Clause(c)) => Some(c.label.clone()),
            Some(Side::Section(c)) => Some(c.label.clone()),
            _ => None,
        };
        changes
            .iter()
            .filter(|c| c.substance)
            .map(|c| (c.kind, label(&c.old), label(&c.new)))
            .collect()
    }

    fn substance(changes: &[Change]) -> Vec<&Change> {
        changes.iter().filter(|c| c.substance).collect()
    }

    fn k(
        kind: Kind,
        old: Option<&str>,
        new: Option<&str>,
    ) -> (Kind, Option<String>, Option<String>) {
        (kind, old.map(String::from), new.map(String::from))
    }

    const A: &str =
        "加大研发奖励。对研发投入首次超过1000万元的企业给予最高50万元奖励。（责任单位：市科技局）";
    const B: &str = "支持人才引进。对新引进的博士给予每人10万元安家补助。（责任单位：市人社局）";
    const C: &str = "优化营商环境。推行企业开办一日办结，实现证照联办。（责任单位：市市场监管局）";
    const D: &str =
        "发展会展经济。对举办国际性展会的主办单位按场地租金的30%给予补助。（责任单位：市商务局）";

    fn clauses(items: &[&str]) -> String {
        const N: [&str; 5] = ["一", "二", "三", "四", "五"];
        let mut s = String::from("一、推动经济发展\n");
        for (i, t) in items.iter().enumerate() {
            s.push_str(&format!("（{}）{t}\n", N[i]));
        }
        s
    }

    #[test]
    fn an_inserted_clause_renumbers_the_others_and_is_the_only_change() {
        let old = notice(&clauses(&[A, B, C]));
        let new = notice(&clauses(&[D, A, B, C]));
        assert_eq!(
            kinds(&diff_records(&old, &new)),
            [k(Kind::ClauseAdded, None, Some("一"))]
        );
    }

    #[test]
    fn renumbered_clauses_match_without_any_change() {
        let old = notice(&clauses(&[A, B, C]));
        let text = clauses(&[A, B, C])
            .replace("（三）", "（四）")
            .replace("（二）", "（三）")
            .replace("（一）", "（二）");
        let new = notice(&text);
        assert_eq!(new.clauses[0].label, "二");
        assert!(kinds(&diff_records(&old, &new)).is_empty());
    }

    #[test]
    fn a_clause_deleted_where_another_is_inserted_is_a_removal_and_an_addition() {
        let old = notice(&clauses(&[A, B, C]));
        let new = notice(&clauses(&[A, D, C]));
        assert_eq!(
            kinds(&diff_records(&old, &new)),
            [
                k(Kind::ClauseRemoved, Some("二"), None),
                k(Kind::ClauseAdded, None, Some("二"))
            ]
        );
    }

    #[test]
    fn clauses_with_similar_titles_each_match_their_own() {
        let a1 = "支持企业研发投入。对研发费用增长的企业给予最高50万元奖励。（责任单位：市科技局）";
        let b1 =
            "支持企业研发平台建设。对新认定的省级研发中心给予20万元奖励。（责任单位：市经信局）";
        // Both amended, and in the other order: the amounts tell which is which.
        let a2 = "支持企业研发投入。对研发费用增长的企业给予最高80万元奖励。（责任单位：市科技局）";
        let b2 =
            "支持企业研发平台建设。对新认定的省级研发中心给予30万元奖励。（责任单位：市经信局）";
        let old = notice(&clauses(&[a1, b1]));
        let new = notice(&clauses(&[b2, a2]));
        let changes = diff_records(&old, &new);
        let amended = substance(&changes);
        assert_eq!(amended.len(), 2, "{changes:#?}");
        let values = |c: &Change| {
            let p = &c.changes.amounts[0];
            (
                p.old.as_ref().map(|a| a.value),
                p.new.as_ref().map(|a| a.value),
            )
        };
        // One of the two is out of order: it moved; both carry their figure.
        let mut got: Vec<(Option<f64>, Option<f64>)> = amended.iter().map(|c| values(c)).collect();
        got.sort_by(|a, b| a.0.partial_cmp(&b.0).expect("numbers"));
        assert_eq!(got, [(Some(2e5), Some(3e5)), (Some(5e5), Some(8e5))]);
        assert_eq!(
            amended
                .iter()
                .filter(|c| c.kind == Kind::ClauseMoved)
                .count(),
            1
        );
    }

    #[test]
    fn clauses_swapped_within_a_section_is_one_move() {
        let old = notice(&clauses(&[A, B, C]));
        let new = notice(&clauses(&[A, C, B]));
        let got = kinds(&diff_records(&old, &new));
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, Kind::ClauseMoved);
    }

    #[test]
    fn a_renamed_section_with_its_clauses_is_amended_not_replaced() {
        let old = notice(&clauses(&[A, B, C]));
        let new = notice(&clauses(&[A, B, C]).replace("推动经济发展", "促进产业升级"));
        let changes = diff_records(&old, &new);
        assert_eq!(
            kinds(&changes),
            [k(Kind::SectionAmended, Some("一"), Some("一"))]
        );
        let t = substance(&changes)[0]
            .changes
            .title
            .as_ref()
            .expect("title changed");
        assert_eq!(
            (t.old.as_str(), t.new.as_str()),
            ("推动经济发展", "促进产业升级")
        );
    }

    #[test]
    fn sections_swapped_is_one_section_move_and_no_clause_move() {
        let two = |first: &str, second: &str| notice(&format!("{first}\n{second}",));
        let s1 = format!("一、推动经济发展\n（一）{A}\n（二）{B}");
        let s2 = format!("二、优化公共服务\n（三）{C}\n（四）{D}");
        let old = two(&s1, &s2);
        let new = two(
            &s2.replace("二、", "一、")
                .replace("（三）", "（一）")
                .replace("（四）", "（二）"),
            &s1.replace("一、", "二、")
                .replace("（一）", "（三）")
                .replace("（二）", "（四）"),
        );
        let got = kinds(&diff_records(&old, &new));
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, Kind::SectionMoved);
    }

    #[test]
    fn a_unit_added_is_a_unit_change_and_one_inserted_phrase() {
        let old = notice(&clauses(&[A]));
        let new = notice(&clauses(&[&A.replace("市科技局", "市科技局、市财政局")]));
        let changes = diff_records(&old, &new);
        assert_eq!(
            kinds(&changes),
            [k(Kind::ClauseAmended, Some("一"), Some("一"))]
        );
        let am = &substance(&changes)[0].changes;
        let units = am.responsible_units.as_ref().expect("units changed");
        assert_eq!(
            (units.added.as_slice(), units.removed.as_slice()),
            (&["市财政局".to_string()][..], &[][..])
        );
        assert_eq!(am.text.len(), 1);
        assert_eq!(
            (am.text[0].op, am.text[0].new.as_str()),
            (Op::Insert, "、市财政局")
        );
        assert!(am.amounts.is_empty() && am.title.is_none());
    }

    #[test]
    fn equal_records_and_script_only_differences_give_nothing_in_substance() {
        let old = notice(&clauses(&[A, B]));
        assert!(diff_records(&old, &old).is_empty());
        let traditional = notice(
            &clauses(&[A, B])
                .replace("发展", "發展")
                .replace("责任单位", "責任單位"),
        );
        assert!(kinds(&diff_records(&old, &traditional)).is_empty());
    }

    #[test]
    fn the_schema_states_the_version_the_code_names() {
        let schema: serde_json::Value =
            serde_json::from_str(crate::output::schema::CHANGES_SCHEMA).expect("valid JSON");
        assert_eq!(schema["version"], CHANGES_SCHEMA_VERSION);
        let id = schema["$id"].as_str().expect("an $id");
        assert!(
            id.contains(&format!("/changes/{CHANGES_SCHEMA_VERSION}/")),
            "{id}"
        );
    }

    #[test]
    fn a_percentage_point_added_removed_or_changed_is_a_figure_change() {
        let with = |tail: &str| notice(&clauses(&[&C.replace("证照联办", tail), B]));
        let points = |old: &Notice, new: &Notice| -> Vec<(Option<f64>, Option<f64>)> {
            let changes = diff_records(old, new);
            let found = substance(&changes);
            assert_eq!(found.len(), 1, "{changes:#?}");
            assert_eq!(found[0].kind, Kind::ClauseAmended);
            assert!(found[0].changes.has_figures());
            found[0]
                .changes
                .percentage_points
                .iter()
                .map(|p| {
                    (
                        p.old.as_ref().map(|x| x.value),
                        p.new.as_ref().map(|x| x.value),
                    )
                })
                .collect()
        };
        let (none, three, five) = (
            with("证照联办"),
            with("证照联办，办结率提高3个百分点"),
            with("证照联办，办结率提高5个百分点"),
        );
        assert_eq!(three.percentage_points.len(), 1);
        assert_eq!(points(&three, &five), [(Some(3.0), Some(5.0))]);
        assert_eq!(points(&none, &three), [(None, Some(3.0))]);
        assert_eq!(points(&three, &none), [(Some(3.0), None)]);
        assert!(diff_records(&three, &three).is_empty());
    }

    #[test]
    fn a_clause_whose_lead_unit_changes_says_so() {
        let lead = |u: &str| {
            A.replace(
                "（责任单位：市科技局）",
                &format!("（{u}牵头，市财政局配合）"),
            )
        };
        let old = notice(&clauses(&[&lead("市科技局")]));
        let new = notice(&clauses(&[&lead("市经信局")]));
        assert_eq!(
            old.clauses[0].lead_units,
            ["市科技局"],
            "{:?}",
            old.clauses[0]
        );
        let changes = diff_records(&old, &new);
        let am = &substance(&changes)[0].changes;
        let lead = am.lead_units.as_ref().expect("lead units changed");
        assert_eq!(
            (lead.added.as_slice(), lead.removed.as_slice()),
            (&["市经信局".to_string()][..], &["市科技局".to_string()][..])
        );
    }

    #[test]
    fn attachments_and_tables_outside_clauses_are_header_changes() {
        use crate::model::{Attachment, Table};
        let old = notice(&clauses(&[A]));
        let mut new = old.clone();
        new.attachments.push(Attachment {
            text: "附件：申报表.docx".into(),
            url: "https://example.gov.cn/a.docx".into(),
            media_type: None,
            id: None,
        });
        let table = |cell: &str| Table {
            rows: vec![
                vec!["指标".into(), "目标值".into()],
                vec!["研发投入".into(), cell.into()],
            ],
            section: None,
            clause: None,
            span: [0, 0],
        };
        let mut old_t = old.clone();
        old_t.tables.push(table("5%"));
        new.tables.push(table("6%"));
        let changes = diff_records(&old_t, &new);
        let fields: Vec<_> = changes.iter().filter_map(|c| c.field.as_deref()).collect();
        assert_eq!(fields, ["attachments", "tables"], "{changes:#?}");
        let substance: Vec<_> = changes.iter().map(|c| c.substance).collect();
        assert_eq!(substance, [false, true]);
        let tables = &changes[1].changes;
        assert_eq!(tables.added, Some(serde_json::json!([["研发投入", "6%"]])));
        assert_eq!(
            tables.removed,
            Some(serde_json::json!([["研发投入", "5%"]]))
        );
        // A table inside a clause is that clause's words, not a header change.
        let (mut a, mut b) = (old.clone(), old.clone());
        a.tables.push(Table {
            clause: Some(1),
            ..table("5%")
        });
        b.tables.push(Table {
            clause: Some(1),
            ..table("6%")
        });
        assert!(diff_records(&a, &b).iter().all(|c| c.field.is_none()));
        for c in &changes {
            let v = serde_json::to_value(c).expect("serialises");
            crate::output::schema::validate_change_value(&v).expect("valid against the schema");
        }
        let text = render::render_notice(&changes, render::Style { color: false });
        assert!(
            text.contains("+ 附件：申报表.docx <https://example.gov.cn/a.docx>"),
            "{text}"
        );
        assert!(text.contains("+ 研发投入 | 6%"), "{text}");
    }
}
