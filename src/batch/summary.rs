//! The few lines a run ends with on the terminal: what the folder holds
//! (notices by status, sections, clauses, units, figures, warnings) and
//! what this run did to it (extracted, kept, revalidated, failed).
//!
//! Counted from the records as they are read back for `notices.ndjson`, so
//! a record kept from an earlier run counts like a new one: each record's
//! [`RecordCounts`] are taken where it is parsed (on a worker thread, from
//! the `Notice` the release parses anyway, or from the few fields counted)
//! and added in id order.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde::Deserialize;

use super::changes::ChangeTotals;
use super::report::{Report, Totals};
use crate::model::{ErrorCode, Notice};

/// What a run found and did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// The output folder.
    pub out: PathBuf,
    /// The report's counts per status.
    pub totals: Totals,
    /// Records made by this run.
    pub extracted: usize,
    /// Records kept from an earlier run (same bytes, or an HTTP 304).
    pub kept: usize,
    /// URLs the server answered with 304 Not Modified.
    pub not_modified: usize,
    /// Failures (and skipped inputs) by code.
    pub failures: BTreeMap<ErrorCode, usize>,
    /// Records in `notices.ndjson`.
    pub records: usize,
    pub sections: usize,
    pub clauses: usize,
    /// Clauses naming at least one responsible unit.
    pub clauses_with_units: usize,
    /// Sums of money by `(currency, bound)`.
    pub amounts: BTreeMap<(String, String), usize>,
    /// Percentages by `bound`.
    pub percentages: BTreeMap<String, usize>,
    /// Percentage points by `bound` (not percentages: counted apart).
    pub percentage_points: BTreeMap<String, usize>,
    /// Record warnings by code.
    pub warnings: BTreeMap<String, usize>,
    /// Notices changed since the last run (`changes.ndjson`); `None` when
    /// the folder had no last run to compare with.
    pub changes: Option<ChangeTotals>,
}

/// The parts of a record the summary counts (the rest is skipped unread).
#[derive(Deserialize)]
struct Counted {
    sections: Vec<serde::de::IgnoredAny>,
    clauses: Vec<CountedClause>,
    amounts: Vec<CountedFigure>,
    percentages: Vec<CountedFigure>,
    percentage_points: Vec<CountedFigure>,
    warnings: Vec<CountedWarning>,
}

#[derive(Deserialize)]
struct CountedClause {
    responsible_units: Vec<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
struct CountedFigure {
    #[serde(default)]
    currency: String,
    bound: String,
    /// A percentage's unit: points are counted apart (`point`).
    #[serde(default)]
    unit: String,
}

#[derive(Deserialize)]
struct CountedWarning {
    code: String,
}

/// What one record adds to a [`Summary`]; a document worker sends it
/// with the record.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct RecordCounts {
    sections: usize,
    clauses: usize,
    clauses_with_units: usize,
    /// `(currency, bound)` of each amount.
    amounts: Vec<(String, String)>,
    /// `bound` of each percentage.
    percentages: Vec<String>,
    /// `bound` of each percentage point.
    percentage_points: Vec<String>,
    /// `code` of each warning.
    warnings: Vec<String>,
}

impl RecordCounts {
    /// The counts of a parsed record: what [`RecordCounts::of_json`] gives
    /// for its file (every field counted is always written).
    pub fn of_notice(n: &Notice) -> Self {
        let bound = |b: crate::model::Bound| <&str>::from(b).to_string();
        RecordCounts {
            sections: n.sections.len(),
            clauses: n.clauses.len(),
            clauses_with_units: n
                .clauses
                .iter()
                .filter(|c| !c.responsible_units.is_empty())
                .count(),
            amounts: n
                .amounts
                .iter()
                .map(|a| (a.currency.clone(), bound(a.bound)))
                .collect(),
            // Points are counted apart (they are percentages too).
            percentages: n
                .percentages
                .iter()
                .filter(|p| !p.is_point())
                .map(|p| bound(p.bound))
                .collect(),
            percentage_points: n.percentage_points.iter().map(|p| bound(p.bound)).collect(),
            warnings: n.warnings.iter().map(|w| w.code.clone()).collect(),
        }
    }

    /// The `code` of each of the record's warnings.
    pub fn warning_codes(&self) -> &[String] {
        &self.warnings
    }

    /// The counts of a record's JSON, reading only the fields counted;
    /// `None` when it cannot be read as a record.
    pub fn of_json(json: &[u8]) -> Option<Self> {
        let r = serde_json::from_slice::<Counted>(json).ok()?;
        Some(RecordCounts {
            sections: r.sections.len(),
            clauses: r.clauses.len(),
            clauses_with_units: r
                .clauses
                .iter()
                .filter(|c| !c.responsible_units.is_empty())
                .count(),
            amounts: r
                .amounts
                .into_iter()
                .map(|a| (a.currency, a.bound))
                .collect(),
            percentages: r
                .percentages
                .into_iter()
                .filter(|p| p.unit != "point")
                .map(|p| p.bound)
                .collect(),
            percentage_points: r.percentage_points.into_iter().map(|p| p.bound).collect(),
            warnings: r.warnings.into_iter().map(|w| w.code).collect(),
        })
    }
}

impl Summary {
    /// An empty summary of the folder `out`.
    pub fn new(out: impl Into<PathBuf>) -> Self {
        Summary {
            out: out.into(),
            ..Summary::default()
        }
    }

    /// Counts one record (its JSON as written); a record that cannot be
    /// read as one is not counted.
    pub fn add_record(&mut self, json: &[u8]) {
        if let Some(c) = RecordCounts::of_json(json) {
            self.add_counts(c);
        }
    }

    /// Counts one record from its [`RecordCounts`].
    pub fn add_counts(&mut self, c: RecordCounts) {
        self.records += 1;
        self.sections += c.sections;
        self.clauses += c.clauses;
        self.clauses_with_units += c.clauses_with_units;
        for a in c.amounts {
            *self.amounts.entry(a).or_default() += 1;
        }
        for p in c.percentages {
            *self.percentages.entry(p).or_default() += 1;
        }
        for p in c.percentage_points {
            *self.percentage_points.entry(p).or_default() += 1;
        }
        for w in c.warnings {
            *self.warnings.entry(w).or_default() += 1;
        }
    }

    /// Takes the totals and the failure codes of the finished report.
    pub fn add_report(&mut self, report: &Report) {
        self.totals = report.totals.clone();
        for e in report.documents.iter().filter_map(|d| d.error.as_ref()) {
            *self.failures.entry(e.code).or_default() += 1;
        }
    }
}

/// `a 3, b 1` from counts, in key order.
fn list<K: fmt::Display>(counts: impl IntoIterator<Item = (K, usize)>) -> String {
    counts
        .into_iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = &self.totals;
        writeln!(
            f,
            "{} documents -> {}: {} success, {} partial, {} failure, {} skipped",
            t.documents,
            self.out.display(),
            t.success,
            t.partial,
            t.failure,
            t.skipped
        )?;
        write!(
            f,
            "  this run: {} extracted, {} kept (unchanged since the last run)",
            self.extracted, self.kept
        )?;
        if self.not_modified > 0 {
            write!(f, ", {} answered 304 Not Modified", self.not_modified)?;
        }
        writeln!(f)?;
        match &self.changes {
            Some(c) => writeln!(
                f,
                "  since the last run: {} added, {} amended, {} changed not in substance, {} removed (changes.ndjson)",
                c.added, c.amended, c.other, c.removed
            )?,
            None => writeln!(
                f,
                "  since the last run: nothing to compare with (first run into this folder)"
            )?,
        }
        if !self.failures.is_empty() {
            writeln!(
                f,
                "  failures: {}",
                list(self.failures.iter().map(|(k, n)| (k, *n)))
            )?;
        }
        writeln!(
            f,
            "  {} notices: {} sections, {} clauses ({} with responsible units)",
            self.records, self.sections, self.clauses, self.clauses_with_units
        )?;
        let mut by_currency: BTreeMap<&str, Vec<(&str, usize)>> = BTreeMap::new();
        for ((currency, bound), n) in &self.amounts {
            by_currency.entry(currency).or_default().push((bound, *n));
        }
        let amounts: usize = self.amounts.values().sum();
        write!(f, "  {amounts} amounts")?;
        let currencies: Vec<String> = by_currency
            .into_iter()
            .map(|(currency, bounds)| {
                let n: usize = bounds.iter().map(|(_, n)| n).sum();
                format!("{currency} {n} ({})", list(bounds))
            })
            .collect();
        if !currencies.is_empty() {
            write!(f, ": {}", currencies.join(", "))?;
        }
        writeln!(f)?;
        for (what, counts) in [
            ("percentages", &self.percentages),
            ("percentage points", &self.percentage_points),
        ] {
            let total: usize = counts.values().sum();
            write!(f, "  {total} {what}")?;
            if total > 0 {
                write!(f, ": {}", list(counts.iter().map(|(k, n)| (k, *n))))?;
            }
            writeln!(f)?;
        }
        let warnings: usize = self.warnings.values().sum();
        write!(f, "  {warnings} warnings")?;
        if warnings > 0 {
            write!(f, ": {}", list(self.warnings.iter().map(|(k, n)| (k, *n))))?;
        }
        writeln!(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The batch counts a record from its parse when the release parses it
    /// anyway, else from its file: both must give the same summary.
    #[test]
    fn counts_of_a_notice_equal_counts_of_its_file() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/html");
        let mut files: Vec<_> = std::fs::read_dir(root)
            .expect("fixtures")
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for path in files.iter().take(8) {
            let notice = crate::extract_file(path, &crate::Config::default()).expect("extracts");
            let json = crate::output::json::to_pretty(&notice);
            assert_eq!(
                Some(RecordCounts::of_notice(&notice)),
                RecordCounts::of_json(json.as_bytes()),
                "{}",
                path.display()
            );
        }
    }

    #[test]
    fn counts_what_the_records_hold() {
        let mut s = Summary::new("out");
        s.add_record(
            br#"{"id":"a","text":"x","sections":[{}],
                "clauses":[{"responsible_units":["x"]},{"responsible_units":[]}],
                "amounts":[{"currency":"CNY","bound":"max"},{"currency":"CNY","bound":"max"}],
                "percentages":[{"bound":"exact"}],
                "percentage_points":[{"bound":"min"},{"bound":"exact"}],
                "warnings":[{"code":"no_title","message":"m"}]}"#,
        );
        s.add_record(b"not json");
        assert_eq!((s.records, s.sections, s.clauses), (1, 1, 2));
        assert_eq!(s.clauses_with_units, 1);
        assert_eq!(s.amounts[&("CNY".into(), "max".into())], 2);
        let text = s.to_string();
        assert!(text.contains("2 amounts: CNY 2 (max 2)"), "{text}");
        assert!(text.contains("1 percentages: exact 1\n"), "{text}");
        assert!(
            text.contains("2 percentage points: exact 1, min 1\n"),
            "{text}"
        );
        assert!(text.contains("1 warnings: no_title 1"), "{text}");
    }
}
