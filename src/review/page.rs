//! The page of one notice: its text with every section, clause, figure and
//! unit marked on it, warnings on top, the header fields in a box, a legend,
//! an outline to jump through, and the figures listed.
//!
//! # What the text shows
//!
//! The record's `text`, one `<p>` per line, every character once and in
//! order. Sections are `div.sec`, clauses `div.clause`, amounts
//! `mark.fig.amt`, percentages `mark.fig.pct` and unit names `span.unit`,
//! nested by [`marks::layer`]. Each marked element carries `data-ref`, the
//! JSON pointer of what it marks (`/clauses/3`), and the first element of
//! each an `id` (`s1`, `c4`, `a12`, `p2`: the 1-based ordinal, as in the
//! release's CSV `ordinal` column). Everything the page adds between the
//! lines of the text (a clause's label, its units, counts) sits in elements
//! marked `data-chrome`, so the text of an element minus its `data-chrome`
//! parts is exactly `text[span]` (with [`super::html::visible_char`]).
//!
//! Unit names have no spans in the record: a clause's responsible units
//! (and a section's lead units, on its heading line) are marked where the
//! clause's text contains them verbatim; a unit the text does not contain
//! is flagged in the clause's label row, since the reviewer should see it.
//!
//! A record whose spans do not fit its text (out of range, or a `text`
//! field that is not what its span covers) still renders: the page lists
//! these problems in a red box at the top and leaves an out-of-range span
//! unmarked.
//!
//! Later additions: a clause's `items` (issue 10) nest as one more layer
//! between clause and paragraph ([`Layer`] order), and a "what changed"
//! block (issue 14, `changes.ndjson`) goes after the warnings.

use std::collections::{HashMap, HashSet};

use super::figures::{
    self, bound_meaning, bound_name, bound_short, bound_symbol, percent_unit, BOUNDS,
};
use super::html::{web_link, Html};
use super::marks::{self, Event, Layer, Mark};
use crate::batch::DocReport;
use crate::output::record::{Bound, Notice, Span};

/// Links from a notice page, relative to the page.
#[derive(Debug, Clone)]
pub struct PageLinks {
    /// The review's index page.
    pub index: String,
    /// The record's JSON file, when it can be reached by a relative link.
    pub record: Option<String>,
}

/// Renders the page of one notice. `doc` is the notice's line in the run's
/// report, when there is one.
pub fn notice_page(n: &Notice, links: &PageLinks, doc: Option<&DocReport>) -> String {
    let v = View::new(n);
    let mut h = Html::new();
    let title = n.title.as_deref().unwrap_or(&n.id);
    super::page_head(&mut h, &format!("{title} · notice-extract review"), None);
    h.raw("<body class=\"notice\">\n");
    bar(&mut h, n, links);
    h.raw("<div class=\"layout\">\n");
    v.outline(&mut h);
    h.raw("<main id=\"top\">\n");
    match &n.title {
        Some(t) => h.element("h1", &[], t),
        None => h.raw("<h1 class=\"none\">no title found</h1>"),
    };
    v.warnings(&mut h, doc);
    v.fields(&mut h, doc);
    v.document(&mut h);
    v.tables(&mut h);
    h.raw("</main>\n</div>\n</body>\n</html>\n");
    h.into_string()
}

/// Where a record's spans and fields disagree (see the module doc), one
/// line each.
pub fn record_problems(n: &Notice) -> Vec<String> {
    View::new(n).problems
}

fn bar(h: &mut Html, n: &Notice, links: &PageLinks) {
    h.raw("<header class=\"bar\">")
        .element("a", &[("href", Some(&links.index))], "← all notices")
        .raw(" <span class=\"brand\">notice-extract review</span> ")
        .element("span", &[("class", Some("id mono"))], &n.id)
        .raw("<span class=\"right\">");
    match &links.record {
        Some(r) => h.element(
            "a",
            &[("href", Some(r)), ("type", Some("application/json"))],
            "record JSON",
        ),
        None => h.raw("<span>record JSON not reachable from here</span>"),
    };
    match web_link(&n.source.uri) {
        Some(href) => h.element(
            "a",
            &[("href", Some(&href)), ("rel", Some("noreferrer"))],
            "source",
        ),
        // A path as given to `run`: not reachable from the site. Any
        // other scheme (javascript:, data:, file:) is never linked.
        None if url::Url::parse(&n.source.uri).is_err() => {
            h.raw("<span>source: a local file</span>")
        }
        None => h.raw("<span>source: not an http(s) address, not linked</span>"),
    };
    h.raw("</span></header>\n");
}

/// What each mark of the text stands for.
enum Target {
    Section(usize),
    Clause(usize),
    Paragraph { heading: bool },
    Amount(usize),
    Percentage(usize),
    Unit { lead: bool, of: String },
}

impl Target {
    fn tag(&self) -> &'static str {
        match self {
            Target::Section(_) | Target::Clause(_) => "div",
            Target::Paragraph { .. } => "p",
            Target::Amount(_) | Target::Percentage(_) => "mark",
            Target::Unit { .. } => "span",
        }
    }
}

/// A notice with what the page needs computed once: byte offsets of every
/// span, which spans fit the text, figure counts per clause.
struct View<'a> {
    n: &'a Notice,
    /// Code points of `n.text`.
    len: usize,
    /// Sorted code-point positions and their byte offsets.
    points: Vec<usize>,
    bytes: Vec<usize>,
    problems: Vec<String>,
    /// Figures (amounts, percentages) per `(section, clause)` reference.
    counts: HashMap<(Option<u32>, Option<u32>), (usize, usize)>,
}

impl<'a> View<'a> {
    fn new(n: &'a Notice) -> Self {
        let len = n.text.chars().count();
        let spans = all_spans(n);
        let mut points: Vec<usize> = spans
            .iter()
            .flat_map(|s| [s[0], s[1]])
            .filter(|&p| p <= len)
            .collect();
        points.sort_unstable();
        points.dedup();
        let bytes = marks::byte_offsets(&n.text, &points);
        let mut counts: HashMap<_, (usize, usize)> = HashMap::new();
        for a in &n.amounts {
            counts.entry((a.section, a.clause)).or_default().0 += 1;
        }
        for p in &n.percentages {
            counts.entry((p.section, p.clause)).or_default().1 += 1;
        }
        let mut v = View {
            n,
            len,
            points,
            bytes,
            problems: Vec::new(),
            counts,
        };
        v.problems = v.find_problems();
        v
    }

    fn fits(&self, s: Span) -> bool {
        s[0] <= s[1] && s[1] <= self.len
    }

    /// The text at a span that fits.
    fn at(&self, s: Span) -> Option<&'a str> {
        if !self.fits(s) {
            return None;
        }
        let b = |p: usize| self.points.binary_search(&p).ok().map(|i| self.bytes[i]);
        Some(&self.n.text[b(s[0])?..b(s[1])?])
    }

    fn find_problems(&self) -> Vec<String> {
        let n = self.n;
        let mut out = Vec::new();
        let mut check = |what: String, span: Span, said: Option<&str>| match self.at(span) {
            None => out.push(format!(
                "{what}: span [{}, {}) does not fit the text ({} code points); not marked",
                span[0], span[1], self.len
            )),
            Some(at) if said.is_some_and(|s| s != at) => out.push(format!(
                "{what}: its text {:?} is not the text at its span [{}, {}), {at:?}",
                said.unwrap_or_default(),
                span[0],
                span[1]
            )),
            Some(_) => {}
        };
        for (i, s) in n.sections.iter().enumerate() {
            check(format!("sections[{i}]"), s.span, None);
        }
        for (i, c) in n.clauses.iter().enumerate() {
            check(format!("clauses[{i}]"), c.span, Some(&c.text));
        }
        for (i, a) in n.amounts.iter().enumerate() {
            check(format!("amounts[{i}]"), a.span, Some(&a.text));
        }
        for (i, p) in n.percentages.iter().enumerate() {
            check(format!("percentages[{i}]"), p.span, Some(&p.text));
        }
        let sections: HashSet<u32> = n.sections.iter().map(|s| s.number).collect();
        let clauses: HashSet<(Option<u32>, u32)> =
            n.clauses.iter().map(|c| (c.section, c.number)).collect();
        for (i, c) in n.clauses.iter().enumerate() {
            if let Some(s) = c.section.filter(|s| !sections.contains(s)) {
                out.push(format!("clauses[{i}]: section {s} does not exist"));
            }
        }
        let refs = n
            .amounts
            .iter()
            .enumerate()
            .map(|(i, a)| (format!("amounts[{i}]"), a.section, a.clause))
            .chain(
                n.percentages
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (format!("percentages[{i}]"), p.section, p.clause)),
            );
        for (what, s, c) in refs {
            if let Some(s) = s.filter(|s| !sections.contains(s)) {
                out.push(format!("{what}: section {s} does not exist"));
            }
            if let Some(c) = c.filter(|&c| !clauses.contains(&(s, c))) {
                out.push(format!("{what}: clause {c} of that section does not exist"));
            }
        }
        out
    }

    fn section_label(&self, number: Option<u32>) -> Option<&str> {
        let s = number?;
        self.n
            .sections
            .iter()
            .find(|x| x.number == s)
            .map(|x| x.label.as_str())
    }

    fn clause_label(&self, section: Option<u32>, clause: Option<u32>) -> Option<&str> {
        let c = clause?;
        self.n
            .clauses
            .iter()
            .find(|x| x.number == c && x.section == section)
            .map(|x| x.label.as_str())
    }

    /// `section 二, clause (三)`, or `outside sections`.
    fn place(&self, section: Option<u32>, clause: Option<u32>) -> String {
        let mut s = match (section, self.section_label(section)) {
            (Some(_), Some(l)) => format!("section {l}"),
            (Some(n), None) => format!("section {n}"),
            (None, _) => "outside sections".to_string(),
        };
        match (clause, self.clause_label(section, clause)) {
            (Some(_), Some(l)) => s.push_str(&format!(", clause ({l})")),
            (Some(c), None) => s.push_str(&format!(", clause {c}")),
            (None, _) => {}
        }
        s
    }

    fn outline(&self, h: &mut Html) {
        let n = self.n;
        h.raw("<nav class=\"outline\" aria-label=\"Outline\">\n<div class=\"jump\">")
            .raw("<a href=\"#top\">top</a><a href=\"#text\">text</a>")
            .raw(
                "<a href=\"#amounts\">amounts</a><a href=\"#percentages\">percentages</a></div>\n",
            );
        h.raw("<h2>Outline</h2>\n");
        if n.sections.is_empty() && n.clauses.is_empty() {
            h.raw("<p class=\"none\">no sections or clauses found</p>\n");
        }
        let clause_link = |h: &mut Html, i: usize| {
            let c = &n.clauses[i];
            let text = format!("({}) {}", c.label, c.title);
            h.raw("<li>");
            if self.fits(c.span) {
                let href = format!("#c{}", i + 1);
                h.element("a", &[("href", Some(&href)), ("title", Some(&text))], &text);
            } else {
                h.text(&text);
            }
            h.raw("</li>\n");
        };
        let sections: HashSet<u32> = n.sections.iter().map(|s| s.number).collect();
        h.raw("<ol>\n");
        for (i, s) in n.sections.iter().enumerate() {
            let text = format!("{} {}", s.label, s.title);
            h.raw("<li>");
            if self.fits(s.span) {
                let href = format!("#s{}", i + 1);
                h.element(
                    "a",
                    &[
                        ("class", Some("sec-link")),
                        ("href", Some(&href)),
                        ("title", Some(&text)),
                    ],
                    &text,
                );
            } else {
                h.text(&text);
            }
            let mine: Vec<usize> = (0..n.clauses.len())
                .filter(|&c| n.clauses[c].section == Some(s.number))
                .collect();
            if !mine.is_empty() {
                h.raw("\n<ol>\n");
                for c in mine {
                    clause_link(h, c);
                }
                h.raw("</ol>");
            }
            h.raw("</li>\n");
        }
        for c in 0..n.clauses.len() {
            if !n.clauses[c].section.is_some_and(|s| sections.contains(&s)) {
                clause_link(h, c);
            }
        }
        h.raw("</ol>\n</nav>\n");
    }

    fn warnings(&self, h: &mut Html, doc: Option<&DocReport>) {
        let n = self.n;
        let stale = doc.is_some_and(|d| d.stale_record);
        if !n.warnings.is_empty() || stale {
            h.raw("<section class=\"box warnings\" id=\"warnings\">\n<h2>Warnings (")
                .display(n.warnings.len() + usize::from(stale))
                .raw(")</h2>\n<ul>\n");
            if let Some(d) = doc.filter(|d| d.stale_record) {
                h.raw("<li><code>stale_record</code> the last run failed on this document (")
                    .text(d.error.as_ref().map_or("", |e| e.code.as_str()))
                    .raw("); this record is from an earlier run</li>\n");
            }
            for w in &n.warnings {
                h.raw("<li>")
                    .element("code", &[], &w.code)
                    .raw(" ")
                    .text(&w.message)
                    .raw("</li>\n");
            }
            h.raw("</ul>\n</section>\n");
        }
        if !self.problems.is_empty() {
            h.raw("<section class=\"box problems\" id=\"problems\">\n<h2>Record problems (")
                .display(self.problems.len())
                .raw(")</h2>\n<p>The record's spans and fields disagree; what is marked below follows the spans.</p>\n<ul>\n");
            for p in &self.problems {
                h.element("li", &[], p).raw("\n");
            }
            h.raw("</ul>\n</section>\n");
        }
    }

    fn fields(&self, h: &mut Html, doc: Option<&DocReport>) {
        let n = self.n;
        h.raw("<section class=\"box fields\" aria-label=\"Header fields\">\n<h2>Header fields</h2>\n<dl>\n");
        let opt = |h: &mut Html, name: &str, key: &str, v: Option<&str>| {
            h.open("dt", &[("title", Some(key))]).text(name).close("dt");
            match v {
                Some(v) => h.element("dd", &[], v),
                None => h.raw("<dd class=\"none\">none found</dd>"),
            };
            h.raw("\n");
        };
        opt(h, "policy title", "policy_title", n.policy_title.as_deref());
        opt(h, "文号 number", "doc_number", n.doc_number.as_deref());
        let list = |v: &[String]| (!v.is_empty()).then(|| v.join("、"));
        opt(h, "issuers", "issuers", list(&n.issuers).as_deref());
        opt(
            h,
            "主送 recipients",
            "recipients",
            list(&n.recipients).as_deref(),
        );
        opt(h, "signed", "signed_date", n.signed_date.as_deref());
        opt(h, "published", "published_at", n.published_at.as_deref());
        h.raw("<dt title=\"source.uri\">source</dt><dd>");
        match web_link(&n.source.uri) {
            Some(href) => h.element(
                "a",
                &[("href", Some(&href)), ("rel", Some("noreferrer"))],
                &n.source.uri,
            ),
            None => h.element("span", &[("class", Some("mono"))], &n.source.uri),
        };
        h.raw("</dd>\n");
        let s = &n.source;
        let decoded = format!(
            "{} · {} bytes · {} ({}) · {}",
            s.media_type,
            figures::group_digits(s.bytes as f64),
            s.encoding.as_deref().unwrap_or("no charset"),
            s.encoding_source,
            s.extractor
        );
        opt(h, "decoded", "source", Some(&decoded));
        let sha = format!("sha256 {}", s.sha256);
        h.raw("<dt>record</dt><dd>")
            .element(
                "span",
                &[("class", Some("mono")), ("title", Some(&sha))],
                &n.id,
            )
            .raw(" · schema ")
            .text(&n.schema_version)
            .raw("</dd>\n");
        if let Some(d) = doc {
            let status = serde_json::to_value(d.status)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            h.raw("<dt>run</dt><dd>")
                .element(
                    "span",
                    &[("class", Some(&format!("status {status}")))],
                    &status,
                )
                .raw(" · ")
                .element("span", &[("class", Some("mono"))], &d.input)
                .raw("</dd>\n");
        }
        let counts = [
            figures::count(n.sections.len(), "section"),
            figures::count(n.clauses.len(), "clause"),
            figures::count(n.amounts.len(), "amount"),
            figures::count(n.percentages.len(), "percentage"),
            format!("{} code points", figures::group_digits(self.len as f64)),
        ]
        .join(" · ");
        opt(h, "found", "", Some(&counts));
        h.raw("</dl>\n</section>\n");
    }

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
            "<span><mark class=\"fig pct b-max\">50%</mark> percentages: pills</span>\
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
            for (span, _) in self.find_units(c.span, &c.responsible_units) {
                let of = format!("responsible unit (责任单位) of clause ({})", c.label);
                add(Layer::Unit, span, Target::Unit { lead: false, of });
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
        for (i, p) in n
            .percentages
            .iter()
            .enumerate()
            .filter(|(_, p)| self.fits(p.span))
        {
            add(Layer::Figure, p.span, Target::Percentage(i));
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

    /// Text at a span whose ends may not be among the precomputed points.
    fn slice_cp(&self, s: Span) -> Option<&'a str> {
        if !self.fits(s) {
            return None;
        }
        if let Some(t) = self.at(s) {
            return Some(t);
        }
        let b = marks::byte_offsets(&self.n.text, &[s[0], s[1]]);
        Some(&self.n.text[b[0]..b[1]])
    }

    fn document(&self, h: &mut Html) {
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
                let tip = format!(
                    "{} → {} · {} {}: {} · {} · span [{}, {})",
                    a.text,
                    figures::amount_value(a),
                    bound_symbol(a.bound),
                    bound_name(a.bound),
                    bound_meaning(a.bound),
                    self.place(a.section, a.clause),
                    a.span[0],
                    a.span[1]
                );
                let id = first.then(|| format!("a{}", i + 1));
                h.open(
                    "mark",
                    &[
                        (
                            "class",
                            Some(&format!("fig amt b-{}{cont}", bound_name(a.bound))),
                        ),
                        ("id", id.as_deref()),
                        ("data-ref", Some(&format!("/amounts/{i}"))),
                        ("title", Some(&tip)),
                    ],
                );
            }
            Target::Percentage(i) => {
                let p = &n.percentages[i];
                let tip = format!(
                    "{} → {} ({}) · {} {}: {} · {} · span [{}, {})",
                    p.text,
                    figures::percentage_value(p),
                    percent_unit(p.unit).0,
                    bound_symbol(p.bound),
                    bound_name(p.bound),
                    bound_meaning(p.bound),
                    self.place(p.section, p.clause),
                    p.span[0],
                    p.span[1]
                );
                let id = first.then(|| format!("p{}", i + 1));
                h.open(
                    "mark",
                    &[
                        (
                            "class",
                            Some(&format!("fig pct b-{}{cont}", bound_name(p.bound))),
                        ),
                        ("id", id.as_deref()),
                        ("data-ref", Some(&format!("/percentages/{i}"))),
                        ("title", Some(&tip)),
                    ],
                );
            }
            Target::Unit { lead, ref of } => {
                let class = if lead { "unit lead" } else { "unit resp" };
                h.open("span", &[("class", Some(class)), ("title", Some(of))]);
            }
        }
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
        let (a, p) = self
            .counts
            .get(&(c.section, Some(c.number)))
            .copied()
            .unwrap_or_default();
        let found: Vec<String> = [(a, "amount"), (p, "percentage")]
            .iter()
            .filter(|(k, _)| *k > 0)
            .map(|&(k, what)| figures::count(k, what))
            .collect();
        if !found.is_empty() {
            h.element("span", &[], &found.join(" · "));
        }
        h.raw("</div>");
    }

    fn tables(&self, h: &mut Html) {
        let n = self.n;
        h.raw("<section class=\"tables\">\n<h2 id=\"amounts\">Amounts (")
            .display(n.amounts.len())
            .raw(")</h2>\n");
        if n.amounts.is_empty() {
            h.raw("<p class=\"none\">none found</p>\n");
        } else {
            h.raw("<table>\n<thead><tr><th class=\"num\">#</th><th>as written</th><th class=\"num\">value</th><th>bound</th><th>where</th><th class=\"num\">span</th></tr></thead>\n<tbody>\n");
            for (i, a) in n.amounts.iter().enumerate() {
                let value = figures::amount_value(a);
                let row = FigureRow {
                    text: &a.text,
                    value: &value,
                    bound: a.bound,
                    section: a.section,
                    clause: a.clause,
                    span: a.span,
                };
                self.figure_row(h, &format!("a{}", i + 1), &row);
            }
            h.raw("</tbody>\n</table>\n");
        }
        h.raw("<h2 id=\"percentages\">Percentages (")
            .display(n.percentages.len())
            .raw(")</h2>\n");
        if n.percentages.is_empty() {
            h.raw("<p class=\"none\">none found</p>\n");
        } else {
            h.raw("<table>\n<thead><tr><th class=\"num\">#</th><th>as written</th><th class=\"num\">value</th><th>bound</th><th>where</th><th class=\"num\">span</th></tr></thead>\n<tbody>\n");
            for (i, p) in n.percentages.iter().enumerate() {
                let value = figures::percentage_value(p);
                let row = FigureRow {
                    text: &p.text,
                    value: &value,
                    bound: p.bound,
                    section: p.section,
                    clause: p.clause,
                    span: p.span,
                };
                self.figure_row(h, &format!("p{}", i + 1), &row);
            }
            h.raw("</tbody>\n</table>\n");
        }
        h.raw("</section>\n");
    }

    fn figure_row(&self, h: &mut Html, id: &str, f: &FigureRow) {
        h.raw("<tr><td class=\"num\">")
            .text(&id[1..])
            .raw("</td><td>");
        if self.fits(f.span) {
            let href = format!("#{id}");
            h.element("a", &[("href", Some(&href))], f.text);
        } else {
            h.text(f.text);
        }
        let class = format!("fig b-{}", bound_name(f.bound));
        let span = format!("{}–{}", f.span[0], f.span[1]);
        h.raw("</td><td class=\"num\">")
            .text(f.value)
            .raw("</td><td>")
            .element("mark", &[("class", Some(&class))], bound_name(f.bound))
            .raw("</td><td>")
            .text(&self.place(f.section, f.clause))
            .raw("</td><td class=\"num\">")
            .text(&span)
            .raw("</td></tr>\n");
    }
}

/// One line of the amounts or percentages table.
struct FigureRow<'b> {
    text: &'b str,
    value: &'b str,
    bound: Bound,
    section: Option<u32>,
    clause: Option<u32>,
    span: Span,
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

/// Every span of a record.
fn all_spans(n: &Notice) -> Vec<Span> {
    let sections = n.sections.iter().map(|s| s.span);
    let clauses = n.clauses.iter().map(|c| c.span);
    let amounts = n.amounts.iter().map(|a| a.span);
    let percentages = n.percentages.iter().map(|p| p.span);
    sections
        .chain(clauses)
        .chain(amounts)
        .chain(percentages)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice() -> Notice {
        let text = "关于印发若干政策的通知\n一、支持企业发展（由市科技局牵头实施）\n（一）给予最高100万元奖励，补助不超过50%。（责任单位：市财政局、市税务局）";
        let raw = crate::fetch::RawDocument::from_bytes("memo.txt", text.as_bytes().to_vec());
        crate::extract(&raw, &crate::Config::default()).expect("extracts")
    }

    fn links() -> PageLinks {
        PageLinks {
            index: "../index.html".into(),
            record: Some("../../notices/memo.json".into()),
        }
    }

    #[test]
    fn figures_units_and_clauses_are_marked() {
        let n = notice();
        assert_eq!(record_problems(&n), Vec::<String>::new());
        let page = notice_page(&n, &links(), None);
        assert!(page.contains("data-ref=\"/amounts/0\""), "{page}");
        assert!(page.contains("class=\"fig amt b-max\" id=\"a1\""));
        assert!(page.contains("class=\"fig pct b-max\" id=\"p1\""));
        assert!(page.contains("<span class=\"unit resp\" title=\"responsible unit (责任单位) of clause (一)\">市财政局</span>"));
        assert!(page.contains(
            "<span class=\"unit lead\" title=\"lead unit (牵头) of section 一\">市科技局</span>"
        ));
        // The unit the text does not name is flagged, not hidden.
        assert!(!page.contains("chip missing"));
    }

    #[test]
    fn a_record_whose_spans_disagree_renders_with_its_problems_listed() {
        let mut n = notice();
        n.amounts[0].span = [1000, 1004];
        n.clauses[0].text = "另一段".into();
        n.clauses[0].responsible_units.push("市发改委".into());
        n.percentages[0].clause = Some(9);
        let problems = record_problems(&n);
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(problems[0].contains("clauses[0]") && problems[0].contains("另一段"));
        assert!(problems[1].contains("amounts[0]") && problems[1].contains("does not fit"));
        assert!(problems[2].contains("percentages[0]: clause 9"));
        let page = notice_page(&n, &links(), None);
        assert!(page.contains("Record problems (3)"));
        assert!(
            !page.contains("id=\"a1\""),
            "an out-of-range span is not marked"
        );
        assert!(
            page.contains("class=\"chip missing\""),
            "a unit not in the text is flagged"
        );
    }
}
