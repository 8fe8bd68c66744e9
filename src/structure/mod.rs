//! Structure: paragraphs of text become header fields, sections and clauses.

use crate::decode::{PageMeta, Parsed};
use crate::output::record::{Clause, Section};

/// What the structure stage finds in a notice.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Structure {
    pub title: Option<String>,
    pub policy_title: Option<String>,
    pub doc_number: Option<String>,
    pub issuers: Vec<String>,
    pub recipients: Vec<String>,
    pub signed_date: Option<String>,
    pub published_at: Option<String>,
    pub sections: Vec<Section>,
    pub clauses: Vec<Clause>,
}

/// Finds the structure of a notice's text (paragraphs joined by `\n`).
pub fn find_structure(text: &str, meta: &PageMeta) -> Parsed<Structure> {
    let _ = (text, meta);
    Parsed {
        value: Structure::default(),
        warnings: Vec::new(),
    }
}

/// The (section, clause) numbers holding a code-point offset: a section's
/// span runs to the next section or the closing text, a clause's to its end.
pub fn locate(st: &Structure, at: usize) -> (Option<u32>, Option<u32>) {
    let section = st
        .sections
        .iter()
        .find(|s| s.span[0] <= at && at < s.span[1])
        .map(|s| s.number);
    let clause = st
        .clauses
        .iter()
        .find(|c| c.span[0] <= at && at < c.span[1]);
    match clause {
        Some(c) => (c.section.or(section), Some(c.number)),
        None => (section, None),
    }
}
