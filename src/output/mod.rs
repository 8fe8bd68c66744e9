//! Output: the record types, JSON rendering and schema validation.

pub mod json;
pub mod outline;
pub mod record;
pub mod schema;
pub mod write;
