//! The readable summary of changes (`diff --format text`): one block per
//! notice, one line per change, figures before → after, changed words in
//! their context. Colour is the caller's choice (the binary turns it on only
//! for a terminal without `NO_COLOR`); without it, changed words are marked
//! `[-old-]{+new+}` as `wdiff` does.
//!
//! ```text
//! binjiang-2025-f49d01eb42d1
//!   + clause (四) [section 1] 推動概念驗證中心建設
//!       amount 300000 CNY max
//!   ~ clause (五)→(六) [section 1] 加速科技成果向新質生產力的有效轉化
//!       amount 500000 CNY max → 1000000 CNY max
//!       text 年最高額度不超過[-50-]{+100+}萬元。(責任單位
//!   > clause (三)→(十六) moved: section 1 → 2 深化環大科學裝置創新生態圈建設
//! ```

use std::fmt::Write;

use serde_json::Value;

use crate::model::{Amount, Percentage, PercentagePoint};

use super::change::{
    Amendments, Change, ClauseSide, Kind, ListChange, Op, Pair, SectionSide, Side, TextOp,
};

/// Colours (ANSI) or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color && !s.is_empty() {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn removed(&self, s: &str) -> String {
        self.paint("31", s)
    }
    fn added(&self, s: &str) -> String {
        self.paint("32", s)
    }
    fn moved(&self, s: &str) -> String {
        self.paint("33", s)
    }
    fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
    fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }
}

/// The changes of one notice (all with the same id) as a block of lines.
pub fn render_notice(changes: &[Change], style: Style) -> String {
    let mut out = String::new();
    let Some(first) = changes.first() else {
        return out;
    };
    let _ = writeln!(out, "{}", style.bold(&first.id));
    for c in changes {
        render_change(&mut out, c, style);
    }
    out
}

fn render_change(out: &mut String, c: &Change, st: Style) {
    let mark = |k: Kind| match k {
        Kind::NoticeAdded | Kind::SectionAdded | Kind::ClauseAdded => st.added("+"),
        Kind::NoticeRemoved | Kind::SectionRemoved | Kind::ClauseRemoved => st.removed("-"),
        Kind::SectionMoved | Kind::ClauseMoved => st.moved(">"),
        Kind::Source | Kind::Warnings => st.dim("·"),
        _ if !c.substance => st.dim("·"),
        _ => "~".to_string(),
    };
    let head = match (c.kind, &c.old, &c.new) {
        (Kind::NoticeAdded, _, Some(Side::Notice(n)))
        | (Kind::NoticeRemoved, Some(Side::Notice(n)), _) => format!(
            "notice {} {}",
            n.doc_number.as_deref().unwrap_or("(no 文號)"),
            n.title.as_deref().unwrap_or("(no title)")
        ),
        (Kind::Source, Some(Side::Source(a)), Some(Side::Source(b))) => {
            let side = |s: &super::change::SourceSide| {
                format!(
                    "{} ({}, {} bytes, sha256 {})",
                    s.source.uri,
                    s.source.media_type,
                    s.source.bytes,
                    s.source.sha256.get(..12).unwrap_or(&s.source.sha256)
                )
            };
            format!("source {} → {}", side(a), side(b))
        }
        (Kind::Field, Some(Side::Value(a)), Some(Side::Value(b))) => format!(
            "{} {} → {}",
            c.field.as_deref().unwrap_or("field"),
            st.removed(&value(a)),
            st.added(&value(b))
        ),
        (
            Kind::SectionAdded | Kind::SectionRemoved | Kind::SectionMoved | Kind::SectionAmended,
            o,
            n,
        ) => section_head(c.kind, section(o), section(n)),
        (
            Kind::ClauseAdded | Kind::ClauseRemoved | Kind::ClauseMoved | Kind::ClauseAmended,
            o,
            n,
        ) => clause_head(c.kind, clause(o), clause(n)),
        (Kind::PreambleAmended, ..) => "preamble (text before the first section)".to_string(),
        (Kind::ClosingAmended, ..) => "closing (text after the last section)".to_string(),
        (Kind::Warnings, ..) => "warnings".to_string(),
        (k, ..) => k.as_str().to_string(),
    };
    let _ = writeln!(out, "  {} {}", mark(c.kind), head);
    let detail = |out: &mut String, s: String| {
        let _ = writeln!(out, "      {s}");
    };
    // An added or removed part: its figures.
    if matches!(
        c.kind,
        Kind::SectionAdded | Kind::ClauseAdded | Kind::SectionRemoved | Kind::ClauseRemoved
    ) {
        let (amounts, percentages, points) = figures_of(c.old.as_ref().or(c.new.as_ref()));
        for a in amounts {
            detail(out, format!("amount {}", amount(a)));
        }
        for p in percentages {
            detail(out, format!("percentage {}", percentage(p)));
        }
        for p in points {
            detail(out, format!("point {}", point(p)));
        }
        return;
    }
    amendments(
        out,
        &c.changes,
        st,
        c.kind == Kind::Field || c.kind == Kind::Warnings,
    );
}

fn amendments(out: &mut String, a: &Amendments, st: Style, list_only: bool) {
    let mut line = |s: String| {
        let _ = writeln!(out, "      {s}");
    };
    if list_only {
        for (sign, v, paint) in [
            ("+", &a.added, Style::added as fn(&Style, &str) -> String),
            ("-", &a.removed, Style::removed),
        ] {
            if let Some(Value::Array(items)) = v {
                for i in items {
                    let s = match i {
                        // A warning (code, message) or an attachment (text, url).
                        Value::Object(w) if w.contains_key("code") => {
                            format!("{}: {}", value(&w["code"]), value(&w["message"]))
                        }
                        Value::Object(w) if w.contains_key("url") => {
                            format!("{} <{}>", value(&w["text"]), value(&w["url"]))
                        }
                        // A table row: its cells.
                        Value::Array(cells) => {
                            cells.iter().map(value).collect::<Vec<_>>().join(" | ")
                        }
                        other => value(other),
                    };
                    line(format!("{} {}", paint(&st, sign), s));
                }
            }
        }
        return;
    }
    if let Some(t) = &a.title {
        line(format!(
            "title {} → {}",
            st.removed(&t.old),
            st.added(&t.new)
        ));
    }
    for (name, l) in [
        ("lead_units", &a.lead_units),
        ("responsible_units", &a.responsible_units),
    ] {
        if let Some(l) = l {
            line(format!("{name} {}", list(l, st)));
        }
    }
    for p in &a.amounts {
        line(format!("amount {}", pair(p, amount, st)));
    }
    for p in &a.percentages {
        line(format!("percentage {}", pair(p, percentage, st)));
    }
    for p in &a.percentage_points {
        line(format!("point {}", pair(p, point, st)));
    }
    for op in &a.text {
        line(format!("text {}", text_op(op, st)));
    }
}

fn section(s: &Option<Side>) -> Option<&SectionSide> {
    match s {
        Some(Side::Section(x)) => Some(x),
        _ => None,
    }
}

fn clause(s: &Option<Side>) -> Option<&ClauseSide> {
    match s {
        Some(Side::Clause(x)) => Some(x),
        _ => None,
    }
}

/// The amounts, percentages and percentage points of one side.
type Figures<'a> = (&'a [Amount], &'a [Percentage], &'a [PercentagePoint]);

fn figures_of(s: Option<&Side>) -> Figures<'_> {
    match s {
        Some(Side::Clause(c)) => (&c.amounts, &c.percentages, &c.percentage_points),
        Some(Side::Section(c)) => (&c.amounts, &c.percentages, &c.percentage_points),
        Some(Side::Region(c)) => (&c.amounts, &c.percentages, &c.percentage_points),
        _ => (&[], &[], &[]),
    }
}

fn section_head(kind: Kind, o: Option<&SectionSide>, n: Option<&SectionSide>) -> String {
    let label = match (o, n) {
        (Some(a), Some(b)) if a.label != b.label => format!("{}→{}", a.label, b.label),
        (Some(a), _) | (None, Some(a)) => a.label.clone(),
        (None, None) => String::new(),
    };
    let title = n.or(o).map_or("", |s| s.title.as_str());
    let moved = match (kind, o, n) {
        (Kind::SectionMoved, Some(a), Some(b)) => format!(" moved: {} → {}", a.number, b.number),
        _ => String::new(),
    };
    format!("section {label}、{title}{moved}")
}

fn clause_head(kind: Kind, o: Option<&ClauseSide>, n: Option<&ClauseSide>) -> String {
    let label = match (o, n) {
        (Some(a), Some(b)) if a.label != b.label => format!("({})→({})", a.label, b.label),
        (Some(a), _) | (None, Some(a)) => format!("({})", a.label),
        (None, None) => String::new(),
    };
    let sec = |s: Option<u32>| s.map_or("none".to_string(), |s| s.to_string());
    let place = match (kind, o, n) {
        (Kind::ClauseMoved, Some(a), Some(b)) if a.section != b.section => {
            format!(" moved: section {} → {}", sec(a.section), sec(b.section))
        }
        (Kind::ClauseMoved, ..) => " moved within its section".to_string(),
        (_, _, Some(c)) | (_, Some(c), None) => format!(" [section {}]", sec(c.section)),
        _ => String::new(),
    };
    let title = n.or(o).map_or("", |c| c.title.as_str());
    format!("clause {label}{place} {title}")
}

fn value(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().map(value).collect::<Vec<_>>().join("、"),
        other => other.to_string(),
    }
}

fn list(l: &ListChange, st: Style) -> String {
    if l.added.is_empty() && l.removed.is_empty() {
        return format!("reordered: {} → {}", l.old.join("、"), l.new.join("、"));
    }
    let mut parts: Vec<String> = l.added.iter().map(|u| st.added(&format!("+{u}"))).collect();
    parts.extend(l.removed.iter().map(|u| st.removed(&format!("-{u}"))));
    parts.join(" ")
}

fn pair<T>(p: &Pair<Option<T>>, show: fn(&T) -> String, st: Style) -> String {
    match (&p.old, &p.new) {
        (Some(a), Some(b)) => format!("{} → {}", st.removed(&show(a)), st.added(&show(b))),
        (Some(a), None) => format!("{} (removed)", st.removed(&show(a))),
        (None, Some(b)) => format!("{} (added)", st.added(&show(b))),
        (None, None) => String::new(),
    }
}

/// `500000 CNY max`, the figure as the record states it.
fn amount(a: &Amount) -> String {
    format!("{} {} {}", a.value, a.currency, a.bound.as_str())
}

fn percentage(p: &Percentage) -> String {
    format!("{} {} {}", p.value, p.unit.as_str(), p.bound.as_str())
}

/// `3 points max` (a percentage point has no unit field: points are its
/// one unit).
fn point(p: &PercentagePoint) -> String {
    format!("{} points {}", p.value, p.bound.as_str())
}

/// One hunk on one line: its words in context, a paragraph break as `⏎`.
fn text_op(op: &TextOp, st: Style) -> String {
    let one_line = |s: &str| s.replace('\n', "⏎");
    let (o, n) = (one_line(&op.old), one_line(&op.new));
    let (old, new) = if st.color {
        (st.removed(&o), st.added(&n))
    } else {
        (
            if o.is_empty() {
                String::new()
            } else {
                format!("[-{o}-]")
            },
            if n.is_empty() {
                String::new()
            } else {
                format!("{{+{n}+}}")
            },
        )
    };
    let body = match op.op {
        Op::Insert => new,
        Op::Delete => old,
        Op::Replace => format!("{old}{new}"),
    };
    format!("{}{}{}", st.dim(&op.before), body, st.dim(&op.after))
}
