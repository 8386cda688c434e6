"""Loads are MERGEs on natural keys: no new version for the same input, updates keep history."""
from __future__ import annotations

import pytest
from deltalake import DeltaTable

from warehouse import Warehouse
from warehouse.rows import fetch_row

from .conftest import fetch_record


def test_first_load_creates_tables_and_reload_changes_nothing(tmp_path, seed_rows):
    drow, frows = seed_rows
    wh = Warehouse(tmp_path / "warehouse")
    assert wh.versions() == {"fetches": -1, "documents": -1, "figures": -1, "results": -1}

    first = [wh.merge("fetches", [fetch_record(1)]), wh.merge("documents", [drow]), wh.merge("figures", frows)]
    assert [(r.inserted, r.updated) for r in first] == [(1, 0), (1, 0), (len(frows), 0)]
    before = wh.versions()

    again = [wh.merge("fetches", [fetch_record(1)]), wh.merge("documents", [drow]), wh.merge("figures", frows)]
    assert [(r.inserted, r.updated, r.unchanged) for r in again] == [(0, 0, 1), (0, 0, 1), (0, 0, len(frows))]
    assert [r.changed for r in again] == [False, False, False]
    assert wh.versions() == before
    assert wh.row_counts()["figures"] == len(frows)
    # the Delta log itself holds no extra commit
    assert DeltaTable(wh.uri("figures")).version() == before["figures"]


def test_changed_row_updates_and_history_keeps_the_old(tmp_path, seed_rows):
    drow, frows = seed_rows
    wh = Warehouse(tmp_path)
    wh.merge("figures", frows)
    v0 = wh.versions()["figures"]
    fixed = [dict(r) for r in frows]
    target = fixed[1]  # "88,21/100"
    target["value"] = 88.12
    res = wh.merge("figures", fixed)
    assert (res.inserted, res.updated, res.unchanged) == (0, 1, len(frows) - 1)
    assert res.version == v0 + 1
    now = wh.query(f"SELECT value FROM figures WHERE figure_id = '{target['figure_id']}'").to_pylist()
    then = wh.query(f"SELECT value FROM figures WHERE figure_id = '{target['figure_id']}'", as_of=v0).to_pylist()
    assert now == [{"value": 88.12}] and then == [{"value": 88.21}]
    assert wh.row_counts()["figures"] == len(frows)  # updated in place, not duplicated


def test_new_rows_are_inserted_beside_the_old(tmp_path):
    wh = Warehouse(tmp_path)
    wh.merge("fetches", [fetch_record(i) for i in range(3)])
    res = wh.merge("fetches", [fetch_record(i) for i in range(5)])
    assert (res.inserted, res.updated, res.unchanged) == (2, 0, 3)
    assert wh.row_counts()["fetches"] == 5


def test_a_batch_repeating_a_key_keeps_its_last_row(tmp_path):
    wh = Warehouse(tmp_path)
    res = wh.merge("fetches", [fetch_record(1, status=500), fetch_record(1, status=200)])
    assert res.inserted == 1
    assert wh.query("SELECT status FROM fetches").to_pylist() == [{"status": 200}]


def test_fetch_records_keep_their_types(tmp_path):
    wh = Warehouse(tmp_path)
    wh.merge("fetches", [fetch_row(fetch_record(7))])
    row = wh.read("fetches").to_pylist()[0]
    assert row["fetched_at"].isoformat() == "2024-05-01T08:00:00+00:00"
    assert row["bytes"] == 1007 and row["elapsed_ms"] == 12.5


@pytest.mark.parametrize("bad, reason", [
    ([{"fetch_id": "x", "url": "u", "colour": "red"}], "unknown columns ['colour']"),
    ([{"fetch_id": None, "url": "u"}], "'fetch_id' is required"),
    ([{"fetch_id": "x", "url": "u", "status": "two hundred"}], "do not fit the declared schema"),
    ([{"fetch_id": "x", "url": "u", "fetched_at": "yesterday"}], "not an ISO 8601 timestamp"),
])
def test_bad_rows_are_refused_with_the_reason(tmp_path, bad, reason):
    wh = Warehouse(tmp_path)
    with pytest.raises(ValueError) as err:
        wh.merge("fetches", bad)
    assert reason in str(err.value) and "fetches" in str(err.value)
    assert wh.versions()["fetches"] == -1


def test_unknown_table_is_named(tmp_path):
    with pytest.raises(ValueError, match="unknown warehouse table 'figure'"):
        Warehouse(tmp_path).merge("figure", [])


def test_figure_whose_span_misses_its_text_is_refused(seed_rows):
    from extractors.figure import Figure, Unit
    from warehouse.rows import figure_row

    drow, _ = seed_rows
    fig = Figure(doc="d", index="PAR", year=2022, unit=Unit(), field="total", field_raw=None, metric="score",
                 value=88.21, denominator=100, kind="official", text="88,21/100", span=(0, 9), quote="")
    with pytest.raises(ValueError, match=r"span \[0, 9\) holds"):
        figure_row(fig, document_row=drow, extractor_version="t")


def test_figure_ids_are_stable_and_carry_provenance(seed_rows):
    drow, frows = seed_rows
    ids = [r["figure_id"] for r in frows]
    assert len(set(ids)) == len(ids)
    r = frows[1]
    assert drow["text"][r["span_start"]:r["span_end"]] == r["text"] == "88,21/100"
    assert r["source_url"] == drow["url"] and r["record_id"] == "rec-004" and r["doc_sha256"] == "ab" * 32
    assert r["doc_genre"] == "report" and r["extractor_version"] == "test-1"


@pytest.mark.parametrize("predicate_keys_max", [2_000, 1])
def test_updates_by_predicate_or_by_rewrite_give_the_same_table(tmp_path, predicate_keys_max):
    """Few changed keys: replace-where on the keys; many: the table rewritten in one commit."""
    wh = Warehouse(tmp_path)
    wh.predicate_keys_max = predicate_keys_max
    wh.merge("fetches", [fetch_record(i) for i in range(10)])
    res = wh.merge("fetches", [fetch_record(i, status=301 if i < 3 else 200) for i in range(12)])
    assert (res.inserted, res.updated, res.unchanged, res.version) == (2, 3, 7, 1)
    got = wh.query("SELECT fetch_id, status FROM fetches WHERE url LIKE '%/p/%' AND fetch_id <= 'f00004' "
                   "ORDER BY fetch_id").to_pylist()
    assert [r["status"] for r in got] == [301, 301, 301, 200, 200]
    assert wh.row_counts()["fetches"] == 12
    assert wh.query("SELECT count(*) AS n FROM fetches", as_of=0).to_pylist() == [{"n": 10}]


def test_stored_tables_have_exactly_the_declared_schema(tmp_path, seed_rows):
    from warehouse.schema import TABLES

    drow, frows = seed_rows
    wh = Warehouse(tmp_path)
    wh.merge("fetches", [fetch_record(1)])
    wh.merge("documents", [drow])
    wh.merge("figures", frows)
    wh.rebuild_results()
    for name, spec in TABLES.items():
        stored = wh.read(name).schema
        assert stored.names == spec.schema.names, name
        for want in spec.schema:
            got = stored.field(want.name)
            assert got.type.equals(want.type) and got.nullable == want.nullable, (name, want, got)


@pytest.mark.parametrize("predicate_keys_max", [2_000, 1])
def test_replace_scope_deletes_what_a_reread_document_no_longer_states(tmp_path, seed_rows, predicate_keys_max):
    drow, frows = seed_rows
    other = [dict(r, figure_id=f"other-{i}", doc="other-doc") for i, r in enumerate(frows[:3])]
    wh = Warehouse(tmp_path)
    wh.predicate_keys_max = predicate_keys_max
    wh.merge("figures", frows + other)
    v = wh.versions()["figures"]
    reread = frows[2:]  # the extractor no longer reports the first two figures of this document
    res = wh.merge("figures", reread, replace=("doc", [drow["doc_id"]]))
    assert (res.inserted, res.updated, res.deleted, res.version) == (0, 0, 2, v + 1)
    assert wh.row_counts()["figures"] == len(reread) + len(other)  # the other document is untouched
    again = wh.merge("figures", reread, replace=("doc", [drow["doc_id"]]))
    assert not again.changed and again.version == v + 1
    # a document re-read with no figures at all loses them all
    gone = wh.merge("figures", [], replace=("doc", ["other-doc"]))
    assert gone.deleted == 3 and wh.row_counts()["figures"] == len(reread)


def test_results_follow_figures_that_disappear(tmp_path, seed_rows):
    drow, frows = seed_rows
    wh = Warehouse(tmp_path)
    wh.merge("figures", frows)
    wh.rebuild_results()
    n = wh.row_counts()["results"]
    keep = [r for r in frows if r["field"] != "public_finance"]  # its only figure is a percent
    wh.merge("figures", keep, replace=("doc", [drow["doc_id"]]))
    res = wh.rebuild_results()
    assert res.deleted == 1 and wh.row_counts()["results"] == n - 1
    assert not wh.rebuild_results().changed


def test_replace_is_validated(tmp_path):
    wh = Warehouse(tmp_path)
    wh.merge("fetches", [fetch_record(1)])
    with pytest.raises(ValueError, match="replace names unknown column 'colour'"):
        wh.merge("fetches", [fetch_record(1)], replace=("colour", ["red"]))
    with pytest.raises(ValueError, match="replace must be None, 'all' or"):
        wh.merge("fetches", [fetch_record(1)], replace="some")
