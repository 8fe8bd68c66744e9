//! Mangled notices never panic the pipeline.
//!
//! Real notices arrive cut, doubled and mis-encoded: the parsers slice
//! strings by byte offsets found on a folded copy, and one slice that lands
//! inside a multi-byte `】` is a panic (a bug this test was written after).
//! Windows of the fixture texts are mutated with the characters the parsers
//! look for — brackets of every width, labels, numerals, units, separators —
//! inserted, deleted and truncated at random (a fixed seed, so a failure
//! prints a case that can be replayed), and each variant goes through
//! [`extract`]: it must return a record or an error, never unwind.

use crate::common;

use std::panic::{catch_unwind, AssertUnwindSafe};

use notice_extract::fetch::RawDocument;
use notice_extract::{extract, Config};

/// What the parsers key on, in both scripts and widths.
const PIECES: &[&str] = &[
    "（",
    "）",
    "(",
    ")",
    "【",
    "】",
    "[",
    "]",
    "〔",
    "〕",
    "［",
    "］",
    "〖",
    "〗",
    "<",
    ">",
    "、",
    "，",
    ",",
    "。",
    "；",
    ";",
    "：",
    ":",
    "\n",
    " ",
    "\u{3000}",
    "一、",
    "十二、",
    "（一）",
    "(三)",
    "第一章",
    "第十条",
    "第 2 2 条",
    "1.",
    "2、",
    "1.5",
    "責任單位：",
    "责任单位:",
    "牵头单位：",
    "配合单位",
    "（由",
    "牵头实施）",
    "负责）",
    "万元",
    "億元",
    "元",
    "%",
    "％",
    "百分之",
    "三分之二",
    "不超过",
    "最高",
    "以上",
    "以下",
    "不低于",
    "至",
    "-",
    "—",
    "～",
    "人民币",
    "¥",
    "USD",
    "〇",
    "二〇二五年",
    "年",
    "月",
    "日",
    "号",
    "〔2025〕",
    "通知",
    "关于印发",
    "的通知",
    "各区",
    "人民政府",
    "局",
    "本通知自",
    "附件",
    "\u{FFFD}",
    "\u{E000}",
    "⺠",
    "⼈",
    "ꎬ",
    "１２３",
    "壹",
    "廿",
    "两",
    "零",
];

fn windows() -> Vec<String> {
    let mut out = Vec::new();
    for f in common::fixture_files("text") {
        let text = std::fs::read_to_string(&f).expect("utf-8 fixture");
        let chars: Vec<char> = text.chars().collect();
        for start in (0..chars.len()).step_by(1500) {
            let end = (start + 2500).min(chars.len());
            out.push(chars[start..end].iter().collect());
        }
    }
    out
}

fn mutate(rng: &mut fastrand::Rng, base: &str) -> String {
    let mut chars: Vec<char> = base.chars().collect();
    for _ in 0..rng.usize(1..40) {
        let at = rng.usize(0..=chars.len());
        match rng.u8(0..10) {
            0..=6 => {
                let piece = PIECES[rng.usize(0..PIECES.len())];
                chars.splice(at..at, piece.chars());
            }
            7 | 8 if at < chars.len() => {
                let end = (at + rng.usize(1..20)).min(chars.len());
                chars.drain(at..end);
            }
            _ => chars.truncate(at.max(1)),
        }
    }
    chars.into_iter().collect()
}

#[test]
fn mutated_notices_never_panic() {
    let cfg = Config::default();
    let bases = windows();
    assert!(bases.len() >= 20, "{} windows", bases.len());
    let mut rng = fastrand::Rng::with_seed(20261126);
    let (mut records, mut errors) = (0, 0);
    for case in 0..5000 {
        let text = mutate(&mut rng, &bases[case % bases.len()]);
        let raw = RawDocument::from_bytes("mutated.txt", text.clone().into_bytes());
        match catch_unwind(AssertUnwindSafe(|| extract(&raw, &cfg))) {
            Ok(Ok(_)) => records += 1,
            Ok(Err(_)) => errors += 1,
            Err(_) => panic!("case {case} panicked on:\n{text}"),
        }
    }
    // Mutations must not make everything an error either.
    assert!(records > 4000, "{records} records, {errors} errors");
}

#[test]
fn mutated_pages_never_panic() {
    let cfg = Config::default();
    let bases = windows();
    let mut rng = fastrand::Rng::with_seed(7);
    let (mut records, mut errors) = (0, 0);
    for case in 0..500 {
        let body = mutate(&mut rng, &bases[case % bases.len()]);
        let page = format!(
            "<html><body><div class=\"nav\">首页</div><div id=\"zoom\"><p>{}</p></div></body></html>",
            body.replace('\n', "</p><p>")
        );
        let raw = RawDocument::from_bytes("mutated.html", page.into_bytes());
        match catch_unwind(AssertUnwindSafe(|| extract(&raw, &cfg))) {
            Ok(Ok(_)) => records += 1,
            Ok(Err(_)) => errors += 1,
            Err(_) => panic!("case {case} panicked on:\n{body}"),
        }
    }
    // A page wrapped around a notice's text stays a notice: rejecting every
    // page would pass a never-panics check, not this floor.
    assert!(records > 400, "{records} records, {errors} errors");
}

/// Markup the HTML backend keys on: blocks, hidden copies, tables, links,
/// comments, scripts, entities, charset declarations.
const MARKUP: &[&str] = &[
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<div id=\"zoom\">",
    "<div class=\"TRS_Editor\">",
    "<div style=\"DISPLAY: none\">",
    "<span hidden>",
    "<br>",
    "<br/>",
    "<table><tr><td>",
    "</td><td>",
    "</tr></table>",
    "<a href=\"#\">",
    "</a>",
    "<!--",
    "-->",
    "<script>",
    "</script>",
    "<style>",
    "&nbsp;",
    "&#12345;",
    "&amp;",
    "<meta charset=\"gbk\">",
    "<meta name=\"ArticleTitle\" content=\"关于印发的通知\">",
    "<h1>",
    "</h1>",
    "<nav>",
    "<header>",
    "<li>",
    "<td>文号</td><td>",
    "索引号：",
    "发布时间：2025-02-28",
    "<",
    ">",
    "\"",
    "（责任单位：",
    "）",
];

#[test]
fn mutated_markup_never_panics() {
    let cfg = Config::default();
    let pages: Vec<String> = common::fixture_files("html")
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("utf-8 page"))
        .collect();
    let mut rng = fastrand::Rng::with_seed(11);
    let (mut records, mut errors) = (0, 0);
    for case in 0..150 {
        let mut chars: Vec<char> = pages[case % pages.len()].chars().collect();
        for _ in 0..rng.usize(1..60) {
            let at = rng.usize(0..=chars.len());
            if rng.u8(0..4) == 0 && at < chars.len() {
                let end = (at + rng.usize(1..200)).min(chars.len());
                chars.drain(at..end);
            } else {
                let piece = MARKUP[rng.usize(0..MARKUP.len())];
                chars.splice(at..at, piece.chars());
            }
        }
        let page: String = chars.into_iter().collect();
        let raw = RawDocument::from_bytes("mutated.html", page.clone().into_bytes());
        match catch_unwind(AssertUnwindSafe(|| extract(&raw, &cfg))) {
            Ok(Ok(_)) => records += 1,
            Ok(Err(_)) => errors += 1,
            Err(_) => panic!("case {case} panicked"),
        }
    }
    // Most mangled pages still hold their notice.
    assert!(records > 100, "{records} records, {errors} errors");
}

/// Inputs built to make a careless outline quadratic run under a time
/// limit: ten thousand labels of one kind and of alternating kinds, ten
/// thousand first headings that repeat (each the twin a table of contents
/// looks for), a statement of ten thousand names and notes.
#[test]
fn pathological_outlines_finish_in_time() {
    use notice_extract::decode::{Layout, PageMeta};
    use notice_extract::model::Paragraphs;
    use notice_extract::structure::find_structure;
    use std::time::{Duration, Instant};
    const N: usize = 10_000;
    let join = |lines: Vec<String>| lines.join("\n");
    let cases: Vec<(&str, String)> = vec![
        (
            "numbered items with units",
            join(
                (1..=N)
                    .map(|i| format!("{i}.第{i}项。（责任单位：市财政局）"))
                    .collect(),
            ),
        ),
        ("repeated first headings", "一、总则\n".repeat(N)),
        (
            "articles",
            join(
                (1..=N)
                    .map(|i| format!("第{i}条 第{i}条的规定。"))
                    .collect(),
            ),
        ),
        (
            "nested kinds",
            join(
                (1..=N)
                    .map(|i| match i % 4 {
                        0 => format!("{}、章", i / 4),
                        1 => "（一）节。".to_string(),
                        2 => "1.项。（财政部负责）".to_string(),
                        _ => "（1）目。".to_string(),
                    })
                    .collect(),
            ),
        ),
        (
            "one long statement",
            format!(
                "（一）甲。（{}负责，列第一位者为牵头单位，下同{}）",
                "市财政局、".repeat(N),
                "，下同".repeat(N)
            ),
        ),
        ("signature dates", "某某局\n2025年1月1日\n".repeat(N)),
    ];
    for (name, text) in cases {
        let text = Paragraphs::from_text(text);
        let started = Instant::now();
        let st = find_structure(&text, &PageMeta::default(), &Layout::default());
        let took = started.elapsed();
        eprintln!("{name}: {took:?}");
        assert!(took < Duration::from_secs(30), "{name}: {took:?}");
        std::hint::black_box(st);
    }
}
