"""CI gate on the blind sets: corpora written by people who never saw the extractor, scored once
blind (see each README's score history) and then kept as regression sets with pinned floors."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors.evaluation import load_jsonl
from tests.extraction.test_eval_gate import FLOORS, _check, corpus

BLIND_SETS = ("gold_blind2", "gold_blind3", "gold_blind4")


@pytest.mark.parametrize("name", BLIND_SETS)
def test_blind_set_spans_hold(name):
    gold, docs = corpus(name)
    texts = {d.name: d.read_text(encoding="utf-8") for d in docs}
    for g in load_jsonl(gold):
        s, e = g["span"]
        assert texts[Path(g["doc"]).name][s:e] == g["text"], g


@pytest.mark.parametrize("name", BLIND_SETS)
def test_blind_set_meets_floors(name):
    gold, docs = corpus(name)
    _check(gold, docs, FLOORS[name])
