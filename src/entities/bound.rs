//! Bounds: whether a figure is a cap, a floor, an estimate or exact,
//! judged by qualifier words in the same phrase (`GOLD.md`, "bound").
//!
//! In: a folded region and its figures in text order. Out: each figure's
//! `bound`. The rules, in the order they are applied:
//!
//! 1. **Ranges.** Two figures of the same kind with only a range mark
//!    between them (`—`, `-`, `~`, `至`, `到`: `10%—20%`, `5万元至10万元`)
//!    are `min` and `max`, also when the low end has its own word
//!    (`1000万元及以上至5000万元`). Ranges found inside one match (`3—10万元`,
//!    `10—20%`) come marked already. Nothing overrides a range.
//! 2. **Phrases.** A phrase ends at `,` `;` `。` `、` `!` `?` or a line
//!    break (full-width forms are folded to these). A qualifier word never
//!    reaches across a phrase end.
//! 3. **Lists.** Figures joined by nothing but `、` form a list; the list
//!    shares the word before its first figure and the word after its last
//!    (`分别给予最高100万元、100万元、20万元` is three `max`).
//! 4. **After the figure.** A word right after the figure (spaces and a
//!    short aside in brackets allowed: `300万元(含税)以上`) counts:
//!    `100万元以上` is `min`, `100万元及以下` `max`, `在80000元限额内` `max`,
//!    `120个左右` `approx`.
//! 5. **Before the figure.** The word nearest before the figure in the
//!    same phrase counts, however far back (`最高不超过实际租房价格50%` is
//!    `max`), with two limits: a word is *used up* by an earlier figure of
//!    the phrase (only the text after the previous figure and its suffix
//!    word is searched), and a word right before another Arabic number
//!    belongs to that number (`不超过3家企业给予100万元` leaves the 100万元
//!    exact). A few short words reach only the figure right after them:
//!    `超`, `逾` (`年产值超10亿元`), `约`, `近` — they are too common inside
//!    other words (`超长期`, `节约`, `最近`) to reach further.
//! 6. **Both.** A figure with a word before and after: when they agree,
//!    that; when one is `approx` and the other a cap or floor, the cap or
//!    floor (`约100万元以上` is `min`: the estimate is hedged, the floor is
//!    what a sum must respect); otherwise the word after, which is nearer
//!    and, in the texts read, the one that says what the figure is.
//! 7. **多 and 余.** `100多万元` is `approx` when no word says otherwise.
//! 8. Anything else is `exact`; `达`/`达到` are not qualifiers.
//!
//! Where one word contains another the longest wins: `不低于` is `min`
//! though it holds `低于`, `不超过` is `max` though it holds `超过`. Every
//! comparative negated, with a modal or not between, turns around:
//! `不能超过`, `不得高于`, `未超过` are `max`; `不得低于`, `不应少于` are
//! `min`. A qualifier that is part of a noun is no qualifier: `最低工资标准
//! 的80%` is `exact`, `最高人民法院` bounds nothing, `通过` is no `过`.

use std::sync::LazyLock;

use regex::Regex;

use super::money::alternation;
use super::{Figure, Kind};
use crate::output::record::Bound;

/// Words before a figure, reaching back to the start of its phrase.
/// Source: GOLD.md's lists, in simplified form (the text is folded), plus
/// their plain synonyms (`最多`, `最低`, `至少`, `不到`…). Negated
/// comparatives (`不得低于`) are [`NEGATED`], not listed here.
const BEFORE_WORDS: &[(&str, Bound)] = &[
    ("最高", Bound::Max),
    ("最多", Bound::Max),
    ("至多", Bound::Max),
    ("上限", Bound::Max),
    ("封顶", Bound::Max),
    ("低于", Bound::Max),
    ("少于", Bound::Max),
    ("小于", Bound::Max),
    ("不足", Bound::Max),
    ("不到", Bound::Max),
    ("不满", Bound::Max),
    ("未满", Bound::Max),
    ("不下于", Bound::Min),
    ("高于", Bound::Min),
    ("大于", Bound::Min),
    ("多于", Bound::Min),
    ("突破", Bound::Min),
    ("超过", Bound::Min),
    ("超出", Bound::Min),
    ("至少", Bound::Min),
    ("最低", Bound::Min),
    ("最少", Bound::Min),
    ("大约", Bound::Approx),
    ("大概", Bound::Approx),
    ("将近", Bound::Approx),
    ("接近", Bound::Approx),
];

/// Words that qualify only the figure right after them.
const ADJACENT_WORDS: &[(&str, Bound)] = &[
    ("超", Bound::Min),
    ("逾", Bound::Min),
    ("约", Bound::Approx),
    ("约为", Bound::Approx),
    ("约占", Bound::Approx),
    ("约合", Bound::Approx),
    ("近", Bound::Approx),
];

/// Words that hold a qualifier but qualify nothing: nouns (`最低工资` is
/// the minimum wage, `最低工资标准的80%` is exact) and verbs ending in
/// `过`/`超` (`通过`). Matched like qualifiers, so the longest wins, and
/// then ignored.
const NEUTRAL_WORDS: &[&str] = &[
    "最低工资",
    "最低生活保障",
    "最低生活费",
    "最低收购价",
    "最高人民法院",
    "最高人民检察院",
    "最高法院",
    "最高检察院",
    "最高法",
    "最高检",
    "超过部分",
    "超出部分",
    "超出额",
    "超额",
    "通过",
    "经过",
    "不过",
];

/// `不`/`未`/`没有`, a modal or not, a comparative: the comparative's
/// bound turned around (`不能超过` is `max`, `不得低于` `min`).
const NEGATED: &str = r"(?:不|未|没有)(?:能够|应该|应当|可以|允许|能|得|应|可|宜|会|准|许|要|再|致)?(?:超过|超出|高于|多于|大于|超|低于|少于|小于)";

/// Words right after a figure. Source: GOLD.md (`以上`, `及以上`, `以内`,
/// `以下`, `及以下`, `左右`, `为限`, `封顶`, `限额内`), longest first.
const AFTER_WORDS: &[(&str, Bound)] = &[
    ("及以上", Bound::Min),
    ("及以下", Bound::Max),
    ("为上限", Bound::Max),
    ("限额以内", Bound::Max),
    ("额度以内", Bound::Max),
    ("限额内", Bound::Max),
    ("额度内", Bound::Max),
    ("以上", Bound::Min),
    ("以下", Bound::Max),
    ("以内", Bound::Max),
    ("之内", Bound::Max),
    ("为限", Bound::Max),
    ("封顶", Bound::Max),
    ("上限", Bound::Max),
    ("左右", Bound::Approx),
    ("上下", Bound::Approx),
];

/// Marks between the two ends of a range.
const RANGE_MARKS: &[&str] = &["——", "—", "-", "–", "−", "―", "~", "至", "到"];

/// Characters that end a phrase (after folding).
fn ends_phrase(c: char) -> bool {
    matches!(c, ',' | ';' | '。' | '、' | '!' | '?' | '\n' | '\r')
}

static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    let words = BEFORE_WORDS
        .iter()
        .chain(ADJACENT_WORDS)
        .map(|(w, _)| *w)
        .chain(NEUTRAL_WORDS.iter().copied());
    Regex::new(&format!("{NEGATED}|{}", alternation(words))).expect("qualifier pattern compiles")
});

/// The bound of a negated comparative (`不得超过` `max`, `不得低于` `min`).
fn negated(word: &str) -> Bound {
    if ["低于", "少于", "小于"].iter().any(|c| word.ends_with(c)) {
        Bound::Min
    } else {
        Bound::Max
    }
}

/// Rule 6: a word after and a word before the same figure.
fn combine(after: Option<Bound>, before: Option<Bound>) -> Option<Bound> {
    match (after, before) {
        (Some(Bound::Approx), Some(b @ (Bound::Max | Bound::Min))) => Some(b),
        (Some(a), _) => Some(a),
        (None, b) => b,
    }
}

/// Sets `bound` on every figure of a folded region.
pub(crate) fn assign_bounds(folded: &str, figs: &mut [Figure]) {
    pair_ranges(folded, figs);
    let mut prev_end = 0;
    let mut i = 0;
    while i < figs.len() {
        // The list starting at i: figures joined by `、` only.
        let mut j = i;
        while j + 1 < figs.len() && between(folded, &figs[j], &figs[j + 1]).trim() == "、" {
            j += 1;
        }
        let before = word_before(folded, prev_end, figs[i].start);
        let (list_after, len) = word_after(folded, figs[j].end);
        // Rule 5's "used up": the next search starts after this list.
        prev_end = figs[j].end + len;
        for f in &mut figs[i..=j] {
            let (own_after, _) = word_after(folded, f.end);
            if f.bound.is_some() {
                continue;
            }
            let approx = f.approx.then_some(Bound::Approx);
            f.bound = Some(
                combine(own_after, before)
                    .or(list_after)
                    .or(approx)
                    .unwrap_or(Bound::Exact),
            );
        }
        i = j + 1;
    }
}

fn between<'a>(folded: &'a str, a: &Figure, b: &Figure) -> &'a str {
    folded.get(a.end..b.start).unwrap_or("")
}

/// Rule 1: `10%—20%`, `5万元至10万元`.
fn pair_ranges(folded: &str, figs: &mut [Figure]) {
    for i in 1..figs.len() {
        let (a, b) = (&figs[i - 1], &figs[i]);
        if a.bound.is_some() || b.bound.is_some() || !same_kind(a.kind, b.kind) || a.value > b.value
        {
            continue;
        }
        // `1000万元及以上至5000万元`: the low end's own word may sit
        // before the mark; `5000万元(含)至1亿元`: an inclusion mark too.
        let mid = skip_aside(between(folded, a, b));
        let (_, len) = word_after(mid, 0);
        let mid = skip_aside(&mid[len..]).trim_matches(' ');
        if RANGE_MARKS.contains(&mid) {
            figs[i - 1].bound = Some(Bound::Min);
            figs[i].bound = Some(Bound::Max);
        }
    }
}

fn same_kind(a: Kind, b: Kind) -> bool {
    a == b
}

/// Longest aside between a figure and its word: `300万元(含税)以上`.
const MAX_ASIDE_CHARS: usize = 8;

/// Rule 4: the word right after a figure, and the bytes up to its end.
/// Spaces and a short aside in brackets may sit between (`(含税)`).
fn word_after(folded: &str, end: usize) -> (Option<Bound>, usize) {
    let rest = folded.get(end..).unwrap_or("");
    let trimmed = skip_aside(rest);
    let skipped = rest.len() - trimmed.len();
    AFTER_WORDS
        .iter()
        .find(|(w, _)| trimmed.starts_with(w))
        .map_or((None, 0), |&(w, b)| (Some(b), skipped + w.len()))
}

/// `s` without leading spaces and one short aside in brackets (`(含)`,
/// `(含税)`, `(不含本数)`) with the spaces after it.
fn skip_aside(s: &str) -> &str {
    let trimmed = s.trim_start_matches(' ');
    if let Some(inner) = trimmed.strip_prefix('(') {
        let close = inner
            .char_indices()
            .take(MAX_ASIDE_CHARS + 1)
            .find(|&(_, c)| c == ')' || c == '(' || ends_phrase(c));
        if let Some((i, ')')) = close {
            return inner[i + 1..].trim_start_matches(' ');
        }
    }
    trimmed
}

/// Rule 5: the nearest usable word before `start`, after `from` and after
/// the last phrase end.
fn word_before(folded: &str, from: usize, start: usize) -> Option<Bound> {
    let window = folded.get(from..start)?;
    let phrase = match window.rfind(ends_phrase) {
        Some(i) => &window[i + window[i..].chars().next().map_or(1, char::len_utf8)..],
        None => window,
    };
    let mut found = None;
    for m in BEFORE.find_iter(phrase) {
        let rest = &phrase[m.end()..];
        let gap = rest.trim_start_matches(' ');
        let adjacent = gap.is_empty();
        if let Some(&(_, b)) = ADJACENT_WORDS.iter().find(|(w, _)| *w == m.as_str()) {
            if adjacent {
                found = Some(b);
            }
            continue;
        }
        if !adjacent && gap.starts_with(|c: char| c.is_ascii_digit()) {
            continue; // belongs to another number: 不超过3家
        }
        let word = m.as_str();
        if let Some(&(_, b)) = BEFORE_WORDS.iter().find(|(w, _)| *w == word) {
            found = Some(b);
        } else if !NEUTRAL_WORDS.contains(&word) {
            found = Some(negated(word)); // the only other match: `不得低于`
        }
    }
    found
}
