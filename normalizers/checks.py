"""Consistency checks on figures: does what a document says add up?

Each check has a name; a figure carries the names it passed and failed plus a readable note
per failure, and results summarise them. Seed 004 is the motivating case: it states
"Cải cách chế độ công vụ đạt 65,93% điểm tối đa" while its own score is 9,231/14,5 = 63,66%.

Single-figure checks (check_figure) need only the figure; the others (check_figures) compare a
figure with its siblings: the same document first, then any document about the same unit.
Tolerances follow the printed precision: a value printed with d decimals may be off by half a
unit in the last place, and that error carries through a ratio or a difference.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Iterable

SCORE_WITHIN_MAX = "score_within_max"
RANK_WITHIN_RANK_OF = "rank_within_rank_of"
PCT_WITHIN_100 = "pct_within_100"
PCT_MATCHES_SCORE = "pct_matches_score"
FIELDS_SUM_TO_TOTAL = "fields_sum_to_total"
DELTA_MATCHES_YEARS = "delta_matches_years"
ONE_RANK_PER_PEER_GROUP = "one_rank_per_peer_group"

ALL_CHECKS = (SCORE_WITHIN_MAX, RANK_WITHIN_RANK_OF, PCT_WITHIN_100, PCT_MATCHES_SCORE,
              FIELDS_SUM_TO_TOTAL, DELTA_MATCHES_YEARS, ONE_RANK_PER_PEER_GROUP)

Outcome = tuple[list[str], list[str], str | None]  # passed, failed, notes

_NUM = re.compile(r"\d+(?:[.,]\d+)?")


def unit_key(row: dict) -> str:
    """Who a figure is about: the GSO code when resolved, else level and canonical name."""
    if row.get("unit_code"):
        return row["unit_code"]
    return f"{row.get('unit_level') or 'unknown'}:{(row.get('unit_name') or '').strip().lower()}"


def _decimals(row: dict) -> int:
    """Decimals the value was printed with (from its text), defaulting to 2."""
    m = _NUM.search(row.get("text") or "")
    if not m:
        return 2
    digits = m.group(0)
    for sep in ",.":
        if sep in digits:
            return len(digits.split(sep, 1)[1])
    return 0


def _half_ulp(row: dict) -> float:
    return 0.5 * 10 ** -_decimals(row)


def _fmt(x: float) -> str:
    return f"{x:.4f}".rstrip("0").rstrip(".")


def check_figure(row: dict) -> Outcome:
    """Checks that need nothing but the figure itself."""
    passed: list[str] = []
    failed: list[str] = []
    notes: list[str] = []
    metric, value, den = row.get("metric"), row.get("value"), row.get("denominator")
    if metric == "score" and den is not None:
        if 0 <= value <= den + 1e-9:
            passed.append(SCORE_WITHIN_MAX)
        else:
            failed.append(SCORE_WITHIN_MAX)
            notes.append(f"{SCORE_WITHIN_MAX}: score {_fmt(value)} outside 0..{_fmt(den)}")
    if metric == "rank" and den is not None:
        if 1 <= value <= den:
            passed.append(RANK_WITHIN_RANK_OF)
        else:
            failed.append(RANK_WITHIN_RANK_OF)
            notes.append(f"{RANK_WITHIN_RANK_OF}: rank {_fmt(value)} outside 1..{_fmt(den)}")
    if metric == "score_pct":
        if 0 <= value <= 100 + 1e-9:
            passed.append(PCT_WITHIN_100)
        else:
            failed.append(PCT_WITHIN_100)
            notes.append(f"{PCT_WITHIN_100}: {_fmt(value)}% outside 0..100")
    return passed, failed, "; ".join(notes) or None


class _Book:
    """Passed/failed names and notes per figure, deduplicated, in a stable order."""

    def __init__(self, rows: list[dict]):
        self.passed: dict[str, set[str]] = defaultdict(set)
        self.failed: dict[str, set[str]] = defaultdict(set)
        self.notes: dict[str, list[str]] = defaultdict(list)
        for r in rows:
            p, f, n = check_figure(r)
            fid = r["figure_id"]
            self.passed[fid].update(p)
            self.failed[fid].update(f)
            if n:
                self.notes[fid].append(n)

    def record(self, fid: str, name: str, ok: bool, note: str | None = None) -> None:
        (self.passed if ok else self.failed)[fid].add(name)
        if not ok and note and note not in self.notes[fid]:
            self.notes[fid].append(note)

    def outcome(self, fid: str) -> Outcome:
        failed = sorted(self.failed[fid])
        passed = sorted(self.passed[fid] - self.failed[fid])
        return passed, failed, "; ".join(self.notes[fid]) or None


def _by(rows: Iterable[dict], *cols: str) -> dict[tuple, list[dict]]:
    out: dict[tuple, list[dict]] = defaultdict(list)
    for r in rows:
        out[tuple(unit_key(r) if c == "unit" else r.get(c) for c in cols)].append(r)
    return out


def _pick(candidates: list[dict], doc: str) -> dict | None:
    """The sibling to compare with: from the same document when there is one."""
    same = [c for c in candidates if c.get("doc") == doc]
    pool = same or candidates
    return min(pool, key=lambda c: (c.get("doc") != doc, c["figure_id"])) if pool else None


def _check_pct(book: _Book, rows: list[dict], scores: dict[tuple, list[dict]]) -> None:
    for r in rows:
        if r["metric"] != "score_pct":
            continue
        key = (r.get("index"), r.get("year"), unit_key(r), r.get("field"), r.get("kind"))
        s = _pick([s for s in scores.get(key, []) if s.get("denominator")], r.get("doc"))
        if s is None:
            continue
        expected = 100.0 * s["value"] / s["denominator"]
        tol = _half_ulp(r) + 100.0 * _half_ulp(s) / s["denominator"] + 1e-9
        ok = abs(r["value"] - expected) <= tol
        note = (f"{PCT_MATCHES_SCORE}: {_fmt(r['value'])}% stated but {s['text']} is "
                f"{expected:.2f}% of the maximum")
        book.record(r["figure_id"], PCT_MATCHES_SCORE, ok, note)
        book.record(s["figure_id"], PCT_MATCHES_SCORE, ok, note)


def _compare_sum(book: _Book, total: dict, parts: list[dict]) -> None:
    got = sum(p["value"] for p in parts)
    tol = sum(_half_ulp(p) for p in parts) + _half_ulp(total) + 1e-9
    ok = abs(got - total["value"]) <= tol
    note = f"{FIELDS_SUM_TO_TOTAL}: fields sum to {_fmt(got)}, total is {_fmt(total['value'])}"
    for m in [total, *parts]:
        book.record(m["figure_id"], FIELDS_SUM_TO_TOTAL, ok, note)


def _fields_of(members: list[dict]) -> dict[str, dict] | None:
    """One score per field (total and 'other' aside); None when a field repeats (ambiguous)."""
    parts: dict[str, dict] = {}
    for m in members:
        if m.get("field") in ("total", "other"):
            continue
        if m["field"] in parts:
            return None
        parts[m["field"]] = m
    return parts


def _check_sums(book: _Book, rows: list[dict]) -> None:
    """Field scores add up to the total where every field is known: a table row that states
    the total beside at least three fields (the row is the whole breakdown), or a document
    whose field maxima add up to the total's maximum."""
    scores = [r for r in rows if r["metric"] == "score"]
    done: set[str] = set()
    in_rows = _by((r for r in scores if r.get("table_index") is not None and r.get("table_row") is not None),
                  "doc", "table_index", "table_row", "index", "year", "unit", "kind")
    for members in in_rows.values():
        totals = [m for m in members if m.get("field") == "total"]
        parts = _fields_of(members)
        if len(totals) == 1 and parts is not None and len(parts) >= 3:
            _compare_sum(book, totals[0], list(parts.values()))
            done.add(totals[0]["figure_id"])
    for members in _by(scores, "doc", "index", "year", "unit", "kind").values():
        totals = [m for m in members if m.get("field") == "total" and m.get("denominator")
                  and m["figure_id"] not in done]
        parts = _fields_of([m for m in members if m.get("denominator")])
        if not totals or not parts or len(parts) < 2:
            continue
        if abs(sum(p["denominator"] for p in parts.values()) - totals[0]["denominator"]) > 1e-6:
            continue  # not every field is known: nothing to compare
        _compare_sum(book, totals[0], list(parts.values()))


def _base_year(r: dict) -> int | None:
    """The year a change is measured against, when the extractor recorded it (extras)."""
    extras = r.get("extras_json")
    if not extras or "base_year" not in extras:
        return None
    try:
        return int(json.loads(extras)["base_year"])
    except (ValueError, KeyError, TypeError):
        return None


def _signed_delta(r: dict) -> float:
    """A stated change with its direction: 'giảm' (down) is negative whatever the sign stored."""
    words = (r.get("text") or "").lower()
    if "giảm" in words or "tụt" in words:
        return -abs(r["value"])
    if "tăng" in words:
        return abs(r["value"])
    return r["value"]


def _check_deltas(book: _Book, rows: list[dict], by_metric: dict[str, dict[tuple, list[dict]]]) -> None:
    for r in rows:
        metric = {"score_delta": "score", "rank_delta": "rank"}.get(r["metric"])
        if metric is None or r.get("year") is None:
            continue
        base = _base_year(r) or (r["year"] - 1)
        pool = by_metric[metric]
        cur = _pick(pool.get((r.get("index"), r["year"], unit_key(r), r.get("field"), r.get("kind")), []), r.get("doc"))
        prev = _pick(pool.get((r.get("index"), base, unit_key(r), r.get("field"), r.get("kind")), []), r.get("doc"))
        if cur is None or prev is None:
            continue
        stated = _signed_delta(r)
        if metric == "score":
            actual = cur["value"] - prev["value"]
            tol = _half_ulp(r) + _half_ulp(cur) + _half_ulp(prev) + 1e-9
            what = f"{cur['text']} - {prev['text']} = {_fmt(actual)}"
        else:  # a rank going up ("tăng 02 bậc") is a smaller rank number
            actual = prev["value"] - cur["value"]
            tol = 1e-9
            what = f"rank {_fmt(prev['value'])} -> {_fmt(cur['value'])} is a change of {_fmt(actual)}"
        ok = abs(actual - stated) <= tol
        note = f"{DELTA_MATCHES_YEARS}: stated {r['text']!r} ({_fmt(stated)}) but {what}"
        for fid in (r["figure_id"], cur["figure_id"], prev["figure_id"]):
            book.record(fid, DELTA_MATCHES_YEARS, ok, note)


_PEER_ABBREVIATIONS = {"tp": "thành phố", "tx": "thị xã", "h": "huyện"}


def _peer(r: dict) -> tuple:
    """Who a rank is among: the number ranked when printed, else the peer group's words with
    punctuation and common abbreviations ("TP", "TX") folded."""
    if r.get("denominator") is not None:
        return ("of", r["denominator"])
    words = re.findall(r"\w+", (r.get("peer_group") or "").lower())
    return ("named", " ".join(_PEER_ABBREVIATIONS.get(w, w) for w in words))


def _check_one_rank(book: _Book, rows: list[dict]) -> None:
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for r in rows:
        if r["metric"] == "rank":
            groups[(r.get("index"), r.get("year"), unit_key(r), r.get("field"), r.get("kind"),
                    _peer(r))].append(r)
    for members in groups.values():
        values = sorted({m["value"] for m in members})
        ok = len(values) == 1
        note = None if ok else (f"{ONE_RANK_PER_PEER_GROUP}: ranks {', '.join(_fmt(v) for v in values)} "
                                f"given for the same unit, year and peer group")
        if len(members) > 1 or not ok:
            for m in members:
                book.record(m["figure_id"], ONE_RANK_PER_PEER_GROUP, ok, note)


def check_figures(rows: list[dict]) -> dict[str, Outcome]:
    """Every check on every figure row (dicts with the `figures` columns): figure_id -> outcome."""
    book = _Book(rows)
    by_metric = {m: _by((r for r in rows if r["metric"] == m), "index", "year", "unit", "field", "kind")
                 for m in ("score", "rank")}
    _check_pct(book, rows, by_metric["score"])
    _check_sums(book, rows)
    _check_deltas(book, rows, by_metric)
    _check_one_rank(book, rows)
    return {r["figure_id"]: book.outcome(r["figure_id"]) for r in rows}
