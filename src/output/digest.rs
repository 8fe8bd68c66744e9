//! Size and SHA-256 of a file, taken from the bytes as they are written or
//! read, so a file the run makes is never read back only to be hashed
//! (`datapackage.json` states both for every file of a release).

use sha2::{Digest, Sha256};

/// Size and SHA-256 of a file, as `datapackage.json` states them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDigest {
    /// Length in bytes.
    pub bytes: u64,
    /// `sha256:<hex>`, the Frictionless form.
    pub hash: String,
}

impl FileDigest {
    /// The digest of bytes held whole.
    pub fn of(bytes: &[u8]) -> Self {
        FileDigest {
            bytes: bytes.len() as u64,
            hash: hex_hash(Sha256::digest(bytes).as_slice()),
        }
    }
}

/// A writer that counts and hashes what goes through it.
pub struct HashingWriter<W> {
    inner: W,
    sha: Sha256,
    bytes: u64,
}

impl<W> HashingWriter<W> {
    pub fn new(inner: W) -> Self {
        HashingWriter {
            inner,
            sha: Sha256::new(),
            bytes: 0,
        }
    }

    /// The inner writer back, and the digest of all that was written.
    pub fn finish(self) -> (W, FileDigest) {
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

/// A reader that counts and hashes what is read through it, so a file
/// read for its content is hashed in the same pass.
pub struct HashingReader<R> {
    inner: R,
    sha: Sha256,
    bytes: u64,
}

impl<R> HashingReader<R> {
    pub fn new(inner: R) -> Self {
        HashingReader {
            inner,
            sha: Sha256::new(),
            bytes: 0,
        }
    }

    /// The digest of all that was read (the whole file once read to its end).
    pub fn finish(self) -> FileDigest {
        FileDigest {
            bytes: self.bytes,
            hash: hex_hash(self.sha.finalize().as_slice()),
        }
    }
}

impl<R: std::io::Read> std::io::Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.sha.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
}

fn hex_hash(digest: &[u8]) -> String {
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    #[test]
    fn hashing_as_written_equals_hashing_the_whole() {
        let mut w = HashingWriter::new(Vec::new());
        w.write_all(b"abc").expect("write");
        w.write_all(b"def\n").expect("write");
        let (bytes, digest) = w.finish();
        assert_eq!(digest, FileDigest::of(&bytes));
        assert_eq!(digest.bytes, 7);
        let mut r = HashingReader::new(&bytes[..]);
        std::io::copy(&mut r, &mut std::io::sink()).expect("read");
        assert_eq!(r.finish(), digest);
        // sha256("abc") is the FIPS 180-2 test vector.
        assert_eq!(
            FileDigest::of(b"abc").hash,
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
