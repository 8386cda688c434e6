"""Seed 004 (a district's report on its 2022 PAR results) as documents and figures, from its gold.

The gold's optional entries become figures too: the two percentages the report dates 2021 by
mistake (65,93% is the one that does not match 9,231/14,5) and the stated changes
("tăng 02 bậc, giảm 0,79 điểm"), split into a rank change and a score change.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from documents.model import Document
from extractors.figure import Figure, Unit
from warehouse.rows import document_row, figure_row

DATA = Path(__file__).with_name("data")
SEED_TEXT = DATA / "004_a0d4a148a81e99b5.txt"
SEED_GOLD = DATA / "004_gold.jsonl"
DOC_ID = "004_a0d4a148a81e99b5"
BACH_THONG = Unit(level="district", name="Huyện Bạch Thông", code="063", province_code="06")
OPTIONAL_PCT_FIELD = {"85,69%": "procedures", "65,93%": "civil_service"}


def seed_document() -> Document:
    return Document(doc_id=DOC_ID, text=SEED_TEXT.read_text(encoding="utf-8"), content_type="txt",
                    source_url="https://bachthong.example/bao-cao-cchc-2022", sha256="ab" * 32)


def _field_before(text: str, start: int) -> str:
    """The field named on the line of a change statement (for the optional gold entries)."""
    line = text[text.rfind("\n", 0, start) + 1:start].lower()
    for words, field in (("chỉ đạo", "direction"), ("thể chế", "institutions"), ("thủ tục", "procedures"),
                         ("tổ chức bộ máy", "organization"), ("công vụ", "civil_service"),
                         ("chính quyền điện tử", "e_government")):
        if words in line:
            return field
    return "total"


def seed_figures(doc: Document) -> list[Figure]:
    figs = []
    for line in SEED_GOLD.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        if "metric" in g:
            figs.append(Figure(doc=DOC_ID, index=g["index"], year=g["year"], unit=Unit(**g["unit"]),
                               field=g["field"], field_raw=g.get("field_raw"), metric=g["metric"],
                               value=g["value"], denominator=g["denominator"], kind=g["kind"],
                               text=g["text"], span=tuple(g["span"]), quote=g["text"]))
            continue
        start, end = g["span"]
        if g["text"] in OPTIONAL_PCT_FIELD:
            figs.append(Figure(doc=DOC_ID, index="PAR", year=2022, unit=BACH_THONG,
                               field=OPTIONAL_PCT_FIELD[g["text"]], field_raw=None, metric="score_pct",
                               value=float(g["text"].rstrip("%").replace(",", ".")), denominator=None,
                               kind="official", text=g["text"], span=(start, end), quote=g["text"]))
            continue
        field = _field_before(doc.text, start)
        for m in re.finditer(r"(tăng|giảm) (\d+(?:,\d+)?) (bậc|điểm)", g["text"]):
            s, e = start + m.start(), start + m.end()
            figs.append(Figure(doc=DOC_ID, index="PAR", year=2022, unit=BACH_THONG, field=field,
                               field_raw=None, metric="rank_delta" if m.group(3) == "bậc" else "score_delta",
                               value=float(m.group(2).replace(",", ".")), denominator=None, kind="official",
                               text=m.group(0), span=(s, e), quote=g["text"]))
    for f in figs:
        assert doc.text[f.span[0]:f.span[1]] == f.text, f
    return figs


@pytest.fixture
def seed_rows() -> tuple[dict, list[dict]]:
    doc = seed_document()
    drow = document_row(doc, source_id="bachthong", url=doc.source_url, record_id="rec-004",
                        fetched_at="2024-05-01T08:00:00Z")
    return drow, [figure_row(f, document_row=drow, extractor_version="test-1") for f in seed_figures(doc)]


def fetch_record(n: int, **over) -> dict:
    rec = {
        "fetch_id": f"f{n:05d}", "source_id": "bachthong", "url": f"https://bachthong.example/p/{n}",
        "final_url": f"https://bachthong.example/p/{n}", "kind": "page", "status": 200, "outcome": "fetched",
        "reason": None, "content_type": "text/html", "bytes": 1000 + n, "sha256": f"{n:064x}",
        "record_id": f"<urn:uuid:{n}>", "warc_file": "a.warc.gz", "warc_offset": 100 * n,
        "fetched_at": "2024-05-01T08:00:00Z", "etag": None, "last_modified": None, "elapsed_ms": 12.5,
    }
    rec.update(over)
    return rec
