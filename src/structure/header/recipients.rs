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
pub(super) fn split_recipients(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in crate::structure::units::split_units_keep_enum(s) {
        out.push(part);
    }
    out
}
