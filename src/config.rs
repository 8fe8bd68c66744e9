//! Configuration, grouped by stage; built once by the CLI (or a library
//! user) and read-only after.

use std::path::PathBuf;
use std::time::Duration;

use crate::decode::DecodeOptions;

/// Everything the pipeline can be told.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub fetch: FetchOptions,
    pub decode: DecodeOptions,
    pub worker: WorkerOptions,
}

/// Where each document is extracted: in a worker process under a memory
/// and a CPU budget, or on a thread of this process.
#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// Executable run as `<exe> doc-worker --serve` to extract documents in
    /// a child process (`crate::batch::worker`), one kept per extraction
    /// thread. Default `None`: extract on a thread of this process, which
    /// survives panics and is given up at its time limit, but has **no
    /// memory bound** (and a thread past its time cannot be stopped). The
    /// CLI sets it to its own executable.
    pub exe: Option<PathBuf>,
    /// Memory one document may use in the worker.
    pub memory: MemoryBudget,
    /// Documents one worker process extracts before it is replaced by a
    /// fresh one. Default 2,000: a worker costs 30–40 ms to start (its
    /// regexes compiled on first use), 5–6 % of the CPU of a run of
    /// 1,792 web pages at 500; freed heap past 64 MiB is given back after
    /// each document, so the worker's peak RSS over those pages is the same
    /// (49 MB at 500, 50 MB at 2,000).
    pub documents: usize,
}

impl Default for WorkerOptions {
    fn default() -> Self {
        WorkerOptions {
            exe: None,
            memory: MemoryBudget::default(),
            documents: 2000,
        }
    }
}

/// The address space one document may add to its worker while it is
/// extracted: `floor_bytes + per_input_byte × its size`, at most
/// `max_bytes` (the worker's hard `RLIMIT_AS`). Past it the document fails
/// with `memory_budget` and the next one goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryBudget {
    /// What any document may use, however small. Default 512 MiB: real
    /// notices peak at 80 MiB (a 300-page workbook), the worker's own
    /// threads and the PDF worker's pipes reserve tens more.
    pub floor_bytes: u64,
    /// What each byte of input adds. Default 16: text and web pages peak
    /// at about 11× their size (a 50 MB line of money figures).
    pub per_input_byte: u64,
    /// The most any document may use. Default 2 GiB, the PDF worker's
    /// limit.
    pub max_bytes: u64,
}

impl Default for MemoryBudget {
    fn default() -> Self {
        MemoryBudget {
            floor_bytes: 512 * 1024 * 1024,
            per_input_byte: 16,
            max_bytes: 2 * 1024 * 1024 * 1024,
        }
    }
}

impl MemoryBudget {
    /// The budget of a document of `input_bytes`.
    pub fn for_input(&self, input_bytes: u64) -> u64 {
        self.floor_bytes
            .saturating_add(self.per_input_byte.saturating_mul(input_bytes))
            .min(self.max_bytes)
    }
}

/// Options of the fetch stage.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Largest document accepted, in bytes. Default 64 MiB: notices are
    /// rarely over 5 MB; a larger body is almost always an error page loop,
    /// an archive or an attack.
    /// The same cap applies to HTTP bodies, after decompression (a gzip
    /// bomb stops at `max_bytes + 1` decoded bytes).
    pub max_bytes: u64,
    /// HTTP `User-Agent`. Default `notice-extract/<version>`: a site owner
    /// seeing our traffic can tell what it is.
    pub user_agent: String,
    /// Time allowed to open a connection. Default 10 s.
    pub connect_timeout: Duration,
    /// Time allowed for one request, connect to last body byte: the whole
    /// exchange, however slowly the body trickles in. Default 60 s.
    pub timeout: Duration,
    /// Retries after a timeout, a connect error, a 429 or a 5xx. Default 3
    /// (so at most 4 requests per URL).
    pub retries: u32,
    /// First backoff before a retry; doubled each time, with jitter in
    /// `[d/2, d]`. Default 500 ms.
    pub backoff: Duration,
    /// Largest wait before a retry, also the cap on a `Retry-After`.
    /// Default 30 s.
    pub backoff_max: Duration,
    /// Redirects followed per URL (http and https only). Default 5.
    pub max_redirects: usize,
    /// Network worker threads, i.e. requests in flight overall. Default 8.
    pub concurrency: usize,
    /// Requests in flight per host. Default 2.
    pub per_host: usize,
    /// Follow redirects to private, loopback and link-local addresses
    /// (10/8, 127/8, 169.254/16, fc00::/7, …) on another host than the
    /// input's. Default `false`: a public page must not make the run fetch,
    /// and publish, an internal one.
    pub allow_private: bool,
    /// Least time between two request starts on one host. Default 500 ms.
    pub host_delay: Duration,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            max_bytes: 64 * 1024 * 1024,
            user_agent: concat!("notice-extract/", env!("CARGO_PKG_VERSION")).to_string(),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            retries: 3,
            backoff: Duration::from_millis(500),
            backoff_max: Duration::from_secs(30),
            max_redirects: 5,
            concurrency: 8,
            per_host: 2,
            allow_private: false,
            host_delay: Duration::from_millis(500),
        }
    }
}
