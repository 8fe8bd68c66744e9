//! A figure while it is being found, and what it counts: the working type
//! the finders ([`super::money`], [`super::percent`]) push, the list and
//! bound passes refine, and [`super::find_entities`] turns into amounts and
//! percentages.

use super::numerals::Dec;
use crate::model::{Bound, PercentageUnit};

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

/// How the percent finder read a figure: a ratio, a difference of
/// ratios (percentage points), a discount or tenths. The finders' reading,
/// not a record field: [`super::find_entities`] files a point under
/// `percentage_points` ([`crate::model::PercentagePoint`]) and the rest
/// under `percentages` with their [`PercentageUnit`], the record's word.
/// A point is a percentage of unit `point` and, since 3.0.0, a
/// percentage point as well (a rise of 3 points is no 3%: the unit says so).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum PercentUnit {
    /// A ratio in percent (`50%`, `三分之二`, `千分之五`).
    Percent,
    /// Percentage points (`3個百分點`).
    Point,
    /// A discount written `N折` (`八折` is 80, `九五折` 95).
    Discount,
    /// Tenths written `N成` (`七成` is 70, `八點五成` 85).
    Tenths,
}

impl PercentUnit {
    /// The unit of the percentage this reading makes.
    pub(crate) fn percentage_unit(self) -> PercentageUnit {
        match self {
            PercentUnit::Percent => PercentageUnit::Percent,
            PercentUnit::Point => PercentageUnit::Point,
            PercentUnit::Discount => PercentageUnit::Discount,
            PercentUnit::Tenths => PercentageUnit::Tenths,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reading_has_its_percentage_unit() {
        assert_eq!(PercentUnit::Point.percentage_unit(), PercentageUnit::Point);
        assert_eq!(
            PercentUnit::Tenths.percentage_unit(),
            PercentageUnit::Tenths
        );
    }
}
