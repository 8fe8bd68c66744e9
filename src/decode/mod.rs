//! Decode: a [`RawDocument`]'s bytes become [`Text`], paragraphs of main text.
//!
//! The format is told from the content (`%PDF-`, markup, a zip's parts,
//! image signatures), not the file name; each format has a backend
//! producing the same [`Text`]: `html` (charset, main content), `text`
//! (charset, a dump of a page), `pdf` (its text layer), `office` (`.docx`,
//! `.xlsx`/`.xls`, `.ofd`) and `ocr` (scans and images, read by Tesseract). A body the
//! source repeats (a hidden print copy, a dump that shows it twice) is kept
//! once, here, so no later stage sees clauses twice.

pub mod bounded;
pub mod charset;
pub mod html;
pub mod markdown;
pub mod normalize;
pub mod ocr;
pub mod office;
pub mod pdf;
pub mod text;

use crate::fetch::RawDocument;
use crate::model::ErrorCode;
use crate::output::record::Warning;

/// A stage's value and the doubts met making it.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    pub value: T,
    pub warnings: Vec<Warning>,
}

/// Every `source.media_type` a record may have, in [`MediaType`]'s order:
/// the record schema's enum and `notices.csv`'s constraint list the same.
pub const MIME_TYPES: [&str; 10] = [
    "text/html",
    "application/pdf",
    "text/plain",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.ms-excel",
    "application/ofd",
    "image/png",
    "image/jpeg",
    "image/tiff",
];

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
    /// Paragraphs in reading order, trimmed, none empty.
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

/// Options of the decode stage.
#[derive(Debug, Clone, Default)]
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
    // PDF: `%PDF-` may follow some junk bytes (the spec allows it in the
    // first 1024 bytes, and servers prepend BOMs or whitespace).
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Ok(MediaType::Pdf);
    }
    if let Some(format) = ocr::ImageFormat::sniff(bytes) {
        return Ok(MediaType::Image(format));
    }
    // Markup anywhere in the first 16 KiB: fragments and templates may
    // start with front matter or a long `<style>` block before any `<p>`.
    let window = &bytes[..bytes.len().min(16 * 1024)];
    const MARKUP: &[&[u8]] = &[
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<p>",
        b"<p ",
        b"<div",
        b"<table",
        b"<span",
        b"<br",
        b"<h1",
        b"<h2",
        b"<h3",
        b"<title",
        b"<script",
        b"<style",
        b"<article",
        b"<section",
        b"<strong",
        b"<a href",
    ];
    // Only where a `<` is: a text dump has few, so this is one memchr pass.
    let is_markup = memchr::memchr_iter(b'<', window).any(|at| {
        let tail = &window[at..];
        MARKUP
            .iter()
            .any(|m| tail.len() >= m.len() && tail[..m.len()].eq_ignore_ascii_case(m))
    });
    if is_markup {
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
    let media = sniff(&raw.bytes, raw.content_type.as_deref())?;
    let mut parsed = match media {
        MediaType::Html => html::decode_html(&raw.bytes, raw.content_type.as_deref())?,
        MediaType::Text => text::decode_text(&raw.bytes, raw.content_type.as_deref())?,
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
    resolve_links(&mut parsed.value.attachments, &raw.uri);
    if let Some((w, dropped)) = drop_repeated_body(&mut parsed.value.paragraphs) {
        if let Some(conf) = parsed.value.confidence.as_mut() {
            conf.drain(dropped.clone());
        }
        parsed.value.layout.remove(dropped);
        parsed.warnings.push(w);
    }
    Ok(parsed)
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
pub fn drop_repeated_body(
    paragraphs: &mut Vec<String>,
) -> Option<(Warning, std::ops::Range<usize>)> {
    use std::collections::HashMap;
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    let mut best: Option<(usize, usize, usize)> = None; // (first, second, len)
    for (j, p) in paragraphs.iter().enumerate() {
        if p.chars().count() < 10 {
            continue;
        }
        if let Some(&i) = first_seen.get(p.as_str()) {
            let mut len = 0;
            while j + len < paragraphs.len()
                && i + len < j
                && paragraphs[i + len] == paragraphs[j + len]
            {
                len += 1;
            }
            if best.is_none_or(|b| len > b.2) {
                best = Some((i, j, len));
            }
        } else {
            first_seen.insert(p.as_str(), j);
        }
    }
    let (i, j, len) = best?;
    let chars: usize = paragraphs[j..j + len]
        .iter()
        .map(|p| p.chars().count())
        .sum();
    if len < REPEAT_MIN_PARAGRAPHS || chars < REPEAT_MIN_CHARS {
        return None;
    }
    paragraphs.drain(j..j + len);
    Some((
        Warning::new(
            "repeated_body_dropped",
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
    let mut out = String::with_capacity(s.len());
    let mut pending: Option<char> = None;
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{00A0}' {
            if pending.is_none() {
                pending = Some(c);
            }
        } else {
            if let Some(w) = pending.take() {
                if !out.is_empty() {
                    out.push(w);
                }
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn collapses_space() {
        assert_eq!(collapse_space("  a \u{a0} b\t"), "a b");
    }
}
