//! The 文號, and a 令's or 公告's number.

use std::sync::LazyLock;

use regex::Regex;

use super::*;

/// Longest header line searched for a 文號 when nothing marks it.
pub(super) const DOC_NUMBER_LINE_MAX: usize = 60;

/// 文號: issuer abbreviation, year in any bracket, number, 號.
pub(super) static DOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
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
pub(super) static ORDER_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*(?P<prefix>(?:[\p{{Han}}&&[^年月日]]\s?){{1,30}}?(?:令|公\s?告))\s*\(?\s*(?P<num>{ORDER_NUM})\s*\)?\s*$"
    ))
    .expect("valid regex")
});

/// The number of a 令 or 公告 as the patterns below read it: `第312号`,
/// `〔2024〕第3号`, `2024年第8号`, and a congress's numbers counted by its
/// term (`〔十四届〕第二十九号`).
const ORDER_NUM: &str = r"(?:[〔\[]\s*(?:\d{4}|[一二三四五六七八九十]{1,3}\s*届)\s*[〕\]]\s*|\d{4}\s*年\s*)?第\s*[\d一二三四五六七八九十百零〇]{1,6}\s*号";

/// The heading of a 令 or a 公告 set on its own line, its number on the
/// next (`某省人民政府令` / `第312号`): the issuing body's name and the
/// word, nothing else (letter-spaced as a heading may be: `…常务委员会公 告`).
pub(super) static ORDER_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?P<prefix>[\p{Han}&&[^年月日]]{2,30}?(?:令|公\s?告))\s*$")
        .expect("valid regex")
});

/// `公告` or `令` alone on a line, letter-spaced as headings are (`公 告`).
pub(super) static ORDER_WORD_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:公\s*告|令)\s*$").expect("valid regex"));

/// The number line under an [`ORDER_HEAD`]: an [`ORDER_NUM`] alone, maybe
/// in round brackets (`（第12号）`).
pub(super) static ORDER_NUM_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^\s*\(?\s*(?P<num>{ORDER_NUM})\s*\)?\s*$")).expect("valid regex")
});

/// Words that are not part of an issuer abbreviation in front of a 文號.
pub(super) static DOC_NUMBER_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:.*?(?:根据|按照|依据|印发|转发|贯彻|落实|文号|字号|号为|下载|附件|见|详见|参照|参见))")
        .expect("valid regex")
});

/// How many leading paragraphs may hold the heading of the 令 or 公告 that
/// publishes a regulation: a page's chrome copied with the text (site name,
/// navigation, breadcrumb, an information table of a dozen labels) comes
/// first.
pub(super) const ORDER_WITHIN: usize = 25;

/// The 文號: labelled (`文号：`) in the text or the page's info bar, a
/// 令's or 公告's number, alone on a line (an official document's
/// header), in the original's file name (`原文下載:…杭高新〔2025〕3號…pdf`),
/// or in the header text outside a citation `《…》(…)`.
pub(super) fn find_doc_number(
    head: &[Para<'_>],
    tail: &[Para<'_>],
    labelled: &[(String, String)],
    meta: &PageMeta,
) -> Option<String> {
    if let Some((_, v)) = labelled.iter().find(|(k, _)| k == "doc") {
        let f = fold(v);
        if let Some(n) = doc_number_in(&f, v).or_else(|| labelled_order_number(&f, v)) {
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
        if let Some(n) = labelled_order_number(&f, v) {
            return Some(n);
        }
    }
    // Every 文號 ends in 号: a line without one is spared the pattern.
    let is_lone = |p: &Para<'_>| {
        let f = p.folded.trim();
        p.folded.contains('号')
            && DOC_NUMBER
                .find(f)
                .is_some_and(|m| m.start() == 0 && f.len() - m.end() <= 3)
    };
    // A 令's or 公告's heading and number, unless the document's own 文號
    // stands above it: a notice relaying a 公告 (`…关于转发…公告的通知`,
    // `某政办发〔2024〕3号`, then the 公告) is numbered by its own.
    let lone_at = head.iter().position(is_lone);
    let ordered = order_heading_at(head)
        .map(|h| (h.at, order_number(head, h)))
        .or_else(|| titled_number(head));
    if let Some((at, n)) = ordered {
        if lone_at.is_none_or(|d| at <= d) {
            return Some(n);
        }
    }
    if let Some(p) = head.iter().chain(tail).find(|p| is_lone(p)) {
        return doc_number_in(p.folded, p.original);
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
    // page, cites other documents), or after the issuer's name alone at
    // the start of a line of any length (a sheet's `某办公室　某办〔2025〕4号
    // 2025年3月18日印发（…）`).
    for p in head.iter().filter(|p| p.folded.contains('号')) {
        let short = p.folded.chars().count() <= DOC_NUMBER_LINE_MAX;
        for m in DOC_NUMBER.captures_iter(p.folded) {
            let whole = m.get(0).expect("match");
            let before = p.folded[..whole.start()].trim_end();
            if before.ends_with('(') || before.ends_with('》') || before.ends_with("》(") {
                continue; // a citation of another document
            }
            let after_issuer = || {
                let name = before.trim_start();
                !name.is_empty() && super::signature::is_issuer_line(name)
            };
            if !short && !after_issuer() {
                break;
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

/// A date opening a text (folded), as a header row sets it after the 文号.
static DATE_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^\s*(?:{})", super::dates::DATE_TEXT)).expect("valid regex")
});

/// A header row of a sheet or a table page that names the issuer, the 文号
/// and the date in one line (`某区某领导小组办公室　某营商办〔2025〕4号　2025年3月
/// 18日印发（…）`): the issuers before the number (only signing bodies),
/// and the date right after it, if any.
pub(super) fn number_row(head: &[Para<'_>]) -> Option<(Vec<String>, Option<String>)> {
    head.iter()
        .filter(|p| p.folded.contains('号'))
        .find_map(|p| {
            let m = DOC_NUMBER.find(p.folded)?;
            // A row set in brackets as a note under a sheet's title
            // (`（某市人民政府办公室 某府办发〔2025〕21号 附件）`): the bracket
            // is no part of the name.
            let from = match p.folded.trim_start().strip_prefix('(') {
                Some(rest) if p.folded.trim_end().ends_with(')') => p.folded.len() - rest.len(),
                _ => 0,
            };
            let before = p.folded[from..m.start()].trim();
            if before.is_empty() || !super::signature::is_issuer_line(before) {
                return None;
            }
            let issuers = super::signature::split_issuers(cut(p, from, m.start()).trim());
            let date = DATE_FIRST
                .find(&p.folded[m.end()..])
                .and_then(|d| parse_date(d.as_str()));
            Some((issuers, date))
        })
}

/// A 令's or 公告's heading and number opening a line (folded), whatever
/// follows: a field's value (`某省人民政府令第241号　主题词：…`) or a
/// page's heading that runs on into the regulation's name
/// (`某省人民政府令（第241号）某某管理办法`).
pub(super) static ORDER_NUMBER_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*(?:[\p{{Han}}&&[^年月日]]\s?){{1,30}}?(?:令|公\s?告)\s*(?:\(\s*)?{ORDER_NUM}(?:\s*\))?"
    ))
    .expect("valid regex")
});

/// A 令 or 公告 number opening the value of a `文号：` field (folded, and
/// as written): the number as the field writes it, without layout
/// spaces, whatever the 令's heading in the body prints (a central
/// ministry's `中华人民共和国交通运输部令` / `2025年第9号` is cited
/// `交通运输部令2025年第9号` in its field, the State Council's
/// `中华人民共和国国务院令第812号` with the state's name). What follows the
/// number in the field (a table row's next cell, `主题词：…`) is no part of it.
fn labelled_order_number(folded: &str, original: &str) -> Option<String> {
    let m = ORDER_NUMBER_FIRST.find(folded)?;
    let take = folded[..m.end()].chars().count();
    Some(
        original
            .chars()
            .take(take)
            .filter(|c| !c.is_whitespace())
            .collect(),
    )
}

/// A 令's or a 公告's number: on one line (`国务院令 第706号`), or its
/// heading on one line and `第312号` / `（第12号）` on the next, as a 令 or
/// an information table (`发文字号：某省人民政府令` / `第312号`) sets it
/// → `某省人民政府令第312号`, `某省人大常委会公告（第12号）`: as written,
/// without layout spaces.
fn order_number(head: &[Para<'_>], h: OrderHeading) -> String {
    // A 公告 with a title of its own under its number (`公告` / `2025年第3号`
    // / `关于调整…的公告`): the heading above the number is its 版头, the
    // issuers' mark, as `某某局文件` is a 文件's, and the number is the
    // number as printed, as under a titled 公告 ([`titled_number`]).
    let titled_below = || {
        head.iter()
            .skip(h.after)
            .take(TITLE_AFTER_NUMBER)
            .any(|p| is_titled_announcement(p.folded))
    };
    if h.apart && h.prefix.ends_with("公告") && titled_below() {
        return h.num;
    }
    // A central body's heading opens with the state's name
    // (`中华人民共和国农业农村部令`), its number counted by year on the line
    // under it (`2025年第3号`): a ministry's order, cited without the
    // state's name (`农业农村部令2025年第3号`), as the ministries' page
    // fields cite theirs. A running number (`第812号`, the State Council's
    // orders) is cited as the heading prints it, and so is a number line
    // that writes the state's name itself.
    let by_year = h.num.contains('年');
    let prefix = if h.apart && by_year {
        without_state_name(&h.prefix)
    } else {
        &h.prefix
    };
    format!("{prefix}{}", h.num)
}

/// A 令's or 公告's heading without the state's name it opens with
/// (`中华人民共和国国务院令` → `国务院令`), when a body's name follows it.
fn without_state_name(prefix: &str) -> &str {
    let folded = fold(prefix);
    match folded.strip_prefix(STATE_NAME) {
        Some(rest) if !rest.is_empty() => {
            crate::structure::char_range(prefix, STATE_NAME.chars().count(), rest.chars().count())
        }
        _ => prefix,
    }
}

/// How many lines under a 公告's number may come before its title.
const TITLE_AFTER_NUMBER: usize = 2;

/// A 公告's or 通告's own title (`关于调整…的公告`), folded.
fn is_titled_announcement(folded: &str) -> bool {
    let f = folded.trim();
    f.contains("关于") && (f.ends_with("公告") || f.ends_with("通告"))
}

/// The number of a 公告 or 通告 that has a title (`某市人民政府关于调整…的公告`),
/// alone on the line under it (`第3号`, `（第3号）`, `〔2025〕第1号`): the
/// number as written, its brackets kept, without layout spaces. The title
/// names the issuer already; the number stands alone, as the document sets
/// it. A number cited in the text (`（第7号）公告同时废止`) is never alone on
/// its line.
/// With the index of its title line.
fn titled_number(head: &[Para<'_>]) -> Option<(usize, String)> {
    head.windows(2).enumerate().find_map(|(i, w)| {
        let title = w[0].folded.trim_end();
        if !(title.ends_with("公告") || title.ends_with("通告")) {
            return None;
        }
        let next = &w[1];
        let num = ORDER_NUM_LINE.captures(next.folded)?.name("num")?;
        Some((
            i,
            compact_range(next, bracketed(next.folded, (num.start(), num.end()))),
        ))
    })
}

/// The state's name a central body's 令 or 公告 heading opens with
/// (`中华人民共和国国务院令`, `中华人民共和国海关总署公告`), folded: the body signs
/// without it (`国务院`, `海关总署`), as gov.cn's 发文机关 names it.
const STATE_NAME: &str = "中华人民共和国";

/// The body that issues a 令 or a 公告, from its heading (`某省人民政府令`
/// → `某省人民政府`), when the heading names one.
pub(super) fn order_issuer(head: &[Para<'_>]) -> Option<String> {
    let (prefix, _) = order_heading(head)?;
    let body = prefix
        .strip_suffix('令')
        .or_else(|| prefix.strip_suffix("公告"))?;
    let folded = fold(body);
    // The body's own name follows the state's: `中华人民共和国国务院` → `国务院`.
    let body = without_state_name(body);
    ISSUER_END
        .is_match(&folded)
        .then(|| super::signature::without_term(body))
}

/// The heading of a people's congress's 公告 or its standing committee's
/// (`某省人民代表大会常务委员会公告`), folded: the 公告 that publishes a
/// 地方性法规 (or a congress's decision).
static CONGRESS_ANNOUNCEMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"人民代表大会(?:常务委员会)?公告$").expect("valid regex"));

/// A people's congress's (or its standing committee's) 公告 heading and
/// the number under it, as written without layout spaces: the heading
/// (`某省人民代表大会常务委员会公告`) and the number without the round
/// brackets it is printed in (`（第12号）` → `第12号`; a term's
/// `〔十四届〕第二十九号` kept whole). Such a 公告 is titled by its heading
/// and numbered by its number line, as the people who read it cite it
/// (two independent gold writers), not by the regulation it publishes: a
/// government's 令 is another matter (its title is the regulation's).
pub(super) fn congress_announcement(head: &[Para<'_>]) -> Option<(String, String)> {
    let h = order_heading_at(head)?;
    if !CONGRESS_ANNOUNCEMENT.is_match(&fold(&h.prefix)) {
        return None;
    }
    let num = h
        .num
        .strip_prefix(['（', '('])
        .and_then(|n| n.strip_suffix(['）', ')']))
        .unwrap_or(&h.num)
        .to_string();
    Some((h.prefix, num))
}

/// A 令's or a 公告's heading and number (`某省人民政府令`, `第312号`) as
/// written (a number's brackets kept), without layout spaces.
pub(super) fn order_heading(head: &[Para<'_>]) -> Option<(String, String)> {
    order_heading_at(head).map(|h| (h.prefix, h.num))
}

/// A 令's or a 公告's heading and number, and where they are.
struct OrderHeading {
    prefix: String,
    num: String,
    /// The number is on a line of its own, under its heading.
    apart: bool,
    /// The index of the heading's (first) line.
    at: usize,
    /// The index of the line after the number's.
    after: usize,
}

/// [`order_heading`], with where the number is.
fn order_heading_at(head: &[Para<'_>]) -> Option<OrderHeading> {
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
        // A number ends in 号, a heading in 令 or 公告: a line with
        // neither word is spared those patterns.
        let numbered = value.contains('号');
        let headed = value.contains('令') || value.contains('告');
        if let Some(c) = (numbered && headed)
            .then(|| ORDER_NUMBER.captures(value))
            .flatten()
        {
            let (prefix, num) = (range(c.name("prefix")?), range(c.name("num")?));
            return Some(OrderHeading {
                prefix: compact_range(p, prefix),
                num: compact_range(p, bracketed(p.folded, num)),
                apart: false,
                at: i,
                after: i + 1,
            });
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
                return Some(OrderHeading {
                    prefix: organ + &word,
                    num: compact_range(
                        num_line,
                        bracketed(num_line.folded, (num.start(), num.end())),
                    ),
                    apart: true,
                    at: i,
                    after: i + 3,
                });
            }
        }
        let (Some(c), Some(next)) = (
            headed.then(|| ORDER_HEAD.captures(value)).flatten(),
            head.get(i + 1),
        ) else {
            continue;
        };
        if let Some(n) = ORDER_NUM_LINE.captures(next.folded) {
            let num = n.name("num")?;
            return Some(OrderHeading {
                prefix: compact_range(p, range(c.name("prefix")?)),
                num: compact_range(next, bracketed(next.folded, (num.start(), num.end()))),
                apart: true,
                at: i,
                after: i + 2,
            });
        }
    }
    None
}

/// The number's range widened to the brackets around it, when it has both
/// (`公告（第97号）`): the number is kept as written, as a 文號 keeps its
/// `〔〕`.
fn bracketed(folded: &str, (start, end): (usize, usize)) -> (usize, usize) {
    let before = folded[..start].trim_end();
    let after = folded[end..].trim_start();
    if before.ends_with('(') && after.starts_with(')') {
        (before.len() - 1, folded.len() - after.len() + 1)
    } else {
        (start, end)
    }
}

/// The first 文號 in a (folded, original) pair, its prefix trimmed of words
/// that lead into it (`根據`, `下載:`), as the original writes it, without
/// layout spaces.
pub(super) fn doc_number_in(folded: &str, original: &str) -> Option<String> {
    if !folded.contains('号') {
        return None; // no 文號 without its 号: spared the pattern
    }
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
