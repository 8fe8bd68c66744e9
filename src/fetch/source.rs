//! Sources: what a run is asked to read. Inputs (files, directories, URLs)
//! and manifest lines become [`Source`]s, each with its record id; a
//! [`Shard`] takes a stable share of them.

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
    pub fn new(input: &str) -> Self {
        let origin = if input.contains("://") {
            Origin::Url(input.to_string())
        } else {
            Origin::File(PathBuf::from(input))
        };
        Source {
            input: input.to_string(),
            id: record_id(input),
            origin,
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
    #[error("cannot read input directory {path}: {source}")]
    InputDir {
        path: PathBuf,
        source: walkdir::Error,
    },
}

/// Expands inputs and manifest lines into sources: directories recursively,
/// entries in sorted order, hidden entries (`.name`) skipped, only regular
/// files (a FIFO or a device in an input directory would block the run).
/// A missing file stays a source: it fails as a document, not as the run.
///
/// # Errors
/// [`SourceError::Manifest`] when the manifest cannot be read,
/// [`SourceError::InputDir`] when a directory cannot be listed or holds a
/// symlink loop.
pub fn collect_sources(
    inputs: &[String],
    manifest: Option<&Path>,
) -> Result<Vec<Source>, SourceError> {
    let mut all: Vec<String> = inputs.to_vec();
    if let Some(m) = manifest {
        let text = std::fs::read_to_string(m).map_err(|source| SourceError::Manifest {
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

fn walk(dir: &Path, out: &mut Vec<Source>) -> Result<(), SourceError> {
    let hidden =
        |e: &walkdir::DirEntry| e.depth() > 0 && e.file_name().as_encoded_bytes().starts_with(b".");
    let entries = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !hidden(e));
    for entry in entries {
        let entry = entry.map_err(|source| SourceError::InputDir {
            path: dir.to_path_buf(),
            source,
        })?;
        if entry.file_type().is_file() {
            out.push(Source::new(&entry.path().to_string_lossy()));
        }
    }
    Ok(())
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
    fn a_symlink_loop_is_an_error_not_a_hang() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("a.txt"), "x").expect("w");
        std::os::unix::fs::symlink(".", dir.path().join("self")).expect("symlink");
        let d = dir.path().to_string_lossy().to_string();
        assert!(matches!(
            collect_sources(&[d], None),
            Err(SourceError::InputDir { .. })
        ));
    }
}
