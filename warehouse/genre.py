"""What kind of document a figure came from: a decision, a report or a news article.

Reconciliation ranks sources by this (a decision's table outranks a report, which outranks a
news paraphrase). Documents rarely say it in metadata, so we read the signals they do carry:
the title, the document number's type code ("Số: 501/QĐ-UBND", "Số: /BC-UBND") and the
heading line that Vietnamese administrative documents print in capitals.
"""
from __future__ import annotations

import re
import unicodedata

GENRES = ("decision", "report", "news")
GENRE_RANK = {"decision": 0, "report": 1, "news": 2}

_NUMBER = re.compile(r"^\s*S[ốo]\s*:?\s*[\w\s.]*?/\s*(QĐ|QD|BC)\b", re.IGNORECASE | re.MULTILINE)
_HEAD_CHARS = 1500  # headings and the document number sit at the top


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def detect_genre(title: str | None, text: str | None) -> str:
    """'decision', 'report' or 'news' from the title, the number line and the heading."""
    t = _nfc(title or "").lower()
    if t.startswith("quyết định"):
        return "decision"
    if t.startswith("báo cáo"):
        return "report"
    head = _nfc(text or "")[:_HEAD_CHARS]
    m = _NUMBER.search(head)
    if m:
        return "decision" if m.group(1).upper() in ("QĐ", "QD") else "report"
    for line in head.splitlines():
        line = line.strip().strip("*").strip()
        if line == "QUYẾT ĐỊNH" or line.startswith("QUYẾT ĐỊNH "):
            return "decision"
        if line == "BÁO CÁO" or line.startswith("BÁO CÁO "):
            return "report"
    return "news"
