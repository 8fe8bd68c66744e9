//! Tables of data: which tables hold data rather than lay out the page, and
//! their cells laid on the grid as a reader sees them.

use scraper::ElementRef;

use super::render::render;

/// The elements below `e` (not `e` itself) named one of `names`, in the
/// order of the text: what `e.select("tr")` or `e.select("td, th")` yields,
/// without a selector matched against each (every table of every page is
/// asked whether it holds data).
fn below<'a>(e: ElementRef<'a>, names: &'static [&str]) -> impl Iterator<Item = ElementRef<'a>> {
    e.descendants()
        .skip(1)
        .filter_map(ElementRef::wrap)
        .filter(move |d| names.contains(&d.value().name()))
}

/// Whether `e` holds another table (a table that lays out the page).
pub(super) fn holds_table(e: ElementRef<'_>) -> bool {
    below(e, &["table"]).next().is_some()
}

/// Whether `e` is or holds a part of a table's grid (a row or a cell).
pub(super) fn holds_grid_part(e: ElementRef<'_>) -> bool {
    const PARTS: &[&str] = &["tr", "td", "th"];
    PARTS.contains(&e.value().name()) || below(e, PARTS).next().is_some()
}

/// A cell of a table: its text (its lines joined by a space) and how many
/// rows and columns it spans.
pub(super) struct Cell {
    text: String,
    rows: usize,
    cols: usize,
}

/// Most columns and rows a cell may span: a `colspan="100000"` must not
/// make a table of millions of cells.
const MAX_SPAN: usize = 1024;

impl Cell {
    /// The cell `c`, whose lines joined by a space are `text`.
    pub(super) fn new(c: ElementRef<'_>, text: String) -> Self {
        let span = |name: &str| {
            c.value()
                .attr(name)
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, MAX_SPAN)
        };
        Cell {
            text,
            rows: span("rowspan"),
            cols: span("colspan"),
        }
    }
}

/// The cells of a table of data, row by row; None for a table that lays out
/// the page (one that holds another table, or fewer than two rows of two
/// filled cells).
///
/// The renderer does not ask this of the tables it walks: it notes their
/// cells as it writes their lines, and asks [`data_rows`] (a cell's text
/// is the lines it writes).
pub(super) fn data_table(e: ElementRef<'_>) -> Option<Vec<Vec<String>>> {
    if holds_table(e) {
        return None;
    }
    data_rows(cells(e))
}

/// The cells of a table (rows, each its cells) as [`data_table`] reads
/// them: every `tr` below it, and every `td` or `th` below each.
fn cells(table: ElementRef<'_>) -> Vec<Vec<Cell>> {
    below(table, &["tr"])
        .map(|tr| {
            below(tr, &["td", "th"])
                .map(|c| Cell::new(c, render(c).join(" ")))
                .collect()
        })
        .collect()
}

/// [`data_table`] of a table without another table inside, given its
/// cells.
pub(super) fn data_rows(cells: Vec<Vec<Cell>>) -> Option<Vec<Vec<String>>> {
    let rows: Vec<Vec<String>> = grid(cells)
        .into_iter()
        .filter(|cells| cells.iter().any(|c| !c.is_empty()))
        .collect();
    let filled = rows
        .iter()
        .filter(|r| r.iter().filter(|c| !c.is_empty()).count() >= 2)
        .count();
    (filled >= 2).then_some(rows)
}

/// A table's cells laid on its grid, as a reader sees them: a cell
/// spanning columns (`colspan`) keeps its text in its first column and
/// leaves the others empty; a cell spanning rows (`rowspan`, a 牵头单位
/// merged down over three tasks) shows its text in every row it covers,
/// as the Word reader does with merged cells. A row spanned whole stays
/// one cell.
fn grid(table: Vec<Vec<Cell>>) -> Vec<Vec<String>> {
    // Per column: the text still spanning down and for how many rows.
    let mut down: Vec<Option<(String, usize)>> = Vec::new();
    let mut rows = Vec::new();
    for tr in table {
        let mut row: Vec<String> = Vec::new();
        let mut cells = tr.into_iter();
        // Empty cells owed to a `colspan`, written only if a cell follows.
        let mut owed = 0;
        let mut col = 0;
        loop {
            let text = if let Some(Some((text, left))) = down.get_mut(col) {
                let text = text.clone();
                *left -= 1;
                if *left == 0 {
                    down[col] = None;
                }
                col += 1;
                text
            } else if let Some(c) = cells.next() {
                if c.rows > 1 {
                    if down.len() <= col {
                        down.resize(col + 1, None);
                    }
                    down[col] = Some((c.text.clone(), c.rows - 1));
                }
                row.extend(std::iter::repeat_n(String::new(), owed));
                row.push(c.text);
                owed = c.cols - 1;
                col += c.cols;
                continue;
            } else if down.iter().skip(col).any(Option::is_some) {
                // A cell spanning down from further right is still to come.
                owed += 1;
                col += 1;
                continue;
            } else {
                break;
            };
            row.extend(std::iter::repeat_n(String::new(), owed));
            owed = 0;
            row.push(text);
        }
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    #[test]
    fn spanned_cells_are_laid_on_the_grid() {
        let html = "<table><tr><td>序号</td><td>任务</td><td>牵头单位</td><td>时限</td></tr>\
            <tr><td colspan=4>一、总体</td></tr>\
            <tr><td>1</td><td>做甲</td><td rowspan=2>市甲局</td><td>年底</td></tr>\
            <tr><td>2</td><td>做乙</td><td>年中</td></tr></table>";
        let doc = Html::parse_fragment(html);
        let table = doc
            .select(&Selector::parse("table").unwrap())
            .next()
            .unwrap();
        assert_eq!(
            grid(cells(table)),
            [
                vec!["序号", "任务", "牵头单位", "时限"],
                vec!["一、总体"],
                vec!["1", "做甲", "市甲局", "年底"],
                vec!["2", "做乙", "市甲局", "年中"],
            ]
        );
    }
}
