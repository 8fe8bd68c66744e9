//! The fields of a section, clause or item read from its paragraphs: the
//! label as written, the title (heading text or first sentence), the text,
//! and the responsible and lead units of the statements in it. Separate
//! from the outline's shape: these read text, they decide nothing about
//! nesting.

use std::sync::LazyLock;

use regex::Regex;

use crate::structure::labels::decoration_len;
use crate::structure::units::{find_lead_units, find_statements, Statement};
use crate::structure::Para;

/// How many following paragraphs a bracket left open at the end of a
/// paragraph may run over, and how long each may be: a page's `<br>` or a
/// sheet cell's line break inside `（责任单位：区经信局、<br>区统计局）` splits
/// one statement into short lines, none of which opens a bracket.
const RUN_ON_PARAS: usize = 3;
const RUN_ON_CHARS: usize = 40;

/// Whether the folded text ends inside a bracket it opened.
fn open_at_end(folded: &str) -> bool {
    match (folded.rfind('('), folded.rfind(')')) {
        (Some(o), Some(c)) => o > c,
        (Some(_), None) => true,
        _ => false,
    }
}

/// The last paragraph of a bracket left open at the end of paragraph `i`
/// and closed by a short line after it, if any.
fn run_on_end(paras: &[Para<'_>], in_table: &[bool], i: usize) -> Option<usize> {
    if !open_at_end(paras[i].folded) {
        return None;
    }
    for j in i + 1..=(i + RUN_ON_PARAS).min(paras.len().saturating_sub(1)) {
        let f = paras[j].folded;
        if in_table[j] || f.contains('(') || f.chars().count() > RUN_ON_CHARS {
            return None;
        }
        if f.contains(')') {
            return Some(j);
        }
    }
    None
}

/// The statements of every paragraph (none in tables), with the lead units
/// a `列第一位者为牵头单位，下同` note gives later statements filled in. A
/// statement whose lines were split into paragraphs (see [`RUN_ON_PARAS`])
/// is read whole, as its first paragraph's.
pub(super) fn all_statements(paras: &[Para<'_>], in_table: &[bool]) -> Vec<Vec<Statement>> {
    let mut first_leads = false;
    let mut run_on_until = None;
    paras
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if in_table[i] || run_on_until.is_some_and(|end| i <= end) {
                return Vec::new();
            }
            let mut found = find_statements(p.folded, p.original);
            if let Some(end) = run_on_end(paras, in_table, i) {
                let folded: String = paras[i..=end].iter().map(|p| p.folded).collect();
                let original: String = paras[i..=end].iter().map(|p| p.original).collect();
                let whole = find_statements(&folded, &original);
                if whole.len() > found.len() {
                    found = whole;
                    run_on_until = Some(end);
                }
            }
            for st in &mut found {
                if st.first_leads_below {
                    first_leads = true;
                } else if first_leads && st.leads.is_empty() {
                    st.leads.push(st.units[0].clone());
                }
            }
            found
        })
        .collect()
}

/// Units and lead units of the statements in paragraphs `from..to`, in
/// order of first appearance, each once.
pub(super) fn units_in(
    statements: &[Vec<Statement>],
    from: usize,
    to: usize,
) -> (Vec<String>, Vec<String>) {
    let mut units: Vec<String> = Vec::new();
    let mut leads: Vec<String> = Vec::new();
    for st in statements[from..to].iter().flatten() {
        for u in &st.units {
            if !units.contains(u) {
                units.push(u.clone());
            }
        }
        for u in &st.leads {
            if !leads.contains(u) {
                leads.push(u.clone());
            }
        }
    }
    (units, leads)
}

/// The original text of paragraphs `from..to`, joined by newlines.
pub(super) fn paras_text(paras: &[Para<'_>], from: usize, to: usize) -> String {
    paras[from..to.max(from + 1).min(paras.len())]
        .iter()
        .map(|p| p.original)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Heading title (before a lead-unit parenthesis or the first `。`) and its
/// lead units.
pub(super) fn heading_parts(rest: &str, rest_start: usize, p: &Para<'_>) -> (String, Vec<String>) {
    let lead = find_lead_units(
        rest,
        crate::structure::char_range(p.original, rest_start - p.start, usize::MAX),
    );
    let cut = [lead.as_ref().map(|l| l.0), rest.find('。')]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(rest.len());
    let chars_before = rest[..cut].chars().count();
    let start = rest_start - p.start;
    let title = crate::structure::char_range(p.original, start, chars_before);
    let title = without_closing_marks(title).trim().to_string();
    let units = lead.map(|l| l.1).unwrap_or_default();
    (title, units)
}

/// Paragraphs below a label alone on its line that may spell its title.
const TITLE_BELOW_PARAS: usize = 3;

/// The longest title spelled below a label, in chars.
const TITLE_BELOW_CHARS: usize = 20;

/// The title of a heading whose label stands alone on its line, from the
/// paragraphs `from..until` under it (before the next label): a centred
/// chapter heading whose words a PDF spaces out (`第一章　总　　则`) comes
/// out of a text dump as `第一章` / `总` / `则`, or `第二章` / `见习单位和
/// 见习人员`. Short pieces without punctuation, joined; empty when what
/// follows is a sentence.
pub(super) fn title_below(paras: &[Para<'_>], from: usize, until: usize) -> String {
    let mut t = String::new();
    for p in paras
        .get(from..until.max(from))
        .unwrap_or_default()
        .iter()
        .take(TITLE_BELOW_PARAS)
    {
        let piece = without_closing_marks(p.original);
        if piece.chars().count() > TITLE_BELOW_CHARS
            || p.folded.contains(['。', ',', ';', ':', '，', '；', '：'])
        {
            break;
        }
        t.extend(piece.chars().filter(|c| !c.is_whitespace()));
    }
    if t.chars().count() > TITLE_BELOW_CHARS {
        t.clear();
    }
    t
}

/// Clause title: the text after the label up to the first `。`, or to the
/// end of its paragraph when that comes first. A heading in brackets
/// (`第一条（目的和依据）`) loses them; a label alone on its line (`第一条`)
/// takes its title from the paragraph after it. `statements` are those
/// of the clause's first paragraph, read once by [`all_statements`].
pub(super) fn clause_title(
    paras: &[Para<'_>],
    at: usize,
    statements: &[Statement],
    rest: usize,
    end: usize,
) -> String {
    let p = &paras[at];
    // A statement right after the label (`1.【牵头单位：某局】推进…`) says who,
    // the title follows it.
    let lead_ws = p.folded[rest..].len() - p.folded[rest..].trim_start().len();
    let rest = statements
        .first()
        .filter(|st| st.start == rest + lead_ws && st.end < p.folded.len())
        .map_or(rest, |st| st.end);
    let t = sentence(p, rest);
    if t.is_empty() && at + 1 < end {
        return sentence(&paras[at + 1], 0);
    }
    // A line broken before a cross-reference (`第十七条 违反本条例` /
    // `第十条第二款规定，…的罚款。`: the second line's label was no article's,
    // see `nest`): the sentence, hence the title, goes on into it.
    if let Some(q) = paras.get(at + 1).filter(|_| at + 1 < end) {
        if stops_mid_sentence(&p.folded[rest..]) && CROSS_REFERENCE_AT_START.is_match(q.folded) {
            return t + &sentence(q, 0);
        }
    }
    if !ends_inside_inline_items(&p.folded[rest..]) {
        return t;
    }
    // A hard-wrapped text (a PDF's dump) breaks a line before an item's
    // label in mid-sentence (`不得用于以下支出：（一）甲；` / `（二）乙；（三）丙。`):
    // the first sentence, hence the title, runs on through the items to
    // its `。`. A paragraph that ends in `：` before its items is whole.
    let mut t = t;
    for q in paras.get(at + 1..end).unwrap_or_default() {
        if !ITEM_LABEL_AT_START.is_match(q.folded) {
            break;
        }
        t.push_str(&sentence(q, 0));
        if q.folded.contains('。') || !q.folded.trim_end().ends_with(';') {
            break;
        }
    }
    t
}

/// An article cited at a paragraph's start (folded): `第十条第二款规定`,
/// `第五条规定`, `第九条第(四)项`, `第三条的规定` — a sentence going on, not
/// an article's label.
static CROSS_REFERENCE_AT_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*第[一二三四五六七八九十百零〇\d]{1,5}条(?:第|规定|的规定|之规定)")
        .expect("valid regex")
});

/// Whether a clause's first paragraph (folded, after its label) stops in
/// mid-sentence: no `。` in it, and it ends on a word, not on `：` `；` or
/// a closing bracket.
fn stops_mid_sentence(folded: &str) -> bool {
    let f = folded.trim_end();
    !f.contains('。') && f.chars().next_back().is_some_and(|c| c.is_alphanumeric())
}

/// A bracketed item label opening a paragraph (folded): `(二)`, `（十一）`.
static ITEM_LABEL_AT_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\([一二三四五六七八九十]{1,3}\)").expect("valid regex"));

/// A list of items opened inline after a `：` (`以下支出：（一）楼堂馆所建设；`),
/// folded: the text after a clause's label holds one, and ends in `；`
/// before its sentence's `。`, in the middle of the list.
static INLINE_ITEMS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r":\s*\(一\)").expect("valid regex"));

/// Whether a clause's first paragraph (folded, after its label) stops in
/// the middle of a list of items it opened inline: no `。`, an inline
/// `：（一）`, and a `；` at its end.
fn ends_inside_inline_items(folded: &str) -> bool {
    !folded.contains('。') && folded.trim_end().ends_with(';') && INLINE_ITEMS.is_match(folded)
}

/// The first sentence of a paragraph from byte `rest`, trimmed. A
/// paragraph without `。` is its own title, with the `：` that ends it
/// before a list (GOLD.md: "to the end of the clause's first paragraph").
fn sentence(p: &Para<'_>, rest: usize) -> String {
    let folded_rest = &p.folded[rest..];
    let cut = folded_rest.find('。').unwrap_or(folded_rest.len());
    let skip = p.folded[..rest].chars().count();
    let take = folded_rest[..cut].chars().count();
    let t = without_closing_marks(crate::structure::char_range(p.original, skip, take))
        .trim_end_matches([',', '，'])
        .trim()
        .to_string();
    // `(目的和依据)`: a bracketed heading is the title without its brackets.
    let f = crate::decode::normalize::fold(&t);
    if f.starts_with('(') && f.ends_with(')') && !f[1..f.len() - 1].contains(['(', ')']) {
        let inner: String = t.chars().skip(1).take(t.chars().count() - 2).collect();
        return inner.trim().to_string();
    }
    t
}

/// A text without the marks a markdown or WeChat copy closes a heading
/// with (`**二、强化保障**`, `## 三、任务 ##`, `**一、支持企业做大做强** 🏭`),
/// trimmed.
fn without_closing_marks(t: &str) -> &str {
    let t = t.trim();
    let end = CLOSING_MARKS.find(t).map_or(t.len(), |m| m.start());
    let t = t[..end].trim();
    // The bracket closing a heading set in `【】` (its opening one stood
    // before the label); a bracket the title opens itself stays.
    match t.strip_suffix('】') {
        Some(inner) if !inner.contains('【') => inner.trim(),
        _ => t,
    }
}

/// What a markdown or WeChat copy puts after a heading's text: markdown's
/// closing marks, emoji (with the selectors, joiners and skin tones that
/// complete them) and the list marks a key task carries (`★`). Symbols of
/// measure (`℃`, `㎡`) are text, so not every Unicode symbol is a mark.
static CLOSING_MARKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:\s|[*#▲△※★☆◆◇■□●○▶►➤]|\p{Extended_Pictographic}|[\u{FE0E}\u{FE0F}\u{200D}\u{20E3}\u{1F3FB}-\u{1F3FF}])+$",
    )
    .expect("valid regex")
});

/// A decoration char after a label (`17.★`): a symbol or an emoji's
/// completion, as [`decoration_len`] skips them.
fn is_decoration(c: char) -> bool {
    let mut buf = [0u8; 4];
    c.is_whitespace() || decoration_len(c.encode_utf8(&mut buf)) > 0
}

/// A label as written, without brackets, punctuation and layout spaces
/// (`一`, `第一章`, `第一條`, `1`, `1.1`, `①`).
pub(super) fn label_text(p: &Para<'_>, rest: usize) -> String {
    // Decoration before the label (`📌 一、`, `**▍二、`) and right after it
    // (`17.★`) is neither label nor title; it is found in the folded head
    // (`＊` folds to `*`) and cut from the original by chars.
    let folded = &p.folded[..rest];
    let from = folded[..decoration_len(folded)].chars().count();
    let to = folded.trim_end_matches(is_decoration).chars().count();
    let head = crate::structure::char_range(p.original, from, to.saturating_sub(from))
        .trim()
        .trim_start_matches(['(', '（'])
        .trim_end_matches([')', '）', '.', '．', '、', ' ', '\u{3000}']);
    head.trim().chars().filter(|c| !c.is_whitespace()).collect()
}
