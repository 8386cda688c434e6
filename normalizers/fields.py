"""The PAR fields (lĩnh vực) under every name they carried across the criteria sets.

``FIELD_PATTERN`` finds field names in prose and table headers; ``field_of(raw)`` maps a name to
the taxonomy of CONTRACT.md section 4.  Criteria sets changed names over the years (2012-2016
"Xây dựng và tổ chức thực hiện văn bản QPPL", "Hiện đại hóa hành chính"; 2017-2021 "Cải cách thể
chế"; 2022- "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số"); all map to one key.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from normalizers.lower import fast, left_boundary, lower_keep_offsets, spaced

_CCHC = r"(?:cchc|cải cách hành chính)"

# Lower-case patterns, matched on a lower-cased copy of the text (normalizers.lower).
# Order matters where names overlap: the longer, more specific name comes first.  Every
# alternative starts with a literal letter listed in _FIRSTS (the engine's fast skip).
_FIELDS: list[tuple[str, str]] = [
    ("survey", r"điểm\s+(?:đánh giá\s+(?:qua\s+)?)?điều tra xã hội học|đánh giá\s+(?:qua\s+)?điều tra xã hội học"
               r"|điều tra xã hội học|điều tra xhh|đtxhh|điểm khảo sát|khảo sát (?:sự )?hài lòng|xhh\b"),
    ("direction", rf"công tác\s+(?:lãnh đạo,?\s+)?chỉ đạo,?\s+(?:và\s+)?điều hành(?:\s+(?:công tác\s+)?{_CCHC})?"
                  rf"|lãnh đạo,?\s+chỉ đạo,?\s+(?:và\s+)?điều hành(?:\s+(?:công tác\s+)?{_CCHC})?"
                  rf"|chỉ đạo,?\s+(?:và\s+)?điều hành(?:\s+(?:công tác\s+)?{_CCHC})?"),
    ("institutions", r"cải cách thể chế|(?:xây dựng|công tác xây dựng)(?:\s+và|,)\s+tổ chức thực hiện\s+"
                     r"(?:các\s+)?văn bản\s+(?:qppl|quy phạm pháp luật)(?:\s+tại\s+(?:tỉnh|địa phương))?"
                     r"|xây dựng và tổ chức thực hiện thể chế|tổ chức thực hiện thể chế"
                     r"|thể chế(?=\s*[:(\d])|thực hiện\s+vbqppl|xây dựng[^.;:()\n]{0,40}?vbqppl"),
    ("procedures", r"cải cách\s+(?:thủ tục hành chính|tthc)|thủ tục hành chính(?=\s*[:(\d])|tthc(?=\s*[:(\d])"),
    ("organization", r"cải cách\s+(?:tổ chức\s+)?bộ máy(?:\s+hành chính)?(?:\s+nhà nước)?(?:\s+hành chính)?"
                     r"|tổ chức bộ máy(?:\s+hành chính)?(?:\s+nhà nước)?"),
    ("civil_service", r"cải cách chế độ công vụ(?:,?\s+công chức)?|cải cách công vụ(?:,?\s+công chức)?"
                      r"|xây dựng và nâng cao chất lượng đội ngũ cán bộ,?\s+công chức(?:,?\s+viên chức)?"
                      r"|xây dựng và nâng cao chất lượng đội ngũ (?:cbccvc|cbcc|cán bộ)|chế độ công vụ"),
    ("public_finance", r"cải cách tài chính công|đổi mới cơ chế\s+(?:quản lý\s+)?tài chính(?:[^.;:()]{0,80}?công lập)?"
                       r"|tài chính công"),
    ("e_government", r"(?:xây dựng|phát triển)(?:\s+và|,)?\s+(?:phát triển\s+)?(?:chính quyền|chính phủ)\s+điện tử"
                     r"(?:,?\s+(?:(?:chính quyền|chính phủ)\s+số))?"
                     r"|hiện đại h(?:óa|oá)(?:\s+nền)?\s+hành chính"
                     r"|(?:chính quyền|chính phủ)\s+điện tử(?:,?\s+(?:chính quyền|chính phủ)\s+số)?"),
    ("impact", rf"tác động của\s+{_CCHC}(?:\s+đến[^.;:()]{{0,90}}?(?:xã hội|địa phương|của tỉnh))?"
               rf"|tác động của\s+(?:cải cách|cchc)"),
]
_FIRSTS = "đkxcltphd"

FIELD_PATTERN = fast(spaced("|".join(f"(?P<{name}>{pat})" for name, pat in _FIELDS)), _FIRSTS)

# A table header or list label that names the total rather than a field.
TOTAL_PATTERN = fast(spaced(r"tổng(?:\s+số)?\s+điểm|chỉ số\s+(?:cchc|cải cách hành chính)|par\s*index|điểm\s+tổng|"
                     r"tổng\s+cộng|kết quả\s+chỉ số"), "tcpđk")


class FieldMention(NamedTuple):
    start: int
    end: int
    field: str
    raw: str


def find_fields(text: str, lowered: str | None = None) -> list[FieldMention]:
    """Field names in ``text`` (pass its lower_keep_offsets copy when you have one)."""
    low = lowered if lowered is not None else lower_keep_offsets(text)
    out = []
    for m in FIELD_PATTERN.finditer(low):
        if left_boundary(low, m.start()):
            out.append(FieldMention(m.start(), m.end(), m.lastgroup or "other", " ".join(text[m.start():m.end()].split())))
    return out


def find_totals(text: str, lowered: str | None = None) -> list[FieldMention]:
    low = lowered if lowered is not None else lower_keep_offsets(text)
    return [FieldMention(m.start(), m.end(), "total", text[m.start():m.end()])
            for m in TOTAL_PATTERN.finditer(low) if left_boundary(low, m.start())]


def field_of(raw: str | None) -> str:
    """A field name as a source wrote it -> taxonomy key ("other" when it is none of the eight)."""
    if not raw:
        return "total"
    low = lower_keep_offsets(raw)
    m = FIELD_PATTERN.search(low)
    if m:
        return m.lastgroup or "other"
    if TOTAL_PATTERN.search(low):
        return "total"
    return "other"


# Short forms that only table headers and row labels use ("Văn bản QPPL", "Hiện đại hóa", "Bộ máy").
_SHORT_FORMS: list[tuple[str, str]] = [
    ("survey", r"điều tra|xhh|khảo sát|sự hài lòng"),
    ("direction", r"chỉ đạo|điều hành"),
    ("institutions", r"thể chế|văn bản qppl|vbqppl|qppl|quy phạm pháp luật"),
    ("procedures", r"thủ tục|tthc"),
    ("organization", r"bộ máy"),
    ("civil_service", r"công vụ|công chức|cbcc"),
    ("public_finance", r"tài chính"),
    ("e_government", r"hiện đại h(?:óa|oá)|hđh|điện tử|chính quyền số|chính phủ số|ứng dụng cntt|công nghệ thông tin"),
    ("impact", r"tác động"),
]
_SHORT_PATTERN = re.compile(spaced("|".join(f"(?P<{n}>{p})" for n, p in _SHORT_FORMS)))


def first_field(raw: str | None) -> FieldMention | None:
    """The first field name in a short text (a table header, a row label), or None; short forms
    count here ("Văn bản QPPL (6)", "Hiện đại hóa") since a header names nothing else."""
    found = find_fields(raw or "")
    if found:
        return found[0]
    low = lower_keep_offsets(raw or "")
    m = _SHORT_PATTERN.search(low)
    if m and not find_totals(raw or ""):
        return FieldMention(m.start(), m.end(), m.lastgroup or "other", " ".join((raw or "").split()))
    return None


def names_total(raw: str | None) -> bool:
    return bool(find_totals(raw or ""))
