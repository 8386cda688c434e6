"""Keeps the crawl on topic: PAR Index / CCHC words in a URL slug, anchor text or title."""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

# Matched on accent-folded lower-case text, so slugs ("cai-cach-hanh-chinh") and titles match alike.
DEFAULT_KEYWORDS = (
    "cai cach hanh chinh", "cchc", "par index", "parindex", "sipas", "chi so",
    "hai long", "papi", "xep hang", "ket qua danh gia", "xac dinh chi so",
)


def fold(text: str) -> str:
    """Lower-case, accents removed, đ -> d, punctuation and separators collapsed to spaces."""
    text = unicodedata.normalize("NFD", text or "").replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if unicodedata.category(c) != "Mn").lower()
    return " " + re.sub(r"[^a-z0-9]+", " ", text).strip() + " "


def _patterns(extra: tuple[str, ...] | list[str] = ()) -> list[str]:
    return [fold(k) for k in (*DEFAULT_KEYWORDS, *extra)]


def is_relevant(*texts: str | None, keywords: tuple[str, ...] | list[str] = ()) -> bool:
    pats = _patterns(keywords)
    for t in texts:
        if not t:
            continue
        f = fold(t)
        if any(p in f for p in pats):
            return True
    return False


def url_words(url: str) -> str:
    p = urlsplit(url)
    return unquote(p.path + " " + p.query)
