"""PDF → text page by page with tables as tables (pdfplumber), OCR for scanned pages.

Per page: ruled tables (``lines`` strategy, merged cells expanded from the cell
geometry), else unruled tables (pdf_unruled: from word positions, accepted only when they
look like a figures table); the text outside tables is read band by band between tables,
in two-column order where a gutter runs down the page (pdf_columns). A table continuing on the next page
(same column count, nothing but a page number between) is joined into one table and
its repeated header rows dropped.
"""
from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass, field

import pdfplumber

from documents import ocr
from documents.builder import TextBuilder
from documents.legacy import convert_pdf_chars, detect_text_encoding, to_unicode, to_unicode_lines
from documents.pdf_columns import band_text
from documents.pdf_unruled import find_unruled_tables

MAX_PAGES = 300  # pages read from one PDF; the rest are noted, not read
TIME_BUDGET_S = 240.0  # per document, so a hostile file cannot stall the run
MAX_OCR_PAGES = 40
_CID = re.compile(r"\(cid:\d+\)")
_NUMERIC = re.compile(r"^[\s\d.,/%()+\-–]+$")
_PAGE_NOISE = re.compile(r"^\s*(?:trang\s*)?[-–]?\s*\d{1,4}\s*[-–]?\s*(?:/\s*\d{1,4})?\s*$", re.I)


class PdfUnreadable(Exception):
    """The PDF cannot be opened at all (encrypted, truncated, not a PDF)."""


@dataclass
class _Element:
    kind: str  # "text" | "table"
    page: int
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    row_pages: list[int] = field(default_factory=list)


@dataclass
class PdfResult:
    builder: TextBuilder
    page_count: int
    notes: list[str]
    ocr_pages: list[int]
    needs_ocr_pages: list[int]
    text_encoding: str | None


# ---------------------------------------------------------------- tables

def _ruled_rows(table) -> list[list[str]]:
    """Rows of a ruled table; a merged cell's text fills every grid slot it covers."""
    data = table.extract()
    known: list[tuple[tuple[float, float, float, float], str]] = []
    for r, row in enumerate(table.rows):
        for c, bbox in enumerate(row.cells):
            if bbox is not None and c < len(data[r]) and data[r][c] is not None:
                known.append((bbox, data[r][c]))
    columns = table.columns
    out: list[list[str]] = []
    for r, row in enumerate(table.rows):
        line: list[str] = []
        for c in range(len(columns)):
            value = data[r][c] if c < len(data[r]) else None
            if value is None:
                # Just inside the slot's top-left corner: row/column boxes are unions that
                # spanning cells stretch, but their top-left edges are the grid lines.
                cx, cy = columns[c].bbox[0] + 1, row.bbox[1] + 1
                value = next((text for (x0, top, x1, bottom), text in known
                              if x0 <= cx <= x1 and top <= cy <= bottom), "")
            line.append(value or "")
        out.append(line)
    return out


def _figures_table(rows: list[list[str]]) -> bool:
    """Does an unruled candidate look like a table of figures rather than prose?"""
    if len(rows) < 3 or max(len(r) for r in rows) < 3:
        return False
    filled = [c for r in rows for c in r if c and c.strip()]
    if not filled:
        return False
    numeric = sum(1 for c in filled if _NUMERIC.match(c))
    wide_rows = sum(1 for r in rows if sum(1 for c in r if c and c.strip()) >= 3)
    return numeric / len(filled) >= 0.35 and wide_rows / len(rows) >= 0.6


def _page_tables(page) -> list[tuple[tuple[float, float, float, float], list[list[str]]]]:
    found = []
    for table in page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"}):
        rows = _ruled_rows(table)
        if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
            found.append((table.bbox, rows))
    if found:
        return found
    if len(page.chars) < 40:
        return []
    return [(bbox, rows) for bbox, rows in find_unruled_tables(page.extract_words(), page.width)
            if _figures_table(rows)]


def _page_elements(page, number: int) -> list[_Element]:
    tables = sorted(_page_tables(page), key=lambda t: t[0][1])
    elements: list[_Element] = []
    cursor = page.bbox[1]
    for bbox, rows in tables:
        for block in band_text(page, cursor, bbox[1]):
            elements.append(_Element("text", number, text=block))
        elements.append(_Element("table", number, rows=rows, row_pages=[number] * len(rows)))
        cursor = max(cursor, bbox[3])
    for block in band_text(page, cursor, page.bbox[3]):
        elements.append(_Element("text", number, text=block))
    return elements


def _is_noise(element: _Element) -> bool:
    return element.kind == "text" and all(_PAGE_NOISE.match(line) or not line.strip()
                                          for line in element.text.splitlines())


def _join_tables(elements: list[_Element]) -> list[_Element]:
    """Join a table that continues on the next page; drop page numbers between the parts."""
    out: list[_Element] = []
    for el in elements:
        if el.kind == "table":
            # The previous real element, skipping page-number noise on the page break.
            back = len(out) - 1
            while back >= 0 and _is_noise(out[back]) and out[back].page >= out[-1].page - 1:
                back -= 1
            prev = out[back] if back >= 0 else None
            if (prev is not None and prev.kind == "table" and el.page == prev.row_pages[-1] + 1
                    and max(map(len, el.rows)) == max(map(len, prev.rows))):
                rows, pages = el.rows, el.row_pages
                repeated = next((k for k in range(min(4, len(rows) - 1), 0, -1) if rows[:k] == prev.rows[:k]), 0)
                # A continuation repeats the header or starts straight with figures; a new header
                # of its own means a different table that happens to have as many columns.
                if not repeated and not any(_NUMERIC.match(c) for c in rows[0] if c and c.strip()):
                    out.append(el)
                    continue
                rows, pages = rows[repeated:], pages[repeated:]
                del out[back + 1:]
                prev.rows.extend(rows)
                prev.row_pages.extend(pages)
                continue
        out.append(el)
    return out


def _needs_ocr(page, text: str) -> bool:
    """No text layer (only an image), or a font without a Unicode map: glyphs come out as
    ``(cid:NN)``. A few cid glyphs (a bullet, a logo) among real text do not count."""
    cids = len(_CID.findall(text))
    rest = len("".join(_CID.sub("", text).split()))
    if cids and cids / (cids + rest) > 0.15:
        return True
    return rest < 20 and bool(page.images)


@dataclass
class _Scan:
    """What reading the pages found, besides their elements."""
    notes: list[str] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)
    needs_ocr_pages: list[int] = field(default_factory=list)
    legacy: set[str] = field(default_factory=set)  # legacy encodings met in font names
    pages_read: int = 0


def _read_page(pdf, data: bytes, index: int, lang: str | None, scan: _Scan) -> list[_Element]:
    number = index + 1
    page = pdf.pages[index]
    try:
        chars = page.chars
        # Legacy-font runs are converted on the chars themselves (pdfplumber's cached
        # objects), so text, words and tables read afterwards are Unicode, run by run.
        legacy = convert_pdf_chars(chars)
        if legacy:
            scan.legacy.add(legacy)
        raw = "".join(c["text"] for c in chars)  # cheaper than extract_text for the scan check
        if not _needs_ocr(page, raw):
            return _page_elements(page, number)
        if not lang or len(scan.ocr_pages) >= MAX_OCR_PAGES:
            scan.needs_ocr_pages.append(number)
            return []
        text = ocr.ocr_image(ocr.render_pdf_page(data, index), lang)
        scan.ocr_pages.append(number)
        return [_Element("text", number, text=text)]
    finally:
        page.flush_cache()  # keep memory flat over hundreds of pages


def read_pdf(data: bytes, *, max_pages: int = MAX_PAGES, use_ocr: bool = True) -> PdfResult:
    started = time.monotonic()
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many types for broken files
        raise PdfUnreadable(_describe(exc)) from exc
    scan = _Scan()
    elements: list[_Element] = []
    with pdf:
        try:
            total = len(pdf.pages)
        except Exception as exc:
            raise PdfUnreadable(_describe(exc)) from exc
        if total == 0:
            raise PdfUnreadable("the PDF has no pages")
        if total > max_pages:
            scan.notes.append(f"read the first {max_pages} of {total} pages (page cap)")
        lang = ocr.available() if use_ocr else None
        for index in range(min(total, max_pages)):
            if time.monotonic() - started > TIME_BUDGET_S:
                scan.notes.append(f"stopped after {index} of {total} pages (time budget {TIME_BUDGET_S:.0f}s)")
                break
            try:
                elements.extend(_read_page(pdf, data, index, lang, scan))
            except ocr.OcrError as exc:
                scan.notes.append(f"page {index + 1}: {exc}")
                scan.needs_ocr_pages.append(index + 1)
            except Exception as exc:  # one broken page must not lose the others
                scan.notes.append(f"page {index + 1}: {_describe(exc)}")
            scan.pages_read = index + 1
    by_font = sorted(scan.legacy)[0] if scan.legacy else None
    # Without legacy font names the text itself decides, block by block (Unicode blocks stay).
    encoding = None if by_font else detect_text_encoding(
        "\n".join(e.text for e in elements if e.kind == "text")[:100_000])
    builder = _assemble(elements, encoding, scan.pages_read)
    return PdfResult(builder=builder, page_count=total, notes=scan.notes, ocr_pages=scan.ocr_pages,
                     needs_ocr_pages=scan.needs_ocr_pages, text_encoding=by_font or encoding)


def _assemble(elements: list[_Element], encoding: str | None, pages_read: int) -> TextBuilder:
    builder = TextBuilder()
    for el in _join_tables(elements):
        builder.mark_page(el.page)
        if el.kind == "text":
            builder.add_block(to_unicode_lines(el.text, encoding))
        else:
            rows = [[to_unicode(c, encoding) for c in row] for row in el.rows]
            builder.add_table(rows, page=el.page, row_pages=el.row_pages)
    if pages_read:
        builder.mark_page(pages_read)  # trailing blank pages still get their (empty) range
    builder.finish_pages()
    return builder


def _describe(exc: Exception) -> str:
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc  # pdfplumber wraps pdfminer's
    name = type(inner).__name__
    if "Password" in name or "Encrypt" in name:
        return "encrypted PDF (needs a password)"
    if "PSEOF" in name or "EOF" in str(inner):
        return "truncated or damaged PDF (unexpected end of file)"
    message = str(inner).strip()
    return f"unreadable PDF ({name}{': ' + message[:160] if message else ''})"
