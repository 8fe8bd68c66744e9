//! The page of one notice: its text with every section, clause, figure and
//! unit marked on it, warnings on top, the header fields in a box, a legend,
//! an outline to jump through, and the figures listed.
//!
//! # What the text shows
//!
//! The record's `text`, one `<p>` per line, every character once and in
//! order. Sections are `div.sec`, clauses `div.clause`, amounts
//! `mark.fig.amt`, percentages `mark.fig.pct`, percentage points
//! `mark.fig.pct.pts` and unit names `span.unit`,
//! nested by [`marks::layer`](super::marks::layer). Each marked element carries `data-ref`, the
//! JSON pointer of what it marks (`/clauses/3`), and the first element of
//! each an `id` (`s1`, `c4`, `a12`, `p2`, `pp1`: the 1-based ordinal, as in the
//! release's CSV `ordinal` column). Everything the page adds between the
//! lines of the text (a clause's label, its units, counts) sits in elements
//! marked `data-chrome`, so the text of an element minus its `data-chrome`
//! parts is exactly `text[span]` (with [`super::html::visible_char`]).
//!
//! Unit names have no spans in the record: a clause's responsible units
//! (and a section's lead units, on its heading line) are marked where the
//! clause's text contains them verbatim; a unit the text does not contain
//! is flagged in the clause's label row, since the reviewer should see it.
//!
//! A record whose spans do not fit its text (out of range, or a `text`
//! field that is not what its span covers) still renders: the page lists
//! these problems in a red box at the top and leaves an out-of-range span
//! unmarked.
//!
//! Later additions: a clause's `items` (issue 10) nest as one more layer
//! between clause and paragraph ([`Layer`](super::marks::Layer) order),
//! and a "what changed" block (issue 14, `changes.ndjson`) goes after the warnings.
//!
//! # Files
//!
//! [`view`] holds the record with its offsets and problems computed once;
//! [`panels`] renders what stands around the text (the outline, the
//! warnings and the header fields); [`text`] the text with its marks;
//! [`tables`] the lists of figures, tables and attachments below it.
//! This file puts them together in page order.

mod panels;
mod tables;
mod text;
mod view;

use super::html::{web_link, Html};
use crate::batch::DocReport;
use crate::model::Notice;
use view::View;

/// Links from a notice page, relative to the page.
#[derive(Debug, Clone)]
pub struct PageLinks {
    /// The review's index page.
    pub index: String,
    /// The record's JSON file, when it can be reached by a relative link.
    pub record: Option<String>,
}

/// Renders the page of one notice. `doc` is the notice's line in the run's
/// report, when there is one.
pub fn notice_page(n: &Notice, links: &PageLinks, doc: Option<&DocReport>) -> String {
    let v = View::new(n);
    let mut h = Html::new();
    let title = n.title.as_deref().unwrap_or(&n.id);
    super::page_head(&mut h, &format!("{title} · notice-extract review"), None);
    h.raw("<body class=\"notice\">\n");
    bar(&mut h, n, links);
    h.raw("<div class=\"layout\">\n");
    v.outline(&mut h);
    h.raw("<main id=\"top\">\n");
    match &n.title {
        Some(t) => h.element("h1", &[], t),
        None => h.raw("<h1 class=\"none\">no title found</h1>"),
    };
    v.warnings(&mut h, doc);
    v.fields(&mut h, doc);
    v.document(&mut h);
    v.tables(&mut h);
    h.raw("</main>\n</div>\n</body>\n</html>\n");
    h.into_string()
}

/// Where a record's spans and fields disagree (see the module doc), one
/// line each.
pub fn record_problems(n: &Notice) -> Vec<String> {
    View::new(n).problems
}

fn bar(h: &mut Html, n: &Notice, links: &PageLinks) {
    h.raw("<header class=\"bar\">")
        .element("a", &[("href", Some(&links.index))], "← all notices")
        .raw(" <span class=\"brand\">notice-extract review</span> ")
        .element("span", &[("class", Some("id mono"))], &n.id)
        .raw("<span class=\"right\">");
    match &links.record {
        Some(r) => h.element(
            "a",
            &[("href", Some(r)), ("type", Some("application/json"))],
            "record JSON",
        ),
        None => h.raw("<span>record JSON not reachable from here</span>"),
    };
    match web_link(&n.source.uri) {
        Some(href) => h.element(
            "a",
            &[("href", Some(&href)), ("rel", Some("noreferrer"))],
            "source",
        ),
        // A path as given to `run`: not reachable from the site. Any
        // other scheme (javascript:, data:, file:) is never linked.
        None if url::Url::parse(&n.source.uri).is_err() => {
            h.raw("<span>source: a local file</span>")
        }
        None => h.raw("<span>source: not an http(s) address, not linked</span>"),
    };
    h.raw("</span></header>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice() -> Notice {
        let text = "关于印发若干政策的通知\n一、支持企业发展（由市科技局牵头实施）\n（一）给予最高100万元奖励，补助不超过50%。（责任单位：市财政局、市税务局）";
        let raw = crate::fetch::RawDocument::from_bytes("memo.txt", text.as_bytes().to_vec());
        crate::extract(&raw, &crate::Config::default()).expect("extracts")
    }

    fn links() -> PageLinks {
        PageLinks {
            index: "../index.html".into(),
            record: Some("../../notices/memo.json".into()),
        }
    }

    #[test]
    fn figures_units_and_clauses_are_marked() {
        let n = notice();
        assert_eq!(record_problems(&n), Vec::<String>::new());
        let page = notice_page(&n, &links(), None);
        assert!(page.contains("data-ref=\"/amounts/0\""), "{page}");
        assert!(page.contains("class=\"fig amt b-max\" id=\"a1\""));
        assert!(page.contains("class=\"fig pct b-max\" id=\"p1\""));
        assert!(page.contains("<span class=\"unit resp\" title=\"responsible unit (责任单位) of clause (一)\">市财政局</span>"));
        assert!(page.contains(
            "<span class=\"unit lead\" title=\"lead unit (牵头) of section 一\">市科技局</span>"
        ));
        // The unit the text does not name is flagged, not hidden.
        assert!(!page.contains("chip missing"));
    }

    #[test]
    fn a_record_whose_spans_disagree_renders_with_its_problems_listed() {
        let mut n = notice();
        n.amounts[0].span = [1000, 1004];
        n.clauses[0].text = "另一段".into();
        n.clauses[0].responsible_units.push("市发改委".into());
        n.percentages[0].clause = Some(9);
        let problems = record_problems(&n);
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(problems[0].contains("clauses[0]") && problems[0].contains("另一段"));
        assert!(problems[1].contains("amounts[0]") && problems[1].contains("does not fit"));
        assert!(problems[2].contains("percentages[0]: clause 9"));
        let page = notice_page(&n, &links(), None);
        assert!(page.contains("Record problems (3)"));
        assert!(
            !page.contains("id=\"a1\""),
            "an out-of-range span is not marked"
        );
        assert!(
            page.contains("class=\"chip missing\""),
            "a unit not in the text is flagged"
        );
    }
}
