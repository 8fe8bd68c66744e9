//! The lists below the text of a notice page: the amounts, the
//! percentages and the percentage points (one row each, linked to their
//! mark), the record's tables
//! cell by cell, and the attachment links. Separate from [`super::text`]
//! because these are the record's lists read in order, not marks on text.

use super::View;
use crate::model::{Amount, Bound, Percentage, PercentagePoint, Span};
use crate::review::figures::{self, bound_name};
use crate::review::html::Html;

impl View<'_> {
    pub(super) fn tables(&self, h: &mut Html) {
        let n = self.n;
        h.raw("<section class=\"tables\">\n");
        let values: Vec<String> = n.amounts.iter().map(figures::amount_value).collect();
        let rows = n.amounts.iter().zip(&values).map(|(a, value)| a.row(value));
        self.figure_table(h, ("amounts", "Amounts", "a"), rows);
        let values: Vec<String> = n
            .percentages
            .iter()
            .map(figures::percentage_value)
            .collect();
        let rows = n
            .percentages
            .iter()
            .zip(&values)
            .map(|(p, value)| p.row(value));
        self.figure_table(h, ("percentages", "Percentages", "p"), rows);
        let values: Vec<String> = n
            .percentage_points
            .iter()
            .map(figures::point_value)
            .collect();
        let rows = n
            .percentage_points
            .iter()
            .zip(&values)
            .map(|(p, value)| p.row(value));
        self.figure_table(h, ("percentage-points", "Percentage points", "pp"), rows);
        self.record_tables(h);
        self.attachments(h);
        h.raw("</section>\n");
    }

    /// The tables the record keeps, cell by cell as written, with where
    /// they stand (their text is also in the document above).
    fn record_tables(&self, h: &mut Html) {
        let n = self.n;
        h.raw("<h2 id=\"tables\">Tables (")
            .display(n.tables.len())
            .raw(")</h2>\n");
        if n.tables.is_empty() {
            h.raw("<p class=\"none\">none found</p>\n");
            return;
        }
        for (i, t) in n.tables.iter().enumerate() {
            let caption = format!(
                "table {} · {} · {} rows",
                i + 1,
                self.place(t.section, t.clause),
                t.rows.len()
            );
            h.raw("<table class=\"cells\">\n")
                .element("caption", &[], &caption)
                .raw("\n<tbody>\n");
            for row in &t.rows {
                h.raw("<tr>");
                for cell in row {
                    h.element("td", &[], cell);
                }
                h.raw("</tr>\n");
            }
            h.raw("</tbody>\n</table>\n");
        }
    }

    /// The page's attachment links, as text: a record's URL is not followed
    /// from the review site (it may be anything the page wrote).
    fn attachments(&self, h: &mut Html) {
        let n = self.n;
        h.raw("<h2 id=\"attachments\">Attachments (")
            .display(n.attachments.len())
            .raw(")</h2>\n");
        if n.attachments.is_empty() {
            h.raw("<p class=\"none\">none found</p>\n");
            return;
        }
        h.raw("<ul class=\"attachments\">\n");
        for a in &n.attachments {
            h.raw("<li>")
                .text(&a.text)
                .raw(" <code>")
                .text(&a.url)
                .raw("</code></li>\n");
        }
        h.raw("</ul>\n");
    }

    fn figure_row(&self, h: &mut Html, id: &str, f: &FigureRow) {
        // The anchor's ordinal: `a12` → 12, `pp3` → 3.
        h.raw("<tr><td class=\"num\">")
            .text(id.trim_start_matches(|c: char| c.is_ascii_alphabetic()))
            .raw("</td><td>");
        if self.fits(f.span) {
            let href = format!("#{id}");
            h.element("a", &[("href", Some(&href))], f.text);
        } else {
            h.text(f.text);
        }
        let class = format!("fig b-{}", bound_name(f.bound));
        let span = format!("{}–{}", f.span[0], f.span[1]);
        h.raw("</td><td class=\"num\">")
            .text(f.value)
            .raw("</td><td>")
            .element("mark", &[("class", Some(&class))], bound_name(f.bound))
            .raw("</td><td>")
            .text(&self.place(f.section, f.clause))
            .raw("</td><td class=\"num\">")
            .text(&span)
            .raw("</td></tr>\n");
    }
}

impl View<'_> {
    /// One list of figures under its heading (`id` its anchor), a row each
    /// linked to its mark (`prefix` and the row's number), or "none found".
    fn figure_table<'b>(
        &self,
        h: &mut Html,
        (id, heading, prefix): (&str, &str, &str),
        rows: impl ExactSizeIterator<Item = FigureRow<'b>>,
    ) {
        h.raw("<h2 id=\"")
            .text(id)
            .raw("\">")
            .text(heading)
            .raw(" (")
            .display(rows.len())
            .raw(")</h2>\n");
        if rows.len() == 0 {
            h.raw("<p class=\"none\">none found</p>\n");
            return;
        }
        h.raw("<table>\n<thead><tr><th class=\"num\">#</th><th>as written</th><th class=\"num\">value</th><th>bound</th><th>where</th><th class=\"num\">span</th></tr></thead>\n<tbody>\n");
        for (i, row) in rows.enumerate() {
            self.figure_row(h, &format!("{prefix}{}", i + 1), &row);
        }
        h.raw("</tbody>\n</table>\n");
    }
}

/// One figure of the amounts, percentages or percentage points: a row of
/// their tables, a mark on the text ([`super::text`]).
pub(super) struct FigureRow<'b> {
    pub(super) text: &'b str,
    pub(super) value: &'b str,
    pub(super) bound: Bound,
    pub(super) section: Option<u32>,
    pub(super) clause: Option<u32>,
    pub(super) span: Span,
}

/// A figure of the record, shown as a [`FigureRow`] with its value as the
/// page writes it.
pub(super) trait Figure {
    fn row<'b>(&'b self, value: &'b str) -> FigureRow<'b>;
}

macro_rules! figure_rows {
    ($($t:ty),*) => {$(
        impl Figure for $t {
            fn row<'b>(&'b self, value: &'b str) -> FigureRow<'b> {
                FigureRow {
                    text: &self.text,
                    value,
                    bound: self.bound,
                    section: self.section,
                    clause: self.clause,
                    span: self.span,
                }
            }
        }
    )*};
}
figure_rows!(Amount, Percentage, PercentagePoint);
