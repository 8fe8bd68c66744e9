//! Output: the record types, JSON rendering, schema validation, the output
//! folder ([`dir::OutputDir`]) and the open-data release (CSV tables and
//! `datapackage.json`).

pub mod dir;
pub mod json;
pub mod outline;
pub mod record;
pub mod release;
pub mod schema;
