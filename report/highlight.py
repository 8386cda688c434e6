"""Split a document's text around a figure's span, for the <mark> of the document view."""
from __future__ import annotations

from dataclasses import dataclass


class SpanError(ValueError):
    pass


@dataclass(frozen=True)
class Highlighted:
    before: str
    marked: str
    after: str


def highlight(text: str, start: int, end: int, expected: str, *, figure_id: str) -> Highlighted:
    """text[:start], text[start:end], text[end:]; the middle must be the figure's text, else the
    report would show an auditor the wrong words."""
    if not (0 <= start <= end <= len(text)):
        raise SpanError(f"figure {figure_id}: span [{start}, {end}) lies outside its document "
                        f"({len(text)} chars)")
    marked = text[start:end]
    if marked != expected:
        raise SpanError(f"figure {figure_id}: span [{start}, {end}) holds {marked!r}, not {expected!r}")
    return Highlighted(text[:start], marked, text[end:])
