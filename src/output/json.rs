//! JSON rendering of records: pretty for files and stdout, one line for NDJSON.

use crate::model::Notice;

/// Largest record written, in bytes of JSON (estimated). A record holds its
/// text, each clause's and item's text again, the tables' cells and up to
/// `entities::MAX_FIGURES` figures: about three to five times its text.
pub const MAX_RECORD_BYTES: usize = 256 * 1024 * 1024;

/// The JSON size of a record, estimated from its strings (within a few
/// percent for a large one: its text dominates, and CJK is written as is).
pub fn estimated_bytes(n: &Notice) -> usize {
    let items: usize = n
        .clauses
        .iter()
        .flat_map(|c| &c.items)
        .map(|i| i.text.len() + 64)
        .sum();
    let clauses: usize = n
        .clauses
        .iter()
        .map(|c| c.text.len() + c.title.len() + 128)
        .sum();
    let cells: usize = n
        .tables
        .iter()
        .flat_map(|t| &t.rows)
        .flatten()
        .map(|c| c.len() + 3)
        .sum();
    let figures: usize = n.amounts.iter().map(|a| a.text.len() + 110).sum::<usize>()
        + n.percentages
            .iter()
            .map(|p| p.text.len() + 100)
            .sum::<usize>()
        + n.percentage_points
            .iter()
            .map(|p| p.text.len() + 90)
            .sum::<usize>();
    n.text.len() + items + clauses + cells + figures
}

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
    minify_into(pretty, &mut out);
    out
}

/// [`minify`], appending to `out` (one buffer for every line of a file).
///
/// Strings are copied whole, from their opening quote to the first quote
/// not escaped (found with `memchr`: a record is mostly text, and a byte at
/// a time was most of the NDJSON's cost); only the bytes between strings
/// are looked at one by one. A string left open runs to the end, as does
/// a final backslash. UTF-8 never has `"` or `\` inside a multi-byte
/// character, so searching bytes is searching characters.
pub fn minify_into(pretty: &[u8], out: &mut Vec<u8>) {
    let between = |bytes: &[u8], out: &mut Vec<u8>| {
        out.extend(
            bytes
                .iter()
                .filter(|b| !matches!(b, b' ' | b'\n' | b'\r' | b'\t')),
        );
    };
    let mut rest = pretty;
    while let Some(open) = memchr::memchr(b'"', rest) {
        between(&rest[..open], out);
        // Past the string's closing quote (or the end).
        let mut end = open + 1;
        loop {
            match memchr::memchr2(b'"', b'\\', &rest[end..]) {
                // An escape: the byte after it is part of the string.
                Some(i) if rest[end + i] == b'\\' => end = (end + i + 2).min(rest.len()),
                Some(i) => {
                    end += i + 1;
                    break;
                }
                None => {
                    end = rest.len();
                    break;
                }
            }
        }
        out.extend_from_slice(&rest[open..end]);
        rest = &rest[end..];
    }
    between(rest, out);
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

    /// The byte-at-a-time reading `minify_into` replaced, kept as the
    /// reference its answers must equal.
    fn minify_bytewise(pretty: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let (mut in_string, mut escaped) = (false, false);
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

    #[test]
    fn minify_equals_the_bytewise_reading_on_odd_input() {
        for s in [
            "",
            "\"",
            "\"\\",
            "\"a\\\"",
            "\"a\\\\\" b",
            "{ \"k\" : \"v\\\" \\\\ \" , \"\" }\n",
            "[ 1 ,\t2 ]  \"open string  ",
            "\"空 格\\n\" \"\u{3000}\"",
        ] {
            assert_eq!(minify(s.as_bytes()), minify_bytewise(s.as_bytes()), "{s:?}");
        }
    }
}
