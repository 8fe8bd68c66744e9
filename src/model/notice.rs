//! One notice record: what the stages fill and `output` writes as JSON.
//!
//! These types are the output contract (`schemas/notice.schema.json`):
//! field names here are the JSON keys, and a change here is a schema
//! change. The stages build them (decode and structure their parts,
//! entities the figures, the pipeline the whole); `output` renders and
//! validates them and reads them back.
//!
//! The schema is generated from these types: their doc comments are its
//! descriptions and their `schemars` attributes its constraints
//! (`notice-extract schema` prints it; a test checks the committed copy).
//!
//! # Format
//!
//! All `span`s are `[start, end)` offsets in Unicode code points (not bytes)
//! into the record's `text`, so `text.chars().skip(start).take(end - start)`
//! is the spanned source text in any language.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::schema::{NullableString, NumberRef, RecordId, SpanDef, ENCODING_SOURCES, MIME_TYPES};
use super::{Amount, Percentage, PercentagePoint, Warning};

/// Version of the record format; see the README's "Schema versions".
pub const SCHEMA_VERSION: &str = "4.1.0";

/// A `[start, end)` range of code points into [`Notice::text`].
pub type Span = [usize; 2];

/// One Chinese government policy notice, extracted by notice-extract. Every
/// span is [start, end) in Unicode code points into `text`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Notice {
    /// Version of this schema the record follows (semver; see the README).
    #[schemars(extend("const" = SCHEMA_VERSION))]
    pub schema_version: String,
    /// Stable id of the source: a slug of its name and 12 hex digits of the
    /// SHA-256 of its URI. Safe as a file name.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]{0,80}$"))]
    pub id: String,
    pub source: Source,
    /// Since 2.2.0. For an attachment fetched from a page by `run`: the
    /// page's record id. Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "RecordId")]
    pub parent: Option<String>,
    /// Since 2.2.0. For a page one of whose fetched attachments is the
    /// notice's own original (same 文号, or same title and clause outline):
    /// that attachment's record id. Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "RecordId")]
    pub original: Option<String>,
    /// Since 2.2.0. For a page whose body is only links to its attachments:
    /// the record id of the original whose text, outline and figures this
    /// record carries (every span points into that text). Absent when the
    /// text is the page's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "RecordId")]
    pub text_from: Option<String>,
    /// The notice's own title, without list tags such as 【區級】.
    #[schemars(required, with = "NullableString")]
    pub title: Option<String>,
    /// Title of the policy text the notice issues, if any.
    #[schemars(required, with = "NullableString")]
    pub policy_title: Option<String>,
    /// 文號, e.g. 杭高新〔2025〕3號, as written.
    #[schemars(required, with = "NullableString")]
    pub doc_number: Option<String>,
    /// Signing bodies, in document order.
    #[schemars(inner(length(min = 1)))]
    pub issuers: Vec<String>,
    /// 主送 addressees, in document order.
    #[schemars(inner(length(min = 1)))]
    pub recipients: Vec<String>,
    /// Date of signature, YYYY-MM-DD.
    #[schemars(required, with = "NullableString", extend("format" = "date"))]
    pub signed_date: Option<String>,
    /// Publication time stated by the web page, its info bar or a
    /// publication line, ISO 8601 with +08:00; as precise as the source
    /// (YYYY-MM when it states only the month); null when the source states
    /// none (PDF, text without an info bar).
    #[schemars(
        required,
        with = "NullableString",
        regex(pattern = r"^\d{4}-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?\+08:00)?)?$")
    )]
    pub published_at: Option<String>,
    /// The outline's top level: headings 一、…, chapters 第一章….
    pub sections: Vec<Section>,
    /// The outline's next level: measures (一)…, articles 第一條…, numbered
    /// 1…N through the notice (a notice restarting (一) in each section
    /// still numbers its clauses through).
    pub clauses: Vec<Clause>,
    /// Tables of data in the text (an appended 指標表, a 任務分工表); never
    /// clauses.
    pub tables: Vec<Table>,
    /// Files the page links to from its body, in order.
    pub attachments: Vec<Attachment>,
    /// Sums of money.
    pub amounts: Vec<Amount>,
    /// Percentages and ratios: a value in percent (50% is 50).
    pub percentages: Vec<Percentage>,
    /// Since 3.0.0. Differences of percentages in percentage points
    /// (`提高3個百分點`), in text order: not percentages, and never in
    /// `percentages` (before 3.0.0 they were, with unit `point`).
    pub percentage_points: Vec<PercentagePoint>,
    /// The extracted main text, one paragraph per line; every span points
    /// into it.
    pub text: String,
    /// Doubts met while extracting; the record is still usable.
    pub warnings: Vec<Warning>,
}

/// Provenance of a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields, inline)]
pub struct Source {
    /// URL, or the file path as given.
    #[schemars(length(min = 1))]
    pub uri: String,
    /// What the bytes were read as (by content, not name): a web page, a
    /// PDF, text, a Word document (.docx; .doc or .wps since 4.1.0), a
    /// workbook (.xlsx, .xls), an OFD document (GB/T 33190), an image read
    /// by OCR.
    #[schemars(extend("enum" = MIME_TYPES))]
    pub media_type: String,
    /// SHA-256 of the raw bytes, lower-case hex.
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub sha256: String,
    /// Size of the raw bytes.
    pub bytes: u64,
    /// Character encoding the bytes were decoded from (`UTF-8`,
    /// `GB18030`…); null for PDF, office and OFD documents.
    #[schemars(required, with = "NullableString")]
    pub encoding: Option<String>,
    /// How the encoding was found; `container` when the document format
    /// fixes it (the XML parts of a .docx, .xlsx or OFD package, the
    /// records of an .xls); `ocr` for text read from images (scans, image
    /// files).
    #[schemars(extend("enum" = ENCODING_SOURCES))]
    pub encoding_source: String,
    /// Text backend that produced `text` (`html`, `text`, `pdf-extract`,
    /// …); `ocr` when it was read by Tesseract from page images.
    #[schemars(length(min = 1))]
    pub extractor: String,
}

/// A top-level heading `一、…`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields, rename = "section")]
pub struct Section {
    /// 1-based position among the sections.
    #[schemars(range(min = 1))]
    pub number: u32,
    /// The numeral as written (一).
    #[schemars(length(min = 1))]
    pub label: String,
    /// Heading text before any lead-unit parenthesis.
    pub title: String,
    /// Units from (由…牽頭實施) and its variants.
    #[schemars(inner(length(min = 1)))]
    pub lead_units: Vec<String>,
    /// From the heading to the start of the next section (or the closing
    /// text).
    #[schemars(with = "SpanDef")]
    pub span: Span,
}

/// A numbered measure `(一)`, `1.`, `第一條`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields, rename = "clause")]
pub struct Clause {
    /// 1…N in reading order through the notice, whatever the labels say.
    #[schemars(range(min = 1))]
    pub number: u32,
    /// The label as written, without brackets (一, 1, 第一條).
    #[schemars(length(min = 1))]
    pub label: String,
    /// Number of the enclosing section; null when the notice has none.
    #[schemars(with = "NumberRef", required)]
    pub section: Option<u32>,
    /// Text after the label up to the first 。 (or the end of the first
    /// paragraph).
    pub title: String,
    /// The whole clause, label and items included.
    pub text: String,
    /// Units its responsibility statements name, its items' included, in
    /// order of first appearance, each once.
    #[schemars(inner(length(min = 1)))]
    pub responsible_units: Vec<String>,
    /// The responsible units the notice says lead (牽頭,
    /// 列第一位者為牽頭單位).
    #[schemars(inner(length(min = 1)))]
    pub lead_units: Vec<String>,
    /// Numbered levels below the clause (1., (1), ①), in order.
    pub items: Vec<Item>,
    /// Position of `text` in the record's text.
    #[schemars(with = "SpanDef")]
    pub span: Span,
}

/// A numbered item below a clause: `1.` under `(一)`, `(一)` inside an
/// article, `①` under `1.`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields, rename = "item")]
pub struct Item {
    /// The label as written, without brackets.
    #[schemars(length(min = 1))]
    pub label: String,
    /// 1 for an item right under its clause, 2 under such an item, …
    #[schemars(range(min = 1))]
    pub level: u32,
    /// The item's text, label and deeper items included.
    pub text: String,
    /// Units its responsibility statements name, in order, each once.
    #[schemars(inner(length(min = 1)))]
    pub responsible_units: Vec<String>,
    /// The responsible units it says lead.
    #[schemars(inner(length(min = 1)))]
    pub lead_units: Vec<String>,
    /// Position of `text` in the record's text.
    #[schemars(with = "SpanDef")]
    pub span: Span,
}

/// A table of data in the text: its cells row by row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields, rename = "table")]
pub struct Table {
    /// Cells as written, row by row (header rows included).
    pub rows: Vec<Vec<String>>,
    /// Section holding it, null outside sections.
    #[schemars(with = "NumberRef", required)]
    pub section: Option<u32>,
    /// Clause holding it, null outside clauses.
    #[schemars(with = "NumberRef", required)]
    pub clause: Option<u32>,
    /// The text its rows became in the record's text.
    #[schemars(with = "SpanDef")]
    pub span: Span,
}

/// A file the page links to from its body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields, rename = "attachment")]
pub struct Attachment {
    /// The link's text: the attachment's title.
    pub text: String,
    /// Its URL, absolute when the page's own URL is known.
    #[schemars(length(min = 1))]
    pub url: String,
    /// Since 2.2.0. What the fetched attachment was read as (its record's
    /// source.media_type, by content). Absent when it was not fetched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", length(min = 1))]
    pub media_type: Option<String>,
    /// Since 2.2.0. The id of the attachment's own record (whose parent is
    /// this page), when `run --attachments fetch` fetched it and it has a
    /// record. Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "RecordId")]
    pub id: Option<String>,
}
