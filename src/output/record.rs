//! The record types under their old path: they live in [`crate::model`],
//! below the stages that fill them; `output` renders them. Kept so code
//! naming `output::record::…` still compiles.

pub use crate::model::{
    Amount, Attachment, Bound, Clause, Item, Notice, Percentage, PercentagePoint, PercentageUnit,
    Section, Source, Span, Table, Warning, SCHEMA_VERSION,
};
