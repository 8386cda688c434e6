"""Publication dates as Vietnamese portals print them, returned as ISO dates."""
from __future__ import annotations

import re
from datetime import date

_DMY = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
_YMD = r"(\d{4})-(\d{2})-(\d{2})"
# Labels that introduce the page's own date, not a date mentioned in the story.
_LABELLED = re.compile(
    r"(?:cập nhật(?: lúc)?|ngày đăng|ngày cập nhật|ngày xuất bản|đăng ngày|đăng lúc|ngày ban hành|"
    r"thời gian đăng|posted|published|updated)\s*:?\s*"
    r"(?:\d{1,2}[:h]\d{2}(?::\d{2})?\s*(?:AM|PM|SA|CH)?\s*[,-]?\s*)?"
    r"(?:(?:thứ\s+\w+|chủ nhật)\s*,?\s*)?(?:ngày\s+)?" + _DMY,
    re.I,
)
# A bare "16:38, Thứ Ba, 18/02/2020" or "Thứ Ba, 18/02/2020 16:38" header line.
_WEEKDAY = re.compile(r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ nhật)\s*,?\s*(?:ngày\s+)?" + _DMY, re.I)
_TIME_THEN_DATE = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM|SA|CH)?\s*[,-]?\s*" + _DMY + r"\b", re.I)
_DATE_THEN_TIME = re.compile(r"\b" + _DMY + r"\s*[,-]?\s*\d{1,2}:\d{2}\b")
# "..., ngày 29 tháng 3 năm 2023" under a decision's heading.
_LONG = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)
_URL_YMD = re.compile(r"(?<!\d)(20\d{2}|19\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)")


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        value = date(y, m, d)
    except ValueError:
        return None
    if not 1990 <= value.year <= 2100:
        return None
    return value.isoformat()


def parse_date(value: str | None) -> str | None:
    """ISO date from a meta value ("2020-02-18T16:38:00+07:00", "18/02/2020", ...)."""
    if not value:
        return None
    m = re.search(_YMD, value)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.search(_DMY, value)
    if m:
        return _iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return None


def date_in_text(text: str, *, decision_heading: bool = False, labelled_only: bool = False) -> str | None:
    """The page's date from labelled or time-stamped date lines; decision headings optionally.

    ``labelled_only`` for a whole portal page: its header often shows today's date
    ("Thứ Tư, 22/11/2023"), which is not the article's.
    """
    patterns = (_LABELLED,) if labelled_only else (_LABELLED, _WEEKDAY, _TIME_THEN_DATE, _DATE_THEN_TIME)
    for pattern in patterns:
        m = pattern.search(text)
        if m:
            found = _iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if found:
                return found
    if decision_heading:
        m = _LONG.search(text)
        if m:
            return _iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return None


def date_in_url(url: str | None) -> str | None:
    if not url:
        return None
    m = _URL_YMD.search(url)
    return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
