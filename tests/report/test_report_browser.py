"""The report in a real headless Chromium, opened from disk."""
from __future__ import annotations

import shutil
from pathlib import Path

from warehouse import Warehouse

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"


def test_click_a_result_through_to_its_highlighted_source(built, browser):
    wh = Warehouse(built["data"] / "warehouse")
    browser.open(built["index"].resolve().as_uri())
    assert browser.eval("document.querySelectorAll('#results tbody tr').length") > 0
    browser.screenshot(ARTIFACTS / "report-index.png")
    # A total score makes the clearest picture for the README; any result will do.
    total = browser.eval("!!document.querySelector('#results tbody tr[data-field=\"total\"] a.result-link')")
    browser.click("#results tbody tr[data-field='total'] a.result-link" if total else "#results tbody tr a.result-link")
    assert "/results/" in browser.url
    result_title = browser.eval("document.querySelector('h1').textContent")
    browser.click("#figures a.figure-link")
    assert "/figures/" in browser.url
    marked, figure_id, visible = browser.eval("""(() => { const m = document.getElementById('mark');
        const r = m.getBoundingClientRect();
        return [m.textContent, m.dataset.figure, r.top >= 0 && r.bottom <= innerHeight]; })()""")
    fig = wh.query(f"SELECT text, quote FROM figures WHERE figure_id = '{figure_id}'").to_pylist()
    assert fig and marked == fig[0]["text"], (result_title, marked, fig)
    assert visible, "the highlighted words should be scrolled into view"
    shot = browser.screenshot(ARTIFACTS / "report-figure.png")
    assert shot.stat().st_size > 10_000
    (REPO / "docs").mkdir(exist_ok=True)
    shutil.copyfile(shot, REPO / "docs" / "report.png")
    # The archived copy opens from disk too.
    browser.click("#archive-link")
    assert "/archive/" in browser.url


def test_filters_hide_rows_that_do_not_match(built, browser):
    browser.open(built["index"].resolve().as_uri())
    total = browser.eval("document.querySelectorAll('#results tbody tr').length")
    years = browser.eval("Array.from(document.querySelectorAll('#filter-year option')).map(o => o.value)"
                         ".filter(v => v)")
    assert years
    rows = Warehouse(built["data"] / "warehouse").query(
        "SELECT year, field, conflict OR len(checks_failed) > 0 AS flagged FROM results").to_pylist()
    browser.select("#filter-year", years[0])
    shown = browser.eval("document.querySelectorAll('#results tbody tr:not([hidden])').length")
    assert shown == sum(1 for r in rows if str(r["year"]) == years[0])
    assert browser.eval("document.getElementById('shown').textContent") == f"{shown} of {total} results shown"
    # The filtered view has an address of its own.
    assert browser.url.endswith(f"#year={years[0]}")
    browser.open(built["index"].resolve().as_uri() + f"#year={years[0]}&field=total")
    assert browser.eval("document.querySelectorAll('#results tbody tr:not([hidden])').length") == sum(
        1 for r in rows if str(r["year"]) == years[0] and r["field"] == "total")
    browser.select("#filter-year", "")
    browser.select("#filter-field", "")
    for flag, wanted in (("1", True), ("0", False)):
        browser.select("#filter-flagged", flag)
        shown = browser.eval("document.querySelectorAll('#results tbody tr:not([hidden])').length")
        assert shown == sum(1 for r in rows if r["flagged"] == wanted)
    browser.select("#filter-flagged", "")
    assert browser.eval("document.querySelectorAll('#results tbody tr:not([hidden])').length") == total
