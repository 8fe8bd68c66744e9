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
use crate::vocab;

mod dates;
mod number;
mod recipients;
mod signature;
mod title;

use dates::*;
use number::*;
use recipients::*;
use signature::*;
use title::*;

pub(crate) use dates::{parse_date, DATE_TEXT};
pub(crate) use signature::{is_issuer_line, SIGNATURE_MAX_LINES};
pub(crate) use title::names_table;

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
pub(super) const HEADER_MAX_PARAGRAPHS: usize = 40;

/// Labels of an information-disclosure table or info bar (`文号：`,
/// `成文日期：`); a label's value runs to the next label.
static INFO_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<label>索\s*引\s*号|文\s*号|发文字号|成文日期|发文日期|发文机关|发布机构|发文单位|主题分类|组配分类|体裁分类|发布日期|标\s*题|名\s*称|有\s*效\s*性|来\s*源|信息来源|日\s*期)\s*:")
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
    let tail_from = closing_from.unwrap_or(paras.len()).min(paras.len());
    let tail = &paras[tail_from..];
    // Between the two: the outline (a covering notice's signature may stand
    // inside it, before the regulation it issues).
    let outline = &paras[head_end..tail_from.max(head_end)];

    let labelled = labelled_values(head);
    let title = find_title(head, meta, &labelled);
    // A table headed by its notice (a sheet's heading, or its first line).
    let table_s_notice = title
        .as_deref()
        .and_then(notice_of_table)
        .or_else(|| head.first().and_then(|p| notice_of_table(p.original)));
    let (title, table_s_number) = match table_s_notice {
        Some((notice, number)) => (Some(notice), number),
        None => (title, None),
    };
    // A congress's 公告 that is the document, not one a notice of its own
    // (`…关于转发…的通知`) relays: titled by its heading, numbered by the
    // line under it; what it publishes is the policy text.
    let congress = congress_announcement(head).filter(|_| {
        title.as_deref().is_none_or(|t| {
            find_policy_title(t, head).is_none() && !fold(t).trim_end().ends_with("通知")
        })
    });
    let (title, policy_title) = match (congress.as_ref(), title) {
        (Some((heading, _)), published) => {
            let published =
                published.filter(|t| names_policy(t) || fold(t).trim_end().ends_with("决定"));
            (Some(heading.clone()), published)
        }
        (None, Some(t)) => {
            let policy = find_policy_title(&t, head).or_else(|| {
                // A 令 or 公告 without a notice of its own is titled by the
                // regulation it publishes: that is its policy text too.
                (order_heading(head).is_some() && names_policy(&t)).then(|| t.clone())
            });
            // A sheet titled by its table's name: the policy is the name's.
            let policy = policy.or_else(|| heading_policy(meta).filter(|_| names_table(&t)));
            (Some(t), policy)
        }
        // No notice title: the document's heading names its policy.
        (None, None) => (None, heading_policy(meta)),
    };
    let doc_number = match congress {
        Some((_, number)) => Some(number),
        None => find_doc_number(head, tail, &labelled, meta).or(table_s_number),
    };
    // A sheet's row naming issuer, 文号 and date, the last place either
    // is taken from; read once, when first asked.
    let sheet_row = std::cell::LazyCell::new(|| number_row(head));
    // A table's compiler line (`编制单位：…　编制日期：…`), wherever it
    // stands: the last place either is taken from.
    let compiler = std::cell::LazyCell::new(|| compiler_line(paras));
    let (issuers, signed) = find_signature(head)
        .or_else(|| find_signature(tail))
        .or_else(|| signature_within(outline))
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
            let from_label: Vec<String> = labelled
                .iter()
                .filter(|(l, _)| l == "issuer")
                .flat_map(|(_, v)| split_issuers(v))
                .collect();
            if from_label.is_empty() {
                sheet_row
                    .as_ref()
                    .or_else(|| compiler.as_ref())
                    .map(|(who, _)| who.clone())
                    .unwrap_or_default()
            } else {
                from_label
            }
        } else {
            from_title
        }
    };
    // A 解读 signs nothing: the body its page names as the source wrote it.
    // (Its headline may be no notice's title: then it opens the text.)
    let headline = title.as_deref().or(head.first().map(|p| p.original));
    let issuers = if issuers.is_empty() && headline.is_some_and(interprets) {
        meta.source
            .iter()
            .chain(
                labelled
                    .iter()
                    .filter(|(l, _)| l == "source")
                    .map(|(_, v)| v),
            )
            .map(|v| v.trim())
            .find(|v| is_issuer_line(&fold(v)))
            .map(split_issuers)
            .unwrap_or_default()
    } else {
        issuers
    };
    // A congress's standing committee signs without its term, whichever
    // line names it (`第十四届`).
    let issuers: Vec<String> = issuers.iter().map(|i| without_term(i)).collect();
    let signed_date = signed
        .or_else(|| adoption.as_ref().map(|a| a.0.clone()))
        .or_else(|| {
            labelled
                .iter()
                .find(|(l, _)| l == "signed")
                .and_then(|(_, v)| parse_date(&fold(v)))
        })
        .or_else(|| sheet_row.as_ref().and_then(|(_, date)| date.clone()))
        .or_else(|| compiler.as_ref().and_then(|(_, date)| date.clone()));
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
        .chain(
            head.windows(2)
                .filter_map(|w| published_label_above(w[0].folded, w[1].folded)),
        )
        .chain(head.iter().find_map(|p| parse_stamped_time(p.folded)))
        .chain(publication_date(tail).or_else(|| publication_date(head)))
        .fold(None, |best: Option<String>, t| match best {
            None => Some(t),
            Some(b) if refines(&b, &t) => Some(t),
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

/// Whether publication time `t` states the same moment as `b` more
/// precisely: the day's time (`2024-06-28` → `2024-06-28T17:30:00+08:00`),
/// or the seconds a minute left unsaid (a `PubDate` meta tag's `16:42`,
/// written `16:42:00`, and the info bar's `16:42:18`).
fn refines(b: &str, t: &str) -> bool {
    const UNSAID_SECONDS: &str = ":00+08:00";
    (t.len() > b.len() && t.starts_with(b))
        || (t.len() == b.len()
            && b.ends_with(UNSAID_SECONDS)
            && !t.ends_with(UNSAID_SECONDS)
            && b.get(..16) == t.get(..16))
}

/// `(kind, value)` pairs of labelled header facts: `doc`, `signed`,
/// `issuer`, `source`.
fn labelled_values(head: &[Para<'_>]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    // Every label ends in a colon: a line without one is spared the pattern.
    for p in head.iter().filter(|p| p.folded.contains(':')) {
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
                // A bare 日期 beside the 文号 (a sheet's particulars row,
                // `文号：… 日期：…`) is the document's; alone it may be a
                // page's publication date.
                "日期"
                    if labels.iter().any(|l| {
                        let l: String = l["label"].chars().filter(|c| !c.is_whitespace()).collect();
                        l == "文号" || l == "发文字号"
                    }) =>
                {
                    "signed"
                }
                "发文机关" | "发布机构" | "发文单位" => "issuer",
                "来源" | "信息来源" => "source",
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

/// Whether a title names an interpretation of a policy (`…政策解读`,
/// `…负责人就《…》答记者问`, `一图读懂…`), not a notice.
fn interprets(title: &str) -> bool {
    static INTERPRETATION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&vocab::alternation(vocab::INTERPRETATION_WORDS)).expect("valid regex")
    });
    INTERPRETATION.is_match(&fold(title))
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
    super::char_range(p.original, skip, take).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole structure of a text (header, sections, clauses), for the
    /// tests whose header depends on what the body holds.
    fn structure_of(text: &str) -> crate::structure::Structure {
        crate::structure::find_structure(
            &crate::model::Paragraphs::from_text(text),
            &PageMeta::default(),
            &crate::decode::Layout::default(),
        )
        .value
    }

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
    fn a_later_time_with_its_seconds_refines_the_minute() {
        assert!(refines("2025-04-07", "2025-04-07T16:42:00+08:00"));
        assert!(refines(
            "2025-04-07T16:42:00+08:00",
            "2025-04-07T16:42:18+08:00"
        ));
        assert!(!refines(
            "2025-04-07T16:42:18+08:00",
            "2025-04-07T16:42:00+08:00"
        ));
        assert!(!refines(
            "2025-04-07T16:42:00+08:00",
            "2025-04-07T16:43:18+08:00"
        ));
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
        // An info bar's day labelled `日期` alone, its source after it
        // (held-out HB4); a form's `日期：` line is none.
        assert_eq!(
            parse_stamped_time(&fold("日期：２０２５－０３－１１　　来源：种植业管理司"))
                .as_deref(),
            Some("2025-03-11")
        );
        assert_eq!(parse_stamped_time(&fold("日期：2025-03-11 签字：")), None);
        assert_eq!(
            parse_stamped_time(&fold("2024年6月28日 9:05:07 作者：办公室")).as_deref(),
            Some("2024-06-28T09:05:07+08:00")
        );
        assert_eq!(parse_stamped_time(&fold("2024-13-28 17:30")), None);
        // A post's byline: 原创, the account's names, the time, a province.
        assert_eq!(
            parse_stamped_time(&fold("原创 某市发布 某市发布 2025年05月20日 19:30 浙江"))
                .as_deref(),
            Some("2025-05-20T19:30:00+08:00")
        );
        assert_eq!(
            parse_stamped_time(&fold("某市发布 2025年05月20日 19:30 浙江")).as_deref(),
            Some("2025-05-20T19:30:00+08:00")
        );
        assert_eq!(
            parse_stamped_time(&fold("原创 某市发布 2025年05月20日 19:30")).as_deref(),
            Some("2025-05-20T19:30:00+08:00")
        );
        // Without 原创 or a place, words before a time are no byline.
        assert_eq!(
            parse_stamped_time(&fold("会议时间 2025年5月20日 19:30")),
            None
        );
        assert_eq!(
            parse_stamped_time(&fold("截至 2025年5月20日 19:30 全市共接报")),
            None
        );
        assert_eq!(
            parse_published("2025-02-28 15:57").as_deref(),
            Some("2025-02-28T15:57:00+08:00")
        );
        assert_eq!(
            parse_published("發布時間: 2025-02-28").as_deref(),
            Some("2025-02-28")
        );
    }

    /// The header of a text, one paragraph a line.
    fn header_of(text: &str, first_marker: Option<usize>, meta: &PageMeta) -> Header {
        let text = crate::model::Paragraphs::from_text(text);
        let f = crate::decode::normalize::Folded::new(text.text());
        let ps = super::super::paragraphs(&f, &text);
        find_header(&ps, first_marker, None, meta)
    }

    #[test]
    fn a_tables_compiler_line_signs_it() {
        let header = |text: &str| header_of(text, None, &PageMeta::default());
        let table = "2025年度某市老旧小区改造补助资金分配表\n单位：万元\n序号 区（县） 中央补助资金 合计\n1 甲区 917 1814.3\n注：尾数差异系四舍五入所致。\n";
        let h = header(&format!(
            "{table}编制单位：某市财政局　某市住房和城乡建设局 编制日期：2025年6月18日"
        ));
        assert_eq!(h.issuers, ["某市财政局", "某市住房和城乡建设局"]);
        assert_eq!(h.signed_date.as_deref(), Some("2025-06-18"));
        // A date beside the units, unlabelled (a sheet's next cell).
        let h = header(&format!(
            "{table}编制单位：某市农业农村局　某市财政局 2025年6月18日"
        ));
        assert_eq!(h.issuers, ["某市农业农村局", "某市财政局"]);
        assert_eq!(h.signed_date.as_deref(), Some("2025-06-18"));
        let h = header(&format!("{table}编制单位：某市农业农村局 2025年6月"));
        assert_eq!(h.issuers, ["某市农业农村局"]);
        assert_eq!(h.signed_date, None);
        let h = header(&format!(
            "{table}编制单位：某市发展和改革委员会　单位：万元"
        ));
        assert_eq!(h.issuers, ["某市发展和改革委员会"]);
        let h = header(&format!("{table}制表单位：某市财政局"));
        assert_eq!(h.issuers, ["某市财政局"]);
        assert_eq!(h.signed_date, None);
        // The date on the line below, as a sheet's rows give it.
        let h = header(&format!(
            "{table}制表单位：某市财政局\n制表日期：2025年5月20日"
        ));
        assert_eq!(h.issuers, ["某市财政局"]);
        assert_eq!(h.signed_date.as_deref(), Some("2025-05-20"));
        // Who fills a form in does not sign it; a stamp's place is no unit.
        let h = header(&format!(
            "{table}填报单位：某市财政局 填报日期：2025年6月18日"
        ));
        assert!(h.issuers.is_empty(), "{:?}", h.issuers);
        let h = header(&format!("{table}编制单位：（盖章）"));
        assert!(h.issuers.is_empty(), "{:?}", h.issuers);
        // The body a unit also acts as is an aside; another time is no
        // signing date.
        let h = header(&format!(
            "{table}编制单位：某县发展和改革局（县惠企政策兑现服务中心）　更新时间：2025年4月15日"
        ));
        assert_eq!(h.issuers, ["某县发展和改革局"]);
        assert_eq!(h.signed_date, None);
        // A 解读 that signs nothing was written by the source its page
        // names; a notice's source signs nothing.
        let meta = PageMeta {
            title: Some(
                "市工业和信息化局负责人就《常州市推动制造业数字化转型若干措施》答记者问"
                    .to_string(),
            ),
            source: Some("常州市工业和信息化局".to_string()),
            ..PageMeta::default()
        };
        let h = header_of("市工业和信息化局负责人就《常州市推动制造业数字化转型若干措施》答记者问\n一、出台的背景是什么？\n答：制造业是我市立市之本。", None, &meta);
        assert_eq!(h.issuers, ["常州市工业和信息化局"]);
        let notice = PageMeta {
            title: Some("某市关于推动制造业数字化转型的通知".to_string()),
            ..meta.clone()
        };
        let h = header_of(
            "某市关于推动制造业数字化转型的通知\n各区人民政府：\n现将有关事项通知如下。",
            None,
            &notice,
        );
        assert!(h.issuers.is_empty(), "{:?}", h.issuers);
        let h = header_of("《某市促进消费若干措施》政策解读\n来源：某市商务局\n一、出台背景\n为……，起草了《若干措施》。", None, &PageMeta::default());
        assert_eq!(h.issuers, ["某市商务局"]);
        // A 解读 page names who wrote it at its end.
        let h = header("《某市促进消费若干措施》政策解读\n一、出台背景\n为……，起草了《若干措施》。\n解读机关：某市商务局\n解读人：市商务局消费促进科　周某");
        assert_eq!(h.issuers, ["某市商务局"]);
        // A list's publisher; its 发布日期 is no signing date.
        let h = header(&format!(
            "{table}发布单位：某市工业和信息化局　某市财政局 发布日期：2025年4月18日"
        ));
        assert_eq!(h.issuers, ["某市工业和信息化局", "某市财政局"]);
        assert_eq!(h.signed_date, None);
    }

    #[test]
    fn header_forms_of_regulations_and_orders() {
        let header = |text: &str| header_of(text, None, &PageMeta::default());
        let h = header("上海市燃气条例\n（2025年11月26日上海市第十六届人民代表大会常务委员会第二十五次会议通过）\n目录");
        assert_eq!(h.title.as_deref(), Some("上海市燃气条例"));
        assert_eq!(h.signed_date.as_deref(), Some("2025-11-26"));
        assert_eq!(h.issuers, ["上海市人民代表大会常务委员会"]);
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

    /// A dump's first line is the page's `<title>`: the site's name, a
    /// separator, the title. The text's own title line below it (here in
    /// the other script) is the title.
    #[test]
    fn a_page_title_line_yields_to_the_text_s_title() {
        let header = |text: &str| header_of(text, None, &PageMeta::default());
        let h = header("某市人民政府门户网站-某市商务局 某市财政局关于印发《某市汽车以旧换新补贴实施细则》的通知\n首页 | 政务公开\n某市商務局 某市財政局關于印發《某市汽車以舊換新補貼實施細則》的通知\n某商发〔2025〕19号\n各县（市、区）商务局：");
        assert_eq!(
            h.title.as_deref(),
            Some("某市商務局 某市財政局關于印發《某市汽車以舊換新補貼實施細則》的通知")
        );
        let h = header("某市商务局关于做好2025年家电以旧换新工作的通知_某市人民政府\n某市商务局关于做好2025年家电以旧换新工作的通知\n各县（市、区）商务局：");
        assert_eq!(
            h.title.as_deref(),
            Some("某市商务局关于做好2025年家电以旧换新工作的通知")
        );
    }

    /// A dump of gov.cn's index table sets each label alone on its line,
    /// its value on the next (held-out HR4): `发文机关：` addresses no one,
    /// and `发布日期：` dates the page.
    #[test]
    fn an_index_table_s_labels_above_their_values() {
        let header = |text: &str| header_of(text, None, &PageMeta::default());
        let h = header("索 引 号：\n000014349/2025-00058\n发文机关：\n国务院\n成文日期：\n2025年06月18日\n发布日期：\n2025年06月25日\n国务院关于印发《某某行动方案》的通知\n国发〔2025〕14号\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n现将《某某行动方案》印发给你们，请认真贯彻执行。");
        assert_eq!(h.published_at.as_deref(), Some("2025-06-25"));
        assert_eq!(
            h.recipients,
            ["各省、自治区、直辖市人民政府", "国务院各部委", "各直属机构"]
        );
    }

    /// A WeChat post's heading tags the title and drops its issuer
    /// (`【通知】关于…的通知`); the text's own line names the issuer
    /// (held-out GK4): the fuller line is the title.
    #[test]
    fn a_tagged_heading_yields_to_the_fuller_title_line() {
        let header = |text: &str| header_of(text, None, &PageMeta::default());
        let h = header("【通知】关于做好2025年夏季秸秆禁烧工作的通知\n百善发布\n某镇人民政府关于做好2025年夏季秸秆禁烧工作的通知\n各村（社区）：");
        assert_eq!(
            h.title.as_deref(),
            Some("某镇人民政府关于做好2025年夏季秸秆禁烧工作的通知")
        );
        // The headline may drop a bracket of the title too (held-out HJ2).
        let h = header("关于组织申报2025年度商务发展专项资金项目的通知\n某市商务局\n某市商务局关于组织申报2025年度商务发展专项资金（外贸和消费提升方向）项目的通知\n各区、县（市）商务主管部门：");
        assert_eq!(
            h.title.as_deref(),
            Some("某市商务局关于组织申报2025年度商务发展专项资金（外贸和消费提升方向）项目的通知")
        );
    }

    /// A plan issued without a notice, its years in a bracket after its
    /// name (held-out HS3): its own heading is the title.
    #[test]
    fn a_plan_s_heading_with_its_years() {
        let header = |text: &str| header_of(text, None, &PageMeta::default());
        let h = header("某县农村人居环境整治提升行动实施方案（2025—2027年）\n为持续改善农村人居环境，结合我县实际，制定本方案。");
        assert_eq!(
            h.title.as_deref(),
            Some("某县农村人居环境整治提升行动实施方案（2025—2027年）")
        );
    }

    /// A post's headline that is no title (`重磅！…印发`) yields to the
    /// text's own heading in it (held-out HT4); a dump's first line, the
    /// site's name before an 意见's title, to the title line below
    /// (held-out HV1); a 公告's heading with its number is whole, the
    /// order's heading under it no part of it (held-out HV4).
    #[test]
    fn headlines_that_hold_the_title() {
        let meta = PageMeta {
            title: Some("重磅！某区推动低空经济发展实施方案（2025—2027年）印发".into()),
            ..PageMeta::default()
        };
        let h = header_of(
            "重磅！某区推动低空经济发展实施方案（2025—2027年）印发\n某区推动低空经济发展实施方案（2025—2027年）\n为抢抓机遇，制定本实施方案。",
            None,
            &meta,
        );
        assert_eq!(
            h.title.as_deref(),
            Some("某区推动低空经济发展实施方案（2025—2027年）")
        );
        let header = |text: &str| header_of(text, None, &PageMeta::default());
        let h = header("某省人民政府门户网站-某省人民政府关于加快培育发展低空经济的意见\n首页\n某省人民政府关于加快培育发展低空经济的意见\n某政发〔2025〕7号\n各市州人民政府：");
        assert_eq!(
            h.title.as_deref(),
            Some("某省人民政府关于加快培育发展低空经济的意见")
        );
        let h = header("某局关于调整部分专利收费标准的公告（第六二〇号）\n某局公告\n第六二〇号\n为减轻创新主体负担，现公告如下：");
        assert_eq!(
            h.title.as_deref(),
            Some("某局关于调整部分专利收费标准的公告")
        );
    }

    /// A title set large over three lines, the last holding only the
    /// title word's last character; an information table's `标题` cell
    /// before a title is no part of it.
    #[test]
    fn a_title_s_last_character_alone_and_a_title_label() {
        let header = |text: &str| header_of(text, None, &PageMeta::default());
        let h = header("某市人民政府办公室文件\n某政办〔2025〕11号\n某市人民政府办公室关于印发某市推动大\n规模设备更新和消费品以旧换新实施方案的通\n知\n各县（市、区）人民政府，市直各单位：");
        assert_eq!(
            h.title.as_deref(),
            Some("某市人民政府办公室关于印发某市推动大规模设备更新和消费品以旧换新实施方案的通知")
        );
        let h = header("索引号 | 123\n标题 某省人民政府办公厅关于支持外贸企业稳订单拓市场若干措施的通知\n某省人民政府办公厅关于支持外贸企业稳订单拓市场若干措施的通知\n各市人民政府：");
        assert_eq!(
            h.title.as_deref(),
            Some("某省人民政府办公厅关于支持外贸企业稳订单拓市场若干措施的通知")
        );
    }

    #[test]
    fn order_and_announcement_numbers_over_two_lines() {
        let header = |text: &str| header_of(text, None, &PageMeta::default());
        // An information table with letter-spaced labels, the 令 number
        // set under its heading.
        let h = header("索 引 号：11140000MB0000000X/2024-00031\n发布机构：山西省人民政府\n发文字号：山西省人民政府令\n第312号\n标　　题：山西省电动自行车安全管理办法\n山西省电动自行车安全管理办法");
        assert_eq!(h.doc_number.as_deref(), Some("山西省人民政府令第312号"));
        assert_eq!(h.title.as_deref(), Some("山西省电动自行车安全管理办法"));
        // The 令 itself, above its regulation.
        let h = header("山西省人民政府令\n第 312 号\n《山西省电动自行车安全管理办法》已经省人民政府常务会议通过，现予公布。\n省长　金湘军\n2024年5月20日\n山西省电动自行车安全管理办法\n第一章　总　　则");
        assert_eq!(h.doc_number.as_deref(), Some("山西省人民政府令第312号"));
        assert_eq!(h.signed_date.as_deref(), Some("2024-05-20"));
        // A standing committee's 公告 publishing a 条例, the number on the
        // next line or on the same line, in brackets or not: the number as
        // written without its round brackets, the heading as the title.
        for (text, number) in [
            ("河北省人民代表大会常务委员会公告\n（第12号）\n《河北省乡村振兴促进条例》已由河北省第十四届人民代表大会常务委员会第九次会议于2024年5月28日通过，现予公布。", "第12号"),
            ("河北省人民代表大会常务委员会公告第12号\n《河北省乡村振兴促进条例》现予公布。", "第12号"),
            ("河北省人民代表大会常务委员会公告 （第 12 号）\n《河北省乡村振兴促进条例》现予公布。", "第12号"),
            ("河北省人民代表大会常务委员会公告\n第12号\n《河北省乡村振兴促进条例》现予公布。", "第12号"),
            // A heading letter-spaced on its line (a PDF's red heading).
            ("河北省人民代表大会常务委员会公 告\n（第12号）\n《河北省乡村振兴促进条例》现予公布。", "第12号"),
            // The organ, a letter-spaced `公 告` and the number, one a line.
            ("河北省人民代表大会常务委员会\n公 告\n(第12号)\n《河北省乡村振兴促进条例》现予公布。", "第12号"),
        ] {
            let h = header(text);
            assert_eq!(h.doc_number.as_deref(), Some(number), "{text}");
            assert_eq!(
                h.title.as_deref(),
                Some("河北省人民代表大会常务委员会公告"),
                "{text}"
            );
        }
        // Page chrome above the 令: the title still follows its date line.
        let h = header("山西省人民政府门户网站\n无障碍 | 长辈版 | 简体 | 繁體\n首页　政务公开　政务服务\n当前位置：首页 > 政务公开 > 省政府规章\n索 引 号：11140000012120154W/2024-00021\n发布机构：山西省人民政府　　成文日期：2024-01-26\n文　　号：山西省人民政府令第312号　　有 效 性：有效\n发布时间：2024-02-01 16:25:08　　来源：山西省人民政府办公厅\n山西省人民政府令\n第312号\n《山西省电动自行车安全管理办法》已经省人民政府常务会议通过，现予公布。\n省长　赵立群\n2024年1月26日\n山西省电动自行车安全管理办法\n第一章　总　　则");
        assert_eq!(h.title.as_deref(), Some("山西省电动自行车安全管理办法"));
        // The regulation a congress's 公告 publishes, after its date line,
        // is the policy text; the 公告's heading is the title.
        let h = header("河北省人民代表大会常务委员会公告\n（第12号）\n《河北省乡村振兴促进条例》已由河北省第十四届人民代表大会常务委员会第九次会议于2024年5月28日通过，现予公布。\n河北省人民代表大会常务委员会\n2024年5月28日\n河北省乡村振兴促进条例\n（2024年5月28日河北省第十四届人民代表大会常务委员会第九次会议通过）\n目　　录");
        assert_eq!(h.title.as_deref(), Some("河北省人民代表大会常务委员会公告"));
        assert_eq!(h.policy_title.as_deref(), Some("河北省乡村振兴促进条例"));
        assert_eq!(h.doc_number.as_deref(), Some("第12号"));
        assert_eq!(h.issuers, ["河北省人民代表大会常务委员会"]);
        assert_eq!(h.signed_date.as_deref(), Some("2024-05-28"));
        // A 公告 headed and signed with the congress's term: the issuer has
        // none, in either script.
        let h = header("雲南省第十四屆人民代表大會常務委員會\n公 告\n（第18號）\n《某某辦法》已由雲南省第十四屆人民代表大會常務委員會第九次會議於2024年5月30日審議通過，現予公布。\n雲南省第十四屆人民代表大會常務委員會\n2024年5月30日\n某某辦法\n第一條　為了");
        assert_eq!(h.issuers, ["雲南省人民代表大會常務委員會"]);
        let h = header("云南省第十四届人民代表大会常务委员会公告\n（第18号）\n《云南省动物防疫条例》已由云南省第十四届人民代表大会常务委员会第十次会议于2024年5月30日修订通过，现予公布。\n2024年5月30日\n云南省动物防疫条例");
        assert_eq!(h.issuers, ["云南省人民代表大会常务委员会"]);
        let h = header("发布时间：2024-06-28 17:30\n山西省人民政府令\n第312号\n《山西省电动自行车安全管理办法》已经省人民政府常务会议通过，现予公布。\n省长　金湘军\n2024年5月20日\n山西省电动自行车安全管理办法\n第一章　总　　则");
        assert_eq!(h.title.as_deref(), Some("山西省电动自行车安全管理办法"));
        assert_eq!(h.issuers, ["山西省人民政府"]);
        // A policy library's title prefixed with the order's number.
        let h = header("标　　题：国家某某总局令第105号　某某经营活动监督管理办法\n发文字号：国家某某总局令第105号\n第一章　总　　则");
        assert_eq!(h.title.as_deref(), Some("某某经营活动监督管理办法"));
        // A portal's heading that runs the 令's two lines into the
        // regulation's name, as its information table repeats it.
        let h = header("某省人民政府令（第241号）某某建筑保护管理办法\n标　题： 某省人民政府令（第241号）某某建筑保护管理办法\n发文字号： 某省人民政府令第241号\n某省人民政府令\n第241号\n《某某建筑保护管理办法》已经省人民政府常务会议通过，现予公布。\n省长　某某\n2025年10月9日\n某某建筑保护管理办法\n第一章　总　则");
        assert_eq!(h.title.as_deref(), Some("某某建筑保护管理办法"));
        assert_eq!(h.doc_number.as_deref(), Some("某省人民政府令第241号"));
        // A page that titles the regulation by its 公告.
        let meta = PageMeta {
            title: Some("河北省人民代表大会常务委员会公告（第12号）".to_string()),
            ..PageMeta::default()
        };
        let h = header_of("标　　题：河北省人民代表大会常务委员会公告（第12号）\n河北省人民代表大会常务委员会公告\n（第12号）\n《河北省乡村振兴促进条例》现予公布。\n河北省人民代表大会常务委员会\n2024年5月28日\n河北省乡村振兴促进条例\n第一章　总　　则", None, &meta);
        assert_eq!(h.title.as_deref(), Some("河北省人民代表大会常务委员会公告"));
        assert_eq!(h.policy_title.as_deref(), Some("河北省乡村振兴促进条例"));
        assert_eq!(h.doc_number.as_deref(), Some("第12号"));
        // A 公告 that publishes nothing else keeps its heading as title.
        let meta = PageMeta {
            title: Some("某市公安局交通管理局公告（第3号）".to_string()),
            ..PageMeta::default()
        };
        let h = header_of("为保障道路施工安全，现将有关交通管制事项公告如下：\n一、管制时间\n2024年6月1日至6月30日。", Some(1), &meta);
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
        // A 公告 title with a number under it is a title, not a heading:
        // the number stands alone.
        let h = header("关于开展某项工作的公告\n第3号\n");
        assert_eq!(h.doc_number.as_deref(), Some("第3号"));
    }

    /// A congress's 公告 numbered by the congress's term (`〔十四届〕`) on a
    /// page that names the
    /// regulation in its heading: the 公告's heading is the title, its
    /// number line the 文号 as written, the regulation the policy text.
    #[test]
    fn a_congress_announcement_is_titled_by_its_heading() {
        let meta = PageMeta {
            title: Some("某省河道保洁条例".to_string()),
            ..PageMeta::default()
        };
        let h = header_of("某省人民代表大会常务委员会公告\n〔十三届〕第四十一号\n《某省河道保洁条例》已由某省第十三届人民代表大会常务委员会第八次会议于2023年3月30日通过，现予公布，自2023年6月1日起施行。\n某省人民代表大会常务委员会\n2023年3月30日\n某省河道保洁条例\n（2023年3月30日某省第十三届人民代表大会常务委员会第八次会议通过）", None, &meta);
        assert_eq!(h.title.as_deref(), Some("某省人民代表大会常务委员会公告"));
        assert_eq!(h.doc_number.as_deref(), Some("〔十三届〕第四十一号"));
        assert_eq!(h.policy_title.as_deref(), Some("某省河道保洁条例"));
        assert_eq!(h.issuers, ["某省人民代表大会常务委员会"]);
        // A congress's own 公告 (not its standing committee's).
        let h = header_of("某市人民代表大会公告\n（第1号）\n《某市城市绿化条例》已由某市第十六届人民代表大会第三次会议于2024年1月12日通过，现予公布。\n某市人民代表大会主席团\n2024年1月12日\n某市城市绿化条例", None, &PageMeta::default());
        assert_eq!(h.title.as_deref(), Some("某市人民代表大会公告"));
        assert_eq!(h.doc_number.as_deref(), Some("第1号"));
        assert_eq!(h.policy_title.as_deref(), Some("某市城市绿化条例"));
        // A government's 令 keeps the regulation's name as its title and
        // the heading with its number as its 文号.
        let h = header_of("某省人民政府令\n（第9号）\n《某省河道采砂管理办法》已经省人民政府常务会议通过，现予公布。\n省长　某某\n2024年2月1日\n某省河道采砂管理办法\n第一章　总　　则", None, &PageMeta::default());
        assert_eq!(h.title.as_deref(), Some("某省河道采砂管理办法"));
        assert_eq!(h.doc_number.as_deref(), Some("某省人民政府令（第9号）"));
        // A notice that relays the 公告 keeps its own title.
        let h = header_of("某市人民政府办公室关于转发某省人民代表大会常务委员会公告的通知\n某政办发〔2024〕3号\n各区人民政府：\n某省人民代表大会常务委员会公告\n（第12号）\n现转发给你们。", None, &PageMeta::default());
        assert_eq!(
            h.title.as_deref(),
            Some("某市人民政府办公室关于转发某省人民代表大会常务委员会公告的通知")
        );
        // And its own 文號, standing above the 公告's number.
        assert_eq!(h.doc_number.as_deref(), Some("某政办发〔2024〕3号"));
        // A 公告 whose heading comes first keeps its number, though a
        // 文號 it cites stands alone further down.
        let h = header_of(
            "某市人民政府公告\n〔2024〕第3号\n现将有关事项公告如下：\n某政发〔2023〕9号\n",
            None,
            &PageMeta::default(),
        );
        assert_eq!(
            h.doc_number.as_deref(),
            Some("某市人民政府公告〔2024〕第3号")
        );
    }

    #[test]
    fn a_joint_title_whose_issuers_run_over_two_lines() {
        let text = "某甲部 某乙部 某丙部\n某丁部 某戊委关于加快培养数字技能人才\n支撑制造业转型的意见\n各省、自治区、直辖市有关部门：\n一、总体要求\n加快培养。";
        let st = structure_of(text);
        assert_eq!(
            st.header.title.as_deref(),
            Some("某甲部 某乙部 某丙部某丁部 某戊委关于加快培养数字技能人才支撑制造业转型的意见")
        );
    }

    /// A joint notice's title whose issuers' names run over three lines,
    /// cut mid-name, before its subject (held-out r2): the four lines
    /// are its title; the 文号 and the red heading above stay out.
    #[test]
    fn a_joint_title_over_four_lines_keeps_its_issuers() {
        let header = |text: &str| header_of(text, None, &PageMeta::default());
        let h = header("某市甲局\n某市乙局\n文 件\n某甲发〔2025〕4号\n某市甲局 某市乙局 某\n市丙局 某市丁局 某市\n戊局关于印发《某市促进服务业\n提质增效若干措施》的通知\n各区甲局、乙局：\n现将措施印发给你们。");
        assert_eq!(
            h.title.as_deref(),
            Some("某市甲局 某市乙局 某市丙局 某市丁局 某市戊局关于印发《某市促进服务业提质增效若干措施》的通知")
        );
        // A heading over the title is no issuer of it.
        let h = header("某市甲局文件\n某市甲局 某市乙局关于印发\n《某市若干措施》的通知\n各区：");
        assert_eq!(
            h.title.as_deref(),
            Some("某市甲局 某市乙局关于印发《某市若干措施》的通知")
        );
        // Nor when a PDF's layout joined it to the title (held-out HB3).
        let h = header(
            "某县人民政府文件某县人民政府关于印发某县三年行动方案的通知\n某政〔2025〕9号\n各乡镇：",
        );
        assert_eq!(
            h.title.as_deref(),
            Some("某县人民政府关于印发某县三年行动方案的通知")
        );
    }

    /// A 两办 notice's title: the two offices' names on a line of their
    /// own above `印发《…` (held-out v2), or above a `关于…` set over
    /// lines, or their names over two lines: the names are the title's.
    #[test]
    fn issuers_on_their_own_lines_above_what_a_title_issues_are_its() {
        let header = |text: &str| header_of(text, None, &PageMeta::default());
        let h = header("中共某省委办公厅\n文件\n某省人民政府办公厅\n某办发〔2025〕21号\n中共某省委办公厅 某省人民政府办公厅\n印发《关于加快发展某某经济增进老年人福祉的\n若干措施》的通知\n各市（州）党委和人民政府：\n现印发给你们。");
        assert_eq!(
            h.title.as_deref(),
            Some("中共某省委办公厅 某省人民政府办公厅印发《关于加快发展某某经济增进老年人福祉的若干措施》的通知")
        );
        let h = header("某办发〔2025〕3号\n中共某县委办公室 某县人民政府办公室\n转发《某市若干措施》的通知\n各乡镇：");
        assert_eq!(
            h.title.as_deref(),
            Some("中共某县委办公室 某县人民政府办公室转发《某市若干措施》的通知")
        );
        let h = header("某办发〔2025〕3号\n中共某省委办公厅 某省人民政府办公厅\n某省军区政治工作部\n关于做好某某工作的\n通知\n各市：");
        assert_eq!(
            h.title.as_deref(),
            Some("中共某省委办公厅 某省人民政府办公厅某省军区政治工作部关于做好某某工作的通知")
        );
        // The red header's last name right above the title's own line of
        // names (no 文号 between, a `-layout` dump's order) is no part of it.
        let h = header("某办发〔2025〕14号\n中共某县委办公室\n文件\n某县人民政府办公室\n中共某县委办公室 某县人民政府办公室\n关于印发《某县人才队伍建设\n三年行动方案（2025—2027年）》的通知\n各乡镇：");
        assert_eq!(
            h.title.as_deref(),
            Some("中共某县委办公室 某县人民政府办公室关于印发《某县人才队伍建设三年行动方案（2025—2027年）》的通知")
        );
        // A title that names its subject alone keeps to itself.
        let h = header("某办发〔2025〕3号\n印发《关于加快发展某某经济增进老年人福祉的\n若干措施》的通知\n各市：");
        assert_eq!(
            h.title.as_deref(),
            Some("印发《关于加快发展某某经济增进老年人福祉的若干措施》的通知")
        );
    }

    /// A 令's number as its page's `文号：` field writes it, before the
    /// heading the body prints it under (held-out u1: the field omits the
    /// state's name the heading carries), and the field's next cell left out.
    #[test]
    fn a_labelled_order_number_is_as_the_field_writes_it() {
        let body = "中华人民共和国某某部令\n2025年第9号\n《某某管理办法》已于2025年7月18日经第15次部务会议通过，现予公布。\n部长　某某\n2025年7月30日\n某某管理办法\n第一章　总　　则";
        let meta = PageMeta {
            doc_number: Some("某某部令2025年第9号\t主 题 词：道路运输".to_string()),
            ..PageMeta::default()
        };
        let h = header_of(body, None, &meta);
        assert_eq!(h.doc_number.as_deref(), Some("某某部令2025年第9号"));
        let h = header_of(
            &format!("文　　号：某某部令 2025年第9号　　主 题 词：道路运输\n{body}"),
            None,
            &PageMeta::default(),
        );
        assert_eq!(h.doc_number.as_deref(), Some("某某部令2025年第9号"));
        // Where the field writes the state's name, so does the number.
        let meta = PageMeta {
            doc_number: Some("中华人民共和国国务院令第812号".to_string()),
            ..PageMeta::default()
        };
        let h = header_of(
            "中华人民共和国国务院令\n第812号\n《某某条例》已经国务院常务会议通过，现予公布。",
            None,
            &meta,
        );
        assert_eq!(
            h.doc_number.as_deref(),
            Some("中华人民共和国国务院令第812号")
        );
        // Without a field, a number counted by year is cited without the
        // state's name all the same (held-out B2).
        let h = header_of(body, None, &PageMeta::default());
        assert_eq!(h.doc_number.as_deref(), Some("某某部令2025年第9号"));
    }

    /// A relayed text's title: the issuers, `转发` and the authors on the
    /// line above its `关于…的通知` (held-out A2) are its first part.
    #[test]
    fn a_relay_line_above_a_subject_line_is_the_title_s_first_part() {
        let header = |text: &str| header_of(text, None, &PageMeta::default());
        for (text, want) in [
            ("某办发〔2026〕15号\n某省人民政府办公厅转发省发展改革委等部门\n关于促进某某消费若干意见的通知\n各市人民政府：", "某省人民政府办公厅转发省发展改革委等部门关于促进某某消费若干意见的通知"),
            ("某市人民政府印发某市财政局 某市商务局\n关于某某资金管理办法的通知\n各区：", "某市人民政府印发某市财政局 某市商务局关于某某资金管理办法的通知"),
            // Words that are not names above the title stay out.
            ("请认真转发学习以下文件\n关于促进某某消费若干意见的通知\n各市：", "关于促进某某消费若干意见的通知"),
            ("某省人民政府办公厅转发\n关于促进某某消费若干意见的通知\n各市：", "关于促进某某消费若干意见的通知"),
        ] {
            assert_eq!(header(text).title.as_deref(), Some(want), "{text}");
        }
    }

    /// A ministry's 令 without a 通知 (held-out B2): the title and the
    /// policy title are the regulation's name, though the document's
    /// largest line is the 令's heading; a number counted by year under a
    /// heading with the state's name is cited without it, a running number
    /// as printed.
    #[test]
    fn a_ministry_order_is_titled_by_its_regulation() {
        let body = "中华人民共和国某某部令\n2025年第3号\n《某某服务管理办法》已于2025年4月18日经某某部第5次常务会议审议通过，现予公布。\n部　长　某某\n2025年5月6日\n某某服务管理办法\n目　录";
        let meta = PageMeta {
            title: Some("中华人民共和国某某部令".to_string()),
            ..PageMeta::default()
        };
        let h = header_of(body, None, &meta);
        assert_eq!(h.title.as_deref(), Some("某某服务管理办法"));
        assert_eq!(h.policy_title.as_deref(), Some("某某服务管理办法"));
        assert_eq!(h.doc_number.as_deref(), Some("某某部令2025年第3号"));
        assert_eq!(h.issuers, ["某某部"]);
        let h = header_of(
            "中华人民共和国国务院令\n第812号\n《某某条例》已经国务院常务会议通过，现予公布。\n总理　某某\n2025年11月3日\n某某条例\n第一章　总　则",
            None,
            &PageMeta::default(),
        );
        assert_eq!(
            h.doc_number.as_deref(),
            Some("中华人民共和国国务院令第812号")
        );
        assert_eq!(h.policy_title.as_deref(), Some("某某条例"));
        // A number line that writes the state's name keeps it.
        let h = header_of(
            "中华人民共和国某某部令2025年第3号\n《某某办法》现予公布。",
            None,
            &PageMeta::default(),
        );
        assert_eq!(
            h.doc_number.as_deref(),
            Some("中华人民共和国某某部令2025年第3号")
        );
        // A notice keeps no policy title of its own kind.
        let h = header_of(
            "某某局公告\n2025年第3号\n现公告如下。",
            None,
            &PageMeta::default(),
        );
        assert_eq!(h.policy_title, None);
    }

    /// A workbook with no notice in it: its heading, naming a table, is
    /// its title, under an `附件` label or not (12 of 15 held-out sheets'
    /// golds); the policy's name is the heading without the table's name
    /// after a policy's.
    #[test]
    fn a_heading_that_names_a_table_titles_a_sheet() {
        let sheet = |heading: &str| {
            let meta = PageMeta {
                title: Some(heading.to_string()),
                ..PageMeta::default()
            };
            let text = format!("附件1\n{heading}\n序号 重点任务 具体措施 责任单位\n一、扩大消费\n1 推进以旧换新 给予补贴。 市商务局");
            header_of(&text, None, &meta)
        };
        for (heading, policy) in [
            (
                "某市2025年提振消费专项行动重点任务清单",
                "某市2025年提振消费专项行动重点任务清单",
            ),
            (
                "某县推进某某行动工作方案（2024—2025年）重点任务清单",
                "某县推进某某行动工作方案（2024—2025年）",
            ),
            (
                "某市推动设备更新实施方案\n重点任务分工表",
                "某市推动设备更新实施方案",
            ),
            ("2025年某市专项资金分配表", "2025年某市专项资金分配表"),
        ] {
            let h = sheet(heading);
            assert_eq!(h.title.as_deref(), Some(heading), "{heading}");
            assert_eq!(h.policy_title.as_deref(), Some(policy), "{heading}");
        }
        // A list published on its own, with no `附件` label over it, too.
        let standalone = header_of(
            "某市2025年优化营商环境重点任务清单\n序号 任务 具体措施 责任单位\n一、提升服务\n1 推行一日办结 压缩时限。 市行政审批局",
            None,
            &PageMeta {
                title: Some("某市2025年优化营商环境重点任务清单".to_string()),
                ..PageMeta::default()
            },
        );
        assert_eq!(
            standalone.title.as_deref(),
            Some("某市2025年优化营商环境重点任务清单")
        );
        // A table headed by the notice it belongs to is the notice's: its
        // title, number and issuer are the notice's (held-out A4).
        let notice_s = header_of(
            "《某区人民政府办公室关于印发某区促进消费若干措施的通知》（某政办发〔2025〕6号）任务分工表\n序号 重点任务 具体措施 牵头单位\n一、提振消费\n1 发放消费券 发放。 区商务局",
            None,
            &PageMeta::default(),
        );
        assert_eq!(
            notice_s.title.as_deref(),
            Some("某区人民政府办公室关于印发某区促进消费若干措施的通知")
        );
        assert_eq!(notice_s.doc_number.as_deref(), Some("某政办发〔2025〕6号"));
        assert_eq!(notice_s.issuers, ["某区人民政府办公室"]);
        // A table that names a policy, not a notice, stays as it was.
        assert_eq!(notice_of_table("《某区促进消费若干措施》任务分工表"), None);
        // A heading that names no table is the title.
        for heading in [
            "某市推动设备更新实施方案",
            "某市推动设备更新实施方案（2024—2026年）",
            "某某局2022年招考公务员考试大纲",
        ] {
            assert_eq!(sheet(heading).title.as_deref(), Some(heading));
        }
    }

    /// A joint header's last name wrapped before its last character over
    /// the title (`…人民政府办公` / `室`, held-out k2): the names are the
    /// title's first part; a short line that completes no name is not.
    #[test]
    fn an_issuer_s_name_wrapped_above_the_title() {
        let title = |lines: &str| {
            let text = format!("{lines}\n关于印发《某市某某行动方案》的通知\n各乡镇人民政府：\n现将方案印发给你们。");
            header_of(&text, None, &PageMeta::default()).title
        };
        assert_eq!(
            title("中共某市委办公室 某市人民政府办公\n室").as_deref(),
            Some("中共某市委办公室 某市人民政府办公室关于印发《某市某某行动方案》的通知")
        );
        assert_eq!(
            title("某市人民政府\n急件").as_deref(),
            Some("关于印发《某市某某行动方案》的通知")
        );
    }

    /// A crawler's heading without the issuers over the text's own title
    /// line with them (held-out K4): the fuller line is the title. A line
    /// that adds words other than issuers is none.
    #[test]
    fn the_title_line_with_its_issuers_beats_a_shorter_heading() {
        let title = |second: &str| {
            let text = format!("关于在中心城区实施货车限行管控的通告\n发布日期: 2025-11-28\n政策全文\n{second}\n某政通〔2025〕7号\n为改善空气质量，现就有关事项通告如下：");
            header_of(&text, None, &PageMeta::default()).title
        };
        assert_eq!(
            title("某市人民政府关于在中心城区实施货车限行管控的通告").as_deref(),
            Some("某市人民政府关于在中心城区实施货车限行管控的通告")
        );
        assert_eq!(
            title("解读：关于在中心城区实施货车限行管控的通告").as_deref(),
            Some("关于在中心城区实施货车限行管控的通告")
        );
    }

    /// A sheet's notice row: the issuer, the 文号 and the date on one
    /// long line with a note (held-out h1): the three are the document's.
    /// A long line that cites a number in a sentence gives none of them.
    #[test]
    fn a_number_after_the_issuer_on_a_long_line() {
        let header = |row: &str| {
            let text = format!("某区2025年重点任务清单\n{row}\n序号 任务 具体措施 牵头单位\n一、提升服务\n1 推行一日办结 压缩时限。 区行政审批局");
            header_of(&text, None, &PageMeta::default())
        };
        let row = header("某区优化营商环境工作领导小组办公室　某营商办〔2025〕4号　2025年3月18日印发（各牵头单位请于每季度末5日前报送进展情况，列第一位者为牵头单位）");
        assert_eq!(row.doc_number.as_deref(), Some("某营商办〔2025〕4号"));
        assert_eq!(row.issuers, ["某区优化营商环境工作领导小组办公室"]);
        assert_eq!(row.signed_date.as_deref(), Some("2025-03-18"));
        // The row set in brackets as a note under the title (held-out FU1).
        let noted = header("（某市人民政府办公室 某府办发〔2025〕21号 附件）");
        assert_eq!(noted.doc_number.as_deref(), Some("某府办发〔2025〕21号"));
        assert_eq!(noted.issuers, ["某市人民政府办公室"]);
        let cited = header("为贯彻落实某市人民政府关于优化营商环境的部署和某政发〔2024〕3号文件精神，结合我区实际，制定本清单，请各单位认真抓好落实并按季度报送进展情况。");
        assert_eq!(cited.doc_number, None);
        assert!(cited.issuers.is_empty(), "{:?}", cited.issuers);
        assert_eq!(cited.signed_date, None);
    }

    /// A page's heading above the document's own title set over lines
    /// (held-out E1): the title once.
    #[test]
    fn a_heading_repeated_over_lines_is_one_title() {
        let h = header_of(
            "某某办公厅关于加快推进某某高质量发展的意见\n某某办公厅关于加快推进某某\n高质量发展的意见\n某办发〔2025〕21号\n各省：",
            None,
            &PageMeta::default(),
        );
        assert_eq!(
            h.title.as_deref(),
            Some("某某办公厅关于加快推进某某高质量发展的意见")
        );
    }

    /// A 公告's own heading (its bodies' names and `公告`, its number
    /// below) under the page's whole title is no line of that title.
    #[test]
    fn an_announcements_heading_under_the_title_is_not_its_tail() {
        let h = header_of(
            "某部 某部关于2025年度某某补贴有关事项的公告\n某部 某部公告\n2025年第18号\n为贯彻落实有关部署，现就有关事项公告如下：\n一、补贴范围。",
            None,
            &PageMeta::default(),
        );
        assert_eq!(
            h.title.as_deref(),
            Some("某部 某部关于2025年度某某补贴有关事项的公告")
        );
    }

    /// A page's heading over the text's own title set over two lines
    /// (gov.cn's `<h1>` above the body's centred title): one title, not
    /// the two joined.
    #[test]
    fn a_heading_above_the_same_title_over_lines_is_one_title() {
        let header = |text: &str| header_of(text, None, &PageMeta::default());
        let h = header("某某办公厅关于加快推进城乡冷链物流高质量发展的意见\n某某办公厅关于加快推进城乡冷链物流\n高质量发展的意见\n某办发〔2025〕21号\n各省、自治区：");
        assert_eq!(
            h.title.as_deref(),
            Some("某某办公厅关于加快推进城乡冷链物流高质量发展的意见")
        );
        // A title whose first line is a title on its own still runs on to
        // its bracketed years and `的通知`.
        let h = header("某市人民政府关于印发某市三年行动计划\n（2025—2027年）的通知\n各区：");
        assert_eq!(
            h.title.as_deref(),
            Some("某市人民政府关于印发某市三年行动计划（2025—2027年）的通知")
        );
    }

    /// A cover page's title over two lines without 关于 (a 申报指南,
    /// held-out q2): the first line goes with the one ending in 指南; a
    /// code, a short menu line or a date above it does not.
    #[test]
    fn a_cover_title_over_two_lines_is_joined() {
        let header = |text: &str| header_of(text, None, &PageMeta::default());
        let h = header("ZJBC09-2025-0031\n2025年度某区数字经济和先进制造业\n高质量发展专项资金项目申报指南\n某区经济和信息化局\n二〇二五年六月");
        assert_eq!(
            h.title.as_deref(),
            Some("2025年度某区数字经济和先进制造业高质量发展专项资金项目申报指南")
        );
        let h = header("政务公开\n某市数据要素管理办法\n第一条 为了规范管理，制定本办法。");
        assert_eq!(h.title.as_deref(), Some("某市数据要素管理办法"));
        let h = header(
            "某市人民政府\n2025年3月1日\n某市燃气管理条例\n第一条 为了规范管理，制定本条例。",
        );
        assert_eq!(h.title.as_deref(), Some("某市燃气管理条例"));
    }

    /// A joint notice signed by four bodies two to a line, one of them
    /// the central bank (held-out FX4): a bank is a signing body, and so
    /// is a street's 办事处.
    #[test]
    fn a_bank_signs_a_joint_notice() {
        let text = "某部 某委关于开展试点的通知\n各省：\n一、总体要求\n做好试点。\n工业和信息化部 国家发展改革委\n财政部 中国人民银行\n2025年5月20日";
        let st = structure_of(text);
        assert_eq!(
            st.header.issuers,
            ["工业和信息化部", "国家发展改革委", "财政部", "中国人民银行"]
        );
        // A street's office signs too (held-out FZ3).
        let text = "关于开展背街小巷整治的通知\n各社区：\n一、总体要求\n做好整治。\n某市某某街道办事处\n2025年4月8日";
        let st = structure_of(text);
        assert_eq!(st.header.issuers, ["某市某某街道办事处"]);
    }

    #[test]
    fn the_signature_signs_not_the_printing_office() {
        let text = "山西省人民政府关于加强电动自行车安全管理的通知\n各市人民政府，省人民政府各委、厅，各直属机构：\n一、压实责任\n各地要落实属地责任。\n二、强化保障\n所需经费列入预算。\n山西省人民政府\n2 0 2 4 年 3 月 1 5 日\n（此件公开发布）\n抄送：省委各部门，省人大常委会办公厅。\n山西省人民政府办公厅　　　　2024年3月18日印发";
        let st = structure_of(text);
        assert_eq!(st.header.issuers, ["山西省人民政府"]);
        assert_eq!(st.header.signed_date.as_deref(), Some("2024-03-15"));
        assert_eq!(st.sections.len(), 2);
        // Without a signature, the 版记 still names no issuer: the title
        // does.
        let text = "山西省人民政府关于加强电动自行车安全管理的通知\n各市人民政府：\n一、压实责任\n各地要落实属地责任。\n抄送：省委各部门。\n山西省人民政府办公厅 2024年3月18日印发";
        let st = structure_of(text);
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
            let meta = PageMeta {
                published: published.map(str::to_string),
                ..PageMeta::default()
            };
            header_of(text, None, &meta).published_at
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

    /// A portal's info block dates the signing (`发文日期`) and the
    /// publication (`发布时间`): only the second is `published_at`.
    #[test]
    fn a_signing_date_label_is_no_publication_time() {
        let text = "发文日期：2024-04-08\n发布时间：2024-04-12 16:05\n某市人民政府办公室关于做好防汛工作的通知\n各县（市、区）人民政府：";
        let h = header_of(text, None, &PageMeta::default());
        assert_eq!(h.published_at.as_deref(), Some("2024-04-12T16:05:00+08:00"));
        assert_eq!(h.signed_date.as_deref(), Some("2024-04-08"));
        assert_eq!(
            parse_labelled_published(&fold("发文日期：2024-04-08")),
            None
        );
        assert_eq!(
            parse_labelled_published(&fold("成文日期：2024-04-08")),
            None
        );
    }

    /// A title set over three lines whose last opens with a bracket or
    /// with `的`, though its second line already ends in a title word.
    #[test]
    fn a_title_runs_on_to_its_bracketed_line() {
        let header = |text: &str| header_of(text, None, &PageMeta::default());
        for (text, want) in [
            ("某市人民政府办公室关于印发某市推进\n低空经济高质量发展三年行动计划\n（2025—2027 年）的通知\n各区人民政府：", "某市人民政府办公室关于印发某市推进低空经济高质量发展三年行动计划（2025—2027 年）的通知"),
            ("某市人民政府关于印发某市推进\n低空经济发展三年行动计划\n的通知\n各区人民政府：", "某市人民政府关于印发某市推进低空经济发展三年行动计划的通知"),
            ("某市人民政府关于印发\n某市数据要素管理办法\n（试行）\n各区人民政府：", "某市人民政府关于印发某市数据要素管理办法（试行）"),
        ] {
            assert_eq!(header(text).title.as_deref(), Some(want), "{text}");
        }
        // A bracket that is no part of a title stays out.
        let h =
            header("某市人民政府关于印发\n某市数据要素管理办法\n（此件公开发布）\n各区人民政府：");
        assert_eq!(
            h.title.as_deref(),
            Some("某市人民政府关于印发某市数据要素管理办法")
        );
    }

    #[test]
    fn a_doc_number_in_full_width_digits() {
        let header = |text: &str| header_of(text, None, &PageMeta::default());
        for number in ["京政辦發〔２０２５〕１４號", "京政办发〔２０２５〕１４号"]
        {
            let h = header(&format!(
                "北京市人民政府办公厅关于加强城市绿化管理的通知\n{number}\n各区人民政府："
            ));
            assert_eq!(h.doc_number.as_deref(), Some(number));
        }
    }

    /// A bare name with a bracket alone on the line under it (a plan's
    /// excerpt, a draft): the bracket is the title's; a note of adoption
    /// under a regulation's name is not.
    #[test]
    fn a_qualifier_under_a_bare_name_is_the_title_s() {
        let header = |text: &str| header_of(text, None, &PageMeta::default());
        let h = header("某市国民经济和社会发展第十五个五年规划纲要\n（摘编）\n“十五五”时期是关键时期。\n一、主要目标\n");
        assert_eq!(
            h.title.as_deref(),
            Some("某市国民经济和社会发展第十五个五年规划纲要（摘编）")
        );
        let h = header(
            "某市城市绿化条例\n（2024年5月28日通过）\n第一条　为了加强城市绿化，制定本条例。\n",
        );
        assert_eq!(h.title.as_deref(), Some("某市城市绿化条例"));
        // A heading (a document's title style) over its qualifier's line.
        let meta = PageMeta {
            title: Some("某县推进县域商业体系建设三年行动方案".to_string()),
            ..PageMeta::default()
        };
        let h = header_of(
            "附件
某县推进县域商业体系建设三年行动方案
（2025—2027年）
为推进县域商业体系建设，制定本方案。
一、总体要求
",
            None,
            &meta,
        );
        assert_eq!(
            h.title.as_deref(),
            Some("某县推进县域商业体系建设三年行动方案（2025—2027年）")
        );
    }

    /// A page's heading may append the notice's own number in brackets
    /// (`…的公告（第六二三号）`, `（2025年第3号）`): the title is without it,
    /// the 文号 comes from the text; so is an as-of date (`（截至…）`). A
    /// bracket of another kind stays.
    #[test]
    fn a_title_s_own_number_in_brackets_is_no_part_of_it() {
        for (page_title, want) in [
            (
                "某某局关于发布《某某费用减缴实施细则》的公告（第六二三号）",
                "某某局关于发布《某某费用减缴实施细则》的公告",
            ),
            (
                "某市人民政府关于调整收费标准的通告（2025年第3号）",
                "某市人民政府关于调整收费标准的通告",
            ),
            (
                "某市人民政府关于印发某某办法（试行）的通知",
                "某市人民政府关于印发某某办法（试行）的通知",
            ),
            ("某某管理办法（试行）", "某某管理办法（试行）"),
            (
                "某市自然资源和规划局国有建设用地使用权挂牌出让公告（某土告〔2026〕9号）",
                "某市自然资源和规划局国有建设用地使用权挂牌出让公告",
            ),
            (
                "某市人民政府关于调整收费标准的通知（某政发〔2025〕第3号）",
                "某市人民政府关于调整收费标准的通知",
            ),
            // Nor is the date a list is brought up to.
            (
                "某市2025年第一批惠企政策清单（截至2025年3月底）",
                "某市2025年第一批惠企政策清单",
            ),
        ] {
            let meta = PageMeta {
                title: Some(page_title.to_string()),
                ..PageMeta::default()
            };
            let h = header_of(
                "某某局公告\n第六二三号\n现予发布，自2025年8月1日起施行。",
                None,
                &meta,
            );
            assert_eq!(h.title.as_deref(), Some(want), "{page_title}");
        }
    }

    /// A titled 公告's number alone under its title is its doc number, as
    /// written; a number the text cites is not.
    /// (Held-out g3: `宿州市人民政府关于…的公告` / `第3号`.)
    #[test]
    fn a_titled_announcement_s_number_under_its_title() {
        let header = |text: &str| header_of(text, None, &PageMeta::default());
        for (text, want) in [
            ("某市人民政府关于调整生活垃圾处理费收费标准的公告\n第3号\n为推进生活垃圾减量化，现公告如下：", Some("第3号")),
            ("某市人民政府关于调整生活垃圾处理费收费标准的公告\n（第 3 号）\n为推进生活垃圾减量化，现公告如下：", Some("（第3号）")),
            ("某市公安局关于元旦期间交通管制的通告\n〔2025〕第1号\n为保障安全，现通告如下：", Some("〔2025〕第1号")),
            // A number in the text, or a number line under no 公告 title.
            ("某市人民政府关于调整收费标准的公告\n《某市收费办法》（第7号）同时废止。", None),
            ("某市人民政府关于调整收费标准的通知\n第3号\n各区人民政府：", None),
        ] {
            assert_eq!(header(text).doc_number.as_deref(), want, "{text}");
        }
        let h = header("某市人民政府关于调整收费标准的公告\n第3号\n现公告如下：");
        assert_eq!(h.issuers, ["某市人民政府"]);
    }

    /// A 公告 whose heading (the issuers and `公告`) stands over its number
    /// and its own title (held-out j4): the heading is its 版头, the number
    /// is as printed. Without a title under it, the heading is the
    /// 公告's name and goes with the number.
    #[test]
    fn a_titled_announcement_s_number_under_its_heading_is_as_printed() {
        let header = |text: &str| header_of(text, None, &PageMeta::default());
        let h = header("某市发展和改革委员会\n某市住房和城乡建设局\n公告\n2025年第3号\n关于调整中心城区停车收费标准的公告\n为规范收费，现公告如下。");
        assert_eq!(h.doc_number.as_deref(), Some("2025年第3号"));
        assert_eq!(
            h.title.as_deref(),
            Some("关于调整中心城区停车收费标准的公告")
        );
        let h = header(
            "某市住房和城乡建设局公告\n2025年第3号\n关于调整停车收费标准的公告\n现公告如下。",
        );
        assert_eq!(h.doc_number.as_deref(), Some("2025年第3号"));
        let h = header("某市住房和城乡建设局\n公告\n2025年第3号\n为规范收费，现公告如下。");
        assert_eq!(
            h.doc_number.as_deref(),
            Some("某市住房和城乡建设局公告2025年第3号")
        );
    }

    /// A central body's 令 is headed with the state's name; the body signs
    /// without it (gov.cn's 发文机关: 国务院). The number keeps the heading
    /// as written. (Held-out e1: `中华人民共和国国务院令` / `第812号`.)
    #[test]
    fn an_order_s_issuer_is_named_without_the_state() {
        let header = |text: &str| header_of(text, None, &PageMeta::default());
        let h = header("中华人民共和国国务院令\n第812号\n《某某条例》已经国务院常务会议通过，现予公布。\n总理　某某\n2025年11月3日\n某某条例\n第一章　总　则");
        assert_eq!(h.issuers, ["国务院"]);
        assert_eq!(
            h.doc_number.as_deref(),
            Some("中华人民共和国国务院令第812号")
        );
        let h = header(
            "中華人民共和國海關總署令\n第270號\n《某某規定》已經署務會議審議通過，現予公布。",
        );
        assert_eq!(h.issuers, ["海關總署"]);
        // A province's order has no state name to drop.
        let h =
            header("山西省人民政府令\n第312号\n《某某办法》已经省人民政府常务会议通过，现予公布。");
        assert_eq!(h.issuers, ["山西省人民政府"]);
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
