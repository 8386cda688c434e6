"""Turn the pipeline's values (Document, Figure, fetch records) into warehouse rows.

Rows are plain dicts keyed by the column names of warehouse.schema; Warehouse.merge casts
them to the declared types. Everything an auditor needs to retrace a figure travels with it:
the document text and tables exactly as the extractor read them, the figure's span into that
text, the archived copy's id and hash, and the extractor version.
"""
from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timezone
from typing import Any

from documents.model import Document
from extractors.figure import Figure
from normalizers.checks import check_figure
from normalizers.criteria import criteria_set
from warehouse.genre import detect_genre

FETCH_KEYS = (
    "fetch_id", "source_id", "url", "final_url", "kind", "status", "outcome", "reason",
    "content_type", "bytes", "sha256", "record_id", "warc_file", "warc_offset", "fetched_at",
    "etag", "last_modified", "elapsed_ms",
)


def parse_timestamp(value: Any, *, what: str) -> datetime | None:
    """ISO 8601 string (or datetime) -> aware UTC datetime; naive values are taken as UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        dt = value
    else:
        try:
            dt = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"{what}: {value!r} is not an ISO 8601 timestamp") from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)


def parse_date(value: Any) -> date | None:
    """The date part of an ISO date/datetime; None when absent or unreadable (sources vary)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def fetch_row(record: dict) -> dict:
    """A crawler FetchRecord (as a dict) -> a `fetches` row. Unknown keys are an error."""
    extra = set(record) - set(FETCH_KEYS)
    if extra:
        raise ValueError(f"fetch record {record.get('fetch_id')!r}: unexpected keys {sorted(extra)}")
    row = {k: record.get(k) for k in FETCH_KEYS}
    if not row["fetch_id"]:
        raise ValueError(f"fetch record for {record.get('url')!r}: fetch_id is empty")
    row["fetched_at"] = parse_timestamp(row["fetched_at"], what=f"fetch {row['fetch_id']} fetched_at")
    return row


def _tables_json(doc: Document) -> str:
    return json.dumps(
        [
            {
                "index": t.index,
                "page": t.page,
                "rows": [[{"text": c.text, "span": list(c.span) if c.span else None} for c in r]
                         for r in t.rows],
            }
            for t in doc.tables
        ],
        ensure_ascii=False,
    )


def document_row(doc: Document, *, source_id: str | None, url: str | None, record_id: str | None,
                 fetched_at: str | None, current: bool = True) -> dict:
    """A `documents` row: the text and tables the extractor read, and where they came from.
    `current` is False for an older version of a page the site has since changed."""
    if not doc.doc_id:
        raise ValueError(f"document from {url or doc.source_url!r}: doc_id is empty")
    return {
        "doc_id": doc.doc_id,
        "source_id": source_id,
        "url": url or doc.source_url,
        "record_id": record_id,
        "sha256": doc.sha256,
        "fetched_at": parse_timestamp(fetched_at, what=f"document {doc.doc_id} fetched_at"),
        "published_at": parse_date(doc.published_at),
        "title": doc.title,
        "genre": detect_genre(doc.title, doc.text),
        "content_type": doc.content_type,
        "status": doc.status,
        "current": current,
        "error": doc.error,
        "ocr": bool(doc.ocr),
        "n_chars": len(doc.text or ""),
        "n_tables": len(doc.tables),
        "n_pages": len(doc.pages),
        "text": doc.text or "",
        "tables_json": _tables_json(doc),
        "pages_json": json.dumps([list(p) for p in doc.pages]),
    }


def figure_id(doc_id: str, span: tuple[int, int], metric: str) -> str:
    """Stable id: one figure per document, span and metric, whatever else re-extraction changes."""
    raw = f"{doc_id}\x1f{span[0]}\x1f{span[1]}\x1f{metric}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]


def figure_row(fig: Figure, *, document_row: dict, extractor_version: str) -> dict:
    """A `figures` row: the contract record flattened, plus provenance and its own checks."""
    doc_id = document_row["doc_id"]
    start, end = int(fig.span[0]), int(fig.span[1])
    text = document_row.get("text")
    if text is not None and text[start:end] != fig.text:
        raise ValueError(
            f"figure {fig.text!r} in document {doc_id}: span [{start}, {end}) holds "
            f"{text[start:end]!r}, not the figure's text"
        )
    row = {
        "figure_id": figure_id(doc_id, (start, end), fig.metric),
        "doc": doc_id,
        "index": fig.index,
        "year": fig.year,
        "unit_level": fig.unit.level or "unknown",
        "unit_name": fig.unit.name,
        "unit_code": fig.unit.code,
        "province_code": fig.unit.province_code,
        "field": fig.field,
        "field_raw": fig.field_raw,
        "criteria_set": criteria_set(fig.index, fig.year, fig.unit.level, fig.unit.province_code),
        "metric": fig.metric,
        "value": float(fig.value),
        "denominator": None if fig.denominator is None else float(fig.denominator),
        "kind": fig.kind,
        "text": fig.text,
        "span_start": start,
        "span_end": end,
        "quote": fig.quote,
        "page": fig.page,
        "table_index": fig.table,
        "table_row": fig.row,
        "table_col": fig.col,
        "peer_group": fig.peer_group,
        "source_id": document_row.get("source_id"),
        "source_url": document_row.get("url"),
        "record_id": document_row.get("record_id"),
        "doc_sha256": document_row.get("sha256"),
        "doc_genre": document_row.get("genre") or "news",
        "fetched_at": document_row.get("fetched_at"),
        "published_at": document_row.get("published_at"),
        "extractor_version": extractor_version,
        "extras_json": json.dumps(fig.extras, ensure_ascii=False, sort_keys=True, default=str) if fig.extras else None,
    }
    passed, failed, notes = check_figure(row)
    row.update(checks_passed=passed, checks_failed=failed, check_notes=notes)
    return row
