//! Office and OFD documents: `.docx`, `.doc`/`.wps`, `.xlsx`/`.xls`,
//! `.ofd`, and the OLE2 files (`.ppt`, Works, encrypted OOXML) that can
//! only be named.
//!
//! The format is told from the bytes, never the file name ([`sniff`]): a
//! zip holding `word/document.xml` is a Word document, one holding
//! `xl/workbook.xml` a workbook, one holding `OFD.xml` an OFD (GB/T 33190);
//! an OLE2 compound file (`D0 CF 11 E0`) is a workbook when it has a
//! `Workbook` stream, a Word 97–2003 document (`.doc`, WPS Writer's
//! `.wps`) when it has a `WordDocument` stream, an encrypted OOXML package
//! when it has an `EncryptedPackage` stream, and a format this tool does
//! not read otherwise.
//!
//! Each backend gives the same [`super::Text`] the web and PDF backends
//! give: `docx` (paragraphs, tables, list numbers as Word shows them),
//! `doc` (the same from the binary format's piece table; no list numbers),
//! `sheet` (each sheet a table; a task table's rows are read as tasks by
//! the structure stage), `ofd` (text objects in reading order).
//!
//! Packages from the web are hostile until read: every part is read in
//! memory through [`archive`]'s limits (entry count, per-part and total
//! inflated size, inflation ratio, no `../` or absolute names), and every
//! XML part through [`xml`]'s (no DTD, so no entity expansion; bounded
//! nesting). Each refusal is its own error code.

pub mod archive;
pub mod doc;
pub mod docx;
pub mod numbering;
pub mod ofd;
pub mod ole;
mod percent;
mod rels;
pub mod sheet;
pub mod xml;

use crate::model::ErrorCode;
use std::io::Cursor;

use super::MediaType;

/// Limits for office and OFD documents (all per document).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OfficeOptions {
    /// Most entries a package may list. Default 10,000: a Word document has
    /// ~20, a workbook one per sheet plus ~15, an OFD one per page plus
    /// fonts and images.
    pub max_entries: usize,
    /// Most bytes one part may inflate to. Default 64 MiB: the largest
    /// real part is a big sheet's XML, a few MiB.
    pub max_part_bytes: u64,
    /// Most bytes all parts together may inflate to. Default 256 MiB.
    pub max_total_bytes: u64,
    /// Largest inflated/compressed ratio of a part once it has inflated
    /// past [`RATIO_FLOOR_BYTES`]. Default 100, Apache POI's
    /// `ZipSecureFile` minimum inflate ratio (0.01): XML compresses 5–20×,
    /// a zip bomb 1,000× and more.
    pub max_ratio: u64,
    /// Deepest element nesting an XML part may have. Default 256: Word's
    /// deepest real nesting (a table in a table in a text box) is ~40.
    pub max_xml_depth: usize,
    /// Most non-empty cells a workbook may have. Default 1,000,000.
    pub max_cells: usize,
    /// Most cells (rows × used columns) the tables of a workbook may span,
    /// empty ones included. Default 4,000,000: a sheet with one cell at A1
    /// and one at XFD1048576 would otherwise be a 17-billion-cell grid.
    pub max_grid_cells: usize,
}

/// A part inflating to fewer bytes than this is never a bomb, whatever its
/// ratio (a kilobyte of spaces compresses 100×).
pub const RATIO_FLOOR_BYTES: u64 = 1024 * 1024;

impl Default for OfficeOptions {
    fn default() -> Self {
        OfficeOptions {
            max_entries: 10_000,
            max_part_bytes: 64 * 1024 * 1024,
            max_total_bytes: 256 * 1024 * 1024,
            max_ratio: 100,
            max_xml_depth: 256,
            max_cells: 1_000_000,
            max_grid_cells: 4_000_000,
        }
    }
}

/// Why an office or OFD document could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OfficeError {
    #[error("{format} is not a format this tool reads; convert it to .docx, .xlsx or PDF first")]
    Unsupported { format: String },
    #[error("{format} is encrypted (password-protected); save it without a password first")]
    Encrypted { format: String },
    #[error("the file is truncated ({detail})")]
    Truncated { detail: String },
    #[error("the file is malformed: {detail}")]
    Malformed { detail: String },
    #[error("the zip package lists {entries} entries, over the limit of {limit}")]
    TooManyEntries { entries: usize, limit: usize },
    #[error("the zip package has an entry named {name:?} (a path leaving the package); refused")]
    UnsafePath { name: String },
    #[error("part {name} inflates past {limit} bytes; refused")]
    PartTooLarge { name: String, limit: u64 },
    #[error("the package inflates past {limit} bytes in all; refused")]
    TooLarge { limit: u64 },
    #[error("part {name} inflates {ratio}× its compressed size (limit {limit}×): a zip bomb?")]
    Bomb {
        name: String,
        ratio: u64,
        limit: u64,
    },
    #[error("part {part} has no {what}")]
    MissingPart { part: String, what: String },
    #[error("XML part {part} declares a DTD (entities could expand without bound); refused")]
    XmlDoctype { part: String },
    #[error("XML part {part} nests elements deeper than {limit}; refused")]
    XmlTooDeep { part: String, limit: usize },
    #[error("XML part {part} is malformed: {detail}")]
    XmlMalformed { part: String, detail: String },
    #[error("the workbook has {cells} cells (rows × used columns) in its tables, over the limit of {limit}")]
    SheetTooLarge { cells: usize, limit: usize },
    #[error("the workbook cannot be read: {detail}")]
    Spreadsheet { detail: String },
    #[error("the {format} reader panicked: {detail}")]
    Panic { format: String, detail: String },
}

impl OfficeError {
    /// Stable machine-readable name for reports.
    pub fn code(&self) -> ErrorCode {
        match self {
            OfficeError::Unsupported { .. } => ErrorCode::UnsupportedFormat,
            OfficeError::Encrypted { .. } => ErrorCode::DocumentEncrypted,
            OfficeError::Truncated { .. } => ErrorCode::ArchiveTruncated,
            OfficeError::Malformed { .. } => ErrorCode::ArchiveMalformed,
            OfficeError::TooManyEntries { .. } => ErrorCode::ArchiveTooManyEntries,
            OfficeError::UnsafePath { .. } => ErrorCode::ArchiveUnsafePath,
            OfficeError::PartTooLarge { .. } => ErrorCode::ArchivePartTooLarge,
            OfficeError::TooLarge { .. } => ErrorCode::ArchiveTooLarge,
            OfficeError::Bomb { .. } => ErrorCode::ArchiveBomb,
            OfficeError::MissingPart { .. } => ErrorCode::OfficeMissingPart,
            OfficeError::XmlDoctype { .. } => ErrorCode::XmlDoctype,
            OfficeError::XmlTooDeep { .. } => ErrorCode::XmlTooDeep,
            OfficeError::XmlMalformed { .. } => ErrorCode::XmlMalformed,
            OfficeError::SheetTooLarge { .. } => ErrorCode::SheetTooLarge,
            OfficeError::Spreadsheet { .. } => ErrorCode::SpreadsheetMalformed,
            OfficeError::Panic { .. } => ErrorCode::OfficePanic,
        }
    }
}

/// The start of a zip local file header, and of an empty zip.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const ZIP_EMPTY: &[u8] = b"PK\x05\x06";
/// The OLE2 compound file signature.
pub const OLE2_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Tells the office and OFD formats apart by their content. `Ok(None)`:
/// not a zip or OLE2 file (HTML, PDF, text… are sniffed elsewhere).
///
/// # Errors
/// A zip that is no office or OFD package, an OLE2 file of a format not
/// read here (`unsupported_format`), an encrypted document, a truncated or
/// malformed container.
pub fn sniff(bytes: &[u8]) -> Result<Option<MediaType>, OfficeError> {
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(ZIP_EMPTY) {
        let zip = archive::open(bytes)?;
        let has = |name: &str| zip.index_for_name(name).is_some();
        return if has("word/document.xml") {
            Ok(Some(MediaType::Docx))
        } else if has("xl/workbook.xml") {
            Ok(Some(MediaType::Xlsx))
        } else if has("OFD.xml") {
            Ok(Some(MediaType::Ofd))
        } else if has("content.xml") && has("mimetype") {
            Err(OfficeError::Unsupported {
                format: "an OpenDocument file (.odt/.ods)".into(),
            })
        } else {
            Err(OfficeError::Unsupported {
                format: "a zip archive that is no Word, Excel or OFD document".into(),
            })
        };
    }
    if bytes.starts_with(OLE2_MAGIC) {
        return ole::classify(bytes).map(Some);
    }
    Ok(None)
}

/// Reads an office or OFD document of the sniffed kind.
///
/// # Errors
/// An [`OfficeError`] naming what was refused or broken.
pub fn decode(
    media: MediaType,
    bytes: &[u8],
    opts: &OfficeOptions,
) -> Result<super::Parsed<super::Text>, OfficeError> {
    let format = match media {
        MediaType::Docx => "docx",
        MediaType::Doc => "doc",
        MediaType::Xlsx => "xlsx",
        MediaType::Xls => "xls",
        MediaType::Ofd => "ofd",
        _ => unreachable!("office::decode is only called for office kinds"),
    };
    // The readers are ours and calamine's; neither should panic, but a
    // hostile file must not take the batch down if one does.
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match media {
        MediaType::Docx => docx::decode_docx(bytes, opts),
        MediaType::Doc => doc::decode_doc(bytes, opts),
        MediaType::Xlsx => sheet::decode_xlsx(bytes, opts),
        MediaType::Xls => sheet::decode_xls(bytes, opts),
        _ => ofd::decode_ofd(bytes, opts),
    }));
    match run {
        Ok(r) => r,
        Err(payload) => Err(OfficeError::Panic {
            format: format.into(),
            detail: payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into()),
        }),
    }
}

/// The bytes as a seekable reader, for the zip and OLE2 readers.
fn cursor(bytes: &[u8]) -> Cursor<&[u8]> {
    Cursor::new(bytes)
}
