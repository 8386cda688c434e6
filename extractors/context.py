"""What the extractor knows about a document besides its text."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExtractionContext:
    province: str | None = None  # whom "tỉnh", "UBND tỉnh" refer to (the source's province / --province)
    source_url: str | None = None
    published_at: str | None = None  # ISO date when known; the assessed year is usually the year before
    title: str | None = None
