//! Whole-process PDF throughput: `notice-extract run` over 20 real PDFs
//! (the four real fixture PDFs, five copies each) against poppler's
//! `pdftotext` on the same files, side by side in one run, in pages per
//! second. Everything a user waits for is in: process start, the PDF
//! workers, structure, entities, schema checks, records, NDJSON, release
//! tables and report.
//!
//!     cargo bench --bench pdf_run       # 5 rounds, best of each
//!
//! `pdftotext` is timed one process per file, as a shell loop runs it, one
//! file at a time and as many at once as there are cores (`xargs -P`);
//! `run` with its default threads (one per core) and with `--jobs 1`. The
//! rounds alternate the tools, so a burst of load on the shared machine
//! hits both. Skipped, with a message, when `pdftotext` is missing
//! (`apt-get install poppler-utils`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use notice_extract::decode::pdf::backend;

const ROUNDS: usize = 5;
const COPIES: usize = 5;
const EXE: &str = env!("CARGO_BIN_EXE_notice-extract");

/// The real PDFs among the fixtures (the handmade one-pager is left out).
fn real_pdfs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/pdf")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .filter(|p| !p.to_string_lossy().contains("handmade"))
        .collect();
    v.sort();
    v
}

fn pdftotext(file: &Path, out: &Path) -> bool {
    Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(file)
        .arg(out)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `pdftotext` on every file, `parallel` processes at a time.
fn pdftotext_all(files: &[PathBuf], out: &Path, parallel: usize) -> Duration {
    let next = AtomicUsize::new(0);
    let t = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..parallel {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(f) = files.get(i) else { break };
                let txt = out.join(format!("{i}.txt"));
                assert!(pdftotext(f, &txt), "pdftotext failed on {}", f.display());
            });
        }
    });
    t.elapsed()
}

/// `notice-extract run --out OUT IN` from a fresh folder, every document a
/// success.
fn run(input: &Path, out: &Path, jobs: Option<usize>) -> Duration {
    let _ = std::fs::remove_dir_all(out);
    let mut cmd = Command::new(EXE);
    cmd.arg("run").arg("--out").arg(out).arg(input);
    if let Some(j) = jobs {
        cmd.arg("--jobs").arg(j.to_string());
    }
    let t = Instant::now();
    let o = cmd.stderr(Stdio::piped()).output().expect("run");
    let elapsed = t.elapsed();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "run failed: {err}");
    assert!(err.contains(" 0 failure"), "a PDF failed: {err}");
    elapsed
}

fn main() {
    let have = Command::new("pdftotext")
        .arg("-v")
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if !have {
        println!("pdftotext not found: bench skipped (apt-get install poppler-utils)");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).expect("mkdir");
    let mut files = Vec::new();
    let mut pages = 0usize;
    for f in real_pdfs() {
        let bytes = std::fs::read(&f).expect("read fixture");
        let n = backend::run_guarded(&backend::OxidizePdf, &bytes)
            .map(|p| p.len())
            .expect("fixture parses");
        let name = f.file_name().expect("name").to_string_lossy().into_owned();
        for k in 0..COPIES {
            let copy = input.join(format!("copy{k}-{name}"));
            std::fs::write(&copy, &bytes).expect("copy");
            files.push(copy);
            pages += n;
        }
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let text = tmp.path().join("text");
    std::fs::create_dir(&text).expect("mkdir");
    let out = tmp.path().join("out");

    let mut best = [Duration::MAX; 4];
    for _ in 0..ROUNDS {
        let times = [
            pdftotext_all(&files, &text, 1),
            run(&input, &out, None),
            pdftotext_all(&files, &text, cores),
            run(&input, &out, Some(1)),
        ];
        for (b, t) in best.iter_mut().zip(times) {
            *b = (*b).min(t);
        }
    }
    let pps = |t: Duration| pages as f64 / t.as_secs_f64();
    println!(
        "## whole process, {} PDFs, {pages} pages, {cores} cores, best of {ROUNDS}",
        files.len()
    );
    let rows = [
        ("pdftotext, one file at a time", best[0]),
        ("pdftotext, one process per core at once", best[2]),
        ("notice-extract run (one thread per core)", best[1]),
        ("notice-extract run --jobs 1", best[3]),
    ];
    for (what, t) in rows {
        println!(
            "{what:<42} {:>8.0} ms {:>8.1} pages/s",
            t.as_secs_f64() * 1e3,
            pps(t)
        );
    }
    println!(
        "ratio run / pdftotext (pages per second): {:.2}x one file at a time, {:.2}x one per core; \
         run --jobs 1 / pdftotext one at a time: {:.2}x",
        pps(best[1]) / pps(best[0]),
        pps(best[1]) / pps(best[2]),
        pps(best[3]) / pps(best[0]),
    );
}
