//! PDF throughput: the whole extraction (`notice_extract::extract`: decode,
//! repair, structure, entities, schema) against `pdftotext` (poppler)
//! on the same fixture PDFs in the same run, in pages per second; plus the
//! two backends side by side (speed, common-hanzi share, radicals, order
//! agreement with pdftotext), the numbers behind the backend order.
//!
//!     cargo bench --bench pdf            # all fixture PDFs, 5 rounds
//!
//! The baseline is skipped, with a message, when `pdftotext` is missing
//! (`apt-get install poppler-utils`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use notice_extract::decode::pdf::{backend, quality};
use notice_extract::fetch::RawDocument;
use notice_extract::{extract, Config};

const ROUNDS: usize = 5;

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/pdf")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    v.sort();
    v
}

/// Best of `ROUNDS` runs (the machine is shared: the minimum is the least
/// disturbed measurement).
fn best<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut out = None;
    let mut best = Duration::MAX;
    for _ in 0..ROUNDS {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed());
        out = Some(v);
    }
    (best, out.expect("ROUNDS > 0"))
}

fn pdftotext(path: &Path) -> Option<String> {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Share of the reference's ideograph 6-grams found in `text`: 1.0 when
/// the reading order agrees, lower when lines or cells come out elsewhere.
fn order_agreement(reference: &str, text: &str) -> f64 {
    let han = |s: &str| -> Vec<char> {
        s.chars()
            .filter(|c| matches!(c, '\u{4E00}'..='\u{9FFF}'))
            .collect()
    };
    let grams =
        |v: &[char]| -> HashSet<String> { v.windows(6).map(|w| w.iter().collect()).collect() };
    let (r, t) = (han(reference), han(text));
    let (gr, gt) = (grams(&r), grams(&t));
    if gr.is_empty() {
        return 1.0;
    }
    gr.intersection(&gt).count() as f64 / gr.len() as f64
}

fn main() {
    let files = fixtures();
    let have_pdftotext = Command::new("pdftotext")
        .arg("-v")
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if !have_pdftotext {
        println!("pdftotext not found: baseline skipped (apt-get install poppler-utils)");
    }

    println!("## backends (in process, best of {ROUNDS})");
    println!(
        "{:<40} {:<12} {:>5} {:>9} {:>8} {:>7} {:>8} {:>6}",
        "file", "backend", "pages", "ms", "letters", "common", "radicals", "order"
    );
    for f in &files {
        let bytes = std::fs::read(f).expect("read fixture");
        let reference = if have_pdftotext { pdftotext(f) } else { None };
        for name in ["oxidize-pdf", "pdf-extract"] {
            let b = backend::backend_by_name(name).expect("known backend");
            let (t, r) = best(|| backend::run_guarded(b, &bytes));
            match r {
                Ok(pages) => {
                    let st = quality::text_stats(&pages);
                    let text: String = pages
                        .iter()
                        .flat_map(|p| &p.lines)
                        .map(|l| l.text.as_str())
                        .collect::<Vec<_>>()
                        .join("\n");
                    let order = reference
                        .as_deref()
                        .map(|r| format!("{:.3}", order_agreement(r, &text)))
                        .unwrap_or_else(|| "-".into());
                    println!(
                        "{:<40} {:<12} {:>5} {:>9.1} {:>8} {:>7.3} {:>8} {:>6}",
                        f.file_name().unwrap_or_default().to_string_lossy(),
                        name,
                        pages.len(),
                        t.as_secs_f64() * 1e3,
                        st.letters,
                        st.common_share(),
                        st.radicals,
                        order
                    );
                }
                Err(e) => println!(
                    "{:<40} {:<12} error {}",
                    f.file_name().unwrap_or_default().to_string_lossy(),
                    name,
                    e.code()
                ),
            }
        }
    }

    println!();
    println!("## whole extraction vs pdftotext (best of {ROUNDS}, pages/s)");
    let mut in_process = Config::default();
    in_process.decode.pdf.worker = None;
    let mut worker = Config::default();
    worker.decode.pdf.worker = Some(PathBuf::from(env!("CARGO_BIN_EXE_notice-extract")));
    let (mut pages_total, mut t_worker, mut t_in, mut t_ref) =
        (0usize, Duration::ZERO, Duration::ZERO, Duration::ZERO);
    println!(
        "{:<40} {:>5} {:>12} {:>12} {:>12}",
        "file", "pages", "worker", "in-process", "pdftotext"
    );
    for f in &files {
        let bytes = std::fs::read(f).expect("read fixture");
        let raw = RawDocument::from_bytes(&f.to_string_lossy(), bytes.clone());
        let pages = backend::run_guarded(&backend::OxidizePdf, &bytes)
            .map(|p| p.len())
            .unwrap_or(0);
        let (tw, rw) = best(|| extract(&raw, &worker));
        let (ti, ri) = best(|| extract(&raw, &in_process));
        if let Err(e) = rw.and(ri) {
            println!("{}: extraction failed: {e}", f.display());
            continue;
        }
        let tr = if have_pdftotext {
            best(|| pdftotext(f)).0
        } else {
            Duration::ZERO
        };
        let pps = |t: Duration| pages as f64 / t.as_secs_f64().max(1e-9);
        println!(
            "{:<40} {:>5} {:>12.1} {:>12.1} {:>12}",
            f.file_name().unwrap_or_default().to_string_lossy(),
            pages,
            pps(tw),
            pps(ti),
            if have_pdftotext {
                format!("{:.1}", pps(tr))
            } else {
                "-".into()
            }
        );
        pages_total += pages;
        t_worker += tw;
        t_in += ti;
        t_ref += tr;
    }
    let pps = |t: Duration| pages_total as f64 / t.as_secs_f64().max(1e-9);
    println!(
        "{:<40} {:>5} {:>12.1} {:>12.1} {:>12}",
        "total",
        pages_total,
        pps(t_worker),
        pps(t_in),
        if have_pdftotext {
            format!("{:.1}", pps(t_ref))
        } else {
            "-".into()
        }
    );
    if have_pdftotext {
        println!(
            "ratio (ours / pdftotext, pages per second): worker {:.2}x, in-process {:.2}x",
            pps(t_worker) / pps(t_ref),
            pps(t_in) / pps(t_ref)
        );
    }
}
