//! The index page: every document of the run with its title, 文号, issuer,
//! date, status, counts and warnings, in a table sortable and filterable in
//! the page; totals on top (amounts by currency and bound) and a chart of
//! the sizes of the sums the run holds.
//!
//! A document the run failed on has a row too (status and error, no link),
//! and so does a record that could not be read for review. Issue 14 (change
//! tracking) adds an `amended` badge to the last column, beside warnings.

use std::collections::BTreeMap;

use super::figures::{self, bound_name, bound_symbol, BOUNDS};
use super::html::Html;
use crate::batch::{Report, Status};
use crate::model::{Bound, Notice};

/// One line of the index.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub id: String,
    pub title: Option<String>,
    pub doc_number: Option<String>,
    pub issuers: Vec<String>,
    /// `signed_date`, else the date of `published_at`.
    pub date: Option<String>,
    pub clauses: usize,
    pub amounts: usize,
    pub percentages: usize,
    pub percentage_points: usize,
    /// Warning codes of the record.
    pub warnings: Vec<String>,
    /// Disagreements between the record's spans and fields.
    pub problems: usize,
    /// The notice page, relative to the index.
    pub page: Option<String>,
    /// From the run's report.
    pub status: Option<Status>,
    /// Why there is no page: the report's error, or why the record could
    /// not be read (`code`, `message`).
    pub error: Option<(String, String)>,
    /// The input as the run was given it, or the record file.
    pub input: String,
    pub stale: bool,
}

impl Row {
    /// The row of a record that renders.
    pub fn of_notice(n: &Notice, page: String, problems: usize) -> Row {
        let date = n.signed_date.clone().or_else(|| {
            n.published_at
                .as_ref()
                .map(|p| p.chars().take(10).collect())
        });
        Row {
            id: n.id.clone(),
            title: n.title.clone(),
            doc_number: n.doc_number.clone(),
            issuers: n.issuers.clone(),
            date,
            clauses: n.clauses.len(),
            amounts: n.amounts.len(),
            percentages: n.percentages.iter().filter(|p| !p.is_point()).count(),
            percentage_points: n.percentage_points.len(),
            warnings: n.warnings.iter().map(|w| w.code.clone()).collect(),
            problems,
            page: Some(page),
            input: n.source.uri.clone(),
            ..Row::default()
        }
    }

    fn status_name(&self) -> &'static str {
        match (self.status, &self.error, &self.page) {
            (Some(s), _, _) => status_name(s),
            (None, Some(_), None) => "unreadable",
            _ => "",
        }
    }
}

fn status_name(s: Status) -> &'static str {
    match s {
        Status::Success => "success",
        Status::Partial => "partial",
        Status::Failure => "failure",
        Status::Unchanged => "unchanged",
        Status::Skipped => "skipped",
    }
}

/// Sizes of sums, by power of ten: the chart's rows.
const SIZE_BUCKETS: [(&str, f64); 6] = [
    ("< 1万", 1e4),
    ("1万–10万", 1e5),
    ("10万–100万", 1e6),
    ("100万–1000万", 1e7),
    ("1000万–1亿", 1e8),
    ("≥ 1亿", f64::INFINITY),
];

/// Figures of the whole run, summed notice by notice.
#[derive(Debug, Clone, Default)]
pub struct Totals {
    /// (currency, bound name) → (sum of values, count).
    pub amounts: BTreeMap<(String, &'static str), (f64, usize)>,
    /// (currency, size bucket, bound name) → count.
    pub sizes: BTreeMap<(String, usize, &'static str), usize>,
    /// bound name → count of percentages.
    pub percentages: BTreeMap<&'static str, usize>,
    /// bound name → count of percentage points.
    pub percentage_points: BTreeMap<&'static str, usize>,
}

impl Totals {
    pub fn add(&mut self, n: &Notice) {
        for a in &n.amounts {
            let e = self
                .amounts
                .entry((a.currency.clone(), bound_name(a.bound)))
                .or_default();
            e.0 += a.value;
            e.1 += 1;
            let bucket = SIZE_BUCKETS
                .iter()
                .position(|&(_, below)| a.value < below)
                .unwrap_or(SIZE_BUCKETS.len() - 1);
            *self
                .sizes
                .entry((a.currency.clone(), bucket, bound_name(a.bound)))
                .or_default() += 1;
        }
        for p in n.percentages.iter().filter(|p| !p.is_point()) {
            *self.percentages.entry(bound_name(p.bound)).or_default() += 1;
        }
        for p in &n.percentage_points {
            *self
                .percentage_points
                .entry(bound_name(p.bound))
                .or_default() += 1;
        }
    }

    /// Adds another notice's totals.
    pub fn merge(&mut self, other: Totals) {
        for (k, (sum, n)) in other.amounts {
            let e = self.amounts.entry(k).or_default();
            e.0 += sum;
            e.1 += n;
        }
        for (k, n) in other.sizes {
            *self.sizes.entry(k).or_default() += n;
        }
        for (k, n) in other.percentages {
            *self.percentages.entry(k).or_default() += n;
        }
        for (k, n) in other.percentage_points {
            *self.percentage_points.entry(k).or_default() += n;
        }
    }

    /// Currencies, most amounts first.
    fn currencies(&self) -> Vec<&str> {
        let mut by: BTreeMap<&str, usize> = BTreeMap::new();
        for ((c, _), (_, n)) in &self.amounts {
            *by.entry(c.as_str()).or_default() += n;
        }
        let mut v: Vec<(&str, usize)> = by.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v.into_iter().map(|(c, _)| c).collect()
    }
}

/// Renders the index page; `heading` names what was reviewed.
pub fn index_page(heading: &str, rows: &[Row], totals: &Totals, report: Option<&Report>) -> String {
    let mut h = Html::new();
    super::page_head(
        &mut h,
        &format!("{heading} · notice-extract review"),
        Some(super::INDEX_JS),
    );
    h.raw("<body class=\"index\">\n<header class=\"bar\"><span class=\"brand\">notice-extract review</span>")
        .element("span", &[("class", Some("id mono"))], heading)
        .raw("</header>\n<main>\n");
    h.element("h1", &[], heading);
    cards(&mut h, rows, report);
    h.raw("<div class=\"summary\">\n<section>\n");
    amount_table(&mut h, totals);
    percentage_table(&mut h, totals);
    h.raw("</section>\n<section>\n");
    chart(&mut h, totals);
    h.raw("</section>\n</div>\n");
    table(&mut h, rows);
    h.raw("</main>\n");
    super::page_script(&mut h, super::INDEX_JS);
    h.raw("</body>\n</html>\n");
    h.into_string()
}

fn cards(h: &mut Html, rows: &[Row], report: Option<&Report>) {
    let sum = |f: fn(&Row) -> usize| {
        rows.iter()
            .filter(|r| r.page.is_some())
            .map(f)
            .sum::<usize>()
    };
    let pages = rows.iter().filter(|r| r.page.is_some()).count();
    let card = |h: &mut Html, n: usize, what: &str| {
        h.raw("<div class=\"card\"><b>")
            .text(&figures::group_digits(n as f64))
            .raw("</b><span>")
            .text(what)
            .raw("</span></div>");
    };
    h.raw("<div class=\"cards\">");
    card(h, pages, "notices shown");
    if let Some(r) = report {
        let t = &r.totals;
        card(h, t.documents, "documents in the run");
        for (n, what) in [
            (t.success, "success"),
            (t.partial, "partial"),
            (t.unchanged, "unchanged"),
            (t.failure, "failure"),
            (t.skipped, "skipped"),
        ] {
            if n > 0 || what == "failure" {
                card(h, n, what);
            }
        }
    }
    let unreadable = rows
        .iter()
        .filter(|r| r.status_name() == "unreadable")
        .count();
    if unreadable > 0 {
        card(h, unreadable, "unreadable records");
    }
    card(h, sum(|r| r.clauses), "clauses");
    card(h, sum(|r| r.amounts), "amounts");
    card(h, sum(|r| r.percentages), "percentages");
    card(h, sum(|r| r.percentage_points), "percentage points");
    card(
        h,
        sum(|r| usize::from(!r.warnings.is_empty())),
        "notices with warnings",
    );
    h.raw("</div>\n");
}

fn amount_table(h: &mut Html, t: &Totals) {
    h.raw("<h2>Amounts by currency and bound</h2>\n");
    let currencies = t.currencies();
    if currencies.is_empty() {
        h.raw("<p class=\"none\">no amounts</p>\n");
        return;
    }
    h.raw("<table>\n<thead><tr><th>currency</th>");
    for b in BOUNDS {
        let class = format!("fig b-{}", bound_name(b));
        h.raw("<th class=\"num\">")
            .element("mark", &[("class", Some(&class))], bound_name(b))
            .raw("</th>");
    }
    h.raw("</tr></thead>\n<tbody>\n");
    for c in currencies {
        h.raw("<tr>").element("th", &[], c);
        for b in BOUNDS {
            h.raw("<td class=\"num\">");
            match t.amounts.get(&(c.to_string(), bound_name(b))) {
                Some(&(sum, n)) => {
                    let title = format!("{n} amounts, {} {c} in all", figures::group_digits(sum));
                    h.open("span", &[("title", Some(&title))])
                        .text(&figures::money(sum, ""))
                        .close("span")
                        .raw("<br><small>")
                        .text(&figures::count(n, "amount"))
                        .raw("</small>");
                }
                None => {
                    h.raw("<span class=\"none\">–</span>");
                }
            }
            h.raw("</td>");
        }
        h.raw("</tr>\n");
    }
    h.raw("</tbody>\n</table>\n<p class=\"sub\"><small>Sums of the values as read; a cap (max) \
           is a most, not money spent. The same notice in several renderings counts each time.</small></p>\n");
}

/// Percentages and percentage points by bound, a row each: a point is no
/// percentage, so they are counted apart.
fn percentage_table(h: &mut Html, t: &Totals) {
    h.raw("<h2>Percentages and percentage points by bound</h2>\n<table>\n<thead><tr><th></th>");
    for b in BOUNDS {
        let class = format!("fig pct b-{}", bound_name(b));
        h.raw("<th class=\"num\">")
            .element("mark", &[("class", Some(&class))], bound_name(b))
            .raw("</th>");
    }
    h.raw("</tr></thead>\n<tbody>\n");
    for (what, counts) in [
        ("percentages", &t.percentages),
        ("percentage points", &t.percentage_points),
    ] {
        h.raw("<tr>").element("th", &[], what);
        for b in BOUNDS {
            h.raw("<td class=\"num\">")
                .display(counts.get(bound_name(b)).copied().unwrap_or(0))
                .raw("</td>");
        }
        h.raw("</tr>\n");
    }
    h.raw("</tbody>\n</table>\n");
}

/// Chart geometry, in SVG user units.
const CHART_WIDTH: f64 = 480.0;
const LABEL_WIDTH: f64 = 96.0;
const ROW_HEIGHT: f64 = 20.0;

/// Horizontal bars: how many sums of each size (power of ten), stacked by
/// bound, one block per currency. Bounds differ by fill pattern and symbol
/// as well as colour.
fn chart(h: &mut Html, t: &Totals) {
    h.raw("<h2>Sizes of the sums</h2>\n");
    let currencies = t.currencies();
    if currencies.is_empty() {
        h.raw("<p class=\"none\">no amounts</p>\n");
        return;
    }
    let bucket_total = |c: &str, b: usize| -> usize {
        BOUNDS
            .iter()
            .map(|&bd| {
                t.sizes
                    .get(&(c.to_string(), b, bound_name(bd)))
                    .copied()
                    .unwrap_or(0)
            })
            .sum()
    };
    let bucket_total = &bucket_total;
    let max = currencies
        .iter()
        .flat_map(|c| (0..SIZE_BUCKETS.len()).map(move |b| bucket_total(c, b)))
        .max()
        .unwrap_or(0);
    // Per currency, sizes from the smallest to the largest it has.
    let sizes = |c: &str| {
        let mut used = (0..SIZE_BUCKETS.len()).filter(|&b| bucket_total(c, b) > 0);
        let lo = used.next().unwrap_or(0);
        lo..=used.next_back().unwrap_or(lo)
    };
    let rows = 1 + currencies
        .iter()
        .map(|c| 1 + sizes(c).count())
        .sum::<usize>();
    let height = rows as f64 * ROW_HEIGHT + 8.0;
    let scale = (CHART_WIDTH - LABEL_WIDTH - 40.0) / max.max(1) as f64;
    let view = format!("0 0 {CHART_WIDTH} {height}");
    let (w, hh) = (CHART_WIDTH.to_string(), height.to_string());
    h.open(
        "svg",
        &[
            ("xmlns", Some("http://www.w3.org/2000/svg")),
            ("viewBox", Some(&view)),
            ("width", Some(&w)),
            ("height", Some(&hh)),
            ("role", Some("img")),
            ("aria-labelledby", Some("chart-title")),
        ],
    );
    h.raw(
        "<title id=\"chart-title\">Number of amounts by size and bound, per currency</title>\
         <defs>\
         <pattern id=\"pat-min\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">\
         <rect width=\"6\" height=\"6\" fill=\"#dbeafe\"/><rect width=\"2.5\" height=\"6\" fill=\"#1d4ed8\"/></pattern>\
         <pattern id=\"pat-approx\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\">\
         <rect width=\"5\" height=\"5\" fill=\"#fdf0c2\"/><circle cx=\"2.5\" cy=\"2.5\" r=\"1.3\" fill=\"#a15c00\"/></pattern>\
         </defs>",
    );
    // Legend row.
    let mut x = 0.0;
    for b in BOUNDS {
        let label = format!("{} {}", bound_symbol(b), bound_name(b));
        bar_rect(h, x, 4.0, 12.0, b, None);
        text_at(h, x + 16.0, 14.0, false, &label);
        x += 80.0;
    }
    let mut y = ROW_HEIGHT + 4.0;
    for c in currencies {
        let head = format!("{c}: number of amounts by value");
        text_at(h, 0.0, y + 13.0, true, &head);
        y += ROW_HEIGHT;
        for bi in sizes(c) {
            let label = SIZE_BUCKETS[bi].0;
            text_at(h, 0.0, y + 13.0, false, label);
            let mut x = LABEL_WIDTH;
            let mut total = 0;
            for b in BOUNDS {
                let n = t
                    .sizes
                    .get(&(c.to_string(), bi, bound_name(b)))
                    .copied()
                    .unwrap_or(0);
                if n == 0 {
                    continue;
                }
                let w = n as f64 * scale;
                let tip = format!("{label} {c}: {n} {} ({})", bound_name(b), bound_symbol(b));
                bar_rect(h, x, y + 3.0, w, b, Some(&tip));
                x += w;
                total += n;
            }
            if total > 0 {
                text_at(h, x + 4.0, y + 13.0, false, &total.to_string());
            }
            y += ROW_HEIGHT;
        }
    }
    h.raw("</svg>\n");
}

fn bar_rect(h: &mut Html, x: f64, y: f64, w: f64, b: Bound, tip: Option<&str>) {
    let (fill, stroke) = match b {
        Bound::Max => ("#c62828", "#c62828"),
        Bound::Min => ("url(#pat-min)", "#1d4ed8"),
        Bound::Approx => ("url(#pat-approx)", "#a15c00"),
        Bound::Exact => ("#e3f1df", "#2e7d32"),
    };
    let (x, y, w) = (format!("{x:.1}"), format!("{y:.1}"), format!("{w:.1}"));
    h.open(
        "rect",
        &[
            ("x", Some(&x)),
            ("y", Some(&y)),
            ("width", Some(&w)),
            ("height", Some("14")),
            ("fill", Some(fill)),
            ("stroke", Some(stroke)),
        ],
    );
    if let Some(t) = tip {
        h.element("title", &[], t);
    }
    h.close("rect");
}

fn text_at(h: &mut Html, x: f64, y: f64, bold: bool, s: &str) {
    let (x, y) = (format!("{x:.1}"), format!("{y:.1}"));
    let weight = bold.then_some("bold");
    h.element(
        "text",
        &[("x", Some(&x)), ("y", Some(&y)), ("font-weight", weight)],
        s,
    );
}

fn table(h: &mut Html, rows: &[Row]) {
    h.raw("<h2 id=\"list\">Notices</h2>\n<div class=\"filters\">\
           <label>Filter <input type=\"search\" id=\"q\" placeholder=\"title, 文号, issuer, id…\"></label>\
           <label>Status <select id=\"status\"><option value=\"\">any</option>");
    let mut statuses: Vec<&str> = rows
        .iter()
        .map(Row::status_name)
        .filter(|s| !s.is_empty())
        .collect();
    statuses.sort_unstable();
    statuses.dedup();
    for s in statuses {
        h.element("option", &[("value", Some(s))], s);
    }
    h.raw(
        "</select></label>\
           <label><input type=\"checkbox\" id=\"warned\"> with warnings or errors only</label>\
           <span>showing <output id=\"shown\">",
    )
    .display(rows.len())
    .raw("</output></span></div>\n");
    h.raw(
        "<table id=\"notices\">\n<thead><tr>\
         <th data-key=\"title\" aria-sort=\"none\"><button type=\"button\">title</button></th>\
         <th data-key=\"doc_number\" aria-sort=\"none\"><button type=\"button\">文号</button></th>\
         <th data-key=\"issuer\" aria-sort=\"none\"><button type=\"button\">issuer</button></th>\
         <th data-key=\"date\" aria-sort=\"none\"><button type=\"button\">date</button></th>\
         <th data-key=\"status\" aria-sort=\"none\"><button type=\"button\">status</button></th>\
         <th data-key=\"clauses\" data-type=\"num\" class=\"num\" aria-sort=\"none\"><button type=\"button\">clauses</button></th>\
         <th data-key=\"amounts\" data-type=\"num\" class=\"num\" aria-sort=\"none\"><button type=\"button\">amounts</button></th>\
         <th data-key=\"percentages\" data-type=\"num\" class=\"num\" aria-sort=\"none\"><button type=\"button\">%</button></th>\
         <th data-key=\"percentage_points\" data-type=\"num\" class=\"num\" aria-sort=\"none\"><button type=\"button\" title=\"percentage points\">pts</button></th>\
         <th data-key=\"warnings\" data-type=\"num\" aria-sort=\"none\"><button type=\"button\">warnings, errors</button></th>\
         </tr></thead>\n<tbody>\n",
    );
    for r in rows {
        row(h, r);
    }
    h.raw("</tbody>\n</table>\n");
}

fn row(h: &mut Html, r: &Row) {
    let status = r.status_name();
    let flagged = !r.warnings.is_empty() || r.error.is_some() || r.problems > 0 || r.stale;
    let class = r.page.is_none().then_some("failed");
    h.open(
        "tr",
        &[
            ("id", Some(&format!("row-{}", r.id))),
            ("class", class),
            ("data-status", Some(status)),
            ("data-warned", flagged.then_some("")),
        ],
    );
    // Title, with the id and input below it.
    let title_key = r.title.clone().unwrap_or_default();
    h.open("td", &[("data-v", Some(&title_key))]);
    let shown = match (&r.title, &r.page) {
        (Some(t), _) => t.as_str(),
        (None, Some(_)) => "(no title found)",
        (None, None) => "(no record)",
    };
    match &r.page {
        Some(p) => h.element("a", &[("href", Some(p))], shown),
        None => h.text(shown),
    };
    h.raw("<br><small class=\"mono\">")
        .text(&r.id)
        .raw("</small> <small>")
        .text(&r.input)
        .raw("</small></td>");
    h.element("td", &[], r.doc_number.as_deref().unwrap_or(""));
    h.element("td", &[], &r.issuers.join("、"));
    h.element(
        "td",
        &[("class", Some("mono date"))],
        r.date.as_deref().unwrap_or(""),
    );
    let status_class = format!("status {status}");
    h.raw("<td>")
        .element(
            "span",
            &[("class", Some(&status_class))],
            if status.is_empty() { "–" } else { status },
        )
        .raw("</td>");
    for n in [r.clauses, r.amounts, r.percentages, r.percentage_points] {
        match r.page {
            Some(_) => h.raw("<td class=\"num\">").display(n).raw("</td>"),
            // No record, nothing counted: sorts below every count.
            None => h.raw("<td class=\"num\" data-v=\"-1\">–</td>"),
        };
    }
    let weight =
        r.warnings.len() + r.problems + usize::from(r.error.is_some()) + usize::from(r.stale);
    h.open("td", &[("data-v", Some(&weight.to_string()))]);
    if let Some((code, message)) = &r.error {
        h.element(
            "span",
            &[("class", Some("badge bad")), ("title", Some(message))],
            code,
        );
    }
    if r.stale {
        h.element(
            "span",
            &[
                ("class", Some("badge bad")),
                (
                    "title",
                    Some("the last run failed; this record is from an earlier run"),
                ),
            ],
            "stale_record",
        );
    }
    if r.problems > 0 {
        let t = format!("{} record problems", r.problems);
        h.element(
            "span",
            &[
                ("class", Some("badge bad")),
                (
                    "title",
                    Some("spans and fields of the record disagree: see its page"),
                ),
            ],
            &t,
        );
    }
    for w in &r.warnings {
        h.element("span", &[("class", Some("badge"))], w);
    }
    h.raw("</td></tr>\n");
}
