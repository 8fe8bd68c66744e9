//! Command-line options (clap derive: the doc comments are the `--help`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::bail;
use clap::{Args, Parser, Subcommand};
use notice_extract::batch::{AttachmentMode, AttachmentOptions, RunOptions};
use notice_extract::config::{FetchOptions, MemoryBudget};
use notice_extract::decode::ocr::{OcrMode, OcrOptions};
use notice_extract::decode::pdf::PdfOptions;
use notice_extract::fetch::{collect_sources, Shard, Source};
use notice_extract::output::release::ReleaseOptions;
use notice_extract::review::ReviewOptions;
use notice_extract::Config;

/// Turn Chinese government policy notices (HTML, PDF, text) into
/// schema-validated JSON records.
///
/// Exit status: 0 success; 1 a document could not be extracted (one line on
/// stderr names the file and the reason); 2 bad usage or the run could not
/// proceed.
#[derive(Debug, Parser)]
#[command(name = "notice-extract", version, about, long_about)]
pub struct Opts {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract one notice file and print its JSON record on stdout.
    ///
    /// The format (HTML, PDF, plain text) is told from the content. Exit 0
    /// on success, 1 when the document could not be extracted.
    Extract {
        /// The notice: an HTML page, a PDF, a text file or an image (PNG, JPEG,
        /// TIFF).
        file: PathBuf,
        /// Print the record on one line (NDJSON) instead of pretty JSON.
        #[arg(long, conflicts_with = "outline")]
        compact: bool,
        /// Print a readable outline (one line per section, clause and
        /// figure) instead of JSON.
        #[arg(long)]
        outline: bool,
        /// Time allowed to extract the document, in seconds (OCR has its
        /// own limit, --ocr-timeout, on top).
        #[arg(long, value_name = "SECS", default_value_t = run_default().extract_timeout.as_secs_f64(), value_parser = seconds)]
        extract_timeout: f64,
        #[command(flatten)]
        memory: MemoryArgs,
        #[command(flatten)]
        ocr: OcrArgs,
    },
    /// Read text lines on stdin; print one JSON object per line with the
    /// amounts and percentages found in it (spans relative to the line).
    Entities,
    /// Internal: parse a PDF read on stdin and write its pages as JSON on
    /// stdout. Run by `extract` and `run` in a child process with time and
    /// memory limits, so a pathological PDF cannot hang or exhaust the
    /// batch.
    #[command(name = "pdf-worker", hide = true)]
    PdfWorker {
        /// Backend names in the order they are tried, comma-separated.
        #[arg(long, value_delimiter = ',', default_values_t = PdfOptions::default().backends)]
        backends: Vec<String>,
        /// Parse one PDF after another, each framed by its length, until
        /// stdin ends (how `extract` and `run` use a worker).
        #[arg(long)]
        serve: bool,
        /// With --serve: CPU seconds allowed to each PDF (`RLIMIT_CPU`).
        #[arg(long, value_name = "SECS")]
        cpu_seconds: Option<u64>,
    },
    /// Internal: extract documents framed on stdin, each reply framed on
    /// stdout. Run by `extract` and `run` in a child process with a memory
    /// budget per document, so one hostile document cannot exhaust or hang
    /// the run.
    #[command(name = "doc-worker", hide = true)]
    DocWorker {
        /// Serve documents until stdin ends (the only mode).
        #[arg(long, required = true)]
        serve: bool,
    },
    /// Extract many notices (files, directories, URLs) into DIR:
    /// notices/<id>.json, notices.ndjson, report.json and changes.ndjson
    /// (what changed since the last run into DIR).
    ///
    /// Without inputs it runs on the bundled fixtures (fixtures/text,
    /// fixtures/html, fixtures/pdf, fixtures/docx, fixtures/xlsx,
    /// fixtures/ofd relative to the current directory), so
    /// from the repository root: `cargo run --release -- run --out output`.
    ///
    /// Reruns are incremental: a document whose bytes (or a 304) and
    /// extractor version match the previous report.json keeps its record,
    /// and a rerun on unchanged inputs leaves DIR byte for byte as it was.
    /// The run ends with a summary on stderr. Exit status: 0 all documents
    /// have a record, 1 more than --max-failures failed, 2 the run could
    /// not proceed (DIR not writable or in use by another run).
    Run(Box<RunArgs>),
    /// Write review pages: a static site (open DIR/review/index.html in a
    /// browser) showing each notice with its sections, clauses, units,
    /// amounts and percentages marked on its text, and an index of the run.
    ///
    /// Give the output folder of `run`, or record files one by one (then
    /// --out is needed). Nothing is loaded from the network. Exit status: 0
    /// every record has its page, 1 a record could not be read (one stderr
    /// line each; the other pages are written), 2 no review could be made.
    Review(ReviewArgs),
    /// Compare two records of a notice, or two output folders of `run`
    /// (records matched by id), and print what changed in the notices:
    /// header fields; sections and clauses added, removed, moved or
    /// amended, with their figures before and after and the changed words.
    ///
    /// OLD and NEW are each a record file (`extract` output, `notices/<id>.json`),
    /// an output folder of `run`, a folder of records or an NDJSON bundle.
    /// Output: one JSON object per change per line
    /// (schemas/changes.schema.json), or a summary with --format text.
    /// Without --all, only changes in substance and the `source` change are
    /// printed. Exit status: 0 no change in substance, 1 some change in
    /// substance, 2 trouble (a path or a record could not be read).
    Diff {
        /// The earlier record or set.
        old: PathBuf,
        /// The later record or set. Without it, OLD is a `run --history`
        /// folder of one notice (HISTORY/<id>): each of its versions is
        /// compared with the next, oldest first.
        new: Option<PathBuf>,
        /// `json`: one change per line; `text`: a readable summary
        /// (coloured on a terminal unless NO_COLOR is set).
        #[arg(long, value_enum, default_value_t = DiffFormat::Json)]
        format: DiffFormat,
        /// Also print what is not substance: warnings, and the words of the
        /// preamble and closing text (where page chrome lands).
        #[arg(long)]
        all: bool,
    },
    /// Combine the output directories of `run --shard K/N` runs into one,
    /// identical byte for byte to a single run over all inputs.
    Merge {
        /// Shard output directories.
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// Where the merged set goes.
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the record's JSON Schema, made from the library's types (the
    /// committed schemas/notice.schema.json is this output).
    Schema,
}

/// Output format of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Json,
    Text,
}

/// OCR options, shared by `extract` and `run`.
#[derive(Debug, Args)]
pub struct OcrArgs {
    /// When to read documents with OCR (Tesseract): `off`; `auto` for PDFs
    /// without a usable text layer and for images (PNG, JPEG, TIFF);
    /// `force` for every PDF too.
    #[arg(long, value_name = "off|auto|force", default_value_t = ocr_default().mode)]
    pub ocr: OcrMode,
    /// The Tesseract executable (Debian: tesseract-ocr, with
    /// tesseract-ocr-chi-sim and tesseract-ocr-chi-tra).
    #[arg(long, value_name = "PATH", default_value_os_t = ocr_default().tesseract)]
    pub tesseract: PathBuf,
    /// Time allowed to OCR one document, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = ocr_default().document_timeout.as_secs_f64(), value_parser = seconds)]
    pub ocr_timeout: f64,
}

impl OcrArgs {
    /// Puts the options into `cfg`.
    ///
    /// # Errors
    /// When the timeout is not a positive number.
    pub fn apply(self, cfg: &mut Config) -> anyhow::Result<()> {
        if !(self.ocr_timeout.is_finite() && self.ocr_timeout > 0.0) {
            bail!(
                "--ocr-timeout must be a positive number of seconds, not {}",
                self.ocr_timeout
            );
        }
        cfg.decode.ocr.mode = self.ocr;
        cfg.decode.ocr.tesseract = self.tesseract;
        cfg.decode.ocr.document_timeout = Duration::from_secs_f64(self.ocr_timeout);
        Ok(())
    }
}

/// The memory budget, shared by `extract` and `run`.
#[derive(Debug, Args)]
pub struct MemoryArgs {
    /// Most memory one document may use while it is extracted, in MiB: its
    /// budget is 512 MiB plus 16 times its size, up to this. Past it the
    /// document fails with `memory_budget` and the next one goes on.
    #[arg(long, value_name = "MIB", default_value_t = MemoryBudget::default().max_bytes >> 20, value_parser = mebibytes)]
    pub max_memory: u64,
}

impl MemoryArgs {
    /// Puts the option into `cfg`.
    pub fn apply(&self, cfg: &mut Config) {
        cfg.worker.memory.max_bytes = self.max_memory << 20;
    }
}

/// A size in MiB, 16 MiB to 1 TiB.
fn mebibytes(s: &str) -> Result<u64, String> {
    let v: u64 = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a whole number of MiB"))?;
    if !(16..=1 << 20).contains(&v) {
        return Err(format!("{s} is out of range: give 16 to 1048576 MiB"));
    }
    Ok(v)
}

/// The longest time an option takes: a week. Longer is a typo (`1e30`
/// once panicked converting to a `Duration`), not a plan.
const MAX_SECONDS: f64 = 7.0 * 24.0 * 3600.0;

/// A number of seconds, checked when the options are parsed: a bad value
/// is a usage error (exit 2, clap's message), never a panic later.
fn seconds(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number of seconds"))?;
    if !(v.is_finite() && v > 0.0 && v <= MAX_SECONDS) {
        return Err(format!(
            "{s} is out of range: give more than 0 and at most {MAX_SECONDS} seconds (a week)"
        ));
    }
    Ok(v)
}

/// The most threads or requests in flight an option may ask for. More is a
/// typo (a thread pool of 10^9 threads cannot be built), not a plan.
const MAX_COUNT: usize = 1024;

/// A count of threads or requests, checked when the options are parsed:
/// 0 or an absurd value is a usage error (exit 2), never a silent 1 or a
/// failure later.
fn count(s: &str) -> Result<usize, String> {
    let v: usize = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a whole number"))?;
    if !(1..=MAX_COUNT).contains(&v) {
        return Err(format!("{s} is out of range: give 1 to {MAX_COUNT}"));
    }
    Ok(v)
}

/// The fixture directories `run` uses when given no input.
pub const FIXTURE_DIRS: [&str; 6] = [
    "fixtures/text",
    "fixtures/html",
    "fixtures/pdf",
    "fixtures/docx",
    "fixtures/xlsx",
    "fixtures/ofd",
];

/// Options of `run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Files, directories (recursed, sorted, hidden files skipped) and
    /// http(s) URLs. None: the bundled fixtures. (Not UTF-8 is fine: a
    /// file name is read by its bytes.)
    pub inputs: Vec<std::ffi::OsString>,
    /// A file listing inputs, one per line (`#` comments, blank lines).
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
    /// Output directory.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Raw-response cache [default: DIR/cache].
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
    /// Use the cache only: re-extract URLs without the network.
    #[arg(long)]
    pub offline: bool,
    /// Keep every version of a record that changes between runs in DIR
    /// (`<id>/<sha256>.json`, listed oldest first in `<id>/versions`), so
    /// `diff` can walk them. Off by default; grows only when a record
    /// changes.
    #[arg(long, value_name = "DIR")]
    pub history: Option<PathBuf>,
    /// Process the K-th of N stable shares of the inputs (1-based K, by a
    /// hash of the record id); combine the shards with `merge`.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    /// Failed documents tolerated with exit status 0.
    #[arg(long, value_name = "N", default_value_t = run_default().max_failures)]
    pub max_failures: usize,
    /// Add per-document `timings_ms` to report.json (then two runs on the
    /// same inputs no longer give identical reports).
    #[arg(long)]
    pub timings: bool,
    /// Extraction threads [default: one per core].
    #[arg(long, short = 'j', value_name = "N", value_parser = count)]
    pub jobs: Option<usize>,
    /// Requests in flight overall.
    #[arg(long, value_name = "N", default_value_t = fetch_default().concurrency, value_parser = count)]
    pub concurrency: usize,
    /// Requests in flight per host.
    #[arg(long, value_name = "N", default_value_t = fetch_default().per_host, value_parser = count)]
    pub per_host: usize,
    /// Least time between two requests to one host, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = fetch_default().host_delay.as_millis() as u64)]
    pub host_delay_ms: u64,
    /// Time allowed per request, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = fetch_default().timeout.as_secs_f64(), value_parser = seconds)]
    pub timeout: f64,
    /// Retries after a timeout, connect error, 429 or 5xx.
    #[arg(long, value_name = "N", default_value_t = fetch_default().retries)]
    pub retries: u32,
    /// Follow redirects to private, loopback and link-local addresses on
    /// another host than the input's (refused by default: a public page
    /// must not make the run fetch and publish an internal one).
    #[arg(long)]
    pub allow_private: bool,
    /// Largest document, in bytes (HTTP bodies: after decompression).
    #[arg(long, value_name = "BYTES", default_value_t = fetch_default().max_bytes)]
    pub max_bytes: u64,
    /// Time allowed to extract one document, in seconds (OCR has its own
    /// limit, --ocr-timeout, on top).
    #[arg(long, value_name = "SECS", default_value_t = run_default().extract_timeout.as_secs_f64(), value_parser = seconds)]
    pub extract_timeout: f64,
    /// What to do with a page's attachment links (files its body or its
    /// 附件 list links to): `none` (not listed), `list` (listed in the
    /// page's record), `fetch` (pages given by URL: also fetched from the
    /// page's own site, each a record with `parent`). Local files are
    /// listed only.
    #[arg(long, value_name = "none|list|fetch", default_value = "fetch")]
    pub attachments: AttachmentMode,
    /// Attachments fetched per page (the rest are listed only).
    #[arg(long, value_name = "N", default_value_t = AttachmentOptions::default().max_per_page)]
    pub max_attachments: usize,
    /// Largest attachment, in bytes (the smaller of this and --max-bytes).
    #[arg(long, value_name = "BYTES", default_value_t = AttachmentOptions::default().max_bytes)]
    pub attachment_max_bytes: u64,
    #[command(flatten)]
    pub memory: MemoryArgs,
    #[command(flatten)]
    pub ocr: OcrArgs,
}

/// The library's fetch defaults: `--help` shows them and an absent option
/// keeps them, so no default is written twice.
fn fetch_default() -> FetchOptions {
    FetchOptions::default()
}

/// The library's OCR defaults.
fn ocr_default() -> OcrOptions {
    OcrOptions::default()
}

/// The library's run defaults (the folder is not used).
fn run_default() -> RunOptions {
    RunOptions::new("")
}

/// The configuration every command starts from: the library's defaults,
/// with each document extracted in a child process running this same
/// executable (`doc-worker`) under a memory budget, and PDFs parsed in
/// another (`pdf-worker`), under time and memory limits.
pub fn base_config() -> Config {
    let mut cfg = Config::default();
    let exe = std::env::current_exe().ok();
    cfg.decode.pdf.worker.clone_from(&exe);
    cfg.worker.exe = exe;
    cfg
}

/// A checked `run`: what to read, how, and where to write.
#[derive(Debug)]
pub struct RunPlan {
    pub sources: Vec<Source>,
    pub config: Config,
    pub options: RunOptions,
}

impl RunArgs {
    /// Checks the options, lists the inputs (the fixtures when none are
    /// given) and builds the library's configuration.
    ///
    /// # Errors
    /// When no input is given and the fixture directories are missing, the
    /// manifest or an input directory cannot be read, or a duration is not
    /// a positive number.
    pub fn into_plan(self) -> anyhow::Result<RunPlan> {
        let mut inputs = self.inputs;
        if inputs.is_empty() && self.manifest.is_none() {
            let missing: Vec<&str> = FIXTURE_DIRS
                .iter()
                .copied()
                .filter(|d| !Path::new(d).is_dir())
                .collect();
            if !missing.is_empty() {
                bail!(
                    "no inputs given and the fixture directories {} are missing here; \
                     run from the repository root or name inputs",
                    missing.join(", ")
                );
            }
            inputs = FIXTURE_DIRS.iter().map(std::ffi::OsString::from).collect();
        }
        let sources = collect_sources(&inputs, self.manifest.as_deref())?;
        let secs = |name: &str, v: f64| -> anyhow::Result<Duration> {
            if !(v.is_finite() && v > 0.0) {
                bail!("--{name} must be a positive number of seconds, not {v}");
            }
            Ok(Duration::from_secs_f64(v))
        };
        let mut config = base_config();
        self.ocr.apply(&mut config)?;
        self.memory.apply(&mut config);
        let fetch = &mut config.fetch;
        fetch.max_bytes = self.max_bytes;
        fetch.timeout = secs("timeout", self.timeout)?;
        fetch.connect_timeout = fetch.connect_timeout.min(fetch.timeout);
        fetch.retries = self.retries;
        fetch.concurrency = self.concurrency.max(1);
        fetch.per_host = self.per_host.max(1);
        fetch.host_delay = Duration::from_millis(self.host_delay_ms);
        fetch.allow_private = self.allow_private;
        let mut options = RunOptions::new(self.out);
        options.cache = self.cache;
        options.offline = self.offline;
        options.history = self.history;
        options.shard = self.shard;
        options.max_failures = self.max_failures;
        options.timings = self.timings;
        options.jobs = self.jobs;
        options.extract_timeout = secs("extract-timeout", self.extract_timeout)?;
        options.progress = true;
        options.attachments = AttachmentOptions {
            mode: self.attachments,
            max_per_page: self.max_attachments,
            max_bytes: self.attachment_max_bytes,
        };
        // SOURCE_DATE_EPOCH (reproducible builds) sets the package's `created`.
        options.release = Some(ReleaseOptions::from_env()?);
        Ok(RunPlan {
            sources,
            config,
            options,
        })
    }
}

/// Options of `review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// An output folder of `run`, or record files (`notices/<id>.json`).
    #[arg(required = true, value_name = "DIR|RECORD")]
    pub inputs: Vec<PathBuf>,
    /// The site folder [default: DIR/review].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

impl ReviewArgs {
    /// # Errors
    /// When records are given one by one without --out.
    pub fn into_options(self) -> anyhow::Result<ReviewOptions> {
        let out = match self.out.or_else(|| ReviewOptions::default_out(&self.inputs)) {
            Some(out) => out,
            None => bail!("--out is needed when records are given one by one (no run folder to put review/ in)"),
        };
        Ok(ReviewOptions {
            inputs: self.inputs,
            out,
        })
    }
}
