"""The sample site's pages, built from content/site.yaml and the seed documents."""
from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path

import yaml

CONTENT = Path(__file__).parent / "content"


@dataclass(frozen=True)
class Page:
    body: bytes
    content_type: str
    last_modified: str  # HTTP date

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:20] + '"'


@dataclass(frozen=True)
class Article:
    portal: str
    slug: str
    title: str
    paragraphs: list[str]
    published: datetime
    attachment: str | None

    @property
    def path(self) -> str:
        return f"/{self.portal}/tin-tuc/{self.slug}.html" if self.portal == "sonoivu" else f"/{self.portal}/{self.slug}.html"


def _load_article(portal: str, spec: dict) -> Article:
    title = spec.get("title")
    if "seed" in spec:
        lines = (CONTENT / "seeds" / spec["seed"]).read_text(encoding="utf-8").split("\n")
        if title is None:  # the seed's first line is its headline
            title, lines = lines[0].strip(), lines[1:]
        text = "\n".join(lines)
    else:
        text = spec.get("intro") or spec.get("body") or ""
    # Paragraphs as a CMS stores them: one <p> per non-empty source line.
    paragraphs = [line.strip() for line in text.split("\n") if line.strip() and line.strip() not in {".", ","}]
    return Article(portal, spec["slug"], title, paragraphs, datetime.fromisoformat(spec["published"]), spec.get("attachment"))


def _layout(portal_name: str, title: str, main: str, home: str) -> str:
    esc = html.escape
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{esc(title)} - {esc(portal_name)}</title>
<link rel="stylesheet" href="/static/site.css"></head>
<body>
<header class="top"><div class="logo">{esc(portal_name)}</div>
<nav class="menu"><ul><li><a href="{home}">Trang chủ</a></li><li><a href="{home}">Tin tức - Sự kiện</a></li>
<li><a href="{home}">Cải cách hành chính</a></li><li><a href="{home}">Văn bản</a></li><li><a href="{home}">Liên hệ</a></li></ul></nav></header>
<main>{main}</main>
<footer class="bottom"><p>Cơ quan chủ quản: {esc(portal_name)}. Địa chỉ: số 10 đường Trường Chinh. Điện thoại: 0209 3870 000.</p>
<p>Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p></footer>
</body></html>"""


class Site:
    """Every path the sample site serves, rendered once."""

    def __init__(self) -> None:
        spec = yaml.safe_load((CONTENT / "site.yaml").read_text(encoding="utf-8"))
        self.pages: dict[str, Page] = {}
        robots = "User-agent: *\nDisallow: /admin/\nAllow: /\n"
        self.pages["/robots.txt"] = Page(robots.encode(), "text/plain; charset=utf-8", _http_date(datetime(2023, 1, 1)))
        self.pages["/static/site.css"] = Page(b"body{font-family:sans-serif}", "text/css", _http_date(datetime(2023, 1, 1)))
        for portal, pspec in spec["portals"].items():
            articles = [_load_article(portal, a) for a in pspec["articles"]]
            self._add_portal(portal, pspec, articles)

    def _add_portal(self, portal: str, pspec: dict, articles: list[Article]) -> None:
        esc = html.escape
        name, listing, per_page = pspec["name"], pspec["listing"], pspec["per_page"]
        articles = sorted(articles, key=lambda a: a.published, reverse=True)
        pages = [articles[i:i + per_page] for i in range(0, len(articles), per_page)]
        for n, chunk in enumerate(pages, 1):
            items = "\n".join(
                f'<li class="news-item"><a href="{a.path}">{esc(a.title)}</a> '
                f'<span class="date">{a.published:%d/%m/%Y}</span></li>' for a in chunk)
            pager = ""
            if n > 1:
                prev = listing if n == 2 else f"{listing}?page={n - 1}"
                pager += f'<a href="{prev}" rel="prev">Trang trước</a> '
            if n < len(pages):
                pager += f'<a href="{listing}?page={n + 1}" rel="next">Trang sau</a>'
            main = f'<h1>Tin tức</h1><ul class="news-list">{items}</ul><div class="pager">{pager}</div>'
            path = listing if n == 1 else f"{listing}?page={n}"
            newest = max(a.published for a in chunk)
            self.pages[path] = Page(_layout(name, "Tin tức", main, listing).encode(), "text/html; charset=utf-8", _http_date(newest))
        for a in articles:
            body = "\n".join(f"<p>{esc(p)}</p>" for p in a.paragraphs)
            if a.attachment:
                body += (f'\n<div class="attachments"><p>Tệp đính kèm: '
                         f'<a href="{a.attachment}">{esc(a.attachment.rsplit("/", 1)[-1])}</a></p></div>')
                data = (CONTENT / "files" / a.attachment.rsplit("/", 1)[-1]).read_bytes()
                self.pages[a.attachment] = Page(data, "application/pdf", _http_date(a.published))
            related = "".join(f'<li><a href="{o.path}">{esc(o.title)}</a></li>' for o in articles if o is not a)[:2000]
            main = (f'<div class="breadcrumb"><a href="{listing}">Tin tức</a></div>'
                    f'<article><h1 class="title">{esc(a.title)}</h1>'
                    f'<div class="meta">Ngày đăng: {a.published:%d/%m/%Y %H:%M}</div>'
                    f'<div class="content">{body}</div></article>'
                    f'<aside class="related"><h3>Tin liên quan</h3><ul>{related}</ul></aside>')
            page = _layout(name, a.title, main, listing).replace(
                "</title>", f'</title><meta property="article:published_time" content="{a.published.isoformat()}">', 1)
            self.pages[a.path] = Page(page.encode(), "text/html; charset=utf-8", _http_date(a.published))


def _http_date(dt: datetime) -> str:
    if dt.tzinfo is None:
        from datetime import timezone
        dt = dt.replace(tzinfo=timezone.utc)
    return format_datetime(dt.astimezone(__import__("datetime").timezone.utc), usegmt=True)
