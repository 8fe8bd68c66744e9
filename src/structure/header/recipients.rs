//! The 主送 line.

use std::sync::LazyLock;

use regex::Regex;

use super::*;

/// Longest 主送 line: a ministry's notice may address every province's
/// departments and a dozen state companies.
pub(super) const RECIPIENTS_MAX_CHARS: usize = 600;

/// The 主送 line: addressees ending in `:` before the body of the notice.
pub(super) fn find_recipients(head: &[Para<'_>]) -> Vec<String> {
    static NOT_RECIPIENTS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"来源|发布时间|发布日期|点击|浏览|当前位置|索引号|文号|附件|主题|日期|信息来源|字号|分享|打印|现将|如下|通知$|^(?:分类|类别|类型|层级|状态|标签|关键词|发布机构|发布单位|正文|全文|原文|内容|摘要|标题|栏目|链接|网址|作者|编辑|责任编辑|说明|备注|附注|注)\s*:").expect("valid regex")
    });
    for (i, p) in head.iter().enumerate() {
        let f = p.folded.trim();
        let n = f.chars().count();
        // A name's last character wrapped alone (`…财政局、农业农村` /
        // `局：`) ends the list as a longer line does.
        let wrapped_tail =
            n == 2 && i > 0 && continues_recipients(head[i - 1].folded.trim(), &NOT_RECIPIENTS);
        if !((3..=RECIPIENTS_MAX_CHARS).contains(&n) || wrapped_tail) || !f.ends_with(':') {
            continue;
        }
        // Labels are letter-spaced in info tables (`主 题 词:`).
        let compact: String = f.chars().filter(|c| !c.is_whitespace()).collect();
        // An index table's label alone on its line (`发文机关：`, its value
        // on the next) names no addressees.
        if NOT_RECIPIENTS.is_match(&compact) || INFO_LABEL.is_match(&compact) {
            continue;
        }
        if f[..f.len() - 1].contains([':', '。']) {
            continue;
        }
        let body = p.original.trim();
        let mut body: String = body.chars().take(body.chars().count() - 1).collect();
        // A hard-wrapped copy (a page pasted into text, a PDF dump) breaks a
        // long 主送 over lines; only its last line ends in `:`.
        let mut first = i;
        while first > 0 && continues_recipients(head[first - 1].folded.trim(), &NOT_RECIPIENTS) {
            first -= 1;
        }
        if first < i {
            let lines: String = head[first..i].iter().map(|p| p.original.trim()).collect();
            body.insert_str(0, &lines);
        }
        return split_recipients(&body);
    }
    head.iter()
        .find_map(|p| glued_recipients(p, &NOT_RECIPIENTS))
        .unwrap_or_default()
}

/// A 主送 line a PDF's text dump ran into the first paragraph of the body
/// (the line ended at the page's width, so nothing told the two apart):
/// `各省、自治区、直辖市人民政府，国务院各部委、各直属机构：城市地下管网是…`.
/// Only a list of bodies before the first `:` counts: it starts with `各`
/// or holds a list mark, and every one of its names ends as a body's does.
fn glued_recipients(p: &Para<'_>, not_recipients: &Regex) -> Option<Vec<String>> {
    let f = p.folded.trim_start();
    let colon = f.find(':')?;
    let (list, rest) = (&f[..colon], &f[colon + 1..]);
    let n = list.chars().count();
    if !(4..=RECIPIENTS_MAX_CHARS).contains(&n)
        || rest.chars().count() < 10
        || list.contains('。')
        || !(list.starts_with('各') || list.contains(['、', ',']))
        || !list
            .chars()
            .next()
            .is_some_and(crate::decode::pdf::repair::is_han)
    {
        return None;
    }
    let compact: String = list.chars().filter(|c| !c.is_whitespace()).collect();
    if not_recipients.is_match(&compact) {
        return None;
    }
    let start = p.folded.len() - f.len();
    let names = split_recipients(&cut(p, start, start + colon));
    let bodies = !names.is_empty()
        && names
            .iter()
            .all(|n| crate::structure::units::ends_like_body(n));
    bodies.then_some(names)
}

/// Whether a line before the 主送 line's end is the start of the same list,
/// broken off by a wrap: it reads as a list (it ends in `、` or `，`, or
/// fills a line and holds a `、`), and it is not a sentence, a label, a
/// 文號, a date or a bracketed note.
fn continues_recipients(f: &str, not_recipients: &Regex) -> bool {
    static DATE_OR_NUMBER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[0-9]年|〔[0-9]{4}〕|号$").expect("valid regex"));
    let n = f.chars().count();
    let compact: String = f.chars().filter(|c| !c.is_whitespace()).collect();
    let listed = f.ends_with(['、', '，', ',']) || (n >= 15 && f.contains(['、', '，', ',']));
    (2..=120).contains(&n)
        && listed
        && !f.ends_with(['。', ':', ';', '!', '?'])
        && !f.starts_with(['(', '（', '[', '【'])
        && !f.contains([':', '。'])
        && !not_recipients.is_match(&compact)
        && !DATE_OR_NUMBER.is_match(f)
}

/// Splits a 主送 line at `,` `，` `;` `；`, and at `、` where the next name
/// starts anew with 各 (`區級機關各部門、各直屬單位`) — `各區、縣(市)人民政府`
/// is one addressee.
pub(super) fn split_recipients(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in crate::structure::units::split_units_keep_enum(s) {
        out.push(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::normalize::fold;

    fn recipients_of(lines: &[&str]) -> Vec<String> {
        let folded: Vec<String> = lines.iter().map(|l| fold(l)).collect();
        let paras: Vec<Para<'_>> = lines
            .iter()
            .zip(&folded)
            .map(|(o, f)| Para {
                start: 0,
                end: 0,
                folded: f,
                original: o,
            })
            .collect();
        find_recipients(&paras)
    }

    #[test]
    fn a_wrapped_recipients_list_is_read_whole() {
        let lines = [
            "财农〔2024〕28号",
            "各省、自治区、直辖市、计划单列市财政厅（局）、",
            "农业农村（农牧）厅（局、委），新疆生产建设兵团",
            "财政局、农业农村局：",
            "为贯彻落实党中央决策部署，现将有关事项通知如下：",
        ];
        assert_eq!(
            recipients_of(&lines),
            [
                "各省、自治区、直辖市、计划单列市财政厅（局）、农业农村（农牧）厅（局、委）",
                "新疆生产建设兵团财政局、农业农村局"
            ]
        );
    }

    #[test]
    fn a_name_s_last_character_wrapped_alone_ends_the_list() {
        let lines = [
            "各市州财政局、农业农村局，各县（市、区）财政局、农业农村",
            "局：",
            "为贯彻落实省委决策部署，现将有关事项通知如下：",
        ];
        assert_eq!(
            recipients_of(&lines),
            [
                "各市州财政局、农业农村局",
                "各县（市、区）财政局、农业农村局"
            ]
        );
        // Alone, two characters and a colon are no list.
        assert!(recipients_of(&["附件一", "局：", "为贯彻落实部署，现通知如下："]).is_empty());
    }

    #[test]
    fn a_list_wrapped_after_a_comma_or_run_into_the_body_is_read() {
        // Wrapped where a name breaks, its first line holding only commas.
        let lines = [
            "各市（区）人民政府，泰州医药高新区（高港区）管委会，市各",
            "委办局，市各直属单位：",
            "《泰州市促进民营经济高质量发展实施方案》已经市政府第49次常务会议审议通过。",
        ];
        assert_eq!(
            recipients_of(&lines),
            [
                "各市（区）人民政府",
                "泰州医药高新区（高港区）管委会",
                "市各委办局",
                "市各直属单位"
            ]
        );
        // A dump's 主送 line that ran into the body's first paragraph.
        let lines = [
            "国务院关于推进城市地下管网更新改造和运营维护的意见",
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：城市地下管网是保障城市安全运行的“生命线”。",
        ];
        assert_eq!(
            recipients_of(&lines),
            ["各省、自治区、直辖市人民政府", "国务院各部委", "各直属机构"]
        );
        // A labelled line or a sentence with a colon is none.
        for line in [
            "主办单位：某市人民政府办公室　技术支持：某某公司",
            "联系人：市财政局王磊，电话12345678。",
            "为做好有关工作，现将有关事项通知如下：一是加强领导。",
        ] {
            assert_eq!(recipients_of(&[line]), Vec::<String>::new(), "{line}");
        }
    }

    #[test]
    fn lines_that_are_not_the_list_stay_out() {
        // A title, a date note in brackets, a sentence: none continue it.
        for before in [
            "关于印发《某某办法》的通知",
            "（2024年5月13日财政部、农业农村部发布）",
            "为做好有关工作，现就有关事项通知如下。",
            "2024年5月13日",
        ] {
            assert_eq!(
                recipients_of(&[before, "各区县人民政府、市直各部门："]),
                ["各区县人民政府、市直各部门"],
                "{before}"
            );
        }
    }

    /// A crawler's field label (`正文：` over the page it saved) and a
    /// sheet's note label (`说明：`) are no addressees.
    #[test]
    fn a_field_label_is_no_list() {
        for label in ["正文：", "说明：", "内容:"] {
            assert_eq!(
                recipients_of(&[label, "各区县人民政府、市直各部门："]),
                ["各区县人民政府、市直各部门"],
                "{label}"
            );
            assert!(recipients_of(&[label, "为做好有关工作。"]).is_empty());
        }
    }
}
