//! Paragraph styles (`word/styles.xml`): what a style gives its
//! paragraphs (list numbering, centring, font size), through the chain of
//! styles it is based on, and the document's default font size. Read once
//! per document; the body asks it for each paragraph.

use std::collections::HashMap;

use crate::decode::office::xml::{attr, local, Part, Step};
use crate::decode::office::OfficeError;

/// What a paragraph style gives its paragraphs.
#[derive(Debug, Clone, Default)]
pub(super) struct Style {
    based_on: Option<String>,
    pub(super) num: Option<(Option<String>, Option<usize>)>,
    pub(super) centered: Option<bool>,
    pub(super) size: Option<u32>,
}

/// Paragraph styles and the document's default font size.
#[derive(Debug, Default)]
pub(super) struct Styles {
    styles: HashMap<String, Style>,
    default_style: Option<String>,
    pub(super) default_size: Option<u32>,
}

impl Styles {
    pub(super) fn parse(name: &str, bytes: &[u8], max_depth: usize) -> Result<Self, OfficeError> {
        let mut part = Part::new(name, bytes, max_depth);
        let mut s = Styles::default();
        let mut current: Option<(String, Style)> = None;
        let mut in_defaults = false;
        let mut in_ppr = false;
        while let Some(step) = part.step()? {
            match step {
                Step::Start(e) => {
                    let val = || attr(&e, b"val");
                    match local(&e).as_slice() {
                        b"rPrDefault" => in_defaults = true,
                        b"style" => {
                            let paragraph = attr(&e, b"type").is_none_or(|t| t == "paragraph");
                            current = match (paragraph, attr(&e, b"styleId")) {
                                (true, Some(id)) => {
                                    if attr(&e, b"default").is_some_and(|d| d == "1" || d == "true")
                                    {
                                        s.default_style = Some(id.clone());
                                    }
                                    Some((id, Style::default()))
                                }
                                _ => None,
                            };
                        }
                        b"pPr" => in_ppr = true,
                        b"basedOn" => {
                            if let Some((_, st)) = current.as_mut() {
                                st.based_on = val();
                            }
                        }
                        b"numId" if in_ppr => {
                            if let Some((_, st)) = current.as_mut() {
                                st.num.get_or_insert((None, None)).0 = val();
                            }
                        }
                        b"ilvl" if in_ppr => {
                            if let Some((_, st)) = current.as_mut() {
                                st.num.get_or_insert((None, None)).1 =
                                    val().and_then(|v| v.parse().ok());
                            }
                        }
                        b"jc" if in_ppr => {
                            if let Some((_, st)) = current.as_mut() {
                                st.centered = Some(val().as_deref() == Some("center"));
                            }
                        }
                        b"sz" => {
                            let size = val().and_then(|v| v.parse().ok());
                            if in_defaults {
                                s.default_size = size;
                            } else if let Some((_, st)) = current.as_mut() {
                                st.size = size;
                            }
                        }
                        _ => {}
                    }
                }
                Step::End(n) => match n.as_slice() {
                    b"rPrDefault" => in_defaults = false,
                    b"pPr" => in_ppr = false,
                    b"style" => {
                        if let Some((id, st)) = current.take() {
                            s.styles.insert(id, st);
                        }
                    }
                    _ => {}
                },
                Step::Text(_) => {}
            }
        }
        Ok(s)
    }

    /// A style and the styles it is based on, nearest first (cycles cut).
    pub(super) fn chain(&self, id: Option<&str>) -> Vec<&Style> {
        let mut out = Vec::new();
        let mut next = id.or(self.default_style.as_deref()).map(str::to_string);
        while let Some(i) = next {
            let Some(st) = self.styles.get(&i) else { break };
            if out.len() > 16 {
                break;
            }
            out.push(st);
            next = st.based_on.clone();
        }
        out
    }
}
