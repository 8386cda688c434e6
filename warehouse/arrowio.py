"""Reading Delta tables as Arrow.

Readers get the pyarrow dataset deltalake builds for the pinned version: DuckDB pushes its
filters and projections into it, and parquet row-group statistics prune what a filter rules
out. That works because every file in our tables has plain `string` columns: the warehouse
never writes through deltalake's MERGE, which would write `string_view` files that pyarrow
cannot filter together with `string` ones (store.Warehouse._merge_rows).
"""
from __future__ import annotations

import pyarrow as pa
import pyarrow.dataset as pads
from deltalake import DeltaTable


def dataset(dt: DeltaTable) -> pads.Dataset:
    """The table's pinned version as a dataset DuckDB can push filters into."""
    return dt.to_pyarrow_dataset()


def read_table(dt: DeltaTable, columns: list[str] | None = None) -> pa.Table:
    """The table's pinned version (or some columns) as one Arrow table."""
    return dt.to_pyarrow_dataset().to_table(columns=columns)
