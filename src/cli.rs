//! Command-line options (clap derive: the doc comments are the `--help`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::bail;
use clap::{Args, Parser, Subcommand};
use notice_extract::batch::{RunOptions, Shard};
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
        /// The notice: an HTML page, a PDF or a text file.
        file: PathBuf,
        /// Print the record on one line (NDJSON) instead of pretty JSON.
        #[arg(long, conflicts_with = "outline")]
        compact: bool,
        /// Print a readable outline (one line per section, clause and
        /// figure) instead of JSON.
        #[arg(long)]
        outline: bool,
    },
    /// Read text lines on stdin; print one JSON object per line with the
    /// amounts and percentages found in it (spans relative to the line).
    Entities,
    /// Internal: parse a PDF read on stdin and write its pages as JSON on
    /// stdout. Run by `extract` in a child process with time and memory
    /// limits, so a pathological PDF cannot hang or exhaust the batch.
    #[command(name = "pdf-worker", hide = true)]
    PdfWorker {
        /// Backend names in the order they are tried, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "oxidize-pdf,pdf-extract")]
        backends: Vec<String>,
    },
    /// Extract many notices (files, directories, URLs) into DIR:
    /// notices/<id>.json, notices.ndjson and report.json.
    ///
    /// Without inputs it runs on the bundled fixtures (fixtures/text,
    /// fixtures/html, fixtures/pdf, fixtures/docx, fixtures/xlsx,
    /// fixtures/ofd relative to the current directory), so
    /// from the repository root: `cargo run --release -- run --out output`.
    ///
    /// Reruns are incremental: a document whose bytes (or a 304) and
    /// extractor version match the previous report.json keeps its record
    /// (status `unchanged`). Exit status: 0 all documents have a record,
    /// 1 more than --max-failures failed, 2 the run could not proceed.
    Run(RunArgs),
    /// Write review pages: a static site (open DIR/review/index.html in a
    /// browser) showing each notice with its sections, clauses, units,
    /// amounts and percentages marked on its text, and an index of the run.
    ///
    /// Give the output folder of `run`, or record files one by one (then
    /// --out is needed). Nothing is loaded from the network. Exit status: 0
    /// every record has its page, 1 a record could not be read (one stderr
    /// line each; the other pages are written), 2 no review could be made.
    Review(ReviewArgs),
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
    /// http(s) URLs. None: the bundled fixtures.
    pub inputs: Vec<String>,
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
    /// Process the K-th of N stable shares of the inputs (1-based K, by a
    /// hash of the record id); combine the shards with `merge`.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    /// Failed documents tolerated with exit status 0.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub max_failures: usize,
    /// Add per-document `timings_ms` to report.json (then two runs on the
    /// same inputs no longer give identical reports).
    #[arg(long)]
    pub timings: bool,
    /// Extraction threads [default: one per core].
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Requests in flight overall.
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub concurrency: usize,
    /// Requests in flight per host.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub per_host: usize,
    /// Least time between two requests to one host, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 500)]
    pub host_delay_ms: u64,
    /// Time allowed per request, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 60.0)]
    pub timeout: f64,
    /// Retries after a timeout, connect error, 429 or 5xx.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub retries: u32,
    /// Largest document, in bytes (HTTP bodies: after decompression).
    #[arg(long, value_name = "BYTES", default_value_t = 64 * 1024 * 1024)]
    pub max_bytes: u64,
    /// Time allowed to extract one document, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 120.0)]
    pub extract_timeout: f64,
}

impl RunArgs {
    /// Checks the options and builds the library's configuration; the
    /// inputs (fixtures when none are given) come back beside it.
    ///
    /// # Errors
    /// When no input is given and the fixture directories are missing, or
    /// a duration is not a positive number.
    pub fn into_config(self) -> anyhow::Result<(Vec<String>, Option<PathBuf>, Config, RunOptions)> {
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
            inputs = FIXTURE_DIRS.iter().map(|s| s.to_string()).collect();
        }
        let secs = |name: &str, v: f64| -> anyhow::Result<Duration> {
            if !(v.is_finite() && v > 0.0) {
                bail!("--{name} must be a positive number of seconds, not {v}");
            }
            Ok(Duration::from_secs_f64(v))
        };
        let mut cfg = Config::default();
        cfg.fetch.max_bytes = self.max_bytes;
        cfg.fetch.timeout = secs("timeout", self.timeout)?;
        cfg.fetch.connect_timeout = cfg.fetch.connect_timeout.min(cfg.fetch.timeout);
        cfg.fetch.retries = self.retries;
        cfg.fetch.concurrency = self.concurrency.max(1);
        cfg.fetch.per_host = self.per_host.max(1);
        cfg.fetch.host_delay = Duration::from_millis(self.host_delay_ms);
        let mut run = RunOptions::new(self.out);
        run.cache = self.cache;
        run.offline = self.offline;
        run.shard = self.shard;
        run.max_failures = self.max_failures;
        run.timings = self.timings;
        run.jobs = self.jobs;
        run.extract_timeout = secs("extract-timeout", self.extract_timeout)?;
        run.progress = true;
        // SOURCE_DATE_EPOCH (reproducible builds) sets the package's `created`.
        run.release = Some(crate_release_options()?);
        Ok((inputs, self.manifest, cfg, run))
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

/// Release options from the environment (`SOURCE_DATE_EPOCH`).
pub fn crate_release_options() -> anyhow::Result<notice_extract::output::release::ReleaseOptions> {
    Ok(notice_extract::output::release::ReleaseOptions::from_env()?)
}
