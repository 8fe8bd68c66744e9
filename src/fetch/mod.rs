//! Fetch: a source (file path or URL) becomes a [`RawDocument`] of bytes.
//!
//! This and `output` are the only stages doing I/O. What a run reads is a
//! list of [`Source`]s ([`source`]); [`prefetch`] fetches the URLs among
//! them into the cache ([`cache`]) politely ([`http`]) and opens each
//! source, a local file ([`file`]) or a cached body, as a [`RawDocument`].

pub mod address;
pub mod cache;
pub mod file;
pub mod http;
pub mod links;
pub mod prefetch;
pub mod source;

pub use prefetch::{Body, Opened, Prefetch, PrefetchError};
pub use source::{collect_sources, Origin, Shard, Source, SourceError};

use crate::model::ErrorCode;

use sha2::{Digest, Sha256};

/// Bytes as fetched, with what the transport said about them.
#[derive(Debug, Clone)]
pub struct RawDocument {
    /// Stable record id, derived from `uri` (see [`record_id`]).
    pub id: String,
    /// URL, or the file path as given.
    pub uri: String,
    pub bytes: Vec<u8>,
    /// `Content-Type` from HTTP, if any (may carry a charset).
    pub content_type: Option<String>,
    /// [`Self::sha256`], computed once: the batch runner compares it with
    /// the last run's before extracting, and the record states it.
    pub(crate) sha256: std::sync::OnceLock<String>,
}

impl RawDocument {
    /// A document from bytes in memory, named by `uri`.
    pub fn from_bytes(uri: &str, bytes: Vec<u8>) -> Self {
        RawDocument {
            id: record_id(uri),
            uri: uri.to_string(),
            bytes,
            content_type: None,
            sha256: std::sync::OnceLock::new(),
        }
    }

    /// Lower-case hex SHA-256 of the bytes, computed on the first call
    /// (set `bytes` before asking).
    pub fn sha256(&self) -> String {
        self.sha256
            .get_or_init(|| hex(&Sha256::digest(&self.bytes)))
            .clone()
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Why a source could not be fetched.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("cannot read file: {0}")]
    Io(#[from] std::io::Error),
    #[error("not a regular file ({kind}); not read")]
    NotAFile { kind: &'static str },
    #[error("file is {size} bytes, over the {limit}-byte limit")]
    TooLarge { size: u64, limit: u64 },
    #[error(transparent)]
    Http(#[from] http::HttpError),
    #[error("--offline and no cached response for this URL")]
    NotCached,
    #[error("the cached body is missing or damaged; rerun online")]
    CacheCorrupt,
    #[error("cannot write the cache: {0}")]
    CacheWrite(std::io::Error),
}

impl FetchError {
    /// Stable machine-readable name for reports.
    pub fn code(&self) -> ErrorCode {
        match self {
            FetchError::Io(_) => ErrorCode::IoError,
            FetchError::TooLarge { .. } => ErrorCode::TooLarge,
            FetchError::NotAFile { .. } => ErrorCode::NotAFile,
            FetchError::Http(e) => e.code(),
            FetchError::NotCached => ErrorCode::NotCached,
            FetchError::CacheCorrupt => ErrorCode::CacheCorrupt,
            FetchError::CacheWrite(_) => ErrorCode::CacheWrite,
        }
    }
}

/// A record id: a readable slug of the source's last path segment plus 12 hex
/// digits of the SHA-256 of the whole `uri`, so the same source always gets
/// the same id, different sources practically never share one, and the id is
/// a safe file name on every system (`[a-z0-9-]` only).
///
/// ```
/// let id = notice_extract::fetch::record_id("fixtures/html/binjiang-2025-page.html");
/// assert!(id.starts_with("binjiang-2025-page-"));
/// assert_eq!(id, notice_extract::fetch::record_id("fixtures/html/binjiang-2025-page.html"));
/// ```
pub fn record_id(uri: &str) -> String {
    let trimmed = uri.trim_end_matches('/');
    let last = trimmed
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .split(['?', '#'])
        .next()
        .unwrap_or("");
    let stem = match last.rfind('.') {
        Some(i) if i > 0 => &last[..i],
        _ => last,
    };
    let mut slug = String::new();
    for c in stem.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= 40 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let digest = hex(&Sha256::digest(uri.as_bytes()));
    if slug.is_empty() {
        format!("notice-{}", &digest[..12])
    } else {
        format!("{slug}-{}", &digest[..12])
    }
}
