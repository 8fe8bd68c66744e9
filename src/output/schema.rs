//! Validation of records against `schemas/notice.schema.json`.
//!
//! The schema is compiled once per process; a record that does not validate
//! is an error and is never printed or written.

use std::sync::LazyLock;

use super::record::Notice;

/// The record schema, as committed in `schemas/`.
pub const NOTICE_SCHEMA: &str = include_str!("../../schemas/notice.schema.json");

static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let schema: serde_json::Value =
        serde_json::from_str(NOTICE_SCHEMA).expect("schemas/notice.schema.json is valid JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schemas/notice.schema.json is a valid JSON Schema")
});

/// A record that broke the contract.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("record does not match schemas/notice.schema.json: {}", .errors.join("; "))]
pub struct SchemaError {
    /// One line per violation: `<instance path>: <message>`.
    pub errors: Vec<String>,
}

/// Validates a record against the schema.
///
/// # Errors
/// [`SchemaError`] listing up to ten violations.
pub fn validate(notice: &Notice) -> Result<(), SchemaError> {
    let value = serde_json::to_value(notice).map_err(|e| SchemaError {
        errors: vec![e.to_string()],
    })?;
    validate_value(&value)
}

/// Validates any JSON value against the record schema.
///
/// # Errors
/// [`SchemaError`] listing up to ten violations.
pub fn validate_value(value: &serde_json::Value) -> Result<(), SchemaError> {
    let errors: Vec<String> = VALIDATOR
        .iter_errors(value)
        .take(10)
        .map(|e| format!("{}: {}", e.instance_path(), e))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(SchemaError { errors })
    }
}
