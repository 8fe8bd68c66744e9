//! Markdown backend: crawler and RAG dumps of notices (`# 标题`,
//! `## 一、…`, `**发布日期**：…`, YAML front matter, `---` rules, pipe
//! tables).
//!
//! A dump is markdown by its marks, and read line by line: each line is a
//! paragraph with its marks stripped (heading `#`, blockquote `>`, bold
//! `**`, list bullets, links kept as their text), a rule becomes a break
//! between paragraphs, a pipe table becomes rows of cells. It is never
//! rewrapped as a PDF's text would be: a dump's lines are paragraphs.
//!
//! Not a CommonMark parser, on purpose: CommonMark reads `30. 加快…` as an
//! ordered list and `1.组织…` as text, joins consecutive lines into one
//! paragraph and turns a four-space indent into code, each of which would
//! lose the numbering labels the structure stage reads.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::normalize::fold;
use super::{collapse_space, Layout, Link, TextTable};
use crate::vocab;

/// YAML front matter, a heading, a bold run, a blockquote, a link.
static MARKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^#{1,6}\s+\S|^\s*>\s|\*\*[^*\n]+\*\*|\[[^\]\n]+\]\([^)\n]+\)|^\s*\|.*\|\s*$")
        .expect("valid regex")
});

static HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$").expect("valid regex"));
static RULE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s{0,3}(?:(?:-\s*){2,}|(?:\*\s*){3,}|(?:_\s*){3,})$").expect("valid regex")
});
static BLOCKQUOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s{0,3}(?:>\s?)+").expect("valid regex"));
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[-*+]\s+").expect("valid regex"));
static IMAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"!\[[^\]]*\]\([^)]*\)").expect("valid regex"));
// A target may hold one level of parentheses (`javascript:void(0);`).
static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[(?P<text>[^\]]*)\]\((?P<url>(?:[^()\s]|\([^()\s]*\))*)(?:\s+[^)]*)?\)")
        .expect("valid regex")
});
static FILE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\.(?:pdf|docx?|xlsx?|wps|ofd|zip|rar|et)(?:$|[?#])").expect("valid regex")
});
/// A front matter line whose key is an ASCII name (`og:title:`,
/// `statusCode:`), not a notice's label.
static CRAWLER_KEY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[A-Za-z_][A-Za-z0-9_.:-]*\s*:").expect("valid regex"));
static TABLE_SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*:?-{2,}:?\s*$").expect("valid regex"));

/// The header a reader proxy (Jina Reader's `r.jina.ai`, and tools copying
/// its format) puts above the page's markdown: `Title:` (the page's
/// `<title>`, SEO suffixes and all), `URL Source:`, `Published Time:`, then
/// `Markdown Content:`.
static READER_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Title|URL Source|Published Time|Markdown Content|Warning):")
        .expect("valid regex")
});

/// An ISO 8601 time in China's offset (the only one a notice's own time is
/// written in): date and time of day.
static CHINA_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\+08:?00$")
        .expect("valid regex")
});

/// Whether a text dump is markdown: front matter, a reader proxy's header,
/// or at least two marks (headings, bold runs, blockquotes, links, table
/// rows).
pub fn is_markdown(text: &str) -> bool {
    front_matter_end(text).is_some()
        || reader_header_end(text).is_some()
        || MARKS.find_iter(text).take(2).count() >= 2
}

/// Whether a dump holding `tags` inline HTML tags is still markdown: its
/// markdown marks outnumber the tags (a crawler keeps a table cell's
/// `<br>`), or it has front matter and markdown headings (a crawler that
/// kept the page's paragraphs as `<p style>` lines under its own `#`
/// title). Front matter alone does not say: a site generator's page source
/// has front matter over an HTML body.
pub fn outweighs_markup(text: &str, tags: usize) -> bool {
    MARKS.find_iter(text).take(tags + 1).count() > tags
        || (front_matter_end(text).is_some() && text.lines().any(|l| HEADING.is_match(l)))
}

/// Line index after a reader proxy's header block (ending with its
/// `Markdown Content:` line), when the dump starts with one.
fn reader_header_end(text: &str) -> Option<usize> {
    for (i, l) in text.lines().enumerate().take(20) {
        let l = l.trim();
        if l.is_empty() {
            continue;
        }
        if !READER_HEADER.is_match(l) {
            return None;
        }
        if l == "Markdown Content:" {
            return Some(i + 1);
        }
    }
    None
}

/// Line index after a YAML front matter block (`---` … `---` at the top).
fn front_matter_end(text: &str) -> Option<usize> {
    let mut lines = text
        .lines()
        .enumerate()
        .skip_while(|(_, l)| l.trim().is_empty());
    let (_, first) = lines.next()?;
    if first.trim() != "---" {
        return None;
    }
    for (i, l) in lines.take(60) {
        if l.trim() == "---" {
            return Some(i + 1);
        }
        // A key's value may go on below it: a list's items (`  - 公共文化`)
        // or a folded string's lines, indented.
        let continues = l.starts_with([' ', '\t']) || l.starts_with("- ");
        if !l.trim().is_empty() && !continues && !l.contains(':') && !l.contains('：') {
            return None;
        }
    }
    None
}

/// The words of a line that introduces a notice's official text in a
/// repost (a WeChat account's, a news site's), with its decorations
/// (`▼▼▼`, `【】`, emoji) gone: `以下为政策原文`, `原文如下`, `政策全文`,
/// `附：文件原文`. A whole line only: `阅读原文` and `原文下载` are links.
static REPOST_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:以下(?:为|是)|下面(?:为|是)|附[:：]?)?(?:政策|文件|通知|公告|意见|措施|办法)?(?:原文|全文)(?:如下)?[:：]?$",
    )
    .expect("valid regex")
});

/// A heading that opens an interpretation of the policy (`政策解读`,
/// `相关解读`, `文件解读`), its decorations gone.
static INTERPRETATION_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\W*(?:政策|文件|相关|官方|专家)?(?:解读|图解)\W*$").expect("valid regex")
});

/// A page's headline saying it interprets a policy (`《…若干措施》政策解读`,
/// `关于…的解读`, `一图读懂…`, `一图读懂｜…`, `…一图读懂`), its decorations
/// gone: six characters or more before the word, so a menu's `政策解读` or
/// a breadcrumb (`当前位置…部门解读`, with its `>`) is none.
static INTERPRETATION_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:[^>|｜]{{6,}}(?:{})|一图读懂[|｜]?[^>|｜]+)$",
        vocab::alternation(vocab::INTERPRETATION_WORDS)
    ))
    .expect("valid regex")
});

/// A post's time (`2025年03月14日 19:02`, `2025-03-14 19:02`): a byline
/// below an account's chrome (`功能介绍 …官方微信，权威发布…。`) is still
/// the page's head.
static POSTED_AT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d{4}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?\s+\d{1,2}[:：]\d{2}")
        .expect("valid regex")
});

/// Where a notice's official text has begun before any repost marker: its
/// 文号 (`沅政办发〔2025〕9号`) or a label opening its outline (`一、`,
/// `（一）`, `第一条`). A marker after these introduces something else.
static OFFICIAL_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[〔\[［(（]\d{4}[〕\]］)）]\s*\d+\s*号|^\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十百]+条)",
    )
    .expect("valid regex")
});

/// A notice's own title: its subject (`关于…`, `印发…`) and a kind of
/// 公文 or policy text at its end (folded).
static OFFICIAL_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:关于|印发|转发).*(?:通知|通报|意见|决定|办法|措施|规定|方案|细则|公告|通告|指南|计划|批复|函)$",
    )
    .expect("valid regex")
});

/// How many lines after a repost marker may come before the official
/// text's title (its 文号 above it, a blank decoration).
const OFFICIAL_TITLE_WITHIN: usize = 3;

/// Whether the official text after a repost marker opens with its own
/// title (`安农发〔2025〕9号` / `…关于印发…的通知`): the page's headline
/// above the marker (`重磅！…每亩补贴200元→`) is then the account's, not
/// the notice's, and goes with the editor text.
pub(super) fn official_title_follows<'a>(after_marker: impl IntoIterator<Item = &'a str>) -> bool {
    let lines: Vec<String> = after_marker
        .into_iter()
        .filter(|l| !l.trim().is_empty())
        .take(OFFICIAL_TITLE_WITHIN + 1)
        .map(|l| fold(l).trim().to_string())
        .collect();
    // A title set over two lines (`…办公室关于印发` / `…若干措施的通知`).
    lines
        .iter()
        .take(OFFICIAL_TITLE_WITHIN)
        .any(|l| OFFICIAL_TITLE.is_match(l))
        || lines
            .windows(2)
            .any(|w| OFFICIAL_TITLE.is_match(&format!("{}{}", w[0], w[1])))
}

/// Marks that end or split a sentence: a line holding one is prose.
const SENTENCE_MARKS: &[char] = &['。', '，', '！', '？', '；', '!', '?', ';'];

/// The lines of a repost's editor text (an account's summary of the policy,
/// its figures in bold: `每人补贴1000元！`) between the page's head and a
/// marker line introducing the official text (`以下为政策原文`), the marker
/// included: none of it is the notice, whose figures alone count. `lines`
/// are the lines' texts without their marks, each with whether it is the
/// page's title (a level-1 heading). The head is the lines before the
/// first line of prose other than the title: the title and the post's
/// byline (`原创 某某人社 2025年04月08日 18:30`), which dates the post
/// (lines of prose above its time are the account's chrome, and stay).
/// None when there is no marker, or the official text (a 文号, an outline
/// label) comes before it.
///
/// Under a headline of an interpretation (`《…》政策解读`, the page's title
/// or a line of its own) or a heading opening one (`政策解读` above the
/// account's summary), the interpretation's own outline (`一、起草背景`)
/// is no official text: the editor text starts at the first line of prose
/// or outline below the headline, and the marker must have the notice's
/// own title right after it (a 解读 page that links `政策原文` at its foot
/// keeps its text).
pub(super) fn editor_lines<'a>(
    lines: impl IntoIterator<Item = (bool, &'a str)>,
) -> Option<Range<usize>> {
    let lines: Vec<(bool, &str)> = lines.into_iter().collect();
    let mut start = None;
    let mut interpretation = false;
    for (i, &(title, line)) in lines.iter().enumerate() {
        let words: String = line
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, ':' | '：'))
            .collect();
        if REPOST_MARKER.is_match(&words) {
            let official =
                !interpretation || official_title_follows(lines[i + 1..].iter().map(|(_, l)| *l));
            return start.filter(|_| official).map(|s| s..i + 1);
        }
        // A headline is read before the text starts only (its marks kept:
        // `>` and `|` separate a headline's parts).
        let headline = || -> String {
            line.chars()
                .filter(|c| c.is_alphanumeric() || matches!(c, '>' | '|' | '｜'))
                .collect()
        };
        if (start.is_none() && INTERPRETATION_TITLE.is_match(&headline()))
            || INTERPRETATION_HEADING.is_match(line)
        {
            interpretation = true;
            continue;
        }
        let outline = OFFICIAL_TEXT.is_match(line);
        if outline && !interpretation {
            return None;
        }
        let prose = line.contains(SENTENCE_MARKS);
        if !prose && POSTED_AT.is_match(line) {
            start = None;
        } else if start.is_none() && !title && (outline || prose) {
            start = Some(i);
        }
    }
    None
}

/// A markdown dump's paragraphs, tables and rules, its first heading (the
/// title) and the files it links to.
#[derive(Debug, Default)]
pub struct Markdown {
    pub paragraphs: Vec<String>,
    pub layout: Layout,
    pub title: Option<String>,
    pub links: Vec<Link>,
}

/// Reads a markdown dump.
pub fn read(text: &str) -> Markdown {
    let mut md = Markdown::default();
    let skip = front_matter_end(text).unwrap_or(0);
    // A reader proxy's header says what the proxy saw, not what the notice
    // says (its `Title:` is the page's `<title>`); the page's own lines
    // follow it. Only its publication time is kept, as a labelled line,
    // when it is in China's offset (another offset is the proxy's guess).
    let proxy = reader_header_end(text).unwrap_or(0);
    let editor = editor_lines_of(text, skip.max(proxy));
    let mut rule_pending = false;
    let mut table: Option<TextTable> = None;
    // Whether a front matter line is (or continues) a crawler's key's value.
    let mut crawler_value = false;
    // The line after a raw HTML table read whole.
    let mut html_table_end = 0;
    for (i, line) in text.lines().enumerate() {
        if editor.as_ref().is_some_and(|r| r.contains(&i)) {
            continue;
        }
        if i < proxy {
            if let Some(t) = line.trim().strip_prefix("Published Time:") {
                if let Some(c) = CHINA_TIME.captures(t.trim()) {
                    md.paragraphs.push(format!("发布时间：{} {}", &c[1], &c[2]));
                }
            }
            continue;
        }
        // Front matter fences go; its `key: value` lines stay as the
        // labelled facts of an information table (`文号: …`), except a
        // crawler's own keys (`description:`, `keywords:`, `sourceURL:`):
        // ASCII names that no notice writes, whose values repeat the
        // page's `<meta>` tags (a description ending in 通知 is no title).
        if i < skip {
            let continues = line.starts_with([' ', '\t']) || line.starts_with("- ");
            if !continues {
                crawler_value = CRAWLER_KEY.is_match(line);
            }
            if line.trim() == "---" || crawler_value {
                continue;
            }
        }
        if i >= skip && RULE.is_match(line) {
            rule_pending = true;
            continue;
        }
        if i < html_table_end {
            continue;
        }
        let trimmed = line.trim();
        // A page's table the crawler kept as HTML (`<table …>` … `</table>`):
        // read as a page's table is, its attributes (`width:100%`) no text.
        if trimmed
            .get(..6)
            .is_some_and(|t| t.eq_ignore_ascii_case("<table"))
        {
            if let Some((end, rows)) = html_table(text, i) {
                if let Some(t) = table.take() {
                    md.layout.tables.push(t);
                }
                let start = md.paragraphs.len();
                md.paragraphs
                    .extend(rows.iter().map(|r| collapse_space(&r.join(" "))));
                md.layout.tables.push(TextTable {
                    paragraphs: start..md.paragraphs.len(),
                    rows,
                    row_paragraphs: Vec::new(),
                });
                html_table_end = end;
                continue;
            }
        }
        if trimmed.starts_with('|') && trimmed.ends_with('|') && trimmed.len() > 1 {
            let cells: Vec<String> = table_cells(&trimmed[1..trimmed.len() - 1])
                .into_iter()
                .map(|c| collapse_space(&inline(&BR.replace_all(c, " "), &mut md.links)))
                .collect();
            if cells.iter().all(|c| TABLE_SEPARATOR.is_match(c)) {
                continue;
            }
            let row = collapse_space(&cells.join(" "));
            if row.is_empty() {
                continue;
            }
            let t = table.get_or_insert_with(|| TextTable {
                paragraphs: md.paragraphs.len()..md.paragraphs.len(),
                rows: Vec::new(),
                row_paragraphs: Vec::new(),
            });
            md.paragraphs.push(row);
            t.rows.push(cells);
            t.paragraphs.end = md.paragraphs.len();
            continue;
        }
        if let Some(t) = table.take() {
            md.layout.tables.push(t);
        }
        let mut s = line.to_string();
        let mut heading = None;
        if let Some(c) = HEADING.captures(&s) {
            heading = Some(c[1].len());
            s = c[2].to_string();
        }
        s = BLOCKQUOTE.replace(&s, "").into_owned();
        let bulleted = BULLET.is_match(&s);
        s = BULLET.replace(&s, "").into_owned();
        // A list item or a line that is nothing but a link to another page
        // is a related-reading or navigation list (`## 相关阅读`, a WeChat
        // post's `往期推荐`, one link a line): its text is another page's
        // headline, whose figures are not this notice's (`最高补贴5000元！
        // …申领指南来了`). A link to a file is an attachment and stays; a
        // heading that is a link is the page's own.
        if (bulleted || heading.is_none()) && is_page_link(&s) {
            continue;
        }
        // A `<br>` a crawler kept ends a line of the page (a signature's
        // issuer over its date): each piece is a paragraph.
        let mut pieces = BR
            .split(&s)
            .map(|piece| collapse_space(&inline(piece, &mut md.links)))
            .filter(|p| !p.is_empty())
            .collect::<Vec<String>>()
            .into_iter();
        let Some(p) = pieces.next() else {
            continue;
        };
        let rest = pieces;
        // A heading introducing an interpretation after the official text
        // (`## 政策解读` below the measures): the rest is another text, a
        // 解读 whose own `一、…四、` would go on the notice's sections.
        if heading.is_some()
            && INTERPRETATION_HEADING.is_match(&p)
            && md.paragraphs.iter().any(|q| OFFICIAL_TEXT.is_match(q))
        {
            break;
        }
        if heading == Some(1) && md.title.is_none() {
            md.title = Some(p.clone());
        }
        if rule_pending {
            md.layout.rules.push(md.paragraphs.len());
            rule_pending = false;
        }
        md.paragraphs.push(p);
        md.paragraphs.extend(rest);
    }
    if let Some(t) = table.take() {
        md.layout.tables.push(t);
    }
    md
}

/// Most lines a raw HTML table of a dump may take.
const HTML_TABLE_MAX_LINES: usize = 2_000;

/// The raw HTML table opening at line `from` of a dump: the line after
/// its `</table>`, and its rows of cells (empty rows dropped). None when
/// it does not close within [`HTML_TABLE_MAX_LINES`] or holds no table of
/// data (a row or none).
fn html_table(text: &str, from: usize) -> Option<(usize, Vec<Vec<String>>)> {
    let lines: Vec<&str> = text.lines().skip(from).take(HTML_TABLE_MAX_LINES).collect();
    let close = lines
        .iter()
        .position(|l| l.to_ascii_lowercase().contains("</table>"))?;
    let rows = super::html::fragment_table(&lines[..=close].join("\n"))?;
    Some((from + close + 1, rows))
}

/// [`editor_lines`] of a markdown dump whose page starts at line `from`
/// (after front matter or a reader proxy's header), as line indices.
fn editor_lines_of(text: &str, from: usize) -> Option<Range<usize>> {
    let mut scratch = Vec::new();
    let mut seen_title = false;
    let lines: Vec<(bool, String)> = text
        .lines()
        .skip(from)
        .map(|line| {
            let (level, body) = HEADING.captures(line).map_or((0, line), |c| {
                (c[1].len(), c.get(2).map_or("", |m| m.as_str()))
            });
            let title = level == 1 && !seen_title;
            seen_title |= title;
            (title, inline(body, &mut scratch))
        })
        .collect();
    let r = editor_lines(lines.iter().map(|(t, l)| (*t, l.as_str())))?;
    Some(r.start + from..r.end + from)
}

/// Whether `s` is one link, whole, to another page (not a file, not a
/// place in this one); a date
/// after it (`[…](…) 2025-02-20`, `（2025年2月20日）`) is the listed page's.
fn is_page_link(s: &str) -> bool {
    static TRAILING_DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s*[(（\[]?\d{4}(?:[-/.]\d{1,2}[-/.]\d{1,2}|年\d{1,2}月\d{1,2}日)[)）\]]?\s*$")
            .expect("valid regex")
    });
    let s = s.trim();
    let s = match TRAILING_DATE.find(s) {
        Some(m) if m.start() > 0 && s[..m.start()].ends_with(')') => &s[..m.start()],
        _ => s,
    };
    LINK.captures(s).is_some_and(|c| {
        let whole = c.get(0).expect("match");
        whole.start() == 0
            && whole.end() == s.len()
            && !FILE.is_match(&c["url"])
            && !FILE.is_match(&c["text"])
            // A link within the page (`[第一章　总则](#c1)`, a 目录's
            // entry) is to this page's own text.
            && !c["url"].trim_start().starts_with('#')
    })
}

/// Inline marks of one line: images dropped, links kept as their text (a
/// file link also noted), bold and code marks removed.
fn inline(s: &str, links: &mut Vec<Link>) -> String {
    // A backslash escape (`1\.` for a list number kept as text, `\[13.5\]`,
    // `\>`) is the character itself. It is set aside first, in the private
    // use plane, so no mark below reads it, and put back last.
    const SET_ASIDE: u32 = 0xF_0000;
    let escaped = ESCAPE.replace_all(s, |c: &regex::Captures<'_>| {
        let ch = c[1].chars().next().expect("one character");
        char::from_u32(SET_ASIDE + ch as u32)
            .expect("a private use character")
            .to_string()
    });
    let s = inline_marks(&escaped, links);
    s.chars()
        .map(|c| match c as u32 {
            u if (SET_ASIDE..SET_ASIDE + 0x80).contains(&u) => {
                char::from_u32(u - SET_ASIDE).expect("ASCII")
            }
            _ => c,
        })
        .collect()
}

/// A pipe table row's cells: split at every `|` but an escaped one
/// (`政务服务\|增值服务` is one cell, its `\|` read by [`inline`]).
fn table_cells(row: &str) -> Vec<&str> {
    let mut cells = Vec::new();
    let mut from = 0;
    let mut escaped = false;
    for (i, c) in row.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => {
                cells.push(&row[from..i]);
                from = i + 1;
            }
            _ => escaped = false,
        }
    }
    cells.push(&row[from..]);
    cells
}

/// A line break inside a table cell (`市住建局<br>市市场监管局`, the only
/// way a pipe table writes one): white space between the cell's lines, so
/// a list of names stays a list.
static BR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)<br\s*/?>").expect("valid regex"));

/// A backslash before ASCII punctuation (CommonMark's escapes).
static ESCAPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\\([!-/:-@\[-`{-~])").expect("valid regex"));

/// An anchor a page sets for its 目录's links (`<a id="第一章总则"></a>`
/// before a chapter's label): no text.
static ANCHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<a\s+(?:id|name)\s*=\s*["'][^"'<>]*["']\s*/?>\s*(?:</a>)?"#)
        .expect("valid regex")
});

/// The inline HTML a crawler keeps in a markdown line around the text of
/// a paragraph (`<p style="text-indent: 2em;">…</p>`, `<span style>`,
/// `<strong>`): the tags go, the text stays.
static INLINE_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)</?(?:p|span|div|font|strong|b|em|i|u|section|center)(?:\s[^<>]*)?/?>")
        .expect("valid regex")
});

/// Images, anchors, inline tags, links (files kept), emphasis marks.
fn inline_marks(s: &str, links: &mut Vec<Link>) -> String {
    let s = ANCHOR.replace_all(s, "");
    let s = INLINE_TAG.replace_all(&s, "");
    let s = IMAGE.replace_all(&s, "");
    let s = LINK.replace_all(&s, |c: &regex::Captures<'_>| {
        let text = c["text"].trim().to_string();
        let url = c["url"].trim().to_string();
        if FILE.is_match(&url) || FILE.is_match(&text) {
            links.push(Link {
                text: text.clone(),
                url,
            });
        }
        text
    });
    let s = s.replace("**", "").replace("__", "").replace('`', "");
    let s = EMPHASIS.replace_all(&s, "$text");
    underscore_emphasis(&s)
}

/// A run in single asterisks (`*2025年03月14日 18:06*`, a WeChat export's
/// italics): the marks go, the text stays.
static EMPHASIS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\*(?P<text>[^*\s](?:[^*\n]*[^*\s])?)\*").expect("valid regex"));

/// A run in single underscores (`_2025年03月31日 17:42_`, the other
/// converters' italics).
static UNDERSCORED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"_(?P<text>[^_\s](?:[^_\n]*[^_\s])?)_").expect("valid regex"));

/// Drops the marks of [`UNDERSCORED`] runs that stand apart from the
/// words around them: as in CommonMark, underscores inside a word
/// (`file_name_v2`) are no emphasis.
fn underscore_emphasis(s: &str) -> String {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for c in UNDERSCORED.captures_iter(s) {
        let m = c.get(0).expect("match");
        if m.start() < last
            || word(s[..m.start()].chars().next_back())
            || word(s[m.end()..].chars().next())
        {
            continue;
        }
        out.push_str(&s[last..m.start()]);
        out.push_str(&c["text"]);
        last = m.end();
    }
    out.push_str(&s[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn underscored_runs_apart_from_words_are_emphasis() {
        assert_eq!(
            underscore_emphasis("原创 某某交警 _2025年03月31日 17:42_ _浙江_"),
            "原创 某某交警 2025年03月31日 17:42 浙江"
        );
        assert_eq!(
            underscore_emphasis("见 file_name_v2 与 a_b"),
            "见 file_name_v2 与 a_b"
        );
    }

    #[test]
    fn marks_are_stripped_and_lines_stay_paragraphs() {
        let text = "---\n标题: 关于印发某方案的通知\ndescription: 某某关于印发某方案的通知\nsourceURL: https://example.gov.cn/a\n文号: 沪府办发〔2020〕3号\n---\n\n> 本文正文由脚本提取，以[官方链接](https://example.gov.cn/a)为准。\n\n# 某某实施意见\n\n**发布日期**：2026年1月19日\n\n---\n\n## 一、总体要求\n\n### （一）加强领导\n\n30. 加快出台标准\n1.组织排查\n    2.建立台账\n### 3\\. 完善\\*机制\\*，累计\\[13.5\\]\n\n- 附件：[附件1.pdf](/files/a1.pdf)\n";
        assert!(is_markdown(text));
        let md = read(text);
        assert_eq!(
            md.paragraphs,
            [
                "标题: 关于印发某方案的通知",
                "文号: 沪府办发〔2020〕3号",
                "本文正文由脚本提取，以官方链接为准。",
                "某某实施意见",
                "发布日期：2026年1月19日",
                "一、总体要求",
                "（一）加强领导",
                "30. 加快出台标准",
                "1.组织排查",
                "2.建立台账",
                "3. 完善*机制*，累计[13.5]",
                "附件：附件1.pdf",
            ]
        );
        assert_eq!(md.title.as_deref(), Some("某某实施意见"));
        // The crawler's `description:` and `sourceURL:` are not the notice's.
        assert_eq!(md.layout.rules, [5]);
        assert_eq!(
            md.links,
            [Link {
                text: "附件1.pdf".into(),
                url: "/files/a1.pdf".into()
            }]
        );
    }

    #[test]
    fn front_matter_lists_are_its_own() {
        // A crawler's `tags:` with its items below: still front matter, and
        // the items are the crawler's as its key is (`tags:` had been read
        // as the notice's 主送 line, ending in a colon).
        let md = read(
            "---\ntitle: \"某通知_政策发布_某网站\"\ntags:\n  - 公共文化\n  - 转移支付\n发文机关: 财政部\n---\n\n# 关于某事项的通知\n\n各省财政厅：\n",
        );
        assert_eq!(
            md.paragraphs,
            ["发文机关: 财政部", "关于某事项的通知", "各省财政厅："]
        );
    }

    #[test]
    fn a_raw_html_table_is_a_table() {
        // Its attributes are no text (`width:100%` had been a percentage);
        // a cell merged down shows in each row it covers.
        let md = read(
            "**（四）补贴标准。**\n\n<table border=\"1\" style=\"width:100%\">\n<tr><th>序号</th><th>机具</th><th>补贴标准</th><th>备注</th></tr>\n<tr><td>1</td><td>插秧机</td><td>1.1万元/台</td><td rowspan=\"2\">须安装终端</td></tr>\n<tr><td>2</td><td>烘干机</td><td>0.9万元/台</td></tr>\n</table>\n\n（五）其他。\n",
        );
        assert_eq!(
            md.paragraphs,
            [
                "（四）补贴标准。",
                "序号 机具 补贴标准 备注",
                "1 插秧机 1.1万元/台 须安装终端",
                "2 烘干机 0.9万元/台 须安装终端",
                "（五）其他。"
            ]
        );
        assert_eq!(md.layout.tables.len(), 1);
        assert_eq!(md.layout.tables[0].paragraphs, 1..4);
        assert_eq!(
            md.layout.tables[0].rows[2],
            ["2", "烘干机", "0.9万元/台", "须安装终端"]
        );
    }

    #[test]
    fn italics_and_links_with_parentheses_keep_their_text() {
        let md = read("# 标题\n\n原创 某市发改 [某市发改](javascript:void(0);)\n\n*2025年03月14日 18:06* *山东*\n\n单价3*4米\n");
        assert_eq!(
            md.paragraphs,
            [
                "标题",
                "原创 某市发改 某市发改",
                "2025年03月14日 18:06 山东",
                "单价3*4米"
            ]
        );
    }

    #[test]
    fn a_list_of_links_to_pages_is_dropped_but_file_links_stay() {
        let md = read(
            "# 关于印发若干措施的通知\n\n一、对首店给予最高50万元奖励。\n\n\
             附件：[申报指南.docx](http://x.gov.cn/a.docx)\n\n## 相关阅读\n\n\
             - [全区零售总额同比增长6.8%](http://x.gov.cn/a.html)\n\
             * [2024年度奖励资金2.16亿元兑现到位](http://x.gov.cn/e.html) 2025-02-20\n\
             - [首店奖励申报启动](http://x.gov.cn/f.html)（2025年1月6日）\n\
             - 截至2025-02-20\n\
             - [附件2：申报表](http://x.gov.cn/b.xlsx)\n\
             - 对企业给予[补贴](http://x.gov.cn/c.html)100万元\n\n\
             **往期推荐**\n\n\
             [最高补贴5000元！技能培训补贴申领指南来了](https://mp.weixin.qq.com/s?a=1)\n\n\
             ## [关于印发若干措施的通知](http://x.gov.cn/d.html)\n",
        );
        assert_eq!(
            md.paragraphs,
            [
                "关于印发若干措施的通知",
                "一、对首店给予最高50万元奖励。",
                "附件：申报指南.docx",
                "相关阅读",
                "截至2025-02-20",
                "附件2：申报表",
                "对企业给予补贴100万元",
                "往期推荐",
                "关于印发若干措施的通知",
            ]
        );
        assert_eq!(md.links.len(), 2);
        // A 目录 of links within the page is the page's own text.
        let md = read("# 某市条例\n\n**目　　录**\n\n[第一章　总　　则](#c1)\n[第二章　附　　则](#c2)\n\n## 第一章　总　　则\n");
        assert_eq!(
            md.paragraphs,
            [
                "某市条例",
                "目　录",
                "第一章　总　则",
                "第二章　附　则",
                "第一章　总　则"
            ]
        );
        // A paragraph kept as its page's tags is its text.
        let md = read("# 某市关于某事的通知\n\n<p style=\"text-indent: 2em;\"><span style=\"font-weight: bold;\">（一）支持企业。</span>奖励10万元。<span>（责任单位：市商务局）</span></p>\n<p style=\"text-align: right;\">某市人民政府<br/>2025年4月3日</p>\n");
        assert_eq!(
            md.paragraphs,
            [
                "某市关于某事的通知",
                "（一）支持企业。奖励10万元。（责任单位：市商务局）",
                "某市人民政府",
                "2025年4月3日"
            ]
        );
        // The anchors its links point at are no text.
        let md = read("## 目录\n\n- [第一章　总则](#c1)\n\n<a id=\"top\"></a>\n\n### <a id=\"c1\"></a>第一章　总则\n\n**第一条**　为了规范管理，制定本办法。\n");
        assert_eq!(
            md.paragraphs,
            [
                "目录",
                "第一章　总则",
                "第一章　总则",
                "第一条　为了规范管理，制定本办法。"
            ]
        );
    }

    /// A portal's 解读 page carrying the notice below `附：政策原文`: the
    /// interpretation's own outline is no official text, its headline and
    /// info bar stay (they date the page); a marker not followed by the
    /// notice's title (a link at the page's foot) cuts nothing.
    #[test]
    fn an_interpretation_before_the_official_text_is_dropped() {
        let page = [
            "某县人民政府门户网站",
            "当前位置：首页 > 政务公开 > 政策解读 > 部门解读",
            "《某县促进民营经济发展若干措施》政策解读",
            "发布时间：2025-03-18 16:42 来源：县发改局",
            "一、起草背景",
            "民营经济是重要力量，贡献60%以上的税收。",
            "二、主要内容",
            "（一）安排不少于3000万元专项资金。",
            "附：政策原文",
            "某县人民政府办公室关于印发《某县促进民营经济发展若干措施》的通知",
            "某政办发〔2025〕4号",
            "一、优化发展环境",
        ];
        let lines = || page.iter().enumerate().map(|(i, l)| (i == 0, *l));
        assert_eq!(editor_lines(lines()), Some(4..9));
        let mut linked = page;
        linked[9] = "相关链接";
        let lines = || linked.iter().enumerate().map(|(i, l)| (i == 0, *l));
        assert_eq!(editor_lines(lines()), None);
        // A post's time below the account's chrome keeps its head.
        let post = [
            "一图读懂丨某市出台12条措施",
            "功能介绍 某市人民政府新闻办公室官方微信，权威发布政务信息。",
            "2025年03月14日 19:02 浙江",
            "近日，某市印发若干措施。",
            "一、出台背景",
            "附：政策原文",
            "某市人民政府办公室关于印发若干措施的通知",
        ];
        let lines = || post.iter().enumerate().map(|(i, l)| (i == 0, *l));
        assert_eq!(editor_lines(lines()), Some(3..6));
        // The headline's bar a full-width `｜` (not the character `丨`).
        let mut barred = post;
        barred[0] = "一图读懂｜某市出台12条措施";
        let lines = || barred.iter().enumerate().map(|(i, l)| (i == 0, *l));
        assert_eq!(editor_lines(lines()), Some(3..6));
        // A heading opening the account's interpretation, the notice's
        // title set over two lines below the marker.
        let post = [
            "重磅！某县出台8条措施，最高奖励500万元",
            "政策解读",
            "近日，县政府办公室印发若干措施。",
            "一、出台背景",
            "全县接待游客1260万人次。",
            "政策原文",
            "某政办发〔2025〕8号",
            "某县人民政府办公室关于印发",
            "某县促进文旅消费若干措施的通知",
        ];
        let lines = || post.iter().enumerate().map(|(i, l)| (i == 0, *l));
        assert_eq!(editor_lines(lines()), Some(2..6));
        // A menu's `政策解读` above a notice's own outline cuts nothing
        // when no notice's title follows a marker.
        let mut menu = linked;
        menu[2] = "政策解读";
        let lines = || menu.iter().enumerate().map(|(i, l)| (i == 0, *l));
        assert_eq!(editor_lines(lines()), None);
    }

    /// A WeChat repost (c3): the account's summary of the policy before
    /// `以下为政策原文` repeats and adds figures; the title and byline stay.
    #[test]
    fn a_repost_s_editor_text_before_the_official_text_is_dropped() {
        let post = "# 重磅！稳就业“新12条”来了，这些补贴你能领👇\n\n原创 某某人社 [某某人社](javascript:void(0);) *2025年04月08日 18:30* *湖南*\n\n🔥近日，市政府办公室印发若干措施，小编帮大家划好了重点～\n\n## ▍政策解读\n\n💰 **企业招人有补贴**\n吸纳就业每人补贴**1000元**！\n\n---\n\n▼▼▼ **以下为政策原文** ▼▼▼\n\n---\n\n**某某市人民政府办公室关于印发若干措施的通知**\n\n某政办发〔2025〕9号\n\n### 一、强化企业吸纳就业支持\n\n**（一）发放补贴。**每人补贴1000元。\n";
        let md = read(post);
        assert_eq!(
            md.paragraphs,
            [
                "重磅！稳就业“新12条”来了，这些补贴你能领👇",
                "原创 某某人社 某某人社 2025年04月08日 18:30 湖南",
                "某某市人民政府办公室关于印发若干措施的通知",
                "某政办发〔2025〕9号",
                "一、强化企业吸纳就业支持",
                "（一）发放补贴。每人补贴1000元。",
            ]
        );
        // The rules around the dropped marker still break the text.
        assert_eq!(md.layout.rules, [2]);
        for marker in [
            "原文如下：",
            "【政策全文】",
            "附：文件原文",
            "以下是通知原文",
        ] {
            let post = format!("# 标题\n\n近日，某市印发措施，补贴1000元。\n\n{marker}\n\n关于印发若干措施的通知\n");
            assert_eq!(
                read(&post).paragraphs,
                ["标题", "关于印发若干措施的通知"],
                "{marker}"
            );
        }
        // A marker after the official text has begun (its 文号, its
        // outline) introduces something else; `阅读原文` is a link.
        for text in [
            "# 标题\n\n某政办发〔2025〕9号\n\n现将措施印发给你们，请认真执行。\n\n政策全文\n\n正文",
            "# 标题\n\n一、总体要求\n\n加快发展，补贴1000元。\n\n原文如下\n\n正文",
            "# 标题\n\n近日，某市印发措施，补贴1000元。\n\n阅读原文\n\n正文",
        ] {
            assert_eq!(
                read(text).paragraphs.len(),
                text.split("\n\n").count(),
                "{text}"
            );
        }
    }

    /// An interpretation after the official text (`## 政策解读` below the
    /// measures) is another text: its numbered parts and figures are not
    /// the notice's. Before any official text, such a heading stays.
    #[test]
    fn an_interpretation_after_the_official_text_is_dropped() {
        let md = read(
            "# 某市关于印发若干措施的通知\n\n## 政策全文\n\n### 一、提振消费\n\n**（一）汽车补贴。** 每辆补贴8000元。\n\n## 政策解读\n\n一、起草背景\n\n四、解读机关及联系方式\n",
        );
        assert_eq!(
            md.paragraphs.last().map(String::as_str),
            Some("（一）汽车补贴。 每辆补贴8000元。")
        );
        let md = read("# 某市若干措施政策解读\n\n## 政策解读\n\n一、起草背景\n");
        assert_eq!(
            md.paragraphs.last().map(String::as_str),
            Some("一、起草背景")
        );
    }

    #[test]
    fn pipe_tables_become_rows_of_cells() {
        let md = read("## 附表\n\n| 指标 | 2025年 |\n|---|:---:|\n| 研发投入 | 3.5% |\n\n正文");
        assert_eq!(
            md.paragraphs,
            ["附表", "指标 2025年", "研发投入 3.5%", "正文"]
        );
        assert_eq!(md.layout.tables.len(), 1);
        assert_eq!(md.layout.tables[0].paragraphs, 1..3);
        assert_eq!(md.layout.tables[0].rows[1], ["研发投入", "3.5%"]);
    }

    /// A cell's `<br>` separates its lines; an escaped `\|` is text, not a
    /// column.
    #[test]
    fn table_cells_keep_escaped_pipes_and_break_at_br() {
        let md = read(
            "| 序号 | 任务 | 牵头单位 |\n|---|---|---|\n| 1 | 推进“政务服务\\|增值服务”双清单 | 区住建局<br>区市场监管局<BR/>区数据局 |\n",
        );
        assert_eq!(
            md.layout.tables[0].rows[1],
            [
                "1",
                "推进“政务服务|增值服务”双清单",
                "区住建局 区市场监管局 区数据局"
            ]
        );
    }

    #[test]
    fn a_reader_proxys_header_is_dropped_but_its_time() {
        let dump = "Title: 关于印发某方案的通知_政策文件_某省人民政府网\n\nURL Source: https://example.gov.cn/a.html\n\nPublished Time: 2024-07-29T16:40:00+08:00\n\nMarkdown Content:\n关于印发某方案的通知\n\n各市人民政府：\n\n一、总体要求\n";
        assert!(is_markdown(dump));
        let md = read(dump);
        assert_eq!(
            md.paragraphs,
            [
                "发布时间：2024-07-29 16:40:00",
                "关于印发某方案的通知",
                "各市人民政府：",
                "一、总体要求"
            ]
        );
        // Only at the top, and only the whole block.
        assert_eq!(
            reader_header_end("正文\nTitle: x\nMarkdown Content:\n"),
            None
        );
    }

    #[test]
    fn plain_text_is_not_markdown() {
        assert!(!is_markdown(
            "关于印发某方案的通知\n各区：\n一、总体要求\n（一）加强领导。"
        ));
        // One bold run alone is not enough.
        assert!(!is_markdown("关于**某**的通知\n一、总体要求"));
    }
}
