//! The integration tests, one binary: each file beside this one is a module
//! of it. One binary links once instead of fourteen times (each link of the
//! library and its dependencies cost seconds and ~70 MB of disk), and the
//! modules share `common`.
//!
//! `Cargo.toml` sets `autotests = false`, so a new `tests/*.rs` runs only
//! when declared here; [`every_test_file_is_a_module`] fails otherwise.

mod common;

mod batch;
mod budget;
mod cli;
mod diff;
mod doc;
mod docx;
mod entities;
mod fuzz_regressions;
mod gold;
mod header_pages;
mod hostile;
mod interpretation;
mod layout_tables;
mod ocr;
mod office;
mod pdf;
mod pdf_tables;
mod pipeline;
mod release;
mod reposts;
mod review;
mod robustness;
mod role_brackets;
mod text_dumps;
mod toc;

/// A test file left out of the list above would silently never run.
#[test]
fn every_test_file_is_a_module() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let this = std::fs::read_to_string(dir.join("main.rs")).expect("tests/main.rs");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("tests/") {
        let path = entry.expect("entry").path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if path.extension().is_some_and(|e| e == "rs")
            && stem != "main"
            && !this.contains(&format!("\nmod {stem};\n"))
        {
            missing.push(stem.to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "tests/*.rs not declared in tests/main.rs: {missing:?}"
    );
}
