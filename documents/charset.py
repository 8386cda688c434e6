"""Bytes → str for text formats: BOM, then the declared charset, then UTF-8, then a guess."""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
# Legacy Vietnamese pages declare a Latin-1 family charset and carry TCVN3/VNI bytes;
# decoding those as cp1252 yields the surface characters the conversion tables expect.
_LATIN1_FAMILY = {"iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "us-ascii", "ascii"}


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """Charset named by the HTTP header, else by an HTML meta tag in the first 4 KB."""
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        if m and _codec(m.group(1)):
            return _codec(m.group(1))
    m = _META_CHARSET.search(data[:4096])
    if m:
        return _codec(m.group(1).decode("ascii", "ignore"))
    return None


def decode(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode bytes to text; returns (text, codec used). Never raises."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name, "replace"), name
    declared = declared_charset(data, content_type)
    if declared and declared not in _LATIN1_FAMILY and declared != "ascii":
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared in _LATIN1_FAMILY or declared is None:
        guess = None
        if declared is None:
            best = from_bytes(data[:200_000]).best()
            guess = _codec(best.encoding) if best else None
        # A guess of some Latin single-byte code page on Vietnamese legacy bytes is
        # really cp1252 surface text; keep cp1252 so the TCVN3/VNI tables apply.
        if guess and guess not in {"cp1252", "latin_1", "iso8859-1"} and not guess.startswith(("cp125", "iso8859")):
            try:
                return data.decode(guess), guess
            except UnicodeDecodeError:
                pass
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            return data.decode("latin-1"), "latin-1"
    return data.decode("utf-8", "replace"), "utf-8"
