//! The header fields compared: provenance (`source`, one change, not
//! substance), `schema_version`, title, 文號, issuers and addressees (as
//! names), attachments and tables outside sections and clauses (substance
//! only when both renderings keep them), and the dates.

use serde_json::Value;

use super::change::{Amendments, Kind, Side, SourceSide};
use super::{compare, parts, to_value, Differ};
use crate::model::Notice;

impl Differ<'_, '_> {
    /// The header changes, into `head`, in the record's field order.
    pub(super) fn header(&mut self) {
        let (a, b) = (self.o.notice, self.n.notice);
        if a.id != b.id || a.source != b.source {
            let side = |n: &Notice| {
                Some(Side::Source(SourceSide {
                    id: n.id.clone(),
                    source: n.source.clone(),
                }))
            };
            let c = self.change(Kind::Source, false, side(a), side(b), Amendments::default());
            self.head.push(c);
        }
        let s = |v: &Option<String>| v.clone().map_or(Value::Null, Value::String);
        let mut field = |name: &str, substance: bool, old: Value, new: Value, ch: Amendments| {
            let mut c = self.change(
                Kind::Field,
                substance,
                Some(Side::Value(old)),
                Some(Side::Value(new)),
                ch,
            );
            c.field = Some(name.to_string());
            self.head.push(c);
        };
        if a.schema_version != b.schema_version {
            let v = |n: &Notice| Value::String(n.schema_version.clone());
            field("schema_version", false, v(a), v(b), Amendments::default());
        }
        let key = |v: &Option<String>| v.as_deref().map(parts::key_of);
        for (name, x, y) in [
            ("title", &a.title, &b.title),
            ("policy_title", &a.policy_title, &b.policy_title),
            ("doc_number", &a.doc_number, &b.doc_number),
        ] {
            if key(x) != key(y) {
                field(name, true, s(x), s(y), Amendments::default());
            }
        }
        for (name, x, y) in [
            ("issuers", &a.issuers, &b.issuers),
            ("recipients", &a.recipients, &b.recipients),
        ] {
            if let Some((added, removed)) = compare::names(x, y) {
                let ch = Amendments {
                    added: Some(added),
                    removed: Some(removed),
                    ..Amendments::default()
                };
                field(name, true, to_value(x), to_value(y), ch);
            }
        }
        if let Some((added, removed)) = compare::attachments(&a.attachments, &b.attachments) {
            let ch = Amendments {
                added: Some(added),
                removed: Some(removed),
                ..Amendments::default()
            };
            // Links depend on how the notice was published (a PDF or a
            // text copy has none): not substance, like `source`.
            field(
                "attachments",
                false,
                to_value(&a.attachments),
                to_value(&b.attachments),
                ch,
            );
        }
        if let Some((added, removed)) = compare::loose_tables(&a.tables, &b.tables) {
            let ch = Amendments {
                added: Some(added),
                removed: Some(removed),
                ..Amendments::default()
            };
            // Substance only when both renderings keep tables: a PDF's
            // or a text copy's record may have none where the page has one
            // (its cells are still in the text, its figures compared).
            let loose = |n: &Notice| {
                n.tables
                    .iter()
                    .any(|t| t.section.is_none() && t.clause.is_none())
            };
            let substance = loose(a) && loose(b);
            field(
                "tables",
                substance,
                to_value(&a.tables),
                to_value(&b.tables),
                ch,
            );
        }
        for (name, x, y) in [
            ("signed_date", &a.signed_date, &b.signed_date),
            ("published_at", &a.published_at, &b.published_at),
        ] {
            if x != y {
                field(name, true, s(x), s(y), Amendments::default());
            }
        }
    }
}
