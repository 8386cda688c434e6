"""Per-source assets: crawl → documents → figures → normalised figures → warehouse tables."""

from typing import NamedTuple

import dagster as dg

from parwatch import stages
from pipelines.resources import ParwatchResource

OWNERS = ["team:parwatch"]


def _result(summary: stages.StageSummary, context: dg.AssetExecutionContext, stage: str) -> dg.MaterializeResult:
    context.log.info(summary.line(stage))
    meta = {k: dg.MetadataValue.int(v) for k, v in summary.counts.items()}
    if summary.notes:
        meta["notes"] = dg.MetadataValue.md("\n".join(f"- {n}" for n in summary.notes))
    return dg.MaterializeResult(metadata=meta)


class SourceAssets(NamedTuple):
    assets: list[dg.AssetsDefinition]
    checks: list[dg.AssetChecksDefinition]


def build_source_assets(partitions: dg.PartitionsDefinition) -> SourceAssets:
    @dg.asset(
        name="crawl", group_name="crawl", kinds={"python", "warc"}, owners=OWNERS,
        partitions_def=partitions,
        retry_policy=dg.RetryPolicy(max_retries=2, delay=60, backoff=dg.Backoff.EXPONENTIAL),
        description="Polite incremental crawl of one source; every response archived as WARC.",
    )
    def crawl(context: dg.AssetExecutionContext, parwatch: ParwatchResource) -> dg.MaterializeResult:
        source = parwatch.source(context.partition_key)
        return _result(stages.crawl(source, parwatch.store(), progress=context.log.debug), context, "crawl")

    @dg.asset(
        name="documents", group_name="documents", kinds={"python"}, owners=OWNERS,
        partitions_def=partitions, deps=[crawl],
        description="Archived articles and attachments read into text and tables (HTML, PDF, Word).",
    )
    def documents(context: dg.AssetExecutionContext, parwatch: ParwatchResource) -> dg.MaterializeResult:
        source = parwatch.source(context.partition_key)
        return _result(stages.read_documents(source, parwatch.store()), context, "documents")

    @dg.asset(
        name="figures", group_name="figures", kinds={"python"}, owners=OWNERS,
        partitions_def=partitions, deps=[documents],
        description="Scores, ranks and field scores found in each document, with their exact spans.",
    )
    def figures(context: dg.AssetExecutionContext, parwatch: ParwatchResource) -> dg.MaterializeResult:
        source = parwatch.source(context.partition_key)
        return _result(stages.extract_figures(source, parwatch.store()), context, "figures")

    @dg.asset(
        name="normalised_figures", group_name="figures", kinds={"python"}, owners=OWNERS,
        partitions_def=partitions, deps=[figures],
        description="Figures with units resolved to GSO codes and fields mapped to one taxonomy.",
    )
    def normalised_figures(context: dg.AssetExecutionContext, parwatch: ParwatchResource) -> dg.MaterializeResult:
        source = parwatch.source(context.partition_key)
        return _result(stages.normalise_figures(source, parwatch.store()), context, "normalise")

    @dg.asset(
        name="warehouse_tables", group_name="warehouse", kinds={"deltalake"}, owners=OWNERS,
        partitions_def=partitions, deps=[normalised_figures], pool="warehouse",
        description="MERGE of the source's fetches, documents and figures into the Delta tables.",
    )
    def warehouse_tables(context: dg.AssetExecutionContext, parwatch: ParwatchResource) -> dg.MaterializeResult:
        source = parwatch.source(context.partition_key)
        return _result(stages.load_warehouse(source, parwatch.store()), context, "warehouse")

    @dg.asset_check(asset=normalised_figures, blocking=True,
                    description="document_text[span] == text for every figure.")
    def figure_provenance(context: dg.AssetCheckExecutionContext, parwatch: ParwatchResource) -> dg.AssetCheckResult:
        # Checks on partitioned assets see no partition key; verify every source's staged figures.
        bad = []
        for source_id in partitions.get_partition_keys():
            bad += stages.provenance_failures(parwatch.source(source_id), parwatch.store())
        return dg.AssetCheckResult(passed=not bad, metadata={
            "failures": len(bad), "examples": dg.MetadataValue.md("\n".join(f"- `{b}`" for b in bad[:10]) or "none")})

    return SourceAssets([crawl, documents, figures, normalised_figures, warehouse_tables], [figure_provenance])
