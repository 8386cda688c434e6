"""Rebuilding `results` (and the figures' cross-checks) after a load, only where figures changed.

Every check and every result concerns one unit: a percent is checked against the same unit's
score, a change against the same unit's two years, a rank against the same unit's other ranks.
So after a load only the units whose figures changed need re-checking and re-reconciling.

We remember, per warehouse, the figures version the last rebuild saw and a fingerprint of the
rebuilding code (`_rebuild_state.json` beside the tables). The next rebuild diffs the figures
at that version with the current ones (Delta time travel, comparing row hashes) and redoes the
affected units. Without a usable state (first run, remote storage, code changed, that version
vacuumed) it redoes everything. A state file that is missing or stale only costs time: it is
written after the results are committed, atomically.
"""
from __future__ import annotations

import hashlib
import json
import os
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from warehouse.arrowio import read_table
from warehouse.schema import ROW_HASH

if TYPE_CHECKING:
    from warehouse.store import MergeResult, Warehouse

STATE_FILE = "_rebuild_state.json"
UNIT_COLUMNS = ["unit_code", "unit_level", "unit_name"]


def code_fingerprint() -> str:
    """Changes whenever the code or data that decide checks and results change."""
    import normalizers.checks
    import normalizers.reconcile
    import warehouse.genre

    h = hashlib.sha256()
    for module in (normalizers.checks, normalizers.reconcile, warehouse.genre):
        h.update(Path(module.__file__).read_bytes())
    h.update(metadata.version("vietnamadminunits").encode())
    return h.hexdigest()[:16]


def _state_path(wh: "Warehouse") -> Path | None:
    """Where the state lives; None on remote storage (no sidecar there: always a full rebuild)."""
    return None if wh.root_path is None else wh.root_path / STATE_FILE


def _read_state(wh: "Warehouse") -> dict | None:
    path = _state_path(wh)
    if path is None or not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_state(wh: "Warehouse", state: dict) -> None:
    path = _state_path(wh)
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state), encoding="utf-8")
    os.replace(tmp, path)


def _units(table: pa.Table) -> pa.Table:
    """Distinct (unit_code, unit_level, unit_name) of `table` with their unit key, computed by
    normalizers.checks.unit_key itself so the grouping here is exactly the reconciler's."""
    from normalizers.checks import unit_key

    triples = table.select(UNIT_COLUMNS).group_by(UNIT_COLUMNS).aggregate([])
    keys = [unit_key(r) for r in triples.to_pylist()]
    return triples.append_column("k", pa.array(keys, pa.string()))


def _in_units(table: pa.Table, keys: set[str]) -> pa.Table:
    """Rows of `table` about the units with these keys."""
    units = _units(table)
    units = units.filter(pc.is_in(units.column("k"), value_set=pa.array(sorted(keys), pa.string())))
    con = duckdb.connect()
    try:
        con.register("t", table)
        con.register("u", units)
        on = " AND ".join(f"t.{c} IS NOT DISTINCT FROM u.{c}" for c in UNIT_COLUMNS)
        return con.sql(f"SELECT t.* FROM t WHERE EXISTS (SELECT 1 FROM u WHERE {on})").to_arrow_table()
    finally:
        con.close()


def _affected_units(wh: "Warehouse", state: dict | None, current_version: int) -> set[str] | None:
    """Unit keys whose figures differ from the last rebuild's; None = everything."""
    if not state or state.get("code") != code_fingerprint() or state.get("figures_version") is None:
        return None
    if state["figures_version"] == current_version:
        return set()
    if state["figures_version"] > current_version:
        return None  # the table was recreated since: its history is not the one remembered
    cols = ["figure_id", ROW_HASH, "unit_code", "unit_level", "unit_name"]
    try:
        before = read_table(wh._open("figures", int(state["figures_version"])), cols)
    except Exception:  # vacuumed or unreadable: start over
        return None
    now = read_table(wh._open("figures"), cols)
    con = duckdb.connect()
    try:
        con.register("b", before)
        con.register("n", now)
        changed = con.sql("SELECT * FROM b ANTI JOIN n USING (figure_id, row_hash) "
                          "UNION ALL SELECT * FROM n ANTI JOIN b USING (figure_id, row_hash)").to_arrow_table()
    finally:
        con.close()
    return set(_units(changed).column("k").to_pylist())


def rebuild_results(wh: "Warehouse", *, full: bool = False) -> "MergeResult":
    """Re-check and re-reconcile the units whose figures changed (all of them when `full`)."""
    from normalizers.checks import check_figures
    from normalizers.reconcile import build_results
    from warehouse.store import RECONCILE_COLUMNS, MergeResult

    dt = wh._open("figures")
    if dt is None:
        return wh.merge("results", [], replace="all")
    affected = None if full else _affected_units(wh, _read_state(wh), dt.version())
    results = wh._open("results")
    if affected is not None and not affected and results is not None:
        n = results.to_pyarrow_dataset().count_rows()
        return MergeResult("results", results.version(), 0, 0, n)

    figures = read_table(dt, list(RECONCILE_COLUMNS))
    if affected is not None:
        figures = _in_units(figures, affected)
    rows = figures.to_pylist()
    outcomes = check_figures(rows)
    wh.store_figure_checks(outcomes)
    for r in rows:
        r["checks_passed"], r["checks_failed"], r["check_notes"] = outcomes[r["figure_id"]]

    if affected is None or results is None:
        replace = "all"
    else:  # the stored results of the affected units are replaced by what they now produce
        ids = _in_units(read_table(results, ["result_id", *UNIT_COLUMNS]), affected)
        replace = ("result_id", ids.column("result_id").to_pylist())
    out = wh.merge("results", build_results(rows), replace=replace)
    _write_state(wh, {"figures_version": wh._open("figures").version(), "code": code_fingerprint()})
    return out
