//! The gold scorer (`../shared/tools/score.py`) ported: the same folding,
//! the same keys per field, multiset F1. The tests cannot read `../shared`,
//! so the comparison lives here; `score.py` stays the reference.

use std::collections::HashMap;
use std::sync::LazyLock;

use notice_extract::Notice;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

/// The traditional → simplified table the scorer folds with (the project's
/// copy of it).
static T2S: LazyLock<HashMap<char, char>> = LazyLock::new(|| {
    let raw: HashMap<String, String> =
        serde_json::from_str(include_str!("../../src/decode/t2s-chars.json")).expect("t2s table");
    raw.into_iter()
        .filter_map(|(k, v)| Some((k.chars().next()?, v.chars().next()?)))
        .collect()
});

/// `fold` of score.py: NFKC, «» → 《》, traditional → simplified, no white
/// space.
pub fn fold(s: &str) -> String {
    s.nfkc()
        .map(|c| match c {
            '«' => '《',
            '»' => '》',
            c => c,
        })
        .filter(|c| !c.is_whitespace())
        .map(|c| T2S.get(&c).copied().unwrap_or(c))
        .collect()
}

/// One field's score.
#[derive(Debug, Clone)]
pub struct FieldScore {
    pub name: &'static str,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub missing: Vec<String>,
    pub extra: Vec<String>,
}

/// The fields score.py prints, in its order.
pub const FIELDS: &[&str] = &[
    "doc_number",
    "title",
    "signed_date",
    "published_at",
    "issuers",
    "recipients",
    "sections",
    "clauses",
    "responsible_units",
    "amounts",
    "percentages",
    "not_money",
];

/// Multiset precision, recall and F1 of two lists of keys.
fn f1(name: &'static str, gold: Vec<String>, got: Vec<String>) -> FieldScore {
    let mut g: HashMap<&String, i64> = HashMap::new();
    for k in &gold {
        *g.entry(k).or_default() += 1;
    }
    let mut p: HashMap<&String, i64> = HashMap::new();
    for k in &got {
        *p.entry(k).or_default() += 1;
    }
    let hit: i64 = g
        .iter()
        .map(|(k, n)| (*n).min(p.get(k).copied().unwrap_or(0)))
        .sum();
    let precision = if got.is_empty() {
        if gold.is_empty() {
            1.0
        } else {
            0.0
        }
    } else {
        hit as f64 / got.len() as f64
    };
    let recall = if gold.is_empty() {
        1.0
    } else {
        hit as f64 / gold.len() as f64
    };
    let f = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let left = |a: &HashMap<&String, i64>, b: &HashMap<&String, i64>| {
        let mut out: Vec<String> = Vec::new();
        for (k, n) in a {
            for _ in 0..(n - b.get(k).copied().unwrap_or(0)).max(0) {
                out.push((*k).clone());
            }
        }
        out.sort();
        out
    };
    FieldScore {
        name,
        precision,
        recall,
        f1: f,
        missing: left(&g, &p),
        extra: left(&p, &g),
    }
}

fn opt_fold(v: Option<&str>) -> String {
    v.map_or_else(|| "None".to_string(), |s| format!("{:?}", fold(s)))
}

fn num(v: Option<f64>) -> String {
    v.map_or_else(|| "None".to_string(), |v| format!("{v:.2}"))
}

fn opt_u(v: Option<u64>) -> String {
    v.map_or_else(|| "None".to_string(), |v| v.to_string())
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Scores a record against a gold answer, every field of score.py.
pub fn score(gold: &Value, n: &Notice) -> Vec<FieldScore> {
    let doc = serde_json::to_value(n).expect("record is JSON");
    let mut out = Vec::new();
    for name in ["doc_number", "title", "signed_date", "published_at"] {
        let gv = gold[name].as_str();
        let mut dv = doc[name].as_str().map(str::to_string);
        if name == "published_at" {
            if let (Some(g), Some(d)) = (gv, dv.as_mut()) {
                *d = d.chars().take(g.chars().count()).collect();
            }
        }
        out.push(f1(
            static_name(name),
            vec![opt_fold(gv)],
            vec![opt_fold(dv.as_deref())],
        ));
    }
    out.push(f1(
        "issuers",
        strs(&gold["issuers"]).iter().map(|x| fold(x)).collect(),
        n.issuers.iter().map(|x| fold(x)).collect(),
    ));
    let joined = |xs: &[String]| -> String {
        fold(&xs.concat())
            .chars()
            .filter(|c| !"、,;:".contains(*c))
            .collect()
    };
    out.push(f1(
        "recipients",
        vec![joined(&strs(&gold["recipients"]))],
        vec![joined(&n.recipients)],
    ));
    let sorted_units = |v: Vec<String>| {
        let mut u: Vec<String> = v.iter().map(|x| fold(x)).collect();
        u.sort();
        u
    };
    let empty = Vec::new();
    let gold_list = |k: &str| gold[k].as_array().unwrap_or(&empty).clone();
    out.push(f1(
        "sections",
        gold_list("sections")
            .iter()
            .map(|s| {
                format!(
                    "({}, {:?}, {:?})",
                    s["number"],
                    fold(s["title"].as_str().unwrap_or_default()),
                    sorted_units(strs(&s["lead_units"]))
                )
            })
            .collect(),
        n.sections
            .iter()
            .map(|s| {
                format!(
                    "({}, {:?}, {:?})",
                    s.number,
                    fold(&s.title),
                    sorted_units(s.lead_units.clone())
                )
            })
            .collect(),
    ));
    out.push(f1(
        "clauses",
        gold_list("clauses")
            .iter()
            .map(|c| {
                format!(
                    "({}, {}, {:?})",
                    c["number"],
                    opt_u(c["section"].as_u64()),
                    fold(c["title"].as_str().unwrap_or_default())
                )
            })
            .collect(),
        n.clauses
            .iter()
            .map(|c| {
                format!(
                    "({}, {}, {:?})",
                    c.number,
                    opt_u(c.section.map(u64::from)),
                    fold(&c.title)
                )
            })
            .collect(),
    ));
    out.push(f1(
        "responsible_units",
        gold_list("clauses")
            .iter()
            .map(|c| {
                let u: Vec<String> = strs(&c["responsible_units"])
                    .iter()
                    .map(|x| fold(x))
                    .collect();
                format!("({}, {:?})", c["number"], u)
            })
            .collect(),
        n.clauses
            .iter()
            .map(|c| {
                let u: Vec<String> = c.responsible_units.iter().map(|x| fold(x)).collect();
                format!("({}, {:?})", c.number, u)
            })
            .collect(),
    ));
    out.push(f1(
        "amounts",
        gold_list("amounts")
            .iter()
            .map(|a| {
                format!(
                    "({}, {}, {}, {}, {})",
                    opt_u(a["section"].as_u64()),
                    opt_u(a["clause"].as_u64()),
                    num(a["value"].as_f64()),
                    a["currency"],
                    a["bound"]
                )
            })
            .collect(),
        doc["amounts"]
            .as_array()
            .unwrap_or(&empty)
            .iter()
            .map(|a| {
                format!(
                    "({}, {}, {}, {}, {})",
                    opt_u(a["section"].as_u64()),
                    opt_u(a["clause"].as_u64()),
                    num(a["value"].as_f64()),
                    a["currency"],
                    a["bound"]
                )
            })
            .collect(),
    ));
    let pct = |a: &Value| {
        format!(
            "({}, {}, {}, {})",
            opt_u(a["section"].as_u64()),
            opt_u(a["clause"].as_u64()),
            num(a["value"].as_f64()),
            a["bound"]
        )
    };
    out.push(f1(
        "percentages",
        gold_list("percentages").iter().map(pct).collect(),
        doc["percentages"]
            .as_array()
            .unwrap_or(&empty)
            .iter()
            .map(pct)
            .collect(),
    ));
    let not_money: Vec<String> = strs(&gold["not_money"]).iter().map(|x| fold(x)).collect();
    let bad: Vec<String> = n
        .amounts
        .iter()
        .filter(|a| not_money.iter().any(|m| fold(&a.text).contains(m.as_str())))
        .map(|a| a.text.clone())
        .collect();
    out.push(FieldScore {
        name: "not_money",
        precision: if bad.is_empty() { 1.0 } else { 0.0 },
        recall: 1.0,
        f1: if bad.is_empty() { 1.0 } else { 0.0 },
        missing: Vec::new(),
        extra: bad,
    });
    out
}

fn static_name(name: &str) -> &'static str {
    FIELDS
        .iter()
        .find(|f| **f == name)
        .copied()
        .expect("a field of score.py")
}
