"""Unicode clean-up so regexes and unit names match whatever the source typed.

Every function here keeps the text length of already-NFC input unchanged where it can
(tone placement only moves a mark between two precomposed letters), so offsets computed
on the normalised text stay stable.
"""
from __future__ import annotations

import re
import unicodedata

# Combining tone marks (grave, acute, hook, tilde, dot below).
_TONES = "\u0300\u0301\u0309\u0303\u0323"
# Old-style ("hoá", "khoẻ", "thuỷ") → the placement GSO unit names use ("hóa", "khỏe", "thủy"):
# an open syllable ending in oa/oe/uy carries the tone on its first vowel.
# The vowel must be bare (no breve/circumflex after the tone: "hoặc" stays) and end the word.
_OA_OE = re.compile(rf"([oO])([aAeE])([{_TONES}])(?![\u0300-\u036f])(?![^\W\d_])")
_UY = re.compile(rf"(?<![qQ])([uU])([yY])([{_TONES}])(?![\u0300-\u036f])(?![^\W\d_])")


def fix_tone_placement(text: str) -> str:
    """Move the tone of a word-final oa/oe/uy onto the first vowel ("Hoá" → "Hóa")."""
    if not text:
        return text
    decomposed = unicodedata.normalize("NFD", text)
    decomposed = _OA_OE.sub(r"\1\3\2", decomposed)
    decomposed = _UY.sub(r"\1\3\2", decomposed)
    return unicodedata.normalize("NFC", decomposed)


def normalize_text(text: str) -> str:
    """NFC, Vietnamese tone placement, and newlines as ``\\n``; nothing else is touched."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return fix_tone_placement(unicodedata.normalize("NFC", text))


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_NEWLINES = re.compile(r"\s*\n\s*")


def clean_inline(text: str) -> str:
    """One line of reading text: whitespace runs collapsed to one space, trimmed."""
    return normalize_text(_SPACES.sub(" ", text.replace("\n", " "))).strip()


def clean_block(text: str) -> str:
    """A paragraph that may keep its own line breaks: spaces collapsed per line, blank runs dropped."""
    text = _SPACES.sub(" ", normalize_text(text))
    return _NEWLINES.sub("\n", text).strip()
