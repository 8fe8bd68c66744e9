//! Page chrome: what is never read as text of the notice — scripts and
//! styles, navigation, headers, footers, breadcrumbs, share bars (by tag and
//! by class or id), and hidden blocks (a template's `display:none` print
//! copy).

use std::sync::LazyLock;

use regex::Regex;
use scraper::ElementRef;

/// Tags whose content is never text of the notice (a `match`, not a list
/// searched: every element of a page is asked, several times).
fn is_skip_tag(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "nav"
            | "footer"
            | "aside"
            | "form"
            | "button"
            | "select"
            | "option"
            | "iframe"
            | "object"
            | "svg"
            | "canvas"
            | "input"
            | "textarea"
    )
}

/// Class or id fragments of page chrome (lower-case).
const CHROME: &[&str] = &[
    "breadcrumb",
    "crumb",
    "bt-position",
    "position",
    "topbar",
    "navbar",
    "menu",
    "footer",
    "share",
    "qrcode",
    "erweima",
    "prevpage",
    "nextpage",
    "print-close",
    "xg-box",
    "related",
    "back-to-list",
    "search",
    "header",
];

/// Whether an element hides itself (`style="display: none"`, `hidden`,
/// `aria-hidden="true"`). Runs on every element, several times: one pass
/// over its attributes, no allocation.
pub(super) fn is_hidden(e: &scraper::node::Element) -> bool {
    e.attrs().any(|(name, value)| match name {
        "hidden" => true,
        "aria-hidden" => value.trim().eq_ignore_ascii_case("true"),
        "style" => {
            css_declares(value, "display", "none")
                || (css_declares(value, "visibility", "hidden") && !revealed_by_script(e))
        }
        _ => false,
    })
}

/// An article container a platform's script shows once the page has
/// loaded: a saved WeChat article's `<div id="js_content" style=
/// "visibility: hidden">` holds the whole article.
fn revealed_by_script(e: &scraper::node::Element) -> bool {
    e.id() == Some("js_content") || e.classes().any(|c| c == "rich_media_content")
}

/// Whether an inline style sets `property: value` (ASCII case and white
/// space ignored). Word-pasted pages style every span: no allocation here.
fn css_declares(style: &str, property: &str, value: &str) -> bool {
    let b = style.as_bytes();
    let starts = |at: usize, word: &str| {
        b.len() >= at + word.len() && b[at..at + word.len()].eq_ignore_ascii_case(word.as_bytes())
    };
    let skip_space = |mut at: usize| {
        while at < b.len() && b[at].is_ascii_whitespace() {
            at += 1;
        }
        at
    };
    let first = property.as_bytes()[0];
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), b).any(|at| {
        if !starts(at, property) {
            return false;
        }
        let colon = skip_space(at + property.len());
        colon < b.len() && b[colon] == b':' && starts(skip_space(colon + 1), value)
    })
}

/// Whether a class or id token names page chrome (ASCII case ignored).
/// One search for all the fragments: a Word-pasted page has a class on
/// every element, and searching for each fragment in turn was most of
/// [`skipped`].
fn is_chrome_token(token: &str) -> bool {
    static FRAGMENTS: LazyLock<Regex> = LazyLock::new(|| {
        let words: Vec<String> = CHROME.iter().map(|c| regex::escape(c)).collect();
        Regex::new(&format!("(?i-u:{})", words.join("|"))).expect("valid regex")
    });
    FRAGMENTS.is_match(token)
}

pub(super) fn is_hidden_in_tree(e: ElementRef<'_>) -> bool {
    std::iter::once(*e)
        .chain(e.ancestors())
        .filter_map(|n| n.value().as_element().map(|el| (n, el)))
        .any(|(n, el)| is_hidden(el) || ElementRef::wrap(n).is_some_and(|r| skipped(&r)))
}

/// Whether an element is chrome or hidden and so never read.
pub(super) fn skipped(e: &ElementRef<'_>) -> bool {
    let el = e.value();
    let name = el.name();
    if is_skip_tag(name) || is_hidden(el) {
        return true;
    }
    if name == "header" {
        return true;
    }
    el.classes().any(is_chrome_token)
        || el
            .id()
            .is_some_and(|id| id.split_whitespace().any(is_chrome_token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_by_inline_style_in_any_case_and_spacing() {
        assert!(css_declares("color:red; DISPLAY : None", "display", "none"));
        assert!(css_declares("visibility:hidden", "visibility", "hidden"));
        assert!(!css_declares(
            "display:block; text-decoration:none",
            "display",
            "none"
        ));
        assert!(!css_declares("display", "display", "none"));
    }

    #[test]
    fn chrome_tokens_in_any_ascii_case() {
        assert!(is_chrome_token("BreadCrumbs"));
        assert!(is_chrome_token("top-MENU-2"));
        assert!(is_chrome_token("bt-position"));
        assert!(!is_chrome_token("bt-pos"));
        assert!(!is_chrome_token("MsoNormal"));
        assert!(!is_chrome_token("正文"));
        // ASCII case only: the Kelvin sign is no `k`.
        assert!(!is_chrome_token("bac\u{212A}-to-list"));
    }
}
