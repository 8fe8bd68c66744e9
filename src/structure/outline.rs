//! The outline: which labelled paragraphs are headings, clauses and items,
//! how they nest, and where each ends.
//!
//! Levels come from the document's own nesting, not from a fixed order:
//!
//! 1. Every paragraph opening with a label ([`super::labels`]) is a
//!    candidate, except in tables, a table of contents and stop paragraphs
//!    ([`super::bounds`]).
//! 2. The kinds are ranked by where their lists restart: `1.` restarting at
//!    1 after each `（一）` puts `1.` under `（一）`. Kinds without evidence
//!    keep the usual order (`第一章` > `一、` > `（一）` > `1.` > `（1）` > `①`).
//! 3. One pass with a stack of open levels accepts a label only in
//!    sequence: the next number of its kind at its level, 1 for a new level
//!    (a list restarting under a new parent), or the next number after the
//!    same kind's last (lists numbered through the document, `（十）` after
//!    `二、`). Anything else — `一、二等獎` opening a line, a nested `（一）`
//!    inside a clause — is text of the open clause. Some notices put `1.`
//!    straight under `一、`: a level may be skipped.
//!
//! The record keeps two levels users query. Regulations (three or more
//! `第N條`): articles are the clauses, chapters (else the headings above
//! the articles) the sections. Otherwise the top level, when it is a
//! heading kind (`第一章`, `一、`, `1 總則`), gives the sections and the
//! next level the clauses; a top level of `（一）` or `1.` gives clauses
//! without sections. Deeper levels are the clauses' items. Clauses are
//! numbered 1…N in reading order whatever their labels say.

use std::collections::HashMap;

use super::bounds;
use super::labels::{find_label, Kind, Label};
use super::units::{find_lead_units, find_statements, Statement};
use super::Para;
use crate::model::WarningCode;
use crate::output::record::{Clause, Item, Section, Warning};

/// Largest jump in a list's numbers still taken as the next label (with a
/// warning) rather than an unrelated enumeration.
const MAX_GAP: u32 = 3;

/// Fewest articles that make a document a regulation.
const MIN_ARTICLES: usize = 3;

/// Sections, clauses and the paragraph boundaries the header needs.
pub(crate) struct Body {
    pub sections: Vec<Section>,
    pub clauses: Vec<Clause>,
    /// Index of the first section or clause paragraph.
    pub first_marker: Option<usize>,
    /// Index of the first paragraph after the outline (closing text, a
    /// signature, attachments), if any.
    pub closing_from: Option<usize>,
}

/// What the decode stage says about paragraphs beyond their text.
#[derive(Debug, Clone, Default)]
pub(crate) struct ParaFlags {
    /// The paragraph is a row of a table.
    pub in_table: Vec<bool>,
    /// A markdown rule (`---`) stood before the paragraph.
    pub rule_before: Vec<bool>,
}

/// An accepted label.
#[derive(Debug, Clone)]
struct Node {
    para: usize,
    label: Label,
    depth: usize,
}

pub(crate) fn find_body(
    paras: &[Para<'_>],
    flags: &ParaFlags,
    warnings: &mut Vec<Warning>,
) -> Body {
    let n = paras.len();
    let stops = bounds::find_stops(paras, &flags.in_table);
    let mut labels: Vec<Option<Label>> = paras
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if flags.in_table[i] || stops[i] {
                None
            } else {
                find_label(p.folded)
            }
        })
        .collect();
    let toc = bounds::find_toc(paras, &labels);
    for (l, &t) in labels.iter_mut().zip(&toc) {
        if t {
            *l = None;
        }
    }
    // A bare `1` heads a decimal outline only where `1.1` follows.
    if !labels.iter().flatten().any(|l| l.kind == Kind::Decimal2) {
        for l in labels.iter_mut() {
            if l.as_ref().is_some_and(|l| l.kind == Kind::Decimal1) {
                *l = None;
            }
        }
    }
    let rank = rank_kinds(&labels, &stops);
    let nodes = nest(&labels, &stops, &rank, warnings);

    // Statements of every paragraph, leads settled in reading order.
    let statements = all_statements(paras, &flags.in_table);

    let (section_nodes, clause_nodes) = choose_levels(&nodes, paras, &statements);

    // The first stop (and the first stop, rule or contents line) at or
    // after each paragraph, so no search below scans the text.
    let mut next_stop = vec![n; n + 1];
    let mut next_break = vec![n; n + 1];
    for i in (0..n).rev() {
        next_stop[i] = if stops[i] { i } else { next_stop[i + 1] };
        next_break[i] = if stops[i] || flags.rule_before[i] || toc[i] {
            i
        } else {
            next_break[i + 1]
        };
    }

    // Where each node's text ends (paragraph index, exclusive), before the
    // closing is known: the next node not below it, a stop, a rule.
    let hard_end = |k: usize| -> usize {
        let node = &nodes[k];
        let next_node = nodes[k + 1..]
            .iter()
            .find(|m| m.depth <= node.depth)
            .map_or(n, |m| m.para);
        next_node.min(next_break[node.para + 1])
    };

    // The closing: after the outline's last record node, the first stop or
    // rule, or a paragraph that reads like a closing (`本通知自…施行`), or
    // the paragraph after a statement that closes the last clause.
    let last_record = section_nodes
        .iter()
        .chain(clause_nodes.iter())
        .copied()
        .max();
    let mut closing_from: Option<usize> = None;
    if let Some(last) = last_record {
        let start = nodes[last].para;
        let last_desc = nodes[last..]
            .iter()
            .take_while(|m| m.para == start || m.depth > nodes[last].depth)
            .map(|m| m.para)
            .max()
            .unwrap_or(start);
        let stop = Some(next_break[start + 1]).filter(|&i| i < n);
        let is_clause = clause_nodes.contains(&last);
        // A label alone on its line (`第六十二条`) has its text in the next
        // paragraph, which is never the closing (`本条例自…起施行`).
        let label_only = paras[last_desc].folded[nodes
            .iter()
            .find(|m| m.para == last_desc)
            .map_or(0, |m| m.label.rest)..]
            .trim()
            .is_empty();
        // A section heading alone on its line (`三、保障措施`) with no
        // clause under it: the paragraph after it is its opening text, even
        // one that reads like a closing (`各地要…`).
        let heading_only = !is_clause
            && last_desc == start
            && !paras[start].folded.contains(['。', ';', '!', '?']);
        let from = last_desc + 1 + usize::from(label_only || heading_only);
        let soft = (from..stop.unwrap_or(n)).find(|&i| {
            !flags.in_table[i]
                && (bounds::CLOSING.is_match(paras[i].folded)
                    || (is_clause
                        && statements[i].is_empty()
                        && super::units::ends_with_statement(paras[i - 1].folded)))
        });
        closing_from = soft.or(stop);
    }
    let end_of = |k: usize| -> usize {
        let e = hard_end(k);
        match closing_from {
            Some(c) if c > nodes[k].para => e.min(c),
            _ => e,
        }
    };

    // End of the text before paragraph `i` (without its newline).
    let end_before = |i: usize| if i == 0 { 0 } else { paras[i - 1].end };

    let mut sections = Vec::with_capacity(section_nodes.len());
    for (i, &k) in section_nodes.iter().enumerate() {
        let node = &nodes[k];
        let p = &paras[node.para];
        let next = section_nodes.get(i + 1).map(|&s| nodes[s].para);
        let closing = closing_from.filter(|&c| c > node.para);
        let stop = [next, Some(next_stop[node.para + 1]), closing]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(n);
        let rest = &p.folded[node.label.rest..];
        let rest_start = p.start + p.folded[..node.label.rest].chars().count();
        let (title, lead_units) = heading_parts(rest, rest_start, p);
        sections.push(Section {
            number: i as u32 + 1,
            label: label_text(p, node.label.rest),
            title,
            lead_units,
            span: [p.start, end_before(stop).max(p.end)],
        });
    }

    // The section whose span holds a paragraph: the last heading before it,
    // unless a stop ended that section first.
    let section_of = |para: usize| -> Option<u32> {
        let i = section_nodes.partition_point(|&s| nodes[s].para < para);
        let i = i.checked_sub(1)?;
        (sections[i].span[1] > paras[para].start).then_some(i as u32 + 1)
    };

    let mut clauses = Vec::with_capacity(clause_nodes.len());
    for (number, &k) in clause_nodes.iter().enumerate() {
        let node = &nodes[k];
        let p = &paras[node.para];
        let end = end_of(k).max(node.para + 1);
        let (responsible_units, lead_units) = units_in(&statements, node.para, end);
        let mut items = Vec::new();
        for (j, m) in nodes.iter().enumerate().skip(k + 1) {
            if m.depth <= node.depth || m.para >= end {
                break;
            }
            let q = &paras[m.para];
            let item_end = end_of(j).min(end).max(m.para + 1);
            let (units, leads) = units_in(&statements, m.para, item_end);
            items.push(Item {
                label: label_text(q, m.label.rest),
                level: (m.depth - node.depth) as u32,
                text: paras_text(paras, m.para, item_end),
                responsible_units: units,
                lead_units: leads,
                span: [q.start, end_before(item_end).max(q.end)],
            });
        }
        clauses.push(Clause {
            number: number as u32 + 1,
            label: label_text(p, node.label.rest),
            section: section_of(node.para),
            title: clause_title(paras, node.para, node.label.rest, end),
            text: paras_text(paras, node.para, end),
            responsible_units,
            lead_units,
            items,
            span: [p.start, end_before(end).max(p.end)],
        });
    }

    let first_marker = section_nodes
        .iter()
        .chain(clause_nodes.iter())
        .map(|&k| nodes[k].para)
        .min();
    Body {
        sections,
        clauses,
        first_marker,
        closing_from,
    }
}

/// Ranks the label kinds of a document, top level first (smaller is
/// higher), from where their lists restart, with the usual order breaking
/// ties.
fn rank_kinds(labels: &[Option<Label>], stops: &[bool]) -> HashMap<Kind, usize> {
    // above[(a, b)]: how often a list of kind b restarts at 1 right after a
    // label of kind a (the nearest label of another kind before it).
    let mut above: HashMap<(Kind, Kind), usize> = HashMap::new();
    let mut recent: Vec<Kind> = Vec::new();
    let mut kinds: Vec<Kind> = Vec::new();
    for (i, l) in labels.iter().enumerate() {
        if stops[i] {
            recent.clear();
        }
        let Some(l) = l else { continue };
        if !kinds.contains(&l.kind) {
            kinds.push(l.kind);
        }
        if l.value == 1 {
            if let Some(&parent) = recent.iter().rev().find(|&&k| k != l.kind) {
                *above.entry((parent, l.kind)).or_default() += 1;
            }
        }
        recent.retain(|&k| k != l.kind);
        recent.push(l.kind);
    }
    // Kahn's order over "a above b" where the evidence says so more often
    // than the reverse; among the free kinds, the usual order first.
    kinds.sort();
    let beats = |a: Kind, b: Kind| {
        let ab = above.get(&(a, b)).copied().unwrap_or(0);
        let ba = above.get(&(b, a)).copied().unwrap_or(0);
        ab > ba
    };
    let mut order: Vec<Kind> = Vec::new();
    let mut left = kinds.clone();
    while !left.is_empty() {
        let free = left
            .iter()
            .position(|&k| !left.iter().any(|&o| o != k && beats(o, k)))
            .unwrap_or(0);
        order.push(left.remove(free));
    }
    order.into_iter().enumerate().map(|(i, k)| (k, i)).collect()
}

/// An open level while nesting.
struct Open {
    kind: Kind,
    last: u32,
    node: usize,
}

/// Accepts the labels that are in sequence and gives each its depth.
fn nest(
    labels: &[Option<Label>],
    stops: &[bool],
    rank: &HashMap<Kind, usize>,
    warnings: &mut Vec<Warning>,
) -> Vec<Node> {
    // The first label at or after each paragraph.
    let mut next_label = vec![None; labels.len() + 1];
    for i in (0..labels.len()).rev() {
        next_label[i] = if labels[i].is_some() {
            Some(i)
        } else {
            next_label[i + 1]
        };
    }
    let mut nodes: Vec<Node> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    // The last number each kind reached, for lists numbered through.
    let mut last_of: HashMap<Kind, u32> = HashMap::new();
    for (i, l) in labels.iter().enumerate() {
        if stops[i] {
            // A new document starts after a signature or an attachment
            // list, unless its text goes on with the open list.
            let next = next_label[i + 1].and_then(|j| labels[j].as_ref());
            if next.is_some_and(|l| l.value == 1) {
                stack.clear();
                last_of.clear();
            }
            continue;
        }
        let Some(l) = l else { continue };
        let r = rank[&l.kind];
        if let Some(pos) = stack.iter().position(|o| o.kind == l.kind) {
            let prev = stack[pos].last;
            let in_sequence = l.value > prev
                && l.value <= prev + 1 + MAX_GAP
                && decimal_parents_match(l, &stack[..pos], &nodes);
            if in_sequence {
                if l.value > prev + 1 {
                    warnings.push(gap_warning(l, prev));
                }
                stack.truncate(pos);
                stack.push(Open {
                    kind: l.kind,
                    last: l.value,
                    node: nodes.len(),
                });
                last_of.insert(l.kind, l.value);
                nodes.push(Node {
                    para: i,
                    label: l.clone(),
                    depth: pos,
                });
            }
            continue;
        }
        // A new level: above every open level ranked below it.
        let depth = stack
            .iter()
            .position(|o| rank[&o.kind] > r)
            .unwrap_or(stack.len());
        let accept = match last_of.get(&l.kind) {
            Some(&prev) if l.value == prev + 1 => true,
            _ if l.value == 1 => true,
            None if l.kind.tolerates_missing_start() && l.value <= 1 + MAX_GAP => {
                if l.value > 1 {
                    warnings.push(gap_warning(l, 0));
                }
                true
            }
            _ => false,
        };
        if accept && decimal_parents_match(l, &stack[..depth], &nodes) {
            stack.truncate(depth);
            stack.push(Open {
                kind: l.kind,
                last: l.value,
                node: nodes.len(),
            });
            last_of.insert(l.kind, l.value);
            nodes.push(Node {
                para: i,
                label: l.clone(),
                depth,
            });
        }
    }
    nodes
}

/// A decimal label `2.3` belongs under the open `2` (or `2.`) only.
fn decimal_parents_match(l: &Label, open: &[Open], nodes: &[Node]) -> bool {
    if l.parents.is_empty() {
        return true;
    }
    // The nearest open decimal or Arabic levels, innermost last.
    let numbered: Vec<u32> = open
        .iter()
        .filter(|o| matches!(o.kind, Kind::Decimal1 | Kind::Arabic | Kind::Decimal2))
        .map(|o| nodes[o.node].label.value)
        .collect();
    if numbered.is_empty() {
        return true;
    }
    numbered.ends_with(&l.parents[l.parents.len().saturating_sub(numbered.len())..])
}

fn gap_warning(l: &Label, prev: u32) -> Warning {
    Warning::new(
        WarningCode::ClauseNumberGap,
        format!(
            "label {} follows {}: {}..{} are missing",
            l.value,
            prev,
            prev + 1,
            l.value - 1
        ),
    )
}

/// The nodes that are the record's sections and clauses (indices into
/// `nodes`, in order).
fn choose_levels(
    nodes: &[Node],
    paras: &[Para<'_>],
    statements: &[Vec<Statement>],
) -> (Vec<usize>, Vec<usize>) {
    let articles: Vec<usize> = (0..nodes.len())
        .filter(|&k| nodes[k].label.kind == Kind::Article)
        .collect();
    let parent =
        |k: usize| -> Option<usize> { (0..k).rev().find(|&j| nodes[j].depth < nodes[k].depth) };
    if articles.len() >= MIN_ARTICLES {
        // Regulations: the headings above the articles, chapters first.
        let mut above: Vec<Kind> = Vec::new();
        for &a in &articles {
            let mut p = parent(a);
            while let Some(j) = p {
                if nodes[j].label.kind.is_heading() && !above.contains(&nodes[j].label.kind) {
                    above.push(nodes[j].label.kind);
                }
                p = parent(j);
            }
        }
        let section_kind = if above.contains(&Kind::Chapter) {
            Some(Kind::Chapter)
        } else {
            above.iter().min().copied()
        };
        let first_article = nodes[articles[0]].para;
        let ancestors: std::collections::HashSet<usize> = articles
            .iter()
            .flat_map(|&a| parent_chain(nodes, a))
            .collect();
        let sections = match section_kind {
            // Not a covering notice's `一、` before the regulation.
            Some(kind) => (0..nodes.len())
                .filter(|&k| nodes[k].label.kind == kind)
                .filter(|&k| nodes[k].para >= first_article || ancestors.contains(&k))
                .collect(),
            None => Vec::new(),
        };
        // Numbered provisions after the articles, outside any (`附则` then
        // `（一）适用范围`…), are clauses too.
        let mut clauses = articles;
        clauses.extend((0..nodes.len()).filter(|&k| {
            nodes[k].depth == 0
                && !nodes[k].label.kind.is_heading()
                && nodes[k].label.kind != Kind::Article
                && nodes[k].para > first_article
        }));
        clauses.sort_unstable();
        return (sections, clauses);
    }
    let top: Vec<usize> = (0..nodes.len()).filter(|&k| nodes[k].depth == 0).collect();
    let heading_top: Vec<usize> = top
        .iter()
        .copied()
        .filter(|&k| nodes[k].label.kind.is_heading())
        .collect();
    if heading_top.is_empty() {
        return (Vec::new(), top);
    }
    let clauses: Vec<usize> = (0..nodes.len())
        .filter(|&k| nodes[k].depth == 1 && parent(k).is_some_and(|p| heading_top.contains(&p)))
        .collect();
    // A notice that numbers its measures `一、` and gives each its own
    // responsible units has measures, not sections: they are its clauses.
    if clauses.is_empty() {
        let with_units = heading_top
            .iter()
            .enumerate()
            .filter(|&(i, &k)| {
                let end = heading_top
                    .get(i + 1)
                    .map_or(paras.len(), |&n| nodes[n].para);
                statements[nodes[k].para..end].iter().any(|s| !s.is_empty())
            })
            .count();
        if with_units * 2 >= heading_top.len() {
            return (Vec::new(), heading_top);
        }
    }
    (heading_top, clauses)
}

/// Indices of a node's ancestors, nearest first.
fn parent_chain(nodes: &[Node], k: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut depth = nodes[k].depth;
    for j in (0..k).rev() {
        if nodes[j].depth < depth {
            out.push(j);
            depth = nodes[j].depth;
            if depth == 0 {
                break;
            }
        }
    }
    out
}

/// The statements of every paragraph (none in tables), with the lead units
/// a `列第一位者为牵头单位，下同` note gives later statements filled in.
fn all_statements(paras: &[Para<'_>], in_table: &[bool]) -> Vec<Vec<Statement>> {
    let mut first_leads = false;
    paras
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if in_table[i] {
                return Vec::new();
            }
            let mut found = find_statements(p.folded, p.original);
            for st in &mut found {
                if st.first_leads_below {
                    first_leads = true;
                } else if first_leads && st.leads.is_empty() {
                    st.leads.push(st.units[0].clone());
                }
            }
            found
        })
        .collect()
}

/// Units and lead units of the statements in paragraphs `from..to`, in
/// order of first appearance, each once.
fn units_in(statements: &[Vec<Statement>], from: usize, to: usize) -> (Vec<String>, Vec<String>) {
    let mut units: Vec<String> = Vec::new();
    let mut leads: Vec<String> = Vec::new();
    for st in statements[from..to].iter().flatten() {
        for u in &st.units {
            if !units.contains(u) {
                units.push(u.clone());
            }
        }
        for u in &st.leads {
            if !leads.contains(u) {
                leads.push(u.clone());
            }
        }
    }
    (units, leads)
}

/// The original text of paragraphs `from..to`, joined by newlines.
fn paras_text(paras: &[Para<'_>], from: usize, to: usize) -> String {
    paras[from..to.max(from + 1).min(paras.len())]
        .iter()
        .map(|p| p.original)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Heading title (before a lead-unit parenthesis or the first `。`) and its
/// lead units.
fn heading_parts(rest: &str, rest_start: usize, p: &Para<'_>) -> (String, Vec<String>) {
    let lead = find_lead_units(
        rest,
        &p.original
            .chars()
            .skip(rest_start - p.start)
            .collect::<String>(),
    );
    let cut = [lead.as_ref().map(|l| l.0), rest.find('。')]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(rest.len());
    let chars_before = rest[..cut].chars().count();
    let start = rest_start - p.start;
    let title: String = p.original.chars().skip(start).take(chars_before).collect();
    let title = title
        .trim()
        .trim_end_matches([':', '：'])
        .trim()
        .to_string();
    let units = lead.map(|l| l.1).unwrap_or_default();
    (title, units)
}

/// Clause title: the text after the label up to the first `。`, or to the
/// end of its paragraph when that comes first. A heading in brackets
/// (`第一条（目的和依据）`) loses them; a label alone on its line (`第一条`)
/// takes its title from the paragraph after it.
fn clause_title(paras: &[Para<'_>], at: usize, rest: usize, end: usize) -> String {
    let p = &paras[at];
    let t = sentence(p, rest);
    if !t.is_empty() || at + 1 >= end {
        return t;
    }
    sentence(&paras[at + 1], 0)
}

/// The first sentence of a paragraph from byte `rest`, trimmed. A
/// paragraph without `。` is its own title, with the `：` that ends it
/// before a list (GOLD.md: "to the end of the clause's first paragraph").
fn sentence(p: &Para<'_>, rest: usize) -> String {
    let folded_rest = &p.folded[rest..];
    let cut = folded_rest.find('。').unwrap_or(folded_rest.len());
    let skip = p.folded[..rest].chars().count();
    let take = folded_rest[..cut].chars().count();
    let t: String = p.original.chars().skip(skip).take(take).collect();
    let t = t.trim().trim_end_matches([',', '，']).trim().to_string();
    // `(目的和依据)`: a bracketed heading is the title without its brackets.
    let f = crate::decode::normalize::fold(&t);
    if f.starts_with('(') && f.ends_with(')') && !f[1..f.len() - 1].contains(['(', ')']) {
        let inner: String = t.chars().skip(1).take(t.chars().count() - 2).collect();
        return inner.trim().to_string();
    }
    t
}

/// A label as written, without brackets, punctuation and layout spaces
/// (`一`, `第一章`, `第一條`, `1`, `1.1`, `①`).
fn label_text(p: &Para<'_>, rest: usize) -> String {
    let head: String = p
        .original
        .chars()
        .take(p.folded[..rest].chars().count())
        .collect();
    let head = head
        .trim()
        .trim_start_matches(['(', '（'])
        .trim_end_matches([')', '）', '.', '．', '、', ' ', '\u{3000}']);
    head.trim().chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::normalize::Folded;

    /// (label, depth) of the accepted labels of a text.
    fn outline(text: &str) -> Vec<(String, usize)> {
        let f = Folded::new(text);
        let paras = super::super::paragraphs(&f);
        let labels: Vec<Option<Label>> = paras.iter().map(|p| find_label(p.folded)).collect();
        let stops = vec![false; paras.len()];
        let rank = rank_kinds(&labels, &stops);
        let mut w = Vec::new();
        nest(&labels, &stops, &rank, &mut w)
            .into_iter()
            .map(|n| (label_text(&paras[n.para], n.label.rest), n.depth))
            .collect()
    }

    fn body(text: &str) -> Body {
        let f = Folded::new(text);
        let paras = super::super::paragraphs(&f);
        let flags = ParaFlags {
            in_table: vec![false; paras.len()],
            rule_before: vec![false; paras.len()],
        };
        find_body(&paras, &flags, &mut Vec::new())
    }

    #[test]
    fn levels_follow_the_document() {
        // `1.` straight under `一、` in one section, under `（一）` in the next.
        let text = "一、总体要求\n1.坚持。\n2.坚持。\n二、主要任务\n（一）推进。\n1.甲。\n2.乙。\n（二）加强。\n1.丙。";
        assert_eq!(
            outline(text),
            [
                ("一", 0),
                ("1", 1),
                ("2", 1),
                ("二", 0),
                ("一", 1),
                ("1", 2),
                ("2", 2),
                ("二", 1),
                ("1", 2)
            ]
            .map(|(l, d)| (l.to_string(), d))
        );
    }

    #[test]
    fn a_document_may_nest_against_the_usual_order() {
        // `（一）` restarting under each `1.`: `1.` is the upper level here.
        let text = "1.总则\n（一）甲。\n（二）乙。\n2.任务\n（一）丙。";
        assert_eq!(
            outline(text),
            [("1", 0), ("一", 1), ("二", 1), ("2", 0), ("一", 1)].map(|(l, d)| (l.to_string(), d))
        );
    }

    #[test]
    fn out_of_sequence_labels_are_text() {
        // A nested `（一）` inside clause `（三）` and a stray `一、`.
        let text = "一、要求\n（一）甲\n（二）乙\n（三）丙：\n（一）丙一\n（二）丙二\n（四）丁\n一、二等奖各一名\n二、保障";
        let got: Vec<String> = outline(text).into_iter().map(|(l, _)| l).collect();
        assert_eq!(got, ["一", "一", "二", "三", "四", "二"]);
    }

    #[test]
    fn lists_numbered_through_the_document() {
        let text = "一、甲\n（一）a\n（二）b\n二、乙\n（三）c\n三、丙\n（一）d";
        assert_eq!(
            outline(text),
            [
                ("一", 0),
                ("一", 1),
                ("二", 1),
                ("二", 0),
                ("三", 1),
                ("三", 0),
                ("一", 1)
            ]
            .map(|(l, d)| (l.to_string(), d))
        );
    }

    #[test]
    fn clauses_are_numbered_through_and_keep_their_labels() {
        let b = body("一、甲\n（一）a。\n（二）b。\n二、乙\n（一）c。（财政部负责）\n1.c1（科技部负责）\n2.c2（科技部、教育部负责）");
        let got: Vec<(u32, String, Option<u32>)> = b
            .clauses
            .iter()
            .map(|c| (c.number, c.label.clone(), c.section))
            .collect();
        assert_eq!(
            got,
            [
                (1, "一".into(), Some(1)),
                (2, "二".into(), Some(1)),
                (3, "一".into(), Some(2))
            ]
        );
        let c = &b.clauses[2];
        assert_eq!(c.responsible_units, ["财政部", "科技部", "教育部"]);
        assert_eq!(c.items.len(), 2);
        assert_eq!(c.items[1].responsible_units, ["科技部", "教育部"]);
        assert_eq!(c.items[1].level, 1);
    }

    #[test]
    fn regulations_give_chapters_and_articles() {
        let b = body("某某办法\n第一章 总则\n第一条 为了规范，制定本办法。\n第二条 本办法适用于全市。\n第二章 管理\n第三条 下列情形：\n（一）甲；\n（二）乙。\n第四条 本办法自2025年1月1日起施行。");
        assert_eq!(
            b.sections
                .iter()
                .map(|s| s.title.as_str())
                .collect::<Vec<_>>(),
            ["总则", "管理"]
        );
        let got: Vec<(u32, Option<u32>, usize)> = b
            .clauses
            .iter()
            .map(|c| (c.number, c.section, c.items.len()))
            .collect();
        assert_eq!(
            got,
            [
                (1, Some(1), 0),
                (2, Some(1), 0),
                (3, Some(2), 2),
                (4, Some(2), 0)
            ]
        );
    }

    #[test]
    fn a_clause_ends_at_attachments_signature_and_links() {
        let b = body("一、甲\n（一）a。\n（二）b。\n附件：1.任务表\n2.指标表\n某某市人民政府\n2025年1月2日\n（此件公开发布）");
        assert_eq!(b.clauses[1].text, "（二）b。");
        assert_eq!(b.closing_from, Some(3));
        let b = body("一、甲\n（一）a。\n（二）b。\n原文下载：某某方案.pdf\n1.相关文件");
        assert_eq!(b.clauses.len(), 2);
        assert_eq!(b.clauses[1].text, "（二）b。");
    }

    #[test]
    fn decimal_outlines_give_sections_and_clauses() {
        let b = body("某某技术规范\n1 总则\n1.1 目的。为规范管理。\n1.2 适用范围。\n2 要求\n2.1 一般要求。\n2.1.1 细则一。\n2.2 特殊要求。");
        let sections: Vec<&str> = b.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(sections, ["总则", "要求"]);
        let clauses: Vec<(&str, Option<u32>, usize)> = b
            .clauses
            .iter()
            .map(|c| (c.label.as_str(), c.section, c.items.len()))
            .collect();
        assert_eq!(
            clauses,
            [
                ("1.1", Some(1), 0),
                ("1.2", Some(1), 0),
                ("2.1", Some(2), 1),
                ("2.2", Some(2), 0)
            ]
        );
        // Without `1.1` a bare `1 ` opens no heading: `1 万元` is a figure
        // and `1 项目` text.
        assert!(body("某某通知\n1 项目名称\n2 项目地点").sections.is_empty());
    }

    #[test]
    fn a_table_of_contents_is_not_the_outline() {
        let b = body("某某条例\n目录\n第一章 总则\n第二章 附则\n第一章 总则\n第一条 为了规范。\n第二条 适用。\n第二章 附则\n第三条 本条例自公布之日起施行。");
        let sections: Vec<(u32, &str)> = b
            .sections
            .iter()
            .map(|s| (s.number, s.title.as_str()))
            .collect();
        assert_eq!(sections, [(1, "总则"), (2, "附则")]);
        assert_eq!(b.clauses.len(), 3);
        assert_eq!(
            b.sections[0].span[0],
            b.clauses[0].span[0] - "第一章 总则\n".chars().count()
        );
    }

    #[test]
    fn table_rows_are_never_labels() {
        let text =
            "一、目标\n（一）指标\n序号 指标 目标值\n1 研发投入 3%\n2 专利 100件\n（二）保障";
        let f = Folded::new(text);
        let paras = super::super::paragraphs(&f);
        let mut in_table = vec![false; paras.len()];
        for t in &mut in_table[2..5] {
            *t = true;
        }
        let flags = ParaFlags {
            in_table,
            rule_before: vec![false; paras.len()],
        };
        let b = find_body(&paras, &flags, &mut Vec::new());
        let labels: Vec<&str> = b.clauses.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["一", "二"]);
        assert!(b.clauses[0].items.is_empty());
        // The table stays in the clause it sits in.
        assert!(b.clauses[0].text.contains("研发投入"));
    }

    #[test]
    fn a_policy_after_its_covering_notice_is_outlined_afresh() {
        let text = "关于印发某方案的通知\n一、请认真执行。\n二、及时报告。\n某某局\n2025年1月2日\n某方案\n一、总体要求\n（一）甲。\n二、任务\n（二）乙。";
        let b = body(text);
        let titles: Vec<&str> = b.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["请认真执行", "及时报告", "总体要求", "任务"]);
        assert_eq!(b.clauses.len(), 2);
    }
}
