"""DuckDB views over the Delta tables, at the latest version or as of a version or a time."""
from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest

from warehouse import Warehouse

from .conftest import fetch_record


@pytest.fixture
def three_versions(tmp_path):
    """fetches at v0 (1 row), v1 (2 rows), v2 (row 1 updated); the instants between them."""
    wh = Warehouse(tmp_path / "warehouse")
    marks = []
    wh.merge("fetches", [fetch_record(1)])
    time.sleep(0.05)
    marks.append(datetime.now(timezone.utc))
    time.sleep(0.05)
    wh.merge("fetches", [fetch_record(1), fetch_record(2)])
    time.sleep(0.05)
    marks.append(datetime.now(timezone.utc))
    time.sleep(0.05)
    wh.merge("fetches", [fetch_record(1, status=404), fetch_record(2)])
    return wh, marks


def test_views_exist_even_before_any_load(tmp_path):
    wh = Warehouse(tmp_path / "nothing-yet")
    con = wh.connect()
    for name in ("figures", "results", "documents", "fetches"):
        assert con.sql(f"SELECT count(*) FROM {name}").fetchall() == [(0,)]
    assert "value" in wh.query("SELECT * FROM figures").column_names


def test_as_of_version_number(three_versions):
    wh, _ = three_versions
    assert wh.versions()["fetches"] == 2
    sql = "SELECT fetch_id, status FROM fetches ORDER BY fetch_id"
    assert wh.query(sql, as_of=0).to_pylist() == [{"fetch_id": "f00001", "status": 200}]
    assert wh.query(sql, as_of=1).to_pylist()[0]["status"] == 200
    assert wh.query(sql, as_of="2").to_pylist()[0]["status"] == 404
    assert wh.query(sql).to_pylist()[0]["status"] == 404
    assert wh.query(sql, as_of="fetches=1").num_rows == 2
    assert wh.row_counts(as_of=0) == {"fetches": 1, "documents": 0, "figures": 0, "results": 0}


def test_as_of_timestamp(three_versions):
    wh, marks = three_versions
    sql = "SELECT count(*) AS n, max(status) AS s FROM fetches"
    assert wh.query(sql, as_of=marks[0].isoformat()).to_pylist() == [{"n": 1, "s": 200}]
    assert wh.query(sql, as_of=marks[1]).to_pylist() == [{"n": 2, "s": 200}]
    # before the table existed it reads as empty, not as an error
    assert wh.query(sql, as_of="2001-01-01T00:00:00Z").to_pylist() == [{"n": 0, "s": None}]


def test_bad_as_of_is_explained(three_versions):
    wh, _ = three_versions
    with pytest.raises(ValueError, match="expected a version number"):
        wh.query("SELECT 1", as_of="last tuesday")
    with pytest.raises(ValueError, match="unknown warehouse table 'fetch'"):
        wh.query("SELECT 1", as_of="fetch=1")


def test_string_filters_work_on_rows_rewritten_by_merge(three_versions):
    """A MERGE rewrites files with string_view columns; filters on them must still work."""
    wh, _ = three_versions
    got = wh.query("SELECT status FROM fetches WHERE fetch_id = 'f00001' AND url LIKE 'https://%'")
    assert got.to_pylist() == [{"status": 404}]
    assert wh.query("SELECT count(*) AS n FROM fetches WHERE fetch_id IN ('f00001', 'f00002')").to_pylist() == [{"n": 2}]


def test_history_records_each_load(three_versions):
    wh, _ = three_versions
    ops = [h.get("parwatch.operation") for h in wh.history("fetches")]
    assert ops == ["merge", "merge", "create"]


def test_a_local_directory_stands_in_for_a_bucket(tmp_path):
    """The same code on a URI with storage options, as it would run against S3."""
    uri = (tmp_path / "bucket" / "warehouse").as_uri()  # file:///…
    wh = Warehouse(uri, storage_options={"allow_unsafe_rename": "true"})
    assert wh.merge("fetches", [fetch_record(1)]).inserted == 1
    assert wh.merge("fetches", [fetch_record(1)]).changed is False
    assert wh.query("SELECT fetch_id FROM fetches").to_pylist() == [{"fetch_id": "f00001"}]
    assert (tmp_path / "bucket" / "warehouse" / "fetches" / "_delta_log").is_dir()
    release = wh.export(tmp_path / "release")
    assert release.exists()
