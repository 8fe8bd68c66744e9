//! Batch throughput: the whole pipeline (read → decode → structure →
//! entities → record → schema check → atomic writes, NDJSON, report) over
//! thousands of local notices, with 1 and 2 rayon threads, the open-data
//! release (CSV tables, datapackage) included.
//!
//! `cargo bench --bench batch` (env `BENCH_DOCS`, default 5000). The
//! fixtures (`fixtures/html`, `fixtures/text`) are replicated into a temp
//! dir with a number written into each copy, so every copy has its own id
//! and hash. Each measurement runs in a child process (this binary again,
//! `BENCH_CHILD=jobs:docs`), so its peak RSS (VmHWM) is its own; a run on a
//! fifth of the documents shows whether memory grows with their number.
//! When `python3 -c "import trafilatura"` works, `benches/anchor_trafilatura.py`
//! runs on the same HTML copies and the docs/s ratio is printed. Every
//! figure is the best of `BENCH_REPEAT` runs (default 3).
//!
//! The baseline measured in the same run: html5ever's parse alone over the
//! same HTML copies, interleaved with the HTML pipeline runs; the pipeline's
//! HTML docs/s is printed as a ratio to it, the figure to compare between
//! commits (docs/s alone moves with the machine's load).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use notice_extract::batch::{self, RunOptions};
use notice_extract::fetch::collect_sources;
use notice_extract::Config;

/// The binary's allocator (`src/main.rs`), so the pipeline is measured as
/// `notice-extract run` runs it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    let repeat: usize = std::env::var("BENCH_REPEAT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let mut run_no = 0;
    let mut measure = |jobs: usize, n: usize, only: &str| -> Stats {
        run_no += 1;
        let out = tmp.path().join(format!("out-{run_no}"));
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
    // The machine is shared: each figure is the best of `repeat` runs, the
    // 1- and 2-thread runs interleaved so both meet the same neighbours.
    let mut best = |configs: &[(usize, usize, &str)]| -> Vec<Stats> {
        let mut best: Vec<Option<Stats>> = configs.iter().map(|_| None).collect();
        for _ in 0..repeat {
            for (b, &(jobs, n, only)) in best.iter_mut().zip(configs) {
                let s = measure(jobs, n, only);
                if b.as_ref().is_none_or(|b| s.secs < b.secs) {
                    *b = Some(s);
                }
            }
        }
        best.into_iter().map(|b| b.expect("repeat >= 1")).collect()
    };
    let mut all = best(&[(1, docs, "all"), (2, docs, "all"), (2, docs / 5, "all")]).into_iter();
    let (one, two, small) = (
        all.next().expect("one"),
        all.next().expect("two"),
        all.next().expect("small"),
    );
    println!(
        "best of {repeat}: 1 thread {:.0} docs/s, 2 threads {:.0} docs/s",
        one.docs as f64 / one.secs,
        two.docs as f64 / two.secs
    );
    println!(
        "speed-up 1->2 threads: {:.2}x; peak RSS {} docs / {} docs: {:.2}",
        one.secs / two.secs,
        docs,
        docs / 5,
        two.rss_kb as f64 / small.rss_kb as f64
    );
    // The HTML runs and their same-run baseline, html5ever's parse alone
    // over the same copies, interleaved round by round so both meet the
    // same neighbours: the ratio of the two is the figure to compare from
    // one commit (or machine, or load) to another, where docs/s alone
    // moves with whatever else the machine is doing.
    let (mut html_one, mut html_two): (Option<Stats>, Option<Stats>) = (None, None);
    let mut parse_secs = f64::INFINITY;
    for _ in 0..repeat {
        for (b, jobs) in [(&mut html_one, 1), (&mut html_two, 2)] {
            let s = measure(jobs, docs, "html");
            if b.as_ref().is_none_or(|b| s.secs < b.secs) {
                *b = Some(s);
            }
        }
        parse_secs = parse_secs.min(parse_once(&html));
    }
    let (html_one, html_two) = (html_one.expect("one"), html_two.expect("two"));
    let parse_only = html.len() as f64 / parse_secs;
    let pipeline_one = html_one.docs as f64 / html_one.secs;
    println!("baseline: html5ever parse alone, 1 thread: {parse_only:.0} docs/s");
    println!(
        "ratio to the baseline (same run, best of {repeat}): whole pipeline on HTML, 1 thread \
         {pipeline_one:.0} docs/s = {:.3}x html5ever's parse alone",
        pipeline_one / parse_only
    );
    anchor(&html, &html_one, &html_two, parse_only);
}

/// Seconds html5ever alone (read, UTF-8 check, `Html::parse_document`)
/// takes over the HTML copies, one thread: what the pipeline could reach
/// if nothing but parsing the page were left, and the baseline its
/// figures are divided by.
fn parse_once(html: &[PathBuf]) -> f64 {
    let t = Instant::now();
    for p in html {
        let bytes = std::fs::read(p).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        std::hint::black_box(scraper::Html::parse_document(&text));
    }
    t.elapsed().as_secs_f64()
}

/// Copies of the fixtures, `n` in all; returns total bytes and HTML paths.
fn replicate(dir: &Path, n: usize) -> (u64, Vec<PathBuf>) {
    std::fs::create_dir_all(dir).expect("mkdir");
    let mut seeds = Vec::new();
    for sub in ["html", "text"] {
        for f in common::fixture_files(sub) {
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
    let sources = collect_sources(&inputs, None).expect("sources");
    let mut opts = RunOptions::new(&out);
    opts.jobs = Some(jobs);
    // The open-data release (CSV tables, datapackage.json) is written as in
    // a real run: it reads the records back one at a time.
    let t = Instant::now();
    let report = batch::run_batch(&sources, &Config::default(), &opts)
        .expect("run")
        .report;
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

/// trafilatura on the same HTML copies (a sample: it is slow), in one
/// process and in two (`--jobs 2`, wall clock), so the ratios compare equal
/// numbers of cores as well as each tool's default (ours uses every core,
/// trafilatura one).
fn anchor(html: &[PathBuf], one: &Stats, two: &Stats, parse_only: f64) {
    let ok = Command::new("python3")
        .args(["-c", "import trafilatura"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        println!("trafilatura not installed (pip install trafilatura lxml_html_clean): no ratio");
        return;
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/anchor_trafilatura.py");
    let run = |jobs: usize, files: usize| -> Option<f64> {
        let sample: Vec<&PathBuf> = html.iter().take(files).collect();
        let o = Command::new("python3")
            .arg(script)
            .args(["--warmup", "0", "--jobs", &jobs.to_string()])
            .args(&sample)
            .output()
            .ok()?;
        let text = String::from_utf8_lossy(&o.stdout);
        let Some(total) = text.lines().find(|l| l.starts_with("TOTAL")) else {
            println!("anchor failed: {}", String::from_utf8_lossy(&o.stderr));
            return None;
        };
        println!(
            "trafilatura ({jobs} process(es), {} HTML files): {total}",
            sample.len()
        );
        total
            .split_whitespace()
            .find_map(|kv| kv.strip_prefix("docs_per_s="))
            .and_then(|v| v.parse().ok())
    };
    let (Some(t1), Some(t2)) = (run(1, 300), run(2, 600)) else {
        return;
    };
    // Ours: the whole pipeline on the HTML copies, writes and schema checks
    // included (trafilatura writes nothing, and its one-process time counts
    // only its extract() calls): a fair floor.
    let (o1, o2) = (one.docs as f64 / one.secs, two.docs as f64 / two.secs);
    println!(
        "notice-extract HTML, whole pipeline: 1 thread {o1:.0} docs/s, 2 threads {o2:.0} docs/s"
    );
    println!(
        "ratio to trafilatura: 1 thread / 1 process {:.1}x; 2 threads / 2 processes {:.1}x; \
         defaults (2 threads / 1 process) {:.1}x",
        o1 / t1,
        o2 / t2,
        o2 / t1
    );
    println!(
        "ceiling: html5ever's parse alone is {:.1}x trafilatura (1 thread / 1 process)",
        parse_only / t1
    );
}
