//! A PDF's appended 重点任务分工表 read by its columns (src/decode/pdf/grid.rs):
//! the clauses of the text, which state no units, get the units of the
//! table's rows; the table's cells come back whole, not interleaved prose.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notice_extract::decode::ocr::OcrMode;
use notice_extract::{extract_file, Config, Notice};

const EXE: &str = env!("CARGO_BIN_EXE_notice-extract");

/// `fixtures/pdf/handmade-2026-fengongbiao.pdf`: printed by headless
/// Chromium from `fixtures/make/handmade-2026-fengongbiao-pdf.html`.
fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf/handmade-2026-fengongbiao.pdf")
}

fn config(backend: &str, worker: bool) -> Config {
    let mut cfg = Config::default();
    cfg.decode.ocr.mode = OcrMode::Off;
    cfg.decode.pdf.backends = vec![backend.to_string()];
    if worker {
        cfg.decode.pdf.worker = Some(PathBuf::from(EXE));
        cfg.decode.pdf.timeout = Duration::from_secs(20);
    }
    cfg
}

fn clause_units(n: &Notice) -> Vec<(String, Vec<String>, Vec<String>)> {
    n.clauses
        .iter()
        .map(|c| {
            (
                c.label.clone(),
                c.lead_units.clone(),
                c.responsible_units.clone(),
            )
        })
        .collect()
}

/// Every clause gets its row's units, lead first, through the worker
/// process (the lines' positions cross its pipe) and in process with
/// either backend (oxidize-pdf gives runs of text, pdf-extract glyphs).
#[test]
fn a_pdf_task_table_gives_the_clauses_their_units() {
    let v = |s: &[&str]| s.iter().map(|u| u.to_string()).collect::<Vec<_>>();
    let expected = vec![
        (
            "一".to_string(),
            v(&["市发展改革委"]),
            v(&[
                "市发展改革委",
                "市经信局",
                "市商务局",
                "市投资促进局",
                "各县（市、区）人民政府",
            ]),
        ),
        (
            "二".to_string(),
            v(&["市交通运输局"]),
            v(&["市交通运输局", "市自然资源和规划局", "市住房城乡建设局"]),
        ),
        (
            "三".to_string(),
            v(&["市经信局"]),
            v(&[
                "市经信局",
                "市城管局",
                "市应急管理局",
                "市卫生健康委",
                "市文化广电旅游局",
            ]),
        ),
        (
            "四".to_string(),
            v(&["市发展改革委"]),
            v(&["市发展改革委", "市公安局", "市交通运输局"]),
        ),
        (
            "五".to_string(),
            v(&["市委组织部（人才办）"]),
            v(&[
                "市委组织部（人才办）",
                "市人力社保局",
                "市教育局",
                "各职业院校",
            ]),
        ),
    ];
    for (backend, worker) in [
        ("oxidize-pdf", true),
        ("oxidize-pdf", false),
        ("pdf-extract", false),
    ] {
        let n = extract_file(&fixture(), &config(backend, worker))
            .unwrap_or_else(|e| panic!("{backend}: {}: {e}", e.code()));
        assert_eq!(clause_units(&n), expected, "{backend}:\n{}", n.text);
        // The rows are paragraphs of their own, the table's cells whole.
        assert!(
            n.text.contains(
                "\n1 培育壮大市场主体。引进低空装备整机和关键零部件企业，支持本地企业向低空制造延伸 市发展改革委 市经信局、市商务局、市投资促进局，各县（市、区）人民政府 2027年底前\n"
            ),
            "{backend}:\n{}",
            n.text
        );
        // The prose around it reads as before.
        assert!(
            n.text
                .contains("\n（五）加强人才引育。支持高校和职业院校开设无人机相关专业，"),
            "{backend}:\n{}",
            n.text
        );
    }
}
