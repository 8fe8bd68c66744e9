//! The raw-response cache: what a URL answered last time, so a rerun can
//! revalidate (`If-None-Match`, `If-Modified-Since`) and `--offline` can
//! re-extract without the network.
//!
//! Layout: `<dir>/<key>.body` (the body as received, after transfer
//! decoding) and `<dir>/<key>.json` ([`CacheEntry`]), where `key` is 32 hex
//! digits of the SHA-256 of the URL as given. Both are written atomically
//! (`crate::atomic`), body first: an entry whose body hash does not match
//! its metadata (a run killed between the two renames) is treated as
//! absent.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::http::{HttpBody, Validators};

/// What is kept beside a cached body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CacheEntry {
    /// The URL as given (the key's preimage).
    pub url: String,
    /// The URL after redirects.
    pub final_url: String,
    pub status: u16,
    pub content_type: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// SHA-256 of the body, lower-case hex.
    pub sha256: String,
    pub bytes: u64,
}

impl CacheEntry {
    pub fn validators(&self) -> Validators {
        Validators {
            etag: self.etag.clone(),
            last_modified: self.last_modified.clone(),
        }
    }
}

/// A cache directory.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// Opens (creates) the cache directory.
    ///
    /// # Errors
    /// When the directory cannot be created.
    pub fn open(dir: &Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        Ok(Cache {
            dir: dir.to_path_buf(),
        })
    }

    fn paths(&self, url: &str) -> (PathBuf, PathBuf) {
        let key = super::hex(&Sha256::digest(url.as_bytes()));
        let key = &key[..32];
        (
            self.dir.join(format!("{key}.json")),
            self.dir.join(format!("{key}.body")),
        )
    }

    /// The entry for `url`, without its body; `None` when absent or
    /// unreadable (a cache miss is never an error).
    pub fn entry(&self, url: &str) -> Option<CacheEntry> {
        let (meta, _) = self.paths(url);
        let text = crate::atomic::read_no_follow(&meta).ok()?;
        let entry: CacheEntry = serde_json::from_slice(&text).ok()?;
        (entry.url == super::http::strip_credentials(url)).then_some(entry)
    }

    /// The body of `url` as stored, unchecked: for a body this process has
    /// just stored (a body from an earlier run goes through [`Cache::load`]).
    pub fn body(&self, url: &str) -> Option<Vec<u8>> {
        let (_, body) = self.paths(url);
        crate::atomic::read_no_follow(&body).ok()
    }

    /// The entry and its body, checked against the recorded hash.
    pub fn load(&self, url: &str) -> Option<(CacheEntry, Vec<u8>)> {
        let entry = self.entry(url)?;
        let (_, body) = self.paths(url);
        let bytes = crate::atomic::read_no_follow(&body).ok()?;
        (super::hex(&Sha256::digest(&bytes)) == entry.sha256).then_some((entry, bytes))
    }

    /// Stores a fresh response, replacing any older one atomically.
    ///
    /// # Errors
    /// When the cache directory cannot be written.
    pub fn store(&self, url: &str, body: &HttpBody) -> std::io::Result<CacheEntry> {
        let (meta, body_path) = self.paths(url);
        let entry = CacheEntry {
            // Credentials are never written down (the key hashes them).
            url: super::http::strip_credentials(url).into_owned(),
            final_url: body.final_url.clone(),
            status: body.status,
            content_type: body.content_type.clone(),
            etag: body.validators.etag.clone(),
            last_modified: body.validators.last_modified.clone(),
            sha256: super::hex(&Sha256::digest(&body.bytes)),
            bytes: body.bytes.len() as u64,
        };
        crate::atomic::write(&body_path, &body.bytes)?;
        let json = serde_json::to_vec_pretty(&entry).map_err(std::io::Error::other)?;
        crate::atomic::write(&meta, &json)?;
        Ok(entry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_then_load_and_detect_a_torn_entry() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = Cache::open(dir.path()).expect("open");
        let body = HttpBody {
            status: 200,
            final_url: "http://x/a".into(),
            content_type: Some("text/html".into()),
            validators: Validators {
                etag: Some("\"1\"".into()),
                last_modified: None,
            },
            bytes: b"hello".to_vec(),
        };
        cache.store("http://x/a", &body).expect("store");
        let (e, b) = cache.load("http://x/a").expect("hit");
        assert_eq!(b, b"hello");
        assert_eq!(e.etag.as_deref(), Some("\"1\""));
        assert!(cache.load("http://x/b").is_none());
        let (_, body_path) = cache.paths("http://x/a");
        std::fs::write(body_path, b"torn").expect("write");
        assert!(cache.load("http://x/a").is_none());
    }
}
