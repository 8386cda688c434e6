"""Fault modes of issue 4: every failure ends in the fetch log with its reason, none stops the crawl."""
from __future__ import annotations

import gzip
import time

from crawler import crawl_source, crawl_sources

from .conftest import source_for
from .site import Page, html

ARTICLE = html("Chỉ số CCHC 2024", "<p>Tỉnh đạt 81,81 điểm</p>")


def _listing(*paths: str) -> str:
    return html("Tin tức", "".join(f"<a href='{p}'>Cải cách hành chính {i}</a>" for i, p in enumerate(paths)))


def _by_url(report, site, path):
    return [f for f in report.fetches if f.url == site.base + path]


def test_500_then_200_is_retried(site, archive, settings):
    calls = []

    def flaky(req):
        calls.append(req.at)
        return (500, {}, b"oops") if len(calls) == 1 else (200, {"Content-Type": "text/html"}, ARTICLE.encode())

    site.add("/list", _listing("/cchc-1")).add("/cchc-1", flaky)
    report = crawl_source(source_for(site, "/list"), archive, settings=settings)
    log = _by_url(report, site, "/cchc-1")
    assert [(f.status, f.outcome, f.reason) for f in log] == [(500, "error", "500, retried"), (200, "ok", None)]
    assert report.failures_by_reason == {}   # the retried 500 is not a failure
    assert len(report.documents) == 1


def test_429_honours_retry_after(site, archive, settings):
    calls = []

    def limited(req):
        calls.append(req.at)
        if len(calls) == 1:
            return 429, {"Retry-After": "1"}, b""
        return 200, {"Content-Type": "text/html"}, ARTICLE.encode()

    site.add("/list", _listing("/cchc-1", "/cchc-2")).add("/cchc-1", limited)
    site.add("/cchc-2", lambda req: (429, {"Retry-After": "3600"}, b""))
    report = crawl_source(source_for(site, "/list"), archive, settings=settings)
    assert len(calls) == 2 and calls[1] - calls[0] >= 0.95, "waited as long as Retry-After asked"
    gave_up = _by_url(report, site, "/cchc-2")
    assert len(gave_up) == 1 and "Retry-After 3600s exceeds limit" in gave_up[0].reason


def test_slow_response_times_out(site, archive, settings):
    settings.max_tries = 2

    def slow(req):
        time.sleep(1.0)   # read_timeout is 0.5 s
        return 200, {"Content-Type": "text/html"}, ARTICLE.encode()

    site.add("/list", _listing("/cchc-slow", "/cchc-ok")).add("/cchc-slow", slow).add("/cchc-ok", ARTICLE + "ok")
    report = crawl_source(source_for(site, "/list"), archive, settings=settings)
    assert [f.reason for f in _by_url(report, site, "/cchc-slow")] == ["timeout, retried", "timeout"]
    assert report.failures_by_reason.get("timeout") == 1
    assert [d.url for d in report.documents] == [site.base + "/cchc-ok"], "the crawl went on"


def test_truncated_body_is_an_error_not_an_archived_page(site, archive, settings):
    def truncated(req):
        h = req.handler
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", "5000")
        h.end_headers()
        h.wfile.write(ARTICLE.encode()[:100])
        h.wfile.flush()
        h.close_connection = True
        return None

    site.add("/list", _listing("/cchc-cut")).add("/cchc-cut", truncated)
    report = crawl_source(source_for(site, "/list"), archive, settings=settings)
    log = _by_url(report, site, "/cchc-cut")
    assert log[-1].outcome == "error" and log[-1].reason == "truncated"
    assert len(log) == settings.max_tries
    assert not report.documents and archive.url_state(site.base + "/cchc-cut") is None


def test_redirect_loop_and_too_many_redirects(site, archive, settings):
    site.add("/list", _listing("/cchc-a", "/cchc-r0"))
    site.add("/cchc-a", lambda r: (302, {"Location": "/cchc-b"}, b""))
    site.add("/cchc-b", lambda r: (301, {"Location": "/cchc-a"}, b""))
    for i in range(15):
        site.add(f"/cchc-r{i}", lambda r, i=i: (302, {"Location": f"/cchc-r{i + 1}"}, b""))
    report = crawl_source(source_for(site, "/list"), archive, settings=settings)
    assert _by_url(report, site, "/cchc-a")[0].reason == "redirect loop"
    assert _by_url(report, site, "/cchc-r0")[0].reason == "too many redirects"
    assert site.paths().count("/cchc-a") == 1
    assert sum(p.startswith("/cchc-r") for p in site.paths()) == 11   # the start plus 10 redirects


def test_oversized_and_gzip_bomb_stop_at_the_cap(site, archive, settings):
    settings.html_max_bytes = 64 * 1024
    big = ARTICLE + "x" * 200_000
    bomb = gzip.compress(b"<html>" + b" " * 20_000_000, compresslevel=9)

    def close_delimited(req):  # no Content-Length: the cap must stop the stream itself
        h = req.handler
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Connection", "close")
        h.end_headers()
        h.close_connection = True
        try:
            for _ in range(100):
                h.wfile.write(b"y" * 10_000)
        except (BrokenPipeError, ConnectionResetError):
            pass
        return None

    site.add("/list", _listing("/cchc-big", "/cchc-bomb", "/cchc-stream"))
    site.add("/cchc-big", big)
    site.add("/cchc-bomb", lambda r: (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, bomb))
    site.add("/cchc-stream", close_delimited)
    report = crawl_source(source_for(site, "/list"), archive, settings=settings)
    for path in ("/cchc-big", "/cchc-bomb", "/cchc-stream"):
        (f,) = _by_url(report, site, path)
        assert (f.outcome, f.reason, f.bytes) == ("too_large", "too large", 0), path
    assert not report.documents


def test_lying_content_type_is_sniffed(site, archive, settings):
    from .sites import PDF
    site.add("/list", _listing("/cchc-file", "/cchc-page"))
    site.add("/cchc-file", Page(PDF, content_type="text/html; charset=utf-8"))
    site.add("/cchc-page", Page(html("Chỉ số CCHC", "<a href='/tai-lieu.pdf'>tệp</a>"), content_type="application/octet-stream"))
    site.add("/tai-lieu.pdf", Page(PDF + b"2", content_type="text/plain"))
    report = crawl_source(source_for(site, "/list"), archive, settings=settings)
    got = {d.url.replace(site.base, ""): (d.kind, d.content_type) for d in report.documents}
    assert got == {"/cchc-file": ("attachment", "application/pdf"), "/cchc-page": ("article", "text/html"),
                   "/tai-lieu.pdf": ("attachment", "application/pdf")}
    lying = next(d for d in report.documents if d.url.endswith("/cchc-file"))
    back = archive.read(lying.record_id)
    assert back.content_type == "application/pdf" and back.headers["Content-Type"].startswith("text/html")


def test_robots_disallow_and_crawl_delay(site, archive, settings):
    site.add("/robots.txt", Page("User-agent: *\nCrawl-delay: 0.2\nDisallow: /private/\n", content_type="text/plain"))
    site.add("/list", _listing("/cchc-1", "/private/cchc-2", "/cchc-3"))
    site.add("/cchc-1", ARTICLE + "1").add("/cchc-3", ARTICLE + "3").add("/private/cchc-2", ARTICLE + "2")
    report = crawl_source(source_for(site, "/list"), archive, settings=settings)
    assert "/private/cchc-2" not in site.paths()
    (refused,) = [f for f in report.fetches if f.outcome == "robots_disallowed"]
    assert refused.url.endswith("/private/cchc-2") and refused.status is None
    # Spacing is checked on the crawler's send times (server arrival times add scheduling jitter).
    from datetime import datetime
    sent = [datetime.fromisoformat(f.fetched_at.replace("Z", "+00:00")).timestamp()
            for f in report.fetches if f.status is not None and f.kind != "robots"]
    gaps = [b - a for a, b in zip(sent, sent[1:])]
    assert len(gaps) >= 3 and min(gaps) >= 0.198, gaps  # ms-rounded timestamps


def test_robots_5xx_defers_the_host(site, archive, settings, tmp_path):
    site.add("/robots.txt", lambda r: (503, {}, b"down"))
    site.add("/list", _listing("/cchc-1")).add("/cchc-1", ARTICLE)
    src = source_for(site, "/list")
    report = crawl_source(src, archive, settings=settings)
    assert set(site.paths()) == {"/robots.txt"}, "no page fetched blind"
    assert report.deferred_hosts == [f"127.0.0.1:{site.port}"]
    assert [f.outcome for f in report.fetches if f.kind != "robots"] == ["skipped"]
    site.add("/robots.txt", Page("User-agent: *\nAllow: /\n", content_type="text/plain"))
    again = crawl_source(src, archive, settings=settings)
    assert [d.url for d in again.documents] == [site.base + "/cchc-1"]


def test_duplicate_content_under_two_urls_is_stored_once(site, archive, settings):
    site.add("/list", _listing("/cchc-a", "/cchc-b?print=1")).add("/cchc-a", ARTICLE).add("/cchc-b?print=1", ARTICLE)
    report = crawl_source(source_for(site, "/list"), archive, settings=settings)
    a, b = _by_url(report, site, "/cchc-a")[0], _by_url(report, site, "/cchc-b?print=1")[0]
    assert a.outcome == "ok" and b.outcome == "duplicate" and b.record_id == a.record_id
    assert [d.url for d in report.documents] == [a.url]
    types = sorted(r["type"] for r in archive.index_rows() if r["sha256"] == a.sha256)
    assert types == ["response", "revisit"]
    assert archive.read(archive.url_state(b.url).record_id).body == ARTICLE.encode()


def test_redirect_to_private_address_is_refused(site, archive, settings):
    settings.private_allowlist = {f"127.0.0.1:{site.port}"}   # the test site itself, nothing else
    site.add("/list", _listing("/cchc-meta", "/cchc-local"))
    site.add("/cchc-meta", lambda r: (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""))
    site.add("/cchc-local", lambda r: (302, {"Location": "http://127.0.0.2:9/cchc"}, b""))
    report = crawl_source(source_for(site, "/list", allow_private=False), archive, settings=settings)
    for path in ("/cchc-meta", "/cchc-local"):
        (f,) = _by_url(report, site, path)
        assert (f.outcome, f.reason) == ("error", "private address")
        assert f.final_url != f.url


def test_loopback_start_url_refused_without_allow_private(site, archive, settings):
    site.add("/list", _listing("/cchc-1"))
    report = crawl_source(source_for(site, "/list", allow_private=False), archive, settings=settings)
    assert site.paths() == []
    assert report.deferred_hosts and report.fetches[0].reason == "private address"


def test_404_is_final_and_one_broken_site_does_not_stop_others(site, archive, settings):
    from crawler import Source
    site.add("/list", _listing("/cchc-gone", "/cchc-1")).add("/cchc-1", ARTICLE)
    broken = Source(id="broken", name="Down", start_urls=["http://127.0.0.1:9/tin-tuc"], allow_private=True,
                    rate_per_second=1000.0)
    reports = crawl_sources([broken, source_for(site, "/list")], archive, settings=settings)
    assert site.paths().count("/cchc-gone") == 1
    assert reports["test"].failures_by_reason["404"] >= 1 and len(reports["test"].documents) == 1
    assert reports["broken"].documents == [] and reports["broken"].error is None
    assert any(f.reason == "connection error" for f in reports["broken"].fetches)


def test_connect_time_guard_refuses_private_peer_even_if_dns_check_passed(site, settings):
    # Simulates DNS rebinding: the name-based check is skipped (allowlisted name), but the
    # socket's real peer is loopback and the per-connection guard must still refuse it.
    import requests
    from crawler.safety import PublicOnlyAdapter
    site.add("/x", "hello")
    s = requests.Session()
    s.mount("http://", PublicOnlyAdapter(frozenset()))
    try:
        s.get(site.base + "/x", timeout=2)
        raise AssertionError("connected to a loopback peer")
    except requests.exceptions.ConnectionError as e:
        assert "refused non-public peer 127.0.0.1" in str(e)
    assert site.paths() == []
    ok = requests.Session()
    ok.mount("http://", PublicOnlyAdapter({f"127.0.0.1:{site.port}"}))
    assert ok.get(site.base + "/x", timeout=2).text == "hello"
