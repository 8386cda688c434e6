"""Where the pipeline reads its sources and keeps its data."""
from __future__ import annotations

from functools import cached_property

import dagster as dg

from crawler.sources import Source, load_sources
from parwatch.stages import Store


class ParwatchResource(dg.ConfigurableResource):
    """The sources file and the data directory of one parwatch deployment."""

    sources_file: str
    data_dir: str
    # Asset-check thresholds (see pipelines/checks.py).
    max_check_failure_share: float = 0.25  # figures failing a consistency check, before results turn red
    freshness_days: int = 3  # a source with no successful fetch for this long warns

    @cached_property
    def _sources(self) -> dict[str, Source]:
        return {s.id: s for s in load_sources(self.sources_file)}

    def source(self, source_id: str) -> Source:
        return self._sources[source_id]

    def store(self) -> Store:
        return Store(self.data_dir)
