//! Plain-text backend: a text dump of a notice page (or a notice typed out).

use super::{charset, paragraphs_from_lines, DecodeError, PageMeta, Parsed, Text};
use crate::output::record::Warning;

/// Decodes a plain-text notice into paragraphs (one per non-empty line).
///
/// # Errors
/// [`DecodeError::NoMainContent`] when there is no text at all.
pub fn decode_text(bytes: &[u8], content_type: Option<&str>) -> Result<Parsed<Text>, DecodeError> {
    let decoded = charset::decode_bytes(bytes, content_type, false);
    let mut warnings = Vec::new();
    if decoded.replacements > 0 {
        warnings.push(lossy_warning(decoded.encoding, decoded.replacements));
    }
    let paragraphs = paragraphs_from_lines(&decoded.text);
    let chars: usize = paragraphs.iter().map(|p| p.chars().count()).sum();
    if chars == 0 {
        return Err(DecodeError::NoMainContent { chars });
    }
    Ok(Parsed {
        value: Text {
            media: super::MediaType::Text,
            paragraphs,
            encoding: Some(decoded.encoding.to_string()),
            encoding_source: decoded.source.to_string(),
            extractor: "text".to_string(),
            meta: PageMeta::default(),
        },
        warnings,
    })
}

/// A warning for bytes the chosen encoding could not decode.
pub fn lossy_warning(encoding: &str, replacements: usize) -> Warning {
    Warning::new(
        "lossy_decode",
        format!("{replacements} byte sequences are not valid {encoding} and became U+FFFD; wrong charset?"),
    )
}
