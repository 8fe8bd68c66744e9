//! OCR repairs that need the whole paragraph, not one line: which bracket
//! a misread one closes, whether a quote mark has a partner. Tesseract
//! reads the full-width `（` of a serif face as `〈` or `《` (and doubles it,
//! `(〈`), drops a `）` set at the right margin, and reads the gap a
//! full-width space leaves (`第一条　为…`, between two names of a joint
//! header) as `”`. Each of these breaks a responsibility statement or a
//! title that the text layer of the same page gives whole. Runs on the
//! paragraphs the repair made, before the structure stage; each character
//! keeps its confidence (a character put in takes its neighbour's).

use std::sync::LazyLock;

use regex::Regex;

use super::ocr::is_cjk_ideograph;

/// A character of a paragraph with its confidence (`None`: white space).
type Cell = (char, Option<f32>);

/// Openers Tesseract gives for a round bracket, and the real ones.
fn is_round_open(c: char) -> bool {
    matches!(c, '(' | '（')
}

fn is_round_close(c: char) -> bool {
    matches!(c, ')' | '）')
}

/// `〈` and `《` stand for `（` when what they open a round bracket closes.
fn is_misread_open(c: char) -> bool {
    matches!(c, '〈' | '《')
}

fn is_misread_close(c: char) -> bool {
    matches!(c, '〉' | '》')
}

fn is_any_open(c: char) -> bool {
    is_round_open(c) || is_misread_open(c)
}

fn is_any_close(c: char) -> bool {
    is_round_close(c) || is_misread_close(c)
}

/// A paragraph's label at its start (`第一条`, `第二章`, `（三）`, `四、`,
/// `5.`): a quote mark right after it is the gap before the text.
static LABEL_AT_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:第[一二三四五六七八九十百零〇\d]{1,5}[条條章节節]|[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、])",
    )
    .expect("valid regex")
});

/// A statement's role at the paragraph's end, its `）` lost at the margin
/// (`（商务部、财政部等按职责分工负责`).
static ROLE_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:负责|負責|牵头|牽頭|配合|参与|參與|牵头实施|牽頭實施)\s*$")
        .expect("valid regex")
});

/// Repairs the OCR paragraphs and their confidences (one per character
/// other than white space) in place; see the module's comment.
pub fn ocr_paragraphs(paragraphs: &mut Vec<String>, confidence: &mut Vec<Vec<f32>>) {
    let mut cells: Vec<Vec<Cell>> = paragraphs
        .iter()
        .zip(confidence.iter())
        .map(|(p, c)| to_cells(p, c))
        .collect();
    cells = join_open_brackets(cells);
    for p in &mut cells {
        fix_misread_brackets(p);
        drop_gap_quotes(p);
        close_open_statement(p);
    }
    *paragraphs = cells
        .iter()
        .map(|p| p.iter().map(|c| c.0).collect())
        .collect();
    *confidence = cells
        .iter()
        .map(|p| p.iter().filter_map(|c| c.1).collect())
        .collect();
}

fn to_cells(p: &str, conf: &[f32]) -> Vec<Cell> {
    let mut it = conf.iter();
    p.chars()
        .map(|c| {
            if c.is_whitespace() {
                (c, None)
            } else {
                (c, Some(it.next().copied().unwrap_or(0.0)))
            }
        })
        .collect()
}

/// The index of the last opener with no closer after it, if the
/// paragraph ends inside a bracket.
fn open_at_end(p: &[Cell]) -> Option<usize> {
    let mut depth = 0usize;
    for (i, &(c, _)) in p.iter().enumerate().rev() {
        if is_any_close(c) {
            depth += 1;
        } else if is_any_open(c) {
            if depth == 0 {
                return Some(i);
            }
            depth -= 1;
        }
    }
    None
}

/// Whether a paragraph closes, within its first few characters, a bracket
/// it did not open (`头实施）` after `（由市商务局牵`).
fn closes_early(p: &[Cell]) -> bool {
    let text: String = p.iter().map(|c| c.0).collect();
    if LABEL_AT_START.is_match(&text) {
        return false;
    }
    for &(c, _) in p.iter().take(24) {
        if is_any_open(c) {
            return false;
        }
        if is_any_close(c) {
            return true;
        }
    }
    false
}

/// A paragraph that ends inside a bracket the next one closes at once is
/// one paragraph: OCR's line ends (a heading's lead units wrapped to a
/// second line) cut it.
fn join_open_brackets(cells: Vec<Vec<Cell>>) -> Vec<Vec<Cell>> {
    let mut out: Vec<Vec<Cell>> = Vec::with_capacity(cells.len());
    for p in cells {
        if let Some(last) = out.last_mut() {
            if open_at_end(last).is_some() && closes_early(&p) {
                last.extend(p);
                continue;
            }
        }
        out.push(p);
    }
    out
}

/// `〈`/`《` whose first closer is a round one is `（` (`(〈` doubled: the
/// `〈` goes); `〉`/`》` closing a round opener is `）`.
fn fix_misread_brackets(p: &mut Vec<Cell>) {
    let mut i = 0;
    while i < p.len() {
        if is_misread_open(p[i].0) {
            let closer = p[i + 1..]
                .iter()
                .map(|c| c.0)
                .find(|&c| is_any_close(c) || is_any_open(c));
            if let Some(close) = closer.filter(|&c| is_round_close(c)) {
                if i > 0 && is_round_open(p[i - 1].0) {
                    p.remove(i);
                    continue;
                }
                p[i].0 = if close == ')' { '(' } else { '（' };
            }
        }
        i += 1;
    }
    for j in 0..p.len() {
        if !is_misread_close(p[j].0) {
            continue;
        }
        let mut depth = 0usize;
        for i in (0..j).rev() {
            let c = p[i].0;
            if is_any_close(c) {
                depth += 1;
            } else if is_any_open(c) {
                if depth == 0 {
                    if is_round_open(c) {
                        p[j].0 = if c == '(' { ')' } else { '）' };
                    }
                    break;
                }
                depth -= 1;
            }
        }
    }
}

/// A straight quote closing a curly one (`“创新券"`) is `”`. A closing
/// quote with no opening one before it, read in the gap after a
/// label (`第一条”为…`) or between two CJK words of a paragraph holding no
/// other quote mark (`科学技术局”湖州市财政局`), is no character.
fn drop_gap_quotes(p: &mut Vec<Cell>) {
    let is_quote = |c: char| matches!(c, '“' | '”' | '"');
    let text: String = p.iter().map(|c| c.0).collect();
    let label_end = LABEL_AT_START
        .find(&text)
        .map(|m| text[..m.end()].chars().count());
    let quotes = p.iter().filter(|c| is_quote(c.0)).count();
    let mut open = 0usize;
    let mut i = 0;
    while i < p.len() {
        // Where a gap is read as a mark: right after the label, or between
        // two words when the paragraph has no other quote.
        let in_gap = label_end == Some(i) || (quotes == 1 && between_words(p, i));
        match p[i].0 {
            // An opening mark nothing closes.
            '“' if in_gap && !closed_after(p, i) => {
                p.remove(i);
                continue;
            }
            '“' => open += 1,
            '”' if open > 0 => open -= 1,
            // A straight mark closing a curly one is the curly close.
            '"' if open > 0 => {
                p[i].0 = '”';
                open -= 1;
            }
            '”' if in_gap => {
                p.remove(i);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
}

/// Whether the character at `i` stands between two CJK ideographs.
fn between_words(p: &[Cell], i: usize) -> bool {
    i > 0 && is_cjk_ideograph(p[i - 1].0) && p.get(i + 1).is_some_and(|c| is_cjk_ideograph(c.0))
}

/// Whether a closing quote follows the opening one at `i` before another
/// opening one.
fn closed_after(p: &[Cell], i: usize) -> bool {
    p[i + 1..]
        .iter()
        .map(|c| c.0)
        .take_while(|&c| c != '“')
        .any(|c| matches!(c, '”' | '"'))
}

/// A paragraph ending inside a round bracket whose text ends in a role
/// (`（…等按职责分工负责`) gets the `）` the margin lost.
fn close_open_statement(p: &mut Vec<Cell>) {
    let Some(at) = open_at_end(p) else { return };
    if !is_round_open(p[at].0) {
        return;
    }
    let tail: String = p[at..].iter().map(|c| c.0).collect();
    if !ROLE_AT_END.is_match(&tail) {
        return;
    }
    let conf = p.iter().rev().find_map(|c| c.1);
    let close = if p[at].0 == '(' { ')' } else { '）' };
    p.push((close, Some(conf.unwrap_or(0.0))));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repair(paras: &[&str]) -> Vec<String> {
        let mut p: Vec<String> = paras.iter().map(|s| s.to_string()).collect();
        let mut c: Vec<Vec<f32>> = p
            .iter()
            .map(|s| {
                s.chars()
                    .filter(|c| !c.is_whitespace())
                    .map(|_| 90.0)
                    .collect()
            })
            .collect();
        ocr_paragraphs(&mut p, &mut c);
        for (s, conf) in p.iter().zip(&c) {
            assert_eq!(s.chars().filter(|c| !c.is_whitespace()).count(), conf.len());
        }
        p
    }

    #[test]
    fn misread_round_brackets_are_round() {
        assert_eq!(
            repair(&["环城南路〈穿城大道至南峰路段)、解放街〈东门桥至县前路段)"]),
            ["环城南路(穿城大道至南峰路段)、解放街(东门桥至县前路段)"]
        );
        assert_eq!(
            repair(&["补贴。(〈商务部、自然资源部等按职责分工负责)"]),
            ["补贴。(商务部、自然资源部等按职责分工负责)"]
        );
        assert_eq!(repair(&["在10万元(含〉至50万元"]), ["在10万元(含)至50万元"]);
        // A book title's marks stay.
        assert_eq!(
            repair(&["根据《某某办法》(试行)制定"]),
            ["根据《某某办法》(试行)制定"]
        );
    }

    #[test]
    fn a_heading_cut_inside_its_lead_units_is_joined() {
        assert_eq!(
            repair(&[
                "三、推动农村电商提质增效《由市商务局、市农业农村局牵",
                "头实施）",
                "（一）加强。"
            ]),
            [
                "三、推动农村电商提质增效（由市商务局、市农业农村局牵头实施）",
                "（一）加强。"
            ]
        );
        // The next paragraph's own label, or its own bracket, keeps it apart.
        assert_eq!(repair(&["各区（县", "（一）甲）"]).len(), 2);
    }

    #[test]
    fn a_quote_read_in_a_gap_goes() {
        assert_eq!(
            repair(&["第一条”为深入实施创新驱动发展战略，制定本办法。"]),
            ["第一条为深入实施创新驱动发展战略，制定本办法。"]
        );
        assert_eq!(
            repair(&["湖州市科学技术局”湖州市财政局关于印发的通知"]),
            ["湖州市科学技术局湖州市财政局关于印发的通知"]
        );
        // Real quotes, and a closing mark misread for an opening one, stay.
        assert_eq!(
            repair(&[
                "第三章“资金分配和下达",
                "湖南省财政厅“湖南省商务厅关于印发的通知"
            ]),
            [
                "第三章资金分配和下达",
                "湖南省财政厅湖南省商务厅关于印发的通知"
            ]
        );
        assert_eq!(
            repair(&["第二条“创新券”是指电子凭证。"]),
            ["第二条“创新券”是指电子凭证。"]
        );
        assert_eq!(repair(&["举办“村超”赛事"]), ["举办“村超”赛事"]);
        assert_eq!(repair(&["举办”村超”赛事"]), ["举办”村超”赛事"]);
        assert_eq!(repair(&["简称“创新券\")"]), ["简称“创新券”)"]);
    }

    #[test]
    fn a_statement_whose_close_was_lost_is_closed() {
        assert_eq!(
            repair(&["给予支持。(商务部、财政部等按职责分工负责"]),
            ["给予支持。(商务部、财政部等按职责分工负责)"]
        );
        assert_eq!(repair(&["给予支持（详见"]), ["给予支持（详见"]);
    }
}
