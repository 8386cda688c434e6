"""`parwatch audit --live`: the figures' sources re-fetched from loopback servers."""
from __future__ import annotations

import argparse
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from audit import audit_live
from audit.cli import add_subcommands
from audit.findings import CHANGED, MOVED, SKIPPED, UNCHANGED, VANISHED
from audit.live import recheck_url
from audit.refetch import PoliteRefetcher
from audit.warehouse_view import FigureRef
from crawler.settings import CrawlSettings
from crawler.sources import Source, load_sources
from sample_site.site import Page
from warehouse import Warehouse

FAST = CrawlSettings(max_tries=1)  # a failed request is reported at once, not retried with backoff


def _cli(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="parwatch")
    add_subcommands(ap.add_subparsers(dest="command", required=True))
    a = ap.parse_args(argv)
    return a.func(a)


def _cited_paths(sample) -> dict[str, list[dict]]:
    rows = Warehouse(sample["data"] / "warehouse").query(
        "SELECT source_url, figure_id, text, quote FROM figures").to_pylist()
    base = sample["site"].base_url
    out: dict[str, list[dict]] = {}
    for r in rows:
        out.setdefault(r["source_url"].removeprefix(base), []).append(r)
    return out


@pytest.fixture
def pages(sample):
    """The sample site's pages, restored after the test edits them."""
    pages = sample["site"].site.pages
    saved = dict(pages)
    yield pages
    pages.clear()
    pages.update(saved)


def test_unchanged_site_reports_nothing_and_asks_conditionally(sample, capsys):
    site = sample["site"]
    site.log.clear()
    report = audit_live(sample["data"], load_sources(sample["sources"]))
    assert report.ok, report.lines()
    assert {s.outcome for s in report.sources} == {UNCHANGED}
    assert len(report.sources) == len(_cited_paths(sample))
    # Politeness: robots.txt read, and each page asked with its validators (a 304, no body).
    asked = [(p, how, status) for p, how, status in site.log]
    assert ("/robots.txt", "plain", 200) in asked
    assert all(how == "conditional" and status == 304 for p, how, status in asked if p != "/robots.txt")
    assert _cli(["audit", "--live", "--data", str(sample["data"]), "--sources", str(sample["sources"])]) == 0
    assert "live audit OK" in capsys.readouterr().out


def test_changed_and_vanished_pages_and_lost_quotes(sample, pages, capsys):
    cited = _cited_paths(sample)
    html_path = next(p for p in cited if p.endswith(".html"))
    gone_path = next(p for p in cited if p != html_path)
    fig = cited[html_path][0]
    page = pages[html_path]
    # The site edits the article: the sentence stating the figure now says something else.
    body = page.body.decode("utf-8").replace(fig["text"], "[đã sửa]")
    pages[html_path] = Page(body.encode("utf-8"), page.content_type, "Mon, 01 Jan 2024 00:00:00 GMT")
    del pages[gone_path]
    report = audit_live(sample["data"], load_sources(sample["sources"]), settings=FAST)
    by_url = {s.url.removeprefix(sample["site"].base_url): s for s in report.sources}
    assert by_url[html_path].outcome == CHANGED and "differs" in by_url[html_path].detail
    assert by_url[gone_path].outcome == VANISHED and by_url[gone_path].status == 404
    lost = {f.figure_id for f in report.missing_quotes}
    assert fig["figure_id"] in lost
    assert not report.ok
    assert _cli(["audit", "--live", "--data", str(sample["data"]), "--sources", str(sample["sources"])]) == 1
    out = capsys.readouterr().out
    assert "CHANGED" in out and "VANISHED" in out and f"FAIL figure {fig['figure_id']}" in out
    assert "quote no longer appears" in out


def test_sample_checks_that_many_figures(sample):
    report = audit_live(sample["data"], load_sources(sample["sources"]), sample=1, seed=7)
    assert report.figures == 1 and len(report.sources) == 1
    one = next(iter(_cited_paths(sample).values()))[0]
    report = audit_live(sample["data"], load_sources(sample["sources"]), figure_ids=[one["figure_id"]])
    assert report.figures == 1 and report.sources[0].url == one["source_url"]


def test_loopback_is_refused_without_allow_private(sample):
    # No sources file: the contract's defaults apply, and they do not reach loopback addresses.
    report = audit_live(sample["data"], [], settings=FAST)
    assert {s.outcome for s in report.sources} == {SKIPPED}
    assert all("allow_private" in s.detail for s in report.sources)


class _Site:
    """A loopback site whose pages move and whose robots.txt forbids /private/."""

    def __init__(self):
        self.bodies = {"/new/bao-cao.html": b"<html><body><p>Huyen dat 88,21/100 diem.</p></body></html>",
                       "/private/x.html": b"<p>secret</p>",
                       "/robots.txt": b"User-agent: *\nDisallow: /private/\n"}
        outer = self

        class H(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                if self.path == "/old/bao-cao.html":
                    self.send_response(301)
                    self.send_header("Location", "/new/bao-cao.html")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = outer.bodies.get(self.path)
                self.send_response(200 if body is not None else 404)
                body = body if body is not None else b"not found"
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *a):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture
def moving_site():
    s = _Site()
    yield s
    s.httpd.shutdown()
    s.httpd.server_close()


def _ref(url: str, sha: str = "0" * 64, quote: str = "Huyen dat 88,21/100 diem.") -> FigureRef:
    return FigureRef("fig1", "doc1", "88,21/100", 10, 19, quote, "t", url, "rec", sha)


def test_redirect_is_reported_as_moved(moving_site):
    src = Source(id="t", name="t", start_urls=[moving_site.base + "/"], allow_private=True, rate_per_second=50)
    fetcher = PoliteRefetcher(src, FAST)
    try:
        url = moving_site.base + "/old/bao-cao.html"
        check = recheck_url(url, [_ref(url)], fetcher)
        assert check.outcome == MOVED and check.final_url == moving_site.base + "/new/bao-cao.html"
        assert check.missing_quotes == []  # same words at the new address
        gone = recheck_url(url, [_ref(url, quote="no longer said")], fetcher)
        assert [f.figure_id for f in gone.missing_quotes] == ["fig1"]
    finally:
        fetcher.close()


def test_robots_disallow_is_obeyed(moving_site):
    src = Source(id="t", name="t", start_urls=[moving_site.base + "/"], allow_private=True, rate_per_second=50)
    fetcher = PoliteRefetcher(src, FAST)
    try:
        check = recheck_url(moving_site.base + "/private/x.html", [_ref("x")], fetcher)
        assert check.outcome == SKIPPED and "robots.txt disallows" in check.detail
    finally:
        fetcher.close()
