"""Per-source hand-off files between pipeline stages (DATA/staging/<stage>/<source>.jsonl).

Each file holds a stage's whole current output for one source, so any stage can be re-run
alone and the warehouse load is a MERGE of the same rows (no change when nothing changed).
Writes are atomic (temporary file, fsync, rename): a killed run leaves the previous file.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Iterable, Iterator

from documents.model import Cell, Document, Table
from extractors.figure import Figure, Unit


def write_jsonl(path: Path, records: Iterable[dict]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for rec in records:
                f.write(json.dumps(rec, ensure_ascii=False, sort_keys=True, default=str))
                f.write("\n")
                n += 1
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n


def read_jsonl(path: Path) -> Iterator[dict]:
    if not path.exists():
        return
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def document_to_json(doc: Document) -> dict:
    return asdict(doc)


def document_from_json(d: dict) -> Document:
    d = dict(d)
    d["tables"] = [
        Table(index=t["index"], page=t.get("page"),
              rows=[[Cell(c["text"], tuple(c["span"]) if c.get("span") else None) for c in row] for row in t["rows"]])
        for t in d.get("tables", [])
    ]
    d["pages"] = [tuple(p) for p in d.get("pages", [])]
    known = Document.__dataclass_fields__
    return Document(**{k: v for k, v in d.items() if k in known})


def figure_to_json(fig: Figure) -> dict:
    d = asdict(fig)
    d["span"] = list(fig.span)
    return d


def figure_from_json(d: dict) -> Figure:
    d = dict(d)
    d["unit"] = Unit(**d["unit"])
    d["span"] = tuple(d["span"])
    known = Figure.__dataclass_fields__
    return Figure(**{k: v for k, v in d.items() if k in known})


class Staging:
    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, stage: str, source_id: str) -> Path:
        return self.root / stage / f"{source_id}.jsonl"

    def read(self, stage: str, source_id: str) -> list[dict]:
        return list(read_jsonl(self.path(stage, source_id)))

    def write(self, stage: str, source_id: str, records: Iterable[dict]) -> int:
        return write_jsonl(self.path(stage, source_id), records)
