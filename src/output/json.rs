//! JSON rendering of records: pretty for files and stdout, one line for NDJSON.

use super::record::Notice;

/// The record as pretty-printed JSON with a final newline.
pub fn to_pretty(notice: &Notice) -> String {
    let mut s = serde_json::to_string_pretty(notice).expect("a Notice always serializes");
    s.push('\n');
    s
}

/// The record as one line of JSON (no newline).
pub fn to_line(notice: &Notice) -> String {
    serde_json::to_string(notice).expect("a Notice always serializes")
}
