//! Fetching notices over HTTP(S), politely: a [`Fetcher`] turns a URL into
//! the bytes of its body plus what the server said about them.
//!
//! In: a URL and, on a rerun, the validators (`ETag`, `Last-Modified`) of the
//! cached copy. Out: [`Fetched::Body`] or [`Fetched::NotModified`] (a 304).
//! Refused: schemes other than http/https (also as redirect targets), more
//! than `max_redirects` redirects, redirects to a private, loopback or
//! link-local address on another host than the input's (unless
//! `allow_private`), bodies over `max_bytes` (announced or read,
//! compressed or decoded), and answers that are not valid HTTP.
//!
//! `timeout` bounds the whole exchange, connect to last body byte: the
//! body is read on a helper thread and given up at the deadline, so a body
//! trickled at a byte a second ends at `timeout` as well.
//!
//! Credentials in a URL (`https://user:pw@host/`) are used for the request
//! and written nowhere: [`strip_credentials`] is applied to every URL and
//! message that leaves this module.
//!
//! Politeness: at most `per_host` requests in flight per host and
//! `host_delay` between two request starts on one host (a [`gate::HostGate`]).
//! The global limit is the number of threads calling [`Fetcher::fetch`]: the
//! batch runner uses `concurrency` plain threads, never the rayon pool, so
//! waiting on the network never starves extraction.
//!
//! Retries: timeouts, connect errors, broken bodies, 429 and 5xx are retried
//! (a malformed status line or header is not: it will not mend) up to
//! `retries` times with exponential backoff and jitter; a `Retry-After`
//! (seconds or an HTTP-date) is honoured, capped at `backoff_max`.

use std::io::Read;
use std::sync::Once;
use std::time::{Duration, Instant};

use reqwest::blocking::{Client, Response};
use reqwest::header::{
    HeaderMap, CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, LOCATION,
    RETRY_AFTER,
};
use reqwest::StatusCode;

use super::address;
use crate::config::FetchOptions;
use crate::model::ErrorCode;
use credentials::strip_credentials_in;
use gate::HostGate;

mod credentials;
mod gate;

pub use credentials::strip_credentials;

/// Validators of a cached copy, sent back to make the request conditional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A successful exchange.
#[derive(Debug)]
pub enum Fetched {
    /// 304: the cached copy is still current.
    NotModified { status: u16 },
    /// A 2xx body, complete and within the size cap.
    Body(HttpBody),
}

/// A body and the headers that matter for decoding and revalidation.
#[derive(Debug, Clone)]
pub struct HttpBody {
    pub status: u16,
    /// The URL after redirects.
    pub final_url: String,
    pub content_type: Option<String>,
    pub validators: Validators,
    pub bytes: Vec<u8>,
}

/// Why a URL could not be fetched (after any retries).
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("not a valid http(s) URL: {0}")]
    BadUrl(String),
    #[error("timed out after {attempts} attempts: {message}")]
    Timeout { attempts: u32, message: String },
    #[error("cannot connect after {attempts} attempts: {message}")]
    Connect { attempts: u32, message: String },
    #[error("more than {0} redirects (a loop?)")]
    TooManyRedirects(usize),
    #[error("redirect to a refused location: {0:?}")]
    RedirectRefused(String),
    #[error(
        "redirect to a private, loopback or link-local address: {0:?} (--allow-private follows it)"
    )]
    RedirectPrivate(String),
    #[error("the answer is not valid HTTP (not retried): {message}")]
    Protocol { message: String },
    #[error("server answered HTTP {status} after {attempts} attempts")]
    Status { status: u16, attempts: u32 },
    #[error("body is over the {limit}-byte limit ({seen} bytes announced or read)")]
    TooLarge { seen: u64, limit: u64 },
    #[error("body incomplete or undecodable after {attempts} attempts: {message}")]
    Body { attempts: u32, message: String },
    #[error("HTTP client error: {0}")]
    Client(String),
}

impl HttpError {
    /// Stable machine-readable name for reports.
    pub fn code(&self) -> ErrorCode {
        match self {
            HttpError::BadUrl(_) => ErrorCode::BadUrl,
            HttpError::Timeout { .. } => ErrorCode::HttpTimeout,
            HttpError::Connect { .. } => ErrorCode::HttpConnect,
            HttpError::TooManyRedirects(_) => ErrorCode::TooManyRedirects,
            HttpError::RedirectRefused(_) | HttpError::RedirectPrivate(_) => {
                ErrorCode::RedirectRefused
            }
            HttpError::Protocol { .. } => ErrorCode::HttpProtocol,
            HttpError::Status { .. } => ErrorCode::HttpStatus,
            HttpError::TooLarge { .. } => ErrorCode::TooLarge,
            HttpError::Body { .. } => ErrorCode::BodyIncomplete,
            HttpError::Client(_) => ErrorCode::HttpClient,
        }
    }

    /// The last HTTP status seen, if the error came with one.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            HttpError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// One attempt's result, before the retry decision.
enum Attempt {
    Done(Fetched),
    /// Worth another try; `wait` is the server's `Retry-After`, if any.
    Retry {
        error: HttpError,
        wait: Option<Duration>,
    },
    Fatal(HttpError),
}

/// A shared HTTP client with per-host limits; `Sync`, one per batch.
pub struct Fetcher {
    client: Client,
    opts: FetchOptions,
    gate: HostGate,
}

static CRYPTO_PROVIDER: Once = Once::new();

impl Fetcher {
    /// Builds the client.
    ///
    /// # Errors
    /// [`HttpError::Client`] when the TLS backend cannot be set up.
    pub fn new(opts: &FetchOptions) -> Result<Self, HttpError> {
        // reqwest is built with `rustls-no-provider` (ring instead of aws-lc,
        // see Cargo.toml): the provider must be installed before any client.
        // Err means another part of the process installed one already.
        CRYPTO_PROVIDER.call_once(|| {
            let _ = rustls::crypto::ring::default_provider().install_default();
        });
        let max = opts.max_redirects;
        let allow_private = opts.allow_private;
        let policy = reqwest::redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() > max {
                attempt.error(format!("more than {max} redirects"))
            } else if !matches!(attempt.url().scheme(), "http" | "https")
                || (!allow_private && leaves_for_private(attempt.url(), attempt.previous()))
            {
                // Returned as the 3xx itself; `fetch` turns it into
                // RedirectRefused with the Location it names.
                attempt.stop()
            } else {
                attempt.follow()
            }
        });
        let client = Client::builder()
            .user_agent(opts.user_agent.clone())
            .connect_timeout(opts.connect_timeout)
            .timeout(opts.timeout)
            .redirect(policy)
            .build()
            .map_err(|e| HttpError::Client(e.to_string()))?;
        Ok(Fetcher {
            client,
            opts: opts.clone(),
            gate: HostGate::new(opts.per_host.max(1), opts.host_delay),
        })
    }

    /// Fetches `url`, conditionally when `validators` are given, retrying
    /// transient failures.
    ///
    /// # Errors
    /// An [`HttpError`] when the last attempt failed or the failure is not
    /// worth retrying (4xx, too large, redirect loop, bad URL).
    pub fn fetch(&self, url: &str, validators: Option<&Validators>) -> Result<Fetched, HttpError> {
        let bad = || HttpError::BadUrl(strip_credentials(url).into_owned());
        let parsed = reqwest::Url::parse(url).map_err(|_| bad())?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(bad());
        }
        let host = parsed.host_str().unwrap_or("").to_string();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let result = {
                let _slot = self.gate.acquire(&host);
                self.attempt(parsed.clone(), validators, attempt)
            };
            match result {
                Attempt::Done(f) => return Ok(f),
                Attempt::Fatal(e) => return Err(e),
                Attempt::Retry { error, wait } => {
                    if attempt > self.opts.retries {
                        return Err(error);
                    }
                    let wait = wait.unwrap_or_else(|| self.backoff(attempt));
                    let url = strip_credentials(url);
                    tracing::debug!(%url, attempt, ?wait, "retrying: {error}");
                    std::thread::sleep(wait.min(self.opts.backoff_max));
                }
            }
        }
    }

    /// Backoff before retry number `attempt` (1-based): `backoff * 2^(n-1)`,
    /// capped, then a uniform jitter in `[d/2, d]` so that workers that
    /// failed together do not come back together.
    fn backoff(&self, attempt: u32) -> Duration {
        let exp = self
            .opts
            .backoff
            .saturating_mul(1 << (attempt - 1).min(16))
            .min(self.opts.backoff_max);
        let half = exp / 2;
        half + half.mul_f64(fastrand::f64())
    }

    fn attempt(&self, url: reqwest::Url, v: Option<&Validators>, attempts: u32) -> Attempt {
        let deadline = Instant::now() + self.opts.timeout;
        let mut req = self.client.get(url);
        if let Some(v) = v {
            if let Some(etag) = &v.etag {
                req = req.header(IF_NONE_MATCH, etag);
            }
            if let Some(lm) = &v.last_modified {
                req = req.header(IF_MODIFIED_SINCE, lm);
            }
        }
        let resp = match req.send() {
            Ok(r) => r,
            Err(e) => return classify(e, attempts),
        };
        let status = resp.status();
        if status == StatusCode::NOT_MODIFIED {
            return Attempt::Done(Fetched::NotModified {
                status: status.as_u16(),
            });
        }
        if status.is_redirection() {
            let to = header(resp.headers(), LOCATION).unwrap_or_default();
            let web = resp
                .url()
                .join(&to)
                .is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
            let to = strip_credentials(&to).into_owned();
            // Our policy stopped it: a scheme, or else a private address.
            return Attempt::Fatal(if web {
                HttpError::RedirectPrivate(to)
            } else {
                HttpError::RedirectRefused(to)
            });
        }
        if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
            return Attempt::Retry {
                error: HttpError::Status {
                    status: status.as_u16(),
                    attempts,
                },
                wait: retry_after(resp.headers()),
            };
        }
        if !status.is_success() {
            return Attempt::Fatal(HttpError::Status {
                status: status.as_u16(),
                attempts,
            });
        }
        self.read_body(resp, attempts, deadline)
    }

    fn read_body(&self, resp: Response, attempts: u32, deadline: Instant) -> Attempt {
        let limit = self.opts.max_bytes;
        // Announced size first: refuse before reading anything. (With a
        // transparent gzip/brotli decoder reqwest reports no length; the
        // `take` below then bounds the decoded stream, and so the
        // compressed one, which is never larger in practice.)
        if let Some(len) = resp.content_length() {
            if len > limit {
                return Attempt::Fatal(HttpError::TooLarge { seen: len, limit });
            }
        }
        let status = resp.status().as_u16();
        let final_url = strip_credentials(resp.url().as_str()).into_owned();
        let headers = resp.headers();
        let content_type = header(headers, CONTENT_TYPE);
        let validators = Validators {
            etag: header(headers, ETAG),
            last_modified: header(headers, LAST_MODIFIED),
        };
        let bytes = match read_until(resp, limit + 1, deadline) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => {
                return Attempt::Retry {
                    error: HttpError::Timeout {
                        attempts,
                        message: format!(
                            "the body was not complete within {} s",
                            self.opts.timeout.as_secs_f64()
                        ),
                    },
                    wait: None,
                }
            }
            Err(e) => e,
        };
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(e) => {
                let timed_out = e.kind() == std::io::ErrorKind::TimedOut
                    || std::error::Error::source(&e)
                        .and_then(|s| s.downcast_ref::<reqwest::Error>())
                        .is_some_and(|r| r.is_timeout());
                let message = error_chain(&e);
                let error = if timed_out {
                    HttpError::Timeout { attempts, message }
                } else {
                    HttpError::Body { attempts, message }
                };
                return Attempt::Retry { error, wait: None };
            }
        };
        if bytes.len() as u64 > limit {
            return Attempt::Fatal(HttpError::TooLarge {
                seen: bytes.len() as u64,
                limit,
            });
        }
        Attempt::Done(Fetched::Body(HttpBody {
            status,
            final_url,
            content_type,
            validators,
            bytes,
        }))
    }
}

/// Reads at most `limit` bytes of `resp`'s body on a helper thread, until
/// `deadline`: `Ok(None)` when the deadline came first (the thread stops
/// at its next read, which the client's own timeout bounds), `Err` when
/// the thread could not be started.
#[allow(clippy::type_complexity)]
fn read_until(
    resp: Response,
    limit: u64,
    deadline: Instant,
) -> Result<Option<std::io::Result<Vec<u8>>>, std::io::Result<Vec<u8>>> {
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("http-body".into())
        .spawn(move || {
            let mut body = resp.take(limit);
            let mut bytes = Vec::new();
            let mut buf = vec![0u8; 64 * 1024];
            let r = loop {
                if Instant::now() >= deadline {
                    break Ok(bytes);
                }
                match body.read(&mut buf) {
                    Ok(0) => break Ok(bytes),
                    Ok(n) => bytes.extend_from_slice(&buf[..n]),
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => break Err(e),
                }
            };
            let _ = tx.send(r);
        });
    if let Err(e) = spawned {
        return Err(Err(e));
    }
    let left = deadline.saturating_duration_since(Instant::now());
    match rx.recv_timeout(left) {
        // A body complete just at the deadline is complete.
        Ok(r) if Instant::now() < deadline => Ok(Some(r)),
        Ok(Err(e)) => Ok(Some(Err(e))),
        Ok(Ok(_)) | Err(_) => Ok(None),
    }
}

/// Whether a redirect to `to` leaves the input's host for a private,
/// loopback or link-local address. The input's own host is trusted (it
/// may be local on purpose: a mirror, a test server).
fn leaves_for_private(to: &reqwest::Url, previous: &[reqwest::Url]) -> bool {
    if previous
        .first()
        .is_some_and(|first| first.host_str() == to.host_str())
    {
        return false;
    }
    match to.host() {
        Some(host) => {
            let port = to.port_or_known_default().unwrap_or(80);
            address::private_address(&host, port, address::resolve).is_some()
        }
        None => true,
    }
}

/// Whether the error chain holds hyper's parse error: the server's status
/// line or headers are malformed.
fn is_malformed_answer(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur = Some(e);
    while let Some(c) = cur {
        if let Some(h) = c.downcast_ref::<hyper::Error>() {
            if h.is_parse() {
                return true;
            }
        }
        cur = c.source();
    }
    false
}

/// Sorts a send error into retry or give up.
fn classify(e: reqwest::Error, attempts: u32) -> Attempt {
    let e = e.without_url();
    let message = error_chain(&e);
    if is_malformed_answer(&e) {
        Attempt::Fatal(HttpError::Protocol { message })
    } else if e.is_redirect() {
        // Our policy's `error` for a long chain; the count is the option.
        let n = message
            .split("more than ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        Attempt::Fatal(HttpError::TooManyRedirects(n))
    } else if e.is_timeout() {
        Attempt::Retry {
            error: HttpError::Timeout { attempts, message },
            wait: None,
        }
    } else if e.is_connect() {
        Attempt::Retry {
            error: HttpError::Connect { attempts, message },
            wait: None,
        }
    } else if e.is_body() || e.is_decode() || e.is_request() {
        // A connection dropped mid-exchange looks like a request error.
        Attempt::Retry {
            error: HttpError::Body { attempts, message },
            wait: None,
        }
    } else {
        Attempt::Fatal(HttpError::Client(message))
    }
}

/// The error and its sources on one line: reqwest's top-level message alone
/// ("error sending request") rarely says what happened.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    strip_credentials_in(&s)
}

fn header(h: &HeaderMap, name: reqwest::header::HeaderName) -> Option<String> {
    h.get(name)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.trim().to_string())
}

/// `Retry-After` as delay-seconds (`120`) or an HTTP-date
/// (`Wed, 21 Oct 2026 07:28:00 GMT`: the time left until then, zero when
/// past). Unreadable values are ignored and backoff applies.
fn retry_after(h: &HeaderMap) -> Option<Duration> {
    let v = header(h, RETRY_AFTER)?;
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(&v).ok()?;
    Some(
        at.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(RETRY_AFTER, v.parse().expect("header value"));
            retry_after(&h)
        };
        assert_eq!(with("7"), Some(Duration::from_secs(7)));
        let later = std::time::SystemTime::now() + Duration::from_secs(90);
        let wait = with(&httpdate::fmt_http_date(later)).expect("a date");
        assert!((88..=90).contains(&wait.as_secs()), "{wait:?}");
        assert_eq!(with("Sun, 06 Nov 1994 08:49:37 GMT"), Some(Duration::ZERO));
        assert_eq!(with("soon"), None);
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let opts = FetchOptions {
            backoff: Duration::from_millis(100),
            backoff_max: Duration::from_millis(300),
            ..FetchOptions::default()
        };
        let f = Fetcher::new(&opts).expect("client");
        for _ in 0..20 {
            let d1 = f.backoff(1);
            assert!(d1 >= Duration::from_millis(50) && d1 <= Duration::from_millis(100));
            let d5 = f.backoff(5);
            assert!(d5 >= Duration::from_millis(150) && d5 <= Duration::from_millis(300));
        }
    }
}
