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
//!    straight under `一、`: a level may be skipped. An item whose text
//!    starts with a figure (`4．5G+…`, read as the decimal 4.5) is taken
//!    only as the very next item of an open list with the same mark. A
//!    box (`专栏1`) opens under the open level and holds the items after
//!    it.
//!
//! The record keeps two levels users query. Regulations (three or more
//! `第N條`): articles are the clauses, chapters (else the headings above
//! the articles) the sections. Otherwise the top level, when it is a
//! heading kind (`第一章`, `一、`, `1 總則`), gives the sections and the
//! next level the clauses (a 规划's `第一节` under its `第一章`); a top
//! level of `（一）` or `1.` gives clauses without sections, and so does a
//! top level of `一、` that reads as numbered paragraphs rather than
//! headings (a 通告's `一、自…起，禁止…通行。`, see [`levels`]). Deeper levels,
//! boxes and their projects included, are the clauses' items. Clauses are
//! numbered 1…N in reading order whatever their labels say.
//!
//! # Files
//!
//! [`nest`] ranks the label kinds and accepts the labels in sequence
//! (steps 2 and 3); [`levels`] picks the two levels the record keeps;
//! [`fields`] reads a section's, clause's or item's fields from its
//! paragraphs. This file finds where each ends and builds the records.

mod fields;
mod levels;
mod nest;

use std::sync::LazyLock;

use regex::Regex;

use super::bounds;
use super::labels::{decoration_len, find_glued_label, find_label, Kind, Label};
use super::Para;
use crate::model::{Clause, Item, Section, Warning};
use fields::{
    all_statements, clause_title, heading_parts, label_text, paras_text, title_below, units_in,
};
use levels::choose_levels;
use nest::{nest, rank_kinds};

/// A sentence giving the document's own start or term (`本意见自2025年6月
/// 15日起施行`, `本办法有效期至…`) anywhere in a paragraph. It speaks of
/// the whole document, so a paragraph holding it after the last clause is
/// the closing paragraph GOLD.md puts outside every section and clause,
/// though it opens with something else (`各区县人民政府要制定配套政策，
/// 每年安排不少于500万元…。本意见自…起施行`). A reference to a part
/// (`按照本意见第（三）项执行`) gives no start or term.
static TAKES_EFFECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        本(?:通知|意见|措施|办法|政策|规定|方案|细则|决定|条例|文件|举措|规则)
        [^。;!?]{0,40}?
        (?: 自 [^。;!?]{1,24}? 起 (?:施行|实施|执行|生效) | 有效期 )",
    )
    .expect("valid regex")
});

/// Whether a paragraph (folded) is prose that stops mid-sentence: it holds
/// a sentence's punctuation, and ends on a word, a figure or a comma, as a
/// hard-wrapped dump's paragraph does where a line opening with a label
/// cut it (`…已下达资金按照本办法` / `第十五条规定处理。`). A heading
/// (`第二章 支持范围`, `附则`) holds no punctuation.
pub(super) fn ends_open(folded: &str) -> bool {
    let f = folded.trim_end();
    f.contains([',', '。', ';', '，', '；'])
        && f.chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | '，' | '、'))
}

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
    let glued = glued_labels(paras, &labels, flags, &stops, &toc);
    let rank = rank_kinds(&labels, &stops);
    let open_end: Vec<bool> = paras.iter().map(|p| ends_open(p.folded)).collect();
    let nodes = nest(&labels, &glued, &stops, &open_end, &rank, warnings);

    // Statements of every paragraph, leads settled in reading order.
    let statements = all_statements(paras, &flags.in_table);

    let (mut section_nodes, clause_nodes) = choose_levels(&nodes, paras, &statements);
    // A covering notice's numbered instructions (`一、提高思想认识`) before
    // the policy it issues, attached after its signature: the headings
    // restart at 1 past a stop, no clause comes before the restart and
    // clauses follow it. The policy's headings are the sections.
    if let Some(r) = section_nodes
        .iter()
        .enumerate()
        .skip(1)
        .find(|&(_, &k)| {
            nodes[k].label.value == 1 && nodes[k].label.kind == nodes[section_nodes[0]].label.kind
        })
        .map(|(r, _)| r)
    {
        let restart = nodes[section_nodes[r]].para;
        let stop_between = (nodes[section_nodes[r - 1]].para..restart).any(|i| stops[i]);
        let clauses_before = clause_nodes.iter().any(|&c| nodes[c].para < restart);
        let clauses_after = clause_nodes.iter().any(|&c| nodes[c].para > restart);
        if stop_between && !clauses_before && clauses_after {
            section_nodes.drain(..r);
        }
    }

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
                    || TAKES_EFFECT.is_match(paras[i].folded)
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
        let (mut title, lead_units) = heading_parts(rest, rest_start, p);
        if title.is_empty() {
            let until = nodes.get(k + 1).map_or(n, |m| m.para);
            title = title_below(paras, node.para + 1, until);
        }
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
            title: clause_title(
                paras,
                node.para,
                &statements[node.para],
                node.label.rest,
                end,
            ),
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

/// The glued readings (`4．5G+工业互联网`, see
/// [`crate::structure::labels::find_glued_label`]) of the paragraphs
/// without a label of their own (or only a decimal one), kept where the
/// nearest `1.` item before goes on into it: its number one less, its mark
/// the same character as written (`3．` then `4．`, never `3、` then `4.`).
fn glued_labels(
    paras: &[Para<'_>],
    labels: &[Option<Label>],
    flags: &ParaFlags,
    stops: &[bool],
    toc: &[bool],
) -> Vec<Option<Label>> {
    let mut glued = vec![None; paras.len()];
    // The value and mark of the last `1.` item seen.
    let mut last_item: Option<(u32, Option<char>)> = None;
    for (i, p) in paras.iter().enumerate() {
        if flags.in_table[i] || stops[i] || toc[i] {
            continue;
        }
        match &labels[i] {
            Some(l) if l.kind == Kind::Arabic => {
                last_item = Some((l.value, mark_of(p.original, l.rest_chars(p.folded))));
            }
            Some(l) if l.kind != Kind::Decimal2 => {}
            _ => {
                let Some(g) = find_glued_label(p.folded) else {
                    continue;
                };
                let mark = mark_of(p.original, g.rest_chars(p.folded));
                if last_item.is_some_and(|(v, m)| v + 1 == g.value && m.is_some() && m == mark) {
                    last_item = Some((g.value, mark));
                    glued[i] = Some(g);
                }
            }
        }
    }
    glued
}

/// The mark after an item's number as written (`．` in `★4．`), from the
/// paragraph's start to the label's end (`rest` chars).
fn mark_of(original: &str, rest: usize) -> Option<char> {
    let head = crate::structure::char_range(original, 0, rest);
    let head = &head[decoration_len(head)..];
    head.trim_start_matches(|c: char| c.is_numeric() || c.is_whitespace())
        .chars()
        .next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::normalize::Folded;

    fn body(text: &str) -> Body {
        let text = crate::model::Paragraphs::from_text(text);
        let f = Folded::new(text.text());
        let paras = super::super::paragraphs(&f, &text);
        let flags = ParaFlags {
            in_table: vec![false; paras.len()],
            rule_before: vec![false; paras.len()],
        };
        find_body(&paras, &flags, &mut Vec::new())
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

    /// A heading's title is its text as written up to a lead-unit bracket
    /// or the first `。`: a colon opening the list under it stays, as in a
    /// clause's title (GOLD.md: to the end of the first paragraph).
    #[test]
    fn a_headings_title_keeps_the_colon_that_opens_its_list() {
        let b = body("一、总体要求（由市发展改革委牵头实施）\n（一）a。\n二、金融机构应当同时符合下列条件：\n（一）b。\n（二）c。");
        let titles: Vec<&str> = b.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["总体要求", "金融机构应当同时符合下列条件："]);
        assert_eq!(b.sections[0].lead_units, ["市发展改革委"]);
    }

    /// (number, label, section) of a clause.
    type ClauseShape = (u32, String, Option<u32>);

    /// Every clause's shape, and every section's title.
    fn shape(b: &Body) -> (Vec<ClauseShape>, Vec<String>) {
        (
            b.clauses
                .iter()
                .map(|c| (c.number, c.label.clone(), c.section))
                .collect(),
            b.sections.iter().map(|s| s.title.clone()).collect(),
        )
    }

    #[test]
    fn a_jie_over_paren_items_only_groups_them() {
        // Where a 节 holds `（一）` measures, those are the clauses.
        let b = body("第一章 发展基础\n第一节 发展成就\n能源保障有力。\n第二章 重点任务\n第一节 提升供应\n（一）建设电源。加快建设。（省能源局负责）\n（二）发展储能。有序发展。\n第二节 完善网络\n（一）加强电网。建成工程。");
        let (clauses, sections) = shape(&b);
        assert_eq!(sections, ["发展基础", "重点任务"]);
        assert_eq!(
            clauses,
            [
                (1, "一".into(), Some(2)),
                (2, "二".into(), Some(2)),
                (3, "一".into(), Some(2))
            ]
        );
        assert_eq!(b.clauses[0].responsible_units, ["省能源局"]);
    }

    #[test]
    fn a_plan_s_jie_are_its_clauses_and_boxes_their_items() {
        let b = body("某某市“十四五”金融业发展规划\n第一章 发展基础\n第一节 发展成就\n金融总量稳步增长。\n第二节 面临形势\n机遇与挑战并存。\n第二章 重点任务\n第一节 提升金融服务能力\n发展普惠金融，加快建设。（市金融办负责）\n专栏1 金融服务重点工程\n1.金融服务提升工程。建设服务中心。\n2.普惠金融示范工程。创建示范区。\n第二节 防范金融风险\n健全监测体系。（人民银行市分行负责）\n专栏2 风险防控工程\n1.监测预警工程。\n2.风险处置工程。\n第三节 深化改革\n推进改革。");
        let (clauses, sections) = shape(&b);
        assert_eq!(sections, ["发展基础", "重点任务"]);
        assert_eq!(
            clauses,
            [
                (1, "第一节".into(), Some(1)),
                (2, "第二节".into(), Some(1)),
                (3, "第一节".into(), Some(2)),
                (4, "第二节".into(), Some(2)),
                (5, "第三节".into(), Some(2))
            ]
        );
        let titles: Vec<&str> = b.clauses.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "发展成就",
                "面临形势",
                "提升金融服务能力",
                "防范金融风险",
                "深化改革"
            ]
        );
        // The 节's measures and its box's projects are its items, their
        // units its units.
        let items: Vec<(&str, u32)> = b.clauses[2]
            .items
            .iter()
            .map(|i| (i.label.as_str(), i.level))
            .collect();
        assert_eq!(items, [("专栏1", 1), ("1", 2), ("2", 2)]);
        assert_eq!(b.clauses[2].responsible_units, ["市金融办"]);
        let items: Vec<&str> = b.clauses[3]
            .items
            .iter()
            .map(|i| i.label.as_str())
            .collect();
        assert_eq!(items, ["专栏2", "1", "2"]);
        assert_eq!(b.clauses[3].responsible_units, ["人民银行市分行"]);
        // A box in a clause of a `一、`/`（一）` notice is the clause's too.
        let b = body("一、重点任务\n（一）建设平台。加快建设。\n专栏1 重点平台\n1.数据平台。\n2.算力平台。\n（二）培育主体。");
        let (clauses, _) = shape(&b);
        assert_eq!(clauses.len(), 2);
        assert_eq!(b.clauses[0].items.len(), 3);
        // A box of plain lines at a chapter's end is its last clause's: the
        // next chapter's heading is no item of the box.
        let b = body(
            "第一章 做强制造业
一、智能装备产业
建设装备产业园。
二、生物医药产业
发展创新药。
专栏1 生物医药重点项目
产业园二期，总投资48亿元。
第二章 保障措施
一、加强组织领导
建立推进机制。",
        );
        let (clauses, _) = shape(&b);
        assert_eq!(clauses.len(), 3, "{clauses:?}");
        assert!(
            b.clauses[1].text.contains("总投资48亿元"),
            "{}",
            b.clauses[1].text
        );
    }

    #[test]
    fn an_item_whose_text_starts_with_a_figure_goes_on_with_its_list() {
        let b = body("一、重点任务\n1．建设工业互联网平台。\n2．培育解决方案供应商。\n3．推进企业上云。\n4．5G+工业互联网融合应用。打造应用场景。\n5．强化安全保障。\n二、保障措施\n1.加强组织领导。\n2.加大资金支持。\n4.5亿元用于重点项目。\n3.3D打印产业扩能。");
        let labels: Vec<(&str, &str)> = b
            .clauses
            .iter()
            .map(|c| (c.label.as_str(), c.title.as_str()))
            .collect();
        assert_eq!(
            labels,
            [
                ("1", "建设工业互联网平台"),
                ("2", "培育解决方案供应商"),
                ("3", "推进企业上云"),
                ("4", "5G+工业互联网融合应用"),
                ("5", "强化安全保障"),
                ("1", "加强组织领导"),
                ("2", "加大资金支持"),
                ("3", "3D打印产业扩能")
            ]
        );
        // `4.5亿元…` opening a sentence after item 2 is its text.
        assert!(b.clauses[6].text.contains("4.5亿元"));
        // A mark other than the list's (`3、` then `4.5G`) is no evidence.
        let b = body("一、任务\n1、甲。\n2、乙。\n3.5G基站建设。");
        assert_eq!(b.clauses.len(), 2);
    }

    #[test]
    fn decorated_headings_are_sections_with_clean_titles() {
        let b = body("某某稳就业若干措施\n### 📌 一、强化企业吸纳就业支持\n◆（一）扩大补贴范围。对企业给予补贴。\n**▍二、稳定重点群体就业**\n🔥（二）支持高校毕业生就业。\n■ 三、兜牢民生底线\n（三）加强困难人员帮扶。");
        let (clauses, sections) = shape(&b);
        assert_eq!(
            sections,
            ["强化企业吸纳就业支持", "稳定重点群体就业", "兜牢民生底线"]
        );
        let labels: Vec<&str> = b.sections.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["一", "二", "三"]);
        assert_eq!(
            clauses,
            [
                (1, "一".into(), Some(1)),
                (2, "二".into(), Some(2)),
                (3, "三".into(), Some(3))
            ]
        );
        assert_eq!(b.clauses[0].title, "扩大补贴范围");
    }

    /// A WeChat copy closes its headings with an emoji (`**一、…** 🏭`,
    /// `🏗️` with its selector): a mark, not the title's; a unit of
    /// measure at a title's end (`℃`) is text.
    #[test]
    fn an_emoji_after_a_heading_is_no_part_of_its_title() {
        let b = body("某区若干措施\n**一、支持企业做大做强** 🏭\n1. 对企业给予奖励。\n**二、加强要素保障**🏗️\n2. 保障用地。\n三、室内温度不低于26℃\n3. 加强巡查。");
        let (_, sections) = shape(&b);
        assert_eq!(
            sections,
            ["支持企业做大做强", "加强要素保障", "室内温度不低于26℃"]
        );
    }

    #[test]
    fn a_part_over_headings_only_groups_them() {
        let b = body("第一部分 总体要求\n一、指导思想\n坚持发展。\n二、发展目标\n到2027年。\n第二部分 支持措施\n一、支持茶园\n（一）建设茶园。给予补助。\n（二）绿色防控。给予补助。\n二、支持加工\n（一）改造生产线。给予奖励。");
        let (clauses, sections) = shape(&b);
        assert_eq!(sections, ["指导思想", "发展目标", "支持茶园", "支持加工"]);
        assert_eq!(
            clauses,
            [
                (1, "一".into(), Some(3)),
                (2, "二".into(), Some(3)),
                (3, "一".into(), Some(4))
            ]
        );
        // Parts with clauses right under them stay the sections.
        let b = body("第一部分 总体要求\n（一）指导思想。坚持发展。\n第二部分 支持措施\n（一）建设茶园。给予补助。");
        let (clauses, sections) = shape(&b);
        assert_eq!(sections, ["总体要求", "支持措施"]);
        assert_eq!(clauses.len(), 2);
    }

    /// A 通告 numbers its paragraphs `一、`: half or more are sentences (a first
    /// sentence longer than any heading, or a `：` opening the list under
    /// it), so they are clauses without sections and its `1.` their items.
    #[test]
    fn numbered_paragraphs_are_clauses_without_sections() {
        let b = body("某县人民政府关于城区禁止燃放烟花爆竹的通告\n为保护环境，现将有关事项通告如下：\n一、自2027年3月1日起，本县城区范围内全年全天禁止销售、燃放烟花爆竹，婚丧嫁娶、开业庆典等活动亦同。\n二、下列活动不受本通告第一条规定限制：\n1.经县公安局批准举办的焰火晚会；\n2.烟花爆竹生产企业在厂区内开展的产品检测。\n三、违反本通告规定燃放烟花爆竹的，由公安机关责令停止燃放，对个人处一百元以上五百元以下罚款，对单位处一千元罚款。\n四、本通告自2027年3月1日起施行。\n某县人民政府\n2027年2月1日");
        let (clauses, sections) = shape(&b);
        assert!(sections.is_empty(), "{sections:?}");
        assert_eq!(
            clauses,
            [
                (1, "一".into(), None),
                (2, "二".into(), None),
                (3, "三".into(), None),
                (4, "四".into(), None)
            ]
        );
        let items: Vec<&str> = b.clauses[1]
            .items
            .iter()
            .map(|i| i.label.as_str())
            .collect();
        assert_eq!(items, ["1", "2"]);
        assert_eq!(b.clauses[3].title, "本通告自2027年3月1日起施行");
        // Half of them sentences is enough: short commands (`禁止…。`)
        // between long ones are paragraphs all the same.
        let b = body("某市人民政府关于加强电动自行车消防安全管理的通告\n一、禁止在建筑物的公共门厅、疏散走道、楼梯间、安全出口等共用部位停放电动自行车或者为其充电。\n二、禁止携带电动自行车进入电梯轿厢。物业服务企业应当安装阻车装置。\n三、对举报违规停放、充电行为经查证属实的，由所在地街道办事处给予举报人每次五十元至二百元的奖励。\n四、本通告自2027年5月1日起施行。");
        let (clauses, sections) = shape(&b);
        assert!(sections.is_empty(), "{sections:?}");
        assert_eq!(clauses.len(), 4);
    }

    /// Headings, short or run-in, keep their sections though one of them
    /// is a long sentence; so do long headings over a `（一）` level.
    #[test]
    fn short_and_run_in_headings_keep_their_sections() {
        let b = body("某县关于做好春季农业生产工作的通知\n一、总体要求\n坚持稳中求进，确保粮食稳产。\n二、加强组织领导。各乡镇要建立工作机制，主要负责同志亲自抓，确保各项任务落实到位。\n三、自即日起，各乡镇每周向县农业农村局报送一次春耕进度，遇有灾情随时报告，不得迟报、漏报、瞒报。\n四、强化资金保障\n1.设立春耕专项资金。\n2.加快资金拨付进度。");
        let (clauses, sections) = shape(&b);
        assert_eq!(sections.len(), 4, "{sections:?}");
        assert_eq!(sections[1], "加强组织领导");
        assert_eq!(
            clauses,
            [(1, "1".into(), Some(4)), (2, "2".into(), Some(4))]
        );
        let b = body("一、自即日起在全县范围内全面推进农村人居环境整治提升工作，持续改善农民群众的生产生活条件。\n（一）开展村庄清洁行动。\n二、自即日起在全县范围内全面推进农业面源污染综合治理工作，持续改善农村生态环境质量。\n（二）推进化肥减量增效。");
        let (clauses, sections) = shape(&b);
        assert_eq!(sections.len(), 2);
        assert_eq!(
            clauses,
            [(1, "一".into(), Some(1)), (2, "二".into(), Some(2))]
        );
    }

    /// Measures numbered `一、`, each with its units, are clauses; headings
    /// on lines of their own whose statement closes them, text below,
    /// are sections under their lead units.
    #[test]
    fn measures_with_units_are_clauses_headings_with_leads_sections() {
        let b = body(
            "一、加大财政支持。对新建项目给予补助。（责任单位：县财政局）
二、强化用地保障。优先保障项目用地。（责任单位：县自然资源局）",
        );
        let (clauses, sections) = shape(&b);
        assert!(sections.is_empty(), "{sections:?}");
        assert_eq!(clauses.len(), 2);
        let b = body(
            "一、聚力产业强镇，推动经济提质增效（牵头单位：经济发展办）
一是抓实项目招引。二是推动工业转型。
二、深化乡村振兴（由农业农村办牵头实施）
一是壮大村级集体经济。
三、坚持民生优先（责任部门：社会事业办、民政办）
一是稳定扩大就业。",
        );
        let (clauses, sections) = shape(&b);
        assert_eq!(
            sections,
            [
                "聚力产业强镇，推动经济提质增效",
                "深化乡村振兴",
                "坚持民生优先"
            ]
        );
        assert!(clauses.is_empty(), "{clauses:?}");
        assert_eq!(b.sections[2].lead_units, ["社会事业办", "民政办"]);
    }

    /// A centred chapter heading whose words a PDF spaces out comes out of
    /// a text dump as the label and its letters on lines of their own
    /// (`第一章` / `总` / `则`): they are its title, and the `附` of `附则` is
    /// no attachment's label ending the outline.
    #[test]
    fn a_chapter_title_on_the_lines_under_its_label() {
        let b = body("第一章\n总\n则\n第一条 为规范管理，制定本细则。\n第二章\n见习单位和见习人员\n第二条 见习单位应当具备条件。\n第三章\n附\n则\n第三条 本细则自2025年4月1日起施行。");
        let (clauses, sections) = shape(&b);
        assert_eq!(sections, ["总则", "见习单位和见习人员", "附则"]);
        assert_eq!(
            clauses,
            [
                (1, "第一条".into(), Some(1)),
                (2, "第二条".into(), Some(2)),
                (3, "第三条".into(), Some(3))
            ]
        );
        // A sentence under a label alone is no title.
        let b = body("第一章\n为规范管理，制定本细则。\n第一条 本细则适用于本市。\n第二章 附则\n第二条 本细则自公布之日起施行。");
        let (_, sections) = shape(&b);
        assert_eq!(sections, ["", "附则"]);
    }

    #[test]
    fn a_statement_before_the_title_is_not_the_title() {
        let b = body("一、推进创新\n1.【牵头单位：省科技厅；配合单位：省财政厅】支持企业攻关。对攻关项目给予补助。\n2.加快推广应用。（省工业和信息化厅负责）");
        assert_eq!(b.clauses[0].title, "支持企业攻关");
        assert_eq!(b.clauses[0].responsible_units, ["省科技厅", "省财政厅"]);
        assert_eq!(b.clauses[1].title, "加快推广应用");
    }

    #[test]
    fn a_statement_split_over_lines_is_read_whole() {
        // A page's `<br>` inside the brackets: one statement, three lines.
        let b = body("一、支持产业\n（一）支持企业上规。给予奖励10万元。（责任单位：区经信局、\n区统计局、\n区财政局）\n（二）支持软件业。给予奖励。（责任单位：区经信局、\n区科技局）\n（三）支持园区。给予补助。");
        assert_eq!(b.clauses.len(), 3);
        assert_eq!(
            b.clauses[0].responsible_units,
            ["区经信局", "区统计局", "区财政局"]
        );
        assert_eq!(b.clauses[1].responsible_units, ["区经信局", "区科技局"]);
        assert!(b.clauses[2].responsible_units.is_empty());
        // A bracket left open that no short line closes stays unread.
        let b = body("一、支持产业\n（一）支持企业上规。给予奖励。（责任单位：区经信局、\n这一行很长而且没有右括号，它是下一段正文的内容，不是单位名称的续行，所以不能并入前面的括号里面去读。\n（二）支持软件业。给予奖励。");
        assert!(b.clauses[0].responsible_units.is_empty());
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

    /// A crawler's dump broke an article's first line before a citation
    /// of another article (`违反本条例` / `第十条第二款规定，…`): the citation
    /// is no label, and the title is the whole first sentence.
    #[test]
    fn an_article_broken_before_a_citation_keeps_its_sentence() {
        let b = body("第一条 甲。\n第二条 乙。\n第三条 违反本条例\n第二条第二款规定，从事危及管线安全活动的，处五万元以上罚款。\n第四条 丙。");
        let titles: Vec<&str> = b.clauses.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "甲",
                "乙",
                "违反本条例第二条第二款规定，从事危及管线安全活动的，处五万元以上罚款",
                "丙",
            ]
        );
        // A first line that ends its sentence is not continued.
        let b = body("第一条 甲。\n第二条 违反本办法的，依法处理：\n第一条第二款规定的情形除外。\n第三条 丙。");
        assert_eq!(b.clauses[1].title, "违反本办法的，依法处理：");
    }

    /// An article that opens its items inline, in its first sentence,
    /// wrapped before an item's label (a PDF's text dump): the title runs
    /// to the sentence's `。` through the items. Items set under a `：`
    /// that ends the paragraph stay out of it.
    #[test]
    fn an_article_s_inline_items_wrapped_onto_lines_stay_in_its_title() {
        let b = body("第一章 总则\n第一条 资金不得用于以下支出：（一）楼堂馆所建设；\n（二）人员工资和奖金；（三）偿还债务；\n（四）其他无关支出。本款另有规定的除外。\n第二条 资金用于下列事项：\n（一）甲；\n（二）乙。\n第三条 资金用于：（一）丙；\n（二）丁；\n（三）戊；\n第四条 本办法自公布之日起施行。");
        let titles: Vec<&str> = b.clauses.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "资金不得用于以下支出：（一）楼堂馆所建设；（二）人员工资和奖金；（三）偿还债务；（四）其他无关支出",
                "资金用于下列事项：",
                "资金用于：（一）丙；（二）丁；（三）戊；",
                "本办法自公布之日起施行",
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

    /// A closing paragraph that opens with its addressees: its sentence on
    /// the document's start ends the last clause and section, so its sum
    /// is in neither (h3, a 意见 of a city).
    #[test]
    fn a_paragraph_saying_when_the_document_takes_effect_is_the_closing() {
        let text = "一、甲\n（一）a。\n二、乙\n（二）b。\n对其他企业，给予10万元奖励。\n各区县人民政府要制定配套政策，每年安排不少于500万元资金。本意见自2025年6月15日起施行，有效期至2027年12月31日。\n某市人民政府\n2025年5月12日";
        let b = body(text);
        assert_eq!(b.closing_from, Some(5));
        assert_eq!(b.clauses[1].text, "（二）b。\n对其他企业，给予10万元奖励。");
        let closing_start: usize = text
            .split('\n')
            .take(5)
            .map(|l| l.chars().count() + 1)
            .sum();
        assert_eq!(b.sections[1].span[1], closing_start - 1);
        // A reference to a part of the document is no closing.
        let b = body("一、甲\n（一）a。\n（二）b。\n其他项目按照本意见第（一）项执行。");
        assert_eq!(
            b.clauses[1].text,
            "（二）b。\n其他项目按照本意见第（一）项执行。"
        );
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
        let text = crate::model::Paragraphs::from_text(text);
        let f = Folded::new(text.text());
        let paras = super::super::paragraphs(&f, &text);
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
        // The cover's numbered instructions are not the policy's sections.
        assert_eq!(titles, ["总体要求", "任务"]);
        assert_eq!(b.clauses.len(), 2);
        assert_eq!(b.clauses[0].section, Some(1));
        // Where the first run has clauses of its own, both runs are sections.
        let b = body("一、甲\n（一）a。\n某某局\n2025年1月2日\n某方案\n一、乙\n（一）b。");
        assert_eq!(b.sections.len(), 2);
    }
}
