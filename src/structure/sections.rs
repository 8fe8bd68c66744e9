//! Sections (`一、…`), the numbered clauses under them, and where the
//! closing text after the last clause begins.
//!
//! A heading or clause label counts only in sequence: section `三、` only
//! after `二、`, clause `(五)` only after `(四)` (or `(一)` again after a new
//! section, for notices that restart their numbering). A label out of
//! sequence is an enumeration inside a clause (`一、二等獎`, a nested `(一)`)
//! and stays in the clause's text.
//!
//! Which labels are clauses depends on the notice: `第一條` articles when
//! there are several, else `(一)` items, else `1.` / `1、` items. Deeper
//! levels stay inside their clause.
//!
//! A clause ends where the next clause or section starts, or right after its
//! responsible-unit parenthesis when that closes a paragraph. Text after the
//! last clause is the notice's closing (no section, no clause) when the last
//! clause was closed by its units or the text reads like a closing (`本通知…`,
//! `上述…`, a signature date).

use std::sync::LazyLock;

use regex::Regex;

use super::units::{find_lead_units, find_responsible_units};
use super::{label_value, Para};
use crate::output::record::{Clause, Section, Warning};

static SECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^\s*
        (?: (?P<num>[一二三四五六七八九十百零〇两]{1,4}) \s* 、            # 一、
          | 第 \s* (?P<chap>[一二三四五六七八九十百零〇两]{1,4}) \s* (?:章|部分) # 第一章
        ) \s*",
    )
    .expect("valid regex")
});

/// `(一)` items (brackets already folded to ASCII).
static PAREN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\(\s*(?P<num>[一二三四五六七八九十百零〇两]{1,4})\s*\)\s*")
        .expect("valid regex")
});

/// `第一條`, `第 1 条` articles; text laid out from a PDF may space the
/// digits (`第 1 0 条`).
static ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*第\s*(?P<num>[一二三四五六七八九十百零〇两]{1,5}|\d(?:\s?\d){0,2})\s*条\s*")
        .expect("valid regex")
});

/// `1.` / `1、` items; [`Kind::label_at`] refuses a decimal like `1.5`.
static ARABIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?P<num>\d{1,3})\s*[.、](?P<gap>\s*)").expect("valid regex"));

/// Paragraph starts that open a notice's closing text.
static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^\s*(?:
            本(?:通知|意见|措施|办法|政策|规定|方案|细则|决定|条例|若干|文件|实施|举措)
          | 上述 | 以上(?:政策|措施|条款|各项) | 此前 | 各地 | 各级 | 各有关 | 各部门 | 各单位
          | 附件 | 附: | 特此 | \(此件 | 此件 | 联系人 | 抄送 | 原文下载
          | .{0,12}自.{1,24}起(?:施行|实施|执行)
          | (?:\d{4}|[〇零一二三四五六七八九○O]{4})\s*年.{1,3}月.{1,3}日\s*$
        )",
    )
    .expect("valid regex")
});

/// Sections, clauses and the paragraph boundaries the header needs.
pub(crate) struct Body {
    pub sections: Vec<Section>,
    pub clauses: Vec<Clause>,
    /// Index of the first heading or clause paragraph.
    pub first_marker: Option<usize>,
    /// Index of the first closing paragraph, if any.
    pub closing_from: Option<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Article,
    Paren,
    Arabic,
}

impl Kind {
    fn regex(self) -> &'static Regex {
        match self {
            Kind::Article => &ARTICLE,
            Kind::Paren => &PAREN,
            Kind::Arabic => &ARABIC,
        }
    }

    /// The label's number and the byte offset where the text after it
    /// starts, when a paragraph opens with this kind of label. The patterns
    /// stop at the label: a `.*$` tail would make every paragraph cost its
    /// whole length in a capturing search.
    fn label_at(self, folded: &str) -> Option<(&str, usize)> {
        let c = self.regex().captures(folded)?;
        let num = c.name("num")?.as_str();
        let end = c.get(0)?.end();
        let Some(gap) = c.name("gap") else {
            return Some((num, end));
        };
        // `1.5` is a decimal, not item 1; `1. 5家` is item 1 whose text
        // starts with the figure.
        match folded[end..].chars().next() {
            Some(d) if d.is_ascii_digit() => {
                let last_space = gap.as_str().chars().next_back()?;
                Some((num, end - last_space.len_utf8()))
            }
            _ => Some((num, end)),
        }
    }
}

/// A heading or clause label found at the start of a paragraph.
struct Mark {
    para: usize,
    number: u32,
    /// Byte offset in the folded paragraph where the text after the label starts.
    rest: usize,
}

pub(crate) fn find_sections(paras: &[Para<'_>], warnings: &mut Vec<Warning>) -> Body {
    let heads = find_headings(paras);
    let kind = choose_clause_kind(paras, &heads);
    let marks = match kind {
        Some(k) => find_clause_marks(paras, &heads, k, warnings),
        None => Vec::new(),
    };
    // A notice that numbers its measures `一、` and gives each its own
    // responsible units has measures, not sections: they are its clauses.
    let (heads, marks) = if marks.is_empty() && headings_are_measures(paras, &heads) {
        (Vec::new(), heads)
    } else {
        (heads, marks)
    };

    // Where each clause ends (paragraph index, exclusive), and the closing.
    let mut clause_ends: Vec<usize> = Vec::with_capacity(marks.len());
    let mut closing_from: Option<usize> = None;
    for (i, m) in marks.iter().enumerate() {
        let next_clause = marks.get(i + 1).map(|n| n.para);
        let next_head = heads.iter().map(|h| h.para).find(|&h| h > m.para);
        let limit = [next_clause, next_head]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(paras.len());
        // The responsible-unit parenthesis closing a paragraph closes the clause.
        let mut end = limit;
        for p in &paras[m.para..limit] {
            if super::units::ends_with_unit_marker(p.folded) {
                end = p.index + 1;
                break;
            }
        }
        let last = i + 1 == marks.len();
        if last {
            let after_heads = next_head.is_none();
            if after_heads {
                if end < limit {
                    closing_from = Some(end);
                } else if let Some(c) = paras[m.para + 1..limit]
                    .iter()
                    .find(|p| CLOSING.is_match(p.folded))
                {
                    let start = before_signature(paras, m.para + 1, c.index);
                    end = start;
                    closing_from = Some(start);
                }
            }
        }
        clause_ends.push(end);
    }
    // Sections without clauses after the last heading: look for a closing.
    if closing_from.is_none() {
        if let Some(h) = heads.last() {
            if marks.last().is_none_or(|m| m.para < h.para) {
                closing_from = paras[h.para + 1..]
                    .iter()
                    .find(|p| CLOSING.is_match(p.folded))
                    .map(|p| before_signature(paras, h.para + 1, p.index));
            }
        }
    }

    // End of the text before paragraph `i` (without its newline).
    let end_before = |i: usize| if i == 0 { 0 } else { paras[i - 1].end };

    let mut sections = Vec::with_capacity(heads.len());
    for (i, h) in heads.iter().enumerate() {
        let p = &paras[h.para];
        let next = heads.get(i + 1).map(|n| n.para);
        let stop = match (next, closing_from) {
            (Some(n), _) => n,
            (None, Some(c)) if c > h.para => c,
            _ => paras.len(),
        };
        let rest = &p.folded[h.rest..];
        let rest_start = p.start + p.folded[..h.rest].chars().count();
        let (title, lead_units) = heading_parts(rest, rest_start, p);
        sections.push(Section {
            number: i as u32 + 1,
            label: label_text(p, h),
            title,
            lead_units,
            span: [p.start, end_before(stop).max(p.end)],
        });
    }

    let mut clauses = Vec::with_capacity(marks.len());
    for (m, &end) in marks.iter().zip(&clause_ends) {
        let p = &paras[m.para];
        let section = heads
            .iter()
            .rposition(|h| h.para < m.para)
            .map(|i| i as u32 + 1);
        let span_end = end_before(end).max(p.end);
        let title = clause_title(p, m.rest);
        let original = &paras[m.para..end.max(m.para + 1)];
        let clause_text: String = {
            let first = original[0].start;
            let last = original[original.len() - 1].end;
            debug_assert!(last >= first);
            paras_text(paras, first, last)
        };
        let folded_text: Vec<&str> = original.iter().map(|q| q.folded).collect();
        let originals: Vec<&str> = original.iter().map(|q| q.original).collect();
        let responsible_units = find_responsible_units(&folded_text, &originals);
        clauses.push(Clause {
            number: m.number,
            label: label_text_clause(p, m.rest),
            section,
            title,
            text: clause_text,
            responsible_units,
            span: [p.start, span_end],
        });
    }

    let first_marker = [heads.first().map(|h| h.para), marks.first().map(|m| m.para)]
        .into_iter()
        .flatten()
        .min();
    Body {
        sections,
        clauses,
        first_marker,
        closing_from,
    }
}

/// Where the closing starts when it was found at paragraph `at`: a closing
/// date signed by the lines just above it (`XX县人民政府` / `2023年5月8日`)
/// starts at those lines, never before `from`.
fn before_signature(paras: &[Para<'_>], from: usize, at: usize) -> usize {
    if super::header::parse_date(paras[at].folded).is_none() {
        return at;
    }
    let mut start = at;
    while start > from && at - start < 4 && super::header::is_issuer_line(paras[start - 1].folded) {
        start -= 1;
    }
    start
}

/// The original text from code point `first` to `last` across paragraphs.
fn paras_text(paras: &[Para<'_>], first: usize, last: usize) -> String {
    let mut out = String::new();
    for p in paras.iter().filter(|p| p.end > first && p.start < last) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(p.original);
    }
    out
}

fn find_headings(paras: &[Para<'_>]) -> Vec<Mark> {
    let mut heads: Vec<Mark> = Vec::new();
    for p in paras {
        let Some(c) = SECTION.captures(p.folded) else {
            continue;
        };
        let label = c
            .name("num")
            .or_else(|| c.name("chap"))
            .expect("one alternative matched");
        let Some(n) = label_value(label.as_str()) else {
            continue;
        };
        let expected = heads.last().map_or(1, |h| h.number + 1);
        if n == expected {
            heads.push(Mark {
                para: p.index,
                number: n,
                rest: c.get(0).map_or(p.folded.len(), |m| m.end()),
            });
        }
    }
    heads
}

/// Whether most `一、` headings carry responsible units of their own.
fn headings_are_measures(paras: &[Para<'_>], heads: &[Mark]) -> bool {
    let with_units = heads
        .iter()
        .enumerate()
        .filter(|(i, h)| {
            let end = heads.get(i + 1).map_or(paras.len(), |n| n.para);
            paras[h.para..end]
                .iter()
                .any(|p| super::units::has_unit_label(p.folded))
        })
        .count();
    !heads.is_empty() && with_units * 2 >= heads.len()
}

/// Chooses which labels are this notice's clauses: several `第N條`
/// articles, else `(一)` items, else several `1.` items.
fn choose_clause_kind(paras: &[Para<'_>], heads: &[Mark]) -> Option<Kind> {
    let count = |k: Kind| {
        let mut w = Vec::new();
        find_clause_marks(paras, heads, k, &mut w).len()
    };
    if count(Kind::Article) >= 3 {
        Some(Kind::Article)
    } else if count(Kind::Paren) >= 1 {
        Some(Kind::Paren)
    } else if count(Kind::Arabic) >= 2 {
        Some(Kind::Arabic)
    } else {
        None
    }
}

/// Largest jump in clause numbers still taken as a clause (with a warning)
/// rather than an unrelated enumeration.
const MAX_CLAUSE_GAP: u32 = 3;

fn find_clause_marks(
    paras: &[Para<'_>],
    heads: &[Mark],
    kind: Kind,
    warnings: &mut Vec<Warning>,
) -> Vec<Mark> {
    let mut marks: Vec<Mark> = Vec::new();
    let mut head_iter = heads.iter().peekable();
    let mut section_started = false;
    for p in paras {
        while head_iter.peek().is_some_and(|h| h.para <= p.index) {
            head_iter.next();
            section_started = true;
        }
        if heads.iter().any(|h| h.para == p.index) {
            continue;
        }
        let Some((num, rest)) = kind.label_at(p.folded) else {
            continue;
        };
        let num: String = num.chars().filter(|c| !c.is_whitespace()).collect();
        let Some(n) = label_value(&num) else {
            continue;
        };
        let prev = marks.last().map(|m| m.number);
        let accept = match prev {
            None => n == 1 || (n <= 1 + MAX_CLAUSE_GAP && kind != Kind::Arabic),
            Some(prev) if n == prev + 1 => true,
            Some(_) if n == 1 && section_started => true,
            Some(prev) if n > prev + 1 && n <= prev + 1 + MAX_CLAUSE_GAP => {
                warnings.push(Warning::new(
                    "clause_number_gap",
                    format!(
                        "clause {} follows clause {}: clauses {}..{} are missing",
                        n,
                        prev,
                        prev + 1,
                        n - 1
                    ),
                ));
                true
            }
            _ => false,
        };
        if accept {
            marks.push(Mark {
                para: p.index,
                number: n,
                rest,
            });
            section_started = false;
        }
    }
    marks
}

/// Heading title (before a lead-unit parenthesis or the first `。`) and its
/// lead units.
fn heading_parts(rest: &str, rest_start: usize, p: &Para<'_>) -> (String, Vec<String>) {
    let lead = find_lead_units(
        rest,
        &p.original
            .chars()
            .skip(rest_start - p.start)
            .collect::<String>(),
    );
    let cut = [lead.as_ref().map(|l| l.0), rest.find('。')]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(rest.len());
    let chars_before = rest[..cut].chars().count();
    let start = rest_start - p.start;
    let title: String = p.original.chars().skip(start).take(chars_before).collect();
    let title = title
        .trim()
        .trim_end_matches([':', '：'])
        .trim()
        .to_string();
    let units = lead.map(|l| l.1).unwrap_or_default();
    (title, units)
}

/// Clause title: the text after the label up to the first `。` (the whole
/// first paragraph when it has none: a heading on its own line).
fn clause_title(p: &Para<'_>, rest: usize) -> String {
    let folded_rest = &p.folded[rest..];
    let cut = folded_rest.find('。').unwrap_or(folded_rest.len());
    let skip = p.folded[..rest].chars().count();
    let take = folded_rest[..cut].chars().count();
    let t: String = p.original.chars().skip(skip).take(take).collect();
    t.trim()
        .trim_end_matches([':', '：', ',', '，'])
        .trim()
        .to_string()
}

/// A section label as written (`一`, `第一章`).
fn label_text(p: &Para<'_>, h: &Mark) -> String {
    let head: String = p
        .original
        .chars()
        .take(p.folded[..h.rest].chars().count())
        .collect();
    let head = head.trim().trim_end_matches(['、', ' ']).trim();
    head.to_string()
}

/// A clause label as written without brackets and punctuation (`一`,
/// `第一條`, `1`).
fn label_text_clause(p: &Para<'_>, rest: usize) -> String {
    let head: String = p
        .original
        .chars()
        .take(p.folded[..rest].chars().count())
        .collect();
    let head = head
        .trim()
        .trim_start_matches(['(', '（'])
        .trim_end_matches([')', '）', '.', '．', '、', ' ']);
    head.trim().chars().filter(|c| !c.is_whitespace()).collect()
}
