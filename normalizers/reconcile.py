"""From many figures to one result per (index, year, unit, field, kind).

The same figure is often printed by a decision, a district's report and two news articles,
sometimes with a typo. We keep every figure (the `figures` table) and pick one value per
metric for `results`:

1. precedence of the source: a decision over a report over a news article, and within one
   genre a figure read from a table over one read from running text;
2. then the value backed by the most documents, then by the most figures;
3. then the smaller value, only so that the choice is deterministic.

Any disagreement is kept visible: `conflict` is true and `conflict_values` lists each value
with the documents behind it.
"""
from __future__ import annotations

import functools
from collections import Counter, defaultdict
from typing import Iterable

import pyarrow as pa

from normalizers.checks import unit_key
from warehouse.genre import GENRE_RANK

RESULT_METRICS = ("score", "rank", "score_pct")


@functools.lru_cache(maxsize=None)
def province_successor_2025(province_code: str | None) -> tuple[str | None, str | None]:
    """(code, name) of the 34-province unit that absorbed a pre-2025 province (GSO code)."""
    if not province_code:
        return None, None
    from vietnamadminunits import convert_address
    from vietnamadminunits.database import query

    code = province_code.zfill(2)
    rows = query(
        "SELECT DISTINCT province FROM admin_units_legacy WHERE provinceCode = '%s'" % code.replace("'", "")
    )
    if not rows:
        return None, None
    try:
        unit = convert_address(rows[0]["province"])
    except Exception:  # the converter raises plain exceptions on names it cannot place
        return None, None
    return unit.province_code, unit.province


def _precedence(fig: dict) -> tuple[int, int]:
    genre = GENRE_RANK.get(fig.get("doc_genre") or "news", len(GENRE_RANK))
    return genre, 0 if fig.get("table_index") is not None else 1


def _value_key(v: float) -> float:
    return round(float(v), 6)


def _fmt(v: float) -> str:
    return f"{v:.6f}".rstrip("0").rstrip(".")


def _choose(figs: list[dict]) -> tuple[dict, list[tuple[float, list[dict]]]]:
    """The winning figure for one metric and all value groups (best first)."""
    groups: dict[float, list[dict]] = defaultdict(list)
    for f in figs:
        groups[_value_key(f["value"])].append(f)

    def rank(item: tuple[float, list[dict]]):
        value, members = item
        return (min(_precedence(m) for m in members), -len({m["doc"] for m in members}),
                -len(members), value)

    ordered = sorted(groups.items(), key=rank)
    best = min(ordered[0][1], key=lambda m: (_precedence(m), m.get("denominator") is None, m["figure_id"]))
    return best, ordered


def _describe(metric: str, value: float, members: list[dict]) -> str:
    docs = sorted({m["doc"] for m in members})
    genre = min((m.get("doc_genre") or "news" for m in members), key=lambda g: GENRE_RANK.get(g, 9))
    return f"{metric} {_fmt(value)}: {len(docs)} document(s), best source {genre}: {', '.join(docs)}"


def _as_rows(figures: pa.Table | Iterable[dict]) -> list[dict]:
    if isinstance(figures, pa.Table):
        return figures.to_pylist()
    return list(figures)


def _result(key: tuple, members: list[dict]) -> dict:
    index, year, ukey, field, kind = key
    by_metric: dict[str, list[dict]] = defaultdict(list)
    for m in members:
        by_metric[m["metric"]].append(m)
    backing = [m for m in members if m["metric"] in RESULT_METRICS]
    chosen: dict[str, dict] = {}
    conflicts: list[str] = []
    for metric in RESULT_METRICS:
        if not by_metric.get(metric):
            continue
        best, groups = _choose(by_metric[metric])
        chosen[metric] = best
        if metric == "rank":  # a rank among other peers (another number ranked) is no conflict
            same_peers = [f for f in by_metric[metric] if f.get("denominator") in (None, best.get("denominator"))]
            groups = _choose(same_peers)[1]
        if len(groups) > 1:
            conflicts.extend(_describe(metric, v, ms) for v, ms in groups)

    score, rank, pct = chosen.get("score"), chosen.get("rank"), chosen.get("score_pct")
    score_max = None
    if score is not None:
        dens = [m["denominator"] for m in by_metric["score"]
                if m.get("denominator") is not None and _value_key(m["value"]) == _value_key(score["value"])]
        score_max = Counter(dens).most_common(1)[0][0] if dens else None
    score_pct = pct["value"] if pct is not None else (
        round(100.0 * score["value"] / score_max, 2) if score is not None and score_max else None)

    names = Counter(m.get("unit_name") for m in members if m.get("unit_name"))
    provinces = Counter(m.get("province_code") for m in members if m.get("province_code"))
    level = Counter(m.get("unit_level") or "unknown" for m in members).most_common(1)[0][0]
    province_code = provinces.most_common(1)[0][0] if provinces else None
    unit_code = next((m.get("unit_code") for m in members if m.get("unit_code")), None)
    if province_code is None and level == "province" and unit_code:
        province_code = unit_code
    code_2025, name_2025 = province_successor_2025(province_code)
    head = score or rank or pct
    failing = [m for m in members if m.get("checks_failed")]
    return {
        "result_id": f"{index}:{year if year is not None else 'unknown'}:{ukey}:{field}:{kind}",
        "index": index,
        "year": year,
        "unit_level": level,
        "unit_code": unit_code,
        "unit_name": names.most_common(1)[0][0] if names else None,
        "province_code": province_code,
        "province_code_2025": code_2025,
        "province_name_2025": name_2025,
        "field": field,
        "kind": kind,
        "score": None if score is None else score["value"],
        "score_max": score_max,
        "score_pct": score_pct,
        "rank": None if rank is None else int(round(rank["value"])),
        "rank_of": None if rank is None or rank.get("denominator") is None else int(round(rank["denominator"])),
        "peer_group": None if rank is None else rank.get("peer_group"),
        "source_genre": head.get("doc_genre") or "news",
        "n_figures": len(backing),
        "n_documents": len({m["doc"] for m in backing}),
        "figure_ids": sorted(m["figure_id"] for m in backing),
        "doc_ids": sorted({m["doc"] for m in backing}),
        "conflict": bool(conflicts),
        "conflict_values": conflicts,
        "checks_failed": sorted({c for m in members for c in (m.get("checks_failed") or [])}),
        "n_failing_figures": len(failing),
    }


def build_results(figures: pa.Table | Iterable[dict]) -> list[dict]:
    """One `results` row per (index, year, unit, field, kind) that has a score, rank or percent."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for f in _as_rows(figures):
        ukey = unit_key(f)
        if ukey.endswith(":"):
            continue  # a figure about nobody we could name cannot become a result
        groups[(f["index"], f.get("year"), ukey, f["field"], f["kind"])].append(f)
    out = []
    for key in sorted(groups, key=lambda k: tuple("" if x is None else str(x) for x in k)):
        members = groups[key]
        if any(m["metric"] in RESULT_METRICS for m in members):
            out.append(_result(key, members))
    return out
