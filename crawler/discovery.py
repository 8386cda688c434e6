"""Links out of a page: listings and their pagination, feeds, sitemaps, articles, attachments."""
from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup
from lxml import etree

from .relevance import fold
from .urls import URLError, canonicalize, is_pagination_of, looks_like_attachment, looks_like_download

_NEXT_TEXT = re.compile(r"^\s*(trang\s+(sau|tiep|ke)|tiep\s+theo|sau|next|›|»|>|>>)\s*$")
_FEED_TYPES = {"application/rss+xml", "application/atom+xml"}


@dataclass
class Link:
    url: str
    text: str          # anchor text or feed/sitemap title ("" if none)
    hint: str          # "next" | "page" | "refresh" | "feed" | "attachment" | "download" | "link"
    lastmod: str | None = None


def _abs(href: str | None, base: str) -> str | None:
    if not href or href.strip().lower().startswith(("javascript:", "mailto:", "tel:", "#", "data:")):
        return None
    try:
        return canonicalize(href, base=base)
    except URLError:
        return None


def html_links(text: str, page_url: str) -> tuple[str, list[Link]]:
    """(title, links) of an HTML page."""
    soup = BeautifulSoup(text, "lxml")
    base_tag = soup.find("base", href=True)
    base = _abs(base_tag["href"], page_url) if base_tag else page_url
    base = base or page_url
    title = " ".join(t.get_text(" ", strip=True) for t in soup.find_all(["title", "h1"])[:2])
    out: list[Link] = []
    for meta in soup.find_all("meta", attrs={"http-equiv": re.compile("^refresh$", re.I)}):
        m = re.search(r"url\s*=\s*['\"]?([^'\";]+)", meta.get("content") or "", re.I)
        url = _abs(m.group(1), base) if m else None
        if url and url != page_url:
            out.append(Link(url, title, "refresh"))
    for tag in soup.find_all(["link", "a", "area"], href=True):
        url = _abs(tag["href"], base)
        if not url or url == page_url:
            continue
        rel = " ".join(tag.get("rel") or []).lower()
        label = tag.get_text(" ", strip=True) or tag.get("title") or ""
        if tag.name == "link":
            if "next" in rel.split():
                out.append(Link(url, label, "next"))
            elif "alternate" in rel and (tag.get("type") or "").lower() in _FEED_TYPES:
                out.append(Link(url, tag.get("title") or "", "feed"))
            continue
        if "next" in rel.split() or _NEXT_TEXT.match(fold(label).strip() or label.strip()):
            out.append(Link(url, label, "next"))
        elif looks_like_attachment(url):
            out.append(Link(url, label, "attachment"))
        elif looks_like_download(url):
            out.append(Link(url, label, "download"))
        elif is_pagination_of(url, page_url) and (label.strip().isdigit() or not label.strip()
                                                  or _NEXT_TEXT.match(fold(label).strip())):
            out.append(Link(url, label, "page"))
        elif url.endswith((".rss", "/rss", "/feed", ".atom")) or "rss" in (tag.get("type") or ""):
            out.append(Link(url, label, "feed"))
        else:
            out.append(Link(url, label, "link"))
    return title, out


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _xml_root(body: bytes):
    """Parse feed/sitemap XML leniently (portals serve broken XML) and safely (no entities, no network)."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(body.lstrip(b"\xef\xbb\xbf \t\r\n"), parser=parser)
    if root is None:
        raise ValueError("not XML")
    return root


def feed_links(body: bytes, feed_url: str) -> list[Link]:
    """Items of an RSS or Atom feed, with their titles and dates."""
    root = _xml_root(body)
    out: list[Link] = []
    for item in root.iter():
        if _local(item.tag) not in ("item", "entry"):
            continue
        title, url, date = "", None, None
        for child in item:
            name = _local(child.tag)
            if name == "title":
                title = "".join(child.itertext()).strip()
            elif name == "link":
                url = _abs(child.get("href") or (child.text or "").strip(), feed_url) or url
            elif name in ("pubdate", "updated", "published", "date") and not date:
                date = (child.text or "").strip()
            elif name == "guid" and not url and (child.text or "").startswith("http"):
                url = _abs(child.text.strip(), feed_url)
        if url:
            out.append(Link(url, title, "attachment" if looks_like_attachment(url) else "link", date))
    return out


def sitemap_links(body: bytes, sitemap_url: str) -> tuple[list[Link], list[Link]]:
    """(nested sitemaps, page URLs) of a sitemap or sitemap index."""
    root = _xml_root(body)
    nested, pages = [], []
    for node in root:
        kind = _local(node.tag)
        loc = lastmod = None
        for child in node:
            if _local(child.tag) == "loc":
                loc = _abs((child.text or "").strip(), sitemap_url)
            elif _local(child.tag) == "lastmod":
                lastmod = (child.text or "").strip()
        if not loc:
            continue
        if kind == "sitemap":
            nested.append(Link(loc, "", "sitemap", lastmod))
        elif kind == "url":
            pages.append(Link(loc, "", "attachment" if looks_like_attachment(loc) else "link", lastmod))
    return nested, pages
