//! Plain-text backend: a text dump of a notice page (or a notice typed out).
//!
//! A markdown dump (a crawler's or a RAG project's) is handed to
//! [`super::markdown`] and read line by line, never rewrapped.
//!
//! A dump of a web page has one paragraph per line. A dump of a PDF
//! (`pdftotext`, a copy from a viewer) has the PDF's lines instead: every
//! paragraph wrapped at the same width, a page number between the halves of
//! a sentence, `10` and `億元` on two lines. Such text is recognised by its
//! many lines of one width that end mid-sentence, and its lines go through
//! the PDF backend's repair ([`super::pdf::repair`]) with their widths
//! standing in for positions.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::normalize::fold;
use super::pdf::backend::{Line, Page};
use super::pdf::repair;
use super::{charset, paragraphs_from_lines, DecodeError, PageMeta, Parsed, Text};
use crate::model::{Warning, WarningCode};
use crate::vocab;

/// Decodes a plain-text notice into paragraphs (one per non-empty line).
///
/// # Errors
/// [`DecodeError::NoMainContent`] when there is no text at all.
pub fn decode_text(bytes: &[u8], content_type: Option<&str>) -> Result<Parsed<Text>, DecodeError> {
    let decoded = charset::decode_bytes(bytes, content_type, false);
    let mut warnings = Vec::new();
    if decoded.replacements > 0 {
        warnings.push(lossy_warning(decoded.encoding, decoded.replacements));
    }
    if super::markdown::is_markdown(&decoded.text) {
        let md = super::markdown::read(&decoded.text);
        let chars: usize = md.paragraphs.iter().map(|p| p.chars().count()).sum();
        if chars == 0 {
            return Err(DecodeError::NoMainContent { chars });
        }
        return Ok(Parsed {
            value: Text {
                media: super::MediaType::Text,
                paragraphs: md.paragraphs,
                encoding: Some(decoded.encoding.to_string()),
                encoding_source: decoded.source.to_string(),
                extractor: "markdown".to_string(),
                meta: PageMeta {
                    title: md.title,
                    ..PageMeta::default()
                },
                layout: md.layout,
                attachments: md.links,
                confidence: None,
            },
            warnings,
        });
    }
    let text = without_placeholders(&decoded.text);
    let text = without_editor_text(&text);
    let text = super::cell_units::units_onto_figures(&text);
    // A `pdftotext -layout` table is read apart from the prose around it.
    let (text, tables) = match super::columns::cut_tables(&text) {
        Some((cut, tables)) => (Cow::Owned(cut), tables),
        None => (text, Vec::new()),
    };
    let paragraphs = match rewrap(&text) {
        Some(joined) => {
            warnings.push(Warning::new(
                WarningCode::TextRewrapped,
                format!(
                    "the text is hard-wrapped (a PDF's text dump?): its lines were joined into {} paragraphs",
                    joined.len()
                ),
            ));
            joined
        }
        None => paragraphs_from_lines(&text),
    };
    let (paragraphs, tables) = super::columns::splice_tables(paragraphs, tables);
    let chars: usize = paragraphs.iter().map(|p| p.chars().count()).sum();
    if chars == 0 {
        return Err(DecodeError::NoMainContent { chars });
    }
    Ok(Parsed {
        value: Text {
            media: super::MediaType::Text,
            paragraphs,
            encoding: Some(decoded.encoding.to_string()),
            encoding_source: decoded.source.to_string(),
            extractor: "text".to_string(),
            meta: PageMeta::default(),
            layout: super::Layout {
                tables,
                ..Default::default()
            },
            attachments: Vec::new(),
            confidence: None,
        },
        warnings,
    })
}

/// What a page dump writes for a picture or a clip, on a line of its own
/// (a WeChat post's `图片` between its paragraphs): no text of the notice,
/// and beside a title set over lines it would join it.
const PLACEHOLDERS: &[&str] = &[
    "图片", "圖片", "[图片]", "[圖片]", "视频", "視頻", "[视频]", "[視頻]", "音频", "音頻",
];

/// The text with its placeholder lines ([`PLACEHOLDERS`]) blank.
fn without_placeholders(text: &str) -> Cow<'_, str> {
    let placeholder = |l: &str| PLACEHOLDERS.contains(&l.trim());
    if !text.lines().any(placeholder) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.lines()
            .map(|l| if placeholder(l) { "" } else { l })
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// The text without a repost's editor text before its official text
/// ([`super::markdown::editor_lines`]); the first line is the page's title.
fn without_editor_text(text: &str) -> Cow<'_, str> {
    let mut before_title = true;
    let lines = text.lines().map(|l| {
        let title = before_title && !l.trim().is_empty();
        before_title &= !title;
        (title, l)
    });
    match super::markdown::editor_lines(lines) {
        None => Cow::Borrowed(text),
        Some(editor) => Cow::Owned(
            text.lines()
                .enumerate()
                .filter(|(i, _)| !editor.contains(i))
                .map(|(_, l)| l)
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    }
}

/// A warning for bytes the chosen encoding could not decode.
pub fn lossy_warning(encoding: &str, replacements: usize) -> Warning {
    Warning::new(
        WarningCode::LossyDecode,
        format!("{replacements} byte sequences are not valid {encoding} and became U+FFFD; wrong charset?"),
    )
}

/// Width of a character in ems as a Chinese PDF sets it: ideographs,
/// full-width forms and CJK punctuation take one; digits, Latin letters and
/// spaces half. Punctuation that a PDF's text layer maps to ASCII (`,` `(`
/// `:` for a full-width glyph) and curly quotes are set full-width too.
fn char_width(c: char) -> f32 {
    match c {
        ',' | ';' | ':' | '(' | ')' | '!' | '?' => 1.0,
        c if c.is_ascii() => 0.5,
        // Half-width katakana and forms inside the full-width block.
        '\u{FF61}'..='\u{FFDC}' => 0.5,
        c if repair::is_cjk(c) || ('\u{2018}'..='\u{201F}').contains(&c) => 1.0,
        _ => 0.5,
    }
}

/// A text line as a positioned line: indent and width in ems, size 1.
fn as_line(text: &str) -> Line {
    let body = text.trim();
    let indent: f32 = text
        .chars()
        .take_while(|c| c.is_whitespace())
        .map(char_width)
        .sum();
    let width: f32 = body.chars().map(char_width).sum();
    Line {
        text: body.to_string(),
        left: indent,
        right: indent + width,
        size: 1.0,
        y: 0.0,
        runs: Vec::new(),
    }
}

/// Lines at least this wide (in ems) count when looking for a wrap width.
const MIN_WRAPPED_EM: f32 = 10.0;
/// How many lines must share the wrap width, and what share of the lines.
const MIN_WRAPPED_LINES: usize = 5;
const MIN_WRAPPED_SHARE: f32 = 0.2;
/// How close to the wrap width (in ems) the lines that prove it must end:
/// a PDF's wrapped lines share their margin, while a page dump's short
/// lines (an information table, `label：value` one per line) only happen
/// to be of similar widths.
const SAME_EDGE_EM: f32 = 0.5;
/// Widths estimated from characters miss a PDF's by up to this many ems
/// (proportional digits, quotes set half or full width): a line this close
/// to the wrap width is a full line.
const FULL_LINE_EM: f32 = 2.5;

/// A wrap width that this many times its width fits on one line is no wrap
/// width: a PDF's lines never run past its margin, while a page dump's
/// paragraphs, one per line, run to hundreds of ems. Twice leaves room for
/// a `pdftotext -layout` table row set wider than the text.
const PARAGRAPH_LINE_WIDTHS: f32 = 2.0;

/// A section heading (`五、加大政策支持力度`): short by nature, so its width
/// says nothing of a margin. A dump's headings of equal length (`二、…`
/// `三、…` of six ideographs each) would otherwise make a wrap width of
/// their own and glue the paragraph after a heading to it.
static SECTION_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[一二三四五六七八九十]{1,3}、").expect("valid regex"));

/// Units that follow a number in a sentence (a date's, a time's, a count's,
/// a sum's): a line opening with a number and one of them (`7 月 31 日前`,
/// `10 时`, `3 个`, `50 万元`, `30%`) goes on a sentence and is no list
/// label. A label's number is followed by its mark (`7.`, `7、`) or by a
/// heading's words (`7 加强组织领导`).
static FIGURE_AT_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<num>\d{1,4}(?:\.\d+)?)\s*(?:年|月|日|时|時|点|點|分钟|分鐘|个|個|万|萬|亿|億|元|%|％|‰|倍|家|人|名|项|項|次|天|周|週|小时|小時|岁|歲|亩|畝|平方|公里|千米|米|吨|噸|千瓦|兆瓦|户|戶|辆|輛|台|套|座|所|批)")
        .expect("valid regex")
});

/// The width in ems of the number a line opens with, when it is a figure
/// going on a sentence (see [`FIGURE_AT_START`]), with a gap after it.
fn leading_figure_em(text: &str) -> Option<f32> {
    let t = text.trim_start();
    let c = FIGURE_AT_START
        .captures(t)
        .or_else(|| QUOTED_NUMBER_AT_START.captures(t))?;
    Some(c["num"].chars().map(char_width).sum::<f32>() + char_width(' '))
}

/// A quoted or bracketed code opening a line (`“2160299其他商贸事务支出”`,
/// a budget subject's number): the opening mark may not end a line, so a
/// typesetter moves it to the next with the number it opens, as it moves
/// a figure with its unit.
static QUOTED_NUMBER_AT_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?P<num>[“‘「『《（(]\d{3,})").expect("valid regex"));

/// A signing body's name, or up to three on one line (`中共某省委办公厅`,
/// `市财政局 市科技局`): a short line of names ending as a body's does
/// ([`vocab::ISSUER_ENDINGS`], as `structure` reads a signature), with no
/// sentence punctuation. Matched on folded text, as the words are.
static SIGNER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:[\p{{Han}}（）()]{{1,30}}?{}\s*){{1,3}}$",
        vocab::alternation(vocab::ISSUER_ENDINGS)
    ))
    .expect("valid regex")
});

/// A responsibility statement after a sentence's end, closing its line:
/// labelled (`。(责任单位:市财政局)`) or ending in a role (`。(市财政局
/// 牵头,各县(市、区)人民政府负责)`), one level of brackets inside. The
/// labels and role words are those `structure` reads a statement by
/// ([`vocab::unit_label_pattern`], [`vocab::ROLE_WORDS`]). Folded text.
static CLOSING_STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)[。;]\s*\(
        (?: {label} (?:[^()]|\([^()]*\))+
          | (?:[^()]|\([^()]*\)){{2,80}}? {role}
        )\)$",
        label = vocab::unit_label_pattern(),
        role = vocab::ROLE_WORDS,
    ))
    .expect("valid regex")
});

/// The last line of a notice's title, as a dump has it: the kind of
/// document a title ends in (`…的通知`, `…实施意见`, `…若干措施`), on a
/// line with no sentence punctuation and every 《 closed (a sentence citing
/// `《…的通知》` has its 》 after the kind). Folded text. A title set over
/// two lines has its `关于` on the first, so the second line alone is what
/// the rewrap sees above the 主送.
static TITLE_LAST_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^，。；：,;:!?！？《》]*(?:《[^《》]*》[^，。；：,;:!?！？《》]*)*(?:通知|通报|意见|决定|办法|措施|规定|方案|细则|批复|复函|函|公告|通告|决议|报告|请示|纲要|规划|指引|指南|计划|要点|条例|规则)(?:\((?:试行|暂行)\))?$")
        .expect("valid regex")
});

/// Most lines a 主送 list runs over in a dump.
const ADDRESSEES_MAX_LINES: usize = 3;

/// Whether the lines from `from` on open with a 主送 list: its lines, up to
/// the first that ends in `：` (at most [`ADDRESSEES_MAX_LINES`]), read as
/// one ([`repair::ends_addressees`]). Lines as the repair reads them; None
/// for furniture, which is skipped.
fn opens_addressees(repaired: &[Option<String>]) -> bool {
    let mut list = String::new();
    for text in repaired.iter().flatten().take(ADDRESSEES_MAX_LINES) {
        list.push_str(text.trim());
        if list.ends_with(['：', ':']) {
            return repair::ends_addressees(&list);
        }
    }
    false
}

/// A paragraph's first line is indented by two characters (GB/T 9704).
const PARAGRAPH_INDENT_EM: f32 = 2.0;

/// Longest signing line, in characters.
const SIGNER_MAX_CHARS: usize = 40;

/// Most lines of names above a signature's date.
const SIGNER_MAX_LINES: usize = 8;

/// Whether a line is a line of signing bodies' names (see [`SIGNER_LINE`]).
fn is_signer(l: &Line) -> bool {
    is_signer_text(&l.text)
}

/// Whether a text is signing bodies' names alone (see [`SIGNER_LINE`]):
/// what the PDF repair reads a signature by too.
pub(crate) fn is_signer_text(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() <= SIGNER_MAX_CHARS && SIGNER_LINE.is_match(&fold(t))
}

/// Whether a line (as the repair reads it) ends in a clause's closing
/// responsibility statement (see [`CLOSING_STATEMENT`]).
fn closes_statement(text: &str) -> bool {
    let t = text.trim_end();
    // Only a line ending in a bracket can: the others are spared the fold.
    t.ends_with([')', '）']) && CLOSING_STATEMENT.is_match(&fold(t))
}

/// Whether line `l`, followed by `next`, stopped short of the margin `edge`
/// only because the figure `next` opens did not fit (`…于每年` / `7 月 31
/// 日前，…`): a typesetter moves a number with its unit to the next line
/// whole, and a dump's spaced digits make its width a guess. Such a line
/// ends mid-sentence within the figure's width of the margin.
fn stops_before_figure(l: &Line, next: &Line, edge: f32) -> bool {
    // A signature's date under its issuer is a line of its own.
    let figure = leading_figure_em(&next.text).filter(|_| !repair::is_date_alone(&next.text));
    let Some(figure) = figure else {
        return false;
    };
    let mid_sentence = l
        .text
        .chars()
        .next_back()
        .is_some_and(|c| repair::is_han(c) || matches!(c, '，' | ',' | '、'));
    mid_sentence && l.right - l.left >= MIN_WRAPPED_EM && edge - l.right <= FULL_LINE_EM + figure
}

/// How far short of the margin (in ems) a line may end in mid-word and
/// still be a wrapped line of the sentence the next line goes on with. A
/// dump whose lines were broken by a count of characters rather than by
/// their widths (a digit counted as wide as an ideograph) has a ragged
/// margin: `…基本生活费的 50%给予` / `见习补贴。…` ends three ems short.
const RAGGED_LINE_EM: f32 = 4.0;

/// A label opening a line (`第七条`, `第二章`, `三、`): a line before it
/// ends its paragraph, however close to the margin.
static LABEL_AT_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:第[一二三四五六七八九十百零〇\d]{1,5}[章节条款部分编]|[一二三四五六七八九十]{1,3}、|附件)")
        .expect("valid regex")
});

/// Whether line `l` stops in mid-word within [`RAGGED_LINE_EM`] of the
/// margin `edge` and `next` goes on with its sentence: `l` ends on an
/// ideograph (no punctuation, no name of a signature) and `next` opens
/// with one, not with a label or a date, at the margin. A heading or a
/// title's line ends its paragraph without punctuation too, but is shorter
/// by more than that or centred; a line with a gap in it (names side by
/// side, a table's cells) is no prose.
fn runs_on_short(l: &Line, next: &Line, edge: f32) -> bool {
    let ends_in_word = l.text.chars().next_back().is_some_and(repair::is_han);
    let goes_on = next.text.chars().next().is_some_and(repair::is_han)
        && !LABEL_AT_START.is_match(&next.text)
        && !repair::is_date_alone(&next.text);
    // A wrapped line's continuation starts at the margin, left of a
    // paragraph's indented first line (by the indent) or level with it; a
    // centred title's lines start further right than that.
    ends_in_word
        && goes_on
        && next.left <= l.left + 0.5
        && l.left <= next.left + PARAGRAPH_INDENT_EM + 0.5
        && !is_signer(l)
        && !l.text.contains("  ")
        && l.right - l.left >= MIN_WRAPPED_EM
        && edge - l.right <= RAGGED_LINE_EM
}

/// How the rewrap sets a line before the repair joins lines into
/// paragraphs: where a PDF would have put it on the page.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Setting {
    /// The line ends at the margin: a full line, or one that stopped short
    /// of it before a figure ([`stops_before_figure`]).
    to_margin: bool,
    /// The line belongs to a signature block, which stands right-aligned
    /// on the page as lines of its own: a dump that lost the alignment
    /// would glue its first name to the line above, a full line of the
    /// body's last sentence (`…请认真贯彻落实。` / `某省委办公厅`) or an
    /// attachment's line (`附件：某某管理办法` / `财政部`).
    signs: bool,
    /// The line opens a paragraph that a dump does not show as one (no
    /// indent, the line above ends near the margin). It comes after a
    /// clause's closing responsibility statement: a 公文 indents it, a
    /// dump loses the indent, and the statement may end its line at the
    /// margin (`…不低于60%。（责任单位：市财政局）` / `市级财政每年…`, the
    /// closing paragraph on the next page). Or it opens the 主送 under the
    /// last line of a title ([`TITLE_LAST_LINE`]): a title is centred,
    /// its last line may reach within the estimate's error of the margin,
    /// and the 主送 starts flush left at the margin as a wrapped line
    /// does; a 主送 list never goes on a title.
    opens_paragraph: bool,
}

/// The setting of every line of the pages, in one walk over them in
/// order. A signature block is the lines of names (see [`is_signer`])
/// right above a date alone on its line (`2025 年 5 月 12 日`), at most
/// [`SIGNER_MAX_LINES`] of them, and that date: wrapped prose never stops
/// on a body's name right before a line that is only a date. Page
/// numbers between a statement and the line after it (`— 4 —`) are no
/// lines of the text.
fn line_settings(pages: &[Page], edge: f32, is_full: impl Fn(&Line) -> bool) -> Vec<Setting> {
    let flat: Vec<&Line> = pages.iter().flat_map(|p| &p.lines).collect();
    // The text of each line as the repair reads it; None for furniture.
    let mut repaired: Vec<Option<String>> = vec![None; flat.len()];
    let page_starts: Vec<usize> = pages
        .iter()
        .scan(0, |n, p| {
            let start = *n;
            *n += p.lines.len();
            Some(start)
        })
        .collect();
    for (page, index, _, text) in repair::drop_furniture(pages) {
        if let Some(slot) = page_starts
            .get(page)
            .and_then(|start| repaired.get_mut(start + index))
        {
            *slot = Some(text);
        }
    }
    let mut out = vec![Setting::default(); flat.len()];
    // Lines of names right above the current line.
    let mut names_above = 0;
    // The last line of text closed a statement.
    let mut after_statement = false;
    for (i, l) in flat.iter().enumerate() {
        out[i].to_margin = is_full(l)
            || flat.get(i + 1).is_some_and(|next| {
                stops_before_figure(l, next, edge) || runs_on_short(l, next, edge)
            });
        if names_above > 0 && repair::is_date_alone(&l.text) {
            let names = names_above.min(SIGNER_MAX_LINES);
            out[i - names..=i].iter_mut().for_each(|s| s.signs = true);
        }
        names_above = if is_signer(l) { names_above + 1 } else { 0 };
        if let Some(text) = &repaired[i] {
            out[i].opens_paragraph = after_statement;
            after_statement = closes_statement(text);
        }
    }
    // The 主送 under a title's last line.
    for (i, text) in repaired.iter().enumerate() {
        let ends_title = text
            .as_deref()
            .is_some_and(|t| TITLE_LAST_LINE.is_match(&fold(t.trim())));
        let rest = &repaired[i + 1..];
        let next = rest.iter().position(Option::is_some);
        if let Some(next) = next.filter(|_| ends_title && opens_addressees(rest)) {
            out[i + 1 + next].opens_paragraph = true;
        }
    }
    out
}

/// The paragraphs of a hard-wrapped text, or None when its lines are
/// already paragraphs. Pages are separated by form feeds (`pdftotext`).
pub fn rewrap(text: &str) -> Option<Vec<String>> {
    let mut pages: Vec<Page> = text
        .split('\x0c')
        .map(|page| Page {
            lines: page
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(as_line)
                .collect(),
        })
        .collect();
    // The lines that may show a wrap width: all but the section headings
    // and a layout dump's table rows.
    let lines: Vec<&Line> = pages
        .iter()
        .flat_map(|p| &p.lines)
        .filter(|l| !SECTION_HEADING.is_match(&l.text) && !is_table_row(&l.text))
        .collect();
    // The wrap width: the most common right edge (to half an em) of the
    // long lines.
    let mut counts: std::collections::HashMap<i32, usize> = std::collections::HashMap::new();
    for l in lines.iter().filter(|l| l.right - l.left >= MIN_WRAPPED_EM) {
        *counts.entry((l.right * 2.0).round() as i32).or_default() += 1;
    }
    let (edge, _) = counts.into_iter().max_by_key(|&(k, n)| (n, k))?;
    let edge = edge as f32 / 2.0;
    let is_full =
        |l: &Line| (l.right - edge).abs() <= FULL_LINE_EM && l.right - l.left >= MIN_WRAPPED_EM;
    let full: Vec<&&Line> = lines.iter().filter(|l| is_full(l)).collect();
    // Paragraph-per-line text ends its lines with a full stop; wrapped lines
    // end wherever the width ran out.
    let mid_sentence = full
        .iter()
        .filter(|l| !l.text.ends_with(repair::ends_sentence))
        .count();
    let at_edge = full
        .iter()
        .filter(|l| (l.right - edge).abs() <= SAME_EDGE_EM)
        .count();
    // Lines cut out of sentences hold the sentences' commas; a list of
    // names one per line (an award's 名单, a table of units) holds none,
    // however alike their widths.
    let punctuated = full
        .iter()
        .filter(|l| {
            l.text
                .contains(['，', '、', '；', '：', '。', ',', ';', ':'])
        })
        .count();
    // Lines far past the width are paragraphs, one per line: the lines at
    // the width are then short lines of similar length (an information
    // table's, a signature's), not a margin.
    let paragraph_lines = lines
        .iter()
        .filter(|l| l.right > PARAGRAPH_LINE_WIDTHS * edge)
        .count();
    let wrapped = full.len() >= MIN_WRAPPED_LINES
        && paragraph_lines < full.len()
        && at_edge >= MIN_WRAPPED_LINES
        && full.len() as f32 >= MIN_WRAPPED_SHARE * lines.len() as f32
        && mid_sentence * 5 >= full.len() * 3
        && punctuated * 5 >= full.len() * 2;
    if !wrapped {
        return None;
    }
    let settings = line_settings(&pages, edge, is_full);
    for (l, s) in pages.iter_mut().flat_map(|p| &mut p.lines).zip(settings) {
        if s.to_margin {
            l.right = edge;
            if let Some(closed) = without_justification_spaces(&l.text) {
                l.text = closed;
            }
        }
        if s.signs && l.right < edge {
            l.left += edge - l.right;
            l.right = edge;
        }
        if s.opens_paragraph {
            l.left += PARAGRAPH_INDENT_EM;
        }
    }
    let repaired = repair::paragraphs(&pages).paragraphs;
    (!repaired.is_empty()).then_some(repaired)
}

/// Cells a line must hold, set apart by [`TABLE_GAP`] or more, to
/// be a table's row.
const TABLE_ROW_CELLS: usize = 3;
/// The gap between a table's cells in a `pdftotext -layout` dump: wider
/// than the one to three spaces it stretches a justified line by, or
/// leaves after an article's label (`第一条  为规范…`).
const TABLE_GAP: &str = "    ";

/// A layout dump's table row (`东坪县      860.50      612.50      248.00`)
/// or header: three cells or more apart by wide gaps. Such rows share
/// their right edge (numbers set flush right) and an appended 分配表's
/// rows, wider than the text, would otherwise set the wrap width and leave
/// the prose above them unwrapped.
fn is_table_row(text: &str) -> bool {
    text.trim()
        .split(TABLE_GAP)
        .filter(|cell| !cell.trim().is_empty())
        .count()
        >= TABLE_ROW_CELLS
}

/// A line that runs to the margin without the single spaces `pdftotext
/// -layout` leaves inside its words when it stretches a justified line
/// (`按不高 于项目总投资30%`, `商 业主体`, `， 农村`): one space between two
/// characters that are not ASCII. None when it has none. Wider gaps (a
/// table's columns) and spaces beside Latin letters or digits (`500 万元`,
/// read as a figure anyway) stay.
fn without_justification_spaces(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let stretched = |i: usize| {
        chars[i] == ' '
            && i > 0
            && i + 1 < chars.len()
            && !chars[i - 1].is_ascii()
            && !chars[i + 1].is_ascii()
            && !chars[i - 1].is_whitespace()
            && !chars[i + 1].is_whitespace()
    };
    let closed: String = (0..chars.len())
        .filter(|&i| !stretched(i))
        .map(|i| chars[i])
        .collect();
    (closed.len() < text.len()).then_some(closed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wraps a paragraph at `width` ems, as a PDF's lines are.
    fn wrap(par: &str, width: f32) -> String {
        let mut out = String::new();
        let mut used = 0.0;
        for c in par.chars() {
            if used + char_width(c) > width {
                out.push('\n');
                used = 0.0;
            }
            out.push(c);
            used += char_width(c);
        }
        out + "\n"
    }

    /// A WeChat post's dump: the `图片` line above the notice's title,
    /// once the account's interpretation is cut, is no part of the title
    /// set over two lines below it.
    #[test]
    fn a_picture_s_placeholder_line_is_no_text() {
        let dump = "一图读懂｜某市出台8条措施\n\n原创 某市发布\n\n2025年05月12日 18:30 浙江\n\n图片\n\n近日，市政府办公室印发若干措施。\n\n一、出台背景\n\n附：政策原文\n\n某市人民政府办公室关于印发某市促进民营经济\n高质量发展若干措施的通知\n\n某政办发〔2025〕11号\n\n一、优化营商环境\n";
        let ps = decode_text(dump.as_bytes(), None)
            .expect("decodes")
            .value
            .paragraphs;
        assert!(ps.iter().all(|p| !p.contains("图片")), "{ps:#?}");
        let title = ps
            .iter()
            .position(|p| p.starts_with("某市人民政府办公室关于印发"));
        assert!(title.is_some(), "{ps:#?}");
        assert!(!ps.iter().any(|p| p.contains("出台背景")), "{ps:#?}");
    }

    #[test]
    fn a_pdf_text_dump_is_rewrapped() {
        let first = "（一）对企业租用算力给予补贴，按实际费用的30%给予补助，单个企业年度最高不超过100万元。对新建项目给予一次性奖励，最高不超过50万元。（责任单位：区发改局、区财政局、区经信局、区科技局）";
        let second = "（二）对新建智算中心项目，按设备投资额的10%给予补助，最高500万元。对租用场地的企业给予租金补贴，补贴比例不超过实际租金的50%。（责任单位：区经信局、区商务局、区财政局、区市场监管局）";
        let dump = format!(
            "关于印发促进产业发展若干政策的通知\n各街道办事处，区政府各部门：\n一、支持算力建设\n{}— 3 —\n\x0c{}",
            wrap(first, 30.0),
            wrap(second, 30.0)
        );
        let ps = rewrap(&dump).expect("hard-wrapped");
        assert_eq!(ps[3..], [first, second], "{ps:#?}");
        assert_eq!(ps.len(), 5, "{ps:#?}");
    }

    /// `pdftotext -layout` stretches a justified line with single spaces
    /// inside its words; they go from lines at the margin (a bound word
    /// split as `不高 于` bounded nothing), while a short line's space
    /// between two names (a joint signature) stays.
    #[test]
    fn justification_spaces_go_from_lines_at_the_margin() {
        let mut text = String::new();
        for i in 0..6 {
            text.push_str(&format!(
                "  第{i}项，对符合条件的县域冷链物流项目按不高 于项目总投资的\n  比例给予支持。\n"
            ));
        }
        text.push_str("  湖州市科学技术局 湖州市财政局\n  2025年5月26日\n");
        let pars = rewrap(&text).expect("wrapped");
        assert!(pars[0].contains("按不高于项目总投资的比例"), "{pars:?}");
        assert!(
            pars.iter().any(|p| p == "湖州市科学技术局 湖州市财政局"),
            "{pars:?}"
        );
        assert_eq!(
            without_justification_spaces("原则上不低于500 万 元。（商 务部， 财政部  自然资源部"),
            Some("原则上不低于500 万元。（商务部，财政部  自然资源部".to_string())
        );
        assert_eq!(without_justification_spaces("给予 100万元"), None);
    }

    /// A dump broken by a count of characters (a digit as wide as an
    /// ideograph) ends a line with digits in it short of the margin, in
    /// mid-word: the next line goes on with the sentence. A centred
    /// title's last line, as short, ends its paragraph: the 主送 under it
    /// starts at the margin.
    #[test]
    fn a_line_short_of_a_ragged_margin_in_mid_word_goes_on() {
        let mut text = String::from(
            "        关于印发某市就业见习补贴实施细则的通知\n\
             各县（市、区）人力资源和社会保障局、财政局：\n",
        );
        for i in 1..=6 {
            text.push_str(&format!(
                "第{i}条 见习单位应当与见习人员签订见习协议，明确双方权利义\n\
                 务，为见习人员办理人身意外伤害保险，建立见习台账，如实记录\n出勤情况。\n"
            ));
        }
        text.push_str("第七条 市财政按见习单位实际发放基本生活费的 50%给予\n见习补贴，留用见习人员的另行给予奖励，具体办法另行制\n定。\n");
        let pars = rewrap(&text).expect("wrapped");
        assert!(
            pars.iter()
                .any(|p| p.contains("生活费的50%给予见习补贴，留用")),
            "{pars:#?}"
        );
        assert!(
            pars.iter().any(|p| p.starts_with("各县（市、区）")),
            "{pars:#?}"
        );
    }

    #[test]
    fn a_figure_opening_a_line_goes_on_the_sentence() {
        assert_eq!(leading_figure_em("7 月 31 日前，将推荐"), Some(1.0));
        assert_eq!(leading_figure_em("2025年起"), Some(2.5));
        assert_eq!(leading_figure_em("17 时前报送"), Some(1.5));
        assert_eq!(leading_figure_em("30%以上"), Some(1.5));
        // Labels: a mark after the number, or a heading's words.
        assert_eq!(leading_figure_em("7.加强组织领导"), None);
        assert_eq!(leading_figure_em("7、加强组织领导"), None);
        assert_eq!(leading_figure_em("7 加强组织领导"), None);
        // A quoted code goes with its opening mark.
        assert_eq!(leading_figure_em("“2160299其他商贸事务支出”。"), Some(5.0));
        assert_eq!(leading_figure_em("“放管服”改革"), None);
    }

    /// A line stopping short of the margin where the number of a date did
    /// not fit is a wrapped line; a heading before such a line, or an
    /// issuer above a signature date, is not.
    #[test]
    fn a_line_before_a_figure_that_did_not_fit_is_joined() {
        let article = "第五条　省级工业和信息化主管部门会同财政部门于每年";
        let rest = "7 月 31 日前，将推荐城市申报材料报送工业和信息化部，并抄送有关部门。";
        let filler = "第一条　为了规范示范城市推荐工作，根据有关规定，结合本省实际，制定本办法，各地应当认真组织实施，确保推荐质量，形成工作合力，推动各项工作取得实效。";
        let dump = format!(
            "{}{}\n{}一、总体要求\n2025 年，全省示范城市建设取得重要进展。\n云川市人民政府办公室\n2025 年 4 月 18 日\n",
            wrap(filler, 28.0).repeat(3),
            article,
            wrap(rest, 28.0),
        );
        let ps = rewrap(&dump).expect("hard-wrapped");
        // The repair makes the ideographic space after 第五条 a plain one.
        let article = article.replace('　', " ");
        assert!(
            ps.contains(&format!(
                "{article}7月31日前，将推荐城市申报材料报送工业和信息化部，并抄送有关部门。"
            )),
            "{ps:#?}"
        );
        assert!(ps.contains(&"一、总体要求".to_string()), "{ps:#?}");
        assert!(ps.contains(&"2025年4月18日".to_string()), "{ps:#?}");
    }

    /// A signature's names stand on lines of their own, though the line
    /// above them is full (the body's last sentence, ended at the margin)
    /// or nearly so (an attachment's name): a dump lost their alignment.
    /// A body's name inside wrapped prose is no signature.
    #[test]
    fn a_signature_s_names_are_paragraphs_of_their_own() {
        // Two full lines of 28.
        let body = "各地区各部门要结合实际抓好贯彻落实，确保各项措施落地见效，形成工作合力，推动各项工作取得实效，请切实认真贯彻落实。";
        let prose = "本措施由省财政厅负责解释，具体事项由省财政厅会同省发展改革委员会办理，各地要及时向省人民政府办公厅\n报告。";
        let dump = format!(
            "{}{}{}\n中共某某省委办公厅\n某某省人民政府办公厅\n2025 年 5 月 12 日\n",
            wrap(body, 28.0).repeat(2),
            prose,
            wrap(body, 28.0).trim_end(),
        );
        let ps = rewrap(&dump).expect("hard-wrapped");
        assert_eq!(
            ps[ps.len() - 3..],
            [
                "中共某某省委办公厅",
                "某某省人民政府办公厅",
                "2025年5月12日"
            ],
            "{ps:#?}"
        );
        assert!(
            ps.iter().any(|p| p.contains("省人民政府办公厅报告。")),
            "{ps:#?}"
        );
        // Under an attachment's line nearly as wide as the margin.
        let dump = format!(
            "{}附件：某某省中小企业数字化转型城市试点专项资金管理办法\n财政部\n2025年6月20日\n",
            wrap(body, 28.0).repeat(3)
        );
        let ps = rewrap(&dump).expect("hard-wrapped");
        assert_eq!(
            ps[ps.len() - 3..],
            [
                "附件：某某省中小企业数字化转型城市试点专项资金管理办法",
                "财政部",
                "2025年6月20日"
            ],
            "{ps:#?}"
        );
    }

    /// A clause's closing statement may end its line at the margin; the
    /// text after it (the closing paragraph, on the next page) is a
    /// paragraph of its own. A statement inside a sentence, or at the end of
    /// a line the sentence goes on from, joins as before.
    #[test]
    fn the_line_after_a_closing_statement_opens_a_paragraph() {
        // 27.5 ems: at the margin of the 28-em lines around it.
        let last = "区），市级财政补助比例不低于60%。（责任单位：市财政局）";
        let filler = "（一）加强组织领导。各地要结合实际抓好贯彻落实，确保各项措施落地见效，形成工作合力，推动各项工作取得实效，请切实认真贯彻落实。";
        let closing = "市级财政每年统筹安排创业扶持资金不少于2000万元。本措施自印发之日起施行，有效期至2027年12月31日。";
        let dump = format!(
            "{}（二）加强资金保障。对财政困难的县（市、\n{last}\n— 4 —\n\x0c{}",
            wrap(filler, 28.0).repeat(3),
            wrap(closing, 28.0)
        );
        let ps = rewrap(&dump).expect("hard-wrapped");
        assert_eq!(ps.last().map(String::as_str), Some(closing), "{ps:#?}");
        assert!(
            ps[ps.len() - 2].ends_with("（责任单位：市财政局）"),
            "{ps:#?}"
        );
        // Not after a statement that does not end the line.
        assert!(!closes_statement("。（责任单位：市财政局）对"));
        assert!(closes_statement(
            "。（市发展改革委牵头，各县（市、区）人民政府负责）"
        ));
        assert!(!closes_statement("（详见附件）"));
    }

    /// The body of a `pdftotext -layout` dump: paragraphs wrapped at 28
    /// ems, their first lines indented by two.
    fn layout_body(pars: &[&str]) -> String {
        pars.iter()
            .map(|p| {
                let (first, rest) =
                    p.split_at(p.char_indices().nth(26).map_or(p.len(), |(i, _)| i));
                format!("    {first}\n{}", wrap(rest, 28.0))
            })
            .collect()
    }

    const BODY: [&str; 3] = [
        "为加快培育低空经济新动能，推动通用航空和无人机产业集聚发展，经市政府同意，现将有关事项通知如下，请结合实际认真贯彻执行，工作中遇到的问题及时向市发展改革委反映。",
        "各地要加强组织领导，细化工作措施，确保各项任务落到实处，工作中的重要情况及时报告市政府，市有关部门要按照职责分工加强指导和服务，形成工作合力，推动各项措施落地见效。",
        "对新开通的低空航线给予运营补贴，每条航线每年最高不超过二百万元，对新建的通用机场按照项目投资额给予一定比例的补助，具体办法由市财政局会同市交通运输局另行制定。",
    ];

    /// A title centred over two lines, its second line within the width
    /// estimate's error of the margin, and the 主送 flush left under it:
    /// the 主送 is a paragraph of its own, on one line or wrapped over two.
    #[test]
    fn the_addressees_under_a_title_s_last_line_are_their_own_paragraph() {
        // 17 ems at 5.5 and 24 ems at 2 (26 of 28).
        let title = "           云川市人民政府办公室关于印发云川市\n    推动低空经济产业和服务业高质量发展若干措施的通知\n\n";
        for addressees in [
            "各县（市、区）人民政府，市政府各部门、各直属机构：\n",
            "各县（市、区）人民政府，高新区管委会，市政府各部门、各直\n属机构：\n",
        ] {
            let dump = format!("{title}{addressees}{}", layout_body(&BODY));
            let ps = rewrap(&dump).expect("hard-wrapped");
            assert_eq!(ps[0], "云川市人民政府办公室关于印发云川市", "{ps:#?}");
            assert_eq!(
                ps[1], "推动低空经济产业和服务业高质量发展若干措施的通知",
                "{ps:#?}"
            );
            assert_eq!(ps[2], addressees.replace('\n', ""), "{ps:#?}");
            assert_eq!(ps[3..], BODY, "{ps:#?}");
        }
    }

    /// A full line of prose ending in a title's words, with no comma on
    /// it, still goes on to the next line; so does one above a line that
    /// is no 主送 list.
    #[test]
    fn prose_ending_a_line_in_a_title_word_is_still_joined() {
        let prose = "按照省人民政府办公厅推进低空经济产业高质量发展的通知要求，认真做好低空飞行服务保障工作，加快通用机场和起降点建设。";
        let dump = format!(
            "    {}\n{}",
            "按照省人民政府办公厅推进低空经济产业高质量发展的通知",
            wrap(&prose[prose.find("要求").expect("in prose")..], 28.0)
        ) + &layout_body(&BODY);
        let ps = rewrap(&dump).expect("hard-wrapped");
        assert_eq!(ps[0], prose, "{ps:#?}");
        assert!(TITLE_LAST_LINE.is_match("推动低空经济产业高质量发展若干措施(试行)"));
        assert!(!TITLE_LAST_LINE.is_match("现将《关于推进低空经济发展的通知"));
        assert!(!TITLE_LAST_LINE.is_match("经研究，现印发给你们的通知"));
    }

    #[test]
    fn a_list_of_names_one_per_line_is_no_wrapped_text() {
        let names: String = (0..30)
            .map(|i| {
                format!(
                    "江苏淮河第{}新材料科技股份有限公司\n",
                    ["一", "二", "三"][i % 3]
                )
            })
            .collect();
        let dump = format!(
            "关于表彰先进单位的决定\n各县区人民政府：\n决定授予江苏淮河新材料科技股份有限公司等单位先进单位称号。\n附件：名单\n{names}"
        );
        assert_eq!(rewrap(&dump), None);
    }

    #[test]
    fn a_doc_number_line_is_never_joined() {
        // `pdftotext -layout` of a 函: the 文号 flush with the right
        // margin (where a wrapped line ends), the 主送 under it at the left
        // margin, wrapped.
        let body = "现将《河北省推进数字乡村建设实施方案（2024—2026年）》印发给你们，请结合实际认真贯彻落实。各地要加强组织领导，细化工作措施，确保各项任务落到实处，工作中的重要情况及时报告省政府。省直各有关部门要按照职责分工，加强协调配合和督促指导，形成工作合力，推动数字乡村建设取得实效。";
        let dump = format!(
            "{}冀政办字〔2024〕45号\n各市（含定州、辛集市）人民政府，雄安新区管委会，省政府各\n部门：\n    {}",
            " ".repeat(36),
            wrap(body, 28.0)
        );
        let ps = rewrap(&dump).expect("hard-wrapped");
        assert_eq!(ps[0], "冀政办字〔2024〕45号", "{ps:#?}");
        assert_eq!(
            ps[1],
            "各市（含定州、辛集市）人民政府，雄安新区管委会，省政府各部门："
        );
        assert_eq!(ps[2], body);
    }

    #[test]
    fn a_page_dump_of_short_lines_is_left_alone() {
        // An information table one pair per line, a 令 and its articles:
        // widths near one another by chance, few at one margin.
        let dump = "首页 > 政府信息公开 > 省政府规章\n索 引 号：11140000012120154W/2024-00021\n主题分类：公安、安全生产\n发布机构：山西省人民政府\n成文日期：2024-01-26\n文　　号：山西省人民政府令第312号\n有 效 性：有效\n山西省电动自行车安全管理办法\n发布时间：2024-02-01 16:25:08　　来源：山西省人民政府办公厅\n【字体：大 中 小】　　打印\n山西省人民政府令\n第312号\n省长　赵立群\n2024年1月26日\n山西省电动自行车安全管理办法\n第一章　总　　则\n第一条　为了加强电动自行车安全管理，制定本办法。\n";
        assert_eq!(rewrap(dump), None);
    }

    /// Where the two uses of `ends_sentence` differ: at a wrap width, a
    /// line ending in a closing bracket is a wrapped line (the width ran
    /// out there), while the page-break join takes the bracket as a
    /// paragraph's end. Lines at one width ending in `）` are a wrapped
    /// dump; the same ending in `。` are paragraphs.
    #[test]
    fn a_closing_bracket_at_the_wrap_width_is_mid_sentence() {
        let rows = [
            "甲乙，丙丁",
            "戊己，庚辛",
            "壬癸，子丑",
            "寅卯，辰巳",
            "午未，申酉",
            "戌亥，天地",
        ];
        let dump = |end: char| -> String {
            rows.iter()
                .map(|r| format!("{}{end}\n", r.repeat(5)))
                .collect()
        };
        assert!(rewrap(&dump('）')).is_some());
        assert_eq!(rewrap(&dump('。')), None);
    }

    /// A page dump whose short lines (an information table's) share a
    /// width: its paragraphs, one per line, run many times past that width,
    /// which is then no margin.
    #[test]
    fn lines_far_past_the_width_are_paragraphs() {
        // Eleven ems each.
        let info = [
            "发文机关：国务院办公厅",
            "主题分类：商贸、海关类",
            "成文日期：二〇二五年五",
            "发布日期：二〇二五年五",
            "发文字号：国办发第一号",
            "标　　题：关于某某的意",
        ];
        let sentence = "各地区、各部门要充分认识加快培育新型消费的重要意义，结合实际抓好贯彻落实，确保各项政策落地见效。";
        let mut dump: String = info.iter().map(|l| format!("{l}\n")).collect();
        for (n, label) in ["一", "二", "三", "四", "五", "六", "七"]
            .iter()
            .enumerate()
        {
            dump.push_str(&format!("（{label}）{}\n", sentence.repeat(n + 1)));
        }
        assert_eq!(rewrap(&dump), None);
        // The same short lines in a wrapped dump do not hide its margin.
        let wrapped = format!(
            "{}{}",
            info.iter().map(|l| format!("{l}\n")).collect::<String>(),
            wrap(&sentence.repeat(12), 28.0)
        );
        assert!(rewrap(&wrapped).is_some());
    }

    /// A dump's section headings of one length (`二、培育壮大新型消费业态`,
    /// `三、完善新型消费基础设施`) are no margin: the heading after them
    /// (`五、加大政策支持力度`, two ems shorter) would be joined to its
    /// section's opening paragraph.
    #[test]
    fn section_headings_are_no_evidence_of_a_wrap_width() {
        let dump = "索引号：000014349/2025-06\n发文机关：国务院办公厅\n成文日期：2025年05月\n发布日期：2025年05月\n\
                    二、培育壮大新型消费业态\n（一）发展数字消费新业态，规范发展直播电商。\n\
                    三、完善新型消费基础设施\n（二）加快新型消费基础设施建设，加快发展。\n\
                    四、优化新型消费发展环境\n（三）强化消费者权益保护，完善监管制度。\n\
                    五、加大政策支持力度\n统筹用好超长期特别国债，向基础设施倾斜。\n\
                    六、强化组织实施保障措施\n各地区要结合实际抓好贯彻落实工作。\n";
        assert_eq!(rewrap(dump), None);
    }

    #[test]
    fn paragraph_per_line_text_is_left_alone() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/text/binjiang-2025-source.txt"
        ))
        .expect("fixture");
        assert_eq!(rewrap(&text), None);
    }
}
