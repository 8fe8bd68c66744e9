//! Output: the record types, JSON rendering, schema validation, the output
//! folder ([`dir::OutputDir`]), the open-data release (CSV tables and
//! `datapackage.json`), and reading records back.

pub mod digest;
pub mod dir;
pub mod json;
pub mod outline;
pub mod read;
pub mod record;
pub mod release;
pub mod schema;
