//! Recognised lines → [`Text`]: line heights snapped to the body font,
//! each line repaired ([`repair::ocr_line`]) and the lines joined into
//! paragraphs by the PDF's repair, the confidence of every character kept
//! beside them, and the `ocr` warnings. Also how a figure's span is found
//! to be doubtful ([`is_low`]). Separate because it is where OCR output
//! becomes the same [`Text`] a text layer gives.

use super::options::OcrOptions;
use super::tesseract::OcrLine;
use super::{OcrError, Reason};
use crate::decode::pdf::backend::{Line, Page};
use crate::decode::pdf::repair;
use crate::decode::{MediaType, PageMeta, Parsed, Text};
use crate::model::{Warning, WarningCode};

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
pub(super) fn to_text(
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
                y: 0.0,
                runs: Vec::new(),
            });
            confs.push(conf);
        }
        layout_pages.push(page);
        line_conf.push(confs);
    }
    let mut repaired = repair::paragraphs(&layout_pages);
    if repaired.paragraphs.is_empty() {
        return Err(OcrError::NoText { pages: pages.len() });
    }
    let mut confidence: Vec<Vec<f32>> = repaired
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
    let mut paragraphs = std::mem::take(&mut repaired.paragraphs);
    repair::ocr_paragraphs(&mut paragraphs, &mut confidence);
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
    warnings.extend(repaired.table_pages_warning(pages.len(), None));
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
            paragraphs,
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
}
