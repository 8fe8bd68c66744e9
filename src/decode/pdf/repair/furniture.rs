//! Step 2 of the repair: page furniture dropped. Page numbers (`— 3 —`,
//! `第3页`, a bare number at a page's edge) and lines repeated at the top
//! or bottom of most pages (running headers and footers) are not the
//! notice's text. Needs the whole document (what repeats), so it is a
//! step of its own.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::layout::DOC_NUMBER_LINE;
use super::line::repair_line;
use crate::decode::pdf::backend::{Line, Page};

/// Page numbers as 公文 and other layouts print them: `— 3 —`, `-3-`,
/// `第3页`, `第 3 页 共 10 页`, `3/10`, `Page 3`.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)^(?:
            {}                                           # — 3 —
          | 第 \s* \d{{1,4}} \s* [页頁] (?:\s* [，,]? \s* 共 \s* \d{{1,4}} \s* [页頁])?  # 第3页 共10页
          | \d{{1,4}} \s* / \s* \d{{1,4}}                      # 3/10
          | (?i:page) \s* \d{{1,4}} (?:\s* (?i:of) \s* \d{{1,4}})?
        )$",
        dashed_number(r"—–\-－─")
    ))
    .expect("page number regex")
});

/// A page number between dashes (`— 3 —`, `-3-`), the dashes any of
/// `dashes` (a regex class's contents).
fn dashed_number(dashes: &str) -> String {
    format!(r"[{dashes}]+\s*\d{{1,4}}\s*[{dashes}]+")
}

/// A 公文 page number run onto the end of a page's last line (a layout
/// that set the footer level with the text above it: `…责任单位— 2 —`).
static TRAILING_PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    // Not an ASCII hyphen: `…第1-2-3` ends many a line of text.
    Regex::new(&format!(r"\s*{}\s*$", dashed_number("—–－─"))).expect("trailing page number regex")
});

/// Whether a line (trimmed) is a page number as 公文 and other layouts
/// print them (`— 3 —`, `第3页 共10页`, `3/10`, `Page 3`): also what a
/// `pdftotext -layout` dump keeps between a table's rows
/// ([`crate::decode::columns`]).
pub(crate) fn is_page_number(line: &str) -> bool {
    PAGE_NUMBER.is_match(line)
}

/// A bare number is a page number only at the top or bottom of a page.
static BARE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,4}$").expect("bare number regex"));

/// Digits of a line, for telling running headers with page numbers apart.
static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+").expect("digits regex"));

/// A line repeated on at least this share of pages (and on 3 pages or more)
/// is a running header or footer.
const RUNNING_LINE_SHARE: f64 = 0.6;

/// A line's text with digits blanked, so `— 3 —`-like running lines with
/// changing numbers compare equal.
fn running_key(text: &str) -> String {
    DIGITS.replace_all(text, "#").into_owned()
}

/// How many lines at the top and bottom of a page may be page furniture.
const EDGE_LINES: usize = 2;

/// Drops page numbers and running headers/footers; returns the lines kept
/// with their page index, line index and repaired text.
pub fn drop_furniture(pages: &[Page]) -> Vec<(usize, usize, &Line, String)> {
    let edge = |i: usize, n: usize| i < EDGE_LINES || i + EDGE_LINES >= n;
    let mut seen_on: HashMap<String, usize> = HashMap::new();
    let repaired: Vec<Vec<String>> = pages
        .iter()
        .map(|p| p.lines.iter().map(|l| repair_line(&l.text)).collect())
        .collect();
    for page in &repaired {
        let mut keys: Vec<String> = page
            .iter()
            .enumerate()
            .filter(|(i, _)| edge(*i, page.len()))
            .map(|(_, t)| running_key(t))
            .collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *seen_on.entry(k).or_default() += 1;
        }
    }
    let running = |t: &str| {
        pages.len() >= 3
            && seen_on
                .get(&running_key(t))
                .is_some_and(|&n| n as f64 >= RUNNING_LINE_SHARE * pages.len() as f64)
    };
    let mut kept = Vec::new();
    for (p, (page, texts)) in pages.iter().zip(&repaired).enumerate() {
        let n = texts.len();
        for (i, (line, text)) in page.lines.iter().zip(texts).enumerate() {
            // The first page's 文號 is content even when later pages repeat
            // it in their running header.
            let first_doc_number = p == 0 && DOC_NUMBER_LINE.is_match(text);
            let furniture = is_page_number(text)
                || (edge(i, n)
                    && (BARE_NUMBER.is_match(text) || (running(text) && !first_doc_number)));
            let text = if i + 1 == n && !furniture {
                TRAILING_PAGE_NUMBER.replace(text, "").into_owned()
            } else {
                text.clone()
            };
            if !furniture && !text.is_empty() {
                kept.push((p, i, line, text));
            }
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_number_forms() {
        for s in ["— 3 —", "—3—", "- 3 -", "第3页", "第 3 页 共 10 页", "3/10"] {
            assert!(PAGE_NUMBER.is_match(s), "{s}");
        }
        assert!(!PAGE_NUMBER.is_match("一、總體要求"));
    }

    fn page(texts: &[&str]) -> Page {
        Page {
            lines: texts
                .iter()
                .enumerate()
                .map(|(i, t)| Line {
                    text: (*t).to_string(),
                    left: 90.0,
                    right: 500.0,
                    size: 16.0,
                    y: 700.0 - i as f32 * 28.0,
                    runs: Vec::new(),
                })
                .collect(),
        }
    }

    /// A footer set level with a page's last line is cut from its end;
    /// the same dash and number mid-page, or a line's own text, stay.
    #[test]
    fn a_page_number_run_onto_the_last_line_is_cut() {
        let pages = [
            page(&[
                "（三）统筹推进。",
                "按每户1500元奖补。（牵头单位：县农业农村局；责任单位— 2 —",
            ]),
            page(&["：县卫生健康局）", "第二段— 3 —", "末行"]),
        ];
        let texts: Vec<String> = drop_furniture(&pages).into_iter().map(|k| k.3).collect();
        assert_eq!(
            texts,
            [
                "（三）统筹推进。",
                "按每户1500元奖补。（牵头单位：县农业农村局；责任单位",
                "：县卫生健康局）",
                "第二段— 3 —",
                "末行"
            ]
        );
    }
}
