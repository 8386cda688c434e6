"""The Dagster definitions: `dagster dev -w workspace.yaml`, `parwatch run`, and the nightly schedule.

PARWATCH_SOURCES (default sources/sample.yaml) and PARWATCH_DATA (default ./data) choose
the deployment when Dagster loads this module.
"""
from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from pipelines.assets.results import results
from pipelines.checks import build_freshness_check, figure_consistency, warehouse_schema
from pipelines.assets.source_assets import build_source_assets
from pipelines.partitions import source_partitions
from pipelines.resources import ParwatchResource
from pipelines.schedules import build_nightly

DEFAULT_SOURCES = Path(__file__).resolve().parent.parent / "sources" / "sample.yaml"


def build_definitions(sources_file: str | Path, data_dir: str | Path) -> dg.Definitions:
    sources_file, data_dir = str(Path(sources_file).resolve()), str(Path(data_dir).resolve())
    partitions = source_partitions(sources_file)
    source_assets = build_source_assets(partitions)
    job, nightly = build_nightly(partitions)
    return dg.Definitions(
        assets=[*source_assets.assets, results],
        asset_checks=[*source_assets.checks, warehouse_schema, figure_consistency,
                      build_freshness_check(partitions)],
        jobs=[job],
        schedules=[nightly],
        resources={"parwatch": ParwatchResource(sources_file=sources_file, data_dir=data_dir)},
    )


defs = build_definitions(os.environ.get("PARWATCH_SOURCES", DEFAULT_SOURCES),
                         os.environ.get("PARWATCH_DATA", "data"))
