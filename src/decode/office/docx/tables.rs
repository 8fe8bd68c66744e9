//! Word tables: the cells of a row laid on the table's grid (merges
//! across and down, as Word shows them), and what a closed table becomes:
//! a table of data gives one paragraph per row and a [`TextTable`], a
//! frame (one cell around the text) gives its paragraphs as they are.
//! Separate from [`super::body`] because it decides what a table is, once
//! the walk has read its cells.

use super::body::{Body, Paragraph};
use crate::decode::office::xml::attr;
use crate::decode::{collapse_space, TextTable};

/// A table being read: rows of cells.
#[derive(Default)]
pub(in crate::decode::office) struct OpenTable {
    pub(in crate::decode::office) rows: Vec<OpenRow>,
}

/// A row being read: grid columns skipped before its first cell
/// (`w:gridBefore`), and its cells.
#[derive(Default)]
pub(in crate::decode::office) struct OpenRow {
    pub(in crate::decode::office) before: usize,
    pub(in crate::decode::office) cells: Vec<OpenCell>,
    /// The cells' edges in twips, where the format gives them so (a
    /// `.doc` row's definition) rather than as spans.
    pub(in crate::decode::office) edges: Vec<i16>,
}

/// A cell being read: its paragraphs, the grid columns it spans
/// (`w:gridSpan`), and its part in a vertical merge (`w:vMerge`).
pub(in crate::decode::office) struct OpenCell {
    pub(in crate::decode::office) paragraphs: Vec<String>,
    pub(in crate::decode::office) span: usize,
    pub(in crate::decode::office) merge: VMerge,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::decode::office) enum VMerge {
    None,
    /// The first cell of a vertical merge: holds the text.
    Restart,
    /// A cell below it: shows the text of the cell above.
    Continue,
}

/// Widest grid a row may claim: Word's tables have at most 63 columns; a
/// hostile `w:gridSpan` must not make a row of millions of cells.
const MAX_GRID_COLUMNS: usize = 1024;

/// A `w:val` counting grid columns, capped.
pub(super) fn grid_count(e: &quick_xml::events::BytesStart<'_>) -> usize {
    attr(e, b"val")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(0)
        .min(MAX_GRID_COLUMNS)
}

/// A table's rows laid on its grid, as Word shows them: a cell spanning
/// columns keeps its text in its first column and leaves the others empty
/// (as a sheet's merge across does); a cell continuing a vertical merge
/// shows the text of the cell above it in its column (so a 牵头单位 merged
/// down over three tasks is each task's); rows padded to the widest.
fn grid(rows: Vec<OpenRow>) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::with_capacity(rows.len());
    for row in rows {
        let mut cells = vec![String::new(); row.before];
        for cell in row.cells {
            let col = cells.len();
            if col >= MAX_GRID_COLUMNS {
                break;
            }
            let text = match cell.merge {
                VMerge::Continue => out
                    .last()
                    .and_then(|above| above.get(col))
                    .cloned()
                    .unwrap_or_default(),
                VMerge::None | VMerge::Restart => collapse_space(&cell.paragraphs.join(" ")),
            };
            cells.push(text);
            let span = cell.span.min(MAX_GRID_COLUMNS - col);
            cells.extend(std::iter::repeat_n(String::new(), span - 1));
        }
        out.push(cells);
    }
    let width = out.iter().map(Vec::len).max().unwrap_or(0);
    for r in &mut out {
        r.resize(width, String::new());
    }
    out
}

/// A closed table: a table of data becomes one paragraph per row and a
/// [`TextTable`]; a frame gives its cells' paragraphs. A table inside a
/// cell is text of that cell.
pub(in crate::decode::office) fn finish_table(
    t: OpenTable,
    outer: &mut [OpenTable],
    body: &mut Body,
) {
    let frame: Vec<String> = t
        .rows
        .iter()
        .flat_map(|r| r.cells.iter())
        .flat_map(|c| c.paragraphs.iter().cloned())
        .collect();
    let rows: Vec<Vec<String>> = grid(t.rows)
        .into_iter()
        .filter(|r: &Vec<String>| r.iter().any(|c| !c.is_empty()))
        .collect();
    let filled = rows
        .iter()
        .filter(|r| r.iter().filter(|c| !c.is_empty()).count() >= 2)
        .count();
    let data = filled >= 2;
    // A table in a cell: a table of data gives a paragraph per row, a frame
    // its paragraphs as they are (pages saved as Word nest the body in
    // frames three deep, and its paragraphs must stay paragraphs).
    if let Some(cell) = outer
        .last_mut()
        .and_then(|o| o.rows.last_mut())
        .and_then(|r| r.cells.last_mut())
    {
        if data {
            cell.paragraphs.extend(
                rows.iter()
                    .map(|r| collapse_space(&r.join(" ")))
                    .filter(|s| !s.is_empty()),
            );
        } else {
            cell.paragraphs
                .extend(frame.into_iter().filter(|s| !s.is_empty()));
        }
        return;
    }
    if data {
        let start = body.paragraphs.len();
        for r in &rows {
            body.paragraphs.push(Paragraph {
                text: collapse_space(&r.join(" ")),
                size: 0,
                centered: false,
                boxed: true,
            });
        }
        body.tables.push(TextTable {
            paragraphs: start..body.paragraphs.len(),
            rows,
            row_paragraphs: Vec::new(),
        });
    } else {
        for text in frame {
            if !text.is_empty() {
                body.paragraphs.push(Paragraph {
                    text,
                    size: 0,
                    centered: false,
                    boxed: true,
                });
            }
        }
    }
}
