//! Decode: a [`RawDocument`]'s bytes become [`Text`], paragraphs of main text.
//!
//! The format is told from the content (`%PDF-`, markup, a zip's parts,
//! image signatures), not the file name; each format has a backend
//! producing the same [`Text`]: `html` (charset, main content), `text`
//! (charset, a dump of a page), `pdf` (its text layer), `office` (`.docx`,
//! `.xlsx`/`.xls`, `.ofd`) and `ocr` (scans and images, read by Tesseract). A body the
//! source repeats (a hidden print copy, a dump that shows it twice) is kept
//! once, here, so no later stage sees clauses twice; a table of contents
//! (`toc`) is removed here too, so its lines are never read as headings.

pub mod bounded;
pub mod charset;
pub mod html;
pub mod markdown;
pub mod markup_limits;
pub mod normalize;
pub mod ocr;
pub mod office;
pub mod pdf;
pub mod text;
pub mod toc;

use crate::fetch::RawDocument;
pub use crate::model::Parsed;
use crate::model::{ErrorCode, Warning, WarningCode};

pub use crate::model::MIME_TYPES;

/// What kind of document the bytes hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MediaType {
    Html,
    Pdf,
    #[default]
    Text,
    /// Word (`.docx`).
    Docx,
    /// Excel (`.xlsx`).
    Xlsx,
    /// Excel 97–2003 (`.xls`).
    Xls,
    /// OFD (GB/T 33190).
    Ofd,
    /// A PNG, JPEG or TIFF image, read by OCR.
    Image(ocr::ImageFormat),
}

impl MediaType {
    /// The IANA media type written into `source.media_type`.
    pub fn as_mime(self) -> &'static str {
        match self {
            MediaType::Html => MIME_TYPES[0],
            MediaType::Pdf => MIME_TYPES[1],
            MediaType::Text => MIME_TYPES[2],
            MediaType::Docx => MIME_TYPES[3],
            MediaType::Xlsx => MIME_TYPES[4],
            MediaType::Xls => MIME_TYPES[5],
            MediaType::Ofd => MIME_TYPES[6],
            MediaType::Image(f) => f.as_mime(),
        }
    }
}

/// Decoded main text of one document.
#[derive(Debug, Clone, Default)]
pub struct Text {
    /// What the bytes were sniffed as (the backend that read them).
    pub media: MediaType,
    /// Paragraphs in reading order, trimmed, none empty, each one line:
    /// [`decode`] splits one holding a line break (`Text::one_line_each`),
    /// so an index into them is an index into the joined text's lines.
    pub paragraphs: Vec<String>,
    /// Encoding the bytes were read as (`UTF-8`, `GB18030`…); None for PDF.
    pub encoding: Option<String>,
    /// How the encoding was found: `bom`, `http`, `meta`, `sniffed`, `pdf`.
    pub encoding_source: String,
    /// Backend that produced the paragraphs.
    pub extractor: String,
    /// What the page says about itself outside the body.
    pub meta: PageMeta,
    /// Tables and rules among the paragraphs.
    pub layout: Layout,
    /// Files the page links to from its body (attachments), in order.
    pub attachments: Vec<Link>,
    /// Text read by OCR: for each paragraph, the confidence (0–100) of the
    /// word each of its characters other than white space was read in, in
    /// order. `None` for text that was not recognised.
    pub confidence: Option<Vec<Vec<f32>>>,
}

/// What the paragraphs were besides text: the rows of a table, a rule
/// between two parts. Indices are into [`Text::paragraphs`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    /// Tables of data (not page layout), in order.
    pub tables: Vec<TextTable>,
    /// Paragraphs a markdown rule (`---`) stood before.
    pub rules: Vec<usize>,
}

/// A table of data in the main text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextTable {
    /// The paragraphs the table's rows became (`start..end`).
    pub paragraphs: std::ops::Range<usize>,
    /// Its cells, row by row, as written (white space collapsed).
    pub rows: Vec<Vec<String>>,
    /// The paragraphs each row became, counted from `paragraphs.start`,
    /// when a row is not one paragraph (a page's cells holding `<p>`s or
    /// `<br>`s give a row several); empty when row `i` is paragraph
    /// `paragraphs.start + i`.
    pub row_paragraphs: Vec<std::ops::Range<usize>>,
}

/// A link to a file from the body of a page (`附件1.pdf`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Link {
    /// The link's text as the page shows it.
    pub text: String,
    /// Its target, resolved against the page's URL when that is known.
    pub url: String,
}

/// Facts a web page states outside its body text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    /// The article's title as the page marks it (`ArticleTitle` meta, `<h1>`,
    /// a title block; never an outline heading), else the part of the
    /// `<title>` tag that ends like a notice's title.
    pub title: Option<String>,
    /// Publication time as written (`2025-02-28 15:57`), from `PubDate`-like
    /// meta tags or the page's info bar.
    pub published: Option<String>,
    /// The 文號 as the page's info bar or index table labels it
    /// (`文号：江宁政办发〔2024〕18号`), as written, up to the next label: some
    /// portals show it nowhere else.
    pub doc_number: Option<String>,
}

/// Options of the decode stage (they travel to the document worker as
/// JSON: `crate::batch::worker`).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct DecodeOptions {
    pub pdf: pdf::PdfOptions,
    pub ocr: ocr::OcrOptions,
    pub office: office::OfficeOptions,
}

/// Why a document could not be turned into text.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DecodeError {
    #[error("empty document (0 bytes)")]
    Empty,
    #[error("neither HTML, PDF nor text (starts with {0:02x?}); binary file?")]
    UnknownFormat(Vec<u8>),
    #[error("no main text found in the page (only {chars} characters of text)")]
    NoMainContent { chars: usize },
    #[error("{0}")]
    Pdf(#[from] pdf::PdfError),
    #[error("{0}")]
    Ocr(#[from] ocr::OcrError),
    #[error("{0}")]
    Office(#[from] office::OfficeError),
}

impl DecodeError {
    /// Stable machine-readable name for reports.
    pub fn code(&self) -> ErrorCode {
        match self {
            DecodeError::Empty => ErrorCode::EmptyDocument,
            DecodeError::UnknownFormat(_) => ErrorCode::UnknownFormat,
            DecodeError::NoMainContent { .. } => ErrorCode::NoMainContent,
            DecodeError::Pdf(e) => e.code(),
            DecodeError::Ocr(e) => e.code(),
            DecodeError::Office(e) => e.code(),
        }
    }
}

/// Tells HTML, PDF and text apart by content; a `Content-Type` only breaks
/// ties the content leaves open.
pub fn sniff(bytes: &[u8], content_type: Option<&str>) -> Result<MediaType, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    // Zip and OLE2 containers by their magic and their parts' names.
    if let Some(media) = office::sniff(bytes)? {
        return Ok(media);
    }
    let head = &bytes[..bytes.len().min(1024)];
    // PDF: `%PDF-` at the start, or after junk (the spec allows it in the
    // first 1024 bytes, and servers prepend BOMs or whitespace) but never
    // after text: a web page or text that mentions `%PDF-1.7` is no PDF.
    if let Some(at) = memchr::memmem::find(head, b"%PDF-") {
        let junk = &head[..at];
        let junk = junk.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(junk);
        if junk.iter().all(|&b| b.is_ascii_whitespace() || b == 0) || looks_binary(junk) {
            return Ok(MediaType::Pdf);
        }
    }
    if let Some(format) = ocr::ImageFormat::sniff(bytes) {
        return Ok(MediaType::Image(format));
    }
    // Markup anywhere in the first 16 KiB: fragments and templates may
    // start with front matter or a long `<style>` block before any `<p>`.
    let window = &bytes[..bytes.len().min(16 * 1024)];
    // Tags only a page has: one of them makes the bytes HTML.
    const DOCUMENT: &[&[u8]] = &[
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<title",
        b"<script",
        b"<style",
    ];
    // Tags a fragment has, and markdown too (inline HTML: a `<br>` in a
    // table cell): HTML unless the markdown marks outnumber them.
    const INLINE: &[&[u8]] = &[
        b"<p>",
        b"<p ",
        b"<div",
        b"<table",
        b"<span",
        b"<br",
        b"<h1",
        b"<h2",
        b"<h3",
        b"<article",
        b"<section",
        b"<strong",
        b"<a href",
    ];
    let at_tag = |tail: &[u8], tags: &[&[u8]]| {
        tags.iter()
            .any(|m| tail.len() >= m.len() && tail[..m.len()].eq_ignore_ascii_case(m))
    };
    // Only where a `<` is: a text dump has few, so this is one memchr pass.
    let mut inline = 0;
    for at in memchr::memchr_iter(b'<', window) {
        let tail = &window[at..];
        if at_tag(tail, DOCUMENT) {
            return Ok(MediaType::Html);
        }
        inline += usize::from(at_tag(tail, INLINE));
    }
    if inline > 0 && !markdown::outweighs_markup(&String::from_utf8_lossy(window), inline) {
        return Ok(MediaType::Html);
    }
    if looks_binary(head) {
        return Err(DecodeError::UnknownFormat(
            bytes[..bytes.len().min(4)].to_vec(),
        ));
    }
    if content_type.is_some_and(|ct| ct.to_ascii_lowercase().contains("html")) {
        return Ok(MediaType::Html);
    }
    Ok(MediaType::Text)
}

/// Control bytes other than whitespace mean a binary format (GBK and UTF-8
/// text never contain them).
fn looks_binary(head: &[u8]) -> bool {
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    control * 20 > head.len().max(1) || head.contains(&0)
}

/// Decodes a document into paragraphs of main text.
///
/// # Errors
/// A [`DecodeError`] naming what was wrong with the bytes.
pub fn decode(raw: &RawDocument, opts: &DecodeOptions) -> Result<Parsed<Text>, DecodeError> {
    use ocr::{OcrMode, Reason};
    // UTF-16 and UTF-32 (with a byte-order mark) are full of NUL bytes:
    // read as UTF-8 first, then sniffed and decoded as such.
    let wide = charset::decode_wide(&raw.bytes);
    let (bytes, content_type) = match &wide {
        Some((text, ..)) => {
            let html = raw
                .content_type
                .as_deref()
                .is_some_and(|ct| ct.to_ascii_lowercase().contains("html"));
            let ct = if html { "text/html" } else { "text/plain" };
            (text.as_bytes(), Some(format!("{ct}; charset=utf-8")))
        }
        None => (raw.bytes.as_slice(), raw.content_type.clone()),
    };
    let content_type = content_type.as_deref();
    let media = sniff(bytes, content_type)?;
    let mut parsed = match media {
        MediaType::Html => html::decode_html(bytes, content_type)?,
        MediaType::Text => text::decode_text(bytes, content_type)?,
        MediaType::Pdf if opts.ocr.mode == OcrMode::Force => {
            ocr::ocr_pdf(&raw.bytes, Reason::Forced, &opts.ocr)?
        }
        MediaType::Pdf => match pdf::decode_pdf(&raw.bytes, &opts.pdf) {
            // No usable text layer: a scan, or glyphs without a Unicode map.
            Err(DecodeError::Pdf(e)) if opts.ocr.mode == OcrMode::Auto && e.wants_ocr() => {
                let reason = match e {
                    pdf::PdfError::NoTextLayer { .. } => Reason::NoTextLayer,
                    _ => Reason::UnreadableText,
                };
                ocr::ocr_pdf(&raw.bytes, reason, &opts.ocr)?
            }
            other => other?,
        },
        MediaType::Image(format) => {
            if opts.ocr.mode == OcrMode::Off {
                return Err(ocr::OcrError::Off {
                    what: format!("an image ({})", format.as_mime()),
                }
                .into());
            }
            ocr::ocr_image(&raw.bytes, format, &opts.ocr)?
        }
        office => office::decode(office, &raw.bytes, &opts.office)?,
    };
    if let Some((_, encoding, bad)) = wide {
        parsed.value.encoding = Some(encoding.to_string());
        parsed.value.encoding_source = "bom".to_string();
        for w in &mut parsed.warnings {
            if w.is(WarningCode::LossyDecode) {
                *w = text::lossy_warning(encoding, bad);
            }
        }
    }
    resolve_links(&mut parsed.value.attachments, &raw.uri);
    if let Some((w, dropped)) = drop_repeated_body(&mut parsed.value.paragraphs) {
        if let Some(conf) = parsed.value.confidence.as_mut() {
            conf.drain(dropped.clone());
        }
        parsed.value.layout.remove(dropped);
        parsed.warnings.push(w);
    }
    parsed.value.one_line_each();
    let toc = toc::drop_tables_of_contents(&mut parsed.value);
    parsed.warnings.extend(toc);
    Ok(parsed)
}

impl Text {
    /// Makes every paragraph one line, the one place that guarantees it:
    /// a backend may hand over a paragraph holding a line break (a sheet
    /// cell's `Alt+Enter`, a page's text node whose newline survives
    /// [`collapse_space`], a `w:t` holding one), and the stages after
    /// decode read the joined text's lines as the paragraphs
    /// (`model::Paragraphs`). Each such paragraph becomes its lines
    /// (trimmed, empty ones dropped) and every index into the paragraphs
    /// (tables, their rows, rules, OCR confidences) follows: left as they
    /// were, the tables after it would point one line early per break, and
    /// a task table's figures would land in the clause before their own.
    pub(crate) fn one_line_each(&mut self) {
        if !self.paragraphs.iter().any(|p| p.contains('\n')) {
            return;
        }
        let old = std::mem::take(&mut self.paragraphs);
        let mut conf = self.confidence.take();
        let mut new_conf: Option<Vec<Vec<f32>>> = conf.as_ref().map(|_| Vec::new());
        // `starts[i]`: the first line of old paragraph `i`; one more entry
        // for the end.
        let mut starts = Vec::with_capacity(old.len() + 1);
        for (i, p) in old.into_iter().enumerate() {
            starts.push(self.paragraphs.len());
            let mut c = conf
                .as_mut()
                .and_then(|c| c.get_mut(i))
                .map(std::mem::take)
                .unwrap_or_default()
                .into_iter();
            if !p.contains('\n') {
                if let Some(nc) = new_conf.as_mut() {
                    nc.push(c.collect());
                }
                self.paragraphs.push(p);
                continue;
            }
            let before = self.paragraphs.len();
            for line in p.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
                if let Some(nc) = new_conf.as_mut() {
                    nc.push(c.by_ref().take(count_non_space(line)).collect());
                }
                self.paragraphs.push(line.to_string());
            }
            // Only white space: still a paragraph, so no row is left
            // without one.
            if self.paragraphs.len() == before {
                if let Some(nc) = new_conf.as_mut() {
                    nc.push(Vec::new());
                }
                self.paragraphs.push(String::new());
            }
        }
        starts.push(self.paragraphs.len());
        self.confidence = new_conf;
        self.layout.follow_lines(&starts);
    }
}

/// Makes relative link targets absolute when the document came from a URL
/// (a nightly job fetches them next); a file path leaves them as written.
fn resolve_links(links: &mut [Link], uri: &str) {
    let Ok(base) = url::Url::parse(uri) else {
        return;
    };
    if !matches!(base.scheme(), "http" | "https") {
        return;
    }
    for l in links {
        if let Ok(u) = base.join(&l.url) {
            l.url = u.to_string();
        }
    }
}

impl Layout {
    /// Follows the removal of paragraphs `dropped`: tables inside it go,
    /// later indices shift down.
    pub fn remove(&mut self, dropped: std::ops::Range<usize>) {
        let len = dropped.len();
        let shift = |i: usize| if i >= dropped.end { i - len } else { i };
        self.tables
            .retain(|t| t.paragraphs.end <= dropped.start || t.paragraphs.start >= dropped.end);
        for t in &mut self.tables {
            t.paragraphs = shift(t.paragraphs.start)..shift(t.paragraphs.end);
        }
        self.rules.retain(|r| !dropped.contains(r));
        for r in &mut self.rules {
            *r = shift(*r);
        }
    }

    /// Follows paragraphs split into lines: `starts[i]` is the first line
    /// of old paragraph `i`, `starts[len]` the number of lines. A table's
    /// rows keep their lines: a row whose paragraph became several names
    /// them (`row_paragraphs`), so no later row shifts onto another's line.
    fn follow_lines(&mut self, starts: &[usize]) {
        let end = starts.last().copied().unwrap_or(0);
        let at = |i: usize| starts.get(i).copied().unwrap_or(end);
        for t in &mut self.tables {
            let (a, b) = (t.paragraphs.start, t.paragraphs.end);
            let base = at(a);
            if !t.row_paragraphs.is_empty() {
                for r in &mut t.row_paragraphs {
                    *r = at(a + r.start) - base..at(a + r.end) - base;
                }
            } else if t.rows.len() == b.saturating_sub(a) && at(b) - base != b - a {
                // Row `r` was paragraph `a + r`: it is its lines now.
                t.row_paragraphs = (a..b).map(|i| at(i) - base..at(i + 1) - base).collect();
            }
            t.paragraphs = base..at(b).max(base);
        }
        for r in &mut self.rules {
            *r = at(*r);
        }
    }

    /// Moves every index up by `n` (paragraphs inserted before the body).
    pub fn offset(&mut self, n: usize) {
        for t in &mut self.tables {
            t.paragraphs = t.paragraphs.start + n..t.paragraphs.end + n;
        }
        for r in &mut self.rules {
            *r += n;
        }
    }
}

/// Shortest run of repeated paragraphs taken for a repeated body rather than
/// two paragraphs that happen to say the same thing.
const REPEAT_MIN_PARAGRAPHS: usize = 4;
/// ... and the run must hold at least this many characters.
const REPEAT_MIN_CHARS: usize = 200;

/// Removes a second copy of a run of paragraphs (a page template's print
/// block, a text dump that shows the body twice). Keeps the first copy.
/// Returns a warning saying what was dropped, and the dropped range.
///
/// The copy is the longest run of paragraphs that occurs twice without
/// overlapping, starting at a paragraph of 10 characters or more. It is
/// found in O(n log n) for n paragraphs: each paragraph becomes a number
/// (one hash lookup), and a binary search over the run's length asks, for
/// each length, whether some window of that many numbers repeats (rolling
/// hashes, every match checked). Comparing every pair of equal paragraphs
/// was quadratic: 160,000 lines took 30 s.
pub fn drop_repeated_body(
    paragraphs: &mut Vec<String>,
) -> Option<(Warning, std::ops::Range<usize>)> {
    use std::collections::HashMap;
    let mut numbers: HashMap<&str, u64> = HashMap::new();
    let ids: Vec<u64> = paragraphs
        .iter()
        .map(|p| {
            let next = numbers.len() as u64 + 1;
            *numbers.entry(p.as_str()).or_insert(next)
        })
        .collect();
    let long: Vec<bool> = paragraphs
        .iter()
        .map(|p| p.chars().nth(9).is_some())
        .collect();
    drop(numbers);
    let (mut lo, mut hi) = (0, ids.len() / 2);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if repeated_window(&ids, &long, mid).is_some() {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let len = lo;
    if len < REPEAT_MIN_PARAGRAPHS {
        return None;
    }
    let (i, j) = repeated_window(&ids, &long, len)?;
    let chars: usize = paragraphs[j..j + len]
        .iter()
        .map(|p| p.chars().count())
        .sum();
    if chars < REPEAT_MIN_CHARS {
        return None;
    }
    paragraphs.drain(j..j + len);
    Some((
        Warning::new(
            WarningCode::RepeatedBodyDropped,
            format!(
                "paragraphs {}..{} repeat paragraphs {}..{} ({} characters); the second copy was dropped",
                j + 1,
                j + len,
                i + 1,
                i + len,
                chars
            ),
        ),
        j..j + len,
    ))
}

/// The first window of `len` numbers in `ids` starting where `long` is
/// true that occurs again later without overlapping itself: (first start,
/// second start). Linear: a rolling hash modulo the prime 2^61 - 1, each
/// hash match compared in full (a collision is skipped, never taken).
fn repeated_window(ids: &[u64], long: &[bool], len: usize) -> Option<(usize, usize)> {
    const P: u64 = (1 << 61) - 1;
    const BASE: u64 = 0x1F3D_5B79_A2C4_E681 % P;
    let mul = |a: u64, b: u64| ((u128::from(a) * u128::from(b)) % u128::from(P)) as u64;
    if len == 0 || 2 * len > ids.len() {
        return None;
    }
    let mut top = 1; // BASE^(len - 1)
    for _ in 1..len {
        top = mul(top, BASE);
    }
    let mut first: std::collections::HashMap<u64, usize, SpreadHash> =
        std::collections::HashMap::with_capacity_and_hasher(ids.len() - len + 1, SpreadHash);
    let mut h = 0;
    for k in 0..ids.len() {
        if k >= len {
            h = (h + P - mul(ids[k - len] % P, top)) % P;
        }
        h = (mul(h, BASE) + ids[k] % P) % P;
        if k + 1 < len {
            continue;
        }
        let s = k + 1 - len;
        if !long[s] {
            continue;
        }
        match first.get(&h) {
            Some(&i) if i + len <= s && ids[i..i + len] == ids[s..s + len] => return Some((i, s)),
            Some(_) => {}
            None => {
                first.insert(h, s);
            }
        }
    }
    None
}

/// Hashes a key that is already a hash (a rolling hash below 2^61) by one
/// multiplication, spreading it over all 64 bits: SipHash, the default,
/// was most of the time of [`repeated_window`]. Also for the sets and maps
/// of a parsed page's node ids (one entry per element): those are numbered
/// by the parser, so no page can choose keys that collide. Never for keys a
/// document writes (tag names, text): SipHash keeps those from colliding.
#[derive(Clone, Copy, Default)]
pub(crate) struct SpreadHash;

impl std::hash::BuildHasher for SpreadHash {
    type Hasher = Spread;
    fn build_hasher(&self) -> Spread {
        Spread(0)
    }
}

pub(crate) struct Spread(u64);

impl std::hash::Hasher for Spread {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_usize(&mut self, v: usize) {
        self.0 = (self.0.rotate_left(8) ^ v as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Splits text into trimmed, non-empty paragraphs, one per line, with runs
/// of white space inside a line collapsed to one space.
pub fn paragraphs_from_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(collapse_space)
        .filter(|l| !l.is_empty())
        .collect()
}

/// Trims and collapses runs of white space (U+00A0 and U+3000 included) to a
/// single space, keeping which white space char came first.
pub fn collapse_space(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    // The first white-space character of the run being read (bytes).
    let mut pending: Option<(usize, usize)> = None;
    // Where the run of other characters being read started: a run is
    // copied whole when white space ends it (every line of every page
    // passes here). Bytes, not chars: only a few lead bytes can start white
    // space, so the text of a run is skipped a byte at a time without
    // decoding it (decoding each char was a tenth of decoding a page).
    let mut word: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        let w = space_len(b, i);
        if w > 0 {
            if let Some(start) = word.take() {
                out.push_str(&s[start..i]);
            }
            if pending.is_none() {
                pending = Some((i, i + w));
            }
            i += w;
        } else {
            if word.is_none() {
                if let Some((from, to)) = pending.take() {
                    if !out.is_empty() {
                        out.push_str(&s[from..to]);
                    }
                }
                word = Some(i);
            }
            i += 1;
            while i < b.len() && !MAY_START_SPACE[b[i] as usize] {
                i += 1;
            }
        }
    }
    if let Some(start) = word {
        out.push_str(&s[start..]);
    }
    out
}

/// Bytes that may start a white-space character (`char::is_whitespace`):
/// the ASCII ones and the lead bytes of U+0085, U+00A0, U+1680,
/// U+2000..U+205F and U+3000.
const MAY_START_SPACE: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let lead: [u8; 10] = [
        b'\t', b'\n', 0x0B, 0x0C, b'\r', b' ', 0xC2, 0xE1, 0xE2, 0xE3,
    ];
    while k < lead.len() {
        t[lead[k] as usize] = true;
        k += 1;
    }
    t
};

/// The length in bytes of the white-space character (`char::is_whitespace`)
/// starting at `b[i]`, or 0 when another character (or the middle of one)
/// is there. Read on the bytes: every character of every page is asked.
#[inline(always)]
fn space_len(b: &[u8], i: usize) -> usize {
    let c = b[i];
    if !MAY_START_SPACE[c as usize] {
        return 0;
    }
    match c {
        0xC2 => match b.get(i + 1) {
            Some(0x85 | 0xA0) => 2,
            _ => 0,
        },
        0xE1 => match b.get(i + 1..i + 3) {
            Some([0x9A, 0x80]) => 3,
            _ => 0,
        },
        0xE2 => match b.get(i + 1..i + 3) {
            Some([0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF] | [0x81, 0x9F]) => 3,
            _ => 0,
        },
        0xE3 => match b.get(i + 1..i + 3) {
            Some([0x80, 0x80]) => 3,
            _ => 0,
        },
        _ => 1,
    }
}

/// The characters of `s` that are not white space
/// (`s.chars().filter(|c| !c.is_whitespace()).count()`, on the bytes).
pub(crate) fn count_non_space(s: &str) -> usize {
    let b = s.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] & 0xC0 == 0x80 {
            // Inside a character.
            i += 1;
            continue;
        }
        if !MAY_START_SPACE[b[i] as usize] {
            n += 1;
            i += 1;
            continue;
        }
        match space_len(b, i) {
            0 => {
                n += 1;
                i += 1;
            }
            w => i += w,
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_with_inline_tags_is_not_html() {
        // A crawler's markdown keeps a table cell's `<br>`: still text.
        let md = "---\ntitle: 某方案\n---\n\n**一、总体要求**\n\n| 专栏1<br>• 工程一<br>• 工程二 |\n| --- |\n\n[首页](https://a.gov.cn/)\n\n**（一）指导思想。** 内容。\n";
        assert_eq!(sniff(md.as_bytes(), None).unwrap(), MediaType::Text);
        // A fragment whose tags outnumber its marks stays HTML, and a page's
        // own tags make it HTML whatever else it holds.
        let fragment = "<p>一、总体要求</p><p>**重点**任务</p><p>二、保障</p>";
        assert_eq!(sniff(fragment.as_bytes(), None).unwrap(), MediaType::Html);
        let page = "**一、总体要求**\n**二、保障**\n<html><body>正文</body></html>";
        assert_eq!(sniff(page.as_bytes(), None).unwrap(), MediaType::Html);
    }

    #[test]
    fn sniffs_by_content_not_name() {
        assert_eq!(sniff(b"%PDF-1.7\n", None).unwrap(), MediaType::Pdf);
        assert_eq!(
            sniff(b"\n<!DOCTYPE html><html>", None).unwrap(),
            MediaType::Html
        );
        assert_eq!(
            sniff("各街道:\n現將".as_bytes(), None).unwrap(),
            MediaType::Text
        );
        assert_eq!(sniff(b"", None), Err(DecodeError::Empty));
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n\0\0", None).unwrap(),
            MediaType::Image(ocr::ImageFormat::Png)
        );
        // A zip is read as an office package; a cut-short one says so.
        assert!(matches!(
            sniff(b"PK\x03\x04\0\0\x08\0", None),
            Err(DecodeError::Office(_))
        ));
        assert!(matches!(
            sniff(b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0", None),
            Err(DecodeError::UnknownFormat(_))
        ));
        // The magic counts at the start or after junk, never after text.
        assert_eq!(sniff(b"\r\n%PDF-1.4\n", None).unwrap(), MediaType::Pdf);
        assert_eq!(
            sniff(b"\x01\x02\x03\x04%PDF-1.4\n", None).unwrap(),
            MediaType::Pdf
        );
        assert_eq!(
            sniff(b"<html><body><p>Save as %PDF-1.7</p>", None).unwrap(),
            MediaType::Html
        );
        assert_eq!(
            sniff("附件格式：%PDF-1.7".as_bytes(), None).unwrap(),
            MediaType::Text
        );
    }

    #[test]
    fn the_longest_repeat_is_found_in_n_log_n() {
        // Every paragraph the same: the first half is the body, the second
        // its copy.
        let mut ps = vec![
            "同一行的文字，足夠長以免被當作短行忽略掉的內容。".to_string();
            1000
        ];
        let (_, dropped) = drop_repeated_body(&mut ps).unwrap();
        assert_eq!(dropped, 500..1000);
        assert_eq!(ps.len(), 500);
        // Two copies with a different paragraph between.
        let body: Vec<String> = (0..300)
            .map(|i| format!("第{i}段的文字，足夠長的內容"))
            .collect();
        let mut ps = body.clone();
        ps.push("分隔".into());
        ps.extend(body.iter().take(200).cloned());
        let (_, dropped) = drop_repeated_body(&mut ps).unwrap();
        assert_eq!(dropped, 301..501);
    }

    #[test]
    fn repeated_body_is_kept_once() {
        let body: Vec<String> = (0..6)
            .map(|i| format!("第{i}段的文字，足夠長以免被當作短行忽略掉的內容。").repeat(3))
            .collect();
        let mut ps = vec!["標題".to_string()];
        ps.extend(body.clone());
        ps.push("Produced By".into());
        ps.extend(body.clone());
        let w = drop_repeated_body(&mut ps);
        assert!(w.is_some());
        assert_eq!(ps.len(), 1 + 6 + 1);
    }

    #[test]
    fn a_paragraph_holding_line_breaks_becomes_its_lines_and_indices_follow() {
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let mut t = Text {
            paragraphs: [
                "标题",
                "1 甲 A、\nB",
                "2 乙 C",
                "段\n落",
                "3 丙 D\n E",
                "4 丁 F",
            ]
            .map(String::from)
            .to_vec(),
            layout: Layout {
                tables: vec![
                    // Rows one paragraph each.
                    TextTable {
                        paragraphs: 1..3,
                        rows: vec![row(&["1", "甲", "A、\nB"]), row(&["2", "乙", "C"])],
                        row_paragraphs: Vec::new(),
                    },
                    // Rows that already name their paragraphs.
                    TextTable {
                        paragraphs: 4..6,
                        rows: vec![row(&["3", "丙", "D E"]), row(&["4", "丁", "F"])],
                        row_paragraphs: vec![0..1, 1..2],
                    },
                ],
                rules: vec![3, 4],
            },
            confidence: Some(vec![
                vec![90.0; 2],
                vec![1.0, 2.0, 3.0, 4.0, 5.0],
                vec![90.0; 3],
                vec![7.0, 8.0],
                vec![90.0; 5],
                vec![90.0; 3],
            ]),
            ..Default::default()
        };
        let text = crate::model::Paragraphs::join(&t.paragraphs)
            .into_text()
            .replace("\n ", "\n");
        t.one_line_each();
        // The same text (lines trimmed), one line per paragraph.
        assert_eq!(crate::model::Paragraphs::join(&t.paragraphs).text(), text);
        assert!(t.paragraphs.iter().all(|p| !p.contains('\n')));
        assert_eq!(
            t.paragraphs,
            [
                "标题",
                "1 甲 A、",
                "B",
                "2 乙 C",
                "段",
                "落",
                "3 丙 D",
                "E",
                "4 丁 F"
            ]
        );
        let tables = &t.layout.tables;
        assert_eq!(tables[0].paragraphs, 1..4);
        assert_eq!(tables[0].row_paragraphs, [0..2, 2..3]);
        assert_eq!(tables[1].paragraphs, 6..9);
        assert_eq!(tables[1].row_paragraphs, [0..2, 2..3]);
        assert_eq!(t.layout.rules, [4, 6]);
        let conf = t.confidence.expect("kept");
        assert_eq!(conf.len(), t.paragraphs.len());
        assert_eq!(conf[1], [1.0, 2.0, 3.0, 4.0]);
        assert_eq!(conf[2], [5.0]);
        assert_eq!(
            (conf[4].as_slice(), conf[5].as_slice()),
            (&[7.0][..], &[8.0][..])
        );
    }

    #[test]
    fn collapses_space() {
        assert_eq!(collapse_space("  a \u{a0} b\t"), "a b");
        assert_eq!(
            collapse_space("\u{3000}一、 \u{a0}总体\n要求 "),
            "一、 总体\n要求"
        );
        assert_eq!(collapse_space("甲\u{a0} 乙"), "甲\u{a0}乙");
        assert_eq!(collapse_space(" \t "), "");
    }

    #[test]
    fn white_space_is_read_on_the_bytes_as_char_is_whitespace_says() {
        let all: String = (0..=0x10FFFF).filter_map(char::from_u32).collect();
        let b = all.as_bytes();
        for (i, c) in all.char_indices() {
            let want = if c.is_whitespace() { c.len_utf8() } else { 0 };
            assert_eq!(space_len(b, i), want, "{:X}", c as u32);
        }
        let s = "\u{3000}一、 \u{a0}总体\n要求\u{2029}x\u{205F}";
        assert_eq!(
            count_non_space(s),
            s.chars().filter(|c| !c.is_whitespace()).count()
        );
        assert_eq!(collapse_space("a\u{2028}\u{85}b\u{3000}"), "a\u{2028}b");
    }
}
