"""The report's files: every figure page highlights exactly the figure's text, nothing loads
from the network, archived copies are the archived bytes."""
from __future__ import annotations

import hashlib
import re

from lxml import html

from report.data import page_name
from warehouse import Warehouse


def _figures(built) -> list[dict]:
    return Warehouse(built["data"] / "warehouse").query(
        "SELECT figure_id, text, doc_sha256, page, table_index FROM figures").to_pylist()


def test_index_lists_every_result_with_filters(built):
    tree = html.parse(str(built["index"]))
    n_results = Warehouse(built["data"] / "warehouse").query("SELECT count(*) AS n FROM results").to_pylist()[0]["n"]
    assert len(tree.xpath("//table[@id='results']/tbody/tr")) == n_results
    assert {s.get("data-filter") for s in tree.xpath("//select")} == {"index", "year", "province", "level", "field",
                                                                        "flagged"}


def test_every_figure_page_marks_exactly_its_text(built):
    figs = _figures(built)
    assert figs
    for f in figs:
        page = built["out"] / "figures" / f"{page_name(f['figure_id'])}.html"
        marks = html.parse(str(page)).xpath("//mark[@id='mark']")
        assert len(marks) == 1, page
        assert marks[0].text_content() == f["text"]
        assert marks[0].get("data-figure") == f["figure_id"]


def test_pages_load_nothing_from_the_network(built):
    for page in built["out"].rglob("*.html"):
        if page.parent.name == "archive":
            continue  # the archived copies are the sources' own bytes
        tree = html.parse(str(page))
        for el in tree.xpath("//script[@src] | //link[@href] | //img[@src] | //iframe[@src]"):
            ref = el.get("src") or el.get("href")
            assert not re.match(r"^(https?:)?//", ref), f"{page}: loads {ref}"


def test_archived_copies_are_the_archived_bytes(built):
    for f in _figures(built):
        tree = html.parse(str(built["out"] / "figures" / f"{page_name(f['figure_id'])}.html"))
        href = tree.xpath("//a[@id='archive-link']/@href")[0]
        body = (built["out"] / "figures" / href).resolve().read_bytes()
        assert hashlib.sha256(body).hexdigest() == f["doc_sha256"]


def test_province_pages_have_charts(built):
    pages = list((built["out"] / "provinces").glob("*.html"))
    assert pages
    svgs = [svg for p in pages for svg in html.parse(str(p)).xpath("//*[local-name()='svg']")]
    assert svgs and all(svg.xpath(".//*[local-name()='circle']") for svg in svgs)


def test_flags_show_conflicts_and_failing_checks(built):
    wh = Warehouse(built["data"] / "warehouse")
    rows = {r["result_id"]: r for r in wh.query("SELECT result_id, conflict, checks_failed FROM results").to_pylist()}
    for rid, r in rows.items():
        page = html.parse(str(built["out"] / "results" / f"{page_name(rid)}.html"))
        flags = [e.text_content() for e in page.xpath("//dd/span[contains(@class, 'flag')]")]
        assert ("conflict" in flags) == r["conflict"], rid
        assert set(r["checks_failed"]) <= set(flags), rid


def test_a_span_that_does_not_hold_its_text_is_shown_as_broken(built, tmp_path):
    import shutil

    from report import build_report
    from warehouse.schema import spec

    data = tmp_path / "data"
    shutil.copytree(built["data"], data)
    wh = Warehouse(data / "warehouse")
    fig = wh.query("SELECT figure_id, doc, span_start, span_end FROM figures ORDER BY figure_id LIMIT 1").to_pylist()[0]
    doc = [r for r in wh.read("documents").to_pylist() if r["doc_id"] == fig["doc"]][0]
    s, e = fig["span_start"], fig["span_end"]
    doc["text"] = doc["text"][:s] + "#" * (e - s) + doc["text"][e:]
    wh.merge("documents", [{k: doc[k] for k in spec("documents").input_schema.names}])
    index = build_report(tmp_path / "site", data)
    broken = html.parse(str(index)).xpath("//div[@id='broken']//li")
    assert any(fig["figure_id"] in li.text_content() for li in broken)
    page = html.parse(str(tmp_path / "site" / "figures" / f"{page_name(fig['figure_id'])}.html"))
    assert not page.xpath("//mark") and "not" in page.xpath("//div[@id='span-error']")[0].text_content()


def test_cli_writes_the_report_and_prints_its_index(built, tmp_path, capsys):
    import argparse

    from audit.cli import add_subcommands

    ap = argparse.ArgumentParser(prog="parwatch")
    add_subcommands(ap.add_subparsers(dest="command", required=True))
    a = ap.parse_args(["report", str(tmp_path / "out"), "--data", str(built["data"])])
    assert a.func(a) == 0
    assert capsys.readouterr().out.strip() == str((tmp_path / "out" / "index.html").resolve())
    a = ap.parse_args(["report", str(tmp_path / "out2"), "--data", str(tmp_path / "nothing")])
    assert a.func(a) == 2
    assert "no warehouse" in capsys.readouterr().err


def test_a_folder_that_is_not_a_report_is_not_overwritten(built, tmp_path):
    import pytest

    from report import build_report
    from report.data import ReportInputError

    (tmp_path / "results").mkdir()
    (tmp_path / "results" / "mine.csv").write_text("keep me")
    with pytest.raises(ReportInputError, match="not empty and not an earlier parwatch report"):
        build_report(tmp_path, built["data"])
    assert (tmp_path / "results" / "mine.csv").read_text() == "keep me"
    again = build_report(built["out"], built["data"])  # an earlier report is simply rewritten
    assert again == built["index"]
