"""One partition per source, so a failing site is one red partition that can be re-run alone."""
from __future__ import annotations

import dagster as dg

from crawler.sources import load_sources


def source_partitions(sources_file: str) -> dg.StaticPartitionsDefinition:
    return dg.StaticPartitionsDefinition([s.id for s in load_sources(sources_file)])
