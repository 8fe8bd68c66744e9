//! The vocabulary every stage shares, below all of them: the codes a
//! record's warnings and a report's errors carry, and the stage names.
//!
//! Nothing here does work; a stage imports these words and never another
//! stage's types for them. Each code is one enum variant whose wire string
//! (the JSON value, the README entry) is its `snake_case` name, so a grep
//! for a code in the output finds its variant here.

pub mod error;
pub mod warning;

pub use error::{ErrorCode, Stage};
pub use warning::WarningCode;

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::*;

    const README: &str = include_str!("../../README.md");
    const REPORT_SCHEMA: &str = include_str!("../../schemas/report.schema.json");

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
