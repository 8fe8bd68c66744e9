//! Tesseract, run as a program: an image on stdin, TSV on stdout.
//!
//! The CLI rather than a binding crate: it builds nowhere (nothing to
//! link), runs under [`run_bounded`]'s time and memory limits like any
//! other untrusted work, and its TSV output gives each word's box and
//! confidence. `OMP_THREAD_LIMIT=1` keeps each run on one core: pages run
//! in parallel instead, within the run's thread budget ([`super::Slots`]).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{LazyLock, Mutex};

use super::OcrError;
use crate::decode::bounded::{run_bounded, BoundedError, Limits};
use crate::decode::pdf::repair::OcrWord;

/// The Debian packages that make OCR work, for error messages.
pub const TESSERACT_PACKAGES: &str = "tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra \
     tesseract-ocr-script-hans tesseract-ocr-script-hant";

/// Debian package of a Tesseract model: a language (`chi_sim` →
/// `tesseract-ocr-chi-sim`) or a script, whose names are capitalised
/// (`HanT` → `tesseract-ocr-script-hant`).
pub fn language_package(lang: &str) -> String {
    let name = lang.replace('_', "-").to_lowercase();
    if lang.starts_with(|c: char| c.is_ascii_uppercase()) {
        format!("tesseract-ocr-script-{name}")
    } else {
        format!("tesseract-ocr-{name}")
    }
}

/// What an installed Tesseract is: its version and language models.
#[derive(Debug, Clone, PartialEq)]
pub struct Installed {
    /// `tesseract 5.3.0`.
    pub version: String,
    pub languages: Vec<String>,
}

/// Successful probes are cached per executable path: one `--version` and
/// one `--list-langs` per process, not per page (a failed probe is tried
/// again: the package may be installed meanwhile).
static PROBES: LazyLock<Mutex<HashMap<PathBuf, Result<Installed, OcrError>>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// Checks that `exe` runs and has every model of `languages`.
///
/// # Errors
/// [`OcrError::Unavailable`] naming the Debian packages to install.
pub fn probe(exe: &Path, languages: &[String]) -> Result<Installed, OcrError> {
    // Fixed limits: the probe is tiny, and must not fail for a page's
    // (possibly small) memory limit and be mistaken for a missing program.
    let limits = &Limits {
        timeout: std::time::Duration::from_secs(30),
        memory_bytes: 1024 * 1024 * 1024,
    };
    let cached = PROBES.lock().ok().and_then(|m| m.get(exe).cloned());
    let installed = match cached {
        Some(r) => r,
        None => {
            let r = probe_uncached(exe, limits);
            if let (Ok(found), Ok(mut m)) = (&r, PROBES.lock()) {
                m.insert(exe.to_path_buf(), Ok(found.clone()));
            }
            r
        }
    }?;
    let missing: Vec<&String> = languages
        .iter()
        .filter(|l| !installed.languages.contains(l))
        .collect();
    if !missing.is_empty() {
        let packages: Vec<String> = missing.iter().map(|l| language_package(l)).collect();
        return Err(OcrError::Unavailable {
            detail: format!(
                "Tesseract ({}) has no model for {}: install the Debian package{} {}",
                exe.display(),
                missing
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                if packages.len() > 1 { "s" } else { "" },
                packages.join(" ")
            ),
        });
    }
    Ok(installed)
}

fn probe_uncached(exe: &Path, limits: &Limits) -> Result<Installed, OcrError> {
    let not_installed = |why: String| {
        OcrError::Unavailable {
        detail: format!(
            "Tesseract is needed to read scans and images, but {why}: install the Debian packages \
             {TESSERACT_PACKAGES} (apt-get install {TESSERACT_PACKAGES}), or turn OCR off (--ocr off)"
        ),
    }
    };
    let version =
        run_bounded(Command::new(exe).arg("--version"), None, limits).map_err(|e| match e {
            BoundedError::Spawn { source, .. } => {
                not_installed(format!("`{}` cannot be run ({source})", exe.display()))
            }
            other => not_installed(other.to_string()),
        })?;
    // Tesseract 4 printed its version on stderr, 5 on stdout.
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&version.stdout),
        String::from_utf8_lossy(&version.stderr)
    );
    let version = text
        .lines()
        .find(|l| l.starts_with("tesseract "))
        .map(|l| l.trim().to_string())
        .ok_or_else(|| not_installed(format!("`{}` is not Tesseract", exe.display())))?;
    let langs = run_bounded(Command::new(exe).arg("--list-langs"), None, limits)
        .map_err(|e| not_installed(e.to_string()))?;
    let languages = String::from_utf8_lossy(&langs.stdout)
        .lines()
        .skip(1) // "List of available languages in …"
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    Ok(Installed { version, languages })
}

/// One recognised line: its words and where it sits, in PDF points.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrLine {
    pub words: Vec<OcrWord>,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
    /// The line's height, the OCR stand-in for a font size (Tesseract's
    /// word boxes of CJK text are too uneven for that: `中` 19 px high
    /// beside `企业` 44 px).
    pub size: f32,
}

impl OcrLine {
    /// Mean confidence of the line's words.
    pub fn mean_confidence(&self) -> f32 {
        if self.words.is_empty() {
            return 0.0;
        }
        self.words.iter().map(|w| w.confidence).sum::<f32>() / self.words.len() as f32
    }

    fn middle(&self) -> f32 {
        (self.top + self.bottom) / 2.0
    }
}

/// Recognises one image (PNM, PNG, JPEG or TIFF bytes); returns the lines
/// of each of its pages (a TIFF may hold several).
///
/// `dpi` is the image's resolution when known (it converts pixels to
/// points; 300 is assumed otherwise).
///
/// # Errors
/// [`OcrError`] for a timeout, the memory limit, or Tesseract failing.
pub fn recognise(
    exe: &Path,
    image: Vec<u8>,
    languages: &[String],
    dpi: Option<u32>,
    limits: &Limits,
    page: usize,
) -> Result<Vec<Vec<OcrLine>>, OcrError> {
    let mut cmd = Command::new(exe);
    cmd.args(["stdin", "stdout", "-l"])
        .arg(languages.join("+"))
        // Automatic page segmentation without orientation detection.
        .args(["--psm", "3"]);
    if let Some(d) = dpi {
        cmd.arg("--dpi").arg(d.to_string());
    }
    cmd.arg("tsv").env("OMP_THREAD_LIMIT", "1");
    let done = run_bounded(&mut cmd, Some(image), limits).map_err(|e| match e {
        BoundedError::Timeout { seconds, .. } => OcrError::PageTimeout { page, seconds },
        other => OcrError::Failed {
            page,
            detail: other.to_string(),
        },
    })?;
    // Its CPU limit is a time limit: a page past it timed out, it did not
    // fail.
    if done.out_of_cpu_time() {
        return Err(OcrError::PageTimeout {
            page,
            seconds: limits.timeout.as_secs_f64(),
        });
    }
    if done.out_of_memory() {
        return Err(OcrError::TooLarge {
            page,
            limit_mib: limits.memory_bytes / (1024 * 1024),
        });
    }
    if !done.status.success() {
        return Err(OcrError::Failed {
            page,
            detail: format!(
                "tesseract: {}: {}",
                done.describe_status(),
                done.last_stderr_line()
            ),
        });
    }
    Ok(parse_tsv(
        &String::from_utf8_lossy(&done.stdout),
        dpi.unwrap_or(300),
    ))
}

/// A gap between two words of a line wider than this many line heights
/// is a space ([`OcrWord::space_before`]). Tesseract's boxes of CJK words
/// are off by up to a character (`发` 19 px wide beside `湖州` 261 px at
/// 200 dpi), so a gap of a character is not told from none (`不 低于` would
/// break a bound). Measured on the 42 pages of eight scanned notices
/// (11,586 gaps): every gap inside running text, labels and headings
/// (`第十二条专项`, `第一章总则`) is below 1.5 line heights; all 23 above 2
/// part names side by side (a joint signature, 2.2 to 6.6), a 印发 line's
/// office and date, table cells and telephone numbers.
const WIDE_GAP: f32 = 2.0;

/// Reads Tesseract's TSV (level, page, block, paragraph, line, word, left,
/// top, width, height, confidence, text) into lines per page, positions
/// converted from pixels at `dpi` to points.
pub fn parse_tsv(tsv: &str, dpi: u32) -> Vec<Vec<OcrLine>> {
    let pt = |px: f32| px * 72.0 / dpi.max(1) as f32;
    type Key = (usize, usize, usize, usize);
    // Per page, lines in Tesseract's reading order (block, paragraph, line).
    let mut pages: BTreeMap<usize, Vec<(Key, OcrLine)>> = BTreeMap::new();
    // The right edge of the last word read, on its line.
    let mut last_right: Option<(Key, f32)> = None;
    for row in tsv.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        if f.len() < 12 {
            continue;
        }
        let n = |i: usize| f[i].trim().parse::<usize>().unwrap_or(0);
        let x = |i: usize| f[i].trim().parse::<f32>().unwrap_or(0.0);
        let key = (n(1), n(2), n(3), n(4));
        let lines = pages.entry(n(1)).or_default();
        match n(0) {
            4 => lines.push((
                key,
                OcrLine {
                    words: Vec::new(),
                    left: pt(x(6)),
                    right: pt(x(6) + x(8)),
                    top: pt(x(7)),
                    bottom: pt(x(7) + x(9)),
                    size: pt(x(9)),
                },
            )),
            5 => {
                let text = f[11..].join("\t");
                if text.trim().is_empty() {
                    continue;
                }
                if let Some((_, line)) = lines.iter_mut().rev().find(|(k, _)| *k == key) {
                    let (left, right) = (pt(x(6)), pt(x(6) + x(8)));
                    let space_before = matches!(last_right,
                        Some((k, r)) if k == key && left - r > WIDE_GAP * line.size);
                    last_right = Some((key, right));
                    line.words.push(OcrWord {
                        text: text.trim().to_string(),
                        confidence: x(10).max(0.0),
                        space_before,
                    });
                }
            }
            _ => {}
        }
    }
    pages
        .into_values()
        .map(|lines| {
            lines
                .into_iter()
                .map(|(_, line)| line)
                .filter(|l| !l.words.is_empty())
                .collect()
        })
        .collect()
}

/// Combines readings of one page made at different resolutions: lines in
/// the same place are the same line, and the reading with the highest mean
/// word confidence wins. Tesseract's errors depend on the scale (a line
/// read as `2025生2月229自` at one resolution is right at another), and its
/// confidence drops where it errs, so this removes most of them.
///
/// Reading order is the first reading's; a line only other readings found
/// goes after the first reading's line above it. A line fewer than half of
/// the readings found is dropped.
pub fn best_lines(readings: Vec<Vec<OcrLine>>) -> Vec<OcrLine> {
    // A line only a minority of readings saw is noise (a speck read as
    // `ti` at one scale), unless there is just one reading.
    let quorum = readings.len().div_ceil(2);
    let mut readings = readings.into_iter();
    let Some(first) = readings.next() else {
        return Vec::new();
    };
    // (order key, candidates)
    let mut clusters: Vec<(f32, Vec<OcrLine>)> = first
        .into_iter()
        .enumerate()
        .map(|(i, l)| (i as f32, vec![l]))
        .collect();
    let base = clusters.len();
    for reading in readings {
        let mut taken = vec![false; clusters.len()];
        for line in reading {
            let found = clusters.iter().enumerate().position(|(i, (_, c))| {
                !taken.get(i).copied().unwrap_or(true) && same_place(&c[0], &line)
            });
            match found {
                Some(i) => {
                    taken[i] = true;
                    clusters[i].1.push(line);
                }
                None => {
                    // After the last first-reading line above it.
                    let above = clusters[..base]
                        .iter()
                        .filter(|(_, c)| c[0].middle() < line.middle())
                        .map(|(k, _)| *k)
                        .fold(-1.0f32, f32::max);
                    let after = clusters
                        .iter()
                        .filter(|(k, _)| k.floor() == above && *k > above)
                        .count();
                    clusters.push((above + (after as f32 + 1.0) / 1000.0, vec![line]));
                    taken.push(true);
                }
            }
        }
    }
    clusters.sort_by(|a, b| a.0.total_cmp(&b.0));
    clusters
        .into_iter()
        .filter(|(_, c)| c.len() >= quorum)
        .filter_map(|(_, c)| {
            c.into_iter()
                .max_by(|a, b| a.mean_confidence().total_cmp(&b.mean_confidence()))
        })
        .collect()
}

/// Two lines of two readings are one line of the page: their middles are
/// within half a line height and they overlap across most of the shorter.
fn same_place(a: &OcrLine, b: &OcrLine) -> bool {
    let height = (a.bottom - a.top).max(b.bottom - b.top).max(1.0);
    let overlap = a.right.min(b.right) - a.left.max(b.left);
    let shorter = (a.right - a.left).min(b.right - b.left).max(1.0);
    (a.middle() - b.middle()).abs() < height / 2.0 && overlap > shorter / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext
1\t1\t0\t0\t0\t0\t0\t0\t1787\t2526\t-1\t
4\t1\t1\t1\t1\t0\t240\t344\t1274\t48\t-1\t
5\t1\t1\t1\t1\t1\t240\t344\t94\t44\t96.1\t科技
5\t1\t1\t1\t1\t2\t359\t344\t51\t44\t56.6\t型
5\t1\t1\t1\t1\t3\t436\t344\t19\t19\t96.4\t中
5\t1\t1\t1\t1\t4\t465\t357\t13\t44\t95\t 
4\t1\t1\t1\t2\t0\t241\t430\t1322\t49\t-1\t
5\t1\t1\t1\t2\t1\t692\t435\t49\t37\t93.1\t30
5\t1\t1\t1\t2\t2\t756\t431\t110\t44\t96.8\t萬元
";

    #[test]
    fn reads_words_lines_and_points() {
        let pages = parse_tsv(TSV, 216);
        assert_eq!(pages.len(), 1);
        let lines = &pages[0];
        assert_eq!(lines.len(), 2);
        let words: Vec<&str> = lines[0].words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(words, ["科技", "型", "中"]);
        assert_eq!(lines[0].words[1].confidence, 56.6);
        // 240 px at 216 dpi = 80 pt; the size is the line's height.
        assert!((lines[0].left - 80.0).abs() < 0.01);
        assert!((lines[0].size - 48.0 * 72.0 / 216.0).abs() < 0.01);
        assert!((lines[1].size - 49.0 * 72.0 / 216.0).abs() < 0.01);
    }

    /// Two names of a joint signature, as Tesseract read them at 200 dpi
    /// (a real scan's boxes: `湖州` 261 px wide, `市` inside it): the gap
    /// of six characters before the second is a space, the overlaps and the
    /// gaps inside each name are none.
    #[test]
    fn a_gap_of_several_characters_is_a_space() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext
4\t1\t5\t1\t1\t0\t322\t1649\t771\t46\t-1\t
5\t1\t5\t1\t1\t1\t322\t1653\t119\t42\t91.2\t湖州
5\t1\t5\t1\t1\t2\t441\t1649\t44\t46\t92.0\t市
5\t1\t5\t1\t1\t3\t486\t1653\t20\t42\t90.1\t科学
5\t1\t5\t1\t1\t4\t527\t1654\t29\t40\t93.3\t局
5\t1\t5\t1\t1\t5\t829\t1653\t261\t42\t95.0\t湖州
5\t1\t5\t1\t1\t6\t941\t1649\t43\t46\t96.1\t市
5\t1\t5\t1\t1\t7\t983\t1653\t79\t42\t94.2\t财政
5\t1\t5\t1\t1\t8\t1061\t1649\t32\t46\t95.5\t局
";
        let pages = parse_tsv(tsv, 200);
        let spaced: Vec<(&str, bool)> = pages[0][0]
            .words
            .iter()
            .map(|w| (w.text.as_str(), w.space_before))
            .collect();
        assert_eq!(
            spaced,
            [
                ("湖州", false),
                ("市", false),
                ("科学", false),
                ("局", false),
                ("湖州", true),
                ("市", false),
                ("财政", false),
                ("局", false)
            ]
        );
        let (text, conf) = crate::decode::pdf::repair::ocr_line(&pages[0][0].words);
        assert_eq!(text, "湖州市科学局 湖州市财政局");
        assert_eq!(conf.len(), 12);
    }

    #[test]
    fn keeps_the_most_confident_reading_of_each_line() {
        let line = |text: &str, conf: f32, top: f32| OcrLine {
            words: vec![OcrWord {
                text: text.into(),
                confidence: conf,
                space_before: false,
            }],
            left: 80.0,
            right: 500.0,
            top,
            bottom: top + 15.0,
            size: 15.0,
        };
        let a = vec![
            line("2025生2月229自", 20.0, 100.0),
            line("一、總則", 95.0, 130.0),
        ];
        let b = vec![
            line("2025年2月25日", 90.0, 101.0),
            line("一、總剛", 60.0, 131.0),
            line("(此件公開發布)", 93.0, 160.0),
        ];
        let best: Vec<String> = best_lines(vec![a, b.clone(), b])
            .into_iter()
            .map(|l| l.words[0].text.clone())
            .collect();
        assert_eq!(best, ["2025年2月25日", "一、總則", "(此件公開發布)"]);
    }

    #[test]
    fn package_names() {
        assert_eq!(language_package("chi_sim"), "tesseract-ocr-chi-sim");
        assert_eq!(language_package("HanT"), "tesseract-ocr-script-hant");
    }
}
