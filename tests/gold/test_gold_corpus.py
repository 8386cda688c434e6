"""Checks of the gold extraction corpus itself (tests/gold/docs + gold.jsonl).

The corpus is what the extractor is measured against, so a wrong span, an
unknown vocabulary word or a stale build would silently skew every score.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
GOLD = HERE / "gold.jsonl"

INDICES = {"PAR", "SIPAS", "PAPI", "PCI", "DTI", "OTHER"}
LEVELS = {"province", "district", "commune", "department", "ministry", "unknown"}
FIELDS = {"total", "direction", "institutions", "procedures", "organization", "civil_service",
          "public_finance", "e_government", "impact", "survey", "other"}
METRICS = {"score", "rank", "score_pct", "score_delta", "rank_delta"}
KINDS = {"official", "self_assessed", "provisional"}
REQUIRED_KEYS = {"doc", "index", "year", "unit", "field", "metric", "value", "denominator",
                 "kind", "text", "span", "optional"}
OPTIONAL_KEYS = {"doc", "span", "text", "note", "optional"}
CODE_LEN = {"province": 2, "district": 3, "commune": 5}


def load_gold() -> list[dict]:
    out = []
    for n, line in enumerate(GOLD.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            rec = json.loads(line)
            rec["_line"] = n
            out.append(rec)
    return out


GOLD_RECS = load_gold()
DOC_TEXT = {p.name: p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.txt"))}


def where(r: dict) -> str:
    return f"gold.jsonl:{r['_line']} ({r.get('doc')} {r.get('text')!r})"


def test_corpus_size():
    assert len(DOC_TEXT) >= 45
    assert sum(1 for r in GOLD_RECS if not r["optional"]) >= 400


@pytest.mark.parametrize("name", sorted(DOC_TEXT))
def test_document_is_clean_text(name):
    text = DOC_TEXT[name]
    assert re.fullmatch(r"\d{3}_[a-z0-9_]+\.txt", name), name
    assert unicodedata.normalize("NFC", text) == text, f"{name} is not NFC"
    assert 300 <= len(text) <= 8000, f"{name}: {len(text)} characters"
    assert "{{" not in text and "}}" not in text, f"{name}: annotation mark left in the text"


def test_every_record_has_a_document():
    missing = {r["doc"] for r in GOLD_RECS} - set(DOC_TEXT)
    assert not missing


def test_spans_match_text():
    for r in GOLD_RECS:
        s, e = r["span"]
        assert 0 <= s < e <= len(DOC_TEXT[r["doc"]]), where(r)
        assert DOC_TEXT[r["doc"]][s:e] == r["text"], where(r)


def test_keys_and_vocabularies():
    for r in GOLD_RECS:
        if r["optional"]:
            assert OPTIONAL_KEYS <= r.keys(), where(r)
            assert r["note"], f"{where(r)}: optional region without a note"
            continue
        assert REQUIRED_KEYS <= r.keys(), f"{where(r)}: missing {REQUIRED_KEYS - r.keys()}"
        assert r["index"] in INDICES, where(r)
        assert r["field"] in FIELDS, where(r)
        assert r["metric"] in METRICS, where(r)
        assert r["kind"] in KINDS, where(r)
        assert r["year"] is None or 2005 <= r["year"] <= 2025, where(r)
        u = r["unit"]
        assert set(u) == {"level", "name", "code", "province_code"}, where(r)
        assert u["level"] in LEVELS, where(r)
        if u["level"] in CODE_LEN:
            if u["code"] is not None:
                assert re.fullmatch(rf"\d{{{CODE_LEN[u['level']]}}}", u["code"]), where(r)
                assert re.fullmatch(r"\d{2}", u["province_code"]), where(r)
        else:
            assert u["code"] is None, f"{where(r)}: departments, ministries have no GSO code"
        if u["level"] == "province" and u["code"]:
            assert u["code"] == u["province_code"], where(r)


def test_values_are_consistent():
    for r in GOLD_RECS:
        if r["optional"]:
            continue
        v, d, m = r["value"], r["denominator"], r["metric"]
        assert isinstance(v, (int, float)) and not isinstance(v, bool), where(r)
        if m == "rank":
            assert isinstance(v, int) and v >= 1, where(r)
            assert d is None or v <= d, where(r)
        if m == "score":
            assert v >= 0 and (d is None or v <= d), where(r)
        if m == "score_pct":
            assert 0 <= v <= 100 and d is None, where(r)
        if m in ("score_delta", "rank_delta"):
            assert d is None and v != 0, where(r)
        digits = re.fullmatch(r"0*(\d+(?:[.,]\d+)?)(?:/.*)?%?", r["text"])
        if digits and m not in ("score_delta", "rank_delta"):
            assert abs(float(digits.group(1).replace(",", ".")) - v) < 1e-9, where(r)
        if digits and m in ("score_delta", "rank_delta"):
            assert abs(float(digits.group(1).replace(",", ".")) - abs(v)) < 1e-9, where(r)


def test_no_duplicate_records():
    keys = Counter((r["doc"], tuple(r["span"]), r.get("metric"), r.get("optional")) for r in GOLD_RECS)
    assert [k for k, n in keys.items() if n > 1] == []


def test_optional_regions_do_not_hide_required_figures():
    by_doc: dict[str, list[dict]] = {}
    for r in GOLD_RECS:
        by_doc.setdefault(r["doc"], []).append(r)
    for recs in by_doc.values():
        opts = [r["span"] for r in recs if r["optional"]]
        for r in recs:
            if not r["optional"]:
                s, e = r["span"]
                assert not any(a < e and s < b for a, b in opts), where(r)


def test_outputs_match_the_annotated_sources():
    """docs/ and gold.jsonl are generated by build.py from src/: never stale."""
    import importlib.util
    import sys
    spec = importlib.util.spec_from_file_location("parwatch_gold_build", HERE / "build.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up here
    spec.loader.exec_module(mod)
    docs, gold = mod.build_all()
    assert docs == DOC_TEXT
    assert mod.gold_lines(gold) == GOLD.read_text(encoding="utf-8")
