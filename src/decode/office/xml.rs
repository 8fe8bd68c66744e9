//! XML parts read safely: quick-xml never expands a DTD's entities (it
//! reports `&name;` as a reference for the caller to resolve), and here a
//! DTD is refused outright — OPC (ECMA-376 Part 2, §8.1.4) forbids DTDs in
//! packages, and OFD's schemas use none — so a "billion laughs" part fails
//! on its `<!DOCTYPE` before any entity is seen. References are resolved
//! only for the five predefined entities and character references; any
//! other is malformed. Nesting is counted and bounded.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::OfficeError;

/// One step of a part: an element opening (with its attributes), closing,
/// or text (references resolved). An empty element `<a/>` comes as
/// `Start` then `End`.
#[derive(Debug)]
pub enum Step<'a> {
    Start(BytesStart<'a>),
    End(Vec<u8>),
    Text(Cow<'a, str>),
}

/// A pull reader over one XML part.
pub struct Part<'a> {
    reader: Reader<&'a [u8]>,
    name: String,
    depth: usize,
    max_depth: usize,
    /// The `End` owed for an empty element just returned as `Start`.
    pending_end: Option<Vec<u8>>,
}

impl<'a> Part<'a> {
    /// Starts reading `bytes`, the part named `name` (for errors).
    pub fn new(name: &str, bytes: &'a [u8], max_depth: usize) -> Self {
        // A UTF-8 BOM is skipped by quick-xml itself; OOXML and OFD parts
        // are UTF-8 (UTF-16 parts are allowed by OPC but not met in the wild).
        let mut reader = Reader::from_reader(bytes);
        reader.config_mut().check_end_names = true;
        Part {
            reader,
            name: name.to_string(),
            depth: 0,
            max_depth,
            pending_end: None,
        }
    }

    /// The part's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    fn malformed(&self, detail: impl std::fmt::Display) -> OfficeError {
        OfficeError::XmlMalformed {
            part: self.name.clone(),
            detail: format!("{detail} (at byte {})", self.reader.buffer_position()),
        }
    }

    /// The next step, or None at the end of the part.
    ///
    /// # Errors
    /// [`OfficeError::XmlDoctype`], [`OfficeError::XmlTooDeep`],
    /// [`OfficeError::XmlMalformed`] (bad syntax, an undefined entity).
    pub fn step(&mut self) -> Result<Option<Step<'a>>, OfficeError> {
        if let Some(name) = self.pending_end.take() {
            self.depth -= 1;
            return Ok(Some(Step::End(name)));
        }
        loop {
            let event = self.reader.read_event().map_err(|e| self.malformed(e))?;
            match event {
                Event::Start(e) => {
                    self.enter()?;
                    return Ok(Some(Step::Start(e)));
                }
                Event::Empty(e) => {
                    self.enter()?;
                    self.pending_end = Some(e.local_name().as_ref().to_vec());
                    return Ok(Some(Step::Start(e)));
                }
                Event::End(e) => {
                    self.depth = self.depth.saturating_sub(1);
                    return Ok(Some(Step::End(e.local_name().as_ref().to_vec())));
                }
                Event::Text(t) => {
                    let s = t.xml10_content().map_err(|e| self.malformed(e))?;
                    return Ok(Some(Step::Text(s)));
                }
                Event::CData(t) => {
                    let s = t.xml10_content().map_err(|e| self.malformed(e))?;
                    return Ok(Some(Step::Text(s)));
                }
                Event::GeneralRef(r) => {
                    if r.is_char_ref() {
                        match r.resolve_char_ref().map_err(|e| self.malformed(e))? {
                            Some(c) => return Ok(Some(Step::Text(Cow::Owned(c.to_string())))),
                            None => return Err(self.malformed("an invalid character reference")),
                        }
                    }
                    let name = r.decode().map_err(|e| self.malformed(e))?;
                    match quick_xml::escape::resolve_predefined_entity(&name) {
                        Some(s) => return Ok(Some(Step::Text(Cow::Borrowed(s)))),
                        None => return Err(self.malformed(format!("undefined entity &{name};"))),
                    }
                }
                Event::DocType(_) => {
                    return Err(OfficeError::XmlDoctype {
                        part: self.name.clone(),
                    })
                }
                Event::Eof => {
                    if self.depth > 0 {
                        return Err(self.malformed("the part ends inside an element"));
                    }
                    return Ok(None);
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
            }
        }
    }

    fn enter(&mut self) -> Result<(), OfficeError> {
        self.depth += 1;
        if self.depth > self.max_depth {
            return Err(OfficeError::XmlTooDeep {
                part: self.name.clone(),
                limit: self.max_depth,
            });
        }
        Ok(())
    }
}

/// The value of an attribute by its local name (`w:val` → `val`), with
/// references resolved; None when absent or unreadable.
pub fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(Cow::into_owned)
        })
}

/// The local name of an element (`w:p` → `p`).
pub fn local(e: &BytesStart<'_>) -> Vec<u8> {
    e.local_name().as_ref().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(xml: &str) -> Result<String, OfficeError> {
        let mut p = Part::new("t.xml", xml.as_bytes(), 8);
        let mut out = String::new();
        while let Some(step) = p.step()? {
            if let Step::Text(t) = step {
                out.push_str(&t);
            }
        }
        Ok(out)
    }

    #[test]
    fn predefined_and_character_references_resolve() {
        assert_eq!(
            texts("<a>A&amp;B &#x4E00;&#20108;<b/>&lt;</a>").unwrap(),
            "A&B 一二<"
        );
    }

    #[test]
    fn a_dtd_is_refused_before_any_entity_expands() {
        // The "billion laughs": ten levels of ten references each.
        let mut dtd = String::from("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for i in 1..10 {
            let prev = if i == 1 {
                "lol".to_string()
            } else {
                format!("lol{}", i - 1)
            };
            dtd.push_str(&format!(
                "<!ENTITY lol{i} \"{}\">",
                format!("&{prev};").repeat(10)
            ));
        }
        dtd.push_str("]><lolz>&lol9;</lolz>");
        let started = std::time::Instant::now();
        assert_eq!(
            texts(&dtd).unwrap_err().code(),
            "xml_doctype",
            "a DTD must be refused"
        );
        assert!(started.elapsed().as_millis() < 100);
    }

    #[test]
    fn an_undefined_entity_is_malformed_not_expanded() {
        let e = texts("<a>&lol9;</a>").unwrap_err();
        assert_eq!(e.code(), "xml_malformed");
        assert!(e.to_string().contains("&lol9;"), "{e}");
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = "<a>".repeat(9) + &"</a>".repeat(9);
        assert_eq!(texts(&deep).unwrap_err().code(), "xml_too_deep");
        let ok = "<a>".repeat(8) + &"</a>".repeat(8);
        assert!(texts(&ok).is_ok());
    }

    #[test]
    fn a_cut_part_is_malformed() {
        assert_eq!(texts("<a><b>x</b>").unwrap_err().code(), "xml_malformed");
        assert_eq!(texts("<a><b>x</a>").unwrap_err().code(), "xml_malformed");
    }
}
