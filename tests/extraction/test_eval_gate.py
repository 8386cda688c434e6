"""CI gate: extraction quality on the seeds and on our own gold corpus must not fall below the
floors pinned in floors.json (raise them as quality rises; never lower them to pass)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.evaluation import load_jsonl, predict, score

ROOT = Path(__file__).resolve().parents[2]
FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text())
SHARED = ROOT.parent / "shared"


def _check(gold_path: Path, docs: list[Path], floor: dict) -> None:
    names = {d.name for d in docs}
    gold = [g for g in load_jsonl(gold_path) if Path(g["doc"]).name in names]
    res = score(gold, predict(docs))
    report = "\n".join([f"MISS  {d}: {g.get('text')!r}@{g.get('span')}" for d, g in res["misses"][:20]]
                       + [f"FALSE {d}: {p.get('text')!r}@{p.get('span')} {why}" for d, p, why in res["falses"][:20]])
    assert res["precision"] >= floor["precision"], f"precision {res['precision']:.3f}\n{report}"
    assert res["recall"] >= floor["recall"], f"recall {res['recall']:.3f}\n{report}"


def test_seeds_are_perfect():
    gold = SHARED / "gold" / "seeds.jsonl"
    if not gold.exists():
        pytest.skip(f"{gold} is absent (../shared sits beside the repo in CI)")
    _check(gold, sorted((SHARED / "seeds").glob("*.txt")), FLOORS["seeds"])


def test_own_gold_corpus_meets_floors():
    gold = ROOT / "tests" / "gold" / "gold.jsonl"
    docs = sorted((ROOT / "tests" / "gold" / "docs").glob("*.txt"))
    if not gold.exists() or not docs:
        pytest.skip("tests/gold corpus not built yet")
    _check(gold, docs, FLOORS["gold"])
