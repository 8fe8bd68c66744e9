"""Consumer checks of a release folder; called by .ci/check-release.sh.

Reads DIR the way outside tools will, and compares what they see with the
records themselves:

1. every record (notices/*.json and each line of notices.ndjson) validates
   against schemas/notice.schema.json (Draft 2020-12, formats checked), and
   both hold the same ids;
2. DuckDB reads notices.ndjson and every CSV the package lists, with the
   header the package declares and one row per item in the records;
3. the percentages of unit `point` are the records' percentage_points, one
   for one (since 4.0.0 a point is listed in both), in percentages.csv as in
   the records, and percentage_points.csv sums to what the records' do;
4. for the seed notice (doc_number 杭高新〔2025〕3號, source
   fixtures/text/binjiang-2025-source.txt), DuckDB's sum of max-bound CNY
   amounts over amounts.csv equals the sum in the records and the sum in the
   gold answer (computed here, never written down).

Needs: jsonschema, duckdb.
"""

import argparse
import json
import math
import sys
from pathlib import Path

import duckdb
from jsonschema import Draft202012Validator

SEED_DOC_NUMBER = "杭高新〔2025〕3號"
SEED_SOURCE = "fixtures/text/binjiang-2025-source.txt"
# Table name → the rows a record gives it (None: one per record; a key: the
# items of that array; a function: a count over nested arrays).
ROWS_FROM = {
    "notices": None,
    "sections": "sections",
    "clauses": "clauses",
    "items": lambda r: sum(len(c["items"]) for c in r["clauses"]),
    "table_cells": lambda r: sum(len(row) for t in r["tables"] for row in t["rows"]),
    "attachments": "attachments",
    "amounts": "amounts",
    "percentages": "percentages",
    "percentage_points": "percentage_points",
    "warnings": "warnings",
    # Not from the records: one row per line of changes.ndjson (below).
    "changes": "changes.ndjson",
}


def fail(msg):
    print(f"FAIL {msg}", file=sys.stderr)
    sys.exit(1)


def ok(msg):
    print(f"ok   {msg}")


def validate_records(out, schema_path):
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(
        schema, format_checker=Draft202012Validator.FORMAT_CHECKER
    )

    def check(where, record):
        errors = sorted(validator.iter_errors(record), key=lambda e: list(e.path))
        if errors:
            lines = [f"  {'/'.join(map(str, e.path))}: {e.message}" for e in errors[:10]]
            fail(f"{where} does not match the schema:\n" + "\n".join(lines))

    files = sorted((out / "notices").glob("*.json"))
    for path in files:
        check(path.relative_to(out), json.loads(path.read_text(encoding="utf-8")))
    records = []
    with open(out / "notices.ndjson", encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            record = json.loads(line)
            check(f"notices.ndjson line {i}", record)
            records.append(record)
    ids = [r["id"] for r in records]
    if ids != sorted(ids):
        fail("notices.ndjson is not sorted by id")
    if set(ids) != {p.stem for p in files}:
        fail("notices.ndjson and notices/*.json hold different ids")
    ok(f"{len(files)} notices/*.json and {len(records)} notices.ndjson lines match the schema")
    return records


def check_duckdb(out, records):
    con = duckdb.connect()
    n = con.execute(
        "select count(*) from read_json_auto(?, format = 'newline_delimited')",
        [str(out / "notices.ndjson")],
    ).fetchone()[0]
    if n != len(records):
        fail(f"DuckDB reads {n} rows from notices.ndjson, expected {len(records)}")
    ok(f"DuckDB reads notices.ndjson: {n} rows")

    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    tables = {r["name"]: r for r in package["resources"] if r.get("type") == "table"}
    if set(tables) != set(ROWS_FROM):
        fail(f"datapackage.json lists tables {sorted(tables)}, expected {sorted(ROWS_FROM)}")
    for name, array in ROWS_FROM.items():
        res = tables[name]
        path = str(out / res["path"])
        rel = con.read_csv(path, header=True)
        declared = [f["name"] for f in res["schema"]["fields"]]
        if rel.columns != declared:
            fail(f"DuckDB sees columns {rel.columns} in {res['path']}, declared {declared}")
        got = con.execute("select count(*) from read_csv(?, header = true)", [path]).fetchone()[0]
        if array == "changes.ndjson":
            with open(out / array, encoding="utf-8") as f:
                want = sum(1 for line in f if line.strip())
        elif array is None:
            want = len(records)
        elif callable(array):
            want = sum(array(r) for r in records)
        else:
            want = sum(len(r[array]) for r in records)
        if got != want:
            fail(f"select count(*) from '{res['path']}' is {got}; the records hold {want}")
        ok(f"DuckDB reads {res['path']}: {got} rows, as in the records")
    check_points_apart(out, records, con)
    return con


def check_points_apart(out, records, con):
    """Since record schema 4.0.0 a percentage point is a percentage of unit
    `point` and a percentage_points item too: in every record the two lists
    hold the same figures (text, value, bound, span) in the same order;
    percentages.csv has as many rows of unit point as the records, and
    percentage_points.csv holds every point figure's value."""
    for r in records:
        as_percentages = [
            (p["text"], p["value"], p["bound"], p["span"]) for p in r["percentages"] if p.get("unit") == "point"
        ]
        as_points = [(p["text"], p["value"], p["bound"], p["span"]) for p in r["percentage_points"]]
        if as_percentages != as_points:
            fail(f"{r['id']}: percentages of unit point {as_percentages} are not its percentage_points {as_points}")
    (points_in_percentages,) = con.execute(
        "select count(*) from read_csv(?, header = true, all_varchar = true) where unit = 'point'",
        [str(out / "percentages.csv")],
    ).fetchone()
    in_records = sum(len(r["percentage_points"]) for r in records)
    if points_in_percentages != in_records:
        fail(f"percentages.csv has {points_in_percentages} rows of unit point; the records {in_records} points")
    (total,) = con.execute(
        "select coalesce(sum(value::double), 0) from read_csv(?, header = true)",
        [str(out / "percentage_points.csv")],
    ).fetchone()
    want = sum(p["value"] for r in records for p in r["percentage_points"])
    if not close(total, want):
        fail(f"percentage_points.csv sums to {total}, the records to {want}")
    ok(
        f"{in_records} points, each a percentage of unit point and a percentage point; "
        f"percentage_points.csv sums to {total:g} points, as the records"
    )


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


def check_seed_sum(out, records, con, gold_path):
    seeds = [r for r in records if r["source"]["uri"].replace("\\", "/").endswith(SEED_SOURCE)]
    if len(seeds) != 1:
        fail(f"expected one record from {SEED_SOURCE}, found {len(seeds)}")
    seed = seeds[0]
    if seed["doc_number"] != SEED_DOC_NUMBER:
        fail(f"seed {seed['id']} has doc_number {seed['doc_number']!r}, expected {SEED_DOC_NUMBER!r}")

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    def capped(amounts):
        return [a for a in amounts if a["bound"] == "max" and a["currency"] == "CNY"]
    expected = sum(a["value"] for a in capped(gold["amounts"]))
    in_record = sum(a["value"] for a in capped(seed["amounts"]))
    # Cast: with no rows DuckDB types every column VARCHAR.
    got, n = con.execute(
        "select coalesce(sum(value::double), 0), count(*) from read_csv(?, header = true) "
        "where notice_id = ? and bound = 'max' and currency = 'CNY'",
        [str(out / "amounts.csv"), seed["id"]],
    ).fetchone()
    print(
        f"     seed {seed['id']}: max-bound CNY sum via DuckDB {got:.2f} ({n} amounts), "
        f"in the record {in_record:.2f}, gold {expected:.2f} ({len(capped(gold['amounts']))} amounts)"
    )
    if not close(got, in_record):
        fail("amounts.csv disagrees with the seed record")
    if not close(got, expected):
        fail("the seed's max-bound CNY sum differs from the gold answer")
    ok("seed max-bound CNY sum matches the gold answer")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--schema", type=Path, required=True)
    ap.add_argument("--gold", type=Path, required=True)
    args = ap.parse_args()
    records = validate_records(args.dir, args.schema)
    con = check_duckdb(args.dir, records)
    check_seed_sum(args.dir, records, con, args.gold)


if __name__ == "__main__":
    main()
