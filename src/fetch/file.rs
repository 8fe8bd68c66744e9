//! Reading a notice from a local file.

use std::io::Read;
use std::path::Path;

use super::{FetchError, RawDocument};

/// Reads a file, refusing files over `limit` bytes before reading them.
///
/// # Errors
/// [`FetchError::Io`] when the file cannot be opened or read,
/// [`FetchError::TooLarge`] when it is larger than `limit`.
pub fn read_file(path: &Path, limit: u64) -> Result<RawDocument, FetchError> {
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
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
    Ok(RawDocument::from_bytes(&path.to_string_lossy(), bytes))
}
