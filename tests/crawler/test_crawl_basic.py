from __future__ import annotations

from crawler import Archive, crawl_source, plan_crawl

from .conftest import source_for
from .sites import drupal_site


def test_first_crawl_finds_relevant_articles_and_attachments(site, archive, settings):
    drupal_site(site)
    report = crawl_source(source_for(site, "/tin-tuc"), archive, settings=settings)
    docs = {(d.kind, d.url.replace(site.base, "")) for d in report.documents}
    assert docs == {
        ("article", "/tin-tuc/cai-cach-hanh-chinh-ket-qua-0"), ("article", "/tin-tuc/cai-cach-hanh-chinh-ket-qua-1"),
        ("attachment", "/files/QD-0.pdf"), ("attachment", "/files/QD-1.pdf"),
        ("attachment", "/files/BaoCao-0.docx"), ("attachment", "/files/BaoCao-1.docx"),
        ("article", "/tin-tuc/sipas-2024"),
    }
    paths = site.paths()
    assert not any("le-hoi" in p for p in paths), "off-topic articles are not fetched"
    assert not any(p.startswith("/admin") for p in paths), "robots.txt disallow is obeyed"
    assert "/tin-tuc?page=1" in paths and "/rss/cchc.rss" in paths
    disallowed = [f for f in report.fetches if f.outcome == "robots_disallowed"]
    assert disallowed and all("/admin/" in f.url for f in disallowed)
    pdf = next(d for d in report.documents if d.url.endswith("QD-0.pdf"))
    assert pdf.content_type == "application/pdf" and pdf.record_id and pdf.warc_file
    docx = next(d for d in report.documents if d.url.endswith("BaoCao-0.docx"))
    assert docx.content_type.endswith("wordprocessingml.document"), "type sniffed from the bytes"
    back = archive.read(pdf.record_id)
    assert back.body.startswith(b"%PDF") and back.status == 200 and back.url == pdf.url
    assert all(r["url"].startswith(site.base) for r in archive.index_rows())
    ua = site.log[0].headers["user-agent"]
    assert ua.startswith("parwatch/0.1 (+http")


def test_unchanged_recrawl_makes_only_conditional_requests(tmp_path, site, settings):
    drupal_site(site)
    src = source_for(site, "/tin-tuc")
    a = Archive(tmp_path / "arch")
    first = crawl_source(src, a, settings=settings)
    rows_before = len(a)
    files_before = sorted(p.name for p in (tmp_path / "arch").rglob("*.warc.gz"))
    a.close()
    site.clear_log()
    a = Archive(tmp_path / "arch")   # next night: a new process opens the same root
    second = crawl_source(src, a, settings=settings)
    assert len(a) == rows_before
    assert sorted(p.name for p in (tmp_path / "arch").rglob("*.warc.gz")) == files_before
    assert second.documents == []
    for req in site.log:
        assert "if-none-match" in req.headers or "if-modified-since" in req.headers, req.path
    assert {r.path for r in site.log} == {"/robots.txt", "/tin-tuc", "/tin-tuc?page=1", "/rss/cchc.rss"}
    assert second.not_modified == len(site.log)
    assert second.skipped_archived >= 7
    assert len(site.log) < first.requests


def test_new_article_is_found_on_the_next_night(tmp_path, site, settings):
    drupal_site(site, n_pages=1)
    src = source_for(site, "/tin-tuc")
    a = Archive(tmp_path / "arch")
    crawl_source(src, a, settings=settings)
    from .site import html
    site.add("/tin-tuc", html("Tin tức", "<a href='/tin-tuc/chi-so-par-index-2025'>PAR INDEX 2025</a>"))
    site.add("/tin-tuc/chi-so-par-index-2025", html("PAR INDEX 2025", "<p>x</p>"))
    second = crawl_source(src, a, settings=settings)
    assert [d.url for d in second.documents] == [site.base + "/tin-tuc/chi-so-par-index-2025"]


def test_plan_crawl_lists_without_archiving(site, settings, tmp_path):
    drupal_site(site)
    plan = plan_crawl(source_for(site, "/tin-tuc"), settings)
    kinds = {(k, u.replace(site.base, "")) for k, u in plan}
    assert ("robots", "/robots.txt") in kinds and ("listing", "/tin-tuc?page=1") in kinds
    assert ("article", "/tin-tuc/cai-cach-hanh-chinh-ket-qua-0") in kinds
    assert not any("/tin-tuc/cai-cach" in p for p in site.paths()), "articles are only listed"


def test_server_without_validators_recrawl_adds_nothing(site, archive, settings):
    from .site import Page, html
    site.add("/robots.txt", Page("User-agent: *\n", content_type="text/plain", etag=False))
    site.add("/list", Page(html("Tin", "<a href='/cchc'>CCHC</a>"), etag=False))
    site.add("/cchc", Page(html("Chỉ số CCHC", "x"), etag=False))
    src = source_for(site, "/list")
    crawl_source(src, archive, settings=settings)
    rows = len(archive)
    again = crawl_source(src, archive, settings=settings)
    assert len(archive) == rows and again.documents == []
    assert {(f.url.replace(site.base, ""), f.status, f.outcome) for f in again.fetches} == {
        ("/robots.txt", 200, "not_modified"), ("/list", 200, "not_modified")}


def test_last_modified_validator_is_sent_back(site, archive, settings):
    from .site import Page, html
    lm = "Wed, 01 Jan 2025 00:00:00 GMT"
    site.add("/list", Page(html("Tin", "<a href='/cchc'>CCHC</a>"), etag=False, last_modified=lm))
    src = source_for(site, "/list")
    crawl_source(src, archive, settings=settings)
    site.clear_log()
    again = crawl_source(src, archive, settings=settings)
    assert site.requests_to("/list")[0].headers["if-modified-since"] == lm
    assert [f.status for f in again.fetches if f.url.endswith("/list")] == [304]


def test_long_listing_recrawl_stops_after_known_pages(site, archive, settings):
    from .site import html
    n = 8
    for p in range(n):
        nxt = f"<a rel='next' href='/tin?page={p + 1}'>Trang sau</a>" if p + 1 < n else ""
        site.add("/tin" + (f"?page={p}" if p else ""), html("Tin", f"<a href='/cchc-{p}'>CCHC {p}</a>{nxt}"))
        site.add(f"/cchc-{p}", html(f"Chỉ số CCHC {p}", str(p)))
    src = source_for(site, "/tin")
    first = crawl_source(src, archive, settings=settings)
    assert len(first.documents) == n
    site.clear_log()
    crawl_source(src, archive, settings=settings)
    listing_reads = [p for p in site.paths() if p.startswith("/tin")]
    assert listing_reads == ["/tin", "/tin?page=1", "/tin?page=2"], "unchanged pages 1-3, then stop"
    # A new item on the first page is found, and the walk still stops once pages are known.
    site.add("/tin", html("Tin", "<a href='/cchc-new'>CCHC mới</a><a rel='next' href='/tin?page=1'>Trang sau</a>"))
    site.add("/cchc-new", html("Chỉ số CCHC mới", "new"))
    third = crawl_source(src, archive, settings=settings)
    assert [d.url for d in third.documents] == [site.base + "/cchc-new"]


def test_interrupted_first_crawl_resumes_deep_pages(site, archive, settings):
    from .site import html
    n = 8
    for p in range(n):
        nxt = f"<a rel='next' href='/tin?page={p + 1}'>Trang sau</a>" if p + 1 < n else ""
        site.add("/tin" + (f"?page={p}" if p else ""), html("Tin", f"<a href='/cchc-{p}'>CCHC {p}</a>{nxt}"))
        site.add(f"/cchc-{p}", html(f"Chỉ số CCHC {p}", str(p)))
    cut = crawl_source(source_for(site, "/tin", max_pages=7), archive, settings=settings)
    assert cut.hit_max_pages
    rest = crawl_source(source_for(site, "/tin"), archive, settings=settings)
    got = {d.url for d in cut.documents} | {d.url for d in rest.documents}
    assert got == {site.base + f"/cchc-{p}" for p in range(n)}
