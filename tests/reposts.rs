//! Figures above the notice's title are not the notice's: a WeChat or
//! portal repost opens with the article's headline and an editor's lead-in
//! (`重磅！最高奖励500万元！…` / `点击上方蓝字 关注我们` / `近日，…印发…`)
//! before the notice itself. GOLD.md counts the notice's money only. They
//! are dropped, with a `figures_before_title` warning naming them, only
//! when the title is a line of the text above the notice's 文号, 主送 and
//! outline; never when the title came from elsewhere or is missing.

use crate::common;

use notice_extract::fetch::RawDocument;
use notice_extract::{extract, Notice};

fn extract_named(name: &str, content: &str) -> Notice {
    let raw = RawDocument::from_bytes(name, content.as_bytes().to_vec());
    extract(&raw, &common::config()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

const HEADLINE: &str = "重磅！最高奖励500万元！某市出台数据产业发展若干措施\n\
点击上方蓝字 关注我们\n\
近日，市政府办公室印发《某市促进数据产业发展若干措施》，对符合条件的企业最高给予500万元奖励，补贴比例达30%，较上年提高2个百分点。\n";

const TITLE: &str = "某市人民政府办公室关于印发某市促进数据产业发展若干措施的通知";

const NOTICE: &str = "某政办发〔2025〕3号\n\
各县（市、区）人民政府，市政府各部门：\n\
现将《某市促进数据产业发展若干措施》印发给你们，请认真贯彻执行。\n\
一、支持企业做大做强\n\
（一）对首次入选的企业，给予100万元奖励。\n\
（二）对新认定的企业，按投资额的20%给予补助。\n\
某市人民政府办公室\n2025年3月1日";

/// Amount and percentage texts with their (section, clause).
fn figures(n: &Notice) -> Vec<(String, Option<u32>, Option<u32>)> {
    let mut out: Vec<(usize, String, Option<u32>, Option<u32>)> = n
        .amounts
        .iter()
        .map(|a| (a.span[0], a.text.clone(), a.section, a.clause))
        // Percentage points are percentages (unit point) too.
        .chain(
            n.percentages
                .iter()
                .map(|p| (p.span[0], p.text.clone(), p.section, p.clause)),
        )
        .collect();
    out.sort_by_key(|f| f.0);
    out.into_iter().map(|(_, t, s, c)| (t, s, c)).collect()
}

fn fig(t: &str, s: u32, c: u32) -> (String, Option<u32>, Option<u32>) {
    (t.to_string(), Some(s), Some(c))
}

fn warned(n: &Notice) -> Option<&str> {
    n.warnings
        .iter()
        .find(|w| w.code == "figures_before_title")
        .map(|w| w.message.as_str())
}

#[test]
fn a_repost_s_headline_and_lead_in_hold_no_figure_of_the_notice() {
    let n = extract_named("repost.txt", &format!("{HEADLINE}{TITLE}\n{NOTICE}"));
    assert_eq!(n.title.as_deref(), Some(TITLE));
    assert_eq!(figures(&n), [fig("100万元", 1, 1), fig("20%", 1, 2)]);
    let w = warned(&n).expect("a figures_before_title warning");
    assert!(w.starts_with("4 figures"), "{w}");
    assert!(w.contains("500万元、500万元、30%、2个百分点"), "{w}");
    // The text keeps the headline: the record loses no text.
    assert!(n.text.starts_with("重磅！最高奖励500万元！"));
    // Not a loss of content: the record stays `success`.
    assert!(!notice_extract::model::WarningCode::FiguresBeforeTitle.loses_content());
}

/// A headline that is the title itself, then the lead-in, then the title
/// again: the notice starts at the last title line above its header.
#[test]
fn the_last_title_line_above_the_header_starts_the_notice() {
    let text = format!(
        "{TITLE}\n点击上方蓝字 关注我们\n近日印发的措施对企业最高给予500万元奖励。\n{TITLE}\n{NOTICE}"
    );
    let n = extract_named("repeated.txt", &text);
    assert_eq!(figures(&n), [fig("100万元", 1, 1), fig("20%", 1, 2)]);
    assert!(warned(&n).is_some_and(|w| w.contains("500万元")));
    // A title over two lines under a list tag is the title's line too.
    let text = format!(
        "{HEADLINE}【市级】某市人民政府办公室关于印发\n某市促进数据产业发展若干措施的通知\n{NOTICE}"
    );
    let n = extract_named("tagged.txt", &text);
    assert_eq!(n.title.as_deref(), Some(TITLE));
    assert_eq!(figures(&n), [fig("100万元", 1, 1), fig("20%", 1, 2)]);
}

/// A repost that copies the document from its 文号 on, right above the
/// title: the notice starts at the 文号.
#[test]
fn a_doc_number_right_above_the_title_starts_the_notice() {
    let (number, rest) = NOTICE.split_once('\n').expect("two lines");
    let n = extract_named(
        "numbered.txt",
        &format!("{HEADLINE}{number}\n\n{TITLE}\n{rest}"),
    );
    assert_eq!(figures(&n), [fig("100万元", 1, 1), fig("20%", 1, 2)]);
    assert!(warned(&n).is_some_and(|w| w.starts_with("4 figures")));
}

/// Nothing is lost where the text starts with its title, where the title
/// is no line of the text (a page's `<title>`), where there is none, or
/// where the notice's 文号 or 主送 comes before the title line.
#[test]
fn without_a_title_line_on_top_every_figure_counts() {
    let whole = |n: &Notice| {
        assert_eq!(warned(n), None);
        figures(n).into_iter().map(|f| f.0).collect::<Vec<_>>()
    };
    // Starts with its title.
    let n = extract_named("plain.txt", &format!("{TITLE}\n{NOTICE}"));
    assert_eq!(whole(&n), ["100万元", "20%"]);
    // No title at all: the headline's figures stay (section null).
    let headless = format!("{HEADLINE}{NOTICE}");
    let n = extract_named("untitled.txt", &headless);
    assert_eq!(
        whole(&n),
        ["500万元", "500万元", "30%", "2个百分点", "100万元", "20%"]
    );
    // The title from the page's <title>, not a line of the text.
    let paras: String = headless.lines().map(|l| format!("<p>{l}</p>")).collect();
    let html = format!(
        "<html><head><meta charset=\"utf-8\"><title>{TITLE}</title></head><body><div id=\"zoom\">{paras}</div></body></html>"
    );
    let n = extract_named("page.html", &html);
    assert_eq!(n.title.as_deref(), Some(TITLE));
    assert_eq!(whole(&n).len(), 6, "{:?}", figures(&n));
    // A red-headed document: its 文号 above its title.
    let text = format!(
        "某市人民政府办公室文件\n某政办发〔2025〕3号\n奖励最高500万元\n{TITLE}\n{}",
        NOTICE.split_once('\n').expect("two lines").1
    );
    let n = extract_named("red-head.txt", &text);
    assert_eq!(whole(&n), ["500万元", "100万元", "20%"]);
    // The 主送 above a line that repeats the title: the notice began.
    let text = format!(
        "{TITLE}\n各县（市、区）人民政府：\n奖励最高500万元。\n{TITLE}\n一、支持企业\n（一）给予100万元奖励。"
    );
    let n = extract_named("recipients-first.txt", &text);
    assert_eq!(whole(&n), ["500万元", "100万元"]);
}
