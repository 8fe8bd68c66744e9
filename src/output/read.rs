//! Reading records back from disk: one record file, or a set of records in
//! id order for a diff of two runs.
//!
//! A path is, by what it is:
//!
//! - a directory with `notices.ndjson` (the output folder of `run` or
//!   `merge`): the records of that file;
//! - a directory with `notices/`, or any directory of `<id>.json` files:
//!   those records, sorted by file name;
//! - a file ending in `.ndjson` or `.jsonl`: a bundle, one record a line;
//! - any other file: one record (pretty or on one line).
//!
//! A set is read one record at a time (memory stays flat in the number of
//! records) and must be sorted by id, as `run` writes it; a record that is
//! not valid JSON of a notice is an error of that record, not of the set.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use super::dir::{NDJSON, NOTICES};
use crate::model::Notice;

/// What a path holds.
#[derive(Debug)]
pub enum Records {
    One(PathBuf),
    Set(RecordSet),
}

/// A set of records, read in id order.
#[derive(Debug)]
pub struct RecordSet {
    /// The path as given (for messages).
    pub path: PathBuf,
    from: SetFrom,
}

#[derive(Debug)]
enum SetFrom {
    Ndjson(PathBuf),
    /// `(id, file)`, sorted by id.
    Files(Vec<(String, PathBuf)>),
}

/// A record's bytes, not parsed yet.
#[derive(Debug, Clone)]
pub struct RawRecord {
    pub id: String,
    pub bytes: Vec<u8>,
    /// Where it was read (`out/notices.ndjson:12`, `out/notices/x.json`).
    pub origin: String,
}

/// Why records could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{origin}: not a notice record: {message}")]
    NotARecord { origin: String, message: String },
    #[error("{origin}: the record's id is {found}, expected {expected} (from its file name)")]
    IdMismatch {
        origin: String,
        expected: String,
        found: String,
    },
    #[error(
        "{origin}: id {id} comes after {previous}; a set must be sorted by id, as `run` writes it"
    )]
    Unsorted {
        origin: String,
        id: String,
        previous: String,
    },
    #[error("{origin}: id {id} appears twice")]
    Duplicate { origin: String, id: String },
    #[error("{path}: no records (a folder needs notices.ndjson, notices/ or *.json files)")]
    Empty { path: PathBuf },
}

impl ReadError {
    /// Whether the error is of one record (the others can still be read).
    pub fn is_per_record(&self) -> bool {
        matches!(
            self,
            ReadError::NotARecord { .. } | ReadError::IdMismatch { .. }
        )
    }
}

/// Tells what `path` holds (see the module doc).
///
/// # Errors
/// [`ReadError::Io`] when it does not exist or a folder cannot be listed,
/// [`ReadError::Empty`] for a folder without records.
pub fn open(path: &Path) -> Result<Records, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        let ndjson = path.join(NDJSON);
        if ndjson.is_file() {
            return Ok(set(path, SetFrom::Ndjson(ndjson)));
        }
        let notices = path.join(NOTICES);
        let dir = if notices.is_dir() {
            notices
        } else {
            path.to_path_buf()
        };
        let files = json_files(&dir)?;
        if files.is_empty() {
            return Err(ReadError::Empty {
                path: path.to_path_buf(),
            });
        }
        return Ok(set(path, SetFrom::Files(files)));
    }
    let bundle = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("ndjson") || e.eq_ignore_ascii_case("jsonl"));
    if bundle {
        Ok(set(path, SetFrom::Ndjson(path.to_path_buf())))
    } else {
        Ok(Records::One(path.to_path_buf()))
    }
}

fn set(path: &Path, from: SetFrom) -> Records {
    Records::Set(RecordSet {
        path: path.to_path_buf(),
        from,
    })
}

/// `<id>.json` files of a folder (hidden and temp files skipped), by id.
fn json_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, ReadError> {
    let entries = std::fs::read_dir(dir).map_err(|source| ReadError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut files: Vec<(String, PathBuf)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let id = name.strip_suffix(".json")?;
            (!id.starts_with('.') && e.path().is_file()).then(|| (id.to_string(), e.path()))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Reads and parses one record file.
///
/// # Errors
/// [`ReadError::Io`] or [`ReadError::NotARecord`].
pub fn read_record(path: &Path) -> Result<Notice, ReadError> {
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse(&RawRecord {
        id: String::new(),
        bytes,
        origin: path.display().to_string(),
    })
}

/// Parses a record read from a set; its id must be the one it was filed
/// under.
///
/// # Errors
/// [`ReadError::NotARecord`], [`ReadError::IdMismatch`].
pub fn parse(raw: &RawRecord) -> Result<Notice, ReadError> {
    let n: Notice = serde_json::from_slice(&raw.bytes).map_err(|e| ReadError::NotARecord {
        origin: raw.origin.clone(),
        message: e.to_string(),
    })?;
    if !raw.id.is_empty() && n.id != raw.id {
        return Err(ReadError::IdMismatch {
            origin: raw.origin.clone(),
            expected: raw.id.clone(),
            found: n.id,
        });
    }
    Ok(n)
}

impl RecordSet {
    /// The records in id order, one at a time. An `Err` of
    /// [`ReadError::Io`], [`ReadError::Unsorted`] or [`ReadError::Duplicate`]
    /// ends the set.
    ///
    /// # Errors
    /// [`ReadError::Io`] when the bundle cannot be opened.
    pub fn records(
        &self,
    ) -> Result<Box<dyn Iterator<Item = Result<RawRecord, ReadError>> + Send>, ReadError> {
        let inner: Box<dyn Iterator<Item = Result<RawRecord, ReadError>> + Send> = match &self.from
        {
            SetFrom::Files(files) => Box::new(files.clone().into_iter().map(|(id, path)| {
                let bytes = std::fs::read(&path).map_err(|source| ReadError::Io {
                    path: path.clone(),
                    source,
                })?;
                Ok(RawRecord {
                    id,
                    bytes,
                    origin: path.display().to_string(),
                })
            })),
            SetFrom::Ndjson(path) => {
                let file = File::open(path).map_err(|source| ReadError::Io {
                    path: path.clone(),
                    source,
                })?;
                Box::new(Lines {
                    reader: BufReader::with_capacity(1 << 20, file),
                    path: path.clone(),
                    line: 0,
                })
            }
        };
        Ok(Box::new(Sorted {
            inner,
            previous: None,
            done: false,
        }))
    }
}

/// The lines of a bundle as records, the id peeked from each line.
struct Lines {
    reader: BufReader<File>,
    path: PathBuf,
    line: usize,
}

impl Iterator for Lines {
    type Item = Result<RawRecord, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let mut bytes = Vec::new();
            self.line += 1;
            match self.reader.read_until(b'\n', &mut bytes) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(source) => {
                    return Some(Err(ReadError::Io {
                        path: self.path.clone(),
                        source,
                    }))
                }
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let origin = format!("{}:{}", self.path.display(), self.line);
            return Some(match peek_id(&bytes) {
                Some(id) => Ok(RawRecord { id, bytes, origin }),
                None => Err(ReadError::NotARecord {
                    origin,
                    message: "no \"id\" near the start of the line".into(),
                }),
            });
        }
    }
}

/// The top-level `"id"` of a record line, read without parsing the whole
/// record (the merge of two sets needs ids before the parallel parse). The
/// record format writes `schema_version` then `id` first; anything else
/// falls back to a full parse, and [`parse`] checks the id again.
fn peek_id(line: &[u8]) -> Option<String> {
    let head = &line[..line.len().min(512)];
    let at = memchr::memmem::find(head, b"\"id\"")?;
    let rest = &head[at + 4..];
    let rest = rest
        .trim_ascii_start()
        .strip_prefix(b":")?
        .trim_ascii_start();
    let rest = rest.strip_prefix(b"\"")?;
    let end = memchr::memchr(b'"', rest)?;
    let id = &rest[..end];
    if id
        .iter()
        .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && !id.is_empty()
    {
        return Some(String::from_utf8_lossy(id).into_owned());
    }
    #[derive(serde::Deserialize)]
    struct IdOnly {
        id: String,
    }
    serde_json::from_slice::<IdOnly>(line).ok().map(|r| r.id)
}

/// Checks the order of a set; a per-record error passes through.
struct Sorted {
    inner: Box<dyn Iterator<Item = Result<RawRecord, ReadError>> + Send>,
    previous: Option<String>,
    done: bool,
}

impl Iterator for Sorted {
    type Item = Result<RawRecord, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let r = self.inner.next()?;
        let r = match r {
            Ok(rec) => match self.previous.as_deref() {
                Some(p) if p == rec.id => Err(ReadError::Duplicate {
                    origin: rec.origin,
                    id: rec.id,
                }),
                Some(p) if p > rec.id.as_str() => Err(ReadError::Unsorted {
                    origin: rec.origin,
                    id: rec.id,
                    previous: p.to_string(),
                }),
                _ => {
                    self.previous = Some(rec.id.clone());
                    Ok(rec)
                }
            },
            Err(e) => Err(e),
        };
        if r.as_ref().is_err_and(|e| !e.is_per_record()) {
            self.done = true;
        }
        Some(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_peeked_from_the_start_of_a_line() {
        assert_eq!(
            peek_id(br#"{"schema_version":"1.0.0","id":"a-1b","source":{}}"#).as_deref(),
            Some("a-1b")
        );
        assert_eq!(peek_id(br#"{ "id" : "x" }"#).as_deref(), Some("x"));
        assert_eq!(peek_id(br#"{"title":"no id"}"#), None);
    }

    #[test]
    fn a_set_out_of_order_or_with_a_duplicate_ends_with_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("set.ndjson");
        std::fs::write(&p, "{\"id\":\"b\"}\n\n{\"id\":\"a\"}\n").expect("write");
        let Ok(Records::Set(set)) = open(&p) else {
            panic!("a bundle is a set")
        };
        let got: Vec<_> = set.records().expect("opens").collect();
        assert_eq!(got.len(), 2);
        assert!(
            matches!(&got[1], Err(ReadError::Unsorted { origin, .. }) if origin.ends_with(":3"))
        );
        std::fs::write(&p, "{\"id\":\"a\"}\n{\"id\":\"a\"}\n{\"id\":\"c\"}\n").expect("write");
        let got: Vec<_> = set.records().expect("opens").collect();
        assert!(matches!(&got[1], Err(ReadError::Duplicate { .. })));
        assert_eq!(got.len(), 2, "the set ends at the duplicate");
    }

    #[test]
    fn folders_and_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(matches!(open(dir.path()), Err(ReadError::Empty { .. })));
        std::fs::create_dir(dir.path().join("notices")).expect("mkdir");
        std::fs::write(dir.path().join("notices/b.json"), "{}").expect("write");
        std::fs::write(dir.path().join("notices/a.json"), "{}").expect("write");
        std::fs::write(dir.path().join("notices/.tmp-x.json"), "{}").expect("write");
        let Ok(Records::Set(set)) = open(dir.path()) else {
            panic!("a folder is a set")
        };
        let ids: Vec<String> = set
            .records()
            .expect("opens")
            .map(|r| r.expect("reads").id)
            .collect();
        assert_eq!(ids, ["a", "b"]);
        assert!(matches!(
            open(&dir.path().join("notices/a.json")),
            Ok(Records::One(_))
        ));
        assert!(matches!(
            open(&dir.path().join("missing.json")),
            Err(ReadError::Io { .. })
        ));
    }
}
