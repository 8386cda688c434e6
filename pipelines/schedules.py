"""The nightly crawl: every source partition at 02:00 Vietnam time."""

import dagster as dg


def build_nightly(partitions: dg.StaticPartitionsDefinition) -> tuple[dg.JobDefinition, dg.ScheduleDefinition]:
    job = dg.define_asset_job(
        "nightly_sources", selection=dg.AssetSelection.groups("crawl", "documents", "figures")
        | dg.AssetSelection.assets("warehouse_tables"),
        description="Crawl, read, extract, normalise and load one source.",
    )

    @dg.schedule(job=job, cron_schedule="0 2 * * *", execution_timezone="Asia/Ho_Chi_Minh",
                 default_status=dg.DefaultScheduleStatus.RUNNING)
    def nightly(context: dg.ScheduleEvaluationContext):
        for key in partitions.get_partition_keys():
            yield dg.RunRequest(run_key=f"{context.scheduled_execution_time:%Y-%m-%d}-{key}", partition_key=key)

    return job, nightly
