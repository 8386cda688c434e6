"""`parwatch audit`: re-verify every figure against the archived copy it was read from.

For each document that figures cite: the archived body's sha256 must still equal the
document's (and the figure's) recorded hash, and the text at each figure's span must still be
the figure's text, both in the stored document text and in the text re-read from the archived
bytes by the documents layer. A whole-text difference with every span intact is a warning
(the reader changed), not a failure: the figures still stand on the archived words.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path
from typing import Iterable

from .findings import ArchiveAudit, Failure
from .warehouse_view import FigureRef, StoredDocument, load_documents, open_warehouse, select_figures


def audit_archive(data_dir: str | Path, figure_ids: Iterable[str] | None = None) -> ArchiveAudit:
    """Re-verify every figure under DATA (or only `figure_ids`) against DATA/archive. Raises
    AuditInputError when there is no warehouse to audit or an asked-for figure does not exist."""
    from crawler import Archive

    wh = open_warehouse(data_dir)
    figures = select_figures(data_dir, figure_ids)
    by_doc: dict[str, list[FigureRef]] = defaultdict(list)
    for f in figures:
        by_doc[f.doc].append(f)
    docs = load_documents(wh, set(by_doc))
    report = ArchiveAudit(figures=len(figures), documents=len(by_doc))
    archive_root = Path(data_dir) / "archive"
    archive = Archive(archive_root) if archive_root.is_dir() else None
    try:
        for doc_id, figs in by_doc.items():
            _audit_document(doc_id, docs.get(doc_id), figs, archive, report)
    finally:
        if archive is not None:
            archive.close()
    return report


def _fail_all(figs: list[FigureRef], reason: str, report: ArchiveAudit, kind: str) -> None:
    report.failures.extend(Failure(f.figure_id, f.doc, f.text, reason, kind) for f in figs)


def _audit_document(doc_id: str, doc: StoredDocument | None, figs: list[FigureRef], archive,
                    report: ArchiveAudit) -> None:
    import documents
    from crawler import ArchiveError

    if doc is None:
        return _fail_all(figs, f"document {doc_id} is not in the documents table", report, "document")
    # The stored text first: a span that does not hold the figure's text is broken whatever
    # the archive says.
    for f in figs:
        held = doc.text[f.span_start:f.span_end]
        if held != f.text:
            report.failures.append(Failure(f.figure_id, f.doc, f.text,
                                           f"stored document text at [{f.span_start}:{f.span_end}] is {held!r}",
                                           "span"))
        if f.doc_sha256 and doc.sha256 and f.doc_sha256 != doc.sha256:
            report.failures.append(Failure(f.figure_id, f.doc, f.text,
                                           f"figure cites document hash {f.doc_sha256[:12]}…, "
                                           f"the document's is {doc.sha256[:12]}…", "hash"))
        if f.record_id and doc.record_id and f.record_id != doc.record_id:
            report.failures.append(Failure(f.figure_id, f.doc, f.text,
                                           f"figure cites archived copy {f.record_id}, the document's is "
                                           f"{doc.record_id}", "archive"))
    if archive is None:
        return _fail_all(figs, "no archive directory to re-verify against", report, "archive")
    if not doc.record_id:
        return _fail_all(figs, f"document {doc_id} has no archived copy (record_id is empty)", report, "archive")
    try:
        response = archive.read(doc.record_id)
    except ArchiveError as e:
        return _fail_all(figs, f"archived copy {doc.record_id} cannot be read: {e}", report, "archive")
    actual = hashlib.sha256(response.body).hexdigest()
    if doc.sha256 and actual != doc.sha256:
        return _fail_all(figs, f"archived copy {doc.record_id} has sha256 {actual[:12]}…, "
                               f"the document was read from {doc.sha256[:12]}…", report, "hash")
    reread = documents.read_bytes(response.body, name=doc.url or doc_id, url=doc.url,
                                  content_type=response.content_type, doc_id=doc_id)
    if reread.status != "ok" and not reread.text:
        return _fail_all(figs, f"archived copy {doc.record_id} no longer reads: {reread.status} "
                               f"({reread.error})", report, "reread")
    for f in figs:
        held = reread.text[f.span_start:f.span_end]
        if held != f.text:
            report.failures.append(Failure(
                f.figure_id, f.doc, f.text,
                f"re-reading archived copy {doc.record_id} gives {held!r} at [{f.span_start}:{f.span_end}]",
                "reread"))
    for f in figs:
        _check_place(f, reread, doc.record_id, report)
    if reread.text != doc.text:
        report.warnings.append(f"document {doc_id}: re-read text differs from the stored text "
                               f"({len(reread.text)} vs {len(doc.text)} chars); figure spans checked one by one")


def _check_place(f: FigureRef, reread, record_id: str, report: ArchiveAudit) -> None:
    """The page and table cell a figure names must be where its span lies in the re-read copy."""
    if f.page is not None and reread.pages:
        actual = reread.page_of(f.span_start)
        if actual != f.page:
            report.failures.append(Failure(f.figure_id, f.doc, f.text,
                                           f"figure says page {f.page}, its span is on page {actual} of "
                                           f"archived copy {record_id}", "page"))
    if f.table_index is None:
        return
    where = f"table {f.table_index} row {f.table_row} column {f.table_col}"
    table = next((t for t in reread.tables if t.index == f.table_index), None)
    try:
        cell = table.rows[f.table_row][f.table_col] if table is not None else None
    except (IndexError, TypeError):
        cell = None
    if cell is None:
        report.failures.append(Failure(f.figure_id, f.doc, f.text,
                                       f"archived copy {record_id} has no {where}", "table"))
    elif cell.span and not (cell.span[0] <= f.span_start and f.span_end <= cell.span[1]):
        report.failures.append(Failure(f.figure_id, f.doc, f.text,
                                       f"figure's span [{f.span_start}:{f.span_end}] is not inside {where} "
                                       f"[{cell.span[0]}:{cell.span[1]}] of archived copy {record_id}", "table"))
