"""Incoming rows -> an Arrow table of a table's declared input schema, or a clear error.

Callers hand the warehouse dicts (the pipeline) or Arrow tables (bulk loads, the benchmark).
Either way a row that does not fit is refused with the table, the column and the reason,
before anything is written.
"""
from __future__ import annotations

from typing import Any, Iterable

import pyarrow as pa
import pyarrow.compute as pc

from warehouse.rows import parse_date, parse_timestamp


def to_arrow(table: str, rows: pa.Table | Iterable[dict], schema: pa.Schema) -> pa.Table:
    """Rows (dicts or an Arrow table) cast to `schema`; unknown or missing columns are errors."""
    if isinstance(rows, pa.Table):
        missing = [n for n in schema.names if n not in rows.column_names]
        if missing:
            raise ValueError(f"{table}: input lacks columns {missing}")
        data = rows.select(schema.names)
    else:
        rows = list(rows)
        names = set(schema.names)
        for i, r in enumerate(rows):
            extra = set(r) - names
            if extra:
                raise ValueError(f"{table} row {i}: unknown columns {sorted(extra)}")
        rows = _coerce_times(table, rows, schema)
        loose = pa.schema([f.with_nullable(True) for f in schema])  # nulls are checked below, by name
        try:
            data = pa.Table.from_pylist(rows, schema=loose)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as e:
            raise ValueError(f"{table}: rows do not fit the declared schema: {e}") from None
    for f in schema:
        if not f.nullable and data.column(f.name).null_count:
            raise ValueError(f"{table}: column {f.name!r} is required but {data.column(f.name).null_count} "
                             f"row(s) leave it empty")
    try:
        return data.cast(schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as e:
        raise ValueError(f"{table}: rows do not fit the declared schema: {e}") from None


def _coerce_times(table: str, rows: list[dict], schema: pa.Schema) -> list[dict]:
    """ISO strings in timestamp/date columns (as fetch records carry them) -> datetime/date."""
    ts = [f.name for f in schema if pa.types.is_timestamp(f.type)]
    ds = [f.name for f in schema if pa.types.is_date(f.type)]
    if not any(isinstance(r.get(c), str) for r in rows for c in ts + ds):
        return rows
    out = []
    for r in rows:
        r = dict(r)
        for c in ts:
            if isinstance(r.get(c), str):
                r[c] = parse_timestamp(r[c], what=f"{table}.{c}")
        for c in ds:
            if isinstance(r.get(c), str):
                r[c] = parse_date(r[c])
        out.append(r)
    return out


def dedupe_last(data: pa.Table, key: str) -> pa.Table:
    """Keep the last row per key: a batch that repeats a key means its later row wins."""
    keys = data.column(key)
    if pc.count_distinct(keys).as_py() == data.num_rows:
        return data
    last: dict[Any, int] = {}
    for i, k in enumerate(keys.to_pylist()):
        last[k] = i
    return data.take(sorted(last.values()))
