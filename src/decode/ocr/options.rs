//! What OCR runs with: when it runs ([`OcrMode`]), the programs, models,
//! resolutions and limits ([`OcrOptions`], each default with its
//! evidence), and how the models for a document are chosen from readings
//! of its first page. Kept apart from the reading so the defaults and the
//! reasons for them are in one place.

use std::path::PathBuf;
use std::time::Duration;

use super::slots::Slots;
use super::tesseract::OcrLine;

/// When OCR runs. Displayed as the `--ocr` value (`auto`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize, strum::Display,
)]
#[strum(serialize_all = "lowercase")]
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

/// Options of the OCR path.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
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

impl OcrOptions {
    /// Every model any reading may use, for the installation check.
    pub(super) fn all_languages(&self) -> Vec<String> {
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
    pub(super) fn models_for(&self, readings: &[Vec<OcrLine>]) -> &[String] {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_parse() {
        assert_eq!("off".parse::<OcrMode>(), Ok(OcrMode::Off));
        assert_eq!("force".parse::<OcrMode>(), Ok(OcrMode::Force));
        assert!("sometimes".parse::<OcrMode>().is_err());
    }
}
