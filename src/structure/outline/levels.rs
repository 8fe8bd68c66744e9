//! Which accepted labels become the record's sections and clauses: a
//! regulation's chapters and articles, else the top level when it is a
//! heading kind and the level under it, or a top level of clauses (which
//! a top level of `一、` numbered paragraphs is too). The rest are items.
//! Separate because it is the record's choice, made once the document's
//! own nesting is known ([`super::nest`]).

use super::fields::heading_parts;
use super::nest::Node;
use crate::structure::labels::Kind;
use crate::structure::units::Statement;
use crate::structure::Para;

/// Fewest articles that make a document a regulation.
const MIN_ARTICLES: usize = 3;

/// Longest heading text still read as a heading rather than a sentence
/// (chars). Measured: the 1013 section titles of the 236 hand-made golds
/// are at most 16 chars, and the longest headings of the bundled fixtures
/// are 31 and 32 (a 一号文件's two-part `提升…，保障…供给`); the first
/// sentences of a 通告's numbered paragraphs (`一、自…起，禁止…通行。`) run
/// from 16 to over 100 chars, most above 40.
const HEADING_MAX_CHARS: usize = 40;

/// The nodes that are the record's sections and clauses (indices into
/// `nodes`, in order).
pub(super) fn choose_levels(
    nodes: &[Node],
    paras: &[Para<'_>],
    statements: &[Vec<Statement>],
) -> (Vec<usize>, Vec<usize>) {
    let articles: Vec<usize> = (0..nodes.len())
        .filter(|&k| nodes[k].label.kind == Kind::Article)
        .collect();
    let parent = |k: usize| nodes[k].parent;
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
            // A regulation without chapters: its articles have no section,
            // and a covering notice's own headings before it (`一、明确补贴
            // 范围和标准`, with the text under them) are the sections there
            // are.
            None => (0..nodes.len())
                .filter(|&k| {
                    nodes[k].depth == 0
                        && nodes[k].label.kind.is_heading()
                        && nodes[k].para < first_article
                })
                .collect(),
        };
        // Numbered provisions after the articles, outside any (`附则` then
        // `（一）适用范围`…), are clauses too.
        let mut clauses = articles;
        clauses.extend((0..nodes.len()).filter(|&k| {
            nodes[k].depth == 0
                && !nodes[k].label.kind.is_heading()
                && !matches!(nodes[k].label.kind, Kind::Article | Kind::Panel)
                && nodes[k].para > first_article
        }));
        clauses.sort_unstable();
        return (sections, clauses);
    }
    let top: Vec<usize> = (0..nodes.len())
        .filter(|&k| nodes[k].depth == 0 && nodes[k].label.kind != Kind::Panel)
        .collect();
    let heading_top: Vec<usize> = top
        .iter()
        .copied()
        .filter(|&k| nodes[k].label.kind.is_heading())
        .collect();
    // A 部分 over `一、` headings only groups them (`第一部分 总体要求` /
    // `一、指导思想`): the `一、` are the sections, numbered through.
    let heading_top: Vec<usize> = heading_top
        .iter()
        .flat_map(|&k| {
            let under: Vec<usize> = if nodes[k].label.kind == Kind::Part {
                (k + 1..nodes.len())
                    .take_while(|&j| nodes[j].depth > nodes[k].depth)
                    .filter(|&j| {
                        nodes[j].depth == nodes[k].depth + 1
                            && matches!(nodes[j].label.kind, Kind::Cn | Kind::Chapter)
                    })
                    .collect()
            } else {
                Vec::new()
            };
            if under.is_empty() {
                vec![k]
            } else {
                under
            }
        })
        .collect();
    if heading_top.is_empty() {
        return (Vec::new(), top);
    }
    if reads_as_paragraphs(nodes, paras, &heading_top) {
        return (Vec::new(), heading_top);
    }
    let mut is_heading_top = vec![false; nodes.len()];
    for &k in &heading_top {
        is_heading_top[k] = true;
    }
    // A 规划's `第一节` under its `第一章`: where a 节 holds `（一）`
    // measures, those are the clauses (GOLD.md's clause level) and the 节
    // only groups them; where no 节 does, the 节 are the level under the
    // sections and so the clauses, whatever they hold (`1.`, a box's
    // projects). A box (`专栏1`) is never a clause.
    let jie_groups = (0..nodes.len()).any(|k| {
        nodes[k].label.kind == Kind::ParenCn
            && parent(k).is_some_and(|p| nodes[p].label.kind == Kind::Jie && !is_heading_top[p])
    });
    let through_jie = |k: usize| -> Option<usize> {
        let mut p = parent(k);
        while let Some(j) = p.filter(|&j| nodes[j].label.kind == Kind::Jie && !is_heading_top[j]) {
            p = parent(j);
        }
        p
    };
    let clauses: Vec<usize> = (0..nodes.len())
        .filter(|&k| {
            if nodes[k].label.kind == Kind::Panel {
                return false;
            }
            if jie_groups {
                nodes[k].label.kind != Kind::Jie
                    && parent(k)
                        .is_some_and(|p| is_heading_top[p] || nodes[p].label.kind == Kind::Jie)
                    && through_jie(k).is_some_and(|p| is_heading_top[p])
            } else {
                parent(k).is_some_and(|p| is_heading_top[p])
            }
        })
        .collect();
    // A notice that numbers its measures `一、` and gives each its own
    // responsible units has measures, not sections: they are its clauses.
    // A heading on a line of its own, text below it, whose statement
    // closes the heading (`一、聚力产业强镇（牵头单位：经济发展办）`) names
    // its section's lead units, as `（由…牵头实施）` does: no measure's.
    if clauses.is_empty() {
        let with_units = heading_top
            .iter()
            .enumerate()
            .filter(|&(i, &k)| {
                let end = heading_top
                    .get(i + 1)
                    .map_or(paras.len(), |&n| nodes[n].para);
                let at = nodes[k].para;
                let heading_alone = !paras[at].folded.contains('。') && end > at + 1;
                let from = if heading_alone { at + 1 } else { at };
                statements[from..end].iter().any(|s| !s.is_empty())
            })
            .count();
        if with_units * 2 >= heading_top.len() {
            return (Vec::new(), heading_top);
        }
    }
    (heading_top, clauses)
}

/// Whether a top level of `一、` items reads as numbered paragraphs (a
/// 通告's `一、自…起，禁止…通行。` / `二、下列车辆不受…限制：` / `1.…`),
/// not as headings: no `（一）` level under it, and at least half of its
/// items are sentences — a first sentence longer than any heading
/// ([`HEADING_MAX_CHARS`]), or a paragraph ending in `：` that opens the
/// list under it (no heading of the golds or the fixtures ends so). Such
/// items are the clauses, with no sections (as GOLD.md's articles without
/// chapters), and the levels under them their items. Headings, short or
/// run-in (`一、总体要求`, `一、加强组织领导。各地要…`), keep their sections.
fn reads_as_paragraphs(nodes: &[Node], paras: &[Para<'_>], heading_top: &[usize]) -> bool {
    let top_cn = heading_top
        .iter()
        .all(|&k| nodes[k].label.kind == Kind::Cn && nodes[k].depth == 0);
    let paren_under = nodes
        .iter()
        .any(|n| n.label.kind == Kind::ParenCn && n.parent.is_some_and(|p| nodes[p].depth == 0));
    if heading_top.len() < 2 || !top_cn || paren_under {
        return false;
    }
    let sentences = heading_top
        .iter()
        .filter(|&&k| {
            let node = &nodes[k];
            let p = &paras[node.para];
            let rest = &p.folded[node.label.rest..];
            let rest_start = p.start + p.folded[..node.label.rest].chars().count();
            let (title, _) = heading_parts(rest, rest_start, p);
            let opens_list = rest.trim_end().ends_with([':', '：'])
                && nodes.get(k + 1).is_some_and(|n| n.parent == Some(k));
            title.chars().count() > HEADING_MAX_CHARS || opens_list
        })
        .count();
    sentences * 2 >= heading_top.len()
}

/// Indices of a node's ancestors, nearest first.
fn parent_chain(nodes: &[Node], k: usize) -> impl Iterator<Item = usize> + '_ {
    std::iter::successors(nodes[k].parent, |&j| nodes[j].parent)
}
