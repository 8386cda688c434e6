"""Per-source assets: crawl → documents → figures → normalised figures → warehouse tables.

Each is a thin wrapper over one function of parwatch.stages, run for the partition's source.
"""
from typing import Callable, NamedTuple

import dagster as dg

from crawler.sources import Source
from parwatch import stages
from pipelines.resources import ParwatchResource

OWNERS = ["team:parwatch"]
Stage = Callable[[Source, stages.Store, dg.AssetExecutionContext], stages.StageSummary]


class SourceAssets(NamedTuple):
    assets: list[dg.AssetsDefinition]
    checks: list[dg.AssetChecksDefinition]


def _metadata(summary: stages.StageSummary) -> dict:
    meta = {k: dg.MetadataValue.int(v) for k, v in summary.counts.items()}
    if summary.notes:
        meta["notes"] = dg.MetadataValue.md("\n".join(f"- {n}" for n in summary.notes))
    return meta


def _stage_asset(partitions: dg.PartitionsDefinition, name: str, group: str, kinds: set[str],
                 deps: list, run: Stage, description: str, **asset_args) -> dg.AssetsDefinition:
    @dg.asset(name=name, group_name=group, kinds=kinds, owners=OWNERS, partitions_def=partitions,
              deps=deps, description=description, **asset_args)
    def stage_asset(context: dg.AssetExecutionContext, parwatch: ParwatchResource) -> dg.MaterializeResult:
        summary = run(parwatch.source(context.partition_key), parwatch.store(), context)
        context.log.info(summary.line(name))
        return dg.MaterializeResult(metadata=_metadata(summary))

    return stage_asset


def build_source_assets(partitions: dg.PartitionsDefinition) -> SourceAssets:
    crawl = _stage_asset(
        partitions, "crawl", "crawl", {"python", "warc"}, [],
        lambda source, store, context: stages.crawl(source, store, progress=context.log.debug),
        "Polite incremental crawl of one source; every response archived as WARC.",
        retry_policy=dg.RetryPolicy(max_retries=2, delay=60, backoff=dg.Backoff.EXPONENTIAL))
    documents = _stage_asset(
        partitions, "documents", "documents", {"python"}, [crawl],
        lambda source, store, context: stages.read_documents(source, store),
        "Archived articles and attachments read into text and tables (HTML, PDF, Word).")
    figures = _stage_asset(
        partitions, "figures", "figures", {"python"}, [documents],
        lambda source, store, context: stages.extract_figures(source, store),
        "Scores, ranks and field scores found in each document, with their exact spans.")
    normalised_figures = _stage_asset(
        partitions, "normalised_figures", "figures", {"python"}, [figures],
        lambda source, store, context: stages.normalise_figures(source, store),
        "Figures with units resolved to GSO codes and fields mapped to one taxonomy.")
    warehouse_tables = _stage_asset(
        partitions, "warehouse_tables", "warehouse", {"deltalake"}, [normalised_figures],
        lambda source, store, context: stages.load_warehouse(source, store),
        "Load of the source's fetches, documents and figures into the Delta tables.", pool="warehouse")

    @dg.asset_check(asset=normalised_figures, blocking=True,
                    description="document_text[span] == text for every figure.")
    def figure_provenance(parwatch: ParwatchResource) -> dg.AssetCheckResult:
        # Checks on partitioned assets see no partition key; verify every source's staged figures.
        bad = []
        for source_id in partitions.get_partition_keys():
            bad += stages.provenance_failures(parwatch.source(source_id), parwatch.store())
        return dg.AssetCheckResult(passed=not bad, metadata={
            "failures": len(bad), "examples": dg.MetadataValue.md("\n".join(f"- `{b}`" for b in bad[:10]) or "none")})

    return SourceAssets([crawl, documents, figures, normalised_figures, warehouse_tables], [figure_provenance])
