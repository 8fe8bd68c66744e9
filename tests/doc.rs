//! Word 97–2003 documents (`.doc`): a notice saved as `.doc` by LibreOffice
//! reads as the same notice saved as `.docx`, and a cut or tampered `.doc`
//! fails with a code saying what is wrong, never a panic.
//!
//! The tampered files are the fixtures with their FIB edited in place: it
//! lies in the first 512 bytes of the `WordDocument` stream, which is a
//! whole sector of the compound file, so no container rewrite is needed.

use crate::common;

use common::{extract_fixture, root};
use notice_extract::fetch::RawDocument;
use notice_extract::model::Notice;
use notice_extract::output::outline::outline;
use notice_extract::{extract, DocError};

/// Notices converted from `.docx` to `.doc` by LibreOffice (fixtures/README.md).
const PAIRS: &[&str] = &["jx-2020-kaifaqu", "govcn-2018-guofa-39"];

fn read(rel: &str) -> Notice {
    extract_fixture(&root().join("fixtures").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// What a notice says, apart from the format it came in.
fn substance(n: &Notice) -> serde_json::Value {
    let mut v = serde_json::to_value(n).expect("record is JSON");
    let o = v.as_object_mut().expect("record is an object");
    // The text and tables differ in one place: the page's breadcrumb and
    // info tables are adjacent in the .docx, and the binary format has no
    // way to keep two tables apart without a paragraph between them, so the
    // .doc has one table (Word shows it so too).
    for k in ["id", "source", "text", "warnings", "tables"] {
        o.remove(k);
    }
    // Spans point into each rendering's own text.
    strip_spans(&mut v);
    v
}

fn strip_spans(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(o) => {
            o.retain(|k, _| !k.ends_with("span") && k != "spans");
            o.values_mut().for_each(strip_spans);
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(strip_spans),
        _ => {}
    }
}

#[test]
fn a_doc_reads_as_the_docx_it_was_saved_from() {
    for name in PAIRS {
        let doc = read(&format!("docx/{name}.doc"));
        let docx = read(&format!("docx/{name}.docx"));
        assert_eq!(doc.source.media_type, "application/msword", "{name}");
        assert_eq!(doc.source.extractor, "doc", "{name}");
        let lines = |n: &Notice| -> Vec<String> {
            outline(n)
                .lines()
                .filter(|l| !l.starts_with("table "))
                .map(str::to_string)
                .collect()
        };
        assert_eq!(lines(&doc), lines(&docx), "{name}: outlines differ");
        assert_eq!(substance(&doc), substance(&docx), "{name}: records differ");
    }
}

/// A task table saved as `.doc`: its rows are tasks, and a lead merged down
/// over several rows (a `rowspan` in the page, `fVertMerge` in the `.doc`)
/// leads each of them.
#[test]
fn a_task_table_in_a_doc_gives_units_per_task() {
    let n = read("docx/handmade-2025-renwu-fenbiao-page.doc");
    assert!(n.clauses.len() >= 4, "{}", outline(&n));
    let led: Vec<&Vec<String>> = n.clauses.iter().map(|c| &c.lead_units).collect();
    assert!(led.iter().all(|l| !l.is_empty()), "{}", outline(&n));
    assert!(
        n.clauses.iter().all(|c| !c.responsible_units.is_empty()),
        "{}",
        outline(&n)
    );
}

/// A `.doc` numbered by Word's list tables reads, and says its labels are
/// missing rather than passing for a notice without headings.
#[test]
fn a_doc_numbered_by_word_warns_its_labels_are_missing() {
    let n = read("docx/handmade-2025-shuzi-jingji.doc");
    assert!(
        n.warnings.iter().any(|w| w.code == "list_labels_missing"),
        "{:?}",
        n.warnings
    );
}

fn fixture_bytes() -> Vec<u8> {
    std::fs::read(root().join("fixtures/docx/jx-2020-kaifaqu.doc")).expect("fixture")
}

/// The byte where the `WordDocument` stream (its FIB) starts: a sector
/// starting with `wIdent` 0xA5EC.
fn fib_at(bytes: &[u8]) -> usize {
    (512..bytes.len())
        .step_by(512)
        .find(|&at| bytes[at..].starts_with(&[0xEC, 0xA5]))
        .expect("the fixture has a FIB on a sector boundary")
}

fn extract_bytes(name: &str, bytes: Vec<u8>) -> Result<Notice, DocError> {
    extract(&RawDocument::from_bytes(name, bytes), &common::config())
}

fn failure(name: &str, bytes: Vec<u8>) -> (String, String) {
    let e = extract_bytes(name, bytes).expect_err("must fail");
    (e.code().to_string(), e.to_string())
}

#[test]
fn a_doc_cut_short_is_truncated() {
    let bytes = fixture_bytes();
    let fib = fib_at(&bytes);
    // A download cut off: in the main text, half-way, in the last sector.
    for len in [fib + 1000, bytes.len() / 2 + 77, bytes.len() - 100] {
        let (code, msg) = failure("cut.doc", bytes[..len].to_vec());
        assert_eq!(code, "archive_truncated", "cut at {len}: {msg}");
    }
    // The text of a piece past the stream's end: the stream was cut.
    let mut b = bytes.clone();
    let ccp = u32::from_le_bytes(b[fib + 0x4C..fib + 0x50].try_into().unwrap());
    b[fib + 0x4C..fib + 0x50].copy_from_slice(&(ccp + 10_000_000).to_le_bytes());
    let (code, msg) = failure("long.doc", b);
    assert_eq!(code, "archive_malformed", "{msg}");
    assert!(msg.contains("ccpText"), "{msg}");
}

#[test]
fn a_doc_whose_clx_is_elsewhere_is_malformed() {
    let mut b = fixture_bytes();
    let fib = fib_at(&b);
    b[fib + 0x1A2..fib + 0x1A6].copy_from_slice(&0x00F0_0000u32.to_le_bytes());
    let (code, msg) = failure("clx.doc", b);
    assert_eq!(code, "archive_malformed", "{msg}");
    assert!(msg.contains("Clx"), "{msg}");
}

#[test]
fn a_doc_flagged_encrypted_is_encrypted() {
    let mut b = fixture_bytes();
    let fib = fib_at(&b);
    b[fib + 0x0B] |= 0x01;
    let (code, msg) = failure("encrypted.doc", b);
    assert_eq!(code, "document_encrypted", "{msg}");
}

/// Every prefix and every single-byte change of the FIB and the piece
/// table's neighbourhood: an error or a record, never a panic.
#[test]
fn a_tampered_doc_never_panics() {
    let bytes = fixture_bytes();
    let fib = fib_at(&bytes);
    for len in (0..bytes.len()).step_by(997) {
        let _ = extract_bytes("prefix.doc", bytes[..len].to_vec());
    }
    for at in (fib..fib + 0x1AA).step_by(3) {
        let mut b = bytes.clone();
        b[at] ^= 0xFF;
        let _ = extract_bytes("flip.doc", b);
    }
}
