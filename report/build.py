"""Write the static report: index.html (results + filters), a page per result, per figure
(the document with the quote highlighted at its exact span), per province (charts), and the
archived copies the figures were read from under archive/."""
from __future__ import annotations

import shutil
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from .data import ReportData, ReportInputError, archive_name, load_report_data, province_label
from .highlight import SpanError, highlight
from .svg import Series, line_chart

FILTERS = (("index", "Index"), ("year", "Year"), ("province", "Province"), ("level", "Level"),
           ("field", "Field"))


def _env() -> Environment:
    env = Environment(loader=PackageLoader("report", "templates"), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = lambda v: "" if v is None else (f"{v:.2f}".rstrip("0").rstrip(".")
                                                         if isinstance(v, float) else str(v))
    return env


def build_report(out_dir: str | Path, data_dir: str | Path = "data", as_of=None) -> Path:
    """Write the report for the warehouse under data_dir (as of a version or time, default the
    latest) into out_dir; returns out_dir/index.html."""
    out = Path(out_dir)
    _claim(out)
    data = load_report_data(data_dir, as_of)
    for sub in ("results", "figures", "provinces", "archive"):
        shutil.rmtree(out / sub, ignore_errors=True)
        (out / sub).mkdir(parents=True, exist_ok=True)
    env = _env()
    archived = _write_archive_copies(out / "archive", data, Path(data_dir) / "archive")
    broken = _write_figure_pages(env, out, data, archived)
    provinces = _write_province_pages(env, out, data)
    _write_result_pages(env, out, data, provinces)
    (out / "figures.html").write_text(env.get_template("figures.html").render(
        root=".", title="parwatch: all figures", figures=list(data.figures.values()), documents=data.documents),
        encoding="utf-8")
    index = out / "index.html"
    options = {key: sorted({str(r[col]) for r in data.results if r[col] is not None})
               for key, col in (("index", "index"), ("year", "year"), ("province", "province_label"),
                                ("level", "unit_level"), ("field", "field"))}
    options["year"].sort(reverse=True)
    index.write_text(env.get_template("index.html").render(
        root=".", title="parwatch: PAR Index results", results=data.results, filters=FILTERS, options=options,
        provinces=provinces, n_figures=len(data.figures), n_documents=len(data.documents),
        n_conflicts=sum(1 for r in data.results if r["conflict"]),
        n_failing=sum(1 for r in data.results if r["checks_failed"]), broken=broken,
        versions=data.versions, as_of=as_of, generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        encoding="utf-8")
    return index


MARKER = ".parwatch-report"


def _claim(out: Path) -> None:
    """A report replaces its own earlier pages, so refuse a non-empty folder that is not one
    (`parwatch report .` must not delete somebody's results/ or archive/)."""
    if out.exists() and not out.is_dir():
        raise ReportInputError(f"{out}: not a directory")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise ReportInputError(f"{out}: not empty and not an earlier parwatch report; choose a new or empty "
                               f"directory")
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("written by `parwatch report`; its pages are replaced on the next run\n")


def _write_archive_copies(dest: Path, data: ReportData, archive_root: Path) -> dict[str, str]:
    """doc_id -> file name under archive/ of the archived body the figures were read from."""
    from crawler import Archive, ArchiveError

    if not archive_root.is_dir():
        return {}
    names: dict[str, str] = {}
    archive = Archive(archive_root)
    try:
        for doc in data.documents.values():
            if not doc["record_id"]:
                continue
            name = archive_name(doc["record_id"], doc["content_type"])
            try:
                if not (dest / name).exists():
                    (dest / name).write_bytes(archive.read(doc["record_id"]).body)
            except ArchiveError:
                continue  # the figure page says there is no archived copy; `parwatch audit` names why
            names[doc["doc_id"]] = name
    finally:
        archive.close()
    return names


def _cell_of(doc: dict, fig: dict) -> dict | None:
    """The table the figure's cell is in, with that cell marked, for the document view."""
    ti, row, col = fig["table_index"], fig["table_row"], fig["table_col"]
    if ti is None:
        return None
    table = next((t for t in doc["tables"] if t.get("index") == ti), None)
    if table is None:
        return None
    return {"index": ti, "page": table.get("page"), "row": row, "col": col, "rows": table["rows"]}


def _write_figure_pages(env, out: Path, data: ReportData, archived: dict[str, str]) -> list[dict]:
    tpl = env.get_template("figure.html")
    broken = []
    by_id = {r["result_id"]: r for r in data.results}
    for fig in data.figures.values():
        doc = data.documents.get(fig["doc"])
        error, hl = None, None
        if doc is None:
            error = f"document {fig['doc']} is not in the warehouse"
        else:
            try:
                hl = highlight(doc["text"], fig["span_start"], fig["span_end"], fig["text"],
                               figure_id=fig["figure_id"])
            except SpanError as e:
                error = str(e)
        if error:
            broken.append({"figure": fig, "error": error})
        (out / "figures" / f"{fig['slug']}.html").write_text(tpl.render(
            root="..", title=f"Figure {fig['text']} — {fig['unit_name'] or fig['unit_level']}", fig=fig, doc=doc,
            hl=hl, error=error, archived=archived.get(fig["doc"]), table=_cell_of(doc, fig) if doc else None,
            results=[by_id[rid] for rid in data.results_of_figure.get(fig["figure_id"], []) if rid in by_id]),
            encoding="utf-8")
    return broken


def _write_result_pages(env, out: Path, data: ReportData, provinces: dict[str, dict]) -> None:
    tpl = env.get_template("result.html")
    for r in data.results:
        figs = [data.figures[f] for f in r["figure_ids"] if f in data.figures]
        (out / "results" / f"{r['slug']}.html").write_text(tpl.render(
            root="..", title=f"{r['unit_name'] or r['unit_level']} {r['year'] or ''} {r['field']}", r=r,
            figures=figs, documents=data.documents, province=provinces.get(r["province_code"] or "")),
            encoding="utf-8")


def _chart_rows(results: list[dict]) -> list[dict]:
    """Official totals first; other kinds only where a unit-year has no official result."""
    best: dict[tuple, dict] = {}
    order = {"official": 0, "provisional": 1, "self_assessed": 2}
    for r in results:
        if r["field"] != "total" or r["year"] is None:
            continue
        key = (r["index"], r["unit_name"] or r["unit_code"], r["year"])
        if key not in best or order.get(r["kind"], 9) < order.get(best[key]["kind"], 9):
            best[key] = r
    return list(best.values())


def _write_province_pages(env, out: Path, data: ReportData) -> dict[str, dict]:
    """province_code -> {code, name, page}: one page of charts per province with results."""
    tpl = env.get_template("province.html")
    by_province: dict[str, list[dict]] = defaultdict(list)
    for r in data.results:
        if r["province_code"]:
            by_province[r["province_code"]].append(r)
    provinces = {}
    for code, rows in sorted(by_province.items()):
        name = province_label(code)
        charts = []
        chart_rows = _chart_rows(rows)
        for index in sorted({r["index"] for r in chart_rows}):
            units: dict[str, list[dict]] = defaultdict(list)
            for r in chart_rows:
                if r["index"] == index:
                    units[r["unit_name"] or r["unit_code"] or "?"].append(r)
            # The province itself first, then its districts by name.
            names = sorted(units, key=lambda n: (units[n][0]["unit_level"] != "province", n))
            scores = [Series(n, {r["year"]: r["score_pct"] if r["score_pct"] is not None else r["score"]
                                 for r in units[n] if r["score"] is not None}) for n in names]
            ranks = [Series(n, {r["year"]: float(r["rank"]) for r in units[n] if r["rank"] is not None})
                     for n in names]
            top = max([r["rank_of"] or r["rank"] or 1 for r in chart_rows if r["index"] == index
                       and r["rank"] is not None] or [1])
            charts.append({"index": index,
                           "score_svg": line_chart(f"{index}: total score (% of maximum) by year", scores),
                           "rank_svg": line_chart(f"{index}: rank by year (1 = best)", ranks, invert=True,
                                                  y_min=1, y_max=max(top, 2))})
        page = f"p{code}"
        (out / "provinces" / f"{page}.html").write_text(tpl.render(
            root="..", title=f"{name}: totals and ranks", name=name, code=code, charts=charts,
            results=sorted(rows, key=lambda r: (r["index"], r["year"] or 0, r["unit_name"] or ""))),
            encoding="utf-8")
        provinces[code] = {"code": code, "name": name, "page": page}
    return provinces
