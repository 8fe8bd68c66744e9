//! The text of a notice with every section, clause, paragraph, figure
//! and unit marked on it (see the module doc of [`super`] for the markup),
//! the legend above it, and the label rows (`data-chrome`) that the page
//! adds above each section and clause. The marks are laid out by
//! [`marks::layer`]; this file decides what each one is and how it opens.

use std::collections::HashSet;

use super::tables::{Figure, FigureRow};
use super::View;
use crate::model::Span;
use crate::review::figures::{
    self, bound_meaning, bound_name, bound_short, bound_symbol, percent_unit, BOUNDS,
};
use crate::review::html::Html;
use crate::review::marks::{self, Event, Layer, Mark};

/// What each mark of the text stands for.
enum Target {
    Section(usize),
    Clause(usize),
    Paragraph { heading: bool },
    Amount(usize),
    Percentage(usize),
    Point(usize),
    Unit { lead: bool, of: String },
}

impl Target {
    fn tag(&self) -> &'static str {
        match self {
            Target::Section(_) | Target::Clause(_) => "div",
            Target::Paragraph { .. } => "p",
            Target::Amount(_) | Target::Percentage(_) | Target::Point(_) => "mark",
            Target::Unit { .. } => "span",
        }
    }
}

impl View<'_> {
    /// A strip above the text, kept in view while it scrolls: what each
    /// colour, symbol, line and shape means.
    fn legend(&self, h: &mut Html) {
        h.raw("<div class=\"legend\" role=\"note\" aria-label=\"Legend\">");
        for b in BOUNDS {
            let class = format!("fig amt b-{}", bound_name(b));
            let title = format!("{}: {}", bound_name(b), bound_meaning(b));
            h.open("span", &[("title", Some(&title))])
                .element("mark", &[("class", Some(&class))], "100万元")
                .raw(" ")
                .element("b", &[], bound_name(b))
                .raw(" ")
                .text(bound_short(b))
                .close("span");
        }
        h.raw(
            "<span><mark class=\"fig pct b-max\">50%</mark> percentages, \
             <mark class=\"fig pct pts b-exact\">3个百分点</mark> percentage points: ringed pills</span>\
             <span><span class=\"unit resp\">科技局</span> responsible unit (责任单位)</span>\
             <span><span class=\"unit lead\">科技局</span> lead unit (牵头)</span>\
             <span><span class=\"chip\">(一)</span> clause: grey bar; section: blue rule</span>\
             <span class=\"none\">hover a figure: value, bound, place</span></div>",
        );
    }

    /// The marks of the text and what each stands for.
    fn marks(&self) -> (Vec<Mark>, Vec<Target>) {
        let n = self.n;
        let mut marks = Vec::new();
        let mut targets = Vec::new();
        let mut add = |layer, span: Span, t| {
            marks.push(Mark {
                layer,
                start: span[0],
                end: span[1],
            });
            targets.push(t);
        };
        let section_starts: HashSet<usize> = n
            .sections
            .iter()
            .filter(|s| self.fits(s.span))
            .map(|s| s.span[0])
            .collect();
        for p in marks::paragraphs(&n.text) {
            let heading = section_starts.contains(&p.start);
            add(
                Layer::Paragraph,
                [p.start, p.end],
                Target::Paragraph { heading },
            );
        }
        for (i, s) in n
            .sections
            .iter()
            .enumerate()
            .filter(|(_, s)| self.fits(s.span))
        {
            add(Layer::Section, s.span, Target::Section(i));
            // Lead units are stated on the heading line.
            for (span, _) in self.find_units(self.heading_line(s.span), &s.lead_units) {
                let of = format!("lead unit (牵头) of section {}", s.label);
                add(Layer::Unit, span, Target::Unit { lead: true, of });
            }
        }
        for (i, c) in n
            .clauses
            .iter()
            .enumerate()
            .filter(|(_, c)| self.fits(c.span))
        {
            add(Layer::Clause, c.span, Target::Clause(i));
            for (span, u) in self.find_units(c.span, &c.responsible_units) {
                let lead = c.lead_units.contains(&c.responsible_units[u]);
                let of = if lead {
                    format!("lead unit (牵头) of clause ({})", c.label)
                } else {
                    format!("responsible unit (责任单位) of clause ({})", c.label)
                };
                add(Layer::Unit, span, Target::Unit { lead, of });
            }
        }
        for (i, a) in n
            .amounts
            .iter()
            .enumerate()
            .filter(|(_, a)| self.fits(a.span))
        {
            add(Layer::Figure, a.span, Target::Amount(i));
        }
        // A point is marked once, as a point.
        for (i, p) in n
            .percentages
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.is_point() && self.fits(p.span))
        {
            add(Layer::Figure, p.span, Target::Percentage(i));
        }
        for (i, p) in n
            .percentage_points
            .iter()
            .enumerate()
            .filter(|(_, p)| self.fits(p.span))
        {
            add(Layer::Figure, p.span, Target::Point(i));
        }
        (marks, targets)
    }

    /// Where the text at `within` names each unit verbatim: longest names
    /// first, occurrences not overlapping one already taken. Returns the
    /// spans and the unit's index.
    fn find_units(&self, within: Span, units: &[String]) -> Vec<(Span, usize)> {
        let Some(hay) = self.slice_cp(within) else {
            return Vec::new();
        };
        let mut order: Vec<usize> = (0..units.len()).filter(|&u| !units[u].is_empty()).collect();
        order.sort_by_key(|&u| std::cmp::Reverse(units[u].chars().count()));
        let mut taken: Vec<(Span, usize)> = Vec::new();
        for u in order {
            let name = &units[u];
            let width = name.chars().count();
            let (mut cp, mut last) = (within[0], 0);
            for (b, _) in hay.match_indices(name.as_str()) {
                cp += hay[last..b].chars().count();
                last = b;
                let span = [cp, cp + width];
                if !taken.iter().any(|(t, _)| t[0] < span[1] && span[0] < t[1]) {
                    taken.push((span, u));
                }
            }
        }
        taken.sort_by_key(|(s, _)| s[0]);
        taken
    }

    /// The first line of a section that fits the text: its heading.
    fn heading_line(&self, s: Span) -> Span {
        let head = self.slice_cp(s).unwrap_or_default();
        [
            s[0],
            s[0] + head.split('\n').next().unwrap_or_default().chars().count(),
        ]
    }

    pub(super) fn document(&self, h: &mut Html) {
        let n = self.n;
        let (marks, targets) = self.marks();
        // Nothing but the record's text inside div.doc: its
        // text content (less `data-chrome`) is `n.text`.
        h.raw("\n<h2 id=\"text\">Text</h2>\n");
        self.legend(h);
        h.raw("\n<div class=\"doc\" lang=\"zh\">");
        for e in marks::layer(&n.text, &marks) {
            match e {
                Event::Open { mark, first } => self.open(h, &targets[mark], first),
                Event::Close { mark } => {
                    h.close(targets[mark].tag());
                }
                Event::Text { start, end } => {
                    h.text(&n.text[start..end]);
                }
            }
        }
        h.raw("</div>\n");
    }

    fn open(&self, h: &mut Html, t: &Target, first: bool) {
        let n = self.n;
        let cont = if first { "" } else { " cont" };
        match *t {
            Target::Section(i) => {
                let s = &n.sections[i];
                if first {
                    self.section_chrome(h, i);
                }
                let id = first.then(|| format!("s{}", i + 1));
                h.open(
                    "div",
                    &[
                        ("class", Some(&format!("sec{cont}"))),
                        ("id", id.as_deref()),
                        ("data-ref", Some(&format!("/sections/{i}"))),
                        ("data-label", Some(&s.label)),
                    ],
                );
            }
            Target::Clause(i) => {
                if first {
                    self.clause_chrome(h, i);
                }
                let id = first.then(|| format!("c{}", i + 1));
                h.open(
                    "div",
                    &[
                        ("class", Some(&format!("clause{cont}"))),
                        ("id", id.as_deref()),
                        ("data-ref", Some(&format!("/clauses/{i}"))),
                    ],
                );
            }
            Target::Paragraph { heading } => {
                let class = match (heading && first, first) {
                    (true, _) => Some("h"),
                    (false, false) => Some("cont"),
                    (false, true) => None,
                };
                h.open("p", &[("class", class)]);
            }
            Target::Amount(i) => {
                let a = &n.amounts[i];
                let value = figures::amount_value(a);
                let fig = a.row(&value);
                self.figure_mark(h, &fig, ("amt", "a", "amounts"), i, first);
            }
            Target::Percentage(i) => {
                let p = &n.percentages[i];
                let value = format!(
                    "{} ({})",
                    figures::percentage_value(p),
                    percent_unit(p.unit).0
                );
                let fig = p.row(&value);
                self.figure_mark(h, &fig, ("pct", "p", "percentages"), i, first);
            }
            Target::Point(i) => {
                let p = &n.percentage_points[i];
                let value = figures::point_value(p);
                let fig = p.row(&value);
                let kind = ("pct pts", "pp", "percentage_points");
                self.figure_mark(h, &fig, kind, i, first);
            }
            Target::Unit { lead, ref of } => {
                let class = if lead { "unit lead" } else { "unit resp" };
                h.open("span", &[("class", Some(class)), ("title", Some(of))]);
            }
        }
    }

    /// Opens the mark of figure `i` of a record's array: `kind` is its CSS
    /// class, its id's prefix and the array's JSON name; the tip says what
    /// the figure was read as, its bound and where it stands.
    fn figure_mark(
        &self,
        h: &mut Html,
        fig: &FigureRow<'_>,
        (class, id_prefix, array): (&str, &str, &str),
        i: usize,
        first: bool,
    ) {
        let cont = if first { "" } else { " cont" };
        let tip = format!(
            "{} → {} · {} {}: {} · {} · span [{}, {})",
            fig.text,
            fig.value,
            bound_symbol(fig.bound),
            bound_name(fig.bound),
            bound_meaning(fig.bound),
            self.place(fig.section, fig.clause),
            fig.span[0],
            fig.span[1]
        );
        let id = first.then(|| format!("{id_prefix}{}", i + 1));
        h.open(
            "mark",
            &[
                (
                    "class",
                    Some(&format!("fig {class} b-{}{cont}", bound_name(fig.bound))),
                ),
                ("id", id.as_deref()),
                ("data-ref", Some(&format!("/{array}/{i}"))),
                ("title", Some(&tip)),
            ],
        );
    }

    /// The label row above a section: number, clause count, lead units
    /// (flagged when its heading line does not name them).
    fn section_chrome(&self, h: &mut Html, i: usize) {
        let s = &self.n.sections[i];
        let href = format!("#s{}", i + 1);
        let clauses = self
            .n
            .clauses
            .iter()
            .filter(|c| c.section == Some(s.number))
            .count();
        h.raw("<div class=\"smeta\" data-chrome>")
            .element(
                "a",
                &[("class", Some("lbl")), ("href", Some(&href))],
                &s.label,
            )
            .raw("<span>section ")
            .display(s.number)
            .raw(" · ")
            .text(&figures::count(clauses, "clause"))
            .raw("</span>");
        if !s.lead_units.is_empty() {
            let found = self.find_units(self.heading_line(s.span), &s.lead_units);
            h.raw("<span>牵头 lead:");
            unit_chips(h, &s.lead_units, &found, "chip lead", "its heading");
            h.raw("</span>");
        }
        h.raw("</div>");
    }

    /// The label row above a clause: label, number, responsible units
    /// (flagged when the text does not name them), figure counts.
    fn clause_chrome(&self, h: &mut Html, i: usize) {
        let c = &self.n.clauses[i];
        let href = format!("#c{}", i + 1);
        let label = format!("({})", c.label);
        h.raw("<div class=\"cmeta\" data-chrome>")
            .element(
                "a",
                &[("class", Some("lbl")), ("href", Some(&href))],
                &label,
            )
            .raw("<span>clause ")
            .display(c.number)
            .raw("</span>");
        if c.responsible_units.is_empty() {
            h.raw("<span class=\"none\">no responsible unit</span>");
        } else {
            let found = self.find_units(c.span, &c.responsible_units);
            h.raw("<span>责任单位 responsible:");
            unit_chips(h, &c.responsible_units, &found, "chip", "the clause's text");
            h.raw("</span>");
        }
        if !c.lead_units.is_empty() {
            let found = self.find_units(c.span, &c.lead_units);
            h.raw("<span>牵头 lead:");
            unit_chips(h, &c.lead_units, &found, "chip lead", "the clause's text");
            h.raw("</span>");
        }
        let k = self
            .counts
            .get(&(c.section, Some(c.number)))
            .copied()
            .unwrap_or_default();
        let found: Vec<String> = [
            (k.amounts, "amount"),
            (k.percentages, "percentage"),
            (k.points, "percentage point"),
        ]
        .iter()
        .filter(|(k, _)| *k > 0)
        .map(|&(k, what)| figures::count(k, what))
        .collect();
        if !found.is_empty() {
            h.element("span", &[], &found.join(" · "));
        }
        h.raw("</div>");
    }
}

/// Unit names as chips; one the text does not name is flagged.
fn unit_chips(h: &mut Html, units: &[String], found: &[(Span, usize)], class: &str, place: &str) {
    let missing_class = format!("{class} missing");
    let missing_title = format!("not found verbatim in {place}");
    for (u, name) in units.iter().enumerate() {
        h.raw(" ");
        if found.iter().any(|&(_, f)| f == u) {
            h.element("span", &[("class", Some(class))], name);
        } else {
            h.element(
                "span",
                &[
                    ("class", Some(&missing_class)),
                    ("title", Some(&missing_title)),
                ],
                name,
            );
        }
    }
}
