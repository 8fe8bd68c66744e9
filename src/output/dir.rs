//! [`OutputDir`]: the one place that knows what a run's output folder
//! holds, and the only way into it.
//!
//! | path                | written                                          |
//! |---------------------|--------------------------------------------------|
//! | `notices/<id>.json` | as each record is made                           |
//! | `notices.ndjson`    | at the end, from the record files, by id         |
//! | `report.json`       | at the end                                       |
//! | `changes.ndjson`    | at the end, before `notices.ndjson` replaces the last run's (`batch::changes`) |
//! | the release tables  | at the end (`output::release`)                   |
//! | `cache/`            | by `fetch` (the default `--cache`); not output   |
//!
//! Every file is written atomically with one mode (`crate::atomic`).
//! Opening a folder to write takes a lock on it (`flock` on the directory,
//! held while the [`OutputDir`] lives and dropped by the kernel when the
//! process dies, so a `kill -9` leaves no stale lock and no lock file): a
//! second run on the same folder is refused at once, before it touches
//! anything, and the temp files swept at start-up can only be a dead
//! run's. Ids are checked before they become paths (`merge` reads them
//! from files), and records are read without following symlinks, so
//! nothing outside the folder is read or written through it.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::digest::{FileDigest, HashingWriter};
use crate::atomic::{self, read_no_follow, AtomicFile};

/// Folder of the records.
pub const NOTICES: &str = "notices";
/// Every record, one per line.
pub const NDJSON: &str = "notices.ndjson";
/// The run report.
pub const REPORT: &str = "report.json";
/// What changed since the last run, one change a line.
pub const CHANGES: &str = "changes.ndjson";

/// Why an output folder cannot be used (the run cannot proceed).
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{path} is in use by another run (it holds the folder's lock); wait for it or use another --out")]
    Busy { path: PathBuf },
    #[error("cannot write to output directory {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is a symlink or not a folder; refusing to write records through it")]
    NotAFolder { path: PathBuf },
    #[error("{0:?} is not a record id (ids are made of a-z, 0-9 and -)")]
    BadId(String),
}

/// A run's output folder.
#[derive(Debug)]
pub struct OutputDir {
    root: PathBuf,
    /// The open directory holding the lock; `None` for a folder only read.
    _lock: Option<File>,
}

impl OutputDir {
    /// Opens `root` to write: creates it and `notices/`, takes the lock,
    /// checks it can be written, and removes a killed run's temp files.
    ///
    /// # Errors
    /// [`OutputError::Busy`] when another live run holds the folder,
    /// [`OutputError::Io`] when it cannot be created or written.
    pub fn open(root: &Path) -> Result<OutputDir, OutputError> {
        let notices = root.join(NOTICES);
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| OutputError::Io { path, source }
        };
        std::fs::create_dir_all(&notices).map_err(io(&notices))?;
        // `notices` planted as a link to a folder elsewhere would take every
        // record write (and read) out of the folder.
        let real_dir = std::fs::symlink_metadata(&notices).map_err(io(&notices))?;
        if !real_dir.is_dir() {
            return Err(OutputError::NotAFolder { path: notices });
        }
        let lock = lock(root)?;
        // Writable? A temp file proves it and goes away when dropped.
        AtomicFile::create(&root.join(".write-probe")).map_err(io(root))?;
        atomic::remove_temp_files(root);
        atomic::remove_temp_files(&notices);
        Ok(OutputDir {
            root: root.to_path_buf(),
            _lock: Some(lock),
        })
    }

    /// A folder only read from (a shard given to `merge`): no lock, nothing
    /// created.
    pub fn read_only(root: &Path) -> OutputDir {
        OutputDir {
            root: root.to_path_buf(),
            _lock: None,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `<root>/cache`, the default raw-response cache.
    pub fn default_cache(&self) -> PathBuf {
        self.root.join("cache")
    }

    /// `notices/<id>.json`, relative to the root (as `datapackage.json`
    /// names it).
    ///
    /// # Errors
    /// [`OutputError::BadId`] for an id that [`crate::fetch::record_id`]
    /// could not have made.
    pub fn record_name(id: &str) -> Result<String, OutputError> {
        let ok = !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if ok {
            Ok(format!("{NOTICES}/{id}.json"))
        } else {
            Err(OutputError::BadId(id.to_string()))
        }
    }

    /// The path of a record.
    ///
    /// # Errors
    /// As [`OutputDir::record_name`].
    pub fn record_path(&self, id: &str) -> Result<PathBuf, OutputError> {
        Ok(self.root.join(Self::record_name(id)?))
    }

    /// Whether the record of `id` is there (a regular file, not a link).
    pub fn has_record(&self, id: &str) -> bool {
        self.record_path(id)
            .is_ok_and(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file()))
    }

    /// Writes the record of `id` atomically.
    ///
    /// # Errors
    /// [`OutputError::BadId`], or [`OutputError::Io`] with the record's path.
    pub fn write_record(&self, id: &str, pretty_json: &[u8]) -> Result<(), OutputError> {
        let path = self.record_path(id)?;
        atomic::write(&path, pretty_json).map_err(|source| OutputError::Io { path, source })
    }

    /// Reads the record of `id` (never through a symlink).
    ///
    /// # Errors
    /// [`OutputError::BadId`], or [`OutputError::Io`] with the record's path.
    pub fn read_record(&self, id: &str) -> Result<Vec<u8>, OutputError> {
        let path = self.record_path(id)?;
        read_no_follow(&path).map_err(|source| OutputError::Io { path, source })
    }

    /// A file at the root (`report.json`), if it is there and readable.
    pub fn read_file(&self, name: &str) -> Option<Vec<u8>> {
        read_no_follow(&self.root.join(name)).ok()
    }

    /// Writes a file at the root atomically.
    ///
    /// # Errors
    /// [`OutputError::Io`] with the file's path.
    pub fn write_file(&self, name: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let path = self.root.join(name);
        atomic::write(&path, bytes).map_err(|source| OutputError::Io { path, source })
    }

    /// Writes `notices.ndjson`: the records of `ids` (sorted, each once),
    /// one line each. Each record file is read here and nowhere else after
    /// it is written: `prepare` sees its bytes as read, on a worker thread
    /// of the current rayon pool (the run's summary and the release rows
    /// are made from them there), and `visit` gets what it made, on this
    /// thread in the order of `ids`; the digest of `notices.ndjson` is
    /// taken as it is written.
    ///
    /// Records are read, minified and prepared [`READ_AHEAD`] at a time,
    /// in parallel, one record per task; while this thread writes one such
    /// window in order, the pool's other threads already prepare the next
    /// (the writing is sequential: run after the preparing, it would leave
    /// every other thread idle for its whole length). Memory holds two
    /// windows of records, however many the folder has.
    ///
    /// # Errors
    /// [`OutputError`] when a record cannot be read or the file written;
    /// the records before it have been visited, as when read one by one.
    pub fn write_ndjson<'a, T: Send>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
        prepare: impl Fn(&str, &[u8]) -> T + Sync,
        mut visit: impl FnMut(&str, T),
    ) -> Result<FileDigest, OutputError> {
        use rayon::prelude::*;

        let path = self.root.join(NDJSON);
        let io = |source| OutputError::Io {
            path: path.clone(),
            source,
        };
        // One window of records, read and prepared on the pool; a task per
        // record, so no thread waits on another's share at the window's end.
        let prepare_window = |window: &[&str]| -> Vec<Result<(Vec<u8>, T), OutputError>> {
            window
                .par_iter()
                .with_max_len(1)
                .map(|id| {
                    let pretty = self.read_record(id)?;
                    let mut line = Vec::with_capacity(pretty.len());
                    super::json::minify_into(&pretty, &mut line);
                    line.push(b'\n');
                    Ok((line, prepare(id, &pretty)))
                })
                .collect()
        };
        let mut file = AtomicFile::create(&path).map_err(io)?;
        let digest = {
            let mut w = HashingWriter::new(std::io::BufWriter::new(&mut file));
            let mut ids = ids.into_iter();
            let mut last: Option<&str> = None;
            // The next ids, each once.
            let mut next_window = || {
                let mut window: Vec<&str> = Vec::with_capacity(READ_AHEAD);
                for id in ids.by_ref() {
                    if last == Some(id) {
                        continue;
                    }
                    last = Some(id);
                    window.push(id);
                    if window.len() == READ_AHEAD {
                        break;
                    }
                }
                window
            };
            let mut window = next_window();
            let mut read = prepare_window(&window);
            while !window.is_empty() {
                let next = next_window();
                let mut next_read = Vec::new();
                // The next window is a job the pool's other threads take
                // while this one writes; this one joins it when done.
                let written = rayon::in_place_scope(|s| {
                    s.spawn(|_| next_read = prepare_window(&next));
                    for (id, r) in window.iter().zip(read) {
                        let (line, prepared) = r?;
                        visit(id, prepared);
                        w.write_all(&line).map_err(io)?;
                    }
                    Ok::<(), OutputError>(())
                });
                written?;
                (window, read) = (next, next_read);
            }
            let (mut buffered, digest) = w.finish();
            buffered.flush().map_err(io)?;
            digest
        };
        file.commit().map_err(io)?;
        Ok(digest)
    }
}

/// Records [`OutputDir::write_ndjson`] reads and prepares ahead of the one
/// it writes: enough to keep every worker busy between two waits, few
/// enough that the records held (each some tens of KB, with its parse;
/// two windows of them) stay a small, fixed amount of memory.
pub const READ_AHEAD: usize = 64;

/// How long a held lock is waited for before the folder is called busy:
/// a process forked (to start a PDF worker or any other program) shares
/// the lock's descriptor until it executes its program, so a run that has
/// just ended may hold it for a moment after. A live run holds it for
/// good, and is refused after this.
const LOCK_GRACE: std::time::Duration = std::time::Duration::from_millis(1000);

/// Takes the folder's exclusive lock, waiting at most [`LOCK_GRACE`].
fn lock(root: &Path) -> Result<File, OutputError> {
    let dir = File::open(root).map_err(|source| OutputError::Io {
        path: root.to_path_buf(),
        source,
    })?;
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd as _;
        let since = std::time::Instant::now();
        // SAFETY: flock(2) on a descriptor we own; it is released when the
        // descriptor is closed (drop, exit or kill).
        while unsafe { libc::flock(dir.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
            let e = std::io::Error::last_os_error();
            if e.kind() == std::io::ErrorKind::WouldBlock {
                if since.elapsed() < LOCK_GRACE {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    continue;
                }
                return Err(OutputError::Busy {
                    path: root.to_path_buf(),
                });
            }
            // A file system without locks (some NFS set-ups): go on, as
            // before locks existed, but say so.
            tracing::warn!(
                "cannot lock {} ({e}); make sure no other run writes there",
                root.display()
            );
            break;
        }
    }
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_would_leave_the_folder_are_refused() {
        for bad in ["../x", "/etc/passwd", "", "a/b", "..", "A", "a.json"] {
            assert!(OutputDir::record_name(bad).is_err(), "{bad}");
        }
        assert_eq!(
            OutputDir::record_name("seed-0001").expect("id"),
            "notices/seed-0001.json"
        );
    }

    #[test]
    fn a_second_writer_is_refused_until_the_first_is_gone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = OutputDir::open(dir.path()).expect("first");
        assert!(matches!(
            OutputDir::open(dir.path()),
            Err(OutputError::Busy { .. })
        ));
        drop(first);
        OutputDir::open(dir.path()).expect("free again");
    }

    #[test]
    fn records_are_not_read_through_symlinks() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = OutputDir::open(dir.path()).expect("open");
        let secret = dir.path().join("secret");
        std::fs::write(&secret, "{}").expect("write");
        let link = out.record_path("leak").expect("path");
        std::os::unix::fs::symlink(&secret, link).expect("symlink");
        assert!(!out.has_record("leak"));
        assert!(out.read_record("leak").is_err());
    }
}
