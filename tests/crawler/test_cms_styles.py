"""Discovery across the CMS styles Vietnamese portals run, feeds, sitemaps, charsets."""
from __future__ import annotations

import unicodedata

from crawler import crawl_source, plan_crawl

from .conftest import source_for
from .site import Page, html
from .sites import PDF


def _paths(report, site):
    return {d.url.replace(site.base, "") for d in report.documents}


def test_liferay_cur_pagination_and_documents(site, archive, settings):
    P = "p_p_id=101_INSTANCE_Ab3&p_p_lifecycle=0&_101_INSTANCE_Ab3_delta=10"
    for n in (1, 2, 3):
        nxt = f"<a href='/web/sonoivu/tin-tuc?{P}&_101_INSTANCE_Ab3_cur={n + 1}'>Tiếp theo</a>" if n < 3 else ""
        num = "".join(f"<a href='/web/sonoivu/tin-tuc?{P}&_101_INSTANCE_Ab3_cur={k}'>{k}</a>" for k in (1, 2, 3))
        site.add(f"/web/sonoivu/tin-tuc?{P}&_101_INSTANCE_Ab3_cur={n}" if n > 1 else "/web/sonoivu/tin-tuc", html(
            "Tin tức", f"<a href='/web/sonoivu/tin-tuc/-/asset_publisher/Ab3/content/xep-hang-chi-so-cchc-{n}'>"
                       f"Xếp hạng {n}</a><div class='paging'>{num}{nxt}</div>"))
        site.add(f"/web/sonoivu/tin-tuc/-/asset_publisher/Ab3/content/xep-hang-chi-so-cchc-{n}", html(
            f"Xếp hạng Chỉ số CCHC {n}",
            f"<a href='/documents/10180/2231/QD+CCHC+{n}.pdf/5f0c-{n}?version=1.0'>Tải về</a>"))
        site.add(f"/documents/10180/2231/QD+CCHC+{n}.pdf/5f0c-{n}?version=1.0", Page(PDF + bytes([n]), content_type="application/pdf"))
    report = crawl_source(source_for(site, "/web/sonoivu/tin-tuc"), archive, settings=settings)
    got = _paths(report, site)
    assert sum("/content/xep-hang-chi-so-cchc-" in p for p in got) == 3
    assert sum(p.startswith("/documents/10180/") for p in got) == 3


def test_sharepoint_paged_listing(site, archive, settings):
    site.add("/Pages/TinTuc.aspx", html("Tin tức", "<a href='/Pages/cai-cach-hanh-chinh-2024.aspx'>Tin 1</a>"
             "<a href='/Pages/TinTuc.aspx?Paged=TRUE&p_ID=41&PageFirstRow=21&View=%7BABC%7D'><img src='/n.gif'></a>"))
    site.add("/Pages/TinTuc.aspx?Paged=TRUE&p_ID=41&PageFirstRow=21&View=%7BABC%7D",
             html("Tin tức", "<a href='/Lists/VanBan/Attachments/12/KetQua_CCHC_2023.pdf'>Kết quả</a>"))
    site.add("/Pages/cai-cach-hanh-chinh-2024.aspx", html("Chỉ số CCHC", "x"))
    site.add("/Lists/VanBan/Attachments/12/KetQua_CCHC_2023.pdf", Page(PDF, content_type="application/pdf"))
    report = crawl_source(source_for(site, "/Pages/TinTuc.aspx"), archive, settings=settings)
    assert _paths(report, site) == {"/Pages/cai-cach-hanh-chinh-2024.aspx",
                                    "/Lists/VanBan/Attachments/12/KetQua_CCHC_2023.pdf"}


def test_wordpress_page_paths_and_feed(site, archive, settings):
    base = "/chuyen-muc/cai-cach-hanh-chinh/"
    site.add(base, html("Cải cách hành chính", "<a href='/2024/05/par-index-2023/'>PAR INDEX 2023</a>",
                        head=f"<link rel='next' href='{base}page/2/'>"
                             f"<link rel='alternate' type='application/rss+xml' href='{base}feed/'>"))
    site.add(base + "page/2/", html("Cải cách hành chính – Trang 2", "<a href='/2023/04/sipas-2022/'>SIPAS 2022</a>"))
    site.add(base + "feed/", Page(
        "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>CCHC</title>"
        "<entry><title>Chỉ số hài lòng 2024</title><link href='/2025/01/hai-long-2024/'/>"
        "<updated>2025-01-02T00:00:00Z</updated></entry></feed>", content_type="text/xml"))
    for p in ("/2024/05/par-index-2023/", "/2023/04/sipas-2022/", "/2025/01/hai-long-2024/"):
        site.add(p, html("Bài " + p, "x"))
    report = crawl_source(source_for(site, base), archive, settings=settings)
    assert _paths(report, site) == {"/2024/05/par-index-2023/", "/2023/04/sipas-2022/", "/2025/01/hai-long-2024/"}
    assert {f.kind for f in report.fetches if f.url.endswith("feed/")} == {"feed"}


def _cp1258(text: str) -> bytes:
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        for k in range(len(d), 0, -1):
            try:
                out += unicodedata.normalize("NFC", d[:k]).encode("cp1258") + d[k:].encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
    return out


def test_homegrown_trang_param_windows_1258_and_nfd(site, archive, settings):
    page1 = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1258'>"
             "<title>Tin tức</title></head><body><a href='/tin.aspx?id=7'>Công bố Chỉ số Cải cách hành chính</a>"
             "<a href='/tintuc.aspx?trang=2'>Trang tiếp</a></body></html>")
    site.add("/tintuc.aspx", Page(_cp1258(page1), content_type="text/html"))
    nfd = unicodedata.normalize("NFD", "<html><body><a href='/tin.aspx?id=9'>Kết quả cải cách hành chính</a></body></html>")
    site.add("/tintuc.aspx?trang=2", Page(nfd, content_type="text/html; charset=utf-8"))
    site.add("/tin.aspx?id=7", html("a", "x")).add("/tin.aspx?id=9", html("b", "y"))
    report = crawl_source(source_for(site, "/tintuc.aspx"), archive, settings=settings)
    assert _paths(report, site) == {"/tin.aspx?id=7", "/tin.aspx?id=9"}


def test_sitemap_from_robots_and_lastmod_triggers_refetch(site, archive, settings):
    site.add("/robots.txt", Page("User-agent: *\nAllow: /\nSitemap: /sitemaps/index.xml\n", content_type="text/plain"))
    site.add("/sitemaps/index.xml", Page("<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                                         "<sitemap><loc>/sitemaps/news.xml</loc></sitemap></sitemapindex>",
                                         content_type="application/xml"))

    def news(lastmod):
        return Page("<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                    f"<url><loc>/cai-cach-hanh-chinh/ket-qua-2024</loc><lastmod>{lastmod}</lastmod></url>"
                    "<url><loc>/the-thao/bong-da</loc></url></urlset>", content_type="application/xml")

    site.add("/sitemaps/news.xml", news("2020-01-01"))
    site.add("/home", html("Trang chủ", "")).add("/cai-cach-hanh-chinh/ket-qua-2024", html("Kết quả", "v1"))
    src = source_for(site, "/home")
    first = crawl_source(src, archive, settings=settings)
    assert _paths(first, site) == {"/cai-cach-hanh-chinh/ket-qua-2024"}
    assert "/the-thao/bong-da" not in site.paths()
    site.add("/sitemaps/news.xml", news("2099-01-01"))
    site.add("/cai-cach-hanh-chinh/ket-qua-2024", html("Kết quả", "v2 (đính chính)"))
    second = crawl_source(src, archive, settings=settings)
    assert _paths(second, site) == {"/cai-cach-hanh-chinh/ket-qua-2024"}


def test_plan_for_a_feed_start_url(site, settings):
    site.add("/rss", Page("<?xml version='1.0'?><rss><channel><item><title>Chỉ số PAR INDEX</title>"
                          "<link>/bai/1</link></item><item><title>Bóng đá</title><link>/bai/2</link></item>"
                          "</channel></rss>", content_type="application/rss+xml"))
    plan = plan_crawl(source_for(site, "/rss"), settings)
    assert [(k, u.replace(site.base, "")) for k, u in plan] == [
        ("robots", "/robots.txt"), ("listing", "/rss"), ("sitemap", "/sitemap.xml"), ("article", "/bai/1")]


def test_meta_refresh_root_leads_to_the_portal(site, archive, settings):
    site.add("/", "<html><head><meta http-equiv='Refresh' content='0; URL=/portal/tin-tuc'></head></html>")
    site.add("/portal/tin-tuc", html("Tin tức", "<a href='/portal/cchc-1'>Chỉ số CCHC</a>"))
    site.add("/portal/cchc-1", html("Chỉ số CCHC", "x"))
    report = crawl_source(source_for(site, "/"), archive, settings=settings)
    assert _paths(report, site) == {"/portal/cchc-1"}


def test_cchc_category_feed_vouches_for_its_items(site, archive, settings):
    site.add("/", html("Báo", "<a href='/rss/cai-cach-hanh-chinh.rss'>RSS</a><a href='/rss/the-thao.rss'>RSS</a>"))
    item = "<item><title>{t}</title><link>{u}</link></item>"
    site.add("/rss/cai-cach-hanh-chinh.rss", Page(
        "<?xml version='1.0'?><rss><channel>" + item.format(t="Huyện A dẫn đầu", u="/bai/a") + "</channel></rss>",
        content_type="application/rss+xml"))
    site.add("/rss/the-thao.rss", Page(
        "<?xml version='1.0'?><rss><channel>" + item.format(t="Bóng đá", u="/bai/b") + "</channel></rss>",
        content_type="application/rss+xml"))
    site.add("/bai/a", html("Huyện A dẫn đầu", "x")).add("/bai/b", html("Bóng đá", "y"))
    report = crawl_source(source_for(site, "/"), archive, settings=settings)
    assert _paths(report, site) == {"/bai/a"}


def test_download_links_without_extension_on_an_article(site, archive, settings):
    site.add("/list", html("Tin", "<a href='/tin/cchc-2024'>Kết quả chỉ số CCHC</a>"
                                  "<a href='/Download.aspx?id=99'>Tải về</a>"))
    site.add("/tin/cchc-2024", html("Kết quả chỉ số CCHC", "<a href='/tai-ve/123'>Tải về</a>"))
    site.add("/tai-ve/123", Page(PDF + b"dl", content_type="application/octet-stream"))
    site.add("/Download.aspx?id=99", Page(PDF + b"other", content_type="application/octet-stream"))
    report = crawl_source(source_for(site, "/list"), archive, settings=settings)
    assert {(d.kind, d.url.replace(site.base, "")) for d in report.documents} == {
        ("article", "/tin/cchc-2024"), ("attachment", "/tai-ve/123")}
    assert "/Download.aspx?id=99" not in site.paths(), "off-page downloads need words of their own"


def test_gzipped_sitemap_index_reads_recent_sitemaps_only(site, archive, settings):
    import gzip
    settings.max_nested_sitemaps = 2
    site.add("/robots.txt", Page("User-agent: *\nSitemap: /sitemap.xml.gz\n", content_type="text/plain"))
    entries = "".join(f"<sitemap><loc>/sm-{m:02d}.xml</loc><lastmod>2024-{m:02d}-28</lastmod></sitemap>"
                      for m in range(1, 13))
    site.add("/sitemap.xml.gz", Page(gzip.compress(
        f"<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{entries}"
        "</sitemapindex>".encode()), content_type="application/x-gzip"))
    for m in range(1, 13):
        site.add(f"/sm-{m:02d}.xml", Page(
            "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
            f"<url><loc>/cai-cach-hanh-chinh/{m}</loc></url></urlset>", content_type="application/xml"))
        site.add(f"/cai-cach-hanh-chinh/{m}", html("CCHC", str(m)))
    site.add("/home", html("Trang chủ", ""))
    report = crawl_source(source_for(site, "/home"), archive, settings=settings)
    assert _paths(report, site) == {"/cai-cach-hanh-chinh/12", "/cai-cach-hanh-chinh/11"}
