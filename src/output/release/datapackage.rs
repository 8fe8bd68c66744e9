//! The wire types of `datapackage.json`, the package describing every
//! file of a release. Field by field (Frictionless Data Package v2):
//!
//! - `$schema`: the Data Package v2 profile.
//! - `name`, `title`, `description`: fixed text.
//! - `created`: from `ReleaseOptions::created`; absent when none.
//! - `notice_extract`: `tool_version` (Cargo version of the writer),
//!   `schema_version` (`SCHEMA_VERSION` of the records), `record_schema`
//!   (path of the JSON Schema copy), `list_separator`.
//! - `resources`: the CSV tables (`type: table`, with `dialect` and a Table
//!   Schema), then `records` (notices.ndjson), `report` (if present),
//!   `notice-schema`, and one `record-<id>` per notices/<id>.json, by id.
//!   Each has `path`, `format`, `mediatype`, `encoding`, `bytes` and
//!   `hash` (`sha256:<hex>`); JSON records carry `jsonSchema`, the path of
//!   the schema they follow (a notice-extract property; Frictionless ignores
//!   it, `.ci/check-release.sh` validates against it).

use serde::Serialize;

use super::tables::{Column, Kind, Table};
use super::{FileDigest, LIST_SEPARATOR, TOOL_VERSION};
use crate::model::SCHEMA_VERSION;

/// Frictionless Data Package v2 profile; `frictionless validate` (v5)
/// accepts it without network access.
const DATAPACKAGE_PROFILE: &str = "https://datapackage.org/profiles/2.0/datapackage.json";

#[derive(Serialize)]
pub(super) struct DataPackage<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    name: &'static str,
    title: &'static str,
    description: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<&'a str>,
    notice_extract: ToolInfo,
    resources: Vec<Resource>,
}

impl<'a> DataPackage<'a> {
    /// The package of `resources`; `created` is left out when `None`.
    pub(super) fn new(created: Option<&'a str>, resources: Vec<Resource>) -> Self {
        DataPackage {
            schema: DATAPACKAGE_PROFILE,
            name: "notice-extract-release",
            title: "Chinese government policy notices, extracted by notice-extract",
            description: "Records of policy notices (sections, clauses, responsible units, \
                amounts of money, percentages, percentage points) as JSON, NDJSON and flat CSV tables.",
            created,
            notice_extract: ToolInfo {
                tool_version: TOOL_VERSION,
                schema_version: SCHEMA_VERSION,
                record_schema: "notice.schema.json",
                list_separator: LIST_SEPARATOR,
            },
            resources,
        }
    }
}

#[derive(Serialize)]
struct ToolInfo {
    tool_version: &'static str,
    schema_version: &'static str,
    record_schema: &'static str,
    list_separator: char,
}

#[derive(Serialize)]
pub(super) struct Resource {
    name: String,
    /// `table` for CSVs, `json` for single JSON documents Frictionless
    /// should parse, `file` for the rest (NDJSON would otherwise be read
    /// as a table and need Frictionless's JSON extra).
    #[serde(rename = "type")]
    kind: &'static str,
    path: String,
    format: &'static str,
    mediatype: &'static str,
    encoding: &'static str,
    bytes: u64,
    hash: String,
    description: &'static str,
    #[serde(rename = "jsonSchema", skip_serializing_if = "Option::is_none")]
    json_schema: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dialect: Option<Dialect>,
    #[serde(skip_serializing_if = "Option::is_none")]
    schema: Option<TableSchema>,
}

impl Resource {
    pub(super) fn table(table: &Table, digest: &FileDigest) -> Self {
        // A removed notice's id (`changes`) need not be among the notices.
        let foreign_keys = if table.name == "notices" || table.name == "changes" {
            Vec::new()
        } else {
            vec![ForeignKey {
                fields: vec!["notice_id"],
                reference: Reference {
                    resource: "notices",
                    fields: vec!["id"],
                },
            }]
        };
        Resource {
            name: table.name.to_string(),
            kind: "table",
            path: table.path.to_string(),
            format: "csv",
            mediatype: "text/csv",
            encoding: "utf-8",
            bytes: digest.bytes,
            hash: digest.hash.clone(),
            description: table.description,
            json_schema: None,
            dialect: Some(Dialect {
                header: true,
                delimiter: ',',
                line_terminator: "\n",
                quote_char: '"',
                double_quote: true,
            }),
            schema: Some(TableSchema {
                fields: table.columns.iter().map(Field::from).collect(),
                missing_values: vec![""],
                primary_key: table.primary_key.to_vec(),
                foreign_keys,
            }),
        }
    }

    pub(super) fn file(
        name: &str,
        path: &str,
        format: &'static str,
        mediatype: &'static str,
        description: &'static str,
        digest: &FileDigest,
        json_schema: Option<&'static str>,
    ) -> Self {
        Resource {
            name: name.to_string(),
            kind: "file",
            path: path.to_string(),
            format,
            mediatype,
            encoding: "utf-8",
            bytes: digest.bytes,
            hash: digest.hash.clone(),
            description,
            json_schema,
            dialect: None,
            schema: None,
        }
    }

    pub(super) fn json(
        name: &str,
        path: &str,
        description: &'static str,
        digest: &FileDigest,
        json_schema: Option<&'static str>,
    ) -> Self {
        Resource {
            kind: "json",
            ..Resource::file(
                name,
                path,
                "json",
                "application/json",
                description,
                digest,
                json_schema,
            )
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Dialect {
    header: bool,
    delimiter: char,
    line_terminator: &'static str,
    quote_char: char,
    double_quote: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TableSchema {
    fields: Vec<Field>,
    missing_values: Vec<&'static str>,
    primary_key: Vec<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    foreign_keys: Vec<ForeignKey>,
}

#[derive(Serialize)]
struct Field {
    name: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    description: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    constraints: Option<Constraints>,
}

impl From<&Column> for Field {
    fn from(c: &Column) -> Self {
        let allowed = c.allowed.values();
        let constraints = (c.required || allowed.is_some()).then_some(Constraints {
            required: c.required,
            allowed,
        });
        Field {
            name: c.name,
            kind: match c.kind {
                Kind::String => "string",
                Kind::Integer => "integer",
                Kind::Number => "number",
                Kind::Date => "date",
                Kind::Boolean => "boolean",
            },
            description: c.description,
            constraints,
        }
    }
}

#[derive(Serialize)]
struct Constraints {
    required: bool,
    #[serde(rename = "enum", skip_serializing_if = "Option::is_none")]
    allowed: Option<Vec<&'static str>>,
}

#[derive(Serialize)]
struct ForeignKey {
    fields: Vec<&'static str>,
    reference: Reference,
}

#[derive(Serialize)]
struct Reference {
    resource: &'static str,
    fields: Vec<&'static str>,
}
