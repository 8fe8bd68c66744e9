//! PDF pages to grey images, with poppler's `pdftoppm`.
//!
//! Why poppler: it is the reference renderer of the PDF tools already
//! trusted here (`pdftotext` is the cross-check of `benches/pdf.rs`), it is
//! one small Debian package (`poppler-utils`, which also has `pdfinfo`),
//! it reads the PDF on stdin and writes one page as a PGM on stdout (no
//! temporary files), renders straight to 8-bit grey (`-gray`), the input
//! Tesseract binarises best, and downsamples a 300 dpi scan with an area
//! filter. MuPDF's `mutool` would do too but is a larger package; Ghostscript
//! is slower to start per page.

use std::path::Path;
use std::process::Command;

use super::OcrError;
use crate::decode::bounded::{run_bounded, BoundedError, Limits};

/// The Debian package with `pdftoppm` and `pdfinfo`.
pub const POPPLER_PACKAGE: &str = "poppler-utils";

fn unavailable(program: &Path, source: &std::io::Error) -> OcrError {
    OcrError::Unavailable {
        detail: format!(
            "`{}` is needed to render scanned PDF pages but cannot be run ({source}): \
             install the Debian package {POPPLER_PACKAGE}",
            program.display()
        ),
    }
}

/// The number of pages of a PDF, from `pdfinfo` (found beside `pdftoppm`,
/// its sibling in poppler-utils).
///
/// # Errors
/// [`OcrError::Unavailable`] when poppler-utils is missing,
/// [`OcrError::Failed`] when the PDF cannot be read.
pub fn page_count(renderer: &Path, pdf: &[u8], limits: &Limits) -> Result<usize, OcrError> {
    let pdfinfo = renderer.with_file_name("pdfinfo");
    let pdfinfo = if renderer.parent().is_some_and(|p| !p.as_os_str().is_empty()) {
        pdfinfo
    } else {
        "pdfinfo".into()
    };
    let done =
        run_bounded(Command::new(&pdfinfo).arg("-"), Some(pdf.to_vec()), limits).map_err(|e| {
            match e {
                BoundedError::Spawn { source, .. } => unavailable(&pdfinfo, &source),
                other => OcrError::Failed {
                    page: 0,
                    detail: other.to_string(),
                },
            }
        })?;
    String::from_utf8_lossy(&done.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .filter(|&n: &usize| n > 0)
        .ok_or_else(|| OcrError::Failed {
            page: 0,
            detail: format!("pdfinfo: {}", done.last_stderr_line()),
        })
}

/// Renders page `page` (1-based) of a PDF as an 8-bit grey PGM at `dpi`.
///
/// # Errors
/// [`OcrError::Unavailable`] when `pdftoppm` cannot be run,
/// [`OcrError::PageTimeout`] / [`OcrError::TooLarge`] at the limits,
/// [`OcrError::Failed`] otherwise.
pub fn render_page(
    renderer: &Path,
    pdf: &[u8],
    page: usize,
    dpi: u32,
    limits: &Limits,
) -> Result<Vec<u8>, OcrError> {
    let p = page.to_string();
    let mut cmd = Command::new(renderer);
    cmd.args([
        "-gray",
        "-r",
        &dpi.to_string(),
        "-f",
        &p,
        "-l",
        &p,
        "-singlefile",
        "-",
    ]);
    let done = run_bounded(&mut cmd, Some(pdf.to_vec()), limits).map_err(|e| match e {
        BoundedError::Spawn { source, .. } => unavailable(renderer, &source),
        BoundedError::Timeout { seconds, .. } => OcrError::PageTimeout { page, seconds },
        other => OcrError::Failed {
            page,
            detail: other.to_string(),
        },
    })?;
    // Its CPU limit is a time limit: a page past it timed out, it did not
    // fail.
    if done.out_of_cpu_time() {
        return Err(OcrError::PageTimeout {
            page,
            seconds: limits.timeout.as_secs_f64(),
        });
    }
    if done.out_of_memory() {
        return Err(OcrError::TooLarge {
            page,
            limit_mib: limits.memory_bytes / (1024 * 1024),
        });
    }
    if !done.status.success() || !done.stdout.starts_with(b"P5") {
        return Err(OcrError::Failed {
            page,
            detail: format!(
                "pdftoppm: {}: {}",
                done.describe_status(),
                done.last_stderr_line()
            ),
        });
    }
    Ok(done.stdout)
}
