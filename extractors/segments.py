"""Sentence and bracket structure of a document's text, as offsets (never copies).

Sentences end at a line break, or at . ! ? … followed by a space and a capital letter, digit or
opening mark, except after abbreviations ("TP. Hồ Chí Minh", "TX. Sơn Tây").  All scans are single
regex passes, so the cost is linear in the text length.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

# After . ! ? …: blanks, then a capital letter, digit or opening mark starts the next sentence.
_NEXT_SENTENCE = r"[ \t]+(?=[\"“(\-–*]*[^\W\d_a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]|\d)"
_END_MARKS = ".!?…"
_ABBREV = re.compile(r"(?:^|[\s(])(?:TP|Tp|TX|Tx|TT|Q|P|H|X|ThS|TS|PGS|GS|BS|Mr|St|Nxb|v\.v|[IVXL]{1,4}|\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ])\.$")
_OPEN, _CLOSE = "([", ")]"
_BRACKETS = _OPEN + _CLOSE


@dataclass
class Structure:
    text: str
    starts: list[int] = field(default_factory=list)  # sentence starts (sorted)
    ends: list[int] = field(default_factory=list)
    parens: list[tuple[int, int]] = field(default_factory=list)  # (open, close) offsets, non-nested pairs
    paren_starts: list[int] = field(default_factory=list)
    paren_reach: list[int] = field(default_factory=list)  # [i]: the furthest close of parens[:i + 1]
    # paren_at answers, by position: attribution asks again for the same mention for every figure
    _paren_memo: dict[int, tuple[int, int] | None] = field(default_factory=dict, repr=False)

    def sentence_at(self, pos: int) -> int:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i if i > 0 else 0  # (not max(): asked per figure and mention, a builtin call costs more)

    def bounds(self, i: int) -> tuple[int, int]:
        return self.starts[i], self.ends[i]

    def paren_at(self, pos: int) -> tuple[int, int] | None:
        """The innermost bracket pair enclosing ``pos``, if any."""
        memo = self._paren_memo
        if pos in memo:
            return memo[pos]
        got = memo[pos] = self._paren_at(pos)
        return got

    def _paren_at(self, pos: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self.paren_starts, pos) - 1
        stop = max(-1, i - 60)  # bounded walk: nesting is shallow in real text
        reach = self.paren_reach
        while i > stop:
            if reach[i] <= pos:  # no pair opened this early closes after pos: none encloses it
                return None
            a, b = self.parens[i]
            if a < pos < b:
                return a, b
            i -= 1
        return None


_HARD_END_CHARS = frozenset('.:!?…)*]"”')  # not ";": a clause ends there, a wrapped sentence goes on
_VALUE_LINE = re.compile(r"[ \t]*\d{1,3}(?:[.,]\d+)?(?:/\d+(?:[.,]\d+)?)?[ \t]*(?:%|điểm)?[ \t]*[.;,]?[ \t]*(?:\n|$)")
_NEXT_STARTS_BLOCK = re.compile(r"[ \t]*(?:[-+•*–]|\d{1,2}(?:\.\d{1,2})*\.|[IVX]{1,4}\.|[a-zđ]\)|\n|$)")


def _soft_newline(text: str, cut: int) -> bool:
    """A line break inside a sentence, as PDF text wraps it: the line is long, ends without
    punctuation, and the next line does not open a list item, heading or table row."""
    line_lo = text.rfind("\n", 0, cut) + 1
    line = text[line_lo:cut]
    tail = line.rstrip()
    if not tail or "|" in line or "\t" in line:
        return False
    if tail[-1] in _HARD_END_CHARS:
        # "...kinh tế - xã hội:\n85,40%." — a label whose value wrapped onto the next line
        return tail[-1] == ":" and bool(_VALUE_LINE.match(text, cut + 1))
    if len(line) < 60 and not text[cut + 1: cut + 2].islower():
        return False  # a short line ends a heading or a cell, unless the next word runs on in lower case
    nxt_end = text.find("\n", cut + 1)
    nxt = text[cut + 1: nxt_end if nxt_end >= 0 else len(text)]
    return not ("|" in nxt or "\t" in nxt or _NEXT_STARTS_BLOCK.match(nxt))


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# Breaks and brackets in one pass.  Every alternative opens with one literal character, so the
# regex engine skips from one such character to the next at C speed (a "charset prefix") instead
# of trying the pattern at every position; which alternative matched is read off that character.
_SCAN = re.compile("|".join([r"\n", r"\(", r"\)", r"\[", r"\]"] + [re.escape(p) + _NEXT_SENTENCE for p in _END_MARKS]))


def analyse(text: str, limit: int | None = None) -> Structure:
    """Sentences and bracket pairs of ``text``; with ``limit``, only up to the end of the paragraph
    holding ``limit`` (nothing after the last candidate figure is ever asked about)."""
    s = Structure(text)
    pos = 0
    stop = len(text)
    if limit is not None and limit < len(text):
        blank = _BLANK_LINE.search(text, limit)
        stop = blank.start() if blank else len(text)
    # Bracket pairs, matched with a stack per paragraph (wrapped PDF lines may split a bracket).
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    prev_nl = -2
    starts, ends = s.starts, s.ends
    for m in _SCAN.finditer(text, 0, stop):
        at = m.start()
        ch = text[at]
        if ch in _BRACKETS:
            if ch in _OPEN:
                if len(stack) < 50:
                    stack.append(at)
            elif stack:
                pairs.append((stack.pop(), at))
            continue
        if ch == "\n":
            cut = at
            line_len = cut - prev_nl - 1
            if stack and not text[prev_nl + 1: cut].strip(" \t"):  # a blank line closes every bracket
                stack.clear()
            prev_nl = cut
            if (line_len >= 60 or text[cut + 1: cut + 2].islower()) and _soft_newline(text, cut):
                continue
        else:
            cut = at + 1  # a sentence keeps its final punctuation
            if text[at] == "." and not (cut >= 3 and text[cut - 2].islower() and text[cut - 3].isalpha()) and \
                    _ABBREV.search(text, max(0, cut - 8), cut):
                continue  # "TP. Hồ Chí Minh", "1.1. Các lĩnh vực": not a sentence end
        if cut > pos:
            starts.append(pos)
            ends.append(cut)
        pos = m.end()
    if pos < stop or not s.starts:
        s.starts.append(pos)
        s.ends.append(stop)
    pairs.sort()
    s.parens = pairs
    s.paren_starts = [a for a, _ in pairs]
    furthest = -1
    for _, b in pairs:
        furthest = b if b > furthest else furthest
        s.paren_reach.append(furthest)
    return s
