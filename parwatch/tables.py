"""Plain-text, CSV and JSON-lines rendering of query results (no terminal width tricks)."""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Sequence


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def render_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int = 60) -> str:
    cells = [[_cell(v)[:max_width] for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()  # noqa: E731
    out = [line(columns), line(["-" * w for w in widths])] + [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def render_csv(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    w.writerows([[("" if v is None else v) for v in r] for r in rows])
    return buf.getvalue().rstrip("\n")


def render_jsonl(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    return "\n".join(json.dumps(dict(zip(columns, r)), ensure_ascii=False, default=str) for r in rows)


RENDERERS = {"table": render_table, "csv": render_csv, "json": render_jsonl}
