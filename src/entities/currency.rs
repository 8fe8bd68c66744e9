//! Currencies: the words, names, signs and codes that make a number
//! money, each with its ISO 4217 code, and the quick test of whether a
//! region can hold a sum at all.

/// Currency words written after the number, simplified, with their ISO
/// 4217 codes. Source: the currencies named in Chinese government notices,
/// jionlp's `CURRENCY_CASE` and the Recognizers-Text Chinese currency
/// list. Order does not matter: the pattern is built longest first
/// (`澳门元` before `元`). A name may also follow `元` (`9000元日币`,
/// `三万元欧元`): see [`NAMES`].
pub(super) const CURRENCIES: &[(&str, &str)] = &[
    ("元", "CNY"),
    ("圆", "CNY"),
    ("块钱", "CNY"),
    ("块", "CNY"),
    ("块钱人民币", "CNY"),
    ("块人民币", "CNY"),
    ("人民币元", "CNY"),
];

/// Currency names: after the number (`100萬美元`), after `元`
/// (`9000元日幣`), or before the number (`港幣2960元`, `美元1.5億`).
pub(super) const NAMES: &[(&str, &str)] = &[
    ("人民币", "CNY"),
    ("美元", "USD"),
    ("美金", "USD"),
    ("美刀", "USD"),
    ("港元", "HKD"),
    ("港币", "HKD"),
    ("欧元", "EUR"),
    ("日元", "JPY"),
    ("日圆", "JPY"),
    ("日币", "JPY"),
    ("英镑", "GBP"),
    ("澳元", "AUD"),
    ("澳币", "AUD"),
    ("澳大利亚元", "AUD"),
    ("加元", "CAD"),
    ("加币", "CAD"),
    ("加拿大元", "CAD"),
    ("新加坡元", "SGD"),
    ("新币", "SGD"),
    ("新西兰元", "NZD"),
    ("新台币", "TWD"),
    ("台币", "TWD"),
    ("澳门元", "MOP"),
    ("澳门币", "MOP"),
    ("韩元", "KRW"),
    ("韩币", "KRW"),
    ("卢布", "RUB"),
    ("瑞士法郎", "CHF"),
    ("泰铢", "THB"),
    ("林吉特", "MYR"),
    ("马来西亚林吉特", "MYR"),
    ("越南盾", "VND"),
    ("印度卢比", "INR"),
    ("印尼盾", "IDR"),
    ("瑞典克朗", "SEK"),
    ("挪威克朗", "NOK"),
    ("丹麦克朗", "DKK"),
    ("巴西雷亚尔", "BRL"),
    ("南非兰特", "ZAR"),
    ("墨西哥比索", "MXN"),
    ("菲律宾比索", "PHP"),
];

/// Hundredths of a currency, written after the number (`50美分` is 0.5
/// USD).
pub(super) const CENTS: &[(&str, &str)] = &[("美分", "USD"), ("欧分", "EUR"), ("便士", "GBP")];

/// Signs and codes written before the number. `￥`/`¥` is the yuan here:
/// the notices are Chinese.
pub(super) const SIGNS: &[(&str, &str)] = &[
    ("RMB", "CNY"),
    ("CNY", "CNY"),
    ("￥", "CNY"),
    ("¥", "CNY"),
    ("US$", "USD"),
    ("USD", "USD"),
    ("$", "USD"),
    ("HK$", "HKD"),
    ("HKD", "HKD"),
    ("NT$", "TWD"),
    ("TWD", "TWD"),
    ("EUR", "EUR"),
    ("€", "EUR"),
    ("GBP", "GBP"),
    ("£", "GBP"),
    ("JPY", "JPY"),
];

/// The ISO code of a currency word: `美元` USD, `元日币` JPY, `块钱` CNY.
pub(super) fn code_of(word: &str) -> &'static str {
    let name = match word.strip_prefix('元') {
        Some(rest) if !rest.is_empty() => rest,
        _ => word,
    };
    CURRENCIES
        .iter()
        .chain(NAMES)
        .chain(CENTS)
        .chain(SIGNS)
        .find(|(w, _)| *w == name)
        .map_or("CNY", |(_, c)| c)
}

/// Whether a currency word names no currency of its own (`元`, `块`):
/// a name or sign in front then says which currency it is.
pub(super) fn is_generic(word: &str) -> bool {
    CURRENCIES.iter().any(|(w, _)| *w == word)
}

/// Whether `word` is a whole currency word after a number: a word of
/// [`CURRENCIES`], a name, a name after `元`.
pub(super) fn is_currency_word(word: &str) -> bool {
    let name = word.strip_prefix('元').unwrap_or(word);
    CURRENCIES.iter().any(|(w, _)| *w == word) || NAMES.iter().chain(CENTS).any(|(w, _)| *w == name)
}

/// Whether a folded region can hold a sum at all: it has a character
/// that ends a common currency word or is a sign or code in front of a
/// number, or one of the rarer currency words whose last character is too
/// common to test alone (`卢比`: 比 is in every 比例).
pub(crate) fn could_hold_money(folded: &str) -> bool {
    const RARE: &[&str] = &[
        "卢比",
        "林吉特",
        "比索",
        "克朗",
        "雷亚尔",
        "兰特",
        "美分",
        "欧分",
        "美刀",
        "便士",
    ];
    // One pass: a region is short, but ten substring searches over it
    // cost more than looking at each character once.
    folded.char_indices().any(|(i, c)| match c {
        '元'
        | '圆'
        | '币'
        | '金'
        | '镑'
        | '布'
        | '郎'
        | '铢'
        | '盾'
        | '角'
        | '毛'
        | '块'
        | '钱'
        | '￥'
        | '¥'
        | '$'
        | '€'
        | '£'
        | 'A'..='Z' => true,
        '卢' | '林' | '比' | '克' | '雷' | '兰' | '美' | '欧' | '便' => {
            RARE.iter().any(|w| folded[i..].starts_with(w))
        }
        _ => false,
    })
}
