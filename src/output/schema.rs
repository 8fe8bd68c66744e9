//! Validation of records against `schemas/notice.schema.json`, and of the
//! changes of a diff against `schemas/changes.schema.json`.
//!
//! Each schema is compiled once per process; a record that does not
//! validate is an error and is never printed or written.

use std::sync::LazyLock;

use crate::model::Notice;

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

/// The schema of a diff's changes (`diff::Change`), as committed in
/// `schemas/`. It refers to the record schema's definitions of figures,
/// warnings and spans by the record schema's `$id`.
pub const CHANGES_SCHEMA: &str = include_str!("../../schemas/changes.schema.json");

/// The record schema under its `$id`, for the changes schema's references.
static RECORD_REGISTRY: LazyLock<jsonschema::Registry<'static>> = LazyLock::new(|| {
    let record: serde_json::Value =
        serde_json::from_str(NOTICE_SCHEMA).expect("schemas/notice.schema.json is valid JSON");
    let id = record["$id"]
        .as_str()
        .expect("the record schema has an $id")
        .to_string();
    jsonschema::Registry::new()
        .add(id, record)
        .and_then(|r| r.prepare())
        .expect("the record schema registers")
});

static CHANGES_VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let schema: serde_json::Value =
        serde_json::from_str(CHANGES_SCHEMA).expect("schemas/changes.schema.json is valid JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .with_registry(&RECORD_REGISTRY)
        .build(&schema)
        .expect("schemas/changes.schema.json is a valid JSON Schema")
});

/// A change that broke its contract.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("change does not match schemas/changes.schema.json: {}", .errors.join("; "))]
pub struct ChangeSchemaError {
    /// One line per violation: `<instance path>: <message>`.
    pub errors: Vec<String>,
}

/// Validates one change (a line of `notice-extract diff`) against
/// `schemas/changes.schema.json`.
///
/// # Errors
/// [`ChangeSchemaError`] listing up to ten violations.
pub fn validate_change_value(value: &serde_json::Value) -> Result<(), ChangeSchemaError> {
    let errors: Vec<String> = CHANGES_VALIDATOR
        .iter_errors(value)
        .take(10)
        .map(|e| format!("{}: {}", e.instance_path(), e))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ChangeSchemaError { errors })
    }
}

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
