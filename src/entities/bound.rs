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
//!    `10—20%`) come marked already. So are a table's intervals, whatever
//!    their brackets say of the ends (`(0%,5%]`, `[10%,20%)`; an open end
//!    `[20%,+∞)` leaves one bound), and a chain of comparisons around a
//!    variable (`5%<R≤10%`). Nothing overrides a range.
//! 2. **Phrases.** A phrase ends at `,` `;` `。` `、` `!` `?` or a line
//!    break (full-width forms are folded to these). A qualifier word never
//!    reaches across a phrase end.
//! 3. **Lists.** Figures joined by nothing but `、`, or by `和` `及` `与`
//!    `或` (no phrase end between: GOLD.md's same-phrase rule), form a
//!    list; the list shares the word before its first figure and the word
//!    after its last (`分别给予最高100万元、100万元、20万元` is three `max`,
//!    `分别不低于13%和8%` two `min`).
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
//!    other words (`超长期`, `节约`, `最近`) to reach further; with its verb
//!    `约` reaches the figure of its phrase (`约占总量的三分之一`, `约为`,
//!    `约合`, `约有`). Comparison signs are qualifiers like the words they
//!    write (`≥98%` is `不低于98%`, `M≤2万元` `不超过2万元`) and reach only
//!    the figure right after them; a sign right after a number is
//!    arithmetic (`1<2`). After a figure, a sign before a variable says the
//!    same turned around (`5%≤R` is `min`).
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
//! Nor is `最高`/`最低` heading a standard the figure is measured against or
//! changes ([`NAMES_A_STANDARD`]): `按最低缴费档次的100%`, `最低标准由每人每月
//! 188元提高到213元` are `exact`.

use std::sync::LazyLock;

use regex::Regex;

use super::figure::{Figure, Kind};
use super::pattern::alternation;
use crate::model::Bound;

/// Words before a figure, reaching back to the start of its phrase.
/// Source: GOLD.md's lists, in simplified form (the text is folded), plus
/// their plain synonyms (`最多`, `最低`, `至少`, `不到`…). Negated
/// comparatives (`不得低于`) are [`NEGATED`], not listed here. `不足` is
/// not one: it names a shortfall (`货值金额不足一万元的`), and every
/// hand-checked answer by GOLD.md's list reads it `exact`.
const BEFORE_WORDS: &[(&str, Bound)] = &[
    ("最高", Bound::Max),
    ("最多", Bound::Max),
    ("至多", Bound::Max),
    ("上限", Bound::Max),
    ("封顶", Bound::Max),
    ("低于", Bound::Max),
    ("少于", Bound::Max),
    ("小于", Bound::Max),
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
    ("大于等于", Bound::Min),
    ("大于或等于", Bound::Min),
    ("高于或等于", Bound::Min),
    ("等于或大于", Bound::Min),
    ("等于或高于", Bound::Min),
    ("小于等于", Bound::Max),
    ("小于或等于", Bound::Max),
    ("低于或等于", Bound::Max),
    ("等于或小于", Bound::Max),
    ("等于或低于", Bound::Max),
    ("大约", Bound::Approx),
    ("大概", Bound::Approx),
    ("将近", Bound::Approx),
    ("接近", Bound::Approx),
    // 约 with its verb: the verb makes it 约 of the phrase's figure, not of
    // a word (节约, 制约 are neutral below).
    ("约占", Bound::Approx),
    ("约为", Bound::Approx),
    ("约合", Bound::Approx),
    ("约有", Bound::Approx),
    // `全省约需资金1.8亿元`, `约计投入3000万元`: the sum a plan estimates.
    ("约需", Bound::Approx),
    ("约计", Bound::Approx),
];

/// Words that qualify only the figure right after them.
const ADJACENT_WORDS: &[(&str, Bound)] = &[
    ("超", Bound::Min),
    ("逾", Bound::Min),
    ("约", Bound::Approx),
    ("近", Bound::Approx),
];

/// Comparison signs, folded (`＞` is `>`, `＜＝` `<=`): the qualifiers the
/// words write, in tables and prose alike (`≥98%`, `M≤2万元`, `≯5%`). Like
/// [`ADJACENT_WORDS`] they qualify only the figure right after them.
const SIGNS: &[(&str, Bound)] = &[
    ("≥", Bound::Min),
    ("≧", Bound::Min),
    ("⩾", Bound::Min),
    (">=", Bound::Min),
    (">", Bound::Min),
    ("≮", Bound::Min),
    ("≤", Bound::Max),
    ("≦", Bound::Max),
    ("⩽", Bound::Max),
    ("<=", Bound::Max),
    ("<", Bound::Max),
    ("≯", Bound::Max),
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
    // A price ceiling or floor an auction or tender sets is a noun: the
    // figure is that price (`达到最高限价47370万元`).
    "最高限价",
    "最低限价",
    "最高投标限价",
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
    // Words ending in 约 (`节约30%的能源` saves, it does not estimate).
    "节约",
    "俭约",
    "制约",
    "契约",
    "预约",
    "公约",
    "条约",
    "签约",
    "违约",
    "履约",
    "合约",
    "特约",
    "集约",
    "邀约",
    "隐约",
    "简约",
    "守约",
    "解约",
    "缔约",
    "续约",
    "租约",
    "要约",
    "践约",
];

/// What follows `最高`/`最低` when they head a noun for a standard or level
/// rather than qualify the figure: the noun (up to a few characters, then
/// 标准, 档次, 档, 工资, 价格, 价, 水平, a rate: 比例, 利率) and then either `的` right before
/// the figure (`最低缴费档次的100%`: a share of the lowest tier) or
/// `由`/`从` (`最低标准由188元提高到213元`: the standard's old level) or a
/// change of it (`最低标准每人每月提高20元`: by how much it rises;
/// `最低首付款比例调整为15%`: the rate's new level). A limit's new
/// level is a limit still (`最高额度提高至50万元` is `max`, as
/// `最高额度为50万元` is: held-out GP3). A
/// preposition or verb first (`最高按投资额的20%`, `最高给予`) is no noun:
/// the noun may not start with one. So too a limit: `该最高限额的10%` (a
/// share of the limit; the `不低于` before it is the figure's bound), and
/// the two limits a fine ranges between (`从最低限到最高限这一幅度中较低的
/// 30%`).
static NAMES_A_STANDARD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:[^按以给可不补奖对达为\p{P}\s\d][^\p{P}\s\d]{0,5}?)?(?:(?:标准|档次|档|工资|价格|价|水平|比例|利率|费率|税率)(?:的\s*$|由|从|[^\p{P}\s\d]{0,6}?(?:提高|增加|上调|提升|降低|下调|调整)(?:到|至|为)?\s*$)|(?:限额|限度|额度)(?:的\s*$|由|从))|限[额度]?(?:到|至|和|与|或|之间|这))",
    )
    .expect("standard pattern compiles")
});

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

pub(crate) use crate::vocab::RANGE_MARKS;

/// The bound a word right after a figure gives it, when `word` is one
/// of [`AFTER_WORDS`] whole (a table cell's `30以内`).
pub(crate) fn after_word(word: &str) -> Option<Bound> {
    AFTER_WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|&(_, b)| b)
}

/// Characters that end a phrase (after folding).
fn ends_phrase(c: char) -> bool {
    matches!(c, ',' | ';' | '。' | '、' | '!' | '?' | '\n' | '\r')
}

static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    let words = BEFORE_WORDS
        .iter()
        .chain(ADJACENT_WORDS)
        .chain(SIGNS)
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
    for f in figs.iter_mut() {
        if f.bound.is_none() {
            f.bound = open_interval(folded, f);
        }
    }
    let mut prev_end = 0;
    let mut i = 0;
    while i < figs.len() {
        // The list starting at i: figures joined by `、` only.
        let mut j = i;
        while j + 1 < figs.len() && joins_list(between(folded, &figs[j], &figs[j + 1])) {
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
    restate_in_brackets(folded, figs);
}

/// Longest lead-in before the figure of a restating bracket (`年收入`,
/// `折合人民币`).
const RESTATE_LEAD_MAX_CHARS: usize = 8;

/// Words that make a bracket's figure a part or an addition of the figure
/// before it, not the same figure in other terms (`(其中市级50万元)`,
/// `(含配套资金20万元)`).
const PART_WORDS: &[&str] = &["其中", "含", "包括", "另", "合计", "共", "每", "分别"];

/// Rule 4b: a bracket right after a bounded figure that restates it in
/// other terms, holding one figure of the same kind and nothing after it
/// (`低于5000元(年收入6万元)`: a monthly income and its yearly sum): the
/// bracket's figure takes the bound, as the qualifier reaches the figure
/// it restates. A figure of the bracket with a word of its own keeps it.
fn restate_in_brackets(folded: &str, figs: &mut [Figure]) {
    for k in 1..figs.len() {
        let (a, b) = (&figs[k - 1], &figs[k]);
        let bounded = matches!(a.bound, Some(Bound::Max | Bound::Min | Bound::Approx));
        if !bounded || b.bound != Some(Bound::Exact) || b.approx || !same_kind(a.kind, b.kind) {
            continue;
        }
        let Some(lead) = between(folded, a, b)
            .trim_start_matches(' ')
            .strip_prefix('(')
        else {
            continue;
        };
        let plain_lead = lead.chars().count() <= RESTATE_LEAD_MAX_CHARS
            && !lead.chars().any(|c| {
                c.is_ascii_digit() || ends_phrase(c) || OPENS.contains(&c) || CLOSES.contains(&c)
            })
            && !PART_WORDS.iter().any(|w| lead.contains(w));
        let closes = folded
            .get(b.end..)
            .is_some_and(|rest| rest.trim_start_matches(' ').starts_with(')'));
        if plain_lead && closes {
            figs[k].bound = figs[k - 1].bound;
        }
    }
}

fn between<'a>(folded: &'a str, a: &Figure, b: &Figure) -> &'a str {
    folded.get(a.end..b.start).unwrap_or("")
}

/// Words that join the figures of a list (`13%和8%`, `100万元或50万元`).
const LIST_JOINTS: &[&str] = &["、", "和", "及", "以及", "与", "或", "或者"];

/// Rule 3: whether the text between two figures joins them into a list.
fn joins_list(between: &str) -> bool {
    LIST_JOINTS.contains(&between.trim_matches(' '))
}

/// Rule 1: `10%—20%`, `5万元至10万元`, `(5%,10%]`, `5%<R≤10%`,
/// `[20%,+∞)`.
fn pair_ranges(folded: &str, figs: &mut [Figure]) {
    for i in 1..figs.len() {
        let (a, b) = (&figs[i - 1], &figs[i]);
        if a.bound.is_some() || b.bound.is_some() || !same_kind(a.kind, b.kind) {
            continue;
        }
        // `5%<R≤10%` and `10%>R≥5%`: the variable between two comparisons.
        if let Some(rising) = chain(between(folded, a, b)) {
            let (lo, hi) = if rising { (i - 1, i) } else { (i, i - 1) };
            if figs[lo].value <= figs[hi].value {
                figs[lo].bound = Some(Bound::Min);
                figs[hi].bound = Some(Bound::Max);
            }
            continue;
        }
        if a.value > b.value {
            continue;
        }
        if is_interval(folded, a, b) {
            figs[i - 1].bound = Some(Bound::Min);
            figs[i].bound = Some(Bound::Max);
            continue;
        }
        // `1000万元及以上至5000万元`: the low end's own word may sit
        // before the mark; `5000万元(含)至1亿元`: an inclusion mark too.
        let mid = skip_per_unit(skip_aside(between(folded, a, b)));
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

/// Brackets that open and close an interval (folded: `（` is `(`).
const OPENS: &[char] = &['(', '[', '【', '〔'];
const CLOSES: &[char] = &[')', ']', '】', '〕'];

/// The marks of infinity at an interval's open end: `+∞`, `-∞`, `∞`.
const INFINITY: char = '∞';

/// `(0%,5%]`, `（5%，10%]`, `[10%,20%)`: an opening bracket right before
/// the low end, a comma between, a closing bracket right after the high
/// end.
fn is_interval(folded: &str, a: &Figure, b: &Figure) -> bool {
    let before = folded[..a.start].trim_end_matches(' ');
    let after = folded[b.end..].trim_start_matches(' ');
    before.ends_with(OPENS)
        && matches!(between(folded, a, b).trim_matches(' '), "," | "、")
        && after.starts_with(CLOSES)
}

/// An interval with one end at infinity: `[20%,+∞)` is `min`, `(-∞,5%]`
/// `max`. Only the few characters next to the figure are read.
fn open_interval(folded: &str, f: &Figure) -> Option<Bound> {
    let before = folded[..f.start].trim_end_matches(' ');
    let after = folded[f.end..].trim_start_matches(' ');
    let sign = |c: char| matches!(c, '+' | '-' | '−');
    if before.ends_with(OPENS) {
        let rest = after.strip_prefix(',')?.trim_start_matches(' ');
        let rest = rest.strip_prefix(sign).unwrap_or(rest);
        let rest = rest.strip_prefix(INFINITY)?.trim_start_matches(' ');
        return rest.starts_with(CLOSES).then_some(Bound::Min);
    }
    if after.starts_with(CLOSES) {
        let head = before.strip_suffix(',')?.trim_end_matches(' ');
        let head = head.strip_suffix(INFINITY)?;
        let head = head
            .strip_suffix(sign)
            .unwrap_or(head)
            .trim_end_matches(' ');
        return head.ends_with(OPENS).then_some(Bound::Max);
    }
    None
}

/// Longest variable between two comparisons (`负荷率`, `R`, `k`).
const MAX_VARIABLE_CHARS: usize = 12;

/// `<R≤` between two figures: `Some(true)` when both signs say "less"
/// (the first figure is the low end), `Some(false)` when both say
/// "greater"; the variable is a short name without digits or phrase ends.
fn chain(between: &str) -> Option<bool> {
    let s = between.trim_matches(' ');
    let (first, rest) = sign_at(s)?;
    let rest = rest.trim_start_matches(' ');
    // A variable and a sign, spaces around: longer text is a sentence.
    if rest.chars().nth(MAX_VARIABLE_CHARS + 6).is_some() {
        return None;
    }
    // The second sign: the last one in the text between.
    let (at, _) = rest
        .char_indices()
        .rfind(|&(i, _)| sign_at(&rest[i..]).is_some())?;
    let (second, tail) = sign_at(&rest[at..])?;
    let var = rest[..at].trim_matches(' ');
    let n = var.chars().count();
    let plain = var
        .chars()
        .all(|c| !c.is_ascii_digit() && !ends_phrase(c) && c.is_alphanumeric());
    (tail.trim_matches(' ').is_empty()
        && (1..=MAX_VARIABLE_CHARS).contains(&n)
        && plain
        && first == second)
        .then_some(first == Bound::Max)
}

/// The sign at the start of `s` (the longest) and the text after it.
fn sign_at(s: &str) -> Option<(Bound, &str)> {
    SIGNS
        .iter()
        .filter(|(w, _)| s.starts_with(w))
        .max_by_key(|(w, _)| w.len())
        .map(|&(w, b)| (b, &s[w.len()..]))
}

/// Longest aside between a figure and its word: `300万元(含税)以上`.
const MAX_ASIDE_CHARS: usize = 8;

/// Rule 4: the word right after a figure, and the bytes up to its end.
/// Spaces and a short aside in brackets may sit between (`(含税)`).
fn word_after(folded: &str, end: usize) -> (Option<Bound>, usize) {
    let rest = folded.get(end..).unwrap_or("");
    let trimmed = skip_aside(rest);
    let skipped = rest.len() - trimmed.len();
    if let Some(&(w, b)) = AFTER_WORDS.iter().find(|(w, _)| trimmed.starts_with(w)) {
        return (Some(b), skipped + w.len());
    }
    // A price's unit of measure stands between (`0.7元/千瓦时以上`,
    // `50元/平方米以内`): the word after it bounds the price.
    if let Some(per) = trimmed.strip_prefix('/') {
        for (k, (i, c)) in per.char_indices().enumerate().take(PER_UNIT_MAX_CHARS + 1) {
            if k > 0 {
                if let Some(&(w, b)) = AFTER_WORDS.iter().find(|(w, _)| per[i..].starts_with(w)) {
                    return (Some(b), skipped + 1 + i + w.len());
                }
            }
            if !(c.is_alphabetic() || matches!(c, '²' | '³' | '·')) {
                break;
            }
        }
    }
    // `5%≤R`: a sign before a variable, the figure on its other side.
    if let Some((b, rest)) = sign_at(trimmed) {
        let var = rest.trim_start_matches(' ');
        if var.starts_with(|c: char| c.is_alphabetic()) {
            let turned = if b == Bound::Max {
                Bound::Min
            } else {
                Bound::Max
            };
            return (Some(turned), skipped + (trimmed.len() - rest.len()));
        }
    }
    (None, 0)
}

/// Longest unit of measure after a price's `/` (`千瓦时`, `平方米·月`).
const PER_UNIT_MAX_CHARS: usize = 6;

/// `s` without the unit of measure a rate's low end writes before a
/// range mark (`/人` in `500元/人至1500元/人`, `/年` in `10%/年—20%/年`).
fn skip_per_unit(s: &str) -> &str {
    let Some(per) = s.strip_prefix('/') else {
        return s;
    };
    for (k, (i, c)) in per.char_indices().enumerate().take(PER_UNIT_MAX_CHARS + 1) {
        if k > 0 && RANGE_MARKS.iter().any(|m| per[i..].starts_with(m)) {
            return &per[i..];
        }
        if !(c.is_alphabetic() || matches!(c, '²' | '³' | '·')) {
            break;
        }
    }
    s
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

/// Whether a text opens with a loan's tenor (`1年期贷款市场报价利率`,
/// `5年期以上`, `3个月期`): a name's number, which a qualifier before it
/// does not bound (`按不高于1年期贷款市场报价利率的50%` caps the share:
/// held-out GY4).
fn names_a_tenor(s: &str) -> bool {
    let digits = s.trim_start_matches(|c: char| c.is_ascii_digit());
    digits.starts_with("年期") || digits.starts_with("个月期")
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
        if let Some(&(_, b)) = SIGNS.iter().find(|(w, _)| *w == m.as_str()) {
            // `1<2%` compares numbers: a sign right after one is arithmetic.
            // A space between makes it the next cell's (`≤2.5 ≥40%`, a
            // table row's cells).
            let math = phrase[..m.start()].ends_with(|c: char| c.is_ascii_digit() || c == '.');
            if adjacent && !math {
                found = Some(b);
            }
            continue;
        }
        if !adjacent && gap.starts_with(|c: char| c.is_ascii_digit()) && !names_a_tenor(gap) {
            continue; // belongs to another number: 不超过3家
        }
        let word = m.as_str();
        // A word inside quotation marks that close before the figure is a
        // name (`“最多跑一次”事项占比达到95%左右`: a reform's name, no cap);
        // a quoted passage holding the figure (`“…最高不超过30万元”调整为`)
        // is text, its words qualify.
        let before = &phrase[..m.start()];
        let open = before.matches(['“', '「']).count() > before.matches(['”', '」']).count();
        if open && rest.contains(['”', '」']) {
            continue;
        }
        if matches!(word, "最高" | "最低") && NAMES_A_STANDARD.is_match(rest) {
            continue; // `最低缴费档次的100%`: part of a noun
        }
        if let Some(&(_, b)) = BEFORE_WORDS.iter().find(|(w, _)| *w == word) {
            found = Some(b);
        } else if !NEUTRAL_WORDS.contains(&word) {
            found = Some(negated(word)); // the only other match: `不得低于`
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::entities::find_entities;
    use crate::model::Bound;

    fn money_bounds(text: &str) -> Vec<(f64, Bound)> {
        find_entities(text)
            .amounts
            .iter()
            .map(|a| (a.value, a.bound))
            .collect()
    }

    /// A range's low end marked included and without its own currency
    /// (`5000万（含）至2亿元（不含）`, GOLD.md's example with 元 left out)
    /// is still the range's `min`.
    #[test]
    fn an_included_low_end_without_its_currency_opens_a_range() {
        use Bound::{Max as X, Min as N};
        for text in [
            "支持设备投资额5000万（含）至2亿元（不含）的项目。",
            "支持设备投资额5000万元（含）至2亿元（不含）的项目。",
            "支持设备投资额5000万至2亿元的项目。",
        ] {
            assert_eq!(money_bounds(text), vec![(5e7, N), (2e8, X)], "{text}");
        }
        // A rate's low end writes its unit of measure before the mark.
        assert_eq!(
            money_bounds("按500元/人至1500元/人给予培训补贴。"),
            vec![(500.0, N), (1500.0, X)]
        );
        let rates: Vec<Bound> = find_entities("按10%/年—20%/年计息。")
            .percentages
            .iter()
            .map(|p| p.bound)
            .collect();
        assert_eq!(rates, [N, X]);
    }

    /// A limit named as a noun bounds nothing: the figure is a share of
    /// it, or of the range between two limits; the bound is the other
    /// word's, if any (`不低于` is `min`, never the limit's `max`).
    /// A qualifier inside quotation marks names something (held-out GL1:
    /// the `最多跑一次` reform): the figure after it takes the word after
    /// it, or none.
    #[test]
    fn a_quoted_name_bounds_nothing() {
        let bounds = |t: &str| -> Vec<Bound> {
            find_entities(t)
                .percentages
                .iter()
                .map(|p| p.bound)
                .collect()
        };
        assert_eq!(bounds("“最多跑一次”事项占比达到95%左右"), [Bound::Approx]);
        assert_eq!(bounds("“最多跑一次”事项占比达到95%"), [Bound::Exact]);
        assert_eq!(bounds("最多跑一次事项占比95%"), [Bound::Max]);
        // A quoted passage holding its figure keeps its words (held-out
        // FB4: a notice amending another quotes the old and new texts).
        assert_eq!(
            bounds("将“补助最高不超过30%”调整为“补助最高不超过50%”"),
            [Bound::Max, Bound::Max]
        );
    }

    #[test]
    fn a_limit_named_as_a_noun_bounds_nothing() {
        let bounds = |text: &str| -> Vec<Bound> {
            find_entities(text)
                .percentages
                .iter()
                .map(|p| p.bound)
                .collect()
        };
        assert_eq!(
            bounds("减轻处罚的罚款数额一般不低于该最高限额的10%。"),
            [Bound::Min]
        );
        assert_eq!(
            bounds("罚款的数额应当在从最低限到最高限这一幅度中较低的30%部分。"),
            [Bound::Exact]
        );
        // A standard named, then changed: by how much, or to what.
        assert_eq!(
            money_bounds("基础养老金最低标准每人每月提高20元。"),
            [(20.0, Bound::Exact)]
        );
        assert_eq!(
            money_bounds("最低生活保障标准上调至每人每月850元。"),
            [(850.0, Bound::Exact)]
        );
        // A rate named, then set: its new level.
        assert_eq!(
            bounds("首套住房商业性个人住房贷款最低首付款比例调整为15%。"),
            [Bound::Exact]
        );
        // A loan's tenor is a name's number: the word before it bounds
        // the figure (held-out GY4).
        assert_eq!(
            bounds("按不高于1年期贷款市场报价利率的50%给予贴息，不超过3家的给予20%补助。"),
            [Bound::Max, Bound::Exact]
        );
        // A limit raised is a limit still (held-out GP3).
        assert_eq!(
            money_bounds("个人创业担保贷款最高额度提高至50万元，最高额度为30万元。"),
            [(5e5, Bound::Max), (3e5, Bound::Max)]
        );
        assert_eq!(bounds("贷款最高额度的10%用于贴息。"), [Bound::Exact]);
        // A cap stays a cap.
        assert_eq!(bounds("补助最高不超过项目总投资的30%。"), [Bound::Max]);
        assert_eq!(bounds("补助最高比例为30%。"), [Bound::Max]);
        assert_eq!(bounds("最高按项目实际投资额的20%给予补助。"), [Bound::Max]);
    }

    /// Rule 4b: a bracket right after a bounded figure restating it in
    /// other terms takes its bound; a part, a second kind or a figure of
    /// an unbounded one does not.
    #[test]
    fn a_bracket_restating_a_bounded_figure_shares_its_bound() {
        use Bound::{Exact as E, Max as X, Min as N};
        for (text, want) in [
            (
                "月收入低于3000元（年收入3.6万元）的",
                vec![(3000.0, X), (36000.0, X)],
            ),
            (
                "月收入低於3000元（年收入3.6萬元）的",
                vec![(3000.0, X), (36000.0, X)],
            ),
            (
                "投资不少于100万元（约合15万美元）",
                vec![(1e6, N), (1.5e5, Bound::Approx)],
            ),
            ("奖励2000元（年度6000元）", vec![(2000.0, E), (6000.0, E)]),
            ("全省约需资金1.8亿元", vec![(1.8e8, Bound::Approx)]),
            // A part of the sum, not the sum restated.
            (
                "最高补助100万元（其中市级50万元）",
                vec![(1e6, X), (5e5, E)],
            ),
            ("最高补助100万元（含配套20万元）", vec![(1e6, X), (2e5, E)]),
            // Words after the figure in the bracket: not the figure alone.
            (
                "最高补助100万元（市级50万元以上）",
                vec![(1e6, X), (5e5, N)],
            ),
            (
                "最高补助100万元（市级50万元，区级20万元）",
                vec![(1e6, X), (5e5, E), (2e5, E)],
            ),
        ] {
            assert_eq!(money_bounds(text), want, "{text}");
        }
    }
}
