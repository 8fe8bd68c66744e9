//! A figure's unit wrapped under it in a table's cell of a text dump of a
//! PDF (`pdftotext -layout`): a cell too narrow for `0.4—1.2万元/公里`
//! sets `0.4—1.2万` on the row's line and `元/公里` under it, in the same
//! column, while the cells beside run on:
//!
//! ```text
//!  1     成都市    0.4—1.2万   5860万元   秀奖励资金300万
//!                元/公里               元，按县道、乡道、
//! ```
//!
//! Read line by line, `0.4—1.2万` is no money and `元/公里` no figure.
//! Here the unit goes back onto its figure, before the lines are read as
//! prose or as a table: only where both lines are a table's (cells set
//! apart by wide gaps) and the unit starts inside the figure's cell, so a
//! wrapped line of prose (`最高200` / `万元`, one piece a line) is left to
//! the prose reader.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::columns::cols;
use crate::decode::pdf::repair::{is_han, is_page_number};

/// Spaces that set two cells apart (a justified line's single spaces do
/// not).
const CELL_GAP: usize = 2;

/// A line this far in from the margin, alone on it, is a cell's (a wrapped
/// unit with no other cell beside it).
const CELL_INDENT: usize = 8;

/// A figure that ends its cell without a unit: `0.4—1.2万`, `2000—2500`,
/// `300万`.
static FIGURE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d.])(?:\d+(?:\.\d+)?\s*[—–~～-]\s*)?\d+(?:\.\d+)?\s?[万亿千]?$")
        .expect("valid regex")
});

/// A currency or percent opening a cell (and a per-what after it:
/// `元/公里`, `万元/亩`).
static UNIT_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[万亿千]?元|%|％)(?:/\p{Han}{1,3})?").expect("valid regex"));

/// A line's cell or word: its text and where it starts and ends, in
/// chars and in the columns a monospace dump gives it (an ideograph two).
/// Dumps set their cells by one or the other: a unit under its figure in
/// either counts.
struct Cell {
    start: usize,
    end: usize,
    cols: (usize, usize),
    text: String,
}

impl Cell {
    /// Whether `unit` starts inside this cell (a column's slack of one).
    fn holds_start_of(&self, unit: &Cell) -> bool {
        let within = |(a, b): (usize, usize), x: usize| a <= x + 1 && x <= b;
        within((self.start, self.end), unit.start) || within(self.cols, unit.cols.0)
    }
}

/// The words of a line: runs of text set apart by any white space (a
/// cell's words when a narrow gap joins them: `洞 庭 湖 平 原 2000—2500`).
fn words(chars: &[char]) -> Vec<Cell> {
    cells_apart(chars, 1)
}

/// The cells of a line: runs of text set apart by [`CELL_GAP`] spaces or
/// more.
fn cells(chars: &[char]) -> Vec<Cell> {
    cells_apart(chars, CELL_GAP)
}

/// Runs of text set apart by `gap` white-space characters or more.
fn cells_apart(chars: &[char], min_gap: usize) -> Vec<Cell> {
    // The monospace column where each char starts (and the line's end).
    let col: Vec<usize> = std::iter::once(0)
        .chain(chars.iter().scan(0, |x, &c| {
            *x += cols(c);
            Some(*x)
        }))
        .collect();
    let mut out: Vec<Cell> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while i < chars.len() {
            if chars[i].is_whitespace() {
                let gap = chars[i..].iter().take_while(|c| c.is_whitespace()).count();
                if gap >= min_gap || i + gap == chars.len() {
                    break;
                }
                i += gap;
            } else {
                i += 1;
                end = i;
            }
        }
        out.push(Cell {
            start,
            end,
            cols: (col[start], col[end]),
            text: chars[start..end].iter().collect(),
        });
    }
    out
}

/// Lines a page break may put between a row's line and the rest of its
/// cells (blank lines, the page's number, the form feed).
const MAX_BREAK_LINES: usize = 8;

/// The line under line `i` that goes on its cells: the next, or the first
/// after a page break (a page number among blank lines: the table's row
/// goes on at the next page's top).
fn line_under(lines: &[Vec<char>], i: usize) -> Option<usize> {
    let blank = |l: &Vec<char>| l.iter().all(|c| c.is_whitespace());
    let mut broke = false;
    let end = lines.len().min(i + 2 + MAX_BREAK_LINES);
    for (j, line) in lines.iter().enumerate().take(end).skip(i + 1) {
        let text: String = line.iter().collect();
        if text.starts_with('\x0c') {
            broke = true;
        }
        let t = text.trim_start_matches('\x0c').trim();
        if t.is_empty() || blank(line) {
            continue;
        }
        if is_page_number(t) {
            broke = true;
            continue;
        }
        return (j == i + 1 || broke).then_some(j);
    }
    None
}

/// The text with each unit wrapped under its figure (see the module doc)
/// moved back after it.
pub(super) fn units_onto_figures(text: &str) -> Cow<'_, str> {
    let mut lines: Vec<Vec<char>> = text.split('\n').map(|l| l.chars().collect()).collect();
    let mut changed = false;
    for i in 0..lines.len().saturating_sub(1) {
        let Some(next) = line_under(&lines, i) else {
            continue;
        };
        // Most lines hold no unit to move: their cells are not read.
        if !lines[next].iter().any(|&c| matches!(c, '元' | '%' | '％')) {
            continue;
        }
        let (row, under) = (cells(&lines[i]), cells(&lines[next]));
        let table_below = under.len() >= 2 || under.first().is_some_and(|c| c.start >= CELL_INDENT);
        if row.len() < 2 || !table_below {
            continue;
        }
        let above = words(&lines[i]);
        let below = words(&lines[next]);
        // From the right: a move shifts only what stands right of it.
        for (k, u) in below.iter().enumerate().rev() {
            // A unit a space after a figure on its own line is that
            // figure's (`一次性奖励 30 万元`, a dump's space between a digit
            // and an ideograph), whatever stands above it.
            if k > 0
                && u.start - below[k - 1].end < CELL_GAP
                && FIGURE_END.is_match(&below[k - 1].text)
            {
                continue;
            }
            // `元旦` is a word, `元，按…` a unit and the rest of a cell.
            let Some(unit) = UNIT_START
                .find(&u.text)
                .filter(|m| !u.text[m.end()..].starts_with(is_han))
            else {
                continue;
            };
            // The figure over the unit, or the cell whose text ends in a
            // figure and whose next line the unit opens (`分别奖励 80 万元、30 万`
            // / `元`, the unit at the cell's left edge).
            let Some(f) = above
                .iter()
                .find(|f| f.holds_start_of(u) && FIGURE_END.is_match(&f.text))
                .or_else(|| {
                    row.iter()
                        .find(|c| c.holds_start_of(u) && FIGURE_END.is_match(&c.text))
                })
            else {
                continue;
            };
            let unit: Vec<char> = unit.as_str().chars().collect();
            for k in 0..unit.len() {
                lines[next][u.start + k] = ' ';
            }
            // Into the gap after the figure where it has room, so the
            // cells right of it keep their columns.
            let row = &mut lines[i];
            let room = row[f.end..]
                .iter()
                .take_while(|c| c.is_whitespace())
                .count();
            let at_end = f.end + room == row.len();
            if at_end || room >= unit.len() + CELL_GAP {
                row.splice(f.end..f.end + unit.len().min(room), unit.iter().copied());
            } else {
                row.splice(f.end..f.end, unit.iter().copied());
            }
            changed = true;
        }
    }
    if !changed {
        return Cow::Borrowed(text);
    }
    let joined: Vec<String> = lines
        .iter()
        .map(|l| l.iter().collect::<String>().trim_end().to_string())
        .collect();
    Cow::Owned(joined.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_wrapped_under_its_figure_goes_back_onto_it() {
        let dump = " 1     成都市    0.4—1.2万   5860万元   秀奖励资金300万\n               元/公里               元，按县道、乡道、\n                                  村道里程分别测算";
        let out = units_onto_figures(dump);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].contains("0.4—1.2万元/公里"), "{out}");
        assert!(lines[0].contains(" 5860万元 "), "{out}");
        assert!(lines[0].ends_with("秀奖励资金300万元"), "{out}");
        assert_eq!(lines[1].trim(), "，按县道、乡道、", "{out}");
        // A range with its unit alone under it.
        let dump =
            "1 新建          洞 庭 湖 平 原 2000—2500 含省级配套\n              区         元";
        let out = units_onto_figures(dump);
        assert!(out.contains("2000—2500元"), "{out}");
    }

    /// A unit on its own figure's line (a space after it, as a dump sets a
    /// digit and an ideograph) stays there, though a figure of the row
    /// above stands over it (held-out GE1: `最高 100 万元` over
    /// `一次性奖励 30 万元` took the lower line's `万元`).
    #[test]
    fn a_unit_beside_its_own_figure_stays() {
        let dump = "                 方）       补助，最高 100 万元
     3      科技成果在本市转化落地   一次性奖励 30 万元";
        assert_eq!(units_onto_figures(dump), dump);
    }

    /// A row broken by a page whose unit went on to the next page, under
    /// its figure (held-out GE1: `分别奖励 80 万元、30 万` / `— 2 —` /
    /// `级、省级）    元`).
    #[test]
    fn a_unit_on_the_next_page_goes_back_onto_its_figure() {
        let dump = "     4      技术转移示范机构（国家   分别奖励 80 万元、30 万\n\n\n                —2—\n\x0c                级、省级）    元";
        let out = units_onto_figures(dump);
        assert!(out.contains("30 万元"), "{out}");
        // Without a page break, a line two below is no cell's rest.
        let dump = "     4      技术转移示范机构（国家   分别奖励 80 万元、30 万\n\n                级、省级）    元";
        assert_eq!(units_onto_figures(dump), dump);
    }

    #[test]
    fn wrapped_prose_and_aligned_words_stay() {
        // A line of prose wrapped before its unit: one piece a line.
        let prose = "    对新建项目给予一次性奖励，单个项目最高不超过200\n万元。";
        assert_eq!(units_onto_figures(prose), prose);
        // A unit under a cell that is no figure.
        let table = " 1     成都市    县道养护   5860万元\n               元旦前下达";
        assert_eq!(units_onto_figures(table), table);
        let table = " 1     成都市    2025   5860万元\n               元旦前下达";
        assert_eq!(units_onto_figures(table), table);
    }
}
