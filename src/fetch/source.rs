//! Sources: what a run is asked to read. Inputs (files, directories, URLs)
//! and manifest lines become [`Source`]s, each with its record id; a
//! [`Shard`] takes a stable share of them.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::record_id;

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
    /// Record id ([`record_id`] of `input`).
    pub id: String,
    pub origin: Origin,
}

impl Source {
    /// A source for an input string: a URL if it has a scheme, else a path.
    ///
    /// A URL's credentials (`user:pw@`) are kept for the request only: the
    /// `input` (and so the id, the report, the record's `source.uri`) is
    /// the URL without them.
    pub fn new(input: &str) -> Self {
        if input.contains("://") {
            let shown = super::http::strip_credentials(input);
            return Source {
                id: record_id(&shown),
                input: shown.into_owned(),
                origin: Origin::Url(input.to_string()),
            };
        }
        Source {
            input: input.to_string(),
            id: record_id(input),
            origin: Origin::File(PathBuf::from(input)),
        }
    }
}

/// Why the inputs could not be listed (the run cannot proceed).
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("cannot read manifest {path}: {source}")]
    Manifest {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Expands inputs and manifest lines into sources: directories recursively,
/// entries in sorted order, hidden entries (`.name`) skipped, only regular
/// files (a FIFO, socket or device in an input directory would block the
/// run or mean nothing; each is skipped with a warning). A symlink loop is
/// skipped with a warning (its files are walked once, by their real path).
/// What cannot be listed (an unreadable subdirectory) and any missing file
/// stay sources: each fails as a document, not as the run. A file name
/// that is not UTF-8 is read by its real bytes; its `input` shows the
/// invalid bytes as `\xNN`.
///
/// # Errors
/// [`SourceError::Manifest`] when the manifest cannot be read.
pub fn collect_sources(
    inputs: &[impl AsRef<OsStr>],
    manifest: Option<&Path>,
) -> Result<Vec<Source>, SourceError> {
    let mut all: Vec<PathBuf> = inputs.iter().map(|i| PathBuf::from(i.as_ref())).collect();
    if let Some(m) = manifest {
        let text = std::fs::read_to_string(m).map_err(|source| SourceError::Manifest {
            path: m.to_path_buf(),
            source,
        })?;
        all.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(PathBuf::from),
        );
    }
    let mut out = Vec::new();
    for input in &all {
        match input.to_str() {
            Some(s) if s.contains("://") => out.push(Source::new(s)),
            _ if input.is_dir() => walk(input, &mut out),
            _ => out.push(Source::file(input)),
        }
    }
    Ok(out)
}

impl Source {
    /// A source for a file path, by its real bytes (`input` readable).
    pub fn file(path: &Path) -> Self {
        let input = display_path(path);
        Source {
            id: record_id(&input),
            input,
            origin: Origin::File(path.to_path_buf()),
        }
    }
}

/// A path as text for reports and messages: UTF-8 as is, each byte of an
/// invalid sequence as `\xNN` (so two names differing only there stay two
/// inputs with two ids).
pub fn display_path(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    let mut out = String::new();
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Source>) {
    let hidden =
        |e: &walkdir::DirEntry| e.depth() > 0 && e.file_name().as_encoded_bytes().starts_with(b".");
    let entries = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !hidden(e));
    for entry in entries {
        match entry {
            Ok(e) if e.file_type().is_file() => out.push(Source::file(e.path())),
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) => tracing::warn!(
                "{}: skipped: not a regular file ({})",
                crate::error::one_line(&display_path(e.path())),
                super::file::kind_of(e.file_type())
            ),
            Err(e) if e.loop_ancestor().is_some() => tracing::warn!(
                "{}: skipped: a symlink loop (to {})",
                crate::error::one_line(&display_path(e.path().unwrap_or(dir))),
                crate::error::one_line(&display_path(e.loop_ancestor().unwrap_or(dir)))
            ),
            // Cannot be listed or stat'ed: a document that fails with the
            // reason when it is opened.
            Err(e) => out.push(Source::file(e.path().unwrap_or(dir))),
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn sources_from_a_directory_are_sorted_regular_and_skip_hidden() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("b.txt"), "x").expect("w");
        std::fs::write(dir.path().join("a.txt"), "x").expect("w");
        std::fs::write(dir.path().join(".hidden.txt"), "x").expect("w");
        std::fs::create_dir(dir.path().join(".git")).expect("mkdir");
        std::fs::write(dir.path().join(".git/d.txt"), "x").expect("w");
        std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
        std::fs::write(dir.path().join("sub/c.txt"), "x").expect("w");
        let fifo = std::ffi::CString::new(dir.path().join("pipe").as_os_str().as_encoded_bytes())
            .expect("path");
        // SAFETY: mkfifo(3) on a NUL-terminated path we own.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
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

    #[test]
    fn symlink_loops_are_skipped_not_walked() {
        // Issue 13, row 6: two `-> .` links made the walk exponential.
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("a.txt"), "x").expect("w");
        std::os::unix::fs::symlink(".", dir.path().join("self")).expect("symlink");
        std::os::unix::fs::symlink(".", dir.path().join("again")).expect("symlink");
        let d = dir.path().to_string_lossy().to_string();
        let s = collect_sources(&[d], None).expect("sources");
        assert_eq!(s.len(), 1, "{s:?}");
    }

    #[test]
    fn non_utf8_names_are_read_by_their_bytes() {
        use std::os::unix::ffi::OsStrExt as _;
        let dir = tempfile::tempdir().expect("tempdir");
        let name = OsStr::from_bytes(b"n\xff.txt");
        std::fs::write(dir.path().join(name), "x").expect("w");
        let s = collect_sources(&[dir.path()], None).expect("sources");
        assert_eq!(s.len(), 1);
        assert!(s[0].input.ends_with("n\\xff.txt"), "{}", s[0].input);
        let Origin::File(p) = &s[0].origin else {
            panic!("a file")
        };
        assert!(p.exists());
    }
}
