"""The `parwatch` command as a user runs it (subprocesses, real files)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "sample_site" / "content" / "seeds"


def parwatch(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "parwatch", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def test_extract_prints_contract_records_with_exact_spans():
    seed = SEEDS / "004_a0d4a148a81e99b5.txt"
    out = parwatch("extract", str(seed), "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    text = seed.read_text(encoding="utf-8")
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert records
    keys = {"doc", "index", "year", "unit", "field", "field_raw", "metric", "value", "denominator",
            "kind", "text", "span", "quote"}
    for r in records:
        assert keys <= r.keys()
        assert r["doc"] == str(seed)
        s, e = r["span"]
        assert text[s:e] == r["text"]
    assert any(r["text"] == "88,21/100" and r["value"] == 88.21 and r["unit"]["code"] == "063" for r in records)


def test_extract_goes_on_after_an_unreadable_file(tmp_path):
    missing = tmp_path / "khong-co.txt"
    garbage = tmp_path / "rac.pdf"
    garbage.write_bytes(b"\x00\x01 not a pdf at all")
    seed = SEEDS / "000_95df9147540bbfa5.txt"
    out = parwatch("extract", str(missing), str(garbage), str(seed))
    assert out.returncode == 1
    assert str(missing) in out.stderr and str(garbage) in out.stderr
    docs = {json.loads(line)["doc"] for line in out.stdout.splitlines()}
    assert docs == {str(seed)}


def test_extract_table_format():
    out = parwatch("extract", str(SEEDS / "000_95df9147540bbfa5.txt"), "--format", "table")
    assert out.returncode == 0, out.stderr
    assert "81,81/100" in out.stdout and "Thành phố Bắc Kạn" in out.stdout


def test_query_without_a_warehouse_says_so(tmp_path):
    out = parwatch("query", "SELECT 1", "--data", str(tmp_path / "none"))
    assert out.returncode == 2
    assert "no warehouse" in out.stderr


def test_run_with_a_bad_sources_file_names_it(tmp_path):
    bad = tmp_path / "sources.yaml"
    bad.write_text("sources:\n  - id: Bad Id\n    name: x\n    start_urls: [ftp://x]\n", encoding="utf-8")
    out = parwatch("run", "--sources", str(bad), "--data", str(tmp_path / "data"))
    assert out.returncode == 2
    assert str(bad) in out.stderr and "slug" in out.stderr


def test_crawl_dry_run_lists_what_a_crawl_would_fetch(tmp_path):
    from sample_site.server import SampleSite

    with SampleSite(port=0) as site:
        sources = tmp_path / "sources.yaml"
        sources.write_text((REPO / "sources" / "sample.yaml").read_text(encoding="utf-8")
                           .replace("http://127.0.0.1:8765", site.base_url), encoding="utf-8")
        out = parwatch("crawl", "--sources", str(sources), "--source", "sample-sonoivu-backan", "--dry-run",
                       cwd=tmp_path)
        fetched = {path for path, _, _ in site.log}
    assert out.returncode == 0, out.stderr
    planned = dict(reversed(line.split("\t")) for line in out.stdout.splitlines())
    assert any("thanh-pho-bac-kan" in url for url in planned)
    assert not any("hoi-thao-the-thao" in url for url in planned)  # off topic: not even listed
    # A dry run reads only robots.txt, listings, feeds and sitemaps; it archives nothing.
    assert not any(p.endswith(".html") and "/tin-tuc/" in p and p != "/sonoivu/tin-tuc/" for p in fetched)
    assert not (tmp_path / "data").exists()


def test_crawl_names_an_unknown_source(tmp_path):
    out = parwatch("crawl", "--sources", str(REPO / "sources" / "sample.yaml"), "--source", "nope", "--dry-run")
    assert out.returncode == 2 and "nope" in out.stderr
