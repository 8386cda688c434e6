"""A writer killed mid-write leaves every table readable at its previous version, and readers
during a write see one consistent version (real subprocesses, real Delta tables)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from deltalake import DeltaTable

from warehouse import Warehouse

from .writer_child import batch

REPO = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("writer_child.py")


def _start_writer(root: Path, mode: str, n: int) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, str(CHILD), str(root), mode, str(n)], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    assert line.strip() == "ready", proc.stderr.read()
    return proc


def _kill(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


@pytest.mark.parametrize("mode", ["append", "update"])
def test_writer_killed_mid_write_leaves_the_previous_version(tmp_path, mode):
    """append: each load adds a batch; update: each load rewrites every row (the table rewrite
    path). Either way a kill while data files are being written leaves the last commit."""
    n = 200_000
    wh = Warehouse(tmp_path / "warehouse")
    wh.merge("fetches", batch(1, n, mode))
    table_dir = Path(wh.uri("fetches"))
    caught_mid_write = False
    for _ in range(6):
        version = wh.versions()["fetches"]
        before = set(os.listdir(table_dir))
        proc = _start_writer(tmp_path / "warehouse", mode, n)
        try:
            # the first new entry in the table directory is a data file being written; its
            # commit (a new file under _delta_log) comes only after it is complete
            while not (set(os.listdir(table_dir)) - before):
                assert proc.poll() is None, proc.stderr.read()
        finally:
            _kill(proc)
        dt = DeltaTable(str(table_dir))  # the table opens
        now = dt.version()
        row = wh.query("SELECT count(*) AS n, count(DISTINCT status) AS s FROM fetches").to_pylist()[0]
        if mode == "append":
            assert row["n"] == n * (now + 1)  # never a partial batch
        else:
            assert row == {"n": n, "s": 1}  # never a half-rewritten table
        assert wh.row_counts()["fetches"] == row["n"]
        if now == version:
            orphans = set(os.listdir(table_dir)) - before
            live = {Path(u).name for u in dt.file_uris()}
            assert orphans and not orphans & live  # written, never committed, invisible
            caught_mid_write = True
            break
    assert caught_mid_write, "the writer was never caught between writing data and committing"
    # the warehouse takes the next load as if nothing happened
    res = wh.merge("fetches", batch(99, 10, "append"))
    assert res.version == now + 1 and res.inserted == 10


def test_reader_during_writes_sees_one_consistent_version(tmp_path):
    n = 50_000
    wh = Warehouse(tmp_path / "warehouse")
    wh.merge("fetches", batch(1, n, "update"))  # every row has status 1
    proc = _start_writer(tmp_path / "warehouse", "update", n)
    seen = set()
    try:
        assert proc.stdout.readline().startswith("committed")
        for _ in range(200):
            row = wh.query("SELECT count(*) AS n, count(DISTINCT status) AS s, min(status) AS v "
                           "FROM fetches").to_pylist()[0]
            assert row["n"] == n and row["s"] == 1, row  # whole versions only, never a mix
            seen.add(row["v"])
            if len(seen) >= 3:
                break
    finally:
        _kill(proc)
    assert len(seen) >= 2  # the reads really overlapped the writer's loads
