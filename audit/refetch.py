"""Polite re-fetching for the live audit, through the crawler's Fetcher.

The crawler's Fetcher does the per-hop address check (allow_private from the source config),
retries with backoff and the per-host rate gate shared with crawls in the same process; this
module adds what a crawl does around it: robots.txt is read once per host and obeyed, and its
Crawl-delay / Request-rate slows the host down when it asks for slower than the source's rate.
Nothing is archived: an audit observes, it does not change the data.
"""
from __future__ import annotations

from dataclasses import dataclass

from protego import Protego

from crawler.fetch import Fetcher, FetchResult
from crawler.settings import CrawlSettings
from crawler.sources import Source
from crawler.urls import host_key, origin


@dataclass
class Refetched:
    result: FetchResult | None       # None when robots.txt forbids asking
    refused: str | None = None       # why the URL was not requested


class PoliteRefetcher:
    """Re-fetches URLs of one source with that source's politeness and safety settings."""

    def __init__(self, source: Source, settings: CrawlSettings | None = None):
        self.source = source
        self.settings = settings or CrawlSettings()
        self._robots: dict[str, Protego | None] = {}
        self._robots_failed: dict[str, FetchResult] = {}   # asked once per host, like a crawl
        self.fetcher = Fetcher(self.settings, allow_private=source.allow_private, verify_tls=source.verify_tls,
                               user_agent=self.settings.user_agent(source.contact_url),
                               interval_for=self._interval)

    def close(self) -> None:
        self.fetcher.close()

    def _interval(self, host: str) -> float:
        rate = 1.0 / self.source.rate_per_second if self.settings.rate_limits else 0.0
        parser = self._robots.get(host)
        delay = 0.0
        if parser is not None:
            ua = self.fetcher.user_agent
            delay = float(parser.crawl_delay(ua) or 0.0)
            rr = parser.request_rate(ua)
            if rr and rr.requests:
                delay = max(delay, rr.seconds / rr.requests)
        return max(rate, delay)

    def _robots_for(self, url: str) -> tuple[Protego | None, FetchResult | None]:
        """(parser or None = everything allowed, the failed robots.txt fetch when the host must
        not be asked now)."""
        host = host_key(url)
        if host in self._robots:
            return self._robots[host], None
        if host in self._robots_failed:
            return None, self._robots_failed[host]
        res = self.fetcher.get(origin(url) + "/robots.txt", max_bytes=512 * 1024)
        if res.status == 200 and not res.error:
            from crawler.content import decode_text
            self._robots[host] = Protego.parse(decode_text(res.body, res.header("Content-Type")))
        elif res.status is not None and 400 <= res.status < 500 and res.status != 429:
            self._robots[host] = None          # no robots.txt: everything allowed
        else:
            # Same rule as the crawl: an unavailable robots.txt means "not now", not "anything goes".
            self._robots_failed[host] = res
            return None, res
        return self._robots[host], None

    def get(self, url: str, *, conditional: dict[str, str] | None = None) -> Refetched:
        parser, failed = self._robots_for(url)
        if failed is not None:
            if failed.error == "dns" or failed.unsafe:
                # The host itself is gone, or off limits: that answer holds for the page too.
                return Refetched(FetchResult(url=url, final_url=url, error=failed.error, unsafe=failed.unsafe))
            return Refetched(None, f"robots.txt unavailable ({failed.error or failed.status})")
        if parser is not None and not parser.can_fetch(url, self.fetcher.user_agent):
            return Refetched(None, "robots.txt disallows")
        res = self.fetcher.get(url, max_bytes=self.settings.attachment_max_bytes, conditional=conditional)
        return Refetched(res)
