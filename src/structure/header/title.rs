//! The title, and the policy text a notice issues.

use std::sync::LazyLock;

use regex::Regex;

use super::*;

/// A list tag in front of a title on CMS pages: `【區級】`, `[市级]`.
/// So is an information table's label before it (`标题 | 某某…的通知`, a
/// dump's row of cells: `标题 某某…的通知`).
pub(super) static LIST_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:【[^】]{1,12}】|\[[^\]]{1,12}\]|标\s*题\s*[:：]?)\s*").expect("valid regex")
});

/// Words a notice's title ends with (folded): the 公文 kinds of GB/T 9704
/// (函, 纪要, 报告, 请示 … included) and the names of policy texts.
pub(super) static TITLE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:通知|通报|意见|决定|办法|措施|规定|方案|细则|批复|公告|通告|决议|函|纪要|报告|请示|公报|若干政策|举措|政策|纲要|规划|指引|条例|规则|章程|准则|指南|计划|要点|(?:\(|（)(?:试行|征求意见稿|暂行)(?:\)|）))\s*$")
        .expect("valid regex")
});

/// The title, from the text first: a line ending in 通知 that names a
/// subject (`關于…`, `印發…`); a title set over two or three short lines;
/// any title line (`關于…的意見`); then what the page or dump says
/// (`標題：`, its article title); last, a short bare line ending in a title
/// word near the top (`上海市燃氣條例`). A title line that starts with 關于
/// right under a line of issuers (`中共某縣委 某縣人民政府`) is their title.
pub(super) fn find_title(
    head: &[Para<'_>],
    meta: &PageMeta,
    labelled: &[(String, String)],
) -> Option<String> {
    title_as_written(head, meta, labelled).map(|t| without_mark(&without_number_tag(&t)))
}

/// A red heading (`某县人民政府文件`) a PDF's layout joined to the title
/// below it: an issuer's name and `文件` opening a title that goes on
/// with its subject (`…文件某县人民政府关于印发…的通知`: held-out HB3).
static RED_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\p{Han}{2,30}?(?:政府|办公室|办公厅|委员会|局|厅|委|部|院|会)\s*文件\s*(?P<rest>\p{Han}[^\n]*(?:关于|印发)[^\n]*)$")
        .expect("valid regex")
});

/// The title without a red heading joined to it (see [`RED_MARK`]).
fn without_mark(title: &str) -> String {
    match RED_MARK.captures(title) {
        Some(c) if TITLE_END.is_match(&fold(&c["rest"])) => c["rest"].to_string(),
        _ => title.to_string(),
    }
}

/// A table headed by the notice it belongs to (`《某区人民政府办公室关于印发…的
/// 通知》（某政办发〔2025〕6号）任务分工表`): the notice in book-title marks,
/// its 文号 in brackets, then a name that [`names_table`].
static NOTICE_S_TABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*《(?P<notice>[^《》]+通知)》\s*(?:[(（]\s*(?P<number>\p{Han}{1,12}\s*[〔\[［]\s*\d{4}\s*[〕\]］]\s*(?:第\s*)?\d{1,6}\s*[号號])\s*[)）])?(?P<table>\s*\p{Han}{1,14})\s*$")
        .expect("valid regex")
});

/// The notice a table's heading names, and the notice's 文号 when given
/// (see [`NOTICE_S_TABLE`]): the table is the notice's, so the notice's
/// title is the document's.
pub(super) fn notice_of_table(heading: &str) -> Option<(String, Option<String>)> {
    let one_line: String = heading.lines().map(str::trim).collect();
    let c = NOTICE_S_TABLE.captures(&one_line)?;
    if !names_table(&c["table"]) {
        return None;
    }
    Some((
        c["notice"].trim().to_string(),
        c.name("number").map(|m| m.as_str().to_string()),
    ))
}

/// A title's own number in brackets after it (`…的公告（第六二三号）`,
/// `…公告（2025年第3号）`, `（〔2024〕第3号）`), as a page's heading appends
/// it: the number is the document's 文号, no part of its title (GOLD.md).
static NUMBER_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*[(（]\s*(?:[〔\[［]\s*\d{4}\s*[〕\]］]\s*|\d{4}\s*年\s*)?第\s*[\d一二三四五六七八九十百零〇]{1,6}\s*[号號]\s*[)）]\s*$")
        .expect("valid regex")
});

/// A whole 文号 in brackets after a title (`…挂牌出让公告（某土告〔2026〕9号）`):
/// an issuer's abbreviation, the year in its brackets and the number. No
/// title's name ends so, whatever the title's words.
static DOC_NUMBER_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*[(（]\s*\p{Han}{1,12}\s*[〔\[［]\s*\d{4}\s*[〕\]］]\s*(?:第\s*)?[\d一二三四五六七八九十百零〇]{1,6}\s*[号號]\s*[)）]\s*$")
        .expect("valid regex")
});

/// The date a list is brought up to, in brackets after its name
/// (`…惠企政策清单（截至2025年3月底）`): a note of when, no part of a name.
static AS_OF_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*[(（]\s*(?:数据)?截[至止]\s*[^()（）]{2,20}[)）]\s*$").expect("valid regex")
});

/// The title without its own number in brackets after it (see
/// [`NUMBER_TAG`], [`DOC_NUMBER_TAG`]), when what is left ends as a title
/// does, and without an as-of date after it ([`AS_OF_TAG`]). A bare
/// number must follow a title that names its subject (`…关于…的公告`): a
/// 公告 titled by its heading alone (`某局公告（第3号）`) keeps its number,
/// that is its name.
fn without_number_tag(title: &str) -> String {
    let title = match AS_OF_TAG.find(title) {
        Some(m) if m.start() > 0 => &title[..m.start()],
        _ => title,
    };
    let ends_title = |end: usize| TITLE_END.is_match(&fold(&title[..end]));
    if let Some(m) = DOC_NUMBER_TAG.find(title) {
        if ends_title(m.start()) {
            return title[..m.start()].to_string();
        }
    }
    match NUMBER_TAG.find(title) {
        Some(m) if subject_at(&fold(title)).is_some() && ends_title(m.start()) => {
            title[..m.start()].to_string()
        }
        _ => title.to_string(),
    }
}

/// A folded line without its bracketed asides (`（外贸和消费提升方向）`).
fn without_brackets(folded: &str) -> String {
    static BRACKET: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\([^()]*\)").expect("valid regex"));
    BRACKET.replace_all(folded, "").into_owned()
}

/// The title as the text or the page writes it (see [`find_title`]).
fn title_as_written(
    head: &[Para<'_>],
    meta: &PageMeta,
    labelled: &[(String, String)],
) -> Option<String> {
    let is_title = |f: &str| {
        let f = f.trim();
        let n = f.chars().count();
        (6..=150).contains(&n)
            && (TITLE_END.is_match(f) || ends_title(f))
            && (f.contains("关于") || f.contains("印发") || f.contains("转发"))
            && !f.starts_with('《')
            && !f.ends_with('》')
            && !INFO_LABEL.is_match(f)
    };
    let strip = |s: &str| LIST_TAG.replace(s.trim(), "").trim().to_string();
    // A line's folded text without white space, to compare lines by.
    let key =
        |p: &Para<'_>| -> String { p.folded.chars().filter(|c| !c.is_whitespace()).collect() };
    // With the line of issuers above a title that opens with its subject
    // (`关于…`, `印发…`, `转发…`).
    let with_issuers = |i: usize| -> String {
        let p = &head[i];
        let title = strip(p.original);
        if i == 0 || !opens_with_subject(&fold(&title)) {
            return title;
        }
        let above = &head[i - 1];
        if is_issuer_line(above.folded) || is_relay_line(above.folded) {
            return format!("{}{}", above.original.trim(), title);
        }
        // The issuers' last name wrapped before its last character or
        // two (`…人民政府办公` / `室`, a joint header set in a narrow
        // cell): the two lines are the names.
        let short = above.folded.trim().chars().count() <= WRAPPED_NAME_TAIL;
        if short && i > 1 {
            let names = format!("{}{}", head[i - 2].folded.trim(), above.folded.trim());
            if is_issuer_line(&names) {
                return format!(
                    "{}{}{}",
                    head[i - 2].original.trim(),
                    above.original.trim(),
                    title
                );
            }
        }
        title
    };
    // A page's heading may drop the issuers the text's own title line
    // starts with (`# 关于…的通告` over `某市人民政府关于…的通告`), and a
    // bracket inside it (a WeChat headline `关于…专项资金项目的通知` over
    // `某局关于…专项资金（外贸方向）项目的通知`): the title is the fuller
    // line, wherever in the header it stands.
    let fuller = |i: usize| -> usize {
        // Without a list tag (a WeChat heading's `【通知】关于…`).
        let short: String = LIST_TAG.replace(&key(&head[i]), "").into_owned();
        let short_bare = without_brackets(&short);
        (i + 1..head.len())
            .find(|&j| {
                let long = key(&head[j]);
                let long_bare = without_brackets(&long);
                long.len() > short.len()
                    && (long.ends_with(&short) || long_bare.ends_with(&short_bare))
                    && long_bare
                        .strip_suffix(short_bare.as_str())
                        .is_some_and(is_issuer_line)
            })
            .unwrap_or(i)
    };
    // A dump's first line may be the page's `<title>`, the site's name
    // joined to the title (`某市人民政府门户网站-某局关于…的通知`): the text's
    // own title line below, which that line holds after a separator, is
    // the title.
    let without_site = |i: usize| -> usize {
        let long = key(&head[i]);
        (i + 1..head.len())
            .find(|&j| {
                let short = key(&head[j]);
                is_title(head[j].folded)
                    && short.len() < long.len()
                    && (long
                        .strip_suffix(short.as_str())
                        .is_some_and(|site| site.ends_with(PAGE_TITLE_SEPARATORS))
                        || long
                            .strip_prefix(short.as_str())
                            .is_some_and(|site| site.starts_with(PAGE_TITLE_SEPARATORS)))
            })
            .unwrap_or(i)
    };
    if let Some(i) = head
        .iter()
        .position(|p| is_title(p.folded) && fold(&strip(p.original)).ends_with("通知"))
    {
        return Some(with_issuers(fuller(without_site(i))));
    }
    // A title set over two or three lines (a text dump of a PDF, a `<br>`
    // in the page): short lines without sentence punctuation, joined.
    let bare = |f: &str| f.chars().count() <= 40 && !f.contains(['。', ',', ':', ';', '!', '?']);
    // The last line may hold only the title word's last character or two
    // (`…实施方案的通` / `知`, a title set large in a narrow column).
    let ends_title_word = |i: usize| {
        let last = head[i].folded.trim();
        TITLE_END.is_match(last)
            || (i > 0
                && last.chars().count() <= 2
                && TITLE_END.is_match(&format!("{}{last}", head[i - 1].folded.trim())))
    };
    for (i, p) in head.iter().enumerate() {
        if !ends_title_word(i) || !bare(p.folded) || is_title(p.folded) {
            continue;
        }
        // Longest first: `某某管委會 政府印發` / `關于…` / `(2025年版)的通知`.
        for k in (1..TITLE_MAX_LINES.min(i + 1)).rev() {
            let lines = &head[i - k..=i];
            if !lines.iter().all(|q| bare(q.folded)) {
                continue;
            }
            // A line that is a title on its own (a page's title with its
            // 文號 appended) does not start a title set over lines.
            if lines[..k].iter().any(|q| ends_title(q.folded)) {
                continue;
            }
            // Nor one under a title that is whole, when it is only bodies'
            // names and the kind of their act: a 公告's own heading
            // (`某部 某部公告` / `2025年第18号`) below the page's title.
            let names_kind = ["公告", "通告", "令"]
                .iter()
                .any(|w| p.folded.trim().strip_suffix(w).is_some_and(is_issuer_line));
            if names_kind && lines[..k].iter().any(|q| is_title(q.folded)) {
                continue;
            }
            // Nor does a page's heading that the lines under it repeat, set
            // over lines (`某办关于…的意见` / `某办关于…` / `…的意见`): those
            // lines are the title, once.
            let repeated = (0..k).any(|j| {
                let rest = lines[j + 1..].iter().flat_map(|q| q.folded.chars());
                lines[j]
                    .folded
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .eq(rest.filter(|c| !c.is_whitespace()))
            });
            if repeated {
                continue;
            }
            // Nor does a red header's last name over the title's own line
            // of issuers (`青溪县人民政府办公室` / `中共青溪县委办公室
            // 青溪县人民政府办公室` / `关于印发…`): a name the lines under it
            // name again is the header's, not the title's.
            let named_again = (0..k).any(|j| {
                let name = key(&lines[j]);
                is_issuer_line(lines[j].folded)
                    && lines[j + 1..]
                        .iter()
                        .any(|q| is_issuer_line(q.folded) && key(q).contains(&name))
            });
            if named_again {
                continue;
            }
            // The title's first line names its subject, or it is the
            // issuing bodies' names over a line that opens with the subject
            // (a PDF's `某省人民政府办公厅` / `关于印发…` / `（2024—2026年）的通知`;
            // a 两办 notice's `中共某省委办公厅 某省人民政府办公厅` / `印发《…` /
            // `…》的通知`). The issuing bodies may take more than a line
            // and run on into the subject's (`某部 某部 某部` / `某部 某委关于…`
            // / `…的意见`, a joint document's).
            let subject_after_issuers = |f: &str| {
                let f = f.trim_start();
                subject_at(f).is_some_and(|j| j == 0 || is_issuer_line(&f[..j]))
            };
            let issuer_lines = lines[..k]
                .iter()
                .take_while(|q| is_issuer_line(q.folded))
                .count();
            let folded: String = lines.iter().map(|q| q.folded.trim()).collect();
            let opens = SUBJECT_WORDS.iter().any(|w| lines[0].folded.contains(w))
                || (issuer_lines > 0 && subject_after_issuers(lines[issuer_lines].folded))
                // Names cut at the end of a line (`某甲局 某乙局 某`):
                // a whole name alone on the first line may be a heading.
                || (!is_issuer_line(lines[0].folded) && bodies_then_subject(&folded));
            if opens && is_title(&folded) {
                let end = i + 1 + title_tail(&head[i + 1..], &folded, is_title);
                return Some(head[i - k..end].iter().map(|q| strip(q.original)).collect());
            }
        }
    }
    if let Some(i) = head.iter().position(|p| is_title(p.folded)) {
        return Some(with_issuers(fuller(without_site(i))));
    }
    // A page may title a regulation by the numbered 公告 or 令 that
    // publishes it (`某省人大常委会公告（第12号）`): the regulation's own
    // name in the text is its title then, if there is one.
    // The heading alone (`中华人民共和国某某部令`, a document's largest
    // line) names the order, not what it publishes.
    let numbered_order = |t: &str| {
        let f = fold(t);
        ORDER_NUMBER.is_match(&f) || (ORDER_HEAD.is_match(&f) && subject_at(&f).is_none())
    };
    let mut order_title = None;
    if let Some((_, t)) = labelled.iter().find(|(k, _)| k == "title") {
        let t = after_order_number(t).unwrap_or(t);
        if !numbered_order(t) {
            return Some(strip(t));
        }
        order_title = Some(strip(t));
    }
    // The text's non-blank lines, and whether a bracket alone on the line
    // under line `i` qualifies it (`某市…规划纲要` / `（摘编）`,
    // `（2024—2026年）`, `（试行）`): it is the title's. Not a note of its
    // adoption (`（…会议通过）`) or its number.
    let lines: Vec<&Para<'_>> = head
        .iter()
        .filter(|p| !p.folded.trim().is_empty())
        .collect();
    let qualifier_below = |i: usize| {
        lines.get(i + 1).is_some_and(|n| {
            let f = n.folded.trim();
            TITLE_QUALIFIER.is_match(f) && !ADOPTION_NOTE.is_match(f)
        })
    };
    if let Some(t) = &meta.title {
        let s = strip(after_order_number(t).unwrap_or(t));
        // The heading's line in the text, with its qualifier under it.
        let key = |x: &str| -> String { fold(x).chars().filter(|c| !c.is_whitespace()).collect() };
        let s = match lines.iter().position(|p| key(p.folded) == key(&s)) {
            Some(i) if qualifier_below(i) => format!("{s}{}", strip(lines[i + 1].original)),
            _ => s,
        };
        // A headline that is no title itself (a post's `重磅！某某实施方案
        // （2025—2027年）印发`) yields to the text's own heading in it.
        let headline = key(&s);
        let folded_headline = fold(&s);
        let bare_headline = CLOSING_BRACKET.replace(&folded_headline, "");
        if !TITLE_END.is_match(&bare_headline) && !names_table(&s) {
            let own = lines.iter().take(BARE_TITLE_WITHIN).find(|p| {
                let k = key(p.folded);
                k.len() < headline.len()
                    && headline.contains(&k)
                    && bare(p.folded)
                    && ends_as_title(p.folded.trim())
            });
            if let Some(p) = own {
                return Some(strip(p.original));
            }
        }
        if !s.is_empty() && !numbered_order(&s) {
            // A table's heading (`某市重点任务清单`, `某某资金分配表`) is the
            // title of a document that has no notice in it, under an
            // `附件` label or not: 12 of 15 held-out sheets' golds take it
            // (n2, r1, h1, n4, E2, H3, K1, Q3, T4, W3, Z4, AD4; b2, N3 and
            // S4 leave the title empty).
            return Some(s);
        }
        order_title = order_title.or(Some(s).filter(|s| !s.is_empty()));
    }
    // A regulation's or a plan's own name heading the text; not the
    // heading of the 公告 that publishes it (`某省人大常委会公告` / `（第12号）`).
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
            ends_as_title(f) && bare(f) && (4..=40).contains(&f.chars().count()) && !numbered(i)
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
    let bare_at = after_order
        .and_then(|j| bare_title(j + 1))
        .or_else(|| bare_title(0));
    // A cover page sets a long title over lines (`2025年度某区数字经济和
    // 先进制造业` / `高质量发展专项资金项目申报指南`): the lines above the
    // one ending in a title word that read as its start go with it.
    let above = |i: usize| {
        (1..TITLE_MAX_LINES)
            .take_while(|&k| {
                k <= i
                    && !numbered(i - k)
                    && starts_wrapped_title(lines[i - k].folded, lines[i - k + 1].folded)
            })
            .count()
    };
    bare_at
        .map(|i| {
            let end = if qualifier_below(i) { i + 1 } else { i };
            lines[i - above(i)..=end]
                .iter()
                .map(|p| strip(p.original))
                .collect()
        })
        .or(order_title)
}

/// What a page's `<title>` sets between the site's name and the title
/// (`某市人民政府门户网站-…的通知`, `…的通知_某局`).
const PAGE_TITLE_SEPARATORS: &[char] = &['-', '_', '|', '｜', '—', '–', '丨'];

/// A short bracket alone on its line (folded): a qualifier under a name
/// set on the line above (`（摘编）`, `（2024—2026年）`, `（试行）`).
static TITLE_QUALIFIER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\([^()]{1,16}\)$").expect("valid regex"));

/// A bracket that notes how or when a text was adopted or numbers it
/// (`（2024年5月28日通过）`, `（第3号）`), folded: no part of a title.
static ADOPTION_NOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"通过|公布|发布|施行|批准|号|日").expect("valid regex"));

/// A bracket closing a title (`（2024—2026年）`, `（2025年修订）`), folded.
static CLOSING_BRACKET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*\([^()]{1,20}\)\s*$").expect("valid regex"));

/// Most characters of an issuer's name wrapped alone onto the line above
/// a title (`室`, `公室`).
const WRAPPED_NAME_TAIL: usize = 2;

/// A table's name closing a heading (`…重点任务清单`, `…资金分配表`,
/// `…台账`), folded; not a word ending in 表 that names people (`代表`).
static TABLE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:清单|[^代发]表|台账)$").expect("valid regex"));

/// Whether a heading names a table (`某市重点任务清单`,
/// `某某实施方案重点任务分工表`, `某某资金分配表（2025年）`), not a notice or a
/// policy text: a document headed so (a workbook) has no title.
pub(crate) fn names_table(heading: &str) -> bool {
    let f: String = fold(heading)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let f = CLOSING_BRACKET
        .find(&f)
        .map_or(f.as_str(), |m| &f[..m.start()]);
    TABLE_END.is_match(f)
}

/// Table names that follow a policy's name in a sheet's heading
/// (`某某实施方案` / `重点任务分工表`, `…工作方案（2024—2025年）重点任务清单`),
/// folded.
static TABLE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\p{Han}{0,8}(?:清单|分工表|任务表|一览表|台账)\s*$").expect("valid regex")
});

/// The policy a title-less document's heading names (a sheet's
/// `某某实施方案重点任务分工表`): the policy's name before a table's name
/// after it, else the heading as written, on one line.
pub(super) fn heading_policy(meta: &PageMeta) -> Option<String> {
    let heading = meta.title.as_deref()?;
    let one_line: String = heading.lines().map(str::trim).collect::<Vec<_>>().join("");
    let s = LIST_TAG.replace(one_line.trim(), "").trim().to_string();
    if s.is_empty() || !names_table(&s) {
        return None;
    }
    let f = fold(&s);
    // The last place the policy's name may end: a title word, with the
    // bracket after it (`工作方案（2024—2025年）`), before a table's name.
    let cut = TITLE_WORD
        .find_iter(&f)
        .map(|m| {
            let rest = &f[m.end()..];
            m.end() + OPEN_BRACKET_TAIL.find(rest).map_or(0, |b| b.end())
        })
        .filter(|&end| TABLE_NAME.is_match(&f[end..]))
        .last();
    Some(match cut {
        Some(end) => crate::structure::char_range(&s, 0, f[..end].chars().count()).to_string(),
        None => s,
    })
}

/// Whether a title names a policy text (`某某管理办法`, `…的意见`), not a
/// notice or an announcement of one (`…的通知`, `某局公告`).
pub(super) fn names_policy(title: &str) -> bool {
    let f = fold(title);
    let f = f.trim();
    let f = CLOSING_BRACKET.find(f).map_or(f, |m| &f[..m.start()]);
    TITLE_WORD
        .find_iter(f)
        .last()
        .is_some_and(|m| m.end() == f.len())
}

/// The title words of [`TITLE_END`] that name a policy text, anywhere.
static TITLE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:意见|办法|措施|规定|方案|细则|若干政策|举措|纲要|规划|指引|条例|规则|准则|指南|计划|要点)")
        .expect("valid regex")
});

/// A bracket right after a policy's name (`（2024—2025年）`, `（试行）`).
static OPEN_BRACKET_TAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\([^()]{1,20}\)").expect("valid regex"));

/// The words a title's subject opens with: what the notice is about
/// (`关于…`) or what it issues (`印发《…》`, `转发…`). Names before them are
/// the issuers'.
const SUBJECT_WORDS: [&str; 3] = ["关于", "印发", "转发"];

/// Where a title's subject opens (the first [`SUBJECT_WORDS`]), folded.
fn subject_at(folded: &str) -> Option<usize> {
    SUBJECT_WORDS.iter().filter_map(|w| folded.find(w)).min()
}

/// Whether a title opens with its subject, no issuer named before it
/// (`关于…的通知`, `印发《…》的通知`): the names of a line above are its issuers'.
fn opens_with_subject(folded: &str) -> bool {
    subject_at(folded.trim_start()) == Some(0)
}

/// The names a relayed text's authors end with when the title does not
/// list them all (`国家发展改革委等部门`, `省财政厅等单位`), folded.
static AUTHORS_CLASS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"等(?:\p{Han}{0,6}?)(?:部门|单位|机构)$").expect("valid regex"));

/// Whether a line above a `关于…` title is its first part: the issuers'
/// names, `转发` or `印发`, and the names of the bodies whose text they
/// relay (`国务院办公厅转发国家发展改革委等部门` / `关于…意见的通知`), a line
/// without sentence punctuation. The title is the two lines then; the
/// relay verb ends no title, so nothing else joins them.
fn is_relay_line(folded: &str) -> bool {
    let f = folded.trim();
    if f.chars().count() > 40 || f.contains(['。', ',', ':', ';', '《', '》']) {
        return false;
    }
    let Some((at, verb)) = ["转发", "印发"]
        .iter()
        .filter_map(|w| f.find(w).map(|at| (at, w.len())))
        .min()
    else {
        return false;
    };
    let (issuers, authors) = (&f[..at], &f[at + verb..]);
    if issuers.trim().is_empty() || !is_issuer_line(issuers) {
        return false;
    }
    let authors = AUTHORS_CLASS
        .find(authors)
        .map_or(authors, |m| &authors[..m.start()]);
    let names: Vec<&str> = authors
        .split(|c: char| c == '、' || c.is_whitespace())
        .filter(|n| !n.is_empty())
        .collect();
    !names.is_empty() && names.iter().all(|n| ISSUER_END.is_match(n))
}

/// Most lines a title is set over (a joint notice's five issuers run over
/// the first three of four lines).
const TITLE_MAX_LINES: usize = 4;

/// Whether a title set over lines opens with the names of the bodies that
/// issue it, before its subject (`某甲局 某乙局 某` / `丙局关于…`): the
/// text before its first 关于 is names ending like a body's, written in
/// Chinese (no 文号, no `某某局文件` heading above the title).
fn bodies_then_subject(folded: &str) -> bool {
    let Some(at) = folded.find("关于").filter(|&at| at > 0) else {
        return false;
    };
    let names = split_issuers(&folded[..at]);
    !names.is_empty()
        && names.iter().all(|n| {
            ISSUER_END.is_match(n)
                && !n.contains("文件")
                && n.chars()
                    .all(|c| is_han(c) || matches!(c, '(' | ')' | '（' | '）'))
        })
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Whether `line`, above `below`, is the first part of a title wrapped
/// onto `below`: a line of Chinese words without sentence punctuation
/// that is no title, date, 文号 or name of a body itself, and no shorter
/// than the line it wraps onto (a wrapped line fills its width; a site
/// name or a menu item above a title is short).
fn starts_wrapped_title(line: &str, below: &str) -> bool {
    let f = line.trim();
    let n = f.chars().count();
    let han = f.chars().filter(|&c| is_han(c)).count();
    (TITLE_LINE_MIN_CHARS..=40).contains(&n)
        && n >= below.trim().chars().count()
        && han * 3 >= n * 2
        && !f
            .chars()
            .any(|c| c.is_whitespace() || c.is_ascii_alphabetic())
        && !f.contains(['。', ',', ':', ';', '!', '?', '《', '》', '>', '|'])
        && !TITLE_END.is_match(f)
        && !is_issuer_line(f)
        && parse_date(f).is_none()
        && !DOC_NUMBER.is_match(f)
}

/// Fewest characters of a title's first line set over lines.
const TITLE_LINE_MIN_CHARS: usize = 8;

/// Most lines a title set over lines may run on past a line that ends in a
/// title word (`…三年行动计划` / `（2025—2027年）的通知`).
const TITLE_TAIL_MAX_LINES: usize = 2;

/// How many of `rest`, the lines after a title's line that already ends in
/// a title word, still belong to the title: a PDF's dump wraps
/// `…关于印发某市推进` / `低空经济高质量发展三年行动计划` /
/// `（2025—2027年）的通知`, and the plan's name ends in 计划 before the
/// bracketed years and the `的通知` do. A line goes on the title when it
/// opens with a bracket or with `的`, holds no sentence punctuation, and
/// the title with it is still a title.
fn title_tail(rest: &[Para<'_>], title: &str, is_title: impl Fn(&str) -> bool) -> usize {
    let mut joined = title.to_string();
    let mut taken = 0;
    for q in rest.iter().take(TITLE_TAIL_MAX_LINES) {
        let f = q.folded.trim();
        let opens_tail = f.starts_with(['(', '的']);
        let bare = f.chars().count() <= 40 && !f.contains(['。', ',', ':', ';', '!', '?']);
        if !(opens_tail && bare) {
            break;
        }
        joined.push_str(f);
        if !is_title(&joined) {
            break;
        }
        taken += 1;
    }
    taken
}

/// The regulation's name in a title that a policy library prefixes with
/// the order publishing it (`某总局令第105号　某某管理办法`).
/// The number may be bracketed and the name follow it without a space, as
/// a portal's heading runs the two lines of a 令 together
/// (`某省人民政府令（第241号）某某管理办法`).
fn after_order_number(title: &str) -> Option<&str> {
    let t = title.trim();
    let folded = fold(t);
    let m = ORDER_NUMBER_FIRST.find(&folded)?;
    // Folding keeps the count of characters: skip as many in `t`.
    let skip = folded[..m.end()].chars().count();
    let at = t.char_indices().nth(skip).map_or(t.len(), |(i, _)| i);
    let rest = t[at..].trim();
    let folded_rest = fold(rest);
    (TITLE_END.is_match(&folded_rest) && (4..=60).contains(&folded_rest.chars().count()))
        .then_some(rest)
}

/// Whether a (folded, trimmed) line ends with a title's word, its years
/// or edition in a bracket after it (`…实施方案（2025—2027年）`) or not.
fn ends_as_title(f: &str) -> bool {
    let name = CLOSING_BRACKET
        .find(f)
        .filter(|m| !ADOPTION_NOTE.is_match(m.as_str()))
        .map_or(f, |m| &f[..m.start()]);
    TITLE_END.is_match(name)
}

/// Whether a line is a whole title with its 文號 in brackets after it, as
/// a page's heading writes it (`关于做好…的通知(发改运行〔2020〕1784号)`,
/// `某局关于…的公告（第六二〇号）`).
pub(super) fn ends_title(folded: &str) -> bool {
    let f = folded.trim();
    if let Some(m) = NUMBER_TAG.find(f).filter(|m| m.start() > 0) {
        if subject_at(f).is_some() && TITLE_END.is_match(f[..m.start()].trim_end()) {
            return true;
        }
    }
    match DOC_NUMBER.find(f) {
        Some(m) if f[m.end()..].trim() == ")" => {
            TITLE_END.is_match(f[..m.start()].trim_end().trim_end_matches('(').trim_end())
        }
        _ => false,
    }
}

/// How many leading paragraphs may hold a bare title line (`上海市燃氣條例`).
pub(super) const BARE_TITLE_WITHIN: usize = 5;

/// Issuers named in front of the subject of a title (`江西省人民政府办公厅关于…`,
/// `中共某县委 某县人民政府关于…`), when every name ends like a body's.
pub(super) fn title_issuers(title: &str) -> Vec<String> {
    let f = fold(title);
    let Some(at) = subject_at(&f) else {
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
pub(super) fn find_policy_title(title: &str, head: &[Para<'_>]) -> Option<String> {
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
        // Compared char by char: no string is built for every line.
        if p.folded
            .chars()
            .filter(|c| !c.is_whitespace())
            .eq(key.chars())
        {
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
