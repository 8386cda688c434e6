"""Lower-casing that keeps every offset: the extractor matches lower-case patterns (no IGNORECASE,
which makes Python's regex engine try each alternative at every position) on a lowered copy and
reads spans back from the original text."""
from __future__ import annotations

import re


def lower_keep_offsets(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few characters lower to two ("İ" -> "i̇"): leave those as they are.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def fast(pattern: str, firsts: str, flags: int = 0) -> re.Pattern:
    """``pattern`` behind a one-character look-ahead, so the engine skips positions that cannot start it.

    ``firsts`` must hold every character a match can start with (in the case the text will have).
    """
    return re.compile(f"(?=[{re.escape(firsts)}])(?:{pattern})", flags)


_WORD = re.compile(r"[^\W_]")


def left_boundary(text: str, start: int) -> bool:
    """True when ``start`` begins a word (the character before it is not a letter or digit)."""
    return start == 0 or not _WORD.match(text, start - 1)


def spaced(pattern: str) -> str:
    """Every literal space of ``pattern`` (outside character classes) made ``\\s+``: PDF text wraps
    lines anywhere, so "tổ chức" may arrive as "tổ\\nchức"."""
    out = []
    in_class = escaped = False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
            continue
        if ch == "\\":
            out.append(ch)
            escaped = True
            continue
        if in_class:
            in_class = ch != "]"
            out.append(ch)
            continue
        if ch == "[":
            in_class = True
            out.append(ch)
            continue
        out.append(r"\s+" if ch == " " else ch)
    return "".join(out)
