//! Word's automatic numbering: the label a numbered paragraph shows.
//!
//! A paragraph is numbered by a `w:numPr` (`numId`, `ilvl`) of its own or of
//! its style. `numbering.xml` maps the `numId` to an abstract definition,
//! whose level `ilvl` says where counting starts (`w:start`), how the
//! number is written (`w:numFmt`: `decimal`, `chineseCounting` 一二三,
//! `decimalEnclosedCircle` ①…) and the label's pattern (`w:lvlText`:
//! `%1、`, `（%1）`, `%1.%2`). Counters belong to the abstract definition,
//! so two `numId`s sharing one continue each other's count, unless a
//! `w:lvlOverride/w:startOverride` restarts it; a level restarts when a
//! level above it counts on (`w:lvlRestart` can change or stop that).
//! Bullets and `none` give no label.

use std::collections::{HashMap, HashSet};

use super::xml::{attr, local, Part, Step};
use super::OfficeError;

/// One level of a list definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: i64,
    format: String,
    text: String,
    /// Levels (1-based) whose counting restarts this one: None = any level
    /// above it (the default), Some(0) = never.
    restart: Option<usize>,
    /// `w:isLgl`: show every number of the label as a decimal.
    legal: bool,
    /// `w:suff`: what follows the label (`tab`, `space`, `nothing`).
    suffix: String,
}

/// A `w:num`: its abstract definition and the levels it restarts or redefines.
#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    start_overrides: HashMap<usize, i64>,
    level_overrides: HashMap<usize, Level>,
}

/// The list definitions of a document and the counters as the document is
/// read in order.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, HashMap<usize, Level>>,
    nums: HashMap<String, Num>,
    counters: HashMap<String, [Option<i64>; 9]>,
    started: HashSet<String>,
}

/// Deepest level Word defines (`ilvl` 0–8).
const LEVELS: usize = 9;

impl Numbering {
    /// Reads `word/numbering.xml`.
    ///
    /// # Errors
    /// As [`Part::step`].
    pub fn parse(bytes: &[u8], max_depth: usize) -> Result<Self, OfficeError> {
        let mut part = Part::new("word/numbering.xml", bytes, max_depth);
        let mut n = Numbering::default();
        // Where we are: the abstractNum or num being read, the level.
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut override_level: Option<usize> = None;
        while let Some(step) = part.step()? {
            match step {
                Step::Start(e) => match local(&e).as_slice() {
                    b"abstractNum" => abstract_id = attr(&e, b"abstractNumId"),
                    b"num" => {
                        num_id = attr(&e, b"numId");
                        if let Some(id) = &num_id {
                            n.nums.insert(id.clone(), Num::default());
                        }
                    }
                    b"abstractNumId" => {
                        if let (Some(id), Some(v)) = (&num_id, attr(&e, b"val")) {
                            if let Some(num) = n.nums.get_mut(id) {
                                num.abstract_id = v;
                            }
                        }
                    }
                    b"lvlOverride" => {
                        override_level = attr(&e, b"ilvl").and_then(|v| v.parse().ok());
                    }
                    b"startOverride" => {
                        if let (Some(id), Some(l), Some(v)) = (
                            &num_id,
                            override_level,
                            attr(&e, b"val").and_then(|v| v.parse().ok()),
                        ) {
                            if let Some(num) = n.nums.get_mut(id) {
                                num.start_overrides.insert(l, v);
                            }
                        }
                    }
                    b"lvl" => {
                        let ilvl = attr(&e, b"ilvl")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0usize);
                        level = Some((
                            ilvl,
                            Level {
                                start: 1,
                                format: "decimal".into(),
                                suffix: "tab".into(),
                                ..Level::default()
                            },
                        ));
                    }
                    name => {
                        if let Some((_, l)) = level.as_mut() {
                            let val = attr(&e, b"val");
                            match name {
                                b"start" => l.start = val.and_then(|v| v.parse().ok()).unwrap_or(1),
                                b"numFmt" => l.format = val.unwrap_or_default(),
                                b"lvlText" => l.text = val.unwrap_or_default(),
                                b"lvlRestart" => l.restart = val.and_then(|v| v.parse().ok()),
                                b"isLgl" => l.legal = val.is_none_or(|v| v != "0" && v != "false"),
                                b"suff" => l.suffix = val.unwrap_or_default(),
                                _ => {}
                            }
                        }
                    }
                },
                Step::End(name) => match name.as_slice() {
                    b"lvl" => {
                        if let Some((ilvl, l)) = level.take() {
                            if ilvl < LEVELS {
                                if let (Some(id), Some(o)) = (&num_id, override_level) {
                                    if let Some(num) = n.nums.get_mut(id) {
                                        num.level_overrides.insert(o, l);
                                    }
                                } else if let Some(a) = &abstract_id {
                                    n.abstracts.entry(a.clone()).or_default().insert(ilvl, l);
                                }
                            }
                        }
                    }
                    b"lvlOverride" => override_level = None,
                    b"abstractNum" => abstract_id = None,
                    b"num" => num_id = None,
                    _ => {}
                },
                Step::Text(_) => {}
            }
        }
        Ok(n)
    }

    fn level<'a>(&'a self, num: &'a Num, ilvl: usize) -> Option<&'a Level> {
        num.level_overrides
            .get(&ilvl)
            .or_else(|| self.abstracts.get(&num.abstract_id)?.get(&ilvl))
    }

    /// Counts a paragraph numbered (`num_id`, `ilvl`) and returns the label
    /// it shows and whether a separator follows it; None for `numId` 0, an
    /// unknown list, a bullet or a `none` format.
    pub fn next_label(&mut self, num_id: &str, ilvl: usize) -> Option<(String, bool)> {
        if num_id == "0" || ilvl >= LEVELS {
            return None;
        }
        let num = self.nums.get(num_id)?.clone();
        let key = num.abstract_id.clone();
        let counters = self.counters.entry(key.clone()).or_insert([None; LEVELS]);
        if self.started.insert(num_id.to_string()) {
            for l in num.start_overrides.keys() {
                if *l < LEVELS {
                    counters[*l] = None;
                }
            }
        }
        let start_of = |this: &Numbering, l: usize| -> i64 {
            num.start_overrides
                .get(&l)
                .copied()
                .or_else(|| this.level(&num, l).map(|x| x.start))
                .unwrap_or(1)
        };
        let start = start_of(self, ilvl);
        let counters = self.counters.get_mut(&key)?;
        counters[ilvl] = Some(counters[ilvl].map_or(start, |c| c + 1));
        let counters = *counters;
        // Deeper levels restart, as their lvlRestart says.
        let restarts: Vec<usize> = (ilvl + 1..LEVELS)
            .filter(|&k| {
                let restart = self.level(&num, k).and_then(|l| l.restart);
                match restart {
                    Some(0) => false,
                    Some(r) => ilvl < r,
                    None => true,
                }
            })
            .collect();
        if let Some(c) = self.counters.get_mut(&key) {
            for k in restarts {
                c[k] = None;
            }
        }
        let level = self.level(&num, ilvl)?.clone();
        if matches!(level.format.as_str(), "bullet" | "none") {
            return None;
        }
        let mut label = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let l = (d as usize).saturating_sub(1).min(LEVELS - 1);
                    let value = counters[l].unwrap_or_else(|| start_of(self, l));
                    let format = if level.legal {
                        "decimal".to_string()
                    } else {
                        self.level(&num, l)
                            .map_or_else(|| "decimal".to_string(), |x| x.format.clone())
                    };
                    label.push_str(&format_number(value, &format));
                    continue;
                }
            }
            label.push(c);
        }
        let label = label.trim().to_string();
        (!label.is_empty()).then_some((label, level.suffix != "nothing"))
    }
}

const CN_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const CN_LEGAL: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const TIANGAN: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
const DIZHI: [char; 12] = [
    '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
];

/// A number written in a `w:numFmt`; formats not listed fall back to
/// decimal (what Word shows for an unknown format).
pub fn format_number(n: i64, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => chinese(n, &CN_DIGITS, false),
        "chineseLegalSimplified" => chinese(n, &CN_LEGAL, true),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => {
            if n < 0 {
                n.to_string()
            } else {
                n.to_string()
                    .chars()
                    .map(|d| CN_DIGITS[d.to_digit(10).unwrap_or(0) as usize])
                    .collect()
            }
        }
        "ideographTraditional" if (1..=10).contains(&n) => TIANGAN[(n - 1) as usize].to_string(),
        "ideographZodiac" if (1..=12).contains(&n) => DIZHI[(n - 1) as usize].to_string(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n as u32 - 1).map_or(n.to_string(), String::from)
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => {
            char::from_u32(0x2474 + n as u32 - 1).map_or(n.to_string(), String::from)
        }
        "decimalEnclosedFullstop" if (1..=20).contains(&n) => {
            char::from_u32(0x2488 + n as u32 - 1).map_or(n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c))
            .collect(),
        "decimalZero" if (0..10).contains(&n) => format!("0{n}"),
        "upperLetter" | "lowerLetter" if n > 0 => {
            // Word repeats the letter: 27 is AA, 53 AAA.
            let letter = (b'A' + ((n - 1) % 26) as u8) as char;
            let s = letter.to_string().repeat(((n - 1) / 26 + 1) as usize);
            if format == "lowerLetter" {
                s.to_lowercase()
            } else {
                s
            }
        }
        "upperRoman" | "lowerRoman" if (1..4000).contains(&n) => {
            let s = roman(n);
            if format == "lowerRoman" {
                s.to_lowercase()
            } else {
                s
            }
        }
        _ => n.to_string(),
    }
}

/// A number in Chinese counting: 十一, 二十, 一百零五 (`legal`: 壹拾壹…).
fn chinese(n: i64, digits: &[char; 10], legal: bool) -> String {
    if !(0..100_000_000).contains(&n) {
        return n.to_string();
    }
    if n == 0 {
        return digits[0].to_string();
    }
    let units = if legal {
        ['\0', '拾', '佰', '仟']
    } else {
        ['\0', '十', '百', '千']
    };
    let group = |g: i64, out: &mut String| {
        let ds = [g / 1000 % 10, g / 100 % 10, g / 10 % 10, g % 10];
        let mut zero = false;
        for (i, &d) in ds.iter().enumerate() {
            let unit = units[3 - i];
            if d == 0 {
                zero = !out.is_empty();
                continue;
            }
            if zero {
                out.push(digits[0]);
                zero = false;
            }
            // 十一, not 一十一, when the number starts with the tens.
            if !(d == 1 && unit == units[1] && out.is_empty() && !legal) {
                out.push(digits[d as usize]);
            }
            if unit != '\0' {
                out.push(unit);
            }
        }
    };
    let mut out = String::new();
    let (high, low) = (n / 10_000, n % 10_000);
    if high > 0 {
        group(high, &mut out);
        out.push(if legal { '萬' } else { '万' });
        if low > 0 && low < 1000 {
            out.push(digits[0]);
        }
    }
    if low > 0 {
        let mut rest = String::new();
        group(low, &mut rest);
        // Inside a larger number a leading 十 keeps its 一 (一万零一十).
        if high > 0 && (10..20).contains(&low) && !legal {
            rest.insert(0, digits[1]);
        }
        out.push_str(rest.trim_start_matches(digits[0]));
    }
    // The Chinese zero for 〇-digit formats is 零 inside a number.
    if !legal {
        out = out.replace('〇', "零");
    }
    out
}

fn roman(mut n: i64) -> String {
    const TABLE: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_word_formats() {
        let cases = [
            (1, "chineseCounting", "一"),
            (10, "chineseCounting", "十"),
            (11, "chineseCounting", "十一"),
            (20, "chineseCounting", "二十"),
            (46, "chineseCountingThousand", "四十六"),
            (105, "chineseCountingThousand", "一百零五"),
            (110, "chineseCountingThousand", "一百一十"),
            (1001, "chineseCountingThousand", "一千零一"),
            (0, "chineseCounting", "〇"),
            (12, "chineseLegalSimplified", "壹拾贰"),
            (3, "ideographTraditional", "丙"),
            (3, "decimalEnclosedCircleChinese", "③"),
            (20, "decimalEnclosedCircle", "⑳"),
            (21, "decimalEnclosedCircle", "21"),
            (2, "decimalEnclosedParen", "⑵"),
            (12, "decimalFullWidth", "１２"),
            (28, "upperLetter", "BB"),
            (14, "lowerRoman", "xiv"),
            (7, "decimalZero", "07"),
            (7, "ordinal", "7"),
            (2024, "ideographDigital", "二〇二四"),
        ];
        for (n, f, want) in cases {
            assert_eq!(format_number(n, f), want, "{n} {f}");
        }
    }

    fn numbering() -> Numbering {
        // Two lists sharing abstract 0 (一、 > （一） > 1.), the second
        // restarting; abstract 1 a bullet list.
        let xml = r#"<w:numbering xmlns:w="w">
          <w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
            <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:lvlRestart w:val="1"/></w:lvl>
            <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%4"/><w:isLgl/></w:lvl>
          </w:abstractNum>
          <w:abstractNum w:abstractNumId="1">
            <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
          <w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
          <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
          <w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>
        </w:numbering>"#;
        Numbering::parse(xml.as_bytes(), 64).unwrap()
    }

    #[test]
    fn counters_follow_levels_lists_and_overrides() {
        let mut n = numbering();
        let mut next = |id: &str, l: usize| n.next_label(id, l).map(|(s, _)| s);
        assert_eq!(next("1", 0).as_deref(), Some("一、"));
        assert_eq!(next("1", 1).as_deref(), Some("（一）"));
        assert_eq!(next("1", 2).as_deref(), Some("1."));
        assert_eq!(next("1", 2).as_deref(), Some("2."));
        assert_eq!(next("1", 1).as_deref(), Some("（二）"));
        // lvlRestart 1: 1. restarts only when level 1 (一、) counts on.
        assert_eq!(next("1", 2).as_deref(), Some("3."));
        // numId 2 shares abstract 0: the count goes on.
        assert_eq!(next("2", 0).as_deref(), Some("二、"));
        assert_eq!(next("2", 1).as_deref(), Some("（一）"));
        assert_eq!(next("2", 2).as_deref(), Some("1."));
        // isLgl: the chinese level shows as a decimal in `%1.%4`.
        assert_eq!(next("2", 3).as_deref(), Some("2.1"));
        // startOverride restarts at 五.
        assert_eq!(next("3", 0).as_deref(), Some("五、"));
        assert_eq!(next("3", 0).as_deref(), Some("六、"));
        assert_eq!(next("4", 0), None, "bullets give no label");
        assert_eq!(next("0", 0), None, "numId 0 is no numbering");
        assert_eq!(next("9", 0), None, "unknown list");
    }

    #[test]
    fn suffix_nothing_means_no_separator() {
        let mut n = numbering();
        assert_eq!(n.next_label("1", 0), Some(("一、".into(), false)));
        assert_eq!(n.next_label("1", 1), Some(("（一）".into(), true)));
    }
}
