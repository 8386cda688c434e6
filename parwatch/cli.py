"""The `parwatch` command (CONTRACT.md section 2)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

RESULTS_SQL = """
SELECT unit_name AS unit, year, index, field, kind,
       CASE WHEN score IS NULL THEN NULL
            WHEN score_max IS NULL THEN printf('%g', score)
            ELSE printf('%g/%g', score, score_max) END AS "score/max",
       CASE WHEN rank IS NULL THEN NULL
            WHEN rank_of IS NULL THEN printf('%d', rank)
            ELSE printf('%d/%d', rank, rank_of) END AS "rank/of",
       CASE WHEN score_pct IS NULL THEN NULL ELSE printf('%g%%', score_pct) END AS "% of max",
       concat_ws(' ', CASE WHEN conflict THEN 'conflict' END,
                 CASE WHEN len(checks_failed) > 0 THEN 'checks:' || array_to_string(checks_failed, ',') END) AS flags
FROM results
ORDER BY province_code NULLS LAST, unit_name NULLS LAST, index, year DESC,
         CASE field WHEN 'total' THEN 0 ELSE 1 END, field, kind
"""


def _err(msg: str) -> None:
    print(f"parwatch: {msg}", file=sys.stderr)


# --------------------------------------------------------------------------- extract
def cmd_extract(a: argparse.Namespace) -> int:
    from documents import read_path
    from documents.model import DocumentError
    from extractors import extract_document
    from extractors.context import ExtractionContext

    from .tables import render_table

    status, rows = 0, []
    for name in a.files:
        try:
            doc = read_path(name)
        except DocumentError as e:
            _err(str(e))
            status = 1
            continue
        if doc.status != "ok":
            _err(f"{name}: {doc.status}: {doc.error}")
            if doc.status == "error":
                status = 1
            continue
        ctx = ExtractionContext(province=a.province, source_url=a.source_url,
                                published_at=doc.published_at, title=doc.title)
        for fig in extract_document(doc, ctx):
            rec = fig.to_record()
            if a.format == "jsonl":
                print(json.dumps(rec, ensure_ascii=False), flush=False)
            else:
                u = rec["unit"]
                value = f"{rec['value']:g}" + (f"/{rec['denominator']:g}" if rec["denominator"] is not None else "")
                rows.append([rec["doc"], rec["index"], rec["year"], u.get("name") or u.get("level"), u.get("code"),
                             rec["field"], rec["metric"], value, rec["kind"], rec["text"], f"{rec['span'][0]}-{rec['span'][1]}"])
    if a.format == "table":
        print(render_table(["doc", "index", "year", "unit", "code", "field", "metric", "value", "kind", "text", "span"], rows))
    return status


# --------------------------------------------------------------------------- run / demo
def _stderr_say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _run(sources: str, data: str, log_json: bool = False) -> int:
    from crawler.sources import SourcesError, load_sources

    from .progress import Reporter
    from .runner import RunInProgress, run_pipeline

    try:
        load_sources(sources)
    except SourcesError as e:
        _err(str(e))
        return 2
    say = Reporter(log_json=log_json)
    try:
        report = run_pipeline(sources, data, say=say)
    except RunInProgress as e:
        _err(str(e))
        return 3
    for key, why in report.failed.items():
        say(f"parwatch: {key}: {why}", source=key, failed=True)
    if not report.results_ok:
        return 1
    say(f"run finished: {len(report.succeeded)} source(s) ok, {len(report.failed)} failed; data in {data}",
        succeeded=report.succeeded, failed=sorted(report.failed))
    return 0


def cmd_run(a: argparse.Namespace) -> int:
    return _run(a.sources, a.data, a.log_json)


def cmd_demo(a: argparse.Namespace) -> int:
    """make run: serve the sample site, run the pipeline on it, print the results table."""
    import time

    from sample_site.server import DEFAULT_PORT, SampleSite

    try:
        site = SampleSite(port=DEFAULT_PORT).start()
    except OSError as e:
        _err(f"{e} (is another `make run` or `make dev` running?)")
        return 2
    try:
        _stderr_say(f"sample site serving at {site.base_url}")
        if a.serve_only:
            while True:
                time.sleep(3600)
        status = _run(a.sources, a.data)
        if status:
            return status
        status = _print_query(RESULTS_SQL, a.data, "table", None)
        from report import build_report

        index = build_report(Path(a.data) / "report", a.data)
        print(f"\nreport: {index.resolve()}  (open it in a browser; `parwatch audit --data {a.data}` re-verifies every figure)")
        return status
    except KeyboardInterrupt:
        return 130
    finally:
        site.stop()


# --------------------------------------------------------------------------- query / export
def _print_query(sql: str, data: str, fmt: str, as_of: str | None) -> int:
    from warehouse import Warehouse

    from .tables import RENDERERS

    root = Path(data) / "warehouse"
    if not root.exists():
        _err(f"no warehouse at {root}: run `parwatch run --sources FILE --data {data}` first")
        return 2
    try:
        table = Warehouse(root).query(sql, as_of=_as_of(as_of))
    except Exception as e:  # DuckDB and Delta errors: show the reason, not a traceback
        _err(f"query failed: {str(e).strip().splitlines()[0]}")
        return 1
    rows = [tuple(r.values()) for r in table.to_pylist()]
    print(RENDERERS[fmt](table.column_names, rows))
    return 0


def _as_of(v: str | None):
    if v is None:
        return None
    return int(v) if v.isdigit() else v


def cmd_query(a: argparse.Namespace) -> int:
    return _print_query(a.sql, a.data, a.format, a.as_of)


def cmd_export(a: argparse.Namespace) -> int:
    from warehouse import Warehouse

    root = Path(a.data) / "warehouse"
    if not root.exists():
        _err(f"no warehouse at {root}")
        return 2
    out = Warehouse(root).export(Path(a.out_dir), fmt=a.format, as_of=_as_of(a.as_of))
    print(out)
    return 0


# --------------------------------------------------------------------------- eval / crawl
def cmd_eval(a: argparse.Namespace) -> int:
    from extractors.evaluation import run_eval

    docs: list[Path] = []
    for d in a.docs:
        p = Path(d)
        docs += sorted(x for x in p.iterdir() if x.is_file()) if p.is_dir() else [p]
    totals = run_eval(Path(a.gold), docs, show=a.show)
    if a.min_precision is not None and totals["precision"] < a.min_precision:
        return 1
    if a.min_recall is not None and totals["recall"] < a.min_recall:
        return 1
    return 0


def cmd_crawl(a: argparse.Namespace) -> int:
    from crawler import plan_crawl
    from crawler.sources import SourcesError, load_sources

    try:
        sources = {s.id: s for s in load_sources(a.sources)}
    except SourcesError as e:
        _err(str(e))
        return 2
    if a.source not in sources:
        _err(f"{a.sources}: no source with id {a.source!r} (have: {', '.join(sources)})")
        return 2
    if not a.dry_run:
        _err("only --dry-run is supported here; `parwatch run` crawls for real")
        return 2
    for kind, url in plan_crawl(sources[a.source]):
        print(f"{kind}\t{url}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="parwatch", description=__doc__)
    sub = ap.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="print the figures in local documents")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--province", help="whom 'tỉnh' / 'UBND tỉnh' refers to in these documents")
    p.add_argument("--source-url")
    p.add_argument("--format", choices=["jsonl", "table"], default="jsonl")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("run", help="one pipeline run over the sources in FILE")
    p.add_argument("--sources", required=True, metavar="FILE")
    p.add_argument("--data", default="data", metavar="DIR")
    p.add_argument("--log-json", action="store_true", help="structured logs: one JSON object per line on stderr")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("query", help="DuckDB SQL over the tables figures, results, documents, fetches")
    p.add_argument("sql")
    p.add_argument("--data", default="data", metavar="DIR")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--as-of", metavar="VERSION|TIMESTAMP")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("export", help="write a plain release (Parquet or CSV) of the tables")
    p.add_argument("out_dir", metavar="DIR")
    p.add_argument("--data", default="data", metavar="DIR")
    p.add_argument("--format", choices=["parquet", "csv"], default="parquet")
    p.add_argument("--as-of", metavar="VERSION|TIMESTAMP")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("eval", help="precision and recall of extract against a gold file")
    p.add_argument("gold", metavar="GOLD")
    p.add_argument("docs", nargs="+", metavar="DOCS", help="document files or folders")
    p.add_argument("--show", type=int, default=40)
    p.add_argument("--min-precision", type=float)
    p.add_argument("--min-recall", type=float)
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("crawl", help="check a source: list what a crawl would fetch")
    p.add_argument("--source", required=True, metavar="ID")
    p.add_argument("--sources", default="sources/vietnam.yaml", metavar="FILE")
    p.add_argument("--dry-run", action="store_true")
    p.set_defaults(func=cmd_crawl)

    p = sub.add_parser("demo", help="serve the sample site and run the pipeline on it (make run)")
    p.add_argument("--sources", default="sources/sample.yaml", metavar="FILE")
    p.add_argument("--data", default="data", metavar="DIR")
    p.add_argument("--serve-only", action="store_true", help="only serve the sample site (for make dev)")
    p.set_defaults(func=cmd_demo)

    from audit.cli import add_subcommands  # `audit` and `report`, the auditor's tools

    add_subcommands(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
