"""Where a text names a unit: "huyện Bạch Thông", "TP. Sơn Tây", bare "Quảng Ninh", "Sở Nội vụ",
"Bộ Tư pháp", and the anaphoric "UBND tỉnh" / "của huyện" that point back to a unit named elsewhere.

Keywords are found with str.find, the rest with one regex pass each; names are checked against the
gazetteer only for the few words each match captured.
"""
from __future__ import annotations

import bisect
import functools
import re
from typing import Iterator, NamedTuple

from normalizers.units import CENTRAL_CITIES, district_candidates, fold, gazetteer
from normalizers.lower import spaced


def _rx(pattern: str, flags: int = 0) -> re.Pattern:
    """A compiled pattern whose spaces also match line breaks (see normalizers.lower.spaced)."""
    return re.compile(spaced(pattern), flags)

# Capital letters of Vietnamese (and any Latin capital): the start of a proper name.
UPPER = "".join(chr(c) for c in range(0x41, 0x1EFA) if chr(c).isupper() and chr(c).isalpha())
_U = f"[{UPPER}]"
_W = r"(?:[^\W_]|'(?=[^\W\d_]))"  # a word character (not "_"), or an apostrophe inside a name (N'Thol)
_NAME = rf"(?:{_U}{_W}*|\d{{1,2}})(?:(?:[ \t]+|[ \t]*\n[ \t]*|[ \t]*-[ \t]*){_U}{_W}*){{0,4}}"

_DEPTS = (
    r"Nội vụ|Tư pháp|Kế hoạch và Đầu tư|Tài chính|Công [Tt]hương|Nông nghiệp và Phát triển [Nn]ông thôn|"
    r"Nông nghiệp và Môi trường|Giao thông [Vv]ận tải|Giao thông - Vận tải|Xây dựng|Tài nguyên và Môi trường|"
    r"Thông tin và Truyền thông|Lao động[,\s-]+Thương binh và Xã hội|Văn hóa[,\s-]+Thể thao và Du lịch|"
    r"Văn hoá[,\s-]+Thể thao và Du lịch|Văn hóa và Thể thao|Văn hóa[,\s-]+Thể thao|Du lịch|Khoa học và Công nghệ|"
    r"Giáo dục và Đào tạo|Y tế|Ngoại vụ|Dân tộc và Tôn giáo|Quy hoạch[\s-]+Kiến trúc|Quy hoạch và Kiến trúc")
# Department and ministry names, one alternative each (each opens with a literal capital letter).
_DEPARTMENT_NAMES = [
    rf"Sở\s+(?:{_DEPTS})", r"Ban Quản lý (?:các )?[Kk]hu (?:công nghiệp|kinh tế)(?:[^\W\d_]*[ \t]+){0,4}?",
    r"Ban Dân tộc", r"Thanh tra tỉnh", r"Văn phòng (?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân) tỉnh",
    r"Văn phòng Đoàn ĐBQH và HĐND tỉnh"]
_MINISTRY_NAMES = [
    r"Bộ\s+(?:Nội vụ|Tư pháp|Tài chính|Công [Tt]hương|Y tế|Xây dựng|Ngoại giao|Quốc phòng|"
    r"Công an|Giáo dục và Đào tạo|Khoa học và Công nghệ|Kế hoạch và Đầu tư|Tài nguyên và Môi trường|"
    r"Thông tin và Truyền thông|Lao động[,\s-]+Thương binh và Xã hội|Văn hóa[,\s-]+Thể thao và Du lịch|"
    r"Nông nghiệp và Phát triển [Nn]ông thôn|Nông nghiệp và Môi trường|Giao thông [Vv]ận tải|Dân tộc và Tôn giáo)",
    r"Ngân hàng Nhà nước(?: Việt Nam)?", r"Thanh tra Chính phủ", r"Văn phòng Chính phủ", r"Ủy ban Dân tộc",
    r"Uỷ ban Dân tộc"]
_DEPARTMENT = _rx(rf"(?=[SBTV])(?<![^\W_])(?P<name>{'|'.join(_DEPARTMENT_NAMES)})(?![^\W_])")
_MINISTRY = _rx(rf"(?=[BNTVUỦ])(?<![^\W_])(?P<name>{'|'.join(_MINISTRY_NAMES)})(?![^\W_])")
# The keyword first (a cheap scan), then what stands before it decides (see find_units):
# "UBND tỉnh", "của huyện", "toàn tỉnh", "Chỉ số CCHC tỉnh", or a clause start followed by a verb.
_ANAPHOR_PREFIX = _rx(r"(?:(?<![^\W_])(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|của|toàn|[Cc]hỉ số CCHC)\s+"
                             r"|(?:^|[,:;\n(]|\d\d\d\d|(?<![^\W_])(?:cho biết|cho thấy|theo đó|trong đó|như vậy|vì vậy|"
                             r"năm nay|năm qua|năm trước|riêng|còn))[ \t]*)$")
_CLAUSE_SUBJECT = _rx(
    r"\s+(?:có|đạt|xếp|đứng|được|tiếp tục|giữ|vươn|tăng|giảm|vẫn|là|nằm|với|đội sổ|dẫn đầu|tụt|chỉ|đã|vừa|cũng|đều)"
    r"(?![^\W_])")
# "chỉ xếp trên tỉnh Đắk Nông", "đứng sau thành phố Hải Phòng": a unit compared with, not the subject.
_COMPARED_BEFORE = _rx(r"(?:(?:xếp|đứng|ở)?[ \t]*(?:trên|sau|dưới|trước|hơn|so với|kém|bằng)|(?<![^\W_])do|bởi"
                              r"|(?<![^\W_])theo(?:[ \t]+(?:báo cáo|thông tin|công bố|đánh giá|kết quả))?(?:[ \t]+của)?"
                              r"|(?:báo cáo|thông tin|cho biết) của|(?<![^\W_])được)[ \t]+"
                              r"(?:(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)[ \t]+)?$", re.IGNORECASE)
# "Quyết định số 501/QĐ-UBND ngày 29/3/2023 của UBND tỉnh Bắc Kạn": the issuer, not the subject.
_ISSUER_BEFORE = _rx(
    r"(?:Quyết định|Công văn|Kế hoạch|Thông báo|Chỉ thị|Văn bản|phê duyệt|ban hành|công bố)[^,;.\n]{0,80}?"
    r"(?:của|do)\s+(?:(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Chủ tịch UBND|Ban Chỉ đạo[^,;.\n]{0,40}?)\s+)?$")


# "Bộ Nội vụ công bố ...", "Bộ Nội vụ đánh giá, ...": who publishes or judges the figures, not their subject
_PUBLISHES_AFTER = _rx(r"[ \t]*(?:đã[ \t]+|vừa[ \t]+)?(?:công bố|ban hành|phê duyệt|đánh giá|cho biết|thông báo|"
                       r"nhận định|nhận xét)(?![^\W_])")
# The words a list of compared units is made of: "chỉ sau Thừa Thiên Huế, Quảng Bình và Hà Tĩnh"
_COMPARE_WORD = re.compile(r"(?<![^\W_])(?:sau|trên|dưới|trước|hơn|so với|kém)[ \t]+", re.IGNORECASE)
_BRACKETED_BIT = re.compile(r"\([^()]{0,40}\)")
_LIST_FILLER = {"và", "hoặc", "tỉnh", "thành", "phố", "huyện", "thị", "xã", "quận", "tp", "tp.", "tx", "tx.", "-"}
_PEER_BEFORE = _rx(r"(?:tỉnh|huyện|thị xã|thành phố|các|những|nhóm|cấp)[ \t]*,?[ \t]*$", re.IGNORECASE)


class UnitMention(NamedTuple):
    start: int
    end: int
    level: str  # province | district | commune | department | ministry
    name: str  # as written, with its keyword ("huyện Bạch Thông"); the keyword alone for anaphors
    anaphor: bool = False
    province_code: str | None = None  # when the mention itself fixes the province
    issuer: bool = False  # unused by find_units (see is_issuer, computed only where needed)
    context_start: int | None = None  # where the phrase begins ("UBND" of "UBND tỉnh")




def _trim_name(words: list[str], level: str) -> tuple[list[str], str | None, str]:
    """The longest leading run of ``words`` that the gazetteer knows, its province code and level."""
    keep, pcode, level = _trim_cached(tuple(words), level)
    return list(keep), pcode, level


@functools.lru_cache(maxsize=8192)
def _trim_cached(words: tuple[str, ...], level: str) -> tuple[tuple[str, ...], str | None, str]:
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


_KEYWORDS = ("tỉnh", "thành phố", "huyện", "thị xã", "quận", "xã", "phường", "thị trấn", "tp", "tx")
# "huyện đảo Cồn Cỏ", "huyện đảo Lý Sơn": an island district keeps its keyword, "đảo" is not the name
_NAME_AFTER = _rx(rf"(?:[ \t]+|[ \t]*\n[ \t]*)(?:đảo[ \t]+)?(?P<name>{_NAME})")
_NAME_AFTER_ABBR = _rx(rf"(?:\.[ \t]*|[ \t]+)(?P<name>{_NAME})")
_WORD_SPLIT = _rx(r"[ \t]*\n[ \t]*|[ \t]+(?:-[ \t]+)?|[ \t]*-[ \t]*")
_KW_LEVEL_VI = {"tỉnh": "province", "thành phố": "city", "tp": "city", "huyện": "district", "thị xã": "district",
                "tx": "district", "quận": "district", "xã": "commune", "phường": "commune", "thị trấn": "commune"}
_ANAPHOR_KWS = {"tỉnh", "thành phố", "huyện", "thị xã", "quận"}
_NAMED_PREFIX = re.compile(r"(?:UBND|Ủy|Uỷ|của|toàn|Chỉ|chỉ)")  # an _ANAPHOR_PREFIX that names its unit
_PEER_AFTER = _rx(r"[ \t]*,[ \t]*(?:thành phố|thị xã|huyện|TP)")


def _keyword_hits(text: str, low: str) -> list[tuple[int, int, str]]:
    """Where a unit keyword stands as a word: str.find over the lower-cased text (C speed)."""
    hits = []
    n = len(low)
    for kw in _KEYWORDS:
        k = len(kw)
        i = low.find(kw)
        while i >= 0:
            e = i + k
            if (i == 0 or not low[i - 1].isalnum()) and (e >= n or not low[e].isalnum()):
                hits.append((i, e, kw))
            i = low.find(kw, e)
    hits.sort(key=lambda h: (h[0], -h[1]))
    out = []
    last_end = -1
    for h in hits:  # "xã" inside "thị xã": the longer keyword wins
        if h[0] >= last_end:
            out.append(h)
            last_end = h[1]
    return out


def find_units(text: str, lowered: str | None = None) -> list[UnitMention]:
    """Every unit mention in ``text``, sorted by position, overlapping ones resolved to the longest."""
    found: list[UnitMention] = []
    taken = _Covered(len(text))
    low = text.lower() if lowered is None or len(lowered) != len(text) else lowered
    low = low.replace("\n", " ")  # "thành\nphố" of a wrapped line is still "thành phố" (same length)
    loose: list[tuple[int, int, str]] = []  # keywords without a known name after them: maybe anaphors
    for start, kw_end, kw in _keyword_hits(text, low):
        after = (_NAME_AFTER_ABBR if kw in ("tp", "tx") else _NAME_AFTER).match(text, kw_end)
        keep: list[str] = []
        if after and (kw not in ("tp", "tx") or text[start].isupper()):
            level = _KW_LEVEL_VI[kw]
            words = _WORD_SPLIT.split(after.group("name"))
            keep, pcode, level = _trim_name(words, level)
        if not keep:  # "UBND tỉnh Nguyễn Tuấn Hà": a title before a person, so the keyword is an anaphor
            loose.append((start, kw_end, kw))
            continue
        # End of the kept words inside the match.
        rest = after.group("name")
        pos = 0
        for w in keep:
            pos = rest.find(w, pos) + len(w)
        end = after.start("name") + pos
        found.append(UnitMention(start, end, level, text[start:end], False, pcode))
        taken.append((start, end))
    # departments, ministries and bare province names: one pass
    for m, kind in named_bodies(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        if kind == "province":
            code = province_code_of(m.group())
            if code:
                found.append(UnitMention(m.start(), m.end(), "province", m.group(), False, code))
        else:
            found.append(UnitMention(m.start(), m.end(), kind, m.group().strip(), False, None))
        taken.append((m.start(), m.end()))
    for kw_start, kw_end, kw in loose:
        if kw not in _ANAPHOR_KWS or taken.marks[kw_start] or _PEER_AFTER.match(text, kw_end):
            continue
        pre = _ANAPHOR_PREFIX.search(text, max(0, kw_start - 24), kw_start)
        if not pre or _PEER_BEFORE.search(text, max(0, kw_start - 12), kw_start):
            continue
        if pre.group()[:1] == "\n" and pre.start() > 0 and text[pre.start() - 1] not in ".:;!?)\n":
            continue  # a wrapped line, not a new clause
        if not _NAMED_PREFIX.match(pre.group()):
            # a bare keyword at a clause start is a subject only when a verb follows
            if not _CLAUSE_SUBJECT.match(text, kw_end):
                continue
        level = _KW_LEVEL_VI[kw]
        found.append(UnitMention(kw_start, kw_end, level, text[kw_start:kw_end], True, None, False, pre.start()))
    found.sort()
    return found


_TONE_VARIANTS = {"òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ", "òe": "oè", "óe": "oé", "ỏe": "oẻ",
                  "õe": "oẽ", "ọe": "oẹ", "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ"}


def _variants(name: str) -> set[str]:
    """A name as GSO spells it and with old-style tone placement ("Hòa Bình", "Hoà Bình")."""
    out = {name}
    old = name
    for new_style, old_style in _TONE_VARIANTS.items():
        old = old.replace(new_style, old_style)
    out.add(old)
    return out


@functools.lru_cache(maxsize=1)
def _province_name_pattern() -> re.Pattern:
    """Every province name, bare ("Quảng Ninh", "Bà Rịa - Vũng Tàu", "Thừa Thiên Huế"), as one regex.

    Capitalised names start with an upper-case letter, which the regex engine can skip to fast.
    """
    body = _trie_regex(sorted(_province_names()))
    return re.compile(rf"(?=[{UPPER}])(?<![^\W_])(?:{body})(?![^\W_])")


@functools.lru_cache(maxsize=1)
def _province_names() -> set[str]:
    """Every province name as texts write it: GSO's, old-style tones, and common short forms."""
    gz = gazetteer()
    names: set[str] = set()
    for short in gz.province_short.values():
        names |= _variants(short)
    names |= {"Thừa Thiên Huế", "Thừa Thiên - Huế", "TT Huế", "TP.HCM", "TPHCM", "TP HCM", "Sài Gòn",
              "Bà Rịa Vũng Tàu", "Bà Rịa-Vũng Tàu", "BR-VT", "Đắc Lắc", "Đăk Lăk", "Đắk Lăk", "Đăk Nông"}
    return names


def _trie_regex(words: list[str]) -> str:
    """An alternation factored on shared prefixes ("Bắc (?:Giang|Kạn|Ninh)"), which the regex
    engine walks once instead of trying eighty names one after another at each capital letter.
    A space matches any run of blanks, " - " any spacing around the hyphen."""
    branches = _trie_branches(words)
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _trie_branches(words: list[str]) -> list[str]:
    """The alternatives of _trie_regex(words), one per first character."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def piece(ch: str) -> str:
        return r"(?:[ \t]+|[ \t]*\n[ \t]*)" if ch == " " else re.escape(ch)

    def build(node: dict) -> str:
        alts = []
        end = "" in node
        for ch in sorted(k for k in node if k):
            alts.append(piece(ch) + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return [piece(ch) + build(trie[ch]) for ch in sorted(trie)]


@functools.lru_cache(maxsize=1)
def _named_bodies() -> re.Pattern:
    """Department, ministry and bare province names as one flat alternation, in that order of preference.

    Every alternative opens with a literal capital letter, so the regex engine skips from one such
    letter to the next at C speed (a pattern opening with a look-around or a group is tried at every
    position).  That is why the word-start check and the kind of name are left to named_bodies."""
    names = [spaced(a) for a in _DEPARTMENT_NAMES + _MINISTRY_NAMES] + _trie_branches(sorted(_province_names()))
    return re.compile("|".join(f"{a}(?![^\\W_])" for a in names))


_WORD_CHAR = re.compile(r"[^\W_]")


def named_bodies(text: str) -> Iterator[tuple[re.Match, str]]:
    """Department, ministry and bare province names in ``text`` with their kind, left to right."""
    pos = 0
    while (m := _named_bodies().search(text, pos)) is not None:
        start = m.start()
        if start and _WORD_CHAR.match(text, start - 1):
            pos = start + 1  # inside a word: go on from the next character, as a scan would
            continue
        kind = "department" if _DEPARTMENT.match(text, start) else "ministry" if _MINISTRY.match(text, start) \
            else "province"
        yield m, kind
        pos = m.end()


def province_code_of(name: str) -> str | None:
    hit = gazetteer().provinces.get(fold(name))
    return hit[0] if hit else None


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
    """Who issued or published the results ("UBND tỉnh Bắc Kạn ban hành Quyết định...", "Quyết định
    ... của UBND tỉnh") or a unit a figure is compared with: never the figure's subject."""
    return bool(_is_issuer(text, m.context_start if m.context_start is not None else m.start)
                or _PUBLISHES_AFTER.match(text, m.end))


# A capitalised name right before a figure or a ranking verb: "Bạch Thông (88,21 điểm)",
# "Chợ Mới đạt 85,3 điểm" (district names without "huyện", as lists of results write them).
_BARE_BEFORE_FIGURE = re.compile(
    rf"(?=[{UPPER}])(?<![^\W_])(?P<name>{_U}{_W}*(?:[ \t]+{_U}{_W}*){{0,3}})"
    rf"(?=[ \t]*\([ \t]*\d|[ \t]+(?:đạt|xếp|với|đứng|dẫn đầu|tăng|giảm|đội sổ|vươn|tụt|giữ|tiếp tục)(?![^\W_]))")


def bare_districts(text: str, known: list[UnitMention], pcode: str | None,
                   spans: list[tuple[int, int]] | None = None) -> list[UnitMention]:
    """District names written bare before a figure, in the document's province (or unique anywhere);
    looked for only inside ``spans`` (the sentences holding candidates) when given."""
    hits = [m for a, b in (spans if spans is not None else [(0, len(text))])
            for m in _BARE_BEFORE_FIGURE.finditer(text, a, min(b, len(text)))]
    if not hits:
        return []
    starts = sorted((m.start, m.end) for m in known)
    out = []
    for m in hits:
        i = bisect.bisect_right(starts, (m.start(), float("inf"))) - 1
        if i >= 0 and starts[i][1] > m.start() or i + 1 < len(starts) and starts[i + 1][0] < m.end():
            continue
        name = m.group("name")
        cands = district_candidates(name, pcode) if pcode else []
        if not cands:
            cands = district_candidates(name)
            if len({d.province_code for d in cands}) != 1:
                continue
        if fold(name) in gazetteer().provinces:  # a bare province name is found by find_units
            continue
        out.append(UnitMention(m.start(), m.end(), "district", name, False, cands[0].province_code))
    return out


def is_compared(text: str, m: UnitMention) -> bool:
    """ "chỉ xếp trên tỉnh Đắk Nông": a unit named only as a point of comparison."""
    start = m.context_start if m.context_start is not None else m.start
    return bool(_COMPARED_BEFORE.search(text, max(0, start - 24), start)) or _in_compared_list(text, start)


def _in_compared_list(text: str, start: int) -> bool:
    """ "chỉ sau Thừa Thiên Huế, Quảng Bình và Hà Tĩnh": a later item of a list of compared units
    (only names, commas, "và" and unit keywords between the comparison word and this one)."""
    tail = text[max(0, start - 12): start]
    if "," not in tail and "và" not in tail and "hoặc" not in tail:
        return False  # not a later item of any list
    lo = max(0, start - 120)
    cut = max(text.rfind(c, lo, start) for c in ".;:\n")
    lo = max(lo, cut + 1)
    last = None
    for last in _COMPARE_WORD.finditer(text, lo, start):
        pass
    if last is None or last.end() == start:
        return False
    # "sau Đức Hòa (87,20 điểm) và Bến Lức": the compared units' own figures may sit in brackets
    between = _BRACKETED_BIT.sub(" ", text[last.end():start]).replace(",", " , ")
    words = between.split()
    if not words or words[-1] not in (",", "và", "hoặc") and words[-1].lower() not in _LIST_FILLER:
        return False
    return all(w == "," or w.lower() in _LIST_FILLER or w[:1].isupper() for w in words)


_INDEX_OF_BEFORE = _rx(r"(?:[Cc]hỉ số|CCHC|PAR INDEX|SIPAS|PAPI|PCI|DTI|[Kk]ết quả)[^,;.\n]{0,40}?của\s+$")


def _is_issuer(text: str, start: int) -> bool:
    """Issuers of decisions and units a figure is compared with: never the figure's subject."""
    iss = _ISSUER_BEFORE.search(text, max(0, start - 140), start)
    if iss and _INDEX_OF_BEFORE.search(text, max(iss.start(), start - 60), start):
        iss = None  # "công bố Chỉ số CCHC của tỉnh X": the index's owner, not the issuer
    return bool(iss
                or _COMPARED_BEFORE.search(text, max(0, start - 24), start)) or _in_compared_list(text, start)
