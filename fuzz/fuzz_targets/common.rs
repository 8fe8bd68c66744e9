//! What every target shares: the configuration (nothing spawned: no PDF
//! worker, no OCR) and the checks a record must pass beyond "no panic".
#![allow(dead_code)]

use notice_extract::decode::ocr::OcrMode;
use notice_extract::entities::Entities;
use notice_extract::fetch::RawDocument;
use notice_extract::{extract, Config, ErrorCode};

/// Extraction in this process: PDFs parsed by `extract_pages` under
/// `catch_unwind` (what the worker runs), OCR off (it would spawn
/// Tesseract; its input is an image, not ours to fuzz).
pub fn config() -> Config {
    let mut cfg = Config::default();
    cfg.decode.pdf.worker = None;
    cfg.decode.ocr.mode = OcrMode::Off;
    cfg
}

/// Runs the whole pipeline on `bytes` and checks what comes out.
pub fn extract_and_check(name: &str, content_type: Option<&str>, bytes: &[u8]) {
    let mut raw = RawDocument::from_bytes(name, bytes.to_vec());
    raw.content_type = content_type.map(str::to_string);
    match extract(&raw, &config()) {
        Ok(n) => {
            let chars = n.text.chars().count();
            for a in &n.amounts {
                check_figure(&a.text, a.value, a.span, chars);
            }
            for p in &n.percentages {
                check_figure(&p.text, p.value, p.span, chars);
            }
        }
        // The pipeline wrote a record its own schema refuses, or caught a
        // panic of ours: both are bugs, whatever the input.
        Err(e) if matches!(e.code(), ErrorCode::SchemaViolation | ErrorCode::Panic) => {
            panic!("{}: {e}", e.code())
        }
        Err(_) => {}
    }
}

/// A figure is a finite number over a non-empty span inside the text.
pub fn check_figure(text: &str, value: f64, span: [usize; 2], chars: usize) {
    assert!(value.is_finite(), "{text:?}: value {value}");
    assert!(!text.is_empty(), "empty figure text at {span:?}");
    assert!(
        span[0] < span[1] && span[1] <= chars,
        "{text:?}: span {span:?} outside 0..{chars}"
    );
}

/// The figures of [`Entities`] checked against the text they came from.
pub fn check_entities(text: &str, found: &Entities) {
    let chars = text.chars().count();
    for a in &found.amounts {
        check_figure(&a.text, a.value, a.span, chars);
    }
    for p in &found.percentages {
        check_figure(&p.text, p.value, p.span, chars);
    }
}
