//! The PDF path, in process: `decode_pdf` without a worker runs
//! `extract_pages` (what the worker process runs: each backend under
//! `catch_unwind`) and the layout repair, then the text goes through
//! structure and entities as `extract` sends it. A panic inside a backend
//! is caught and is no finding; one anywhere else is.
#![no_main]

#[path = "common.rs"]
mod common;

use notice_extract::decode::pdf::{decode_pdf, PdfOptions};
use notice_extract::model::Paragraphs;
use notice_extract::{entities, structure};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(parsed) = decode_pdf(data, &PdfOptions::default()) else {
        return;
    };
    let text = parsed.value;
    let joined = Paragraphs::join(&text.paragraphs);
    let _ = structure::find_structure(&joined, &text.meta, &text.layout);
    let found = entities::find_entities(joined.text());
    common::check_entities(joined.text(), &found);
});
