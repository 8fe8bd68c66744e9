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
use std::sync::LazyLock;

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

/// Names the scan asks about by number (their index in [`FIXED`]).
const SVG: usize = 0;
const MATH: usize = 1;
const HTML: usize = 2;
const HEAD: usize = 3;
const BODY: usize = 4;
const PLAINTEXT: usize = 5;
const P: usize = 6;
const TD: usize = 7;
const TH: usize = 8;
const DD: usize = 9;
const DT: usize = 10;
const TABLE: usize = 11;
const TR: usize = 12;
const TBODY: usize = 13;
const THEAD: usize = 14;
const TFOOT: usize = 15;
const FIXED: [&str; 16] = [
    "svg",
    "math",
    "html",
    "head",
    "body",
    "plaintext",
    "p",
    "td",
    "th",
    "dd",
    "dt",
    "table",
    "tr",
    "tbody",
    "thead",
    "tfoot",
];

/// Tags of most pages that no list above names: numbered in advance too.
const COMMON: &[&str] = &[
    "a", "span", "font", "b", "strong", "i", "em", "u", "o:p", "label", "small", "sup", "sub",
    "h1", "h2", "h3", "h4", "h5", "h6", "img",
];

/// What a name is, as bits ([`Kinds::flags`]).
const IS_VOID: u8 = 1;
const IS_RAW_TEXT: u8 = 2;
const IS_CLOSE_SAME: u8 = 4;
const IS_TABLE_PART: u8 = 8;
const IS_CLOSE_P: u8 = 16;
const IS_SCOPE: u8 = 32;

/// The names the lists above hold (and [`COMMON`] ones), numbered once:
/// the scan keeps a tag's number, not its name, so its per-tag work is a
/// search of this short sorted table and indexing, not hashing. Other
/// names are numbered per page as they come ([`Scan::number`]).
struct Kinds {
    /// Name and number, sorted by name.
    sorted: Vec<(&'static [u8], usize)>,
    /// [`IS_VOID`]… bits by number.
    flags: Vec<u8>,
}

static KINDS: LazyLock<Kinds> = LazyLock::new(|| {
    let mut names: Vec<&'static str> = FIXED.to_vec();
    let lists: [(&[&'static str], u8); 7] = [
        (VOID, IS_VOID),
        (RAW_TEXT, IS_RAW_TEXT),
        (CLOSE_SAME, IS_CLOSE_SAME),
        (TABLE_PARTS, IS_TABLE_PART),
        (CLOSE_P, IS_CLOSE_P),
        (SCOPE, IS_SCOPE),
        (COMMON, 0),
    ];
    for (list, _) in &lists {
        for n in *list {
            if !names.contains(n) {
                names.push(n);
            }
        }
    }
    let mut flags = vec![0u8; names.len()];
    for (list, bit) in &lists {
        for n in *list {
            if let Some(k) = names.iter().position(|m| m == n) {
                flags[k] |= bit;
            }
        }
    }
    let mut sorted: Vec<(&'static [u8], usize)> = names
        .iter()
        .zip(0usize..)
        .map(|(n, k)| (n.as_bytes(), k))
        .collect();
    sorted.sort_unstable();
    Kinds { sorted, flags }
});

/// Applies [`MAX_ATTRIBUTES`] and [`MAX_DEPTH`] to `html`.
pub fn limit_markup(html: &str) -> Limited<'_> {
    let kinds = &*KINDS;
    let mut s = Scan {
        b: html.as_bytes(),
        src: html,
        out: None,
        copied: 0,
        kinds,
        others: HashMap::new(),
        stack: Vec::new(),
        open: vec![Vec::new(); kinds.flags.len()],
        scopes: Vec::new(),
        dropped: vec![0; kinds.flags.len()],
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
    kinds: &'a Kinds,
    /// Numbers of the names [`KINDS`] does not hold, by lower-case name.
    /// The page writes these keys: SipHash (the default) keeps a hostile
    /// page from making them collide.
    others: HashMap<Vec<u8>, usize>,
    /// Open elements (name numbers), outermost first.
    stack: Vec<usize>,
    /// Where in `stack` each name (by number) is open.
    open: Vec<Vec<usize>>,
    /// Indices in `stack` of open [`SCOPE`] elements.
    scopes: Vec<usize>,
    /// Start tags dropped, by name number, whose end tags are still to come.
    dropped: Vec<usize>,
    attributes_dropped: usize,
    tags_dropped: usize,
}

fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | 0x0c | b'\r' | b' ')
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

    /// The number of a lower-case tag name, given at its first sight when
    /// [`KINDS`] does not hold it.
    fn number(&mut self, name: &[u8]) -> usize {
        if let Ok(k) = self.kinds.sorted.binary_search_by(|(n, _)| (*n).cmp(name)) {
            return self.kinds.sorted[k].1;
        }
        if let Some(&k) = self.others.get(name) {
            return k;
        }
        let k = self.open.len();
        self.others.insert(name.to_vec(), k);
        self.open.push(Vec::new());
        self.dropped.push(0);
        k
    }

    /// Whether the name numbered `k` is in the list of `bit`.
    fn is(&self, k: usize, bit: u8) -> bool {
        self.kinds.flags.get(k).is_some_and(|f| f & bit != 0)
    }

    fn run(&mut self) {
        let b = self.b;
        let len = b.len();
        let mut i = 0;
        // The lower-cased name of the tag being read (one buffer for all).
        let mut name: Vec<u8> = Vec::new();
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
            name.clear();
            name.extend(b[name_start..k].iter().map(u8::to_ascii_lowercase));
            let id = self.number(&name);
            let tag = self.attributes(k);
            // The index after the tag's `>`.
            let after = (tag.end + 1).min(len);
            if is_end {
                if self.end_tag(id) {
                    self.cut(lt, after);
                } else {
                    self.cut_attributes(&tag);
                }
                i = after;
                continue;
            }
            if self.is(id, IS_RAW_TEXT) {
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
            if id == PLAINTEXT {
                return;
            }
            let foreign = !self.open[SVG].is_empty() || !self.open[MATH].is_empty();
            let opens = !self.is(id, IS_VOID)
                && !matches!(id, HTML | HEAD | BODY)
                && !(tag.self_closing && (foreign || id == SVG || id == MATH));
            if opens && !self.start_tag(id) {
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
            let id = self.stack.pop().expect("stack longer than at");
            self.open[id].pop();
            if self.scopes.last() == Some(&self.stack.len()) {
                self.scopes.pop();
            }
        }
    }

    /// Where `id` (or its kin: `td` and `th`, `dd` and `dt`) is open
    /// inside the innermost scope, if it is. The parts of a table look no
    /// further than their table.
    fn open_in_scope(&self, id: usize) -> Option<usize> {
        let last = |n: usize| self.open[n].last().copied();
        let at = match id {
            TD | TH => last(TD).max(last(TH)),
            DD | DT => last(DD).max(last(DT)),
            _ => last(id),
        }?;
        let scope = if self.is(id, IS_TABLE_PART) {
            last(TABLE)
        } else {
            self.scopes.last().copied()
        };
        (at >= scope.unwrap_or(0)).then_some(at)
    }

    /// Opens `id`; false when it is too deep (dropped).
    fn start_tag(&mut self, id: usize) -> bool {
        if self.is(id, IS_CLOSE_SAME) {
            if let Some(at) = self.open_in_scope(id) {
                self.pop_to(at);
            }
        }
        // A row closes the open row (and its cells), a body the open body.
        let closes: &[usize] = match id {
            TR => &[TD, TH],
            TBODY | THEAD | TFOOT => &[TR, TBODY, THEAD, TFOOT],
            _ => &[],
        };
        for &kin in closes {
            if let Some(at) = self.open_in_scope(kin) {
                self.pop_to(at);
            }
        }
        if self.is(id, IS_CLOSE_P) {
            if let Some(at) = self.open_in_scope(P) {
                self.pop_to(at);
            }
        }
        if self.stack.len() >= MAX_DEPTH {
            self.tags_dropped += 1;
            self.dropped[id] += 1;
            return false;
        }
        if self.is(id, IS_SCOPE) {
            self.scopes.push(self.stack.len());
        }
        self.open[id].push(self.stack.len());
        self.stack.push(id);
        true
    }

    /// Closes `id`; true when its start tag was dropped (so is it).
    fn end_tag(&mut self, id: usize) -> bool {
        if let Some(n) = self.dropped.get_mut(id).filter(|n| **n > 0) {
            *n -= 1;
            self.tags_dropped += 1;
            return true;
        }
        if let Some(&at) = self.open[id].last() {
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
    fn numbered_names_keep_their_lists() {
        let k = &*KINDS;
        for (n, id) in FIXED.iter().zip(0usize..) {
            let at = k.sorted.binary_search_by(|(m, _)| (*m).cmp(n.as_bytes()));
            assert_eq!(at.map(|a| k.sorted[a].1), Ok(id), "{n}");
        }
        for (list, bit) in [(VOID, IS_VOID), (CLOSE_P, IS_CLOSE_P), (SCOPE, IS_SCOPE)] {
            for n in list {
                let at = k
                    .sorted
                    .binary_search_by(|(m, _)| (*m).cmp(n.as_bytes()))
                    .expect("numbered");
                assert!(k.flags[k.sorted[at].1] & bit != 0, "{n}");
            }
        }
        // An end tag of a name never opened, and unknown names deep down.
        let html =
            "</foo>".to_string() + &"<x-a>".repeat(MAX_DEPTH + 3) + "</x-b></x-a></x-a></x-a>";
        let l = limit_markup(&html);
        assert_eq!(l.tags_dropped, 6);
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
