"""What one crawl run reports: a FetchRecord per attempt (the warehouse `fetches` table) and totals."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class FetchRecord:
    fetch_id: str                 # unique per attempt
    source_id: str
    url: str
    final_url: str
    kind: str                     # robots | listing | feed | sitemap | article | attachment
    status: int | None
    outcome: str                  # ok | not_modified | error | robots_disallowed | too_large | duplicate | skipped
    reason: str | None
    content_type: str | None      # sniffed from the bytes when they disagree with the header
    bytes: int
    sha256: str | None
    record_id: str | None         # WARC record holding the body (also for duplicates and 304s)
    warc_file: str | None
    warc_offset: int | None
    fetched_at: str               # ISO-8601 UTC
    etag: str | None
    last_modified: str | None
    elapsed_ms: int


@dataclass
class CrawlReport:
    source_id: str
    started_at: str
    finished_at: str | None = None
    fetches: list[FetchRecord] = field(default_factory=list)
    documents: list[FetchRecord] = field(default_factory=list)   # new or changed articles/attachments
    requests: int = 0              # HTTP requests sent, counting retries and redirect hops
    skipped_archived: int = 0      # article/attachment URLs already archived, not re-fetched
    hit_max_pages: bool = False
    hit_time_budget: bool = False  # stopped by CrawlSettings.max_run_seconds
    deferred_hosts: list[str] = field(default_factory=list)      # robots.txt 5xx: retry another night
    error: str | None = None       # set only when the crawl itself could not proceed

    @property
    def pages_fetched(self) -> int:
        return sum(1 for f in self.fetches if f.status == 200 and f.outcome in ("ok", "duplicate"))

    @property
    def not_modified(self) -> int:
        return sum(1 for f in self.fetches if f.outcome == "not_modified")

    @property
    def failures_by_reason(self) -> dict[str, int]:
        # Retried attempts ("..., retried") are in the log but are not failures of the run.
        return dict(Counter(f.reason or f.outcome for f in self.fetches
                            if f.outcome in ("error", "too_large", "robots_disallowed")
                            and not (f.reason or "").endswith(", retried")))

    @property
    def bytes_downloaded(self) -> int:
        return sum(f.bytes for f in self.fetches)

    def metadata(self) -> dict:
        """Flat counters for Dagster asset metadata and progress lines."""
        return {
            "source_id": self.source_id, "requests": self.requests, "pages_fetched": self.pages_fetched,
            "not_modified": self.not_modified, "new_documents": len(self.documents),
            "skipped_archived": self.skipped_archived,
            "duplicates": sum(1 for f in self.fetches if f.outcome == "duplicate"),
            "failures": sum(self.failures_by_reason.values()), "failures_by_reason": self.failures_by_reason,
            "bytes": self.bytes_downloaded, "hit_max_pages": self.hit_max_pages,
            "hit_time_budget": self.hit_time_budget,
            "deferred_hosts": list(self.deferred_hosts), "error": self.error,
            "started_at": self.started_at, "finished_at": self.finished_at,
        }
