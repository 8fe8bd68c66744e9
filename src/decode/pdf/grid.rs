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
const PITCH_SLACK_EM: f32 = 0.02;

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

/// Widths of a space looked at for a text layout printed in a
/// proportional font (see [`space_width`]), in ems, widest first: Noto
/// CJK's space is a quarter em, a Latin font's a third; at half an em
/// (SimSun) a space is a monospace column already.
const SPACE_EMS: (f32, f32) = (0.45, 0.15);

/// Step between the space widths tried, in ems: an offset of 60 spaces
/// must stay within [`SPACE_FIT_EM`] of a multiple.
const SPACE_STEP_EM: f32 = 0.0002;

/// How far (in ems) a line's indent may be from a whole number of spaces
/// and still be set by them: a PDF printer places glyphs to a hundredth
/// of a point, and a space's width is rounded in the font's units, so
/// 60 spaces drift by a few hundredths of an em. Tighter, the indents of
/// a real `-layout` print no longer fit its own space width.
const SPACE_FIT_EM: f32 = 0.03;

/// Share of the indented lines a space width must explain: the indents
/// of a table's cells drawn by a word processor are where the cells
/// begin, and a few fit any width by chance.
const SPACE_FIT_SHARE: f32 = 0.9;

/// Indented lines needed to tell a text layout's spaces.
const MIN_SPACE_SAMPLES: usize = 12;

/// Share of a text layout's characters set in its one size (see
/// [`space_width`]).
const ONE_SIZE_SHARE: f32 = 0.9;

/// Different indents (counts of spaces) a text layout's lines must show
/// for a space width to be its: see [`space_width`].
const MIN_SPACE_INDENTS: usize = 4;

/// How much wider than its ink (a share) a run's text may be before its
/// spaces are narrowed ([`fit_spaces`]): a digit or Latin letter is
/// narrower than the half em it is counted as.
const FIT_SLACK: f32 = 1.15;

/// How close to the page's right text edge (in ems) a line ends that was
/// justified: its spaces stretched, so they are no measure.
const JUSTIFIED_EM: f32 = 0.1;

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

/// The lines of each page on a justified row: a row one of whose lines
/// ends at the page's right text edge (where its longest lines end),
/// its gaps stretched to fill the line, so they are no measure of
/// spaces.
fn justified_lines(pages: &[Page], rows: &[Vec<Vec<usize>>]) -> Vec<HashSet<usize>> {
    pages
        .iter()
        .zip(rows)
        .map(|(p, rows)| {
            let edge = p
                .lines
                .iter()
                .map(|l| l.right)
                .filter(|x| x.is_finite())
                .fold(f32::NEG_INFINITY, f32::max);
            let at_edge = |i: &usize| {
                let l = &p.lines[*i];
                l.right >= edge - JUSTIFIED_EM * sane_size(l.size)
            };
            rows.iter()
                .filter(|row| row.iter().any(at_edge))
                .flatten()
                .copied()
                .collect()
        })
        .collect()
}

/// The width of a space (in ems) when the pages are a text layout
/// printed in a proportional font: a `-layout` dump or a text file whose
/// columns were set with spaces, each space narrower than the half em a
/// monospace column takes. Then a line's indent is a whole number of
/// spaces, and its runs lie at the columns those spaces make, not at
/// their x over half an em (which sets a cell's wrapped line, indented
/// by 46 narrow spaces, under the column left of its own). None when
/// the lines' indents are no whole numbers of one width (a word
/// processor's table cells, prose): the widest width explaining
/// [`SPACE_FIT_SHARE`] of them, so that a half or a third of it (which
/// explain them too) is never taken.
fn space_width(pages: &[Page], origin: f32, justified: &[HashSet<usize>]) -> Option<f32> {
    // A text layout is printed in one size. A word processor's document
    // with a table set smaller is none (its cells where the borders put
    // them): a narrow width fitting its cells and its 2-em indents by
    // chance would set a header's runs apart from the cells under them.
    let mut sizes: HashMap<i32, usize> = HashMap::new();
    for l in pages.iter().flat_map(|p| &p.lines) {
        *sizes.entry(size_key(l.size)).or_default() += l.text.chars().count();
    }
    let chars: usize = sizes.values().sum();
    let (_, in_body) = sizes.into_iter().max_by_key(|&(k, n)| (n, k))?;
    // A text printed in one size, all but a header's or footer's lines;
    // a document of several sizes (a title, a table set smaller) is a
    // word processor's, its lines where its paragraphs and cells put them.
    if (in_body as f32) < ONE_SIZE_SHARE * chars as f32 {
        return None;
    }
    let offsets: Vec<f32> = pages
        .iter()
        .zip(justified)
        .flat_map(|(p, j)| {
            p.lines
                .iter()
                .enumerate()
                .filter(|(i, _)| !j.contains(i))
                .map(|(_, l)| l)
        })
        .map(|l| (l.left - origin) / sane_size(l.size))
        .filter(|off| off.is_finite() && *off >= 0.1)
        .collect();
    if offsets.len() < MIN_SPACE_SAMPLES {
        return None;
    }
    let need = (SPACE_FIT_SHARE * offsets.len() as f32).ceil() as usize;
    let fitted = |w: f32| {
        offsets
            .iter()
            .filter(|&&off| {
                let n = (off / w).round();
                n >= 1.0 && (off - n * w).abs() <= SPACE_FIT_EM
            })
            .count()
    };
    // Indents on the half-em grid are monospace columns already (a
    // quarter em fits them too, at twice the count).
    if fitted(0.5) >= need {
        return None;
    }
    // The widest width fitting enough indents: a half or a third of it
    // fits them too (at two or three times the count), and taking the
    // width fitting the most would pick those whenever a few stray
    // indents fit them by chance.
    // And indents at enough different counts of spaces: a word
    // processor's few indents (the margin's 2 em, a table's cell edges)
    // fit some narrow width by chance; a layout set with spaces puts its
    // lines and cells at many.
    let counts = |w: f32| {
        let mut n: Vec<i64> = offsets
            .iter()
            .filter_map(|&off| {
                let n = (off / w).round();
                (n >= 1.0 && (off - n * w).abs() <= SPACE_FIT_EM).then_some(n as i64)
            })
            .collect();
        n.sort_unstable();
        n.dedup();
        n.len()
    };
    let steps = ((SPACE_EMS.0 - SPACE_EMS.1) / SPACE_STEP_EM) as usize;
    (0..=steps)
        .map(|k| SPACE_EMS.0 - k as f32 * SPACE_STEP_EM)
        .find(|&w| fitted(w) >= need)
        .filter(|&w| counts(w) >= MIN_SPACE_INDENTS)
}

/// The monospace column of each run of a line set with spaces of
/// `space` ems (see [`space_width`]): the spaces before it (its gap over
/// a space's width) and the columns of the text before it.
fn space_columns(line: &Line, origin: f32, space: f32) -> Vec<usize> {
    let size = sane_size(line.size);
    let space = space * size;
    let mut out = Vec::new();
    let mut col = 0usize;
    let mut x = origin;
    for (k, (rx, text)) in runs_of(line).into_iter().enumerate() {
        let text = text.trim();
        let gap = ((rx - x) / space).round();
        let gap = if gap.is_finite() && gap > 0.0 {
            (gap as usize).min(MAX_COLUMN)
        } else {
            0
        };
        col = (col + gap.max(usize::from(k > 0))).min(MAX_COLUMN);
        out.push(col);
        // The run's own spaces are narrow too.
        let blanks = text.chars().filter(|c| c.is_whitespace()).count();
        let inked: usize = text.chars().filter(|c| !c.is_whitespace()).map(cols).sum();
        x = rx + inked as f32 * size / 2.0 + blanks as f32 * space;
        col += inked + blanks;
    }
    out
}

/// A letter-spaced run's text with its spaces narrowed to fit the
/// `width` (columns) its ink spans: a justified line's gaps, stretched to
/// fill it, come from the backend as spaces, so a header letter-spaced
/// across a table (`重 点 任 务`, then 29 spaces) would be set far right of
/// its column. Each gap keeps a space at least. A run that fits, or is
/// not letter-spaced (its spaces the text's own, which set its columns),
/// is as it is.
fn fit_spaces(text: &str, width: f32) -> Cow<'_, str> {
    let ink: usize = text.chars().filter(|c| !c.is_whitespace()).map(cols).sum();
    let blanks = text.chars().filter(|c| c.is_whitespace()).count();
    let total = (ink + blanks) as f32;
    if blanks == 0 || !width.is_finite() || total <= width * FIT_SLACK + 2.0 {
        return Cow::Borrowed(text);
    }
    // Ideographs a single space apart (`重 点`), twice: letter spacing.
    let chars: Vec<char> = text.chars().collect();
    let spaced = chars
        .windows(3)
        .filter(|w| is_cjk(w[0]) && w[1] == ' ' && is_cjk(w[2]))
        .count();
    if spaced < 2 {
        return Cow::Borrowed(text);
    }
    let share = ((width - ink as f32) / blanks as f32).max(0.0);
    let mut out = String::with_capacity(text.len());
    let mut gap = 0usize;
    for c in text.chars() {
        if c.is_whitespace() {
            gap += 1;
            continue;
        }
        if gap > 0 {
            let n = ((gap as f32 * share).round() as usize).clamp(1, gap);
            out.extend(std::iter::repeat_n(' ', n));
            gap = 0;
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// A row set as a line of a monospace dump (see the module doc):
/// `origin` is the x of column 0; a line set with spaces (`spaced`: the
/// columns of its runs) is set at those columns.
fn render_row(
    page: &Page,
    row: &[usize],
    origin: f32,
    spaced: &HashMap<usize, Vec<usize>>,
) -> String {
    let size = row
        .iter()
        .map(|&i| sane_size(page.lines[i].size))
        .fold(f32::INFINITY, f32::min);
    let unit = sane_size(size) / 2.0;
    // (x, line, text, columns the run's ink spans when set by its x).
    let mut runs: Vec<(f32, usize, Cow<'_, str>)> = row
        .iter()
        .flat_map(|&i| {
            let at = spaced.get(&i);
            let line = &page.lines[i];
            let line_runs = runs_of(line);
            let ends: Vec<f32> = line_runs
                .iter()
                .skip(1)
                .map(|r| r.0)
                .chain(std::iter::once(line.right))
                .collect();
            line_runs
                .into_iter()
                .zip(ends)
                .enumerate()
                .map(move |(k, ((x, t), end))| match at.and_then(|c| c.get(k)) {
                    Some(&c) => (c as f32 * unit + origin, i, Cow::Borrowed(t.trim())),
                    None => (x, i, fit_spaces(t.trim(), (end - x) / unit)),
                })
        })
        .filter(|(_, _, t)| !t.is_empty())
        .collect();
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out = String::new();
    let mut cursor = 0usize;
    let mut last_line: Option<usize> = None;
    for (x, line, text) in runs {
        let text = text.as_ref();
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
    let page_rows: Vec<Vec<Vec<usize>>> = pages.iter().map(rows_of).collect();
    let justified = justified_lines(pages, &page_rows);
    let space = space_width(pages, origin, &justified);
    let mut lines: Vec<String> = Vec::new();
    let mut sources: Vec<Vec<(usize, usize)>> = Vec::new();
    for (p, (page, rows)) in pages.iter().zip(&page_rows).enumerate() {
        let pitches = pitches(page, rows);
        // The lines set with spaces: all but the justified ones.
        let spaced: HashMap<usize, Vec<usize>> = match space {
            Some(w) => page
                .lines
                .iter()
                .enumerate()
                .filter(|(i, _)| !justified[p].contains(i))
                .map(|(i, l)| (i, space_columns(l, origin, w)))
                .collect(),
            None => HashMap::new(),
        };
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
            let text = render_row(page, row, origin, &spaced);
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

/// Words of a line that could be part of a table's header: a unit column
/// (`…单位`, `…部门`), a number column (`序号`), a column of money in its
/// unit (`下达金额（万元）`, `标准（元/人）`: a unit in brackets, which
/// prose seldom writes).
const TABLE_HEADER_WORDS: &[&str] = &["单位", "部门", "序号", "（万元）", "(万元)", "（元", "(元"];

/// Whether any line could be part of a table's header
/// ([`TABLE_HEADER_WORDS`]): most documents have none, and are spared the
/// layout text.
fn may_have_table(pages: &[Page]) -> bool {
    pages
        .iter()
        .flat_map(|p| &p.lines)
        .any(|l| TABLE_HEADER_WORDS.iter().any(|w| l.text.contains(w)))
        || pages.iter().any(has_rows_of_cells)
}

/// Pieces a baseline holds in a row of a table of plain names: three
/// columns at least ([`columns::Headers::Plain`]).
const MIN_ROW_PIECES: usize = 3;

/// Baselines of [`MIN_ROW_PIECES`] a page needs to hold a table of plain
/// names: its header and two rows.
const MIN_CELL_ROWS: usize = 3;

/// Whether a page holds [`MIN_CELL_ROWS`] baselines of [`MIN_ROW_PIECES`]
/// pieces or more (lines side by side, or a line's runs set apart): a
/// table's rows, which prose never has.
fn has_rows_of_cells(page: &Page) -> bool {
    let mut pieces: HashMap<i64, usize> = HashMap::new();
    for l in &page.lines {
        // Baselines to a tenth of a point: a row's cells share one.
        *pieces.entry((l.y * 10.0).round() as i64).or_default() += 1 + l.runs.len();
    }
    pieces.values().filter(|&&n| n >= MIN_ROW_PIECES).count() >= MIN_CELL_ROWS
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
    // What the dump reader is given, to compare with `pdftotext -layout`
    // (RUST_LOG=notice_extract::decode::pdf::grid=trace).
    tracing::trace!("layout text:\n{}", layout.text);
    let mut tables = columns::find_tables_with(&layout.text, columns::Headers::Plain);
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

    /// A text layout printed in a proportional font: its columns were set
    /// with spaces a quarter em wide, so a cell's wrapped line indented
    /// by 46 spaces starts at x = 46 quarter ems, under the column left of
    /// its own by x over half an em. Counted in spaces it lies under its
    /// header again. A justified row (ending at the right text edge, its
    /// gaps stretched) keeps its x, as the header does.
    #[test]
    fn a_layout_printed_with_narrow_spaces_is_set_by_its_spaces() {
        // x of column `c` of a line set with 3 pt spaces, after `text`.
        let sp = |c: f32| 100.0 + 3.0 * c;
        let mut lines = vec![
            line(790.0, &[(sp(13.0), "某某市重点任务分工表")]),
            line(760.0, &[(100.0, "附件")]),
            // Justified: it ends at the right edge (448).
            line(
                740.0,
                &[(112.0, "序号"), (220.0, "重点任务"), (400.0, "责任单位")],
            ),
        ];
        // Rows of three lines: the unit's two lines around the number's.
        let rows = [
            (
                "1",
                "培育壮大外贸经营主体",
                "市商务局、市财政局，各县",
                "（市、区）人民政府",
            ),
            (
                "3",
                "加快跨境电子商务发展",
                "市商务局、九江海关、市邮政",
                "管理局",
            ),
            (
                "4",
                "发展市场采购贸易方式",
                "市商务局、市市场监管局、九",
                "江海关，共青城市人民政府",
            ),
        ];
        let mut y = 704.0;
        for (k, (n, task, above, below)) in rows.iter().enumerate() {
            if k == 1 {
                // Row 2 on one justified line.
                lines.push(line(
                    y,
                    &[
                        (112.0, "2"),
                        (160.0, "支持企业开拓国际市场"),
                        (340.0, "市商务局、市贸促会"),
                    ],
                ));
                y -= 36.0;
            }
            lines.push(line(y, &[(sp(46.0), above)]));
            // "1" is a half em (6 pt) wide, then 6 spaces.
            lines.push(line(
                y - 18.0,
                &[(sp(3.0), n), (sp(3.0) + 6.0 + 18.0, task)],
            ));
            lines.push(line(y - 36.0, &[(sp(46.0), below)]));
            y -= 72.0;
        }
        // Prose before the attachment, indented by 4 and 10 spaces as a
        // `-layout` page's paragraphs are: with indents of 3 and 46
        // spaces only, a width half again as wide fits them as 2 and 30
        // spaces (within a printer's drift), which no real page is.
        for (k, (c, text)) in [
            (4.0, "各地要按照职责分工抓好落实"),
            (10.0, "确保各项任务按期完成"),
            (4.0, "工作中的重要情况及时报告"),
        ]
        .into_iter()
        .enumerate()
        {
            lines.push(line(850.0 - 18.0 * k as f32, &[(sp(c), text)]));
        }
        let pages = [Page { lines }];
        let t = layout_text(&pages);
        let text: Vec<&str> = t.text.lines().collect();
        let unit = format!("{}市商务局、市财政局，各县", " ".repeat(46));
        assert!(text.contains(&unit.as_str()), "{}", t.text);
        assert!(
            text.contains(&"   1      培育壮大外贸经营主体"),
            "{}",
            t.text
        );
        let tables = columns::find_tables(&t.text);
        assert_eq!(tables.len(), 1, "{}", t.text);
        let units: Vec<&str> = tables[0].rows.iter().map(|r| r[2].as_str()).collect();
        assert_eq!(
            units,
            [
                "责任单位",
                "市商务局、市财政局，各县（市、区）人民政府",
                "市商务局、市贸促会",
                "市商务局、九江海关、市邮政管理局",
                "市商务局、市市场监管局、九江海关，共青城市人民政府",
            ],
            "{}",
            t.text
        );
    }

    /// A letter-spaced header stretched across a justified line is
    /// narrowed to the width its ink spans; a run whose spaces are the
    /// text's own (`2027 年底前`) or that fits is kept.
    #[test]
    fn letter_spaced_runs_are_narrowed_to_their_ink() {
        let header = format!(
            "序 号{}重 点 任 务{}责 任 单 位",
            " ".repeat(29),
            " ".repeat(50)
        );
        let fitted = fit_spaces(&header, 60.0);
        assert!(fitted.starts_with("序 号 "), "{fitted}");
        let cols_of = |t: &str| t.chars().map(cols).sum::<usize>() as f32;
        // Each single space stays, so a little over the width.
        assert!(cols_of(&fitted) <= 66.0, "{fitted}");
        assert!(fitted.contains("重 点 任 务"));
        let own = format!(
            "1{}市发展改革委{}2027 年底前",
            " ".repeat(29),
            " ".repeat(30)
        );
        assert_eq!(fit_spaces(&own, 50.0), own);
        assert_eq!(fit_spaces("序 号 重 点", 40.0), "序 号 重 点");
    }

    /// Cells whose lefts lie on the half-em grid are set by their x, not
    /// counted in quarter ems (which fit them too): no text layout.
    #[test]
    fn lefts_on_the_half_em_grid_are_no_spaces() {
        let lines: Vec<Line> = (0..8)
            .map(|k| {
                line(
                    700.0 - 18.0 * k as f32,
                    &[(106.0 + 12.0 * k as f32, "甲乙")],
                )
            })
            .collect();
        let pages = [Page { lines }];
        let rows: Vec<Vec<Vec<usize>>> = pages.iter().map(rows_of).collect();
        let justified = justified_lines(&pages, &rows);
        assert_eq!(space_width(&pages, 100.0, &justified), None);
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
