//! A readable outline of a record: one line per header field, section,
//! clause, item, table and figure. Reviews far better than a JSON diff, so
//! the snapshot tests keep one beside each record.
//!
//! ```text
//! 一 推進教育科技人才一體發展 [lead: 科技局]
//!   3 (一) 強化企業科技創新主體地位 [resp: 科技局]
//!        amount 1萬元 = 10000 CNY exact
//!        point 3個百分點 = 3 points exact
//!          - 1.加快… [resp: 市財政局] [lead: 市財政局]
//!            - (1)…
//! table 5×4 in clause 3: 指標 | 2025年 | …
//! ```
//!
//! A clause line starts with its `number` (1…N through the notice), then
//! its label as written.

use std::fmt::Write;

use crate::model::{Amount, Notice, Percentage, PercentagePoint, PercentageUnit};

/// Renders the outline of a record.
pub fn outline(n: &Notice) -> String {
    let mut s = String::new();
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_string());
    let _ = writeln!(s, "title: {}", opt(&n.title));
    let _ = writeln!(s, "policy_title: {}", opt(&n.policy_title));
    let _ = writeln!(s, "doc_number: {}", opt(&n.doc_number));
    let _ = writeln!(s, "issuers: {}", n.issuers.join(" | "));
    let _ = writeln!(s, "recipients: {}", n.recipients.join(" | "));
    let _ = writeln!(
        s,
        "signed_date: {}  published_at: {}",
        opt(&n.signed_date),
        opt(&n.published_at)
    );
    for w in &n.warnings {
        let _ = writeln!(s, "warning {}: {}", w.code, w.message);
    }
    let figures = |s: &mut String, section: Option<u32>, clause: Option<u32>, indent: &str| {
        for a in n
            .amounts
            .iter()
            .filter(|a| a.section == section && a.clause == clause)
        {
            let _ = writeln!(s, "{indent}{}", amount_line(a));
        }
        for p in n
            .percentages
            .iter()
            .filter(|p| !p.is_point() && p.section == section && p.clause == clause)
        {
            let _ = writeln!(s, "{indent}{}", percentage_line(p));
        }
        for p in n
            .percentage_points
            .iter()
            .filter(|p| p.section == section && p.clause == clause)
        {
            let _ = writeln!(s, "{indent}{}", point_line(p));
        }
    };
    figures(&mut s, None, None, "");
    for sec in &n.sections {
        let lead = if sec.lead_units.is_empty() {
            String::new()
        } else {
            format!(" [lead: {}]", sec.lead_units.join("、"))
        };
        let _ = writeln!(s, "{} {}{}", sec.label, sec.title, lead);
        figures(&mut s, Some(sec.number), None, "     ");
        for c in n.clauses.iter().filter(|c| c.section == Some(sec.number)) {
            clause_lines(&mut s, n, c);
        }
    }
    for c in n.clauses.iter().filter(|c| c.section.is_none()) {
        clause_lines(&mut s, n, c);
    }
    for t in &n.tables {
        let place = match (t.section, t.clause) {
            (_, Some(c)) => format!(" in clause {c}"),
            (Some(sec), None) => format!(" in section {sec}"),
            _ => String::new(),
        };
        let columns = t.rows.iter().map(Vec::len).max().unwrap_or(0);
        let head = t.rows.first().map(|r| r.join(" | ")).unwrap_or_default();
        let _ = writeln!(s, "table {}×{}{}: {}", t.rows.len(), columns, place, head);
    }
    for a in &n.attachments {
        let _ = writeln!(s, "attachment {} <{}>", a.text, a.url);
    }
    s
}

/// ` [resp: …]` and ` [lead: …]` for a clause or an item.
fn units(responsible: &[String], lead: &[String]) -> String {
    let mut out = String::new();
    if !responsible.is_empty() {
        out += &format!(" [resp: {}]", responsible.join("、"));
    }
    if !lead.is_empty() {
        out += &format!(" [lead: {}]", lead.join("、"));
    }
    out
}

/// An item's first line (its label as written included), cut to a
/// readable length.
fn first_line(text: &str) -> String {
    const MAX: usize = 40;
    let line = text.lines().next().unwrap_or_default().trim();
    let cut: String = line.chars().take(MAX).collect();
    if line.chars().count() > MAX {
        cut + "…"
    } else {
        cut
    }
}

fn clause_lines(s: &mut String, n: &Notice, c: &crate::model::Clause) {
    let _ = writeln!(
        s,
        "  {} ({}) {}{}",
        c.number,
        c.label,
        c.title,
        units(&c.responsible_units, &c.lead_units)
    );
    for item in &c.items {
        let indent = "  ".repeat(item.level as usize);
        let _ = writeln!(
            s,
            "     {indent}- {}{}",
            first_line(&item.text),
            units(&item.responsible_units, &item.lead_units)
        );
    }
    for a in n
        .amounts
        .iter()
        .filter(|a| a.clause == Some(c.number) && a.section == c.section)
    {
        let _ = writeln!(s, "       {}", amount_line(a));
    }
    for p in n
        .percentages
        .iter()
        .filter(|p| !p.is_point() && p.clause == Some(c.number) && p.section == c.section)
    {
        let _ = writeln!(s, "       {}", percentage_line(p));
    }
    for p in n
        .percentage_points
        .iter()
        .filter(|p| p.clause == Some(c.number) && p.section == c.section)
    {
        let _ = writeln!(s, "       {}", point_line(p));
    }
}

fn amount_line(a: &Amount) -> String {
    format!(
        "amount {} = {} {} {}",
        a.text,
        a.value,
        a.currency,
        a.bound.as_str()
    )
}

fn percentage_line(p: &Percentage) -> String {
    let unit = match p.unit {
        PercentageUnit::Percent => "%",
        PercentageUnit::Discount => "% (discount)",
        PercentageUnit::Tenths => "% (tenths)",
        PercentageUnit::Point => " points",
    };
    format!(
        "percent {} = {}{} {}",
        p.text,
        p.value,
        unit,
        p.bound.as_str()
    )
}

fn point_line(p: &PercentagePoint) -> String {
    format!("point {} = {} points {}", p.text, p.value, p.bound.as_str())
}
