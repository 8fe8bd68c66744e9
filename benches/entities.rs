//! Throughput of `find_entities` over the seed notice, in characters per
//! second; the aim is 50× jionlp's `extract_money` on the same text,
//! measured in the same session (machines here are shared and noisy).
//! 2026-11-28, load ≈ 12 on 2 cores, wall clock both: this bench 38.8 and
//! 34.1 M chars/s (traditional, full-width), jionlp 1.5.31 0.77 and 0.74 M
//! chars/s, i.e. 50× and 46×; in CPU time (rusage) the CLI's `entities`
//! does 47.6 M chars/s and jionlp 1.55, i.e. 31×.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use notice_extract::entities::find_entities;

/// The seed notice's body (the files hold it twice).
fn body(text: &'static str) -> &'static str {
    text.find("\nProduced By").map_or(text, |i| &text[..i])
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("entities");
    for (name, text) in [
        (
            "seed-traditional",
            body(include_str!("../fixtures/text/binjiang-2025-source.txt")),
        ),
        (
            "seed-fullwidth",
            body(include_str!("../fixtures/text/binjiang-2025-fullwidth.txt")),
        ),
    ] {
        group.throughput(Throughput::Elements(text.chars().count() as u64));
        group.bench_function(name, |b| {
            b.iter(|| find_entities(std::hint::black_box(text)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
