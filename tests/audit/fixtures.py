"""Test data for the audit and report tests: the bundled sample site crawled into a data dir.

`shared_sample(tmp_path_factory)` runs the real pipeline (crawl → documents → figures →
warehouse) on the sample site once per session; tests/audit and tests/report share it.
"""
from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def sources_for(site, tmp: Path) -> Path:
    """sources/sample.yaml pointed at a SampleSite on an ephemeral port."""
    text = (REPO / "sources" / "sample.yaml").read_text(encoding="utf-8")
    path = tmp / "sources.yaml"
    path.write_text(text.replace("http://127.0.0.1:8765", site.base_url), encoding="utf-8")
    return path


_shared: dict | None = None


def shared_sample(tmp_path_factory) -> dict:
    """The sample site (running for the rest of the test session) and one pipeline run over it,
    built once per session and shared by tests/audit and tests/report (a run takes ~20 s).
    Tests that edit site.pages must restore them."""
    global _shared
    if _shared is None:
        import atexit

        from sample_site.server import SampleSite

        tmp = tmp_path_factory.mktemp("sample-run")
        site = SampleSite(port=0).start()
        atexit.register(site.stop)
        data = pipeline_data(tmp, site)
        _shared = {"site": site, "data": data, "sources": sources_for(site, tmp), "tmp": tmp}
    return _shared


def pipeline_data(tmp: Path, site) -> Path:
    from parwatch.runner import run_pipeline

    data = tmp / "data"
    report = run_pipeline(sources_for(site, tmp), data)
    assert not report.failed, f"pipeline run on the sample site failed: {report.failed}"
    return data
