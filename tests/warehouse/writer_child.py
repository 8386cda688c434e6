"""A writer process for the crash and snapshot tests: loads batches into `fetches` until killed.

usage: writer_child.py ROOT MODE BATCH
  append: each load adds BATCH new rows (ids b{k}-{i}), so every committed version holds
          a multiple of BATCH rows.
  update: each load rewrites the same BATCH rows with status = k, so every committed version
          holds one status value across all rows.
Prints "ready" before the first load and "committed VERSION" after each one.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pyarrow as pa

from warehouse import Warehouse
from warehouse.schema import TABLES


def batch(k: int, n: int, mode: str) -> pa.Table:
    schema = TABLES["fetches"].input_schema
    ids = pa.array([f"b{k if mode == 'append' else 0}-{i}" for i in range(n)], pa.string())
    cols = {f.name: pa.nulls(n, f.type) for f in schema}
    cols["fetch_id"] = ids
    cols["url"] = ids
    cols["status"] = pa.array([k] * n, pa.int32())
    return pa.table(cols, schema=schema)


def main() -> None:
    root, mode, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    wh = Warehouse(root)
    print("ready", flush=True)
    k = 1
    while True:
        k += 1
        result = wh.merge("fetches", batch(k, n, mode))
        print("committed", result.version, flush=True)


if __name__ == "__main__":
    main()
