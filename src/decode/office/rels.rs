//! The parts of an OOXML package and how they point at each other: a Word
//! document's main part (named by `_rels/.rels`), a part's relationships
//! (its styles, numbering, hyperlink targets; a workbook's sheets) and how
//! a target resolves to a package name. Kept apart because it is about the package, not about
//! what the document says.

use std::collections::HashMap;

use crate::decode::office::archive::Package;
use crate::decode::office::xml::{attr, local, Part, Step};
use crate::decode::office::{OfficeError, OfficeOptions};

/// The main document part when `_rels/.rels` names none.
const MAIN_PART: &str = "word/document.xml";

/// The main document part: the target of `_rels/.rels`'s officeDocument
/// relationship, else `word/document.xml`.
pub(super) fn main_part(
    pkg: &mut Package<'_>,
    opts: &OfficeOptions,
) -> Result<String, OfficeError> {
    if let Some(b) = pkg.read("_rels/.rels")? {
        let rels = relationships("_rels/.rels", &b, opts.max_xml_depth)?;
        if let Some(r) = rels.values().find(|r| r.kind.ends_with("/officeDocument")) {
            let name = join_path("", &r.target);
            if pkg.find(&name).is_some() {
                return Ok(name);
            }
        }
    }
    Ok(MAIN_PART.to_string())
}

/// A relationship of a part: its type URI, target, and whether the target
/// is outside the package (a hyperlink).
#[derive(Debug, Clone)]
pub(super) struct Rel {
    pub(super) kind: String,
    pub(super) target: String,
    pub(super) external: bool,
}

pub(super) fn relationships(
    name: &str,
    bytes: &[u8],
    max_depth: usize,
) -> Result<HashMap<String, Rel>, OfficeError> {
    let mut part = Part::new(name, bytes, max_depth);
    let mut out = HashMap::new();
    while let Some(step) = part.step()? {
        if let Step::Start(e) = step {
            if local(&e) == b"Relationship" {
                if let (Some(id), Some(target)) = (attr(&e, b"Id"), attr(&e, b"Target")) {
                    out.insert(
                        id,
                        Rel {
                            kind: attr(&e, b"Type").unwrap_or_default(),
                            target,
                            external: attr(&e, b"TargetMode").as_deref() == Some("External"),
                        },
                    );
                }
            }
        }
    }
    Ok(out)
}

/// A target relative to a part's folder, as a package name (`../x` inside
/// the package resolved; a leading `/` is from the package root).
pub(super) fn join_path(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_inside_the_package() {
        assert_eq!(join_path("word", "styles.xml"), "word/styles.xml");
        assert_eq!(
            join_path("word", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(
            join_path("word", "/word/numbering.xml"),
            "word/numbering.xml"
        );
        assert_eq!(join_path("", "word/document.xml"), "word/document.xml");
    }
}
