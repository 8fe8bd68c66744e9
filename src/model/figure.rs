//! The figures a record lists: sums of money (`amounts`), percentages
//! (`percentages`) and percentage points (`percentage_points`), each with
//! the [`Bound`] its qualifier word gives.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::schema::{LowConfidence, NumberRef, SpanDef};
use super::Span;

/// What the qualifier words make of the figure (GOLD.md): max = a cap,
/// min = a floor, approx = an estimate, exact = anything else.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
)]
#[schemars(rename = "bound")]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Bound {
    /// 最高, 不超過, 以內 …: a cap.
    Max,
    /// 以上, 不低於, 突破 …: a floor.
    Min,
    /// 約, 左右 …: an estimate.
    Approx,
    /// Anything else.
    Exact,
}

/// A sum of money.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields, rename = "amount")]
pub struct Amount {
    /// As the source writes it (18.2億元).
    #[schemars(length(min = 1))]
    pub text: String,
    /// In the currency's major unit; negative only when the source writes
    /// a sign (-500萬元, 負十元).
    pub value: f64,
    /// ISO 4217 code.
    #[schemars(regex(pattern = r"^[A-Z]{3}$"))]
    pub currency: String,
    pub bound: Bound,
    /// Section holding it, null in text outside any section.
    #[schemars(with = "NumberRef", required)]
    pub section: Option<u32>,
    /// Clause holding it, null outside clauses.
    #[schemars(with = "NumberRef", required)]
    pub clause: Option<u32>,
    #[schemars(with = "SpanDef")]
    pub span: Span,
    /// Read by OCR from a word Tesseract was not confident of: check it
    /// against the source. Written only when true.
    #[serde(default, skip_serializing_if = "is_false")]
    #[schemars(with = "LowConfidence")]
    pub low_confidence: bool,
}

fn is_false(b: &bool) -> bool {
    !b
}

/// How a percentage is written: a ratio, a discount, tenths or percentage
/// points. `value` is in percent whatever the unit, in points for `point`.
/// (Points were listed only in the record's `percentage_points` in 3.0.0;
/// since 4.0.0 they are percentages of unit `point` too, as GOLD.md's
/// readers count them, and `percentage_points` repeats them.)
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
)]
#[schemars(rename = "percent_unit")]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum PercentageUnit {
    /// A ratio in percent (`50%`, `三分之二`, `千分之五`).
    Percent,
    /// A discount written `N折`: the share of the price that is paid
    /// (`八折` is 80, `九五折` 95).
    Discount,
    /// Tenths written `N成` (`七成` is 70, `八點五成` 85).
    Tenths,
    /// A difference of percentages in percentage points (`提高3個百分點`
    /// is 3, `25個基點` 0.25), listed again in `percentage_points`.
    Point,
}

impl Bound {
    /// The JSON name (`max`), also used by the CSV tables, outlines and
    /// review pages.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl PercentageUnit {
    /// The JSON name (`discount`).
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A percentage or ratio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields, rename = "percentage")]
pub struct Percentage {
    /// As the source writes it (50%, 三分之二).
    #[schemars(length(min = 1))]
    pub text: String,
    /// In percent (千分之五 is 0.5, 三分之二 is 66.6667, 八折 is 80, 七成 is
    /// 70); negative when the source writes a sign (-22.2%, 負百分之五).
    pub value: f64,
    /// percent for a ratio (50%, 三分之二), discount for N折 (the share of
    /// the price paid: 八折 is 80), tenths for N成 (七成 is 70), point for
    /// percentage points (提高3个百分点 is 3).
    pub unit: PercentageUnit,
    pub bound: Bound,
    /// Section holding it, null in text outside any section.
    #[schemars(with = "NumberRef", required)]
    pub section: Option<u32>,
    /// Clause holding it, null outside clauses.
    #[schemars(with = "NumberRef", required)]
    pub clause: Option<u32>,
    #[schemars(with = "SpanDef")]
    pub span: Span,
    /// As `Amount`'s `low_confidence`.
    #[serde(default, skip_serializing_if = "is_false")]
    #[schemars(with = "LowConfidence")]
    pub low_confidence: bool,
}

impl Percentage {
    /// Whether it counts percentage points (unit `point`): listed in
    /// `percentage_points` too, so a view that shows points apart skips it
    /// among the percentages.
    pub fn is_point(&self) -> bool {
        self.unit == PercentageUnit::Point
    }
}

/// A difference of two percentages in percentage points (`提高3個百分點`,
/// `下降0.5个百分点`). Since 3.0.0; since 4.0.0 each is also a
/// `percentages` item of unit `point` (as before 3.0.0), in the same
/// order. Its fields mean what a percentage's mean; it has no unit: a
/// point is its only one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields, rename = "percentage_point")]
pub struct PercentagePoint {
    /// As the source writes it (3個百分點, 零点五个百分点).
    #[schemars(length(min = 1))]
    pub text: String,
    /// In percentage points (3個百分點 is 3); negative when the source
    /// writes a sign (-0.5个百分点). A fall written as a word (下降) is
    /// still positive: the word is the text's, not the number's.
    pub value: f64,
    pub bound: Bound,
    /// Section holding it, null in text outside any section.
    #[schemars(with = "NumberRef", required)]
    pub section: Option<u32>,
    /// Clause holding it, null outside clauses.
    #[schemars(with = "NumberRef", required)]
    pub clause: Option<u32>,
    #[schemars(with = "SpanDef")]
    pub span: Span,
    /// As `Amount`'s `low_confidence`.
    #[serde(default, skip_serializing_if = "is_false")]
    #[schemars(with = "LowConfidence")]
    pub low_confidence: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bound_and_unit_names_are_the_json_names() {
        for b in [Bound::Max, Bound::Min, Bound::Approx, Bound::Exact] {
            assert_eq!(serde_json::to_value(b).expect("serializes"), b.as_str());
        }
        for u in [
            PercentageUnit::Percent,
            PercentageUnit::Discount,
            PercentageUnit::Tenths,
        ] {
            assert_eq!(serde_json::to_value(u).expect("serializes"), u.as_str());
        }
    }
}
