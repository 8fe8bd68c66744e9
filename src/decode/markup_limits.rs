//! Bounds on a page's markup, applied before the HTML parser sees it.
//!
//! html5ever compares each attribute of a tag with the tag's earlier ones
//! (quadratic in the attributes of one tag) and walks its stack of open
//! elements for most start tags (quadratic in the depth of nesting): a
//! page of one tag with a million attributes, or of 200,000 nested
//! `<div>`s, kept it busy for minutes. One linear pass over the decoded
//! text drops the attributes of a tag past [`MAX_ATTRIBUTES`] and the tags
//! nested deeper than [`MAX_DEPTH`]; the text between tags is always kept,
//! and the caller warns (`markup_capped`) when anything was dropped.
//!
//! The depth is followed the way the parser builds its tree, closely
//! enough for a cap that no real page comes near: void elements never
//! open, `<p>`, `<li>`, `<td>`… close an open one of their kind, a block
//! closes an open `<p>`, an end tag closes everything opened after its
//! start tag, and scripts, styles and other raw text are skipped whole.

use std::borrow::Cow;
use std::collections::HashMap;

/// Most attributes kept on one tag; real tags have a handful, a
/// Word-pasted one a few dozen.
pub const MAX_ATTRIBUTES: usize = 256;

/// Deepest nesting of elements kept. Browsers cap their trees near this
/// (Blink at 512); government pages nest a few dozen levels.
pub const MAX_DEPTH: usize = 512;

/// The text with the caps applied, and what they dropped.
#[derive(Debug)]
pub struct Limited<'a> {
    /// The text, borrowed when nothing was dropped (nearly every page).
    pub text: Cow<'a, str>,
    /// Attributes dropped from tags with more than [`MAX_ATTRIBUTES`].
    pub attributes_dropped: usize,
    /// Start and end tags dropped past [`MAX_DEPTH`].
    pub tags_dropped: usize,
}

/// Elements that never hold content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Elements a start tag of the same kind closes (within a scope).
const CLOSE_SAME: &[&str] = &[
    "p", "li", "dd", "dt", "td", "th", "tr", "option", "optgroup", "tbody", "thead", "tfoot",
];

/// Parts of a table: they close their kind up to the table.
const TABLE_PARTS: &[&str] = &["td", "th", "tr", "tbody", "thead", "tfoot", "caption"];

/// Start tags that close an open `<p>`.
const CLOSE_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "section",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "listing",
    "form",
];

/// Elements that a closing `<p>` or `<li>` never reaches past.
const SCOPE: &[&str] = &[
    "table", "td", "th", "caption", "button", "object", "marquee", "applet", "template", "ul",
    "ol", "html",
];

/// Applies [`MAX_ATTRIBUTES`] and [`MAX_DEPTH`] to `html`.
pub fn limit_markup(html: &str) -> Limited<'_> {
    let mut s = Scan {
        b: html.as_bytes(),
        src: html,
        out: None,
        copied: 0,
        stack: Vec::new(),
        open: HashMap::new(),
        scopes: Vec::new(),
        dropped: HashMap::new(),
        attributes_dropped: 0,
        tags_dropped: 0,
    };
    s.run();
    let text = match s.out.take() {
        None => Cow::Borrowed(html),
        Some(mut out) => {
            out.push_str(&html[s.copied..]);
            Cow::Owned(out)
        }
    };
    Limited {
        text,
        attributes_dropped: s.attributes_dropped,
        tags_dropped: s.tags_dropped,
    }
}

/// A tag as [`Scan::attributes`] read it.
struct Tag {
    /// Index of its `>` (or the end of the text).
    end: usize,
    /// Ends in `/>`.
    self_closing: bool,
    /// Attributes it has.
    count: usize,
    /// Where its attribute number [`MAX_ATTRIBUTES`] + 1 starts.
    cut_from: Option<usize>,
}

struct Scan<'a> {
    b: &'a [u8],
    src: &'a str,
    /// The edited text, made at the first edit.
    out: Option<String>,
    /// `src[..copied]` is done (copied into `out` or cut).
    copied: usize,
    /// Open elements (lower-case names), outermost first.
    stack: Vec<Vec<u8>>,
    /// Where in `stack` each name is open.
    open: HashMap<Vec<u8>, Vec<usize>>,
    /// Indices in `stack` of open [`SCOPE`] elements.
    scopes: Vec<usize>,
    /// Start tags dropped, by name, whose end tags are still to come.
    dropped: HashMap<Vec<u8>, usize>,
    attributes_dropped: usize,
    tags_dropped: usize,
}

fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

fn one_of(name: &[u8], list: &[&str]) -> bool {
    list.iter().any(|n| n.as_bytes() == name)
}

impl Scan<'_> {
    /// Removes `src[from..to]` from the output.
    fn cut(&mut self, from: usize, to: usize) {
        let out = self
            .out
            .get_or_insert_with(|| String::with_capacity(self.src.len()));
        out.push_str(&self.src[self.copied..from]);
        self.copied = to;
    }

    fn find(&self, from: usize, what: &[u8]) -> Option<usize> {
        memchr::memmem::find(&self.b[from.min(self.b.len())..], what).map(|k| from + k)
    }

    fn run(&mut self) {
        let b = self.b;
        let len = b.len();
        let mut i = 0;
        while let Some(rel) = memchr::memchr(b'<', &b[i..]) {
            let lt = i + rel;
            let next = b.get(lt + 1).copied();
            if b[lt + 1..].starts_with(b"!--") {
                i = self.find(lt + 4, b"-->").map_or(len, |k| k + 3);
                continue;
            }
            if matches!(next, Some(b'!' | b'?')) {
                i = self.find(lt + 1, b">").map_or(len, |k| k + 1);
                continue;
            }
            let is_end = next == Some(b'/');
            let name_start = if is_end { lt + 2 } else { lt + 1 };
            if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
                i = lt + 1;
                continue;
            }
            let mut k = name_start;
            while k < len && !is_space(b[k]) && !matches!(b[k], b'/' | b'>') {
                k += 1;
            }
            let name = b[name_start..k].to_ascii_lowercase();
            let tag = self.attributes(k);
            // The index after the tag's `>`.
            let after = (tag.end + 1).min(len);
            if is_end {
                if self.end_tag(name) {
                    self.cut(lt, after);
                } else {
                    self.cut_attributes(&tag);
                }
                i = after;
                continue;
            }
            if one_of(&name, RAW_TEXT) {
                self.cut_attributes(&tag);
                // Up to `</name`, in any case: a script's `<div>` is text.
                let mut at = after;
                i = loop {
                    match self.find(at, b"</") {
                        None => break len,
                        Some(c) => {
                            let tail = &b[c + 2..];
                            if tail.len() >= name.len()
                                && tail[..name.len()].eq_ignore_ascii_case(&name)
                            {
                                break c;
                            }
                            at = c + 2;
                        }
                    }
                };
                continue;
            }
            if name == b"plaintext" {
                return;
            }
            let foreign = self
                .open
                .get(b"svg".as_slice())
                .is_some_and(|v| !v.is_empty())
                || self
                    .open
                    .get(b"math".as_slice())
                    .is_some_and(|v| !v.is_empty());
            let opens = !one_of(&name, VOID)
                && !matches!(name.as_slice(), b"html" | b"head" | b"body")
                && !(tag.self_closing && (foreign || name == b"svg" || name == b"math"));
            if opens && !self.start_tag(name) {
                self.cut(lt, after);
            } else {
                self.cut_attributes(&tag);
            }
            i = after;
        }
    }

    /// Reads a tag's attributes from `k` (after its name) to its `>`.
    fn attributes(&self, mut k: usize) -> Tag {
        let b = self.b;
        let len = b.len();
        let mut count = 0;
        let mut cut_from = None;
        let mut slash = false;
        loop {
            while k < len && (is_space(b[k]) || b[k] == b'/') {
                slash = b[k] == b'/';
                k += 1;
            }
            if k >= len || b[k] == b'>' {
                break;
            }
            slash = false;
            count += 1;
            if count == MAX_ATTRIBUTES + 1 {
                cut_from = Some(k);
            }
            k += 1;
            while k < len && !is_space(b[k]) && !matches!(b[k], b'/' | b'>' | b'=') {
                k += 1;
            }
            while k < len && is_space(b[k]) {
                k += 1;
            }
            if k < len && b[k] == b'=' {
                k += 1;
                while k < len && is_space(b[k]) {
                    k += 1;
                }
                if k < len && matches!(b[k], b'"' | b'\'') {
                    let q = b[k];
                    k = memchr::memchr(q, &b[k + 1..]).map_or(len, |p| k + 1 + p + 1);
                } else {
                    while k < len && !is_space(b[k]) && b[k] != b'>' {
                        k += 1;
                    }
                }
            }
        }
        Tag {
            end: k,
            self_closing: slash,
            count,
            cut_from,
        }
    }

    /// Cuts the attributes of `tag` past [`MAX_ATTRIBUTES`].
    fn cut_attributes(&mut self, tag: &Tag) {
        if let Some(from) = tag.cut_from {
            self.attributes_dropped += tag.count - MAX_ATTRIBUTES;
            self.cut(from, tag.end);
        }
    }

    /// Closes `stack[at..]`.
    fn pop_to(&mut self, at: usize) {
        while self.stack.len() > at {
            let name = self.stack.pop().expect("stack longer than at");
            if let Some(v) = self.open.get_mut(&name) {
                v.pop();
            }
            if self.scopes.last() == Some(&self.stack.len()) {
                self.scopes.pop();
            }
        }
    }

    /// Where `name` (or its kin: `td` and `th`, `dd` and `dt`) is open
    /// inside the innermost scope, if it is. The parts of a table look no
    /// further than their table.
    fn open_in_scope(&self, name: &[u8]) -> Option<usize> {
        let last = |n: &[u8]| self.open.get(n).and_then(|v| v.last().copied());
        let at = match name {
            b"td" | b"th" => last(b"td").max(last(b"th")),
            b"dd" | b"dt" => last(b"dd").max(last(b"dt")),
            _ => last(name),
        }?;
        let scope = if one_of(name, TABLE_PARTS) {
            last(b"table")
        } else {
            self.scopes.last().copied()
        };
        (at >= scope.unwrap_or(0)).then_some(at)
    }

    /// Opens `name`; false when it is too deep (dropped).
    fn start_tag(&mut self, name: Vec<u8>) -> bool {
        if one_of(&name, CLOSE_SAME) {
            if let Some(at) = self.open_in_scope(&name) {
                self.pop_to(at);
            }
        }
        // A row closes the open row (and its cells), a body the open body.
        let closes: &[&[u8]] = match name.as_slice() {
            b"tr" => &[b"td", b"th"],
            b"tbody" | b"thead" | b"tfoot" => &[b"tr", b"tbody", b"thead", b"tfoot"],
            _ => &[],
        };
        for kin in closes {
            if let Some(at) = self.open_in_scope(kin) {
                self.pop_to(at);
            }
        }
        if one_of(&name, CLOSE_P) {
            if let Some(at) = self.open_in_scope(b"p") {
                self.pop_to(at);
            }
        }
        if self.stack.len() >= MAX_DEPTH {
            self.tags_dropped += 1;
            *self.dropped.entry(name).or_default() += 1;
            return false;
        }
        if one_of(&name, SCOPE) {
            self.scopes.push(self.stack.len());
        }
        self.open
            .entry(name.clone())
            .or_default()
            .push(self.stack.len());
        self.stack.push(name);
        true
    }

    /// Closes `name`; true when its start tag was dropped (so is it).
    fn end_tag(&mut self, name: Vec<u8>) -> bool {
        if let Some(n) = self.dropped.get_mut(&name).filter(|n| **n > 0) {
            *n -= 1;
            self.tags_dropped += 1;
            return true;
        }
        if let Some(&at) = self.open.get(&name).and_then(|v| v.last()) {
            self.pop_to(at);
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_pass_untouched() {
        let html = r#"<html><head><script>if (a<b) document.write("<div>")</script></head>
            <body><div id=zoom><p>一<p>二<ul><li>三<li>四</ul><table><tr><td><p>五<td>六</table>
            <br/><img src=x><svg><path d="M0"/></svg></div></body></html>"#;
        let l = limit_markup(html);
        assert!(matches!(l.text, Cow::Borrowed(_)));
        assert_eq!((l.attributes_dropped, l.tags_dropped), (0, 0));
    }

    #[test]
    fn unclosed_paragraphs_and_formatting_do_not_add_up() {
        // Each `</p>` or `<p>` closes the font opened in the paragraph.
        let html = "<p><font>段落</p>".repeat(2 * MAX_DEPTH)
            + &"<p><b>段落".repeat(2 * MAX_DEPTH)
            + "<table>"
            + &"<tr><td><font>格<td><span>格".repeat(2 * MAX_DEPTH)
            + "</table><dl>"
            + &"<dt><i>词<dd><i>义".repeat(2 * MAX_DEPTH);
        let l = limit_markup(&html);
        assert_eq!(l.tags_dropped, 0);
    }

    #[test]
    fn deep_nesting_is_cut_and_text_kept() {
        let n = MAX_DEPTH + 100;
        let html = format!("{}深处{}", "<div>".repeat(n), "</div>".repeat(n));
        let l = limit_markup(&html);
        assert_eq!(l.tags_dropped, 200);
        assert_eq!(
            l.text,
            format!(
                "{}深处{}",
                "<div>".repeat(MAX_DEPTH),
                "</div>".repeat(MAX_DEPTH)
            )
        );
    }

    #[test]
    fn attributes_past_the_cap_are_dropped() {
        let attrs: String = (0..MAX_ATTRIBUTES + 10)
            .map(|i| format!(" a{i}=\"x>y\""))
            .collect();
        let html = format!("<div id=zoom{attrs}>正文</div>");
        let l = limit_markup(&html);
        assert_eq!(l.attributes_dropped, 11);
        assert!(
            l.text.ends_with(">正文</div>"),
            "{}",
            &l.text[l.text.len() - 40..]
        );
        assert!(l.text.contains(&format!("a{}=", MAX_ATTRIBUTES - 2)));
        assert!(!l.text.contains(&format!("a{}=", MAX_ATTRIBUTES - 1)));
    }
}
