"""The figures and documents an audit needs, read from the warehouse under DATA/warehouse."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class AuditInputError(Exception):
    """The data directory cannot be audited (no warehouse, no figures table ...)."""


@dataclass(frozen=True)
class FigureRef:
    figure_id: str
    doc: str
    text: str
    span_start: int
    span_end: int
    quote: str | None
    source_id: str | None
    source_url: str | None
    record_id: str | None
    doc_sha256: str | None
    page: int | None = None
    table_index: int | None = None
    table_row: int | None = None
    table_col: int | None = None


@dataclass(frozen=True)
class StoredDocument:
    doc_id: str
    url: str | None
    record_id: str | None
    sha256: str | None
    content_type: str
    text: str


FIGURE_COLUMNS = ("figure_id", "doc", "text", "span_start", "span_end", "quote", "source_id",
                  "source_url", "record_id", "doc_sha256", "page", "table_index", "table_row", "table_col")


def open_warehouse(data_dir: str | Path):
    from warehouse import Warehouse

    root = Path(data_dir) / "warehouse"
    if not root.is_dir():
        raise AuditInputError(f"{data_dir}: no warehouse at {root} (run `parwatch run` first)")
    return Warehouse(root)


def load_figures(wh) -> list[FigureRef]:
    cols = ", ".join(f'"{c}"' for c in FIGURE_COLUMNS)
    rows = wh.query(f"SELECT {cols} FROM figures ORDER BY doc, span_start, figure_id").to_pylist()
    return [FigureRef(**r) for r in rows]


def select_figures(data_dir: str | Path, figure_ids=None) -> list[FigureRef]:
    """The warehouse's figures, or only `figure_ids`; an asked-for id that does not exist is an error."""
    figures = load_figures(open_warehouse(data_dir))
    if figure_ids is None:
        return figures
    wanted = set(figure_ids)
    figures = [f for f in figures if f.figure_id in wanted]
    unknown = wanted - {f.figure_id for f in figures}
    if unknown:
        raise AuditInputError(f"{data_dir}: no figure with id {', '.join(sorted(unknown))}")
    return figures


def load_documents(wh, doc_ids: set[str]) -> dict[str, StoredDocument]:
    if not doc_ids:
        return {}
    rows = wh.query("SELECT doc_id, url, record_id, sha256, content_type, text FROM documents "
                    "WHERE doc_id IN (SELECT DISTINCT doc FROM figures)").to_pylist()
    return {r["doc_id"]: StoredDocument(**r) for r in rows if r["doc_id"] in doc_ids}
