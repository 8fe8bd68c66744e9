//! Steps 2 and 3 of the outline: the label kinds of a document ranked by
//! where their lists restart, then one pass with a stack of open levels
//! that accepts a label only in sequence and gives it its depth (see the
//! module doc of [`super`]). Separate because it decides which labels are
//! labels at all; what the record keeps of them is [`super::levels`].

use std::collections::HashMap;

use crate::model::{Warning, WarningCode};
use crate::structure::labels::{Kind, Label};

/// Largest jump in a list's numbers still taken as the next label (with a
/// warning) rather than an unrelated enumeration.
const MAX_GAP: u32 = 3;

/// An accepted label.
#[derive(Debug, Clone)]
pub(super) struct Node {
    pub(super) para: usize,
    pub(super) label: Label,
    pub(super) depth: usize,
    /// The node it is under: the nearest node before it with a smaller
    /// depth (the open level above it when it was accepted).
    pub(super) parent: Option<usize>,
}

/// Ranks the label kinds of a document, top level first (smaller is
/// higher), from where their lists restart, with the usual order breaking
/// ties.
pub(super) fn rank_kinds(labels: &[Option<Label>], stops: &[bool]) -> HashMap<Kind, usize> {
    // above[(a, b)]: how often a list of kind b restarts at 1 right after a
    // label of kind a (the nearest label of another kind before it).
    let mut above: HashMap<(Kind, Kind), usize> = HashMap::new();
    let mut recent: Vec<Kind> = Vec::new();
    let mut kinds: Vec<Kind> = Vec::new();
    for (i, l) in labels.iter().enumerate() {
        if stops[i] {
            recent.clear();
        }
        // A box is no level of the document's numbering (see `nest`).
        let Some(l) = l.as_ref().filter(|l| l.kind != Kind::Panel) else {
            continue;
        };
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
    order.push(Kind::Panel);
    order.into_iter().enumerate().map(|(i, k)| (k, i)).collect()
}

/// An open level while nesting.
struct Open {
    kind: Kind,
    last: u32,
    node: usize,
}

/// Accepts the labels that are in sequence and gives each its depth.
/// `glued[i]` is paragraph `i`'s other reading as an item whose text
/// starts with a figure (`4．5G+工业互联网`, see
/// [`crate::structure::labels::find_glued_label`]), taken only where its
/// own label is not and it is the very next item of an open list.
/// `open_end[i]` says paragraph `i` is prose that stops mid-sentence (see
/// [`super::ends_open`]): a label after it whose number skips some is the
/// sentence going on (`…按照本办法` / `第十五条规定处理。`, a dump wrapped
/// before a cross-reference), not the next label.
pub(super) fn nest(
    labels: &[Option<Label>],
    glued: &[Option<Label>],
    stops: &[bool],
    open_end: &[bool],
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
    let mut state = Nesting {
        nodes: Vec::new(),
        stack: Vec::new(),
        last_of: HashMap::new(),
    };
    for (i, l) in labels.iter().enumerate() {
        if stops[i] {
            // A new document starts after a signature or an attachment
            // list, unless its text goes on with the open list.
            let next = next_label[i + 1].and_then(|j| labels[j].as_ref());
            if next.is_some_and(|l| l.value == 1) {
                state.stack.clear();
                state.last_of.clear();
            }
            continue;
        }
        if let Some(l) = l.as_ref().filter(|l| l.kind == Kind::Panel) {
            // A box (`专栏1`) opens under the open level; a box before it
            // closes, and so does an open list of the kind the box's items
            // use, which restart in it.
            if let Some(pos) = state.stack.iter().position(|o| o.kind == Kind::Panel) {
                state.stack.truncate(pos);
            }
            // Its items restart at 1; a heading after the box (`第四章`,
            // the next `三、`) is no item of it.
            let first_item = next_label[i + 1]
                .filter(|&j| !stops[i + 1..j].contains(&true))
                .and_then(|j| labels[j].as_ref())
                .filter(|f| f.value == 1 && !f.kind.is_heading() && f.kind != Kind::Article);
            if let Some(pos) =
                first_item.and_then(|f| state.stack.iter().position(|o| o.kind == f.kind))
            {
                state.stack.truncate(pos);
            }
            state.open(i, l, state.stack.len());
            continue;
        }
        // The paragraph before is a sentence left open, and no heading
        // above this label's level (a chapter's heading ends on a word).
        let goes_on = |l: &Label| {
            i > 0
                && open_end.get(i - 1).copied().unwrap_or(false)
                && labels[i - 1]
                    .as_ref()
                    .is_none_or(|p| rank[&p.kind] >= rank[&l.kind])
        };
        let accepted = l
            .as_ref()
            .is_some_and(|l| state.accept(i, l, goes_on(l), rank, warnings));
        if accepted {
            continue;
        }
        // The glued reading: only the next number of an open list.
        if let Some(g) = &glued[i] {
            if let Some(pos) = state
                .stack
                .iter()
                .position(|o| o.kind == g.kind && o.last + 1 == g.value)
            {
                state.open(i, g, pos);
            }
        }
    }
    state.nodes
}

/// The nodes accepted so far, the open levels and the last number each
/// kind reached (for lists numbered through).
struct Nesting {
    nodes: Vec<Node>,
    stack: Vec<Open>,
    last_of: HashMap<Kind, u32>,
}

impl Nesting {
    /// Opens `l` (paragraph `i`) at `depth`, closing the levels from there.
    fn open(&mut self, i: usize, l: &Label, depth: usize) {
        self.stack.truncate(depth);
        let parent = self.stack.last().map(|o| o.node);
        self.stack.push(Open {
            kind: l.kind,
            last: l.value,
            node: self.nodes.len(),
        });
        self.last_of.insert(l.kind, l.value);
        self.nodes.push(Node {
            para: i,
            label: l.clone(),
            depth,
            parent,
        });
    }

    /// Accepts `l` if it is in sequence; whether it was. `goes_on`: the
    /// paragraph before leaves its sentence open, so a jump in the numbers
    /// is a reference in that sentence, not a gap in the list.
    fn accept(
        &mut self,
        i: usize,
        l: &Label,
        goes_on: bool,
        rank: &HashMap<Kind, usize>,
        warnings: &mut Vec<Warning>,
    ) -> bool {
        let r = rank[&l.kind];
        if let Some(pos) = self.stack.iter().position(|o| o.kind == l.kind) {
            let prev = self.stack[pos].last;
            let in_sequence = l.value > prev
                && l.value <= prev + 1 + MAX_GAP
                && (l.value == prev + 1 || !goes_on)
                && decimal_parents_match(l, &self.stack[..pos], &self.nodes);
            if in_sequence {
                if l.value > prev + 1 {
                    warnings.push(gap_warning(l, prev));
                }
                self.open(i, l, pos);
            }
            return in_sequence;
        }
        // A new level: above every open level ranked below it. An open box
        // holds what follows it, unless it stands at the top.
        let depth = self
            .stack
            .iter()
            .enumerate()
            .position(|(p, o)| {
                if o.kind == Kind::Panel {
                    p == 0
                } else {
                    rank[&o.kind] > r
                }
            })
            .unwrap_or(self.stack.len());
        let accept = match self.last_of.get(&l.kind) {
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
        let accept = accept && decimal_parents_match(l, &self.stack[..depth], &self.nodes);
        if accept {
            self.open(i, l, depth);
        }
        accept
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::normalize::Folded;
    use crate::structure::labels::find_label;
    use crate::structure::outline::fields::label_text;

    /// (label, depth) of the accepted labels of a text.
    fn outline(text: &str) -> Vec<(String, usize)> {
        let text = crate::model::Paragraphs::from_text(text);
        let f = Folded::new(text.text());
        let paras = crate::structure::paragraphs(&f, &text);
        let labels: Vec<Option<Label>> = paras.iter().map(|p| find_label(p.folded)).collect();
        let stops = vec![false; paras.len()];
        let open_end: Vec<bool> = paras
            .iter()
            .map(|p| super::super::ends_open(p.folded))
            .collect();
        let rank = rank_kinds(&labels, &stops);
        let mut w = Vec::new();
        nest(
            &labels,
            &vec![None; labels.len()],
            &stops,
            &open_end,
            &rank,
            &mut w,
        )
        .into_iter()
        .map(|n| (label_text(&paras[n.para], n.label.rest), n.depth))
        .collect()
    }

    /// Each node's parent is the nearest node before it with a smaller
    /// depth (what `levels` walked back to find before nodes carried it),
    /// across a stop that starts a new document too.
    #[test]
    fn a_node_s_parent_is_the_nearest_shallower_node_before_it() {
        let text = "一、总体要求\n1.坚持。\n2.坚持。\n二、主要任务\n（一）推进。\n1.甲。\n（1）子。\n2.乙。\n（二）加强。\n1.丙。\n三、保障\n某某局\n一、另文\n（一）甲。";
        let text = crate::model::Paragraphs::from_text(text);
        let f = Folded::new(text.text());
        let paras = crate::structure::paragraphs(&f, &text);
        let labels: Vec<Option<Label>> = paras.iter().map(|p| find_label(p.folded)).collect();
        let mut stops = vec![false; paras.len()];
        stops[11] = true;
        let rank = rank_kinds(&labels, &stops);
        let nodes = nest(
            &labels,
            &vec![None; labels.len()],
            &stops,
            &vec![false; labels.len()],
            &rank,
            &mut Vec::new(),
        );
        assert_eq!(nodes.len(), 13);
        for (k, n) in nodes.iter().enumerate() {
            let walked = (0..k).rev().find(|&j| nodes[j].depth < n.depth);
            assert_eq!(n.parent, walked, "node {k}");
        }
        assert_eq!(nodes[6].parent, Some(5));
        assert_eq!(nodes[11].parent, None);
        assert_eq!(nodes[12].parent, Some(11));
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

    /// A dump wrapped before a cross-reference (`…按照本办法` /
    /// `第十五条规定处理。`) puts an article's label at a line's start: after
    /// a sentence left open, a label that skips numbers is the sentence's,
    /// and the articles after it keep their numbers. The next number, or a
    /// jump after a closed sentence or a heading, is still a label.
    #[test]
    fn a_reference_wrapped_to_a_line_s_start_is_no_label() {
        let text = "第一条 甲。\n第二条 乙，已下达资金按照本办法\n第五条规定处理。\n第三条 丙。\n第四条 丁。";
        let got: Vec<String> = outline(text).into_iter().map(|(l, _)| l).collect();
        assert_eq!(got, ["第一条", "第二条", "第三条", "第四条"]);
        let text = "第一条 甲。\n第二条 乙。\n第五条 戊。";
        let got: Vec<String> = outline(text).into_iter().map(|(l, _)| l).collect();
        assert_eq!(got, ["第一条", "第二条", "第五条"]);
        let text = "第一条 甲。\n第二条 乙。\n附则\n第四条 丁。";
        let got: Vec<String> = outline(text).into_iter().map(|(l, _)| l).collect();
        assert_eq!(got, ["第一条", "第二条", "第四条"]);
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
}
