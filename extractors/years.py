"""Year mentions and which of them can date a figure.

"Chỉ số CCHC năm 2022" dates the figures after it; "so với năm 2021" (a comparison), "giai đoạn
2021-2025" (a period), "ngày 29 tháng 3 năm 2023" (a date), "đến năm 2025" (a target) do not.
Bare years count only right after an index name ("PAR Index 2022", "(PCI) 2022").
"""
from __future__ import annotations

import re
from typing import NamedTuple
from normalizers.lower import spaced


def _rx(pattern: str, flags: int = 0) -> re.Pattern:
    """A compiled pattern whose spaces also match line breaks (see normalizers.lower.spaced)."""
    return re.compile(spaced(pattern), flags)

_YEAR = _rx(r"(?<![\d/.,-])(?:(?P<nam>[Nn]ăm|NĂM)\s+)?(?P<y>(?:19|20)\d\d)(?![\d/]|[.,]\d)")
_DATE_BEFORE = _rx(r"(?:ngày|tháng)\s*\d{0,2}\s*(?:tháng\s*\d{0,2}\s*)?(?:năm)?\s*$"
                          r"|\d{1,2}\s*tháng\s*\d{1,2}[ \t,]*(?:năm)?\s*$", re.IGNORECASE)
# "so với điểm tự đánh giá năm 2022": the compared year; "công bố trong năm 2024": the publication year
_COMPARE_BEFORE = _rx(r"(?:so với|so|hơn|kém|thấp hơn|cao hơn)(?:\s+(?:cùng kỳ|với))?\s+"
                      r"(?:(?:điểm|kết quả)(?:\s+(?:tự chấm|tự đánh giá|thẩm định|chính thức))?\s+)?(?:năm\s+)?$"
                      r"|công bố\s+(?:trong\s+|vào\s+)?(?:năm\s+)?$"
                             r"|(?:đến|tới|trước|từ|sau|đầu|cuối|vào)\s+năm\s+$|giai đoạn\s+(?:năm\s+)?$"
                             # "từ vị trí 61/63 năm 2021 (lên ...)": the year climbed from, not the one in force
                             r"|từ\s+(?:vị trí|thứ hạng|hạng|thứ)(?:\s+(?:số|thứ))?\s+\d{1,3}(?:/\d{1,3})?\s+(?:năm\s+)?$",
                             re.IGNORECASE)
_PERIOD_AFTER = _rx(r"\s*[-–]\s*(?:19|20)\d\d")
_INDEX_BEFORE = _rx(r"(?:INDEX|SIPAS|PAPI|PCI|DTI|CCHC|cải cách hành chính|\))\s*$", re.IGNORECASE)


class YearMention(NamedTuple):
    start: int
    end: int
    year: int
    dates: bool  # can date a figure (not a comparison, period, date or target)


# Two cheap scans find the only shapes that can date a figure (the engine skips to the literal
# "năm" / to a year's first digits); _YEAR then reads each hit in full.
_NAM_YEAR = _rx(r"năm\s+(?:19|20)\d\d")  # on lower-cased text
# Opens with the digit class it consumes, so the engine skips from "1"/"2" to the next (a pattern
# opening with a look-around is tried at every position); the look-behind then spans that digit.
_BARE_YEAR = _rx(r"[12](?<![\d/.,-][12])(?:(?<=1)9|(?<=2)0)\d\d(?![\d/]|[.,]\d)")


def find_years(text: str, lowered: str | None = None) -> list[YearMention]:
    low = lowered if lowered is not None and len(lowered) == len(text) else text.lower()
    out = []
    nam = {m.start() for m in _NAM_YEAR.finditer(low)}
    bare = {m.start() for m in _BARE_YEAR.finditer(low)
            if not low[max(0, m.start() - 5): m.start()].rstrip(" \t").endswith("năm")}
    for st in sorted(nam | bare):
        m = _YEAR.match(low, st)
        if not m:
            continue
        start = m.start()
        y_start = m.start("y")
        has_nam = st in nam
        y = int(m.group("y"))
        window = low[max(0, start - 40): start if has_nam else y_start]
        dates = True
        if _PERIOD_AFTER.match(low, m.end()) or (
                not has_nam and low[max(0, start - 3): start].rstrip(" \t").endswith(("-", "–"))):
            dates = False
        elif has_nam and ("ngày" in window[-16:] or "tháng" in window[-16:]) and _DATE_BEFORE.search(
                low, max(0, start - 40), y_start):
            dates = False
        elif _has_compare_cue(window[-32:]) and _COMPARE_BEFORE.search(window):
            dates = False
        elif not has_nam and not _INDEX_BEFORE.search(window[-24:]):
            dates = False
        out.append(YearMention(start, m.end(), y, dates))
    return out


_COMPARE_CUES = ("so", "công bố", "hơn", "kém", "đến", "tới", "trước", "từ", "sau", "đầu", "cuối", "vào", "giai đoạn")


# One search for all the cues costs less than a Python loop of `in` tests (same answer: a literal
# alternation matches somewhere exactly when one of its words is in the text).
_COMPARE_CUE = re.compile("|".join(re.escape(w) for w in _COMPARE_CUES))


def _has_compare_cue(tail: str) -> bool:
    """Any of _COMPARE_CUES in ``tail`` (the cheap test before _COMPARE_BEFORE's regex search)."""
    return _COMPARE_CUE.search(tail) is not None
_ANY_YEAR = _rx(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def year_in(text: str | None) -> int | None:
    """The first plausible year in a title or a date string."""
    m = _ANY_YEAR.search(text or "")
    return int(m.group()) if m else None
