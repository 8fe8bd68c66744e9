#!/usr/bin/env bash
# Runs every fuzz target (or those named) for a bounded time, one after the
# other, at low priority; prints and writes (fuzz/logs/summary.tsv) per
# target: executions, exec/s, coverage, corpus, crashes/timeouts/OOMs.
#
#   fuzz/run.sh                  # all four targets, 600 s each
#   fuzz/run.sh 60 html text     # 60 s each, two targets
#   JOBS=2 fuzz/run.sh           # two fuzzing processes per target
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz
# --locked`). Not part of CI: it takes as long as you give it.
#
# Each target runs in libFuzzer's fork mode, so a crash, timeout or OOM is
# saved (fuzz/artifacts/<target>/) and the run goes on. The corpus grows in
# fuzz/corpus/<target>/ (git-ignored); the seeds are the fixtures of that
# kind, read in place, and the shapes fuzz/seeds.py generates.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(html text pdf entities)
jobs=${JOBS:-1}

# Per target: largest input (bytes), seconds one input may take, memory.
# A notice is rarely over 64 KiB of markup that matters, and an input of
# that size taking seconds is the quadratic behaviour we hunt: a timeout
# is a finding. An entity line is short.
declare -A max_len=([html]=65536 [text]=65536 [pdf]=65536 [entities]=4096)
declare -A timeout=([html]=10 [text]=10 [pdf]=10 [entities]=5)
declare -A rss=([html]=2048 [text]=2048 [pdf]=2048 [entities]=1024)

# NO_BUILD=1 reuses the binaries already built.
[ -n "${NO_BUILD:-}" ] || nice -n 10 cargo +nightly fuzz build --sanitizer none --fuzz-dir fuzz
bin_dir=fuzz/target/x86_64-unknown-linux-gnu/release

mkdir -p fuzz/logs
summary=fuzz/logs/summary.tsv
printf 'target\tseconds\texecs\texec/s\tcov_start\tft_start\tcov\tft\tcorpus\tcrashes\ttimeouts\tooms\n' >"$summary"

for t in "${targets[@]}"; do
    corpus=fuzz/corpus/$t
    gen=fuzz/corpus/$t.generated
    artifacts=fuzz/artifacts/$t
    mkdir -p "$corpus" "$artifacts"
    rm -rf "$gen"
    python3 fuzz/seeds.py "$t" "$gen"
    seeds=("$gen")
    case $t in
        html) seeds+=(fixtures/html) ;;
        text) seeds+=(fixtures/text) ;;
        pdf)
            # Only small PDFs: a seed over max_len is cut, and a cut PDF
            # stops at the "no %%EOF" check.
            small=fuzz/corpus/pdf.fixtures
            rm -rf "$small" && mkdir -p "$small"
            find fixtures -name '*.pdf' -size -64k -exec cp {} "$small/" \;
            seeds+=("$small")
            ;;
        entities) ;;
    esac
    log=fuzz/logs/$t.log
    echo "== $t: ${seconds}s, max_len ${max_len[$t]}, timeout ${timeout[$t]}s, rss ${rss[$t]} MB"
    nice -n 10 "$bin_dir/$t" "$corpus" "${seeds[@]}" \
        -dict="fuzz/dict/$t.dict" \
        -max_len="${max_len[$t]}" \
        -timeout="${timeout[$t]}" \
        -rss_limit_mb="${rss[$t]}" \
        -malloc_limit_mb="${rss[$t]}" \
        -max_total_time="$seconds" \
        -fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -artifact_prefix="$artifacts/" \
        -print_final_stats=1 \
        >"$log" 2>&1 || true
    # Fork-mode progress lines: "#N: cov: C ft: F corp: K exec/s: E
    # oom/timeout/crash: O/T/X time: Ss job: J dft_time: 0".
    first=$(grep -m1 -E '^#[0-9]+: cov:' "$log" || true)
    last=$(grep -E '^#[0-9]+: cov:' "$log" | tail -1 || true)
    field() { sed -nE "s/.*$1 ([0-9]+).*/\\1/p" <<<"$2"; }
    execs=$(sed -nE 's/^#([0-9]+):.*/\1/p' <<<"$last")
    iot=$(sed -nE 's/.*oom\/timeout\/crash: ([0-9]+)\/([0-9]+)\/([0-9]+).*/\1 \2 \3/p' <<<"$last")
    read -r ooms timeouts crashes <<<"${iot:-0 0 0}"
    rate=$(( ${execs:-0} / seconds ))
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$seconds" "${execs:-0}" "$rate" \
        "$(field cov: "$first")" "$(field ft: "$first")" "$(field cov: "$last")" "$(field ft: "$last")" \
        "$(ls "$corpus" | wc -l)" "$crashes" "$timeouts" "$ooms" >>"$summary"
    echo "   $last"
    echo "   artifacts: $(ls "$artifacts" | wc -l) in $artifacts"
done
column -t "$summary"
