//! The HTML path: page bytes (any charset, declared or not) → sniff →
//! charset → main content → paragraphs → structure → entities → record →
//! schema check.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::extract_and_check("fuzz.html", Some("text/html"), data);
});
