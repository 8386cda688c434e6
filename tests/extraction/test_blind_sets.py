"""CI gate on the blind sets: corpora written by people who never saw the extractor, scored once
blind (see each README's score history) and then kept as regression sets with pinned floors."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors.evaluation import load_jsonl
from tests.extraction.test_eval_gate import FLOORS, ROOT, _check

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
    _check(gold, docs, FLOORS[name])
