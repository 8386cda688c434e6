"""The cross-source results table: one row per index, year, unit, field and kind."""

import dagster as dg

from parwatch import stages
from pipelines.resources import ParwatchResource


@dg.asset(
    name="results", group_name="warehouse", kinds={"deltalake", "duckdb"}, owners=["team:parwatch"],
    deps=["warehouse_tables"], pool="warehouse",
    automation_condition=dg.AutomationCondition.eager(),
    description="Reconciled results from every source's figures, with conflicts and checks flagged.",
)
def results(context: dg.AssetExecutionContext, parwatch: ParwatchResource) -> dg.MaterializeResult:
    store = parwatch.store()
    summary = stages.rebuild_results(store)
    context.log.info(summary.line("results"))
    return dg.MaterializeResult(metadata={
        **{k: dg.MetadataValue.int(v) for k, v in summary.counts.items()},
        "preview": dg.MetadataValue.md(stages.results_preview(store)),
    })
