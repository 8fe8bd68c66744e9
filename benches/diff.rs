//! Diff of two runs: time for `diff` of two output folders of 5,000
//! notices each, against the time to just read and parse both folders.
//!
//! `cargo bench --bench diff` (env `BENCH_DOCS`, default 5000;
//! `BENCH_REPEAT`, default 3). The fixtures (`fixtures/html`,
//! `fixtures/text`) are replicated as in `benches/batch.rs`, each copy with
//! its own number, and run once (night 1); then the same input files are
//! rewritten with variations and run again into a second folder (night 2),
//! so the records keep their ids:
//!
//! - copy `i % 5 == 0`: unchanged;
//! - 1: an amount changed (every `50萬元` of the first such figure → `51萬元`);
//! - 2: clause (三) removed;
//! - 3: a sentence with an amount added to clause (二);
//! - 4: all three;
//! - and 1% of the notices gone, 1% new.
//!
//! Measured in this process, best of `BENCH_REPEAT`, with 1 and 2 rayon
//! threads: `read+parse` (both sets read in id order and every record
//! parsed, in the batches `diff` uses) and `diff` (the same, plus
//! `diff_records` per pair and every change serialized to JSON, as the
//! command prints it). `diff` skips parsing a pair whose bytes are equal,
//! so the unchanged fifth costs it less than the baseline.
//!
//! 2026-11-28, 2 cores, at `nice 19` beside a CI run: two nights of 5,000
//! notices (190 + 186 MB of records, 12,723 change lines), 1 thread: diff
//! 3.51 s (0.70 ms per notice) vs read+parse 3.20 s, 1.10×; 2 threads:
//! 3.92 s vs 3.80 s, 1.03×.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Instant;

use notice_extract::batch::{self, RunOptions};
use notice_extract::diff::set::{self, Outcome};
use notice_extract::output::read::{self, RawRecord, ReadError, Records};
use notice_extract::Config;
use rayon::prelude::*;
use regex::Regex;

fn main() {
    let docs: usize = env("BENCH_DOCS", 5000);
    let repeat: usize = env("BENCH_REPEAT", 3);
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    let seeds = seeds();
    let gone = docs / 100;

    // Night 1, then night 2 on the same paths (same ids).
    let t = Instant::now();
    write_inputs(&input, &seeds, 0..docs, false);
    let night1 = tmp.path().join("night1");
    run(&input, &night1);
    std::fs::remove_dir_all(&input).expect("clear inputs");
    write_inputs(&input, &seeds, gone..docs + gone, true);
    let night2 = tmp.path().join("night2");
    run(&input, &night2);
    let size = |d: &Path| std::fs::metadata(d.join("notices.ndjson")).map_or(0, |m| m.len());
    println!(
        "# {docs} notices a night ({} HTML/text seeds), {:.0} + {:.0} MB of records; runs took {:.0} s; {} cpus",
        seeds.len(),
        size(&night1) as f64 / 1e6,
        size(&night2) as f64 / 1e6,
        t.elapsed().as_secs_f64(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );

    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        let mut base = f64::INFINITY;
        let mut diff = f64::INFINITY;
        let mut found = (0, set::SetSummary::default());
        // Interleaved, so both meet the same neighbours on a shared machine.
        for _ in 0..repeat {
            let t = Instant::now();
            let parsed = pool.install(|| read_and_parse(&night1, &night2));
            base = base.min(t.elapsed().as_secs_f64());
            let t = Instant::now();
            found = pool.install(|| diff_folders(&night1, &night2));
            diff = diff.min(t.elapsed().as_secs_f64());
            assert_eq!(parsed, found.1.old + found.1.new, "both read every record");
        }
        let (lines, s) = found;
        println!(
            "threads={threads}: read+parse {base:.2} s, diff {diff:.2} s ({:.2} ms per notice), ratio diff / read+parse {:.2}",
            diff * 1e3 / docs as f64,
            diff / base
        );
        println!(
            "  {} change lines: {} added, {} removed, {} amended, {} unchanged in substance",
            lines,
            s.added,
            s.removed,
            s.amended,
            s.unchanged + s.other
        );
    }
}

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn open(dir: &Path) -> Box<dyn Iterator<Item = Result<RawRecord, ReadError>> + Send> {
    match read::open(dir).expect("a run folder") {
        Records::Set(s) => s.records().expect("opens"),
        Records::One(_) => panic!("{} is not a folder", dir.display()),
    }
}

/// The baseline: both sets read in id order, every record parsed on rayon
/// in batches of 64, nothing compared. Returns the records parsed.
fn read_and_parse(a: &Path, b: &Path) -> usize {
    let mut count = 0;
    for dir in [a, b] {
        let mut it = open(dir).peekable();
        while it.peek().is_some() {
            let batch: Vec<RawRecord> = it.by_ref().take(64).map(|r| r.expect("reads")).collect();
            count += batch
                .par_iter()
                .map(|r| usize::from(read::parse(r).is_ok()))
                .sum::<usize>();
        }
    }
    count
}

/// The diff as the command runs it, its JSON lines written to a sink.
fn diff_folders(a: &Path, b: &Path) -> (usize, set::SetSummary) {
    let mut out = std::io::BufWriter::new(std::io::sink());
    let mut lines = 0;
    let sum = set::diff_sets(open(a), open(b), |o| -> Result<(), ReadError> {
        if let Outcome::Changes { changes, .. } = o {
            for c in changes.iter().filter(|c| c.shown_by_default()) {
                serde_json::to_writer(&mut out, c).expect("serializes");
                out.write_all(b"\n").expect("sink");
                lines += 1;
            }
        }
        Ok(())
    })
    .expect("diff");
    (lines, sum)
}

fn run(input: &Path, out: &Path) {
    let mut files: Vec<String> = std::fs::read_dir(input)
        .expect("inputs")
        .flatten()
        .map(|e| e.path().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let sources = notice_extract::fetch::collect_sources(&files, None).expect("sources");
    let mut opts = RunOptions::new(out);
    opts.release = None;
    let report = batch::run_batch(&sources, &Config::default(), &opts)
        .expect("run")
        .report;
    assert_eq!(report.totals.failure, 0, "every copy extracts");
}

fn seeds() -> Vec<(String, String)> {
    let mut seeds = Vec::new();
    for sub in ["html", "text"] {
        for f in common::fixture_files(sub) {
            let ext = f
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("txt")
                .to_string();
            seeds.push((ext, std::fs::read_to_string(&f).expect("utf-8 fixture")));
        }
    }
    seeds
}

/// Copies `range` of the numbered fixtures into `dir`; the second night
/// with the variations of the module doc.
fn write_inputs(dir: &Path, seeds: &[(String, String)], range: std::ops::Range<usize>, vary: bool) {
    std::fs::create_dir_all(dir).expect("mkdir");
    for i in range {
        let (ext, text) = &seeds[i % seeds.len()];
        let mut text = text.clone();
        if vary {
            match i % 5 {
                1 => text = change_amount(&text),
                2 => text = remove_clause(&text),
                3 => text = add_sentence(&text),
                4 => text = add_sentence(&remove_clause(&change_amount(&text))),
                _ => {}
            }
        }
        let mark = format!("第{i}號");
        let body = if ext == "html" {
            match text.rfind("</body>") {
                Some(at) => format!("{}<p>{mark}</p>{}", &text[..at], &text[at..]),
                None => format!("{text}\n<p>{mark}</p>\n"),
            }
        } else {
            format!("{text}\n{mark}\n")
        };
        let p: PathBuf = dir.join(format!("n{i:05}.{ext}"));
        std::fs::write(&p, body).expect("write");
    }
}

static AMOUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([0-9]+)(萬元|万元)").expect("regex"));

/// The first figure in 萬元 one more, everywhere it is written (a page dump
/// holds the body twice).
fn change_amount(text: &str) -> String {
    let Some(c) = AMOUNT.captures(text) else {
        return text.to_string();
    };
    let n: u64 = c[1].parse().unwrap_or(0);
    text.replace(&c[0], &format!("{}{}", n + 1, &c[2]))
}

fn find_label(text: &str, from: usize, label: &str) -> Option<usize> {
    [format!("({label})"), format!("（{label}）")]
        .iter()
        .filter_map(|l| text[from..].find(l.as_str()).map(|p| p + from))
        .min()
}

/// Clause (三) cut up to (四), everywhere it is written.
fn remove_clause(text: &str) -> String {
    let Some(a) = find_label(text, 0, "三") else {
        return text.to_string();
    };
    match find_label(text, a, "四") {
        Some(b) if b - a < 4000 => text.replace(&text[a..b], ""),
        _ => text.to_string(),
    }
}

/// A sentence with an amount after the first sentence of clause (二).
fn add_sentence(text: &str) -> String {
    let Some(a) = find_label(text, 0, "二") else {
        return text.to_string();
    };
    let Some(end) = text[a..].find('。').map(|e| a + e + '。'.len_utf8()) else {
        return text.to_string();
    };
    let first = &text[a..end];
    text.replace(
        first,
        &format!("{first}對符合條件的企業另給予最高20萬元獎勵。"),
    )
}
