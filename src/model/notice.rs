//! One notice record: what the stages fill and `output` writes as JSON.
//!
//! These types are the output contract (`schemas/notice.schema.json`):
//! field names here are the JSON keys, and a change here is a schema
//! change. The stages build them (decode and structure their parts,
//! entities the figures, the pipeline the whole); `output` renders and
//! validates them and reads them back.
//!
//! # Format
//!
//! All `span`s are `[start, end)` offsets in Unicode code points (not bytes)
//! into the record's `text`, so `text.chars().skip(start).take(end - start)`
//! is the spanned source text in any language.

use serde::{Deserialize, Serialize};

use super::{Amount, Percentage, Warning};

/// Version of the record format; see the README's "Schema versions".
pub const SCHEMA_VERSION: &str = "2.2.0";

/// A `[start, end)` range of code points into [`Notice::text`].
pub type Span = [usize; 2];

/// One extracted notice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notice {
    /// `SCHEMA_VERSION` of the schema this record follows.
    pub schema_version: String,
    /// Stable identifier derived from `source.uri`; safe as a file name.
    pub id: String,
    /// Where the record came from.
    pub source: Source,
    /// For an attachment fetched from a page by `run`: the page's record
    /// id. Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// For a page with an attachment that is the notice's own original
    /// (same 文號, or same title and clause outline): the attachment's
    /// record id. Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
    /// For a page whose body is only links to its attachments: the record
    /// id of the original its text, outline and figures were taken from
    /// (every `span` then points into that text). Absent when the text is
    /// the page's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_from: Option<String>,
    /// The notice's own title (the line ending in 通知), without list tags.
    pub title: Option<String>,
    /// Title of the policy text the notice issues, if any.
    pub policy_title: Option<String>,
    /// 文號, e.g. `杭高新〔2025〕3號`.
    pub doc_number: Option<String>,
    /// Signing bodies, in document order.
    pub issuers: Vec<String>,
    /// 主送 addressees, in document order.
    pub recipients: Vec<String>,
    /// Date of signature (成文日期), `YYYY-MM-DD`.
    pub signed_date: Option<String>,
    /// Publication time the page, its info bar or a publication line
    /// states, ISO 8601 with `+08:00`, as precise as the source (`2025-04`
    /// when it gives only the month); null when it states none.
    pub published_at: Option<String>,
    /// The outline's top level: headings `一、`…, chapters `第一章`….
    pub sections: Vec<Section>,
    /// The next level: measures `(一)`…, articles `第一條`…, numbered 1…N
    /// through the document.
    pub clauses: Vec<Clause>,
    /// Tables of data in the text (an appended 指標表), never clauses.
    pub tables: Vec<Table>,
    /// Files the page links to from its body (attachments).
    pub attachments: Vec<Attachment>,
    /// Sums of money.
    pub amounts: Vec<Amount>,
    /// Percentages, ratios and percentage points.
    pub percentages: Vec<Percentage>,
    /// The extracted main text every `span` points into.
    pub text: String,
    /// Doubts met while extracting; the record is still usable.
    pub warnings: Vec<Warning>,
}

/// Provenance of a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// URL, or the file path as it was given.
    pub uri: String,
    /// One of [`crate::decode::MIME_TYPES`]: `text/html`, `application/pdf`,
    /// `text/plain`, the .docx/.xlsx/.xls types, `application/ofd`, or
    /// `image/png`, `image/jpeg`, `image/tiff` (read by OCR).
    pub media_type: String,
    /// SHA-256 of the raw bytes, lower-case hex.
    pub sha256: String,
    /// Size of the raw bytes.
    pub bytes: u64,
    /// Character encoding the bytes were decoded from (`UTF-8`, `GB18030`…);
    /// null for PDF, office and OFD documents.
    pub encoding: Option<String>,
    /// How the encoding was found: `bom`, `http`, `meta`, `sniffed`, `pdf`,
    /// `container`; `ocr` for text read from images.
    pub encoding_source: String,
    /// Which text backend produced the text (`html`, `text`, `pdf-extract`,
    /// …, `ocr` for text read by Tesseract).
    pub extractor: String,
}

/// A top-level heading `一、…`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// 1-based position among the sections.
    pub number: u32,
    /// The numeral as written (`一`).
    pub label: String,
    /// Heading text before any lead-unit parenthesis.
    pub title: String,
    /// Units from `(由…牽頭實施)` and its variants.
    pub lead_units: Vec<String>,
    /// From the heading to the start of the next section (or the closing text).
    pub span: Span,
}

/// A numbered measure `(一)`, `1.`, `第一條`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Clause {
    /// 1…N in reading order through the whole notice, whatever the labels
    /// say (a notice restarting `(一)` in each section still numbers its
    /// clauses through).
    pub number: u32,
    /// The label as written, without brackets (`一`, `1`, `第一條`).
    pub label: String,
    /// `number` of the enclosing section; null when the notice has none.
    pub section: Option<u32>,
    /// Text after the label up to the first `。` (or the end of the first
    /// paragraph when that comes first).
    pub title: String,
    /// The whole clause text, label and items included.
    pub text: String,
    /// Units its responsibility statements name, its items' included, in
    /// order of first appearance, each once.
    pub responsible_units: Vec<String>,
    /// The responsible units the notice says lead (牽頭), same order.
    pub lead_units: Vec<String>,
    /// The numbered levels below the clause (`1.`, `(1)`, `①`), in order.
    pub items: Vec<Item>,
    /// Position of `text` in the record's text.
    pub span: Span,
}

/// A numbered item below a clause: `1.` under `(一)`, `(一)` inside an
/// article, `①` under `1.`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// The label as written, without brackets (`1`, `一`, `①`).
    pub label: String,
    /// 1 for an item right under its clause, 2 for one under such an item…
    pub level: u32,
    /// The item's text, label and deeper items included.
    pub text: String,
    /// Units its responsibility statements name, in order, each once.
    pub responsible_units: Vec<String>,
    /// The responsible units it says lead.
    pub lead_units: Vec<String>,
    /// Position of `text` in the record's text.
    pub span: Span,
}

/// A table of data in the text: its cells row by row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Cells as written, row by row (header rows included).
    pub rows: Vec<Vec<String>>,
    /// Section holding it, null outside sections.
    pub section: Option<u32>,
    /// Clause holding it, null outside clauses.
    pub clause: Option<u32>,
    /// The text its rows became in the record's text.
    pub span: Span,
}

/// A file the page links to from its body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// The link's text (`附件1：…方案.pdf`): the attachment's title.
    pub text: String,
    /// Its URL, absolute when the page's own URL is known.
    pub url: String,
    /// What the fetched bytes were read as (a `source.media_type`, by
    /// content). Absent when the attachment was not fetched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    /// The record id of the fetched attachment (its record has `parent`
    /// set to this page). Absent when it was not fetched or has no record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}
