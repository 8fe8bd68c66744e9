//! PDF backends: bytes in, positioned text lines per page out.
//!
//! Two pure-Rust crates read the text layer: `oxidize-pdf` and
//! `pdf-extract`. Both report each piece of text with its position and font
//! size; a backend groups them into visual [`Line`]s (left and right edge,
//! font size) so that `repair` can rebuild paragraphs from the layout (an
//! indented line starts a paragraph, a short line ends one) rather than from
//! guesses on the characters. Every backend call runs under
//! [`std::panic::catch_unwind`]: pdf-extract panics on purpose on fonts it
//! does not support (`unsupported encoding GBK-EUC-H`), and both panicked on
//! fuzzed files (shared/notes/crates.md §1–2).

use std::cell::Cell;
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

use serde::{Deserialize, Serialize};

use super::PdfError;

/// One visual line of a page, in content-stream order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// The text, with a space where the layout leaves a gap wider than a
    /// quarter of the font size.
    pub text: String,
    /// Left edge of the first glyph, in PDF points.
    pub left: f32,
    /// Right edge of the last glyph, in PDF points.
    pub right: f32,
    /// Largest font size on the line, in points.
    pub size: f32,
    /// Baseline of the line's first piece, in PDF points (up the page).
    #[serde(default)]
    pub y: f32,
    /// Where the line's runs after the first start: `(byte offset in
    /// text, left edge in points)` of each piece set apart from the one
    /// before by a gap (a space in `text`). A table's cells on one
    /// baseline are such runs; the first run starts at `left`. Kept so a
    /// table can be read by its columns (`decode/pdf/grid.rs`); empty for a
    /// line of one run, which most lines are.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub runs: Vec<(usize, f32)>,
}

/// The lines of one page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub lines: Vec<Line>,
}

/// A PDF text extractor.
pub trait PdfBackend {
    /// Short name written into `source.extractor`.
    fn name(&self) -> &'static str;
    /// The text of every page, in page order.
    ///
    /// # Errors
    /// [`PdfError::Encrypted`] when a user password is needed,
    /// [`PdfError::Malformed`] when the file cannot be parsed. Panics are
    /// not caught here: see [`run_guarded`].
    fn extract(&self, bytes: &[u8]) -> Result<Vec<Page>, PdfError>;
}

/// The backends by name, for [`super::PdfOptions::backends`].
pub fn backend_by_name(name: &str) -> Option<&'static dyn PdfBackend> {
    match name {
        "oxidize-pdf" => Some(&OxidizePdf),
        "pdf-extract" => Some(&PdfExtract),
        _ => None,
    }
}

/// A gap between two pieces of text wider than this share of the font size
/// is written as a space (LibreOffice and WPS leave ~0.25 em between CJK and
/// digits and justify spaced-out header lines with wide gaps; kerning within
/// a word stays below 0.1 em).
const SPACE_GAP_EM: f32 = 0.25;

/// Two pieces of text belong to the same line when their baselines differ by
/// less than this share of the font size (superscripts stay on the line, the
/// next line is a whole line height away).
const SAME_LINE_EM: f32 = 0.5;

/// Share of an em a white-space character is taken to fill when a piece's
/// width is shared out among its characters: a word space (U+0020) is a
/// quarter to a third of an em in CJK fonts (0.28 em in Noto Serif CJK),
/// an ideographic space (U+3000) a full em. Other characters fill a full em
/// (CJK) or half of one (ASCII).
fn em_share(c: char) -> f32 {
    match c {
        '\u{3000}' => 1.0,
        c if c.is_whitespace() => 0.28,
        c if c.is_ascii() => 0.5,
        _ => 1.0,
    }
}

/// Where the ink of a piece of text starts and ends: a writer that indents
/// with spaces (a text dump printed to PDF, `　　` typed in Word) sets them
/// as glyphs, so the piece starts at the margin though its first character
/// is two ems in, and a line can end in a space hanging past the margin.
/// `None` for white space only. With one glyph per piece (pdf-extract)
/// this is exact; a longer piece's width is shared out by [`em_share`].
fn ink_span(text: &str, x: f32, width: f32) -> Option<(f32, f32)> {
    let total: f32 = text.chars().map(em_share).sum();
    let lead: f32 = text
        .chars()
        .take_while(|c| c.is_whitespace())
        .map(em_share)
        .sum();
    if lead >= total || total <= 0.0 {
        return None;
    }
    let trail: f32 = text
        .chars()
        .rev()
        .take_while(|c| c.is_whitespace())
        .map(em_share)
        .sum();
    let width = width.max(0.0);
    Some((x + width * lead / total, x + width * (1.0 - trail / total)))
}

/// Builds lines from positioned pieces of text given in stream order.
#[derive(Default)]
struct LineBuilder {
    lines: Vec<Line>,
    /// Baseline y and right edge of the last piece added.
    last: Option<(f32, f32)>,
    /// Whether the last line holds a character other than white space
    /// (its edges are those of its ink, not of leading spaces).
    inked: bool,
    /// Marks drawn back into the last line whose gap has not come yet
    /// (see [`fill_gaps`]): each with where it stands.
    pending: Vec<(String, f32)>,
    /// Marks that opened the last line's ink, drawn before its run: the
    /// line as it was before them (no ink yet) and each mark with where
    /// it stands.
    lead_marks: Option<LeadMarks>,
}

/// The last line before its leading marks (its text's length and its
/// edges), and the marks.
struct LeadMarks {
    text_len: usize,
    edges: (f32, f32),
    marks: Vec<(String, f32)>,
}

impl LineBuilder {
    fn push(&mut self, text: &str, x: f32, y: f32, width: f32, size: f32) {
        if text.is_empty() {
            return;
        }
        let size = if size.is_finite() && size > 0.0 {
            size
        } else {
            1.0
        };
        let right = x + width.max(0.0);
        let ink = ink_span(text, x, width);
        match (self.last, self.lines.last_mut()) {
            (Some((ly, lr)), Some(line)) if (y - ly).abs() < SAME_LINE_EM * size.max(line.size) => {
                if x < lr - SPACE_GAP_EM * size {
                    if let Some(marks) = marks_at(text, x, right, line.size) {
                        self.pending.extend(marks);
                        fill_gaps(line, &mut self.pending);
                        return;
                    }
                    // The run drawn after the marks that opened the line,
                    // back at its start: the marks go into its gaps.
                    if let Some(lead) = self
                        .lead_marks
                        .take()
                        .filter(|l| l.marks.last().is_some_and(|(_, at)| x < *at))
                    {
                        line.text.truncate(lead.text_len);
                        (line.left, line.right) = lead.edges;
                        line.runs.retain(|r| r.0 < lead.text_len);
                        self.inked = false;
                        self.pending.extend(lead.marks);
                        self.last = Some((ly, x));
                        return self.push(text, x, y, width, size);
                    }
                    // A word drawn back into the space between marks the
                    // line's run holds (`评价结果为“ ”`, then `差`, then
                    // `的，…` after the closing mark) goes into it.
                    if let Some(i) = space_between_marks(line, x) {
                        // A piece running on past the closing mark, the
                        // line's last (`面推行经费“ ”`, then `包干制 ，间接…`
                        // from the space on), fills the space up to its
                        // own gap and goes on after the mark.
                        let ends_line = line.text[i + 1..].chars().count() == 1;
                        let split = (ends_line && right > line.right + SPACE_GAP_EM * size)
                            .then(|| gap_before(text, x, size, line.right))
                            .flatten();
                        let Some(k) = split else {
                            fill_space(line, i, text.trim());
                            return;
                        };
                        fill_space(line, i, text[..k].trim());
                        line.runs.push((line.text.len(), line.right));
                        line.text.push_str(text[k..].trim_start());
                        line.right = right;
                        self.last = Some((y, right));
                        return;
                    }
                    // Marks the layout joined to the run before them
                    // (`第九条　 “ ”`: a bold head, then the marks, then the
                    // article's text drawn back at the head's end): taken
                    // off, they go into the gaps of the text drawn after.
                    if let Some((head, marks)) = trailing_marks(&line.text, line.right, line.size) {
                        let head_right = line.left
                            + line.text[..head].chars().map(em_share).sum::<f32>() * line.size;
                        if x >= line.left && x < head_right + SPACE_GAP_EM * size {
                            line.text.truncate(head);
                            line.right = head_right;
                            line.runs.retain(|r| r.0 < head);
                            self.pending.extend(marks);
                            self.last = Some((ly, head_right));
                            return self.push(text, x, y, width, size);
                        }
                    }
                }
                // Marks opening the line's ink: kept aside in case the
                // run they stand in is drawn after them.
                self.lead_marks = if self.inked {
                    None
                } else {
                    marks_at(text, x, right, line.size).map(|marks| LeadMarks {
                        text_len: line.text.len(),
                        edges: (line.left, line.right),
                        marks,
                    })
                };
                let gap = x - lr > SPACE_GAP_EM * size;
                if gap && !line.text.ends_with(' ') && !text.starts_with(' ') {
                    line.text.push(' ');
                }
                if let (true, true, Some((l, _))) = (gap, self.inked, ink) {
                    line.runs.push((line.text.len(), l));
                }
                line.text.push_str(text);
                if let Some((l, r)) = ink {
                    if self.inked {
                        line.left = line.left.min(l);
                        line.right = line.right.max(r);
                    } else {
                        (line.left, line.right) = (l, r);
                    }
                    self.inked = true;
                }
                line.size = line.size.max(size);
                fill_gaps(line, &mut self.pending);
            }
            _ => {
                self.flush_marks();
                self.lead_marks = marks_at(text, x, right, size).map(|marks| LeadMarks {
                    text_len: 0,
                    edges: (x, x),
                    marks,
                });
                let (left, right) = ink.unwrap_or((x, right));
                self.lines.push(Line {
                    text: text.to_string(),
                    left,
                    right,
                    size,
                    y,
                    runs: Vec::new(),
                });
                self.inked = ink.is_some();
            }
        }
        self.last = Some((y, right));
    }

    /// Appends the last line's marks that found no gap, as they were drawn.
    fn flush_marks(&mut self) {
        let marks = std::mem::take(&mut self.pending);
        if let Some(line) = self.lines.last_mut() {
            for (mark, _) in marks {
                line.text.push_str(&mark);
            }
        }
    }

    fn finish(mut self) -> Page {
        self.flush_marks();
        let mut lines: Vec<Line> = self
            .lines
            .into_iter()
            .filter(|l| !l.text.trim().is_empty())
            .collect();
        bottom_drawn_first(&mut lines);
        Page { lines }
    }
}

/// Moves a page's first line drawn when it stands at the page's foot,
/// below the line drawn after it (a browser draws a floated piece first: the `2025年6月20日印发` of a
/// 印发 line's right-hand float, before the page's text) to where it
/// stands: onto the line it shares a baseline with (after it, a gap
/// between), or under the last line above it. Only on a page whose lines
/// run down the page in stream order, as a text's do.
fn bottom_drawn_first(lines: &mut Vec<Line>) {
    if lines.len() < 3 {
        return;
    }
    // Stream order runs down the page: y falls from line to line.
    let falls = lines.windows(2).filter(|w| w[1].y < w[0].y).count();
    let rises = lines.windows(2).filter(|w| w[1].y > w[0].y).count();
    if falls <= 2 * rises {
        return;
    }
    // Several may be drawn first (the page number, then the float): each
    // first line in turn, while it stands below the next one, in the
    // page's lower half.
    for _ in 0..FOOT_DRAWN_FIRST_MAX {
        if !move_first_down(lines) {
            return;
        }
    }
}

/// Most lines a page draws first at its foot (the page number, a float).
const FOOT_DRAWN_FIRST_MAX: usize = 4;

/// Moves the first line to where it stands (see [`bottom_drawn_first`]),
/// when it stands below the next one in the page's lower half.
fn move_first_down(lines: &mut Vec<Line>) -> bool {
    if lines.len() < 2 {
        return false;
    }
    let first = &lines[0];
    let tolerance = SAME_LINE_EM * first.size;
    let (top, foot) = lines
        .iter()
        .fold((f32::NEG_INFINITY, f32::INFINITY), |(t, f), l| {
            (t.max(l.y), f.min(l.y))
        });
    if first.y + tolerance >= lines[1].y || first.y > (top + foot) / 2.0 {
        return false;
    }
    let piece = lines.remove(0);
    let same_line = lines
        .iter()
        .rposition(|l| (l.y - piece.y).abs() < tolerance)
        .filter(|&k| piece.left >= lines[k].right);
    match same_line {
        Some(k) => {
            let line = &mut lines[k];
            if !line.text.ends_with(' ') {
                line.text.push(' ');
            }
            line.runs.push((line.text.len(), piece.left));
            line.text.push_str(piece.text.trim_start());
            line.left = line.left.min(piece.left);
            line.right = line.right.max(piece.right);
        }
        None => {
            let at = lines
                .iter()
                .rposition(|l| l.y > piece.y)
                .map_or(lines.len(), |k| k + 1);
            lines.insert(at, piece);
        }
    }
    true
}

/// The quote marks of a piece that holds quote marks only, each with where
/// it stands:
/// quote marks set in another font are drawn after the run around them,
/// their places spaces in the run (`推进家装厨卫 焕新 。鼓励…`, then `“ ”`
/// as one piece from the first mark's place to the second's end). None
/// for a piece of anything else, or of more than two marks.
fn marks_at(text: &str, x: f32, right: f32, em: f32) -> Option<Vec<(String, f32)>> {
    let marks: Vec<&str> = text.split_whitespace().collect();
    // Curly quotes only: they are what a writer sets in a Latin font
    // amid CJK text; brackets and `、` of a table's cells drawn cell by
    // cell stand where they are drawn.
    let mark_only = |m: &&str| matches!(*m, "“" | "”" | "‘" | "’");
    if marks.is_empty() || marks.len() > 2 || !marks.iter().all(mark_only) {
        return None;
    }
    // A piece opening with white space (a line's indent drawn with the
    // marks) does not say where its first mark stands: NaN, the space
    // before the next mark's (see [`fill_gaps`]).
    let indented = text.starts_with(char::is_whitespace);
    Some(
        marks
            .iter()
            .enumerate()
            .map(|(k, m)| {
                let at = if k == 0 && indented && marks.len() > 1 {
                    f32::NAN
                } else if k == 0 {
                    x
                } else {
                    right - em_share(m.chars().next().unwrap_or(' ')) * em
                };
                (m.to_string(), at)
            })
            .collect(),
    )
}

/// A line's text ending in quote marks alone after its run (`第九条　 “ ”`):
/// where the run ends (the marks' white space cut off), and the marks with
/// where they stand as [`fill_gaps`] takes them: the last at the line's
/// end, the first one's place not known (its piece started with the run).
fn trailing_marks(text: &str, right: f32, em: f32) -> Option<(usize, Vec<(String, f32)>)> {
    let is_mark = |c: char| matches!(c, '“' | '”' | '‘' | '’');
    let tail_start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| *c == ' ' || is_mark(*c))
        .last()?
        .0;
    let (head, tail) = text.split_at(tail_start);
    let marks: Vec<&str> = tail.split_whitespace().collect();
    if head.trim().is_empty() || !tail.starts_with(' ') || !(1..=4).contains(&marks.len()) {
        return None;
    }
    let last = marks.len() - 1;
    let marks = marks
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let at = if k == last {
                right - m.chars().map(em_share).sum::<f32>() * em
            } else {
                f32::NAN
            };
            (m.to_string(), at)
        })
        .collect();
    Some((head.len(), marks))
}

/// Puts marks drawn back into a line ([`marks_at`]) into the gaps they
/// stand in, in order: each the space nearest where it stands (a mark
/// whose place is not known, the last space before the next one's), within
/// [`GAP_FILL_EMS`], where the line's characters set one after the other
/// ([`em_share`]) put it. A mark whose gap has not come yet (the run after
/// it is drawn later) stays pending, and so do those after it; appended,
/// the marks would leave the gaps and close the line.
fn fill_gaps(line: &mut Line, pending: &mut Vec<(String, f32)>) {
    while let Some((mark, at)) = pending.first() {
        if at.is_nan() {
            // Where the marks stand is not known up to one that is: they
            // take the spaces just before that one's, in order.
            let Some(j) = pending.iter().position(|(_, a)| !a.is_nan()) else {
                return;
            };
            let Some(known) = space_near(line, pending[j].1) else {
                return;
            };
            let lead = line.text.len() - line.text.trim_start().len();
            let before: Vec<usize> = line.text[lead..known]
                .match_indices(' ')
                .map(|(i, _)| lead + i)
                .collect();
            let Some(first) = before.len().checked_sub(j) else {
                return;
            };
            // From the right, so that each space is where it was found.
            let spaces = before[first..].iter().copied().chain([known]);
            let filled: Vec<_> = spaces.zip(pending.iter()).collect();
            for (i, (mark, _)) in filled.into_iter().rev() {
                fill_space(line, i, mark);
            }
            pending.drain(..=j);
            continue;
        }
        let Some(i) = space_near(line, *at) else {
            return;
        };
        fill_space(line, i, mark);
        pending.remove(0);
    }
}

/// Puts `with` in place of the space at byte `i` of a line's text; the
/// runs after it move with the text.
fn fill_space(line: &mut Line, i: usize, with: &str) {
    line.text.replace_range(i..=i, with);
    for run in line.runs.iter_mut().filter(|r| r.0 > i) {
        // `r.0 > i`: no underflow when `with` is empty.
        run.0 = run.0 - 1 + with.len();
    }
}

/// The byte offset of the space between an opening and a closing quote
/// mark (`“ ”`) in a line's text that stands at `x` (see [`space_near`]).
fn space_between_marks(line: &Line, x: f32) -> Option<usize> {
    let i = space_near(line, x)?;
    (line.text[..i].ends_with(['“', '‘']) && line.text[i + 1..].starts_with(['”', '’']))
        .then_some(i)
}

/// The byte offset of the last space in a piece of text, set from `x`
/// ([`em_share`]), that stands before `end`: where a piece drawn across a
/// mark at `end` leaves the mark its room.
fn gap_before(text: &str, x: f32, size: f32, end: f32) -> Option<usize> {
    let mut at = x;
    let mut found = None;
    for (i, c) in text.char_indices() {
        if at > end {
            break;
        }
        if c == ' ' && i > 0 {
            found = Some(i);
        }
        at += em_share(c) * size;
    }
    found
}

/// The byte offset of the space in a line's text whose place, the line's
/// characters set one after the other from its left edge, is nearest `x`
/// and within [`GAP_FILL_EMS`] of it.
fn space_near(line: &Line, x: f32) -> Option<usize> {
    let em = line.size;
    let mut at = line.left;
    let mut inked = false;
    let mut best: Option<(f32, usize)> = None;
    for (i, c) in line.text.char_indices() {
        if !inked && c.is_whitespace() {
            continue;
        }
        inked = true;
        let d = (at - x).abs();
        if c == ' ' && d <= GAP_FILL_EMS * em && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, i));
        }
        at += em_share(c) * em;
    }
    best.map(|(_, i)| i)
}

/// How far (ems) from where a line's characters put a space a mark drawn
/// after the line may stand to fill it ([`fill_gaps`]): the estimate drifts
/// by the difference between a space's width and the mark's.
const GAP_FILL_EMS: f32 = 1.5;

/// `oxidize-pdf`: fast (3–12× pdf-extract), decodes the predefined CJK
/// CMaps (GBK-EUC-H, UniGB-UCS2-H) and Type 3 fonts, opens PDFs with an
/// empty user password by itself.
pub struct OxidizePdf;

impl PdfBackend for OxidizePdf {
    fn name(&self) -> &'static str {
        "oxidize-pdf"
    }

    fn extract(&self, bytes: &[u8]) -> Result<Vec<Page>, PdfError> {
        use oxidize_pdf::parser::{ParseError, PdfDocument, PdfReader};
        let map = |e: ParseError| match e {
            ParseError::WrongPassword
            | ParseError::PdfLocked
            | ParseError::EncryptionNotSupported => PdfError::Encrypted,
            other => PdfError::Malformed {
                detail: other.to_string(),
            },
        };
        let reader = PdfReader::new(Cursor::new(bytes)).map_err(map)?;
        let doc = PdfDocument::new(reader);
        let count = doc.page_count().map_err(map)?;
        // Fragments (with positions) are only kept in layout mode.
        let options = oxidize_pdf::text::ExtractionOptions {
            preserve_layout: true,
            ..Default::default()
        };
        // One extractor for all pages: it caches parsed fonts, which a 公文
        // shares across every page (a new extractor per page was ~2× slower).
        let mut extractor = oxidize_pdf::text::TextExtractor::with_options(options);
        let mut pages = Vec::with_capacity(count as usize);
        for index in 0..count {
            let page = extractor.extract_from_page(&doc, index).map_err(map)?;
            let mut builder = LineBuilder::default();
            for f in &page.fragments {
                builder.push(
                    &f.text,
                    f.x as f32,
                    f.y as f32,
                    f.width as f32,
                    f.font_size as f32,
                );
            }
            pages.push(builder.finish());
        }
        Ok(pages)
    }
}

/// `pdf-extract` (on lopdf): exact on fonts with a ToUnicode map, but panics
/// on the predefined CJK CMaps and is the slower of the two.
pub struct PdfExtract;

impl PdfBackend for PdfExtract {
    fn name(&self) -> &'static str {
        "pdf-extract"
    }

    fn extract(&self, bytes: &[u8]) -> Result<Vec<Page>, PdfError> {
        use pdf_extract::{Document, OutputError};
        let map = |e: OutputError| match e {
            OutputError::PdfError(
                pdf_extract::Error::Decryption(_)
                | pdf_extract::Error::InvalidPassword
                | pdf_extract::Error::UnsupportedSecurityHandler(_),
            ) => PdfError::Encrypted,
            other => PdfError::Malformed {
                detail: other.to_string(),
            },
        };
        let mut doc = Document::load_mem(bytes).map_err(|e| map(e.into()))?;
        if doc.is_encrypted() {
            // The usual "restricted" government PDF: an owner password only,
            // readable with the empty user password.
            doc.decrypt("").map_err(|_| PdfError::Encrypted)?;
        }
        let mut out = Collector::default();
        pdf_extract::output_doc(&doc, &mut out).map_err(map)?;
        out.end_current();
        Ok(out.pages)
    }
}

/// An `OutputDev` that keeps glyph positions, one [`LineBuilder`] per page.
#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
    current: Option<LineBuilder>,
}

impl Collector {
    fn end_current(&mut self) {
        if let Some(b) = self.current.take() {
            self.pages.push(b.finish());
        }
    }
}

impl pdf_extract::OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        _media_box: &pdf_extract::MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.end_current();
        self.current = Some(LineBuilder::default());
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.end_current();
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        // Same size and position rule as pdf-extract's PlainTextOutput.
        // (the transformed (font_size, font_size) vector, written out).
        let vx = font_size * (trm.m11 + trm.m21);
        let vy = font_size * (trm.m12 + trm.m22);
        let size = (vx * vy).abs().sqrt();
        let (x, y) = (trm.m31, trm.m32);
        if let Some(b) = self.current.as_mut() {
            b.push(char, x as f32, y as f32, (width * size) as f32, size as f32);
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

thread_local! {
    /// Set while a backend runs on this thread: its panics are expected and
    /// logged through tracing instead of printed by the default hook.
    static IN_BACKEND: Cell<bool> = const { Cell::new(false) };
}

static HOOK: Once = Once::new();

/// Installs (once) a panic hook that silences panics raised inside a
/// backend and hands every other panic to the previous hook.
fn install_quiet_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if IN_BACKEND.with(Cell::get) {
                tracing::debug!("PDF backend panicked: {info}");
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs a backend under `catch_unwind`; a panic becomes
/// [`PdfError::Panic`] with the panic message.
pub fn run_guarded(backend: &dyn PdfBackend, bytes: &[u8]) -> Result<Vec<Page>, PdfError> {
    install_quiet_hook();
    IN_BACKEND.with(|f| f.set(true));
    let result = catch_unwind(AssertUnwindSafe(|| backend.extract(bytes)));
    IN_BACKEND.with(|f| f.set(false));
    result.unwrap_or_else(|payload| {
        let detail = crate::model::error::panic_message(payload.as_ref());
        tracing::warn!(backend = backend.name(), "PDF backend panicked: {detail}");
        Err(PdfError::Panic {
            backend: backend.name().to_string(),
            detail,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Spaces that indent a line (or hang past its end) are set as glyphs
    /// by some writers: the line's edges are those of its ink.
    #[test]
    fn a_line_s_edges_skip_white_space_glyphs() {
        let mut b = LineBuilder::default();
        // One piece: four spaces (0.28 em each) and 10 ideographs, 10 pt.
        let text = format!("    {}", "一".repeat(10));
        b.push(&text, 80.0, 700.0, 111.2, 10.0);
        // Glyph by glyph: spaces first, then ink, then a trailing space.
        for (i, c) in ["\u{3000}", "\u{3000}", "二", "三", " "].iter().enumerate() {
            let w = if *c == " " { 2.8 } else { 10.0 };
            b.push(c, 80.0 + 10.0 * i as f32, 680.0, w, 10.0);
        }
        let page = b.finish();
        let edges: Vec<(f32, f32)> = page.lines.iter().map(|l| (l.left, l.right)).collect();
        assert!((edges[0].0 - 91.2).abs() < 0.1, "{edges:?}");
        assert!((edges[0].1 - 191.2).abs() < 0.1, "{edges:?}");
        assert_eq!(edges[1], (100.0, 120.0));
    }

    /// A float drawn first at the page's foot goes onto the line it
    /// shares a baseline with; a page drawn in order is left as it is.
    #[test]
    fn a_piece_drawn_first_at_the_page_s_foot_goes_to_its_line() {
        let mut b = LineBuilder::default();
        // The page number first, then the 印发 line's right-hand float.
        b.push("—4—", 280.0, 40.0, 48.0, 16.0);
        b.push("2025年6月20日印发", 400.0, 80.0, 128.0, 16.0);
        b.push(
            "（十）加强资金监管。对弄虚作假的企业，追回已拨付资金。",
            80.0,
            760.0,
            400.0,
            16.0,
        );
        b.push("六、联系方式", 80.0, 730.0, 96.0, 16.0);
        b.push("市商务局外贸发展处：王磊", 80.0, 700.0, 192.0, 16.0);
        b.push("联系电话：0512-68616203", 80.0, 670.0, 180.0, 16.0);
        b.push("某市商务局", 380.0, 600.0, 80.0, 16.0);
        b.push("抄送：市财政局。", 80.0, 110.0, 128.0, 16.0);
        b.push("苏州市商务局办公室", 80.0, 80.0, 144.0, 16.0);
        let texts: Vec<String> = b.finish().lines.into_iter().map(|l| l.text).collect();
        assert_eq!(
            texts,
            [
                "（十）加强资金监管。对弄虚作假的企业，追回已拨付资金。",
                "六、联系方式",
                "市商务局外贸发展处：王磊",
                "联系电话：0512-68616203",
                "某市商务局",
                "抄送：市财政局。",
                "苏州市商务局办公室 2025年6月20日印发",
                "—4—"
            ]
        );
        let mut b = LineBuilder::default();
        b.push("一、总体要求", 80.0, 760.0, 96.0, 16.0);
        b.push("（一）加强监管。", 80.0, 730.0, 128.0, 16.0);
        b.push("—1—", 280.0, 40.0, 48.0, 16.0);
        let texts: Vec<String> = b.finish().lines.into_iter().map(|l| l.text).collect();
        assert_eq!(texts, ["一、总体要求", "（一）加强监管。", "—1—"]);
    }

    /// Quote marks set in another font, drawn after their line's run
    /// (spaces where they stand), go into those spaces: one piece of two
    /// marks, and a mark alone; a word drawn back is appended as before.
    #[test]
    fn marks_drawn_after_their_line_fill_its_gaps() {
        let mut b = LineBuilder::default();
        // `推进家装厨卫 焕新 。鼓励` at 16 pt: the spaces at 176 and 224.
        b.push("推进家装厨卫 焕新 。鼓励", 80.0, 700.0, 16.0 * 12.0, 16.0);
        b.push("“ ”", 176.0, 700.0, 56.0, 16.0);
        let page = b.finish();
        assert_eq!(page.lines[0].text, "推进家装厨卫“焕新”。鼓励");
        let mut b = LineBuilder::default();
        b.push(
            "列入科目“2130126农村 下相关款项。",
            80.0,
            700.0,
            16.0 * 19.0,
            16.0,
        );
        b.push("”", 250.0, 700.0, 8.0, 16.0);
        b.push("另见", 120.0, 700.0, 32.0, 16.0);
        let page = b.finish();
        assert_eq!(page.lines[0].text, "列入科目“2130126农村”下相关款项。另见");
        // Marks drawn before the run holding the second's gap, and a mark
        // closing the line with no gap of its own.
        let mut b = LineBuilder::default();
        b.push("推行 一件事一", 80.0, 700.0, 16.0 * 7.28, 16.0);
        b.push("“ ”", 112.0, 700.0, 120.0, 16.0);
        b.push("次办 。围绕", 196.5, 700.0, 16.0 * 5.28, 16.0);
        b.push("全面推行 一网通办", 80.0, 680.0, 16.0 * 8.28, 16.0);
        b.push("“ ”", 144.0, 680.0, 88.0, 16.0);
        let page = b.finish();
        assert_eq!(page.lines[0].text, "推行“一件事一次办”。围绕");
        assert_eq!(page.lines[1].text, "全面推行“一网通办”");
    }

    /// Quote marks drawn before their line's run (held-out GC2: a word
    /// processor draws the marks' font first), after the line's indent or
    /// opening it, go into the run's gaps; a mark that opens a line drawn
    /// in order (the run after it starts right of it) stays first.
    #[test]
    fn marks_drawn_before_their_line_fill_its_gaps() {
        let mut b = LineBuilder::default();
        // The run's spaces at 300 and 349.2, the second run's at 165 and
        // 199.2 (ideographs an em, a space 0.28); the first line's marks
        // drawn with its indent, from its margin.
        b.push("　 　 “ ”", 90.0, 700.0, 274.2, 15.0);
        b.push(
            "（二）开展绩效监控。实行 双监控 ，对资金",
            120.0,
            700.0,
            15.0 * 21.28,
            15.0,
        );
        b.push("“ ”", 165.0, 680.0, 49.2, 15.0);
        b.push("（三）实行 双控 。", 90.0, 680.0, 15.0 * 9.28, 15.0);
        b.push("“", 90.0, 660.0, 15.0, 15.0);
        b.push("数字政府”建设", 105.0, 660.0, 15.0 * 7.0, 15.0);
        let page = b.finish();
        assert_eq!(
            page.lines[0].text,
            "（二）开展绩效监控。实行“双监控”，对资金"
        );
        assert_eq!(page.lines[1].text, "（三）实行“双控”。");
        assert_eq!(page.lines[2].text, "“数字政府”建设");
    }

    /// A word drawn back into the space its line's run left between two
    /// quote marks (held-out GI2: LibreOffice drew `…评价结果为“ ”`, then
    /// `差` at the space, then `的，…` after the closing mark).
    #[test]
    fn a_word_drawn_back_between_its_marks() {
        let mut b = LineBuilder::default();
        b.push("组织开展绩效评价，评价结果为“ ”", 76.7, 686.6, 256.6, 16.0);
        b.push("差", 309.0, 686.6, 16.0, 16.0);
        b.push("的，按照不低于20", 333.3, 686.6, 135.6, 16.0);
        b.push("%的比", 468.8, 686.6, 47.2, 16.0);
        let page = b.finish();
        assert_eq!(
            page.lines[0].text,
            "组织开展绩效评价，评价结果为“差”的，按照不低于20%的比"
        );
        // A piece drawn back from the space on past the closing mark
        // (held-out HC3: LibreOffice drew `“ ”` first, its layout joined
        // the run before them to the marks, the run after them is one
        // piece with a space where the closing mark stands).
        let mut b = LineBuilder::default();
        b.push("面推行经费“ ”", 79.5, 574.6, 144.6, 16.0);
        b.push("包干制 ，间接费用比例最高可达", 167.8, 574.6, 344.3, 16.0);
        assert_eq!(
            b.finish().lines[0].text,
            "面推行经费“包干制”，间接费用比例最高可达"
        );
        // Marks the layout joined to the run before them, the text drawn
        // back after them (held-out HH2: a bold `第九条　`, then `“ ”`,
        // then the article's text from the head's end).
        let mut b = LineBuilder::default();
        b.push("第九条\u{3000} “ ”", 122.1, 155.7, 320.6, 16.0);
        b.push("同一单位同一事项按照", 186.1, 155.7, 160.0, 16.0);
        b.push("就高不重复 原则给予", 354.4, 155.7, 152.3, 16.0);
        assert_eq!(
            b.finish().lines[0].text,
            "第九条\u{3000}同一单位同一事项按照“就高不重复”原则给予"
        );
        // Two quoted words (held-out HO1).
        let mut b = LineBuilder::default();
        b.push("第十三条\u{3000} “ ” “ ”", 111.5, 700.0, 353.1, 16.0);
        b.push("专项资金实行", 191.5, 700.0, 96.0, 16.0);
        b.push("先建后补 与", 295.8, 700.0, 88.3, 16.0);
        b.push("预拨清算 相结合", 392.4, 700.0, 120.2, 16.0);
        assert_eq!(
            b.finish().lines[0].text,
            "第十三条\u{3000}专项资金实行“先建后补”与“预拨清算”相结合"
        );
        // A word drawn back elsewhere is appended as before.
        let mut b = LineBuilder::default();
        b.push("实行“双控” 。", 90.0, 680.0, 15.0 * 7.28, 15.0);
        b.push("另见", 100.0, 680.0, 30.0, 15.0);
        assert_eq!(b.finish().lines[0].text, "实行“双控” 。另见");
    }
}
