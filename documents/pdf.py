"""PDF → text page by page with tables as tables (pdfplumber), OCR for scanned pages.

Per page: ruled tables (``lines`` strategy, merged cells expanded from the cell
geometry), else unruled tables (``text`` strategy, accepted only when they look like a
figures table); the text outside tables is read band by band between tables, in
two-column order where a gutter runs down the page. A table continuing on the next page
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
from documents.pdf_unruled import find_unruled_tables
from documents.legacy import convert_pdf_chars, detect_text_encoding, to_unicode

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


def _drop_empty_columns(rows: list[list[str]]) -> list[list[str]]:
    width = max((len(r) for r in rows), default=0)
    keep = [c for c in range(width) if any(c < len(r) and r[c].strip() for r in rows)]
    return [[r[c] if c < len(r) else "" for c in keep] for r in rows]


# ---------------------------------------------------------------- text

def _lines(words: list[dict]) -> list[list[dict]]:
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= 3:
            lines[-1].append(w)
        else:
            lines.append([w])
    return lines


MIN_GUTTER = 8.0  # pt; a word space is ~3 pt, a column gutter 15-30 pt


def _crosses(line: list[dict], x: float) -> bool:
    """Does this line run across x (a word over it, or words on both sides with only a word gap)?"""
    left = [w["x1"] for w in line if w["x1"] <= x]
    right = [w["x0"] for w in line if w["x0"] >= x]
    if len(left) + len(right) < len(line):
        return True
    return bool(left and right and min(right) - max(left) < MIN_GUTTER)


def _gutter(lines: list[list[dict]], x0: float, x1: float) -> float | None:
    """x of a vertical gutter that at least 5 lines on each side and 3 side-by-side pairs respect."""
    width = x1 - x0
    best, best_cross = None, None
    x = x0 + 0.3 * width
    while x <= x0 + 0.7 * width:
        free = [line for line in lines if not _crosses(line, x)]
        left = sum(1 for line in free if any(w["x1"] <= x for w in line))
        right = sum(1 for line in free if any(w["x0"] >= x for w in line))
        both = sum(1 for line in free if any(w["x1"] <= x for w in line) and any(w["x0"] >= x for w in line))
        crossing = len(lines) - len(free)
        if left >= 5 and right >= 5 and both >= 3 and (best_cross is None or crossing < best_cross):
            best, best_cross = x, crossing
        x += 2
    if best is None or best_cross > 0.3 * len(lines):
        return None
    return best


def _crop_text(page, bbox) -> str:
    x0, top, x1, bottom = bbox
    x0, x1 = max(x0, page.bbox[0]), min(x1, page.bbox[2])
    top, bottom = max(top, page.bbox[1]), min(bottom, page.bbox[3])
    if x1 - x0 < 1 or bottom - top < 1:
        return ""
    return page.crop((x0, top, x1, bottom), strict=False).extract_text() or ""


def _band_text(page, top: float, bottom: float) -> list[str]:
    """Text of a horizontal band, as reading blocks, in two-column order where needed."""
    x0, _, x1, _ = page.bbox
    if bottom - top < 1:
        return []
    band = page.crop((x0, top, x1, bottom), strict=False)
    words = band.extract_words()
    if not words:
        return []
    lines = _lines(words)
    gutter = _gutter(lines, x0, x1) if len(lines) >= 10 else None
    if gutter is None:
        return [band.extract_text() or ""]
    blocks: list[str] = []
    run_top = None
    for n, line in enumerate(lines + [None]):
        crossing = line is not None and _crosses(line, gutter)
        if line is not None and not crossing:
            if run_top is None:
                run_top = line[0]["top"] - 1
            continue
        if run_top is not None:
            run_bottom = (line[0]["top"] - 0.5) if line is not None else bottom
            blocks.append(_crop_text(page, (x0, run_top, gutter, run_bottom)))
            blocks.append(_crop_text(page, (gutter, run_top, x1, run_bottom)))
            run_top = None
        if line is not None:
            line_bottom = max(w["bottom"] for w in line) + 0.5
            blocks.append(_crop_text(page, (x0, line[0]["top"] - 0.5, x1, line_bottom)))
    return blocks


def _page_elements(page, number: int) -> list[_Element]:
    tables = sorted(_page_tables(page), key=lambda t: t[0][1])
    elements: list[_Element] = []
    cursor = page.bbox[1]
    for bbox, rows in tables:
        for block in _band_text(page, cursor, bbox[1]):
            elements.append(_Element("text", number, text=block))
        elements.append(_Element("table", number, rows=rows, row_pages=[number] * len(rows)))
        cursor = max(cursor, bbox[3])
    for block in _band_text(page, cursor, page.bbox[3]):
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
    stripped = _CID.sub("", text)
    if len(stripped.strip()) >= 20:
        return False
    return bool(page.images) or bool(_CID.search(text))


def read_pdf(data: bytes, *, max_pages: int = MAX_PAGES, use_ocr: bool = True) -> PdfResult:
    started = time.monotonic()
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many types for broken files
        raise PdfUnreadable(_describe(exc)) from exc
    notes: list[str] = []
    ocr_pages: list[int] = []
    needs_ocr_pages: list[int] = []
    elements: list[_Element] = []
    fonts: set[str] = set()  # legacy encodings met in font names
    with pdf:
        try:
            total = len(pdf.pages)
        except Exception as exc:
            raise PdfUnreadable(_describe(exc)) from exc
        if total == 0:
            raise PdfUnreadable("the PDF has no pages")
        if total > max_pages:
            notes.append(f"read the first {max_pages} of {total} pages (page cap)")
        lang = ocr.available() if use_ocr else None
        for index in range(min(total, max_pages)):
            if time.monotonic() - started > TIME_BUDGET_S:
                notes.append(f"stopped after {index} of {total} pages (time budget {TIME_BUDGET_S:.0f}s)")
                break
            number = index + 1
            try:
                page = pdf.pages[index]
                chars = page.chars
                # Legacy-font runs are converted on the chars themselves (pdfplumber's cached
                # objects), so text, words and tables read afterwards are Unicode, run by run.
                by_font = convert_pdf_chars(chars)
                if by_font:
                    fonts.add(by_font)
                raw = "".join(c["text"] for c in chars)  # cheaper than extract_text for the scan check
                if _needs_ocr(page, raw):
                    if lang and len(ocr_pages) < MAX_OCR_PAGES:
                        text = ocr.ocr_image(ocr.render_pdf_page(data, index), lang)
                        ocr_pages.append(number)
                        elements.append(_Element("text", number, text=text))
                    else:
                        needs_ocr_pages.append(number)
                    continue
                elements.extend(_page_elements(page, number))
                page.flush_cache()
            except ocr.OcrError as exc:
                notes.append(f"page {number}: {exc}")
                needs_ocr_pages.append(number)
            except Exception as exc:  # one broken page must not lose the others
                notes.append(f"page {number}: {_describe(exc)}")
    by_font = sorted(fonts)[0] if fonts else None
    # Without legacy font names the text itself decides, block by block (Unicode blocks stay).
    encoding = None if by_font else detect_text_encoding(
        "\n".join(e.text for e in elements if e.kind == "text")[:100_000])
    builder = TextBuilder()
    for el in _join_tables(elements):
        builder.mark_page(el.page)
        if el.kind == "text":
            builder.add_block(to_unicode(el.text, encoding))
        else:
            rows = [[to_unicode(c, encoding) for c in row] for row in el.rows]
            builder.add_table(rows, page=el.page, row_pages=el.row_pages)
    if total:
        builder.mark_page(min(total, max_pages))
    builder.finish_pages()
    return PdfResult(builder=builder, page_count=total, notes=notes, ocr_pages=ocr_pages,
                     needs_ocr_pages=needs_ocr_pages, text_encoding=by_font or encoding)


def _describe(exc: Exception) -> str:
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc  # pdfplumber wraps pdfminer's
    name = type(inner).__name__
    if "Password" in name or "Encrypt" in name:
        return "encrypted PDF (needs a password)"
    if "PSEOF" in name or "EOF" in str(inner):
        return "truncated or damaged PDF (unexpected end of file)"
    message = str(inner).strip()
    return f"unreadable PDF ({name}{': ' + message[:160] if message else ''})"
