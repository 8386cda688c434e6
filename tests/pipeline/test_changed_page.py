"""A page that changes on the site: its new version's figures replace the old version's, the old
version stays as an archived document, and Delta history keeps the old figures."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from parwatch.runner import run_pipeline
from sample_site.server import SampleSite
from warehouse import Warehouse

REPO = Path(__file__).resolve().parents[2]
ARTICLE = "/sonoivu/tin-tuc/thanh-pho-bac-kan-hop-ban-giai-phap-nang-cao-chi-so-cai-cach-hanh-chinh.html"


def _sitemap(site: SampleSite, lastmod: str) -> None:
    from sample_site.site import Page
    xml = (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
           f"<url><loc>{site.base_url}{ARTICLE}</loc><lastmod>{lastmod}</lastmod></url></urlset>")
    site.site.pages["/sitemap.xml"] = Page(xml.encode(), "application/xml", "Mon, 01 May 2023 00:00:00 GMT")


def test_changed_article_replaces_its_figures(tmp_path):
    data = tmp_path / "data"
    with SampleSite(port=0) as site:
        sources = tmp_path / "sources.yaml"
        sources.write_text(f"""sources:
  - id: sonoivu
    name: Sở Nội vụ (sample)
    province: Bắc Kạn
    start_urls: ["{site.base_url}/sonoivu/tin-tuc/"]
    rate_per_second: 50
    allow_private: true
""", encoding="utf-8")
        _sitemap(site, "2023-04-27")
        assert not run_pipeline(sources, data).failed
        wh = Warehouse(data / "warehouse")
        before = wh.versions()["figures"]
        assert wh.query("SELECT count(*) AS n FROM figures WHERE text = '81,81/100'").column("n")[0].as_py() == 1

        # The portal corrects the score and says so in its sitemap.
        page = site.site.pages[ARTICLE]
        site.site.pages[ARTICLE] = replace(page, body=page.body.replace("81,81/100".encode(), "82,81/100".encode()),
                                           last_modified="Tue, 02 May 2023 08:00:00 GMT")
        _sitemap(site, datetime.now(timezone.utc).isoformat(timespec="seconds"))  # changed after our fetch
        report = run_pipeline(sources, data)
        assert not report.failed and report.results_ok

    texts = wh.query("SELECT text FROM figures WHERE source_url LIKE '%thanh-pho-bac-kan%'").column("text").to_pylist()
    assert "82,81/100" in texts and "81,81/100" not in texts
    versions = wh.query("SELECT current FROM documents WHERE url LIKE '%thanh-pho-bac-kan%' ORDER BY current")
    assert versions.column("current").to_pylist() == [False, True]  # both archived copies stay readable
    result = wh.query("SELECT score FROM results WHERE unit_name = 'Thành phố Bắc Kạn' AND field = 'total' "
                      "AND year = 2022").column("score").to_pylist()
    assert result == [82.81]
    old = wh.query("SELECT count(*) AS n FROM figures WHERE text = '81,81/100'", as_of=f"figures={before}")
    assert old.column("n")[0].as_py() == 1  # history keeps the old figure
