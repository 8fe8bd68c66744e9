//! Safe HTML building: every string from a record is escaped on the way in.
//!
//! [`Html`] takes markup only as `&'static str` (literals in this module's
//! callers and the bundled assets); record fields, numbers and paths go
//! through [`Html::text`] or an attribute value, which escape them. A notice
//! therefore cannot add markup to a page, whatever its title, text or units
//! hold, and no call site has to remember to escape.
//!
//! Characters that HTML cannot carry unchanged (a parser turns CR into LF and
//! NUL into U+FFFD, and other controls and noncharacters are parse errors)
//! are shown by [`visible_char`]: one code point for one code point, so
//! spans still land on the right characters.

use std::fmt::Write as _;
use std::path::{Component, Path};

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// An HTML document or fragment under construction.
#[derive(Debug, Default, Clone)]
pub struct Html {
    buf: String,
}

impl Html {
    pub fn new() -> Self {
        Html::default()
    }

    /// Markup written by this program: literals only, never record data.
    pub fn raw(&mut self, markup: &'static str) -> &mut Self {
        self.buf.push_str(markup);
        self
    }

    /// Text content, escaped.
    pub fn text(&mut self, s: &str) -> &mut Self {
        escape_into(&mut self.buf, s);
        self
    }

    /// A number or other `Display` value, escaped like text.
    pub fn display(&mut self, v: impl std::fmt::Display) -> &mut Self {
        let s = v.to_string();
        self.text(&s)
    }

    /// `<tag a="v" …>` with every value escaped; an attribute whose value
    /// is `None` is left out.
    pub fn open(&mut self, tag: &'static str, attrs: &[(&'static str, Option<&str>)]) -> &mut Self {
        self.buf.push('<');
        self.buf.push_str(tag);
        for (name, value) in attrs {
            if let Some(v) = value {
                self.buf.push(' ');
                self.buf.push_str(name);
                self.buf.push_str("=\"");
                escape_into(&mut self.buf, v);
                self.buf.push('"');
            }
        }
        self.buf.push('>');
        self
    }

    /// `</tag>`.
    pub fn close(&mut self, tag: &'static str) -> &mut Self {
        self.buf.push_str("</");
        self.buf.push_str(tag);
        self.buf.push('>');
        self
    }

    /// `<tag …>text</tag>`.
    pub fn element(
        &mut self,
        tag: &'static str,
        attrs: &[(&'static str, Option<&str>)],
        text: &str,
    ) -> &mut Self {
        self.open(tag, attrs).text(text).close(tag)
    }

    /// Appends a fragment built the same way.
    pub fn append(&mut self, other: &Html) -> &mut Self {
        self.buf.push_str(&other.buf);
        self
    }

    pub fn as_str(&self) -> &str {
        &self.buf
    }

    pub fn into_string(self) -> String {
        self.buf
    }
}

/// Appends `s` escaped for both text and double- or single-quoted
/// attribute values, with [`visible_char`] applied.
fn escape_into(buf: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => buf.push_str("&amp;"),
            '<' => buf.push_str("&lt;"),
            '>' => buf.push_str("&gt;"),
            '"' => buf.push_str("&quot;"),
            '\'' => buf.push_str("&#39;"),
            c => buf.push(visible_char(c)),
        }
    }
}

/// How a character of a record is shown: itself, unless HTML cannot carry
/// it unchanged. C0 controls other than tab and line feed (CR included,
/// which a parser would turn into LF) become their Control Pictures
/// (`U+0000` → `␀`, `U+000D` → `␍`), DEL becomes `␡`, C1 controls and
/// noncharacters become `U+FFFD`. Always one code point for one.
pub fn visible_char(c: char) -> char {
    let u = c as u32;
    match c {
        '\t' | '\n' => c,
        _ if u < 0x20 => char::from_u32(0x2400 + u).unwrap_or('\u{FFFD}'),
        '\u{7F}' => '\u{2421}',
        '\u{80}'..='\u{9F}' => '\u{FFFD}',
        _ if (0xFDD0..=0xFDEF).contains(&u) || u & 0xFFFE == 0xFFFE => '\u{FFFD}',
        _ => c,
    }
}

/// The link target for a source URI: only `http` and `https` URLs are
/// linked, normalized the way browsers read them (so `java\nscript:` or
/// ` JAVASCRIPT:` is recognized as what it is and refused). Anything else
/// (file paths, `javascript:`, `data:`) is shown as text only.
pub fn web_link(uri: &str) -> Option<String> {
    let url = url::Url::parse(uri).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// Path-segment characters left as they are: letters, digits, `-._~`.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A relative URL from the directory `from` to the file `to`, both
/// absolute and canonical; each segment percent-encoded. `None` when no
/// relative path exists (different drive) or a name is not UTF-8.
pub fn relative_href(from: &Path, to: &Path) -> Option<String> {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return None;
    }
    let mut href = String::new();
    for _ in common..from.len() {
        href.push_str("../");
    }
    for (i, c) in to[common..].iter().enumerate() {
        let Component::Normal(name) = c else {
            return None;
        };
        if i > 0 {
            href.push('/');
        }
        let _ = write!(href, "{}", utf8_percent_encode(name.to_str()?, SEGMENT));
    }
    (!href.is_empty()).then_some(href)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut h = Html::new();
        h.open(
            "p",
            &[("title", Some("\" onmouseover=\"x()")), ("id", None)],
        )
        .text("<script>alert('x')</script> & </textarea>")
        .close("p");
        assert_eq!(
            h.as_str(),
            "<p title=\"&quot; onmouseover=&quot;x()\">&lt;script&gt;alert(&#39;x&#39;)\
             &lt;/script&gt; &amp; &lt;/textarea&gt;</p>"
        );
    }

    #[test]
    fn characters_html_cannot_carry_are_shown_one_for_one() {
        let cases = [
            ('\r', '␍'),
            ('\0', '␀'),
            ('\u{1B}', '␛'),
            ('\u{7F}', '␡'),
            ('\u{85}', '\u{FFFD}'),
            ('\u{FDD0}', '\u{FFFD}'),
            ('\u{FFFF}', '\u{FFFD}'),
            ('\u{2FFFE}', '\u{FFFD}'),
            ('\n', '\n'),
            ('\t', '\t'),
            ('萬', '萬'),
            ('\u{E010}', '\u{E010}'), // private use: valid HTML, kept
            ('𠀀', '𠀀'),
        ];
        for (c, want) in cases {
            assert_eq!(visible_char(c), want, "{:?}", c);
        }
    }

    #[test]
    fn only_web_urls_are_linked() {
        assert_eq!(
            web_link("http://www.hhtz.gov.cn/art/2025/2/28/art_1.html").as_deref(),
            Some("http://www.hhtz.gov.cn/art/2025/2/28/art_1.html")
        );
        assert_eq!(
            web_link("https://example.gov.cn/a b\"c").as_deref(),
            Some("https://example.gov.cn/a%20b%22c")
        );
        for bad in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\nscript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:x",
            "fixtures/html/a.html",
            "/abs/path.pdf",
            "//evil.example/x",
            "file:///etc/passwd",
        ] {
            assert_eq!(web_link(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn relative_hrefs_climb_and_encode() {
        assert_eq!(
            relative_href(
                Path::new("/r/out/review/notices"),
                Path::new("/r/out/notices/a-1.json")
            )
            .as_deref(),
            Some("../../notices/a-1.json")
        );
        assert_eq!(
            relative_href(Path::new("/r/site"), Path::new("/r/my records/通知#1.json")).as_deref(),
            Some("../my%20records/%E9%80%9A%E7%9F%A5%231.json")
        );
    }
}
