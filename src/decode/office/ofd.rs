//! OFD (GB/T 33190-2016, the national fixed-layout format): a zip whose
//! `OFD.xml` names each document's root (`Doc_0/Document.xml`), which lists
//! its pages (`Pages/Page_0/Content.xml`). A page is layers of graphic
//! objects placed by coordinates (millimetres, origin top left); the text
//! layer is its `TextObject`s, each a `Boundary` box, a font `Size` and
//! `TextCode`s at `X`/`Y` inside the box with `DeltaX` glyph advances.
//!
//! Producers cut text objects per font run, not per line (a Times New Roman
//! digit run between 仿宋 runs, even `202` + `3`), and in no promised order,
//! so reading order is rebuilt from positions: pieces are grouped into lines
//! by baseline and sorted left to right, and the lines go through the PDF
//! backend's repair ([`crate::decode::pdf::repair`]), which joins wrapped
//! lines into paragraphs by the same 公文 layout rules.
//!
//! Not read: template pages (letterhead furniture), annotations, signatures
//! and seals (images), text drawn as paths (a letterhead often is).

use super::archive::Package;
use super::xml::{attr, local, Part, Step};
use super::{OfficeError, OfficeOptions};
use crate::decode::pdf::backend::{Line, Page};
use crate::decode::pdf::repair;
use crate::decode::{Layout, MediaType, PageMeta, Parsed, Text};

/// Points per millimetre: the repair reads sizes in ems, but its tests and
/// tuning speak of points, so positions are converted.
const PT_PER_MM: f32 = 72.0 / 25.4;

/// Pieces whose baselines differ by less than this share of the font size
/// are on one line (the same rule as the PDF backends).
const SAME_LINE_EM: f32 = 0.5;

/// A gap wider than this share of the font size between two pieces of a
/// line is a space (as in the PDF backends).
const SPACE_GAP_EM: f32 = 0.25;

/// Decodes an OFD document.
///
/// # Errors
/// An [`OfficeError`]: the package's limits, a missing `OFD.xml` root or
/// page, a refused or malformed XML part.
pub fn decode_ofd(bytes: &[u8], opts: &OfficeOptions) -> Result<Parsed<Text>, OfficeError> {
    let mut pkg = Package::new(bytes, opts)?;
    let root = pkg
        .read("OFD.xml")?
        .ok_or_else(|| OfficeError::MissingPart {
            part: "OFD.xml".into(),
            what: "content".into(),
        })?;
    let doc_roots = elements_text(
        &mut Part::new("OFD.xml", &root, opts.max_xml_depth),
        b"DocRoot",
    )?;
    if doc_roots.is_empty() {
        return Err(OfficeError::MissingPart {
            part: "OFD.xml".into(),
            what: "DocRoot (the document's root part)".into(),
        });
    }
    let mut pages = Vec::new();
    for doc_root in doc_roots {
        let doc_root = doc_root.trim().trim_start_matches('/').to_string();
        let doc = pkg
            .read(&doc_root)?
            .ok_or_else(|| OfficeError::MissingPart {
                part: doc_root.clone(),
                what: "content (named by OFD.xml's DocRoot)".into(),
            })?;
        let dir = doc_root.rsplit_once('/').map_or("", |(d, _)| d).to_string();
        let mut part = Part::new(&doc_root, &doc, opts.max_xml_depth);
        let mut page_locs = Vec::new();
        while let Some(step) = part.step()? {
            if let Step::Start(e) = step {
                if local(&e) == b"Page" {
                    if let Some(loc) = attr(&e, b"BaseLoc") {
                        page_locs.push(resolve(&dir, &loc));
                    }
                }
            }
        }
        for loc in page_locs {
            let content = pkg.read(&loc)?.ok_or_else(|| OfficeError::MissingPart {
                part: loc.clone(),
                what: "content (a page listed by the document)".into(),
            })?;
            pages.push(read_page(&loc, &content, opts.max_xml_depth)?);
        }
    }
    let repaired = repair::paragraphs(&pages);
    if repaired.paragraphs.is_empty() {
        return Err(OfficeError::MissingPart {
            part: "every page".into(),
            what: "text objects (a scan, or text drawn as paths)".into(),
        });
    }
    Ok(Parsed {
        value: Text {
            media: MediaType::Ofd,
            paragraphs: repaired.paragraphs,
            encoding: None,
            encoding_source: "container".into(),
            extractor: "ofd".into(),
            meta: PageMeta::default(),
            layout: Layout::default(),
            attachments: Vec::new(),
            confidence: None,
        },
        warnings: Vec::new(),
    })
}

/// A location relative to a part's folder (`Pages/Page_0/Content.xml`
/// under `Doc_0`); an absolute one (`/Doc_0/…`) from the package root.
fn resolve(dir: &str, loc: &str) -> String {
    let loc = loc.trim();
    if let Some(abs) = loc.strip_prefix('/') {
        return abs.to_string();
    }
    if dir.is_empty() {
        loc.to_string()
    } else {
        format!("{dir}/{loc}")
    }
}

/// The text of every element named `name`.
fn elements_text(part: &mut Part<'_>, name: &[u8]) -> Result<Vec<String>, OfficeError> {
    let mut out = Vec::new();
    let mut inside = false;
    while let Some(step) = part.step()? {
        match step {
            Step::Start(e) if local(&e) == name => {
                inside = true;
                out.push(String::new());
            }
            Step::End(n) if n == name => inside = false,
            Step::Text(t) if inside => {
                if let Some(last) = out.last_mut() {
                    last.push_str(&t);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// A piece of text placed on a page (points, origin top left).
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    x: f32,
    baseline: f32,
    width: f32,
    size: f32,
}

/// Most numbers one attribute gives: a `DeltaX` needs one per glyph of its
/// text code, and no real line has 100,000. Without a cap on the total, a
/// hostile attribute of many `g 100000 1` would ask for terabytes.
const MAX_NUMBERS: usize = 100_000;

/// Numbers of an attribute (`"1 2 3"`); `DeltaX`'s `g N v` stands for N
/// copies of v. At most [`MAX_NUMBERS`].
fn numbers(s: &str) -> Vec<f32> {
    let mut out = Vec::new();
    let mut it = s.split_whitespace();
    while let Some(tok) = it.next() {
        let room = MAX_NUMBERS - out.len();
        if room == 0 {
            break;
        }
        if tok == "g" {
            let n: usize = it.next().and_then(|n| n.parse().ok()).unwrap_or(0);
            let v: f32 = it.next().and_then(|v| v.parse().ok()).unwrap_or(0.0);
            out.extend(std::iter::repeat_n(v, n.min(room)));
        } else if let Ok(v) = tok.parse() {
            out.push(v);
        }
    }
    out
}

/// Advance of a glyph when the producer gives none: full width for CJK,
/// half for ASCII.
fn advance(c: char, size: f32) -> f32 {
    if c.is_ascii() {
        size * 0.5
    } else {
        size
    }
}

/// The text objects of a page as visual lines, top to bottom.
fn read_page(name: &str, bytes: &[u8], max_depth: usize) -> Result<Page, OfficeError> {
    let mut part = Part::new(name, bytes, max_depth);
    let mut pieces: Vec<Piece> = Vec::new();
    // The text object being read: its box origin, size, CTM; the text
    // code being read: its position and advances.
    let mut object: Option<(f32, f32, f32, Option<[f32; 6]>)> = None;
    let mut code: Option<(f32, f32, Vec<f32>, String)> = None;
    // The last text code's end, where a code without X/Y continues.
    let mut pen = (0.0f32, 0.0f32);
    while let Some(step) = part.step()? {
        match step {
            Step::Start(e) => match local(&e).as_slice() {
                b"TextObject" => {
                    let boundary = attr(&e, b"Boundary")
                        .map(|b| numbers(&b))
                        .unwrap_or_default();
                    let size = attr(&e, b"Size")
                        .and_then(|s| s.trim().parse::<f32>().ok())
                        .unwrap_or(3.5);
                    let ctm = attr(&e, b"CTM")
                        .map(|c| numbers(&c))
                        .and_then(|c| <[f32; 6]>::try_from(c.as_slice()).ok());
                    object = Some((
                        boundary.first().copied().unwrap_or(0.0),
                        boundary.get(1).copied().unwrap_or(0.0),
                        size,
                        ctm,
                    ));
                    pen = (0.0, 0.0);
                }
                b"TextCode" if object.is_some() => {
                    let x = attr(&e, b"X")
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(pen.0);
                    let y = attr(&e, b"Y")
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(pen.1);
                    let dx = attr(&e, b"DeltaX").map(|d| numbers(&d)).unwrap_or_default();
                    code = Some((x, y, dx, String::new()));
                }
                _ => {}
            },
            Step::Text(t) => {
                if let Some((_, _, _, text)) = code.as_mut() {
                    text.push_str(&t);
                }
            }
            Step::End(n) => match n.as_slice() {
                b"TextCode" => {
                    if let (Some((bx, by, size, ctm)), Some((x, y, dx, text))) =
                        (object, code.take())
                    {
                        let chars: Vec<char> = text.chars().collect();
                        let mut width = 0.0;
                        for (i, c) in chars.iter().enumerate() {
                            width += if i + 1 < chars.len() {
                                dx.get(i).copied().unwrap_or_else(|| advance(*c, size))
                            } else {
                                advance(*c, size)
                            };
                        }
                        pen = (x + width, y);
                        // The object's CTM maps its own space to the box's.
                        let (px, py, scale) = match ctm {
                            Some([a, b, c, d, e, f]) => (
                                a * x + c * y + e,
                                b * x + d * y + f,
                                (a * d - b * c).abs().sqrt(),
                            ),
                            None => (x, y, 1.0),
                        };
                        let text = text.trim_end_matches(['\r', '\n']).to_string();
                        if !text.trim().is_empty() {
                            pieces.push(Piece {
                                text,
                                x: (bx + px) * PT_PER_MM,
                                baseline: (by + py) * PT_PER_MM,
                                width: width * scale * PT_PER_MM,
                                size: size * scale * PT_PER_MM,
                            });
                        }
                    }
                }
                b"TextObject" => object = None,
                _ => {}
            },
        }
    }
    Ok(Page {
        lines: lines(pieces),
    })
}

/// Groups pieces into lines by baseline, each line left to right.
fn lines(mut pieces: Vec<Piece>) -> Vec<Line> {
    pieces.sort_by(|a, b| a.baseline.total_cmp(&b.baseline).then(a.x.total_cmp(&b.x)));
    let mut groups: Vec<Vec<Piece>> = Vec::new();
    for p in pieces {
        match groups.last_mut() {
            Some(g)
                if (p.baseline - g[0].baseline).abs() < SAME_LINE_EM * p.size.max(g[0].size) =>
            {
                g.push(p)
            }
            _ => groups.push(vec![p]),
        }
    }
    groups
        .into_iter()
        .map(|mut g| {
            g.sort_by(|a, b| a.x.total_cmp(&b.x));
            let mut line = Line {
                text: String::new(),
                left: g[0].x,
                right: g[0].x,
                size: 0.0,
                y: 0.0,
                runs: Vec::new(),
            };
            for p in g {
                if !line.text.is_empty() && p.x - line.right > SPACE_GAP_EM * p.size {
                    line.text.push(' ');
                }
                line.text.push_str(&p.text);
                line.right = line.right.max(p.x + p.width);
                line.size = line.size.max(p.size);
            }
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delta_x_repeats_expand() {
        assert_eq!(numbers("g 3 1.5 2"), [1.5, 1.5, 1.5, 2.0]);
        assert_eq!(numbers("0 0 210 297"), [0.0, 0.0, 210.0, 297.0]);
        // Many repeats together stay within the cap.
        let hostile = "g 100000 1 ".repeat(1000);
        assert_eq!(numbers(&hostile).len(), MAX_NUMBERS);
        assert_eq!(numbers("g 4294967295 1").len(), MAX_NUMBERS);
    }

    #[test]
    fn pieces_out_of_order_read_as_lines() {
        // A line cut into font runs, given in no order, and a second line.
        let xml = r#"<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>
          <ofd:TextObject Boundary="40 20 10 6" Size="5"><ofd:TextCode X="0" Y="5">3</ofd:TextCode></ofd:TextObject>
          <ofd:TextObject Boundary="20 31 40 6" Size="5"><ofd:TextCode X="0" Y="5" DeltaX="g 3 5">第二行字</ofd:TextCode></ofd:TextObject>
          <ofd:TextObject Boundary="20 20 15 6" Size="5"><ofd:TextCode X="0" Y="5" DeltaX="5 5">根据我</ofd:TextCode></ofd:TextObject>
          <ofd:TextObject Boundary="35 20.2 5 6" Size="5"><ofd:TextCode X="0" Y="5" DeltaX="2.5 2.5">202</ofd:TextCode></ofd:TextObject>
        </ofd:Layer></ofd:Content></ofd:Page>"#;
        let page = read_page("Content.xml", xml.as_bytes(), 64).unwrap();
        let texts: Vec<&str> = page.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["根据我2023", "第二行字"]);
    }
}
