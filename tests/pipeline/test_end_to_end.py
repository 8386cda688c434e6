"""The walking skeleton, end to end: the bundled sample site on 127.0.0.1, the real Dagster
definitions materialized into a temp directory, real Delta tables checked afterwards."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from parwatch.runner import run_pipeline
from sample_site.server import SampleSite
from warehouse import Warehouse

REPO = Path(__file__).resolve().parents[2]


def _sources_for(site: SampleSite, tmp: Path) -> Path:
    text = (REPO / "sources" / "sample.yaml").read_text(encoding="utf-8")
    path = tmp / "sources.yaml"
    path.write_text(text.replace("http://127.0.0.1:8765", site.base_url), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pipeline_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("e2e")
    data = tmp / "data"
    with SampleSite(port=0) as site:
        sources = _sources_for(site, tmp)
        first = run_pipeline(sources, data)
        wh = Warehouse(data / "warehouse")
        after_first = (wh.versions(), wh.row_counts())
        site.log.clear()
        # The second run goes through the command line, as cron would run it.
        second = subprocess.run([sys.executable, "-m", "parwatch", "run", "--sources", str(sources),
                                 "--data", str(data), "--log-json"], capture_output=True, text=True, timeout=300)
        after_second = (wh.versions(), wh.row_counts())
        second_requests = list(site.log)
    return {"first": first, "second": second, "data": data, "wh": wh,
            "after_first": after_first, "after_second": after_second, "second_requests": second_requests}


def _result(wh: Warehouse, unit: str, year: int, field: str = "total") -> dict:
    rows = wh.query(
        "SELECT * FROM results WHERE unit_name = ? AND year = ? AND field = ? AND index = 'PAR' AND kind = 'official'"
        .replace("?", "{}").format(repr(unit), year, repr(field))).to_pylist()
    assert len(rows) == 1, f"expected one result for {unit} {year} {field}, got {rows}"
    return rows[0]


def test_run_succeeds_for_every_source(pipeline_run):
    assert not pipeline_run["first"].failed
    assert pipeline_run["first"].results_ok
    assert sorted(pipeline_run["first"].succeeded) == ["sample-bao-cchc", "sample-sonoivu-backan"]


def test_results_show_the_seed_figures(pipeline_run):
    wh = pipeline_run["wh"]
    bt = _result(wh, "Huyện Bạch Thông", 2022)  # from the PDF attachment
    assert (bt["score"], bt["score_max"], bt["rank"], bt["rank_of"]) == (88.21, 100, 1, 8)
    assert bt["unit_code"] == "063" and bt["province_code"] == "06"
    tp = _result(wh, "Thành phố Bắc Kạn", 2022)  # from an HTML article
    assert (tp["score"], tp["score_max"], tp["rank"], tp["rank_of"]) == (81.81, 100, 7, 8)
    assert tp["unit_code"] == "058"


def test_every_figure_points_at_its_text_and_source(pipeline_run):
    wh = pipeline_run["wh"]
    rows = wh.query("""
        SELECT f.text, f.span_start, f.span_end, f.source_url, f.record_id, f.quote, d.text AS doc_text
        FROM figures f JOIN documents d ON f.doc = d.doc_id""").to_pylist()
    assert len(rows) >= 20
    for r in rows:
        assert r["doc_text"][r["span_start"]:r["span_end"]] == r["text"]
        assert r["source_url"].startswith("http://127.0.0.1:")
        assert r["record_id"] and r["quote"]


def test_pdf_attachment_was_read_with_its_pages(pipeline_run):
    wh = pipeline_run["wh"]
    rows = wh.query("SELECT content_type, n_pages, status FROM documents WHERE url LIKE '%.pdf'").to_pylist()
    assert rows == [{"content_type": "pdf", "n_pages": 3, "status": "ok"}]
    pages = wh.query("SELECT DISTINCT page FROM figures WHERE source_url LIKE '%.pdf'").column("page").to_pylist()
    assert set(pages) >= {1, 2}


def test_irrelevant_articles_are_not_fetched(pipeline_run):
    urls = pipeline_run["wh"].query("SELECT url FROM fetches").column("url").to_pylist()
    assert not [u for u in urls if "hoi-thao-the-thao" in u or "gia-ca-nong-san" in u]


def test_second_run_changes_no_table(pipeline_run):
    assert pipeline_run["second"].returncode == 0, pipeline_run["second"].stderr[-2000:]
    assert pipeline_run["after_second"] == pipeline_run["after_first"]


def test_log_json_prints_one_object_per_line(pipeline_run):
    lines = [json.loads(line) for line in pipeline_run["second"].stderr.splitlines() if line.strip()]
    assert lines and all({"ts", "msg"} <= rec.keys() for rec in lines)
    crawls = [rec for rec in lines if rec.get("asset") == "crawl"]
    assert {rec["source"] for rec in crawls} == {"sample-sonoivu-backan", "sample-bao-cchc"}
    assert all(rec["metadata"]["fetched"] == 0 and rec["metadata"]["not_modified"] > 0 for rec in crawls)


def test_second_run_only_revalidates(pipeline_run):
    # Nothing new on the site: listing pages and robots.txt are re-checked conditionally,
    # articles and attachments already archived are not requested again.
    reqs = pipeline_run["second_requests"]
    assert reqs, "the second run should re-check the listings"
    assert all(status in (304, 404) for _, _, status in reqs), reqs
    assert not [p for p, _, _ in reqs if p.endswith(".pdf") or "/tin-tuc/" in p and p.endswith(".html")]


def test_asset_checks_ran_and_passed(pipeline_run):
    checks = pipeline_run["first"].checks
    assert checks.get("normalised_figures:figure_provenance") is True
    assert checks.get("warehouse_tables:warehouse_schema") is True
    assert checks.get("crawl:source_freshness") is True
    assert "results:figure_consistency" in checks


def test_quiet_night_skips_the_load(pipeline_run):
    crawls = [json.loads(line) for line in pipeline_run["second"].stderr.splitlines() if line.strip()]
    loads = [rec for rec in crawls if rec.get("asset") == "warehouse_tables"]
    assert len(loads) == 2 and all(rec["metadata"].get("unchanged") == 1 for rec in loads)
