"""Issue 5's end-to-end check: on the 60-unit annex, every cell's figure comes out right
(unit, field, denominator from the header, rank) through the extractor and `parwatch extract`."""
import json
import os
import shutil
import subprocess
import sys

import pytest

import documents
from tests.documents import fixtures

PARWATCH = os.path.join(os.path.dirname(sys.executable), "parwatch")


def expected_figures(rows):
    out = set()
    for row in rows:
        name = row.name.replace("Hoá", "Hóa").replace("Hoà", "Hòa")
        unit = f"Thành phố {name}" if name in fixtures.CITIES else f"Tỉnh {name}"
        for (field, _, mx), score in zip(fixtures.FIELDS, row.scores):
            out.add((unit, field, "score", float(score.replace(",", ".")), float(mx.replace(",", "."))))
        out.add((unit, "total", "score", float(row.total.replace(",", ".")), 100.0))
        out.add((unit, "total", "rank", float(row.rank), None))
    return out


def _key(rec):
    den = rec["denominator"]
    return (rec["unit"]["name"], rec["field"], rec["metric"], float(rec["value"]),
            float(den) if den is not None else None)


def _check(records, rows, doc):
    assert {_key(r) for r in records} >= expected_figures(rows)
    table_records = [r for r in records if r.get("table") is not None]
    assert len(table_records) >= 600
    for r in records:
        assert doc.text[r["span"][0]:r["span"][1]] == r["text"]
        assert r["index"] == "PAR" and r["year"] == 2022 and r["unit"]["code"]
    # A PDF figure carries the page its cell is printed on (the annex runs over pages 2-3).
    for r in table_records:
        assert r["page"] == doc.page_of(r["span"][0]), r
    assert {r["page"] for r in table_records} == {2, 3}


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_annex_through_extractor(ruled, annex_rows):
    extractors = pytest.importorskip("extractors")
    from extractors.context import ExtractionContext

    doc = documents.read_bytes(fixtures.annex_decision_pdf(annex_rows, ruled=ruled), name="qd.pdf", doc_id="qd.pdf")
    figures = extractors.extract_document(doc, ExtractionContext())
    _check([f.to_record() for f in figures], annex_rows, doc)


@pytest.mark.skipif(not os.path.exists(PARWATCH) and not shutil.which("parwatch"), reason="parwatch CLI not installed")
def test_annex_through_parwatch_extract(annex_pdf_path, annex_rows):
    exe = PARWATCH if os.path.exists(PARWATCH) else shutil.which("parwatch")
    out = subprocess.run([exe, "extract", str(annex_pdf_path), "--format", "jsonl"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    assert all(r["doc"] == str(annex_pdf_path) for r in records)
    doc = documents.read_path(str(annex_pdf_path))
    _check(records, annex_rows, doc)


def test_parwatch_extract_goes_on_after_a_bad_file(tmp_path, annex_pdf_path):
    exe = PARWATCH if os.path.exists(PARWATCH) else shutil.which("parwatch")
    if not exe:
        pytest.skip("parwatch CLI not installed")
    bad = tmp_path / "encrypted.pdf"
    bad.write_bytes(fixtures.encrypted_pdf())
    out = subprocess.run([exe, "extract", str(bad), str(annex_pdf_path), "--format", "jsonl"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 1
    assert str(bad) in out.stderr and "encrypted" in out.stderr
    assert sum(1 for line in out.stdout.splitlines() if line.strip()) >= 600
