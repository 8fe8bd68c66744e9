//! A budget for every document (issue 13, row 7): each document is
//! extracted in a worker process under a memory budget and a time limit,
//! in `extract` as in `run`; a document over its budget fails with its own
//! code and the next one goes on. Inputs are generated; no test is timed
//! (peaks and times are measured outside the tests: README, Limits).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use notice_extract::batch::{guard, worker};
use notice_extract::fetch::RawDocument;
use notice_extract::{Config, ErrorCode, Stage};

const EXE: &str = env!("CARGO_BIN_EXE_notice-extract");

/// A notice whose line of `50%` the pipeline reads 10,000 figures from:
/// about 150 MiB at its peak, far over a 64 MiB budget.
fn hungry() -> Vec<u8> {
    let mut s = String::from("关于印发若干政策的通知\n一、支持企业发展\n（一）加大奖励。");
    s.push_str(&"50%".repeat(2_000_000));
    s.push('\n');
    s.into_bytes()
}

const MEMO: &str =
    "关于印发若干政策的通知\n一、支持企业\n（一）给予100万元奖励。（责任单位：市财政局）\n";

fn with_worker(exe: impl Into<PathBuf>, max_mib: u64) -> Arc<Config> {
    let mut cfg = Config::default();
    cfg.worker.exe = Some(exe.into());
    cfg.worker.memory.max_bytes = max_mib << 20;
    Arc::new(cfg)
}

const LONG: Duration = Duration::from_secs(120);

#[test]
fn a_document_over_its_memory_budget_fails_and_the_next_one_extracts() {
    let cfg = with_worker(EXE, 64);
    let e = guard::extract_guarded(RawDocument::from_bytes("hungry.txt", hungry()), &cfg, LONG)
        .expect_err("over 64 MiB");
    assert_eq!(
        (e.code(), e.stage),
        (ErrorCode::MemoryBudget, Stage::Extract)
    );
    assert!(e.to_string().contains("64 MiB"), "{e}");
    assert_eq!(worker::idle_worker_pid(), None, "the worker is gone");

    let raw = RawDocument::from_bytes("memo.txt", MEMO.as_bytes().to_vec());
    let n = guard::extract_guarded(raw, &cfg, LONG).expect("the next one extracts");
    assert_eq!(n.clauses[0].responsible_units, ["市财政局"]);
    assert_eq!(n.amounts.len(), 1);
    // The same record as in this process.
    let alone = notice_extract::extract(
        &RawDocument::from_bytes("memo.txt", MEMO.as_bytes().to_vec()),
        &Config::default(),
    )
    .expect("extracts");
    assert_eq!(n, alone);
    let pid = worker::idle_worker_pid().expect("kept for the next document");
    let raw = RawDocument::from_bytes("memo2.txt", MEMO.as_bytes().to_vec());
    guard::extract_guarded(raw, &cfg, LONG).expect("again");
    assert_eq!(worker::idle_worker_pid(), Some(pid), "and reused");
}

#[test]
fn a_documents_own_error_crosses_the_worker_with_its_code() {
    let cfg = with_worker(EXE, 2048);
    let e = guard::extract_guarded(RawDocument::from_bytes("empty.txt", Vec::new()), &cfg, LONG)
        .expect_err("empty");
    assert_eq!(
        (e.code(), e.stage),
        (ErrorCode::EmptyDocument, Stage::Decode)
    );
    assert_eq!(e.to_string(), "empty document (0 bytes)");
}

/// A stand-in for the worker executable: a shell script.
fn stand_in(dir: &Path, name: &str, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt as _;
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write script");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    path
}

#[test]
fn a_worker_that_crashes_or_hangs_fails_its_document_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let memo = || RawDocument::from_bytes("memo.txt", MEMO.as_bytes().to_vec());

    let dies = stand_in(dir.path(), "dies.sh", "echo 'worker exploded' >&2\nexit 3");
    let e = guard::extract_guarded(memo(), &with_worker(dies, 2048), LONG).expect_err("no reply");
    assert_eq!(
        (e.code(), e.stage),
        (ErrorCode::WorkerFailed, Stage::Extract)
    );
    let msg = e.to_string();
    assert!(
        msg.contains("exit status 3") && msg.contains("worker exploded"),
        "{msg}"
    );

    let hangs = stand_in(dir.path(), "hangs.sh", "exec sleep 60");
    let t = std::time::Instant::now();
    let e = guard::extract_guarded(
        memo(),
        &with_worker(hangs, 2048),
        Duration::from_millis(300),
    )
    .expect_err("no reply in time");
    assert_eq!(e.code(), ErrorCode::ExtractTimeout);
    assert!(t.elapsed() < Duration::from_secs(30), "{:?}", t.elapsed());

    guard::extract_guarded(memo(), &with_worker(EXE, 2048), LONG).expect("a real worker");
}

fn write_inputs(dir: &Path) {
    // Sorted: the hungry one first, so with one job the memo is the next
    // document of the same extraction thread.
    std::fs::write(dir.join("a-hungry.txt"), hungry()).expect("write");
    std::fs::write(dir.join("b-memo.txt"), MEMO).expect("write");
}

#[test]
fn run_fails_the_document_over_budget_and_extracts_the_next() {
    let tmp = tempfile::tempdir().expect("tmp");
    let inputs = tmp.path().join("in");
    std::fs::create_dir(&inputs).expect("mkdir");
    write_inputs(&inputs);
    let out = tmp.path().join("out");
    let done = Command::new(EXE)
        .args(["run", "--jobs", "1", "--max-memory", "64", "--out"])
        .arg(&out)
        .arg(&inputs)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert_eq!(done.status.code(), Some(1), "{stderr}");
    let line = stderr
        .lines()
        .find(|l| l.contains("a-hungry.txt"))
        .expect("a line for it");
    assert!(line.contains("memory_budget"), "{line}");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).expect("report"))
            .expect("JSON");
    let docs = report["documents"].as_array().expect("documents");
    let by_input = |name: &str| {
        docs.iter()
            .find(|d| d["input"].as_str().is_some_and(|i| i.ends_with(name)))
            .expect(name)
    };
    let hungry = by_input("a-hungry.txt");
    assert_eq!(hungry["status"], "failure");
    assert_eq!(hungry["error"]["code"], "memory_budget");
    assert_eq!(hungry["error"]["stage"], "extract");
    assert_eq!(by_input("b-memo.txt")["status"], "success");
}

#[test]
fn extract_fails_the_document_over_budget_with_its_code() {
    let tmp = tempfile::tempdir().expect("tmp");
    write_inputs(tmp.path());
    let extract = |name: &str| {
        Command::new(EXE)
            .args(["extract", "--max-memory", "64"])
            .arg(tmp.path().join(name))
            .output()
            .expect("runs")
    };
    let done = extract("a-hungry.txt");
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert_eq!(done.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("a-hungry.txt: memory_budget: "), "{stderr}");
    assert!(done.stdout.is_empty());

    let done = extract("b-memo.txt");
    assert_eq!(done.status.code(), Some(0));
    let n: notice_extract::Notice = serde_json::from_slice(&done.stdout).expect("a record");
    assert_eq!(n.clauses[0].responsible_units, ["市财政局"]);
}

#[test]
fn out_of_range_counts_are_usage_errors() {
    let tmp = tempfile::tempdir().expect("tmp");
    for (flag, value) in [
        ("--jobs", "0"),
        ("--jobs", "100000000"),
        ("--concurrency", "0"),
        ("--concurrency", "-3"),
        ("--per-host", "0"),
        ("--max-memory", "1"),
    ] {
        let arg = format!("{flag}={value}");
        let done = Command::new(EXE)
            .args(["run", &arg, "--out"])
            .arg(tmp.path().join("out"))
            .arg(tmp.path())
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&done.stderr);
        assert_eq!(done.status.code(), Some(2), "{flag} {value}: {stderr}");
        assert!(stderr.starts_with("error: invalid value"), "{stderr}");
        assert!(
            stderr.contains(flag) && !stderr.contains("panicked"),
            "{stderr}"
        );
        assert!(!tmp.path().join("out").exists());
    }
}
