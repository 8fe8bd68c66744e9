//! Writing a run's files so that none is ever seen half-written.
//!
//! Every file goes to a hidden temp file (`.tmp-…`) in its final directory
//! and is renamed over the final name: a rename within one file system is
//! atomic, so a reader (or the next run after a `kill -9`) sees the old
//! complete file or the new complete file. Leftover temp files of a killed
//! run are removed by [`remove_temp_files`] at the start of the next one.
//! No `fsync`: the guarantee is against a killed process, not a power cut.

use std::io::Write;
use std::path::Path;

/// Prefix of temp files; hidden, so never mistaken for a record.
pub const TEMP_PREFIX: &str = ".tmp-";

/// Writes `bytes` to `dir/name` atomically.
///
/// # Errors
/// When the temp file cannot be created, written or renamed.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.persist(dir.join(name)).map_err(|e| e.error)?;
    Ok(())
}

/// Removes temp files left in `dir` by a killed run; returns how many.
pub fn remove_temp_files(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(TEMP_PREFIX))
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
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

    #[test]
    fn atomic_write_leaves_no_temp() {
        let dir = tempfile::tempdir().expect("tempdir");
        write_atomic(dir.path(), "a.json", b"{}").expect("write");
        write_atomic(dir.path(), "a.json", b"[]").expect("write");
        assert_eq!(
            std::fs::read(dir.path().join("a.json")).expect("read"),
            b"[]"
        );
        assert_eq!(remove_temp_files(dir.path()), 0);
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
    }
}
