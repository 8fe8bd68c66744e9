//! Decode: a [`RawDocument`]'s bytes become [`Text`], paragraphs of main text.
//!
//! The format is told from the content (`%PDF-`, markup, a zip's parts,
//! image signatures), not the file name; each format has a backend
//! producing the same [`Text`]: `html` (charset, main content), `text`
//! (charset, a dump of a page), `pdf` (its text layer), `office` (`.docx`,
//! `.doc`, `.xlsx`/`.xls`, `.ofd`) and `ocr` (scans and images, read by Tesseract). A body the
//! source repeats (a hidden print copy, a dump that shows it twice) is kept
//! once, here (`repeated`), so no later stage sees clauses twice; every
//! paragraph is made one line (`lines`, which also holds the white-space
//! rules every backend uses); a table of contents (`toc`) is removed here
//! too, so its lines are never read as headings.

pub mod bounded;
mod cell_units;
pub mod charset;
mod columns;
mod figure_columns;
pub mod html;
mod lines;
pub mod markdown;
pub mod markup_limits;
pub mod normalize;
pub mod ocr;
pub mod office;
pub mod pdf;
pub mod repeated;
pub mod text;
pub mod toc;

pub use lines::{collapse_space, paragraphs_from_lines};
pub(crate) use lines::{count_non_space, non_space_limit};
pub use repeated::drop_repeated_body;
pub(crate) use repeated::SpreadHash;

use crate::fetch::RawDocument;
pub use crate::model::Parsed;
use crate::model::{ErrorCode, WarningCode};

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
    /// Word 97–2003 (`.doc`, and WPS Writer's `.wps`).
    Doc,
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
            MediaType::Doc => MIME_TYPES[7],
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
    /// The body the page's info bar names as its source (`来源：常州市工业
    /// 和信息化局`), as written: who wrote a page that signs nothing (a
    /// 解读).
    pub source: Option<String>,
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
    parsed.value.break_run_in_articles();
    parsed.value.one_line_each();
    parsed.value.join_split_figures();
    parsed.value.join_wrapped_unit_lists();
    let toc = toc::drop_tables_of_contents(&mut parsed.value);
    parsed.warnings.extend(toc);
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
        // Front matter and a markdown heading over a page's `<p>` lines: a
        // crawler's markdown, however many tags it kept. Front matter over
        // tags alone is a site generator's page source.
        let paras = "<p style=\"text-indent: 2em;\">正文。</p>\n".repeat(5);
        let kept = format!("---\ntitle: 某通知\n---\n\n# 某市关于某事的通知\n\n{paras}");
        assert_eq!(sniff(kept.as_bytes(), None).unwrap(), MediaType::Text);
        let source = format!("---\ntitle: 某通知\n---\n\n{paras}");
        assert_eq!(sniff(source.as_bytes(), None).unwrap(), MediaType::Html);
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
}
