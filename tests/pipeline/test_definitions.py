"""The Dagster definitions as an operator sees them in the UI and the scheduler."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import dagster as dg

from parwatch.runner import run_lock
from pipelines.definitions import build_definitions

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sources" / "sample.yaml"


def test_asset_graph_reads_crawl_to_warehouse(tmp_path):
    graph = build_definitions(SAMPLE, tmp_path).resolve_asset_graph()
    parents = {k.to_user_string(): {p.to_user_string() for p in graph.get(k).parent_keys}
               for k in graph.get_all_asset_keys()}
    assert parents == {
        "crawl": set(), "documents": {"crawl"}, "figures": {"documents"},
        "normalised_figures": {"figures"}, "warehouse_tables": {"normalised_figures"},
        "results": {"warehouse_tables"},
    }
    groups = {k.to_user_string(): graph.get(k).group_name for k in graph.get_all_asset_keys()}
    assert groups["crawl"] == "crawl" and groups["results"] == "warehouse"
    assert graph.get(dg.AssetKey("crawl")).partitions_def.get_partition_keys() == [
        "sample-sonoivu-backan", "sample-bao-cchc"]


def test_nightly_schedule_requests_every_source_at_two_in_vietnam(tmp_path):
    defs = build_definitions(SAMPLE, tmp_path)
    schedule = defs.resolve_schedule_def("nightly")
    assert schedule.cron_schedule == "0 2 * * *"
    assert schedule.execution_timezone == "Asia/Ho_Chi_Minh"
    with dg.instance_for_test() as instance:
        ctx = dg.build_schedule_context(instance=instance, repository_def=defs.get_repository_def(),
                                        scheduled_execution_time=datetime(2026, 11, 21, 19, 0, tzinfo=timezone.utc))
        requests = list(schedule.evaluate_tick(ctx).run_requests)
    assert sorted(r.partition_key for r in requests) == ["sample-bao-cchc", "sample-sonoivu-backan"]


def test_crawl_retries_and_warehouse_writers_share_one_pool(tmp_path):
    graph = build_definitions(SAMPLE, tmp_path).resolve_asset_graph()
    crawl = graph.get(dg.AssetKey("crawl")).assets_def
    assert crawl.op.retry_policy.max_retries >= 1
    for key in ("warehouse_tables", "results"):
        assert graph.get(dg.AssetKey(key)).assets_def.op.pool == "warehouse"


def test_second_run_on_the_same_data_refuses(tmp_path):
    data = tmp_path / "data"
    with run_lock(data):
        out = subprocess.run([sys.executable, "-m", "parwatch", "run", "--sources", str(SAMPLE), "--data", str(data)],
                             capture_output=True, text=True, timeout=120, cwd=REPO)
    assert out.returncode == 3
    assert "another parwatch run" in out.stderr


def test_definitions_validate(tmp_path):
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path), "PARWATCH_DATA": str(tmp_path / "data")}
    out = subprocess.run([str(Path(sys.executable).parent / "dagster"), "definitions", "validate", "-w", "workspace.yaml"],
                         capture_output=True, text=True, timeout=180, cwd=REPO, env=env)
    assert out.returncode == 0, out.stderr[-2000:]


def _freshness_check(tmp_path):
    from pipelines.checks import build_freshness_check
    from pipelines.partitions import source_partitions
    from pipelines.resources import ParwatchResource

    check = build_freshness_check(source_partitions(str(SAMPLE)))
    resource = ParwatchResource(sources_file=str(SAMPLE), data_dir=str(tmp_path), freshness_days=3)
    return lambda: check(parwatch=resource)


def _status(tmp_path, source_id, **times):
    import json
    path = tmp_path / "crawl-state" / "status" / f"{source_id}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(times))


def test_freshness_warns_for_a_source_without_success_for_days(tmp_path):
    now = datetime.now(timezone.utc)
    old = (now.replace(microsecond=0) - __import__("datetime").timedelta(days=5)).isoformat()
    recent = now.replace(microsecond=0).isoformat()
    _status(tmp_path, "sample-sonoivu-backan", first_attempt=old, last_attempt=recent, last_success=old)
    _status(tmp_path, "sample-bao-cchc", first_attempt=old, last_attempt=recent, last_success=recent)
    result = _freshness_check(tmp_path)()
    assert result.passed is False
    assert result.severity == dg.AssetCheckSeverity.WARN
    assert "sample-sonoivu-backan" in result.metadata["stale_sources"].value
    assert "sample-bao-cchc" not in result.metadata["stale_sources"].value


def test_freshness_passes_when_every_source_fetched_recently(tmp_path):
    recent = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    for sid in ("sample-sonoivu-backan", "sample-bao-cchc"):
        _status(tmp_path, sid, first_attempt=recent, last_attempt=recent, last_success=recent)
    assert _freshness_check(tmp_path)().passed is True
