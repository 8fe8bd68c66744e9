//! Numerals: Chinese, financial and Arabic numbers to values.
//!
//! In: the characters of one number as a document writes it, in either
//! script and either width (`18.2`, `1,000`, `１００`, `十五`, `一千二百萬`,
//! `壹佰萬`, `3千萬`, `4.78萬億`, `四十九兆`, `二〇二五`, `十二點五`, `廿二`,
//! `百分之五 十` as a PDF lays it out). Out: its value, never negative (a
//! sign is the caller's: it is written outside the numeral, `-`, `负`).
//! Refused (`None`): anything else, including units out of order (`十百`)
//! and two Arabic numbers with nothing but a space between them (`2024 100`
//! is two figures, not one).
//!
//! Values are kept as a decimal fraction `m / 10^d` with an integer `m`
//! until the end, so `18.2億` is exactly 1820000000 and not
//! 1819999999.9999998, which a naive `18.2 * 1e8` gives.

/// Value of a numeral: `四十六` is 46, `1.5億` is 150000000.
///
/// Handles one to ninety-nine and beyond (`一百零五`, `三千五百萬`),
/// financial capitals (`肆仟伍佰`), `两`/`兩`, `〇`/`零`, `廿`/`卅`/`卌`
/// (20, 30, 40), `兆` (10^12, as in `四十九兆九千億`), digit-by-digit
/// numerals (`二〇二五` is 2025), colloquial forms (`一千二` is 1200,
/// `三萬五` is 35000, `一百十一` is 111), a point after a unit (`二十點五`),
/// layout spaces between Chinese numerals (`五 十`), and Arabic numbers with
/// thousands separators and decimals, alone or with Chinese units (`3千萬`).
///
/// # Example
///
/// ```
/// use notice_extract::entities::numerals::parse_numeral;
/// assert_eq!(parse_numeral("四十六"), Some(46.0));
/// assert_eq!(parse_numeral("18.2億"), Some(1_820_000_000.0));
/// assert_eq!(parse_numeral("壹佰萬"), Some(1_000_000.0));
/// assert_eq!(parse_numeral("十百"), None);
/// ```
pub fn parse_numeral(s: &str) -> Option<f64> {
    parse_dec(s).map(Dec::to_f64)
}

/// A decimal `m / 10^d` with an integer-valued `m`: exact for the sizes
/// notices use (below 2^53).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Dec {
    m: f64,
    d: i32,
}

impl Dec {
    pub(crate) const ZERO: Dec = Dec { m: 0.0, d: 0 };

    pub(crate) fn int(v: f64) -> Dec {
        Dec { m: v, d: 0 }
    }

    /// Times an integer (a unit or scale such as 10000).
    pub(crate) fn times(self, k: f64) -> Dec {
        Dec {
            m: self.m * k,
            d: self.d,
        }
    }

    /// Divided by `10^k` (角 is a tenth of a 元).
    pub(crate) fn tenths(self, k: i32) -> Dec {
        Dec {
            m: self.m,
            d: self.d + k,
        }
    }

    /// The product of two decimals (a bare number times a shared unit).
    pub(crate) fn mul(self, o: Dec) -> Dec {
        Dec {
            m: self.m * o.m,
            d: self.d + o.d,
        }
    }

    /// One tenth (`‰` per percent).
    pub(crate) const TENTH: Dec = Dec { m: 1.0, d: 1 };

    pub(crate) fn plus(self, o: Dec) -> Dec {
        let d = self.d.max(o.d);
        Dec {
            m: self.m * pow10(d - self.d) + o.m * pow10(d - o.d),
            d,
        }
    }

    pub(crate) fn is_zero(self) -> bool {
        self.m == 0.0
    }

    /// The nearest `f64`: one correctly rounded division at the end.
    pub(crate) fn to_f64(self) -> f64 {
        if self.d <= 0 {
            self.m * pow10(-self.d)
        } else {
            self.m / pow10(self.d)
        }
    }
}

fn pow10(k: i32) -> f64 {
    10f64.powi(k)
}

/// Value of a Chinese digit in any script (ordinary and financial).
pub(crate) fn cn_digit(c: char) -> Option<u8> {
    Some(match c {
        '零' | '〇' | '○' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '兩' | '贰' | '貳' | '貮' => 2,
        '三' | '叁' | '叄' | '参' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// 十, 百, 千 in any script.
pub(crate) fn small_unit(c: char) -> Option<f64> {
    Some(match c {
        '十' | '拾' => 10.0,
        '百' | '佰' => 100.0,
        '千' | '仟' => 1000.0,
        _ => return None,
    })
}

/// 萬, 億 and 兆, the units that start a new group of digits. 兆 is
/// 10^12 (萬億), as in financial and Taiwanese usage (`四十九兆九千五百九十二
/// 億元`); as 10^6 it only appears in physical units (`兆瓦`), never money.
pub(crate) fn big_unit(c: char) -> Option<f64> {
    Some(match c {
        '万' | '萬' => 1e4,
        '亿' | '億' => 1e8,
        '兆' => 1e12,
        _ => return None,
    })
}

/// `廿`, `卅`, `卌`: one character for twenty, thirty, forty.
pub(crate) fn tens_digit(c: char) -> Option<char> {
    match c {
        '廿' => Some('二'),
        '卅' => Some('三'),
        '卌' => Some('四'),
        _ => None,
    }
}

/// Value of an Arabic digit, half or full width.
fn arabic_digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => char::from_u32(c as u32 - 0xFEE0).map(|a| a as u8 - b'0'),
        _ => None,
    }
}

fn is_point(c: char) -> bool {
    matches!(c, '.' | '．' | '点' | '點')
}

fn is_separator(c: char) -> bool {
    matches!(c, ',' | '，')
}

/// Value of a numeral, exactly; see [`parse_numeral`].
///
/// Iterative, and linear in the length of `s`: a hostile numeral
/// (`一`, then `亿` ten thousand times) neither exhausts the stack nor
/// takes quadratic time. Its value is then infinite, which the caller
/// refuses as a figure (see [`crate::entities::find_entities`]).
pub(crate) fn parse_dec(s: &str) -> Option<Dec> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    // 兆 outranks 億, 億 outranks 萬: `三億五千萬` splits at 億 first,
    // `4.78萬億` too, `四十九兆九千億` at 兆. The split is repeated on
    // what lies left of the unit (`一億億` is 一億 times 億); what lies
    // right of it holds only lower units, so `parse_dec` recurses at most
    // twice on it.
    let mut ranks: [Vec<usize>; 3] = Default::default();
    for (i, c) in s.char_indices() {
        match c {
            '兆' => ranks[0].push(i),
            '亿' | '億' => ranks[1].push(i),
            '万' | '萬' => ranks[2].push(i),
            _ => {}
        }
    }
    // (scale, low part) from the rightmost split leftwards.
    let mut parts: Vec<(f64, Dec)> = Vec::new();
    let mut end = s.len();
    let high = loop {
        let left = &s[..end];
        let mut split = None;
        for positions in &mut ranks {
            while positions.last().is_some_and(|&i| i >= end) {
                positions.pop();
            }
            if let Some(&i) = positions.last() {
                split = Some(i);
                break;
            }
        }
        let Some(i) = split else {
            break parse_group(left)?;
        };
        let c = left[i..].chars().next()?;
        let scale = big_unit(c)?;
        let right = &left[i + c.len_utf8()..];
        let low = if right.is_empty() {
            Dec::ZERO
        } else if let Some(d) = lone_digit(right) {
            // 三萬五: the digit is the next place down.
            Dec::int(f64::from(d) * scale / 10.0)
        } else {
            parse_dec(right)?
        };
        if low.to_f64() >= scale {
            return None;
        }
        parts.push((scale, low));
        if i == 0 {
            break Dec::int(1.0);
        }
        end = i;
    };
    Some(
        parts
            .iter()
            .rev()
            .fold(high, |acc, &(scale, low)| acc.times(scale).plus(low)),
    )
}

/// `五六百` (500 to 600), `三四十萬` (30萬 to 40萬), `十五六萬`: two
/// neighbouring Chinese digits right before a unit are a rough range, not
/// one number read digit by digit (which [`parse_dec`] would make of them:
/// 5600). Returns its low and high ends; `None` for any other numeral.
pub(crate) fn vague_range(s: &str) -> Option<(Dec, Dec)> {
    let mut it = s.char_indices().peekable();
    let mut before: Option<char> = None;
    while let Some((i, a)) = it.next() {
        let Some(&(j, b)) = it.peek() else { break };
        let pair = match (cn_digit(a), cn_digit(b)) {
            (Some(x), Some(y)) => x != 0 && (y == x + 1 || (x, y) == (3, 5)),
            _ => false,
        };
        let k = j + b.len_utf8();
        let unit_next = s[k..]
            .chars()
            .next()
            .is_some_and(|c| small_unit(c).is_some() || big_unit(c).is_some());
        if pair && unit_next && before.is_none_or(|c| cn_digit(c).is_none()) {
            let lo = format!("{}{}", &s[..j], &s[k..]);
            let hi = format!("{}{}", &s[..i], &s[j..]);
            return Some((parse_dec(&lo)?, parse_dec(&hi)?));
        }
        before = Some(a);
    }
    None
}

/// Where a space between two digits cuts a numeral: `一 二` is two
/// numbers (an enumeration laid out with spaces), `五 十` one.
pub(crate) fn spaced_digits(num: &str) -> Option<usize> {
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || cn_digit(c).is_some());
    num.char_indices().find_map(|(i, c)| {
        (c == ' ' && digit(num[..i].chars().next_back()) && digit(num[i + 1..].chars().next()))
            .then_some(i)
    })
}

/// The value of `s` if it is a single non-zero Chinese digit.
fn lone_digit(s: &str) -> Option<u8> {
    let mut it = s.chars();
    let d = cn_digit(it.next()?)?;
    (it.next().is_none() && d != 0).then_some(d)
}

/// What the previous token of a group was.
#[derive(Clone, Copy, PartialEq)]
enum Prev {
    Start,
    Digit,
    Zero,
    Unit,
    Arabic,
}

/// A number below 萬: digits, 十百千, Arabic runs and a decimal point.
fn parse_group(s: &str) -> Option<Dec> {
    // 廿 is 二十.
    let mut chars: Vec<char> = Vec::with_capacity(s.len());
    for c in s.chars() {
        match tens_digit(c) {
            Some(d) => chars.extend([d, '十']),
            None => chars.push(c),
        }
    }
    let mut acc = Dec::ZERO;
    let mut cur: Option<Dec> = None;
    let mut last_unit: Option<f64> = None;
    let mut prev = Prev::Start;
    // A lone digit right after 百 or 千 (`一千二`) counts in the next place
    // down; cleared as soon as another digit follows.
    let mut colloquial = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' {
            // A layout space is nothing; an Arabic run still ends at it, so
            // `2024 100` is refused (an Arabic digit after an Arabic run).
            i += 1;
            continue;
        }
        if arabic_digit(c).is_some() {
            if matches!(prev, Prev::Digit | Prev::Arabic) {
                return None;
            }
            let (v, next) = arabic_run(&chars, i)?;
            cur = Some(v);
            prev = Prev::Arabic;
            colloquial = false;
            i = next;
            continue;
        }
        if let Some(d) = cn_digit(c) {
            match prev {
                Prev::Arabic => return None,
                Prev::Digit => {
                    // 二〇二五: digit by digit.
                    let base = cur.unwrap_or(Dec::ZERO);
                    cur = Some(base.times(10.0).plus(Dec::int(f64::from(d))));
                    colloquial = false;
                }
                _ if d == 0 => {
                    prev = Prev::Zero;
                    i += 1;
                    continue;
                }
                _ => {
                    colloquial = prev == Prev::Unit;
                    cur = Some(Dec::int(f64::from(d)));
                }
            }
            prev = Prev::Digit;
            i += 1;
            continue;
        }
        if let Some(u) = small_unit(c) {
            if last_unit.is_some_and(|l| l <= u) {
                return None;
            }
            let mult = match (cur, prev) {
                (Some(v), _) => v,
                (None, Prev::Start | Prev::Zero) => Dec::int(1.0),
                // 一百十一: 十 right after a larger unit is 一十.
                (None, Prev::Unit) if u == 10.0 => Dec::int(1.0),
                _ => return None,
            };
            acc = acc.plus(mult.times(u));
            cur = None;
            last_unit = Some(u);
            prev = Prev::Unit;
            colloquial = false;
            i += 1;
            continue;
        }
        if is_point(c) && prev != Prev::Arabic {
            // 十二點五, 二十點五, 點二八: digits after the point, and nothing
            // else.
            let mut frac = Dec::ZERO;
            let mut k = 0;
            for &f in &chars[i + 1..] {
                let d = cn_digit(f).or_else(|| arabic_digit(f))?;
                k += 1;
                frac = frac.plus(Dec::int(f64::from(d)).tenths(k));
            }
            if k == 0 {
                return None;
            }
            cur = Some(cur.unwrap_or(Dec::ZERO).plus(frac));
            colloquial = false;
            break;
        }
        return None;
    }
    match (cur, prev) {
        (Some(v), _) => {
            let v = match last_unit {
                Some(u) if colloquial && u >= 100.0 => v.times(u / 10.0),
                _ => v,
            };
            Some(acc.plus(v))
        }
        (None, Prev::Start) => None,
        (None, _) => Some(acc),
    }
}

/// An Arabic number starting at `chars[i]`: digits, thousands groups,
/// a decimal part. Returns its value and the index after it.
fn arabic_run(chars: &[char], mut i: usize) -> Option<(Dec, usize)> {
    let mut v = Dec::ZERO;
    while i < chars.len() {
        let c = chars[i];
        if let Some(d) = arabic_digit(c) {
            v = v.times(10.0).plus(Dec::int(f64::from(d)));
            i += 1;
        } else if is_separator(c) {
            // A thousands separator needs exactly three digits after it.
            let group = chars.get(i + 1..i + 4)?;
            if !group.iter().all(|&g| arabic_digit(g).is_some())
                || chars.get(i + 4).is_some_and(|&g| arabic_digit(g).is_some())
            {
                return None;
            }
            i += 1;
        } else {
            break;
        }
    }
    if i < chars.len() && matches!(chars[i], '.' | '．') {
        let mut k = 0;
        i += 1;
        while let Some(d) = chars.get(i).and_then(|&c| arabic_digit(c)) {
            k += 1;
            v = v.plus(Dec::int(f64::from(d)).tenths(k));
            i += 1;
        }
        if k == 0 {
            return None;
        }
    }
    Some((v, i))
}

#[cfg(test)]
mod tests {
    use super::parse_numeral as p;

    #[test]
    fn chinese_numerals() {
        assert_eq!(p("一"), Some(1.0));
        assert_eq!(p("十"), Some(10.0));
        assert_eq!(p("十五"), Some(15.0));
        assert_eq!(p("二十"), Some(20.0));
        assert_eq!(p("四十六"), Some(46.0));
        assert_eq!(p("九十九"), Some(99.0));
        assert_eq!(p("一百零五"), Some(105.0));
        assert_eq!(p("一千零十"), Some(1010.0));
        assert_eq!(p("一千二百萬"), Some(12_000_000.0));
        assert_eq!(p("三千五百万"), Some(35_000_000.0));
        assert_eq!(p("三億五千萬"), Some(350_000_000.0));
        assert_eq!(p("两"), Some(2.0));
        assert_eq!(p("二〇二五"), Some(2025.0));
        assert_eq!(p("一千二"), Some(1200.0));
        assert_eq!(p("三萬五"), Some(35000.0));
        assert_eq!(p("十二點五"), Some(12.5));
        assert_eq!(p("零"), Some(0.0));
        assert_eq!(p("一百十一"), Some(111.0));
        assert_eq!(p("二十點五"), Some(20.5));
        assert_eq!(p("一百二十点五"), Some(120.5));
        assert_eq!(p("点二八"), Some(0.28));
        assert_eq!(p("廿二"), Some(22.0));
        assert_eq!(p("卅"), Some(30.0));
        assert_eq!(p("四十九兆九千五百九十二亿"), Some(49_959_200_000_000.0));
        assert_eq!(p("一兆"), Some(1e12));
        assert_eq!(p("五 十"), Some(50.0));
        assert_eq!(
            p("一千一百一十一万一千一百一十一亿一千一百一十一万一千一百一十一"),
            Some(1_111_111_111_111_111.0)
        );
    }

    #[test]
    fn vague_ranges() {
        use super::vague_range as v;
        let both = |s| v(s).map(|(a, b)| (a.to_f64(), b.to_f64()));
        assert_eq!(both("五六百"), Some((500.0, 600.0)));
        assert_eq!(both("三四十万"), Some((300_000.0, 400_000.0)));
        assert_eq!(both("十五六万"), Some((150_000.0, 160_000.0)));
        assert_eq!(both("两三千"), Some((2000.0, 3000.0)));
        assert_eq!(both("二〇二五"), None);
        assert_eq!(both("五百"), None);
        assert_eq!(both("一二三"), None);
    }

    #[test]
    fn financial_and_mixed() {
        assert_eq!(p("壹佰萬"), Some(1_000_000.0));
        assert_eq!(p("肆仟伍佰"), Some(4500.0));
        assert_eq!(p("貳拾"), Some(20.0));
        assert_eq!(p("3千萬"), Some(30_000_000.0));
        assert_eq!(p("1.5亿"), Some(150_000_000.0));
        assert_eq!(p("4.78萬億"), Some(4_780_000_000_000.0));
        assert_eq!(p("18.2億"), Some(1_820_000_000.0));
        assert_eq!(p("1,000萬"), Some(10_000_000.0));
        assert_eq!(p("１００"), Some(100.0));
        assert_eq!(p("110.4億"), Some(11_040_000_000.0));
    }

    #[test]
    fn refusals() {
        assert_eq!(p(""), None);
        assert_eq!(p("十百"), None);
        assert_eq!(p("abc"), None);
        assert_eq!(p("1,00"), None);
        assert_eq!(p("5一"), None);
        assert_eq!(p("2024 100"), None);
        assert_eq!(p("点"), None);
    }
}
