"""extract_figures: prose and tables of one Document -> raw figures (units as mentioned)."""
from __future__ import annotations

import logging

from documents.model import Document
from extractors.context import ExtractionContext
from extractors.figure import Figure
from extractors.prose import ProseExtractor
from extractors.tables import extract_tables, is_data_table, table_regions

log = logging.getLogger(__name__)


def extract_figures(doc: Document, ctx: ExtractionContext | None = None) -> list[Figure]:
    """Raw figures of ``doc``; never raises (a bug on odd text costs that document's figures, logged)."""
    ctx = ctx or ExtractionContext()
    try:
        return _extract(doc, ctx)
    except Exception:  # the extractor must survive any text; the property tests hunt these down
        log.exception("extraction failed on %s", doc.doc_id)
        return []


def _extract(doc: Document, ctx: ExtractionContext) -> list[Figure]:
    text = doc.text or ""
    if not text.strip():
        return []
    if doc.text is None:
        doc.text = text
    regions = table_regions(doc)
    # layout tables (HTML pages wrap whole articles in them) stay readable as prose
    data = [(a, b) for a, b, r in regions if is_data_table(r)]
    prose = ProseExtractor(doc, ctx, skip=data, tables_end=max((b for _, b in data), default=0))
    figures = prose.run()
    figures.extend(extract_tables(doc, ctx, regions, prose))
    figures.sort(key=lambda f: f.span)
    return _dedupe(figures)


def _dedupe(figures: list[Figure]) -> list[Figure]:
    seen: set[tuple] = set()
    out = []
    for f in figures:
        key = (f.span, f.metric)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
