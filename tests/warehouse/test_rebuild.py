"""Incremental rebuilds: redoing only the units whose figures changed gives exactly what a
full rebuild from scratch gives."""
from __future__ import annotations

import json

import pytest

from warehouse import Warehouse
from warehouse.rebuild import STATE_FILE

DROP = ["loaded_at"]


def _unit_b(rows: list[dict]) -> list[dict]:
    """The seed's figures again, as if another district's report said them."""
    return [dict(r, figure_id="b-" + r["figure_id"], doc="doc-b", unit_code="064", unit_name="Huyện Chợ Mới")
            for r in rows]


def _snapshot(wh: Warehouse) -> tuple[list, list]:
    results = wh.read("results").drop_columns(DROP).sort_by("result_id").to_pylist()
    checks = wh.query("SELECT figure_id, checks_passed, checks_failed, check_notes FROM figures "
                      "ORDER BY figure_id").to_pylist()
    return results, checks


def _from_scratch(tmp_path, name: str, figures: list[dict]) -> tuple[list, list]:
    wh = Warehouse(tmp_path / name)
    wh.merge("figures", figures)
    wh.rebuild_results()
    return _snapshot(wh)


@pytest.fixture
def two_units(tmp_path, seed_rows):
    _, rows = seed_rows
    figures = rows + _unit_b(rows)
    wh = Warehouse(tmp_path / "incremental")
    wh.merge("figures", figures)
    wh.rebuild_results()
    return wh, figures


def test_nothing_changed_nothing_redone(two_units):
    wh, _ = two_units
    state = json.loads((wh.root_path / STATE_FILE).read_text())
    assert state["figures_version"] == wh.versions()["figures"]
    before = wh.versions()
    res = wh.rebuild_results()
    assert not res.changed and res.unchanged == wh.row_counts()["results"]
    assert wh.versions() == before


def test_a_corrected_figure_redoes_its_unit_only_and_matches_a_full_rebuild(tmp_path, two_units):
    wh, figures = two_units
    fixed = [dict(r) for r in figures]
    target = next(r for r in fixed if r["text"] == "9,231/14,5" and r["unit_code"] == "064")
    target["value"] = 9.56  # now 65.93% of 14.5: the stated percent checks out for unit B
    wh.merge("figures", fixed)
    res = wh.rebuild_results()
    # 2022's score changes, and 2021's result now carries the failed "giảm 5,029 điểm" check;
    # only unit B's 15 results were looked at
    assert (res.inserted, res.updated, res.unchanged, res.deleted) == (0, 2, 13, 0)
    assert _snapshot(wh) == _from_scratch(tmp_path, "scratch", fixed)
    row = wh.query("SELECT checks_failed FROM results WHERE result_id = 'PAR:2022:064:civil_service:official'")
    # the percent now checks out; the stated change "giảm 5,029 điểm" no longer does
    assert row.to_pylist() == [{"checks_failed": ["delta_matches_years"]}]


def test_figures_that_move_or_vanish_are_followed(tmp_path, two_units):
    wh, figures = two_units
    moved = [dict(r, unit_code="065", unit_name="Huyện Na Rì") if r["figure_id"].startswith("b-")
             and r["field"] == "direction" else r for r in figures]
    kept = [r for r in moved if not (r["unit_code"] == "063" and r["field"] == "public_finance")]
    wh.merge("figures", kept, replace="all")
    wh.rebuild_results()
    assert _snapshot(wh) == _from_scratch(tmp_path, "scratch", kept)


def test_changed_rebuilding_code_or_a_lost_state_means_a_full_rebuild(tmp_path, two_units):
    wh, figures = two_units
    state_file = wh.root_path / STATE_FILE
    state = json.loads(state_file.read_text())
    state_file.write_text(json.dumps(dict(state, code="older-code")))
    wh.merge("figures", figures[:-3], replace="all")
    wh.rebuild_results()
    assert _snapshot(wh) == _from_scratch(tmp_path, "a", figures[:-3])
    state_file.unlink()
    wh.merge("figures", figures, replace="all")
    wh.rebuild_results()
    assert _snapshot(wh) == _from_scratch(tmp_path, "b", figures)
