"""What the report shows, read from the warehouse into plain dicts the templates use."""
from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path


class ReportInputError(Exception):
    """The data directory has nothing to report on."""


def page_name(key: str) -> str:
    """A file name for a result or figure id: the id itself when it is a plain token (figure
    ids are hex, so an auditor holding one opens figures/<figure_id>.html), else a hash of it
    (result ids hold ':' and Vietnamese letters)."""
    if re.fullmatch(r"[A-Za-z0-9_-]{1,64}", key):
        return key
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def archive_name(record_id: str, content_type: str | None) -> str:
    ext = {"pdf": "pdf", "html": "html", "docx": "docx", "doc": "doc", "txt": "txt"}.get(content_type or "", "bin")
    rid = record_id.removeprefix("urn:uuid:").replace(":", "-").replace("/", "-")
    return f"{rid}.{ext}"


def province_label(code: str | None) -> str | None:
    if not code:
        return None
    from normalizers.units import province_name

    return province_name(code) or code


@dataclass
class ReportData:
    results: list[dict]
    figures: dict[str, dict]                 # figure_id -> figures row
    documents: dict[str, dict]               # doc_id -> documents row (cited documents only)
    results_of_figure: dict[str, list[str]] = field(default_factory=dict)
    versions: dict[str, int] = field(default_factory=dict)


def load_report_data(data_dir: str | Path, as_of=None) -> ReportData:
    """as_of: a warehouse version or time (see Warehouse.connect), for a report of the data as
    it was then; None for the latest."""
    from warehouse import Warehouse

    root = Path(data_dir) / "warehouse"
    if not root.is_dir():
        raise ReportInputError(f"{data_dir}: no warehouse at {root} (run `parwatch run` first)")
    wh = Warehouse(root)
    results = wh.query('SELECT * EXCLUDE (row_hash, loaded_at) FROM results '
                       'ORDER BY "index", year DESC NULLS LAST, province_code, unit_level, unit_name, field, kind',
                       as_of=as_of).to_pylist()
    figures = {r["figure_id"]: r for r in wh.query(
        "SELECT * EXCLUDE (row_hash, loaded_at, check_hash) FROM figures ORDER BY doc, span_start",
        as_of=as_of).to_pylist()}
    documents = {r["doc_id"]: r for r in wh.query(
        "SELECT doc_id, url, record_id, sha256, fetched_at, published_at, title, genre, content_type, "
        "text, tables_json, pages_json FROM documents WHERE doc_id IN (SELECT DISTINCT doc FROM figures)",
        as_of=as_of).to_pylist()}
    of_figure: dict[str, list[str]] = defaultdict(list)
    for r in results:
        r["slug"] = page_name(r["result_id"])
        r["province_label"] = province_label(r["province_code"]) or "—"
        r["flagged"] = bool(r["conflict"] or r["checks_failed"])
        for fid in r["figure_ids"]:
            of_figure[fid].append(r["result_id"])
    for f in figures.values():
        f["slug"] = page_name(f["figure_id"])
    for d in documents.values():
        d["tables"] = json.loads(d.pop("tables_json") or "[]")
        d["pages"] = json.loads(d.pop("pages_json") or "[]")
    try:
        versions = wh.versions() if as_of is None else {}
    except Exception:  # a table not written yet has no version; the report still builds
        versions = {}
    return ReportData(results, figures, documents, dict(of_figure), versions)
