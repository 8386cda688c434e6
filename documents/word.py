"""Word documents: .docx with python-docx (paragraphs and tables in body order), .doc via antiword.

A .docx is a zip: its members are checked before parsing so a zip bomb posing as
.docx is refused with a reason instead of exhausting memory.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import zipfile

from documents.builder import TextBuilder
from documents.legacy import detect_text_encoding, encoding_for_font, encoding_for_fonts, to_unicode
from documents.model import DocumentError

MAX_UNZIPPED = 200 * 1024 * 1024  # total uncompressed bytes we accept
MAX_RATIO = 150  # compression ratio above which a large member is a bomb, not a document
MAX_MEMBERS = 5000
DOC_TIMEOUT_S = 60


class Unsupported(Exception):
    """The format is known but no converter for it is installed."""


def check_zip(data: bytes, name: str) -> None:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DocumentError(name, f"not a valid .docx (broken zip: {exc})") from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise DocumentError(name, f"refused: zip with {len(infos)} members (limit {MAX_MEMBERS})")
        total = sum(i.file_size for i in infos)
        if total > MAX_UNZIPPED:
            raise DocumentError(name, f"refused: unzips to {total / 2**20:.0f} MB (limit {MAX_UNZIPPED // 2**20} MB), "
                                      "a zip bomb or not a real Word file")
        for info in infos:
            if info.file_size > 10 * 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise DocumentError(name, f"refused: member {info.filename} expands {info.file_size // max(info.compress_size, 1)}x "
                                          "(zip bomb)")
        if "word/document.xml" not in zf.namelist():
            raise DocumentError(name, "not a Word .docx (no word/document.xml in the zip)")


def _run_font(run, fallback_font: str | None) -> str | None:
    return run.font.name or fallback_font


def read_docx(data: bytes, name: str) -> tuple[TextBuilder, str | None, str | None]:
    """(builder, title, legacy encoding used)."""
    check_zip(data, name)
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise DocumentError(name, f"unreadable .docx ({type(exc).__name__}: {str(exc)[:160]})") from exc
    body = document.element.body
    items = []
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            items.append(Paragraph(child, document))
        elif tag == "tbl":
            items.append(DocxTable(child, document))

    def runs_of(paragraph):
        for item in paragraph.iter_inner_content():
            if hasattr(item, "runs"):  # hyperlink
                yield from item.runs
            else:
                yield item

    def style_font(paragraph) -> str | None:
        style = paragraph.style
        while style is not None:
            if style.font is not None and style.font.name:
                return style.font.name
            style = style.base_style
        return None

    paragraphs = [p for it in items for p in ([it] if isinstance(it, Paragraph) else
                                               [p for row in it.rows for cell in row.cells for p in cell.paragraphs])]
    fonts = {style_font(p) for p in paragraphs[:2000]}
    fonts |= {r.font.name for p in paragraphs[:2000] for r in runs_of(p)}
    by_font = encoding_for_fonts(fonts)
    fallback = by_font or detect_text_encoding("\n".join(p.text for p in paragraphs[:3000]))

    def para_text(paragraph) -> str:
        default = style_font(paragraph)
        if by_font is None:
            return to_unicode(paragraph.text, fallback)
        parts = []
        for run in runs_of(paragraph):
            font = _run_font(run, default)
            encoding = encoding_for_font(font) if font else fallback
            parts.append(to_unicode(run.text, encoding))
        return "".join(parts)

    builder = TextBuilder()
    title = None
    for item in items:
        if isinstance(item, Paragraph):
            text = para_text(item)
            builder.add_block(text)
            if title is None and text.strip() and (item.style.name or "").lower().startswith(("title", "heading")):
                title = text.strip()
        else:
            rows = []
            for row in item.rows:
                rows.append([" ".join(para_text(p) for p in cell.paragraphs) for cell in row.cells])
            builder.add_table(rows)
    core_title = (document.core_properties.title or "").strip()
    return builder, title or core_title or None, fallback


def read_doc(data: bytes, name: str) -> str:
    """Plain text of a legacy .doc through antiword, else LibreOffice headless."""
    with tempfile.TemporaryDirectory(prefix="parwatch-doc-") as tmp:
        path = os.path.join(tmp, "in.doc")
        with open(path, "wb") as fh:
            fh.write(data)
        if shutil.which("antiword"):
            try:
                out = subprocess.run(["antiword", "-m", "UTF-8.txt", "-w", "0", path],
                                     capture_output=True, timeout=DOC_TIMEOUT_S)
            except subprocess.TimeoutExpired as exc:
                raise DocumentError(name, f"antiword took over {DOC_TIMEOUT_S}s") from exc
            if out.returncode == 0 and out.stdout.strip():
                return out.stdout.decode("utf-8", "replace")
            reason = out.stderr.decode("utf-8", "replace").strip()[:200] or "antiword produced no text"
            if not _soffice():
                raise DocumentError(name, f"unreadable .doc ({reason})")
        office = _soffice()
        if office:
            try:
                subprocess.run([office, "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", tmp, path],
                               capture_output=True, timeout=DOC_TIMEOUT_S * 2)
            except subprocess.TimeoutExpired as exc:
                raise DocumentError(name, "LibreOffice took too long converting the .doc") from exc
            txt = os.path.join(tmp, "in.txt")
            if os.path.exists(txt):
                with open(txt, encoding="utf-8", errors="replace") as fh:
                    return fh.read()
            raise DocumentError(name, "LibreOffice could not convert the .doc")
    raise Unsupported("legacy .doc needs antiword or LibreOffice, neither is installed "
                      "(apt-get install antiword)")


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")
