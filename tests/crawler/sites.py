"""Portal-like sites in the styles Vietnamese provinces run (Drupal-ish, Liferay, SharePoint, WordPress)."""
from __future__ import annotations

from .site import Page, Site, html

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DOCX = b"PK\x03\x04" + b"\x00" * 26 + b"word/document.xml" + b"\x00" * 64


def drupal_site(site: Site, n_pages: int = 2) -> Site:
    """News listing with ?page=N pagination, rel=next, CCHC and off-topic articles, a PDF, RSS, sitemap."""
    site.add("/robots.txt", Page("User-agent: *\nDisallow: /admin/\n", content_type="text/plain"))
    for p in range(n_pages):
        nxt = f"<a href='/tin-tuc?page={p + 1}' rel='next'>Trang sau</a>" if p + 1 < n_pages else ""
        items = (f"<li><a href='/tin-tuc/cai-cach-hanh-chinh-ket-qua-{p}'>Công bố Chỉ số CCHC năm 202{p}</a></li>"
                 f"<li><a href='/tin-tuc/le-hoi-{p}'>Lễ hội mùa xuân {p}</a></li>"
                 f"<li><a href='/admin/cai-cach-hanh-chinh-{p}'>Quản trị CCHC</a></li>")
        site.add("/tin-tuc" + (f"?page={p}" if p else ""), html(
            "Tin tức", f"<ul>{items}</ul>{nxt}",
            head="<link rel='alternate' type='application/rss+xml' href='/rss/cchc.rss'>"))
        site.add(f"/tin-tuc/cai-cach-hanh-chinh-ket-qua-{p}", html(
            f"Công bố Chỉ số cải cách hành chính năm 202{p}",
            f"<p>Tỉnh đạt 81,81/100 điểm.</p><a href='/files/QD-{p}.pdf'>Quyết định</a>"
            f"<a href='/files/BaoCao-{p}.docx'>Báo cáo</a><a href='#top'>Lên đầu</a>"))
        site.add(f"/tin-tuc/le-hoi-{p}", html("Lễ hội", "<p>không liên quan</p>"))
        site.add(f"/files/QD-{p}.pdf", Page(PDF + str(p).encode(), content_type="application/pdf"))
        site.add(f"/files/BaoCao-{p}.docx", Page(DOCX + str(p).encode(), content_type="application/octet-stream"))
    site.add("/rss/cchc.rss", Page(
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>CCHC</title>"
        "<item><title>Kết quả Chỉ số SIPAS</title><link>/tin-tuc/sipas-2024</link>"
        "<pubDate>Mon, 06 Jan 2025 08:00:00 GMT</pubDate></item></channel></rss>",
        content_type="application/rss+xml"))
    site.add("/tin-tuc/sipas-2024", html("Chỉ số SIPAS 2024", "<p>SIPAS đạt 85,5%</p>"))
    return site
