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

/// One CSV table being written: rows go to a temporary file in the release
/// folder through a writer that counts and hashes the bytes.
pub(super) struct TableWriter {
    table: &'static Table,
    csv: csv::Writer<HashingWriter<std::io::BufWriter<AtomicFile>>>,
}

impl TableWriter {
    pub(super) fn create(dir: &Path, table: &'static Table) -> Result<Self, ReleaseError> {
        let tmp = temp_file(dir, table.path)?;
        let mut csv = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(HashingWriter::new(std::io::BufWriter::new(tmp)));
        csv.write_record(table.columns.iter().map(|c| c.name))
            .map_err(|source| ReleaseError::Csv {
                file: table.path,
                source,
            })?;
        Ok(TableWriter { table, csv })
    }

    pub(super) fn write_rows(&mut self, notice: &Notice) -> Result<(), ReleaseError> {
        let Rows::PerNotice(rows) = self.table.rows else {
            return Ok(());
        };
        for row in rows(notice)? {
            debug_assert_eq!(
                row.len(),
                self.table.columns.len(),
                "{} row width",
                self.table.path
            );
            self.csv
                .write_record(&row)
                .map_err(|source| ReleaseError::Csv {
                    file: self.table.path,
                    source,
                })?;
        }
        Ok(())
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
        if let Rows::PerChange(row) = self.table.rows {
            for (i, line) in (&mut reader).lines().enumerate() {
                let line = line.map_err(read)?;
                let change: serde_json::Value = serde_json::from_str(&line)
                    .map_err(|e| read(std::io::Error::other(format!("line {}: {e}", i + 1))))?;
                self.csv
                    .write_record(row(i + 1, &change))
                    .map_err(|source| ReleaseError::Csv {
                        file: self.table.path,
                        source,
                    })?;
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
        let hashing = self.csv.into_inner().map_err(|e| err(e.into_error()))?;
        let (inner, digest) = hashing.finish();
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
