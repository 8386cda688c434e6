"""One incremental, polite crawl of a source: discovery, fetching, archiving, the fetch log."""
from __future__ import annotations

import hashlib
import logging
import re
import time
import uuid
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Callable, Iterable

from lxml import etree
from protego import Protego

from . import content
from .archive import Archive, utcnow_iso
from .discovery import Link, feed_links, html_links, sitemap_links
from .fetch import Fetcher, FetchResult
from .records import CrawlReport, FetchRecord
from .relevance import is_relevant, url_words
from .settings import CrawlSettings
from .sources import Source
from .state import CrawlState
from .urls import URLError, canonicalize, host_key, in_domains, origin

log = logging.getLogger(__name__)

PAGE_KINDS = ("listing", "feed", "sitemap")          # re-read every night (conditionally)
LEAF_KINDS = ("article", "attachment")               # fetched once unless a listing says they changed
LISTING_MIN_LINKS = 5   # an "article" page naming this many relevant pages is treated as a listing
ARTICLE_MARKERS = re.compile(
    rb'<article[\s>]|property=["\']og:type["\'] content=["\']article|article:published_time', re.I)


@dataclass
class _Task:
    url: str
    kind: str
    depth: int = 0
    text: str = ""
    lastmod: str | None = None
    probe: bool = False           # a guessed URL (/sitemap.xml): a 404 is expected, not a failure
    streak: int = 0               # listing pages in a row, up to this one, unchanged and naming nothing new
    changed: bool = True          # this run's fetch returned new bytes


@dataclass
class _Robots:
    parser: Protego | None      # None: everything allowed (no robots.txt)
    deferred: bool = False      # robots.txt answered 5xx / unreachable: do not crawl this host tonight
    reason: str | None = None


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    v = value.strip()
    try:
        d = datetime.fromisoformat(v.replace("Z", "+00:00"))
    except ValueError:
        try:
            d = parsedate_to_datetime(v)
        except (TypeError, ValueError):
            return None
    return d if d.tzinfo else d.replace(tzinfo=timezone.utc)


class _SourceCrawl:
    def __init__(self, source: Source, archive: Archive | None, settings: CrawlSettings,
                 state_dir: Path | None, progress: Callable[[str], None] | None):
        self.source, self.archive, self.settings, self.progress = source, archive, settings, progress
        self.dry_run = archive is None
        self.state = (CrawlState(state_dir or archive.root / "crawl_state", source.id)
                      if not self.dry_run else None)
        self.report = CrawlReport(source_id=source.id, started_at=utcnow_iso())
        self.robots: dict[str, _Robots] = {}
        self.queue: deque[_Task] = deque()
        self.seen: set[str] = set()
        self.plan: list[tuple[str, str]] = []
        self.pages = 0
        self._new_leaves = 0   # article/attachment URLs queued that the archive has never seen
        if not source.verify_tls:
            log.warning("source %s: TLS certificate verification is OFF (verify_tls: false)", source.id)
        self.fetcher = Fetcher(settings, allow_private=source.allow_private, verify_tls=source.verify_tls,
                               user_agent=settings.user_agent(source.contact_url), interval_for=self._interval)

    # ---- politeness ----------------------------------------------------------------------

    def _interval(self, host: str) -> float:
        rate = 1.0 / self.source.rate_per_second if self.settings.rate_limits else 0.0
        r = self.robots.get(host)
        delay = 0.0
        if r and r.parser is not None:
            ua = self.fetcher.user_agent
            delay = float(r.parser.crawl_delay(ua) or 0.0)
            rr = r.parser.request_rate(ua)
            if rr and rr.requests:
                delay = max(delay, rr.seconds / rr.requests)
        return max(rate, delay)   # robots.txt wins when it asks for slower

    def _robots_for(self, url: str) -> _Robots:
        host = host_key(url)
        if host in self.robots:
            return self.robots[host]
        robots_url = origin(url) + "/robots.txt"
        self.robots[host] = _Robots(None)   # robots.txt itself is fetched at the plain rate
        if self.dry_run:
            self.plan.append(("robots", robots_url))
        res, rec = self._fetch(_Task(robots_url, "robots"), max_bytes=512 * 1024)
        status = rec.status
        if rec.outcome in ("ok", "not_modified", "duplicate") and status in (200, 304):
            body = self._body_of(res, rec)
            parser = Protego.parse(content.decode_text(body, res.header("Content-Type")))
            self.robots[host] = _Robots(parser)
            sitemaps = list(parser.sitemaps)
            for sm in sitemaps:
                try:
                    self._enqueue_url(canonicalize(sm, base=robots_url), "sitemap", 0)
                except URLError:
                    continue
            if not sitemaps:
                self._probe_sitemap(url)
        elif status is not None and 400 <= status < 500 and status != 429:
            self.robots[host] = _Robots(None)   # no robots.txt: everything allowed
            rec.outcome, rec.reason = "skipped", f"no robots.txt ({status}): all allowed"
            self._probe_sitemap(url)
        else:
            # 5xx, 429, timeouts, refused addresses: wait and retry another night rather than crawl blind.
            self.robots[host] = _Robots(None, deferred=True, reason=f"robots.txt unavailable ({rec.reason})")
            self.report.deferred_hosts.append(host)
        return self.robots[host]

    def _probe_sitemap(self, url: str) -> None:
        if not in_domains(url, self.source.allowed_domains):
            return
        sm = origin(url) + "/sitemap.xml"
        key = "sitemap:" + origin(url)
        if self.state is not None and self.state.missing_recently(key, self.settings.sitemap_probe_days):
            return
        self._enqueue_url(sm, "sitemap", 0, probe=True)

    # ---- queue ---------------------------------------------------------------------------

    def _enqueue_url(self, url: str, kind: str, depth: int, text: str = "", lastmod: str | None = None,
                     probe: bool = False, streak: int = 0) -> None:
        try:
            url = canonicalize(url)
        except URLError:
            return
        if url in self.seen:
            return
        if kind != "attachment" and not in_domains(url, self.source.allowed_domains):
            return
        self.seen.add(url)
        if kind in LEAF_KINDS and self.archive is not None and self.archive.url_state(url) is None:
            self._new_leaves += 1
        self.queue.append(_Task(url, kind, depth, text, lastmod, probe, streak))

    # ---- fetch + log ---------------------------------------------------------------------

    def _record(self, task: _Task, res: FetchResult | None, outcome: str, reason: str | None, **kw) -> FetchRecord:
        rec = FetchRecord(
            fetch_id=uuid.uuid4().hex, source_id=self.source.id, url=task.url,
            final_url=(res.final_url if res else task.url), kind=kw.pop("kind", task.kind),
            status=(res.status if res else None), outcome=outcome, reason=reason,
            content_type=kw.pop("content_type", None), bytes=len(res.body) if res else 0,
            sha256=kw.pop("sha256", None), record_id=kw.pop("record_id", None),
            warc_file=kw.pop("warc_file", None), warc_offset=kw.pop("warc_offset", None),
            fetched_at=(res.fetched_at if res and res.fetched_at else utcnow_iso()),
            etag=(res.header("ETag") if res else None), last_modified=(res.header("Last-Modified") if res else None),
            elapsed_ms=(res.elapsed_ms if res else 0))
        self.report.fetches.append(rec)
        if self.progress:
            try:
                self.progress(progress_line(rec))
            except Exception:  # a broken progress callback must not stop the crawl
                log.exception("progress callback failed")
        return rec

    def _fetch(self, task: _Task, max_bytes: int | None = None) -> tuple[FetchResult, FetchRecord]:
        """Fetch task.url (conditionally when archived before), archive it, log it."""
        state = self.archive.url_state(task.url) if self.archive else None
        cond = {}
        if state and state.status == 200:
            if state.etag:
                cond["If-None-Match"] = state.etag
            if state.last_modified:
                cond["If-Modified-Since"] = state.last_modified
        if max_bytes is None:
            max_bytes = (self.settings.attachment_max_bytes if task.kind == "attachment"
                         else self.settings.html_max_bytes)
        res = self.fetcher.get(task.url, max_bytes=max_bytes, conditional=cond,
                               on_retry=lambda r, why: self._record(task, r, "error", why))
        self.report.requests = self.fetcher.requests_made
        if res.error:
            outcome = "too_large" if res.too_large else "error"
            return res, self._record(task, res, outcome, res.error)
        if res.status == 304:
            if not state:
                return res, self._record(task, res, "error", "304 without an archived copy")
            etag = res.header("ETag") or state.etag
            lm = res.header("Last-Modified") or state.last_modified
            self.archive.update_url(task.url, record_id=state.record_id, sha256=state.sha256, status=200, etag=etag,
                                    last_modified=lm, fetched_at=res.fetched_at, kind=state.kind or task.kind,
                                    final_url=state.final_url, content_type=state.content_type)
            rec = self._record(task, res, "not_modified", None, content_type=state.content_type,
                               sha256=state.sha256, record_id=state.record_id, warc_file=state.warc_file,
                               warc_offset=state.warc_offset, kind=state.kind or task.kind)
            rec.etag, rec.last_modified = etag, lm
            return res, rec
        ctype = content.sniff(res.body, res.header("Content-Type"), res.final_url)
        kind = task.kind
        if task.kind == "article" and ctype in content.ATTACHMENT_TYPES:
            kind = "attachment"
        elif task.kind == "attachment" and ctype == content.HTML:
            kind = "article"   # a "download" link that led to a page
        if self.dry_run:
            return res, self._record(task, res, "ok", None, content_type=ctype, kind=kind)
        sha = hashlib.sha256(res.body).hexdigest()
        if state and state.sha256 == sha and state.status == 200:
            # Same bytes as last time from a server that ignores validators: nothing new to archive.
            self.archive.update_url(task.url, record_id=state.record_id, sha256=sha, status=200,
                                    etag=res.header("ETag"), last_modified=res.header("Last-Modified"),
                                    fetched_at=res.fetched_at, kind=state.kind or kind, final_url=res.final_url,
                                    content_type=ctype)
            return res, self._record(task, res, "not_modified", "unchanged (same bytes)", content_type=ctype,
                                     sha256=sha, record_id=state.record_id, warc_file=state.warc_file,
                                     warc_offset=state.warc_offset, kind=kind)
        stored = self.archive.store(
            url=task.url, status=res.status or 0, reason=res.reason_phrase, response_headers=res.headers,
            body=res.body, request_headers=res.request_headers, fetched_at=res.fetched_at,
            final_url=res.final_url, kind=kind, content_type=ctype, etag=res.header("ETag"),
            last_modified=res.header("Last-Modified"), source_id=self.source.id)
        outcome, reason = ("duplicate", "same content as another URL") if stored.revisit else ("ok", None)
        rec = self._record(task, res, outcome, reason, content_type=ctype, sha256=stored.sha256,
                           record_id=stored.payload_record_id, warc_file=stored.warc_file,
                           warc_offset=stored.warc_offset, kind=kind)
        if outcome == "ok" and kind in LEAF_KINDS:
            self.report.documents.append(rec)
        return res, rec

    def _body_of(self, res: FetchResult, rec: FetchRecord) -> bytes:
        if rec.outcome == "not_modified" and not res.body:
            return self.archive.read(rec.record_id).body
        return res.body

    # ---- the crawl -----------------------------------------------------------------------

    def run(self) -> CrawlReport:
        for u in self.source.start_urls:
            self._enqueue_url(u, "listing", 0)
        deadline = (time.monotonic() + self.settings.max_run_seconds) if self.settings.max_run_seconds is not None else None
        try:
            while self.queue:
                if deadline is not None and time.monotonic() > deadline:
                    self.report.hit_time_budget = True   # the rest waits for the next run
                    break
                task = self.queue.popleft()
                try:
                    if not self._step(task):
                        break
                except Exception as e:  # one bad page never stops the crawl
                    log.exception("source %s: %s failed", self.source.id, task.url)
                    self._record(task, None, "error", f"internal error: {type(e).__name__}: {e}")
        finally:
            self.fetcher.close()
            self.report.requests = self.fetcher.requests_made
            self.report.finished_at = utcnow_iso()
            if self.state is not None:
                self.state.save()
        return self.report

    def _step(self, task: _Task) -> bool:
        robots = self._robots_for(task.url)
        if robots.deferred:
            self._record(task, None, "skipped", robots.reason)
            return True
        if robots.parser is not None and not robots.parser.can_fetch(task.url, self.fetcher.user_agent):
            self._record(task, None, "robots_disallowed", "robots.txt disallows")
            return True
        state = self.archive.url_state(task.url) if self.archive else None
        if task.kind in LEAF_KINDS:
            if self.dry_run:
                self.plan.append((task.kind, task.url))
                return True
            if state and state.status == 200 and state.kind in LEAF_KINDS and not self._changed(task, state):
                self.report.skipped_archived += 1
                if state.kind == "article":   # still follow its attachment links, from the archived copy
                    self._discover(task, self.archive.read(state.record_id).body, state.content_type,
                                   state.final_url or task.url)
                return True
            if state and state.kind in PAGE_KINDS:
                task.kind = state.kind     # a page found to be a listing last time is re-read as one
        if self.pages >= self.source.max_pages:
            self.report.hit_max_pages = True
            return False
        self.pages += 1
        if self.dry_run:
            self.plan.append((task.kind, task.url))
        res, rec = self._fetch(task)
        if task.probe and rec.status is not None and 400 <= rec.status < 500:
            rec.outcome, rec.reason = "skipped", f"no sitemap.xml ({rec.status})"   # optional, not a failure
            if self.state is not None:
                self.state.mark_missing("sitemap:" + origin(task.url))
        if rec.outcome in ("error", "too_large", "duplicate"):
            return True
        task.changed = rec.outcome == "ok"
        body = self._body_of(res, rec)
        try:
            new_kind = self._discover(task, body, rec.content_type, res.final_url or task.url)
        except (ValueError, etree.LxmlError) as e:   # unparseable feed/sitemap, gzip past the cap
            log.warning("source %s: could not read links from %s: %s", self.source.id, task.url, e)
            return True
        if new_kind and new_kind != rec.kind and self.archive is not None and rec.record_id:
            rec.kind = new_kind
            st = self.archive.url_state(task.url)
            if st:
                self.archive.update_url(task.url, record_id=st.record_id, sha256=st.sha256, status=st.status,
                                        etag=st.etag, last_modified=st.last_modified, fetched_at=st.fetched_at,
                                        kind=new_kind, final_url=st.final_url, content_type=st.content_type)
        return True

    def _changed(self, task: _Task, state) -> bool:
        """A feed or sitemap date newer than our copy says the page changed."""
        when, ours = _parse_date(task.lastmod), _parse_date(state.fetched_at)
        return bool(when and ours and when > ours)

    def _discover(self, task: _Task, body: bytes, ctype: str | None, page_url: str) -> str | None:
        """Queue what the page links to; returns the page's kind when parsing says it differs."""
        ctype = ctype or content.sniff(body)
        kw = self.source_keywords
        if ctype in (content.RSS, content.ATOM):
            # A feed that is itself about CCHC (its URL or the link naming it says so) vouches for
            # its items; a site-wide feed does not.
            on_topic = is_relevant(url_words(page_url), task.text, keywords=kw)
            for link in feed_links(body, page_url):
                self._consider(link, task.depth, kw, page_relevant=on_topic, vouched=on_topic)
            return "feed"
        if task.kind == "sitemap" and body[:2] == b"\x1f\x8b":   # sitemap.xml.gz served as a file
            body = content.gunzip_capped(body, self.settings.attachment_max_bytes)
            ctype = content.sniff(body)
        if ctype == content.SITEMAP:
            nested, pages = sitemap_links(body, page_url)
            # News sites keep one sitemap per month for years: read the most recent ones only.
            nested.sort(key=lambda l: _parse_date(l.lastmod) or datetime.min.replace(tzinfo=timezone.utc),
                        reverse=True)
            for link in nested[: self.settings.max_nested_sitemaps]:
                self._enqueue_url(link.url, "sitemap", 0)
            for link in pages:
                self._consider(link, task.depth, kw, page_relevant=False)
            return "sitemap"
        if ctype != content.HTML:
            return None
        title, links = html_links(content.decode_text(body, ctype), page_url)
        is_listing = task.kind == "listing"
        paged = any(l.hint in ("next", "page") for l in links)
        relevant_links = len({l.url for l in links
                              if l.hint == "link" and is_relevant(l.text, url_words(l.url), keywords=kw)})
        # A page that declares itself an article keeps that kind despite its menus and
        # "Tin liên quan" boxes, which name many on-topic pages on every real portal.
        declared_article = ARTICLE_MARKERS.search(body[:200_000]) is not None
        if task.kind == "article" and (paged or (relevant_links >= LISTING_MIN_LINKS and not declared_article)):
            is_listing = True
        # Attachments need no words of their own when the page naming them is an on-topic
        # article, or a listing that is itself about CCHC (its URL or title says so).
        attachments_ok = (task.kind == "article" and not is_listing) or is_relevant(
            title, url_words(page_url), keywords=kw)
        new_before = self._new_leaves
        pagers = []
        for link in links:
            if link.hint in ("next", "page"):
                pagers.append(link)
            elif link.hint == "refresh":   # <meta http-equiv=refresh>: the page lives elsewhere
                self._enqueue_url(link.url, task.kind, task.depth, link.text)
            elif link.hint == "feed":
                self._enqueue_url(link.url, "feed", task.depth, link.text)
            else:
                self._consider(link, task.depth, kw, page_relevant=attachments_ok)
        if is_listing:
            self._follow_pagination(task, pagers, fresh=task.changed or self._new_leaves > new_before)
        if task.kind == "article" and is_listing:
            return "listing"
        return None

    def _follow_pagination(self, task: _Task, pagers: list[Link], *, fresh: bool) -> None:
        """Queue a listing's further pages. New items appear on the first pages, so after
        `known_listing_pages` pages in a row that are unchanged and name nothing new, pages
        already read on an earlier night are left alone; pages never read are always followed
        (an interrupted first crawl resumes)."""
        streak = 0 if fresh else task.streak + 1
        limit = self.settings.known_listing_pages
        for link in pagers:
            if limit is not None and streak >= limit and self.archive is not None:
                try:
                    url = canonicalize(link.url)
                except URLError:
                    continue
                if self.archive.url_state(url) is not None:
                    continue
            self._enqueue_url(link.url, "listing", task.depth, streak=streak)

    def _consider(self, link: Link, depth: int, kw, *, page_relevant: bool, vouched: bool = False) -> None:
        """Relevance filter: follow a link only when its words (or, for attachments, its page) are on topic."""
        relevant = vouched or is_relevant(link.text, url_words(link.url), keywords=kw)
        if link.hint in ("attachment", "download"):
            # An extension-less download link is only trusted on an on-topic page.
            if relevant or page_relevant:
                self._enqueue_url(link.url, "attachment", depth + 1, link.text, link.lastmod)
        elif relevant and depth < self.settings.max_depth:
            self._enqueue_url(link.url, "article", depth + 1, link.text, link.lastmod)

    @property
    def source_keywords(self) -> tuple[str, ...]:
        return tuple(getattr(self.source, "keywords", ()) or ())


def progress_line(rec: FetchRecord) -> str:
    """One human line per fetch attempt, for the progress callback."""
    what = rec.outcome + (f" ({rec.reason})" if rec.reason else "")
    return f"[{rec.source_id}] {rec.status or '-'} {rec.kind} {what} {rec.url}"


def crawl_source(source: Source, archive: Archive, *, state_dir: Path | None = None,
                 settings: CrawlSettings | None = None,
                 progress: Callable[[str], None] | None = None) -> CrawlReport:
    """One incremental polite crawl of one source into the archive.

    progress, when given, receives one line (str) per fetch attempt.
    report.fetches logs every attempt (304s, failures and robots refusals included);
    report.documents lists the article/attachment responses that are new or changed."""
    return _SourceCrawl(source, archive, settings or CrawlSettings(), state_dir, progress).run()


def crawl_sources(sources: Iterable[Source], archive: Archive, *, state_dir: Path | None = None,
                  settings: CrawlSettings | None = None,
                  progress: Callable[[str], None] | None = None) -> dict[str, CrawlReport]:
    """Crawl several sources concurrently (each host serially); a broken source never stops the others."""
    settings = settings or CrawlSettings()
    sources = list(sources)

    def one(src: Source) -> CrawlReport:
        try:
            return crawl_source(src, archive, state_dir=state_dir, settings=settings, progress=progress)
        except Exception as e:
            log.exception("source %s: crawl failed", src.id)
            return CrawlReport(source_id=src.id, started_at=utcnow_iso(), finished_at=utcnow_iso(),
                               error=f"{type(e).__name__}: {e}")

    with ThreadPoolExecutor(max_workers=max(1, min(settings.max_concurrent_hosts, len(sources) or 1))) as pool:
        return dict(zip([s.id for s in sources], pool.map(one, sources)))


def plan_crawl(source: Source, settings: CrawlSettings | None = None) -> list[tuple[str, str]]:
    """What a crawl would fetch, as (kind, url): robots, listings, feeds and sitemaps are fetched to
    discover links; articles and attachments are only listed. Nothing is archived."""
    c = _SourceCrawl(source, None, settings or CrawlSettings(), None, None)
    c.run()
    return c.plan
