//! A unit name followed by a bracket holding only role words
//! (`市数据局（牵头）`): GOLD.md drops the role words, and a bracket left
//! with nothing in it goes too. Task-table cells (a 分工表 as a page or a
//! document's table) and bracketed statements in the text are cleaned by
//! the same rule; a bracket that is a real part of a name stays.

use crate::common;

use notice_extract::fetch::RawDocument;
use notice_extract::{extract, Notice};

fn extract_named(name: &str, content: &str) -> Notice {
    let raw = RawDocument::from_bytes(name, content.as_bytes().to_vec());
    extract(&raw, &common::config()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Each clause's title, responsible units and lead units.
fn units(n: &Notice) -> Vec<(String, Vec<String>, Vec<String>)> {
    n.clauses
        .iter()
        .map(|c| {
            (
                c.title.clone(),
                c.responsible_units.clone(),
                c.lead_units.clone(),
            )
        })
        .collect()
}

fn row(title: &str, responsible: &[&str], leads: &[&str]) -> (String, Vec<String>, Vec<String>) {
    let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
    (title.to_string(), strings(responsible), strings(leads))
}

/// The rows of a 任务分工表, as a page (HTML table) and as a Markdown
/// table (the form a document's table takes): the cells' role brackets go.
#[test]
fn a_task_table_cell_drops_a_bracket_of_role_words() {
    let rows = [
        (
            "1",
            "建设城市数据底座。",
            "市数据局（牵头）、市发展改革委、市财政局",
        ),
        (
            "2",
            "培育数据要素市场。",
            "市委组织部（人才办）、各县（市、区）政府",
        ),
        (
            "3",
            "推进公共数据开放。",
            "省商务厅（省口岸办）（牵头），市财政局（配合）",
        ),
    ];
    let html_rows: String = rows
        .iter()
        .map(|(n, t, u)| format!("<tr><td>{n}</td><td>{t}</td><td>{u}</td></tr>"))
        .collect();
    let html = format!(
        "<html><head><meta charset=\"utf-8\"><title>某市数据产业重点任务分工表</title></head><body>\
         <div id=\"zoom\"><p>某市数据产业重点任务分工表</p><table border=\"1\">\
         <tr><td>序号</td><td>重点任务</td><td>责任单位</td></tr>{html_rows}</table></div></body></html>"
    );
    let md_rows: String = rows
        .iter()
        .map(|(n, t, u)| format!("| {n} | {t} | {u} |\n"))
        .collect();
    let md = format!(
        "# 某市数据产业重点任务分工表\n\n| 序号 | 重点任务 | 责任单位 |\n| --- | --- | --- |\n{md_rows}"
    );
    let want = [
        row(
            "建设城市数据底座",
            &["市数据局", "市发展改革委", "市财政局"],
            &["市数据局"],
        ),
        row(
            "培育数据要素市场",
            &["市委组织部（人才办）", "各县（市、区）政府"],
            &[],
        ),
        row(
            "推进公共数据开放",
            &["省商务厅（省口岸办）", "市财政局"],
            &["省商务厅（省口岸办）"],
        ),
    ];
    for (name, content) in [("fenbiao.html", html), ("fenbiao.md", md)] {
        let n = extract_named(name, &content);
        assert_eq!(units(&n), want, "{name}");
        // The table keeps its cells as written.
        let cells: Vec<&str> = n.tables[0]
            .rows
            .iter()
            .flatten()
            .map(String::as_str)
            .collect();
        assert!(
            cells.contains(&"市数据局（牵头）、市发展改革委、市财政局"),
            "{name}"
        );
    }
}

/// Statements in the text: a role in a bracket of its own marks the
/// statement as a trailing role does, and is no part of the name.
#[test]
fn a_statement_drops_a_bracket_of_role_words() {
    let text = "某市人民政府办公室关于印发某市促进数据产业发展若干措施的通知\n\
各县（市、区）人民政府，市政府各部门：\n\
一、支持企业做大做强\n\
（一）支持企业入选。对首次入选的企业给予奖励。（省商务厅(牵头)、省财政厅）\n\
（二）支持企业认定。对新认定的企业给予奖励。（市数据局（牵头）、市发展改革委、市财政局负责）\n\
（三）加强协调。统筹推进各项工作。（市委组织部（人才办）、各县（市、区）政府负责）\n\
（四）做好报送。请于每季度末报送省商务厅（省口岸办）。\n\
某市人民政府办公室\n2025年3月1日";
    let n = extract_named("statements.txt", text);
    assert_eq!(
        units(&n),
        [
            row("支持企业入选", &["省商务厅", "省财政厅"], &["省商务厅"]),
            row(
                "支持企业认定",
                &["市数据局", "市发展改革委", "市财政局"],
                &["市数据局"]
            ),
            row(
                "加强协调",
                &["市委组织部（人才办）", "各县（市、区）政府"],
                &[]
            ),
            row("做好报送", &[], &[]),
        ]
    );
}
