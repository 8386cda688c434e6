"""What the documents layer hands to the extractor: text a person would read, tables as tables.

Every offset in here points into ``Document.text``: a table cell's ``span`` is where that
cell's text sits in the document text, so a figure found in a cell keeps a span that holds
``document.text[start:end] == figure.text``.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cell:
    text: str
    span: tuple[int, int] | None = None  # where this cell's text sits in Document.text


@dataclass
class Table:
    index: int  # 0-based position of the table in the document
    rows: list[list[Cell]]
    page: int | None = None  # 1-based PDF page the table starts on


@dataclass
class Document:
    doc_id: str  # archived document id (content hash prefix) or the path given to `extract`
    text: str
    content_type: str  # "html" | "pdf" | "docx" | "doc" | "txt" (sniffed from the bytes; "rtf"/"unknown" for the rest)
    title: str | None = None
    published_at: str | None = None  # ISO date, when the source states one
    source_url: str | None = None
    tables: list[Table] = field(default_factory=list)
    pages: list[tuple[int, int]] = field(default_factory=list)  # [start, end) of each PDF page in text
    status: str = "ok"  # "ok" | "needs_ocr" | "unsupported" | "error"
    error: str | None = None
    ocr: bool = False  # text came from OCR
    sha256: str | None = None  # of the source bytes
    notes: list[str] = field(default_factory=list)  # what was capped, skipped or converted (page cap, OCR pages, TCVN3 ...)
    page_count: int | None = None  # pages in the source PDF (may exceed len(pages) when capped)
    ocr_pages: list[int] = field(default_factory=list)  # 1-based pages whose text came from OCR
    legacy_encoding: str | None = None  # "tcvn3" | "vni" when text was converted from a legacy encoding

    def page_of(self, offset: int) -> int | None:
        """1-based page holding ``offset``, for PDF provenance; None for paged-less documents."""
        for number, (start, end) in enumerate(self.pages, 1):
            if start <= offset < end:
                return number
        return None


class DocumentError(Exception):
    """A document that could not be read; the message names the input and the reason."""

    def __init__(self, name: str, reason: str):
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason
