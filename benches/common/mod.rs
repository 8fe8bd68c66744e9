//! Helpers shared by the benches (a folder, so Cargo does not take it for a
//! bench of its own).

use std::path::PathBuf;

/// The files of `fixtures/<sub>`, sorted by name.
pub fn fixture_files(sub: &str) -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(sub);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}
