"""Declared schemas and natural keys of the four warehouse tables.

One place says what each column is typed as and whether it may be null; rows are cast to
these schemas on the way in, so a bad value fails loudly at load time instead of drifting
the table's schema. DATASET.md documents every column listed here (a test keeps them in step).
"""
from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

TS = pa.timestamp("us", tz="UTC")
STRINGS = pa.list_(pa.string())

# Bookkeeping columns every table carries; not part of the row's content hash.
ROW_HASH = "row_hash"  # md5 of the content columns: the merge compares this to skip unchanged rows
LOADED_AT = "loaded_at"  # when this version of the row was written


def _f(name: str, type_: pa.DataType, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable)


def _bookkeeping() -> list[pa.Field]:
    return [_f(ROW_HASH, pa.string(), False), _f(LOADED_AT, TS, False)]


FETCHES = pa.schema([
    _f("fetch_id", pa.string(), False),
    _f("source_id", pa.string()),
    _f("url", pa.string(), False),
    _f("final_url", pa.string()),
    _f("kind", pa.string()),
    _f("status", pa.int32()),
    _f("outcome", pa.string()),
    _f("reason", pa.string()),
    _f("content_type", pa.string()),
    _f("bytes", pa.int64()),
    _f("sha256", pa.string()),
    _f("record_id", pa.string()),
    _f("warc_file", pa.string()),
    _f("warc_offset", pa.int64()),
    _f("fetched_at", TS),
    _f("etag", pa.string()),
    _f("last_modified", pa.string()),
    _f("elapsed_ms", pa.float64()),
    *_bookkeeping(),
])

DOCUMENTS = pa.schema([
    _f("doc_id", pa.string(), False),
    _f("source_id", pa.string()),
    _f("url", pa.string()),
    _f("record_id", pa.string()),
    _f("sha256", pa.string()),
    _f("fetched_at", TS),
    _f("published_at", pa.date32()),
    _f("title", pa.string()),
    _f("genre", pa.string(), False),
    _f("content_type", pa.string(), False),
    _f("status", pa.string(), False),
    _f("current", pa.bool_(), False),
    _f("error", pa.string()),
    _f("ocr", pa.bool_(), False),
    _f("n_chars", pa.int64(), False),
    _f("n_tables", pa.int32(), False),
    _f("n_pages", pa.int32(), False),
    _f("text", pa.string(), False),
    _f("tables_json", pa.string(), False),
    _f("pages_json", pa.string(), False),
    *_bookkeeping(),
])

# Check columns of a figure are derived from *other* figures too (normalizers.checks), so they
# are compared separately (CHECK_HASH) and do not make a re-extracted figure look changed.
CHECK_HASH = "check_hash"
FIGURE_CHECK_COLUMNS = ("checks_passed", "checks_failed", "check_notes")

FIGURES = pa.schema([
    _f("figure_id", pa.string(), False),
    _f("doc", pa.string(), False),
    _f("index", pa.string(), False),
    _f("year", pa.int32()),
    _f("unit_level", pa.string(), False),
    _f("unit_name", pa.string()),
    _f("unit_code", pa.string()),
    _f("province_code", pa.string()),
    _f("field", pa.string(), False),
    _f("field_raw", pa.string()),
    _f("criteria_set", pa.string()),
    _f("metric", pa.string(), False),
    _f("value", pa.float64(), False),
    _f("denominator", pa.float64()),
    _f("kind", pa.string(), False),
    _f("text", pa.string(), False),
    _f("span_start", pa.int64(), False),
    _f("span_end", pa.int64(), False),
    _f("quote", pa.string()),
    _f("page", pa.int32()),
    _f("table_index", pa.int32()),
    _f("table_row", pa.int32()),
    _f("table_col", pa.int32()),
    _f("peer_group", pa.string()),
    _f("source_id", pa.string()),
    _f("source_url", pa.string()),
    _f("record_id", pa.string()),
    _f("doc_sha256", pa.string()),
    _f("doc_genre", pa.string(), False),
    _f("fetched_at", TS),
    _f("published_at", pa.date32()),
    _f("extractor_version", pa.string(), False),
    _f("extras_json", pa.string()),
    _f("checks_passed", STRINGS, False),
    _f("checks_failed", STRINGS, False),
    _f("check_notes", pa.string()),
    _f(CHECK_HASH, pa.string(), False),
    *_bookkeeping(),
])

RESULTS = pa.schema([
    _f("result_id", pa.string(), False),
    _f("index", pa.string(), False),
    _f("year", pa.int32()),
    _f("unit_level", pa.string(), False),
    _f("unit_code", pa.string()),
    _f("unit_name", pa.string()),
    _f("province_code", pa.string()),
    _f("province_code_2025", pa.string()),
    _f("province_name_2025", pa.string()),
    _f("field", pa.string(), False),
    _f("kind", pa.string(), False),
    _f("score", pa.float64()),
    _f("score_max", pa.float64()),
    _f("score_pct", pa.float64()),
    _f("rank", pa.int32()),
    _f("rank_of", pa.int32()),
    _f("peer_group", pa.string()),
    _f("source_genre", pa.string()),
    _f("n_figures", pa.int32(), False),
    _f("n_documents", pa.int32(), False),
    _f("figure_ids", STRINGS, False),
    _f("doc_ids", STRINGS, False),
    _f("conflict", pa.bool_(), False),
    _f("conflict_values", STRINGS, False),
    _f("checks_failed", STRINGS, False),
    _f("n_failing_figures", pa.int32(), False),
    *_bookkeeping(),
])


@dataclass(frozen=True)
class TableSpec:
    name: str
    schema: pa.Schema
    key: str  # natural key column (one column; composite keys are spelled into it)
    hash_exclude: tuple[str, ...] = ()  # content columns left out of ROW_HASH
    export_partition: str | None = None  # hive partition column of the plain-file release
    cluster_by: tuple[str, ...] = ()  # rows are written sorted by these, so filters prune row groups

    @property
    def content_columns(self) -> list[str]:
        skip = {ROW_HASH, LOADED_AT, CHECK_HASH, *self.hash_exclude}
        return [n for n in self.schema.names if n not in skip]

    @property
    def input_schema(self) -> pa.Schema:
        """What callers hand to merge: everything but the bookkeeping the warehouse computes."""
        drop = {ROW_HASH, LOADED_AT, CHECK_HASH}
        return pa.schema([f for f in self.schema if f.name not in drop])


TABLES: dict[str, TableSpec] = {
    "fetches": TableSpec("fetches", FETCHES, "fetch_id"),
    "documents": TableSpec("documents", DOCUMENTS, "doc_id"),
    "figures": TableSpec("figures", FIGURES, "figure_id", hash_exclude=FIGURE_CHECK_COLUMNS,
                         export_partition="year", cluster_by=("province_code", "year", "unit_code")),
    "results": TableSpec("results", RESULTS, "result_id", export_partition="year",
                         cluster_by=("province_code", "year", "unit_code")),
}


def spec(table: str) -> TableSpec:
    try:
        return TABLES[table]
    except KeyError:
        raise ValueError(f"unknown warehouse table {table!r}; expected one of {sorted(TABLES)}") from None
