"""argparse wiring of `parwatch audit` and `parwatch report`; parwatch/cli.py calls add_subcommands."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _err(msg: str) -> None:
    print(f"parwatch: {msg}", file=sys.stderr)


def cmd_audit(a: argparse.Namespace) -> int:
    from .warehouse_view import AuditInputError

    try:
        if a.live:
            return _live(a)
        from .archived import audit_archive

        report = audit_archive(a.data, a.figure or None)
    except AuditInputError as e:
        _err(str(e))
        return 2
    _print(report, a.json)
    return 0 if report.ok else 1


def _print(report, as_json: bool) -> None:
    if as_json:
        print(json.dumps(report.to_record(), ensure_ascii=False, indent=1))
        return
    for line in report.lines():
        print(line)


def _live(a: argparse.Namespace) -> int:
    from crawler.sources import SourcesError, load_sources

    from .live import audit_live

    sources = []
    if a.sources:
        try:
            sources = load_sources(a.sources)
        except SourcesError as e:
            _err(str(e))
            return 2
    if a.sample is not None and a.sample <= 0:
        _err(f"--sample {a.sample}: must be a positive number of figures")
        return 2
    report = audit_live(a.data, sources, sample=a.sample, seed=a.seed, figure_ids=a.figure or None,
                        progress=lambda c: print(f"  {c.outcome:<11} {c.url}", file=sys.stderr))
    _print(report, a.json)
    return 0 if report.ok else 1


def cmd_report(a: argparse.Namespace) -> int:
    from report import build_report
    from report.data import ReportInputError

    try:
        as_of = int(a.as_of) if a.as_of and a.as_of.isdigit() else a.as_of
        index = build_report(a.out_dir, a.data, as_of)
    except ReportInputError as e:
        _err(str(e))
        return 2
    except ValueError as e:  # a bad --as-of; the warehouse says what it expects
        _err(f"report: {e}")
        return 2
    print(index.resolve())
    return 0


def add_subcommands(sub) -> None:
    """Register `audit` and `report` on an argparse subparsers object."""
    p = sub.add_parser("audit", help="re-verify every figure against its archived copy (or, --live, the site)",
                       description="Re-verify every figure against the archived copy it was read from: the "
                                   "archived body's hash still matches, and the text at the figure's span is "
                                   "still its text. Exit 1 when any figure fails. With --live, re-fetch the "
                                   "figures' source URLs politely and report sources that changed, moved or "
                                   "vanished, and figures whose quote no longer appears.")
    p.add_argument("--data", default="data", help="data directory (default ./data)")
    p.add_argument("--live", action="store_true", help="re-fetch the source URLs instead of reading the archive")
    p.add_argument("--sample", type=int, default=None, metavar="N",
                   help="with --live: re-check N figures chosen at random (default: all)")
    p.add_argument("--seed", type=int, default=None, help="with --sample: random seed, for a repeatable sample")
    p.add_argument("--sources", default=None, metavar="FILE",
                   help="with --live: the sources file, for each source's rate and allow_private "
                        "(unknown sources get the defaults: public addresses only, 1 request/s)")
    p.add_argument("--figure", action="append", metavar="FIGURE_ID",
                   help="check only this figure (repeatable; with or without --live)")
    p.add_argument("--json", action="store_true", help="print the findings as one JSON object")
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("report", help="write the static HTML report (results, figures, highlighted sources)")
    p.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    p.add_argument("--data", default="data", help="data directory (default ./data)")
    p.add_argument("--as-of", default=None, metavar="VERSION",
                   help="the warehouse as it was at a table version or ISO time (default: latest)")
    p.set_defaults(func=cmd_report)
