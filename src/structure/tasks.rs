//! Task tables (任务分工表): a table whose header names a task column
//! (重点任务, 工作措施, 事项…) and one or more unit columns (牵头单位,
//! 责任单位, 配合单位…), each data row one task and the units answering for
//! it — the form a workbook attachment or a page that is only such a table
//! takes.
//!
//! When the text itself has no outline, such a table *is* the outline:
//! - each task row is a clause, numbered 1…N through the tables; its label
//!   is the 序号 cell (else the number its task cell opens with,
//!   `1.培育外贸龙头企业`, else its number), its title the task cell after
//!   that number up to the first `。`, its text and span the row's
//!   paragraph;
//! - its responsible units are the unit cells read as statements labelled
//!   by their column (a 牵头单位 cell as `（牵头单位：…）`, a 责任单位 cell
//!   as `（责任单位：…）`), columns left to right, each unit once: so the
//!   GOLD.md rules for lists (`、` splits, `等部门` dropped, `各县（市、区）`
//!   kept whole, notes dropped) hold for cells as for brackets; lead units
//!   are the lead columns' units;
//! - a row with one filled cell between tasks (`一、优化政务服务`, merged
//!   across the table) is a section heading; the tasks below it are its
//!   clauses. Merged across, its text stands in the table's first column:
//!   the 序号's, or the tasks' own where there is none, and there it is a
//!   heading when it opens with a section's label (`一、`, `第一章`) that
//!   the tasks do not open with (tasks `1.`–`11.` under `一、`–`四、`);
//! - the header again (a table over pages repeating it) is no row;
//! - so does a column of sections: a task column whose cells all open with
//!   a section's label (`一、完善县域商业网络`, merged down over its tasks,
//!   so repeated in each of their rows) before another task column (工作任务),
//!   which is then the tasks'; each change of its value opens a section;
//!   so does a task column merged down over groups of the next one's rows
//!   (`提升政务服务效能` over three 具体举措), its 序号 merged with it: the
//!   序号 then numbers the sections, and each row is a clause;
//! - a row that goes on with the task above adds its text and units to
//!   it: its 序号 empty (a task broken over two rows), or the same as the
//!   task's above (a 序号 merged down, which every reader of a sheet, a
//!   page or a Word table shows in each row it covers);
//! - a note under the tasks (`注：1.牵头单位负责…`) ends them.
//!
//! The table stays in `tables` with its cells as written. A table beside an
//! outline of the text (a 方案 with its 分工表 appended) is left a table:
//! its rows repeat measures the text already numbers. Only a row that names
//! one of the text's clauses, by label and title or by its title alone
//! when no other clause's title matches, gives that clause its units
//! ([`units_from_task_tables`]).

use std::sync::LazyLock;

use regex::Regex;

use super::header::names_table;
use super::labels::{find_label, Kind, Label};
use super::units::{find_lead_units, find_statements};
use super::{label_value, Para};
use crate::decode::normalize::fold;
use crate::decode::pdf::repair::is_han;
use crate::decode::TextTable;
use crate::model::{Clause, Section};
use crate::vocab;

/// A task column's header (folded, white space removed): the names are
/// [`vocab`]'s, shared with the reading of `pdftotext -layout` tables.
static TASK_HEADER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&vocab::task_column_pattern()).expect("valid regex"));

/// A unit column's header, and whether it names the lead (the group
/// `role`).
static UNIT_HEADER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&vocab::unit_column_pattern()).expect("valid regex"));

/// A number column's header.
static NUMBER_HEADER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&vocab::number_column_pattern()).expect("valid regex"));

/// A note under a table's rows (`注：`, `备注:`, `说明：`; folded, white
/// space removed).
static NOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:注|备注|说明|附注)\d?[:：]").expect("valid regex"));

/// Rows from the top of a table where its header may be.
const HEADER_WITHIN: usize = 3;

/// The columns of a task table.
#[derive(Debug, Clone, PartialEq)]
struct Columns {
    /// Row index of the header in the table's rows.
    header: usize,
    number: Option<usize>,
    /// A column of sections: a task column whose cells are all section
    /// headings (`一、完善县域商业网络`, merged down over the tasks of its
    /// section) before another task column, the tasks'.
    section: Option<usize>,
    task: usize,
    /// Unit columns, left to right, with whether they name the lead.
    units: Vec<(usize, bool)>,
    /// A numbered list under headings with no task column named
    /// ([`list_columns`]): the outline only of a document without one.
    list: bool,
}

fn key(cell: &str) -> String {
    fold(cell).chars().filter(|c| !c.is_whitespace()).collect()
}

/// The columns of a task table, or None when the table is not one.
fn columns(rows: &[Vec<String>]) -> Option<Columns> {
    rows.iter()
        .take(HEADER_WITHIN)
        .enumerate()
        .find_map(|(h, row)| {
            let keys: Vec<String> = row.iter().map(|c| key(c)).collect();
            let number = keys.iter().position(|k| NUMBER_HEADER.is_match(k));
            let units: Vec<(usize, bool)> = keys
                .iter()
                .enumerate()
                .filter_map(|(i, k)| {
                    let c = UNIT_HEADER.captures(k)?;
                    Some((i, crate::vocab::is_lead_role(&c["role"])))
                })
                .collect();
            // A header over two rows (`责任单位` merged across `牵头单位 |
            // 配合单位`): the row below names the unit columns, and the
            // data start under it.
            let (h, units) = match units_below(rows, h, &keys) {
                Some(below) => (h + 1, below),
                None => (h, units),
            };
            let task = keys.iter().position(|k| TASK_HEADER.is_match(k));
            let Some(task) = task.filter(|_| !units.is_empty()) else {
                return sections_then_tasks(&rows[h + 1..], &keys, h, number, &units)
                    .or_else(|| list_columns(&rows[h + 1..], h, number?, units));
            };
            // A task column of section headings before the tasks' own.
            let next_task = keys
                .iter()
                .enumerate()
                .skip(task + 1)
                .find(|(i, k)| TASK_HEADER.is_match(k) && !units.iter().any(|(u, _)| u == i))
                .map(|(i, _)| i);
            let data = &rows[h + 1..];
            let (section, task, number) = match next_task {
                Some(next) if is_section_column(data, &keys, task) => (Some(task), next, number),
                // Its cells merged down over groups of the next column's
                // tasks (`提升政务服务效能` over three 具体举措), the 序号
                // merged with them: the 序号 numbers the sections.
                Some(next) if is_group_column(data, &keys, task, next, number) => {
                    (Some(task), next, None)
                }
                _ => (None, task, number),
            };
            // A column before the tasks' of section headings only (a
            // 政策类别 of `一、科技创新` merged down) makes the sections too.
            let section = section.or_else(|| {
                (0..task)
                    .filter(|&i| Some(i) != number)
                    .find(|&i| is_section_column(data, &keys, i))
            });
            Some(Columns {
                header: h,
                number,
                section,
                task,
                units,
                list: false,
            })
        })
}

/// The unit columns a header's second row names (`牵头单位 | 配合单位`
/// under a `责任单位` merged across them, the rest merged down), where
/// each stands under a unit column of the first row or an empty cell of
/// it: the first row's unit columns, divided (one merged down, its name
/// repeated below, stays).
fn units_below(rows: &[Vec<String>], h: usize, keys: &[String]) -> Option<Vec<(usize, bool)>> {
    let below: Vec<String> = rows.get(h + 1)?.iter().map(|c| key(c)).collect();
    let units: Vec<(usize, bool)> = below
        .iter()
        .enumerate()
        .filter_map(|(i, k)| {
            let c = UNIT_HEADER.captures(k)?;
            let above = keys.get(i).map_or("", String::as_str);
            (above.is_empty() || UNIT_HEADER.is_match(above))
                .then(|| (i, crate::vocab::is_lead_role(&c["role"])))
        })
        .collect();
    // Some column divided (its name below not the one above, merged down).
    let divided = units
        .iter()
        .any(|&(i, _)| keys.get(i).is_none_or(|above| *above != below[i]));
    (units.len() >= 2 && divided).then_some(units)
}

/// The columns of a table naming units but no task column, whose first
/// column after the 序号 is one of sections (`一、智能化改造（牵头单位：…）`
/// merged down over its rows) and whose next names each row (a 项目清单's
/// `支持方向`, a column a header names by its subject, not as tasks): the
/// sections' column and the tasks'.
fn sections_then_tasks(
    data: &[Vec<String>],
    keys: &[String],
    header: usize,
    number: Option<usize>,
    units: &[(usize, bool)],
) -> Option<Columns> {
    if units.is_empty() {
        return None;
    }
    let section = number.map_or(0, |n| n + 1);
    let task = section + 1;
    let is_unit = |i: usize| units.iter().any(|(u, _)| *u == i);
    if Some(section) == number || is_unit(section) || is_unit(task) || task >= keys.len() {
        return None;
    }
    let named = data
        .iter()
        .filter(|r| {
            [section, task]
                .iter()
                .all(|&i| r.get(i).is_some_and(|c| !c.trim().is_empty()))
        })
        .count();
    (named >= 2 && is_section_column(data, keys, section)).then(|| Columns {
        header,
        number,
        section: Some(section),
        task,
        units: units.to_vec(),
        list: false,
    })
}

/// The columns of a numbered list grouped under headings, read as an
/// outline though no column is named a task, or no unit column either: a
/// 政策兑现清单 or a 项目安排表 whose rows (`1` | `高新技术企业认定奖励` |
/// …) stand under heading rows (`一、科技创新类` merged across the table,
/// or with the group's subtotal after it: `小计` | `742`). The column
/// after the 序号 names each row; unit columns (`责任单位`) give their
/// units. Without such a heading a numbered table is data (a 资金分配表
/// by district), not an outline; nor is a row numbered `一` in its 序号
/// cell (a subtotal row by city) a heading.
fn list_columns(
    data: &[Vec<String>],
    header: usize,
    number: usize,
    units: Vec<(usize, bool)>,
) -> Option<Columns> {
    let task = number + 1;
    let numbered = data
        .iter()
        .filter(|r| {
            let n = r.get(number).map_or("", |c| c.trim());
            !n.is_empty()
                && n.bytes().all(|b| b.is_ascii_digit())
                && r.get(task).is_some_and(|c| !c.trim().is_empty())
        })
        .count();
    // A group numbered bare (`一` | `南昌市小计` | figures) heads tasks
    // only in a table that names their units (a 项目安排表's 责任单位);
    // without, it is a district's subtotal in a table of money (data).
    let heads = |r: &&Vec<String>| {
        is_heading_row(r, &[])
            && (!units.is_empty()
                || !r
                    .iter()
                    .find(|c| !c.trim().is_empty())
                    .is_some_and(|c| is_bare_numeral(c)))
    };
    let headings = data.iter().filter(heads).count();
    let names_units = units.iter().any(|(u, _)| *u == task);
    (headings >= 1 && numbered >= 2 && !names_units).then_some(Columns {
        header,
        number: Some(number),
        section: None,
        task,
        units,
        list: true,
    })
}

/// Whether a row is a section's heading: its first filled cell a heading
/// ([`is_heading_cell`]) and the others, if any, its group's subtotal:
/// figures, and the word saying so (`一、智能制造和数字化改造` | `1430.5`;
/// `一、产业发展类项目` | `小计` | `742`).
fn is_heading_row(row: &[String], task_kinds: &[Kind]) -> bool {
    let mut filled = row.iter().map(|c| c.trim()).filter(|c| !c.is_empty());
    let Some(first) = filled.next() else {
        return false;
    };
    // A bare numeral in the 序号 column names the group in the next
    // filled cell (`一` | `产业发展类` | `1516`).
    if is_bare_numeral(first) && filled.next().is_none_or(is_figure) {
        return false;
    }
    (is_bare_numeral(first) || is_heading_cell(first, task_kinds))
        && filled.all(|c| is_figure(c) || is_total(c))
}

/// A Chinese numeral alone (`一`, `十二`, `三、`): a group's number in a
/// 序号 column.
fn is_bare_numeral(cell: &str) -> bool {
    let c = cell.trim().trim_end_matches(['、', '.', '．']);
    (1..=3).contains(&c.chars().count()) && c.chars().all(|ch| "一二三四五六七八九十".contains(ch))
}

/// The names of a whole table's total (a `小计` is a group's).
const GRAND_TOTALS: &[&str] = &["合计", "总计"];

/// A total's name (`合计`, `小计`, `总计`, white space aside).
fn is_total(cell: &str) -> bool {
    vocab::TOTAL_WORDS.contains(&key(cell).as_str())
}

/// A cell holding a figure alone (`1430.5`, `6,014.3`, `12.5%`).
fn is_figure(cell: &str) -> bool {
    cell.chars().any(|c| c.is_ascii_digit())
        && cell
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%' | '-'))
}

/// Whether column `col` of a table's data rows holds section headings
/// only: every filled cell opens with a section's label (`一、`), and
/// some are filled. The header again (`header_keys`) is no data row.
fn is_section_column(rows: &[Vec<String>], header_keys: &[String], col: usize) -> bool {
    let mut cells = rows
        .iter()
        .filter(|r| !is_header_again(r, header_keys))
        .filter_map(|r| r.get(col))
        .map(|c| fold(c.trim()))
        .filter(|c| !c.is_empty())
        .peekable();
    cells.peek().is_some() && cells.all(|c| is_heading_para(&c))
}

/// Whether column `col` of a table's data rows groups the next task
/// column's (`task`): a cell merged down over several rows, so repeated in
/// each, every row of a group holding a task of its own, and the 序号
/// (where there is one) the same through each group. Some group must
/// hold two tasks or more, and no heading row stand among the rows.
fn is_group_column(
    rows: &[Vec<String>],
    header_keys: &[String],
    col: usize,
    task: usize,
    number: Option<usize>,
) -> bool {
    let cell = |r: &Vec<String>, i: usize| r.get(i).map_or(String::new(), |c| c.trim().to_string());
    // Heading rows make the sections already (`一、提升政务服务效能`
    // merged across): a merged task cell under them is a task over rows.
    let task_kinds = task_label_kinds(rows, task);
    if rows.iter().any(|r| is_heading_row(r, &task_kinds)) {
        return false;
    }
    let rows: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| !is_header_again(r, header_keys) && !cell(r, col).is_empty())
        .collect();
    let mut grouped = false;
    for pair in rows.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if cell(a, task).is_empty() || cell(b, task).is_empty() {
            return false;
        }
        let same = cell(a, col) == cell(b, col);
        if same && cell(a, task) == cell(b, task) {
            return false;
        }
        if let Some(n) = number {
            if same != (cell(a, n) == cell(b, n)) {
                return false;
            }
        }
        grouped |= same;
    }
    grouped
}

/// Whether a row is the header's cells again (keyed as [`key`] does): a
/// table over pages repeating its header, or a header's second row, whose
/// cells merged down from the first repeat them (`序号 | 项目类别 |
/// 补助标准（万元）` under `序号 | 项目类别 | 资金安排`). Most of its
/// filled cells, two at least, are the header's own in their columns.
fn is_header_again(row: &[String], header_keys: &[String]) -> bool {
    let filled = row.iter().filter(|c| !key(c).is_empty()).count();
    let same = row
        .iter()
        .zip(header_keys)
        .filter(|(c, h)| !h.is_empty() && key(c) == **h)
        .count();
    same >= 2 && same * 2 > filled
}

/// The label kinds the task cells of a table's task rows (two cells or
/// more filled) open with: a lone cell opening with one of them is a task
/// without units, not a heading (tasks numbered `一、`, `二、`).
fn task_label_kinds(rows: &[Vec<String>], task: usize) -> Vec<Kind> {
    let mut kinds = Vec::new();
    for r in rows {
        if r.iter().filter(|c| !c.trim().is_empty()).count() < 2 {
            continue;
        }
        let f = fold(r.get(task).map_or("", |c| c.trim()));
        if let Some(l) = find_label(&f) {
            if !kinds.contains(&l.kind) {
                kinds.push(l.kind);
            }
        }
    }
    kinds
}

/// Whether a task cell alone in its row reads as a section's heading: it
/// opens with a section's label (`一、`, `第一章`, `第一部分`) and a title,
/// of a kind the table's tasks do not open with (`task_kinds`).
fn is_heading_cell(cell: &str, task_kinds: &[Kind]) -> bool {
    let f = fold(cell.trim());
    find_label(&f).is_some_and(|l| {
        matches!(l.kind, Kind::Cn | Kind::Chapter | Kind::Part)
            && l.rest < f.len()
            && !task_kinds.contains(&l.kind)
    })
}

/// Sections and clauses of the text's task tables (see the module doc),
/// and the paragraph the first table starts at; None when no table is a
/// task table. Numbered lists under headings count only with `lists`
/// (the text has no outline at all: a sheet; a notice's appended project
/// list is no outline of it).
pub(crate) fn task_outline(
    paras: &[Para<'_>],
    tables: &[&TextTable],
    lists: bool,
) -> Option<(Vec<Section>, Vec<Clause>, usize)> {
    let mut sections: Vec<Section> = Vec::new();
    let mut clauses: Vec<Clause> = Vec::new();
    let mut first = None;
    // The last task's cell as written (a continued task's cells joined).
    let mut last_task = String::new();
    for t in tables {
        let Some(cols) = columns(&t.rows).filter(|c| lists || !c.list) else {
            continue;
        };
        let Some(row_paras) = row_paragraphs(t) else {
            continue;
        };
        // The outline starts at the table's header: rows above it (a
        // sheet's `文号：… 日期：…`) are the document's header, but for a
        // section's heading merged across above the header (a workbook
        // with a sheet per category: its title, `一、消费提振类（牵头单位：
        // 市商务局）`, then the header), which opens the table's section.
        // A reader that keeps the rows above the header out of the table
        // leaves that heading the paragraph right before it.
        let row_above = (0..cols.header)
            .rev()
            .find(|&r| heading_above_header(&t.rows[r]))
            .map(|r| row_paras[r].clone());
        let para_above = t
            .paragraphs
            .start
            .checked_sub(1)
            .filter(|&k| cols.header == 0 && is_heading_para(paras[k].folded))
            .map(|k| k..k + 1);
        let above = row_above.or(para_above);
        first.get_or_insert(
            above
                .as_ref()
                .map_or(row_paras[cols.header].start, |a| a.start),
        );
        if let Some(a) = above {
            let span = [paras[a.start].start, paras[a.end - 1].end];
            if let Some(s) = sections.last_mut() {
                s.span[1] = s.span[1].max(span[0]);
            }
            let text = paras[a.start].original;
            sections.push(heading(text.trim(), sections.len() as u32 + 1, span));
        }
        // Whether the row above was a task of this table (not a heading),
        // and that task's 序号 and task cells as the table gives them.
        let mut after_task = false;
        let mut above: (String, String) = Default::default();
        // The sections' column's cell of the section the rows are in.
        let mut section_above = String::new();
        // The table's last paragraph before a note ending it.
        let mut last_para = t.paragraphs.end - 1;
        let tasks_before = clauses.len();
        let task_kinds = task_label_kinds(&t.rows[cols.header + 1..], cols.task);
        let header_keys: Vec<String> = t.rows[cols.header].iter().map(|c| key(c)).collect();
        for (r, row) in t.rows.iter().enumerate().skip(cols.header + 1) {
            let rp = &row_paras[r];
            let span = [paras[rp.start].start, paras[rp.end - 1].end];
            let filled: Vec<&String> = row.iter().filter(|c| !c.is_empty()).collect();
            let task = row.get(cols.task).map(String::as_str).unwrap_or("");
            // The header again (a table over pages, each repeating it):
            // neither section nor task.
            if is_header_again(row, &header_keys) {
                continue;
            }
            // A cell of the sections' column (merged down, so repeated in
            // each row of its section) opens a section where it changes.
            let section_cell = cols
                .section
                .and_then(|i| row.get(i))
                .map_or("", |c| c.trim());
            if !section_cell.is_empty() && !task.is_empty() && section_cell != section_above {
                if let Some(s) = sections.last_mut() {
                    s.span[1] = paras[row_paras[r - 1].end - 1].end;
                }
                sections.push(heading(section_cell, sections.len() as u32 + 1, span));
                section_above = section_cell.to_string();
                after_task = false;
            }
            // A note under the tasks (`注：1.牵头单位负责…`, merged across
            // the table) ends them: neither heading nor task, nor are the
            // rows after it.
            if filled.len() == 1 && NOTE.is_match(&key(filled[0])) {
                last_para = rp.start.saturating_sub(1).max(t.paragraphs.start);
                break;
            }
            // A row of one filled cell is a section's heading: one merged
            // across the table leaves its text in the first column, which
            // is the 序号's (the task cell empty) or, in a table without
            // one, the tasks' own (`一、稳住外贸基本盘` above `1.…`). A
            // reader that lays the merge out repeats the text in every
            // cell it covers (a sheet's export, a markdown dump): one text
            // in every filled cell of two or more, task and unit cells
            // alike, is that row — no task names itself as its own unit.
            let laid_out = filled.len() >= 2
                && cols
                    .units
                    .iter()
                    .any(|(u, _)| row.get(*u).is_some_and(|c| !c.is_empty()))
                && filled.iter().all(|c| c.trim() == filled[0].trim());
            let alone =
                filled.len() == 1 && (task.is_empty() || is_heading_cell(task, &task_kinds));
            // A group's heading with its subtotal (`一、智能制造和数字化改造`
            // merged across the name columns, `1430.5` in the amount's).
            let subtotal = filled.len() >= 2 && task.is_empty() && is_heading_row(row, &task_kinds);
            if laid_out || alone || subtotal {
                if let Some(s) = sections.last_mut() {
                    s.span[1] = paras[row_paras[r - 1].end - 1].end;
                }
                sections.push(heading(filled[0], sections.len() as u32 + 1, span));
                after_task = false;
                continue;
            }
            let numeral = cols
                .number
                .and_then(|i| row.get(i))
                .map_or("", |c| c.trim());
            // A total's row (`合计` where a name or the 序号 would be:
            // `合计` | `共4个方面13项重点任务`) is no task. The grand total
            // after the tasks, only notes below it, closes them: its
            // figures are the whole table's, no section's (a 小计 stays in
            // its section).
            let total = is_total(task) || is_total(numeral);
            let grand = [task, numeral]
                .iter()
                .any(|c| GRAND_TOTALS.contains(&key(c).as_str()));
            // Asked only of a grand total: a scan to the table's end per row
            // would make a long table's reading quadratic.
            let notes_below = || {
                t.rows[r + 1..]
                    .iter()
                    .all(|row| row.iter().filter(|c| !c.trim().is_empty()).count() <= 1)
            };
            if grand && clauses.len() > tasks_before && notes_below() {
                last_para = rp.start.saturating_sub(1).max(t.paragraphs.start);
                break;
            }
            if task.is_empty() || total {
                continue;
            }
            // A section's row that sets its numeral in the 序号 column and
            // its title in the task cell (`一、` | `健全养老服务网络`, merged
            // across the rest), no unit named: a heading too.
            let no_units = cols
                .units
                .iter()
                .all(|(u, _)| row.get(*u).is_none_or(|c| c.trim().is_empty()));
            // A sheet may write the numeral bare (`一` | `产业发展类` |
            // its subtotal).
            let bare = is_bare_numeral(numeral);
            let folded = fold(numeral);
            let numeral_alone = bare
                || find_label(&folded)
                    .is_some_and(|l| l.kind == Kind::Cn && l.rest == folded.len());
            if no_units && numeral_alone {
                if let Some(s) = sections.last_mut() {
                    s.span[1] = paras[row_paras[r - 1].end - 1].end;
                }
                let marked = numeral.ends_with(['、', '.', '．']);
                let mark = if bare && !marked { "、" } else { "" };
                let text = format!("{numeral}{mark}{}", task.trim());
                sections.push(heading(&text, sections.len() as u32 + 1, span));
                after_task = false;
                continue;
            }
            let (units, leads) = row_units(row, &t.rows[cols.header], &cols.units);
            // A task the table breaks over two rows (a page's end, a long
            // cell) leaves the second row's 序号 empty: that row goes on
            // with the task above it, its units added to the task's.
            // A task whose 序号 is merged down over two rows (a sheet's
            // merged cells, a page's `rowspan`) shows its number again in
            // the second row, as every reader of a table lays a merge out:
            // that row goes on with the task too. So does a row repeating
            // the task cell above where the table has no 序号.
            let unnumbered = cols.number.is_some() && numeral.is_empty();
            let repeated = match cols.number {
                Some(_) => !numeral.is_empty() && numeral == above.0,
                None => task.trim() == above.1,
            };
            if (unnumbered || repeated) && after_task {
                let Some(c) = clauses.last_mut() else {
                    continue;
                };
                // A task cell merged with the one above is the same text.
                if task.trim() != above.1 {
                    last_task.push_str(task.trim());
                    c.title = task_title(&last_task);
                }
                for p in &paras[rp.clone()] {
                    c.text.push('\n');
                    c.text.push_str(p.original);
                }
                c.span[1] = span[1];
                add_units(c, units, leads);
                continue;
            }
            let number = clauses.len() as u32 + 1;
            // A task cell opening with its own number where the table has
            // no 序号 (`1.培育外贸龙头企业`): the number is the label, the
            // task what follows it.
            let own = cols.number.is_none().then(|| own_number(task)).flatten();
            let label = cols
                .number
                .and_then(|i| row.get(i))
                // As written, without its mark or brackets (`3.`, `（三）`).
                .map(|c| {
                    c.trim()
                        .trim_end_matches(['.', '．', '、'])
                        .trim_start_matches(['(', '（'])
                        .trim_end_matches([')', '）'])
                        .trim()
                        .to_string()
                })
                .filter(|c| !c.is_empty())
                .or_else(|| own.as_ref().map(|(l, _)| l.clone()))
                .unwrap_or_else(|| number.to_string());
            let own_task = own.as_ref().map_or(task, |(_, t)| t.as_str());
            // A clause's own label opening the task (`（一）支持项目建设提速。
            // …`, the policy's text set in a list's cells) is no title.
            let title = task_title(without_clause_label(own_task));
            last_task = own_task.trim().to_string();
            after_task = true;
            above = (numeral.to_string(), task.trim().to_string());
            clauses.push(Clause {
                number,
                label,
                section: sections.last().map(|s| s.number),
                title,
                text: paras[rp.clone()]
                    .iter()
                    .map(|p| p.original)
                    .collect::<Vec<_>>()
                    .join("\n"),
                responsible_units: units,
                lead_units: leads,
                items: Vec::new(),
                span,
            });
        }
        if let Some(s) = sections.last_mut() {
            s.span[1] = s.span[1].max(paras[last_para].end);
        }
    }
    if clauses.is_empty() {
        return None;
    }
    Some((sections, clauses, first?))
}

/// Whether a row above a table's header is a section's heading: one text
/// (in one cell, or laid out over the cells of its merge) opening with
/// `一、` and going on.
fn heading_above_header(row: &[String]) -> bool {
    let mut filled = row.iter().map(|c| c.trim()).filter(|c| !c.is_empty());
    let Some(first) = filled.next() else {
        return false;
    };
    filled.all(|c| c == first) && is_heading_para(&fold(first))
}

/// Whether a (folded) paragraph is a section's heading `一、…`.
fn is_heading_para(f: &str) -> bool {
    find_label(f).is_some_and(|l| l.kind == Kind::Cn && l.rest < f.len())
}

/// A task cell's label of one of `kinds` and the text after it, when text
/// follows it.
fn split_label<'a>(task: &'a str, kinds: &[Kind]) -> Option<(Label, &'a str)> {
    let task = task.trim();
    let f = fold(task);
    let l = find_label(&f).filter(|l| kinds.contains(&l.kind) && l.rest < f.len())?;
    let at = task
        .char_indices()
        .nth(l.rest_chars(&f))
        .map_or(task.len(), |(i, _)| i);
    Some((l, task[at..].trim()))
}

/// A task cell's own number (`1.`, `2、`, `（3）`) and the task after it;
/// None when the cell opens with none or is only a number.
fn own_number(task: &str) -> Option<(String, String)> {
    split_label(task, &[Kind::Arabic, Kind::ParenArabic])
        .map(|(l, rest)| (l.value.to_string(), rest.to_string()))
}

/// A task without the clause label it opens with (`（一）`, `(三)`), when
/// text follows it.
fn without_clause_label(task: &str) -> &str {
    split_label(task, &[Kind::ParenCn]).map_or(task.trim(), |(_, rest)| rest)
}

/// Adds a row's units and lead units to a clause's, each once.
fn add_units(c: &mut Clause, units: Vec<String>, leads: Vec<String>) {
    for u in units {
        if !c.responsible_units.contains(&u) {
            c.responsible_units.push(u);
        }
    }
    for u in leads {
        if !c.lead_units.contains(&u) {
            c.lead_units.push(u);
        }
    }
}

/// A task's title: its cell up to the first `。`, without a final colon.
fn task_title(task: &str) -> String {
    let t = task.split('。').next().unwrap_or(task);
    t.trim().trim_end_matches([':', '：']).trim().to_string()
}

/// Longest line read as a table's name above it.
const NAME_MAX_CHARS: usize = 40;

/// The rows of a task table that stands inside a section without clauses
/// of its own (`三、重点任务安排` / `对照年度目标，重点抓好以下任务：` / `| 序号 |
/// 任务 | 责任单位 |`) are that section's clauses, as its `1.` `2.` items
/// would be (GOLD.md: a section's items are its clauses where it has no
/// `(一)` level). The clauses are numbered through again, in reading order.
/// A table with headings of its own, after the sections, or under a name
/// of its own (`某某方案重点任务分工表` right above it: an appended 分工表,
/// which restates the clauses, though no `附件` label ended the last
/// section) is left to [`units_from_task_tables`].
pub(crate) fn clauses_of_section_tables(
    paras: &[Para<'_>],
    sections: &[Section],
    clauses: &mut Vec<Clause>,
    tables: &[&TextTable],
) {
    let mut added = false;
    for t in tables {
        let at = paras[t.paragraphs.start].start;
        let Some(section) = sections.iter().find(|s| s.span[0] <= at && at < s.span[1]) else {
            continue;
        };
        if clauses.iter().any(|c| c.section == Some(section.number)) {
            continue;
        }
        // The section's own heading right above it (`一、政策清单`, a
        // workbook's sheet) names the section, not a table apart.
        let named = t.paragraphs.start.checked_sub(1).is_some_and(|i| {
            let above = paras[i].folded.trim();
            paras[i].start != section.span[0]
                && above.chars().count() <= NAME_MAX_CHARS
                && names_table(above)
        });
        if named {
            continue;
        }
        let Some((headings, rows, _)) = task_outline(paras, &[*t], false) else {
            continue;
        };
        // (The section's heading right above the table is its own.)
        if !headings.iter().all(|h| h.span[0] == section.span[0]) || rows.is_empty() {
            continue;
        }
        clauses.extend(rows.into_iter().map(|mut c| {
            c.section = Some(section.number);
            c
        }));
        added = true;
    }
    if added {
        clauses.sort_by_key(|c| c.span[0]);
        for (i, c) in clauses.iter_mut().enumerate() {
            c.number = i as u32 + 1;
        }
    }
}

/// Units a task table beside the outline gives the clauses it names.
///
/// A 分工表 appended to a 方案 states who answers for each of its
/// measures, as a bracket in the clause would. A row names a clause:
/// - by label and title: its task cell starts with the clause's label and
///   title (`（二）培育壮大数据交易市场：培育数商生态`), the title equal to
///   the clause's or its start; every row so named gives its units, even
///   to a clause with a statement of its own;
/// - by title alone ([`row_clause`]): its task cell (up to the first `：`
///   or `。`) is the clause's title, or holds it, or is held in it, and no
///   other clause's title is so; a 序号 written as a label (`（三）`)
///   must agree with the clause's label, and where several titles match,
///   the 序号 (`（三）`, `3`) picks the one clause with that label. Such a
///   table gives units only when at least half its task rows name a
///   clause (else its tasks break the measures up otherwise, and a title
///   met by chance says nothing), and when none names a clause with a
///   statement of its own (else the table restates the text, whose
///   statements are what it says: a clause keeps its own, and the others
///   get nothing from the table).
///
/// A row naming no clause, or several, gives nothing: the table repeats
/// the text's measures, and a guess would put units on the wrong clause.
/// Each clause takes its rows' units in row order, lead columns' before the
/// others' as the columns stand, each unit once.
pub(crate) fn units_from_task_tables(clauses: &mut [Clause], tables: &[&TextTable]) {
    // The clauses' titles are keyed once, and only when a table is a task
    // table (most texts have none).
    let mut titles: Option<Vec<String>> = None;
    // Clauses with a statement of their own, before any table gave units.
    let own: Vec<bool> = clauses
        .iter()
        .map(|c| !c.responsible_units.is_empty())
        .collect();
    let labels: Vec<Option<u32>> = clauses.iter().map(|c| label_value(&c.label)).collect();
    for t in tables {
        let Some(cols) = columns(&t.rows).filter(|c| !c.list) else {
            continue;
        };
        let titles =
            titles.get_or_insert_with(|| clauses.iter().map(|c| title_key(&c.title)).collect());
        // The clause the row above named by title, for a row that goes on
        // with it (its 序号 and task cells empty).
        let mut above: Option<usize> = None;
        // Rows naming a clause by title alone, and the task rows without a
        // label, counted to judge the table (see below).
        let mut named_rows: Vec<(usize, &Vec<String>)> = Vec::new();
        let mut task_rows = 0usize;
        let mut named_tasks = 0usize;
        let header_keys: Vec<String> = t.rows[cols.header].iter().map(|c| key(c)).collect();
        for row in t.rows.iter().skip(cols.header + 1) {
            if is_header_again(row, &header_keys) {
                continue;
            }
            let task = row.get(cols.task).map_or("", |c| c.trim());
            let name = RowName::of(task);
            if name.label.is_some() {
                above = None;
                let named = &name.title_key;
                if named.chars().count() < 4 {
                    continue;
                }
                let mut hits = titles
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| *t == named || t.starts_with(named.as_str()));
                let (Some((i, _)), None) = (hits.next(), hits.next()) else {
                    continue;
                };
                let (units, leads) = row_units(row, &t.rows[cols.header], &cols.units);
                add_units(&mut clauses[i], units, leads);
                continue;
            }
            let number = cols
                .number
                .and_then(|i| row.get(i))
                .map_or("", |c| c.trim());
            let filled = row.iter().filter(|c| !c.trim().is_empty()).count();
            let target = if task.is_empty() && number.is_empty() && filled > 0 {
                // A task broken over two rows: the second goes on with the
                // first.
                above
            } else if filled <= 1 || task.is_empty() {
                // A section's row (`一、优化服务`, merged across) or an empty
                // one names no clause.
                None
            } else {
                task_rows += 1;
                let c = row_clause(titles, &labels, &name.title_key, number);
                named_tasks += usize::from(c.is_some());
                c
            };
            above = target;
            if let Some(i) = target {
                named_rows.push((i, row));
            }
        }
        // The table is the clauses' 分工表 only when most of its tasks are
        // clauses: one whose tasks break the measures up otherwise (14
        // tasks beside 12 clauses, one title met by chance) says nothing of
        // which clause answers for what. And a table that names a clause
        // stating its own units restates the text, whose statements are
        // the record's; it gives no clause units the text leaves out.
        if named_tasks * 2 < task_rows || named_rows.iter().any(|(i, _)| own[*i]) {
            continue;
        }
        for (i, row) in named_rows {
            let (units, leads) = row_units(row, &t.rows[cols.header], &cols.units);
            add_units(&mut clauses[i], units, leads);
        }
    }
}

/// Chars a task or title must have to be matched by being held in the
/// other: a shorter one (`保障措施`, `总体要求`) is too common to say
/// which clause a row means.
const HELD_MIN: usize = 6;

/// What a task row's task cell names: the label it starts with
/// (`（二）培育壮大数据交易市场：…`), if any, and the keyed title after it,
/// up to the first `：` or `。`. Folded and keyed once per row, for the
/// match by label and title and the match by title alone alike.
struct RowName {
    label: Option<Label>,
    title_key: String,
}

impl RowName {
    fn of(task: &str) -> RowName {
        let f = fold(task);
        let label = find_label(&f).filter(|l| l.rest > 0);
        let rest = label.as_ref().map_or(0, |l| l.rest);
        let title_key = f[rest..]
            .split([':', '：', '。'])
            .next()
            .map(title_key)
            .unwrap_or_default();
        RowName { label, title_key }
    }
}

/// The clause a task row without a label names by its task (see
/// [`units_from_task_tables`]): `titles` are the clauses' keyed titles,
/// `labels` their labels' values, `named` the row's keyed task title
/// ([`RowName`]) and `number` its 序号 cell. None when no clause or
/// several match.
fn row_clause(
    titles: &[String],
    labels: &[Option<u32>],
    named: &str,
    number: &str,
) -> Option<usize> {
    if named.chars().count() < 4 {
        return None;
    }
    // The 序号: a label (`（三）`, `(3)`) says which clause; a bare number
    // (`3`) may count rows rather than clauses, so it only picks among
    // titles that match.
    let nf = fold(number);
    let nf = nf.trim().trim_end_matches(['.', '、']).trim();
    let as_label = find_label(nf)
        .filter(|l| l.rest >= nf.len() && matches!(l.kind, Kind::ParenCn | Kind::ParenArabic))
        .map(|l| l.value);
    let as_number = as_label.or_else(|| label_value(nf));
    let equal: Vec<usize> = (0..titles.len()).filter(|&i| titles[i] == named).collect();
    let candidates = if equal.is_empty() {
        (0..titles.len())
            .filter(|&i| {
                let t = titles[i].as_str();
                let (short, long) = if t.len() < named.len() {
                    (t, named)
                } else {
                    (named, t)
                };
                !short.is_empty() && short.chars().count() >= HELD_MIN && long.contains(short)
            })
            .collect()
    } else {
        equal
    };
    let pick = match candidates.as_slice() {
        [] => return None,
        [i] => *i,
        several => {
            let v = as_number?;
            let mut by_label = several.iter().filter(|&&i| labels[i] == Some(v));
            match (by_label.next(), by_label.next()) {
                (Some(&i), None) => i,
                _ => return None,
            }
        }
    };
    // A 序号 written as a label that is not the clause's: the row means
    // another clause, or the table counts otherwise; either way, no guess.
    match as_label {
        Some(v) if labels[pick] != Some(v) => None,
        _ => Some(pick),
    }
}

/// A title compared with another: folded, without white space or the
/// punctuation that ends it.
fn title_key(title: &str) -> String {
    fold(title)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .trim_end_matches([':', '：', '。', '；', ';', ',', '，'])
        .to_string()
}

/// The paragraphs of each row of `t`, offsets into the text's paragraphs;
/// None when they cannot be told (rows and paragraphs do not match).
fn row_paragraphs(t: &TextTable) -> Option<Vec<std::ops::Range<usize>>> {
    let start = t.paragraphs.start;
    if !t.row_paragraphs.is_empty() {
        let fits = t.row_paragraphs.len() == t.rows.len()
            && t.row_paragraphs
                .iter()
                .all(|r| r.start < r.end && r.end <= t.paragraphs.len());
        return fits.then(|| {
            t.row_paragraphs
                .iter()
                .map(|r| start + r.start..start + r.end)
                .collect()
        });
    }
    // Otherwise rows and paragraphs correspond one to one (a row of empty
    // cells was never written).
    (t.rows.len() == t.paragraphs.len()).then(|| {
        (0..t.rows.len())
            .map(|r| start + r..start + r + 1)
            .collect()
    })
}

/// A unit cell as a list: names the cell put on lines of their own (a
/// `<br>` or a paragraph per unit, rendered as spaces) are separated by
/// `、`. A letter-spaced name (`市 财 政 局`) stays one.
fn cell_list(cell: &str) -> String {
    let parts: Vec<&str> = cell.split_whitespace().collect();
    let names = parts.len() >= 2
        && parts.iter().all(|p| {
            p.chars().count() >= 2
                && p.chars().next().is_some_and(is_han)
                && p.chars()
                    .last()
                    .is_some_and(|c| is_han(c) || c == '）' || c == ')')
        });
    if names {
        parts.join("、")
    } else {
        cell.to_string()
    }
}

/// A section heading row: its label (`一、`) when it has one.
fn heading(text: &str, number: u32, span: [usize; 2]) -> Section {
    let f = fold(text);
    let (label, title) = match find_label(&f) {
        Some(l)
            if matches!(
                l.kind,
                Kind::Cn | Kind::Part | Kind::Chapter | Kind::ParenCn
            ) =>
        {
            let head: String = text.chars().take(f[..l.rest].chars().count()).collect();
            let label: String = head
                .trim()
                .trim_start_matches(['(', '（', '第'])
                .trim_end_matches([')', '）', '、', '.', '．', '章', '部', '分'])
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let title: String = text.chars().skip(head.chars().count()).collect();
            (label, title.trim().to_string())
        }
        _ => (number.to_string(), text.trim().to_string()),
    };
    // `三、打造服务体系（由区经信局牵头实施）`: the row names the section's
    // lead units as an outline heading does; the title stops before them.
    let (title, lead_units) = match find_lead_units(&fold(&title), &title) {
        Some((open, units)) => {
            let chars = fold(&title)[..open].chars().count();
            let t: String = title.chars().take(chars).collect();
            (t.trim().to_string(), units)
        }
        None => (title, Vec::new()),
    };
    Section {
        number,
        label,
        title,
        lead_units,
        span,
    }
}

/// The units of a row's unit cells, read as statements labelled by their
/// columns, in column order, each once; and those of the lead columns.
fn row_units(
    row: &[String],
    header: &[String],
    unit_cols: &[(usize, bool)],
) -> (Vec<String>, Vec<String>) {
    let mut units: Vec<String> = Vec::new();
    let mut leads: Vec<String> = Vec::new();
    for &(i, lead) in unit_cols {
        let Some(cell) = row.get(i).filter(|c| !c.trim().is_empty()) else {
            continue;
        };
        let label = if lead { "牵头单位" } else { "责任单位" };
        let statement = format!("（{label}：{}）", cell_list(cell));
        let folded = fold(&statement);
        let mut found = find_statements(&folded, &statement);
        // A header's note (`责任单位（列第一位的为牵头单位）`) says who leads.
        let first_leads = {
            let h = header.get(i).map(|h| key(h)).unwrap_or_default();
            h.contains("第一") && h.contains("牵头")
        };
        for s in found.iter_mut() {
            for u in &s.units {
                if !units.contains(u) {
                    units.push(u.clone());
                }
            }
            let mut ls: Vec<String> = if lead {
                s.units.clone()
            } else {
                s.leads.clone()
            };
            if first_leads || s.first_leads {
                ls.extend(s.units.first().cloned());
            }
            for u in ls {
                if !leads.contains(&u) {
                    leads.push(u);
                }
            }
        }
    }
    (units, leads)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn a_row_naming_a_clause_gives_it_units() {
        let clause = |title: &str| Clause {
            number: 1,
            label: "一".into(),
            section: Some(1),
            title: title.into(),
            text: String::new(),
            responsible_units: Vec::new(),
            lead_units: Vec::new(),
            items: Vec::new(),
            span: [0, 0],
        };
        let mut clauses = vec![
            clause("健全数据产权制度"),
            clause("培育壮大数据交易市场"),
            clause("强化组织保障"),
        ];
        let table = TextTable {
            paragraphs: 0..5,
            rows: vec![
                row(&["序号", "重点任务", "牵头单位", "配合单位"]),
                row(&[
                    "1",
                    "（一）健全数据产权制度",
                    "省大数据局",
                    "省司法厅、省市场监管局",
                ]),
                row(&[
                    "2",
                    "（二）培育壮大数据交易市场：提升交易所能级",
                    "省大数据局",
                    "省财政厅",
                ]),
                row(&[
                    "3",
                    "（二）培育壮大数据交易市场：培育数商生态",
                    "省商务厅",
                    "省财政厅",
                ]),
                // No label, but its task is the clause's title.
                row(&["4", "强化组织保障", "省政府办公厅", ""]),
            ],
            row_paragraphs: Vec::new(),
        };
        units_from_task_tables(&mut clauses, &[&table]);
        assert_eq!(
            clauses[0].responsible_units,
            ["省大数据局", "省司法厅", "省市场监管局"]
        );
        assert_eq!(clauses[0].lead_units, ["省大数据局"]);
        assert_eq!(
            clauses[1].responsible_units,
            ["省大数据局", "省财政厅", "省商务厅"]
        );
        assert_eq!(clauses[1].lead_units, ["省大数据局", "省商务厅"]);
        assert_eq!(clauses[2].responsible_units, ["省政府办公厅"]);
    }

    fn titled(label: &str, title: &str, units: &[&str]) -> Clause {
        Clause {
            number: 1,
            label: label.into(),
            section: Some(1),
            title: title.into(),
            text: String::new(),
            responsible_units: units.iter().map(|u| u.to_string()).collect(),
            lead_units: Vec::new(),
            items: Vec::new(),
            span: [0, 0],
        }
    }

    fn table(rows: Vec<Vec<String>>) -> TextTable {
        TextTable {
            paragraphs: 0..rows.len(),
            rows,
            row_paragraphs: Vec::new(),
        }
    }

    fn units(c: &Clause) -> Vec<&str> {
        c.responsible_units.iter().map(String::as_str).collect()
    }

    /// An appended 分工表 whose task cells are the clauses' titles gives
    /// each clause its rows' units in row order, 牵头 before 配合, each
    /// once; a merged task cell repeated over two rows gives both rows'.
    #[test]
    fn a_table_row_whose_task_is_a_clause_title_gives_it_units() {
        let mut clauses = vec![
            titled("一", "总体要求", &[]),
            titled("一", "实施龙头企业培育工程", &[]),
            titled("二", "实施加工园区提升工程", &[]),
            titled("三", "加快公共充电网络建设", &[]),
        ];
        let t = table(vec![
            row(&["序号", "重点任务", "具体举措", "牵头单位", "配合单位"]),
            row(&[
                "1",
                "实施龙头企业培育工程",
                "认定奖励",
                "省农业农村厅",
                "省财政厅",
            ]),
            row(&[
                "2",
                "实施龙头企业培育工程",
                "梯次奖励",
                "省农业农村厅",
                "省财政厅 省统计局",
            ]),
            row(&[
                "3",
                "实施加工园区提升工程",
                "建设园区",
                "省农业农村厅",
                "省发展改革委、省财政厅，各设区市人民政府",
            ]),
            row(&[
                "4",
                "实施加工园区提升工程",
                "保障用地",
                "省自然资源厅",
                "省农业农村厅",
            ]),
            // The task cell holds the clause's title.
            row(&[
                "5",
                "加快公共充电网络建设，推广换电模式",
                "",
                "省能源局",
                "省住房城乡建设厅等部门",
            ]),
        ]);
        units_from_task_tables(&mut clauses, &[&t]);
        assert!(clauses[0].responsible_units.is_empty());
        assert_eq!(units(&clauses[1]), ["省农业农村厅", "省财政厅", "省统计局"]);
        assert_eq!(
            units(&clauses[2]),
            [
                "省农业农村厅",
                "省发展改革委",
                "省财政厅",
                "各设区市人民政府",
                "省自然资源厅"
            ]
        );
        assert_eq!(clauses[2].lead_units, ["省农业农村厅", "省自然资源厅"]);
        assert_eq!(units(&clauses[3]), ["省能源局", "省住房城乡建设厅"]);
    }

    /// A task two clauses share (labels restarting in each section), or one
    /// only held in titles too short to tell, names no clause; a 序号
    /// written as a label picks the clause with that label among them, and
    /// one that is not the matched clause's label vetoes the match.
    #[test]
    fn an_ambiguous_row_gives_nothing() {
        let mut clauses = vec![
            titled("一", "加强组织领导", &[]),
            titled("二", "强化要素保障", &[]),
            titled("一", "加强组织领导", &[]),
            titled("二", "强化要素保障", &[]),
            titled("三", "推进数字乡村建设", &[]),
        ];
        let t = table(vec![
            row(&["序号", "工作任务", "责任单位"]),
            // Two clauses have this title, and the 序号 does not say which.
            row(&["1", "加强组织领导", "市委办公室"]),
            // A bare number picking among equal titles: 2 is 二, but both
            // clauses labelled 二 have it.
            row(&["2", "强化要素保障", "市发展改革委"]),
            // Names none (held-in needs six chars: 数字乡村 is too short).
            row(&["3", "数字乡村", "市农业农村局"]),
            // The 序号 says (一), the title is (三)'s: no guess.
            row(&["（一）", "推进数字乡村建设", "市网信办"]),
        ]);
        units_from_task_tables(&mut clauses, &[&t]);
        for c in &clauses {
            assert!(
                c.responsible_units.is_empty(),
                "{}: {:?}",
                c.title,
                c.responsible_units
            );
        }
        // A 序号 label picking one clause among equal titles.
        let mut clauses = vec![
            titled("一", "加强组织领导", &[]),
            titled("二", "加强组织领导", &[]),
        ];
        let t = table(vec![
            row(&["序号", "重点任务", "牵头单位"]),
            row(&["（二）", "加强组织领导", "市委办公室"]),
        ]);
        units_from_task_tables(&mut clauses, &[&t]);
        assert!(clauses[0].responsible_units.is_empty());
        assert_eq!(units(&clauses[1]), ["市委办公室"]);
    }

    /// A clause that states its units keeps them, and a table naming it
    /// restates the text: it gives no clause units. A table whose tasks
    /// are mostly not clauses gives none either, though one task matches.
    #[test]
    fn a_clause_with_its_own_statement_keeps_it() {
        let mut clauses = vec![
            titled("一", "加大资金支持力度", &["市财政局", "市国资委"]),
            titled("二", "强化安全监管", &[]),
        ];
        let t = table(vec![
            row(&["序号", "重点任务", "牵头单位", "配合单位"]),
            row(&["1", "加大资金支持力度", "市金融办", "市税务局"]),
            row(&["2", "强化安全监管", "市应急管理局", ""]),
        ]);
        units_from_task_tables(&mut clauses, &[&t]);
        assert_eq!(units(&clauses[0]), ["市财政局", "市国资委"]);
        assert!(clauses[1].responsible_units.is_empty());
        let mut clauses = vec![
            titled("一", "支持民营企业创新发展", &[]),
            titled("二", "引导民营企业规范发展", &[]),
        ];
        let t = table(vec![
            row(&["序号", "工作任务", "责任单位"]),
            row(&["1", "支持民营企业创新发展，培育专精特新企业", "市科技局"]),
            row(&["2", "开展法治体检", "市司法局"]),
            row(&["3", "落实降低企业用电成本政策", "市发展改革委"]),
        ]);
        units_from_task_tables(&mut clauses, &[&t]);
        assert!(clauses.iter().all(|c| c.responsible_units.is_empty()));
    }

    /// A section's row names no clause; a row whose 序号 and task cells are
    /// empty goes on with the task above.
    #[test]
    fn section_rows_and_continued_rows() {
        let mut clauses = vec![
            titled("一", "加大资金支持力度", &[]),
            titled("二", "强化安全监管", &[]),
        ];
        let t = table(vec![
            row(&["序号", "重点任务", "牵头单位", "配合单位"]),
            row(&["一、保障措施", "", "", ""]),
            row(&["1", "加大资金支持力度", "市财政局", "市税务局"]),
            row(&["2", "强化安全监管", "市应急管理局", ""]),
            row(&["", "", "", "市公安局"]),
        ]);
        units_from_task_tables(&mut clauses, &[&t]);
        assert_eq!(units(&clauses[0]), ["市财政局", "市税务局"]);
        assert_eq!(units(&clauses[1]), ["市应急管理局", "市公安局"]);
    }

    #[test]
    fn names_on_lines_of_their_own_in_a_cell_are_a_list() {
        assert_eq!(
            cell_list("国网宜春供电公司 市城管局"),
            "国网宜春供电公司、市城管局"
        );
        assert_eq!(
            cell_list("市委组织部（市委人才办） 市人社局"),
            "市委组织部（市委人才办）、市人社局"
        );
        // Letter-spaced, or already a list: as written.
        assert_eq!(cell_list("市 财 政 局"), "市 财 政 局");
        assert_eq!(cell_list("市财政局、市税务局"), "市财政局、市税务局");
    }

    #[test]
    fn a_header_with_a_task_and_a_unit_column_makes_a_task_table() {
        let rows = vec![
            row(&["某市重点任务分工表", "", "", ""]),
            row(&["序号", "重点任务", "牵头单位", "责任单位"]),
            row(&["1", "推行一网通办。", "市数据局", "各县（市、区）政府"]),
        ];
        assert_eq!(
            columns(&rows),
            Some(Columns {
                header: 1,
                number: Some(0),
                section: None,
                task: 1,
                units: vec![(2, true), (3, false)],
                list: false,
            })
        );
        // An indicator table (指标, 目标值, 数据来源) is no task table.
        let indicators = vec![
            row(&["指标", "2025年目标", "责任单位"]),
            row(&["研发投入强度", "3%", "市科技局"]),
        ];
        assert_eq!(columns(&indicators), None);
        // A policy list names each policy before saying what it gives
        // (held-out H3): the name is the task.
        let policies = vec![
            row(&["序号", "政策名称", "政策内容", "兑现标准", "责任单位"]),
            row(&[
                "1",
                "企业研发投入补助",
                "对研发费用增长部分给予补助。",
                "最高100万元",
                "市科技局",
            ]),
        ];
        assert_eq!(columns(&policies).map(|c| c.task), Some(1));
    }

    #[test]
    fn a_task_cell_s_own_number_is_its_label() {
        assert_eq!(
            own_number("1.培育外贸龙头企业"),
            Some(("1".into(), "培育外贸龙头企业".into()))
        );
        assert_eq!(
            own_number("（12）完善服务"),
            Some(("12".into(), "完善服务".into()))
        );
        assert_eq!(own_number("培育外贸龙头企业"), None);
        assert_eq!(own_number("3."), None);
        // A section's heading is no task number.
        assert_eq!(own_number("一、稳定外贸"), None);
    }

    /// A cell `A牵头，B、C，D配合` gives A, B, C, D, A the lead.
    #[test]
    fn role_words_in_a_unit_cell_are_dropped() {
        let header = row(&["重点任务", "责任单位"]);
        let r = row(&[
            "1.培育外贸龙头企业",
            "省商务厅牵头，省财政厅、长沙海关，各市州人民政府配合",
        ]);
        let (units, leads) = row_units(&r, &header, &[(1, false)]);
        assert_eq!(
            units,
            ["省商务厅", "省财政厅", "长沙海关", "各市州人民政府"]
        );
        assert_eq!(leads, ["省商务厅"]);
    }

    #[test]
    fn unit_cells_read_as_statements() {
        let header = row(&["序号", "工作措施", "牵头单位", "配合单位"]);
        let r = row(&[
            "3",
            "设立产业基金",
            "市财政局、市发展改革委",
            "市科技局等市直有关部门，各县（市、区）政府",
        ]);
        let (units, leads) = row_units(&r, &header, &[(2, true), (3, false)]);
        assert_eq!(
            units,
            ["市财政局", "市发展改革委", "市科技局", "各县（市、区）政府"]
        );
        assert_eq!(leads, ["市财政局", "市发展改革委"]);
    }

    /// A section row naming its lead units (`（由区经信局牵头实施）`) gives
    /// them to the section, its title stopping before them; a unit cell's
    /// `<br>` separates names.
    #[test]
    fn a_section_row_states_its_lead_units() {
        let md = "# 某区2025年工作要点任务分解\n\n\
| 序号 | 工作任务 | 牵头单位 | 配合单位 |\n\
| --- | --- | --- | --- |\n\
| **一、优化服务**（由区经信局牵头实施） |  |  |  |\n\
| 1 | 建设企业服务中心。 | 区数据局 | 区住建局<br>区市场监管局 |\n\
| 2 | 推进政策直达。 | 区财政局 | 区经信局 |\n";
        let raw = crate::fetch::RawDocument::from_bytes("tasks.md", md.as_bytes().to_vec());
        let n = crate::extract(&raw, &crate::Config::default()).expect("extract");
        let sections: Vec<(&str, Vec<&str>)> = n
            .sections
            .iter()
            .map(|s| {
                (
                    s.title.as_str(),
                    s.lead_units.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(sections, [("优化服务", vec!["区经信局"])]);
        assert_eq!(
            n.clauses[0].responsible_units,
            ["区数据局", "区住建局", "区市场监管局"]
        );
    }

    /// A section row that sets its numeral in the 序号 column and its
    /// title in the task cell, no unit named (a sheet's `一、` | title
    /// merged across, held-out N3), is a heading; the task rows under it,
    /// numbered `（一）`, are its clauses.
    #[test]
    fn a_numeral_in_the_number_column_over_a_title_is_a_heading() {
        let md = "# 某市养老服务实施方案重点任务分工表\n\n\
| 序号 | 重点任务 | 主要内容 | 牵头单位 | 配合单位 |\n\
| --- | --- | --- | --- | --- |\n\
| 一、 | 健全养老服务网络 |  |  |  |\n\
| （一） | 完善社区养老设施 | 补助最高50万元。 | 市民政局 | 市财政局 |\n\
| 二、 | 推进医养康养融合 |  |  |  |\n\
| （二） | 发展嵌入式服务 | 覆盖率90%以上。 | 市卫生健康委 | 市民政局 |\n";
        let (sections, clauses) = outline_of("tasks.md", md);
        assert_eq!(
            sections,
            [
                ("一".to_string(), "健全养老服务网络".to_string()),
                ("二".to_string(), "推进医养康养融合".to_string())
            ]
        );
        assert_eq!(
            clauses,
            [
                ("一".to_string(), Some(1), "完善社区养老设施".to_string()),
                ("二".to_string(), Some(2), "发展嵌入式服务".to_string()),
            ]
        );
    }

    /// A task column merged down over groups of the next task column's
    /// rows, its 序号 merged with it (a sheet's `1` | `提升政务服务效能`
    /// over three 具体举措): the groups are the sections, each 具体举措 a
    /// clause of its own. The same 序号 with tasks of their own in one
    /// column stays one task broken over rows.
    #[test]
    fn a_task_column_merged_over_groups_makes_the_sections() {
        let md = "# 某市任务清单\n\n\
| 序号 | 重点任务 | 具体举措 | 责任单位 |\n\
| --- | --- | --- | --- |\n\
| 1 | 提升政务服务效能 | 深化一件事改革。新增20项。 | 市政务服务中心 |\n\
| 1 | 提升政务服务效能 | 推进免申即享。兑现8亿元。 | 市财政局 |\n\
| 2 | 降低企业经营成本 | 降低用地成本。按70%确定。 | 市自然资源和规划局 |\n";
        let (sections, clauses) = outline_of("tasks.md", md);
        assert_eq!(
            sections.iter().map(|s| s.1.as_str()).collect::<Vec<_>>(),
            ["提升政务服务效能", "降低企业经营成本"]
        );
        assert_eq!(
            clauses
                .iter()
                .map(|c| (c.1, c.2.as_str()))
                .collect::<Vec<_>>(),
            [
                (Some(1), "深化一件事改革"),
                (Some(1), "推进免申即享"),
                (Some(2), "降低用地成本")
            ]
        );
        // Under heading rows the merged cell is a task over rows.
        let headed = md.replace(
            "| --- | --- | --- | --- |\n",
            "| --- | --- | --- | --- |\n| 一、优化环境 |  |  |  |\n",
        );
        let (sections, clauses) = outline_of("tasks.md", &headed);
        assert_eq!(sections.len(), 1, "{sections:?}");
        assert_eq!(clauses.len(), 2, "{clauses:?}");
        // A 序号 apart from the groups: no group column.
        let apart = md.replace(
            "| 1 | 提升政务服务效能 | 推进",
            "| 2 | 提升政务服务效能 | 推进",
        );
        let (sections, _) = outline_of("tasks.md", &apart);
        assert!(sections.is_empty(), "{sections:?}");
    }

    /// A task column whose cells are all section headings (merged down,
    /// so each row shows its section's) before the tasks' own column makes
    /// the sections; each task row is a clause in its section, titled by
    /// the tasks' column. A task column of tasks stays the task column.
    #[test]
    fn a_column_of_section_headings_makes_the_sections() {
        let md = "# 某市重点任务分工表\n\n\
| 序号 | 重点任务 | 工作任务 | 具体内容 | 牵头单位 | 配合单位 |\n\
| --- | --- | --- | --- | --- | --- |\n\
| 1 | 一、完善商业网络 | 改造县城商业中心 | 补助20%。 | 市商务局 | 市财政局 |\n\
| 2 | 一、完善商业网络 | 建设乡镇商贸中心 | 覆盖率90%以上。 | 市商务局 | 各县（市、区）政府 |\n\
| 3 | 二、强化资金监管 | 规范资金使用 | 不超过1%。 | 市财政局 | — |\n";
        let raw = crate::fetch::RawDocument::from_bytes("tasks.md", md.as_bytes().to_vec());
        let n = crate::extract(&raw, &crate::Config::default()).expect("extract");
        let sections: Vec<(&str, &str)> = n
            .sections
            .iter()
            .map(|s| (s.label.as_str(), s.title.as_str()))
            .collect();
        assert_eq!(sections, [("一", "完善商业网络"), ("二", "强化资金监管")]);
        let clauses: Vec<(&str, Option<u32>, &str)> = n
            .clauses
            .iter()
            .map(|c| (c.label.as_str(), c.section, c.title.as_str()))
            .collect();
        assert_eq!(
            clauses,
            [
                ("1", Some(1), "改造县城商业中心"),
                ("2", Some(1), "建设乡镇商贸中心"),
                ("3", Some(2), "规范资金使用"),
            ]
        );
        let rows =
            |cells: &[&[&str]]| -> Vec<Vec<String>> { cells.iter().map(|r| row(r)).collect() };
        // 重点任务 holding tasks, not headings, beside 具体措施.
        let tasks = rows(&[
            &["序号", "重点任务", "具体措施", "责任单位"],
            &["1", "稳定和扩大就业", "实施帮扶行动", "市人力社保局"],
        ]);
        let cols = columns(&tasks).expect("a task table");
        assert_eq!((cols.section, cols.task), (None, 1));
    }

    /// A notice's sections (label, title) and clauses (label, section,
    /// title).
    type Outline = (Vec<(String, String)>, Vec<(String, Option<u32>, String)>);

    fn outline_of(name: &str, input: &str) -> Outline {
        let raw = crate::fetch::RawDocument::from_bytes(name, input.as_bytes().to_vec());
        let n = crate::extract(&raw, &crate::Config::default()).expect("extract");
        let sections = n
            .sections
            .iter()
            .map(|s| (s.label.clone(), s.title.clone()))
            .collect();
        let clauses = n
            .clauses
            .iter()
            .map(|c| (c.label.clone(), c.section, c.title.clone()))
            .collect();
        (sections, clauses)
    }

    /// A header of two rows (cells merged down repeat in the second) is
    /// no task; the grand total after the tasks, notes only below it, is
    /// the whole table's: its money is in no section.
    #[test]
    fn a_second_header_row_and_the_grand_total_are_no_task() {
        let md = "# 某市2025年专项资金分配表\n\n\
| 序号 | 项目类别 | 资金安排 |  | 责任单位 |\n\
| --- | --- | --- | --- | --- |\n\
| 序号 | 项目类别 | 补助标准（万元） | 分配金额（万元） | 责任单位 |\n\
| 一、乡村特色产业 |  |  | 440 |  |\n\
| 1 | 农业产业强镇 | 省级50；市级20 | 260 | 市农业农村局 |\n\
| 2 | 示范村镇 | 10—30 | 180 | 市农业农村局 |\n\
| 合计 |  |  | 2640 |  |\n\
| 注：补助标准为区间的，按评审结果确定。 |  |  |  |  |\n";
        assert_eq!(
            outline_of("two-rows.md", md).1,
            vec![
                ("1".to_string(), Some(1), "农业产业强镇".to_string()),
                ("2".to_string(), Some(1), "示范村镇".to_string()),
            ]
        );
        let raw = crate::fetch::RawDocument::from_bytes("two-rows.md", md.as_bytes().to_vec());
        let n = crate::extract(&raw, &crate::Config::default()).expect("extract");
        let total = n.amounts.iter().find(|a| a.value == 26_400_000.0);
        assert_eq!(total.map(|a| (a.section, a.clause)), Some((None, None)));
        let subtotal = n.amounts.iter().find(|a| a.value == 4_400_000.0);
        assert_eq!(
            subtotal.map(|a| (a.section, a.clause)),
            Some((Some(1), None))
        );
    }

    /// A numbered list under heading rows names no units, yet is the
    /// outline: a 政策兑现清单 (headings merged across) or a 项目分配表
    /// (each heading with its group's subtotal). Without a heading row, a
    /// numbered table is data, no outline (a 资金分配表 by district).
    #[test]
    fn a_numbered_list_under_headings_is_an_outline() {
        let md = "# 某县2025年度惠企政策兑现清单\n\n\
| 序号 | 政策条款 | 兑现标准 | 补助比例 | 受理部门 |\n\
| --- | --- | --- | --- | --- |\n\
| 一、科技创新类 |  |  |  |  |\n\
| 1 | 高新技术企业认定奖励 | 给予20万元奖励。 |  | 县科技局 |\n\
| 2 | 企业研发费用补助 | 按增量给予补助，最高不超过100万元。 | 10% | 县科技局 |\n\
| 二、工业发展类 |  | 735 |  |  |\n\
| 3 | 技术改造项目补助 | 单个项目不超过200万元。 | 12.5% | 县工信局 |\n";
        assert_eq!(
            outline_of("list.md", md),
            (
                vec![
                    ("一".to_string(), "科技创新类".to_string()),
                    ("二".to_string(), "工业发展类".to_string())
                ],
                vec![
                    ("1".to_string(), Some(1), "高新技术企业认定奖励".to_string()),
                    ("2".to_string(), Some(1), "企业研发费用补助".to_string()),
                    ("3".to_string(), Some(2), "技术改造项目补助".to_string()),
                ]
            )
        );
        let data = "# 某县2025年度补助资金分配表\n\n\
| 序号 | 区（县） | 金额（万元） |\n\
| --- | --- | --- |\n\
| 1 | 甲区 | 917 |\n\
| 2 | 乙区 | 1107.5 |\n";
        assert_eq!(outline_of("data.md", data), (vec![], vec![]));
        // A sheet's groups numbered bare, each with its subtotal, over
        // projects with their units (a 项目安排表): the groups are
        // sections, the total no task. By district without units, data.
        let projects = "# 某县2025年度补助资金项目安排表\n\n\
| 序号 | 项目名称 | 补助资金（万元） | 责任单位 |\n\
| --- | --- | --- | --- |\n\
|  | 合计 | 730 |  |\n\
| 一 | 产业发展类 | 730 |  |\n\
| 1 | 茶园提质增效项目 | 320 | 甲镇人民政府 |\n\
| 2 | 食用菌产业园扩建项目 | 410 | 乙乡人民政府 |\n";
        assert_eq!(
            outline_of("projects.md", projects),
            (
                vec![("一".to_string(), "产业发展类".to_string())],
                vec![
                    ("1".to_string(), Some(1), "茶园提质增效项目".to_string()),
                    ("2".to_string(), Some(1), "食用菌产业园扩建项目".to_string()),
                ]
            )
        );
        let districts = "# 某省2025年补助资金分配表\n\n\
| 序号 | 地区 | 分配资金合计 | 省级资金 |\n\
| --- | --- | --- | --- |\n\
|  | 合计 | 755.25 | 255.5 |\n\
| 一 | 甲市小计 | 755.25 | 255.5 |\n\
| 1 | 甲县 | 281.6 | 95.2 |\n\
| 2 | 乙县 | 473.65 | 160.3 |\n";
        assert_eq!(outline_of("districts.md", districts), (vec![], vec![]));
        // A total set in the 序号 column, its count merged over the rest
        // (`合计` | `共2个方面3项重点任务`): no task either.
        let tasks = "# 某市重点任务分工表\n\n\
| 序号 | 工作任务 | 责任单位 | 完成时间 |\n\
| --- | --- | --- | --- |\n\
| 一、优化政务服务 |  |  |  |\n\
| 1 | 推行一网通办 | 市数据局 | 2025年底 |\n\
| 2 | 压减审批时限 | 市行政审批局 | 2025年底 |\n\
| 二、强化要素保障 |  |  |  |\n\
| 3 | 保障重点项目用地 | 市自然资源和规划局 | 长期 |\n\
| 合计 | 共2个方面3项重点任务 |  |  |\n";
        let (sections, clauses) = outline_of("tasks.md", tasks);
        assert_eq!(sections.len(), 2);
        // Numbered notes after the list (a 填报说明) are no outline of it.
        let noted = "# 某县政策清单\n\n\
| 序号 | 政策内容 | 责任单位 |\n\
| --- | --- | --- |\n\
| 一、支持科技创新 |  |  |\n\
| 1 | 支持企业研发投入。给予补助。 | 县科技局 |\n\
| 2 | 支持成果转化。给予奖励。 | 县科技局、县经信局 |\n\n\
填报说明\n\n\
1. 本清单所列政策有效期至2025年12月31日。\n\n\
2. 同一事项符合多项政策的，按从高原则执行。\n";
        let (noted_sections, noted_clauses) = outline_of("noted.md", noted);
        assert_eq!(
            noted_sections,
            vec![("一".to_string(), "支持科技创新".to_string())]
        );
        assert_eq!(
            noted_clauses
                .iter()
                .map(|c| (c.0.as_str(), c.1))
                .collect::<Vec<_>>(),
            [("1", Some(1)), ("2", Some(1))]
        );
        // A category column before the tasks', its headings merged down
        // (repeated in each row): the sections.
        let listed = "# 某区惠企政策兑现清单\n\n\
| 序号 | 政策类别 | 政策事项 | 责任单位 |\n\
| --- | --- | --- | --- |\n\
| 1 | 一、科技创新 | 高新技术企业认定奖励 | 区科技局 |\n\
| 2 | 一、科技创新 | 企业研发投入补助 | 区科技局、区财政局 |\n\
| 3 | 二、先进制造 | 技术改造项目补助 | 区经发局 |\n";
        assert_eq!(
            outline_of("listed.md", listed),
            (
                vec![
                    ("一".to_string(), "科技创新".to_string()),
                    ("二".to_string(), "先进制造".to_string())
                ],
                vec![
                    ("1".to_string(), Some(1), "高新技术企业认定奖励".to_string()),
                    ("2".to_string(), Some(1), "企业研发投入补助".to_string()),
                    ("3".to_string(), Some(2), "技术改造项目补助".to_string()),
                ]
            )
        );
        assert_eq!(
            clauses.iter().map(|c| c.0.as_str()).collect::<Vec<_>>(),
            ["1", "2", "3"]
        );
    }

    /// A list kept as one table per category, each under its heading
    /// (a workbook's sheets: `一、消费提振类（牵头单位：…）` above the
    /// header): the headings are the sections, with their lead units, and
    /// the rows their clauses; the headings are no clauses of their own.
    #[test]
    fn a_heading_above_each_table_opens_its_section() {
        let md = "# 某市2025年稳增长政策措施清单\n\n\
一、消费提振类（牵头单位：市商务局）\n\n\
| 序号 | 政策措施 | 具体内容 | 责任单位 |\n\
| --- | --- | --- | --- |\n\
| 1 | 汽车以旧换新补贴 | 每辆补贴15000元。 | 市商务局、市财政局 |\n\
| 2 | 发放消费券 | 安排资金5000万元。 | 市商务局 |\n\n\
二、外贸稳进类（牵头单位：市商务局、某州海关）\n\n\
| 序号 | 政策措施 | 具体内容 | 责任单位 |\n\
| --- | --- | --- | --- |\n\
| 1 | 支持企业开拓国际市场 | 按展位费的70%给予补助。 | 市商务局 |\n";
        let raw = crate::fetch::RawDocument::from_bytes("list.md", md.as_bytes().to_vec());
        let n = crate::extract(&raw, &crate::Config::default()).expect("extract");
        let sections: Vec<(&str, &[String])> = n
            .sections
            .iter()
            .map(|s| (s.title.as_str(), s.lead_units.as_slice()))
            .collect();
        assert_eq!(
            sections,
            vec![
                ("消费提振类", &["市商务局".to_string()][..]),
                (
                    "外贸稳进类",
                    &["市商务局".to_string(), "某州海关".to_string()][..]
                ),
            ]
        );
        let clauses: Vec<(Option<u32>, &str, &str)> = n
            .clauses
            .iter()
            .map(|c| (c.section, c.label.as_str(), c.title.as_str()))
            .collect();
        assert_eq!(
            clauses,
            vec![
                (Some(1), "1", "汽车以旧换新补贴"),
                (Some(1), "2", "发放消费券"),
                (Some(2), "1", "支持企业开拓国际市场"),
            ]
        );
    }

    /// In a table without 序号, a section's row merged across (a pipe
    /// table's row of one cell, a page's `colspan`) has its text in the
    /// task column: it opens a section when it reads `一、…` and the tasks
    /// do not; the header again where the table goes on is no task.
    #[test]
    fn a_lone_heading_in_the_task_column_is_a_section() {
        let want_sections = vec![
            ("一".to_string(), "稳增长".to_string()),
            ("二".to_string(), "惠民生".to_string()),
        ];
        let want_clauses = vec![
            ("1".to_string(), Some(1), "建设人才创新港".to_string()),
            ("2".to_string(), Some(1), "改造老旧小区".to_string()),
            ("3".to_string(), Some(2), "新增学位3000个".to_string()),
        ];
        let md = "# 某县2025年重点工作任务台账\n\n\
| 工作任务 | 责任单位 | 完成时限 |\n\
| --- | --- | --- |\n\
| 一、稳增长 |  |  |\n\
| 1.建设人才创新港。 | 县委组织部 | 年底前 |\n\
| 2.改造老旧小区。 | 县住建局 | 年底前 |\n\
| 工作任务 | 责任单位 | 完成时限 |\n\
| 二、惠民生 |  |  |\n\
| 3.新增学位3000个。 | 县教育局 | 9月底前 |\n";
        assert_eq!(
            outline_of("tasks.md", md),
            (want_sections.clone(), want_clauses.clone())
        );
        let html = "<html><head><title>某县2025年重点工作任务台账</title></head><body>\
<h1>某县2025年重点工作任务台账</h1><table>\
<tr><td>工作任务</td><td>责任单位</td><td>完成时限</td></tr>\
<tr><td colspan=\"3\">一、稳增长</td></tr>\
<tr><td>1.建设人才创新港。</td><td>县委组织部</td><td>年底前</td></tr>\
<tr><td>2.改造老旧小区。</td><td>县住建局</td><td>年底前</td></tr>\
<tr><td colspan=\"3\">二、惠民生</td></tr>\
<tr><td>3.新增学位3000个。</td><td>县教育局</td><td>9月底前</td></tr>\
</table></body></html>";
        assert_eq!(
            outline_of("tasks.html", html),
            (want_sections, want_clauses)
        );
    }

    /// A section's row merged across that the dump lays out in every cell
    /// it covers (the same text in 序号, task and unit cells), bold or not,
    /// opens a section; tasks numbered as sections are not (`一、…` with
    /// its units).
    #[test]
    fn a_heading_repeated_across_its_row_is_a_section() {
        let md = "# 某市2026年营商环境重点任务清单\n\n\
| 序号 | 重点任务 | 牵头单位 | 配合单位 |\n\
| --- | --- | --- | --- |\n\
| **一、优化政务服务** | **一、优化政务服务** | **一、优化政务服务** | **一、优化政务服务** |\n\
| 1 | 推行证照联办。 | 市数据局 | 市市场监管局 |\n\
| 2 | 压减审批时限。 | 市审批局 |  |\n\
| 二、强化要素保障 | 二、强化要素保障 | 二、强化要素保障 | 二、强化要素保障 |\n\
| 3 | 保障用地需求。 | 市自然资源局 | 各区政府 |\n";
        let (sections, clauses) = outline_of("tasks.md", md);
        assert_eq!(
            sections,
            [
                ("一".to_string(), "优化政务服务".to_string()),
                ("二".to_string(), "强化要素保障".to_string())
            ]
        );
        assert_eq!(
            clauses,
            [
                ("1".to_string(), Some(1), "推行证照联办".to_string()),
                ("2".to_string(), Some(1), "压减审批时限".to_string()),
                ("3".to_string(), Some(2), "保障用地需求".to_string()),
            ]
        );
    }

    /// A header over two rows: `责任单位` merged across `牵头单位 | 配合单位`,
    /// the other names merged down (repeated below): both unit columns
    /// give units, the lead's first.
    #[test]
    fn unit_columns_named_on_a_headers_second_row() {
        let md = "# 某市重点任务分工表\n\n\
| 序号 | 具体措施 | 责任单位 |  | 完成时限 |\n\
| --- | --- | --- | --- | --- |\n\
| 序号 | 具体措施 | 牵头单位 | 配合单位 | 完成时限 |\n\
| 1 | 设立专项资金。 | 市财政局 | 市工信局、市发改委 | 长期 |\n\
| 2 | 开展担保降费。 | 市财政局 | 市金融局 | 2025年底 |\n";
        let record = crate::extract(
            &crate::fetch::RawDocument::from_bytes("t.md", md.as_bytes().to_vec()),
            &crate::Config::default(),
        )
        .unwrap();
        let units: Vec<Vec<String>> = record
            .clauses
            .iter()
            .map(|c| c.responsible_units.clone())
            .collect();
        assert_eq!(
            units,
            [
                vec!["市财政局", "市工信局", "市发改委"],
                vec!["市财政局", "市金融局"]
            ]
        );
    }

    /// A policy's clauses set in a list's cells keep their labels
    /// (`（一）支持项目建设提速。…`): the title is the text after it.
    #[test]
    fn a_task_cell_opening_with_a_clause_label_is_titled_after_it() {
        let md = "# 某县政策清单\n\n\
| 序号 | 政策内容 | 责任单位 |\n\
| --- | --- | --- |\n\
| 1 | （一）支持项目建设提速。单个项目最高200万元。 | 县发展改革局 |\n\
| 2 | （二）鼓励企业技术改造。按设备投资的8%给予补助。 | 县工信局 |\n";
        let (_, clauses) = outline_of("list.md", md);
        assert_eq!(
            clauses,
            [
                ("1".to_string(), None, "支持项目建设提速".to_string()),
                ("2".to_string(), None, "鼓励企业技术改造".to_string()),
            ]
        );
    }

    /// A 项目清单 names no task column (`支持方向`) but units: its column of
    /// sections (`一、…（牵头单位：…）` repeated down its rows) makes the
    /// sections, the next column names the rows.
    #[test]
    fn a_column_of_sections_before_an_unnamed_one_of_tasks() {
        let md = "# 某市专项资金支持项目清单\n\n\
| 序号 | 项目类别 | 支持方向 | 支持标准 | 责任单位 |\n\
| --- | --- | --- | --- | --- |\n\
| 1 | 一、数字化转型（牵头单位：市经信局） | 智能化技术改造项目 | 最高500万元。 | 市经信局、市财政局 |\n\
| 2 | 一、数字化转型（牵头单位：市经信局） | 工业互联网平台 | 最高200万元。 | 市数据局 |\n\
| 3 | 二、绿色低碳发展（牵头单位：市发改委） | 绿色工厂创建 | 奖励50万元。 | 市经信局 |\n";
        let (sections, clauses) = outline_of("list.md", md);
        assert_eq!(
            sections,
            [
                ("一".to_string(), "数字化转型".to_string()),
                ("二".to_string(), "绿色低碳发展".to_string())
            ]
        );
        assert_eq!(
            clauses,
            [
                ("1".to_string(), Some(1), "智能化技术改造项目".to_string()),
                ("2".to_string(), Some(1), "工业互联网平台".to_string()),
                ("3".to_string(), Some(2), "绿色工厂创建".to_string()),
            ]
        );
    }

    /// Tasks numbered `一、`, `二、`: one whose unit cell is empty is a task
    /// still, not a section's heading.
    #[test]
    fn a_lone_task_numbered_as_the_tasks_are_stays_a_task() {
        let md = "# 某县2025年重点工作任务分解\n\n\
| 重点任务 | 责任单位 |\n\
| --- | --- |\n\
| 一、建设企业服务中心。 | 县数据局 |\n\
| 二、推进政策直达。 |  |\n\
| 三、优化审批服务。 | 县审批局 |\n";
        let (sections, clauses) = outline_of("tasks.md", md);
        assert!(sections.is_empty(), "{sections:?}");
        let titles: Vec<&str> = clauses.iter().map(|c| c.2.as_str()).collect();
        assert_eq!(
            titles,
            [
                "一、建设企业服务中心",
                "二、推进政策直达",
                "三、优化审批服务"
            ]
        );
    }

    #[test]
    fn a_row_without_its_number_goes_on_with_the_task_above() {
        let md = "# 某县2025年重点工作任务分解\n\n\
| 序号 | 工作任务 | 牵头单位 | 责任单位 |\n\
| --- | --- | --- | --- |\n\
| **一、稳增长** |  |  |  |\n\
| 1 | 建设人才创新港，引进人才500名， | 县委组织部 | 县人力社保局 |\n\
|  | 新建人才公寓1000套。 |  | 县住建局，县人力社保局 |\n\
| 2 | 改造老旧小区12个。 | 县住建局 | 武康街道 |\n\
| **二、惠民生** |  |  |  |\n\
|  | 新增学位3000个。 | 县教育局 | 县财政局 |\n";
        let raw = crate::fetch::RawDocument::from_bytes("tasks.md", md.as_bytes().to_vec());
        let n = crate::extract(&raw, &crate::Config::default()).expect("extract");
        let got: Vec<(u32, Option<u32>, &str, Vec<&str>)> = n
            .clauses
            .iter()
            .map(|c| {
                let units = c.responsible_units.iter().map(String::as_str).collect();
                (c.number, c.section, c.title.as_str(), units)
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    1,
                    Some(1),
                    "建设人才创新港，引进人才500名，新建人才公寓1000套",
                    vec!["县委组织部", "县人力社保局", "县住建局"]
                ),
                (2, Some(1), "改造老旧小区12个", vec!["县住建局", "武康街道"]),
                // After a heading an unnumbered row is a task of its own.
                (3, Some(2), "新增学位3000个", vec!["县教育局", "县财政局"]),
            ]
        );
    }
}
