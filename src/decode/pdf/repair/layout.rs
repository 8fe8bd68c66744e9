//! Step 3 of the repair: where a paragraph breaks. The body font,
//! margins and indents measured on the document ([`Layout`]), the 公文 rules that end a
//! paragraph (indent, short line, size change, a section or clause
//! marker, a 文號 line), what overrides them (a figure or a bracket left
//! open), how two lines join, and which pages are tables. The joining
//! itself is [`super::paragraphs`].

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::line::{closes_bracket, ends_sentence, is_cjk, is_han, is_numeric};
use crate::decode::pdf::backend::{Line, Page};
use crate::vocab;

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
pub(super) static DOC_NUMBER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:\p{Han}\s*){1,12}[〔［\[(（]\s*(?:19|20|１９|２０)\d{2}\s*[〕］\])）]\s*\d{1,5}\s*[号號]\s*$",
    )
    .expect("doc number line regex")
});

/// A line whose left edge is this many body-font sizes right of the margin
/// is indented (a first line is indented by 2 em; justified lines start
/// within a fraction of a point of the margin), unless the document's own
/// lines say otherwise ([`Layout::measure_indents`]).
const INDENT_EM: f32 = 0.75;

/// The most a measured indent threshold may be: a paragraph's first line
/// is indented by 2 em, so a threshold past this would take it for a
/// wrapped line.
const MAX_INDENT_EM: f32 = 1.75;

/// Fewest wrapped lines and paragraph starts (of one kind: full or short)
/// a document must show for its indent threshold to be measured; with
/// fewer, [`INDENT_EM`] holds.
const MIN_INDENT_SAMPLES: usize = 3;

/// Offsets from the margin (in ems) past this are no indent of a prose
/// line: a centred heading, a right-aligned signature.
const MAX_SAMPLE_EM: f32 = 4.0;

/// A line ending this many body-font sizes before the right margin is the
/// last line of its paragraph (a wrapped line misses the margin by less than
/// one character, even unjustified).
const SHORT_LINE_EM: f32 = 1.5;

/// A line that stops mid-sentence (on an ideograph, a digit, a comma) up
/// to this many body-font sizes short of the margin is still a wrapped
/// line: ragged-right text (no justification) wraps before what does not
/// fit, a number (`突破` / `8000亿元`) or a character with the
/// punctuation that may not start a line, and a text dump printed as it
/// was wrapped counts a space as half an em where the font sets a quarter.
/// A paragraph's last line ends its sentence, so it may end anywhere.
const RAGGED_LINE_EM: f32 = 2.5;

/// Room (body-font sizes) at the end of a line that ends a sentence in
/// which the next line's first ideograph would have fit: the sentence's
/// paragraph ended there (an ideograph takes one; a little more for a
/// justified line's rounding).
const ROOM_LEFT_EM: f32 = 1.2;

/// A line at most this many body-font sizes wide that goes on a sentence
/// is what a wrap pushed past the margin (`1%`, `其`, `亿元以` / `上`):
/// a writer that cannot break a line where its source did sets the
/// overflow as a line of its own, and the sentence goes on below it.
const OVERFLOW_EM: f32 = 3.0;

/// A line stretched this many ems wider than its characters set (beyond
/// what the document's full lines are stretched) that ends its sentence
/// (`。` `；` `）`, not the `》` of a title a wrap moved) and is no
/// wrap's overflow ([`OVERFLOW_EM`]) is a paragraph's last line justified
/// to the margin: Word's 两端对齐
/// before a manual line break, CSS `text-align-last: justify`, 分散对齐.
/// A wrapped line is stretched by a fraction of an em per gap it has, a
/// line of spaced digits (`2025 年 4 月 1 日起施行`) by up to about 4.
const STRETCHED_EM: f32 = 4.0;

/// Full lines ending within this many body-font sizes of the most common
/// right edge count as ending at the margin when measuring it.
const RIGHT_MARGIN_SPREAD: f32 = 0.5;

/// Lines a box set inside the text block needs ([`Layout::boxes`]): its
/// heading and a wrapped line at least.
const MIN_BOX_LINES: usize = 3;

/// Font sizes differing by more than this share of the body size are
/// different styles (title 22 pt, body 16 pt, footer 14 pt; bold text of
/// the same size differs by less than 0.5 pt).
const SIZE_CHANGE: f32 = 0.1;

/// Lines at least this share larger than the body font are title-size
/// ("display") lines: 2号 小标宋 titles (22 pt) and red issuer headers over
/// a 3号 (16 pt) body.
const DISPLAY_SIZE: f32 = 1.15;

/// Where the body text sits on the page, measured on the document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    /// Body font size (the size most characters have).
    pub size: f32,
    /// Left margin of body lines.
    pub left: f32,
    /// Right margin of body lines.
    pub right: f32,
    /// How much wider than their characters set (see [`natural_em`]) the
    /// body's full lines are, in ems (first quartile): what the font's own
    /// widths and a wrapped line's justification add.
    pub stretch: f32,
    /// How far right of `left`, in ems, a line reaching the right margin
    /// must start to be indented ([`Layout::measure_indents`]).
    pub indent_full: f32,
    /// The same for a line ending short of the margin.
    pub indent_short: f32,
}

/// Width in ems a line's characters take set solid (white space left
/// out): ideographs, full-width forms and the punctuation a text layer
/// maps to ASCII (`,` `(` `:` for a full-width glyph) one, other ASCII and
/// half-width forms a half.
fn natural_em(text: &str) -> f32 {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            ',' | ';' | ':' | '(' | ')' | '!' | '?' => 1.0,
            c if c.is_ascii() => 0.5,
            '\u{FF61}'..='\u{FFDC}' => 0.5,
            c if is_cjk(c) || ('\u{2018}'..='\u{201F}').contains(&c) => 1.0,
            _ => 0.5,
        })
        .sum()
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
        // short vary; full lines all agree. A line counts by its ideographs
        // (and one), so prose decides, not a table of contents' or a
        // table's rows, which may be as many and end elsewhere. (A one-page
        // memo may have no two lines alike: then the line with the most
        // ideographs marks the margin, and the widest within half an em of
        // it: ragged-right lines end up to an em or two apart, and the
        // widest of them would make the others short.)
        let han = |l: &Line| 1 + l.text.chars().filter(|&c| is_han(c)).count();
        let right = mode(body().map(|l| (l.right, han(l))), 1.0, true)?;
        let right = body()
            .map(|l| l.right)
            .filter(|r| (r - right).abs() <= RIGHT_MARGIN_SPREAD * size)
            .fold(right, f32::max);
        let mut stretch: Vec<f32> = body()
            .filter(|l| (l.right - right).abs() <= RIGHT_MARGIN_SPREAD * size)
            .map(|l| (l.right - l.left) / size - natural_em(&l.text))
            .filter(|d| d.is_finite())
            .collect();
        // Justification only widens a line: the narrower ones show what
        // the font alone adds (a document of one-line paragraphs all
        // justified has more stretched lines than not).
        stretch.sort_by(f32::total_cmp);
        let stretch = stretch.get(stretch.len() / 4).copied().unwrap_or(0.0);
        Some(Layout {
            size,
            left,
            right,
            stretch,
            indent_full: INDENT_EM,
            indent_short: INDENT_EM,
        })
    }

    /// The boxes set inside the text block (a 专栏 of projects, a boxed
    /// note), each measured as a text block of its own: a run of
    /// [`MIN_BOX_LINES`] or more consecutive lines of one page (`lines`:
    /// each line's page), in one size other than the body's and short of
    /// a title's (a title's lines are centred, not wrapped), every line
    /// starting an em or more right of the body's left margin and ending
    /// an em or more short of its right margin, two or more ending at the
    /// run's right edge. A box's lines wrap at its own margins: measured on
    /// the page's, each of its wrapped lines starts indented and every one
    /// would be a paragraph (`…控制在50万元以` / `内。`). Returns each line's
    /// box, if any, and the boxes' layouts.
    pub fn boxes(&self, lines: &[(usize, &Line)]) -> (Vec<Option<usize>>, Vec<Layout>) {
        let inset = |l: &Line| {
            !self.is_body(l)
                && !self.is_display(l)
                && l.left >= self.left + self.size
                && l.right <= self.right - self.size
        };
        let mut of_line = vec![None; lines.len()];
        let mut boxes = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            let (page, first) = lines[i];
            if !inset(first) {
                i += 1;
                continue;
            }
            let end = i + lines[i..]
                .iter()
                .take_while(|(p, l)| {
                    *p == page
                        && inset(l)
                        && (l.size - first.size).abs() <= SIZE_CHANGE * first.size
                })
                .count();
            let run = &lines[i..end];
            let left = run.iter().map(|(_, l)| l.left).fold(f32::MAX, f32::min);
            let right = run.iter().map(|(_, l)| l.right).fold(f32::MIN, f32::max);
            let at_right = run
                .iter()
                .filter(|(_, l)| right - l.right <= RIGHT_MARGIN_SPREAD * first.size)
                .count();
            if run.len() >= MIN_BOX_LINES && at_right >= 2 {
                of_line[i..end].fill(Some(boxes.len()));
                boxes.push(Layout {
                    size: first.size,
                    left,
                    right,
                    stretch: 0.0,
                    indent_full: INDENT_EM,
                    indent_short: INDENT_EM,
                });
            }
            i = end;
        }
        (of_line, boxes)
    }

    /// Sets the indent thresholds from the document's own lines: `pairs`
    /// are consecutive lines of a prose page (`prev`, `next`).
    ///
    /// A print of a text dump justifies its full lines by widening the
    /// spaces, the leading ones too: its wrapped lines start anywhere up
    /// to an em or more right of the margin, and its first lines two ems
    /// or more, while its short lines (a paragraph's last, set unjustified)
    /// start at the margin or a one-em indent. So no one threshold serves
    /// every print. The document shows both kinds of line: after a full
    /// line that stops mid-sentence comes a wrapped line; after a short
    /// line that ends its sentence, a paragraph's first. The threshold
    /// kept, for full and for short lines apart, is the one that tells
    /// the most of them apart (ties: the one in the widest gap between
    /// them); [`INDENT_EM`] stays unless another does strictly better, so
    /// a print whose wrapped lines start at the margin keeps it.
    pub fn measure_indents<'a>(
        mut self,
        pairs: impl Iterator<Item = (&'a Line, &'a Line)>,
    ) -> Layout {
        let mut wrapped: [Vec<f32>; 2] = [Vec::new(), Vec::new()];
        let mut first: [Vec<f32>; 2] = [Vec::new(), Vec::new()];
        for (prev, next) in pairs {
            if !self.is_body(prev) || !self.is_body(next) {
                continue;
            }
            let next_text = next.text.trim();
            let Some(last) = prev.text.trim_end().chars().last() else {
                continue;
            };
            if next_text.is_empty() {
                continue;
            }
            let offset = (next.left - self.left) / self.size;
            if !offset.is_finite() || !(-0.5..=MAX_SAMPLE_EM).contains(&offset) {
                continue;
            }
            let kind = usize::from(self.is_full(next));
            let short_by = (self.right - prev.right) / self.size;
            if self.is_full(prev) && goes_on(last) && !MARKER.is_match(next_text) {
                wrapped[kind].push(offset);
            } else if short_by > SHORT_LINE_EM && ends_sentence(last) {
                first[kind].push(offset);
            }
        }
        let [short, full] = wrapped;
        let [first_short, first_full] = first;
        self.indent_short = indent_threshold(&short, &first_short);
        self.indent_full = indent_threshold(&full, &first_full);
        self
    }

    fn is_body(&self, l: &Line) -> bool {
        (l.size - self.size).abs() <= SIZE_CHANGE * self.size
    }

    /// Whether a line reaches the right margin.
    fn is_full(&self, l: &Line) -> bool {
        self.right - l.right <= RIGHT_MARGIN_SPREAD * self.size
    }

    fn is_display(&self, l: &Line) -> bool {
        l.size >= self.size * DISPLAY_SIZE
    }

    /// Whether a paragraph ends between `prev` and `next`.
    ///
    /// A line ending in `:` is no break by itself: `(責任單位:` often ends
    /// a full line, while a 主送 line ending in `:` is short anyway. A 文號
    /// line is always a paragraph of its own.
    pub(super) fn breaks(&self, prev: &Line, next: &Line, next_text: &str) -> bool {
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
        self.is_indented(next) || self.ends_short(prev) || self.room_left(prev, next_text)
    }

    /// Whether `prev` ends a sentence (or a statement's bracket) with room
    /// left for the ideograph `next` opens with: more than
    /// [`ROOM_LEFT_EM`], where it would have been set had the sentence
    /// gone on (a print without first-line indents shows a paragraph's end
    /// only so). Not when that ideograph has a mark after it that may not
    /// open a line, which the wrap carries down with it.
    fn room_left(&self, prev: &Line, next_text: &str) -> bool {
        let short_by = (self.right - prev.right) / self.size;
        let ends = prev
            .text
            .trim_end()
            .ends_with(['。', '；', ';', '）', ')', '！', '？']);
        let mut next = next_text.trim_start().chars();
        let opens = next.next().is_some_and(is_han)
            && next.next().is_none_or(|c| {
                !ends_sentence(c) && !matches!(c, '，' | '、' | '）' | ')' | '”' | '：')
            });
        ends && opens && short_by > ROOM_LEFT_EM
    }

    fn is_indented(&self, l: &Line) -> bool {
        let indent = if self.is_full(l) {
            self.indent_full
        } else {
            self.indent_short
        };
        l.left > self.left + indent * self.size
    }

    /// Whether `prev` ends short of the margin, so ends its paragraph: by
    /// more than [`SHORT_LINE_EM`], or by more than [`RAGGED_LINE_EM`]
    /// when it stops mid-sentence; or would have, set solid, and ends its
    /// sentence ([`STRETCHED_EM`]).
    fn ends_short(&self, prev: &Line) -> bool {
        let short_by = (self.right - prev.right) / self.size;
        let last = prev.text.trim_end().chars().last();
        let mid_sentence = last.is_some_and(goes_on);
        let natural = natural_em(&prev.text);
        let stretched = last.is_some_and(|c| ends_sentence(c) || matches!(c, '）' | ')'))
            && natural > OVERFLOW_EM
            && (prev.right - prev.left) / self.size - natural - self.stretch > STRETCHED_EM;
        // Where justification widens the full lines to the margin, a line
        // it left alone (a dump's first line, wrapped two ems early for an
        // indent the dump lost) ends short by that much more.
        let ragged = RAGGED_LINE_EM + self.stretch.max(0.0);
        stretched || short_by > if mid_sentence { ragged } else { SHORT_LINE_EM }
    }

    /// Whether `prev`, a line of the paragraph `par` but not its first
    /// (and on the page of the line before it and of `next`: a heading
    /// joined over a page break is no overflow), is the overflow of a wrap (see [`OVERFLOW_EM`]) that `next`, a line
    /// at the margin, goes on from: a tiny line, at the margin too, in the
    /// body font, with the sentence still open.
    pub(super) fn overflows(&self, par: &str, prev: &Line, next: &Line, next_text: &str) -> bool {
        !MARKER.is_match(next_text)
            && self.is_body(prev)
            && self.is_body(next)
            && !self.is_indented(prev)
            && !self.is_indented(next)
            && prev.right - prev.left <= OVERFLOW_EM * self.size
            && par.trim_end().chars().last().is_some_and(goes_on)
    }
}

/// The indent threshold (ems right of the margin) that best tells apart
/// the offsets of `wrapped` lines (at most the threshold) from those of
/// paragraphs' `first` lines (past it): the fewest lines on the wrong
/// side, then the widest gap around it. [`INDENT_EM`] unless one up to
/// [`MAX_INDENT_EM`] leaves strictly fewer on the wrong side, or when
/// either kind has fewer than [`MIN_INDENT_SAMPLES`] lines.
fn indent_threshold(wrapped: &[f32], first: &[f32]) -> f32 {
    if wrapped.len() < MIN_INDENT_SAMPLES || first.len() < MIN_INDENT_SAMPLES {
        return INDENT_EM;
    }
    // Sorted, so each count is a binary search: a long document's
    // thousands of distinct offsets stay cheap to try.
    let sorted = |v: &[f32]| {
        let mut v = v.to_vec();
        v.sort_by(f32::total_cmp);
        v
    };
    let (wrapped, first) = (sorted(wrapped), sorted(first));
    let wrong = |t: f32| {
        (wrapped.len() - wrapped.partition_point(|&o| o <= t)) + first.partition_point(|&o| o <= t)
    };
    // The threshold must fall between the typical wrapped line and the
    // typical first line: where first lines sit left of wrapped ones (a
    // table of contents' rows taken for wrapped lines, a print that sets
    // no indent), no threshold reads the layout.
    let (low, high) = (median(&wrapped), median(&first));
    let mut offsets: Vec<f32> = wrapped.iter().chain(&first).copied().collect();
    offsets.sort_by(f32::total_cmp);
    offsets.dedup();
    // Candidates: midway between two neighbouring offsets, in range.
    let best = offsets
        .windows(2)
        .map(|w| ((w[0] + w[1]) / 2.0, w[1] - w[0]))
        .filter(|&(t, _)| t > INDENT_EM && t <= MAX_INDENT_EM && t > low && t < high)
        .min_by(|a, b| wrong(a.0).cmp(&wrong(b.0)).then(b.1.total_cmp(&a.1)));
    match best {
        Some((t, _)) if wrong(t) < wrong(INDENT_EM) => t,
        _ => INDENT_EM,
    }
}

/// The middle value of sorted `values` (the upper one of an even count).
fn median(values: &[f32]) -> f32 {
    values.get(values.len() / 2).copied().unwrap_or(f32::NAN)
}

/// Whether a line or paragraph ending in `c` stops mid-sentence: on an
/// ideograph, a digit or a letter, a percent sign, a comma or an enumeration
/// comma, an opening bracket or quote.
fn goes_on(c: char) -> bool {
    is_han(c)
        || c.is_ascii_alphanumeric()
        || matches!(
            c,
            '，' | ',' | '、' | '%' | '％' | '（' | '(' | '“' | '《' | '０'..='９'
        )
}

/// Words that bound the figure after them (GOLD.md's qualifiers, both
/// scripts): a line ending in one goes on with the figure.
const BOUND_WORDS: [&str; 24] = [
    "突破",
    "超过",
    "超過",
    "不低于",
    "不低於",
    "不少于",
    "不少於",
    "不高于",
    "不高於",
    "不超过",
    "不超過",
    "最高",
    "最低",
    "上限为",
    "上限為",
    "高于",
    "高於",
    "低于",
    "低於",
    "至少",
    "达到",
    "達到",
    "约",
    "約",
];

/// The digits of a figure written in Chinese numerals.
const CHINESE_NUMERALS: &str = "〇零一二三四五六七八九十两百千壹贰叁肆伍陆柒捌玖拾佰仟貳參陸";

/// Whether `next` goes on the paragraph `par` whatever the layout says: a
/// line can end short of the margin inside a figure or a bracket when the
/// PDF sets a number as its own text run (`突破 100` / `亿元的…`) or a unit
/// list wraps early (`（责任单位：市经信局、市市场监` / `管局）`). A numbered
/// line always starts its own paragraph.
pub(super) fn continues(par: &str, next: &str) -> bool {
    if MARKER.is_match(next) {
        return false;
    }
    // A figure and its unit: `突破 100` / `亿元`, `不少于5亿` / `元，`.
    let figure = par.trim_end().trim_end_matches(vocab::SCALE_WORDS);
    let scaled = figure.len() < par.trim_end().len();
    let last = figure.chars().last();
    let first = next.trim_start().chars().next();
    // A figure in Chinese numerals (`处三万元以上二十` / `万元以下罚款`):
    // two numerals or more, or one that only a figure ends on (`十`), so a
    // word ending in one (`统一` / `元旦`) is no figure.
    let numerals = par
        .trim_end()
        .chars()
        .rev()
        .take_while(|c| CHINESE_NUMERALS.contains(*c))
        .count();
    let chinese = numerals >= 2 || par.trim_end().ends_with(['十', '拾']);
    if (last.is_some_and(|c| c.is_ascii_digit()) || chinese)
        && first.is_some_and(|c| {
            matches!(c, '元' | '美' | '欧' | '港')
                || (!scaled && matches!(c, '万' | '萬' | '亿' | '億' | '%' | '％' | '‰'))
        })
    {
        return true;
    }
    // A figure's bound word split by the wrap (`增长7%左` / `右，`, `50万元以`
    // / `内`), in a cell or a box that ends short of the margin.
    if ends_in_figure_word(par.trim_end(), next.trim_start()) {
        return true;
    }
    // A bound word and the figure it bounds (`首次突破` / `500万元、1000万元`):
    // no sentence ends on a word that wants its figure.
    if first.is_some_and(|c| c.is_ascii_digit() || matches!(c, '０'..='９'))
        && BOUND_WORDS.iter().any(|w| par.trim_end().ends_with(w))
    {
        return true;
    }
    // A range's low end and its mark, the high end on the next line (a
    // table's cell wrapped: `500万元（含）—` / `1000万元`, `200万元（含）至` /
    // `1000万元`): no sentence ends on a range mark.
    if first.is_some_and(|c| c.is_ascii_digit()) && ends_in_range_mark(par) {
        return true;
    }
    // An open bracket in the paragraph that this line closes (before it
    // opens another): the rest of a unit list or a note, also one whose
    // own brackets closed before the line ended (`（省自然资源厅牵头，各市
    // （州）` / `人民政府配合）`).
    let depth = par.chars().fold(0u32, |d, c| match c {
        '（' | '(' => d + 1,
        '）' | ')' => d.saturating_sub(1),
        _ => d,
    });
    let unclosed = depth > 0;
    unclosed && {
        let closes = next.find(['）', ')']);
        let opens = next.find(['（', '(']);
        closes.is_some_and(|c| opens.is_none_or(|o| c < o))
    }
}

/// Words written right after a figure to bound it (GOLD.md's `以上`,
/// `左右`…), which a wrap may split.
const AFTER_FIGURE_WORDS: &[&str] = &[
    "及以上",
    "及以下",
    "左右",
    "上下",
    "以上",
    "以下",
    "以内",
    "之内",
    "为限",
];

/// Whether `par` ends in a figure and the first characters of a word
/// bounding it, and `next` starts with the word's rest (`7%左` / `右`).
fn ends_in_figure_word(par: &str, next: &str) -> bool {
    AFTER_FIGURE_WORDS.iter().any(|w| {
        w.char_indices().skip(1).any(|(k, _)| {
            let (head, rest) = w.split_at(k);
            next.starts_with(rest)
                && par.strip_suffix(head).is_some_and(|before| {
                    before.ends_with(|c: char| {
                        c.is_ascii_digit()
                            || matches!(c, '元' | '%' | '％')
                            || vocab::is_scale_word(c)
                    })
                })
        })
    })
}

/// Whether a paragraph ends in a figure (`500万元`, `30%`, `500万元（含）`)
/// and a range mark after it (`—`, `～`, `至`).
fn ends_in_range_mark(par: &str) -> bool {
    let par = par.trim_end();
    let Some(low) = vocab::RANGE_MARKS.iter().find_map(|m| par.strip_suffix(m)) else {
        return false;
    };
    let low = low.trim_end();
    let low = ["（含）", "(含)"]
        .iter()
        .find_map(|w| low.strip_suffix(w))
        .unwrap_or(low)
        .trim_end();
    low.ends_with(|c: char| {
        c.is_ascii_digit() || matches!(c, '元' | '%' | '％') || vocab::is_scale_word(c)
    })
}

/// Whether a paragraph is a 主送 list: names of bodies ending in `：`
/// outside any bracket (`…发展改革委，…（州）发展改革委：`), not a sentence
/// that introduces a list (`通知如下：`) nor an open statement
/// (`（责任单位：`). Such a line can fill the width and still end its
/// paragraph.
pub(crate) fn ends_addressees(par: &str) -> bool {
    let Some(body) = par.trim_end().strip_suffix(['：', ':']) else {
        return false;
    };
    let depth = body.chars().fold(0i32, |d, c| match c {
        '（' | '(' => d + 1,
        '）' | ')' => d - 1,
        _ => d,
    });
    depth == 0
        && !body.contains(['。', '；', ';'])
        && body.contains(['、', '，', ','])
        && body
            .chars()
            .last()
            .is_some_and(|c| "委局府厅部会位门院司办室构业处关团校".contains(c))
}

/// Whether a paragraph is a notice's title (`…关于…的通知`), which ends
/// its paragraph even when it fills the width: in a text dump the 主送
/// under it has no larger type or indent to tell them apart. A title holds
/// no sentence's punctuation, and a 《 it opens is closed (a sentence
/// citing `《国务院关于…的通知》` wraps inside the 《》).
pub(super) fn ends_title(par: &str) -> bool {
    static TITLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[^，。；：,;:!?！？]{0,60}关于[^，。；：,;:!?！？]{2,100}的(?:通知|通报|意见|实施意见|指导意见|决定|批复|复函|函|公告|通告|报告|请示)$")
            .expect("valid regex")
    });
    let par = par.trim_end();
    TITLE.is_match(par) && par.matches('《').count() == par.matches('》').count()
}

/// A date alone (`2025年4月18日`, `二〇二五年四月十八日`): a signature's
/// date line, as the repaired line reads it (the layout's gaps gone, or
/// letter-spaced digits left).
static DATE_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:\d(?:\s?\d){3}|[〇零一二三四五六七八九○](?:\s?[〇零一二三四五六七八九○]){3})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,4}\s*日\s*$",
    )
    .expect("date regex")
});

/// Words that go on after a date in the same phrase (`2024年3月18日` /
/// `印发`, a 版记's printing date; `起施行`): a date line followed by one
/// of them is no signature date.
const AFTER_DATE: &[&str] = &[
    "印发", "印發", "发布", "發布", "公布", "起", "前", "后", "後", "至", "止", "以", "之", "通过",
    "通過", "施行", "实施", "實施",
];

/// Whether a paragraph that is a date alone (a signature's date) ends
/// before `next`: a dump's estimated widths can make the date line reach
/// the right margin (`2025 年 4 月 18 日` counts its layout gaps), and the
/// `（此件公开发布）` under it must not join it. A line that goes on with
/// the date (`印发`) joins it, so that a 版记's printing date never
/// becomes a date alone.
pub(super) fn ends_date(par: &str, next: &str) -> bool {
    let next = next.trim_start();
    is_date_alone(par) && !AFTER_DATE.iter().any(|w| next.starts_with(w))
}

/// Whether a line is a date alone (`2025 年 4 月 18 日`).
pub(crate) fn is_date_alone(text: &str) -> bool {
    // Every such line ends in 日: the others are spared the pattern.
    text.trim_end().ends_with('日') && DATE_ALONE.is_match(text)
}

/// Most lines of names over a signature's date.
const SIGNER_MAX_LINES: usize = 3;

/// Whether a line (or paragraph) is signing bodies' names alone, as a
/// text dump's signature is read ([`crate::decode::text::is_signer_text`]).
fn is_signer(text: &str) -> bool {
    // Letter-spaced names (`泉 州 市 商 务 局`) are read without their gaps.
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    crate::decode::text::is_signer_text(&t)
}

/// Whether the line `lines[0]` opens a signature: names alone on it and
/// on the lines down to a date alone ([`SIGNER_MAX_LINES`] of names at
/// most). A print that sets every line at the margin (no indent, the
/// signature not right-aligned) tells it from prose by nothing else: the
/// names must not join the paragraph above when it ends at the margin.
pub(super) fn opens_signature<'a>(mut lines: impl Iterator<Item = &'a str>) -> bool {
    if !lines.next().is_some_and(is_signer) {
        return false;
    }
    for text in lines.take(SIGNER_MAX_LINES) {
        if is_date_alone(text) {
            return true;
        }
        if !is_signer(text) {
            return false;
        }
    }
    false
}

/// Whether `next`, a date alone, is a signature's date under `par`, the
/// signing bodies' names: a line of its own, even when the names' line
/// (two names spaced apart) reaches the margin.
pub(super) fn dates_signature(par: &str, next: &str) -> bool {
    is_date_alone(next) && is_signer(par)
}

/// Shortest paragraph taken to run over a page break on its own say: a
/// heading (`一、总体要求`) also ends without a stop, but is short.
const RUNS_OVER_MIN_CHARS: usize = 40;

/// Whether the paragraph `par`, the last of its page, goes on with `next`,
/// the first line of the next page: it stops mid-sentence (no full stop,
/// or a comma) and the next line opens no numbered paragraph. A page's
/// last line may end short of the margin (`…用于贷款贴息的部分` / `— 3 —`
/// / `一般不低于20%。`).
pub(super) fn runs_over_page(par: &str, next: &str) -> bool {
    if MARKER.is_match(next) {
        return false;
    }
    let Some(last) = par.trim_end().chars().last() else {
        return false;
    };
    let mid_sentence = matches!(last, '，' | ',' | '、')
        || (is_cjk(last) && !ends_sentence(last) && !closes_bracket(last));
    mid_sentence
        && (matches!(last, '，' | ',' | '、') || par.chars().count() >= RUNS_OVER_MIN_CHARS)
}

/// Appends a line to a paragraph: no space between CJK characters (or
/// between CJK and a digit); one space between two Latin words.
pub(super) fn join_into(par: &mut String, text: &str) {
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

/// A page is a table when its lines start in at least this many columns
/// ([`COLUMN_LINES`], [`COLUMN_GAP_EM`]) and most of them are cells
/// ([`CELL_WIDTH`], [`CELL_LINES`]): table cells wrap in columns. Prose
/// pages have one or two (the margin and the first-line indent): 0–2 on
/// the binjiang and football PDFs and on 40 notices printed from text
/// dumps; 6–8 on every page of the jx table.
const TABLE_COLUMNS: usize = 4;

/// A column starts at least this many lines (left edges in 4 pt buckets).
const COLUMN_LINES: usize = 3;

/// Buckets of left edges at most this many ems (of the page's body size)
/// apart are one column: where a text dump printed in a proportional font
/// sets its margin and its indents depends on how many spaces lead a line
/// and how justification stretched them (a 方案 set from `pdftotext
/// -layout` starts its lines anywhere from 101 to 109 pt and indents them
/// from 115 to 128 pt: four buckets of three lines or more on one page of
/// prose). A table's columns stand a cell's width apart, several ems.
const COLUMN_GAP_EM: f32 = 1.0;

/// A line narrower than this share of the page's text width (its lines'
/// leftmost start to their rightmost end) is a cell, or the short last
/// line of a paragraph: a prose page's other lines span the width.
const CELL_WIDTH: f32 = 0.5;

/// Share of a page's lines that must be cells for it to be a table: 79 %
/// to all of them on the jx table's pages; on prose pages mostly under
/// 40 %, but up to 92 % on a page of one-line items. So the share alone
/// tells no table, but it keeps a prose page whose full lines start at
/// many indent levels (hanging indents for `（1）` and `①`) from being one.
const CELL_LINES: f32 = 0.5;

/// Whether each page is laid out as a table.
pub fn table_pages(pages: &[Page]) -> Vec<bool> {
    pages.iter().map(is_table_page).collect()
}

/// Whether a page is laid out as a table: its lines start in
/// [`TABLE_COLUMNS`] columns or more, and most of them are cells.
fn is_table_page(page: &Page) -> bool {
    let lines = &page.lines;
    let mut starts: HashMap<i64, usize> = HashMap::new();
    for l in lines {
        *starts.entry((l.left / 4.0).round() as i64).or_default() += 1;
    }
    let mut buckets: Vec<i64> = starts
        .into_iter()
        .filter(|&(_, n)| n >= COLUMN_LINES)
        .map(|(k, _)| k)
        .collect();
    if buckets.len() < TABLE_COLUMNS {
        return false;
    }
    buckets.sort_unstable();
    // The page's body size: the size most characters have (0 when no size
    // is finite: then no two buckets are one column).
    let weight = |l: &Line| l.text.chars().filter(|c| !c.is_whitespace()).count();
    let size = mode(lines.iter().map(|l| (l.size, weight(l))), 0.5, false).unwrap_or(0.0);
    let gap = COLUMN_GAP_EM * size;
    let columns = 1 + buckets
        .windows(2)
        .filter(|w| (w[1].saturating_sub(w[0])) as f32 * 4.0 > gap)
        .count();
    if columns < TABLE_COLUMNS {
        return false;
    }
    let left = lines.iter().map(|l| l.left).fold(f32::INFINITY, f32::min);
    let right = lines
        .iter()
        .map(|l| l.right)
        .fold(f32::NEG_INFINITY, f32::max);
    let cell = CELL_WIDTH * (right - left);
    let cells = lines.iter().filter(|l| l.right - l.left < cell).count();
    cells as f32 >= CELL_LINES * lines.len() as f32
}

/// How far in (ems of the body size) a paragraph's first line may start:
/// two ems, give or take one.
const FIRST_LINE_EMS: std::ops::RangeInclusive<f32> = 1.0..=3.0;

/// A run of prose under a table holds at least this many lines.
const MIN_PROSE_LINES: usize = 2;

impl Layout {
    /// Which of a table page's `lines` are its table
    /// (furniture dropped, in order): the prose above and below it stays
    /// prose. A layout sets a table inside an article (`第九条 …按下表执行：`
    /// / the table / its `注：` / `第十条` / `第四章 …`) on a page of its
    /// own with the text around it. Prose is a run of lines of the body
    /// set where paragraphs start and wrap — at the margin, a first-line
    /// indent in, or centred (a heading) — with none of the gaps of cells
    /// on one baseline: under the table the run opens a paragraph, has two
    /// lines or more and most reach the right margin (a column of cells at
    /// the margin does not); above it the run ends a sentence (`：`).
    /// A table set smaller than the body leaves the body's lines placed
    /// between its parts prose: the heading of the clause whose table
    /// follows it (a 裁量基准 of three tables in 10.5 pt, each under its
    /// `（二）价格类违法行为。` in the body's 16 pt: held-out GL2).
    pub fn table_lines(&self, lines: &[&Line]) -> Vec<bool> {
        let em = self.size;
        let near = |x: f32, at: f32| (x - at).abs() <= 0.5 * em;
        let indented = |l: &Line| FIRST_LINE_EMS.contains(&((l.left - self.left) / em));
        let centred = |l: &Line| {
            !near(l.left, self.left)
                && near((l.left + l.right) / 2.0, (self.left + self.right) / 2.0)
        };
        let placed = |l: &Line| {
            l.runs.is_empty()
                && (centred(l) || (self.is_body(l) && (near(l.left, self.left) || indented(l))))
        };
        let n = lines.len();
        let mut end = n;
        while end > 0 && placed(lines[end - 1]) {
            end -= 1;
        }
        while end < n && !(indented(lines[end]) || centred(lines[end])) {
            end += 1;
        }
        let below = &lines[end..];
        let full = below.iter().filter(|l| self.is_full(l)).count();
        if below.len() < MIN_PROSE_LINES || 2 * full < below.len() {
            end = n;
        }
        let mut start = lines[..end].iter().take_while(|l| placed(l)).count();
        while start > 0
            && !lines[start - 1]
                .text
                .trim_end()
                .chars()
                .last()
                .is_some_and(ends_sentence)
        {
            start -= 1;
        }
        let span = start..end.max(start);
        let mut table = vec![false; lines.len()];
        table[span.clone()].fill(true);
        let inside = &lines[span.clone()];
        let small = inside.iter().filter(|l| !self.is_body(l)).count();
        if 2 * small > inside.len() {
            for (k, l) in inside.iter().enumerate() {
                if self.is_body(l) && placed(l) {
                    table[span.start + k] = false;
                }
            }
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wrapped lines at the margin, first lines two ems in: the fixed
    /// threshold stands.
    #[test]
    fn wrapped_lines_at_the_margin_keep_the_fixed_threshold() {
        let wrapped = [0.0, 0.0, 0.02, 0.0, 0.01];
        let first = [2.0, 1.98, 2.0];
        assert_eq!(indent_threshold(&wrapped, &first), INDENT_EM);
    }

    /// Wrapped lines up to 1.1 em in, first lines from 1.8 em (one
    /// wrapped line astray at 2.5): the threshold falls in the gap.
    #[test]
    fn wrapped_lines_an_em_in_raise_the_threshold() {
        let wrapped = [0.42, 0.5, 0.62, 0.74, 0.92, 0.98, 1.13, 2.53];
        let first = [1.78, 1.88, 2.1, 2.34, 2.45];
        let t = indent_threshold(&wrapped, &first);
        assert!(t > 1.13 && t < 1.78, "{t}");
    }

    /// Too few lines of a kind, or first lines left of the wrapped ones
    /// (a table of contents' rows read as wrapped lines): nothing is
    /// measured.
    #[test]
    fn too_few_or_inverted_samples_keep_the_fixed_threshold() {
        assert_eq!(indent_threshold(&[1.1, 1.1], &[2.0, 2.0, 2.0]), INDENT_EM);
        assert_eq!(indent_threshold(&[1.1, 1.1, 1.0], &[2.0]), INDENT_EM);
        let toc = [0.99, 1.17, 1.29, 1.55, 1.86, 2.53, 2.53];
        assert_eq!(indent_threshold(&toc, &[0.49, 0.49, 0.51]), INDENT_EM);
    }
}
