//! Text repair: positioned lines of a PDF become the paragraphs a web page
//! would show.
//!
//! What a PDF's text layer gives is the typesetting, not the text: one entry
//! per visual line, page numbers (`— 3 —`) between the halves of a wrapped
//! sentence, a gap between CJK and digits (`2025 年`), letter-spaced
//! headers (`杭 州 市 濱 江 區`), Kangxi radicals for ordinary ideographs.
//! This module undoes that in three steps:
//!
//! 1. each line is cleaned ([`repair_line`]): compatibility forms and odd
//!    punctuation folded ([`compat_char`], full-width ASCII kept as written),
//!    layout gaps around digits and inside spaced-out lines removed;
//! 2. page furniture is dropped: page numbers and lines repeated on most
//!    pages (running headers and footers);
//! 3. lines are joined into paragraphs from the layout of the page
//!    ([`Layout`]): the 公文 layout (GB/T 9704) indents a paragraph's first
//!    line by two characters, fills every other line to the right margin,
//!    and sets titles in a larger font. So a paragraph ends before an
//!    indented (or centred, or right-aligned) line, after a line that stops
//!    short of the right margin, where the font size changes, and before a
//!    section or clause marker; consecutive title-size lines are one
//!    paragraph (a title over three lines, a two-issuer header). Lines are
//!    joined with no space between CJK characters, so a number and its unit
//!    (`10\n億元`) or a unit name (`市\n發改委`) come back together, across
//!    page breaks too. A page laid out as a table (cells wrapping in
//!    columns) is not prose: it becomes one paragraph ([`table_pages`]).
//!
//! Text read by OCR comes in as words with a confidence; [`ocr_line`]
//! first makes a line of them and undoes what Tesseract gets wrong on CJK
//! print (spaces between characters, `O` in numbers, `一` for a dash, a
//! `[`/`口` for the `〔` of a 文號), keeping one character for one
//! character so each keeps its word's confidence. Then the same steps run.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::backend::{Line, Page};
use crate::decode::normalize::compat_char;

/// Page numbers as 公文 and other layouts print them: `— 3 —`, `-3-`,
/// `第3页`, `第 3 页 共 10 页`, `3/10`, `Page 3`.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            [—–\-－─]+ \s* \d{1,4} \s* [—–\-－─]+        # — 3 —
          | 第 \s* \d{1,4} \s* [页頁] (?:\s* [，,]? \s* 共 \s* \d{1,4} \s* [页頁])?  # 第3页 共10页
          | \d{1,4} \s* / \s* \d{1,4}                      # 3/10
          | (?i:page) \s* \d{1,4} (?:\s* (?i:of) \s* \d{1,4})?
        )$",
    )
    .expect("page number regex")
});

/// A bare number is a page number only at the top or bottom of a page.
static BARE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,4}$").expect("bare number regex"));

/// A line opening a section or clause: `一、`, `(一)`, `（一）`, `1.`, `1、`,
/// `(1)`, `第一條`/`第一条`, `附件`. `1.` must not be a decimal (`18.2億元`).
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            [一二三四五六七八九十百]+ 、                     # 一、
          | [(（] [一二三四五六七八九十百]+ [)）]            # (一)
          | [(（] \d{1,3} [)）]                               # (1)
          | \d{1,3} (?: 、 | [.．] [^\d] )                    # 1、 1.
          | 第 [一二三四五六七八九十百零〇\d]+ [條条章节節]   # 第一條
          | 附件 \s* \d* \s* [:：]?$                           # 附件 / 附件1
        )",
    )
    .expect("marker regex")
});

/// A 文號 alone on its line (`冀政办字〔2024〕45号`, `杭高新〔2025〕3 號`): a
/// header line of its own, whatever the layout (a 函 sets it flush with
/// the right margin, where a wrapped line would end).
static DOC_NUMBER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:\p{Han}\s*){1,12}[〔［\[(（]\s*(?:19|20)\d{2}\s*[〕］\])）]\s*\d{1,5}\s*[号號]\s*$",
    )
    .expect("doc number line regex")
});

/// Digits of a line, for telling running headers with page numbers apart.
static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+").expect("digits regex"));

/// A line repeated on at least this share of pages (and on 3 pages or more)
/// is a running header or footer.
const RUNNING_LINE_SHARE: f64 = 0.6;

/// A line whose left edge is this many body-font sizes right of the margin
/// is indented (a first line is indented by 2 em; justified lines start
/// within a fraction of a point of the margin).
const INDENT_EM: f32 = 0.75;

/// A line ending this many body-font sizes before the right margin is the
/// last line of its paragraph (a wrapped line misses the margin by less than
/// one character, even unjustified).
const SHORT_LINE_EM: f32 = 1.5;

/// Font sizes differing by more than this share of the body size are
/// different styles (title 22 pt, body 16 pt, footer 14 pt; bold text of
/// the same size differs by less than 0.5 pt).
const SIZE_CHANGE: f32 = 0.1;

/// Lines at least this share larger than the body font are title-size
/// ("display") lines: 2号 小标宋 titles (22 pt) and red issuer headers over
/// a 3号 (16 pt) body.
const DISPLAY_SIZE: f32 = 1.15;

/// CJK ideographs, punctuation and full-width forms (the characters a
/// Chinese page sets on a full em).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'
        | '\u{3000}'..='\u{303F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{20000}'..='\u{3FFFF}'
        | '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// Characters that stick to a neighbouring ideograph across a layout gap.
fn is_numeric(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '%' | '.' | '０'..='９' | '％')
}

/// Cleans one line of text: compatibility forms, white space, layout gaps.
pub fn repair_line(text: &str) -> String {
    // Fold radicals, compatibility ideographs and ꎬꎮꎻ; keep full-width
    // ASCII as the document wrote it (the web page of the same notice has
    // the same `（一）` and `：`), but make every white space a plain space.
    let folded: String = text
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => c,
            c if c.is_whitespace() => ' ',
            c => compat_char(c),
        })
        .collect();
    let collapsed = crate::decode::collapse_space(&folded);
    let chars: Vec<char> = collapsed.chars().collect();
    // A spaced-out line (`杭 州 市 濱 江 區`, justified by the typesetter)
    // has more single gaps between CJK characters than CJK neighbours.
    let (mut spaced, mut adjacent) = (0, 0);
    for i in 0..chars.len().saturating_sub(1) {
        if is_cjk(chars[i]) && is_cjk(chars[i + 1]) {
            adjacent += 1;
        }
        if i + 2 < chars.len() && is_cjk(chars[i]) && chars[i + 1] == ' ' && is_cjk(chars[i + 2]) {
            spaced += 1;
        }
    }
    let letter_spaced = spaced >= 2 && spaced > adjacent;
    let mut out = String::with_capacity(collapsed.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' && i > 0 && i + 1 < chars.len() {
            let (a, b) = (chars[i - 1], chars[i + 1]);
            // `2025 年`, `18.2 億元`, `第 3 條`: a gap of the layout, not
            // of the text.
            let digit_gap = (is_han(a) && is_numeric(b)) || (is_numeric(a) && is_han(b));
            if digit_gap || (letter_spaced && is_cjk(a) && is_cjk(b)) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Where the body text sits on the page, measured on the document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    /// Body font size (the size most characters have).
    pub size: f32,
    /// Left margin of body lines.
    pub left: f32,
    /// Right margin of body lines.
    pub right: f32,
}

/// The most frequent value (rounded to `step`), weighted; ties go to the
/// larger value when `prefer_larger` (a right margin), else to the smaller.
fn mode(items: impl Iterator<Item = (f32, usize)>, step: f32, prefer_larger: bool) -> Option<f32> {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for (v, w) in items {
        if v.is_finite() {
            *counts.entry((v / step).round() as i64).or_default() += w;
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(k, n)| (n, if prefer_larger { k } else { -k }))
        .map(|(k, _)| k as f32 * step)
}

impl Layout {
    /// Measures body size and margins from the lines of the whole document.
    pub fn measure(lines: &[&Line]) -> Option<Layout> {
        let weight = |l: &Line| l.text.chars().filter(|c| !c.is_whitespace()).count();
        let size = mode(lines.iter().map(|l| (l.size, weight(l))), 0.5, false)?;
        let body = || {
            lines
                .iter()
                .filter(move |l| (l.size - size).abs() <= SIZE_CHANGE * size)
        };
        let left = mode(body().map(|l| (l.left, 1)), 1.0, false)?;
        // The right margin: justified lines end at the same x. Lines that end
        // short vary; full lines all agree. (A one-page memo may have no two
        // lines alike: then the widest line marks the margin.)
        let right = mode(body().map(|l| (l.right, 1)), 1.0, true)?;
        let right = body()
            .map(|l| l.right)
            .filter(|r| (r - right).abs() <= size)
            .fold(right, f32::max);
        Some(Layout { size, left, right })
    }

    fn is_display(&self, l: &Line) -> bool {
        l.size >= self.size * DISPLAY_SIZE
    }

    /// Whether a paragraph ends between `prev` and `next`.
    ///
    /// A line ending in `:` is no break by itself: `(責任單位:` often ends
    /// a full line, while a 主送 line ending in `:` is short anyway. A 文號
    /// line is always a paragraph of its own.
    fn breaks(&self, prev: &Line, next: &Line, next_text: &str) -> bool {
        if MARKER.is_match(next_text)
            || DOC_NUMBER_LINE.is_match(next_text)
            || DOC_NUMBER_LINE.is_match(&prev.text)
        {
            return true;
        }
        if self.is_display(prev) && self.is_display(next) {
            return false;
        }
        if (prev.size - next.size).abs() > SIZE_CHANGE * self.size {
            return true;
        }
        next.left > self.left + INDENT_EM * self.size
            || prev.right < self.right - SHORT_LINE_EM * self.size
    }
}

/// A line's text with digits blanked, so `— 3 —`-like running lines with
/// changing numbers compare equal.
fn running_key(text: &str) -> String {
    DIGITS.replace_all(text, "#").into_owned()
}

/// How many lines at the top and bottom of a page may be page furniture.
const EDGE_LINES: usize = 2;

/// Drops page numbers and running headers/footers; returns the lines kept
/// with their page index, line index and repaired text.
pub fn drop_furniture(pages: &[Page]) -> Vec<(usize, usize, &Line, String)> {
    let edge = |i: usize, n: usize| i < EDGE_LINES || i + EDGE_LINES >= n;
    let mut seen_on: HashMap<String, usize> = HashMap::new();
    let repaired: Vec<Vec<String>> = pages
        .iter()
        .map(|p| p.lines.iter().map(|l| repair_line(&l.text)).collect())
        .collect();
    for page in &repaired {
        let mut keys: Vec<String> = page
            .iter()
            .enumerate()
            .filter(|(i, _)| edge(*i, page.len()))
            .map(|(_, t)| running_key(t))
            .collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *seen_on.entry(k).or_default() += 1;
        }
    }
    let running = |t: &str| {
        pages.len() >= 3
            && seen_on
                .get(&running_key(t))
                .is_some_and(|&n| n as f64 >= RUNNING_LINE_SHARE * pages.len() as f64)
    };
    let mut kept = Vec::new();
    for (p, (page, texts)) in pages.iter().zip(&repaired).enumerate() {
        let n = texts.len();
        for (i, (line, text)) in page.lines.iter().zip(texts).enumerate() {
            // The first page's 文號 is content even when later pages repeat
            // it in their running header.
            let first_doc_number = p == 0 && DOC_NUMBER_LINE.is_match(text);
            let furniture = PAGE_NUMBER.is_match(text)
                || (edge(i, n)
                    && (BARE_NUMBER.is_match(text) || (running(text) && !first_doc_number)));
            if !furniture && !text.is_empty() {
                kept.push((p, i, line, text.clone()));
            }
        }
    }
    kept
}

/// Whether `next` goes on the paragraph `par` whatever the layout says: a
/// line can end short of the margin inside a figure or a bracket when the
/// PDF sets a number as its own text run (`突破 100` / `亿元的…`) or a unit
/// list wraps early (`（责任单位：市经信局、市市场监` / `管局）`). A numbered
/// line always starts its own paragraph.
fn continues(par: &str, next: &str) -> bool {
    if MARKER.is_match(next) {
        return false;
    }
    let last = par.trim_end().chars().last();
    let first = next.trim_start().chars().next();
    if last.is_some_and(|c| c.is_ascii_digit())
        && first.is_some_and(|c| matches!(c, '万' | '萬' | '亿' | '億' | '元' | '%' | '％' | '‰'))
    {
        return true;
    }
    // An open bracket in the paragraph that this line closes (before it
    // opens another): the rest of a unit list or a note.
    let open = par.rfind(['（', '(']);
    let close = par.rfind(['）', ')']);
    let unclosed = match (open, close) {
        (Some(o), Some(c)) => o > c,
        (Some(_), None) => true,
        _ => false,
    };
    unclosed && {
        let closes = next.find(['）', ')']);
        let opens = next.find(['（', '(']);
        closes.is_some_and(|c| opens.is_none_or(|o| c < o))
    }
}

/// Appends a line to a paragraph: no space between CJK characters (or
/// between CJK and a digit); one space between two Latin words.
fn join_into(par: &mut String, text: &str) {
    let last = par.chars().last();
    let first = text.chars().next();
    if let (Some(a), Some(b)) = (last, first) {
        if a.is_ascii_alphanumeric()
            && b.is_ascii_alphanumeric()
            && !(is_numeric(a) && is_numeric(b))
        {
            par.push(' ');
        }
    }
    par.push_str(text);
}

/// A page is a table when at least this many left edges (4 pt buckets)
/// each start 3 lines or more: table cells wrap in columns. Prose pages have
/// at most two (the margin and the first-line indent): 0–2 on the binjiang
/// and football PDFs, 6–8 on every page of the jx table.
const TABLE_COLUMNS: usize = 4;

/// Whether each page is laid out as a table.
pub fn table_pages(pages: &[Page]) -> Vec<bool> {
    pages
        .iter()
        .map(|p| {
            let mut starts: HashMap<i64, usize> = HashMap::new();
            for l in &p.lines {
                *starts.entry((l.left / 4.0).round() as i64).or_default() += 1;
            }
            starts.values().filter(|&&n| n >= 3).count() >= TABLE_COLUMNS
        })
        .collect()
}

/// Paragraphs of a PDF and what the repair could not turn into prose.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Repaired {
    pub paragraphs: Vec<String>,
    /// Pages laid out as tables: each became one paragraph, in
    /// content-stream order (cells interleave; no extractor reads a table's
    /// rows), so their item numbers are not taken for clauses.
    pub table_pages: usize,
    /// For each paragraph, the `(page, line)` indices of the input lines it
    /// was joined from, in order. Its characters other than white space are
    /// exactly theirs, in order: the repair only drops and adds white space
    /// and maps one character to one (what lets OCR confidences follow).
    pub sources: Vec<Vec<(usize, usize)>>,
}

/// Turns the pages of a PDF into paragraphs (see the module doc).
pub fn paragraphs(pages: &[Page]) -> Repaired {
    let kept = drop_furniture(pages);
    let tables = table_pages(pages);
    let lines: Vec<&Line> = kept.iter().map(|(_, _, l, _)| *l).collect();
    let Some(layout) = Layout::measure(&lines) else {
        return Repaired::default();
    };
    let mut out: Vec<(String, Vec<(usize, usize)>)> = Vec::new();
    let mut prev: Option<(usize, &Line)> = None;
    for (page, index, line, text) in &kept {
        let table = tables.get(*page).copied().unwrap_or(false);
        let join = match prev {
            None => false,
            Some((pp, _)) if table => pp == *page,
            Some((pp, _)) if tables.get(pp).copied().unwrap_or(false) => false,
            Some((_, pl)) => {
                !layout.breaks(pl, line, text)
                    || out.last().is_some_and(|(par, _)| continues(par, text))
            }
        };
        match out.last_mut() {
            Some((par, from)) if join => {
                join_into(par, text);
                from.push((*page, *index));
            }
            _ => out.push((text.clone(), vec![(*page, *index)])),
        }
        prev = Some((*page, line));
    }
    let (paragraphs, sources) = out
        .into_iter()
        .map(|(p, from)| (repair_line(&p), from))
        .filter(|(p, _)| !p.is_empty())
        .unzip();
    Repaired {
        paragraphs,
        table_pages: tables.iter().filter(|&&t| t).count(),
        sources,
    }
}

// ---------------------------------------------------------------------------
// OCR text

/// A recognised word and Tesseract's confidence in it (0–100).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OcrWord {
    pub text: String,
    pub confidence: f32,
}

/// Numerals of Chinese dates and counts, between which `口`, `□`, `O`
/// and `0` stand for `〇` (`二口二五年`).
fn is_cjk_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Letters Tesseract reads for digits in a number: `O`/`o` for 0, `l`/`I`/`|`
/// for 1, and `口`/`□` (a square glyph) for 0.
fn digit_lookalike(c: char) -> Option<char> {
    match c {
        'O' | 'o' | '口' | '□' => Some('0'),
        'l' | 'I' | '|' => Some('1'),
        _ => None,
    }
}

/// Dash-like characters a range or a page number is printed with, and the
/// `一` Tesseract reads for them (the glyphs are one horizontal stroke).
fn is_dash_like(c: char) -> bool {
    matches!(c, '一' | '-' | '—' | '–' | '－' | '―' | '─' | '~')
}

/// Brackets Tesseract reads for the `〔〕` of a year in a 文號, and for the
/// round brackets of a clause label.
fn is_open_like(c: char) -> bool {
    matches!(
        c,
        '〔' | '[' | '【' | '［' | '(' | '（' | '「' | '〈' | '<' | '{' | '口' | '□'
    )
}

fn is_close_like(c: char) -> bool {
    matches!(
        c,
        '〕' | ']' | '】' | '］' | ')' | '）' | '」' | '〉' | '>' | '}' | '口' | '□'
    )
}

/// A page number as OCR reads `— 3 —`: dashes (or `一`) around digits.
static OCR_PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[一\-—–－―─~]{1,2}\s*\d{1,4}\s*[一\-—–－―─~]{1,2}$")
        .expect("OCR page number regex")
});

/// A year in brackets before a serial number and 號/号: the 文號 of a
/// 公文, whose year GB/T 9704 sets in 六角括號 `〔〕`.
static OCR_DOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<open> [〔\[【［(（「〈<{口□] ) \s*
        (?:19|20)\d{2} \s*
        (?P<close> [〕\]】］)）」〉>}口□] ) \s*
        \d{1,4} \s* [号號]",
    )
    .expect("OCR doc number regex")
});

/// Joins the words of one OCR line and repairs what Tesseract gets wrong on
/// CJK print. Returns the text and the confidence of each of its
/// characters other than white space (its word's).
///
/// Only one-for-one replacements and white space changes, so confidences
/// stay with their characters:
/// - words are joined without a space unless both sides are Latin letters
///   or digits (not two digits): Tesseract puts a space between most CJK
///   characters and splits `30` from `萬元`;
/// - full-width digits become ASCII (print does not tell them apart);
/// - in a number, `O`/`o`/`口`/`□` become `0` and `l`/`I`/`|` become `1`
///   (`2O25`, `1O萬元`); not inside a Latin word (`CO2`, `OPC`);
/// - between Chinese numerals, `口`/`□`/`O`/`0` become `〇` (`二口二五`);
/// - `一` between two digits is a range dash `—` (`15一20年`), and a
///   line of dashes around a number is a page number `—3—`;
/// - `-、` or `—、` opening a line is the section numeral `一、`, and a
///   dash alone in brackets opening a line is `(一)`;
/// - a year in brackets before a serial number and 號 takes the 文號's
///   `〔〕` (`[2025]3號`, `口2025口3號`);
/// - a clause label whose brackets do not pair (`(一]`, `【二)`) gets
///   round brackets, a three-character label numeral 十 in the middle
///   (`三二七`, `二+三`);
/// - a few strings the models misread and that are no Chinese
///   ([`OCR_CONFUSIONS`]: `文持` for `支持`, `南任單位` for `責任單位`).
pub fn ocr_line(words: &[OcrWord]) -> (String, Vec<f32>) {
    let mut chars: Vec<char> = Vec::new();
    let mut conf: Vec<f32> = Vec::new();
    for w in words {
        let text = w.text.trim();
        if text.is_empty() {
            continue;
        }
        if let (Some(&a), Some(b)) = (chars.last(), text.chars().next()) {
            let latin = |c: char| c.is_ascii_alphanumeric();
            if latin(a) && latin(b) && !(a.is_ascii_digit() && b.is_ascii_digit()) {
                chars.push(' ');
            }
        }
        for c in text.chars() {
            if !c.is_whitespace() {
                conf.push(w.confidence);
            }
            chars.push(c);
        }
    }
    fix_ocr_chars(&mut chars);
    fix_confusions(&mut chars);
    (chars.into_iter().collect(), conf)
}

/// The one-for-one character repairs of [`ocr_line`].
fn fix_ocr_chars(chars: &mut [char]) {
    let n = chars.len();
    for c in chars.iter_mut() {
        if let '０'..='９' = *c {
            *c = char::from_u32(*c as u32 - '０' as u32 + '0' as u32).unwrap_or(*c);
        }
    }
    // 文號 first: its brackets may be squares a number would swallow.
    let text: String = chars.iter().collect();
    let fixes: Vec<(usize, usize)> = OCR_DOC_NUMBER
        .captures_iter(&text)
        .filter_map(|c| Some((c.name("open")?.start(), c.name("close")?.start())))
        .map(|(o, c)| (text[..o].chars().count(), text[..c].chars().count()))
        .collect();
    for (o, c) in fixes {
        chars[o] = '〔';
        chars[c] = '〕';
    }
    // Numbers: a run of digits and look-alikes holding a real digit, not
    // touching a Latin letter on either side.
    let mut i = 0;
    while i < n {
        let in_run = |c: char| c.is_ascii_digit() || digit_lookalike(c).is_some() || c == '.';
        if !in_run(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && in_run(chars[i]) {
            i += 1;
        }
        let has_digit = chars[start..i].iter().any(char::is_ascii_digit);
        let latin_before = start > 0 && chars[start - 1].is_ascii_alphabetic();
        let latin_after = i < n && chars[i].is_ascii_alphabetic();
        if has_digit && !latin_before && !latin_after {
            let len = i - start;
            for (k, c) in chars[start..i].iter_mut().enumerate() {
                // A square at the edge of a number is rather a bracket
                // (`口2025口`) or a word (`人口5萬`) than a 0.
                let edge = k == 0 || k + 1 == len;
                if edge && matches!(*c, '口' | '□') {
                    continue;
                }
                if let Some(d) = digit_lookalike(*c) {
                    *c = d;
                }
            }
        }
    }
    for k in 1..n.saturating_sub(1) {
        let (a, b) = (chars[k - 1], chars[k + 1]);
        if matches!(chars[k], '口' | '□' | 'O' | '0') && is_cjk_numeral(a) && is_cjk_numeral(b) {
            chars[k] = '〇';
        }
        if chars[k] == '一' && a.is_ascii_digit() && b.is_ascii_digit() {
            chars[k] = '—';
        }
    }
    let text: String = chars.iter().collect();
    if OCR_PAGE_NUMBER.is_match(text.trim()) {
        for c in chars.iter_mut() {
            if is_dash_like(*c) {
                *c = '—';
            }
        }
        return;
    }
    // Line openings: `-、` is `一、`; `(-)` is `(一)`; unpaired label brackets.
    let first = chars.iter().position(|c| !c.is_whitespace());
    if let Some(f) = first {
        if f + 1 < n && is_dash_like(chars[f]) && matches!(chars[f + 1], '、' | '，' | ',') {
            chars[f] = '一';
        }
        if is_open_like(chars[f]) && !matches!(chars[f], '口' | '□') {
            let in_label = |c: char| is_cjk_numeral(c) || is_dash_like(c) || c == '+';
            let label_end = (f + 1..n).find(|&k| !in_label(chars[k]));
            if let Some(close) = label_end.filter(|&k| k > f + 1 && is_close_like(chars[k])) {
                if close == f + 2 && is_dash_like(chars[f + 1]) {
                    chars[f + 1] = '一';
                }
                for c in &mut chars[f + 1..close] {
                    if *c == '+' {
                        *c = '十';
                    }
                }
                // A numeral of three characters has 十 in the middle
                // (三十七); another numeral there is a misread stroke.
                if close == f + 4
                    && matches!(
                        chars[f + 1],
                        '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
                    )
                    && is_cjk_numeral(chars[f + 3])
                    && !matches!(chars[f + 3], '十' | '〇' | '零')
                {
                    chars[f + 2] = '十';
                }
                if (f + 1..close).all(|k| is_cjk_numeral(chars[k]))
                    && !brackets_pair(chars[f], chars[close])
                {
                    chars[f] = '(';
                    chars[close] = ')';
                }
            }
        }
    }
}

/// Misreadings of Tesseract's Chinese models (Debian's `fast` models) on
/// Song/Ming print, seen on the seed's scans and on the hand-made PDF
/// rendered by poppler: the wrong string is not Chinese in any context, the
/// right one is common in policy text. Same length: one character for one.
const OCR_CONFUSIONS: &[(&str, &str)] = &[
    ("文持", "支持"),
    ("文撐", "支撐"),
    ("文撑", "支撑"),
    ("南任單位", "責任單位"),
    ("南任单位", "责任单位"),
    ("页任单位", "责任单位"),
    ("頁任單位", "責任單位"),
];

/// Replaces the [`OCR_CONFUSIONS`] in a line.
fn fix_confusions(chars: &mut [char]) {
    for (wrong, right) in OCR_CONFUSIONS {
        let w: Vec<char> = wrong.chars().collect();
        let r: Vec<char> = right.chars().collect();
        let mut k = 0;
        while k + w.len() <= chars.len() {
            if chars[k..k + w.len()] == w[..] {
                chars[k..k + w.len()].copy_from_slice(&r);
                k += w.len();
            } else {
                k += 1;
            }
        }
    }
}

/// Whether two brackets make a pair as printed.
fn brackets_pair(open: char, close: char) -> bool {
    matches!(
        (open, close),
        ('(', ')')
            | ('（', '）')
            | ('(', '）')
            | ('（', ')')
            | ('[', ']')
            | ('【', '】')
            | ('［', '］')
            | ('〔', '〕')
            | ('「', '」')
            | ('〈', '〉')
            | ('<', '>')
            | ('{', '}')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line on a 16 pt body with margins 80..520.
    fn line(text: &str, left: f32, right: f32, size: f32) -> Line {
        Line {
            text: text.into(),
            left,
            right,
            size,
        }
    }
    fn body(text: &str) -> Line {
        line(text, 80.0, 520.0, 16.0)
    }
    fn first(text: &str) -> Line {
        line(text, 112.0, 520.0, 16.0)
    }
    fn last(text: &str) -> Line {
        line(text, 80.0, 300.0, 16.0)
    }
    fn pages(p: Vec<Vec<Line>>) -> Vec<Page> {
        p.into_iter().map(|lines| Page { lines }).collect()
    }

    #[test]
    fn drops_page_numbers_and_joins_across_the_page_break() {
        let doc = pages(vec![
            vec![
                first("對新認定的企業給予"),
                body("獎勵,對認定的市級企業給予"),
                line("— 2 —", 470.0, 520.0, 14.0),
            ],
            vec![
                line("—3—", 80.0, 120.0, 14.0),
                body("100 萬元獎勵。(責任單位:"),
                body("科技局、市"),
                last("發改委)"),
            ],
            vec![first("其他。"), line("- 4 -", 470.0, 520.0, 14.0)],
        ]);
        assert_eq!(
            paragraphs(&doc).paragraphs,
            [
                "對新認定的企業給予獎勵,對認定的市級企業給予100萬元獎勵。(責任單位:科技局、市發改委)",
                "其他。"
            ]
        );
    }

    #[test]
    fn rejoins_a_number_and_its_unit() {
        let doc = pages(vec![vec![first("全年預算安排 10"), last("億元。")]]);
        assert_eq!(paragraphs(&doc).paragraphs, ["全年預算安排10億元。"]);
    }

    #[test]
    fn rejoins_a_unit_name_split_by_a_wrap() {
        let doc = pages(vec![vec![
            first("支持重大項目建設。(責任單位:市"),
            last("發改委、市經信局)"),
        ]]);
        assert_eq!(
            paragraphs(&doc).paragraphs,
            ["支持重大項目建設。(責任單位:市發改委、市經信局)"]
        );
    }

    #[test]
    fn a_short_line_inside_a_figure_or_a_bracket_goes_on() {
        // The lines set by `last` end well short of the margin.
        let doc = pages(vec![vec![
            first("對符合條件的整車企業，按照其上一年度主營業務收入給予分"),
            body("檔獎勵，具體標準由市經信局會同市財政局另行制定並向社會公"),
            last("布，年收入突破 100"),
            last("億元的給予 1000 萬元獎勵。(責任單位:市經信局、市市場監"),
            last("管局)"),
            first("(二)支持研發。對新進入產品公告的新能源乘用車、商用車車"),
            body("型，分別給予每款 50 萬元、20 萬元獎勵，單個企業每年最高"),
            body("500 萬元，所需資金由市級財政按規定渠道統籌安排解決到位。"),
            last("(責任單位:市經信局)"),
            last("其他事項另行通知(見附件)。"),
            last("(市"),
            first("(三)加強保障。"),
        ]]);
        let ps = paragraphs(&doc).paragraphs;
        assert_eq!(ps.len(), 5, "{ps:?}");
        assert!(
            ps[0].contains("100億元") && ps[0].ends_with("市市場監管局)"),
            "{ps:?}"
        );
        // A closed bracket or a numbered line still ends the paragraph.
        assert!(ps[1].ends_with("(責任單位:市經信局)"), "{ps:?}");
        assert_eq!(ps[3], "(市", "{ps:?}");
    }

    #[test]
    fn the_first_pages_doc_number_stays_when_later_pages_repeat_it() {
        let later = |n: usize, t: &str| {
            vec![
                body("某政发〔2024〕9 号"),
                first(t),
                body("各单位要切实加强组织领导，明确责任分工，抓好工作落实。"),
                last(&format!("— {n} —")),
            ]
        };
        let doc = pages(vec![
            vec![
                last("某市人民政府文件"),
                last("某政发〔2024〕9 号"),
                first("各县（市、区）人民政府：现将有关事项通知如下。"),
                last("— 1 —"),
            ],
            later(2, "一是加强领导。"),
            later(3, "二是强化保障。"),
            later(4, "三是严格考核。"),
        ]);
        let ps = paragraphs(&doc).paragraphs;
        assert_eq!(
            ps.iter().filter(|p| p.contains("〔2024〕")).count(),
            1,
            "{ps:?}"
        );
        assert!(
            ps.iter().any(|p| p.starts_with("某政发〔2024〕9")),
            "{ps:?}"
        );
    }

    #[test]
    fn page_number_forms() {
        for s in ["— 3 —", "—3—", "- 3 -", "第3页", "第 3 页 共 10 页", "3/10"] {
            assert!(PAGE_NUMBER.is_match(s), "{s}");
        }
        assert!(!PAGE_NUMBER.is_match("一、總體要求"));
    }

    #[test]
    fn removes_layout_gaps() {
        assert_eq!(
            repair_line("杭 州 市 濱 江 區 人 民 政 府"),
            "杭州市濱江區人民政府"
        );
        assert_eq!(repair_line("全年預算安排 800 億元"), "全年預算安排800億元");
        assert_eq!(repair_line("2025 年 2 月 25 日"), "2025年2月25日");
        assert_eq!(repair_line("增長 18.2 %"), "增長18.2 %");
        // A real space between two words of a title stays.
        assert_eq!(
            repair_line("杭州高新開發區(濱江)管委會 政府印發"),
            "杭州高新開發區(濱江)管委會 政府印發"
        );
        // Radicals and odd punctuation from some fonts.
        assert_eq!(repair_line("⼈⺠政府ꎬ通知ꎮ"), "人民政府,通知。");
        assert_eq!(repair_line("（一）加强"), "（一）加强");
    }

    #[test]
    fn paragraph_ends_at_indent_short_line_marker_and_colon() {
        let doc = pages(vec![vec![
            body("各街道辦事處,區級機關各部門、各直屬單位:"),
            first("現將若干政策印發給你們,請認真貫徹"),
            last("執行。"),
            first("一、推進教育科技人才一體發展"),
            body("(一)強化企業科技創新主體地位。深入實施"),
            body("行動。"),
            body("1.支持企業研發,對研發投入"),
            last("給予獎勵。"),
        ]]);
        assert_eq!(
            paragraphs(&doc).paragraphs,
            [
                "各街道辦事處,區級機關各部門、各直屬單位:",
                "現將若干政策印發給你們,請認真貫徹執行。",
                "一、推進教育科技人才一體發展",
                "(一)強化企業科技創新主體地位。深入實施行動。",
                "1.支持企業研發,對研發投入給予獎勵。",
            ]
        );
    }

    #[test]
    fn a_title_over_three_lines_is_one_paragraph_and_signatures_stay_apart() {
        let doc = pages(vec![vec![
            line("杭高新〔2025〕3 號", 228.0, 372.0, 16.0),
            line("杭州高新開發區(濱江)管委會 政府印發", 113.0, 488.0, 22.0),
            line("關于推動經濟高質量發展的若干政策", 124.0, 476.0, 22.0),
            line("(2025 年版)的通知", 208.0, 392.0, 22.0),
            body("各街道辦事處:"),
            first("現將政策印發給你們,請認真貫徹執行,"),
            body("抓好落實,並結合實際,確保各項政策"),
            last("落地見效。"),
            line("杭州高新技術產業開發區管理委員會", 234.0, 490.0, 16.0),
            line("杭州市濱江區人民政府", 330.0, 490.0, 16.0),
            line("2025 年 2 月 25 日", 331.0, 458.0, 16.0),
            line("(此件公開發布)", 112.0, 218.0, 16.0),
        ]]);
        assert_eq!(
            paragraphs(&doc).paragraphs,
            [
                "杭高新〔2025〕3號",
                "杭州高新開發區(濱江)管委會 政府印發關于推動經濟高質量發展的若干政策(2025年版)的通知",
                "各街道辦事處:",
                "現將政策印發給你們,請認真貫徹執行,抓好落實,並結合實際,確保各項政策落地見效。",
                "杭州高新技術產業開發區管理委員會",
                "杭州市濱江區人民政府",
                "2025年2月25日",
                "(此件公開發布)",
            ]
        );
    }

    #[test]
    fn drops_a_running_header() {
        let p = |n: &str| {
            vec![
                line("杭州市人民政府辦公廳", 80.0, 240.0, 10.0),
                first(&format!("第{n}頁的正文,")),
                body("續行文字。"),
                line(&format!("- {n} -"), 280.0, 320.0, 10.0),
            ]
        };
        let doc = pages(vec![p("1"), p("2"), p("3")]);
        let ps = paragraphs(&doc).paragraphs;
        assert!(ps.iter().all(|p| !p.contains("辦公廳")), "{ps:?}");
    }

    #[test]
    fn a_table_page_is_one_paragraph() {
        let cell = |t: &str, x: f32| line(t, x, x + 60.0, 10.0);
        let mut lines = Vec::new();
        for row in 0..3 {
            for (i, x) in [60.0, 120.0, 200.0, 320.0].into_iter().enumerate() {
                lines.push(cell(
                    &format!("({})格{row}{i}", ["一", "二", "三", "四"][i]),
                    x,
                ));
            }
        }
        let doc = pages(vec![lines]);
        let r = paragraphs(&doc);
        assert_eq!(r.table_pages, 1);
        assert_eq!(r.paragraphs.len(), 1, "{:?}", r.paragraphs);
    }

    fn words(ws: &[&str]) -> Vec<OcrWord> {
        ws.iter()
            .map(|w| OcrWord {
                text: w.to_string(),
                confidence: 90.0,
            })
            .collect()
    }

    /// OCR repairs: each row is Tesseract's words and the line they make.
    const OCR_LINES: &[(&[&str], &str)] = &[
        (
            &["科技", "型", "中", "小", "企業", "給", "予", "30", "萬元"],
            "科技型中小企業給予30萬元",
        ),
        (&["AI", "OPC", "創新"], "AI OPC創新"),
        (&["2O25", "年"], "2025年"),
        (&["增長", "1O%"], "增長10%"),
        (&["CO2", "排放"], "CO2排放"),
        (&["人口", "5", "萬"], "人口5萬"),
        (&["二口二五", "年"], "二〇二五年"),
        (&["１２", "億元"], "12億元"),
        (&["15一20", "年"], "15—20年"),
        (&["一", "3", "一"], "—3—"),
        (&["-、", "總", "體"], "一、總體"),
        (&["(-)", "加", "強"], "(一)加強"),
        (&["(三二七)", "開展"], "(三十七)開展"),
        (&["(二+三)", "做優"], "(二十三)做優"),
        (&["(四十五)", "支持"], "(四十五)支持"),
        (&["【一)", "加強"], "(一)加強"),
        (
            &["杭", "高", "新", "[2025]", "3", "號"],
            "杭高新〔2025〕3號",
        ),
        (&["浙政發", "口2025口", "3", "号"], "浙政發〔2025〕3号"),
        (&["(2025", "年", "版)"], "(2025年版)"),
        (&["一", "企業", "一", "高新"], "一企業一高新"),
        (
            &["文持", "企業", "。(", "南任", "單位", ":"],
            "支持企業。(責任單位:",
        ),
        (&["公文", "出台"], "公文出台"),
    ];

    #[test]
    fn ocr_lines_are_repaired() {
        for (ws, want) in OCR_LINES {
            let (text, conf) = ocr_line(&words(ws));
            assert_eq!(text, *want, "{ws:?}");
            assert_eq!(
                conf.len(),
                text.chars().filter(|c| !c.is_whitespace()).count()
            );
        }
    }

    #[test]
    fn confidences_stay_with_their_characters() {
        let ws = vec![
            OcrWord {
                text: "給予".into(),
                confidence: 95.0,
            },
            OcrWord {
                text: "3O".into(),
                confidence: 41.0,
            },
            OcrWord {
                text: "萬元".into(),
                confidence: 93.0,
            },
        ];
        let (text, conf) = ocr_line(&ws);
        assert_eq!(text, "給予30萬元");
        assert_eq!(conf, [95.0, 95.0, 41.0, 41.0, 93.0, 93.0]);
    }

    #[test]
    fn paragraphs_know_their_lines() {
        let doc = pages(vec![vec![
            first("全年預算安排 10"),
            last("億元。"),
            first("其他。"),
        ]]);
        let r = paragraphs(&doc);
        assert_eq!(r.sources, [vec![(0, 0), (0, 1)], vec![(0, 2)]]);
    }
}
