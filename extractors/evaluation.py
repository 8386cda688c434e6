"""Precision and recall of the extractor against hand-annotated gold figures.

The matching rules are those of ../shared/tools/score_extraction.py, vendored here so the
project's CI does not depend on that file staying identical: a prediction matches a required gold
record of the same document (by file name) with the same text when index, year, field, metric,
value, denominator, kind and unit agree; a prediction overlapping an optional record counts
neither way.
"""
from __future__ import annotations

import json
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path, PurePath
from typing import Iterable

KEYS = ("index", "year", "field", "metric", "value", "denominator", "kind")


def load_jsonl(path: Path) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{n}: not JSON: {e}") from e
    return out


def doc_key(rec: dict) -> str:
    return PurePath(str(rec.get("doc", ""))).name


def _fold(s: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", s or "").casefold().split())


def _same_value(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return abs(float(a) - float(b)) < 1e-9
    except (TypeError, ValueError):
        return False


def _unit_diff(g: dict, p: dict) -> str | None:
    gu, pu = g.get("unit") or {}, p.get("unit") or {}
    if not isinstance(pu, dict):
        return "unit"
    if gu.get("code"):
        return None if str(pu.get("code") or "") == str(gu["code"]) else "unit.code"
    if gu.get("name"):
        return None if _fold(pu.get("name")) == _fold(gu["name"]) else "unit.name"
    return None if pu.get("level") == gu.get("level") else "unit.level"


def diffs(g: dict, p: dict) -> list[str]:
    out = []
    for k in KEYS:
        gv, pv = g.get(k), p.get(k, "official" if k == "kind" else None)
        if k in ("value", "denominator"):
            if not _same_value(gv, pv):
                out.append(k)
        elif gv != pv:
            out.append(k)
    u = _unit_diff(g, p)
    if u:
        out.append(u)
    return out


def _overlaps(a, b) -> bool:
    return bool(a and b) and a[0] < b[1] and b[0] < a[1]


def _totals(tp: int, fp: int, fn: int) -> dict:
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": prec, "recall": rec, "f1": f1}


def score(gold: list[dict], pred: list[dict]) -> dict:
    """Totals, per-document totals, misses and false figures (with the attribute that differs)."""
    by_g, by_p = defaultdict(list), defaultdict(list)
    for g in gold:
        by_g[doc_key(g)].append(g)
    for p in pred:
        by_p[doc_key(p)].append(p)
    TP = FP = FN = 0
    per_doc: dict[str, dict] = {}
    misses, falses = [], []
    for doc in sorted(set(by_g) | set(by_p)):
        req = [g for g in by_g[doc] if not g.get("optional")]
        opt = [g for g in by_g[doc] if g.get("optional")]
        used: set[int] = set()
        tp = fp = 0
        for p in by_p[doc]:
            cands = [i for i, g in enumerate(req)
                     if i not in used and g.get("text") == p.get("text") and not diffs(g, p)]
            if cands:
                cands.sort(key=lambda i: 0 if _overlaps(req[i].get("span"), p.get("span")) else 1)
                used.add(cands[0])
                tp += 1
                continue
            if any(_overlaps(o.get("span"), p.get("span")) for o in opt):
                continue
            fp += 1
            near = [g for g in req if g.get("text") == p.get("text")]
            why = min((diffs(g, p) for g in near), key=len, default=["no gold figure with this text"])
            falses.append((doc, p, why))
        fn = 0
        for i, g in enumerate(req):
            if i not in used:
                fn += 1
                misses.append((doc, g))
        per_doc[doc] = _totals(tp, fp, fn)
        TP, FP, FN = TP + tp, FP + fp, FN + fn
    return {**_totals(TP, FP, FN), "per_doc": per_doc, "misses": misses, "falses": falses}


def brief(r: dict) -> str:
    u = r.get("unit") or {}
    uname = (u.get("name") or u.get("level")) if isinstance(u, dict) else u
    return (f"{r.get('text')!r}@{(r.get('span') or [None])[0]} {r.get('index')} {r.get('year')} {uname} "
            f"{r.get('field')} {r.get('metric')}={r.get('value')}/{r.get('denominator')} {r.get('kind', 'official')}")


def read_document(path: Path):
    """A document for evaluation: through the documents layer when it exists, else plain text."""
    from documents.model import Document
    try:
        from documents import read_path  # type: ignore[attr-defined]
    except ImportError:
        read_path = None
    if read_path is not None:
        return read_path(path)
    return Document(doc_id=str(path), text=path.read_text(encoding="utf-8"), content_type="txt")


def predict(docs: Iterable[Path], province: str | None = None) -> list[dict]:
    from extractors import extract_document
    from extractors.context import ExtractionContext
    out = []
    for path in docs:
        doc = read_document(Path(path))
        ctx = ExtractionContext(province=province, title=doc.title, published_at=doc.published_at,
                                source_url=doc.source_url)
        out.extend(f.to_record() for f in extract_document(doc, ctx))
    return out


def run_eval(gold: Path, docs: list[Path], show: int = 40, out=None) -> dict:
    """Extract ``docs``, score them against ``gold``, print the report; returns the totals."""
    out = out or sys.stdout
    gold_recs = load_jsonl(Path(gold))
    names = {PurePath(d).name for d in docs}
    gold_recs = [g for g in gold_recs if doc_key(g) in names]
    pred = predict(docs)
    res = score(gold_recs, pred)
    for doc, t in res["per_doc"].items():
        print(f"{doc:45s} tp={t['tp']:3d} fp={t['fp']:3d} fn={t['fn']:3d} "
              f"P={t['precision']:.3f} R={t['recall']:.3f}", file=out)
    for doc, g in res["misses"][:show]:
        print(f"MISS  {doc}: {brief(g)}", file=out)
    for doc, p, why in res["falses"][:show]:
        print(f"FALSE {doc}: {brief(p)}  [differs: {', '.join(why)}]", file=out)
    print(f"tp={res['tp']} fp={res['fp']} fn={res['fn']} precision={res['precision']:.3f} "
          f"recall={res['recall']:.3f} f1={res['f1']:.3f}", file=out)
    return {k: res[k] for k in ("tp", "fp", "fn", "precision", "recall", "f1")} | {"per_doc": res["per_doc"]}


def main(argv: list[str] | None = None) -> int:
    import argparse
    ap = argparse.ArgumentParser(description="score extraction against a gold JSONL")
    ap.add_argument("gold", type=Path)
    ap.add_argument("docs", type=Path, nargs="+")
    ap.add_argument("--show", type=int, default=40)
    a = ap.parse_args(argv)
    run_eval(a.gold, a.docs, a.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
