"""Cut a document's text around a figure's span, for the <mark> of the figure's page."""
from __future__ import annotations

from dataclasses import dataclass

# Characters of context shown on each side of the figure. Short documents are shown whole;
# a long one (a 200-page PDF) is cut at line breaks near this distance, so ten thousand
# figure pages do not each carry a copy of the whole document (the archived copy has it).
CONTEXT = 6000


class SpanError(ValueError):
    pass


@dataclass(frozen=True)
class Highlighted:
    before: str
    marked: str
    after: str
    cut_before: int = 0   # characters of the document left out before `before`
    cut_after: int = 0    # and after `after`


def highlight(text: str, start: int, end: int, expected: str, *, figure_id: str,
              context: int = CONTEXT) -> Highlighted:
    """text around [start, end); the marked part must be the figure's text, else the report
    would show an auditor the wrong words."""
    if not (0 <= start <= end <= len(text)):
        raise SpanError(f"figure {figure_id}: span [{start}, {end}) lies outside its document "
                        f"({len(text)} chars)")
    marked = text[start:end]
    if marked != expected:
        raise SpanError(f"figure {figure_id}: span [{start}, {end}) holds {marked!r}, not {expected!r}")
    # Clamped so a line break found near the cut never eats into the figure itself.
    lo = 0 if start <= context else min(_line_start(text, start - context), start)
    hi = len(text) if len(text) - end <= context else max(_line_end(text, end + context), end)
    return Highlighted(text[lo:start], marked, text[end:hi], lo, len(text) - hi)


def _line_start(text: str, i: int) -> int:
    nl = text.find("\n", i)
    return nl + 1 if 0 <= nl < i + 400 else i


def _line_end(text: str, i: int) -> int:
    nl = text.rfind("\n", i - 400, i)
    return nl if nl > 0 else i
