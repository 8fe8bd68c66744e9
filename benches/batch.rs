//! Batch throughput: the whole pipeline (read → decode → structure →
//! entities → record → schema check → atomic writes, NDJSON, report) over
//! thousands of local notices, with 1 and 2 rayon threads.
//!
//! `cargo bench --bench batch` (env `BENCH_DOCS`, default 5000). The
//! fixtures (`fixtures/html`, `fixtures/text`) are replicated into a temp
//! dir with a number written into each copy, so every copy has its own id
//! and hash. Each measurement runs in a child process (this binary again,
//! `BENCH_CHILD=jobs:docs`), so its peak RSS (VmHWM) is its own; a run on a
//! fifth of the documents shows whether memory grows with their number.
//! When `python3 -c "import trafilatura"` works, `benches/anchor_trafilatura.py`
//! runs on the same HTML copies and the docs/s ratio is printed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use notice_extract::batch::{self, RunOptions};
use notice_extract::Config;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");

fn main() {
    if let Ok(spec) = std::env::var("BENCH_CHILD") {
        child(&spec);
        return;
    }
    let docs: usize = std::env::var("BENCH_DOCS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5000);
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    let (bytes, html) = replicate(&input, docs);
    println!(
        "# {docs} notices ({:.1} MB; {} HTML), {} cpus",
        bytes as f64 / 1e6,
        html.len(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let exe = std::env::current_exe().expect("current exe");
    let measure = |jobs: usize, n: usize, only: &str| -> Stats {
        let out = tmp.path().join(format!("out-{jobs}-{n}-{only}"));
        let o = Command::new(&exe)
            .env("BENCH_CHILD", format!("{jobs}:{n}:{only}"))
            .env("BENCH_IN", &input)
            .env("BENCH_OUT", &out)
            .output()
            .expect("child");
        let text = String::from_utf8_lossy(&o.stdout);
        let s = Stats::parse(&text).unwrap_or_else(|| {
            panic!(
                "child failed: {text} {}",
                String::from_utf8_lossy(&o.stderr)
            )
        });
        println!(
            "{only} jobs={jobs} docs={} time={:.2}s docs/s={:.0} MB/s={:.2} peak_rss={:.0}MB failures={}",
            s.docs,
            s.secs,
            s.docs as f64 / s.secs,
            s.bytes as f64 / 1e6 / s.secs,
            s.rss_kb as f64 / 1024.0,
            s.failures
        );
        s
    };
    let one = measure(1, docs, "all");
    let two = measure(2, docs, "all");
    let small = measure(2, docs / 5, "all");
    println!(
        "speed-up 1->2 threads: {:.2}x; peak RSS {} docs / {} docs: {:.2}",
        one.secs / two.secs,
        docs,
        docs / 5,
        two.rss_kb as f64 / small.rss_kb as f64
    );
    let html_one = measure(1, docs, "html");
    anchor(&html, &html_one);
}

/// Copies of the fixtures, `n` in all; returns total bytes and HTML paths.
fn replicate(dir: &Path, n: usize) -> (u64, Vec<PathBuf>) {
    std::fs::create_dir_all(dir).expect("mkdir");
    let mut seeds = Vec::new();
    for sub in ["html", "text"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(format!("{FIXTURES}/{sub}"))
            .expect("fixtures")
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for f in files {
            seeds.push((
                f.clone(),
                std::fs::read_to_string(&f).expect("utf-8 fixture"),
            ));
        }
    }
    let mut total = 0;
    let mut html = Vec::new();
    for i in 0..n {
        let (path, text) = &seeds[i % seeds.len()];
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("txt");
        let mark = format!("第{i}號");
        let body = if ext == "html" {
            match text.rfind("</body>") {
                Some(at) => format!("{}<p>{mark}</p>{}", &text[..at], &text[at..]),
                None => format!("{text}\n<p>{mark}</p>\n"),
            }
        } else {
            format!("{text}\n{mark}\n")
        };
        let p = dir.join(format!("n{i:05}.{ext}"));
        std::fs::write(&p, &body).expect("write");
        total += body.len() as u64;
        if ext == "html" {
            html.push(p);
        }
    }
    (total, html)
}

struct Stats {
    docs: usize,
    bytes: u64,
    secs: f64,
    rss_kb: u64,
    failures: usize,
}

impl Stats {
    fn parse(s: &str) -> Option<Stats> {
        let line = s.lines().find(|l| l.starts_with("STATS "))?;
        let v: Vec<&str> = line.split_whitespace().skip(1).collect();
        Some(Stats {
            docs: v.first()?.parse().ok()?,
            bytes: v.get(1)?.parse().ok()?,
            secs: v.get(2)?.parse().ok()?,
            rss_kb: v.get(3)?.parse().ok()?,
            failures: v.get(4)?.parse().ok()?,
        })
    }
}

/// One measured run in this process; prints a `STATS` line.
fn child(spec: &str) {
    let mut parts = spec.split(':');
    let jobs: usize = parts.next().and_then(|s| s.parse().ok()).expect("jobs");
    let n: usize = parts.next().and_then(|s| s.parse().ok()).expect("docs");
    let html_only = parts.next() == Some("html");
    let input = PathBuf::from(std::env::var("BENCH_IN").expect("BENCH_IN"));
    let out = PathBuf::from(std::env::var("BENCH_OUT").expect("BENCH_OUT"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&input)
        .expect("input")
        .flatten()
        .map(|e| e.path())
        .filter(|p| !html_only || p.extension().is_some_and(|e| e == "html"))
        .collect();
    files.sort();
    files.truncate(n);
    let bytes: u64 = files
        .iter()
        .map(|f| f.metadata().map_or(0, |m| m.len()))
        .sum();
    let inputs: Vec<String> = files
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    let sources = batch::collect_sources(&inputs, None).expect("sources");
    let mut opts = RunOptions::new(&out);
    opts.jobs = Some(jobs);
    // The open-data tables hold every record at once: measured apart from
    // the per-document pipeline, whose memory must stay flat.
    opts.release = None;
    let t = Instant::now();
    let report = batch::run_batch(&sources, &Config::default(), &opts).expect("run");
    let secs = t.elapsed().as_secs_f64();
    println!(
        "STATS {} {bytes} {secs} {} {}",
        report.totals.documents,
        peak_rss_kb(),
        report.totals.failure,
    );
}

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// trafilatura on the same HTML copies (a sample: it is slow), one process.
fn anchor(html: &[PathBuf], ours: &Stats) {
    let ok = Command::new("python3")
        .args(["-c", "import trafilatura"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        println!("trafilatura not installed (pip install trafilatura lxml_html_clean): no ratio");
        return;
    }
    let sample: Vec<&PathBuf> = html.iter().take(300).collect();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/anchor_trafilatura.py");
    let o = Command::new("python3")
        .arg(script)
        .args(["--warmup", "0"])
        .args(&sample)
        .output()
        .expect("python3");
    let text = String::from_utf8_lossy(&o.stdout);
    let Some(total) = text.lines().find(|l| l.starts_with("TOTAL")) else {
        println!("anchor failed: {}", String::from_utf8_lossy(&o.stderr));
        return;
    };
    println!(
        "trafilatura (1 process, {} HTML files): {total}",
        sample.len()
    );
    let theirs: f64 = total
        .split_whitespace()
        .find_map(|kv| kv.strip_prefix("docs_per_s="))
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN);
    // Ours: the whole pipeline on the HTML copies with one thread, writes
    // and schema checks included (trafilatura writes nothing): a fair floor.
    let ours_html = ours.docs as f64 / ours.secs;
    println!(
        "notice-extract HTML, 1 thread, whole pipeline: {ours_html:.0} docs/s; \
         ratio to trafilatura: {:.1}x",
        ours_html / theirs
    );
}
