//! The batch runner: many sources (files, directories, URLs) in, an output
//! folder of records, an NDJSON file, a report and the open-data tables
//! out; one bad notice never stops the run.
//!
//! [`run_batch`] in order:
//!
//! 1. open the output folder ([`OutputDir`]: locked, swept of a killed
//!    run's temp files);
//! 2. take this run's share of the sources ([`crate::fetch::Shard`]); a
//!    second input with an id already seen is `skipped`;
//! 3. read what the last run left (`report.json`): a document whose bytes
//!    (or a 304) match its current record keeps it;
//! 4. fetch the URLs into the cache, off the rayon pool
//!    ([`crate::fetch::Prefetch`]);
//! 5. process each document on rayon ([`process_one`]): open it, keep its
//!    record or extract it under the [`guard`], write the record;
//! 6. compare the records with the last run's ([`changes`]: still in
//!    `notices.ndjson`) into `changes.ndjson`, keeping changed records'
//!    versions with `--history` ([`history`]);
//! 7. write `notices.ndjson`, `report.json` and the release tables from
//!    the records on disk (a record written in this run gives its table
//!    rows as it is written, so it is not parsed again), each atomically,
//!    so a killed run leaves only complete files and the next run finishes
//!    the work.

pub mod attachments;
pub mod changes;
mod finish;
pub mod guard;
pub mod history;
pub mod merge;
pub mod report;
pub mod summary;
pub mod worker;

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::error::DocErrorKind;
use crate::fetch::{Body, Opened, Origin, Prefetch, PrefetchError, Shard, Source};
use crate::model::{Notice, Stage, WarningCode};
use crate::output::dir::{OutputDir, OutputError, REPORT};
use crate::output::json;
use crate::output::release::{self, ReleaseOptions};
use crate::{Config, DocError};

pub use attachments::{AttachmentMode, AttachmentOptions};
pub use changes::ChangeTotals;
pub use history::History;
pub use merge::merge;
pub use report::{
    extractor_version, DocReport, ErrorInfo, Report, Status, Timings, Totals,
    FIXTURE_RECORDS_SHA256, REPORT_SCHEMA_VERSION, RULES_REVISION,
};
pub use summary::{RecordCounts, Summary};

use finish::{finish, Changes};
use guard::Extraction;

/// Options of a run (the batch runner's own; stages get `Config`).
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Output directory; created if missing.
    pub out: PathBuf,
    /// Raw-response cache. Default `<out>/cache`.
    pub cache: Option<PathBuf>,
    /// Read URLs from the cache only, no network.
    pub offline: bool,
    /// Process only this share of the inputs.
    pub shard: Option<Shard>,
    /// Failed documents tolerated before the exit status is 1. Default 0.
    pub max_failures: usize,
    /// Put `timings_ms` in the report (makes it differ between runs).
    pub timings: bool,
    /// Extraction time per document before it is given up. Default 120 s;
    /// with OCR on, the OCR document limit is allowed on top.
    pub extract_timeout: Duration,
    /// Rayon threads for extraction; `None`: one per core.
    pub jobs: Option<usize>,
    /// Draw a progress bar when stderr is a terminal.
    pub progress: bool,
    /// Write the open-data tables and `datapackage.json` beside the records
    /// (`output::release`). Default `Some(ReleaseOptions::default())`:
    /// no `created` date, so identical inputs give identical folders.
    /// `None` skips them.
    pub release: Option<ReleaseOptions>,
    /// Keep every version of a changed record in this folder
    /// ([`history`]). Default `None`: only the current records are kept.
    pub history: Option<PathBuf>,
    /// What to do with the attachment links of pages (`--attachments`).
    /// Default: fetch those of pages given by URL.
    pub attachments: AttachmentOptions,
}

impl RunOptions {
    /// Defaults for an output directory.
    pub fn new(out: impl Into<PathBuf>) -> Self {
        RunOptions {
            out: out.into(),
            cache: None,
            offline: false,
            shard: None,
            max_failures: 0,
            timings: false,
            extract_timeout: Duration::from_secs(120),
            jobs: None,
            progress: false,
            release: Some(ReleaseOptions::default()),
            history: None,
            attachments: AttachmentOptions::default(),
        }
    }
}

/// Why a run could not proceed (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error(transparent)]
    Fetch(#[from] PrefetchError),
    #[error("cannot write the open-data tables: {0}")]
    Release(#[from] release::ReleaseError),
    #[error(transparent)]
    Changes(#[from] changes::ChangesError),
    #[error("cannot build the thread pool: {0}")]
    Pool(String),
    #[error("cannot merge {path}: {message}")]
    Merge { path: PathBuf, message: String },
}

/// A finished run (or merge): the report it wrote and its summary.
#[derive(Debug, Clone)]
pub struct Finished {
    pub report: Report,
    pub summary: Summary,
}

/// Runs a batch: see the module doc for the order of work.
///
/// # Errors
/// A [`BatchError`] only when the run cannot proceed (output folder not
/// writable or in use, HTTP client not available); every document's
/// trouble is in the returned report instead.
pub fn run_batch(
    sources: &[Source],
    cfg: &Config,
    opts: &RunOptions,
) -> Result<Finished, BatchError> {
    let out = OutputDir::open(&opts.out)?;
    let history = opts.history.as_deref().map(History::open).transpose()?;
    let (work, skipped) = select(sources, opts.shard);
    let kept = records_to_keep(&out);
    let cache = opts.cache.clone().unwrap_or_else(|| out.default_cache());
    let fetched = Prefetch::run(&work, &cache, &cfg.fetch, opts.offline)?;
    let mut cfg = cfg.clone();
    if let Some(n) = opts.jobs {
        // OCR programs share the run's thread budget.
        cfg.decode.ocr.slots = crate::decode::ocr::Slots::new(n);
    }
    let mut run = Run {
        cfg: Arc::new(cfg),
        opts,
        out: &out,
        kept,
        fetched,
        parents: HashMap::new(),
    };
    let mut processed = in_pool(opts.jobs, || process_all(&work, &run))?;
    let followed = if opts.attachments.mode == AttachmentMode::Fetch {
        attachments::follow(&work, &mut processed, &mut run, &cache)?
    } else {
        Vec::new()
    };

    let mut summary = Summary::new(&opts.out);
    let mut entries = skipped;
    let mut made = HashMap::new();
    for (src, mut p) in work.iter().zip(processed) {
        summary.count(&p);
        p.take_made(&src.id, &mut made);
        entries.push(run.entry(src, p));
    }
    for (src, mut p) in followed {
        summary.count(&p);
        p.take_made(&src.id, &mut made);
        let mut e = run.entry(&src, p);
        e.parent = run.parents.get(&src.id).cloned();
        entries.push(e);
    }
    let report = Report::from_documents(entries);
    // On the run's threads too: `finish` parses the records in parallel.
    in_pool(opts.jobs, || {
        finish(
            &out,
            report,
            opts.release.as_ref(),
            summary,
            Changes::SinceLastRun(history.as_ref()),
            made,
        )
    })?
}

/// What one document's processing needs, shared by the rayon workers.
struct Run<'a> {
    cfg: Arc<Config>,
    opts: &'a RunOptions,
    out: &'a OutputDir,
    /// The last run's entries of documents whose record is current, by id.
    kept: HashMap<String, DocReport>,
    fetched: Prefetch,
    /// Attachments being processed: their page's id, by their id.
    parents: HashMap<String, String>,
}

/// What became of one document in this run.
enum Outcome {
    /// A record was made and written.
    Extracted {
        warnings: usize,
        lost_content: Vec<WarningCode>,
        /// What the final pass needs of it, taken from it in memory;
        /// `None` once [`run_batch`] has taken it out for [`finish`].
        made: Option<Made>,
    },
    /// The last run's record stands: same bytes, or a 304 for them.
    Kept,
    /// No new record.
    Failed(DocError),
}

/// What [`finish`] needs of a record written in this run, made on the
/// worker thread that wrote it, from the record in memory: its summary
/// counts and, with a release, its table rows (CSV lines) and its file's
/// digest. The final pass then reads that record's file only to copy it,
/// minified, into `notices.ndjson`, and parses nothing; a record this run
/// did not write (kept from the last run, or a shard's in `merge`) is
/// still read and parsed there. It holds no record: the rows are about a
/// fifth of a record's bytes, so a run of 10,000 notices keeps some tens
/// of MB of them until the end.
struct Made {
    counts: RecordCounts,
    rows: Option<release::PreparedRecord>,
}

/// A processed document: its outcome and what was seen on the way.
struct Processed {
    outcome: Outcome,
    http_status: Option<u16>,
    not_modified: bool,
    /// Size and SHA-256 of the bytes, once read.
    raw: Option<(u64, String)>,
    fetch_ms: u64,
    extract_ms: u64,
    /// A page record held back until its attachments are processed
    /// (`attachments::follow` completes and writes it).
    held: Option<Notice>,
}

impl Processed {
    fn opened(o: &Opened) -> Self {
        Processed {
            outcome: Outcome::Kept,
            http_status: o.http_status,
            not_modified: o.not_modified,
            raw: None,
            fetch_ms: o.ms,
            extract_ms: 0,
            held: None,
        }
    }

    fn with(mut self, outcome: Outcome) -> Self {
        self.outcome = outcome;
        self
    }

    /// Moves what [`finish`] needs of the record written for `id`, if one
    /// was, into `made`.
    fn take_made(&mut self, id: &str, made: &mut HashMap<String, Mutex<Option<Made>>>) {
        if let Outcome::Extracted { made: m, .. } = &mut self.outcome {
            if let Some(m) = m.take() {
                made.insert(id.to_string(), Mutex::new(Some(m)));
            }
        }
    }
}

/// The sources of this run's share, in input order, and an entry for each
/// input whose id an earlier input already has.
fn select(sources: &[Source], shard: Option<Shard>) -> (Vec<&Source>, Vec<DocReport>) {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    let mut work = Vec::new();
    let mut skipped = Vec::new();
    for s in sources {
        if shard.is_some_and(|sh| !sh.contains(&s.id)) {
            continue;
        }
        if let Some(first) = seen.get(s.id.as_str()) {
            let e = DocError::new(
                Stage::Fetch,
                DocErrorKind::Duplicate {
                    first: first.to_string(),
                },
            );
            let mut r = DocReport::new(&s.input, &s.id, Status::Skipped);
            r.error = Some(ErrorInfo::from(&e));
            skipped.push(r);
            continue;
        }
        seen.insert(&s.id, &s.input);
        work.push(s);
    }
    (work, skipped)
}

/// The last run's entries whose record is current and still on disk:
/// the records a document with the same bytes keeps.
fn records_to_keep(out: &OutputDir) -> HashMap<String, DocReport> {
    let Some(bytes) = out.read_file(REPORT) else {
        return HashMap::new();
    };
    match Report::parse_current(&bytes) {
        Ok(r) => r
            .documents
            .into_iter()
            .filter(|d| d.is_current() && out.has_record(&d.id))
            .map(|d| (d.id.clone(), d))
            .collect(),
        Err(e) => {
            tracing::info!("not reusing {}/{REPORT}: {e}", out.root().display());
            HashMap::new()
        }
    }
}

/// Runs `f` on a pool of `jobs` threads, or on rayon's global pool.
fn in_pool<T: Send>(jobs: Option<usize>, f: impl FnOnce() -> T + Send) -> Result<T, BatchError> {
    match jobs {
        Some(n) => Ok(rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .map_err(|e| BatchError::Pool(e.to_string()))?
            .install(f)),
        None => Ok(f()),
    }
}

/// Every document of `work`, in parallel, in input order; one stderr line
/// per failure as it happens.
///
/// One task per document: left to itself, rayon hands each thread runs of
/// tens of documents, and at the end of the run one thread would still be
/// working through such a run while the others wait with nothing to take.
fn process_all(work: &[&Source], run: &Run) -> Vec<Processed> {
    let progress = progress_bar(work.len() as u64, run.opts.progress);
    let done = work
        .par_iter()
        .with_max_len(1)
        .map(|src| {
            let p = process_one(src, run);
            if let Outcome::Failed(e) = &p.outcome {
                progress.suspend(|| {
                    tracing::error!(
                        "{}",
                        crate::error::one_line(&format!("{}: {}: {e}", src.input, e.code()))
                    )
                });
            }
            progress.inc(1);
            p
        })
        .collect();
    progress.finish_and_clear();
    done
}

/// One document: open → keep or extract → write. Never fails and never
/// panics: trouble is its [`Outcome::Failed`].
fn process_one(src: &Source, run: &Run) -> Processed {
    let kept = run.kept.get(&src.id);
    let opened = run.fetched.open(src, run.cfg.fetch.max_bytes);
    let mut p = Processed::opened(&opened);
    let raw = match opened.result {
        Err(e) => return p.with(Outcome::Failed(e.into())),
        Ok(Body::Revalidated(cached)) => {
            if kept.is_some_and(|k| k.sha256.as_deref() == Some(cached.sha256.as_str())) {
                return p.with(Outcome::Kept);
            }
            match cached.load() {
                Ok(raw) => raw,
                Err(e) => return p.with(Outcome::Failed(e.into())),
            }
        }
        Ok(Body::Raw(raw)) => raw,
    };
    let sha256 = raw.sha256();
    p.raw = Some((raw.bytes.len() as u64, sha256.clone()));
    if kept.is_some_and(|k| k.sha256.as_deref() == Some(sha256.as_str())) {
        return p.with(Outcome::Kept);
    }

    let t = Instant::now();
    // OCR waits on its own bounded programs (page and document limits):
    // the watchdog allows for that on top of the extraction's own time.
    let timeout = match run.cfg.decode.ocr.mode {
        crate::decode::ocr::OcrMode::Off => run.opts.extract_timeout,
        _ => run.opts.extract_timeout + run.cfg.decode.ocr.document_timeout,
    };
    let result = guard::extract_record(raw, &run.cfg, timeout, run.opts.release.is_some());
    p.extract_ms = t.elapsed().as_millis() as u64;
    let parent = run.parents.get(&src.id);
    let (mut notice, mut pretty) = match result {
        Ok(Extraction::Notice(n)) => (*n, None),
        Ok(Extraction::Record(r)) => {
            // Written as it came when nothing below changes or holds it.
            let unchanged = parent.is_none()
                && (!r.attachments
                    || match run.opts.attachments.mode {
                        AttachmentMode::None => false,
                        AttachmentMode::List => true,
                        AttachmentMode::Fetch => !matches!(src.origin, Origin::Url(_)),
                    });
            let tables = run.opts.release.is_some();
            if unchanged && (r.rows.is_some() || !tables) {
                let rows = r
                    .rows
                    .filter(|_| tables)
                    .map(|rows| release::PreparedRecord::of_rows(rows, &r.pretty));
                return p.with(write_made(run, &src.id, &r.pretty, r.counts, rows));
            }
            match r.notice() {
                Ok(n) => (n, Some(r.pretty)),
                Err(e) => return p.with(Outcome::Failed(e)),
            }
        }
        Err(e) => return p.with(Outcome::Failed(e)),
    };
    notice.parent = parent.cloned();
    // The worker's JSON is that of the notice as extracted: it stands
    // only while nothing here changes the notice.
    if notice.parent.is_some() {
        pretty = None;
    }
    match run.opts.attachments.mode {
        AttachmentMode::None => {
            if !notice.attachments.is_empty() {
                notice.attachments.clear();
                pretty = None;
            }
        }
        AttachmentMode::List => {}
        AttachmentMode::Fetch => {
            let page = notice.parent.is_none() && matches!(src.origin, Origin::Url(_));
            if page && !notice.attachments.is_empty() {
                p.held = Some(notice);
                return p;
            }
        }
    }
    let outcome = write_notice(run, &src.id, &notice, pretty);
    p.with(outcome)
}

/// Writes a record, `pretty` if given (its JSON, already printed): its
/// outcome.
fn write_notice(run: &Run, id: &str, notice: &Notice, pretty: Option<Vec<u8>>) -> Outcome {
    let pretty = pretty.unwrap_or_else(|| json::to_pretty(notice).into_bytes());
    let rows = run
        .opts
        .release
        .is_some()
        .then(|| release::PreparedRecord::of_notice(notice, &pretty));
    write_made(run, id, &pretty, RecordCounts::of_notice(notice), rows)
}

/// Writes a record's file, `pretty`, whose counts and release rows are
/// made: its outcome.
fn write_made(
    run: &Run,
    id: &str,
    pretty: &[u8],
    counts: RecordCounts,
    rows: Option<release::PreparedRecord>,
) -> Outcome {
    if let Err(e) = run.out.write_record(id, pretty) {
        return Outcome::Failed(write_error(e));
    }
    let codes = counts.warning_codes();
    let mut lost_content: Vec<WarningCode> = codes
        .iter()
        .filter_map(|code| code.parse::<WarningCode>().ok())
        .filter(|c| c.loses_content())
        .collect();
    lost_content.sort_by_key(|c| c.as_str());
    lost_content.dedup();
    Outcome::Extracted {
        warnings: codes.len(),
        lost_content,
        made: Some(Made { counts, rows }),
    }
}

fn write_error(e: OutputError) -> DocError {
    let (path, source) = match e {
        OutputError::Io { path, source } => (path, source),
        other => (PathBuf::new(), std::io::Error::other(other.to_string())),
    };
    DocError::new(Stage::Output, DocErrorKind::Write { path, source })
}

impl Run<'_> {
    /// The report entry of a processed document.
    fn entry(&self, src: &Source, p: Processed) -> DocReport {
        let mut r = DocReport::new(&src.input, &src.id, Status::Failure);
        r.http_status = p.http_status;
        if let Some((bytes, sha256)) = p.raw {
            r.bytes = Some(bytes);
            r.sha256 = Some(sha256);
        }
        r.timings_ms = self.opts.timings.then_some(Timings {
            fetch: p.fetch_ms,
            extract: p.extract_ms,
        });
        match p.outcome {
            Outcome::Extracted {
                warnings,
                lost_content,
                ..
            } => {
                r.status = DocReport::status_of(&lost_content);
                r.warnings = warnings;
                r.lost_content = lost_content;
            }
            Outcome::Kept => {
                let k = &self.kept[&src.id];
                r.status = DocReport::status_of(&k.lost_content);
                r.bytes = k.bytes;
                r.sha256.clone_from(&k.sha256);
                r.warnings = k.warnings;
                r.lost_content.clone_from(&k.lost_content);
            }
            Outcome::Failed(e) => {
                r.error = Some(ErrorInfo::from(&e));
                // The last good record stays: a site down tonight does not
                // erase yesterday's notice.
                r.stale_record = self.out.has_record(&src.id);
            }
        }
        r
    }
}

impl Summary {
    /// Counts what this run did to one document.
    fn count(&mut self, p: &Processed) {
        match p.outcome {
            Outcome::Extracted { .. } => self.extracted += 1,
            Outcome::Kept => self.kept += 1,
            Outcome::Failed(_) => {}
        }
        self.not_modified += usize::from(p.not_modified);
    }
}

fn progress_bar(len: u64, wanted: bool) -> indicatif::ProgressBar {
    if !wanted || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let pb = indicatif::ProgressBar::new(len);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} eta {eta}")
    {
        pb.set_style(style);
    }
    pb
}
