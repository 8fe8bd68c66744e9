//! The release's file writing: CSV tables through temporary files that
//! count and hash their bytes, whole files written atomically, and the
//! digests of files already there.

use std::fs;
use std::io::Write as _;
use std::path::Path;

use super::tables::{Rows, Table};
use super::ReleaseError;
use crate::atomic::AtomicFile;
use crate::model::Notice;
use crate::output::digest::{FileDigest, HashingReader, HashingWriter};

/// How every table is written: RFC 4180 quoting where needed, `\n` line
/// ends (see the module doc of `release`).
fn csv_writer(buf: Vec<u8>) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .quote_style(csv::QuoteStyle::Necessary)
        // Its own buffer before `buf`: rows are short, and one writer is
        // made per record and table.
        .buffer_capacity(1024)
        .from_writer(buf)
}

/// CSV lines of `rows`, appended to `buf`. A row's bytes depend on that row
/// alone, so rows rendered apart (a record's, on a worker thread) and
/// joined are the bytes one writer would have given.
fn render<R, F>(file: &'static str, rows: R, buf: Vec<u8>) -> Result<Vec<u8>, ReleaseError>
where
    R: IntoIterator,
    R::Item: IntoIterator<Item = F>,
    F: AsRef<[u8]>,
{
    let csv_err = |source| ReleaseError::Csv { file, source };
    let mut csv = csv_writer(buf);
    for row in rows {
        csv.write_record(row).map_err(csv_err)?;
    }
    csv.into_inner().map_err(|e| csv_err(e.into_error().into()))
}

/// A notice's rows in `table`, as CSV lines (none for a table whose rows
/// come from elsewhere).
pub(super) fn render_rows(table: &Table, notice: &Notice) -> Result<Vec<u8>, ReleaseError> {
    let Rows::PerNotice(rows) = table.rows else {
        return Ok(Vec::new());
    };
    let rows = rows(notice)?;
    debug_assert!(
        rows.iter().all(|r| r.len() == table.columns.len()),
        "{} row width",
        table.path
    );
    render(table.path, &rows, Vec::new())
}

/// One CSV table being written: rows, rendered as CSV lines, go to a
/// temporary file in the release folder through a writer that counts and
/// hashes the bytes.
pub(super) struct TableWriter {
    table: &'static Table,
    out: HashingWriter<std::io::BufWriter<AtomicFile>>,
}

impl TableWriter {
    pub(super) fn create(dir: &Path, table: &'static Table) -> Result<Self, ReleaseError> {
        let tmp = temp_file(dir, table.path)?;
        let mut t = TableWriter {
            table,
            out: HashingWriter::new(std::io::BufWriter::new(tmp)),
        };
        let header = render(
            table.path,
            [table.columns.iter().map(|c| c.name)],
            Vec::new(),
        )?;
        t.write_lines(&header)?;
        Ok(t)
    }

    /// Appends CSV lines rendered by [`render_rows`].
    pub(super) fn write_lines(&mut self, lines: &[u8]) -> Result<(), ReleaseError> {
        self.out.write_all(lines).map_err(|e| ReleaseError::Csv {
            file: self.table.path,
            source: e.into(),
        })
    }

    /// The rows of `changes.ndjson` (`file`, opened at `path`), read a line
    /// at a time and hashed in the same pass.
    pub(super) fn write_change_rows(
        &mut self,
        file: fs::File,
        path: &Path,
    ) -> Result<FileDigest, ReleaseError> {
        use std::io::BufRead as _;
        let read = |source| ReleaseError::Read {
            path: path.to_path_buf(),
            source,
        };
        let mut reader = std::io::BufReader::new(HashingReader::new(file));
        let mut buf = Vec::new();
        if let Rows::PerChange(row) = self.table.rows {
            for (i, line) in (&mut reader).lines().enumerate() {
                let line = line.map_err(read)?;
                let change: serde_json::Value = serde_json::from_str(&line)
                    .map_err(|e| read(std::io::Error::other(format!("line {}: {e}", i + 1))))?;
                buf = render(self.table.path, [row(i + 1, &change)], buf)?;
                self.write_lines(&buf)?;
                buf.clear();
            }
        }
        // Whatever the lines left unread still counts in the digest.
        std::io::copy(&mut reader, &mut std::io::sink()).map_err(read)?;
        Ok(reader.into_inner().finish())
    }

    /// Flushes the table and renames it to its final name.
    pub(super) fn persist(self, dir: &Path) -> Result<(&'static Table, FileDigest), ReleaseError> {
        let path = dir.join(self.table.path);
        let err = |source| ReleaseError::Write {
            path: path.clone(),
            source,
        };
        let (inner, digest) = self.out.finish();
        let tmp = inner.into_inner().map_err(|e| err(e.into_error()))?;
        finish_temp(tmp, &path)?;
        Ok((self.table, digest))
    }
}

/// Size and hash of `dir/rel`, read in blocks (`notices.ndjson` holds every
/// record: it is never loaded whole).
pub(super) fn hash_file(dir: &Path, rel: &str) -> Result<FileDigest, ReleaseError> {
    let path = dir.join(rel);
    let file = fs::File::open(&path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            ReleaseError::Missing { path: path.clone() }
        } else {
            ReleaseError::Read {
                path: path.clone(),
                source,
            }
        }
    })?;
    let mut hashing = HashingWriter::new(std::io::sink());
    std::io::copy(&mut std::io::BufReader::new(file), &mut hashing)
        .map_err(|source| ReleaseError::Read { path, source })?;
    Ok(hashing.finish().1)
}

/// A hidden temporary file beside `dir/rel` (`crate::atomic`: the run's
/// prefix and mode, so a killed run's leftovers are swept by the next run).
fn temp_file(dir: &Path, rel: &str) -> Result<AtomicFile, ReleaseError> {
    let path = dir.join(rel);
    AtomicFile::create(&path).map_err(|source| ReleaseError::Write { path, source })
}

/// Renames a finished temporary file to its final path.
fn finish_temp(tmp: AtomicFile, path: &Path) -> Result<(), ReleaseError> {
    tmp.commit().map_err(|source| ReleaseError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Writes `bytes` to `dir/rel` through a temporary file in the same folder
/// and a rename, so a reader never sees a half-written file and a failed
/// release leaves the previous file in place.
pub(super) fn write_atomic(dir: &Path, rel: &str, bytes: &[u8]) -> Result<(), ReleaseError> {
    let path = dir.join(rel);
    let mut tmp = temp_file(dir, rel)?;
    tmp.write_all(bytes).map_err(|source| ReleaseError::Write {
        path: path.clone(),
        source,
    })?;
    finish_temp(tmp, &path)
}
