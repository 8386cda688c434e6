from __future__ import annotations

import pytest

from crawler import Archive, CrawlSettings, Source
from .site import Site


@pytest.fixture
def settings() -> CrawlSettings:
    # Tiny timeouts and backoff keep fault-mode tests fast; behaviour is the same as the defaults.
    return CrawlSettings(connect_timeout=1.0, read_timeout=0.5, backoff_base=0.01, backoff_max=0.05,
                         max_tries=3, max_retry_after=1.0, max_fetch_seconds=5.0)


@pytest.fixture
def archive(tmp_path) -> Archive:
    a = Archive(tmp_path / "archive")
    yield a
    a.close()


@pytest.fixture
def site():
    with Site() as s:
        yield s


def source_for(site: Site, *paths: str, **kw) -> Source:
    return Source(id=kw.pop("id", "test"), name="Test site", province="Bắc Kạn",
                  start_urls=[site.base + p for p in paths], allow_private=kw.pop("allow_private", True),
                  rate_per_second=kw.pop("rate_per_second", 1000.0), **kw)
