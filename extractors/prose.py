"""Figures stated in running text, with the unit, field, index, year and kind each belongs to.

Attribution is positional: the nearest preceding mention in the sentence wins, then what the
previous figure was about (a report about one district keeps talking about it), then earlier
sentences, the title, and finally the source's own province (``ctx.province``).
"""
from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass

from documents.model import Document
from extractors.candidates import (BRACKETED, NUMBER, ORDINAL_CUES, PLAIN_AFTER_CUE, PLAIN_CUE, UNIT_INTERVAL,
                                   Candidate, classify, has_folding_oddities, ordinal_follows, word_ranks)
from extractors.numbers import parse_number
from extractors.context import ExtractionContext
from extractors.figure import Figure, Unit
from extractors.mentions import UnitMention, bare_districts, find_units, is_compared, is_issuer
from extractors.segments import Structure, analyse
from extractors.years import YearMention, find_years, year_in
from normalizers.fields import FieldMention, find_fields, find_totals
from normalizers.lower import lower_keep_offsets, spaced
from normalizers.indices import IndexMention, find_indices
from normalizers.units import CENTRAL_CITIES, province_code, resolve_commune


def _rx(pattern: str, flags: int = 0) -> re.Pattern:
    """A compiled pattern whose spaces also match line breaks (see normalizers.lower.spaced)."""
    return re.compile(spaced(pattern), flags)

# "thẩm định" marks an appraised (official) figure, not the name of the "Hội đồng thẩm định" nor a
# "thẩm định tạm thời"
_KIND_MARK = _rx(r"(?=[tdsc])(?:(?P<self>tự chấm|tự đánh giá|tự kiểm tra|tự xác định|tự chấm điểm)"
                        r"|(?P<prov>tạm thời|tạm tính|dự kiến|sơ bộ|chưa chính thức)|(?P<off>chính thức|"
                        r"(?<!đồng[ ])(?<!đồng\n)thẩm định(?! tạm)))")
# a kind stated in brackets right after the figure: "60,12/67 điểm (tạm thời)", "(tạm tính)"
_KIND_AFTER = re.compile(r"[\d.,/%\s]*(?:điểm\s*)?\(\s*(?:(?P<prov>tạm thời|tạm tính|dự kiến|sơ bộ)|(?P<self>tự chấm|tự đánh giá))")
_BULLET = _rx(r"[ \t]*(?:[-+•*–]|[a-zđ]\)|\d{1,2}[.)](?!\d))[ \t]")
# "kết quả Chỉ số CCHC của các sở, ban, ngành; UBND các huyện năm 2022": the index's year
_LINKED_BEFORE = _rx(r"(?:chỉ số (?:cchc|cải cách hành chính|par|sipas|papi|pci)|par index|kết quả)"
                            r"(?:(?!so với)[^.\n]){0,100}$")
# National or block-wide values (no unit of their own): averages, "mức hài lòng chung", "cả nước đạt"
_AVERAGE = _rx(r"(?=[tbhcđ])(?:trung bình|bình quân|trung vị|hài lòng chung|(?:chung )?(?:của )?cả nước đạt|"
                      r"toàn quốc đạt)")
_RANK_WORD_CUES = ("thứ", "hạng", "đầu", "cuối", "sổ", "chót")
# sentence openings that go on with the sentence before: its year still holds
_CONTINUES = _rx(r"[\s*]*(?:trong đó|cụ thể|theo đó|đồng thời|ngoài ra|bên cạnh đó|riêng)(?![^\W_])")
# "Năm trước, huyện xếp thứ 5/11", "năm ngoái đạt ...": a figure of the year before the one in force
_PRIOR_YEAR = _rx(r"(?<![^\W_])(?:năm trước|năm ngoái)(?![^\W_])(?![ \t]*(?:đó|nữa))")
_COMPARED_YEAR = _rx(r"(?:so với|hơn|với|từ|cùng kỳ)\s*$")
_YEAR_BEFORE_BRACKET = _rx(r"năm\s+((?:19|20)\d\d)\s*$")
_PREV_YEAR_IN_BRACKETS = _rx(r"năm trước|năm ngoái|cùng kỳ")
# words that name a peer group: "khu vực Tây Nguyên", "khối sở", "vùng ĐBSCL"
_PEER_WORDS = re.compile(r"(?<![^\W_])(?:tây nguyên|tây bắc|đông bắc|đbscl|đồng bằng|trung du|miền núi|bắc trung bộ|"
                         r"duyên hải|đông nam bộ|nam trung bộ|tây nam bộ|sở|huyện|xã|phường|bộ|tỉnh)(?![^\W_])")
# "19 sở, ban, ngành", "12 huyện, thành phố": how many units a block has, as stated in the text
_PEER_OF_BEFORE = _rx(r"\d\s*/\s*\d{1,4}\s+(?:huyện|quận|thị xã|thành phố|xã|sở|đơn vị|địa phương)[^\d.;:()]{0,45}?"
                      r"(?:của|thuộc|trong)\s+$")
_CONTINUES_FIRST = frozenset("tcđnbr*\n \t")  # the characters a _CONTINUES match can open with
_LEAD_IN = re.compile(r":[ \t]*(?:\n|$)")  # a line ending in ":", a list follows
_PARAGRAPH_END = re.compile(r"[.:;!?][ \t]*\n")  # a line break after a full stop: a paragraph (not a wrapped line) ends
_COUNTED_BLOCK = ("sở", "huyện", "xã", "bộ", "tỉnh")
_STATED_COUNT = re.compile(r"(?<![\d/.,])(\d{1,3})\s+(sở|huyện|xã|bộ|tỉnh)(?![^\W_])")
_NUMBERING = re.compile(r"^(?:[\dIVX]{1,4}[.)]\s*)+|^[-+•*–]\s*")
_LEVEL_RANK = {"commune": 0, "district": 1, "city": 1, "department": 1, "ministry": 1, "province": 2}
_QUALIFIER_GAP = re.compile(r"\s*[,(\-–]?\s*")
_FIGURE_FIRST_IN_PAREN = re.compile(r"[\s*]*\d")  # "(87,10 điểm" : the bracket opens on the figure
_THEN_UNIT = _rx(r"\s+(?:là|thuộc về)\s+", re.IGNORECASE)
_RESPECTIVELY = _rx(r"lần lượt(?:[ \t]+là)?", re.IGNORECASE)
# a share of the maximum ("so với điểm tối đa", "% điểm tối đa", "tỷ lệ điểm đạt được"), not "đạt điểm tối đa 10/10"
_MAX_NOTE = _rx(r"(?:so với|%|phần trăm|trên)\s+(?:tổng\s+)?(?:số\s+)?điểm tối đa|tỷ lệ điểm", re.IGNORECASE)
# Small patterns used per figure or per mention, compiled once here rather than looked up in re's
# cache on every call.
_ONLY_SEPARATORS = re.compile(r"[\s,(]*")
_CITY_NAME = re.compile(r"(?:thành phố|TP)", re.IGNORECASE)
_BARE_FIGURE = re.compile(r"[\s*]*[\d.,/%\s]+[\s*]*$")
_ENDS_WITH_FIGURE = re.compile(r"\d%?$")
_INDEX_RIGHT_BEFORE = re.compile(r"(?:INDEX|SIPAS|PAPI|PCI|DTI|CCHC|hành chính|\))[ \t]*(?:năm[ \t]*)?$", re.IGNORECASE)
# How far back inside one sentence attribution looks: keeps run-on "sentences" of 100,000
# characters linear (real sentences are far shorter).
_WINDOW = 600
_PEER = _rx(
    r"[ \t]*(?P<peer>(?:(?:trong|trên|của|so với)[ \t]+)?(?:tổng số[ \t]+)?(?:các[ \t]+)?(?:\d+[ \t]+)?"
    r"(?:tỉnh|huyện|thành phố|TP|thị xã|quận|sở|ban|ngành|cơ quan|bộ|đơn vị|địa phương|xã|phường|khối|vùng|"
    r"khu vực|cả nước|toàn quốc)"
    r"[^.;:()\d\n]{0,40}?)(?=[.;:()\n]|,[ \t]*(?:đạt|tăng|giảm|với|xếp|đứng|chỉ|sau|trước)|[ \t]+(?:và|với|đạt|tăng|giảm)[ \t]|$)",
    re.IGNORECASE)


_FIRST = operator.itemgetter(0)  # a sort key without a Python-level call per item


@dataclass
class _Sorted:
    """Mentions of one kind sorted by start, for "nearest before" look-ups by bisection."""

    items: list
    starts: list[int]

    @classmethod
    def of(cls, items: list) -> "_Sorted":
        items = sorted(items, key=_FIRST)
        return cls(items, [x[0] for x in items])

    def before(self, lo: int, pos: int):
        """Items starting in [lo, pos), nearest first. A short range is a reversed slice (cheaper than
        a generator, asked for per figure); a long one is lazy: callers stop at the first fit."""
        i = bisect.bisect_left(self.starts, pos)
        j = bisect.bisect_left(self.starts, lo)
        if i - j <= 16:
            return reversed(self.items[j:i])
        return self._lazy_before(j, i)

    def _lazy_before(self, j: int, i: int):
        for k in range(i - 1, j - 1, -1):
            yield self.items[k]

    def between(self, lo: int, hi: int) -> list:
        return self.items[bisect.bisect_left(self.starts, lo): bisect.bisect_left(self.starts, hi)]


class ProseExtractor:
    def __init__(self, doc: Document, ctx: ExtractionContext, skip: list[tuple[int, int]] | None = None,
                 tables_end: int = 0):
        self.doc, self.ctx, self.text = doc, ctx, doc.text
        self._st: Structure | None = None  # sentences: analysed once the extent of the candidates is known
        self.low = lower_keep_offsets(self.text)
        self.skip = sorted(skip or [])
        self.tables_end = tables_end
        self.ready = False
        self._candidate_spans: list[tuple[int, int]] | None = None  # sentences holding candidates
        self._block_counts: dict[str, tuple[int, int, int | None]] | None = None  # see _stated_count

    @property
    def st(self) -> Structure:
        if self._st is None:
            self._st = analyse(self.text)
        return self._st

    def prepare(self, limit: int | None = None) -> None:
        """Find the mentions (units, fields, indices, years) in the text up to ``limit``: the end of
        the last sentence or table holding a candidate (attribution only ever looks back, or
        forward within that sentence), and only for documents that have a candidate at all."""
        if self.ready:
            return
        self.ready = True
        doc, ctx = self.doc, self.ctx
        limit = len(self.text) if limit is None else min(len(self.text), max(limit, self.tables_end))
        text, low = self.text[:limit], self.low[:limit]
        self.units = _Sorted.of(find_units(text, low))
        # field and index names matter only near candidates: found per sentence, on demand
        self._sentence_fields: dict[int, _Sorted] = {}
        self._sentence_indices: dict[int, _Sorted] = {}
        self.years = _Sorted.of(find_years(text, low))
        title = ctx.title or doc.title
        self.title_year = year_in(title) if title else None
        first = self.text[: self.st.ends[0]] if self.st.ends else ""
        if self.title_year is None:
            ys = [y for y in find_years(first) if y.dates]
            self.title_year = ys[0].year if ys else None
        self._title_text = title or first
        self._title_index: str | None = None  # see title_index
        self._title_mixed = False  # the title names several indices: no main one
        self._colon_sents: list[int] | None = None  # see _list_intro_unit
        self._intro_of: dict[int, UnitMention | None] = {}
        self._topic_year: int | None = None  # see topic_year
        # a provisional document ("Kết quả tạm thời ..." in its heading lines): its own year's figures are
        head = self.low[: min(len(self.low), 400, max(self.st.ends[0] if self.st.ends else 0, self.low.find("\n\n")))]
        self.head_provisional = ("tạm" in head or "dự kiến" in head or "sơ bộ" in head or "chính thức" in head) \
            and any(m.lastgroup == "prov" for m in _KIND_MARK.finditer(head))
        self._held_openers = False  # whether _topical kept some sentence-opening year to its sentence
        # years that can date figures in later sentences: dating ones outside brackets
        self.carry_years = _Sorted.of([y for y in self.years.items if y.dates and not self.st.paren_at(y.start)
                                       and self._topical(y)])
        self.ctx_pcode = province_code(ctx.province) if ctx.province else None
        self.doc_pcode = self.ctx_pcode or self._main_province()
        bare = bare_districts(text, self.units.items, self.doc_pcode, self._candidate_spans)
        if bare:
            self.units = _Sorted.of(self.units.items + bare)
        self.published_year = year_in(ctx.published_at or doc.published_at)
        self.last_subject: UnitMention | None = None
        self.override: dict[int, UnitMention] = {}
        self._issuers: dict[int, bool] = {}
        self._units_of: dict[UnitMention, Unit] = {}  # see _as_unit
        self._marks: dict[int, list[tuple[int, str]]] = {}
        self._heading_marks: dict[int, list[tuple[int, str]]] = {}
        self._average_marks: dict[int, list[int]] = {}
        self._heading_fields: dict[int, tuple[str, str] | None] = {}
        self._continued: dict[int, int | None] = {}
        # where "trước" / "ngoái" stand (str.find at C speed): "năm trước" can only be near those
        self._prior_at = sorted(_find_all(self.low, "trước", limit) + _find_all(self.low, "ngoái", limit))  # sentence -> the year it continues (see _continued_year)
        self._quotes: dict[tuple[int, int], str] = {}  # sentence -> its quote (shared by its figures)

    # ----------------------------------------------------------------- document-wide facts
    @property
    def topic_year(self) -> int | None:
        """The year the document is about: the title's, else the first index's ("Chỉ số DTI năm 2023")."""
        if self._topic_year is None:
            self._topic_year = self.title_year or next(
                (y.year for y in self.years.items if y.dates and _indexed_year(self.text, y)), 0)
        return self._topic_year or None

    @property
    def title_index(self) -> str:
        """The one index the title names is the document's ("Chỉ số chuyển đổi số năm 2023: ..."); with
        none there, the one the lead paragraph names first; else PAR.  Found only when needed."""
        if self._title_index is None:
            named = {m.index for m in find_indices(self._title_text)}
            if not named:
                lead = find_indices(self.text[:1500], self.low[:1500])
                named = {lead[0].index} if lead else set()
            self._title_mixed = len(named) > 1
            self._title_index = named.pop() if len(named) == 1 else "PAR"
        return self._title_index

    def _main_province(self) -> str | None:
        counts: dict[str, int] = {}
        for m in self.units.items:
            if m.province_code and not m.anaphor:
                counts[m.province_code] = counts.get(m.province_code, 0) + 1
        return max(counts, key=lambda c: counts[c]) if counts else None

    def _fields_of(self, si: int) -> _Sorted:
        got = self._sentence_fields.get(si)
        if got is None:
            lo, hi = self.st.bounds(si)
            t, low = self.text[lo:hi], self.low[lo:hi]
            # built directly: NamedTuple._replace is a slow Python-level call
            got = _Sorted.of([FieldMention(f.start + lo, f.end + lo, f.field, f.raw)
                              for f in find_fields(t, low) + find_totals(t, low)])
            self._sentence_fields[si] = got
        return got

    def _indices_of(self, si: int) -> _Sorted:
        got = self._sentence_indices.get(si)
        if got is None:
            lo, hi = self.st.bounds(si)
            got = _Sorted.of([IndexMention(m.start + lo, m.end + lo, m.index)
                              for m in find_indices(self.text[lo:hi], self.low[lo:hi])])
            self._sentence_indices[si] = got
        return got

    def _issuer(self, m: UnitMention) -> bool:
        """Issuers of decisions and units compared with: never a figure's subject (cached)."""
        hit = self._issuers.get(m.start)
        if hit is None:
            hit = self._issuers[m.start] = is_issuer(self.text, m)
        return hit

    def _topical(self, y: YearMention) -> bool:
        """A year that sets the topic beyond its sentence: an index's year ("Chỉ số CCHC năm 2022"),
        a sentence opening ("Năm 2021, ..."), or a heading line."""
        if _indexed_year(self.text, y):
            return True
        si = self.st.sentence_at(y.start)
        lo, hi = self.st.bounds(si)
        if _LINKED_BEFORE.search(self.low, max(lo, y.start - 110), y.start):
            return True
        if y.start - lo <= 25:
            # "Năm 2022, tỉnh đạt 0,4975" in an article about 2023: the earlier year is that sentence's
            # only; a heading or an index's year still carries
            if self.topic_year and y.year < self.topic_year and not self._heading_line(y.start, lo, hi):
                self._held_openers = True
                return False
            return True
        return self._heading_line(y.start, lo, hi)

    def _heading_line(self, y_start: int, lo: int, hi: int) -> bool:
        """The year's sentence is a line of its own, short and unpunctuated: a heading."""
        line_lo = self.text.rfind("\n", 0, y_start) + 1
        line_hi = self.text.find("\n", y_start)
        line_hi = line_hi if line_hi >= 0 else len(self.text)
        if lo < line_lo or hi > line_hi:  # part of a sentence wrapped over lines: not a heading
            return False
        if self.text[line_lo:lo].strip():  # the end of another sentence before it: a wrapped paragraph
            return False
        line = self.text[line_lo:line_hi]
        return len(line) <= 120 and not line.rstrip().endswith((".", ";", ","))

    def _skipped(self, pos: int) -> bool:
        i = bisect.bisect_right(self.skip, (pos, float("inf"))) - 1
        return i >= 0 and self.skip[i][0] <= pos < self.skip[i][1]

    # ----------------------------------------------------------------- extraction
    def run(self) -> list[Figure]:
        text = self.text
        per_sentence: list[tuple[int, int, int, list[Candidate]]] = []
        unsized: list[tuple[int, Candidate]] = []
        # One pass each for numbers and rank-word cues over the whole text; numbers with no cue in
        # reach are dropped before sentences are even split (most numbers in a text are not figures).
        low = self.low
        kept = [m for m in NUMBER.finditer(text) if m.group("b") or m.group("pct") or _near_cue(low, m)]
        cue_at: list[tuple[int, str]] = []
        for cue in _RANK_WORD_CUES:  # str.find runs at C speed; a regex pass would cost more
            i = low.find(cue)
            while i >= 0:
                cue_at.append((i, cue))
                i = low.find(cue, i + len(cue))
        if not kept and not cue_at and not self.tables_end:
            return []
        last = max([m.end() for m in kept] + [i + 8 for i, _ in cue_at] + [self.tables_end])
        if self._st is None:
            self._st = analyse(text, last)
        sentence_at = self.st.sentence_at
        nums: dict[int, list[re.Match]] = {}
        for m in kept:
            nums.setdefault(sentence_at(m.start()), []).append(m)
        cued = self._word_rank_sentences(cue_at)
        for si in sorted(nums.keys() | cued):
            lo, hi = self.st.bounds(si)
            if hi - lo < 3 or self._skipped(lo):
                continue
            found: list[Candidate] = []
            prev: Candidate | None = None
            for m in nums.get(si, ()):
                c = classify(text, m, lo, hi, cue_checked=True) or _listed_after(text, m, prev)
                if c:
                    found.append(c)
                    prev = c
            ranks = word_ranks(text, lo, hi, self.low) if si in cued else ()
            for start, end, value, den in ranks:
                if value is None:  # "đội sổ" with no count: the count the other ranks here print
                    dens = [c.denominator for c in found if c.metric == "rank" and c.denominator]
                    if dens:
                        found.append(Candidate(start, end, "rank", max(dens), None))
                    else:
                        unsized.append((si, Candidate(start, end, "rank", None, None)))
                    continue
                found.append(Candidate(start, end, "rank", value, den))
            found.extend(_restated(text, found))
            if found:
                found.sort()
                per_sentence.append((si, lo, hi, found))
        # "đội sổ" with no count in its sentence: last of as many as the document's numeric ranks count,
        # when they all agree, or when one peer group shares the words after it ("khu vực Tây Nguyên")
        ranked = [c for _, _, _, f in per_sentence for c in f if c.metric == "rank" and c.denominator]
        if unsized:
            by_si = {p[0]: p for p in per_sentence}
            for si, c in unsized:
                n, stated = self._count_for(c, ranked)
                if n is None:
                    continue
                c = c._replace(value=n, denominator=n if stated else None)
                if si in by_si:
                    by_si[si][3].append(c)
                    by_si[si][3].sort()
                else:
                    lo, hi = self.st.bounds(si)
                    by_si[si] = (si, lo, hi, [c])
            per_sentence = sorted(by_si.values(), key=lambda p: p[0])
        if not per_sentence:
            return []
        self._candidate_spans = [(lo, hi) for _, lo, hi, _ in per_sentence]
        self.prepare(per_sentence[-1][2])
        out: list[Figure] = []
        for si, lo, hi, found in per_sentence:
            self.override = self._respectively(found, lo, hi)
            for c in found:
                fig = self._figure(c, si, lo, hi)
                if fig:
                    out.append(fig)
        return out

    def _word_rank_sentences(self, cue_at: list[tuple[int, str]]) -> set[int]:
        """Sentences where word_ranks can find something: a "thứ"/"hạng" counts only with an
        ordinal word after it (see candidates.ORDINAL_CUES)."""
        every = has_folding_oddities(self.low)
        out = set()
        for i, cue in cue_at:
            si = self.st.sentence_at(i)
            if every or cue not in ORDINAL_CUES or ordinal_follows(self.low, i + len(cue), self.st.ends[si]):
                out.add(si)
        return out

    def _count_for(self, c: Candidate, ranked: list[Candidate]) -> tuple[int | None, bool]:
        """How many were ranked, and whether the text states that count for this block (then it is the
        rank's denominator too: "ở khối 15 huyện ... Huyện Lắk xếp cuối" -> 15/15)."""
        n, at = self._stated_count(c)
        if n is not None or not ranked:
            # the count is the denominator only when stated in the same paragraph, not a lead far above
            return n, n is not None and (not _PARAGRAPH_END.search(self.text, at, c.start)
                                         or self._restated_in_paragraph(n, c.start))
        counts = {r.denominator for r in ranked}
        if len(counts) == 1 and any(self._same_paragraph(r.start, c.start) for r in ranked):
            # "xã Nghĩa Kỳ đứng thứ 3/13 ... Xã Nghĩa Thuận chót bảng": the count ranked just above; a
            # "/63" paragraphs away is no count for this block
            return next(iter(counts)), False
        words = set(_PEER_WORDS.findall(self.low[c.end: c.end + 40]))
        if not words:
            return None, False
        fits = {r.denominator for r in ranked if words & set(_PEER_WORDS.findall(self.low[r.end: r.end + 40]))}
        return (fits.pop() if len(fits) == 1 else None), False

    def _restated_in_paragraph(self, n: int, pos: int) -> bool:
        """ "Ở khối 63 tỉnh, thành phố, ... X đứng cuối": the count stated again in the rank's paragraph."""
        para_lo = max([self.text.rfind(e + "\n", 0, pos) for e in ".:;!?"] + [0])  # as _PARAGRAPH_END
        return any(int(m.group(1)) == n for m in _STATED_COUNT.finditer(self.low, para_lo, pos))

    def _same_paragraph(self, a: int, b: int) -> bool:
        lo, hi = (a, b) if a < b else (b, a)
        return not _PARAGRAPH_END.search(self.text, lo, hi)

    def _stated_count(self, c: Candidate) -> tuple[int | None, int]:
        """ "... của 19 sở, ban, ngành và 12 huyện" earlier, then "Khối sở, ban, ngành, ... Sở X đứng cuối
        bảng": last of the count stated for the block the sentence is about (one block named, one count)."""
        lo = self.st.starts[self.st.sentence_at(c.start)]
        near = (self.low[lo: c.start] + " " + self.low[c.end: c.end + 40]).replace("xã hội", "").replace("thị xã", "huyện")  # "Thương binh và Xã hội"; a "thị xã" is a district
        words = set(_PEER_WORDS.findall(near))
        blocks = words & set(_COUNTED_BLOCK)
        if len(blocks) != 1:
            return None, -1
        if self._block_counts is None:  # once per document: linear however many ranks ask
            self._block_counts = {}
            for m in _STATED_COUNT.finditer(self.low):
                first, value, clash = self._block_counts.get(m.group(2), (m.start(), int(m.group(1)), None))
                if clash is None and int(m.group(1)) != value:
                    clash = m.start()  # from here on the block's count is ambiguous
                self._block_counts[m.group(2)] = (first, value, clash)
        got = self._block_counts.get(blocks.pop())
        if got is None or got[0] >= c.start or (got[2] is not None and got[2] < c.start):
            return None, -1
        return got[1], got[0]

    def _respectively(self, found: list[Candidate], lo: int, hi: int) -> dict[int, UnitMention]:
        """ "A và B lần lượt đạt 91,40 điểm (thứ 2/19) và 90,97 điểm (thứ 2/12)": i-th figure -> i-th unit."""
        m = _RESPECTIVELY.search(self.text, lo, hi)
        if not m:
            return {}
        first = min((c.start for c in found if c.start > m.start()), default=hi)
        # "lần lượt là Quảng Ninh, Hải Phòng và Bắc Ninh với 91,02%, ...": units named after the phrase
        after = [u for u in self.units.between(m.end(), first) if not u.anaphor and not self._issuer(u)]
        units = []
        # units before the phrase: those after any figure of the sentence that precedes it ("A dẫn đầu,
        # B và C lần lượt đứng thứ hai, ba": B and C)
        b_lo = max([lo] + [c.end for c in found if c.end <= m.start()])
        before = [u for u in self.units.between(b_lo, m.start()) if not self._issuer(u)]
        if len(before) < 2:  # "A và B cùng xếp thứ hai ở hai khối, lần lượt đạt ...": the figure is theirs too
            before = list(self.units.between(lo, m.start()))
        for u in (after if len(after) >= 2 else before):
            if self._issuer(u):
                continue
            # "thành phố Chí Linh, tỉnh Hải Dương": a province naming where the unit before it lies
            if units and u.level == "province" and units[-1].level != "province" and \
                    _ONLY_SEPARATORS.fullmatch(self.text[units[-1].end:u.start]):
                continue
            units.append(u)
        if len(units) < 2:
            return {}
        out: dict[int, UnitMention] = {}
        for metric in {c.metric for c in found}:
            same = [c for c in found if c.metric == metric and c.start > m.start()]
            if len(same) == len(units):
                for c, u in zip(same, units):
                    out[c.start] = u
        return out

    def _average(self, pos: int, lo: int) -> bool:
        """ "giá trị trung bình ... đạt 85,20%; của các tỉnh đạt 85,05%": no unit named since the
        average word, so the figure belongs to no unit."""
        ends = self._average_marks.get(lo)
        if ends is None:  # once per sentence
            ends = self._average_marks[lo] = [m.end() for m in _AVERAGE.finditer(self.low, lo, self.st.bounds(
                self.st.sentence_at(lo))[1])]
        after = None
        for e in ends:
            if max(lo, pos - _WINDOW) <= e <= pos:
                after = e
        if after is None:
            return False
        return not any(not u.anaphor for u in self.units.between(after, pos))

    def _figure(self, c: Candidate, si: int, lo: int, hi: int) -> Figure | None:
        text = self.text
        if self._average(c.start, lo):
            return None
        if c.start in self.override:
            chosen = self.override[c.start]
            if chosen.anaphor:
                chosen = self._antecedent(chosen, c.start)
            self.last_subject = chosen
            unit = self._as_unit(chosen)
        else:
            unit = self._unit(c.start, si, lo, c.end, hi)
        field, raw = self._field(c.start, lo)
        metric = c.metric
        if metric == "score?pct":
            para_lo = text.rfind("\n", 0, lo) + 1
            semi = text.find(";", c.end, hi)  # a note after the figure counts only in its own clause
            metric = "score_pct" if field != "total" or _MAX_NOTE.search(
                text, max(para_lo, c.start - 2 * _WINDOW), min(semi if semi >= 0 else hi, c.end + _WINDOW)) else "score"
        # PAR fields are PAR's: "lĩnh vực hiện đại hóa hành chính" after a PCI sentence is still PAR
        index = "PAR" if field not in ("total", "other") else self._index(c.start, si, lo, c.end, hi)
        year = self._year(c.start, si, lo, hi)
        kind = self._kind(c.start, lo, hi, year)
        peer = None
        if metric == "rank":
            p = _PEER.match(text, c.end, min(hi, c.end + 60))
            if p:
                peer = p.group("peer").strip(" ,") or None
        return Figure(
            doc=self.doc.doc_id, index=index, year=year, unit=unit, field=field,
            field_raw=raw if field not in ("total",) else None, metric=metric, value=c.value,
            denominator=c.denominator, kind=kind, text=text[c.start:c.end], span=(c.start, c.end),
            quote=self._quote(lo, hi, c.start, c.end), page=self.doc.page_of(c.start) if self.doc.pages else None,
            peer_group=peer)

    def _quote(self, lo: int, hi: int, start: int, end: int) -> str:
        if hi - lo > 2 * _WINDOW:  # a run-on sentence: each figure quotes its own stretch
            return _quote(self.text, lo, hi, start, end)
        got = self._quotes.get((lo, hi))
        if got is None:
            got = self._quotes[(lo, hi)] = _quote(self.text, lo, hi, start, end)
        return got

    # ----------------------------------------------------------------- attribution
    def _in_other_paren(self, pos: int, mention_start: int) -> bool:
        """True when the mention sits in a bracket pair that does not also hold the figure."""
        pair = self.st.paren_at(mention_start)
        return bool(pair) and not (pair[0] < pos < pair[1])

    def _unit(self, pos: int, si: int, lo: int, end: int | None = None, hi: int | None = None) -> Unit:
        chosen: UnitMention | None = None
        if end is not None:  # "Xếp thứ hai là Hải Phòng (88,42%)": the unit named right after
            la = _THEN_UNIT.match(self.text, end, hi if hi is not None else len(self.text))
            if la:
                for m in self.units.between(la.end(), la.end() + 1):
                    chosen = m
        if chosen is None and self.text.rfind("(", max(0, pos - 12), pos) >= 0:
            chosen = self._named_before_paren(pos)
            if chosen is not None and self._issuer(chosen):
                # a unit compared with keeps its figure, but does not become what the text is about
                return self._as_unit(chosen)
        for m in ([] if chosen else self.units.before(max(lo, pos - _WINDOW), pos)):
            if self._issuer(m) or self._in_other_paren(pos, m.start):
                continue
            if m.level == "province" and self.text.find("/", max(lo, m.start - 60), m.start) >= 0 and \
                    _PEER_OF_BEFORE.search(self.text, max(lo, m.start - 60), m.start):
                continue  # "xếp thứ 13/14 huyện, thị xã, thành phố của tỉnh Quảng Ngãi": where the peers lie
            chosen = self._qualified(m)
            break
        if chosen is None and end is not None and hi is not None:
            # "Với 91,04%, Quảng Ninh tiếp tục dẫn đầu": the subject follows, in the same clause
            stop = min(hi, end + 60)
            semi = self.text.find(";", end, stop)
            for m in self.units.between(end, semi if semi >= 0 else stop):
                if not m.anaphor and not self._issuer(m) and not self._in_other_paren(pos, m.start):
                    chosen = m
                    break
        if chosen is None and self._colon_sents != []:  # None: not looked for yet
            chosen = self._list_intro_unit(si)
        if chosen is None and self.last_subject is not None:
            chosen = self.last_subject
        if chosen is None:
            back_lo = self.st.starts[max(0, si - 3)]
            for m in self.units.before(back_lo, lo):
                if not m.anaphor and not self._issuer(m):
                    chosen = self._qualified(m)
                    break
        if chosen is None:
            first = [m for m in self.units.between(0, self.st.ends[0] if self.st.ends else 0) if not m.anaphor]
            chosen = self._qualified(first[-1]) if first else None  # "Sở X tỉnh Y": the Sở
        if chosen is None and self.ctx_pcode is None:
            # a headline figure before any unit is named ("... vươn lên 4 bậc"): the subject the next
            # sentences name
            ahead = self.st.ends[min(len(self.st.ends) - 1, si + 3)]
            for m in self.units.between(pos, ahead):
                if not m.anaphor and not self._issuer(m):
                    chosen = m
                    break
        if chosen is not None and chosen.anaphor:
            chosen = self._antecedent(chosen, pos)
        if chosen is None:
            if self.ctx_pcode:
                return Unit("province", self.ctx.province, None, self.ctx_pcode)
            return Unit("unknown", None, None, None)
        self.last_subject = chosen
        return self._as_unit(chosen)

    def _runs_on(self, lo: int) -> bool:
        """The sentence at ``lo`` goes on from the text before it: no full stop ends that (a wrapped
        line, a lead-in ending in ":")."""
        i = lo
        while i > 0 and self.text[i - 1] in " \t\n*":
            i -= 1
        return i > 0 and self.text[i - 1] not in ".!?"

    def _list_intro_unit(self, si: int) -> UnitMention | None:
        """ "Kết quả của tỉnh Quảng Trị:" then list items: the unit the lead-in line names, unless a
        figure since then was about another unit."""
        got = self._intro_of.get(si, False)
        if got is False:  # once per sentence: the lead-in's unit, if a lead-in is close above
            if self._colon_sents is None:  # once per document: sentences ending in ":"
                self._colon_sents = sorted({self.st.sentence_at(m.start()) for m in _LEAD_IN.finditer(self.text)})
            got = None
            k = bisect.bisect_left(self._colon_sents, si) - 1
            if k >= 0 and self._colon_sents[k] >= si - 7:
                j = self._colon_sents[k]
                for m in self.units.before(self.st.starts[j], self.st.ends[j]):
                    if not m.anaphor and not self._issuer(m):
                        got = m
                        break
            self._intro_of[si] = got
        if got is None:
            return None
        last = self.last_subject
        return None if last is not None and last.start >= got.start else got

    def _named_before_paren(self, pos: int) -> UnitMention | None:
        """ "chỉ sau huyện Châu Thành (87,10 điểm)": the bracket holding the figure opens right after a
        unit's name, so the figure is that unit's, even when the unit is only compared with."""
        pair = self.st.paren_at(pos)
        if not pair or not _FIGURE_FIRST_IN_PAREN.match(self.text, pair[0] + 1, pos + 1):
            return None
        for m in self.units.before(max(0, pair[0] - 80), pair[0]):
            if not m.anaphor and not self.text[m.end:pair[0]].strip(" \t*"):
                return m
            return None
        return None

    def _qualified(self, m: UnitMention) -> UnitMention:
        """ "xã Đồng Tâm, huyện Mỹ Đức", "thành phố Chí Linh (Hải Dương)": the mention right before a
        wider unit that only says where it lies is the subject."""
        for q in self.units.before(max(0, m.start - 40), m.start):
            if not q.anaphor and _LEVEL_RANK.get(q.level, 1) < _LEVEL_RANK.get(m.level, 1) and \
                    _QUALIFIER_GAP.fullmatch(self.text, q.end, m.start) and not self._issuer(q):
                return q
            break
        return m

    def _antecedent(self, m: UnitMention, pos: int) -> UnitMention:
        """What "UBND tỉnh", "của huyện", "thành phố" refer to."""
        if m.level == "province" and self.ctx_pcode:
            return UnitMention(m.start, m.end, "province", self.ctx.province or "", False, self.ctx_pcode)
        want = {"province": ("province",), "city": ("district", "province"), "district": ("district",)}.get(
            m.level, (m.level,))

        def fits(prev: UnitMention) -> bool:
            # an issuer may still be what "tỉnh" points back to ("UBND tỉnh Nam Định ban hành ...;
            # năm 2021 tỉnh đạt ..."), a unit named only for comparison may not
            if prev.anaphor or prev.level not in want or is_compared(self.text, prev):
                return False
            if m.level == "city" and not _is_city(prev):
                return False
            if m.level == "province" and (prev.province_code or "") in CENTRAL_CITIES:
                return False  # a centrally-run city is "thành phố", never "tỉnh"
            return True

        # "Sở Nội vụ tỉnh Quảng Trị cho biết, Chỉ số CCHC của tỉnh ...": named earlier in the sentence
        lo = self.st.starts[self.st.sentence_at(m.start)]
        for prev in self.units.before(lo, m.start):
            if fits(prev):
                return prev
        last = self.last_subject
        if last is not None and fits(last):
            return last
        for prev in self.units.before(0, m.start):
            if not fits(prev):
                continue
            if m.level == "province" and _CITY_NAME.match(prev.name) \
                    and prev.start < m.start - 400:
                continue
            return prev
        level = "district" if m.level == "city" else m.level
        return UnitMention(m.start, m.end, level, "", True, self.doc_pcode if level != "province" else None)

    def _as_unit(self, m: UnitMention) -> Unit:
        # The same mention is the subject of every figure after it (and Unit is frozen): resolve once.
        got = self._units_of.get(m)
        if got is None:
            got = self._units_of[m] = self._resolve_unit(m)
        return got

    def _resolve_unit(self, m: UnitMention) -> Unit:
        level = "district" if m.level == "city" else m.level
        pcode = m.province_code or (self.doc_pcode if level in ("district", "commune", "department") else None)
        if level == "commune" and m.name:
            for d in self._districts_before(m.start):
                hit = resolve_commune(m.name, d.name, d.province_code or pcode)
                if hit:
                    return hit
        return Unit(level, m.name or None, None, pcode)

    def _districts_before(self, pos: int):
        """Named districts a commune may belong to: one named right after it ("xã Đồng Tâm, huyện Mỹ
        Đức"), the nearest before it, then any other."""
        seen = set()
        right_after = [d for d in self.units.between(pos, pos + 60)[1:2]]
        for d in right_after + list(self.units.before(0, pos)) + self.units.items:
            if d.level in ("district", "city") and not d.anaphor and d.name not in seen:
                seen.add(d.name)
                yield d
                if len(seen) >= 4:
                    return

    def _field(self, pos: int, lo: int) -> tuple[str, str | None]:
        for f in self._fields_of(self.st.sentence_at(lo)).before(max(lo, pos - _WINDOW), pos):
            if self._in_other_paren(pos, f[0]):
                continue
            return f[2], f[3]
        if lo not in self._heading_fields:
            self._heading_fields[lo] = self._field_heading(lo)
        return self._heading_fields[lo] or ("total", None)

    def _field_heading(self, lo: int) -> tuple[str, str] | None:
        """ "2. Cải cách thể chế" on its own line, then "- Xếp thứ 2/8, đạt 10,35/10,5 điểm": the
        field a sentence inherits from the heading right above it (or above its list)."""
        text = self.text
        end = text.rfind("\n", 0, lo)
        for _ in range(12):
            if end <= 0:
                return None
            start = text.rfind("\n", 0, end) + 1
            line = text[start:end].strip()
            if not line:
                end = start - 1
                continue
            body = _NUMBERING.sub("", line)
            if len(line) <= 90 and not NUMBER.search(body):
                found = find_fields(body)
                if found and not find_totals(body):  # a heading that names a field
                    return found[0].field, found[0].raw
            if _BULLET.match(text, start) and not line.endswith(":"):
                end = start - 1  # a sibling list item: keep climbing to the list's heading
                continue
            return None
        return None

    def _index(self, pos: int, si: int, lo: int, end: int | None = None, hi: int | None = None) -> str:
        here = self._indices_of(si)
        for m in here.before(max(lo, pos - _WINDOW), pos):
            if not self._in_other_paren(pos, m.start):
                return m.index
        if end is not None:  # "đạt 44,53/80 điểm PAPI": the index named right after the figure
            stop = min(end + 80, hi if hi is not None else end + 80)
            cut = self.text.find(";", end, stop)
            for m in here.between(end, cut if cut >= 0 else stop):
                return m.index
        # An index named in the sentences before carries only where it does not contradict the
        # document's main index, or where this sentence plainly goes on with it: right after it, with a
        # percent value or an opening such as "Trong đó", "Về SIPAS, ...". A sentence naming several
        # indices ("công bố Chỉ số CCHC, Chỉ số SIPAS") sets none of them.
        back = self.st.starts[max(0, si - 2)]
        for sj in range(si - 1, max(-1, si - 3), -1):
            named = {m.index for m in self._indices_of(sj).before(back, lo)}
            if not named:
                continue
            if len(named) > 1:
                return self.title_index
            idx = named.pop()
            if idx == "SIPAS" and self._points_sentence(si):
                return "PAR"  # SIPAS is published in percent: "Sở X dẫn đầu khối sở với 92,04 điểm" is PAR
            if sj == si - 1 and (self._runs_on(lo) or end is not None and self.text[end - 1] == "%"
                                 or _CONTINUES.match(self.low, lo, hi or lo + 40)):
                return idx
            main = self.title_index  # (computed only here: it costs a scan of the title or lead)
            return idx if idx == main or (sj == si - 1 and self._title_mixed) else main
        return self.title_index

    def _points_sentence(self, si: int) -> bool:
        """A sentence of points ("điểm"), no percent and no satisfaction ("hài lòng"): not SIPAS's."""
        a, b = self.st.bounds(si)
        sent = self.low[a:b]
        return "điểm" in sent and "%" not in sent and "hài lòng" not in sent and "phần trăm" not in sent

    def _year(self, pos: int, si: int, lo: int, hi: int) -> int | None:
        pair = self.st.paren_at(pos)
        if pair:
            for y in self.years.before(pair[0], pos):
                if y.dates:
                    return y.year
            # "so với năm 2019 (xếp thứ 17/63)": the bracket states the compared year's figure
            cmp_year = _YEAR_BEFORE_BRACKET.search(self.low, max(lo, pair[0] - 16), pair[0])
            if cmp_year:
                return int(cmp_year.group(1))
            # "(năm trước xếp thứ 4/20)", "đạt 84,82% (86,76%)": the year before the one in force
            inner = self.low[pair[0] + 1: pos]
            bare = not inner.strip(" *") and _BARE_FIGURE.match(self.low, pos, pair[1])
            prev = self.text[max(lo, pair[0] - 12): pair[0]].rstrip().rstrip("*").rstrip()
            inside = self.text[pos: pair[1]]
            same = prev.endswith("%") == ("%" in inside) and (("/" in prev[-6:]) == ("/" in inside))
            if _PREV_YEAR_IN_BRACKETS.search(inner) or (bare and same and _ENDS_WITH_FIGURE.search(prev)):
                outer = self._year(pair[0], si, lo, hi)
                return outer - 1 if outer else None
        prior = None
        i = bisect.bisect_left(self._prior_at, max(lo, pos - 120))
        if i < len(self._prior_at) and self._prior_at[i] < pos:  # "trước"/"ngoái" before the figure
            clause_lo = max(lo, pos - 120, self.text.rfind(";", lo, pos) + 1, self.text.rfind(")", lo, pos) + 1)
            prior = _PRIOR_YEAR.search(self.low, clause_lo, pos)
        if prior and not _COMPARED_YEAR.search(self.low, max(lo, prior.start() - 12), prior.start()) \
                and not any(y.dates for y in self.years.between(prior.end(), pos)):
            outer = self._year(lo, si, lo, hi) if prior.start() > lo else self._year_before_sentence(lo)
            return outer - 1 if outer else None
        for y in self.years.before(max(lo, pos - _WINDOW), pos):
            if y.dates and not self._in_other_paren(pos, y.start):
                return y.year
        for y in self.years.between(pos, min(hi, pos + _WINDOW)):
            if y.dates and not self._in_other_paren(pos, y.start) and _indexed_year(self.text, y):
                return y.year
        cont = self._continued_year(si) if self._held_openers else None
        if cont:
            return cont
        for y in self.carry_years.before(0, lo):
            return y.year
        if self.title_year:
            return self.title_year
        for y in self.years.items:  # any dating year at all, the first one
            if y.dates:
                return y.year
        if self.published_year:
            return self.published_year - 1
        return None

    def _continued_year(self, si: int) -> int | None:
        """ "Năm 2020, huyện đạt 84,52 điểm. Trong đó, lĩnh vực ... đạt 12,5/14 điểm": a sentence that
        continues the one before ("Trong đó", "Cụ thể", a list item) keeps the year that one opened with."""
        got = self._continued.get(si, -1)
        if got == -1:
            got = self._continued[si] = self._continued_year_of(si)
        return got

    def _continued_year_of(self, si: int) -> int | None:
        j = si
        while j > 0 and si - j < 8 and (_CONTINUES.match(self.low, self.st.starts[j])
                                         or _BULLET.match(self.text, self.st.starts[j])):
            j -= 1
        if j == si:
            return None
        lo = self.st.starts[j]
        for y in self.years.between(lo, lo + 26):
            if y.dates and not self.st.paren_at(y.start):
                return y.year
        return None

    def _year_before_sentence(self, lo: int) -> int | None:
        """The year in force where a sentence starts (what "năm trước" counts back from)."""
        for y in self.carry_years.before(0, lo):
            return y.year
        return self.title_year or (self.published_year - 1 if self.published_year else None)

    def _kind(self, pos: int, lo: int, hi: int, year: int | None = None) -> str:
        """Markers before the figure in its clause; for a list item, its heading's markers."""
        text = self.text
        sentence_lo = lo
        lo = max(lo, pos - _WINDOW)
        marks = self._kind_marks(sentence_lo, hi)
        here: list[tuple[int, str]] = []
        if marks:  # most sentences carry no marker: skip the clause search and the filtering
            clause_lo = max(lo, text.rfind(";", lo, pos) + 1)
            here = [m for m in marks if clause_lo <= m[0] < pos] or [m for m in marks if lo <= m[0] < pos]
        if not here and _BULLET.match(text, sentence_lo):
            here = self._heading_marks.get(sentence_lo)
            if here is None:
                heading = self._list_heading(sentence_lo)
                here = [(m.start(), m.lastgroup) for m in _KIND_MARK.finditer(self.low, *heading)] if heading else []
                self._heading_marks[sentence_lo] = here
        if not here and sentence_lo > 0 and self.low[sentence_lo] in _CONTINUES_FIRST and \
                _CONTINUES.match(self.low, sentence_lo, hi):
            # "Tổng điểm tự đánh giá ... Trong đó: ...": the breakdown keeps the kind of the sentence before
            p_lo, p_hi = self.st.bounds(self.st.sentence_at(sentence_lo - 1))
            if p_hi <= sentence_lo:
                here = list(self._kind_marks(p_lo, p_hi))
        after = _KIND_AFTER.match(self.low, pos, min(hi, pos + 40))
        if after:  # "thẩm định còn 60,12 điểm (tạm thời)"
            here = here + [(pos, after.lastgroup)]
        # an appraisal ("thẩm định", "chính thức") ends what a self-assessment said before it
        offs = [i for i, (_, g) in enumerate(here) if g == "off"] if here else []
        if offs:
            here = here[offs[-1] + 1:]
        if not here:
            # unmarked figures of a provisional document's own year are provisional too
            prov = self.head_provisional and year is not None and year == self.title_year and not offs
            return "provisional" if prov else "official"
        if any(g == "self" for _, g in here):
            return "self_assessed"
        if any(g == "prov" for _, g in here):
            return "provisional"
        return "official"

    def _kind_marks(self, lo: int, hi: int) -> list[tuple[int, str]]:
        got = self._marks.get(lo)
        if got is None:
            got = self._marks[lo] = [(m.start(), m.lastgroup) for m in _KIND_MARK.finditer(self.low, lo, hi)]
        return got

    def _list_heading(self, lo: int) -> tuple[int, int] | None:
        """The line introducing the list that the line at ``lo`` belongs to ("...theo từng lĩnh vực:")."""
        text = self.text
        end = lo
        for _ in range(30):
            start = text.rfind("\n", 0, max(0, end - 1)) + 1
            line = text[start:end].strip()
            if not line:
                if start == 0:
                    return None
                end = start - 1
                continue
            if line.endswith(":"):  # "2. Điểm tự chấm theo từng lĩnh vực:" (numbered or not)
                return start, end
            if not _BULLET.match(text, start) or start == 0:
                return None
            end = start - 1
        return None


_LIST_GAP = re.compile(r"\s*(?:,|và|;)\s*(?:thứ\s+)?$")


def _listed_after(text: str, m: re.Match, prev: Candidate | None) -> Candidate | None:
    """ "với 91,02%, 89,65% và 89,61%": a number listed right after a figure of the same shape."""
    if prev is None or prev.metric not in ("score", "score?pct", "score_pct", "rank") or m.start() - prev.end > 12:
        return None
    if not _LIST_GAP.match(text, prev.end, m.start()):
        return None
    prev_text = text[prev.start:prev.end]
    if prev_text.endswith("%") != bool(m.group("pct")) or ("/" in prev_text) != bool(m.group("b")):
        return None
    a = parse_number(m.group("a"))
    b = parse_number(m.group("b")) if m.group("b") else None
    if a is None or (m.group("b") and b is None):
        return None
    if prev.metric == "rank" and (not isinstance(a, int) or (b is not None and b < a)):
        return None
    return Candidate(m.start(), m.end(), prev.metric, a, b)


def _find_all(low: str, word: str, limit: int) -> list[int]:
    out = []
    i = low.find(word, 0, limit)
    while i >= 0:
        out.append(i)
        i = low.find(word, i + 1, limit)
    return out


def _near_cue(low: str, m: re.Match) -> bool:
    """A bare number can only be a figure with a cue word near it (same test as classify's first)."""
    start, end = m.start(), m.end()
    return bool(PLAIN_CUE.search(low, max(0, start - 26), start) or PLAIN_AFTER_CUE.search(low, end, end + 14)
                or (low.startswith("0", start) and UNIT_INTERVAL.fullmatch(low, start, end))
                or low.startswith(" trên ", end))  # "4,10 trên tổng số 9 điểm"


def _restated(text: str, found: list[Candidate]) -> list[Candidate]:
    """ "xếp thứ 27/63 (21/63)", "đạt 84,82% (86,76%)": a bare bracketed figure of the same shape
    right after a figure restates it for another year (the year is decided in _year)."""
    out = []
    taken = {c.start for c in found}
    for c in found:
        m = BRACKETED.match(text, c.end)
        if not m or m.start("a") in taken:
            continue
        a, b = parse_number(m.group("a")), parse_number(m.group("b")) if m.group("b") else None
        prev = text[c.start:c.end]
        if a is None or ("/" in prev) != (b is not None) or prev.endswith("%") != bool(m.group("pct")):
            continue
        if c.metric == "rank" and (not isinstance(a, int) or (b is not None and b < a)):
            continue
        end = m.end("pct") if m.group("pct") else m.end("b") if m.group("b") else m.end("a")
        out.append(Candidate(m.start("a"), end, c.metric, a, b))
    return out


def _quote(text: str, lo: int, hi: int, start: int, end: int) -> str:
    """The sentence stating the figure; for a run-on sentence, the stretch around the figure."""
    if hi - lo > 2 * _WINDOW:
        lo, hi = max(lo, start - _WINDOW // 2), min(hi, end + _WINDOW // 2)
    quote = text[lo:hi]
    return " ".join(quote.split()) if "\n" in quote or "  " in quote or "\t" in quote else quote.strip()


def _is_city(m: UnitMention) -> bool:
    """A mention "thành phố" can point back to: a city district or a centrally-run city."""
    if _CITY_NAME.match(m.name):
        return True
    return m.level == "province" and (m.province_code or "") in CENTRAL_CITIES


def _indexed_year(text: str, y: YearMention) -> bool:
    return bool(_INDEX_RIGHT_BEFORE.search(text[max(0, y.start - 30): y.start]))
