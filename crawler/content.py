"""What a body really is (sniffed from its bytes, not only the header) and its text (charset, NFC)."""
from __future__ import annotations

import re
import unicodedata
import zlib

from charset_normalizer import from_bytes

HTML, PDF, DOC, DOCX, XML, RSS, ATOM, SITEMAP, TEXT = (
    "text/html", "application/pdf", "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/xml", "application/rss+xml", "application/atom+xml", "application/sitemap+xml", "text/plain")
ATTACHMENT_TYPES = {PDF, DOC, DOCX}

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_ALIASES = {"windows-1258": "cp1258", "x-cp1258": "cp1258", "utf8": "utf-8", "unicode": "utf-8"}


def header_type(content_type: str | None) -> str | None:
    return content_type.split(";")[0].strip().lower() if content_type else None


def sniff(body: bytes, content_type: str | None = None, url: str = "") -> str:
    """The media type from magic bytes; falls back to the header when the bytes say nothing."""
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    low = head[:1024].lower()
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        # Part names sit in the local headers near the start and in the central directory at the end.
        names = body[:65536] + body[-65536:]
        if b"word/" in names:
            return DOCX
        if b"xl/" in names:
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return "application/zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return DOC
    if low.startswith(b"<?xml") or low.startswith(b"<rss") or low.startswith(b"<feed") or low.startswith(b"<urlset"):
        if b"<rss" in low or b"<rdf:rdf" in low:
            return RSS
        if b"<feed" in low:
            return ATOM
        if b"<urlset" in low or b"<sitemapindex" in low:
            return SITEMAP
        return HTML if b"<html" in low else XML
    if low.startswith(b"<!doctype html") or b"<html" in low or b"<head" in low or b"<body" in low:
        return HTML
    declared = header_type(content_type)
    if declared:
        return declared
    return TEXT if _is_text(head) else "application/octet-stream"


def _is_text(head: bytes) -> bool:
    return b"\x00" not in head


def charset_of(body: bytes, content_type: str | None = None) -> str:
    """Header charset, then <meta>/XML declaration, then detection."""
    m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type or "", re.I)
    candidates = [m.group(1)] if m else []
    for rx in (_XML_ENCODING, _META_CHARSET):
        mm = rx.search(body[:4096])
        if mm:
            candidates.append(mm.group(1).decode("ascii", "ignore"))
    for c in candidates:
        name = _ALIASES.get(c.lower(), c.lower())
        try:
            body.decode(name)
            return name
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(body[:200_000], cp_isolation=["cp1258", "utf_8", "cp1252", "latin_1"]).best()
    return best.encoding if best else "utf-8"


def decode_text(body: bytes, content_type: str | None = None) -> str:
    """Body as NFC text: windows-1258 and decomposed (NFD) Vietnamese both end up composed."""
    text = body.decode(charset_of(body, content_type), errors="replace")
    return unicodedata.normalize("NFC", text.lstrip("\ufeff"))


class TooLarge(ValueError):
    pass


def gunzip_capped(data: bytes, max_bytes: int) -> bytes:
    """Decompress a gzip file body, refusing to inflate past max_bytes (gzip bombs)."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = d.decompress(data, max_bytes + 1)
    if len(out) > max_bytes:
        raise TooLarge(f"gzip body inflates past {max_bytes} bytes")
    return out
