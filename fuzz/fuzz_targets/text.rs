//! The text path: plain text, markdown dumps and pdftotext output, in any
//! charset (GBK, GB18030, UTF-16 with a BOM…) → paragraphs (rewrapped or
//! read as markdown) → structure → entities → record → schema check. No
//! content type: the bytes alone decide, as for a local file.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::extract_and_check("fuzz.txt", None, data);
});
