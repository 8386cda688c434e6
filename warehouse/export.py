"""A plain release of the warehouse: files any tool reads without Delta Lake.

One Parquet (or CSV) file per table, hive-partitioned by year for figures and results so a
researcher can read one year alone; DATASET.md beside the data; release.json with each
table's Delta version, row count, every file's sha256 and a citation line naming those
versions. Rows are written sorted by their natural key, so the same versions always give
byte-identical data files (and the same checksums).
"""
from __future__ import annotations

import hashlib
import json
import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from warehouse.arrowio import read_table
from warehouse.schema import TABLES

if TYPE_CHECKING:
    from warehouse.store import AsOf, Warehouse

FORMATS = ("parquet", "csv")
DATASET_MD = Path(__file__).with_name("DATASET.md")
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"  # what Spark, DuckDB and pyarrow read as a null year


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _flatten_for_csv(table: pa.Table) -> pa.Table:
    """CSV has no lists: list columns become JSON arrays in text."""
    for i, field in enumerate(table.schema):
        if pa.types.is_list(field.type) or pa.types.is_large_list(field.type):
            values = [None if v is None else json.dumps(v, ensure_ascii=False)
                      for v in table.column(i).to_pylist()]
            table = table.set_column(i, pa.field(field.name, pa.string()), pa.array(values, pa.string()))
    return table


def _write(table: pa.Table, path: Path, fmt: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        pq.write_table(table, path, compression="zstd")
    else:
        pacsv.write_csv(_flatten_for_csv(table), path)


def _write_table(name: str, data: pa.Table, out: Path, fmt: str) -> list[Path]:
    key = TABLES[name].key
    if data.num_rows:
        data = data.sort_by([(key, "ascending")])
    part = TABLES[name].export_partition
    if part is None:
        path = out / name / f"{name}.{fmt}"
        _write(data, path, fmt)
        return [path]
    files = []
    column = data.column(part)
    values = sorted({v for v in column.to_pylist()}, key=lambda v: (v is None, v))
    for value in values:
        mask = pc.is_null(column) if value is None else pc.equal(column, value)
        chunk = data.filter(mask).drop_columns([part])
        label = NULL_PARTITION if value is None else str(value)
        path = out / name / f"{part}={label}" / f"part-0.{fmt}"
        _write(chunk, path, fmt)
        files.append(path)
    if not files:  # an empty table still gets a file, so its columns are documented
        path = out / name / f"{name}.{fmt}"
        _write(data, path, fmt)
        files.append(path)
    return files


def export_release(warehouse: "Warehouse", out: Path, fmt: str = "parquet", as_of: "AsOf" = None) -> Path:
    """Write the release under `out` and return the path of its release.json."""
    if fmt not in FORMATS:
        raise ValueError(f"export format {fmt!r}: expected one of {FORMATS}")
    out.mkdir(parents=True, exist_ok=True)
    for name in TABLES:  # a re-export replaces the previous files, never mixes with them
        shutil.rmtree(out / name, ignore_errors=True)
    snapshot = warehouse.snapshot(as_of)
    tables = {}
    for name, dt in snapshot.items():
        data = TABLES[name].schema.empty_table() if dt is None else read_table(dt)
        files = _write_table(name, data, out, fmt)
        tables[name] = {
            "version": None if dt is None else dt.version(),
            "rows": data.num_rows,
            "partitioned_by": TABLES[name].export_partition,
            "files": [{"path": p.relative_to(out).as_posix(), "bytes": p.stat().st_size, "sha256": _sha256(p)}
                      for p in files],
        }
    if DATASET_MD.exists():
        shutil.copyfile(DATASET_MD, out / "DATASET.md")
    created = datetime.now(timezone.utc).replace(microsecond=0)
    versions = ", ".join(f"{n} v{t['version']}" for n, t in tables.items() if t["version"] is not None)
    release = {
        "name": "parwatch: Vietnam PAR Index (Chỉ số CCHC) results",
        "created_at": created.isoformat().replace("+00:00", "Z"),
        "format": fmt,
        "as_of": None if as_of is None else str(as_of),
        "tables": tables,
        "citation": (f"parwatch PAR Index dataset, release of {created.date().isoformat()} "
                     f"(Delta table versions: {versions or 'none'}); figures extracted from public "
                     f"Vietnamese government documents, each traceable to its source URL and archived copy."),
    }
    path = out / "release.json"
    path.write_text(json.dumps(release, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
