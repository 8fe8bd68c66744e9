//! Who signs: the signature block, a regulation's adoption note, a
//! publication line.

use std::sync::LazyLock;

use regex::Regex;

use super::*;

/// A name ending as a signing body's does (folded; the endings are
/// [`crate::vocab::ISSUER_ENDINGS`], which `decode` reads too).
pub(super) static ISSUER_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "{}$",
        crate::vocab::alternation(crate::vocab::ISSUER_ENDINGS)
    ))
    .expect("valid regex")
});

/// The signature block: signing bodies on short lines right before a date
/// line (`2025年2月25日`, `二〇二五年二月二十五日`).
pub(super) fn find_signature(paras: &[Para<'_>]) -> Option<(Vec<String>, Option<String>)> {
    signatures(paras).next()
}

/// Every date line of `paras` with the signing bodies right above it (none
/// when the lines above name none), in order.
fn signatures<'a>(
    paras: &'a [Para<'_>],
) -> impl Iterator<Item = (Vec<String>, Option<String>)> + 'a {
    paras.iter().enumerate().filter_map(|(i, p)| {
        let date = parse_date(p.folded)?;
        let mut issuers = Vec::new();
        for q in paras[..i].iter().rev().take(SIGNATURE_MAX_LINES) {
            if is_issuer_line(q.folded) {
                issuers.extend(split_issuers(q.original).into_iter().rev());
            } else {
                break;
            }
        }
        issuers.reverse();
        Some((issuers, Some(date)))
    })
}

/// A signature inside the outline: a covering notice's, between its own
/// headings and the regulation it issues (`…一、二、三、` / `某局　某局` /
/// `2025年4月8日` / `附件` / `第一条…`). Only a date line under signing
/// bodies counts there: a date alone in the body is no signature.
pub(super) fn signature_within(paras: &[Para<'_>]) -> Option<(Vec<String>, Option<String>)> {
    signatures(paras).find(|(issuers, _)| !issuers.is_empty())
}

/// A table's compiler line, where a sheet without a notice signs:
/// `编制单位：某市财政局　某市住建局　编制日期：2025年6月18日` (folded).
/// A 解读's `解读机关：` names who wrote it, as a table's 编制单位 does, and
/// a list's `发布单位：` who published it (its `发布日期` is a publication
/// time, no signing date).
/// `填报单位` is not one: it names who fills a form in, not who made it.
/// Another time after the units (`更新时间：`) ends them but dates nothing
/// (`made` is the compiler's own date label). A compiler may write the
/// date after the units unlabelled (`编制单位：某局　某局 2025年6月`: a
/// sheet's cell beside the units'), which dates the table as its label
/// would. The table's unit beside them (`单位：万元`) ends them too.
static COMPILER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?P<kind>编制|制表|解读|发布)(?:单位|部门|机关)\s*:\s*(?P<who>[^:]*?)\s*(?:(?:(?P<made>编制|制表)|\p{Han}{1,4}?)(?:日期|时间)\s*:\s*(?P<date>[^:]*)|(?P<bare>\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)|(?:金额|计量)?单位\s*:\s*[^:]*)?$",
    )
    .expect("valid regex")
});

/// A compiler's date on a line of its own (`制表日期：2025年5月20日`).
static COMPILER_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:编制|制表)(?:日期|时间)\s*:\s*(?P<date>[^:]+)$").expect("valid regex")
});

/// The units and date of a compiler line anywhere in `paras`, when its
/// value names signing bodies.
pub(super) fn compiler_line(paras: &[Para<'_>]) -> Option<(Vec<String>, Option<String>)> {
    paras
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.folded.contains("单位") || p.folded.contains("部门") || p.folded.contains("机关")
        })
        .find_map(|(i, p)| {
            let c = COMPILER.captures(p.folded)?;
            let who = c.name("who").expect("group");
            // A name in brackets after the unit's (the body it also acts
            // as: `（县惠企政策兑现服务中心）`) is an aside, as a stamp's
            // `（盖章）` is.
            let end = match who.as_str().trim_end().strip_suffix(')') {
                Some(inner) => inner.rfind('(').map_or(who.end(), |b| who.start() + b),
                None => who.end(),
            };
            let name = &p.folded[who.start()..end];
            if !is_issuer_line(name) {
                return None;
            }
            let issuers = split_issuers(cut(p, who.start(), end).trim());
            let compiled = matches!(&c["kind"], "编制" | "制表");
            let date = c
                .name("made")
                .and(c.name("date"))
                .or(c.name("bare").filter(|_| compiled))
                .and_then(|d| parse_date(d.as_str().trim()))
                // Or on the line below (a sheet's `制表单位：…` over
                // `制表日期：…`).
                .or_else(|| {
                    let below = COMPILER_DATE.captures(paras.get(i + 1)?.folded)?;
                    parse_date(below["date"].trim())
                });
            Some((issuers, date))
        })
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
pub(super) fn split_issuers(s: &str) -> Vec<String> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    if parts.len() > 2 && parts.iter().all(|p| p.chars().count() == 1) {
        return vec![parts.concat()];
    }
    parts.into_iter().map(str::to_string).collect()
}

/// `（1995年8月28日上海市人民政府令第13号发布，…）`,
/// `（2025年11月26日上海市第十六届人民代表大会常务委员会第二十五次会议通过）`:
/// the date, the body and, for a 令, its number.
pub(super) static ADOPTION: LazyLock<Regex> = LazyLock::new(|| {
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

/// A people's congress's term in its name (`第十六届`).
static TERM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"第[一二三四五六七八九十百零〇\d]{1,4}[届屆]\s*(?P<body>(?:全国|全國)?人民代表大[会會])",
    )
    .expect("valid regex")
});

/// A congress's standing committee named without its term: the body that
/// issues (`云南省第十四届人民代表大会常务委员会` → `云南省人民代表大会常务委员会`).
pub(super) fn without_term(who: &str) -> String {
    TERM.replace(who, "$body").into_owned()
}

/// What a regulation's adoption note says: (signed date, issuer, 令 number).
pub(super) fn find_adoption(head: &[Para<'_>]) -> Option<(String, String, Option<String>)> {
    head.iter().find_map(|p| {
        let c = ADOPTION.captures(p.folded)?;
        let date = parse_date(&c["date"])?;
        let who = c.name("who")?;
        let who_o = cut(p, who.start(), who.end()).trim().to_string();
        // The note names the congress's term (`上海市第十六届人民代表大会
        // 常务委员会`); the body that issues, and signs its 公告, has no term.
        let who_o = without_term(&who_o);
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
pub(super) static PUBLISHED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*(?P<who>[^\s,;:。]{{2,40}}?)\s*{DATE_TEXT}\s*发布\s*(?:$|[。,;])",
    ))
    .expect("valid regex")
});

/// The issuer a publication line names (`罗湖区科技和工业信息化局（乡村振兴和协作交流局）2026年4月24日发布`).
pub(super) fn publication_issuer(paras: &[Para<'_>]) -> Option<String> {
    paras.iter().find_map(|p| {
        // The line says 发布: the others are spared the pattern.
        if !p.folded.contains("发布") {
            return None;
        }
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
