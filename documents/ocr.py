"""OCR of scanned PDF pages with Tesseract (Vietnamese model), through its command line.

Tesseract is optional at run time: ``available()`` says whether it (and the ``vie``
model) is installed, and callers record the document as ``needs_ocr`` when it is not.
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile

RENDER_DPI = 300
PAGE_TIMEOUT_S = 120  # a pathological page must not stall the run
# Page segmentation "single column, variable sizes": decisions and annexes are one column,
# and it keeps a table row on one line instead of splitting the page into word columns.
PSM = "4"


class OcrError(Exception):
    pass


@functools.lru_cache(maxsize=1)
def available() -> str | None:
    """The Tesseract language string to use ("vie" or "vie+eng"), or None when OCR cannot run."""
    if os.environ.get("PARWATCH_NO_OCR"):
        return None
    exe = shutil.which("tesseract")
    if not exe:
        return None
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    langs = set(out.stdout.split()) | set(out.stderr.split())
    return "vie" if "vie" in langs else None


def ocr_image(png: bytes, lang: str) -> str:
    """Text of one rendered page image."""
    with tempfile.TemporaryDirectory(prefix="parwatch-ocr-") as tmp:
        path = os.path.join(tmp, "page.png")
        with open(path, "wb") as fh:
            fh.write(png)
        try:
            # One OpenMP thread: on a small machine Tesseract's threads spin against each
            # other (measured 13 s → 1.9 s a page on 2 cores).
            out = subprocess.run(["tesseract", path, "stdout", "-l", lang, "--psm", PSM],
                                 capture_output=True, timeout=PAGE_TIMEOUT_S,
                                 env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        except subprocess.TimeoutExpired as exc:
            raise OcrError(f"tesseract took over {PAGE_TIMEOUT_S}s on a page") from exc
        if out.returncode != 0:
            raise OcrError(f"tesseract failed: {out.stderr.decode('utf-8', 'replace').strip()[:200]}")
        return out.stdout.decode("utf-8", "replace")


def render_pdf_page(data: bytes, page_index: int, dpi: int = RENDER_DPI) -> bytes:
    """PNG bytes of one PDF page (pypdfium2 ships with pdfplumber)."""
    import io

    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[page_index]
        image = page.render(scale=dpi / 72).to_pil()
        buf = io.BytesIO()
        image.convert("L").save(buf, format="PNG")
        return buf.getvalue()
    finally:
        pdf.close()
