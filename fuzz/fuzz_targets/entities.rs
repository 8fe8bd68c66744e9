//! The entity parser on one line of text (what `notice-extract entities`
//! reads), any bytes made UTF-8 as that command does.
#![no_main]

#[path = "common.rs"]
mod common;

use notice_extract::entities::find_entities;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let line = String::from_utf8_lossy(data);
    let found = find_entities(&line);
    common::check_entities(&line, &found);
});
