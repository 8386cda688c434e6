"""The documents layer's entry points: bytes or a path in, a Document out.

``read_bytes`` never raises for bad input: the pipeline records the Document's status
("error", "unsupported", "needs_ocr") and reason and goes on. ``read_path`` (for
``parwatch extract``) raises DocumentError when the file yields no readable text.
"""
from __future__ import annotations

import hashlib
import os

from documents import ocr
from documents.builder import TextBuilder
from documents.charset import decode
from documents.dates import date_in_text, date_in_url
from documents.html import read_html
from documents.legacy import detect_text_encoding, to_unicode_lines
from documents.model import Document, DocumentError
from documents.pdf import PdfUnreadable, read_pdf
from documents.sniff import looks_binary, sniff
from documents.textnorm import normalize_text
from documents.titles import document_title
from documents.word import Unsupported, read_doc, read_docx

MAX_BYTES = {"html": 10 * 2**20, "txt": 20 * 2**20, "pdf": 150 * 2**20, "docx": 60 * 2**20, "doc": 60 * 2**20}


def _mb(n: int) -> str:
    return f"{n / 2**20:.1f} MB"


def read_bytes(data: bytes, *, name: str, url: str | None = None, content_type: str | None = None,
               doc_id: str | None = None) -> Document:
    """Read one archived response or file into a Document; problems go into status/error."""
    sha = hashlib.sha256(data).hexdigest()
    kind = sniff(data, name, content_type)
    doc = Document(doc_id=doc_id or sha[:16], text="", content_type=kind if kind != "unknown" else "unknown",
                   source_url=url, sha256=sha)
    try:
        _read_into(doc, data, kind, name, url, content_type)
    except DocumentError as exc:
        doc.status, doc.error = "error", exc.reason
    except Unsupported as exc:
        doc.status, doc.error = "unsupported", str(exc)
    except MemoryError:
        doc.status, doc.error = "error", "ran out of memory reading the document"
    except RecursionError:
        doc.status, doc.error = "error", "document nesting too deep to parse"
    except Exception as exc:  # a reader bug must cost one document, not the run
        doc.status, doc.error = "error", f"could not read ({type(exc).__name__}: {str(exc)[:200]})"
    if doc.status == "error" and doc.text:
        doc.status = "ok"  # partial text is still worth extracting; the reason stays in error
    return doc


def _read_into(doc: Document, data: bytes, kind: str, name: str, url: str | None, content_type: str | None) -> None:
    if not data:
        raise DocumentError(name, "empty file (0 bytes)")
    limit = MAX_BYTES.get(kind)
    if limit and len(data) > limit:
        raise DocumentError(name, f"{kind.upper()} of {_mb(len(data))} exceeds the {_mb(limit)} limit")
    if kind == "unknown":
        raise DocumentError(name, "binary data of an unknown type (not HTML, PDF, Word or text)")
    if kind == "rtf":
        raise Unsupported("RTF documents are not read (convert to .docx or PDF)")
    if kind in ("html", "txt") and looks_binary(data):
        raise DocumentError(name, f"binary data, not {'HTML' if kind == 'html' else 'text'}")
    readers = {"html": _read_html, "txt": _read_txt, "pdf": _read_pdf, "docx": _read_docx, "doc": _read_doc}
    readers[kind](doc, data, name, url, content_type)
    if doc.legacy_encoding and not any("converted from" in n for n in doc.notes):
        doc.notes.append(f"converted from {doc.legacy_encoding.upper()}")


def _dated(doc: Document, url: str | None) -> None:
    """Title and date of a document whose heading states them (decisions, reports, plain text)."""
    doc.title = doc.title or document_title(doc.text)
    doc.published_at = date_in_text(doc.text[:3000], decision_heading=True) or date_in_url(url)


def _read_html(doc: Document, data: bytes, name: str, url: str | None, content_type: str | None) -> None:
    markup, _ = decode(data, content_type)
    result = read_html(markup, url)
    _finish(doc, result.builder)
    doc.title, doc.published_at = result.title, result.published_at
    doc.legacy_encoding = result.legacy_encoding
    if not doc.text.strip():
        raise DocumentError(name, "HTML page has no readable text")


def _read_txt(doc: Document, data: bytes, name: str, url: str | None, content_type: str | None) -> None:
    text, _ = decode(data, content_type)
    encoding = detect_text_encoding(text[:200_000])
    if encoding:
        text = to_unicode_lines(text, encoding)
        doc.legacy_encoding = encoding
    # Kept as is apart from NFC/newlines/tone placement: gold spans are offsets into the raw file.
    doc.text = normalize_text(text)
    _dated(doc, url)


def _read_docx(doc: Document, data: bytes, name: str, url: str | None, content_type: str | None) -> None:
    builder, title, encoding = read_docx(data, name)
    _finish(doc, builder)
    doc.title, doc.legacy_encoding = title, encoding
    _dated(doc, url)


def _read_doc(doc: Document, data: bytes, name: str, url: str | None, content_type: str | None) -> None:
    text = read_doc(data, name)
    encoding = detect_text_encoding(text[:200_000])
    builder = TextBuilder()
    for para in to_unicode_lines(text, encoding).split("\n\n"):
        builder.add_block(para)
    _finish(doc, builder)
    doc.legacy_encoding = encoding
    _dated(doc, url)


def _read_pdf(doc: Document, data: bytes, name: str, url: str | None, content_type: str | None) -> None:
    try:
        result = read_pdf(data)
    except PdfUnreadable as exc:
        raise DocumentError(name, str(exc)) from exc
    _finish(doc, result.builder)
    doc.page_count = result.page_count
    doc.notes.extend(result.notes)
    doc.ocr_pages = result.ocr_pages
    doc.ocr = bool(result.ocr_pages)
    doc.legacy_encoding = result.text_encoding
    if result.ocr_pages:
        doc.notes.append(f"OCR (tesseract vie) on page{'s' if len(result.ocr_pages) > 1 else ''} {_ranges(result.ocr_pages)}")
    if result.needs_ocr_pages:
        why = "tesseract with the Vietnamese model is not installed" if not ocr.available() else "OCR failed or was capped"
        scans = result.needs_ocr_pages
        what = f"page {scans[0]} is a scan" if len(scans) == 1 else f"pages {_ranges(scans)} are scans"
        doc.notes.append(f"{what} without a text layer, not read ({why})")
        if not doc.text.strip():
            doc.status, doc.error = "needs_ocr", f"scanned PDF with no text layer; {why}"
    _dated(doc, url)
    if not doc.text.strip() and doc.status == "ok":
        raise DocumentError(name, "PDF has no text (blank pages)")


def _finish(doc: Document, builder: TextBuilder) -> None:
    doc.text = builder.text()
    doc.tables = builder.tables
    doc.pages = builder.pages


def _ranges(pages: list[int]) -> str:
    out, start, prev = [], None, None
    for p in pages + [None]:
        if start is None:
            start = prev = p
        elif p is not None and p == prev + 1:
            prev = p
        else:
            out.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = prev = p
    return ", ".join(out)


def read_path(path: str | os.PathLike) -> Document:
    """Read a local file for ``parwatch extract``; doc_id is the path as given.

    Raises DocumentError(path, reason) when the file cannot be read or yields no text.
    """
    shown = os.fspath(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError as exc:
        raise DocumentError(shown, "no such file") from exc
    except IsADirectoryError as exc:
        raise DocumentError(shown, "is a directory, not a file") from exc
    except OSError as exc:
        raise DocumentError(shown, f"cannot read the file ({exc.strerror or exc})") from exc
    doc = read_bytes(data, name=shown, doc_id=shown)
    if doc.status != "ok":
        raise DocumentError(shown, f"{doc.status}: {doc.error}")
    return doc
