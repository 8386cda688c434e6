"""The crawler: polite, incremental, archiving (issue 4)."""
from .archive import Archive, ArchivedResponse, ArchiveError
from .content import decode_text, sniff
from .crawl import crawl_source, crawl_sources, plan_crawl
from .records import CrawlReport, FetchRecord
from .settings import CrawlSettings
from .sources import Source, SourcesError, load_sources
from .urls import canonicalize

__all__ = [
    "Archive", "ArchivedResponse", "ArchiveError", "CrawlReport", "CrawlSettings", "FetchRecord", "Source",
    "SourcesError", "canonicalize", "crawl_source", "crawl_sources", "decode_text", "load_sources",
    "plan_crawl", "sniff",
]
