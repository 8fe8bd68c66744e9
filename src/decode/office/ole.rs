//! OLE2 compound files (`D0 CF 11 E0`): the container of the Office 97–2003
//! formats, and of an OOXML file saved with a password (the package is
//! then an `EncryptedPackage` stream, ECMA-376 Part 3 / MS-OFFCRYPTO).
//!
//! Only the stream names at the root are read (with `cfb`), to say what the
//! file is. Workbooks (`Workbook`, or `Book` for Excel 5) are read by
//! [`super::sheet`]; Word 97–2003 (`WordDocument`, which WPS Writer's
//! `.wps` shares) and the rest are named in an `unsupported_format` error:
//! no well-kept Rust reader of the Word binary format exists, and a
//! hand-written one is not this project's core.

use super::{MediaType, OfficeError};

/// What an OLE2 file is.
///
/// # Errors
/// [`OfficeError::Encrypted`] for a password-protected OOXML file,
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
        Ok(Err(e)) => {
            return Err(if e.kind() == std::io::ErrorKind::UnexpectedEof {
                OfficeError::Truncated {
                    detail: format!("OLE2 compound file: {e}"),
                }
            } else {
                OfficeError::Malformed {
                    detail: format!("OLE2 compound file: {e}"),
                }
            })
        }
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
    let format = if has("WordDocument") {
        "a Word 97–2003 binary document (.doc, or WPS Writer's .wps)"
    } else if has("PowerPoint Document") {
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
