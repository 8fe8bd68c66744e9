//! Entities: sums of money and percentages found in text.
//!
//! Works on plain `&str` (a notice's text, or one line), returns figures
//! with code-point spans relative to that text; `section`/`clause` are left
//! null here and filled by the pipeline from the structure's spans.

use crate::output::record::{Amount, Percentage};

/// Money and percentages found in one text.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Entities {
    pub amounts: Vec<Amount>,
    pub percentages: Vec<Percentage>,
}

/// Finds every sum of money and percentage in `text`, in text order.
pub fn find_entities(text: &str) -> Entities {
    let _ = text;
    Entities::default()
}
