//! The wire types of a diff: one [`Change`] is one line of JSON, described
//! field by field in `schemas/changes.schema.json`.
//!
//! # Format
//!
//! Every line has the same five keys, so `jq` filters never need to guess:
//!
//! - `id`: the record id (of the new record; of the old one for
//!   `notice_removed`);
//! - `kind`: what changed ([`Kind`]);
//! - `substance`: whether the notice says something different (see the
//!   module doc of [`crate::diff`]); `false` for the provenance and for
//!   text the record does not model;
//! - `old`, `new`: the thing on each side, `null` where it is absent (the
//!   old side of an added clause). A section's or clause's side carries its
//!   `span`, `[start, end)` in code points into *that* record's `text`;
//! - `changes`: what differs between `old` and `new` ([`Amendments`]); an
//!   empty object for added and removed things.
//!
//! `field` names the header field of a `field` change and is absent
//! otherwise.

use serde::Serialize;
use serde_json::Value;

use crate::model::{Amount, Percentage, PercentagePoint, Source, Span, Warning};

/// Version of `schemas/changes.schema.json`.
pub const CHANGES_SCHEMA_VERSION: &str = "2.2.1";

/// One change between two records (or two sets of records).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub id: String,
    pub kind: Kind,
    pub substance: bool,
    /// The header field of a [`Kind::Field`] change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub old: Option<Side>,
    pub new: Option<Side>,
    pub changes: Amendments,
    /// Why a notice of the last run is gone from this one: only on the
    /// `notice_removed` lines of a run's `changes.ndjson`.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub removal: Option<Removal>,
}

/// Why a notice that had a current record in the last run has none now
/// (`changes.ndjson`). Its record is kept in `notices/` either way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removal {
    pub reason: RemovalReason,
    /// The report's error code, for [`RemovalReason::Failed`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovalReason {
    /// The input is not among this run's inputs any more.
    InputGone,
    /// The input is there but failed (a 404, a broken file): the last
    /// record stays, flagged `stale_record` in the report.
    Failed,
}

/// What a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A record in the new set only.
    NoticeAdded,
    /// A record in the old set only.
    NoticeRemoved,
    /// Provenance: `source` (URI, bytes, hash, extractor) or the id differ.
    /// Never substance.
    Source,
    /// A header field (`title`, `doc_number`, `issuers`, …) differs.
    Field,
    SectionAdded,
    SectionRemoved,
    /// Its place among the sections changed (possibly amended too).
    SectionMoved,
    SectionAmended,
    ClauseAdded,
    ClauseRemoved,
    /// Now in another section, or out of order among the clauses of its
    /// section (possibly amended too).
    ClauseMoved,
    ClauseAmended,
    /// The text before the first section (or clause) differs.
    PreambleAmended,
    /// The text after the last section (or clause) differs.
    ClosingAmended,
    /// The extraction's warnings differ. Never substance.
    Warnings,
}

impl Kind {
    /// The JSON name (`clause_amended`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::NoticeAdded => "notice_added",
            Kind::NoticeRemoved => "notice_removed",
            Kind::Source => "source",
            Kind::Field => "field",
            Kind::SectionAdded => "section_added",
            Kind::SectionRemoved => "section_removed",
            Kind::SectionMoved => "section_moved",
            Kind::SectionAmended => "section_amended",
            Kind::ClauseAdded => "clause_added",
            Kind::ClauseRemoved => "clause_removed",
            Kind::ClauseMoved => "clause_moved",
            Kind::ClauseAmended => "clause_amended",
            Kind::PreambleAmended => "preamble_amended",
            Kind::ClosingAmended => "closing_amended",
            Kind::Warnings => "warnings",
        }
    }
}

/// One side of a change. Serialized without a tag: the change's `kind`
/// says which shape it has.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Side {
    Notice(NoticeSide),
    Source(SourceSide),
    Section(SectionSide),
    Clause(ClauseSide),
    Region(RegionSide),
    Warnings(Vec<Warning>),
    /// A header field's value: a string, `null` or a list of strings.
    Value(Value),
}

/// A whole notice (`notice_added`, `notice_removed`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoticeSide {
    pub title: Option<String>,
    pub doc_number: Option<String>,
    pub signed_date: Option<String>,
    pub uri: String,
}

/// Provenance of one record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceSide {
    pub id: String,
    #[serde(flatten)]
    pub source: Source,
}

/// A section as it stands on one side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionSide {
    pub number: u32,
    pub label: String,
    pub title: String,
    pub lead_units: Vec<String>,
    /// Figures of the section's own text (outside its clauses).
    pub amounts: Vec<Amount>,
    pub percentages: Vec<Percentage>,
    pub percentage_points: Vec<PercentagePoint>,
    pub span: Span,
}

/// A clause as it stands on one side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClauseSide {
    pub number: u32,
    pub label: String,
    pub section: Option<u32>,
    pub title: String,
    pub responsible_units: Vec<String>,
    pub lead_units: Vec<String>,
    pub amounts: Vec<Amount>,
    pub percentages: Vec<Percentage>,
    pub percentage_points: Vec<PercentagePoint>,
    pub span: Span,
}

/// The preamble or closing text of one side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionSide {
    pub amounts: Vec<Amount>,
    pub percentages: Vec<Percentage>,
    pub percentage_points: Vec<PercentagePoint>,
    pub span: Span,
}

/// What differs between the two sides; every key is left out when that
/// part is the same.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Amendments {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Pair<String>>,
    /// The changed words, in reading order (only the changed hunks).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub text: Vec<TextOp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead_units: Option<ListChange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub responsible_units: Option<ListChange>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub amounts: Vec<Pair<Option<Amount>>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub percentages: Vec<Pair<Option<Percentage>>>,
    /// Since changes schema 2.1.0.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub percentage_points: Vec<Pair<Option<PercentagePoint>>>,
    /// Items only on the new side of a list field (`issuers`,
    /// `recipients`) or among the warnings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub added: Option<Value>,
    /// Items only on the old side.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub removed: Option<Value>,
}

impl Amendments {
    /// Whether nothing differs.
    pub fn is_empty(&self) -> bool {
        *self == Amendments::default()
    }

    /// Whether a figure (amount, percentage or percentage point) differs.
    pub fn has_figures(&self) -> bool {
        !self.amounts.is_empty()
            || !self.percentages.is_empty()
            || !self.percentage_points.is_empty()
    }
}

/// A value before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair<T> {
    pub old: T,
    pub new: T,
}

/// A list before and after, with what entered and what left it (compared
/// across scripts, so `財政局` and `财政局` are one unit).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListChange {
    pub old: Vec<String>,
    pub new: Vec<String>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

/// One changed hunk of words: `old` became `new`. Both spans are
/// `[start, end)` in code points into each record's `text`; an insertion
/// has an empty `old` and a zero-width `old_span` where it goes, a
/// deletion the reverse.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextOp {
    pub op: Op,
    pub old: String,
    pub new: String,
    pub old_span: Span,
    pub new_span: Span,
    /// Up to [`CONTEXT_CHARS`] unchanged characters before and after the
    /// hunk in the new text (within its paragraph), so a line reads on its
    /// own: `最高不超過` 50 → 100 `萬元`.
    pub before: String,
    pub after: String,
}

/// Characters of context around a text hunk.
pub const CONTEXT_CHARS: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Insert,
    Delete,
    Replace,
}

impl Change {
    /// Whether `notice-extract diff` prints it without `--all`: every
    /// change in substance, and the provenance (so two renderings of one
    /// notice still say how they differ). Warnings and text the record does
    /// not model are for `--all`.
    pub fn shown_by_default(&self) -> bool {
        self.substance
            || self.kind == Kind::Source
            || self.field.as_deref() == Some("schema_version")
    }
}
