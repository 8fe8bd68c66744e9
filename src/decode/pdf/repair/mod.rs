//! Text repair: positioned lines of a PDF become the paragraphs a web page
//! would show.
//!
//! What a PDF's text layer gives is the typesetting, not the text: one entry
//! per visual line, page numbers (`— 3 —`) between the halves of a wrapped
//! sentence, a gap between CJK and digits (`2025 年`), letter-spaced
//! headers (`杭 州 市 濱 江 區`), Kangxi radicals for ordinary ideographs.
//! This module undoes that in three steps:
//!
//! 1. each line is cleaned ([`repair_line`]): compatibility forms and odd
//!    punctuation folded
//!    ([`compat_char`](crate::decode::normalize::compat_char), full-width
//!    ASCII kept as written), layout gaps around digits and inside
//!    spaced-out lines removed;
//! 2. page furniture is dropped: page numbers and lines repeated on most
//!    pages (running headers and footers);
//! 3. lines are joined into paragraphs from the layout of the page
//!    ([`Layout`]): the 公文 layout (GB/T 9704) indents a paragraph's first
//!    line by two characters, fills every other line to the right margin,
//!    and sets titles in a larger font. So a paragraph ends before an
//!    indented (or centred, or right-aligned) line, after a line that stops
//!    short of the right margin, where the font size changes, and before a
//!    section or clause marker; consecutive title-size lines are one
//!    paragraph (a title over three lines, a two-issuer header). How far
//!    in a line must start to be indented is measured on the document
//!    ([`Layout::measure_indents`]): a print that justifies by widening
//!    spaces sets its wrapped lines up to an em in. Lines are
//!    joined with no space between CJK characters, so a number and its unit
//!    (`10\n億元`) or a unit name (`市\n發改委`) come back together, across
//!    page breaks too. A page laid out as a table (cells wrapping in
//!    columns) is not prose: it becomes one paragraph ([`table_pages`]).
//!
//! Text read by OCR comes in as words with a confidence; [`ocr_line`]
//! first makes a line of them and undoes what Tesseract gets wrong on CJK
//! print (spaces between characters, `O` in numbers, `一` for a dash, a
//! `[`/`口` for the `〔` of a 文號), keeping one character for one
//! character so each keeps its word's confidence. Then the same steps run.
//!
//! # Files
//!
//! One file per step: [`line`] cleans a line, [`furniture`] drops page
//! furniture, [`layout`] says where a paragraph breaks, and [`ocr`] makes
//! a line of OCR words. This file runs the steps in order.

mod furniture;
mod layout;
mod line;
mod ocr;
mod ocr_paragraph;

use super::backend::{Line, Page};
use crate::model::{Warning, WarningCode};
use layout::{
    continues, dates_signature, ends_date, ends_title, join_into, opens_signature, runs_over_page,
};

pub use furniture::drop_furniture;
pub(crate) use furniture::is_page_number;
pub(crate) use layout::{ends_addressees, is_date_alone};
pub use layout::{table_pages, Layout};
pub use line::repair_line;
pub(crate) use line::{ends_sentence, is_cjk, is_han};
pub use ocr::{ocr_line, OcrWord};
pub use ocr_paragraph::ocr_paragraphs;

/// Paragraphs of a PDF and what the repair could not turn into prose.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Repaired {
    pub paragraphs: Vec<String>,
    /// Pages laid out as tables: each became one paragraph, in
    /// content-stream order (cells interleave; no extractor reads a table's
    /// rows), so their item numbers are not taken for clauses.
    pub table_pages: usize,
    /// For each paragraph, the `(page, line)` indices of the input lines it
    /// was joined from, in order. Its characters other than white space are
    /// exactly theirs, in order: the repair only drops and adds white space
    /// and maps one character to one (what lets OCR confidences follow).
    pub sources: Vec<Vec<(usize, usize)>>,
}

impl Repaired {
    /// The `pdf_table_pages` warning, when some of the document's `pages`
    /// were tables. `order` names the order a table page's text is in
    /// (`content-stream` for a text layer); `None` when it is no
    /// extractor's own (OCR's lines, top to bottom).
    pub fn table_pages_warning(&self, pages: usize, order: Option<&str>) -> Option<Warning> {
        (self.table_pages > 0).then(|| {
            let order = order.map(|o| format!(" in {o} order")).unwrap_or_default();
            Warning::new(
                WarningCode::PdfTablePages,
                format!(
                    "{} of {pages} pages are tables; each page's text is one paragraph{order}",
                    self.table_pages
                ),
            )
        })
    }
}

/// Turns the pages of a PDF into paragraphs (see the module doc).
pub fn paragraphs(pages: &[Page]) -> Repaired {
    let kept = drop_furniture(pages);
    let tables = table_pages(pages);
    let lines: Vec<&Line> = kept.iter().map(|(_, _, l, _)| *l).collect();
    let Some(layout) = Layout::measure(&lines) else {
        return Repaired::default();
    };
    // Which of the `kept` lines are a table page's table, the prose
    // around it apart (`Layout::table_lines`).
    let mut in_table = vec![false; kept.len()];
    let mut table_pages = 0;
    for (page, _) in tables.iter().enumerate().filter(|(_, &t)| t) {
        let first = kept.partition_point(|k| k.0 < page);
        let lines: Vec<&Line> = kept[first..]
            .iter()
            .take_while(|k| k.0 == page)
            .map(|k| k.2)
            .collect();
        let table = layout.table_lines(&lines);
        table_pages += usize::from(table.contains(&true));
        in_table[first..first + table.len()].copy_from_slice(&table);
    }
    // Indents are measured on prose: consecutive lines of a page outside
    // its table.
    let layout = layout.measure_indents(
        (1..kept.len())
            .filter(|&i| kept[i - 1].0 == kept[i].0 && !in_table[i - 1] && !in_table[i])
            .map(|i| (kept[i - 1].2, kept[i].2)),
    );
    // Boxes inside the text block wrap at their own margins.
    let paged: Vec<(usize, &Line)> = kept.iter().map(|k| (k.0, k.2)).collect();
    let (box_of, boxes) = layout.boxes(&paged);
    let mut out: Vec<(String, Vec<(usize, usize)>)> = Vec::new();
    let mut prev: Option<(usize, &Line)> = None;
    // The left edge of the cell the last paragraph's line went on in (see
    // [`cell_goes_on`]).
    let mut cell: Option<f32> = None;
    for (i, (page, index, line, text)) in kept.iter().enumerate() {
        let layout = match (i.checked_sub(1).and_then(|p| box_of[p]), box_of[i]) {
            (Some(a), Some(b)) if a == b => &boxes[b],
            _ => &layout,
        };
        let join = match prev {
            None => false,
            // A table's lines are one paragraph, on its page.
            Some((pp, _)) if in_table[i] => in_table[i - 1] && pp == *page,
            Some(_) if in_table[i - 1] => false,
            Some((pp, pl)) => {
                !layout.breaks(pl, line, text)
                    || out.last().is_some_and(|(par, from)| {
                        continues(par, text)
                            || (pp != *page && runs_over_page(par, text))
                            || (pp == *page
                                && from.len() >= 2
                                && from[from.len() - 2].0 == pp
                                && layout.overflows(par, pl, line, text))
                    })
            }
        };
        // A 主送 line, a title or a signature's date ends its paragraph
        // even when it fills the width; a signature starts its own.
        let join =
            join && !out.last().is_some_and(|(par, _)| {
                ends_addressees(par)
                    || ends_title(par)
                    || ends_date(par, text)
                    || dates_signature(par, text)
            }) && !opens_signature(kept[i..].iter().map(|(_, _, _, t)| t.as_str()));
        // A cell's wrapped line under a row of cells (`补助比例上限  补助总额不得
        // 超过…实际工` / `程造价的50%`) goes on in its cell.
        let in_cell = match prev {
            Some((pp, pl)) if pp == *page && !in_table[i] => cell_goes_on(pl, line, cell),
            _ => None,
        };
        let join = join || in_cell.is_some();
        cell = in_cell;
        match out.last_mut() {
            Some((par, from)) if join => {
                join_into(par, text);
                from.push((*page, *index));
            }
            _ => out.push((text.clone(), vec![(*page, *index)])),
        }
        prev = Some((*page, line));
    }
    let (paragraphs, sources) = out
        .into_iter()
        .map(|(p, from)| (repair_line(&p), from))
        .filter(|(p, _)| !p.is_empty())
        .unzip();
    Repaired {
        paragraphs,
        table_pages,
        sources,
    }
}

/// Where a line goes on the cell of the line above it: a row of cells on
/// one baseline (its runs) whose last cell wrapped, the line standing
/// right under that cell's left edge, alone (one run), a line's pitch
/// below; or under the same cell's edge as the wrapped line above it; or,
/// the cell's text centred (`时效指标  10月底前支出进度不低` / `于80%`),
/// centred under the cell's line, narrower, where that line breaks off
/// mid-phrase. The cell's left edge, or None.
fn cell_goes_on(above: &Line, line: &Line, cell: Option<f32>) -> Option<f32> {
    let last_cell = above.runs.last().map(|r| r.1);
    let edge = last_cell.or(cell)?;
    let size = line.size.max(above.size);
    let under = (line.left - edge).abs() <= CELL_EDGE_EM * size;
    let centred = last_cell.is_some_and(|left| {
        let mid = |l: f32, r: f32| (l + r) / 2.0;
        (mid(line.left, line.right) - mid(left, above.right)).abs() <= CELL_CENTRE_EM * size
            && line.left > left
            && line.right < above.right
            && !above.text.trim_end().ends_with(BREAKS_OFF_NOT)
    });
    let below = above.y - line.y > 0.0 && above.y - line.y <= CELL_PITCH_EMS * size;
    ((under || centred) && below && line.runs.is_empty()).then_some(edge)
}

/// How far (ems) the middle of a centred cell's wrapped line may stand
/// from the middle of the line above it in the cell.
const CELL_CENTRE_EM: f32 = 0.5;

/// What ends a cell's line whole: a centred line under it is another row's.
const BREAKS_OFF_NOT: &[char] = &['。', '；', '！', '？', '）', ')', '”', '：'];

/// How far (ems) a cell's wrapped line may start from its cell's edge.
const CELL_EDGE_EM: f32 = 0.1;

/// Most a cell's wrapped line stands below the line above, in ems (a
/// line's pitch, with the leading of a word processor's 1.5 lines).
const CELL_PITCH_EMS: f32 = 2.0;

#[cfg(test)]
mod tests {
    use super::*;

    /// A line on a 16 pt body with margins 80..520.
    fn line(text: &str, left: f32, right: f32, size: f32) -> Line {
        Line {
            text: text.into(),
            left,
            right,
            size,
            y: 0.0,
            runs: Vec::new(),
        }
    }
    fn body(text: &str) -> Line {
        line(text, 80.0, 520.0, 16.0)
    }
    fn first(text: &str) -> Line {
        line(text, 112.0, 520.0, 16.0)
    }
    fn last(text: &str) -> Line {
        line(text, 80.0, 300.0, 16.0)
    }
    fn pages(p: Vec<Vec<Line>>) -> Vec<Page> {
        p.into_iter().map(|lines| Page { lines }).collect()
    }

    /// A cell's wrapped line under a row of cells: under the cell's left
    /// edge (held-out GE4), or centred under it where the cell's text is
    /// centred (GI2); a centred line under a cell's whole sentence, a
    /// line elsewhere or a row of cells of its own is no wrap.
    #[test]
    fn a_cell_s_wrapped_line_goes_on_in_its_cell() {
        let row = |text: &str, right: f32, cell: f32| Line {
            y: 100.0,
            runs: vec![(text.find(' ').unwrap_or(0) + 1, cell)],
            ..line(text, 273.8, right, 12.0)
        };
        let under = |text: &str, left: f32, right: f32| Line {
            y: 86.0,
            ..line(text, left, right, 12.0)
        };
        let above = row("补助比例上限 补助总额不得超过实际工", 508.0, 382.0);
        assert_eq!(
            cell_goes_on(&above, &under("程造价的50%", 382.0, 460.0), None),
            Some(382.0)
        );
        let above = row("时效指标 10月底前支出进度不低", 508.0, 382.0);
        assert_eq!(
            cell_goes_on(&above, &under("于80%", 424.7, 465.7), None),
            Some(382.0)
        );
        assert_eq!(
            cell_goes_on(&above, &under("于80%", 300.0, 341.0), None),
            None
        );
        let whole = row("质量指标 资金下达及时率100%。", 508.0, 382.0);
        assert_eq!(
            cell_goes_on(&whole, &under("备注", 433.0, 457.0), None),
            None
        );
        let mut cells = under("于80%", 424.7, 465.7);
        cells.runs.push((3, 440.0));
        assert_eq!(cell_goes_on(&above, &cells, None), None);
        // The line after a cell's wrapped line, under the same edge.
        let wrapped = under("程造价的50%", 382.0, 508.0);
        let next = Line {
            y: 72.0,
            ..under("以内", 382.0, 406.0)
        };
        assert_eq!(cell_goes_on(&wrapped, &next, Some(382.0)), Some(382.0));
    }

    /// `ends_sentence` and `closes_bracket` at a page's foot: a sentence
    /// end (full-width, or ASCII as a text layer maps it) and a closing
    /// bracket both end the paragraph; a long one ending on a Han character
    /// or a comma runs over.
    #[test]
    fn what_ends_a_paragraph_at_a_page_s_foot() {
        let long = "对新认定的省级企业技术中心和工程研究中心给予一次性奖励最高不超过五十万元所需资金由市财政统筹安排";
        assert!(long.chars().count() >= 40);
        let next = "解决到位";
        assert!(runs_over_page(long, next));
        assert!(runs_over_page("短句，", next));
        for end in ['。', '；', '！', '？', '：', ';', '!', '?', ':'] {
            assert!(!runs_over_page(&format!("{long}{end}"), next), "{end}");
        }
        for end in ['）', '」', '』', '”', '》', '】', '〕'] {
            assert!(!runs_over_page(&format!("{long}{end}"), next), "{end}");
        }
    }

    #[test]
    fn drops_page_numbers_and_joins_across_the_page_break() {
        let doc = pages(vec![
            vec![
                first("對新認定的企業給予"),
                body("獎勵,對認定的市級企業給予"),
                line("— 2 —", 470.0, 520.0, 14.0),
            ],
            vec![
                line("—3—", 80.0, 120.0, 14.0),
                body("100 萬元獎勵。(責任單位:"),
                body("科技局、市"),
                last("發改委)"),
            ],
            vec![first("其他。"), line("- 4 -", 470.0, 520.0, 14.0)],
        ]);
        assert_eq!(
            paragraphs(&doc).paragraphs,
            [
                "對新認定的企業給予獎勵,對認定的市級企業給予100萬元獎勵。(責任單位:科技局、市發改委)",
                "其他。"
            ]
        );
    }

    #[test]
    fn a_sentence_runs_over_a_page_that_ends_short_of_the_margin() {
        let doc = pages(vec![
            vec![
                first("第六條 項目資金用於基礎設施建設的部分不得超過項目資"),
                last("金總額的40%，用於貸款貼息和擔保費用補助的部分一般"),
                line("—3—", 280.0, 320.0, 14.0),
            ],
            vec![body("不低於20%。"), last("第七條 其他。")],
            vec![last("一、總體要求"), line("- 4 -", 280.0, 320.0, 14.0)],
            vec![first("堅持穩中求進。")],
        ]);
        assert_eq!(
            paragraphs(&doc).paragraphs,
            [
                "第六條 項目資金用於基礎設施建設的部分不得超過項目資金總額的40%，用於貸款貼息和擔保費用補助的部分一般不低於20%。",
                "第七條 其他。",
                "一、總體要求",
                "堅持穩中求進。"
            ]
        );
    }

    #[test]
    fn an_addressee_line_ends_its_paragraph_though_full() {
        let doc = pages(vec![vec![
            first("各省、自治區、直轄市及計劃單列市、新疆生產建設兵團發展改"),
            body("革委，國家鄉村振興重點幫扶縣所在市（州）發展改革委："),
            body("為深入貫徹黨的二十屆三中全會精神，現就有關事項通知如"),
            body("下：對符合條件的企業給予補助（責任單位："),
            last("市財政局）。"),
        ]]);
        assert_eq!(
            paragraphs(&doc).paragraphs,
            [
                "各省、自治區、直轄市及計劃單列市、新疆生產建設兵團發展改革委，國家鄉村振興重點幫扶縣所在市（州）發展改革委：",
                "為深入貫徹黨的二十屆三中全會精神，現就有關事項通知如下：對符合條件的企業給予補助（責任單位：市財政局）。"
            ]
        );
    }

    #[test]
    fn a_title_line_ends_its_paragraph_though_full() {
        // A text dump wrapped at 25 characters: the title's last line and
        // the 主送's lines are all full.
        let doc = pages(vec![vec![
            last("宁阳县人民政府办公室"),
            body("关于印发宁阳县推动县域经济高质量发展若干措施的通知"),
            body("各乡镇人民政府、街道办事处，县政府各部门、单位，各"),
            last("有关企业："),
            body("为深入贯彻落实省、市关于推动县域经济高质量发展的决"),
            body("策部署，按照《山东省人民政府关于印发若干措施的通知"),
            last("》要求，制定本措施。"),
        ]]);
        assert_eq!(
            paragraphs(&doc).paragraphs,
            [
                "宁阳县人民政府办公室",
                "关于印发宁阳县推动县域经济高质量发展若干措施的通知",
                "各乡镇人民政府、街道办事处，县政府各部门、单位，各有关企业：",
                "为深入贯彻落实省、市关于推动县域经济高质量发展的决策部署，按照《山东省人民政府关于印发若干措施的通知》要求，制定本措施。",
            ]
        );
    }

    /// Ragged-right text: a line stopping mid-sentence two ems short of
    /// the margin wrapped; one as short that ends its sentence ended its
    /// paragraph.
    #[test]
    fn a_ragged_line_that_stops_mid_sentence_goes_on() {
        let doc = pages(vec![vec![
            line(
                "数字经济规模从2020年的2800亿元增长到2025年的",
                112.0,
                488.0,
                16.0,
            ),
            line(
                "5300亿元左右，占地区生产总值比重达到43.5%。",
                80.0,
                490.0,
                16.0,
            ),
            line(
                "各区要抓好落实，确保各项措施取得实效，并及时报告进展情况",
                80.0,
                490.0,
                16.0,
            ),
            last("（市发展改革委负责）"),
        ]]);
        assert_eq!(
            paragraphs(&doc).paragraphs,
            [
                "数字经济规模从2020年的2800亿元增长到2025年的5300亿元左右，占地区生产总值比重达到43.5%。",
                "各区要抓好落实，确保各项措施取得实效，并及时报告进展情况（市发展改革委负责）",
            ]
        );
    }

    /// Justified full lines stretched two and a half ems past what their
    /// characters set: a line left unjustified ending mid-sentence three
    /// and a half ems short (a dump's first line, wrapped early for an
    /// indent it lost) still wrapped.
    #[test]
    fn a_line_left_unjustified_among_stretched_ones_goes_on() {
        // 25 characters over 27.5 ems.
        let full = body;
        let doc = pages(vec![vec![
            line(
                "为加快推动我市服务业企业提质增效，促进现代",
                80.0,
                464.0,
                16.0,
            ),
            full("服务业与先进制造业深度融合，经市政府同意，现将有关"),
            full("措施印发给你们，请结合实际认真抓好贯彻落实。各地各"),
            full("部门要加强组织领导，明确责任分工，确保各项政策措施"),
            line(
                "落地见效。执行中遇到的问题，请及时向市发改委反馈。",
                80.0,
                464.0,
                16.0,
            ),
            last("联系人：张敏。"),
        ]]);
        let ps = paragraphs(&doc).paragraphs;
        assert_eq!(ps.len(), 2, "{ps:?}");
        assert!(
            ps[0].contains("现代服务业") && ps[0].ends_with("反馈。"),
            "{ps:?}"
        );
    }

    /// What a wrap pushed past the margin (`1%`, `其`) sits on a line of
    /// its own; the sentence goes on below. A tiny line that ends its
    /// sentence, or opens its paragraph, or comes before an indented line,
    /// still ends its paragraph.
    #[test]
    fn a_wrap_s_overflow_line_goes_on() {
        let doc = pages(vec![vec![
            first("对实际使用外资1000万美元以上的制造业项目，按实际到资额的"),
            line("1%", 80.0, 101.0, 16.0),
            body("给予奖励，最高不超过五百万元。申请补助的项目，企业自筹资金"),
            body("比例不低于项目总投资的60%，奖励资金不得超过实际运营支出的"),
            line("其", 80.0, 96.0, 16.0),
            last("当年数额。"),
            body("对新认定的市级电子商务示范基地给予奖励，单个企业最高不超过"),
            line("50%。", 80.0, 112.0, 16.0),
            last("其他事项另行通知。"),
            line("附则", 80.0, 112.0, 16.0),
            last("本办法自印发之日起施行。"),
            body("申报时间另行通知，请各单位按要求组织企业申报相关的专项资金"),
            line("项目", 80.0, 112.0, 16.0),
            first("联系人：张敏。"),
        ]]);
        assert_eq!(
            paragraphs(&doc).paragraphs,
            [
                "对实际使用外资1000万美元以上的制造业项目，按实际到资额的1%给予奖励，最高不超过五百万元。申请补助的项目，企业自筹资金比例不低于项目总投资的60%，奖励资金不得超过实际运营支出的其当年数额。",
                "对新认定的市级电子商务示范基地给予奖励，单个企业最高不超过50%。",
                "其他事项另行通知。",
                "附则",
                "本办法自印发之日起施行。",
                "申报时间另行通知，请各单位按要求组织企业申报相关的专项资金项目",
                "联系人：张敏。",
            ]
        );
    }

    /// Paragraphs of one line each, every line justified to the margin
    /// (`text-align-last: justify`): a line much wider than its characters
    /// set that ends its sentence ended its paragraph.
    #[test]
    fn a_last_line_stretched_to_the_margin_ends_its_paragraph() {
        let doc = pages(vec![vec![
            first("20.完善政企沟通机制。每季度至少召开1次民营企业座谈会。"),
            body("（市发展改革委负责）"),
            body("本措施自2025年4月15日起施行，有效期至2027年12月31日"),
            body("。此前出台的相关政策与本措施不一致的，以本措施为准。各区"),
            last("可参照本措施制定配套政策。"),
            // A wrap's overflow justified to the margin goes on.
            first("根据《中华人民共和国大气污染防治法"),
            body("》"),
            last("等法律法规，制定本办法。"),
        ]]);
        assert_eq!(
            paragraphs(&doc).paragraphs,
            [
                "20.完善政企沟通机制。每季度至少召开1次民营企业座谈会。（市发展改革委负责）",
                "本措施自2025年4月15日起施行，有效期至2027年12月31日。此前出台的相关政策与本措施不一致的，以本措施为准。各区可参照本措施制定配套政策。",
                "根据《中华人民共和国大气污染防治法》等法律法规，制定本办法。",
            ]
        );
    }

    /// A print of a text dump that justifies its full lines by widening
    /// every space, the leading ones too (13 pt body, margin 113): its
    /// wrapped lines start up to 1.1 em right of the margin and its first
    /// lines 1.8 to 2.5 em, while its unjustified lines sit at the margin
    /// (a paragraph's last) or at 1 em (a one-line paragraph). The
    /// wrapped lines go on their paragraphs; the one-line paragraph after
    /// a full line ending its sentence stands apart.
    #[test]
    fn wrapped_lines_set_an_em_right_of_the_margin_go_on() {
        const WORDS: &str = "规范和加强专项资金管理提高资金使用效益推进基本公共服务标准化均等化";
        let (size, left, right) = (13.0, 113.0, 521.7);
        let text = |n: usize, end: &str| -> String {
            WORDS.chars().cycle().take(n).collect::<String>() + end
        };
        let full = |t: String, em: f32| line(&t, left + em * size, right, size);
        let short = |t: String, em: f32| {
            let x = left + em * size;
            line(&t, x, x + t.chars().count() as f32 * size, size)
        };
        let mut lines = Vec::new();
        // The margin is where most lines start: the last lines; wrapped
        // lines start anywhere up to 1.1 em in.
        let offsets = [
            (1.8, 0.4, 0.8),
            (2.1, 0.7, 1.1),
            (2.4, 1.1, 0.5),
            (2.5, 0.9, 0.45),
            (1.9, 1.05, 0.6),
        ];
        for (i, (first, wrapped, again)) in offsets.into_iter().enumerate() {
            lines.push(full(text(28, ""), first));
            lines.push(full(text(30, ""), wrapped));
            if i < 4 {
                lines.push(full(text(30, ""), again));
                lines.push(short(text(9, "。"), 0.0));
            } else {
                lines.push(full(text(29, "。"), again));
            }
        }
        lines.push(short("附件：专项资金管理办法".into(), 1.0));
        let r = paragraphs(&pages(vec![lines]));
        let joined: Vec<usize> = r.sources.iter().map(Vec::len).collect();
        assert_eq!(joined, [4, 4, 4, 4, 3, 1], "{:?}", r.paragraphs);
        assert_eq!(r.paragraphs[5], "附件：专项资金管理办法");
    }

    /// The usual 公文 print: wrapped lines at the margin, first lines
    /// 2 em in. A line starting an em in after a full line is a
    /// paragraph's first, as before any measuring.
    #[test]
    fn a_print_with_wrapped_lines_at_the_margin_keeps_its_indent() {
        let mut lines = Vec::new();
        for _ in 0..4 {
            lines.push(first("为加快推动我市服务业企业提质增效，促进现代服务业与"));
            lines.push(body("先进制造业深度融合，经市政府同意，现将有关措施印发给"));
            lines.push(last("你们，请认真贯彻落实。"));
        }
        lines.push(body(
            "各单位要切实加强组织领导，明确责任分工，确保政策落实。",
        ));
        lines.push(line(
            "联系人：市发展改革委综合处张敏，电话一二三四五六七八九",
            96.0,
            520.0,
            16.0,
        ));
        let r = paragraphs(&pages(vec![lines]));
        assert_eq!(r.paragraphs.len(), 6, "{:?}", r.paragraphs);
    }

    /// A box set inside the text block in a smaller size (a 专栏) wraps
    /// at its own margins: its wrapped lines, an em and a half right of
    /// the body's margin, go on; its items and the prose after it are
    /// paragraphs of their own.
    #[test]
    fn a_box_inside_the_text_block_wraps_at_its_own_margins() {
        let boxed = |text: &str, left: f32, right: f32| line(text, left, right, 14.0);
        let title = |text: &str, left: f32, right: f32| line(text, left, right, 22.0);
        let got = paragraphs(&pages(vec![vec![
            // A title's lines, inset on both sides too, are no box.
            title("关于印发《宁波市科技型中小企业", 136.0, 466.0),
            title("研发投入补助资金管理办法》的通", 136.0, 466.0),
            title("知", 290.0, 312.0),
            first("（一）推进数字化改造。实施重点工程，带动企业改造升级。"),
            body("对完成改造的规上工业企业按设备投资额的百分之十给予补助，"),
            body("单个企业补助以二百万元为限，所需资金由市财政统筹安排，"),
            last("到2027年完成改造企业3000家。"),
            boxed("专栏1　数字化改造重点工程", 210.0, 390.0),
            boxed(
                "1.“百企示范”工程：每年遴选100家行业龙头企业开展",
                136.0,
                492.0,
            ),
            boxed("全流程数字化改造，三年计划投资约60亿元。", 108.0, 392.0),
            boxed(
                "2.“千企改造”工程：面向规上中小企业推广“轻量化、",
                136.0,
                492.0,
            ),
            boxed(
                "低成本”改造方案，单个企业投入原则上控制在50万元以",
                108.0,
                492.0,
            ),
            boxed("内。", 108.0, 136.0),
            first("（二）培育工业互联网平台体系。支持龙头企业建设平"),
            last("台。"),
        ]]));
        assert_eq!(
            got.paragraphs,
            [
                "关于印发《宁波市科技型中小企业研发投入补助资金管理办法》的通知",
                "（一）推进数字化改造。实施重点工程，带动企业改造升级。对完成改造的规上工业企业按设备投资额的百分之十给予补助，单个企业补助以二百万元为限，所需资金由市财政统筹安排，到2027年完成改造企业3000家。",
                "专栏1数字化改造重点工程",
                "1.“百企示范”工程：每年遴选100家行业龙头企业开展全流程数字化改造，三年计划投资约60亿元。",
                "2.“千企改造”工程：面向规上中小企业推广“轻量化、低成本”改造方案，单个企业投入原则上控制在50万元以内。",
                "（二）培育工业互联网平台体系。支持龙头企业建设平台。",
            ]
        );
    }

    #[test]
    fn rejoins_a_number_and_its_unit() {
        let doc = pages(vec![vec![first("全年預算安排 10"), last("億元。")]]);
        assert_eq!(paragraphs(&doc).paragraphs, ["全年預算安排10億元。"]);
        // Split after its scale word: `5亿` / `元`.
        let doc = pages(vec![vec![
            first("统筹安排专项资金不少于5亿"),
            last("元，重点支持数字化转型。"),
        ]]);
        assert_eq!(
            paragraphs(&doc).paragraphs,
            ["统筹安排专项资金不少于5亿元，重点支持数字化转型。"]
        );
    }

    /// Lines count by their ideographs when measuring the right margin:
    /// a table of contents' rows, as many as the prose lines, end
    /// elsewhere.
    #[test]
    fn prose_not_a_table_of_contents_sets_the_right_margin() {
        let toc = |t: &str| line(t, 80.0, 600.0, 16.0);
        let doc = pages(vec![vec![
            toc("第一章 总则 ··································· 1"),
            toc("第二章 支持方向 ······························· 2"),
            toc("第三章 申报程序 ······························· 3"),
            toc("第四章 附则 ··································· 4"),
            first("为加快推动我市服务业企业提质增效，促进现代服务业与先进"),
            body("制造业深度融合，经市政府同意，现将有关措施印发给你们，请"),
            last("结合实际认真贯彻落实。"),
        ]]);
        let ps = paragraphs(&doc).paragraphs;
        assert_eq!(ps.len(), 5, "{ps:?}");
        assert!(
            ps[4].starts_with("为加快") && ps[4].ends_with("落实。"),
            "{ps:?}"
        );
    }

    #[test]
    fn rejoins_a_unit_name_split_by_a_wrap() {
        let doc = pages(vec![vec![
            first("支持重大項目建設。(責任單位:市"),
            last("發改委、市經信局)"),
        ]]);
        assert_eq!(
            paragraphs(&doc).paragraphs,
            ["支持重大項目建設。(責任單位:市發改委、市經信局)"]
        );
    }

    #[test]
    fn a_short_line_inside_a_figure_or_a_bracket_goes_on() {
        // The lines set by `last` end well short of the margin.
        let doc = pages(vec![vec![
            first("對符合條件的整車企業，按照其上一年度主營業務收入給予分"),
            body("檔獎勵，具體標準由市經信局會同市財政局另行制定並向社會公"),
            last("布，年收入突破 100"),
            last("億元的給予 1000 萬元獎勵。(責任單位:市經信局、市市場監"),
            last("管局)"),
            first("(二)支持研發。對新進入產品公告的新能源乘用車、商用車車"),
            body("型，分別給予每款 50 萬元、20 萬元獎勵，單個企業每年最高"),
            body("500 萬元，所需資金由市級財政按規定渠道統籌安排解決到位。"),
            last("(責任單位:市經信局)"),
            last("其他事項另行通知(見附件)。"),
            last("(市"),
            first("(三)加強保障。"),
        ]]);
        let ps = paragraphs(&doc).paragraphs;
        assert_eq!(ps.len(), 5, "{ps:?}");
        assert!(
            ps[0].contains("100億元") && ps[0].ends_with("市市場監管局)"),
            "{ps:?}"
        );
        // A closed bracket or a numbered line still ends the paragraph.
        assert!(ps[1].ends_with("(責任單位:市經信局)"), "{ps:?}");
        assert_eq!(ps[3], "(市", "{ps:?}");
    }

    /// A range wrapped in a table's cell after its mark goes on; a
    /// dash after a word is no range's.
    #[test]
    fn a_short_line_ending_in_a_range_mark_goes_on() {
        let cell = |text: &str, left: f32| line(text, left, left + 180.0, 16.0);
        let doc = pages(vec![vec![
            first("按企業上年度研發費用較前一年度的增量分檔給予補助，具體標"),
            body("準如下，單個企業年度補助總額最高不超過150萬元，所需資金由"),
            last("市級財政安排。"),
            cell("第二档 500 万元（含）—", 112.0),
            cell("1000 万元", 150.0),
            cell("第三档 200 万元（含）至", 112.0),
            cell("1000 万元", 150.0),
            cell("附件——", 112.0),
            cell("2025年资金分配表", 112.0),
        ]]);
        let ps = paragraphs(&doc).paragraphs;
        assert_eq!(
            ps[1..],
            [
                "第二档500万元（含）—1000万元",
                "第三档200万元（含）至1000万元",
                "附件——",
                "2025年资金分配表"
            ],
            "{ps:?}"
        );
    }

    /// A statement left open at a short line goes on where the next line
    /// closes it, also when a bracket inside it closed before the line
    /// ended (`各市（州）`); a line closing no bracket starts its own.
    #[test]
    fn a_short_line_inside_an_open_statement_goes_on() {
        assert!(layout::continues(
            "（六）保障用地需求。（省自然资源厅牵头，各市（州）",
            "人民政府配合）"
        ));
        assert!(layout::continues(
            "（责任单位：市经信局、市市场监",
            "管局）"
        ));
        assert!(!layout::continues(
            "（六）保障用地需求。（省自然资源厅牵头）",
            "人民政府配合）"
        ));
        assert!(!layout::continues(
            "（省自然资源厅牵头，各市（州）",
            "（七）加强人才支撑。"
        ));
    }

    /// A figure in Chinese numerals cut from its unit by a short line
    /// (`处三万元以上二十` / `万元以下罚款`, as a text dump's rewrap meets
    /// it) goes on; a word ending in one numeral (`统一`) before a line
    /// starting with `元` does not.
    #[test]
    fn a_short_line_inside_a_chinese_numeral_figure_goes_on() {
        assert!(layout::continues(
            "定，责令改正，处三万元以上二十",
            "万元以下罚款。"
        ));
        assert!(layout::continues("最高奖励五百", "元。"));
        assert!(!layout::continues("口径全市统一", "元旦前完成。"));
        assert!(!layout::continues("处三万元以上二十", "（二）万元以下"));
    }

    /// A figure's bound word split by a wrap in a cell (held-out CT2:
    /// `增长7%左` / `右，…`) goes on; a line ending in a word that only
    /// looks like one (`左` of `左岸`) does not.
    #[test]
    fn a_bound_word_split_after_its_figure_goes_on() {
        assert!(layout::continues(
            "带动工业增加值增长7%左",
            "右，制造业投资稳步增长。"
        ));
        assert!(layout::continues("单个项目控制在50万元以", "内。"));
        assert!(!layout::continues("建设滨江7号地块左", "岸公园。"));
        assert!(!layout::continues("增长7%左", "（二）加强保障。"));
    }

    /// A line ending short on a bound word (`首次突破`, the PDF set the
    /// figures after it on the next line) goes on with its figure; a
    /// short line ending a sentence does not.
    #[test]
    fn a_short_line_ending_in_a_bound_word_goes_on() {
        let doc = pages(vec![vec![
            first("(一)支持企業落戶。對新引進的總部企業按實繳注冊資本給予"),
            body("一次性落戶獎勵，最高1000萬元，所需資金由市級財政統籌安排。"),
            line(
                "(二)支持企業做大做強。對年度經濟貢獻首次突破",
                112.0,
                440.0,
                16.0,
            ),
            body("500萬元、1000萬元的企業，分別給予20萬元、50萬元獎勵，同一"),
            last("企業不重複。"),
            last("本政策自印發之日起施行。"),
            last("2025年起每年安排資金。"),
        ]]);
        assert_eq!(
            paragraphs(&doc).paragraphs,
            [
                "(一)支持企業落戶。對新引進的總部企業按實繳注冊資本給予一次性落戶獎勵，最高1000萬元，所需資金由市級財政統籌安排。",
                "(二)支持企業做大做強。對年度經濟貢獻首次突破500萬元、1000萬元的企業，分別給予20萬元、50萬元獎勵，同一企業不重複。",
                "本政策自印發之日起施行。",
                "2025年起每年安排資金。",
            ]
        );
    }

    /// A print without first-line indents: a paragraph ends where its
    /// sentence ended with room left for the next line's first ideograph,
    /// though by less than a short line's margin; a line whose next
    /// ideograph carries a mark that may not open a line goes on.
    #[test]
    fn a_sentence_ending_with_room_for_the_next_ideograph_ends_its_paragraph() {
        let doc = pages(vec![vec![
            body("（二）强化督促落实。各县（市、区）、各有关部门要细化配套措"),
            line(
                "展专项督查，督查室适时开展督查。（市直有关部门负责）",
                80.0,
                496.0,
                16.0,
            ),
            body("本措施自印发之日起施行。市级财政统筹安排专项资金约5亿元用于"),
            line(
                "上述政策兑现，按季度据实结算资金并公示。（市财政局负责）",
                80.0,
                496.0,
                16.0,
            ),
            last("好。其他事项另行通知。"),
        ]]);
        assert_eq!(
            paragraphs(&doc).paragraphs,
            [
                "（二）强化督促落实。各县（市、区）、各有关部门要细化配套措展专项督查，督查室适时开展督查。（市直有关部门负责）",
                "本措施自印发之日起施行。市级财政统筹安排专项资金约5亿元用于上述政策兑现，按季度据实结算资金并公示。（市财政局负责）好。其他事项另行通知。",
            ]
        );
    }

    #[test]
    fn the_first_pages_doc_number_stays_when_later_pages_repeat_it() {
        let later = |n: usize, t: &str| {
            vec![
                body("某政发〔2024〕9 号"),
                first(t),
                body("各单位要切实加强组织领导，明确责任分工，抓好工作落实。"),
                last(&format!("— {n} —")),
            ]
        };
        let doc = pages(vec![
            vec![
                last("某市人民政府文件"),
                last("某政发〔2024〕9 号"),
                first("各县（市、区）人民政府：现将有关事项通知如下。"),
                last("— 1 —"),
            ],
            later(2, "一是加强领导。"),
            later(3, "二是强化保障。"),
            later(4, "三是严格考核。"),
        ]);
        let ps = paragraphs(&doc).paragraphs;
        assert_eq!(
            ps.iter().filter(|p| p.contains("〔2024〕")).count(),
            1,
            "{ps:?}"
        );
        assert!(
            ps.iter().any(|p| p.starts_with("某政发〔2024〕9")),
            "{ps:?}"
        );
    }

    #[test]
    fn paragraph_ends_at_indent_short_line_marker_and_colon() {
        let doc = pages(vec![vec![
            body("各街道辦事處,區級機關各部門、各直屬單位:"),
            first("現將若干政策印發給你們,請認真貫徹"),
            last("執行。"),
            first("一、推進教育科技人才一體發展"),
            body("(一)強化企業科技創新主體地位。深入實施"),
            body("行動。"),
            body("1.支持企業研發,對研發投入"),
            last("給予獎勵。"),
        ]]);
        assert_eq!(
            paragraphs(&doc).paragraphs,
            [
                "各街道辦事處,區級機關各部門、各直屬單位:",
                "現將若干政策印發給你們,請認真貫徹執行。",
                "一、推進教育科技人才一體發展",
                "(一)強化企業科技創新主體地位。深入實施行動。",
                "1.支持企業研發,對研發投入給予獎勵。",
            ]
        );
    }

    #[test]
    fn a_title_over_three_lines_is_one_paragraph_and_signatures_stay_apart() {
        let doc = pages(vec![vec![
            line("杭高新〔2025〕3 號", 228.0, 372.0, 16.0),
            line("杭州高新開發區(濱江)管委會 政府印發", 113.0, 488.0, 22.0),
            line("關于推動經濟高質量發展的若干政策", 124.0, 476.0, 22.0),
            line("(2025 年版)的通知", 208.0, 392.0, 22.0),
            body("各街道辦事處:"),
            first("現將政策印發給你們,請認真貫徹執行,"),
            body("抓好落實,並結合實際,確保各項政策"),
            last("落地見效。"),
            line("杭州高新技術產業開發區管理委員會", 234.0, 490.0, 16.0),
            line("杭州市濱江區人民政府", 330.0, 490.0, 16.0),
            line("2025 年 2 月 25 日", 331.0, 458.0, 16.0),
            line("(此件公開發布)", 112.0, 218.0, 16.0),
        ]]);
        assert_eq!(
            paragraphs(&doc).paragraphs,
            [
                "杭高新〔2025〕3號",
                "杭州高新開發區(濱江)管委會 政府印發關于推動經濟高質量發展的若干政策(2025年版)的通知",
                "各街道辦事處:",
                "現將政策印發給你們,請認真貫徹執行,抓好落實,並結合實際,確保各項政策落地見效。",
                "杭州高新技術產業開發區管理委員會",
                "杭州市濱江區人民政府",
                "2025年2月25日",
                "(此件公開發布)",
            ]
        );
    }

    /// A dump's estimate can make a spaced date line reach the margin:
    /// it still ends its paragraph, unless the next line goes on with it
    /// (a 版记's `印发`, which must never read as a date alone).
    #[test]
    fn a_signature_date_ends_its_paragraph_though_full() {
        let doc = pages(vec![vec![
            first("现将政策印发给你们,请认真贯彻执行,"),
            last("抓好落实。"),
            line("云川市人民政府办公室", 330.0, 490.0, 16.0),
            line("2025 年 4 月 18 日", 331.0, 520.0, 16.0),
            line("(此件公开发布)", 80.0, 218.0, 16.0),
            line("云川市人民政府办公室", 80.0, 240.0, 16.0),
            line("2025 年 4 月 20 日", 331.0, 520.0, 16.0),
            body("印发"),
        ]]);
        assert_eq!(
            paragraphs(&doc).paragraphs,
            [
                "现将政策印发给你们,请认真贯彻执行,抓好落实。",
                "云川市人民政府办公室",
                "2025年4月18日",
                "(此件公开发布)",
                "云川市人民政府办公室",
                "2025年4月20日印发",
            ]
        );
    }

    /// A print that sets every line at the margin (no indent, the
    /// signature not right-aligned): the signing names under a paragraph
    /// ending at the margin start their own paragraphs, and a date under
    /// names spaced across the width is its own line.
    #[test]
    fn a_signature_at_the_margin_stands_apart_from_the_prose() {
        let doc = pages(vec![vec![
            body("现将有关措施印发给你们，请结合实际认真贯彻落实各项要求。"),
            last("中共云川市委办公室"),
            last("云川市人民政府办公室"),
            last("2025 年 5 月 12 日"),
            last("（此件公开发布）"),
            body("各有关单位要加强组织领导，确保各项措施落地见效按期完成。"),
            body("云 川 市 商 务 局          云 川 市 财 政 局"),
            last("2024 年 9 月 12 日"),
        ]]);
        let ps = paragraphs(&doc).paragraphs;
        assert_eq!(
            ps[..6],
            [
                "现将有关措施印发给你们，请结合实际认真贯彻落实各项要求。",
                "中共云川市委办公室",
                "云川市人民政府办公室",
                "2025年5月12日",
                "（此件公开发布）",
                "各有关单位要加强组织领导，确保各项措施落地见效按期完成。",
            ]
        );
        assert_eq!(ps.len(), 8, "{ps:?}");
        assert_eq!(ps[7], "2024年9月12日");
        // Names over no date are prose (a line ending a sentence at the
        // margin, then a short one naming a body).
        let doc = pages(vec![vec![
            body("具体事项由市发展改革委负责解释，联系单位为市人民政府办"),
            last("公室"),
        ]]);
        assert_eq!(paragraphs(&doc).paragraphs.len(), 1);
    }

    #[test]
    fn a_doc_number_in_full_width_digits_is_a_line_of_its_own() {
        let doc = pages(vec![vec![
            line("京政辦發〔２０２５〕１４號", 300.0, 520.0, 16.0),
            body("各区人民政府,市政府各委、办、局,各市属机构,各有关单"),
            last("位:"),
        ]]);
        assert_eq!(
            paragraphs(&doc).paragraphs,
            [
                "京政辦發〔２０２５〕１４號",
                "各区人民政府,市政府各委、办、局,各市属机构,各有关单位:"
            ]
        );
    }

    #[test]
    fn drops_a_running_header() {
        let p = |n: &str| {
            vec![
                line("杭州市人民政府辦公廳", 80.0, 240.0, 10.0),
                first(&format!("第{n}頁的正文,")),
                body("續行文字。"),
                line(&format!("- {n} -"), 280.0, 320.0, 10.0),
            ]
        };
        let doc = pages(vec![p("1"), p("2"), p("3")]);
        let ps = paragraphs(&doc).paragraphs;
        assert!(ps.iter().all(|p| !p.contains("辦公廳")), "{ps:?}");
    }

    #[test]
    fn a_table_page_is_one_paragraph() {
        let cell = |t: &str, x: f32| line(t, x, x + 60.0, 10.0);
        let mut lines = Vec::new();
        for row in 0..3 {
            for (i, x) in [60.0, 120.0, 200.0, 320.0].into_iter().enumerate() {
                lines.push(cell(
                    &format!("({})格{row}{i}", ["一", "二", "三", "四"][i]),
                    x,
                ));
            }
        }
        let doc = pages(vec![lines]);
        let r = paragraphs(&doc);
        assert_eq!(r.table_pages, 1);
        assert_eq!(r.paragraphs.len(), 1, "{:?}", r.paragraphs);
    }

    /// A table set inside an article (`第九条 …按下表执行：`) on a page with
    /// the text around it: the article's opening line above and the next
    /// article and chapter below stay prose; the table is one paragraph.
    #[test]
    fn prose_around_a_table_on_its_page_stays_prose() {
        let cell = |t: &str, x: f32| line(t, x, x + 60.0, 12.0);
        let mut table = vec![first("第九条 补助标准按下表执行：")];
        for row in 0..4 {
            for x in [90.0, 180.0, 280.0, 400.0] {
                table.push(cell(&format!("格{row}"), x));
            }
        }
        table.extend([
            first("注：整区域推进项目集中连片面积须达到"),
            last("一万亩以上。"),
            first("第十条 对竣工验收评定为优秀等次的项目，按"),
            body("该项目市级补助资金的10%给予奖励，单个项目"),
            last("奖励最高50万元。"),
            line("第四章 资金分配", 240.0, 360.0, 16.0),
            first("第十一条 补助资金采取因素法分配，占比不低于"),
            last("70%。"),
        ]);
        let prose = vec![
            first("第八条 新建高标准农田亩均总投入原则上不低于"),
            body("三千元，改造提升项目亩均总投入原则上不低于"),
            last("二千元。"),
        ];
        let r = paragraphs(&pages(vec![prose, table]));
        assert_eq!(r.table_pages, 1);
        let ps = &r.paragraphs;
        assert_eq!(ps[1], "第九条 补助标准按下表执行：", "{ps:?}");
        assert!(ps[2].starts_with("格0") && ps[2].ends_with("格3"), "{ps:?}");
        assert_eq!(
            ps[3..],
            [
                "注：整区域推进项目集中连片面积须达到一万亩以上。",
                "第十条 对竣工验收评定为优秀等次的项目，按该项目市级补助资金的10%给予奖励，单个项目奖励最高50万元。",
                "第四章 资金分配",
                "第十一条 补助资金采取因素法分配，占比不低于70%。",
            ]
        );
    }

    /// Tables set smaller than the body, each under its clause's heading
    /// in the body's size, and a section's heading and first clause at
    /// the page's foot (held-out GL2): the headings are prose, each
    /// table's lines one paragraph.
    #[test]
    fn headings_between_small_tables_stay_prose() {
        let cell = |t: &str, x: f32| line(t, x, x + 60.0, 10.5);
        let table = |k: usize| -> Vec<Line> {
            let mut rows = Vec::new();
            for row in 0..3 {
                for x in [90.0, 180.0, 280.0, 400.0] {
                    rows.push(cell(&format!("表{k}格{row}"), x));
                }
            }
            rows
        };
        let mut page = table(1);
        page.push(line("（二）价格类违法行为。", 112.0, 290.0, 16.0));
        page.extend(table(2));
        page.push(line("四、其他规定", 112.0, 210.0, 16.0));
        page.push(line(
            "（一）当事人有下列情形之一的，应当依法从重处罚：",
            112.0,
            500.0,
            16.0,
        ));
        // The page before: the body's size is the prose's.
        let mut prose = Vec::new();
        for _ in 0..4 {
            prose.extend([
                first("（一）本基准适用于全市各级市场监督管理部门依法实"),
                body("施的行政处罚。法律、法规、规章对裁量另有规定的，从其"),
                last("规定。"),
            ]);
        }
        prose.extend([
            first("（一）食品安全类违法行为。各地在适用下表时，应"),
            last("当综合判断。"),
        ]);
        let r = paragraphs(&pages(vec![prose, page]));
        assert_eq!(r.table_pages, 1);
        let ps = &r.paragraphs[4..];
        assert_eq!(ps.len(), 6, "{ps:?}");
        assert!(
            ps[1].starts_with("表1格0") && ps[1].ends_with("表1格2"),
            "{ps:?}"
        );
        assert_eq!(ps[2], "（二）价格类违法行为。");
        assert!(
            ps[3].starts_with("表2格0") && ps[3].ends_with("表2格2"),
            "{ps:?}"
        );
        assert_eq!(
            ps[4..],
            [
                "四、其他规定",
                "（一）当事人有下列情形之一的，应当依法从重处罚："
            ]
        );
    }

    /// A text dump printed in a proportional font, justified: how many
    /// spaces lead a line and how far justification stretched them moves
    /// its left edge by up to half an em, at the margin and at the indent,
    /// so four 4 pt buckets start three lines or more. Still prose: the
    /// buckets are an em apart at most, and the lines fill the width.
    #[test]
    fn a_dump_s_ragged_margin_and_indent_are_no_table() {
        let size = 14.0;
        let mut lines = Vec::new();
        for (n, indent) in ["一", "二", "三", "四"]
            .into_iter()
            .zip([115.7, 116.3, 115.9, 125.9])
        {
            lines.push(line(
                &format!("（{n}）某项工作。推进某某事项的建设和"),
                indent,
                521.7,
                size,
            ));
            lines.push(line(
                "管理，完善某某机制，加强某某保障，开展",
                101.3,
                521.7,
                size,
            ));
            lines.push(line(
                "某某试点，每年评估一次，结果向社会公",
                104.6,
                521.7,
                size,
            ));
            lines.push(line("布。（责任单位：市某局）", 108.5, 300.0, size));
        }
        let doc = pages(vec![lines]);
        let r = paragraphs(&doc);
        assert_eq!(r.table_pages, 0);
        assert_eq!(r.paragraphs.len(), 4, "{:?}", r.paragraphs);
        assert!(r.paragraphs[3].starts_with("（四）"), "{:?}", r.paragraphs);
    }

    /// Full lines at four indent levels two ems apart (a clause, its
    /// `1.` items, their `（1）` and `①` with hanging indents) start four
    /// columns, but a table's lines are cells, narrower than half the page.
    #[test]
    fn full_lines_at_many_indent_levels_are_no_table() {
        let mut lines = Vec::new();
        for x in [80.0, 112.0, 144.0, 176.0] {
            for _ in 0..3 {
                lines.push(line("某某事项的建设和管理，完善某某机制。", x, 520.0, 16.0));
            }
        }
        assert_eq!(table_pages(&pages(vec![lines])), [false]);
    }

    #[test]
    fn paragraphs_know_their_lines() {
        let doc = pages(vec![vec![
            first("全年預算安排 10"),
            last("億元。"),
            first("其他。"),
        ]]);
        let r = paragraphs(&doc);
        assert_eq!(r.sources, [vec![(0, 0), (0, 1)], vec![(0, 2)]]);
    }
}
