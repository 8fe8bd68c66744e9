//! OCR: scans (PDFs of page images) and image files read with Tesseract.
//!
//! Used when a PDF has no usable text layer (`--ocr auto`, the default),
//! for every PDF (`--ocr force`), and for PNG, JPEG and TIFF inputs. Each
//! page is rendered grey by `pdftoppm` ([`render`]) at every resolution of
//! [`OcrOptions::resolutions`] and recognised by `tesseract` with the
//! simplified and traditional Chinese models ([`tesseract`]); of the
//! readings of each line the most confident is kept. The lines (words with
//! boxes and confidences) then go through the PDF's repair: OCR fixes,
//! furniture, layout → paragraphs ([`crate::decode::pdf::repair`]).
//!
//! Bounded like the PDF worker: every program runs as a child process with
//! a memory limit and a time limit ([`crate::decode::bounded`]); a page has
//! [`OcrOptions::page_timeout`], the document
//! [`OcrOptions::document_timeout`]; pages run in parallel, as many at once
//! as the run's thread budget has free [`Slots`] and as fit in
//! [`OcrOptions::document_memory_bytes`].
//!
//! Honest about what it read: [`Text::confidence`] keeps, for each
//! character, the confidence of the word it was read in, so the pipeline
//! can flag figures read from doubtful words (`low_confidence`), and a
//! warning `ocr` gives the mean word confidence.

pub mod render;
pub mod tesseract;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use super::{MediaType, PageMeta, Parsed, Text};
use crate::decode::bounded::Limits;
use crate::decode::pdf::backend::{Line, Page};
use crate::decode::pdf::repair;
use crate::model::{ErrorCode, WarningCode};
use crate::output::record::Warning;
use tesseract::OcrLine;

/// When OCR runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OcrMode {
    /// Never: a scan fails with `pdf_no_text_layer`, an image with `ocr_off`.
    Off,
    /// For PDFs without a usable text layer (none, or unreadable glyphs)
    /// and for images.
    #[default]
    Auto,
    /// For every PDF, ignoring its text layer, and for images.
    Force,
}

impl std::str::FromStr for OcrMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "off" => Ok(OcrMode::Off),
            "auto" => Ok(OcrMode::Auto),
            "force" => Ok(OcrMode::Force),
            other => Err(format!("--ocr {other:?}: expected off, auto or force")),
        }
    }
}

/// How many OCR programs may run at once, shared by every document of a
/// run (a clone shares the count): the run's thread budget. Default: one
/// per core.
#[derive(Clone)]
pub struct Slots {
    free: Arc<(Mutex<usize>, Condvar)>,
    capacity: usize,
}

impl Slots {
    pub fn new(capacity: usize) -> Slots {
        let capacity = capacity.max(1);
        Slots {
            free: Arc::new((Mutex::new(capacity), Condvar::new())),
            capacity,
        }
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Waits for a free slot until `deadline`.
    fn acquire(&self, deadline: Instant) -> Option<SlotGuard<'_>> {
        let (lock, cond) = &*self.free;
        let mut free = lock.lock().ok()?;
        while *free == 0 {
            let left = deadline.checked_duration_since(Instant::now())?;
            free = cond.wait_timeout(free, left).ok()?.0;
        }
        *free -= 1;
        Some(SlotGuard(self))
    }
}

impl Default for Slots {
    fn default() -> Self {
        Slots::new(std::thread::available_parallelism().map_or(1, |n| n.get()))
    }
}

impl std::fmt::Debug for Slots {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Slots({})", self.capacity)
    }
}

struct SlotGuard<'a>(&'a Slots);

impl Drop for SlotGuard<'_> {
    fn drop(&mut self) {
        let (lock, cond) = &*self.0.free;
        if let Ok(mut free) = lock.lock() {
            *free += 1;
            cond.notify_one();
        }
    }
}

/// Options of the OCR path.
#[derive(Debug, Clone)]
pub struct OcrOptions {
    /// When OCR runs. Default [`OcrMode::Auto`].
    pub mode: OcrMode,
    /// The Tesseract executable. Default `tesseract` (on `PATH`).
    pub tesseract: PathBuf,
    /// The page renderer, poppler's `pdftoppm` (its sibling `pdfinfo`
    /// counts the pages). Default `pdftoppm` (on `PATH`).
    pub renderer: PathBuf,
    /// Models of the readings of the first page that tell the script of
    /// the document: the first page is read once with each, and the one
    /// Tesseract is more confident with decides (a traditional page read
    /// with `chi_sim+chi_tra` at once comes out half simplified, so counting
    /// the characters of a mixed reading misleads). Default `chi_tra`,
    /// `chi_sim`.
    pub languages: Vec<String>,
    /// Models for a document in traditional characters. Default `chi_tra`
    /// and the Han-traditional script model `HanT`: together they misread
    /// fewer characters of the seed than `chi_sim+chi_tra` (1.80% vs 2.06%
    /// at 216 dpi, and the bold `做` of a clause title that every other
    /// combination misreads), in traditional characters only, and faster.
    pub traditional: Vec<String>,
    /// Models for a document in simplified characters. Default `chi_sim`
    /// and `HanS`.
    pub simplified: Vec<String>,
    /// Resolutions each PDF page is rendered and read at; per line the most
    /// confident reading is kept. Default 200, 216 and 250 dpi: the 3号
    /// (16 pt) body of a 公文 is then 44–56 px high, where Tesseract's
    /// Chinese models err least. On the 300 dpi scan of the seed
    /// (5 pages), characters wrong: 300 dpi alone 1.7%, 250 dpi 1.1%,
    /// 200 dpi 0.55%, the best line of 200+250 0.37%, of 200+216+250 0.22%.
    pub resolutions: Vec<u32>,
    /// Wall time for one page (rendering and every reading). Default 120 s:
    /// a dense page takes 2–3 s per reading on one core.
    pub page_timeout: Duration,
    /// Address-space limit of each renderer and Tesseract process. Default
    /// 1 GiB: Tesseract with both Chinese models peaks near 400 MiB of
    /// address space on an A4 page at 250 dpi.
    pub page_memory_bytes: u64,
    /// Wall time for the whole document. Default 600 s (22 pages take
    /// about a minute on two cores).
    pub document_timeout: Duration,
    /// Memory of one document's OCR processes together: pages run at once
    /// are capped to this over [`Self::page_memory_bytes`]. Default 4 GiB.
    pub document_memory_bytes: u64,
    /// A figure or unit read from a word Tesseract is less confident of
    /// than this (0–100) is flagged `low_confidence`. Default 80: on the
    /// seed's scan the misread words scored 2–74, and 94% of all words
    /// scored 80 or more.
    pub low_confidence_below: f32,
    /// Programs running at once across the run (the thread budget).
    pub slots: Slots,
}

impl Default for OcrOptions {
    fn default() -> Self {
        OcrOptions {
            mode: OcrMode::Auto,
            tesseract: "tesseract".into(),
            renderer: "pdftoppm".into(),
            languages: vec!["chi_tra".into(), "chi_sim".into()],
            traditional: vec!["chi_tra".into(), "HanT".into()],
            simplified: vec!["chi_sim".into(), "HanS".into()],
            resolutions: vec![200, 216, 250],
            page_timeout: Duration::from_secs(120),
            page_memory_bytes: 1024 * 1024 * 1024,
            document_timeout: Duration::from_secs(600),
            document_memory_bytes: 4 * 1024 * 1024 * 1024,
            low_confidence_below: 80.0,
            slots: Slots::default(),
        }
    }
}

/// Why OCR gave no text.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OcrError {
    #[error("OCR is not available: {detail}")]
    Unavailable { detail: String },
    #[error("{what} can only be read by OCR, which is off (--ocr off); use --ocr auto")]
    Off { what: String },
    #[error("OCR of page {page} took longer than {seconds:.0} s and was stopped")]
    PageTimeout { page: usize, seconds: f64 },
    #[error("OCR of the document took longer than {seconds:.0} s and was stopped")]
    DocumentTimeout { seconds: f64 },
    #[error("OCR of page {page} ran out of memory (limit {limit_mib} MiB) and was stopped")]
    TooLarge { page: usize, limit_mib: u64 },
    #[error("OCR failed on page {page}: {detail}")]
    Failed { page: usize, detail: String },
    #[error("OCR found no text on {pages} pages (blank pages, or a picture?)")]
    NoText { pages: usize },
}

impl OcrError {
    /// Stable machine-readable name for reports.
    pub fn code(&self) -> ErrorCode {
        match self {
            OcrError::Unavailable { .. } => ErrorCode::OcrUnavailable,
            OcrError::Off { .. } => ErrorCode::OcrOff,
            OcrError::PageTimeout { .. } | OcrError::DocumentTimeout { .. } => {
                ErrorCode::OcrTimeout
            }
            OcrError::TooLarge { .. } => ErrorCode::OcrTooLarge,
            OcrError::Failed { .. } => ErrorCode::OcrFailed,
            OcrError::NoText { .. } => ErrorCode::OcrNoText,
        }
    }
}

/// Image formats read by OCR, told apart by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
    Tiff,
}

impl ImageFormat {
    /// The format of `bytes`, if they are an image we read.
    pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ImageFormat::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(ImageFormat::Jpeg)
        } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
            Some(ImageFormat::Tiff)
        } else {
            None
        }
    }

    pub fn as_mime(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Tiff => "image/tiff",
        }
    }
}

/// Why OCR ran, for the `ocr` warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The PDF has no text layer.
    NoTextLayer,
    /// The PDF's text layer is not readable (fonts without a Unicode map).
    UnreadableText,
    /// `--ocr force`.
    Forced,
    /// An image file.
    Image,
}

impl Reason {
    fn describe(self) -> &'static str {
        match self {
            Reason::NoTextLayer => "the PDF has no text layer",
            Reason::UnreadableText => "the PDF's text layer is not readable",
            Reason::Forced => "OCR is forced (--ocr force)",
            Reason::Image => "the input is an image",
        }
    }
}

fn limits_until(deadline: Instant, memory_bytes: u64) -> Limits {
    Limits {
        timeout: deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(1)),
        memory_bytes,
    }
}

/// Reads a PDF's pages by OCR.
///
/// # Errors
/// An [`OcrError`]: OCR unavailable (names the Debian packages), a limit
/// reached, a program failing, or no text found.
pub fn ocr_pdf(bytes: &[u8], reason: Reason, opts: &OcrOptions) -> Result<Parsed<Text>, OcrError> {
    let start = Instant::now();
    let deadline = start + opts.document_timeout;
    let probe_limits = limits_until(
        (Instant::now() + Duration::from_secs(30)).min(deadline),
        opts.page_memory_bytes,
    );
    let installed = tesseract::probe(&opts.tesseract, &opts.all_languages())?;
    let pages = render::page_count(&opts.renderer, bytes, &probe_limits)?;
    // The script, from readings of page 1 with each script's model.
    let first_dpi = opts.resolutions.first().copied().unwrap_or(216);
    let first = {
        let _slot = opts
            .slots
            .acquire(deadline)
            .ok_or_else(|| doc_timeout(opts))?;
        let limits = limits_until(
            (Instant::now() + opts.page_timeout).min(deadline),
            opts.page_memory_bytes,
        );
        let image = render::render_page(&opts.renderer, bytes, 1, first_dpi, &limits)?;
        let mut readings = Vec::new();
        for lang in &opts.languages {
            let limits = limits_until(
                (Instant::now() + opts.page_timeout).min(deadline),
                opts.page_memory_bytes,
            );
            let lines = tesseract::recognise(
                &opts.tesseract,
                image.clone(),
                std::slice::from_ref(lang),
                Some(first_dpi),
                &limits,
                1,
            )?;
            readings.push(lines.into_iter().next().unwrap_or_default());
        }
        readings
    };
    let languages = opts.models_for(&first);
    let read = in_parallel(pages, deadline, opts, |page, page_deadline| {
        let mut readings = Vec::with_capacity(opts.resolutions.len());
        for &dpi in &opts.resolutions {
            let limits = limits_until(page_deadline, opts.page_memory_bytes);
            let image = render::render_page(&opts.renderer, bytes, page, dpi, &limits)?;
            let limits = limits_until(page_deadline, opts.page_memory_bytes);
            let mut lines =
                tesseract::recognise(&opts.tesseract, image, languages, Some(dpi), &limits, page)?;
            readings.push(if lines.is_empty() {
                Vec::new()
            } else {
                lines.swap_remove(0)
            });
        }
        Ok(tesseract::best_lines(readings))
    })?;
    let dpis: Vec<String> = opts.resolutions.iter().map(u32::to_string).collect();
    let how = format!(
        "{}, {}, {} dpi",
        installed.version,
        languages.join("+"),
        dpis.join("/")
    );
    to_text(read, MediaType::Pdf, reason, &how, opts)
}

/// Reads an image file (PNG, JPEG, TIFF, several pages in a TIFF) by OCR,
/// at its own resolution.
///
/// # Errors
/// As [`ocr_pdf`].
pub fn ocr_image(
    bytes: &[u8],
    format: ImageFormat,
    opts: &OcrOptions,
) -> Result<Parsed<Text>, OcrError> {
    let deadline = Instant::now() + opts.document_timeout;
    let installed = tesseract::probe(&opts.tesseract, &opts.all_languages())?;
    let _slot = opts
        .slots
        .acquire(deadline)
        .ok_or_else(|| doc_timeout(opts))?;
    let read = |languages: &[String]| {
        let limits = limits_until(
            (Instant::now() + opts.page_timeout).min(deadline),
            opts.page_memory_bytes,
        );
        tesseract::recognise(&opts.tesseract, bytes.to_vec(), languages, None, &limits, 1)
    };
    let mut first = Vec::new();
    for lang in &opts.languages {
        first.push(
            read(std::slice::from_ref(lang))?
                .into_iter()
                .next()
                .unwrap_or_default(),
        );
    }
    let languages = opts.models_for(&first);
    let pages = read(languages)?;
    let how = format!("{}, {}", installed.version, languages.join("+"));
    to_text(pages, MediaType::Image(format), Reason::Image, &how, opts)
}

fn doc_timeout(opts: &OcrOptions) -> OcrError {
    OcrError::DocumentTimeout {
        seconds: opts.document_timeout.as_secs_f64(),
    }
}

impl OcrOptions {
    /// Every model any reading may use, for the installation check.
    fn all_languages(&self) -> Vec<String> {
        let mut all: Vec<String> = Vec::new();
        for l in self
            .languages
            .iter()
            .chain(&self.traditional)
            .chain(&self.simplified)
        {
            if !all.contains(l) {
                all.push(l.clone());
            }
        }
        all
    }

    /// The models for a document whose first page, read with each of
    /// [`Self::languages`], gave `readings`: those of the script whose
    /// reading has the higher mean word confidence.
    fn models_for(&self, readings: &[Vec<OcrLine>]) -> &[String] {
        let mut best: Option<(f64, &[String])> = None;
        for (lang, lines) in self.languages.iter().zip(readings) {
            let confidences: Vec<f64> = lines
                .iter()
                .flat_map(|l| &l.words)
                .map(|w| f64::from(w.confidence))
                .collect();
            let mean = if confidences.is_empty() {
                0.0
            } else {
                confidences.iter().sum::<f64>() / confidences.len() as f64
            };
            // chi_tra, HanT: traditional models; the rest simplified.
            let set: &[String] = if lang.contains("tra") || lang.ends_with('T') {
                &self.traditional
            } else {
                &self.simplified
            };
            if best.is_none_or(|(m, _)| mean > m) {
                best = Some((mean, set));
            }
        }
        best.map_or(&self.simplified, |(_, set)| set)
    }
}

/// One page's lines, or why it could not be read.
type PageResult = Result<Vec<OcrLine>, OcrError>;

/// Runs `read_page(page, page_deadline)` for pages `1..=pages`, as many at
/// once as slots and the document's memory allow; the results in page
/// order, or the first page's error.
fn in_parallel<F>(
    pages: usize,
    deadline: Instant,
    opts: &OcrOptions,
    read_page: F,
) -> Result<Vec<Vec<OcrLine>>, OcrError>
where
    F: Fn(usize, Instant) -> Result<Vec<OcrLine>, OcrError> + Sync,
{
    let by_memory = (opts.document_memory_bytes / opts.page_memory_bytes.max(1)).max(1) as usize;
    let workers = pages.min(opts.slots.capacity()).min(by_memory).max(1);
    let next = AtomicUsize::new(1);
    let failed = AtomicBool::new(false);
    let results: Mutex<Vec<Option<PageResult>>> = Mutex::new(vec![None; pages]);
    let timeout = || OcrError::DocumentTimeout {
        seconds: opts.document_timeout.as_secs_f64(),
    };
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                if failed.load(Ordering::Relaxed) {
                    break;
                }
                let page = next.fetch_add(1, Ordering::Relaxed);
                if page > pages {
                    break;
                }
                let r = match opts.slots.acquire(deadline) {
                    None => Err(timeout()),
                    Some(_slot) => {
                        let page_deadline = (Instant::now() + opts.page_timeout).min(deadline);
                        read_page(page, page_deadline).map_err(|e| match e {
                            OcrError::PageTimeout { .. } if Instant::now() >= deadline => timeout(),
                            other => other,
                        })
                    }
                };
                if r.is_err() {
                    failed.store(true, Ordering::Relaxed);
                }
                if let Ok(mut all) = results.lock() {
                    all[page - 1] = Some(r);
                }
            });
        }
    });
    let all = results.into_inner().unwrap_or_default();
    let mut out = Vec::with_capacity(pages);
    for r in all {
        match r {
            Some(Ok(lines)) => out.push(lines),
            Some(Err(e)) => return Err(e),
            // Not reached: a page before it failed (its error came first).
            None => return Err(timeout()),
        }
    }
    Ok(out)
}

/// Lines whose heights differ from the body's by less than this share are
/// set in the body font: body lines measured 14.7–18 pt on the 16 pt seed,
/// titles (22 pt) 21–25 pt.
const SAME_SIZE: f32 = 0.2;

/// The most common line height (0.5 pt buckets, weighted by characters):
/// the body font's.
fn body_height(pages: &[Vec<OcrLine>]) -> Option<f32> {
    let mut counts: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    for l in pages.iter().flatten() {
        let chars: usize = l.words.iter().map(|w| w.text.chars().count()).sum();
        *counts.entry((l.size * 2.0).round() as i64).or_default() += chars;
    }
    // Neighbouring buckets count together: heights scatter around the size.
    let best = counts
        .keys()
        .map(|&k| {
            let near: usize = (k - 1..=k + 1).filter_map(|j| counts.get(&j)).sum();
            (near, -k)
        })
        .max()?;
    Some(-best.1 as f32 / 2.0)
}

/// Recognised lines of each page → repaired paragraphs, with the
/// confidence of every character and the `ocr` warning.
fn to_text(
    pages: Vec<Vec<OcrLine>>,
    media: MediaType,
    reason: Reason,
    how: &str,
    opts: &OcrOptions,
) -> Result<Parsed<Text>, OcrError> {
    let body = body_height(&pages);
    let mut layout_pages = Vec::with_capacity(pages.len());
    let mut line_conf: Vec<Vec<Vec<f32>>> = Vec::with_capacity(pages.len());
    let (mut words, mut sum, mut low_words) = (0usize, 0f64, 0usize);
    for lines in &pages {
        let mut page = Page::default();
        let mut confs = Vec::with_capacity(lines.len());
        for l in lines {
            for w in &l.words {
                words += 1;
                sum += f64::from(w.confidence);
                if w.confidence < opts.low_confidence_below {
                    low_words += 1;
                }
            }
            let (text, conf) = repair::ocr_line(&l.words);
            // Line heights of one font vary by a tenth with the glyphs a
            // line holds (brackets, quotes, Latin): snap them to the body
            // height so the repair sees one size, as in a text layer.
            let size = match body {
                Some(b) if (l.size - b).abs() <= SAME_SIZE * b => b,
                _ => l.size,
            };
            page.lines.push(Line {
                text,
                left: l.left,
                right: l.right,
                size,
            });
            confs.push(conf);
        }
        layout_pages.push(page);
        line_conf.push(confs);
    }
    let repaired = repair::paragraphs(&layout_pages);
    if repaired.paragraphs.is_empty() {
        return Err(OcrError::NoText { pages: pages.len() });
    }
    let confidence = repaired
        .paragraphs
        .iter()
        .zip(&repaired.sources)
        .map(|(p, from)| {
            let mut c: Vec<f32> = from
                .iter()
                .flat_map(|&(pg, li)| line_conf[pg][li].iter().copied())
                .collect();
            // The repair keeps every character other than white space; if
            // that ever fails, unknown characters count as doubtful.
            let n = p.chars().filter(|c| !c.is_whitespace()).count();
            if c.len() != n {
                tracing::warn!(
                    "OCR confidences out of step with the text ({} vs {n})",
                    c.len()
                );
                c.resize(n, 0.0);
            }
            c
        })
        .collect();
    let mean = if words == 0 { 0.0 } else { sum / words as f64 };
    let mut warnings = vec![Warning::new(
        WarningCode::Ocr,
        format!(
            "text read by OCR because {} ({how}): {} pages, {words} words, mean word confidence {mean:.1}; \
             {low_words} words below {:.0}",
            reason.describe(),
            pages.len(),
            opts.low_confidence_below
        ),
    )];
    if repaired.table_pages > 0 {
        warnings.push(Warning::new(
            WarningCode::PdfTablePages,
            format!(
                "{} of {} pages are tables; each page's text is one paragraph",
                repaired.table_pages,
                pages.len()
            ),
        ));
    }
    let empty = pages.iter().filter(|p| p.is_empty()).count();
    if empty > 0 {
        warnings.push(Warning::new(
            WarningCode::OcrPagesWithoutText,
            format!("OCR found no text on {empty} of {} pages", pages.len()),
        ));
    }
    Ok(Parsed {
        value: Text {
            media,
            paragraphs: repaired.paragraphs,
            encoding: None,
            encoding_source: "ocr".into(),
            extractor: "ocr".into(),
            meta: PageMeta::default(),
            layout: Default::default(),
            attachments: Vec::new(),
            confidence: Some(confidence),
        },
        warnings,
    })
}

/// The confidence of each code point of the paragraphs joined by `\n` (the
/// record's `text`): `None` for white space and the line breaks.
pub fn char_confidences(paragraphs: &[String], confidence: &[Vec<f32>]) -> Vec<Option<f32>> {
    let mut out = Vec::new();
    for (i, (p, conf)) in paragraphs.iter().zip(confidence).enumerate() {
        if i > 0 {
            out.push(None);
        }
        let mut it = conf.iter();
        for c in p.chars() {
            out.push(if c.is_whitespace() {
                None
            } else {
                Some(it.next().copied().unwrap_or(0.0))
            });
        }
    }
    out
}

/// Whether any character of `span` (code points) was read with a
/// confidence below `threshold`.
pub fn is_low(confidence: &[Option<f32>], span: [usize; 2], threshold: f32) -> bool {
    confidence
        .get(span[0]..span[1].min(confidence.len()))
        .unwrap_or(&[])
        .iter()
        .flatten()
        .any(|&c| c < threshold)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_images() {
        assert_eq!(
            ImageFormat::sniff(b"\x89PNG\r\n\x1a\n\0"),
            Some(ImageFormat::Png)
        );
        assert_eq!(
            ImageFormat::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(ImageFormat::Jpeg)
        );
        assert_eq!(ImageFormat::sniff(b"II*\0\x08"), Some(ImageFormat::Tiff));
        assert_eq!(ImageFormat::sniff(b"MM\0*\0"), Some(ImageFormat::Tiff));
        assert_eq!(ImageFormat::sniff(b"%PDF-1.4"), None);
    }

    #[test]
    fn confidences_follow_the_characters() {
        let paragraphs = vec!["給予 30萬元".to_string(), "一、".to_string()];
        let conf = vec![vec![90.0, 91.0, 40.0, 92.0, 93.0, 94.0], vec![95.0, 96.0]];
        let c = char_confidences(&paragraphs, &conf);
        assert_eq!(c.len(), "給予 30萬元\n一、".chars().count());
        assert_eq!(c[2], None);
        assert_eq!(c[3], Some(40.0));
        assert_eq!(c[7], None);
        assert_eq!(c[8], Some(95.0));
        assert!(is_low(&c, [3, 7], 80.0));
        assert!(!is_low(&c, [4, 7], 80.0));
    }

    #[test]
    fn slots_are_shared_by_clones() {
        let slots = Slots::new(1);
        let other = slots.clone();
        let deadline = Instant::now() + Duration::from_millis(50);
        let held = slots.acquire(deadline).expect("one free");
        assert!(other.acquire(deadline).is_none(), "the only slot is taken");
        drop(held);
        assert!(other
            .acquire(Instant::now() + Duration::from_secs(1))
            .is_some());
    }

    #[test]
    fn modes_parse() {
        assert_eq!("off".parse::<OcrMode>(), Ok(OcrMode::Off));
        assert_eq!("force".parse::<OcrMode>(), Ok(OcrMode::Force));
        assert!("sometimes".parse::<OcrMode>().is_err());
    }
}
