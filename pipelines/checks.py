"""Asset checks that stop or flag a bad load: schema, consistency, per-source freshness."""
from datetime import datetime, timedelta, timezone

import dagster as dg

from parwatch import stages
from pipelines.resources import ParwatchResource


@dg.asset_check(asset="warehouse_tables", blocking=True,
                description="Every Delta table has exactly the declared columns and types.")
def warehouse_schema(parwatch: ParwatchResource) -> dg.AssetCheckResult:
    problems = stages.schema_problems(parwatch.store())
    return dg.AssetCheckResult(passed=not problems, metadata={
        "problems": dg.MetadataValue.md("\n".join(f"- {p}" for p in problems) or "none")})


@dg.asset_check(asset="results", description="Share of figures failing a consistency check stays under the threshold.")
def figure_consistency(parwatch: ParwatchResource) -> dg.AssetCheckResult:
    share, bad, total = stages.check_failure_share(parwatch.store())
    return dg.AssetCheckResult(
        passed=share <= parwatch.max_check_failure_share,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={"failing_share": dg.MetadataValue.float(round(share, 4)), "failing": bad, "figures": total,
                  "threshold": dg.MetadataValue.float(parwatch.max_check_failure_share)})


def build_freshness_check(partitions: dg.StaticPartitionsDefinition) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset="crawl", description="Every source had a successful fetch within freshness_days.")
    def source_freshness(parwatch: ParwatchResource) -> dg.AssetCheckResult:
        now = datetime.now(timezone.utc)
        limit = timedelta(days=parwatch.freshness_days)
        stale = {}
        for source_id in partitions.get_partition_keys():
            status = stages.crawl_status(parwatch.store(), source_id)
            if not status:
                continue  # not crawled yet (its partition has not run): nothing to judge
            since = status.get("last_success") or status["first_attempt"]
            if now - datetime.fromisoformat(since) > limit:
                stale[source_id] = status.get("last_success") or "never"
        return dg.AssetCheckResult(passed=not stale, severity=dg.AssetCheckSeverity.WARN, metadata={
            "stale_sources": dg.MetadataValue.md("\n".join(f"- {k}: last success {v}" for k, v in stale.items()) or "none"),
            "freshness_days": parwatch.freshness_days})

    return source_freshness
