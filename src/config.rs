//! Configuration, grouped by stage; built once by the CLI (or a library
//! user) and read-only after.

use std::time::Duration;

use crate::decode::DecodeOptions;

/// Everything the pipeline can be told.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub fetch: FetchOptions,
    pub decode: DecodeOptions,
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
