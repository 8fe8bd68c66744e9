//! OLE2 compound files (`D0 CF 11 E0`): the container of the Office 97–2003
//! formats, and of an OOXML file saved with a password (the package is
//! then an `EncryptedPackage` stream, ECMA-376 Part 3 / MS-OFFCRYPTO).
//!
//! Only the stream names at the root are read (with `cfb`), to say what the
//! file is. Workbooks (`Workbook`, or `Book` for Excel 5) are read by
//! [`super::sheet`], Word 97–2003 documents (`WordDocument`, which WPS
//! Writer's `.wps` shares) by [`super::doc`]; the rest (PowerPoint, Works)
//! are named in an `unsupported_format` error.

use super::{MediaType, OfficeError};

/// What an OLE2 file is.
///
/// # Errors
/// [`OfficeError::Encrypted`] for a password-protected OOXML file (a
/// password-protected `.doc` is told by its FIB, when read),
/// [`OfficeError::Unsupported`] naming a format not read here,
/// [`OfficeError::Malformed`] when the compound file cannot be opened.
pub fn classify(bytes: &[u8]) -> Result<MediaType, OfficeError> {
    // cfb validates sector chains as it opens; a hostile file should give
    // an error, but it is third-party code on our input: guard it.
    let names = std::panic::catch_unwind(|| {
        let cf = cfb::CompoundFile::open(super::cursor(bytes))?;
        let names: Vec<String> = cf
            .read_root_storage()
            .map(|e| e.name().to_string())
            .collect();
        Ok::<_, std::io::Error>(names)
    });
    let names = match names {
        Ok(Ok(n)) => n,
        Ok(Err(e)) => return Err(container_error(e, bytes.len())),
        Err(_) => {
            return Err(OfficeError::Panic {
                format: "OLE2".into(),
                detail: "the compound-file reader panicked".into(),
            })
        }
    };
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    if has("EncryptedPackage") {
        return Err(OfficeError::Encrypted {
            format: "an Office Open XML document (.docx/.xlsx inside an encrypted OLE2 package)"
                .into(),
        });
    }
    if has("Workbook") || has("Book") {
        return Ok(MediaType::Xls);
    }
    if has("WordDocument") {
        return Ok(MediaType::Doc);
    }
    let format = if has("PowerPoint Document") {
        "a PowerPoint 97–2003 presentation (.ppt)"
    } else if has("CONTENTS") {
        "a Works/Kingsoft word-processor file (.wps)"
    } else {
        "an OLE2 compound file of unknown kind"
    };
    Err(OfficeError::Unsupported {
        format: format.into(),
    })
}

/// Bytes every OLE2 file is a whole number of: its header and sectors are
/// 512 bytes, or 4,096.
const SECTOR: usize = 512;

/// What a compound file's read error means: a cut file or a broken one.
/// `cfb` reports a missing sector as bad data, not as an early end; a file
/// of no whole number of sectors was cut (a download stopped short), so
/// that error is put down to the cut.
pub(super) fn container_error(e: std::io::Error, file_len: usize) -> OfficeError {
    if e.kind() == std::io::ErrorKind::UnexpectedEof {
        OfficeError::Truncated {
            detail: format!("OLE2 compound file: {e}"),
        }
    } else if file_len % SECTOR != 0 {
        OfficeError::Truncated {
            detail: format!(
                "an OLE2 compound file of {file_len} bytes, no whole number of \
                 {SECTOR}-byte sectors ({e})"
            ),
        }
    } else {
        OfficeError::Malformed {
            detail: format!("OLE2 compound file: {e}"),
        }
    }
}
