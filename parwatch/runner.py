"""`parwatch run`: one pipeline run through the Dagster asset graph, in process.

Each source is one partition run (crawl → … → warehouse_tables), then `results` is rebuilt
once. A lock file makes a second run on the same data directory refuse instead of writing
the warehouse at the same time.
"""
from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

DAGSTER_YAML = """# parwatch's local Dagster instance (SQLite under this folder). See README: Postgres for production.
telemetry:
  enabled: false
concurrency:
  runs:
    max_concurrent_runs: 4      # sources crawl in parallel (each host stays serial inside the crawler)
  pools:
    default_limit: 1            # the "warehouse" pool: one Delta writer at a time
"""


# The run's own console logger would repeat every Dagster event on stderr; ours reports instead.
# Events still go to the instance (DAGSTER_HOME) for the UI.
QUIET = {"loggers": {"console": {"config": {"log_level": "ERROR"}}}}


class RunInProgress(Exception):
    pass


@contextmanager
def run_lock(data_dir: Path) -> Iterator[None]:
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / ".run.lock").open("w") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RunInProgress(f"another parwatch run is writing {data_dir}; wait for it to finish") from None
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def ensure_dagster_home(data_dir: Path) -> Path:
    """DAGSTER_HOME (default DATA/dagster) with parwatch's dagster.yaml, created if missing."""
    home = Path(os.environ.get("DAGSTER_HOME") or Path(data_dir) / "dagster").resolve()
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "dagster.yaml").exists():
        (home / "dagster.yaml").write_text(DAGSTER_YAML)
    os.environ["DAGSTER_HOME"] = str(home)
    return home


def dagster_instance(data_dir: Path):
    import dagster as dg

    ensure_dagster_home(data_dir)
    return dg.DagsterInstance.get()


@dataclass
class RunReport:
    succeeded: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    results_ok: bool = False
    checks: dict[str, bool] = field(default_factory=dict)  # "asset:check" → passed (last evaluation)


def _record_checks(result, report: RunReport, say, key: str | None = None) -> None:
    for ev in result.get_asset_check_evaluations():
        name = f"{ev.asset_key.to_user_string()}:{ev.check_name}"
        report.checks[name] = ev.passed
        if not ev.passed:
            detail = "; ".join(f"{k}: {v.value}" for k, v in ev.metadata.items())
            say(f"  check {name} {'FAILED' if ev.severity.value == 'ERROR' else 'warns'}: {detail}", source=key,
                check=name, passed=False)


def run_pipeline(sources_file: str | Path, data_dir: str | Path, say=None) -> RunReport:
    """Materialize every source partition, then `results`. `say` is a parwatch.progress.Reporter
    or any callable taking a message."""
    import dagster as dg

    from pipelines.definitions import build_definitions

    data_dir = Path(data_dir).resolve()
    say = say or (lambda message, **fields: None)
    step = getattr(say, "step", lambda description: None)
    report = RunReport()
    with run_lock(data_dir):
        defs = build_definitions(sources_file, data_dir)
        instance = dagster_instance(data_dir)
        graph = defs.resolve_asset_graph()
        per_source = [k for k in graph.get_all_asset_keys() if k.path[0] != "results"]
        resources = defs.resources
        assets = list(defs.assets)
        checks = list(defs.asset_checks or [])
        partitions = graph.get(per_source[0]).partitions_def.get_partition_keys()
        getattr(say, "start", lambda total: None)(len(partitions) + 1)
        for key in partitions:
            say(f"source {key}: crawl → documents → figures → normalise → warehouse", source=key)
            result = dg.materialize([*assets, *checks], selection=dg.AssetSelection.assets(*per_source),
                                    partition_key=key, instance=instance, resources=resources,
                                    raise_on_error=False, tags={"parwatch/source": key}, run_config=QUIET)
            _record_checks(result, report, say, key)
            if result.success:
                report.succeeded.append(key)
                for ev in result.get_asset_materialization_events():
                    md = ev.materialization.metadata
                    counts = ", ".join(f"{k} {v.value}" for k, v in md.items() if isinstance(v.value, int))
                    say(f"  {ev.asset_key.to_user_string()}: {counts}", source=key,
                        asset=ev.asset_key.to_user_string(),
                        metadata={k: v.value for k, v in md.items() if isinstance(v.value, (int, str))})
            else:
                errors = [ev.event_specific_data.error.message.strip().splitlines()[-1]
                          for ev in result.get_step_failure_events() if ev.event_specific_data.error]
                report.failed[key] = "; ".join(errors) or "run failed"
                say(f"  FAILED: {report.failed[key]}", source=key, failed=True)
            step(f"{key} {'ok' if result.success else 'FAILED'}")
        say("results: reconcile every source's figures")
        result = dg.materialize([*assets, *checks], selection=dg.AssetSelection.assets("results"),
                                instance=instance, resources=resources, raise_on_error=False, run_config=QUIET)
        report.results_ok = result.success
        _record_checks(result, report, say)
        if not result.success:
            errors = [ev.event_specific_data.error.message.strip().splitlines()[-1]
                      for ev in result.get_step_failure_events() if ev.event_specific_data.error]
            report.failed["results"] = "; ".join(errors) or "run failed"
            say(f"  FAILED: {report.failed['results']}", failed=True)
        step("results " + ("ok" if result.success else "FAILED"))
        getattr(say, "stop", lambda: None)()
    return report
