//! The binary as users run it: output, exit statuses, error lines.

use std::process::Command;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_notice-extract"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

#[test]
fn extract_prints_a_valid_record_and_exits_0() {
    let out = bin()
        .args(["extract", "fixtures/html/binjiang-2025-page.html"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    notice_extract::output::schema::validate_value(&v).expect("record matches the schema");
    assert_eq!(v["doc_number"], "杭高新〔2025〕3號");
}

#[test]
fn a_document_that_cannot_be_extracted_exits_1_with_one_line_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    // An executable named .html (a PNG would be read by OCR, a zip as an
    // office package).
    let bad = dir.path().join("image.html");
    std::fs::write(&bad, b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0").unwrap();
    let out = bin().arg("extract").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.is_empty(),
        "nothing on stdout for a failed document"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("image.html") && err.contains("unknown_format"),
        "{err}"
    );

    let out = bin()
        .args(["extract", "no/such/file.html"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("io_error"));
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(bin().arg("bogus").output().unwrap().status.code(), Some(2));
    assert_eq!(
        bin().arg("extract").output().unwrap().status.code(),
        Some(2)
    );
    let help = bin().arg("--help").output().unwrap();
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("Exit status"), "{text}");
}

#[test]
fn outline_is_one_line_per_section_and_clause() {
    let out = bin()
        .args([
            "extract",
            "--outline",
            "fixtures/text/binjiang-2025-source.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines()
            .any(|l| l == "一 推進教育科技人才一體發展 [lead: 科技局]"),
        "{text}"
    );
    assert!(text
        .lines()
        .any(|l| l.starts_with("  46 (四十六) 支持推進“弱有眾扶”")));
}
