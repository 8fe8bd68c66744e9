//! The fetch phase of a run and its cache policy: every URL is fetched
//! before extraction starts, by `fetch.concurrency` plain threads (never
//! the rayon pool, so waiting on the network never starves extraction),
//! into the raw-response cache; extraction then opens each source from
//! disk or from the cache ([`Prefetch::open`]).
//!
//! The policy:
//! - a URL with an intact cached body is revalidated (`If-None-Match`,
//!   `If-Modified-Since`); a 304 answers for the cached bytes, which are
//!   not even read when the caller already has a record of them;
//! - a fresh body replaces the cached one (atomically);
//! - `--offline` reads the cache only; a URL never cached is `not_cached`.
//!
//! Each body is hashed once: when stored (its hash goes into the cache
//! entry and becomes the document's `sha256`), or, for a body stored by an
//! earlier run, when read back to check it against its entry.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use super::cache::{Cache, CacheEntry};
use super::http::{Fetched, Fetcher, HttpError};
use super::source::{Origin, Source};
use super::{file, FetchError, RawDocument};
use crate::config::FetchOptions;

/// Why the fetch phase could not start (the run cannot proceed).
#[derive(Debug, thiserror::Error)]
pub enum PrefetchError {
    #[error("cannot open the cache {path}: {source}")]
    Cache {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot set up the HTTP client: {0}")]
    Http(#[from] HttpError),
}

/// The URLs' responses, waiting in the cache to be opened.
pub struct Prefetch {
    cache: Option<Cache>,
    /// By URL; each is taken once by [`Prefetch::open`].
    replies: Mutex<HashMap<String, Reply>>,
}

/// How one URL's fetch ended.
struct Reply {
    got: Result<Got, FetchError>,
    http_status: Option<u16>,
    ms: u64,
}

/// Where a URL's current body is.
enum Got {
    /// A new body, stored by this run (its hash is the entry's).
    Fresh(CacheEntry),
    /// 304: the cached body is current.
    NotModified(CacheEntry),
    /// `--offline`: whatever the cache holds.
    Cached(CacheEntry),
}

/// A source opened for extraction.
pub struct Opened<'a> {
    /// HTTP status of the response the bytes are from (a 304 stands for
    /// the cached response it confirmed); `None` for files.
    pub http_status: Option<u16>,
    /// Whether the server answered 304.
    pub not_modified: bool,
    /// Time spent reading the file or on the network, in milliseconds.
    pub ms: u64,
    pub result: Result<Body<'a>, FetchError>,
}

/// The bytes of an opened source.
pub enum Body<'a> {
    Raw(RawDocument),
    /// A 304 for a cached body: the caller compares [`Revalidated::sha256`]
    /// with what it has and [`Revalidated::load`]s the bytes only if needed.
    Revalidated(Revalidated<'a>),
}

/// A cached body the server said is current.
pub struct Revalidated<'a> {
    cache: &'a Cache,
    source: &'a Source,
    url: &'a str,
    /// SHA-256 of the cached body, as its entry records it.
    pub sha256: String,
}

impl Revalidated<'_> {
    /// Reads the cached body.
    ///
    /// # Errors
    /// [`FetchError::CacheCorrupt`] when it no longer matches its entry.
    pub fn load(self) -> Result<RawDocument, FetchError> {
        let (entry, bytes) = self.cache.load(self.url).ok_or(FetchError::CacheCorrupt)?;
        Ok(document(self.source, bytes, entry))
    }
}

impl Prefetch {
    /// Fetches every URL among `sources` into the cache at `cache_dir`
    /// (opened only when there are URLs); with `offline`, looks them up.
    ///
    /// # Errors
    /// [`PrefetchError`] when the cache cannot be opened or the HTTP
    /// client cannot be built; a URL's own trouble is its [`Opened`] error.
    pub fn run(
        sources: &[&Source],
        cache_dir: &Path,
        opts: &FetchOptions,
        offline: bool,
    ) -> Result<Prefetch, PrefetchError> {
        let urls: Vec<&str> = sources
            .iter()
            .filter_map(|s| match &s.origin {
                Origin::Url(u) => Some(u.as_str()),
                Origin::File(_) => None,
            })
            .collect();
        if urls.is_empty() {
            return Ok(Prefetch {
                cache: None,
                replies: Mutex::default(),
            });
        }
        let cache = Cache::open(cache_dir).map_err(|source| PrefetchError::Cache {
            path: cache_dir.to_path_buf(),
            source,
        })?;
        let replies = if offline {
            urls.iter()
                .map(|u| (u.to_string(), look_up(&cache, u)))
                .collect()
        } else {
            fetch_all(&urls, &cache, opts)?
        };
        Ok(Prefetch {
            cache: Some(cache),
            replies: Mutex::new(replies),
        })
    }

    /// Opens a source: reads a file (up to `max_bytes`), or takes a URL's
    /// reply and its body from the cache. Call once per source.
    pub fn open<'a>(&'a self, src: &'a Source, max_bytes: u64) -> Opened<'a> {
        let url = match &src.origin {
            Origin::File(path) => {
                let t = Instant::now();
                let result = file::read_file(path, max_bytes).map(|raw| {
                    // The uri is the input as given, as for the id.
                    RawDocument {
                        id: src.id.clone(),
                        uri: src.input.clone(),
                        ..raw
                    }
                });
                return Opened {
                    http_status: None,
                    not_modified: false,
                    ms: t.elapsed().as_millis() as u64,
                    result: result.map(Body::Raw),
                };
            }
            Origin::Url(url) => url,
        };
        let reply = self
            .replies
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(url.as_str());
        let (Some(reply), Some(cache)) = (reply, &self.cache) else {
            // Not a URL of the sources given to `run`.
            return Opened {
                http_status: None,
                not_modified: false,
                ms: 0,
                result: Err(FetchError::NotCached),
            };
        };
        let not_modified = matches!(reply.got, Ok(Got::NotModified(_)));
        let result = reply.got.and_then(|got| match got {
            Got::NotModified(entry) => Ok(Body::Revalidated(Revalidated {
                cache,
                source: src,
                url,
                sha256: entry.sha256,
            })),
            // Stored moments ago by this run: no need to check it again.
            Got::Fresh(entry) => cache
                .body(url)
                .map(|bytes| Body::Raw(document(src, bytes, entry)))
                .ok_or(FetchError::CacheCorrupt),
            Got::Cached(_) => cache
                .load(url)
                .map(|(entry, bytes)| Body::Raw(document(src, bytes, entry)))
                .ok_or(FetchError::CacheCorrupt),
        });
        Opened {
            http_status: reply.http_status,
            not_modified,
            ms: reply.ms,
            result,
        }
    }
}

/// A cached body as the document of `src`, its hash taken from the entry.
fn document(src: &Source, bytes: Vec<u8>, entry: CacheEntry) -> RawDocument {
    RawDocument {
        id: src.id.clone(),
        uri: src.input.clone(),
        bytes,
        content_type: entry.content_type,
        sha256: std::sync::OnceLock::from(entry.sha256),
    }
}

/// `--offline`: the cache's entry for `url`, if any.
fn look_up(cache: &Cache, url: &str) -> Reply {
    let got = cache
        .entry(url)
        .map(Got::Cached)
        .ok_or(FetchError::NotCached);
    Reply {
        http_status: got.as_ref().ok().map(|g| entry_of(g).status),
        got,
        ms: 0,
    }
}

fn entry_of(g: &Got) -> &CacheEntry {
    match g {
        Got::Fresh(e) | Got::NotModified(e) | Got::Cached(e) => e,
    }
}

/// Fetches every URL with `opts.concurrency` threads.
fn fetch_all(
    urls: &[&str],
    cache: &Cache,
    opts: &FetchOptions,
) -> Result<HashMap<String, Reply>, HttpError> {
    let fetcher = Fetcher::new(opts)?;
    let next = AtomicUsize::new(0);
    let replies = Mutex::new(HashMap::new());
    let threads = opts.concurrency.clamp(1, urls.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(url) = urls.get(i) else { break };
                let t = Instant::now();
                let (got, http_status) = fetch_one(&fetcher, cache, url);
                let reply = Reply {
                    got,
                    http_status,
                    ms: t.elapsed().as_millis() as u64,
                };
                replies
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .insert(url.to_string(), reply);
            });
        }
    });
    Ok(replies.into_inner().unwrap_or_else(|p| p.into_inner()))
}

/// One URL: revalidated when its cached body is intact, else fetched anew;
/// a new body is stored. The status is the one of the response whose body
/// the document is (the cached one for a 304).
fn fetch_one(
    fetcher: &Fetcher,
    cache: &Cache,
    url: &str,
) -> (Result<Got, FetchError>, Option<u16>) {
    let cached = cache.load(url).map(|(e, _)| e);
    let validators = cached.as_ref().map(CacheEntry::validators);
    match fetcher.fetch(url, validators.as_ref()) {
        Ok(Fetched::NotModified { status }) => match cached {
            Some(e) => {
                let status = e.status;
                (Ok(Got::NotModified(e)), Some(status))
            }
            // Validators are sent only with an intact body, so a 304 here
            // answers a request that asked for none.
            None => (
                Err(HttpError::Status {
                    status,
                    attempts: 1,
                }
                .into()),
                Some(status),
            ),
        },
        Ok(Fetched::Body(body)) => match cache.store(url, &body) {
            Ok(e) => (Ok(Got::Fresh(e)), Some(body.status)),
            Err(e) => (Err(FetchError::CacheWrite(e)), Some(body.status)),
        },
        Err(e) => {
            let status = e.http_status();
            (Err(e.into()), status)
        }
    }
}
