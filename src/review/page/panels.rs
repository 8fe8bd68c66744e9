//! What stands around the text of a notice page: the outline to jump
//! through (left), the warnings and record problems, and the header fields
//! box (above the text). Separate from [`super::text`] because none of it
//! is inside the text: it reads the record's fields, not its spans.

use std::collections::HashSet;

use super::View;
use crate::batch::DocReport;
use crate::review::figures;
use crate::review::html::{web_link, Html};

impl View<'_> {
    pub(super) fn outline(&self, h: &mut Html) {
        let n = self.n;
        h.raw("<nav class=\"outline\" aria-label=\"Outline\">\n<div class=\"jump\">")
            .raw("<a href=\"#top\">top</a><a href=\"#text\">text</a>")
            .raw(
                "<a href=\"#amounts\">amounts</a><a href=\"#percentages\">percentages</a>\
                 <a href=\"#percentage-points\">points</a></div>\n",
            );
        h.raw("<h2>Outline</h2>\n");
        if n.sections.is_empty() && n.clauses.is_empty() {
            h.raw("<p class=\"none\">no sections or clauses found</p>\n");
        }
        let clause_link = |h: &mut Html, i: usize| {
            let c = &n.clauses[i];
            let text = format!("({}) {}", c.label, c.title);
            h.raw("<li>");
            if self.fits(c.span) {
                let href = format!("#c{}", i + 1);
                h.element("a", &[("href", Some(&href)), ("title", Some(&text))], &text);
            } else {
                h.text(&text);
            }
            h.raw("</li>\n");
        };
        let sections: HashSet<u32> = n.sections.iter().map(|s| s.number).collect();
        h.raw("<ol>\n");
        for (i, s) in n.sections.iter().enumerate() {
            let text = format!("{} {}", s.label, s.title);
            h.raw("<li>");
            if self.fits(s.span) {
                let href = format!("#s{}", i + 1);
                h.element(
                    "a",
                    &[
                        ("class", Some("sec-link")),
                        ("href", Some(&href)),
                        ("title", Some(&text)),
                    ],
                    &text,
                );
            } else {
                h.text(&text);
            }
            let mine: Vec<usize> = (0..n.clauses.len())
                .filter(|&c| n.clauses[c].section == Some(s.number))
                .collect();
            if !mine.is_empty() {
                h.raw("\n<ol>\n");
                for c in mine {
                    clause_link(h, c);
                }
                h.raw("</ol>");
            }
            h.raw("</li>\n");
        }
        for c in 0..n.clauses.len() {
            if !n.clauses[c].section.is_some_and(|s| sections.contains(&s)) {
                clause_link(h, c);
            }
        }
        h.raw("</ol>\n</nav>\n");
    }

    pub(super) fn warnings(&self, h: &mut Html, doc: Option<&DocReport>) {
        let n = self.n;
        let stale = doc.is_some_and(|d| d.stale_record);
        if !n.warnings.is_empty() || stale {
            h.raw("<section class=\"box warnings\" id=\"warnings\">\n<h2>Warnings (")
                .display(n.warnings.len() + usize::from(stale))
                .raw(")</h2>\n<ul>\n");
            if let Some(d) = doc.filter(|d| d.stale_record) {
                h.raw("<li><code>stale_record</code> the last run failed on this document (")
                    .text(d.error.as_ref().map_or("", |e| e.code.as_str()))
                    .raw("); this record is from an earlier run</li>\n");
            }
            for w in &n.warnings {
                h.raw("<li>")
                    .element("code", &[], &w.code)
                    .raw(" ")
                    .text(&w.message)
                    .raw("</li>\n");
            }
            h.raw("</ul>\n</section>\n");
        }
        if !self.problems.is_empty() {
            h.raw("<section class=\"box problems\" id=\"problems\">\n<h2>Record problems (")
                .display(self.problems.len())
                .raw(")</h2>\n<p>The record's spans and fields disagree; what is marked below follows the spans.</p>\n<ul>\n");
            for p in &self.problems {
                h.element("li", &[], p).raw("\n");
            }
            h.raw("</ul>\n</section>\n");
        }
    }

    pub(super) fn fields(&self, h: &mut Html, doc: Option<&DocReport>) {
        let n = self.n;
        h.raw("<section class=\"box fields\" aria-label=\"Header fields\">\n<h2>Header fields</h2>\n<dl>\n");
        let opt = |h: &mut Html, name: &str, key: &str, v: Option<&str>| {
            h.open("dt", &[("title", Some(key))]).text(name).close("dt");
            match v {
                Some(v) => h.element("dd", &[], v),
                None => h.raw("<dd class=\"none\">none found</dd>"),
            };
            h.raw("\n");
        };
        opt(h, "policy title", "policy_title", n.policy_title.as_deref());
        opt(h, "文号 number", "doc_number", n.doc_number.as_deref());
        let list = |v: &[String]| (!v.is_empty()).then(|| v.join("、"));
        opt(h, "issuers", "issuers", list(&n.issuers).as_deref());
        opt(
            h,
            "主送 recipients",
            "recipients",
            list(&n.recipients).as_deref(),
        );
        opt(h, "signed", "signed_date", n.signed_date.as_deref());
        opt(h, "published", "published_at", n.published_at.as_deref());
        h.raw("<dt title=\"source.uri\">source</dt><dd>");
        match web_link(&n.source.uri) {
            Some(href) => h.element(
                "a",
                &[("href", Some(&href)), ("rel", Some("noreferrer"))],
                &n.source.uri,
            ),
            None => h.element("span", &[("class", Some("mono"))], &n.source.uri),
        };
        h.raw("</dd>\n");
        let s = &n.source;
        let decoded = format!(
            "{} · {} bytes · {} ({}) · {}",
            s.media_type,
            figures::group_digits(s.bytes as f64),
            s.encoding.as_deref().unwrap_or("no charset"),
            s.encoding_source,
            s.extractor
        );
        opt(h, "decoded", "source", Some(&decoded));
        let sha = format!("sha256 {}", s.sha256);
        h.raw("<dt>record</dt><dd>")
            .element(
                "span",
                &[("class", Some("mono")), ("title", Some(&sha))],
                &n.id,
            )
            .raw(" · schema ")
            .text(&n.schema_version)
            .raw("</dd>\n");
        if let Some(d) = doc {
            let status = serde_json::to_value(d.status)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            h.raw("<dt>run</dt><dd>")
                .element(
                    "span",
                    &[("class", Some(&format!("status {status}")))],
                    &status,
                )
                .raw(" · ")
                .element("span", &[("class", Some("mono"))], &d.input)
                .raw("</dd>\n");
        }
        let counts = [
            figures::count(n.sections.len(), "section"),
            figures::count(n.clauses.len(), "clause"),
            figures::count(n.amounts.len(), "amount"),
            // Points are counted apart (they are percentages too).
            figures::count(
                n.percentages.iter().filter(|p| !p.is_point()).count(),
                "percentage",
            ),
            figures::count(n.percentage_points.len(), "percentage point"),
            format!("{} code points", figures::group_digits(self.len as f64)),
        ]
        .join(" · ");
        opt(h, "found", "", Some(&counts));
        h.raw("</dl>\n</section>\n");
    }
}
