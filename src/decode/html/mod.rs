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
//! carries the 文號 and dates; a label cell of it (`标题`) is set apart
//! from its value by a colon, never read as the start of the title. A page
//! that interprets a policy (政策解读 in its `<h1>`, `<title>` or
//! breadcrumb) and holds the policy's original text under a marker
//! (`政策原文`, `附：文件原文`) is read as that original: the lines after the
//! marker, its own information table for the title, 文號 and dates.
//!
//! The parts: [`body`] finds the article and [`chrome`] says what is never
//! read; [`meta`] reads the page's facts (title, publication date, 文號,
//! the information-disclosure table); [`render`](mod@render) writes an
//! element's lines, with [`table`]s of data laid on their grid and the
//! [`links`] to attachments.

mod body;
mod chrome;
mod links;
mod meta;
mod pdf2html;
mod render;
mod table;

use std::sync::LazyLock;

use scraper::{ElementRef, Html, Selector};

use super::normalize::fold;
use super::text::lossy_warning;
use super::{charset, DecodeError, Parsed, Text};
use crate::model::{Warning, WarningCode};
use body::{find_body, find_original, Original};
use meta::{find_info_table, is_interpretation, label_info_line, original_meta, page_meta};
use render::{render_body, Rendered};

pub(crate) use links::is_file_link;
pub use render::render;

/// The cells of a table of data written as HTML inside another format (a
/// markdown dump that kept a page's `<table>` raw), row by row, laid on
/// their grid as a page's are; None when the fragment holds no such table.
pub(crate) fn fragment_table(html: &str) -> Option<Vec<Vec<String>>> {
    let limited = super::markup_limits::limit_markup(html);
    let doc = Html::parse_fragment(&limited.text);
    doc.root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "table")
        .find_map(table::data_table)
}

fn selector(s: &str) -> Selector {
    Selector::parse(s).expect("static selector is valid")
}

/// Lines at the top of a page's text that may repeat its title.
const TITLE_LINES: usize = 8;

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
    // A page interpreting a policy (政策解读) that holds the policy's
    // original text below: the notice is the original, never the
    // interpretation (whose summary repeats the policy's figures).
    let original = find_original(&doc, is_interpretation(&doc));
    let body = match &original {
        Some(o) => Some(o.container),
        None => find_body(&doc),
    };
    let mut paragraphs = Vec::new();
    if original.is_none() {
        if let Some(info) = body.and_then(|b| find_info_table(&doc, b)) {
            paragraphs.extend(render(info).iter().map(|l| label_info_line(l)));
        }
    }
    let mut rendered = match body {
        Some(b) => render_body(b),
        None => Rendered::default(),
    };
    let meta = match &original {
        Some(o) => {
            let info = keep_original(o, &mut rendered);
            original_meta(&info)
        }
        // The body's lines are the page's own lines there (`render_body`
        // writes the lines `render` does): the page's text reuses them.
        None => page_meta(&doc, body.map(|b| (b, rendered.lines.as_slice()))),
    };
    let pdf_lines = pdf2html::converted_pdf_text(&doc)
        .or_else(|| body.and_then(|b| pdf2html::preformatted_text(b, &rendered.lines)));
    let read_lines = pdf_lines.is_none();
    if let Some(text) = pdf_lines {
        let lines = match super::text::rewrap(&text) {
            Some(joined) => {
                warnings.push(Warning::new(
                    WarningCode::TextRewrapped,
                    format!(
                        "the page shows a PDF's lines (pdf2htmlEX, or a <pre> block): they were joined into {} paragraphs",
                        joined.len()
                    ),
                ));
                joined
            }
            None => super::paragraphs_from_lines(&text),
        };
        rendered.lines = lines;
        rendered.tables.clear();
    }
    if let Some(title) = &meta.title {
        let title_key = fold(title);
        // Folding keeps one char per char: a line shorter than the title
        // is not folded to learn that it does not hold it.
        let key_chars = title_key.chars().count();
        let in_body = rendered
            .lines
            .iter()
            .take(TITLE_LINES)
            .any(|l| l.chars().count() >= key_chars && fold(l).contains(&title_key));
        if !in_body {
            paragraphs.insert(0, title.clone());
        }
    }
    let mut layout = super::Layout {
        tables: rendered.tables,
        rules: Vec::new(),
    };
    let body_from = paragraphs.len();
    layout.offset(body_from);
    paragraphs.extend(rendered.lines);
    if let Some(b) = body.filter(|_| read_lines) {
        drop_page_link_lines(b, &mut paragraphs, &mut layout, body_from);
    }
    // A repost's editor text before its marker (`以下为原文`), as markdown
    // and text dumps drop it: the page's title line is no prose of it.
    // Only the page's first lines can be its title: the rest are not folded
    // to learn it (every page passes here).
    let title_key = meta.title.as_deref().map(fold).filter(|t| !t.is_empty());
    let key_chars = title_key.as_deref().map_or(0, |t| t.chars().count());
    let is_title = |i: usize, p: &str| {
        title_key.as_deref().is_some_and(|t| {
            i < TITLE_LINES && p.chars().count() >= key_chars && fold(p).contains(t)
        })
    };
    let lines = paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| (is_title(i, p), p.as_str()));
    if let Some(editor) = super::markdown::editor_lines(lines) {
        // The page's headline goes too when the official text after the
        // marker has its own title: it is the account's (`…每亩补贴200元→`).
        let headline = paragraphs[..editor.start]
            .iter()
            .enumerate()
            .position(|(i, p)| is_title(i, p))
            .filter(|_| {
                super::markdown::official_title_follows(
                    paragraphs[editor.end..].iter().map(String::as_str),
                )
            });
        paragraphs.drain(editor.clone());
        layout.remove(editor);
        if let Some(h) = headline {
            paragraphs.remove(h);
            layout.remove(h..h + 1);
        }
    }
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

/// Keeps of `rendered` (the lines of `original.container`) the original's
/// lines, after its marker, and returns its information table's rows,
/// their labels set apart from their values ([`label_info_line`]); that
/// table is no table of data of the notice's.
fn keep_original(original: &Original<'_>, rendered: &mut Rendered) -> Vec<String> {
    let mut layout = super::Layout {
        tables: std::mem::take(&mut rendered.tables),
        rules: Vec::new(),
    };
    if let Some(at) = rendered.lines.iter().position(|l| *l == original.marker) {
        rendered.lines.drain(..=at);
        layout.remove(0..at + 1);
    }
    // Links of the interpretation above the marker are no attachments of
    // the original's.
    rendered
        .links
        .retain(|k| rendered.lines.iter().any(|l| l.contains(&k.text)));
    let mut info = Vec::new();
    if let Some(table) = original.info {
        let rows = render(table);
        let at = (!rows.is_empty())
            .then(|| {
                rendered
                    .lines
                    .windows(rows.len())
                    .position(|w| w == rows.as_slice())
            })
            .flatten();
        if let Some(at) = at {
            let range = at..at + rows.len();
            for line in &mut rendered.lines[range.clone()] {
                *line = label_info_line(line);
            }
            layout
                .tables
                .retain(|t| t.paragraphs.end <= range.start || t.paragraphs.start >= range.end);
            info = rendered.lines[range].to_vec();
        }
    }
    rendered.tables = layout.tables;
    info
}

/// Drops the body's lines (from `body_from` in `paragraphs`) that are one
/// link each to another page: a related-reading list (a WeChat post's
/// `往期推荐`, `相关阅读`), whose lines are other articles' headlines and
/// whose figures are not this notice's (`…产值突破2000亿元！`), as the
/// markdown reader drops such lines. A link to a file is an attachment
/// and stays; so do a heading, a table's cell and the body's first lines
/// (a title the page links to itself).
fn drop_page_link_lines(
    body: ElementRef<'_>,
    paragraphs: &mut Vec<String>,
    layout: &mut super::Layout,
    body_from: usize,
) {
    static LINK: LazyLock<Selector> = LazyLock::new(|| selector("a[href]"));
    // Each link line, with how many blocks write it.
    let mut link_lines: std::collections::HashMap<String, usize> = Default::default();
    // The selector is asked only of `a` elements (html5ever writes every
    // tag name in lower case, as the selector reads it): a body's walk
    // costs a name comparison per element, not a selector match.
    let links = body
        .descendants()
        .skip(1)
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "a" && LINK.matches(e));
    for a in links {
        let href = a.value().attr("href").unwrap_or_default().trim();
        let to_page = !href.is_empty()
            && !href.starts_with('#')
            && !href
                .get(..11)
                .is_some_and(|h| h.eq_ignore_ascii_case("javascript:"));
        let text: String = a.text().collect();
        let key = text.trim();
        if !to_page || key.is_empty() || is_file_link(href, key) {
            continue;
        }
        // The block the link fills: its outermost ancestor below the body
        // whose text is the link's.
        let mut block = a;
        for up in a.ancestors().filter_map(ElementRef::wrap) {
            if up.id() == body.id() || !text_is(up, key) {
                break;
            }
            block = up;
        }
        let apart = std::iter::once(block)
            .chain(block.ancestors().filter_map(ElementRef::wrap))
            .take_while(|e| e.id() != body.id())
            .any(|e| {
                matches!(
                    e.value().name(),
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "td" | "th" | "table"
                )
            });
        if apart {
            continue;
        }
        if let [line] = render(block).as_slice() {
            *link_lines.entry(line.clone()).or_default() += 1;
        }
    }
    if link_lines.is_empty() {
        return;
    }
    let from = body_from + TITLE_LINES;
    for i in (from.min(paragraphs.len())..paragraphs.len()).rev() {
        if let Some(n) = link_lines.get_mut(&paragraphs[i]).filter(|n| **n > 0) {
            *n -= 1;
            paragraphs.remove(i);
            layout.remove(i..i + 1);
        }
    }
}

/// Whether `e`'s text, trimmed, is `key`: compared as it is read, so an
/// element holding much more text is left at its first other character.
fn text_is(e: ElementRef<'_>, key: &str) -> bool {
    let mut chars = e
        .text()
        .flat_map(str::chars)
        .skip_while(|c| c.is_whitespace());
    key.chars().all(|k| chars.next() == Some(k)) && chars.all(char::is_whitespace)
}

#[cfg(test)]
mod tests {

    use super::*;

    fn paragraphs(html: &str) -> Vec<String> {
        decode_html(html.as_bytes(), None).unwrap().value.paragraphs
    }

    #[test]
    fn a_publication_date_written_by_a_script_is_read() {
        let page = |bar: &str| {
            format!(
                r#"<html><body><table><tr><td>今天是：<script>var d=new Date();document.write(d.getFullYear()+"年");</script></td></tr>
                <tr><td>{bar}</td></tr><tr><td><p>各乡镇人民政府：</p><p>现将方案印发给你们，请认真贯彻执行。</p></td></tr></table></body></html>"#
            )
        };
        let published = |bar: &str| {
            decode_html(page(bar).as_bytes(), None)
                .unwrap()
                .value
                .meta
                .published
        };
        assert_eq!(
            published(r#"<script>var pubdate="2023-08-14";document.write("发布时间："+pubdate+"　来源：县政府办");</script>"#)
                .as_deref(),
            Some("2023-08-14")
        );
        // A platform's publication-time element (a saved WeChat article).
        assert_eq!(
            published(r#"<div id="meta_content"><span>盐城发改</span> <em id="publish_time">2024-06-12 18:30</em></div>"#)
                .as_deref(),
            Some("2024-06-12 18:30")
        );
        // A clock or a date in a script that writes no publication label
        // is not the publication date.
        assert_eq!(
            published(r#"<script>var v="2023-08-14";document.write("浏览次数："+v);</script>"#),
            None
        );
    }

    /// A WeChat repost: the account's teaser (its figures bold) up to the
    /// marker line is no part of the notice; without a marker, or with the
    /// official text (a 文号) before it, nothing is dropped.
    #[test]
    fn a_reposts_editor_text_before_its_marker_is_dropped() {
        let page = |marker: &str| {
            format!(
                "<html><head><title>重磅！每人最高补贴5万元</title></head><body><div id=\"js_content\">\
                 <p>重磅！每人最高补贴5万元</p><p>编者按：好消息！市里出台新政，企业最高可获500万元奖励，赶紧收藏！</p>\
                 <p>{marker}</p><p>关于印发某市若干措施的通知</p><p>各区人民政府：</p>\
                 <p>1.对新引进企业给予最高200万元奖励。</p></div></body></html>"
            )
        };
        let ps = paragraphs(&page("— 以下为原文 —"));
        assert!(!ps.iter().any(|p| p.contains("500万元")), "{ps:?}");
        assert!(!ps.iter().any(|p| p.contains("以下为原文")), "{ps:?}");
        assert!(ps.iter().any(|p| p.contains("200万元")), "{ps:?}");
        let ps = paragraphs(&page("点击阅读"));
        assert!(ps.iter().any(|p| p.contains("500万元")), "{ps:?}");
    }

    /// A repost whose official text, after the marker, has its own title
    /// (held-out l3, q4): the account's headline above goes too; without
    /// such a title after the marker, the headline stays.
    #[test]
    fn a_reposts_headline_goes_when_the_official_text_has_its_own_title() {
        let page = |after: &str| {
            format!(
                "<html><head><title>重磅！每亩补贴200元→</title></head><body><h1 id=\"activity-name\">重磅！每亩补贴200元→</h1>\
                 <div id=\"js_content\"><p>小编说</p><p>好消息！新建茶园每亩补贴200元，赶紧转给身边的朋友吧。</p>\
                 <p>— 通知全文 —</p>{after}<p>各乡镇人民政府：</p>\
                 <p>1.对新建茶园给予每亩150元补助。</p></div></body></html>"
            )
        };
        let ps = paragraphs(&page(
            "<p>某农发〔2025〕9号</p><p>某县农业农村局关于印发《某县茶产业资金申报指南》的通知</p>",
        ));
        assert!(!ps.iter().any(|p| p.contains("200元")), "{ps:?}");
        assert!(ps.iter().any(|p| p.ends_with("的通知")), "{ps:?}");
        let ps = paragraphs(&page(""));
        assert!(ps.iter().any(|p| p.contains("每亩补贴200元→")), "{ps:?}");
    }

    /// A template that lays the article out in table rows (the covering
    /// notice, its signature, the policy) under a CMS's content marks: the
    /// marks keep all three, where the largest cell alone would lose the
    /// notice's 主送 and signature.
    #[test]
    fn a_cms_content_mark_keeps_the_rows_of_a_table_layout() {
        let policy = "<p>一、支持总部企业落户。对新引进的总部企业给予500万元落户奖励，奖励资金分三年兑现，按年度考核结果拨付到位。</p>".repeat(8);
        let page = format!(
            "<html><body><table><tr><td><a href=\"/\">首页</a> <a href=\"/a\">政务公开</a></td></tr>\
             <tr><td class=\"zw\"><table><tr><td><meta name=\"ContentStart\"><p>各街道办事处，区政府各部门：</p>\
             <p>现将《某区若干措施》印发给你们，请认真组织实施。</p></td></tr>\
             <tr><td align=\"right\">某区人民政府办公室<br>2024年6月7日</td></tr>\
             <tr><td><p>某区若干措施</p>{policy}<meta name=\"ContentEnd\"></td></tr></table></td></tr>\
             <tr><td>版权所有 某区人民政府</td></tr></table></body></html>"
        );
        let ps = paragraphs(&page);
        assert!(ps.iter().any(|p| p.starts_with("各街道办事处")), "{ps:?}");
        assert!(ps.iter().any(|p| p == "2024年6月7日"), "{ps:?}");
        assert!(
            ps.iter().any(|p| p.starts_with("一、支持总部企业落户")),
            "{ps:?}"
        );
        assert!(!ps.iter().any(|p| p.contains("版权所有")), "{ps:?}");
    }

    /// Lines that are one link each to another page (a post's `往期推荐`,
    /// held-out n4) are other articles' headlines: dropped. A link to a
    /// file, a link inside a sentence and a linked table cell stay.
    /// Section headings numbered by the page's style (an ordered list whose
    /// counter draws Chinese numerals) get the label the reader sees; a
    /// list without such a style, or a heading with its own label, none.
    #[test]
    fn headings_numbered_by_a_list_style_get_their_labels() {
        let page = |style: &str, second: &str| {
            format!(
                "<html><head><style>{style}</style></head><body><div id=\"zoom\">\
                 <p>各区人民政府：</p><p>现就有关事项通知如下：</p><ol class=\"sec\">\
                 <li><h3>加大企业吸纳就业支持力度</h3><p>（一）实施扩岗补助。每人1500元。</p><p>（二）落实社保补贴。按规定执行。</p></li>\
                 <li><h3>{second}</h3><p>（一）促进青年就业。开发岗位。</p></li>\
                 </ol></div></body></html>"
            )
        };
        let counter = "ol.sec{list-style:none;counter-reset:s} ol.sec>li{counter-increment:s} ol.sec>li>h3::before{content:counter(s, cjk-ideographic) \"、\"}";
        let ps = paragraphs(&page(counter, "支持重点群体就业创业"));
        assert!(
            ps.iter().any(|p| p == "一、加大企业吸纳就业支持力度"),
            "{ps:?}"
        );
        assert!(ps.iter().any(|p| p == "二、支持重点群体就业创业"), "{ps:?}");
        // A word opening with a numeral is no label of its own.
        let ps = paragraphs(&page(counter, "一体化推进就业服务"));
        assert!(ps.iter().any(|p| p == "二、一体化推进就业服务"), "{ps:?}");
        let ps = paragraphs(&page(counter, "二、支持重点群体就业创业"));
        assert!(ps.iter().any(|p| p == "二、支持重点群体就业创业"), "{ps:?}");
        let ps = paragraphs(&page("ol.sec{margin:0}", "支持重点群体就业创业"));
        assert!(ps.iter().any(|p| p == "加大企业吸纳就业支持力度"), "{ps:?}");
    }

    #[test]
    fn a_list_of_links_to_other_pages_is_dropped() {
        let html = r#"<html><body><div id="js_content">
            <p>各区县人民政府：</p><p>现将措施印发给你们，请认真贯彻执行。</p><p>一、总则</p><p>（一）支持企业。</p>
            <p>（二）支持项目。</p><p>（三）支持人才。</p><p>（四）对企业给予<a href="/p/1.html">补贴</a>100万元。</p>
            <p><a href="/f/a.pdf">申报表.pdf</a></p>
            <table><tr><td><a href="/p/3.html">某某办法</a></td><td>2025年</td></tr></table>
            <p><strong>往期推荐</strong></p>
            <p><a href="https://mp.weixin.qq.com/s?a=1"><span>宜宾动力电池产业产值突破2000亿元！</span></a></p>
            <section><a href="/p/2.html">最高补贴2万元！以旧换新政策延续</a></section>
            </div></body></html>"#;
        let ps = paragraphs(html);
        assert!(!ps.iter().any(|p| p.contains("2000亿元")), "{ps:?}");
        assert!(!ps.iter().any(|p| p.contains("2万元")), "{ps:?}");
        for kept in ["往期推荐", "申报表.pdf", "（四）对企业给予补贴100万元。"]
        {
            assert!(ps.iter().any(|p| p == kept), "{kept}: {ps:?}");
        }
        assert!(ps.iter().any(|p| p.contains("某某办法")), "{ps:?}");
    }

    /// A 政策解读 page: the interpretation (its own 发布时间, sections
    /// 出台背景/主要内容 whose summaries repeat the policy's figures), then
    /// the policy's original text under a marker. `interpretation` is the
    /// 解读's body, `original` the block holding the marker and the
    /// original.
    fn interpretation_page(head: &str, interpretation: &str, original: &str) -> String {
        format!(
            r#"<html><head><meta charset="utf-8">{head}</head><body>
            <div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/zcjd">政策解读</a></div>
            <div class="main"><h1 class="title">《某区促进科技服务业高质量发展若干政策》政策解读</h1>
            <div class="info"><span>发布时间：2025-03-20 09:15</span><span>来源：区科技局</span></div>
            {interpretation}{original}</div>
            <div class="footer">版权所有 某区人民政府</div></body></html>"#
        )
    }

    const INTERPRETATION: &str = "<p>一、出台背景</p><p>为加快发展科技服务业，区科技局牵头起草了本政策。</p>\
        <p>二、主要内容</p><p>（一）支持研发服务机构。对新认定的研发服务机构给予最高500万元奖励。</p>\
        <p>（二）支持技术转移。按技术合同成交额的5%给予奖励，最高200万元。</p>\
        <p>三、政策亮点</p><p>政策突出精准支持。</p><p>五、解读机关及联系方式</p><p>解读机关：某区科技局</p>";

    const ORIGINAL_INFO: &str = r#"<table class="xxgk"><tr><td>索引号</td><td>11330100MB0000000X/2025-00012</td><td>发布机构</td><td>某区人民政府</td></tr>
        <tr><td>成文日期</td><td>2025-02-26</td><td>文号</td><td>某政发〔2025〕3号</td></tr>
        <tr><td>发布日期</td><td>2025-02-28</td><td>主题分类</td><td>科技</td></tr>
        <tr><td>标题</td><td colspan="3">某区人民政府关于印发《某区促进科技服务业高质量发展若干政策》的通知</td></tr></table>"#;

    const ORIGINAL_TEXT: &str = "<p>某区人民政府关于印发《某区促进科技服务业高质量发展若干政策》的通知</p>\
        <p>某政发〔2025〕3号</p><p>各街道办事处，区政府各部门：</p>\
        <p>现将《某区促进科技服务业高质量发展若干政策》印发给你们，请认真贯彻执行。</p>\
        <p>某区人民政府</p><p>2025年2月26日</p><p>某区促进科技服务业高质量发展若干政策</p>\
        <p>一、支持研发服务机构发展</p><p>（一）支持新型研发机构建设。按其研发投入的20%给予最高500万元奖励。</p>\
        <p>【牵头单位：区科技局；配合单位：区财政局】</p>\
        <p>二、促进技术转移转化</p><p>（二）支持技术交易。按技术合同成交额的3%给予奖励，每年最高200万元。</p>\
        <p>【牵头单位：区科技局】</p>";

    /// The original's title, 文号 and 发布日期 come from its info table; its
    /// lines (not the interpretation's) are the text, the info table's
    /// 标题 label set apart from the title it labels. The marker is a
    /// sibling block's heading, a line in the interpretation's own
    /// container, or a bold paragraph; decorated (`附：`) or not.
    #[test]
    fn an_interpretation_page_yields_the_original_it_holds() {
        let variants = [
            // A sibling block headed `<h3>政策原文</h3>`.
            interpretation_page(
                "",
                &format!("<div class=\"TRS_Editor\">{INTERPRETATION}</div>"),
                &format!("<div class=\"yw\"><h3>政策原文</h3>{ORIGINAL_INFO}<div class=\"zoom\">{ORIGINAL_TEXT}</div></div>"),
            ),
            // A heading inside the interpretation's container.
            interpretation_page(
                "",
                &format!("<div id=\"zoom\">{INTERPRETATION}<h2>附：政策原文</h2>{ORIGINAL_INFO}{ORIGINAL_TEXT}</div>"),
                "",
            ),
            // A bold line, the page named an interpretation by its
            // `<title>` only (no breadcrumb, an `<h2>` heading).
            format!(
                "<html><head><title>《某区促进科技服务业高质量发展若干政策》政策解读_某区人民政府</title></head><body>\
                 <h2>《某区促进科技服务业高质量发展若干政策》政策解读</h2><div class=\"info\">发布时间：2025-03-20</div>\
                 <div class=\"article-content\">{INTERPRETATION}<p><strong>文件原文</strong></p>{ORIGINAL_INFO}{ORIGINAL_TEXT}</div></body></html>"
            ),
        ];
        for (k, page) in variants.iter().enumerate() {
            let text = decode_html(page.as_bytes(), None).unwrap().value;
            let ps = &text.paragraphs;
            for gone in [
                "出台背景",
                "政策解读",
                "5%",
                "解读机关",
                "政策原文",
                "文件原文",
            ] {
                assert!(!ps.iter().any(|p| p.contains(gone)), "{k} {gone}: {ps:?}");
            }
            assert!(
                ps.iter().any(|p| p
                    == "标题：某区人民政府关于印发《某区促进科技服务业高质量发展若干政策》的通知"),
                "{k}: {ps:?}"
            );
            assert!(
                ps.iter().any(|p| p == "【牵头单位：区科技局】"),
                "{k}: {ps:?}"
            );
            assert_eq!(
                text.meta.title.as_deref(),
                Some("某区人民政府关于印发《某区促进科技服务业高质量发展若干政策》的通知"),
                "{k}"
            );
            assert_eq!(text.meta.published.as_deref(), Some("2025-02-28"), "{k}");
            assert_eq!(
                text.meta.doc_number.as_deref(),
                Some("某政发〔2025〕3号"),
                "{k}"
            );
            // The info table is the original's facts, no table of data.
            assert!(text.layout.tables.is_empty(), "{k}");
        }
        // Without an info table: the original's lines, no date of the
        // page's (the interpretation's 发布时间 is not the original's).
        let page = interpretation_page(
            "",
            &format!("<div class=\"TRS_Editor\">{INTERPRETATION}</div>"),
            &format!("<div class=\"yw\"><p><strong>【原文】</strong></p>{ORIGINAL_TEXT}</div>"),
        );
        let text = decode_html(page.as_bytes(), None).unwrap().value;
        assert_eq!(
            text.paragraphs[0],
            "某区人民政府关于印发《某区促进科技服务业高质量发展若干政策》的通知"
        );
        assert_eq!(text.meta.published, None);
        assert_eq!(text.meta.title, None);
    }

    /// An interpretation that only links its original (`政策原文：` and a
    /// link) stays as it was: its own title, date and text. A notice page
    /// that links its interpretation (`相关解读`, a 政策解读 box) is read as
    /// a notice, even with a `原文` heading on it.
    #[test]
    fn pages_without_an_embedded_original_are_read_as_before() {
        let linked = interpretation_page(
            "",
            &format!("<div class=\"TRS_Editor\">{INTERPRETATION}</div>"),
            "<div class=\"yw\"><span>政策原文</span><a href=\"/art/1.html\">某区人民政府关于印发《某区促进科技服务业高质量发展若干政策》的通知</a></div>",
        );
        let text = decode_html(linked.as_bytes(), None).unwrap().value;
        assert!(
            text.paragraphs.iter().any(|p| p == "一、出台背景"),
            "{:?}",
            text.paragraphs
        );
        assert_eq!(text.meta.published.as_deref(), Some("2025-03-20 09:15"));
        assert_eq!(
            text.meta.title.as_deref(),
            Some("《某区促进科技服务业高质量发展若干政策》政策解读")
        );
        let notice = format!(
            "<html><head><title>某区人民政府关于印发某某政策的通知_政策文件_某区</title></head><body>\
             <div class=\"breadcrumb\">首页 &gt; 政策文件</div><h1>某区人民政府关于印发某某政策的通知</h1>\
             <div id=\"zoom\">{ORIGINAL_TEXT}<p>相关解读：<a href=\"/jd/1.html\">《某某政策》政策解读</a></p></div>\
             <div class=\"zcjd\"><h3>政策解读</h3><ul><li><a href=\"/jd/1.html\">《某某政策》政策解读</a></li></ul></div>\
             <div class=\"fj\"><h3>原文</h3><p>本页为政策原文发布页面，如需下载请点击附件链接，文件内容以正式印发的纸质文件为准，转载请注明出处。某区人民政府办公室版权所有，未经许可不得复制。联系电话：0571-12345678，地址：某区某路1号，邮编310000。</p></div></body></html>"
        );
        let text = decode_html(notice.as_bytes(), None).unwrap().value;
        assert_eq!(
            text.paragraphs[..2],
            [
                "某区人民政府关于印发某某政策的通知",
                "某区人民政府关于印发《某区促进科技服务业高质量发展若干政策》的通知"
            ]
        );
        assert!(
            !text.paragraphs.iter().any(|p| p.contains("纸质文件")),
            "{:?}",
            text.paragraphs
        );
        assert_eq!(
            text.meta.title.as_deref(),
            Some("某区人民政府关于印发某某政策的通知")
        );
        // A notice filed under the 政策解读 column (its `<title>`'s column
        // part, its breadcrumb) with a `政策原文` tab over it: the notice
        // page itself, its information table above the tab read as ever.
        let filed = format!(
            "<html><head><title>某区人民政府关于印发某某政策的通知_政策解读_某区人民政府</title></head><body>\
             <div class=\"weizhi\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/zcjd\">政策解读</a></div>\
             <table class=\"xxgk\"><tr><td>索引号</td><td>001/2025-0003</td><td>组配分类</td><td>政策解读</td></tr>\
             <tr><td>发布机构</td><td>某区人民政府</td><td>文号</td><td>某政发〔2025〕3号</td></tr>\
             <tr><td>成文日期</td><td>2025-02-26</td><td>发布日期</td><td>2025-02-28</td></tr></table>\
             <ul class=\"tab_bar\"><li class=\"on\">政策原文</li><li><a href=\"/jd/1.html\">文字解读</a></li></ul>\
             <div id=\"zoom\">{ORIGINAL_TEXT}</div></body></html>"
        );
        let text = decode_html(filed.as_bytes(), None).unwrap().value;
        assert_eq!(text.meta.doc_number.as_deref(), Some("某政发〔2025〕3号"));
    }

    #[test]
    fn a_pdf_shown_by_pdf2htmlex_has_its_lines_joined() {
        // A paragraph wrapped at 14 characters over lines and a page break.
        let text = "一、总体要求为推动县域商贸流通高质量发展，进一步完善农村物流配送体系，加快电子商务进农村综合示范建设，提升消费品下乡和农产品进城双向流通能力，对新建的物流配送中心给予最高不超过50万元补助。";
        let chars: Vec<char> = text.chars().collect();
        let lines: Vec<String> = chars.chunks(14).map(|c| c.iter().collect()).collect();
        let page = |ls: &[String]| {
            format!(
                r#"<div class="pf w0 h0">{}</div>"#,
                ls.iter()
                    .map(|l| format!(r#"<div class="t m0 x1 h2 y3 ff1 fs0">{l}</div>"#))
                    .collect::<String>()
            )
        };
        let html = format!(
            r#"<html><body><div class="nav">首页</div><div id="page-container">{}{}</div></body></html>"#,
            page(&lines[..4]),
            page(&lines[4..])
        );
        let parsed = decode_html(html.as_bytes(), None).unwrap();
        assert!(
            parsed.value.paragraphs.iter().any(|p| p == text),
            "{:?}",
            parsed.value.paragraphs
        );
        assert!(parsed
            .warnings
            .iter()
            .any(|w| w.is(WarningCode::TextRewrapped)));
    }

    #[test]
    fn a_saved_wechat_article_is_read_though_its_script_has_not_shown_it() {
        let html = r#"<html><body><h1 id="activity-name">某市关于印发若干措施的通知</h1>
            <div class="rich_media_content" id="js_content" style="visibility: hidden;">
            <section><p><span>各县（市、区）人民政府：</span></p><p><span>现将若干措施印发给你们，请认真贯彻执行。</span></p></section></div>
            <div class="menu" style="visibility: hidden">首页 关于我们</div></body></html>"#;
        let ps = paragraphs(html);
        assert!(
            ps.iter()
                .any(|p| p == "现将若干措施印发给你们，请认真贯彻执行。"),
            "{ps:?}"
        );
        // Other hidden blocks stay hidden.
        assert!(!ps.iter().any(|p| p.contains("关于我们")), "{ps:?}");
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

    /// gov.cn sets its index table in an overview's header
    /// (`policyLibraryOverview_header`, held-out GT1): a header holds the
    /// article's facts and is read for them; the site's menu is not.
    #[test]
    fn an_index_table_in_a_header_is_read() {
        let page = |class: &str| {
            format!(
                r#"<body><div class="{class}"><table><tr><td><b>索&nbsp;&nbsp;引&nbsp;&nbsp;号：</b></td><td>000014349/2025-00087</td><td><b>主题分类：</b></td><td>国内贸易</td></tr>
                <tr><td><b>发文机关：</b></td><td>商务部</td><td><b>成文日期：</b></td><td>2025年04月18日</td></tr>
                <tr><td><b>发文字号：</b></td><td>商流通发〔2025〕67号</td><td><b>发布日期：</b></td><td>2025年04月25日</td></tr></table></div>
                <div class="article"><h1>关于印发某方案的通知</h1><div class="pages_content" id="UCAP-CONTENT"><p>各省、自治区、直辖市商务主管部门：</p>
                <p>为补齐县域冷链物流设施短板，降低农产品产后损耗，商务部制定了某方案。现印发给你们，请结合实际认真贯彻落实。</p>
                <p>一、加强县域冷链设施网络建设</p><p>（一）完善产地冷藏保鲜设施。支持农产品主产县建设产地冷藏保鲜设施。</p></div></div></body>"#
            )
        };
        let states = |class: &str| {
            paragraphs(&page(class))
                .iter()
                .any(|p| p.contains("发文字号： 商流通发〔2025〕67号"))
        };
        assert!(states("policyLibraryOverview_header"));
        assert!(!states("top-menu"));
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
}
