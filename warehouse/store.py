"""The warehouse: four Delta Lake tables, loaded by MERGE on natural keys, read through DuckDB.

Why it is shaped this way:
- A load first diffs the incoming rows against the stored (key, row_hash) pairs, then commits
  only new and changed rows (and, for a `replace` load, the removal of vanished ones) in one
  Delta commit. Reloading the same input therefore commits nothing and the table version stays
  put; a changed row is rewritten and the old one stays reachable through Delta's history.
- Delta commits are atomic (the data files are written first, the log entry last), so a
  writer killed at any point leaves the table at its previous version; a reader pins one
  version's file list and sees a consistent snapshot while a write is under way.
- Readers get DuckDB views over Arrow datasets built by deltalake itself, so no DuckDB
  extension is downloaded and any storage deltalake reaches (local, file://, S3) works.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Mapping

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
from deltalake import CommitProperties, DeltaTable, WriterProperties, write_deltalake

from warehouse.arrowio import dataset, read_table
from warehouse.asof import AsOf, parse_as_of
from warehouse.hashing import row_hashes
from warehouse.incoming import dedupe_last, to_arrow
from warehouse.schema import CHECK_HASH, FIGURE_CHECK_COLUMNS, LOADED_AT, ROW_HASH, TABLES, TableSpec, spec

Replace = str | tuple[str, Iterable[Any]] | None

# Row groups small enough that a filter on one province skips most of a million figures.
WRITER = WriterProperties(max_row_group_size=65_536)
# What checks and reconciliation read of a figure (not its quote or provenance: less to convert).
RECONCILE_COLUMNS = ("figure_id", "doc", "index", "year", "unit_level", "unit_name", "unit_code", "province_code",
                     "field", "metric", "value", "denominator", "kind", "text", "peer_group", "doc_genre",
                     "table_index", "table_row", "extras_json")
# Above this many changed keys a "key IN (...)" predicate gets slow; rewrite the table instead.
PREDICATE_KEYS_MAX = 2_000


@dataclass(frozen=True)
class MergeResult:
    table: str
    version: int  # the table's version after the load (unchanged when nothing changed)
    inserted: int
    updated: int
    unchanged: int
    deleted: int = 0  # rows a `replace` load removed

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.updated or self.deleted)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _sql_literal(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


class Warehouse:
    """The Delta tables `fetches`, `documents`, `figures`, `results` under one root."""

    predicate_keys_max = PREDICATE_KEYS_MAX

    def __init__(self, root: Path | str, storage_options: dict | None = None):
        self.storage_options = dict(storage_options) if storage_options else None
        text = str(root)
        if "://" in text:
            self.root_uri = text.rstrip("/")
        else:
            path = Path(root).expanduser().resolve()
            self.root_uri = str(path)
        self._local = "://" not in self.root_uri or self.root_uri.startswith("file://")

    # -- locations -------------------------------------------------------------------------
    @property
    def root_path(self) -> Path | None:
        """The root as a local path; None for remote storage (s3://, gs://, ...)."""
        if "://" not in self.root_uri:
            return Path(self.root_uri)
        if self.root_uri.startswith("file://"):
            return Path(self.root_uri.removeprefix("file://"))
        return None

    def uri(self, table: str) -> str:
        return f"{self.root_uri}/{spec(table).name}"

    def _open(self, table: str, version: int | datetime | None = None) -> DeltaTable | None:
        """The table at `version` (None = latest); None when it does not exist (yet)."""
        uri = self.uri(table)
        if not DeltaTable.is_deltatable(uri, storage_options=self.storage_options):
            return None
        dt = DeltaTable(uri, storage_options=self.storage_options)
        if version is None:
            return dt
        if isinstance(version, int):
            dt.load_as_version(min(version, dt.version()))
            return dt
        try:
            dt.load_as_version(version)
        except Exception:  # the table did not exist yet at that time
            return None
        # history() of a time-travelled table is unreliable: ask the latest one
        latest = DeltaTable(uri, storage_options=self.storage_options)
        committed = {h.get("version"): h.get("timestamp") for h in latest.history()}
        first_ms = committed.get(dt.version())
        if first_ms is not None and first_ms > version.timestamp() * 1000:
            return None  # deltalake falls back to the first version for earlier times
        return dt

    # -- writing ---------------------------------------------------------------------------
    def _prepare(self, sp: TableSpec, rows: pa.Table | Iterable[dict]) -> pa.Table:
        data = dedupe_last(to_arrow(sp.name, rows, sp.input_schema), sp.key)
        data = data.append_column(pa.field(ROW_HASH, pa.string(), False), row_hashes(data, sp.content_columns))
        if CHECK_HASH in sp.schema.names:
            data = data.append_column(pa.field(CHECK_HASH, pa.string(), False),
                                      row_hashes(data, list(FIGURE_CHECK_COLUMNS)))
        loaded = pa.array([_now()] * data.num_rows, sp.schema.field(LOADED_AT).type)
        data = data.append_column(sp.schema.field(LOADED_AT), loaded)
        return data.select(sp.schema.names).cast(sp.schema)

    def _diff(self, dt: DeltaTable, sp: TableSpec, data: pa.Table, hash_col: str) -> tuple[pa.Table, int, int]:
        """The incoming rows that are new or changed, and how many of each."""
        stored = read_table(dt, [sp.key, hash_col])
        con = duckdb.connect()
        try:
            con.register("stored", stored)
            con.register("incoming", data.select([sp.key, hash_col]).append_column(
                "_pos", pa.array(range(data.num_rows), pa.int64())))
            diff = con.sql(
                f'SELECT i._pos, s."{sp.key}" IS NULL AS is_new FROM incoming i '
                f'LEFT JOIN stored s ON s."{sp.key}" = i."{sp.key}" '
                f'WHERE s."{sp.key}" IS NULL OR s."{hash_col}" IS DISTINCT FROM i."{hash_col}" ORDER BY i._pos'
            ).to_arrow_table()
        finally:
            con.close()
        inserted = pc.sum(diff.column("is_new").cast(pa.int64())).as_py() or 0
        return data.take(diff.column("_pos")), inserted, diff.num_rows - inserted

    def _commit_meta(self, table: str, operation: str, inserted: int, updated: int,
                     deleted: int = 0) -> CommitProperties:
        return CommitProperties(custom_metadata={
            "parwatch.operation": operation, "parwatch.table": table,
            "parwatch.inserted": str(inserted), "parwatch.updated": str(updated),
            "parwatch.deleted": str(deleted),
        })

    def merge(self, table: str, rows: pa.Table | Iterable[dict], *, replace: Replace = None) -> MergeResult:
        """MERGE rows into `table` on its natural key; commits nothing when nothing changed.

        replace: None (default) only inserts and updates. ("doc", [ids]) says the rows are the
        complete new content for those values of that column (e.g. every figure of the
        re-read documents), so stored rows there that the input lacks are deleted. "all" says
        the rows are the whole table. Deletions go in the same single commit.
        """
        sp = spec(table)
        data = self._prepare(sp, rows)
        dt = self._open(table)
        if dt is None:
            if sp.cluster_by:
                data = data.sort_by([(c, "ascending") for c in sp.cluster_by])
            write_deltalake(self.uri(table), data, mode="error", storage_options=self.storage_options,
                            writer_properties=WRITER,
                            commit_properties=self._commit_meta(table, "create", data.num_rows, 0))
            return MergeResult(table, self._open(table).version(), data.num_rows, 0, 0)
        changes, inserted, updated = self._diff(dt, sp, data, ROW_HASH)
        stale = self._stale_keys(dt, sp, data, replace)
        unchanged = data.num_rows - changes.num_rows
        if changes.num_rows == 0 and len(stale) == 0:
            return MergeResult(table, dt.version(), 0, 0, unchanged)
        self._merge_rows(dt, sp, changes, inserted, self._commit_meta(table, "merge", inserted, updated, len(stale)),
                         remove=stale)
        return MergeResult(table, dt.version(), inserted, updated, unchanged, len(stale))

    def _stale_keys(self, dt: DeltaTable, sp: TableSpec, data: pa.Table, replace: Replace) -> pa.Array:
        """Stored keys inside the replaced scope that the incoming rows no longer carry."""
        if replace is None:
            return pa.array([], pa.string())
        if replace == "all":
            stored = read_table(dt, [sp.key])
            in_scope = stored.column(sp.key)
        else:
            try:
                column, values = replace
            except (TypeError, ValueError):
                raise ValueError(f"{sp.name}: replace must be None, 'all' or (column, values), not {replace!r}") from None
            if column not in sp.schema.names:
                raise ValueError(f"{sp.name}: replace names unknown column {column!r}")
            stored = read_table(dt, list(dict.fromkeys([sp.key, column])))
            value_set = pa.array(list(values), stored.schema.field(column).type)
            in_scope = stored.filter(pc.is_in(stored.column(column), value_set=value_set)).column(sp.key)
        keep = pc.is_in(in_scope, value_set=data.column(sp.key))
        return in_scope.filter(pc.invert(keep)).combine_chunks()

    def _merge_rows(self, dt: DeltaTable, sp: TableSpec, source: pa.Table, inserted: int,
                    meta: CommitProperties, remove: pa.Array | None = None) -> None:
        """Commit new and changed rows (full rows) in one Delta transaction.

        - only new rows: an append;
        - a few changed rows: a predicate overwrite ("replace where key in (...)") that drops
          their old versions and adds the new ones atomically;
        - many changed rows: the table rewritten in one overwrite commit (the key list would
          make the predicate slow; a rewrite of a million figures takes about a second).
        We avoid Delta MERGE: deltalake's MERGE writes string columns as `string_view`, which
        pyarrow datasets (and DuckDB through them) cannot filter or prune on.
        Every path is a single commit, so a crash leaves the previous version intact. Old rows
        stay reachable through time travel until a VACUUM.
        """
        if sp.cluster_by:  # rows sorted by what researchers filter on: row groups prune well
            source = source.sort_by([(c, "ascending") for c in sp.cluster_by])
        common = dict(schema_mode="merge", commit_properties=meta, writer_properties=WRITER)
        remove = pa.array([], pa.string()) if remove is None else remove
        touched = pa.concat_arrays([source.column(sp.key).combine_chunks().cast(pa.string()), remove.cast(pa.string())])
        if inserted == source.num_rows and len(remove) == 0:
            write_deltalake(dt, source, mode="append", **common)
        elif len(touched) <= self.predicate_keys_max:
            keys = ", ".join(_sql_literal(k) for k in touched.to_pylist())
            write_deltalake(dt, source, mode="overwrite", predicate=f'"{sp.key}" IN ({keys})', **common)
        else:
            current = read_table(dt)
            kept = current.filter(pc.invert(pc.is_in(current.column(sp.key), value_set=touched)))
            merged = pa.concat_tables([kept.cast(sp.schema), source.cast(sp.schema)])
            if sp.cluster_by:
                merged = merged.sort_by([(c, "ascending") for c in sp.cluster_by])
            write_deltalake(dt, merged, mode="overwrite", **common)
        dt.update_incremental()

    def store_figure_checks(self, outcomes: Mapping[str, tuple[list[str], list[str], str | None]]) -> MergeResult:
        """Write cross-figure check outcomes onto stored figures; unchanged outcomes commit nothing."""
        sp = spec("figures")
        dt = self._open("figures")
        if dt is None or not outcomes:
            return MergeResult("figures", -1 if dt is None else dt.version(), 0, 0, len(outcomes))
        ids = list(outcomes)
        checks = pa.table({
            "figure_id": pa.array(ids, pa.string()),
            "checks_passed": pa.array([outcomes[i][0] for i in ids], sp.schema.field("checks_passed").type),
            "checks_failed": pa.array([outcomes[i][1] for i in ids], sp.schema.field("checks_failed").type),
            "check_notes": pa.array([outcomes[i][2] for i in ids], pa.string()),
        })
        checks = checks.append_column(CHECK_HASH, row_hashes(checks, list(FIGURE_CHECK_COLUMNS)))
        changes, _, _ = self._diff(dt, sp, checks, CHECK_HASH)
        stored = read_table(dt)
        stored = stored.filter(pc.is_in(stored.column("figure_id"), value_set=changes.column("figure_id")))
        if stored.num_rows == 0:  # ids unknown to the table are not ours to insert
            return MergeResult("figures", dt.version(), 0, 0, len(ids))
        order = pc.index_in(stored.column("figure_id"), value_set=changes.column("figure_id"))
        fresh = changes.take(order)
        for col in (*FIGURE_CHECK_COLUMNS, CHECK_HASH):
            stored = stored.set_column(stored.schema.get_field_index(col), sp.schema.field(col), fresh.column(col))
        stored = stored.set_column(stored.schema.get_field_index(LOADED_AT), sp.schema.field(LOADED_AT),
                                   pa.array([_now()] * stored.num_rows, sp.schema.field(LOADED_AT).type))
        self._merge_rows(dt, sp, stored.cast(sp.schema), 0, self._commit_meta("figures", "checks", 0, stored.num_rows))
        return MergeResult("figures", dt.version(), 0, stored.num_rows, len(ids) - stored.num_rows)

    def rebuild_results(self, *, full: bool = False) -> MergeResult:
        """Recompute `results` (and the figures' cross-checks) from the figures table.

        Only units whose figures changed since the last rebuild are redone (warehouse.rebuild);
        full=True redoes everything. An unchanged figures table changes nothing.
        """
        from warehouse.rebuild import rebuild_results

        return rebuild_results(self, full=full)

    # -- reading ---------------------------------------------------------------------------
    def versions(self) -> dict[str, int]:
        """Latest version of each table; -1 for a table not created yet."""
        out = {}
        for name in TABLES:
            dt = self._open(name)
            out[name] = -1 if dt is None else dt.version()
        return out

    def row_counts(self, as_of: AsOf = None) -> dict[str, int]:
        snap = self.snapshot(as_of)
        return {name: (0 if dt is None else dt.to_pyarrow_dataset().count_rows()) for name, dt in snap.items()}

    def snapshot(self, as_of: AsOf = None) -> dict[str, DeltaTable | None]:
        """Each table pinned at the version `as_of` names (see connect)."""
        point = parse_as_of(as_of)
        out = {}
        for name in TABLES:
            version = point.get(name) if isinstance(point, dict) else point
            out[name] = self._open(name, version)
        return out

    def read(self, table: str, as_of: AsOf = None) -> pa.Table:
        """One table as Arrow (the declared schema, even when the table does not exist yet)."""
        dt = self.snapshot(as_of)[spec(table).name]
        if dt is None:
            return spec(table).schema.empty_table()
        return read_table(dt)

    def connect(self, as_of: AsOf = None) -> duckdb.DuckDBPyConnection:
        """A DuckDB connection with views figures, results, documents, fetches.

        as_of: None (latest); an int N (each table at version N, or its latest if it has fewer);
        {"figures": 3, ...} or "figures=3,results=2" (per table, others latest); or an ISO
        timestamp / datetime (each table as it was then; consistent across tables).
        """
        con = duckdb.connect()
        con.execute("SET TimeZone = 'UTC'")
        for name, dt in self.snapshot(as_of).items():
            source = spec(name).schema.empty_table() if dt is None else dataset(dt)
            con.register(name, source)
        return con

    def query(self, sql: str, as_of: AsOf = None) -> pa.Table:
        con = self.connect(as_of)
        try:
            return con.sql(sql).to_arrow_table()
        finally:
            con.close()

    def history(self, table: str) -> list[dict]:
        dt = self._open(table)
        return [] if dt is None else dt.history()

    def export(self, out_dir: Path, fmt: str = "parquet", as_of: AsOf = None) -> Path:
        from warehouse.export import export_release

        return export_release(self, Path(out_dir), fmt=fmt, as_of=as_of)
