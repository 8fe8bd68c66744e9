//! Validation of records against `schemas/notice.schema.json`, and of the
//! changes of a diff against `schemas/changes.schema.json`.
//!
//! Each schema is compiled once per process; a record that does not
//! validate is an error and is never printed or written.

use std::sync::LazyLock;

use crate::model::Notice;

/// The record schema, as committed in `schemas/`: what
/// [`generated_notice_schema`] makes of the model's types (a test checks).
pub const NOTICE_SCHEMA: &str = include_str!("../../schemas/notice.schema.json");

/// Where the record schema is published; its path names the version.
const NOTICE_SCHEMA_ID: &str = "https://notice-extract.github.io/schemas/notice";

/// The record schema made from [`Notice`] and its parts by `schemars`:
/// their doc comments are the descriptions, their attributes the
/// constraints. Pretty-printed with a final newline, as committed in
/// `schemas/notice.schema.json` (`notice-extract schema` prints it).
pub fn generated_notice_schema() -> String {
    use schemars::transform::RecursiveTransform;
    use schemars::Schema;

    let mut settings = schemars::generate::SchemaSettings::draft2020_12();
    // `uint32`, `double`…: Rust's widths, not JSON Schema formats.
    settings
        .transforms
        .push(Box::new(RecursiveTransform(|schema: &mut Schema| {
            let rust_width = schema
                .get("format")
                .and_then(|f| f.as_str())
                .is_some_and(|f| f.starts_with("uint") || f.starts_with("int") || f == "double");
            if rust_width {
                schema.remove("format");
            }
            // A unit enum's variants (each a string `const` with its doc)
            // as one `enum` list, the form tools read value lists from.
            let consts: Option<Vec<serde_json::Value>> = schema
                .get("oneOf")
                .and_then(|o| o.as_array())
                .and_then(|o| o.iter().map(|v| v.get("const").cloned()).collect());
            if let Some(values) = consts {
                schema.remove("oneOf");
                schema.insert("type".into(), "string".into());
                schema.insert("enum".into(), values.into());
            }
            // A doc comment's line breaks inside a paragraph are not the
            // description's.
            if let Some(serde_json::Value::String(d)) = schema.get_mut("description") {
                *d = unwrap_lines(d);
            }
        })));
    let mut schema = settings.into_generator().into_root_schema_for::<Notice>();
    let version = crate::model::SCHEMA_VERSION;
    schema.insert(
        "$id".into(),
        format!("{NOTICE_SCHEMA_ID}/{version}/notice.schema.json").into(),
    );
    schema.insert("title".into(), "notice-extract record".into());
    schema.insert("version".into(), version.into());
    let mut json = serde_json::to_string_pretty(&schema).expect("a schema serializes");
    json.push('\n');
    json
}

/// Joins the lines of each paragraph with a space (a blank line still
/// parts paragraphs); a line break between two Chinese characters joins
/// without one.
fn unwrap_lines(doc: &str) -> String {
    doc.split("\n\n")
        .map(|para| {
            let mut out = String::new();
            for line in para.lines().map(str::trim) {
                let cjk = |c: Option<char>| c.is_some_and(|c| c > '\u{2E80}');
                let joins_cjk = cjk(out.chars().last()) && cjk(line.chars().next());
                if !out.is_empty() && !joins_cjk {
                    out.push(' ');
                }
                out.push_str(line);
            }
            out
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

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
    // Every record is checked and nearly all are valid: the yes-or-no
    // check stops at nothing and builds no error paths, so the listing
    // walk runs only for a record that breaks the schema.
    if VALIDATOR.is_valid(value) {
        return Ok(());
    }
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

#[cfg(test)]
mod tests {
    /// The committed schema is the one the types make: a field added, renamed
    /// or constrained in `model` without regenerating fails here.
    #[test]
    fn the_committed_record_schema_is_the_generated_one() {
        assert!(
            super::generated_notice_schema() == super::NOTICE_SCHEMA,
            "schemas/notice.schema.json is not what the model's types make; regenerate it with \
             `cargo run -- schema > schemas/notice.schema.json` and review the diff"
        );
    }
}
