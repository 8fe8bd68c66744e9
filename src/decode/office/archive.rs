//! A zip package read in memory under limits: nothing is ever written to
//! disk, so an entry named `../x` could do no harm here, but no office or
//! OFD producer writes one and it is refused as the sign of a hostile file.
//!
//! Every part is inflated through [`Package::read`], which stops at the
//! per-part and total byte limits and at the inflation-ratio limit as the
//! bytes come (a declared size is never trusted: a bomb lies in its
//! headers).

use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use super::{OfficeError, OfficeOptions, RATIO_FLOOR_BYTES};

/// Opens a zip's central directory (no part is inflated).
///
/// # Errors
/// [`OfficeError::Truncated`] when the end of the central directory is
/// missing (a download cut short), [`OfficeError::Malformed`] otherwise.
pub fn open(bytes: &[u8]) -> Result<ZipArchive<Cursor<&[u8]>>, OfficeError> {
    ZipArchive::new(super::cursor(bytes)).map_err(|e| zip_error(&e, None))
}

/// Maps the zip crate's errors to ours; `part` names the entry being read.
fn zip_error(e: &ZipError, part: Option<&str>) -> OfficeError {
    let at = part.map(|p| format!("{p}: ")).unwrap_or_default();
    match e {
        ZipError::UnsupportedArchive(m) if *m == ZipError::PASSWORD_REQUIRED => {
            OfficeError::Encrypted {
                format: "the zip package (encrypted entries)".into(),
            }
        }
        ZipError::Io(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            OfficeError::Truncated {
                detail: format!("{at}{io}"),
            }
        }
        ZipError::InvalidArchive(m) if m.contains("EOCD") || m.contains("end of central") => {
            OfficeError::Truncated {
                detail: format!("{at}{m}"),
            }
        }
        other => OfficeError::Malformed {
            detail: format!("{at}{other}"),
        },
    }
}

/// Whether an entry name leaves the package: an absolute path, a drive
/// letter, a `..` segment, a NUL.
fn is_unsafe_name(name: &str) -> bool {
    name.starts_with(['/', '\\'])
        || name.contains('\0')
        || name.as_bytes().get(1) == Some(&b':')
        || name.split(['/', '\\']).any(|seg| seg == "..")
}

/// An opened package and what has been inflated from it so far.
pub struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    opts: &'a OfficeOptions,
    /// Size of the whole file: a part's compressed size is never more.
    file_len: u64,
    /// Bytes inflated so far, all parts together.
    inflated: u64,
}

impl<'a> Package<'a> {
    /// Opens a package and checks its directory: entry count, names,
    /// encryption.
    ///
    /// # Errors
    /// See [`open`]; [`OfficeError::TooManyEntries`],
    /// [`OfficeError::UnsafePath`], [`OfficeError::Encrypted`].
    pub fn new(bytes: &'a [u8], opts: &'a OfficeOptions) -> Result<Self, OfficeError> {
        let zip = open(bytes)?;
        if zip.len() > opts.max_entries {
            return Err(OfficeError::TooManyEntries {
                entries: zip.len(),
                limit: opts.max_entries,
            });
        }
        if let Some(name) = zip.file_names().find(|n| is_unsafe_name(n)) {
            return Err(OfficeError::UnsafePath {
                name: name.to_string(),
            });
        }
        let mut pkg = Package {
            zip,
            opts,
            file_len: bytes.len() as u64,
            inflated: 0,
        };
        for i in 0..pkg.zip.len() {
            let raw = pkg.zip.by_index_raw(i).map_err(|e| zip_error(&e, None))?;
            if raw.encrypted() {
                return Err(OfficeError::Encrypted {
                    format: "the zip package (encrypted entries)".into(),
                });
            }
        }
        Ok(pkg)
    }

    /// The entry names, in directory order.
    pub fn names(&self) -> Vec<String> {
        self.zip.file_names().map(str::to_string).collect()
    }

    /// The stored name of a part, matched exactly, else ASCII
    /// case-insensitively (OPC part names are case-insensitive).
    pub fn find(&self, name: &str) -> Option<String> {
        let name = name.trim_start_matches('/');
        if self.zip.index_for_name(name).is_some() {
            return Some(name.to_string());
        }
        self.zip
            .file_names()
            .find(|n| n.eq_ignore_ascii_case(name))
            .map(str::to_string)
    }

    /// Inflates a part, or None when the package has no such part.
    ///
    /// # Errors
    /// [`OfficeError::PartTooLarge`], [`OfficeError::TooLarge`],
    /// [`OfficeError::Bomb`] as soon as a limit is passed; a truncated or
    /// corrupt part.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, OfficeError> {
        let Some(stored) = self.find(name) else {
            return Ok(None);
        };
        let mut out = Vec::new();
        self.inflate(&stored, Some(&mut out))?;
        Ok(Some(out))
    }

    /// Inflates every part without keeping it, so that a reader handed the
    /// same bytes afterwards (calamine) meets no bomb: inflating is
    /// deterministic, so what passed here passes there.
    ///
    /// # Errors
    /// As [`Self::read`].
    /// XML parts are scanned for a DTD on the way ([`super::xml`] refuses
    /// one in the parts read here).
    pub fn check_all(&mut self) -> Result<(), OfficeError> {
        for name in self.names() {
            let lower = name.to_ascii_lowercase();
            if lower.ends_with(".xml") || lower.ends_with(".rels") {
                let mut part = Vec::new();
                self.inflate(&name, Some(&mut part))?;
                if memchr::memmem::find(&part, b"<!DOCTYPE").is_some() {
                    return Err(OfficeError::XmlDoctype { part: name });
                }
            } else {
                self.inflate(&name, None)?;
            }
        }
        Ok(())
    }

    fn inflate(&mut self, name: &str, mut keep: Option<&mut Vec<u8>>) -> Result<(), OfficeError> {
        let opts = self.opts;
        let mut file = self
            .zip
            .by_name(name)
            .map_err(|e| zip_error(&e, Some(name)))?;
        if file.is_dir() {
            return Ok(());
        }
        let compressed = file.compressed_size().min(self.file_len).max(1);
        let mut part: u64 = 0;
        let mut buf = [0u8; 64 * 1024];
        loop {
            let n = match file.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(zip_error(&ZipError::Io(e), Some(name))),
            };
            part += n as u64;
            self.inflated += n as u64;
            if part > opts.max_part_bytes {
                return Err(OfficeError::PartTooLarge {
                    name: name.to_string(),
                    limit: opts.max_part_bytes,
                });
            }
            if self.inflated > opts.max_total_bytes {
                return Err(OfficeError::TooLarge {
                    limit: opts.max_total_bytes,
                });
            }
            if part > RATIO_FLOOR_BYTES && part / compressed > opts.max_ratio {
                return Err(OfficeError::Bomb {
                    name: name.to_string(),
                    ratio: part / compressed,
                    limit: opts.max_ratio,
                });
            }
            if let Some(out) = keep.as_deref_mut() {
                out.extend_from_slice(&buf[..n]);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_leaving_the_package_are_unsafe() {
        for bad in [
            "../x",
            "word/../../x",
            "/etc/passwd",
            "\\x",
            "C:\\x",
            "a\\..\\b",
        ] {
            assert!(is_unsafe_name(bad), "{bad}");
        }
        for ok in [
            "word/document.xml",
            "Doc_0/Pages/Page_0/Content.xml",
            "a..b",
        ] {
            assert!(!is_unsafe_name(ok), "{ok}");
        }
    }
}
