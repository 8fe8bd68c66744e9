//! The notice's header fields: title, policy title, 文號, issuers, 主送,
//! signature date, publication time.
//!
//! They are looked for in the paragraphs before the first section or clause
//! (the covering notice, its signature block) and, for what a web page or a
//! dump keeps elsewhere, in the page's meta facts, an information-disclosure
//! table (`文号：`, `成文日期：`) or the `原文下載` file name.

use std::sync::LazyLock;

use regex::Regex;

use super::label_value;
use super::Para;
use crate::decode::normalize::fold;
use crate::decode::PageMeta;

/// The header fields of a notice (see the record's fields of the same names).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    pub title: Option<String>,
    pub policy_title: Option<String>,
    pub doc_number: Option<String>,
    pub issuers: Vec<String>,
    pub recipients: Vec<String>,
    pub signed_date: Option<String>,
    pub published_at: Option<String>,
}

/// How far into the text a header field is looked for when the notice has
/// no section or clause to bound the header.
const HEADER_MAX_PARAGRAPHS: usize = 40;

/// Longest header line searched for a 文號 when nothing marks it.
const DOC_NUMBER_LINE_MAX: usize = 60;

/// A list tag in front of a title on CMS pages: `【區級】`, `[市级]`.
static LIST_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:【[^】]{1,12}】|\[[^\]]{1,12}\])\s*").expect("valid regex")
});

/// Words a notice's title ends with (folded): the 公文 kinds of GB/T 9704
/// (函, 纪要, 报告, 请示 … included) and the names of policy texts.
static TITLE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:通知|通报|意见|决定|办法|措施|规定|方案|细则|批复|公告|通告|决议|函|纪要|报告|请示|公报|若干政策|举措|政策|纲要|规划|指引|条例|规则|章程|准则|指南|计划|要点|(?:\(|（)(?:试行|征求意见稿|暂行)(?:\)|）))\s*$")
        .expect("valid regex")
});

/// 文號: issuer abbreviation, year in any bracket, number, 號.
static DOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<prefix>\p{Han}{1,10}?)\s*            # 杭高新, 国发, 杭政办函
        [〔\[(\u{3014}]\s*(?P<year>(?:19|20)\d{2})\s*[〕\])\u{3015}]   # 〔2025〕 [2025] ［2025］(folded)
        \s*(?P<num>\d{1,5})\s*号",
    )
    .expect("valid regex")
});

/// A 令 or 公告 number alone on a line: `国务院令第706号`,
/// `上海市人民政府令 第42号`, `某省人民代表大会常务委员会公告（第12号）`,
/// `财政部公告2024年第8号`.
static ORDER_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?P<prefix>(?:[\p{Han}&&[^年月日]]\s?){1,30}?(?:令|公告))\s*\(?\s*(?P<num>(?:[〔\[]\s*\d{4}\s*[〕\]]\s*|\d{4}\s*年\s*)?第\s*[\d一二三四五六七八九十百零〇]{1,6}\s*号)\s*\)?\s*$",
    )
    .expect("valid regex")
});

/// The heading of a 令 or a 公告 set on its own line, its number on the
/// next (`某省人民政府令` / `第312号`): the issuing body's name and the
/// word, nothing else.
static ORDER_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?P<prefix>[\p{Han}&&[^年月日]]{2,30}?(?:令|公告))\s*$").expect("valid regex")
});

/// The number line under an [`ORDER_HEAD`]: `第312号`, `（第12号）`,
/// `〔2024〕第3号`.
/// `公告` or `令` alone on a line, letter-spaced as headings are (`公 告`).
static ORDER_WORD_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:公\s*告|令)\s*$").expect("valid regex"));

static ORDER_NUM_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\(?\s*(?P<num>(?:[〔\[]\s*\d{4}\s*[〕\]]\s*|\d{4}\s*年\s*)?第\s*[\d一二三四五六七八九十百零〇]{1,6}\s*号)\s*\)?\s*$")
        .expect("valid regex")
});

/// Words that are not part of an issuer abbreviation in front of a 文號.
static DOC_NUMBER_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:.*?(?:根据|按照|依据|印发|转发|贯彻|落实|文号|字号|号为|下载|附件|见|详见|参照|参见))")
        .expect("valid regex")
});

/// A date as the text writes it, digits letter-spaced or not (a PDF's
/// dump sets `2 0 2 4 年 3 月 1 5 日`): `2024年3月15日`,
/// `二〇二四年三月十五日`. Shared with `bounds`, which stops the outline at
/// a date line or a publication line.
pub(crate) const DATE_TEXT: &str = r"(?:\d(?:\x20?\d){3}|[〇零一二三四五六七八九○O](?:\x20?[〇零一二三四五六七八九○O]){3})\s*年[^年]{1,5}?月[^月]{1,5}?日";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^\s*
        (?P<y>\d(?:\x20?\d){3} | [〇零一二三四五六七八九○O](?:\x20?[〇零一二三四五六七八九○O]){3}) \s*年\s*
        (?P<m>\d(?:\x20?\d)? | [一二三四五六七八九十](?:\x20?[一二三四五六七八九十])?) \s*月\s*
        (?P<d>\d(?:\x20?\d)? | [一二三四五六七八九十](?:\x20?[一二三四五六七八九十]){0,2}) \s*日\s*$",
    )
    .expect("valid regex")
});

/// Labels of an information-disclosure table or info bar (`文号：`,
/// `成文日期：`); a label's value runs to the next label.
static INFO_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<label>索\s*引\s*号|文\s*号|发文字号|成文日期|发文日期|发文机关|发布机构|发文单位|主题分类|组配分类|体裁分类|发布日期|标\s*题|名\s*称|有\s*效\s*性|来\s*源|信息来源)\s*:")
        .expect("valid regex")
});

/// A publication day as a page writes it (`2024-06-28`, `2025年2月28日`),
/// read by [`published_at`]: groups `y`, `m`, `d`.
const PUBLISHED_DAY: &str = r"(?P<y>\d{4})[-/年.](?P<m>\d{1,2})[-/月.](?P<d>\d{1,2})日?";

/// A time of day after the day (`17:30`, `17:30:05`): groups `H`, `M`, `S`.
const PUBLISHED_TIME: &str = r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?";

static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:发布时间|发布日期|发文日期|公开日期|发布于)\s*:?\s*{PUBLISHED_DAY}(?:\s*{PUBLISHED_TIME})?",
    ))
    .expect("valid regex")
});

/// Endings of the names of signing bodies (folded).
static ISSUER_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:政府|委员会|管委会|办公室|办公厅|局|厅|委|部|院|会|中心|署|办|公司|党委|县委|市委|省委|区委|组|队)$")
        .expect("valid regex")
});

/// Header fields from the paragraphs before `first_marker` (the first
/// section or clause; the top of the text when there is none) and after
/// `closing_from` (the closing text, where some notices sign).
pub(crate) fn find_header(
    paras: &[Para<'_>],
    first_marker: Option<usize>,
    closing_from: Option<usize>,
    meta: &PageMeta,
) -> Header {
    let head_end = first_marker
        .unwrap_or(HEADER_MAX_PARAGRAPHS)
        .min(paras.len());
    let head = &paras[..head_end];
    let tail = &paras[closing_from.unwrap_or(paras.len()).min(paras.len())..];

    let labelled = labelled_values(head);
    let title = find_title(head, meta, &labelled);
    let policy_title = title.as_deref().and_then(|t| find_policy_title(t, head));
    let doc_number = find_doc_number(head, tail, &labelled, meta);
    let (issuers, signed) = find_signature(head)
        .or_else(|| find_signature(tail))
        .unwrap_or_default();
    let adoption = find_adoption(head);
    // Who signs: the signature, else a regulation's adoption note, the
    // heading of the 令 or 公告 that publishes it, a publication line, the title's own issuers, a labelled field.
    let issuers = if !issuers.is_empty() {
        issuers
    } else if let Some((_, who, _)) = &adoption {
        vec![who.clone()]
    } else if let Some(who) = order_issuer(head) {
        vec![who]
    } else if let Some(who) = publication_issuer(tail).or_else(|| publication_issuer(head)) {
        vec![who]
    } else {
        let from_title = title.as_deref().map(title_issuers).unwrap_or_default();
        if from_title.is_empty() {
            labelled
                .iter()
                .filter(|(l, _)| l == "issuer")
                .flat_map(|(_, v)| split_issuers(v))
                .collect()
        } else {
            from_title
        }
    };
    let signed_date = signed
        .or_else(|| adoption.as_ref().map(|a| a.0.clone()))
        .or_else(|| {
            labelled
                .iter()
                .find(|(l, _)| l == "signed")
                .and_then(|(_, v)| parse_date(&fold(v)))
        });
    let doc_number = doc_number.or_else(|| adoption.and_then(|a| a.2));
    let recipients = find_recipients(head);
    // The page's meta tag, a labelled time in the text, a publication
    // line, in that order; a later one that states the same day with its
    // time (`PubDate` `2024-06-28`, `发布时间：2024-06-28 17:30`) is kept
    // for its precision.
    // Every labelled time counts, not only the first: a page's index table
    // (`发布日期 2024-07-19`) comes before its info bar's `发布时间：2024-07-19
    // 17:02`.
    let published_at = meta
        .published
        .as_deref()
        .and_then(parse_published)
        .into_iter()
        .chain(
            head.iter()
                .filter_map(|p| parse_labelled_published(p.folded)),
        )
        .chain(head.iter().find_map(|p| parse_stamped_time(p.folded)))
        .chain(publication_date(tail).or_else(|| publication_date(head)))
        .fold(None, |best: Option<String>, t| match best {
            None => Some(t),
            Some(b) if t.len() > b.len() && t.starts_with(&b) => Some(t),
            b => b,
        });
    Header {
        title,
        policy_title,
        doc_number,
        issuers,
        recipients,
        signed_date,
        published_at,
    }
}

/// `(kind, value)` pairs of labelled header facts: `doc`, `signed`, `issuer`.
fn labelled_values(head: &[Para<'_>]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for p in head {
        let labels: Vec<_> = INFO_LABEL.captures_iter(p.folded).collect();
        for (i, c) in labels.iter().enumerate() {
            let whole = c.get(0).expect("match");
            let end = labels
                .get(i + 1)
                .map_or(p.folded.len(), |n| n.get(0).expect("match").start());
            let label: String = c["label"].chars().filter(|c| !c.is_whitespace()).collect();
            let kind = match label.as_str() {
                "文号" | "发文字号" => "doc",
                "成文日期" | "发文日期" => "signed",
                "发文机关" | "发布机构" | "发文单位" => "issuer",
                "标题" | "名称" => "title",
                _ => continue,
            };
            let value = cut(p, whole.end(), end);
            let value = value.trim();
            if !value.is_empty() {
                out.push((kind.to_string(), value.to_string()));
            }
        }
    }
    out
}

/// The title, from the text first: a line ending in 通知 that names a
/// subject (`關于…`, `印發…`); a title set over two or three short lines;
/// any title line (`關于…的意見`); then what the page or dump says
/// (`標題：`, its article title); last, a short bare line ending in a title
/// word near the top (`上海市燃氣條例`). A title line that starts with 關于
/// right under a line of issuers (`中共某縣委 某縣人民政府`) is their title.
fn find_title(head: &[Para<'_>], meta: &PageMeta, labelled: &[(String, String)]) -> Option<String> {
    let is_title = |f: &str| {
        let f = f.trim();
        let n = f.chars().count();
        (6..=150).contains(&n)
            && TITLE_END.is_match(f)
            && (f.contains("关于") || f.contains("印发") || f.contains("转发"))
            && !f.starts_with('《')
            && !f.ends_with('》')
            && !INFO_LABEL.is_match(f)
    };
    let strip = |s: &str| LIST_TAG.replace(s.trim(), "").trim().to_string();
    // With the line of issuers above a title that starts with 关于.
    let with_issuers = |i: usize| -> String {
        let p = &head[i];
        let title = strip(p.original);
        if i > 0 && fold(&title).starts_with("关于") && is_issuer_line(head[i - 1].folded) {
            format!("{}{}", head[i - 1].original.trim(), title)
        } else {
            title
        }
    };
    if let Some(i) = head
        .iter()
        .position(|p| is_title(p.folded) && fold(&strip(p.original)).ends_with("通知"))
    {
        return Some(with_issuers(i));
    }
    // A title set over two or three lines (a text dump of a PDF, a `<br>`
    // in the page): short lines without sentence punctuation, joined.
    let bare = |f: &str| f.chars().count() <= 40 && !f.contains(['。', ',', ':', ';', '!', '?']);
    for (i, p) in head.iter().enumerate() {
        if !TITLE_END.is_match(p.folded.trim()) || !bare(p.folded) || is_title(p.folded) {
            continue;
        }
        // Longest first: `某某管委會 政府印發` / `關于…` / `(2025年版)的通知`.
        for k in (1..=2.min(i)).rev() {
            let lines = &head[i - k..=i];
            if !lines.iter().all(|q| bare(q.folded)) {
                continue;
            }
            // A line that is a title on its own (a page's title with its
            // 文號 appended) does not start a title set over lines.
            if lines[..k].iter().any(|q| ends_title(q.folded)) {
                continue;
            }
            // The title's first line names its subject, or it is the
            // issuing body's name over a line that starts with 关于 (a
            // PDF's `某省人民政府办公厅` / `关于印发…` / `（2024—2026年）的通知`).
            // The issuing bodies may run on into the next line (`某部 某部
            // 某部` / `某部 某委关于…` / `…的意见`, a joint document's).
            let subject_after_issuers = |f: &str| {
                let f = f.trim_start();
                f.find("关于")
                    .is_some_and(|j| j == 0 || is_issuer_line(&f[..j]))
            };
            let opens = ["关于", "印发", "转发"]
                .iter()
                .any(|w| lines[0].folded.contains(w))
                || (is_issuer_line(lines[0].folded) && subject_after_issuers(lines[1].folded));
            let folded: String = lines.iter().map(|q| q.folded.trim()).collect();
            if opens && is_title(&folded) {
                return Some(lines.iter().map(|q| strip(q.original)).collect());
            }
        }
    }
    if let Some(i) = head.iter().position(|p| is_title(p.folded)) {
        return Some(with_issuers(i));
    }
    // A page may title a regulation by the numbered 公告 or 令 that
    // publishes it (`某省人大常委会公告（第12号）`): the regulation's own
    // name in the text is its title then, if there is one.
    let numbered_order = |t: &str| ORDER_NUMBER.is_match(&fold(t));
    let mut order_title = None;
    if let Some((_, t)) = labelled.iter().find(|(k, _)| k == "title") {
        if !numbered_order(t) {
            return Some(strip(t));
        }
        order_title = Some(strip(t));
    }
    if let Some(t) = &meta.title {
        let s = strip(t);
        if !s.is_empty() && !numbered_order(&s) {
            return Some(s);
        }
        order_title = order_title.or(Some(s).filter(|s| !s.is_empty()));
    }
    // A regulation's or a plan's own name heading the text; not the
    // heading of the 公告 that publishes it (`某省人大常委会公告` / `（第12号）`).
    let lines: Vec<&Para<'_>> = head
        .iter()
        .filter(|p| !p.folded.trim().is_empty())
        .collect();
    let numbered = |i: usize| {
        let f = lines[i].folded.trim();
        ORDER_NUMBER.is_match(f)
            || (ORDER_HEAD.is_match(f)
                && lines
                    .get(i + 1)
                    .is_some_and(|n| ORDER_NUM_LINE.is_match(n.folded)))
    };
    let bare_title = |from: usize| {
        (from..lines.len()).take(BARE_TITLE_WITHIN).find(|&i| {
            let f = lines[i].folded.trim();
            TITLE_END.is_match(f)
                && bare(f)
                && (4..=40).contains(&f.chars().count())
                && !numbered(i)
        })
    };
    // Where the 令 or 公告 comes first, the regulation's title follows
    // the order's date line. A page copied as text may put its chrome (site
    // name, navigation, breadcrumb, information table) above the order.
    let after_order = (0..lines.len().min(ORDER_WITHIN))
        .find(|&i| numbered(i))
        .and_then(|i| {
            (i..lines.len().min(i + BARE_TITLE_WITHIN + 3))
                .find(|&j| parse_date(lines[j].folded).is_some())
        });
    after_order
        .and_then(|j| bare_title(j + 1))
        .or_else(|| bare_title(0))
        .map(|i| strip(lines[i].original))
        .or(order_title)
}

/// Whether a line is a whole title with its 文號 in brackets after it, as
/// a page's heading writes it (`关于做好…的通知(发改运行〔2020〕1784号)`).
fn ends_title(folded: &str) -> bool {
    let f = folded.trim();
    match DOC_NUMBER.find(f) {
        Some(m) if f[m.end()..].trim() == ")" => {
            TITLE_END.is_match(f[..m.start()].trim_end().trim_end_matches('(').trim_end())
        }
        _ => false,
    }
}

/// How many leading paragraphs may hold a bare title line (`上海市燃氣條例`).
const BARE_TITLE_WITHIN: usize = 5;
/// How many leading paragraphs may hold the heading of the 令 or 公告 that
/// publishes a regulation: a page's chrome copied with the text (site name,
/// navigation, breadcrumb, an information table of a dozen labels) comes
/// first.
const ORDER_WITHIN: usize = 25;

/// Issuers named in front of the subject of a title (`江西省人民政府办公厅关于…`,
/// `中共某县委 某县人民政府关于…`), when every name ends like a body's.
fn title_issuers(title: &str) -> Vec<String> {
    let f = fold(title);
    let Some(at) = ["关于", "印发", "转发"]
        .iter()
        .filter_map(|w| f.find(w))
        .min()
    else {
        return Vec::new();
    };
    let prefix: String = title.chars().take(f[..at].chars().count()).collect();
    let names = split_issuers(prefix.trim());
    if !names.is_empty() && names.iter().all(|n| ISSUER_END.is_match(&fold(n))) {
        names
    } else {
        Vec::new()
    }
}

/// The policy text a notice issues: what the title says it 印發, matched to
/// a line of the text when the text carries that title on its own.
fn find_policy_title(title: &str, head: &[Para<'_>]) -> Option<String> {
    static ISSUES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:印发|转发|发布|颁布)《?(?P<name>.+?)》?(?:的)?(?:通知|通告|公告)\s*$")
            .expect("valid regex")
    });
    let folded = fold(title);
    let c = ISSUES.captures(&folded)?;
    let name = c.name("name")?;
    let key: String = name
        .as_str()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for p in head {
        let f: String = p.folded.chars().filter(|c| !c.is_whitespace()).collect();
        if f == key {
            return Some(p.original.trim().to_string());
        }
    }
    let skip = folded[..name.start()].chars().count();
    let take = name.as_str().chars().count();
    Some(
        title
            .chars()
            .skip(skip)
            .take(take)
            .collect::<String>()
            .trim()
            .to_string(),
    )
}

/// The 文號: labelled (`文号：`) in the text or the page's info bar, a
/// 令's or 公告's number, alone on a line (an official document's
/// header), in the original's file name (`原文下載:…杭高新〔2025〕3號…pdf`),
/// or in the header text outside a citation `《…》(…)`.
fn find_doc_number(
    head: &[Para<'_>],
    tail: &[Para<'_>],
    labelled: &[(String, String)],
    meta: &PageMeta,
) -> Option<String> {
    if let Some((_, v)) = labelled.iter().find(|(k, _)| k == "doc") {
        if let Some(n) = doc_number_in(&fold(v), v) {
            return Some(n);
        }
    }
    // The page's info bar, outside the body: the 文號 may be there only.
    // The value must start with it (`文号：无` names none).
    if let Some(v) = &meta.doc_number {
        let f = fold(v);
        if DOC_NUMBER.find(&f).is_some_and(|m| m.start() == 0) {
            return doc_number_in(&f, v);
        }
        if ORDER_NUMBER.is_match(&f) {
            return Some(v.chars().filter(|c| !c.is_whitespace()).collect());
        }
    }
    if let Some(n) = order_number(head) {
        return Some(n);
    }
    for p in head.iter().chain(tail) {
        let f = p.folded.trim();
        if let Some(m) = DOC_NUMBER.find(f) {
            if m.start() == 0 && f.len() - m.end() <= 3 {
                return doc_number_in(p.folded, p.original);
            }
        }
    }
    for p in head.iter().chain(tail) {
        if p.folded.contains("原文下载")
            || p.folded.contains("附件下载")
            || p.folded.contains(".pdf")
            || p.folded.contains(".doc")
        {
            if let Some(n) = doc_number_in(p.folded, p.original) {
                return Some(n);
            }
        }
    }
    // Last resort: a 文號 in a short header line (a long one, or a table
    // page, cites other documents).
    for p in head
        .iter()
        .filter(|p| p.folded.chars().count() <= DOC_NUMBER_LINE_MAX)
    {
        for m in DOC_NUMBER.captures_iter(p.folded) {
            let whole = m.get(0).expect("match");
            let before = p.folded[..whole.start()].trim_end();
            if before.ends_with('(') || before.ends_with('》') || before.ends_with("》(") {
                continue; // a citation of another document
            }
            if let Some(n) = doc_number_in(
                &p.folded[whole.start()..whole.end()],
                &cut(p, whole.start(), whole.end()),
            ) {
                return Some(n);
            }
        }
    }
    None
}

/// A 令's or a 公告's number: on one line (`国务院令 第706号`), or its
/// heading on one line and `第312号` / `（第12号）` on the next, as a 令 or
/// an information table (`发文字号：某省人民政府令` / `第312号`) sets it
/// → `某省人民政府令第312号`, brackets and layout spaces dropped.
fn order_number(head: &[Para<'_>]) -> Option<String> {
    order_heading(head).map(|(prefix, num)| prefix + &num)
}

/// The body that issues a 令 or a 公告, from its heading (`某省人民政府令`
/// → `某省人民政府`), when the heading names one.
fn order_issuer(head: &[Para<'_>]) -> Option<String> {
    let (prefix, _) = order_heading(head)?;
    let body = prefix
        .strip_suffix('令')
        .or_else(|| prefix.strip_suffix("公告"))?;
    ISSUER_END.is_match(&fold(body)).then(|| body.to_string())
}

/// A 令's or a 公告's heading and number (`某省人民政府令`, `第312号`) as
/// written, without brackets or layout spaces.
fn order_heading(head: &[Para<'_>]) -> Option<(String, String)> {
    static DOC_LABEL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*(?:文\s*号|发文字号)\s*:").expect("valid regex"));
    for (i, p) in head.iter().enumerate() {
        let at = DOC_LABEL.find(p.folded).map_or(0, |m| m.end());
        let value = &p.folded[at..];
        // A title (`关于…的公告`) is no heading of a numbered 公告.
        if value.contains("关于") {
            continue;
        }
        let range = |m: regex::Match<'_>| (m.start() + at, m.end() + at);
        if let Some(c) = ORDER_NUMBER.captures(value) {
            let (prefix, num) = (range(c.name("prefix")?), range(c.name("num")?));
            return Some((compact_range(p, prefix), compact_range(p, num)));
        }
        // The organ on one line and `公 告` (letter-spaced) or `令` on the
        // next, the number under them: the heading is the two lines.
        if let (true, Some(next), Some(num_line)) = (
            ISSUER_END.is_match(value.trim()),
            head.get(i + 1),
            head.get(i + 2),
        ) {
            if let Some(n) = ORDER_WORD_LINE
                .is_match(next.folded)
                .then(|| ORDER_NUM_LINE.captures(num_line.folded))
                .flatten()
            {
                let num = n.name("num")?;
                let organ = compact_range(p, (at, p.folded.len()));
                let word = compact_range(next, (0, next.folded.len()));
                return Some((
                    organ + &word,
                    compact_range(num_line, (num.start(), num.end())),
                ));
            }
        }
        let (Some(c), Some(next)) = (ORDER_HEAD.captures(value), head.get(i + 1)) else {
            continue;
        };
        if let Some(n) = ORDER_NUM_LINE.captures(next.folded) {
            let num = n.name("num")?;
            return Some((
                compact_range(p, range(c.name("prefix")?)),
                compact_range(next, (num.start(), num.end())),
            ));
        }
    }
    None
}

/// The original text of a folded byte range, without white space.
fn compact_range(p: &Para<'_>, (start, end): (usize, usize)) -> String {
    cut(p, start, end)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn cut(p: &Para<'_>, start: usize, end: usize) -> String {
    let skip = p.folded[..start].chars().count();
    let take = p.folded[start..end].chars().count();
    p.original.chars().skip(skip).take(take).collect()
}

/// The first 文號 in a (folded, original) pair, its prefix trimmed of words
/// that lead into it (`根據`, `下載:`), as the original writes it, without
/// layout spaces.
fn doc_number_in(folded: &str, original: &str) -> Option<String> {
    let c = DOC_NUMBER.captures(folded)?;
    let whole = c.get(0)?;
    let prefix = c.name("prefix")?;
    let mut start = prefix.start();
    if let Some(lead) = DOC_NUMBER_LEAD.find(&folded[start..prefix.end()]) {
        start += lead.end();
    }
    if start >= prefix.end() {
        return None;
    }
    let skip = folded[..start].chars().count();
    let take = folded[start..whole.end()].chars().count();
    let s: String = original
        .chars()
        .skip(skip)
        .take(take)
        .filter(|c| !c.is_whitespace())
        .collect();
    Some(s)
}

/// The signature block: signing bodies on short lines right before a date
/// line (`2025年2月25日`, `二〇二五年二月二十五日`).
fn find_signature(paras: &[Para<'_>]) -> Option<(Vec<String>, Option<String>)> {
    for (i, p) in paras.iter().enumerate() {
        let Some(date) = parse_date(p.folded) else {
            continue;
        };
        let mut issuers = Vec::new();
        for q in paras[..i].iter().rev().take(SIGNATURE_MAX_LINES) {
            if is_issuer_line(q.folded) {
                issuers.extend(split_issuers(q.original).into_iter().rev());
            } else {
                break;
            }
        }
        issuers.reverse();
        return Some((issuers, Some(date)));
    }
    None
}

/// Most lines of signing bodies above a signature date (seven ministries
/// sign one notice, one per line).
pub(crate) const SIGNATURE_MAX_LINES: usize = 8;

/// A signature line: one or more short names of bodies (`XX县人民政府`,
/// `市财政局 市科技局`, the letter-spaced `国 家 能 源 局`), no sentence
/// punctuation.
pub(crate) fn is_issuer_line(folded: &str) -> bool {
    let f = folded.trim();
    let short = f.chars().count() <= 40;
    let plain = !f.contains(['。', ',', ':', ';', '《']);
    short
        && plain
        && !f.is_empty()
        && split_issuers(f)
            .iter()
            .all(|part| ISSUER_END.is_match(part))
}

/// Issuers written on one line, separated by spaces; a name set with a
/// space between every character (`国 家 能 源 局`) is one name.
fn split_issuers(s: &str) -> Vec<String> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    if parts.len() > 2 && parts.iter().all(|p| p.chars().count() == 1) {
        return vec![parts.concat()];
    }
    parts.into_iter().map(str::to_string).collect()
}

/// `（1995年8月28日上海市人民政府令第13号发布，…）`,
/// `（2025年11月26日上海市第十六届人民代表大会常务委员会第二十五次会议通过）`:
/// the date, the body and, for a 令, its number.
static ADOPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)^\s*\(\s*
        (?P<date>{DATE_TEXT})\s*
        (?P<who>[^,;()]{{2,40}}?)
        (?:(?P<order>令)\s*(?P<num>第\s*\d{{1,5}}\s*号)
          | 第[一二三四五六七八九十百零〇\d]{{1,5}}次(?:全体|常务)?会议)
        \s*(?:通过|发布|公布|修订|修正|批准)",
    ))
    .expect("valid regex")
});

/// What a regulation's adoption note says: (signed date, issuer, 令 number).
fn find_adoption(head: &[Para<'_>]) -> Option<(String, String, Option<String>)> {
    head.iter().find_map(|p| {
        let c = ADOPTION.captures(p.folded)?;
        let date = parse_date(&c["date"])?;
        let who = c.name("who")?;
        let who_o = cut(p, who.start(), who.end()).trim().to_string();
        let number = c.name("order").and_then(|o| {
            let num = c.name("num")?;
            let n: String = cut(p, num.start(), num.end())
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            Some(format!("{who_o}{}{n}", cut(p, o.start(), o.end())))
        });
        Some((date, who_o, number))
    })
}

/// `某某局2026年4月24日发布`: a publication line names its issuer. Not
/// the 版记's `某某办公厅 2024年3月18日印发`: that names the office that
/// printed the document, never its signature.
static PUBLISHED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*(?P<who>[^\s,;:。]{{2,40}}?)\s*{DATE_TEXT}\s*发布\s*(?:$|[。,;])",
    ))
    .expect("valid regex")
});

/// The date of a publication line (`某某局2026年4月24日发布`): when the
/// page states no time of its own, the notice was published that day.
fn publication_date(paras: &[Para<'_>]) -> Option<String> {
    static DATE_PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"(?P<date>{DATE_TEXT})\s*发布\s*(?:$|[。,;])")).expect("valid regex")
    });
    paras.iter().find_map(|p| {
        let c = DATE_PUBLISHED.captures(p.folded)?;
        parse_date(&c["date"])
    })
}

/// The issuer a publication line names (`罗湖区科技和工业信息化局（乡村振兴和协作交流局）2026年4月24日发布`).
fn publication_issuer(paras: &[Para<'_>]) -> Option<String> {
    paras.iter().find_map(|p| {
        let c = PUBLISHED_BY.captures(p.folded)?;
        let who = c.name("who")?;
        // A second name in brackets after the body's name stays.
        let name = who.as_str();
        let core = match name.find('(') {
            Some(i) if name.ends_with(')') => &name[..i],
            _ => name,
        };
        ISSUER_END
            .is_match(core)
            .then(|| cut(p, who.start(), who.end()).trim().to_string())
    })
}

/// `2025年2月25日` or `二〇二五年二月二十五日` alone on a line (or in
/// brackets, as a dateline under a title) → `2025-02-25`.
pub(crate) fn parse_date(folded: &str) -> Option<String> {
    let t = folded.trim();
    let folded = t
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or(folded);
    let c = DATE.captures(folded).or_else(|| {
        static ISO: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^\s*(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})\s*$")
                .expect("valid regex")
        });
        ISO.captures(folded)
    })?;
    let digits = |k: &str| -> String { c[k].chars().filter(|c| *c != ' ').collect() };
    let year = label_value(&digits("y").replace(['○', 'O'], "〇"))?;
    let month = label_value(&digits("m"))?;
    let day = label_value(&digits("d"))?;
    ((1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// A page's publication time (a meta tag's bare value, or a labelled
/// `發布時間：…`) → ISO 8601 with the China offset.
fn parse_published(s: &str) -> Option<String> {
    let f = fold(s);
    parse_labelled_published(&f).or_else(|| parse_labelled_published(&format!("发布时间:{f}")))
}

/// A page's unlabelled publication stamp: a date with its time of day at
/// the start of a line, alone or before the page's 来源/作者/字号 chrome
/// (`2024-06-28 17:30　来源：中国政府网`), or before the place a social
/// media post shows (`2025年03月14日 18:06 山东`). A signature date never
/// has a time of day.
fn parse_stamped_time(folded: &str) -> Option<String> {
    static STAMP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"^\s*{PUBLISHED_DAY}\s*{PUBLISHED_TIME}\s*(?:$|来源|信息来源|作者|浏览|点击|字号|字体|【|\p{{Han}}{{2,6}}\s*$)"
        ))
        .expect("valid regex")
    });
    published_at(&STAMP.captures(folded)?)
}

/// Only a *labelled* time in the text counts: a bare date line is the
/// signature date, not a publication time (a PDF states none).
fn parse_labelled_published(folded: &str) -> Option<String> {
    let Some(c) = PUBLISHED.captures(folded) else {
        // A dump that knows only the month (`发布日期: 2025年4月`).
        static MONTH: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:发布时间|发布日期|公开日期)\s*:?\s*(?P<y>\d{4})\s*[-/年.]\s*(?P<m>\d{1,2})\s*月?\s*$")
                .expect("valid regex")
        });
        let c = MONTH.captures(folded)?;
        let (y, m): (u32, u32) = (c["y"].parse().ok()?, c["m"].parse().ok()?);
        return (1..=12).contains(&m).then(|| format!("{y:04}-{m:02}"));
    };
    published_at(&c)
}

/// The ISO 8601 day, or time with the China offset, of a match of
/// [`PUBLISHED_DAY`] and [`PUBLISHED_TIME`]; `None` for a month or day out
/// of range.
fn published_at(c: &regex::Captures<'_>) -> Option<String> {
    let (y, m, d): (u32, u32, u32) = (
        c["y"].parse().ok()?,
        c["m"].parse().ok()?,
        c["d"].parse().ok()?,
    );
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(match (c.name("H"), c.name("M")) {
        (Some(h), Some(mi)) => {
            let sec: u32 = c.name("S").map_or(Ok(0), |s| s.as_str().parse()).ok()?;
            format!(
                "{y:04}-{m:02}-{d:02}T{:02}:{}:{sec:02}+08:00",
                h.as_str().parse::<u32>().ok()?,
                mi.as_str()
            )
        }
        _ => format!("{y:04}-{m:02}-{d:02}"),
    })
}

/// Longest 主送 line: a ministry's notice may address every province's
/// departments and a dozen state companies.
const RECIPIENTS_MAX_CHARS: usize = 600;

/// The 主送 line: addressees ending in `:` before the body of the notice.
fn find_recipients(head: &[Para<'_>]) -> Vec<String> {
    static NOT_RECIPIENTS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"来源|发布时间|发布日期|点击|浏览|当前位置|索引号|文号|附件|主题|日期|信息来源|字号|分享|打印|现将|如下|通知$|^(?:分类|类别|类型|层级|状态|标签|关键词|发布机构|发布单位)\s*:").expect("valid regex")
    });
    for p in head {
        let f = p.folded.trim();
        let n = f.chars().count();
        // Labels are letter-spaced in info tables (`主 题 词:`).
        let compact: String = f.chars().filter(|c| !c.is_whitespace()).collect();
        if !(3..=RECIPIENTS_MAX_CHARS).contains(&n)
            || !f.ends_with(':')
            || NOT_RECIPIENTS.is_match(&compact)
        {
            continue;
        }
        if f[..f.len() - 1].contains([':', '。']) {
            continue;
        }
        let body = p.original.trim();
        let body: String = body.chars().take(body.chars().count() - 1).collect();
        return split_recipients(&body);
    }
    Vec::new()
}

/// Splits a 主送 line at `,` `，` `;` `；`, and at `、` where the next name
/// starts anew with 各 (`區級機關各部門、各直屬單位`) — `各區、縣(市)人民政府`
/// is one addressee.
fn split_recipients(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in super::units::split_units_keep_enum(s) {
        out.push(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_numerals() {
        assert_eq!(parse_date("2025年2月25日").as_deref(), Some("2025-02-25"));
        assert_eq!(
            parse_date("二〇二五年二月二十五日").as_deref(),
            Some("2025-02-25")
        );
        assert_eq!(parse_date("2025年2月25日前完成"), None);
    }

    #[test]
    fn published_times() {
        // A bare date line is a signature date, never a publication time.
        assert_eq!(parse_labelled_published(&fold("2025年2月25日")), None);
        assert_eq!(parse_stamped_time(&fold("2025年2月25日")), None);
        // A date with its time of day, before the page's 来源, is a stamp.
        assert_eq!(
            parse_stamped_time(&fold("2024-06-28 17:30　来源： 中国政府网")).as_deref(),
            Some("2024-06-28T17:30:00+08:00")
        );
        assert_eq!(
            parse_stamped_time(&fold("2024-06-28 17:30 某某局召开会议")),
            None
        );
        assert_eq!(
            parse_stamped_time(&fold("2024年6月28日 9:05:07 作者：办公室")).as_deref(),
            Some("2024-06-28T09:05:07+08:00")
        );
        assert_eq!(parse_stamped_time(&fold("2024-13-28 17:30")), None);
        assert_eq!(
            parse_published("2025-02-28 15:57").as_deref(),
            Some("2025-02-28T15:57:00+08:00")
        );
        assert_eq!(
            parse_published("發布時間: 2025-02-28").as_deref(),
            Some("2025-02-28")
        );
    }

    fn paras(text: &str) -> (crate::decode::normalize::Folded<'_>, usize) {
        let f = crate::decode::normalize::Folded::new(text);
        let n = f.folded.split('\n').count();
        (f, n)
    }

    #[test]
    fn header_forms_of_regulations_and_orders() {
        let header = |text: &str| {
            let (f, _) = paras(text);
            let ps = super::super::paragraphs(&f);
            find_header(&ps, None, None, &PageMeta::default())
        };
        let h = header("上海市燃气条例\n（2025年11月26日上海市第十六届人民代表大会常务委员会第二十五次会议通过）\n目录");
        assert_eq!(h.title.as_deref(), Some("上海市燃气条例"));
        assert_eq!(h.signed_date.as_deref(), Some("2025-11-26"));
        assert_eq!(h.issuers, ["上海市第十六届人民代表大会常务委员会"]);
        let h = header("上海市临时占用城市道路管理办法\n（1995年8月28日上海市人民政府令第13号发布，根据1997年12月14日上海市人民政府令第53号修正）");
        assert_eq!(h.doc_number.as_deref(), Some("上海市人民政府令第13号"));
        assert_eq!(h.issuers, ["上海市人民政府"]);
        assert_eq!(h.signed_date.as_deref(), Some("1995-08-28"));
        let h =
            header("中华人民共和国国务院令\n国务院令 第706号\n《某某条例》已经通过，现予公布。");
        assert_eq!(h.doc_number.as_deref(), Some("国务院令第706号"));
        // Letter-spaced signers; seven bodies one per line.
        let h = header("关于做好某工作的通知\n各省：\n现通知如下。\n国家发展改革委\n国 家 能 源 局\n2020年11月25日");
        assert_eq!(h.issuers, ["国家发展改革委", "国家能源局"]);
        // A publication line names the issuer when nothing is signed.
        let h = header("某某措施（试行）\n第一条 支持。\n罗湖区科技和工业信息化局（乡村振兴和协作交流局）2026年4月24日发布。");
        assert_eq!(
            h.issuers,
            ["罗湖区科技和工业信息化局（乡村振兴和协作交流局）"]
        );
        assert_eq!(h.signed_date, None);
        // The title's own issuers.
        let h = header("江西省人民政府办公厅关于进一步做好重大项目调度工作的通知\n各市：");
        assert_eq!(h.issuers, ["江西省人民政府办公厅"]);
    }

    #[test]
    fn order_and_announcement_numbers_over_two_lines() {
        let header = |text: &str| {
            let (f, _) = paras(text);
            let ps = super::super::paragraphs(&f);
            find_header(&ps, None, None, &PageMeta::default())
        };
        // An information table with letter-spaced labels, the 令 number
        // set under its heading.
        let h = header("索 引 号：11140000MB0000000X/2024-00031\n发布机构：山西省人民政府\n发文字号：山西省人民政府令\n第312号\n标　　题：山西省电动自行车安全管理办法\n山西省电动自行车安全管理办法");
        assert_eq!(h.doc_number.as_deref(), Some("山西省人民政府令第312号"));
        assert_eq!(h.title.as_deref(), Some("山西省电动自行车安全管理办法"));
        // The 令 itself, above its regulation.
        let h = header("山西省人民政府令\n第 312 号\n《山西省电动自行车安全管理办法》已经省人民政府常务会议通过，现予公布。\n省长　金湘军\n2024年5月20日\n山西省电动自行车安全管理办法\n第一章　总　　则");
        assert_eq!(h.doc_number.as_deref(), Some("山西省人民政府令第312号"));
        assert_eq!(h.signed_date.as_deref(), Some("2024-05-20"));
        // A standing committee's 公告 publishing a 条例, the number in
        // brackets on the next line or on the same line.
        for text in [
            "河北省人民代表大会常务委员会公告\n（第12号）\n《河北省乡村振兴促进条例》已由河北省第十四届人民代表大会常务委员会第九次会议于2024年5月28日通过，现予公布。",
            "河北省人民代表大会常务委员会公告第12号\n《河北省乡村振兴促进条例》现予公布。",
            "河北省人民代表大会常务委员会公告\n第12号\n《河北省乡村振兴促进条例》现予公布。",
            // The organ, a letter-spaced `公 告` and the number, one a line.
            "河北省人民代表大会常务委员会\n公 告\n（第12号）\n《河北省乡村振兴促进条例》现予公布。",
        ] {
            let h = header(text);
            assert_eq!(
                h.doc_number.as_deref(),
                Some("河北省人民代表大会常务委员会公告第12号"),
                "{text}"
            );
        }
        // Page chrome above the 令: the title still follows its date line.
        let h = header("山西省人民政府门户网站\n无障碍 | 长辈版 | 简体 | 繁體\n首页　政务公开　政务服务\n当前位置：首页 > 政务公开 > 省政府规章\n索 引 号：11140000012120154W/2024-00021\n发布机构：山西省人民政府　　成文日期：2024-01-26\n文　　号：山西省人民政府令第312号　　有 效 性：有效\n发布时间：2024-02-01 16:25:08　　来源：山西省人民政府办公厅\n山西省人民政府令\n第312号\n《山西省电动自行车安全管理办法》已经省人民政府常务会议通过，现予公布。\n省长　赵立群\n2024年1月26日\n山西省电动自行车安全管理办法\n第一章　总　　则");
        assert_eq!(h.title.as_deref(), Some("山西省电动自行车安全管理办法"));
        // The regulation's title follows the 公告 or 令 that publishes it;
        // the heading names the issuer when nothing signs.
        let h = header("河北省人民代表大会常务委员会公告\n（第12号）\n《河北省乡村振兴促进条例》已由河北省第十四届人民代表大会常务委员会第九次会议于2024年5月28日通过，现予公布。\n河北省人民代表大会常务委员会\n2024年5月28日\n河北省乡村振兴促进条例\n（2024年5月28日河北省第十四届人民代表大会常务委员会第九次会议通过）\n目　　录");
        assert_eq!(h.title.as_deref(), Some("河北省乡村振兴促进条例"));
        assert_eq!(h.issuers, ["河北省人民代表大会常务委员会"]);
        assert_eq!(h.signed_date.as_deref(), Some("2024-05-28"));
        let h = header("发布时间：2024-06-28 17:30\n山西省人民政府令\n第312号\n《山西省电动自行车安全管理办法》已经省人民政府常务会议通过，现予公布。\n省长　金湘军\n2024年5月20日\n山西省电动自行车安全管理办法\n第一章　总　　则");
        assert_eq!(h.title.as_deref(), Some("山西省电动自行车安全管理办法"));
        assert_eq!(h.issuers, ["山西省人民政府"]);
        // A page that titles the regulation by its 公告.
        let (f, _) = paras("标　　题：河北省人民代表大会常务委员会公告（第12号）\n河北省人民代表大会常务委员会公告\n（第12号）\n《河北省乡村振兴促进条例》现予公布。\n河北省人民代表大会常务委员会\n2024年5月28日\n河北省乡村振兴促进条例\n第一章　总　　则");
        let ps = super::super::paragraphs(&f);
        let meta = PageMeta {
            title: Some("河北省人民代表大会常务委员会公告（第12号）".to_string()),
            ..PageMeta::default()
        };
        let h = find_header(&ps, None, None, &meta);
        assert_eq!(h.title.as_deref(), Some("河北省乡村振兴促进条例"));
        // A 公告 that publishes nothing else keeps its heading as title.
        let (f, _) = paras("为保障道路施工安全，现将有关交通管制事项公告如下：\n一、管制时间\n2024年6月1日至6月30日。");
        let ps = super::super::paragraphs(&f);
        let meta = PageMeta {
            title: Some("某市公安局交通管理局公告（第3号）".to_string()),
            ..PageMeta::default()
        };
        let h = find_header(&ps, Some(1), None, &meta);
        assert_eq!(
            h.title.as_deref(),
            Some("某市公安局交通管理局公告（第3号）")
        );
        let h = header("某市人民政府公告\n〔2024〕第3号\n");
        assert_eq!(
            h.doc_number.as_deref(),
            Some("某市人民政府公告〔2024〕第3号")
        );
        let h = header("财政部 税务总局公告2024年第8号\n现将有关事项公告如下：");
        assert_eq!(
            h.doc_number.as_deref(),
            Some("财政部税务总局公告2024年第8号")
        );
        // A 公告 title with a number under it is a title, not a heading.
        let h = header("关于开展某项工作的公告\n第3号\n");
        assert_eq!(h.doc_number, None);
    }

    #[test]
    fn a_joint_title_whose_issuers_run_over_two_lines() {
        let text = "某甲部 某乙部 某丙部\n某丁部 某戊委关于加快培养数字技能人才\n支撑制造业转型的意见\n各省、自治区、直辖市有关部门：\n一、总体要求\n加快培养。";
        let st = super::super::find_structure(
            text,
            &PageMeta::default(),
            &crate::decode::Layout::default(),
        )
        .value;
        assert_eq!(
            st.header.title.as_deref(),
            Some("某甲部 某乙部 某丙部某丁部 某戊委关于加快培养数字技能人才支撑制造业转型的意见")
        );
    }

    #[test]
    fn the_signature_signs_not_the_printing_office() {
        let text = "山西省人民政府关于加强电动自行车安全管理的通知\n各市人民政府，省人民政府各委、厅，各直属机构：\n一、压实责任\n各地要落实属地责任。\n二、强化保障\n所需经费列入预算。\n山西省人民政府\n2 0 2 4 年 3 月 1 5 日\n（此件公开发布）\n抄送：省委各部门，省人大常委会办公厅。\n山西省人民政府办公厅　　　　2024年3月18日印发";
        let st = super::super::find_structure(
            text,
            &PageMeta::default(),
            &crate::decode::Layout::default(),
        )
        .value;
        assert_eq!(st.header.issuers, ["山西省人民政府"]);
        assert_eq!(st.header.signed_date.as_deref(), Some("2024-03-15"));
        assert_eq!(st.sections.len(), 2);
        // Without a signature, the 版记 still names no issuer: the title
        // does.
        let text = "山西省人民政府关于加强电动自行车安全管理的通知\n各市人民政府：\n一、压实责任\n各地要落实属地责任。\n抄送：省委各部门。\n山西省人民政府办公厅 2024年3月18日印发";
        let st = super::super::find_structure(
            text,
            &PageMeta::default(),
            &crate::decode::Layout::default(),
        )
        .value;
        assert_eq!(st.header.issuers, ["山西省人民政府"]);
        assert_eq!(st.header.signed_date, None);
        // Dates letter-spaced or in 〇/一 numerals.
        assert_eq!(
            parse_date("二 〇 二 四 年 三 月 十 五 日").as_deref(),
            Some("2024-03-15")
        );
        assert_eq!(
            parse_date("二〇二四年三月十五日").as_deref(),
            Some("2024-03-15")
        );
    }

    #[test]
    fn the_most_precise_publication_time_is_kept() {
        let header = |text: &str, published: Option<&str>| {
            let (f, _) = paras(text);
            let ps = super::super::paragraphs(&f);
            let meta = PageMeta {
                published: published.map(str::to_string),
                ..PageMeta::default()
            };
            find_header(&ps, None, None, &meta).published_at
        };
        let text = "山西省电动自行车安全管理办法\n发布时间：2024-06-28 17:30　　来源：山西省人民政府办公厅\n第一条 为了加强管理，制定本办法。";
        assert_eq!(
            header(text, None).as_deref(),
            Some("2024-06-28T17:30:00+08:00")
        );
        // A meta tag with the day only yields to the text's time that day.
        assert_eq!(
            header(text, Some("2024-06-28")).as_deref(),
            Some("2024-06-28T17:30:00+08:00")
        );
        // A meta tag on another day is the page's word and stays.
        assert_eq!(
            header(text, Some("2024-06-30")).as_deref(),
            Some("2024-06-30")
        );
        // A social media post's time and place.
        let text = "权威发布｜某市出台若干措施\n原创 某市发改\n2025年03月14日 18:06 山东\n某市人民政府办公室关于印发若干措施的通知\n第一条 总则";
        assert_eq!(
            header(text, None).as_deref(),
            Some("2025-03-14T18:06:00+08:00")
        );
        // An index table's day before the info bar's time that day.
        let text = "索引号 000014349/2024-01952\n发布日期 2024-07-19 有效性 有效\n某市关于印发若干措施的通知\n发布时间：2024-07-19 17:02 来源：某市人民政府办公厅\n一、总则";
        assert_eq!(
            header(text, None).as_deref(),
            Some("2024-07-19T17:02:00+08:00")
        );
    }

    #[test]
    fn doc_numbers_in_any_bracket() {
        for (s, want) in [
            ("杭高新〔2025〕3號", "杭高新〔2025〕3號"),
            ("杭政办函［2025］16号", "杭政办函［2025］16号"),
            ("国发[2018] 39号", "国发[2018]39号"),
            (
                "原文下載:ABJD00-2025-0002杭高新〔2025〕3號杭州",
                "杭高新〔2025〕3號",
            ),
        ] {
            assert_eq!(doc_number_in(&fold(s), s).as_deref(), Some(want), "{s}");
        }
    }
}
