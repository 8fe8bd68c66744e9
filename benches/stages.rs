//! Where one document's time goes: each pipeline stage timed apart over the
//! HTML and text fixtures (`cargo bench --bench stages`). A profile to read
//! beside `benches/batch.rs`, not a target: the figures are µs per document.

mod common;

use std::time::Instant;

use notice_extract::decode::{self, html};
use notice_extract::fetch::RawDocument;
use notice_extract::model::Paragraphs;
use notice_extract::output::{json, schema};
use notice_extract::{entities, extract, structure, Config};

const ROUNDS: u32 = 20;

fn main() {
    let cfg = Config::default();
    let mut docs = Vec::new();
    for sub in ["html", "text"] {
        for f in common::fixture_files(sub) {
            let bytes = std::fs::read(&f).expect("read");
            docs.push(RawDocument::from_bytes(&f.to_string_lossy(), bytes));
        }
    }
    let mut total = [0f64; 8];
    let names = [
        "html5ever parse",
        "decode",
        "structure",
        "entities",
        "schema check",
        "pretty JSON",
        "sha256",
        "whole extract",
    ];
    for raw in &docs {
        let is_html = raw.uri.ends_with(".html");
        let mut t = [0f64; 8];
        for _ in 0..ROUNDS {
            if is_html {
                let s = Instant::now();
                let page = scraper::Html::parse_document(&String::from_utf8_lossy(&raw.bytes));
                std::hint::black_box(&page);
                t[0] += s.elapsed().as_secs_f64();
            }
            let s = Instant::now();
            let text = if is_html {
                html::decode_html(&raw.bytes, None).expect("decode").value
            } else {
                decode::decode(raw, &cfg.decode).expect("decode").value
            };
            t[1] += s.elapsed().as_secs_f64();
            let joined = Paragraphs::join(&text.paragraphs);
            let s = Instant::now();
            let st = structure::find_structure(&joined, &text.meta, &text.layout);
            std::hint::black_box(&st);
            t[2] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            std::hint::black_box(entities::find_entities(joined.text()));
            t[3] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let notice = extract(raw, &cfg).expect("extract");
            t[7] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            schema::validate(&notice).expect("valid");
            t[4] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            std::hint::black_box(json::to_pretty(&notice));
            t[5] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            std::hint::black_box(raw.sha256());
            t[6] += s.elapsed().as_secs_f64();
        }
        let name = raw.uri.rsplit('/').next().unwrap_or(&raw.uri);
        print!("{name:40} {:>7} B", raw.bytes.len());
        for (i, v) in t.iter().enumerate() {
            total[i] += v;
            print!(" {:>7.0}", v / f64::from(ROUNDS) * 1e6);
        }
        println!();
    }
    println!("# µs per document, mean over {} documents:", docs.len());
    for (name, v) in names.iter().zip(total) {
        println!(
            "{name:16} {:>8.0}",
            v / f64::from(ROUNDS) / docs.len() as f64 * 1e6
        );
    }
}
