//! OCR: scans (PDFs of page images) and image files read with Tesseract.
//!
//! Used when a PDF has no usable text layer (`--ocr auto`, the default),
//! for every PDF (`--ocr force`), and for PNG, JPEG and TIFF inputs. Each
//! page is rendered grey by `pdftoppm` ([`render`]) at every resolution of
//! [`OcrOptions::resolutions`] and recognised by `tesseract` with the
//! simplified and traditional Chinese models ([`tesseract`]); of the
//! readings of each line the most confident is kept. The lines (words with
//! boxes and confidences) then go through the PDF's repair: OCR fixes,
//! furniture, layout → paragraphs ([`crate::decode::pdf::repair`]).
//!
//! Bounded like the PDF worker: every program runs as a child process with
//! a memory limit and a time limit ([`crate::decode::bounded`]); a page has
//! [`OcrOptions::page_timeout`], the document
//! [`OcrOptions::document_timeout`]; pages run in parallel, as many at once
//! as the run's thread budget has free [`Slots`] and as fit in
//! [`OcrOptions::document_memory_bytes`].
//!
//! Honest about what it read: [`Text::confidence`] keeps, for each
//! character, the confidence of the word it was read in, so the pipeline
//! can flag figures read from doubtful words (`low_confidence`), and a
//! warning `ocr` gives the mean word confidence.
//!
//! # Files
//!
//! [`options`] holds what OCR runs with and picks the models for a
//! document's script; [`slots`] shares the run's programs and reads pages
//! in parallel; [`text`] turns recognised lines into [`Text`] with the
//! confidence of every character. [`render`] and [`tesseract`] run the
//! programs. This file reads a PDF or an image, in that order.

mod options;
pub mod render;
mod slots;
pub mod tesseract;
mod text;

use std::time::{Duration, Instant};

use super::{MediaType, Parsed, Text};
use crate::decode::bounded::Limits;
use crate::model::ErrorCode;
use slots::in_parallel;
use text::to_text;

pub use options::{OcrMode, OcrOptions};
pub use slots::Slots;
pub use text::{char_confidences, is_low};

/// Why OCR gave no text.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OcrError {
    #[error("OCR is not available: {detail}")]
    Unavailable { detail: String },
    #[error("{what} can only be read by OCR, which is off (--ocr off); use --ocr auto")]
    Off { what: String },
    #[error("OCR of page {page} took longer than {seconds:.0} s and was stopped")]
    PageTimeout { page: usize, seconds: f64 },
    #[error("OCR of the document took longer than {seconds:.0} s and was stopped")]
    DocumentTimeout { seconds: f64 },
    #[error("OCR of page {page} ran out of memory (limit {limit_mib} MiB) and was stopped")]
    TooLarge { page: usize, limit_mib: u64 },
    #[error("OCR failed on page {page}: {detail}")]
    Failed { page: usize, detail: String },
    #[error("OCR found no text on {pages} pages (blank pages, or a picture?)")]
    NoText { pages: usize },
}

impl OcrError {
    /// Stable machine-readable name for reports.
    pub fn code(&self) -> ErrorCode {
        match self {
            OcrError::Unavailable { .. } => ErrorCode::OcrUnavailable,
            OcrError::Off { .. } => ErrorCode::OcrOff,
            OcrError::PageTimeout { .. } | OcrError::DocumentTimeout { .. } => {
                ErrorCode::OcrTimeout
            }
            OcrError::TooLarge { .. } => ErrorCode::OcrTooLarge,
            OcrError::Failed { .. } => ErrorCode::OcrFailed,
            OcrError::NoText { .. } => ErrorCode::OcrNoText,
        }
    }
}

/// Image formats read by OCR, told apart by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
    Tiff,
}

impl ImageFormat {
    /// The format of `bytes`, if they are an image we read.
    pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ImageFormat::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(ImageFormat::Jpeg)
        } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
            Some(ImageFormat::Tiff)
        } else {
            None
        }
    }

    pub fn as_mime(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Tiff => "image/tiff",
        }
    }
}

/// Why OCR ran, for the `ocr` warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The PDF has no text layer.
    NoTextLayer,
    /// The PDF's text layer is not readable (fonts without a Unicode map).
    UnreadableText,
    /// `--ocr force`.
    Forced,
    /// An image file.
    Image,
}

impl Reason {
    fn describe(self) -> &'static str {
        match self {
            Reason::NoTextLayer => "the PDF has no text layer",
            Reason::UnreadableText => "the PDF's text layer is not readable",
            Reason::Forced => "OCR is forced (--ocr force)",
            Reason::Image => "the input is an image",
        }
    }
}

fn limits_until(deadline: Instant, memory_bytes: u64) -> Limits {
    Limits {
        timeout: deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(1)),
        memory_bytes,
    }
}

/// Reads a PDF's pages by OCR.
///
/// # Errors
/// An [`OcrError`]: OCR unavailable (names the Debian packages), a limit
/// reached, a program failing, or no text found.
pub fn ocr_pdf(bytes: &[u8], reason: Reason, opts: &OcrOptions) -> Result<Parsed<Text>, OcrError> {
    let start = Instant::now();
    let deadline = start + opts.document_timeout;
    let probe_limits = limits_until(
        (Instant::now() + Duration::from_secs(30)).min(deadline),
        opts.page_memory_bytes,
    );
    let installed = tesseract::probe(&opts.tesseract, &opts.all_languages())?;
    let pages = render::page_count(&opts.renderer, bytes, &probe_limits)?;
    // The script, from readings of page 1 with each script's model.
    let first_dpi = opts.resolutions.first().copied().unwrap_or(216);
    let first = {
        let _slot = opts
            .slots
            .acquire(deadline)
            .ok_or_else(|| doc_timeout(opts))?;
        let limits = limits_until(
            (Instant::now() + opts.page_timeout).min(deadline),
            opts.page_memory_bytes,
        );
        let image = render::render_page(&opts.renderer, bytes, 1, first_dpi, &limits)?;
        let mut readings = Vec::new();
        for lang in &opts.languages {
            let limits = limits_until(
                (Instant::now() + opts.page_timeout).min(deadline),
                opts.page_memory_bytes,
            );
            let lines = tesseract::recognise(
                &opts.tesseract,
                image.clone(),
                std::slice::from_ref(lang),
                Some(first_dpi),
                &limits,
                1,
            )?;
            readings.push(lines.into_iter().next().unwrap_or_default());
        }
        readings
    };
    let languages = opts.models_for(&first);
    let read = in_parallel(pages, deadline, opts, |page, page_deadline| {
        let mut readings = Vec::with_capacity(opts.resolutions.len());
        for &dpi in &opts.resolutions {
            let limits = limits_until(page_deadline, opts.page_memory_bytes);
            let image = render::render_page(&opts.renderer, bytes, page, dpi, &limits)?;
            let limits = limits_until(page_deadline, opts.page_memory_bytes);
            let mut lines =
                tesseract::recognise(&opts.tesseract, image, languages, Some(dpi), &limits, page)?;
            readings.push(if lines.is_empty() {
                Vec::new()
            } else {
                lines.swap_remove(0)
            });
        }
        Ok(tesseract::best_lines(readings))
    })?;
    let dpis: Vec<String> = opts.resolutions.iter().map(u32::to_string).collect();
    let how = format!(
        "{}, {}, {} dpi",
        installed.version,
        languages.join("+"),
        dpis.join("/")
    );
    to_text(read, MediaType::Pdf, reason, &how, opts)
}

/// Reads an image file (PNG, JPEG, TIFF, several pages in a TIFF) by OCR,
/// at its own resolution.
///
/// # Errors
/// As [`ocr_pdf`].
pub fn ocr_image(
    bytes: &[u8],
    format: ImageFormat,
    opts: &OcrOptions,
) -> Result<Parsed<Text>, OcrError> {
    let deadline = Instant::now() + opts.document_timeout;
    let installed = tesseract::probe(&opts.tesseract, &opts.all_languages())?;
    let _slot = opts
        .slots
        .acquire(deadline)
        .ok_or_else(|| doc_timeout(opts))?;
    let read = |languages: &[String]| {
        let limits = limits_until(
            (Instant::now() + opts.page_timeout).min(deadline),
            opts.page_memory_bytes,
        );
        tesseract::recognise(&opts.tesseract, bytes.to_vec(), languages, None, &limits, 1)
    };
    let mut first = Vec::new();
    for lang in &opts.languages {
        first.push(
            read(std::slice::from_ref(lang))?
                .into_iter()
                .next()
                .unwrap_or_default(),
        );
    }
    let languages = opts.models_for(&first);
    let pages = read(languages)?;
    let how = format!("{}, {}", installed.version, languages.join("+"));
    to_text(pages, MediaType::Image(format), Reason::Image, &how, opts)
}

fn doc_timeout(opts: &OcrOptions) -> OcrError {
    OcrError::DocumentTimeout {
        seconds: opts.document_timeout.as_secs_f64(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_images() {
        assert_eq!(
            ImageFormat::sniff(b"\x89PNG\r\n\x1a\n\0"),
            Some(ImageFormat::Png)
        );
        assert_eq!(
            ImageFormat::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(ImageFormat::Jpeg)
        );
        assert_eq!(ImageFormat::sniff(b"II*\0\x08"), Some(ImageFormat::Tiff));
        assert_eq!(ImageFormat::sniff(b"MM\0*\0"), Some(ImageFormat::Tiff));
        assert_eq!(ImageFormat::sniff(b"%PDF-1.4"), None);
    }
}
