//! `--history DIR`: every version a record has had, kept by content hash,
//! so a notice amended twice has three versions and `notice-extract diff`
//! can walk them.
//!
//! # Layout
//!
//! | path                      | content                                          |
//! |---------------------------|--------------------------------------------------|
//! | `<id>/<sha256>.json`      | one version: the record as its `notices.ndjson` line, named by the SHA-256 of those bytes |
//! | `<id>/versions`           | the versions' hashes, oldest first, one a line   |
//!
//! Versions are written only when a run finds a record changed (see
//! [`super::changes`]): the earlier version (if not kept yet) and the new
//! one. A record that does not change adds nothing, so the folder grows
//! with the changes, not with the runs; a notice that goes back to an
//! earlier text adds a line to `versions` but no file. Every file is
//! written atomically. Give every shard of a run the same `--history`:
//! shards hold disjoint ids, so they never write the same notice's files.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::atomic;
use crate::output::dir::{OutputDir, OutputError};
use crate::output::read::RawRecord;

/// The list of a notice's versions, oldest first.
pub const VERSIONS: &str = "versions";

/// A history folder.
#[derive(Debug, Clone)]
pub struct History {
    root: PathBuf,
}

impl History {
    /// Opens (creates) the history folder `root`.
    ///
    /// # Errors
    /// [`OutputError::Io`] when it cannot be created.
    pub fn open(root: &Path) -> Result<History, OutputError> {
        std::fs::create_dir_all(root).map_err(|source| OutputError::Io {
            path: root.to_path_buf(),
            source,
        })?;
        Ok(History {
            root: root.to_path_buf(),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The files of the versions of `id`, oldest first (empty when it has
    /// none).
    ///
    /// # Errors
    /// [`OutputError::BadId`], or [`OutputError::Io`] when the list cannot
    /// be read.
    pub fn versions(&self, id: &str) -> Result<Vec<PathBuf>, OutputError> {
        OutputDir::record_name(id)?;
        let dir = self.root.join(id);
        Ok(read_versions(&dir)
            .map_err(|source| OutputError::Io {
                path: dir.join(VERSIONS),
                source,
            })?
            .into_iter()
            .map(|h| dir.join(format!("{h}.json")))
            .collect())
    }

    /// Keeps a changed record: its earlier version `old` (when the history
    /// does not end with it yet) and the new one.
    ///
    /// # Errors
    /// When a file cannot be written (a bad id is an
    /// [`std::io::ErrorKind::InvalidInput`] error).
    pub fn keep(&self, old: Option<&RawRecord>, new: &RawRecord) -> std::io::Result<()> {
        OutputDir::record_name(&new.id)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e.to_string()))?;
        let dir = self.root.join(&new.id);
        std::fs::create_dir_all(&dir)?;
        let mut versions = read_versions(&dir)?;
        let before = versions.len();
        for rec in old.into_iter().chain([new]) {
            let hash = hex(&Sha256::digest(&rec.bytes));
            let file = dir.join(format!("{hash}.json"));
            if !file.is_file() {
                atomic::write(&file, &rec.bytes)?;
            }
            if versions.last() != Some(&hash) {
                versions.push(hash);
            }
        }
        if versions.len() != before {
            let mut list = versions.join("\n");
            list.push('\n');
            atomic::write(&dir.join(VERSIONS), list.as_bytes())?;
        }
        Ok(())
    }
}

fn read_versions(dir: &Path) -> std::io::Result<Vec<String>> {
    match std::fs::read_to_string(dir.join(VERSIONS)) {
        Ok(s) => Ok(s
            .lines()
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(id: &str, body: &str) -> RawRecord {
        RawRecord {
            id: id.into(),
            bytes: format!("{{\"id\":\"{id}\",\"v\":\"{body}\"}}\n").into_bytes(),
            origin: String::new(),
        }
    }

    #[test]
    fn amended_twice_is_three_versions_and_a_revert_adds_no_file() {
        let dir = tempfile::tempdir().expect("tmp");
        let h = History::open(dir.path()).expect("open");
        let (v1, v2, v3) = (rec("a-1", "1"), rec("a-1", "2"), rec("a-1", "3"));
        h.keep(Some(&v1), &v2).expect("keep");
        h.keep(Some(&v2), &v3).expect("keep");
        let versions = h.versions("a-1").expect("versions");
        assert_eq!(versions.len(), 3);
        let bodies: Vec<Vec<u8>> = versions
            .iter()
            .map(|p| std::fs::read(p).expect("version"))
            .collect();
        assert_eq!(bodies, [v1.bytes.clone(), v2.bytes, v3.bytes.clone()]);
        // Back to the first text: a fourth entry, no new file.
        h.keep(Some(&v3), &v1).expect("keep");
        assert_eq!(h.versions("a-1").expect("versions").len(), 4);
        let files = std::fs::read_dir(dir.path().join("a-1"))
            .expect("dir")
            .count();
        assert_eq!(files, 3 + 1, "three versions and the list");
        assert!(h.keep(None, &rec("../x", "1")).is_err());
    }
}
