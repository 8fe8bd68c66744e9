//! Word (`.docx`, WordprocessingML): the main document part's paragraphs in
//! order, tables as rows of cells, list numbers as Word shows them.
//!
//! What is read, and why:
//! - runs' text (`w:t`), tabs as spaces, line and page breaks as paragraph
//!   ends (a `<br>` in a page does the same); hidden text (`w:vanish`),
//!   deleted text (`w:del`; a paragraph deleted with its mark is gone,
//!   its list number uncounted), field codes (`w:instrText`) and the fallback
//!   copy of a text box (`mc:Fallback`) are not what a reader sees;
//! - automatic numbering ([`super::numbering`]): the label is put before
//!   the text, so `（一）` numbered by Word and `（一）` typed read alike;
//! - text boxes (`w:txbxContent`): their paragraphs, where they stand;
//! - a table of data (two rows or more with two filled cells) becomes one
//!   paragraph per row and a [`TextTable`](crate::decode::TextTable), laid on its grid: a cell
//!   merged across (`w:gridSpan`) keeps its text in its first column, one
//!   merged down (`w:vMerge`) shows in every row it covers; a table used as
//!   a frame (one cell around the text) gives its paragraphs as they are;
//! - the title: Word documents carry no title mark, but a 公文 sets its
//!   title centred in a larger font (GB/T 9704: 2号小标宋 over 3号仿宋):
//!   the first block of centred lines in the document's largest font near
//!   the top, joined, is the page's title (`PageMeta::title`), the
//!   letterhead (`…文件`) excepted;
//! - hyperlinks to files (`附件1.xlsx`) are the document's attachments.
//!
//! Headers, footers (page numbers), footnotes and comments are not read.
//!
//! # Files
//!
//! [`super::rels`] finds the parts (the package's relationships); [`styles`]
//! reads what paragraph styles give; [`body`] walks the main part's
//! paragraphs and runs; [`tables`] lays a table's cells on its grid. This
//! file reads the parts in order and finds the title.

pub(super) mod body;
mod styles;
pub(super) mod tables;

use std::collections::HashMap;

use super::archive::Package;
use super::numbering::Numbering;
use super::rels::{join_path, main_part, relationships};
use super::{OfficeError, OfficeOptions};
use crate::decode::{Layout, MediaType, PageMeta, Parsed, Text};
use body::{read_body, Paragraph};
use styles::Styles;

/// Paragraphs near the top that may hold the title.
const TITLE_WITHIN: usize = 12;

/// Decodes a Word document.
///
/// # Errors
/// An [`OfficeError`]: the package's limits, a missing main part, a
/// refused or malformed XML part.
pub fn decode_docx(bytes: &[u8], opts: &OfficeOptions) -> Result<Parsed<Text>, OfficeError> {
    let mut pkg = Package::new(bytes, opts)?;
    let main = main_part(&mut pkg, opts)?;
    let dir = main.rsplit_once('/').map_or("", |(d, _)| d).to_string();
    let rels_name = format!(
        "{}_rels/{}.rels",
        if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        },
        main.rsplit('/').next().unwrap_or(&main)
    );
    let rels = match pkg.read(&rels_name)? {
        Some(b) => relationships(&rels_name, &b, opts.max_xml_depth)?,
        None => HashMap::new(),
    };
    let part_of = |kind: &str| {
        rels.values()
            .find(|r| r.kind.ends_with(kind))
            .map(|r| join_path(&dir, &r.target))
    };
    let styles = match part_of("/styles").or_else(|| Some(format!("{dir}/styles.xml"))) {
        Some(name) => match pkg.read(&name)? {
            Some(b) => Styles::parse(&name, &b, opts.max_xml_depth)?,
            None => Styles::default(),
        },
        None => Styles::default(),
    };
    let mut numbering = match part_of("/numbering").or_else(|| Some(format!("{dir}/numbering.xml")))
    {
        Some(name) => match pkg.read(&name)? {
            Some(b) => Numbering::parse(&b, opts.max_xml_depth)?,
            None => Numbering::default(),
        },
        None => Numbering::default(),
    };
    let body = pkg.read(&main)?.ok_or_else(|| OfficeError::MissingPart {
        part: main.clone(),
        what: "content (the part is listed but missing)".into(),
    })?;
    let doc = read_body(&main, &body, &styles, &mut numbering, &rels, opts)?;
    let chars: usize = doc.paragraphs.iter().map(|p| p.text.chars().count()).sum();
    if chars == 0 {
        return Err(OfficeError::MissingPart {
            part: main,
            what: "text (an empty document, or only images)".into(),
        });
    }
    let title = find_title(&doc.paragraphs);
    let paragraphs: Vec<String> = doc.paragraphs.into_iter().map(|p| p.text).collect();
    Ok(Parsed {
        value: Text {
            media: MediaType::Docx,
            paragraphs,
            encoding: None,
            encoding_source: "container".into(),
            extractor: "docx".into(),
            meta: PageMeta {
                title,
                ..PageMeta::default()
            },
            layout: Layout {
                tables: doc.tables,
                rules: Vec::new(),
            },
            attachments: doc.links,
            confidence: None,
        },
        warnings: Vec::new(),
    })
}

/// The title: near the top, the block of consecutive centred paragraphs in
/// the largest font, larger than the body's; not the letterhead.
pub(super) fn find_title(paragraphs: &[Paragraph]) -> Option<String> {
    // The body size: the size most characters are set in.
    let mut by_size: HashMap<u32, usize> = HashMap::new();
    for p in paragraphs.iter().filter(|p| !p.boxed) {
        *by_size.entry(p.size).or_default() += p.text.chars().count();
    }
    let (&body_size, _) = by_size.iter().max_by_key(|(s, n)| (**n, **s))?;
    let top = &paragraphs[..paragraphs.len().min(TITLE_WITHIN)];
    let mut blocks: Vec<(u32, String)> = Vec::new();
    let mut i = 0;
    while i < top.len() {
        let p = &top[i];
        if p.boxed || !p.centered || p.size <= body_size {
            i += 1;
            continue;
        }
        let mut text = p.text.clone();
        let mut j = i + 1;
        while j < top.len() && !top[j].boxed && top[j].centered && top[j].size == p.size {
            text.push_str(&top[j].text);
            j += 1;
        }
        blocks.push((p.size, text));
        i = j;
    }
    blocks
        .into_iter()
        .filter(|(_, t)| !t.ends_with("文件"))
        .max_by_key(|(s, _)| *s)
        .map(|(_, t)| t)
}
