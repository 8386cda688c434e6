"""Which index a figure belongs to: PAR (Chỉ số CCHC), SIPAS, PAPI, PCI, DTI.

One article often reports several indices side by side; the nearest preceding mention decides.
"""
from __future__ import annotations

from typing import NamedTuple

from normalizers.lower import fast, left_boundary, lower_keep_offsets, spaced

# Lower-case, matched on a lower-cased copy; acronyms are checked for a word boundary on both sides.
_INDICES: list[tuple[str, str]] = [
    ("SIPAS", r"sipas\b|chỉ số hài lòng|mức độ hài lòng|sự hài lòng của người dân|"
              r"hài lòng (?:của người dân,? tổ chức )?(?:về|đối với) sự phục vụ"),
    ("PAPI", r"papi\b|hiệu quả quản trị và hành chính công"),
    ("OTHER", r"ddci\b|ict\s*index\b|năng lực cạnh tranh cấp (?:sở|huyện|sở, ngành)|pii\b|gii\b"),
    ("PCI", r"pci\b|năng lực cạnh tranh(?: cấp tỉnh)?"),
    ("DTI", r"dti\b|chỉ số chuyển đổi số|mức độ chuyển đổi số|chuyển đổi số cấp tỉnh|(?:bậc|hạng|thứ) về chuyển đổi số"),
    ("PAR", r"par\s*index\b|chỉ số\s+par\b|chỉ số\s+(?:cchc|cải cách hành chính)|par\b"),
]

INDEX_PATTERN = fast(spaced("|".join(f"(?P<{n}>{p})" for n, p in _INDICES)), "scmhpdingc")


class IndexMention(NamedTuple):
    start: int
    end: int
    index: str


def find_indices(text: str, lowered: str | None = None) -> list[IndexMention]:
    low = lowered if lowered is not None else lower_keep_offsets(text)
    return [IndexMention(m.start(), m.end(), m.lastgroup or "OTHER") for m in INDEX_PATTERN.finditer(low)
            if left_boundary(low, m.start())]


def index_of(raw: str | None, default: str = "PAR") -> str:
    found = find_indices(raw or "")
    return found[0].index if found else default
