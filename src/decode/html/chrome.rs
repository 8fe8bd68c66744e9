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
            let [display_none, visibility_hidden] =
                css_declares(value, [("display", "none"), ("visibility", "hidden")]);
            display_none || (visibility_hidden && !revealed_by_script(e))
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

/// Whether an inline style sets each `property: value` of `wanted` (ASCII
/// case and white space ignored; the value a prefix of the one written).
///
/// Word-pasted pages style every span and every element is asked several
/// times: one pass over the style for all the pairs, no allocation. A
/// declaration is found from its colon, the property being the word that
/// ends before it (white space between): style strings hold a colon per
/// declaration, so few places are looked at, where searching for each
/// property's first letter stopped at most letters of `font-family`.
fn css_declares<const N: usize>(style: &str, wanted: [(&str, &str); N]) -> [bool; N] {
    let b = style.as_bytes();
    let mut found = [false; N];
    for colon in memchr::memchr_iter(b':', b) {
        let mut end = colon;
        while end > 0 && b[end - 1].is_ascii_whitespace() {
            end -= 1;
        }
        let mut at = colon + 1;
        while at < b.len() && b[at].is_ascii_whitespace() {
            at += 1;
        }
        let (before, after) = (&b[..end], &b[at..]);
        for (hit, (property, value)) in found.iter_mut().zip(wanted) {
            let (p, v) = (property.as_bytes(), value.as_bytes());
            *hit |= before.len() >= p.len()
                && before[before.len() - p.len()..].eq_ignore_ascii_case(p)
                && after.len() >= v.len()
                && after[..v.len()].eq_ignore_ascii_case(v);
        }
    }
    found
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
    hidden_in_tree(e, false)
}

/// Whether an element is hidden or inside chrome other than a header:
/// where an article's facts stand (gov.cn sets its information table in
/// `<div class="policyLibraryOverview_header">`; held-out GT1).
pub(super) fn is_hidden_in_tree_but_headers(e: ElementRef<'_>) -> bool {
    hidden_in_tree(e, true)
}

/// Whether the element or one holding it is [`skipped_as`].
fn hidden_in_tree(e: ElementRef<'_>, headers_read: bool) -> bool {
    std::iter::once(*e)
        .chain(e.ancestors())
        .filter_map(ElementRef::wrap)
        .any(|r| skipped_as(&r, headers_read))
}

/// Whether an element is chrome or hidden and so never read.
pub(super) fn skipped(e: &ElementRef<'_>) -> bool {
    skipped_as(e, false)
}

/// [`skipped`], a header (by tag, class or id) read or not.
fn skipped_as(e: &ElementRef<'_>, headers_read: bool) -> bool {
    let el = e.value();
    let name = el.name();
    if is_skip_tag(name) || is_hidden(el) {
        return true;
    }
    if name == "header" {
        return !headers_read;
    }
    // Read for headers, a token is chrome for another word it holds.
    let chrome = |token: &str| {
        is_chrome_token(token)
            && (!headers_read || is_chrome_token(&token.to_ascii_lowercase().replace("header", "")))
    };
    el.classes().any(chrome) || el.id().is_some_and(|id| id.split_whitespace().any(chrome))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_by_inline_style_in_any_case_and_spacing() {
        let hides =
            |style: &str| css_declares(style, [("display", "none"), ("visibility", "hidden")]);
        assert_eq!(hides("color:red; DISPLAY : None"), [true, false]);
        assert_eq!(hides("visibility:hidden"), [false, true]);
        assert_eq!(hides("display:block; text-decoration:none"), [false, false]);
        assert_eq!(hides("display"), [false, false]);
        assert_eq!(hides("display:\tnone;visibility :hidden"), [true, true]);
        // The property may end a longer word, the value start one (as
        // before the one-pass scan: the outputs must not change).
        assert_eq!(hides("mso-display:nonexistent"), [true, false]);
        assert_eq!(hides(":none"), [false, false]);
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
