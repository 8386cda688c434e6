"""HTML → the article a person reads: main content, title, date, and tables as tables.

Boilerplate (menus, headers, footers, related-link boxes, share bars) is removed by
tag and by class/id vocabulary of Vietnamese portals, then the content root is the
block with the most paragraph text and the fewest links (readability-style scoring).
Measured against trafilatura on our fixtures (tests/documents/html_compare.py); see README.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from documents.builder import TextBuilder
from documents.dates import date_in_text, date_in_url, parse_date
from documents.html_tables import is_layout_table, table_grid
from documents.legacy import detect_text_encoding, encoding_for_font, encoding_for_fonts, to_unicode
from documents.textnorm import clean_inline

_DROP_TAGS = ["script", "style", "noscript", "template", "iframe", "svg", "form", "nav", "footer",
              "aside", "button", "select", "input", "textarea", "object", "embed", "canvas", "map", "head"]
_BOILERPLATE = re.compile(
    r"(^|[-_\s])(menu|menus|nav|navbar|navigation|footer|foot|sidebar|side-bar|breadcrumbs?|related|relate|"
    r"lien-?quan|tinlienquan|tin-lien-quan|tin-khac|tinkhac|other-?news|othernews|more-?news|share|sharing|social|"
    r"comments?|binh-?luan|banner|ads|advert|quang-?cao|tags?|widget|copyright|login|search|weather|"
    r"toolbar|popup|modal|cookie|hotline|marquee|slider|lienket|lien-ket|weblink|mostview|most-view|"
    r"xem-nhieu|xemnhieu|tin-moi|tinmoi|top-?bar|header|masthead|logo|pagination|paging)($|[-_\s\d])",
    re.I,
)
_CONTENT_HINT = re.compile(
    r"(article|content|detail|chi-?tiet|noi-?dung|noidung|news-?body|post-?body|entry|story|main-?text|"
    r"body-?text|journal|fulltext|maincontent)", re.I)
# Names that mark the article itself even next to a boilerplate word ("news-detail-header" stays,
# "related-content" and "footer-content" go).
_ARTICLE_HINT = re.compile(r"(article|detail|chi-?tiet|noi-?dung|noidung|news-?body|post-?body|entry-?content|"
                           r"fulltext|maincontent|main-content)", re.I)
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
               "ol", "blockquote", "pre", "dd", "dt", "dl", "figure", "figcaption", "header", "center",
               "address", "tr", "td", "th", "tbody", "thead", "tfoot", "caption", "hr", "table"}
_FONT_FAMILY = re.compile(r"font-family\s*:\s*([^;\"]+)", re.I)


@dataclass
class HtmlResult:
    builder: TextBuilder
    title: str | None
    published_at: str | None
    legacy_encoding: str | None = None


def _attr_text(tag: Tag) -> str:
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = [classes]
    return " ".join([*classes, str(tag.get("id") or "")])


class _Fonts:
    """Legacy encoding in force at a node, from <font face> and CSS font-family."""

    def __init__(self, fallback: str | None, use_fonts: bool):
        self.fallback = fallback
        self.use_fonts = use_fonts

    @staticmethod
    def declared(tag: Tag) -> str | None:
        face = tag.get("face")
        if face:
            return str(face).split(",")[0]
        m = _FONT_FAMILY.search(str(tag.get("style") or ""))
        return m.group(1).split(",")[0] if m else None

    def encoding_at(self, node) -> str | None:
        tag = node if isinstance(node, Tag) else node.parent
        while self.use_fonts and isinstance(tag, Tag):
            font = self.declared(tag)
            if font:
                return encoding_for_font(font)
            tag = tag.parent
        return self.fallback

    def text(self, node: NavigableString) -> str:
        return to_unicode(str(node), self.encoding_at(node))


def _metas(soup: BeautifulSoup) -> dict[str, str]:
    """property/name/itemprop → content of every <meta>, collected in one pass (first wins)."""
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        content = tag.get("content")
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = tag.get(attr)
            if key:
                found.setdefault(str(key).lower(), str(content))
    return found


def _meta(metas: dict[str, str], *names: str) -> str | None:
    for name in names:
        if name.lower() in metas:
            return metas[name.lower()]
    return None


def _published(soup: BeautifulSoup, metas: dict[str, str], page_text: str) -> str | None:
    found = parse_date(_meta(metas, "article:published_time", "og:published_time", "datePublished",
                             "pubdate", "publishdate", "publish-date", "date", "DC.date.issued", "DC.date",
                             "dcterms.created", "article:modified_time", "og:updated_time", "dateModified"))
    if found:
        return found
    for time_tag in soup.find_all("time", limit=5):
        found = parse_date(str(time_tag.get("datetime") or "")) or parse_date(time_tag.get_text(" "))
        if found:
            return found
    return date_in_text(page_text[:100_000], labelled_only=True)


def _text_len(tag: Tag) -> int:
    return len(re.sub(r"\s+", " ", tag.get_text(" ")).strip())


def _link_len(tag: Tag) -> int:
    return sum(len(a.get_text(" ").strip()) for a in tag.find_all("a"))


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _hidden(tag: Tag) -> bool:
    return tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).lower() == "true" \
        or bool(_HIDDEN_STYLE.search(str(tag.get("style") or "")))


def _strip_boilerplate(body: Tag) -> None:
    for tag in body.find_all(_DROP_TAGS):
        tag.decompose()
    for comment in body.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    # What the reader never sees on screen is not the article.
    for tag in body.find_all(_hidden):
        if "_decomposed" not in tag.__dict__:
            tag.decompose()
    total = max(_text_len(body), 1)
    for tag in list(body.find_all(True)):
        # Inside a box already removed. (Read __dict__: bs4 turns unknown attributes into
        # subtree searches, which made this loop quadratic on deep pages.)
        if "_decomposed" in tag.__dict__ or tag.__dict__.get("parent") is None:
            continue
        attrs = _attr_text(tag)
        if not attrs or not _BOILERPLATE.search(attrs) or _ARTICLE_HINT.search(attrs):
            continue
        # Never drop a box that holds most of the page: a mislabelled wrapper, not a menu.
        if _text_len(tag) > 0.5 * total:
            continue
        tag.decompose()
    _drop_link_boxes(body, total)


_LINK_BOX_HEADING = re.compile(
    r"^\s*(tin|bài viết|bài|văn bản|tin tức)?\s*(liên quan|khác|cùng chuyên mục|mới nhất|mới|đọc nhiều|"
    r"xem nhiều|nổi bật)\s*:?\s*$|^\s*(xem thêm|các tin khác|các tin đã đưa|tin đã đưa|liên kết website)\s*:?\s*$",
    re.I)


def _drop_link_boxes(body: Tag, total: int) -> None:
    """Boxes headed "Tin liên quan", "Tin khác", "Xem thêm"... whatever their class names:
    the heading and the mostly-link block it introduces."""
    for string in list(body.find_all(string=_LINK_BOX_HEADING)):
        heading = string.parent
        if heading is None or "_decomposed" in heading.__dict__:
            continue
        box, node = None, heading
        for _ in range(4):  # the smallest ancestor that is mostly links and not the page
            node = node.parent
            if not isinstance(node, Tag) or node is body:
                break
            length = _text_len(node)
            if length > 0.5 * total:
                break
            if _link_len(node) >= 0.5 * max(length - len(string.strip()), 1):
                box = node
                break
        if box is not None:
            box.decompose()
            continue
        # Else the heading's own block ("<p><b>Tin liên quan:</b></p>") and the link list after it.
        own = len(string.strip())
        while isinstance(heading.parent, Tag) and heading.parent is not body and _text_len(heading.parent) <= own + 5:
            heading = heading.parent
        follower = heading.find_next_sibling()
        if follower is not None and _link_len(follower) >= 0.5 * max(_text_len(follower), 1):
            follower.decompose()
        heading.decompose()


def _content_root(body: Tag) -> Tag:
    """The element whose paragraphs carry the article (readability-style scoring)."""
    for selector in ("[itemprop=articleBody]", "article"):
        found = body.select(selector)
        if found:
            best = max(found, key=_text_len)
            if _text_len(best) > 200:
                return best
    scores: dict[int, float] = {}
    tags: dict[int, Tag] = {}
    for para, own in _own_texts(body):
        length = len(own)
        if length < 25:
            continue
        score = 1 + min(length / 100, 3) + own.count(",")
        parent, weight = para.parent, 1.0
        for _ in range(3):
            if not isinstance(parent, Tag) or parent.name in ("html", "[document]"):
                break
            scores[id(parent)] = scores.get(id(parent), 0) + score * weight
            tags[id(parent)] = parent
            parent, weight = parent.parent, weight / 2
    if not scores:
        return body
    # Link density and hints only matter among the leaders; computing them for every
    # candidate is what makes huge pages slow.
    leaders = sorted(scores, key=scores.get, reverse=True)[:40]
    scores = {key: scores[key] for key in leaders}
    for key in leaders:
        tag = tags[key]
        attrs = _attr_text(tag)
        if _CONTENT_HINT.search(attrs):
            scores[key] *= 1.25
        text_len = max(_text_len(tag), 1)
        scores[key] *= 1 - min(_link_len(tag) / text_len, 0.9)
    best = tags[max(scores, key=scores.get)]
    # An <article> (or articleBody) around the best block is the whole story: headline, date line too.
    enclosing = best.find_parent(["article"]) or best.find_parent(attrs={"itemprop": "articleBody"})
    return enclosing if enclosing is not None and enclosing is not body else best


_SCORED = ["p", "pre", "li", "td", "th", "div", "blockquote", "dd", "h1", "h2", "h3", "h4", "section", "article"]
_SCORED_SET = set(_SCORED) | {"table", "tr", "ul", "ol", "dl", "main", "body"}


def _own_texts(body: Tag) -> list[tuple[Tag, str]]:
    """Each block's own text: the strings whose nearest block ancestor it is (one pass)."""
    owned: dict[int, tuple[Tag, list[str]]] = {}
    for string in body.find_all(string=True):
        if isinstance(string, Comment):
            continue
        owner = string.parent
        while owner is not None and owner.name not in _SCORED_SET:
            owner = owner.parent
        if owner is not None and owner.name in _SCORED:
            owned.setdefault(id(owner), (owner, []))[1].append(str(string))
    return [(tag, re.sub(r"\s+", " ", "".join(parts)).strip()) for tag, parts in owned.values()]


class _Walker:
    def __init__(self, builder: TextBuilder, fonts: _Fonts):
        self.builder, self.fonts, self.buf = builder, fonts, []

    def flush(self) -> None:
        if self.buf:
            self.builder.add_block("".join(self.buf))
            self.buf = []

    def walk(self, root: Tag) -> None:
        """Depth-first over the content root, without recursion (pages nest thousands deep)."""
        stack = [iter(root.children)]
        is_block = [False]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                if is_block.pop():
                    self.flush()
                continue
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                if child.parent is not None and child.parent.name == "pre":
                    self.buf.append(self.fonts.text(child))
                else:
                    self.buf.append(re.sub(r"\s+", " ", self.fonts.text(child)))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name == "br":
                self.buf.append("\n")
            elif name == "table" and not is_layout_table(child):
                self.flush()
                caption = child.find("caption", recursive=False)
                if caption is not None:  # "Bảng 1: Kết quả ..." names the table for the reader
                    self.builder.add_block(" ".join(self.fonts.text(t) for t in caption.find_all(string=True)))
                self.builder.add_table(table_grid(child, self.fonts))
            elif name in ("img", "picture", "video", "audio"):
                continue
            else:
                block = name in _BLOCK_TAGS
                if block:
                    self.flush()
                stack.append(iter(child.children))
                is_block.append(block)


@dataclass
class _Headline:
    tag: Tag
    text: str


def _headline(soup: BeautifulSoup, fonts: _Fonts, titles: str) -> _Headline | None:
    """The article's headline: an <h1> (else <h2>) that the page title repeats, else the longest one.

    A portal's logo is often an <h1> too; it is short and not in the <title>.
    """
    for level in ("h1", "h2"):
        found = []
        for tag in soup.find_all(level, limit=30):
            text = clean_inline(" ".join(fonts.text(s) for s in tag.find_all(string=True)
                                         if not isinstance(s, Comment)))
            if len(text) >= 10:
                found.append(_Headline(tag, text))
        if found:
            in_title = [h for h in found if h.text.lower() in titles.lower()]
            return in_title[0] if in_title else (max(found, key=lambda h: len(h.text)) if level == "h1" else None)
    return None


def read_html(markup: str, url: str | None = None) -> HtmlResult:
    soup = BeautifulSoup(markup, "lxml")
    body = soup.body or soup
    page_text = body.get_text("\n")
    # Fonts declared anywhere name the page's legacy encoding; otherwise the text decides.
    declared = [_Fonts.declared(t) for t in soup.find_all(True) if t.get("face") or t.get("style")]
    by_font = encoding_for_fonts(declared)
    fallback = by_font or detect_text_encoding(page_text[:200_000])
    # With a legacy font declared, each run follows its own font (mixed pages); else the text decides.
    fonts = _Fonts(fallback, use_fonts=by_font is not None)
    page_text_u = to_unicode(page_text, fallback) if fallback else page_text

    metas = _metas(soup)
    page_title = clean_inline(to_unicode(soup.title.get_text(" "), fallback)) if soup.title else ""
    og_title = clean_inline(to_unicode(_meta(metas, "og:title") or "", fallback))
    headline = _headline(soup, fonts, f"{og_title} {page_title}")
    title = og_title or (headline.text if headline else None) or page_title or None
    published = _published(soup, metas, page_text_u)

    _strip_boilerplate(body)
    root = _content_root(body)
    builder = TextBuilder()
    # The headline often sits outside the article body; readers see it first.
    if headline is not None and headline.tag.__dict__.get("parent") is not None \
            and root is not headline.tag and root not in headline.tag.parents and headline.tag not in root.parents:
        builder.add_block(headline.text)
    if published is None:
        # A bare time stamp ("16:38, Thứ Ba, 18/02/2020") counts only in or just around the
        # article, never in the portal's header; then the URL.
        around = root.parent if isinstance(root.parent, Tag) and root.parent is not body else root
        near = to_unicode(around.get_text("\n")[:20_000], fallback) if fallback else around.get_text("\n")[:20_000]
        published = date_in_text(near) or date_in_url(url)
    walker = _Walker(builder, fonts)
    if root.name == "table" and not is_layout_table(root):
        builder.add_table(table_grid(root, fonts))
    else:
        walker.walk(root)
        walker.flush()
    return HtmlResult(builder=builder, title=title, published_at=published, legacy_encoding=fallback)
