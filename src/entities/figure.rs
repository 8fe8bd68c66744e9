//! A figure while it is being found, and what it counts: the working type
//! the finders ([`super::money`], [`super::percent`]) push, the list and
//! bound passes refine, and [`super::find_entities`] turns into amounts and
//! percentages.

use super::numerals::Dec;
use crate::model::{Bound, PercentUnit};

/// A figure while it is being found: byte offsets into the folded region.
#[derive(Debug, Clone)]
pub(crate) struct Figure {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub kind: Kind,
    /// Set by a range (`min`/`max`) or by the bound pass.
    pub bound: Option<Bound>,
    /// Written with 多 or 余 (`100多万元`): approximate unless a word says
    /// otherwise.
    pub approx: bool,
    /// For a figure whose Arabic number bare numbers listed before it may
    /// share (`100、50、20万元`): where its number starts and what a bare
    /// number is multiplied by (1e4 for `万元`, 0.1 for `‰`).
    pub list: Option<(usize, Dec)>,
}

impl Figure {
    pub(crate) fn new(start: usize, end: usize, value: f64, kind: Kind, approx: bool) -> Self {
        Figure {
            start,
            end,
            value,
            kind,
            bound: None,
            approx,
            list: None,
        }
    }

    /// Lets bare numbers listed before this figure share its unit, when
    /// its number (`num`, starting at `num_start`) is Arabic.
    pub(crate) fn listable(&mut self, num_start: usize, per: Dec, num: &str) {
        if num.starts_with(|c: char| c.is_ascii_digit()) {
            self.list = Some((num_start, per));
        }
    }
}

/// What a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Money in the currency with this ISO 4217 code.
    Money(&'static str),
    Percent(PercentUnit),
}
