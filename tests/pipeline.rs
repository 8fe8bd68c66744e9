//! Every fixture through the whole pipeline: snapshots of the record and of
//! its outline, the seed against its gold answer, broken inputs failing
//! cleanly.

mod common;

use common::{extract_fixture, gold, structure_differences};
use notice_extract::output::outline::outline;

/// Real notices extract without failure; their record and outline are pinned.
/// Review changes with `cargo insta review`; CI never writes snapshots.
#[test]
fn fixtures_extract_and_match_snapshots() {
    insta::glob!("../fixtures", "{text,html,pdf}/*", |path| {
        let record = extract_fixture(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        insta::assert_snapshot!("outline", outline(&record));
        insta::assert_json_snapshot!("record", record);
    });
}

/// The seed notice matches its hand-checked answer on every structure field,
/// in every web and text rendering (traditional, simplified, full-width).
#[test]
fn seed_matches_gold_structure_in_every_rendering() {
    let gold = gold();
    for (file, published) in [
        ("fixtures/text/binjiang-2025-source.txt", true),
        ("fixtures/html/binjiang-2025-page.html", true),
        ("fixtures/text/binjiang-2025-simplified.txt", true),
        ("fixtures/text/binjiang-2025-fullwidth.txt", true),
        // A PDF's text dump states no publication time.
        ("fixtures/text/binjiang-2025-pdftotext.txt", false),
    ] {
        let record = extract_fixture(&common::root().join(file)).expect("seed extracts");
        let diffs = structure_differences(&record, &gold, published);
        assert!(diffs.is_empty(), "{file}:\n{}", diffs.join("\n"));
    }
}

/// The simplified and full-width renderings give the same structure as the
/// original, field for field (after folding).
#[test]
fn renderings_of_the_seed_agree() {
    let shape = |file: &str| {
        let n = extract_fixture(&common::root().join(file)).expect("seed extracts");
        let k = common::key;
        (
            n.sections
                .iter()
                .map(|s| (s.number, k(&s.title), s.span))
                .collect::<Vec<_>>(),
            n.clauses
                .iter()
                .map(|c| {
                    (
                        c.number,
                        c.section,
                        k(&c.title),
                        c.responsible_units.len(),
                        c.span,
                    )
                })
                .collect::<Vec<_>>(),
        )
    };
    let original = shape("fixtures/text/binjiang-2025-source.txt");
    assert_eq!(
        shape("fixtures/text/binjiang-2025-simplified.txt"),
        original
    );
    assert_eq!(shape("fixtures/text/binjiang-2025-fullwidth.txt"), original);
}

/// The body repeated by the page template or the dump is read once.
#[test]
fn repeated_body_does_not_double_clauses() {
    let n =
        extract_fixture(&common::root().join("fixtures/text/binjiang-2025-source.txt")).unwrap();
    assert_eq!(n.clauses.len(), 46);
    assert!(n.warnings.iter().any(|w| w.code == "repeated_body_dropped"));
    let n = extract_fixture(&common::root().join("fixtures/html/binjiang-2025-page.html")).unwrap();
    assert_eq!(n.clauses.len(), 46);
}

/// Every span points at its value in `text`.
#[test]
fn spans_cut_their_values_from_text() {
    let n = extract_fixture(&common::root().join("fixtures/html/binjiang-2025-page.html")).unwrap();
    let chars: Vec<char> = n.text.chars().collect();
    let cut = |s: [usize; 2]| chars[s[0]..s[1]].iter().collect::<String>();
    for c in &n.clauses {
        assert_eq!(cut(c.span), c.text, "clause {}", c.number);
        assert!(c.text.contains(&c.title));
    }
    for s in &n.sections {
        assert!(cut(s.span).contains(&s.title), "section {}", s.number);
    }
    for a in &n.amounts {
        assert_eq!(cut(a.span), a.text);
    }
    for p in &n.percentages {
        assert_eq!(cut(p.span), p.text);
    }
}

/// Inputs that must fail do, each with its own error code, never a panic or
/// a record; the codes are pinned. OCR is off: the codes are those of
/// decoding alone, the same on a machine without Tesseract (the scan's
/// cover letter read by OCR is tested in tests/ocr.rs).
#[test]
fn broken_inputs_fail_with_specific_codes() {
    let mut cfg = common::config();
    cfg.decode.ocr.mode = notice_extract::decode::ocr::OcrMode::Off;
    let mut lines = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(common::root().join("fixtures/broken"))
        .expect("fixtures/broken")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    for path in files {
        let started = std::time::Instant::now();
        let raw = notice_extract::fetch::RawDocument::from_bytes(
            &common::relative(&path),
            std::fs::read(&path).expect("fixture is readable"),
        );
        let result = notice_extract::extract(&raw, &cfg);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        match result {
            Ok(_) => panic!("{name} extracted; broken inputs must fail"),
            Err(e) => {
                assert_ne!(e.code(), "schema_violation", "{name}: {e}");
                assert!(
                    started.elapsed().as_secs() < 20,
                    "{name} took {:?}",
                    started.elapsed()
                );
                lines.push(format!("{name}: {} ({})", e.code(), e.stage()));
            }
        }
    }
    insta::assert_snapshot!(lines.join("\n"));
}
