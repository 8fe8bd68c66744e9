//! Release: turns a batch output folder into an open-data package that
//! spreadsheets, SQL engines and Frictionless tools read with zero glue.
//!
//! The batch runner writes the records (`notices/<id>.json`,
//! `notices.ndjson`, `report.json`) and then calls [`write_release`], which
//! adds flat CSV tables, a copy of the record schema and a
//! `datapackage.json` describing every file. It reads nothing but the
//! records it is given and the files it hashes; it never changes a record.
//!
//! # Format
//!
//! | file                  | written by | one row / item per                      |
//! |-----------------------|------------|-----------------------------------------|
//! | `notices/<id>.json`   | batch      | notice (pretty JSON, the record)        |
//! | `notices.ndjson`      | batch      | notice (one record per line, by id)     |
//! | `report.json`         | batch      | run (statuses); described if present    |
//! | `notices.csv`         | release    | notice                                  |
//! | `sections.csv`        | release    | section (`一、…`)                        |
//! | `clauses.csv`         | release    | clause (`(一)…`, `第一條…`)              |
//! | `items.csv`           | release    | item below a clause (`1.`, `(1)`, `①`)  |
//! | `table_cells.csv`     | release    | cell of a table of data in the text     |
//! | `attachments.csv`     | release    | file the page links to                  |
//! | `amounts.csv`         | release    | sum of money                            |
//! | `percentages.csv`     | release    | percentage or percentage-point figure   |
//! | `warnings.csv`        | release    | extraction warning                      |
//! | `changes.ndjson`      | batch      | change since the last run (if present)  |
//! | `changes.csv`         | release    | line of `changes.ndjson`                |
//! | `notice.schema.json`  | release    | the JSON Schema every record follows    |
//! | `datapackage.json`    | release    | the package: every file above           |
//!
//! The columns of each CSV, with their types and meaning, are in
//! [`tables`], each table's next to the function that fills them; the same
//! columns become the Table Schemas in `datapackage.json`
//! ([`datapackage`]), so the header and its description cannot drift.
//!
//! CSV conventions, chosen for DuckDB, pandas, R and Frictionless first:
//!
//! - UTF-8 **without** a BOM. A BOM helps Excel guess the encoding, but it
//!   becomes part of the first column name in tools that do not strip it
//!   (Python's `csv` without `utf-8-sig`, `cut`, awk), breaking `id` lookups.
//!   Excel users import through Data → From Text/CSV (UTF-8).
//! - RFC 4180 quoting (only fields holding `,` `"` CR or LF are quoted, `"`
//!   is doubled), but `\n` line ends rather than CRLF: every reader above
//!   accepts both, and LF keeps `wc -l`, `diff` and git quiet. The dialect is
//!   declared in `datapackage.json`.
//! - A header row; columns in the fixed order of the constants.
//! - An empty field is null (`missingValues: [""]`). Text that is empty in
//!   the record (a clause with no title) is also written empty: the JSON
//!   records are the authority where that difference matters.
//! - Lists (issuers, units) are joined by [`LIST_SEPARATOR`] `|`, which no
//!   Chinese unit name contains; an item that does contain one has it
//!   replaced by the full-width `｜` so splitting stays exact. An empty list
//!   is an empty field.
//! - Numbers are plain decimals, never `1e9`. `value` columns (Table Schema
//!   `number`) always carry a point (`1820000000.0`, `0.5`) so DuckDB and
//!   pandas infer a floating type from any sample of rows; integer columns
//!   (counts, numbers, spans) never do (`325`).
//! - Spans are `[start, end)` in Unicode code points into the record's
//!   `text`, as in the JSON.
//! - Rows are sorted by notice id, then by position in the record's array
//!   (the `ordinal` column), so the same records always give the same bytes.
//!
//! # Keys
//!
//! `notices.id` is unique ([`ReleaseError::DuplicateId`] otherwise). Each
//! other table's key is `(notice_id, ordinal)`, the 1-based position in the
//! record's array (for items, in reading order over all the notice's
//! clauses; for cells, `(notice_id, table, row, column)`), which holds by
//! construction; `number` is the document's
//! own numbering and is not declared unique, since extraction cannot promise
//! a document numbers without repeats. `notice_id` references `notices.id`.
//! `(notice_id, clause)` joins amounts to clauses' `(notice_id, number)`, but
//! is not declared as a foreign key because `clause` is null outside clauses.
//!
//! # Determinism
//!
//! Same records and same files → byte-identical tables and package. The only
//! time stamp is the package's `created`, taken from
//! [`ReleaseOptions::created`]; [`ReleaseOptions::from_env`] fills it from
//! `SOURCE_DATE_EPOCH` (reproducible-builds.org), and without either the
//! property is left out rather than set to the wall clock.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;
use sha2::{Digest, Sha256};

use super::dir::{CHANGES as CHANGES_NDJSON, NDJSON, NOTICES, REPORT};
use super::schema::NOTICE_SCHEMA;
use crate::atomic::AtomicFile;
use crate::model::Notice;
use datapackage::{DataPackage, Resource};
use tables::{Rows, Table, CHANGES, TABLES};

mod datapackage;
mod tables;

/// Joins the items of a list field in one CSV cell.
pub const LIST_SEPARATOR: char = '|';

/// Stands in for [`LIST_SEPARATOR`] inside an item, so splitting is exact.
const SEPARATOR_STAND_IN: char = '｜';

/// Version of notice-extract that wrote the package.
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Options of the release step, built once by the caller.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReleaseOptions {
    /// `created` of `datapackage.json`, RFC 3339 (`2025-02-28T00:00:00Z`).
    /// Default `None`: the property is left out, keeping the package
    /// reproducible. [`ReleaseOptions::from_env`] sets it from
    /// `SOURCE_DATE_EPOCH`.
    pub created: Option<String>,
}

impl ReleaseOptions {
    /// Options with `created` from a `SOURCE_DATE_EPOCH` value (seconds
    /// since 1970-01-01 UTC, as `date +%s` prints), or none when unset.
    ///
    /// # Errors
    /// [`ReleaseError::BadSourceDateEpoch`] when the value is not a
    /// non-negative whole number: the reproducible-builds spec asks tools to
    /// fail rather than silently fall back to the clock.
    ///
    /// # Example
    /// ```
    /// use notice_extract::output::release::ReleaseOptions;
    /// let opts = ReleaseOptions::from_source_date_epoch(Some("1740700800")).unwrap();
    /// assert_eq!(opts.created.as_deref(), Some("2025-02-28T00:00:00Z"));
    /// ```
    pub fn from_source_date_epoch(value: Option<&str>) -> Result<Self, ReleaseError> {
        let created = match value {
            None => None,
            Some(v) => {
                let secs: u64 = v
                    .trim()
                    .parse()
                    .map_err(|_| ReleaseError::BadSourceDateEpoch {
                        value: v.to_string(),
                    })?;
                Some(rfc3339_utc(secs))
            }
        };
        Ok(ReleaseOptions { created })
    }

    /// Options from the environment: `SOURCE_DATE_EPOCH` if set.
    ///
    /// # Errors
    /// As [`ReleaseOptions::from_source_date_epoch`].
    pub fn from_env() -> Result<Self, ReleaseError> {
        let value = std::env::var("SOURCE_DATE_EPOCH").ok();
        Self::from_source_date_epoch(value.as_deref())
    }
}

/// Why a release could not be written. Data and input errors are found
/// before the first write; each file is then replaced atomically, and
/// `datapackage.json` comes last.
#[derive(Debug, thiserror::Error)]
pub enum ReleaseError {
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is missing; the batch runner writes the records before the release")]
    Missing { path: PathBuf },
    #[error("two records share the id {0:?}; ids must be unique in a release")]
    DuplicateId(String),
    #[error("record {id}: {field} is {value}, not a finite number")]
    NonFinite {
        id: String,
        field: &'static str,
        value: f64,
    },
    #[error("SOURCE_DATE_EPOCH is {value:?}; expected whole seconds since 1970, as `date +%s`")]
    BadSourceDateEpoch { value: String },
    #[error("created is {0:?}; expected RFC 3339 such as 2025-02-28T00:00:00Z")]
    BadCreated(String),
    #[error("cannot render {file}: {source}")]
    Csv {
        file: &'static str,
        source: csv::Error,
    },
}

/// Writes the CSV tables, `notice.schema.json` and `datapackage.json` into
/// `dir`, beside the records the batch runner wrote there.
///
/// `records` may come in any order; output is sorted by id. Every
/// `notices/<id>.json` and `notices.ndjson` must exist (they are hashed into
/// the package); `report.json` is described when present.
///
/// # Errors
/// [`ReleaseError`]: a missing record file, duplicate ids, a non-finite
/// number, a malformed `created`, or I/O trouble (with the path).
///
/// # Example
/// ```
/// use notice_extract::output::release::{write_release, ReleaseOptions};
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("notices.ndjson"), "").unwrap();
/// write_release(dir.path(), &[], &ReleaseOptions::default()).unwrap();
/// assert!(dir.path().join("datapackage.json").exists());
/// ```
pub fn write_release(
    dir: &Path,
    records: &[Notice],
    opts: &ReleaseOptions,
) -> Result<(), ReleaseError> {
    let by_id: std::collections::HashMap<&str, &Notice> =
        records.iter().map(|n| (n.id.as_str(), n)).collect();
    if by_id.len() < records.len() {
        let mut ids: Vec<&str> = records.iter().map(|n| n.id.as_str()).collect();
        ids.sort_unstable();
        let dup = ids.windows(2).find(|w| w[0] == w[1]).map_or("", |w| w[0]);
        return Err(ReleaseError::DuplicateId(dup.to_string()));
    }
    let ids = records.iter().map(|n| n.id.clone()).collect();
    let load = |id: &str| {
        Ok(Loaded {
            notice: by_id[id].clone(),
            digest: None,
        })
    };
    write_tables_and_package(dir, ids, load, opts)
}

/// [`write_release`] reading one record at a time: `load` gives the bytes
/// of an id's record file (the batch runner reads `notices/<id>.json`), so
/// memory stays flat however many records the release holds, and each
/// file is read once here: the same bytes are parsed for the tables and
/// hashed for the package. The tables are written to temporary files and
/// renamed only when every record went through.
///
/// # Errors
/// As [`write_release`], plus whatever `load` returns, and a record file
/// that is not a record.
pub fn write_release_streaming(
    dir: &Path,
    ids: Vec<String>,
    mut load: impl FnMut(&str) -> Result<Vec<u8>, ReleaseError>,
    opts: &ReleaseOptions,
) -> Result<(), ReleaseError> {
    let load = |id: &str| {
        let bytes = load(id)?;
        let notice = serde_json::from_slice(&bytes).map_err(|e| ReleaseError::Read {
            path: dir.join(format!("{NOTICES}/{id}.json")),
            source: std::io::Error::other(e),
        })?;
        Ok(Loaded {
            notice,
            digest: Some(FileDigest::of(&bytes)),
        })
    };
    write_tables_and_package(dir, ids, load, opts)
}

/// A record as the release takes it, with its file's digest when the
/// caller read the file (else the file is hashed here).
struct Loaded {
    notice: Notice,
    digest: Option<FileDigest>,
}

fn write_tables_and_package(
    dir: &Path,
    mut ids: Vec<String>,
    mut load: impl FnMut(&str) -> Result<Loaded, ReleaseError>,
    opts: &ReleaseOptions,
) -> Result<(), ReleaseError> {
    if let Some(created) = &opts.created {
        if !RFC3339.is_match(created) {
            return Err(ReleaseError::BadCreated(created.clone()));
        }
    }
    ids.sort_unstable();
    if let Some(pair) = ids.windows(2).find(|w| w[0] == w[1]) {
        return Err(ReleaseError::DuplicateId(pair[0].clone()));
    }

    // Everything that can fail on the data or the inputs happens before the
    // first rename, so a refused release leaves the folder as it was (the
    // temporary files go with their handles).
    let mut tables = TABLES
        .iter()
        .map(|&table| TableWriter::create(dir, table))
        .collect::<Result<Vec<_>, ReleaseError>>()?;
    let mut record_files = Vec::with_capacity(ids.len());
    for id in &ids {
        let Loaded { notice, digest } = load(id)?;
        for t in &mut tables {
            t.write_rows(&notice)?;
        }
        let path = format!("{NOTICES}/{id}.json");
        let digest = match digest {
            Some(d) => d,
            None => hash_file(dir, &path)?,
        };
        record_files.push((id, path, digest));
    }
    // What changed since the last run, when the batch runner compared.
    let changes = match hash_file(dir, CHANGES_NDJSON) {
        Ok(digest) => {
            let mut t = TableWriter::create(dir, &CHANGES)?;
            t.write_change_rows(&dir.join(CHANGES_NDJSON))?;
            Some((t, digest))
        }
        Err(ReleaseError::Missing { .. }) => None,
        Err(e) => return Err(e),
    };
    let ndjson = hash_file(dir, NDJSON)?;
    let report = match hash_file(dir, REPORT) {
        Ok(d) => Some(d),
        Err(ReleaseError::Missing { .. }) => None,
        Err(e) => return Err(e),
    };

    let mut resources = Vec::new();
    for t in tables {
        let (table, digest) = t.persist(dir)?;
        resources.push(Resource::table(table, &digest));
    }
    resources.push(Resource::file(
        "records",
        NDJSON,
        "ndjson",
        "application/x-ndjson",
        "Every record, one JSON object per line, sorted by id; follows notice.schema.json.",
        &ndjson,
        Some("notice.schema.json"),
    ));
    if let Some((t, ndjson_digest)) = changes {
        let (table, digest) = t.persist(dir)?;
        resources.push(Resource::table(table, &digest));
        resources.push(Resource::file(
            "changes-ndjson",
            CHANGES_NDJSON,
            "ndjson",
            "application/x-ndjson",
            "What changed since the last run, one change per line, by notice id; follows \
             changes.schema.json of notice-extract (https://notice-extract.github.io/schemas/\
             changes/1.2.0/changes.schema.json).",
            &ndjson_digest,
            None,
        ));
    }
    if let Some(digest) = &report {
        resources.push(Resource::json(
            "report",
            REPORT,
            "Per-document statuses of the batch run that produced the records.",
            digest,
            None,
        ));
    }
    let path = "notice.schema.json";
    write_atomic(dir, path, NOTICE_SCHEMA.as_bytes())?;
    resources.push(Resource::file(
        "notice-schema",
        path,
        "json",
        "application/schema+json",
        "JSON Schema (draft 2020-12) of the records, as built into the tool that wrote them.",
        &FileDigest::of(NOTICE_SCHEMA.as_bytes()),
        None,
    ));
    for (id, path, digest) in &record_files {
        resources.push(Resource::json(
            &format!("record-{id}"),
            path,
            "One record, pretty-printed; follows notice.schema.json.",
            digest,
            Some("notice.schema.json"),
        ));
    }

    let package = DataPackage::new(opts.created.as_deref(), resources);
    let mut json = serde_json::to_vec_pretty(&package).map_err(|e| ReleaseError::Write {
        path: dir.join("datapackage.json"),
        source: e.into(),
    })?;
    json.push(b'\n');
    write_atomic(dir, "datapackage.json", &json)
}

/// Shape of the `created` values `frictionless` accepts.
static RFC3339: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
        .expect("RFC 3339 pattern compiles")
});

/// `secs` since the epoch as `YYYY-MM-DDTHH:MM:SSZ`, without a date crate:
/// the days-to-civil step is Howard Hinnant's `civil_from_days`.
fn rfc3339_utc(secs: u64) -> String {
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3_600,
        rem % 3_600 / 60,
        rem % 60
    )
}

// ------------------------------------------------------------------ I/O --

/// One CSV table being written: rows go to a temporary file in the release
/// folder through a writer that counts and hashes the bytes.
struct TableWriter {
    table: &'static Table,
    csv: csv::Writer<HashingWriter<std::io::BufWriter<AtomicFile>>>,
}

impl TableWriter {
    fn create(dir: &Path, table: &'static Table) -> Result<Self, ReleaseError> {
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

    fn write_rows(&mut self, notice: &Notice) -> Result<(), ReleaseError> {
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

    /// The rows of `changes.ndjson`, read a line at a time.
    fn write_change_rows(&mut self, ndjson: &Path) -> Result<(), ReleaseError> {
        use std::io::BufRead as _;
        let Rows::PerChange(row) = self.table.rows else {
            return Ok(());
        };
        let read = |source| ReleaseError::Read {
            path: ndjson.to_path_buf(),
            source,
        };
        let file = fs::File::open(ndjson).map_err(read)?;
        for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
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
        Ok(())
    }

    /// Flushes the table and renames it to its final name.
    fn persist(self, dir: &Path) -> Result<(&'static Table, FileDigest), ReleaseError> {
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

/// Size and SHA-256 of a file, as the package states them.
struct FileDigest {
    bytes: u64,
    hash: String,
}

impl FileDigest {
    fn of(bytes: &[u8]) -> Self {
        FileDigest {
            bytes: bytes.len() as u64,
            hash: hex_hash(Sha256::digest(bytes).as_slice()),
        }
    }
}

/// A writer that counts and hashes what goes through it.
struct HashingWriter<W> {
    inner: W,
    sha: Sha256,
    bytes: u64,
}

impl<W> HashingWriter<W> {
    fn new(inner: W) -> Self {
        HashingWriter {
            inner,
            sha: Sha256::new(),
            bytes: 0,
        }
    }

    fn finish(self) -> (W, FileDigest) {
        let hash = hex_hash(self.sha.finalize().as_slice());
        (
            self.inner,
            FileDigest {
                bytes: self.bytes,
                hash,
            },
        )
    }
}

impl<W: std::io::Write> std::io::Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.sha.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn hex_hash(digest: &[u8]) -> String {
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// Size and hash of `dir/rel`, read in blocks (`notices.ndjson` holds every
/// record: it is never loaded whole).
fn hash_file(dir: &Path, rel: &str) -> Result<FileDigest, ReleaseError> {
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
fn write_atomic(dir: &Path, rel: &str, bytes: &[u8]) -> Result<(), ReleaseError> {
    let path = dir.join(rel);
    let mut tmp = temp_file(dir, rel)?;
    tmp.write_all(bytes).map_err(|source| ReleaseError::Write {
        path: path.clone(),
        source,
    })?;
    finish_temp(tmp, &path)
}
