//! Page facts: the article's title (meta tags, the page's title element,
//! a part of `<title>`), the publication date, the 文號 of an info bar, and
//! the information-disclosure table (索引号, 文号, 成文日期) beside the body;
//! whether the page is an interpretation (政策解读), and the facts of the
//! original text it embeds.

use std::sync::LazyLock;

use ego_tree::NodeId;
use regex::Regex;
use scraper::{CaseSensitivity, ElementRef, Html, Selector};

use super::body::BODY_TAG;
use super::chrome::{is_hidden, is_hidden_in_tree_but_headers};
use super::render::{render, render_text_around};
use super::selector;
use crate::decode::normalize::fold;
use crate::decode::{collapse_space, PageMeta, SpreadHash};

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

/// An info bar's unlabelled publication time: a date (with its time)
/// opening a line that goes on with the source (gov.cn's `pages-date`:
/// `2025-05-16 10:30 来源：中国政府网`, the source's span set right after
/// the time with no space: `2025-04-25 17:02来源：`).
static INFO_BAR_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)^[ \t]*(\d{4}[-/年.]\d{1,2}[-/月.]\d{1,2}日?(?:[ \t]+\d{1,2}:\d{2}(?::\d{2})?)?)[ \t]*来源\s*[:：]",
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
/// only a part of it (between `_` ` - ` `|` separators) that ends like a
/// notice's title is taken (`…的通知_山西省农业农村厅`). A bare `-` or
/// `—` (`…的通知-江西省人力资源和社会保障厅`) separates only when no
/// other part reads as a title: a title may hold one (`（2026-2028年）`).
fn title_tag(doc: &Html) -> Option<String> {
    static TITLE_TAG: LazyLock<Selector> = LazyLock::new(|| selector("head > title, title"));
    let text = collapse_space(&doc.select(&TITLE_TAG).next()?.text().collect::<String>());
    let is_title = |part: &&str| {
        let f = fold(part);
        (8..=150).contains(&f.chars().count())
            && TITLE_WORD_END.is_match(f.trim_end())
            && !OUTLINE_HEADING.is_match(&f)
    };
    let parts = || {
        text.split(['_', '|', '｜', '丨'])
            .flat_map(|part| part.split(" - "))
            .map(str::trim)
    };
    parts()
        .find(is_title)
        .or_else(|| {
            // The title before the site's name, cut at the last dash that
            // leaves one (`…2026-2028年…方案-某市`). (A site's name before
            // the title is kept by the pass above: the whole ends as a
            // title does.)
            parts().find_map(|part| {
                part.rmatch_indices(['-', '—', '–'])
                    .map(|(i, _)| part[..i].trim())
                    .find(is_title)
            })
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
    labelled_value(text, &LABEL)
}

/// The value of the first `来源：` label in a page's text (as written), up
/// to the end of its line or the next label (`来源：市工信局  发布时间：…`).
fn labelled_source(text: &str) -> Option<String> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:来\s*源|信息来源)\s*[:：]\s*(?P<v>[^\n]+)").expect("valid regex")
    });
    labelled_value(text, &LABEL)
}

/// The value `label` captures (`v`), up to the next label of an info bar
/// (its spans run together: `文号：X〔2024〕18号来源：区政府办`).
fn labelled_value(text: &str, label: &Regex) -> Option<String> {
    static NEXT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:来\s*源|信息来源|发布(?:日期|时间|机构)|成文日期|发文(?:机关|单位|日期)|索\s*引\s*号|主题分类|有\s*效\s*性|浏览次数|点击|访问量|字体|作者|责任编辑)\s*[:：]")
                .expect("valid regex")
    });
    label.captures_iter(text).find_map(|c| {
        let v = c.name("v")?.as_str();
        let end = NEXT_LABEL
            .find_iter(v)
            .find(|m| m.start() > 0)
            .map_or(v.len(), |m| m.start());
        let v = v[..end].trim();
        (!v.is_empty()).then(|| v.to_string())
    })
}

static TITLE_SEL: LazyLock<Vec<Selector>> =
    LazyLock::new(|| TITLE_SELECTORS.iter().map(|s| selector(s)).collect());
static META_SEL: LazyLock<Selector> = LazyLock::new(|| selector("meta"));

/// The page's facts. `body` is the article body with its lines, when one
/// was found: the page's text is rendered around it, not through it again.
pub(super) fn page_meta(doc: &Html, body: Option<(ElementRef<'_>, &[String])>) -> PageMeta {
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
        .map(|page| match body {
            Some((b, lines)) => render_text_around(page, b, lines),
            None => render(page).join("\n"),
        })
        .unwrap_or_default();
    // The page's text is folded only when no meta tag states the time to
    // the second: a `PubDate` of `2025-04-07 16:42` is refined by the info
    // bar's `发布时间：2025-04-07 16:42:18`.
    let published = match published_meta(doc) {
        Some(m) if to_the_second(&m) => Some(m),
        m => longer_same_day(m, published_in_text(&fold(&page_text))),
    }
    .or_else(|| longer_same_day(published_by_script(doc), published_element(doc)));
    let doc_number = labelled_doc_number(&page_text)
        .or_else(|| body.and_then(|(_, lines)| unlabelled_doc_number(&page_text, lines.first()?)));
    PageMeta {
        title,
        published,
        doc_number,
        source: labelled_source(&page_text),
    }
}

/// A 文號 alone on a line, folded (`京政辦發〔２０２５〕１４號` folds to
/// `京政办发〔2025〕14号`): the issuer's abbreviation, the year in brackets,
/// the number.
static DOC_NUMBER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\p{Han}{2,12}\s*[〔\[(]\s*(?:19|20)\d{2}\s*[〕\])]\s*\d{1,5}\s*号\s*$")
        .expect("valid regex")
});

/// Longest line of the page read as an unlabelled 文號 (`国办发〔2025〕123号`
/// has 13 characters; the longest abbreviations about 20).
const DOC_NUMBER_LINE_MAX: usize = 30;

/// A 文號 on a line of its own above the body, unlabelled: a portal sets
/// it under the article's `<h1>` (`<p class="fwzh">`), beside the body
/// that starts with the 主送. Only the lines before `body_first` (the
/// body's first line) are read: what follows the body (related documents,
/// the next article) names other documents.
fn unlabelled_doc_number(page_text: &str, body_first: &str) -> Option<String> {
    page_text
        .lines()
        .take_while(|l| *l != body_first)
        // Every 文號 ends in 号 or 號: other lines are spared the fold.
        .filter(|l| l.contains(['号', '號']) && l.chars().count() <= DOC_NUMBER_LINE_MAX)
        .find(|l| DOC_NUMBER_LINE.is_match(&fold(l)))
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect())
}

/// The publication time in the page's meta tags: the first tag that states
/// one, or a later tag stating the same day with its time (gov.cn writes
/// `publishdate` `2025-11-10` and `firstpublishedtime`
/// `2025-11-10-18:00:12`), in either order.
fn published_meta(doc: &Html) -> Option<String> {
    let mut best: Option<String> = None;
    for m in doc.select(&META_SEL) {
        let e = m.value();
        let Some(name) = e.attr("name").or_else(|| e.attr("property")) else {
            continue;
        };
        if !PUBDATE_META.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            continue;
        }
        let Some(value) = e.attr("content").map(|c| dashed_time(&collapse_space(c))) else {
            continue;
        };
        if value.is_empty() {
            continue;
        }
        best = longer_same_day(best, Some(value));
    }
    best
}

/// gov.cn joins the day and the time with a dash (`2025-11-10-18:00:12`):
/// written as other pages write it, `2025-11-10 18:00:12`. Other values are
/// kept as they are.
fn dashed_time(value: &str) -> String {
    static DASHED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{4}-\d{1,2}-\d{1,2})-(\d{1,2}:\d{2}(?::\d{2})?)$").expect("valid regex")
    });
    DASHED.replace(value, "$1 $2").into_owned()
}

/// The publication time in an element a platform names for it (a saved
/// WeChat article's `<em id="publish_time">2024-06-12 18:30</em>`), when
/// it reads as a date.
fn published_element(doc: &Html) -> Option<String> {
    static PUBLISH_TIME: LazyLock<Selector> = LazyLock::new(|| {
        selector("#publish_time, .publish_time, #publish-time, .publish-time, #pubtime, .pubtime")
    });
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\d{4}(?:-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$",
        )
        .expect("valid regex")
    });
    doc.select(&PUBLISH_TIME).find_map(|e| {
        let t = collapse_space(&e.text().collect::<String>());
        DATE.is_match(&t).then_some(t)
    })
}

/// The publication date an old portal writes into its info bar with a
/// script (`var pubdate="2023-08-14";document.write("发布时间："+pubdate…)`):
/// a script that writes a publication label and holds a date literal. A
/// clock script (`今天是` + `new Date()`) holds none.
fn published_by_script(doc: &Html) -> Option<String> {
    static SCRIPT: LazyLock<Selector> = LazyLock::new(|| selector("script"));
    static DATE_LITERAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"["'](\d{4}(?:-\d{1,2}-\d{1,2}|/\d{1,2}/\d{1,2}|年\d{1,2}月\d{1,2}日)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)["']"#)
            .expect("valid regex")
    });
    let mut named: Option<String> = None;
    for script in doc.select(&SCRIPT) {
        let code: String = script.text().collect();
        let writes_label = code.contains("document.write")
            && ["发布时间", "发布日期", "發佈時間", "發布時間", "发文日期"]
                .iter()
                .any(|l| code.contains(l));
        if let Some(c) = writes_label.then(|| DATE_LITERAL.captures(&code)).flatten() {
            return Some(c[1].replace('/', "-"));
        }
        named = longer_same_day(named, published_variable(&code));
    }
    named
}

/// A date a script declares in a variable named for the publication (a
/// declaration, never a key of a JSON list of related articles): a
/// WeChat article leaves `<em id="publish_time">` empty for its script to
/// fill from `var createTime = '2025-03-12 17:45'` (and `var publish_time =
/// "2025-03-12"`). The first such date, or a later one stating the same day
/// with its time.
fn published_variable(code: &str) -> Option<String> {
    static NAMED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"(?i)\b(?:var|let|const)\s+(?:create_?time|publish_?time|pub_?time|pub_?date|publish_?date)\s*=\s*["'](\d{4}(?:-\d{1,2}-\d{1,2}|/\d{1,2}/\d{1,2}|年\d{1,2}月\d{1,2}日)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)["']"#,
        )
        .expect("valid regex")
    });
    if !code.contains('=') {
        return None;
    }
    NAMED
        .captures_iter(code)
        .map(|c| c[1].replace('/', "-"))
        .fold(None, |best, v| longer_same_day(best, Some(v)))
}

/// The publication time the page's text states: the first labelled date,
/// or a later one stating the same day with its time (an index table's
/// `发布日期：2025-04-15` above the info bar's `发布时间：2025-04-15
/// 16:20:33`).
fn published_in_text(folded: &str) -> Option<String> {
    // `发文日期` dates the signing (the header reads it so): a page that
    // also states its publication (`发布时间：2026/4/7 15:40`) is dated by
    // that, whichever comes first; `发文日期` alone still dates it.
    let (signing, publication): (Vec<_>, Vec<_>) = PUBLISHED_IN_TEXT
        .captures_iter(folded)
        .partition(|c| c[0].starts_with("发文日期"));
    // An info bar's unlabelled time comes after the labelled dates: it
    // dates the page alone, or gives a labelled day its time.
    let info_bar = INFO_BAR_TIME
        .captures_iter(folded)
        .map(|c| c[1].to_string());
    let latest = |found: &mut dyn Iterator<Item = String>| {
        found.fold(None, |best, t| longer_same_day(best, Some(t)))
    };
    latest(&mut publication.iter().map(|c| c[1].to_string()).chain(info_bar))
        .or_else(|| latest(&mut signing.iter().map(|c| c[1].to_string())))
}

/// `best`, or `next` when there is no `best` or `next` states the same day
/// with its time (`2025-03-12` then `2025-03-12 17:45`, or a WeChat
/// script's `2025-05-16` then its page's `2025年5月16日 18:05`).
fn longer_same_day(best: Option<String>, next: Option<String>) -> Option<String> {
    match (best, next) {
        (None, n) => n,
        (Some(b), Some(n))
            if !b.contains(':')
                && n.contains(':')
                && day_of(&b).is_some_and(|d| day_of(&n) == Some(d)) =>
        {
            Some(n)
        }
        // The same minute with its seconds (`16:42` → `16:42:18`).
        (Some(b), Some(n))
            if b.contains(':')
                && !to_the_second(&b)
                && to_the_second(&n)
                && minute_of(&b).is_some_and(|m| minute_of(&n) == Some(m)) =>
        {
            Some(n)
        }
        (b, _) => b,
    }
}

/// The day, hour and minute a time states (`2025-04-07 16:42`).
fn minute_of(time: &str) -> Option<((u32, u32, u32), u32, u32)> {
    static CLOCK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\d{1,2}):(\d{2})").expect("valid regex"));
    let day = day_of(time)?;
    let c = CLOCK.captures(time)?;
    Some((day, c[1].parse().ok()?, c[2].parse().ok()?))
}

/// Whether a stated time has its seconds (`16:42:18`).
fn to_the_second(time: &str) -> bool {
    time.matches(':').count() >= 2
}

/// The year, month and day a date states, in any of the forms above.
fn day_of(date: &str) -> Option<(u32, u32, u32)> {
    static DAY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})").expect("valid regex")
    });
    let c = DAY.captures(date)?;
    Some((c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?))
}

/// The information-disclosure table (文号, 成文日期) when it lies outside
/// the body: the smallest element holding at least three of its labels.
pub(super) fn find_info_table<'a>(doc: &'a Html, body: ElementRef<'a>) -> Option<ElementRef<'a>> {
    let mut best: Option<(usize, ElementRef<'a>)> = None;
    // The body, what it holds and what holds it: sets, not a walk up the
    // tree for every element (quadratic in the depth of nesting).
    let mut near: std::collections::HashSet<NodeId, SpreadHash> =
        body.descendants().map(|n| n.id()).collect();
    near.extend(body.ancestors().map(|n| n.id()));
    // What `doc.select("table, ul, dl, div")` yields, in its order (the
    // tree's), without a selector matched against every node.
    let candidates = doc
        .tree
        .nodes()
        .filter_map(ElementRef::wrap)
        .filter(|e| matches!(e.value().name(), "table" | "ul" | "dl" | "div"));
    for e in candidates {
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
        // No shorter than the best so far: it could not replace it, so its
        // labels are not read (nor its text folded).
        if best.is_some_and(|(l, _)| len >= l) {
            continue;
        }
        if is_hidden_in_tree_but_headers(e) {
            continue;
        }
        let text = fold(&e.text().collect::<String>());
        let labels = INFO_LABELS.iter().filter(|l| text.contains(*l)).count();
        if labels < 3 {
            continue;
        }
        best = Some((len, e));
    }
    best.map(|(_, e)| e)
}

/// Whether an element is an information-disclosure table: short, holding
/// at least three of its labels.
pub(super) fn is_info_table(e: ElementRef<'_>) -> bool {
    let mut len = 0;
    if e.text().any(|t| {
        len += t.chars().count();
        len > MAX_INFO_CHARS
    }) {
        return false;
    }
    let text = fold(&e.text().collect::<String>());
    INFO_LABELS.iter().filter(|l| text.contains(*l)).count() >= 3
}

/// Words naming an interpretation of a policy (政策解读, 图解, 一图读懂 are
/// all 解读 pages' headings or columns).
const INTERPRETATION_WORDS: &[&str] = &["解读", "解讀"];

/// Whether the page names itself an interpretation of a policy: its
/// `<h1>` or title element, its article-title meta tag, or the article's
/// part of its `<title>` (before the site's `_栏目_站点` suffix). A box of
/// links to interpretations (`相关解读`), a category tag, a breadcrumb or a
/// `<title>` that files a notice under the 政策解读 column (the notice
/// itself, its original text under a `政策原文` tab) is none of these.
pub(super) fn is_interpretation(doc: &Html) -> bool {
    /// The classes of an article's title element (the selectors' list
    /// [`TITLE_SELECTORS`] less the generic `.title`).
    const TITLE_CLASSES: &[&str] = &["art-title", "article-title", "xl_title", "policy-title"];
    let names = |t: &str| INTERPRETATION_WORDS.iter().any(|w| t.contains(w));
    let article_part = |t: &str| {
        t.split(['_', '|', '｜'])
            .next()
            .unwrap_or_default()
            .split(" - ")
            .next()
            .unwrap_or_default()
            .to_string()
    };
    // One walk over the elements, by name and class, not three selector
    // passes: every page is asked, and selector matching was 2.6% of the
    // HTML batch.
    // Case-sensitive, as scraper matches selectors (always in no-quirks mode).
    let classes = CaseSensitivity::CaseSensitive;
    let text = |e: ElementRef| e.text().collect::<String>();
    doc.tree.nodes().filter_map(ElementRef::wrap).any(|e| {
        let el = e.value();
        match el.name() {
            "h1" => names(&text(e)),
            "title" => names(&article_part(&text(e))),
            "meta" => {
                el.attr("name")
                    .or_else(|| el.attr("property"))
                    .is_some_and(|n| TITLE_META.iter().any(|t| t.eq_ignore_ascii_case(n)))
                    && el.attr("content").is_some_and(names)
            }
            // The class attribute's words as `has_class` reads them (split
            // on ASCII white space, compared case-sensitively), straight
            // from the attribute: `attr` and `has_class` made atoms of the
            // name and of every class word of every element of the page.
            _ => {
                el.attrs()
                    .filter(|(n, _)| *n == "class")
                    .flat_map(|(_, v)| v.split_ascii_whitespace())
                    .any(|w| {
                        TITLE_CLASSES
                            .iter()
                            .any(|c| classes.eq(w.as_bytes(), c.as_bytes()))
                    })
                    && el.attr("class").is_some()
                    && names(&text(e))
            }
        }
    })
}

/// A label of an information table written alone in its cell, as the
/// renderer joins a row's cells (`标题 某区人民政府关于…的通知`): the labels
/// of [`INFO_LABELS`], a title's and a publication's, spaced or not.
static BARE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|\s)(?P<label>索\s*引\s*号|文\s*号|发文字号|成文日期|发文日期|发布机构|发文机关|主题分类|发布日期|标\s*题|名\s*称|有\s*效\s*性)(?P<sep>\s+|$)",
    )
    .expect("valid regex")
});

/// A line's rest that opens with another label of [`BARE_LABEL`]'s.
static LABEL_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:索\s*引\s*号|文\s*号|发文字号|成文日期|发文日期|发布机构|发文机关|主题分类|发布日期|标\s*题|名\s*称|有\s*效\s*性)(?:\s|$)",
    )
    .expect("valid regex")
});

/// A title label (`标题`, `名称`) anywhere in an information table's line.
static TITLE_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)(?:标\s*题|名\s*称)\s").expect("valid regex"));

/// An information table's row as a line whose labels stand apart from
/// their values: a label cell without a colon gets one
/// (`标题 某区人民政府关于…的通知` becomes `标题：某区人民政府关于…的通知`),
/// so the label is never read as the start of the title it labels. Only
/// rows holding a title label are rewritten (other rows are read as they
/// always were); labels are found on the folded line (`標題` too).
pub(super) fn label_info_line(line: &str) -> String {
    let folded = fold(line);
    // Folding keeps one char per char: a char index in the fold is one in
    // the line.
    if folded.chars().count() != line.chars().count() || !TITLE_LABEL.is_match(&folded) {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut at = 0; // chars of `line` written
    let chars: Vec<char> = line.chars().collect();
    for c in BARE_LABEL.captures_iter(&folded) {
        let (Some(label), Some(sep)) = (c.name("label"), c.name("sep")) else {
            continue;
        };
        // A label cell before another (a list's header row `名称 文号
        // 发布日期`), or ending the line, labels no value here.
        if sep.is_empty() || LABEL_START.is_match(&folded[sep.end()..]) {
            continue;
        }
        let end = folded[..label.end()].chars().count();
        let sep_end = folded[..sep.end()].chars().count();
        out.extend(&chars[at..end]);
        out.push('：');
        at = sep_end;
    }
    out.extend(&chars[at..]);
    out
}

/// The facts of a policy's original text embedded in a page that
/// interprets it, as its information table's rows (`info`, labelled by
/// [`label_info_line`]) state them: its title, 文號 and publication date.
/// The page's own (the interpretation's `<h1>`, its 发布时间) are not the
/// original's, and the original's body is left to the header (a 时间 in a
/// sentence there is no publication).
pub(super) fn original_meta(info: &[String]) -> PageMeta {
    static TITLE_VALUE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:标\s*题|名\s*称)\s*:\s*(?P<v>.+)").expect("valid regex"));
    // A label after the title's value in the same row ends it.
    static NEXT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s(?:索\s*引\s*号|文\s*号|发文字号|成文日期|发文日期|发布机构|发文机关|主题分类|发布日期|有\s*效\s*性)\s*:")
            .expect("valid regex")
    });
    let text = info.join("\n");
    let folded = fold(&text);
    let title = info.iter().find_map(|l| {
        let f = fold(l);
        let c = TITLE_VALUE.captures(&f)?;
        let v = c.name("v")?;
        let end = NEXT_LABEL
            .find(v.as_str())
            .map_or(v.end(), |m| v.start() + m.start());
        let skip = f[..v.start()].chars().count();
        let take = f[v.start()..end].chars().count();
        let t: String = l.chars().skip(skip).take(take).collect();
        let t = t.trim();
        (TITLE_WORD_END.is_match(&fold(t)) && t.chars().count() >= 6).then(|| t.to_string())
    });
    PageMeta {
        title,
        published: published_in_text(&folded),
        doc_number: labelled_doc_number(&text),
        source: labelled_source(&text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page's facts, its body the element `body_sel` selects.
    fn meta_of(html: &str, body_sel: &str) -> PageMeta {
        let doc = Html::parse_document(html);
        let sel = selector(body_sel);
        let body = doc.select(&sel).next().expect("the body element");
        let lines = render(body);
        page_meta(&doc, Some((body, lines.as_slice())))
    }

    /// An info table's label cell alone, as the renderer joins a row's
    /// cells (`标题 某区…的通知`), gets a colon: never glued to the title.
    /// Rows without a title label, and labels in a value, stay as written.
    #[test]
    fn an_info_table_s_title_label_stands_apart() {
        assert_eq!(
            label_info_line("标题 某区人民政府关于印发某某政策的通知"),
            "标题：某区人民政府关于印发某某政策的通知"
        );
        assert_eq!(
            label_info_line("標 題 某區政府關於某事的通知 發布日期 2025-02-28"),
            "標 題：某區政府關於某事的通知 發布日期：2025-02-28"
        );
        assert_eq!(
            label_info_line("标题：某区关于某事的通知"),
            "标题：某区关于某事的通知"
        );
        assert_eq!(
            label_info_line("索引号 113325/2023-43887 文号 丽政发〔2023〕30号"),
            "索引号 113325/2023-43887 文号 丽政发〔2023〕30号"
        );
        assert_eq!(
            label_info_line("序号 名称 文号 发布日期"),
            "序号 名称 文号 发布日期"
        );
        let m = original_meta(&[
            "成文日期 2025-02-26 文号 某政发〔2025〕3号".to_string(),
            "发布日期 2025-02-28 主题分类 科技".to_string(),
            label_info_line("标题 某区人民政府关于某事的通知 有效性 有效"),
        ]);
        assert_eq!(m.title.as_deref(), Some("某区人民政府关于某事的通知"));
        assert_eq!(m.published.as_deref(), Some("2025-02-28"));
        assert_eq!(m.doc_number.as_deref(), Some("某政发〔2025〕3号"));
    }

    /// A `<title>` that appends the site's name after a bare `-`: the
    /// notice's part is the title; a `-` inside a title's years is no
    /// separator when the title is found without cutting there.
    #[test]
    fn a_title_tag_s_site_name_after_a_bare_hyphen_is_cut_off() {
        let title_of = |t: &str| {
            title_tag(&Html::parse_document(&format!(
                "<html><head><title>{t}</title></head><body><p>正文</p></body></html>"
            )))
        };
        assert_eq!(
            title_of("某省人力资源和社会保障厅关于做好某项申报工作的通知-某省人力资源和社会保障厅")
                .as_deref(),
            Some("某省人力资源和社会保障厅关于做好某项申报工作的通知")
        );
        assert_eq!(
            title_of("某市2026-2028年推进某产业发展行动方案-某市人民政府").as_deref(),
            Some("某市2026-2028年推进某产业发展行动方案")
        );
        assert_eq!(title_of("某市人民政府门户网站-首页"), None);
    }

    /// A `PubDate` meta tag to the minute, the info bar to the second:
    /// the seconds are kept; another minute is not taken.
    #[test]
    fn the_info_bar_gives_the_seconds_of_the_meta_tag_s_minute() {
        let page = |bar: &str| {
            format!(
                r#"<html><head><meta name="PubDate" content="2025-04-07 16:42"></head><body><div class="art-info"><span>{bar}</span></div><div id="zoom"><p>各县（市、区）人民政府：</p><p>现将规定印发给你们，请认真贯彻执行。</p></div></body></html>"#
            )
        };
        let published = |bar: &str| meta_of(&page(bar), "#zoom").published;
        assert_eq!(
            published("发布时间：2025-04-07 16:42:18").as_deref(),
            Some("2025-04-07 16:42:18")
        );
        assert_eq!(
            published("发布时间：2025-04-07 16:43:18").as_deref(),
            Some("2025-04-07 16:42")
        );
    }

    /// The info bar's `来源：` names the page's source, up to the next
    /// label of the bar.
    #[test]
    fn the_info_bar_names_the_source() {
        let page = |bar: &str| {
            format!(
                r#"<html><body><div class="art-info"><span>{bar}</span></div><div id="zoom"><p>答：制造业是我市立市之本。</p></div></body></html>"#
            )
        };
        let source = |bar: &str| meta_of(&page(bar), "#zoom").source;
        assert_eq!(
            source("发布时间：2024-11-12 16:05 来源：常州市工业和信息化局 浏览次数：1024")
                .as_deref(),
            Some("常州市工业和信息化局")
        );
        assert_eq!(source("发布时间：2024-11-12 16:05"), None);
    }

    /// An info table's `发文日期` (the signing) above the info bar's
    /// publication time of another day: the page is dated by the latter.
    #[test]
    fn a_publication_label_dates_the_page_before_a_signing_date() {
        assert_eq!(
            published_in_text("发文日期:2026年04月03日\n发布时间:2026/4/7 15:40:26 来源:区政府办")
                .as_deref(),
            Some("2026/4/7 15:40:26")
        );
        assert_eq!(
            published_in_text("发文日期:2026年04月03日\n来源:区政府办").as_deref(),
            Some("2026年04月03日")
        );
    }

    /// gov.cn's info bar states the time unlabelled before the source
    /// (held-out GI1: `发布日期：2025年05月16日` in the index table, then
    /// `2025-05-16 10:30 来源：中国政府网`): it gives the day its time, or
    /// dates a page alone; a date inside a line (a related article's) or
    /// without a source after it does not.
    #[test]
    fn an_info_bar_s_unlabelled_time_before_its_source() {
        assert_eq!(
            published_in_text("发布日期：2025年05月16日\n2025-05-16 10:30 来源：中国政府网")
                .as_deref(),
            Some("2025-05-16 10:30")
        );
        assert_eq!(
            published_in_text("标题\n2025-05-16 10:30 来源：中国政府网").as_deref(),
            Some("2025-05-16 10:30")
        );
        assert_eq!(
            published_in_text("发布日期：2025年05月16日\n2025-05-20 09:00 来源：新华社").as_deref(),
            Some("2025年05月16日")
        );
        // The source's span set right after the time (held-out GT1).
        assert_eq!(
            published_in_text("2025-04-25 17:02来源：商务部网站").as_deref(),
            Some("2025-04-25 17:02")
        );
        assert_eq!(published_in_text("相关文章 2025-05-16 来源：新华社"), None);
        assert_eq!(
            published_in_text("2025-05-16 10:30\n来源：中国政府网"),
            None
        );
    }

    /// An index table's day, then the info bar's time that day (held-out
    /// o3): the time is kept; another day later on is not.
    #[test]
    fn the_info_bar_s_time_follows_the_index_table_s_day() {
        let page = |bar: &str| {
            format!(
                r#"<html><body><table class="xxgk"><tr><td>发布日期：</td><td>2025-04-15</td></tr></table>
                <div class="info">{bar}</div><div id="zoom"><p>各区人民政府：</p><p>现将措施印发给你们，请认真组织实施。</p></div></body></html>"#
            )
        };
        let m = meta_of(
            &page("发布时间：2025-04-15 16:20:33 来源：市政府办"),
            "#zoom",
        );
        assert_eq!(m.published.as_deref(), Some("2025-04-15 16:20:33"));
        let m = meta_of(&page("发布时间：2025-04-16 09:00 来源：市政府办"), "#zoom");
        assert_eq!(m.published.as_deref(), Some("2025-04-15"));
    }

    /// A WeChat article as fetched: the publish-time element is empty and
    /// its script declares the time; the day-only variable before it gives
    /// way to the same day with its time. A JSON list of related articles
    /// (`"pubDate":…`) declares nothing.
    #[test]
    fn a_wechat_page_is_dated_by_its_script_variables() {
        let page = |script: &str| {
            format!(
                "<html><body><div id=\"js_content\"><p>关于开展某项工作的通知</p><p>各有关单位：</p></div>\
                 <em id=\"publish_time\"></em><script>{script}</script></body></html>"
            )
        };
        let m = meta_of(
            &page("var ct = \"1741772700\";\nvar publish_time = \"2025-03-12\" || \"\";\nvar createTime = '2025-03-12 17:45';"),
            "#js_content",
        );
        assert_eq!(m.published.as_deref(), Some("2025-03-12 17:45"));
        let m = meta_of(&page("var createTime = '2025/3/12 17:45';"), "#js_content");
        assert_eq!(m.published.as_deref(), Some("2025-3-12 17:45"));
        let m = meta_of(
            &page("var list = [{\"pubDate\":\"2024-01-02\",\"title\":\"旧闻\"}];"),
            "#js_content",
        );
        assert_eq!(m.published, None);
    }

    /// A saved WeChat article: its script states the day only, and the
    /// element it filled states the same day with its time, in another
    /// form. The time is kept; an element naming another day is not.
    #[test]
    fn a_script_day_gives_way_to_the_elements_same_day_with_time() {
        let page = |element: &str| {
            format!(
                "<html><body><div id=\"js_content\"><p>关于开展某项工作的通知</p><p>各有关单位：</p></div>\
                 <em id=\"publish_time\">{element}</em><script>var publish_time = \"2025-05-16\" || \"\";</script></body></html>"
            )
        };
        let m = meta_of(&page("2025年5月16日 18:05"), "#js_content");
        assert_eq!(m.published.as_deref(), Some("2025年5月16日 18:05"));
        let m = meta_of(&page("2025年5月17日 18:05"), "#js_content");
        assert_eq!(m.published.as_deref(), Some("2025-05-16"));
    }

    /// gov.cn dates its pages `firstpublishedtime` `2025-11-10-18:00:12`
    /// beside `publishdate` `2025-11-10`: the time is kept, in either order.
    /// (Held-out e1.)
    #[test]
    fn a_dashed_first_publication_time_is_read() {
        for tags in [
            r#"<meta name="firstpublishedtime" content="2025-11-10-18:00:12"><meta name="publishdate" content="2025-11-10">"#,
            r#"<meta name="publishdate" content="2025-11-10"><meta name="firstpublishedtime" content="2025-11-10-18:00:12">"#,
        ] {
            let m = meta_of(
                &format!(
                    "<html><head>{tags}</head><body><div id=zoom><p>正文</p></div></body></html>"
                ),
                "#zoom",
            );
            assert_eq!(
                m.published.as_deref(),
                Some("2025-11-10 18:00:12"),
                "{tags}"
            );
        }
        // A later tag on another day does not replace the first.
        let m = meta_of(
            r#"<html><head><meta name="PubDate" content="2025-11-10"><meta name="firstpublishedtime" content="2025-11-12-09:00:00"></head><body><div id=zoom><p>正文</p></div></body></html>"#,
            "#zoom",
        );
        assert_eq!(m.published.as_deref(), Some("2025-11-10"));
        assert_eq!(dashed_time("2025-11-10-18:00"), "2025-11-10 18:00");
        assert_eq!(dashed_time("2025-11-10"), "2025-11-10");
    }

    /// A 文號 on its own line between the page's `<h1>` and the body, in
    /// full-width digits, unlabelled. (Held-out b3: `<p class="fwzh">`.)
    #[test]
    fn an_unlabelled_doc_number_above_the_body() {
        let page = |number: &str, after: &str| {
            format!(
                "<html><body><div class=article><h1>北京市人民政府辦公廳关於印發某某措施的通知</h1>\
                 <p class=fwzh>{number}</p><div id=mainText><p>各區人民政府：</p>\
                 <p>現將《某某措施》印發給你們。</p></div>{after}</div></body></html>"
            )
        };
        let m = meta_of(&page("京政辦發〔２０２５〕１４號", ""), "#mainText");
        assert_eq!(m.doc_number.as_deref(), Some("京政辦發〔２０２５〕１４號"));
        let m = meta_of(&page("国办发 [2024] 3号", ""), "#mainText");
        assert_eq!(m.doc_number.as_deref(), Some("国办发[2024]3号"));
        // A sentence, or a number below the body (another document's), is
        // not the page's 文號.
        let m = meta_of(&page("根据京政办发〔2024〕3号文件精神", ""), "#mainText");
        assert_eq!(m.doc_number, None);
        let m = meta_of(&page("", "<p>京政办发〔2024〕3号</p>"), "#mainText");
        assert_eq!(m.doc_number, None);
    }
}
