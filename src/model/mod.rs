//! The vocabulary every stage shares, below all of them: the record a
//! notice becomes ([`Notice`] and its parts, the figures), the warnings a
//! stage meets ([`Warning`], [`Parsed`]), the codes a record's warnings and
//! a report's errors carry, and the stage names.
//!
//! Nothing here does work; a stage imports these words and never another
//! stage's types for them, and `output` renders them. Each code is one enum variant whose wire string
//! (the JSON value, the README entry) is its `snake_case` name, so a grep
//! for a code in the output finds its variant here.

/// The wire string of a code enum, one mechanism for all of them: strum
/// derives the `snake_case` (or `lowercase`) name, serde the same; this
/// adds `as_str` and comparison with a string (a record read back holds
/// its codes as strings). A test checks strum and serde agree.
macro_rules! wire_name {
    ($t:ty) => {
        impl $t {
            /// The wire string (the JSON value, the README entry).
            pub fn as_str(self) -> &'static str {
                self.into()
            }
        }

        impl PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
    };
}
use wire_name;

pub mod error;
pub mod figure;
pub mod notice;
pub mod paragraphs;
pub mod schema;
pub mod warning;

pub use error::{ErrorCode, Stage};
pub use figure::{Amount, Bound, Percentage, PercentagePoint, PercentageUnit};
pub use notice::{Attachment, Clause, Item, Notice, Section, Source, Span, Table, SCHEMA_VERSION};
pub use paragraphs::Paragraphs;
pub use schema::{ENCODING_SOURCES, MIME_TYPES};
pub use warning::{Parsed, Warning, WarningCode};

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::*;

    const README: &str = include_str!("../../README.md");
    const REPORT_SCHEMA: &str = include_str!("../../schemas/report.schema.json");

    /// The wire string of every variant: serde's, strum's, and back.
    fn wire_strings_are_the_serde_names<T>()
    where
        T: IntoEnumIterator
            + serde::Serialize
            + std::str::FromStr
            + std::fmt::Debug
            + PartialEq
            + Copy
            + Into<&'static str>,
        <T as std::str::FromStr>::Err: std::fmt::Debug,
    {
        for v in T::iter() {
            let wire: &'static str = v.into();
            let json = serde_json::to_value(v).expect("serializes");
            assert_eq!(json, wire);
            assert_eq!(wire.parse::<T>().expect("parses"), v);
        }
    }

    #[test]
    fn every_code_and_stage_has_one_wire_string() {
        wire_strings_are_the_serde_names::<ErrorCode>();
        wire_strings_are_the_serde_names::<WarningCode>();
        wire_strings_are_the_serde_names::<Stage>();
    }

    #[test]
    fn the_readme_lists_every_code() {
        for code in ErrorCode::iter() {
            assert!(README.contains(&format!("| `{code}` |")), "{code}");
        }
        for code in WarningCode::iter() {
            assert!(README.contains(&format!("| `{code}` |")), "{code}");
        }
    }

    #[test]
    fn the_report_schema_lists_every_error_code_and_stage() {
        let schema: serde_json::Value =
            serde_json::from_str(REPORT_SCHEMA).expect("report schema is JSON");
        let error = &schema["$defs"]["document"]["properties"]["error"]["oneOf"][1]["properties"];
        let listed = |v: &serde_json::Value| -> Vec<String> {
            v["enum"]
                .as_array()
                .expect("an enum")
                .iter()
                .map(|c| c.as_str().expect("a string").to_string())
                .collect()
        };
        let codes: Vec<String> = ErrorCode::iter().map(|c| c.to_string()).collect();
        assert_eq!(listed(&error["code"]), codes);
        let stages: Vec<String> = Stage::iter().map(|s| s.to_string()).collect();
        assert_eq!(listed(&error["stage"]), stages);
    }
}
