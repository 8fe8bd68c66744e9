//! How figures are named and printed on review pages: one place for bound
//! names, symbols and colours' classes, percentage units and number
//! formatting, shared by the notice pages and the index.

use crate::model::{Amount, Bound, Percentage, PercentagePoint, PercentageUnit};

/// Every bound, in the order legends and totals list them.
pub const BOUNDS: [Bound; 4] = [Bound::Max, Bound::Min, Bound::Approx, Bound::Exact];

/// The JSON name of a bound, also its CSS class suffix (`b-max`).
pub fn bound_name(b: Bound) -> &'static str {
    b.as_str()
}

/// The symbol shown before a figure, so bounds differ without colour.
pub fn bound_symbol(b: Bound) -> &'static str {
    match b {
        Bound::Max => "≤",
        Bound::Min => "≥",
        Bound::Approx => "≈",
        Bound::Exact => "=",
    }
}

/// What a bound means, with the words that make it (README, GOLD.md).
pub fn bound_meaning(b: Bound) -> &'static str {
    match b {
        Bound::Max => "a cap (最高, 不超過, 以內, 以下, 上限, 封頂 …)",
        Bound::Min => "a floor (以上, 不低於, 不少於, 突破, 超過 …)",
        Bound::Approx => "an estimate (約, 左右, 近)",
        Bound::Exact => "as stated, no qualifier",
    }
}

/// A bound in a word, for the legend.
pub fn bound_short(b: Bound) -> &'static str {
    match b {
        Bound::Max => "cap",
        Bound::Min => "floor",
        Bound::Approx => "estimate",
        Bound::Exact => "as stated",
    }
}

/// The JSON name of a percentage unit and the suffix printed after its
/// value.
pub fn percent_unit(u: PercentageUnit) -> (&'static str, &'static str) {
    let suffix = match u {
        PercentageUnit::Percent => "%",
        PercentageUnit::Discount => "% of the price (折)",
        PercentageUnit::Tenths => "% (成)",
        PercentageUnit::Point => " percentage points",
    };
    (u.as_str(), suffix)
}

/// A number with thousands separators (`1,820,000,000`, `0.5`), as Rust
/// prints it otherwise (shortest round-trip form, never an exponent).
pub fn group_digits(v: f64) -> String {
    let s = v.to_string();
    let (sign, s) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// The value in 萬 or 億 as notices write sums (`100万`, `18.2亿`), for
/// values of at least ten thousand.
pub fn chinese_scale(v: f64) -> Option<String> {
    let (unit, div) = if v >= 1e8 {
        ("亿", 1e8)
    } else if v >= 1e4 {
        ("万", 1e4)
    } else {
        return None;
    };
    let s = format!("{:.4}", v / div);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    Some(format!("{s}{unit}"))
}

/// `1 clause`, `3 clauses`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", group_digits(n as f64))
    }
}

/// `1,000,000 CNY (100万)`.
pub fn amount_value(a: &Amount) -> String {
    money(a.value, &a.currency)
}

/// A sum with its currency and its 萬/億 form.
pub fn money(value: f64, currency: &str) -> String {
    match chinese_scale(value) {
        Some(c) => format!("{} {currency} ({c})", group_digits(value)),
        None => format!("{} {currency}", group_digits(value)),
    }
}

/// `50%`, `80% of the price (折)`.
pub fn percentage_value(p: &Percentage) -> String {
    format!("{}{}", group_digits(p.value), percent_unit(p.unit).1)
}

/// `3 percentage points`.
pub fn point_value(p: &PercentagePoint) -> String {
    format!("{} percentage points", group_digits(p.value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_as_reviewers_read_them() {
        assert_eq!(group_digits(1_820_000_000.0), "1,820,000,000");
        assert_eq!(group_digits(999.0), "999");
        assert_eq!(group_digits(1234.5), "1,234.5");
        assert_eq!(group_digits(-12345.0), "-12,345");
        assert_eq!(group_digits(0.5), "0.5");
        assert_eq!(chinese_scale(1_000_000.0).as_deref(), Some("100万"));
        assert_eq!(chinese_scale(1_820_000_000.0).as_deref(), Some("18.2亿"));
        assert_eq!(chinese_scale(9999.0), None);
        assert_eq!(money(50_000.0, "CNY"), "50,000 CNY (5万)");
    }
}
