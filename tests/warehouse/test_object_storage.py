"""The warehouse on S3-compatible object storage, through deltalake's storage options.

A local S3 endpoint (moto's server, in its own process on 127.0.0.1, port 0) stands in for
the bucket: same code, same URIs and options as against a real S3/MinIO/R2 bucket.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys

import boto3
import pytest

from warehouse import Warehouse

from .conftest import fetch_record


@pytest.fixture(scope="module")
def s3_endpoint():
    # its own process: deltalake holds the GIL during I/O, so an in-process server would deadlock
    proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", "0"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    endpoint = None
    for line in proc.stderr:
        m = re.search(r"Running on (http://127\.0\.0\.1:\d+)", line)
        if m:
            endpoint = m.group(1)
            break
    assert endpoint, "the local S3 endpoint did not start"
    yield endpoint
    proc.terminate()
    proc.wait(timeout=10)


def _bucket(endpoint: str, name: str) -> dict:
    boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test",
                 region_name="us-east-1").create_bucket(Bucket=name)
    return {"AWS_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
            "AWS_REGION": "us-east-1", "AWS_ALLOW_HTTP": "true",
            # one writer at a time (the pipeline's warehouse pool); see warehouse/SCALING.md
            "AWS_S3_ALLOW_UNSAFE_RENAME": "true"}


def test_tables_on_an_s3_bucket(s3_endpoint, tmp_path, seed_rows):
    drow, frows = seed_rows
    opts = _bucket(s3_endpoint, "parwatch")
    wh = Warehouse("s3://parwatch/warehouse", storage_options=opts)
    wh.merge("fetches", [fetch_record(1), fetch_record(2)])
    wh.merge("documents", [drow])
    wh.merge("figures", frows)
    first = wh.rebuild_results()
    before = wh.versions()
    # reloading the same input commits nothing, on object storage too
    assert not wh.merge("figures", frows).changed and not wh.rebuild_results().changed
    assert wh.versions() == before
    res = wh.merge("fetches", [fetch_record(1, status=500), fetch_record(2)])
    assert (res.updated, res.version) == (1, before["fetches"] + 1)
    assert wh.query("SELECT status FROM fetches WHERE fetch_id = 'f00001'").to_pylist() == [{"status": 500}]
    assert wh.query("SELECT status FROM fetches WHERE fetch_id = 'f00001'", as_of=0).to_pylist() == [{"status": 200}]
    assert wh.row_counts()["results"] == first.inserted
    release = json.loads(wh.export(tmp_path / "release").read_text(encoding="utf-8"))
    assert release["tables"]["figures"]["rows"] == len(frows)
    # a second client sees the same tables from the bucket alone
    other = Warehouse("s3://parwatch/warehouse/", storage_options=opts)
    assert other.versions() == wh.versions()
