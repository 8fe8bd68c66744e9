//! Word features real notices use, each in a small document built here from
//! WordprocessingML as Word writes it: tracked changes, text boxes with
//! their VML fallback, footnote marks beside figures, content controls,
//! hidden text and field codes, numbering that restarts per section, and a
//! 任务分工 table with merged cells (`w:vMerge` down, `w:gridSpan` across).

use crate::common;

use std::io::Write;

use notice_extract::fetch::RawDocument;
use notice_extract::{extract, Notice};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A .docx holding `body` (the children of `w:body`) and, when given, the
/// content of `w:numbering`.
fn docx(body: &str, numbering: Option<&str>) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut put = |name: &str, content: String| {
        z.start_file(name, opts).expect("entry");
        z.write_all(content.as_bytes()).expect("write");
    };
    put(
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.into(),
    );
    put(
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.into(),
    );
    let mut rels = String::new();
    if numbering.is_some() {
        rels.push_str(r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>"#);
    }
    put(
        "word/_rels/document.xml.rels",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
        ),
    );
    put(
        "word/document.xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"><w:body>{body}<w:sectPr/></w:body></w:document>"#
        ),
    );
    if let Some(n) = numbering {
        put(
            "word/numbering.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W}">{n}</w:numbering>"#
            ),
        );
    }
    z.finish().expect("zip").into_inner()
}

/// A paragraph of one run.
fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// A numbered paragraph.
fn np(num: u32, ilvl: u32, text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{ilvl}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
    )
}

fn read(name: &str, bytes: Vec<u8>) -> Notice {
    extract(&RawDocument::from_bytes(name, bytes), &common::config())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The head of a notice, so the structure stage sees one.
fn head() -> String {
    [
        p("某市人民政府办公室关于印发某某工作方案的通知"),
        p("某政办发〔2025〕3号"),
        p("各区人民政府，市政府各部门："),
        p("现将《某某工作方案》印发给你们，请认真贯彻执行。"),
    ]
    .concat()
}

#[test]
fn tracked_changes_read_as_accepted() {
    let body = format!(
        "{}{}{}",
        head(),
        p("一、总体要求"),
        concat!(
            "<w:p><w:r><w:t>（一）加大支持。对符合条件的企业给予</w:t></w:r>",
            "<w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>30万元</w:delText></w:r></w:del>",
            "<w:ins w:id=\"2\" w:author=\"a\"><w:r><w:t>50万元</w:t></w:r></w:ins>",
            "<w:r><w:t>奖励。（责任单位：</w:t></w:r>",
            "<w:moveFrom w:id=\"3\" w:author=\"a\"><w:r><w:t>市财政局、</w:t></w:r></w:moveFrom>",
            "<w:r><w:t>市科技局</w:t></w:r>",
            "<w:moveTo w:id=\"4\" w:author=\"a\"><w:r><w:t>、市财政局</w:t></w:r></w:moveTo>",
            "<w:r><w:t>）</w:t></w:r></w:p>"
        )
    );
    let n = read("tracked.docx", docx(&body, None));
    assert!(n.text.contains("给予50万元奖励。"), "{}", n.text);
    assert!(!n.text.contains("30万元"), "deleted text read: {}", n.text);
    let amounts: Vec<f64> = n.amounts.iter().map(|a| a.value).collect();
    assert_eq!(amounts, [500_000.0]);
    assert_eq!(n.clauses.len(), 1);
    assert_eq!(n.clauses[0].responsible_units, ["市科技局", "市财政局"]);
}

#[test]
fn a_text_box_reads_once_not_twice() {
    // Word writes a text box twice: the DrawingML shape (mc:Choice) and a
    // VML copy for old readers (mc:Fallback).
    let textbox = concat!(
        "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:wsp><wps:txbx>",
        "<w:txbxContent><w:p><w:r><w:t>此件公开发布</w:t></w:r></w:p></w:txbxContent>",
        "</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>",
        "<w:txbxContent><w:p><w:r><w:t>此件公开发布</w:t></w:r></w:p></w:txbxContent>",
        "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    );
    let body = format!(
        "{}{}{}{textbox}",
        head(),
        p("一、总体要求"),
        p("（一）加强领导。（责任单位：市发展改革委）")
    );
    let n = read("textbox.docx", docx(&body, None));
    assert_eq!(n.text.matches("此件公开发布").count(), 1, "{}", n.text);
}

#[test]
fn footnote_marks_do_not_join_figures() {
    // A footnote mark right after a figure: Word shows a superscript 1,
    // which read as text would make 50万元 into 50万元1 or 1奖励.
    let body = format!(
        "{}{}{}",
        head(),
        p("一、总体要求"),
        concat!(
            "<w:p><w:r><w:t>（一）给予奖励。对首次认定的企业给予50万元</w:t></w:r>",
            "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/><w:vertAlign w:val=\"superscript\"/></w:rPr>",
            "<w:footnoteReference w:id=\"1\"/></w:r>",
            "<w:r><w:t>奖励，增长20%</w:t></w:r>",
            "<w:r><w:endnoteReference w:id=\"2\"/></w:r>",
            "<w:r><w:t>以上。</w:t></w:r></w:p>"
        )
    );
    let n = read("footnote.docx", docx(&body, None));
    assert!(
        n.text.contains("给予50万元奖励，增长20%以上。"),
        "{}",
        n.text
    );
    assert_eq!(n.amounts.len(), 1);
    assert_eq!(n.amounts[0].value, 500_000.0);
    assert_eq!(n.percentages.len(), 1);
    assert_eq!(n.percentages[0].bound, notice_extract::model::Bound::Min);
}

#[test]
fn content_controls_fields_and_hidden_text() {
    let body = format!(
        "{}{}{}",
        head(),
        p("一、总体要求"),
        concat!(
            // A content control around the clause's first words.
            "<w:p><w:sdt><w:sdtPr><w:alias w:val=\"条款\"/></w:sdtPr><w:sdtContent>",
            "<w:r><w:t>（一）强化保障。</w:t></w:r></w:sdtContent></w:sdt>",
            // A field: the code is not shown, the result is.
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>",
            "<w:r><w:instrText xml:space=\"preserve\"> DOCPROPERTY Budget </w:instrText></w:r>",
            "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>",
            "<w:r><w:t>安排资金100万元</w:t></w:r>",
            "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
            // Hidden text, and text un-hidden again.
            "<w:r><w:rPr><w:vanish/></w:rPr><w:t>（内部备注：200万元）</w:t></w:r>",
            "<w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>。（责任单位：市财政局）</w:t></w:r></w:p>"
        )
    );
    let n = read("controls.docx", docx(&body, None));
    assert!(
        n.text
            .contains("（一）强化保障。安排资金100万元。（责任单位：市财政局）"),
        "{}",
        n.text
    );
    assert!(!n.text.contains("DOCPROPERTY"));
    assert!(!n.text.contains("200万元"));
    assert_eq!(n.clauses.len(), 1);
    assert_eq!(n.clauses[0].responsible_units, ["市财政局"]);
}

/// 一、 with （一） under it, where each section's （一） list is a new
/// `w:num` on one abstract list restarting at 1 (as Word does when
/// "restart numbering" is chosen), and a later list continuing instead.
#[test]
fn numbering_restarts_and_continues_as_word_shows_it() {
    let numbering = concat!(
        "<w:abstractNum w:abstractNumId=\"0\">",
        "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/><w:suff w:val=\"nothing\"/></w:lvl>",
        "</w:abstractNum>",
        "<w:abstractNum w:abstractNumId=\"1\">",
        "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%1）\"/><w:suff w:val=\"nothing\"/></w:lvl>",
        "</w:abstractNum>",
        "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>",
        "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>",
        "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>",
        "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"1\"/></w:num>",
    );
    let body = [
        head(),
        np(1, 0, "总体要求"),
        np(2, 0, "加强领导。（责任单位：市发展改革委）"),
        np(2, 0, "强化协调。（责任单位：市财政局）"),
        np(1, 0, "重点任务"),
        np(3, 0, "推进改革。（责任单位：市司法局）"),
        // numId 4 shares the abstract list with 3 and no override: it
        // continues the count, （二）.
        np(4, 0, "优化服务。（责任单位：市数据局）"),
    ]
    .concat();
    let n = read("numbering.docx", docx(&body, Some(numbering)));
    assert!(n.text.contains("一、总体要求"), "{}", n.text);
    assert!(n.text.contains("二、重点任务"), "{}", n.text);
    let labels: Vec<(&str, Option<u32>)> = n
        .clauses
        .iter()
        .map(|c| (c.label.as_str(), c.section))
        .collect();
    assert_eq!(
        labels,
        [
            ("一", Some(1)),
            ("二", Some(1)),
            ("一", Some(2)),
            ("二", Some(2))
        ]
    );
    let numbers: Vec<u32> = n.clauses.iter().map(|c| c.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
}

/// A 重点任务分工表 in Word: the 牵头单位 cell merged down over the tasks it
/// leads (`w:vMerge`), a group row merged across (`w:gridSpan`). Each task
/// gets the units its row shows, the merged ones included.
#[test]
fn a_task_table_with_merged_cells_gives_units_per_task() {
    fn cell(text: &str, props: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    }
    fn row(cells: &[String]) -> String {
        format!("<w:tr>{}</w:tr>", cells.concat())
    }
    let restart = "<w:vMerge w:val=\"restart\"/>";
    let cont = "<w:vMerge/>";
    let table = [
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
            .to_string(),
        row(&[
            cell("序号", ""),
            cell("重点任务", ""),
            cell("牵头单位", ""),
            cell("责任单位", ""),
        ]),
        row(&[cell("一、优化政务服务", "<w:gridSpan w:val=\"4\"/>")]),
        row(&[
            cell("1", ""),
            cell("推行企业开办一网通办。", ""),
            cell("市数据局", restart),
            cell("市市场监管局", ""),
        ]),
        row(&[
            cell("2", ""),
            cell("推进政务服务事项免证办。", ""),
            "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>".to_string(),
            cell("市公安局", ""),
        ]),
        row(&[
            cell("3", ""),
            cell("深化工程建设项目审批制度改革。", ""),
            format!("<w:tc><w:tcPr>{cont}</w:tcPr><w:p/></w:tc>"),
            cell("市自然资源和规划局", ""),
        ]),
        row(&[cell("二、加大政策支持", "<w:gridSpan w:val=\"4\"/>")]),
        row(&[
            cell("4", ""),
            // A task merged across two columns (no 牵头单位 of its own).
            cell("设立产业发展引导基金10亿元。", "<w:gridSpan w:val=\"2\"/>"),
            cell("市财政局、市国资委", ""),
        ]),
        row(&[
            cell("5", ""),
            cell("扩大首贷续贷规模。", ""),
            cell("人民银行某市分行", ""),
            cell("各商业银行", ""),
        ]),
        "</w:tbl>".to_string(),
    ]
    .concat();
    let body = [p("附件"), p("某市2025年优化营商环境重点任务分工表"), table].concat();
    let n = read("tasks.docx", docx(&body, None));
    let got: Vec<(u32, Option<u32>, Vec<&str>)> = n
        .clauses
        .iter()
        .map(|c| {
            (
                c.number,
                c.section,
                c.responsible_units.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (1, Some(1), vec!["市数据局", "市市场监管局"]),
            (2, Some(1), vec!["市数据局", "市公安局"]),
            (3, Some(1), vec!["市数据局", "市自然资源和规划局"]),
            (4, Some(2), vec!["市财政局", "市国资委"]),
            (5, Some(2), vec!["人民银行某市分行", "各商业银行"]),
        ],
        "{:#?}",
        n.tables
    );
    // Roles follow the grid: task 4's text spans the 牵头单位 column, so
    // it has no lead; the merged 市数据局 leads tasks 1–3.
    let leads: Vec<Vec<&str>> = n
        .clauses
        .iter()
        .map(|c| c.lead_units.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        leads,
        [
            vec!["市数据局"],
            vec!["市数据局"],
            vec!["市数据局"],
            vec![],
            vec!["人民银行某市分行"]
        ]
    );
    let sections: Vec<&str> = n.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(sections, ["优化政务服务", "加大政策支持"]);
    // The table keeps its grid: four columns in every row.
    assert!(
        n.tables[0].rows.iter().all(|r| r.len() == 4),
        "{:?}",
        n.tables[0].rows
    );
}

/// A 重点任务台账 without a 序号 column: 任务 | 责任单位 | 完成时限, each
/// section's row one cell merged across the three (`w:gridSpan`), so its
/// text stands in the task column; the tasks numbered through (`1.`–`4.`)
/// under them; the header written again where the table goes on. The
/// section rows are sections, the tasks their clauses with the 责任单位
/// cells' units; the header again is neither.
#[test]
fn a_section_row_merged_across_a_table_without_numbers_is_a_section() {
    fn cell(text: &str, props: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    }
    fn row(cells: &[String]) -> String {
        format!("<w:tr>{}</w:tr>", cells.concat())
    }
    let header = || row(&[cell("任务", ""), cell("责任单位", ""), cell("完成时限", "")]);
    let span = "<w:gridSpan w:val=\"3\"/>";
    let task = |t: &str, units: &str| row(&[cell(t, ""), cell(units, ""), cell("年底前", "")]);
    let table = [
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>".to_string(),
        header(),
        row(&[cell("一、扩大对外贸易", span)]),
        task("1.培育外贸主体。新增外贸企业50家以上。", "区商务局、区财政局"),
        task("2.支持企业参展。按展位费的60%给予补贴。", "区商务局牵头，区贸促会配合"),
        header(),
        row(&[cell("二、优化营商环境", span)]),
        task("3.压缩通关时间。", "某海关"),
        // A unit cell of two paragraphs: two units.
        row(&[
            cell("4.保障物流用工。", ""),
            "<w:tc><w:p><w:r><w:t>区交通运输局</w:t></w:r></w:p><w:p><w:r><w:t>各街道办事处</w:t></w:r></w:p></w:tc>".to_string(),
            cell("长期坚持", ""),
        ]),
        "</w:tbl>".to_string(),
    ]
    .concat();
    let body = [
        p("某区人民政府办公室关于印发某区2025年稳外贸重点任务台账的通知"),
        p("各街道办事处，区政府各部门："),
        p("现将《某区2025年稳外贸重点任务台账》印发给你们，请抓好落实。"),
        table,
    ]
    .concat();
    let n = read("taizhang.docx", docx(&body, None));
    let sections: Vec<(&str, &str)> = n
        .sections
        .iter()
        .map(|s| (s.label.as_str(), s.title.as_str()))
        .collect();
    assert_eq!(
        sections,
        [("一", "扩大对外贸易"), ("二", "优化营商环境")],
        "{:#?}",
        n.tables
    );
    let got: Vec<(&str, Option<u32>, &str, Vec<&str>)> = n
        .clauses
        .iter()
        .map(|c| {
            (
                c.label.as_str(),
                c.section,
                c.title.as_str(),
                c.responsible_units.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("1", Some(1), "培育外贸主体", vec!["区商务局", "区财政局"]),
            ("2", Some(1), "支持企业参展", vec!["区商务局", "区贸促会"]),
            ("3", Some(2), "压缩通关时间", vec!["某海关"]),
            (
                "4",
                Some(2),
                "保障物流用工",
                vec!["区交通运输局", "各街道办事处"]
            ),
        ]
    );
}

/// A hostile `w:gridSpan` (four billion columns) or `w:gridBefore` is
/// capped: the row is laid on at most 1,024 columns, nothing huge is
/// allocated.
#[test]
fn a_huge_grid_span_is_capped() {
    let cell = |text: &str, props: &str| {
        format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    };
    let table = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr><w:trPr><w:gridBefore w:val=\"4294967295\"/></w:trPr>{}{}</w:tr></w:tbl>",
        cell("指标", "<w:gridSpan w:val=\"4294967295\"/>"),
        cell("目标", ""),
        cell("增加值", ""),
        cell("12%", ""),
    );
    let body = [head(), p("一、总体要求"), p("（一）加强领导。"), table].concat();
    let n = read("span.docx", docx(&body, None));
    assert!(n.text.contains("指标"), "{}", n.text);
    assert!(n.text.len() < 10_000);
}

/// A clause deleted with tracked changes (its runs in `w:del`, its
/// paragraph mark too) is gone once accepted: the clauses after it keep
/// Word's numbering of the accepted text, （二） not （三）.
#[test]
fn a_paragraph_deleted_whole_does_not_count_in_its_list() {
    let numbering = concat!(
        "<w:abstractNum w:abstractNumId=\"0\">",
        "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%1）\"/><w:suff w:val=\"nothing\"/></w:lvl>",
        "</w:abstractNum>",
        "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>",
    );
    let deleted = concat!(
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>",
        "<w:rPr><w:del w:id=\"9\" w:author=\"a\"/></w:rPr></w:pPr>",
        "<w:del w:id=\"10\" w:author=\"a\"><w:r><w:delText>删除的条款。（责任单位：市审计局）</w:delText></w:r></w:del></w:p>"
    );
    let body = [
        head(),
        p("一、总体要求"),
        np(1, 0, "加强领导。（责任单位：市发展改革委）"),
        deleted.to_string(),
        np(1, 0, "强化协调。（责任单位：市财政局）"),
    ]
    .concat();
    let n = read("deleted.docx", docx(&body, Some(numbering)));
    assert!(!n.text.contains("删除的条款"), "{}", n.text);
    assert!(n.text.contains("（二）强化协调"), "{}", n.text);
    let labels: Vec<&str> = n.clauses.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["一", "二"]);
    assert!(n
        .clauses
        .iter()
        .all(|c| !c.responsible_units.iter().any(|u| u == "市审计局")));
}
