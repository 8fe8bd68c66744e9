//! [`DocError`]: why one document has no new record, whichever stage or
//! part of the runner it failed in. One taxonomy: the stages' typed errors
//! and the runner's own failures (panic, time-out, write) are its
//! [`DocErrorKind`]s, each naming one [`ErrorCode`], and the run report and
//! the stderr line are made from it alone.

use std::path::PathBuf;
use std::time::Duration;

use crate::decode::DecodeError;
use crate::fetch::FetchError;
use crate::model::{ErrorCode, Stage};
use crate::output::schema::SchemaError;

/// A document that failed: the context lives in fields, not in a formatted
/// string. Displays as the kind's message; the stage and the code are
/// fields and [`DocError::code`].
#[derive(Debug, thiserror::Error)]
#[error("{kind}")]
pub struct DocError {
    pub stage: Stage,
    pub kind: DocErrorKind,
}

/// What went wrong.
#[derive(Debug, thiserror::Error)]
pub enum DocErrorKind {
    #[error(transparent)]
    Fetch(FetchError),
    #[error(transparent)]
    Decode(DecodeError),
    #[error(transparent)]
    Schema(SchemaError),
    /// The record would be larger than [`crate::output::json::MAX_RECORD_BYTES`].
    #[error(
        "the record would take about {bytes} bytes, over the cap of {}",
        crate::output::json::MAX_RECORD_BYTES
    )]
    TooLargeRecord { bytes: usize },
    /// Refused before fetching: an earlier input has the same id.
    #[error("same id as the earlier input {first}")]
    Duplicate { first: String },
    #[error("extractor panicked: {0}")]
    Panic(String),
    #[error("extraction took over {} s", .0.as_secs_f64())]
    Timeout(Duration),
    #[error("cannot start the extraction thread: {0}")]
    Spawn(std::io::Error),
    /// The document's worker ran past its memory budget
    /// ([`crate::config::MemoryBudget`]) and was stopped.
    #[error(
        "extraction ran past its memory budget ({limit_mib} MiB for {input_bytes} bytes of input) \
         and was stopped"
    )]
    MemoryBudget { limit_mib: u64, input_bytes: u64 },
    /// The document's worker process could not be started or died without
    /// an answer (a crash: a bug).
    #[error("the extraction worker failed: {detail}")]
    Worker { detail: String },
    /// An error as the document's worker reported it: its code and message
    /// cross the process boundary, the typed error stays on the other side.
    #[error("{message}")]
    Reported { code: ErrorCode, message: String },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl DocError {
    pub fn new(stage: Stage, kind: DocErrorKind) -> Self {
        DocError { stage, kind }
    }

    /// Stable machine-readable name for reports.
    pub fn code(&self) -> ErrorCode {
        match &self.kind {
            DocErrorKind::Fetch(e) => e.code(),
            DocErrorKind::Decode(e) => e.code(),
            DocErrorKind::Schema(_) => ErrorCode::SchemaViolation,
            DocErrorKind::TooLargeRecord { .. } => ErrorCode::RecordTooLarge,
            DocErrorKind::Duplicate { .. } => ErrorCode::Duplicate,
            DocErrorKind::Panic(_) => ErrorCode::Panic,
            DocErrorKind::Timeout(_) => ErrorCode::ExtractTimeout,
            DocErrorKind::Spawn(_) => ErrorCode::ThreadSpawn,
            DocErrorKind::MemoryBudget { .. } => ErrorCode::MemoryBudget,
            DocErrorKind::Worker { .. } => ErrorCode::WorkerFailed,
            DocErrorKind::Reported { code, .. } => *code,
            DocErrorKind::Write { .. } => ErrorCode::WriteError,
        }
    }

    /// The stage that failed.
    pub fn stage(&self) -> Stage {
        self.stage
    }
}

impl From<FetchError> for DocError {
    fn from(e: FetchError) -> Self {
        DocError::new(Stage::Fetch, DocErrorKind::Fetch(e))
    }
}

impl From<DecodeError> for DocError {
    fn from(e: DecodeError) -> Self {
        DocError::new(Stage::Decode, DocErrorKind::Decode(e))
    }
}

impl From<SchemaError> for DocError {
    fn from(e: SchemaError) -> Self {
        DocError::new(Stage::Output, DocErrorKind::Schema(e))
    }
}

/// `text` made one printable line for stderr: control characters (a
/// newline in a file name, `ESC c` from a PDF's text in an error message)
/// are written as Rust escapes (`\n`, `\u{1b}`), everything else as is.
/// One stderr line per failed document is a contract: a log reader splits
/// on newlines, and a terminal must not be reset by a document.
///
/// ```
/// use notice_extract::error::one_line;
/// assert_eq!(one_line("a\nb\u{1b}c.html"), "a\\nb\\u{1b}c.html");
/// assert_eq!(one_line("通知.html"), "通知.html");
/// ```
pub fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}
