//! Configuration, grouped by stage; built once by the CLI (or a library
//! user) and read-only after.

use crate::decode::DecodeOptions;

/// Everything the pipeline can be told.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub fetch: FetchOptions,
    pub decode: DecodeOptions,
}

/// Options of the fetch stage.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Largest document accepted, in bytes. Default 64 MiB: notices are
    /// rarely over 5 MB; a larger body is almost always an error page loop,
    /// an archive or an attack.
    pub max_bytes: u64,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            max_bytes: 64 * 1024 * 1024,
        }
    }
}
