//! Where the outline stops: the paragraphs no clause runs into, and a table
//! of contents that is not the outline.
//!
//! A clause ends before the next heading at its level or above (decided in
//! [`super::outline`]) and, found here, before
//!
//! - an attachment list (`附件：1.…`, `附件2`) and the names under it;
//! - a signature: a date alone on a line and the signing bodies above it;
//! - publication lines (`抄送：`, `（此件公開發布）`, `…2020年6月4日印發`),
//!   download and print links (`原文下載`, `【打印】`, `…方案.pdf`), a page
//!   footer (`更新時間：`);
//! - 附則 standing as a heading of its own.
//!
//! What follows a stop is outlined afresh when its labels start anew at 1
//! (an attached policy after its covering notice's signature and
//! `（此件公開發布）`), and carries on the open lists otherwise.

use std::cell::OnceCell;
use std::sync::LazyLock;

use regex::Regex;

use super::header::DATE_TEXT;
use super::labels::{Kind, Label};
use super::Para;

/// `附件：…`, `附件1`, `附件 2：`, `附：`, `附表1`.
static ATTACHMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*附(?:件|表)?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})?\s*(?::|$)|^\s*附件\s*\d{1,2}\s")
        .expect("valid regex")
});

/// An attachment's name listed under `附件：`: `2.某某方案`.
static ATTACHMENT_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\d{1,2}\s*[.、]").expect("valid regex"));

/// Publication lines after a notice's text. The patterns anchored at the
/// line's start are kept apart from the unanchored ones ([`PRINTED_ON`],
/// [`FILE_LINK`]): one alternation of both made every paragraph scanned
/// to its end.
static PUBLICATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        ^\s*(?:抄送|抄报|主送|分送)\s*:
      | ^\s*\(?\s*此件(?:公开发布|主动公开|不公开|依申请公开|删减后公开)
      | ^\s*(?:公开方式|信息公开选项)\s*:",
    )
    .expect("valid regex")
});

/// A publication line's date: `…2020年6月4日印发`, `…2026年4月24日发布。`.
static PRINTED_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"{DATE_TEXT}\s*(?:印发|发布)\s*(?:$|[。,;])")).expect("valid regex")
});

/// Links and page furniture after the text.
static LINKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^\s*[\[【]?\s*(?:打印(?:本页|此页)?|关闭(?:窗口|本页)?|返回顶部|收藏|分享到?|字号|扫一扫)\s*[\]】]?
      | ^\s*(?:原文下载|附件下载|相关附件|相关下载|下载附件|相关链接|相关文件)\s*:?
      | ^\s*(?:更新时间|浏览次数|访问量|阅读次数|点击数)\s*:",
    )
    .expect("valid regex")
});

/// A link to a file, at the end of the line: `…方案.pdf`, `（…细则.docx）`.
static FILE_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\.(?:pdf|docx?|xlsx?|wps|ofd|zip|rar|et)\s*\)?\s*$").expect("valid regex")
});

/// Whether a paragraph is a publication line or page furniture.
fn is_publication_or_link(folded: &str) -> bool {
    PUBLICATION.is_match(folded)
        // The line says 印发 or 发布: the others are spared the date
        // pattern's scan.
        || ((folded.contains("印发") || folded.contains("发布")) && PRINTED_ON.is_match(folded))
        || LINKS.is_match(folded)
        || FILE_LINK.is_match(folded)
}

/// Paragraph starts that open a notice's closing text after its last
/// clause (soft: only there): the notice's addressees told what to do
/// (`各地`, `各部门`, a list of them: `各村（社区）、各部门要…`).
pub(crate) static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)^\s*(?:
            本(?:通知|意见|措施|办法|政策|规定|方案|细则|决定|条例|若干|文件|实施|举措|规则)
          | 上述 | 以上(?:政策|措施|条款|各项) | 此前 | 各地 | 各级 | 各有关 | 各部门 | 各单位
          | 各[^,，。;；:：]{{1,12}}、各
          | 附件 | 附: | 特此 | \(此件 | 此件 | 联系人 | 抄送 | 原文下载
          | .{{0,12}}自.{{1,24}}起(?:施行|实施|执行)
          | {DATE_TEXT}\s*$
        )",
    ))
    .expect("valid regex")
});

/// Which paragraphs are stops. `skip` marks paragraphs of tables, which are
/// never stops.
pub(crate) fn find_stops(paras: &[Para<'_>], skip: &[bool]) -> Vec<bool> {
    let mut stops = vec![false; paras.len()];
    let mut i = 0;
    while i < paras.len() {
        if skip[i] {
            i += 1;
            continue;
        }
        let f = paras[i].folded;
        if ATTACHMENT.is_match(f) && !spells_appendix(paras, i) {
            stops[i] = true;
            // An attached explanation (`附件2` / `《…》起草说明`) is another
            // text: nothing after it is the policy's outline.
            if explains(paras, skip, i) {
                for s in stops.iter_mut().skip(i) {
                    *s = true;
                }
                break;
            }
            // The attachments' names listed under it.
            let mut j = i + 1;
            while j < paras.len()
                && !skip[j]
                && ATTACHMENT_ITEM.is_match(paras[j].folded)
                && paras[j].folded.chars().count() <= 80
                && !paras[j].folded.contains('。')
            {
                stops[j] = true;
                j += 1;
            }
            i = j;
            continue;
        }
        if super::header::parse_date(f).is_some() {
            let start = signature_start(paras, i);
            for s in stops.iter_mut().take(i + 1).skip(start) {
                *s = true;
            }
        } else if is_publication_or_link(f) || is_appendix_heading(f) {
            stops[i] = true;
        }
        i += 1;
    }
    stops
}

/// Title endings of an attachment that explains the policy or collects
/// answers to it rather than being part of it (folded).
static EXPLANATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:起草说明|编制说明|修订说明|政策解读|说明|解读|反馈表|意见表|回执)\s*$")
        .expect("valid regex")
});

/// How many paragraphs after a numbered attachment heading may hold its
/// title.
const ATTACHMENT_TITLE_WITHIN: usize = 2;

/// Whether the attachment heading at `at` (`附件2`, `附件2：起草说明`)
/// opens an explanation: its title, on the heading's line or on one of
/// the next lines, ends like one. The list label `附件：` and the names
/// listed under it (`2.起草说明`) are no such heading.
fn explains(paras: &[Para<'_>], skip: &[bool], at: usize) -> bool {
    static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*附件\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?::\s*)?(?P<title>.*)$")
            .expect("valid regex")
    });
    let Some(c) = NUMBERED.captures(paras[at].folded) else {
        return false;
    };
    let short = |t: &str| t.chars().count() <= TOC_LINE_MAX;
    let title = c["title"].trim();
    if !title.is_empty() {
        return short(title) && EXPLANATION.is_match(title);
    }
    (at + 1..paras.len())
        .filter(|&j| !skip[j] && !paras[j].folded.trim().is_empty())
        .take(ATTACHMENT_TITLE_WITHIN)
        .map(|j| paras[j].folded.trim())
        .any(|t| short(t) && !ATTACHMENT_ITEM.is_match(t) && EXPLANATION.is_match(t))
}

/// Whether the `附` alone at `at` is the first of a heading's spaced-out
/// letters (`第五章` / `附` / `则`: a text dump of `第五章　附　　则`),
/// not an attachment's label.
fn spells_appendix(paras: &[Para<'_>], at: usize) -> bool {
    paras[at].folded.trim() == "附"
        && paras
            .get(at + 1)
            .is_some_and(|p| p.folded.trim().starts_with('则'))
}

/// `附則` standing alone as an unnumbered heading.
fn is_appendix_heading(folded: &str) -> bool {
    // Compared char by char: no string is built for every paragraph.
    folded
        .chars()
        .filter(|c| !c.is_whitespace())
        .eq("附则".chars())
}

/// The first paragraph of the signature whose date line is `at`: the lines
/// of signing bodies just above it.
pub(crate) fn signature_start(paras: &[Para<'_>], at: usize) -> usize {
    let mut start = at;
    while start > 0
        && at - start < super::header::SIGNATURE_MAX_LINES
        && super::header::is_issuer_line(paras[start - 1].folded)
    {
        start -= 1;
    }
    start
}

/// A line of a table of contents reduced to what the heading repeats later:
/// no white space, dot leaders or page number.
fn toc_key(folded: &str) -> String {
    static LEADER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[.·…\-—_\s]*\d*\s*$").expect("valid regex"));
    // Copied a run between white space at a time (most lines have none),
    // not char by char.
    let mut key = String::with_capacity(folded.len());
    for run in folded.split(char::is_whitespace) {
        key.push_str(run);
    }
    // The pattern ends at `$` and always matches (empty at the end): the
    // key is what comes before the match.
    let leader = LEADER.find(&key).map_or(key.len(), |m| m.start());
    key.truncate(leader);
    key
}

/// Paragraph `i`'s [`toc_key`], built on the first call.
fn key_of<'a>(cells: &'a [OnceCell<String>], paras: &[Para<'_>], i: usize) -> &'a str {
    cells[i].get_or_init(|| toc_key(paras[i].folded))
}

/// Longest line of a table of contents.
const TOC_LINE_MAX: usize = 60;

/// Paragraphs of a table of contents: a `目錄` line and the entries after
/// it, or a run of short headings that the text repeats as its headings.
pub(crate) fn find_toc(paras: &[Para<'_>], labels: &[Option<Label>]) -> Vec<bool> {
    let mut toc = vec![false; paras.len()];
    // Each paragraph's key is built when first asked (few are: the `目录`
    // line, the entries after it, the first headings), not for every one.
    let cells: Vec<OnceCell<String>> = paras.iter().map(|_| OnceCell::new()).collect();
    let key = |i: usize| key_of(&cells, paras, i);
    let short = |i: usize| paras[i].folded.chars().count() <= TOC_LINE_MAX;
    let mark = |from: usize, to: usize, toc: &mut Vec<bool>| {
        for t in toc.iter_mut().take(to).skip(from) {
            *t = true;
        }
    };
    // A labelled `目录` line: the entries run until the first one repeats.
    // A key starts with its paragraph's first character other than white
    // space: only a paragraph starting with `目` can be the `目录` line.
    if let Some(i) = (0..paras.len()).position(|i| {
        paras[i].folded.trim_start().starts_with('目') && matches!(key(i), "目录" | "目次")
    }) {
        if let Some(first) = (i + 1..paras.len()).find(|&j| !key(j).is_empty()) {
            let repeat = (first + 1..paras.len()).find(|&j| key(j) == key(first));
            let end = match repeat {
                Some(j) if (first..j).all(short) => j,
                _ => (first..paras.len())
                    .find(|&j| !short(j))
                    .unwrap_or(paras.len()),
            };
            mark(i, end, &mut toc);
            return toc;
        }
    }
    // Without one: a run of short heading lines from `第一章` / `一、` that
    // the text repeats, the same heading for heading, further on.
    // Where each first heading (`第一章…`, `一、…`) stands, by its text.
    let mut firsts: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    for (i, l) in labels.iter().enumerate() {
        if l.as_ref()
            .is_some_and(|l| l.kind.is_heading() && l.value == 1 && l.kind != Kind::Decimal1)
        {
            firsts.entry(key(i)).or_default().push(i);
        }
    }
    for (i, l) in labels.iter().enumerate() {
        let Some(l) = l else { continue };
        if !l.kind.is_heading() || l.value != 1 || l.kind == Kind::Decimal1 {
            continue;
        }
        let same = &firsts[key(i)];
        let after = same.partition_point(|&j| j <= i);
        let Some(j) = same[after..]
            .iter()
            .copied()
            .find(|&j| labels[j].as_ref().is_some_and(|m| m.kind == l.kind))
        else {
            continue;
        };
        let run_of_headings =
            (i..j).all(|k| short(k) && labels[k].as_ref().is_some_and(|m| m.kind == l.kind));
        if j - i >= 2 && run_of_headings {
            mark(i, j, &mut toc);
            break;
        }
    }
    toc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::normalize::Folded;

    fn stops_of(text: &str) -> Vec<bool> {
        let text = crate::model::Paragraphs::from_text(text);
        let f = Folded::new(text.text());
        let paras = super::super::paragraphs(&f, &text);
        find_stops(&paras, &vec![false; paras.len()])
    }

    #[test]
    fn stop_paragraphs() {
        let cases: &[(&str, bool)] = &[
            ("附件：1.某某方案", true),
            ("附件2", true),
            ("附件：各省级电网典型电力负荷曲线", true),
            ("附：指标表", true),
            ("2025年2月25日", true),
            ("二〇二五年二月二十五日", true),
            ("抄送：湖北省能源局。", true),
            ("（此件公开发布）", true),
            ("国家能源局华中监管局综合处2020年6月4日印发", true),
            ("某某局2026年4月24日发布。", true),
            ("原文下载：某某方案.pdf", true),
            ("某某实施细则.docx", true),
            ("【打印本页】 【关闭窗口】", true),
            ("更新时间: 2026-01-26 11:25:39", true),
            ("附 则", true),
            // Text, not stops.
            ("附件1中的项目由各区负责。", false),
            ("2025年2月25日前完成申报。", false),
            ("（一）加强组织领导", false),
            ("按规定抄送有关部门。", false),
            ("第十一章 附则", false),
        ];
        for &(s, want) in cases {
            assert_eq!(stops_of(s)[0], want, "{s}");
        }
    }

    /// A closing tells the addressees what to do, one or a list of them.
    #[test]
    fn closing_paragraphs_address_the_recipients() {
        for p in [
            "各地要结合实际抓好落实。",
            "各村（社区）、各部门要对照本要点，细化工作举措。",
            "各县（市、区）、各有关单位要加强组织领导。",
            "本通知自印发之日起施行。",
        ] {
            assert!(CLOSING.is_match(p), "{p}");
        }
        for p in [
            "各类企业按规定申报。",
            "各村集体经营性收入均达到80万元以上。",
        ] {
            assert!(!CLOSING.is_match(p), "{p}");
        }
    }

    #[test]
    fn names_under_an_attachment_list_and_signers_above_a_date() {
        let s = stops_of(
            "（四）加强督促。\n附件：1.任务分工表\n2.指标表\n市政府办公室\n市财政局\n2023年5月8日",
        );
        assert!(!s[0]);
        assert!(s[1..].iter().all(|&s| s), "{s:?}");
    }

    #[test]
    fn an_attached_explanation_ends_the_outline() {
        let s = stops_of(
            "（十）加大金融支持。\n附件2\n《某某措施（征求意见稿）》起草说明\n一、起草背景\n近年来……\n二、起草依据",
        );
        assert!(!s[0]);
        assert!(s[1..].iter().all(|&s| s), "{s:?}");
        let s = stops_of("附件3：政策解读\n一、出台背景");
        assert!(s.iter().all(|&s| s), "{s:?}");
        // An attachment that is a policy, or a list naming an explanation,
        // stops only its own lines.
        let s = stops_of("附件1\n某某若干措施\n一、完善设施");
        assert_eq!(s, [true, false, false]);
        let s = stops_of("附件：1.某某若干措施\n2.起草说明\n附件1\n某某若干措施\n一、完善设施");
        assert_eq!(s, [true, true, true, false, false]);
    }

    #[test]
    fn tables_of_contents() {
        let toc = |text: &str| {
            let text = crate::model::Paragraphs::from_text(text);
            let f = Folded::new(text.text());
            let paras = super::super::paragraphs(&f, &text);
            let labels: Vec<_> = paras
                .iter()
                .map(|p| super::super::labels::find_label(p.folded))
                .collect();
            find_toc(&paras, &labels)
        };
        let labelled = "上海市燃气条例\n目　　录\n第一章　总　　则\n第二章　规划\n第三章　附　　则\n第一章　总　　则\n第一条\n为了…";
        assert_eq!(
            toc(labelled),
            [false, true, true, true, true, false, false, false]
        );
        let bare = "某办法\n第一章 总则……1\n第二章 管理……3\n第一章 总则\n第一条 为了规范管理，制定本办法。";
        assert_eq!(toc(bare), [false, true, true, false, false]);
        // Headings with text between them are the outline itself.
        let body = "一、总体要求\n坚持…。\n二、主要任务\n推进…。";
        assert!(toc(body).iter().all(|t| !t));
    }
}
