//! Inputs the fuzz targets (`fuzz/`, issue 13) found crashing, hanging or
//! exhausting memory, each generated here (minimised by hand from the
//! fuzzer's artifact) and run through `extract` as a run does it: PDFs in
//! the real worker process. Each must give a record or a specific error
//! code, never a hang or an abort. How to run the fuzzers, and what they
//! found: `fuzz/README.md`.

use crate::common;

use std::time::Duration;

use notice_extract::fetch::RawDocument;
use notice_extract::{extract, ErrorCode};

/// A PDF whose only xref section promises more entries (9) than the file
/// holds: its lines run into `startxref`, `%%EOF` and the end of the file.
fn xref_running_to_the_end() -> Vec<u8> {
    let head = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n".to_vec();
    let xref = head.len();
    let mut pdf = head;
    pdf.extend_from_slice(b"xref\n0 9\n0000000000 65535 f \n");
    pdf.extend_from_slice(format!("startxref\n{xref}\n%%EOF\n").as_bytes());
    pdf
}

/// Found by the `pdf` target in its first 4 minutes (a 30 KB mutation of
/// the generated 300-level page tree; this is the 96-byte core of it).
/// oxidize-pdf 5.5.6 loops forever on it: its xref reader skips an empty
/// line and reads again, and at the end of the file every line is empty
/// (`parser/xref.rs`, `parse_traditional_xref_with_options`). The library
/// without a worker hangs, as `PdfOptions::worker` warns; a run's worker is
/// killed at its time limit and the document fails with `pdf_timeout`.
#[test]
fn pdf_xref_running_to_the_end_of_the_file_times_out_in_the_worker() {
    let mut cfg = common::config();
    cfg.decode.pdf.timeout = Duration::from_secs(3);
    let raw = RawDocument::from_bytes("xref-to-eof.pdf", xref_running_to_the_end());
    let err = extract(&raw, &cfg).expect_err("no text in it");
    // pdf_malformed once oxidize-pdf stops at the end of the file.
    assert!(
        matches!(err.code(), ErrorCode::PdfTimeout | ErrorCode::PdfMalformed),
        "{}: {err}",
        err.code()
    );
    // The next PDF is read as usual: the killed worker is replaced.
    let path = common::root().join("fixtures/pdf/handmade-gbk-euc-h.pdf");
    let raw = RawDocument::from_bytes("next.pdf", std::fs::read(path).expect("fixture"));
    let n = extract(&raw, &cfg).unwrap_or_else(|e| panic!("{}: {e}", e.code()));
    assert!(n.text.contains("一、"), "{}", n.text);
}
