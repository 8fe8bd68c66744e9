//! Why a document has no new record: the stage that failed and the code
//! naming the failure, as `report.json` and the one stderr line per failed
//! document state them.
//!
//! Every code a run can report is a variant of [`ErrorCode`]; the stages'
//! typed errors (`FetchError`, `DecodeError`, …) each name theirs, and
//! [`crate::DocError`] carries a stage error or a runner's own failure
//! (panic, time-out, write) together with its [`Stage`].

use serde::{Deserialize, Serialize};

/// The stage a document failed in.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::Display,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::EnumIter,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Stage {
    /// Reading the file, or the HTTP exchange and the cache; also an input
    /// refused before any (a duplicate id).
    Fetch,
    /// Bytes to text: format, charset, HTML main content, PDF text layer.
    Decode,
    /// The extraction as a whole, seen from the runner: it panicked, ran
    /// out of time, or could not be started.
    Extract,
    /// The record: schema check and writing it.
    Output,
}

/// Stable machine-readable name of a failure (`report.json` → `error.code`,
/// the stderr line, `extract`'s message). Adding a code is a minor change
/// of the report schema; renaming or removing one is a major change.
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
pub enum ErrorCode {
    // fetch
    /// The file could not be opened or read.
    IoError,
    /// The document is over `--max-bytes` (an HTTP body after decompression).
    TooLarge,
    /// Not a valid http(s) URL.
    BadUrl,
    /// The server did not answer in time, after the retries.
    HttpTimeout,
    /// No connection could be made, after the retries.
    HttpConnect,
    /// More redirects than allowed (a loop?).
    TooManyRedirects,
    /// A redirect to a scheme other than http(s), or (without
    /// `--allow-private`) to a private, loopback or link-local address.
    RedirectRefused,
    /// The server answered an error status (a 4xx; a 5xx or 429 after the
    /// retries).
    HttpStatus,
    /// The body broke off or could not be decoded, after the retries.
    BodyIncomplete,
    /// The HTTP client failed otherwise.
    HttpClient,
    /// `--offline` and no cached response for the URL.
    NotCached,
    /// The cached body is missing or damaged (rerun online).
    CacheCorrupt,
    /// The response could not be stored in the cache.
    CacheWrite,
    /// An earlier input has the same id (the document is `skipped`).
    Duplicate,
    // decode
    /// The document has no bytes.
    EmptyDocument,
    /// Neither HTML, PDF nor text (a binary file?).
    UnknownFormat,
    /// The page has no main text.
    NoMainContent,
    /// The PDF has no text layer (a scan?).
    PdfNoTextLayer,
    /// The PDF's text is not readable (fonts without a Unicode map).
    PdfUnreadableText,
    /// The PDF needs a user password.
    PdfEncrypted,
    /// The PDF is malformed or truncated.
    PdfMalformed,
    /// Parsing the PDF ran past its time limit.
    PdfTimeout,
    /// Parsing the PDF ran past its memory limit.
    PdfTooLarge,
    /// Every PDF backend panicked.
    PdfPanic,
    /// The PDF worker process died without an answer.
    PdfWorkerFailed,
    /// A PDF backend name that does not exist (a configuration error).
    PdfUnknownBackend,
    /// OCR is needed but a program or model is missing (the message names
    /// the Debian packages).
    OcrUnavailable,
    /// The document can only be read by OCR, which is off (`--ocr off`).
    OcrOff,
    /// OCR ran past its page or document time limit.
    OcrTimeout,
    /// OCR ran past its memory limit.
    OcrTooLarge,
    /// An OCR program failed.
    OcrFailed,
    /// OCR found no text (blank pages, or a picture?).
    OcrNoText,
    /// A format told apart but not read (`.ppt`, Word 6.0/95, Works `.wps`;
    /// the message names it).
    UnsupportedFormat,
    /// An office document (or an OFD) that needs a password.
    DocumentEncrypted,
    /// A zip package cut short.
    ArchiveTruncated,
    /// A zip package that is not a valid archive.
    ArchiveMalformed,
    /// A zip package with more entries than allowed.
    ArchiveTooManyEntries,
    /// A zip entry named outside the package (`../x`, an absolute path).
    ArchiveUnsafePath,
    /// One zip part inflates past its limit.
    ArchivePartTooLarge,
    /// The zip parts together inflate past the limit.
    ArchiveTooLarge,
    /// A zip part inflates far more than real documents do (a zip bomb).
    ArchiveBomb,
    /// A part the format requires is missing from the package.
    OfficeMissingPart,
    /// XML with a DTD (entity expansion is never done).
    XmlDoctype,
    /// XML nested past the limit.
    XmlTooDeep,
    /// XML that does not parse.
    XmlMalformed,
    /// A sheet spanning more cells than allowed.
    SheetTooLarge,
    /// A workbook the spreadsheet reader refuses.
    SpreadsheetMalformed,
    /// The office reader panicked (a bug: please report the document).
    OfficePanic,
    // extract
    /// The extraction panicked (a bug: please report the document).
    Panic,
    /// The extraction ran past `--extract-timeout`.
    ExtractTimeout,
    /// The extraction thread could not be started.
    ThreadSpawn,
    // output
    /// The record would not validate against `schemas/notice.schema.json`.
    SchemaViolation,
    /// The record would be larger than the cap (256 MiB of JSON).
    RecordTooLarge,
    /// The record could not be written.
    WriteError,
    // fetch (issue 13)
    /// The input is not a regular file (a directory, FIFO, socket or
    /// device): never opened for reading.
    NotAFile,
    /// The server's answer is not valid HTTP (a malformed status line or
    /// header): not retried.
    HttpProtocol,
    // extract (issue 13)
    /// The extraction ran past its memory budget (README, Limits).
    MemoryBudget,
    /// The extraction worker process could not be started or died without
    /// an answer (a crash: please report the document).
    WorkerFailed,
}

super::wire_name!(Stage);
super::wire_name!(ErrorCode);
/// The message of a caught panic (its payload, a `&str` or a `String`).
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}
