"""URL canonicalisation and classification (attachments, pagination)."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

TRACKING_PARAMS = {
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga", "_gl", "zarsrc", "igshid",
    "yclid", "ref_src", "utm_id",
    # Session ids make one page look like endless new URLs.
    "jsessionid", "phpsessid", "aspsessionid", "sessionid",
}
DEFAULT_PORTS = {"http": 80, "https": 443}
INDEX_FILES = {"index.html", "index.htm", "index.php", "default.aspx", "default.asp"}
ATTACHMENT_EXTS = (".pdf", ".doc", ".docx")

# Liferay's paginator: _<portlet-id>_cur=N (also delta); generic page params in use on VN portals.
_PAGE_PARAM = re.compile(r"^(page|trang|p|pg|pageindex|page_index|paged|pagenum|start|curpage|currentpage|offset)$|_cur$", re.I)
_PAGE_PATH = re.compile(r"/(page|trang|p)[-/]?\d+/?$|[-_/](page|trang)[-_]?\d+(\.html?)?$", re.I)


class URLError(ValueError):
    pass


def _quote_part(part: str, safe: str) -> str:
    # Unquote then quote once, so "%C3%A1" and "á" end up the same.
    return quote(unquote(part), safe=safe)


def canonicalize(url: str, base: str | None = None) -> str:
    """One spelling per resource: absolute, lower-case scheme/host, no default port,
    no fragment, no tracking parameters, no trailing index file, stable percent-encoding."""
    url = (url or "").strip()
    if base is not None:
        url = urljoin(base, url)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise URLError(f"{url!r}: not an http(s) URL")
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        raise URLError(f"{url!r}: no host")
    try:
        port = parts.port
    except ValueError:
        raise URLError(f"{url!r}: bad port") from None
    netloc = host if ":" not in host else f"[{host}]"
    if port and port != DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    path = _quote_part(parts.path or "/", safe="/:@!$&'()*+,;=-._~")
    path = re.sub(r"/{2,}", "/", path)
    path = re.sub(r";jsessionid=[^/]*", "", path, flags=re.I)       # Java servlet containers
    path = re.sub(r"/\([SA]\([a-z0-9]+\)\)", "", path, flags=re.I)  # ASP.NET cookieless sessions
    last = path.rsplit("/", 1)[-1]
    if last.lower() in {"index.html", "index.htm"}:
        path = path[: -len(last)]
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith("utm_")
    ]
    q = urlencode(query, doseq=True, quote_via=quote, safe="/:@!$'()*,;-._~")
    return urlunsplit((scheme, netloc, path, q, ""))


def host_key(url: str) -> str:
    """The politeness unit: host plus non-default port."""
    return urlsplit(url).netloc


def origin(url: str) -> str:
    p = urlsplit(url)
    return f"{p.scheme}://{p.netloc}"


def in_domains(url: str, domains: list[str]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d.lower() or host.endswith("." + d.lower()) for d in domains)


def looks_like_attachment(url: str) -> bool:
    p = urlsplit(url)
    path = unquote(p.path).lower()
    # Liferay serves /documents/<group>/<folder>/<Title.pdf>/<uuid>?version=1.0: any segment counts.
    if any(seg.endswith(ATTACHMENT_EXTS) for seg in path.split("/")):
        return True
    # download.aspx?file=...pdf, /documents/10180/.../QD.pdf?version=1.0 (Liferay), SharePoint Lists/...
    return any(unquote(v).lower().split("?")[0].endswith(ATTACHMENT_EXTS) for _, v in parse_qsl(p.query))


_DOWNLOAD = re.compile(r"(download|tai-?ve|taive|getfile|get_file|viewfile|dinh-?kem|attachments?/)", re.I)


def looks_like_download(url: str) -> bool:
    """A download endpoint without a file extension (Download.aspx?id=12, /tai-ve/123, /GetFile?...)."""
    p = urlsplit(url)
    return bool(_DOWNLOAD.search(unquote(p.path)))


def is_pagination_of(candidate: str, page: str) -> bool:
    """True when candidate differs from page only by a paging parameter or a /page/N path."""
    a, b = urlsplit(candidate), urlsplit(page)
    if a.netloc != b.netloc or candidate == page:
        return False
    qa, qb = dict(parse_qsl(a.query)), dict(parse_qsl(b.query))
    if a.path == b.path:
        if qa.get("Paged") == "TRUE":  # SharePoint list paging: Paged=TRUE&p_ID=..&PageFirstRow=..
            return True
        changed = {k for k in set(qa) | set(qb) if qa.get(k) != qb.get(k)}
        return bool(changed) and all(_PAGE_PARAM.search(k) for k in changed)
    # /tin-tuc/page/2, /tin-tuc/trang-2.html
    def strip(path: str) -> str:
        return _PAGE_PATH.sub("", path.rstrip("/")) or "/"
    return (a.query == b.query and _PAGE_PATH.search(a.path.rstrip("/")) is not None
            and strip(a.path) == strip(b.path))


def has_page_param(url: str) -> bool:
    p = urlsplit(url)
    return any(_PAGE_PARAM.search(k) for k, _ in parse_qsl(p.query)) or "Paged=TRUE" in p.query \
        or _PAGE_PATH.search(p.path.rstrip("/")) is not None
