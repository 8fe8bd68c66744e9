//! The doubts a stage can meet while still making a record: a [`Warning`]
//! whose `code` is a [`WarningCode`], carried beside a stage's value in
//! [`Parsed`].
//!
//! A few codes say text or figures were or may have been lost
//! ([`WarningCode::loses_content`]); a record carrying one is `partial` in
//! the run report. The others describe the source (a clause number gap, a
//! dropped duplicate body) and leave the record `success`.

use serde::{Deserialize, Serialize};

/// Stable machine-readable name of a warning (`warnings[].code` in a
/// record, `warnings.csv`, the run summary). To add one: a variant here
/// with a doc comment saying what was seen, and a line in the README's list
/// (a test checks it is there).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::Display,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum WarningCode {
    /// Bytes not valid in the detected charset became U+FFFD (wrong
    /// charset?): text may be lost.
    LossyDecode,
    /// Paragraphs of a Word 97–2003 document are numbered by Word's
    /// automatic list numbering, whose labels (`一、`, `（一）`) are not in
    /// its text and are not read: headings and clauses may lack them.
    ListLabelsMissing,
    /// A second copy of the body (a page template's print block, a dump
    /// showing it twice) was dropped.
    RepeatedBodyDropped,
    /// A table of contents (a `目录` heading, entries with dot leaders and
    /// page numbers) was removed from the body: its lines are not headings.
    TableOfContentsDropped,
    /// A hard-wrapped text dump (a PDF's `pdftotext` output) had its lines
    /// joined into paragraphs.
    TextRewrapped,
    /// A PDF backend failed and the next one gave the text.
    PdfBackendFallback,
    /// Some PDF pages are tables; their text is in content-stream order.
    PdfTablePages,
    /// Some PDF pages have no text layer (scanned pages?).
    PdfPagesWithoutText,
    /// No section and no clause was found: the page was likely not the
    /// notice itself (a list page, a frame), or its layout defeated us.
    NoStructure,
    /// The body is only links to attachments (the notice is in them); the
    /// message names them and the record's `attachments` lists them.
    AttachmentOnly,
    /// No title was found.
    NoTitle,
    /// The clause numbers skip a number.
    ClauseNumberGap,
    /// The text was read by OCR: why, the engine and models, the mean word
    /// confidence.
    Ocr,
    /// Lead or responsible units were read from doubtful OCR words (named
    /// per section or clause).
    OcrLowConfidenceUnits,
    /// OCR found no text on some pages.
    OcrPagesWithoutText,
    /// HTML tags nested past the depth limit, or attributes past the limit
    /// on one tag, were dropped before parsing; their text is kept.
    MarkupCapped,
    /// A numeral too large for a number (`一` and a thousand `亿`) was not
    /// made a figure; the text is kept.
    FigureOutOfRange,
    /// More figures than the limits (per sentence, per notice): the rest
    /// were not read, so figures are missing from the record.
    FiguresCapped,
    /// The page's attachment that is the notice's own original (`original`)
    /// says something else in its clauses, amounts or units: the message
    /// names the first difference. The original is authoritative.
    OriginalDiffers,
    /// Figures in the text above the notice's title (a repost's headline
    /// or an editor's lead-in) are the page's, not the notice's, and were
    /// not counted; the message names them. The text keeps them.
    FiguresBeforeTitle,
    /// Figures in a list of links the page shows with the notice (a
    /// `相关链接：` heading and the linked pages' titles under it) are other
    /// pages' headlines and were not counted; the message names them. The
    /// text keeps them.
    FiguresInPageLinks,
    /// An attachment link of a page given by URL was listed but not
    /// fetched: not http(s), not on the page's site, a private address, or
    /// past the per-page count limit (the message says which).
    AttachmentNotFollowed,
}

impl WarningCode {
    /// Whether the warning means text or figures were or may have been
    /// lost, which makes the record `partial` in the run report.
    pub fn loses_content(self) -> bool {
        matches!(
            self,
            WarningCode::LossyDecode
                | WarningCode::NoStructure
                | WarningCode::FiguresCapped
                | WarningCode::ListLabelsMissing
        )
    }
}

super::wire_name!(WarningCode);

/// A doubt met while extracting: the record is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields, rename = "warning")]
pub struct Warning {
    /// Stable machine-readable name (`clause_number_gap`, `no_title`…): a
    /// `WarningCode`'s wire string (the README lists them). A string, not
    /// an enum, so a record written by another version (a code added
    /// since) still reads.
    #[schemars(regex(pattern = r"^[a-z][a-z0-9_]*$"))]
    pub code: String,
    /// What was seen, for people.
    pub message: String,
}

impl Warning {
    pub fn new(code: WarningCode, message: impl Into<String>) -> Self {
        Warning {
            code: code.as_str().to_string(),
            message: message.into(),
        }
    }

    /// Whether this warning's code is `code`.
    pub fn is(&self, code: WarningCode) -> bool {
        code == self.code.as_str()
    }
}

/// A stage's value and the doubts met making it.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    pub value: T,
    pub warnings: Vec<Warning>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn only_lost_content_makes_a_record_partial() {
        let lossy: Vec<&str> = WarningCode::iter()
            .filter(|c| c.loses_content())
            .map(WarningCode::as_str)
            .collect();
        assert_eq!(
            lossy,
            [
                "lossy_decode",
                "list_labels_missing",
                "no_structure",
                "figures_capped"
            ]
        );
    }
}
