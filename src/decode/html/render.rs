//! The renderer: an element's text as lines (blocks and `<br>` end a
//! line, table cells are joined by a space, white space is collapsed),
//! with the tables of data and the attachment links among them.

use ego_tree::NodeRef;
use scraper::{ElementRef, Node};

use super::chrome::skipped;
use super::links::is_file_link;
use super::table::{data_rows, data_table, holds_grid_part, holds_table, Cell};
use crate::decode::{collapse_space, Link, TextTable};

/// Tags that end a line (a `match`: asked of every element rendered).
fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "tr"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "table"
            | "section"
            | "article"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "hr"
            | "center"
            | "tbody"
            | "thead"
            | "header"
            | "main"
            | "figure"
            | "figcaption"
            | "address"
    )
}

/// Renders an element's text: blocks and `<br>` end lines, table cells are
/// joined by a space, white space is collapsed, empty lines dropped.
///
/// Lines only: the tables of data and the links, which never change a
/// line (a table of data ends lines where any table does), are not looked
/// for. The page's whole text and every cell of a table are rendered so.
pub fn render(e: ElementRef<'_>) -> Vec<String> {
    let mut r = Renderer::default();
    r.walk(*e);
    r.flush();
    r.lines
}

/// The text of `e` ([`render`]'s lines joined by line breaks) when the
/// lines of `inner`, an element below it, are known already (the body's):
/// when `inner` is a block (it ends lines before and after it), its
/// lines are taken as they are and its subtree is not walked again. Lines
/// of an element do not depend on the lines before it, only on the line
/// being written, which a block ends.
pub(super) fn render_text_around(
    e: ElementRef<'_>,
    inner: ElementRef<'_>,
    inner_lines: &[String],
) -> String {
    if e.id() == inner.id() {
        return inner_lines.join("\n");
    }
    let mut r = Renderer {
        splice: Some(inner.id()),
        ..Renderer::default()
    };
    r.walk(*e);
    r.flush();
    match r.spliced_at {
        None => r.lines.join("\n"),
        Some(at) => {
            let all: Vec<&str> = r.lines[..at]
                .iter()
                .chain(inner_lines)
                .chain(&r.lines[at..])
                .map(String::as_str)
                .collect();
            all.join("\n")
        }
    }
}

/// An element's lines, with the tables of data and the file links among
/// them.
#[derive(Debug, Default)]
pub(super) struct Rendered {
    pub(super) lines: Vec<String>,
    pub(super) tables: Vec<TextTable>,
    pub(super) links: Vec<Link>,
}

pub(super) fn render_body(e: ElementRef<'_>) -> Rendered {
    let mut r = Renderer {
        full: true,
        ..Renderer::default()
    };
    r.walk(*e);
    r.flush();
    Rendered {
        lines: r.lines,
        tables: r.tables,
        links: r.links,
    }
}

#[derive(Default)]
struct Renderer {
    lines: Vec<String>,
    current: String,
    tables: Vec<TextTable>,
    links: Vec<Link>,
    /// The lines each row of the open table of data became (a table of
    /// data holds no other table, so one is open at a time).
    row_lines: Vec<std::ops::Range<usize>>,
    /// Open tables that may hold data.
    data_tables: usize,
    /// The cells of the open table that may hold data, noted as its lines
    /// are written (a table holds no other one when it may hold data).
    capture: Option<Capture>,
    /// Whether the tables of data and the links are wanted besides the lines.
    full: bool,
    /// A block whose lines are known: not walked (see [`render_text_around`]).
    splice: Option<ego_tree::NodeId>,
    /// Where in `lines` the lines of `splice` go, once it was met.
    spliced_at: Option<usize>,
    /// Whether the page's style numbers list items in Chinese numerals
    /// (see [`Renderer::list_heading_label`]); asked once, when needed.
    cjk_counters: Option<bool>,
}

/// A CSS counter or list style in Chinese numerals (`counter(sec,
/// cjk-ideographic)`, `list-style-type: simp-chinese-informal`).
static CJK_LIST_STYLE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"cjk-ideographic|simp-chinese-(?:in)?formal|trad-chinese-(?:in)?formal")
        .expect("valid regex")
});

/// A heading that writes its own label (`二、…`, `3.`, `（一）`); not a
/// word that opens with a numeral (`一体化…`).
static OWN_LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^\s*(?:[一二三四五六七八九十百]+\s*[、.．]|\d|[（(第])")
        .expect("valid regex")
});

/// `n` in Chinese numerals (1 to 99: 一, 十, 十一, 二十三), as a list style
/// in Chinese numerals draws it.
fn chinese_numeral(n: usize) -> Option<String> {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => Some(DIGITS[n].to_string()),
        10..=99 => {
            let tens = if n / 10 == 1 { "" } else { DIGITS[n / 10] };
            Some(format!("{tens}十{}", DIGITS[n % 10]))
        }
        _ => None,
    }
}

impl Renderer {
    /// The label a page draws before a heading that opens an item of an
    /// ordered list whose numbers its style writes in Chinese numerals
    /// (`ol > li > h3::before { content: counter(sec, cjk-ideographic)
    /// "、" }`): the text holds only `加大企业吸纳就业支持力度`, the reader
    /// sees `一、加大企业吸纳就业支持力度`, a section's heading. None for any
    /// other element, a heading that writes its own label, or a page whose
    /// style draws no Chinese numerals.
    fn list_heading_label(&mut self, heading: ElementRef<'_>) -> Option<String> {
        if !matches!(
            heading.value().name(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
        ) {
            return None;
        }
        let item = heading.parent().and_then(ElementRef::wrap)?;
        let list = item.parent().and_then(ElementRef::wrap)?;
        if item.value().name() != "li" || list.value().name() != "ol" {
            return None;
        }
        let first_child = item.children().find_map(ElementRef::wrap)?;
        if first_child.id() != heading.id() {
            return None;
        }
        let text: String = heading.text().collect();
        if OWN_LABEL.is_match(&text) {
            return None;
        }
        let cjk = *self.cjk_counters.get_or_insert_with(|| {
            let root = heading.ancestors().last();
            root.is_some_and(|root| {
                root.descendants().filter_map(ElementRef::wrap).any(|e| {
                    let style = match e.value().name() {
                        "style" => e.text().collect::<String>(),
                        _ => e.value().attr("style").unwrap_or_default().to_string(),
                    };
                    CJK_LIST_STYLE.is_match(&style)
                })
            })
        });
        if !cjk {
            return None;
        }
        let start: usize = list
            .value()
            .attr("start")
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(1);
        let index = item
            .prev_siblings()
            .filter_map(ElementRef::wrap)
            .filter(|e| e.value().name() == "li")
            .count();
        chinese_numeral(start + index).map(|n| format!("{n}、"))
    }

    fn flush(&mut self) {
        let line = collapse_space(&self.current);
        if let Some(cell) = self.capture.as_mut().and_then(|c| c.cell.as_mut()) {
            // The cell's own part of the line: all of it when the cell
            // started it.
            let part = if cell.from == 0 {
                line.clone()
            } else {
                collapse_space(&self.current[cell.from..])
            };
            if !part.is_empty() {
                cell.lines.push(part);
            }
            cell.from = 0;
        }
        if !line.is_empty() {
            self.lines.push(line);
        }
        self.current.clear();
    }

    /// Renders the children of `node`. Without recursion (see
    /// `body::count_content`): an explicit stack of what is left to do, in
    /// reverse order.
    fn walk(&mut self, node: NodeRef<'_, Node>) {
        let mut todo: Vec<Step<'_>> = node.children().rev().map(Step::Enter).collect();
        while let Some(step) = todo.pop() {
            let child = match step {
                Step::Enter(child) => child,
                Step::Leave { cell, block } => {
                    if cell {
                        self.current.push(' ');
                    }
                    if block {
                        self.flush();
                    }
                    continue;
                }
                Step::LeaveRow { start } => {
                    self.flush();
                    if let Some(c) = self.capture.as_mut() {
                        c.row_open = false;
                    }
                    // A row of empty cells writes no line and is no row of
                    // the table's (see `data_table`).
                    if self.lines.len() > start {
                        self.row_lines.push(start..self.lines.len());
                    }
                    continue;
                }
                Step::LeaveCell(c) => {
                    if let Some(capture) = self.capture.as_mut() {
                        if let Some(mut cell) = capture.cell.take() {
                            let part = collapse_space(&self.current[cell.from..]);
                            if !part.is_empty() {
                                cell.lines.push(part);
                            }
                            let cell = Cell::new(c, cell.lines.join(" "));
                            match capture.rows.last_mut() {
                                Some(row) if capture.row_open => row.push(cell),
                                _ => capture.irregular = true,
                            }
                        }
                    }
                    continue;
                }
                Step::LeaveTable { start, table } => {
                    self.flush();
                    self.data_tables -= 1;
                    let row_lines = std::mem::take(&mut self.row_lines);
                    let rows = match self.capture.take() {
                        Some(c) if !c.irregular => data_rows(c.rows),
                        _ => data_table(table),
                    };
                    let end = self.lines.len();
                    if let Some(rows) = rows.filter(|_| end > start) {
                        // Rows of one line each need no ranges; ranges that
                        // do not match the rows are not kept.
                        let one_each = row_lines.iter().all(|r| r.len() == 1);
                        let row_paragraphs = if row_lines.len() == rows.len() && !one_each {
                            row_lines
                                .into_iter()
                                .map(|r| r.start - start..r.end - start)
                                .collect()
                        } else {
                            Vec::new()
                        };
                        self.tables.push(TextTable {
                            paragraphs: start..end,
                            rows,
                            row_paragraphs,
                        });
                    }
                    continue;
                }
            };
            match child.value() {
                Node::Text(t) => self.current.push_str(t),
                Node::Element(el) => {
                    let r = ElementRef::wrap(child).expect("element node");
                    if skipped(&r) {
                        if let Some(c) = self.capture.as_mut() {
                            // The cells of a table are every `td` below
                            // its rows, read or not (`data_table`).
                            c.irregular |= holds_grid_part(r);
                        }
                        continue;
                    }
                    let name = el.name();
                    if self.splice == Some(child.id()) && is_block_tag(name) {
                        self.flush();
                        self.spliced_at = Some(self.lines.len());
                        continue;
                    }
                    if name == "table" && self.full && !holds_table(r) {
                        // Its cells are noted as its lines are written;
                        // whether it holds data is known at its end.
                        self.flush();
                        let start = self.lines.len();
                        self.data_tables += 1;
                        self.row_lines.clear();
                        self.capture = Some(Capture::default());
                        todo.push(Step::LeaveTable { start, table: r });
                        todo.extend(child.children().rev().map(Step::Enter));
                        continue;
                    }
                    if name == "a" && self.full {
                        if let Some(href) = el.attr("href") {
                            let text = collapse_space(&r.text().collect::<String>());
                            if is_file_link(href, &text) {
                                self.links.push(Link {
                                    text,
                                    url: href.trim().to_string(),
                                });
                            }
                        }
                    }
                    let block = is_block_tag(name);
                    if block {
                        self.flush();
                    }
                    if let Some(label) = self.list_heading_label(r) {
                        self.current.push_str(&label);
                    }
                    let cell = matches!(name, "td" | "th");
                    if cell && !self.current.trim().is_empty() {
                        self.current.push(' ');
                    }
                    if name == "tr" && self.data_tables > 0 {
                        // Below the row's own Leave on the stack: popped
                        // after it, when the row's lines are written.
                        todo.push(Step::LeaveRow {
                            start: self.lines.len(),
                        });
                    }
                    todo.push(Step::Leave { cell, block });
                    if let Some(c) = self.capture.as_mut() {
                        if name == "tr" {
                            c.irregular |= c.row_open || c.cell.is_some();
                            c.rows.push(Vec::new());
                            c.row_open = true;
                        } else if cell {
                            // Popped before the cell's own Leave, which
                            // writes the space after it.
                            c.irregular |= c.cell.is_some();
                            c.cell = Some(OpenCell {
                                lines: Vec::new(),
                                from: self.current.len(),
                            });
                            todo.push(Step::LeaveCell(r));
                        }
                    }
                    todo.extend(child.children().rev().map(Step::Enter));
                }
                _ => {}
            }
        }
    }
}

/// What [`Renderer::walk`] has left to do.
enum Step<'a> {
    /// Render a node and its children.
    Enter(NodeRef<'a, Node>),
    /// After an element's children: end a cell, end a line.
    Leave { cell: bool, block: bool },
    /// After a row of a table that may hold data: note its lines.
    LeaveRow { start: usize },
    /// After the children of a cell of a table that may hold data: note
    /// its text.
    LeaveCell(ElementRef<'a>),
    /// After the children of a table that may hold data: note its lines
    /// when it does.
    LeaveTable { start: usize, table: ElementRef<'a> },
}

/// The cells of a table that may hold data, as [`Renderer::walk`] writes
/// its lines.
#[derive(Default)]
struct Capture {
    /// Each row's cells.
    rows: Vec<Vec<Cell>>,
    /// Whether the last row of `rows` is still being walked.
    row_open: bool,
    /// The cell being walked.
    cell: Option<OpenCell>,
    /// Rows or cells not as `data_table` reads them (a hidden cell, which
    /// it reads; a cell outside a row or inside a cell): `data_table` is
    /// asked instead.
    irregular: bool,
}

/// A cell being walked.
struct OpenCell {
    /// Its lines so far (what [`render`] of it writes).
    lines: Vec<String>,
    /// Where its text starts in the line being written.
    from: usize,
}
