//! Reading a notice from a local file.

use std::io::Read;
use std::path::Path;

use super::{FetchError, RawDocument};

/// Reads a file, refusing files over `limit` bytes before reading them.
/// It is opened without blocking (`O_NONBLOCK`: opening a FIFO with no
/// writer would wait forever) and read only if it is a regular file.
///
/// # Errors
/// [`FetchError::Io`] when the file cannot be opened or read,
/// [`FetchError::NotAFile`] when it is a directory, FIFO, socket or device,
/// [`FetchError::TooLarge`] when it is larger than `limit`.
pub fn read_file(path: &Path, limit: u64) -> Result<RawDocument, FetchError> {
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let file = opts.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(FetchError::NotAFile {
            kind: kind_of(meta.file_type()),
        });
    }
    let size = meta.len();
    if size > limit {
        return Err(FetchError::TooLarge { size, limit });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(FetchError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(RawDocument::from_bytes(
        &super::source::display_path(path),
        bytes,
    ))
}

/// What a file that is not a regular file is, for the message.
pub(crate) fn kind_of(t: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else {
        "a special file"
    }
}
