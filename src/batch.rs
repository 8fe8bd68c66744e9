//! The batch runner: many inputs (files, directories, URLs) in, a directory
//! of records, an NDJSON file and a report out; one bad notice never stops
//! the run.
//!
//! Order of work in [`run_batch`]:
//!
//! 1. [`collect_sources`]: inputs and manifest lines → [`Source`]s (files of
//!    a directory in sorted order, hidden files skipped), then the shard's
//!    share ([`Shard`]) and duplicate ids (`skipped`).
//! 2. Fetch: URLs are fetched by `fetch.concurrency` plain threads (never the
//!    rayon pool) into the cache (`fetch::cache`), revalidating what is
//!    cached; `--offline` only reads the cache.
//! 3. Extract on rayon: each document is read from disk or the cache; if its
//!    bytes (or a 304) and the extractor version match the previous
//!    `report.json`, the old record stands (`unchanged`); else it is
//!    extracted on a watchdog thread, so a panic or a timeout becomes that
//!    document's `failure`.
//! 4. Write: `notices/<id>.json` as each record is made, then
//!    `notices.ndjson` and `report.json`, each atomically
//!    (`output::write`), so a killed run leaves only complete files and the
//!    next run finishes the work.
//!
//! # Format of `report.json` (`schemas/report.schema.json`)
//!
//! - `schema_version`: [`REPORT_SCHEMA_VERSION`]; `tool_version`: the crate
//!   version; `extractor_version`: crate version + record schema version —
//!   a record made by another extractor version is re-extracted.
//! - `totals`: `documents` and the count per status.
//! - `documents`, sorted by `id` (so a merged set of shards equals one run):
//!   - `input`: the input as given (a directory's files as `dir/file`);
//!   - `id`: the record id ([`crate::fetch::record_id`] of the input);
//!   - `status`: `success` (record written), `partial` (record written,
//!     but a warning in [`LOST_CONTENT_WARNINGS`] says text may be lost),
//!     `failure` (no new record), `unchanged` (same bytes or a 304, same
//!     extractor version: the previous record stands), `skipped` (an
//!     earlier input has the same id);
//!   - `error`: `{code, stage, message}` for `failure` and `skipped`, else
//!     null; `lost_content`: the warning codes that made it `partial`;
//!   - `http_status` (null for files), `bytes` and `sha256` of the raw
//!     document (null when it could not be read), `warnings` (count);
//!   - `stale_record`: a failed document whose earlier record is kept in
//!     `notices/` (and in `notices.ndjson`);
//!   - `timings_ms` `{fetch, extract}`: only with `--timings`, since wall
//!     clock times would make two runs on the same inputs differ.

use std::collections::{HashMap, HashSet};
use std::io::{IsTerminal, Write};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::fetch::cache::{Cache, CacheEntry};
use crate::fetch::http::{Fetched, Fetcher, HttpError};
use crate::fetch::{self, RawDocument};
use crate::output::record::{Notice, SCHEMA_VERSION};
use crate::output::release::{self, ReleaseOptions};
use crate::output::{json, write};
use crate::{extract, Config, ExtractError};

/// Version of the report format.
pub const REPORT_SCHEMA_VERSION: &str = "1.0.0";

/// Warning codes that mean text was or may have been lost: a record with one
/// of them is `partial`. `lossy_decode`: bytes became U+FFFD (wrong
/// charset?); `no_structure`: not one section or clause was found, so the
/// page was likely not the notice itself (a list page, a frame) or its
/// layout defeated us. Other warnings (a clause number gap, a dropped
/// duplicate body) describe the source and leave the record `success`.
pub const LOST_CONTENT_WARNINGS: &[&str] = &["lossy_decode", "no_structure"];

/// Version of what makes records: a record from another version is redone.
pub fn extractor_version() -> String {
    format!("{}+schema.{}", env!("CARGO_PKG_VERSION"), SCHEMA_VERSION)
}

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
    /// `None` skips them (benchmarks: the tables hold every record in
    /// memory at once).
    pub release: Option<ReleaseOptions>,
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
        }
    }
}

/// A stable share of the inputs: `--shard K/N` takes the documents whose
/// id hashes to `K` among `1..=N` (1-based, so a Kubernetes Indexed Job
/// passes `$((JOB_COMPLETION_INDEX+1))/N`). The hash is the first 8 bytes
/// of SHA-256 of the id, the same on every machine and version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based.
    pub index: u64,
    pub count: u64,
}

impl Shard {
    /// Whether the document `id` belongs to this shard.
    pub fn contains(&self, id: &str) -> bool {
        let d = Sha256::digest(id.as_bytes());
        let mut b = [0u8; 8];
        b.copy_from_slice(&d[..8]);
        u64::from_be_bytes(b) % self.count == self.index - 1
    }
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("shard {s:?}: expected K/N, e.g. 1/3"))?;
        let index: u64 = k
            .trim()
            .parse()
            .map_err(|_| format!("shard {s:?}: bad K"))?;
        let count: u64 = n
            .trim()
            .parse()
            .map_err(|_| format!("shard {s:?}: bad N"))?;
        if count == 0 || index == 0 || index > count {
            return Err(format!("shard {s:?}: need 1 <= K <= N"));
        }
        Ok(Shard { index, count })
    }
}

/// Why a run could not proceed (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("cannot read manifest {path}: {source}")]
    Manifest {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read input directory {path}: {source}")]
    InputDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write to output directory {path}: {source}")]
    Output {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write the open-data tables: {0}")]
    Release(String),
    #[error("cannot set up the HTTP client: {0}")]
    Http(#[from] HttpError),
    #[error("cannot build the thread pool: {0}")]
    Pool(String),
    #[error("cannot merge {path}: {message}")]
    Merge { path: PathBuf, message: String },
}

/// Where a document comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    File(PathBuf),
    Url(String),
}

/// One document to process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// As given (a directory's files as `dir/file`).
    pub input: String,
    pub id: String,
    pub origin: Origin,
}

impl Source {
    /// A source for an input string: a URL if it has a scheme, else a path.
    pub fn new(input: &str) -> Self {
        let origin = if input.contains("://") {
            Origin::Url(input.to_string())
        } else {
            Origin::File(PathBuf::from(input))
        };
        Source {
            input: input.to_string(),
            id: fetch::record_id(input),
            origin,
        }
    }
}

/// Expands inputs and manifest lines into sources: directories recursively,
/// files in sorted order, hidden entries skipped. A missing file stays a
/// source (it fails as a document, not as the run).
///
/// # Errors
/// [`BatchError::Manifest`] when the manifest cannot be read,
/// [`BatchError::InputDir`] when a directory cannot be listed.
pub fn collect_sources(
    inputs: &[String],
    manifest: Option<&Path>,
) -> Result<Vec<Source>, BatchError> {
    let mut all: Vec<String> = inputs.to_vec();
    if let Some(m) = manifest {
        let text = std::fs::read_to_string(m).map_err(|source| BatchError::Manifest {
            path: m.to_path_buf(),
            source,
        })?;
        all.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(String::from),
        );
    }
    let mut out = Vec::new();
    for input in &all {
        let path = Path::new(input);
        if !input.contains("://") && path.is_dir() {
            walk(path, &mut out)?;
        } else {
            out.push(Source::new(input));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<Source>) -> Result<(), BatchError> {
    let err = |source| BatchError::InputDir {
        path: dir.to_path_buf(),
        source,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(err)?
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else {
            out.push(Source::new(&p.to_string_lossy()));
        }
    }
    Ok(())
}

/// What became of one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Success,
    Partial,
    Failure,
    Unchanged,
    Skipped,
}

/// A document's error in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorInfo {
    /// Stable name (`http_timeout`, `too_large`, `pdf_no_text_layer`…).
    pub code: String,
    /// `fetch`, `decode`, `structure`, `output` or `extract` (panic, timeout).
    pub stage: String,
    pub message: String,
}

/// Fetch and extraction times in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timings {
    pub fetch: u64,
    pub extract: u64,
}

/// One document's line in the report (see the module doc).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocReport {
    pub input: String,
    pub id: String,
    pub status: Status,
    pub error: Option<ErrorInfo>,
    pub lost_content: Vec<String>,
    pub http_status: Option<u16>,
    pub bytes: Option<u64>,
    pub sha256: Option<String>,
    pub warnings: usize,
    pub stale_record: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timings_ms: Option<Timings>,
}

impl DocReport {
    fn new(src: &Source, status: Status) -> Self {
        DocReport {
            input: src.input.clone(),
            id: src.id.clone(),
            status,
            error: None,
            lost_content: Vec::new(),
            http_status: None,
            bytes: None,
            sha256: None,
            warnings: 0,
            stale_record: false,
            timings_ms: None,
        }
    }

    /// Whether `notices/<id>.json` belongs to this document after the run.
    pub fn has_record(&self) -> bool {
        matches!(
            self.status,
            Status::Success | Status::Partial | Status::Unchanged
        ) || self.stale_record
    }
}

/// Counts per status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub documents: usize,
    pub success: usize,
    pub partial: usize,
    pub failure: usize,
    pub unchanged: usize,
    pub skipped: usize,
}

/// The run's `report.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub schema_version: String,
    pub tool_version: String,
    pub extractor_version: String,
    pub totals: Totals,
    pub documents: Vec<DocReport>,
}

impl Report {
    /// A report over `documents`, sorted by id (stable: duplicates keep
    /// their input order), with totals.
    pub fn from_documents(mut documents: Vec<DocReport>) -> Self {
        documents.sort_by(|a, b| a.id.cmp(&b.id));
        let mut t = Totals {
            documents: documents.len(),
            ..Totals::default()
        };
        for d in &documents {
            match d.status {
                Status::Success => t.success += 1,
                Status::Partial => t.partial += 1,
                Status::Failure => t.failure += 1,
                Status::Unchanged => t.unchanged += 1,
                Status::Skipped => t.skipped += 1,
            }
        }
        Report {
            schema_version: REPORT_SCHEMA_VERSION.to_string(),
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            extractor_version: extractor_version(),
            totals: t,
            documents,
        }
    }

    /// The exit status this report calls for.
    pub fn exit_status(&self, max_failures: usize) -> ExitStatus {
        if self.totals.failure > max_failures {
            ExitStatus::SomeFailed
        } else {
            ExitStatus::Ok
        }
    }

    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a Report always serializes");
        s.push('\n');
        s
    }
}

/// Exit status of a run; the worse of two wins ([`ExitStatus::merge`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitStatus {
    /// 0: every document has a current record (warnings allowed).
    Ok = 0,
    /// 1: more documents failed than `--max-failures` tolerates.
    SomeFailed = 1,
    /// 2: the run could not proceed.
    Fatal = 2,
}

impl ExitStatus {
    pub fn merge(self, other: ExitStatus) -> ExitStatus {
        self.max(other)
    }
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// Paths inside an output directory.
fn notices_dir(out: &Path) -> PathBuf {
    out.join("notices")
}
fn record_name(id: &str) -> String {
    format!("{id}.json")
}

/// Reads `out/report.json` of an earlier run, if any and readable.
pub fn read_report(out: &Path) -> Option<Report> {
    let bytes = std::fs::read(out.join("report.json")).ok()?;
    match serde_json::from_slice(&bytes) {
        Ok(r) => Some(r),
        Err(e) => {
            tracing::warn!("ignoring unreadable {}/report.json: {e}", out.display());
            None
        }
    }
}

/// How a URL's fetch phase ended.
enum Got {
    /// A new body is in the cache.
    Fresh(CacheEntry),
    /// 304: the cached body is current.
    NotModified(CacheEntry),
    /// `--offline`: whatever the cache holds.
    Cached(CacheEntry),
}

struct FetchOutcome {
    got: Result<Got, ErrorInfo>,
    http_status: Option<u16>,
    ms: u64,
}

/// Runs a batch: see the module doc for the order of work.
///
/// # Errors
/// A [`BatchError`] only when the run cannot proceed (output directory not
/// writable, HTTP client not available); every document's trouble is in the
/// returned report instead.
pub fn run_batch(
    sources: &[Source],
    cfg: &Config,
    opts: &RunOptions,
) -> Result<Report, BatchError> {
    let out_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| BatchError::Output { path, source }
    };
    let notices = notices_dir(&opts.out);
    std::fs::create_dir_all(&notices).map_err(out_err(&notices))?;
    // Probe writability now rather than failing every document later.
    write::write_atomic(&opts.out, ".write-probe", b"").map_err(out_err(&opts.out))?;
    let _ = std::fs::remove_file(opts.out.join(".write-probe"));
    write::remove_temp_files(&opts.out);
    write::remove_temp_files(&notices);

    // 1. the share of this run, duplicates skipped
    let mut seen: HashMap<&str, &str> = HashMap::new();
    let mut work: Vec<&Source> = Vec::new();
    let mut reports: Vec<DocReport> = Vec::new();
    for s in sources {
        if opts.shard.is_some_and(|sh| !sh.contains(&s.id)) {
            continue;
        }
        if let Some(first) = seen.get(s.id.as_str()) {
            let mut r = DocReport::new(s, Status::Skipped);
            r.error = Some(ErrorInfo {
                code: "duplicate".into(),
                stage: "fetch".into(),
                message: format!("same id as the earlier input {first}"),
            });
            reports.push(r);
            continue;
        }
        seen.insert(&s.id, &s.input);
        work.push(s);
    }

    let previous = read_report(&opts.out)
        .filter(|r| r.extractor_version == extractor_version())
        .map(|r| {
            r.documents
                .into_iter()
                .map(|d| (d.id.clone(), d))
                .collect::<HashMap<_, _>>()
        })
        .unwrap_or_default();

    // 2. fetch URLs into the cache, off the rayon pool
    let urls: Vec<&str> = work
        .iter()
        .filter_map(|s| match &s.origin {
            Origin::Url(u) => Some(u.as_str()),
            Origin::File(_) => None,
        })
        .collect();
    let cache_dir = opts.cache.clone().unwrap_or_else(|| opts.out.join("cache"));
    let cache = if urls.is_empty() {
        None
    } else {
        Some(Cache::open(&cache_dir).map_err(out_err(&cache_dir))?)
    };
    let fetched = match &cache {
        Some(cache) => fetch_all(&urls, cache, cfg, opts)?,
        None => HashMap::new(),
    };

    // 3. extract on rayon
    let progress = progress_bar(work.len() as u64, opts.progress);
    let mut cfg = cfg.clone();
    if let Some(n) = opts.jobs {
        // OCR programs share the run's thread budget.
        cfg.decode.ocr.slots = crate::decode::ocr::Slots::new(n);
    }
    let cfg = Arc::new(cfg);
    let run = || -> Vec<DocReport> {
        work.par_iter()
            .map(|s| {
                let r = process_one(
                    s,
                    &cfg,
                    opts,
                    &notices,
                    previous.get(&s.id),
                    fetched.get(s.input.as_str()),
                    cache.as_ref(),
                );
                if let Some(e) = &r.error {
                    progress.suspend(|| {
                        tracing::error!("{}: {}: {}", s.input, e.code, e.message);
                    });
                }
                progress.inc(1);
                r
            })
            .collect()
    };
    let done = match opts.jobs {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .map_err(|e| BatchError::Pool(e.to_string()))?
            .install(run),
        None => run(),
    };
    progress.finish_and_clear();
    reports.extend(done);

    // 4. NDJSON and report, from what is on disk
    let report = Report::from_documents(reports);
    write_outputs(&opts.out, &notices, &report, opts.release.as_ref())?;
    Ok(report)
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

/// Fetches every URL with `fetch.concurrency` threads; the outcome per URL.
fn fetch_all<'a>(
    urls: &[&'a str],
    cache: &Cache,
    cfg: &Config,
    opts: &RunOptions,
) -> Result<HashMap<&'a str, FetchOutcome>, BatchError> {
    if opts.offline {
        return Ok(urls
            .iter()
            .map(|u| {
                let got = cache.entry(u).map(Got::Cached).ok_or_else(|| ErrorInfo {
                    code: "not_cached".into(),
                    stage: "fetch".into(),
                    message: "--offline and no cached response for this URL".into(),
                });
                let http_status = got.as_ref().ok().map(|g| entry_of(g).status);
                (
                    *u,
                    FetchOutcome {
                        got,
                        http_status,
                        ms: 0,
                    },
                )
            })
            .collect());
    }
    let fetcher = Fetcher::new(&cfg.fetch)?;
    let next = AtomicUsize::new(0);
    let results = Mutex::new(HashMap::new());
    let threads = cfg.fetch.concurrency.clamp(1, urls.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(url) = urls.get(i) else { break };
                let t = Instant::now();
                let (got, http_status) = fetch_one(&fetcher, cache, url);
                let outcome = FetchOutcome {
                    got,
                    http_status,
                    ms: t.elapsed().as_millis() as u64,
                };
                results
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .insert(*url, outcome);
            });
        }
    });
    Ok(results.into_inner().unwrap_or_else(|p| p.into_inner()))
}

fn entry_of(g: &Got) -> &CacheEntry {
    match g {
        Got::Fresh(e) | Got::NotModified(e) | Got::Cached(e) => e,
    }
}

fn fetch_one(fetcher: &Fetcher, cache: &Cache, url: &str) -> (Result<Got, ErrorInfo>, Option<u16>) {
    let fetch_err = |e: HttpError| ErrorInfo {
        code: e.code().into(),
        stage: "fetch".into(),
        message: e.to_string(),
    };
    // Revalidate only when the cached body is intact.
    let cached = cache.load(url).map(|(e, _)| e);
    let validators = cached.as_ref().map(CacheEntry::validators);
    match fetcher.fetch(url, validators.as_ref()) {
        Ok(Fetched::NotModified { status }) => match cached {
            Some(e) => (Ok(Got::NotModified(e)), Some(status)),
            None => (
                Err(ErrorInfo {
                    code: "http_status".into(),
                    stage: "fetch".into(),
                    message: "304 Not Modified to an unconditional request".into(),
                }),
                Some(status),
            ),
        },
        Ok(Fetched::Body(body)) => match cache.store(url, &body) {
            Ok(e) => (Ok(Got::Fresh(e)), Some(body.status)),
            Err(e) => (
                Err(ErrorInfo {
                    code: "cache_write".into(),
                    stage: "fetch".into(),
                    message: format!("cannot write the cache: {e}"),
                }),
                Some(body.status),
            ),
        },
        Err(e) => {
            let status = e.http_status();
            (Err(fetch_err(e)), status)
        }
    }
}

/// One document through read → unchanged check → extract → write. Never
/// fails and never panics: trouble is the report's `error`.
fn process_one(
    src: &Source,
    cfg: &Arc<Config>,
    opts: &RunOptions,
    notices: &Path,
    prev: Option<&DocReport>,
    fetched: Option<&FetchOutcome>,
    cache: Option<&Cache>,
) -> DocReport {
    let mut r = DocReport::new(src, Status::Failure);
    let record_path = notices.join(record_name(&src.id));
    let had_record = record_path.is_file();
    let t_fetch = Instant::now();
    let mut fetch_ms = 0;
    let prev_ok = prev.filter(|p| {
        matches!(
            p.status,
            Status::Success | Status::Partial | Status::Unchanged
        ) && had_record
    });

    let raw: Result<RawDocument, ErrorInfo> = match &src.origin {
        Origin::File(path) => fetch::file::read_file(path, cfg.fetch.max_bytes)
            .map(|mut raw| {
                // The uri is the input as given, as for the id.
                raw.uri = src.input.clone();
                raw.id = src.id.clone();
                raw
            })
            .map_err(|e| {
                let e = ExtractError::from(e);
                error_info(&e)
            }),
        Origin::Url(url) => match fetched {
            None => Err(ErrorInfo {
                code: "http_client".into(),
                stage: "fetch".into(),
                message: "URL was not fetched".into(),
            }),
            Some(f) => {
                fetch_ms = f.ms;
                r.http_status = f.http_status;
                match &f.got {
                    Err(e) => Err(e.clone()),
                    Ok(got) => {
                        let entry = entry_of(got);
                        // A 304 answers for the bytes recorded last time.
                        if let (Got::NotModified(_), Some(p)) = (got, prev_ok) {
                            if p.sha256.as_deref() == Some(entry.sha256.as_str()) {
                                return unchanged(r, p, opts, fetch_ms);
                            }
                        }
                        match cache.and_then(|c| c.load(url)) {
                            Some((entry, bytes)) => Ok(RawDocument {
                                id: src.id.clone(),
                                uri: src.input.clone(),
                                bytes,
                                content_type: entry.content_type,
                                sha256: std::sync::OnceLock::new(),
                            }),
                            None => Err(ErrorInfo {
                                code: "cache_corrupt".into(),
                                stage: "fetch".into(),
                                message: "the cached body is missing or damaged; rerun online"
                                    .into(),
                            }),
                        }
                    }
                }
            }
        },
    };
    if matches!(src.origin, Origin::File(_)) {
        fetch_ms = t_fetch.elapsed().as_millis() as u64;
    }
    let raw = match raw {
        Ok(raw) => raw,
        Err(e) => return failed(r, e, had_record, opts, fetch_ms, 0),
    };
    let sha = raw.sha256();
    r.bytes = Some(raw.bytes.len() as u64);
    if let Some(p) = prev_ok {
        if p.sha256.as_deref() == Some(sha.as_str()) {
            return unchanged(r, p, opts, fetch_ms);
        }
    }
    r.sha256 = Some(sha);

    let t_extract = Instant::now();
    // OCR waits on its own bounded programs (page and document limits):
    // the watchdog allows for that on top of the extraction's own time.
    let timeout = match cfg.decode.ocr.mode {
        crate::decode::ocr::OcrMode::Off => opts.extract_timeout,
        _ => opts.extract_timeout + cfg.decode.ocr.document_timeout,
    };
    let result = extract_guarded(raw, cfg, timeout);
    let extract_ms = t_extract.elapsed().as_millis() as u64;
    let notice = match result {
        Ok(n) => n,
        Err(e) => return failed(r, e, had_record, opts, fetch_ms, extract_ms),
    };
    if let Err(e) = write::write_atomic(
        notices,
        &record_name(&src.id),
        json::to_pretty(&notice).as_bytes(),
    ) {
        let e = ErrorInfo {
            code: "write_error".into(),
            stage: "output".into(),
            message: format!("cannot write {}: {e}", record_path.display()),
        };
        return failed(r, e, had_record, opts, fetch_ms, extract_ms);
    }
    r.warnings = notice.warnings.len();
    r.lost_content = notice
        .warnings
        .iter()
        .filter(|w| LOST_CONTENT_WARNINGS.contains(&w.code.as_str()))
        .map(|w| w.code.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    r.status = if r.lost_content.is_empty() {
        Status::Success
    } else {
        Status::Partial
    };
    r.timings_ms = opts.timings.then_some(Timings {
        fetch: fetch_ms,
        extract: extract_ms,
    });
    r
}

fn unchanged(mut r: DocReport, prev: &DocReport, opts: &RunOptions, fetch_ms: u64) -> DocReport {
    r.status = Status::Unchanged;
    r.bytes = prev.bytes;
    r.sha256 = prev.sha256.clone();
    r.warnings = prev.warnings;
    r.lost_content = prev.lost_content.clone();
    r.timings_ms = opts.timings.then_some(Timings {
        fetch: fetch_ms,
        extract: 0,
    });
    r
}

fn failed(
    mut r: DocReport,
    e: ErrorInfo,
    had_record: bool,
    opts: &RunOptions,
    fetch_ms: u64,
    extract_ms: u64,
) -> DocReport {
    r.status = Status::Failure;
    r.error = Some(e);
    // The last good record stays: a site down tonight does not erase
    // yesterday's notice.
    r.stale_record = had_record;
    r.timings_ms = opts.timings.then_some(Timings {
        fetch: fetch_ms,
        extract: extract_ms,
    });
    r
}

fn error_info(e: &ExtractError) -> ErrorInfo {
    ErrorInfo {
        code: e.code().into(),
        stage: e.stage().to_string(),
        message: e.to_string(),
    }
}

type Outcome = std::thread::Result<Result<Notice, ExtractError>>;
/// The extraction a worker runs ([`extract`]; tests pass one that panics
/// or hangs).
type ExtractFn = fn(&RawDocument, &Config) -> Result<Notice, ExtractError>;
type Job = (RawDocument, Arc<Config>, ExtractFn);

/// A thread extracting documents for one rayon worker, kept from one
/// document to the next (spawning a thread per document costs more than a
/// small page's extraction). Abandoned when an extraction times out.
struct Extractor {
    jobs: std::sync::mpsc::SyncSender<Job>,
    results: std::sync::mpsc::Receiver<Outcome>,
}

impl Extractor {
    fn spawn() -> std::io::Result<Extractor> {
        let (jobs, job_rx) = std::sync::mpsc::sync_channel::<Job>(1);
        let (tx, results) = std::sync::mpsc::sync_channel(1);
        std::thread::Builder::new()
            .name("extract".into())
            .spawn(move || {
                // Ends when the worker drops its end: at the end of the run,
                // or after a timeout (then `send` fails and it ends too).
                while let Ok((raw, cfg, run)) = job_rx.recv() {
                    let r = std::panic::catch_unwind(AssertUnwindSafe(|| run(&raw, &cfg)));
                    if tx.send(r).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Extractor { jobs, results })
    }
}

thread_local! {
    static EXTRACTOR: std::cell::RefCell<Option<Extractor>> = const { std::cell::RefCell::new(None) };
}

/// Extracts on a watchdog thread: a panic (PDF crates can panic on
/// malformed files) or a run over `timeout` becomes an error. A thread that
/// times out cannot be killed; it is abandoned and its result dropped, so
/// the batch goes on (with a new thread) while it finishes or spins.
fn extract_guarded(
    raw: RawDocument,
    cfg: &Arc<Config>,
    timeout: Duration,
) -> Result<Notice, ErrorInfo> {
    extract_guarded_with(extract, raw, cfg, timeout)
}

fn extract_guarded_with(
    run: ExtractFn,
    raw: RawDocument,
    cfg: &Arc<Config>,
    timeout: Duration,
) -> Result<Notice, ErrorInfo> {
    let worker = match EXTRACTOR.with(|e| e.borrow_mut().take()) {
        Some(w) => w,
        None => Extractor::spawn().map_err(|e| ErrorInfo {
            code: "thread_spawn".into(),
            stage: "extract".into(),
            message: e.to_string(),
        })?,
    };
    let outcome = match worker.jobs.send((raw, Arc::clone(cfg), run)) {
        Ok(()) => worker.results.recv_timeout(timeout),
        Err(_) => Err(std::sync::mpsc::RecvTimeoutError::Disconnected),
    };
    if outcome.is_ok() {
        EXTRACTOR.with(|e| *e.borrow_mut() = Some(worker));
    }
    match outcome {
        Ok(Ok(Ok(notice))) => Ok(notice),
        Ok(Ok(Err(e))) => Err(error_info(&e)),
        Ok(Err(panic)) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(ErrorInfo {
                code: "panic".into(),
                stage: "extract".into(),
                message: format!("extractor panicked: {msg}"),
            })
        }
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Err(ErrorInfo {
            code: "extract_timeout".into(),
            stage: "extract".into(),
            message: format!("extraction took over {} s", timeout.as_secs_f64()),
        }),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Err(ErrorInfo {
            code: "panic".into(),
            stage: "extract".into(),
            message: "extraction thread died".into(),
        }),
    }
}

/// Writes `notices.ndjson` (the records of the report's documents, by id)
/// and `report.json`, each atomically, then the release hook.
fn write_outputs(
    out: &Path,
    notices: &Path,
    report: &Report,
    release: Option<&ReleaseOptions>,
) -> Result<(), BatchError> {
    let out_err = |source| BatchError::Output {
        path: out.to_path_buf(),
        source,
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(write::TEMP_PREFIX)
        .tempfile_in(out)
        .map_err(out_err)?;
    {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        let mut written = HashSet::new();
        for d in report.documents.iter().filter(|d| d.has_record()) {
            if !written.insert(d.id.as_str()) {
                continue;
            }
            // A record is read back one at a time: memory stays flat in
            // the number of documents.
            let pretty = std::fs::read(notices.join(record_name(&d.id))).map_err(out_err)?;
            w.write_all(&write::minify(&pretty)).map_err(out_err)?;
            w.write_all(b"\n").map_err(out_err)?;
        }
        w.flush().map_err(out_err)?;
    }
    tmp.persist(out.join("notices.ndjson"))
        .map_err(|e| out_err(e.error))?;
    write::write_atomic(out, "report.json", report.to_json().as_bytes()).map_err(out_err)?;
    if let Some(opts) = release {
        write_release_for(out, report, opts)?;
    }
    Ok(())
}

/// The open-data tables and package, once `notices/`, `notices.ndjson` and
/// `report.json` are complete (`cache/` is not output and is not described).
/// Records are read back one at a time: memory does not grow with the run.
fn write_release_for(out: &Path, report: &Report, opts: &ReleaseOptions) -> Result<(), BatchError> {
    let ids = report
        .documents
        .iter()
        .filter(|d| d.has_record())
        .map(|d| d.id.clone())
        .collect();
    let notices = notices_dir(out);
    let load = |id: &str| {
        let path = notices.join(record_name(id));
        let bytes = std::fs::read(&path).map_err(|source| release::ReleaseError::Read {
            path: path.clone(),
            source,
        })?;
        serde_json::from_slice(&bytes).map_err(|e| release::ReleaseError::Read {
            path,
            source: std::io::Error::other(e),
        })
    };
    release::write_release_streaming(out, ids, load, opts)
        .map_err(|e| BatchError::Release(e.to_string()))
}

/// Combines shard outputs into one set, identical byte for byte to what a
/// single run over all inputs writes (with timings off).
///
/// # Errors
/// [`BatchError::Merge`] when a shard has no readable report or its records
/// are missing, or the shards come from different extractor versions;
/// [`BatchError::Output`] when `out` cannot be written.
pub fn merge(
    dirs: &[PathBuf],
    out: &Path,
    release: Option<&ReleaseOptions>,
) -> Result<Report, BatchError> {
    let notices = notices_dir(out);
    std::fs::create_dir_all(&notices).map_err(|source| BatchError::Output {
        path: notices.clone(),
        source,
    })?;
    write::remove_temp_files(out);
    write::remove_temp_files(&notices);
    let mut docs = Vec::new();
    for dir in dirs {
        let merr = |message: String| BatchError::Merge {
            path: dir.clone(),
            message,
        };
        let bytes = std::fs::read(dir.join("report.json"))
            .map_err(|e| merr(format!("no report.json: {e}")))?;
        let report: Report =
            serde_json::from_slice(&bytes).map_err(|e| merr(format!("bad report.json: {e}")))?;
        if report.extractor_version != extractor_version() {
            return Err(merr(format!(
                "made by extractor {}, this is {}",
                report.extractor_version,
                extractor_version()
            )));
        }
        let same_dir = dir.canonicalize().ok() == out.canonicalize().ok();
        for d in &report.documents {
            if d.has_record() && !same_dir {
                let name = record_name(&d.id);
                let rec = std::fs::read(notices_dir(dir).join(&name))
                    .map_err(|e| merr(format!("record {name}: {e}")))?;
                write::write_atomic(&notices, &name, &rec).map_err(|source| {
                    BatchError::Output {
                        path: notices.clone(),
                        source,
                    }
                })?;
            }
        }
        docs.extend(report.documents);
    }
    let report = Report::from_documents(docs);
    write_outputs(out, &notices, &report, release)?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memo() -> RawDocument {
        RawDocument::from_bytes(
            "memo.txt",
            "关于印发若干政策的通知\n一、支持企业\n（一）给予100万元奖励。"
                .as_bytes()
                .to_vec(),
        )
    }

    fn panics(_: &RawDocument, _: &Config) -> Result<Notice, ExtractError> {
        panic!("injected panic")
    }

    fn hangs(raw: &RawDocument, cfg: &Config) -> Result<Notice, ExtractError> {
        std::thread::sleep(Duration::from_millis(600));
        extract(raw, cfg)
    }

    #[test]
    fn a_panic_or_a_hang_is_the_documents_error_and_the_next_document_extracts() {
        let cfg = Arc::new(Config::default());
        let long = Duration::from_secs(30);
        let e = extract_guarded_with(panics, memo(), &cfg, long).expect_err("panics");
        assert_eq!((e.code.as_str(), e.stage.as_str()), ("panic", "extract"));
        assert!(e.message.contains("injected panic"), "{}", e.message);
        // The same worker thread survives a panic.
        let n = extract_guarded(memo(), &cfg, long).expect("extracts after a panic");
        assert_eq!(n.clauses.len(), 1);

        let t = Instant::now();
        let e = extract_guarded_with(hangs, memo(), &cfg, Duration::from_millis(100))
            .expect_err("times out");
        assert_eq!(e.code, "extract_timeout");
        assert!(
            t.elapsed() < Duration::from_millis(500),
            "{:?}",
            t.elapsed()
        );
        // The hung thread is abandoned; a new one takes the next document.
        let n = extract_guarded(memo(), &cfg, long).expect("extracts after a timeout");
        assert_eq!(n.clauses.len(), 1);
    }

    #[test]
    fn shard_parse_and_partition() {
        assert!("0/3".parse::<Shard>().is_err());
        assert!("4/3".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
        let shards: Vec<Shard> = (1..=3)
            .map(|k| format!("{k}/3").parse().expect("shard"))
            .collect();
        for i in 0..100 {
            let id = format!("doc-{i}");
            assert_eq!(shards.iter().filter(|s| s.contains(&id)).count(), 1);
        }
    }

    #[test]
    fn exit_status_merge_rule() {
        use ExitStatus::*;
        assert_eq!(Ok.merge(SomeFailed), SomeFailed);
        assert_eq!(Fatal.merge(Ok), Fatal);
        assert_eq!(Ok.merge(Ok).code(), 0);
        assert_eq!(Fatal.code(), 2);
    }

    #[test]
    fn sources_from_a_directory_are_sorted_and_skip_hidden() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("b.txt"), "x").expect("w");
        std::fs::write(dir.path().join("a.txt"), "x").expect("w");
        std::fs::write(dir.path().join(".hidden.txt"), "x").expect("w");
        std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
        std::fs::write(dir.path().join("sub/c.txt"), "x").expect("w");
        let m = dir.path().join(".list");
        std::fs::write(&m, "# urls\n\nhttp://example.org/n.html\n").expect("w");
        let d = dir.path().to_string_lossy().to_string();
        let s = collect_sources(&[d], Some(&m)).expect("sources");
        let names: Vec<&str> = s
            .iter()
            .map(|s| s.input.rsplit('/').next().unwrap_or(""))
            .collect();
        assert_eq!(names, ["a.txt", "b.txt", "c.txt", "n.html"]);
        assert!(matches!(s[3].origin, Origin::Url(_)));
    }
}
