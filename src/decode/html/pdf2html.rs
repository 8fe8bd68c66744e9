//! A PDF's lines on a web page: shown by pdf2htmlEX (`#page-container`,
//! one `div.pf` per page, one absolutely placed `div.t` per line of the
//! PDF), or pasted into a `<pre>` block. The lines are the PDF's,
//! hard-wrapped mid-sentence, so they are joined the way a text dump of a
//! PDF is ([`crate::decode::text::rewrap`]), not read as paragraphs.

use std::sync::LazyLock;

use scraper::{ElementRef, Html, Selector};

use super::selector;
use crate::decode::collapse_space;

static LINE: LazyLock<Selector> = LazyLock::new(|| selector("div.t"));

/// The converted PDF's text, a line per line and a form feed between pages,
/// when the page holds one.
pub(super) fn converted_pdf_text(doc: &Html) -> Option<String> {
    let pages: Vec<String> = pdf_pages(doc)
        .map(|page| {
            page.select(&LINE)
                .map(|line: ElementRef<'_>| collapse_space(&line.text().collect::<String>()))
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .filter(|p| !p.is_empty())
        .collect();
    (!pages.is_empty()).then(|| pages.join("\n\x0c"))
}

/// The pages of a converted PDF: what `doc.select("#page-container
/// div.pf")` yields (the tree's arena order, elements in the tree), without
/// the selector matched against every element of every page (nearly none
/// holds a converted PDF).
fn pdf_pages(doc: &Html) -> impl Iterator<Item = ElementRef<'_>> {
    doc.tree.nodes().filter_map(ElementRef::wrap).filter(|e| {
        let el = e.value();
        el.name() == "div"
            && e.parent().is_some()
            && el.classes().any(|c| c == "pf")
            && e.ancestors()
                .filter_map(|a| a.value().as_element())
                .any(|a| a.id() == Some("page-container"))
    })
}

/// The text of a `<pre>` block that holds most (four fifths) of the body's
/// rendered text, its line breaks kept. The body's text is counted only
/// when it has a `<pre>`: most pages have none.
pub(super) fn preformatted_text(body: ElementRef<'_>, lines: &[String]) -> Option<String> {
    // The descendants named `pre`, as `body.select("pre")` yields them,
    // without the selector matched against each element of the body.
    let mut pres = body
        .descendants()
        .skip(1)
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "pre")
        .peekable();
    pres.peek()?;
    let chars = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
    let body_chars: usize = lines.iter().map(|l| chars(l)).sum();
    pres.map(|pre| pre.text().collect::<String>())
        .find(|t| chars(t) * 5 >= body_chars * 4)
}
