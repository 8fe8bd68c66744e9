//! Writing files so that none is ever seen half-written, all with one mode.
//! Every file a run writes (records, NDJSON, report, tables, package, the
//! HTTP cache) goes through here.
//!
//! A file is written to a hidden temp file (`.tmp-…`) in its final
//! directory and renamed over the final name: a rename within one file
//! system is atomic, so a reader (or the next run after a `kill -9`) sees
//! the old complete file or the new complete file. Leftover temp files of a
//! killed run are removed by [`remove_temp_files`] at the start of the next
//! one (the output folder's lock makes sure they are not a live run's).
//! No `fsync`: the guarantee is against a killed process, not a power cut;
//! syncing every record would cost more than extracting it.
//!
//! Mode: [`FILE_MODE`] (`0644`) minus the umask, like `cp`, `tar` and other
//! tools that publish files, so a release served by another user is
//! readable (tempfile's own default, `0600`, is not).

use std::io::Write;
use std::path::{Path, PathBuf};

/// Prefix of temp files; hidden, so never mistaken for a record.
pub const TEMP_PREFIX: &str = ".tmp-";

/// Mode of every file written, before the umask.
pub const FILE_MODE: u32 = 0o644;

/// A file being written under a temp name; [`AtomicFile::commit`] renames
/// it to its final path, dropping it removes it.
pub struct AtomicFile {
    tmp: tempfile::NamedTempFile,
    path: PathBuf,
}

impl AtomicFile {
    /// Starts writing `path` (its directory must exist).
    ///
    /// # Errors
    /// When the temp file cannot be created.
    pub fn create(path: &Path) -> std::io::Result<AtomicFile> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMP_PREFIX);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            // Applied by open(2), so the umask still narrows it.
            builder.permissions(std::fs::Permissions::from_mode(FILE_MODE));
        }
        Ok(AtomicFile {
            tmp: builder.tempfile_in(dir)?,
            path: path.to_path_buf(),
        })
    }

    /// The final path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Renames the finished file to its final path.
    ///
    /// # Errors
    /// When the rename fails (the temp file is then removed).
    pub fn commit(self) -> std::io::Result<()> {
        self.tmp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.tmp.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.tmp.write_all(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.tmp.flush()
    }
}

/// Writes `bytes` to `path` atomically.
///
/// # Errors
/// When the temp file cannot be created, written or renamed.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(bytes)?;
    f.commit()
}

/// Reads a file that this tool wrote, refusing a symlink in its last
/// component (`O_NOFOLLOW`): a link planted in the output folder or the
/// cache must not feed another file's bytes into a record or the NDJSON.
///
/// # Errors
/// When the file is missing, a symlink (`ELOOP`) or unreadable.
pub fn read_no_follow(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        opts.custom_flags(libc::O_NOFOLLOW);
    }
    let mut bytes = Vec::new();
    opts.open(path)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Removes temp files left in `dir` by a killed run; returns how many.
pub fn remove_temp_files(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| {
            e.file_name()
                .as_encoded_bytes()
                .starts_with(TEMP_PREFIX.as_bytes())
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.json");
        write(&path, b"{}").expect("write");
        write(&path, b"[]").expect("write");
        assert_eq!(std::fs::read(&path).expect("read"), b"[]");
        assert_eq!(remove_temp_files(dir.path()), 0);
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
    }

    #[test]
    fn an_uncommitted_file_is_never_seen() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.json");
        let mut f = AtomicFile::create(&path).expect("create");
        f.write_all(b"half").expect("write");
        assert!(!path.exists());
        drop(f);
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn files_get_0644_minus_the_umask() {
        use std::os::unix::fs::PermissionsExt as _;
        // Read, not set: umask(2) is process-wide and tests run in threads.
        let status = std::fs::read_to_string("/proc/self/status").expect("status");
        let umask = status
            .lines()
            .find_map(|l| l.strip_prefix("Umask:"))
            .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
            .expect("Umask line");
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.json");
        write(&path, b"{}").expect("write");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, FILE_MODE & !umask, "{mode:o}");
    }
}
