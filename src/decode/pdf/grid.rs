//! Column-aligned tables of a PDF's pages (a 重点任务分工表 appended to a
//! 方案), read by the reader of text dumps ([`crate::decode::columns`]).
//!
//! A table's cells wrap over several lines each and a PDF draws them cell
//! by cell, so in content-stream order (what [`super::repair`] reads) the
//! lines of neighbouring cells interleave and come out as prose: the
//! clauses the table assigns never get its units. Here the pages' lines
//! are set as `pdftotext -layout` sets them ([`layout_text`]): rows by
//! baseline, top to bottom, each run of text at its x offset over half the
//! row's font size (the column of a monospace dump, where an ideograph
//! takes two), a blank line where rows stand apart by more than the text's
//! line pitch, a form feed between pages. [`columns::find_tables`] finds
//! the tables in that text by their header; [`cut_tables`] takes their
//! lines out of the pages, leaving one placeholder line per table where it
//! began, so the prose around it is repaired as before, and
//! [`columns::splice_tables`] puts a paragraph per row back in its place.
//! Pages of a document without such a table are returned untouched.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::backend::{Line, Page};
use super::repair::{is_cjk, repair_line};
use crate::decode::columns::{self, LayoutTable, MAX_BLANK_LINES};

/// Baselines closer than this share of the font size are one row: a
/// superscript or another font's baseline on a line differs by a tenth,
/// a cell centred in a row beside one a line taller by half a line.
const SAME_ROW_EM: f32 = 0.25;

/// How far past the line pitch (a share of the font size) two rows must
/// stand to be set apart by a blank line: lines of one cell or paragraph
/// keep their pitch to a hundredth of a point, a table's rows stand apart
/// by a line plus the cells' padding and rule.
const PITCH_SLACK_EM: f32 = 0.08;

/// The line pitch assumed for a font size whose lines never stand one
/// above the other (a table of one-line cells), in ems.
const DEFAULT_PITCH_EM: f32 = 1.5;

/// The least pitch, in ems: lines closer would overlap.
const MIN_PITCH_EM: f32 = 0.8;

/// Rightmost column a run is set at: a hostile position (x = 1e30) must
/// not make a line of a billion spaces. A landscape A3 page in 5 pt type
/// is 480 columns.
const MAX_COLUMN: usize = 1000;

/// Lines looked at below a line for the one under it (its pitch).
const PITCH_LOOKAHEAD: usize = 60;

/// The layout text of some pages: its lines and, for each, the `(page,
/// line)` indices of the lines of the pages set on it (none for a blank
/// line).
#[derive(Debug, Default, PartialEq)]
pub(super) struct LayoutText {
    pub text: String,
    pub sources: Vec<Vec<(usize, usize)>>,
}

/// Monospace columns a character takes, as [`columns`] counts them: an
/// ideograph or full-width mark two, everything else one.
fn cols(c: char) -> usize {
    let narrow = matches!(
        c,
        '“' | '”' | '‘' | '’' | '—' | '…' | '·' | '\u{FF61}'..='\u{FFDC}'
    );
    if is_cjk(c) && !narrow {
        2
    } else {
        1
    }
}

/// A size usable as a divisor.
fn sane_size(size: f32) -> f32 {
    if size.is_finite() && size > 0.0 {
        size
    } else {
        1.0
    }
}

/// Key of a font size in the pitch table (half points).
fn size_key(size: f32) -> i32 {
    (sane_size(size) * 2.0).round() as i32
}

/// The runs of a line: `(left edge, text)`, its text cut where
/// [`Line::runs`] says a gap set a piece apart. A line whose runs do not
/// fit its text (not from this backend) is one run.
fn runs_of(line: &Line) -> Vec<(f32, &str)> {
    let mut out = Vec::with_capacity(line.runs.len() + 1);
    let mut from = 0usize;
    let mut x = line.left;
    for &(at, next_x) in &line.runs {
        match line.text.get(from..at) {
            Some(t) if at > from => out.push((x, t)),
            _ => return vec![(line.left, line.text.as_str())],
        }
        (from, x) = (at, next_x);
    }
    match line.text.get(from..) {
        Some(t) => out.push((x, t)),
        None => return vec![(line.left, line.text.as_str())],
    }
    out
}

/// The rows of a page: indices of its lines grouped by baseline, top to
/// bottom, each row's lines left to right.
fn rows_of(page: &Page) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..page.lines.len()).collect();
    // PDF y grows up the page.
    order.sort_by(|&a, &b| page.lines[b].y.total_cmp(&page.lines[a].y));
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut row_y = f32::NAN;
    for i in order {
        let l = &page.lines[i];
        match rows.last_mut() {
            Some(row) if (row_y - l.y).abs() < SAME_ROW_EM * sane_size(l.size) => row.push(i),
            _ => {
                rows.push(vec![i]);
                row_y = l.y;
            }
        }
    }
    for row in &mut rows {
        row.sort_by(|&a, &b| page.lines[a].left.total_cmp(&page.lines[b].left));
    }
    rows
}

/// The line pitch of each font size on a page: the most common distance
/// from a line down to the next line of its size that it overlaps
/// (the next line of its paragraph or of its cell).
fn pitches(page: &Page, rows: &[Vec<usize>]) -> HashMap<i32, f32> {
    let flat: Vec<&Line> = rows.iter().flatten().map(|&i| &page.lines[i]).collect();
    // (size key, distance in quarter points) → count.
    let mut counts: HashMap<(i32, i32), usize> = HashMap::new();
    for (k, a) in flat.iter().enumerate() {
        let size = sane_size(a.size);
        let below = flat.iter().skip(k + 1).take(PITCH_LOOKAHEAD).find(|b| {
            a.y - b.y >= SAME_ROW_EM * size
                && size_key(b.size) == size_key(a.size)
                && b.left < a.right
                && a.left < b.right
        });
        if let Some(b) = below {
            let d = a.y - b.y;
            // Lines closer than their size would overlap; farther than
            // three lines apart they are no lines of one paragraph.
            if (MIN_PITCH_EM * size..=3.0 * size).contains(&d) {
                *counts
                    .entry((size_key(size), (d * 4.0).round() as i32))
                    .or_default() += 1;
            }
        }
    }
    // The smallest distance met twice, else the smallest: a table's rows
    // stand apart by distances as many as its lines' pitch, but each
    // another (cells of other heights, centred).
    let mut best: HashMap<i32, (bool, i32)> = HashMap::new();
    for ((key, d), n) in counts {
        let twice = n >= 2;
        let e = best.entry(key).or_insert((twice, d));
        if (twice && !e.0) || (twice == e.0 && d < e.1) {
            *e = (twice, d);
        }
    }
    best.into_iter()
        .map(|(key, (_, d))| (key, d as f32 / 4.0))
        .collect()
}

/// Blank lines between two rows whose baselines are `gap` apart, the
/// lower row's text of `size` points.
fn blank_lines(gap: f32, size: f32, pitches: &HashMap<i32, f32>) -> usize {
    let size = sane_size(size);
    let pitch = pitches
        .get(&size_key(size))
        .copied()
        .unwrap_or(DEFAULT_PITCH_EM * size);
    let slack = PITCH_SLACK_EM * size;
    // (NaN: no gap to speak of.)
    if gap.is_nan() || gap <= pitch + slack {
        return 0;
    }
    // At most as many as `columns` reads as the end of a table.
    (((gap - slack) / pitch).floor() as usize).clamp(1, MAX_BLANK_LINES)
}

/// A row set as a line of a monospace dump (see the module doc):
/// `origin` is the x of column 0.
fn render_row(page: &Page, row: &[usize], origin: f32) -> String {
    let size = row
        .iter()
        .map(|&i| sane_size(page.lines[i].size))
        .fold(f32::INFINITY, f32::min);
    let unit = sane_size(size) / 2.0;
    let mut runs: Vec<(f32, usize, &str)> = row
        .iter()
        .flat_map(|&i| {
            runs_of(&page.lines[i])
                .into_iter()
                .map(move |(x, t)| (x, i, t.trim()))
        })
        .filter(|(_, _, t)| !t.is_empty())
        .collect();
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out = String::new();
    let mut cursor = 0usize;
    let mut last_line: Option<usize> = None;
    for (x, line, text) in runs {
        let at = ((x - origin) / unit).round();
        let at = if at.is_finite() && at > 0.0 {
            (at as usize).min(MAX_COLUMN)
        } else {
            0
        };
        // Runs of one line stay apart by the space between them; runs of
        // lines drawn apart (two cells on one baseline) by two, which is
        // what sets cells apart in a dump.
        let least = match last_line {
            None => 0,
            Some(l) if l == line => cursor + 1,
            Some(_) => cursor + 2,
        };
        let at = at.max(least);
        out.extend(std::iter::repeat_n(' ', at - cursor));
        out.push_str(text);
        cursor = at + text.chars().map(cols).sum::<usize>();
        last_line = Some(line);
    }
    out
}

/// The pages set as a `pdftotext -layout` dump (see the module doc).
pub(super) fn layout_text(pages: &[Page]) -> LayoutText {
    let origin = pages
        .iter()
        .flat_map(|p| &p.lines)
        .map(|l| l.left)
        .filter(|x| x.is_finite())
        .fold(f32::INFINITY, f32::min);
    let origin = if origin.is_finite() { origin } else { 0.0 };
    let mut lines: Vec<String> = Vec::new();
    let mut sources: Vec<Vec<(usize, usize)>> = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        let rows = rows_of(page);
        let pitches = pitches(page, &rows);
        let feed = if p > 0 { "\x0c" } else { "" };
        if rows.is_empty() && p > 0 {
            lines.push(feed.to_string());
            sources.push(Vec::new());
        }
        let mut above: Option<f32> = None;
        for (r, row) in rows.iter().enumerate() {
            let first = &page.lines[row[0]];
            if let Some(y) = above {
                for _ in 0..blank_lines(y - first.y, first.size, &pitches) {
                    lines.push(String::new());
                    sources.push(Vec::new());
                }
            }
            above = Some(first.y);
            let text = render_row(page, row, origin);
            lines.push(if r == 0 {
                format!("{feed}{text}")
            } else {
                text
            });
            sources.push(row.iter().map(|&i| (p, i)).collect());
        }
    }
    LayoutText {
        text: lines.join("\n"),
        sources,
    }
}

/// Whether any line could be part of a table's header (see
/// [`columns`]: a unit column, `…单位` or `…部门`): most documents have
/// none, and are spared the layout text.
fn may_have_table(pages: &[Page]) -> bool {
    pages
        .iter()
        .flat_map(|p| &p.lines)
        .any(|l| l.text.contains("单位") || l.text.contains("部门"))
}

/// The pages with the lines of each column-aligned table taken out and a
/// placeholder line for it where it began, and the tables (cells cleaned
/// as the repair cleans a line); the pages as they are when there is no
/// table.
pub(super) fn cut_tables(pages: &[Page]) -> (Cow<'_, [Page]>, Vec<LayoutTable>) {
    if !may_have_table(pages) {
        return (Cow::Borrowed(pages), Vec::new());
    }
    let layout = layout_text(pages);
    let mut tables = columns::find_tables(&layout.text);
    tables.retain(|t| t.lines.end <= layout.sources.len());
    // The placeholder of each table, with the lines it takes.
    let mut cuts: Vec<(char, HashSet<(usize, usize)>)> = Vec::new();
    let mut kept: Vec<LayoutTable> = Vec::new();
    for (k, mut t) in tables.into_iter().enumerate() {
        let Some(mark) = columns::table_mark(k) else {
            break;
        };
        let taken: HashSet<(usize, usize)> = layout.sources[t.lines.clone()]
            .iter()
            .flatten()
            .copied()
            .collect();
        if taken.is_empty() {
            break;
        }
        for row in &mut t.rows {
            for cell in row.iter_mut() {
                *cell = repair_line(cell);
            }
        }
        cuts.push((mark, taken));
        kept.push(t);
    }
    if kept.is_empty() {
        return (Cow::Borrowed(pages), Vec::new());
    }
    // Where each placeholder goes: before the table's first line in
    // content-stream order on its first page.
    let starts: Vec<(usize, usize)> = cuts
        .iter()
        .filter_map(|(_, taken)| taken.iter().min().copied())
        .collect();
    let cut_pages = pages
        .iter()
        .enumerate()
        .map(|(p, page)| {
            let mut lines = Vec::with_capacity(page.lines.len());
            for (i, line) in page.lines.iter().enumerate() {
                for ((mark, _), start) in cuts.iter().zip(&starts) {
                    if *start == (p, i) {
                        lines.push(Line {
                            text: mark.to_string(),
                            right: line.left + line.size,
                            runs: Vec::new(),
                            ..line.clone()
                        });
                    }
                }
                if !cuts.iter().any(|(_, taken)| taken.contains(&(p, i))) {
                    lines.push(line.clone());
                }
            }
            Page { lines }
        })
        .collect();
    (Cow::Owned(cut_pages), kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of runs: `(x, text)` pairs on baseline `y`, 12 pt, each
    /// ideograph 12 pt wide (what a backend's [`Line`] holds).
    fn line(y: f32, runs: &[(f32, &str)]) -> Line {
        let mut text = String::new();
        let mut offsets = Vec::new();
        for (k, (x, t)) in runs.iter().enumerate() {
            if k > 0 {
                text.push(' ');
                offsets.push((text.len(), *x));
            }
            text.push_str(t);
        }
        let (lx, lt) = runs[runs.len() - 1];
        Line {
            text,
            left: runs[0].0,
            right: lx + 12.0 * lt.chars().count() as f32,
            size: 12.0,
            y,
            runs: offsets,
        }
    }

    #[test]
    fn runs_of_a_line_are_set_at_their_columns() {
        let page = Page {
            lines: vec![line(700.0, &[(100.0, "序号"), (160.0, "重点任务")])],
        };
        let t = layout_text(&[page]);
        // Column = (x - 100) / 6: 序号 at 0, 重点任务 at 10.
        assert_eq!(t.text, "序号      重点任务");
        assert_eq!(t.sources, [vec![(0, 0)]]);
    }

    /// Cells drawn one after the other come out as lines in stream order;
    /// set by baseline they make rows again, top to bottom, and rows of a
    /// table stand apart by a blank line while a cell's lines do not.
    #[test]
    fn cells_in_stream_order_are_set_by_row() {
        let page = Page {
            lines: vec![
                // Header, one row.
                line(
                    709.0,
                    &[(100.0, "序号"), (160.0, "重点任务"), (280.0, "牵头单位")],
                ),
                // Row 1, cell by cell: the task over three lines (pitch
                // 18 pt), the unit over two, centred, the 序号 in the
                // middle.
                line(664.0, &[(106.0, "1")]),
                line(682.0, &[(160.0, "培育壮大")]),
                line(664.0, &[(160.0, "市场主体")]),
                line(646.0, &[(160.0, "企业")]),
                line(673.0, &[(280.0, "市发展改")]),
                line(655.0, &[(280.0, "革委")]),
                // Row 2, 27 pt below row 1's last line.
                line(619.0, &[(106.0, "2")]),
                line(619.0, &[(160.0, "加强人才引育")]),
                line(619.0, &[(280.0, "市委组织部")]),
            ],
        };
        let t = layout_text(&[page]);
        let lines: Vec<&str> = t.text.lines().collect();
        assert_eq!(
            lines,
            [
                "序号      重点任务            牵头单位",
                "",
                "          培育壮大",
                "                              市发展改",
                " 1        市场主体",
                "                              革委",
                "          企业",
                "",
                " 2        加强人才引育        市委组织部",
            ]
        );
        assert_eq!(t.sources[3], [(0, 5)]);
        // What the dump reader makes of it: the rows' cells whole.
        let tables = columns::find_tables(&t.text);
        let row = |c: [&str; 3]| c.map(String::from).to_vec();
        assert_eq!(
            tables[0].rows[1..],
            [
                row(["1", "培育壮大市场主体企业", "市发展改革委"]),
                row(["2", "加强人才引育", "市委组织部"])
            ]
        );
        assert!(t.sources[1].is_empty());
    }

    /// A page break is a form feed before the next page's first line, as
    /// `pdftotext` writes it.
    #[test]
    fn pages_are_set_apart_by_a_form_feed() {
        let page = |t: &str| Page {
            lines: vec![line(700.0, &[(100.0, t)])],
        };
        let t = layout_text(&[page("甲"), page("乙")]);
        assert_eq!(t.text, "甲\n\x0c乙");
    }

    /// A position no page has (hostile or broken) is set at a bounded
    /// column; a line whose runs do not fit its text is one run.
    #[test]
    fn hostile_positions_stay_bounded() {
        let mut far = line(700.0, &[(100.0, "甲"), (1e30, "乙")]);
        let t = layout_text(&[Page {
            lines: vec![far.clone()],
        }]);
        assert!(t.text.len() < MAX_COLUMN + 16, "{}", t.text.len());
        far.runs = vec![(99, 200.0)];
        let t = layout_text(&[Page { lines: vec![far] }]);
        assert_eq!(t.text, "甲 乙");
    }

    /// A task table among prose: its lines leave the page and a
    /// placeholder line stands where it began; the rows come back as the
    /// table's cells. A page without one is returned as it is.
    #[test]
    fn a_table_s_lines_are_cut_out_for_a_placeholder() {
        let prose = line(740.0, &[(100.0, "附件")]);
        let mut lines = vec![
            prose.clone(),
            line(
                700.0,
                &[
                    (100.0, "序号"),
                    (160.0, "重点任务"),
                    (280.0, "牵头单位"),
                    (400.0, "配合单位"),
                ],
            ),
        ];
        for (k, y) in [(1, 664.0), (2, 628.0)] {
            lines.push(line(y, &[(106.0, &k.to_string())]));
            lines.push(line(
                y,
                &[(160.0, &format!("任务{k}")), (280.0, "市财政局")],
            ));
            lines.push(line(y, &[(400.0, "市商务局")]));
        }
        let pages = [Page { lines }];
        let (cut, tables) = cut_tables(&pages);
        assert_eq!(tables.len(), 1, "{}", layout_text(&pages).text);
        assert_eq!(
            tables[0].rows[2],
            ["2", "任务2", "市财政局", "市商务局"].map(String::from)
        );
        let texts: Vec<&str> = cut[0].lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["附件", "\u{E000}"]);

        let plain = [Page { lines: vec![prose] }];
        let (same, none) = cut_tables(&plain);
        assert!(matches!(same, Cow::Borrowed(_)) && none.is_empty());
    }
}
