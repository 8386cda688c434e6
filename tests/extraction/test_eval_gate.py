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


def corpus(name: str) -> tuple[Path, list[Path]]:
    """tests/NAME's gold file and documents; skips when the corpus is not there."""
    base = ROOT / "tests" / name
    gold, docs = base / "gold.jsonl", sorted((base / "docs").glob("*.txt"))
    if not gold.exists() or not docs:
        pytest.skip(f"tests/{name} corpus absent")
    return gold, docs


def test_own_gold_corpus_meets_floors():
    _check(*corpus("gold"), FLOORS["gold"])


def _wrap(text: str, width: int) -> str:
    """Hard-wrap prose lines at ``width`` by turning spaces into line breaks, as PDF text arrives.
    Offsets do not move, so the gold spans stay valid; table lines are left alone."""
    out = []
    for line in text.split("\n"):
        if "|" in line or "\t" in line:
            out.append(line)
            continue
        chars, col, last_space = list(line), 0, None
        for i, ch in enumerate(line):
            col += 1
            if ch == " ":
                last_space = i
            if col >= width and last_space is not None:
                chars[last_space] = "\n"
                col, last_space = i - last_space, None
        out.append("".join(chars))
    return "\n".join(out)


def test_own_gold_corpus_survives_pdf_line_wrapping(tmp_path):
    gold, docs = corpus("gold")
    wrapped, texts = [], {}
    for d in docs:
        w = tmp_path / d.name
        texts[d.name] = _wrap(d.read_text(encoding="utf-8"), 90)
        w.write_text(texts[d.name], encoding="utf-8")
        wrapped.append(w)
    # a figure's text is what the wrapped document holds at its span ("cuối\nbảng" for "cuối bảng")
    records = []
    for g in load_jsonl(gold):
        t = texts.get(Path(g["doc"]).name)
        if t is not None and g.get("span"):
            g = {**g, "text": t[g["span"][0]: g["span"][1]]}
        records.append(json.dumps(g, ensure_ascii=False))
    wrapped_gold = tmp_path / "gold_wrapped.jsonl"
    wrapped_gold.write_text("\n".join(records) + "\n", encoding="utf-8")
    _check(wrapped_gold, wrapped, FLOORS["gold_wrapped_90"])


def test_holdout_corpus_meets_floors():
    """tests/gold_holdout was written blind to the extractor; its floor guards against regressions."""
    _check(*corpus("gold_holdout"), FLOORS["gold_holdout"])
