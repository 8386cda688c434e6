"""The pipeline's stages as plain functions over one source: crawl → documents → figures →
normalised figures → warehouse. Dagster assets (pipelines/) and tests call these; nothing
here imports Dagster.

Every stage reads the previous stage's staging file and rewrites its own for the source,
doing new work only for what is new (fetch state by URL, documents by content hash,
figures by document id and extractor version).
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from crawler.sources import Source
from extractors.context import ExtractionContext

from .staging import (Staging, document_from_json, document_to_json, figure_from_json,
                      figure_to_json)

Progress = Callable[[str], None]
DOCUMENT_KINDS = ("article", "attachment")
# A fetch row changes only when what the site answered changes; re-checks (304s) do not touch it.
FETCH_STATE_KEYS = ("status", "outcome", "reason", "sha256", "record_id")


class Store:
    """Where a run's data lives: DATA/{archive,staging,warehouse,logs,crawl-state}."""

    def __init__(self, data_dir: str | Path):
        self.data_dir = Path(data_dir)
        self.staging = Staging(self.data_dir / "staging")

    def archive(self):
        from crawler import Archive
        return Archive(self.data_dir / "archive")

    def warehouse(self):
        from warehouse import Warehouse
        return Warehouse(self.data_dir / "warehouse")

    @property
    def crawl_state_dir(self) -> Path:
        return self.data_dir / "crawl-state"

    @property
    def fetch_log(self) -> Path:
        return self.data_dir / "logs" / "fetch-log.jsonl"


@dataclass
class StageSummary:
    """What a stage did, for Dagster metadata and the progress lines."""
    source_id: str
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def line(self, stage: str) -> str:
        parts = ", ".join(f"{k} {v}" for k, v in self.counts.items())
        return f"[{self.source_id}] {stage}: {parts}" + ("".join(f"; {n}" for n in self.notes[:3]))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def crawl(source: Source, store: Store, progress: Progress | None = None) -> StageSummary:
    from crawler import crawl_source

    report = crawl_source(source, store.archive(), state_dir=store.crawl_state_dir,
                          progress=progress)
    attempts = [asdict(r) for r in report.fetches]
    store.fetch_log.parent.mkdir(parents=True, exist_ok=True)
    with store.fetch_log.open("a", encoding="utf-8") as log:
        for a in attempts:
            log.write(json.dumps(a, ensure_ascii=False, default=str) + "\n")
    state = {row["url"]: row for row in store.staging.read("fetches", source.id)}
    changed = 0
    for a in attempts:
        if a["outcome"] == "not_modified":
            continue
        old = state.get(a["url"])
        if old is None or any(old.get(k) != a.get(k) for k in FETCH_STATE_KEYS):
            state[a["url"]] = a
            changed += 1
    store.staging.write("fetches", source.id, sorted(state.values(), key=lambda r: r["url"]))
    outcomes = Counter(a["outcome"] for a in attempts)
    _record_crawl_status(store, source.id, ok=bool(outcomes.get("ok") or outcomes.get("not_modified")))
    failures = Counter(a.get("reason") or a["outcome"] for a in attempts
                       if a["outcome"] not in ("ok", "not_modified", "duplicate", "skipped"))
    summary = StageSummary(source.id, {
        "requests": len(attempts), "fetched": outcomes.get("ok", 0),
        "not_modified": outcomes.get("not_modified", 0), "failed": sum(failures.values()),
        "changed_urls": changed})
    summary.notes = [f"{reason}: {n}" for reason, n in failures.most_common()]
    return summary


def _record_crawl_status(store: Store, source_id: str, ok: bool) -> None:
    path = store.crawl_state_dir / "status" / f"{source_id}.json"
    status = json.loads(path.read_text()) if path.exists() else {}
    status["last_attempt"] = _now()
    status.setdefault("first_attempt", status["last_attempt"])
    if ok:
        status["last_success"] = status["last_attempt"]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(status))
    tmp.replace(path)


def crawl_status(store: Store, source_id: str) -> dict:
    """{"first_attempt", "last_attempt", "last_success": iso times} of a source's crawls ({} if never crawled)."""
    path = store.crawl_state_dir / "status" / f"{source_id}.json"
    return json.loads(path.read_text()) if path.exists() else {}


def read_documents(source: Source, store: Store) -> StageSummary:
    import documents

    archive = store.archive()
    staged = store.staging.read("documents", source.id)
    known = {rec["doc"]["sha256"] for rec in staged}
    added = Counter()
    for row in store.staging.read("fetches", source.id):
        if row["kind"] not in DOCUMENT_KINDS or row["outcome"] != "ok" or not row.get("record_id"):
            continue
        if row.get("sha256") in known:
            continue
        response = archive.read(row["record_id"])
        doc = documents.read_bytes(response.body, name=row["url"], url=row["url"],
                                   content_type=response.content_type, doc_id=(row["sha256"] or "")[:16] or None)
        staged.append({"doc": document_to_json(doc), "source_id": source.id, "url": row["url"],
                       "record_id": row["record_id"], "fetched_at": row["fetched_at"]})
        known.add(doc.sha256)
        added[doc.status] += 1
    # A page whose content changed keeps its older versions as documents (archived copies an
    # auditor may open), but only the version the site serves now states figures.
    current = {row["url"]: row.get("sha256") for row in store.staging.read("fetches", source.id)}
    for rec in staged:
        rec["current"] = current.get(rec["url"], rec["doc"]["sha256"]) == rec["doc"]["sha256"]
    store.staging.write("documents", source.id, staged)
    return StageSummary(source.id, {"documents": len(staged), "new": sum(added.values()),
                                    **{f"new_{k}": v for k, v in added.items() if k != "ok"}})


def _context(source: Source, rec: dict) -> ExtractionContext:
    doc = rec["doc"]
    return ExtractionContext(province=source.province, source_url=rec["url"],
                             published_at=doc.get("published_at"), title=doc.get("title"))


def extract_figures(source: Source, store: Store) -> StageSummary:
    from extractors import EXTRACTOR_VERSION, extract_figures as extract

    done = {r["doc_id"]: r for r in store.staging.read("figures", source.id)
            if r["extractor_version"] == EXTRACTOR_VERSION}
    out, new = [], 0
    for rec in store.staging.read("documents", source.id):
        doc_id = rec["doc"]["doc_id"]
        if not rec.get("current", True):  # superseded by a newer version of the same URL
            done[doc_id] = {"doc_id": doc_id, "extractor_version": EXTRACTOR_VERSION, "figures": [],
                            "superseded": True}
        elif doc_id not in done or done[doc_id].get("superseded"):  # new, or current again
            doc = document_from_json(rec["doc"])
            figs = extract(doc, _context(source, rec)) if doc.status == "ok" else []
            done[doc_id] = {"doc_id": doc_id, "extractor_version": EXTRACTOR_VERSION,
                            "figures": [figure_to_json(f) for f in figs]}
            new += 1
        out.append(done[doc_id])
    store.staging.write("figures", source.id, out)
    per_index = Counter(f["index"] for r in out for f in r["figures"])
    return StageSummary(source.id, {"documents": len(out), "newly_read": new,
                                    "figures": sum(len(r["figures"]) for r in out),
                                    **{f"index_{k}": v for k, v in sorted(per_index.items())}})


def normalise_figures(source: Source, store: Store) -> StageSummary:
    from normalizers import normalize_figures

    docs = {r["doc"]["doc_id"]: r for r in store.staging.read("documents", source.id)}
    out, unresolved = [], 0
    for rec in store.staging.read("figures", source.id):
        figs = [figure_from_json(f) for f in rec["figures"]]
        normed = normalize_figures(figs, _context(source, docs[rec["doc_id"]])) if figs else []
        unresolved += sum(1 for f in normed if not f.unit.code and f.unit.level not in ("department", "ministry"))
        out.append({"doc_id": rec["doc_id"], "extractor_version": rec["extractor_version"],
                    "figures": [figure_to_json(f) for f in normed]})
    store.staging.write("normalised", source.id, out)
    return StageSummary(source.id, {"figures": sum(len(r["figures"]) for r in out), "unit_unresolved": unresolved})


def provenance_failures(source: Source, store: Store) -> list[str]:
    """Figures whose span does not hold their text in the document text (must be none)."""
    texts = {r["doc"]["doc_id"]: r["doc"]["text"] for r in store.staging.read("documents", source.id)}
    bad = []
    for rec in store.staging.read("normalised", source.id):
        text = texts.get(rec["doc_id"], "")
        for f in rec["figures"]:
            s, e = f["span"]
            if text[s:e] != f["text"]:
                bad.append(f"{rec['doc_id']} [{s}:{e}] {f['text']!r} != {text[s:e]!r}")
    return bad


def load_warehouse(source: Source, store: Store) -> StageSummary:
    from extractors import EXTRACTOR_VERSION
    from warehouse.rows import document_row, figure_row

    wh = store.warehouse()
    # A quiet night: the staging files and the tables are exactly as the last load left them,
    # so there is nothing to diff (rebuilding every row is the costly part of a load).
    marker = store.crawl_state_dir / "loaded" / f"{source.id}.json"
    loaded = {"staging": _staging_fingerprint(store, source.id), "tables": _table_ids(wh)}
    if marker.exists() and json.loads(marker.read_text()) == loaded:
        return StageSummary(source.id, {"unchanged": 1})
    fetch_rows = store.staging.read("fetches", source.id)
    doc_rows, fig_rows = {}, []
    for rec in store.staging.read("documents", source.id):
        doc = document_from_json(rec["doc"])
        doc_rows[doc.doc_id] = document_row(doc, source_id=source.id, url=rec["url"], record_id=rec["record_id"],
                                            fetched_at=rec["fetched_at"], current=rec.get("current", True))
    for rec in store.staging.read("normalised", source.id):
        for f in rec["figures"]:
            fig_rows.append(figure_row(figure_from_json(f), document_row=doc_rows[rec["doc_id"]],
                                       extractor_version=EXTRACTOR_VERSION))
    counts = {}
    # Figures are replaced per document: a figure a re-read document no longer states leaves the
    # table (Delta history keeps it).
    loads = (("fetches", fetch_rows, None), ("documents", list(doc_rows.values()), None),
             ("figures", fig_rows, ("doc", list(doc_rows))))
    for table, rows, replace in loads:
        result = wh.merge(table, rows, replace=replace)
        counts[f"{table}_inserted"] = result.inserted
        counts[f"{table}_updated"] = result.updated
        counts[f"{table}_version"] = result.version
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(json.dumps({**loaded, "tables": _table_ids(wh)}))
    return StageSummary(source.id, counts)


def _table_ids(wh) -> dict[str, str | None]:
    """Delta table ids of the tables a source loads: a re-created warehouse has new ids."""
    snap = wh.snapshot()
    return {t: (snap[t].metadata().id if snap[t] is not None else None) for t in ("fetches", "documents", "figures")}


def _staging_fingerprint(store: Store, source_id: str) -> str:
    import hashlib

    digest = hashlib.sha256()
    for stage in ("fetches", "documents", "normalised"):
        path = store.staging.path(stage, source_id)
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()


def rebuild_results(store: Store) -> StageSummary:
    wh = store.warehouse()
    result = wh.rebuild_results()
    conflicts = wh.query("SELECT count(*) AS n FROM results WHERE conflict").column("n")[0].as_py()
    summary = StageSummary("all", {
        "results_inserted": result.inserted, "results_updated": result.updated, "conflicts": conflicts,
        **{f"rows_{k}": v for k, v in wh.row_counts().items()},
        **{f"version_{k}": v for k, v in wh.versions().items()}})
    return summary


def results_preview(store: Store, limit: int = 20) -> str:
    """The newest results as a Markdown table, for the Dagster UI."""
    rows = store.warehouse().query(f"""
        SELECT unit_name, year, index, field, kind, score, score_max, rank, rank_of, conflict
        FROM results ORDER BY loaded_at DESC, province_code, unit_name, year DESC, field LIMIT {int(limit)}""").to_pylist()
    head = "| unit | year | index | field | kind | score/max | rank/of | conflict |\n|---|---|---|---|---|---|---|---|"
    fmt = lambda a, b: "" if a is None else (f"{a:g}" + (f"/{b:g}" if b is not None else ""))  # noqa: E731
    lines = [f"| {r['unit_name'] or '?'} | {r['year'] or '?'} | {r['index']} | {r['field']} | {r['kind']} | "
             f"{fmt(r['score'], r['score_max'])} | {fmt(r['rank'], r['rank_of'])} | {'yes' if r['conflict'] else ''} |"
             for r in rows]
    return "\n".join([head, *lines])


def schema_problems(store: Store) -> list[str]:
    """Columns whose stored type or nullability differs from warehouse/schema.py."""
    from warehouse.schema import TABLES

    wh = store.warehouse()
    problems = []
    for name, spec in TABLES.items():
        table = wh.read(name) if wh.versions()[name] >= 0 else None
        if table is None:
            continue
        stored = {f.name: f for f in table.schema}
        for f in spec.schema:
            got = stored.get(f.name)
            if got is None:
                problems.append(f"{name}.{f.name}: missing")
            elif not got.type.equals(f.type):
                problems.append(f"{name}.{f.name}: {got.type} where the schema says {f.type}")
        problems += [f"{name}.{extra}: not in the declared schema" for extra in stored.keys() - set(spec.schema.names)]
    return problems


def check_failure_share(store: Store) -> tuple[float, int, int]:
    """Share of figures failing at least one consistency check: (share, failing, total)."""
    row = store.warehouse().query(
        "SELECT count(*) AS n, count(*) FILTER (WHERE len(checks_failed) > 0) AS bad FROM figures").to_pylist()[0]
    return ((row["bad"] / row["n"]) if row["n"] else 0.0, row["bad"], row["n"])
