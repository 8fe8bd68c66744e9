//! PDF: the official original of a notice, read from its text layer.
//!
//! Bytes in, [`Text`] out (paragraphs as a web page would show them), or a
//! [`PdfError`] saying exactly why not: no text layer (a scan), text that is
//! not readable (fonts without a Unicode map), a user password, a broken
//! file, a parse that hangs or eats memory, backends that all panicked.
//!
//! The pieces:
//! - [`backend`]: two pure-Rust extractors behind [`backend::PdfBackend`],
//!   tried in [`PdfOptions::backends`] order; the next one is tried when one
//!   fails, panics or gives unreadable text ([`extract_pages`]);
//! - [`worker`]: runs [`extract_pages`] in a child process (the hidden
//!   `notice-extract pdf-worker` command, one kept per extraction thread)
//!   with a wall-time and a memory limit, so one pathological PDF cannot
//!   hang or exhaust a batch;
//! - [`quality`]: the readability measure;
//! - [`repair`]: lines → paragraphs (page numbers, layout gaps, wraps);
//! - [`grid`]: column-aligned tables (a 重点任务分工表), read apart from
//!   the prose by their columns and put back as one paragraph per row.
//!
//! A PDF has no `published_at`: `meta` stays empty.

pub mod backend;
mod grid;
pub mod quality;
pub mod repair;
pub mod worker;

use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{DecodeError, PageMeta, Parsed, Text};
use crate::model::{ErrorCode, Warning, WarningCode};
use backend::{backend_by_name, run_guarded, Page};

/// Options for PDF text extraction.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PdfOptions {
    /// Executable run as `<worker> pdf-worker --serve` to parse PDFs in a
    /// child process. Default `None`: parse in this process under
    /// `catch_unwind`, which survives panics but has **no protection against
    /// hangs or memory exhaustion**. The CLI sets it to its own executable.
    pub worker: Option<PathBuf>,
    /// Wall time allowed to the worker before it is killed. Default 30 s:
    /// the 22-page seed takes ~0.1 s; a notice needing more than a few
    /// seconds is pathological.
    pub timeout: Duration,
    /// Address-space limit of the worker (`RLIMIT_AS`), bytes. Default
    /// 2 GiB: the worker's whole address space for the 22-page seed fits
    /// in 40 MiB (it fails at 32 MiB); the limit is far above any real
    /// notice and far below what would starve a shared build machine.
    pub memory_limit_bytes: u64,
    /// Backend names in the order they are tried. Default
    /// `["oxidize-pdf", "pdf-extract"]`: on the fixture PDFs both give the
    /// same characters (100% common hanzi, no radicals, same order), but
    /// oxidize-pdf is 1.5–10× faster (binjiang 22 pp: 55 ms vs 528 ms,
    /// `cargo bench --bench pdf`) and reads the predefined CJK CMaps
    /// (GBK-EUC-H) on which pdf-extract panics.
    pub backends: Vec<String>,
    /// PDFs one worker process parses before it is replaced by a fresh one
    /// (each extraction thread keeps its worker: [`worker`]). Default 100:
    /// starting a worker costs about as much as parsing a 10-page notice,
    /// so a fresh one per 100 PDFs costs about 1% of the time, and no leak
    /// or heap grown by one large PDF outlives a hundred documents.
    pub worker_documents: usize,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            worker: None,
            timeout: Duration::from_secs(30),
            memory_limit_bytes: 2 * 1024 * 1024 * 1024,
            backends: vec!["oxidize-pdf".into(), "pdf-extract".into()],
            worker_documents: 100,
        }
    }
}

/// Why a PDF could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, Deserialize)]
pub enum PdfError {
    #[error(
        "PDF has no text layer ({pages} pages, no text); a scan? read it with OCR (--ocr auto, \
         needs Tesseract)"
    )]
    NoTextLayer { pages: usize },
    #[error(
        "PDF text is not readable ({backend}: only {percent}% of {letters} non-ASCII characters are common \
         hanzi); fonts without a Unicode map? run OCR on the rendered pages"
    )]
    UnreadableText {
        backend: String,
        percent: u32,
        letters: usize,
    },
    #[error(
        "PDF is encrypted with a user password; decrypt it first (qpdf --decrypt --password=...)"
    )]
    Encrypted,
    #[error("PDF is malformed or truncated: {detail}")]
    Malformed { detail: String },
    #[error("PDF parsing took longer than {seconds} s and was stopped")]
    Timeout { seconds: u64 },
    #[error("PDF parsing ran out of memory (limit {limit_mib} MiB) and was stopped")]
    TooLarge { limit_mib: u64 },
    #[error("every PDF backend panicked; last: {backend}: {detail}")]
    Panic { backend: String, detail: String },
    #[error("PDF worker process failed: {detail}")]
    Worker { detail: String },
    #[error("unknown PDF backend {0:?} (known: oxidize-pdf, pdf-extract)")]
    UnknownBackend(String),
}

impl PdfError {
    /// Whether the PDF has no usable text layer, so OCR may read it.
    pub fn wants_ocr(&self) -> bool {
        matches!(
            self,
            PdfError::NoTextLayer { .. } | PdfError::UnreadableText { .. }
        )
    }

    /// Stable machine-readable name for reports.
    pub fn code(&self) -> ErrorCode {
        match self {
            PdfError::NoTextLayer { .. } => ErrorCode::PdfNoTextLayer,
            PdfError::UnreadableText { .. } => ErrorCode::PdfUnreadableText,
            PdfError::Encrypted => ErrorCode::PdfEncrypted,
            PdfError::Malformed { .. } => ErrorCode::PdfMalformed,
            PdfError::Timeout { .. } => ErrorCode::PdfTimeout,
            PdfError::TooLarge { .. } => ErrorCode::PdfTooLarge,
            PdfError::Panic { .. } => ErrorCode::PdfPanic,
            PdfError::Worker { .. } => ErrorCode::PdfWorkerFailed,
            PdfError::UnknownBackend(_) => ErrorCode::PdfUnknownBackend,
        }
    }

    /// Which error to report when every backend failed: the one saying the
    /// most about the file (a password or a broken file is a fact about the
    /// file; a panic is a fact about a backend).
    fn rank(&self) -> u8 {
        match self {
            PdfError::Encrypted => 0,
            PdfError::Malformed { .. } => 1,
            // A backend that saw glyphs it could not map proves a text
            // layer, even if another backend returned nothing for them.
            PdfError::UnreadableText { .. } => 2,
            PdfError::NoTextLayer { .. } => 3,
            PdfError::Panic { .. } => 4,
            _ => 5,
        }
    }
}

/// Pages as one backend extracted them, and the backends that failed first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// Name of the backend whose pages these are.
    pub backend: String,
    pub pages: Vec<Page>,
    /// `(backend, error code)` of each backend tried before and failed.
    pub fallbacks: Vec<(String, String)>,
}

/// How many bytes at the end of a file must hold `startxref` or `%%EOF`:
/// a PDF is read from its end, and writers append nothing but a few bytes
/// of padding (servers sometimes add a newline or an HTML error tail).
const TAIL_BYTES: usize = 4096;

/// Runs the backends in order until one gives readable text.
///
/// Runs in the current process (the worker calls it too); every backend
/// call is under `catch_unwind`.
///
/// # Errors
/// The most telling of the backends' errors (see [`PdfError`]).
pub fn extract_pages(bytes: &[u8], backends: &[String]) -> Result<Extraction, PdfError> {
    // A truncated file: oxidize-pdf reads what is there and returns it as if
    // whole (crates.md §2), so check the end before any backend runs.
    let tail = &bytes[bytes.len().saturating_sub(TAIL_BYTES)..];
    let has = |needle: &[u8]| tail.windows(needle.len()).any(|w| w == needle);
    if !has(b"startxref") && !has(b"%%EOF") {
        return Err(PdfError::Malformed {
            detail: "no startxref or %%EOF at the end of the file (truncated download?)".into(),
        });
    }
    let mut errors: Vec<(String, PdfError)> = Vec::new();
    for name in backends {
        let backend =
            backend_by_name(name).ok_or_else(|| PdfError::UnknownBackend(name.clone()))?;
        let result = run_guarded(backend, bytes).and_then(|pages| {
            let stats = quality::text_stats(&pages);
            if stats.chars == 0 {
                Err(PdfError::NoTextLayer { pages: pages.len() })
            } else if stats.is_unreadable() {
                Err(PdfError::UnreadableText {
                    backend: name.clone(),
                    percent: (stats.common_share() * 100.0).round() as u32,
                    letters: stats.letters,
                })
            } else {
                Ok(pages)
            }
        });
        match result {
            Ok(pages) => {
                return Ok(Extraction {
                    backend: name.clone(),
                    pages,
                    fallbacks: errors
                        .into_iter()
                        .map(|(b, e)| (b, e.code().to_string()))
                        .collect(),
                })
            }
            Err(e) => {
                tracing::debug!(backend = %name, "PDF backend failed: {e}");
                errors.push((name.clone(), e));
            }
        }
    }
    Err(errors
        .into_iter()
        .map(|(_, e)| e)
        .min_by_key(PdfError::rank)
        .unwrap_or(PdfError::UnknownBackend(String::new())))
}

/// Extracts the text of a PDF as paragraphs.
///
/// # Errors
/// [`DecodeError::Pdf`] with the reason (see [`PdfError::code`]).
pub fn decode_pdf(bytes: &[u8], opts: &PdfOptions) -> Result<Parsed<Text>, DecodeError> {
    let extraction = match &opts.worker {
        Some(exe) => worker::extract_in_child(exe, bytes, opts)?,
        None => extract_pages(bytes, &opts.backends)?,
    };
    let mut warnings: Vec<Warning> = extraction
        .fallbacks
        .iter()
        .map(|(b, code)| {
            Warning::new(
                WarningCode::PdfBackendFallback,
                format!("{b} failed ({code}); text from {}", extraction.backend),
            )
        })
        .collect();
    // A table set in columns is read apart from the prose around it.
    let (pages, tables) = grid::cut_tables(&extraction.pages);
    let repaired = repair::paragraphs(&pages);
    warnings.extend(repaired.table_pages_warning(extraction.pages.len(), Some("content-stream")));
    let (paragraphs, tables) = super::columns::splice_tables(repaired.paragraphs, tables);
    if paragraphs.is_empty() {
        // Only page numbers or furniture: as good as no text.
        return Err(PdfError::NoTextLayer {
            pages: extraction.pages.len(),
        }
        .into());
    }
    let empty_pages = extraction
        .pages
        .iter()
        .filter(|p| p.lines.is_empty())
        .count();
    if empty_pages > 0 {
        warnings.push(Warning::new(
            WarningCode::PdfPagesWithoutText,
            format!(
                "{empty_pages} of {} pages have no text layer (scanned pages?)",
                extraction.pages.len()
            ),
        ));
    }
    Ok(Parsed {
        value: Text {
            media: super::MediaType::Pdf,
            paragraphs,
            encoding: None,
            encoding_source: "pdf".into(),
            extractor: extraction.backend,
            meta: PageMeta::default(),
            layout: super::Layout {
                tables,
                ..Default::default()
            },
            attachments: Vec::new(),
            confidence: None,
        },
        warnings,
    })
}
