//! Throughput of `find_entities` over the seed notice, in characters per
//! second; the aim is 50× jionlp's `extract_money` on the same text,
//! measured in the same session (machines here are shared and noisy).
//! 2026-11-28 21:35, quiet machine (the lead): this bench 70.3 and 71.0 M
//! chars/s (traditional, full-width), jionlp 1.5.31 1.58 and 1.59, i.e.
//! 44.5×. 22:35, load ≈ 17 on 2 cores, where this bench's wall clock
//! read a tenth of that, so timed in thread CPU time by a loop over the
//! same two texts (a copy of `entities` outside the crate):
//! `find_entities` before the commit that added this line 66.5 and 66.1 M
//! chars/s, after 67.9 and 68.2 (best of six runs interleaved; an earlier,
//! less loaded round gave 1.06× and 1.09×), jionlp (CPU time) 1.52 and
//! 1.52, i.e. 45×: the aim is not met. Where the time
//! goes (perf): the capture searches of the money and percent patterns
//! 40% (the bounded backtracker a third of that), the regions scan 15%,
//! folding regions 12%, the qualifier search of the bound pass 10%.
//! 2026-11-29 (issue-11d): plain figures read without the capture search,
//! the regions scan decoding UTF-8 itself, regions folded without offset
//! tables. Instructions in `find_entities` over both bodies (callgrind,
//! repeatable under any load): 171.4 per character before, 127.8 after
//! (1.34x fewer). Wall clock only under load 15 to 33: this bench, main's
//! binary and the new one interleaved, 24.9-28.0 against 33.1-38.7 M
//! chars/s (1.25-1.38x); jionlp (CPU time) 1.52 and 1.49.
//! 2026-11-29 02:43, quiet machine (load 2 → 1.6, the lead, merged main):
//! this bench 99.9 and 97.9 M chars/s (traditional, full-width; 71.9 at
//! 00:55 the same day before the change), jionlp 1.5.31 1.598 and 1.587
//! M chars/s measured between two runs of it: 62.5× and 61.7×. The aim
//! of 50× is met.

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
