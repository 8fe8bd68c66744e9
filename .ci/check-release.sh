#!/usr/bin/env bash
# Checks an output folder the way its consumers read it.
#
#   .ci/check-release.sh DIR
#
# DIR is what `notice-extract run … --out DIR` wrote (records, report,
# CSV tables, datapackage.json). Needs, installed by .ci/run, not here:
#   pip: jsonschema duckdb frictionless
#   apt: jq
# Every check prints one line and all of them run; exit 1 if any failed.
set -euo pipefail

if [[ $# -ne 1 || ! -d $1 ]]; then
    echo "usage: $0 OUTPUT_DIR" >&2
    exit 2
fi
dir=$(cd "$1" && pwd)
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
status=0

# Records against the schema, DuckDB over the tables, the seed's sum.
python3 "$repo/.ci/check_release.py" "$dir" \
    --schema "$repo/schemas/notice.schema.json" \
    --gold "$repo/fixtures/gold/binjiang-2025.gold.json" || status=1

# The package: descriptors, types, keys, byte counts and hashes.
# Its log goes to a temp file, not DIR, so the checked folder is unchanged.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! frictionless validate "$dir/datapackage.json" >"$log" 2>&1; then
    cat "$log" >&2
    echo "FAIL frictionless validate datapackage.json" >&2
    status=1
else
    echo "ok   frictionless validate datapackage.json"
fi

# jq: every clause title, one per line.
titles=$(jq -r '.clauses[].title' "$dir/notices.ndjson" | grep -c . || true)
if [[ $titles -eq 0 ]]; then
    echo "FAIL jq -r '.clauses[].title' notices.ndjson printed no title" >&2
    status=1
else
    echo "ok   jq lists $titles clause titles"
fi
exit $status
