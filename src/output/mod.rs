//! Output: the record types, JSON rendering, schema validation and the
//! open-data release (CSV tables and `datapackage.json`).

pub mod json;
pub mod outline;
pub mod record;
pub mod release;
pub mod schema;
