//! OCR throughput: pages per second of the OCR path (`decode::ocr`:
//! three renderings per page, script detection, Tesseract, the best line,
//! the repair) on the 300 dpi scan of the seed, against one plain reading
//! per page (`pdftoppm -r 300` + Tesseract `chi_tra`, through the same code
//! with one resolution) in the same run; both with the same number of
//! pages in parallel (`BENCH_JOBS`, default: one per core).
//!
//!     cargo bench --bench ocr
//!
//! Needs Tesseract and poppler (see the README's set-up); skipped with a
//! message otherwise.

use std::time::Instant;

use notice_extract::decode::ocr::{self, OcrOptions, Reason, Slots};

fn main() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/scan/binjiang-2025-scan-300dpi.pdf");
    let bytes = std::fs::read(&path).expect("fixtures/scan");
    let jobs: usize = std::env::var("BENCH_JOBS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let full = OcrOptions {
        slots: Slots::new(jobs),
        ..OcrOptions::default()
    };
    let mut plain = full.clone();
    plain.resolutions = vec![300];
    plain.traditional = vec!["chi_tra".into()];
    plain.languages = vec!["chi_tra".into()];
    let pages = 22.0;
    let mut rows = Vec::new();
    for (name, opts) in [
        ("OCR path (3 readings/page)", &full),
        ("one reading/page", &plain),
    ] {
        let t = Instant::now();
        match ocr::ocr_pdf(&bytes, Reason::Forced, opts) {
            Ok(text) => {
                let secs = t.elapsed().as_secs_f64();
                let chars: usize = text
                    .value
                    .paragraphs
                    .iter()
                    .map(|p| p.chars().count())
                    .sum();
                rows.push((name, secs, chars));
            }
            Err(e) => {
                eprintln!("skipped: {name}: {}: {e}", e.code());
                return;
            }
        }
    }
    println!("OCR of the 300 dpi scan, 22 pages, {jobs} pages at once");
    println!(
        "{:<28} {:>8} {:>8} {:>8}",
        "", "seconds", "pages/s", "chars"
    );
    for (name, secs, chars) in &rows {
        println!("{name:<28} {secs:>8.1} {:>8.3} {chars:>8}", pages / secs);
    }
    if let [a, b] = rows.as_slice() {
        println!("ratio (OCR path / one reading): {:.2}× the time", a.1 / b.1);
    }
}
