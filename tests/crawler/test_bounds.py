"""max_pages as a hard bound, per-host rate shared across threads, the sources file."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from crawler import crawl_source, crawl_sources, load_sources

from .conftest import source_for
from .site import html


def _sent(reports):
    return sorted(datetime.fromisoformat(f.fetched_at.replace("Z", "+00:00")).timestamp()
                  for r in reports for f in r.fetches if f.status is not None)


def test_max_pages_is_a_hard_bound(site, archive, settings):
    links = "".join(f"<a href='/cchc-{i}'>CCHC {i}</a>" for i in range(30))
    site.add("/list", html("Tin", links))
    for i in range(30):
        site.add(f"/cchc-{i}", html(f"Chỉ số CCHC {i}", "x"))
    report = crawl_source(source_for(site, "/list", max_pages=5), archive, settings=settings)
    assert report.hit_max_pages
    assert len([p for p in site.paths() if p != "/robots.txt"]) == 5


def test_rate_per_host_holds_across_threads(site, archive, settings):
    for i in range(6):
        site.add(f"/a{i}", html("Tin", f"<a href='/cchc-a{i}'>CCHC</a>")).add(f"/cchc-a{i}", html("CCHC", f"a{i}"))
    # Two sources on the same host, crawled concurrently: together they must keep the host's pace.
    s1 = source_for(site, "/a0", "/a1", "/a2", id="one", rate_per_second=10.0)
    s2 = source_for(site, "/a3", "/a4", "/a5", id="two", rate_per_second=10.0)
    reports = crawl_sources([s1, s2], archive, settings=settings)
    sent = _sent(reports.values())
    gaps = [b - a for a, b in zip(sent, sent[1:])]
    assert len(sent) >= 12 and min(gaps) >= 0.098, gaps  # ms-rounded timestamps


def test_vietnam_sources_file_is_valid():
    sources = load_sources(Path(__file__).resolve().parents[2] / "sources" / "vietnam.yaml")
    provinces = {s.province for s in sources if s.province}
    assert len(provinces) >= 20
    assert all(not s.allow_private and s.verify_tls for s in sources)
    assert all(h.endswith(".vn") for s in sources for h in s.allowed_domains)


def test_hosts_are_crawled_concurrently(archive, settings):
    import threading
    settings.read_timeout = 5.0
    from .site import Site
    b_seen = threading.Event()
    overlapped = []

    def slow_a(req):
        overlapped.append(b_seen.wait(3.0))   # only a concurrent crawl of B sets it (returns at once then)
        return 200, {"Content-Type": "text/html"}, html("Tin", "x").encode()

    def b_page(req):
        b_seen.set()
        return 200, {"Content-Type": "text/html"}, html("Tin", "y").encode()

    with Site() as a, Site() as b:
        a.add("/robots.txt", "User-agent: *\n").add("/list", slow_a)
        b.add("/robots.txt", lambda r: (b_seen.set() or 404, {}, b"")).add("/list", b_page)
        crawl_sources([source_for(a, "/list", id="a"), source_for(b, "/list", id="b")], archive, settings=settings)
    assert overlapped == [True]


def test_time_budget_stops_the_run(site, archive, settings):
    settings.max_run_seconds = 0.0
    site.add("/list", html("Tin", "<a href='/cchc'>CCHC</a>"))
    report = crawl_source(source_for(site, "/list"), archive, settings=settings)
    assert report.hit_time_budget and site.paths() == []
