"""Legacy Vietnamese encodings (TCVN3/ABC ``.VnTime``, VNI ``VNI-Times``) → Unicode.

The conversion tables come from viparse (validated against real government documents);
this module decides *where* to apply them: from font names when the format has them
(HTML ``face``/``font-family``, PDF font names, Word run fonts), otherwise from the text.
Conversion goes block by block: a block that already holds Vietnamese-only Unicode letters
is left alone, so documents mixing legacy and Unicode runs come out right.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from viparse.normalize.detector import detect_encoding, detect_encoding_by_content
from viparse.normalize.tables import convert
from viparse.normalize.tcvn3 import TCVN3
from viparse.normalize.vni import VNI

CHARMAPS = {"tcvn3": TCVN3, "vni": VNI}

# Letters only Unicode Vietnamese has (ạ..ỹ, đ, ơ, ư): their presence proves a run is Unicode.
_UNICODE_VI = re.compile("[\u1ea0-\u1ef9\u0110\u0111\u01a0\u01a1\u01af\u01b0]")
# Characters from the Latin-1 upper half that legacy text is made of.
_HIGH_LATIN = re.compile("[\u00a0-\u00ff]")


def encoding_for_font(font: str | None) -> str | None:
    """'tcvn3' for .Vn* fonts, 'vni' for VNI-* fonts, else None."""
    if not font:
        return None
    return detect_encoding([font.strip().strip("'\"")]).encoding


def encoding_for_fonts(fonts: Iterable[str | None]) -> str | None:
    return detect_encoding([f for f in fonts if f]).encoding


def detect_text_encoding(text: str) -> str | None:
    """Guess a legacy encoding from the text itself (None when it reads as Unicode)."""
    if _UNICODE_VI.search(text) and len(_UNICODE_VI.findall(text)) * 20 > len(_HIGH_LATIN.findall(text)):
        return None
    if not _HIGH_LATIN.search(text):
        return None
    return detect_encoding_by_content(text, CHARMAPS).encoding


def looks_unicode(text: str) -> bool:
    return bool(_UNICODE_VI.search(text))


def to_unicode(text: str, encoding: str | None) -> str:
    """Convert a run in ``encoding`` to NFC Unicode; runs that are already Unicode pass unchanged."""
    if not encoding or not text or looks_unicode(text):
        return text
    return convert(text, CHARMAPS[encoding])


def to_unicode_lines(text: str, encoding: str | None) -> str:
    """``to_unicode`` line by line: in a mixed text, Unicode lines stay and legacy lines convert."""
    if not encoding or not text:
        return text
    return "\n".join(to_unicode(line, encoding) for line in text.split("\n"))


def from_unicode_tcvn3(text: str) -> str:
    """Unicode → TCVN3 surface characters (for fixtures and round-trip tests)."""
    return _encoder(TCVN3)(text)


def from_unicode_vni(text: str) -> str:
    """Unicode → VNI surface sequences (for fixtures and round-trip tests)."""
    return _encoder(VNI)(text)


def _encoder(charmap):
    import unicodedata

    reverse: dict[str, str] = {}
    for source, target in _charmap_entries(charmap):
        reverse.setdefault(unicodedata.normalize("NFC", target), source)

    def encode(text: str) -> str:
        return "".join(reverse.get(ch, ch) for ch in unicodedata.normalize("NFC", text))

    return encode


def _charmap_entries(charmap) -> list[tuple[str, str]]:
    return list(charmap.pairs)


def convert_pdf_chars(chars: list[dict]) -> str | None:
    """Convert, in place, the text of PDF chars set in legacy fonts, run by run.

    ``chars`` is pdfplumber's cached char list, so everything read from the page afterwards
    (text, words, tables) sees Unicode. Returns the first legacy encoding met, or None.
    A TCVN3 glyph maps to one letter; a VNI base letter absorbs the mark glyph after it
    (the mark is dropped and the base widened over it, so no space appears between them).
    """
    from functools import lru_cache

    @lru_cache(maxsize=64)
    def font_encoding(font: str) -> str | None:
        return encoding_for_font(font)

    met: str | None = None
    out: list[dict] = []
    n = len(chars)
    i = 0
    while i < n:
        char = chars[i]
        encoding = font_encoding(char.get("fontname") or "")
        if encoding is not None:
            met = met or encoding
        if encoding == "tcvn3":
            char["text"] = convert(char["text"], TCVN3)
        elif encoding == "vni":
            nxt = chars[i + 1] if i + 1 < n else None
            if nxt is not None and font_encoding(nxt.get("fontname") or "") == "vni" \
                    and abs(nxt.get("top", 0) - char.get("top", 0)) < 3:
                pair = convert(char["text"] + nxt["text"], VNI)
                if len(pair) == 1:
                    char["text"] = pair
                    if nxt.get("x1", 0) > char.get("x1", 0):
                        char["x1"] = nxt["x1"]
                        char["width"] = char["x1"] - char["x0"]
                    out.append(char)
                    i += 2
                    continue
            char["text"] = convert(char["text"], VNI)
        out.append(char)
        i += 1
    if met:
        chars[:] = out
    return met
