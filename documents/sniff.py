"""What kind of document a byte string is: magic bytes first, then header and name."""
from __future__ import annotations

import io
import zipfile

KINDS = ("pdf", "docx", "doc", "html", "txt")


def looks_binary(data: bytes) -> bool:
    """True for bytes no text format would hold (NULs, many C0 controls, invalid UTF-8 mess)."""
    sample = data[:8192]
    if not sample:
        return False
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text: NULs are half of every ASCII character
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(sample) > 0.05


def sniff(data: bytes, name: str = "", content_type: str | None = None) -> str:
    """One of KINDS, or 'unknown'. The bytes win over the name: a PDF named .html is a PDF."""
    head = data[:2048].lstrip()
    if data[:1024].find(b"%PDF-") != -1:
        return "pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # OLE2: Word 97-2003
        return "doc"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return "docx" if name.lower().endswith(".docx") else "unknown"
        if "word/document.xml" in names:
            return "docx"
        return "docx" if name.lower().endswith(".docx") else "unknown"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    lowered = head[:1024].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in lowered or b"<body" in lowered:
        return "html"
    ctype = (content_type or "").split(";")[0].strip().lower()
    lname = name.lower().split("?")[0]
    if ctype in ("text/html", "application/xhtml+xml") or lname.endswith((".html", ".htm", ".xhtml", ".aspx", ".php", ".asp", ".jsp")):
        return "html"
    if ctype == "application/pdf" or lname.endswith(".pdf"):
        return "pdf"
    if lname.endswith(".docx"):
        return "docx"
    if lname.endswith(".doc") or ctype == "application/msword":
        return "doc"
    if ctype.startswith("text/") or lname.endswith((".txt", ".text")):
        return "txt"
    if b"<p" in lowered or b"<div" in lowered or b"<table" in lowered:
        return "html"
    return "unknown" if looks_binary(data) else "txt"
