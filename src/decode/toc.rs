//! Tables of contents: a long 规划 or 方案 (a PDF, a `.docx`, a page made
//! from either) opens with one, a `目录` heading and a line per heading
//! with a dot leader and a page number:
//!
//! ```text
//!                         目    录
//!   第一章 发展基础与形势 ·········································· 3
//!     第一节 发展基础 ·············································· 3
//!   一、总体要求……………………………………1
//! ```
//!
//! Its lines start like the headings they list, so read as the outline they
//! open it a second time: the real chapters then get the wrong numbers and
//! every figure the wrong section. This pass finds such runs of lines in
//! the decoded paragraphs, whatever the backend, and removes them, as
//! [`super::repeated`] removes a second copy of the body.
//!
//! An *entry* is a title (some letters or ideographs, at most
//! [`TITLE_MAX_CHARS`]) and a leader (dots `.` `·` `…` `．`, dashes `-`
//! `—`, rules `_`, possibly spaced) ending in a page number, or in the
//! paragraph's end when the number is a line of its own (`pdftotext
//! -layout` puts a long title's number on the next line; plain `pdftotext`
//! may list the numbers after all the titles). A dump's rewrapping may glue
//! entries into one paragraph, and the last one to the first heading of the
//! body (`第四章 保障措施……5前 言`): the entries are read one after the
//! other, and such a body heading is kept. A Word table of contents draws
//! its leaders with a tab stop, so the text only has a space before the
//! number (`第一章 总则 3`): a *weak* entry, taken only under a `目录`
//! heading or when the body repeats its titles.
//!
//! What makes a table of contents (being conservative: one dotted line in
//! running text, or a `目录` heading alone, is not one):
//! - a `目录` / `目錄` / `目次` heading and at least two entries after it;
//! - or at least three entries with leaders and page numbers that never go
//!   down (a table of contents lists the pages in order);
//! - or at least three entries, most of whose titles are paragraphs of
//!   their own further on (the headings they list).
//!
//! Between the entries a run may hold lone page numbers (`5`, `- 2 -`) and
//! up to [`CONTINUATION_MAX_LINES`] short lines before an entry (the first
//! line of a wrapped title, a running header). A run overlapping a table of
//! data only in part is left alone.
//!
//! A law's table of contents (`目录` and chapter titles, no leaders, no
//! page numbers) is not taken here: the outline reads it
//! (`structure::bounds::find_toc`).

use std::collections::HashMap;
use std::ops::Range;

use super::{count_non_space, non_space_limit, Text};
use crate::model::{Warning, WarningCode};

/// Longest title of an entry with a leader (characters other than white
/// space): a 规划's longest headings are about 40; a sentence of running
/// text with an ellipsis is longer.
const TITLE_MAX_CHARS: usize = 80;
/// Longest title of a weak entry (no leader): a heading, not a sentence.
const WEAK_TITLE_MAX_CHARS: usize = 60;
/// A leader's length in dots (`…` counts three): two are punctuation
/// (`——`, `..`), three are a leader.
const LEADER_MIN_DOTS: usize = 3;
/// Digits of a page number.
const PAGE_MAX_DIGITS: usize = 4;
/// Entries after a `目录` heading that make it a table of contents.
const HEADED_MIN_ENTRIES: usize = 2;
/// Entries that make a table of contents without a heading.
const BARE_MIN_ENTRIES: usize = 3;
/// Lines other than entries in a row inside a table of contents (the
/// first line of a wrapped title, a running header).
const CONTINUATION_MAX_LINES: usize = 2;

/// A table of contents found among the paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toc {
    /// The paragraphs it is, removed whole.
    pub paragraphs: Range<usize>,
    /// The paragraph after them whose start is its last entry, glued to
    /// the body's first heading by a dump's rewrapping: (index, bytes of
    /// the entry to remove from its start).
    pub glued: Option<(usize, usize)>,
    /// Whether it has a `目录` heading.
    pub heading: bool,
    /// How many entries it lists.
    pub entries: usize,
}

/// Removes the tables of contents from `text`'s paragraphs (their tables
/// and OCR confidences follow); one warning for each.
pub fn drop_tables_of_contents(text: &mut Text) -> Vec<Warning> {
    let found = find_tables_of_contents(&text.paragraphs);
    // A table of data partly inside: its rows would lose their indices.
    let fits = |toc: &Toc| {
        let drop = &toc.paragraphs;
        let glued = toc.glued.map(|(i, _)| i);
        text.layout.tables.iter().all(|t| {
            let p = &t.paragraphs;
            let apart = p.end <= drop.start || p.start >= drop.end;
            let inside = p.start >= drop.start && p.end <= drop.end;
            (apart || inside) && glued.is_none_or(|g| !p.contains(&g))
        })
    };
    let found: Vec<Toc> = found.into_iter().filter(fits).collect();
    let warnings = found
        .iter()
        .map(|toc| {
            let (from, to) = (toc.paragraphs.start + 1, toc.paragraphs.end);
            let heading = if toc.heading { "a 目录 heading and " } else { "" };
            let glued = match toc.glued {
                Some((i, _)) => format!(" and the start of paragraph {}", i + 1),
                None => String::new(),
            };
            Warning::new(
                WarningCode::TableOfContentsDropped,
                format!(
                    "paragraphs {from}..{to}{glued} are a table of contents ({heading}{} entries with page numbers); they were dropped, the outline is read from the headings",
                    toc.entries
                ),
            )
        })
        .collect();
    for toc in found.iter().rev() {
        if let Some((i, head)) = toc.glued {
            let p = &mut text.paragraphs[i];
            let removed = count_non_space(&p[..head]);
            p.replace_range(..head, "");
            if let Some(conf) = text.confidence.as_mut().and_then(|c| c.get_mut(i)) {
                conf.drain(..removed.min(conf.len()));
            }
        }
        let drop = toc.paragraphs.clone();
        text.paragraphs.drain(drop.clone());
        if let Some(conf) = text.confidence.as_mut() {
            conf.drain(drop.start.min(conf.len())..drop.end.min(conf.len()));
        }
        text.layout.remove(drop);
    }
    warnings
}

/// What a paragraph is to a table of contents.
#[derive(Debug, Clone, PartialEq)]
enum Line {
    /// `目录`, `目 录`, `目錄：`.
    Heading,
    /// One or more entries with leaders, nothing else.
    Entries(Vec<Entry>),
    /// Entries with leaders, then other text (`第四章 保障措施……5前 言`):
    /// the entries end at byte `head`.
    Glued { entries: Vec<Entry>, head: usize },
    /// A title, white space and a page number (a Word entry's tab).
    Weak(Entry),
    /// A page number alone (`5`, `- 2 -`, `ii`).
    Page,
    /// Anything else; `short` when it could be the first line of a
    /// wrapped title or a running header (no longer than a weak entry's
    /// title, no sentence marks).
    Other { short: bool },
}

/// An entry of a table of contents.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    /// Its title without white space: what the heading says.
    key: String,
    /// The page number; `None` when the leader ends the line; 0 for a
    /// roman numeral (front matter).
    page: Option<u32>,
}

/// The tables of contents among `paragraphs`, in order.
pub fn find_tables_of_contents(paragraphs: &[String]) -> Vec<Toc> {
    let lines: Vec<Line> = paragraphs.iter().map(|p| classify(p)).collect();
    // The paragraphs by their text without white space, to the last index:
    // whether an entry's title is a heading further on. Built on demand.
    let mut later: Option<HashMap<String, usize>> = None;
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !matches!(
            lines[i],
            Line::Heading | Line::Entries(_) | Line::Glued { .. } | Line::Weak(_)
        ) {
            i += 1;
            continue;
        }
        let run = read_run(&lines, i);
        let accepted = run.is_toc(|key| {
            let later = later.get_or_insert_with(|| {
                paragraphs
                    .iter()
                    .enumerate()
                    .map(|(k, p)| (p.split_whitespace().collect::<String>(), k))
                    .collect()
            });
            later.get(key).is_some_and(|&k| k >= run.end)
        });
        if accepted {
            let glued = match &lines[run.end - 1] {
                Line::Glued { head, .. } => Some((run.end - 1, *head)),
                _ => None,
            };
            let drop_end = if glued.is_some() {
                run.end - 1
            } else {
                run.end
            };
            found.push(Toc {
                paragraphs: i..drop_end,
                glued,
                heading: run.heading,
                entries: run.entries(),
            });
        }
        // A run starting later inside this one would be a part of it, never
        // more of a table of contents: go on after it (this keeps the pass
        // linear on thousands of `姓名……` lines).
        i = if accepted { run.end } else { run.scanned }.max(i + 1);
    }
    found
}

/// A run of paragraphs that may be a table of contents.
struct Run<'a> {
    end: usize,
    heading: bool,
    /// Its entries, in order.
    entries: Vec<&'a Entry>,
    /// How many of them have no leader.
    weak: usize,
    /// Lone page numbers among its lines.
    lone_pages: usize,
    /// Where reading it stopped (`end` stops before lines it is not sure
    /// of at its end).
    scanned: usize,
}

impl Run<'_> {
    /// Entries that count: a leader without its number counts when lone
    /// numbers are in the run (a fill-in form's `姓名……` lines have none).
    fn entries(&self) -> usize {
        let paged = self.entries.iter().filter(|e| e.page.is_some()).count();
        let bare = self.entries.len() - paged;
        paged + bare.min(self.lone_pages)
    }

    /// Whether the run is a table of contents; `repeated` says whether a
    /// title is a paragraph of its own after the run.
    fn is_toc(&self, mut repeated: impl FnMut(&str) -> bool) -> bool {
        let entries = self.entries();
        if self.heading && entries >= HEADED_MIN_ENTRIES {
            return true;
        }
        if entries < BARE_MIN_ENTRIES {
            return false;
        }
        // Leaders and page numbers in order.
        let strong = entries - self.weak.min(entries);
        let pages: Vec<u32> = self.entries.iter().filter_map(|e| e.page).collect();
        if strong >= BARE_MIN_ENTRIES && pages.windows(2).all(|w| w[0] <= w[1]) {
            return true;
        }
        // Titles the body repeats as its headings: two in three, at least
        // three.
        let titles = self.entries.len();
        let again = self.entries.iter().filter(|e| repeated(&e.key)).count();
        again >= BARE_MIN_ENTRIES && again * 3 >= titles * 2
    }
}

/// The run of table-of-contents lines from `start` (a heading or an
/// entry): entries, lone page numbers and short lines before an entry; a
/// glued entry ends it. It ends after its last heading, entry with a page
/// number or lone page number: a line ending in `……` after them is text.
fn read_run(lines: &[Line], start: usize) -> Run<'_> {
    let mut run = Run {
        end: start,
        heading: false,
        entries: Vec::new(),
        weak: 0,
        lone_pages: 0,
        scanned: start,
    };
    // The run up to its last line that is sure: (end, entries).
    let mut sure = (start, 0);
    let mut j = start;
    while j < lines.len() {
        match &lines[j] {
            Line::Heading if j == start => run.heading = true,
            // Another heading starts another run.
            Line::Heading => break,
            Line::Entries(es) => run.entries.extend(es),
            Line::Weak(e) => {
                run.entries.push(e);
                run.weak += 1;
            }
            Line::Glued { entries, .. } => {
                run.entries.extend(entries);
                sure = (j + 1, run.entries.len());
                break;
            }
            Line::Page => run.lone_pages += 1,
            Line::Other { short: true } => {
                // A few short lines, then an entry with a leader.
                let next = (j..lines.len())
                    .take(CONTINUATION_MAX_LINES + 1)
                    .find(|&k| !matches!(lines[k], Line::Other { short: true }));
                match next {
                    Some(k) if matches!(lines[k], Line::Entries(_) | Line::Glued { .. }) => {
                        j = k;
                        continue;
                    }
                    _ => break,
                }
            }
            Line::Other { short: false } => break,
        }
        let is_sure = match &lines[j] {
            Line::Entries(es) => es.last().is_some_and(|e| e.page.is_some()),
            _ => true,
        };
        if is_sure {
            sure = (j + 1, run.entries.len());
        }
        j += 1;
    }
    run.scanned = j;
    run.end = sure.0;
    run.entries.truncate(sure.1);
    run
}

/// What `p` is to a table of contents.
fn classify(p: &str) -> Line {
    if is_heading(p) {
        return Line::Heading;
    }
    let (entries, head) = read_entries(p);
    if !entries.is_empty() {
        if head >= p.len() {
            return Line::Entries(entries);
        }
        if entries.last().is_some_and(|e| e.page.is_some()) {
            return Line::Glued { entries, head };
        }
    }
    if let Some(e) = weak_entry(p) {
        return Line::Weak(e);
    }
    if is_lone_page(p) {
        return Line::Page;
    }
    Line::Other {
        short: at_most_non_space(p, WEAK_TITLE_MAX_CHARS) && !p.contains(SENTENCE_MARKS),
    }
}

/// Whether `s` has at most `max` characters other than white space
/// (`count_non_space(s) <= max`), read no further than the one past `max`:
/// most paragraphs are far longer than a title.
fn at_most_non_space(s: &str, max: usize) -> bool {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .take(max + 1)
        .count()
        <= max
}

/// `目录` and its spellings, spaced or not, with a colon or not.
fn is_heading(p: &str) -> bool {
    // Read up to four characters, not the whole paragraph: every paragraph
    // of every page is asked, and almost all differ at the first.
    let mut key = p.chars().filter(|c| !c.is_whitespace());
    let (Some(a), Some(b)) = (key.next(), key.next()) else {
        return false;
    };
    if a != '目' || !matches!(b, '录' | '錄' | '次') {
        return false;
    }
    match key.next() {
        None => true,
        Some(':' | '：') => key.next().is_none(),
        Some(_) => false,
    }
}

/// How many dots a leader character stands for (0: not a leader's).
fn leader_dots(c: char) -> usize {
    match c {
        '…' | '⋯' => 3,
        '‥' => 2,
        '.' | '·' | '．' | '•' | '・' | '‧' | '∙' | '⋅' | '﹒' | '-' | '－' | '—' | '―' | '─'
        | '–' | '_' | '＿' => 1,
        _ => 0,
    }
}

/// The next leader in `s` from byte `from`: a run of leader characters and
/// white space, from a leader character to a leader character, of at least
/// [`LEADER_MIN_DOTS`] dots. Its byte range.
#[cfg(test)]
fn next_leader(s: &str, from: usize) -> Option<Range<usize>> {
    next_leader_before(s, from, s.len())
}

/// [`next_leader`], for a leader that starts at or before byte `until`.
fn next_leader_before(s: &str, from: usize, until: usize) -> Option<Range<usize>> {
    let mut pos = from;
    while let Some(start) = next_leader_char(s, pos).filter(|&at| at <= until) {
        let (mut dots, mut end) = (0, start);
        for (k, c) in s[start..].char_indices() {
            match leader_dots(c) {
                0 if c.is_whitespace() => {}
                0 => break,
                n => {
                    dots += n;
                    end = start + k + c.len_utf8();
                }
            }
        }
        if dots >= LEADER_MIN_DOTS {
            return Some(start..end);
        }
        // Too short (`1.1`, `——`): look on after it.
        pos = end;
    }
    None
}

/// Byte offset of the first leader character ([`leader_dots`]) at or after
/// byte `from` (a char boundary). Every paragraph of every page is searched:
/// a character is decoded only when its first byte may start a leader's
/// (`.` `-` `_`, or a lead byte of `·` `…` `－` `・`…: `C2` `E2` `E3` `EF`),
/// an ideograph's is stepped over by its length.
fn next_leader_char(s: &str, from: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = from;
    while let Some(&x) = b.get(i) {
        let len = match x {
            b'.' | b'-' | b'_' | 0xC2 | 0xE2 | 0xE3 | 0xEF => {
                let c = s.get(i..)?.chars().next()?;
                if leader_dots(c) > 0 {
                    return Some(i);
                }
                c.len_utf8()
            }
            0..=0x7F => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        i += len;
    }
    None
}

/// A page number at the start of `s`: its value (0 for a roman numeral)
/// and length in bytes. The character after it must not continue it.
fn page_number(s: &str) -> Option<(u32, usize)> {
    let digits: String = s
        .chars()
        .map_while(|c| match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_digit(c as u32 - '０' as u32, 10),
            _ => None,
        })
        .take(PAGE_MAX_DIGITS + 1)
        .collect();
    if !digits.is_empty() {
        if digits.len() > PAGE_MAX_DIGITS {
            return None;
        }
        let len: usize = s.chars().take(digits.len()).map(char::len_utf8).sum();
        return Some((digits.parse().ok()?, len));
    }
    // Front matter: `i`–`xiv`, or one of the roman numeral characters.
    let roman = s
        .find(|c: char| !matches!(c, 'i' | 'v' | 'x' | 'I' | 'V' | 'X'))
        .unwrap_or(s.len());
    if (1..=4).contains(&roman) && !s[roman..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return Some((0, roman));
    }
    let c = s.chars().next()?;
    ('Ⅰ'..='Ⅻ').contains(&c).then_some((0, c.len_utf8()))
}

/// Whether `title` can be an entry's title: not empty, at most `max`
/// characters other than white space, some letters or ideographs.
fn is_title(title: &str, max: usize) -> bool {
    let chars = count_non_space(title);
    chars > 0 && chars <= max && title.chars().any(char::is_alphabetic)
}

/// The entries with leaders `p` starts with, and the byte where they end
/// (`p.len()` when they are all of it).
fn read_entries(p: &str) -> (Vec<Entry>, usize) {
    let mut entries = Vec::new();
    let mut from = 0;
    while from < p.len() {
        // The first leader followed by a page number or the end: a leader
        // before more words is part of the title (`加强……建设……3`).
        // A leader after the title's longest length ends no entry: the
        // search stops there, not at the end of a long paragraph of prose.
        let until = from + non_space_limit(&p[from..], TITLE_MAX_CHARS);
        let mut search = from;
        let found = loop {
            let Some(leader) = next_leader_before(p, search, until) else {
                break None;
            };
            let after = p[leader.end..].trim_start();
            let at = p.len() - after.len();
            if after.is_empty() {
                break Some((leader.start, None, p.len()));
            }
            if let Some((page, len)) = page_number(after) {
                break Some((leader.start, Some(page), at + len));
            }
            search = leader.end;
        };
        let Some((title_end, page, end)) = found else {
            break;
        };
        let title = &p[from..title_end];
        if !is_title(title, TITLE_MAX_CHARS) {
            break;
        }
        entries.push(Entry {
            key: title.split_whitespace().collect(),
            page,
        });
        from = p.len() - p[end..].trim_start().len();
    }
    (entries, from)
}

/// Sentence marks no heading has.
const SENTENCE_MARKS: &[char] = &['。', '；', ';', '！', '!', '？', '?'];

/// A title, white space and a page number, the title short and no
/// sentence (`第一章 总则 3`: a Word entry whose leader was a tab).
fn weak_entry(p: &str) -> Option<Entry> {
    let p = p.trim_end();
    // A page number has at most PAGE_MAX_DIGITS characters (a roman one at
    // most four): the white space before it is looked for among the last
    // few characters, not back through a whole paragraph of prose.
    const _: () = assert!(PAGE_MAX_DIGITS >= 4);
    let (at, space) = p
        .char_indices()
        .rev()
        .take(PAGE_MAX_DIGITS + 1)
        .find(|(_, c)| c.is_whitespace())?;
    let (title, number) = (&p[..at], &p[at + space.len_utf8()..]);
    let (page, len) = page_number(number)?;
    if len != number.len()
        || !is_title(title, WEAK_TITLE_MAX_CHARS)
        || title.contains(SENTENCE_MARKS)
    {
        return None;
    }
    Some(Entry {
        key: title.split_whitespace().collect(),
        page: Some(page),
    })
}

/// A page number alone on its line, maybe between dashes (`- 2 -`, `— 3 —`).
fn is_lone_page(p: &str) -> bool {
    let dash = |c: char| c.is_whitespace() || matches!(c, '-' | '－' | '—' | '–');
    let n = p.trim_matches(dash);
    page_number(n).is_some_and(|(_, len)| len == n.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::paragraphs_from_lines;

    fn tocs(text: &str) -> Vec<Toc> {
        find_tables_of_contents(&paragraphs_from_lines(text))
    }

    /// The byte search for a leader finds what a search by character does.
    #[test]
    fn a_leader_is_found_as_by_character() {
        let leaders = "…⋯‥.·．•・‧∙⋅﹒-－—―─–_＿";
        for t in [
            "",
            "第一章 总则，目的。",
            "x😀é、。（）",
            leaders,
            "一、总则……3",
            "é·ü¡¿",
        ] {
            for (from, _) in t.char_indices().chain([(t.len(), ' ')]) {
                let want = t[from..]
                    .char_indices()
                    .find(|&(_, c)| leader_dots(c) > 0)
                    .map(|(k, _)| from + k);
                assert_eq!(next_leader_char(t, from), want, "{t:?} {from}");
            }
        }
        for c in leaders.chars() {
            assert!(leader_dots(c) > 0, "{c}");
        }
    }

    /// The entry a Word line without leaders gives is what splitting at
    /// the line's last white space gives: the page number is looked for
    /// only among the last characters.
    #[test]
    fn a_weak_entry_is_read_as_from_the_last_white_space() {
        let reference = |p: &str| -> Option<(String, Option<u32>)> {
            let (title, number) = p.trim_end().rsplit_once(char::is_whitespace)?;
            let (page, len) = page_number(number)?;
            (len == number.len()
                && is_title(title, WEAK_TITLE_MAX_CHARS)
                && !title.contains(SENTENCE_MARKS))
            .then(|| (title.split_whitespace().collect(), Some(page)))
        };
        for p in [
            "第一章 总则 3",
            "第一章 总则\t12 ",
            "第二章　管理职责　３",
            "前言 iv",
            "附录 XIV",
            "附录 xivx",
            "附录 Ⅻ",
            "第三章 附则 12345",
            "第三章 附则 1234",
            "第三章 附则 v1",
            "第三章 附则\u{a0}7",
            "一句话。 3",
            "没有空白的长段落没有空白的长段落3",
            "5",
            " 5",
            "",
            "标题 附则",
        ] {
            let got = weak_entry(p).map(|e| (e.key, e.page));
            assert_eq!(got, reference(p), "{p:?}");
        }
        assert!(weak_entry("第一章 总则 3").is_some());
    }

    #[test]
    fn the_heading_and_short_line_tests_read_as_the_whole_line_would() {
        for (p, heading) in [
            ("目录", true),
            (" 目 录 ", true),
            ("目錄：", true),
            ("目次:", true),
            ("目录：：", false),
            ("目录1", false),
            ("目", false),
            ("", false),
            ("录目", false),
            ("目录是什么", false),
        ] {
            assert_eq!(is_heading(p), heading, "{p:?}");
        }
        for n in 0..70 {
            let p = format!(" {}\u{3000}x", "字 ".repeat(n));
            for max in [0, 1, 5, 60] {
                assert_eq!(at_most_non_space(&p, max), count_non_space(&p) <= max);
            }
        }
    }

    #[test]
    fn a_pdftotext_layout_table_of_contents() {
        let text = "                        某市数字经济发展规划
                        目    录
  前  言 ·································································· 3
  第一章 发展基础与形势 ·················································· 3
    第一节 发展基础 ······················································ 3
  第三章 构建泛在智联的数字基础
    设施体系 ······························································ 5
  第四章 保障措施 ································································
                                                                    7
前  言
“十四五”时期是我市数字经济发展的关键时期。
第一章 发展基础与形势
";
        assert_eq!(
            tocs(text),
            [Toc {
                paragraphs: 1..9,
                glued: None,
                heading: true,
                entries: 5,
            }]
        );
    }

    #[test]
    fn a_plain_pdftotext_table_of_contents_glued_to_the_body() {
        // Rewrapped: the last entry and the body's first heading were on
        // two pages, joined into one paragraph.
        let text = "目 录
前 言................................................................ 1
第一章 发展基础与形势............................................ 1
第一节 发展基础.................................................... 1
第四章 保障措施.................................................... 5前 言
“十四五”时期是我市数字经济发展的关键时期。";
        let found = tocs(text);
        let head = "第四章 保障措施.................................................... 5".len();
        assert_eq!(
            found,
            [Toc {
                paragraphs: 0..4,
                glued: Some((4, head)),
                heading: true,
                entries: 4,
            }]
        );
        let mut t = Text {
            paragraphs: paragraphs_from_lines(text),
            ..Text::default()
        };
        let w = drop_tables_of_contents(&mut t);
        assert_eq!(
            t.paragraphs,
            ["前 言", "“十四五”时期是我市数字经济发展的关键时期。"]
        );
        assert!(w[0].is(WarningCode::TableOfContentsDropped), "{w:?}");
    }

    #[test]
    fn page_numbers_after_all_the_titles() {
        // Plain `pdftotext` reads a right-aligned column of numbers last.
        let text = "目录\n一、总体要求……………………\n二、主要任务……………………\n三、保障措施……………………\n1\n2\n5\n一、总体要求\n（一）指导思想。";
        assert_eq!(tocs(text)[0].paragraphs, 0..7);
    }

    #[test]
    fn leaders_of_every_kind_without_a_heading() {
        let lines = [
            "一、总体要求……………………………………1",
            "（一）指导思想......................2",
            "（二）基本原则．．．．．．．．．．．．2",
            "二、主要任务 · · · · · · · · · · · 3",
            "三、重点工程 -------------------- 4",
            "四、保障措施 ———————— 5",
            "附件 ____________ 6",
            "专栏1 重点项目 ⋯⋯⋯ ７",
        ];
        let text = format!("某某方案\n{}\n一、总体要求\n为了……", lines.join("\n"));
        let found = tocs(&text);
        assert_eq!(found[0].paragraphs, 1..1 + lines.len(), "{found:?}");
        assert_eq!(found[0].entries, lines.len());
        assert!(!found[0].heading);
    }

    #[test]
    fn word_entries_without_leaders_under_a_heading_or_repeated() {
        // A Word table of contents: the leader was a tab stop.
        let text = "目 录\n第一章 总则 1\n第二章 规划建设 3\n第一章 总则\n第一条 为了规范管理，制定本办法。";
        assert_eq!(tocs(text)[0].paragraphs, 0..3);
        let text = "前言 1\n第一章 总则 1\n第二章 规划建设 3\n前言\n近年来。\n第一章 总则\n第一条 为了规范。\n第二章 规划建设\n第二条 按规定。";
        assert_eq!(tocs(text)[0].paragraphs, 0..3);
        // Not repeated, no heading: text, not a table of contents.
        let text = "项目 1\n设备 3\n场地 5\n一、总体要求";
        assert!(tocs(text).is_empty());
    }

    #[test]
    fn dotted_lines_in_running_text_are_not_a_table_of_contents() {
        let cases = [
            // One dotted line.
            "一、总体要求\n坚持以人民为中心……3\n二、主要任务\n推进建设。",
            // A heading alone, and a law's (no page numbers).
            "目录\n一、总体要求\n坚持。",
            "目　　录\n第一章　总　　则\n第二章　附　　则\n第一章　总　　则\n第一条 为了规范。",
            // A fill-in form's blanks.
            "姓名……………………\n单位……………………\n电话……………………\n地址……………………",
            // Scores out of page order.
            "听力理解……………… 30\n阅读理解……………… 40\n写作……………… 20\n翻译……………… 10",
            // Ellipses in sentences, a dash in a range.
            "加强……建设，推进……发展，到2025年……\n2023——2025年……1\n第一章 总则",
        ];
        for text in cases {
            assert!(tocs(text).is_empty(), "{text}: {:?}", tocs(text));
        }
    }

    #[test]
    fn two_dotted_lines_under_a_heading_in_an_attachment() {
        let text = "附件\n目 录\n1. 申报书……3\n2. 承诺书……9\n一、申报单位基本情况";
        assert_eq!(tocs(text)[0].paragraphs, 1..4);
    }

    #[test]
    fn thousands_of_dotted_lines_are_read_once() {
        // A form's blanks, never a table of contents: each line is read
        // once, not once per line before it.
        let form = "姓名……………………\n".repeat(50_000);
        let start = std::time::Instant::now();
        assert!(tocs(&form).is_empty());
        let entries = "第一章 总则……………………1\n".repeat(50_000);
        assert_eq!(tocs(&entries)[0].paragraphs, 0..50_000);
        assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
    }

    #[test]
    fn pieces() {
        assert_eq!(next_leader("1.1 发展 … 3", 0), Some(11..14));
        assert_eq!(next_leader("第一章——总则", 0), None);
        assert_eq!(page_number("12前言"), Some((12, 2)));
        assert_eq!(page_number("ii"), Some((0, 2)));
        assert_eq!(page_number("20250"), None);
        assert_eq!(page_number("x光"), Some((0, 1)));
        assert_eq!(page_number("xyz"), None);
        assert!(is_heading("目　　录"));
        assert!(is_heading("目錄："));
        assert!(!is_heading("目录内的产品"));
        assert!(is_lone_page("— 3 —"));
        assert!(!is_lone_page("2025年"));
    }
}
