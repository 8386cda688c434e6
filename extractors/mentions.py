"""Where a text names a unit: "huyện Bạch Thông", "TP. Sơn Tây", bare "Quảng Ninh", "Sở Nội vụ",
"Bộ Tư pháp", and the anaphoric "UBND tỉnh" / "của huyện" that point back to a unit named elsewhere.

Every pattern is a single regex pass over the text; names are checked against the gazetteer only
for the few words each match captured.
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from normalizers.units import CENTRAL_CITIES, district_candidates, fold, gazetteer

# Capital letters of Vietnamese (and any Latin capital): the start of a proper name.
UPPER = "".join(chr(c) for c in range(0x41, 0x1EFA) if chr(c).isupper() and chr(c).isalpha())
_U = f"[{UPPER}]"
_W = r"(?:[^\W_]|'(?=[^\W\d_]))"  # a word character (not "_"), or an apostrophe inside a name (N'Thol)
_NAME = rf"(?:{_U}{_W}*|\d{{1,2}})(?:(?:[ \t]+|[ \t]*\n[ \t]*|[ \t]*-[ \t]*){_U}{_W}*){{0,4}}"

_NAMED = re.compile(
    rf"(?=[TtHhQqXxPp])(?<![^\W_])(?:(?P<kw>[Tt]ỉnh|TỈNH|[Tt]hành phố|THÀNH PHỐ|[Hh]uyện|HUYỆN|[Tt]hị xã|THỊ XÃ|[Qq]uận|QUẬN|"
    rf"[Xx]ã|XÃ|[Pp]hường|PHƯỜNG|[Tt]hị trấn|THỊ TRẤN)(?:[ \t]+|[ \t]*\n[ \t]*)|(?P<abbr>TP|Tp|TX|Tx)(?:\.[ \t]*|[ \t]+))"
    rf"(?P<name>{_NAME})")
_BARE = re.compile(rf"(?=[{UPPER}])(?<![^\W_]){_U}{_W}*(?:[ \t]+(?:-[ \t]+)?{_U}{_W}*){{1,3}}")
_DEPTS = (
    r"Nội vụ|Tư pháp|Kế hoạch và Đầu tư|Tài chính|Công [Tt]hương|Nông nghiệp và Phát triển [Nn]ông thôn|"
    r"Nông nghiệp và Môi trường|Giao thông [Vv]ận tải|Giao thông - Vận tải|Xây dựng|Tài nguyên và Môi trường|"
    r"Thông tin và Truyền thông|Lao động[,\s-]+Thương binh và Xã hội|Văn hóa[,\s-]+Thể thao và Du lịch|"
    r"Văn hoá[,\s-]+Thể thao và Du lịch|Văn hóa và Thể thao|Văn hóa[,\s-]+Thể thao|Du lịch|Khoa học và Công nghệ|"
    r"Giáo dục và Đào tạo|Y tế|Ngoại vụ|Dân tộc và Tôn giáo|Quy hoạch[\s-]+Kiến trúc|Quy hoạch và Kiến trúc")
_DEPARTMENT = re.compile(
    rf"(?=[SBTV])(?<![^\W_])(?P<name>Sở\s+(?:{_DEPTS})|Ban Quản lý (?:các )?[Kk]hu (?:công nghiệp|kinh tế)(?:[^\W\d_]*[ \t]+){{0,4}}?"
    rf"|Ban Dân tộc|Thanh tra tỉnh|Văn phòng (?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân) tỉnh"
    rf"|Văn phòng Đoàn ĐBQH và HĐND tỉnh)(?![^\W_])")
_MINISTRY = re.compile(
    r"(?=[BNTVUỦ])(?<![^\W_])(?P<name>Bộ\s+(?:Nội vụ|Tư pháp|Tài chính|Công [Tt]hương|Y tế|Xây dựng|Ngoại giao|Quốc phòng|"
    r"Công an|Giáo dục và Đào tạo|Khoa học và Công nghệ|Kế hoạch và Đầu tư|Tài nguyên và Môi trường|"
    r"Thông tin và Truyền thông|Lao động[,\s-]+Thương binh và Xã hội|Văn hóa[,\s-]+Thể thao và Du lịch|"
    r"Nông nghiệp và Phát triển [Nn]ông thôn|Nông nghiệp và Môi trường|Giao thông [Vv]ận tải|Dân tộc và Tôn giáo)"
    r"|Ngân hàng Nhà nước(?: Việt Nam)?|Thanh tra Chính phủ|Văn phòng Chính phủ|Ủy ban Dân tộc|Uỷ ban Dân tộc)(?![^\W_])")
# The keyword first (a cheap scan), then what stands before it decides (see find_units):
# "UBND tỉnh", "của huyện", "toàn tỉnh", "Chỉ số CCHC tỉnh", or a clause start followed by a verb.
_ANAPHOR_KW = re.compile(r"(?=[tThHqQ])(?<![^\W_])(?P<kw>[Tt]ỉnh|[Tt]hành phố|[Hh]uyện|[Tt]hị xã|[Qq]uận)(?![^\W_])"
                         r"(?![ \t]*,[ \t]*(?:thành phố|thị xã|huyện|TP))")
_ANAPHOR_PREFIX = re.compile(r"(?:(?<![^\W_])(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|của|toàn|[Cc]hỉ số CCHC)[ \t]+"
                             r"|(?:^|[,:;\n(]|\d\d\d\d)[ \t]*)$")
_CLAUSE_SUBJECT = re.compile(
    r"\s+(?:có|đạt|xếp|đứng|được|tiếp tục|giữ|vươn|tăng|giảm|vẫn|là|nằm|với|đội sổ|dẫn đầu|tụt|chỉ)(?![^\W_])")
# "chỉ xếp trên tỉnh Đắk Nông", "đứng sau thành phố Hải Phòng": a unit compared with, not the subject.
_COMPARED_BEFORE = re.compile(r"(?:(?:xếp|đứng|ở)?[ \t]*(?:trên|sau|dưới|trước|hơn|so với|kém|bằng)|(?<![^\W_])do|bởi)"
                              r"[ \t]+$", re.IGNORECASE)
# "Quyết định số 501/QĐ-UBND ngày 29/3/2023 của UBND tỉnh Bắc Kạn": the issuer, not the subject.
_ISSUER_BEFORE = re.compile(
    r"(?:Quyết định|Công văn|Kế hoạch|Thông báo|Chỉ thị|Văn bản|phê duyệt|ban hành|công bố)[^,;.\n]{0,80}?"
    r"(?:của|do)\s+(?:(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Chủ tịch UBND|Ban Chỉ đạo[^,;.\n]{0,40}?)\s+)?$")


_PEER_BEFORE = re.compile(r"(?:tỉnh|huyện|thị xã|thành phố|các|những|nhóm|cấp)[ \t]*,?[ \t]*$", re.IGNORECASE)


class UnitMention(NamedTuple):
    start: int
    end: int
    level: str  # province | district | commune | department | ministry
    name: str  # as written, with its keyword ("huyện Bạch Thông"); the keyword alone for anaphors
    anaphor: bool = False
    province_code: str | None = None  # when the mention itself fixes the province
    issuer: bool = False  # unused by find_units (see is_issuer, computed only where needed)
    context_start: int | None = None  # where the phrase begins ("UBND" of "UBND tỉnh")


_KW_LEVEL = {"tinh": "province", "thanhpho": "city", "tp": "city", "huyen": "district", "thixa": "district",
             "tx": "district", "quan": "district", "xa": "commune", "phuong": "commune", "thitran": "commune"}


def _trim_name(words: list[str], level: str) -> tuple[list[str], str | None, str]:
    """The longest leading run of ``words`` that the gazetteer knows, its province code and level."""
    gz = gazetteer()
    for n in range(len(words), 0, -1):
        key = fold(" ".join(words[:n]))
        if level in ("province", "city"):
            hit = gz.provinces.get(key)
            if hit and (level == "province" or hit[0] in CENTRAL_CITIES):
                return words[:n], hit[0], "province"
        if level in ("district", "city"):
            cands = district_candidates(" ".join(words[:n]))
            if cands:
                pcs = {d.province_code for d in cands}
                return words[:n], (pcs.pop() if len(pcs) == 1 else None), "district"
    if level == "commune" and words:
        return words[:1] if words[0][:1].isdigit() else words[:3], None, "commune"  # resolved later
    return [], None, level


def find_units(text: str) -> list[UnitMention]:
    """Every unit mention in ``text``, sorted by position, overlapping ones resolved to the longest."""
    found: list[UnitMention] = []
    taken = _Covered(len(text))
    for m in _NAMED.finditer(text):
        kw = fold(m.group("kw") or m.group("abbr"))
        level = _KW_LEVEL.get(kw, "district")
        words = re.split(r"[ \t]*\n[ \t]*|[ \t]+(?:-[ \t]+)?|[ \t]*-[ \t]*", m.group("name"))
        keep, pcode, level = _trim_name(words, level)
        if not keep:  # "UBND tỉnh Nguyễn Tuấn Hà": a title before a person, so the keyword is an anaphor
            continue
        # End of the kept words inside the match.
        end = m.start("name")
        rest = text[m.start("name"): m.end("name")]
        pos = 0
        for w in keep:
            pos = rest.find(w, pos) + len(w)
        end = m.start("name") + pos
        name = text[m.start(): end]
        found.append(UnitMention(m.start(), end, level, name, False, pcode))
        taken.append((m.start(), end))
    for rx, level in ((_DEPARTMENT, "department"), (_MINISTRY, "ministry")):
        for m in rx.finditer(text):
            if not _overlaps(taken, m.start(), m.end()):
                found.append(UnitMention(m.start(), m.end(), level, m.group("name").strip(), False, None))
                taken.append((m.start(), m.end()))
    gz = gazetteer()
    firsts = _province_first_words()
    for m in _BARE.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        words = re.split(r"[ \t]+(?:-[ \t]+)?", m.group())
        # a province name inside a run of capitalised words ("Quảng Ninh", "Bà Rịa - Vũng Tàu")
        for i in range(len(words)):
            if _fold_word(words[i]) not in firsts:
                continue
            hit = None
            for n in range(min(4, len(words) - i), 1, -1):
                chunk = words[i: i + n]
                key = fold(" ".join(chunk))
                if key in gz.provinces:
                    hit = chunk
                    break
            if hit:
                start = m.start() + m.group().find(hit[0])
                end = start
                seg = text[start: m.end()]
                pos = 0
                for w in hit:
                    pos = seg.find(w, pos) + len(w)
                end = start + pos
                code = gz.provinces[fold(" ".join(hit))][0]
                found.append(UnitMention(start, end, "province", text[start:end], False, code))
                break
    for m in _ANAPHOR_KW.finditer(text):
        kw_start = m.start("kw")
        if taken.marks[kw_start]:
            continue
        pre = _ANAPHOR_PREFIX.search(text, max(0, kw_start - 24), kw_start)
        if not pre or _PEER_BEFORE.search(text, max(0, kw_start - 12), kw_start):
            continue
        if not re.match(r"(?:UBND|Ủy|Uỷ|của|toàn|Chỉ|chỉ)", pre.group()):
            # a bare keyword at a clause start is a subject only when a verb follows
            if not _CLAUSE_SUBJECT.match(text, m.end()):
                continue
        level = _KW_LEVEL.get(fold(m.group("kw")), "district")
        found.append(UnitMention(kw_start, m.end(), level, m.group("kw"), True, None, False, pre.start()))
    found.sort()
    return found


@functools.lru_cache(maxsize=1)
def _province_first_words() -> frozenset[str]:
    """Folded first words of every province name and alias ("quang", "ba", "thua", "ha", ...)."""
    import unicodedata
    out = set()
    for data in (_province_names(),):
        for name in data:
            first = name.split()[0] if name.split() else ""
            out.add(fold(first))
    del unicodedata
    return frozenset(out)


def _province_names() -> list[str]:
    gz = gazetteer()
    names = [gz.province_short[c] for c in gz.province_short]
    names += ["Thừa Thiên Huế", "TT Huế", "TP.HCM", "TPHCM", "Sài Gòn", "BR-VT", "Hồ Chí Minh"]
    return names


@functools.lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return fold(word)


class _Covered:
    """Which characters a mention already claimed (a byte per character: linear, no sorting)."""

    def __init__(self, n: int):
        self.marks = bytearray(n + 1)

    def append(self, span: tuple[int, int]) -> None:
        a, b = span
        self.marks[a:b] = b"\x01" * (b - a)


def _overlaps(covered: _Covered, a: int, b: int) -> bool:
    return 1 in covered.marks[a:b]


def is_issuer(text: str, m: UnitMention) -> bool:
    return _is_issuer(text, m.context_start if m.context_start is not None else m.start)


def _is_issuer(text: str, start: int) -> bool:
    """Issuers of decisions and units a figure is compared with: never the figure's subject."""
    return bool(_ISSUER_BEFORE.search(text, max(0, start - 140), start)
                or _COMPARED_BEFORE.search(text, max(0, start - 24), start))
