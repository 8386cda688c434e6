"""The plain-file release: readable without Delta, checksummed, citable, reproducible."""
from __future__ import annotations

import csv
import hashlib
import json

import duckdb
import pyarrow.dataset as pads
import pytest

from warehouse import Warehouse

from .conftest import fetch_record


@pytest.fixture
def loaded(tmp_path, seed_rows):
    drow, frows = seed_rows
    wh = Warehouse(tmp_path / "warehouse")
    wh.merge("fetches", [fetch_record(1)])
    wh.merge("documents", [drow])
    wh.merge("figures", frows)
    wh.rebuild_results()
    return wh


def test_parquet_release_is_readable_without_delta(tmp_path, loaded):
    out = tmp_path / "release"
    release = json.loads(loaded.export(out).read_text(encoding="utf-8"))
    assert (out / "DATASET.md").read_text(encoding="utf-8").startswith("# ")
    counts = loaded.row_counts()
    versions = loaded.versions()
    for name, info in release["tables"].items():
        assert info["rows"] == counts[name] and info["version"] == versions[name]
        for f in info["files"]:
            assert hashlib.sha256((out / f["path"]).read_bytes()).hexdigest() == f["sha256"]
    assert "figures v" in release["citation"] and "results v" in release["citation"]
    # figures and results are hive-partitioned by year; plain readers get the year back
    years = sorted(p.name for p in (out / "figures").iterdir())
    assert years == ["year=2021", "year=2022"]
    figures = pads.dataset(out / "figures", format="parquet", partitioning="hive").to_table()
    assert figures.num_rows == counts["figures"] and "year" in figures.column_names
    con = duckdb.connect()
    got = con.sql(f"SELECT year, count(*) FROM read_parquet('{out}/results/*/*.parquet', hive_partitioning=true) "
                  "GROUP BY year ORDER BY year").fetchall()
    assert [y for y, _ in got] == [2021, 2022] and sum(n for _, n in got) == counts["results"]
    doc = con.sql(f"SELECT text FROM read_parquet('{out}/documents/documents.parquet')").fetchall()[0][0]
    assert "65,93%" in doc  # the auditor sees exactly what the extractor read


def test_csv_release_flattens_lists_to_json(tmp_path, loaded):
    out = tmp_path / "csv"
    release = json.loads(loaded.export(out, fmt="csv").read_text(encoding="utf-8"))
    assert release["format"] == "csv"
    with open(out / "results" / "year=2022" / "part-0.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    civil = next(r for r in rows if r["result_id"] == "PAR:2022:063:civil_service:official")
    assert json.loads(civil["checks_failed"]) == ["pct_matches_score"]
    assert float(civil["score"]) == 9.231


def test_same_versions_give_identical_files(tmp_path, loaded):
    a = json.loads(loaded.export(tmp_path / "a").read_text(encoding="utf-8"))
    b = json.loads(loaded.export(tmp_path / "b").read_text(encoding="utf-8"))
    assert a["tables"] == b["tables"]


def test_export_as_of_an_older_version(tmp_path, loaded):
    loaded.merge("fetches", [fetch_record(2)])
    old = json.loads(loaded.export(tmp_path / "old", as_of="fetches=0").read_text(encoding="utf-8"))
    assert old["tables"]["fetches"]["rows"] == 1 and old["tables"]["fetches"]["version"] == 0


def test_unknown_format_is_refused(tmp_path, loaded):
    with pytest.raises(ValueError, match="export format 'xlsx'"):
        loaded.export(tmp_path / "x", fmt="xlsx")


def test_figures_without_a_year_get_the_null_partition(tmp_path, seed_rows):
    drow, frows = seed_rows
    wh = Warehouse(tmp_path / "warehouse")
    undated = dict(frows[0], figure_id="undated", year=None)
    wh.merge("figures", [frows[0], undated])
    out = tmp_path / "release"
    wh.export(out)
    assert sorted(p.name for p in (out / "figures").iterdir()) == ["year=2022", "year=__HIVE_DEFAULT_PARTITION__"]
    table = pads.dataset(out / "figures", format="parquet", partitioning="hive").to_table()
    assert sorted(table.column("year").to_pylist(), key=str) == [2022, None]
    got = duckdb.connect().sql(f"SELECT figure_id, year FROM read_parquet('{out}/figures/*/*.parquet', "
                               "hive_partitioning=true) ORDER BY figure_id").fetchall()
    assert got[1] == ("undated", None)
