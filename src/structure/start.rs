//! Where the notice starts in its text: the title's first line, when a
//! text opens with something else above it — a WeChat or portal repost's
//! headline and editor's lead-in (`重磅！最高奖励500万元！…` / `点击上方蓝字
//! 关注我们` / `近日，市政府办公室印发…`).
//!
//! In: the text and its [`Structure`] (the header's title, 文号 and 主送,
//! the outline's first span). Out: the code-point offset of the title's
//! first line, or None. It refuses every start it cannot tie to the
//! header: a title taken from elsewhere (the page's `<title>`, a `标题：`
//! field) or none, a title line below the 文号 or 主送, a text that starts
//! with its title (nothing is above it). The pipeline drops the figures
//! above the start: GOLD.md counts the notice's money only, and those are
//! the page's.

use std::sync::LazyLock;

use regex::Regex;

use super::Structure;
use crate::decode::normalize::fold;

/// Lines from the top of the text within which the notice's title is
/// looked for as the start of the notice: a header's reach when there is
/// no outline to bound it.
const NOTICE_START_WITHIN_LINES: usize = super::header::HEADER_MAX_PARAGRAPHS;

/// Most lines between a 文号 and the title under it (a blank line, the
/// title's issuers' line).
const NUMBER_ABOVE_TITLE: usize = 3;

/// Most lines a title is set over in the text (`某市人民政府关于印发` /
/// `…三年行动计划` / `（2025—2027年）的通知`; its issuers' line above it).
const TITLE_MAX_LINES: usize = 4;

/// Where the notice itself starts in `text`, a text that opens with
/// something else above the notice's title: the code-point offset of the
/// title's first line.
///
/// Only when the title is a line (or lines) of the text near the top:
/// within [`NOTICE_START_WITHIN_LINES`], before the first section or
/// clause, and with no 文号 line and no 主送 line above it (they follow the
/// title; one above it means the notice began earlier: a red-headed
/// document's 文号, a 令 whose regulation is titled below it). A 文号
/// right above the title is where the notice starts. A title
/// taken from elsewhere or none gives None; so does a text that starts
/// with its title. Of several lines that are the title (a headline that is
/// the title, then the title again under the lead-in), the last is the
/// start.
pub fn notice_start(text: &str, st: &Structure) -> Option<usize> {
    let title = key(st.header.title.as_deref()?);
    if title.is_empty() {
        return None;
    }
    let outline = st
        .sections
        .iter()
        .map(|s| s.span[0])
        .chain(st.clauses.iter().map(|c| c.span[0]))
        .min()
        .unwrap_or(usize::MAX);
    // Code-point start and key of each line near the top, above the outline.
    let mut lines: Vec<(usize, String)> = Vec::new();
    let mut at = 0;
    for line in text.split('\n').take(NOTICE_START_WITHIN_LINES) {
        if at >= outline {
            break;
        }
        lines.push((at, key(line)));
        at += line.chars().count() + 1;
    }
    let doc_number = st.header.doc_number.as_deref().map(key);
    let first_recipient = st.header.recipients.first().map(|r| key(r));
    let mut start = None;
    for i in 0..lines.len() {
        // A 文号 line (or one set over two: `某省人民政府令` / `第312号`) or
        // the 主送 line: the notice's header is under way.
        let two = |j: usize| {
            let mut s = lines[j].1.clone();
            if let Some((_, next)) = lines.get(j + 1) {
                s.push_str(next);
            }
            s
        };
        let numbers =
            |l: &str, d: &str| l.contains(d) && l.chars().count() <= d.chars().count() + 12;
        if doc_number
            .as_deref()
            .is_some_and(|d| !d.is_empty() && (numbers(&lines[i].1, d) || two(i) == d))
        {
            // A 文号 right above the title (a repost that copies the
            // document from its number on) starts the notice there.
            let title_below = (i + 1..lines.len().min(i + 1 + NUMBER_ABOVE_TITLE))
                .any(|j| is_title_line(&lines[j].1, &title));
            if title_below && start.is_none() {
                start = Some(lines[i].0);
            }
            break;
        }
        if first_recipient.as_deref().is_some_and(|r| {
            !r.is_empty() && lines[i].1.starts_with(r) && lines[i].1.ends_with(':')
        }) {
            break;
        }
        let mut joined = String::new();
        for (_, k) in lines[i..].iter().take(TITLE_MAX_LINES) {
            if k.is_empty() {
                break;
            }
            joined.push_str(k);
            if is_title_line(&joined, &title) {
                start = Some(lines[i].0);
                break;
            }
            if joined.len() > title.len() + 64 {
                break;
            }
        }
    }
    start.filter(|&s| s > 0)
}

/// Whether a line (or lines joined), as a [`key`], is the title as the
/// header gives it: the same, or with a list tag before it (`【市级】`) or
/// its own number in brackets after it (`（第3号）`), which the title drops.
fn is_title_line(line: &str, title: &str) -> bool {
    let Some(at) = line.find(title) else {
        return false;
    };
    let (before, after) = (&line[..at], &line[at + title.len()..]);
    let tag = before.is_empty()
        || (before.starts_with(['【', '['])
            && before.ends_with(['】', ']'])
            && before.chars().count() <= 14);
    let number = after.is_empty() || (after.starts_with('(') && after.ends_with(')'));
    tag && number
}

/// A heading of the links a page lists around the notice (`相关链接：`,
/// `相关阅读`, `推荐阅读`, a WeChat post's `往期推荐`), alone on its line,
/// folded.
static LINKS_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*[\[【]?\s*(?:(?:相关|推荐|延伸)(?:链接|阅读|新闻|稿件|信息|推荐|文章)|往期(?:推荐|回顾|精选|精彩)|精彩推荐)\s*[\]】]?\s*:?\s*$",
    )
    .expect("valid regex")
});

/// Longest line taken for a linked page's title under a links heading.
const LINK_TITLE_MAX_CHARS: usize = 80;

/// The lists of links a page shows around the notice, as its text dump
/// keeps them: a links heading (`相关链接：`) and the titles under it
/// (`·【图解】一图读懂…新规：最高罚2万元`), as code-point ranges of `text`.
/// Their figures are other pages' headlines, not the notice's.
///
/// A title is a line of [`LINK_TITLE_MAX_CHARS`] or fewer that does not
/// end a sentence (`。`, `；`); the list ends at the first line that is
/// none, or at a blank line.
pub fn link_lists(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut lists = Vec::new();
    let mut open: Option<std::ops::Range<usize>> = None;
    let mut at = 0;
    for line in text.split('\n') {
        let len = line.chars().count();
        // Headings and titles are short: a body's long paragraphs are
        // neither, and are not folded to find it out.
        let folded = if len <= LINK_TITLE_MAX_CHARS {
            fold(line)
        } else {
            String::new()
        };
        let trimmed = folded.trim();
        let title = !trimmed.is_empty() && !trimmed.ends_with(['。', ';', '；']);
        match open.as_mut() {
            Some(list) if title && !LINKS_HEADING.is_match(&folded) => list.end = at + len,
            _ => {
                lists.extend(open.take());
                if LINKS_HEADING.is_match(&folded) {
                    open = Some(at..at + len);
                }
            }
        }
        at += len + 1;
    }
    lists.extend(open);
    // A heading with no title under it lists nothing.
    lists.retain(|r| text.chars().skip(r.start).take(r.len()).any(|c| c == '\n'));
    lists
}

/// A text compared as GOLD.md compares titles: folded, without white space.
fn key(s: &str) -> String {
    fold(s).chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pages_list_of_links_is_its_heading_and_the_titles_under_it() {
        let text = "八、单次奖励最高不超过2000元。\n铜陵市人民政府\n2025年5月28日\n【打印本页】\n相关链接：\n·【图解】一图读懂新规：未密闭撒漏最高罚2万元\n·关于2024年度信用评价结果的公示\n\n主办：某市人民政府办公室";
        let lists = link_lists(text);
        assert_eq!(lists.len(), 1);
        let list: String = text
            .chars()
            .skip(lists[0].start)
            .take(lists[0].len())
            .collect();
        assert_eq!(
            list,
            "相关链接：\n·【图解】一图读懂新规：未密闭撒漏最高罚2万元\n·关于2024年度信用评价结果的公示"
        );
        // A sentence ends the list; a heading alone lists nothing; the
        // outline's own `相关政策` heading (labelled) is none.
        assert_eq!(
            link_lists("相关阅读\n某市补贴最高2万元。\n三、相关政策\n补贴2万元"),
            Vec::<std::ops::Range<usize>>::new()
        );
        // A WeChat post's recommended posts (held-out GD3).
        let text = "本政策自发布之日起施行。\n往期推荐\n一季度我市GDP同比增长6.1%，增速居全省前列\n总投资120亿元！这批重大项目集中开工";
        assert_eq!(link_lists(text).len(), 1);
    }

    #[test]
    fn a_title_line_may_carry_a_list_tag_or_its_number() {
        let t = key("某市人民政府关于调整收费标准的公告");
        for (line, is) in [
            ("某市人民政府关于调整收费标准的公告", true),
            ("【市级】某市人民政府关于调整收费标准的公告", true),
            ("某市人民政府关于调整收费标准的公告（第3号）", true),
            ("某市 人民政府关于调整收费标准的公告", true),
            ("转发某市人民政府关于调整收费标准的公告", false),
            ("某市人民政府关于调整收费标准的公告解读", false),
            ("某市人民政府", false),
        ] {
            assert_eq!(is_title_line(&key(line), &t), is, "{line}");
        }
    }
}
