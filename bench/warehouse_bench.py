"""Warehouse benchmark: MERGE a million figures, re-merge them, run a researcher's query.

    .venv/bin/python bench/warehouse_bench.py [--rows 1000000] [--dir DIR] [--json]

Steps (timed with a wall clock, printed):
  load      MERGE of ROWS synthetic figures into a `figures` table that already holds a
            small earlier load (so the diff against stored rows is part of the cost)
  reload    MERGE of the very same rows again: must commit nothing (version unchanged)
  update    MERGE of the same rows with 1% of the values corrected (10,000 changed rows:
            the table is rewritten in one commit)
  connect   Warehouse.connect(): DuckDB views over the four tables
  query     all district total scores of one province over ten years (median of 5)
Targets on the project's 2-core machine: load < 60 s, reload adds no version, query < 0.5 s.
With --rebuild, also (not part of the targets):
  rebuild       full rebuild of `results` (checks + reconciliation) from all ROWS figures
  rebuild_noop  the same again with nothing changed (no new version, no work)
  rebuild_incr  after correcting 10 figures of one unit: only that unit is redone
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from warehouse import Warehouse  # noqa: E402
from warehouse.schema import TABLES  # noqa: E402

FIELDS = ["total", "direction", "institutions", "procedures", "organization", "civil_service",
          "public_finance", "e_government", "impact", "survey", "other"]
YEARS = list(range(2013, 2023))
PROVINCES = [f"{c:02d}" for c in range(1, 96, 1)][:63]
DISTRICTS_PER_PROVINCE = 11
QUERY = """
SELECT year, unit_code, unit_name, value AS score, denominator AS score_max
FROM figures
WHERE province_code = '06' AND unit_level = 'district' AND field = 'total' AND metric = 'score'
  AND year BETWEEN 2013 AND 2022
ORDER BY year, unit_code
"""


def synthetic_figures(n: int, seed: int = 7) -> pa.Table:
    """n figures shaped like real ones: 63 provinces x 11 districts + the provinces themselves,
    ten years, eleven fields, a score and a rank each, stated by several documents."""
    rng = np.random.default_rng(seed)
    i = np.arange(n)
    units_per_province = DISTRICTS_PER_PROVINCE + 1
    n_units = len(PROVINCES) * units_per_province
    unit = i % n_units
    year = np.array(YEARS, dtype=np.int32)[(i // n_units) % len(YEARS)]
    field_ix = (i // (n_units * len(YEARS))) % len(FIELDS)
    is_rank = (i // (n_units * len(YEARS) * len(FIELDS))) % 2 == 1
    doc_ix = i // (n_units * len(YEARS) * len(FIELDS) * 2)
    province_ix = unit // units_per_province
    district_ix = unit % units_per_province  # 0 = the province itself
    province_code = np.array(PROVINCES)[province_ix]
    is_district = district_ix > 0
    unit_code = np.where(is_district,
                         np.char.add(np.char.zfill((province_ix * 20 + district_ix).astype(str), 3), ""),
                         province_code)
    unit_name = np.where(is_district, np.char.add("Huyện ", unit_code), np.char.add("Tỉnh ", province_code))
    score = np.round(rng.uniform(60, 95, n), 2)
    rank = rng.integers(1, DISTRICTS_PER_PROVINCE + 1, n).astype(float)
    value = np.where(is_rank, rank, score)
    denominator = np.where(is_rank, float(DISTRICTS_PER_PROVINCE), 100.0)
    doc = np.char.add("doc-", (doc_ix * 1000 + province_ix).astype(str))
    figure_id = np.char.add("fig-", i.astype(str))
    text = np.char.replace(value.astype(str), ".", ",")
    empty = pa.ListArray.from_arrays(pa.array(np.zeros(n + 1, dtype=np.int32)), pa.array([], pa.string()))
    schema = TABLES["figures"].input_schema
    cols = {f.name: pa.nulls(n, f.type) for f in schema}
    cols.update({
        "figure_id": pa.array(figure_id), "doc": pa.array(doc), "index": pa.array(np.full(n, "PAR")),
        "year": pa.array(year), "unit_level": pa.array(np.where(is_district, "district", "province")),
        "unit_name": pa.array(unit_name), "unit_code": pa.array(unit_code),
        "province_code": pa.array(province_code), "field": pa.array(np.array(FIELDS)[field_ix]),
        "metric": pa.array(np.where(is_rank, "rank", "score")), "value": pa.array(value),
        "denominator": pa.array(denominator), "kind": pa.array(np.full(n, "official")),
        "text": pa.array(text), "span_start": pa.array(i % 5000), "span_end": pa.array(i % 5000 + 5),
        "doc_genre": pa.array(np.full(n, "news")), "extractor_version": pa.array(np.full(n, "bench-1")),
        "checks_passed": empty, "checks_failed": empty,
    })
    return pa.table(cols, schema=schema)


def _timed(fn):
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def rebuild_steps(wh: Warehouse, figures: pa.Table) -> dict:
    out = {}
    res, out["rebuild_s"] = _timed(wh.rebuild_results)
    out["results_rows"] = res.inserted + res.updated + res.unchanged
    version = wh.versions()
    res, out["rebuild_noop_s"] = _timed(wh.rebuild_results)
    out["rebuild_noop_new_version"] = wh.versions() != version
    ten = figures.filter(pc.equal(figures.column("unit_code"), "001")).slice(0, 10)
    ten = ten.set_column(ten.schema.get_field_index("value"), ten.schema.field("value"),
                         pc.add(ten.column("value"), 0.5))
    wh.merge("figures", ten)
    res, out["rebuild_incr_s"] = _timed(wh.rebuild_results)
    out["rebuild_incr"] = res.__dict__
    return out


def run(rows: int, root: Path, rebuild: bool = False) -> dict:
    figures = synthetic_figures(rows)
    wh = Warehouse(root / "warehouse")
    wh.merge("figures", figures.slice(0, 1000))  # an earlier, small load
    load, t_load = _timed(lambda: wh.merge("figures", figures))
    version = wh.versions()["figures"]
    reload, t_reload = _timed(lambda: wh.merge("figures", figures))
    assert reload.version == version and not reload.changed, reload
    step = 100  # 1% of the rows get a corrected value
    mask = pa.array(np.arange(rows) % step == 0)
    corrected = figures.set_column(figures.schema.get_field_index("value"), figures.schema.field("value"),
                                   pc.if_else(mask, pc.add(figures.column("value"), 0.01), figures.column("value")))
    update, t_update = _timed(lambda: wh.merge("figures", corrected))
    con, t_connect = _timed(wh.connect)
    times, result = [], None
    for _ in range(5):
        result, t = _timed(lambda: con.sql(QUERY).to_arrow_table())
        times.append(t)
    end_to_end, t_e2e = _timed(lambda: wh.query(QUERY))
    assert end_to_end.num_rows == result.num_rows
    extra = rebuild_steps(wh, corrected) if rebuild else {}
    return {**extra,
        "rows": rows,
        "load_s": round(t_load, 2), "load": load.__dict__,
        "reload_s": round(t_reload, 2), "reload_new_version": reload.version != version,
        "update_s": round(t_update, 2), "update": update.__dict__,
        "connect_s": round(t_connect, 3),
        "query_s_median": round(statistics.median(times), 3), "query_s_max": round(max(times), 3),
        "query_rows": result.num_rows, "query_with_connect_s": round(t_e2e, 3),
        "table_versions": wh.versions(),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--dir", type=Path, default=None, help="where to build the tables (default: a temp dir)")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of lines")
    ap.add_argument("--rebuild", action="store_true", help="also time rebuilding `results` (slow at 1M)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="parwatch-bench-") as tmp:
        out = run(a.rows, a.dir or Path(tmp), rebuild=a.rebuild)
    if a.json:
        print(json.dumps(out))
        return 0
    ok_load, ok_query = out["load_s"] < 60, out["query_s_median"] < 0.5
    print(f"rows                      {out['rows']:>10,}")
    print(f"load (MERGE, new rows)    {out['load_s']:>10.2f} s   target < 60 s   {'ok' if ok_load else 'MISSED'}")
    print(f"re-merge same rows        {out['reload_s']:>10.2f} s   new version: {out['reload_new_version']}")
    print(f"update 1% of rows         {out['update_s']:>10.2f} s   updated {out['update']['updated']:,}")
    print(f"connect (4 views)         {out['connect_s']:>10.3f} s")
    print(f"query median of 5         {out['query_s_median']:>10.3f} s   target < 0.5 s  {'ok' if ok_query else 'MISSED'}"
          f"   ({out['query_rows']} rows; max {out['query_s_max']:.3f} s; with connect {out['query_with_connect_s']:.3f} s)")
    if a.rebuild:
        print(f"rebuild results (full)    {out['rebuild_s']:>10.2f} s   {out['results_rows']:,} results")
        print(f"rebuild, nothing changed  {out['rebuild_noop_s']:>10.2f} s   new version: {out['rebuild_noop_new_version']}")
        print(f"rebuild after 10 changes  {out['rebuild_incr_s']:>10.2f} s   updated {out['rebuild_incr']['updated']}")
    print(f"table versions            {out['table_versions']}")
    return 0 if ok_load and ok_query and not out["reload_new_version"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
