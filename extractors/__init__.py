"""Figure extraction: Document -> Figure records (CONTRACT.md section 4).

extract_figures gives raw figures (units as mentioned); extract_document also normalises them
(canonical unit names and GSO codes), which is what `parwatch extract` prints.
"""
from __future__ import annotations

EXTRACTOR_VERSION = "0.12.0"


def extract_figures(doc, ctx=None):
    from extractors.core import extract_figures as _extract

    return _extract(doc, ctx)


def extract_document(doc, ctx=None):
    from extractors.context import ExtractionContext
    from normalizers.figures import normalize_figures

    ctx = ctx or ExtractionContext()
    return normalize_figures(extract_figures(doc, ctx), ctx)


__all__ = ["EXTRACTOR_VERSION", "extract_document", "extract_figures"]
