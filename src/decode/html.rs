//! HTML backend: charset, main content, page facts.
//!
//! The body is found by the selectors of the government CMSs we know
//! (大漢/Hanweb `#zoom`, TRS `.TRS_Editor`, gov.cn `#UCAP-CONTENT`, the
//! Zhejiang platform's `.zoom`, …) and, failing those, by the tightest
//! element holding most of the page's non-link text. Scripts, styles,
//! navigation, headers, footers, breadcrumbs and hidden blocks (a template's
//! `display:none` print copy) are never read. The `<title>` tag is used
//! last and only in part: it may be SEO junk; the article's title comes from
//! `ArticleTitle`-like meta tags or the page's title element (never an
//! outline heading a Word export sets in `<h1>`), and is put before the body
//! when the body does not start with it. A government "information disclosure" table
//! (索引号, 文号, 成文日期) outside the body is kept too, before the body: it
//! carries the 文號 and dates.

use std::collections::HashMap;
use std::sync::LazyLock;

use ego_tree::{NodeId, NodeRef};
use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};

use super::normalize::fold;
use super::text::lossy_warning;
use super::{charset, collapse_space, DecodeError, PageMeta, Parsed, Text};
use crate::model::{Warning, WarningCode};

/// Body containers of known CMS templates, most specific first.
const BODY_SELECTORS: &[&str] = &[
    "#zoom",
    ".TRS_Editor",
    "#UCAP-CONTENT",
    ".pages_content",
    ".policy-body",
    ".article-content",
    ".wp_articlecontent",
    ".zoom",
    "#content",
    ".content",
    "article",
];

/// Where a page marks its article title, in order of trust.
const TITLE_META: &[&str] = &["ArticleTitle", "articletitle", "og:title", "dc.title"];
const TITLE_SELECTORS: &[&str] = &[
    "h1",
    ".art-title",
    ".policy-title",
    ".xl_title",
    ".article-title",
    ".title",
];
const PUBDATE_META: &[&str] = &[
    "PubDate",
    "pubdate",
    "publishdate",
    "firstpublishedtime",
    "article:published_time",
];

/// Tags whose content is never text of the notice.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "head", "nav", "footer", "aside", "form", "button",
    "select", "option", "iframe", "object", "svg", "canvas", "input", "textarea",
];

/// Class or id fragments of page chrome (lower-case).
const CHROME: &[&str] = &[
    "breadcrumb",
    "crumb",
    "bt-position",
    "position",
    "topbar",
    "navbar",
    "menu",
    "footer",
    "share",
    "qrcode",
    "erweima",
    "prevpage",
    "nextpage",
    "print-close",
    "xg-box",
    "related",
    "back-to-list",
    "search",
    "header",
];

/// Tags that end a line.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "section",
    "article",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "hr",
    "center",
    "tbody",
    "thead",
    "header",
    "main",
    "figure",
    "figcaption",
    "address",
];

/// Elements the generic body search may descend into: containers of
/// paragraphs, never a paragraph itself.
const CONTAINER_TAGS: &[&str] = &[
    "div", "section", "article", "main", "table", "tbody", "tr", "td", "center", "form", "font",
];

/// An information-disclosure table is short; longer elements hold more.
const MAX_INFO_CHARS: usize = 1500;

/// Labels of a government information-disclosure table.
const INFO_LABELS: &[&str] = &[
    "索引号",
    "文号",
    "发文字号",
    "成文日期",
    "发布机构",
    "发文机关",
    "主题分类",
    "发布日期",
];

static PUBLISHED_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:发布时间|发布日期|发文日期|公开日期|时间)\s*[:：]?\s*(\d{4}[-/年.]\d{1,2}[-/月.]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)",
    )
    .expect("valid regex")
});

/// A heading of the notice's outline (`一、`, `（一）`, `第三章`, `1.`):
/// body text, whatever tag sets it.
static OUTLINE_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:[一二三四五六七八九十百]{1,3}\s*[、.]|\(\s*[一二三四五六七八九十百]{1,3}\s*\)|第\s*[一二三四五六七八九十百零〇\d]{1,4}\s*[章节条编部分]|\d{1,2}\s*[.、](?:\D|$))",
    )
    .expect("valid regex")
});

/// Words a notice's or a regulation's title ends with.
static TITLE_WORD_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:通知|通报|意见|决定|办法|措施|规定|方案|细则|批复|公告|通告|条例|规则|规划|计划|(?:\(|（)(?:试行|暂行|征求意见稿)(?:\)|）))$")
        .expect("valid regex")
});

/// The `<title>` tag, last: it is often SEO junk or the site's name, so
/// only a part of it (between `_` `-` `|` separators) that ends like a
/// notice's title is taken (`…的通知_山西省农业农村厅`).
fn title_tag(doc: &Html) -> Option<String> {
    static TITLE_TAG: LazyLock<Selector> = LazyLock::new(|| selector("head > title, title"));
    let text = collapse_space(&doc.select(&TITLE_TAG).next()?.text().collect::<String>());
    text.split(['_', '|', '｜', '丨'])
        .flat_map(|part| part.split(" - "))
        .map(str::trim)
        .find(|part| {
            let f = fold(part);
            (8..=150).contains(&f.chars().count())
                && TITLE_WORD_END.is_match(f.trim_end())
                && !OUTLINE_HEADING.is_match(&f)
        })
        .map(str::to_string)
}

/// The value of the first `文号：` / `发文字号：` label in a page's text
/// (as written), up to the end of its line or the next label (an info
/// bar's spans run together: `文号：X〔2024〕18号来源：区政府办`); a table
/// cell may hold the label without a colon (`发文字号 X〔2024〕18号`).
fn labelled_doc_number(text: &str) -> Option<String> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:文\s*号|发文字号|发文文号)(?:\s*[:：]|\s)\s*(?P<v>[^\n]+)")
            .expect("valid regex")
    });
    static NEXT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:来\s*源|信息来源|发布(?:日期|时间|机构)|成文日期|发文(?:机关|单位|日期)|索\s*引\s*号|主题分类|有\s*效\s*性|浏览次数|点击|访问量|字体|作者|责任编辑)\s*[:：]")
                .expect("valid regex")
    });
    LABEL.captures_iter(text).find_map(|c| {
        let v = c.name("v")?.as_str();
        let end = NEXT_LABEL
            .find_iter(v)
            .find(|m| m.start() > 0)
            .map_or(v.len(), |m| m.start());
        let v = v[..end].trim();
        (!v.is_empty()).then(|| v.to_string())
    })
}

fn selector(s: &str) -> Selector {
    Selector::parse(s).expect("static selector is valid")
}

static BODY_SEL: LazyLock<Vec<Selector>> =
    LazyLock::new(|| BODY_SELECTORS.iter().map(|s| selector(s)).collect());
static TITLE_SEL: LazyLock<Vec<Selector>> =
    LazyLock::new(|| TITLE_SELECTORS.iter().map(|s| selector(s)).collect());
static META_SEL: LazyLock<Selector> = LazyLock::new(|| selector("meta"));
static BODY_TAG: LazyLock<Selector> = LazyLock::new(|| selector("body"));
static INFO_SEL: LazyLock<Selector> = LazyLock::new(|| selector("table, ul, dl, div"));

/// Decodes a web page into paragraphs of its main text.
///
/// # Errors
/// [`DecodeError::NoMainContent`] when the page holds (almost) no text.
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> Result<Parsed<Text>, DecodeError> {
    let decoded = charset::decode_bytes(bytes, content_type, true);
    let mut warnings = Vec::new();
    if decoded.replacements > 0 {
        warnings.push(lossy_warning(decoded.encoding, decoded.replacements));
    }
    let limited = super::markup_limits::limit_markup(&decoded.text);
    if limited.attributes_dropped + limited.tags_dropped > 0 {
        warnings.push(Warning::new(
            WarningCode::MarkupCapped,
            format!(
                "{} tags nested deeper than {} and {} attributes past {} on one tag were dropped; their text is kept",
                limited.tags_dropped,
                super::markup_limits::MAX_DEPTH,
                limited.attributes_dropped,
                super::markup_limits::MAX_ATTRIBUTES
            ),
        ));
    }
    let doc = Html::parse_document(&limited.text);
    drop(limited);
    let meta = page_meta(&doc);

    let body = find_body(&doc);
    let mut paragraphs = Vec::new();
    if let Some(info) = body.and_then(|b| find_info_table(&doc, b)) {
        paragraphs.extend(render(info));
    }
    let rendered = match body {
        Some(b) => render_body(b),
        None => Rendered::default(),
    };
    if let Some(title) = &meta.title {
        let title_key = fold(title);
        let in_body = rendered
            .lines
            .iter()
            .take(8)
            .any(|l| fold(l).contains(&title_key));
        if !in_body {
            paragraphs.insert(0, title.clone());
        }
    }
    let mut layout = super::Layout {
        tables: rendered.tables,
        rules: Vec::new(),
    };
    layout.offset(paragraphs.len());
    paragraphs.extend(rendered.lines);
    let chars: usize = paragraphs.iter().map(|p| p.chars().count()).sum();
    if chars < 20 {
        return Err(DecodeError::NoMainContent { chars });
    }
    Ok(Parsed {
        value: Text {
            media: super::MediaType::Html,
            paragraphs,
            encoding: Some(decoded.encoding.to_string()),
            encoding_source: decoded.source.to_string(),
            extractor: "html".to_string(),
            meta,
            layout,
            attachments: rendered.links,
            confidence: None,
        },
        warnings,
    })
}

fn page_meta(doc: &Html) -> PageMeta {
    let meta_content = |names: &[&str]| {
        doc.select(&META_SEL).find_map(|m| {
            let e = m.value();
            let name = e.attr("name").or_else(|| e.attr("property"))?;
            if names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                let c = collapse_space(e.attr("content")?);
                (!c.is_empty()).then_some(c)
            } else {
                None
            }
        })
    };
    let title = meta_content(TITLE_META)
        .or_else(|| {
            TITLE_SEL.iter().find_map(|sel| {
                // A title may sit in a page `<header>`: only hidden blocks are
                // refused here, not chrome. A Word export styles its outline
                // headings `<h1>`/`<h2>` (`一、总体要求`): those are the
                // body's, never the page's title.
                doc.select(sel)
                    .filter(|e| {
                        !e.ancestors()
                            .chain(std::iter::once(**e))
                            .any(|n| n.value().as_element().is_some_and(is_hidden))
                    })
                    .map(|e| collapse_space(&e.text().collect::<String>()))
                    .find(|t| t.chars().count() >= 6 && !OUTLINE_HEADING.is_match(&fold(t)))
            })
        })
        .or_else(|| title_tag(doc));
    // The page's visible text (chrome that is never read left out): its
    // info bar states the publication time and, on some portals, the 文號.
    let page_text = doc
        .select(&BODY_TAG)
        .next()
        .map(|body| render(body).join("\n"))
        .unwrap_or_default();
    let page_folded = fold(&page_text);
    let published = meta_content(PUBDATE_META).or_else(|| {
        PUBLISHED_IN_TEXT
            .captures(&page_folded)
            .map(|c| c[1].to_string())
    });
    PageMeta {
        title,
        published,
        doc_number: labelled_doc_number(&page_text),
    }
}

/// The article body: a known CMS container, else the tightest element
/// holding most of the page's text.
fn find_body(doc: &Html) -> Option<ElementRef<'_>> {
    for sel in BODY_SEL.iter() {
        let found = doc
            .select(sel)
            .filter(|e| !is_hidden_in_tree(*e))
            .find(|e| content_chars(**e) >= 20);
        if found.is_some() {
            return found;
        }
    }
    let mut node = doc
        .select(&BODY_TAG)
        .next()
        .unwrap_or_else(|| doc.root_element());
    // Counted once for every element: the descent below asks at each level.
    let mut counts = HashMap::new();
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

/// The information-disclosure table (文号, 成文日期) when it lies outside
/// the body: the smallest element holding at least three of its labels.
fn find_info_table<'a>(doc: &'a Html, body: ElementRef<'a>) -> Option<ElementRef<'a>> {
    let mut best: Option<(usize, ElementRef<'a>)> = None;
    // The body, what it holds and what holds it: sets, not a walk up the
    // tree for every element (quadratic in the depth of nesting).
    let mut near: std::collections::HashSet<NodeId> = body.descendants().map(|n| n.id()).collect();
    near.extend(body.ancestors().map(|n| n.id()));
    for e in doc.select(&INFO_SEL) {
        // The body itself, inside it, or holding it: not a table beside it.
        if near.contains(&e.id()) {
            continue;
        }
        // Size first: the page's outer containers are large and many.
        let mut len = 0;
        if e.text().any(|t| {
            len += t.chars().count();
            len > MAX_INFO_CHARS
        }) {
            continue;
        }
        if is_hidden_in_tree(e) {
            continue;
        }
        let text = fold(&e.text().collect::<String>());
        let labels = INFO_LABELS.iter().filter(|l| text.contains(*l)).count();
        if labels < 3 {
            continue;
        }
        if best.is_none_or(|(l, _)| len < l) {
            best = Some((len, e));
        }
    }
    best.map(|(_, e)| e)
}

/// Whether an element hides itself (`style="display: none"`, `hidden`,
/// `aria-hidden="true"`). Runs on every element, several times: one pass
/// over its attributes, no allocation.
fn is_hidden(e: &scraper::node::Element) -> bool {
    e.attrs().any(|(name, value)| match name {
        "hidden" => true,
        "aria-hidden" => value.trim().eq_ignore_ascii_case("true"),
        "style" => {
            css_declares(value, "display", "none") || css_declares(value, "visibility", "hidden")
        }
        _ => false,
    })
}

/// Whether an inline style sets `property: value` (ASCII case and white
/// space ignored). Word-pasted pages style every span: no allocation here.
fn css_declares(style: &str, property: &str, value: &str) -> bool {
    let b = style.as_bytes();
    let starts = |at: usize, word: &str| {
        b.len() >= at + word.len() && b[at..at + word.len()].eq_ignore_ascii_case(word.as_bytes())
    };
    let skip_space = |mut at: usize| {
        while at < b.len() && b[at].is_ascii_whitespace() {
            at += 1;
        }
        at
    };
    let first = property.as_bytes()[0];
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), b).any(|at| {
        if !starts(at, property) {
            return false;
        }
        let colon = skip_space(at + property.len());
        colon < b.len() && b[colon] == b':' && starts(skip_space(colon + 1), value)
    })
}

/// Whether a class or id token names page chrome (case-insensitive).
fn is_chrome_token(token: &str) -> bool {
    if token.bytes().any(|b| b.is_ascii_uppercase()) {
        let lower = token.to_ascii_lowercase();
        CHROME.iter().any(|c| lower.contains(c))
    } else {
        CHROME.iter().any(|c| token.contains(c))
    }
}

fn is_hidden_in_tree(e: ElementRef<'_>) -> bool {
    std::iter::once(*e)
        .chain(e.ancestors())
        .filter_map(|n| n.value().as_element().map(|el| (n, el)))
        .any(|(n, el)| is_hidden(el) || ElementRef::wrap(n).is_some_and(|r| skipped(&r)))
}

/// Whether an element is chrome or hidden and so never read.
fn skipped(e: &ElementRef<'_>) -> bool {
    let el = e.value();
    let name = el.name();
    if SKIP_TAGS.contains(&name) || is_hidden(el) {
        return true;
    }
    if name == "header" {
        return true;
    }
    el.classes().any(is_chrome_token)
        || el
            .id()
            .is_some_and(|id| id.split_whitespace().any(is_chrome_token))
}

/// Characters of text outside links and chrome (what a reader reads).
fn content_chars(node: NodeRef<'_, Node>) -> usize {
    count_content(node, &mut HashMap::new())
}

/// [`content_chars`] of `node`, storing the count of every element below it
/// that is read (not chrome, not a link) in `counts`.
///
/// Without recursion: a page nests as deep as it likes, and a walk that
/// recursed once per level overflowed the stack at 20,000 `<div>`s. The
/// elements are listed parents first (breadth first), then their counts
/// are summed from the last up.
fn count_content(node: NodeRef<'_, Node>, counts: &mut HashMap<NodeId, usize>) -> usize {
    // Each read element, the index of its parent in this list, its count.
    let mut order: Vec<(NodeRef<'_, Node>, usize, usize)> = vec![(node, 0, 0)];
    let mut at = 0;
    while at < order.len() {
        let parent = order[at].0;
        for child in parent.children() {
            match child.value() {
                Node::Text(t) => order[at].2 += t.chars().filter(|c| !c.is_whitespace()).count(),
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

/// Renders an element's text: blocks and `<br>` end lines, table cells are
/// joined by a space, white space is collapsed, empty lines dropped.
pub fn render(e: ElementRef<'_>) -> Vec<String> {
    render_body(e).lines
}

/// An element's lines, with the tables of data and the file links among
/// them.
#[derive(Debug, Default)]
struct Rendered {
    lines: Vec<String>,
    tables: Vec<super::TextTable>,
    links: Vec<super::Link>,
}

fn render_body(e: ElementRef<'_>) -> Rendered {
    let mut r = Renderer::default();
    r.walk(*e);
    r.flush();
    Rendered {
        lines: r.lines,
        tables: r.tables,
        links: r.links,
    }
}

/// File types a page offers as attachments.
static FILE_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\.(?:pdf|docx?|xlsx?|wps|ofd|zip|rar|et|txt|csv)(?:$|[?#])")
        .expect("valid regex")
});

/// Link text that labels an attachment whatever its target
/// (`附件1：实施细则`, `附件：申报表` on a `download?id=…` link).
static ATTACHMENT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*附件\s*[0-9０-９一二三四五六七八九十]*\s*[：:、.．]").expect("valid regex")
});

/// Whether a link is to a file a page offers as an attachment, by its
/// target or its text (`附件1.pdf`, `附件2：实施细则`).
pub(crate) fn is_file_link(url: &str, text: &str) -> bool {
    FILE_LINK.is_match(url.trim()) || FILE_LINK.is_match(text) || ATTACHMENT_LABEL.is_match(text)
}

static TABLE_ROW: LazyLock<Selector> = LazyLock::new(|| selector("tr"));
static TABLE_CELL: LazyLock<Selector> = LazyLock::new(|| selector("td, th"));
static NESTED_TABLE: LazyLock<Selector> = LazyLock::new(|| selector("table"));

/// The cells of a table of data, row by row; None for a table that lays out
/// the page (one that holds another table, or fewer than two rows of two
/// filled cells).
fn data_table(e: ElementRef<'_>) -> Option<Vec<Vec<String>>> {
    if e.select(&NESTED_TABLE).next().is_some() {
        return None;
    }
    let rows: Vec<Vec<String>> = grid(e)
        .into_iter()
        .filter(|cells| cells.iter().any(|c| !c.is_empty()))
        .collect();
    let filled = rows
        .iter()
        .filter(|r| r.iter().filter(|c| !c.is_empty()).count() >= 2)
        .count();
    (filled >= 2).then_some(rows)
}

/// Most columns and rows a cell may span: a `colspan="100000"` must not
/// make a table of millions of cells.
const MAX_SPAN: usize = 1024;

/// A table's cells laid on its grid, as a reader sees them: a cell
/// spanning columns (`colspan`) keeps its text in its first column and
/// leaves the others empty; a cell spanning rows (`rowspan`, a 牵头单位
/// merged down over three tasks) shows its text in every row it covers,
/// as the Word reader does with merged cells. A row spanned whole stays
/// one cell.
fn grid(table: ElementRef<'_>) -> Vec<Vec<String>> {
    let span = |c: &ElementRef<'_>, name: &str| {
        c.value()
            .attr(name)
            .and_then(|v| v.trim().parse::<usize>().ok())
            .unwrap_or(1)
            .clamp(1, MAX_SPAN)
    };
    // Per column: the text still spanning down and for how many rows.
    let mut down: Vec<Option<(String, usize)>> = Vec::new();
    let mut rows = Vec::new();
    for tr in table.select(&TABLE_ROW) {
        let mut row: Vec<String> = Vec::new();
        let mut cells = tr.select(&TABLE_CELL);
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
                let text = render(c).join(" ");
                let rows_spanned = span(&c, "rowspan");
                if rows_spanned > 1 {
                    if down.len() <= col {
                        down.resize(col + 1, None);
                    }
                    down[col] = Some((text.clone(), rows_spanned - 1));
                }
                let cols = span(&c, "colspan");
                row.extend(std::iter::repeat_n(String::new(), owed));
                row.push(text);
                owed = cols - 1;
                col += cols;
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

#[derive(Default)]
struct Renderer {
    lines: Vec<String>,
    current: String,
    tables: Vec<super::TextTable>,
    links: Vec<super::Link>,
    /// The lines each row of the open table of data became (a table of
    /// data holds no other table, so one is open at a time).
    row_lines: Vec<std::ops::Range<usize>>,
    /// Open tables of data.
    data_tables: usize,
}

impl Renderer {
    fn flush(&mut self) {
        let line = collapse_space(&self.current);
        if !line.is_empty() {
            self.lines.push(line);
        }
        self.current.clear();
    }

    /// Renders the children of `node`. Without recursion (see
    /// [`count_content`]): an explicit stack of what is left to do, in
    /// reverse order.
    fn walk(&mut self, node: NodeRef<'_, Node>) {
        let mut todo: Vec<Step<'_>> = node.children().rev().map(Step::Enter).collect();
        while let Some(step) = todo.pop() {
            let child = match step {
                Step::Enter(child) => child,
                Step::Leave { cell, block } => {
                    if cell {
                        self.current.push(' ');
                    }
                    if block {
                        self.flush();
                    }
                    continue;
                }
                Step::LeaveRow { start } => {
                    self.flush();
                    // A row of empty cells writes no line and is no row of
                    // the table's (see `data_table`).
                    if self.lines.len() > start {
                        self.row_lines.push(start..self.lines.len());
                    }
                    continue;
                }
                Step::LeaveTable { start, rows } => {
                    self.flush();
                    self.data_tables -= 1;
                    let row_lines = std::mem::take(&mut self.row_lines);
                    let end = self.lines.len();
                    if end > start {
                        // Rows of one line each need no ranges; ranges that
                        // do not match the rows are not kept.
                        let one_each = row_lines.iter().all(|r| r.len() == 1);
                        let row_paragraphs = if row_lines.len() == rows.len() && !one_each {
                            row_lines
                                .into_iter()
                                .map(|r| r.start - start..r.end - start)
                                .collect()
                        } else {
                            Vec::new()
                        };
                        self.tables.push(super::TextTable {
                            paragraphs: start..end,
                            rows,
                            row_paragraphs,
                        });
                    }
                    continue;
                }
            };
            match child.value() {
                Node::Text(t) => self.current.push_str(t),
                Node::Element(el) => {
                    let r = ElementRef::wrap(child).expect("element node");
                    if skipped(&r) {
                        continue;
                    }
                    let name = el.name();
                    if name == "table" {
                        if let Some(rows) = data_table(r) {
                            self.flush();
                            let start = self.lines.len();
                            self.data_tables += 1;
                            self.row_lines.clear();
                            todo.push(Step::LeaveTable { start, rows });
                            todo.extend(child.children().rev().map(Step::Enter));
                            continue;
                        }
                    }
                    if name == "a" {
                        if let Some(href) = el.attr("href") {
                            let text = collapse_space(&r.text().collect::<String>());
                            if is_file_link(href, &text) {
                                self.links.push(super::Link {
                                    text,
                                    url: href.trim().to_string(),
                                });
                            }
                        }
                    }
                    let block = BLOCK_TAGS.contains(&name);
                    if block {
                        self.flush();
                    }
                    let cell = matches!(name, "td" | "th");
                    if cell && !self.current.trim().is_empty() {
                        self.current.push(' ');
                    }
                    if name == "tr" && self.data_tables > 0 {
                        // Below the row's own Leave on the stack: popped
                        // after it, when the row's lines are written.
                        todo.push(Step::LeaveRow {
                            start: self.lines.len(),
                        });
                    }
                    todo.push(Step::Leave { cell, block });
                    todo.extend(child.children().rev().map(Step::Enter));
                }
                _ => {}
            }
        }
    }
}

/// What [`Renderer::walk`] has left to do.
enum Step<'a> {
    /// Render a node and its children.
    Enter(NodeRef<'a, Node>),
    /// After an element's children: end a cell, end a line.
    Leave { cell: bool, block: bool },
    /// After a row of a table of data: note its lines.
    LeaveRow { start: usize },
    /// After a table of data's children: note its lines.
    LeaveTable {
        start: usize,
        rows: Vec<Vec<String>>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(html: &str) -> Vec<String> {
        decode_html(html.as_bytes(), None).unwrap().value.paragraphs
    }

    #[test]
    fn known_body_wins_and_hidden_copy_is_skipped() {
        let html = r#"<html><head><title>垃圾标题_色综合</title>
            <meta name="ArticleTitle" content="关于印发若干政策的通知"></head><body>
            <div class="nav">首页 政务公开 政策文件</div>
            <div id="zoom"><p>各街道：</p><p>现将若干政策印发给你们，请认真贯彻执行。</p></div>
            <div style="display:none"><div class="print"><p>现将若干政策印发给你们，请认真贯彻执行。</p></div></div>
            <div class="footer">版权所有</div></body></html>"#;
        assert_eq!(
            paragraphs(html),
            [
                "关于印发若干政策的通知",
                "各街道：",
                "现将若干政策印发给你们，请认真贯彻执行。"
            ]
        );
    }

    #[test]
    fn word_headings_stay_in_the_body_and_are_no_title() {
        // A Word export: outline headings in <h1>/<h2>, the title only in
        // <title> after the site's name parts, a covering notice long
        // enough that the first heading is not among the first lines.
        let html = r#"<html><head><title>某厅关于印发《某某资金管理细则》的通知_通知公告_某省某厅</title></head>
            <body><div class=WordSection1>
            <p class=MsoNormal>各市农业农村局：</p>
            <p class=MsoNormal>现将《某某资金管理细则》印发给你们。</p>
            <p class=MsoNormal>请认真贯彻执行。</p>
            <p class=MsoNormal>执行中的问题请及时报告。</p>
            <p class=MsoNormal>附件：某某资金管理细则</p>
            <p class=MsoNormal>某省某厅</p>
            <p class=MsoNormal>2024年4月12日</p>
            <p class=MsoNormal>某某资金管理细则</p>
            <h1>一、总体要求</h1><p class=MsoNormal>资金由省级财政安排。</p>
            <h2>（一）支持对象。</h2><p class=MsoNormal>省级以上龙头企业。</p>
            </div></body></html>"#;
        let text = decode_html(html.as_bytes(), None).unwrap().value;
        assert_eq!(
            text.meta.title.as_deref(),
            Some("某厅关于印发《某某资金管理细则》的通知")
        );
        assert_eq!(text.paragraphs[0], "某厅关于印发《某某资金管理细则》的通知");
        assert_eq!(
            text.paragraphs
                .iter()
                .filter(|p| p.as_str() == "一、总体要求")
                .count(),
            1
        );
        assert_eq!(text.paragraphs[9], "一、总体要求");
        // SEO junk in <title> is still never a title.
        let junk = r#"<html><head><title>垃圾标题_色综合</title></head><body><div id=zoom><h1>1. 基本情况</h1><p>各街道：现将有关事项通知如下。</p></div></body></html>"#;
        assert_eq!(
            decode_html(junk.as_bytes(), None).unwrap().value.meta.title,
            None
        );
    }

    #[test]
    fn the_info_bar_states_the_doc_number() {
        let meta = |html: &str| decode_html(html.as_bytes(), None).unwrap().value.meta;
        // Spans that run together, outside the body, which the template
        // repeats.
        let bar = r#"<body><h2 class="art-title">某区人民政府办公室关于印发某某措施的通知</h2>
            <div class="info"><span>发布日期：2024-05-10</span><span>文号：江宁政办发〔2024〕18号</span><span>来源：区政府办</span></div>
            <div class="article-content"><p>各街道办事处：</p><p>现将《某某措施》印发给你们，请认真组织实施。</p></div>
            <div class="print-copy"><p>各街道办事处：</p><p>现将《某某措施》印发给你们，请认真组织实施。</p></div></body>"#;
        let m = meta(bar);
        assert_eq!(m.doc_number.as_deref(), Some("江宁政办发〔2024〕18号"));
        assert_eq!(m.published.as_deref(), Some("2024-05-10"));
        // A two-column index table, labels without colons.
        let table = r#"<body><table class="xxgk"><tr><td>索引号</td><td>11320115MB0000000A/2024-00018</td></tr>
            <tr><td>发文字号</td><td>江宁政办发〔2024〕18号</td></tr><tr><td>发布机构</td><td>区政府办</td></tr></table>
            <div id="zoom"><p>各街道办事处：</p><p>现将《某某措施》印发给你们，请认真组织实施。</p></div></body>"#;
        assert_eq!(
            meta(table).doc_number.as_deref(),
            Some("江宁政办发〔2024〕18号")
        );
        // A page without one states none.
        let none = r#"<body><div id="zoom"><p>各街道办事处：</p><p>现将有关事项通知如下，请认真组织实施。</p></div></body>"#;
        assert_eq!(meta(none).doc_number, None);
    }

    #[test]
    fn hidden_by_inline_style_in_any_case_and_spacing() {
        assert!(css_declares("color:red; DISPLAY : None", "display", "none"));
        assert!(css_declares("visibility:hidden", "visibility", "hidden"));
        assert!(!css_declares(
            "display:block; text-decoration:none",
            "display",
            "none"
        ));
        assert!(!css_declares("display", "display", "none"));
    }

    #[test]
    fn generic_fallback_finds_the_text_block() {
        let html = r#"<body><ul class="x"><li><a href="/">首页</a></li><li><a>政策</a></li></ul>
            <div><div><p>一、总体要求</p><p>（一）加快发展。对新认定的企业给予100万元奖励。</p></div></div></body>"#;
        let ps = paragraphs(html);
        assert_eq!(
            ps,
            [
                "一、总体要求",
                "（一）加快发展。对新认定的企业给予100万元奖励。"
            ]
        );
    }

    #[test]
    fn br_and_cells_split_lines() {
        let html = "<div id=zoom><p>江西省人民政府办公厅<br/>2023年1月1日</p><table><tr><td>序号</td><td>名称</td></tr></table></div>";
        assert_eq!(
            paragraphs(html),
            ["江西省人民政府办公厅", "2023年1月1日", "序号 名称"]
        );
    }

    #[test]
    fn a_row_whose_cells_hold_paragraphs_keeps_its_lines_together() {
        let html = "<div id=zoom><p>分工如下。</p><table>\
            <tr><td><p>序号</p></td><td><p>任务</p></td><td><p>牵头单位</p></td></tr>\
            <tr><td colspan=3><p>一、总体</p></td></tr>\
            <tr><td><p>1</p></td><td><p>做甲。</p><p>做乙。</p></td><td><p>市甲局<br>市乙局</p></td></tr>\
            <tr><td></td><td></td><td></td></tr></table></div>";
        let text = decode_html(html.as_bytes(), None).unwrap().value;
        assert_eq!(
            text.paragraphs,
            [
                "分工如下。",
                "序号",
                "任务",
                "牵头单位",
                "一、总体",
                "1",
                "做甲。",
                "做乙。",
                "市甲局",
                "市乙局"
            ]
        );
        let t = &text.layout.tables[0];
        assert_eq!(t.paragraphs, 1..10);
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.row_paragraphs, [0..3, 3..4, 4..9]);
    }

    #[test]
    fn spanned_cells_are_laid_on_the_grid() {
        let html = "<table><tr><td>序号</td><td>任务</td><td>牵头单位</td><td>时限</td></tr>\
            <tr><td colspan=4>一、总体</td></tr>\
            <tr><td>1</td><td>做甲</td><td rowspan=2>市甲局</td><td>年底</td></tr>\
            <tr><td>2</td><td>做乙</td><td>年中</td></tr></table>";
        let doc = Html::parse_fragment(html);
        let table = doc.select(&NESTED_TABLE).next().unwrap();
        assert_eq!(
            grid(table),
            [
                vec!["序号", "任务", "牵头单位", "时限"],
                vec!["一、总体"],
                vec!["1", "做甲", "市甲局", "年底"],
                vec!["2", "做乙", "市甲局", "年中"],
            ]
        );
    }
}

#[cfg(test)]
mod attachment_link_tests {
    use super::is_file_link;

    #[test]
    fn a_link_is_an_attachment_by_its_target_or_its_text() {
        assert!(is_file_link("/files/a.PDF", "下载"));
        assert!(is_file_link("/down.jsp?filename=x.docx", "原文"));
        assert!(is_file_link("/download?id=9", "附件1.xlsx"));
        assert!(is_file_link("/download?id=9", "附件2：实施细则"));
        assert!(is_file_link("/download?id=9", " 附件：申报表"));
        assert!(!is_file_link("/news/1.html", "附件下载说明"));
        assert!(!is_file_link("/news/1.html", "关于附件的说明"));
    }
}
