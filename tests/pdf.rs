//! PDF originals through the whole pipeline, with the worker process the
//! CLI uses; broken PDFs fail with their own code, fast, without a panic.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use notice_extract::decode::ocr::OcrMode;
use notice_extract::decode::pdf::{self, PdfOptions};
use notice_extract::{extract_file, Config, Notice, Stage};

const EXE: &str = env!("CARGO_BIN_EXE_notice-extract");

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

fn config_with_worker() -> Config {
    let mut cfg = Config::default();
    cfg.decode.pdf.worker = Some(PathBuf::from(EXE));
    cfg.decode.pdf.timeout = Duration::from_secs(20);
    cfg
}

/// Text layers only: what the PDF decoder alone makes of a file (OCR of
/// the scans is tested in tests/ocr.rs).
fn without_ocr(mut cfg: Config) -> Config {
    cfg.decode.ocr.mode = OcrMode::Off;
    cfg
}

/// Folded (simplified, half-width) with white space dropped, as score.py.
#[test]
fn seed_pdf_matches_the_gold_structure() {
    let notice = extract_file(
        &fixture("pdf/binjiang-2025-original.pdf"),
        &config_with_worker(),
    )
    .expect("seed PDF extracts");
    assert_eq!(notice.source.extractor, "oxidize-pdf");
    assert_eq!(notice.source.encoding_source, "pdf");
    // A PDF states no publication time.
    assert_eq!(notice.published_at, None);
    let diffs = common::structure_differences(&notice, &common::gold(), false);
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}

#[test]
fn seed_pdf_paragraphs_are_the_source_paragraphs() {
    let notice = extract_file(
        &fixture("pdf/binjiang-2025-original.pdf"),
        &config_with_worker(),
    )
    .expect("seed PDF extracts");
    let source = std::fs::read_to_string(fixture("text/binjiang-2025-source.txt")).expect("source");
    let lines: std::collections::HashSet<&str> = source.lines().map(str::trim).collect();
    let paragraphs: Vec<&str> = notice.text.lines().collect();
    let missing: Vec<&&str> = paragraphs.iter().filter(|p| !lines.contains(**p)).collect();
    // The red header (uniform number, issuers + 文件, 文號, title) is not on
    // the page; everything else is.
    assert_eq!(missing.len(), 4, "{missing:#?}");
    assert_eq!(paragraphs.len(), 74);
}

fn notice_of(rel: &str) -> Notice {
    extract_file(&fixture(rel), &config_with_worker())
        .unwrap_or_else(|e| panic!("{rel}: {}: {e}", e.code()))
}

#[test]
fn real_pdfs_extract() {
    let football = notice_of("pdf/hangzhou-2025-football.pdf");
    assert!(football.text.contains(
        "杭州市人民政府办公厅关于印发杭州市加快推进全国足球发展重点城市建设若干措施的通知"
    ));
    assert!(football.text.contains("\n（一）加强足球工作组织领导。\n"));
    assert!(!football.text.contains("— 2 —"));
    // The "restricted" copy (owner password only) reads the same.
    let restricted = notice_of("pdf/hangzhou-2025-football-restricted.pdf");
    assert_eq!(restricted.text, football.text);
    let table = notice_of("pdf/jx-2020-rongque-attachment.pdf");
    assert!(table.text.contains("容缺审批+承诺制"));
}

#[test]
fn the_restricted_pdf_reads_in_process_with_either_backend() {
    let bytes = std::fs::read(fixture("pdf/hangzhou-2025-football-restricted.pdf")).expect("read");
    for backend in ["oxidize-pdf", "pdf-extract"] {
        let got = pdf::extract_pages(&bytes, &[backend.to_string()])
            .unwrap_or_else(|e| panic!("{backend}: {e}"));
        assert_eq!(got.pages.len(), 10, "{backend}");
    }
}

fn failure(rel: &str) -> (String, Duration) {
    let start = Instant::now();
    let r = extract_file(&fixture(rel), &without_ocr(config_with_worker()));
    let took = start.elapsed();
    match r {
        Ok(_) => panic!("{rel} extracted, expected a failure"),
        Err(e) if e.stage == Stage::Decode => (e.code().to_string(), took),
        Err(e) => panic!("{rel}: wrong stage: {e}"),
    }
}

/// Broken PDFs and the error code each must fail with.
const BROKEN: &[(&str, &str)] = &[
    ("broken/binjiang-2025-scanned.pdf", "pdf_no_text_layer"),
    ("broken/truncated.pdf", "pdf_malformed"),
    ("broken/garbage.pdf", "pdf_malformed"),
    ("broken/encrypted-user-password.pdf", "pdf_encrypted"),
    ("broken/no-unicode-map.pdf", "pdf_unreadable_text"),
];

#[test]
fn broken_pdfs_fail_with_their_own_code_fast() {
    for &(rel, code) in BROKEN {
        let (got, took) = failure(rel);
        assert_eq!(got, code, "{rel}");
        assert!(took < Duration::from_secs(5), "{rel} took {took:?}");
    }
}

#[test]
fn broken_pdfs_fail_in_process_too() {
    for &(rel, code) in BROKEN {
        let r = extract_file(&fixture(rel), &without_ocr(Config::default()));
        assert_eq!(r.err().map(|e| e.code().as_str()), Some(code), "{rel}");
    }
}

#[test]
fn the_cli_names_the_missing_text_layer() {
    let out = Command::new(EXE)
        .args(["extract", "--ocr", "off"])
        .arg(fixture("broken/binjiang-2025-scanned.pdf"))
        .output()
        .expect("run the CLI");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("pdf_no_text_layer") && err.contains("no text layer"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

/// A PDF whose parse hangs is stopped at the time limit, and the child is
/// killed and reaped (a stand-in worker that never answers).
#[test]
fn a_hanging_worker_times_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let script = dir.path().join("hang.sh");
    std::fs::write(&script, "#!/bin/sh\nexec sleep 30\n").expect("write");
    let mut perm = std::fs::metadata(&script).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perm, 0o755);
    std::fs::set_permissions(&script, perm).expect("chmod");
    let opts = PdfOptions {
        worker: Some(script),
        timeout: Duration::from_millis(500),
        ..PdfOptions::default()
    };
    let bytes = std::fs::read(fixture("pdf/hangzhou-2025-football.pdf")).expect("read");
    let start = Instant::now();
    let err = pdf::decode_pdf(&bytes, &opts).expect_err("must time out");
    assert_eq!(err.code(), "pdf_timeout");
    assert!(start.elapsed() < Duration::from_secs(5));
    // Killed, not kept for the next PDF.
    assert_eq!(pdf::worker::idle_worker_pid(), None);
}

/// A script standing in for the worker executable, made executable.
fn stand_in(dir: &Path, name: &str, body: &str) -> PathBuf {
    let script = dir.join(name);
    std::fs::write(&script, format!("#!/bin/sh\n{body}\n")).expect("write");
    let mut perm = std::fs::metadata(&script).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perm, 0o755);
    std::fs::set_permissions(&script, perm).expect("chmod");
    script
}

fn worker_opts(exe: PathBuf) -> PdfOptions {
    PdfOptions {
        worker: Some(exe),
        timeout: Duration::from_secs(20),
        ..PdfOptions::default()
    }
}

/// One worker process parses one PDF after another on this thread, with
/// the same result as parsing in process.
#[test]
fn a_worker_serves_one_pdf_after_another() {
    let opts = worker_opts(PathBuf::from(EXE));
    let mut pids = Vec::new();
    for rel in [
        "pdf/hangzhou-2025-football.pdf",
        "pdf/handmade-gbk-euc-h.pdf",
        "pdf/binjiang-2025-original.pdf",
        "pdf/hangzhou-2025-football.pdf",
    ] {
        let bytes = std::fs::read(fixture(rel)).expect("read");
        let child = pdf::decode_pdf(&bytes, &opts).expect(rel);
        let alone = pdf::decode_pdf(&bytes, &PdfOptions::default()).expect(rel);
        assert_eq!(child.value.paragraphs, alone.value.paragraphs, "{rel}");
        pids.push(pdf::worker::idle_worker_pid().expect("the worker stays"));
    }
    assert!(pids.windows(2).all(|w| w[0] == w[1]), "{pids:?}");
}

/// After `worker_documents` PDFs the worker is retired and the next PDF
/// starts a fresh one.
#[test]
fn a_worker_is_replaced_after_its_quota_of_pdfs() {
    let opts = PdfOptions {
        worker_documents: 2,
        ..worker_opts(PathBuf::from(EXE))
    };
    let bytes = std::fs::read(fixture("pdf/handmade-gbk-euc-h.pdf")).expect("read");
    pdf::decode_pdf(&bytes, &opts).expect("first");
    let first = pdf::worker::idle_worker_pid().expect("kept after one");
    pdf::decode_pdf(&bytes, &opts).expect("second");
    assert_eq!(pdf::worker::idle_worker_pid(), None, "retired after two");
    pdf::decode_pdf(&bytes, &opts).expect("third");
    let next = pdf::worker::idle_worker_pid().expect("a fresh one");
    assert_ne!(first, next);
}

/// A worker that dies after serving others: the PDF is tried once more in
/// a fresh worker, so it fails only where it would fail alone. The stand-in
/// lets the real worker see one PDF and then the end of its input, so it
/// exits instead of answering the second.
#[test]
fn a_pdf_whose_worker_died_is_retried_in_a_fresh_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bytes = std::fs::read(fixture("pdf/handmade-gbk-euc-h.pdf")).expect("read");
    let frame = bytes.len() + 8;
    let script = stand_in(
        dir.path(),
        "one-pdf.sh",
        &format!("head -c {frame} | exec {EXE} \"$@\""),
    );
    let opts = worker_opts(script);
    let first = pdf::decode_pdf(&bytes, &opts).expect("first PDF");
    let pid = pdf::worker::idle_worker_pid().expect("kept");
    let second = pdf::decode_pdf(&bytes, &opts).expect("retried in a fresh worker");
    assert_eq!(first.value.paragraphs, second.value.paragraphs);
    assert_ne!(pdf::worker::idle_worker_pid(), Some(pid));
}

/// A fresh worker that dies without an answer: the error says how it
/// ended and what it said last, and the next PDF gets a new worker.
#[test]
fn a_worker_that_dies_at_once_is_reported_with_its_stderr() {
    let dir = tempfile::tempdir().expect("tempdir");
    let script = stand_in(dir.path(), "dies.sh", "echo 'worker exploded' >&2\nexit 3");
    let bytes = std::fs::read(fixture("pdf/handmade-gbk-euc-h.pdf")).expect("read");
    let err = pdf::decode_pdf(&bytes, &worker_opts(script)).expect_err("no reply");
    assert_eq!(err.code(), "pdf_worker_failed");
    let msg = err.to_string();
    assert!(
        msg.contains("exit status 3") && msg.contains("worker exploded"),
        "{msg}"
    );
    assert_eq!(pdf::worker::idle_worker_pid(), None);
    pdf::decode_pdf(&bytes, &worker_opts(PathBuf::from(EXE))).expect("a new worker");
}

/// A worker that runs out of memory is stopped and reported, not waited
/// for (32 MiB is below what the 22-page seed needs, ~40 MiB in a debug
/// build; a worker that cannot even load is a `pdf_worker_failed`).
#[test]
fn a_worker_out_of_memory_fails_cleanly() {
    let opts = PdfOptions {
        worker: Some(PathBuf::from(EXE)),
        memory_limit_bytes: 32 * 1024 * 1024,
        ..PdfOptions::default()
    };
    let bytes = std::fs::read(fixture("pdf/binjiang-2025-original.pdf")).expect("read");
    let err = pdf::decode_pdf(&bytes, &opts).expect_err("32 MiB is too little");
    assert!(
        matches!(err.code().as_str(), "pdf_too_large" | "pdf_worker_failed"),
        "{}: {err}",
        err.code()
    );
}

/// A non-embedded font with the predefined GBK-EUC-H CMap and no ToUnicode
/// map, as 公文 typesetting systems write it: pdf-extract panics on purpose
/// ("unsupported encoding"); the panic is caught, and the next backend
/// reads the file.
#[test]
fn a_backend_panic_falls_back_to_the_next_backend() {
    let bytes = std::fs::read(fixture("pdf/handmade-gbk-euc-h.pdf")).expect("read");
    let only = pdf::extract_pages(&bytes, &["pdf-extract".to_string()])
        .expect_err("pdf-extract cannot read GBK-EUC-H");
    assert_eq!(only.code(), "pdf_panic", "{only}");
    let opts = PdfOptions {
        backends: vec!["pdf-extract".into(), "oxidize-pdf".into()],
        ..PdfOptions::default()
    };
    let parsed = pdf::decode_pdf(&bytes, &opts).expect("oxidize-pdf reads it");
    assert_eq!(parsed.value.extractor, "oxidize-pdf");
    assert!(parsed
        .warnings
        .iter()
        .any(|w| w.code == "pdf_backend_fallback" && w.message.contains("pdf_panic")));
    assert_eq!(
        parsed.value.paragraphs,
        [
            "关于印发扶持政策的通知",
            "各区人民政府：",
            "现将扶持政策印发给你们，请认真贯彻执行。",
            "一、支持企业发展",
            "（一）加大奖励。给予最高５０万元奖励。",
            "某市人民政府",
        ]
    );
}

/// The same through the worker: the child answers with the fallback, and
/// no panic message reaches stderr.
#[test]
fn the_worker_stays_quiet_on_a_backend_panic() {
    let out = Command::new(EXE)
        .args(["pdf-worker", "--backends", "pdf-extract,oxidize-pdf"])
        .stdin(std::fs::File::open(fixture("pdf/handmade-gbk-euc-h.pdf")).expect("open"))
        .output()
        .expect("run the worker");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    let reply: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON reply");
    assert_eq!(reply["Ok"]["backend"], "oxidize-pdf");
}

/// Garbage that ends like a PDF gets past the tail check: both backends
/// then fail to parse it, and the result is `pdf_malformed`, not a panic.
#[test]
fn garbage_with_a_pdf_tail_is_malformed() {
    let mut bytes = b"%PDF-1.4\n".to_vec();
    let mut x: u32 = 0x2545_4446;
    for _ in 0..8192 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        bytes.push((x >> 24) as u8);
    }
    bytes.extend_from_slice(b"\nstartxref\n4000\n%%EOF\n");
    let err = pdf::extract_pages(&bytes, &PdfOptions::default().backends).expect_err("garbage");
    assert_eq!(err.code(), "pdf_malformed", "{err}");
}
