//! Column-aligned tables of figures in a text dump of a PDF (`pdftotext
//! -layout`, or a PDF's lines set as such a dump): a 资金分配表 appended to
//! a notice that allocates money, one row a line, a name and its figures
//! set apart by runs of spaces:
//!
//! ```text
//!                                                        单位：万元
//!   县（市、区）          合计      高标准农田    农田水利设施
//!                                    建设补助        维护补助
//!
//!   合    计          8,650.00        6,120.00        2,530.00
//!   东坪县              860.50          612.50          248.00
//! ```
//!
//! Its header names no column the task-table reader knows
//! ([`super::columns`]), so that reader passes it by and its rows would
//! be read as prose lines of bare numbers. Here a table is found by its
//! figures: [`MIN_ROWS`] rows or more, each a 序号 or none, a name (or
//! nothing) and figures standing alone, under a header of one or two lines
//! that stands over every column of figures (so a run of numbered prose
//! lines is no table); a table of one column of figures needs a header of
//! [`MIN_ONE_FIGURE_HEADS`] columns (`地区  项目  金额（万元）`), as a
//! table of contents has a name and a page number a line. Each figure
//! goes to the column whose figures end nearest it (figures are set flush
//! right, or centred), each header piece to the column it stands over; a
//! header's second line (`建设补助` under `高标准农田`) goes on its
//! column's name, and so does a short word on the line above the header
//! (`补助标准` over `（元/平方米）`). A line holding only a name right
//! under a row, left of the figures, is the rest of the row's name
//! (`临江高新技术` / `产业园区`); one right above a row without a name is
//! its first line (figures centred on a name of two lines). Page
//! numbers, page breaks and
//! the header repeated on the next page are skipped; the table ends at
//! any other line, or after [`MAX_BLANK_LINES`] blank lines that no page
//! break explains.
//!
//! The table's rows are what the other readers give (its header first),
//! so the table's money is read by one rule for every format
//! ([`crate::entities`]' table pass, from the header's words and the
//! caption's `单位：万元`).

use std::sync::LazyLock;

use regex::Regex;

use super::columns::{cols, pieces, LayoutTable, Piece, MAX_BLANK_LINES};
use crate::decode::pdf::repair::{is_han, is_page_number};

/// Rows of figures a table needs: two lines of figures happen in prose.
const MIN_ROWS: usize = 3;

/// Figures a row needs (besides its name).
const MIN_FIGURES: usize = 1;

/// Header pieces a table with one column of figures needs (`地区  项目
/// 金额（万元）`): a name and a figure a line are common in prose layouts
/// (a table of contents' `第一章  总则    1` under `目  录`).
const MIN_ONE_FIGURE_HEADS: usize = 3;

/// Pieces of a row's name before its figures (`合    计` is two).
const MAX_NAME_PIECES: usize = 2;

/// A figure standing alone in a cell: `8,650.00`, `860.5`, `-3`, `12%`,
/// a sum writing its unit (`30万元`, `1.5亿元`: a table of standards
/// whose header names no unit), a range (`10-30`, `300—1000`: a standard
/// by tiers), or a dash for none (`—`, `-`, `/`).
static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:%|[千万亿]?元)?|\d+(?:\.\d+)?[-—–~～]\d+(?:\.\d+)?|[—–/-]{1,2})$",
    )
        .expect("valid regex")
});

/// Whether a piece is a figure (a dash alone counts only beside others).
fn is_figure(p: &Piece) -> bool {
    FIGURE.is_match(&p.text)
}

/// A row's 序号 (`1`, `12`, `3.`), standing before its name.
static SERIAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,3}[.、．]?$").expect("valid regex"));

/// A row of a table of figures: its 序号, its name's pieces, its figures.
#[derive(Debug, Clone)]
struct Row {
    serial: Option<Piece>,
    name: Vec<Piece>,
    figures: Vec<Piece>,
    /// A note after the figures (a 备注 cell: `含以工代赈`).
    note: Option<Piece>,
}

/// A line's pieces as a row, when they are one: a 序号 or none, at most
/// [`MAX_NAME_PIECES`] pieces of text, then at least [`MIN_FIGURES`]
/// figures and nothing else, at least one a number.
fn row(ps: &[Piece]) -> Option<Row> {
    let serial = ps.len() > 1 && SERIAL.is_match(&ps[0].text) && !is_figure(&ps[1]);
    let from = usize::from(serial);
    let first = from + ps[from..].iter().position(is_figure)?;
    // A note of text may close the row, after two figures or more (a
    // line of prose has one figure among its words), or after one where
    // a 序号 and a name of one piece open the row (`1  武汉市  1250  含项目
    // 法资金`: four cells apart, as no prose line is set).
    let one_figure = serial && first - from <= MAX_NAME_PIECES;
    let (ps, note) = match ps.split_last() {
        Some((last, rest))
            if !is_figure(last)
                && (rest.len() >= first + 2 || (one_figure && rest.len() == first + 1))
                && rest[first..].iter().all(is_figure) =>
        {
            (rest, Some(last.clone()))
        }
        _ => (ps, None),
    };
    if first - from > MAX_NAME_PIECES || !ps[first..].iter().all(is_figure) {
        return None;
    }
    let figures = ps[first..].to_vec();
    let numbers = figures
        .iter()
        .filter(|p| p.text.chars().any(|c| c.is_ascii_digit()))
        .count();
    (figures.len() >= MIN_FIGURES && numbers > 0).then(|| Row {
        serial: serial.then(|| ps[0].clone()),
        name: ps[from..first].to_vec(),
        figures,
        note,
    })
}

/// A row's name from its pieces: ideographs joined as one word (`合    计`
/// is 合计), other pieces a space apart.
fn join_name(parts: &[Piece]) -> String {
    let mut out = String::new();
    for p in parts {
        let tight = out.chars().next_back().is_some_and(is_han)
            && p.text.chars().next().is_some_and(is_han);
        if !out.is_empty() && !tight {
            out.push(' ');
        }
        out.push_str(&p.text);
    }
    out
}

/// The columns of a table of figures: its 序号 column where rows have
/// one, its names', then its figures', each column of figures known by
/// its right edge and centre, taken from the row with the most figures (a
/// row missing a figure leaves its cell empty).
struct FigureColumns {
    /// Right edge and centre of each column of figures, left to right.
    edges: Vec<(usize, f32)>,
    /// Where the figures start: a name or header piece ending left of it
    /// is the names' column's (or the 序号's).
    first_left: usize,
    /// Where the 序号 end, when rows have them: a header piece starting
    /// left of it is the 序号 column's.
    serial_right: Option<usize>,
    /// Where the rows' names end (the rightmost): a header piece starting
    /// right of every name stands over figures, though it ends left of
    /// them (`合计` centred over a wide cell of figures set flush right).
    names_right: Option<usize>,
    /// Whether rows have notes after their figures: a column of its own,
    /// the last.
    notes: bool,
}

impl FigureColumns {
    fn new(rows: &[Row]) -> Option<FigureColumns> {
        // Each column's edge and centre: the median of the rows that fill
        // every column (a layout shifts a row whose name is long).
        let most = rows.iter().map(|r| r.figures.len()).max()?;
        let full: Vec<&Row> = rows.iter().filter(|r| r.figures.len() == most).collect();
        let median = |mut v: Vec<usize>| {
            v.sort_unstable();
            v[v.len() / 2]
        };
        let edges = (0..most)
            .map(|c| {
                let right = median(full.iter().map(|r| r.figures[c].right).collect());
                let left = median(full.iter().map(|r| r.figures[c].left).collect());
                (right, (left + right) as f32 / 2.0)
            })
            .collect();
        let first_left = rows
            .iter()
            .filter_map(|r| r.figures.first())
            .map(|p| p.left)
            .min()?;
        let serial_right = rows
            .iter()
            .filter_map(|r| r.serial.as_ref())
            .map(|p| p.right)
            .max();
        let names_right = rows
            .iter()
            .filter_map(|r| r.name.last())
            .map(|p| p.right)
            .max();
        Some(FigureColumns {
            edges,
            first_left,
            serial_right,
            names_right,
            notes: rows.iter().any(|r| r.note.is_some()),
        })
    }

    /// The names' column (after the 序号's, when there is one).
    fn names(&self) -> usize {
        usize::from(self.serial_right.is_some())
    }

    /// The column of figures a figure belongs to: the one whose right
    /// edge is nearest its own.
    fn of_figure(&self, p: &Piece) -> usize {
        self.names()
            + 1
            + (0..self.edges.len())
                .min_by_key(|&i| self.edges[i].0.abs_diff(p.right))
                .unwrap_or(0)
    }

    /// The column a header piece stands over: the 序号's when it starts
    /// left of their end, the names' when it ends left of the figures
    /// and starts over a name, else the column of figures whose centre is
    /// nearest its own.
    fn of_header(&self, p: &Piece) -> usize {
        if self.serial_right.is_some_and(|r| p.left < r) {
            return 0;
        }
        if p.right <= self.first_left && self.names_right.is_none_or(|r| p.left < r) {
            return self.names();
        }
        if self.is_note(p) {
            return self.width() - 1;
        }
        let mid = (p.left + p.right) as f32 / 2.0;
        self.names()
            + 1
            + (0..self.edges.len())
                .min_by(|&a, &b| {
                    (self.edges[a].1 - mid)
                        .abs()
                        .total_cmp(&(self.edges[b].1 - mid).abs())
                })
                .unwrap_or(0)
    }

    /// A header piece's words, each a piece of its own, where the piece
    /// stands over two columns of figures or more and its words (two
    /// characters or more each) are one space apart: the names of
    /// columns set close (`天然林保护修复 草原生态修复治理` over two
    /// columns). A name spaced out letter by letter (`合 计`) stays whole.
    fn split_over(&self, p: Piece) -> Vec<Piece> {
        let over = self
            .edges
            .iter()
            .filter(|&&(_, centre)| (p.left as f32) < centre && centre < p.right as f32)
            .count();
        let words: Vec<&str> = p.text.split(' ').collect();
        if over < 2 || words.len() < 2 || words.iter().any(|w| w.chars().count() < 2) {
            return vec![p];
        }
        let mut left = p.left;
        words
            .into_iter()
            .map(|w| {
                let right = left + w.chars().map(cols).sum::<usize>();
                let piece = Piece {
                    left,
                    right,
                    text: w.to_string(),
                };
                left = right + 1;
                piece
            })
            .collect()
    }

    fn width(&self) -> usize {
        self.names() + 1 + self.edges.len() + usize::from(self.notes)
    }

    /// Where a note line goes: right of every column of figures.
    fn is_note(&self, p: &Piece) -> bool {
        self.notes && self.edges.last().is_some_and(|&(right, _)| p.left >= right)
    }
}

/// A header word as the vocabulary writes it: without white space.
fn key_of(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The next non-blank line at or after `from`, when no more than one
/// blank line stands before it.
fn next_filled(lines: &[&str], from: usize) -> Option<usize> {
    let mut blank = 0;
    for (j, l) in lines.iter().enumerate().skip(from) {
        if !l.trim_start_matches('\x0c').trim().is_empty() {
            return Some(j);
        }
        blank += 1;
        if blank > 1 {
            return None;
        }
    }
    None
}

/// The longest word a header's line above its main one may hold: a
/// column's name (`补助标准`), not a caption (`2025年资金分配表`).
const MAX_HEADER_WORD_CHARS: usize = 6;

/// A table of figures whose header's main line is line `i`, or None; its
/// lines start at `floor` or later.
fn table_at(lines: &[&str], i: usize, floor: usize) -> Option<LayoutTable> {
    let text = |k: usize| lines[k].trim_start_matches('\x0c');
    let head = pieces(text(i));
    if head.len() < 2 || head.iter().any(is_figure) || is_page_number(text(i).trim()) {
        return None;
    }
    // A second header line, then the first row.
    let mut head_lines = vec![i];
    let mut k = next_filled(lines, i + 1)?;
    if row(&pieces(text(k))).is_none() {
        let more = pieces(text(k));
        if more.is_empty() || more.iter().any(is_figure) {
            return None;
        }
        head_lines.push(k);
        k = next_filled(lines, k + 1)?;
        row(&pieces(text(k)))?;
    }
    // The rows, and each name's later lines.
    let mut rows: Vec<Row> = Vec::new();
    let mut rests: Vec<Vec<Piece>> = Vec::new();
    let head_texts: Vec<Vec<String>> = head_lines
        .iter()
        .map(|&h| pieces(text(h)).into_iter().map(|p| p.text).collect())
        .collect();
    let mut last = k;
    let mut blank = 0;
    let mut page_break = false;
    let mut under_row = false;
    // Where the rows' figures start (the least left edge so far).
    let mut first_left = usize::MAX;
    // A name's first line above its row, whose figures stand centred on
    // the name's lines (`既有居住建筑综合改造` / `260  200` / `（同时…）`).
    let mut pending: Vec<Piece> = Vec::new();
    // Where the rows' figures end (the greatest right edge so far), each
    // row's line, and the lines of notes standing alone.
    let mut figures_right = 0;
    let mut row_lines: Vec<usize> = Vec::new();
    let mut note_lines: Vec<(usize, String)> = Vec::new();
    for (j, raw) in lines.iter().enumerate().skip(k) {
        page_break |= raw.starts_with('\x0c');
        let line = raw.trim_start_matches('\x0c');
        let t = line.trim();
        if t.is_empty() {
            blank += 1;
            under_row = false;
            continue;
        }
        if is_page_number(t) {
            continue;
        }
        if blank >= MAX_BLANK_LINES && !page_break {
            break;
        }
        let ps = pieces(line);
        let texts: Vec<String> = ps.iter().map(|p| p.text.clone()).collect();
        if head_texts.contains(&texts) {
            (blank, page_break, under_row, last) = (0, false, false, j);
            continue;
        }
        if let Some(mut r) = row(&ps) {
            first_left = first_left.min(r.figures[0].left);
            figures_right = figures_right.max(r.figures.last().map_or(0, |f| f.right));
            row_lines.push(j);
            if r.name.is_empty() {
                r.name = std::mem::take(&mut pending);
            }
            pending.clear();
            rows.push(r);
            rests.push(Vec::new());
            (blank, page_break, under_row, last) = (0, false, true, j);
            continue;
        }
        // A note's line of its own right of the figures (`含少数民族` /
        // `4  安平县  4180 …` / `发展`): its row's, found below. The
        // columns are not known yet: the rows' widest reach so far stands
        // for the last column's edge that `FigureColumns::is_note` reads.
        if !rows.is_empty() && ps.len() == 1 && !is_figure(&ps[0]) && ps[0].left >= figures_right {
            note_lines.push((j, ps[0].text.clone()));
            (blank, page_break, last) = (0, false, j);
            continue;
        }
        // The rest of the name above: one piece of text under a row, left
        // of where the figures start. (One piece: a line of two could
        // open a table of its own, and each such line scanning the rows
        // below it would make the search quadratic.)
        // Or, a blank line apart, set under the row's name (centred on its
        // last piece, or flush with it, and no wider: its cell's): a
        // bordered cell's wrapped name whose row's figures are centred in
        // the row's height.
        let under_name = |p: &Piece| {
            rows.last().and_then(|r| r.name.last()).is_some_and(|n| {
                let centre = |q: &Piece| (q.left + q.right) as f32 / 2.0;
                p.right - p.left <= n.right - n.left
                    && ((centre(p) - centre(n)).abs() <= 2.0 || p.left.abs_diff(n.left) <= 1)
            })
        };
        // (Not a name above a row without one, the first of its lines.)
        let above_unnamed = || {
            lines
                .get(j + 1)
                .and_then(|l| row(&pieces(l.trim_start_matches('\x0c'))))
                .is_some_and(|r| r.name.is_empty() && r.serial.is_none())
        };
        let rest_of_name = (under_row
            || (blank == 1 && ps.first().is_some_and(under_name) && !above_unnamed()))
            && !ps.iter().any(is_figure)
            && ps[0].right <= first_left
            && match ps.len() {
                1 => true,
                // The rest of its note too, right of the figures (`才团队`
                // … `类`).
                2 => ps[1].left >= figures_right && rows.last().is_some_and(|r| r.note.is_some()),
                _ => false,
            };
        // A name's first line: one piece of text left of the figures,
        // right above a row without a name.
        let name_above = !rest_of_name
            && pending.is_empty()
            && ps.len() == 1
            && !is_figure(&ps[0])
            && ps[0].right <= first_left
            && above_unnamed();
        if name_above {
            pending = ps;
            continue;
        }
        if !rest_of_name {
            break;
        }
        let mut ps = ps;
        if let (Some(note_rest), Some(r)) = (ps.get(1).cloned(), rows.last_mut()) {
            if let Some(note) = r.note.as_mut() {
                note.text.push_str(&note_rest.text);
            }
            ps.truncate(1);
        }
        if let Some(r) = rests.last_mut() {
            r.extend(ps);
        }
        (blank, page_break, under_row, last) = (0, false, false, j);
    }
    if rows.len() < MIN_ROWS {
        return None;
    }
    let mut columns = FigureColumns::new(&rows)?;
    columns.notes |= !note_lines.is_empty();
    let notes = notes_by_row(&rows, &row_lines, &note_lines);
    if columns.edges.len() == 1 && head.len() < MIN_ONE_FIGURE_HEADS {
        return None;
    }
    // The header stands over every column of figures.
    let mut header = vec![String::new(); columns.width()];
    for &h in &head_lines {
        for p in pieces(text(h))
            .into_iter()
            .flat_map(|p| columns.split_over(p))
        {
            let cell = &mut header[columns.of_header(&p)];
            if !cell.is_empty() && !cell.chars().next_back().is_some_and(is_han) {
                cell.push(' ');
            }
            cell.push_str(&p.text);
        }
    }
    let figure_heads = columns.names() + 1..columns.names() + 1 + columns.edges.len();
    if header[figure_heads].iter().any(String::is_empty) {
        return None;
    }
    // A header's first line above its main one, over a column of figures
    // alone (`补助标准` over `（元/平方米）`): a word of that column's name.
    let mut start = i;
    if let Some(above) = i.checked_sub(1) {
        let ps = pieces(text(above));
        if let [p] = ps.as_slice() {
            let col = columns.of_header(p);
            let word = p.text.chars().count() <= MAX_HEADER_WORD_CHARS
                && !is_figure(p)
                && !p.text.contains(['：', ':']);
            if word && above >= floor && col > columns.names() {
                // `其中` (of which) heads the columns from its own to the
                // last: the parts of the total before them, under one
                // merged cell that a layout sets over one of them.
                let group = if key_of(&p.text) == "其中" {
                    col..columns.names() + 1 + columns.edges.len()
                } else {
                    col..col + 1
                };
                for c in group {
                    header[c].insert_str(0, &p.text);
                }
                start = above;
            }
        }
    }
    let mut out = vec![header];
    for ((r, rest), note) in rows.iter().zip(&rests).zip(notes) {
        let mut cells = vec![String::new(); columns.width()];
        if let Some(serial) = &r.serial {
            cells[0] = serial.text.clone();
        }
        let mut names = r.name.clone();
        names.extend(rest.iter().cloned());
        cells[columns.names()] = join_name(&names);
        // A row filling every column has its figures in order, wherever
        // the layout set them.
        let full = r.figures.len() == columns.edges.len();
        for (c, f) in r.figures.iter().enumerate() {
            let col = if full {
                columns.names() + 1 + c
            } else {
                columns.of_figure(f)
            };
            let cell = &mut cells[col];
            if !cell.is_empty() {
                cell.push(' ');
            }
            cell.push_str(&f.text);
        }
        if columns.notes {
            cells[columns.width() - 1] = note;
        }
        out.push(cells);
    }
    Some(LayoutTable {
        lines: start..last + 1,
        rows: out,
    })
}

/// Each row's note: its own (`含以工代赈`) and the lines of notes standing
/// alone, each going to the row nearest it; between two rows as near,
/// to the one with a note line as near on its other side (a note set
/// centred on its row: `含少数民族` / row / `发展`), else the row below.
fn notes_by_row(rows: &[Row], row_lines: &[usize], note_lines: &[(usize, String)]) -> Vec<String> {
    let mut parts: Vec<Vec<(usize, String)>> = rows
        .iter()
        .zip(row_lines)
        .map(|(r, &j)| r.note.iter().map(|n| (j, n.text.clone())).collect())
        .collect();
    let is_note = |j: usize| note_lines.iter().any(|&(k, _)| k == j);
    for (j, text) in note_lines {
        let j = *j;
        let below = row_lines.iter().position(|&r| r > j);
        let above = row_lines.iter().rposition(|&r| r < j);
        let pick = match (above, below) {
            (Some(a), Some(b)) => {
                let (da, db) = (j - row_lines[a], row_lines[b] - j);
                if da < db
                    || (da == db
                        && !is_note(row_lines[b] + db)
                        && is_note(row_lines[a].saturating_sub(da)))
                {
                    a
                } else {
                    b
                }
            }
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (None, None) => continue,
        };
        parts[pick].push((j, text.clone()));
    }
    parts
        .into_iter()
        .map(|mut p| {
            p.sort_by_key(|(j, _)| *j);
            p.into_iter().map(|(_, t)| t).collect()
        })
        .collect()
}

/// The tables of figures of a dump's lines outside the ranges `taken`
/// (the task tables found first).
pub(super) fn find_figure_tables(lines: &[&str], taken: &[LayoutTable]) -> Vec<LayoutTable> {
    let mut out = Vec::new();
    let mut i = 0;
    // The end of the last table, found or taken.
    let mut floor = 0;
    while i < lines.len() {
        if let Some(t) = taken.iter().find(|t| t.lines.contains(&i)) {
            i = t.lines.end;
            floor = i;
            continue;
        }
        match table_at(lines, i, floor) {
            Some(t)
                if !taken
                    .iter()
                    .any(|o| o.lines.start < t.lines.end && t.lines.start < o.lines.end) =>
            {
                i = t.lines.end;
                floor = i;
                out.push(t);
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An appended 分配表 as `pdftotext -layout` sets it: a two-line header,
    /// a name wrapped under its row, a page break with the header repeated.
    const DUMP: &str = "\
       2025 年市级农田建设补助资金（第二批）分配表

                                                       单位：万元
  县（市、区）                      合计      高标准农田    农田水利设施
                                                建设补助        维护补助

  合    计                      8,650.00        6,120.00        2,530.00
  东坪县                          860.50          612.50          248.00
  白沙县                          683.30          486.00          197.30

                                — 3 —
\x0c  县（市、区）                      合计      高标准农田    农田水利设施
                                                建设补助        维护补助

  临江高新技术                    143.00           95.40           47.60
  产业园区
  南湖区                          274.50          186.00              —

  注：临江高新技术产业园区的资金由市财政局直接拨付，不再通过所在县（市、区）
转拨。
";

    #[test]
    fn a_table_of_figures_is_read_row_by_row() {
        let lines: Vec<&str> = DUMP.lines().collect();
        let tables = find_figure_tables(&lines, &[]);
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!(
            lines[t.lines.start].trim(),
            "县（市、区）                      合计      高标准农田    农田水利设施"
        );
        assert!(lines[t.lines.end - 1].contains("南湖区"));
        assert_eq!(
            t.rows,
            vec![
                vec![
                    "县（市、区）",
                    "合计",
                    "高标准农田建设补助",
                    "农田水利设施维护补助"
                ],
                vec!["合计", "8,650.00", "6,120.00", "2,530.00"],
                vec!["东坪县", "860.50", "612.50", "248.00"],
                vec!["白沙县", "683.30", "486.00", "197.30"],
                vec!["临江高新技术产业园区", "143.00", "95.40", "47.60"],
                vec!["南湖区", "274.50", "186.00", "—"],
            ]
        );
    }

    /// Figures writing their unit (`30万元`, `50%`) make a table as bare
    /// ones do (a table of standards whose header names no unit); a
    /// name's second line under its row goes on the name.
    #[test]
    fn figures_with_their_units_are_a_table_s_cells() {
        let dump = "\
付，兑付比例和单家企业年度上限按下表执行：
      企业类型             兑付比例           年度兑付上限
   科技型中小企业            50%                30万元
    高新技术企业             40%                50万元
      创业团队               60%                 5万元
 购买市外服务机构服          30%                20万元
         务
注：1．兑付比例以服务合同实际支付金额（不含税）为基数计算。
";
        let lines: Vec<&str> = dump.lines().collect();
        let tables = find_figure_tables(&lines, &[]);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].lines, 1..7);
        assert_eq!(
            tables[0].rows[4],
            vec!["购买市外服务机构服务", "30%", "20万元"]
        );
    }

    /// A header centred over wide cells whose figures are set flush right
    /// ends left of them: it stands over the figures all the same, where
    /// it starts right of every row's name.
    #[test]
    fn a_header_left_of_flush_right_figures_stands_over_them() {
        let dump = "\
                                                                单位：万元
          地区                   合计                 中央资金               省级资金
          合计                         111850                  81400                  30450
       合肥市小计                        8420                   5600                   2820
   市本级                                 610                    550                      60
   长丰县                                 880                    400                     480
";
        let lines: Vec<&str> = dump.lines().collect();
        let tables = find_figure_tables(&lines, &[]);
        assert_eq!(tables.len(), 1);
        assert_eq!(
            tables[0].rows[0],
            vec!["地区", "合计", "中央资金", "省级资金"]
        );
        assert_eq!(
            tables[0].rows[2],
            vec!["合肥市小计", "8420", "5600", "2820"]
        );
    }

    /// Two columns' names set one space apart on the header's second line
    /// are two names; `其中` above them heads both (a merged cell's word
    /// that the layout set over one of them).
    #[test]
    fn names_set_close_and_a_group_word_over_them() {
        let dump = "\
 2025年中央财政林业草原生态保护恢复资金分配表
                             单位：亿元
                        其 中
  地 区    合 计
                 天然林保护修复 草原生态修复治理
合 计      86.42     46.86     39.56
内蒙古自治区   20.94      9.36     11.58
黑龙江省     14.27     14.27       —
四川省      14.97     10.85      4.12
";
        let lines: Vec<&str> = dump.lines().collect();
        let tables = find_figure_tables(&lines, &[]);
        assert_eq!(tables.len(), 1);
        assert_eq!(
            tables[0].rows[0],
            vec![
                "地 区",
                "合 计",
                "其 中天然林保护修复",
                "其 中草原生态修复治理"
            ]
        );
        assert_eq!(tables[0].rows[3], vec!["黑龙江省", "14.27", "14.27", "—"]);
    }

    /// A 序号 before each name is a column of its own; a table of one
    /// column of figures, its names merged down (a district named once
    /// beside its projects), is read under a header of three columns.
    #[test]
    fn serials_and_a_single_column_of_figures() {
        let numbered = "\
                                                              单位：万元
         序号    乡镇        合计      中央资金    省级资金
           1     城关镇         186         120          66
           2     石桥镇         172         110          62
           3     白沙乡         148          96          52
                 合计           506         326         180
";
        let lines: Vec<&str> = numbered.lines().collect();
        let t = &find_figure_tables(&lines, &[])[0];
        assert_eq!(t.lines, 1..6);
        assert_eq!(
            t.rows[0],
            vec!["序号", "乡镇", "合计", "中央资金", "省级资金"]
        );
        assert_eq!(t.rows[1], vec!["1", "城关镇", "186", "120", "66"]);
        assert_eq!(t.rows[4], vec!["", "合计", "506", "326", "180"]);
        let merged = "\
     地区         项目       金额（万元）
             农村厕所改造提升       126
     石桥镇
             农村生活污水治理      98.5
  梅岭街道     村庄清洁和生活垃圾分类       36
   合计                      260.5
";
        let lines: Vec<&str> = merged.lines().collect();
        let t = &find_figure_tables(&lines, &[])[0];
        assert_eq!(t.rows[0], vec!["地区项目", "金额（万元）"]);
        let figures: Vec<&str> = t.rows[1..].iter().map(|r| r[1].as_str()).collect();
        assert_eq!(figures, vec!["126", "98.5", "36", "260.5"]);
        // Under a header of two pieces, one figure a line is no table (a
        // table of contents).
        let contents = "\
                    目    录
    第一章  总则                        1
    第二章  支持范围                    3
    第三章  申报程序                    5
";
        let lines: Vec<&str> = contents.lines().collect();
        assert!(find_figure_tables(&lines, &[]).is_empty());
    }

    /// A header's word above its main line (`补助标准` over `（元/平方米）`)
    /// names its column; a name whose figures stand on its second line
    /// starts on the line above them.
    #[test]
    fn a_header_word_above_and_a_name_above_its_figures() {
        let dump = "\
              某区既有居住建筑节能改造补助标准


                                    补助标准
        类 别                                             上限（万元）
                                  （元/平方米）

  外墙外保温改造                       120                     80

  外墙内保温改造                        80                     50

  既有居住建筑综合改造
                                       260                    200
  （同时实施上述三项）

  注：1.补助面积以竣工验收核定面积为准。
";
        let lines: Vec<&str> = dump.lines().collect();
        let t = &find_figure_tables(&lines, &[])[0];
        assert_eq!(t.lines, 3..14);
        assert_eq!(
            t.rows[0],
            vec!["类 别", "补助标准（元/平方米）", "上限（万元）"]
        );
        assert_eq!(
            t.rows[3],
            vec!["既有居住建筑综合改造 （同时实施上述三项）", "260", "200"]
        );
    }

    /// A bordered table's layout (LibreOffice): standards by tiers
    /// (`100-200`), a note after one figure, names wrapped in their cells
    /// and set a blank line under their rows (the figures centred in the
    /// row's height), a note's rest beside a name's.
    #[test]
    fn ranges_notes_and_names_wrapped_in_bordered_cells() {
        let dump = "\
    序号         支持类别       支持对象     补助标准（万      备注

                                                 元）
      1          平台建设     省级重点实验     100-200      按绩效分档

                                   室
      2          技术攻关     重大科技专项     300-500

      3          人才团队     高层次科技人    300-1000     分A、B、C三

                                 才团队                         类
      4          科技企业     首次认定高新       10         一次性奖励

                                技术企业


抄送：财政部安徽监管局，省审计厅。
";
        let lines: Vec<&str> = dump.lines().collect();
        let t = &find_figure_tables(&lines, &[])[0];
        assert_eq!(
            t.rows[0],
            vec!["序号", "支持类别支持对象", "补助标准（万元）", "备注"]
        );
        assert_eq!(
            t.rows[1],
            vec!["1", "平台建设省级重点实验室", "100-200", "按绩效分档"]
        );
        assert_eq!(t.rows[2], vec!["2", "技术攻关重大科技专项", "300-500", ""]);
        assert_eq!(
            t.rows[3],
            vec![
                "3",
                "人才团队高层次科技人才团队",
                "300-1000",
                "分A、B、C三类"
            ]
        );
        assert_eq!(
            t.rows[4],
            vec!["4", "科技企业首次认定高新技术企业", "10", "一次性奖励"]
        );
        assert_eq!(t.lines, 0..14);
        // A line of prose under a table, a blank line apart, is no name's
        // rest though it stands centred under one: it is wider than its cell.
        let prose = "\
   档次                 认定等级                    奖励标准
   一档     国家级智能工厂（卓越级、领航级）         300万元
   二档               省级智能工厂                   100万元
   三档              省级数字化车间                  50万元

    同一企业年度累计获得的技术改造补贴和奖励不超过
2000万元。
";
        let lines: Vec<&str> = prose.lines().collect();
        let t = &find_figure_tables(&lines, &[])[0];
        assert_eq!(t.lines, 0..4);
        assert_eq!(t.rows[3], vec!["三档省级数字化车间", "50万元"]);
    }

    /// Numbered prose lines and a header-less run of figures are no table.
    /// A row whose long name pushed its figures left (a PDF's layout
    /// text sets a line by its characters' widths): its figures are still
    /// its columns' in order, and the columns stand where most rows put them.
    #[test]
    fn a_row_shifted_by_its_long_name_keeps_its_columns() {
        let dump = "\
序号                                乡镇                                       合计
                                                                                                                          中央                       省级
                                         合计                                      1260                         760                          500
   1                                 城关镇                                     238                          150                           88
   2                                 青石镇                                     196                          120                           76
   3                                 白沙镇                                   215.6                       135                         80.6
   4                 县农业农村局（统筹）                     130                           70                            60
";
        let lines: Vec<&str> = dump.lines().collect();
        let t = table_at(&lines, 0, 0).expect("a table");
        assert_eq!(t.rows[0], ["序号", "乡镇", "合计", "中央", "省级"]);
        assert_eq!(t.rows[5], ["4", "县农业农村局（统筹）", "130", "70", "60"]);
        assert_eq!(t.rows[4], ["3", "白沙镇", "215.6", "135", "80.6"]);
    }

    /// A 备注 column: a row's own note after its figures, and a note set
    /// centred on its row over lines of its own (`含少数民族` / row /
    /// `发展`) going to that row.
    #[test]
    fn notes_after_the_figures_are_a_column_of_their_own() {
        let dump = "\
 序号      县（区）          合计        中央         省级        备注
             合计           18640       12380        6260
  1         东岚区          3120         2090        1030
  2         临溪县          2860         1900         960      含以工代赈
  3         石埠县          3450         2300         1150
                                                               含少数民族
  4         安平县          4180         2780        1400
                                                                  发展
  5         南湖县          2630         1760         870
";
        let lines: Vec<&str> = dump.lines().collect();
        let t = table_at(&lines, 0, 0).expect("a table");
        assert_eq!(
            t.rows[0],
            ["序号", "县（区）", "合计", "中央", "省级", "备注"]
        );
        assert_eq!(
            t.rows[3],
            ["2", "临溪县", "2860", "1900", "960", "含以工代赈"]
        );
        assert_eq!(t.rows[4][5], "");
        assert_eq!(
            t.rows[5],
            ["4", "安平县", "4180", "2780", "1400", "含少数民族发展"]
        );
        assert_eq!(t.rows[6][5], "");
        assert_eq!(t.lines, 0..lines.len());
        // One column of figures: a row's note after its one figure, where
        // a 序号 and a name open it.
        let one = "\
序号            地区            分配金额       备注
1               武汉市          1250           含项目法资金
2               黄石市          420
3               十堰市          460
4               宜昌市          780            含项目法资金
";
        let lines: Vec<&str> = one.lines().collect();
        let t = table_at(&lines, 0, 0).expect("a table");
        assert_eq!(t.rows[0], ["序号", "地区", "分配金额", "备注"]);
        assert_eq!(t.rows[1], ["1", "武汉市", "1250", "含项目法资金"]);
        assert_eq!(t.rows[2], ["2", "黄石市", "420", ""]);
        assert_eq!(t.lines, 0..lines.len());
        // A line of prose with one figure and words after it is no row.
        assert!(row(&pieces("  请于  2025  年底前完成")).is_none());
    }

    #[test]
    fn figures_without_a_header_over_them_are_no_table() {
        let headless = "\
  东坪县                          860.50          612.50          248.00
  白沙县                          683.30          486.00          197.30
  青溪县                          994.70          731.20          263.50
";
        let lines: Vec<&str> = headless.lines().collect();
        assert!(find_figure_tables(&lines, &[]).is_empty());
        // A header over only some of the columns is a line of prose.
        let partial = format!("  地区                            合计\n{headless}");
        let lines: Vec<&str> = partial.lines().collect();
        assert!(find_figure_tables(&lines, &[]).is_empty());
        let prose = "\
    各地要在 2025 年 9 月 30 日前完成支出，支出进度应达到 70%以上，
    11 月 30 日前全部支出完毕。对支出进度低于 50%的县，市财政局将
    按未支出部分的 20%收回统筹使用。
";
        let lines: Vec<&str> = prose.lines().collect();
        assert!(find_figure_tables(&lines, &[]).is_empty());
    }
}
