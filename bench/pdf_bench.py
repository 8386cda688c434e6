"""PDF reading speed of the documents layer: pages/s for text and for tables, OCR s/page.

Run: .venv/bin/python bench/pdf_bench.py [--pages N] [--ocr-pages N]
Fixtures are generated (tests/documents/fixtures.py), so the numbers are reproducible.
"""
from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import documents  # noqa: E402
from documents import ocr  # noqa: E402
from tests.documents import fixtures  # noqa: E402

PROSE = ("Năm 2022, công tác cải cách hành chính của tỉnh tiếp tục được quan tâm chỉ đạo. Chỉ số cải cách "
         "hành chính của tỉnh đạt 85,12/100 điểm, tăng 2,3 điểm so với năm 2021, xếp thứ 12/63 tỉnh, thành phố. ")


def _time(data: bytes, name: str, repeat: int = 1) -> tuple[float, documents.Document]:
    best = None
    for _ in range(repeat):
        started = time.perf_counter()
        doc = documents.read_bytes(data, name=name)
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return best, doc


def _annex(pages_wanted: int, ruled: bool) -> bytes:
    # ~27 rows a landscape page: enough units for the requested page count.
    rows = fixtures.annex_rows(60)
    units = []
    while len(units) < pages_wanted * 27:
        units.extend(rows)
    return fixtures.annex_decision_pdf(units[: pages_wanted * 27], ruled=ruled)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--ocr-pages", type=int, default=3)
    args = parser.parse_args(argv)

    text_pdf = fixtures.text_pdf([PROSE * 4] * 5, pages=args.pages)
    elapsed, doc = _time(text_pdf, "text.pdf", repeat=2)
    pages = len(doc.pages)
    print(f"pdf text      : {pages} pages in {elapsed:.2f}s = {pages / elapsed:.1f} pages/s")

    two_col = fixtures.two_column_pdf()
    elapsed, doc = _time(two_col, "two-col.pdf", repeat=3)
    print(f"pdf 2-column  : {len(doc.pages)} page in {elapsed:.3f}s = {len(doc.pages) / elapsed:.1f} pages/s")

    for ruled in (True, False):
        data = _annex(args.pages, ruled)
        elapsed, doc = _time(data, "annex.pdf", repeat=2)
        cells = sum(len(r) for t in doc.tables for r in t.rows)
        label = "ruled  " if ruled else "unruled"
        print(f"pdf tables {label}: {len(doc.pages)} pages, {cells} cells in {elapsed:.2f}s = "
              f"{len(doc.pages) / elapsed:.1f} pages/s")

    if ocr.available():
        from fpdf import FPDF  # build a multi-page scan by repeating the page image
        import io

        from PIL import Image, ImageDraw, ImageFont

        pdf = FPDF(format="A4")
        for n in range(args.ocr_pages):
            image = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
            draw = ImageDraw.Draw(image)
            font = ImageFont.truetype(fixtures.font_path(), 34)
            for line_no in range(40):
                draw.text((120, 120 + line_no * 52), f"{n + 1}.{line_no + 1} " + PROSE[:70], font=font, fill=0)
            buf = io.BytesIO()
            image.save(buf, format="PNG")
            pdf.add_page()
            pdf.image(io.BytesIO(buf.getvalue()), x=0, y=0, w=210)
        elapsed, doc = _time(bytes(pdf.output()), "scan.pdf")
        expected = PROSE[:70].strip()
        exact = sum(1 for line in doc.text.splitlines() if expected in line)
        print(f"ocr (tesseract vie, {ocr.RENDER_DPI} dpi, psm {ocr.PSM}): {len(doc.ocr_pages)} full pages in "
              f"{elapsed:.1f}s = {elapsed / max(len(doc.ocr_pages), 1):.2f} s/page; "
              f"{exact}/{40 * args.ocr_pages} lines recognised exactly")
    else:
        print("ocr: tesseract with the vie model not installed; scans are recorded as needs_ocr")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
