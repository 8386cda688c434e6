"""Crawl knobs with the issue's politeness defaults (README documents them)."""
from __future__ import annotations

from dataclasses import dataclass, field

PROJECT_CONTACT_URL = "https://github.com/parwatch/parwatch"


@dataclass
class CrawlSettings:
    # Named in the User-Agent so a webmaster can reach us; a source's contact_url overrides.
    contact_url: str = PROJECT_CONTACT_URL
    user_agent_template: str = "parwatch/0.1 (+{contact})"
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    # Wall-clock bound on reading one body, so a server trickling bytes cannot hold a host forever.
    max_fetch_seconds: float = 300.0
    max_tries: int = 4
    backoff_base: float = 2.0          # seconds; attempt n waits base * 2**(n-1) + jitter
    backoff_max: float = 120.0
    max_retry_after: float = 300.0     # a longer Retry-After means "give up for tonight"
    html_max_bytes: int = 5 * 1024 * 1024
    attachment_max_bytes: int = 50 * 1024 * 1024
    max_redirects: int = 10
    # False turns per-host rate limits off (benchmarks only); robots.txt Crawl-delay still applies.
    rate_limits: bool = True
    max_concurrent_hosts: int = 8
    max_run_seconds: float | None = None   # per source per run; None = until max_pages or done
    max_depth: int = 4                 # link hops from a start URL for article-to-article discovery
    # Stop re-reading a listing's older pages after this many in a row came back unchanged and
    # naming nothing new (pages never read are still followed); None re-reads every page nightly.
    known_listing_pages: int | None = 3
    max_nested_sitemaps: int = 25      # of a sitemap index, the most recent by lastmod
    sitemap_probe_days: int = 7        # a missing /sitemap.xml is not asked for again before this
    # host:port pairs exempt from the private-address check (tests that need a loopback
    # server yet still check that redirects to other private addresses are refused).
    private_allowlist: set[str] = field(default_factory=set)

    def user_agent(self, contact_url: str | None = None) -> str:
        return self.user_agent_template.format(contact=contact_url or self.contact_url)

    def timeouts(self) -> tuple[float, float]:
        return (self.connect_timeout, self.read_timeout)
