//! JSON rendering of records: pretty for files and stdout, one line for NDJSON.

use crate::model::Notice;

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

/// Compacts JSON by dropping white space outside strings.
///
/// `serde_json`'s pretty and compact printers differ only in that white
/// space, so `minify(to_pretty(n)) == to_line(n)` byte for byte; the NDJSON
/// is built from the record files this way, without holding every record in
/// memory or re-parsing floats.
pub fn minify(pretty: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(pretty.len());
    let mut in_string = false;
    let mut escaped = false;
    for &b in pretty {
        if in_string {
            out.push(b);
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if b == b'"' {
            in_string = true;
            out.push(b);
        } else if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
            out.push(b);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minify_matches_compact_printer() {
        let v = serde_json::json!({
            "a": [1, 2.5, {"b": "x \" y\\", "c": []}],
            "t": "空 格\n行", "e": {}, "n": null
        });
        let pretty = serde_json::to_string_pretty(&v).expect("json");
        let compact = serde_json::to_string(&v).expect("json");
        assert_eq!(minify(pretty.as_bytes()), compact.as_bytes());
    }
}
