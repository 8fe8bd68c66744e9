//! PDF backend (not yet implemented: answers "unsupported").

use super::{DecodeError, Parsed, Text};

/// Options for PDF text extraction.
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {}

/// Why a PDF could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PdfError {
    #[error("PDF input is not supported yet")]
    Unsupported,
}

impl PdfError {
    /// Stable machine-readable name for reports.
    pub fn code(&self) -> &'static str {
        match self {
            PdfError::Unsupported => "pdf_unsupported",
        }
    }
}

/// Extracts the text of a PDF.
///
/// # Errors
/// Always [`PdfError::Unsupported`] for now.
pub fn decode_pdf(_bytes: &[u8], _opts: &PdfOptions) -> Result<Parsed<Text>, DecodeError> {
    Err(PdfError::Unsupported.into())
}
