//! Every fixture through the whole pipeline: its record against the
//! committed `output/`, a snapshot of its outline, the seed against its gold answer, broken inputs failing
//! cleanly.

use crate::common;

use common::{extract_fixture, gold, structure_differences};
use notice_extract::output::outline::outline;

/// Real notices extract without failure; their outline is pinned by a
/// snapshot (review changes with `cargo insta review`; CI never writes
/// snapshots) and their whole record by the committed `output/notices/`,
/// which the bundled run writes: one copy of each record, not two.
#[test]
fn fixtures_extract_and_match_snapshots() {
    insta::glob!("../fixtures", "{text,html,pdf,docx,xlsx,ofd}/*", |path| {
        let record = extract_fixture(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        insta::assert_snapshot!("outline", outline(&record));
        common::assert_matches_committed_record(&record);
    });
}

/// The seed notice matches its hand-checked answer on every structure field,
/// in every web and text rendering (traditional, simplified, full-width).
/// The rules revision in the extractor version follows the records: when a
/// change of the rules changes the bundled fixtures' committed records,
/// `RULES_REVISION` must be raised with the new digest, or users' reruns
/// would keep records an older build made from unchanged bytes.
#[test]
fn rules_revision_follows_the_records() {
    use notice_extract::batch::{FIXTURE_RECORDS_SHA256, RULES_REVISION};
    use sha2::{Digest, Sha256};
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/output/notices.ndjson");
    let bytes = std::fs::read(path).expect("the committed output/notices.ndjson");
    let digest: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        digest, FIXTURE_RECORDS_SHA256,
        "the fixtures' records changed: raise RULES_REVISION (now {RULES_REVISION}) in \
         src/batch/report.rs and set FIXTURE_RECORDS_SHA256 to {digest}, then regenerate \
         output/ (its report.json names the extractor version)"
    );
}

#[test]
fn seed_matches_gold_structure_in_every_rendering() {
    let gold = gold();
    for (file, published) in [
        ("fixtures/text/binjiang-2025-source.txt", true),
        ("fixtures/html/binjiang-2025-page.html", true),
        ("fixtures/text/binjiang-2025-simplified.txt", true),
        ("fixtures/text/binjiang-2025-fullwidth.txt", true),
        // A PDF's text dump states no publication time.
        ("fixtures/text/binjiang-2025-pdftotext.txt", false),
    ] {
        let record = extract_fixture(&common::root().join(file)).expect("seed extracts");
        let diffs = structure_differences(&record, &gold, published);
        assert!(diffs.is_empty(), "{file}:\n{}", diffs.join("\n"));
    }
}

/// The simplified and full-width renderings give the same structure as the
/// original, field for field (after folding).
#[test]
fn renderings_of_the_seed_agree() {
    let shape = |file: &str| {
        let n = extract_fixture(&common::root().join(file)).expect("seed extracts");
        let k = common::key;
        (
            n.sections
                .iter()
                .map(|s| (s.number, k(&s.title), s.span))
                .collect::<Vec<_>>(),
            n.clauses
                .iter()
                .map(|c| {
                    (
                        c.number,
                        c.section,
                        k(&c.title),
                        c.responsible_units.len(),
                        c.span,
                    )
                })
                .collect::<Vec<_>>(),
        )
    };
    let original = shape("fixtures/text/binjiang-2025-source.txt");
    assert_eq!(
        shape("fixtures/text/binjiang-2025-simplified.txt"),
        original
    );
    assert_eq!(shape("fixtures/text/binjiang-2025-fullwidth.txt"), original);
}

/// The body repeated by the page template or the dump is read once.
#[test]
fn repeated_body_does_not_double_clauses() {
    let n =
        extract_fixture(&common::root().join("fixtures/text/binjiang-2025-source.txt")).unwrap();
    assert_eq!(n.clauses.len(), 46);
    assert!(n.warnings.iter().any(|w| w.code == "repeated_body_dropped"));
    let n = extract_fixture(&common::root().join("fixtures/html/binjiang-2025-page.html")).unwrap();
    assert_eq!(n.clauses.len(), 46);
}

/// Every span points at its value in `text`, in every fixture: clauses and
/// their items, sections, tables, figures.
#[test]
fn spans_cut_their_values_from_text() {
    for sub in ["text", "html", "pdf"] {
        for path in common::fixture_files(sub) {
            let n = extract_fixture(&path).unwrap();
            spans_hold(&n, &path.display().to_string());
        }
    }
}

fn spans_hold(n: &notice_extract::Notice, name: &str) {
    let chars: Vec<char> = n.text.chars().collect();
    let cut = |s: [usize; 2]| chars[s[0]..s[1]].iter().collect::<String>();
    for c in &n.clauses {
        assert_eq!(cut(c.span), c.text, "{name}: clause {}", c.number);
        assert!(
            c.text.contains(&c.title),
            "{name}: clause {} title",
            c.number
        );
        for item in &c.items {
            assert_eq!(cut(item.span), item.text, "{name}: item {}", item.label);
            assert!(
                c.span[0] < item.span[0] && item.span[1] <= c.span[1],
                "{name}: item {} outside clause {}",
                item.label,
                c.number
            );
        }
    }
    for t in &n.tables {
        let text = cut(t.span);
        let first = t.rows[0]
            .iter()
            .find(|c| !c.is_empty())
            .expect("a filled cell");
        assert!(
            text.contains(first.as_str()),
            "{name}: table at {:?}",
            t.span
        );
    }
    for s in &n.sections {
        assert!(
            cut(s.span).contains(&s.title),
            "{name}: section {}",
            s.number
        );
    }
    for a in &n.amounts {
        assert_eq!(cut(a.span), a.text, "{name}");
    }
    for p in &n.percentages {
        assert_eq!(cut(p.span), p.text, "{name}");
    }
    let numbers: Vec<u32> = n.clauses.iter().map(|c| c.number).collect();
    let through: Vec<u32> = (1..=n.clauses.len() as u32).collect();
    assert_eq!(numbers, through, "{name}: clauses numbered 1…N");
}

/// Inputs that must fail do, each with its own error code, never a panic or
/// a record; the codes are pinned. OCR is off: the codes are those of
/// decoding alone, the same on a machine without Tesseract (the scan's
/// cover letter read by OCR is tested in tests/ocr.rs).
#[test]
fn broken_inputs_fail_with_specific_codes() {
    let mut cfg = common::config();
    cfg.decode.ocr.mode = notice_extract::decode::ocr::OcrMode::Off;
    let mut lines = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(common::root().join("fixtures/broken"))
        .expect("fixtures/broken")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    for path in files {
        let started = std::time::Instant::now();
        let raw = notice_extract::fetch::RawDocument::from_bytes(
            &common::relative(&path),
            std::fs::read(&path).expect("fixture is readable"),
        );
        let result = notice_extract::extract(&raw, &cfg);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        match result {
            Ok(_) => panic!("{name} extracted; broken inputs must fail"),
            Err(e) => {
                assert_ne!(e.code(), "schema_violation", "{name}: {e}");
                assert!(
                    started.elapsed().as_secs() < 20,
                    "{name} took {:?}",
                    started.elapsed()
                );
                lines.push(format!("{name}: {} ({})", e.code(), e.stage()));
            }
        }
    }
    insta::assert_snapshot!(lines.join("\n"));
}

/// A page whose body is only links to its attachments gets a warning naming
/// them (not a bare `no_structure`), and the record lists them with URLs
/// resolved against the page's own.
#[test]
fn a_page_of_attachment_links_says_so() {
    let html = r#"<html><head><meta name="ArticleTitle" content="关于印发某某实施方案的通知"></head>
        <body><div id="zoom"><p>关于印发某某实施方案的通知</p>
        <p>附件：<a href="/files/2025/fangan.pdf">某某实施方案.pdf</a></p>
        <p><a href="fenbiao.xlsx">任务分工表.xlsx</a></p></div></body></html>"#;
    let raw = notice_extract::fetch::RawDocument::from_bytes(
        "https://www.example.gov.cn/art/2025/1/2/art_1.html",
        html.as_bytes().to_vec(),
    );
    let n = notice_extract::extract(&raw, &common::config()).expect("extracts");
    let urls: Vec<&str> = n.attachments.iter().map(|a| a.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://www.example.gov.cn/files/2025/fangan.pdf",
            "https://www.example.gov.cn/art/2025/1/2/fenbiao.xlsx"
        ]
    );
    let w = n
        .warnings
        .iter()
        .find(|w| w.code == "attachment_only")
        .expect("attachment_only warning");
    assert!(w.message.contains("某某实施方案.pdf"), "{}", w.message);
    assert!(w.message.contains("fenbiao.xlsx"), "{}", w.message);
    assert!(!n.warnings.iter().any(|w| w.code == "no_structure"));
    // A notice with text besides its links is not attachment-only.
    let n = extract_fixture(&common::root().join("fixtures/html/lishui-2023-lizhengfa-30.html"))
        .unwrap();
    assert!(!n.attachments.is_empty());
    assert!(!n.warnings.iter().any(|w| w.code == "attachment_only"));
}

/// Record schema 4.0.0: a notice stating 3% and a rise of 3 points lists
/// both among `percentages` (the point of unit `point`) and the point in
/// `percentage_points` too (located like any figure), and the record is
/// schema-valid.
#[test]
fn a_percentage_and_a_percentage_point_go_to_their_own_arrays() {
    let text = "关于推动某某发展的通知\n一、主要目标\n（一）提升投入。研发投入占比不低于3%，比上年提高3个百分点。\n";
    let raw =
        notice_extract::fetch::RawDocument::from_bytes("notice.txt", text.as_bytes().to_vec());
    let n = notice_extract::extract(&raw, &common::config()).expect("extracts");
    assert_eq!(n.schema_version, notice_extract::model::SCHEMA_VERSION);
    assert_eq!(n.percentages.len(), 2, "{:?}", n.percentages);
    assert_eq!(
        (n.percentages[0].value, n.percentages[0].bound),
        (3.0, notice_extract::model::Bound::Min)
    );
    let point = &n.percentages[1];
    assert_eq!(
        (point.text.as_str(), point.unit, point.section, point.clause),
        (
            "3个百分点",
            notice_extract::model::PercentageUnit::Point,
            Some(1),
            Some(1)
        )
    );
    assert_eq!(n.percentage_points.len(), 1, "{:?}", n.percentage_points);
    let p = &n.percentage_points[0];
    assert_eq!((p.text.as_str(), p.value), ("3个百分点", 3.0));
    assert_eq!((p.section, p.clause), (Some(1), Some(1)));
    let json = serde_json::to_value(&n).expect("serializes");
    assert!(json["percentage_points"][0].get("unit").is_none());
    notice_extract::output::schema::validate(&n).expect("schema-valid");
}

/// The hand-made gold's three `个百分点` are the record's percentage
/// points, and its percentages of unit point.
#[test]
fn the_hand_made_notice_lists_its_points_apart() {
    let n =
        extract_fixture(&common::root().join("fixtures/text/handmade-2026-guowuyuan-yijian.txt"))
            .expect("extracts");
    use notice_extract::model::Bound::{Approx, Exact, Min};
    let points: Vec<_> = n
        .percentage_points
        .iter()
        .map(|p| (p.text.as_str(), p.value, p.bound, p.clause))
        .collect();
    assert_eq!(
        points,
        [
            ("0.2个百分点", 0.2, Exact, Some(4)),
            ("5个百分点", 5.0, Min, Some(5)),
            ("3个百分点", 3.0, Approx, Some(10)),
        ]
    );
    let as_percentages: Vec<_> = n
        .percentages
        .iter()
        .filter(|p| p.is_point())
        .map(|p| (p.text.as_str(), p.value, p.bound, p.clause))
        .collect();
    assert_eq!(as_percentages, points);
    assert!(n
        .percentages
        .iter()
        .all(|p| p.is_point() == p.text.contains("百分点")));
}

/// A page that is only a task table, one unit cell holding a newline (a
/// text node's, which survives white-space collapsing): the row is two
/// lines, and each later row's figures stay in its own clause.
#[test]
fn a_newline_in_a_table_cell_shifts_no_figure() {
    let html = "<html><head><title>某市提振消费重点任务分工清单</title></head><body><div id=\"zoom\">\
<p>某市提振消费重点任务分工清单</p><table>\
<tr><td>序号</td><td>重点任务</td><td>牵头单位</td><td>配合单位</td></tr>\
<tr><td>1</td><td>发放消费券，补贴比例为10%。</td><td>市商务局</td><td>市住建局、\n国网供电公司</td></tr>\
<tr><td>2</td><td>给予最高2000元补贴。</td><td>市财政局</td><td>市商务局</td></tr>\
<tr><td>3</td><td>贷款贴息比例为20%。</td><td>市金融办</td><td>市财政局</td></tr>\
</table></div></body></html>";
    let raw =
        notice_extract::fetch::RawDocument::from_bytes("tasks.html", html.as_bytes().to_vec());
    let n = notice_extract::extract(&raw, &common::config()).expect("extracts");
    assert!(n.text.contains("市住建局、\n国网供电公司"), "{}", n.text);
    let clauses: Vec<(&str, Vec<&str>)> = n
        .clauses
        .iter()
        .map(|c| {
            let units = c.responsible_units.iter().map(String::as_str).collect();
            (c.title.as_str(), units)
        })
        .collect();
    assert_eq!(
        clauses,
        [
            (
                "发放消费券，补贴比例为10%",
                vec!["市商务局", "市住建局", "国网供电公司"]
            ),
            ("给予最高2000元补贴", vec!["市财政局", "市商务局"]),
            ("贷款贴息比例为20%", vec!["市金融办", "市财政局"]),
        ]
    );
    let percents: Vec<(f64, Option<u32>)> =
        n.percentages.iter().map(|p| (p.value, p.clause)).collect();
    assert_eq!(percents, [(10.0, Some(1)), (20.0, Some(3))]);
    let amounts: Vec<(f64, Option<u32>)> = n.amounts.iter().map(|a| (a.value, a.clause)).collect();
    assert_eq!(amounts, [(2000.0, Some(2))]);
}

/// An allocation table under `单位：万元` in a clause: its 预算金额 cells
/// (the 合计 row's too) are amounts of that clause, N×10000 yuan, exact;
/// its count columns (家, 个), its 序号 and the 科目 code in the text are
/// not money.
#[test]
fn an_allocation_table_states_amounts_in_its_clause() {
    let html =
        "<html><head><title>关于下达2025年奖补资金预算的通知</title></head><body><div id=\"zoom\">\
<p>关于下达2025年奖补资金预算的通知</p><p>各省财政厅：</p>\
<p>一、支持范围</p><p>（一）企业。每家企业奖补资金不超过600万元。</p>\
<p>二、资金安排</p><p>（二）资金分配。奖补资金预算共计42000万元，分地区安排如下：</p>\
<p>2025年奖补资金预算分配表</p><p>单位：万元</p><table>\
<tr><td>序号</td><td>地区</td><td>企业（家）</td><td>平台（个）</td><td>预算金额</td></tr>\
<tr><td>1</td><td>北京市</td><td>42</td><td>2</td><td>26400</td></tr>\
<tr><td>2</td><td>河北省</td><td>25</td><td>1</td><td>15600</td></tr>\
<tr><td>合计</td><td></td><td>67</td><td>3</td><td>42000</td></tr>\
</table><p>上述资金列政府收支分类科目“2150805中小企业发展专项”。</p>\
<p>（三）资金使用。用于人员薪酬的比例不得超过20%。</p></div></body></html>";
    let raw =
        notice_extract::fetch::RawDocument::from_bytes("alloc.html", html.as_bytes().to_vec());
    let n = notice_extract::extract(&raw, &common::config()).expect("extracts");
    type Row<'a> = (&'a str, f64, Option<u32>, Option<u32>, &'a str);
    let amounts: Vec<Row> = n
        .amounts
        .iter()
        .map(|a| {
            (
                a.text.as_str(),
                a.value,
                a.section,
                a.clause,
                a.bound.as_str(),
            )
        })
        .collect();
    assert_eq!(
        amounts,
        [
            ("600万元", 6_000_000.0, Some(1), Some(1), "max"),
            ("42000万元", 420_000_000.0, Some(2), Some(2), "exact"),
            ("26400", 264_000_000.0, Some(2), Some(2), "exact"),
            ("15600", 156_000_000.0, Some(2), Some(2), "exact"),
            ("42000", 420_000_000.0, Some(2), Some(2), "exact"),
        ]
    );
    // Each span is its cell in the text.
    for a in &n.amounts {
        let at: String = n
            .text
            .chars()
            .skip(a.span[0])
            .take(a.span[1] - a.span[0])
            .collect();
        assert_eq!(at, a.text);
    }
}
