"""CI gate on the blind sets: corpora written by people who never saw the extractor, scored once
blind (see each README's score history) and then kept as regression sets with pinned floors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.evaluation import load_jsonl, predict, score

ROOT = Path(__file__).resolve().parents[2]
FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text())
BLIND_SETS = ("gold_blind2", "gold_blind3", "gold_blind4")


def _corpus(name: str) -> tuple[Path, list[Path]]:
    base = ROOT / "tests" / name
    gold, docs = base / "gold.jsonl", sorted((base / "docs").glob("*.txt"))
    if not gold.exists() or not docs:
        pytest.skip(f"tests/{name} absent")
    return gold, docs


@pytest.mark.parametrize("name", BLIND_SETS)
def test_blind_set_spans_hold(name):
    gold, docs = _corpus(name)
    texts = {d.name: d.read_text(encoding="utf-8") for d in docs}
    for g in load_jsonl(gold):
        s, e = g["span"]
        assert texts[Path(g["doc"]).name][s:e] == g["text"], g


@pytest.mark.parametrize("name", BLIND_SETS)
def test_blind_set_meets_floors(name):
    gold, docs = _corpus(name)
    res = score(load_jsonl(gold), predict(docs))
    floor = FLOORS[name]
    report = "\n".join([f"MISS  {d}: {g.get('text')!r}@{g.get('span')}" for d, g in res["misses"][:20]]
                       + [f"FALSE {d}: {p.get('text')!r}@{p.get('span')} {why}" for d, p, why in res["falses"][:20]])
    assert res["precision"] >= floor["precision"], f"{name}: precision {res['precision']:.3f}\n{report}"
    assert res["recall"] >= floor["recall"], f"{name}: recall {res['recall']:.3f}\n{report}"
