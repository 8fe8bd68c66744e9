//! The lists below the text of a notice page: the amounts, the
//! percentages and the percentage points (one row each, linked to their
//! mark), the record's tables
//! cell by cell, and the attachment links. Separate from [`super::text`]
//! because these are the record's lists read in order, not marks on text.

use super::View;
use crate::model::{Bound, Span};
use crate::review::figures::{self, bound_name};
use crate::review::html::Html;

impl View<'_> {
    pub(super) fn tables(&self, h: &mut Html) {
        let n = self.n;
        h.raw("<section class=\"tables\">\n<h2 id=\"amounts\">Amounts (")
            .display(n.amounts.len())
            .raw(")</h2>\n");
        if n.amounts.is_empty() {
            h.raw("<p class=\"none\">none found</p>\n");
        } else {
            h.raw("<table>\n<thead><tr><th class=\"num\">#</th><th>as written</th><th class=\"num\">value</th><th>bound</th><th>where</th><th class=\"num\">span</th></tr></thead>\n<tbody>\n");
            for (i, a) in n.amounts.iter().enumerate() {
                let value = figures::amount_value(a);
                let row = FigureRow {
                    text: &a.text,
                    value: &value,
                    bound: a.bound,
                    section: a.section,
                    clause: a.clause,
                    span: a.span,
                };
                self.figure_row(h, &format!("a{}", i + 1), &row);
            }
            h.raw("</tbody>\n</table>\n");
        }
        h.raw("<h2 id=\"percentages\">Percentages (")
            .display(n.percentages.len())
            .raw(")</h2>\n");
        if n.percentages.is_empty() {
            h.raw("<p class=\"none\">none found</p>\n");
        } else {
            h.raw("<table>\n<thead><tr><th class=\"num\">#</th><th>as written</th><th class=\"num\">value</th><th>bound</th><th>where</th><th class=\"num\">span</th></tr></thead>\n<tbody>\n");
            for (i, p) in n.percentages.iter().enumerate() {
                let value = figures::percentage_value(p);
                let row = FigureRow {
                    text: &p.text,
                    value: &value,
                    bound: p.bound,
                    section: p.section,
                    clause: p.clause,
                    span: p.span,
                };
                self.figure_row(h, &format!("p{}", i + 1), &row);
            }
            h.raw("</tbody>\n</table>\n");
        }
        h.raw("<h2 id=\"percentage-points\">Percentage points (")
            .display(n.percentage_points.len())
            .raw(")</h2>\n");
        if n.percentage_points.is_empty() {
            h.raw("<p class=\"none\">none found</p>\n");
        } else {
            h.raw("<table>\n<thead><tr><th class=\"num\">#</th><th>as written</th><th class=\"num\">value</th><th>bound</th><th>where</th><th class=\"num\">span</th></tr></thead>\n<tbody>\n");
            for (i, p) in n.percentage_points.iter().enumerate() {
                let value = figures::point_value(p);
                let row = FigureRow {
                    text: &p.text,
                    value: &value,
                    bound: p.bound,
                    section: p.section,
                    clause: p.clause,
                    span: p.span,
                };
                self.figure_row(h, &format!("pp{}", i + 1), &row);
            }
            h.raw("</tbody>\n</table>\n");
        }
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

/// One line of the amounts, percentages or percentage points table.
struct FigureRow<'b> {
    text: &'b str,
    value: &'b str,
    bound: Bound,
    section: Option<u32>,
    clause: Option<u32>,
    span: Span,
}
