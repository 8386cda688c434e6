"""A crawl killed mid-run loses nothing it archived, and the next run picks up the rest."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from crawler import Archive, crawl_source

from .conftest import source_for
from .sites import drupal_site

ROOT = Path(__file__).resolve().parents[2]


def test_killed_crawl_resumes_without_loss(site, tmp_path, settings):
    drupal_site(site, n_pages=2)
    src = source_for(site, "/tin-tuc")
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from crawler import Archive, CrawlSettings, Source, crawl_source
        src = Source.model_validate_json({src.model_dump_json()!r})
        seen = []
        def progress(line):
            if " ok " in line and ("article" in line or "attachment" in line):
                seen.append(line)
                if len(seen) == 3:
                    os._exit(17)   # no cleanup, no close: like a killed process
        crawl_source(src, Archive({str(tmp_path / "arch")!r}), settings=CrawlSettings(backoff_base=0.01),
                     progress=progress)
    """)
    proc = subprocess.run([sys.executable, "-c", script], timeout=60)
    assert proc.returncode == 17
    archive = Archive(tmp_path / "arch")
    rows = archive.index_rows()
    assert rows and not list((tmp_path / "arch").rglob("*.tmp"))
    for row in rows:
        assert archive.read(row["record_id"]).status == 200
    resumed = crawl_source(src, archive, settings=settings)
    archived = {r["url"] for r in archive.index_rows()}
    expected = {site.base + p for p in (
        "/tin-tuc/cai-cach-hanh-chinh-ket-qua-0", "/tin-tuc/cai-cach-hanh-chinh-ket-qua-1", "/files/QD-0.pdf",
        "/files/QD-1.pdf", "/files/BaoCao-0.docx", "/files/BaoCao-1.docx", "/tin-tuc/sipas-2024")}
    assert expected <= archived
    assert len(resumed.documents) == len(expected) - 3, "the three archived before the kill are not re-fetched"
    archive.close()
