//! The record schema's shared definitions that no Rust type spells out:
//! the `span` pair, the `record_id` string, a `number_ref` and the
//! `low_confidence` flag. The model's fields name them with
//! `#[schemars(with = …)]`, so `schemas/notice.schema.json` keeps them as
//! `$defs` that other schemas refer to (`changes.schema.json` uses `span`).
//!
//! Also the closed value lists of string fields: [`MIME_TYPES`] and
//! [`ENCODING_SOURCES`].

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

/// Every `source.media_type` a record may have, in
/// [`crate::decode::MediaType`]'s order: the record schema's enum and
/// `notices.csv`'s constraint list the same.
pub const MIME_TYPES: [&str; 11] = [
    "text/html",
    "application/pdf",
    "text/plain",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.ms-excel",
    "application/ofd",
    "application/msword",
    "image/png",
    "image/jpeg",
    "image/tiff",
];

/// Every `source.encoding_source`: how the charset was found.
pub const ENCODING_SOURCES: [&str; 7] =
    ["bom", "http", "meta", "sniffed", "pdf", "container", "ocr"];

/// A string field that is always written, null when unknown. (`schemars`
/// reads `required` on an `Option` as "present and not null".)
pub struct NullableString;

impl JsonSchema for NullableString {
    fn schema_name() -> Cow<'static, str> {
        "nullable_string".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "null"] })
    }
}

/// A definition of the record schema written as JSON, kept under `$defs`.
macro_rules! schema_def {
    ($(#[$doc:meta])* $t:ident, $name:literal, $schema:tt) => {
        $(#[$doc])*
        pub struct $t;

        impl JsonSchema for $t {
            fn inline_schema() -> bool {
                false
            }

            fn schema_name() -> Cow<'static, str> {
                $name.into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!($schema)
            }
        }
    };
}

schema_def!(
    /// `[start, end)` in code points (see [`super::Span`]).
    SpanDef,
    "span",
    {
        "description": "[start, end) in Unicode code points into `text`.",
        "type": "array",
        "prefixItems": [{ "type": "integer", "minimum": 0 }, { "type": "integer", "minimum": 0 }],
        "items": false,
        "minItems": 2
    }
);

schema_def!(
    /// A record's `id`, as another record's `parent` or `original` names it.
    RecordId,
    "record_id",
    { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,80}$" }
);

schema_def!(
    /// The `number` of a section or clause, or null.
    NumberRef,
    "number_ref",
    { "type": ["integer", "null"], "minimum": 1 }
);

schema_def!(
    /// A figure's `low_confidence` flag, written only when true.
    LowConfidence,
    "low_confidence",
    {
        "description": "true when the figure (its number or its unit word, anything in its span) was read by OCR from a word the engine was not confident of: check it against the source. Written only when true; absent means false.",
        "type": "boolean",
        "default": false
    }
);
