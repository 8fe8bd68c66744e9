//! A paragraph that is only a labelled statement, without brackets.

use super::brackets::{bracket_groups, cut, open_len};
use super::names::{ends_like_body, is_unit_name};
use super::{read_statement, starts_with_unit_label, Statement, NOTE};

use std::sync::LazyLock;

use regex::Regex;

/// A unit label in square brackets instead of before a colon.
static BRACKETED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[【\[]\s*(?:责任|牵头|配合|协同|参与|主责|实施|负责|协办|主办)(?:单位|部门|主体)\s*[】\]]")
        .expect("valid regex")
});

/// Whether a (folded) text opens with a unit label set in square
/// brackets (`【责任单位】区经信局`).
pub(super) fn starts_with_bracketed_label(folded: &str) -> bool {
    BRACKETED_LABEL.find(folded).is_some_and(|m| m.start() == 0)
}

/// Longest paragraph read as a labelled statement without brackets.
const UNBRACKETED_MAX_CHARS: usize = 200;

/// A paragraph that is only a labelled statement without brackets, as
/// Word-made 方案 set one under each clause (`责任单位：县农业农村局、县财政局`,
/// `牵头单位：A；配合单位：B`): the label says what the list is as a
/// bracket would. A note in brackets at its end (`（列第一位者为牵头单位）`)
/// is its note. Every item must read as a body's name, so a sentence that
/// starts with a label (`责任单位：要切实…`) is none.
pub(super) fn unbracketed_statement(folded: &str, original: &str) -> Option<Statement> {
    let start = folded.len() - folded.trim_start().len();
    let end = folded
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '。' | '.' | ';' | ','))
        .len();
    let raw = folded.get(start..end)?;
    if raw.contains('。') || raw.chars().count() > UNBRACKETED_MAX_CHARS {
        return None;
    }
    // Without a label set in brackets the text is read as it is, and it must
    // open with a unit label: most paragraphs are answered here, before the
    // copies below.
    if !BRACKETED_LABEL.is_match(raw) && !starts_with_unit_label(raw.trim_start()) {
        return None;
    }
    let mut f: Vec<char> = raw.chars().collect();
    let mut o: Vec<char> = cut(folded, original, start, end).chars().collect();
    // A label set in brackets, a policy list's `【责任单位】区科技局` or
    // `【牵头单位】A　【配合单位】B`: its brackets become a colon, char for
    // char in both texts.
    for m in BRACKETED_LABEL.find_iter(raw) {
        let open = raw[..m.start()].chars().count();
        let close = raw[..m.end()].chars().count() - 1;
        let colon_follows = raw[m.end()..].trim_start().starts_with(':');
        for (at, c) in [(open, ' '), (close, if colon_follows { ' ' } else { ':' })] {
            f[at] = c;
            if let Some(x) = o.get_mut(at) {
                *x = c;
            }
        }
    }
    let relabelled: String = f.iter().collect();
    let body = relabelled.trim_start();
    if !starts_with_unit_label(body) {
        return None;
    }
    let lead = f.len() - body.chars().count();
    f.drain(..lead);
    o.drain(..lead.min(o.len()));
    // The note's brackets become spaces (char for char in both texts, so
    // `cut` still aligns them): at the top level the note is found as in a
    // bracketed statement.
    let body: String = f.iter().collect();
    let body = body.as_str();
    if let Some(&(open, close)) = bracket_groups(body).last() {
        if close + open_len(body, close) == body.len() && NOTE.is_match(&body[open..]) {
            for at in [body[..open].chars().count(), body[..close].chars().count()] {
                f[at] = ' ';
                if let Some(c) = o.get_mut(at) {
                    *c = ' ';
                }
            }
        }
    }
    let f: String = f.into_iter().collect();
    let o: String = o.into_iter().collect();
    let mut st = read_statement(&f, &o, '(', false)?;
    if !st.units.iter().all(|u| is_unit_name(u)) || !st.units.iter().any(|u| ends_like_body(u)) {
        return None;
    }
    st.start = start;
    st.end = end;
    Some(st)
}
