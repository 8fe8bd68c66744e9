//! The article body: the container of a known CMS template, else what the
//! CMS marks as content, else the tightest element holding most of the
//! page's non-link text; on a page
//! that interprets a policy (政策解读), the policy's original text below the
//! interpretation when the page holds it ([`find_original`]).

use std::collections::HashMap;
use std::sync::LazyLock;

use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node, Selector};

use super::chrome::{is_hidden_in_tree, skipped};
use super::selector;
use crate::decode::{collapse_space, count_non_space, SpreadHash};

/// Content counts by element (node ids hash cheaply: see [`SpreadHash`]).
type Counts = HashMap<NodeId, usize, SpreadHash>;

/// Body containers of known CMS templates, most specific first.
const BODY_SELECTORS: &[&str] = &[
    "#zoom",
    ".TRS_Editor",
    "#UCAP-CONTENT",
    ".pages_content",
    ".policy-body",
    "#js_content",
    ".article-content",
    ".wp_articlecontent",
    ".zoom",
    "#content",
    ".content",
    "article",
];

/// Elements the generic body search may descend into: containers of
/// paragraphs, never a paragraph itself.
const CONTAINER_TAGS: &[&str] = &[
    "div", "section", "article", "main", "table", "tbody", "tr", "td", "center", "form", "font",
];

/// Which of [`BODY_SELECTORS`] (by index) an element matches, as the
/// selectors would: ids and classes compared case-sensitively (scraper
/// matches without quirks), the tag by its local name.
///
/// The class words are read from the attribute as scraper splits them
/// (on ASCII white space), not through `classes`, which makes an atom of
/// each word of every element with a class.
fn matched_body_selectors(el: &scraper::node::Element, mut hit: impl FnMut(usize)) {
    let id = el.id();
    let mut classes = None;
    for (k, sel) in BODY_SELECTORS.iter().enumerate() {
        let yes = if let Some(want) = sel.strip_prefix('#') {
            id == Some(want)
        } else if let Some(want) = sel.strip_prefix('.') {
            classes
                .get_or_insert_with(|| {
                    el.attrs()
                        .filter(|(n, _)| *n == "class")
                        .flat_map(|(_, v)| v.split_ascii_whitespace())
                        .collect::<Vec<_>>()
                })
                .contains(&want)
        } else {
            el.name() == *sel
        };
        if yes {
            hit(k);
        }
    }
}

pub(super) static BODY_TAG: LazyLock<Selector> = LazyLock::new(|| selector("body"));

/// The article body: a known CMS container, else the tightest element
/// holding most of the page's text.
pub(super) fn find_body(doc: &Html) -> Option<ElementRef<'_>> {
    // One walk over the page for all the selectors (each `doc.select` was
    // a walk), in the order `doc.select` yields (the tree's arena), then
    // the selectors in turn: the first element of the most specific one
    // that is shown and holds text.
    let mut hits: Vec<(usize, ElementRef<'_>)> = Vec::new();
    let mut marks: [Option<ElementRef<'_>>; 2] = [None, None];
    for e in doc.tree.nodes().filter_map(ElementRef::wrap) {
        let el = e.value();
        if el.name() == "meta" {
            match el.attr("name") {
                Some(n) if n.eq_ignore_ascii_case("ContentStart") => {
                    marks[0].get_or_insert(e);
                }
                Some(n) if n.eq_ignore_ascii_case("ContentEnd") => marks[1] = Some(e),
                _ => {}
            }
            continue;
        }
        // `attrs`, not `attr("class")`: that makes an atom of its
        // argument, for every element of the page.
        if el.id().is_none() && !el.attrs().any(|(n, _)| n == "class") && el.name() != "article" {
            continue;
        }
        matched_body_selectors(el, |k| hits.push((k, e)));
    }
    for k in 0..BODY_SELECTORS.len() {
        let found = hits
            .iter()
            .filter(|(s, _)| *s == k)
            .map(|(_, e)| *e)
            .filter(|e| !is_hidden_in_tree(*e))
            .find(|e| content_chars(**e) >= 20);
        if found.is_some() {
            return found;
        }
    }
    if let [Some(start), Some(end)] = marks {
        let marked = marked_content(start, end)
            .filter(|e| !is_hidden_in_tree(*e) && content_chars(**e) >= 20);
        if marked.is_some() {
            return marked;
        }
    }
    let mut node = doc
        .select(&BODY_TAG)
        .next()
        .unwrap_or_else(|| doc.root_element());
    // Counted once for every element: the descent below asks at each level.
    let mut counts = Counts::default();
    let total = count_content(*node, &mut counts);
    // Descend while one child still holds most of the text: the tightest
    // container of the article, leaving siblings (menus, lists) out.
    loop {
        let best = node
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| !skipped(c) && CONTAINER_TAGS.contains(&c.value().name()))
            .map(|c| (counts.get(&c.id()).copied().unwrap_or(0), c))
            .max_by_key(|(n, _)| *n);
        match best {
            Some((n, child)) if n * 10 >= total * 7 && n > 0 => node = child,
            _ => break,
        }
    }
    Some(node)
}

/// What a CMS marks as the article (`<meta name="ContentStart">` …
/// `<meta name="ContentEnd">`, as 大汉 JCMS pages do around
/// `ZJEG_RSS.content.begin`/`end`): the closest element holding both
/// marks. Where the template lays the article out in table cells (the
/// covering notice in one row, its signature in the next, the policy in a
/// third), the generic search would descend into the policy's cell alone;
/// the marks keep the three. None when the marks share no element below
/// `<body>`.
fn marked_content<'a>(start: ElementRef<'a>, end: ElementRef<'a>) -> Option<ElementRef<'a>> {
    let above_start: Vec<NodeId> = start.ancestors().map(|a| a.id()).collect();
    let common = end
        .ancestors()
        .find(|a| above_start.contains(&a.id()))
        .and_then(ElementRef::wrap)?;
    (!matches!(common.value().name(), "body" | "html")).then_some(common)
}

/// Characters of text outside links and chrome (what a reader reads).
fn content_chars(node: NodeRef<'_, Node>) -> usize {
    count_content(node, &mut Counts::default())
}

/// [`content_chars`] of `node`, storing the count of every element below it
/// that is read (not chrome, not a link) in `counts`.
///
/// Without recursion: a page nests as deep as it likes, and a walk that
/// recursed once per level overflowed the stack at 20,000 `<div>`s. The
/// elements are listed parents first (breadth first), then their counts
/// are summed from the last up.
fn count_content(node: NodeRef<'_, Node>, counts: &mut Counts) -> usize {
    // Each read element, the index of its parent in this list, its count.
    let mut order: Vec<(NodeRef<'_, Node>, usize, usize)> = vec![(node, 0, 0)];
    let mut at = 0;
    while at < order.len() {
        let parent = order[at].0;
        for child in parent.children() {
            match child.value() {
                Node::Text(t) => order[at].2 += count_non_space(t),
                Node::Element(el) => {
                    let r = ElementRef::wrap(child).expect("element node");
                    if skipped(&r) || el.name() == "a" {
                        continue;
                    }
                    order.push((child, at, 0));
                }
                _ => {}
            }
        }
        at += 1;
    }
    for k in (1..order.len()).rev() {
        let (child, parent, n) = order[k];
        counts.insert(child.id(), n);
        order[parent].2 += n;
    }
    order[0].2
}

/// Words of a block that heads a policy's original text on a page that
/// interprets it (`政策原文`, `附：文件原文`), with the decoration around
/// them taken off (see [`original_marker_text`]).
const ORIGINAL_MARKERS: &[&str] = &[
    "政策原文",
    "文件原文",
    "原文",
    "政策全文",
    "文件全文",
    "原文件",
];

/// Fewest characters of text (outside links) after the marker for it to
/// head an original: a marker over a link to the original (`政策原文：` and
/// an `<a>`) holds none, a notice holds hundreds.
const ORIGINAL_MIN_CHARS: usize = 100;

/// The original text a page that interprets a policy (a 政策解读) holds
/// below its interpretation.
pub(super) struct Original<'a> {
    /// The element holding the marker and, after it, the original.
    pub(super) container: ElementRef<'a>,
    /// The marker's line (`政策原文`): the original is the container's
    /// lines after it.
    pub(super) marker: String,
    /// The original's information table (索引号, 文号, 成文日期), when it has
    /// one.
    pub(super) info: Option<ElementRef<'a>>,
}

/// The marker words an element's text states, without the decoration a
/// page puts around them (`附：`, `【】`, a closing colon), or None.
fn original_marker_text(text: &str) -> Option<&'static str> {
    let t = text.trim();
    let t = t
        .strip_prefix("附")
        .map(|r| r.trim_start_matches([':', '：', ' ']))
        .unwrap_or(t);
    let t = t
        .trim_start_matches(['【', '[', '〔', '▌', '■', '●'])
        .trim_end_matches(['】', ']', '〕', ':', '：', '▼', ' '])
        .trim();
    ORIGINAL_MARKERS.iter().find(|m| **m == t).copied()
}

/// The original text embedded in a page that interprets it: a block
/// headed by a marker (`<h3>政策原文</h3>`, `<p><strong>文件原文</strong></p>`,
/// a heading inside the interpretation's own container) followed by at
/// least [`ORIGINAL_MIN_CHARS`] of text. `is_interpretation` says whether
/// the page names itself an interpretation (its `<h1>`, `<title>` or
/// breadcrumb): a notice page that merely links one is never read so.
pub(super) fn find_original(doc: &Html, is_interpretation: bool) -> Option<Original<'_>> {
    if !is_interpretation {
        return None;
    }
    let page = doc.select(&BODY_TAG).next()?;
    let marker = page
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| !skipped(e))
        .find(|e| {
            // Short text first: most elements are not asked to collect theirs.
            let mut len = 0;
            let short = !e.text().any(|t| {
                len += t.chars().count();
                len > 24
            });
            short
                && original_marker_text(&e.text().collect::<String>()).is_some()
                && !e
                    .descendants()
                    .filter_map(ElementRef::wrap)
                    .any(|d| d.value().name() == "a")
                && !e
                    .ancestors()
                    .filter_map(ElementRef::wrap)
                    .any(|a| a.value().name() == "a")
                && !is_hidden_in_tree(*e)
        })?;
    let marker_line = collapse_space(&marker.text().collect::<String>());
    // Up from the marker to the first block with text after it: that
    // block's parent holds the original.
    let mut block = marker;
    loop {
        let after: usize = block
            .next_siblings()
            .map(|s| match s.value() {
                Node::Text(t) => count_non_space(t),
                Node::Element(_) => ElementRef::wrap(s)
                    .filter(|e| !skipped(e) && e.value().name() != "a")
                    .map_or(0, |e| content_chars(*e)),
                _ => 0,
            })
            .sum();
        let parent = block.parent().and_then(ElementRef::wrap)?;
        if after >= ORIGINAL_MIN_CHARS {
            let info = block
                .next_siblings()
                .filter_map(ElementRef::wrap)
                .flat_map(|s| s.descendants().filter_map(ElementRef::wrap))
                .filter(|e| matches!(e.value().name(), "table" | "ul" | "dl" | "div"))
                .filter(|e| super::meta::is_info_table(*e))
                .min_by_key(|e| e.text().map(|t| t.chars().count()).sum::<usize>());
            return Some(Original {
                container: parent,
                marker: marker_line,
                info,
            });
        }
        if parent.id() == page.id() {
            return None;
        }
        block = parent;
    }
}
